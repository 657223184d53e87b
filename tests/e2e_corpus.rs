//! End to end over the whole corpus: the crate generated from
//! `GRAPH_DOCS_DIR` is built with `client` and `mock`, and its
//! `tests/e2e_*.rs` send every documented exchange through the client to the
//! mock and decode the answer through the request's typed response. Prints
//! the count per area and the reasons for everything that did not decode or
//! was not sent, and asserts that at least 90% of the bound request examples
//! of both versions decoded.
//!
//! Runs when `GRAPH_DOCS_DIR` is set and `MSGRAPH_E2E_CORPUS=1` (it builds
//! the full crate with client and mock, a second full build beside
//! tests/corpus.rs's, in `MSGRAPH_FULL_BUILD_TARGET` when set so the two
//! share dependencies). CI leaves it off to stay within its time budget;
//! run it by hand for the figure. The same runner over the operations
//! fixtures runs everywhere (an action's parameters struct as the body, a
//! stream, a get): the e2e tests must compile for every kind of request.

#[path = "support/skip.rs"]
mod skip;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn docs_dir() -> Option<PathBuf> {
    let dir = skip::env_dir("GRAPH_DOCS_DIR")?;
    if std::env::var("MSGRAPH_E2E_CORPUS").ok().as_deref() != Some("1") {
        skip::skip("MSGRAPH_E2E_CORPUS is not 1: a second full-corpus build, with client and mock, left to a run by hand");
        return None;
    }
    Some(dir)
}

/// Per area: (sent, decoded); and failures per reason class.
#[derive(Default)]
struct Tally {
    areas: BTreeMap<String, (u64, u64)>,
    failures: BTreeMap<String, Vec<String>>,
}

/// Read the runner's `e2e` and `e2e-fail` lines.
fn tally(output: &str) -> Tally {
    let mut t = Tally::default();
    for line in output.lines() {
        if let Some(rest) = line.strip_prefix("e2e ") {
            let Some((label, counts)) = rest.split_once(": ") else { continue };
            let nums: Vec<u64> = counts.split(", ").filter_map(|p| p.rsplit(' ').next()?.parse().ok()).collect();
            if let [sent, decoded, _] = nums[..] {
                t.areas.insert(label.to_string(), (sent, decoded));
            }
        } else if let Some(rest) = line.strip_prefix("e2e-fail ") {
            let mut parts = rest.splitn(3, ": ");
            let (example, class, reason) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            t.failures.entry(class.to_string()).or_default().push(format!("{example}: {reason}"));
        }
    }
    t
}

#[test]
fn every_area_sends_its_documented_exchanges_through_the_client() {
    let Some(docs) = docs_dir() else { return };
    let api = msgraph_docgen::load_unchecked(&docs, &[], &[]).expect("load the corpus");
    let exchanges = msgraph_docgen::model::exchanges::exchanges(&api);
    let tmp = tempfile::tempdir().expect("temp dir");
    let target = std::env::var_os("MSGRAPH_FULL_BUILD_TARGET").map(PathBuf::from).unwrap_or_else(|| tmp.path().join("target"));
    let started = std::time::Instant::now();
    let t = run_e2e(&docs, "msgraph-e2e", &target, &["e2e_v1_0", "e2e_beta"]);
    eprintln!("generate, then cargo test (client, mock) of the generated crate: {:?}", started.elapsed());

    eprintln!("| area | sent | decoded |");
    for (area, (sent, decoded)) in &t.areas {
        eprintln!("| {area} | {sent} | {decoded} |");
    }
    let sent: u64 = t.areas.values().map(|a| a.0).sum();
    let decoded: u64 = t.areas.values().map(|a| a.1).sum();
    // Bound request examples: those sent, and those bound but not sent.
    let not_sent: BTreeMap<&str, usize> = exchanges.skipped.iter().filter(|(r, _)| **r != "unbound_request").map(|(r, n)| (*r, *n)).collect();
    let bound = exchanges.exchanges.len() as u64 + not_sent.values().sum::<usize>() as u64;
    eprintln!("bound request examples: {bound}; sent {sent}; decoded {decoded} ({:.1}%)", 100.0 * decoded as f64 / bound.max(1) as f64);
    eprintln!("not sent, by reason: {not_sent:?}");
    for version in ["v1.0", "beta"] {
        let of = t.areas.iter().filter(|(a, _)| a.starts_with(&format!("{version} ")));
        let (n, s, d) = of.fold((0, 0, 0), |(n, s, d), (_, (sent, dec))| (n + 1, s + sent, d + dec));
        eprintln!("{version}: {n} areas, sent {s}, decoded {d}");
    }
    // Every failure, grouped by its reason with the particulars taken out
    // (JSON pointer, type names, quoted names), most frequent first.
    for (class, list) in &t.failures {
        eprintln!("did not decode ({class}): {}", list.len());
        let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for f in list {
            let (example, reason) = f.split_once(": ").unwrap_or((f, ""));
            groups.entry(reason_key(reason)).or_default().push(example);
        }
        let mut groups: Vec<_> = groups.into_iter().collect();
        groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        for (key, examples) in groups {
            eprintln!("    {} × {key}: {}", examples.len(), examples.join(", "));
        }
    }
    assert_eq!(sent, exchanges.exchanges.len() as u64, "every exchange was sent");
    assert!(t.areas.len() > 50, "{} areas", t.areas.len());
    assert!(decoded * 10 >= bound * 9, "{decoded} of {bound} bound request examples decoded end to end (< 90%)");
}

/// Generate `docs` into a temporary crate, run its e2e tests (client and
/// mock on) in `target`, and tally their output.
fn run_e2e(docs: &Path, name: &str, target: &Path, tests: &[&str]) -> Tally {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join(name);
    msgraph_docgen::Builder::new().docs(docs).out_dir(&out).crate_name(name).cargo_metadata(false).generate().expect("generate");
    let manifest = out.join("Cargo.toml");
    let toml = std::fs::read_to_string(&manifest).expect("Cargo.toml");
    std::fs::write(&manifest, toml + "\n[workspace]\n").expect("write Cargo.toml");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut args = vec!["test", "--offline", "--quiet", "--features", "client,mock"];
    for t in tests {
        args.extend(["--test", t]);
    }
    args.extend(["--", "--nocapture"]);
    let run = std::process::Command::new(cargo).args(&args).current_dir(&out).env("CARGO_TARGET_DIR", target).output().expect("cargo runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "the e2e tests of {} failed:\n{}", docs.display(), stderr.lines().rev().take(60).collect::<Vec<_>>().join("\n"));
    tally(&stderr)
}

#[test]
fn the_fixture_exchanges_go_end_to_end() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let docs = root.join("tests/fixtures/operations");
    let api = msgraph_docgen::load_unchecked(&docs, &[], &[]).expect("load the fixtures");
    let exchanges = msgraph_docgen::model::exchanges::exchanges(&api);
    assert!(exchanges.exchanges.iter().any(|e| e.method == "POST"), "the fixtures hold a request with a body");
    let t = run_e2e(&docs, "e2e-fixture", &root.join("target/fixture-crates"), &["e2e_v1_0"]);
    let sent: u64 = t.areas.values().map(|a| a.0).sum();
    let decoded: u64 = t.areas.values().map(|a| a.1).sum();
    assert_eq!(sent, exchanges.exchanges.len() as u64, "every exchange was sent: {:?}", t.areas);
    assert_eq!(decoded, sent, "every fixture exchange decodes: {:?}", t.failures);
}

/// A failure's reason without its particulars: the leading JSON pointer,
/// qualified type names and `quoted` names become placeholders, the rest of
/// a JSON parse error is dropped.
fn reason_key(reason: &str) -> String {
    let r = match reason.split_once(": ") {
        Some((pointer, rest)) if pointer.starts_with('/') => rest,
        _ => reason,
    };
    let words: Vec<String> = r
        .split(' ')
        .map(|w| {
            let bare = w.trim_end_matches([',', ':', ')']);
            if bare.starts_with("microsoft.graph.") {
                w.replacen(bare, "T", 1)
            } else if bare.len() > 1 && bare.starts_with('`') && bare.ends_with('`') {
                w.replacen(bare, "`…`", 1)
            } else {
                w.to_string()
            }
        })
        .collect();
    let key = words.join(" ");
    match key.find("EOF while parsing") {
        Some(i) => key[..i].trim_end().trim_end_matches(':').to_string(),
        None => key,
    }
}
