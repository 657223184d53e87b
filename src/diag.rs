//! Diagnostics about the docs: a code, a page, a position and a message.
//!
//! Problems in pages never stop a run; they are collected here, printed in the
//! rustc form and counted in the run report.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Part of a page could not be used.
    Error,
    /// The page deviates from the usual form but was understood.
    Warning,
}

/// One problem found in one page.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `W012`; listed in docs/DESIGN.md.
    pub code: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// Page path relative to the `api-reference` folder.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub col: u32,
    /// What is wrong, in one sentence.
    pub message: String,
}

/// The registry of diagnostic codes: code, severity, meaning.
///
/// Every code the tool emits is listed here; the table in docs/DESIGN.md mirrors it and a
/// unit test checks that the two agree.
pub const CODES: &[(&str, Severity, &str)] = &[
    ("E001", Severity::Error, "page is not valid UTF-8; invalid bytes were replaced"),
    ("E002", Severity::Error, "page could not be read"),
    ("W001", Severity::Warning, "page starts with a byte order mark or uses CRLF line endings (normalised)"),
    ("W002", Severity::Warning, "front matter is missing or malformed"),
    ("W003", Severity::Warning, "front matter lacks a field the generator uses (title, or an area: ms.prod, ms.subservice or ms.service)"),
    ("W010", Severity::Warning, "annotation comment is not valid JSON; recovered with the tolerant reader"),
    ("E010", Severity::Error, "annotation comment could not be read at all"),
    ("W011", Severity::Warning, "annotation is not followed by a code block"),
    ("W012", Severity::Warning, "example name repeated within the page; a suffix was added"),
    ("W020", Severity::Warning, "line in an HTTP request block is not of the form `METHOD path`"),
    ("W021", Severity::Warning, "API page has no HTTP request section or it holds no request line"),
    ("W022", Severity::Warning, "request line path was normalised (placeholder, query string, missing slash, ...)"),
    ("W030", Severity::Warning, "permission table row could not be understood"),
    ("W031", Severity::Warning, "permissions section has no table"),
    ("W032", Severity::Warning, "permission cell holds a placeholder rather than scopes"),
    ("W033", Severity::Warning, "permission table governs none of the page's request paths; kept apart with its caption, not merged"),
    ("W034", Severity::Warning, "several permission tables and nothing on the page says which governs this path; each is kept as a scenario"),
    ("W040", Severity::Warning, "JSON body is not strict JSON; recovered with the tolerant reader"),
    ("E040", Severity::Error, "JSON body could not be read"),
    ("W041", Severity::Warning, "HTTP block in an example could not be understood"),
    ("W042", Severity::Warning, "response status line is malformed"),
    ("W050", Severity::Warning, "request example URL does not fit any path template of its page"),
    ("W051", Severity::Warning, "request example method differs from the endpoint's method"),
    ("W052", Severity::Warning, "no success status: the Response section names none, and the response examples agree on none"),
    ("W053", Severity::Warning, "code block was not closed before the next one started"),
    ("W054", Severity::Warning, "response example shows another success status than the Response section documents"),
    ("W055", Severity::Warning, "Request body section could not be read as none, a type, a parameter table or a stream"),
    ("W060", Severity::Warning, "type referenced but defined nowhere; a JSON fallback was used"),
    ("W061", Severity::Warning, "example JSON has an @odata.type that no page defines and no annotation names"),
    // -- parser: full corpus (W0xx/E0xx above; add new parser codes here)
    ("W043", Severity::Warning, "JSON body of a shortened example (`...` or unclosed brackets) could not be read"),
    ("W070", Severity::Warning, "included file not found; its content is left out and the rest of the page is read"),
    ("W071", Severity::Warning, "include cycle: a file includes itself through its includes; the repeat is left out"),
    ("W072", Severity::Warning, "includes nested deeper than the limit; the deeper include is left out"),
    ("E070", Severity::Error, "include path leaves the docs folder (absolute, `..` above it, or a link pointing out); refused, never read"),
    ("E071", Severity::Error, "included file could not be read (permissions, a folder, over the size limit)"),
    // -- types and docs lint (W1xx/E1xx)
    ("W100", Severity::Warning, "resource page describes a type but names none; no type was produced"),
    ("W101", Severity::Warning, "docs inconsistency: example JSON has a property its type's resource page does not list"),
    ("W102", Severity::Warning, "docs inconsistency: example JSON value has the wrong kind for the property's documented type"),
    ("W103", Severity::Warning, "docs inconsistency: example JSON uses an enum value the enum's page does not list"),
    ("W104", Severity::Warning, "docs inconsistency: a JSON representation lists a property its page's tables do not"),
    ("W105", Severity::Warning, "property or member row of a resource page could not be read"),
    ("W106", Severity::Warning, "type defined by more than one page; one definition was kept"),
    ("W107", Severity::Warning, "property typed \"A or B\" with no common base type; kept as untyped JSON"),
    ("W108", Severity::Warning, "docs inconsistency: the Response section and the response example name different types"),
    // -- docs updates and build.rs (W2xx)

    // -- hostile input (W3xx/E3xx)
    ("W301", Severity::Warning, "page path has unusual characters (spaces, `..`, non-ASCII); names derived from it are sanitised"),
    ("W302", Severity::Warning, "page paths differ only in case; they would collide on a case-insensitive file system"),
    ("E301", Severity::Error, "page is larger than the size limit and was not read"),
];

impl Diagnostic {
    /// A diagnostic with the severity its code is registered with.
    pub fn new(code: &str, path: &str, line: u32, col: u32, message: impl Into<String>) -> Self {
        let severity = CODES.iter().find(|(c, _, _)| *c == code).map(|(_, s, _)| *s).unwrap_or(Severity::Warning);
        Diagnostic { code: code.to_string(), severity, path: path.to_string(), line, col, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}]: {}\n  --> {}:{}:{}", self.code, self.message, self.path, self.line, self.col)
    }
}

/// Maps byte offsets of a text to 1-based line and column numbers.
///
/// A cursor, not an index: the line at the last offset asked is kept, and
/// the next answer counts the line breaks between the two offsets. A page's
/// offsets are asked nearly in order, so a whole page costs about one scan
/// of its text and no allocation.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a [u8],
    /// An offset and the 1-based line it is on.
    at: std::cell::Cell<(usize, u32)>,
}

impl<'a> Lines<'a> {
    /// Lines of `text`.
    pub fn new(text: &'a str) -> Self {
        Lines { text: text.as_bytes(), at: std::cell::Cell::new((0, 1)) }
    }

    /// 1-based line of a byte offset (offsets past the end are the end).
    pub fn line(&self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        let (at, line) = self.at.get();
        let breaks = |from: usize, to: usize| self.text.get(from..to).map_or(0, |s| memchr::memchr_iter(b'\n', s).count() as u32);
        let line = if offset >= at { line + breaks(at, offset) } else { line - breaks(offset, at) };
        self.at.set((offset, line));
        line
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or_default();
        let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        // An offset inside a character counts as the line's first column.
        let col = std::str::from_utf8(before.get(start..).unwrap_or_default()).map_or(0, |s| s.chars().count());
        (self.line(offset), col as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;

    /// The reference: lines and columns counted from the start every time.
    fn counted(text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let before = &text.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = text.get(start..offset).map_or(0, |s| s.chars().count()) as u32 + 1;
        (line, col)
    }

    #[test]
    fn lines_answer_offsets_in_any_order() {
        let text = "ab\n\nc\u{e9}d\n\n\nlast line\nx";
        let lines = Lines::new(text);
        // Forwards, backwards, repeated, inside a character, past the end.
        let offsets = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 30, 3, 0, 7, 6, 10, 2, 100, 5, 5, 4];
        for &o in &offsets {
            assert_eq!(lines.position(o), counted(text, o), "offset {o}");
            assert_eq!(lines.line(o), counted(text, o).0, "offset {o}");
        }
        assert_eq!(Lines::new("").position(3), (1, 1));
    }
}
