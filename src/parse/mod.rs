//! Parse one page into a [`RawPage`]: front matter, request lines,
//! permission tables, examples and the success status, each with its
//! source position. Nothing here knows about Rust or about other pages.

pub mod facts;
pub mod frontmatter;
pub mod http;
pub mod json;
pub mod permissions;
pub mod resource;
pub mod sections;
pub mod sourcemap;

use crate::diag::{Diagnostic, Lines};
use facts::PageKind;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

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
    /// The file that holds the table: the page, or the include file it was
    /// spliced from (relative to the `api-reference` folder).
    pub source: String,
    /// The `name` of the `blockType: permissions` annotation above the
    /// table (or above the include that holds it), if any.
    pub annotation: Option<String>,
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
    path.split('/').any(|p| p.eq_ignore_ascii_case("includes"))
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Other,
    Permissions,
    HttpRequest,
    Response,
    Examples,
}

/// Classify a heading from its text (`text`) and its source (`raw`, which
/// still holds link targets such as docfx's `#tab/http`).
fn classify_heading(text: &str, raw: &str) -> Option<Section> {
    let t = text.trim();
    // docfx tab headings (`# [HTTP](#tab/http)`) live inside example sections.
    if raw.contains("](#tab/") || t.is_empty() || t == "---" {
        return None;
    }
    let t = t.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    if starts_with_ignore_ascii_case(t, "permission") {
        Some(Section::Permissions)
    } else if starts_with_ignore_ascii_case(t, "http request") {
        Some(Section::HttpRequest)
    } else if t.eq_ignore_ascii_case("response") || t.eq_ignore_ascii_case("responses") {
        Some(Section::Response)
    } else if starts_with_ignore_ascii_case(t, "example") {
        Some(Section::Examples)
    } else {
        Some(Section::Other)
    }
}

struct State<'a> {
    index: Lines<'a>,
    page: RawPage,
    section: Section,
    // Heading level that opened the current section.
    section_level: u8,
    in_examples: bool,
    pending_annotation: Option<(json::Object, usize)>,
    // The last unannotated http code block, for `example` blocks that follow one.
    last_plain_http: Option<(String, usize)>,
    deprecated_prefixes: Vec<String>,
    example_names: Vec<String>,
    // The role the last Request/Response heading gives to unannotated blocks.
    example_role_hint: Option<BlockType>,
    // The `name` of a `blockType: permissions` annotation waiting for its table.
    perm_annotation: Option<String>,
    // Spliced-text lines of include directives that were not resolved.
    unresolved: &'a [u32],
    // A permissions section held an include that was not resolved.
    unresolved_permissions: bool,
    // The last heading or paragraph of the permissions and request
    // sections: the caption of the next table or request block.
    caption: String,
    // Request blocks read so far.
    request_blocks: u32,
}

/// Parse a decoded page.
pub fn parse(src: &Source) -> RawPage {
    let (kind, version) = page_kind(&src.path);
    // An include file is read as part of the pages that include it, not
    // on its own.
    let include_file = kind == PageKind::Other && is_include_file(&src.path);
    let text = if include_file { "" } else { src.text.as_str() };
    let fm = frontmatter::parse(text);
    let mut diagnostics = src.diagnostics.clone();
    // Diagnostics from here on count lines of the spliced text.
    let spliced_from = diagnostics.len();
    let area = fm.area().map(|(a, _)| a.into_owned());
    if include_file {
    } else if !fm.present || !fm.closed {
        let misc = if kind == PageKind::Other { "" } else { "; the page goes into `misc`" };
        diagnostics.push(Diagnostic::new("W002", &src.path, 1, 1, format!("front matter missing or not closed{misc}")));
    } else if kind != PageKind::Other && (fm.get("title").is_none() || area.is_none()) {
        let what = match (fm.get("title"), &area) {
            (None, None) => "front matter has no title and names no area (ms.prod or ms.subservice); the page goes into `misc`",
            (None, Some(_)) => "front matter has no title",
            _ => "front matter names no area (ms.prod or ms.subservice); the page goes into `misc`",
        };
        diagnostics.push(Diagnostic::new("W003", &src.path, 1, 1, what));
    }
    let page = RawPage {
        path: src.path.clone(),
        kind,
        version,
        title: fm.get("title").map(str::to_string),
        description: fm.get("description").map(str::to_string),
        area,
        doc_type: fm.get("doc_type").map(str::to_string),
        has_request_section: false,
        request_lines: Vec::new(),
        permission_tables: Vec::new(),
        examples: Vec::new(),
        success_status: None,
        diagnostics,
        request_sections: 0,
        has_permissions_section: false,
        resource: None,
        sections: sections::RawSections::default(),
    };
    let mut st = State {
        index: Lines::new(text),
        page,
        section: Section::Other,
        section_level: 0,
        in_examples: false,
        pending_annotation: None,
        last_plain_http: None,
        deprecated_prefixes: Vec::new(),
        example_names: Vec::new(),
        example_role_hint: None,
        perm_annotation: None,
        unresolved: &src.map.unresolved,
        unresolved_permissions: false,
        caption: String::new(),
        request_blocks: 0,
    };
    // Parse only the body, but keep offsets relative to the whole text.
    let body = table_safe(text.get(fm.body_start..).unwrap_or(""));
    let base = fm.body_start;
    let parser = Parser::new_ext(&body, Options::ENABLE_TABLES).into_offset_iter();
    let mut resource = (kind == PageKind::Resource).then(resource::Collector::default);
    let mut operation = (kind == PageKind::Api).then(sections::Collector::default);

    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut code: Option<(String, String, usize)> = None; // (info, text, offset)
    let mut html: Option<(String, usize)> = None;
    let text_src = text;
    let mut table: Option<TableAcc> = None;
    let mut para: Option<String> = None;
    // Buffers of the last heading, code block and paragraph, reused.
    let (mut spare_heading, mut spare_code, mut spare_para) = (String::new(), String::new(), String::new());

    for (event, range) in parser {
        let off = base + range.start;
        if let Some(r) = resource.as_mut() {
            r.event(&event, || st.index.line(off));
        }
        if let Some(o) = operation.as_mut() {
            o.event(&event, || st.index.line(off));
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, take_cleared(&mut spare_heading))),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    let raw = text_at(text_src, base + range.start, base + range.end);
                    st.on_heading(level, &text, raw, off);
                    spare_heading = text;
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(i) => i.trim().to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, take_cleared(&mut spare_code), off));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, text, start)) = code.take() {
                    st.on_code(&info, &text, start);
                    spare_code = text;
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
                    if let Some(tb) = table.as_mut() {
                        tb.cell.push_str(&t);
                    }
                }
            },
            Event::Start(Tag::Table(_)) => {
                st.on_table_start();
                table = Some(TableAcc { start: off, ..TableAcc::default() });
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.in_head = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.in_head = false;
                    t.header = std::mem::take(&mut t.row);
                    // Rows of a table that cannot be a permission table are
                    // not collected.
                    t.skip_rows = !permissions::may_be_permission_table(&t.header, st.in_permission_section());
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(t) = table.as_mut() {
                    t.cell.clear();
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(t) = table.as_mut().filter(|t| !t.skip_rows) {
                    t.row.push(t.cell.trim().to_string());
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut().filter(|t| !t.skip_rows) {
                    let cells = std::mem::take(&mut t.row);
                    if !t.in_head {
                        t.rows.push(cells);
                    }
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    st.on_table(t);
                }
            }
            // Paragraph text matters only in the HTTP request section (notes
            // on deprecated paths) and in the response section before a
            // status is known; elsewhere it is not collected.
            Event::Start(Tag::Paragraph) if st.wants_paragraphs() => para = Some(take_cleared(&mut spare_para)),
            Event::End(TagEnd::Paragraph) => {
                if !st.unresolved.is_empty() && st.in_permission_section() {
                    let (from, to) = (st.index.line(base + range.start), st.index.line(base + range.end));
                    st.unresolved_permissions |= st.unresolved.iter().any(|l| (from..=to).contains(l));
                }
                if let Some(p) = para.take() {
                    let raw = text.get(base + range.start..base + range.end).unwrap_or("");
                    st.on_paragraph(&p, raw);
                    spare_para = p;
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                } else if let Some((_, c, _)) = code.as_mut() {
                    c.push_str(&t);
                } else if let Some(t2) = table.as_mut() {
                    t2.cell.push_str(&t);
                } else if let Some(p) = para.as_mut() {
                    p.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = para.as_mut() {
                    p.push('\n');
                }
                if let Some(t2) = table.as_mut() {
                    t2.cell.push(' ');
                }
            }
            _ => {}
        }
    }
    st.page.resource = resource.map(resource::Collector::finish);
    st.page.sections = operation.map(sections::Collector::finish).unwrap_or_default();
    let mut page = st.finish();
    src.map.remap(&mut page, spliced_from);
    page
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

/// A table being collected.
#[derive(Default)]
struct TableAcc {
    start: usize,
    in_head: bool,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: String,
    /// The header rules out a permission table: rows are not collected.
    skip_rows: bool,
}

/// `buf`, emptied, leaving an empty string in its place.
fn take_cleared(buf: &mut String) -> String {
    let mut b = std::mem::take(buf);
    b.clear();
    b
}

fn text_at(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or("")
}

impl<'a> State<'a> {
    fn pos(&self, off: usize) -> (u32, u32) {
        self.index.position(off)
    }

    fn diag(&mut self, code: &str, off: usize, msg: impl Into<String>) {
        let (l, c) = self.pos(off);
        let d = Diagnostic::new(code, &self.page.path, l, c, msg);
        self.page.diagnostics.push(d);
    }

    fn on_heading(&mut self, level: HeadingLevel, text: &str, raw: &str, off: usize) {
        let Some(sec) = classify_heading(text, raw) else { return };
        self.perm_annotation = None;
        self.caption = caption_of(text);
        if let Some((_, aoff)) = self.pending_annotation.take() {
            self.diag("W011", aoff, "annotation is not followed by a code block");
        }
        let level = level as u8;
        // A sub-heading of an HTTP request section that names no section of
        // its own (`### Get the photo`) stays in it.
        if self.section == Section::HttpRequest && sec == Section::Other && level > self.section_level {
            return;
        }
        self.section_level = level;
        let word = text.trim().trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let is = |w: &str| word.eq_ignore_ascii_case(w);
        self.example_role_hint = if is("request") || is("requests") {
            Some(BlockType::Request)
        } else if is("response") || is("responses") {
            Some(BlockType::Response)
        } else {
            None
        };
        if sec == Section::Examples {
            self.in_examples = true;
        }
        if sec == Section::HttpRequest || sec == Section::Permissions {
            // A new operation section (pages that document several).
            self.in_examples = false;
        }
        if sec == Section::Permissions {
            self.page.has_permissions_section = true;
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
            self.page.request_sections += 1;
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
        let obj = match json::read_as::<json::Json>(inner) {
            json::JsonRead::Strict(json::Json::Object(m)) => m,
            json::JsonRead::Recovered(json::Json::Object(m), what) => {
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
        // A permissions annotation names the table (inline or included)
        // that follows it; it never precedes a code block.
        if block_type_is(&obj, "permissions") {
            self.perm_annotation = Some(obj.get("name").and_then(json::Json::as_str).unwrap_or_default().to_string());
            return;
        }
        self.pending_annotation = Some((obj, off));
    }

    /// A table starts: an `ignored` annotation right above it protects the
    /// table from the docs' own table generator and expects no code block.
    fn on_table_start(&mut self) {
        if self.pending_annotation.as_ref().is_some_and(|(a, _)| block_type_is(a, "ignored")) {
            self.pending_annotation = None;
        }
    }

    fn on_code(&mut self, info: &str, text: &str, off: usize) {
        let annotation = self.pending_annotation.take();
        // Content starts on the line after the fence.
        let content_line = self.index.line(off) + 1;
        if text.contains("\n```") || text.starts_with("```") {
            self.diag("W053", off, "code block contains a fence line; it was probably not closed");
        }
        let block_type = annotation.as_ref().and_then(|(a, _)| a.get("blockType")).and_then(json::Json::as_str).map(str::to_ascii_lowercase);
        if self.section == Section::HttpRequest && !self.in_examples {
            // Every block of the section lists request lines, whatever its
            // annotation says (`ignored`, `request`, `samples`, none).
            let httpish = info.is_empty() || info.starts_with("http") || info.contains("msgraph-interactive");
            let starts_like_request =
                text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| http::request_line(l).is_some() || glued_request_line(l).is_some());
            if block_type.as_deref() != Some("response") && (httpish || starts_like_request) {
                self.request_lines(text, content_line);
                self.request_blocks += 1;
                return;
            }
        }
        // Pages that document several operations sometimes give the later
        // ones as a bare annotated request block under their own heading,
        // without an "HTTP request" sub-heading.
        if block_type.as_deref() == Some("request")
            && self.page.kind == PageKind::Api
            && self.page.has_request_section
            && !self.in_examples
            && self.section == Section::Other
            && is_template_block(text)
        {
            self.request_lines(text, content_line);
            self.request_blocks += 1;
            return;
        }
        let bt = match block_type.as_deref() {
            Some("request") => BlockType::Request,
            Some("response") => BlockType::Response,
            Some("example") => BlockType::Example,
            Some("resource") => BlockType::Resource,
            Some(_) => return,
            None => {
                let httpish = info.is_empty() || info.starts_with("http") || info.contains("msgraph-interactive");
                if httpish && (self.in_examples || self.section == Section::Response) {
                    if let Some(bt) = self.unannotated_role(text) {
                        self.example(bt, json::Object::default(), text, content_line, false);
                        return;
                    }
                }
                if info.starts_with("http") || info.contains("msgraph-interactive") {
                    self.last_plain_http = Some((text.to_string(), content_line as usize));
                }
                return;
            }
        };
        let (ann, _) = annotation.unwrap_or_default();
        self.example(bt, ann, text, content_line, true);
    }

    /// The role of an unannotated HTTP block in an example section, from its
    /// first line; the Request/Response heading above it must agree when
    /// there is one.
    fn unannotated_role(&self, text: &str) -> Option<BlockType> {
        let first = text.lines().find(|l| !l.trim().is_empty())?;
        let by_content = if let Some(rl) = http::request_line(first).filter(|rl| looks_like_target(rl.target)) {
            // Without a Request heading above it, only a call to Graph itself
            // is a request example: a POST to a client's callback URL (a
            // change notification) is not.
            let to_graph = rl.target.starts_with('/') || rl.target.to_ascii_lowercase().contains("graph.microsoft.com");
            if self.example_role_hint.is_none() && !to_graph {
                return None;
            }
            BlockType::Request
        } else if http::status_line(first).is_some() {
            BlockType::Response
        } else {
            return None;
        };
        match self.example_role_hint {
            Some(h) if h != by_content => None,
            _ => Some(by_content),
        }
    }

    fn example(&mut self, bt: BlockType, ann: json::Object, text: &str, line: u32, annotated: bool) {
        let mut ex = RawExample {
            block_type: bt,
            name: ann.get("name").and_then(json::Json::as_str).map(str::to_string),
            annotation: ann,
            line,
            method: None,
            url: None,
            status: None,
            headers: Vec::new(),
            json: None,
            body_unreadable: false,
            annotated,
            json_read: JsonStatus::NoJson,
            looks_truncated: false,
        };
        let body_text: std::borrow::Cow<str>;
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
                body_text = text.trim().into();
            }
            BlockType::Resource => body_text = text.trim().into(),
        }
        if !body_text.is_empty() {
            let is_json_type =
                ex.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map_or(true, |(_, v)| contains_ignore_ascii_case(v, "json"));
            if is_json_type || body_text.starts_with('{') || body_text.starts_with('[') {
                ex.looks_truncated = json::looks_truncated(&body_text);
                match json::read_as::<json::Json>(&body_text) {
                    json::JsonRead::Strict(v) => {
                        ex.json = Some(v);
                        ex.json_read = JsonStatus::Strict;
                    }
                    json::JsonRead::Recovered(v, what) => {
                        self.diag_line("W040", body_line, format!("JSON body is not strict JSON ({}); recovered", what.join(", ")));
                        ex.json = Some(v);
                        ex.json_read = JsonStatus::Recovered;
                    }
                    json::JsonRead::Failed(e) => {
                        let code = if ex.looks_truncated || ann_truncated(&ex.annotation) { "W043" } else { "E040" };
                        self.diag_line(code, body_line, format!("JSON body could not be read: {}", truncate(&e, 80)));
                        ex.body_unreadable = true;
                        ex.json_read = JsonStatus::Failed;
                    }
                }
            }
        }
        if let Some(name) = ex.name.as_deref() {
            // A name names one request/response pair: a request and its
            // response share it, but a second block of the same type, or a
            // third block of any type, repeats it.
            let typed = format!("{:?}:{name}", ex.block_type);
            let uses = self.example_names.iter().filter(|n| n.split_once(':').is_some_and(|(_, rest)| rest == name)).count();
            if self.example_names.contains(&typed) || uses >= 2 {
                self.diag_line("W012", line, format!("example name `{}` repeated in this page", truncate(name, 60)));
            }
            self.example_names.push(typed);
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
            let glued = glued_request_line(raw);
            let was_glued = glued.is_some();
            let rl = http::request_line(raw).or(glued);
            match rl {
                Some(rl) if looks_like_target(rl.target) => {
                    let (path, changed) = normalise_path(rl.target);
                    if changed || was_glued {
                        self.diag_line("W022", line, format!("request path `{}` normalised to `{}`", truncate(rl.target, 80), truncate(&path, 80)));
                    }
                    let (block, caption) = (self.request_blocks, self.caption.clone());
                    self.page.request_lines.push(RawRequestLine { method: rl.method.to_string(), path, deprecated: false, line, block, caption });
                }
                _ => self.diag_line("W020", line, format!("not a request line: `{}`", truncate(raw.trim(), 60))),
            }
        }
    }

    /// Whether a table here counts as in the permissions section.
    fn in_permission_section(&self) -> bool {
        self.section == Section::Permissions && !self.in_examples
    }

    fn on_table(&mut self, t: TableAcc) {
        if !permissions::is_permission_table(&t.header, &t.rows, self.in_permission_section()) {
            return;
        }
        let (line, _) = self.pos(t.start);
        // A `permissions` annotation names the operation the table is for:
        // held since the annotation (it may precede an include) or just above.
        let annotation = match self.perm_annotation.take() {
            Some(name) => Some(name),
            None => match self.pending_annotation.as_ref().map(|(a, _)| annotation_block(a)) {
                Some(Some((bt, name))) if bt.eq_ignore_ascii_case("permissions") => {
                    self.pending_annotation = None;
                    name
                }
                _ => None,
            },
        };
        let (caption, source) = (std::mem::take(&mut self.caption), self.page.path.clone());
        self.page.permission_tables.push(RawPermTable { line, header: t.header, cells: t.rows, caption, annotation, source });
    }

    /// Whether [`State::on_paragraph`] can use a paragraph here.
    fn wants_paragraphs(&self) -> bool {
        matches!(self.section, Section::HttpRequest | Section::Permissions) || (self.section == Section::Response && self.page.success_status.is_none())
    }

    fn on_paragraph(&mut self, text: &str, raw: &str) {
        if matches!(self.section, Section::HttpRequest | Section::Permissions) {
            self.caption = caption_of(text);
        }
        if self.section == Section::HttpRequest && contains_ignore_ascii_case(text, "deprecated") {
            // Code spans in the sentence that says "deprecated" name the
            // deprecated path prefixes; other sentences name the replacement.
            for sentence in raw.split(". ").filter(|s| contains_ignore_ascii_case(s, "deprecated")) {
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
            let on_boundary = |p: &String| rl.path.strip_prefix(p.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
            if prefixes.iter().any(on_boundary) {
                rl.deprecated = true;
            }
        }
        // A permissions section whose table is in an include that could not
        // be read has its reason in that include's diagnostic.
        if self.page.has_permissions_section && self.page.permission_tables.is_empty() && !self.unresolved_permissions {
            self.page.diagnostics.push(Diagnostic::new("W031", &self.page.path, 1, 1, "permissions section has no permission table"));
        }
        if self.page.kind == PageKind::Api && self.page.request_lines.is_empty() {
            self.page.diagnostics.push(Diagnostic::new("W021", &self.page.path, 1, 1, "no request line found"));
        }
        self.page
    }
}

/// A heading or paragraph as a caption: its first line, trimmed of
/// markup and a closing colon, at most 160 characters.
fn caption_of(text: &str) -> String {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let t = first.trim_matches(|c: char| c == '*' || c == '_' || c == ':' || c == '#' || c.is_whitespace());
    t.chars().take(160).collect()
}

/// The `blockType` and `name` of an annotation.
fn annotation_block(ann: &json::Object) -> Option<(String, Option<String>)> {
    let bt = ann.get("blockType").and_then(json::Json::as_str)?.to_string();
    Some((bt, ann.get("name").and_then(json::Json::as_str).map(str::to_string)))
}

/// A block whose lines are all `METHOD /path` with a `{placeholder}` and
/// no host: a list of path templates, not an example.
fn is_template_block(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).peekable();
    lines.peek().is_some() && lines.all(|l| http::request_line(l).is_some_and(|rl| rl.target.starts_with('/') && rl.target.contains('{')))
}

/// Whether an annotation's `blockType` is `kind` (any case).
fn block_type_is(ann: &json::Object, kind: &str) -> bool {
    ann.get("blockType").and_then(json::Json::as_str).is_some_and(|b| b.eq_ignore_ascii_case(kind))
}

fn ann_truncated(ann: &json::Object) -> bool {
    match ann.get("truncated") {
        Some(json::Json::Bool(b)) => *b,
        Some(json::Json::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// Whether the text after a method looks like a request target (a path or
/// URL) rather than prose.
pub fn looks_like_target(target: &str) -> bool {
    let t = target.trim();
    let first = t.split_whitespace().next().unwrap_or("");
    first.starts_with('/')
        || first.starts_with('~')
        || first.starts_with('{')
        || first.to_ascii_lowercase().starts_with("http")
        || (first.contains('/') && !first.ends_with('.'))
}

fn backtick_spans(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
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

/// `DELETE/a/b`: a method glued to its path.
fn glued_request_line(line: &str) -> Option<http::RequestLine<'_>> {
    let t = line.trim();
    http::METHODS.iter().find_map(|m| {
        let head = t.get(..m.len())?;
        let rest = t.get(m.len()..)?;
        (head.eq_ignore_ascii_case(m) && rest.starts_with('/')).then_some(http::RequestLine { method: m, target: rest })
    })
}

/// Normalise a documented request path: drop an `HTTP/1.1` suffix, the
/// query string, scheme, host and version, a `~` root, `...` segments and
/// trailing prose; turn `<name>` placeholders into `{name}`; add a leading
/// slash. Returns whether anything changed.
pub fn normalise_path(target: &str) -> (String, bool) {
    if is_normal_path(target) {
        return (target.to_string(), false);
    }
    normalise_path_full(target)
}

/// A path [`normalise_path_full`] keeps as it is: it starts with a slash, has
/// only plain ASCII path characters (no space, query, placeholder brackets,
/// `~`, backtick or quote), no `..`, no version prefix, no `-value`
/// placeholder and no trailing slash. Nearly every documented path is one.
fn is_normal_path(t: &str) -> bool {
    let plain = |b: u8| b.is_ascii_alphanumeric() || b"/{}_-.()',=:@$!*+;%&".contains(&b);
    t.starts_with('/')
        && t.len() > 1
        && !t.ends_with('/')
        && t.bytes().all(plain)
        && !t.contains("..")
        && !t.contains("-value")
        && !["/v1.0/", "/beta/", "/{version}/"].iter().any(|v| t.starts_with(v))
}

fn normalise_path_full(target: &str) -> (String, bool) {
    let cleaned: std::borrow::Cow<str> = if target.contains(['\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}', '\u{a0}']) {
        target.chars().filter(|c| !matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')).collect::<String>().replace('\u{a0}', " ").into()
    } else {
        target.into()
    };
    let t = strip_http_version(&cleaned).trim_matches(|c: char| c.is_whitespace() || c == '`');
    // Cut at whitespace outside braces and function arguments (trailing
    // prose, `or` between paths); spaces between function arguments
    // (`f(a={a}, b={b})`) are dropped, spaces inside quoted arguments kept.
    let mut depth = 0i32;
    let mut end = t.len();
    // The target with argument spaces dropped, built only when there are
    // some: `t[..copied]` is in it.
    let mut joined = String::new();
    let mut copied = 0;
    let mut skip_to = 0;
    for (i, c) in t.char_indices() {
        if i < skip_to {
            continue;
        }
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            '(' if depth <= 0 => {
                if let Some((close, args)) = function_arguments(t, i) {
                    if args.len() < close - i {
                        joined.push_str(t.get(copied..i).unwrap_or(""));
                        joined.push_str(&args);
                        copied = close;
                    }
                    skip_to = close;
                }
            }
            c if c.is_whitespace() && depth <= 0 => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let t_cut: std::borrow::Cow<str> = if copied == 0 {
        t.get(..end).unwrap_or(t).into()
    } else {
        joined.push_str(t.get(copied..end).unwrap_or(""));
        joined.into()
    };
    let t_cut: &str = &t_cut;
    let mut p = query_start(t_cut).map_or(t_cut, |q| t_cut.get(..q).unwrap_or(t_cut)).to_string();
    if let Some(rest) = p.strip_prefix('~') {
        p = rest.to_string();
    }
    let lower = p.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        let after = p.splitn(4, '/').nth(3).unwrap_or("");
        p = format!("/{after}");
    }
    for v in ["/v1.0/", "/beta/", "/{version}/"] {
        if let Some(rest) = p.strip_prefix(v) {
            p = format!("/{rest}");
        }
    }
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    // `<name>` placeholders are parameters.
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        match c {
            '<' => out.push('{'),
            '>' => out.push('}'),
            _ => out.push(c),
        }
    }
    // `/.../` stands for any nesting: keep one level.
    let segs: Vec<&str> = out.split('/').filter(|s| !matches!(s.trim(), "..." | "…" | "..")).collect();
    let mut p = value_placeholders(&segs.join("/"));
    // A trailing slash names the same resource.
    while p.len() > 1 && p.ends_with('/') {
        p.pop();
    }
    if p.is_empty() {
        p.push('/');
    }
    let changed = p != target.trim();
    (p, changed)
}

/// The function arguments opened at `open`, if they close on this line
/// (parentheses nest, quoted text is skipped): where they end (just past the
/// `)`) and their text without the whitespace between arguments (quoted
/// text keeps its own).
fn function_arguments(t: &str, open: usize) -> Option<(usize, String)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut args = String::new();
    for (i, c) in t.get(open..)?.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, c) if c.is_whitespace() => continue,
            (None, '(') => depth += 1,
            (None, ')') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    args.push(c);
                    return Some((open + i + 1, args));
                }
            }
            _ => {}
        }
        args.push(c);
    }
    None
}

/// Function arguments written `name=name-value` (the docs' placeholder
/// convention) become parameters: `name={name}`.
fn value_placeholders(p: &str) -> String {
    static RX: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let rx = RX.get_or_init(|| regex::Regex::new(r"=(')?([A-Za-z][A-Za-z0-9_]*)-value(')?([,)])").ok());
    match rx {
        Some(rx) => rx.replace_all(p, "=$1{$2}$3$4").into_owned(),
        None => p.to_string(),
    }
}

/// Byte offset of the `?` that starts a query string (outside braces and
/// parentheses).
fn query_start(p: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in p.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            '?' if depth <= 0 => return Some(i),
            _ => {}
        }
    }
    None
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
    fn contains_ignore_ascii_case_agrees_with_a_plain_search() {
        let plain = |hay: &str, needle: &str| needle.is_empty() || hay.to_ascii_lowercase().contains(needle);
        let pieces = ["no", "t ", "NOT", "Nullable", "null", "é", " ", "n", "able", "-", "Ä"];
        let needles = ["", "n", "not nullable", "null", "é", "able", "-n", "t n"];
        let mut state = 777u64;
        let mut next = |n: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
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
    fn normal_paths_are_kept_as_the_full_normalisation_keeps_them() {
        // Paths built from pieces that exercise every rule of the full
        // normalisation; the fast path must agree with it on each.
        let pieces = [
            "/",
            "a",
            "{id}",
            "..",
            "...",
            "-value",
            "=x-value)",
            "?",
            " ",
            "<n>",
            "~",
            "`",
            "v1.0",
            "beta",
            "{version}",
            "(k='v')",
            "é",
            "\"",
            ":",
            "$ref",
            "//",
            "/v1.0/",
        ];
        let mut state = 12345u64;
        let mut next = |n: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        let mut fast = 0;
        for _ in 0..20_000 {
            let len = 1 + next(6);
            let path: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            if is_normal_path(&path) {
                fast += 1;
            }
            assert_eq!(normalise_path(&path), normalise_path_full(&path), "{path:?}");
        }
        assert!(fast > 100, "the fast path was taken only {fast} times");
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
    }

    #[test]
    fn paths() {
        assert_eq!(normalise_path("/a/b?$x=1"), ("/a/b".to_string(), true));
        assert_eq!(normalise_path("a/b"), ("/a/b".to_string(), true));
        assert_eq!(normalise_path("/a/{id}"), ("/a/{id}".to_string(), false));
        let n = |s: &str| normalise_path(s).0;
        assert_eq!(n("https://graph.microsoft.com/v1.0/a/b/"), "/a/b");
        assert_eq!(n("~/a/b HTTP/1.1"), "/a/b");
        assert_eq!(n("/a/f(x=x-value,y='y-value')"), "/a/f(x={x},y='{y}')");
        assert_eq!(n("/a/range(<address>)/b"), "/a/range({address})/b");
        assert_eq!(n("/a/{id}/.../b/{id}"), "/a/{id}/b/{id}");
        assert_eq!(n("/users/{id | userPrincipalName}/x or /me/x"), "/users/{id | userPrincipalName}/x");
        assert_eq!(n("/a/f(q='x?y')?$top=2"), "/a/f(q='x?y')");
        // Spaces between function arguments do not end the path.
        assert_eq!(n("/a/f(x={x}, y={y})"), "/a/f(x={x},y={y})");
        assert_eq!(n("/a/f(x={x}, y={y})/b and more"), "/a/f(x={x},y={y})/b");
        assert_eq!(n("/a/f(q='p q', r = 's')"), "/a/f(q='p q',r='s')");
        assert_eq!(n("/a/f(g(x), h) (prose)"), "/a/f(g(x),h)");
        // Arguments that never close: the path ends at the space, as before.
        assert_eq!(n("/a/f(x={x}, y"), "/a/f(x={x},");
        assert_eq!(n("/a/f(q=')', x) y"), "/a/f(q=')',x)");
    }

    #[test]
    fn decode_normalises() {
        let s = decode("v1.0/api/x.md", b"\xef\xbb\xbfa\r\nb\xff");
        assert_eq!(s.text, "a\nb\u{fffd}");
        let codes: Vec<_> = s.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["E001", "W001"]);
    }
}
