//! Typed handles on the properties of model types.
//!
//! Each structured type `X` has a struct `XFields` with one public field per
//! property (its own and its base types'), reached as `X::F`:
//! `user.get(User::F.display_name)` reads a property, `user.set(User::F.display_name, "Ada")`
//! sets it, `User::F.display_name.name()` is its JSON name. A handle is a
//! zero-sized [`Field`]: the type that declares the property, the kind of
//! its value and its index in that type's field table. How a value of each
//! kind reads and is set is written once, here ([`FieldValue`]), so the
//! generated crate holds no function per property: a function body costs
//! the compiler far more than a struct field does.

use super::{Enums, GraphEnum, IntoJson, JsonObject, Kind, Object, Objects, Value};
use std::fmt;
use std::marker::PhantomData;

/// How the value of a property reads and is set: one impl per kind of value.
pub trait FieldValue {
    /// What reading the property gives, borrowed from the JSON where it can be.
    type Out<'a>;
    /// What setting the property takes.
    type In<'a>;
    /// The value read from its JSON (`None` when it is of another JSON kind).
    fn read(v: &Value) -> Option<Self::Out<'_>>;
    /// The JSON sent for a value.
    fn write(v: Self::In<'_>) -> Value;
}

/// Text (strings, date-times, durations, GUIDs, binary): read as `&str`, set from `&str`.
pub enum Text {}
/// `Edm.Boolean`.
pub enum Bool {}
/// Integers (`Edm.Int16` to `Edm.Int64`, `Edm.Byte`, `Edm.SByte`), as `i64`.
pub enum Int {}
/// `Edm.Double` and `Edm.Single`, as `f64`.
pub enum Float {}
/// A value kept as JSON: decimals (exact), untyped values, and types no page defines.
pub enum Json {}
/// A model type's value, borrowed when read.
pub struct One<K: Kind>(PhantomData<fn() -> K>);
/// A collection of model values: read as an iterator of borrowed values.
pub struct Many<K: Kind>(PhantomData<fn() -> K>);
/// A member of model enum `T`.
pub struct Member<T: GraphEnum>(PhantomData<fn() -> T>);
/// A collection of members of model enum `T`, read as an iterator.
pub struct Members<T: GraphEnum>(PhantomData<fn() -> T>);
/// A collection of scalars of kind `E` (text, numbers, JSON): read as the
/// JSON array, set from a `Vec` of owned values.
pub struct List<E: Scalar>(PhantomData<fn() -> E>);

/// A kind of scalar a [`List`] holds.
pub trait Scalar {
    /// The owned value a list is set from.
    type Owned: IntoJson;
}

impl Scalar for Text {
    type Owned = String;
}
impl Scalar for Bool {
    type Owned = bool;
}
impl Scalar for Int {
    type Owned = i64;
}
impl Scalar for Float {
    type Owned = f64;
}
impl Scalar for Json {
    type Owned = Value;
}

impl FieldValue for Text {
    type Out<'a> = &'a str;
    type In<'a> = &'a str;
    fn read(v: &Value) -> Option<&str> {
        v.as_str()
    }
    fn write(v: &str) -> Value {
        v.into_json()
    }
}

/// The JSON scalars read by copy: `bool`, `i64`, `f64`.
macro_rules! copy_scalar {
    ($($kind:ty => $t:ty, $as:ident;)*) => {$(
        impl FieldValue for $kind {
            type Out<'a> = $t;
            type In<'a> = $t;
            fn read(v: &Value) -> Option<$t> {
                v.$as()
            }
            fn write(v: $t) -> Value {
                v.into_json()
            }
        }
    )*};
}

copy_scalar! {
    Bool => bool, as_bool;
    Int => i64, as_i64;
    Float => f64, as_f64;
}

impl FieldValue for Json {
    type Out<'a> = &'a Value;
    type In<'a> = Value;
    fn read(v: &Value) -> Option<&Value> {
        Some(v)
    }
    fn write(v: Value) -> Value {
        v
    }
}

impl<K: Kind> FieldValue for One<K> {
    type Out<'a> = &'a Object<K>;
    type In<'a> = Object<K>;
    fn read(v: &Value) -> Option<&Object<K>> {
        v.as_object().map(Object::from_ref)
    }
    fn write(v: Object<K>) -> Value {
        v.into_json()
    }
}

impl<K: Kind> FieldValue for Many<K> {
    type Out<'a> = Objects<'a, K>;
    type In<'a> = Vec<Object<K>>;
    fn read(v: &Value) -> Option<Objects<'_, K>> {
        Some(Objects(v.as_array()?.iter(), PhantomData))
    }
    fn write(v: Vec<Object<K>>) -> Value {
        v.into_json()
    }
}

impl<T: GraphEnum> FieldValue for Member<T> {
    type Out<'a> = T;
    type In<'a> = T;
    fn read(v: &Value) -> Option<T> {
        v.as_str().map(T::from_member)
    }
    fn write(v: T) -> Value {
        v.into_json()
    }
}

impl<T: GraphEnum> FieldValue for Members<T> {
    type Out<'a> = Enums<'a, T>;
    type In<'a> = Vec<T>;
    fn read(v: &Value) -> Option<Enums<'_, T>> {
        Some(Enums(v.as_array()?.iter(), PhantomData))
    }
    fn write(v: Vec<T>) -> Value {
        v.into_json()
    }
}

impl<E: Scalar> FieldValue for List<E> {
    type Out<'a> = &'a Vec<Value>;
    type In<'a> = Vec<E::Owned>;
    fn read(v: &Value) -> Option<&Vec<Value>> {
        v.as_array()
    }
    fn write(v: Vec<E::Owned>) -> Value {
        v.into_json()
    }
}

/// The handle on property number `I` of model type `K` (its field table,
/// [`super::TypeInfo::fields`]), whose value is of kind `V`. Zero-sized.
pub struct Field<K: Kind, V: FieldValue, const I: usize>(PhantomData<fn() -> (K, V)>);

impl<K: Kind, V: FieldValue, const I: usize> Field<K, V, I> {
    /// The property's JSON name (what `$select`, `$orderby` and `$filter` name).
    pub fn name(self) -> &'static str {
        K::INFO.get().fields.get(I).map_or("", |f| f.json)
    }

    /// The property's description: JSON name, type, collection, nullable.
    pub fn info(self) -> Option<&'static super::FieldInfo> {
        K::INFO.get().fields.get(I)
    }
}

impl<K: Kind, V: FieldValue, const I: usize> Clone for Field<K, V, I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Kind, V: FieldValue, const I: usize> Copy for Field<K, V, I> {}

impl<K: Kind, V: FieldValue, const I: usize> fmt::Debug for Field<K, V, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", K::INFO.name(), self.name())
    }
}

/// The step of [`IsA`] where the type itself declares the property.
pub enum Here {}
/// The step of [`IsA`] that goes to the base type.
pub struct Up<P>(PhantomData<fn() -> P>);

/// `Self` is model type `A` or is derived from it, so it has `A`'s
/// properties. `P` is the path up the chain of bases, worked out by the
/// compiler (a type derives from a given base at most once).
#[diagnostic::on_unimplemented(message = "this model type has no property of `{A}`", label = "a handle of another type's property")]
pub trait IsA<A: Kind, P>: Kind {}

impl<K: Kind> IsA<K, Here> for K {}

impl<K: super::Derived, A: Kind, P> IsA<A, Up<P>> for K where K::Base: IsA<A, P> {}

/// The property handles of a model type (the generated `fields::X`
/// structs): a struct of zero-sized [`Field`]s and nothing else. Only this
/// crate can implement it (the trait cannot be named outside it), which is
/// what makes [`Object::F`] sound. (Where the generated code is included
/// into another crate, a single-file bundle, that crate must not implement
/// it either.)
#[doc(hidden)]
pub(crate) mod sealed {
    /// Implemented by the generated handle structs (and [`super::NoFields`]) only.
    pub trait FieldSet: Sized + 'static {}
}

/// The handles of a type without properties.
#[derive(Clone, Copy, Debug)]
pub struct NoFields {}

impl sealed::FieldSet for NoFields {}

/// A value of a handle set, out of nothing.
const fn handles<T: sealed::FieldSet>() -> T {
    const { assert!(std::mem::size_of::<T>() == 0, "a handle set is zero-sized") };
    // SAFETY: `T` is zero-sized (asserted above, at compile time), so there
    // are no bytes to initialise. `sealed::FieldSet` cannot be named, so
    // not implemented, outside this crate: `T` is a handle struct this crate
    // generated (or `NoFields`), whose fields are `Field`s, `PhantomData`
    // only, with no invariant to uphold (any `Field` value may exist; its
    // type alone says what it is).
    unsafe { std::mem::zeroed() }
}

impl<K: Kind> Object<K> {
    /// The handles on this type's properties, one field each
    /// (`User::F.display_name`).
    pub const F: K::Fields = handles::<K::Fields>();

    /// Read a property: `user.get(User::F.display_name)` is `Option<&str>`.
    /// `None` when the property is absent or of another JSON kind.
    pub fn get<A: Kind, V: FieldValue, P, const I: usize>(&self, field: Field<A, V, I>) -> Option<V::Out<'_>>
    where
        K: IsA<A, P>,
    {
        self.0.get(field.name()).and_then(V::read)
    }

    /// Set a property: `user.set(User::F.display_name, "Ada")`. Chains.
    pub fn set<A: Kind, V: FieldValue, P, const I: usize>(&mut self, field: Field<A, V, I>, value: V::In<'_>) -> &mut Self
    where
        K: IsA<A, P>,
    {
        self.0.insert(field.name().to_string(), V::write(value));
        self
    }

    /// Whether a property is present (`null` counts as present).
    pub fn has<A: Kind, V: FieldValue, P, const I: usize>(&self, field: Field<A, V, I>) -> bool
    where
        K: IsA<A, P>,
    {
        self.0.contains_key(field.name())
    }
}

/// Read property `key` of a JSON object as a value of kind `V` (what
/// [`Object::get`] does, for an object not typed by a model type).
pub fn read<'a, V: FieldValue>(o: &'a JsonObject, key: &str) -> Option<V::Out<'a>> {
    o.get(key).and_then(V::read)
}
