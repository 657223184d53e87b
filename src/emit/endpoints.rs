//! Endpoint modules (`src/<version>/<area>.rs`): per endpoint a `static`
//! holding everything documented about it as one string literal (its spec,
//! written by the runtime's own encoder), and per path a function that
//! builds the request. Written as formatted text (see [`super::code`]).

use super::code::{cat, list_with, ln, model_id, strcat, Code, Lit};
use super::md_text;
use super::operation_doc;
use super::runtime as rt;
use super::rust_types::{self, Known};
use super::Sink;
use crate::model::naming::screaming;
use crate::model::{Endpoint, PathPiece, PathTemplate, Permission, Permissions, RequestBody, Shared};

/// The whole file, into `sink`.
pub fn file(sink: &mut dyn Sink, eps: &[&Endpoint], known: &Known) {
    let mut c = Code::new();
    c.line("#[allow(unused_imports)]");
    c.line("use super::super::support::{self as rt, EndpointRef, Request};");
    sink.push(c.text());
    // The endpoints are written in parallel and handed on in order.
    super::sink::in_order(sink, eps, |c, ep| {
        c.line("");
        endpoint(c, ep, known);
    });
    sink.push(&super::params::markers(eps));
}

/// The static's doc: what it is, and where the operation is documented
/// (its functions' docs give the description, permissions, query options
/// and headers; saying it all twice only made the output bigger).
fn const_doc(ep: &Endpoint) -> String {
    let title = md_text(&ep.title);
    // Sized once for the sentences after the title.
    let mut doc = String::with_capacity(title.len() + 64 + ep.paths.iter().map(|p| p.fn_name.len() + 8).sum::<usize>());
    cat!(&mut doc; title, "\n\nThe facts of ");
    for (i, p) in ep.paths.iter().enumerate() {
        cat!(&mut doc; if i == 0 { "" } else { ", " }, "[`", model_id(&p.fn_name), "`]");
    }
    if ep.paths.is_empty() {
        doc.push_str("an operation without a path");
    }
    doc.push_str(" as data, decoded on first use");
    doc.push('.');
    for t in &ep.unattached_permissions {
        cat!(&mut doc; "\n\nThe page also has a table that governs none of the paths it lists (", md_text(&t.caption), ").");
    }
    doc
}

fn endpoint(c: &mut Code, ep: &Endpoint, known: &Known) {
    let konst = screaming(&ep.name);
    let (const_doc, spec) = (const_doc(ep), spec(ep));
    let response = rust_types::response(ep.response.as_ref(), known, TYPES);
    let body = body_arg(ep, known);
    let mut docs = operation_doc::DocWriter::new(c, ep, &konst, &response, body.as_ref().map(|b| b.0.as_str()));
    // The item's buffer sized once for what is known now (each function's
    // doc repeats the shared parts), not grown from a guess.
    c.reserve(256 + const_doc.len() + spec.len() + ep.paths.len() * (768 + docs.shared_len()));
    c.doc(&const_doc);
    ln!(c; "pub static ", model_id(&konst), ": EndpointRef = EndpointRef::new(", Lit(&spec), ");");
    if let RequestBody::Parameters { parameters } = &ep.request_body {
        super::params::parameters_struct(c, ep, parameters, known);
    }
    for (index, p) in ep.paths.iter().enumerate() {
        c.line("");
        docs.write(c, p);
        if p.deprecated {
            c.line("#[deprecated(note = \"the documentation marks this path deprecated\")]");
        }
        // The arguments: the path's parameters, then the body's.
        let arg = |b: &mut String, i: usize| match (p.params.get(i), &body) {
            (Some(a), _) => cat!(b; model_id(a), ": &str"),
            (None, Some((arg, _))) => b.push_str(arg),
            (None, None) => {}
        };
        let head = |b: &mut String| cat!(b; "pub fn ", model_id(&p.fn_name), '(');
        list_with(c, head, p.params.len() + usize::from(body.is_some()), arg, |b| cat!(b; ") -> Request<", response, "> {"));
        let set = body.as_ref().map_or("", |b| b.1);
        c.depth_in();
        let head = |b: &mut String| cat!(b; model_id(&konst), ".request(", index, ", &[");
        list_with(c, head, p.params.len(), |b, i| cat!(b; p.params.get(i).map(|a| model_id(a)).unwrap_or_default()), |b| cat!(b; "])", set));
        c.depth_out();
        c.line("}");
    }
}

/// The model's pieces of a path template as the runtime reads them: the
/// literal text around the parameters (one more than there are
/// parameters), and the parameters that keep their slashes as a bit set.
/// The literals are the model's own shared strings (a literal between two
/// parameters is one piece).
fn path_pieces(p: &PathTemplate, empty: &Shared) -> (Vec<Shared>, u64) {
    let mut literals = Vec::with_capacity(p.params.len() + 1);
    // The text since the last parameter.
    let mut literal: Option<Shared> = None;
    let mut keep_slash = 0u64;
    for piece in &p.pieces {
        match piece {
            PathPiece::Lit(l) => literal = Some(literal.take().map_or_else(|| l.clone(), |before| [&*before, &**l].concat().into())),
            PathPiece::Param { index, keep_slash: keep } => {
                if *index < 64 && *keep {
                    keep_slash |= 1 << index;
                }
                literals.push(literal.take().unwrap_or_else(|| empty.clone()));
            }
        }
    }
    literals.push(literal.unwrap_or_else(|| empty.clone()));
    (literals, keep_slash)
}

fn permission(p: &Permission) -> rt::PermissionOf<'_, Shared> {
    rt::PermissionOf { supported: p.supported, scopes: &p.scopes, least: &p.least_privileged }
}

fn permissions(p: &Permissions) -> rt::PermissionsOf<'_, Shared> {
    rt::PermissionsOf {
        delegated_work: permission(&p.delegated_work),
        delegated_personal: permission(&p.delegated_personal),
        application: permission(&p.application),
    }
}

/// The spec of an endpoint's `static`: the model's facts in the runtime's
/// structures, encoded by the runtime ([`rt::EndpointOf::to_spec`]), which
/// decodes it in the generated crate. Its strings are the model's shared
/// ones (scopes, parameter names) or copied into that type.
pub fn spec(ep: &Endpoint) -> String {
    let empty = Shared::default();
    let pieces: Vec<(Vec<Shared>, u64)> = ep.paths.iter().map(|p| path_pieces(p, &empty)).collect();
    let scenarios: Vec<Vec<(Shared, rt::PermissionsOf<'_, Shared>)>> =
        ep.paths.iter().map(|p| p.permission_scenarios.iter().map(|s| (s.caption.as_str().into(), permissions(&s.permissions))).collect()).collect();
    let paths: Vec<rt::PathInfoOf<'_, Shared>> = ep
        .paths
        .iter()
        .zip(&pieces)
        .zip(&scenarios)
        .map(|((p, (pieces, keep_slash)), scenarios)| rt::PathInfoOf {
            template: p.template.clone(),
            params: &p.params,
            deprecated: p.deprecated,
            function: p.fn_name.as_str().into(),
            pieces,
            keep_slash: *keep_slash,
            // The path's own table only: when the operation's table
            // governs, `path_permissions` falls back to it.
            permissions: p.permissions.as_deref().map(permissions),
            scenarios,
        })
        .collect();
    let headers: Vec<rt::HeaderInfoOf<Shared>> = ep
        .headers
        .iter()
        .map(|h| rt::HeaderInfoOf { name: h.name.as_str().into(), value: h.value.as_deref().map(Shared::from), required: h.required })
        .collect();
    let query_options: Vec<Shared> = ep.query_options.iter().map(|o| o.as_str().into()).collect();
    rt::EndpointOf {
        name: ep.name.as_str().into(),
        title: ep.title.as_str().into(),
        page: ep.page.clone(),
        version: ep.version.as_str().into(),
        method: ep.method.as_str().into(),
        paths: &paths,
        permissions: ep.permissions.as_ref().map(permissions),
        success_status: ep.success_status,
        query_options: &query_options,
        headers: &headers,
    }
    .to_spec()
}

/// Path of the version's types module from an area module.
pub const TYPES: &str = "super::types::";

/// Whether an endpoint's functions take a body argument ([`body_arg`]).
pub fn takes_body(ep: &Endpoint) -> bool {
    match &ep.request_body {
        RequestBody::None | RequestBody::Unknown => false,
        RequestBody::Parameters { parameters } => !parameters.is_empty(),
        RequestBody::Type { .. } | RequestBody::Stream => true,
    }
}

/// The body argument of an endpoint's functions and the call that sets it.
pub fn body_arg(ep: &Endpoint, known: &Known) -> Option<(String, &'static str)> {
    match &ep.request_body {
        _ if !takes_body(ep) => None,
        RequestBody::None | RequestBody::Unknown => None,
        RequestBody::Type { ty, type_id, collection } => {
            Some(match (rust_types::is_structured(crate::model::TypeRef { name: ty, id: *type_id }, known), collection) {
                (Some(name), false) => (strcat!("body: &", TYPES, model_id(&name)), ".with_body(body)"),
                (Some(name), true) => (strcat!("body: &[", TYPES, model_id(&name), ']'), ".with_bodies(body)"),
                (None, _) => ("body: &rt::Value".to_string(), ".with_json_value(body)"),
            })
        }
        RequestBody::Parameters { .. } => Some((strcat!("body: &", model_id(&ep.parameters_type())), ".with_body(body)")),
        RequestBody::Stream => Some(("content_type: &str, content: Vec<u8>".to_string(), ".with_content(content_type, content)")),
    }
}
