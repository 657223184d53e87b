//! The output cache: a rerun with unchanged inputs writes nothing and skips
//! parsing; any change to the inputs or to a generated file defeats it.

use std::path::PathBuf;

fn docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs-input")
}

fn generate(docs: &std::path::Path, out: &std::path::Path) -> msgraph_docgen::Generated {
    msgraph_docgen::Builder::new().docs(docs).out_dir(out).cargo_metadata(false).generate().expect("generate")
}

#[test]
fn rerun_hits_the_cache_and_changes_defeat_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let first = generate(&docs(), &out);
    assert!(!first.cached && first.api.is_some());
    assert!(!first.stats.created.is_empty());

    let second = generate(&docs(), &out);
    assert!(second.cached, "unchanged inputs should be answered by the cache");
    assert!(second.api.is_none());
    assert!(second.stats.is_fresh() && second.stats.unchanged > 0);
    // The diagnostics and the report are replayed.
    assert_eq!(second.diagnostics, first.diagnostics);
    assert_eq!(second.report["examples"], first.report["examples"]);
    assert_eq!(second.report["files"]["written"], 0);

    // A hand edit to a generated file: no cache, the file is restored.
    let lib = out.join("src/lib.rs");
    let original = std::fs::read(&lib).unwrap();
    std::fs::write(&lib, b"// edited\n").unwrap();
    let third = generate(&docs(), &out);
    assert!(!third.cached);
    assert_eq!(third.stats.written, ["src/lib.rs"]);
    assert_eq!(std::fs::read(&lib).unwrap(), original);

    // A changed page: no cache.
    let docs_copy = tmp.path().join("docs");
    for entry in walkdir::WalkDir::new(docs()) {
        let entry = entry.unwrap();
        let dest = docs_copy.join(entry.path().strip_prefix(docs()).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
    assert!(generate(&docs_copy, &out).cached, "same bytes from another folder still hit");
    let page = docs_copy.join("api-reference/v1.0/api/call-delete.md");
    let text = std::fs::read_to_string(&page).unwrap().replace("Delete call", "Remove call");
    std::fs::write(&page, text).unwrap();
    let fourth = generate(&docs_copy, &out);
    assert!(!fourth.cached);
    assert!(fourth.stats.written.iter().any(|f| f == "src/v1_0/cloud_communications.rs"), "{:?}", fourth.stats.written);
}

#[test]
fn check_mode_never_writes_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let g = msgraph_docgen::Builder::new().docs(docs()).out_dir(&out).check(true).cargo_metadata(false).generate().unwrap();
    assert!(!g.stats.is_fresh());
    assert!(!out.join(msgraph_docgen::cache::CACHE).exists());
}

/// Every file under `dir` but the cache, with its bytes.
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.file_name() != msgraph_docgen::cache::CACHE)
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn a_first_run_and_a_run_past_a_stale_cache_agree() {
    // Without a cache each page is read, parsed and freed in one go; with
    // one, every page is read first and parsed only when the cache does not
    // answer. Both must give the same output, and the same cache.
    let tmp = tempfile::tempdir().unwrap();
    let (first, past) = (tmp.path().join("first"), tmp.path().join("past"));
    let a = generate(&docs(), &first);
    std::fs::create_dir_all(&past).unwrap();
    std::fs::write(past.join(msgraph_docgen::cache::CACHE), b"{\"inputs\": \"stale\"}").unwrap();
    let b = generate(&docs(), &past);
    assert!(!a.cached && !b.cached);
    assert!(!tree(&first).is_empty());
    assert_eq!(tree(&first), tree(&past));
    assert_eq!(a.diagnostics, b.diagnostics);
    assert_eq!(a.report["examples"], b.report["examples"]);
    // Both caches hold the same fingerprint of the inputs, and each answers
    // a rerun.
    let inputs = |dir: &std::path::Path| {
        let c: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join(msgraph_docgen::cache::CACHE)).unwrap()).unwrap();
        c["inputs"].as_str().unwrap().to_string()
    };
    assert_eq!(inputs(&first), inputs(&past));
    assert!(generate(&docs(), &first).cached && generate(&docs(), &past).cached);
}
