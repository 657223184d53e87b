//! The page variants the corpus parser handles, one small hand-written page
//! each (tests/fixtures/parse/; no text from the docs).

use msgraph_docgen::model::{Api, BodyRead, Endpoint, Example, ExampleOutcome, Permission};
use msgraph_docgen::report;
use std::path::PathBuf;

#[path = "support/fixtures.rs"]
mod fixtures;

fn api() -> &'static Api {
    fixtures::api("parse")
}

fn endpoint(name: &str) -> &'static Endpoint {
    fixtures::endpoint(api(), name)
}

fn example(id: &str) -> &'static Example {
    api().examples.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no example {id}"))
}

fn templates(ep: &Endpoint) -> Vec<&str> {
    ep.paths.iter().map(|p| p.template.as_str()).collect()
}

/// Diagnostics of one code on one page, as lines.
fn diag_lines(code: &str, page: &str) -> Vec<u32> {
    api().diagnostics.iter().filter(|d| d.code == code && d.path == page).map(|d| d.line).collect()
}

fn perm(supported: bool, scopes: &[&str]) -> Permission {
    Permission { supported, scopes: scopes.iter().map(|s| s.to_string().into()).collect(), least_privileged: Vec::new() }
}

/// A permission with its least-privileged scopes.
fn least(supported: bool, scopes: &[&str], least: &[&str]) -> Permission {
    Permission { least_privileged: least.iter().map(|s| s.to_string().into()).collect(), ..perm(supported, scopes) }
}

const WIDGET: &str = "v1.0/api/widget-list.md";
const GADGET: &str = "v1.0/api/gadget-get.md";
const SPROCKET: &str = "v1.0/api/sprocket-update.md";
const COG: &str = "v1.0/api/cog-delete.md";

#[test]
fn request_lines_in_all_their_spellings() {
    let get = endpoint("widget_list_get");
    assert_eq!(
        templates(get),
        ["/me/widgets", "/users/{id | userPrincipalName}/widgets", "/users/{user-id}/widgets", "/groups/{groupId}/widgets", "/sites/{site-id}/widgets"]
    );
    assert_eq!(get.paths[1].params, ["user_id"]);
    // A method glued to its path still reads, as a second endpoint.
    assert_eq!(templates(endpoint("widget_list_delete")), ["/me/widgets/{widget-id}"]);
    // The prose line in the block is diagnosed where it stands.
    assert_eq!(diag_lines("W020", WIDGET), [30]);
    // Query string, missing slash, `~` root, HTTP version, host and glue: one W022 each.
    assert_eq!(diag_lines("W022", WIDGET), [28, 29, 31, 32]);
}

#[test]
fn several_request_sections_tabs_drive_paths_and_functions() {
    let ep = endpoint("gadget_get");
    assert_eq!(
        templates(ep),
        [
            "/me/gadgets/{gadget-id}",
            "/me/drive/root:/{item-path}:/gadget",
            "/me/gadgets/{gadget-id}/range({address})/format",
            "/me/gadgetFolders/{id}/childFolders/{id}/gadgets/{id}/$value",
            "/reports/getGadgetCounts(period='{period_value}')",
            "/reports/getGadgetDetail(date={date})",
            "/me/gadgets/microsoft.graph.specialGadget",
        ]
    );
    assert_eq!(ep.paths[3].params, ["gadget_folder_id", "child_folder_id", "gadget_id"]);
    let page = api().pages.iter().find(|p| p.path == GADGET).expect("page");
    assert_eq!(page.request_sections, 2);
    // Function names are unique within the page and carry the telling words.
    let names: Vec<&str> = ep.paths.iter().map(|p| p.fn_name.as_str()).collect();
    assert_eq!(names[0], "gadget_get");
    assert_eq!(names[1], "gadget_get_via_me_drive_root_gadget");
    assert_eq!(names[6], "gadget_get_via_me_gadgets_special_gadget");
    let unique: std::collections::BTreeSet<&&str> = names.iter().collect();
    assert_eq!(unique.len(), names.len());
}

#[test]
fn permission_tables_of_every_shape() {
    // Rows without leading pipes, `or` and `<br>` between scopes, "Not
    // Supported"; the header orders scopes from most to least privileged.
    let p = endpoint("widget_list_get").permissions.clone().expect("widget permissions");
    assert_eq!(p.delegated_work, least(true, &["Widget.ReadWrite.All", "Widget.Read.All"], &["Widget.Read.All"]));
    assert_eq!(p.delegated_personal, perm(false, &[]));
    assert_eq!(p.application, least(true, &["Widget.Read.All", "Directory.Read.All"], &["Directory.Read.All"]));
    // Under "For users:" and "For services:": indented sub-rows, a footnote,
    // "None.", "Not applicable", a Dynamics row missing its `)`, `and`,
    // "n/a" and a TODO placeholder (the one unparsed table). The captions
    // name no path of the page: the two tables are kept as scenarios of
    // every path, never merged.
    let ep = endpoint("gadget_get");
    assert!(ep.permissions.is_none(), "two tables must not become one endpoint table");
    for path in &ep.paths {
        assert!(path.permissions.is_none(), "{}", path.template);
        let captions: Vec<&str> = path.permission_scenarios.iter().map(|s| s.caption.as_str()).collect();
        assert_eq!(captions, ["For users", "For services"], "{}", path.template);
    }
    let users = &ep.paths[0].permission_scenarios[0].permissions;
    assert_eq!(users.delegated_work, least(true, &["Gadget.Read.All", "Gadget.ReadWrite.All"], &["Gadget.Read.All"]));
    assert_eq!(users.delegated_personal, perm(true, &[]));
    assert!(!users.application.supported);
    let services = &ep.paths[0].permission_scenarios[1].permissions;
    // `A and B`: both are needed, so both are the least privileged.
    assert_eq!(services.delegated_work, least(true, &["Gadget.Read.All", "Other.Read.All"], &["Gadget.Read.All", "Other.Read.All"]));
    assert!(!diag_lines("W034", GADGET).is_empty(), "paths the captions cannot tell get a W034");
    let page = api().pages.iter().find(|p| p.path == GADGET).expect("page");
    assert_eq!((page.permission_tables, page.permission_tables_parsed), (2, 1));
    assert_eq!(diag_lines("W032", GADGET).len(), 1);
    // A pivoted table (one row per resource) merges over the resources.
    let p = endpoint("sprocket_update").permissions.clone().expect("sprocket permissions");
    assert_eq!(p.delegated_work, least(true, &["Sprocket.ReadWrite", "Part.ReadWrite"], &["Sprocket.ReadWrite", "Part.ReadWrite"]));
    assert_eq!(p.delegated_personal, perm(false, &[]));
    assert_eq!(p.application, least(true, &["Sprocket.ReadWrite.All"], &["Sprocket.ReadWrite.All"]));
}

#[test]
fn annotations_broken_orphaned_and_repeated() {
    // Unquoted key and trailing comma: recovered, and the block still counts.
    assert_eq!(diag_lines("W010", SPROCKET), [18]);
    assert_eq!(templates(endpoint("sprocket_update")), ["/sprockets/{sprocketId}"]);
    // An annotation with a heading after it instead of a code block.
    assert_eq!(diag_lines("W011", SPROCKET), [29]);
    // A request and its response share a name; a second request with it is diagnosed and renamed.
    assert_eq!(diag_lines("W012", WIDGET), [73]);
    assert_eq!(example("v1.0/api/widget-list.md#list_widgets_3").binding.as_ref().map(|b| b.template.as_str()), Some("/me/widgets"));
}

#[test]
fn examples_bound_with_and_without_annotations() {
    // Real id, query string: bound to the alias, the parameter assigned.
    let b = example("v1.0/api/widget-list.md#list_widgets").binding.clone().expect("bound");
    assert_eq!(b.template, "/users/{id | userPrincipalName}/widgets");
    assert_eq!(b.args.get("user_id").map(String::as_str), Some("0c5a4e7e-0000-4000-8000-00000000abcd"));
    // Percent-encoding is decoded into the argument and re-encoded in the expected path.
    let b = example("v1.0/api/widget-list.md#list_site_widgets").binding.clone().expect("bound");
    assert_eq!(b.args.get("site_id").map(String::as_str), Some("contoso.example.com,site one"));
    assert_eq!(b.expected_path, "/sites/contoso.example.com,site%20one/widgets");
    // A drive path parameter keeps its slashes; a quoted function argument binds inside the quotes.
    let b = example("v1.0/api/gadget-get.md#get_gadget_by_path").binding.clone().expect("bound");
    assert_eq!(b.args.get("item_path").map(String::as_str), Some("docs/plans/q3.txt"));
    let b = example("v1.0/api/gadget-get.md#get_gadget_counts").binding.clone().expect("bound");
    assert_eq!(b.args.get("period_value").map(String::as_str), Some("D7"));
    // Another host: unbound, with the reason named.
    let ex = example("v1.0/api/gadget-get.md#get_gadget_from_elsewhere");
    assert!(ex.binding.is_none());
    assert_eq!(ex.reason.as_deref(), Some("unbound_url_other_host"));
    // Unannotated request under a "Request" heading, blank line before its headers.
    let ex = example("v1.0/api/sprocket-update.md#request-1");
    assert!(!ex.annotated);
    assert_eq!(ex.binding.as_ref().and_then(|b| b.args.get("sprocket_id")).map(String::as_str), Some("5f0c8a36-0000-4000-8000-0000000000ef"));
    assert_eq!(ex.json.as_ref().and_then(|j| j.get("displayName")).and_then(|v| v.as_str()), Some("Renamed"));
    // Unannotated response, `HTTP 201 Created` without a version; it differs
    // from the documented 200, so it is not tested.
    let ex = example("v1.0/api/sprocket-update.md#response-1");
    assert!(!ex.annotated);
    assert_eq!(ex.http.as_ref().and_then(|h| h.status), Some(201));
    assert_eq!(ex.reason.as_deref(), Some("status_differs_from_documented"));
}

#[test]
fn json_bodies_strict_recovered_failed_and_truncated() {
    // Trailing commas.
    let ex = example("v1.0/api/widget-list.md#list_widgets_2");
    assert_eq!(ex.body, BodyRead::Recovered);
    assert_eq!(ex.json.as_ref().map(|j| j.to_value()), Some(serde_json::json!({"value": [{"name": "first"}]})));
    // A comment; an NBSP between tokens.
    assert_eq!(example("v1.0/api/sprocket-update.md#request-1").body, BodyRead::Recovered);
    assert_eq!(example("v1.0/api/sprocket-update.md#response-1").body, BodyRead::Recovered);
    // A non-JSON content type is not read as JSON.
    let ex = example("v1.0/api/sprocket-update.md#plain_text");
    assert_eq!(ex.body, BodyRead::None);
    assert_eq!(ex.outcome, ExampleOutcome::Tested);
    // Shortened and never closed: failed, counted as truncated (W043, not E040);
    // its block swallowed the next one (W053).
    let ex = example("v1.0/api/sprocket-update.md#shortened");
    assert_eq!(ex.body, BodyRead::Failed);
    assert!(ex.looks_truncated);
    assert_eq!(ex.reason.as_deref(), Some("unreadable_json"));
    assert_eq!(diag_lines("W043", SPROCKET).len(), 1);
    assert!(diag_lines("E040", SPROCKET).is_empty());
    assert_eq!(diag_lines("W053", SPROCKET).len(), 1);
}

#[test]
fn bom_crlf_and_bytes_that_are_not_utf8() {
    assert_eq!(diag_lines("W001", COG), [1]);
    assert_eq!(diag_lines("E001", COG), [10]);
    let ep = endpoint("cog_delete");
    assert_eq!(templates(ep), ["/cogs/{cog-id}"]);
    assert_eq!(ep.success_status, Some(204));
}

#[test]
fn the_report_counts_what_the_model_holds() {
    let r = report::build(api(), None, Default::default());
    assert_eq!(r.pages.get("total"), Some(&5));
    assert_eq!(r.pages.get("api_with_request_section_and_endpoint"), Some(&5));
    assert_eq!(r.permissions.get("tables"), Some(&4));
    assert_eq!(r.permissions.get("parsed"), Some(&3));
    assert_eq!(r.permissions.get("unparsed"), Some(&1));
    let q = &r.examples.requests;
    assert_eq!((q["annotated"], q["annotated_bound"], q["unannotated"], q["unannotated_bound"]), (6, 5, 1, 1));
    let j = &r.examples.json_bodies;
    assert_eq!((j["total"], j["strict"], j["recovered"], j["failed"], j["failed_truncated"]), (4, 0, 3, 1, 1));
    let skipped: usize = r.examples.skipped.values().sum();
    assert_eq!(r.examples.tested + skipped, r.examples.total);
    // Every diagnostic of the fixtures has a code the registry knows.
    for d in &api().diagnostics {
        assert!(msgraph_docgen::diag::CODES.iter().any(|c| c.0 == d.code), "{d}");
    }
}

#[test]
fn design_notes_list_every_diagnostic_code() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(dir.join("docs/DESIGN.md")).expect("docs/DESIGN.md");
    let section = readme.split("\n## Diagnostics").nth(1).and_then(|s| s.split("\n## ").next()).expect("a Diagnostics section");
    // Codes of a part documented in docs/<topic>.md until the README takes
    // them in.
    let topics: Vec<String> = std::fs::read_dir(dir.join("docs"))
        .map(|d| d.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "md")).filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect())
        .unwrap_or_default();
    for (code, _, _) in msgraph_docgen::diag::CODES {
        let row = format!("| {code} |");
        let in_design = section.matches(&row).count();
        let in_topics: usize = topics.iter().map(|t| t.matches(&row).count()).sum::<usize>() - in_design;
        assert!(in_design <= 1, "docs/DESIGN.md's Diagnostics table has {code} twice");
        assert!(in_design == 1 || in_topics == 1, "docs/DESIGN.md's Diagnostics table (or one other docs/*.md table) needs a row for {code}");
    }
}

#[test]
fn nested_front_matter_keys_are_not_the_pages_fields() {
    // Keys indented under another key (a nested map, a list) say nothing
    // of the page: its title and area are the top-level ones.
    let ep = endpoint("lever_get");
    assert_eq!(ep.title, "Get lever");
    let page = api().pages.iter().find(|p| p.path == "v1.0/api/lever-get.md").expect("page");
    assert_eq!(page.area.as_deref(), Some("fixture-area"));
    assert_eq!(page.title.as_deref(), Some("Get lever"));
}
