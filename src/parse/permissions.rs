//! Permission tables: rows of (permission type, scopes).

use crate::model::Permissions;

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
    let c = cell.to_ascii_lowercase();
    if c.contains("personal") {
        Some(PermKind::DelegatedPersonal)
    } else if c.contains("delegated") {
        Some(PermKind::DelegatedWork)
    } else if c.contains("application") {
        Some(PermKind::Application)
    } else {
        None
    }
}

/// How a scopes cell reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Supported with these scopes (possibly none).
    Scopes(Vec<String>),
    /// Not supported.
    NotSupported,
    /// A placeholder (`TODO`, `TBD`) or nothing usable.
    Placeholder,
}

/// Read a scopes cell.
pub fn cell(text: &str) -> Cell {
    let t = clean(text);
    let lower = t.to_ascii_lowercase();
    let bare = lower.trim_end_matches(['.', ' ']);
    if bare.starts_with("not supported") || bare == "not applicable" || bare == "n/a" || bare == "notsupported" {
        return Cell::NotSupported;
    }
    if bare.is_empty() || bare.contains("todo") || bare.contains("tbd") || bare.contains("determine") {
        return Cell::Placeholder;
    }
    if bare == "none" {
        return Cell::Scopes(Vec::new());
    }
    let scopes: Vec<String> = split_scopes(&t)
        .into_iter()
        .filter(|s| is_scope(s))
        .collect();
    if scopes.is_empty() {
        Cell::Placeholder
    } else {
        Cell::Scopes(scopes)
    }
}

fn clean(text: &str) -> String {
    text.replace(['\u{a0}', '\u{200b}'], " ")
        .replace("<br/>", ",")
        .replace("<br />", ",")
        .replace("<br>", ",")
        .replace(['*', '`'], "")
        .trim()
        .to_string()
}

fn split_scopes(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in t.split([',', ';']) {
        for p in split_words(part, " or ") {
            for q in split_words(&p, " and ") {
                let q = q.trim().trim_end_matches('.').trim();
                // Footnote markers like `Sites.Read.All (1)` or `X¹`.
                let q = q.split(" (").next().unwrap_or(q).trim_end_matches(['¹', '²', '³', '†', ')']);
                if !q.is_empty() {
                    out.push(q.to_string());
                }
            }
        }
    }
    out
}

fn split_words(s: &str, sep: &str) -> Vec<String> {
    let lower = s.to_ascii_lowercase();
    // ASCII lowercasing keeps every byte offset, so the match positions found
    // in `lower` (of an ASCII separator) are char boundaries of `s` too.
    let mut out = Vec::new();
    let mut last = 0;
    for (i, _) in lower.match_indices(sep) {
        out.push(s[last..i].to_string());
        last = i + sep.len();
    }
    out.push(s[last..].to_string());
    out
}

fn is_scope(s: &str) -> bool {
    !s.is_empty()
        && !s.contains(' ')
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Append the scopes not yet in `scopes`, keeping order. A set makes this
/// linear: a hostile cell can list millions of distinct scopes.
pub fn push_new(scopes: &mut Vec<String>, new: Vec<String>) {
    let mut seen: std::collections::BTreeSet<String> = scopes.iter().cloned().collect();
    for sc in new {
        if seen.insert(sc.clone()) {
            scopes.push(sc);
        }
    }
}

/// Fold rows into the three permission types. Returns the permissions and
/// the indexes of rows that could not be read.
pub fn fold(rows: &[(String, String)]) -> (Permissions, Vec<usize>, bool) {
    let mut p = Permissions::default();
    let mut bad = Vec::new();
    let mut placeholder = false;
    let mut seen = false;
    for (i, (k, v)) in rows.iter().enumerate() {
        let Some(kind) = kind(k) else {
            bad.push(i);
            continue;
        };
        seen = true;
        let slot = match kind {
            PermKind::DelegatedWork => &mut p.delegated_work,
            PermKind::DelegatedPersonal => &mut p.delegated_personal,
            PermKind::Application => &mut p.application,
        };
        match cell(v) {
            Cell::Scopes(s) => {
                slot.supported = true;
                push_new(&mut slot.scopes, s);
            }
            Cell::NotSupported => {}
            Cell::Placeholder => placeholder = true,
        }
    }
    if !seen {
        bad = (0..rows.len()).collect();
    }
    (p, bad, placeholder)
}

#[cfg(test)]
mod tests {
    use super::*;

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
