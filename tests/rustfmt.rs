//! `cargo fmt` in a user's workspace leaves the generated crate as it was
//! generated, under a rustfmt configuration other than the project's, so a
//! checked-in crate stays what `generate --check` expects.

#[path = "support/skip.rs"]
mod skip;

use std::path::{Path, PathBuf};
use std::process::Command;

fn rustfmt_available() -> bool {
    Command::new("rustfmt").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// A rustfmt configuration unlike the project's.
const CONFIG: &str = "max_width=80,hard_tabs=true,reorder_modules=true";

/// `rustfmt --check` of `file` (and the modules it declares) under
/// [`CONFIG`]: whether it would change nothing.
fn unchanged_by_rustfmt(file: &Path) -> bool {
    let out = Command::new("rustfmt").args(["--check", "--edition", "2021", "--config", CONFIG]).arg(file).output().expect("rustfmt runs");
    out.status.success()
}

fn crate_roots(dir: &Path) -> Vec<PathBuf> {
    let mut roots = vec![dir.join("src/lib.rs")];
    for sub in ["tests", "examples"] {
        if let Ok(entries) = std::fs::read_dir(dir.join(sub)) {
            roots.extend(entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "rs")));
        }
    }
    roots.sort();
    roots
}

#[test]
fn rustfmt_leaves_every_generated_file_alone() {
    if !rustfmt_available() {
        skip::skip("rustfmt is not installed");
        return;
    }
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/types");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("crate");
    msgraph_docgen::Builder::new().docs(&docs).out_dir(&out).cargo_metadata(false).generate().unwrap();
    let roots = crate_roots(&out);
    assert!(roots.len() >= 3, "a library, its example tests and an example: {roots:?}");
    for root in &roots {
        assert!(unchanged_by_rustfmt(root), "rustfmt would reformat {}", root.display());
    }

    // The check can fail: without its second line, a generated file (an
    // example test: it declares no module in another file) is one rustfmt
    // rewrites under this configuration.
    let test_file = roots.iter().find(|p| p.parent().is_some_and(|d| d.ends_with("tests"))).expect("an example test file");
    let text = std::fs::read_to_string(test_file).unwrap();
    let bare: String = text.lines().filter(|l| *l != msgraph_docgen::format::SKIP_RUSTFMT.trim_end()).map(|l| format!("{l}\n")).collect();
    assert_ne!(bare, text, "the generated file holds the line");
    let alone = tmp.path().join("alone.rs");
    std::fs::write(&alone, bare).unwrap();
    let out = Command::new("rustfmt").args(["--check", "--edition", "2021", "--config", CONFIG]).arg(&alone).output().expect("rustfmt runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success() && said.contains("Diff in"), "without the line, rustfmt reformats the file: {said}");
}
