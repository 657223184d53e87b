//! The floor a full `generate` is measured against: walk the docs tree, read
//! every page, and run pulldown-cmark over each one (no extraction at all).
//!
//! Usage: `cargo run --release --example floor -- DOCS_DIR [JOBS]`
//! Prints `read_ms parse_ms pages bytes` on one line.

use rayon::prelude::*;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: floor DOCS_DIR [JOBS]");
        std::process::exit(2);
    };
    if let Some(jobs) = args.next().and_then(|j| j.parse().ok()) {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global();
    }
    let t0 = Instant::now();
    let mut paths: Vec<_> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    let pages: Vec<String> = paths
        .par_iter()
        .filter_map(|p| std::fs::read(p).ok())
        // Valid UTF-8 (every real page) becomes a String without a copy.
        .map(|b| String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
        .collect();
    let read = t0.elapsed();
    let t1 = Instant::now();
    let events: usize = pages.par_iter().map(|p| pulldown_cmark::Parser::new_ext(p, pulldown_cmark::Options::ENABLE_TABLES).into_offset_iter().count()).sum();
    let parse = t1.elapsed();
    let bytes: usize = pages.iter().map(String::len).sum();
    println!("{} {} {} {} {}", read.as_millis(), parse.as_millis(), pages.len(), bytes, events);
}
