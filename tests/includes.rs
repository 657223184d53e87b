//! Includes (`[!INCLUDE [label](path)]`), today's front matter and the
//! include files as inputs of a run, on fixture trees written here.

#[path = "support/skip.rs"]
mod skip;

use msgraph_docgen::diag::Diagnostic;
use msgraph_docgen::model::{Api, Endpoint};
use std::path::{Path, PathBuf};

/// A docs tree in a temporary folder.
struct Tree {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    outside: PathBuf,
}

impl Tree {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("docs/api-reference");
        std::fs::create_dir_all(root.join("v1.0/api")).unwrap();
        let outside = tmp.path().join("secret");
        std::fs::create_dir_all(&outside).unwrap();
        Tree { _tmp: tmp, root, outside }
    }

    fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    fn load(&self) -> Api {
        msgraph_docgen::load(&self.root, &[], &[]).expect("load").api
    }
}

/// An api page of our own with `perms` as its permissions section body.
fn page(title: &str, area: &str, perms: &str, path: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndescription: \"A fixture page.\"\n{area}\n---\n\n# {title}\n\nFixture text.\n\n## Permissions\n\n{perms}\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n## Response\n\nOn success the call answers `200 OK`.\n"
    )
}

/// An include file holding a current-format table with one scope per type.
fn table(scope: &str) -> String {
    format!(
        "---\ndescription: \"Fixture include\"\nms.topic: include\n---\n\n|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Delegated (work or school account)|{scope}.Read|{scope}.ReadWrite|\n|Delegated (personal Microsoft account)|Not supported.|Not supported.|\n|Application|{scope}.Read.All|Not available.|\n"
    )
}

fn include_line(target: &str) -> String {
    format!("<!-- {{ \"blockType\": \"permissions\", \"name\": \"fixture_op\" }} -->\n[!INCLUDE [permissions-table]({target})]")
}

fn endpoint<'a>(api: &'a Api, page: &str) -> &'a Endpoint {
    api.endpoints.iter().find(|e| e.page == page).unwrap_or_else(|| panic!("no endpoint for {page}: {:?}", api.diagnostics))
}

fn diags<'a>(api: &'a Api, code: &str) -> Vec<&'a Diagnostic> {
    api.diagnostics.iter().filter(|d| d.code == code).collect()
}

fn all_scopes(e: &Endpoint) -> Vec<String> {
    let p = e.permissions.as_ref().expect("permissions");
    [&p.delegated_work, &p.delegated_personal, &p.application].iter().flat_map(|x| x.scopes.iter().map(|s| s.to_string())).collect()
}

/// The least-privileged scopes of [`table`] are all read (how the higher
/// column is read is the permission reader's business).
fn has_table_scopes(e: &Endpoint, scope: &str) {
    let scopes = all_scopes(e);
    for s in [format!("{scope}.Read"), format!("{scope}.Read.All")] {
        assert!(scopes.contains(&s), "{s} missing from {scopes:?}");
    }
    assert!(e.permissions.as_ref().unwrap().application.supported);
}

#[test]
fn an_included_table_is_read_as_if_it_stood_in_the_page() {
    let t = Tree::new();
    t.write(
        "v1.0/api/gizmo-get.md",
        &page("Get gizmo", "ms.subservice: \"gizmos\"", &include_line("../includes/permissions/gizmo-get-permissions.md"), "/gizmos/{id}"),
    )
    .write("v1.0/includes/permissions/gizmo-get-permissions.md", &table("Gizmo"));
    let api = t.load();
    let e = endpoint(&api, "v1.0/api/gizmo-get.md");
    has_table_scopes(e, "Gizmo");
    assert!(!e.permissions.as_ref().unwrap().delegated_personal.supported);
    assert_eq!(e.permission_sources, ["v1.0/includes/permissions/gizmo-get-permissions.md"]);
    // The permissions annotation is understood; the section has its table.
    for code in ["W011", "W031", "W070"] {
        assert!(diags(&api, code).is_empty(), "{code}: {:?}", api.diagnostics);
    }
    // An unmapped subservice is an area of its own, not misc.
    assert_eq!(e.module, "gizmos");
}

#[test]
fn diagnostics_in_an_include_of_an_include_point_at_its_file_and_line() {
    let t = Tree::new();
    let bad_table = "|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)|Widget.Read|\n|Sideways token|Widget.Twist|\n|Application|Widget.Read.All|\n";
    t.write("v1.0/api/widget-get.md", &page("Get widget", "ms.prod: \"widgets\"", "[!INCLUDE [outer](../includes/outer.md)]", "/widgets/{id}"))
        // outer.md: front matter (4 lines), a blank line, then the nested include on line 6.
        .write("v1.0/includes/outer.md", "---\ndescription: outer\nms.topic: include\n---\n\n[!INCLUDE [inner](nested/inner.md)]\n")
        // inner.md has no front matter: the bad row is on line 4.
        .write("v1.0/includes/nested/inner.md", bad_table);
    let api = t.load();
    let e = endpoint(&api, "v1.0/api/widget-get.md");
    assert_eq!(all_scopes(e), ["Widget.Read", "Widget.Read.All"]);
    assert_eq!(e.permission_sources, ["v1.0/includes/nested/inner.md"]);
    let w030 = diags(&api, "W030");
    assert_eq!(w030.len(), 1, "{:?}", api.diagnostics);
    // The table starts on line 1 of inner.md (W030 is reported at its table).
    assert_eq!((w030[0].path.as_str(), w030[0].line), ("v1.0/includes/nested/inner.md", 1));
    assert!(w030[0].message.ends_with("(included from v1.0/api/widget-get.md)"), "{}", w030[0].message);
    // A parser diagnostic inside the include: an annotation that is not
    // followed by a code block, on line 2 of a second nested include.
    t.write("v1.0/includes/nested/inner.md", &format!("\n<!-- {{ \"blockType\": \"request\" }} -->\n\n{bad_table}"));
    let api = t.load();
    let w011 = diags(&api, "W011");
    assert_eq!(w011.len(), 1, "{:?}", api.diagnostics);
    assert_eq!((w011[0].path.as_str(), w011[0].line, w011[0].col), ("v1.0/includes/nested/inner.md", 2, 1));
    assert!(w011[0].message.contains("v1.0/includes/outer.md:6") && w011[0].message.contains("v1.0/api/widget-get.md:"), "{}", w011[0].message);
    assert!(w011[0].to_string().contains("--> v1.0/includes/nested/inner.md:2:1"));
}

#[test]
fn a_cycle_is_a_diagnostic_and_the_rest_is_read() {
    let t = Tree::new();
    t.write("v1.0/api/loop-get.md", &page("Get loop", "ms.prod: \"loops\"", "[!INCLUDE [a](../includes/a.md)]", "/loops/{id}"))
        .write("v1.0/includes/a.md", &format!("{}\n[!INCLUDE [b](b.md)]\n", table("Loop").split("---\n").nth(2).unwrap()))
        .write("v1.0/includes/b.md", "Some text.\n\n[!INCLUDE [a](./a.md)]\n");
    let api = t.load();
    let w071 = diags(&api, "W071");
    assert_eq!(w071.len(), 1, "{:?}", api.diagnostics);
    assert_eq!((w071[0].path.as_str(), w071[0].line), ("v1.0/includes/b.md", 3));
    // The table before the cycle is still read, once.
    has_table_scopes(endpoint(&api, "v1.0/api/loop-get.md"), "Loop");

    // A page including itself.
    t.write("v1.0/api/self-get.md", &page("Get self", "ms.prod: \"loops\"", "[!INCLUDE [me](self-get.md)]", "/selves/{id}"));
    let api = t.load();
    assert!(diags(&api, "W071").iter().any(|d| d.path == "v1.0/api/self-get.md"), "{:?}", api.diagnostics);
    endpoint(&api, "v1.0/api/self-get.md");
}

#[test]
fn deep_nesting_stops_at_the_limit() {
    let t = Tree::new();
    t.write("v1.0/api/deep-get.md", &page("Get deep", "ms.prod: \"deep\"", "[!INCLUDE [d](../includes/d0.md)]", "/deep"));
    for i in 0..20 {
        t.write(&format!("v1.0/includes/d{i}.md"), &format!("[!INCLUDE [d](d{}.md)]\n", i + 1));
    }
    let api = t.load();
    assert_eq!(diags(&api, "W072").len(), 1, "{:?}", api.diagnostics);
    endpoint(&api, "v1.0/api/deep-get.md");
}

#[test]
fn a_missing_include_is_a_warning_and_the_rest_generates() {
    let t = Tree::new();
    let perms = include_line("../includes/permissions/gone-get-permissions.md");
    t.write("v1.0/api/gone-get.md", &page("Get gone", "ms.prod: \"gone\"", &perms, "/gone/{id}"));
    let api = t.load();
    let w070 = diags(&api, "W070");
    assert_eq!(w070.len(), 1);
    // Front matter 5 lines, blank, H1, blank, text, blank, heading, blank, annotation, include: line 14.
    assert_eq!((w070[0].path.as_str(), w070[0].line), ("v1.0/api/gone-get.md", 14));
    assert!(w070[0].message.contains("v1.0/includes/permissions/gone-get-permissions.md"));
    // The include's diagnostic says why the section has no table: no W031.
    assert!(diags(&api, "W031").is_empty() && diags(&api, "W011").is_empty(), "{:?}", api.diagnostics);
    let e = endpoint(&api, "v1.0/api/gone-get.md");
    assert!(e.permissions.is_none() && e.permission_sources.is_empty());
    assert_eq!(e.paths[0].template, "/gone/{id}");
}

#[test]
fn includes_leaving_the_docs_folder_are_refused_and_never_read() {
    let t = Tree::new();
    // A file outside the docs folder that would give permissions if read.
    std::fs::write(t.outside.join("perms.md"), table("Secret")).unwrap();
    let outside = t.outside.join("perms.md");
    let dotdot = "../../../../secret/perms.md"; // v1.0/api → api-reference → docs → tmp
    assert!(t.root.join("v1.0/api").join(dotdot).is_file(), "the `..` path points at the secret file");
    let cases = [("abs", outside.display().to_string()), ("dotdot", dotdot.to_string()), ("link", "../includes/link.md".to_string())];
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, t.root.join("v1.0/includes/link.md"))
        .or_else(|_| {
            std::fs::create_dir_all(t.root.join("v1.0/includes")).and_then(|_| std::os::unix::fs::symlink(&outside, t.root.join("v1.0/includes/link.md")))
        })
        .unwrap();
    for (name, target) in &cases {
        t.write(&format!("v1.0/api/{name}-get.md"), &page("Get it", "ms.prod: \"esc\"", &include_line(target), &format!("/{name}")));
    }
    let api = t.load();
    let e070 = diags(&api, "E070");
    let expected = if cfg!(unix) { 3 } else { 2 };
    assert_eq!(e070.len(), expected, "{:?}", api.diagnostics);
    for d in &e070 {
        assert!(d.path.starts_with("v1.0/api/") && d.line == 14, "{d}");
        assert_eq!(d.severity, msgraph_docgen::diag::Severity::Error);
    }
    for (name, _) in &cases[..expected] {
        let e = endpoint(&api, &format!("v1.0/api/{name}-get.md"));
        assert!(e.permissions.is_none(), "{name}: the outside file was read");
    }
    assert!(!serde_json::to_string(&api).unwrap().contains("Secret."), "a scope of the outside file got into the model");
}

#[test]
fn areas_come_from_ms_subservice_when_ms_prod_is_absent() {
    let t = Tree::new();
    t.write("v1.0/api/a-get.md", &page("Get a", "ms.subservice: \"teams\"", "", "/a"))
        .write("v1.0/api/b-get.md", &page("Get b", "ms.subservice: entra-applications", "", "/b"))
        .write("v1.0/api/c-get.md", &page("Get c", "ms.prod: outlook\nms.subservice: teams", "", "/c"))
        .write("v1.0/api/d-get.md", &page("Get d", "ms.localizationpriority: high", "", "/d"));
    let api = t.load();
    let module = |p: &str| endpoint(&api, p).module.clone();
    assert_eq!(module("v1.0/api/a-get.md"), "microsoft_teams");
    assert_eq!(module("v1.0/api/b-get.md"), "applications");
    assert_eq!(module("v1.0/api/c-get.md"), "outlook");
    assert_eq!(module("v1.0/api/d-get.md"), "misc");
    let w003: Vec<&str> = diags(&api, "W003").iter().map(|d| d.path.as_str()).collect();
    assert_eq!(w003, ["v1.0/api/d-get.md"]);
}

#[test]
fn crlf_pages_and_includes_keep_their_lines() {
    let t = Tree::new();
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let perms = format!(
        "<!-- {{ \"blockType\": \"ignored\" }} // a note that is not JSON -->\n{}",
        "[!INCLUDE [permissions-table](../includes/permissions/crlf-get-permissions.md)]"
    );
    t.write("v1.0/api/crlf-get.md", &crlf(&page("Get crlf", "ms.subservice: \"m365-backup-storage\"", &perms, "/crlf/{id}")))
        .write("v1.0/includes/permissions/crlf-get-permissions.md", &crlf(&format!("{}|Sideways|Crlf.Twist|x|\n", table("Crlf"))));
    let api = t.load();
    let e = endpoint(&api, "v1.0/api/crlf-get.md");
    has_table_scopes(e, "Crlf");
    assert_eq!(e.module, "m365_backup_storage");
    assert_eq!(e.line, 19, "request line of the page, counted without the include");
    assert!(diags(&api, "W011").is_empty(), "{:?}", api.diagnostics);
    // The include's own CRLF is reported at the include.
    assert!(diags(&api, "W001").iter().any(|d| d.path == "v1.0/includes/permissions/crlf-get-permissions.md"));
    let w030 = diags(&api, "W030");
    assert_eq!(w030.len(), 1, "{:?}", api.diagnostics);
    assert_eq!((w030[0].path.as_str(), w030[0].line), ("v1.0/includes/permissions/crlf-get-permissions.md", 6));
}

#[test]
fn includes_in_code_blocks_and_snippets_are_left_alone() {
    let t = Tree::new();
    let perms = "```md\n[!INCLUDE [x](../includes/none.md)]\n```\n\n[!INCLUDE [sample-code](../includes/snippets/csharp/x-csharp-snippets.md)]";
    t.write("v1.0/api/code-get.md", &page("Get code", "ms.prod: code", perms, "/code"));
    let api = t.load();
    assert!(diags(&api, "W070").is_empty(), "{:?}", api.diagnostics);
}

fn generate(root: &Path, out: &Path, check: bool) -> msgraph_docgen::Generated {
    msgraph_docgen::Builder::new().docs(root).out_dir(out).cargo_metadata(false).check(check).generate().expect("generate")
}

#[test]
fn editing_only_an_include_regenerates_what_depends_on_it() {
    let t = Tree::new();
    t.write(
        "v1.0/api/gizmo-get.md",
        &page("Get gizmo", "ms.prod: \"gizmos\"", &include_line("../includes/permissions/gizmo-get-permissions.md"), "/gizmos/{id}"),
    )
    .write("v1.0/api/other-get.md", &page("Get other", "ms.prod: \"others\"", "", "/others/{id}"))
    .write("v1.0/includes/permissions/gizmo-get-permissions.md", &table("Gizmo"));
    let out = t.root.parent().unwrap().parent().unwrap().join("out");
    let first = generate(&t.root, &out, false);
    assert!(!first.cached);
    assert_eq!(first.includes, ["v1.0/includes/permissions/gizmo-get-permissions.md"]);
    let lines = first.cargo_metadata_lines();
    let include_path = t.root.join("v1.0/includes/permissions/gizmo-get-permissions.md");
    assert!(lines.iter().any(|l| l == &format!("cargo:rerun-if-changed={}", include_path.display())), "{lines:?}");
    assert!(generate(&t.root, &out, false).cached, "nothing changed: the cache answers");

    // Only the include changes.
    t.write("v1.0/includes/permissions/gizmo-get-permissions.md", &table("Gadget"));
    let check = generate(&t.root, &out, true);
    assert!(!check.cached, "the cache must see the include");
    assert_eq!(check.stats.written, ["src/v1_0/gizmos.rs"], "--check reports the dependent file stale");
    let again = generate(&t.root, &out, false);
    assert!(!again.cached);
    assert_eq!(again.stats.written, ["src/v1_0/gizmos.rs"]);
    assert!(std::fs::read_to_string(out.join("src/v1_0/gizmos.rs")).unwrap().contains("Gadget.Read"));
    assert!(generate(&t.root, &out, true).stats.is_fresh());

    // The include selected with its page by --include.
    let only = msgraph_docgen::load(&t.root, &["v1.0/api/gizmo-*.md".to_string()], &[]).unwrap();
    assert_eq!(only.pages, ["v1.0/api/gizmo-get.md"]);
    assert_eq!(all_scopes(endpoint(&only.api, "v1.0/api/gizmo-get.md"))[0], "Gadget.Read");
}

/// The current reference sample (`GRAPH_DOCS_CURRENT_DIR`).
#[test]
fn current_sample_areas_annotations_and_includes() {
    let Some(dir) = skip::env_dir("GRAPH_DOCS_CURRENT_DIR") else {
        return;
    };
    let loaded = msgraph_docgen::load(Path::new(&dir), &[], &[]).expect("load the current sample");
    let root = loaded.root.clone();
    let api = &loaded.api;
    // No page that names its area lands in misc.
    let mut pages_with_area = 0;
    for e in &api.endpoints {
        let text = std::fs::read_to_string(root.join(e.page.as_str())).unwrap();
        let names_area = text.lines().take_while(|l| !l.starts_with("# ")).any(|l| {
            let l = l.trim();
            ["ms.prod:", "ms.subservice:"].iter().any(|k| l.starts_with(k) && !l[k.len()..].trim().trim_matches(['"', '\'']).is_empty())
        });
        if names_area {
            pages_with_area += 1;
            assert_ne!(e.module, "misc", "{} names an area but landed in misc", e.page);
        }
    }
    assert!(pages_with_area >= 40, "only {pages_with_area} endpoints' pages name an area");
    // No W011 for permissions annotations (none at all in this sample).
    for d in api.diagnostics.iter().filter(|d| d.code == "W011") {
        let line = std::fs::read_to_string(root.join(&d.path)).unwrap().lines().nth(d.line as usize - 1).unwrap_or("").to_string();
        assert!(!line.contains("\"permissions\""), "W011 on a permissions annotation: {d}");
    }
    // Every include referenced is read (its content spliced) or reported.
    let mut referenced = 0;
    for page in &loaded.pages {
        let text = std::fs::read_to_string(root.join(page)).unwrap();
        for (i, line) in text.lines().enumerate() {
            let l = line.trim();
            let Some(target) = l.strip_prefix("[!INCLUDE").and_then(|r| r.split_once("](")).and_then(|(_, r)| r.strip_suffix(")]")) else { continue };
            if target.contains("/snippets/") {
                continue;
            }
            referenced += 1;
            let resolved = root.join(page).parent().unwrap().join(target.trim());
            let reported = api
                .diagnostics
                .iter()
                .any(|d| d.path == *page && d.line as usize == i + 1 && ["W070", "E070", "E071", "W071", "W072"].contains(&d.code.as_str()));
            let read = resolved.canonicalize().is_ok_and(|c| c.starts_with(root.canonicalize().unwrap()) && c.is_file());
            assert!(read != reported, "{page}:{}: include {target} read: {read}, reported: {reported}", i + 1);
        }
    }
    assert!(referenced > 50, "{referenced} includes referenced");
    // Every permission include that exists is a source of its endpoint.
    for e in &api.endpoints {
        for s in &e.permission_sources {
            assert!(root.join(s.as_str()).is_file(), "{s}");
        }
    }
}

/// A page documenting two operations (two methods: one endpoint each), each
/// with its own permissions include
/// above its "HTTP request" heading (today's layout): each endpoint reads
/// the sections of its own operation, whose lines are the page's.
#[test]
fn each_operation_of_a_page_with_includes_reads_its_own_sections() {
    let t = Tree::new();
    let op = |n: u32, request: &str, ty: &str| {
        format!(
            "## Permissions\n\n{}\n\n## HTTP request\n\n```http\n{request}\n```\n\n## Response\n\nOn success the call answers `200 OK` with a [{ty}](../resources/{ty}.md) object.\n\n",
            include_line(&format!("../includes/permissions/twin-{n}-permissions.md"))
        )
    };
    let text = format!(
        "---\ntitle: \"Twin\"\ndescription: \"A fixture page.\"\nms.prod: \"twins\"\n---\n\n# Twin\n\nFixture text.\n\n{}{}",
        op(1, "GET /gizmos/{id}", "gizmo"),
        op(2, "POST /widgets", "widget")
    );
    t.write("v1.0/api/twin-get.md", &text)
        .write("v1.0/includes/permissions/twin-1-permissions.md", &table("Gizmo"))
        .write("v1.0/includes/permissions/twin-2-permissions.md", &table("Widget"))
        .write(
            "v1.0/resources/gizmo.md",
            "# gizmo resource type\n\nFixture.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Its id. |\n",
        )
        .write(
            "v1.0/resources/widget.md",
            "# widget resource type\n\nFixture.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Its id. |\n",
        );
    let api = t.load();
    let response = |path: &str| {
        let e = api.endpoints.iter().find(|e| e.paths.iter().any(|p| p.template == path)).unwrap_or_else(|| panic!("no {path}"));
        e.response.as_ref().map(|r| r.ty.clone())
    };
    assert_eq!(response("/gizmos/{id}").as_deref(), Some("microsoft.graph.gizmo"), "{:?}", api.diagnostics);
    assert_eq!(response("/widgets").as_deref(), Some("microsoft.graph.widget"), "{:?}", api.diagnostics);
    // Each include governs the request line below it (placed by the
    // directive's line in the page, not the table's line in its file).
    for (path, scope) in [("/gizmos/{id}", "Gizmo.Read"), ("/widgets", "Widget.Read")] {
        let p = api.endpoints.iter().flat_map(|e| &e.paths).find(|p| p.template == path).unwrap();
        let perms = p.permissions.as_ref().unwrap_or_else(|| panic!("{path} has no permissions of its own: {:?}", api.diagnostics));
        assert_eq!(perms.delegated_work.scopes.first().map(|s| s.as_str()), Some(scope), "{path}");
    }
    assert!(diags(&api, "W034").is_empty(), "{:?}", api.diagnostics);
}
