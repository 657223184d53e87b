//! The `lint` command's text: the docs inconsistencies the check found
//! (W101–W104), listed and summed up.

use super::*;
use std::collections::BTreeMap;

/// Lint findings grouped by what they say, most frequent first: the docs
/// inconsistencies (W101–W104) by code and property or value.
pub fn lint_summary(diags: &[Diagnostic]) -> Vec<(usize, String)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in diags.iter().filter(|d| matches!(d.code.as_str(), "W101" | "W102" | "W103" | "W104" | "W108")) {
        // Group by the message without the JSON pointer.
        let key = format!("{} {}", d.code, strip_pointer(&d.message));
        *counts.entry(key).or_insert(0) += 1;
    }
    let mut v: Vec<(usize, String)> = counts.into_iter().map(|(k, n)| (n, k)).collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    v
}

/// The `lint` command's output: every docs inconsistency in the rustc form
/// (when `list`), then a summary with the most common findings. Returns the
/// text and the number of findings.
pub fn lint_text(api: &Api, list: bool) -> (String, usize) {
    let codes = ["W101", "W102", "W103", "W104", "W108"];
    let findings: Vec<&Diagnostic> = api.diagnostics.iter().filter(|d| codes.contains(&d.code.as_str())).collect();
    let mut out = String::new();
    if list {
        for d in &findings {
            out.push_str(&format!("{d}\n"));
        }
    }
    let typed = api.examples.iter().filter(|e| e.json_type.is_some()).count();
    let inconsistent = api.examples.iter().filter(|e| e.reason.as_deref() == Some("docs_inconsistency")).count();
    out.push_str(&format!(
        "\n{} docs inconsistencies; {inconsistent} of {typed} JSON examples with a known type contradict their type's page ({:.1}% consistent)\n",
        findings.len(),
        if typed == 0 { 100.0 } else { 100.0 * (typed - inconsistent) as f64 / typed as f64 }
    ));
    for code in codes {
        let n = findings.iter().filter(|d| d.code == code).count();
        let meaning = crate::diag::CODES.iter().find(|(c, _, _)| *c == code).map_or("", |(_, _, m)| *m);
        out.push_str(&format!("  {code}: {n:>6}  {meaning}\n"));
    }
    out.push_str("most common:\n");
    for (n, what) in lint_summary(&api.diagnostics).into_iter().take(10) {
        out.push_str(&format!("  {n:>5}  {what}\n"));
    }
    (out, findings.len())
}

fn strip_pointer(msg: &str) -> String {
    // Pointers are written as " at `...`"; drop them so findings group.
    let mut out = String::new();
    let mut rest = msg;
    while let Some(i) = rest.find(" at `") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 5..];
        rest = after.find('`').map_or("", |j| &after[j + 1..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_stripping_groups() {
        assert_eq!(strip_pointer("has `x` at `/a/0/x`, which"), "has `x`, which");
    }
}
