//! The walk over one page's Markdown events: sections from headings,
//! annotations, tables (permission tables kept), paragraphs the request
//! and response sections read, and the code blocks handed to `examples`
//! and `paths`.

use super::{
    contains_ignore_ascii_case, frontmatter, json, permissions, resource, sections, starts_with_ignore_ascii_case, status_in_code_spans, status_in_prose,
    table_safe, trim,
};
use super::{is_include_file, page_kind, BlockType, PageKind, RawPage, RawPermTable, Source};
use crate::diag::{Diagnostic, Lines};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::cell::Cell;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Section {
    Other,
    Permissions,
    HttpRequest,
    Response,
    Examples,
}

/// Classify a heading from its text (`text`) and its source (`raw`, which
/// still holds link targets such as docfx's `#tab/http`).
fn classify_heading(text: &str, raw: &str) -> Option<Section> {
    let t = trim(text);
    // docfx tab headings (`# [HTTP](#tab/http)`) live inside example sections.
    // Most headings hold no `]`: the substring search is skipped.
    let tab = memchr::memchr(b']', raw.as_bytes()).is_some() && raw.contains("](#tab/");
    if tab || t.is_empty() || t == "---" {
        return None;
    }
    let t = super::trim_to_alphanumeric(t);
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

pub(super) struct State<'a> {
    pub(super) index: Lines<'a>,
    pub(super) page: RawPage,
    pub(super) section: Section,
    // Heading level that opened the current section.
    pub(super) section_level: u8,
    pub(super) in_examples: bool,
    pub(super) pending_annotation: Option<(json::Object, usize)>,
    // The last unannotated http code block, for `example` blocks that follow one.
    pub(super) last_plain_http: Option<(String, usize)>,
    pub(super) deprecated_prefixes: Vec<String>,
    pub(super) example_names: Vec<String>,
    // The role the last Request/Response heading gives to unannotated blocks.
    pub(super) example_role_hint: Option<BlockType>,
    // The `name` and `requestUrls` of a `blockType: permissions` annotation
    // waiting for its table.
    pub(super) perm_annotation: Option<(String, Vec<(String, String)>)>,
    // The request lines of an HTTP block of the permissions section, which
    // the next permission table governs unless its annotation names its own.
    pub(super) perm_block_urls: Vec<(String, String)>,
    // Spliced-text lines of include directives that were not resolved.
    pub(super) unresolved: &'a [u32],
    // A permissions section held an include that was not resolved.
    pub(super) unresolved_permissions: bool,
    // The last heading or paragraph of the permissions and request
    // sections, whose first line is the caption of the next table or
    // request block ([`caption_of`], worked out only for those: most
    // headings and paragraphs caption nothing).
    pub(super) caption: String,
    // Request blocks read so far.
    pub(super) request_blocks: u32,
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
    if !include_file {
        front_matter_diagnostics(&fm, kind, area.is_some(), &src.path, &mut diagnostics);
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
        unread_request_urls: Vec::new(),
        examples: Vec::new(),
        success_status: None,
        diagnostics,
        request_sections: 0,
        has_permissions_section: false,
        resource: None,
        sections: sections::RawSections::default(),
    };
    let mut spare = SPARE.with(Cell::take).unwrap_or_default();
    let mut caption = std::mem::take(&mut spare.caption);
    caption.clear();
    let mut st = State::new(text, page, &src.map.unresolved, caption);
    // Parse only the body, but keep offsets relative to the whole text.
    let body = table_safe(text.get(fm.body_start..).unwrap_or(""));
    let mut walk = Walk::new(text, fm.body_start, kind, spare);
    for (event, range) in Parser::new_ext(&body, Options::ENABLE_TABLES).into_offset_iter() {
        walk.event(&mut st, &event, range);
    }
    let mut spare = walk.spare;
    st.page.resource = (kind == PageKind::Resource).then(|| spare.resource.finish());
    st.page.sections = if kind == PageKind::Api { spare.operation.finish() } else { Default::default() };
    spare.caption = std::mem::take(&mut st.caption);
    // A hostile page's huge blocks do not stay with the thread.
    for b in [&mut spare.heading, &mut spare.code, &mut spare.para, &mut spare.html, &mut spare.caption] {
        b.shrink_to(MAX_KEPT_BUFFER);
    }
    SPARE.with(|s| s.set(Some(spare)));
    let mut page = st.finish();
    src.map.remap(&mut page, spliced_from);
    page
}

/// The collectors and buffers of a page walk, kept from page to page on a
/// thread: most of what a page's walk gathers is read and dropped, and
/// only what a page keeps is allocated for it. A speed measure: with the
/// JSON reader's stacks it pays 4.6% of a full generate (docs/DESIGN.md,
/// "Ninth round, lead").
#[derive(Default)]
struct Spare {
    resource: resource::Collector,
    operation: sections::Collector,
    table: TableAcc,
    heading: String,
    code: String,
    /// The info string of the code block being read, lower case.
    code_info: String,
    para: String,
    html: String,
    caption: String,
}

/// Bytes of each of a walk's text buffers kept for the next page.
const MAX_KEPT_BUFFER: usize = 1 << 20;

thread_local! {
    static SPARE: Cell<Option<Box<Spare>>> = const { Cell::new(None) };
}

/// W002 for front matter missing or not closed, W003 for one without a
/// title or an area.
fn front_matter_diagnostics(fm: &frontmatter::FrontMatter, kind: PageKind, has_area: bool, path: &str, diagnostics: &mut Vec<Diagnostic>) {
    if !fm.present || !fm.closed {
        let misc = if kind == PageKind::Other { "" } else { "; the page goes into `misc`" };
        diagnostics.push(Diagnostic::new("W002", path, 1, 1, format!("front matter missing or not closed{misc}")));
    } else if kind != PageKind::Other && (fm.get("title").is_none() || !has_area) {
        let what = match (fm.get("title"), has_area) {
            (None, false) => "front matter has no title and names no area (ms.prod, ms.subservice or ms.service); the page goes into `misc`",
            (None, true) => "front matter has no title",
            _ => "front matter names no area (ms.prod, ms.subservice or ms.service); the page goes into `misc`",
        };
        diagnostics.push(Diagnostic::new("W003", path, 1, 1, what));
    }
}

/// The blocks being collected while the events of one page go by, and the
/// collectors of the page's kind, which see every event.
struct Walk<'t> {
    /// The whole page text; event offsets are relative to `base`.
    text: &'t str,
    base: usize,
    /// The page's kind has a collector that sees every event.
    resource: bool,
    operation: bool,
    heading: Option<(HeadingLevel, String)>,
    /// (text, offset); the info string is in `spare.code_info`.
    code: Option<(String, usize)>,
    html: Option<(String, usize)>,
    table: Option<TableAcc>,
    para: Option<String>,
    /// The collectors, and the buffers of the blocks not being read.
    spare: Box<Spare>,
}

impl<'t> Walk<'t> {
    fn new(text: &'t str, base: usize, kind: PageKind, spare: Box<Spare>) -> Self {
        Walk {
            text,
            base,
            resource: kind == PageKind::Resource,
            operation: kind == PageKind::Api,
            heading: None,
            code: None,
            html: None,
            table: None,
            para: None,
            spare,
        }
    }

    fn event(&mut self, st: &mut State, event: &Event<'_>, range: std::ops::Range<usize>) {
        let off = self.base + range.start;
        if self.resource {
            self.spare.resource.event(event, || st.index.line(off));
        }
        if self.operation {
            self.spare.operation.event(event, || st.index.line(off));
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.heading = Some((*level, sized(&mut self.spare.heading, &range))),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = self.heading.take() {
                    st.on_heading(level, &text, self.raw(&range), off);
                    self.spare.heading = text;
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.spare.code_info.clear();
                if let CodeBlockKind::Fenced(i) = kind {
                    self.spare.code_info.push_str(trim(i));
                    self.spare.code_info.make_ascii_lowercase();
                }
                self.code = Some((sized(&mut self.spare.code, &range), off));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((text, start)) = self.code.take() {
                    st.on_permissions_block(&text);
                    st.on_code(&self.spare.code_info, &text, start);
                    self.spare.code = text;
                }
            }
            Event::Start(Tag::HtmlBlock) => self.html = Some((sized(&mut self.spare.html, &range), off)),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((text, start)) = self.html.take() {
                    st.on_html(&text, start);
                    self.spare.html = text;
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => self.html_text(t),
            Event::Start(Tag::Table(_)) => {
                st.on_table_start();
                let mut t = std::mem::take(&mut self.spare.table);
                t.reset(off);
                self.table = Some(t);
            }
            Event::Start(Tag::TableHead | Tag::TableCell) | Event::End(TagEnd::TableHead | TagEnd::TableCell | TagEnd::TableRow) => self.table_event(st, event),
            Event::End(TagEnd::Table) => {
                if let Some(mut t) = self.table.take() {
                    st.on_table(&mut t);
                    self.spare.table = t;
                }
            }
            // Paragraph text matters only in the HTTP request section (notes
            // on deprecated paths) and in the response section before a
            // status is known; elsewhere it is not collected.
            Event::Start(Tag::Paragraph) if st.wants_paragraphs() => self.para = Some(sized(&mut self.spare.para, &range)),
            Event::End(TagEnd::Paragraph) => self.end_paragraph(st, &range),
            Event::Text(t) | Event::Code(t) => self.text(t),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = self.para.as_mut() {
                    p.push('\n');
                }
                if let Some(t2) = self.table.as_mut().filter(|t| t.collecting()) {
                    t2.cell.push(' ');
                }
            }
            _ => {}
        }
    }

    /// The page's source text of an event's range.
    fn raw(&self, range: &std::ops::Range<usize>) -> &'t str {
        text_at(self.text, self.base + range.start, self.base + range.end)
    }

    /// HTML: part of an HTML block, or inline in a paragraph or table cell.
    fn html_text(&mut self, t: &str) {
        match self.html.as_mut() {
            Some((buf, _)) => buf.push_str(t),
            None => {
                if let Some(p) = self.para.as_mut() {
                    p.push_str(t);
                }
                if let Some(tb) = self.table.as_mut().filter(|t| t.collecting()) {
                    tb.cell.push_str(t);
                }
            }
        }
    }

    /// Text goes to the innermost block being collected.
    fn text(&mut self, t: &str) {
        if let Some((_, h)) = self.heading.as_mut() {
            h.push_str(t);
        } else if let Some((c, _)) = self.code.as_mut() {
            c.push_str(t);
        } else if let Some(t2) = self.table.as_mut() {
            if t2.collecting() {
                t2.cell.push_str(t);
            }
        } else if let Some(p) = self.para.as_mut() {
            p.push_str(t);
        }
    }

    /// The head, cells and rows of the table being collected.
    fn table_event(&mut self, st: &State, event: &Event<'_>) {
        let Some(t) = self.table.as_mut() else { return };
        match event {
            Event::Start(Tag::TableHead) => t.in_head = true,
            Event::End(TagEnd::TableHead) => {
                t.in_head = false;
                // Rows of a table that cannot be a permission table are
                // not collected.
                t.skip_rows = !permissions::may_be_permission_table(t.header(), st.in_permission_section());
            }
            Event::Start(Tag::TableCell) => t.cell.clear(),
            Event::End(TagEnd::TableCell) if t.in_head => {
                // Header cells reuse the strings of the last table's.
                match t.header.get_mut(t.header_len) {
                    Some(h) => {
                        h.clear();
                        h.push_str(trim(&t.cell));
                    }
                    None => t.header.push(trim(&t.cell).to_string()),
                }
                t.header_len += 1;
            }
            Event::End(TagEnd::TableCell) if !t.skip_rows => t.row.push(trim(&t.cell).to_string()),
            Event::End(TagEnd::TableRow) if !t.skip_rows => {
                let cells = std::mem::take(&mut t.row);
                if !t.in_head {
                    t.rows.push(cells);
                }
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self, st: &mut State, range: &std::ops::Range<usize>) {
        if !st.unresolved.is_empty() && st.in_permission_section() {
            let (from, to) = (st.index.line(self.base + range.start), st.index.line(self.base + range.end));
            st.unresolved_permissions |= st.unresolved.iter().any(|l| (from..=to).contains(l));
        }
        if let Some(p) = self.para.take() {
            st.on_paragraph(&p, self.raw(range));
            self.spare.para = p;
        }
    }
}

/// A table being collected. One is kept from table to table, its buffers
/// reused: most tables are not permission tables, and only those keep
/// their header and rows.
#[derive(Default)]
struct TableAcc {
    start: usize,
    in_head: bool,
    /// The header is the first `header_len` cells.
    header: Vec<String>,
    header_len: usize,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: String,
    /// The header rules out a permission table: rows are not collected.
    skip_rows: bool,
}

impl TableAcc {
    /// Ready for a table starting at `start`.
    fn reset(&mut self, start: usize) {
        self.start = start;
        self.in_head = false;
        self.header_len = 0;
        self.rows.clear();
        self.row.clear();
        self.skip_rows = false;
    }

    fn header(&self) -> &[String] {
        self.header.get(..self.header_len).unwrap_or_default()
    }

    /// Whether the cell being read is kept: a header cell, or a body cell
    /// of a table that may be a permission table.
    fn collecting(&self) -> bool {
        self.in_head || !self.skip_rows
    }
}

/// `buf`, emptied and with room for the text of the block at `range`
/// (a block's text is at most its source), leaving an empty string in its
/// place.
fn sized(buf: &mut String, range: &std::ops::Range<usize>) -> String {
    let mut b = std::mem::take(buf);
    b.clear();
    b.reserve(range.len());
    b
}

fn text_at(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or("")
}

impl<'a> State<'a> {
    fn new(text: &'a str, page: RawPage, unresolved: &'a [u32], caption: String) -> Self {
        State {
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
            perm_block_urls: Vec::new(),
            unresolved,
            unresolved_permissions: false,
            caption,
            request_blocks: 0,
        }
    }

    pub(super) fn pos(&self, off: usize) -> (u32, u32) {
        self.index.position(off)
    }

    pub(super) fn diag(&mut self, code: &str, off: usize, msg: impl Into<String>) {
        let (l, c) = self.pos(off);
        let d = Diagnostic::new(code, &self.page.path, l, c, msg);
        self.page.diagnostics.push(d);
    }

    fn on_heading(&mut self, level: HeadingLevel, text: &str, raw: &str, off: usize) {
        let Some(sec) = classify_heading(text, raw) else { return };
        self.drop_perm_annotation();
        self.perm_block_urls.clear();
        set_caption(&mut self.caption, text);
        if let Some((_, aoff)) = self.pending_annotation.take() {
            self.diag("W011", aoff, "annotation is not followed by a code block");
        }
        let level = level as u8;
        // A sub-heading of an HTTP request section that names no section of
        // its own (`### Get the photo`) stays in it.
        if self.section == Section::HttpRequest && sec == Section::Other && level > self.section_level {
            return;
        }
        // So does a sub-heading of the Response section that names no
        // section (`### CSV`, `### JSON`: one part per form of the response).
        if self.section == Section::Response && sec == Section::Other && level > self.section_level {
            return;
        }
        self.section_level = level;
        let word = super::trim_to_alphanumeric(text);
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
                // A permissions annotation still names its table's lines.
                if let Some((name, urls)) = super::paths::salvage_permissions(inner) {
                    self.diag("W010", off, "annotation is not valid JSON; read as a permissions annotation by its strings");
                    if let Some((_, aoff)) = self.pending_annotation.take() {
                        self.diag("W011", aoff, "annotation is not followed by a code block");
                    }
                    self.drop_perm_annotation();
                    self.perm_annotation = Some((name, urls));
                    return;
                }
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
            let name = obj.get("name").and_then(json::Json::as_str).unwrap_or_default().to_string();
            self.drop_perm_annotation();
            self.perm_annotation = Some((name, super::paths::annotation_request_urls(&obj)));
            return;
        }
        self.pending_annotation = Some((obj, off));
    }

    /// A `permissions` annotation that no table took (its include could not
    /// be read): the lines it names are kept, so that no other table of the
    /// page is given them.
    fn drop_perm_annotation(&mut self) {
        if let Some((_, urls)) = self.perm_annotation.take() {
            self.page.unread_request_urls.extend(urls);
        }
    }

    /// A table starts: an `ignored` annotation right above it protects the
    /// table from the docs' own table generator and expects no code block.
    fn on_table_start(&mut self) {
        if self.pending_annotation.as_ref().is_some_and(|(a, _)| block_type_is(a, "ignored")) {
            self.pending_annotation = None;
        }
    }

    pub(super) fn diag_line(&mut self, code: &str, line: u32, msg: impl Into<String>) {
        let d = Diagnostic::new(code, &self.page.path, line, 1, msg);
        self.page.diagnostics.push(d);
    }

    /// A block of request lines in the permissions section names the lines
    /// the next permission table governs (`Permissions for the following
    /// HTTP request:`), as a `requestUrls` annotation would.
    fn on_permissions_block(&mut self, text: &str) {
        if self.in_permission_section() {
            self.perm_block_urls = super::paths::block_request_urls(text);
        }
    }

    /// Whether a table here counts as in the permissions section.
    fn in_permission_section(&self) -> bool {
        self.section == Section::Permissions && !self.in_examples
    }

    fn on_table(&mut self, t: &mut TableAcc) {
        if !permissions::is_permission_table(t.header(), &t.rows, self.in_permission_section()) {
            return;
        }
        let (line, _) = self.pos(t.start);
        // A `permissions` annotation names the operation the table is for:
        // held since the annotation (it may precede an include) or just above.
        let (annotation, request_urls) = match self.perm_annotation.take() {
            Some((name, urls)) => (Some(name), urls),
            None => match self.pending_annotation.as_ref().map(|(a, _)| annotation_block(a)) {
                Some(Some((bt, name))) if bt.eq_ignore_ascii_case("permissions") => {
                    self.pending_annotation = None;
                    (name, Vec::new())
                }
                _ => (None, Vec::new()),
            },
        };
        let block_urls = std::mem::take(&mut self.perm_block_urls);
        let request_urls = if request_urls.is_empty() { block_urls } else { request_urls };
        let caption = caption_of(&self.caption).to_string();
        self.caption.clear();
        let source = self.page.path.clone();
        let (header, cells) = (t.header().to_vec(), std::mem::take(&mut t.rows));
        self.page.permission_tables.push(RawPermTable { line, page_line: line, header, cells, caption, annotation, request_urls, source });
    }

    /// Whether [`State::on_paragraph`] can use a paragraph here.
    fn wants_paragraphs(&self) -> bool {
        matches!(self.section, Section::HttpRequest | Section::Permissions) || (self.section == Section::Response && self.page.success_status.is_none())
    }

    fn on_paragraph(&mut self, text: &str, raw: &str) {
        if matches!(self.section, Section::HttpRequest | Section::Permissions) {
            set_caption(&mut self.caption, text);
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
            self.page.success_status = status_in_prose(text).or_else(|| status_in_code_spans(backtick_spans(raw)));
        }
    }

    fn finish(mut self) -> RawPage {
        self.drop_perm_annotation();
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
pub(super) fn caption_of(text: &str) -> &str {
    // Nearly every caption is one line.
    let first = match memchr::memchr(b'\n', text.as_bytes()) {
        None => trim(text),
        Some(_) => text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or(""),
    };
    let t = first.trim_matches(|c: char| c == '*' || c == '_' || c == ':' || c == '#' || c.is_whitespace());
    // A text of at most 160 bytes has at most 160 characters.
    let end = if t.len() <= 160 { t.len() } else { t.char_indices().nth(160).map_or(t.len(), |(i, _)| i) };
    t.get(..end).unwrap_or(t)
}

/// Replace the caption's text in place: the buffer is reused.
fn set_caption(caption: &mut String, text: &str) {
    caption.clear();
    caption.push_str(text);
}

/// The `blockType` and `name` of an annotation.
fn annotation_block(ann: &json::Object) -> Option<(String, Option<String>)> {
    let bt = ann.get("blockType").and_then(json::Json::as_str)?.to_string();
    Some((bt, ann.get("name").and_then(json::Json::as_str).map(str::to_string)))
}

/// Whether an annotation's `blockType` is `kind` (any case).
fn block_type_is(ann: &json::Object, kind: &str) -> bool {
    ann.get("blockType").and_then(json::Json::as_str).is_some_and(|b| b.eq_ignore_ascii_case(kind))
}

fn backtick_spans(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}
