//! The whole pipeline on one page: decode → parse → lower → emit → format.
//! The emitted tokens must always parse as Rust, and every file must hold
//! exactly the items the model names (nothing smuggled in by page text).
#![no_main]
use libfuzzer_sys::fuzz_target;
use msgraph_docgen::{emit, format, model, parse};

const PATHS: &[&str] = &["v1.0/api/fuzz-page.md", "beta/api/Fuzz Page..md", "v1.0/resources/fuzzType.md"];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else { return };
    let path = PATHS[sel as usize % PATHS.len()];
    let src = parse::decode(path, bytes);
    let raw = parse::parse(&src);
    let api = model::lower::lower("fuzz", vec![raw]);
    let files = emit::emit(&api, &emit::EmitOptions::default());
    let out = match format::format(files) {
        Ok(o) => o,
        Err(e) => panic!("emitted code does not parse: {e}"),
    };
    for f in &out {
        if f.path.ends_with(".rs") {
            let text = std::str::from_utf8(&f.bytes).expect("generated text is UTF-8");
            // Page text may only appear escaped: no raw control (tabs aside: doc
            // comments keep them, mid-line) or bidi characters.
            for c in text.chars() {
                let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{feff}');
                assert!(!(bidi || (c.is_control() && c != '\n' && c != '\t')), "raw {c:?} in {}", f.path);
            }
        }
    }
    let expected = msgraph_docgen_fuzz_items::expected(&api);
    let (found, problems) = msgraph_docgen_fuzz_items::found_with_problems(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(found, expected, "generated items differ from the model");
});

/// Items per file: what the model says and what the formatted code has.
mod msgraph_docgen_fuzz_items {
    include!("../../tests/support/items.rs");
}
