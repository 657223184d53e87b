//! The documented exchanges the mock Graph serves: each request example
//! bound to an endpoint, paired with the response example that follows it
//! on its page (before the next request example).
//!
//! Written once, read by both doors: the generated crate's tables
//! (`emit::mock`) and the `msgraph-docgen mock` command.

use super::{Api, BodyRead, Example, ExampleRole};
use crate::parse::json::Json;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// One request example and its response, ready to serve: borrowed from
/// the model, the body serialised only when it is written or served
/// ([`Exchange::body_text`]), so the exchanges hold no copy of the model
/// through the emit phase.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange<'a> {
    /// `v1.0` or `beta`.
    pub version: &'a str,
    /// The endpoint's module (area).
    pub module: &'a str,
    /// The request example's id.
    pub request: &'a str,
    /// HTTP method, upper case.
    pub method: Cow<'a, str>,
    /// The bound path template.
    pub template: &'a str,
    /// The example's own path (normalised) and its query, if any.
    pub path: Cow<'a, str>,
    /// Documented status.
    pub status: u16,
    /// Documented response headers, less those the body's new length makes
    /// wrong (`Content-Length`) or that belong to the connection.
    pub headers: Vec<(&'a str, &'a str)>,
    /// The response body, when the example has one.
    pub body: Option<&'a Json>,
}

impl Exchange<'_> {
    /// The response body as compact JSON (empty when the example has none).
    pub fn body_text(&self) -> String {
        self.body.map(Json::compact).unwrap_or_default()
    }
}

/// The exchanges and why the other request examples have none.
#[derive(Clone, Debug, Default)]
pub struct Exchanges<'a> {
    /// In model order (page, then line).
    pub exchanges: Vec<Exchange<'a>>,
    /// Request examples left out, per reason.
    pub skipped: BTreeMap<&'static str, usize>,
}

impl Exchanges<'_> {
    /// How many exchanges each version has.
    pub fn per_version(&self) -> BTreeMap<&str, usize> {
        let mut out = BTreeMap::new();
        for e in &self.exchanges {
            *out.entry(e.version).or_insert(0) += 1;
        }
        out
    }
}

/// Headers a served answer must not repeat from the page.
fn served_header(name: &str) -> bool {
    !["content-length", "transfer-encoding", "connection", "keep-alive"].iter().any(|h| name.eq_ignore_ascii_case(h))
}

/// The query of an example URL (without `?` and fragment).
fn url_query(url: &str) -> &str {
    let url = url.split('#').next().unwrap_or(url);
    url.split_once('?').map_or("", |(_, q)| q.trim())
}

/// Every exchange of the model.
pub fn exchanges(api: &Api) -> Exchanges<'_> {
    let modules: FxHashMap<(&str, &str), &str> = api.endpoints.iter().map(|e| ((e.version.as_str(), e.name.as_str()), e.module.as_str())).collect();
    let mut out = Exchanges::default();
    // The request waiting for its response: on the same page, with no other
    // request example in between.
    let mut pending: Option<&Example> = None;
    let mut page = "";
    for ex in &api.examples {
        if ex.page != page {
            if pending.take().is_some() {
                *out.skipped.entry("no_response_example").or_insert(0) += 1;
            }
            page = &ex.page;
        }
        match ex.role {
            ExampleRole::Request => {
                if pending.take().is_some() {
                    *out.skipped.entry("no_response_example").or_insert(0) += 1;
                }
                match ex.binding {
                    Some(_) => pending = Some(ex),
                    None => *out.skipped.entry("unbound_request").or_insert(0) += 1,
                }
            }
            ExampleRole::Response => {
                if let Some(req) = pending.take() {
                    match pair(req, ex, &modules) {
                        Ok(e) => out.exchanges.push(e),
                        Err(why) => *out.skipped.entry(why).or_insert(0) += 1,
                    }
                }
            }
            ExampleRole::Notification => {}
        }
    }
    if pending.is_some() {
        *out.skipped.entry("no_response_example").or_insert(0) += 1;
    }
    out
}

/// A request example and its response as one exchange.
fn pair<'a>(req: &'a Example, resp: &'a Example, modules: &FxHashMap<(&str, &str), &'a str>) -> Result<Exchange<'a>, &'static str> {
    let b = req.binding.as_ref().ok_or("unbound_request")?;
    let http = req.http.as_ref().ok_or("no_request_line")?;
    let method = http.method.as_deref().ok_or("no_request_line")?;
    let version = req.page.split('/').next().unwrap_or("");
    let module = *modules.get(&(version, &*b.endpoint)).ok_or("endpoint_not_found")?;
    let rh = resp.http.as_ref().ok_or("no_status_line")?;
    let status = rh.status.filter(|s| (100..=599).contains(s)).ok_or("no_status_line")?;
    if resp.json.is_none() && resp.body == BodyRead::Failed {
        return Err("unreadable_response_body");
    }
    let mut headers: Vec<(&str, &str)> = rh.headers.iter().filter(|(n, _)| served_header(n)).map(|(n, v)| (&**n, &**v)).collect();
    if resp.json.is_some() && !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
        headers.push(("Content-Type", "application/json"));
    }
    let method = if method.bytes().any(|b| b.is_ascii_lowercase()) { Cow::Owned(method.to_ascii_uppercase()) } else { Cow::Borrowed(method) };
    let query = http.url.as_deref().map(url_query).unwrap_or("");
    let path = if query.is_empty() { Cow::Borrowed(&*b.expected_path) } else { Cow::Owned(format!("{}?{query}", b.expected_path)) };
    Ok(Exchange { version, module, request: &req.id, method, template: &b.template, path, status, headers, body: resp.json.as_ref() })
}

#[cfg(feature = "mock")]
impl From<Exchange<'_>> for crate::mock_engine::Exchange {
    fn from(e: Exchange<'_>) -> Self {
        let body = e.body_text();
        crate::mock_engine::Exchange {
            version: e.version.to_string().into(),
            method: e.method.into_owned().into(),
            template: e.template.to_string().into(),
            path: e.path.into_owned().into(),
            status: e.status,
            headers: e.headers.iter().map(|&(n, v)| (n.to_string().into(), v.to_string().into())).collect(),
            body: body.into(),
        }
    }
}
