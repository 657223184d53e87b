//! The documented exchanges the mock Graph serves: each request example
//! bound to an endpoint, paired with the response example that follows it
//! on its page (before the next request example).
//!
//! Written once, read by both doors: the generated crate's tables
//! (`emit::mock`) and the `msgraph-docgen mock` command.

use super::{Api, BodyRead, Example, ExampleRole};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// One request example and its response, ready to serve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    /// `v1.0` or `beta`.
    pub version: String,
    /// The endpoint's module (area).
    pub module: String,
    /// The request example's id.
    pub request: String,
    /// HTTP method.
    pub method: String,
    /// The bound path template.
    pub template: String,
    /// The example's own path (normalised) and its query, if any.
    pub path: String,
    /// Documented status.
    pub status: u16,
    /// Documented response headers, less those the body's new length makes
    /// wrong (`Content-Length`) or that belong to the connection.
    pub headers: Vec<(String, String)>,
    /// The response body as compact JSON (empty when the example has none).
    pub body: String,
}

/// The exchanges and why the other request examples have none.
#[derive(Clone, Debug, Default)]
pub struct Exchanges {
    /// In model order (page, then line).
    pub exchanges: Vec<Exchange>,
    /// Request examples left out, per reason.
    pub skipped: BTreeMap<&'static str, usize>,
}

impl Exchanges {
    /// How many exchanges each version has.
    pub fn per_version(&self) -> BTreeMap<&str, usize> {
        let mut out = BTreeMap::new();
        for e in &self.exchanges {
            *out.entry(e.version.as_str()).or_insert(0) += 1;
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
pub fn exchanges(api: &Api) -> Exchanges {
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
fn pair(req: &Example, resp: &Example, modules: &FxHashMap<(&str, &str), &str>) -> Result<Exchange, &'static str> {
    let b = req.binding.as_ref().ok_or("unbound_request")?;
    let http = req.http.as_ref().ok_or("no_request_line")?;
    let method = http.method.as_deref().ok_or("no_request_line")?;
    let version = req.page.split('/').next().unwrap_or("");
    let module = modules.get(&(version, b.endpoint.as_str())).ok_or("endpoint_not_found")?;
    let rh = resp.http.as_ref().ok_or("no_status_line")?;
    let status = rh.status.filter(|s| (100..=599).contains(s)).ok_or("no_status_line")?;
    let body = match (&resp.json, resp.body) {
        (Some(j), _) => serde_json::to_string(j).map_err(|_| "unreadable_response_body")?,
        (None, BodyRead::Failed) => return Err("unreadable_response_body"),
        (None, _) => String::new(),
    };
    let mut headers: Vec<(String, String)> = rh.headers.iter().filter(|(n, _)| served_header(n)).cloned().collect();
    if !body.is_empty() && !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    let query = http.url.as_deref().map(url_query).unwrap_or("");
    let path = if query.is_empty() { b.expected_path.clone() } else { format!("{}?{query}", b.expected_path) };
    Ok(Exchange {
        version: version.to_string(),
        module: module.to_string(),
        request: req.id.to_string(),
        method: method.to_ascii_uppercase(),
        template: b.template.to_string(),
        path,
        status,
        headers,
        body,
    })
}

#[cfg(feature = "mock")]
impl From<Exchange> for crate::mock_engine::Exchange {
    fn from(e: Exchange) -> Self {
        crate::mock_engine::Exchange {
            version: e.version.into(),
            method: e.method.into(),
            template: e.template.into(),
            path: e.path.into(),
            status: e.status,
            headers: e.headers.into_iter().map(|(n, v)| (n.into(), v.into())).collect(),
            body: e.body.into(),
        }
    }
}
