//! The build.rs side of the Builder: what it tells cargo. (The example crate
//! `examples/build-script` builds and tests the whole path through
//! `include!` as part of `cargo test --workspace`.)

use msgraph_docgen::Builder;

#[test]
fn cargo_lines_name_every_page_read_and_pass_warnings_on_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let api = docs.join("api-reference/v1.0/api");
    std::fs::create_dir_all(&api).unwrap();
    // A page without front matter: the generator warns about it.
    std::fs::write(api.join("thing-get.md"), "# Get thing\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n").unwrap();
    // A page the include glob leaves out: never read, never watched.
    std::fs::write(api.join("other-get.md"), "# Other\n").unwrap();
    let out = tmp.path().join("out");
    let g = Builder::new().docs(&docs).out_dir(&out).include("v1.0/api/thing-*.md").single_file("graph").cargo_metadata(false).generate().unwrap();
    let lines = g.cargo_metadata_lines();
    let reruns: Vec<&String> = lines.iter().filter(|l| l.starts_with("cargo:rerun-if-changed=")).collect();
    assert_eq!(reruns.len(), g.pages.len() + 1, "{lines:?}");
    assert!(reruns.iter().any(|l| l.ends_with("thing-get.md")));
    assert!(!reruns.iter().any(|l| l.ends_with("other-get.md")));
    let warnings: Vec<&String> = lines.iter().filter(|l| l.starts_with("cargo:warning=")).collect();
    assert!(!g.diagnostics.is_empty(), "the page without front matter should be reported");
    assert_eq!(warnings.len(), g.diagnostics.len());
    for (w, d) in warnings.iter().zip(&g.diagnostics) {
        assert!(w.contains(&format!("[{}]", d.code)) && w.contains("thing-get.md"), "{w}");
    }
    assert!(lines.iter().all(|l| !l.contains('\n') && !l.contains('\r')));
    assert!(out.join("graph.rs").is_file());
}

#[test]
fn leftovers_of_a_killed_run_are_swept() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
    let out = tmp.path().join("out");
    Builder::new().docs(&docs).out_dir(&out).cargo_metadata(false).generate().unwrap();
    let stray = out.join("src/.lib.rs.999999.msgraph-docgen-tmp");
    let mine = out.join("src/.lib.rs.keep");
    std::fs::write(&stray, "half written").unwrap();
    std::fs::write(&mine, "not the generator's").unwrap();
    // The next run that writes cleans up.
    Builder::new().docs(&docs).out_dir(&out).crate_name("another-name").cargo_metadata(false).generate().unwrap();
    assert!(!stray.exists());
    assert!(mine.exists());
}
