//! The phases of a run, declared in one place, each a function from one
//! plain value to the next:
//!
//! ```text
//! read ──▶ parse ──▶ lower ──▶ check ──▶ emit ──▶ format ──▶ write
//! paths    Source    RawPage   Api       Api      OutFile    Formatted
//!          per page  per page  (names,   (examples           (compare,
//!                              types,     against            write only
//!                              bindings)  types, lint)       what changed)
//! ```
//!
//! Chained as written ([`generate_in_memory`]), they give exactly the files
//! a full run writes; `tests/pipeline.rs` holds them to that. A full run
//! (`run` in `lib.rs`) schedules the same phases so that less is held and
//! more overlaps, and nothing else:
//!
//! - read, parse and the per-page part of lower run in one task per page,
//!   so a page's text is freed as soon as it is lowered
//!   ([`crate::model::lower::lower_page`]); the names that must be unique
//!   across pages are handed out after all pages, in page order
//!   ([`crate::model::lower::assign_names`]), which keeps the output
//!   independent of the thread count;
//! - resource pages are lowered first, as one group, and the types they
//!   define are lowered beside the lowering of the other pages
//!   ([`crate::model::lower::lower_pages`]);
//! - the rest of lower and check run as one step
//!   ([`crate::model::lower::NamedApi::lower_types_and_check`]);
//! - each file is compared with the output folder and written under a
//!   temporary name part by part as it is rendered, never held whole
//!   ([`crate::format::format_each`] feeding a [`crate::write::FileSink`]
//!   per file); the renames and the manifest follow
//!   once every file is staged, so a failure leaves the previous output whole;
//!   the run report is counted beside the formatting;
//! - with an output cache whose fingerprint matches, parse to format are
//!   skipped altogether ([`crate::cache`]).

use crate::emit::{EmitOptions, OutFile};
use crate::error::Error;
use crate::format::Formatted;
use crate::model::{lower, Api};
use crate::parse::{RawPage, Source};
use std::path::{Path, PathBuf};

/// The `api-reference` folder and the page paths selected in it, sorted.
pub struct Pages {
    /// The resolved `api-reference` folder.
    pub root: PathBuf,
    /// Page paths relative to `root`, `/`-separated.
    pub paths: Vec<String>,
}

/// Find the pages: resolve the docs folder, walk it, apply the globs.
pub fn read(docs: &Path, include: &[String], exclude: &[String]) -> Result<Pages, Error> {
    let root = crate::read::resolve_docs(docs)?;
    let paths = crate::read::list_pages(&root, include, exclude)?;
    Ok(Pages { root, paths })
}

/// Read and decode every page (an unreadable page becomes a diagnostic).
pub fn load_sources(pages: &Pages) -> Vec<Source> {
    let reader = crate::read::Reader::new(&pages.root, &pages.paths);
    pages.paths.iter().map(|p| reader.read(p)).collect()
}

/// Parse one page into what it says, nothing decided yet.
pub fn parse(source: &Source) -> RawPage {
    crate::parse::parse(source)
}

/// Lower the parsed pages (in any order) into the model: names, endpoints
/// and their path templates, types, examples bound to endpoints. The
/// examples are not checked against the types yet.
pub fn lower(docs: &str, pages: Vec<RawPage>) -> Api {
    lower::assign_names(docs, lower::lower_pages(pages, |p| &p.path, lower::lower_page)).lower_types()
}

/// Check every JSON example against its type: decides the type each is
/// tested against and reports the docs' inconsistencies (W101–W104).
pub fn check(mut api: Api) -> Api {
    crate::model::types::bind_examples(&mut api);
    api.diagnostics.sort();
    api.diagnostics.dedup();
    api
}

/// The files of the generated crate, not yet formatted.
pub fn emit<'a>(api: &'a Api, options: &EmitOptions) -> Vec<OutFile<'a>> {
    crate::emit::emit(api, options)
}

/// Source text of every file, in path order.
pub fn format(files: Vec<OutFile>) -> Result<Vec<Formatted>, Error> {
    crate::format::format(files).map_err(Error::Internal)
}

/// Write what changed into `out` (nothing when `check`), atomically.
pub fn write(out: &Path, files: &[Formatted], check: bool) -> Result<crate::write::WriteStats, Error> {
    crate::write::write(out, files, check, None)
}

/// Every phase but write, one after the other: the model and the files a
/// run would write, held in memory.
pub fn generate_in_memory(docs: &Path, include: &[String], exclude: &[String], options: &EmitOptions) -> Result<(Api, Vec<Formatted>), Error> {
    let pages = read(docs, include, exclude)?;
    let parsed: Vec<RawPage> = load_sources(&pages).iter().map(parse).collect();
    let api = check(lower(&docs.to_string_lossy(), parsed));
    let files = format(emit(&api, options))?;
    Ok((api, files))
}
