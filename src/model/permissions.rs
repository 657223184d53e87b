//! A page's permission tables in the model: each table read once, then
//! attached to the request paths it governs.
//!
//! One table governs every path of the page. Several tables (one per path
//! group, or one per scenario behind the same URL) are never merged: each is
//! attached to the paths it governs, found in this order:
//!
//! 0. by name, when the page lists the request lines a table governs (its
//!    annotation's `requestUrls`, or a block of request lines above it):
//!    that overrides 1-3 for those lines;
//! 1. by position, when tables and request blocks alternate (a page that
//!    documents several operations, each with its own table);
//! 2. by words: the words of a table's caption (the heading or line above
//!    it, the `permissions` annotation's name, the include file's name) that
//!    the page's other tables do not share, looked for in each path's
//!    segments and in the line above the path's request block;
//! 3. tables that no path names stay together as scenarios of the paths
//!    that no table names.
//!
//! A table that governs no path is kept apart on the endpoint with its
//! caption and a W033; paths that several tables name equally get them all
//! as scenarios (W034 when the captions could not tell them apart).

use super::{Endpoint, PermissionScenario, Permissions, Shared};
use crate::diag::Diagnostic;
use crate::parse::{permissions, RawPage, RawPermTable, RawRequestLine};

/// One permission table as read.
#[derive(Clone, Debug)]
pub struct Table {
    /// The permissions read.
    pub permissions: Permissions,
    /// The heading or line above the table.
    pub caption: String,
    /// The file the table was read from (most often the page: its path shared).
    pub source: Shared,
    /// 1-based line in `source`.
    pub line: u32,
    /// Its place in the page (an include's directive line).
    pub page_line: u32,
    /// The request lines its annotation names (see [`RawPermTable`]).
    pub request_urls: Vec<(String, String)>,
}

/// A page's tables and how many of them could be read completely.
#[derive(Clone, Debug, Default)]
pub struct PageTables {
    /// Every table, in page order.
    pub tables: Vec<Table>,
    /// Of those, the tables whose every row was understood.
    pub parsed: u32,
}

/// Read every permission table of a page (W030 for a row not understood,
/// W032 for a placeholder cell). `path` is the page's path.
pub fn read(page: &RawPage, path: &Shared, diags: &mut Vec<Diagnostic>, strings: &mut crate::parse::facts::Interner) -> PageTables {
    let mut out = PageTables { tables: Vec::with_capacity(page.permission_tables.len()), parsed: 0 };
    for table in &page.permission_tables {
        let read = permissions::read_table(&table.header, &table.cells, strings);
        if read.parsed() {
            out.parsed += 1;
        }
        for row in &read.bad_rows {
            let row: String = row.chars().take(60).collect();
            diags.push(at_table(page, "W030", &table.source, table.line, format!("permission row `{row}` not understood")));
        }
        if read.placeholder {
            diags.push(at_table(page, "W032", &table.source, table.line, "permission cell holds a placeholder".into()));
        }
        out.tables.push(Table {
            permissions: read.permissions,
            caption: caption(table),
            source: if table.source == page.path { path.clone() } else { table.source.as_str().into() },
            line: table.line,
            page_line: table.page_line,
            request_urls: table.request_urls.clone(),
        });
    }
    out
}

/// A diagnostic at a permission table; one from an include names the page
/// that pulled it in.
fn at_table(page: &RawPage, code: &'static str, source: &str, line: u32, msg: String) -> Diagnostic {
    let msg = if source == page.path { msg } else { format!("{msg} (included from {})", page.path) };
    Diagnostic::new(code, source, line, 1, msg)
}

/// The caption a table is known by: the line above it, else its
/// annotation's name, else its include file's name.
fn caption(t: &RawPermTable) -> String {
    if !t.caption.is_empty() {
        return t.caption.clone();
    }
    t.annotation.clone().unwrap_or_else(|| t.source.rsplit('/').next().unwrap_or("").trim_end_matches(".md").to_string())
}

/// Which tables govern each request line of the page (indexes into
/// `tables`), and the tables that govern none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Governance {
    /// Per request line of the page, the tables that govern it.
    pub lines: Vec<Vec<usize>>,
    /// Tables attached to no line.
    pub apart: Vec<usize>,
    /// Lines that several tables govern although their captions could not
    /// tell them apart (they are scenarios by default, not by the page).
    pub untold: Vec<usize>,
}

/// Attach the page's tables to its endpoints: the endpoint's `permissions`
/// when one table governs all, else each path's `permissions` or
/// `permission_scenarios`; `permission_sources` names the files read.
pub fn attach<'a>(page: &RawPage, tables: PageTables, endpoints: impl IntoIterator<Item = &'a mut Endpoint>, diags: &mut Vec<Diagnostic>) {
    let mut unique = distinct(tables.tables);
    // Lines another annotation claims for a table that was not read are
    // governed by none of the tables that were.
    let unread = names_a_line(&page.unread_request_urls, &page.request_lines);
    match unique.as_mut_slice() {
        [] => {}
        [one] if !unread => {
            // The last endpoint (most pages have one) takes the table itself.
            let mut permissions = Some(std::mem::take(&mut one.permissions));
            let mut endpoints = endpoints.into_iter().peekable();
            while let Some(ep) = endpoints.next() {
                ep.permissions = if endpoints.peek().is_some() { permissions.clone() } else { permissions.take() };
                ep.permission_sources = vec![one.source.clone()];
            }
        }
        many => {
            let captions: Vec<&str> = many.iter().map(|t| t.caption.as_str()).collect();
            let mut g = govern(&page.request_lines, &captions, &many.iter().map(|t| t.page_line).collect::<Vec<_>>());
            by_request_urls(&page.request_lines, many, &page.unread_request_urls, &mut g);
            for &i in &g.apart {
                if let Some(t) = many.get(i) {
                    let msg = format!("permission table `{}` governs none of the page's request paths; kept apart, not merged", short(&t.caption));
                    diags.push(at_table(page, "W033", &t.source, t.line, msg));
                }
            }
            for &l in &g.untold {
                if let Some(rl) = page.request_lines.get(l) {
                    let msg = format!("the page's permission tables do not say which governs `{}`; each is kept as a scenario", short(&rl.path));
                    diags.push(Diagnostic::new("W034", &page.path, rl.line, 1, msg));
                }
            }
            for ep in endpoints {
                place(ep, page, many, &g);
            }
        }
    }
}

/// The tables with identical contents taken once (captions joined): two
/// equal tables are one fact, and keeping both would only make scenarios
/// that differ in nothing.
fn distinct(tables: Vec<Table>) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::with_capacity(tables.len());
    for t in tables {
        match out.iter_mut().find(|o| o.permissions == t.permissions) {
            Some(o) => {
                if !t.caption.is_empty() && o.caption != t.caption {
                    o.caption = format!("{} / {}", o.caption, t.caption);
                }
                o.request_urls.extend(t.request_urls);
            }
            None => out.push(t),
        }
    }
    out
}

/// Whether one of `urls` (method, path key) is a request line of the page.
fn names_a_line(urls: &[(String, String)], lines: &[RawRequestLine]) -> bool {
    if urls.is_empty() {
        return false;
    }
    let urls = key_set(urls);
    lines.iter().any(|rl| urls.contains(&(rl.method.as_str(), crate::parse::path_key(&rl.path).as_str())))
}

/// (method, path key) pairs as a set to look request lines up in.
fn key_set(urls: &[(String, String)]) -> rustc_hash::FxHashSet<(&str, &str)> {
    urls.iter().map(|(m, p)| (m.as_str(), p.as_str())).collect()
}

/// The request lines the page names for a table (`requestUrls`, or a block
/// above it) are governed by those tables, whatever the guess said; the
/// lines named only for tables that were not read (`unread`) by none; a
/// table that then governs no line is apart.
fn by_request_urls(lines: &[RawRequestLine], tables: &[Table], unread: &[(String, String)], g: &mut Governance) {
    if tables.iter().all(|t| t.request_urls.is_empty()) && unread.is_empty() {
        return;
    }
    // (method, path key) → the tables naming it: linear however many a
    // hostile page lists.
    let mut naming: rustc_hash::FxHashMap<(&str, &str), Vec<usize>> = rustc_hash::FxHashMap::default();
    for (i, t) in tables.iter().enumerate() {
        for (m, p) in &t.request_urls {
            let v = naming.entry((m.as_str(), p.as_str())).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    let unread = key_set(unread);
    let mut named = vec![false; lines.len()];
    for (l, rl) in lines.iter().enumerate() {
        let key = crate::parse::path_key(&rl.path);
        let key = (rl.method.as_str(), key.as_str());
        let Some(slot) = g.lines.get_mut(l) else { continue };
        match naming.get(&key) {
            Some(ts) => slot.clone_from(ts),
            None if unread.contains(&key) => slot.clear(),
            None => continue,
        }
        if let Some(n) = named.get_mut(l) {
            *n = true;
        }
    }
    if named.contains(&true) {
        g.untold.retain(|&u| !named.get(u).copied().unwrap_or(false));
        let mut used = vec![false; tables.len()];
        for &i in g.lines.iter().flatten() {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
        g.apart = (0..tables.len()).filter(|&i| !used.get(i).copied().unwrap_or(true)).collect();
    }
}

/// Put the governing tables on one endpoint's paths.
fn place(ep: &mut Endpoint, page: &RawPage, tables: &[Table], g: &Governance) {
    ep.permissions = None;
    let mut used: Vec<usize> = Vec::new();
    for path in &mut ep.paths {
        // A path is one request line of the page (its line and method).
        let Some(l) = page.request_lines.iter().position(|rl| rl.line == path.line && rl.method == ep.method && rl.path == path.template) else { continue };
        let governing = g.lines.get(l).map(Vec::as_slice).unwrap_or_default();
        match governing {
            [] => {}
            [one] => path.permissions = tables.get(*one).map(|t| Box::new(t.permissions.clone())),
            several => {
                path.permission_scenarios = several
                    .iter()
                    .filter_map(|&i| tables.get(i))
                    .map(|t| PermissionScenario { caption: t.caption.clone(), permissions: t.permissions.clone() })
                    .collect();
            }
        }
        used.extend_from_slice(governing);
    }
    ep.unattached_permissions =
        g.apart.iter().filter_map(|&i| tables.get(i)).map(|t| PermissionScenario { caption: t.caption.clone(), permissions: t.permissions.clone() }).collect();
    used.extend_from_slice(&g.apart);
    used.sort_unstable();
    used.dedup();
    ep.permission_sources = Vec::new();
    for t in used.iter().filter_map(|&i| tables.get(i)) {
        if !ep.permission_sources.contains(&t.source) {
            ep.permission_sources.push(t.source.clone());
        }
    }
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(80).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
}

/// Decide which tables govern which request lines (see the module notes).
pub fn govern(lines: &[RawRequestLine], captions: &[&str], table_lines: &[u32]) -> Governance {
    let n = captions.len();
    if let Some(g) = by_position(lines, table_lines) {
        return g;
    }
    let words = distinctive_words(captions);
    let targets: Vec<Target> = lines.iter().map(|rl| Target::new(rl, lines)).collect();
    // Words that tell a path from the others first; the tables no path
    // claimed that way then compete for the rest on every word of theirs.
    let mut governing: Vec<Vec<usize>> = targets.iter().map(|t| best_tables(&words, None, |w| t.score(w, true))).collect();
    let claimed = |g: &[Vec<usize>]| -> Vec<bool> { (0..n).map(|i| g.iter().any(|ts| ts.contains(&i))).collect() };
    let first = claimed(&governing);
    let open: Vec<bool> = if first.iter().any(|&c| c) { first.iter().map(|c| !c).collect() } else { vec![true; n] };
    for (g, t) in governing.iter_mut().zip(&targets) {
        if g.is_empty() {
            *g = best_tables(&words, Some(&open), |w| t.score(w, false));
        }
    }
    let attached = claimed(&governing);
    let left: Vec<usize> = (0..n).filter(|&i| !attached.get(i).copied().unwrap_or(true)).collect();
    let mut untold = Vec::new();
    let mut apart = Vec::new();
    let unnamed: Vec<usize> = (0..governing.len()).filter(|&l| governing.get(l).is_some_and(Vec::is_empty)).collect();
    if unnamed.is_empty() {
        apart = left;
    } else {
        // The tables no path names are the scenarios of the paths no table
        // names; when every table named some path, those paths get them all.
        let scenarios: Vec<usize> = if left.is_empty() { (0..n).collect() } else { left };
        // Paths behind one URL (one path per method) are told by nothing
        // but the captions: scenarios there are what the page means.
        let one_url = distinct_paths(lines) == 1;
        for l in unnamed {
            if let Some(g) = governing.get_mut(l) {
                g.clone_from(&scenarios);
            }
            if scenarios.len() > 1 && !one_url {
                untold.push(l);
            }
        }
    }
    Governance { lines: governing, apart, untold }
}

fn distinct_paths(lines: &[RawRequestLine]) -> usize {
    let mut p: Vec<String> = lines.iter().map(|l| l.path.to_ascii_lowercase()).collect();
    p.sort_unstable();
    p.dedup();
    p.len()
}

/// The tables with the best positive score (several on a tie), among the
/// `open` ones when given.
fn best_tables(words: &[Vec<String>], open: Option<&[bool]>, score: impl Fn(&str) -> u32) -> Vec<usize> {
    let is_open = |i: usize| open.map_or(true, |o| o.get(i).copied().unwrap_or(false));
    let scores: Vec<u32> = words.iter().enumerate().map(|(i, ws)| if is_open(i) { ws.iter().map(|w| score(w)).sum() } else { 0 }).collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return Vec::new();
    }
    (0..scores.len()).filter(|&i| scores.get(i) == Some(&best)).collect()
}

/// Tables and request blocks that alternate: each table governs the lines
/// between it and the next table (or, when the tables follow their
/// blocks, the lines between the previous table and it).
fn by_position(lines: &[RawRequestLine], table_lines: &[u32]) -> Option<Governance> {
    if lines.is_empty() || table_lines.windows(2).any(|w| w.first() >= w.get(1)) {
        return None;
    }
    let slot = |line: u32, after: bool| -> Option<usize> {
        if after {
            table_lines.iter().rposition(|&t| t < line)
        } else {
            table_lines.iter().position(|&t| t > line)
        }
    };
    for after in [true, false] {
        let mut governing = Vec::with_capacity(lines.len());
        for rl in lines {
            match slot(rl.line, after) {
                Some(i) => governing.push(vec![i]),
                None => break,
            }
        }
        let all_placed = governing.len() == lines.len();
        let every_table = (0..table_lines.len()).all(|i| governing.iter().any(|g| g.first() == Some(&i)));
        if all_placed && every_table {
            return Some(Governance { lines: governing, apart: Vec::new(), untold: Vec::new() });
        }
    }
    None
}

/// Words that carry no meaning for attaching a table.
const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "for",
    "of",
    "in",
    "on",
    "to",
    "and",
    "or",
    "with",
    "by",
    "from",
    "at",
    "is",
    "are",
    "be",
    "this",
    "that",
    "these",
    "api",
    "permission",
    "permissions",
    "table",
    "following",
    "required",
    "call",
    "calling",
    "use",
    "using",
    "when",
    "md",
    "get",
    "list",
    "create",
    "update",
    "delete",
    "post",
    "patch",
    "put",
];

/// Words as compared: lower case, a plural `s` dropped.
fn stem(w: &str) -> String {
    let w = w.to_ascii_lowercase();
    if w.len() > 3 && w.ends_with("ies") {
        return format!("{}y", w.trim_end_matches("ies"));
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        return w.trim_end_matches('s').to_string();
    }
    w
}

/// The words of a caption, camelCase and punctuation split, stemmed.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        for w in camel_parts(raw) {
            let w = stem(&w);
            if !STOP.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()) && !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

/// `roleAssignments` → `role`, `assignments`; `cloudPC` → `cloud`, `pc`.
fn camel_parts(w: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = w.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev_lower = i > 0 && chars.get(i - 1).is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

/// Per table, the words of its caption that not every table's caption has
/// (`Permissions for channel` / `Permissions for chat` → `channel` / `chat`).
fn distinctive_words(captions: &[&str]) -> Vec<Vec<String>> {
    let all: Vec<Vec<String>> = captions.iter().map(|c| words(c)).collect();
    all.iter().map(|ws| ws.iter().filter(|w| !all.iter().all(|other| other.contains(w))).cloned().collect()).collect()
}

/// What a request line offers to be named by: its path's words (those
/// that tell it from the page's other paths, and all of them) and the words
/// of the line above its block.
struct Target {
    own: Vec<String>,
    all: Vec<String>,
    caption: Vec<String>,
    root_me: bool,
}

impl Target {
    fn new(rl: &RawRequestLine, lines: &[RawRequestLine]) -> Target {
        let all = path_words(&rl.path);
        let others: Vec<Vec<String>> = lines.iter().filter(|o| o.path != rl.path).map(|o| path_words(&o.path)).collect();
        let own = all.iter().filter(|w| others.is_empty() || !others.iter().all(|o| o.contains(w))).cloned().collect();
        let caption_words = words(&rl.caption);
        let others_captions: Vec<Vec<String>> = lines.iter().filter(|o| o.block != rl.block).map(|o| words(&o.caption)).collect();
        let caption = caption_words.iter().filter(|w| others_captions.is_empty() || !others_captions.iter().all(|o| o.contains(w))).cloned().collect();
        let root_me = rl.path.split('/').nth(1).is_some_and(|s| s.eq_ignore_ascii_case("me"));
        Target { own, all, caption, root_me }
    }

    /// How strongly a caption word names this line: a path segment counts
    /// twice, the line above the block once. `discriminative` looks only
    /// at words that tell this path from the others.
    fn score(&self, w: &str, discriminative: bool) -> u32 {
        let segs = if discriminative { &self.own } else { &self.all };
        let mut s = 0;
        // "self" and "signed-in user" name the `/me` paths.
        let me = self.root_me && matches!(w, "self" | "signed" | "me");
        if me || segs.iter().any(|p| p == w || (w.len() >= 4 && p.contains(w))) {
            s += 2;
        }
        if discriminative && self.caption.iter().any(|c| c == w) {
            s += 1;
        }
        s
    }
}

/// The words of a path's segments, whole and split at camelCase, stemmed;
/// a cast's namespace dropped.
fn path_words(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for seg in path.split('/') {
        let seg = seg.split('(').next().unwrap_or(seg);
        if seg.starts_with('{') {
            // A parameter names what it stands for (`{id}`, `{user-id}`).
            for w in words(seg) {
                if !out.contains(&w) {
                    out.push(w);
                }
            }
            continue;
        }
        if seg.is_empty() || seg.starts_with('$') {
            continue;
        }
        let seg = seg.rsplit('.').next().unwrap_or(seg);
        let mut push = |w: String| {
            if !out.contains(&w) {
                out.push(w);
            }
        };
        push(stem(seg));
        for p in camel_parts(seg) {
            push(stem(&p));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(method: &str, path: &str, line: u32, block: u32, caption: &str) -> RawRequestLine {
        RawRequestLine { method: method.into(), path: path.into(), deprecated: false, line, block, caption: caption.into() }
    }

    #[test]
    fn captions_name_path_groups() {
        let lines = [
            line("GET", "/teams/{t}/channels/{c}/messages/{m}", 40, 0, "Read it in a channel"),
            line("GET", "/chats/{c}/messages/{m}", 45, 1, "Read it in a chat"),
            line("GET", "/me/chats/{c}/messages/{m}", 46, 1, "Read it in a chat"),
        ];
        let g = govern(&lines, &["Permissions for channel", "Permissions for chat"], &[10, 20]);
        assert_eq!(g.lines, vec![vec![0], vec![1], vec![1]]);
        assert!(g.apart.is_empty() && g.untold.is_empty());
    }

    #[test]
    fn self_and_other_users() {
        let lines = [line("GET", "/me/widgets", 40, 0, ""), line("GET", "/users/{id}/widgets", 41, 0, "")];
        let g = govern(&lines, &["Acting on self", "Acting on other users"], &[10, 20]);
        assert_eq!(g.lines, vec![vec![0], vec![1]]);
    }

    #[test]
    fn one_url_gets_scenarios_without_warning() {
        let lines = [line("GET", "/things/{id}", 40, 0, "")];
        let g = govern(&lines, &["For applications:", "For users:"], &[10, 20]);
        assert_eq!(g.lines, vec![vec![0, 1]]);
        assert!(g.untold.is_empty() && g.apart.is_empty());
    }

    #[test]
    fn untold_paths_get_every_table_as_scenario() {
        let lines = [line("GET", "/alpha/{id}", 40, 0, ""), line("GET", "/beta/{id}", 41, 0, "")];
        let g = govern(&lines, &["Scenario one", "Scenario two"], &[10, 20]);
        assert_eq!(g.lines, vec![vec![0, 1], vec![0, 1]]);
        assert_eq!(g.untold, vec![0, 1]);
    }

    #[test]
    fn a_table_naming_no_path_is_kept_apart() {
        let lines = [line("GET", "/gadgets/{id}", 40, 0, ""), line("GET", "/gizmos/{id}", 41, 0, "")];
        let g = govern(&lines, &["For gadgets", "For gizmos", "For sprockets"], &[10, 20, 30]);
        assert_eq!(g.lines, vec![vec![0], vec![1]]);
        assert_eq!(g.apart, vec![2]);
    }

    #[test]
    fn a_path_no_word_names_takes_the_table_left() {
        let lines = [line("POST", "/groups/{id}/evaluate", 40, 0, ""), line("POST", "/groups/evaluate", 41, 0, "")];
        let g = govern(&lines, &["Evaluate by a group ID", "Evaluate by a rule"], &[10, 20]);
        assert_eq!(g.lines, vec![vec![0], vec![1]]);
    }

    #[test]
    fn alternating_tables_and_blocks_go_by_position() {
        let lines = [line("GET", "/a/{id}", 15, 0, ""), line("GET", "/a/{id}/payload", 45, 1, "")];
        let g = govern(&lines, &["x", "y"], &[10, 40]);
        assert_eq!(g.lines, vec![vec![0], vec![1]]);
    }

    #[test]
    fn provider_kinds_by_segment() {
        let lines = [
            line("GET", "/roles/cloudPC/definitions", 60, 0, "For a cloud PC provider"),
            line("GET", "/roles/deviceManagement/definitions", 62, 1, "For a device management provider"),
            line("GET", "/roles/entitlementManagement/definitions", 64, 2, "For the entitlement management provider"),
        ];
        let caps = ["For Cloud PC provider", "For Device management (Intune) provider", "For Entitlement management provider"];
        let g = govern(&lines, &caps, &[10, 20, 30]);
        assert_eq!(g.lines, vec![vec![0], vec![1], vec![2]]);
    }
}
