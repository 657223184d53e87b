//! Model types described as data (`TypeInfo`: name, base, enum members,
//! declared properties), and their compact form in the generated code.
//!
//! Each model type of a generated crate has a `static` [`TypeInfoRef`] in its
//! version's `infos` module holding one string literal (its spec), decoded
//! into a [`TypeInfo`] the first time it is read: a string literal costs the
//! compiler nearly nothing, where a nested struct literal per type (a field
//! table of constant calls) did. The spec is written
//! ([`TypeInfoOf::to_spec`]) and read ([`TypeInfo::from_spec`]) here only,
//! with the tokens of the endpoint specs.

use super::endpoint::{leak, Decoded, SpecReader, SpecWriter};
use std::fmt;

/// One property of a model type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldInfoOf<S = &'static str> {
    /// JSON name.
    pub json: S,
    /// Rust accessor name.
    pub rust: S,
    /// Edm or namespace-qualified type.
    pub ty: S,
    /// A collection of `ty`.
    pub collection: bool,
    /// May be `null`.
    pub nullable: bool,
}

/// One property of a model type, as a generated crate holds it.
pub type FieldInfo = FieldInfoOf;

/// A field table entry.
pub const fn field(json: &'static str, rust: &'static str, ty: &'static str, collection: bool, nullable: bool) -> FieldInfo {
    FieldInfo { json, rust, ty, collection, nullable }
}

/// A model type's static description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeInfoOf<'a, S = &'static str> {
    /// Namespace-qualified name.
    pub name: S,
    /// Base type, if any.
    pub base: Option<S>,
    /// Enum members (empty for structured types).
    pub members: &'a [S],
    /// Declared properties (not including the base type's).
    pub fields: &'a [FieldInfoOf<S>],
    /// An open type: properties beyond the declared ones are expected.
    pub open: bool,
}

/// A model type's static description, as a generated crate holds it.
pub type TypeInfo = TypeInfoOf<'static>;

impl<S: AsRef<str>> TypeInfoOf<'_, S> {
    /// The spec a generated `static` holds ([`TypeInfo::from_spec`] reads it back).
    pub fn to_spec(&self) -> String {
        let mut w = SpecWriter::default();
        w.str(self.name.as_ref());
        w.flag(self.base.is_some());
        if let Some(b) = &self.base {
            w.str(b.as_ref());
        }
        w.list(self.members);
        w.flag(self.open);
        w.num(self.fields.len() as u64);
        for f in self.fields {
            for s in [&f.json, &f.rust, &f.ty] {
                w.str(s.as_ref());
            }
            w.flag(f.collection);
            w.flag(f.nullable);
        }
        w.finish()
    }
}

impl TypeInfo {
    /// Decode a spec written by [`TypeInfoOf::to_spec`] (malformed text
    /// gives empty values, never a panic). Its lists are allocated for the
    /// rest of the program: call it once per spec (a [`TypeInfoRef`] does).
    pub fn from_spec(spec: &'static str) -> TypeInfo {
        let mut r = SpecReader::new(spec);
        let name = r.str();
        let base = if r.flag() { Some(r.str()) } else { None };
        let members = r.list();
        let open = r.flag();
        let n = r.count();
        let fields = leak((0..n).map(|_| FieldInfo { json: r.str(), rust: r.str(), ty: r.str(), collection: r.flag(), nullable: r.flag() }).collect());
        TypeInfo { name, base, members, fields, open }
    }
}

/// A model type's description in a generated crate: its spec and the
/// [`TypeInfo`] decoded from it on first use (or a description given as
/// is, [`TypeInfoRef::of`]). Derefs to the [`TypeInfo`].
pub struct TypeInfoRef {
    spec: &'static str,
    ready: Option<&'static TypeInfo>,
    decoded: Decoded<TypeInfo>,
}

impl TypeInfoRef {
    /// A description from its spec (what the generated `static`s call).
    pub const fn new(spec: &'static str) -> Self {
        TypeInfoRef { spec, ready: None, decoded: Decoded::NONE }
    }

    /// A description given as a value.
    pub const fn of(info: &'static TypeInfo) -> Self {
        TypeInfoRef { spec: "", ready: Some(info), decoded: Decoded::NONE }
    }

    /// The description, decoded once.
    pub fn get(&self) -> &'static TypeInfo {
        match self.ready {
            Some(info) => info,
            None => self.decoded.get_or_init(|| TypeInfo::from_spec(self.spec)),
        }
    }

    /// The spec as generated (empty for a description given as a value).
    pub fn spec(&self) -> &'static str {
        self.spec
    }

    /// The type's namespace-qualified name, read without decoding the rest
    /// (what a lookup by name compares).
    pub fn name(&self) -> &'static str {
        match self.ready {
            Some(info) => info.name,
            None => SpecReader::new(self.spec).str(),
        }
    }
}

impl std::ops::Deref for TypeInfoRef {
    type Target = TypeInfo;

    fn deref(&self) -> &TypeInfo {
        self.get()
    }
}

impl fmt::Debug for TypeInfoRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.get(), f)
    }
}

/// Type descriptions sorted by name, looked up by name (a version's
/// `REGISTRY`, or a slice of [`TypeInfo`] references).
pub trait TypeLookup {
    /// The description of the type named `name`.
    fn lookup(&self, name: &str) -> Option<&TypeInfo>;
}

impl TypeLookup for [&TypeInfo] {
    fn lookup(&self, name: &str) -> Option<&TypeInfo> {
        self.binary_search_by(|t| t.name.cmp(name)).ok().and_then(|i| self.get(i).copied())
    }
}

impl TypeLookup for [&TypeInfoRef] {
    fn lookup(&self, name: &str) -> Option<&TypeInfo> {
        self.binary_search_by(|t| t.name().cmp(name)).ok().and_then(|i| self.get(i)).map(|t| t.get())
    }
}
