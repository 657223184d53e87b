//! Where the lines of a page's text came from once its includes are
//! spliced in: the page itself, or an include file and its own line.
//!
//! The parser reads the spliced text as one page and counts lines in it;
//! [`SourceMap::remap`] then takes every position back to the file that
//! holds it, so a diagnostic in an included table points at the include
//! file and its line and names the page that pulled it in.

use super::RawPage;

/// One stretch of consecutive lines of the spliced text that come from one
/// file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Run {
    /// 1-based line of the spliced text where the stretch starts.
    pub start: u32,
    /// `0`: the page; `n`: `files[n - 1]`.
    pub file: u32,
    /// 1-based line in that file of the stretch's first line.
    pub line: u32,
    /// Every line of the stretch stands for `line` (the blank lines put
    /// around an include stand for its directive).
    pub fixed: bool,
    /// The page line that pulled the stretch in (its top-level include
    /// directive); `0` for stretches of the page itself.
    pub page_line: u32,
}

/// A file spliced into a page.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spliced {
    /// Path relative to the `api-reference` folder.
    pub path: String,
    /// How it got into the page: `page.md:24`, or for an include of an
    /// include `a.md:3, from page.md:24`.
    pub via: String,
}

/// Lines of a spliced page text → (file, line). Empty when nothing was
/// spliced (every line is the page's own).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SourceMap {
    /// Files other than the page, in the order they were spliced.
    pub files: Vec<Spliced>,
    /// Stretches in text order; the first starts at line 1.
    pub runs: Vec<Run>,
    /// Lines of the spliced text that hold an include directive that was
    /// not resolved (missing, refused, cyclic): the parser knows a section
    /// had content it could not read.
    pub unresolved: Vec<u32>,
}

/// Where one line of a spliced text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place<'a> {
    /// The include file, or `None` for the page itself.
    pub include: Option<&'a Spliced>,
    /// 1-based line in that file.
    pub line: u32,
    /// 1-based line of the page: the line itself, or the include directive
    /// that pulled it in.
    pub page_line: u32,
}

impl SourceMap {
    /// Whether nothing was spliced.
    pub fn is_identity(&self) -> bool {
        self.runs.is_empty()
    }

    /// Where line `line` of the spliced text came from.
    pub fn locate(&self, line: u32) -> Place<'_> {
        let at = self.runs.partition_point(|r| r.start <= line);
        let Some(run) = at.checked_sub(1).and_then(|i| self.runs.get(i)) else {
            return Place { include: None, line, page_line: line };
        };
        let file_line = if run.fixed { run.line } else { run.line + (line - run.start) };
        match run.file.checked_sub(1).and_then(|i| self.files.get(i as usize)) {
            Some(f) => Place { include: Some(f), line: file_line, page_line: run.page_line },
            None => Place { include: None, line: file_line, page_line: file_line },
        }
    }

    /// The file path of a [`Place`].
    pub fn path_of<'a>(&'a self, place: &Place<'a>, page: &'a str) -> &'a str {
        place.include.map_or(page, |f| f.path.as_str())
    }

    /// Take every position the parser recorded in spliced-text lines back
    /// to the files: diagnostics from index `from` on (the earlier ones
    /// were made with file lines already) go to their file and line and
    /// name the including page; permission tables keep their file and its
    /// line (and learn their place in the page); request lines, sections, examples and resource tables keep page lines
    /// (the directive's line when they came from an include).
    pub fn remap(&self, page: &mut RawPage, from: usize) {
        if self.is_identity() {
            return;
        }
        for d in page.diagnostics.iter_mut().skip(from).filter(|d| d.path == page.path) {
            let place = self.locate(d.line);
            d.line = place.line;
            if let Some(f) = place.include {
                d.path.clone_from(&f.path);
                d.message = format!("{} (included from {})", d.message, f.via);
            }
        }
        for t in &mut page.permission_tables {
            let place = self.locate(t.line);
            t.line = place.line;
            t.page_line = place.page_line;
            if let Some(f) = place.include {
                t.source.clone_from(&f.path);
            }
        }
        for rl in &mut page.request_lines {
            rl.line = self.locate(rl.line).page_line;
        }
        for ex in &mut page.examples {
            ex.line = self.locate(ex.line).page_line;
        }
        if let Some(res) = page.resource.as_mut() {
            res.remap_lines(|l| self.locate(l).page_line);
        }
        page.sections.remap_lines(|l| self.locate(l).page_line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_map_to_their_files() {
        let map = SourceMap {
            files: vec![Spliced { path: "inc.md".into(), via: "page.md:3".into() }],
            runs: vec![
                Run { start: 1, file: 0, line: 1, fixed: false, page_line: 0 },
                Run { start: 3, file: 0, line: 3, fixed: true, page_line: 3 },
                Run { start: 4, file: 1, line: 6, fixed: false, page_line: 3 },
                Run { start: 7, file: 0, line: 3, fixed: true, page_line: 3 },
                Run { start: 8, file: 0, line: 4, fixed: false, page_line: 0 },
            ],
            unresolved: Vec::new(),
        };
        let at = |l| {
            let p = map.locate(l);
            (p.include.map(|f| f.path.as_str()), p.line, p.page_line)
        };
        assert_eq!(at(1), (None, 1, 1));
        assert_eq!(at(2), (None, 2, 2));
        assert_eq!(at(3), (None, 3, 3));
        assert_eq!(at(4), (Some("inc.md"), 6, 3));
        assert_eq!(at(6), (Some("inc.md"), 8, 3));
        assert_eq!(at(7), (None, 3, 3));
        assert_eq!(at(8), (None, 4, 4));
        assert_eq!(at(20), (None, 16, 16));
        assert_eq!(SourceMap::default().locate(5).line, 5);
    }
}
