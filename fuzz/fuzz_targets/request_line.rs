//! Request lines, HTTP messages, status lines and path templates.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msgraph_docgen::{model::template, model::PathPiece, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = parse::http::message(text);
    for line in text.lines() {
        let _ = parse::http::status_line(line);
        let _ = parse::status_in_prose(line);
        if let Some(rl) = parse::http::request_line(line) {
            assert!(parse::http::METHODS.contains(&rl.method));
            let (path, _) = parse::normalise_path(rl.target);
            assert!(path.starts_with('/'), "normalised path {path:?} lacks a leading slash");
            let parsed = template::parse(&path);
            assert_eq!(parsed.params.len(), parsed.api_params.len());
            let n = parsed.pieces.iter().filter(|p| matches!(p, PathPiece::Param { .. })).count();
            assert_eq!(n, parsed.api_params.len(), "pieces and params disagree on {path:?}");
            for r in &parsed.params {
                // Every parameter name is a valid Rust identifier.
                let _ = msgraph_docgen::model::naming::ident(r);
            }
        }
    }
});
