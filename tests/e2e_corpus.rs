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
//! run it by hand for the figure.

use std::collections::BTreeMap;
use std::path::PathBuf;

fn docs_dir() -> Option<PathBuf> {
    match std::env::var_os("GRAPH_DOCS_DIR") {
        Some(d) if std::path::Path::new(&d).is_dir() && std::env::var("MSGRAPH_E2E_CORPUS").ok().as_deref() == Some("1") => Some(PathBuf::from(d)),
        _ => {
            eprintln!("GRAPH_DOCS_DIR unset or MSGRAPH_E2E_CORPUS is not 1: end-to-end corpus run skipped");
            None
        }
    }
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
    let exchanges = msgraph_docgen::load_exchanges(&docs, &[], &[]).expect("load the corpus");
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("msgraph-e2e");
    let started = std::time::Instant::now();
    msgraph_docgen::Builder::new().docs(&docs).out_dir(&out).crate_name("msgraph-e2e").cargo_metadata(false).generate().expect("generate the whole corpus");
    eprintln!("generate: {:?}", started.elapsed());
    let target = std::env::var_os("MSGRAPH_FULL_BUILD_TARGET").map(PathBuf::from).unwrap_or_else(|| tmp.path().join("target"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let started = std::time::Instant::now();
    let run = std::process::Command::new(cargo)
        .args(["test", "--quiet", "--features", "client,mock", "--test", "e2e_v1_0", "--test", "e2e_beta", "--", "--nocapture"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo runs");
    eprintln!("cargo test (client, mock) of the generated crate: {:?}", started.elapsed());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "the e2e tests failed:\n{}", stderr.lines().rev().take(60).collect::<Vec<_>>().join("\n"));
    let t = tally(&stderr);

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
    for (class, list) in &t.failures {
        eprintln!("did not decode ({class}): {}", list.len());
        for f in list.iter().take(5) {
            eprintln!("    {f}");
        }
    }
    assert_eq!(sent, exchanges.exchanges.len() as u64, "every exchange was sent");
    assert!(t.areas.len() > 50, "{} areas", t.areas.len());
    assert!(decoded * 10 >= bound * 9, "{decoded} of {bound} bound request examples decoded end to end (< 90%)");
}
