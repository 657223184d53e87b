//! The doc comment of an endpoint function: what a caller needs on one
//! rustdoc page (method and path, response and body types, parameters,
//! permissions least privileged first, query options, headers, the docs
//! page).

use super::code::{cat, strcat, Code};
use super::{docs_url, md_code, md_text, MdCode};
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
fn push_scopes(doc: &mut String, p: &Permission) {
    if !p.supported {
        return doc.push_str("not supported");
    }
    if p.scopes.is_empty() {
        return doc.push_str("no scope needed");
    }
    let least = p.least_privileged.iter().filter(|l| p.scopes.contains(l));
    let rest = p.scopes.iter().filter(|s| !p.least_privileged.contains(s));
    for (i, s) in least.chain(rest).enumerate() {
        cat!(doc; if i == 0 { "" } else { ", " }, MdCode(s));
    }
}

/// The three permission types of a table, one list item each.
fn push_table(doc: &mut String, t: &Permissions) {
    for (label, perm) in [
        ("Delegated (work or school account)", &t.delegated_work),
        ("Delegated (personal Microsoft account)", &t.delegated_personal),
        ("Application", &t.application),
    ] {
        cat!(doc; "\n- ", label, ": ");
        push_scopes(doc, perm);
    }
}

/// Writes the doc comments of an endpoint's functions. A function's doc is
/// its method and path, the endpoint's summary (title, description,
/// response and body types), its parameters, the permissions that govern
/// it and the endpoint's closing (query options, headers, its `static` and
/// docs page), each a paragraph group (a blank doc line between them). The
/// parts functions share, a permission table included, are sanitised and
/// indented once per endpoint, not once per path.
pub struct DocWriter<'a> {
    ep: &'a Endpoint,
    summary: String,
    closing: String,
    /// The permission lines of each table that governs a path written so far.
    tables: Vec<(&'a Permissions, String)>,
}

impl<'a> DocWriter<'a> {
    /// The writer of `ep`'s function docs at `c`'s indentation (`konst`:
    /// its `static`'s name; `response`: the response type in Rust; `body`:
    /// the body argument, when the functions take one).
    pub fn new(c: &Code, ep: &'a Endpoint, konst: &str, response: &str, body: Option<&str>) -> Self {
        let (summary, closing) = (c.doc_lines(&summary(ep, response, body)), c.doc_lines(&closing(ep, konst)));
        DocWriter { ep, summary, closing, tables: Vec::new() }
    }

    /// How many bytes of each function's doc are the shared parts.
    pub fn shared_len(&self) -> usize {
        self.summary.len() + self.closing.len()
    }

    /// The doc comment of path `p`'s function.
    pub fn write(&mut self, c: &mut Code, p: &'a PathTemplate) {
        let ep = self.ep;
        c.doc(&md_code(&strcat!(ep.method, ' ', p.template.as_str())));
        c.line("///");
        c.push_lines(&self.summary);
        c.line("///");
        if !p.params.is_empty() {
            // Sized once, not grown from the heading by doubling.
            let mut doc = String::with_capacity(16 + p.params.iter().zip(&p.api_params).map(|(r, a)| 32 + r.len() + a.len()).sum::<usize>());
            doc.push_str("# Parameters\n");
            for (rust, api) in p.params.iter().zip(&p.api_params) {
                cat!(&mut doc; "\n- `", &**rust, "`: ", MdCode(&strcat!('{', &**api, '}')), " in the path");
            }
            c.doc(&doc);
            c.line("///");
        }
        match ep.governing(p) {
            Some(table) => {
                let at = match self.tables.iter().position(|(t, _)| std::ptr::eq(*t, table)) {
                    Some(at) => at,
                    None => {
                        let mut doc = String::with_capacity(512);
                        doc.push_str("# Permissions (least privileged first)\n");
                        push_table(&mut doc, table);
                        self.tables.push((table, c.doc_lines(&doc)));
                        self.tables.len() - 1
                    }
                };
                c.push_lines(&self.tables[at].1);
            }
            None => c.doc(&scenarios(p)),
        }
        c.line("///");
        c.push_lines(&self.closing);
    }
}

fn summary(ep: &Endpoint, response: &str, body: Option<&str>) -> String {
    // Sized for the text and the sentences after it, not grown piece by piece.
    let mut doc = String::with_capacity(ep.title.len() + ep.description.as_ref().map_or(0, String::len) + 160);
    cat!(&mut doc; md_text(&ep.title), '.');
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

/// The permissions of a path no one table governs: its scenarios' tables.
fn scenarios(p: &PathTemplate) -> String {
    if p.permission_scenarios.is_empty() {
        return "# Permissions\n\nNot documented in a readable table.".to_string();
    }
    let mut doc = String::from("# Permissions\n\nOne table per scenario (least privileged first):");
    for s in &p.permission_scenarios {
        cat!(&mut doc; "\n\n", md_text(&s.caption), ":\n");
        push_table(&mut doc, &s.permissions);
    }
    doc
}

fn closing(ep: &Endpoint, konst: &str) -> String {
    let mut doc = String::with_capacity(256 + 64 * (ep.query_options.len() + ep.headers.len()));
    if !ep.query_options.is_empty() {
        doc.push_str("# Query options\n");
        for o in &ep.query_options {
            match option_method(o) {
                Some(m) => cat!(&mut doc; "\n- ", MdCode(o), ": [`Request::", m, "`]"),
                None => cat!(&mut doc; "\n- ", MdCode(o), ": [`Request::query`]"),
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
            cat!(&mut doc; "\n- ", MdCode(&shown), if h.required { " (required)" } else { "" });
            if let Some(m) = header_method(h) {
                cat!(&mut doc; ": [`Request::", m, "`]");
            }
        }
        doc.push_str("\n\n");
    }
    cat!(&mut doc; "The operation's facts as data: [`", konst, "`]");
    match docs_url(&ep.page) {
        Some(u) => cat!(&mut doc; "; docs page: <", u, ">."),
        None => cat!(&mut doc; "; source page ", MdCode(&ep.page), '.'),
    }
    doc
}
