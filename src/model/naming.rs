//! The one sanitiser for every Rust identifier the generator emits, and the
//! percent-encoding the emitted code mirrors at run time.

/// Words that cannot be plain identifiers (strict and reserved keywords of
/// every edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot even be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated `types.rs` files use themselves (imports and the
/// prelude names in getter signatures). A model type with one of these names
/// would shadow them, so [`pascal`] appends `_` (which heck never produces).
pub(crate) const RESERVED_TYPES: &[&str] = &[
    "FieldInfo",
    "GraphType",
    "JsonObject",
    "TypeInfo",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Clone",
    "Debug",
    "Default",
    "PartialEq",
    "Serialize",
    "Deserialize",
    "Sized",
    "Send",
    "Sync",
];

/// Module names the generated crate uses itself: `types` beside the area
/// modules of a version, `api` (the crate alias) beside the test modules.
const RESERVED_MODULES: &[&str] = &["types", "api", "support", "rt"];

/// Longest identifier emitted; longer names are cut (uniqueness is restored
/// by [`Unique`], which every name goes through).
const MAX_IDENT: usize = 80;

/// ASCII text with the same words: a non-ASCII letter becomes an ASCII
/// escape, anything else that is not a letter or digit `_`.
fn ascii_words(s: &str) -> std::borrow::Cow<'_, str> {
    // ASCII text is kept as it is: every byte that is not a letter or a
    // digit already separates words.
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            // Non-ASCII letters: keep them distinguishable but ASCII.
            out.push_str(&format!("_u{:x}_", c as u32));
        } else {
            out.push('_');
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Finish an identifier: never empty, never starting with a digit, and a
/// marker for keywords. Returns the text; [`is_keyword`] tells raw-ness.
fn finish(mut s: String, fallback: &str) -> String {
    if s.is_empty() || s.chars().all(|c| c == '_') {
        s = fallback.to_string();
    }
    if s.len() > MAX_IDENT {
        // `s` is ASCII here (see `ascii_words`), so any index is a char boundary.
        s.truncate(MAX_IDENT);
        // A cut word boundary would leave `_` at the end, and a suffix
        // (`_2`) after it a `__`, which is not snake case.
        while s.len() > 1 && s.ends_with('_') {
            s.pop();
        }
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
        // `_1` is fine, but a lone `_` prefix for snake names reads as unused.
    }
    if NOT_RAW.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// `snake_case` identifier text (a keyword stays a keyword; emit it with [`ident`]).
pub fn snake(s: &str) -> String {
    finish(snake_ascii(&ascii_words(s)), "value")
}

/// heck's `to_snake_case` for ASCII text (what [`ascii_words`] leaves), on
/// bytes: heck formats every character through `to_lowercase`, which was a
/// few percent of a full run. Equal to heck on any ASCII input (a test).
fn snake_ascii(s: &str) -> String {
    // Lower-case words joined by single `_` (most path segments and many
    // names) are their own snake case.
    let b = s.as_bytes();
    if b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        && b.first().is_some_and(|&c| c != b'_')
        && b.last().is_some_and(|&c| c != b'_')
        && !b.windows(2).any(|w| w == b"__")
    {
        return s.to_string();
    }
    // Without capitals (page stems, example names, most path segments)
    // every run of letters and digits is one word, already lower case.
    // Read byte by byte: splitting at a `char` predicate decoded every
    // character, most of the cost of a test name.
    if !b.iter().any(u8::is_ascii_uppercase) {
        let mut out = String::with_capacity(s.len());
        let mut gap = false;
        for &c in b {
            if !c.is_ascii_alphanumeric() {
                gap = true;
                continue;
            }
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(char::from(c));
        }
        return out;
    }
    let mut out = String::with_capacity(s.len() + 4);
    for_each_word(s, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        let start = out.len();
        out.push_str(word);
        if let Some(w) = out.get_mut(start..) {
            w.make_ascii_lowercase();
        }
    });
    out
}

/// heck's `to_pascal_case` for ASCII text, on bytes as [`snake_ascii`] is:
/// each word with its first letter upper case and the rest lower case.
/// Equal to heck on any ASCII input (a test).
fn pascal_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for_each_word(s, |word| {
        let start = out.len();
        out.push_str(word);
        if let Some(w) = out.get_mut(start..) {
            w.make_ascii_lowercase();
        }
        if let Some(first) = out.get_mut(start..start + 1) {
            first.make_ascii_uppercase();
        }
    });
    out
}

/// The words of ASCII text as heck splits them: at every non-alphanumeric
/// byte, after a lowercase letter (or a digit following one) that precedes
/// an uppercase letter, and before the last capital of a capital run that
/// precedes a lowercase letter. Words are never empty.
fn for_each_word(s: &str, mut f: impl FnMut(&str)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    let all = s.as_bytes();
    let mut start = 0;
    while let Some(from) = all.get(start..).and_then(|rest| rest.iter().position(u8::is_ascii_alphanumeric)) {
        let from = start + from;
        let to = all.get(from..).and_then(|rest| rest.iter().position(|b| !b.is_ascii_alphanumeric())).map_or(all.len(), |n| from + n);
        start = to;
        // Cut next to ASCII bytes (or at the ends): a `str`.
        let word = s.get(from..to).unwrap_or_default();
        let bytes = word.as_bytes();
        let mut init = 0;
        let mut mode = Mode::Boundary;
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                f(word.get(init..).unwrap_or_default());
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lower
            } else if c.is_ascii_uppercase() {
                Mode::Upper
            } else {
                mode
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                f(word.get(init..=i).unwrap_or_default());
                init = i + 1;
                mode = Mode::Boundary;
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                f(word.get(init..i).unwrap_or_default());
                init = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
    }
}

/// `PascalCase` identifier text (for types: never one of the names the
/// generated code needs for itself).
pub fn pascal(s: &str) -> String {
    let mut p = finish(pascal_ascii(&ascii_words(s)), "Value");
    if RESERVED_TYPES.contains(&p.as_str()) {
        p.push('_');
    }
    p
}

/// Module identifier text for an area (`ms.prod`): [`snake`], but never a
/// module name the generated crate uses itself.
pub fn module(area: &str) -> String {
    let mut m = snake(area);
    if RESERVED_MODULES.contains(&m.as_str()) {
        m.push_str("_area");
    }
    m
}

/// `SCREAMING_SNAKE_CASE` identifier text.
pub fn screaming(s: &str) -> String {
    // A name that is already a snake identifier (as every name settled in the
    // model is) only changes case: truncating it again could merge two names
    // that `Unique` kept apart with a suffix.
    let is_snake =
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') && !s.starts_with(|c: char| c.is_ascii_digit());
    if is_snake {
        s.to_ascii_uppercase()
    } else {
        snake(s).trim_start_matches("r#").to_ascii_uppercase()
    }
}

/// Whether `s` must be emitted as a raw identifier.
pub fn is_keyword(s: &str) -> bool {
    // Every keyword is 2 to 8 bytes long and starts with a letter: most
    // names are ruled out without a comparison.
    (2..=8).contains(&s.len()) && s.as_bytes()[0].is_ascii_alphabetic() && KEYWORDS.contains(&s)
}

/// Whether `s` is usable as is: ASCII letters, digits and `_`, not starting
/// with a digit, not a keyword that cannot be raw.
fn is_plain_ident(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        // A fold with no early exit compiles to vector code: an eighth of
        // the instructions of `all` (the emitter asks this 330,000 times).
        && s.bytes().fold(true, |plain, c| plain & (c.is_ascii_alphanumeric() | (c == b'_')))
        && (s.len() > 5 || !NOT_RAW.contains(&s))
}

/// Build a `proc_macro2::Ident`, raw where needed. `s` should come from
/// [`snake`], [`pascal`] or [`screaming`]; anything else is passed through
/// [`snake`] first, so this never panics on text that is not an identifier.
pub fn ident(s: &str) -> proc_macro2::Ident {
    let span = proc_macro2::Span::call_site();
    if !is_plain_ident(s) {
        let fixed = snake(s);
        return if is_keyword(&fixed) { proc_macro2::Ident::new_raw(&fixed, span) } else { proc_macro2::Ident::new(&fixed, span) };
    }
    if is_keyword(s) {
        proc_macro2::Ident::new_raw(s, span)
    } else {
        proc_macro2::Ident::new(s, span)
    }
}

/// [`ident`] as code text (`r#type` for keywords), without building an
/// `Ident` for the common case of a plain name.
pub fn ident_text(s: &str) -> std::borrow::Cow<'_, str> {
    if is_plain_ident(s) && !is_keyword(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(ident(s).to_string())
    }
}

/// [`ident_text`] of a name the model made ([`snake`], [`pascal`],
/// [`screaming`] of a snake name, [`module`], then [`Unique`]): ASCII letters,
/// digits and `_`, never start with a digit and are never a keyword that
/// cannot be raw, so only the keyword check is left (the emitter asks this
/// of ~330,000 names a run). A property test holds every model-made name
/// plain, and this equal to [`ident_text`] on them; no assertion here, so
/// that no input can make the generator panic.
pub fn model_ident_text(s: &str) -> std::borrow::Cow<'_, str> {
    if is_keyword(s) {
        std::borrow::Cow::Owned(["r#", s].concat())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Hands out names unique within one scope: `x`, `x_2`, `x_3`, ...
#[derive(Clone, Debug, Default)]
pub struct Unique {
    used: rustc_hash::FxHashSet<String>,
    // Next suffix to try per base, so n copies of one name cost O(n log n),
    // not O(n²) (a page can repeat an example name thousands of times).
    next: rustc_hash::FxHashMap<String, usize>,
}

impl Unique {
    /// A fresh scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserve a name so later calls avoid it.
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_string());
    }

    /// `base` if free, else `base_N` for the smallest free N ≥ 2.
    pub fn name(&mut self, base: &str) -> String {
        self.name_owned(base.to_string())
    }

    /// [`Unique::name`] of an owned base, kept as the name when it is free.
    pub fn name_owned(&mut self, base: String) -> String {
        // One lookup, not a look then an insert: the copy is wasted only
        // when the name is taken, which few are.
        if self.used.insert(base.clone()) {
            return base;
        }
        self.suffixed(&base)
    }

    /// `base_N` for the smallest free N ≥ 2 (`base` is taken).
    fn suffixed(&mut self, base: &str) -> String {
        let mut n = self.next.get(base).copied().unwrap_or(2);
        // `self_` gets `self_2`, not `self__2` (not snake case).
        let sep = if base.ends_with('_') { "" } else { "_" };
        loop {
            let cand = format!("{base}{sep}{n}");
            n += 1;
            if self.used.insert(cand.clone()) {
                self.next.insert(base.to_string(), n);
                return cand;
            }
        }
    }
}

/// English singular of a path segment, for parameter names (`calls` → `call`).
pub fn singular(word: &str) -> String {
    let w = word;
    if let Some(s) = w.strip_suffix("ies") {
        format!("{s}y")
    } else if w.ends_with("sses") || w.ends_with("xes") || w.ends_with("ches") || w.ends_with("shes") {
        // The suffixes checked are ASCII, so `len - 2` is a char boundary.
        w[..w.len() - 2].to_string()
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        w.to_string()
    } else if let Some(s) = w.strip_suffix('s') {
        s.to_string()
    } else if w == "children" {
        "child".to_string()
    } else {
        w.to_string()
    }
}

/// A path parameter's percent-encoding: the generated crate's runtime's,
/// the one rule both sides use.
pub use crate::runtime::{encode_param, keep_in_segment};

/// Decode `%XX` escapes; invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        // Indexing is guarded by the loop and `i + 2 < len` (byte slices: no char boundaries).
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(v) = hex_byte(&b[i + 1..i + 3]) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    // Valid UTF-8 (nearly always) becomes the string as it is, not a copy.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The byte two hex digits spell (`u8::from_str_radix` would also take a
/// sign: `%+1`).
fn hex_byte(h: &[u8]) -> Option<u8> {
    let digit = |c: u8| (c as char).to_digit(16);
    match h {
        [a, b] => Some((digit(*a)? * 16 + digit(*b)?) as u8),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use heck::{ToPascalCase, ToSnakeCase};

    #[test]
    fn keyword_shortcuts_cover_every_keyword() {
        for k in KEYWORDS {
            assert!(is_keyword(k), "{k}");
        }
        for k in NOT_RAW {
            assert!(!is_plain_ident(k), "{k}");
        }
        for n in ["types", "value", "x", "r#type", "abstracts", "Type"] {
            assert!(!is_keyword(n), "{n}");
        }
    }

    proptest::proptest! {
        #[test]
        fn snake_ascii_is_heck(s in "[A-Za-z0-9_ .-]{0,24}") {
            proptest::prop_assert_eq!(snake_ascii(&s), s.to_snake_case());
        }

        #[test]
        fn snake_ascii_is_heck_on_lower_case(s in "[a-z0-9_]{0,16}") {
            proptest::prop_assert_eq!(snake_ascii(&s), s.to_snake_case());
        }

        #[test]
        fn snake_ascii_is_heck_without_capitals(s in "[a-z0-9_ .(),'-]{0,40}") {
            proptest::prop_assert_eq!(snake_ascii(&s), s.to_snake_case());
        }

        #[test]
        fn pascal_ascii_is_heck(s in "[A-Za-z0-9_ .-]{0,24}") {
            proptest::prop_assert_eq!(pascal_ascii(&s), s.to_pascal_case());
        }

        #[test]
        fn model_names_need_only_the_keyword_check(s in "\\PC{0,90}|(abstract|self|Self|crate|_|type|fn|r#x|1)") {
            let mut scope = Unique::new();
            for made in [snake(&s), pascal(&s), screaming(&snake(&s)), module(&s), scope.name(&snake(&s)), scope.name(&snake(&s))] {
                proptest::prop_assert!(is_plain_ident(&made), "{:?} → {:?}", s, made);
                proptest::prop_assert_eq!(model_ident_text(&made), ident_text(&made));
            }
        }
    }

    #[test]
    fn snake_ascii_is_heck_on_awkward_cases() {
        for s in [
            "",
            "_",
            "__a__b__",
            "ABC",
            "ABCdef",
            "aBC",
            "a1B",
            "A1b",
            "HTTPRequest",
            "getHTTPResponseCode",
            "x2Y3z",
            "1A",
            "a-b",
            "iOSApp",
            "AbC",
            "ABc",
            "aB",
            "Ab",
            "a",
            "A",
            "a_b",
            "a1_2b",
            "_a",
            "a_",
            "a__b",
            "abc",
        ] {
            assert_eq!(snake_ascii(s), s.to_snake_case(), "{s:?}");
            assert_eq!(pascal_ascii(s), s.to_pascal_case(), "{s:?}");
        }
    }

    #[test]
    fn identifiers() {
        let cases = [
            ("callbackUri", "callback_uri", "CallbackUri"),
            ("type", "type", "Type"),
            ("self", "self_", "Self_"),
            ("3dModel", "_3d_model", "_3dModel"),
            ("@odata.type", "odata_type", "OdataType"),
            ("a-b$c", "a_b_c", "ABC"),
            ("", "value", "Value"),
            ("crate", "crate_", "Crate"),
            ("名前", "u540d_u524d", "U540dU524d"),
        ];
        for (input, s, p) in cases {
            assert_eq!(snake(input), s, "snake({input})");
            assert_eq!(pascal(input), p, "pascal({input})");
            // Every result must be a valid identifier.
            let _: syn::Ident = syn::parse_str(&ident(&snake(input)).to_string()).unwrap();
        }
        assert!(is_keyword("type") && !is_keyword("value"));
        // Hostile names: keywords, digits, punctuation, non-ASCII, case-only twins.
        for input in ["fn", "r#x", "1st", "a.b", "a@b", "$ref", "-", "é", "Ünïcödé", "\u{202e}x", "*/", "} fn x() {", "#[x]", "_", "__", "self", "Self"] {
            for text in [snake(input), pascal(input), screaming(input)] {
                let shown = ident(&text).to_string();
                let _: syn::Ident = syn::parse_str(&shown).unwrap_or_else(|e| panic!("{input:?} → {shown:?}: {e}"));
            }
        }
        // ident() repairs text that did not come from the sanitisers.
        for raw in ["a b", "", "1", "self", "x-y", "é"] {
            let shown = ident(raw).to_string();
            let _: syn::Ident = syn::parse_str(&shown).unwrap_or_else(|e| panic!("{raw:?} → {shown:?}: {e}"));
        }
        assert_eq!(pascal("typeInfo"), "TypeInfo_");
        assert_eq!(pascal("option"), "Option_");
        assert_eq!(module("types"), "types_area");
        assert_eq!(module("Teams"), "teams");
        assert!(snake(&"x".repeat(10_000)).len() <= MAX_IDENT);
        // Names made unique after capping keep their suffix in every case.
        let capped = snake(&"y".repeat(200));
        let mut u = Unique::new();
        let (a, b) = (u.name(&capped), u.name(&capped));
        assert_ne!(screaming(&a), screaming(&b));
        assert_eq!(ident("type").to_string(), "r#type");
    }

    #[test]
    fn unique_names() {
        let mut u = Unique::new();
        assert_eq!(u.name("a"), "a");
        assert_eq!(u.name("a"), "a_2");
        u.reserve("b_2");
        assert_eq!(u.name("b"), "b");
        assert_eq!(u.name("b"), "b_3");
        assert_eq!(u.name_owned("b".to_string()), "b_4");
        assert_eq!(u.name_owned("c".to_string()), "c");
        assert_eq!(u.name("c"), "c_2");
        // A base that ends in `_` is not doubled into `__`.
        assert_eq!(u.name("self_"), "self_");
        assert_eq!(u.name("self_"), "self_2");
        // Nor does a cut at the length limit end a name in `_`.
        let long = snake(&format!("{} tail", "x".repeat(MAX_IDENT - 1)));
        assert_eq!(long, "x".repeat(MAX_IDENT - 1));
        // Many copies stay fast and distinct.
        let mut u = Unique::new();
        let names: std::collections::BTreeSet<String> = (0..20_000).map(|_| u.name("x")).collect();
        assert_eq!(names.len(), 20_000);
    }

    #[test]
    fn singulars() {
        for (p, s) in [("calls", "call"), ("policies", "policy"), ("addresses", "address"), ("status", "status"), ("me", "me")] {
            assert_eq!(singular(p), s);
        }
    }

    #[test]
    fn encoding_round_trips() {
        assert_eq!(encode_param("a b/c{d}", false), "a%20b%2Fc%7Bd%7D");
        assert_eq!(encode_param("a/b", true), "a/b");
        assert_eq!(percent_decode("a%20b%2F%zz%"), "a b/%zz%");
        assert_eq!(percent_decode("%+1%-1%41%a"), "%+1%-1A%a");
        assert_eq!(percent_decode("%FF"), "\u{fffd}");
        assert_eq!(percent_decode(&encode_param("é'x", false)), "é'x");
    }
}
