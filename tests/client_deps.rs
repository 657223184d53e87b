//! With `client` and `mock` off, the generated crate depends on `http`,
//! `serde` and `serde_json` only: read from `cargo metadata` (what cargo
//! itself will resolve), for the checked-in crate and for a crate generated
//! from a fixture tree of both versions.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// `cargo metadata --no-deps` of the manifest; the package named `name`.
fn package(manifest: &Path, name: &str) -> Value {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline", "--manifest-path"])
        .arg(manifest)
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    let meta: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let packages = meta["packages"].as_array().expect("packages");
    packages.iter().find(|p| p["name"] == name).cloned().unwrap_or_else(|| panic!("no package {name} in {}", manifest.display()))
}

/// The dependencies a build with the default features compiles, and those
/// any feature can add: (always, optional named by the default features).
fn default_dependencies(pkg: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    let deps = pkg["dependencies"].as_array().expect("dependencies");
    let normal = |d: &&Value| d["kind"].is_null();
    let always = deps.iter().filter(normal).filter(|d| d["optional"] == false).map(|d| d["name"].as_str().unwrap_or("").to_string()).collect();
    let optional: BTreeSet<String> =
        deps.iter().filter(normal).filter(|d| d["optional"] == true).map(|d| d["name"].as_str().unwrap_or("").to_string()).collect();
    // The closure of `default` over the feature table.
    let features = pkg["features"].as_object().expect("features");
    let (mut on, mut todo) = (BTreeSet::new(), vec!["default".to_string()]);
    while let Some(f) = todo.pop() {
        if !on.insert(f.clone()) {
            continue;
        }
        for sub in features.get(&f).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            todo.push(sub.to_string());
        }
    }
    // `dep:x`, `x/feature` and `x?/feature` name a dependency; a bare name
    // of an optional dependency turns it on too.
    let named = on.iter().filter_map(|f| {
        let d = f.strip_prefix("dep:").unwrap_or(f).split('/').next().unwrap_or("").trim_end_matches('?');
        optional.contains(d).then(|| d.to_string())
    });
    (always, named.collect())
}

fn assert_minimal(manifest: &Path, name: &str) {
    let pkg = package(manifest, name);
    let (always, by_default) = default_dependencies(&pkg);
    let expected: BTreeSet<String> = ["http", "serde", "serde_json"].into_iter().map(String::from).collect();
    assert_eq!(always, expected, "{}: dependencies that are not optional", manifest.display());
    assert!(by_default.is_empty(), "{}: the default features turn on {by_default:?}", manifest.display());
    // And the features that do bring the rest exist under their names.
    let features = pkg["features"].as_object().expect("features");
    for f in ["client", "mock"] {
        assert!(features.contains_key(f), "{}: no feature `{f}`", manifest.display());
    }
    let client: Vec<&str> = features["client"].as_array().expect("client feature").iter().filter_map(Value::as_str).collect();
    assert!(client.contains(&"dep:reqwest") && client.contains(&"dep:tokio"), "{}: `client` is {client:?}", manifest.display());
}

#[test]
fn the_checked_in_crate_needs_http_serde_serde_json_only() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/Cargo.toml");
    assert_minimal(&manifest, "msgraph-generated");
}

#[test]
fn a_crate_generated_from_both_versions_needs_http_serde_serde_json_only() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("deps-check");
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mock");
    msgraph_docgen::Builder::new().docs(&docs).out_dir(&out).crate_name("deps-check").cargo_metadata(false).generate().expect("generate");
    // A standalone package, not a member of this workspace.
    let manifest = out.join("Cargo.toml");
    let mut toml = std::fs::read_to_string(&manifest).expect("Cargo.toml");
    if !toml.contains("\n[workspace]") {
        toml.push_str("\n[workspace]\n");
        std::fs::write(&manifest, toml).expect("write Cargo.toml");
    }
    let pkg = package(&manifest, "deps-check");
    assert!(pkg["features"].get("v1_0").is_some() && pkg["features"].get("beta").is_some(), "both versions: {}", pkg["features"]);
    assert_minimal(&manifest, "deps-check");
}
