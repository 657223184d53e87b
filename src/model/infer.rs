//! Types only the examples show: every `@odata.type` an example's JSON uses
//! that no resource page defines becomes a type, its properties read from
//! the JSON values.

use super::types::{ident_like, UNTYPED};
use super::*;
use crate::parse::json::Json;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
struct Inferred {
    page: String,
    props: Vec<(String, String, bool)>, // (name, type, collection)
}

/// Infer types for every `@odata.type` the examples use, from their JSON.
pub(super) fn infer_types(examples: &[Example], defined: &BTreeSet<(String, String)>) -> Vec<TypeDef> {
    // The examples are walked in parallel; what each object shows is then
    // merged in example order, so the first page and the merge rules apply
    // exactly as in one sequential pass.
    let defined: Defined = defined.iter().map(|(v, n)| (v.as_str(), n.as_str())).collect();
    let defined = &defined;
    let seen: Vec<Vec<Seen>> = examples
        .par_iter()
        .map(|ex| {
            let mut out = Vec::new();
            if ex.representation {
                return out;
            }
            let version = ex.page.split('/').next().unwrap_or("");
            let Some(json) = &ex.json else { return out };
            let top = ex.odata_type.as_deref();
            match json.get("value").and_then(Json::as_array).filter(|_| ex.is_collection) {
                Some(arr) => arr.iter().for_each(|item| walk(item, top, version, defined, &mut out, 0)),
                None => walk(json, top, version, defined, &mut out, 0),
            }
            out
        })
        .collect();
    let mut by_version: BTreeMap<(String, String), Inferred> = BTreeMap::new();
    for (ex, seen) in examples.iter().zip(seen) {
        let version = ex.page.split('/').next().unwrap_or("");
        for obj in seen {
            let entry =
                by_version.entry((version.to_string(), obj.ty.to_string())).or_insert_with(|| Inferred { page: ex.page.to_string(), props: Vec::new() });
            for (k, t, coll, is_null) in obj.props {
                match entry.props.iter_mut().find(|(n, _, _)| n == k) {
                    Some(p) => {
                        if p.1 != t || p.2 != coll {
                            if p.1 == UNTYPED && is_null {
                                continue;
                            }
                            if p.1 == UNTYPED && !p.2 {
                                p.1 = t.to_string();
                                p.2 = coll;
                            } else if t != UNTYPED || coll != p.2 {
                                p.1 = UNTYPED.to_string();
                                p.2 = false;
                            }
                        }
                    }
                    None => entry.props.push((k.to_string(), t.to_string(), coll)),
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut strings = crate::parse::facts::Interner::default();
    for ((version, name), inf) in by_version {
        let is_entity = inf.props.iter().any(|(n, _, _)| n == "id");
        out.push(TypeDef {
            rust_name: String::new(),
            version,
            name,
            kind: if is_entity { TypeKind::Entity } else { TypeKind::Complex },
            source: TypeSource::Example,
            page: inf.page,
            base: None,
            base_id: None,
            properties: inf
                .props
                .into_iter()
                .map(|(n, t, c)| Property {
                    rust_name: String::new(),
                    name: strings.get(&n),
                    ty: strings.get(&t),
                    type_id: None,
                    collection: c,
                    nullable: true,
                })
                .collect(),
            members: Vec::new(),
            rust_members: Vec::new(),
            open: false,
        });
    }
    out
}

/// How deep type inference and the check follow nested JSON. serde_json
/// already refuses more than 128 levels; this bound keeps the recursion safe
/// for any `Value`.
const MAX_DEPTH: usize = 128;

/// The (version, lower-case name) of every type the pages define, borrowed:
/// looked up for every typed object of every example.
type Defined<'a> = rustc_hash::FxHashSet<(&'a str, &'a str)>;

/// One object of an example whose type no page defines: its type and its
/// properties (name, JSON type, collection, value is null), in order,
/// borrowed from the example (only the merge keeps a copy).
struct Seen<'a> {
    ty: &'a str,
    props: Vec<(&'a str, &'a str, bool, bool)>,
}

/// Note every object typed by `@odata.type` (or by `hint`) whose type is
/// not in `defined` (version, lower-case name), children before parents.
fn walk<'a>(v: &'a Json, hint: Option<&'a str>, version: &str, defined: &Defined, out: &mut Vec<Seen<'a>>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Json::Array(items) => items.iter().for_each(|i| walk(i, None, version, defined, out, depth + 1)),
        Json::Object(map) => {
            let ty = map.get("@odata.type").and_then(Json::as_str).map(|s| s.trim_start_matches('#')).or(hint);
            for child in map.values() {
                walk(child, None, version, defined, out, depth + 1);
            }
            let Some(ty) = ty.filter(|t| t.starts_with("microsoft.graph.") && ident_like(t)) else { return };
            if defined.contains(&(version, ty.to_ascii_lowercase().as_str())) {
                return;
            }
            let props = map
                .iter()
                .filter(|(k, _)| !(k.starts_with('@') || k.contains("@odata")))
                .map(|(k, val)| {
                    let (t, coll) = json_type(val, depth);
                    (k, t, coll, val.is_null())
                })
                .collect();
            out.push(Seen { ty, props });
        }
        _ => {}
    }
}

/// The type a JSON value shows (an Edm name, or the `@odata.type` of an
/// object, borrowed from it) and whether it is a collection.
fn json_type(v: &Json, depth: usize) -> (&str, bool) {
    if depth > MAX_DEPTH {
        return (UNTYPED, false);
    }
    match v {
        Json::String(_) => ("Edm.String", false),
        Json::Bool(_) => ("Edm.Boolean", false),
        Json::Number(n) if n.is_i64() || n.is_u64() => ("Edm.Int64", false),
        Json::Number(_) => ("Edm.Double", false),
        Json::Null => (UNTYPED, false),
        Json::Object(m) => match m.get("@odata.type").and_then(Json::as_str).map(|t| t.trim_start_matches('#')) {
            Some(t) if t.starts_with("microsoft.graph.") && ident_like(t) => (t, false),
            _ => (UNTYPED, false),
        },
        Json::Array(items) => {
            let first = items.iter().find(|i| !i.is_null());
            match first.map(|f| json_type(f, depth + 1)) {
                Some((t, false)) if items.iter().all(|i| i.is_null() || json_type(i, depth + 1).0 == t) => (t, true),
                _ => (UNTYPED, true),
            }
        }
    }
}
