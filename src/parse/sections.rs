//! API pages: the sections that describe an operation's request and
//! response beyond its request line — Request headers, Request body,
//! Response, and the query- and function-parameter sections.
//!
//! Collects each section's text blocks (paragraphs and list items, with
//! their links and code spans) and tables, with lines, from the events of
//! the page's one markdown parse. Nothing here decides what a section
//! means: that is `model::operations`.

use super::resource::{Link, Row};
use super::table::TableReader;
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// What a section describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    /// "Request headers" (or "Optional request headers").
    RequestHeaders,
    /// "Request body".
    RequestBody,
    /// "Response", outside the examples.
    Response,
    /// "Optional query parameters" and its variants.
    QueryOptions,
    /// "Function parameters" (or "Parameters"): the operation's own.
    Parameters,
}

/// A paragraph or list item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// Text with markup removed (soft breaks as spaces).
    pub text: String,
    /// Links, in order.
    pub links: Vec<Link>,
    /// Code spans, in order.
    pub code: Vec<String>,
    /// 1-based line.
    pub line: u32,
}

/// A table of a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Header cells, lower case.
    pub header: Vec<String>,
    /// Body rows.
    pub rows: Vec<Row>,
    /// 1-based line.
    pub line: u32,
}

/// One section with what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawSection {
    /// What it describes.
    pub kind: SectionKind,
    /// 1-based line of its heading.
    pub line: u32,
    /// How many "HTTP request" headings came before it (pages that document
    /// several operations repeat the sections per operation).
    pub operation: u32,
    /// Paragraphs and list items, in order.
    pub blocks: Vec<Block>,
    /// Tables, in order.
    pub tables: Vec<Table>,
}

/// The operation sections of a page, with the lines of its "HTTP request"
/// headings (to tell which operation a section belongs to).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawSections {
    /// Sections in page order.
    pub sections: Vec<RawSection>,
    /// Lines of the "HTTP request" headings, in order.
    pub request_headings: Vec<u32>,
}

impl RawSections {
    /// Take every line through `to` (from spliced text to page lines).
    pub fn remap_lines(&mut self, to: impl Fn(u32) -> u32) {
        for h in &mut self.request_headings {
            *h = to(*h);
        }
        for s in &mut self.sections {
            s.line = to(s.line);
            for b in &mut s.blocks {
                b.line = to(b.line);
            }
            for t in &mut s.tables {
                t.line = to(t.line);
                for r in &mut t.rows {
                    r.line = to(r.line);
                }
            }
        }
    }
}

/// What a heading starts.
enum HeadingRole {
    Section(SectionKind),
    HttpRequest,
    Examples,
    /// A heading that ends the examples (a new operation's permissions).
    Permissions,
    Other,
}

fn heading_role(text: &str) -> HeadingRole {
    // Compared in place, ignoring case: most headings are none of these.
    let t = super::trim_to_alphanumeric(text);
    let starts = |p: &str| super::starts_with_ignore_ascii_case(t, p);
    let one_of = |names: &[&str]| names.iter().any(|n| t.eq_ignore_ascii_case(n));
    if one_of(&["request headers", "request header", "optional request headers", "optional request header", "request headers (optional)"]) {
        HeadingRole::Section(SectionKind::RequestHeaders)
    } else if one_of(&["request body"]) {
        HeadingRole::Section(SectionKind::RequestBody)
    } else if one_of(&["response", "responses"]) {
        HeadingRole::Section(SectionKind::Response)
    } else if one_of(&["function parameters", "parameters", "query string parameters"]) {
        HeadingRole::Section(SectionKind::Parameters)
    } else if starts("optional query parameter") || starts("query parameter") || starts("odata query parameter") || starts("optional odata query") {
        HeadingRole::Section(SectionKind::QueryOptions)
    } else if starts("http request") {
        HeadingRole::HttpRequest
    } else if starts("example") {
        HeadingRole::Examples
    } else if starts("permission") {
        HeadingRole::Permissions
    } else {
        HeadingRole::Other
    }
}

/// Collects the operation sections of an API page from the events of the
/// page's one markdown parse (see [`super::parse`]). Outside its sections it
/// looks at headings only, so the rest of the page costs next to nothing.
#[derive(Default)]
pub struct Collector {
    out: RawSections,
    /// Heading being read: level, line, whether it is a docfx tab; its
    /// text is in `heading_text`.
    heading: Option<(HeadingLevel, u32, bool)>,
    heading_text: String,
    /// The open section and the level of its heading.
    current: Option<(RawSection, HeadingLevel)>,
    in_examples: bool,
    table: Option<TableReader>,
    /// The reader of the last table, reused.
    spare_table: TableReader,
    /// The block being read; its text is in `block_text` until it ends.
    block: Option<Block>,
    block_text: String,
    /// The target of the link being read; its text is in `link_text`.
    link: Option<String>,
    link_text: String,
}

impl Collector {
    /// Take one event; `line` gives the 1-based line where it starts.
    /// Outside a section only headings matter: the other events (most of a
    /// page's, the examples' code lines among them) stop here.
    #[inline]
    pub fn event(&mut self, event: &Event, line: impl Fn() -> u32) {
        if self.heading.is_some() || self.current.is_some() || matches!(event, Event::Start(Tag::Heading { .. }) | Event::End(TagEnd::Heading(_))) {
            self.take(event, line);
        }
    }

    fn take(&mut self, event: &Event, line: impl Fn() -> u32) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.end_block();
                self.heading_text.clear();
                self.heading = Some((*level, line(), false));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, l, tab)) = self.heading.take() {
                    if !tab {
                        let text = std::mem::take(&mut self.heading_text);
                        self.on_heading(level, &text, l);
                        self.heading_text = text;
                    }
                }
            }
            _ if self.heading.is_some() => {
                if let Some((_, _, tab)) = self.heading.as_mut() {
                    match event {
                        Event::Text(t) | Event::Code(t) => self.heading_text.push_str(t),
                        Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("#tab/") => *tab = true,
                        _ => {}
                    }
                }
            }
            _ if self.current.is_none() => {}
            _ => self.in_section(event, line),
        }
    }

    fn on_heading(&mut self, level: HeadingLevel, text: &str, line: u32) {
        let role = heading_role(text);
        // A sub-heading that names nothing of its own stays in its section.
        if matches!(role, HeadingRole::Other) && self.current.as_ref().is_some_and(|(_, l)| level > *l) {
            return;
        }
        self.close();
        match role {
            HeadingRole::HttpRequest => {
                self.in_examples = false;
                self.out.request_headings.push(line);
            }
            HeadingRole::Permissions => self.in_examples = false,
            HeadingRole::Examples => self.in_examples = true,
            HeadingRole::Section(kind) if !self.in_examples => {
                let operation = self.out.request_headings.len() as u32;
                self.current = Some((RawSection { kind, line, operation, blocks: Vec::new(), tables: Vec::new() }, level));
            }
            HeadingRole::Section(_) | HeadingRole::Other => {}
        }
    }

    fn close(&mut self) {
        self.end_block();
        self.table = None;
        if let Some((s, _)) = self.current.take() {
            self.out.sections.push(s);
        }
    }

    fn end_block(&mut self) {
        if let Some(mut b) = self.block.take() {
            let t = super::trim(&self.block_text);
            if !t.is_empty() {
                if let Some((s, _)) = self.current.as_mut() {
                    b.text = t.to_string();
                    s.blocks.push(b);
                }
            }
            self.block_text.clear();
        }
    }

    fn in_section(&mut self, event: &Event, line: impl Fn() -> u32) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Item) if self.table.is_none() => {
                self.end_block();
                self.block = Some(Block { line: line(), ..Block::default() });
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => self.end_block(),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link_text.clear();
                self.link = Some(String::from(&**dest_url));
            }
            Event::End(TagEnd::Link) => {
                if let Some(target) = self.link.take() {
                    let l = Link { text: super::trim(&self.link_text).to_string(), target };
                    if let Some(t) = self.table.as_mut() {
                        t.cell.links.push(l);
                    } else if let Some(b) = self.block.as_mut() {
                        b.links.push(l);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if self.link.is_some() {
                    self.link_text.push_str(t);
                }
                let code = matches!(event, Event::Code(_));
                let (text, spans) = match (self.table.as_mut(), self.block.as_mut()) {
                    (Some(tb), _) => (&mut tb.cell.text, &mut tb.cell.code),
                    (None, Some(b)) => (&mut self.block_text, &mut b.code),
                    (None, None) => return,
                };
                text.push_str(t);
                if code {
                    spans.push(String::from(&**t));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.block.is_some() {
                    self.block_text.push(' ');
                } else if let Some(t) = self.table.as_mut() {
                    t.cell.text.push(' ');
                }
            }
            _ => self.table_event(event, line),
        }
    }

    fn table_event(&mut self, event: &Event, line: impl Fn() -> u32) {
        match event {
            Event::Start(Tag::Table(_)) => {
                self.end_block();
                let mut t = std::mem::take(&mut self.spare_table);
                t.start(line(), true);
                self.table = Some(t);
            }
            Event::End(TagEnd::Table) => {
                if let Some(mut t) = self.table.take() {
                    if let Some((s, _)) = self.current.as_mut() {
                        let read = t.finish();
                        s.tables.push(Table { header: read.header, rows: read.rows, line: read.line });
                    }
                    self.spare_table = t;
                }
            }
            _ => {
                if let Some(t) = self.table.as_mut() {
                    t.event(event, line);
                }
            }
        }
    }

    /// What was collected. The collector is then ready for another page,
    /// with the buffers it grew (the text buffers are emptied where used).
    pub fn finish(&mut self) -> RawSections {
        self.close();
        let Collector { out, heading, heading_text: _, current, in_examples, table, spare_table: _, block, block_text: _, link, link_text: _ } = self;
        (*heading, *current, *in_examples, *table, *block, *link) = (None, None, false, None, None, None);
        std::mem::take(out)
    }
}

/// Collect the operation sections of a page body on its own parse (tests and
/// tools; [`super::parse`] feeds a [`Collector`] instead). `offset` is where
/// `body` starts in `text` (after the front matter).
pub fn parse(text: &str, offset: usize) -> RawSections {
    let index = crate::diag::Lines::new(text);
    let body = super::table_safe(text.get(offset..).unwrap_or(""));
    let mut c = Collector::default();
    for (event, range) in pulldown_cmark::Parser::new_ext(&body, pulldown_cmark::Options::ENABLE_TABLES).into_offset_iter() {
        c.event(&event, || index.line(offset + range.start));
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_blocks_and_tables() {
        let page = "# Frob widget\n\n## HTTP request\n\n```http\nPOST /widgets/{id}/frob\n```\n\n## Optional query parameters\n\nThe call takes `$select` and\n`$top`.\n\n## Request headers\n\n| Header | Value |\n|:--|:--|\n| Authorization | Bearer {token}. Required. |\n\n## Request body\n\nSend these [values](../resources/knob.md).\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| level | Int32 | How far. Required. |\n\n### Notes\n\n- a listed note\n\n## Response\n\nGives a `200 OK` code and a [knob](../resources/knob.md) object.\n\n## Example\n\n### Response\n\nNot a section.\n";
        let r = parse(page, 0);
        assert_eq!(r.request_headings, vec![3]);
        let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SectionKind::QueryOptions, SectionKind::RequestHeaders, SectionKind::RequestBody, SectionKind::Response]);
        let q = &r.sections[0];
        assert_eq!(
            (q.blocks[0].text.as_str(), q.blocks[0].code.clone(), q.blocks[0].line),
            ("The call takes $select and $top.", vec!["$select".to_string(), "$top".to_string()], 11)
        );
        let h = &r.sections[1].tables[0];
        assert_eq!(
            (h.header.clone(), h.rows[0].cells[0].text.as_str(), h.rows[0].line),
            (vec!["header".to_string(), "value".to_string()], "Authorization", 18)
        );
        let b = &r.sections[2];
        assert_eq!(b.blocks[0].links[0].target, "../resources/knob.md");
        assert_eq!(b.tables[0].rows[0].cells[1].text, "Int32");
        // The list item under a sub-heading stays in the Request body section.
        assert_eq!(b.blocks.last().map(|b| b.text.as_str()), Some("a listed note"));
        assert_eq!(r.sections[3].blocks[0].links[0].text, "knob");
        assert!(r.sections.iter().all(|s| s.operation == 1));
    }
}
