//! One markdown table read from pulldown-cmark events: its header (lower
//! case), its body rows with their lines, and each cell's text, links and
//! code spans. Shared by the operation-section collector and the resource
//! collector, which differ only in what they do with a finished table.

use super::resource::{Cell, Row};
use pulldown_cmark::{Event, Tag, TagEnd};

/// A table being read. A collector keeps one from table to table, its
/// buffers reused: a table that is not kept allocates nothing.
#[derive(Default)]
pub(super) struct TableReader {
    /// The header is the first `header_len` strings (reused from the last
    /// table's header).
    header: Vec<String>,
    header_len: usize,
    rows: Vec<Row>,
    row: Vec<Cell>,
    /// The cell being read; the collector adds text, links and code spans
    /// to it while [`TableReader::collecting`].
    pub cell: Cell,
    in_head: bool,
    /// Whether body rows are kept. A collector that keeps only some tables
    /// starts with `false` and decides once the header is read, so the
    /// rows of other tables are never collected.
    keep: bool,
    row_line: u32,
    line: u32,
}

/// What a finished table holds.
pub(super) struct ReadTable {
    /// Header cells, lower case.
    pub header: Vec<String>,
    /// Body rows (empty unless the table was kept).
    pub rows: Vec<Row>,
    /// 1-based line of the table.
    pub line: u32,
}

impl TableReader {
    /// Ready for a table starting at `line`; `keep` says whether its rows
    /// are kept before its header is seen.
    pub fn start(&mut self, line: u32, keep: bool) {
        self.header_len = 0;
        self.rows.clear();
        self.row.clear();
        self.in_head = false;
        self.keep = keep;
        self.row_line = line;
        self.line = line;
    }

    /// Whether what is read now is collected: the header, and the rows of
    /// a kept table.
    pub fn collecting(&self) -> bool {
        self.in_head || self.keep
    }

    /// The header, once read.
    pub fn header(&self) -> &[String] {
        self.header.get(..self.header_len).unwrap_or_default()
    }

    /// Keep (or not) the body rows from here on.
    pub fn set_keep(&mut self, keep: bool) {
        self.keep = keep;
    }

    /// Take one event inside the table (not its start or end). Returns true
    /// when it ended the header, so the caller may decide [`Self::set_keep`].
    pub fn event(&mut self, event: &Event, line: impl Fn() -> u32) -> bool {
        match event {
            Event::Start(Tag::TableHead) => self.in_head = true,
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                // A body row has as many cells as the header, nearly always.
                self.row.reserve(self.header_len);
                return true;
            }
            Event::Start(Tag::TableRow) if self.collecting() => self.row_line = line(),
            Event::Start(Tag::TableCell) => {
                // The text buffer is reused from cell to cell; a kept cell
                // takes one exact copy of it.
                self.cell.text.clear();
                self.cell.links.clear();
                self.cell.code.clear();
            }
            Event::End(TagEnd::TableCell) if self.in_head => {
                let text = super::trim(&self.cell.text);
                match self.header.get_mut(self.header_len) {
                    Some(h) => {
                        h.clear();
                        h.push_str(text);
                    }
                    None => self.header.push(text.to_string()),
                }
                if let Some(h) = self.header.get_mut(self.header_len) {
                    h.make_ascii_lowercase();
                }
                self.header_len += 1;
            }
            Event::End(TagEnd::TableCell) if self.collecting() => {
                let c = &mut self.cell;
                let cell = Cell { text: super::trim(&c.text).to_string(), links: std::mem::take(&mut c.links), code: std::mem::take(&mut c.code) };
                self.row.push(cell);
            }
            Event::End(TagEnd::TableRow) => {
                if self.keep && !self.in_head {
                    // The next row has as many cells as the header, nearly always.
                    let cells = std::mem::replace(&mut self.row, Vec::with_capacity(self.header_len));
                    self.rows.push(Row { cells, line: self.row_line });
                } else {
                    self.row.clear();
                }
            }
            _ => {}
        }
        false
    }

    /// The table as read; the reader is ready for [`Self::start`].
    pub fn finish(&mut self) -> ReadTable {
        ReadTable { header: self.header().to_vec(), rows: std::mem::take(&mut self.rows), line: self.line }
    }
}
