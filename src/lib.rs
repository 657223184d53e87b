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

pub mod diag;
pub mod diff;
pub mod emit;
pub mod format;
pub mod model;
pub mod parse;
pub mod read;
pub mod report;
pub mod write;

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A failure of the tool itself (not a problem in a page: those are
/// [`diag::Diagnostic`]s and never stop a run).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A wrong use: bad option values, conflicting paths.
    #[error("{0}")]
    Usage(String),
    /// The docs could not be read.
    #[error("{0}")]
    Input(String),
    /// The output could not be written.
    #[error("{0}")]
    Output(String),
    /// A bug in the generator.
    #[error("internal error: {0}")]
    Internal(String),
}

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
    let root = read::resolve_docs(docs)?;
    let pages = read::list_pages(&root, include, exclude)?;
    if pages.is_empty() {
        return Err(Error::Input(format!("no pages (*.md) found in {}", root.display())));
    }
    let sources = read::read_pages(&root, &pages);
    let mut timings = report::Timings { read: ms(t0), ..Default::default() };
    let t1 = Instant::now();
    let raw: Vec<parse::RawPage> = sources.par_iter().map(parse::parse).collect();
    timings.parse = ms(t1);
    let t2 = Instant::now();
    let api = model::lower::lower(&docs.to_string_lossy(), raw);
    timings.resolve = ms(t2);
    Ok(Loaded { api, root, pages, timings })
}

/// Everything one `generate` did.
pub struct Generated {
    /// The model.
    pub api: model::Api,
    /// What was written (or found stale in check mode).
    pub stats: write::WriteStats,
    /// The report.
    pub report: report::Report,
    /// Every page read (relative to `root`).
    pub pages: Vec<String>,
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
    /// for the docs folder (so new pages are noticed) and every page read,
    /// and one `cargo:warning` per diagnostic, on one line each.
    pub fn cargo_metadata_lines(&self) -> Vec<String> {
        cargo_lines(&self.root, &self.pages, &self.api.diagnostics)
    }
}

fn cargo_lines(root: &Path, pages: &[String], diagnostics: &[diag::Diagnostic]) -> Vec<String> {
    let one_line = |s: String| s.replace(['\r', '\n'], " ");
    let mut out = vec![one_line(format!("cargo:rerun-if-changed={}", root.display()))];
    out.extend(pages.iter().map(|p| one_line(format!("cargo:rerun-if-changed={}", root.join(p).display()))));
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

fn check_paths(cfg: &Config) -> Result<(), Error> {
    let docs = std::fs::canonicalize(&cfg.docs).ok();
    let out = std::fs::canonicalize(&cfg.out).ok().or_else(|| {
        let parent = cfg.out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::canonicalize(parent).ok().map(|p| p.join(cfg.out.file_name().unwrap_or_default()))
    });
    if let (Some(d), Some(o)) = (docs, out) {
        if o.starts_with(&d) {
            return Err(Error::Usage(format!("output folder {} is inside the docs folder {}", cfg.out.display(), cfg.docs.display())));
        }
    }
    if cfg.out.is_file() {
        return Err(Error::Output(format!("output path {} is a file, not a folder", cfg.out.display())));
    }
    Ok(())
}

fn run(cfg: &Config) -> Result<Generated, Error> {
    let t0 = Instant::now();
    check_paths(cfg)?;
    let loaded = load(&cfg.docs, &cfg.include, &cfg.exclude)?;
    let mut timings = loaded.timings;
    // Printed before anything can fail, so cargo reruns when a page is fixed.
    if cfg.cargo {
        for line in cargo_lines(&loaded.root, &loaded.pages, &loaded.api.diagnostics) {
            println!("{line}");
        }
    }
    let t = Instant::now();
    let opts = emit::EmitOptions { crate_name: cfg.crate_name.clone() };
    let files = emit::emit(&loaded.api, &opts);
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
    timings.total = ms(t0);
    let report = report::build(&loaded.api, Some(&cfg.out.to_string_lossy()), Some(&stats), timings);
    Ok(Generated { api: loaded.api, stats, report, pages: loaded.pages, root: loaded.root })
}
