//! The Rust type that stands for a documented type, in the three places the
//! generated code names one: a property setter's argument (and a parameter's,
//! which is the same rule), a response, and a request body.

use super::code::{model_id, strcat};
use super::runtime::Shape;
use crate::model::{Response, TypeKind, TypeRef};
use std::borrow::Cow;

/// The model's types, which a type reference's id indexes.
pub type Known<'a> = crate::model::type_table::TypeTable<'a>;

/// What a value of an Edm type is in Rust, for setters and responses.
enum Edm {
    Bool,
    Int,
    Float,
    /// Kept as JSON (exact decimals, untyped values).
    Json,
    /// Strings, date-times, GUIDs, durations, binary: the text as sent.
    Text,
    /// Raw content.
    Stream,
}

fn edm(ty: &str) -> Option<Edm> {
    let rest = ty.strip_prefix("Edm.")?;
    Some(match rest {
        "Boolean" => Edm::Bool,
        "Int16" | "Int32" | "Int64" | "Byte" | "SByte" => Edm::Int,
        "Double" | "Single" => Edm::Float,
        "Decimal" | "Untyped" => Edm::Json,
        "Stream" => Edm::Stream,
        _ => Edm::Text,
    })
}

/// The model type `ty` names, written with `types` as the path of the
/// version's types module (`""` inside it).
fn model(ty: TypeRef, known: &Known, types: &str) -> Option<String> {
    known.of(ty.id).map(|t| strcat!(types, model_id(&t.rust_name)))
}

/// The argument type of a setter (or parameter) of type `ty`.
pub fn setter_arg(ty: TypeRef, collection: bool, known: &Known, types: &str) -> Cow<'static, str> {
    let one = |owned: bool| -> Cow<'static, str> {
        match edm(ty.name) {
            Some(Edm::Bool) => "bool".into(),
            Some(Edm::Int) => "i64".into(),
            Some(Edm::Float) => "f64".into(),
            Some(Edm::Json) => "rt::Value".into(),
            Some(Edm::Text | Edm::Stream) if owned => "String".into(),
            Some(Edm::Text | Edm::Stream) => "&str".into(),
            None => model(ty, known, types).map_or("rt::Value".into(), Cow::Owned),
        }
    };
    if collection {
        Cow::Owned(strcat!("Vec<", one(true), '>'))
    } else {
        one(false)
    }
}

/// The kind of value of a property's handle (`rt::Text`,
/// `rt::One<kinds::Address>`, `rt::List<rt::Int>`, ...), which says what
/// reading it gives and what setting it takes (the runtime's `FieldValue`
/// impls): the same Rust types as [`setter_arg`] takes.
pub fn field_kind(ty: TypeRef, collection: bool, known: &Known, types: &str) -> String {
    let scalar = match edm(ty.name) {
        Some(Edm::Bool) => "rt::Bool",
        Some(Edm::Int) => "rt::Int",
        Some(Edm::Float) => "rt::Float",
        Some(Edm::Json) => "rt::Json",
        Some(Edm::Text | Edm::Stream) => "rt::Text",
        None => match known.of(ty.id) {
            Some(t) if t.kind == TypeKind::Enum => {
                return strcat!(if collection { "rt::Members<" } else { "rt::Member<" }, types, model_id(&t.rust_name), '>');
            }
            Some(t) => return strcat!(if collection { "rt::Many<" } else { "rt::One<" }, types, "kinds::", model_id(&t.rust_name), '>'),
            None => "rt::Json",
        },
    };
    if collection {
        strcat!("rt::List<", scalar, '>')
    } else {
        scalar.to_string()
    }
}

/// The type a successful response decodes into (`()` when there is no body).
pub fn response(resp: Option<&Response>, known: &Known, types: &str) -> String {
    let Some(r) = resp else { return "()".to_string() };
    let one = match edm(&r.ty) {
        Some(Edm::Bool) => "bool".to_string(),
        Some(Edm::Int) => "i64".to_string(),
        Some(Edm::Float) => "f64".to_string(),
        Some(Edm::Json) => "rt::Value".to_string(),
        Some(Edm::Text) => "String".to_string(),
        Some(Edm::Stream) => return "rt::Bytes".to_string(),
        None => model(r.type_ref(), known, types).unwrap_or_else(|| "rt::Value".to_string()),
    };
    if r.collection {
        strcat!("rt::Page<", one, '>')
    } else {
        one
    }
}

/// The runtime's shape of [`response`]'s type (the generator decodes
/// response examples with it).
pub fn response_shape(resp: Option<&Response>, known: &Known) -> Shape {
    let Some(r) = resp else { return Shape::Nothing };
    let one = match edm(&r.ty) {
        Some(Edm::Bool) => Shape::Bool,
        Some(Edm::Int) => Shape::Int,
        Some(Edm::Float) => Shape::Float,
        Some(Edm::Json) => Shape::Json,
        Some(Edm::Text) => Shape::Text,
        Some(Edm::Stream) => return Shape::Bytes,
        None => match known.of(r.type_id) {
            Some(t) if t.kind == TypeKind::Enum => Shape::Enum,
            Some(_) => Shape::Object,
            None => Shape::Json,
        },
    };
    if r.collection {
        Shape::Page(Box::new(one))
    } else {
        one
    }
}

/// Whether `ty` names a structured model type (one with setters).
pub fn is_structured(ty: TypeRef, known: &Known) -> Option<String> {
    known.of(ty.id).filter(|t| t.kind != TypeKind::Enum).map(|t| t.rust_name.clone())
}
