//! The page parser: decode → parse → lower, on any bytes. The first byte
//! picks where the page lives (API page, resource page, other), since the
//! parser and lowering treat those differently.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msgraph_docgen::{model, parse};

const PATHS: &[&str] = &["v1.0/api/fuzz-page.md", "beta/api/fuzz-page.md", "v1.0/resources/fuzztype.md", "v1.0/includes/fuzz.md"];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else { return };
    let path = PATHS[sel as usize % PATHS.len()];
    let src = parse::decode(path, bytes);
    let raw = parse::parse(&src);
    for d in &raw.diagnostics {
        assert!(d.line >= 1 && d.col >= 1, "diagnostic without a position: {d:?}");
    }
    let api = model::lower::lower("fuzz", vec![raw]);
    // The model always serialises (it is printed by `parse`).
    serde_json::to_string(&api).expect("model serialises");
});
