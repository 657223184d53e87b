//! YAML-ish front matter between `---` lines. Only flat `key: value` pairs
//! are used, so a full YAML parser is not needed.

/// Front matter fields and the number of lines it spans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// Flat `key: value` pairs in page order, values unquoted (slices of
    /// the page). A repeated key's last value is the one that counts.
    pub fields: Vec<(&'a str, &'a str)>,
    /// Byte offset where the body starts.
    pub body_start: usize,
    /// Whether a front matter block was found.
    pub present: bool,
    /// Whether the block was closed.
    pub closed: bool,
}

impl<'a> FrontMatter<'a> {
    /// A field by name.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.fields.iter().rev().find(|(k, _)| *k == key).map(|(_, v)| *v).filter(|v| !v.is_empty())
    }
}

/// Split off the front matter of `text`.
pub fn parse(text: &str) -> FrontMatter<'_> {
    let mut fm = FrontMatter::default();
    let mut lines = lines_inclusive(text);
    let first = match lines.next() {
        Some(l) => l,
        None => return fm,
    };
    if first.trim_end() != "---" {
        return fm;
    }
    fm.present = true;
    // A page's front matter has about ten fields: one allocation, not three.
    fm.fields.reserve(16);
    let mut offset = first.len();
    for line in lines {
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" {
            fm.closed = true;
            fm.body_start = offset;
            return fm;
        }
        if let Some((k, v)) = memchr::memchr(b':', trimmed.as_bytes()).and_then(|i| Some((trimmed.get(..i)?, trimmed.get(i + 1..)?))) {
            // An indented line belongs to the value of the key above it (a
            // nested map or list), never a field of its own.
            let key = super::trim(k);
            if key.is_empty() || k.starts_with([' ', '\t']) || key.starts_with('-') {
                continue;
            }
            fm.fields.push((key, unquote(super::trim(v))));
        }
    }
    // Unclosed: treat the whole text as body so nothing is lost.
    fm.body_start = 0;
    fm
}

/// `text.split_inclusive('\n')`, each line found by `memchr`: half the
/// front matter's cost, where `str`'s char searcher (with `split_once`
/// below) took about 350 instructions a line (docs/DESIGN.md, "Eleventh
/// round: walk10").
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        // `end` is just past an ASCII `\n` or the end: a char boundary.
        let (line, after) = (rest.get(..end).filter(|l| !l.is_empty())?, rest.get(end..)?);
        rest = after;
        Some(line)
    })
}

/// Today's `ms.subservice` names whose area had another `ms.prod` name in
/// the 2021 reference, so a page keeps its module across the rename. Found
/// by comparing pages present in both eras (and, for the Entra names, the
/// 2021 area of the pages the current reference files under them); a
/// subservice not listed here is its own area under its own name.
pub const SUBSERVICE_AREAS: &[(&str, &str)] = &[
    ("entra-applications", "applications"),
    ("entra-directory-management", "directory-management"),
    ("entra-groups", "groups"),
    ("entra-id-governance", "governance"),
    ("entra-sign-in", "identity-and-sign-in"),
    ("entra-users", "users"),
    ("onedrive", "files"),
    ("teams", "microsoft-teams"),
];

/// Where a page's area came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AreaField {
    /// `ms.prod` (the 2021 pages).
    Prod,
    /// `ms.subservice` (today's pages), mapped by [`SUBSERVICE_AREAS`].
    Subservice,
    /// `ms.service`, on a page that names neither of the others (a few of
    /// today's pages, e.g. Planner's).
    Service,
}

impl<'a> FrontMatter<'a> {
    /// The page's area: `ms.prod`, else `ms.subservice` under its 2021 name
    /// where the two correspond ([`SUBSERVICE_AREAS`]), else `ms.service`;
    /// `None` when the page names no area at all.
    pub fn area(&self) -> Option<(std::borrow::Cow<'a, str>, AreaField)> {
        if let Some(p) = self.get("ms.prod") {
            return Some((p.into(), AreaField::Prod));
        }
        if let Some(sub) = self.get("ms.subservice") {
            let mapped = SUBSERVICE_AREAS.iter().find(|(s, _)| s.eq_ignore_ascii_case(sub.trim())).map(|(_, a)| *a);
            return Some((mapped.map_or_else(|| sub.into(), Into::into), AreaField::Subservice));
        }
        self.get("ms.service").map(|s| (s.into(), AreaField::Service))
    }
}

fn unquote(v: &str) -> &str {
    let b = v.as_bytes();
    // Indexes guarded by `len >= 2`; the slice cuts off two ASCII quotes, so
    // both ends are char boundaries.
    if b.len() >= 2 && ((b[0] == b'"' && b[b.len() - 1] == b'"') || (b[0] == b'\'' && b[b.len() - 1] == b'\'')) {
        &v[1..v.len() - 1]
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_body_start() {
        let t = "---\ntitle: \"A b\"\nms.prod: x-y\n---\n# H\n";
        let fm = parse(t);
        assert!(fm.present && fm.closed);
        assert_eq!(fm.get("title"), Some("A b"));
        assert_eq!(fm.get("ms.prod"), Some("x-y"));
        assert_eq!(&t[fm.body_start..], "# H\n");
    }

    #[test]
    fn area_from_prod_then_subservice() {
        let area = |t: &str| parse(t).area().map(|(a, f)| (a.into_owned(), f));
        assert_eq!(area("---\nms.prod: outlook\nms.subservice: teams\n---\n"), Some(("outlook".into(), AreaField::Prod)));
        assert_eq!(area("---\nms.subservice: \"teams\"\n---\n"), Some(("microsoft-teams".into(), AreaField::Subservice)));
        assert_eq!(area("---\nms.subservice: Entra-Sign-In\n---\n"), Some(("identity-and-sign-in".into(), AreaField::Subservice)));
        assert_eq!(area("---\nms.subservice: m365-backup-storage\n---\n"), Some(("m365-backup-storage".into(), AreaField::Subservice)));
        assert_eq!(area("---\nms.prod:\nms.subservice: planner\n---\n"), Some(("planner".into(), AreaField::Subservice)));
        assert_eq!(area("---\nms.service: \"planner\"\n---\n"), Some(("planner".into(), AreaField::Service)));
        assert_eq!(area("---\nms.service: planner\nms.subservice: teams\n---\n"), Some(("microsoft-teams".into(), AreaField::Subservice)));
        assert_eq!(area("---\ntitle: x\n---\n"), None);
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        // A repeated key: the last value counts, as a map would keep it.
        assert_eq!(parse("---\ntitle: a\ntitle: b\n---\n").get("title"), Some("b"));
    }

    proptest::proptest! {
        #[test]
        fn lines_are_split_inclusive(text in "[a-c:\n\r é\t-]{0,40}") {
            let want: Vec<&str> = text.split_inclusive('\n').collect();
            proptest::prop_assert_eq!(lines_inclusive(&text).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn nested_values_are_not_fields() {
        // A nested map's keys and a list's items belong to the key above.
        let fm = parse("---\ntitle: Outer\nextra:\n  title: Inner\n\tms.subservice: tabbed\n  - ms.prod: listed\nms.subservice: real\n---\n");
        assert_eq!(fm.get("title"), Some("Outer"));
        assert_eq!(fm.get("ms.subservice"), Some("real"));
        assert_eq!(fm.get("ms.prod"), None);
        assert_eq!(fm.fields.len(), 3);
    }

    #[test]
    fn unclosed_keeps_whole_text() {
        let fm = parse("---\ntitle: a\n# H\n");
        assert!(fm.present && !fm.closed);
        assert_eq!(fm.body_start, 0);
    }
}
