//! The generated crate's client (feature `client`) against the mock engine
//! over real HTTP on 127.0.0.1: throttling with Retry-After, an
//! unavailable service, a POST that must not be repeated, bad bodies, a
//! dropped connection, paging, the permission pre-flight, and the mock's
//! counters as the witness of what was sent.
#![cfg(feature = "mock")]

use futures_util::StreamExt;
use msgraph_docgen::mock_engine::{Exchange, Fault, MockServer};
use msgraph_generated::client::{Client, Error, Grants, PageLimit, RetryPolicy, StaticToken};
use msgraph_generated::support::PermissionType;
use std::time::{Duration, Instant};

#[path = "support/widgets.rs"]
mod widgets;
use widgets::*;

<<<<<<< HEAD
/// A mock serving the fixture widgets: one widget, a create, and a list of
/// three pages (links written against Graph's host, which the mock
/// rewrites to its own).
async fn mock() -> MockServer {
    let link = |n: u32| format!(r#","@odata.nextLink":"https://graph.microsoft.com/v1.0/widgets?$skiptoken={n}""#);
    let page = |ids: &[&str], next: String| {
        let items: Vec<String> = ids.iter().map(|i| format!(r#"{{"id":"{i}"}}"#)).collect();
        format!(r#"{{"value":[{}]{next}}}"#, items.join(","))
    };
    let exchanges = vec![
        Exchange::new("v1.0", "GET", "/widgets/{id}", 200, WIDGET).path("/widgets/w1"),
        Exchange::new("v1.0", "POST", "/widgets", 201, WIDGET),
        Exchange::new("v1.0", "GET", "/widgets", 200, page(&["a", "b", "c"], link(2))),
        Exchange::new("v1.0", "GET", "/widgets", 200, page(&["d", "e"], link(3))).path("/widgets?$skiptoken=2"),
        Exchange::new("v1.0", "GET", "/widgets", 200, page(&["f", "g"], String::new())).path("/widgets?$skiptoken=3"),
    ];
    MockServer::start(exchanges).await.expect("mock listens on loopback")
=======
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
>>>>>>> typed-emit
}

#[tokio::test]
async fn documented_answers_decode_through_the_typed_response() {
    let graph = mock().await;
    let client = Client::new(graph.url()).with_token(StaticToken::new("t"));
    assert_eq!(id_of(&client.send(&get()).await.expect("get")), Some("w1"));
    assert_eq!(id_of(&client.send(&create()).await.expect("create")), Some("w1"));
    let page = client.send(&list()).await.expect("first page");
    assert_eq!(page.value.len(), 3);
    assert!(page.next_link.as_deref().is_some_and(|l| l.starts_with(&graph.url())), "{:?}", page.next_link);
    let counts = graph.counts();
    assert_eq!((counts.total, counts.unmatched, counts.faulted), (3, 0, 0));
}

#[tokio::test]
async fn throttled_then_ok_honours_retry_after() {
    let graph = mock().await;
    graph.fault_next("", [Fault::throttled(1)]);
    // Backoff alone would wait 20 s or more: a success within seconds means the header was used.
    let policy = RetryPolicy { max_attempts: 3, base_delay: Duration::from_secs(40), max_delay: Duration::from_secs(60), deadline: Duration::from_secs(30) };
    let started = Instant::now();
    let widget = Client::new(graph.url()).with_retry(policy).send(&get()).await.expect("second attempt succeeds");
    let waited = started.elapsed();
    assert_eq!(id_of(&widget), Some("w1"));
    assert!(waited >= Duration::from_millis(950) && waited < Duration::from_secs(10), "waited {waited:?}");
    let counts = graph.counts();
    assert_eq!((counts.total, counts.faulted), (2, 1), "one retry");
}

#[tokio::test]
async fn unavailable_forever_gives_up_at_the_bound() {
    let graph = mock().await;
    graph.fault_always("", Fault::status(503));
    let err = Client::new(graph.url()).with_retry(fast_retries(3)).send(&get()).await.expect_err("never succeeds");
    assert!(matches!(&err, Error::Graph { status: 503, .. }), "{err:?}");
    assert_eq!(graph.received(), 3, "exactly max_attempts requests");
}

#[tokio::test]
async fn a_post_answered_503_is_not_retried_but_one_answered_429_is() {
    let graph = mock().await;
    graph.fault_next("", [Fault::status(503)]);
    let client = Client::new(graph.url()).with_retry(fast_retries(4));
    let err = client.send(&create()).await.expect_err("not retried");
    assert_eq!(err.status(), Some(503));
    assert_eq!(graph.received(), 1);

    graph.reset_counts();
    graph.fault_next("", [Fault::Status { status: 429, retry_after: Some("0".into()) }]);
    client.send(&create()).await.expect("retried after 429");
    assert_eq!(graph.received(), 2);
}

#[tokio::test]
async fn bad_bodies_are_typed_errors() {
    let graph = mock().await;
    let client = Client::new(graph.url()).with_retry(RetryPolicy::NEVER);
    for fault in [Fault::Malformed, Fault::Truncated, Fault::Empty] {
        graph.fault_next("", [fault.clone()]);
        let err = client.send(&get()).await.expect_err("undecodable");
        assert!(matches!(&err, Error::Undecodable { status: 200, .. }), "{fault:?}: {err:?}");
    }
    graph.fault_next("", [Fault::Html]);
    let err = client.send(&get()).await.expect_err("an HTML error page");
    assert!(matches!(&err, Error::Undecodable { status: 502, .. }), "{err:?}");
    // A list answered with a truncated page: the stream yields the error and ends.
    graph.fault_next("", [Fault::Truncated]);
    let items = client.items(list(), PageLimit::default()).collect::<Vec<_>>().await;
    assert!(matches!(items.as_slice(), [Err(Error::Undecodable { .. })]), "{items:?}");
}

#[tokio::test]
async fn a_dropped_connection_is_retried_for_a_get_and_reported() {
    let graph = mock().await;
    graph.fault_next("", [Fault::Drop]);
    let client = Client::new(graph.url()).with_retry(fast_retries(3));
    client.send(&get()).await.expect("the retry gets the documented answer");
    assert_eq!(graph.received(), 2);

    graph.reset_counts();
    graph.fault_always("", Fault::Drop);
    let err = client.send(&get()).await.expect_err("dropped every time");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(graph.received(), 3);

    graph.reset_counts();
    let err = client.send(&create()).await.expect_err("a POST is not repeated");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(graph.received(), 1);
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let graph = mock().await;
    graph.fault_next("", [Fault::Slow(Duration::from_secs(3))]);
    let started = Instant::now();
    let err = Client::new(graph.url()).with_retry(RetryPolicy::NEVER).with_timeout(Duration::from_millis(300)).send(&get()).await.expect_err("too slow");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn paging_across_three_pages() {
    let graph = mock().await;
    let client = Client::new(graph.url());
    let ids: Vec<String> = client.items(list(), PageLimit::default()).map(|w| id_of(&w.expect("item")).unwrap_or_default().to_string()).collect().await;
    assert_eq!(ids, ["a", "b", "c", "d", "e", "f", "g"]);
    let counts = graph.counts();
    assert_eq!(counts.total, 3);
    for path in ["GET /v1.0/widgets", "GET /v1.0/widgets?$skiptoken=2", "GET /v1.0/widgets?$skiptoken=3"] {
        assert_eq!(counts.paths.get(path), Some(&1), "{path} in {:?}", counts.paths);
    }
    graph.reset_counts();
    let pages = client.pages(list(), PageLimit::pages(2)).collect::<Vec<_>>().await;
    assert_eq!(pages.len(), 2);
    assert_eq!(graph.received(), 2, "the bound stops before the third page");
    graph.reset_counts();
    let items = client.items(list(), PageLimit::items(4)).collect::<Vec<_>>().await;
    assert_eq!(items.len(), 4);
    assert_eq!(graph.received(), 2);
}

#[tokio::test]
async fn preflight_refuses_before_sending() {
    let graph = mock().await;
    let grants = Grants::Scopes { kind: PermissionType::Application, scopes: vec!["Mail.Read".into()] };
    let err = Client::new(graph.url()).with_preflight(grants).send(&get()).await.expect_err("refused");
    match &err {
        Error::PermissionDenied(p) => assert_eq!((p.operation, p.least_privileged), ("widget_get", Some("Widget.Read.All"))),
        other => panic!("expected a pre-flight refusal, got {other:?}"),
    }
    assert!(err.to_string().contains("Widget.Read.All"), "{err}");
    assert_eq!(graph.received(), 0, "nothing reached the mock");
    let grants = Grants::Scopes { kind: PermissionType::Application, scopes: vec!["Widget.Read.All".into()] };
    Client::new(graph.url()).with_preflight(grants).send(&get()).await.expect("allowed");
    assert_eq!(graph.received(), 1);
}
