//! `tests/e2e_<version>.rs` of the generated crate (features `client` and
//! `mock`): every documented exchange is sent through the client, built by
//! the function its request example binds to (with the example's query),
//! to the in-process mock, and the answer is decoded through the request's
//! typed response. One test per area; each prints one `e2e` line with its
//! counts and one `e2e-fail` line per exchange that did not decode, and
//! fails only when the mock or the connection misbehaved (an exchange that
//! got no documented answer): a documented body that does not fit the
//! documented type is a docs finding, counted, not a test failure.

use super::code::{cat, id, ln, model_id, open, str_lit, strcat, Code, Lit, FLUSH};
use super::{feature_of, typed_tests, version_module, OutFile, Sink};
use crate::model::exchanges::Exchange;
use crate::model::naming::percent_decode;
use crate::model::{Api, Endpoint, Example};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// What every e2e file starts with (after its `cfg`): the runner.
const RUNNER: &str = r##"use CRATE as api;
use api::client::{Client, Error, RetryPolicy};
use api::support::{self as rt, FromResponse, Request};

/// Sends each exchange's request and tallies how its answer decoded.
struct Run {
    rt: tokio::runtime::Runtime,
    graph: api::mock::MockServer,
    client: Client,
    label: &'static str,
    sent: u64,
    decoded: u64,
    failed: Vec<String>,
    broken: Vec<String>,
}

impl Run {
    fn new(label: &'static str) -> Run {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
        let graph = rt.block_on(api::mock::start());
        // A documented redirect must not lead the test off this machine.
        let http = api::client::reqwest::Client::builder().redirect(api::client::reqwest::redirect::Policy::none()).build().expect("an HTTP client");
        let client = Client::new(graph.url()).with_retry(RetryPolicy::NEVER).with_http_client(http);
        Run { rt, graph, client, label, sent: 0, decoded: 0, failed: Vec::new(), broken: Vec::new() }
    }

    /// Send `request`; the documented answer has `status`.
    fn check<T: FromResponse>(&mut self, example: &str, status: u16, request: Request<T>) {
        self.sent += 1;
        match self.rt.block_on(self.client.send(&request)) {
            Ok(_) if (200..300).contains(&status) => self.decoded += 1,
            // A documented error or redirect, answered as documented.
            Err(Error::Graph { status: got, .. } | Error::Undecodable { status: got, .. }) if got == status && !(200..300).contains(&status) => self.decoded += 1,
            Ok(_) => self.failed.push(format!("{example}: status_differs: decoded, but the documented status is {status}")),
            Err(e @ (Error::Transport { .. } | Error::Timeout { .. } | Error::InvalidRequest { .. })) => self.broken.push(format!("{example}: {e}")),
            Err(Error::Undecodable { reason, .. }) => self.failed.push(format!("{example}: undecodable: {reason}")),
            Err(e) => self.failed.push(format!("{example}: other: {e}")),
        }
    }

    fn finish(self) {
        let counts = self.graph.counts();
        eprintln!("e2e {}: sent {}, decoded {}, failed {}", self.label, self.sent, self.decoded, self.failed.len());
        for f in &self.failed {
            eprintln!("e2e-fail {f}");
        }
        assert!(self.broken.is_empty(), "no documented answer:\n{}", self.broken.join("\n"));
        assert_eq!((counts.total, counts.unmatched), (self.sent, 0), "the mock received each request once and matched it");
    }
}
"##;

/// One exchange's test lines: the statements building the request body,
/// and the request expression.
struct Call<'a> {
    example: &'a str,
    status: u16,
    build: Build,
    request: String,
}

/// The statements building an exchange's request body.
enum Build {
    /// No statement: no body, or a default one.
    None,
    /// Those of the body rebuilt for the example tests ([`typed_tests::Bodies`],
    /// by the exchange's request example).
    Shared,
    /// Those of a body rebuilt here.
    Own(Vec<String>),
}

/// Per module: the calls, in table order.
type Calls<'a> = BTreeMap<&'a str, Vec<Call<'a>>>;

/// One e2e file per version.
pub fn files<'a>(api: &'a Api, exchanges: &[Exchange<'a>], crate_name: &str, bodies: &std::sync::Arc<typed_tests::Bodies<'a>>) -> Vec<OutFile<'a>> {
    let examples: FxHashMap<&str, &Example> = api.examples.iter().map(|e| (e.id.as_str(), e)).collect();
    let endpoints: FxHashMap<(&str, &str), &Endpoint> = api.endpoints.iter().map(|e| ((e.version.as_str(), e.name.as_str()), e)).collect();
    let types = crate::model::type_table::TypeTable::new(&api.types);
    // Version → module → calls.
    // Each exchange's call is worked out on its own (rebuilding a body is
    // the costly part), in parallel, then grouped in exchange order.
    let found: Vec<(&Exchange, Call)> = exchanges
        .par_iter()
        .filter_map(|e| {
            let ex = examples.get(e.request)?;
            let ep = ex.binding.as_ref().and_then(|b| endpoints.get(&(e.version, b.endpoint.as_str())))?;
            let (build, request) = call(e, ex, ep, &types, bodies.get(ex.id.as_str()))?;
            Some((e, Call { example: e.request, status: e.status, build, request }))
        })
        .collect();
    let mut calls: BTreeMap<&str, Calls> = BTreeMap::new();
    for (e, call) in found {
        calls.entry(e.version).or_default().entry(e.module).or_default().push(call);
    }
    let runner = RUNNER.replacen("CRATE", &id(&crate_name.replace('-', "_")), 1);
    calls
        .into_iter()
        .map(|(version, mods)| {
            let vm = version_module(version);
            let runner = runner.clone();
            let bodies = bodies.clone();
            // Weighed, the file is not left to be written last, on one thread.
            let bytes: usize = mods.values().flatten().map(|c| c.size(&bodies)).sum();
            OutFile::rust(format!("tests/e2e_{vm}.rs"), move |sink| file(sink, version, &vm, &mods, &runner, &bodies)).weighing(bytes / 1024)
        })
        .collect()
}

/// The request of an exchange: the bound function with the example's
/// arguments, its body rebuilt from the example's JSON through the typed
/// API as the example tests rebuild it (a default value when it cannot be:
/// the mock does not read request bodies), and the example's query pairs.
/// Returns the statements building the body and the request expression.
/// The body is taken from `rebuilt` when the example tests rebuilt it for
/// the same endpoint ([`Build::Shared`]).
fn call<'a>(
    e: &Exchange,
    ex: &Example,
    ep: &Endpoint,
    known: &'a super::rust_types::Known<'a>,
    rebuilt: Option<&typed_tests::Rebuilt>,
) -> Option<(Build, String)> {
    let b = ex.binding.as_ref()?;
    let vm = version_module(e.version);
    let module_path = strcat!("api::", vm, "::", model_id(e.module), "::");
    // The call written as it goes: the path's arguments, then the body's.
    let mut call = String::with_capacity(module_path.len() + 64 + b.args.values().map(|a| a.len() + 4).sum::<usize>());
    cat!(&mut call; module_path, model_id(&b.fn_name), '(');
    for (i, k) in b.order.iter().enumerate() {
        cat!(&mut call; if i > 0 { ", " } else { "" }, Lit(b.args.get(k).map(String::as_str).unwrap_or("")));
    }
    let sep = if b.order.is_empty() { "" } else { ", " };
    let mut build = Build::None;
    if super::endpoints::takes_body(ep) {
        let ctx = typed_tests::Ctx { known, version: e.version, types: strcat!("api::", vm, "::types::") };
        let (r, shared) = match rebuilt.filter(|r| r.endpoint == ep.name) {
            Some(r) => (std::borrow::Cow::Borrowed(r), true),
            None => (std::borrow::Cow::Owned(typed_tests::rebuild(ep, ex, &ctx, &module_path)), false),
        };
        match &r.body {
            Ok(arg) => {
                cat!(&mut call; sep, arg);
                build = match r {
                    _ if shared => Build::Shared,
                    r => Build::Own(r.into_owned().build.stmts),
                };
            }
            Err(_) => cat!(&mut call; sep, typed_tests::default_body(ep, known)),
        }
    }
    call.push(')');
    let query = e.path.split_once('?').map_or("", |(_, q)| q);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        cat!(&mut call; ".query(", Lit(&percent_decode(k)), ", ", Lit(&percent_decode(v)), ')');
    }
    Some((build, call))
}

impl Call<'_> {
    /// About how many bytes the call's lines take: its text, its
    /// statements and their indentation.
    fn size(&self, bodies: &typed_tests::Bodies) -> usize {
        let stmts = self.stmts(bodies);
        64 + self.example.len() + self.request.len() + stmts.iter().map(|s| s.len() + 16).sum::<usize>()
    }

    /// The statements building the request body.
    fn stmts<'b>(&'b self, bodies: &'b typed_tests::Bodies) -> &'b [String] {
        match &self.build {
            Build::None => &[],
            Build::Shared => bodies.get(self.example).map_or(&[], |r| r.build.stmts.as_slice()),
            Build::Own(stmts) => stmts,
        }
    }
}

/// The file, into `sink`: the head and runner, then one test per module,
/// written through one buffer handed on every [`FLUSH`] bytes (the file is
/// megabytes: grown whole, it was copied at each doubling into fresh
/// memory).
fn file(sink: &mut dyn Sink, version: &str, vm: &str, mods: &Calls, runner: &str, bodies: &typed_tests::Bodies) {
    let mut c = Code::with_capacity(runner.len() + 512);
    ln!(c; "//! End to end (", version, "): each documented exchange sent by the client to the mock and decoded");
    c.line("//! through its request's typed response (`cargo test --features client,mock --test e2e_...`).");
    ln!(c; "#![cfg(all(feature = \"client\", feature = \"mock\", feature = ", str_lit(vm), "))]");
    c.line("#![allow(deprecated, unused_mut, unused_imports)]");
    c.line("");
    for line in runner.lines() {
        c.line(line);
    }
    c.flush_into(sink, 0);
    c.reserve(FLUSH);
    for (module, calls) in mods {
        c.line("");
        ln!(c; "#[cfg(feature = ", str_lit(&feature_of(module)), ")]");
        c.line("#[test]");
        open!(c; "fn ", model_id(module), "() {");
        ln!(c; "let mut run = Run::new(", str_lit(&format!("{version} {}", feature_of(module))), ");");
        for call in calls {
            let check = |c: &mut Code| ln!(c; "run.check(", Lit(call.example), ", ", call.status, ", ", call.request, ");");
            c.flush_into(sink, FLUSH);
            let stmts = call.stmts(bodies);
            if stmts.is_empty() {
                check(&mut c);
                continue;
            }
            // Each body in its own block: the builders' variable names repeat.
            c.open("{");
            for stmt in stmts {
                c.line(stmt);
            }
            check(&mut c);
            c.close("}");
        }
        c.line("run.finish();");
        c.close("}");
    }
    c.flush_into(sink, 0);
}
