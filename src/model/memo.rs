//! The lowering's work on content the docs repeat, done once per distinct
//! content of a run: each is a [`Memo`] shared by every page task, keyed by
//! the exact input, its result a function of that input alone (the page's
//! path and diagnostics are added by the caller, a line is kept counted
//! from the input's first line, so which page or thread got there first
//! cannot show). On the 2021-07-16 pages: 7,210 permission tables, 667
//! distinct; 12,965 path templates, 4,476 distinct; 7,061 Response and
//! 3,866 Request body sections' prose, 3,922 and 1,512 distinct.
//! A speed measure: it pays 3.7% of a full generate's instructions
//! (5,523.5M to 5,319.6M, one thread), about 1-2% of its CPU time
//! (docs/DESIGN.md, "Thirteenth round: memo13").

use super::operations::{self, BodyText, ResponseText};
use super::template::{parse_in, Parsed};
use crate::parse::facts::{Interner, Memo};
use crate::parse::permissions::{read_table, TableRead};
use crate::parse::resource::Link;
use crate::parse::sections::Block;
use std::hash::{BuildHasher, Hash, Hasher};

/// Drop what every memo of the reading and lowering of pages keeps: called
/// once the pages are lowered, so the memory goes to what follows.
pub fn forget() {
    PERMISSION_TABLES.forget();
    TEMPLATES.forget();
    ALIAS_KEYS.forget();
    RESPONSE_TEXT.forget();
    BODY_TEXT.forget();
}

fn hash_of(x: &impl Hash) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(x)
}

/// A permission table's header and rows, as read.
type TableText = (Vec<String>, Vec<Vec<String>>);

static PERMISSION_TABLES: Memo<TableText, TableRead> = Memo::new(1 << 12, 1 << 16);

/// [`read_table`], once per distinct (header, rows): its reading depends on
/// nothing else (the scopes it shares come from whichever task read the
/// table first; they are equal strings).
pub fn permission_table(header: &[String], cells: &[Vec<String>], strings: &mut Interner) -> TableRead {
    let bytes = header.iter().chain(cells.iter().flatten()).map(String::len).sum();
    PERMISSION_TABLES.get(
        hash_of(&(header, cells)),
        bytes,
        |(h, c)| h.as_slice() == header && c.as_slice() == cells,
        || (header.to_vec(), cells.to_vec()),
        || read_table(header, cells, strings),
    )
}

static TEMPLATES: Memo<Box<str>, Parsed> = Memo::new(1 << 15, 1 << 12);

/// [`parse_in`], once per distinct template.
pub fn template(template: &str, strings: &mut Interner) -> Parsed {
    TEMPLATES.get(hash_of(&template), template.len(), |t| **t == *template, || template.into(), || parse_in(template, strings))
}

static ALIAS_KEYS: Memo<(Vec<String>, usize), Vec<Option<String>>> = Memo::new(1 << 13, 1 << 14);

/// [`super::endpoints::alias_keys`], once per distinct (templates, primary).
pub fn alias_keys(templates: &[&str], primary: usize) -> Vec<Option<String>> {
    // One path needs no key and no memo.
    if templates.len() == 1 {
        return super::endpoints::alias_keys(templates, primary);
    }
    ALIAS_KEYS.get(
        hash_of(&(templates, primary)),
        templates.iter().map(|t| t.len()).sum(),
        |(t, p)| *p == primary && t.len() == templates.len() && t.iter().zip(templates).all(|(a, b)| a == b),
        || (templates.iter().map(|t| t.to_string()).collect(), primary),
        || super::endpoints::alias_keys(templates, primary),
    )
}

/// A block of prose as its readers see it: its text, links and code spans,
/// and its line counted from the first block's.
type KeyBlock = (String, Vec<Link>, Vec<String>, u32);

/// The hash and length of a section's blocks as [`KeyBlock`]s.
fn blocks_hash<'a>(blocks: impl Iterator<Item = &'a Block>, first: u32) -> (u64, usize) {
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    let mut bytes = 0;
    for b in blocks {
        b.text.hash(&mut h);
        b.links.len().hash(&mut h);
        for l in &b.links {
            (&l.text, &l.target).hash(&mut h);
            bytes += l.text.len() + l.target.len();
        }
        b.code.hash(&mut h);
        b.line.wrapping_sub(first).hash(&mut h);
        bytes += b.text.len() + b.code.iter().map(String::len).sum::<usize>();
    }
    (h.finish(), bytes)
}

fn same_blocks<'a>(key: &[KeyBlock], mut blocks: impl ExactSizeIterator<Item = &'a Block>, first: u32) -> bool {
    key.len() == blocks.len()
        && key.iter().all(|(text, links, code, line)| {
            blocks.next().is_some_and(|b| b.text == *text && b.links == *links && b.code == *code && b.line.wrapping_sub(first) == *line)
        })
}

fn key_blocks<'a>(blocks: impl Iterator<Item = &'a Block>, first: u32) -> Vec<KeyBlock> {
    blocks.map(|b| (b.text.clone(), b.links.clone(), b.code.clone(), b.line.wrapping_sub(first))).collect()
}

/// Results kept with their line counted from the first block's.
static RESPONSE_TEXT: Memo<Vec<KeyBlock>, ResponseText> = Memo::new(1 << 13, 1 << 14);
static BODY_TEXT: Memo<Vec<KeyBlock>, BodyText> = Memo::new(1 << 13, 1 << 14);

/// [`super::operations::response_text`], once per distinct Response section prose.
pub fn response_text(blocks: &[Block]) -> ResponseText {
    let first = blocks.first().map_or(0, |b| b.line);
    let (hash, bytes) = blocks_hash(blocks.iter(), first);
    let mut r = RESPONSE_TEXT.get(
        hash,
        bytes,
        |k| same_blocks(k, blocks.iter(), first),
        || key_blocks(blocks.iter(), first),
        || {
            let mut r = operations::response_text(blocks);
            r.line = r.line.wrapping_sub(first);
            r
        },
    );
    r.line = r.line.wrapping_add(first);
    r
}

/// [`super::operations::body_text`], once per distinct Request body prose.
pub fn body_text(blocks: &[&Block]) -> BodyText {
    let first = blocks.first().map_or(0, |b| b.line);
    let (hash, bytes) = blocks_hash(blocks.iter().copied(), first);
    let mut r = BODY_TEXT.get(
        hash,
        bytes,
        |k| same_blocks(k, blocks.iter().copied(), first),
        || key_blocks(blocks.iter().copied(), first),
        || {
            let mut r = operations::body_text(blocks);
            r.line = r.line.wrapping_sub(first);
            r
        },
    );
    r.line = r.line.wrapping_add(first);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_memo_gives_what_its_function_gives() {
        // Few distinct pieces, so inputs repeat (hits) among new ones (misses).
        let mut next = crate::parse::rng(1313);
        let kinds = ["Permission type", "Delegated (work or school account)", "Delegated (personal Microsoft account)", "Application", ""];
        let scopes = ["User.Read", "Mail.Read, Mail.ReadWrite", "Not supported.", "TODO", "User.Read or Directory.Read.All", ""];
        let segments = ["/users", "/{id}", "/me", "/mailFolders", "/{mailFolder-id}", "/messages", "/{path}", "/x(id='{id}')"];
        let mut strings = Interner::default();
        let (mut hits, mut tables) = (0, std::collections::HashSet::new());
        for _ in 0..3_000 {
            let header: Vec<String> =
                ["Permission type", "Permissions (from least to most privileged)"].iter().take(1 + next(2)).map(|s| s.to_string()).collect();
            let cells: Vec<Vec<String>> = (0..next(4)).map(|_| vec![kinds[next(kinds.len())].to_string(), scopes[next(scopes.len())].to_string()]).collect();
            hits += usize::from(!tables.insert((header.clone(), cells.clone())));
            assert_eq!(permission_table(&header, &cells, &mut strings), read_table(&header, &cells, &mut Interner::default()));
            let paths: Vec<String> = (0..1 + next(3)).map(|_| (0..1 + next(4)).map(|_| segments[next(segments.len())]).collect()).collect();
            let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
            assert_eq!(template(refs[0], &mut strings), parse_in(refs[0], &mut Interner::default()));
            let primary = next(refs.len());
            assert_eq!(alias_keys(&refs, primary), super::super::endpoints::alias_keys(&refs, primary));
        }
        assert!(hits > 1_000, "the tables repeat: {hits}");
    }

    #[test]
    fn the_prose_memos_give_each_page_its_own_lines() {
        let mut next = crate::parse::rng(1314);
        let texts = [
            "If successful, this method returns a 200 OK response code and a widget object in the response body.",
            "If successful, this method returns a 204 No Content response code.",
            "In the request body, supply a JSON representation of a widget object.",
            "Do not supply a request body for this method.",
            "Returns a collection of gadget objects.",
        ];
        let link = Link { text: "widget".into(), target: "../resources/widget.md".into() };
        for _ in 0..2_000 {
            // The same texts at other lines: a hit must take this page's lines.
            let mut line = 1 + next(500) as u32;
            let blocks: Vec<Block> = (0..next(4))
                .map(|_| {
                    line += 1 + next(2) as u32;
                    let links = if next(2) == 0 { vec![link.clone()] } else { Vec::new() };
                    Block { text: texts[next(texts.len())].to_string(), links, code: Vec::new(), line }
                })
                .collect();
            assert_eq!(response_text(&blocks), operations::response_text(&blocks));
            let refs: Vec<&Block> = blocks.iter().collect();
            assert_eq!(body_text(&refs), operations::body_text(&refs));
        }
    }
}
