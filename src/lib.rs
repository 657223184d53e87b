//! msgraph-docgen: the Microsoft Graph REST API reference → a typed Rust crate.
//!
//! The pipeline runs one way, one module per stage:
//! [`read`] → [`parse`] → [`model`] (lowering) → [`emit`] → [`format`] → [`write`].
//! The command-line tool and [`Builder`] (for `build.rs`) are two doors onto
//! the same engine.
//!
//! ```no_run
//! // build.rs
//! msgraph_docgen::Builder::new()
//!     .docs("docs-input")
//!     .include("v1.0/api/call-*.md")
//!     .out_dir(std::env::var("OUT_DIR").unwrap())
//!     .generate()
//!     .unwrap();
//! ```
#![deny(missing_docs)]

pub mod cache;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod error;
pub mod format;
#[cfg(feature = "mock")]
#[path = "emit/runtime/mock.rs"]
pub mod mock_engine;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod published;
pub mod read;
pub mod report;
/// The generated crate's runtime, compiled into the generator as well, so
/// that the rules both need are written once, there: a path parameter's
/// percent-encoding, and the example type check the example tests run.
#[allow(dead_code)]
#[path = "emit/runtime/support.rs"]
pub mod runtime;
pub mod write;

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub use error::Error;

/// The model and how long it took to build.
pub struct Loaded {
    /// The model.
    pub api: model::Api,
    /// The resolved `api-reference` folder.
    pub root: PathBuf,
    /// Every page path read, relative to `root`.
    pub pages: Vec<String>,
    /// Phase timings so far.
    pub timings: report::Timings,
}

fn ms(t: Instant) -> u64 {
    t.elapsed().as_millis() as u64
}

/// Read and parse a docs tree into the model.
pub fn load(docs: &Path, include: &[String], exclude: &[String]) -> Result<Loaded, Error> {
    let t0 = Instant::now();
    let (root, pages) = list_tree(docs, include, exclude)?;
    let mut timings = report::Timings { read: ms(t0), ..Default::default() };
    let t1 = Instant::now();
    let (lowered, _, _) = read_and_lower(&root, &pages, false);
    timings.parse = ms(t1);
    let t2 = Instant::now();
    let api = model::lower::assemble(&docs.to_string_lossy(), lowered);
    timings.resolve = ms(t2);
    Ok(Loaded { api, root, pages, timings })
}

/// [`load`] without checking the examples against the types
/// ([`model::lower::NamedApi::lower_types`]): for `diff`, and for the mock,
/// which serves the examples as written
/// ([`model::exchanges::exchanges`] borrows its exchanges from the model).
pub fn load_unchecked(docs: &Path, include: &[String], exclude: &[String]) -> Result<model::Api, Error> {
    let (root, pages) = list_tree(docs, include, exclude)?;
    let (lowered, _, _) = read_and_lower(&root, &pages, false);
    Ok(model::lower::assign_names(&docs.to_string_lossy(), lowered).lower_types())
}

/// The `api-reference` folder and the page paths selected in it (sorted).
fn list_tree(docs: &Path, include: &[String], exclude: &[String]) -> Result<(PathBuf, Vec<String>), Error> {
    let root = read::resolve_docs(docs)?;
    let pages = read::list_pages(&root, include, exclude)?;
    if pages.is_empty() {
        let filtered = if include.is_empty() && exclude.is_empty() { "" } else { " that match --include/--exclude" };
        return Err(Error::Input(format!("no pages (*.md){filtered} found in {}", root.display())));
    }
    Ok((root, pages))
}

/// Every page read and decoded, held, with its digest for the output cache
/// ([`cache::page_digest`]), and the include files read.
fn read_all(root: &Path, pages: &[String]) -> (Vec<parse::Source>, Vec<u128>, Vec<String>) {
    let (read, includes) = read::read_pages(root, pages, cache::page_digest);
    let (sources, digests) = read.into_iter().unzip();
    (sources, digests, includes)
}

/// Parse every page and lower it on its own.
fn lower_sources(sources: Vec<parse::Source>) -> model::lower::LoweredPages {
    // Each page is parsed and lowered in one task, and its text and what
    // only its lowering needed are freed at once: the next pages reuse that
    // memory (fresh memory is the dearest part of a full run).
    model::lower::lower_pages(sources, |s| &s.path, |s, strings| model::lower::lower_page(parse::parse(&s), strings))
}

/// Read, parse and lower every page, each in one task: a page's text is
/// freed as soon as it is lowered, so no text outlives its own parse and
/// the pages read next reuse its memory. With the pages' digests for the
/// output cache ([`cache::page_digest`], in page order) when `digests` is
/// set, and the include files read.
fn read_and_lower(root: &Path, pages: &[String], digests: bool) -> (model::lower::LoweredPages, Vec<u128>, Vec<String>) {
    let reader = read::Reader::new(root, pages);
    // One slot per page, each set by the task that reads the page.
    let slots: Vec<std::sync::OnceLock<u128>> = if digests { pages.iter().map(|_| std::sync::OnceLock::new()).collect() } else { Vec::new() };
    let lowered = model::lower::lower_pages(
        pages.iter().enumerate().collect(),
        |(_, rel)| rel.as_str(),
        |(i, rel), strings| {
            let src = reader.read(rel);
            if let Some(slot) = slots.get(i) {
                let _ = slot.set(cache::page_digest(&src));
            }
            model::lower::lower_page(parse::parse(&src), strings)
        },
    );
    (lowered, slots.into_iter().filter_map(std::sync::OnceLock::into_inner).collect(), reader.included())
}

/// The format stage's output in a full run: each file compared with the
/// output folder and staged as its text comes, its length and content hash
/// for the output cache taken on the way (none in check mode, which stores
/// no cache).
struct Staging<'s, 'a> {
    stager: &'s write::Stager<'a>,
    check: bool,
}

/// One file being staged, and hashed.
struct StagingFile<'s, 'a> {
    sink: write::FileSink<'s, 'a>,
    hash: Option<cache::OutputHash>,
}

impl emit::Sink for StagingFile<'_, '_> {
    fn push(&mut self, text: &str) {
        if let Some(h) = &mut self.hash {
            h.update(text.as_bytes());
        }
        self.sink.write(text.as_bytes());
    }
}

impl<'s, 'a> format::Output for Staging<'s, 'a> {
    type File = StagingFile<'s, 'a>;
    /// The file's staging and its (length, hash) for the cache.
    type Done = (write::Staged, (u64, String));

    fn open(&self, path: &str) -> Result<Self::File, Error> {
        Ok(StagingFile { sink: self.stager.sink(path)?, hash: (!self.check).then(cache::OutputHash::default) })
    }

    fn close(&self, file: Self::File) -> Result<Self::Done, Error> {
        let entry = file.hash.as_ref().map(cache::OutputHash::finish).unwrap_or_default();
        file.sink.finish().map(|s| (s, entry))
    }
}

/// Everything one `generate` did.
pub struct Generated {
    /// The model; `None` when the output cache showed that nothing changed
    /// since the last run, so nothing was parsed.
    pub api: Option<model::Api>,
    /// The diagnostics (replayed from the cache when nothing was parsed).
    pub diagnostics: Vec<diag::Diagnostic>,
    /// What was written (or found stale in check mode).
    pub stats: write::WriteStats,
    /// The run report (`spec/report.md`).
    pub report: serde_json::Value,
    /// Whether the output cache answered the run.
    pub cached: bool,
    /// Every page read (relative to `root`).
    pub pages: Vec<String>,
    /// Every include file the pages pulled in (relative to `root`, sorted).
    pub includes: Vec<String>,
    /// The resolved `api-reference` folder.
    pub root: PathBuf,
}

/// Configuration of a run; build it with [`Builder`].
#[derive(Clone, Debug)]
pub struct Config {
    docs: PathBuf,
    out: PathBuf,
    crate_name: String,
    include: Vec<String>,
    exclude: Vec<String>,
    check: bool,
    cargo: bool,
    fail_after: Option<usize>,
    single_file: Option<String>,
}

/// Generate a crate from a docs tree, in the style of `prost_build::Config`.
#[derive(Clone, Debug)]
pub struct Builder {
    cfg: Config,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// Defaults: docs in `docs-input`, output in `generated`.
    pub fn new() -> Self {
        Builder {
            cfg: Config {
                docs: PathBuf::from("docs-input"),
                out: PathBuf::from("generated"),
                crate_name: "msgraph-generated".into(),
                include: Vec::new(),
                exclude: Vec::new(),
                check: false,
                cargo: std::env::var_os("CARGO_MANIFEST_DIR").is_some() && std::env::var_os("OUT_DIR").is_some(),
                fail_after: None,
                single_file: None,
            },
        }
    }

    /// The docs folder (an `api-reference` folder or one that holds one).
    pub fn docs(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.cfg.docs = dir.into();
        self
    }

    /// The output folder.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.cfg.out = dir.into();
        self
    }

    /// Package name of the generated crate.
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.cfg.crate_name = name.into();
        self
    }

    /// Only pages matching this glob (relative to the docs folder); repeatable.
    pub fn include(&mut self, glob: impl Into<String>) -> &mut Self {
        self.cfg.include.push(glob.into());
        self
    }

    /// Leave out pages matching this glob; repeatable.
    pub fn exclude(&mut self, glob: impl Into<String>) -> &mut Self {
        self.cfg.exclude.push(glob.into());
        self
    }

    /// Compare with the output instead of writing it.
    pub fn check(&mut self, yes: bool) -> &mut Self {
        self.cfg.check = yes;
        self
    }

    /// Print `cargo:rerun-if-changed` and `cargo:warning` lines (on by
    /// default when run from a build script).
    pub fn cargo_metadata(&mut self, yes: bool) -> &mut Self {
        self.cfg.cargo = yes;
        self
    }

    /// Write everything into one file, `<out_dir>/<name>.rs`, for
    /// `include!(concat!(env!("OUT_DIR"), "/<name>.rs"))` from a crate that
    /// depends on `http`, `serde` and `serde_json`. The modules are nested
    /// inline (`support`, `v1_0`, `beta`, ...); the generated crate's cargo
    /// features, `Cargo.toml` and example tests are left out.
    pub fn single_file(&mut self, name: impl Into<String>) -> &mut Self {
        self.cfg.single_file = Some(name.into());
        self
    }

    #[doc(hidden)]
    /// Fail after this many write steps: temporary files first, then renames
    /// (tests of atomic output). this many temporary files (tests of atomic output).
    pub fn fail_after(&mut self, n: usize) -> &mut Self {
        self.cfg.fail_after = Some(n);
        self
    }

    /// Run: read, parse, lower, emit, format, write.
    pub fn generate(&self) -> Result<Generated, Error> {
        run(&self.cfg)
    }
}

impl Generated {
    /// The lines printed for cargo from a build script: `cargo:rerun-if-changed`
    /// for the docs folder (so new pages are noticed), every page read and
    /// every include file they pulled in, and one `cargo:warning` per
    /// diagnostic, on one line each.
    pub fn cargo_metadata_lines(&self) -> Vec<String> {
        cargo_lines(&self.root, &self.pages, &self.includes, &self.diagnostics)
    }
}

fn cargo_lines(root: &Path, pages: &[String], includes: &[String], diagnostics: &[diag::Diagnostic]) -> Vec<String> {
    let one_line = |s: String| s.replace(['\r', '\n'], " ");
    let mut out = vec![one_line(format!("cargo:rerun-if-changed={}", root.display()))];
    // An include that is also a selected page is listed once.
    let extra = includes.iter().filter(|i| pages.binary_search(i).is_err());
    out.extend(pages.iter().chain(extra).map(|p| one_line(format!("cargo:rerun-if-changed={}", root.join(p).display()))));
    for d in diagnostics {
        let sev = match d.severity {
            diag::Severity::Error => "error",
            diag::Severity::Warning => "warning",
        };
        // One line each: cargo ends a warning at the line break.
        out.push(one_line(format!("cargo:warning=msgraph-docgen {sev}[{}]: {} --> {}:{}:{}", d.code, d.message, root.join(&d.path).display(), d.line, d.col)));
    }
    out
}

/// `path` made absolute without requiring it to exist: the nearest existing
/// ancestor is canonicalised (resolving symlinks) and the rest appended, with
/// `.` and `..` resolved lexically (they follow a folder that does not exist,
/// so no symlink can be involved). Returns the existing ancestor too.
fn absolute(path: &Path) -> Option<(PathBuf, PathBuf)> {
    let mut existing = path;
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    let base = loop {
        if existing.as_os_str().is_empty() {
            break std::fs::canonicalize(".").ok()?;
        }
        if let Ok(c) = std::fs::canonicalize(existing) {
            break c;
        }
        rest.push(existing.file_name().unwrap_or(existing.as_os_str()));
        existing = existing.parent().unwrap_or(Path::new(""));
    };
    let mut abs = base.clone();
    for part in rest.into_iter().rev() {
        match part.to_str() {
            Some(".") => {}
            Some("..") => {
                abs.pop();
            }
            _ => abs.push(part),
        }
    }
    Some((abs, base))
}

/// Cargo's rules for a package name, plus what the emitted `use NAME as api`
/// needs: ASCII letters, digits, `-` and `_`, not starting with a digit, not a
/// keyword.
fn check_crate_name(name: &str) -> Result<(), Error> {
    let ok_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let starts_ok = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    let as_ident = name.replace('-', "_");
    let keyword = model::naming::is_keyword(&as_ident)
        || matches!(as_ident.as_str(), "self" | "Self" | "super" | "crate" | "_" | "test" | "core" | "std" | "alloc" | "proc_macro");
    if name.is_empty() || !ok_chars || !starts_ok || keyword || name.len() > 64 {
        return Err(Error::Usage(format!(
            "invalid crate name `{}`: use ASCII letters, digits, `-` and `_`, starting with a letter (not a Rust keyword)",
            name.escape_debug()
        )));
    }
    Ok(())
}

/// Every check that can be made before reading a page: the output is not a
/// file, not inside the docs, and writable; the crate name is valid.
fn check_paths(cfg: &Config) -> Result<(), Error> {
    check_crate_name(&cfg.crate_name)?;
    if cfg.out.as_os_str().is_empty() {
        return Err(Error::Usage("--out is empty; give the output folder".into()));
    }
    if cfg.docs.as_os_str().is_empty() {
        return Err(Error::Usage("--docs is empty; give the docs folder".into()));
    }
    if cfg.out.is_file() {
        return Err(Error::Output(format!("output path {} is a file, not a folder", cfg.out.display())));
    }
    let docs = std::fs::canonicalize(&cfg.docs).ok();
    let Some((out, existing)) = absolute(&cfg.out) else {
        return Err(Error::Output(format!("cannot resolve output folder {}", cfg.out.display())));
    };
    if let Some(d) = docs {
        if out.starts_with(&d) {
            return Err(Error::Usage(format!("output folder {} is inside the docs folder {}", cfg.out.display(), cfg.docs.display())));
        }
    }
    if !existing.is_dir() {
        return Err(Error::Output(format!("output path {}: {} is a file, not a folder", cfg.out.display(), existing.display())));
    }
    if !cfg.check {
        // Probe the nearest existing folder, so an unwritable output fails
        // before any page is read rather than after the whole run.
        let probe = existing.join(format!(".msgraph-docgen-probe-{}", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
            Ok(_) => {
                let _ = std::fs::remove_file(&probe);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(Error::Output(format!("output folder {} is not writable: {} ({})", cfg.out.display(), read::io_cause(&e), existing.display())))
            }
        }
    }
    Ok(())
}

/// A run the output cache answered: nothing parsed, nothing written; the
/// diagnostics and the report are the cached run's.
fn answered_by_cache(cfg: &Config, hit: CacheHit, mut timings: report::Timings, t0: Instant, pages: Vec<String>, root: PathBuf) -> Generated {
    let (hit, includes) = hit;
    if cfg.cargo {
        for line in cargo_lines(&root, &pages, &includes, &hit.diagnostics) {
            println!("{line}");
        }
    }
    if !cfg.check {
        write::sweep_leftovers(&cfg.out, hit.files.iter().map(|f| f.0.as_str()));
    }
    let stats = write::WriteStats { unchanged: hit.files.len(), ..Default::default() };
    timings.total = ms(t0);
    let mut report = hit.report;
    if let Some(r) = report.as_object_mut() {
        r.insert("timings_ms".into(), serde_json::to_value(&timings).unwrap_or_default());
        r.insert("files".into(), serde_json::json!({ "written": 0, "unchanged": stats.unchanged, "removed": 0 }));
        r.insert("cached".into(), serde_json::Value::Bool(true));
    }
    Generated { api: None, diagnostics: hit.diagnostics, stats, report, cached: true, pages, includes, root }
}

fn run(cfg: &Config) -> Result<Generated, Error> {
    let t0 = Instant::now();
    check_paths(cfg)?;
    let (root, pages) = list_tree(&cfg.docs, &cfg.include, &cfg.exclude)?;
    let mut timings = report::Timings::default();
    let (lowered, inputs, includes) = match read_and_lower_or_cached(cfg, &root, &pages, &mut timings, t0) {
        Ok(lowered) => lowered,
        Err(hit) => return Ok(answered_by_cache(cfg, *hit, timings, t0, pages, root)),
    };
    let t = Instant::now();
    let named = model::lower::assign_names(&cfg.docs.to_string_lossy(), lowered);
    let api = named.lower_types_and_check();
    timings.resolve = ms(t);
    // Printed before anything can fail, so cargo reruns when a page is fixed.
    if cfg.cargo {
        for line in cargo_lines(&root, &pages, &includes, &api.diagnostics) {
            println!("{line}");
        }
    }
    let opts = emit::EmitOptions { crate_name: cfg.crate_name.clone() };
    let (stats, mut files, report, typed_checks) = format_and_write(cfg, &api, &opts, &mut timings)?;
    timings.total = ms(t0);
    let typed_checks = std::mem::take(&mut *typed_checks.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    let report = report::Report { files: report::file_counts(&stats), timings_ms: timings, typed_checks, ..report };
    let report = serde_json::to_value(&report).map_err(|e| Error::Internal(e.to_string()))?;
    if !cfg.check {
        if let Ok(m) = std::fs::read(cfg.out.join(write::MANIFEST)) {
            files.push((write::MANIFEST.to_string(), m.len() as u64, cache::hash_bytes(&m)));
        }
        let c = cache::Cache { inputs, files, diagnostics: api.diagnostics.clone(), report: report.clone() };
        cache::store(&cfg.out, &c);
    }
    let diagnostics = api.diagnostics.clone();
    Ok(Generated { api: Some(api), diagnostics, stats, report, cached: false, pages, includes, root })
}

/// The lowered pages, the inputs' fingerprint and the include files read.
type Lowered = (model::lower::LoweredPages, String, Vec<String>);

/// The output cache's answer and the include files read.
type CacheHit = (cache::Cache, Vec<String>);

/// The lowered pages, the inputs' fingerprint and the include files read;
/// or the output cache's answer (`Err`) when it holds this run's output.
///
/// With a cache from an earlier run, every page is read (and held) first,
/// and parsed only if the cache does not answer. Without one (a first run,
/// an empty output folder), each page is read, parsed and freed in one go.
fn read_and_lower_or_cached(cfg: &Config, root: &Path, pages: &[String], timings: &mut report::Timings, t0: Instant) -> Result<Lowered, Box<CacheHit>> {
    let single = cfg.single_file.clone().unwrap_or_default();
    let fingerprint = |digests: &[u128]| cache::fingerprint(digests, &[&cfg.crate_name, &single]);
    if cfg.fail_after.is_none() && cache::present(&cfg.out) {
        let (sources, digests, includes) = read_all(root, pages);
        timings.read = ms(t0);
        let inputs = fingerprint(&digests);
        if let Some(hit) = cache::load(&cfg.out, &inputs) {
            return Err(Box::new((hit, includes)));
        }
        let t = Instant::now();
        let lowered = lower_sources(sources);
        timings.parse = ms(t);
        Ok((lowered, inputs, includes))
    } else {
        timings.read = ms(t0);
        let t = Instant::now();
        let (lowered, digests, includes) = read_and_lower(root, pages, true);
        timings.parse = ms(t);
        Ok((lowered, fingerprint(&digests), includes))
    }
}

/// What formatting and writing the files gives: the write counts, each
/// file's (path, length, hash) for the output cache, the report but its
/// file counts, timings and typed checks, and the typed checks the example
/// tests hold.
type Written = (write::WriteStats, Vec<(String, u64, String)>, report::Report, emit::TypedChecks);

/// A formatted file's staging and its cache entry, by path.
type StagedFiles = Vec<(String, (write::Staged, (u64, String)))>;

/// Emit, format and write the files. A full run compares and stages each
/// file as soon as it is formatted, so the output is never held in memory
/// all at once, formats the endpoint modules (which hold the largest file)
/// while the rest of the files are worked out (the feature table, the
/// documented exchanges), and counts the report beside the formatting; a
/// bundled (`single_file`) or failure-injecting run emits and formats
/// everything, then writes.
fn format_and_write(cfg: &Config, api: &model::Api, opts: &emit::EmitOptions, timings: &mut report::Timings) -> Result<Written, Error> {
    let t = Instant::now();
    let out = cfg.out.to_string_lossy();
    // The test files count their typed checks as they are rendered: the
    // report takes them once every file is written.
    let counted = || report::build_with_checks(api, Some(&out), report::Timings::default(), Default::default());
    if cfg.single_file.is_none() && cfg.fail_after.is_none() {
        let stager = write::Stager::new(&cfg.out, cfg.check, None);
        let staging = Staging { stager: &stager, check: cfg.check };
        let early = emit::endpoint_modules(api);
        let rest = || {
            let t = Instant::now();
            let (files, tally) = emit::emit_rest_counted(api, opts);
            let emit_ms = ms(t);
            (format::format_each(files, &staging), tally, emit_ms)
        };
        let ((first, (second, tally, emit_ms)), report) = rayon::join(|| rayon::join(|| format::format_each(early, &staging), rest), counted);
        timings.emit = emit_ms;
        timings.format = ms(t);
        let staged: StagedFiles = match (first, second) {
            (Ok(mut a), Ok(b)) => {
                a.extend(b);
                a.sort_by(|x, y| x.0.cmp(&y.0));
                a
            }
            (Err(e), _) | (_, Err(e)) => {
                stager.abort();
                return Err(e);
            }
        };
        let t = Instant::now();
        let mut entries = Vec::with_capacity(staged.len());
        let mut done = Vec::with_capacity(staged.len());
        for (path, (s, (len, hash))) in staged {
            entries.push((path, len, hash));
            done.push(s);
        }
        entries.sort();
        let stats = stager.finish(done)?;
        timings.write = ms(t);
        return Ok((stats, entries, report, tally));
    }
    let (files, tally) = emit::emit_counted(api, opts);
    timings.emit = ms(t);
    let t = Instant::now();
    let mut formatted = format::format(files).map_err(Error::Internal)?;
    if let Some(name) = &cfg.single_file {
        formatted = vec![write::bundle(&formatted, name)?];
    }
    timings.format = ms(t);
    let t = Instant::now();
    let stats = write::write(&cfg.out, &formatted, cfg.check, cfg.fail_after)?;
    timings.write = ms(t);
    let entries = formatted.par_iter().map(|f| (f.path.clone(), f.bytes.len() as u64, cache::hash_bytes(&f.bytes))).collect();
    Ok((stats, entries, counted(), tally))
}

/// The mock engine's private rules, tested here rather than in its file:
/// that file is emitted into the generated crate, whose tests are one per
/// documented example.
#[cfg(all(test, feature = "mock"))]
mod mock_engine_tests {
    use super::mock_engine::decode_path;

    #[test]
    fn paths_are_decoded_but_an_encoded_slash_and_bad_escapes_kept() {
        assert_eq!(decode_path("/users/a%20b%2Fc"), "/users/a b%2Fc");
        assert_eq!(decode_path("%+1%-1%41%4"), "%+1%-1A%4");
        assert_eq!(decode_path("%FF"), "\u{fffd}");
    }
}
