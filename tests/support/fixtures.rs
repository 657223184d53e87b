// Shared by the tests that read the model of a tree of hand-written pages
// under tests/fixtures/ (included with `#[path]`).

use msgraph_docgen::model::{Api, Endpoint};
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

/// The folder of the fixture tree `name` (`tests/fixtures/NAME`).
pub fn dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The model of the fixture tree `name`, loaded on first use and kept for
/// the test binary's life (the tests of a file share it).
pub fn api(name: &'static str) -> &'static Api {
    static LOADED: Mutex<Vec<(&'static str, &'static Api)>> = Mutex::new(Vec::new());
    let mut loaded = LOADED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, api)) = loaded.iter().find(|(n, _)| *n == name) {
        return api;
    }
    let api: &'static Api = Box::leak(Box::new(msgraph_docgen::load(&dir(name), &[], &[]).expect("fixtures load").api));
    loaded.push((name, api));
    api
}

/// The endpoint `name` of `api`; a failed lookup names the endpoints there are.
pub fn endpoint<'a>(api: &'a Api, name: &str) -> &'a Endpoint {
    api.endpoints
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no endpoint {name}; have {:?}", api.endpoints.iter().map(|e| &e.name).collect::<Vec<_>>()))
}
