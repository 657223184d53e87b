//! Endpoint modules (`src/<version>/<area>.rs`): per endpoint a constant
//! with everything documented about it, and per path a function that builds
//! the request. Written as formatted text (see [`super::code`]).

use super::code::{id, list, str_lit, Code};
use super::docs_url;
use crate::model::lower::{pieces, Piece};
use crate::model::naming::screaming;
use crate::model::{Endpoint, Permission, Permissions};
use rayon::prelude::*;

/// The whole file.
pub fn file(eps: &[&Endpoint]) -> Vec<String> {
    let mut c = Code::new();
    c.line("#[allow(unused_imports)]");
    c.line("use super::super::support::{self as rt, Endpoint, PathInfo, Permission, Permissions, Request};");
    // The endpoints are written in parallel and joined in order.
    let items = eps.par_iter().map(|ep| {
        let mut c = Code::new();
        c.line("");
        endpoint(&mut c, ep);
        c.finish()
    });
    let mut parts = vec![c.finish()];
    parts.par_extend(items);
    parts
}

fn permission(p: &Permission) -> String {
    if !p.supported {
        return "Permission::NOT_SUPPORTED".into();
    }
    let scopes: Vec<String> = p.scopes.iter().map(|s| str_lit(s)).collect();
    format!("Permission::scopes(&[{}])", scopes.join(", "))
}

fn permission_doc(label: &str, p: &Permission) -> String {
    match (p.supported, p.scopes.is_empty()) {
        (false, _) => format!("- {label}: not supported"),
        (true, true) => format!("- {label}: no scope needed"),
        (true, false) => format!("- {label}: {}", p.scopes.join(", ")),
    }
}

fn const_doc(ep: &Endpoint) -> String {
    let mut doc = format!("{}\n", ep.title);
    if let Some(d) = &ep.description {
        doc.push_str(&format!("\n{d}\n"));
    }
    doc.push_str(&format!("\nSource: `{}`", ep.page));
    if let Some(u) = docs_url(&ep.page) {
        doc.push_str(&format!(" (<{u}>)"));
    }
    doc.push('\n');
    match &ep.permissions {
        Some(Permissions { delegated_work, delegated_personal, application }) => doc.push_str(&format!(
            "\nPermissions:\n{}\n{}\n{}",
            permission_doc("delegated (work or school account)", delegated_work),
            permission_doc("delegated (personal Microsoft account)", delegated_personal),
            permission_doc("application", application)
        )),
        None => doc.push_str("\nPermissions: not documented in a readable table."),
    }
    doc
}

fn endpoint(c: &mut Code, ep: &Endpoint) {
    let konst = screaming(&ep.name);
    c.doc(&const_doc(ep));
    c.open_fmt(format_args!("pub const {}: Endpoint = Endpoint {{", id(&konst)));
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
        c.line_fmt(format_args!("deprecated: {},", p.deprecated));
        c.lit_line("function: ", &p.fn_name, ",");
        c.close("},");
    }
    c.close("],");
    match &ep.permissions {
        Some(p) => {
            c.open("permissions: Some(Permissions {");
            c.line_fmt(format_args!("delegated_work: {},", permission(&p.delegated_work)));
            c.line_fmt(format_args!("delegated_personal: {},", permission(&p.delegated_personal)));
            c.line_fmt(format_args!("application: {},", permission(&p.application)));
            c.close("}),");
        }
        None => c.line("permissions: None,"),
    }
    match ep.success_status {
        Some(s) => c.line_fmt(format_args!("success_status: Some({s}),")),
        None => c.line("success_status: None,"),
    }
    c.close("};");
    for p in &ep.paths {
        c.line("");
        c.doc(&format!("`{} {}`\n\nSee [`{konst}`] for permissions and the source page.", ep.method, p.template));
        if p.deprecated {
            c.line("#[deprecated(note = \"the documentation marks this path deprecated\")]");
        }
        let args: Vec<String> = p.params.iter().map(|a| format!("{}: &str", id(a))).collect();
        list(c, &format!("pub fn {}(", id(&p.fn_name)), &args, ") -> Request {");
        let parts: Vec<String> = pieces(&p.template)
            .into_iter()
            .map(|piece| match piece {
                Piece::Lit(l) => str_lit(&l),
                Piece::Param(n) => {
                    let a = p.params.get(n).map(|a| id(a)).unwrap_or_else(|| "\"\"".into());
                    let keep_slash = p.api_params.get(n).is_some_and(|s| s.to_ascii_lowercase().contains("path"));
                    format!("&rt::encode_param({a}, {keep_slash})")
                }
            })
            .collect();
        c.depth_in();
        list(c, &format!("Request::new(&{}, rt::concat(&[", id(&konst)), &parts, "]))");
        c.depth_out();
        c.line("}");
    }
}
