//! Request lines, HTTP messages, status lines and path templates.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msgraph_docgen::{model::lower, parse};

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
            let (rust, api) = lower::param_names(&path);
            assert_eq!(rust.len(), api.len());
            let n = lower::pieces(&path).iter().filter(|p| matches!(p, lower::Piece::Param(_))).count();
            assert_eq!(n, api.len(), "pieces and params disagree on {path:?}");
            for r in &rust {
                // Every parameter name is a valid Rust identifier.
                let _ = msgraph_docgen::model::naming::ident(r);
            }
        }
    }
});
