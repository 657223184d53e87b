//! Parse one page into a [`RawPage`]: front matter, request lines,
//! permission tables, examples and the success status, each with its
//! source position. Nothing here knows about Rust or about other pages.
//!
//! The page walk (sections, headings, tables, annotations) is in `page`,
//! the example blocks in `examples`, request lines and their paths in
//! `paths`; the section collectors of API and resource pages in `sections`
//! and `resource`.

mod examples;
pub mod facts;
pub mod frontmatter;
pub mod http;
pub mod json;
mod page;
mod paths;
pub mod permissions;
pub mod resource;
pub mod sections;
pub mod sourcemap;
mod table;

use crate::diag::Diagnostic;
use facts::PageKind;
pub use page::parse;
pub use paths::{looks_like_target, normalise_path, path_key};

/// A page as read from disk, decoded and normalised.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path relative to the `api-reference` folder, `/`-separated.
    pub path: String,
    /// Decoded text (BOM removed, CRLF turned into LF).
    pub text: String,
    /// Problems found while decoding and splicing its includes.
    pub diagnostics: Vec<Diagnostic>,
    /// Which file each line of `text` came from once includes are spliced
    /// in (empty: every line is the page's own).
    pub map: sourcemap::SourceMap,
}

/// One request line of the HTTP request section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRequestLine {
    /// Upper-case method.
    pub method: String,
    /// Path template as normalised.
    pub path: String,
    /// Marked deprecated by a note.
    pub deprecated: bool,
    /// 1-based line.
    pub line: u32,
    /// The code block the line was read from (counted per page from 0):
    /// lines of one block document one operation or scenario.
    pub block: u32,
    /// The heading or line of text just above that block (`Get message in
    /// a chat`), empty when none.
    pub caption: String,
}

/// A permissions table: rows of (permission type, scopes) and its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawPermTable {
    /// Line of the table in the file that holds it.
    pub line: u32,
    /// Where the table stands in the page: its own line, or the line of the
    /// include directive that brought it in (what tells which request
    /// lines it governs).
    pub page_line: u32,
    /// The file that holds the table: the page, or the include file it was
    /// spliced from (relative to the `api-reference` folder).
    pub source: String,
    /// The `name` of the `blockType: permissions` annotation above the
    /// table (or above the include that holds it), if any.
    pub annotation: Option<String>,
    /// The request lines the table governs by the page's word: its
    /// annotation's `requestUrls`, else a block of request lines above it
    /// in the permissions section; each as (upper-case method, [`path_key`]
    /// of the normalised path). Empty when nothing names them.
    pub request_urls: Vec<(String, String)>,
    /// Header cells.
    pub header: Vec<String>,
    /// Every body row with all its cells.
    pub cells: Vec<Vec<String>>,
    /// The heading or line of text just above the table (`For users:`),
    /// empty when none.
    pub caption: String,
}

/// The kind of annotated (or inferred) example block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockType {
    /// `request`.
    Request,
    /// `response`.
    Response,
    /// `example` (a JSON value, often a notification).
    Example,
    /// `resource` (a type's JSON representation).
    Resource,
}

/// An example block with its annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct RawExample {
    /// Annotated block type.
    pub block_type: BlockType,
    /// Annotation name, if any.
    pub name: Option<String>,
    /// The whole annotation object.
    pub annotation: json::Object,
    /// 1-based line of the code block's first content line.
    pub line: u32,
    /// Request method.
    pub method: Option<String>,
    /// Request URL.
    pub url: Option<String>,
    /// Response status.
    pub status: Option<u16>,
    /// Headers.
    pub headers: Vec<(String, String)>,
    /// JSON body, when there is one and it could be read.
    pub json: Option<json::Json>,
    /// The body text was present but could not be read as JSON.
    pub body_unreadable: bool,
    /// Whether an annotation comment named this block (`false`: the block
    /// was recognised from its section and its first line).
    pub annotated: bool,
    /// How the JSON body was read.
    pub json_read: JsonStatus,
    /// The body text shows signs of being shortened (`...`, unbalanced brackets).
    pub looks_truncated: bool,
}

/// How an example's body was read as JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum JsonStatus {
    /// No body, or a body that is not JSON (by content type and shape).
    #[default]
    NoJson,
    /// Strict JSON.
    Strict,
    /// Read by the tolerant reader (a W040 diagnostic names the repairs).
    Recovered,
    /// Not readable (E040).
    Failed,
}

/// Everything the parser extracts from one page.
#[derive(Clone, Debug)]
pub struct RawPage {
    /// Page path.
    pub path: String,
    /// API, resource or other.
    pub kind: PageKind,
    /// `v1.0`, `beta` or empty.
    pub version: String,
    /// Front matter `title`.
    pub title: Option<String>,
    /// Front matter `description`.
    pub description: Option<String>,
    /// Front matter `ms.prod`.
    pub area: Option<String>,
    /// Front matter `doc_type`.
    pub doc_type: Option<String>,
    /// Whether the page has an HTTP request section.
    pub has_request_section: bool,
    /// Request lines from the HTTP request section(s).
    pub request_lines: Vec<RawRequestLine>,
    /// Permission tables.
    pub permission_tables: Vec<RawPermTable>,
    /// (method, [`path_key`]) of the request lines named by `permissions`
    /// annotations (`requestUrls`) whose table was never read (its include
    /// missing, say): no other table of the page governs those lines.
    pub unread_request_urls: Vec<(String, String)>,
    /// Examples in page order.
    pub examples: Vec<RawExample>,
    /// Success status from the Response section's prose.
    pub success_status: Option<u16>,
    /// Diagnostics found while parsing.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of HTTP request sections.
    pub request_sections: u32,
    /// Whether the page has a Permissions heading.
    pub has_permissions_section: bool,
    /// Resource pages: the tables and sentences that describe a type.
    pub resource: Option<resource::RawResource>,
    /// API pages: the request headers, request body, response and
    /// parameter sections.
    pub sections: sections::RawSections,
}

/// Decode raw bytes into a [`Source`]: UTF-8 (lossy, with a diagnostic),
/// BOM stripped, CRLF normalised.
pub fn decode(path: &str, bytes: &[u8]) -> Source {
    decode_owned(path, bytes.to_vec())
}

/// [`decode`] of bytes the caller no longer needs: valid UTF-8 (nearly every
/// page) becomes the text without a copy.
pub fn decode_owned(path: &str, bytes: Vec<u8>) -> Source {
    let mut diagnostics = Vec::new();
    let mut text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let bytes = e.as_bytes();
            let upto = e.utf8_error().valid_up_to();
            let prefix = bytes.get(..upto).unwrap_or_default();
            let line = prefix.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            diagnostics.push(Diagnostic::new("E001", path, line, 1, "invalid UTF-8; bytes replaced with U+FFFD"));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let mut normalised = false;
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        text = rest.to_string();
        normalised = true;
    }
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised = true;
    }
    if normalised {
        diagnostics.push(Diagnostic::new("W001", path, 1, 1, "byte order mark or CR line endings normalised"));
    }
    Source { path: path.to_string(), text, diagnostics, map: sourcemap::SourceMap::default() }
}

/// Whether a file lives in an `includes` folder: content other pages pull
/// in with `[!INCLUDE]`, not a page of its own.
pub fn is_include_file(path: &str) -> bool {
    path.as_bytes().split(|&b| b == b'/').any(|p| p.eq_ignore_ascii_case(b"includes"))
}

/// Classify a page by its path.
pub fn page_kind(path: &str) -> (PageKind, String) {
    let (kind, version) = kind_and_version(path);
    (kind, version.to_string())
}

/// [`page_kind`] without copying the version.
pub fn kind_and_version(path: &str) -> (PageKind, &str) {
    let mut parts = path.split('/');
    let version = parts.next().unwrap_or("");
    let folder = parts.next().unwrap_or("");
    let version = if version == "v1.0" || version == "beta" { version } else { "" };
    let kind = match (version.is_empty(), folder, path.ends_with(".md")) {
        (false, "api", true) => PageKind::Api,
        (false, "resources", true) => PageKind::Resource,
        _ => PageKind::Other,
    };
    (kind, version)
}

/// The body to give pulldown-cmark: as is, unless a table's delimiter row
/// holds a tab, which stops pulldown-cmark reading it as a table. Then every
/// tab becomes a space: both are one byte, so offsets and lines are unchanged.
pub fn table_safe(body: &str) -> std::borrow::Cow<'_, str> {
    let tabbed_delimiter = |l: &str| l.contains('\t') && l.contains('-') && l.bytes().all(|b| matches!(b, b' ' | b'\t' | b'|' | b':' | b'-'));
    // Only the lines that hold a tab are looked at.
    let bytes = body.as_bytes();
    let mut at = 0;
    let mut tabbed = false;
    while let Some(t) = memchr::memchr(b'\t', bytes.get(at..).unwrap_or_default()) {
        let tab = at + t;
        let start = memchr::memrchr(b'\n', bytes.get(..tab).unwrap_or_default()).map_or(0, |n| n + 1);
        let end = memchr::memchr(b'\n', bytes.get(tab..).unwrap_or_default()).map_or(bytes.len(), |n| tab + n);
        // `start` and `end` sit next to ASCII newlines (or the ends): char boundaries.
        if body.get(start..end).is_some_and(|l| tabbed_delimiter(l.strip_suffix('\r').unwrap_or(l))) {
            tabbed = true;
            break;
        }
        at = end;
    }
    if tabbed {
        std::borrow::Cow::Owned(body.replace('\t', " "))
    } else {
        std::borrow::Cow::Borrowed(body)
    }
}

/// [`str::trim`], without its Unicode scan when the text starts and ends
/// in a printable ASCII byte, as nearly every cell, heading and line the
/// parse trims does (a speed measure: see docs/DESIGN.md, "Fifteenth round:
/// parse15").
pub(crate) fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [only] if only.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// `s` without the characters at its ends that are not ASCII letters or
/// digits (`## Request body:` reads `Request body`). On bytes: every byte
/// of a non-ASCII character is such a byte, so the cuts fall on character
/// boundaries.
pub(crate) fn trim_to_alphanumeric(s: &str) -> &str {
    let b = s.as_bytes();
    let start = b.iter().position(u8::is_ascii_alphanumeric).unwrap_or(b.len());
    let end = b.iter().rposition(u8::is_ascii_alphanumeric).map_or(start, |i| i + 1);
    s.get(start..end).unwrap_or("")
}

/// Whether `text` starts with `prefix` (ASCII lower case), ignoring ASCII case.
pub fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes().get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether `hay` contains `needle` (ASCII lower case), ignoring ASCII case.
pub fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else { return true };
    let Some(last_start) = h.len().checked_sub(n.len()) else { return false };
    // Only where the first byte matches (memchr, in either case) is the
    // rest compared: descriptions are long and rarely hold the needle.
    let starts = h.get(..=last_start).unwrap_or_default();
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), starts)
        .any(|i| h.get(i + 1..i + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(rest)))
}

/// Find an HTTP status like `204 No Content` in prose; a comma may stand
/// between the code and its reason (`201, Created`, `204,No Content`).
/// A code alone in a code span is [`status_in_code_spans`]'.
pub fn status_in_prose(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    // `i + 3 < len` by the loop bound and `i - 1` only when `i > 0`: no panic.
    for i in 0..bytes.len().saturating_sub(3) {
        let w = &bytes[i..i + 3];
        if !w.iter().all(u8::is_ascii_digit) || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            continue;
        }
        let reason = match bytes.get(i + 3) {
            Some(b' ') => i + 4,
            Some(b',') if bytes.get(i + 4) == Some(&b' ') => i + 5,
            Some(b',') => i + 4,
            _ => continue,
        };
        if bytes.get(reason).is_some_and(|b| b.is_ascii_uppercase()) {
            let code: u16 = std::str::from_utf8(w).ok()?.parse().ok()?;
            if (200..300).contains(&code) {
                return Some(code);
            }
        }
    }
    None
}

/// A success status written as a code span holding the code alone
/// (`` returns a `201` and ... ``): the first such span's.
pub fn status_in_code_spans<'s>(spans: impl IntoIterator<Item = &'s str>) -> Option<u16> {
    spans.into_iter().find_map(|s| {
        let s = s.trim();
        let code: u16 = s.parse().ok().filter(|_| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))?;
        (200..300).contains(&code).then_some(code)
    })
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

/// A small seeded generator for the randomised unit tests of this stage:
/// `next(n)` is a number below `n`, the same sequence on every run.
#[cfg(test)]
pub(crate) fn rng(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_ignore_ascii_case_agrees_with_a_plain_search() {
        let plain = |hay: &str, needle: &str| needle.is_empty() || hay.to_ascii_lowercase().contains(needle);
        let pieces = ["no", "t ", "NOT", "Nullable", "null", "é", " ", "n", "able", "-", "Ä"];
        let needles = ["", "n", "not nullable", "null", "é", "able", "-n", "t n"];
        let mut next = rng(777);
        let mut found = 0;
        for _ in 0..20_000 {
            let hay: String = (0..next(8)).map(|_| pieces[next(pieces.len())]).collect();
            let needle = needles[next(needles.len())];
            let want = plain(&hay, needle);
            assert_eq!(contains_ignore_ascii_case(&hay, needle), want, "{hay:?} / {needle:?}");
            found += usize::from(want && !needle.is_empty());
        }
        assert!(found > 1000, "the cases find the needle often enough: {found}");
    }

    #[test]
    fn trim_agrees_with_str_trim() {
        let pieces = ["a", " ", "\t", "\n", "\u{a0}", "\u{2003}", "é", "|", "x y", "\u{feff}", "-", ""];
        let mut next = rng(1515);
        let mut fast = 0;
        for _ in 0..20_000 {
            let s: String = (0..next(6)).map(|_| pieces[next(pieces.len())]).collect();
            assert_eq!(trim(&s), s.trim(), "{s:?}");
            fast += usize::from(trim(&s).len() == s.len() && !s.is_empty());
        }
        assert!(fast > 1000, "many cases need no trimming: {fast}");
    }

    #[test]
    fn trim_to_alphanumeric_agrees_with_trim_matches() {
        let pieces = ["a", " ", "#", "\u{a0}", "é", "9", ":", "x y", "**", "Ä", ""];
        let mut next = rng(1516);
        for _ in 0..20_000 {
            let s: String = (0..next(6)).map(|_| pieces[next(pieces.len())]).collect();
            assert_eq!(trim_to_alphanumeric(&s), s.trim_matches(|c: char| !c.is_ascii_alphanumeric()), "{s:?}");
        }
    }

    #[test]
    fn tabs_are_spaces_only_where_a_delimiter_row_holds_one() {
        for (body, tabbed) in [
            ("| a | b |\n|---|\t---|\n| 1 | 2 |\n", true),
            ("| a | b |\r\n|---|\t---|\r\n", true),
            ("text\twith a tab\n| a |\n|---|\n", false),
            ("```\n\tcode\n```\n| a |\n| - |\n", false),
            ("no tabs at all\n|---|\n", false),
            ("\t\n\t-|\n", true),
        ] {
            let out = table_safe(body);
            assert_eq!(matches!(out, std::borrow::Cow::Owned(_)), tabbed, "{body:?}");
            assert_eq!(out.len(), body.len());
            assert_eq!(tabbed, body.lines().any(|l| l.contains('\t') && l.contains('-') && l.bytes().all(|b| matches!(b, b' ' | b'\t' | b'|' | b':' | b'-'))));
        }
    }

    #[test]
    fn prose_status() {
        assert_eq!(status_in_prose("returns `204 No Content` response"), Some(204));
        assert_eq!(status_in_prose("returns a 200 OK response code"), Some(200));
        assert_eq!(status_in_prose("returns 404 Not Found"), None);
        assert_eq!(status_in_prose("returns `201, Created` and the item"), Some(201));
        assert_eq!(status_in_prose("returns ```204,No Content``` response"), Some(204));
        assert_eq!(status_in_prose("sizes 200, 300 and 400"), None);
        assert_eq!(status_in_prose("code 200,ok"), None);
        assert_eq!(status_in_prose("ends at 200,"), None);
        assert_eq!(status_in_prose("returns a 201 and the item"), None);
        assert_eq!(status_in_code_spans(["Item", " 201 "]), Some(201));
        assert_eq!(status_in_code_spans(["404", "2001", "+20", "201 Created"]), None);
    }

    #[test]
    fn decode_normalises() {
        let s = decode("v1.0/api/x.md", b"\xef\xbb\xbfa\r\nb\xff");
        assert_eq!(s.text, "a\nb\u{fffd}");
        let codes: Vec<_> = s.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["E001", "W001"]);
    }
}
