//! The seed pages end to end: the model, check mode, and what a wrong
//! example does to the derived tests.

use msgraph_docgen::model::{ExampleOutcome, ExampleRole};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_msgraph-docgen"));
    c.current_dir(root());
    c
}

#[test]
fn model_of_the_seed_pages() {
    let loaded = msgraph_docgen::load(&root().join("docs-input"), &[], &[]).expect("docs-input loads");
    let api = loaded.api;
    let call = api.endpoints.iter().find(|e| e.name == "call_delete").expect("call_delete");
    assert_eq!(call.version, "v1.0");
    assert_eq!(call.method, "DELETE");
    assert_eq!(call.paths.len(), 1);
    assert_eq!(call.paths[0].template, "/communications/calls/{id}");
    assert_eq!(call.paths[0].params, ["call_id"]);
    let p = call.permissions.as_ref().expect("permissions");
    assert!(!p.delegated_work.supported && !p.delegated_personal.supported);
    assert!(p.application.supported && p.application.scopes.is_empty());
    assert_eq!(call.success_status, Some(204));

    let part = api.endpoints.iter().find(|e| e.name == "participant_delete").expect("participant_delete");
    assert_eq!(part.version, "beta");
    let templates: Vec<(&str, bool)> = part.paths.iter().map(|p| (p.template.as_str(), p.deprecated)).collect();
    assert_eq!(templates, [("/app/calls/{id}/participants/{id}", true), ("/communications/calls/{id}/participants/{id}", false)]);
    for p in &part.paths {
        assert_eq!(p.params, ["call_id", "participant_id"]);
    }
    // The non-deprecated path carries the endpoint's own name.
    assert_eq!(part.paths[1].fn_name, "participant_delete");

    // Six examples, all tested: two requests, two responses, two notifications.
    let roles: Vec<ExampleRole> = api.examples.iter().map(|e| e.role).collect();
    assert_eq!(roles.iter().filter(|r| **r == ExampleRole::Request).count(), 2);
    assert_eq!(roles.iter().filter(|r| **r == ExampleRole::Response).count(), 2);
    assert_eq!(roles.iter().filter(|r| **r == ExampleRole::Notification).count(), 2);
    for e in &api.examples {
        assert_eq!(e.outcome, ExampleOutcome::Tested, "{} skipped: {:?}", e.id, e.reason);
    }
    // The beta request keeps `{id}` placeholders: bound, and marked as such.
    let beta_req = api.examples.iter().find(|e| e.page.starts_with("beta/") && e.role == ExampleRole::Request).expect("beta request");
    let b = beta_req.binding.as_ref().expect("bound");
    assert!(b.placeholders);
    assert_eq!(b.template, "/communications/calls/{id}/participants/{id}");

    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    for t in ["microsoft.graph.call", "microsoft.graph.commsNotification", "microsoft.graph.commsNotifications", "microsoft.graph.resultInfo"] {
        assert!(names.contains(&t), "type {t} missing from {names:?}");
    }
}

#[test]
fn parse_prints_the_model() {
    let out = bin().args(["parse"]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["schema"], 2);
    let names: Vec<&str> = v["endpoints"].as_array().unwrap().iter().filter_map(|e| e["name"].as_str()).collect();
    assert_eq!(names, ["participant_delete", "call_delete"]);
    // Same input, byte-identical output, whatever the thread count.
    let again = bin().args(["parse", "--jobs", "1"]).output().expect("runs");
    assert_eq!(out.stdout, again.stdout);
}

/// The checked-in generated/ must match what the generator makes now.
#[test]
fn generated_crate_is_fresh() {
    let g = msgraph_docgen::Builder::new()
        .docs(root().join("docs-input"))
        .out_dir(root().join("generated"))
        .check(true)
        .cargo_metadata(false)
        .generate()
        .expect("generate runs");
    assert!(
        g.stats.is_fresh(),
        "generated/ is stale (stale {:?}, missing {:?}, extra {:?}); run `cargo run --release -- generate` and commit the result",
        g.stats.written,
        g.stats.created,
        g.stats.removed
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

#[test]
fn check_mode_names_a_hand_edited_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    copy_dir(&root().join("generated"), &out);
    let ok = bin().args(["generate", "--check", "--out"]).arg(&out).output().unwrap();
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));

    let edited = out.join("src/v1_0/cloud_communications.rs");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("\n// edited by hand\n");
    std::fs::write(&edited, &text).unwrap();
    let stale = bin().args(["generate", "--check", "--out"]).arg(&out).output().unwrap();
    assert_eq!(stale.status.code(), Some(1));
    let err = String::from_utf8_lossy(&stale.stderr);
    assert!(err.contains("cloud_communications.rs"), "{err}");
    assert!(err.contains("msgraph-docgen generate"), "{err}");
    // Check mode writes nothing.
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), text);
}

/// A page whose examples are wrong: each wrong example is reported (with a
/// reason, and a diagnostic where the page itself is at fault), the right
/// one becomes a test that passes, and that test is not vacuous: the same
/// test fails once its expectation no longer fits what the code builds.
#[test]
fn wrong_examples_are_reported_or_fail() {
    let docs = root().join("tests/fixtures/wrong-example");
    let api = msgraph_docgen::load(&docs, &[], &[]).unwrap().api;
    let by_name = |n: &str| api.examples.iter().find(|e| e.id.ends_with(n)).unwrap_or_else(|| panic!("{n}"));
    let gadget = by_name("#remove-gadget");
    assert_eq!(gadget.outcome, ExampleOutcome::Skipped);
    assert_eq!(gadget.reason.as_deref(), Some("unbound_url"));
    assert!(api.diagnostics.iter().any(|d| d.code == "W050" && d.line == gadget.line));
    let widget = by_name("#remove-widget");
    assert_eq!(widget.outcome, ExampleOutcome::Tested);
    assert_eq!(widget.binding.as_ref().unwrap().args["widget_id"], "w 1");
    let response = by_name("#response-1");
    assert_eq!(response.outcome, ExampleOutcome::Skipped, "a 200 example on a page that documents 204 is never tested as passing");
    assert_eq!(response.reason.as_deref(), Some("status_differs_from_documented"));
    assert!(api.diagnostics.iter().any(|d| d.code == "W054" && d.line == response.line), "the contradiction is a diagnostic");

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("crate");
    msgraph_docgen::Builder::new().docs(&docs).out_dir(&out).crate_name("wrong-example").cargo_metadata(false).generate().unwrap();
    std::fs::write(out.join("Cargo.toml"), std::fs::read_to_string(out.join("Cargo.toml")).unwrap() + "\n[workspace]\n").unwrap();
    let cargo_test = || {
        let run = Command::new(env!("CARGO"))
            .args(["test", "--offline", "--test", "examples_v1_0"])
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", root().join("target/fixture-crates"))
            .output()
            .unwrap();
        (run.status.success(), String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr))
    };
    let (ok, output) = cargo_test();
    assert!(ok, "{output}");
    assert!(output.contains("widget_delete_remove_widget ... ok"), "{output}");
    assert!(!output.contains("remove_gadget"), "the unbound example must not become a test: {output}");

    // The same test with an expectation the code does not meet fails.
    let tests = out.join("tests/examples_v1_0.rs");
    let text = std::fs::read_to_string(&tests).unwrap();
    assert!(text.contains("/widgets/w%201"), "{text}");
    std::fs::write(&tests, text.replace("/widgets/w%201", "/widgets/w%202")).unwrap();
    let (ok, output) = cargo_test();
    assert!(!ok, "{output}");
    assert!(output.contains("widget_delete_remove_widget ... FAILED"), "{output}");
}
