//! The doc comment of an endpoint function: what a caller needs on one
//! rustdoc page (method and path, response and body types, parameters,
//! permissions least privileged first, query options, headers, the docs
//! page).

use super::code::{cat, strcat};
use super::{docs_url, md_code, md_text};
use crate::model::{Endpoint, Header, PathTemplate, Permission, Permissions};

/// The typed builder method of an OData query option, if it has one.
pub fn option_method(option: &str) -> Option<&'static str> {
    let bare = option.trim_start_matches('$').to_ascii_lowercase();
    Some(match bare.as_str() {
        "select" => "select",
        "expand" => "expand",
        "filter" => "filter",
        "search" => "search",
        "orderby" => "orderby",
        "top" => "top",
        "skip" => "skip",
        "count" => "count",
        "format" => "format",
        "skiptoken" => "skiptoken",
        "deltatoken" => "deltatoken",
        _ => return None,
    })
}

/// The typed setter of a header with a fixed meaning, if it has one.
pub fn header_method(h: &Header) -> Option<&'static str> {
    let name = h.name.to_ascii_lowercase();
    Some(match name.as_str() {
        "consistencylevel" if h.value.as_deref().map_or(true, |v| v.eq_ignore_ascii_case("eventual")) => "consistency_level_eventual",
        "prefer" => "prefer",
        "if-match" => "if_match",
        "if-none-match" => "if_none_match",
        _ => return None,
    })
}

/// A rustdoc link to a type path written in Rust (`super::types::User`,
/// `rt::Page<super::types::User>`): each named type linked.
fn type_link(rust: &str) -> String {
    match rust.strip_prefix("rt::Page<").and_then(|r| r.strip_suffix('>')) {
        Some(inner) => strcat!("a [`Page`](rt::Page) of ", type_link(inner)),
        None if rust == "()" => "no body".to_string(),
        None if rust.contains("::") => {
            let short = rust.rsplit("::").next().unwrap_or(rust);
            strcat!("[`", short, "`](", rust, ')')
        }
        None => strcat!('`', rust, '`'),
    }
}

/// Scopes of one permission type, least privileged first.
fn scopes(p: &Permission) -> String {
    if !p.supported {
        return "not supported".to_string();
    }
    if p.scopes.is_empty() {
        return "no scope needed".to_string();
    }
    let least = p.least_privileged.iter().filter(|l| p.scopes.contains(l));
    let rest = p.scopes.iter().filter(|s| !p.least_privileged.contains(s));
    let all: Vec<String> = least.chain(rest).map(|s| md_code(s)).collect();
    all.join(", ")
}

fn permissions(doc: &mut String, p: &Permissions) {
    doc.push_str("# Permissions (least privileged first)\n");
    for (label, perm) in [
        ("Delegated (work or school account)", &p.delegated_work),
        ("Delegated (personal Microsoft account)", &p.delegated_personal),
        ("Application", &p.application),
    ] {
        cat!(doc; "\n- ", label, ": ", scopes(perm));
    }
}

/// The doc comment of an endpoint's functions in its parts: a function's
/// doc is its [`head`], the endpoint's [`EndpointDoc::summary`], its own
/// [`path_part`] and the endpoint's [`EndpointDoc::closing`], each a
/// paragraph group of its own (a blank doc line between them). The shared
/// parts are written once per endpoint, not once per path.
pub struct EndpointDoc {
    /// The title, description, response and body types.
    pub summary: String,
    /// The query options, headers, the endpoint's `static` and its docs page.
    pub closing: String,
}

impl EndpointDoc {
    /// The shared parts of the docs of `ep`'s functions (`konst`: its
    /// `static`'s name; `response`: the response type in Rust; `body`: the
    /// body argument, when the functions take one).
    pub fn new(ep: &Endpoint, konst: &str, response: &str, body: Option<&str>) -> Self {
        EndpointDoc { summary: summary(ep, response, body), closing: closing(ep, konst) }
    }
}

/// The first line of the doc of path `p`'s function: method and path.
pub fn head(ep: &Endpoint, p: &PathTemplate) -> String {
    md_code(&strcat!(ep.method, ' ', p.template))
}

fn summary(ep: &Endpoint, response: &str, body: Option<&str>) -> String {
    let mut doc = strcat!(md_text(&ep.title), '.');
    if let Some(d) = &ep.description {
        cat!(&mut doc; "\n\n", md_text(d));
    }
    cat!(&mut doc; "\n\nReturns ", type_link(response), '.');
    if let Some(b) = body {
        let ty = b.rsplit(": ").next().unwrap_or(b).trim_start_matches('&').trim_start_matches('[').trim_end_matches(']');
        cat!(&mut doc; " Sends ", type_link(ty), " as the body.");
    }
    doc
}

/// What the doc of path `p`'s function says of that path alone: its
/// parameters and the permissions that govern it.
pub fn path_part(ep: &Endpoint, p: &PathTemplate) -> String {
    let mut doc = String::new();
    if !p.params.is_empty() {
        doc.push_str("# Parameters\n");
        for (rust, api) in p.params.iter().zip(&p.api_params) {
            cat!(&mut doc; "\n- `", rust, "`: ", md_code(&strcat!('{', api, '}')), " in the path");
        }
        doc.push_str("\n\n");
    }
    match ep.governing(p) {
        Some(perms) => permissions(&mut doc, perms),
        None if !p.permission_scenarios.is_empty() => {
            doc.push_str("# Permissions\n\nOne table per scenario (least privileged first):");
            for s in &p.permission_scenarios {
                cat!(&mut doc; "\n\n", md_text(&s.caption), ":\n");
                let t = &s.permissions;
                for (label, perm) in [
                    ("Delegated (work or school account)", &t.delegated_work),
                    ("Delegated (personal Microsoft account)", &t.delegated_personal),
                    ("Application", &t.application),
                ] {
                    cat!(&mut doc; "\n- ", label, ": ", scopes(perm));
                }
            }
        }
        None => doc.push_str("# Permissions\n\nNot documented in a readable table."),
    }
    doc
}

fn closing(ep: &Endpoint, konst: &str) -> String {
    let mut doc = String::new();
    if !ep.query_options.is_empty() {
        doc.push_str("# Query options\n");
        for o in &ep.query_options {
            match option_method(o) {
                Some(m) => cat!(&mut doc; "\n- ", md_code(o), ": [`Request::", m, "`]"),
                None => cat!(&mut doc; "\n- ", md_code(o), ": [`Request::query`]"),
            }
        }
        doc.push_str("\n\n");
    }
    if !ep.headers.is_empty() {
        doc.push_str("# Headers\n");
        for h in &ep.headers {
            let shown = match &h.value {
                Some(v) => strcat!(h.name, ": ", v),
                None => h.name.clone(),
            };
            cat!(&mut doc; "\n- ", md_code(&shown), if h.required { " (required)" } else { "" });
            if let Some(m) = header_method(h) {
                cat!(&mut doc; ": [`Request::", m, "`]");
            }
        }
        doc.push_str("\n\n");
    }
    cat!(&mut doc; "The operation's facts as data: [`", konst, "`]");
    match docs_url(&ep.page) {
        Some(u) => cat!(&mut doc; "; docs page: <", u, ">."),
        None => cat!(&mut doc; "; source page ", md_code(&ep.page), '.'),
    }
    doc
}
