//! Page shapes the 2021 reference shares, read from hand-written pages
//! (tests/fixtures/shapes/; no text from the docs): a response example
//! whose body is a `value` array under an annotation without
//! `isCollection`, optional parameters and bodies, function arguments
//! written only in a table, headers inside the request block, `### CSV` /
//! `### JSON` response parts.

use msgraph_docgen::model::{Api, Endpoint, ResponseSource};

#[path = "support/fixtures.rs"]
mod fixtures;

fn api() -> &'static Api {
    fixtures::api("shapes")
}

fn endpoint(name: &str) -> &'static Endpoint {
    fixtures::endpoint(api(), name)
}

/// The codes of the diagnostics at one fixture page.
fn codes(page: &str) -> Vec<&'static str> {
    api().diagnostics.iter().filter(|d| d.path == format!("v1.0/api/{page}")).map(|d| d.code.as_str()).collect()
}

#[test]
fn a_value_array_under_a_single_type_annotation_is_a_collection() {
    // The prose says a collection and the example's body is one: they
    // agree, so the docs lint has nothing to say.
    let ep = endpoint("sprocket_list");
    let r = ep.response.as_ref().expect("a response");
    assert_eq!((r.ty.as_str(), r.collection, r.source), ("microsoft.graph.sprocket", true, ResponseSource::Both));
    assert!(!codes("sprocket-list.md").contains(&"W108"), "{:?}", api().diagnostics);
    // With no prose type, the example's form decides.
    let ep = endpoint("sprocket_spares");
    let r = ep.response.as_ref().expect("a response");
    assert_eq!((r.ty.as_str(), r.collection, r.source), ("microsoft.graph.sprocket", true, ResponseSource::Example));
}

#[test]
fn a_value_array_the_prose_calls_one_object_is_a_collection_unless_the_path_ends_in_a_key() {
    // The two disagree either way: the docs lint keeps its finding.
    let ep = endpoint("sprocket_rusty");
    let r = ep.response.as_ref().expect("a response");
    assert_eq!((r.collection, r.source), (true, ResponseSource::Both));
    assert_eq!(codes("sprocket-rusty.md"), ["W108"]);
    // `/sprockets/{id}` addresses one sprocket: the prose's form stays.
    let ep = endpoint("sprocket_get");
    let r = ep.response.as_ref().expect("a response");
    assert_eq!((r.collection, r.source), (false, ResponseSource::Prose));
    assert_eq!(codes("sprocket-get.md"), ["W108"]);
}

#[test]
fn csv_and_json_parts_of_a_response_section_give_the_json_parts_status() {
    let ep = endpoint("sprocket_tally");
    assert_eq!(ep.success_status, Some(200));
    assert!(!codes("sprocket-tally.md").contains(&"W052"), "{:?}", codes("sprocket-tally.md"));
    let r = ep.response.as_ref().expect("a response");
    assert_eq!((r.ty.as_str(), r.collection), ("microsoft.graph.sprocket", true));
    // Its response example is tested now that the page names a success status.
    let tested =
        api().examples.iter().filter(|e| e.page.as_ref() == "v1.0/api/sprocket-tally.md" && e.outcome == msgraph_docgen::model::ExampleOutcome::Tested).count();
    assert_eq!(tested, 2);
}

/// The body's parameters as (name, required).
fn body_params(name: &str) -> Vec<(String, bool)> {
    match &endpoint(name).request_body {
        msgraph_docgen::model::RequestBody::Parameters { parameters } => parameters.iter().map(|p| (p.name.clone(), p.required)).collect(),
        other => panic!("{name}: {other:?}"),
    }
}

fn pairs(list: &[(&str, bool)]) -> Vec<(String, bool)> {
    list.iter().map(|(n, r)| (n.to_string(), *r)).collect()
}

#[test]
fn a_body_the_prose_calls_optional_never_makes_the_caller_pass_it() {
    // Silent rows of an action are required, unless the prose says the body
    // may be left out.
    assert_eq!(body_params("sprocket_halt"), pairs(&[("cause", false)]));
    // An optional object sent wrapped in a member named after its type.
    assert_eq!(body_params("sprocket_addcog"), pairs(&[("cog", false)]));
}

#[test]
fn required_and_optional_are_read_from_markers_not_from_the_words_in_passing() {
    // "the required format" says nothing about the row; "Optional." after
    // the type cell is a marker; a requirement with a condition is optional.
    // No row says Required, one says Optional: the silent rows are required.
    assert_eq!(body_params("sprocket_mesh"), pairs(&[("gear", true), ("ratio", true), ("force", false), ("note", false)]));
}

fn paths(name: &str) -> Vec<(String, String)> {
    endpoint(name).paths.iter().map(|p| (p.template.to_string(), p.fn_name.clone())).collect()
}

fn bound_to(example_name: &str) -> Option<String> {
    let ex = api().examples.iter().find(|e| e.id.ends_with(&format!("#{example_name}"))).expect("the example");
    ex.binding.as_ref().map(|b| b.template.to_string())
}

#[test]
fn function_arguments_only_a_table_and_an_example_show_become_parameters() {
    // Required (the row is silent): the call form replaces the bare line.
    assert_eq!(paths("sprocket_filterbyowner"), [("/sprockets/filterByOwner(owner='{owner}')".to_string(), "sprocket_filterbyowner".to_string())]);
    assert_eq!(bound_to("sprocket_filterbyowner").as_deref(), Some("/sprockets/filterByOwner(owner='{owner}')"));
    let q = &endpoint("sprocket_filterbyowner").query_parameters;
    assert_eq!((q[0].name.as_str(), q[0].ty.as_str(), q[0].required), ("owner", "Edm.String", true));
    // Optional: the bare call stays and the call form is added beside it,
    // named by its argument.
    assert_eq!(
        paths("sprocket_wear"),
        [
            ("/sprockets/{id}/wear".to_string(), "sprocket_wear".to_string()),
            ("/sprockets/{id}/wear(onlyTeeth={onlyTeeth})".to_string(), "sprocket_wear_via_with_only_teeth".to_string())
        ]
    );
    assert_eq!(bound_to("sprocket_wear").as_deref(), Some("/sprockets/{id}/wear(onlyTeeth={onlyTeeth})"));
    let q = &endpoint("sprocket_wear").query_parameters;
    assert_eq!((q[0].name.as_str(), q[0].ty.as_str(), q[0].required), ("onlyTeeth", "Edm.Boolean", false));
    assert!(!codes("sprocket-wear.md").contains(&"W050") && !codes("sprocket-filterbyowner.md").contains(&"W050"));
}

#[test]
fn one_letter_placeholders_of_function_arguments_take_the_arguments_names() {
    let p = &endpoint("sprocket_resize").paths[0];
    assert_eq!(p.template.as_ref() as &str, "/sprockets/{id}/resize(rows={rows},cols={cols})");
    assert_eq!(p.params, ["sprocket_id", "rows", "cols"]);
}
