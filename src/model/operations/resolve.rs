//! The second step of the operations: look the drafted type names up in the
//! version's types and fill the endpoint's fields.

use super::prose::{COLLECTION_DEFAULTS, ENTITY_DEFAULTS};
use super::{Seen, TypeRef, UnresolvedBody, UnresolvedOp, UnresolvedParam};
use crate::diag::Diagnostic;
use crate::model::naming::{self, Unique};
use crate::model::types::{Lookup, TypeRead};
use crate::model::{Endpoint, Parameter, RequestBody, Response, ResponseSource};

/// Fill `ep`'s request body, response, query options and parameters and
/// headers from its draft.
pub fn resolve(d: UnresolvedOp, ep: &mut Endpoint, look: &Lookup, diags: &mut Vec<Diagnostic>) {
    let UnresolvedOp { body, no_body, from_prose, from_example, raw_content, query, query_parameters, headers } = d;
    let page = ep.page.clone();
    let mut diag = |line: u32, msg: String| diags.push(Diagnostic::new("W060", &page, line, 1, msg));
    let mut prose_type = from_prose.as_ref().and_then(|s| seen_type(s, look, Some(&mut diag)));
    let examples: Vec<((String, bool), &Seen)> = from_example.iter().filter_map(|s| seen_type(s, look, None).map(|t| (t, s))).collect();
    let same_type = |e: &(String, bool), p: &(String, bool)| look.derives(&e.0, &p.0);
    // The example that agrees with the prose, if any (pages with several
    // formats show one example each); else one of the prose's type; else
    // the first.
    let agrees = |e: &(String, bool), p: &Option<(String, bool)>| p.as_ref().is_some_and(|p| p.1 == e.1 && same_type(e, p));
    let example = examples
        .iter()
        .find(|(t, _)| agrees(t, &prose_type))
        .or_else(|| examples.iter().find(|(t, _)| prose_type.as_ref().is_some_and(|p| same_type(t, p))))
        .or(examples.first());
    // The response is a collection when the prose says so or an example of
    // the prose's type is one (a `value` array), unless the path ends in a
    // key (it addresses one entity) or it creates one (a POST that sends
    // a resource). The docs lint still reports the two disagreeing, below.
    let key_path = ep.paths.first().is_some_and(|p| {
        let last = p.template.rsplit('/').next().unwrap_or("");
        (last.starts_with('{') && last.ends_with('}')) || (last.ends_with(')') && !last.contains('='))
    });
    let prose_said = prose_type.clone();
    if let (Some(p), Some(((_, true), _))) = (prose_type.as_mut(), example) {
        let create = ep.method == "POST" && matches!(body, UnresolvedBody::Type { .. });
        if !key_path && !create && !p.1 && example.is_some_and(|(t, _)| same_type(t, p)) && !p.0.starts_with("Edm.") {
            p.1 = true;
        }
    }
    ep.response = response(prose_type.clone(), example.map(|(t, _)| t.clone()), no_body, raw_content);
    if let (Some((pt, pc)), Some((et, ex))) = (&prose_said, example) {
        if ex.explicit && !agrees(et, &prose_said) {
            let show = |t: &str, c: bool| if c { format!("a collection of `{t}`") } else { format!("`{t}`") };
            let line = from_prose.as_ref().map_or(ep.line, |p| p.line);
            let msg = format!(
                "docs inconsistency: the Response section ({}:{line}) returns {}, the response example ({}:{}) {}",
                ep.page,
                show(pt, *pc),
                ep.page,
                ex.line,
                show(&et.0, et.1)
            );
            diags.push(Diagnostic::new("W108", &ep.page, line, 1, msg));
        }
    }
    ep.request_body = request_body(body, look, &ep.page, diags);
    ep.query_options = if query.none {
        Vec::new()
    } else if !query.named.is_empty() {
        query.named.iter().map(|s| s.to_string()).collect()
    } else if query.generic {
        let coll = ep.response.as_ref().is_some_and(|r| r.collection);
        (if coll { COLLECTION_DEFAULTS } else { ENTITY_DEFAULTS }).iter().map(|s| s.to_string()).collect()
    } else {
        Vec::new()
    };
    ep.query_parameters = parameters(query_parameters, look, &ep.page, diags);
    ep.headers = headers;
    ep.request_body_type = match &ep.request_body {
        RequestBody::Type { ty, .. } => Some(ty.clone()),
        _ => None,
    };
    if let Some(r) = &ep.response {
        ep.response_type = Some(r.ty.clone());
    }
}

/// The first of a seen type's names that resolves. A resource link that no
/// page defines gets a W060 (when `diag` is given).
fn seen_type(s: &Seen, look: &Lookup, mut diag: Option<&mut dyn FnMut(u32, String)>) -> Option<(String, bool)> {
    let mut plural = false;
    for r in &s.refs {
        let found = match r {
            TypeRef::Edm(e) => Some(e.clone()),
            TypeRef::Link(l) => {
                let t = look.link(l);
                // A plural link text (`[widgets](widget.md)`) names a collection.
                let short = t.as_deref().map(|t| t.rsplit('.').next().unwrap_or(t)).unwrap_or("");
                plural |= !short.is_empty()
                    && l.text.len() == short.len() + 1
                    && l.text.ends_with('s')
                    && l.text.get(..short.len()).is_some_and(|p| p.eq_ignore_ascii_case(short));
                if t.is_none() {
                    if let Some(d) = diag.as_mut() {
                        d(s.line, format!("the Response section names `{}` ({}), which no page defines", l.text, l.target));
                    }
                }
                t
            }
            TypeRef::Word(w) => look.word(w).or_else(|| look.word(&naming::singular(w))),
        };
        if let Some(t) = found.filter(|t| t != crate::model::types::UNTYPED) {
            let value_list = s.value_list && look.declares(&t, "value") != Some(true);
            let collection = (s.collection || plural || value_list) && t != "Edm.Stream";
            return Some((t, collection));
        }
    }
    None
}

fn response(prose: Option<(String, bool)>, example: Option<(String, bool)>, no_body: bool, raw_content: bool) -> Option<Response> {
    let make = |(ty, collection): (String, bool), source| Some(Response { ty, type_id: None, collection, source });
    match (prose, example) {
        (Some(p), Some(e)) => {
            let agree = p.0.eq_ignore_ascii_case(&e.0) && p.1 == e.1;
            make(p, if agree { ResponseSource::Both } else { ResponseSource::Prose })
        }
        (Some(p), None) => make(p, ResponseSource::Prose),
        (None, Some(e)) if !no_body => make(e, ResponseSource::Example),
        (None, _) if raw_content && !no_body => make(("Edm.Stream".into(), false), ResponseSource::Prose),
        _ => None,
    }
}

fn request_body(body: UnresolvedBody, look: &Lookup, page: &str, diags: &mut Vec<Diagnostic>) -> RequestBody {
    match body {
        UnresolvedBody::None => RequestBody::None,
        UnresolvedBody::Stream => RequestBody::Stream,
        UnresolvedBody::Unknown(line, why) => {
            diags.push(Diagnostic::new("W055", page, line, 1, format!("request body not understood: {why}")));
            RequestBody::Unknown
        }
        UnresolvedBody::Parameters(p) => RequestBody::Parameters { parameters: parameters(p, look, page, diags) },
        UnresolvedBody::Type { candidates, collection, line, fallback, sent, rows_first, optional } => {
            // An enum is never a JSON object body (the candidates include
            // the response's type, which may be one).
            let is_enum = |r: &TypeRef| {
                let one = Seen { refs: vec![r.clone()], collection: false, line, explicit: true, value_list: false };
                seen_type(&one, look, None).is_some_and(|(t, _)| look.is_enum(&t))
            };
            let refs = candidates.into_iter().filter(|r| !is_enum(r)).collect();
            let seen = Seen { refs, collection, line, explicit: true, value_list: false };
            // Only the words make a body a collection: a plural link text
            // ("the values for [widgets](widget.md)") names the type.
            match seen_type(&seen, look, None) {
                Some((ty, _)) if rows_first && !beyond_rows(&ty, &sent, &fallback, look) => {
                    RequestBody::Parameters { parameters: parameters(fallback, look, page, diags) }
                }
                Some((ty, _)) if !ty.starts_with("Edm.") => match unfit(&ty, collection, &sent, &fallback, look) {
                    Some(Unfit::Rows) => RequestBody::Parameters { parameters: parameters(fallback, look, page, diags) },
                    Some(Unfit::Wrapped(name, array)) => {
                        let rust_name = naming::snake(&name);
                        RequestBody::Parameters { parameters: vec![Parameter { name, rust_name, ty, type_id: None, collection: array, required: !optional }] }
                    }
                    None => RequestBody::Type { ty, type_id: None, collection },
                },
                _ if !fallback.is_empty() => RequestBody::Parameters { parameters: parameters(fallback, look, page, diags) },
                _ => {
                    let named: Vec<&str> = seen.refs.iter().filter_map(|r| if let TypeRef::Link(l) = r { Some(l.text.as_str()) } else { None }).collect();
                    let why = if named.is_empty() {
                        "no type it names is defined".to_string()
                    } else {
                        format!("it names `{}`, which no page defines", named.join("`, `"))
                    };
                    diags.push(Diagnostic::new("W055", page, line, 1, format!("request body not understood: {why}")));
                    RequestBody::Unknown
                }
            }
        }
    }
}

/// How the request examples show that a body is not the type the prose
/// named.
enum Unfit {
    /// The examples send the table's rows, which the type does not declare
    /// (an action whose table the page calls properties).
    Rows,
    /// The examples send one member named after the type, holding it (or,
    /// when true, an array of it): `{"widget": {..}}`.
    Wrapped(String, bool),
}

/// Whether every request example of a body read as `ty` sends a member
/// `ty` does not declare, and what they send instead. An example that fits
/// the type (or names its type) keeps it; so does a type the pages do not
/// define.
fn unfit(ty: &str, collection: bool, sent: &[Vec<(String, bool)>], rows: &[UnresolvedParam], look: &Lookup) -> Option<Unfit> {
    if sent.is_empty() || collection {
        return None;
    }
    for keys in sent {
        // An example that names its type sends an object of that type.
        if keys.iter().any(|(k, _)| k == "@odata.type") {
            return None;
        }
        let mut undeclared = false;
        for (k, _) in keys {
            undeclared |= !look.declares(ty, k)?;
        }
        if !undeclared {
            return None;
        }
    }
    if !rows.is_empty() && sent.iter().all(|keys| keys.iter().all(|(k, _)| rows.iter().any(|p| p.name == *k))) {
        return Some(Unfit::Rows);
    }
    let short = ty.rsplit('.').next().unwrap_or(ty);
    let named = |k: &str| {
        k.eq_ignore_ascii_case(short) || (k.len() == short.len() + 1 && k.ends_with('s') && k.get(..short.len()).is_some_and(|p| p.eq_ignore_ascii_case(short)))
    };
    match sent.first().map(Vec::as_slice) {
        Some([(k, array)]) if named(k) && sent.iter().all(|keys| matches!(keys.as_slice(), [(o, a)] if o == k && a == array)) => {
            Some(Unfit::Wrapped(k.clone(), *array))
        }
        _ => None,
    }
}

/// Whether the request examples send members the table's rows do not list,
/// all of which the type `ty` declares (a create whose table lists only the
/// required properties).
fn beyond_rows(ty: &str, sent: &[Vec<(String, bool)>], rows: &[UnresolvedParam], look: &Lookup) -> bool {
    let listed = |k: &str| rows.iter().any(|p| p.name == k);
    sent.iter().any(|keys| keys.iter().any(|(k, _)| k != "@odata.type" && !listed(k)))
        && sent.iter().all(|keys| keys.iter().all(|(k, _)| k == "@odata.type" || listed(k) || look.declares(ty, k) == Some(true)))
}

/// Parameters with their types looked up and Rust names unique in the list.
fn parameters(drafts: Vec<UnresolvedParam>, look: &Lookup, page: &str, diags: &mut Vec<Diagnostic>) -> Vec<Parameter> {
    let mut names = Unique::new();
    drafts
        .into_iter()
        .map(|p| {
            let (ty, collection) = match &p.ty {
                Err(edm) => (edm.clone(), false),
                Ok(cell) => match look.cell(cell) {
                    TypeRead::Known(t, c) => (t, c),
                    TypeRead::Unknown(q, c) => {
                        diags.push(Diagnostic::new("W060", page, p.line, 1, format!("parameter `{}` has type `{q}`, which no page defines", p.name)));
                        (q, c)
                    }
                    TypeRead::Unreadable => (crate::model::types::UNTYPED.to_string(), false),
                },
            };
            let rust_name = names.name_owned(naming::snake(&p.name));
            Parameter { name: p.name, rust_name, ty, type_id: None, collection, required: p.required }
        })
        .collect()
}
