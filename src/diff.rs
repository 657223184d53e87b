//! Diff: what a docs update changes in the generated API.
//!
//! Two [`Api`] values are compared by stable keys, never by position:
//! pages by path, endpoints by version + page + HTTP method, request paths
//! by their template with parameter names blanked (`/users/{}/events`, so a
//! renamed parameter is a rename, not a removal plus an addition), types by
//! version + qualified name, properties by JSON name, enum members by value,
//! examples by id. Every [`Change`] says whether it breaks code written
//! against the crate generated from the old tree (see [`ChangeKind::breaking`]).

mod permissions;

use crate::model::{Api, Endpoint, PathTemplate, Property, TypeDef};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// A page appeared.
    PageAdded,
    /// A page disappeared.
    PageRemoved,
    /// An endpoint (page + method) appeared.
    EndpointAdded,
    /// An endpoint disappeared: its constant and functions are gone.
    EndpointRemoved,
    /// The page documents another HTTP method than before.
    MethodChanged,
    /// The endpoint's constant has another name.
    EndpointRenamed,
    /// The endpoint moved to another module (its area changed).
    EndpointMoved,
    /// A request path appeared on an endpoint.
    PathAdded,
    /// A request path disappeared: its function is gone.
    PathRemoved,
    /// The function of a request path has another name.
    PathFunctionRenamed,
    /// A path parameter has another name (the function's arguments are positional).
    ParameterRenamed,
    /// A path became deprecated.
    PathDeprecated,
    /// A path is no longer marked deprecated.
    PathUndeprecated,
    /// A permission type lost support.
    PermissionSupportRemoved,
    /// A permission type gained support.
    PermissionSupportAdded,
    /// A scope was added to a permission type.
    ScopeAdded,
    /// A scope was removed from a permission type.
    ScopeRemoved,
    /// The permissions table became readable or unreadable, or a path's
    /// tables changed shape (one table, scenarios, none).
    PermissionsDocumentationChanged,
    /// The scopes the page marks least privileged changed.
    LeastPrivilegedChanged,
    /// The documented success status changed.
    SuccessStatusChanged,
    /// The response type changed.
    ResponseTypeChanged,
    /// A type appeared.
    TypeAdded,
    /// A type disappeared.
    TypeRemoved,
    /// A type has another Rust name.
    TypeRenamed,
    /// A type changed kind (entity, complex, enum).
    TypeKindChanged,
    /// A type's base type changed.
    TypeBaseChanged,
    /// A property appeared.
    PropertyAdded,
    /// A property disappeared: its getter is gone.
    PropertyRemoved,
    /// A property has another type or collection-ness: its getter's type changed.
    PropertyRetyped,
    /// A property's getter has another name.
    PropertyRenamed,
    /// A property's nullability changed.
    PropertyNullabilityChanged,
    /// An enum member appeared.
    EnumMemberAdded,
    /// An enum member disappeared.
    EnumMemberRemoved,
    /// An example appeared.
    ExampleAdded,
    /// An example disappeared.
    ExampleRemoved,
}

impl ChangeKind {
    /// Whether code written against the old generated crate can stop
    /// compiling or behave differently: removals, renames and retypings of
    /// emitted items, and narrower permissions or another success status
    /// (programs check those values). Additions never break.
    pub fn breaking(self) -> bool {
        use ChangeKind::*;
        matches!(
            self,
            EndpointRemoved
                | MethodChanged
                | EndpointRenamed
                | EndpointMoved
                | PathRemoved
                | PathFunctionRenamed
                | PermissionSupportRemoved
                | ScopeRemoved
                | SuccessStatusChanged
                | TypeRemoved
                | TypeRenamed
                | TypeKindChanged
                | TypeBaseChanged
                | PropertyRemoved
                | PropertyRetyped
                | PropertyRenamed
                | EnumMemberRemoved
        )
    }

    /// The kebab-case name used in the JSON report.
    pub fn as_str(self) -> &'static str {
        use ChangeKind::*;
        match self {
            PageAdded => "page-added",
            PageRemoved => "page-removed",
            EndpointAdded => "endpoint-added",
            EndpointRemoved => "endpoint-removed",
            MethodChanged => "method-changed",
            EndpointRenamed => "endpoint-renamed",
            EndpointMoved => "endpoint-moved",
            PathAdded => "path-added",
            PathRemoved => "path-removed",
            PathFunctionRenamed => "path-function-renamed",
            ParameterRenamed => "parameter-renamed",
            PathDeprecated => "path-deprecated",
            PathUndeprecated => "path-undeprecated",
            PermissionSupportRemoved => "permission-support-removed",
            PermissionSupportAdded => "permission-support-added",
            ScopeAdded => "scope-added",
            ScopeRemoved => "scope-removed",
            PermissionsDocumentationChanged => "permissions-documentation-changed",
            LeastPrivilegedChanged => "least-privileged-changed",
            SuccessStatusChanged => "success-status-changed",
            ResponseTypeChanged => "response-type-changed",
            TypeAdded => "type-added",
            TypeRemoved => "type-removed",
            TypeRenamed => "type-renamed",
            TypeKindChanged => "type-kind-changed",
            TypeBaseChanged => "type-base-changed",
            PropertyAdded => "property-added",
            PropertyRemoved => "property-removed",
            PropertyRetyped => "property-retyped",
            PropertyRenamed => "property-renamed",
            PropertyNullabilityChanged => "property-nullability-changed",
            EnumMemberAdded => "enum-member-added",
            EnumMemberRemoved => "enum-member-removed",
            ExampleAdded => "example-added",
            ExampleRemoved => "example-removed",
        }
    }

    /// A heading for the markdown report.
    fn title(self) -> &'static str {
        use ChangeKind::*;
        match self {
            PageAdded => "Pages added",
            PageRemoved => "Pages removed",
            EndpointAdded => "Endpoints added",
            EndpointRemoved => "Endpoints removed",
            MethodChanged => "HTTP methods changed",
            EndpointRenamed => "Endpoints renamed",
            EndpointMoved => "Endpoints moved to another module",
            PathAdded => "Request paths added",
            PathRemoved => "Request paths removed",
            PathFunctionRenamed => "Path functions renamed",
            ParameterRenamed => "Path parameters renamed",
            PathDeprecated => "Paths deprecated",
            PathUndeprecated => "Paths no longer deprecated",
            PermissionSupportRemoved => "Permission support removed",
            PermissionSupportAdded => "Permission support added",
            ScopeAdded => "Scopes added",
            ScopeRemoved => "Scopes removed",
            PermissionsDocumentationChanged => "Permission tables that became readable, unreadable or changed shape",
            LeastPrivilegedChanged => "Least-privileged scopes changed",
            SuccessStatusChanged => "Success statuses changed",
            ResponseTypeChanged => "Response types changed",
            TypeAdded => "Types added",
            TypeRemoved => "Types removed",
            TypeRenamed => "Types renamed",
            TypeKindChanged => "Types that changed kind",
            TypeBaseChanged => "Base types changed",
            PropertyAdded => "Properties added",
            PropertyRemoved => "Properties removed",
            PropertyRetyped => "Properties retyped",
            PropertyRenamed => "Property getters renamed",
            PropertyNullabilityChanged => "Property nullability changed",
            EnumMemberAdded => "Enum members added",
            EnumMemberRemoved => "Enum members removed",
            ExampleAdded => "Examples added",
            ExampleRemoved => "Examples removed",
        }
    }
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// Whether it breaks users of the old generated crate.
    pub breaking: bool,
    /// `v1.0` or `beta` (empty for pages of neither).
    pub version: String,
    /// The page (in the new tree when it still exists, else in the old one).
    pub page: String,
    /// What it is about: endpoint, `endpoint path`, type or `type.property`.
    pub subject: String,
    /// The old value, when something changed value.
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
}

/// The change report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffReport {
    /// The old docs folder as given.
    pub old: String,
    /// The new docs folder as given.
    pub new: String,
    /// Changes by kind (kebab-case name → count), every kind listed.
    pub counts: BTreeMap<String, usize>,
    /// Number of breaking changes.
    pub breaking: usize,
    /// Every change, sorted by kind, version, page and subject.
    pub changes: Vec<Change>,
}

impl DiffReport {
    /// Number of changes of one kind.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }
}

/// Every kind, in report order.
pub const KINDS: &[ChangeKind] = {
    use ChangeKind::*;
    &[
        PageAdded,
        PageRemoved,
        EndpointAdded,
        EndpointRemoved,
        MethodChanged,
        EndpointRenamed,
        EndpointMoved,
        PathAdded,
        PathRemoved,
        PathFunctionRenamed,
        ParameterRenamed,
        PathDeprecated,
        PathUndeprecated,
        PermissionSupportRemoved,
        PermissionSupportAdded,
        ScopeAdded,
        ScopeRemoved,
        PermissionsDocumentationChanged,
        LeastPrivilegedChanged,
        SuccessStatusChanged,
        ResponseTypeChanged,
        TypeAdded,
        TypeRemoved,
        TypeRenamed,
        TypeKindChanged,
        TypeBaseChanged,
        PropertyAdded,
        PropertyRemoved,
        PropertyRetyped,
        PropertyRenamed,
        PropertyNullabilityChanged,
        EnumMemberAdded,
        EnumMemberRemoved,
        ExampleAdded,
        ExampleRemoved,
    ]
};

pub use crate::parse::path_key;

/// The key an endpoint is matched by: (version, page, method).
pub fn endpoint_key(ep: &Endpoint) -> (String, String, String) {
    (ep.version.clone(), ep.page.to_string(), ep.method.clone())
}

struct Out {
    changes: Vec<Change>,
}

impl Out {
    fn push(&mut self, kind: ChangeKind, version: &str, page: &str, subject: impl Into<String>, old: Option<String>, new: Option<String>) {
        self.changes.push(Change { kind, breaking: kind.breaking(), version: version.to_string(), page: page.to_string(), subject: subject.into(), old, new });
    }
}

/// Compare two models.
pub fn diff(old: &Api, new: &Api) -> DiffReport {
    let mut out = Out { changes: Vec::new() };
    diff_pages(old, new, &mut out);
    diff_endpoints(old, new, &mut out);
    diff_types(old, new, &mut out);
    diff_examples(old, new, &mut out);
    out.changes.sort();
    out.changes.dedup();
    let mut counts: BTreeMap<String, usize> = KINDS.iter().map(|k| (k.as_str().to_string(), 0)).collect();
    for c in &out.changes {
        *counts.entry(c.kind.as_str().to_string()).or_default() += 1;
    }
    let breaking = out.changes.iter().filter(|c| c.breaking).count();
    DiffReport { old: old.docs.clone(), new: new.docs.clone(), counts, breaking, changes: out.changes }
}

fn diff_pages(old: &Api, new: &Api, out: &mut Out) {
    let o: BTreeMap<&str, &str> = old.pages.iter().map(|p| (p.path.as_str(), p.version.as_str())).collect();
    let n: BTreeMap<&str, &str> = new.pages.iter().map(|p| (p.path.as_str(), p.version.as_str())).collect();
    for (path, v) in &n {
        if !o.contains_key(path) {
            out.push(ChangeKind::PageAdded, v, path, *path, None, None);
        }
    }
    for (path, v) in &o {
        if !n.contains_key(path) {
            out.push(ChangeKind::PageRemoved, v, path, *path, None, None);
        }
    }
}

type EpKey = (String, String, String);

fn diff_endpoints(old: &Api, new: &Api, out: &mut Out) {
    fn index(api: &Api) -> BTreeMap<EpKey, Vec<&Endpoint>> {
        let mut m: BTreeMap<EpKey, Vec<&Endpoint>> = BTreeMap::new();
        for ep in &api.endpoints {
            m.entry(endpoint_key(ep)).or_default().push(ep);
        }
        m
    }
    let o = index(old);
    let n = index(new);
    // Removed and added endpoints per (version, page): a page whose only
    // endpoint changed method is a method change, not a removal and an addition.
    let mut removed: BTreeMap<(String, String), Vec<&Endpoint>> = BTreeMap::new();
    let mut added: BTreeMap<(String, String), Vec<&Endpoint>> = BTreeMap::new();
    for (k, eps) in &o {
        match n.get(k) {
            Some(neps) => {
                for (i, e) in eps.iter().enumerate() {
                    match neps.get(i) {
                        Some(ne) => diff_endpoint(e, ne, out),
                        None => removed.entry((k.0.clone(), k.1.clone())).or_default().push(e),
                    }
                }
            }
            None => removed.entry((k.0.clone(), k.1.clone())).or_default().extend(eps.iter().copied()),
        }
    }
    for (k, eps) in &n {
        let skip = o.get(k).map_or(0, Vec::len);
        for e in eps.iter().skip(skip) {
            added.entry((k.0.clone(), k.1.clone())).or_default().push(e);
        }
    }
    for (page_key, mut gone) in removed {
        if let Some(came) = added.get_mut(&page_key) {
            if gone.len() == 1 && came.len() == 1 {
                let (a, b) = (gone.remove(0), came.remove(0));
                out.push(ChangeKind::MethodChanged, &b.version, &b.page, b.name.clone(), Some(a.method.clone()), Some(b.method.clone()));
                diff_endpoint(a, b, out);
                continue;
            }
        }
        for e in gone {
            out.push(ChangeKind::EndpointRemoved, &e.version, &e.page, e.name.clone(), Some(e.method.clone()), None);
        }
    }
    for eps in added.values() {
        for e in eps {
            out.push(ChangeKind::EndpointAdded, &e.version, &e.page, e.name.clone(), None, Some(e.method.clone()));
        }
    }
}

fn diff_endpoint(a: &Endpoint, b: &Endpoint, out: &mut Out) {
    let (v, page) = (b.version.as_str(), b.page.as_str());
    if a.name != b.name {
        out.push(ChangeKind::EndpointRenamed, v, page, b.name.clone(), Some(a.name.clone()), Some(b.name.clone()));
    }
    if a.module != b.module {
        out.push(ChangeKind::EndpointMoved, v, page, b.name.clone(), Some(a.module.clone()), Some(b.module.clone()));
    }
    let paths = |ep: &Endpoint| -> BTreeMap<String, PathTemplate> {
        let mut m = BTreeMap::new();
        for p in &ep.paths {
            m.entry(path_key(&p.template)).or_insert_with(|| p.clone());
        }
        m
    };
    let (pa, pb) = (paths(a), paths(b));
    for (k, p) in &pb {
        let subject = format!("{} {}", b.method, p.template);
        match pa.get(k) {
            None => out.push(ChangeKind::PathAdded, v, page, subject, None, Some(p.fn_name.clone())),
            Some(q) => {
                if q.fn_name != p.fn_name {
                    out.push(ChangeKind::PathFunctionRenamed, v, page, subject.clone(), Some(q.fn_name.clone()), Some(p.fn_name.clone()));
                }
                if q.api_params != p.api_params {
                    out.push(ChangeKind::ParameterRenamed, v, page, subject.clone(), Some(q.template.to_string()), Some(p.template.to_string()));
                }
                if q.deprecated != p.deprecated {
                    let kind = if p.deprecated { ChangeKind::PathDeprecated } else { ChangeKind::PathUndeprecated };
                    out.push(kind, v, page, subject, None, None);
                }
            }
        }
    }
    for (k, q) in &pa {
        if !pb.contains_key(k) {
            out.push(ChangeKind::PathRemoved, v, page, format!("{} {}", a.method, q.template), Some(q.fn_name.clone()), None);
        }
    }
    permissions::diff_endpoint(a, b, out);
    if a.success_status != b.success_status {
        let s = |x: Option<u16>| Some(x.map_or_else(|| "none".to_string(), |s| s.to_string()));
        out.push(ChangeKind::SuccessStatusChanged, v, page, b.name.clone(), s(a.success_status), s(b.success_status));
        // A status documented for the first time changes nothing a program relied on.
        if a.success_status.is_none() {
            if let Some(last) = out.changes.last_mut() {
                last.breaking = false;
            }
        }
    }
    if a.response_type != b.response_type {
        let s = |x: &Option<String>| Some(x.clone().unwrap_or_else(|| "none".to_string()));
        out.push(ChangeKind::ResponseTypeChanged, v, page, b.name.clone(), s(&a.response_type), s(&b.response_type));
    }
}

fn diff_types(old: &Api, new: &Api, out: &mut Out) {
    fn index(api: &Api) -> BTreeMap<(String, String), &TypeDef> {
        let mut m = BTreeMap::new();
        for t in &api.types {
            m.entry((t.version.clone(), t.name.clone())).or_insert(t);
        }
        m
    }
    let (o, n) = (index(old), index(new));
    for (k, t) in &n {
        match o.get(k) {
            None => out.push(ChangeKind::TypeAdded, &t.version, &t.page, t.name.clone(), None, Some(t.rust_name.clone())),
            Some(a) => diff_type(a, t, out),
        }
    }
    for (k, t) in &o {
        if !n.contains_key(k) {
            out.push(ChangeKind::TypeRemoved, &t.version, &t.page, t.name.clone(), Some(t.rust_name.clone()), None);
        }
    }
}

fn type_text(p: &Property) -> String {
    if p.collection {
        format!("Collection({})", p.ty)
    } else {
        p.ty.to_string()
    }
}

fn diff_type(a: &TypeDef, b: &TypeDef, out: &mut Out) {
    let (v, page, name) = (b.version.as_str(), b.page.as_str(), b.name.as_str());
    if a.rust_name != b.rust_name {
        out.push(ChangeKind::TypeRenamed, v, page, name, Some(a.rust_name.clone()), Some(b.rust_name.clone()));
    }
    if a.kind != b.kind {
        out.push(ChangeKind::TypeKindChanged, v, page, name, Some(format!("{:?}", a.kind).to_lowercase()), Some(format!("{:?}", b.kind).to_lowercase()));
    }
    if a.base != b.base {
        let s = |x: &Option<String>| Some(x.clone().unwrap_or_else(|| "none".to_string()));
        out.push(ChangeKind::TypeBaseChanged, v, page, name, s(&a.base), s(&b.base));
    }
    let props = |t: &TypeDef| -> BTreeMap<String, Property> {
        let mut m = BTreeMap::new();
        for p in &t.properties {
            m.entry(p.name.to_string()).or_insert_with(|| p.clone());
        }
        m
    };
    let (pa, pb) = (props(a), props(b));
    for (k, p) in &pb {
        let subject = format!("{name}.{k}");
        match pa.get(k) {
            None => out.push(ChangeKind::PropertyAdded, v, page, subject, None, Some(type_text(p))),
            Some(q) => {
                if q.ty != p.ty || q.collection != p.collection {
                    out.push(ChangeKind::PropertyRetyped, v, page, subject.clone(), Some(type_text(q)), Some(type_text(p)));
                }
                if q.rust_name != p.rust_name {
                    out.push(ChangeKind::PropertyRenamed, v, page, subject.clone(), Some(q.rust_name.clone()), Some(p.rust_name.clone()));
                }
                if q.nullable != p.nullable {
                    out.push(ChangeKind::PropertyNullabilityChanged, v, page, subject, Some(q.nullable.to_string()), Some(p.nullable.to_string()));
                }
            }
        }
    }
    for (k, q) in &pa {
        if !pb.contains_key(k) {
            out.push(ChangeKind::PropertyRemoved, v, page, format!("{name}.{k}"), Some(type_text(q)), None);
        }
    }
    let ma: BTreeSet<&str> = a.members.iter().map(String::as_str).collect();
    let mb: BTreeSet<&str> = b.members.iter().map(String::as_str).collect();
    for m in mb.difference(&ma) {
        out.push(ChangeKind::EnumMemberAdded, v, page, name, None, Some(m.to_string()));
    }
    for m in ma.difference(&mb) {
        out.push(ChangeKind::EnumMemberRemoved, v, page, name, Some(m.to_string()), None);
    }
}

fn diff_examples(old: &Api, new: &Api, out: &mut Out) {
    let version = |page: &str| page.split('/').next().filter(|v| *v == "v1.0" || *v == "beta").unwrap_or("").to_string();
    let o: BTreeMap<&str, &str> = old.examples.iter().map(|e| (e.id.as_str(), e.page.as_str())).collect();
    let n: BTreeMap<&str, &str> = new.examples.iter().map(|e| (e.id.as_str(), e.page.as_str())).collect();
    for (id, page) in &n {
        if !o.contains_key(id) {
            out.push(ChangeKind::ExampleAdded, &version(page), page, *id, None, None);
        }
    }
    for (id, page) in &o {
        if !n.contains_key(id) {
            out.push(ChangeKind::ExampleRemoved, &version(page), page, *id, None, None);
        }
    }
}

/// Markdown-safe inline code: the emitter's rule ([`crate::emit::md_code`]:
/// backticks cannot end the span early), on the text with its control
/// characters made spaces (the report is printed as it is).
fn code(s: &str) -> String {
    let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    crate::emit::md_code(&clean)
}

/// The report for people: a summary table, then the breaking changes, then
/// the others, grouped by kind, each linking its page.
pub fn to_markdown(r: &DiffReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Changes in the generated API\n");
    let _ = writeln!(s, "From {} to {}: {} changes, {} breaking.\n", code(&r.old), code(&r.new), r.changes.len(), r.breaking);
    let _ = writeln!(s, "| change | count | of them breaking |\n| --- | ---: | ---: |");
    for k in KINDS {
        let n = r.counts.get(k.as_str()).copied().unwrap_or(0);
        if n > 0 {
            let b = r.changes.iter().filter(|c| c.kind == *k && c.breaking).count();
            let _ = writeln!(s, "| {} | {n} | {b} |", k.title());
        }
    }
    let by_kind = |breaking: bool| -> BTreeMap<ChangeKind, Vec<&Change>> {
        let mut m: BTreeMap<ChangeKind, Vec<&Change>> = BTreeMap::new();
        for c in r.changes.iter().filter(|c| c.breaking == breaking) {
            m.entry(c.kind).or_default().push(c);
        }
        m
    };
    for (heading, breaking) in [("Breaking changes", true), ("Other changes", false)] {
        let groups = by_kind(breaking);
        let total: usize = groups.values().map(Vec::len).sum();
        let _ = writeln!(s, "\n## {heading} ({total})");
        if total == 0 {
            let _ = writeln!(s, "\nNone.");
        }
        for (kind, changes) in groups {
            let _ = writeln!(s, "\n### {} ({})\n", kind.title(), changes.len());
            for c in changes {
                let mut line = format!("- {} {}", c.version, code(&c.subject));
                match (&c.old, &c.new) {
                    (Some(o), Some(n)) => line.push_str(&format!(": {} → {}", code(o), code(n))),
                    (Some(o), None) => line.push_str(&format!(": {}", code(o))),
                    (None, Some(n)) => line.push_str(&format!(": {}", code(n))),
                    (None, None) => {}
                }
                if c.page != c.subject {
                    match crate::published::page_url(&c.page) {
                        Some(u) => line.push_str(&format!(" ([{}]({u}))", c.page.replace(['[', ']'], ""))),
                        None => line.push_str(&format!(" ({})", code(&c.page))),
                    }
                } else if let Some(u) = crate::published::page_url(&c.page) {
                    line.push_str(&format!(" ([page]({u}))"));
                }
                let _ = writeln!(s, "{line}");
            }
        }
    }
    s
}

/// Load two docs trees (concurrently) and compare them. The globs apply to
/// both trees.
pub fn diff_dirs(old: &std::path::Path, new: &std::path::Path, include: &[String], exclude: &[String]) -> Result<DiffReport, crate::Error> {
    // The diff reads the examples' ids only: they are not type-checked.
    let (a, b) = rayon::join(|| crate::load_unchecked(old, include, exclude), || crate::load_unchecked(new, include, exclude));
    let (a, b) = (a?, b?);
    Ok(diff(&a, &b))
}

#[cfg(test)]
mod tests {
    use super::code;

    #[test]
    fn code_spans_hold_backticks_and_no_control_characters() {
        assert_eq!(code("/users/{id}"), "`/users/{id}`");
        // A backtick inside cannot end the span: the fence is longer.
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("x\ty\u{1b}"), "`x y `");
    }
}
