//! Emit the model types of one version (`src/<version>/types.rs`) and the
//! JSON round-trip part of the example tests.
//!
//! Structured types are thin wrappers over a JSON object with a static field
//! table (no serde derives: ~4,000 of them would dominate compile time).
//! Enums are Rust enums with an `Unknown(String)` variant and hand-written
//! serde impls that go through a string, so a value the docs did not list
//! still round-trips.

use super::{docs, lit};
use crate::model::naming::ident;
use crate::model::{Example, TypeDef, TypeKind, TypeSource};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// Rust type of a property getter and the support call that reads it.
pub fn getter(ty: &str, collection: bool, known: &BTreeMap<&str, &TypeDef>) -> (TokenStream, TokenStream) {
    if collection {
        return match known.get(ty) {
            Some(t) if t.kind == TypeKind::Enum => {
                let id = ident(&t.rust_name);
                (quote!(Option<Vec<#id>>), quote!(rt::get_enums))
            }
            Some(t) => {
                let id = ident(&t.rust_name);
                (quote!(Option<Vec<#id>>), quote!(rt::get_objects))
            }
            None => (quote!(Option<&Vec<rt::Value>>), quote!(rt::get_array)),
        };
    }
    match ty {
        "Edm.Boolean" => (quote!(Option<bool>), quote!(rt::get_bool)),
        "Edm.Int16" | "Edm.Int32" | "Edm.Int64" | "Edm.Byte" | "Edm.SByte" => (quote!(Option<i64>), quote!(rt::get_i64)),
        "Edm.Double" | "Edm.Single" => (quote!(Option<f64>), quote!(rt::get_f64)),
        "Edm.Untyped" | "Edm.Decimal" => (quote!(Option<&rt::Value>), quote!(rt::get_value)),
        t if t.starts_with("Edm.") => (quote!(Option<&str>), quote!(rt::get_str)),
        t => match known.get(t) {
            Some(td) if td.kind == TypeKind::Enum => {
                let id = ident(&td.rust_name);
                (quote!(Option<#id>), quote!(rt::get_enum))
            }
            Some(td) => {
                let id = ident(&td.rust_name);
                (quote!(Option<#id>), quote!(rt::get_object))
            }
            // Defined nowhere: the JSON value itself.
            None => (quote!(Option<&rt::Value>), quote!(rt::get_value)),
        },
    }
}

/// The whole `types.rs` of one version.
pub fn types_file(types: &[&TypeDef]) -> TokenStream {
    let known: BTreeMap<&str, &TypeDef> = types.iter().map(|t| (t.name.as_str(), *t)).collect();
    let mut sorted: Vec<&TypeDef> = types.to_vec();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let registry = sorted.iter().map(|t| {
        let id = ident(&t.rust_name);
        quote!(&#id::INFO)
    });
    let items = sorted.iter().map(|t| if t.kind == TypeKind::Enum { enum_items(t) } else { type_items(t, &known) });
    quote! {
        #![allow(non_camel_case_types, clippy::all)]
        #[allow(unused_imports)]
        use super::super::support::{self as rt, GraphType};

        /// Every type of this version, sorted by name (used to check nested values).
        pub static REGISTRY: &[&rt::TypeInfo] = &[#(#registry),*];

        #(#items)*
    }
}

fn info_tokens(t: &TypeDef) -> TokenStream {
    let name = lit(&t.name);
    let base = match &t.base {
        Some(b) => {
            let b = lit(b);
            quote!(Some(#b))
        }
        None => quote!(None),
    };
    let members = t.members.iter().map(|m| lit(m));
    let fields = t.properties.iter().map(|p| {
        let (j, r, ty, c, n) = (lit(&p.name), lit(&p.rust_name), lit(&p.ty), p.collection, p.nullable);
        quote!(rt::FieldInfo { json: #j, rust: #r, ty: #ty, collection: #c, nullable: #n })
    });
    let open = t.open;
    quote! {
        /// Static description of this type.
        pub const INFO: rt::TypeInfo = rt::TypeInfo {
            name: #name,
            base: #base,
            members: &[#(#members),*],
            fields: &[#(#fields),*],
            open: #open,
        };
    }
}

fn origin(t: &TypeDef) -> String {
    let kind = match t.kind {
        TypeKind::Entity => "Entity type",
        TypeKind::Complex => "Complex type",
        TypeKind::Enum => "Enum type",
    };
    let base = t.base.as_ref().map(|b| format!(" Derived from `{b}`.")).unwrap_or_default();
    match t.source {
        TypeSource::ResourcePage => format!("{kind} `{}`, defined in `{}`.{base}", t.name, t.page),
        TypeSource::Example => format!("{kind} `{}`, inferred from the examples (first seen in `{}`).{base}", t.name, t.page),
    }
}

/// A structured type: the wrapper, its field table and its getters.
pub fn type_items(t: &TypeDef, known: &BTreeMap<&str, &TypeDef>) -> TokenStream {
    let id = ident(&t.rust_name);
    let info = info_tokens(t);
    let d = docs(&origin(t));
    let getters = t.properties.iter().map(|p| {
        let f = ident(&p.rust_name);
        let key = lit(&p.name);
        let (ret, call) = getter(&p.ty, p.collection, known);
        let gd = docs(&format!("`{}`: `{}`{}", p.name, p.ty, if p.collection { " collection" } else { "" }));
        quote!(#gd pub fn #f(&self) -> #ret { #call(&self.0, #key) })
    });
    quote! {
        #d
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct #id(pub rt::JsonObject);

        impl #id {
            #info
            #(#getters)*
        }

        impl GraphType for #id {
            fn info() -> &'static rt::TypeInfo { &Self::INFO }
            fn from_object(object: rt::JsonObject) -> Self { Self(object) }
            fn as_object(&self) -> &rt::JsonObject { &self.0 }
            fn as_object_mut(&mut self) -> &mut rt::JsonObject { &mut self.0 }
        }

        impl rt::Serialize for #id {
            fn serialize<S: rt::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { self.0.serialize(s) }
        }

        impl<'de> rt::Deserialize<'de> for #id {
            fn deserialize<D: rt::Deserializer<'de>>(d: D) -> Result<Self, D::Error> { rt::JsonObject::deserialize(d).map(Self) }
        }
    }
}

/// An enum: one variant per member and `Unknown(String)` for the rest.
pub fn enum_items(t: &TypeDef) -> TokenStream {
    let id = ident(&t.rust_name);
    let info = info_tokens(t);
    let d = docs(&format!("{}\n\nA value the docs do not list is kept in `Unknown`.", origin(t)));
    let variants: Vec<_> = t.rust_members.iter().map(|v| ident(v)).collect();
    let strs: Vec<_> = t.members.iter().map(|m| lit(m)).collect();
    let vdocs = t.members.iter().map(|m| docs(&format!("`{m}`")));
    quote! {
        #d
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #id {
            #( #vdocs #variants, )*
            /// A value the docs do not list, kept as is.
            Unknown(String),
        }

        impl #id {
            #info
            /// The member as it appears in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #strs, )*
                    Self::Unknown(s) => s,
                }
            }
            /// The member named `s`, or `Unknown`.
            pub fn from_member(s: &str) -> Self {
                match s {
                    #( #strs => Self::#variants, )*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl rt::GraphEnum for #id {
            fn info() -> &'static rt::TypeInfo { &Self::INFO }
            fn from_member(s: &str) -> Self { Self::from_member(s) }
            fn as_str(&self) -> &str { self.as_str() }
        }

        impl rt::Serialize for #id {
            fn serialize<S: rt::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
        }

        impl<'de> rt::Deserialize<'de> for #id {
            fn deserialize<D: rt::Deserializer<'de>>(d: D) -> Result<Self, D::Error> { rt::enum_str(d).map(|s| Self::from_member(&s)) }
        }
    }
}

/// The round-trip check of an example's JSON, when its type is known.
pub fn json_check(types_by_name: &BTreeMap<(&str, &str), &TypeDef>, version: &str, vm: &str, ex: &Example) -> Option<TokenStream> {
    let ty = ex.json_type.as_deref()?;
    let td = types_by_name.get(&(version, ty))?;
    if td.kind == TypeKind::Enum {
        return None;
    }
    let vmi = ident(vm);
    let tid = ident(&td.rust_name);
    let text = lit(&serde_json::to_string_pretty(ex.json.as_ref()?).ok()?);
    let coll = ex.json_collection;
    let call = if ex.representation { quote!(round_trip_keys) } else { quote!(round_trip) };
    Some(quote! {
        if let Err(e) = api::support::#call::<api::#vmi::types::#tid>(#text, #coll, api::#vmi::types::REGISTRY) { panic!("{e}") }
    })
}
