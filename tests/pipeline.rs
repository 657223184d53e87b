//! The phases chained as `src/pipeline.rs` declares them, one after the
//! other, give exactly what a full run (which overlaps them) writes: the same
//! files, byte for byte, and the same diagnostics. On `docs-input` always, on
//! the corpus when `GRAPH_DOCS_DIR` is set.

#[path = "support/skip.rs"]
mod skip;

use msgraph_docgen::emit::EmitOptions;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, root: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("output folder readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, root, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// Returns the typed checks the run counted.
fn same_as_a_full_run(docs: &Path) -> serde_json::Value {
    let (api, files) = msgraph_docgen::pipeline::generate_in_memory(docs, &[], &[], &EmitOptions::default()).expect("the phases run");
    let out = tempfile::tempdir().expect("temp dir");
    let generated = msgraph_docgen::Builder::new().docs(docs).out_dir(out.path()).cargo_metadata(false).generate().expect("a full run");
    assert!(!files.is_empty());
    let mut written = BTreeSet::new();
    files_under(out.path(), out.path(), &mut written);
    // The write phase's own files are not part of the crate.
    written.remove(msgraph_docgen::write::MANIFEST);
    written.remove(msgraph_docgen::cache::CACHE);
    let formatted: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(formatted, written, "the same files");
    for f in &files {
        let on_disk = std::fs::read(out.path().join(&f.path)).expect("written file readable");
        assert!(on_disk == f.bytes, "{} differs from a full run's", f.path);
    }
    assert_eq!(api.diagnostics, generated.diagnostics, "the same diagnostics");
    // A run counts the typed checks as it writes the example tests; decided
    // apart from the model, without writing them, they are the same.
    let run_api = generated.api.as_ref().expect("a first run parses");
    let apart = serde_json::to_value(msgraph_docgen::report::build(run_api, None, Default::default())).expect("report serialises");
    let counted = &generated.report["typed_checks"];
    assert_eq!(counted, &apart["typed_checks"], "typed checks as written = as decided apart");
    counted.clone()
}

#[test]
fn the_declared_phases_give_what_a_run_writes() {
    same_as_a_full_run(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs-input"));
}

#[test]
fn the_declared_phases_give_what_a_run_writes_on_typed_operations() {
    let counted = same_as_a_full_run(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/operations"));
    assert!(counted["response_decode"]["checked"].as_u64().is_some_and(|n| n > 0), "typed checks counted: {counted}");
}

#[test]
fn the_declared_phases_give_what_a_run_writes_on_the_corpus() {
    let Some(dir) = skip::env_dir("GRAPH_DOCS_DIR") else {
        return;
    };
    same_as_a_full_run(Path::new(&dir));
}
