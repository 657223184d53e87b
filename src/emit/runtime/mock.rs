//! A mock Microsoft Graph: serves documented request and response exchanges
//! over HTTP/1.1 on loopback, counts what it receives, and injects faults on
//! request. Copied verbatim into the generated crate (feature `mock`) and
//! compiled into the generator (`msgraph-docgen mock`).
//!
//! A request `METHOD /v1.0/...` or `/beta/...` is answered by an exchange of
//! that version and method whose template fits its path (any value fits a
//! `{parameter}`; literals ignore ASCII case). Among several: those added
//! with [`MockServer::add`], then the example's own path (exactly, then
//! ignoring case), the most specific template, the best agreeing query,
//! table order. Anything else is a 404 with a Graph error body. Faults: the
//! `x-mock-fault` header ([`Fault::parse_list`]) or a script
//! ([`MockServer::fault_next`], [`MockServer::fault_always`]).

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

/// Text of an exchange: borrowed from a generated table, or owned.
pub type Text = Cow<'static, str>;

/// The request header that asks for a fault.
pub const FAULT_HEADER: &str = "x-mock-fault";

/// Bodies larger than this are refused (413) rather than read.
const MAX_REQUEST_BODY: usize = 32 << 20;

/// How many distinct paths are counted one by one (the rest are counted
/// together under `"(other)"`), so a long-running mock stays bounded.
const MAX_COUNTED_PATHS: usize = 100_000;

/// One documented request and its documented response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    /// `v1.0` or `beta`.
    pub version: Text,
    /// HTTP method, upper case.
    pub method: Text,
    /// Path template, parameters in braces (`/users/{id}`).
    pub template: Text,
    /// The example's own path and query (`/users/42?$select=id`), without
    /// the version.
    pub path: Text,
    /// Response status.
    pub status: u16,
    /// Response headers.
    pub headers: Vec<(Text, Text)>,
    /// Response body (JSON text, or empty).
    pub body: Text,
}

/// The compact form of the generated tables: `(method, template, path with
/// query, status, headers, body)`.
pub type StaticExchange = (&'static str, &'static str, &'static str, u16, &'static [(&'static str, &'static str)], &'static str);

impl Exchange {
    /// An exchange of a generated table.
    pub fn from_static(version: &'static str, e: &StaticExchange) -> Exchange {
        let (method, template, path, status, headers, body) = *e;
        Exchange {
            version: Cow::Borrowed(version),
            method: Cow::Borrowed(method),
            template: Cow::Borrowed(template),
            path: Cow::Borrowed(path),
            status,
            headers: headers.iter().map(|&(n, v)| (Cow::Borrowed(n), Cow::Borrowed(v))).collect(),
            body: Cow::Borrowed(body),
        }
    }

    /// An exchange of one's own (a page of a paged answer, an error): the
    /// template is also its own path, so give a path with [`Exchange::path`]
    /// when the template has parameters or the query matters. A non-empty
    /// body is served as JSON.
    pub fn new(version: &str, method: &str, template: &str, status: u16, body: impl Into<String>) -> Exchange {
        let body: String = body.into();
        let headers = if body.is_empty() { Vec::new() } else { vec![(Cow::Borrowed("Content-Type"), Cow::Borrowed("application/json"))] };
        Exchange {
            version: Cow::Owned(version.to_string()),
            method: Cow::Owned(method.to_ascii_uppercase()),
            template: Cow::Owned(template.to_string()),
            path: Cow::Owned(template.to_string()),
            status,
            headers,
            body: Cow::Owned(body),
        }
    }

    /// The same exchange with another own path (and query): preferred over
    /// others of the same template when a request has exactly this path,
    /// and chosen by its query when several share it.
    pub fn path(mut self, path: &str) -> Exchange {
        self.path = Cow::Owned(path.to_string());
        self
    }

    /// The same exchange with one more response header.
    pub fn header(mut self, name: &str, value: &str) -> Exchange {
        self.headers.push((Cow::Owned(name.to_string()), Cow::Owned(value.to_string())));
        self
    }
}

/// A fault to inject instead of (or before) the documented answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status and a Graph error body (and `Retry-After`,
    /// seconds or an HTTP date, when given).
    Status {
        /// The status, 400 to 599.
        status: u16,
        /// The `Retry-After` header's value.
        retry_after: Option<String>,
    },
    /// Wait this long, then answer as usual.
    Slow(Duration),
    /// Close the connection without an answer.
    Drop,
    /// The documented status with a body that is not JSON.
    Malformed,
    /// The documented status with the first half of the documented body.
    Truncated,
    /// 502 with an HTML page, as a proxy in the way would send.
    Html,
    /// The documented status and headers with an empty body.
    Empty,
}

impl Fault {
    /// 429 with `Retry-After: secs`.
    pub fn throttled(secs: u64) -> Fault {
        Fault::Status { status: 429, retry_after: Some(secs.to_string()) }
    }

    /// This status with a Graph error body.
    pub fn status(status: u16) -> Fault {
        Fault::Status { status, retry_after: None }
    }

    /// Read the `x-mock-fault` header: faults separated by commas, each one
    /// of `NNN` (a status, 400 to 599) with optional `;retry-after=VALUE`,
    /// `slow=500ms` (or `2s`), `drop`, `malformed`, `truncated`, `html`,
    /// `empty`. `slow=200ms,503` waits, then answers 503.
    pub fn parse_list(text: &str) -> Result<Vec<Fault>, String> {
        text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(Fault::parse_one).collect()
    }

    fn parse_one(item: &str) -> Result<Fault, String> {
        let mut parts = item.split(';').map(str::trim);
        let head = parts.next().unwrap_or("").to_ascii_lowercase();
        let fault = match head.as_str() {
            "drop" => Fault::Drop,
            "malformed" => Fault::Malformed,
            "truncated" => Fault::Truncated,
            "html" => Fault::Html,
            "empty" => Fault::Empty,
            _ if head.starts_with("slow=") => Fault::Slow(parse_duration(head.trim_start_matches("slow=")).ok_or_else(|| format!("bad duration in `{item}`"))?),
            _ => match head.parse::<u16>() {
                Ok(status) if (400..=599).contains(&status) => Fault::Status { status, retry_after: None },
                _ => return Err(format!("unknown fault `{item}`")),
            },
        };
        let mut fault = fault;
        for p in parts {
            match (p.split_once('='), &mut fault) {
                (Some((k, v)), Fault::Status { retry_after, .. }) if k.trim().eq_ignore_ascii_case("retry-after") => {
                    *retry_after = Some(v.trim().to_string());
                }
                _ => return Err(format!("unknown option `{p}` in `{item}`")),
            }
        }
        Ok(fault)
    }
}

/// `500ms`, `2s`, or a bare number of milliseconds; at most a minute.
fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (n, scale) = match (s.strip_suffix("ms"), s.strip_suffix('s')) {
        (Some(n), _) => (n, 1),
        (None, Some(n)) => (n, 1000),
        (None, None) => (s, 1),
    };
    let ms = n.trim().parse::<u64>().ok()?.checked_mul(scale)?;
    (ms <= 60_000).then(|| Duration::from_millis(ms))
}

/// What the mock has received since it started (or since
/// [`MockServer::reset_counts`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Every request.
    pub total: u64,
    /// Requests no exchange matched.
    pub unmatched: u64,
    /// Requests answered with a fault.
    pub faulted: u64,
    /// Per route (`GET /v1.0/users/{id}`), routes that were hit only.
    pub routes: BTreeMap<String, u64>,
    /// Per request path with its query (`GET /v1.0/users/42?$top=1`).
    pub paths: BTreeMap<String, u64>,
}

/// One piece of a path template.
#[derive(Debug)]
enum Piece {
    /// Literal text.
    Lit(String),
    /// A parameter; `spans` when it may hold `/` (`{item-path}`).
    Param { spans: bool },
}

/// An exchange ready to answer.
#[derive(Debug)]
struct Route {
    route: String,
    pieces: Vec<Piece>,
    literal_len: usize,
    own_path: String,
    query: Vec<(String, String)>,
    status: StatusCode,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Bytes,
    added: bool,
    hits: AtomicU64,
}

/// The exchanges, indexed by version, method and first path segment.
#[derive(Debug, Default)]
struct Table {
    routes: Vec<Route>,
    index: HashMap<String, Vec<usize>>,
}

fn index_key(version: &str, method: &str, first: &str) -> String {
    format!("{version} {method} {}", first.to_ascii_lowercase())
}

/// The first segment of a path (`users` of `/users/42`); `*` when a
/// template's first segment holds a parameter.
fn first_segment(path: &str) -> &str {
    let p = path.trim_start_matches('/');
    let seg = p.split('/').next().unwrap_or("");
    if seg.contains('{') {
        "*"
    } else {
        seg.split(['(', ':']).next().unwrap_or(seg)
    }
}

fn pieces(template: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest.get(open..).and_then(|r| r.find('}')) else { break };
        if open > 0 {
            out.push(Piece::Lit(rest.get(..open).unwrap_or("").to_string()));
        }
        let name = rest.get(open..open + len).unwrap_or("");
        out.push(Piece::Param { spans: name.to_ascii_lowercase().contains("path") });
        rest = rest.get(open + len + 1..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push(Piece::Lit(rest.to_string()));
    }
    out
}

/// Whether `path` fits the template; a bounded backtracking search.
fn fits(pieces: &[Piece], path: &str, budget: &mut u32) -> bool {
    *budget = budget.saturating_sub(1);
    if *budget == 0 {
        return false;
    }
    let Some((piece, more)) = pieces.split_first() else {
        return path.is_empty();
    };
    match piece {
        Piece::Lit(l) => path.get(..l.len()).is_some_and(|h| h.eq_ignore_ascii_case(l)) && path.get(l.len()..).is_some_and(|r| fits(more, r, budget)),
        Piece::Param { spans } => {
            let mut end = 0;
            for c in path.chars() {
                if c == '/' && !spans {
                    return false;
                }
                end += c.len_utf8();
                if path.get(end..).is_some_and(|r| fits(more, r, budget)) {
                    return true;
                }
            }
            false
        }
    }
}

/// Percent-decode a path, keeping `%2F` (a slash inside a value) encoded.
pub(crate) fn decode_path(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let digit = |j: usize| b.get(j).and_then(|&d| (d as char).to_digit(16));
        let hex = digit(i + 1).zip(digit(i + 2)).map(|(h, l)| (h * 16 + l) as u8);
        match hex {
            Some(v) if c == b'%' && v != b'/' => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Query pairs, decoded, keys lower case without their `$`.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let k = decode_path(&k.replace('+', " ")).to_ascii_lowercase();
            (k.trim_start_matches('$').to_string(), decode_path(&v.replace('+', " ")))
        })
        .collect()
}

/// How well a request's query agrees with an exchange's: each of the
/// exchange's pairs the request has counts 2, each it lacks or has with
/// another value costs 1.
fn query_score(want: &[(String, String)], got: &[(String, String)]) -> i64 {
    want.iter().map(|(k, v)| if got.iter().any(|(gk, gv)| gk == k && gv == v) { 2 } else { -1 }).sum()
}

/// A path without its trailing slash (but `/` stays).
fn trim_slash(p: &str) -> &str {
    match p.strip_suffix('/') {
        Some(t) if !t.is_empty() => t,
        _ => p,
    }
}

impl Route {
    fn new(e: &Exchange, base: &str, added: bool) -> Route {
        let template = trim_slash(&e.template);
        let pieces = pieces(template);
        let literal_len = pieces.iter().map(|p| if let Piece::Lit(l) = p { l.len() } else { 0 }).sum();
        let (own_path, own_query) = e.path.split_once('?').unwrap_or((&e.path, ""));
        let headers = e
            .headers
            .iter()
            .filter_map(|(n, v)| Some((HeaderName::from_bytes(n.trim().as_bytes()).ok()?, HeaderValue::from_str(v.trim()).ok()?)))
            .filter(|(n, _)| !matches!(n.as_str(), "content-length" | "transfer-encoding" | "connection" | "keep-alive"))
            .collect();
        // Links in the body (`@odata.nextLink`) lead back to this mock.
        let body = if e.body.contains("https://graph.microsoft.com/") {
            Bytes::from(e.body.replace("https://graph.microsoft.com/", &format!("{base}/")))
        } else {
            match &e.body {
                Cow::Borrowed(b) => Bytes::from_static(b.as_bytes()),
                Cow::Owned(b) => Bytes::from(b.clone()),
            }
        };
        Route {
            route: format!("{} /{}{}", e.method, e.version, template),
            pieces,
            literal_len,
            own_path: decode_path(trim_slash(own_path)),
            query: query_pairs(own_query),
            status: StatusCode::from_u16(e.status).unwrap_or(StatusCode::OK),
            headers,
            body,
            added,
            hits: AtomicU64::new(0),
        }
    }
}

/// How well a route fits a request, best highest: added by the caller, own
/// path exactly, own path ignoring ASCII case, literal length, query score.
type Rank = (bool, bool, bool, usize, i64);

impl Table {
    fn push(&mut self, e: &Exchange, base: &str, added: bool) {
        let key = index_key(&e.version, &e.method.to_ascii_uppercase(), first_segment(&e.template));
        self.index.entry(key).or_default().push(self.routes.len());
        self.routes.push(Route::new(e, base, added));
    }

    /// The route that answers `method /version/path?query`.
    fn find(&self, version: &str, method: &str, path: &str, query: &str) -> Option<usize> {
        let path = trim_slash(path);
        let decoded = decode_path(path);
        let first = index_key(version, method, first_segment(&decoded));
        let wild = index_key(version, method, "*");
        let got = query_pairs(query);
        let candidates = self.index.get(&first).into_iter().chain(self.index.get(&wild)).flatten().copied();
        let mut best: Option<(Rank, usize)> = None;
        for i in candidates {
            let Some(r) = self.routes.get(i) else { continue };
            if !fits(&r.pieces, &decoded, &mut 10_000) {
                continue;
            }
            // The own path exactly, then ignoring ASCII case (literals are
            // case-insensitive, values need not be).
            let key = (r.added, r.own_path == decoded, r.own_path.eq_ignore_ascii_case(&decoded), r.literal_len, query_score(&r.query, &got));
            // Later routes win only when strictly better, except that a
            // later added exchange overrides an earlier one.
            if best.as_ref().map_or(true, |(b, bi)| key > *b || (key == *b && r.added && i > *bi)) {
                best = Some((key, i));
            }
        }
        best.map(|(_, i)| i)
    }
}

/// A fault script: the next requests under `prefix` get these faults in
/// order; `forever` keeps answering with the last one.
#[derive(Debug)]
struct Rule {
    prefix: String,
    faults: VecDeque<Fault>,
    forever: bool,
}

/// State shared by the server's tasks and its handle.
#[derive(Debug)]
struct Shared {
    table: RwLock<Table>,
    base: String,
    total: AtomicU64,
    unmatched: AtomicU64,
    faulted: AtomicU64,
    paths: Mutex<HashMap<String, u64>>,
    rules: Mutex<Vec<Rule>>,
    id_seed: u64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere while holding the lock leaves plain data: go on.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

type Answer = Response<Full<Bytes>>;

impl Shared {
    fn count_path(&self, key: String) {
        let mut paths = lock(&self.paths);
        let full = paths.len() >= MAX_COUNTED_PATHS && !paths.contains_key(&key);
        *paths.entry(if full { "(other)".to_string() } else { key }).or_insert(0) += 1;
    }

    /// The scripted fault for this request, if a rule applies.
    fn scripted(&self, path: &str) -> Option<Fault> {
        let mut rules = lock(&self.rules);
        let at = rules.iter().position(|r| path.starts_with(&r.prefix))?;
        let rule = rules.get_mut(at)?;
        let fault = if rule.forever && rule.faults.len() == 1 { rule.faults.front().cloned() } else { rule.faults.pop_front() };
        if rule.faults.is_empty() {
            rules.remove(at);
        }
        fault
    }

    async fn answer(self: Arc<Self>, req: Request<Incoming>) -> Result<Answer, std::io::Error> {
        let n = self.total.fetch_add(1, Ordering::Relaxed);
        let request_id = format!("{:08x}-0000-4000-8000-{:012x}", self.id_seed & 0xffff_ffff, n & 0xffff_ffff_ffff);
        let method = req.method().as_str().to_string();
        let path = req.uri().path().to_string();
        let query = req.uri().query().unwrap_or("").to_string();
        let client_id = req.headers().get("client-request-id").cloned();
        self.count_path(if query.is_empty() { format!("{method} {path}") } else { format!("{method} {path}?{query}") });
        let header = req.headers().get(FAULT_HEADER).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        // The body is read (and dropped) so the connection can be reused.
        let body_ok = Limited::new(req.into_body(), MAX_REQUEST_BODY).collect().await.is_ok();
        let mut faults = match header.as_deref().map(Fault::parse_list) {
            Some(Ok(f)) => f,
            Some(Err(why)) => return Ok(self.error(400, "BadRequest", &format!("{FAULT_HEADER}: {why}"), &request_id, client_id)),
            None => Vec::new(),
        };
        faults.extend(self.scripted(&path));
        if !body_ok {
            return Ok(self.error(413, "RequestEntityTooLarge", "the request body is too large for the mock", &request_id, client_id));
        }
        let mut delay = Duration::ZERO;
        let fault = faults.into_iter().find(|f| match f {
            Fault::Slow(d) => {
                delay += *d;
                false
            }
            _ => true,
        });
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let found = self.route(&method, &path, &query);
        if fault.is_some() {
            self.faulted.fetch_add(1, Ordering::Relaxed);
        }
        let mut answer = match (fault, found) {
            // An error from the service makes hyper close the connection unanswered.
            (Some(Fault::Drop), _) => return Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "x-mock-fault: drop")),
            (Some(f @ (Fault::Status { .. } | Fault::Html)), _) => self.fault_answer(&f, &request_id),
            (f, Some(i)) => self.documented(i, f.as_ref()),
            (Some(f), None) => self.fault_answer(&f, &request_id),
            (None, None) => {
                self.unmatched.fetch_add(1, Ordering::Relaxed);
                let msg = format!("no documented example matches {method} {path}");
                return Ok(self.error(404, "ResourceNotFound", &msg, &request_id, client_id));
            }
        };
        finish_headers(&mut answer, &request_id, client_id);
        Ok(answer)
    }

    /// The matching route's index, its hit counted.
    fn route(&self, method: &str, path: &str, query: &str) -> Option<usize> {
        let (version, rest) = ["v1.0", "beta"].iter().find_map(|v| {
            let rest = path.strip_prefix('/')?.strip_prefix(v)?;
            (rest.is_empty() || rest.starts_with('/')).then_some((*v, rest))
        })?;
        let table = self.table.read().unwrap_or_else(|e| e.into_inner());
        let i = table.find(version, method, if rest.is_empty() { "/" } else { rest }, query)?;
        table.routes.get(i)?.hits.fetch_add(1, Ordering::Relaxed);
        Some(i)
    }

    /// The documented answer of route `i`, spoilt by `fault` when asked.
    fn documented(&self, i: usize, fault: Option<&Fault>) -> Answer {
        let table = self.table.read().unwrap_or_else(|e| e.into_inner());
        let Some(r) = table.routes.get(i) else { return plain(StatusCode::INTERNAL_SERVER_ERROR, Bytes::new()) };
        let body = match fault {
            Some(Fault::Empty) => Bytes::new(),
            Some(Fault::Truncated) if r.body.len() > 1 => r.body.slice(..r.body.len() / 2),
            Some(Fault::Truncated) => Bytes::from_static(b"{\"value\": ["),
            Some(Fault::Malformed) => Bytes::from_static(MALFORMED),
            _ => r.body.clone(),
        };
        let mut answer = plain(r.status, body);
        let h = answer.headers_mut();
        for (n, v) in &r.headers {
            h.append(n.clone(), v.clone());
        }
        if matches!(fault, Some(Fault::Malformed | Fault::Truncated)) && !h.contains_key("content-type") {
            h.insert("content-type", HeaderValue::from_static("application/json"));
        }
        answer
    }

    /// A fault that does not depend on the documented answer.
    fn fault_answer(&self, fault: &Fault, request_id: &str) -> Answer {
        match fault {
            Fault::Status { status, retry_after } => {
                let code = match status {
                    429 => "TooManyRequests",
                    503 => "ServiceUnavailable",
                    504 => "GatewayTimeout",
                    500 => "InternalServerError",
                    _ => "MockFault",
                };
                let mut a = self.error(*status, code, "fault injected by the mock", request_id, None);
                if let Some(v) = retry_after.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
                    a.headers_mut().insert("retry-after", v);
                }
                a
            }
            Fault::Html => {
                let mut a = plain(StatusCode::BAD_GATEWAY, Bytes::from_static(HTML));
                a.headers_mut().insert("content-type", HeaderValue::from_static("text/html"));
                a
            }
            Fault::Malformed => json(StatusCode::OK, Bytes::from_static(MALFORMED)),
            Fault::Truncated => json(StatusCode::OK, Bytes::from_static(b"{\"value\": [")),
            Fault::Empty | Fault::Slow(_) | Fault::Drop => plain(StatusCode::OK, Bytes::new()),
        }
    }

    /// A Graph error answer.
    fn error(&self, status: u16, code: &str, message: &str, request_id: &str, client_id: Option<HeaderValue>) -> Answer {
        let body = serde_json::json!({
            "error": {
                "code": code,
                "message": message,
                "innerError": { "request-id": request_id, "client-request-id": client_id.as_ref().and_then(|v| v.to_str().ok()).unwrap_or(request_id), "date": iso_now() }
            }
        });
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut a = json(status, Bytes::from(body.to_string()));
        finish_headers(&mut a, request_id, client_id);
        a
    }
}

const MALFORMED: &[u8] = b"{\"value\": [{\"id\": \"1\",, \"displayName\": }";
const HTML: &[u8] = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";

fn plain(status: StatusCode, body: Bytes) -> Answer {
    let mut a = Response::new(Full::new(body));
    *a.status_mut() = status;
    a
}

fn json(status: StatusCode, body: Bytes) -> Answer {
    let mut a = plain(status, body);
    a.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
    a
}

/// `request-id` (unless documented) and the caller's `client-request-id`.
fn finish_headers(a: &mut Answer, request_id: &str, client_id: Option<HeaderValue>) {
    let h = a.headers_mut();
    if !h.contains_key("request-id") {
        if let Ok(v) = HeaderValue::from_str(request_id) {
            h.insert("request-id", v);
        }
    }
    if let Some(v) = client_id {
        h.insert("client-request-id", v);
    }
}

/// Now as `2021-07-16T10:20:30`, UTC (the form of Graph's `innerError.date`).
fn iso_now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// A running mock. Dropping it stops the server.
#[derive(Debug)]
pub struct MockServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    // Dropped with the handle: the server's tasks see it close and stop.
    _stop: tokio::sync::watch::Sender<()>,
}

impl MockServer {
    /// Serve `exchanges` on `127.0.0.1` at a free port. Needs a tokio
    /// runtime (with I/O and time enabled).
    pub async fn start(exchanges: Vec<Exchange>) -> std::io::Result<MockServer> {
        MockServer::bind(exchanges, SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Serve `exchanges` at `addr` (a loopback address unless the caller
    /// means otherwise).
    pub async fn bind(exchanges: Vec<Exchange>, addr: SocketAddr) -> std::io::Result<MockServer> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let base = format!("http://{addr}");
        let mut table = Table::default();
        for e in &exchanges {
            table.push(e, &base, false);
        }
        drop(exchanges);
        let shared = Arc::new(Shared {
            table: RwLock::new(table),
            base,
            total: AtomicU64::new(0),
            unmatched: AtomicU64::new(0),
            faulted: AtomicU64::new(0),
            paths: Mutex::new(HashMap::new()),
            rules: Mutex::new(Vec::new()),
            id_seed: u64::from(addr.port()),
        });
        let (stop, stopped) = tokio::sync::watch::channel(());
        tokio::spawn(accept_loop(listener, shared.clone(), stopped));
        Ok(MockServer { shared, addr, _stop: stop })
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash; requests go to
    /// `{url}/v1.0/...` and `{url}/beta/...`.
    pub fn url(&self) -> String {
        self.shared.base.clone()
    }

    /// The address the mock listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many exchanges the mock serves.
    pub fn exchanges(&self) -> usize {
        self.shared.table.read().unwrap_or_else(|e| e.into_inner()).routes.len()
    }

    /// Serve one more exchange, preferred over the documented ones.
    pub fn add(&self, exchange: Exchange) {
        let mut table = self.shared.table.write().unwrap_or_else(|e| e.into_inner());
        table.push(&exchange, &self.shared.base, true);
    }

    /// The next requests whose path starts with `prefix` (`""`: any) get
    /// these faults, one each, in order; later ones are answered as usual.
    pub fn fault_next(&self, prefix: &str, faults: impl IntoIterator<Item = Fault>) {
        let faults: VecDeque<Fault> = faults.into_iter().collect();
        if !faults.is_empty() {
            lock(&self.shared.rules).push(Rule { prefix: prefix.to_string(), faults, forever: false });
        }
    }

    /// Every request whose path starts with `prefix` gets `fault` until
    /// [`MockServer::clear_faults`].
    pub fn fault_always(&self, prefix: &str, fault: Fault) {
        lock(&self.shared.rules).push(Rule { prefix: prefix.to_string(), faults: VecDeque::from([fault]), forever: true });
    }

    /// Forget every scripted fault.
    pub fn clear_faults(&self) {
        lock(&self.shared.rules).clear();
    }

    /// What the mock has received.
    pub fn counts(&self) -> Counts {
        let s = &self.shared;
        let table = s.table.read().unwrap_or_else(|e| e.into_inner());
        let mut routes = BTreeMap::new();
        for r in &table.routes {
            let n = r.hits.load(Ordering::Relaxed);
            if n > 0 {
                *routes.entry(r.route.clone()).or_insert(0) += n;
            }
        }
        Counts {
            total: s.total.load(Ordering::Relaxed),
            unmatched: s.unmatched.load(Ordering::Relaxed),
            faulted: s.faulted.load(Ordering::Relaxed),
            routes,
            paths: lock(&s.paths).iter().map(|(k, v)| (k.clone(), *v)).collect(),
        }
    }

    /// Every request received so far.
    pub fn received(&self) -> u64 {
        self.shared.total.load(Ordering::Relaxed)
    }

    /// Start counting from zero.
    pub fn reset_counts(&self) {
        let s = &self.shared;
        for c in [&s.total, &s.unmatched, &s.faulted] {
            c.store(0, Ordering::Relaxed);
        }
        lock(&s.paths).clear();
        for r in &s.table.read().unwrap_or_else(|e| e.into_inner()).routes {
            r.hits.store(0, Ordering::Relaxed);
        }
    }
}

async fn accept_loop(listener: tokio::net::TcpListener, shared: Arc<Shared>, mut stopped: tokio::sync::watch::Receiver<()>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(connection(stream, shared.clone(), stopped.clone()));
                }
                // Out of file descriptors and the like: wait, then go on.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            _ = stopped.changed() => return,
        }
    }
}

async fn connection(stream: tokio::net::TcpStream, shared: Arc<Shared>, mut stopped: tokio::sync::watch::Receiver<()>) {
    let service = hyper::service::service_fn(move |req| shared.clone().answer(req));
    let conn = hyper::server::conn::http1::Builder::new().serve_connection(hyper_util::rt::TokioIo::new(stream), service);
    tokio::select! {
        _ = conn => {}
        _ = stopped.changed() => {}
    }
}
