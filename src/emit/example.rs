//! `examples/me.rs` of the generated crate, when the docs have `GET /me`
//! (the users area of v1.0): the quick start's program. It calls `/me`
//! through the client, against the in-process mock, or against Microsoft
//! Graph when `GRAPH_TOKEN` holds an access token.

use super::code::id;
use super::{feature_of, version_module, OutFile};
use crate::model::Api;

/// The `/me` operation: (module, function), v1.0 first.
fn me(api: &Api) -> Option<(&str, &str, &str)> {
    let mut found: Vec<(&str, &str, &str)> = api
        .endpoints
        .iter()
        .filter(|e| e.method == "GET")
        .flat_map(|e| e.paths.iter().filter(|p| p.template == "/me" && !p.deprecated).map(move |p| (e.version.as_str(), e.module.as_str(), p.fn_name.as_str())))
        .collect();
    found.sort_by_key(|(v, _, f)| (*v != "v1.0", *f));
    found.into_iter().next()
}

const PROGRAM: &str = r##"//! Calls `GET /me` through the client: against the in-process mock Graph,
//! or against Microsoft Graph when `GRAPH_TOKEN` holds an access token.
//!
//!     cargo run --example me --features client,mock
//!     GRAPH_TOKEN=eyJ0... cargo run --example me --features client,mock

use CRATE as api;
use api::client::{Client, Grants, StaticToken};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let request = api::VM::MODULE::FUNCTION();
    let (client, _graph) = match std::env::var("GRAPH_TOKEN") {
        // The token's scopes are checked against the documented
        // permissions before anything is sent.
        Ok(token) => (Client::graph(StaticToken::new(token)).with_preflight(Grants::FromToken), None),
        Err(_) => {
            let graph = api::mock::start().await;
            println!("mock Graph at {}", graph.url());
            (Client::new(graph.url()), Some(graph))
        }
    };
    let me = client.send(&request).await?;
    println!("{me:#?}");
    Ok(())
}
"##;

/// The example program and its `[[example]]` table, if the docs have `/me`.
pub fn me_example(api: &Api, crate_name: &str) -> Option<(OutFile<'static>, String)> {
    let (version, module, function) = me(api)?;
    let vm = version_module(version);
    let program = PROGRAM.replacen("CRATE", &id(&crate_name.replace('-', "_")), 1).replacen("VM", &vm, 1).replacen("MODULE", &id(module), 1).replacen(
        "FUNCTION",
        &id(function),
        1,
    );
    let toml = format!(
        "\n# The quick start's program: GET /me through the client.\n[[example]]\nname = \"me\"\nrequired-features = [\"client\", \"mock\", \"{vm}\", \"{}\"]\n",
        feature_of(module)
    );
    Some((OutFile::rust_text("examples/me.rs".into(), program), toml))
}
