//! The mock Graph of the generated crate (feature `mock`): the engine
//! (`src/mock/engine.rs`, copied from `runtime/mock.rs`), its door
//! (`src/mock/mod.rs`: `start()` serving the exchanges of the enabled
//! areas), and one table per version and area (`src/mock/<version>/<area>.rs`).
//! A table is compiled only with `mock` and its version's and area's
//! features, so a build without `mock` never reads these files.

use super::code::FLUSH;
use super::code::{cat, id, ln, open, str_lit, Code, Lit};
use super::tests::{raw_hashes, visible_json};
use super::{feature_of, version_module, OutFile, Sink};
use crate::model::exchanges::Exchange;
use std::collections::BTreeMap;

/// The engine, copied into every generated crate.
pub const MOCK_RS: &str = include_str!("runtime/mock.rs");

/// The generated crate's optional dependencies for `mock`.
pub const CARGO_DEPENDENCIES: &str = "\
# The mock Graph (feature `mock`): hyper's HTTP/1 server on tokio.
hyper = { version = \"1\", features = [\"server\", \"http1\"], optional = true }
hyper-util = { version = \"0.1\", features = [\"tokio\"], optional = true }
http-body-util = { version = \"0.1\", optional = true }
bytes = { version = \"1\", optional = true }
";

/// The `mock` feature line.
pub const CARGO_FEATURE: &str = "\
# A mock Graph serving the documented examples of the enabled areas (`mock::start()`).
mock = [\"dep:tokio\", \"dep:hyper\", \"dep:hyper-util\", \"dep:http-body-util\", \"dep:bytes\"]
";

/// `tests/mock.rs` of the generated crate: every exchange of the enabled
/// areas, sent by its own request, gets a documented status of that request.
const MOCK_TEST: &str = r##"//! The mock Graph serves every documented exchange of the enabled versions
//! and areas: each, sent by its own request, gets a documented status of
//! that request (`cargo test --features mock --test mock`).
#![cfg(feature = "mock")]

use CRATE as api;

/// One request over a fresh connection; the answer's status.
fn status_of(addr: std::net::SocketAddr, method: &str, path: &str) -> std::io::Result<u16> {
    use std::io::{Read, Write};
    let mut target = String::new();
    for b in path.bytes() {
        if b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b) {
            target.push(char::from(b));
        } else {
            target.push_str(&format!("%{b:02X}"));
        }
    }
    let mut conn = std::net::TcpStream::connect(addr)?;
    write!(conn, "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")?;
    let mut answer = Vec::new();
    conn.read_to_end(&mut answer)?;
    let head = String::from_utf8_lossy(answer.get(..answer.len().min(32)).unwrap_or_default()).into_owned();
    head.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, head))
}

#[test]
fn documented_exchanges_are_served() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let graph = rt.block_on(api::mock::start());
    let all = api::mock::documented();
    assert_eq!(graph.exchanges(), all.len());
    let key = |e: &api::mock::Exchange| format!("{} /{}{}", e.method, e.version, e.path);
    let mut statuses = std::collections::HashMap::<String, Vec<u16>>::new();
    for e in &all {
        statuses.entry(key(e)).or_default().push(e.status);
    }
    let addr = graph.addr();
    let sent = rt.block_on(rt.spawn_blocking(move || {
        for e in &all {
            let got = status_of(addr, &e.method, &format!("/{}{}", e.version, e.path)).expect("an answer");
            assert!(statuses[&key(e)].contains(&got), "{}: {got}", key(e));
        }
        all.len()
    }));
    let counts = graph.counts();
    assert_eq!((counts.total, counts.unmatched), (sent.expect("no failure") as u64, 0));
}
"##;

/// The exchanges by version, then module.
type Tables<'a> = BTreeMap<&'a str, BTreeMap<&'a str, Vec<Exchange<'a>>>>;

/// Every file of the mock.
pub fn files<'a>(exchanges: Vec<Exchange<'a>>, crate_name: &str) -> Vec<OutFile<'a>> {
    let mut tables: Tables = BTreeMap::new();
    for e in exchanges {
        tables.entry(e.version).or_default().entry(e.module).or_default().push(e);
    }
    let mut files = vec![OutFile::rust_text("src/mock/engine.rs".into(), MOCK_RS)];
    let test = MOCK_TEST.replacen("CRATE", &id(&crate_name.replace('-', "_")), 1);
    files.push(OutFile::rust_text("tests/mock.rs".into(), test));
    let door = door(&tables);
    files.push(OutFile::rust_text("src/mock/mod.rs".into(), door));
    for (version, mods) in tables {
        let vm = version_module(version);
        for (module, exchanges) in mods {
            let path = format!("src/mock/{vm}/{module}.rs");
            // About 1 kB per exchange.
            let weight = exchanges.len();
            files.push(OutFile::rust(path, move |sink| table(sink, version, module, exchanges)).weighing(weight));
        }
    }
    files
}

/// `src/mock/mod.rs`: the engine's items, the tables and `start()`.
fn door(tables: &Tables) -> String {
    let mut c = Code::new();
    c.line("//! A mock Microsoft Graph serving the documented examples of the enabled");
    c.line("//! versions and areas, for tests: see [`start`], [`MockServer`] and [`Fault`].");
    c.line("mod engine;");
    c.line("pub use engine::*;");
    for (version, mods) in tables {
        let vm = version_module(version);
        ln!(c; "#[cfg(feature = ", str_lit(&vm), ")]");
        open!(c; "mod ", id(&vm), " {");
        for module in mods.keys() {
            ln!(c; "#[cfg(feature = ", str_lit(&feature_of(module)), ")]");
            ln!(c; "pub mod ", id(module), ";");
        }
        c.close("}");
    }
    c.line("");
    c.line("/// Every documented exchange of the enabled versions and areas.");
    open!(c; "pub fn documented() -> Vec<Exchange> {");
    c.line("#[allow(unused_mut)]");
    c.line("let mut all = Vec::new();");
    for (version, mods) in tables {
        let vm = version_module(version);
        for module in mods.keys() {
            ln!(c; "#[cfg(all(feature = ", str_lit(&vm), ", feature = ", str_lit(&feature_of(module)), "))]");
            ln!(c; "all.extend(", id(&vm), "::", id(module), "::EXCHANGES.iter().map(|e| Exchange::from_static(", str_lit(version), ", e)));");
        }
    }
    c.line("all");
    c.close("}");
    c.line("");
    c.line("/// Start the mock on `127.0.0.1` at a free port, serving [`documented`];");
    c.line("/// requests go to `{url}/v1.0/...` and `{url}/beta/...`. Needs a tokio runtime.");
    c.line("///");
    c.line("/// # Panics");
    c.line("/// When no loopback port can be had; [`try_start`] returns that error instead.");
    open!(c; "pub async fn start() -> MockServer {");
    open!(c; "match try_start().await {");
    c.line("Ok(server) => server,");
    c.line("Err(e) => panic!(\"the mock Graph cannot listen on 127.0.0.1: {e}\"),");
    c.close("}");
    c.close("}");
    c.line("");
    c.line("/// [`start`], with the error when no loopback port can be had.");
    open!(c; "pub async fn try_start() -> std::io::Result<MockServer> {");
    c.line("MockServer::start(documented()).await");
    c.close("}");
    c.finish()
}

/// `src/mock/<version>/<area>.rs`: one line per exchange.
fn table(sink: &mut dyn Sink, version: &str, module: &str, exchanges: Vec<Exchange>) {
    // Written through one buffer handed on in pieces, so a table of
    // megabytes is neither held whole nor grown by doubling.
    let mut c = Code::with_capacity(FLUSH + 4096);
    ln!(c; "//! Documented exchanges of the `", module.trim_start_matches("r#"), "` area (", version, "), in page order.");
    c.line("");
    c.line("/// `(method, template, path, status, headers, body)`.");
    open!(c; "pub static EXCHANGES: &[crate::mock::StaticExchange] = &[");
    for e in exchanges {
        c.flush_into(sink, FLUSH);
        let mut headers = String::with_capacity(4 + e.headers.iter().map(|(n, v)| n.len() + v.len() + 8).sum::<usize>());
        headers.push_str("&[");
        for (i, (n, v)) in e.headers.iter().enumerate() {
            if i > 0 {
                headers.push_str(", ");
            }
            cat!(&mut headers; '(', Lit(n), ", ", Lit(v), ')');
        }
        headers.push(']');
        // Serialised here, so no body is held before its row is written.
        let body = visible_json(e.body_text());
        let h = raw_hashes(&body);
        ln!(c; "(", Lit(&e.method), ", ", Lit(e.template), ", ", Lit(&e.path), ", ", e.status, ", ", headers, ", r", h, "\"", body, "\"", h, "),");
    }
    c.close("];");
    c.flush_into(sink, 0);
}
