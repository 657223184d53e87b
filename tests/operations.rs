//! Typed operations read from hand-written pages (tests/fixtures/operations/;
//! no text from the docs): request bodies, responses, query options and
//! parameters, headers, and the docs lint for a response type the prose and
//! the example disagree on.

use msgraph_docgen::model::type_table::{TypeId, TypeTable};
use msgraph_docgen::model::{Api, Endpoint, Header, Parameter, RequestBody, Response, ResponseSource};
use std::path::PathBuf;

#[path = "support/fixtures.rs"]
mod fixtures;

fn api() -> &'static Api {
    fixtures::api("operations")
}

fn endpoint(name: &str) -> &'static Endpoint {
    fixtures::endpoint(api(), name)
}

/// The id of the fixtures' type `ty` (`None` for a primitive or a name no
/// page defines): the model's references carry it.
fn id(ty: &str) -> Option<TypeId> {
    TypeTable::new(&api().types).id("v1.0", ty)
}

fn param(name: &str, rust: &str, ty: &str, collection: bool, required: bool) -> Parameter {
    Parameter { name: name.into(), rust_name: rust.into(), ty: ty.into(), type_id: id(ty), collection, required }
}

fn response(ty: &str, collection: bool, source: ResponseSource) -> Option<Response> {
    Some(Response { ty: ty.into(), type_id: id(ty), collection, source })
}

fn body_type(ty: &str) -> RequestBody {
    RequestBody::Type { ty: ty.into(), type_id: id(ty), collection: false }
}

#[test]
fn action_parameter_table_gives_typed_parameters_required_or_not() {
    let ep = endpoint("widget_frob");
    let RequestBody::Parameters { parameters } = &ep.request_body else { panic!("{:?}", ep.request_body) };
    assert_eq!(
        parameters,
        &vec![
            param("level", "level", "Edm.Int32", false, true),
            param("mode", "mode", "Edm.String", false, false),
            // Silent rows are optional when other rows say "Required".
            param("tags", "tags", "Edm.String", true, false),
            param("target", "target", "microsoft.graph.knob", false, true),
            param("hue", "hue", "microsoft.graph.sparkle", false, false),
        ]
    );
    // A parameter type no page defines is reported, at its row.
    let w060: Vec<u32> = api().diagnostics.iter().filter(|d| d.code == "W060" && d.path == "v1.0/api/widget-frob.md").map(|d| d.line).collect();
    assert_eq!(w060, [34]);
    assert_eq!(ep.response, response("microsoft.graph.knob", false, ResponseSource::Both));
    assert_eq!(ep.response_type.as_deref(), Some("microsoft.graph.knob"));
    assert_eq!(ep.headers[1], Header { name: "Content-Type".into(), value: Some("application/json".into()), required: false });
}

#[test]
fn patch_with_a_property_table_sends_the_resource() {
    let ep = endpoint("widget_update");
    assert_eq!(ep.request_body, body_type("microsoft.graph.widget"));
    assert_eq!(ep.request_body_type.as_deref(), Some("microsoft.graph.widget"));
    // 204: no body.
    assert_eq!(ep.response, None);
}

#[test]
fn function_returning_a_primitive_with_path_parameters() {
    let ep = endpoint("widget_count");
    assert_eq!(ep.response, response("Edm.Int32", false, ResponseSource::Prose));
    assert_eq!(ep.request_body, RequestBody::None);
    assert_eq!(ep.query_parameters, vec![param("period", "period", "Edm.String", false, true), param("since", "since", "Edm.Date", false, true)]);
}

#[test]
fn collection_response_query_options_in_prose_and_table_and_a_required_header() {
    let ep = endpoint("widget_list");
    assert_eq!(ep.response, response("microsoft.graph.widget", true, ResponseSource::Prose));
    assert_eq!(ep.query_options, ["$filter", "$top", "$select", "$count", "$search"]);
    assert_eq!(ep.query_parameters, vec![param("colour", "colour", "Edm.String", false, false)]);
    assert_eq!(
        ep.headers,
        vec![
            Header { name: "Authorization".into(), value: None, required: true },
            Header { name: "ConsistencyLevel".into(), value: Some("eventual".into()), required: true },
            Header { name: "Prefer".into(), value: None, required: false },
        ]
    );
}

#[test]
fn stream_download_and_upload() {
    let get = endpoint("widget_content_get");
    assert_eq!(get.response, response("Edm.Stream", false, ResponseSource::Example));
    assert_eq!(get.request_body, RequestBody::None);
    let put = endpoint("widget_content_put");
    assert_eq!(put.request_body, RequestBody::Stream);
    // A report answered by a `302` to a download: the caller gets the file.
    assert_eq!(endpoint("widget_getusage").response, response("Edm.Stream", false, ResponseSource::Prose));
}

#[test]
fn prose_and_example_disagreeing_is_a_docs_lint_finding_with_both_places() {
    let ep = endpoint("widget_get");
    // The prose wins; the example's type is named in the finding.
    assert_eq!(ep.response, response("microsoft.graph.widget", false, ResponseSource::Prose));
    let found: Vec<_> = api().diagnostics.iter().filter(|d| d.code == "W108").collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let d = found[0];
    assert_eq!((d.path.as_str(), d.line), ("v1.0/api/widget-get.md", 27));
    assert!(d.message.contains("v1.0/api/widget-get.md:27") && d.message.contains("v1.0/api/widget-get.md:38"), "{}", d.message);
    assert!(d.message.contains("microsoft.graph.widget") && d.message.contains("microsoft.graph.knob"), "{}", d.message);
    // A page that names the OData options without listing them gets the
    // ones a single entity supports.
    assert_eq!(ep.query_options, ["$expand", "$select"]);
    let (text, n) = msgraph_docgen::model::types::lint_text(api(), true);
    // The lint names both places too.
    let line = text.lines().find(|l| l.contains("W108")).unwrap_or_default();
    assert!(n >= 1 && line.contains("widget-get.md:27") && line.contains("widget-get.md:38"), "{text}");
}

#[test]
fn the_model_json_carries_the_operations() {
    let json = serde_json::to_value(endpoint("widget_frob")).expect("serialises");
    assert_eq!(json["request_body"]["kind"], "parameters");
    assert_eq!(json["request_body"]["parameters"][0]["name"], "level");
    assert_eq!(json["response"]["source"], "both");
    let back: Endpoint = serde_json::from_value(json).expect("reads back");
    assert_eq!(&back, endpoint("widget_frob"));
}

#[path = "support/items.rs"]
mod items;

#[test]
fn generated_items_are_exactly_the_models_including_parameters_structs() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let out = tmp.path().join("out");
    let dir = fixtures::dir("operations");
    let g = msgraph_docgen::Builder::new().docs(&dir).out_dir(&out).crate_name("ops-fixture").cargo_metadata(false).generate().expect("fixtures generate");
    let api = g.api.as_ref().expect("a fresh output folder is never answered by the cache");
    assert!(
        api.endpoints.iter().any(|e| matches!(&e.request_body, RequestBody::Parameters { parameters } if !parameters.is_empty())),
        "the fixtures hold an action with a parameters table"
    );
    let manifest = std::fs::read_to_string(out.join(msgraph_docgen::write::MANIFEST)).unwrap_or_default();
    let files: Vec<msgraph_docgen::format::Formatted> = manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|rel| msgraph_docgen::format::Formatted { path: rel.to_string(), bytes: std::fs::read(out.join(rel)).unwrap_or_default() })
        .collect();
    let (found, problems) = items::found_with_problems(&files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for (file, want) in &items::expected(api) {
        assert_eq!(found.get(file), Some(want), "items of {file}");
    }
}

#[test]
fn a_link_to_a_page_that_also_lists_an_enum_names_the_pages_structured_type() {
    // The prose's "list of properties" speaks of the properties, not of a
    // collection body.
    let ep = endpoint("gadget_update");
    assert_eq!(ep.request_body, body_type("microsoft.graph.gadget"));
    let gadget = api().types.iter().find(|t| t.name == "microsoft.graph.gadget").expect("gadget is defined");
    let prop = |n: &str| gadget.properties.iter().find(|p| p.name == n).unwrap_or_else(|| panic!("no {n}"));
    // A type name holding the word "collection" is no collection.
    assert!(!prop("status").collection, "{:?}", prop("status"));
    assert!(prop("parts").collection);
    assert_eq!(prop("flavor").ty, "microsoft.graph.gadgetFlavor");
}

#[test]
fn request_examples_settle_required_and_spelling_of_silent_rows() {
    let ep = endpoint("gadget_polish");
    let RequestBody::Parameters { parameters } = &ep.request_body else { panic!("{:?}", ep.request_body) };
    assert_eq!(
        parameters,
        &vec![
            // Spelt as the example sends it; required, as the example sends it.
            param("shine", "shine", "Edm.Int32", false, true),
            // Left out by the example: the page shows a call without it.
            param("cloth", "cloth", "Edm.String", false, false),
            param("owner@odata.bind", "owner_odata_bind", "Edm.String", false, true),
        ]
    );
}

#[test]
fn a_body_type_the_examples_do_not_fit_gives_way_to_what_they_send() {
    // The table's rows, which the response type does not declare.
    let spin = endpoint("gadget_spin");
    let RequestBody::Parameters { parameters } = &spin.request_body else { panic!("{:?}", spin.request_body) };
    assert_eq!(parameters.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["speed", "clockwise"]);
    // One member named after the type, holding it (the prose calls the
    // object optional: the caller need not pass it).
    let add = endpoint("gadget_addknob");
    assert_eq!(add.request_body, RequestBody::Parameters { parameters: vec![param("knob", "knob", "microsoft.graph.knob", false, false)] });
    // A table listing some properties of the type the prose names, and an
    // example sending others the type declares: the type.
    let create = endpoint("gadget_post");
    assert_eq!(create.request_body, body_type("microsoft.graph.gadget"));
    // A property list naming no type: the type the example names.
    let member = endpoint("gadget_post_members");
    assert_eq!(member.request_body, body_type("microsoft.graph.knob"));
}

#[test]
fn an_enum_the_response_names_is_never_the_request_body() {
    // The property table's prose calls the body a representation, and the
    // response is an enum: the body is the table's rows, not the enum.
    let ep = endpoint("gadget_tune");
    assert_eq!(ep.response, response("microsoft.graph.gadgetFlavor", false, ResponseSource::Prose));
    let RequestBody::Parameters { parameters } = &ep.request_body else { panic!("{:?}", ep.request_body) };
    assert_eq!(parameters.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["pitch", "gentle"]);
}

#[test]
fn representation_members_no_table_lists_become_properties_typed_by_their_placeholders() {
    let dial = api().types.iter().find(|t| t.name == "microsoft.graph.dial").expect("dial is defined");
    let props: Vec<(&str, &str, bool)> = dial.properties.iter().map(|p| (p.name.as_str(), p.ty.as_str(), p.collection)).collect();
    // `turns` is the base type's, `Notches` a table row's in another case,
    // and a sample value (`shade`, `weight`) names no type: none is added.
    assert_eq!(
        props,
        [("notches", "Edm.Int32", false), ("locked", "Edm.Boolean", false), ("label", "Edm.String", false), ("spares", "microsoft.graph.knob", true)]
    );
    // Each added member is still reported as missing from the tables.
    let added: Vec<&str> = api()
        .diagnostics
        .iter()
        .filter(|d| d.code == "W104" && d.path == "v1.0/resources/dial.md" && d.message.contains("typed as"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(added.len(), 3, "{added:?}");
    assert!(added.iter().all(|m| m.contains("(v1.0/resources/dial.md)")), "{added:?}");
}

#[test]
fn request_examples_rebuild_through_the_typed_body_with_nulls_and_annotations() {
    let report = msgraph_docgen::report::build(api(), None, Default::default());
    let bodies = &report.typed_checks["request_body"];
    // Every request example's body is rebuilt, the one that clears an
    // optional parameter with `null` and names its type among them.
    assert_eq!(bodies.keys().collect::<Vec<_>>(), ["checked"], "{bodies:?}");
    let with_body = api().examples.iter().filter(|e| e.id.ends_with("#arm_gadget") || e.id.ends_with("#tune_gadget")).count();
    assert_eq!(with_body, 2);

    // The generated tests compile and pass: the rebuilt body serialises to
    // the documented JSON.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("a temp dir");
    let out = tmp.path().join("ops");
    msgraph_docgen::Builder::new()
        .docs(root.join("tests/fixtures/operations"))
        .out_dir(&out)
        .crate_name("ops-fixture")
        .cargo_metadata(false)
        .generate()
        .expect("generate");
    let tests = std::fs::read_to_string(out.join("tests/examples_v1_0.rs")).expect("example tests");
    assert!(tests.contains("rt::Body::set_null(") && tests.contains("rt::Body::set_annotation("), "the arm example's null and annotation are set");
    let manifest = out.join("Cargo.toml");
    let toml = std::fs::read_to_string(&manifest).expect("Cargo.toml");
    std::fs::write(&manifest, toml + "\n[workspace]\n").expect("write Cargo.toml");
    let _ = std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let run = std::process::Command::new(cargo)
        .args(["test", "--offline", "--test", "examples_v1_0"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", root.join("target/fixture-crates"))
        .output()
        .expect("cargo runs");
    let output = String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{output}");
    assert!(output.contains("arm_gadget ... ok") && output.contains("tune_gadget ... ok"), "{output}");
}
