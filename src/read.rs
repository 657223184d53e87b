//! Read: find the `api-reference` folder, walk it in a stable order, apply
//! include/exclude globs and decode every page.

mod include;

pub use include::{Includes, MAX_DEPTH};

pub use crate::error::io_cause;
use crate::error::Error;
use crate::parse::{self, Source};
use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Resolve `--docs`: an `api-reference` folder (holds `v1.0/` or `beta/`),
/// or a folder with one `api-reference` inside (at most two levels down).
pub fn resolve_docs(dir: &Path) -> Result<PathBuf, Error> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::Input(format!("cannot read docs folder {}: {}", dir.display(), io_cause(&e))))?;
    if !meta.is_dir() {
        return Err(Error::Input(format!("docs path {} is a file, not a folder", dir.display())));
    }
    // A folder that exists but cannot be listed would otherwise read as empty.
    if let Err(e) = std::fs::read_dir(dir) {
        return Err(Error::Input(format!("cannot read docs folder {}: {}", dir.display(), io_cause(&e))));
    }
    let holds_versions = |d: &Path| d.join("v1.0").is_dir() || d.join("beta").is_dir();
    if holds_versions(dir) {
        return Ok(dir.to_path_buf());
    }
    let direct = dir.join("api-reference");
    if holds_versions(&direct) {
        return Ok(direct);
    }
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let cand = e.path().join("api-reference");
            if holds_versions(&cand) {
                found.push(cand);
            }
        }
    }
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Error::Input(format!("no api-reference folder with v1.0/ or beta/ found in {}", dir.display()))),
        _ => Err(Error::Input(format!("several api-reference folders found in {}; pass one of them", dir.display()))),
    }
}

fn globset(patterns: &[String]) -> Result<Option<GlobSet>, Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| Error::Usage(format!("bad glob `{p}`: {e}")))?);
    }
    b.build().map(Some).map_err(|e| Error::Usage(e.to_string()))
}

/// Page paths (relative, `/`-separated, sorted) selected by the globs.
pub fn list_pages(root: &Path, include: &[String], exclude: &[String]) -> Result<Vec<String>, Error> {
    let inc = globset(include)?;
    let exc = globset(exclude)?;
    let files = walk(root).map_err(|e| Error::Input(format!("cannot walk {}: {e}", root.display())))?;
    let mut out: Vec<String> = files
        .into_iter()
        .filter(|rel| rel.to_ascii_lowercase().ends_with(".md"))
        .filter(|rel| !(inc.as_ref().is_some_and(|g| !g.is_match(rel)) || exc.as_ref().is_some_and(|g| g.is_match(rel))))
        .collect();
    out.sort();
    Ok(out)
}

/// Every plain file under `root` (symbolic links are not followed), as
/// `/`-separated relative paths: the top two levels in one walk, each folder
/// below them (`v1.0/api`, `beta/resources`, ...) walked in parallel.
fn walk(root: &Path) -> Result<Vec<String>, String> {
    let root_text = root.to_str().filter(|_| std::path::MAIN_SEPARATOR == '/');
    let rel_of = |p: &Path| -> Option<String> {
        // Walked paths are `root` joined with the names below it: the
        // relative path is the text after root's, when both are text and
        // every name is plain (else by components, which is far slower).
        let plain_rest = root_text.and_then(|r| p.to_str()?.strip_prefix(r)).map(|rest| rest.strip_prefix('/').unwrap_or(rest));
        if let Some(rest) = plain_rest.filter(|rest| rest.split('/').all(|s| !s.is_empty() && s != "." && s != "..")) {
            return Some(rest.to_string());
        }
        let rel = p.strip_prefix(root).ok()?;
        let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        Some(parts.join("/"))
    };
    let mut files = Vec::new();
    let mut deep = Vec::new();
    for entry in walkdir::WalkDir::new(root).max_depth(2).follow_links(false) {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().is_file() {
            files.extend(rel_of(entry.path()));
        } else if entry.depth() == 2 && entry.file_type().is_dir() {
            deep.push(entry.into_path());
        }
    }
    let nested: Vec<Vec<String>> = deep
        .par_iter()
        .map(|dir| {
            let mut out = Vec::new();
            for entry in walkdir::WalkDir::new(dir).min_depth(1).follow_links(false) {
                let entry = entry.map_err(|e| e.to_string())?;
                if entry.file_type().is_file() {
                    out.extend(rel_of(entry.path()));
                }
            }
            Ok(out)
        })
        .collect::<Result<_, String>>()?;
    files.extend(nested.into_iter().flatten());
    Ok(files)
}

/// Pages larger than this are not read (`E301`): the largest real page is
/// well under 1 MiB, and a 20 MiB page is handled, but a runaway file should
/// not be able to take all memory.
pub const MAX_PAGE_BYTES: u64 = 64 << 20;

/// Spare capacity of a page's buffer for the includes spliced into it.
const SPLICE_ROOM: usize = 2048;

/// Whether a page path is made only of the characters real pages use.
fn plain_path(rel: &str) -> bool {
    rel.split('/').all(|part| {
        !part.is_empty() && !part.as_bytes().windows(2).any(|w| w == b"..") && part.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    })
}

/// A page's bytes, or its size when over [`MAX_PAGE_BYTES`]: one open, one
/// stat of the open file, one read into a buffer of the right size.
fn read_page(path: &Path) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let f = std::fs::File::open(path)?;
    let len = f.metadata()?.len();
    if len > MAX_PAGE_BYTES {
        return Ok(Err(len));
    }
    // Room for a few spliced includes: the page's text is edited in place
    // (memory past what is read is not touched otherwise).
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(SPLICE_ROOM));
    // The page as long as it was when it was opened: `take` stops at that
    // length without asking the file for more (one `read` per page), and
    // bounds a file that grows while it is read.
    f.take(len).read_to_end(&mut bytes)?;
    Ok(Ok(bytes))
}

/// Reads single pages of one tree, with the checks that need the whole page
/// list: unusual page paths (`W301`) and paths that differ only in case
/// (`W302`, which would collide on a case-insensitive file system).
pub struct Reader<'a> {
    root: &'a Path,
    // Paths that differ only in case, by their lower-case form, each group
    // in page order. Real trees have none, so pages are looked up only when
    // there are some.
    by_lower: std::collections::BTreeMap<String, Vec<&'a str>>,
    // The include files the pages pull in, each read once.
    includes: Includes,
}

impl<'a> Reader<'a> {
    /// A reader of `pages` (relative to `root`).
    pub fn new(root: &'a Path, pages: &'a [String]) -> Self {
        // Sorted by lower-case form, then by page index.
        let mut lower: Vec<(String, usize)> = pages.iter().enumerate().map(|(i, p)| (p.to_lowercase(), i)).collect();
        lower.sort_unstable();
        let mut by_lower: std::collections::BTreeMap<String, Vec<&str>> = std::collections::BTreeMap::new();
        for pair in lower.windows(2) {
            if let [(low, i), (next, j)] = pair {
                if low == next {
                    let group = by_lower.entry(low.clone()).or_default();
                    if group.is_empty() {
                        group.extend(pages.get(*i).map(String::as_str));
                    }
                    group.extend(pages.get(*j).map(String::as_str));
                }
            }
        }
        Reader { root, by_lower, includes: Includes::new(root) }
    }

    /// Every include file read so far (sorted, relative to the docs folder).
    pub fn included(&self) -> Vec<String> {
        self.includes.read_files()
    }

    /// Read and decode one page and splice in the files it includes. A page
    /// that cannot be read becomes a source with an `E002` diagnostic and no
    /// text (`E301` when too large).
    pub fn read(&self, rel: &str) -> Source {
        let mut src = match read_page(&self.root.join(rel)) {
            Ok(Ok(bytes)) => {
                let mut src = parse::decode_owned(rel, bytes);
                if !parse::is_include_file(rel) {
                    self.includes.splice(&mut src);
                }
                src
            }
            Ok(Err(n)) => Source {
                path: rel.to_string(),
                text: String::new(),
                diagnostics: vec![crate::diag::Diagnostic::new(
                    "E301",
                    rel,
                    1,
                    1,
                    format!("page is {n} bytes, over the {MAX_PAGE_BYTES}-byte limit; not read"),
                )],
                map: Default::default(),
            },
            Err(e) => Source {
                path: rel.to_string(),
                text: String::new(),
                diagnostics: vec![crate::diag::Diagnostic::new("E002", rel, 1, 1, format!("cannot read page: {}", io_cause(&e)))],
                map: Default::default(),
            },
        };
        if !plain_path(rel) {
            src.diagnostics.push(crate::diag::Diagnostic::new(
                "W301",
                rel,
                1,
                1,
                "page path has characters other than ASCII letters, digits, `-`, `_` and `.` (or `..`)",
            ));
        }
        let twins = if self.by_lower.is_empty() { None } else { self.by_lower.get(&rel.to_lowercase()) };
        if let Some(twins) = twins {
            let others: Vec<&str> = twins.iter().copied().filter(|t| *t != rel).collect();
            src.diagnostics.push(crate::diag::Diagnostic::new("W302", rel, 1, 1, format!("page path differs only in case from {}", others.join(", "))));
        }
        src
    }
}

/// Read and decode pages in parallel ([`Reader::read`]). `then` is called on
/// each page as soon as it is read (while its text is still in the CPU's
/// caches), in the same task. With the include files read
/// ([`Reader::included`]).
pub fn read_pages<T: Send>(root: &Path, pages: &[String], then: impl Fn(&Source) -> T + Sync + Send) -> (Vec<(Source, T)>, Vec<String>) {
    let reader = Reader::new(root, pages);
    let read = pages
        .par_iter()
        .map(|rel| {
            let src = reader.read(rel);
            let t = then(&src);
            (src, t)
        })
        .collect();
    (read, reader.included())
}
