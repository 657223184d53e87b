//! Permission tables: rows of (permission type, scopes).

use super::facts::{Interner, Permission, Permissions, Shared};
use std::borrow::Cow;

/// Which permission type a row names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PermKind {
    /// Delegated (work or school account).
    DelegatedWork,
    /// Delegated (personal Microsoft account).
    DelegatedPersonal,
    /// Application.
    Application,
}

/// Classify the first cell of a row.
pub fn kind(cell: &str) -> Option<PermKind> {
    // Shorter than every word looked for (most header cells: `Type`, `Name`).
    if cell.len() < "personal".len() {
        return None;
    }
    let has = |w: &str| super::contains_ignore_ascii_case(cell, w);
    if has("personal") {
        Some(PermKind::DelegatedPersonal)
    } else if has("delegated") {
        Some(PermKind::DelegatedWork)
    } else if has("application") {
        Some(PermKind::Application)
    } else {
        None
    }
}

/// How a scopes cell reads (its scopes owned, or borrowed from the cell).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell<S = String> {
    /// Supported with these scopes (possibly none).
    Scopes(Vec<S>),
    /// Not supported.
    NotSupported,
    /// "Not available" or an empty cell: nothing listed here (today's
    /// tables write it in the higher-privileged column).
    NotAvailable,
    /// A placeholder (`TODO`, `TBD`) or nothing usable.
    Placeholder,
}

/// Read a scopes cell.
pub fn cell(text: &str) -> Cell {
    match cleaned_cell(&clean(text)) {
        Cell::Scopes(s) => Cell::Scopes(owned(s)),
        Cell::NotSupported => Cell::NotSupported,
        Cell::NotAvailable => Cell::NotAvailable,
        Cell::Placeholder => Cell::Placeholder,
    }
}

/// [`cell`] of a cell's [`clean`] text, borrowing the scopes.
fn cleaned_cell(t: &str) -> Cell<&str> {
    let bare = t.trim_end_matches(['.', ' ']);
    let is = |w: &str| bare.eq_ignore_ascii_case(w);
    let has = |w: &str| super::contains_ignore_ascii_case(bare, w);
    if super::starts_with_ignore_ascii_case(bare, "not supported") || is("not applicable") || is("n/a") || is("notsupported") {
        return Cell::NotSupported;
    }
    if is("not available") {
        return Cell::NotAvailable;
    }
    if bare.is_empty() || ((has("todo") || has("tbd") || has("determine")) && says_placeholder(bare)) {
        return Cell::Placeholder;
    }
    if is("none") {
        return Cell::Scopes(Vec::new());
    }
    let scopes = scope_words(t);
    if scopes.is_empty() {
        Cell::Placeholder
    } else {
        Cell::Scopes(scopes)
    }
}

/// Whether a word of a cell other than its scopes is `TODO`, `TBD` or
/// `determine(d)`: a scope may hold those letters (`OrgSettings-Todo.Read.All`).
fn says_placeholder(t: &str) -> bool {
    t.split(|c: char| c.is_whitespace() || c == ',' || c == ';').any(|w| {
        let bare = w.trim_start_matches(['(', '[', '"', '\'']).trim_end_matches(['.', ')', ']', '"', '\'', ':']);
        let scope = bare.contains('.') && is_scope(bare);
        let has = |p: &str| super::contains_ignore_ascii_case(bare, p);
        !scope && (has("todo") || has("tbd") || has("determine"))
    })
}

/// The scopes of a cell's first alternative: the cell split at commas,
/// semicolons, line breaks and " or " (an " and " keeps scopes together, as
/// they are needed together). In a table ordered from least to most
/// privileged, these are the least privileged ones.
pub fn first_alternative(text: &str) -> Vec<String> {
    owned(first_words(&clean(text)))
}

/// [`first_alternative`] of a cell's [`clean`] text, borrowing the scopes.
fn first_words(t: &str) -> Vec<&str> {
    // Read up to the first alternative that names a scope, not past it.
    alternative_items(t).map(scope_words).find(|w| !w.is_empty()).unwrap_or_default()
}

/// The scopes of a cell's last alternative (tables ordered from most to
/// least privileged).
pub fn last_alternative(text: &str) -> Vec<String> {
    owned(last_words(&clean(text)))
}

/// [`last_alternative`] of a cell's [`clean`] text, borrowing the scopes.
fn last_words(t: &str) -> Vec<&str> {
    alternative_items(t).map(scope_words).filter(|w| !w.is_empty()).last().unwrap_or_default()
}

fn owned(words: Vec<&str>) -> Vec<String> {
    words.into_iter().map(str::to_string).collect()
}

/// The items of a cleaned cell that may each be an alternative: split at
/// commas, semicolons and " or ".
fn alternative_items(t: &str) -> impl Iterator<Item = &str> {
    t.split([',', ';']).flat_map(|i| i.split(" or "))
}

/// Whether [`alternative_items`] yields `t` whole.
fn one_alternative(t: &str) -> bool {
    !t.contains([',', ';']) && !t.contains(" or ")
}

fn clean(text: &str) -> Cow<'_, str> {
    // Most cells hold no markup, no odd spaces and nothing to drop: looked
    // for on bytes first (the odd spaces are the only non-ASCII characters
    // that matter), and borrowed as they are.
    let marked = |b: u8| matches!(b, b'<' | b'*' | b'`') || !b.is_ascii();
    if !text.bytes().any(marked) || !text.contains(['\u{a0}', '\u{200b}', '\u{feff}', '<', '*', '`']) {
        return Cow::Borrowed(text.trim());
    }
    let t = text
        .replace(['\u{a0}', '\u{200b}', '\u{feff}'], " ")
        .replace("<br/>", ",")
        .replace("<br />", ",")
        .replace("<br>", ",")
        .replace("<BR>", ",")
        .replace(['*', '`'], "");
    // Drop `<sup>` footnote markers with their text, then other HTML tags.
    let mut t = t;
    while let Some(open) = t.find("<sup>") {
        // `open` and `open + c + 6` bound the ASCII `<sup>` / `</sup>` found: char boundaries.
        let close = t[open..].find("</sup>").map_or(t.len(), |c| open + c + 6);
        t.replace_range(open..close, "");
    }
    let mut out = String::with_capacity(t.len());
    let mut in_tag = false;
    for c in t.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(',');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out.trim().to_string())
}

/// Scopes named in a cell, borrowed from `t`. Scopes are separated by
/// commas, semicolons, line breaks, plain spaces or words (`or`, `and`,
/// `plus`, prose); a word counts as a scope when it has the scope shape
/// (`Mail.Read`, `offline_access`), which leaves prose and footnote markers
/// out.
fn scope_words(t: &str) -> Vec<&str> {
    let mut words = t.split(|c: char| c.is_whitespace() || c == ',' || c == ';').filter(|w| !w.is_empty());
    // Whether the cell is one word is known from its first two: the words
    // are not collected first.
    let (first, second) = (words.next(), words.next());
    let single = first.is_some() && second.is_none();
    let mut out: Vec<&str> = Vec::new();
    // A set keeps this linear however many words a hostile cell holds; a
    // few (every real cell) are compared directly.
    let mut seen = std::collections::BTreeSet::new();
    for w in first.into_iter().chain(second).chain(words) {
        let w = w.trim_start_matches(['(', '[', '"', '\'']).trim_end_matches(['.', ')', ']', '"', '\'', ':', '¹', '²', '³', '⁴', '†']);
        let dotted = w.contains('.') && !w.ends_with('.');
        let known_bare = matches!(w, "offline_access" | "openid" | "profile" | "email");
        if is_scope(w) && (dotted || known_bare || single) && new_scope(&out, &mut seen, w) {
            out.push(w);
        }
    }
    out
}

/// Whether `w` is not in `out` yet: compared directly while `out` holds a
/// few scopes (every real cell), through `seen` (filled once) beyond.
fn new_scope<'a>(out: &[&'a str], seen: &mut std::collections::BTreeSet<&'a str>, w: &'a str) -> bool {
    if out.len() < 32 {
        return !out.contains(&w);
    }
    if seen.is_empty() {
        seen.extend(out.iter().copied());
    }
    seen.insert(w)
}

fn is_scope(s: &str) -> bool {
    // On bytes: a byte of a non-ASCII character is none of these.
    s.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Whether a table lists permissions: its header names the permission
/// types as columns (a pivoted table, one row per resource), or its rows
/// name them and either the header says "permission" or the table sits in
/// a Permissions section.
pub fn is_permission_table(header: &[String], rows: &[Vec<String>], in_permissions_section: bool) -> bool {
    let rows_say = || rows.iter().any(|r| r.first().is_some_and(|c| kind(c).is_some()));
    // A pivoted header decides alone; otherwise the rows do (the header is read once).
    pivoted(header) || (placed_as_permissions(header, in_permissions_section) && rows_say())
}

/// Whether a table with this header can be a permission table, whatever its
/// rows ([`is_permission_table`] is then decided by the rows).
pub fn may_be_permission_table(header: &[String], in_permissions_section: bool) -> bool {
    placed_as_permissions(header, in_permissions_section) || pivoted(header)
}

/// A table in a Permissions section, or whose first column says "permission".
fn placed_as_permissions(header: &[String], in_permissions_section: bool) -> bool {
    in_permissions_section || header.first().is_some_and(|h| super::contains_ignore_ascii_case(h, "permission"))
}

/// A header whose columns after the first are permission types.
fn pivoted(header: &[String]) -> bool {
    header.iter().skip(1).filter(|h| kind(h).is_some()).count() >= 2
}

/// The outcome of reading one permission table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableRead {
    /// The permissions read.
    pub permissions: Permissions,
    /// First cells of rows that could not be read.
    pub bad_rows: Vec<String>,
    /// Some cell held a placeholder instead of scopes.
    pub placeholder: bool,
}

impl TableRead {
    /// Every row was understood, with no placeholder.
    pub fn parsed(&self) -> bool {
        self.bad_rows.is_empty() && !self.placeholder
    }
}

/// How a table orders and marks its scopes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One scopes column listed from least to most privileged (the 2021
    /// pages): the first alternative is the least privileged.
    LeastFirst,
    /// One scopes column listed from most to least privileged.
    MostFirst,
    /// Today's tables: a least-privileged column and a higher-privileged
    /// one (column indexes).
    Columns {
        /// The least-privileged column.
        least: usize,
        /// The higher-privileged column.
        higher: usize,
    },
}

/// The layout a header announces.
pub fn layout(header: &[String]) -> Layout {
    let col = |w: &str| header.iter().position(|h| super::contains_ignore_ascii_case(h, w));
    match (col("least privileged"), col("higher privileged")) {
        (Some(least), Some(higher)) if least != higher && least > 0 => return Layout::Columns { least, higher },
        _ => {}
    }
    if header.iter().any(|h| super::contains_ignore_ascii_case(h, "most to least")) {
        Layout::MostFirst
    } else {
        Layout::LeastFirst
    }
}

/// One row of a permission table, borrowed from its cells: the permission
/// type cell, the scopes cell and, in today's tables, the higher-privileged
/// cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// The permission type as written.
    pub kind: &'a str,
    /// The permission type it names ([`kind`] of it, read once).
    pub which: Option<PermKind>,
    /// The scopes (2021) or least-privileged (today) cell; continuation
    /// rows' scopes are appended to it.
    pub scopes: Cow<'a, str>,
    /// The higher-privileged cell of today's tables.
    pub higher: Option<&'a str>,
}

impl<'a> Row<'a> {
    /// A row of a one-scopes-column table.
    pub fn new(kind_cell: &'a str, scopes: &'a str) -> Row<'a> {
        Row { kind: kind_cell, which: kind(kind_cell), scopes: Cow::Borrowed(scopes), higher: None }
    }
}

/// Read a permission table, row-wise (`Delegated (work or school account) |
/// scopes`, or today's `type | least privileged | higher privileged`) or
/// pivoted (`resource | delegated work | delegated personal | application`,
/// merged over the resources).
pub fn read_table(header: &[String], cells: &[Vec<String>], strings: &mut Interner) -> TableRead {
    let layout = layout(header);
    if pivoted(header) {
        let kinds: Vec<Option<PermKind>> = header.iter().map(|h| kind(h)).collect();
        let mut rows = Vec::new();
        for r in cells {
            for (i, c) in r.iter().enumerate().skip(1) {
                if let Some(&Some(k)) = kinds.get(i) {
                    rows.push(Row { kind: label(k), which: Some(k), scopes: Cow::Borrowed(c), higher: None });
                }
            }
        }
        return read_rows(&rows, Layout::LeastFirst, strings);
    }
    if let Layout::Columns { least, higher } = layout {
        let rows: Vec<Row> = cells
            .iter()
            .map(|r| {
                let cell = |i: usize| r.get(i).map_or("", String::as_str);
                Row { higher: Some(cell(higher)), ..Row::new(cell(0), cell(least)) }
            })
            .collect();
        return read_rows(&rows, layout, strings);
    }
    // Continuation rows add scopes to the permission type above them: rows
    // with an empty first cell, and the indented sub-rows (one per feature
    // area) that Intune tables put under a type whose own cell is empty.
    let mut rows: Vec<Row> = Vec::new();
    let mut open_parent = false;
    for r in cells {
        let row = Row::new(r.first().map_or("", String::as_str), r.get(1).map_or("", String::as_str));
        let (a, b, is_kind) = (row.kind, row.scopes.as_ref(), row.which.is_some());
        match rows.last_mut() {
            Some(last) if !is_kind && !b.trim().is_empty() && (a.trim().is_empty() || open_parent) => {
                let scopes = last.scopes.to_mut();
                if !scopes.trim().is_empty() {
                    scopes.push_str(", ");
                }
                scopes.push_str(b);
                open_parent = true;
            }
            _ => {
                open_parent = is_kind && b.trim().is_empty();
                rows.push(row);
            }
        }
    }
    read_rows(&rows, layout, strings)
}

fn read_rows(rows: &[Row], layout: Layout, strings: &mut Interner) -> TableRead {
    let (permissions, bad, placeholder) = fold_rows(rows, layout, strings);
    let bad_rows = bad.iter().filter_map(|&i| rows.get(i).map(|r| r.kind.to_string())).collect();
    TableRead { permissions, bad_rows, placeholder }
}

fn label(k: PermKind) -> &'static str {
    match k {
        PermKind::DelegatedWork => "Delegated (work or school account)",
        PermKind::DelegatedPersonal => "Delegated (personal Microsoft account)",
        PermKind::Application => "Application",
    }
}

/// Append the scopes not yet in `scopes`, keeping order, each the
/// interner's shared copy. A set makes this linear: a hostile cell can list
/// millions of distinct scopes.
pub fn push_new(scopes: &mut Vec<Shared>, new: &[&str], strings: &mut Interner) {
    // Sized for what may come (a permission type has one row on most
    // pages), not grown to four slots for one or two scopes.
    scopes.reserve_exact(new.len());
    // A few scopes (every real cell) are compared directly.
    if scopes.len() + new.len() <= 32 {
        for &sc in new {
            if !scopes.iter().any(|s| **s == *sc) {
                scopes.push(strings.get(sc));
            }
        }
        return;
    }
    let mut seen: std::collections::BTreeSet<Shared> = scopes.iter().cloned().collect();
    for &sc in new {
        if !seen.contains(sc) {
            let sc = strings.get(sc);
            seen.insert(sc.clone());
            scopes.push(sc);
        }
    }
}

/// Fold 2021-style rows (permission type, scopes) into the three permission
/// types. Returns the permissions and the indexes of rows that could not be
/// read.
pub fn fold(rows: &[(String, String)]) -> (Permissions, Vec<usize>, bool) {
    let rows: Vec<Row> = rows.iter().map(|(k, v)| Row::new(k, v)).collect();
    fold_rows(&rows, Layout::LeastFirst, &mut Interner::default())
}

/// Fold rows into the three permission types: scopes in documented order
/// (least-privileged column first), and which of them are least privileged.
pub fn fold_rows(rows: &[Row], layout: Layout, strings: &mut Interner) -> (Permissions, Vec<usize>, bool) {
    let mut p = Permissions::default();
    let mut bad = Vec::new();
    let mut placeholder = false;
    let mut seen = false;
    for (i, row) in rows.iter().enumerate() {
        let Some(kind) = row.which else {
            bad.push(i);
            continue;
        };
        seen = true;
        let slot = match kind {
            PermKind::DelegatedWork => &mut p.delegated_work,
            PermKind::DelegatedPersonal => &mut p.delegated_personal,
            PermKind::Application => &mut p.application,
        };
        placeholder |= read_row(slot, row, layout, strings);
    }
    if !seen {
        bad = (0..rows.len()).collect();
    }
    (p, bad, placeholder)
}

/// Add one row to its permission type; returns whether a cell held a
/// placeholder.
fn read_row(slot: &mut Permission, row: &Row, layout: Layout, strings: &mut Interner) -> bool {
    let cleaned = clean(&row.scopes);
    let least_cell = cleaned_cell(&cleaned);
    let higher_cleaned = row.higher.map(clean);
    let higher_cell = higher_cleaned.as_deref().map(cleaned_cell);
    let mut placeholder = false;
    match least_cell {
        Cell::Scopes(s) => {
            slot.supported = true;
            let least: Cow<'_, [&str]> = match layout {
                Layout::Columns { .. } => Cow::Borrowed(&s),
                // One alternative: its scopes are the cell's.
                _ if one_alternative(&cleaned) => Cow::Borrowed(&s),
                // Only scopes the whole cell names (an alternative read on
                // its own can take a lone word for a scope).
                Layout::LeastFirst => first_words(&cleaned).into_iter().filter(|l| s.contains(l)).collect(),
                Layout::MostFirst => last_words(&cleaned).into_iter().filter(|l| s.contains(l)).collect(),
            };
            push_new(&mut slot.least_privileged, &least, strings);
            push_new(&mut slot.scopes, &s, strings);
        }
        Cell::NotSupported => {}
        // An empty least-privileged cell beside a higher-privileged one says
        // nothing; in a one-column table it is a placeholder.
        Cell::NotAvailable => {}
        Cell::Placeholder => placeholder = higher_cell.is_none() || !row.scopes.trim().is_empty(),
    }
    match higher_cell {
        Some(Cell::Scopes(s)) => {
            slot.supported = true;
            push_new(&mut slot.scopes, &s, strings);
        }
        Some(Cell::Placeholder) if !row.higher.unwrap_or("").trim().is_empty() => placeholder = true,
        _ => {}
    }
    placeholder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_alternative_agrees_with_the_split() {
        for t in ["", "A.Read", "A.Read, B.Read", "A.Read; B", "A.Read or B.Read", "A.Read or", "for", "A.Read  or B", "x or y, z"] {
            assert_eq!(one_alternative(t), alternative_items(t).nth(1).is_none(), "{t:?}");
        }
    }

    #[test]
    fn scope_words_keep_first_places_however_many_scopes() {
        // Below and above the 32 scopes compared directly.
        let mut next = crate::parse::rng(11);
        for _ in 0..500 {
            let names = 1 + next(80);
            let text: Vec<String> = (0..next(120)).map(|_| format!("S.{}", next(names))).collect();
            let mut want: Vec<&str> = Vec::new();
            for w in &text {
                if !want.contains(&w.as_str()) {
                    want.push(w);
                }
            }
            let joined = text.join(", ");
            assert_eq!(scope_words(&joined), want);
        }
    }

    #[test]
    fn push_new_keeps_first_places_however_many_scopes() {
        // Below and above the size where a set takes over, against a
        // plain reading: each scope once, where it first appears.
        let mut next = crate::parse::rng(99);
        for _ in 0..2_000 {
            let names = 1 + next(60);
            let pick = |next: &mut dyn FnMut(usize) -> usize, n: usize| (0..n).map(|_| format!("S.{}", next(names))).collect::<Vec<String>>();
            let (n, m) = (next(40), next(40));
            let mut scopes = pick(&mut next, n);
            scopes.dedup();
            let mut distinct: Vec<Shared> = Vec::new();
            for s in &scopes {
                if !distinct.iter().any(|d| **d == **s) {
                    distinct.push(s.as_str().into());
                }
            }
            let new = pick(&mut next, m);
            let mut want = distinct.clone();
            for s in &new {
                if !want.iter().any(|w| **w == **s) {
                    want.push(s.as_str().into());
                }
            }
            let mut strings = Interner::default();
            let new: Vec<&str> = new.iter().map(String::as_str).collect();
            push_new(&mut distinct, &new, &mut strings);
            assert_eq!(distinct, want);
        }
    }

    #[test]
    fn cells() {
        for t in ["Not Supported.", "Not supported", "not supported.", "Not Applicable", "n/a"] {
            assert_eq!(cell(t), Cell::NotSupported, "{t}");
        }
        assert_eq!(cell("None."), Cell::Scopes(vec![]));
        assert_eq!(cell("TODO: Determine scopes"), Cell::Placeholder);
        assert_eq!(
            cell("Mail.Read, Mail.ReadWrite or User.Read<br>Group.Read.All and X.Y"),
            Cell::Scopes(vec!["Mail.Read".into(), "Mail.ReadWrite".into(), "User.Read".into(), "Group.Read.All".into(), "X.Y".into()])
        );
        assert_eq!(cell("Sites.Read.All (1)"), Cell::Scopes(vec!["Sites.Read.All".into()]));
        assert_eq!(cell("A.Read B.Write"), Cell::Scopes(vec!["A.Read".into(), "B.Write".into()]));
        assert_eq!(cell("A.All for one thing.</br>B.All for another."), Cell::Scopes(vec!["A.All".into(), "B.All".into()]));
        assert_eq!(cell("A.All plus B.Hidden"), Cell::Scopes(vec!["A.All".into(), "B.Hidden".into()]));
        assert_eq!(cell("Something"), Cell::Scopes(vec!["Something".into()]));
        assert_eq!(cell("see the note below"), Cell::Placeholder);
        // Letters of a placeholder inside a scope's name are the name's.
        assert_eq!(cell("**Chores-Todo.ReadWrite.All**"), Cell::Scopes(vec!["Chores-Todo.ReadWrite.All".into()]));
        assert_eq!(cell("Todo.Read, Tbd.Write"), Cell::Scopes(vec!["Todo.Read".into(), "Tbd.Write".into()]));
        assert_eq!(cell("**TODO: Provide the scopes.**"), Cell::Placeholder);
        assert_eq!(cell("Chores.Read (TBD)"), Cell::Placeholder);
        assert_eq!(cell("Chores.Read, to be determined"), Cell::Placeholder);
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn shared(v: &[&str]) -> Vec<Shared> {
        v.iter().map(|&s| s.into()).collect()
    }

    #[test]
    fn interned_scopes_are_one_block() {
        let header = strings(&["Permission type", "Permissions (from least to most privileged)"]);
        let cells = vec![strings(&["Delegated (work or school account)", "A.Read, B.Read"]), strings(&["Application", "A.Read"])];
        let mut interner = Interner::default();
        let t = read_table(&header, &cells, &mut interner);
        let (work, app) = (&t.permissions.delegated_work, &t.permissions.application);
        assert_eq!(work.scopes, shared(&["A.Read", "B.Read"]));
        assert_eq!(work.least_privileged, shared(&["A.Read"]));
        assert!(std::ptr::eq(work.scopes[0].as_str(), app.scopes[0].as_str()));
        assert!(std::ptr::eq(work.scopes[0].as_str(), work.least_privileged[0].as_str()));
        // Another table read with the same interner shares them too.
        let again = read_table(&header, &cells, &mut interner);
        assert!(std::ptr::eq(again.permissions.delegated_work.scopes[1].as_str(), work.scopes[1].as_str()));
    }

    #[test]
    fn pivoted_tables() {
        let header = strings(&["Resource", "Delegated (work or school account)", "Delegated (personal Microsoft account)", "Application"]);
        let cells = vec![strings(&["thing", "A.Read", "Not supported.", "A.Read.All"]), strings(&["other", "B.Read", "Not supported.", "Not supported."])];
        assert!(is_permission_table(&header, &cells, false));
        let t = read_table(&header, &cells, &mut Interner::default());
        assert!(t.parsed());
        assert_eq!(t.permissions.delegated_work.scopes, shared(&["A.Read", "B.Read"]));
        assert!(!t.permissions.delegated_personal.supported);
        assert_eq!(t.permissions.application.scopes, shared(&["A.Read.All"]));
    }

    #[test]
    fn continuation_rows_and_detection() {
        let header = strings(&["Permission type", "Permissions"]);
        let cells = vec![strings(&["Delegated (work or school account", "X.Read"]), strings(&["", "X.ReadWrite"]), strings(&["Application", "None"])];
        assert!(is_permission_table(&header, &cells, false));
        let t = read_table(&header, &cells, &mut Interner::default());
        assert!(t.parsed(), "{t:?}");
        assert_eq!(t.permissions.delegated_work.scopes, shared(&["X.Read", "X.ReadWrite"]));
        assert!(t.permissions.application.supported);
        let cells = vec![
            strings(&["Application", ""]),
            strings(&["Area one", "Z.Read"]),
            strings(&["Area two", "Z.Write"]),
            strings(&["Delegated (personal Microsoft account)", "Not supported."]),
        ];
        let t = read_table(&header, &cells, &mut Interner::default());
        assert!(t.parsed(), "{t:?}");
        assert_eq!(t.permissions.application.scopes, shared(&["Z.Read", "Z.Write"]));
        // A stray row under a type that has its own scopes is not merged.
        let t = read_table(&header, &[strings(&["Application", "Q.Read"]), strings(&["Stray", "Q.Write"])], &mut Interner::default());
        assert_eq!(t.bad_rows, ["Stray"]);
        // A property table is not a permission table.
        assert!(!is_permission_table(&strings(&["Name", "Type"]), &[strings(&["id", "String"])], true));
        // Rows naming the types count inside a Permissions section only.
        let rows = vec![strings(&["Application", "Y.Read"])];
        assert!(is_permission_table(&strings(&["Kind", "Scopes"]), &rows, true));
        assert!(!is_permission_table(&strings(&["Kind", "Scopes"]), &rows, false));
        assert_eq!(cell("A.Read<sup>1</sup>, B.Write"), Cell::Scopes(vec!["A.Read".into(), "B.Write".into()]));
    }

    #[test]
    fn fold_rows() {
        let rows = vec![
            ("Delegated (work or school account)".to_string(), "Not Supported.".to_string()),
            ("Delegated (personal Microsoft account)".to_string(), "Not Supported.".to_string()),
            ("Application".to_string(), "None.".to_string()),
        ];
        let (p, bad, ph) = fold(&rows);
        assert!(bad.is_empty() && !ph);
        assert!(!p.delegated_work.supported && !p.delegated_personal.supported);
        assert!(p.application.supported && p.application.scopes.is_empty());
    }
}
