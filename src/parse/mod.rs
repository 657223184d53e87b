//! Parse one page into a [`RawPage`]: front matter, request lines,
//! permission tables, examples and the success status, each with its
//! source position. Nothing here knows about Rust or about other pages.

pub mod frontmatter;
pub mod http;
pub mod json;
pub mod permissions;

use crate::diag::{Diagnostic, LineIndex};
use crate::model::PageKind;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

/// A page as read from disk, decoded and normalised.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path relative to the `api-reference` folder, `/`-separated.
    pub path: String,
    /// Decoded text (BOM removed, CRLF turned into LF).
    pub text: String,
    /// Problems found while decoding.
    pub diagnostics: Vec<Diagnostic>,
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
}

/// A permissions table: rows of (permission type, scopes) and its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawPermTable {
    /// Rows as (first cell, second cell).
    pub rows: Vec<(String, String)>,
    /// Line of the table.
    pub line: u32,
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
    pub annotation: Map<String, Value>,
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
    pub json: Option<Value>,
    /// The body text was present but could not be read as JSON.
    pub body_unreadable: bool,
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
    /// Examples in page order.
    pub examples: Vec<RawExample>,
    /// Success status from the Response section's prose.
    pub success_status: Option<u16>,
    /// Diagnostics found while parsing.
    pub diagnostics: Vec<Diagnostic>,
}

/// Decode raw bytes into a [`Source`]: UTF-8 (lossy, with a diagnostic),
/// BOM stripped, CRLF normalised.
pub fn decode(path: &str, bytes: &[u8]) -> Source {
    let mut diagnostics = Vec::new();
    let mut text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let upto = e.valid_up_to();
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
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised = true;
    }
    if normalised {
        diagnostics.push(Diagnostic::new("W001", path, 1, 1, "byte order mark or CR line endings normalised"));
    }
    Source { path: path.to_string(), text, diagnostics }
}

/// Classify a page by its path.
pub fn page_kind(path: &str) -> (PageKind, String) {
    let mut parts = path.split('/');
    let version = parts.next().unwrap_or("");
    let folder = parts.next().unwrap_or("");
    let version = if version == "v1.0" || version == "beta" { version.to_string() } else { String::new() };
    let kind = match (version.is_empty(), folder, path.ends_with(".md")) {
        (false, "api", true) => PageKind::Api,
        (false, "resources", true) => PageKind::Resource,
        _ => PageKind::Other,
    };
    (kind, version)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Other,
    Permissions,
    HttpRequest,
    Response,
    Examples,
}

fn classify_heading(text: &str) -> Option<Section> {
    let t = text.trim().to_ascii_lowercase();
    // docfx tab headings (`[HTTP](#tab/http)`) live inside example sections.
    if t.starts_with('[') && t.contains("#tab/") || t.is_empty() || t == "---" {
        return None;
    }
    let t = t.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    if t.starts_with("permission") {
        Some(Section::Permissions)
    } else if t.starts_with("http request") {
        Some(Section::HttpRequest)
    } else if t == "response" || t == "responses" {
        Some(Section::Response)
    } else if t.starts_with("example") {
        Some(Section::Examples)
    } else {
        Some(Section::Other)
    }
}

struct State<'a> {
    src: &'a str,
    index: LineIndex,
    page: RawPage,
    section: Section,
    in_examples: bool,
    pending_annotation: Option<(Map<String, Value>, usize)>,
    // The last unannotated http code block, for `example` blocks that follow one.
    last_plain_http: Option<(String, usize)>,
    deprecated_prefixes: Vec<String>,
    example_names: Vec<String>,
}

/// Parse a decoded page.
pub fn parse(src: &Source) -> RawPage {
    let (kind, version) = page_kind(&src.path);
    let text = src.text.as_str();
    let fm = frontmatter::parse(text);
    let mut diagnostics = src.diagnostics.clone();
    if !fm.present || !fm.closed {
        diagnostics.push(Diagnostic::new("W002", &src.path, 1, 1, "front matter missing or not closed"));
    } else if kind != PageKind::Other && (fm.get("title").is_none() || fm.get("ms.prod").is_none()) {
        diagnostics.push(Diagnostic::new("W003", &src.path, 1, 1, "front matter has no title or no ms.prod"));
    }
    let page = RawPage {
        path: src.path.clone(),
        kind,
        version,
        title: fm.get("title").map(str::to_string),
        description: fm.get("description").map(str::to_string),
        area: fm.get("ms.prod").map(str::to_string),
        doc_type: fm.get("doc_type").map(str::to_string),
        has_request_section: false,
        request_lines: Vec::new(),
        permission_tables: Vec::new(),
        examples: Vec::new(),
        success_status: None,
        diagnostics,
    };
    let mut st = State {
        src: text,
        index: LineIndex::new(text),
        page,
        section: Section::Other,
        in_examples: false,
        pending_annotation: None,
        last_plain_http: None,
        deprecated_prefixes: Vec::new(),
        example_names: Vec::new(),
    };
    // Parse only the body, but keep offsets relative to the whole text.
    let body = text.get(fm.body_start..).unwrap_or("");
    let base = fm.body_start;
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter();

    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut code: Option<(String, String, usize)> = None; // (info, text, offset)
    let mut html: Option<(String, usize)> = None;
    let mut table: Option<(Vec<(String, String)>, Vec<String>, String, usize, bool)> = None;
    let mut para: Option<String> = None;

    for (event, range) in parser {
        let off = base + range.start;
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    st.on_heading(level, &text, off);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(i) => i.trim().to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new(), off));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, text, start)) = code.take() {
                    st.on_code(&info, &text, start);
                }
            }
            Event::Start(Tag::HtmlBlock) => html = Some((String::new(), off)),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((text, start)) = html.take() {
                    st.on_html(&text, start);
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => match html.as_mut() {
                Some((buf, _)) => buf.push_str(&t),
                None => {
                    if let Some(p) = para.as_mut() {
                        p.push_str(&t);
                    }
                    if let Some((_, _, cell, _, _)) = table.as_mut() {
                        cell.push_str(&t);
                    }
                }
            },
            Event::Start(Tag::Table(_)) => table = Some((Vec::new(), Vec::new(), String::new(), off, false)),
            Event::Start(Tag::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.4 = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.4 = false;
                    t.1.clear();
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(t) = table.as_mut() {
                    t.2.clear();
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(t) = table.as_mut() {
                    let cell = std::mem::take(&mut t.2);
                    t.1.push(cell.trim().to_string());
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    let cells = std::mem::take(&mut t.1);
                    if !t.4 {
                        let mut it = cells.into_iter();
                        let a = it.next().unwrap_or_default();
                        let b = it.next().unwrap_or_default();
                        t.0.push((a, b));
                    }
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((rows, _, _, start, _)) = table.take() {
                    st.on_table(rows, start);
                }
            }
            Event::Start(Tag::Paragraph) => para = Some(String::new()),
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = para.take() {
                    let raw = text.get(base + range.start..base + range.end).unwrap_or("");
                    st.on_paragraph(&p, raw);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                } else if let Some((_, c, _)) = code.as_mut() {
                    c.push_str(&t);
                } else if let Some(t2) = table.as_mut() {
                    t2.2.push_str(&t);
                } else if let Some(p) = para.as_mut() {
                    p.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = para.as_mut() {
                    p.push('\n');
                }
            }
            _ => {}
        }
    }
    st.finish()
}

impl<'a> State<'a> {
    fn pos(&self, off: usize) -> (u32, u32) {
        self.index.position(self.src, off)
    }

    fn diag(&mut self, code: &str, off: usize, msg: impl Into<String>) {
        let (l, c) = self.pos(off);
        let d = Diagnostic::new(code, &self.page.path, l, c, msg);
        self.page.diagnostics.push(d);
    }

    fn on_heading(&mut self, _level: HeadingLevel, text: &str, off: usize) {
        let Some(sec) = classify_heading(text) else { return };
        if let Some((_, aoff)) = self.pending_annotation.take() {
            self.diag("W011", aoff, "annotation is not followed by a code block");
        }
        if sec == Section::Examples {
            self.in_examples = true;
        }
        // Sub-headings like "Request"/"Response" inside the examples keep the
        // examples context; a Response heading outside them is the prose section.
        if self.in_examples && sec != Section::Permissions && sec != Section::HttpRequest {
            self.section = Section::Examples;
        } else {
            self.section = sec;
        }
        if sec == Section::HttpRequest {
            self.page.has_request_section = true;
        }
        let _ = off;
    }

    fn on_html(&mut self, text: &str, off: usize) {
        let Some(start) = text.find("<!--") else { return };
        let inner = &text[start + 4..]; // just past the ASCII `<!--` that `find` located
        let inner = inner.split("-->").next().unwrap_or(inner).trim();
        if !inner.contains("blockType") {
            return;
        }
        let obj = match json::read(inner) {
            json::JsonRead::Strict(Value::Object(m)) => m,
            json::JsonRead::Recovered(Value::Object(m), what) => {
                self.diag("W010", off, format!("annotation is not valid JSON ({}); recovered", what.join(", ")));
                m
            }
            _ => {
                self.diag("E010", off, "annotation could not be read as JSON; ignored");
                return;
            }
        };
        if let Some((_, aoff)) = self.pending_annotation.take() {
            self.diag("W011", aoff, "annotation is not followed by a code block");
        }
        self.pending_annotation = Some((obj, off));
    }

    fn on_code(&mut self, info: &str, text: &str, off: usize) {
        let annotation = self.pending_annotation.take();
        // Content starts on the line after the fence.
        let content_line = self.index.line(off) + 1;
        if text.contains("\n```") || text.starts_with("```") {
            self.diag("W053", off, "code block contains a fence line; it was probably not closed");
        }
        let block_type = annotation
            .as_ref()
            .and_then(|(a, _)| a.get("blockType"))
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        if self.section == Section::HttpRequest && !self.in_examples {
            if block_type.as_deref().map_or(true, |b| b == "ignored" || b == "request") {
                self.request_lines(text, content_line);
                return;
            }
        }
        let bt = match block_type.as_deref() {
            Some("request") => BlockType::Request,
            Some("response") => BlockType::Response,
            Some("example") => BlockType::Example,
            Some("resource") => BlockType::Resource,
            _ => {
                if info.starts_with("http") || info.contains("msgraph-interactive") {
                    self.last_plain_http = Some((text.to_string(), content_line as usize));
                }
                return;
            }
        };
        let (ann, _) = annotation.unwrap_or_default();
        self.example(bt, ann, text, content_line);
    }

    fn example(&mut self, bt: BlockType, ann: Map<String, Value>, text: &str, line: u32) {
        let mut ex = RawExample {
            block_type: bt,
            name: ann.get("name").and_then(Value::as_str).map(str::to_string),
            annotation: ann,
            line,
            method: None,
            url: None,
            status: None,
            headers: Vec::new(),
            json: None,
            body_unreadable: false,
        };
        let body_text: String;
        let mut body_line = line;
        match bt {
            BlockType::Request | BlockType::Response => {
                let Some(msg) = http::message(text) else {
                    self.diag_line("W041", line, "empty HTTP example block");
                    self.page.examples.push(ex);
                    return;
                };
                if bt == BlockType::Request {
                    match http::request_line(&msg.start) {
                        Some(rl) => {
                            ex.method = Some(rl.method.to_string());
                            ex.url = Some(strip_http_version(rl.target).to_string());
                        }
                        None => self.diag_line("W041", line + msg.start_line as u32, "request example does not start with `METHOD url`"),
                    }
                } else {
                    ex.status = http::status_line(&msg.start);
                    if ex.status.is_none() {
                        self.diag_line("W042", line + msg.start_line as u32, format!("status line `{}` not understood", truncate(&msg.start, 60)));
                    }
                }
                ex.headers = msg.headers;
                body_text = msg.body;
                body_line = line + msg.body_line as u32;
            }
            BlockType::Example => {
                if let Some((prev, _)) = self.last_plain_http.take() {
                    if let Some(msg) = http::message(&prev) {
                        if let Some(rl) = http::request_line(&msg.start) {
                            ex.method = Some(rl.method.to_string());
                            ex.url = Some(strip_http_version(rl.target).to_string());
                        }
                        ex.headers = msg.headers;
                    }
                }
                body_text = text.trim().to_string();
            }
            BlockType::Resource => body_text = text.trim().to_string(),
        }
        if !body_text.is_empty() {
            let is_json_type = ex
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                .map_or(true, |(_, v)| v.to_ascii_lowercase().contains("json"));
            if is_json_type || body_text.starts_with('{') || body_text.starts_with('[') {
                match json::read(&body_text) {
                    json::JsonRead::Strict(v) => ex.json = Some(v),
                    json::JsonRead::Recovered(v, what) => {
                        self.diag_line("W040", body_line, format!("JSON body is not strict JSON ({}); recovered", what.join(", ")));
                        ex.json = Some(v);
                    }
                    json::JsonRead::Failed(e) => {
                        self.diag_line("E040", body_line, format!("JSON body could not be read: {}", truncate(&e, 80)));
                        ex.body_unreadable = true;
                    }
                }
            }
        }
        if let Some(n) = ex.name.clone() {
            if self.example_names.contains(&n) {
                self.diag_line("W012", line, format!("example name `{}` repeated in this page", truncate(&n, 60)));
            }
            self.example_names.push(n);
        }
        self.page.examples.push(ex);
    }

    fn diag_line(&mut self, code: &str, line: u32, msg: impl Into<String>) {
        let d = Diagnostic::new(code, &self.page.path, line, 1, msg);
        self.page.diagnostics.push(d);
    }

    fn request_lines(&mut self, text: &str, first_line: u32) {
        for (i, raw) in text.lines().enumerate() {
            let line = first_line + i as u32;
            if raw.trim().is_empty() {
                continue;
            }
            match http::request_line(raw) {
                Some(rl) => {
                    let (path, changed) = normalise_path(rl.target);
                    if changed {
                        self.diag_line("W022", line, format!("request path `{}` normalised to `{}`", truncate(rl.target, 80), truncate(&path, 80)));
                    }
                    self.page.request_lines.push(RawRequestLine {
                        method: rl.method.to_string(),
                        path,
                        deprecated: false,
                        line,
                    });
                }
                None => self.diag_line("W020", line, format!("not a request line: `{}`", truncate(raw.trim(), 60))),
            }
        }
    }

    fn on_table(&mut self, rows: Vec<(String, String)>, off: usize) {
        if self.section == Section::Permissions && !self.in_examples {
            let (line, _) = self.pos(off);
            self.page.permission_tables.push(RawPermTable { rows, line });
        }
    }

    fn on_paragraph(&mut self, text: &str, raw: &str) {
        let lower = text.to_ascii_lowercase();
        if self.section == Section::HttpRequest && lower.contains("deprecated") {
            // Code spans in the sentence that says "deprecated" name the
            // deprecated path prefixes; other sentences name the replacement.
            for sentence in raw.split(". ").filter(|s| s.to_ascii_lowercase().contains("deprecated")) {
                for span in backtick_spans(sentence) {
                    if span.starts_with('/') {
                        self.deprecated_prefixes.push(span.trim_end_matches('/').to_string());
                    }
                }
            }
        }
        if self.section == Section::Response && self.page.success_status.is_none() {
            self.page.success_status = status_in_prose(text);
        }
    }

    fn finish(mut self) -> RawPage {
        if let Some((_, aoff)) = self.pending_annotation.take() {
            self.diag("W011", aoff, "annotation is not followed by a code block");
        }
        let prefixes = std::mem::take(&mut self.deprecated_prefixes);
        for rl in &mut self.page.request_lines {
            let on_boundary = |p: &String| {
                rl.path.strip_prefix(p.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            };
            if prefixes.iter().any(on_boundary) {
                rl.deprecated = true;
            }
        }
        if self.page.kind == PageKind::Api && self.page.request_lines.is_empty() {
            self.page.diagnostics.push(Diagnostic::new("W021", &self.page.path, 1, 1, "no request line found"));
        }
        self.page
    }
}

fn backtick_spans(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// Find an HTTP status like `204 No Content` in prose.
pub fn status_in_prose(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    // `i + 3 < len` by the loop bound and `i - 1` only when `i > 0`: no panic.
    for i in 0..bytes.len().saturating_sub(3) {
        let w = &bytes[i..i + 3];
        if w.iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 3) == Some(&b' ')
            && bytes.get(i + 4).is_some_and(|b| b.is_ascii_uppercase())
        {
            let code: u16 = std::str::from_utf8(w).ok()?.parse().ok()?;
            if (200..300).contains(&code) {
                return Some(code);
            }
        }
    }
    None
}

fn strip_http_version(target: &str) -> &str {
    let t = target.trim();
    match t.rsplit_once(' ') {
        Some((url, v)) if v.starts_with("HTTP/") => url.trim(),
        _ => t,
    }
}

/// Normalise a documented request path: drop the query string and a `~`
/// root, add a leading slash. Returns whether anything changed.
pub fn normalise_path(target: &str) -> (String, bool) {
    let t = strip_http_version(target);
    let mut p = t.split('?').next().unwrap_or(t).trim().to_string();
    if let Some(rest) = p.strip_prefix('~') {
        p = rest.to_string();
    }
    for prefix in ["https://graph.microsoft.com", "/v1.0/", "/beta/"] {
        if let Some(rest) = p.strip_prefix(prefix) {
            p = if rest.starts_with('/') { rest.to_string() } else { format!("/{rest}") };
        }
    }
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    let changed = p != t;
    (p, changed)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_status() {
        assert_eq!(status_in_prose("returns `204 No Content` response"), Some(204));
        assert_eq!(status_in_prose("returns a 200 OK response code"), Some(200));
        assert_eq!(status_in_prose("returns 404 Not Found"), None);
    }

    #[test]
    fn paths() {
        assert_eq!(normalise_path("/a/b?$x=1"), ("/a/b".to_string(), true));
        assert_eq!(normalise_path("a/b"), ("/a/b".to_string(), true));
        assert_eq!(normalise_path("/a/{id}"), ("/a/{id}".to_string(), false));
    }

    #[test]
    fn decode_normalises() {
        let s = decode("v1.0/api/x.md", b"\xef\xbb\xbfa\r\nb\xff");
        assert_eq!(s.text, "a\nb\u{fffd}");
        let codes: Vec<_> = s.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["E001", "W001"]);
    }
}
