//! Endpoint modules (`src/<version>/<area>.rs`): per endpoint a constant
//! with everything documented about it, and per path a function that builds
//! the request. Written as formatted text (see [`super::code`]).

use super::code::{cat, id, list, ln, open, push_lit, str_lit, strcat, Code, Lit};
use super::rust_types::{self, Known};
use super::{docs_url, md_code, md_text};
use crate::model::naming::screaming;
use crate::model::{Endpoint, PathPiece, PathTemplate, Permission, Permissions, RequestBody};
use rayon::prelude::*;

/// The whole file.
pub fn file(eps: &[&Endpoint], known: &Known) -> Vec<String> {
    let mut c = Code::new();
    c.line("#[allow(unused_imports)]");
    c.line("use super::super::support::{self as rt, Endpoint, PathInfo, Permission, Permissions, Request};");
    // The endpoints are written in parallel and joined in order.
    let items = eps.par_iter().map(|ep| {
        let mut c = Code::with_capacity(1024 + 768 * ep.paths.len());
        c.line("");
        endpoint(&mut c, ep, known);
        c.finish()
    });
    let mut parts = vec![c.finish()];
    parts.par_extend(items);
    parts
}

fn push_permission(b: &mut String, p: &Permission) {
    if !p.supported {
        b.push_str("Permission::NOT_SUPPORTED");
        return;
    }
    b.push_str("Permission::ranked(&[");
    push_lits(b, &p.scopes);
    b.push_str("], &[");
    push_lits(b, &p.least_privileged);
    b.push_str("])");
}

fn push_lits(b: &mut String, items: &[String]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            b.push_str(", ");
        }
        push_lit(b, item);
    }
}

/// The `scenarios:` field of a path: one `(caption, table)` per scenario.
fn scenarios_field(c: &mut Code, scenarios: &[crate::model::PermissionScenario]) {
    if scenarios.is_empty() {
        c.line("scenarios: &[],");
        return;
    }
    c.open("scenarios: &[");
    for s in scenarios {
        c.open("(");
        c.lit_line("", &s.caption, ",");
        let p = &s.permissions;
        c.open("Permissions {");
        for (label, perm) in [("delegated_work: ", &p.delegated_work), ("delegated_personal: ", &p.delegated_personal), ("application: ", &p.application)] {
            c.line_with(|b| {
                b.push_str(label);
                push_permission(b, perm);
                b.push(',');
            });
        }
        c.close("},");
        c.close("),");
    }
    c.close("],");
}

/// The `permissions:` field of an endpoint or path.
fn permissions_field(c: &mut Code, permissions: Option<&Permissions>) {
    let Some(p) = permissions else {
        c.line("permissions: None,");
        return;
    };
    c.open("permissions: Some(Permissions {");
    for (label, perm) in [("delegated_work: ", &p.delegated_work), ("delegated_personal: ", &p.delegated_personal), ("application: ", &p.application)] {
        c.line_with(|b| {
            b.push_str(label);
            push_permission(b, perm);
            b.push(',');
        });
    }
    c.close("}),");
}

fn permission_doc(doc: &mut String, label: &str, p: &Permission) {
    cat!(doc; "- ", label, ": ");
    match (p.supported, p.scopes.is_empty()) {
        (false, _) => doc.push_str("not supported"),
        (true, true) => doc.push_str("no scope needed"),
        (true, false) => {
            for (i, scope) in p.scopes.iter().enumerate() {
                if i > 0 {
                    doc.push_str(", ");
                }
                doc.push_str(&md_text(scope));
            }
        }
    }
}

fn const_doc(ep: &Endpoint) -> String {
    let mut doc = strcat!(md_text(&ep.title), '\n');
    if let Some(d) = &ep.description {
        cat!(&mut doc; '\n', md_text(d), '\n');
    }
    cat!(&mut doc; "\nSource: ", md_code(&ep.page));
    if let Some(u) = docs_url(&ep.page) {
        cat!(&mut doc; " (<", u, ">)");
    }
    doc.push('\n');
    match &ep.permissions {
        Some(Permissions { delegated_work, delegated_personal, application }) => {
            doc.push_str("\nPermissions:\n");
            permission_doc(&mut doc, "delegated (work or school account)", delegated_work);
            doc.push('\n');
            permission_doc(&mut doc, "delegated (personal Microsoft account)", delegated_personal);
            doc.push('\n');
            permission_doc(&mut doc, "application", application);
        }
        None if ep.paths.iter().any(|p| p.permissions.is_some() || !p.permission_scenarios.is_empty()) => {
            doc.push_str("\nPermissions: one table per path or scenario; see each path's function.");
        }
        None => doc.push_str("\nPermissions: not documented in a readable table."),
    }
    for t in &ep.unattached_permissions {
        cat!(&mut doc; "\n\nThe page also has a table that governs none of the paths it lists (", md_text(&t.caption), ").");
    }
    doc
}

fn endpoint(c: &mut Code, ep: &Endpoint, known: &Known) {
    let konst = screaming(&ep.name);
    c.doc(&const_doc(ep));
    open!(c; "pub const ", id(&konst), ": Endpoint = Endpoint {");
    c.lit_line("name: ", &ep.name, ",");
    c.lit_line("title: ", &ep.title, ",");
    c.lit_line("page: ", &ep.page, ",");
    c.lit_line("version: ", &ep.version, ",");
    c.lit_line("method: ", &ep.method, ",");
    c.open("paths: &[");
    for p in &ep.paths {
        c.open("PathInfo {");
        c.lit_line("template: ", &p.template, ",");
        let params: Vec<String> = p.params.iter().map(|s| str_lit(s)).collect();
        list(c, "params: &[", &params, "],");
        ln!(c; "deprecated: ", p.deprecated, ',');
        c.lit_line("function: ", &p.fn_name, ",");
        let (literals, keep_slash) = path_pieces(p);
        list(c, "pieces: &[", &literals, "],");
        ln!(c; "keep_slash: ", keep_slash, ',');
        // The path's own table only: when the operation's table governs,
        // `Endpoint::path_permissions` falls back to it, and repeating it per
        // path was a fifth of the crate's check time.
        permissions_field(c, p.permissions.as_ref());
        scenarios_field(c, &p.permission_scenarios);
        c.close("},");
    }
    c.close("],");
    permissions_field(c, ep.permissions.as_ref());
    match ep.success_status {
        Some(s) => ln!(c; "success_status: Some(", s, "),"),
        None => c.line("success_status: None,"),
    }
    let options: Vec<String> = ep.query_options.iter().map(|o| str_lit(o)).collect();
    list(c, "query_options: &[", &options, "],");
    if ep.headers.is_empty() {
        c.line("headers: &[],");
    } else {
        c.open("headers: &[");
        for h in &ep.headers {
            let value = h.value.as_deref().map_or_else(|| "None".to_string(), |v| strcat!("Some(", Lit(v), ')'));
            ln!(c; "rt::HeaderInfo { name: ", Lit(&h.name), ", value: ", value, ", required: ", h.required, " },");
        }
        c.close("],");
    }
    c.close("};");
    if let RequestBody::Parameters { parameters } = &ep.request_body {
        super::params::parameters_struct(c, ep, parameters, known);
    }
    let response = rust_types::response(ep.response.as_ref(), known, TYPES);
    let body = body_arg(ep, known);
    for (index, p) in ep.paths.iter().enumerate() {
        c.line("");
        c.doc(&super::operation_doc::function_doc(ep, p, &konst, &response, body.as_ref().map(|b| b.0.as_str())));
        if p.deprecated {
            c.line("#[deprecated(note = \"the documentation marks this path deprecated\")]");
        }
        let mut args: Vec<String> = p.params.iter().map(|a| strcat!(id(a), ": &str")).collect();
        if let Some((arg, _)) = &body {
            args.push(arg.clone());
        }
        list(c, &strcat!("pub fn ", id(&p.fn_name), '('), &args, &strcat!(") -> Request<", response, "> {"));
        let names: Vec<String> = p.params.iter().map(|a| id(a).into_owned()).collect();
        let set = body.as_ref().map_or("", |b| b.1);
        c.depth_in();
        list(c, &strcat!("Request::build(&", id(&konst), ", ", index, ", &["), &names, &strcat!("])", set));
        c.depth_out();
        c.line("}");
    }
}

/// The model's pieces of a path template printed as the runtime reads
/// them: the literal text around the parameters (one more than there are
/// parameters), and the parameters that keep their slashes as a bit set.
fn path_pieces(p: &PathTemplate) -> (Vec<String>, u64) {
    let mut literals = vec![String::new()];
    let mut keep_slash = 0u64;
    for piece in &p.pieces {
        match piece {
            PathPiece::Lit(l) => {
                if let Some(last) = literals.last_mut() {
                    last.push_str(l);
                }
            }
            PathPiece::Param { index, keep_slash: keep } => {
                if *index < 64 && *keep {
                    keep_slash |= 1 << index;
                }
                literals.push(String::new());
            }
        }
    }
    (literals.iter().map(|l| str_lit(l)).collect(), keep_slash)
}

/// Path of the version's types module from an area module.
pub const TYPES: &str = "super::types::";

/// The body argument of an endpoint's functions and the call that sets it.
pub fn body_arg(ep: &Endpoint, known: &Known) -> Option<(String, &'static str)> {
    match &ep.request_body {
        RequestBody::None | RequestBody::Unknown => None,
        RequestBody::Type { ty, type_id, collection } => {
            Some(match (rust_types::is_structured(crate::model::TypeRef { name: ty, id: *type_id }, known), collection) {
                (Some(name), false) => (strcat!("body: &", TYPES, id(&name)), ".with_body(body)"),
                (Some(name), true) => (strcat!("body: &[", TYPES, id(&name), ']'), ".with_bodies(body)"),
                (None, _) => ("body: &rt::Value".to_string(), ".with_json_value(body)"),
            })
        }
        RequestBody::Parameters { parameters } if parameters.is_empty() => None,
        RequestBody::Parameters { .. } => Some((strcat!("body: &", id(&ep.parameters_type())), ".with_body(body)")),
        RequestBody::Stream => Some(("content_type: &str, content: Vec<u8>".to_string(), ".with_content(content_type, content)")),
    }
}
