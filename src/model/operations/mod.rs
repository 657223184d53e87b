//! Typed operations: an endpoint's request body, response, query options,
//! query and function parameters and request headers, decided from its
//! page's operation sections (`parse::sections`) and its examples.
//!
//! Two steps, like the rest of the lowering: [`from_page`] reads one page on its
//! own (every decision that needs only the page's words), and [`resolve`]
//! turns the type names it found into the version's types once every
//! resource page is read (a name no page defines gets a W060).

mod prose;
mod resolve;

pub use prose::{
    body_text, clean_name, column, is_param_name, is_parameter_table, query_text, required_column, response_text, row_required, BodyText, QueryText,
    ResponseText,
};
pub use resolve::resolve;

use super::{Endpoint, ExampleRole, Header};
use crate::parse::json::Json;
use crate::parse::resource::{Cell, Link};
use crate::parse::sections::{Block, RawSection, SectionKind, Table};
use crate::parse::RawPage;

/// A type as a page names it, before lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
enum TypeRef {
    /// An Edm name, settled already.
    Edm(String),
    /// A link to a resource page.
    Link(Link),
    /// A name as written (short or qualified).
    Word(String),
}

/// Where a response type was seen, before lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    refs: Vec<TypeRef>,
    collection: bool,
    line: u32,
    /// Named outright (annotation, `@odata.type`, `Collection(...)`), not guessed.
    explicit: bool,
    /// A single type named by an annotation over a body that is a `value`
    /// array ([`super::examples::value_list`]): a collection, unless the
    /// type declares `value` (decided in `resolve`).
    value_list: bool,
}

/// A parameter before its type is looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
struct UnresolvedParam {
    name: String,
    /// The type cell, or an Edm name when the page gives no cell.
    ty: Result<Cell, String>,
    required: bool,
    line: u32,
}

/// The request body before lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
enum UnresolvedBody {
    None,
    Stream,
    /// Could not be told: the line and why.
    Unknown(u32, &'static str),
    /// A model type: candidates in order, the first that resolves wins; the
    /// table's rows are the parameters when none does.
    Type {
        candidates: Vec<TypeRef>,
        collection: bool,
        line: u32,
        fallback: Vec<UnresolvedParam>,
        /// The members of each request example's JSON body (annotations
        /// left out but `@odata.type`), each with whether its value is an
        /// array: the type must fit them (see `resolve`).
        sent: Vec<Vec<(String, bool)>>,
        /// A parameter table under prose that calls the body a resource's
        /// representation: the rows win unless the examples send members
        /// only the type declares.
        rows_first: bool,
        /// The prose says the body may be left out.
        optional: bool,
    },
    Parameters(Vec<UnresolvedParam>),
}

/// One endpoint's operation, read from its page, waiting for [`resolve`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnresolvedOp {
    body: UnresolvedBody,
    /// The Response section says there is no body.
    no_body: bool,
    from_prose: Option<Seen>,
    /// Every response example's type, in page order.
    from_example: Vec<Seen>,
    /// The response is raw content: the path says so (`/content`,
    /// `/$value`), or the prose says the call redirects to a download.
    raw_content: bool,
    query: QueryText,
    query_parameters: Vec<UnresolvedParam>,
    headers: Vec<Header>,
}

/// The page's sections that describe this endpoint: those after one of its
/// request lines' "HTTP request" heading (all of them when the page has
/// one operation).
fn sections_for<'a>(page: &'a RawPage, ep: &Endpoint) -> Vec<&'a RawSection> {
    let heads = &page.sections.request_headings;
    let op_of = |line: u32| heads.iter().filter(|&&h| h < line).count() as u32;
    let ops: Vec<u32> = ep.paths.iter().map(|p| op_of(p.line)).collect();
    let mine: Vec<&RawSection> = page.sections.sections.iter().filter(|s| ops.contains(&s.operation)).collect();
    if mine.is_empty() {
        page.sections.sections.iter().collect()
    } else {
        mine
    }
}

/// Read one endpoint's operation from its page and its (lowered) examples.
pub fn from_page(page: &RawPage, ep: &Endpoint, examples: &[super::Example]) -> UnresolvedOp {
    let sections = sections_for(page, ep);
    let of = |k: SectionKind| sections.iter().filter(move |s| s.kind == k);
    let headers = of(SectionKind::RequestHeaders).flat_map(|s| s.tables.iter()).flat_map(headers_of).fold(Vec::new(), |mut acc: Vec<Header>, h| {
        if !acc.iter().any(|a| a.name.eq_ignore_ascii_case(&h.name)) {
            acc.push(h);
        }
        acc
    });
    let mut query = QueryText::default();
    for s in of(SectionKind::QueryOptions).chain(of(SectionKind::Parameters)) {
        query_text(&s.blocks, &s.tables, &mut query);
    }
    let prose = of(SectionKind::Response).next().map(|s| response_text(&s.blocks)).unwrap_or_default();
    let (no_body, redirect) = (prose.no_body, prose.redirect);
    let from_prose = prose_seen(prose);
    let from_example = example_seen(ep, examples);
    let last = ep.paths.first().map(|p| p.template.rsplit('/').next().unwrap_or("")).unwrap_or("");
    let raw_content = ep.method == "GET" && (last == "content" || last == "$value" || last.starts_with("content?") || redirect);
    let mut body_sections = of(SectionKind::RequestBody).peekable();
    let body = if matches!(ep.method.as_str(), "GET" | "HEAD") {
        UnresolvedBody::None
    } else if body_sections.peek().is_none() {
        no_body_section(ep, page, examples)
    } else {
        let sent = sent_bodies(ep, examples);
        body_from_sections(ep, page, Body { sections: body_sections.copied().collect(), headers: &headers, prose: &from_prose, sent: &sent }, &mut query)
    };
    let mut query_parameters = function_parameters(ep, &query);
    // The table's rows move into the parameters (`resolve` reads the rest of `query`).
    for p in std::mem::take(&mut query.parameters) {
        if !query_parameters.iter().any(|q: &UnresolvedParam| q.name.eq_ignore_ascii_case(&p.name)) {
            query_parameters.push(UnresolvedParam { name: p.name, ty: p.ty.ok_or_else(|| "Edm.String".to_string()), required: p.required, line: p.line });
        }
    }
    UnresolvedOp { body, no_body, from_prose, from_example, raw_content, query, query_parameters, headers }
}

fn prose_seen(r: ResponseText) -> Option<Seen> {
    if r.no_body {
        return None;
    }
    let mut refs: Vec<TypeRef> = Vec::with_capacity(r.links.len() + r.words.len());
    refs.extend(r.links.into_iter().map(TypeRef::Link));
    for w in r.words {
        refs.push(match crate::model::types::edm(&w) {
            Some(e) => TypeRef::Edm(e.to_string()),
            None => TypeRef::Word(w),
        });
    }
    (!refs.is_empty()).then_some(Seen { refs, collection: r.collection, line: r.line, explicit: true, value_list: false })
}

/// The response examples' types: the annotation's `@odata.type`, else the
/// body's `@odata.context` or `@odata.type`. Only response examples that
/// follow a request example of this endpoint's method (or no request) count.
fn example_seen(ep: &Endpoint, examples: &[super::Example]) -> Vec<Seen> {
    let mut out = Vec::new();
    let mut method: Option<&str> = None;
    for ex in examples {
        match ex.role {
            ExampleRole::Request => method = ex.http.as_ref().and_then(|h| h.method.as_deref()),
            ExampleRole::Response if method.map_or(true, |m| m.eq_ignore_ascii_case(&ep.method)) => {
                let status = ex.http.as_ref().and_then(|h| h.status);
                if status.is_some_and(|s| !(200..300).contains(&s) || s == 204) {
                    continue;
                }
                out.extend(example_type(ex));
            }
            _ => {}
        }
    }
    out
}

fn example_type(ex: &super::Example) -> Option<Seen> {
    let line = ex.line;
    let content_type =
        ex.http.as_ref().and_then(|h| h.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.to_ascii_lowercase()));
    if let Some(ct) = content_type.as_deref() {
        if ["octet-stream", "image/", "audio/", "video/", "application/pdf", "application/zip"].iter().any(|s| ct.contains(s)) {
            return Some(Seen { refs: vec![TypeRef::Edm("Edm.Stream".into())], collection: false, line, explicit: true, value_list: false });
        }
    }
    if let Some(t) = ex.odata_type.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let (t, coll) = match t.strip_prefix("Collection(").and_then(|r| r.strip_suffix(')')) {
            Some(inner) => (inner, true),
            None => (t, ex.is_collection),
        };
        let value_list = !coll && ex.json.as_ref().is_some_and(super::examples::value_list);
        return Some(Seen { refs: vec![word_ref(t)], collection: coll, line, explicit: true, value_list });
    }
    let obj = ex.json.as_ref()?;
    if let Some(ctx) = obj.get("@odata.context").and_then(Json::as_str) {
        if let Some(seen) = context_type(ctx, obj, line) {
            return Some(seen);
        }
    }
    if let Some(t) = obj.get("@odata.type").and_then(Json::as_str) {
        return Some(Seen { refs: vec![word_ref(t.trim_start_matches('#'))], collection: false, line, explicit: true, value_list: false });
    }
    let first = obj.get("value").and_then(|v| match v {
        Json::Array(a) => a.first(),
        _ => None,
    });
    let t = first.and_then(|f| f.get("@odata.type")).and_then(Json::as_str)?;
    Some(Seen { refs: vec![word_ref(t.trim_start_matches('#'))], collection: true, line, explicit: true, value_list: false })
}

fn word_ref(t: &str) -> TypeRef {
    match crate::model::types::edm(t) {
        Some(e) => TypeRef::Edm(e.to_string()),
        None => TypeRef::Word(t.to_string()),
    }
}

/// `$metadata#Collection(microsoft.graph.x)`, `$metadata#users/$entity`,
/// `$metadata#users`: the type, and whether it is a collection (entity set
/// names are guessed by their singular, so they are not explicit).
fn context_type(ctx: &str, body: &Json, line: u32) -> Option<Seen> {
    let frag = ctx.split_once('#')?.1.trim();
    if let Some(inner) = frag.strip_prefix("Collection(").and_then(|r| r.split(')').next()) {
        return Some(Seen { refs: vec![word_ref(inner)], collection: true, line, explicit: true, value_list: false });
    }
    if frag.starts_with("Edm.") || frag.starts_with("microsoft.graph.") {
        let t = frag.split(['/', '(']).next().unwrap_or(frag);
        return Some(Seen { refs: vec![word_ref(t)], collection: false, line, explicit: true, value_list: false });
    }
    let entity = frag.ends_with("/$entity");
    let path = frag.trim_end_matches("/$entity");
    let last = path.rsplit('/').next()?.split('(').next()?;
    if last.is_empty() || last.starts_with('$') || last.contains('.') {
        return None;
    }
    let collection = !entity && matches!(body.get("value"), Some(Json::Array(_)));
    Some(Seen { refs: vec![TypeRef::Word(super::naming::singular(last))], collection, line, explicit: false, value_list: false })
}

/// No Request body section: none, unless a request example sends JSON.
fn no_body_section(ep: &Endpoint, page: &RawPage, examples: &[super::Example]) -> UnresolvedBody {
    let sends_json = examples
        .iter()
        .any(|e| e.role == ExampleRole::Request && e.json.is_some() && e.http.as_ref().and_then(|h| h.method.as_deref()) == Some(ep.method.as_str()));
    let _ = page;
    if sends_json {
        UnresolvedBody::Unknown(ep.line, "the page has no Request body section but its request example sends JSON")
    } else {
        UnresolvedBody::None
    }
}

/// The JSON objects the endpoint's request examples send.
fn sent_bodies<'a>(ep: &Endpoint, examples: &'a [super::Example]) -> Vec<&'a crate::parse::json::Object> {
    examples
        .iter()
        .filter(|e| e.role == ExampleRole::Request && e.binding.as_ref().is_some_and(|b| b.endpoint == ep.name))
        .filter_map(|e| e.json.as_ref().and_then(Json::as_object))
        .collect()
}

/// What the body is decided from: the Request body sections, the request
/// headers, the Response section's type and the examples' bodies.
struct Body<'a> {
    sections: Vec<&'a RawSection>,
    headers: &'a [Header],
    prose: &'a Option<Seen>,
    sent: &'a [&'a crate::parse::json::Object],
}

/// Decide the body from the Request body section(s).
fn body_from_sections(ep: &Endpoint, page: &RawPage, b: Body, query: &mut QueryText) -> UnresolvedBody {
    let Body { sections, headers, prose, sent } = b;
    let blocks: Vec<&Block> = sections.iter().flat_map(|s| s.blocks.iter()).collect();
    let tables: Vec<&Table> = sections.iter().flat_map(|s| s.tables.iter()).filter(|t| is_parameter_table(t)).collect();
    let text = body_text(&blocks);
    let line = sections.first().map_or(ep.line, |s| s.line);
    if text.url_parameters && !tables.is_empty() && !text.representation {
        for t in &tables {
            query_text(&[], &[(*t).clone()], query);
        }
        return UnresolvedBody::None;
    }
    let params = || tables.iter().flat_map(|t| table_params(t, ep, sent, &text)).collect::<Vec<UnresolvedParam>>();
    let first_col = tables.first().and_then(|t| t.header.first()).map(|h| h.trim().to_ascii_lowercase()).unwrap_or_default();
    let property_table = first_col.starts_with("propert") || first_col.starts_with("field") || first_col.starts_with("attribute");
    let content_type = headers.iter().find(|h| h.name.eq_ignore_ascii_case("content-type")).and_then(|h| h.value.as_deref()).map(str::to_ascii_lowercase);
    let binary_type = content_type.as_deref().is_some_and(|ct| !ct.contains("json") && !ct.contains("form") && (ct.contains('/') || ct.contains("stream")));
    if tables.is_empty() && (text.stream || binary_type) {
        return UnresolvedBody::Stream;
    }
    let last = ep.paths.first().map(|p| p.template.rsplit('/').next().unwrap_or("")).unwrap_or("");
    if tables.is_empty() && (text.reference || (last == "$ref" && ep.method != "DELETE")) {
        let p = UnresolvedParam { name: "@odata.id".into(), ty: Err("Edm.String".into()), required: true, line };
        return UnresolvedBody::Parameters(vec![p]);
    }
    let sent_keys = || {
        sent.iter()
            .map(|o| o.iter().filter(|(k, _)| !k.contains('@') || *k == "@odata.type").map(|(k, v)| (k.to_string(), matches!(v, Json::Array(_)))).collect())
            .collect()
    };
    // A body of one of `candidates`, the table's parameters as fallback.
    let of_type = |candidates: Vec<TypeRef>, rows_first: bool| UnresolvedBody::Type {
        candidates,
        collection: text.collection,
        line,
        fallback: params(),
        sent: sent_keys(),
        rows_first,
        optional: text.optional,
    };
    if !tables.is_empty() && !property_table {
        if text.json_representation && !text.links.is_empty() && !sent.is_empty() {
            return of_type(text.links.iter().cloned().map(TypeRef::Link).collect(), true);
        }
        return UnresolvedBody::Parameters(params());
    }
    if !text.links.is_empty() || !text.words.is_empty() || property_table || (text.representation && !text.none) {
        let mut candidates: Vec<TypeRef> = text.links.iter().cloned().map(TypeRef::Link).collect();
        candidates.extend(text.words.iter().cloned().map(TypeRef::Word));
        if ep.method == "PATCH" || ep.method == "PUT" || (property_table && text.json_representation) {
            // The type being updated: the one the response returns, the
            // page's own name (`widget-update.md`), the title's object.
            if let Some(p) = prose.as_ref().filter(|p| !p.collection) {
                candidates.extend(p.refs.iter().filter(|r| !matches!(r, TypeRef::Edm(_))).cloned());
            }
            let stem = page.path.rsplit('/').next().unwrap_or("").split(['-', '_', '.']).next().unwrap_or("");
            candidates.push(TypeRef::Word(stem.to_string()));
        }
        // A property list that names no type: the type every request
        // example names by its `@odata.type`.
        let named: Vec<&str> = sent.iter().filter_map(|o| o.get("@odata.type").and_then(Json::as_str)).map(|t| t.trim_start_matches('#')).collect();
        if candidates.is_empty() && property_table && !named.is_empty() && named.len() == sent.len() && named.iter().all(|t| *t == named[0]) {
            candidates.push(word_ref(named[0]));
        }
        if !candidates.is_empty() {
            return of_type(candidates, false);
        }
    }
    if text.none {
        return UnresolvedBody::None;
    }
    if !tables.is_empty() {
        return UnresolvedBody::Parameters(params());
    }
    if blocks.is_empty() {
        return UnresolvedBody::None;
    }
    UnresolvedBody::Unknown(line, "the Request body section names no type, table or stream")
}

/// The rows of a parameter table. Rows that say nothing about being
/// required take the table's rule: optional when other rows say
/// "Required", required when others say "Optional", else required for an
/// action's parameters (unless a request example of the page leaves the
/// parameter out: the page itself shows a call without it) and optional
/// for a property list (never for an update); the prose overrules that
/// when it says the body may be left out (optional) or calls the rows
/// required.
fn table_params(t: &Table, ep: &Endpoint, sent: &[&crate::parse::json::Object], text: &BodyText) -> Vec<UnresolvedParam> {
    let name_col = prose::column(&t.header, &["parameter", "name", "property", "properties", "key", "field", "attribute", "member"]).unwrap_or(0);
    let type_col = prose::column(&t.header, &["type"]);
    let required = prose::required_column(&t.header);
    let said: Vec<Option<bool>> = t.rows.iter().map(|r| prose::row_required(required, &r.cells)).collect();
    let properties = t.header.first().is_some_and(|h| h.starts_with("propert"));
    let default = if said.contains(&Some(true)) {
        false
    } else if said.contains(&Some(false)) {
        ep.method != "PATCH"
    } else {
        text.required || (!properties && !text.optional && ep.method == "POST")
    };
    let mut out: Vec<UnresolvedParam> = Vec::new();
    for (row, said) in t.rows.iter().zip(said) {
        let name = row.cells.get(name_col).map(|c| prose::clean_name(&c.text)).unwrap_or_default();
        // The spelling a request example sends when the table's differs
        // only in case (`Comment`, `comment`): the example is a call that
        // works.
        // The same for a row the example binds (`app` sent as `app@odata.bind`).
        let spelt = |k: &str| k.eq_ignore_ascii_case(&name) || k.strip_suffix("@odata.bind").is_some_and(|b| b.eq_ignore_ascii_case(&name));
        let name = sent.iter().find_map(|o| o.keys().find(|k| *k != name && spelt(k))).map_or(name, str::to_string);
        if !prose::is_param_name(&name) || out.iter().any(|p| p.name == name) {
            continue;
        }
        let ty = match type_col.and_then(|c| row.cells.get(c)) {
            Some(c) => Ok(c.clone()),
            None => Err(super::types::UNTYPED.to_string()),
        };
        let left_out = sent.iter().any(|o| o.get(&name).is_none());
        out.push(UnresolvedParam { name, ty, required: said.unwrap_or(default && !left_out), line: row.line });
    }
    out
}

/// The function parameters in the endpoint's paths (`f(period='{period}')`),
/// typed by the page's parameter table when it lists them; required when
/// every path passes them (a path without them calls the function bare).
fn function_parameters(ep: &Endpoint, query: &QueryText) -> Vec<UnresolvedParam> {
    let mut out: Vec<UnresolvedParam> = Vec::new();
    for p in &ep.paths {
        for seg in p.template.split('/') {
            let Some((_, args)) = seg.split_once('(') else { continue };
            for arg in args.trim_end_matches(')').split(',') {
                let Some((name, value)) = arg.split_once('=') else { continue };
                let name = name.trim();
                if !value.contains('{') || !prose::is_param_name(name) || out.iter().any(|o| o.name == name) {
                    continue;
                }
                let quoted = value.trim().starts_with('\'');
                let documented = query.parameters.iter().find(|q| q.name.eq_ignore_ascii_case(name)).and_then(|q| q.ty.clone());
                let ty = match documented {
                    Some(c) => Ok(c),
                    None => Err(if quoted { "Edm.String" } else { super::types::UNTYPED }.to_string()),
                };
                let everywhere = ep
                    .paths
                    .iter()
                    .all(|q| q.template.rsplit('/').next().is_some_and(|l| l.split(['(', ',']).any(|a| a.trim().starts_with(&format!("{name}=")))));
                out.push(UnresolvedParam { name: name.to_string(), ty, required: everywhere, line: p.line });
            }
        }
    }
    out
}

/// The headers of a Request headers table: name, a fixed value when the
/// page gives one, and whether the page says it is required.
fn headers_of(t: &Table) -> Vec<Header> {
    let value_col = prose::column(&t.header, &["value"]).unwrap_or(1);
    // Sized from the rows (the headers stay in the model; collected from a
    // filter, they took four slots for one or two).
    let mut out = Vec::with_capacity(t.rows.len());
    // The other cells of a row, joined and in lower case (one buffer per table).
    let mut rest = String::new();
    out.extend(t.rows.iter().filter_map(|r| {
        let mut name = prose::clean_name(&r.cells.first()?.text);
        name.truncate(name.trim_end_matches(':').len());
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return None;
        }
        rest.clear();
        for (i, c) in r.cells.iter().skip(1).enumerate() {
            if i > 0 {
                rest.push_str(" | ");
            }
            rest.push_str(&c.text);
        }
        rest.make_ascii_lowercase();
        let required = prose::required_in_lower(&rest).unwrap_or(false) || (name.eq_ignore_ascii_case("authorization") && !rest.contains("optional"));
        let value = r.cells.get(value_col).and_then(|c| fixed_value(&c.text));
        Some(Header { name, value, required })
    }));
    out
}

/// The value a header cell fixes: its first sentence when that is one token
/// with no placeholder (`eventual`, `application/json`).
fn fixed_value(cell: &str) -> Option<String> {
    let first = cell.trim().split(". ").next()?.trim().trim_end_matches(['.', ',', ';']).trim_matches('`').trim();
    let first = first.split(" (").next()?.trim();
    let placeholder = first.contains(['{', '<', '}', '>', '*']) || first.is_empty() || first.contains(' ');
    let word = |w: &str| first.eq_ignore_ascii_case(w);
    (!placeholder && !["required", "optional", "string", "none", "n/a"].into_iter().any(word)).then(|| first.to_string())
}

/// What an endpoint's page says, for measuring how much of it the model
/// holds (the corpus figures).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The Response section says a body is returned.
    pub says_body: bool,
    /// A Request body section holds a parameter or property table.
    pub body_table: bool,
    /// The page has an optional-query-parameters section.
    pub query_section: bool,
    /// That section says no option is supported.
    pub query_none: bool,
}

/// [`Evidence`] of one endpoint of a page.
pub fn evidence(page: &RawPage, ep: &Endpoint) -> Evidence {
    let sections = sections_for(page, ep);
    let mut e = Evidence::default();
    if let Some(s) = sections.iter().find(|s| s.kind == SectionKind::Response) {
        e.says_body = response_text(&s.blocks).says_body;
    }
    e.body_table =
        !matches!(ep.method.as_str(), "GET" | "HEAD") && sections.iter().any(|s| s.kind == SectionKind::RequestBody && s.tables.iter().any(is_parameter_table));
    let mut q = QueryText::default();
    for s in sections.iter().filter(|s| s.kind == SectionKind::QueryOptions) {
        e.query_section = true;
        query_text(&s.blocks, &s.tables, &mut q);
    }
    e.query_none = q.none;
    e
}
