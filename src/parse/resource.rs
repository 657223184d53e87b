//! Resource pages (`*/resources/*.md`): the parts that describe a type.
//!
//! Collects, with their lines, the page's first heading, the `Namespace:`
//! line, the "inherits from" sentence, and every table under a Properties,
//! Relationships or Members heading (enum pages list their values in a
//! Members table; the shared enum pages put one table under each
//! `### name values` heading). The JSON representation block is already an
//! example of the page (`BlockType::Resource`). Nothing here resolves names:
//! that is `model::types`.

use super::table::TableReader;
use crate::diag::Lines;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// What a table under a heading describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// Structural properties.
    Properties,
    /// Navigation properties.
    Relationships,
    /// Enum members.
    Members,
}

/// A link in a cell or sentence: its text and target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Link text.
    pub text: String,
    /// Link destination as written.
    pub target: String,
}

/// One table cell: its plain text and the links in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// Text with markup removed.
    pub text: String,
    /// Links, in order.
    pub links: Vec<Link>,
    /// Code spans, in order.
    pub code: Vec<String>,
}

/// One body row of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Cells in order.
    pub cells: Vec<Cell>,
    /// 1-based line.
    pub line: u32,
}

/// A table that describes part of a type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeTable {
    /// What the table lists.
    pub kind: TableKind,
    /// Text of the heading the table sits under.
    pub heading: String,
    /// Header cells, lower case.
    pub header: Vec<String>,
    /// Body rows.
    pub rows: Vec<Row>,
    /// 1-based line of the table.
    pub line: u32,
}

/// The type-describing parts of a resource page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawResource {
    /// Text of the first level-1 heading, with its line.
    pub title: Option<(String, u32)>,
    /// The `Namespace: x` line's namespace.
    pub namespace: Option<String>,
    /// Links of the first sentence saying the type inherits from another, with its line.
    pub inherits: Option<(Vec<Link>, u32)>,
    /// Tables under Properties, Relationships and Members headings.
    pub tables: Vec<TypeTable>,
    /// The prose calls the type an open type.
    pub open_in_prose: bool,
    /// The page has a Properties or Relationships heading (even with no table under it).
    pub has_property_headings: bool,
}

impl RawResource {
    /// Every line it holds, passed through `to` (spliced-text lines to page
    /// lines, [`super::sourcemap::SourceMap::remap`]).
    pub fn remap_lines(&mut self, to: impl Fn(u32) -> u32) {
        if let Some((_, l)) = self.title.as_mut() {
            *l = to(*l);
        }
        if let Some((_, l)) = self.inherits.as_mut() {
            *l = to(*l);
        }
        for t in &mut self.tables {
            t.line = to(t.line);
            for r in &mut t.rows {
                r.line = to(r.line);
            }
        }
    }
}

fn table_kind(heading: &str, under_title: bool, header: &[String]) -> Option<TableKind> {
    // Header cells are lower case already.
    let h = heading.trim().trim_end_matches(':').trim().to_ascii_lowercase();
    let first = header.first().map_or("", String::as_str).trim();
    // Some pages put the table right under the title, with no section
    // heading; a `Name` column names properties only beside a `Type` one (a
    // list of named things, such as an included table of folder names, is
    // not a type's properties).
    if under_title {
        let typed = header.get(1).is_some_and(|c| c.trim().starts_with("type"));
        return if first.starts_with("property") || (first == "name" && typed) {
            Some(TableKind::Properties)
        } else if first.starts_with("relationship") {
            Some(TableKind::Relationships)
        } else if first.starts_with("member") {
            Some(TableKind::Members)
        } else {
            None
        };
    }
    // Property tables start with a name column; other tables under the same
    // heading (scenarios, methods) are prose.
    let names_column = ["property", "relationship", "name"].iter().any(|p| first.starts_with(p));
    let two_words = h.split_whitespace().count() == 2;
    match h.as_str() {
        "properties" if names_column => Some(TableKind::Properties),
        "relationships" if names_column => Some(TableKind::Relationships),
        _ if (h == "members" || (two_words && h.ends_with(" values"))) && (first.starts_with("member") || first == "name" || first == "value") => {
            Some(TableKind::Members)
        }
        _ => None,
    }
}

/// Collects the type-describing parts of a resource page from the events of
/// the page's one markdown parse (see [`super::parse`]), so a resource page
/// is parsed once, not once for the endpoints and again for the type.
#[derive(Default)]
pub struct Collector {
    out: RawResource,
    /// The heading being read (level, line); its text is in `heading_text`.
    heading: Option<(HeadingLevel, u32)>,
    heading_text: String,
    section: String,
    under_title: bool,
    table: Option<TableReader>,
    /// The reader of the last table, reused.
    spare_table: TableReader,
    /// What the table being read describes, known from its header.
    table_kind: Option<TableKind>,
    /// The target of the link being read; its text is in `link_text`.
    link: Option<String>,
    link_text: String,
    /// The paragraph being read (links, line); its text is in `para_text`.
    para: Option<(Vec<Link>, u32)>,
    para_text: String,
}

impl Collector {
    /// Take one event; `line` gives the 1-based line where it starts (asked
    /// only for the few events whose line is kept).
    pub fn event(&mut self, event: &Event, line: impl Fn() -> u32) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading_text.clear();
                self.heading = Some((*level, line()));
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell)
            | Event::End(TagEnd::TableHead | TagEnd::TableCell | TagEnd::TableRow | TagEnd::Table) => self.table_event(event, line),
            // A link is kept in a collected table cell or in a paragraph.
            Event::Start(Tag::Link { dest_url, .. }) if self.table.as_ref().map_or(self.para.is_some(), TableReader::collecting) => {
                self.link_text.clear();
                self.link = Some(String::from(&**dest_url));
            }
            Event::End(TagEnd::Link) => self.end_link(),
            Event::Start(Tag::Paragraph) => {
                self.para_text.clear();
                self.para = Some((Vec::new(), line()));
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some((links, l)) = self.para.take() {
                    on_paragraph(&mut self.out, &self.para_text, links, l);
                }
            }
            Event::Text(t) | Event::Code(t) => self.text(matches!(event, Event::Code(_)), t),
            Event::SoftBreak | Event::HardBreak if self.para.is_some() => self.para_text.push('\n'),
            _ => {}
        }
    }

    /// A heading: the page title (the first H1) and the section the tables
    /// below it are in.
    fn end_heading(&mut self) {
        let Some((level, l)) = self.heading.take() else { return };
        let t = super::trim(&self.heading_text);
        if level == HeadingLevel::H1 && self.out.title.is_none() {
            self.out.title = Some((t.to_string(), l));
        }
        if !t.starts_with('[') {
            self.under_title = level == HeadingLevel::H1;
            if t.eq_ignore_ascii_case("properties") || t.eq_ignore_ascii_case("relationships") {
                self.out.has_property_headings = true;
            }
            self.section.clear();
            self.section.push_str(t);
        }
    }

    /// The events of a table: its kind is known from its header, and only a
    /// kept table's rows are collected.
    fn table_event(&mut self, event: &Event, line: impl Fn() -> u32) {
        match event {
            Event::Start(Tag::Table(_)) => {
                let mut t = std::mem::take(&mut self.spare_table);
                t.start(line(), false);
                self.table = Some(t);
                self.table_kind = None;
            }
            Event::End(TagEnd::Table) => {
                let Some(mut t) = self.table.take() else { return };
                if let Some(kind) = self.table_kind.take() {
                    let read = t.finish();
                    self.out.tables.push(TypeTable { kind, heading: self.section.clone(), header: read.header, rows: read.rows, line: read.line });
                }
                self.spare_table = t;
            }
            _ => {
                let Some(t) = self.table.as_mut() else { return };
                if t.event(event, line) {
                    self.table_kind = table_kind(&self.section, self.under_title, t.header());
                    t.set_keep(self.table_kind.is_some());
                }
            }
        }
    }

    /// A link closes: it belongs to the table cell or paragraph it is in.
    fn end_link(&mut self) {
        let Some(target) = self.link.take() else { return };
        let l = Link { text: super::trim(&self.link_text).to_string(), target };
        if let Some(t) = self.table.as_mut() {
            if t.collecting() {
                t.cell.links.push(l);
            }
        } else if let Some((links, _)) = self.para.as_mut() {
            links.push(l);
        }
    }

    /// Text goes to the heading being read, else to the link text and to the
    /// table cell or paragraph; a table cell also keeps its code spans.
    fn text(&mut self, is_code: bool, t: &str) {
        if let (true, Some(tb)) = (is_code, self.table.as_mut().filter(|t| t.collecting())) {
            tb.cell.code.push(t.to_string());
        }
        if self.heading.is_some() {
            self.heading_text.push_str(t);
            return;
        }
        if self.link.is_some() {
            self.link_text.push_str(t);
        }
        if let Some(tb) = self.table.as_mut() {
            if tb.collecting() {
                tb.cell.text.push_str(t);
            }
        } else if self.para.is_some() {
            self.para_text.push_str(t);
        }
    }

    /// What was collected. The collector is then ready for another page,
    /// with the buffers it grew (the text buffers are emptied where used).
    pub fn finish(&mut self) -> RawResource {
        let Collector { out, heading, heading_text: _, section, under_title, table, spare_table: _, table_kind, link, link_text: _, para, para_text: _ } = self;
        (*heading, *under_title, *table, *table_kind, *link, *para) = (None, false, None, None, None, None);
        section.clear();
        std::mem::take(out)
    }
}

/// Collect the type-describing parts of a resource page body on its own
/// parse (tests and tools; [`super::parse`] feeds a [`Collector`] instead).
/// `offset` is where `body` starts in `text` (after the front matter).
pub fn parse(text: &str, offset: usize) -> RawResource {
    let index = Lines::new(text);
    let body = super::table_safe(text.get(offset..).unwrap_or(""));
    let mut c = Collector::default();
    for (event, range) in Parser::new_ext(&body, Options::ENABLE_TABLES).into_offset_iter() {
        c.event(&event, || index.line(offset + range.start));
    }
    c.finish()
}

fn on_paragraph(out: &mut RawResource, text: &str, links: Vec<Link>, line: u32) {
    if out.namespace.is_none() {
        out.namespace = text.lines().find_map(|l| namespace_line(l.trim())).map(str::to_string);
    }
    // Only a paragraph that may say the type is open (every phrase holds
    // "open") or, with links, name its base is read further.
    let wants_base = out.inherits.is_none() && !links.is_empty();
    if !wants_base && !super::contains_ignore_ascii_case(text, "open") {
        return;
    }
    // One lower-case copy searched up to six times: cheaper here than
    // comparing in place at every `i`, `t`, `a` or `d` of the prose.
    let lower = text.to_ascii_lowercase();
    let has = |w: &str| lower.contains(w);
    if has("is an open type") || has("this open type") || has("an _open type_") {
        out.open_in_prose = true;
    }
    if wants_base && (has("inherits from") || has("derived from") || has("derives from")) {
        out.inherits = Some((links, line));
    }
}

/// The namespace a `Namespace: x` line names.
fn namespace_line(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("Namespace:").or_else(|| t.strip_prefix("Namespace :"))?;
    let ns = rest.trim().trim_matches('`').trim();
    (!ns.is_empty() && ns.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')).then_some(ns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_links_and_namespace() {
        let page = "# widget resource type\n\nNamespace: microsoft.graph.things\n\nThis one inherits from [gadget](gadget.md).\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| size | Int32 | How big. |\n| parts | [part](part.md) collection | Pieces. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n| owner | [person](person.md) | Who. |\n\n## Methods\n\n| Method | Return type | Description |\n|:--|:--|:--|\n| [Get](../api/x.md) | widget | Read. |\n";
        let r = parse(page, 0);
        assert_eq!(r.title, Some(("widget resource type".to_string(), 1)));
        assert_eq!(r.namespace.as_deref(), Some("microsoft.graph.things"));
        let (links, line) = r.inherits.clone().unwrap_or_default();
        assert_eq!((links.len(), line), (1, 5));
        assert_eq!(r.tables.len(), 2);
        assert_eq!(r.tables[0].kind, TableKind::Properties);
        assert_eq!(r.tables[0].rows.len(), 2);
        assert_eq!(r.tables[0].rows[1].line, 12);
        assert_eq!(r.tables[0].rows[1].cells[1].links[0].target, "part.md");
        assert_eq!(r.tables[1].kind, TableKind::Relationships);
    }
}
