//! Runtime support for the generated endpoints and types: the request value
//! (`request.rs`), endpoint metadata and permissions as data (`endpoint.rs`),
//! and the JSON-backed model types (here).
//!
//! This file is copied verbatim into every generated crate.

pub use serde::{Deserialize, Serialize};
use serde_json::Map;
use std::fmt;

#[path = "endpoint.rs"]
mod endpoint;
pub use endpoint::*;

#[path = "describe.rs"]
mod describe;
pub use describe::*;

#[path = "request.rs"]
mod request;
pub use request::*;

#[path = "field.rs"]
mod field;
pub use field::*;

/// Host every request goes to unless the caller chooses another.
pub const BASE_URL: &str = "https://graph.microsoft.com";

/// The JSON object a model type wraps.
pub type JsonObject = Map<String, Value>;

/// Whether byte `b` stands for itself in a path segment (RFC 3986
/// unreserved characters, sub-delimiters, `:` and `@`); any other byte is
/// percent-encoded.
pub fn keep_in_segment(b: u8) -> bool {
    matches!(b, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':' | b'@')
}

/// Percent-encode a path parameter. `keep_slash` is set for parameters that
/// are paths themselves.
pub fn encode_param(value: &str, keep_slash: bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if keep_in_segment(b) || (keep_slash && b == b'/') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    out
}

/// The marker behind a model type: names its static description. Each
/// generated type `X` is `Object<kinds::X>`; the markers are never built.
pub trait Kind: 'static {
    /// The static description (decoded from its spec on first use).
    const INFO: &'static TypeInfoRef;
    /// The handles on the type's properties ([`Object::F`]).
    type Fields: sealed::FieldSet;
}

/// A model value: a JSON object typed by its marker `K`. Every property,
/// known or not, is kept, so a round trip never loses data. A type's
/// properties are read and set through its handles (`X::F`, see
/// `field.rs`); everything generic lives here, once, which keeps thousands
/// of types cheap to compile (docs/typed-operations.md).
#[repr(transparent)]
pub struct Object<K: Kind>(pub JsonObject, std::marker::PhantomData<fn() -> K>);

impl<K: Kind> Object<K> {
    /// An empty value: only the properties set afterwards are sent (a
    /// PATCH body changes exactly those).
    pub fn new() -> Self {
        Self::default()
    }

    /// View a JSON object as this type, without copying it.
    pub fn from_ref(object: &JsonObject) -> &Self {
        // SAFETY: `Object<K>` is `repr(transparent)` over `JsonObject` (the
        // other field is a zero-sized marker), so both have one layout and
        // the reference keeps the same lifetime.
        unsafe { &*(object as *const JsonObject as *const Self) }
    }

    /// [`Object::from_ref`], mutably.
    pub fn from_mut(object: &mut JsonObject) -> &mut Self {
        // SAFETY: as in `from_ref`.
        unsafe { &mut *(object as *mut JsonObject as *mut Self) }
    }

    /// Set a property (a generated setter is a call of this).
    pub fn set_property(&mut self, key: &str, value: impl IntoJson) -> &mut Self {
        self.0.insert(key.to_string(), value.into_json());
        self
    }

    /// Set a property to `null` (a PATCH clears it so).
    pub fn set_null(&mut self, key: &str) -> &mut Self {
        self.0.insert(key.to_string(), Value::Null);
        self
    }

    /// Set an instance annotation such as `@odata.type` or `@odata.bind`.
    pub fn set_annotation(&mut self, key: &str, value: impl IntoJson) -> &mut Self {
        self.set_property(key, value)
    }

    /// Remove a property, so that a PATCH does not send it.
    pub fn unset(&mut self, key: &str) -> &mut Self {
        self.0.remove(key);
        self
    }

    /// The same JSON viewed as another type (a derived type as its base,
    /// say, where an operation takes the base).
    pub fn into_type<K2: Kind>(self) -> Object<K2> {
        Object(self.0, std::marker::PhantomData)
    }

    /// The properties set, as JSON: what a request sends, nothing more.
    pub fn to_json(&self) -> Value {
        Value::Object(self.0.clone())
    }
}

/// A type derived from another: its value reads (and sets) the base type's
/// properties too, through `Deref` to the base.
pub trait Derived: Kind {
    /// The marker of the base type.
    type Base: Kind;
}

impl<K: Derived> std::ops::Deref for Object<K> {
    type Target = Object<K::Base>;

    fn deref(&self) -> &Object<K::Base> {
        Object::from_ref(&self.0)
    }
}

impl<K: Derived> std::ops::DerefMut for Object<K> {
    fn deref_mut(&mut self) -> &mut Object<K::Base> {
        Object::from_mut(&mut self.0)
    }
}

/// A JSON object body: a model value or an action's parameters.
pub trait Body {
    /// The JSON object sent.
    fn json_object(&self) -> &JsonObject;

    /// The JSON object sent, to change.
    fn json_object_mut(&mut self) -> &mut JsonObject;

    /// Send `key` as `null` (a parameter the operation takes as cleared).
    fn set_null(&mut self, key: &str) -> &mut Self
    where
        Self: Sized,
    {
        self.json_object_mut().insert(key.to_string(), Value::Null);
        self
    }

    /// Set an instance annotation such as `@odata.type` on the body.
    fn set_annotation(&mut self, key: &str, value: impl IntoJson) -> &mut Self
    where
        Self: Sized,
    {
        self.json_object_mut().insert(key.to_string(), value.into_json());
        self
    }
}

impl<K: Kind> Body for Object<K> {
    fn json_object(&self) -> &JsonObject {
        &self.0
    }

    fn json_object_mut(&mut self) -> &mut JsonObject {
        &mut self.0
    }
}

/// An action's JSON body: its parameters, sent with their documented
/// names. Each action's type is an alias, `XParameters =
/// Parameters<params::XParameters>` (the marker is never built), with
/// `new` taking the required parameters and a setter per optional one;
/// everything else is implemented here once.
pub struct Parameters<T>(pub JsonObject, std::marker::PhantomData<fn() -> T>);

impl<T> Body for Parameters<T> {
    fn json_object(&self) -> &JsonObject {
        &self.0
    }

    fn json_object_mut(&mut self) -> &mut JsonObject {
        &mut self.0
    }
}

impl<T> From<JsonObject> for Parameters<T> {
    fn from(object: JsonObject) -> Self {
        Parameters(object, std::marker::PhantomData)
    }
}

impl<T> Default for Parameters<T> {
    fn default() -> Self {
        Parameters(JsonObject::new(), std::marker::PhantomData)
    }
}

impl<T> Clone for Parameters<T> {
    fn clone(&self) -> Self {
        Parameters(self.0.clone(), std::marker::PhantomData)
    }
}

impl<T> PartialEq for Parameters<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<T> fmt::Debug for Parameters<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = std::any::type_name::<T>();
        f.debug_tuple(name.rsplit("::").next().unwrap_or(name)).field(&self.0).finish()
    }
}

/// Set a property of a JSON object (the parameters structs' setters).
pub fn put(o: &mut JsonObject, key: &str, value: impl IntoJson) {
    o.insert(key.to_string(), value.into_json());
}

/// A value a model setter takes.
pub trait IntoJson {
    /// The JSON value.
    fn into_json(self) -> Value;
}

impl IntoJson for &str {
    fn into_json(self) -> Value {
        Value::String(self.to_string())
    }
}

impl IntoJson for String {
    fn into_json(self) -> Value {
        Value::String(self)
    }
}

impl IntoJson for bool {
    fn into_json(self) -> Value {
        Value::Bool(self)
    }
}

impl IntoJson for i64 {
    fn into_json(self) -> Value {
        Value::from(self)
    }
}

impl IntoJson for f64 {
    fn into_json(self) -> Value {
        // NaN and infinities are written as OData writes them.
        match serde_json::Number::from_f64(self) {
            Some(n) => Value::Number(n),
            None if self.is_nan() => Value::String("NaN".into()),
            None => Value::String(if self > 0.0 { "INF" } else { "-INF" }.into()),
        }
    }
}

impl IntoJson for Value {
    fn into_json(self) -> Value {
        self
    }
}

impl<K: Kind> IntoJson for Object<K> {
    fn into_json(self) -> Value {
        Value::Object(self.0)
    }
}

impl<T: GraphEnum> IntoJson for T {
    fn into_json(self) -> Value {
        Value::String(self.as_str().to_string())
    }
}

impl<T: IntoJson> IntoJson for Vec<T> {
    fn into_json(self) -> Value {
        Value::Array(self.into_iter().map(IntoJson::into_json).collect())
    }
}

/// The model values of a collection property, borrowed (items that are not
/// JSON objects are passed over).
pub struct Objects<'a, K: Kind>(std::slice::Iter<'a, Value>, std::marker::PhantomData<fn() -> K>);

impl<'a, K: Kind> Iterator for Objects<'a, K> {
    type Item = &'a Object<K>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.by_ref().find_map(Value::as_object).map(Object::from_ref)
    }
}

/// The members of an enum collection property (items that are not strings
/// are passed over).
pub struct Enums<'a, T: GraphEnum>(std::slice::Iter<'a, Value>, std::marker::PhantomData<fn() -> T>);

impl<'a, T: GraphEnum> Iterator for Enums<'a, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        self.0.by_ref().find_map(Value::as_str).map(T::from_member)
    }
}

impl<K: Kind> Clone for Object<K> {
    fn clone(&self) -> Self {
        Object(self.0.clone(), std::marker::PhantomData)
    }
}

impl<K: Kind> Default for Object<K> {
    fn default() -> Self {
        Object(JsonObject::new(), std::marker::PhantomData)
    }
}

impl<K: Kind> PartialEq for Object<K> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<K: Kind> fmt::Debug for Object<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple(K::INFO.name).field(&self.0).finish()
    }
}

impl<K: Kind> From<JsonObject> for Object<K> {
    fn from(object: JsonObject) -> Self {
        Object(object, std::marker::PhantomData)
    }
}

impl<K: Kind> GraphType for Object<K> {
    fn info() -> &'static TypeInfo {
        K::INFO.get()
    }
    fn from_object(object: JsonObject) -> Self {
        Object(object, std::marker::PhantomData)
    }
    fn as_object(&self) -> &JsonObject {
        &self.0
    }
    fn as_object_mut(&mut self) -> &mut JsonObject {
        &mut self.0
    }
}

impl<K: Kind> Serialize for Object<K> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, K: Kind> Deserialize<'de> for Object<K> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        JsonObject::deserialize(d).map(|o| Object(o, std::marker::PhantomData))
    }
}

/// Whether `value` names type `T` or a type derived from it in its
/// `@odata.type` (polymorphism: a property typed as a base type may hold a
/// derived one, with all its fields kept).
pub fn is_a<T: GraphType>(value: &JsonObject, registry: &(impl TypeLookup + ?Sized)) -> bool {
    let Some(mut name) = value.get("@odata.type").and_then(Value::as_str).map(|s| s.trim_start_matches('#')) else {
        return false;
    };
    for _ in 0..64 {
        if name == T::info().name {
            return true;
        }
        match registry.lookup(name).and_then(|t| t.base) {
            Some(b) => name = b,
            None => return false,
        }
    }
    false
}

/// View a value as a derived type when its `@odata.type` says it is one.
pub fn downcast<T: GraphType>(value: &JsonObject, registry: &(impl TypeLookup + ?Sized)) -> Option<T> {
    is_a::<T>(value, registry).then(|| T::from_object(value.clone()))
}

/// A model type: a JSON object with a static description. Every property,
/// known or not, is kept, so a round trip never loses data.
pub trait GraphType: Sized {
    /// The static description.
    fn info() -> &'static TypeInfo;
    /// Wrap a JSON object.
    fn from_object(object: JsonObject) -> Self;
    /// The wrapped object.
    fn as_object(&self) -> &JsonObject;
    /// The wrapped object, mutably.
    fn as_object_mut(&mut self) -> &mut JsonObject;
}

/// A property whose value does not fit its declared type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// JSON pointer to the value.
    pub pointer: String,
    /// What was expected.
    pub expected: String,
    /// What was found.
    pub found: &'static str,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: expected {}, found {}", self.pointer, self.expected, self.found)
    }
}

/// The JSON kind of a value, as messages name it.
pub fn kind_name(v: &Value) -> &'static str {
    kind_of(v)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A type and its base types, nearest first (at most 64: a cycle in the
/// docs cannot loop forever).
fn ancestry<'a, R: TypeLookup + ?Sized>(registry: &'a R, info: &'a TypeInfo) -> impl Iterator<Item = &'a TypeInfo> + 'a {
    std::iter::successors(Some(info), move |t| t.base.and_then(|b| registry.lookup(b))).take(65)
}

fn find_field<'a, R: TypeLookup + ?Sized>(registry: &'a R, info: &'a TypeInfo, key: &str) -> Option<&'a FieldInfo> {
    ancestry(registry, info).find_map(|t| t.fields.iter().find(|f| f.json == key))
}

fn is_open(registry: &(impl TypeLookup + ?Sized), info: &TypeInfo) -> bool {
    ancestry(registry, info).any(|t| t.open)
}

/// Check a JSON value against a declared type, recursively. Properties not
/// declared are reported with `expected` = "a declared property"; an enum
/// value the enum does not list is reported too (it still round-trips).
pub fn check(value: &Value, ty: &str, collection: bool, registry: &(impl TypeLookup + ?Sized), pointer: &str, out: &mut Vec<Mismatch>) {
    check_with(value, ty, collection, registry, pointer, false, out, 0)
}

/// Check property names only, not values: for a type's JSON representation,
/// whose values are placeholders.
pub fn check_keys(value: &Value, ty: &str, collection: bool, registry: &(impl TypeLookup + ?Sized), pointer: &str, out: &mut Vec<Mismatch>) {
    check_with(value, ty, collection, registry, pointer, true, out, 0)
}

/// How deep [`check`] follows nested values (serde_json stops parsing at 128
/// levels; a `Value` built by hand could be deeper and overflow the stack).
pub const MAX_CHECK_DEPTH: usize = 256;

#[allow(clippy::too_many_arguments)]
fn check_with(
    value: &Value,
    ty: &str,
    collection: bool,
    registry: &(impl TypeLookup + ?Sized),
    pointer: &str,
    keys_only: bool,
    out: &mut Vec<Mismatch>,
    depth: usize,
) {
    if depth > MAX_CHECK_DEPTH {
        out.push(Mismatch { pointer: pointer.to_string(), expected: format!("at most {MAX_CHECK_DEPTH} levels of nesting"), found: "deeper nesting" });
        return;
    }
    if collection {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    check_with(item, ty, false, registry, &format!("{pointer}/{i}"), keys_only, out, depth + 1);
                }
            }
            Value::Null => {}
            other if !keys_only => out.push(Mismatch { pointer: pointer.to_string(), expected: format!("collection of {ty}"), found: kind_of(other) }),
            _ => {}
        }
        return;
    }
    if value.is_null() {
        return;
    }
    let ok = match ty {
        "Edm.Untyped" => true,
        "Edm.Boolean" => value.is_boolean(),
        "Edm.Int16" | "Edm.Int32" | "Edm.Int64" | "Edm.Byte" | "Edm.SByte" => value.is_i64() || value.is_u64(),
        "Edm.Double" | "Edm.Single" | "Edm.Decimal" => value.is_number() || value.as_str().is_some_and(|s| matches!(s, "NaN" | "INF" | "-INF")),
        t if t.starts_with("Edm.") => value.is_string(),
        t => match registry.lookup(t) {
            Some(info) if !info.members.is_empty() => match value.as_str() {
                Some(s) => {
                    // Flag enums join members with commas.
                    if !keys_only && s.split(',').map(str::trim).any(|m| !info.members.contains(&m)) {
                        out.push(Mismatch { pointer: pointer.to_string(), expected: format!("a member of {}", info.name), found: "unlisted enum value" });
                    }
                    true
                }
                None => false,
            },
            Some(info) => match value.as_object() {
                Some(obj) => {
                    // A derived type named by @odata.type replaces the declared one.
                    let actual =
                        obj.get("@odata.type").and_then(Value::as_str).map(|s| s.trim_start_matches('#')).and_then(|n| registry.lookup(n)).unwrap_or(info);
                    for (k, v) in obj {
                        if k.starts_with('@') || k.contains("@odata") {
                            continue;
                        }
                        let p = format!("{pointer}/{k}");
                        match find_field(registry, actual, k) {
                            Some(f) => check_with(v, f.ty, f.collection, registry, &p, keys_only, out, depth + 1),
                            None if is_open(registry, actual) => {}
                            None => {
                                out.push(Mismatch { pointer: p, expected: format!("a declared property of {}", actual.name), found: "undeclared property" })
                            }
                        }
                    }
                    true
                }
                None => false,
            },
            // Types defined nowhere are checked no further.
            None => true,
        },
    };
    if !ok && !keys_only {
        out.push(Mismatch { pointer: pointer.to_string(), expected: ty.to_string(), found: kind_of(value) });
    }
}

/// Deserialize `text` into `T`, check it against the registry, serialize it
/// again and compare with the original value. Used by the example tests.
pub fn round_trip<T: GraphType>(text: &str, collection: bool, registry: &(impl TypeLookup + ?Sized)) -> Result<(), String> {
    round_trip_with::<T>(text, collection, registry, false)
}

/// [`round_trip`] for a type's JSON representation: property names are
/// checked, values (placeholders) are not.
pub fn round_trip_keys<T: GraphType>(text: &str, collection: bool, registry: &(impl TypeLookup + ?Sized)) -> Result<(), String> {
    round_trip_with::<T>(text, collection, registry, true)
}

/// For an example that contradicts its type's pages (reported at generation
/// time as W101–W104): the type still keeps the body losslessly, and the
/// contradiction is really there (so the test fails once the docs or the
/// generator change what they say). `keys_only` is set for JSON
/// representations (their values are placeholders).
pub fn round_trip_inconsistent<T: GraphType>(text: &str, collection: bool, registry: &(impl TypeLookup + ?Sized), keys_only: bool) -> Result<(), String> {
    let mismatches = lossless::<T>(text, collection, registry, keys_only)?;
    if mismatches.is_empty() {
        return Err(format!("the example fits {} although the docs lint reported a contradiction", T::info().name));
    }
    Ok(())
}

fn round_trip_with<T: GraphType>(text: &str, collection: bool, registry: &(impl TypeLookup + ?Sized), keys_only: bool) -> Result<(), String> {
    let mismatches = lossless::<T>(text, collection, registry, keys_only)?;
    if !mismatches.is_empty() {
        let list: Vec<String> = mismatches.iter().map(ToString::to_string).collect();
        return Err(format!("does not fit {}: {}", T::info().name, list.join("; ")));
    }
    Ok(())
}

/// Deserialize every item of `text` into `T` and serialize it again; fail
/// unless each comes back identical. Returns what `check` finds against the
/// type's pages.
fn lossless<T: GraphType>(text: &str, collection: bool, registry: &(impl TypeLookup + ?Sized), keys_only: bool) -> Result<Vec<Mismatch>, String> {
    let original: Value = serde_json::from_str(text).map_err(|e| format!("example is not JSON: {e}"))?;
    let items: Vec<&Value> = match (collection, original.get("value")) {
        (true, Some(Value::Array(items))) => items.iter().collect(),
        _ => vec![&original],
    };
    let mut mismatches = Vec::new();
    for item in items {
        // Every model type deserializes as its JSON object (one serde
        // instantiation for all of them, not one per type).
        let object: JsonObject = serde_json::from_value(item.clone()).map_err(|e| format!("does not deserialize into {}: {e}", T::info().name))?;
        let typed = T::from_object(object);
        check_with(item, T::info().name, false, registry, "", keys_only, &mut mismatches, 0);
        let back = serde_json::to_value(typed.as_object()).map_err(|e| e.to_string())?;
        if &back != item {
            return Err(format!("round trip changed the value:\n{back}\n!=\n{item}"));
        }
    }
    Ok(mismatches)
}

/// Panic with the message of a failed check (the example tests' one line).
#[track_caller]
pub fn expect(result: Result<(), String>) {
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Compare an endpoint's success status with a documented response status.
pub fn check_status(endpoint: &Endpoint, status: u16) -> Result<(), String> {
    match endpoint.success_status {
        Some(s) if s == status => Ok(()),
        other => Err(format!("documented response status {status} differs from the endpoint's success status {other:?}")),
    }
}

/// Compare a built request with a documented example (method and path; path
/// segments compare case-insensitively, as the service treats them).
pub fn check_request<T>(req: &Request<T>, method: &str, path: &str) -> Result<(), String> {
    if req.method() != method {
        return Err(format!("method {} != documented {method}", req.method()));
    }
    if !req.path().eq_ignore_ascii_case(path) {
        return Err(format!("path {} != documented {path}", req.path()));
    }
    let http = req.to_http(BASE_URL).map_err(|e| format!("not a valid http::Request: {e}"))?;
    if http.method().as_str() != method {
        return Err(format!("http method {} != {method}", http.method()));
    }
    Ok(())
}

/// A model enum: named members plus an `Unknown(String)` variant for values
/// the docs did not list, so new service values never fail to deserialize.
pub trait GraphEnum: Sized {
    /// The static description (`members` lists the documented values).
    fn info() -> &'static TypeInfo;
    /// The member named `s`, or `Unknown(s)`.
    fn from_member(s: &str) -> Self;
    /// The value as it appears in JSON.
    fn as_str(&self) -> &str;
}

/// A generated enum's `Debug`: its JSON member, or `Unknown("...")` for a
/// value the docs do not list.
pub fn enum_debug(member: &str, unknown: bool, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if unknown {
        f.debug_tuple("Unknown").field(&member).finish()
    } else {
        f.write_str(member)
    }
}

/// Deserialize the string behind an enum value (borrowed when it can be).
pub fn enum_str<'de, D: Deserializer<'de>>(d: D) -> Result<std::borrow::Cow<'de, str>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = std::borrow::Cow<'de, str>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an enum member as a string")
        }
        fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Borrowed(v))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Owned(v.to_string()))
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Owned(v))
        }
    }
    d.deserialize_str(V)
}

pub use serde::{Deserializer, Serializer};
pub use serde_json::Value;
