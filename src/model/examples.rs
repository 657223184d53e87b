//! The examples of one page: each named (id and wanted test name), given
//! its role, and decided: tested, or skipped with a reason; a request
//! example is bound to a path template of the page ([`super::binding`]).

use super::binding::{bind, unbound_reason};
use super::lower::page_stem;
use super::naming::{self, Unique};
use super::*;
use crate::parse::json::Json;
use crate::parse::{BlockType, JsonStatus, RawExample, RawPage};
use std::collections::BTreeMap;

/// Whether a JSON body is a `value` array with only annotations beside it
/// (`{"@odata.context": .., "value": [..]}`): the form of a collection,
/// whatever its annotation says, unless its type declares a `value`
/// member (the caller asks the type). One rule for the example check and
/// the response type.
pub fn value_list(json: &Json) -> bool {
    json.as_object().is_some_and(|o| o.get("value").is_some_and(Json::is_array) && o.keys().all(|k| k == "value" || k.starts_with('@')))
}

fn role_of(bt: BlockType) -> Option<ExampleRole> {
    match bt {
        BlockType::Request => Some(ExampleRole::Request),
        BlockType::Response => Some(ExampleRole::Response),
        BlockType::Example => Some(ExampleRole::Notification),
        BlockType::Resource => Some(ExampleRole::Notification),
    }
}

pub(super) fn lower_examples(page: &mut RawPage, path: &super::Shared, endpoints: &[&Endpoint], diags: &mut Vec<Diagnostic>) -> Vec<Example> {
    // The examples' JSON and request and status lines move into the model
    // (cloning them was a measurable part of a full run); the type lowering
    // reads a type's JSON representation from its example.
    let mut bodies: Vec<Option<Json>> = page.examples.iter_mut().map(|r| r.json.take()).collect();
    let mut https: Vec<Option<HttpPart>> = page.examples.iter_mut().map(http_part).collect();
    let mut names: Vec<Option<String>> = page.examples.iter_mut().map(|r| r.name.take()).collect();
    let page: &RawPage = page;
    let mut ids = Unique::new();
    let stem = page_stem(&page.path);
    let mut out = Vec::with_capacity(page.examples.len());
    let mut ordinals: BTreeMap<&str, usize> = BTreeMap::new();
    let mut id = String::with_capacity(page.path.len() + 32);
    for (i, raw) in page.examples.iter().enumerate() {
        let Some(role) = role_of(raw.block_type) else { continue };
        let kind = match role {
            _ if raw.block_type == BlockType::Resource => "resource",
            ExampleRole::Request => "request",
            ExampleRole::Response => "response",
            ExampleRole::Notification => "example",
        };
        let ordinal = ordinals.entry(kind).or_insert(0);
        *ordinal += 1;
        // Unnamed examples are named by role and position, not by line, so an
        // edit elsewhere on the page does not rename their tests.
        let label = names.get_mut(i).and_then(Option::take).unwrap_or_else(|| format!("{kind}-{ordinal}"));
        id.clear();
        id.push_str(&page.path);
        id.push('#');
        id.push_str(&ids.name(&label));
        // The wanted name; made unique across the version in `lower`.
        let test_name = naming::snake(&[stem, "_", &label].concat());
        let odata_type = raw.annotation.get("@odata.type").and_then(Json::as_str).map(|s| s.trim_start_matches('#').to_string());
        let mut ex = Example {
            id: id.as_str().into(),
            page: path.clone(),
            role,
            line: raw.line,
            http: https.get_mut(i).and_then(Option::take),
            odata_type,
            truncated: raw.annotation.get("truncated").and_then(Json::as_bool).unwrap_or(false),
            is_collection: match raw.annotation.get("isCollection") {
                Some(Json::Bool(b)) => *b,
                Some(Json::String(s)) => s.trim().eq_ignore_ascii_case("true"),
                _ => false,
            },
            json: bodies.get_mut(i).and_then(Option::take),
            binding: None,
            outcome: ExampleOutcome::Skipped,
            reason: None,
            test_name,
            representation: raw.block_type == BlockType::Resource,
            json_type: None,
            json_type_id: None,
            docs_inconsistent: false,
            json_collection: false,
            annotated: raw.annotated,
            body: match raw.json_read {
                JsonStatus::NoJson => BodyRead::None,
                JsonStatus::Strict => BodyRead::Strict,
                JsonStatus::Recovered => BodyRead::Recovered,
                JsonStatus::Failed => BodyRead::Failed,
            },
            looks_truncated: raw.looks_truncated,
        };
        decide(&mut ex, raw, page, endpoints, diags);
        out.push(ex);
    }
    out
}

/// The request or status line and headers, moved out of the raw example.
fn http_part(raw: &mut RawExample) -> Option<HttpPart> {
    if raw.method.is_none() && raw.url.is_none() && raw.status.is_none() && raw.headers.is_empty() {
        return None;
    }
    Some(HttpPart { method: raw.method.take(), url: raw.url.take(), status: raw.status, headers: std::mem::take(&mut raw.headers) })
}

/// Mark an example skipped, for `reason` (a report key).
pub(super) fn skip(ex: &mut Example, reason: &str) {
    ex.outcome = ExampleOutcome::Skipped;
    ex.reason = Some(reason.to_string());
}

fn decide(ex: &mut Example, raw: &RawExample, page: &RawPage, endpoints: &[&Endpoint], diags: &mut Vec<Diagnostic>) {
    // Request examples are bound even when their body is unreadable (the
    // binding is about the URL); the test is skipped below.
    if raw.body_unreadable && ex.role != ExampleRole::Request {
        return skip(ex, "unreadable_json");
    }
    match ex.role {
        ExampleRole::Request => decide_request(ex, raw, page, endpoints, diags),
        ExampleRole::Response => {
            let Some(status) = raw.status else { return skip(ex, "no_status_line") };
            let Some(ep) = endpoints.first() else { return skip(ex, "page_has_no_endpoint") };
            if ep.success_status.is_none() {
                return skip(ex, "no_documented_success_status");
            }
            if !(200..300).contains(&status) {
                return skip(ex, "error_response");
            }
            if ep.success_status != Some(status) {
                // The page shows another success status than its prose names
                // (e.g. 200 with a body where the prose says 204).
                let documented = ep.success_status.map_or_else(|| "none".to_string(), |s| s.to_string());
                diags.push(Diagnostic::new(
                    "W054",
                    &page.path,
                    raw.line,
                    1,
                    format!("response example shows status {status}, the Response section documents {documented}"),
                ));
                return skip(ex, "status_differs_from_documented");
            }
            ex.outcome = ExampleOutcome::Tested;
        }
        ExampleRole::Notification => {
            if ex.json.is_none() {
                return skip(ex, "no_json_body");
            }
            if ex.odata_type.is_none() && json_odata_type(ex.json.as_ref()).is_none() {
                return skip(ex, "no_odata_type");
            }
            ex.outcome = ExampleOutcome::Tested;
        }
    }
}

/// A request example: bound to a path template of an endpoint of its
/// method, or skipped with the reason none fits.
fn decide_request(ex: &mut Example, raw: &RawExample, page: &RawPage, endpoints: &[&Endpoint], diags: &mut Vec<Diagnostic>) {
    let http = ex.http.as_ref();
    let (Some(method), Some(url)) = (http.and_then(|h| h.method.as_deref()), http.and_then(|h| h.url.as_deref())) else {
        return skip(ex, "no_request_line");
    };
    if endpoints.is_empty() {
        diags.push(Diagnostic::new(
            "W050",
            &page.path,
            raw.line,
            1,
            "request example on a page without a request line: there is no path template to bind it to (page_has_no_endpoint)".to_string(),
        ));
        return skip(ex, "page_has_no_endpoint");
    }
    let same: Vec<&Endpoint> = endpoints.iter().copied().filter(|e| e.method == method).collect();
    let candidates: Vec<&Endpoint> = if same.is_empty() {
        diags.push(Diagnostic::new("W051", &page.path, raw.line, 1, format!("example method {method} differs from the page's request lines")));
        return skip(ex, "method_mismatch");
    } else {
        same
    };
    for ep in &candidates {
        if let Some(b) = bind(ep, url) {
            ex.binding = Some(Box::new(b));
            if raw.body_unreadable {
                return skip(ex, "unreadable_json");
            }
            ex.outcome = ExampleOutcome::Tested;
            return;
        }
    }
    let reason = unbound_reason(url, &candidates);
    diags.push(Diagnostic::new(
        "W050",
        &page.path,
        raw.line,
        1,
        format!("example URL `{}` fits no path template of this page ({reason})", url.chars().take(100).collect::<String>()),
    ));
    skip(ex, reason)
}

/// The type a JSON value names by `@odata.type`, without its `#`.
pub(super) fn json_odata_type(v: Option<&Json>) -> Option<String> {
    v?.get("@odata.type")?.as_str().map(|s| s.trim_start_matches('#').to_string())
}

/// The type a tested JSON example is checked against, if any.
pub fn example_json_type(ex: &Example) -> Option<String> {
    ex.odata_type.clone().or_else(|| json_odata_type(ex.json.as_ref()))
}
