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
