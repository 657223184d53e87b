//! The generated crate's client (feature `client`) over real HTTP on
//! 127.0.0.1: retries, Retry-After, non-idempotent methods, bad bodies,
//! dropped connections, paging and the permission pre-flight.
//!
//! The server here is scripted at the byte level (one answer per request,
//! in order), so it can also send what no well-behaved server would:
//! truncated bodies, HTML, a closed connection.

use futures_util::StreamExt;
use msgraph_generated::client::{Client, Error, Grants, PageLimit, RetryPolicy, StaticToken};
use msgraph_generated::support::{Endpoint, GraphType, Page, PathInfo, Permission, PermissionType, Permissions, Request, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

mod server {
    use super::*;

    /// What the server does with one request.
    #[derive(Clone)]
    pub enum Answer {
        /// Send these bytes, then close.
        Raw(Vec<u8>),
        /// Wait, then send.
        Slow(Duration, Vec<u8>),
        /// Close without answering.
        Drop,
    }

    /// A full answer with `Content-Length` and `Connection: close`.
    pub fn answer(status: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        let mut s = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
        for (k, v) in headers {
            s.push_str(&format!("{k}: {v}\r\n"));
        }
        s.push_str("\r\n");
        s.push_str(body);
        Answer::Raw(s.into_bytes())
    }

    pub fn json(status: &str, body: &str) -> Answer {
        answer(status, &[("Content-Type", "application/json")], body)
    }

    /// A Graph error body whose code tells which request it answered.
    pub fn graph_error(status: &str, code: &str, extra: &[(&str, &str)]) -> Answer {
        let mut headers = vec![("Content-Type", "application/json")];
        headers.extend_from_slice(extra);
        answer(status, &headers, &format!(r#"{{"error":{{"code":"{code}","message":"scripted","innerError":{{"request-id":"body-id"}}}}}}"#))
    }

    /// One received request: its request line and headers, lower-cased names.
    #[derive(Clone, Debug)]
    pub struct Seen {
        pub line: String,
        pub headers: Vec<(String, String)>,
        pub at: Instant,
    }

    impl Seen {
        pub fn header(&self, name: &str) -> Option<&str> {
            self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
        }
    }

    pub struct Server {
        pub base: String,
        pub seen: Arc<Mutex<Vec<Seen>>>,
    }

    impl Server {
        pub fn requests(&self) -> Vec<Seen> {
            self.seen.lock().unwrap().clone()
        }
    }

    /// Serve `script` (the last answer repeats) on a free loopback port.
    pub async fn start(script: Vec<Answer>) -> Server {
        start_with(|_| script).await
    }

    /// Serve the script `make` writes for the server's own base URL.
    pub async fn start_with(make: impl FnOnce(&str) -> Vec<Answer>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let script = make(&base);
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let log = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut sock, _)) = listener.accept().await else { return };
                let Some(head) = read_request(&mut sock).await else { continue };
                let n = {
                    let mut log = log.lock().unwrap();
                    log.push(head);
                    log.len()
                };
                let answer = script.get(n - 1).or(script.last()).cloned().unwrap_or(Answer::Drop);
                tokio::spawn(async move {
                    match answer {
                        Answer::Raw(bytes) => {
                            let _ = sock.write_all(&bytes).await;
                        }
                        Answer::Slow(wait, bytes) => {
                            tokio::time::sleep(wait).await;
                            let _ = sock.write_all(&bytes).await;
                        }
                        Answer::Drop => {}
                    }
                    let _ = sock.shutdown().await;
                });
            }
        });
        Server { base, seen }
    }

    async fn read_request(sock: &mut tokio::net::TcpStream) -> Option<Seen> {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        let end = loop {
            let n = sock.read(&mut chunk).await.ok()?;
            if n == 0 {
                return None;
            }
            buf.extend_from_slice(&chunk[..n]);
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i;
            }
        };
        let text = String::from_utf8_lossy(&buf[..end]).to_string();
        let mut lines = text.split("\r\n");
        let line = lines.next()?.to_string();
        let headers: Vec<(String, String)> =
            lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())).collect();
        let length: usize = headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
        let mut have = buf.len() - end - 4;
        while have < length {
            let n = sock.read(&mut chunk).await.ok()?;
            if n == 0 {
                break;
            }
            have += n;
        }
        Some(Seen { line, headers, at: Instant::now() })
    }
}

use server::{answer, graph_error, json, Answer};

// Fixture operations (not from any docs page): a list, a get and a create.
const SCOPES: Permissions = Permissions {
    delegated_work: Permission::scopes(&["Widget.Read", "Widget.ReadWrite.All"]),
    delegated_personal: Permission::NOT_SUPPORTED,
    application: Permission::scopes(&["Widget.Read.All"]),
};

static LIST: Endpoint = Endpoint {
    name: "widget_list",
    title: "List widgets",
    page: "v1.0/api/widget-list.md",
    version: "v1.0",
    method: "GET",
    paths: &[PathInfo {
        template: "/widgets",
        params: &[],
        deprecated: false,
        function: "widget_list",
        pieces: &["/widgets"],
        keep_slash: 0,
        permissions: None,
        scenarios: &[],
    }],
    permissions: Some(SCOPES),
    success_status: Some(200),
    query_options: &[],
    headers: &[],
};

static GET: Endpoint = Endpoint {
    name: "widget_get",
    title: "Get widget",
    page: "v1.0/api/widget-get.md",
    version: "v1.0",
    method: "GET",
    paths: &[PathInfo {
        template: "/widgets/{id}",
        params: &["widget_id"],
        deprecated: false,
        function: "widget_get",
        pieces: &["/widgets/", ""],
        keep_slash: 0,
        permissions: None,
        scenarios: &[],
    }],
    permissions: Some(SCOPES),
    success_status: Some(200),
    query_options: &[],
    headers: &[],
};

static CREATE: Endpoint = Endpoint {
    name: "widget_create",
    title: "Create widget",
    page: "v1.0/api/widget-create.md",
    version: "v1.0",
    method: "POST",
    paths: &[PathInfo {
        template: "/widgets",
        params: &[],
        deprecated: false,
        function: "widget_create",
        pieces: &["/widgets"],
        keep_slash: 0,
        permissions: None,
        scenarios: &[],
    }],
    permissions: Some(SCOPES),
    success_status: Some(201),
    query_options: &[],
    headers: &[],
};

type Widget = msgraph_generated::v1_0::types::Call;

fn list() -> Request<Page<Widget>> {
    Request::new(&LIST, "/widgets".into())
}

fn get() -> Request<Widget> {
    Request::new(&GET, "/widgets/w1".into())
}

fn create() -> Request<Widget> {
    Request::new(&CREATE, "/widgets".into()).json(&serde_json::json!({"name": "w"})).unwrap()
}

fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy { max_attempts: attempts, base_delay: Duration::from_millis(10), max_delay: Duration::from_millis(50), deadline: Duration::from_secs(20) }
}

const WIDGET: &str = r#"{"id":"w1","state":"established"}"#;

fn id_of(w: &Widget) -> Option<&str> {
    w.as_object().get("id").and_then(Value::as_str)
}

#[tokio::test]
async fn throttled_then_ok_waits_as_retry_after_says() {
    let srv = server::start(vec![graph_error("429 Too Many Requests", "throttled", &[("Retry-After", "1")]), json("200 OK", WIDGET)]).await;
    // Backoff alone would wait 20 s or more: a quick success proves the header was used.
    let policy = RetryPolicy { max_attempts: 3, base_delay: Duration::from_secs(40), max_delay: Duration::from_secs(60), deadline: Duration::from_secs(30) };
    let client = Client::new(&srv.base).with_retry(policy).with_token(StaticToken::new("t0k3n"));
    let started = Instant::now();
    let widget = client.send(&get()).await.expect("second attempt succeeds");
    assert_eq!(id_of(&widget), Some("w1"));
    let seen = srv.requests();
    assert_eq!(seen.len(), 2, "one retry");
    let gap = seen[1].at - seen[0].at;
    assert!(gap >= Duration::from_millis(950) && gap < Duration::from_secs(10), "waited {gap:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(seen[0].line, "GET /v1.0/widgets/w1 HTTP/1.1");
    assert_eq!(seen[1].header("authorization"), Some("Bearer t0k3n"));
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    let at = httpdate(std::time::SystemTime::now() + Duration::from_secs(2));
    let srv = server::start(vec![graph_error("503 Service Unavailable", "busy", &[("Retry-After", &at)]), json("200 OK", WIDGET)]).await;
    let policy = RetryPolicy { max_attempts: 2, base_delay: Duration::from_secs(40), max_delay: Duration::from_secs(60), deadline: Duration::from_secs(30) };
    let client = Client::new(&srv.base).with_retry(policy);
    client.send(&get()).await.expect("retried after the date");
    let seen = srv.requests();
    assert_eq!(seen.len(), 2);
    let gap = seen[1].at - seen[0].at;
    // The date has one-second resolution: at least one second, far below the backoff.
    assert!(gap >= Duration::from_millis(900) && gap < Duration::from_secs(10), "waited {gap:?}");
}

/// IMF-fixdate of `t`.
fn httpdate(t: std::time::SystemTime) -> String {
    let secs = t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let wd = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(m - 1) as usize];
    format!("{wd}, {d:02} {mon} {y} {:02}:{:02}:{:02} GMT", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[tokio::test]
async fn unavailable_forever_gives_up_at_the_bound_with_the_last_error() {
    let script = (1..=5).map(|i| graph_error("503 Service Unavailable", &format!("attempt{i}"), &[("request-id", &format!("rid-{i}"))])).collect();
    let srv = server::start(script).await;
    let client = Client::new(&srv.base).with_retry(fast_retries(3));
    let err = client.send(&get()).await.expect_err("never succeeds");
    match err {
        Error::Graph { status, error, request_id } => {
            assert_eq!(status, 503);
            assert_eq!(error.code, "attempt3", "the last answer's error");
            assert_eq!(request_id.as_deref(), Some("rid-3"), "the header's request-id wins over the body's");
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
    assert_eq!(srv.requests().len(), 3, "exactly max_attempts requests");
}

#[tokio::test]
async fn the_total_deadline_stops_retries_early() {
    let srv = server::start(vec![graph_error("429 Too Many Requests", "throttled", &[("Retry-After", "30")])]).await;
    let policy =
        RetryPolicy { max_attempts: 10, base_delay: Duration::from_millis(10), max_delay: Duration::from_millis(10), deadline: Duration::from_secs(5) };
    let started = Instant::now();
    let err = Client::new(&srv.base).with_retry(policy).send(&get()).await.expect_err("a 30 s wait does not fit a 5 s deadline");
    assert_eq!(err.status(), Some(429));
    assert_eq!(srv.requests().len(), 1);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_post_answered_503_is_not_retried() {
    let srv = server::start(vec![graph_error("503 Service Unavailable", "busy", &[]), json("201 Created", WIDGET)]).await;
    let err = Client::new(&srv.base).with_retry(fast_retries(4)).send(&create()).await.expect_err("not retried");
    assert_eq!(err.status(), Some(503));
    let seen = srv.requests();
    assert_eq!(seen.len(), 1, "a POST the service may have acted on is sent once");
    assert_eq!(seen[0].line, "POST /v1.0/widgets HTTP/1.1");
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn a_post_answered_429_is_retried() {
    let srv = server::start(vec![graph_error("429 Too Many Requests", "throttled", &[("Retry-After", "0")]), json("201 Created", WIDGET)]).await;
    let widget = Client::new(&srv.base).with_retry(fast_retries(4)).send(&create()).await.expect("throttled POST is retried");
    assert_eq!(id_of(&widget), Some("w1"));
    assert_eq!(srv.requests().len(), 2);
}

#[tokio::test]
async fn bad_bodies_are_typed_errors() {
    let cases: Vec<(&str, Answer, &str)> = vec![
        ("html on a success", answer("200 OK", &[("Content-Type", "text/html")], "<html><body>Bad gateway</body></html>"), "undecodable"),
        ("truncated json", json("200 OK", r#"{"id":"w1","sta"#), "undecodable"),
        ("malformed json", json("200 OK", r#"{"id": w1}"#), "undecodable"),
        ("not an object", json("200 OK", "[1,2]"), "undecodable"),
        ("json without content type (read all the same)", answer("200 OK", &[], WIDGET), "ok"),
        ("empty body where one is documented", answer("200 OK", &[("Content-Type", "application/json")], ""), "undecodable"),
        ("html error page", answer("500 Internal Server Error", &[("Content-Type", "text/html")], "<h1>oops</h1>"), "undecodable 500"),
        ("graph error without a code", json("500 Internal Server Error", r#"{"error":{"message":"m"}}"#), "graph"),
        (
            "body cut by the connection",
            Answer::Raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":".to_vec()),
            "transport",
        ),
        ("garbage instead of http", Answer::Raw(b"\x00\x01 not http at all\r\n\r\n".to_vec()), "transport"),
    ];
    for (name, ans, want) in cases {
        let srv = server::start(vec![ans]).await;
        let result = Client::new(&srv.base).with_retry(RetryPolicy::NEVER).send(&get()).await;
        let got = match &result {
            Ok(_) => "ok",
            Err(Error::Undecodable { status: 200, .. }) => "undecodable",
            Err(Error::Undecodable { status: 500, .. }) => "undecodable 500",
            Err(Error::Graph { status: 500, error, .. }) if error.code.is_empty() => "graph",
            Err(Error::Transport { .. }) => "transport",
            _ => "other",
        };
        assert_eq!(got, want, "{name}: {result:?}");
    }
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error_after_the_retries() {
    let srv = server::start(vec![Answer::Drop]).await;
    let err = Client::new(&srv.base).with_retry(fast_retries(3)).send(&get()).await.expect_err("no answer ever");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(srv.requests().len(), 3, "a GET is retried after a dropped connection");
    // Dropped once, then answered: the retry recovers.
    let srv = server::start(vec![Answer::Drop, json("200 OK", WIDGET)]).await;
    Client::new(&srv.base).with_retry(fast_retries(3)).send(&get()).await.expect("recovers");
    // A POST whose connection dropped may have been acted on: not retried.
    let srv = server::start(vec![Answer::Drop, json("201 Created", WIDGET)]).await;
    let err = Client::new(&srv.base).with_retry(fast_retries(3)).send(&create()).await.expect_err("POST not retried");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(srv.requests().len(), 1);
}

#[tokio::test]
async fn nothing_listening_is_a_transport_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = Client::new(format!("http://127.0.0.1:{port}")).with_retry(fast_retries(2)).send(&create()).await.expect_err("refused");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let srv = server::start(vec![Answer::Slow(
        Duration::from_secs(3),
        match json("200 OK", WIDGET) {
            Answer::Raw(b) => b,
            _ => unreachable!(),
        },
    )])
    .await;
    let started = Instant::now();
    let err = Client::new(&srv.base).with_retry(RetryPolicy::NEVER).with_timeout(Duration::from_millis(300)).send(&get()).await.expect_err("too slow");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

fn page(base: &str, ids: &[&str], next: Option<&str>) -> Answer {
    let items: Vec<String> = ids.iter().map(|i| format!(r#"{{"id":"{i}"}}"#)).collect();
    let link = next.map(|n| format!(r#","@odata.nextLink":"{base}/v1.0/widgets?$skiptoken={n}""#)).unwrap_or_default();
    json("200 OK", &format!(r#"{{"value":[{}]{link}}}"#, items.join(",")))
}

/// A server that pages `widgets` over three pages (its own base URL in the links).
async fn three_pages() -> server::Server {
    server::start_with(|base| vec![page(base, &["a", "b", "c"], Some("2")), page(base, &["d", "e"], Some("3")), page(base, &["f", "g"], None)]).await
}

#[tokio::test]
async fn paging_follows_next_links_across_three_pages() {
    let srv = three_pages().await;
    let client = Client::new(&srv.base);
    let items: Vec<String> = client.items(list(), PageLimit::default()).map(|w| id_of(&w.expect("item")).unwrap().to_string()).collect().await;
    assert_eq!(items, ["a", "b", "c", "d", "e", "f", "g"]);
    let lines: Vec<String> = srv.requests().into_iter().map(|s| s.line).collect();
    assert_eq!(lines, ["GET /v1.0/widgets HTTP/1.1", "GET /v1.0/widgets?$skiptoken=2 HTTP/1.1", "GET /v1.0/widgets?$skiptoken=3 HTTP/1.1"]);

    let srv = three_pages().await;
    let pages: Vec<Page<Widget>> = Client::new(&srv.base).pages(list(), PageLimit::default()).map(|p| p.expect("page")).collect().await;
    assert_eq!(pages.iter().map(|p| p.value.len()).collect::<Vec<_>>(), [3, 2, 2]);
    assert!(pages[2].next_link.is_none() && pages[0].next_link.is_some());
}

#[tokio::test]
async fn paging_stops_at_the_callers_bound() {
    let srv = three_pages().await;
    let pages = Client::new(&srv.base).pages(list(), PageLimit::pages(2)).collect::<Vec<_>>().await;
    assert_eq!(pages.len(), 2);
    assert_eq!(srv.requests().len(), 2, "the third page is never asked for");

    let srv = three_pages().await;
    let items = Client::new(&srv.base).items(list(), PageLimit::items(4)).collect::<Vec<_>>().await;
    assert_eq!(items.len(), 4);
    assert_eq!(srv.requests().len(), 2, "two pages hold the first four items");
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let srv = server::start(vec![page("http://198.51.100.7:9", &["a"], Some("2"))]).await;
    let items = Client::new(&srv.base).items(list(), PageLimit::default()).collect::<Vec<_>>().await;
    assert_eq!(items.len(), 2, "one item, then the error");
    assert!(matches!(&items[1], Err(Error::InvalidRequest { reason }) if reason.contains("nextLink")), "{:?}", items[1]);
    assert_eq!(srv.requests().len(), 1);
}

#[tokio::test]
async fn a_page_error_ends_the_stream_after_it_is_yielded() {
    let srv = server::start_with(|base| vec![page(base, &["a"], Some("2")), graph_error("404 Not Found", "gone", &[])]).await;
    let items = Client::new(&srv.base).with_retry(RetryPolicy::NEVER).items(list(), PageLimit::default()).collect::<Vec<_>>().await;
    assert_eq!(items.len(), 2);
    assert!(matches!(&items[1], Err(Error::Graph { status: 404, .. })));
}

/// An unsigned JWT with these claims (the pre-flight reads, never verifies).
fn jwt(claims: &serde_json::Value) -> String {
    fn b64url(bytes: &[u8]) -> String {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }
    format!("{}.{}.sig", b64url(br#"{"alg":"none"}"#), b64url(claims.to_string().as_bytes()))
}

#[tokio::test]
async fn preflight_refuses_before_sending_and_names_the_least_privileged_scope() {
    let srv = server::start(vec![json("200 OK", WIDGET)]).await;
    let grants = Grants::Scopes { kind: PermissionType::DelegatedWork, scopes: vec!["User.Read".into()] };
    let err = Client::new(&srv.base).with_preflight(grants).send(&get()).await.expect_err("refused");
    match &err {
        Error::PermissionDenied(p) => {
            assert_eq!(p.least_privileged, Some("Widget.Read"));
            assert_eq!(p.operation, "widget_get");
            assert!(err.to_string().contains("Widget.Read"), "{err}");
        }
        other => panic!("expected a pre-flight refusal, got {other:?}"),
    }
    assert_eq!(srv.requests().len(), 0, "nothing was sent");

    // A higher documented scope is enough (scope names compare without case).
    let grants = Grants::Scopes { kind: PermissionType::DelegatedWork, scopes: vec!["widget.readwrite.all".into()] };
    Client::new(&srv.base).with_preflight(grants).send(&get()).await.expect("allowed");
    assert_eq!(srv.requests().len(), 1);

    // A permission type the docs say cannot call it: refused, no scope to name.
    let grants = Grants::Scopes { kind: PermissionType::DelegatedPersonal, scopes: vec!["Widget.Read".into()] };
    let err = Client::new(&srv.base).with_preflight(grants).send(&get()).await.expect_err("refused");
    assert!(matches!(err, Error::PermissionDenied(ref p) if p.least_privileged.is_none()), "{err:?}");
}

#[tokio::test]
async fn preflight_reads_the_tokens_claims() {
    let srv = server::start(vec![json("200 OK", WIDGET)]).await;
    let app = jwt(&serde_json::json!({"roles": ["Mail.Read"], "tid": "t"}));
    let err = Client::new(&srv.base).with_token(StaticToken::new(app)).with_preflight(Grants::FromToken).send(&get()).await.expect_err("refused");
    assert!(matches!(err, Error::PermissionDenied(ref p) if p.least_privileged == Some("Widget.Read.All") && p.kind == PermissionType::Application), "{err:?}");
    let delegated = jwt(&serde_json::json!({"scp": "openid Widget.Read", "tid": "t"}));
    Client::new(&srv.base).with_token(StaticToken::new(delegated)).with_preflight(Grants::FromToken).send(&get()).await.expect("scope granted");
    assert_eq!(srv.requests().len(), 1);
}
