//! Model types of one version (`src/<version>/types.rs`), written as
//! formatted text (see [`super::code`]).
//!
//! A structured type `X` is `Object<kinds::X>`: a JSON object typed by an
//! uninhabited marker whose `Kind` impl names its description, a `static`
//! of the `infos` module holding the type's spec (name, base, members,
//! field table) as one string literal, decoded on first use. All
//! generic machinery (serde, `Clone`, `Debug`, `GraphType`) is implemented
//! once on `Object<K>` in the support module, so each type costs a marker, a
//! table and its getters, nothing more (measured in docs/DESIGN.md).
//! Enums are Rust enums with an `Unknown(String)` variant and
//! hand-written serde impls that go through a string, so a value the docs
//! did not list still round-trips.

use super::code::{cat, id, ln, open, strcat, Code, Lit};
use super::md_code;
use super::runtime as rt;
use super::rust_types::{self, Known};
use crate::model::{TypeDef, TypeKind, TypeRef, TypeSource};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// Rust type of a property getter and the support function that reads it.
fn getter(ty: TypeRef, collection: bool, known: &Known) -> (String, &'static str) {
    if collection {
        return match known.of(ty.id) {
            Some(t) if t.kind == TypeKind::Enum => (strcat!("Option<rt::Enums<'_, ", id(&t.rust_name), ">>"), "rt::get_enums"),
            Some(t) => (strcat!("Option<rt::Objects<'_, kinds::", id(&t.rust_name), ">>"), "rt::get_objects"),
            None => ("Option<&Vec<rt::Value>>".into(), "rt::get_array"),
        };
    }
    match ty.name {
        "Edm.Boolean" => ("Option<bool>".into(), "rt::get_bool"),
        "Edm.Int16" | "Edm.Int32" | "Edm.Int64" | "Edm.Byte" | "Edm.SByte" => ("Option<i64>".into(), "rt::get_i64"),
        "Edm.Double" | "Edm.Single" => ("Option<f64>".into(), "rt::get_f64"),
        // Decimals stay JSON numbers (exact), untyped values stay JSON.
        "Edm.Untyped" | "Edm.Decimal" => ("Option<&rt::Value>".into(), "rt::get_value"),
        // Date-times, durations, GUIDs, binary: the string as sent (lossless).
        t if t.starts_with("Edm.") => ("Option<&str>".into(), "rt::get_str"),
        _ => match known.of(ty.id) {
            Some(td) if td.kind == TypeKind::Enum => (strcat!("Option<", id(&td.rust_name), ">"), "rt::get_enum"),
            Some(td) => (strcat!("Option<&", id(&td.rust_name), ">"), "rt::get_object"),
            // Defined nowhere: the JSON value itself.
            None => ("Option<&rt::Value>".into(), "rt::get_value"),
        },
    }
}

fn origin(t: &TypeDef) -> String {
    let kind = match t.kind {
        TypeKind::Entity => "Entity type",
        TypeKind::Complex => "Complex type",
        TypeKind::Enum => "Enum type",
    };
    let mut s = match t.source {
        TypeSource::ResourcePage => strcat!(kind, ' ', md_code(&t.name), ", defined in ", md_code(&t.page), '.'),
        TypeSource::Example => strcat!(kind, ' ', md_code(&t.name), ", inferred from the examples (first seen in ", md_code(&t.page), ")."),
    };
    if let Some(b) = &t.base {
        cat!(&mut s; " Derived from ", md_code(b), '.');
    }
    s
}

/// The whole file. `feature` gives the `cfg` predicate that compiles a type.
pub fn file(types: &[&TypeDef], known: &Known, feature: &(dyn Fn(&TypeDef) -> String + Sync)) -> Vec<String> {
    let mut sorted: Vec<&TypeDef> = types.to_vec();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let mut c = Code::new();
    c.line("#![allow(non_camel_case_types, clippy::all)]");
    c.line("#[allow(unused_imports)]");
    c.line("use super::super::support::{self as rt, GraphEnum, GraphType, Kind, Object};");
    c.line("");
    c.line("/// Every type of this version, sorted by name (used to check nested values).");
    c.open("pub static REGISTRY: &[&rt::TypeInfoRef] = &[");
    // Each type's `cfg` line, worked out once: it gates the type's registry
    // entry, its marker and each of its items.
    let cfgs: Vec<String> = sorted.par_iter().map(|t| strcat!("#[cfg(", feature(t), ")]")).collect();
    let typed: Vec<(&TypeDef, &str)> = sorted.iter().copied().zip(cfgs.iter().map(String::as_str)).collect();
    // The registry and the markers (a line pair per type) are written in
    // parallel too, in runs of types.
    let gated_lines = |keep: fn(&TypeDef) -> bool, write: fn(&mut Code, &TypeDef)| {
        typed.par_chunks(256).map(move |run| {
            let mut c = Code::new();
            c.depth_in();
            for &(t, cfg) in run.iter().filter(|(t, _)| keep(t)) {
                c.line(cfg);
                write(&mut c, t);
            }
            c.finish()
        })
    };
    let mut parts = vec![c.finish()];
    parts.par_extend(gated_lines(|_| true, |c, t| ln!(c; "&infos::", id(&t.rust_name), ',')));
    let mut c = Code::new();
    c.line("];");
    c.line("");
    c.line("/// The markers behind the structured types (never constructed).");
    c.line("pub mod kinds {");
    parts.push(c.finish());
    parts.par_extend(gated_lines(|t| t.kind != TypeKind::Enum, |c, t| ln!(c; "pub enum ", id(&t.rust_name), " {}")));
    parts.push("}\n".to_string());
    let mut c = Code::new();
    c.line("");
    c.line("/// The description of each type (what `Kind::INFO`, an enum's `INFO` and");
    c.line("/// `REGISTRY` hold): its spec, decoded on first use.");
    c.line("#[allow(non_upper_case_globals)]");
    c.line("pub mod infos {");
    c.line("    #[allow(unused_imports)]");
    c.line("    use super::rt::TypeInfoRef;");
    parts.push(c.finish());
    parts.par_extend(gated_lines(|_| true, |c, t| ln!(c; "pub static ", id(&t.rust_name), ": TypeInfoRef = TypeInfoRef::new(", Lit(&spec(t)), ");")));
    parts.push("}\n".to_string());
    // The types are written in parallel and joined in order.
    let items = typed.par_iter().map(|&(t, cfg)| {
        let mut c = Code::with_capacity(512 + 256 * t.properties.len() + 64 * t.members.len());
        c.line("");
        if t.kind == TypeKind::Enum {
            enum_items(&mut c, t, cfg);
        } else {
            type_items(&mut c, t, known, cfg);
        }
        c.finish()
    });
    parts.par_extend(items);
    parts
}

/// The spec of a type's `infos` static: the model's facts in the runtime's
/// structures, encoded by the runtime ([`rt::TypeInfoOf::to_spec`]).
pub fn spec(t: &TypeDef) -> String {
    let fields: Vec<rt::FieldInfoOf<String>> = t
        .properties
        .iter()
        .map(|p| rt::FieldInfoOf { json: p.name.clone(), rust: p.rust_name.clone(), ty: p.ty.clone(), collection: p.collection, nullable: p.nullable })
        .collect();
    rt::TypeInfoOf { name: t.name.clone(), base: t.base.clone(), members: &t.members, fields: &fields, open: t.open }.to_spec()
}

fn type_items(c: &mut Code, t: &TypeDef, known: &Known, cfg: &str) {
    let name = id(&t.rust_name);
    c.doc(&origin(t));
    c.line(cfg);
    ln!(c; "pub type ", name, " = Object<kinds::", name, ">;");
    c.line("");
    c.line(cfg);
    open!(c; "impl Kind for kinds::", name, " {");
    ln!(c; "const INFO: &'static rt::TypeInfoRef = &infos::", name, ';');
    c.close("}");
    if let Some(base) = known.of(t.base_id).filter(|b| b.kind != TypeKind::Enum && !in_cycle(t, known)) {
        c.line("");
        c.line(cfg);
        ln!(c; "impl rt::Derived for kinds::", name, " { type Base = kinds::", id(&base.rust_name), "; }");
    }
    if t.properties.is_empty() {
        return;
    }
    c.line("");
    c.line(cfg);
    open!(c; "impl ", name, " {");
    let setters = setters(t);
    for (i, p) in t.properties.iter().enumerate() {
        if !RUNTIME_METHODS.contains(&p.rust_name.as_str()) {
            let (ret, call) = getter(p.type_ref(), p.collection, known);
            c.doc(&strcat!(md_code(&p.name), ": ", md_code(&p.ty), if p.collection { " collection" } else { "" }));
            open!(c; "pub fn ", id(&p.rust_name), "(&self) -> ", ret, " {");
            ln!(c; call, "(&self.0, ", Lit(&p.name), ')');
            c.close("}");
        }
        if let Some(set) = setters.get(i).and_then(Option::as_deref) {
            let arg = rust_types::setter_arg(p.type_ref(), p.collection, known, "");
            c.doc(&strcat!("Set ", md_code(&p.name), '.'));
            ln!(c; "pub fn ", id(set), "(&mut self, v: ", arg, ") -> &mut Self { rt::set(self, ", Lit(&p.name), ", v) }");
        }
    }
    c.close("}");
}

/// Whether a type's chain of base types comes back to it (the docs can say
/// so; `Deref` along such a chain would never end).
pub fn in_cycle(t: &TypeDef, known: &Known) -> bool {
    let mut at = t.base_id;
    for _ in 0..64 {
        match known.of(at) {
            Some(b) if b.name == t.name => return true,
            Some(b) => at = b.base_id,
            None => return false,
        }
    }
    true
}

/// The setter of each property, in order (`None` where its name would be
/// taken by a getter or an earlier setter, or by a runtime method).
pub fn setters(t: &TypeDef) -> Vec<Option<String>> {
    let getters: BTreeSet<&str> = t.properties.iter().map(|p| p.rust_name.as_str()).collect();
    let mut seen = BTreeSet::new();
    t.properties
        .iter()
        .map(|p| {
            let set = setter_name(&p.rust_name);
            let free = !getters.contains(set.as_str()) && !RUNTIME_METHODS.contains(&set.as_str()) && seen.insert(set.clone());
            free.then_some(set)
        })
        .collect()
}

/// The setter of property `i` alone, by the same rule as [`setters`]
/// (free of getters and runtime methods, first property to want it wins)
/// without building the type's sets: the example checks ask for one
/// property of every JSON object they rebuild.
pub fn setter_of(t: &TypeDef, i: usize) -> Option<String> {
    let p = t.properties.get(i)?;
    let set = setter_name(&p.rust_name);
    let bare = p.rust_name.trim_start_matches("r#");
    let taken = RUNTIME_METHODS.contains(&set.as_str())
        || t.properties.iter().any(|q| q.rust_name == set)
        || t.properties.get(..i).unwrap_or_default().iter().any(|q| q.rust_name.trim_start_matches("r#") == bare);
    (!taken).then_some(set)
}

/// Methods every model value has (`Object<K>` in the runtime): a generated
/// method must not take their names.
pub const RUNTIME_METHODS: &[&str] = &["new", "from_ref", "from_mut", "set_property", "set_null", "set_annotation", "unset", "into_type", "to_json"];

/// The setter of a property or parameter named `rust_name` in Rust.
pub fn setter_name(rust_name: &str) -> String {
    strcat!("set_", rust_name.trim_start_matches("r#"))
}

fn enum_items(c: &mut Code, t: &TypeDef, cfg: &str) {
    let name = id(&t.rust_name);
    let variants: Vec<String> = t.rust_members.iter().map(|v| id(v).into_owned()).collect();
    c.doc(&strcat!(origin(t), "\n\nA value the docs do not list is kept in `Unknown`."));
    c.line(cfg);
    open!(c; "pub enum ", name, " {");
    for (v, m) in variants.iter().zip(&t.members) {
        c.doc(&md_code(m));
        ln!(c; v, ',');
    }
    c.line("/// A value the docs do not list, kept as is.");
    c.line("Unknown(String),");
    c.close("}");
    c.line("");
    c.line(cfg);
    open!(c; "impl ", name, " {");
    c.line("/// Static description of this type.");
    ln!(c; "pub const INFO: &'static rt::TypeInfoRef = &infos::", name, ';');
    c.line("");
    c.line("/// The member as it appears in JSON.");
    c.open("pub fn as_str(&self) -> &str {");
    c.open("match self {");
    for (v, m) in variants.iter().zip(&t.members) {
        ln!(c; "Self::", v, " => ", Lit(m), ',');
    }
    c.line("Self::Unknown(s) => s,");
    c.close("}");
    c.close("}");
    c.line("");
    c.line("/// The member named `s`, or `Unknown`.");
    c.open("pub fn from_member(s: &str) -> Self {");
    c.open("match s {");
    for (v, m) in variants.iter().zip(&t.members) {
        ln!(c; Lit(m), " => Self::", v, ',');
    }
    c.line("other => Self::Unknown(other.to_string()),");
    c.close("}");
    c.close("}");
    c.close("}");
    c.line("");
    c.line(cfg);
    open!(c; "impl GraphEnum for ", name, " {");
    c.open("fn info() -> &'static rt::TypeInfo {");
    c.line("Self::INFO.get()");
    c.close("}");
    c.open("fn from_member(s: &str) -> Self {");
    c.line("Self::from_member(s)");
    c.close("}");
    c.open("fn as_str(&self) -> &str {");
    c.line("self.as_str()");
    c.close("}");
    c.close("}");
    c.line("");
    c.line(cfg);
    open!(c; "impl rt::Serialize for ", name, " {");
    c.open("fn serialize<S: rt::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {");
    c.line("s.serialize_str(self.as_str())");
    c.close("}");
    c.close("}");
    c.line("");
    c.line(cfg);
    open!(c; "impl<'de> rt::Deserialize<'de> for ", name, " {");
    c.open("fn deserialize<D: rt::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {");
    c.line("rt::enum_str(d).map(|s| Self::from_member(&s))");
    c.close("}");
    c.close("}");
    enum_std_impls(c, &name, cfg);
}

/// `Clone`, `PartialEq`, `Eq`, `Hash` and `Debug` through the member's
/// JSON text: one short body each, where the derives wrote a match arm per
/// member (an enum of 800 members took 40 ms to check for `Debug` alone).
/// Two values are equal when they are sent as the same JSON text.
fn enum_std_impls(c: &mut Code, name: &str, cfg: &str) {
    let bodies = [
        ("Clone", "fn clone(&self) -> Self { match self { Self::Unknown(s) => Self::Unknown(s.clone()), v => Self::from_member(v.as_str()) } }"),
        ("PartialEq", "fn eq(&self, o: &Self) -> bool { self.as_str() == o.as_str() }"),
        ("std::hash::Hash", "fn hash<H: std::hash::Hasher>(&self, h: &mut H) { std::hash::Hash::hash(self.as_str(), h) }"),
        (
            "std::fmt::Debug",
            "fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { rt::enum_debug(self.as_str(), matches!(self, Self::Unknown(_)), f) }",
        ),
    ];
    for (tr, body) in bodies {
        c.line("");
        c.line(cfg);
        open!(c; "impl ", tr, " for ", name, " {");
        c.line(body);
        c.close("}");
    }
    c.line("");
    c.line(cfg);
    ln!(c; "impl Eq for ", name, " {}");
}

#[cfg(test)]
mod setter_tests {
    use super::*;
    use crate::model::{Property, TypeDef, TypeKind, TypeSource};

    #[test]
    fn one_property_setter_follows_the_whole_types_rule() {
        let names = ["x", "set_x", "r#type", "type", "property", "x", "to_json", "y", "set_y_2", "y_2"];
        let properties = names
            .iter()
            .map(|n| Property { name: n.to_string(), rust_name: n.to_string(), ty: "Edm.String".into(), type_id: None, collection: false, nullable: true })
            .collect();
        let t = TypeDef {
            version: "v1.0".into(),
            name: "microsoft.graph.t".into(),
            rust_name: "T".into(),
            kind: TypeKind::Complex,
            source: TypeSource::ResourcePage,
            page: "v1.0/resources/t.md".into(),
            base: None,
            base_id: None,
            properties,
            members: Vec::new(),
            rust_members: Vec::new(),
            open: false,
        };
        let all = setters(&t);
        assert!(all.iter().any(Option::is_none) && all.iter().any(Option::is_some));
        for (i, want) in all.iter().enumerate() {
            assert_eq!(&setter_of(&t, i), want, "property {i}");
        }
    }
}
