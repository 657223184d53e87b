//! The CPU cost of each stage of a full run, on one thread (the pages read
//! first, then each stage run over all of them; every figure the best of
//! ROUNDS). One thread makes the figures steady enough to measure a change
//! of a percent or two, which the two-thread wall times of `bench/run`
//! cannot show on a busy host.
//!
//! Usage: `cargo run --release --example stages -- DOCS_DIR [ROUNDS]`

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use msgraph_docgen::{emit, format, model, parse, read};
use std::time::{Duration, Instant};

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: stages DOCS_DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let _ = rayon::ThreadPoolBuilder::new().num_threads(1).build_global();
    let root = match read::resolve_docs(dir.as_ref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let pages = read::list_pages(&root, &[], &[]).unwrap_or_default();
    let reader = read::Reader::new(&root, &pages);
    let names = ["read", "pulldown-cmark only", "parse", "lower pages", "names + types", "emit + format", "free the model"];
    let mut best = [Duration::MAX; 7];
    let mut bytes = 0;
    for _ in 0..rounds {
        let (sources, read) = timed(|| pages.iter().map(|p| reader.read(p)).collect::<Vec<_>>());
        let (_, pulldown) = timed(|| {
            sources.iter().map(|s| pulldown_cmark::Parser::new_ext(&s.text, pulldown_cmark::Options::ENABLE_TABLES).into_offset_iter().count()).sum::<usize>()
        });
        let (raw, parse) = timed(|| sources.iter().map(parse::parse).collect::<Vec<_>>());
        let (lowered, lower_pages) = timed(|| model::lower::lower_pages(raw, |p| &p.path, model::lower::lower_page));
        let (api, names_types) = timed(|| model::lower::assign_names(&dir, lowered).lower_types_and_check());
        let (out, emit) = timed(|| format::format(emit::emit(&api, &emit::EmitOptions::default())));
        bytes = out.map(|o| o.iter().map(|f| f.bytes.len()).sum::<usize>()).unwrap_or(0);
        let (_, free) = timed(|| if std::env::var_os("STAGES_SERIAL_DROP").is_some() { drop(api) } else { api.free() });
        for (b, d) in best.iter_mut().zip([read, pulldown, parse, lower_pages, names_types, emit, free]) {
            *b = (*b).min(d);
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| stage (one thread, best of {rounds}) | ms |");
    println!("|---|---:|");
    for (name, d) in names.iter().zip(best) {
        println!("| {name} | {:.1} |", ms(d));
    }
    let ours: Duration = best.iter().enumerate().filter(|(i, _)| *i != 1).map(|(_, d)| *d).sum();
    println!("| all but pulldown-cmark only | {:.1} |", ms(ours));
    println!("| output | {:.1} MB |", bytes as f64 / 1048576.0);
}
