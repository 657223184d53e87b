//! A resource page's types as the page describes them ([`PageType`]): an
//! enum per members table, and the type its property tables and JSON
//! representation describe; names are resolved later, across pages
//! ([`super::types::defined_types`]).

use super::types::{file_stem, ident_like};
use super::*;
use crate::parse::json::Json;
use crate::parse::resource::{Cell, Link, RawResource, TableKind};
use crate::parse::{BlockType, RawPage};

/// A type as a page describes it, before names are resolved: what the type
/// lowering needs of its page, taken when the page itself is lowered (the
/// page is then freed).
pub struct PageType {
    pub(super) version: String,
    pub(super) name: String,
    pub(super) kind: TypeKind,
    pub(super) page: String,
    pub(super) line: u32,
    pub(super) ns: String,
    /// Base as written: a qualified name or a link.
    pub(super) base_name: Option<String>,
    pub(super) base_link: Option<Vec<Link>>,
    pub(super) key: bool,
    pub(super) key_name: Option<String>,
    pub(super) open: bool,
    pub(super) rows: Vec<PageRow>,
    /// Members of the JSON representation that no table lists, typed by
    /// their placeholder values; the type lowering adds those no base
    /// type declares.
    pub(super) representation_rows: Vec<PageRow>,
    pub(super) members: Vec<String>,
}

pub(super) struct PageRow {
    pub(super) name: String,
    pub(super) ty: Cell,
    /// The description does not say "not nullable".
    pub(super) nullable: bool,
    /// Inline enum members, from the JSON representation or the description
    /// (used when the type cell names no defined type).
    pub(super) inline: Vec<String>,
    pub(super) line: u32,
}

/// `widget resource type` → `widget`; `colour enum type` → `colour`.
fn title_word(title: &str) -> Option<String> {
    let w = title.split_whitespace().next()?.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '_');
    ident_like(w).then(|| w.to_string())
}

fn clean_name(cell: &str) -> String {
    let t = cell.trim().trim_matches(|c: char| c == '*' || c == '`' || c == '_').trim();
    t.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '@' && c != '.' && c != '_' && c != '-').to_string()
}

fn annotation_str<'a>(ex: &'a crate::parse::RawExample, key: &str) -> Option<&'a str> {
    ex.annotation.get(key).and_then(Json::as_str).map(|s| s.trim().trim_start_matches('#'))
}

/// The types one resource page describes (its examples' JSON still in place).
pub fn page_types(page: &RawPage, res: RawResource, diags: &mut Vec<Diagnostic>) -> Vec<PageType> {
    let ns = res.namespace.clone().unwrap_or_else(|| "microsoft.graph".to_string());
    let title = res.title.as_ref().and_then(|(t, _)| title_word(t));
    let resource_block = page.examples.iter().find(|e| e.block_type == BlockType::Resource);
    let has_struct_table = res.tables.iter().any(|t| t.kind != TableKind::Members);
    let mut out = enum_types(page, &res, &ns, title.as_deref(), has_struct_table, diags);
    if !has_struct_table && resource_block.is_none() && !res.has_property_headings {
        return out;
    }
    if let Some(t) = complex_type(page, res, &ns, title, resource_block, diags) {
        out.push(t);
    }
    out
}

/// `w` namespace-qualified, unless it is already.
fn qualify(ns: &str, w: &str) -> String {
    if w.contains('.') {
        w.to_string()
    } else {
        format!("{ns}.{w}")
    }
}

/// The enums of a resource page: one per members table, named by its
/// heading (`colour values`), or by the page when it has one table only.
fn enum_types(page: &RawPage, res: &RawResource, ns: &str, title: Option<&str>, has_struct_table: bool, diags: &mut Vec<Diagnostic>) -> Vec<PageType> {
    let stem = file_stem(&page.path);
    let mut out = Vec::new();
    let member_tables: Vec<_> = res.tables.iter().filter(|t| t.kind == TableKind::Members).collect();
    for t in &member_tables {
        let h = t.heading.trim();
        let two_words = h.split_whitespace().count() == 2;
        let name = if let Some(w) = h
            .strip_suffix(" values")
            .or_else(|| h.strip_suffix(" Values"))
            .filter(|_| two_words)
            .and_then(title_word)
            .filter(|w| !w.eq_ignore_ascii_case("enum"))
        {
            w
        } else if member_tables.len() == 1 && !has_struct_table {
            match title {
                Some(w) => w.to_string(),
                None => stem.clone(),
            }
        } else {
            continue;
        };
        let mut members: Vec<String> = Vec::new();
        for m in t.rows.iter().filter_map(|r| r.cells.first()).map(|c| clean_name(&c.text)) {
            if ident_like(&m) && !members.contains(&m) {
                members.push(m);
            }
        }
        if members.is_empty() {
            diags.push(Diagnostic::new("W105", &page.path, t.line, 1, "members table lists no readable member"));
            continue;
        }
        out.push(PageType {
            version: page.version.clone(),
            name: qualify(ns, &name),
            kind: TypeKind::Enum,
            page: page.path.clone(),
            line: t.line,
            ns: ns.to_string(),
            base_name: None,
            base_link: None,
            key: false,
            key_name: None,
            open: false,
            rows: Vec::new(),
            representation_rows: Vec::new(),
            members,
        });
    }
    out
}

/// The type a resource page's property tables and JSON representation
/// describe, named by the representation's `@odata.type` or by the title.
fn complex_type(
    page: &RawPage,
    res: RawResource,
    ns: &str,
    title: Option<String>,
    resource_block: Option<&crate::parse::RawExample>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PageType> {
    let name = resource_block.and_then(|b| annotation_str(b, "@odata.type")).filter(|n| ident_like(n)).map(str::to_string).or_else(|| {
        // Without an annotation the title names the type, when it says it is one.
        let says_type = res.title.as_ref().is_some_and(|(t, _)| t.to_ascii_lowercase().contains(" type"));
        title.clone().filter(|_| says_type).map(|w| qualify(ns, &w))
    });
    let Some(name) = name else {
        diags.push(Diagnostic::new("W100", &page.path, 1, 1, "resource page describes a type but names none (no @odata.type annotation, no `… type` title)"));
        return None;
    };
    let line = res.title.as_ref().map_or(1, |(_, l)| *l);
    let base_link = res.inherits.as_ref().map(|(l, _)| l.clone());
    let open_in_prose = res.open_in_prose;
    let rep = resource_block.and_then(|b| b.json.as_ref());
    let rows = table_rows(page, res, rep, diags);
    let representation_rows = match (rep, resource_block) {
        (Some(Json::Object(o)), Some(b)) => representation_rows(o, b.line, &rows),
        _ => Vec::new(),
    };
    let base_name = resource_block.and_then(|b| annotation_str(b, "baseType")).filter(|n| ident_like(n)).map(str::to_string);
    Some(PageType {
        version: page.version.clone(),
        name,
        kind: TypeKind::Complex,
        page: page.path.clone(),
        line,
        ns: ns.to_string(),
        base_link: if base_name.is_none() { base_link } else { None },
        base_name,
        key: resource_block.is_some_and(|b| b.annotation.get("keyProperty").is_some()),
        open: open_in_prose || resource_block.is_some_and(|b| b.annotation.get("openType").and_then(Json::as_bool) == Some(true)),
        key_name: resource_block.and_then(|b| b.annotation.get("keyProperty")).and_then(Json::as_str).map(str::to_string),
        rows,
        representation_rows,
        members: Vec::new(),
    })
}

/// The members of a JSON representation that no table row lists (in any
/// letter case), as rows, when the placeholder value names the type: a
/// primitive's name (`"Boolean"`, `"String (identifier)"`), `true` or
/// `false`, an object naming its `@odata.type`, or an array of one of those.
fn representation_rows(rep: &crate::parse::json::Object, line: u32, rows: &[PageRow]) -> Vec<PageRow> {
    let mut out: Vec<PageRow> = Vec::new();
    for (name, value) in rep.iter() {
        let listed = |r: &PageRow| r.name.eq_ignore_ascii_case(name);
        if name.contains(['@', '.']) || !ident_like(name) || rows.iter().any(listed) || out.iter().any(listed) {
            continue;
        }
        let (one, collection) = match value {
            Json::Array(items) => match &**items {
                [item] => (item, true),
                _ => continue,
            },
            v => (v, false),
        };
        let text = match one {
            Json::Bool(_) => "Boolean".to_string(),
            Json::String(s) => match s.split_whitespace().next().and_then(super::types::edm) {
                Some(_) => s.split_whitespace().next().unwrap_or_default().to_string(),
                None => continue,
            },
            Json::Object(o) => match o.get("@odata.type").and_then(Json::as_str).map(|t| t.trim_start_matches('#')) {
                Some(t) if ident_like(t) => t.to_string(),
                _ => continue,
            },
            _ => continue,
        };
        let text = if collection { format!("{text} collection") } else { text };
        out.push(PageRow { name: name.to_string(), ty: Cell { text, ..Cell::default() }, nullable: true, inline: Vec::new(), line });
    }
    out
}

/// The property rows of a resource page's tables (members tables aside), a
/// repeated name keeping its first row; `rep` is the JSON representation.
fn table_rows(page: &RawPage, res: RawResource, rep: Option<&Json>, diags: &mut Vec<Diagnostic>) -> Vec<PageRow> {
    let mut rows = Vec::with_capacity(res.tables.iter().filter(|t| t.kind != TableKind::Members).map(|t| t.rows.len()).sum());
    let mut seen = rustc_hash::FxHashSet::default();
    let no_description = Cell::default();
    for t in res.tables.into_iter().filter(|t| t.kind != TableKind::Members) {
        // Column of the type: the header cell named "type", else the second.
        let ty_col = t.header.iter().position(|h| h.trim() == "type").unwrap_or(1);
        let desc_col = t.header.iter().position(|h| h.trim().starts_with("desc")).unwrap_or(2);
        for mut r in t.rows {
            let pname = r.cells.first().map(|c| clean_name(&c.text)).unwrap_or_default();
            let ty = r.cells.get_mut(ty_col).map(std::mem::take).unwrap_or_default();
            if pname.is_empty() || !ident_like(pname.trim_start_matches('@')) || (ty.text.trim().is_empty() && ty.links.is_empty()) {
                // Group rows (bold labels with empty cells) are not properties.
                if (!ty.text.trim().is_empty() || !pname.is_empty()) && !r.cells.iter().skip(1).all(|c| c.text.trim().is_empty()) {
                    diags.push(Diagnostic::new(
                        "W105",
                        &page.path,
                        r.line,
                        1,
                        format!("property row `{}` has no readable name or type", pname.chars().take(60).collect::<String>()),
                    ));
                }
                continue;
            }
            // A repeated name keeps its first row. Names are looked up by
            // hash first: a type can have thousands of properties.
            if !seen.insert(std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, &pname)) && rows.iter().any(|x: &PageRow| x.name == pname) {
                continue;
            }
            let description = r.cells.get(desc_col).unwrap_or(&no_description);
            // Lowered once for the four phrases looked for in it.
            let lower = description.text.to_ascii_lowercase();
            let nullable = !lower.contains("not nullable");
            let inline = inline_members(rep, &pname, description, &lower);
            rows.push(PageRow { name: pname, ty, nullable, inline, line: r.line });
        }
    }
    rows
}

/// Values of an inline enum: `"a | b | c"` in the JSON representation, else
/// the code spans of the description after "possible values" (`lower`: its
/// text in ASCII lower case).
fn inline_members(rep: Option<&Json>, prop: &str, desc: &Cell, lower: &str) -> Vec<String> {
    let from_rep = rep.and_then(|r| r.get(prop)).and_then(|v| match v {
        Json::String(s) => Some(&**s),
        Json::Array(a) => a.first().and_then(Json::as_str),
        _ => None,
    });
    // Members written as `"a | b | c"` in the representation.
    if let Some(s) = from_rep.filter(|s| s.contains('|')) {
        let parts: Vec<String> = s.split('|').map(|p| p.trim().to_string()).collect();
        if parts.len() >= 2 && parts.iter().all(|p| ident_like(p)) {
            return parts;
        }
    }
    let says = |w: &str| lower.contains(w);
    if says("possible value") || says("values are") || says("supported value") {
        let mut v: Vec<String> = Vec::new();
        for c in &desc.code {
            let c = c.trim();
            if ident_like(c) && !c.contains('.') && !v.iter().any(|x| x == c) {
                v.push(c.to_string());
            }
        }
        if v.len() >= 2 {
            return v;
        }
    }
    Vec::new()
}
