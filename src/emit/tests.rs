//! Tests derived from the documented examples (`tests/examples_<version>.rs`),
//! written as formatted text (see [`super::code`]). Each test body is one or
//! two calls into the support module, so thousands of them compile fast.

use super::code::{cat, id, list, ln, model_id, open, str_lit, strcat, Code, Lit};
use super::sink::{in_order, Sink};
use super::typed_tests::{self, Tally};
use super::{endpoints, feature_of};
use crate::model::naming::screaming;
use crate::model::type_table::{TypeId, TypeTable};
use crate::model::{Endpoint, Example, ExampleRole, TypeKind};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// The `#`s of a raw string literal holding `text`: one more than the
/// longest run of them after a quote.
pub(crate) fn raw_hashes(text: &str) -> String {
    let bytes = text.as_bytes();
    // Found from the `#`s, which are few: a substring search took longer
    // to set up than to run.
    let after_quote = |h: usize| h.checked_sub(1).and_then(|q| bytes.get(q)) == Some(&b'"');
    let longest =
        memchr::memchr_iter(b'#', bytes).filter(|&h| after_quote(h)).map(|h| bytes.iter().skip(h).take_while(|&&b| b == b'#').count()).max().unwrap_or(0);
    "#".repeat(longest + 1)
}

/// Pretty JSON safe for a raw string: characters that would be invisible or
/// reorder text (and that rustc rejects in literals) are written as JSON
/// escapes, which denote the same value.
fn json_text(v: &crate::parse::json::Json) -> String {
    visible_json(v.pretty())
}

/// JSON text (as serde_json writes it) with every character that would be
/// invisible or reorder text written as a JSON escape: the same value, and
/// text a raw string literal can hold.
pub(crate) fn visible_json(pretty: String) -> String {
    // serde_json escapes the C0 controls in strings and writes only line
    // breaks and spaces between tokens, so ASCII without DEL needs nothing more.
    if pretty.is_ascii() && memchr::memchr(0x7f, pretty.as_bytes()).is_none() {
        return pretty;
    }
    let mut out = String::with_capacity(pretty.len());
    for ch in pretty.chars() {
        if (ch.is_control() && ch != '\n') || super::code::is_invisible(ch) {
            // Only inside JSON strings can such characters occur.
            let mut buf = [0u16; 2];
            for unit in ch.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(ch);
        }
    }
    out
}

/// A line of a test body.
enum Line<'a> {
    /// A statement as is.
    Plain(String),
    /// A statement of a request body rebuilt once for every test that sends it.
    Shared(&'a str),
    /// `head` + arguments + `tail`, broken over lines when long.
    Call(String, Vec<String>, &'static str),
    /// `head` + a raw string literal of the JSON text + `tail`: the lines of
    /// the literal after its first are written out as they are.
    Json(String, String, String),
    /// `head` + the example's JSON + `tail`, until [`with_json`] writes the
    /// JSON in.
    JsonUse(String, String),
}

impl Line<'_> {
    /// About how many bytes the line writes (without indentation).
    fn len(&self) -> usize {
        match self {
            Line::Plain(s) => s.len(),
            Line::Shared(s) => s.len(),
            Line::Call(head, args, tail) => head.len() + args.iter().map(|a| a.len() + 2).sum::<usize>() + tail.len(),
            Line::Json(head, json, tail) => head.len() + json.len() + tail.len() + 8,
            Line::JsonUse(head, tail) => head.len() + tail.len() + 8,
        }
    }
}

/// What the example tests of every version share: the typed checks counted
/// as they are written, and the request bodies rebuilt once for them and
/// the e2e tests.
pub struct Shared<'a> {
    /// The typed checks written, per kind.
    pub tally: &'a Mutex<Tally>,
    /// The rebuilt request bodies.
    pub bodies: &'a typed_tests::Bodies<'a>,
}

/// One test's body lines, or `None` when the example cannot be tested; its
/// typed checks are counted into `shared.tally`.
fn body<'a>(types: &TypeTable, vm: &str, module: &str, ep: Option<&Endpoint>, ex: &Example, shared: &Shared<'a>) -> Option<(Vec<Line<'a>>, Option<TypeId>)> {
    let version = ex.page.split('/').next().unwrap_or("");
    // At most a call or status check, and a JSON check.
    let mut lines = Vec::with_capacity(3);
    let mut json_feature = None;
    let known = types;
    let ctx = typed_tests::Ctx { known, version, types: strcat!("api::", vm, "::types::") };
    let module_path = strcat!("api::", vm, "::", model_id(module), "::");
    let mut checks = ep.map(|ep| typed_tests::checks_with(ep, ex, &ctx, &module_path, shared.bodies.get(ex.id.as_str()))).unwrap_or_default();
    if ep.is_some() {
        typed_tests::count(&mut shared.tally.lock().unwrap_or_else(std::sync::PoisonError::into_inner), ex, &checks);
    }
    match (ex.role, ep) {
        (ExampleRole::Request, Some(_)) => {
            let b = ex.binding.as_ref()?;
            let method = ex.http.as_ref()?.method.as_deref()?;
            let mut args: Vec<String> = b.order.iter().map(|k| str_lit(b.args.get(k).map(String::as_str).unwrap_or(""))).collect();
            push_build(&mut lines, std::mem::take(&mut checks.build));
            match &checks.body {
                Some(Ok(arg)) => args.push(arg.clone()),
                Some(Err((default, _))) => args.push(default.clone()),
                None => {}
            }
            let chain = match &checks.query {
                Some(Ok(chain)) => chain.as_str(),
                _ => "",
            };
            lines.push(Line::Call(strcat!("let req = ", module_path, model_id(&b.fn_name), '('), args, ");"));
            if !chain.is_empty() {
                lines.push(Line::Plain(strcat!("let req = req", chain, ';')));
            }
            lines.push(Line::Plain(strcat!("expect(check_request(&req, ", Lit(method), ", ", Lit(&b.expected_path), "));")));
            if let (Some(Ok(_)), Some(_)) = (&checks.body, ex.json.as_ref()) {
                lines.push(Line::JsonUse("expect(check_body(&req, ".into(), "));".into()));
            }
            if let (Some(Ok(var)), Some(_)) = (&checks.model_only, ex.json.as_ref()) {
                lines.push(Line::JsonUse(strcat!("expect(check_json(&", var, ".to_json(), "), "));".into()));
            }
            if let Some(Ok(_)) = &checks.query {
                let pairs: Vec<String> = b.query.iter().map(|(k, v)| strcat!('(', Lit(k), ", ", Lit(v), ')')).collect();
                lines.push(Line::Plain(strcat!("expect(check_query(&req, &[", pairs.join(", "), "]));")));
            }
        }
        (ExampleRole::Response, Some(ep)) => {
            let status = ex.http.as_ref()?.status?;
            lines.push(Line::Plain(strcat!("expect(check_status(&", module_path, model_id(&screaming(&ep.name)), ", ", status, "));")));
            if let (Some(Ok(())), Some(p), Some(_)) = (&checks.response, ep.paths.first(), ex.json.as_ref()) {
                let mut args: Vec<String> = p.params.iter().map(|_| "\"x\"".to_string()).collect();
                if endpoints::takes_body(ep) {
                    args.push(typed_tests::default_body(ep, known));
                }
                lines.push(Line::Call(strcat!("let req = ", module_path, model_id(&p.fn_name), '('), args, ");"));
                lines.push(Line::JsonUse(strcat!("expect(decodes(&req, ", status, ", "), "));".into()));
            }
        }
        _ => {}
    }
    if ex.json_type.is_some() {
        if let Some(td) = types.of(ex.json_type_id).filter(|t| t.kind != TypeKind::Enum) {
            ex.json.as_ref()?;
            let call = match (ex.representation, ex.docs_inconsistent) {
                (_, true) => "round_trip_inconsistent",
                (true, false) => "round_trip_keys",
                (false, false) => "round_trip",
            };
            let mut tail = strcat!(", ", ex.json_collection, ", api::", vm, "::types::REGISTRY");
            if ex.docs_inconsistent {
                cat!(&mut tail; ", ", ex.representation);
            }
            tail.push_str("));");
            lines.push(Line::JsonUse(strcat!("expect(", call, "::<api::", vm, "::types::", model_id(&td.rust_name), ">("), tail));
            json_feature = ex.json_type_id;
        }
    }
    if lines.is_empty() {
        return None;
    }
    Some((with_json(lines, ex.json.as_ref())?, json_feature))
}

/// The statements building a request body as test lines: a shared rebuilt
/// body's borrowed, the test's own moved.
fn push_build<'a>(lines: &mut Vec<Line<'a>>, build: Cow<'a, typed_tests::Build>) {
    match build {
        Cow::Borrowed(shared) => lines.extend(shared.stmts.iter().map(|s| Line::Shared(s))),
        Cow::Owned(own) => lines.extend(own.stmts.into_iter().map(Line::Plain)),
    }
}

/// The lines with the example's JSON written in where they use it:
/// serialised once, inline for one use, bound to `json` before the first of
/// several (a response is decoded and round-tripped from the same text).
fn with_json<'a>(mut lines: Vec<Line<'a>>, json: Option<&crate::parse::json::Json>) -> Option<Vec<Line<'a>>> {
    let uses = lines.iter().filter(|l| matches!(l, Line::JsonUse(..))).count();
    if uses == 0 {
        return Some(lines);
    }
    let text = json_text(json?);
    if uses == 1 {
        for l in &mut lines {
            if let Line::JsonUse(head, tail) = l {
                *l = Line::Json(std::mem::take(head), text, std::mem::take(tail));
                break;
            }
        }
        return Some(lines);
    }
    let first = lines.iter().position(|l| matches!(l, Line::JsonUse(..)))?;
    for l in &mut lines {
        if let Line::JsonUse(head, tail) = l {
            *l = Line::Plain(strcat!(head.as_str(), "json", tail.as_str()));
        }
    }
    lines.insert(first, Line::Json("let json = ".into(), text, ";".into()));
    Some(lines)
}

fn write_test(c: &mut Code, ex: &Example, lines: &[Line], cfg: Option<&str>) {
    c.line("");
    c.doc(&strcat!(super::MdCode(&ex.id), " (line ", ex.line, ')'));
    if let Some(cfg) = cfg {
        c.line(cfg);
    }
    c.line("#[test]");
    open!(c; "fn ", model_id(&ex.test_name), "() {");
    for l in lines {
        match l {
            Line::Plain(text) => c.line(text),
            Line::Shared(text) => c.line(text),
            Line::Call(head, args, tail) => list(c, head, args, tail),
            // Written in by `with_json` before any line is written.
            Line::JsonUse(head, tail) => ln!(c; head, "json", tail),
            Line::Json(head, json, tail) => {
                // The literal spans lines: the lines after its first are
                // written out as they are.
                let h = raw_hashes(json);
                match json.split_once('\n') {
                    Some((first, rest)) => {
                        ln!(c; head, 'r', h, '"', first);
                        c.raw_line_with(|b| cat!(b; rest, '"', h, tail));
                    }
                    None => ln!(c; head, 'r', h, '"', json, '"', h, tail),
                }
            }
        }
    }
    c.close("}");
}

/// The whole file of one version, into `sink`; the typed checks written
/// are counted into `shared.tally`.
#[allow(clippy::too_many_arguments)]
pub fn file(
    sink: &mut dyn Sink,
    crate_name: &str,
    vm: &str,
    types: &TypeTable,
    mods: &BTreeMap<String, Vec<&Endpoint>>,
    examples_by_page: &BTreeMap<&str, Vec<&Example>>,
    page_examples: &[&Example],
    type_feature: &(dyn Fn(TypeId) -> Option<String> + Sync),
    shared: &Shared,
) {
    let mut c = Code::new();
    c.line("//! Tests derived from the documented examples.");
    ln!(c; "#![cfg(feature = ", Lit(vm), ")]");
    c.line("#![allow(unused_imports, unused_mut, deprecated)]");
    ln!(c; "use ", id(&crate_name.replace('-', "_")), " as api;");
    c.line("use api::support::{self as rt, check_body, check_json, check_query, check_request, check_status, decodes, expect, round_trip, round_trip_inconsistent, round_trip_keys};");
    sink.push(c.text());
    // One module per area. Every test is written on its own, in parallel
    // (an area can hold a third of a version's tests), and handed on in
    // order; an example that cannot be tested writes nothing.
    let test = |c: &mut Code, module: &str, ep: Option<&Endpoint>, ex: &Example, gated: bool| {
        let Some((lines, ty)) = body(types, vm, module, ep, ex, shared) else { return };
        // Examples of pages without an endpoint are JSON only, each gated on
        // the feature of its type.
        let cfg = match (gated, ty) {
            (false, _) => None,
            (true, None) => return,
            (true, Some(ty)) => type_feature(ty).map(|f| strcat!("#[cfg(", f, ")]")),
        };
        let size: usize = lines.iter().map(Line::len).sum();
        c.reserve(256 + size + size / 8);
        c.depth_in();
        write_test(c, ex, &lines, cfg.as_deref());
    };
    // A module with no test is left out, so its head is written before its
    // first test.
    let module = |sink: &mut dyn Sink, head: &[String], cases: &[(Option<&Endpoint>, &Example)], name: &str, gated: bool| {
        let mut opened = Opened { sink: &mut *sink, head, open: false };
        in_order(&mut opened, cases, |c, &(ep, ex)| test(c, name, ep, ex, gated));
        if opened.open {
            sink.push("}\n");
        }
    };
    for (name, eps) in mods {
        // The module's endpoints by page, pages in order of first endpoint
        // (one pass: an area can have thousands of pages).
        let mut pages: Vec<(&str, Vec<&Endpoint>)> = Vec::new();
        let mut at: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        for &ep in eps {
            let i = *at.entry(ep.page.as_str()).or_insert_with(|| {
                pages.push((ep.page.as_str(), Vec::new()));
                pages.len() - 1
            });
            if let Some((_, v)) = pages.get_mut(i) {
                v.push(ep);
            }
        }
        let cases: Vec<(Option<&Endpoint>, &Example)> = pages
            .iter()
            .flat_map(|(page, page_eps)| {
                let page_examples: &[&Example] = examples_by_page.get(page).map_or(&[], |v| v.as_slice());
                typed_tests::pair_examples(page_eps, page_examples)
            })
            .filter(|(_, ex)| ex.outcome == crate::model::ExampleOutcome::Tested)
            .map(|(ep, ex)| (Some(ep), ex))
            .collect();
        let head = [String::new(), strcat!("#[cfg(feature = ", Lit(&feature_of(name)), ")]"), strcat!("mod ", model_id(name), " {")];
        module(sink, &head, &cases, name, false);
    }
    let cases: Vec<(Option<&Endpoint>, &Example)> = page_examples.iter().map(|&ex| (None, ex)).collect();
    let head = [String::new(), "/// JSON examples of pages that describe types.".to_string(), "mod types_examples {".to_string()];
    module(sink, &head, &cases, "types", true);
}

/// A sink that writes a module's head before the first text it is given.
struct Opened<'s, 'h> {
    sink: &'s mut dyn Sink,
    head: &'h [String],
    open: bool,
}

impl Sink for Opened<'_, '_> {
    fn push(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if !self.open {
            self.open = true;
            let mut c = Code::new();
            for l in self.head {
                c.line(l);
            }
            c.depth_in();
            c.line("use super::*;");
            self.sink.push(c.text());
        }
        self.sink.push(text);
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn raw_literals_hold_any_text() {
        for t in ["plain", "a\"#b", "x\"##\"#y", "\"###"] {
            let h = raw_hashes(t);
            let lit: syn::LitStr = syn::parse_str(&format!("r{h}\"{t}\"{h}")).expect("valid raw string");
            assert_eq!(lit.value(), t);
        }
    }

    /// The test's text of `lines` with the JSON written in.
    fn written(lines: Vec<Line>, json: &serde_json::Value) -> String {
        let json: crate::parse::json::Json = serde_json::from_value(json.clone()).unwrap();
        let lines = with_json(lines, Some(&json)).unwrap();
        let mut c = Code::new();
        for l in &lines {
            match l {
                Line::Plain(t) => c.line(t),
                Line::Json(head, text, tail) => ln!(c; head, "r#\"", text, "\"#", tail),
                other => panic!("left unwritten: {:?}", other.len()),
            }
        }
        c.finish()
    }

    #[test]
    fn example_json_is_written_once_however_many_checks_use_it() {
        let value = serde_json::json!({"id": "x1", "n": 2});
        let uses =
            || vec![Line::JsonUse("expect(decodes(&req, 200, ".into(), "));".into()), Line::JsonUse("expect(round_trip::<T>(".into(), ", false));".into())];
        let two = written(uses(), &value);
        assert_eq!(two.matches("\"x1\"").count(), 1, "{two}");
        assert!(two.contains("let json = r#\"{") && two.contains("decodes(&req, 200, json));") && two.contains("round_trip::<T>(json, false));"), "{two}");
        let lit = two.split("r#\"").nth(1).and_then(|t| t.split("\"#").next()).unwrap();
        assert_eq!(serde_json::from_str::<serde_json::Value>(lit).unwrap(), value);
        // One use keeps the literal in place.
        let one = written(uses().into_iter().take(1).collect(), &value);
        assert!(one.contains("decodes(&req, 200, r#\"{") && !one.contains("let json"), "{one}");
        // No JSON to write: no test.
        assert!(with_json(uses(), None).is_none());
    }

    #[test]
    fn json_text_escapes_invisible_characters() {
        let v = serde_json::json!({"k": "a\u{202e}b\u{200b}c"});
        let t = json_text(&serde_json::from_value(v.clone()).unwrap());
        assert!(!t.contains('\u{202e}') && !t.contains('\u{200b}'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&t).unwrap(), v);
    }
}
