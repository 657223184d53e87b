//! The typed half of the example tests: a request example's JSON body
//! rebuilt through the typed API (model handles or an action's parameters
//! struct), its query string through the typed builders, and a response
//! example decoded through its endpoint's typed response. Each returns the
//! Rust statements of the test, or the reason it cannot be written (counted
//! in the run report).

use super::code::{model_id, str_lit, strcat};
use super::operation_doc::option_method;
use super::params;
use super::runtime;
use super::rust_types::{self, Known};
use crate::model::{Endpoint, Parameter, RequestBody, TypeDef, TypeKind, TypeRef};
use crate::parse::json::{Json, Object};

/// Where the generated test finds the version's types (`api::v1_0::types::`).
pub struct Ctx<'a> {
    /// The model's types.
    pub known: &'a Known<'a>,
    /// The version, for the type names an example's JSON gives.
    pub version: &'a str,
    /// Path of the types module, with a trailing `::`.
    pub types: String,
}

/// Statements building a value, and a counter for fresh variable names.
#[derive(Clone, Default)]
pub struct Build {
    /// The statements, in order.
    pub stmts: Vec<String>,
    vars: usize,
}

impl Build {
    fn var(&mut self) -> String {
        self.vars += 1;
        strcat!('b', self.vars)
    }
}

/// Why a typed check could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    /// What stopped it, naming the property or parameter.
    pub reason: String,
    /// The page's JSON is not what its documented type says (a property or
    /// parameter the pages do not declare, a value of another kind, a
    /// required parameter left out): a docs inconsistency, not something the
    /// typed API lacks. Counted apart in the run report.
    pub docs: bool,
}

impl Miss {
    /// The JSON contradicts the documented type.
    fn docs(reason: String) -> Self {
        Miss { reason, docs: true }
    }

    /// The same miss, inside `ty.key`.
    fn within(self, ty: &str, key: &str) -> Self {
        Miss { reason: strcat!(ty, '.', key, ": ", self.reason), docs: self.docs }
    }
}

impl From<&str> for Miss {
    fn from(reason: &str) -> Self {
        Miss { reason: reason.to_string(), docs: false }
    }
}

impl From<String> for Miss {
    fn from(reason: String) -> Self {
        Miss { reason, docs: false }
    }
}

/// A JSON value written as a runtime call that parses it back.
fn json_expr(v: &Json) -> String {
    strcat!("rt::json_value(", str_lit(&v.compact()), ')')
}

/// What kind of JSON value `v` is, in the runtime's words.
fn kind_name(v: &Json) -> &'static str {
    runtime::kind_name(&v.to_value())
}

fn rust_type(t: &TypeDef, ctx: &Ctx) -> String {
    strcat!(ctx.types, model_id(&t.rust_name))
}

fn is_open(t: &TypeDef, ctx: &Ctx) -> bool {
    let mut at = Some(t);
    for _ in 0..64 {
        match at {
            Some(ty) if ty.open => return true,
            Some(ty) => at = ctx.known.of(ty.base_id),
            None => return false,
        }
    }
    false
}

/// Build an object of structured type `t` (or the derived type its
/// `@odata.type` names); returns the variable holding it and its type.
pub fn object<'a>(t: &'a TypeDef, o: &Object, ctx: &Ctx<'a>, b: &mut Build) -> Result<(String, &'a TypeDef), Miss> {
    let named = o.get("@odata.type").and_then(Json::as_str).map(|s| s.trim_start_matches('#'));
    let t = match named.and_then(|n| ctx.known.find(ctx.version, n)) {
        Some(d) if d.kind != TypeKind::Enum => d,
        _ => t,
    };
    let (chain, path) = (super::types::chain(t, ctx.known), rust_type(t, ctx));
    let mut props = Vec::with_capacity(o.len());
    for (k, v) in o.iter() {
        if k.contains('@') {
            let value = match v {
                Json::String(s) => str_lit(s),
                other => json_expr(other),
            };
            props.push(strcat!(".set_annotation(", str_lit(k), ", ", value, ')'));
            continue;
        }
        match super::types::handle_in(&chain, k) {
            Some((_, _)) if v.is_null() => props.push(strcat!(".set_null(", str_lit(k), ')')),
            Some((p, Some(field))) => {
                let e = value(p.type_ref(), p.collection, v, ctx, b).map_err(|e| e.within(&t.name, k))?;
                props.push(strcat!(".set(", path, "::F.", model_id(field), ", ", e, ')'));
            }
            Some((_, None)) => return Err(strcat!("property ", k, " of ", t.name, " has no handle (name taken)").into()),
            None if is_open(t, ctx) => props.push(strcat!(".set_property(", str_lit(k), ", ", json_expr(v), ')')),
            None => return Err(Miss::docs(strcat!("property ", k, " is not declared by ", t.name))),
        }
    }
    let var = b.var();
    b.stmts.push(strcat!("let mut ", var, " = ", path, "::new();"));
    for p in props {
        b.stmts.push(strcat!(var, p, ';'));
    }
    Ok((var, t))
}

/// The expression of a setter argument of type `ty` holding `v`.
fn value(ty: TypeRef, collection: bool, v: &Json, ctx: &Ctx, b: &mut Build) -> Result<String, Miss> {
    if collection {
        let items = v.as_array().ok_or_else(|| Miss::docs("a collection that is not an array".into()))?;
        let mut out = Vec::with_capacity(items.len());
        // Text collections take `String`s.
        let text = rust_types::setter_arg(ty, false, ctx.known, "") == "&str";
        for item in items {
            let e = one(ty, item, ctx, b)?;
            out.push(if text { strcat!(e, ".to_string()") } else { e });
        }
        return Ok(strcat!("vec![", out.join(", "), ']'));
    }
    one(ty, v, ctx, b)
}

fn one(ty: TypeRef, v: &Json, ctx: &Ctx, b: &mut Build) -> Result<String, Miss> {
    let other_kind = |v: &Json, declared: &str| Miss::docs(strcat!("a ", kind_name(v), " where ", declared, " is declared"));
    let arg = rust_types::setter_arg(ty, false, ctx.known, "");
    match (&*arg, v) {
        ("bool", Json::Bool(x)) => Ok(x.to_string()),
        ("i64", Json::Number(n)) => n.as_i64().map(|i| format!("{i}i64")).ok_or_else(|| Miss::docs("an integer out of range or not whole".into())),
        ("f64", Json::Number(n)) => n.as_f64().map(|f| strcat!(format!("{f:?}"), "f64")).ok_or_else(|| Miss::docs("a number out of range".into())),
        ("&str", Json::String(s)) => Ok(str_lit(s)),
        ("rt::Value", other) => Ok(json_expr(other)),
        (_, other) => match ctx.known.of(ty.id) {
            Some(t) if t.kind == TypeKind::Enum => match other.as_str() {
                Some(s) => Ok(match t.members.iter().position(|m| m == s).and_then(|i| t.rust_members.get(i)) {
                    Some(variant) => strcat!(rust_type(t, ctx), "::", model_id(variant)),
                    None => strcat!(rust_type(t, ctx), "::from_member(", str_lit(s), ')'),
                }),
                None => Err(other_kind(other, &strcat!("enum ", t.name))),
            },
            Some(t) => match other.as_object() {
                Some(o) => {
                    let (var, built) = object(t, o, ctx, b)?;
                    Ok(if built.name == t.name { var } else { strcat!(var, ".into_type()") })
                }
                None => Err(other_kind(other, &t.name)),
            },
            None if crate::model::types::edm(ty.name).is_some() => Err(other_kind(other, ty.name)),
            None => Err(strcat!("a ", kind_name(other), " where ", ty.name, " is declared, which no page defines").into()),
        },
    }
}

/// An action's parameters struct holding `o`: the required parameters as
/// constructor arguments, the others through their setters, a `null` one
/// and an annotation (`@odata.type`) through the body's own setters.
pub fn parameters(ep: &Endpoint, list: &[Parameter], o: &Object, ctx: &Ctx, module_path: &str, b: &mut Build) -> Result<String, Miss> {
    let mut after = Vec::new();
    for (k, v) in o.iter().filter(|(k, _)| !list.iter().any(|p| p.name == *k)) {
        if !k.contains('@') {
            return Err(Miss::docs(strcat!("parameter ", k, " is not documented")));
        }
        let arg = match v {
            Json::String(s) => str_lit(s),
            other => json_expr(other),
        };
        after.push(strcat!(", ", str_lit(k), ", ", arg, ");"));
    }
    let setters = params::setters(list);
    let mut args = Vec::new();
    let mut sets = Vec::new();
    let mut nulls = Vec::new();
    for (p, setter) in list.iter().zip(setters) {
        let Some(v) = o.get(&p.name) else {
            if p.required {
                return Err(Miss::docs(strcat!("required parameter ", p.name, " is missing")));
            }
            continue;
        };
        if v.is_null() && !p.required {
            nulls.push(strcat!(", ", str_lit(&p.name), ");"));
            continue;
        }
        let e = value(p.type_ref(), p.collection, v, ctx, b)?;
        match (p.required, setter) {
            (true, _) => args.push(e),
            (false, Some(s)) => sets.push(strcat!('.', model_id(&s), '(', e, ')')),
            (false, None) => return Err(strcat!("parameter ", p.name, " has no setter (name taken)").into()),
        }
    }
    let var = b.var();
    b.stmts.push(strcat!("let mut ", var, " = ", module_path, model_id(&ep.parameters_type()), "::new(", args.join(", "), ");"));
    for s in sets {
        b.stmts.push(strcat!(var, s, ';'));
    }
    for n in nulls {
        b.stmts.push(strcat!("rt::Body::set_null(&mut ", var, n));
    }
    for a in after {
        b.stmts.push(strcat!("rt::Body::set_annotation(&mut ", var, a));
    }
    Ok(var)
}

/// The body an endpoint takes, built from a request example's JSON:
/// the argument expression, or why it cannot be built.
pub fn body(ep: &Endpoint, json: &Json, ctx: &Ctx, module_path: &str, b: &mut Build) -> Result<String, Miss> {
    match &ep.request_body {
        RequestBody::Type { type_id, collection: false, .. } => {
            let t = ctx.known.of(*type_id).filter(|t| t.kind != TypeKind::Enum).ok_or("body type defined nowhere")?;
            let o = json.as_object().ok_or_else(|| Miss::docs("body is not a JSON object".into()))?;
            let (var, built) = object(t, o, ctx, b)?;
            Ok(if built.name == t.name { strcat!('&', var) } else { strcat!('&', var, ".into_type()") })
        }
        RequestBody::Parameters { parameters: list } if !list.is_empty() => {
            let o = json.as_object().ok_or_else(|| Miss::docs("body is not a JSON object".into()))?;
            parameters(ep, list, o, ctx, module_path, b).map(|v| strcat!('&', v))
        }
        RequestBody::Type { type_id, collection: true, .. } => {
            let t = ctx.known.of(*type_id).filter(|t| t.kind != TypeKind::Enum).ok_or("body type defined nowhere")?;
            let items = json.as_array().ok_or_else(|| Miss::docs("a collection body that is not a JSON array".into()))?;
            let mut vars = Vec::with_capacity(items.len());
            for item in items {
                let o = item.as_object().ok_or_else(|| Miss::docs("a collection body item that is not an object".into()))?;
                let (var, built) = object(t, o, ctx, b)?;
                vars.push(if built.name == t.name { var } else { strcat!(var, ".into_type()") });
            }
            Ok(strcat!("&[", vars.join(", "), ']'))
        }
        RequestBody::Stream => Err("body is raw content".into()),
        _ => Err("the endpoint documents no typed body".into()),
    }
}

/// Top-level comma-separated items of an option (`a,b($select=c,d)` is two).
fn items(v: &str) -> Vec<&str> {
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    let mut out = Vec::new();
    for (i, c) in v.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                out.push(v.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(v.get(start..).unwrap_or(""));
    out
}

/// The builder calls that give an example's query, or why one pair has no
/// typed builder.
pub fn query(pairs: &[(String, String)]) -> Result<String, String> {
    let mut chain = String::new();
    for (k, v) in pairs {
        // Graph takes the options with or without their `$`.
        let method = option_method(k);
        let Some(m) = method else { return Err(strcat!("query parameter ", k, " has no typed builder")) };
        let arg = match m {
            "select" | "expand" | "orderby" => strcat!("&[", items(v).iter().map(|i| str_lit(i)).collect::<Vec<_>>().join(", "), ']'),
            "top" | "skip" => match v.parse::<u64>() {
                Ok(n) if n.to_string() == *v => n.to_string(),
                _ => return Err(strcat!(k, " is not a plain count")),
            },
            "count" if v == "true" || v == "false" => v.clone(),
            "count" => return Err("$count is neither true nor false".into()),
            _ => str_lit(v),
        };
        chain.push_str(&strcat!('.', m, '(', arg, ')'));
    }
    Ok(chain)
}

/// Whether a response example's JSON decodes through `ep`'s typed
/// response, decided by the runtime's own decoder.
pub fn decodes(ep: &Endpoint, ctx: &Ctx, json: &Json) -> Result<(), String> {
    runtime::json_decodes_as(&rust_types::response_shape(ep.response.as_ref(), ctx.known), as_decoders_read(json, 2))
}

/// `v` as a serde value with its containers `depth` levels down and no
/// deeper: the ones below come out empty. A response decoder reads the
/// body, its members and the items of its `value` array, each of those
/// for its kind alone (or a primitive's value), so it decides two levels
/// as it decides the whole body (`the_decoders_read_two_levels` holds
/// both equal); copying whole bodies into maps was 1% of a run.
fn as_decoders_read(v: &Json, depth: usize) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Json::Array(a) if depth > 0 => Value::Array(a.iter().map(|x| as_decoders_read(x, depth - 1)).collect()),
        Json::Object(o) if depth > 0 => Value::Object(o.iter().map(|(k, x)| (k.to_string(), as_decoders_read(x, depth - 1))).collect()),
        Json::Array(_) => Value::Array(Vec::new()),
        Json::Object(_) => Value::Object(serde_json::Map::new()),
        // Copied as a `str`: `to_string` of the boxed text went through
        // `Display` (8M instructions a full run).
        Json::String(s) => Value::String(String::from(&**s)),
        leaf => leaf.to_value(),
    }
}

/// What an example adds to its test through the typed API, each part with
/// the reason when it could not be written.
#[derive(Default)]
pub struct Checks<'a> {
    /// Statements building the body (before the call): the shared
    /// [`Rebuilt`] body's when there is one.
    pub build: std::borrow::Cow<'a, Build>,
    /// The body argument, when the function takes one: rebuilt from the
    /// example (`Ok`), or a default value and the reason (`Err`).
    pub body: Option<Result<String, (String, Miss)>>,
    /// A body rebuilt through model setters only (the endpoint documents
    /// no typed body): the variable holding it.
    pub model_only: Option<Result<String, Miss>>,
    /// The builder calls of the example's query string.
    pub query: Option<Result<String, String>>,
    /// Whether the response example decodes through the typed response.
    pub response: Option<Result<(), String>>,
}

/// The body argument of a function when nothing could be rebuilt.
pub fn default_body(ep: &Endpoint, known: &Known) -> String {
    match super::endpoints::body_arg(ep, known) {
        Some((arg, _)) if arg.contains("&[") => "&[]".into(),
        Some((arg, _)) if arg.starts_with("content_type") => "\"application/octet-stream\", Vec::new()".into(),
        _ => "&Default::default()".into(),
    }
}

/// A request example's body rebuilt through the typed API for `ep`, which
/// takes one: the statements building it and the argument, or why it
/// could not be rebuilt. The example tests and the e2e tests both send it,
/// so a run rebuilds each body once ([`Bodies`]).
#[derive(Clone)]
pub struct Rebuilt {
    /// The endpoint it was rebuilt for.
    pub endpoint: String,
    /// Statements building the body.
    pub build: Build,
    /// The body argument, or why there is none.
    pub body: Result<String, Miss>,
}

/// The rebuilt request bodies, by example id.
pub type Bodies<'a> = rustc_hash::FxHashMap<&'a str, Rebuilt>;

/// Rebuild the body of request example `ex` for `ep`.
pub fn rebuild(ep: &Endpoint, ex: &crate::model::Example, ctx: &Ctx, module_path: &str) -> Rebuilt {
    let mut build = Build::default();
    let body = match &ex.json {
        Some(j) => body(ep, j, ctx, module_path, &mut build),
        None => Err("the example shows no JSON body".into()),
    };
    Rebuilt { endpoint: ep.name.clone(), build, body }
}

/// The typed checks of one example of `ep` (`module_path`: the area
/// module's path in the test, with a trailing `::`).
pub fn checks(ep: &Endpoint, ex: &crate::model::Example, ctx: &Ctx, module_path: &str) -> Checks<'static> {
    checks_with(ep, ex, ctx, module_path, None)
}

/// [`checks`], taking the example's body from `rebuilt` when it was
/// rebuilt for `ep` already.
pub fn checks_with<'r>(ep: &Endpoint, ex: &crate::model::Example, ctx: &Ctx, module_path: &str, rebuilt: Option<&'r Rebuilt>) -> Checks<'r> {
    let mut c = Checks::default();
    let takes_body = super::endpoints::takes_body(ep);
    let rebuilt = rebuilt.filter(|r| takes_body && ex.role == crate::model::ExampleRole::Request && r.endpoint == ep.name);
    let json = if rebuilt.is_some() { None } else { ex.json.as_ref() };
    match ex.role {
        crate::model::ExampleRole::Request => {
            if let Some(r) = rebuilt {
                c.build = std::borrow::Cow::Borrowed(&r.build);
                c.body = Some(r.body.clone().map_err(|e| (default_body(ep, ctx.known), e)));
            } else if takes_body {
                c.body = Some(match json {
                    Some(j) => body(ep, j, ctx, module_path, c.build.to_mut()).map_err(|e| (default_body(ep, ctx.known), e)),
                    None => Err((default_body(ep, ctx.known), "the example shows no JSON body".into())),
                });
            } else if let (Some(Json::Object(o)), Some(t)) = (json, ctx.known.of(ex.json_type_id)) {
                if t.kind != TypeKind::Enum && !ex.json_collection {
                    c.model_only = Some(object(t, o, ctx, c.build.to_mut()).map(|(v, _)| v));
                }
            }
            if let Some(b) = ex.binding.as_ref().filter(|b| !b.query.is_empty()) {
                c.query = Some(query(&b.query));
            }
        }
        crate::model::ExampleRole::Response if ep.response.is_some() => {
            c.response = Some(match json {
                Some(j) => decodes(ep, ctx, j),
                None => Err("the example shows no JSON body".into()),
            });
        }
        _ => {}
    }
    c
}

/// Each example of a page with the endpoint it shows: a request example
/// its bound endpoint, a response example the endpoint of the request
/// before it (else the page's first).
pub fn pair_examples<'a>(eps: &[&'a Endpoint], examples: &[&'a crate::model::Example]) -> Vec<(&'a Endpoint, &'a crate::model::Example)> {
    let Some(&first) = eps.first() else { return Vec::new() };
    let mut current = first;
    let mut out = Vec::with_capacity(examples.len());
    for &ex in examples {
        if ex.role == crate::model::ExampleRole::Request {
            let bound = ex.binding.as_ref().and_then(|b| eps.iter().copied().find(|e| e.name == b.endpoint));
            current = bound.unwrap_or(first);
        }
        out.push((current, ex));
    }
    out
}

/// How many typed checks the example tests hold, per kind (`checked`, or
/// why the check is missing): the run report's `typed_checks`.
pub type Tally = std::collections::BTreeMap<&'static str, std::collections::BTreeMap<String, usize>>;

/// Count the typed checks of one tested example into `out`. The emitter
/// counts the checks it writes with this, so a run decides each check once.
pub fn count(out: &mut Tally, ex: &crate::model::Example, c: &Checks) {
    let mut bump = |group: &'static str, key: String| *out.entry(group).or_default().entry(key).or_insert(0) += 1;
    let key = |r: Result<(), &String>| match r {
        Ok(()) => "checked".to_string(),
        Err(e) => reason_key(e),
    };
    if let Some(r) = &c.body {
        // Examples with no JSON body are not rebuilt, and those whose JSON
        // contradicts the documented type cannot be: both are counted apart.
        let group = match r {
            _ if ex.json.is_none() => "request_body_not_json",
            Err((_, m)) if m.docs => "request_body_docs_inconsistent",
            _ => "request_body",
        };
        bump(group, key(r.as_ref().map(|_| ()).map_err(|e| &e.1.reason)));
    }
    if let Some(r) = &c.model_only {
        bump("request_body_model_only", key(r.as_ref().map(|_| ()).map_err(|m| &m.reason)));
    }
    if let Some(r) = &c.query {
        bump("query", key(r.as_ref().map(|_| ())));
    }
    if let Some(r) = &c.response {
        let group = if ex.json.is_some() { "response_decode" } else { "response_decode_not_json" };
        bump(group, key(r.as_ref().copied()));
    }
}

/// The typed checks of every tested example, decided without writing the
/// tests (for a report of a run that emits nothing).
pub fn tally(api: &crate::model::Api) -> Tally {
    use std::collections::BTreeMap;
    let types = crate::model::type_table::TypeTable::new(&api.types);
    let mut by_page: BTreeMap<&str, (Vec<&Endpoint>, Vec<&crate::model::Example>)> = BTreeMap::new();
    for ep in &api.endpoints {
        by_page.entry(ep.page.as_str()).or_default().0.push(ep);
    }
    for ex in &api.examples {
        if let Some(e) = by_page.get_mut(ex.page.as_str()) {
            e.1.push(ex);
        }
    }
    let mut out = Tally::new();
    for (eps, examples) in by_page.values() {
        for (ep, ex) in pair_examples(eps, examples) {
            if ex.outcome != crate::model::ExampleOutcome::Tested {
                continue;
            }
            let ctx = Ctx { known: &types, version: &ep.version, types: String::new() };
            count(&mut out, ex, &checks(ep, ex, &ctx, ""));
        }
    }
    out
}

/// A reason without the names it mentions, so reasons count together.
fn reason_key(reason: &str) -> String {
    let mut out = String::new();
    for (i, w) in reason.split(' ').enumerate() {
        let named = w.contains('.') || w.contains('$') || w.chars().any(|c| c.is_ascii_uppercase()) || w.contains(':');
        if i > 0 {
            out.push(' ');
        }
        out.push_str(if named && i > 0 { "_" } else { w });
        if out.len() > 80 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod unit {
    use super::runtime::{decodes_as, json_decodes_as, Shape};
    use proptest::prelude::*;
    use serde_json::Value;

    /// JSON values of every kind, with the members a response decoder
    /// looks at (`value`, `@odata.nextLink`, `@odata.count`, `@odata.type`).
    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
            "[a-z#.]{0,6}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec(("value|@odata.nextLink|@odata.count|@odata.type|[a-z]{1,3}", inner), 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn shapes() -> Vec<Shape> {
        let one = [Shape::Bool, Shape::Int, Shape::Float, Shape::Text, Shape::Json, Shape::Object, Shape::Enum];
        let mut all = vec![Shape::Nothing, Shape::Bytes];
        all.extend(one.iter().cloned());
        all.extend(one.into_iter().map(|s| Shape::Page(Box::new(s))));
        all
    }

    proptest! {
        /// The generator decides a response example from the JSON it read;
        /// the generated test decodes the example's text: same answer.
        #[test]
        fn the_decoders_read_two_levels(v in json()) {
            let json: crate::parse::json::Json = serde_json::from_value(v.clone()).unwrap();
            for shape in shapes() {
                prop_assert_eq!(json_decodes_as(&shape, super::as_decoders_read(&json, 2)), json_decodes_as(&shape, v.clone()), "{:?}", shape);
            }
        }

        #[test]
        fn a_read_body_decodes_as_its_text_does(v in json()) {
            let text = serde_json::to_vec(&v).unwrap();
            for shape in shapes() {
                prop_assert_eq!(json_decodes_as(&shape, v.clone()), decodes_as(&shape, 200, &text), "{:?}", shape);
            }
        }
    }
}
