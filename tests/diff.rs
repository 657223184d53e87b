//! The change report: fixture trees written here (own wording), and the two
//! corpus snapshots when GRAPH_DOCS_DIR and GRAPH_DOCS_OLD_DIR are set.

#[path = "support/skip.rs"]
mod skip;

use msgraph_docgen::diff::{self, ChangeKind};
use std::collections::BTreeSet;
use std::path::Path;

struct Op<'a> {
    file: &'a str,
    method: &'a str,
    paths: &'a [&'a str],
    /// Delegated work, delegated personal, application.
    perms: [&'a str; 3],
    status: &'a str,
}

fn page(op: &Op) -> String {
    let lines: Vec<String> = op.paths.iter().map(|p| format!("{} {p}", op.method)).collect();
    format!(
        "---\ntitle: \"Fixture {file}\"\ndescription: \"A fixture operation for the diff tests.\"\nms.prod: \"fixtures\"\ndoc_type: apiPageType\n---\n\n\
# Fixture {file}\n\nNamespace: microsoft.graph\n\nAn operation made up for the tests.\n\n## Permissions\n\n\
| Permission type | Permissions (from least to most privileged) |\n| :-- | :-- |\n\
| Delegated (work or school account) | {} |\n| Delegated (personal Microsoft account) | {} |\n| Application | {} |\n\n\
## HTTP request\n\n```http\n{}\n```\n\n## Response\n\nOn success the operation answers with `{}`.\n",
        op.perms[0],
        op.perms[1],
        op.perms[2],
        lines.join("\n"),
        op.status,
        file = op.file.trim_end_matches(".md"),
    )
}

fn tree(dir: &Path, ops: &[Op]) {
    let api = dir.join("api-reference/v1.0/api");
    std::fs::create_dir_all(&api).unwrap();
    for op in ops {
        std::fs::write(api.join(op.file), page(op)).unwrap();
    }
}

const NS: &str = "Not supported.";

fn fixtures() -> (tempfile::TempDir, tempfile::TempDir) {
    let old = tempfile::tempdir().unwrap();
    let new = tempfile::tempdir().unwrap();
    tree(
        old.path(),
        &[
            Op {
                file: "widget-get.md",
                method: "GET",
                paths: &["/widgets/{id}", "/me/widgets/{id}"],
                perms: ["Widget.Read", NS, "Widget.Read.All"],
                status: "200 OK",
            },
            Op { file: "widget-delete.md", method: "DELETE", paths: &["/widgets/{id}"], perms: ["Widget.ReadWrite", NS, NS], status: "204 No Content" },
            Op { file: "gadget-update.md", method: "PATCH", paths: &["/gadgets/{id}"], perms: ["Gadget.ReadWrite", NS, NS], status: "204 No Content" },
        ],
    );
    tree(
        new.path(),
        &[
            Op {
                file: "widget-get.md",
                method: "GET",
                paths: &["/widgets/{widget-id}", "/groups/{id}/widgets/{id}"],
                perms: ["Widget.Read, Widget.ReadWrite", "Widget.Read", NS],
                status: "200 OK",
            },
            Op { file: "gadget-update.md", method: "PUT", paths: &["/gadgets/{id}"], perms: ["Gadget.ReadWrite", NS, NS], status: "204 No Content" },
            Op { file: "gizmo-list.md", method: "GET", paths: &["/gizmos"], perms: ["Gizmo.Read", NS, NS], status: "200 OK" },
        ],
    );
    (old, new)
}

#[test]
fn fixture_changes_are_classified() {
    let (old, new) = fixtures();
    let r = diff::diff_dirs(old.path(), new.path(), &[], &[]).unwrap();
    let n = |k| r.count(k);
    assert_eq!(n(ChangeKind::PageAdded), 1, "{:#?}", r.changes);
    assert_eq!(n(ChangeKind::PageRemoved), 1);
    assert_eq!(n(ChangeKind::EndpointAdded), 1);
    assert_eq!(n(ChangeKind::EndpointRemoved), 1);
    assert_eq!(n(ChangeKind::MethodChanged), 1);
    assert_eq!(n(ChangeKind::PathAdded), 1);
    assert_eq!(n(ChangeKind::PathRemoved), 1);
    assert_eq!(n(ChangeKind::ParameterRenamed), 1);
    assert_eq!(n(ChangeKind::ScopeAdded), 2);
    assert_eq!(n(ChangeKind::ScopeRemoved), 1);
    assert_eq!(n(ChangeKind::PermissionSupportAdded), 1);
    assert_eq!(n(ChangeKind::PermissionSupportRemoved), 1);
    let removed = r.changes.iter().find(|c| c.kind == ChangeKind::EndpointRemoved).unwrap();
    assert_eq!(removed.page, "v1.0/api/widget-delete.md");
    let method = r.changes.iter().find(|c| c.kind == ChangeKind::MethodChanged).unwrap();
    assert_eq!((method.old.as_deref(), method.new.as_deref()), (Some("PATCH"), Some("PUT")));
    let path_removed = r.changes.iter().find(|c| c.kind == ChangeKind::PathRemoved).unwrap();
    assert!(path_removed.subject.contains("/me/widgets/"), "{path_removed:?}");
    // Breaking: removal, method change, path removal, lost support, lost scope.
    let breaking: BTreeSet<ChangeKind> = r.changes.iter().filter(|c| c.breaking).map(|c| c.kind).collect();
    let expected: BTreeSet<ChangeKind> =
        [ChangeKind::EndpointRemoved, ChangeKind::MethodChanged, ChangeKind::PathRemoved, ChangeKind::PermissionSupportRemoved, ChangeKind::ScopeRemoved]
            .into_iter()
            .collect();
    assert_eq!(breaking, expected);
    assert_eq!(r.breaking, r.changes.iter().filter(|c| c.breaking).count());
    assert!(r.changes.iter().all(|c| c.breaking == c.kind.breaking() || c.kind == ChangeKind::SuccessStatusChanged));
}

#[test]
fn same_tree_has_no_changes_and_order_does_not_matter() {
    let (old, _new) = fixtures();
    let a = msgraph_docgen::load(old.path(), &[], &[]).unwrap().api;
    assert!(!a.endpoints.is_empty());
    let mut b = a.clone();
    b.endpoints.reverse();
    b.pages.reverse();
    b.types.reverse();
    b.examples.reverse();
    let r = diff::diff(&a, &b);
    assert!(r.changes.is_empty(), "{:#?}", r.changes);
    // And the reverse direction mirrors additions and removals.
    let (old, new) = fixtures();
    let fwd = diff::diff_dirs(old.path(), new.path(), &[], &[]).unwrap();
    let back = diff::diff_dirs(new.path(), old.path(), &[], &[]).unwrap();
    assert_eq!(fwd.count(ChangeKind::EndpointAdded), back.count(ChangeKind::EndpointRemoved));
    assert_eq!(fwd.count(ChangeKind::PathAdded), back.count(ChangeKind::PathRemoved));
    assert_eq!(fwd.count(ChangeKind::ScopeAdded), back.count(ChangeKind::ScopeRemoved));
}

#[test]
fn cli_prints_markdown_and_json() {
    let (old, new) = fixtures();
    let bin = env!("CARGO_BIN_EXE_msgraph-docgen");
    let out = std::process::Command::new(bin).arg("diff").arg(old.path()).arg(new.path()).arg("--format").arg("json").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["counts"]["endpoint-removed"], 1);
    assert_eq!(v["counts"]["scope-added"], 2);
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(v["breaking"].as_u64().unwrap() as usize, changes.iter().filter(|c| c["breaking"] == true).count());
    let out = std::process::Command::new(bin).arg("diff").arg(old.path()).arg(new.path()).output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    for heading in
        ["## Breaking changes (5)", "### Endpoints added (1)", "### Endpoints removed (1)", "### Scopes removed (1)", "### Permission support removed (1)"]
    {
        assert!(md.contains(heading), "missing {heading:?} in\n{md}");
    }
    assert!(md.contains("(https://learn.microsoft.com/graph/api/widget-delete?view=graph-rest-1.0)"), "{md}");
}

/// Page paths (relative, `/`) of every `.md` file under `root`, walked here
/// without the generator's reader.
fn md_files(root: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                walk(root, &p, out);
            } else if ft.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("md")) {
                let rel: Vec<String> = p.strip_prefix(root).unwrap().components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                out.insert(rel.join("/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(root, root, &mut out);
    out
}

#[test]
fn corpus_counts_match_an_independent_count() {
    let (Some(new), Some(old)) =
        (std::env::var_os("GRAPH_DOCS_DIR").filter(|v| !v.is_empty()), std::env::var_os("GRAPH_DOCS_OLD_DIR").filter(|v| !v.is_empty()))
    else {
        skip::skip("GRAPH_DOCS_DIR and GRAPH_DOCS_OLD_DIR are not both set");
        return;
    };
    let (old, new) = (Path::new(&old), Path::new(&new));
    // The diff's speed against one generate is measured by `bench/run`
    // (its `diff OLD NEW` row), not here: a timed assertion fails whenever
    // the shared machine is busy.
    let (a, b) = rayon::join(|| msgraph_docgen::load(old, &[], &[]).unwrap(), || msgraph_docgen::load(new, &[], &[]).unwrap());
    let r = diff::diff(&a.api, &b.api);
    let md = diff::to_markdown(&r);
    eprintln!("corpus: {} changes, {} breaking", r.changes.len(), r.breaking);

    // Pages: the file sets of the two trees, walked independently.
    let (fa, fb) = (md_files(&a.root), md_files(&b.root));
    assert_eq!(r.count(ChangeKind::PageAdded), fb.difference(&fa).count());
    assert_eq!(r.count(ChangeKind::PageRemoved), fa.difference(&fb).count());
    assert!(r.count(ChangeKind::PageAdded) > 0 && r.count(ChangeKind::PageRemoved) > 0);

    // Endpoints: (version, page, method) sets. A page whose single endpoint
    // changed method counts once as a method change instead.
    let eps = |api: &msgraph_docgen::model::Api| -> BTreeSet<(String, String, String)> {
        api.endpoints.iter().map(|e| (e.version.clone(), e.page.to_string(), e.method.clone())).collect()
    };
    let (ea, eb) = (eps(&a.api), eps(&b.api));
    let gone = ea.difference(&eb).count();
    let came = eb.difference(&ea).count();
    let mc = r.count(ChangeKind::MethodChanged);
    assert_eq!(r.count(ChangeKind::EndpointRemoved) + mc, gone);
    assert_eq!(r.count(ChangeKind::EndpointAdded) + mc, came);
    assert!(r.count(ChangeKind::EndpointAdded) > 0 && r.count(ChangeKind::EndpointRemoved) > 0);

    // Request lines of endpoints present in both trees: (endpoint, path key) sets.
    let lines = |api: &msgraph_docgen::model::Api, keep: &BTreeSet<(String, String, String)>| -> BTreeSet<(String, String, String, String)> {
        api.endpoints
            .iter()
            .filter(|e| keep.contains(&(e.version.clone(), e.page.to_string(), e.method.clone())))
            .flat_map(|e| e.paths.iter().map(move |p| (e.version.clone(), e.page.to_string(), e.method.clone(), diff::path_key(&p.template))))
            .collect()
    };
    let both: BTreeSet<_> = ea.intersection(&eb).cloned().collect();
    let (la, lb) = (lines(&a.api, &both), lines(&b.api, &both));
    let (mc_removed, mc_added) = paths_of_method_changes(&r);
    assert_eq!(r.count(ChangeKind::PathAdded) - mc_added, lb.difference(&la).count());
    assert_eq!(r.count(ChangeKind::PathRemoved) - mc_removed, la.difference(&lb).count());

    // Types by (version, name).
    let tys = |api: &msgraph_docgen::model::Api| -> BTreeSet<(String, String)> { api.types.iter().map(|t| (t.version.clone(), t.name.clone())).collect() };
    let (ta, tb) = (tys(&a.api), tys(&b.api));
    assert_eq!(r.count(ChangeKind::TypeAdded), tb.difference(&ta).count());
    assert_eq!(r.count(ChangeKind::TypeRemoved), ta.difference(&tb).count());

    // The report shows what the issue asks for.
    for heading in ["### Endpoints added", "### Endpoints removed", "## Breaking changes", "### Scopes added"] {
        assert!(md.contains(heading), "report lacks {heading}");
    }
    assert!(r.breaking > 0);
}

/// Path changes reported inside method changes (old, new): those endpoints
/// are not in the intersection the test compares request lines over.
fn paths_of_method_changes(r: &diff::DiffReport) -> (usize, usize) {
    let pages: BTreeSet<(&str, &str)> =
        r.changes.iter().filter(|c| c.kind == ChangeKind::MethodChanged).map(|c| (c.version.as_str(), c.page.as_str())).collect();
    let count = |kind: ChangeKind| r.changes.iter().filter(|c| c.kind == kind && pages.contains(&(c.version.as_str(), c.page.as_str()))).count();
    (count(ChangeKind::PathRemoved), count(ChangeKind::PathAdded))
}
