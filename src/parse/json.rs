//! JSON readers: strict first, then a tolerant pass for the breakages the
//! docs are known to contain (trailing commas, comments, `...` elisions,
//! missing commas between members, NBSP and zero-width characters, raw
//! newlines in strings, unquoted keys).

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Number, Value};

mod print;
mod reader;

/// How a JSON text was read.
#[derive(Debug, PartialEq)]
pub enum JsonRead<T = Value> {
    /// Strict JSON.
    Strict(T),
    /// Read after repairs; the strings name what was repaired.
    Recovered(T, Vec<&'static str>),
    /// Not readable; the message says where strict parsing failed.
    Failed(String),
}

/// Read `text` strictly, then tolerantly, as a [`Value`].
pub fn read(text: &str) -> JsonRead {
    read_as(text)
}

/// Read `text` strictly, then tolerantly, as any JSON value type.
pub fn read_as<T: serde::de::DeserializeOwned>(text: &str) -> JsonRead<T> {
    match serde_json::from_str::<T>(text) {
        Ok(v) => JsonRead::Strict(v),
        Err(strict_err) => {
            let (repaired, what) = repair(text);
            match serde_json::from_str::<T>(&repaired) {
                Ok(v) => JsonRead::Recovered(v, what),
                Err(_) => JsonRead::Failed(strict_err.to_string()),
            }
        }
    }
}

/// A JSON value held compactly: a member list instead of a hash map per
/// object and boxed slices instead of growable vectors, because the example
/// bodies are a large part of the model and fresh memory is the dearest
/// part of a run (figures in docs/DESIGN.md). Members keep their order
/// and a repeated key keeps its first place with its last value, exactly as
/// `Value` reads them, and serialisation is `Value`'s (same text).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Json {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as serde_json reads it.
    Number(Number),
    /// A string.
    String(Box<str>),
    /// An array.
    Array(Box<[Json]>),
    /// An object, its members in order.
    Object(Object),
}

/// The members of a JSON object, in order, keys distinct.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object(Box<[(reader::Key, Json)]>);

impl Object {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| &**k == key).map(|(_, v)| v)
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| &**k)
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json)> {
        self.0.iter().map(|(k, v)| (&**k, v))
    }

    /// The values, in order.
    pub fn values(&self) -> impl Iterator<Item = &Json> {
        self.0.iter().map(|(_, v)| v)
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Json {
    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value of a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members of an object.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// A boolean.
    pub fn is_boolean(&self) -> bool {
        matches!(self, Json::Bool(_))
    }

    /// A string.
    pub fn is_string(&self) -> bool {
        matches!(self, Json::String(_))
    }

    /// An array.
    pub fn is_array(&self) -> bool {
        matches!(self, Json::Array(_))
    }

    /// A number.
    pub fn is_number(&self) -> bool {
        matches!(self, Json::Number(_))
    }

    /// A number that fits an `i64`.
    pub fn is_i64(&self) -> bool {
        matches!(self, Json::Number(n) if n.is_i64())
    }

    /// A number that fits a `u64`.
    pub fn is_u64(&self) -> bool {
        matches!(self, Json::Number(n) if n.is_u64())
    }

    /// The same value as a [`serde_json::Value`].
    pub fn to_value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(s) => Value::String(s.to_string()),
            Json::Array(a) => Value::Array(a.iter().map(Json::to_value).collect()),
            Json::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.to_string(), v.to_value())).collect()),
        }
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => n.serialize(s),
            Json::String(t) => s.serialize_str(t),
            Json::Array(a) => a.serialize(s),
            Json::Object(o) => {
                let mut m = s.serialize_map(Some(o.len()))?;
                for (k, v) in o.iter() {
                    m.serialize_entry(k, v)?;
                }
                m.end()
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
    let mut dots = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                // Skip the string: to its closing quote, past escapes.
                i += 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', bytes.get(i..).unwrap_or_default()) {
                        Some(k) if bytes.get(i + k) == Some(&b'\\') => i += k + 2,
                        Some(k) => {
                            i += k + 1;
                            break;
                        }
                        // Unclosed: nothing after it counts.
                        None => return depth > 0,
                    }
                }
                dots = 0;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth -= 1,
            0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA6]) => return true,
            b'.' => {
                dots += 1;
                if dots >= 2 {
                    return true;
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        dots = 0;
        i += 1;
    }
    depth > 0
}

/// Rewrite common breakages into strict JSON. Works on a character level,
/// tracking whether it is inside a string, so string contents are kept.
pub fn repair(text: &str) -> (String, Vec<&'static str>) {
    let mut r = Repairer { chars: text.chars().collect(), i: 0, in_str: false, out: String::with_capacity(text.len()), what: Vec::new() };
    while let Some(&c) = r.chars.get(r.i) {
        let advance = if r.in_str { r.string_char(c) } else { r.outside_string(c) };
        if advance {
            r.i += 1;
        }
    }
    (r.out, r.what)
}

/// One [`repair`] under way. Indexing into `chars` is always guarded by
/// `i < chars.len()` (or `j < ...`); `chars.get` is used where a look-ahead
/// may run past the end.
struct Repairer {
    chars: Vec<char>,
    i: usize,
    in_str: bool,
    out: String,
    what: Vec<&'static str>,
}

impl Repairer {
    fn note(&mut self, w: &'static str) {
        if !self.what.contains(&w) {
            self.what.push(w);
        }
    }

    fn next_is(&self, c: char) -> bool {
        self.chars.get(self.i + 1) == Some(&c)
    }

    /// A character inside a string; returns whether to step past it.
    fn string_char(&mut self, c: char) -> bool {
        match c {
            '\\' => {
                self.out.push(c);
                if let Some(&n) = self.chars.get(self.i + 1) {
                    self.out.push(n);
                    self.i += 1;
                }
            }
            '"' => {
                self.in_str = false;
                self.out.push(c);
            }
            '\n' => {
                self.note("raw newline in string");
                self.out.push_str("\\n");
            }
            '\r' => {}
            '\t' => self.out.push_str("\\t"),
            _ => self.out.push(c),
        }
        true
    }

    /// A character outside strings; returns whether to step past it (false
    /// when the repair already moved on).
    fn outside_string(&mut self, c: char) -> bool {
        match c {
            '"' => {
                // Missing comma: a value ended and a new member starts.
                if needs_comma(&self.out) {
                    self.note("missing comma");
                    self.out.push(',');
                }
                self.in_str = true;
                self.out.push(c);
            }
            '/' if self.next_is('/') || self.next_is('*') => {
                self.skip_comment();
                return false;
            }
            '\u{a0}' | '\u{200b}' | '\u{feff}' | '\u{200e}' | '\u{200f}' => {
                self.note("invisible character");
                if !self.out.ends_with(char::is_whitespace) {
                    self.out.push(' ');
                }
            }
            '.' if self.next_is('.') => {
                // `...` or `..` elision: drop it and any comma before it.
                self.note("elision");
                while self.i < self.chars.len() && (self.chars[self.i] == '.' || self.chars[self.i] == '…') {
                    self.i += 1;
                }
                drop_trailing_comma(&mut self.out);
                return false;
            }
            '…' => {
                self.note("elision");
                drop_trailing_comma(&mut self.out);
            }
            ',' => self.comma(c),
            c if (c.is_ascii_alphabetic() || c == '_' || c == '@') && is_key_position(&self.out) => {
                self.bare_word();
                return false;
            }
            '{' | '[' | '-' | '0'..='9' if needs_comma(&self.out) && !self.out.trim_end().ends_with(':') => {
                self.note("missing comma");
                self.out.push(',');
                self.out.push(c);
            }
            // Outside strings one blank is as good as many; keeping at most one
            // keeps every `trim_end` above O(1), so hostile input such as
            // `[1 , , , ...]` or `.. .. ..` cannot make the repair quadratic.
            c if c.is_whitespace() && self.out.ends_with(char::is_whitespace) => {}
            _ => self.out.push(c),
        }
        true
    }

    /// A `//` comment to the end of its line, or a `/* */` one, dropped.
    fn skip_comment(&mut self) {
        self.note("comment");
        if self.next_is('/') {
            while self.i < self.chars.len() && self.chars[self.i] != '\n' {
                self.i += 1;
            }
            return;
        }
        self.i += 2;
        while self.i + 1 < self.chars.len() && !(self.chars[self.i] == '*' && self.chars[self.i + 1] == '/') {
            self.i += 1;
        }
        self.i += 2;
    }

    /// A comma, dropped when it trails (before a closing bracket) or doubles.
    fn comma(&mut self, c: char) {
        let mut j = self.i + 1;
        while j < self.chars.len() && (self.chars[j].is_whitespace() || self.chars[j] == '\u{a0}') {
            j += 1;
        }
        let next = self.chars.get(j).copied();
        let prev = self.out.trim_end().chars().last();
        if matches!(next, Some('}') | Some(']') | Some(',')) || matches!(prev, Some('{') | Some('[') | Some(',')) {
            self.note("trailing comma");
        } else {
            self.out.push(c);
        }
    }

    /// A word where a key may start: quoted when a `:` follows (an unquoted
    /// key), else kept (`true`, `false`, `null`, with a missing comma put back).
    fn bare_word(&mut self) {
        let start = self.i;
        while self.i < self.chars.len() && (self.chars[self.i].is_ascii_alphanumeric() || matches!(self.chars[self.i], '_' | '@' | '.' | '-')) {
            self.i += 1;
        }
        let word: String = self.chars[start..self.i].iter().collect();
        let mut j = self.i;
        while j < self.chars.len() && self.chars[j].is_whitespace() {
            j += 1;
        }
        if self.chars.get(j) == Some(&':') {
            self.note("unquoted key");
            if needs_comma(&self.out) {
                self.out.push(',');
            }
            self.out.push('"');
            self.out.push_str(&word);
            self.out.push('"');
        } else {
            if needs_comma(&self.out) && matches!(word.as_str(), "true" | "false" | "null") {
                self.out.push(',');
            }
            self.out.push_str(&word);
        }
    }
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
    matches!(out.trim_end().chars().last(), Some('{') | Some(',')) || (needs_comma(out) && !out.trim_end().ends_with(':'))
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

    impl Json {
        fn as_u64_for_tests(&self) -> Option<u64> {
            match self {
                Json::Number(n) => n.as_u64(),
                _ => None,
            }
        }
    }

    /// Reads `text` both ways; the compact value must be the same value
    /// and print as the same text, compact and pretty.
    fn same_as_value(text: &str) {
        let v: Value = serde_json::from_str(text).unwrap();
        let j: Json = serde_json::from_str(text).unwrap();
        assert_eq!(j.to_value(), v, "{text}");
        assert_eq!(serde_json::to_string(&j).unwrap(), serde_json::to_string(&v).unwrap());
        assert_eq!(serde_json::to_string_pretty(&j).unwrap(), serde_json::to_string_pretty(&v).unwrap());
        let back: Json = serde_json::from_value(v).unwrap();
        assert_eq!(back, j);
    }

    #[test]
    fn compact_json_reads_and_prints_as_value() {
        for text in [
            "null",
            "[]",
            "{}",
            "[true, false, null, 0, -1, 18446744073709551615, -9223372036854775808, 1.5, 1e300, -0.0, 2.5e-8]",
            r#"{"b": 1, "a": {"z": [1, {"y": "\u00e9\n\"q\""}], "x": null}, "é": "名"}"#,
            // A repeated key keeps its first place and takes its last value.
            r#"{"a": 1, "b": 2, "a": 3}"#,
            r#"{"a": {"x": 1}, "a": [2]}"#,
        ] {
            same_as_value(text);
        }
        // Objects past the indexed size, with repeats far apart.
        let members: Vec<String> = (0..100).map(|i| format!("\"k{}\": {i}", i % 37)).collect();
        same_as_value(&format!("{{{}}}", members.join(", ")));
        let j: Json = serde_json::from_str(r#"{"a": 1, "b": [2], "a": 3}"#).unwrap();
        assert_eq!(j.as_object().map(|o| o.keys().collect::<Vec<_>>()), Some(vec!["a", "b"]));
        assert_eq!(j.get("a").map(Json::is_u64), Some(true));
        assert_eq!(j.get("b").and_then(Json::as_array).map(<[Json]>::len), Some(1));
        assert!(j.get("c").is_none() && Json::Null.get("a").is_none());
    }

    #[test]
    fn compact_json_reads_like_value_when_broken() {
        for text in ["{\"a\": 1,\n}", "{\"a\": [1, ...]}", "{ blockType: \"x\" }", "{\"a\": ", "[[[["] {
            let v = read(text);
            let j = read_as::<Json>(text);
            match (&v, &j) {
                (JsonRead::Strict(v), JsonRead::Strict(j)) | (JsonRead::Recovered(v, _), JsonRead::Recovered(j, _)) => assert_eq!(&j.to_value(), v),
                (JsonRead::Failed(a), JsonRead::Failed(b)) => assert_eq!(a, b),
                _ => panic!("{text}: {v:?} against {j:?}"),
            }
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

    /// The byte-at-a-time reading `looks_truncated` replaced.
    fn looks_truncated_reference(text: &str) -> bool {
        let bytes = text.as_bytes();
        let (mut depth, mut in_str, mut escaped, mut dots) = (0i64, false, false, 0);
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

    #[test]
    fn truncation_signs_match_the_byte_reading() {
        let alphabet = ["\"", "\\", "{", "}", "[", "]", ".", "a", " ", "…", "é", ":", ","];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 24) {
                t.push_str(alphabet[((seed >> (k % 32)) as usize + k as usize * 7) % alphabet.len()]);
            }
            assert_eq!(looks_truncated(&t), looks_truncated_reference(&t), "{t:?}");
        }
    }

    /// A random JSON text (valid) with strings that hold the marks
    /// `looks_truncated` looks for outside strings.
    fn random_json(next: &mut impl FnMut(usize) -> usize, depth: usize) -> String {
        let words = ["...", "…", "{", "]", "\\\"", "\\\\", "a.b", "é", ".."];
        match next(if depth > 3 { 4 } else { 6 }) {
            0 => ["null", "true", "1.5", "-0.25e3", "12", "0.5"][next(6)].to_string(),
            1 | 2 => format!("\"{}{}\"", words[next(words.len())], words[next(words.len())]),
            3 => "[]".to_string(),
            4 => {
                let items: Vec<String> = (0..next(4)).map(|_| random_json(next, depth + 1)).collect();
                format!("[{}]", items.join([",", ", ", " ,\n "][next(3)]))
            }
            _ => {
                let members: Vec<String> = (0..next(4)).map(|i| format!("\"k{i}{}\" : {}", words[next(words.len())], random_json(next, depth + 1))).collect();
                format!("{{{}}}", members.join([",", ",\n  "][next(2)]))
            }
        }
    }

    #[test]
    fn strict_json_never_looks_truncated() {
        // The parser asks `looks_truncated` only of bodies that are not
        // strict JSON: for strict ones the answer is always no.
        let mut next = crate::parse::rng(4242);
        let mut strict = 0;
        for _ in 0..20_000 {
            let text = random_json(&mut next, 0);
            if let JsonRead::Strict(_) = read_as::<Json>(&text) {
                strict += 1;
                assert!(!looks_truncated(&text), "{text}");
            }
        }
        assert!(strict > 19_000, "the texts are strict JSON: {strict}");
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
        // The same for the compact value, and a huge flat object with every
        // key repeated stays linear.
        assert!(matches!(read_as::<Json>(&deep), JsonRead::Failed(_)));
        assert!(matches!(read_as::<Json>(&deep_obj), JsonRead::Failed(_)));
        let members: Vec<String> = (0..200_000).map(|i| format!("\"k{}\": {i}", i % 100_000)).collect();
        let t = std::time::Instant::now();
        let JsonRead::Strict(Json::Object(o)) = read_as::<Json>(&format!("{{{}}}", members.join(","))) else { panic!("object expected") };
        assert_eq!(o.len(), 100_000);
        assert_eq!(o.get("k7").and_then(|v| v.as_u64_for_tests()), Some(100_007));
        assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    }

    #[test]
    fn hopeless_fails() {
        assert!(matches!(read("{\"a\": "), JsonRead::Failed(_)));
        assert!(matches!(read("<html>"), JsonRead::Failed(_)));
    }

    fn prints_as_serde(v: &Json) {
        assert_eq!(v.compact(), serde_json::to_string(v).unwrap());
        assert_eq!(v.pretty(), serde_json::to_string_pretty(v).unwrap());
    }

    #[test]
    fn prints_as_serde_json() {
        let deep = |n: usize, open: &str, inner: &str, close: &str| format!("{}{inner}{}", open.repeat(n), close.repeat(n));
        let mut texts: Vec<String> = [
            "null",
            "true",
            "false",
            "[]",
            "{}",
            "[[]]",
            "[{}]",
            "{\"a\":{}}",
            "{\"a\":[]}",
            "{\"a\":[[], {}, [1]]}",
            "0",
            "-1",
            "-0",
            "-0.0",
            "0.5",
            "1E2",
            "1e-2",
            "2.5E+8",
            "1e-400",
            "1e300",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            r#""\"\\\/\b\f\n\r\t\u0000\u001f\u007f""#,
            r#""\u00e9\u00E9é\u20ac\ud83d\ude00""#,
            "\"\u{7f}é名 \u{202e}\u{a0}\"",
            r#"{"a\"b": 1, "\\": 2, "\u0001": [3, "x\ny"]}"#,
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        texts.push(deep(100, "[", "1", "]"));
        texts.push(deep(100, "{\"a\":", "[1, {\"b\": null}]", "}"));
        for t in &texts {
            prints_as_serde(&serde_json::from_str(t).unwrap());
        }
        let mut next = crate::parse::rng(77);
        for _ in 0..20_000 {
            prints_as_serde(&serde_json::from_str(&random_json(&mut next, 0)).unwrap());
        }
    }

    /// The JSON-looking texts of a markdown page: code blocks, the bodies
    /// after their first blank line, and HTML comments.
    fn json_candidates(page: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = page;
        while let Some(open) = rest.find("```") {
            let after = &rest[open + 3..];
            let Some(body_start) = after.find('\n') else { break };
            let body = &after[body_start + 1..];
            let Some(close) = body.find("```") else { break };
            let block = &body[..close];
            out.push(block.trim());
            if let Some((_, http_body)) = block.split_once("\n\n") {
                out.push(http_body.trim());
            }
            rest = &body[close + 3..];
        }
        let mut rest = page;
        while let Some(open) = rest.find("<!--") {
            let after = &rest[open + 4..];
            let Some(close) = after.find("-->") else { break };
            out.push(after[..close].trim());
            rest = &after[close + 3..];
        }
        out.retain(|t| t.starts_with('{') || t.starts_with('['));
        out
    }

    fn markdown_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                markdown_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }

    #[test]
    fn prints_the_corpus_as_serde_json() {
        // Every JSON text of the doc sets named in the environment that
        // reads (strictly or repaired) prints as serde_json prints it.
        for var in ["GRAPH_DOCS_DIR", "GRAPH_DOCS_OLD_DIR", "GRAPH_DOCS_CURRENT_DIR"] {
            let Some(dir) = std::env::var_os(var) else { continue };
            let mut files = Vec::new();
            markdown_files(std::path::Path::new(&dir), &mut files);
            let mut printed = 0;
            for f in files {
                let Ok(page) = std::fs::read_to_string(&f) else { continue };
                for text in json_candidates(&page) {
                    if let JsonRead::Strict(v) | JsonRead::Recovered(v, _) = read_as::<Json>(text) {
                        assert_eq!(v.compact(), serde_json::to_string(&v).unwrap(), "{}: {text:?}", f.display());
                        assert_eq!(v.pretty(), serde_json::to_string_pretty(&v).unwrap(), "{}: {text:?}", f.display());
                        printed += 1;
                    }
                }
            }
            assert!(printed > 100, "{var}: only {printed} JSON texts found");
        }
    }
}
