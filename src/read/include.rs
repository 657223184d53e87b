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
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

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
    pub fn splice(&self, src: &mut Source) {
        if !needs_splice(&src.text) {
            return;
        }
        let mut sp = Splicer { inc: self, out: String::with_capacity(src.text.len() + 1024), lines: 0, map: SourceMap::default(), diags: Vec::new() };
        let mut chain = vec![src.path.clone()];
        sp.expand(&src.text, &Frame { file: 0, path: &src.path, first_line: 1, via: None, page_line: None }, &mut chain);
        let Splicer { out, map, diags, .. } = sp;
        src.diagnostics.extend(diags);
        if !map.files.is_empty() || !map.unresolved.is_empty() {
            src.text = out;
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

/// Whether `text` has an include directive that is not an SDK snippet at the
/// start of a line (code blocks are told apart later, by [`Splicer::expand`]).
fn needs_splice(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"[!").any(|at| {
        let line_start = memchr::memrchr(b'\n', bytes.get(..at).unwrap_or_default()).map_or(0, |n| n + 1);
        let line_end = memchr::memchr(b'\n', bytes.get(at..).unwrap_or_default()).map_or(bytes.len(), |n| at + n);
        let line = text.get(line_start..line_end).unwrap_or("");
        directive(line).is_some_and(|(_, t)| resolve("", t) != Target::Snippet)
    })
}

/// An include directive alone on its line: its column (0-based, in
/// characters) and its target.
fn directive(line: &str) -> Option<(usize, &str)> {
    let t = line.trim();
    let rest = t.strip_prefix("[!")?;
    if !parse::starts_with_ignore_ascii_case(rest, "include") {
        return None;
    }
    let rest = rest.get("include".len()..)?.trim_start().strip_prefix('[')?;
    let (_, after_label) = rest.split_once("](")?;
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
    if parts.iter().any(|p| p.eq_ignore_ascii_case("snippets")) {
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

/// Builds one page's spliced text and its map.
struct Splicer<'a> {
    inc: &'a Includes,
    out: String,
    /// Lines written to `out`.
    lines: u32,
    map: SourceMap,
    diags: Vec<Diagnostic>,
}

impl Splicer<'_> {
    /// Copy `text` (lines of `frame`'s file) into the output, splicing the
    /// includes it names.
    fn expand(&mut self, text: &str, frame: &Frame, chain: &mut Vec<String>) {
        let mut fence: Option<(u8, usize)> = None;
        let mut run_open = false;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let file_line = frame.first_line + i as u32;
            fence = fence_after(fence, line);
            let target = if fence.is_none() { directive(line.trim_end_matches('\n')) } else { None };
            let spliced = target.is_some_and(|(col, t)| self.include(frame, file_line, col, t, chain));
            if spliced {
                run_open = false;
                continue;
            }
            if !run_open {
                self.run(frame, file_line, false);
                run_open = true;
            }
            self.push_line(line);
            if target.is_some_and(|(_, t)| resolve(frame.path, t) != Target::Snippet) {
                self.map.unresolved.push(self.lines);
            }
        }
    }

    fn push_line(&mut self, line: &str) {
        self.out.push_str(line);
        if !line.ends_with('\n') {
            self.out.push('\n');
        }
        self.lines += 1;
    }

    fn run(&mut self, frame: &Frame, line: u32, fixed: bool) {
        let page_line = frame.page_line.unwrap_or(if frame.file == 0 { 0 } else { line });
        self.map.runs.push(Run { start: self.lines + 1, file: frame.file, line, fixed, page_line });
    }

    /// Splice the include `target` named at `line` of `frame`'s file;
    /// `false` (with a diagnostic, unless it is a snippet) when it is left
    /// out.
    fn include(&mut self, frame: &Frame, line: u32, col: usize, target: &str, chain: &mut Vec<String>) -> bool {
        let rel = match resolve(frame.path, target) {
            Target::Snippet => return false,
            Target::Outside(why) => {
                self.diag(frame, "E070", line, col, format!("include path `{}` {why}; refused, not read", short(target)));
                return false;
            }
            Target::Inside(rel) => rel,
        };
        if chain.contains(&rel) {
            self.diag(frame, "W071", line, col, format!("include `{}` includes itself (cycle through {}); left out", short(target), chain.join(" → ")));
            return false;
        }
        if chain.len() > MAX_DEPTH {
            self.diag(frame, "W072", line, col, format!("include `{}` is nested more than {MAX_DEPTH} deep; left out", short(target)));
            return false;
        }
        let loaded = self.inc.load(&rel);
        let (text, body_start, body_line, decode_diags) = match &*loaded {
            Loaded::Text { text, body_start, body_line, diagnostics } => (text, *body_start, *body_line, diagnostics),
            Loaded::Missing => {
                self.diag(frame, "W070", line, col, format!("include file {} not found; its content is left out", short(&rel)));
                return false;
            }
            Loaded::Outside => {
                self.diag(frame, "E070", line, col, format!("include {} is a link to a file outside the docs folder; refused, not read", short(&rel)));
                return false;
            }
            Loaded::Unreadable(why) => {
                self.diag(frame, "E071", line, col, format!("include file {} could not be read: {why}", short(&rel)));
                return false;
            }
        };
        self.diags.extend(decode_diags.iter().cloned());
        let via = match frame.via {
            Some(v) => format!("{}:{line}, from {v}", frame.path),
            None => format!("{}:{line}", frame.path),
        };
        self.map.files.push(Spliced { path: rel.clone(), via: via.clone() });
        let page_line = Some(frame.page_line.unwrap_or(line));
        let around = Frame { page_line, ..*frame };
        // Blank lines around the content keep it from running into the
        // lines next to the directive; they stand for the directive.
        self.run(&around, line, true);
        self.push_line("\n");
        let inner = Frame { file: self.map.files.len() as u32, path: &rel, first_line: body_line, via: Some(&via), page_line };
        chain.push(rel.clone());
        self.expand(text.get(body_start..).unwrap_or(""), &inner, chain);
        chain.pop();
        self.run(&around, line, true);
        self.push_line("\n");
        true
    }

    fn diag(&mut self, frame: &Frame, code: &str, line: u32, col: usize, msg: String) {
        let msg = match frame.via {
            Some(v) => format!("{msg} (included from {v})"),
            None => msg,
        };
        self.diags.push(Diagnostic::new(code, frame.path, line, col as u32 + 1, msg));
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
