//! The check: every JSON example with a known type is checked against it at
//! generation time, so the example tests that would fail are known before
//! they are emitted, and the docs' contradictions become diagnostics
//! (W101–W104).
//!
//! The generated crate's runtime has its own copy (`support::check`, in
//! `emit/runtime/support.rs`), which the example tests run:
//! `tests/example_check.rs` feeds both the same values so they cannot drift.
//! This one adds the detail the lint needs (the kind of each mismatch and
//! the type that declares the property).

use super::examples::{json_odata_type, skip};
use super::type_table::{TypeId, TypeTable};
use super::*;
use crate::parse::json::Json;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// What kind of contradiction a mismatch is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MismatchKind {
    /// A property the type does not declare.
    Undeclared,
    /// A value of the wrong JSON kind.
    WrongKind,
    /// An enum value the enum does not list.
    UnlistedMember,
}

/// One place where a JSON value contradicts its type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// Kind of contradiction.
    pub kind: MismatchKind,
    /// JSON pointer.
    pub pointer: String,
    /// The type whose declaration the value contradicts.
    pub ty: String,
    /// The property name or value concerned.
    pub what: String,
    /// Expected (type name) and found (JSON kind), for wrong kinds.
    pub detail: String,
}

/// The types of one version: by exact name (as the runtime's registry) in
/// the model's [`TypeTable`] for the names a JSON value gives, by id for the
/// model's own references (bases, property types; see
/// [`type_table::resolve_ids`](super::type_table::resolve_ids)).
pub struct Registry<'a> {
    table: TypeTable<'a>,
    version: String,
}

impl<'a> Registry<'a> {
    /// The types of `version` among `types` (the model's).
    pub fn new(types: &'a [TypeDef], version: &str) -> Self {
        Registry { table: TypeTable::new(types), version: version.to_string() }
    }

    /// A type by exact name.
    pub fn get(&self, name: &str) -> Option<&'a TypeDef> {
        self.table.find(&self.version, name)
    }

    /// The id of the type `name`.
    pub fn id(&self, name: &str) -> Option<TypeId> {
        self.table.id(&self.version, name)
    }

    fn is_open(&self, t: &'a TypeDef) -> bool {
        let mut cur = Some(t);
        let mut depth = 0;
        while let Some(t) = cur {
            if t.open {
                return true;
            }
            depth += 1;
            if depth > 64 {
                return false;
            }
            cur = self.table.of(t.base_id);
        }
        false
    }

    fn field(&self, t: &'a TypeDef, key: &str) -> Option<&'a Property> {
        let mut cur = Some(t);
        let mut depth = 0;
        while let Some(t) = cur {
            if let Some(p) = t.properties.iter().find(|p| p.name == key) {
                return Some(p);
            }
            depth += 1;
            if depth > 64 {
                return None;
            }
            cur = self.table.of(t.base_id);
        }
        None
    }
}

fn kind_of(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

/// Check a value against a type. `keys_only` checks property names only
/// (for JSON representations, whose values are placeholders).
///
/// The generated crate's `support::check` makes the same decisions (a test,
/// `tests/example_check.rs`, feeds both the same values): a type that lists
/// members is checked as an enum, any other defined type as a structure, and
/// nesting is counted in levels walked from `v`, not in the pointer's `/`s.
pub fn check(v: &Json, ty: &str, collection: bool, reg: &Registry, ptr: &str, keys_only: bool, out: &mut Vec<Mismatch>) {
    let mut at = Pointer { text: ptr.to_string(), depth: 0 };
    check_at(v, TypeRef { name: ty, id: reg.id(ty) }, collection, reg, &mut at, keys_only, out);
}

/// How deep [`check`] follows nested values, as the runtime's `MAX_CHECK_DEPTH`.
const MAX_CHECK_DEPTH: usize = 256;

/// A JSON pointer being walked, with the number of levels below the start.
struct Pointer {
    text: String,
    depth: usize,
}

impl Pointer {
    /// Run `f` one level down at `/seg`, then come back up.
    fn with<R>(&mut self, seg: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        let len = self.text.len();
        self.text.push('/');
        self.text.push_str(seg);
        self.depth += 1;
        let r = f(self);
        self.text.truncate(len);
        self.depth -= 1;
        r
    }
}

fn check_at(v: &Json, ty: TypeRef, collection: bool, reg: &Registry, at: &mut Pointer, keys_only: bool, out: &mut Vec<Mismatch>) {
    let (id, ty) = (ty.id, ty.name);
    if at.depth > MAX_CHECK_DEPTH {
        out.push(Mismatch {
            kind: MismatchKind::WrongKind,
            pointer: at.text.clone(),
            ty: ty.into(),
            what: String::new(),
            detail: "at most 256 levels of nesting".into(),
        });
        return;
    }
    if collection {
        match v {
            Json::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    at.with(&i.to_string(), |at| check_at(item, TypeRef { name: ty, id }, false, reg, at, keys_only, out));
                }
            }
            Json::Null => {}
            other if !keys_only => out.push(Mismatch {
                kind: MismatchKind::WrongKind,
                pointer: at.text.clone(),
                ty: ty.into(),
                what: String::new(),
                detail: format!("collection of {ty}, found {}", kind_of(other)),
            }),
            _ => {}
        }
        return;
    }
    if v.is_null() {
        return;
    }
    let ok = match ty {
        "Edm.Untyped" => true,
        "Edm.Boolean" => v.is_boolean(),
        "Edm.Int16" | "Edm.Int32" | "Edm.Int64" | "Edm.Byte" | "Edm.SByte" => v.is_i64() || v.is_u64(),
        "Edm.Double" | "Edm.Single" | "Edm.Decimal" => v.is_number() || v.as_str().is_some_and(|s| matches!(s, "NaN" | "INF" | "-INF")),
        t if t.starts_with("Edm.") => v.is_string(),
        _ => match reg.table.of(id) {
            Some(info) if !info.members.is_empty() => match v.as_str() {
                Some(s) => {
                    if !keys_only {
                        check_members(s, info, at, out);
                    }
                    true
                }
                None => false,
            },
            Some(info) => match v.as_object() {
                Some(obj) => {
                    check_object(obj, info, reg, at, keys_only, out);
                    true
                }
                None => false,
            },
            None => true,
        },
    };
    if !ok && !keys_only {
        out.push(Mismatch {
            kind: MismatchKind::WrongKind,
            pointer: at.text.clone(),
            ty: ty.into(),
            what: String::new(),
            detail: format!("{ty}, found {}", kind_of(v)),
        });
    }
}

/// An enum value: each of its comma-separated members must be listed.
fn check_members(s: &str, info: &TypeDef, at: &Pointer, out: &mut Vec<Mismatch>) {
    for part in s.split(',').map(str::trim) {
        if !info.members.iter().any(|m| m == part) {
            out.push(Mismatch {
                kind: MismatchKind::UnlistedMember,
                pointer: at.text.clone(),
                ty: info.name.clone(),
                what: part.to_string(),
                detail: String::new(),
            });
        }
    }
}

/// A structured value's members, checked against its type (or the type its
/// `@odata.type` names): each declared (unless the type is open) and of the
/// property's type.
fn check_object(obj: &crate::parse::json::Object, info: &TypeDef, reg: &Registry, at: &mut Pointer, keys_only: bool, out: &mut Vec<Mismatch>) {
    let actual = obj.get("@odata.type").and_then(Json::as_str).map(|s| s.trim_start_matches('#')).and_then(|n| reg.get(n)).unwrap_or(info);
    for (k, val) in obj.iter() {
        if k.starts_with('@') || k.contains("@odata") {
            continue;
        }
        match reg.field(actual, k) {
            Some(f) => at.with(k, |at| {
                let before = out.len();
                check_at(val, f.type_ref(), f.collection, reg, at, keys_only, out);
                // Name the type that declares the property, not the value's type.
                for m in out.iter_mut().skip(before).filter(|m| m.kind == MismatchKind::WrongKind && m.pointer == at.text) {
                    m.ty = actual.name.clone();
                    m.what = k.to_string();
                }
            }),
            None if reg.is_open(actual) => {}
            None => out.push(Mismatch {
                kind: MismatchKind::Undeclared,
                pointer: format!("{}/{k}", at.text),
                ty: actual.name.clone(),
                what: k.to_string(),
                detail: String::new(),
            }),
        }
    }
}

/// Decide the type each JSON example is tested against, and lint: an
/// example whose JSON contradicts its type gets one diagnostic per
/// contradiction, naming the example and the page that defines the type, and
/// is marked `docs_inconsistent`: its test then checks that the type keeps
/// the body losslessly (unknown properties and values included) and that the
/// contradiction is there, instead of checking conformance.
pub fn bind_examples(api: &mut Api) {
    let versions: BTreeSet<String> = api.types.iter().map(|t| t.version.clone()).collect();
    let (lower, regs) = rayon::join(
        || TypeTable::new(&api.types).with_case_folding(),
        || versions.par_iter().map(|v| (v.clone(), Registry::new(&api.types, v))).collect::<BTreeMap<String, Registry>>(),
    );
    let per_example: Vec<Vec<Diagnostic>> = api
        .examples
        .par_iter_mut()
        .map(|ex| {
            let mut diags = Vec::new();
            bind_example(ex, &lower, &regs, &mut diags);
            diags
        })
        .collect();
    api.diagnostics.extend(per_example.into_iter().flatten());
}

/// [`bind_examples`] for one example.
fn bind_example(ex: &mut Example, lower: &TypeTable, regs: &BTreeMap<String, Registry>, diags: &mut Vec<Diagnostic>) {
    {
        ex.json_type = None;
        ex.json_type_id = None;
        ex.json_collection = false;
        ex.docs_inconsistent = false;
        let version = ex.page.split('/').next().unwrap_or("").to_string();
        let Some(json) = ex.json.as_ref() else {
            if ex.role == ExampleRole::Notification && ex.outcome == ExampleOutcome::Tested {
                skip(ex, "no_json_body");
            }
            return;
        };
        let candidate = match ex.role {
            ExampleRole::Notification => ex.odata_type.clone().or_else(|| json_odata_type(Some(json))),
            ExampleRole::Response => ex.odata_type.clone(),
            ExampleRole::Request => json_odata_type(Some(json)),
        };
        let resolved = candidate.as_ref().and_then(|c| lower.of(lower.id_ignore_case(&version, c))).map(|t| t.name.clone());
        if ex.outcome != ExampleOutcome::Tested {
            return;
        }
        let Some(ty) = resolved else {
            if ex.role == ExampleRole::Notification {
                skip(ex, if candidate.is_some() { "unknown_type" } else { "no_odata_type" });
            }
            return;
        };
        let Some(reg) = regs.get(&version) else { return };
        // A `value` array with only annotations beside it is a collection,
        // whatever the annotation says, unless the type declares `value`.
        let wrapped = super::examples::value_list(json) && reg.get(&ty).and_then(|t| reg.field(t, "value")).is_none();
        ex.json_collection = ex.is_collection || wrapped;
        let items: Vec<&Json> = match (ex.json_collection, json.get("value")) {
            (true, Some(Json::Array(items))) => items.iter().collect(),
            _ => vec![json],
        };
        let mut mism = Vec::new();
        for item in items {
            check(item, &ty, false, reg, "", ex.representation, &mut mism);
        }
        ex.json_type = Some(ty.clone());
        ex.json_type_id = reg.id(&ty);
        if mism.is_empty() {
            return;
        }
        let mut seen = BTreeSet::new();
        for m in &mism {
            if !seen.insert((m.kind, m.ty.clone(), m.what.clone(), m.detail.clone())) {
                continue;
            }
            let def = reg.get(&m.ty).map_or_else(|| "no page".to_string(), |t| t.page.clone());
            let (code, msg) = match m.kind {
                MismatchKind::Undeclared if ex.representation => {
                    ("W104", format!("JSON representation has `{}`, which the tables of {} ({def}) do not list", m.what, m.ty))
                }
                MismatchKind::Undeclared => ("W101", format!("example has property `{}` at `{}`, which {} does not declare ({def})", m.what, m.pointer, m.ty)),
                MismatchKind::WrongKind => {
                    ("W102", format!("example value of `{}` at `{}` should be {} as {} declares ({def})", m.what, m.pointer, m.detail, m.ty))
                }
                MismatchKind::UnlistedMember => ("W103", format!("example value `{}` at `{}` is not a member of enum {} ({def})", m.what, m.pointer, m.ty)),
            };
            diags.push(Diagnostic::new(code, &ex.page, ex.line, 1, msg));
        }
        ex.docs_inconsistent = true;
    }
}
