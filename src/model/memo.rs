//! The lowering's work on content the docs repeat, done once per distinct
//! content of a run: each is a [`Memo`] shared by every page task, keyed by
//! the exact input, its result a function of that input alone (the page's
//! path, lines and diagnostics are added by the caller, so which page or
//! thread got there first cannot show). On the 2021-07-16 pages, 7,210
//! permission tables hold 667 distinct contents; a path template is on
//! each of its operations' pages, in both versions.
//! A speed measure: with the annotations' JSON (`parse::json::read_once`)
//! they pay 3.1% of a full generate's instructions (5,523M to 5,353M, one
//! thread; docs/DESIGN.md, "Thirteenth round: memo13").

use super::template::{parse_in, Parsed};
use crate::parse::facts::{Interner, Memo};
use crate::parse::permissions::{read_table, TableRead};
use std::hash::{BuildHasher, Hash};

/// Drop what every memo of the reading and lowering of pages keeps: called
/// once the pages are lowered, so the memory goes to what follows.
pub fn forget() {
    PERMISSION_TABLES.forget();
    TEMPLATES.forget();
    ALIAS_KEYS.forget();
    crate::parse::json::forget_read();
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
}
