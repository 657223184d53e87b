//! The intermediate model: plain data between parsing and emitting.
//!
//! `parse` prints it as JSON (see `spec/model.md`); `emit` reads nothing else.
//! Every name the emitted code uses is settled here, in [`lower`], so the
//! emitter never invents one.

pub mod binding;
pub mod check;
pub mod endpoints;
pub mod examples;
pub mod exchanges;
pub mod infer;
pub mod lint;
pub mod lower;
pub mod naming;
pub mod operations;
pub mod permissions;
pub mod resource;
pub mod template;
pub mod type_table;
pub mod types;

/// Read by the parser and kept by the model as they are.
pub use crate::parse::facts::{PageKind, Permission, Permissions, Shared};

use crate::diag::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use type_table::TypeId;

/// Version of the model JSON layout.
pub const SCHEMA: u32 = 2;

/// The whole API as read from one docs tree.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Api {
    /// Layout version of this JSON.
    pub schema: u32,
    /// The docs folder as given.
    pub docs: String,
    /// Every page read, sorted by path.
    pub pages: Vec<PageInfo>,
    /// Every endpoint, sorted by page then position.
    pub endpoints: Vec<Endpoint>,
    /// Every type, sorted by version then name.
    pub types: Vec<TypeDef>,
    /// Every example, sorted by page then line.
    pub examples: Vec<Example>,
    /// Every diagnostic, sorted by page then position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Api {
    /// Free the model on the worker threads, in parallel. Its memory was
    /// allocated there (pages are lowered on the workers), and the allocator
    /// frees a block fastest on the thread that owns it: dropped on the main
    /// thread at the end of a run, the model took about 50 ms of one core,
    /// two thirds of it in the allocator's cross-thread path.
    pub fn free(self) {
        use rayon::prelude::*;
        let Api { pages, endpoints, types, examples, diagnostics, .. } = self;
        rayon::join(
            || rayon::join(|| endpoints.into_par_iter().for_each(drop), || types.into_par_iter().for_each(drop)),
            || rayon::join(|| examples.into_par_iter().for_each(drop), || drop((pages, diagnostics))),
        );
    }
}

/// What became of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Used for generation.
    Parsed,
    /// Not used; `reason` says why.
    Skipped,
}

/// One page that was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageInfo {
    /// Path relative to the `api-reference` folder, with `/` separators.
    pub path: String,
    /// API, resource or other.
    pub kind: PageKind,
    /// Parsed or skipped.
    pub outcome: Outcome,
    /// Why the page was skipped.
    pub reason: Option<String>,
    /// `v1.0` or `beta` (empty when neither).
    pub version: String,
    /// The page's `ms.prod` area, if any.
    pub area: Option<String>,
    /// The page's title.
    pub title: Option<String>,
    /// Permission tables found on the page.
    #[serde(default)]
    pub permission_tables: u32,
    /// Of those, the tables read completely (every row understood, no placeholder).
    #[serde(default)]
    pub permission_tables_parsed: u32,
    /// Number of HTTP request sections.
    #[serde(default)]
    pub request_sections: u32,
}

/// One operation: one page's request lines of one HTTP method.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    /// `v1.0` or `beta`.
    pub version: String,
    /// Page path (shared with the page's examples).
    pub page: Shared,
    /// Rust name, unique within the version (`call_delete`).
    pub name: String,
    /// Module the endpoint is emitted in (the area, as a Rust identifier).
    pub module: String,
    /// Page title.
    pub title: String,
    /// Page description from the front matter.
    pub description: Option<String>,
    /// HTTP method, upper case.
    pub method: String,
    /// Every documented path, in page order.
    pub paths: Vec<PathTemplate>,
    /// Permissions, when one table governs every path (`None` when the page
    /// has none, or has several tables attached per path).
    pub permissions: Option<Permissions>,
    /// Files the permission tables were read from (the page, or its includes).
    #[serde(default)]
    pub permission_sources: Vec<Shared>,
    /// Tables of the page that govern none of its paths (each with a W033),
    /// kept apart with their captions rather than merged into any path's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unattached_permissions: Vec<PermissionScenario>,
    /// The documented success status.
    pub success_status: Option<u16>,
    /// Type of the request body, when known.
    pub request_body_type: Option<String>,
    /// Type of the response body, when known.
    pub response_type: Option<String>,
    /// What the request body is.
    #[serde(default)]
    pub request_body: RequestBody,
    /// The success response's body, `None` when it has none.
    #[serde(default)]
    pub response: Option<Response>,
    /// OData system query options the page says the operation supports
    /// (`$select`, `$filter`, ...), in documented order.
    #[serde(default)]
    pub query_options: Vec<String>,
    /// The operation's own query and function parameters.
    #[serde(default)]
    pub query_parameters: Vec<Parameter>,
    /// Documented request headers.
    #[serde(default)]
    pub headers: Vec<Header>,
    /// Ids of the examples on this page (shared with the examples).
    pub examples: Vec<Shared>,
    /// 1-based line of the first request line.
    pub line: u32,
}

impl Endpoint {
    /// Rust name of the struct of an action's parameters (its JSON body),
    /// named after the endpoint (unique within the version).
    pub fn parameters_type(&self) -> String {
        naming::pascal(&format!("{}_parameters", self.name.trim_start_matches("r#")))
    }
}

impl Endpoint {
    /// The table governing one of this endpoint's paths: the path's own
    /// when the page has one per path, else the endpoint's (`None` when the
    /// path has scenarios instead, or the page no table).
    pub fn governing<'a>(&'a self, path: &'a PathTemplate) -> Option<&'a Permissions> {
        path.permissions.as_deref().or(self.permissions.as_ref())
    }
}

/// One request path of an endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathTemplate {
    /// The path as documented, parameters in braces (shared with the
    /// bindings of the examples it matches).
    pub template: Shared,
    /// Rust names of the parameters, in order, unique within the path
    /// (shared: a few hundred names over all paths).
    pub params: Vec<Shared>,
    /// The parameters as written inside the braces, in order (shared).
    pub api_params: Vec<Shared>,
    /// The template parsed ([`template::parse`]): literal text and
    /// parameters, in order.
    #[serde(default)]
    pub pieces: Vec<PathPiece>,
    /// Marked deprecated by a note on the page.
    pub deprecated: bool,
    /// This path's permissions when the page has several tables, one per
    /// path (the endpoint's `permissions` is `None` then). Boxed: one path
    /// in a hundred has its own table, and the table is 168 bytes.
    #[serde(default)]
    pub permissions: Option<Box<Permissions>>,
    /// Several tables governing this path, one per scenario (`permissions`
    /// is `None` then); never merged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permission_scenarios: Vec<PermissionScenario>,
    /// Name of the emitted function.
    pub fn_name: String,
    /// 1-based line of the request line.
    pub line: u32,
}

/// A piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PathPiece {
    /// Literal text, as written (never empty; shared).
    Lit(Shared),
    /// A parameter: its index in the path's `params`, and whether its value
    /// is a path itself, whose slashes are kept when it is encoded.
    Param {
        /// Index in `params` and `api_params`.
        index: usize,
        /// Slashes in the value are kept, not percent-encoded.
        keep_slash: bool,
    },
}

/// One of several permission tables governing the same path.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionScenario {
    /// The heading or line above the table.
    pub caption: String,
    /// The table.
    pub permissions: Permissions,
}

/// What an operation's request body is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RequestBody {
    /// The page says not to supply one (or documents none).
    #[default]
    None,
    /// A JSON representation of a model type.
    Type {
        /// Namespace-qualified type name.
        #[serde(rename = "type")]
        ty: String,
        /// The type's id ([`type_table::resolve_ids`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        type_id: Option<TypeId>,
        /// A collection of it.
        collection: bool,
    },
    /// An action's parameter table.
    Parameters {
        /// The parameters in documented order.
        parameters: Vec<Parameter>,
    },
    /// Raw content (a file upload).
    Stream,
    /// Could not be told (with a diagnostic).
    Unknown,
}

/// An action, function or query parameter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    /// Name as documented (`securityEnabledOnly`).
    pub name: String,
    /// Rust name (`security_enabled_only`).
    #[serde(default)]
    pub rust_name: String,
    /// Edm or namespace-qualified type name.
    #[serde(rename = "type")]
    pub ty: String,
    /// The id of a model type (`None` for a primitive or a name no page defines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_id: Option<TypeId>,
    /// A collection of `type`.
    pub collection: bool,
    /// The page says it must be given.
    pub required: bool,
}

/// Where a response type was learnt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResponseSource {
    /// The Response section's prose.
    Prose,
    /// The response example (annotation or `@odata.type`).
    Example,
    /// Both, and they agree.
    Both,
}

/// The body of a successful response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// Namespace-qualified type, or an Edm name for a primitive
    /// (`Edm.Stream` for raw content).
    #[serde(rename = "type")]
    pub ty: String,
    /// The id of a model type (`None` for a primitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_id: Option<TypeId>,
    /// A collection of `type` (items in `value`).
    pub collection: bool,
    /// Where it was learnt.
    pub source: ResponseSource,
}

/// A documented request header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Header name as documented.
    pub name: String,
    /// The documented value, when the page gives a fixed one (`eventual`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The page says it is required.
    pub required: bool,
}

/// A reference to a type as the model holds it: the name as documented (an
/// Edm name for a primitive) and, when it names a model type, its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeRef<'a> {
    /// Edm or namespace-qualified name.
    pub name: &'a str,
    /// The model type's id (`None` for a primitive or a name no page defines).
    pub id: Option<TypeId>,
}

impl Property {
    /// The property's type.
    pub fn type_ref(&self) -> TypeRef<'_> {
        TypeRef { name: &self.ty, id: self.type_id }
    }
}

impl Parameter {
    /// The parameter's type.
    pub fn type_ref(&self) -> TypeRef<'_> {
        TypeRef { name: &self.ty, id: self.type_id }
    }
}

impl Response {
    /// The response's type.
    pub fn type_ref(&self) -> TypeRef<'_> {
        TypeRef { name: &self.ty, id: self.type_id }
    }
}

/// What kind of type a [`TypeDef`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    /// Has a key; addressable.
    Entity,
    /// A structured value.
    Complex,
    /// A set of named string values.
    Enum,
}

/// Where a type definition came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TypeSource {
    /// A `resources/*.md` page.
    ResourcePage,
    /// Inferred from example JSON.
    Example,
}

/// One model type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeDef {
    /// `v1.0` or `beta`.
    pub version: String,
    /// Namespace-qualified name (`microsoft.graph.call`).
    pub name: String,
    /// Rust name (`Call`), unique within the version.
    pub rust_name: String,
    /// Entity, complex or enum.
    pub kind: TypeKind,
    /// Resource page or example.
    pub source: TypeSource,
    /// Defining page (for inferred types: the first page that showed it).
    pub page: String,
    /// Base type, namespace-qualified.
    pub base: Option<String>,
    /// The base type's id (`None` when it has none or no page defines it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_id: Option<TypeId>,
    /// Properties in documented order.
    pub properties: Vec<Property>,
    /// Enum members.
    pub members: Vec<String>,
    /// Rust variant names of the enum members, in the same order.
    #[serde(default)]
    pub rust_members: Vec<String>,
    /// An open type (`openType: true`): undeclared properties are expected.
    #[serde(default)]
    pub open: bool,
}

/// One property of a type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Property {
    /// JSON name (`resultInfo`; shared).
    pub name: Shared,
    /// Rust name (`result_info`).
    pub rust_name: String,
    /// Edm or namespace-qualified type name (shared: 2,200 names over
    /// 27,500 properties).
    #[serde(rename = "type")]
    pub ty: Shared,
    /// The id of a model type (`None` for a primitive or a name no page defines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_id: Option<TypeId>,
    /// A collection of `type`.
    pub collection: bool,
    /// May be `null`.
    pub nullable: bool,
}

/// What an example block shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleRole {
    /// A request sent to the API.
    Request,
    /// A response from the API.
    Response,
    /// A JSON value posted to a client (change notification) or any other JSON example.
    Notification,
}

/// The HTTP part of an example.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpPart {
    /// Request method.
    pub method: Option<String>,
    /// Request URL as written.
    pub url: Option<String>,
    /// Response status.
    pub status: Option<u16>,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
}

/// A request example matched to a path template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    /// Endpoint name.
    pub endpoint: String,
    /// The matched template.
    pub template: Shared,
    /// The function for that template.
    pub fn_name: String,
    /// Parameter values by Rust name (percent-decoded).
    pub args: Args,
    /// Parameter order of the function.
    pub order: Vec<Shared>,
    /// The URL path the function must produce (normalised percent-encoding).
    pub expected_path: String,
    /// The example left `{placeholders}` in its URL instead of values.
    pub placeholders: bool,
    /// The URL's query string as (name, value) pairs, percent-decoded, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<(String, String)>,
}

/// A binding's parameter values by Rust name, in name order (written as a
/// JSON object). A sorted vector: a binding has one or two values, for
/// which a `BTreeMap` took a node of eleven slots.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Args(Vec<(Shared, String)>);

impl Args {
    /// Room for `n` values.
    pub fn with_capacity(n: usize) -> Self {
        Args(Vec::with_capacity(n))
    }

    /// Set `name`'s value (replacing the one it had).
    pub fn insert(&mut self, name: Shared, value: String) {
        match self.0.binary_search_by(|(k, _)| (**k).cmp(&name)) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => self.0.insert(i, (name, value)),
        }
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&String> {
        self.0.binary_search_by(|(k, _)| (**k).cmp(name)).ok().and_then(|i| self.0.get(i)).map(|(_, v)| v)
    }

    /// Whether `name` has a value.
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The values, in name order.
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, v)| v)
    }

    /// (name, value) pairs, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &String)> {
        self.0.iter().map(|(k, v)| (&**k, v))
    }

    /// How many values.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No values.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `args[name]`, as on the map this replaced: panics when `name` has no value.
impl std::ops::Index<&str> for Args {
    type Output = String;

    fn index(&self, name: &str) -> &String {
        match self.get(name) {
            Some(v) => v,
            None => panic!("no argument `{name}`"),
        }
    }
}

impl Serialize for Args {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Args {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(d)?;
        Ok(Args(map.into_iter().map(|(k, v)| (k.into(), v)).collect()))
    }
}

/// Whether an example became a test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleOutcome {
    /// A test was generated.
    Tested,
    /// No test; `reason` says why.
    Skipped,
}

/// One example from a page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// `page#name`, unique.
    pub id: Shared,
    /// Page path (one string per page, shared).
    pub page: Shared,
    /// Request, response or notification.
    pub role: ExampleRole,
    /// 1-based line of the code block.
    pub line: u32,
    /// Method, URL, status and headers.
    pub http: Option<HttpPart>,
    /// `@odata.type` from the annotation, without `#`.
    pub odata_type: Option<String>,
    /// The annotation says the body is shortened.
    pub truncated: bool,
    /// The annotation says the body is a collection of `odata_type`.
    pub is_collection: bool,
    /// The JSON body.
    pub json: Option<crate::parse::json::Json>,
    /// For request examples: the matched template and arguments. Boxed: a
    /// third of the examples have one, and it would triple the size of the
    /// others.
    pub binding: Option<Box<Binding>>,
    /// Tested or skipped.
    pub outcome: ExampleOutcome,
    /// Why the example was skipped (a stable reason key).
    pub reason: Option<String>,
    /// Rust name of the generated test.
    pub test_name: String,
    /// A resource page's JSON representation: its values are placeholders,
    /// so only its property names are checked.
    #[serde(default)]
    pub representation: bool,
    /// The type the JSON body is tested against (canonical name), if known.
    #[serde(default)]
    pub json_type: Option<String>,
    /// The id of `json_type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_type_id: Option<TypeId>,
    /// The JSON body contradicts its type's pages (W101–W104): its test
    /// checks the lossless round trip and that the contradiction is there,
    /// not conformance.
    #[serde(default)]
    pub docs_inconsistent: bool,
    /// The body is tested as a collection (items in `value`): the annotation
    /// says so, or the body is a `value` array the type does not declare.
    #[serde(default)]
    pub json_collection: bool,
    /// Whether an annotation comment marked this example (`false`: found by
    /// its section heading and first line).
    #[serde(default = "yes")]
    pub annotated: bool,
    /// How the JSON body was read.
    #[serde(default)]
    pub body: BodyRead,
    /// The body shows signs of being shortened (`...`, unclosed brackets).
    #[serde(default)]
    pub looks_truncated: bool,
}

fn yes() -> bool {
    true
}

/// How an example's body was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyRead {
    /// No JSON body.
    #[default]
    None,
    /// Strict JSON.
    Strict,
    /// Read by the tolerant reader.
    Recovered,
    /// Not readable.
    Failed,
}
