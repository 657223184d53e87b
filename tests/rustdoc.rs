//! The rustdoc a user reads: `cargo doc` of a small generated crate builds
//! without warnings, and an endpoint function's rendered page names its
//! response type and its permissions, least privileged first.

#[path = "support/skip.rs"]
mod skip;

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn find(dir: &Path, name: &str) -> Option<PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let p = entry.path();
        if p.is_dir() {
            if let Some(found) = find(&p, name) {
                return Some(found);
            }
        } else if p.file_name().is_some_and(|n| n == name) {
            return Some(p);
        }
    }
    None
}

#[test]
fn an_endpoint_page_names_its_response_type_and_permissions() {
    let docs = root().join("tests/fixtures/types");
    let api = msgraph_docgen::load(&docs, &[], &[]).unwrap().api;
    let ep = api.endpoints.iter().find(|e| e.response.is_some() && e.permissions.is_some()).expect("an endpoint with a response type and permissions");
    let response = ep.response.as_ref().unwrap();
    let ty = api.types.iter().find(|t| t.version == ep.version && t.name == response.ty).expect("the response type is defined");
    let perms = ep.permissions.as_ref().unwrap();
    let scope = perms.delegated_work.scopes.first().or(perms.application.scopes.first()).expect("a documented scope");

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("crate");
    msgraph_docgen::Builder::new().docs(&docs).out_dir(&out).crate_name("rustdoc-fixture").cargo_metadata(false).generate().unwrap();
    std::fs::write(out.join("Cargo.toml"), std::fs::read_to_string(out.join("Cargo.toml")).unwrap() + "\n[workspace]\n").unwrap();
    let target = root().join("target/fixture-crates");
    let run = Command::new(env!("CARGO"))
        .args(["doc", "--offline", "--no-deps", "--features", "full"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "cargo doc failed or warned:\n{log}");

    let fn_name = &ep.paths[0].fn_name;
    let page = find(&target.join("doc/rustdoc_fixture"), &format!("fn.{fn_name}.html")).expect("the function's page");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains(&format!("Request&lt;{}&gt;", ty.rust_name)) || html.contains(&format!(">{}</a>&gt;", ty.rust_name)),
        "{} does not name {}",
        page.display(),
        ty.rust_name
    );
    assert!(html.contains(scope.as_str()), "{} does not name the scope {scope}", page.display());
    assert!(html.contains("Permissions (least privileged first)"), "{}", page.display());
    assert!(html.contains(&ep.method), "{}", page.display());
}

/// docs.rs builds every feature and shows, on each feature-gated module,
/// the feature that turns it on. The badges need a nightly rustdoc with
/// `--cfg docsrs`; the test runs with `MSGRAPH_NIGHTLY_DOC=1` (and a
/// `nightly` toolchain), else prints a notice and returns.
#[test]
fn feature_badges_render_under_docsrs() {
    let docs = root().join("tests/fixtures/types");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("crate");
    msgraph_docgen::Builder::new().docs(&docs).out_dir(&out).crate_name("rustdoc-badges").cargo_metadata(false).generate().unwrap();
    let toml = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(toml.contains("[package.metadata.docs.rs]\nall-features = true\n"), "{toml}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("#![cfg_attr(docsrs, feature(doc_cfg))]"), "{lib}");
    assert!(lib.contains(r#"#[cfg_attr(docsrs, doc(cfg(feature = "v1_0")))]"#), "{lib}");
    if std::env::var_os("MSGRAPH_NIGHTLY_DOC").is_none() {
        skip::skip("MSGRAPH_NIGHTLY_DOC is not set: the badges' rendering is not checked");
        return;
    }
    std::fs::write(out.join("Cargo.toml"), toml + "\n[workspace]\n").unwrap();
    let target = root().join("target/fixture-crates-nightly");
    let run = Command::new("cargo")
        .args(["+nightly", "doc", "--offline", "--no-deps", "--features", "full"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTDOCFLAGS", "--cfg docsrs -D warnings")
        .output()
        .unwrap();
    assert!(run.status.success(), "nightly cargo doc failed or warned:\n{}", String::from_utf8_lossy(&run.stderr));
    let index = std::fs::read_to_string(target.join("doc/rustdoc_badges/index.html")).unwrap();
    assert!(index.contains("Available on crate feature `v1_0` only"), "no feature badge on the v1_0 module:\n{index}");
    // A type, defined in a module of its group and re-exported by `types`,
    // shows the features that compile it.
    let ty = std::fs::read_to_string(target.join("doc/rustdoc_badges/v1_0/types/type.Gadget.html")).unwrap();
    assert!(ty.contains("<code>all-types</code>"), "no feature badge on a type:\n{ty}");
}
