//! The mock Graph over real HTTP on 127.0.0.1: documented answers, Graph
//! errors for the rest, parameter matching and preference, every fault, the
//! counters, hostile requests; and, with GRAPH_DOCS_DIR, the whole corpus.
#![cfg(feature = "mock")]

#[path = "support/skip.rs"]
mod skip;

use msgraph_docgen::mock_engine::{Exchange, Fault, MockServer};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mock")
}

async fn fixture_mock() -> MockServer {
    let api = msgraph_docgen::load_unchecked(&fixture(), &[], &[]).expect("fixture loads");
    let table = msgraph_docgen::model::exchanges::exchanges(&api);
    MockServer::start(table.exchanges.into_iter().map(Exchange::from).collect()).await.expect("mock starts")
}

/// An answer as read off the wire.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

/// Send raw bytes, read until the server closes; `None` when it closed
/// without answering.
async fn raw(addr: SocketAddr, request: &[u8]) -> Option<Answer> {
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    s.write_all(request).await.expect("write");
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf).await;
    if buf.is_empty() {
        return None;
    }
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status line");
    let headers: Vec<(String, String)> = lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_string(), v.trim().to_string())).collect();
    let body = buf[split + 4..].to_vec();
    Some(Answer { status, headers, body })
}

async fn send(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)]) -> Option<Answer> {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (n, v) in headers {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    req.push_str("Content-Length: 0\r\n\r\n");
    raw(addr, req.as_bytes()).await
}

async fn get(addr: SocketAddr, path: &str) -> Answer {
    send(addr, "GET", path, &[]).await.expect("an answer")
}

async fn faulted(addr: SocketAddr, path: &str, fault: &str) -> Option<Answer> {
    send(addr, "GET", path, &[("x-mock-fault", fault)]).await
}

/// A path as a client puts it on the wire: what a request target cannot
/// hold (spaces, quotes, braces, non-ASCII) percent-encoded.
fn wire_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

const ALPHA: &str = "/v1.0/workshops/ws1/gadgets/alpha";

#[test]
fn the_fixture_has_the_exchanges_it_documents() {
    let api = msgraph_docgen::load_unchecked(&fixture(), &[], &[]).expect("fixture loads");
    let t = msgraph_docgen::model::exchanges::exchanges(&api);
    let per: Vec<(String, usize)> = t.per_version().into_iter().map(|(v, n)| (v.to_string(), n)).collect();
    assert_eq!(per, vec![("beta".to_string(), 1), ("v1.0".to_string(), 4)]);
    assert_eq!(t.skipped.get("no_response_example"), Some(&1), "{:?}", t.skipped);
    // The page's Content-Length would be wrong for the served body.
    assert!(t.exchanges.iter().all(|e| e.headers.iter().all(|(n, _)| !n.eq_ignore_ascii_case("content-length"))));
}

#[test]
fn faults_parse() {
    assert_eq!(Fault::parse_list("429;retry-after=1"), Ok(vec![Fault::throttled(1)]));
    assert_eq!(Fault::parse_list("slow=20ms, 503"), Ok(vec![Fault::Slow(Duration::from_millis(20)), Fault::status(503)]));
    assert_eq!(Fault::parse_list("slow=2s"), Ok(vec![Fault::Slow(Duration::from_secs(2))]));
    for bad in ["200", "999", "nope", "slow=forever", "503;x=1", "slow=1000000s"] {
        assert!(Fault::parse_list(bad).is_err(), "{bad}");
    }
}

/// Which of several exchanges answers: the example's own path (exactly,
/// then ignoring case), the more specific template, the query, table order;
/// a `{...path}` parameter spans slashes, others do not.
#[tokio::test]
async fn the_best_fitting_exchange_answers() {
    let ex = |template: &str, path: &str, tag: &str| Exchange::new("v1.0", "GET", template, 200, format!("{{\"tag\":\"{tag}\"}}")).path(path);
    let m = MockServer::start(vec![
        ex("/users/{id}", "/users/alice", "alice"),
        ex("/users/{id}", "/users/bob", "bob"),
        ex("/users/delta()", "/users/delta()", "delta"),
        ex("/users", "/users?$top=2", "top"),
        ex("/users", "/users", "all"),
        ex("/items/{id}", "/items/Key", "Key"),
        ex("/items/{id}", "/items/key", "key"),
        ex("/drives/{drive-id}/root:/{item-path}:/content", "/drives/d/root:/a:/content", "file"),
    ])
    .await
    .expect("mock starts");
    let tag = |path: &'static str| {
        let addr = m.addr();
        async move {
            let a = get(addr, path).await;
            if a.status == 200 {
                a.json()["tag"].as_str().unwrap_or("").to_string()
            } else {
                a.status.to_string()
            }
        }
    };
    for (path, want) in [
        ("/v1.0/users/bob", "bob"),
        ("/v1.0/users/carol", "alice"),
        ("/v1.0/users/delta()", "delta"),
        ("/v1.0/users?%24top=2", "top"),
        ("/v1.0/users/", "all"),
        ("/v1.0/items/key", "key"),
        ("/v1.0/items/KEY", "Key"),
        ("/v1.0/drives/b!x/root:/a/b/c.txt:/content", "file"),
        ("/v1.0/drives/b!x/root:/a/b/c.txt", "404"),
        ("/v1.0/USERS/abc", "alice"),
        ("/beta/users", "404"),
    ] {
        assert_eq!(tag(path).await, want, "{path}");
    }
    assert_eq!(send(m.addr(), "DELETE", "/v1.0/users/bob", &[]).await.map(|a| a.status), Some(404));
}

#[tokio::test]
async fn serves_the_documented_example() {
    let m = fixture_mock().await;
    let a = get(m.addr(), ALPHA).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.header("content-type"), Some("application/json"));
    assert_eq!(a.header("content-length"), Some(a.body.len().to_string().as_str()));
    assert!(a.header("request-id").is_some_and(|v| !v.is_empty()));
    // Links to Graph lead back to the mock.
    let context = format!("{}/v1.0/$metadata#gadgets/$entity", m.url());
    assert_eq!(a.json(), json!({"@odata.context": context, "id": "alpha", "label": "first"}));
    let d = send(m.addr(), "DELETE", "/beta/workshops/ws1/gadgets/alpha", &[]).await.expect("an answer");
    assert_eq!((d.status, d.body.len()), (204, 0));
}

#[tokio::test]
async fn unmatched_requests_get_a_graph_404() {
    let m = fixture_mock().await;
    for (method, path) in
        [("GET", "/v1.0/nothing/here"), ("POST", ALPHA), ("GET", "/v2/workshops/ws1/gadgets/alpha"), ("GET", "/"), ("GET", "/beta/workshops/ws1/gadgets/alpha")]
    {
        let a = send(m.addr(), method, path, &[("client-request-id", "abc-123")]).await.expect("an answer");
        assert_eq!(a.status, 404, "{method} {path}");
        let e = a.json();
        assert_eq!(e["error"]["code"], "ResourceNotFound");
        assert!(e["error"]["message"].as_str().is_some_and(|m| m.contains(path)), "{e}");
        assert_eq!(e["error"]["innerError"]["request-id"].as_str(), a.header("request-id"));
        assert_eq!(e["error"]["innerError"]["client-request-id"], "abc-123");
        assert_eq!(a.header("client-request-id"), Some("abc-123"));
        assert!(e["error"]["innerError"]["date"].as_str().is_some_and(|d| d.len() == 19 && d.contains('T')), "{e}");
    }
    assert_eq!(m.counts().unmatched, 5);
}

#[tokio::test]
async fn any_value_fits_a_parameter_and_the_examples_own_values_win() {
    let m = fixture_mock().await;
    // Another value: the first example of the template answers.
    assert_eq!(get(m.addr(), "/v1.0/workshops/other/gadgets/zeta").await.json()["id"], "alpha");
    // Literals ignore ASCII case, encodings are decoded, a trailing slash is dropped.
    assert_eq!(get(m.addr(), "/v1.0/WORKSHOPS/w%20x/Gadgets/zeta/").await.json()["id"], "alpha");
    // The second example's own path: its answer.
    assert_eq!(get(m.addr(), "/v1.0/workshops/ws1/gadgets/beta").await.json()["label"], "second");
    assert_eq!(get(m.addr(), "/v1.0/workshops/ws1/gadgets/b%65ta").await.json()["label"], "second");
    // A parameter holds no slash.
    assert_eq!(get(m.addr(), "/v1.0/workshops/ws1/gadgets/a/b").await.status, 404);
}

#[tokio::test]
async fn the_query_chooses_only_between_examples_that_need_it() {
    let m = fixture_mock().await;
    let all = get(m.addr(), "/v1.0/workshops/ws1/gadgets").await.json();
    assert_eq!(all["value"].as_array().map(Vec::len), Some(2));
    assert_eq!(all["@odata.nextLink"], format!("{}/v1.0/workshops/ws1/gadgets?$skiptoken=page2", m.url()));
    let top = get(m.addr(), "/v1.0/workshops/ws1/gadgets?%24top=1").await.json();
    assert_eq!(top["value"].as_array().map(Vec::len), Some(1));
    // A query no example names changes nothing.
    let other = get(m.addr(), "/v1.0/workshops/ws1/gadgets?$select=id").await.json();
    assert_eq!(other["value"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn status_faults_carry_graph_errors_and_retry_after() {
    let m = fixture_mock().await;
    let a = faulted(m.addr(), ALPHA, "429;retry-after=1").await.expect("an answer");
    assert_eq!((a.status, a.header("retry-after")), (429, Some("1")));
    assert_eq!(a.json()["error"]["code"], "TooManyRequests");
    let a = faulted(m.addr(), ALPHA, "503").await.expect("an answer");
    assert_eq!((a.status, a.header("retry-after")), (503, None));
    assert_eq!(a.json()["error"]["code"], "ServiceUnavailable");
    let a = faulted(m.addr(), "/v1.0/unknown", "504").await.expect("an answer");
    assert_eq!(a.status, 504);
    let a = faulted(m.addr(), ALPHA, "banana").await.expect("an answer");
    assert_eq!(a.status, 400);
    assert!(a.json()["error"]["message"].as_str().is_some_and(|s| s.contains("banana")));
    assert_eq!(m.counts().faulted, 3);
}

#[tokio::test]
async fn slow_answers_wait() {
    let m = fixture_mock().await;
    let t = Instant::now();
    let a = faulted(m.addr(), ALPHA, "slow=300ms").await.expect("an answer");
    assert!(t.elapsed() >= Duration::from_millis(300), "{:?}", t.elapsed());
    assert_eq!(a.json()["id"], "alpha");
    let t = Instant::now();
    let a = faulted(m.addr(), ALPHA, "slow=200ms, 503").await.expect("an answer");
    assert!(t.elapsed() >= Duration::from_millis(200));
    assert_eq!(a.status, 503);
}

#[tokio::test]
async fn dropped_connections_answer_nothing() {
    let m = fixture_mock().await;
    assert!(faulted(m.addr(), ALPHA, "drop").await.is_none());
    // The server goes on.
    assert_eq!(get(m.addr(), ALPHA).await.status, 200);
}

#[tokio::test]
async fn spoilt_bodies() {
    let m = fixture_mock().await;
    let documented = get(m.addr(), ALPHA).await.body;
    let a = faulted(m.addr(), ALPHA, "malformed").await.expect("an answer");
    assert_eq!((a.status, a.header("content-type")), (200, Some("application/json")));
    assert!(serde_json::from_slice::<Value>(&a.body).is_err());
    let a = faulted(m.addr(), ALPHA, "truncated").await.expect("an answer");
    assert_eq!(a.status, 200);
    assert!(!a.body.is_empty() && a.body.len() < documented.len() && documented.starts_with(&a.body));
    assert!(serde_json::from_slice::<Value>(&a.body).is_err());
    let a = faulted(m.addr(), ALPHA, "html").await.expect("an answer");
    assert_eq!((a.status, a.header("content-type")), (502, Some("text/html")));
    assert!(a.body.starts_with(b"<!DOCTYPE html>"));
    let a = faulted(m.addr(), ALPHA, "empty").await.expect("an answer");
    assert_eq!((a.status, a.body.len(), a.header("content-type")), (200, 0, Some("application/json")));
}

#[tokio::test]
async fn scripted_faults_then_success() {
    let m = fixture_mock().await;
    // 429 then 200.
    m.fault_next("/v1.0/workshops", [Fault::throttled(1)]);
    assert_eq!(get(m.addr(), "/beta/other").await.status, 404, "another prefix is not scripted");
    let first = get(m.addr(), ALPHA).await;
    assert_eq!((first.status, first.header("retry-after")), (429, Some("1")));
    assert_eq!(get(m.addr(), ALPHA).await.status, 200);
    // 503 forever, until cleared.
    m.fault_always("", Fault::status(503));
    for _ in 0..3 {
        assert_eq!(get(m.addr(), ALPHA).await.status, 503);
    }
    m.clear_faults();
    assert_eq!(get(m.addr(), ALPHA).await.status, 200);
    // A sequence of different faults, one request each.
    m.fault_next("", [Fault::status(500), Fault::Drop, Fault::Malformed]);
    assert_eq!(get(m.addr(), ALPHA).await.status, 500);
    assert!(send(m.addr(), "GET", ALPHA, &[]).await.is_none());
    assert!(serde_json::from_slice::<Value>(&get(m.addr(), ALPHA).await.body).is_err());
    assert_eq!(get(m.addr(), ALPHA).await.status, 200);
}

#[tokio::test]
async fn paging_across_three_pages() {
    let m = MockServer::start(Vec::new()).await.expect("mock starts");
    let page = |n: u32, next: Option<&str>| {
        let mut body = json!({"value": [{"id": format!("item{n}a")}, {"id": format!("item{n}b")}]});
        if let Some(next) = next {
            body["@odata.nextLink"] = json!(format!("https://graph.microsoft.com/v1.0/me/things?$skiptoken={next}"));
        }
        Exchange::new("v1.0", "GET", "/me/things", 200, body.to_string())
    };
    m.add(page(1, Some("p2")));
    m.add(page(2, Some("p3")).path("/me/things?$skiptoken=p2"));
    m.add(page(3, None).path("/me/things?$skiptoken=p3"));
    let mut url = format!("{}/v1.0/me/things", m.url());
    let mut ids = Vec::new();
    for _ in 0..10 {
        let path = url.strip_prefix(&m.url()).expect("links lead back to the mock").to_string();
        let body = get(m.addr(), &path).await.json();
        ids.extend(body["value"].as_array().into_iter().flatten().map(|v| v["id"].as_str().unwrap_or("").to_string()));
        match body["@odata.nextLink"].as_str() {
            Some(next) => url = next.to_string(),
            None => break,
        }
    }
    assert_eq!(ids, ["item1a", "item1b", "item2a", "item2b", "item3a", "item3b"]);
    let c = m.counts();
    assert_eq!((c.total, c.routes.get("GET /v1.0/me/things").copied()), (3, Some(3)));
    assert_eq!(c.paths.get("GET /v1.0/me/things?$skiptoken=p3"), Some(&1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_what_it_received() {
    let m = fixture_mock().await;
    // Sent concurrently: nothing lost, nothing counted twice.
    let tasks: Vec<_> = (0..30)
        .map(|i| {
            let addr = m.addr();
            let path = if i % 3 == 0 { "/v1.0/workshops/x/gadgets/y".to_string() } else { format!("/v1.0/missing/{i}") };
            tokio::spawn(async move { get(addr, &path).await.status })
        })
        .collect();
    for t in tasks {
        assert!([200, 404].contains(&t.await.expect("task")));
    }
    let c = m.counts();
    assert_eq!((c.total, c.unmatched), (30, 20));
    assert_eq!(c.routes.get("GET /v1.0/workshops/{workshop-id}/gadgets/{gadget-id}"), Some(&10));
    assert_eq!(c.paths.get("GET /v1.0/workshops/x/gadgets/y"), Some(&10));
    assert_eq!(c.paths.len(), 21);
    assert_eq!(m.received(), 30);
    m.reset_counts();
    assert_eq!(m.counts(), Default::default());
}

#[tokio::test]
async fn hostile_requests_never_stop_it() {
    let m = fixture_mock().await;
    let long = format!("GET /v1.0/{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "a/".repeat(50_000));
    let nested = format!("GET /v1.0/workshops/{}/gadgets/x HTTP/1.1\r\nConnection: close\r\n\r\n", "%".repeat(5_000));
    let inputs: Vec<Vec<u8>> = vec![
        b"\x00\xff garbage\r\n\r\n".to_vec(),
        b"GET /v1.0/%ZZ/%C3%28/%00 HTTP/1.1\r\nConnection: close\r\n\r\n".to_vec(),
        b"BREW /v1.0/x HTTP/1.1\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /v1.0/workshops/ws1/gadgets/alpha HTTP/1.1\r\nx-mock-fault: \xff\xfe\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /v1.0/workshops/ws1/gadgets/alpha HTTP/1.1\r\nx-mock-fault: slow=99999999999999999999s\r\nConnection: close\r\n\r\n".to_vec(),
        b"POST /v1.0/x HTTP/1.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nab".to_vec(),
        b"GET /v1.0/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n".to_vec(),
        long.into_bytes(),
        nested.into_bytes(),
    ];
    for input in &inputs {
        let _ = tokio::time::timeout(Duration::from_secs(5), raw(m.addr(), input)).await;
        assert_eq!(get(m.addr(), ALPHA).await.status, 200, "after {:?}", String::from_utf8_lossy(&input[..input.len().min(60)]));
    }
}

#[tokio::test]
async fn stops_when_dropped() {
    let m = fixture_mock().await;
    let addr = m.addr();
    assert_eq!(get(addr, ALPHA).await.status, 200);
    drop(m);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "still listening after drop");
}

/// Every exchange of the corpus, sent to the mock by its own example path
/// and method: each must get the documented answer of an example of that
/// very request (several examples can share one, differing only in their
/// request bodies or headers, which the mock does not read).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corpus_examples_are_served() {
    let Some(docs) = skip::env_dir("GRAPH_DOCS_DIR") else {
        return;
    };
    let api = msgraph_docgen::load_unchecked(Path::new(&docs), &[], &[]).expect("corpus loads");
    let table = msgraph_docgen::model::exchanges::exchanges(&api);
    eprintln!("exchanges per version: {:?}; request examples left out: {:?}", table.per_version(), table.skipped);
    let exchanges: Vec<Exchange> = table.exchanges.into_iter().map(Exchange::from).collect();
    let m = MockServer::start(exchanges.clone()).await.expect("mock starts");
    let url = m.url();
    // The documented answers of each request, as the mock serves them.
    let key = |e: &Exchange| format!("{} /{}{}", e.method, e.version, e.path);
    let mut answers: std::collections::HashMap<String, Vec<(u16, String)>> = Default::default();
    for e in &exchanges {
        // HTTP gives 204 and 304 no body, whatever a page shows.
        let body = if matches!(e.status, 204 | 304) { String::new() } else { e.body.replace("https://graph.microsoft.com/", &format!("{url}/")) };
        answers.entry(key(e)).or_default().push((e.status, body));
    }
    let answers = std::sync::Arc::new(answers);
    let sem = std::sync::Arc::new(tokio::sync::Semaphore::new(16));
    let mut tasks = Vec::new();
    for e in exchanges {
        let (addr, sem, answers, key) = (m.addr(), sem.clone(), answers.clone(), key(&e));
        tasks.push(tokio::spawn(async move {
            let _permit = sem.acquire().await.ok()?;
            let a = send(addr, &e.method, &wire_path(&format!("/{}{}", e.version, e.path)), &[]).await?;
            let own = answers.get(&key).is_some_and(|all| all.iter().any(|(s, b)| *s == a.status && b.as_bytes() == a.body));
            Some((e.version.to_string(), key, own))
        }));
    }
    let mut stats: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut distinct: std::collections::BTreeSet<String> = Default::default();
    let mut wrong = Vec::new();
    for t in tasks {
        let (v, key, own) = t.await.ok().flatten().expect("every request is answered");
        let s = stats.entry(v).or_default();
        s.0 += 1;
        s.1 += usize::from(own);
        if !own {
            wrong.push(key.clone());
        }
        distinct.insert(key);
    }
    for (v, (n, own)) in &stats {
        eprintln!("{v}: {n} exchanges sent by their own request; {own} got a documented answer of that request");
    }
    eprintln!("{} distinct requests; answered otherwise: {:?}", distinct.len(), wrong.iter().take(10).collect::<Vec<_>>());
    assert!(wrong.is_empty(), "{} requests got another request's answer", wrong.len());
    let c = m.counts();
    assert_eq!(c.unmatched, 0);
    assert_eq!(c.total as usize, stats.values().map(|s| s.0).sum::<usize>());
}
