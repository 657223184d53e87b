//! Permission tables: rows of `| kind | scopes |` folded into permissions.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msgraph_docgen::parse::permissions;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rows: Vec<(String, String)> = text
        .lines()
        .map(|l| {
            let mut cells = l.trim().trim_matches('|').split('|');
            (cells.next().unwrap_or("").trim().to_string(), cells.next().unwrap_or("").trim().to_string())
        })
        .collect();
    for (_, v) in &rows {
        if let permissions::Cell::Scopes(s) = permissions::cell(v) {
            for scope in s {
                assert!(!scope.is_empty() && !scope.contains(char::is_whitespace), "bad scope {scope:?}");
            }
        }
    }
    let (_, bad, _) = permissions::fold(&rows);
    assert!(bad.iter().all(|&i| i < rows.len()));
});
