//! Permission tables of every shape and their attachment to paths, one
//! hand-written page per case (tests/fixtures/perms/; no text from the docs).

use msgraph_docgen::model::{Api, Endpoint, Permission, PermissionScenario};
use std::sync::OnceLock;

#[path = "support/fixtures.rs"]
mod fixtures;

fn api() -> &'static Api {
    fixtures::api("perms")
}

fn endpoint(name: &str) -> &'static Endpoint {
    fixtures::endpoint(api(), name)
}

fn perm(supported: bool, scopes: &[&str], least: &[&str]) -> Permission {
    let v = |s: &[&str]| s.iter().map(|x| x.to_string().into()).collect();
    Permission { supported, scopes: v(scopes), least_privileged: v(least) }
}

fn codes(page: &str, code: &str) -> usize {
    api().diagnostics.iter().filter(|d| d.path == page && d.code == code).count()
}

fn captions(s: &[PermissionScenario]) -> Vec<&str> {
    s.iter().map(|s| s.caption.as_str()).collect()
}

#[test]
fn two_tables_for_two_path_groups_are_attached_per_path() {
    let ep = endpoint("lantern_get");
    assert!(ep.permissions.is_none(), "several tables never make one endpoint table");
    let by_template = |t: &str| ep.paths.iter().find(|p| p.template == t).unwrap_or_else(|| panic!("no path {t}"));
    let harbour = by_template("/harbours/{harbour-id}/lanterns/{lantern-id}").permissions.clone().expect("harbour table");
    assert_eq!(harbour.delegated_work, perm(true, &["Harbour.Read.All", "Harbour.ReadWrite.All"], &["Harbour.Read.All"]));
    assert_eq!(harbour.application, perm(true, &["Harbour.Read.All"], &["Harbour.Read.All"]));
    for t in ["/lighthouses/{lighthouse-id}/lanterns/{lantern-id}", "/me/lighthouses/{lighthouse-id}/lanterns/{lantern-id}"] {
        let p = by_template(t);
        assert!(p.permission_scenarios.is_empty(), "{t}");
        let lighthouse = p.permissions.clone().expect("lighthouse table");
        assert_eq!(lighthouse.delegated_personal, perm(true, &["Lighthouse.Read"], &["Lighthouse.Read"]));
        assert!(!lighthouse.application.supported, "{t}: the harbour table's application row must not leak in");
        assert!(!lighthouse.delegated_work.scopes.iter().any(|s| s.starts_with("Harbour")), "{t}: merged");
    }
    assert_eq!(ep.permission_sources, ["v1.0/api/lantern-get.md"]);
    assert_eq!(codes(&ep.page, "W033") + codes(&ep.page, "W034"), 0);
}

#[test]
fn todays_table_fills_least_privileged_from_its_column() {
    let p = endpoint("kettle_get").permissions.clone().expect("kettle table");
    // Footnote marker dropped; least column first, then the higher one.
    assert_eq!(
        p.delegated_work,
        perm(true, &["Kettle.Read", "Kettle.Inspect", "Kettle.ReadWrite", "Kitchen.ReadWrite.All"], &["Kettle.Read", "Kettle.Inspect"])
    );
    assert_eq!(p.delegated_personal, perm(false, &[], &[]));
    // The `*` (resource-specific consent) mark dropped; "Not available." in
    // the higher column adds nothing and is no placeholder.
    assert_eq!(p.application, perm(true, &["Kettle.Read.Group"], &["Kettle.Read.Group"]));
    let page = api().pages.iter().find(|pg| pg.path == "v1.0/api/kettle-get.md").expect("page");
    assert_eq!((page.permission_tables, page.permission_tables_parsed), (1, 1));
    // The `permissions` annotation belongs to the table: no W011.
    assert_eq!(codes(&page.path, "W011") + codes(&page.path, "W032") + codes(&page.path, "W030"), 0);
}

#[test]
fn two_tables_for_one_url_are_scenarios_with_captions() {
    let ep = endpoint("mirror_list");
    assert!(ep.permissions.is_none());
    let path = &ep.paths[0];
    assert!(path.permissions.is_none());
    assert_eq!(captions(&path.permission_scenarios), ["For halls", "For corridors"]);
    let corridors = &path.permission_scenarios[1].permissions;
    assert_eq!(corridors.application, perm(true, &[], &[]), "None. is supported with no scope");
    assert_eq!(path.permission_scenarios[0].permissions.application, perm(true, &["Hall.Read.All", "Hall.ReadWrite.All"], &["Hall.Read.All"]));
    // One URL: the scenarios are what the page says, not a guess.
    assert_eq!(codes(&ep.page, "W034"), 0);
}

#[test]
fn a_table_for_no_listed_path_is_kept_apart_with_a_diagnostic() {
    let ep = endpoint("bucket_get");
    assert!(ep.permissions.is_none());
    let well = ep.paths[0].permissions.clone().expect("well table");
    assert_eq!(well.delegated_work.scopes, ["Well.Read"]);
    let barn = ep.paths[1].permissions.clone().expect("barn table");
    assert_eq!(barn.delegated_work.scopes, ["Barn.Read"]);
    assert_eq!(captions(&ep.unattached_permissions), ["Buckets on a boat"]);
    assert_eq!(codes(&ep.page, "W033"), 1);
    for p in &ep.paths {
        assert!(!p.permissions.iter().any(|t| t.delegated_work.scopes.iter().any(|s| s.starts_with("Boat"))), "{}: merged", p.template);
    }
}

#[test]
fn tables_no_caption_tells_apart_are_scenarios_of_every_path_with_a_warning() {
    let ep = endpoint("spoon_update");
    assert!(ep.permissions.is_none());
    for p in &ep.paths {
        assert!(p.permissions.is_none(), "{}", p.template);
        assert_eq!(captions(&p.permission_scenarios), ["First variant", "Second variant"], "{}", p.template);
    }
    assert_eq!(codes(&ep.page, "W034"), ep.paths.len());
}

#[test]
fn annotations_that_name_their_request_lines_attach_each_table_to_those() {
    // Captions and position tell nothing here; each annotation's
    // `requestUrls` (parameter names, case and method case aside) does,
    // over a block of request lines above it.
    let ep = endpoint("anchor_get");
    assert!(ep.permissions.is_none());
    let by_template = |t: &str| ep.paths.iter().find(|p| p.template == t).unwrap_or_else(|| panic!("no path {t}"));
    let dock = by_template("/docks/{dock-id}/anchors/{anchor-id}");
    assert!(dock.permission_scenarios.is_empty());
    assert_eq!(dock.permissions.clone().expect("dock table").delegated_work, perm(true, &["Dock.Read.All", "Dock.ReadWrite.All"], &["Dock.Read.All"]));
    for t in ["/ships/{ship-id}/anchors/{anchor-id}", "/me/ships/{ship-id}/anchors/{anchor-id}"] {
        let p = by_template(t);
        assert!(p.permission_scenarios.is_empty(), "{t}");
        let ship = p.permissions.clone().expect("ship table");
        assert_eq!(ship.delegated_personal, perm(true, &["Ship.Read"], &["Ship.Read"]), "{t}");
        assert!(!ship.application.supported, "{t}: the dock table's application row must not leak in");
    }
    assert_eq!(ep.permission_sources, ["v1.0/includes/permissions/anchor-get-permissions.md", "v1.0/includes/permissions/anchor-get-2-permissions.md"]);
    assert_eq!(codes(&ep.page, "W033") + codes(&ep.page, "W034"), 0);
}

#[test]
fn a_block_of_request_lines_above_a_table_names_the_lines_it_governs() {
    // Both captions read the same and both tables stand before the request
    // section: only the blocks above them tell (query string dropped).
    let ep = endpoint("buoy_get");
    assert!(ep.permissions.is_none());
    for p in &ep.paths {
        assert!(p.permission_scenarios.is_empty(), "{}", p.template);
        let t = p.permissions.clone().unwrap_or_else(|| panic!("{}: no table", p.template));
        let me = p.template.starts_with("/me/");
        assert_eq!(t.delegated_personal.supported, me, "{}", p.template);
        assert_eq!(t.application.supported, !me, "{}", p.template);
    }
    assert_eq!(codes(&ep.page, "W033") + codes(&ep.page, "W034"), 0);
}

#[test]
fn lines_named_for_an_unread_table_get_no_other_table() {
    // The fleet table's include is missing: its annotation still says the
    // fleet line is not the boat table's, which governs its two lines only.
    let ep = endpoint("rudder_get");
    assert!(ep.permissions.is_none(), "the boat table does not govern the whole endpoint");
    for p in &ep.paths {
        let boat = p.template.contains("boat");
        assert_eq!(p.permissions.is_some(), boat, "{}", p.template);
        assert!(p.permission_scenarios.is_empty(), "{}", p.template);
        if let Some(t) = &p.permissions {
            assert_eq!(t.delegated_personal, perm(true, &["Boat.Read"], &["Boat.Read"]), "{}", p.template);
        }
    }
    assert_eq!(ep.permission_sources, ["v1.0/includes/permissions/rudder-get-permissions.md"]);
    assert_eq!(codes(&ep.page, "W033") + codes(&ep.page, "W034"), 0);
    assert_eq!(codes(&ep.page, "W070"), 1, "the missing include is reported");
    // A lone table whose annotation names one of two lines still governs
    // both: no other annotation claims the `/me` line.
    let tiller = endpoint("tiller_delete");
    let t = tiller.permissions.clone().expect("the tiller table governs the endpoint");
    assert_eq!(t.application, perm(true, &["Tiller.ReadWrite.All"], &["Tiller.ReadWrite.All"]));
}

#[test]
fn a_permissions_annotation_that_is_not_json_still_names_its_lines() {
    // The second annotation closes its list too early; its strings still
    // tell that the ship table governs the ship and `/me` lines.
    let ep = endpoint("hawser_get");
    for p in &ep.paths {
        assert!(p.permission_scenarios.is_empty(), "{}", p.template);
        let t = p.permissions.clone().unwrap_or_else(|| panic!("{}: no table", p.template));
        let quay = p.template.starts_with("/quays/");
        assert_eq!(t.application.supported, quay, "{}", p.template);
        assert_eq!(t.delegated_personal.supported, !quay, "{}", p.template);
    }
    assert_eq!(codes(&ep.page, "W034") + codes(&ep.page, "E010"), 0);
    assert_eq!(codes(&ep.page, "W010"), 1);
}

#[test]
fn a_scope_named_like_a_placeholder_is_a_scope() {
    // `Todo` inside a scope's name is no `TODO` placeholder; bold cells read as plain.
    let p = endpoint("chores_update").permissions.clone().expect("chores table");
    let scope = ["Chores-Todo.ReadWrite.All"];
    assert_eq!(p.delegated_work, perm(true, &scope, &scope));
    assert_eq!(p.delegated_personal, perm(false, &[], &[]));
    assert_eq!(p.application, perm(true, &scope, &scope));
    assert_eq!(codes("v1.0/api/chores-update.md", "W032"), 0);
}

#[test]
fn parse_json_keeps_scenarios_and_least_privileged() {
    let json = serde_json::to_value(api()).expect("model serialises");
    let eps = json["endpoints"].as_array().expect("endpoints");
    let mirror = eps.iter().find(|e| e["name"] == "mirror_list").expect("mirror");
    assert!(mirror["permissions"].is_null());
    assert_eq!(mirror["paths"][0]["permission_scenarios"][0]["caption"], "For halls");
    let kettle = eps.iter().find(|e| e["name"] == "kettle_get").expect("kettle");
    assert_eq!(kettle["permissions"]["delegated_work"]["least_privileged"][1], "Kettle.Inspect");
}

/// The emitted area module of the fixtures.
fn emitted() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("temp dir");
        msgraph_docgen::Builder::new().docs(fixtures::dir("perms")).out_dir(tmp.path()).cargo_metadata(false).generate().expect("generate runs");
        std::fs::read_to_string(tmp.path().join("src/v1_0/fixture_area.rs")).expect("area module")
    })
}

/// The doc comment and signature of one emitted function.
fn function_doc(name: &str) -> &'static str {
    let text = emitted();
    let sig = text.find(&format!("pub fn {name}(")).unwrap_or_else(|| panic!("no fn {name}"));
    let start = text[..sig].rfind("\n\n").unwrap_or(0);
    &text[start..sig]
}

#[test]
fn each_function_documents_its_own_table_least_privileged_first() {
    let harbour = function_doc("lantern_get");
    assert!(harbour.contains("Harbour.Read.All"), "{harbour}");
    assert!(!harbour.contains("Lighthouse"), "the harbour path's doc shows the lighthouse table: {harbour}");
    let lighthouses: Vec<&str> = emitted().match_indices("pub fn lantern_get_via").map(|(i, _)| i).map(|i| &emitted()[i..i + 60]).collect();
    assert_eq!(lighthouses.len(), 2, "{lighthouses:?}");
    // Least privileged first even when the page lists them in another order.
    let kettle = function_doc("kettle_get");
    let (least, higher) = (kettle.find("`Kettle.Inspect`").expect("least"), kettle.find("`Kettle.ReadWrite`").expect("higher"));
    assert!(least < higher, "{kettle}");
    // Scenarios: every table with its caption.
    let mirror = function_doc("mirror_list");
    assert!(mirror.contains("For halls") && mirror.contains("For corridors") && mirror.contains("Corridor.Read.All"), "{mirror}");
}

/// The endpoint `static` named `name` in the emitted module, decoded from
/// its spec as the generated crate decodes it.
fn emitted_endpoint(name: &str) -> &'static msgraph_docgen::emit::runtime::Endpoint {
    let text = emitted();
    let head = format!("pub static {name}: EndpointRef = EndpointRef::new(");
    let start = text.find(&head).unwrap_or_else(|| panic!("no static {name}")) + head.len();
    let end = start + text[start..].find(");\n").expect("end of the static");
    let spec = syn::parse_str::<syn::LitStr>(&text[start..end]).expect("a string literal").value();
    let r = Box::leak(Box::new(msgraph_docgen::emit::runtime::EndpointRef::new(Box::leak(spec.into_boxed_str()))));
    r.get()
}

#[test]
fn the_emitted_statics_carry_per_path_tables_scenarios_and_least_privileged() {
    // A path's own table in its PathInfo, the endpoint-level one None.
    let lantern = emitted_endpoint("LANTERN_GET");
    assert_eq!(lantern.paths.len(), 3, "{lantern:?}");
    assert!(lantern.paths.iter().all(|p| p.permissions.is_some()), "{lantern:?}");
    assert_eq!(lantern.permissions, None);
    let kettle = emitted_endpoint("KETTLE_GET");
    let work = kettle.path_permissions(0).expect("a table").delegated_work;
    assert_eq!(work.scopes, ["Kettle.Read", "Kettle.Inspect", "Kettle.ReadWrite", "Kitchen.ReadWrite.All"]);
    assert_eq!(work.least, ["Kettle.Read", "Kettle.Inspect"]);
    let mirror = emitted_endpoint("MIRROR_LIST");
    let captions: Vec<&str> = mirror.paths.iter().flat_map(|p| p.scenarios.iter().map(|(c, _)| *c)).collect();
    assert!(captions.contains(&"For halls"), "{mirror:?}");
}

/// A docs tree holding one page.
fn tree_with(page: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("api-reference").join(page);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
    std::fs::write(&path, text).expect("page written");
    dir
}

#[test]
fn diff_reports_permission_changes_per_path_and_across_table_formats() {
    use msgraph_docgen::diff::{self, ChangeKind};
    let fixture = |name: &str| std::fs::read_to_string(fixtures::dir("perms").join("api-reference/v1.0/api").join(name)).expect("fixture");
    let old_text = fixture("lantern-get.md");
    // The harbour table moves to today's columns with another least
    // privileged scope; the lighthouse table loses a scope.
    let new_text = old_text
        .replace(
            "|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)|Harbour.Read.All, Harbour.ReadWrite.All|",
            "|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Delegated (work or school account)|Harbour.ReadBasic.All|Harbour.Read.All, Harbour.ReadWrite.All|",
        )
        .replace("|Delegated (work or school account)|Lighthouse.Read, Lighthouse.ReadWrite|", "|Delegated (work or school account)|Lighthouse.Read|");
    assert_ne!(old_text, new_text, "the fixture edit must apply");
    let page = "v1.0/api/lantern-get.md";
    let (old, new) = (tree_with(page, &old_text), tree_with(page, &new_text));
    let r = diff::diff_dirs(old.path(), new.path(), &[], &[]).expect("diff runs");
    let of = |k: ChangeKind| -> Vec<(String, Option<String>, Option<String>)> {
        r.changes.iter().filter(|c| c.kind == k).map(|c| (c.subject.clone(), c.old.clone(), c.new.clone())).collect()
    };
    let harbour = "GET /harbours/{harbour-id}/lanterns/{lantern-id} (delegated (work or school account))";
    assert_eq!(of(ChangeKind::LeastPrivilegedChanged), [(harbour.to_string(), Some("Harbour.Read.All".into()), Some("Harbour.ReadBasic.All".into()))]);
    assert_eq!(of(ChangeKind::ScopeAdded), [(harbour.to_string(), None, Some("Harbour.ReadBasic.All".into()))]);
    // The removal is reported on each lighthouse path, not on the harbour one.
    let removed = of(ChangeKind::ScopeRemoved);
    assert_eq!(removed.len(), 2, "{removed:?}");
    assert!(removed.iter().all(|(s, old, _)| s.contains("/lighthouses/") && old.as_deref() == Some("Lighthouse.ReadWrite")), "{removed:?}");
    assert!(r.changes.iter().any(|c| c.kind == ChangeKind::ScopeRemoved && c.breaking));
    // The same tree has no permission change.
    let same = diff::diff_dirs(old.path(), old.path(), &[], &[]).expect("diff runs");
    assert!(same.changes.is_empty(), "{:?}", same.changes);
}
