//! Shapes of today's reference pages the reader takes in, one small page of
//! our own wording each (tests/fixtures/reader/; no text from the docs).

use msgraph_docgen::model::{Api, Endpoint};

#[path = "support/fixtures.rs"]
mod fixtures;

fn api() -> &'static Api {
    fixtures::api("reader")
}

fn endpoint(name: &str) -> &'static Endpoint {
    fixtures::endpoint(api(), name)
}

/// Diagnostics of one code on one page, as lines.
fn diag_lines(code: &str, page: &str) -> Vec<u32> {
    api().diagnostics.iter().filter(|d| d.code == code && d.path == page).map(|d| d.line).collect()
}

#[test]
fn a_status_with_a_comma_before_its_reason_is_read() {
    // `201, Created`: the comma does not hide the status (no W052).
    assert_eq!(endpoint("ratchet_create").success_status, Some(201));
    assert_eq!(diag_lines("W052", "v1.0/api/ratchet-create.md"), Vec::<u32>::new());
}

#[test]
fn a_generic_placeholder_argument_is_the_functions_parameter() {
    // `(mode='parameterValue')` is the docs' placeholder, not a literal: the
    // caller gives `mode`, and the example `(mode='fast')` fits the template.
    let ep = endpoint("pulley_filterbyspeed");
    assert_eq!(ep.paths[0].template, "/pulleys/filterBySpeed(mode='{mode}')");
    assert_eq!(ep.paths[0].params, ["mode"]);
    assert_eq!(diag_lines("W050", "v1.0/api/pulley-filterbyspeed.md"), Vec::<u32>::new());
    let ex = api().examples.iter().find(|e| e.id == "v1.0/api/pulley-filterbyspeed.md#pulley_filter_fast").expect("example");
    assert_eq!(ex.reason, None);
}

#[test]
fn a_placeholder_glued_to_its_collection_gets_its_slash() {
    // `/spindles{spindleId}` would send `/spindless-17`: the slash the page
    // left out is put back (W022), and the example fits.
    let ep = endpoint("spindle_get_report");
    assert_eq!(ep.paths[0].template, "/workshop/spindles/{spindleId}/getReport");
    assert_eq!(ep.paths[0].params, ["spindle_id"]);
    let page = "v1.0/api/spindle-get-report.md";
    assert_eq!(diag_lines("W022", page), [16]);
    assert_eq!(diag_lines("W050", page), Vec::<u32>::new());
}

#[test]
fn arguments_sharing_one_placeholder_take_their_own_names() {
    // `{timestamp}` names the type of both values: the caller gives `from`
    // and `to`, not `timestamp` and `timestamp_2`.
    let ep = endpoint("gear_summary");
    assert_eq!(ep.paths[0].template, "/gears/{gearId}/summary(from={from},to={to})");
    assert_eq!(ep.paths[0].params, ["gear_id", "from", "to"]);
    let page = "v1.0/api/gear-summary.md";
    assert_eq!(diag_lines("W022", page), [16]);
    assert_eq!(diag_lines("W050", page), Vec::<u32>::new());
}

#[test]
fn example_keys_and_parenthesised_names_in_request_lines_are_placeholders() {
    // A GUID left in a request line would pin every call to one sprocket;
    // `(bench-id)` is a placeholder in the wrong brackets.
    let ep = endpoint("sprocket_submit");
    assert_eq!(
        ep.paths.iter().map(|p| p.template.as_str()).collect::<Vec<_>>(),
        ["/benches/{id}/sprockets/{id}/submit", "/benches/{bench-id}/trays/{tray-id}/submit"]
    );
    assert_eq!(ep.paths[0].params.len(), 2);
    assert_eq!(ep.paths[1].params, ["bench_id", "tray_id"]);
    let page = "v1.0/api/sprocket-submit.md";
    assert_eq!(diag_lines("W022", page), [16, 17]);
    // Another sprocket's example now fits the template.
    assert_eq!(diag_lines("W050", page), Vec::<u32>::new());
}

#[test]
fn an_area_named_only_by_ms_service_is_the_pages_module() {
    // Neither ms.prod nor ms.subservice: ms.service names the area, so the
    // page keeps a module of its own (no W003, not `misc`).
    assert_eq!(endpoint("flywheel_archive").module, "flywheels");
    assert_eq!(diag_lines("W003", "v1.0/api/flywheel-archive.md"), Vec::<u32>::new());
}

#[test]
fn a_status_written_as_a_lone_code_is_read() {
    // "answers `202`": a code span holding only the code is the status.
    assert_eq!(endpoint("flywheel_archive").success_status, Some(202));
    assert_eq!(diag_lines("W052", "v1.0/api/flywheel-archive.md"), Vec::<u32>::new());
}

#[test]
fn silent_prose_takes_the_status_the_response_examples_agree_on() {
    // The Response section names no status; its example shows `204`.
    assert_eq!(endpoint("cog_remove").success_status, Some(204));
    assert_eq!(diag_lines("W052", "v1.0/api/cog-remove.md"), Vec::<u32>::new());
    // Two examples with two success statuses: none is chosen, and W052 says so.
    assert_eq!(endpoint("cog_spin").success_status, None);
    assert_eq!(diag_lines("W052", "v1.0/api/cog-spin.md"), vec![1]);
}
