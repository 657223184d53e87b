//! Incremental, atomic output and check mode, on fixture trees written here
//! (own wording), and on the two corpus snapshots when GRAPH_DOCS_DIR and
//! GRAPH_DOCS_OLD_DIR are set.

#[path = "support/skip.rs"]
mod skip;

use msgraph_docgen::write::{MANIFEST, MARKER};
use msgraph_docgen::Builder;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

fn page(title: &str, area: &str, method: &str, path: &str, scope: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndescription: \"A fixture operation for the write tests.\"\nms.prod: \"{area}\"\ndoc_type: apiPageType\n---\n\n\
# {title}\n\nNamespace: microsoft.graph\n\nAn operation made up for the tests.\n\n## Permissions\n\n\
| Permission type | Permissions (from least to most privileged) |\n| :-- | :-- |\n\
| Delegated (work or school account) | {scope} |\n| Delegated (personal Microsoft account) | Not supported. |\n| Application | {scope} |\n\n\
## HTTP request\n\n```http\n{method} {path}\n```\n\n## Response\n\nOn success the operation answers with `204 No Content`.\n"
    )
}

/// A docs tree: (file name under v1.0/api, area, method, path, scope).
fn docs(dir: &Path, pages: &[(&str, &str, &str, &str, &str)]) {
    let api = dir.join("api-reference/v1.0/api");
    if api.exists() {
        std::fs::remove_dir_all(&api).unwrap();
    }
    std::fs::create_dir_all(&api).unwrap();
    for (file, area, method, path, scope) in pages {
        std::fs::write(api.join(file), page(file, area, method, path, scope)).unwrap();
    }
}

const V1: &[(&str, &str, &str, &str, &str)] = &[
    ("widget-delete.md", "widgets", "DELETE", "/widgets/{id}", "Widget.ReadWrite"),
    ("gadget-delete.md", "gadgets", "DELETE", "/gadgets/{id}", "Gadget.ReadWrite"),
    ("gizmo-delete.md", "gizmos", "DELETE", "/gizmos/{id}", "Gizmo.ReadWrite"),
];

/// V1 with the widget scope changed and the gizmo page (and area) gone.
const V2: &[(&str, &str, &str, &str, &str)] = &[
    ("widget-delete.md", "widgets", "DELETE", "/widgets/{id}", "Widget.ReadWrite.All"),
    ("gadget-delete.md", "gadgets", "DELETE", "/gadgets/{id}", "Gadget.ReadWrite"),
];

fn gen(docs: &Path, out: &Path) -> Builder {
    let mut b = Builder::new();
    b.docs(docs).out_dir(out).cargo_metadata(false);
    b
}

/// Every file under `dir`: relative path → (bytes, mtime), leaving out the
/// machine-local output cache (rewritten by every run that parses; not part
/// of the output).
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() && e.file_name() != msgraph_docgen::cache::CACHE {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, (std::fs::read(e.path()).unwrap(), e.metadata().unwrap().modified().unwrap()));
        }
    }
    out
}

fn bytes_only(s: &BTreeMap<String, (Vec<u8>, SystemTime)>) -> BTreeMap<String, Vec<u8>> {
    s.iter().map(|(k, (b, _))| (k.clone(), b.clone())).collect()
}

/// Make sure a rewrite would show in the mtime (coarse file system clocks).
fn tick() {
    std::thread::sleep(std::time::Duration::from_millis(1100));
}

#[test]
fn unchanged_files_keep_their_mtime() {
    let tmp = tempfile::tempdir().unwrap();
    let (d, out) = (tmp.path().join("docs"), tmp.path().join("out"));
    docs(&d, V1);
    gen(&d, &out).generate().unwrap();
    let before = snapshot(&out);
    tick();
    // The same input again: nothing is written.
    let g = gen(&d, &out).generate().unwrap();
    assert!(g.stats.written.is_empty() && g.stats.created.is_empty() && g.stats.removed.is_empty(), "{:?}", g.stats);
    assert_eq!(snapshot(&out), before);

    docs(&d, V2);
    let g = gen(&d, &out).generate().unwrap();
    let after = snapshot(&out);
    assert!(!g.stats.written.is_empty(), "the widget scope change must rewrite a file");
    for (rel, (bytes, mtime)) in &after {
        let (old_bytes, old_mtime) = before.get(rel).expect("no file is created by removing a page");
        if bytes == old_bytes {
            assert_eq!(mtime, old_mtime, "{rel} is unchanged but was rewritten");
            assert!(!g.stats.written.contains(rel));
        } else {
            assert_ne!(mtime, old_mtime, "{rel} changed but kept its mtime");
            assert!(g.stats.written.contains(rel), "{rel} changed but is not reported");
        }
    }
    // The gizmo module went with its page.
    let gone: Vec<&String> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    assert!(gone.iter().any(|k| k.contains("gizmos")), "{gone:?}");
    assert_eq!(gone.len(), g.stats.removed.len(), "{gone:?} vs {:?}", g.stats.removed);
    // What is there is exactly a fresh generation.
    let fresh = tmp.path().join("fresh");
    gen(&d, &fresh).generate().unwrap();
    assert_eq!(bytes_only(&after), bytes_only(&snapshot(&fresh)));
}

#[test]
fn only_the_generators_own_files_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let (d, out) = (tmp.path().join("docs"), tmp.path().join("out"));
    docs(&d, V1);
    gen(&d, &out).generate().unwrap();
    let gizmo = snapshot(&out).into_keys().find(|k| k.contains("gizmos")).expect("a gizmos module file");
    // Files the user put there: one unlisted, one listed without the marker
    // (a generated file the user took over), one with the marker but unlisted.
    std::fs::write(out.join("NOTES.md"), "mine\n").unwrap();
    std::fs::write(out.join("src/handmade.rs"), "// written by hand\n").unwrap();
    std::fs::write(out.join("src/lookalike.rs"), format!("// {MARKER} — but not in the manifest\n")).unwrap();
    let taken_over = snapshot(&out).into_keys().find(|k| k.ends_with("gadgets.rs")).unwrap();
    let mut manifest = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
    manifest.push_str("src/handmade.rs\n../outside.rs\n");
    std::fs::write(out.join(MANIFEST), manifest).unwrap();
    std::fs::write(tmp.path().join("outside.rs"), format!("// {MARKER}\n")).unwrap();

    // Remove the gizmo and the gadget pages: the gadget file was taken over.
    docs(&d, &V2[..1]);
    std::fs::write(out.join(&taken_over), "// now the user's\n").unwrap();
    let g = gen(&d, &out).generate().unwrap();
    assert_eq!(g.stats.removed, vec![gizmo.clone()]);
    assert!(!out.join(&gizmo).exists());
    for kept in ["NOTES.md", "src/handmade.rs", "src/lookalike.rs", taken_over.as_str()] {
        assert!(out.join(kept).exists(), "{kept} was removed");
    }
    assert!(tmp.path().join("outside.rs").exists());
    let manifest = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
    assert!(!manifest.contains("gizmos") && !manifest.contains("handmade"), "{manifest}");
}

#[test]
fn a_failure_midway_leaves_the_previous_output() {
    let tmp = tempfile::tempdir().unwrap();
    let (d, out) = (tmp.path().join("docs"), tmp.path().join("out"));
    docs(&d, V1);
    gen(&d, &out).generate().unwrap();
    let before = snapshot(&out);
    docs(&d, V2);
    // Fail at every step of the write in turn (temporary files, then renames),
    // until the step count is past the end and the run succeeds.
    let mut failures = 0;
    for n in 0..100 {
        match gen(&d, &out).fail_after(n).generate() {
            Err(e) => {
                failures += 1;
                assert!(e.to_string().contains("injected"), "{e}");
                assert_eq!(snapshot(&out), before, "failure at step {n} changed the output");
            }
            Ok(g) => {
                assert!(!g.stats.written.is_empty());
                break;
            }
        }
    }
    // At least one temporary file and one rename were interrupted.
    assert!(failures >= 2, "only {failures} failures injected");
    let after = snapshot(&out);
    assert!(after.keys().all(|k| !k.contains("msgraph-docgen-tmp") && !k.contains("msgraph-docgen-old")), "{:?}", after.keys());
    let fresh = tmp.path().join("fresh");
    gen(&d, &fresh).generate().unwrap();
    assert_eq!(bytes_only(&after), bytes_only(&snapshot(&fresh)));
}

#[test]
fn a_failure_while_files_are_streamed_out_leaves_the_previous_output() {
    // A full run stages each file as soon as it is formatted (no injected
    // failure, so that path is taken); a folder where a changed file must go
    // stops it midway.
    let tmp = tempfile::tempdir().unwrap();
    let (d, out) = (tmp.path().join("docs"), tmp.path().join("out"));
    docs(&d, V1);
    gen(&d, &out).generate().unwrap();
    let blocked = out.join("src/v1_0/widgets.rs");
    assert!(blocked.is_file());
    std::fs::remove_file(&blocked).unwrap();
    std::fs::create_dir(&blocked).unwrap();
    let before = snapshot(&out);
    docs(&d, V2);
    let e = gen(&d, &out).generate().err().expect("a folder is in the way");
    assert!(e.to_string().contains("folder is in the way"), "{e}");
    assert_eq!(snapshot(&out), before);
    assert!(blocked.is_dir());
}

#[test]
fn a_failure_on_a_new_output_folder_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (d, out) = (tmp.path().join("docs"), tmp.path().join("out"));
    docs(&d, V1);
    assert!(gen(&d, &out).fail_after(3).generate().is_err());
    assert!(snapshot(&out).is_empty(), "{:?}", snapshot(&out).keys());
}

#[test]
fn check_mode_lists_stale_missing_and_extra_files_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (d, out) = (tmp.path().join("docs"), tmp.path().join("out"));
    docs(&d, V1);
    gen(&d, &out).generate().unwrap();
    let bin = env!("CARGO_BIN_EXE_msgraph-docgen");
    let check = || std::process::Command::new(bin).arg("generate").arg("--check").arg("--docs").arg(&d).arg("--out").arg(&out).output().unwrap();
    let r = check();
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));

    let lib = snapshot(&out).into_keys().find(|k| k.ends_with("widgets.rs")).unwrap();
    std::fs::remove_file(out.join(&lib)).unwrap();
    docs(&d, V2);
    let before = snapshot(&out);
    let r = check();
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.lines().any(|l| l.starts_with("missing: ") && l.ends_with("widgets.rs")), "{err}");
    assert!(err.lines().any(|l| l.starts_with("extra: ") && l.contains("gizmos")), "{err}");
    assert!(err.lines().any(|l| l.starts_with("stale: ") && l.ends_with("Cargo.toml")), "{err}");
    assert_eq!(snapshot(&out), before, "check mode wrote something");

    let g = gen(&d, &out).check(true).generate().unwrap();
    assert!(!g.stats.is_fresh());
    gen(&d, &out).generate().unwrap();
    assert!(gen(&d, &out).check(true).generate().unwrap().stats.is_fresh());
    assert_eq!(check().status.code(), Some(0));
}

#[test]
fn single_file_output_bundles_every_module() {
    let tmp = tempfile::tempdir().unwrap();
    let (d, out) = (tmp.path().join("docs"), tmp.path().join("out"));
    docs(&d, V1);
    gen(&d, &out).single_file("graph").generate().unwrap();
    let files: Vec<String> = snapshot(&out).into_keys().collect();
    assert_eq!(files, vec![MANIFEST.to_string(), "graph.rs".to_string()]);
    let text = std::fs::read_to_string(out.join("graph.rs")).unwrap();
    let file = syn::parse_file(&text).expect("the bundle parses");
    assert!(file.attrs.is_empty(), "inner attributes cannot be included");
    let mods: Vec<String> = file.items.iter().filter_map(|i| if let syn::Item::Mod(m) = i { Some(m.ident.to_string()) } else { None }).collect();
    assert_eq!(mods, vec!["support", "v1_0"]);
    assert!(!text.contains("mod types;"), "a module was left out of line");
    // The including crate declares none of the generated crate's features:
    // no gate on one may remain, at any depth (types, registry entries).
    assert!(!text.contains("feature ="), "a feature gate was left in the bundle");
    for area in ["widgets", "gadgets", "gizmos"] {
        assert!(text.contains(&format!("pub mod {area} {{")), "{area} missing");
    }
    assert!(gen(&d, &out).single_file("../x").generate().is_err());
}

#[test]
fn corpus_update_rewrites_only_changed_files() {
    let (Some(new), Some(old)) =
        (std::env::var_os("GRAPH_DOCS_DIR").filter(|v| !v.is_empty()), std::env::var_os("GRAPH_DOCS_OLD_DIR").filter(|v| !v.is_empty()))
    else {
        skip::skip("GRAPH_DOCS_DIR and GRAPH_DOCS_OLD_DIR are not both set");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("KEEP.md"), "not generated\n").unwrap();
    let run = |docs: &std::ffi::OsStr| {
        let mut b = Builder::new();
        b.docs(docs).out_dir(&out).cargo_metadata(false);
        // Kept to a slice of the corpus so the debug-build test stays short.
        for g in CORPUS_SLICE {
            b.include(*g);
        }
        b.generate().unwrap()
    };
    run(&old);
    let before = snapshot(&out);
    tick();
    let g = run(&new);
    let after = snapshot(&out);
    let mut same = 0;
    for (rel, (bytes, mtime)) in &after {
        match before.get(rel) {
            Some((b, m)) if b == bytes => {
                same += 1;
                assert_eq!(mtime, m, "{rel} is unchanged but was rewritten");
            }
            Some((_, m)) => assert_ne!(mtime, m, "{rel} changed but kept its mtime"),
            None => assert!(g.stats.created.contains(rel), "{rel} appeared unreported"),
        }
    }
    assert!(same > 0 && !g.stats.written.is_empty(), "expected both unchanged and changed files: {same} same, {:?}", g.stats);
    let removed: Vec<&String> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    assert_eq!(removed.len(), g.stats.removed.len());
    assert!(after.contains_key("KEEP.md"));
    let fresh = tmp.path().join("fresh");
    let mut b = Builder::new();
    b.docs(&new).out_dir(&fresh).cargo_metadata(false);
    for g in CORPUS_SLICE {
        b.include(*g);
    }
    b.generate().unwrap();
    let mut expect = bytes_only(&snapshot(&fresh));
    expect.insert("KEEP.md".into(), b"not generated\n".to_vec());
    assert_eq!(bytes_only(&after), expect);
}

const CORPUS_SLICE: &[&str] = &["v1.0/api/user-*.md", "v1.0/api/call*.md", "beta/api/team*.md", "v1.0/api/group-*.md"];
