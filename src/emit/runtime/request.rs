//! The request value typed by its response, its query and header builders,
//! and the decoding of responses (success bodies and Graph errors).
//!
//! Everything here is generic and written once: an endpoint function only
//! names its response type, so thousands of endpoints cost a line each.
//! Decoding never panics, whatever the bytes.
// A Graph error carries its code, message and request ids by value: errors
// are the rare path, and boxing them would cost every caller a deref.
#![allow(clippy::result_large_err)]

use super::{Body, Endpoint, GraphEnum, Kind, Object, PathInfo, Permissions, Serialize, Value, BASE_URL};
use serde_json::Map;
use std::fmt;
use std::marker::PhantomData;

/// A request ready to send: method, path, query, headers and body,
/// independent of any HTTP client; `T` is what a successful response
/// decodes into ([`Request::decode`]). Converts into `http::Request<Vec<u8>>`.
pub struct Request<T = ()> {
    endpoint: &'static Endpoint,
    path_index: usize,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    next_link: Option<String>,
    response: PhantomData<fn() -> T>,
}

impl<T> Clone for Request<T> {
    fn clone(&self) -> Self {
        Request {
            endpoint: self.endpoint,
            path_index: self.path_index,
            path: self.path.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            next_link: self.next_link.clone(),
            response: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("endpoint", &self.endpoint.name)
            .field("method", &self.endpoint.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body", &self.body.as_deref().map(String::from_utf8_lossy))
            .field("next_link", &self.next_link)
            .finish()
    }
}

impl<T> PartialEq for Request<T> {
    fn eq(&self, o: &Self) -> bool {
        std::ptr::eq(self.endpoint, o.endpoint)
            && (self.path_index, &self.path, &self.query, &self.headers, &self.body, &self.next_link)
                == (o.path_index, &o.path, &o.query, &o.headers, &o.body, &o.next_link)
    }
}

impl<T> Eq for Request<T> {}

impl<T> Request<T> {
    /// A request for `endpoint`'s first path, already percent-encoded.
    pub fn new(endpoint: &'static Endpoint, path: String) -> Self {
        Self::on_path(endpoint, 0, path)
    }

    /// A request for `endpoint`'s path number `path_index`, its parameters
    /// `args` percent-encoded into the path (what every endpoint function
    /// does; an argument missing is empty).
    pub fn build(endpoint: &'static Endpoint, path_index: usize, args: &[&str]) -> Self {
        let mut path = String::new();
        if let Some(info) = endpoint.paths.get(path_index) {
            for (i, piece) in info.pieces.iter().enumerate() {
                if i > 0 {
                    let arg = args.get(i - 1).copied().unwrap_or("");
                    let keep_slash = i - 1 < 64 && info.keep_slash & (1 << (i - 1)) != 0;
                    path.push_str(&super::encode_param(arg, keep_slash));
                }
                path.push_str(piece);
            }
        }
        Self::on_path(endpoint, path_index, path)
    }

    /// A request for `endpoint`'s path number `path_index` (see [`Endpoint::paths`]).
    pub fn on_path(endpoint: &'static Endpoint, path_index: usize, path: String) -> Self {
        Request { endpoint, path_index, path, query: Vec::new(), headers: Vec::new(), body: None, next_link: None, response: PhantomData }
    }

    /// The operation this request calls.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// The documented path this request uses.
    pub fn path_info(&self) -> Option<&'static PathInfo> {
        self.endpoint.paths.get(self.path_index)
    }

    /// The permissions governing the path this request uses: the path's own
    /// table when the page has one per path, else the operation's (`None`
    /// when the path has scenarios instead, or no readable table).
    pub fn path_permissions(&self) -> Option<&'static Permissions> {
        self.endpoint.path_permissions(self.path_index)
    }

    /// The HTTP method.
    pub fn method(&self) -> &'static str {
        self.endpoint.method
    }

    /// The percent-encoded path, without version or query.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Query parameters added so far, not encoded.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// Headers added so far.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The body, if one was set.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// Add a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Add a query parameter (encoded when the URI is built). Every OData
    /// option has a typed method too ([`Request::select`], ...).
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Set a JSON body and its content type.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self, serde_json::Error> {
        self.body = Some(serde_json::to_vec(body)?);
        self.headers.push(("Content-Type".into(), "application/json".into()));
        Ok(self)
    }

    /// Set a model value or parameters struct as the JSON body.
    pub fn with_body<B: Body>(self, body: &B) -> Self {
        self.with_json_object(body.json_object())
    }

    /// Set a collection of model values as the JSON body (a JSON array).
    pub fn with_bodies<K: Kind>(mut self, body: &[Object<K>]) -> Self {
        let items: Vec<&Map<String, Value>> = body.iter().map(|o| &o.0).collect();
        // Serialising a JSON map into memory cannot fail.
        self.body = Some(serde_json::to_vec(&items).unwrap_or_default());
        self.headers.push(("Content-Type".into(), "application/json".into()));
        self
    }

    /// Set any JSON value as the body (a type the docs define nowhere).
    pub fn with_json_value(mut self, body: &Value) -> Self {
        self.body = Some(serde_json::to_vec(body).unwrap_or_default());
        self.headers.push(("Content-Type".into(), "application/json".into()));
        self
    }

    fn with_json_object(mut self, body: &Map<String, Value>) -> Self {
        self.body = Some(serde_json::to_vec(body).unwrap_or_default());
        self.headers.push(("Content-Type".into(), "application/json".into()));
        self
    }

    /// Set raw content (an upload) with its content type.
    pub fn with_content(mut self, content_type: &str, bytes: Vec<u8>) -> Self {
        self.body = Some(bytes);
        self.headers.push(("Content-Type".into(), content_type.into()));
        self
    }

    /// `$select`: the properties to return.
    pub fn select(self, properties: &[&str]) -> Self {
        self.query("$select", properties.join(","))
    }

    /// `$expand`: the relationships to return inline (each item may carry
    /// its own options: `members($select=id)`).
    pub fn expand(self, relationships: &[&str]) -> Self {
        self.query("$expand", relationships.join(","))
    }

    /// `$filter`: an OData filter expression.
    pub fn filter(self, expression: &str) -> Self {
        self.query("$filter", expression)
    }

    /// `$search`: a search expression, quotes included (`"displayName:ab"`).
    pub fn search(self, expression: &str) -> Self {
        self.query("$search", expression)
    }

    /// `$orderby`: properties, each optionally followed by ` asc` or ` desc`.
    pub fn orderby(self, properties: &[&str]) -> Self {
        self.query("$orderby", properties.join(","))
    }

    /// `$top`: the page size.
    pub fn top(self, n: u64) -> Self {
        self.query("$top", n.to_string())
    }

    /// `$skip`: items to skip.
    pub fn skip(self, n: u64) -> Self {
        self.query("$skip", n.to_string())
    }

    /// `$count`: include the total count (`@odata.count`).
    pub fn count(self, on: bool) -> Self {
        self.query("$count", if on { "true" } else { "false" })
    }

    /// `$format`: the response's format.
    pub fn format(self, format: &str) -> Self {
        self.query("$format", format)
    }

    /// `$skiptoken`: the token of a page (normally read from a next link).
    pub fn skiptoken(self, token: &str) -> Self {
        self.query("$skiptoken", token)
    }

    /// `$deltatoken`: the state of a delta query (normally read from a delta link).
    pub fn deltatoken(self, token: &str) -> Self {
        self.query("$deltatoken", token)
    }

    /// `ConsistencyLevel: eventual` (advanced queries on directory objects).
    pub fn consistency_level_eventual(self) -> Self {
        self.header("ConsistencyLevel", "eventual")
    }

    /// `Prefer`: a preference such as `outlook.timezone="..."`.
    pub fn prefer(self, preference: &str) -> Self {
        self.header("Prefer", preference)
    }

    /// `If-Match`: an entity tag the resource must have.
    pub fn if_match(self, etag: &str) -> Self {
        self.header("If-Match", etag)
    }

    /// `If-None-Match`: an entity tag the resource must not have.
    pub fn if_none_match(self, etag: &str) -> Self {
        self.header("If-None-Match", etag)
    }

    /// Follow an `@odata.nextLink` (or `@odata.deltaLink`): the link replaces
    /// path and query; method, headers and response type stay.
    pub fn with_next_link(mut self, url: &str) -> Self {
        self.next_link = Some(url.to_string());
        self
    }

    /// The full URI against `base` (e.g. [`BASE_URL`]); a next link is used as it is.
    pub fn uri(&self, base: &str) -> String {
        if let Some(link) = &self.next_link {
            return link.clone();
        }
        let mut uri = format!("{}/{}{}", base.trim_end_matches('/'), self.endpoint.version, self.path);
        for (i, (k, v)) in self.query.iter().enumerate() {
            uri.push(if i == 0 { '?' } else { '&' });
            uri.push_str(&encode_query(k));
            uri.push('=');
            uri.push_str(&encode_query(v));
        }
        uri
    }

    /// Build an `http::Request` against `base`.
    pub fn to_http(&self, base: &str) -> Result<http::Request<Vec<u8>>, http::Error> {
        let mut b = http::Request::builder().method(self.endpoint.method).uri(self.uri(base));
        for (k, v) in &self.headers {
            b = b.header(k.as_str(), v.as_str());
        }
        b.body(self.body.clone().unwrap_or_default())
    }
}

impl<T: FromResponse> Request<T> {
    /// Decode a response to this request: a success status gives `T`, any
    /// other status the Graph error it carries. Never panics.
    pub fn decode(&self, status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<T, ResponseError> {
        decode(status, headers, body)
    }
}

/// [`Request::decode`] without a request.
pub fn decode<T: FromResponse>(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<T, ResponseError> {
    if !(200..300).contains(&status) {
        return Err(graph_error(status, headers, body));
    }
    T::from_response(status, headers, body)
}

impl<T> TryFrom<Request<T>> for http::Request<Vec<u8>> {
    type Error = http::Error;

    fn try_from(r: Request<T>) -> Result<Self, Self::Error> {
        r.to_http(BASE_URL)
    }
}

pub(crate) fn encode_query(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$'()*,;:@/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `innerError` of a Graph error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InnerError {
    /// `request-id`.
    pub request_id: Option<String>,
    /// `client-request-id`.
    pub client_request_id: Option<String>,
    /// `date`, as sent.
    pub date: Option<String>,
}

/// The error a Graph response carries (`{"error": {"code", "message", "innerError"}}`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GraphError {
    /// HTTP status.
    pub status: u16,
    /// `code` (`Request_ResourceNotFound`, ...).
    pub code: String,
    /// `message`.
    pub message: String,
    /// `innerError`, when present.
    pub inner_error: Option<InnerError>,
}

/// Why a response did not give the value a request is typed by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponseError {
    /// The service answered with an error.
    Graph(GraphError),
    /// The body could not be read as the expected type (or, for an error
    /// status, as a Graph error).
    Undecodable {
        /// HTTP status.
        status: u16,
        /// What was wrong.
        reason: String,
    },
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)?;
        if let Some(id) = self.inner_error.as_ref().and_then(|i| i.request_id.as_deref()) {
            write!(f, " (request-id {id})")?;
        }
        Ok(())
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Graph(e) => e.fmt(f),
            ResponseError::Undecodable { status, reason } => write!(f, "status {status}: undecodable response: {reason}"),
        }
    }
}

impl std::error::Error for GraphError {}
impl std::error::Error for ResponseError {}

fn undecodable(status: u16, reason: impl Into<String>) -> ResponseError {
    ResponseError::Undecodable { status, reason: reason.into() }
}

fn text_of(o: &Map<String, Value>, key: &str) -> Option<String> {
    o.get(key).and_then(Value::as_str).map(str::to_string)
}

/// The Graph error in an error response's body.
fn graph_error(status: u16, headers: &http::HeaderMap, body: &[u8]) -> ResponseError {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let Some(error) = parsed.as_ref().and_then(|v| v.get("error")).and_then(Value::as_object) else {
        return undecodable(status, format!("error status without a Graph error body ({})", describe(headers, body)));
    };
    let inner = error.get("innerError").or_else(|| error.get("innererror")).and_then(Value::as_object).map(|i| InnerError {
        request_id: text_of(i, "request-id"),
        client_request_id: text_of(i, "client-request-id"),
        date: text_of(i, "date"),
    });
    ResponseError::Graph(GraphError {
        status,
        code: text_of(error, "code").unwrap_or_default(),
        message: text_of(error, "message").unwrap_or_default(),
        inner_error: inner,
    })
}

/// A short description of a body that could not be read.
fn describe(headers: &http::HeaderMap, body: &[u8]) -> String {
    let ty = headers.get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("no content type");
    format!("{} bytes, {ty}", body.len())
}

/// What a successful response decodes into.
pub trait FromResponse: Sized {
    /// Decode a success response. Never panics.
    fn from_response(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<Self, ResponseError>;

    /// [`FromResponse::from_response`] of a success response with a JSON
    /// body that is read already: the same result as decoding its text.
    fn from_json_response(status: u16, body: Value) -> Result<Self, ResponseError> {
        Self::from_response(status, &json_headers(), &serde_json::to_vec(&body).unwrap_or_default())
    }
}

/// The headers of a response with a JSON body.
fn json_headers() -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    headers
}

/// A value read from JSON: a model type, an enum, a primitive.
pub trait FromJson: Sized {
    /// Read the value.
    fn from_json(value: Value) -> Result<Self, String>;

    /// Read the value as a whole response body (a primitive arrives
    /// wrapped as `{"value": ...}`).
    fn from_body(value: Value) -> Result<Self, String> {
        Self::from_json(value)
    }
}

impl<T: FromJson> FromResponse for T {
    fn from_response(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<Self, ResponseError> {
        let value: Value = serde_json::from_slice(body).map_err(|e| undecodable(status, format!("not JSON ({}): {e}", describe(headers, body))))?;
        Self::from_json_response(status, value)
    }

    fn from_json_response(status: u16, body: Value) -> Result<Self, ResponseError> {
        T::from_body(body).map_err(|e| undecodable(status, e))
    }
}

/// No body expected: whatever comes is ignored.
impl FromResponse for () {
    fn from_response(_: u16, _: &http::HeaderMap, _: &[u8]) -> Result<Self, ResponseError> {
        Ok(())
    }
}

/// Raw content (a download), with its content type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bytes {
    /// The `Content-Type` header, when sent.
    pub content_type: Option<String>,
    /// The body.
    pub bytes: Vec<u8>,
}

impl FromResponse for Bytes {
    fn from_response(_: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<Self, ResponseError> {
        let content_type = headers.get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
        Ok(Bytes { content_type, bytes: body.to_vec() })
    }
}

/// One page of a collection: the items, the link to the next page, the
/// count when asked for (`$count=true`), and every other property as sent.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The items.
    pub value: Vec<T>,
    /// `@odata.nextLink`: pass it to [`Request::with_next_link`].
    pub next_link: Option<String>,
    /// `@odata.count`.
    pub count: Option<i64>,
    /// Every other property (`@odata.context`, `@odata.deltaLink`, ...).
    pub extra: Map<String, Value>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { value: Vec::new(), next_link: None, count: None, extra: Map::new() }
    }
}

impl<T: FromJson> FromResponse for Page<T> {
    fn from_response(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<Self, ResponseError> {
        let value: Value = serde_json::from_slice(body).map_err(|e| undecodable(status, format!("not JSON ({}): {e}", describe(headers, body))))?;
        Self::from_json_response(status, value)
    }

    fn from_json_response(status: u16, body: Value) -> Result<Self, ResponseError> {
        Page::from_value(body).map_err(|e| undecodable(status, e))
    }
}

impl<T: FromJson> Page<T> {
    /// Read a collection body (`{"value": [...], ...}`).
    pub fn from_value(value: Value) -> Result<Self, String> {
        let Value::Object(mut extra) = value else {
            return Err(format!("expected a collection object, found {}", super::kind_of(&value)));
        };
        let items = match extra.remove("value") {
            Some(Value::Array(items)) => items,
            Some(other) => return Err(format!("`value` is {}, not an array", super::kind_of(&other))),
            None => return Err("no `value` array".to_string()),
        };
        let value = items.into_iter().enumerate().map(|(i, v)| T::from_json(v).map_err(|e| format!("/value/{i}: {e}"))).collect::<Result<Vec<T>, String>>()?;
        let next_link = match extra.remove("@odata.nextLink") {
            Some(Value::String(s)) => Some(s),
            Some(other) => return Err(format!("`@odata.nextLink` is {}", super::kind_of(&other))),
            None => None,
        };
        let count = match extra.remove("@odata.count") {
            Some(v) => Some(v.as_i64().ok_or_else(|| format!("`@odata.count` is {}", super::kind_of(&v)))?),
            None => None,
        };
        Ok(Page { value, next_link, count, extra })
    }
}

impl<K: Kind> FromJson for Object<K> {
    fn from_json(value: Value) -> Result<Self, String> {
        match value {
            Value::Object(o) => Ok(Object(o, PhantomData)),
            other => Err(format!("expected a {} object, found {}", K::INFO.name, super::kind_of(&other))),
        }
    }
}

/// A primitive returned by a function arrives as `{"value": x}`.
fn unwrap_value(value: Value) -> Value {
    match value {
        Value::Object(mut o) if o.contains_key("value") => o.remove("value").unwrap_or(Value::Null),
        other => other,
    }
}

macro_rules! primitive {
    ($t:ty, $name:literal, $read:expr) => {
        impl FromJson for $t {
            fn from_json(value: Value) -> Result<Self, String> {
                let read: fn(&Value) -> Option<$t> = $read;
                read(&value).ok_or_else(|| format!("expected {}, found {}", $name, super::kind_of(&value)))
            }
            fn from_body(value: Value) -> Result<Self, String> {
                Self::from_json(unwrap_value(value))
            }
        }
    };
}

primitive!(String, "a string", |v| v.as_str().map(str::to_string));
primitive!(bool, "a boolean", Value::as_bool);
primitive!(i64, "an integer", Value::as_i64);
primitive!(f64, "a number", |v| v.as_f64().or_else(|| v.as_str().and_then(|s| s.replace("INF", "inf").parse().ok())));

impl FromJson for Value {
    fn from_json(value: Value) -> Result<Self, String> {
        Ok(value)
    }
}

impl<T: GraphEnum> FromJson for T {
    fn from_json(value: Value) -> Result<Self, String> {
        match value.as_str() {
            Some(s) => Ok(T::from_member(s)),
            None => Err(format!("expected a member of {}, found {}", T::info().name, super::kind_of(&value))),
        }
    }
    fn from_body(value: Value) -> Result<Self, String> {
        Self::from_json(unwrap_value(value))
    }
}

/// The marker of a model value of no particular type (the generator checks
/// response examples with it).
pub enum AnyKind {}

static ANY_INFO: super::TypeInfo = super::TypeInfo { name: "any", base: None, members: &[], fields: &[], open: true };

static ANY_INFO_REF: super::TypeInfoRef = super::TypeInfoRef::of(&ANY_INFO);

impl Kind for AnyKind {
    const INFO: &'static super::TypeInfoRef = &ANY_INFO_REF;
    type Fields = super::NoFields;
}

/// An enum value of no particular type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnyEnum(pub String);

impl GraphEnum for AnyEnum {
    fn info() -> &'static super::TypeInfo {
        &ANY_INFO
    }
    fn from_member(s: &str) -> Self {
        AnyEnum(s.to_string())
    }
    fn as_str(&self) -> &str {
        &self.0
    }
}

/// The kind of Rust type a response decodes into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `()`.
    Nothing,
    /// [`Bytes`].
    Bytes,
    /// `bool`.
    Bool,
    /// `i64`.
    Int,
    /// `f64`.
    Float,
    /// `String`.
    Text,
    /// [`Value`].
    Json,
    /// A model type.
    Object,
    /// A model enum.
    Enum,
    /// A [`Page`] of items.
    Page(Box<Shape>),
}

/// A response body a [`Shape`] is checked against.
enum Received<'a> {
    /// The body as sent, with its status.
    Text(u16, &'a [u8]),
    /// The JSON body of a `200 OK`, read already.
    Json(Value),
}

fn decoded<T: FromResponse>(body: Received) -> Result<(), String> {
    let decoded = match body {
        Received::Text(status, body) => decode::<T>(status, &json_headers(), body),
        Received::Json(value) => T::from_json_response(200, value),
    };
    decoded.map(|_| ()).map_err(|e| e.to_string())
}

/// Whether `body` decodes as a type of this shape: the same decoder as
/// [`Request::decode`] with that type.
pub fn decodes_as(shape: &Shape, status: u16, body: &[u8]) -> Result<(), String> {
    shape_decodes(shape, Received::Text(status, body))
}

/// [`decodes_as`] of a `200 OK` whose JSON body is read already (the
/// generator's examples): the same result as decoding the body's text.
pub fn json_decodes_as(shape: &Shape, body: Value) -> Result<(), String> {
    shape_decodes(shape, Received::Json(body))
}

fn shape_decodes(shape: &Shape, body: Received) -> Result<(), String> {
    match shape {
        Shape::Nothing => decoded::<()>(body),
        Shape::Bytes => decoded::<Bytes>(body),
        Shape::Bool => decoded::<bool>(body),
        Shape::Int => decoded::<i64>(body),
        Shape::Float => decoded::<f64>(body),
        Shape::Text => decoded::<String>(body),
        Shape::Json => decoded::<Value>(body),
        Shape::Object => decoded::<Object<AnyKind>>(body),
        Shape::Enum => decoded::<AnyEnum>(body),
        Shape::Page(item) => match **item {
            Shape::Bool => decoded::<Page<bool>>(body),
            Shape::Int => decoded::<Page<i64>>(body),
            Shape::Float => decoded::<Page<f64>>(body),
            Shape::Text => decoded::<Page<String>>(body),
            Shape::Object => decoded::<Page<Object<AnyKind>>>(body),
            Shape::Enum => decoded::<Page<AnyEnum>>(body),
            _ => decoded::<Page<Value>>(body),
        },
    }
}

/// Decode a documented response through a request's typed response (the
/// example tests' check).
pub fn decodes<T: FromResponse>(_req: &Request<T>, status: u16, body: &str) -> Result<(), String> {
    decoded::<T>(Received::Text(status, body.as_bytes())).map_err(|e| format!("the documented response does not decode: {e}"))
}

/// A JSON value from its text (`null` if it is not JSON).
pub fn json_value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// JSON equality where numbers compare by value (`1` equals `1.0`).
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w))),
        _ => a == b,
    }
}

/// Compare a value with a documented JSON text.
pub fn check_json(actual: &Value, expected: &str) -> Result<(), String> {
    let want: Value = serde_json::from_str(expected).map_err(|e| format!("documented JSON is not JSON: {e}"))?;
    if json_eq(actual, &want) {
        Ok(())
    } else {
        Err(format!("rebuilt JSON differs:\n{actual}\n!=\n{want}"))
    }
}

/// Compare a request's body with a documented JSON body.
pub fn check_body<T>(req: &Request<T>, expected: &str) -> Result<(), String> {
    let body = req.body().ok_or("the request has no body")?;
    let actual: Value = serde_json::from_slice(body).map_err(|e| format!("the request body is not JSON: {e}"))?;
    check_json(&actual, expected)
}

/// Compare a request's query with a documented one (decoded pairs, in order).
pub fn check_query<T>(req: &Request<T>, expected: &[(&str, &str)]) -> Result<(), String> {
    let got: Vec<(&str, &str)> = req.query_pairs().iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    // OData option names are case-insensitive (`$orderBy` is `$orderby`),
    // and Graph takes them without their `$` too.
    let name = |n: &str| n.strip_prefix('$').unwrap_or(n).to_ascii_lowercase();
    let same = got.len() == expected.len() && got.iter().zip(expected).all(|(g, e)| name(g.0) == name(e.0) && g.1 == e.1);
    if same {
        Ok(())
    } else {
        Err(format!("query {got:?} != documented {expected:?}"))
    }
}
