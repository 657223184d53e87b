//! A small writer for code that is emitted as text, already formatted.
//!
//! The bulk of the output (endpoint modules) has a handful of regular
//! shapes; writing them straight out in one fixed style costs a fraction of
//! building token streams and running them through syn and prettyplease
//! (which took three quarters of a full-corpus run). Every string that comes
//! from a page goes through [`str_lit`] or [`Code::doc`], never into code
//! as is; tests parse the output with syn.

use super::{doc_line, doc_text};
use std::borrow::Cow;

/// Lines are broken where a signature would pass this width.
pub const WIDTH: usize = 100;

/// About how many bytes of a long file written serially are handed on at
/// a time ([`Code::flush_into`]).
pub const FLUSH: usize = 1 << 16;

/// The indentation of the first eight levels.
const INDENT: &str = "                                ";

/// Formatted code, built line by line.
#[derive(Default)]
pub struct Code {
    buf: String,
    depth: usize,
}

impl Code {
    /// An empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty buffer for about `bytes` of code: most items are written
    /// into a buffer of their own, and growing each from nothing was a few
    /// percent of a full run.
    pub fn with_capacity(bytes: usize) -> Self {
        Code { buf: String::with_capacity(bytes), depth: 0 }
    }

    /// Room for at least `bytes` more.
    pub fn reserve(&mut self, bytes: usize) {
        self.buf.reserve(bytes);
    }

    /// Current indentation in columns.
    pub fn indent(&self) -> usize {
        self.depth * 4
    }

    /// One line at the current indentation, written by `f` into the buffer.
    /// Every line goes through here; an empty line carries no indentation.
    pub fn line_with(&mut self, f: impl FnOnce(&mut String)) {
        let start = self.buf.len();
        // One push for the usual depths, not one per level (with `MdCode`
        // and the plain doc path: endpoint modules -5% instructions).
        match INDENT.get(..4 * self.depth) {
            Some(indent) => self.buf.push_str(indent),
            None => (0..self.depth).for_each(|_| self.buf.push_str("    ")),
        }
        let text = self.buf.len();
        f(&mut self.buf);
        if self.buf.len() == text {
            self.buf.truncate(start);
        }
        self.buf.push('\n');
    }

    /// One line at the current indentation.
    pub fn line(&mut self, s: &str) {
        self.line_with(|b| b.push_str(s));
    }

    /// A line without indentation (inside a multi-line string literal),
    /// written by `f` into the buffer.
    pub fn raw_line_with(&mut self, f: impl FnOnce(&mut String)) {
        f(&mut self.buf);
        self.buf.push('\n');
    }

    /// A line that opens a block; what follows is indented.
    pub fn open(&mut self, s: &str) {
        self.line(s);
        self.depth += 1;
    }

    /// A line that closes a block.
    pub fn close(&mut self, s: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(s);
    }

    /// `///` lines for `text`, sanitised like every doc comment.
    pub fn doc(&mut self, text: &str) {
        // Nearly every doc text needs neither sanitiser: one pass over it
        // says so, instead of one for the text and one for each line (pays
        // about a fifth of this function's instructions, 26M of a full run).
        let plain = doc_is_plain(text);
        let text = if plain { Cow::Borrowed(text) } else { doc_text(text) };
        let mut start = 0;
        // `memchr` for the line breaks: `str::split` took twice as long.
        let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
        for end in ends {
            let line = text.get(start..end).unwrap_or_default();
            // A plain line is as `doc_line` leaves it unless it is indented.
            let indented = line.starts_with([' ', '\t']);
            let l = if plain && !indented { Cow::Borrowed(line) } else { doc_line(line) };
            start = end + 1;
            self.line_with(|b| {
                b.push_str("///");
                if !l.is_empty() {
                    b.push(' ');
                    b.push_str(&l);
                }
            });
        }
    }

    /// The `///` lines [`Code::doc`] writes for `text` here, as text: a doc
    /// part that several items share is sanitised and indented once, then
    /// copied ([`Code::push_lines`]).
    pub fn doc_lines(&self, text: &str) -> String {
        let mut c = Code { buf: String::with_capacity(text.len() + text.len() / 8 + 16), depth: self.depth };
        c.doc(text);
        c.buf
    }

    /// Whole lines written by [`Code::doc_lines`] at this indentation.
    pub fn push_lines(&mut self, lines: &str) {
        self.buf.push_str(lines);
    }

    /// `prefix`, the literal of `text` ([`str_lit`]) and `suffix` as one line.
    pub fn lit_line(&mut self, prefix: &str, text: &str, suffix: &str) {
        self.line_with(|b| {
            b.push_str(prefix);
            push_lit(b, text);
            b.push_str(suffix);
        });
    }

    /// Indent what follows one level more.
    pub fn depth_in(&mut self) {
        self.depth += 1;
    }

    /// Indent what follows one level less.
    pub fn depth_out(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// The text.
    pub fn finish(self) -> String {
        self.buf
    }

    /// The text written so far.
    pub fn text(&self) -> &str {
        &self.buf
    }

    /// Hand the text written so far to `sink` once it holds `at_least`
    /// bytes, and go on at the same indentation in the same buffer: a
    /// long serial file is written in pieces of about that size, through
    /// one buffer.
    pub fn flush_into(&mut self, sink: &mut dyn super::Sink, at_least: usize) {
        if self.buf.len() >= at_least {
            sink.push(&self.buf);
            self.buf.clear();
        }
    }

    /// Empty again, at no indentation, keeping the buffer's memory for the
    /// next item ([`super::sink::in_order`]).
    pub fn clear(&mut self) {
        self.buf.clear();
        self.depth = 0;
    }
}

/// A piece of emitted text, pushed onto the buffer as it is: most of the
/// output is made of pieces like these, and `core::fmt` for each one costs
/// several times the copy. See [`cat!`], [`ln!`] and [`open!`].
pub trait Piece {
    /// Push the text onto `b`.
    fn push_to(&self, b: &mut String);

    /// About how many bytes [`Piece::push_to`] pushes, for sizing a new
    /// buffer once ([`strcat!`]).
    fn len_hint(&self) -> usize {
        8
    }
}

impl Piece for str {
    fn push_to(&self, b: &mut String) {
        b.push_str(self);
    }

    fn len_hint(&self) -> usize {
        self.len()
    }
}

impl Piece for String {
    fn push_to(&self, b: &mut String) {
        b.push_str(self);
    }

    fn len_hint(&self) -> usize {
        self.len()
    }
}

impl Piece for std::borrow::Cow<'_, str> {
    fn push_to(&self, b: &mut String) {
        b.push_str(self);
    }

    fn len_hint(&self) -> usize {
        self.len()
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, b: &mut String) {
        (**self).push_to(b);
    }

    fn len_hint(&self) -> usize {
        (**self).len_hint()
    }
}

impl Piece for char {
    fn push_to(&self, b: &mut String) {
        b.push(*self);
    }
}

impl Piece for bool {
    fn push_to(&self, b: &mut String) {
        b.push_str(if *self { "true" } else { "false" });
    }
}

impl Piece for Lit<'_> {
    fn push_to(&self, b: &mut String) {
        push_lit(b, self.0);
    }

    fn len_hint(&self) -> usize {
        self.0.len() + 2
    }
}

macro_rules! unsigned_piece {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, b: &mut String) {
                push_u64(b, u64::from(*self));
            }
        }
    )*};
}
unsigned_piece!(u16, u32, u64);

impl Piece for usize {
    fn push_to(&self, b: &mut String) {
        push_u64(b, *self as u64);
    }
}

/// Decimal digits of `n`, as `Display` writes them.
fn push_u64(b: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        b.push(char::from(d));
    }
}

/// Push pieces ([`Piece`]) onto a `String`, one after the other:
/// `cat!(buf; "fn ", name, "() {")`.
macro_rules! cat {
    ($b:expr; $($p:expr),* $(,)?) => {{
        let b: &mut String = $b;
        $( $crate::emit::code::Piece::push_to(&$p, b); )*
    }};
}
pub(crate) use cat;

/// A new `String` of pieces ([`cat!`]).
macro_rules! strcat {
    ($($p:expr),* $(,)?) => {{
        // Each piece evaluated once; the buffer sized once from them all,
        // not grown piece by piece.
        // (The temporaries of a match's scrutinee live through the match.)
        match [$(&$p as &dyn $crate::emit::code::Piece),*] {
            pieces => {
                let mut s = String::with_capacity(pieces.iter().map(|p| p.len_hint()).sum());
                for p in pieces {
                    p.push_to(&mut s);
                }
                s
            }
        }
    }};
}
pub(crate) use strcat;

/// One line of pieces at the current indentation ([`Code::line_with`]).
macro_rules! ln {
    ($c:expr; $($p:expr),* $(,)?) => {
        $c.line_with(|b| $crate::emit::code::cat!(b; $($p),*))
    };
}
pub(crate) use ln;

/// A line of pieces that opens a block ([`Code::open`]).
macro_rules! open {
    ($c:ident; $($p:expr),* $(,)?) => {{
        $crate::emit::code::ln!($c; $($p),*);
        $c.depth_in();
    }};
}
pub(crate) use open;

/// A Rust string literal for any text (quotes, backslashes, control, bidi
/// and other invisible characters escaped).
pub fn str_lit(s: &str) -> String {
    // Pushed, not formatted: `to_string` went through `core::fmt`. Room
    // for a few escapes: text that needs one (JSON, quoted words) was
    // reallocated as soon as the first was written.
    let mut b = String::with_capacity(s.len() + s.len() / 8 + 4);
    push_lit(&mut b, s);
    b
}

/// [`str_lit`] written straight into a formatter.
pub struct Lit<'a>(pub &'a str);

impl std::fmt::Display for Lit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_lit(f, self.0)
    }
}

/// [`str_lit`] of `s` pushed onto `buf`.
pub fn push_lit(buf: &mut String, s: &str) {
    // Writing into a String cannot fail.
    let _ = write_lit(buf, s);
}

/// The literal of `s` (see [`str_lit`]) written to `w`: into a `String`
/// this is plain pushes, with no formatting machinery.
fn write_lit<W: std::fmt::Write>(w: &mut W, s: &str) -> std::fmt::Result {
    w.write_char('"')?;
    // Printable ASCII other than the quote and the backslash is kept as is.
    if all_bytes(s, |b| (b' '..=b'~').contains(&b) & (b != b'"') & (b != b'\\')) {
        w.write_str(s)?;
        return w.write_char('"');
    }
    for c in s.chars() {
        match c {
            '"' => w.write_str("\\\"")?,
            '\\' => w.write_str("\\\\")?,
            '\n' => w.write_str("\\n")?,
            '\r' => w.write_str("\\r")?,
            '\t' => w.write_str("\\t")?,
            c if c.is_ascii_graphic() || c == ' ' => w.write_char(c)?,
            c if c.is_control() || is_invisible(c) => write!(w, "\\u{{{:x}}}", c as u32)?,
            c => w.write_char(c)?,
        }
    }
    w.write_char('"')
}

/// Whether `keep` holds for every byte of `s`. The fold has no early exit,
/// so it compiles to vector code: about one instruction a byte, where
/// `Iterator::all` took sixteen (the emitter checks every doc line and
/// string literal it writes this way).
pub(crate) fn all_bytes(s: &str, keep: impl Fn(u8) -> bool) -> bool {
    s.bytes().fold(true, |all, b| all & keep(b))
}

/// Whether `text` goes into doc comments as it is but for the indentation
/// of its lines: [`doc_text`] would escape nothing (printable ASCII, line
/// breaks and tabs only) and [`doc_line`] would only trim the start of an
/// indented line (no line holds two backticks or two tildes in a row). One
/// fold over the pairs of bytes, with no early exit, so it compiles to
/// vector code (about two instructions a byte; with the indentation in the
/// fold too it took three).
pub(crate) fn doc_is_plain(text: &str) -> bool {
    let b = text.as_bytes();
    let Some(&last) = b.last() else { return true };
    let shown = |x: u8| (x.wrapping_sub(b' ') < 95) | (x == b'\n') | (x == b'\t');
    let pairs = b.iter().zip(b.get(1..).unwrap_or_default()).fold(true, |ok, (&x, &y)| ok & shown(x) & !((x == y) & ((x == b'`') | (x == b'~'))));
    pairs & shown(last)
}

/// Characters that reorder text or break lines where no line break shows:
/// bidi marks, embeddings and isolates, line and paragraph separators, and
/// the byte-order mark (rustc denies the bidi ones in comments and literals).
/// Emitted text writes them as escapes.
pub(crate) fn reorders_text(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Characters a reader cannot see: [`reorders_text`], soft hyphens,
/// zero-width and invisible formatting characters, interlinear annotations
/// and tag characters. String literals and example JSON write them as escapes.
pub(crate) fn is_invisible(c: char) -> bool {
    reorders_text(c)
        || matches!(c,
            '\u{00ad}' | '\u{180e}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2065}' | '\u{206a}'..='\u{206f}'
            | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

/// An identifier as code text (`r#type` for keywords).
pub fn id(name: &str) -> std::borrow::Cow<'_, str> {
    crate::model::naming::ident_text(name)
}

/// A name the model made (a `rust_name`, `fn_name`, `test_name`, module or
/// variant) as code text: the model already made it an identifier.
pub fn model_id(model_name: &str) -> std::borrow::Cow<'_, str> {
    crate::model::naming::model_ident_text(model_name)
}

/// `items` joined with `, ` inside `open`/`close` on one line when it fits
/// in `WIDTH` from `indent`, else one item per line with trailing commas.
pub fn list(code: &mut Code, head: &str, items: &[String], tail: &str) {
    let item = |b: &mut String, i: usize| b.push_str(items.get(i).map_or("", String::as_str));
    list_with(code, |b| b.push_str(head), items.len(), item, |b| b.push_str(tail));
}

/// [`list`] of `count` items written by `item` (its index) between `head`
/// and `tail`, with no string of its own for any of them: the one-line form
/// is written first and, when it passes `WIDTH`, taken back and written one
/// item per line (an endpoint's two lists per path were eight strings).
pub fn list_with(code: &mut Code, head: impl Fn(&mut String), count: usize, item: impl Fn(&mut String, usize), tail: impl Fn(&mut String)) {
    let start = code.buf.len();
    code.line_with(|b| {
        head(b);
        for i in 0..count {
            if i > 0 {
                b.push_str(", ");
            }
            item(b, i);
        }
        tail(b);
    });
    // The line as written, without its line break.
    if count == 0 || code.buf.len() - start - 1 <= WIDTH {
        return;
    }
    code.buf.truncate(start);
    code.line_with(&head);
    code.depth_in();
    for i in 0..count {
        code.line_with(|b| {
            item(b, i);
            b.push(',');
        });
    }
    code.depth_out();
    code.line_with(&tail);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::naming::ident;

    #[test]
    fn string_literals_parse_back_to_the_text() {
        for s in ["plain", "a \"q\" \\ b", "nl\nx\r\t", "\u{202e}bidi\u{2066}", "\u{0}\u{1b}", "é ü 名", "\u{feff}\u{200b}", "\"#; fn x() {}"] {
            let lit: syn::LitStr = syn::parse_str(&str_lit(s)).expect("valid literal");
            assert_eq!(lit.value(), s);
            assert!(!str_lit(s).chars().any(|c| c.is_control() || is_invisible(c)));
        }
    }

    #[test]
    fn identifiers_match_the_sanitiser() {
        for n in ["call_delete", "type", "self", "_", "_x", "1a", "a-b", "Self", "CallRecords", "r#type", "é", "", "x".repeat(81).as_str()] {
            assert_eq!(id(n), ident(n).to_string(), "{n}");
        }
    }

    #[test]
    fn pieces_print_as_display_does() {
        for n in [0u64, 7, 10, 99, 100, 204, 65_535, 1 << 32, u64::MAX] {
            assert_eq!(strcat!(n), n.to_string());
        }
        assert_eq!(strcat!("a", 'b', String::from("c"), id("type"), Lit("q\""), true, 7u16, 3usize), "abcr#type\"q\\\"\"true73");
        let mut c = Code::new();
        open!(c; "fn ", id("x"), "() {");
        ln!(c; "let y = ", 1u32, ';');
        c.close("}");
        assert_eq!(c.finish(), "fn x() {\n    let y = 1;\n}\n");
    }

    /// What [`Code::doc`] wrote before it had a plain path: every line
    /// through both sanitisers.
    fn doc_both_sanitisers(text: &str) -> String {
        let mut c = Code::new();
        c.depth_in();
        let text = doc_text(text);
        for line in text.split('\n') {
            let l = doc_line(line);
            c.line_with(|b| {
                b.push_str("///");
                if !l.is_empty() {
                    b.push(' ');
                    b.push_str(&l);
                }
            });
        }
        c.finish()
    }

    fn doc_at_depth_one(text: &str) -> String {
        let mut c = Code::new();
        c.depth_in();
        c.doc(text);
        c.finish()
    }

    #[test]
    fn plain_doc_text_is_what_the_sanitisers_leave_alone() {
        for s in [
            "", "a", "one\ntwo", "a `b` c", "``x``", "a ~~ b", " lead", "\tlead", "x\n y", "x\n\ty", "x\n", "\n", "é", "a\rb", "\u{202e}", "x\u{7f}", "tab\tin",
        ] {
            assert_eq!(doc_at_depth_one(s), doc_both_sanitisers(s), "{s:?}");
            if doc_is_plain(s) {
                assert!(matches!(doc_text(s), Cow::Borrowed(_)), "{s:?}");
                assert!(s.split('\n').all(|l| doc_line(l) == l.trim_start_matches([' ', '\t'])), "{s:?}");
            }
        }
        assert!(doc_is_plain("a `b` c\n- d: `e`\n\nf") && doc_is_plain("x\n y"));
        assert!(!doc_is_plain("a ``b`` c") && !doc_is_plain("a ~~ b") && !doc_is_plain("é") && !doc_is_plain("a\rb"));
    }

    proptest::proptest! {
        #[test]
        fn the_plain_doc_path_writes_what_the_sanitisers_write(s in "[ a`~\\t\\n\\r<]{0,12}|\\PC{0,8}|[ -~\\n]{0,40}") {
            proptest::prop_assert_eq!(doc_at_depth_one(&s), doc_both_sanitisers(&s));
            if doc_is_plain(&s) {
                proptest::prop_assert!(matches!(doc_text(&s), Cow::Borrowed(_)));
                proptest::prop_assert!(s.split('\n').all(|l| doc_line(l) == l.trim_start_matches([' ', '\t'])));
            }
        }
    }

    #[test]
    fn lists_break_exactly_past_the_width() {
        // A line of exactly `WIDTH` bytes stays whole; one more breaks it.
        for (indent, n) in [(0usize, 5usize), (1, 4), (3, 3)] {
            for extra in [0, 1] {
                let mut c = Code::new();
                (0..indent).for_each(|_| c.depth_in());
                let head = "h".repeat(WIDTH - c.indent() - 2 - 10 * n - 2 * (n - 1) + extra);
                let items: Vec<String> = (0..n).map(|i| format!("item_{i:05}")).collect();
                list(&mut c, &head, &items, "()");
                let indent_width = c.indent();
                let text = c.finish();
                assert_eq!(text.lines().count(), if extra == 0 { 1 } else { n + 2 }, "{text}");
                assert_eq!(text.lines().next().map(str::len), Some(if extra == 0 { WIDTH } else { indent_width + head.len() }));
            }
        }
        let mut c = Code::new();
        list(&mut c, &"x".repeat(WIDTH + 5), &[], ")");
        assert_eq!(c.finish().lines().count(), 1, "no items: one line whatever its width");
    }

    #[test]
    fn lists_break_past_the_width() {
        let mut c = Code::new();
        list(&mut c, "f(", &["a".into(), "b".into()], ")");
        let long: Vec<String> = (0..20).map(|i| format!("argument_{i}")).collect();
        list(&mut c, "g(", &long, ")");
        let text = c.finish();
        assert!(text.starts_with("f(a, b)\ng(\n    argument_0,\n"));
        assert!(text.ends_with("    argument_19,\n)\n"));
    }
}
