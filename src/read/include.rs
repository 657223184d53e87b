//! Includes: a line `[!INCLUDE [label](relative/path.md)]` stands for the
//! content of that file, resolved relative to the file that holds the line.
//! The content (without its front matter) is spliced into the page's text in
//! place of the line, and the page's [`SourceMap`] records where every
//! spliced line came from, so the parser reads an included table as if it
//! stood in the page while diagnostics still point at the include file.
//!
//! Rules (see `docs/includes.md`):
//! - only a directive alone on its line, outside code blocks, is resolved;
//! - includes under a `snippets/` folder (SDK code samples and the SDK link
//!   note) are left alone: the generator reads no SDK code;
//! - a path that leaves the `api-reference` folder (absolute, `..` above it,
//!   or a symbolic link pointing out) is refused (`E070`) and never opened:
//!   the lexical check comes first, then the file is canonicalised and its
//!   prefix checked before it is opened;
//! - a missing file is `W070`, a cycle `W071`, nesting deeper than
//!   [`MAX_DEPTH`] `W072`, an unreadable file `E071`; the directive line is
//!   then left as it is and the rest of the page is read;
//! - each include file is read and decoded once per run, whatever the number
//!   of pages that pull it in.

use crate::diag::Diagnostic;
use crate::parse::sourcemap::{Run, SourceMap, Spliced};
use crate::parse::{self, Source};
use memchr::memmem::Finder;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// Deepest chain of includes of includes that is followed.
pub const MAX_DEPTH: usize = 8;

/// An include file as read (once per run).
enum Loaded {
    Text {
        /// Decoded, normalised text.
        text: String,
        /// Byte offset where the body (after any front matter) starts.
        body_start: usize,
        /// 1-based line of the body's first line.
        body_line: u32,
        /// Decoding diagnostics (`W001`, `E001`), at the include's own path.
        diagnostics: Vec<Diagnostic>,
    },
    /// No such file (`W070`).
    Missing,
    /// A symbolic link out of the docs folder (`E070`).
    Outside,
    /// Could not be read (`E071`), with the cause.
    Unreadable(String),
}

/// Where a directive's target points.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// An SDK snippet: left alone.
    Snippet,
    /// A file inside the docs folder, relative to it.
    Inside(String),
    /// Refused without touching the file system: why.
    Outside(&'static str),
}

/// The include files of one run, each read once and shared by every page
/// that pulls it in.
pub struct Includes {
    root: PathBuf,
    canon_root: Option<PathBuf>,
    files: Mutex<HashMap<String, Arc<Loaded>>>,
}

impl Includes {
    /// Includes of pages under `root` (the `api-reference` folder).
    pub fn new(root: &Path) -> Self {
        Includes { root: root.to_path_buf(), canon_root: std::fs::canonicalize(root).ok(), files: Mutex::new(HashMap::new()) }
    }

    /// Every include file read so far (relative to the docs folder, sorted):
    /// inputs of the run beside the pages.
    pub fn read_files(&self) -> Vec<String> {
        let files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        let mut out: Vec<String> = files.iter().filter(|(_, l)| matches!(***l, Loaded::Text { .. })).map(|(p, _)| p.clone()).collect();
        out.sort();
        out
    }

    /// Splice the includes of a page into its text (see the module doc).
    /// The text is edited in place: only the directive lines are replaced.
    pub fn splice(&self, src: &mut Source) {
        let cands = candidates(&src.text);
        if cands.is_empty() {
            return;
        }
        let mut sp = Splicer { inc: self, map: SourceMap::default(), diags: Vec::new() };
        // A stretch of the page before and after each directive, nearly always.
        sp.map.runs.reserve(2 * cands.len() + 1);
        let mut chain = vec![src.path.clone()];
        let frame = Frame { file: 0, path: &src.path, first_line: 1, via: None, page_line: None };
        let edits = sp.expand(&cands, &frame, &mut chain, 0);
        // Last edit first: the earlier byte ranges stay where they are.
        for e in edits.iter().rev() {
            src.text.replace_range(e.start..e.end, &e.text);
        }
        let Splicer { map, diags, .. } = sp;
        src.diagnostics.extend(diags);
        if !map.files.is_empty() || !map.unresolved.is_empty() {
            src.map = map;
        }
    }

    /// The include file `rel`, read once.
    fn load(&self, rel: &str) -> Arc<Loaded> {
        if let Some(l) = self.files.lock().unwrap_or_else(PoisonError::into_inner).get(rel) {
            return Arc::clone(l);
        }
        let loaded = Arc::new(self.read(rel));
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(files.entry(rel.to_string()).or_insert(loaded))
    }

    fn read(&self, rel: &str) -> Loaded {
        let canon = match std::fs::canonicalize(self.root.join(rel)) {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::Missing,
            Err(e) => return Loaded::Unreadable(super::io_cause(&e)),
        };
        // Checked before the file is opened: a link out of the folder is
        // never read.
        if !self.canon_root.as_ref().is_some_and(|r| canon.starts_with(r)) {
            return Loaded::Outside;
        }
        let bytes = match super::read_page(&canon) {
            Ok(Ok(b)) => b,
            Ok(Err(n)) => return Loaded::Unreadable(format!("it is {n} bytes, over the {}-byte limit", super::MAX_PAGE_BYTES)),
            Err(e) => return Loaded::Unreadable(super::io_cause(&e)),
        };
        let Source { text, diagnostics, .. } = parse::decode_owned(rel, bytes);
        let fm = parse::frontmatter::parse(&text);
        let body_start = if fm.present && fm.closed { fm.body_start } else { 0 };
        let body_line = 1 + text.as_bytes().get(..body_start).map_or(0, |b| memchr::memchr_iter(b'\n', b).count() as u32);
        Loaded::Text { text, body_start, body_line, diagnostics }
    }
}

/// An include directive found in a text.
struct Cand<'t> {
    /// Byte range of its whole line, line break included.
    start: usize,
    end: usize,
    /// 0-based line index in the text.
    index: u32,
    /// 0-based column, in characters.
    col: usize,
    target: &'t str,
}

/// The searcher for `[!` or a fence kept in `cell`, built once per run, not
/// per page: a searcher costs about 500 instructions to build, a third of
/// what the scan of a page without includes costs (docs/DESIGN.md,
/// "Eleventh round: walk10").
fn searcher(cell: &'static OnceLock<Finder<'static>>, needle: &'static [u8]) -> &'static Finder<'static> {
    cell.get_or_init(|| Finder::new(needle))
}
static DIRECTIVE_OPEN: OnceLock<Finder<'static>> = OnceLock::new();
static BACKTICK_FENCE: OnceLock<Finder<'static>> = OnceLock::new();
static TILDE_FENCE: OnceLock<Finder<'static>> = OnceLock::new();

/// The include directives of `text` that are alone on their line, outside
/// fenced code blocks, and not SDK snippets. Only the lines around `[!` and
/// the fence lines are looked at, so a page without includes costs one
/// substring search.
fn candidates(text: &str) -> Vec<Cand<'_>> {
    let bytes = text.as_bytes();
    let line_of = |at: usize| {
        let start = memchr::memrchr(b'\n', bytes.get(..at).unwrap_or_default()).map_or(0, |n| n + 1);
        let end = memchr::memchr(b'\n', bytes.get(at..).unwrap_or_default()).map_or(bytes.len(), |n| at + n + 1);
        (start, end)
    };
    let mut found: Vec<(usize, usize, usize, &str)> = Vec::new();
    for at in searcher(&DIRECTIVE_OPEN, b"[!").find_iter(bytes) {
        let (start, end) = line_of(at);
        let line = text.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r']);
        if let Some((col, target)) = directive(line).filter(|(_, t)| !is_snippet(t)) {
            found.push((start, end, col, target));
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    // Fence lines (``` or ~~~ after at most three spaces), in order; only
    // those above the last directive matter.
    let above = bytes.get(..found.last().map_or(0, |f| f.0)).unwrap_or_default();
    let mut fences: Vec<(usize, usize)> = searcher(&BACKTICK_FENCE, b"```")
        .find_iter(above)
        .chain(searcher(&TILDE_FENCE, b"~~~").find_iter(above))
        .map(line_of)
        .filter(|&(start, end)| {
            text.get(start..end).is_some_and(|l| l.len() - l.trim_start_matches(' ').len() <= 3 && l.trim_start_matches(' ').starts_with(['`', '~']))
        })
        .collect();
    fences.sort_unstable();
    fences.dedup();
    let mut out = Vec::with_capacity(found.len());
    let (mut fence, mut f) = (None, 0);
    let (mut line, mut counted) = (0u32, 0usize);
    for (start, end, col, target) in found {
        while let Some(&(fs, fe)) = fences.get(f).filter(|(fs, _)| *fs < start) {
            fence = fence_after(fence, text.get(fs..fe).unwrap_or(""));
            f += 1;
        }
        if fence.is_some() {
            continue;
        }
        line += memchr::memchr_iter(b'\n', bytes.get(counted..start).unwrap_or_default()).count() as u32;
        counted = start;
        out.push(Cand { start, end, index: line, col, target });
    }
    out
}

/// Whether a target names a `snippets` folder: the SDK code samples and the
/// SDK link note, which the generator does not read.
fn is_snippet(target: &str) -> bool {
    target.as_bytes().split(|&b| b == b'/' || b == b'\\').any(|s| s.eq_ignore_ascii_case(b"snippets"))
}

/// An include directive alone on its line: its column (0-based, in
/// characters) and its target.
fn directive(line: &str) -> Option<(usize, &str)> {
    let t = parse::trim(line);
    let rest = t.strip_prefix("[!")?;
    if !parse::starts_with_ignore_ascii_case(rest, "include") {
        return None;
    }
    let rest = rest.get("include".len()..)?.trim_start().strip_prefix('[')?;
    let label_end = rest.as_bytes().windows(2).position(|w| w == b"](")?;
    // Just past the ASCII `](`: a char boundary.
    let after_label = rest.get(label_end + 2..)?;
    let target = after_label.strip_suffix(")]")?.trim();
    let target = target.strip_prefix('<').and_then(|t| t.strip_suffix('>')).unwrap_or(target);
    let col = line.len() - line.trim_start().len();
    Some((line.get(..col).map_or(0, |s| s.chars().count()), target))
}

/// Resolve a directive's target relative to the file `from` (a path
/// relative to the docs folder), lexically: nothing is read here.
fn resolve(from: &str, target: &str) -> Target {
    let target = target.split(['?', '#']).next().unwrap_or("").trim();
    if target.is_empty() {
        return Target::Outside("is empty");
    }
    let drive = target.len() >= 2 && target.as_bytes()[1] == b':' && target.as_bytes()[0].is_ascii_alphabetic();
    if target.starts_with(['/', '\\', '~']) || drive || target.contains("://") {
        return Target::Outside("is absolute");
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in target.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside("leaves the docs folder");
                }
            }
            s => parts.push(s),
        }
    }
    if is_snippet(target) {
        return Target::Snippet;
    }
    Target::Inside(parts.join("/"))
}

/// One file being spliced.
struct Frame<'f> {
    /// Index in the map's files (`0`: the page).
    file: u32,
    path: &'f str,
    /// File line of the text's first line.
    first_line: u32,
    /// How this file got into the page (`None`: it is the page).
    via: Option<&'f str>,
    /// The page line of the top-level directive (`None`: the page itself).
    page_line: Option<u32>,
}

/// A directive line and what replaces it.
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// Builds one page's edits and its map.
struct Splicer<'a> {
    inc: &'a Includes,
    map: SourceMap,
    diags: Vec<Diagnostic>,
}

impl Splicer<'_> {
    /// The edits that splice the includes `cands` of `text` (lines of
    /// `frame`'s file) into it, with the map's runs for the spliced text,
    /// which starts at line `base + 1` of the page's spliced text.
    fn expand(&mut self, cands: &[Cand], frame: &Frame, chain: &mut Vec<String>, base: u32) -> Vec<Edit> {
        let mut edits = Vec::new();
        // Next line of the spliced text, and the file line it holds.
        let (mut out_line, mut file_line) = (base + 1, frame.first_line);
        self.run(frame, out_line, file_line, false);
        for c in cands {
            let line = frame.first_line + c.index;
            // The file's own lines up to the directive (included, in case it
            // is left as it is).
            if file_line <= line {
                self.run(frame, out_line, file_line, false);
                out_line += line - file_line;
            }
            match self.include(frame, line, c, chain, out_line) {
                Some((replacement, lines)) => {
                    edits.push(Edit { start: c.start, end: c.end, text: replacement });
                    out_line += lines;
                }
                None => {
                    self.map.unresolved.push(out_line);
                    out_line += 1;
                }
            }
            file_line = line + 1;
            // Lines after the directive start a new stretch of the file.
            self.run(frame, out_line, file_line, false);
        }
        edits
    }

    fn run(&mut self, frame: &Frame, start: u32, line: u32, fixed: bool) {
        let page_line = frame.page_line.unwrap_or(if frame.file == 0 && !fixed { 0 } else { line });
        if let Some(last) = self.map.runs.last_mut().filter(|r| r.start == start) {
            // An empty stretch: the new one takes its place.
            *last = Run { start, file: frame.file, line, fixed, page_line };
            return;
        }
        self.map.runs.push(Run { start, file: frame.file, line, fixed, page_line });
    }

    /// The text that replaces the directive `c` at `line` of `frame`'s file
    /// and its number of lines, or `None` (with a diagnostic) when the
    /// include is left out. `at` is the spliced-text line it starts on.
    fn include(&mut self, frame: &Frame, line: u32, c: &Cand, chain: &mut Vec<String>, at: u32) -> Option<(String, u32)> {
        let (col, target) = (c.col, c.target);
        let rel = match resolve(frame.path, target) {
            Target::Snippet => return None,
            Target::Outside(why) => return self.left_out(frame, "E070", line, col, format!("include path `{}` {why}; refused, not read", short(target))),
            Target::Inside(rel) => rel,
        };
        if chain.contains(&rel) {
            let msg = format!("include `{}` includes itself (cycle through {}); left out", short(target), chain.join(" → "));
            return self.left_out(frame, "W071", line, col, msg);
        }
        if chain.len() > MAX_DEPTH {
            return self.left_out(frame, "W072", line, col, format!("include `{}` is nested more than {MAX_DEPTH} deep; left out", short(target)));
        }
        let loaded = self.inc.load(&rel);
        let (text, body_start, body_line) = match &*loaded {
            Loaded::Text { text, body_start, body_line, diagnostics } => {
                self.diags.extend(diagnostics.iter().cloned());
                (text, *body_start, *body_line)
            }
            Loaded::Missing => return self.left_out(frame, "W070", line, col, format!("include file {} not found; its content is left out", short(&rel))),
            Loaded::Outside => {
                return self.left_out(
                    frame,
                    "E070",
                    line,
                    col,
                    format!("include {} is a link to a file outside the docs folder; refused, not read", short(&rel)),
                )
            }
            Loaded::Unreadable(why) => return self.left_out(frame, "E071", line, col, format!("include file {} could not be read: {why}", short(&rel))),
        };
        let via = match frame.via {
            Some(v) => format!("{}:{line}, from {v}", frame.path),
            None => format!("{}:{line}", frame.path),
        };
        self.map.files.push(Spliced { path: rel.clone(), via: via.clone() });
        let page_line = Some(frame.page_line.unwrap_or(line));
        let around = Frame { page_line, ..*frame };
        // Blank lines around the content keep it from running into the
        // lines next to the directive; they stand for the directive.
        self.run(&around, at, line, true);
        let body = text.get(body_start..).unwrap_or("");
        let inner = Frame { file: self.map.files.len() as u32, path: &rel, first_line: body_line, via: Some(&via), page_line };
        chain.push(rel.clone());
        let edits = self.expand(&candidates(body), &inner, chain, at);
        chain.pop();
        let mut out = String::with_capacity(body.len() + edits.iter().map(|e| e.text.len()).sum::<usize>() + 3);
        out.push('\n');
        let mut copied = 0;
        for e in &edits {
            out.push_str(body.get(copied..e.start).unwrap_or(""));
            out.push_str(&e.text);
            copied = e.end;
        }
        out.push_str(body.get(copied..).unwrap_or(""));
        if !out.ends_with('\n') {
            out.push('\n');
        }
        let lines = memchr::memchr_iter(b'\n', out.as_bytes()).count() as u32;
        self.run(&around, at + lines, line, true);
        out.push('\n');
        Some((out, lines + 1))
    }

    fn left_out(&mut self, frame: &Frame, code: &str, line: u32, col: usize, msg: String) -> Option<(String, u32)> {
        let msg = match frame.via {
            Some(v) => format!("{msg} (included from {v})"),
            None => msg,
        };
        self.diags.push(Diagnostic::new(code, frame.path, line, col as u32 + 1, msg));
        None
    }
}

/// The fence state after `line`: `(char, length)` of the open fence, if any.
fn fence_after(open: Option<(u8, usize)>, line: &str) -> Option<(u8, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return open;
    }
    let c = match t.as_bytes().first() {
        Some(&c @ (b'`' | b'~')) => c,
        _ => return open,
    };
    let n = t.bytes().take_while(|&b| b == c).count();
    if n < 3 {
        return open;
    }
    match open {
        None => Some((c, n)),
        Some((oc, on)) if oc == c && n >= on && t.trim_end().bytes().all(|b| b == c) => None,
        Some(o) => Some(o),
    }
}

/// A path for a message: at most 120 characters.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(120).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_whole_lines() {
        assert_eq!(directive("[!INCLUDE [p](../includes/p.md)]"), Some((0, "../includes/p.md")));
        assert_eq!(directive("  [!include[p]( ../a b.md )]\t"), Some((2, "../a b.md")));
        assert_eq!(directive("[!INCLUDE [p](<x.md>)]"), Some((0, "x.md")));
        assert_eq!(directive("see [!INCLUDE [p](x.md)]"), None);
        assert_eq!(directive("[!INCLUDE [p](x.md)] and more"), None);
        assert_eq!(directive("[!NOTE]"), None);
    }

    #[test]
    fn targets_resolve_lexically() {
        let from = "v1.0/api/x.md";
        assert_eq!(resolve(from, "../includes/permissions/x-permissions.md"), Target::Inside("v1.0/includes/permissions/x-permissions.md".into()));
        assert_eq!(resolve(from, "../../includes/beta-disclaimer.md"), Target::Inside("includes/beta-disclaimer.md".into()));
        assert_eq!(resolve(from, "./a/../b.md#frag"), Target::Inside("v1.0/api/b.md".into()));
        assert_eq!(resolve(from, "../includes/snippets/csharp/x.md"), Target::Snippet);
        assert_eq!(resolve(from, "../../../concepts/x.md"), Target::Outside("leaves the docs folder"));
        assert_eq!(resolve(from, "../../../../etc/passwd"), Target::Outside("leaves the docs folder"));
        for abs in ["/etc/passwd", "\\x.md", "C:/x.md", "https://example.com/x.md", "~/x.md"] {
            assert_eq!(resolve(from, abs), Target::Outside("is absolute"), "{abs}");
        }
        assert_eq!(resolve(from, ""), Target::Outside("is empty"));
    }

    #[test]
    fn candidates_skip_code_blocks_and_snippets() {
        let text = "a\n[!INCLUDE [x](x.md)]\n```md\n[!INCLUDE [y](y.md)]\n```\n  [!include[z](z.md)]\r\n[!INCLUDE [s](../snippets/s.md)]\nsee [!INCLUDE [w](w.md)]\n[!INCLUDE [e](e.md)]";
        let c = candidates(text);
        let got: Vec<(u32, usize, &str, &str)> = c.iter().map(|c| (c.index, c.col, c.target, &text[c.start..c.end])).collect();
        assert_eq!(got, [(1, 0, "x.md", "[!INCLUDE [x](x.md)]\n"), (5, 2, "z.md", "  [!include[z](z.md)]\r\n"), (8, 0, "e.md", "[!INCLUDE [e](e.md)]")]);
        assert!(candidates("no includes [!NOTE] here\n").is_empty());
    }

    #[test]
    fn fences_open_and_close() {
        let mut f = None;
        let lines =
            [("```http\n", true), ("[!INCLUDE [a](b.md)]\n", true), ("``\n", true), ("````\n", false), ("~~~\n", true), ("```\n", true), ("~~~~\n", false)];
        for (line, open) in lines {
            f = fence_after(f, line);
            assert_eq!(f.is_some(), open, "{line:?}");
        }
    }
}
