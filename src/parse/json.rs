//! JSON readers: strict first, then a tolerant pass for the breakages the
//! docs are known to contain (trailing commas, comments, `...` elisions,
//! missing commas between members, NBSP and zero-width characters, raw
//! newlines in strings, unquoted keys).

use serde_json::Value;

/// How a JSON text was read.
#[derive(Debug, PartialEq)]
pub enum JsonRead {
    /// Strict JSON.
    Strict(Value),
    /// Read after repairs; the strings name what was repaired.
    Recovered(Value, Vec<&'static str>),
    /// Not readable; the message says where strict parsing failed.
    Failed(String),
}

/// Read `text` strictly, then tolerantly.
pub fn read(text: &str) -> JsonRead {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => JsonRead::Strict(v),
        Err(strict_err) => {
            let (repaired, what) = repair(text);
            match serde_json::from_str::<Value>(&repaired) {
                Ok(v) => JsonRead::Recovered(v, what),
                Err(_) => JsonRead::Failed(strict_err.to_string()),
            }
        }
    }
}

/// Whether a body shows signs of having been shortened: an elision
/// (`...`, `…`) outside strings, or brackets left open at the end.
pub fn looks_truncated(text: &str) -> bool {
    // On bytes: every character that matters is ASCII but `…` (E2 80 A6),
    // and no byte of another character's encoding equals any of them.
    let bytes = text.as_bytes();
    let mut depth = 0i64;
    let mut in_str = false;
    let mut escaped = false;
    let mut dots = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if in_str {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth -= 1,
            0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA6]) => return true,
            b'.' => {
                dots += 1;
                if dots >= 2 {
                    return true;
                }
                continue;
            }
            _ => {}
        }
        dots = 0;
    }
    depth > 0
}

/// Rewrite common breakages into strict JSON. Works on a character level,
/// tracking whether it is inside a string, so string contents are kept.
pub fn repair(text: &str) -> (String, Vec<&'static str>) {
    let mut what: Vec<&'static str> = Vec::new();
    let note = |w: &'static str, what: &mut Vec<&'static str>| {
        if !what.contains(&w) {
            what.push(w);
        }
    };
    // Indexing into `chars` below is always guarded by `i < chars.len()` (or
    // `j < ...`); `chars.get` is used where a look-ahead may run past the end.
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_str = false;
    while i < chars.len() {
        let c = chars[i];
        if in_str {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(&n) = chars.get(i + 1) {
                        out.push(n);
                        i += 1;
                    }
                }
                '"' => {
                    in_str = false;
                    out.push(c);
                }
                '\n' => {
                    note("raw newline in string", &mut what);
                    out.push_str("\\n");
                }
                '\r' => {}
                '\t' => out.push_str("\\t"),
                _ => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '"' => {
                // Missing comma: a value ended and a new member starts.
                if needs_comma(&out) {
                    note("missing comma", &mut what);
                    out.push(',');
                }
                in_str = true;
                out.push(c);
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                note("comment", &mut what);
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                note("comment", &mut what);
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            '\u{a0}' | '\u{200b}' | '\u{feff}' | '\u{200e}' | '\u{200f}' => {
                note("invisible character", &mut what);
                if !out.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
            '.' if chars.get(i + 1) == Some(&'.') => {
                // `...` or `..` elision: drop it and any comma before it.
                note("elision", &mut what);
                while i < chars.len() && (chars[i] == '.' || chars[i] == '…') {
                    i += 1;
                }
                drop_trailing_comma(&mut out);
                continue;
            }
            '…' => {
                note("elision", &mut what);
                drop_trailing_comma(&mut out);
                i += 1;
                continue;
            }
            ',' => {
                // Trailing comma before a closing bracket, or a doubled comma.
                let mut j = i + 1;
                while j < chars.len() && (chars[j].is_whitespace() || chars[j] == '\u{a0}') {
                    j += 1;
                }
                let next = chars.get(j).copied();
                let prev = out.trim_end().chars().last();
                if matches!(next, Some('}') | Some(']') | Some(',')) || matches!(prev, Some('{') | Some('[') | Some(',')) {
                    note("trailing comma", &mut what);
                } else {
                    out.push(c);
                }
            }
            c if (c.is_ascii_alphabetic() || c == '_' || c == '@') && is_key_position(&out) => {
                // Unquoted key.
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '_' | '@' | '.' | '-')) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let mut j = i;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                if chars.get(j) == Some(&':') {
                    note("unquoted key", &mut what);
                    if needs_comma(&out) {
                        out.push(',');
                    }
                    out.push('"');
                    out.push_str(&word);
                    out.push('"');
                } else {
                    if needs_comma(&out) && matches!(word.as_str(), "true" | "false" | "null") {
                        out.push(',');
                    }
                    out.push_str(&word);
                }
                continue;
            }
            '{' | '[' | '-' | '0'..='9' if needs_comma(&out) && !out.trim_end().ends_with(':') => {
                note("missing comma", &mut what);
                out.push(',');
                out.push(c);
            }
            // Outside strings one blank is as good as many; keeping at most one
            // keeps every `trim_end` above O(1), so hostile input such as
            // `[1 , , , ...]` or `.. .. ..` cannot make the repair quadratic.
            c if c.is_whitespace() && out.ends_with(char::is_whitespace) => {}
            _ => out.push(c),
        }
        i += 1;
    }
    (out, what)
}

fn drop_trailing_comma(out: &mut String) {
    let t = out.trim_end().len();
    // `t` is the length of a prefix returned by `trim_end`: a char boundary.
    if out[..t].ends_with(',') {
        out.truncate(t - 1);
    }
}

/// After a complete value (string, number, literal, closing bracket) and
/// only whitespace since, a new value needs a comma first.
fn needs_comma(out: &str) -> bool {
    let t = out.trim_end();
    if t.len() == out.len() {
        // No whitespace between: e.g. `"a""b"` is not a case we repair.
        return false;
    }
    match t.chars().last() {
        Some('"') | Some('}') | Some(']') => true,
        Some(c) if c.is_ascii_digit() => true,
        Some('e') => t.ends_with("true") || t.ends_with("false"),
        Some('l') => t.ends_with("null"),
        _ => false,
    }
}

fn is_key_position(out: &str) -> bool {
    matches!(out.trim_end().chars().last(), Some('{') | Some(','))
        || (needs_comma(out) && !out.trim_end().ends_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn recovered(t: &str) -> Value {
        match read(t) {
            JsonRead::Recovered(v, _) => v,
            other => panic!("expected recovery for {t:?}, got {other:?}"),
        }
    }

    #[test]
    fn strict_is_strict() {
        assert_eq!(read("{\"a\": 1}"), JsonRead::Strict(json!({"a": 1})));
    }

    #[test]
    fn repairs_known_breakages() {
        assert_eq!(recovered("{\"a\": 1,\n}"), json!({"a": 1}));
        assert_eq!(recovered("{\"a\": [1, 2,],}"), json!({"a": [1, 2]}));
        assert_eq!(recovered("{\"a\": 1 // c\n}"), json!({"a": 1}));
        assert_eq!(recovered("{\"a\": 1\n \"b\": 2}"), json!({"a": 1, "b": 2}));
        assert_eq!(recovered("{\"a\": [1, ...]}"), json!({"a": [1]}));
        assert_eq!(recovered("{\u{a0}\"a\": true}"), json!({"a": true}));
        assert_eq!(recovered("{ blockType: \"x\" }"), json!({"blockType": "x"}));
        assert_eq!(recovered("{\"a\": \"x\ny\"}"), json!({"a": "x\ny"}));
        assert_eq!(recovered("{\"a\": {\"b\": 1}\n \"c\": [] }"), json!({"a": {"b": 1}, "c": []}));
    }

    #[test]
    fn truncation_signs() {
        assert!(looks_truncated("{\"a\": [1, ...]}"));
        assert!(looks_truncated("{\"a\": {\"b\": 1}"));
        assert!(!looks_truncated("{\"a\": \"x...y\", \"b\": 1.5}"));
        assert!(looks_truncated("{\"a\": 1 …}"));
        assert!(!looks_truncated("{\"a\": \"… \\\"é\", \"b\": \"é.é.\"}"));
        assert!(!looks_truncated("{\"é\": 1.é.0}"));
    }

    #[test]
    fn hostile_inputs_stay_linear() {
        // Inputs that made the repair quadratic before blanks were collapsed.
        for unit in [" ,", " ..", "\u{a0},", " // c\n"] {
            let text = format!("[1{}]", unit.repeat(200_000));
            let t = std::time::Instant::now();
            let _ = read(&text);
            assert!(t.elapsed().as_secs() < 20, "{unit:?} took {:?}", t.elapsed());
        }
        // Nesting beyond serde_json's limit is an error, not a stack overflow.
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(read(&deep), JsonRead::Failed(_)));
        let deep_obj = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
        assert!(matches!(read(&deep_obj), JsonRead::Failed(_)));
    }

    #[test]
    fn hopeless_fails() {
        assert!(matches!(read("{\"a\": "), JsonRead::Failed(_)));
        assert!(matches!(read("<html>"), JsonRead::Failed(_)));
    }
}
