//! Model types: resource pages → [`TypeDef`]s (read per page in
//! [`super::resource`], merged across pages, names assigned), joined by the
//! types only the examples show ([`super::infer`]). The examples are then checked against them
//! ([`super::check`]), and the docs lint reports what the check found
//! ([`super::lint`]); both are re-exported here under their old paths.

pub use super::check::{bind_examples, check, Mismatch, MismatchKind, Registry};
pub use super::lint::{lint_summary, lint_text};
use super::naming::{self, Unique};
use super::resource::{PageRow, PageType};
use super::*;
use crate::parse::facts::Interner;
use crate::parse::resource::{Cell, Link};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

pub(crate) const UNTYPED: &str = "Edm.Untyped";

/// Names the generated types must not take beyond the prelude and runtime
/// names [`naming::pascal`] already steers clear of (`naming::RESERVED_TYPES`).
const RESERVED: &[&str] = &["Self_", "REGISTRY"];

/// Map an Edm or common primitive spelling to its Edm name.
pub fn edm(word: &str) -> Option<&'static str> {
    // Every name below is at most 14 bytes, so at most 18 with `edm.`:
    // a longer word is none of them, and a shorter one is lowered in place.
    let w = word.trim().as_bytes();
    let mut buf = [0u8; 18];
    let lower = buf.get_mut(..w.len())?;
    lower.copy_from_slice(w);
    lower.make_ascii_lowercase();
    let w = std::str::from_utf8(lower).ok()?;
    let w = w.strip_prefix("edm.").unwrap_or(w);
    Some(match w {
        "string" | "str" | "text" | "url" | "uri" => "Edm.String",
        "int32" | "int" | "integer" | "number" => "Edm.Int32",
        "int64" | "long" => "Edm.Int64",
        "int16" | "short" => "Edm.Int16",
        "byte" => "Edm.Byte",
        "sbyte" => "Edm.SByte",
        "boolean" | "bool" => "Edm.Boolean",
        "datetimeoffset" | "datetime" | "timestamp" => "Edm.DateTimeOffset",
        "date" => "Edm.Date",
        "timeofday" | "time" => "Edm.TimeOfDay",
        "duration" | "timespan" => "Edm.Duration",
        "guid" | "uuid" => "Edm.Guid",
        "binary" | "base64" | "byte[]" => "Edm.Binary",
        "stream" => "Edm.Stream",
        "double" | "float" => "Edm.Double",
        "single" => "Edm.Single",
        "decimal" => "Edm.Decimal",
        "json" | "object" | "untyped" | "any" => UNTYPED,
        _ => return None,
    })
}

pub(super) fn file_stem(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    // Cut at an ASCII `#` or `?`: a char boundary.
    let file = file.get(..file.bytes().position(|b| b == b'#' || b == b'?').unwrap_or(file.len())).unwrap_or(file);
    file.strip_suffix(".md").unwrap_or(file).to_ascii_lowercase()
}

pub(super) fn ident_like(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Whether `new` is a better definition than `old` of the same type: the
/// page named after the type (`user.md` for `user`) beats partial views of
/// it on other pages; otherwise the one with more properties.
fn prefer(new: &PageType, old: &PageType) -> bool {
    let short = new.name.rsplit('.').next().unwrap_or(&new.name).to_ascii_lowercase();
    let named = |d: &PageType| file_stem(&d.page) == short;
    match (named(new), named(old)) {
        (true, false) => true,
        (false, true) => false,
        _ => new.rows.len() > old.rows.len(),
    }
}

/// Name lookups within one version.
#[derive(Default)]
struct Names {
    /// Lower-case qualified name → canonical qualified name.
    by_lower: rustc_hash::FxHashMap<String, String>,
    /// Lower-case short name → qualified names.
    by_short: rustc_hash::FxHashMap<String, BTreeSet<String>>,
    /// Lower-case file stem → qualified name of the page's type.
    by_stem: rustc_hash::FxHashMap<String, (String, u8)>,
}

impl Names {
    /// `structured`: not an enum. A page's stem names its first structured
    /// type (an enum a resource page also lists is not what a link to the
    /// page means), or the type its file is named after.
    fn add(&mut self, name: &str, page: &str, structured: bool) {
        self.by_lower.entry(name.to_ascii_lowercase()).or_insert_with(|| name.to_string());
        let short = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
        let stem = file_stem(page);
        let rank = 2 * u8::from(short == stem) + u8::from(structured);
        match self.by_stem.get(&stem) {
            Some((_, r)) if *r >= rank => {}
            _ => {
                self.by_stem.insert(stem, (name.to_string(), rank));
            }
        }
        self.by_short.entry(short).or_default().insert(name.to_string());
    }

    fn word(&self, w: &str, ns: &str) -> Option<String> {
        let w = w.trim().trim_start_matches('#');
        let lower = w.to_ascii_lowercase();
        if w.contains('.') {
            return self.by_lower.get(&lower).cloned();
        }
        // The qualified names, lower-cased, in one buffer.
        let mut q = String::with_capacity(ns.len().max("microsoft.graph".len()) + 1 + lower.len());
        for ns in [ns, "microsoft.graph"] {
            q.clear();
            q.push_str(ns);
            q.make_ascii_lowercase();
            q.push('.');
            q.push_str(&lower);
            if let Some(n) = self.by_lower.get(&q) {
                return Some(n.clone());
            }
        }
        match self.by_short.get(&lower) {
            Some(set) if set.len() == 1 => set.iter().next().cloned(),
            _ => None,
        }
    }

    fn link(&self, l: &Link, ns: &str) -> Option<String> {
        // The link text names the type; the target is checked when the text does not resolve.
        self.word(&l.text, ns).or_else(|| if l.target.starts_with("http") { None } else { self.by_stem.get(&file_stem(&l.target)).map(|(n, _)| n.clone()) })
    }
}

/// How a type cell reads.
enum CellType {
    Known(String),
    /// Several types ("A or B").
    Alternatives(Vec<String>),
    /// A name no page defines.
    Unknown(String),
}

fn read_type_cell(cell: &Cell, ns: &str, names: &Names) -> (CellType, bool) {
    let text = cell.text.as_str();
    // The word "collection", not a type name holding it (`logCollectionStatus`).
    let collection = text.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w.eq_ignore_ascii_case("collection"))
        || text.trim_start().starts_with('[') && text.trim_end().ends_with(']') && cell.links.is_empty();
    let mut found: Vec<String> = Vec::new();
    for l in &cell.links {
        // A primitive's name in the link text wins over the page it links to.
        let n = edm(&l.text).map(str::to_string).or_else(|| names.link(l, ns));
        if let Some(n) = n {
            if !found.contains(&n) {
                found.push(n);
            }
        }
    }
    if found.len() == 1 {
        return (CellType::Known(found.remove(0)), collection);
    }
    if found.len() > 1 {
        return (CellType::Alternatives(found), collection);
    }
    // Plain text: strip `Collection(...)`, the word "collection" and notes.
    let mut t = text.trim();
    if let Some(rest) = t.strip_prefix("Collection(").or_else(|| t.strip_prefix("collection(")) {
        t = rest.trim_end_matches(')');
    }
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')' || c == '/' || c == '[' || c == ']')
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '_'))
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("collection") && !w.eq_ignore_ascii_case("of"))
        .collect();
    let alts: Vec<&str> = {
        // "A or B": every word that is not "or".
        if words.contains(&"or") {
            words.iter().copied().filter(|w| *w != "or").collect()
        } else {
            words.iter().copied().take(1).collect()
        }
    };
    let mut out = Vec::new();
    for w in &alts {
        let r = edm(w).map(str::to_string).or_else(|| names.word(w, ns));
        match r {
            Some(n) if !out.contains(&n) => out.push(n),
            Some(_) => {}
            None if alts.len() == 1 && ident_like(w) => return (CellType::Unknown(w.to_string()), collection),
            None => {}
        }
    }
    match out.len() {
        0 => (CellType::Unknown(words.first().map_or_else(String::new, |w| w.to_string())), collection),
        1 => (CellType::Known(out.remove(0)), collection),
        _ => (CellType::Alternatives(out), collection),
    }
}

/// A type's name, then its base's, its base's base's, ...: borrowed from
/// `bases`, which holds every name after the first.
fn ancestors<'a>(name: &'a str, bases: &'a BTreeMap<String, Option<String>>) -> Vec<&'a str> {
    let mut out = vec![name];
    let mut cur = bases.get(name).and_then(Option::as_deref);
    while let Some(b) = cur {
        if out.contains(&b) || out.len() > 64 {
            break;
        }
        out.push(b);
        cur = bases.get(b).and_then(Option::as_deref);
    }
    out
}

/// What the type lowering found, besides the types.
pub struct TypesOutcome {
    /// Every type, sorted by version then name.
    pub types: Vec<TypeDef>,
    /// Resource pages that produced at least one type.
    pub pages_with_types: BTreeSet<String>,
}

/// The types the resource pages define, before the examples are read. It
/// needs no example, so it can run beside the naming of endpoints and tests;
/// [`merge_inferred_types`] then adds the types only the examples show.
pub struct DefinedTypes {
    types: Vec<TypeDef>,
    /// (version, lower-case name) of every type in `types`.
    keys: BTreeSet<(String, String)>,
    /// (page, version, lower-case name) of every type a page describes.
    described: Vec<(String, String, String)>,
    /// Name lookups per version.
    names: BTreeMap<String, Names>,
    /// Each type's base, per version.
    bases: BTreeMap<String, BTreeMap<String, Option<String>>>,
    /// Per version, each type's place in `types`.
    index: BTreeMap<String, rustc_hash::FxHashMap<String, usize>>,
}

/// The base of a type as its page names it (by word or link), resolved
/// against the version's names.
fn base_of(d: &PageType, n: &Names) -> Option<String> {
    let base = match (&d.base_name, &d.base_link) {
        (Some(b), _) => Some(n.word(b, &d.ns).unwrap_or_else(|| b.clone())),
        (None, Some(links)) => links.iter().find_map(|l| n.link(l, &d.ns)),
        _ => None,
    };
    let base = base.filter(|b| !b.eq_ignore_ascii_case(&d.name));
    // A keyed type that names no base and does not list its key `id`
    // gets it from `entity`, as every Graph entity does.
    base.or_else(|| {
        let lists_key = d.key_name.as_ref().is_some_and(|k| d.rows.iter().any(|r| &r.name == k));
        (d.key_name.as_deref() == Some("id") && !lists_key).then(|| n.word("microsoft.graph.entity", &d.ns)).flatten()
    })
}

/// Lower the types the resource pages define (the first part of the type
/// lowering; [`merge_inferred_types`] is the second).
pub fn defined_types(page_types: Vec<PageType>, diags: &mut Vec<Diagnostic>) -> DefinedTypes {
    // Every page that describes a type, and the type: a page whose type is
    // defined better elsewhere still produced it.
    let described: Vec<(String, String, String)> = page_types.par_iter().map(|d| (d.page.clone(), d.version.clone(), d.name.to_ascii_lowercase())).collect();
    let kept = one_per_name(page_types, &described, diags);
    // Each version's names on its own, in parallel.
    let versions: BTreeSet<&str> = kept.iter().map(|d| d.version.as_str()).collect();
    let names: BTreeMap<String, Names> = versions
        .into_par_iter()
        .map(|v| {
            let mut n = Names::default();
            for d in kept.iter().filter(|d| d.version == v) {
                n.add(&d.name, &d.page, d.kind != TypeKind::Enum);
            }
            (v.to_string(), n)
        })
        .collect();
    // Bases, worked out in parallel and kept in order.
    let no_names = Names::default();
    let found: Vec<Option<String>> = kept.par_iter().map(|d| base_of(d, names.get(&d.version).unwrap_or(&no_names))).collect();
    let mut version_bases: BTreeMap<String, BTreeMap<String, Option<String>>> = BTreeMap::new();
    for (d, base) in kept.iter().zip(found) {
        version_bases.entry(d.version.clone()).or_default().insert(d.name.clone(), base);
    }
    let types = lower_kept(&kept, &names, &version_bases, diags);
    let keys: BTreeSet<(String, String)> = types.iter().map(|t| (t.version.clone(), t.name.to_ascii_lowercase())).collect();
    let mut index: BTreeMap<String, rustc_hash::FxHashMap<String, usize>> = BTreeMap::new();
    for (i, t) in types.iter().enumerate() {
        index.entry(t.version.clone()).or_default().insert(t.name.clone(), i);
    }
    DefinedTypes { types, keys, described, names, bases: version_bases, index }
}

/// One definition per (version, name): the first page wins; enum members
/// from later pages are merged in (the shared enum pages repeat some).
/// `described` holds each type's (page, version, lower-case name).
fn one_per_name(page_types: Vec<PageType>, described: &[(String, String, String)], diags: &mut Vec<Diagnostic>) -> Vec<PageType> {
    let mut by_key: rustc_hash::FxHashMap<(&str, &str), usize> = rustc_hash::FxHashMap::default();
    let mut kept: Vec<PageType> = Vec::with_capacity(page_types.len());
    for (d, (_, version, lower)) in page_types.into_iter().zip(described) {
        let key = (version.as_str(), lower.as_str());
        match by_key.get(&key) {
            Some(&i) => {
                let Some(first) = kept.get_mut(i) else { continue };
                if first.kind == TypeKind::Enum && d.kind == TypeKind::Enum {
                    for m in d.members {
                        if !first.members.contains(&m) {
                            first.members.push(m);
                        }
                    }
                } else if first.kind == TypeKind::Enum && d.kind != TypeKind::Enum {
                    // A structured page beats an enum listing of the same name.
                    diags.push(Diagnostic::new(
                        "W106",
                        &first.page,
                        first.line,
                        1,
                        format!("`{}` is also defined by {}; the structured definition is kept", d.name, d.page),
                    ));
                    *first = d;
                } else if d.kind != TypeKind::Enum && prefer(&d, first) {
                    diags.push(Diagnostic::new(
                        "W106",
                        &first.page,
                        first.line,
                        1,
                        format!("`{}` is also defined by {}, which is kept (its file is named after the type)", d.name, d.page),
                    ));
                    *first = d;
                } else {
                    diags.push(Diagnostic::new(
                        "W106",
                        &d.page,
                        d.line,
                        1,
                        format!("`{}` is already defined by {}; this definition is ignored", d.name, first.page),
                    ));
                }
            }
            None => {
                by_key.insert(key, kept.len());
                kept.push(d);
            }
        }
    }
    kept
}

/// The kept types lowered, then the inline enums their properties introduce
/// (each once per version and name, members merged).
fn lower_kept(
    kept: &[PageType],
    names: &BTreeMap<String, Names>,
    version_bases: &BTreeMap<String, BTreeMap<String, Option<String>>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<TypeDef> {
    let keyed: rustc_hash::FxHashSet<(&str, &str)> = kept.iter().filter(|d| d.key).map(|d| (d.version.as_str(), d.name.as_str())).collect();
    let mut types: Vec<TypeDef> = Vec::with_capacity(kept.len());
    let mut inline_enums: BTreeMap<(String, String), TypeDef> = BTreeMap::new();
    let no_names = Names::default();
    let no_bases = BTreeMap::new();
    let by_name: rustc_hash::FxHashMap<(&str, &str), &PageType> = kept.iter().map(|d| ((d.version.as_str(), d.name.as_str()), d)).collect();
    // Each type is lowered on its own, in parallel; the inline enums its
    // properties introduce are merged in order afterwards.
    let lowered: Vec<LoweredType> = kept
        .par_iter()
        .map_init(Interner::default, |strings, d| {
            let n = names.get(&d.version).unwrap_or(&no_names);
            let vb = version_bases.get(&d.version).unwrap_or(&no_bases);
            lower_type(d, &by_name, n, vb, &keyed, strings)
        })
        .collect();
    for (d, l) in kept.iter().zip(lowered) {
        let mut t = l.ty;
        diags.extend(l.diags);
        for (prop, qualified, members) in l.inline {
            let key = (d.version.clone(), qualified.to_ascii_lowercase());
            let e = inline_enums.entry(key).or_insert_with(|| TypeDef {
                version: d.version.clone(),
                name: qualified.clone(),
                rust_name: String::new(),
                kind: TypeKind::Enum,
                source: TypeSource::ResourcePage,
                page: d.page.clone(),
                base: None,
                base_id: None,
                properties: Vec::new(),
                members: Vec::new(),
                rust_members: Vec::new(),
                open: false,
            });
            for m in members {
                if !e.members.contains(&m) {
                    e.members.push(m);
                }
            }
            // The property is typed by the enum's name as first met.
            if let Some(p) = t.properties.get_mut(prop) {
                p.ty = e.name.as_str().into();
            }
        }
        types.push(t);
    }
    let mut keys: BTreeSet<(String, String)> = types.iter().map(|t| (t.version.clone(), t.name.to_ascii_lowercase())).collect();
    types.reserve_exact(inline_enums.len());
    for (key, e) in inline_enums {
        if keys.insert(key) {
            types.push(e);
        }
    }
    types
}

/// The second part of the type lowering: add the types only the examples
/// show, assign the Rust names, and note which pages produced a type.
pub fn merge_inferred_types(defined: DefinedTypes, examples: &[Example]) -> TypesOutcome {
    let DefinedTypes { mut types, keys: mut produced, described, .. } = defined;
    let mut pages_with_types = BTreeSet::new();
    // Types only the examples show.
    let inferred = super::infer::infer_types(examples, &produced);
    produced.extend(inferred.iter().map(|t| (t.version.clone(), t.name.to_ascii_lowercase())));
    types.reserve_exact(inferred.len());
    types.extend(inferred);
    types.par_sort_by(|a, b| (&a.version, &a.name).cmp(&(&b.version, &b.name)));
    assign_rust_names(&mut types);
    for (page, version, name) in described {
        if produced.contains(&(version, name)) {
            pages_with_types.insert(page);
        }
    }
    TypesOutcome { types, pages_with_types }
}

/// How a type cell or a type name reads against one version's types (for
/// the operations' parameters and bodies, `model::operations`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRead {
    /// A defined type or an Edm name, and whether it is a collection.
    Known(String, bool),
    /// A name no page defines (qualified with the namespace), and whether it is a collection.
    Unknown(String, bool),
    /// Nothing that names a type.
    Unreadable,
}

/// One version's type names, as the resource pages define them.
pub struct Lookup<'a> {
    names: &'a Names,
    bases: Option<&'a BTreeMap<String, Option<String>>>,
    types: &'a [TypeDef],
    index: Option<&'a rustc_hash::FxHashMap<String, usize>>,
}

static NO_NAMES: std::sync::OnceLock<Names> = std::sync::OnceLock::new();

impl DefinedTypes {
    /// The type names of one version.
    pub fn lookup(&self, version: &str) -> Lookup<'_> {
        Lookup {
            names: self.names.get(version).unwrap_or_else(|| NO_NAMES.get_or_init(Names::default)),
            bases: self.bases.get(version),
            types: &self.types,
            index: self.index.get(version),
        }
    }
}

impl Lookup<'_> {
    /// A type name as written (`user`, `microsoft.graph.user`, `String`).
    pub fn word(&self, w: &str) -> Option<String> {
        edm(w).map(str::to_string).or_else(|| self.names.word(w, "microsoft.graph"))
    }

    /// The type a link names: a primitive in its text, else the type of the
    /// page it points to (unless it points into a section of that page),
    /// else its text.
    pub fn link(&self, l: &Link) -> Option<String> {
        if let Some(e) = edm(&l.text) {
            return Some(e.to_string());
        }
        let page =
            (!l.target.contains('#') && !l.target.starts_with("http")).then(|| self.names.by_stem.get(&file_stem(&l.target)).map(|(n, _)| n.clone())).flatten();
        page.or_else(|| self.names.link(l, "microsoft.graph"))
    }

    /// Whether `ty` is `base` or derives from it.
    pub fn derives(&self, ty: &str, base: &str) -> bool {
        match self.bases {
            Some(b) => ancestors(ty, b).iter().any(|a| a.eq_ignore_ascii_case(base)),
            None => ty.eq_ignore_ascii_case(base),
        }
    }

    /// Whether the structured type `ty` (a resolved name) or one of its
    /// bases declares the property `key`, or is open (takes any property).
    /// `None` when `ty` is not a structured type the pages define.
    pub fn declares(&self, ty: &str, key: &str) -> Option<bool> {
        let index = self.index?;
        let own = self.types.get(*index.get(ty)?).filter(|t| t.kind != TypeKind::Enum)?;
        let chain = match self.bases {
            Some(b) => ancestors(&own.name, b),
            None => vec![own.name.as_str()],
        };
        Some(chain.iter().filter_map(|a| index.get(*a).and_then(|&i| self.types.get(i))).any(|t| t.open || t.properties.iter().any(|p| p.name == key)))
    }

    /// Whether `ty` (a resolved name) is an enum the pages define.
    pub fn is_enum(&self, ty: &str) -> bool {
        self.index.and_then(|index| index.get(ty)).and_then(|&i| self.types.get(i)).is_some_and(|t| t.kind == TypeKind::Enum)
    }

    /// A table cell that gives a type (`String collection`, `[user](user.md)`).
    /// Several alternatives read as untyped JSON.
    pub fn cell(&self, cell: &Cell) -> TypeRead {
        match read_type_cell(cell, "microsoft.graph", self.names) {
            (CellType::Known(t), c) => TypeRead::Known(t, c),
            (CellType::Alternatives(_), c) => TypeRead::Known(UNTYPED.to_string(), c),
            (CellType::Unknown(w), c) if ident_like(&w) => {
                let q = if w.contains('.') { w } else { format!("microsoft.graph.{w}") };
                TypeRead::Unknown(q, c)
            }
            _ => TypeRead::Unreadable,
        }
    }
}

/// One type lowered on its own: the type, its diagnostics, and the inline
/// enums its properties introduce (property index, qualified name, members).
struct LoweredType {
    ty: TypeDef,
    diags: Vec<Diagnostic>,
    inline: Vec<(usize, String, Vec<String>)>,
}

fn lower_type(
    d: &PageType,
    by_name: &rustc_hash::FxHashMap<(&str, &str), &PageType>,
    n: &Names,
    vb: &BTreeMap<String, Option<String>>,
    keyed: &rustc_hash::FxHashSet<(&str, &str)>,
    strings: &mut Interner,
) -> LoweredType {
    let mut diags = Vec::new();
    let mut inline = Vec::new();
    let chain = ancestors(&d.name, vb);
    let kind = if d.kind == TypeKind::Enum {
        TypeKind::Enum
    } else if chain.iter().any(|a| keyed.contains(&(d.version.as_str(), *a))) {
        TypeKind::Entity
    } else {
        TypeKind::Complex
    };
    // The representation's members that no table lists, unless a base
    // type's page lists them (a representation often repeats inherited
    // properties).
    let above = |name: &str| {
        let listed = |r: &PageRow| r.name.eq_ignore_ascii_case(name);
        chain.iter().skip(1).filter_map(|a| by_name.get(&(d.version.as_str(), *a))).any(|b| b.rows.iter().chain(&b.representation_rows).any(listed))
    };
    // An open type's representation shows sample keys, not properties.
    let from_representation: Vec<&PageRow> = d.representation_rows.iter().filter(|r| !d.open && !above(&r.name)).collect();
    // Sized once: the properties stay in the model.
    let mut properties = Vec::with_capacity(d.rows.len() + from_representation.len());
    for r in d.rows.iter().chain(from_representation.iter().copied()) {
        let (ty, collection) = property_type(d, r, n, vb, properties.len(), &mut inline, &mut diags);
        properties.push(Property {
            rust_name: String::new(),
            name: strings.get(&r.name),
            ty: strings.get(&ty),
            type_id: None,
            collection,
            nullable: r.nullable,
        });
    }
    for r in from_representation {
        let msg = format!("JSON representation has `{}`, which the tables of {} ({}) do not list; typed as the representation shows", r.name, d.name, d.page);
        diags.push(Diagnostic::new("W104", &d.page, r.line, 1, msg));
    }
    let base = vb.get(&d.name).cloned().flatten();
    if let (Some(b), None) = (&d.base_name, &base) {
        diags.push(Diagnostic::new("W060", &d.page, d.line, 1, format!("base type `{b}` is defined nowhere")));
    }
    let ty = TypeDef {
        version: d.version.clone(),
        name: d.name.clone(),
        rust_name: String::new(),
        kind,
        source: TypeSource::ResourcePage,
        page: d.page.clone(),
        base,
        base_id: None,
        properties,
        members: d.members.clone(),
        rust_members: Vec::new(),
        open: d.open,
    };
    LoweredType { ty, diags, inline }
}

/// The type of one property row (its Rust type name and whether it is a
/// collection). A type the cell names by a word no page defines becomes an
/// inline enum when the row lists members (pushed onto `inline` with the
/// property's `index`), else a W060.
fn property_type(
    d: &PageType,
    r: &PageRow,
    n: &Names,
    vb: &BTreeMap<String, Option<String>>,
    index: usize,
    inline: &mut Vec<(usize, String, Vec<String>)>,
    diags: &mut Vec<Diagnostic>,
) -> (String, bool) {
    let (ct, collection) = read_type_cell(&r.ty, &d.ns, n);
    let ty = match ct {
        CellType::Known(t) => t,
        CellType::Alternatives(alts) => {
            // The nearest common ancestor of all alternatives, if any.
            let chains: Vec<Vec<&str>> = alts.iter().map(|a| ancestors(a, vb)).collect();
            let common = chains.first().and_then(|c0| c0.iter().find(|a| chains.iter().all(|c| c.contains(a)))).map(|c| c.to_string());
            match common {
                Some(c) => c,
                None => {
                    diags.push(Diagnostic::new(
                        "W107",
                        &d.page,
                        r.line,
                        1,
                        format!("property `{}` is typed as one of {} with no common base; kept as untyped JSON", r.name, alts.join(", ")),
                    ));
                    UNTYPED.to_string()
                }
            }
        }
        CellType::Unknown(w) => {
            let members = r.inline.clone();
            let qualified = if w.contains('.') { w.clone() } else { format!("{}.{w}", d.ns) };
            if !members.is_empty() && ident_like(&w) && !w.is_empty() {
                // Named when merged (see `defined_types`).
                inline.push((index, qualified.clone(), members));
                qualified
            } else if w.is_empty() || !ident_like(&w) {
                diags.push(Diagnostic::new("W105", &d.page, r.line, 1, format!("type of property `{}` could not be read; kept as untyped JSON", r.name)));
                UNTYPED.to_string()
            } else {
                diags.push(Diagnostic::new(
                    "W060",
                    &d.page,
                    r.line,
                    1,
                    format!("property `{}` has type `{qualified}`, which no page defines; kept as untyped JSON", r.name),
                ));
                qualified
            }
        }
    };
    (ty, collection)
}

/// Rust names: types unique per version, properties and members unique per type.
fn assign_rust_names(types: &mut [TypeDef]) {
    // The wanted names in parallel; made unique per version in order.
    let wanted: Vec<String> = types.par_iter().map(|t| rust_type_name(&t.name)).collect();
    let mut scopes: BTreeMap<String, Unique> = BTreeMap::new();
    for (t, want) in types.iter_mut().zip(wanted) {
        let u = scopes.entry(t.version.clone()).or_insert_with(|| {
            let mut u = Unique::new();
            for r in naming::RESERVED_TYPES.iter().chain(RESERVED) {
                u.reserve(r);
            }
            u
        });
        t.rust_name = u.name_owned(want);
    }
    // Property and variant names are unique within their type only. A
    // property name's snake case is worked out once per task of types (27,500
    // properties, 13,000 snake calls left): a quarter of their names' cost.
    types.par_iter_mut().for_each_init(rustc_hash::FxHashMap::<Shared, String>::default, |snakes, t| {
        let mut pu = Unique::new();
        for p in &mut t.properties {
            let want = snakes.entry(p.name.clone()).or_insert_with(|| naming::snake(&p.name)).clone();
            p.rust_name = pu.name_owned(want);
        }
        // Variant names: camel case without underscores (`_1` → `V1`), never
        // `Unknown` (the fallback variant), unique within the enum.
        let mut used: BTreeSet<String> = BTreeSet::from(["Unknown".to_string()]);
        t.rust_members = t
            .members
            .iter()
            .map(|m| {
                let base = naming::pascal(m).replace('_', "V");
                let base = if base == "Unknown" { "UnknownValue".to_string() } else { base };
                let mut name = base.clone();
                let mut n = 2;
                while !used.insert(name.clone()) {
                    name = format!("{base}V{n}");
                    n += 1;
                }
                name
            })
            .collect();
    });
}

/// `microsoft.graph.callRecords.session` → `CallRecordsSession`.
pub fn rust_type_name(qualified: &str) -> String {
    let rest = qualified.strip_prefix("microsoft.graph.").unwrap_or(qualified);
    naming::pascal(&rest.replace('.', "_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primitives() {
        assert_eq!(edm("String"), Some("Edm.String"));
        assert_eq!(edm("Edm.Int64"), Some("Edm.Int64"));
        assert_eq!(edm("dateTimeOffset"), Some("Edm.DateTimeOffset"));
        assert_eq!(edm("widget"), None);
    }
}

#[cfg(test)]
mod page_type_tests {
    use super::Names;

    /// A link to a page means the type named after its file, whichever of
    /// the page's types came first; otherwise the first.
    #[test]
    fn a_page_means_the_type_named_after_it() {
        let mut n = Names::default();
        n.add("microsoft.graph.signInAudience", "v1.0/resources/application.md", false);
        n.add("microsoft.graph.application", "v1.0/resources/application.md", true);
        n.add("microsoft.graph.riskLevel", "v1.0/resources/enums.md", false);
        n.add("microsoft.graph.riskState", "v1.0/resources/enums.md", false);
        assert_eq!(n.by_stem.get("application").map(|(n, _)| n.as_str()), Some("microsoft.graph.application"));
        assert_eq!(n.by_stem.get("enums").map(|(n, _)| n.as_str()), Some("microsoft.graph.riskLevel"));
        // Named after the file, but not first: still wins over an earlier one.
        let mut m = Names::default();
        m.add("microsoft.graph.application", "v1.0/resources/application.md", true);
        m.add("microsoft.graph.signInAudience", "v1.0/resources/application.md", false);
        assert_eq!(m.by_stem.get("application").map(|(n, _)| n.as_str()), Some("microsoft.graph.application"));
    }
}
