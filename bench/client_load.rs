//! Load through the generated client against the mock engine on loopback,
//! beside the same load sent with plain reqwest in the same run.
//!
//!   cargo run --release --example client_load [-- REQUESTS CONCURRENCY ROUNDS]
//!
//! Defaults: 10,000 requests, 64 at a time, 3 rounds of each (best taken).
//! Every request has its own path, so the mock's per-path counters show
//! that nothing was lost or sent twice. Prints one table row per measure.

use msgraph_docgen::mock_engine::{Exchange, MockServer};
use msgraph_generated::client::{reqwest, Client, RetryPolicy};
use msgraph_generated::support::Request;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

// The fixture widget operations, shared with the client tests.
#[path = "../tests/support/widgets.rs"]
mod widgets;
use widgets::{Widget, GET};

const BODY: &str =
    r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#widgets/$entity","id":"w","state":"established","direction":"incoming","subject":"load"}"#;

/// Run `n` jobs on `concurrency` tasks; the errors counted.
async fn drive<F, Fut>(n: usize, concurrency: usize, job: F) -> (Duration, usize)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let job = Arc::new(job);
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (next, errors, job) = (next.clone(), errors.clone(), job.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        return;
                    }
                    if !job(i).await {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("a load task");
    }
    (started.elapsed(), errors.load(Ordering::Relaxed))
}

/// Each of the `n` paths received exactly once since the last reset, by
/// the mock's counters: (lost, received more than once). A total other
/// than `n`, or a request the mock could not match, counts as lost or
/// doubled too.
fn exactly_once(graph: &MockServer, n: usize) -> (usize, usize) {
    let counts = graph.counts();
    let lost = (0..n).filter(|i| !counts.paths.contains_key(&format!("GET /v1.0/widgets/w{i}"))).count();
    let doubled = counts.paths.values().filter(|&&c| c > 1).count();
    let total = counts.total as usize;
    let unmatched = counts.unmatched as usize;
    (lost.max(n.saturating_sub(total)) + unmatched, doubled.max(total.saturating_sub(n)))
}

fn row(what: &str, value: String, note: String) {
    println!("| {what:<44} | {value:>14} | {note} |");
}

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (n, concurrency, rounds) = (args.first().copied().unwrap_or(10_000), args.get(1).copied().unwrap_or(64), args.get(2).copied().unwrap_or(3));
    let graph = MockServer::start(vec![Exchange::new("v1.0", "GET", "/widgets/{id}", 200, BODY)]).await.expect("mock on loopback");
    let base = graph.url();
    let client = Client::new(&base).with_retry(RetryPolicy::NEVER);
    let plain = reqwest::Client::new();
    let (mut best_client, mut best_plain) = (Duration::MAX, Duration::MAX);
    let (mut client_errors, mut lost, mut doubled, mut plain_errors) = (0, 0, 0, 0);
    for _ in 0..rounds {
        graph.reset_counts();
        let c = client.clone();
        let (took, errors) = drive(n, concurrency, move |i| {
            let c = c.clone();
            async move {
                let req: Request<Widget> = Request::new(&GET, format!("/widgets/w{i}"));
                c.send(&req).await.is_ok()
            }
        })
        .await;
        let (l, d) = exactly_once(&graph, n);
        (client_errors, lost, doubled) = (client_errors + errors, lost + l, doubled + d);
        best_client = best_client.min(took);

        graph.reset_counts();
        let (p, b) = (plain.clone(), base.clone());
        let (took, errors) = drive(n, concurrency, move |i| {
            let (p, url) = (p.clone(), format!("{b}/v1.0/widgets/w{i}"));
            async move {
                match p.get(url).send().await {
                    Ok(r) if r.status().is_success() => r.bytes().await.is_ok_and(|b| serde_json::from_slice::<serde_json::Value>(&b).is_ok()),
                    _ => false,
                }
            }
        })
        .await;
        plain_errors += errors;
        best_plain = best_plain.min(took);
    }
    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    row(
        &format!("client: {n} requests, {concurrency} at a time"),
        format!("{:.0} req/s", rate(best_client)),
        format!("best of {rounds}; errors {client_errors}, lost {lost}, sent twice {doubled} (mock's counters)"),
    );
    row("plain reqwest, same load", format!("{:.0} req/s", rate(best_plain)), format!("best of {rounds}; errors {plain_errors}"));
    row("client / plain reqwest", format!("{:.0}%", 100.0 * rate(best_client) / rate(best_plain)), "throughput".into());
    if client_errors + lost + doubled > 0 {
        std::process::exit(1);
    }
}
