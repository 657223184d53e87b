//! YAML-ish front matter between `---` lines. Only flat `key: value` pairs
//! are used, so a full YAML parser is not needed.

use std::collections::BTreeMap;

/// Front matter fields and the number of lines it spans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// Flat key → value map, values unquoted (slices of the page).
    pub fields: BTreeMap<&'a str, &'a str>,
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
        self.fields.get(key).copied().filter(|v| !v.is_empty())
    }
}

/// Split off the front matter of `text`.
pub fn parse(text: &str) -> FrontMatter<'_> {
    let mut fm = FrontMatter::default();
    let mut lines = text.split_inclusive('\n');
    let first = match lines.next() {
        Some(l) => l,
        None => return fm,
    };
    if first.trim_end() != "---" {
        return fm;
    }
    fm.present = true;
    let mut offset = first.len();
    for line in lines {
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" {
            fm.closed = true;
            fm.body_start = offset;
            return fm;
        }
        if let Some((k, v)) = trimmed.split_once(':') {
            let key = k.trim();
            if key.is_empty() || key.starts_with(' ') || key.starts_with('-') {
                continue;
            }
            fm.fields.insert(key, unquote(v.trim()));
        }
    }
    // Unclosed: treat the whole text as body so nothing is lost.
    fm.body_start = 0;
    fm
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
    fn unclosed_keeps_whole_text() {
        let fm = parse("---\ntitle: a\n# H\n");
        assert!(fm.present && !fm.closed);
        assert_eq!(fm.body_start, 0);
    }
}
