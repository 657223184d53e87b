//! An async client for the generated requests (feature `client`): sends a
//! [`Request`] with reqwest (rustls) on tokio and decodes the answer into the
//! request's typed response. It adds what every Graph caller has to write:
//! a token source, retries of throttled and transient answers (honouring
//! `Retry-After`), paging over `@odata.nextLink`, Graph's error bodies, a
//! per-request timeout and an optional permission pre-flight.
//!
//! No answer of a server makes it panic: every status, body and header
//! becomes a value or an [`Error`].
//!
//! This file is copied verbatim into every generated crate.

use crate::support::{Endpoint, FromResponse, GraphError, Page, PermissionType, Permissions, Request, ResponseError, BASE_URL};
use futures_core::Stream;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tracing::Instrument;

/// The HTTP client underneath, for [`Client::with_http_client`].
pub use reqwest;

#[path = "client_preflight.rs"]
mod preflight;
pub use preflight::{grants_of_token, preflight, PermissionDenied};

/// A boxed future, as [`TokenSource`] returns (object safe, no macro crate).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where the client gets its bearer token, asked before every attempt (a
/// source that caches and refreshes does so behind this call).
pub trait TokenSource: Send + Sync {
    /// An access token for Microsoft Graph (without the `Bearer ` prefix).
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>>;
}

/// A token source failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenError(pub String);

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no access token: {}", self.0)
    }
}

impl std::error::Error for TokenError {}

/// A fixed access token (tests, scripts, a token obtained elsewhere).
#[derive(Clone)]
pub struct StaticToken(String);

impl StaticToken {
    /// Use `token` for every request.
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(token.into())
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }
}

/// When and how often a request is tried again.
///
/// Retried: 429, 503 and 504 answers, and transport failures and timeouts
/// of idempotent methods. POST and PATCH are not idempotent: they are
/// retried only after a 429 (the service throttled them and did not act) or
/// when the connection could not be made at all (nothing was sent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1: never retry).
    pub max_attempts: u32,
    /// The first backoff delay when the server gives no `Retry-After`;
    /// it doubles per attempt, with jitter.
    pub base_delay: Duration,
    /// The longest backoff delay (a `Retry-After` is honoured as given).
    pub max_delay: Duration,
    /// Time for all attempts and waits together; a wait that would end
    /// past it is not started, and the last error is returned.
    pub deadline: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_attempts: 4, base_delay: Duration::from_millis(500), max_delay: Duration::from_secs(30), deadline: Duration::from_secs(120) }
    }
}

impl RetryPolicy {
    /// One attempt only.
    pub const NEVER: RetryPolicy = RetryPolicy { max_attempts: 1, base_delay: Duration::ZERO, max_delay: Duration::ZERO, deadline: Duration::MAX };
}

/// How far a paged listing is followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageLimit {
    /// Pages fetched at most, the first included.
    pub max_pages: usize,
    /// Items yielded at most (by [`Client::items`]).
    pub max_items: usize,
}

impl Default for PageLimit {
    /// Large enough for any listing, small enough that a server repeating
    /// a link cannot keep a caller busy forever.
    fn default() -> Self {
        PageLimit { max_pages: 10_000, max_items: usize::MAX }
    }
}

impl PageLimit {
    /// At most `n` pages.
    pub fn pages(n: usize) -> Self {
        PageLimit { max_pages: n, ..Self::default() }
    }

    /// At most `n` items.
    pub fn items(n: usize) -> Self {
        PageLimit { max_items: n, ..Self::default() }
    }
}

/// The permissions a caller holds, for the pre-flight check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Grants {
    /// Granted scopes (delegated) or roles (application) of one permission type.
    Scopes {
        /// How the caller is signed in.
        kind: PermissionType,
        /// Scope or role names.
        scopes: Vec<String>,
    },
    /// Read from each access token's `scp` and `roles` claims (decoded, not
    /// verified: only for this check; the service verifies the token).
    FromToken,
}

/// Why a request failed. Every server answer maps to one of these.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The connection failed or broke (refused, reset, closed mid-answer).
    Transport {
        /// What the HTTP stack reported.
        reason: String,
    },
    /// No complete answer within the per-request timeout.
    Timeout {
        /// The timeout that ran out.
        after: Duration,
    },
    /// The service answered with an error status.
    Graph {
        /// HTTP status.
        status: u16,
        /// The error body (code and message; empty when the body was not a Graph error).
        error: GraphError,
        /// The `request-id` header, else the body's `innerError.request-id`.
        request_id: Option<String>,
    },
    /// A success status whose body does not fit the documented response
    /// (HTML, truncated or malformed JSON, wrong content type, missing body).
    Undecodable {
        /// HTTP status.
        status: u16,
        /// What did not fit.
        reason: String,
    },
    /// Refused before sending: the documented permissions of this path do
    /// not allow the granted ones.
    PermissionDenied(PermissionDenied),
    /// The token source failed.
    Token(TokenError),
    /// The request could not be built (an invalid header value, say) or a
    /// `@odata.nextLink` points away from the client's base URL.
    InvalidRequest {
        /// What was wrong.
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport { reason } => write!(f, "transport error: {reason}"),
            Error::Timeout { after } => write!(f, "no answer within {after:?}"),
            Error::Graph { status, error, request_id } => {
                write!(f, "Graph answered {status}: {} {}", error.code, error.message)?;
                match request_id {
                    Some(id) => write!(f, " (request-id {id})"),
                    None => Ok(()),
                }
            }
            Error::Undecodable { status, reason } => write!(f, "answer {status} could not be decoded: {reason}"),
            Error::PermissionDenied(p) => p.fmt(f),
            Error::Token(e) => e.fmt(f),
            Error::InvalidRequest { reason } => write!(f, "invalid request: {reason}"),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The HTTP status of the answer behind this error, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Graph { status, .. } | Error::Undecodable { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// An async Microsoft Graph client. Cheap to clone (shared connection pool).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base: String,
    token: Option<Arc<dyn TokenSource>>,
    retry: RetryPolicy,
    timeout: Duration,
    grants: Option<Grants>,
    max_body: usize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").field("base", &self.inner.base).field("retry", &self.inner.retry).field("timeout", &self.inner.timeout).finish_non_exhaustive()
    }
}

impl Client {
    /// A client for the service at `base_url` (scheme and host, e.g. a
    /// mock's `http://127.0.0.1:PORT`; the version is part of each request).
    pub fn new(base_url: impl Into<String>) -> Self {
        let http = reqwest::Client::builder().user_agent(concat!("msgraph-docgen-client/", env!("CARGO_PKG_VERSION"))).build().unwrap_or_default();
        let base = base_url.into().trim_end_matches('/').to_string();
        Client { inner: Arc::new(Inner { http, base, token: None, retry: RetryPolicy::default(), timeout: Duration::from_secs(60), grants: None, max_body: 256 << 20 }) }
    }

    /// A client for `https://graph.microsoft.com` with a token source.
    pub fn graph(token: impl TokenSource + 'static) -> Self {
        Client::new(BASE_URL).with_token(token)
    }

    fn with(mut self, change: impl FnOnce(&mut Inner)) -> Self {
        match Arc::get_mut(&mut self.inner) {
            Some(inner) => change(inner),
            None => {
                let i = &self.inner;
                let mut copy = Inner { http: i.http.clone(), base: i.base.clone(), token: i.token.clone(), retry: i.retry, timeout: i.timeout, grants: i.grants.clone(), max_body: i.max_body };
                change(&mut copy);
                self.inner = Arc::new(copy);
            }
        }
        self
    }

    /// Send a bearer token from `source` with every request.
    pub fn with_token(self, source: impl TokenSource + 'static) -> Self {
        self.with(|i| i.token = Some(Arc::new(source)))
    }

    /// Retry throttled and transient failures by `policy`.
    pub fn with_retry(self, policy: RetryPolicy) -> Self {
        self.with(|i| i.retry = policy)
    }

    /// Give each attempt at most `timeout` (connection and whole answer).
    pub fn with_timeout(self, timeout: Duration) -> Self {
        self.with(|i| i.timeout = timeout)
    }

    /// Use a configured `reqwest::Client` (proxy, pool, TLS settings).
    pub fn with_http_client(self, http: reqwest::Client) -> Self {
        self.with(|i| i.http = http)
    }

    /// Check each request's documented permissions before sending it.
    pub fn with_preflight(self, grants: Grants) -> Self {
        self.with(|i| i.grants = Some(grants))
    }

    /// Refuse answer bodies longer than `bytes` (default 256 MiB).
    pub fn with_max_body(self, bytes: usize) -> Self {
        self.with(|i| i.max_body = bytes)
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    /// Send `request` and decode the answer into its typed response.
    pub async fn send<T: FromResponse>(&self, request: &Request<T>) -> Result<T, Error> {
        // Everything but the decoding is the same for every response type:
        // one copy of the retry loop, however many types a crate sends.
        let answer = self.send_prepared(self.prepare(request)?).await?;
        answer.decode(request)
    }

    /// What [`Client::send_prepared`] needs of a request, built once.
    fn prepare<T>(&self, request: &Request<T>) -> Result<Prepared, Error> {
        let (parts, body) = request.to_http(&self.inner.base).map_err(|e| Error::InvalidRequest { reason: e.to_string() })?.into_parts();
        let template = request.path_info().map_or("", |p| p.template);
        Ok(Prepared { endpoint: request.endpoint(), template, permissions: request.path_permissions(), parts, body })
    }

    async fn send_prepared(&self, request: Prepared) -> Result<Answer, Error> {
        let endpoint = request.endpoint;
        let span = tracing::info_span!(
            "graph.request",
            method = endpoint.method,
            operation = endpoint.name,
            path = request.template,
            version = endpoint.version,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        self.retrying(&request, &span).instrument(span.clone()).await
    }

    async fn retrying(&self, request: &Prepared, span: &tracing::Span) -> Result<Answer, Error> {
        let started = Instant::now();
        let retry = self.inner.retry;
        let mut attempt = 1u32;
        loop {
            span.record("attempt", attempt);
            let (outcome, retry_after) = self.attempt(request).await;
            if let Outcome::Answer { status, .. } = &outcome {
                span.record("status", status);
            }
            let Some(delay) = next_delay(&retry, request.endpoint.method, &outcome, retry_after, attempt, started) else {
                return outcome.finish();
            };
            tracing::debug!(delay_ms = delay.as_millis() as u64, "retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// One attempt: the answer (or failure), and its `Retry-After`.
    async fn attempt(&self, request: &Prepared) -> (Outcome, Option<Duration>) {
        let token = match self.token_for(request).await {
            Ok(token) => token,
            Err(e) => return (Outcome::Failed(e), None),
        };
        let url = match reqwest::Url::parse(&request.parts.uri.to_string()) {
            Ok(url) => url,
            Err(e) => return (Outcome::Failed(Error::InvalidRequest { reason: e.to_string() }), None),
        };
        let mut req = reqwest::Request::new(request.parts.method.clone(), url);
        *req.headers_mut() = request.parts.headers.clone();
        if let Some(token) = token {
            match http::HeaderValue::from_str(&format!("Bearer {token}")) {
                Ok(mut v) => {
                    v.set_sensitive(true);
                    req.headers_mut().insert(http::header::AUTHORIZATION, v);
                }
                Err(_) => return (Outcome::Failed(Error::Token(TokenError("the token is not a valid header value".into()))), None),
            }
        }
        if !request.body.is_empty() {
            *req.body_mut() = Some(request.body.clone().into());
        }
        *req.timeout_mut() = Some(self.inner.timeout);
        match self.inner.http.execute(req).await {
            Ok(resp) => self.read_answer(resp).await,
            // A connection that could not be made carried nothing: safe to
            // retry whatever the method.
            Err(e) if e.is_connect() => (Outcome::NotSent(self.transport_error(&e)), None),
            Err(e) => (Outcome::Failed(self.transport_error(&e)), None),
        }
    }

    async fn read_answer(&self, mut resp: reqwest::Response) -> (Outcome, Option<Duration>) {
        let status = resp.status().as_u16();
        let headers = std::mem::take(resp.headers_mut());
        let retry_after = headers.get(http::header::RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(|v| parse_retry_after(v, SystemTime::now()));
        let mut body = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) if body.len() + chunk.len() > self.inner.max_body => {
                    let reason = format!("body longer than {} bytes", self.inner.max_body);
                    return (Outcome::Failed(Error::Undecodable { status, reason }), None);
                }
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(e) => return (Outcome::Failed(self.transport_error(&e)), retry_after),
            }
        }
        (Outcome::Answer { status, headers, body }, retry_after)
    }

    fn transport_error(&self, e: &reqwest::Error) -> Error {
        if e.is_timeout() {
            return Error::Timeout { after: self.inner.timeout };
        }
        // The chain holds the cause (reset, refused, closed before the end).
        let mut reason = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            reason.push_str(": ");
            reason.push_str(&s.to_string());
            source = s.source();
        }
        Error::Transport { reason }
    }

    async fn token_for(&self, request: &Prepared) -> Result<Option<String>, Error> {
        let token = match &self.inner.token {
            Some(source) => Some(source.token().await.map_err(Error::Token)?),
            None => None,
        };
        match (&self.inner.grants, &token) {
            (Some(Grants::Scopes { kind, scopes }), _) => preflight(request.endpoint, request.permissions, *kind, scopes)?,
            (Some(Grants::FromToken), Some(token)) => {
                if let Some(Grants::Scopes { kind, scopes }) = grants_of_token(token) {
                    preflight(request.endpoint, request.permissions, kind, &scopes)?;
                }
            }
            _ => {}
        }
        Ok(token)
    }

    /// Every page of a listing, following `@odata.nextLink` until the last
    /// page or `limit`. An error ends the stream after it is yielded.
    pub fn pages<T>(&self, first: Request<Page<T>>, limit: PageLimit) -> impl Stream<Item = Result<Page<T>, Error>> + Send + 'static
    where
        T: Send + 'static,
        Page<T>: FromResponse,
    {
        let state = Paging::new(self, first, limit);
        futures_util::stream::unfold(state, |mut state| async move {
            let page = state.fetch().await?;
            Some((page, state))
        })
    }

    /// Every item of a listing, page after page (see [`Client::pages`]);
    /// stops after `limit.max_items` items or `limit.max_pages` pages.
    pub fn items<T>(&self, first: Request<Page<T>>, limit: PageLimit) -> impl Stream<Item = Result<T, Error>> + Send + 'static
    where
        T: Send + 'static,
        Page<T>: FromResponse,
    {
        let state = (Paging::new(self, first, limit), Vec::new().into_iter(), 0usize);
        futures_util::stream::unfold(state, |(mut paging, mut buffer, mut yielded)| async move {
            loop {
                if yielded >= paging.limit.max_items {
                    return None;
                }
                if let Some(item) = buffer.next() {
                    yielded += 1;
                    return Some((Ok(item), (paging, buffer, yielded)));
                }
                match paging.fetch().await? {
                    Ok(page) => buffer = page.value.into_iter(),
                    Err(e) => return Some((Err(e), (paging, buffer, yielded))),
                }
            }
        })
    }
}

/// The state of a paged listing.
struct Paging<T> {
    client: Client,
    /// The next page's request, or why there can be none.
    next: Option<Result<Request<Page<T>>, Error>>,
    pages: usize,
    limit: PageLimit,
}

impl<T> Paging<T>
where
    Page<T>: FromResponse,
{
    fn new(client: &Client, first: Request<Page<T>>, limit: PageLimit) -> Self {
        Paging { client: client.clone(), next: Some(Ok(first)), pages: 0, limit }
    }

    /// The next page; `None` at the end or the bound.
    async fn fetch(&mut self) -> Option<Result<Page<T>, Error>> {
        if self.pages >= self.limit.max_pages {
            return None;
        }
        let request = match self.next.take()? {
            Ok(request) => request,
            Err(e) => return Some(Err(e)),
        };
        self.pages += 1;
        let page = match self.client.send(&request).await {
            Ok(page) => page,
            Err(e) => return Some(Err(e)),
        };
        self.next = page.next_link.as_ref().map(|link| {
            // The bearer token goes wherever the link points: only to the
            // service this client was made for.
            if same_origin(link, &self.client.inner.base) {
                Ok(request.clone().with_next_link(link))
            } else {
                Err(Error::InvalidRequest { reason: format!("@odata.nextLink points away from {}: {link}", self.client.inner.base) })
            }
        });
        Some(Ok(page))
    }
}

/// What one attempt ended with.
enum Outcome {
    Answer { status: u16, headers: http::HeaderMap, body: Vec<u8> },
    /// The request may have reached the service.
    Failed(Error),
    /// The request never left (no connection).
    NotSent(Error),
}

impl Outcome {
    fn finish(self) -> Result<Answer, Error> {
        match self {
            Outcome::Answer { status, headers, body } => Ok(Answer { status, headers, body }),
            Outcome::Failed(e) | Outcome::NotSent(e) => Err(e),
        }
    }
}

/// A request without its response type: what sending needs.
struct Prepared {
    endpoint: &'static Endpoint,
    template: &'static str,
    permissions: Option<&'static Permissions>,
    parts: http::request::Parts,
    body: Vec<u8>,
}

/// The last attempt's answer, to decode.
struct Answer {
    status: u16,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn decode<T: FromResponse>(self, request: &Request<T>) -> Result<T, Error> {
        let Answer { status, headers, body } = self;
        request.decode(status, &headers, &body).map_err(|e| match e {
            ResponseError::Graph(error) => {
                let header = headers.get("request-id").and_then(|v| v.to_str().ok()).map(str::to_string);
                let request_id = header.or_else(|| error.inner_error.as_ref().and_then(|i| i.request_id.clone()));
                Error::Graph { status, error, request_id }
            }
            ResponseError::Undecodable { status, reason } => Error::Undecodable { status, reason },
        })
    }
}

/// How long to wait before the next attempt; `None`: do not retry.
fn next_delay(policy: &RetryPolicy, method: &str, outcome: &Outcome, retry_after: Option<Duration>, attempt: u32, started: Instant) -> Option<Duration> {
    if attempt >= policy.max_attempts {
        return None;
    }
    let idempotent = !matches!(method, "POST" | "PATCH");
    let retriable = match outcome {
        Outcome::Answer { status: 429, .. } => true,
        Outcome::Answer { status: 503 | 504, .. } => idempotent,
        Outcome::Answer { .. } => false,
        Outcome::NotSent(Error::Transport { .. }) => true,
        Outcome::Failed(Error::Transport { .. } | Error::Timeout { .. }) => idempotent,
        Outcome::Failed(_) | Outcome::NotSent(_) => false,
    };
    if !retriable {
        return None;
    }
    let delay = retry_after.unwrap_or_else(|| backoff(policy, attempt));
    let ends = started.elapsed().checked_add(delay)?;
    (ends < policy.deadline).then_some(delay)
}

/// Exponential backoff with jitter: between half and all of
/// `base · 2^(attempt-1)`, at most `max_delay`.
fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    let full = policy.base_delay.saturating_mul(1u32 << attempt.saturating_sub(1).min(20)).min(policy.max_delay);
    let half = full / 2;
    half + half.mul_f64(jitter())
}

/// A number in [0, 1) that differs between calls and processes (spreads
/// retries of many clients; no cryptographic use).
fn jitter() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static STATE: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let mut x = STATE.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed) ^ nanos ^ u64::from(std::process::id());
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// `Retry-After` as a delay: delay-seconds, or an HTTP date (IMF-fixdate)
/// relative to `now` (a date in the past means now).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = parse_http_date(value)?;
    let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since the epoch of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn parse_http_date(s: &str) -> Option<u64> {
    let rest = s.split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let (day, month, year, time, zone) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if zone != "GMT" || parts.next().is_some() {
        return None;
    }
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let mut hms = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    if !(1..=31).contains(&day) || !(0..24).contains(&h) || !(0..60).contains(&m) || !(0..61).contains(&sec) || !(1970..=9999).contains(&year) {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + h * 3600 + m * 60 + sec).ok()
}

/// Whether `link` is on the same scheme, host and port as `base`.
fn same_origin(link: &str, base: &str) -> bool {
    fn origin(url: &str) -> Option<(&str, &str)> {
        let (scheme, rest) = url.split_once("://")?;
        let host = rest.split(['/', '?', '#']).next()?;
        Some((scheme, host))
    }
    match (origin(link), origin(base)) {
        (Some((s1, h1)), Some((s2, h2))) => s1.eq_ignore_ascii_case(s2) && h1.eq_ignore_ascii_case(h2),
        _ => false,
    }
}

/// A token source for `azure_identity` credentials (feature
/// `azure-identity`): client secret, managed identity, Azure CLI, and any
/// other `azure_core` `TokenCredential`.
#[cfg(feature = "azure-identity")]
pub mod azure {
    use super::{BoxFuture, TokenError, TokenSource};
    pub use azure_core::credentials::TokenCredential;
    pub use azure_identity;
    use std::sync::Arc;

    /// The scope that asks for every permission the app was granted for Graph.
    pub const GRAPH_DEFAULT_SCOPE: &str = "https://graph.microsoft.com/.default";

    /// Tokens from an Azure identity credential.
    #[derive(Clone, Debug)]
    pub struct AzureToken {
        credential: Arc<dyn TokenCredential>,
        scope: String,
    }

    impl AzureToken {
        /// Tokens for Microsoft Graph's default scope.
        pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
            AzureToken { credential, scope: GRAPH_DEFAULT_SCOPE.to_string() }
        }

        /// Tokens for another scope (a national cloud's Graph, say).
        pub fn with_scope(credential: Arc<dyn TokenCredential>, scope: impl Into<String>) -> Self {
            AzureToken { credential, scope: scope.into() }
        }
    }

    impl TokenSource for AzureToken {
        fn token(&self) -> BoxFuture<'_, Result<String, TokenError>> {
            Box::pin(async move {
                let token = self.credential.get_token(&[self.scope.as_str()], None).await.map_err(|e| TokenError(e.to_string()))?;
                Ok(token.token.secret().to_string())
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:40 GMT", now), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 25:49:40 GMT", now), None);
    }
}
