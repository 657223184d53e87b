//! Request lines of the HTTP request section and the paths they name,
//! normalised to one form.

use super::page::State;
use super::{http, truncate, RawRequestLine};

impl State<'_> {
    pub(super) fn request_lines(&mut self, text: &str, first_line: u32) {
        for (i, raw) in text.lines().enumerate() {
            let line = first_line + i as u32;
            if super::trim(raw).is_empty() {
                continue;
            }
            let glued = glued_request_line(raw);
            let was_glued = glued.is_some();
            let rl = http::request_line(raw).or(glued);
            match rl {
                Some(rl) if looks_like_target(rl.target) => {
                    let (path, changed) = normalise_path(rl.target);
                    if changed || was_glued {
                        self.diag_line("W022", line, format!("request path `{}` normalised to `{}`", truncate(rl.target, 80), truncate(&path, 80)));
                    }
                    let (block, caption) = (self.request_blocks, super::page::caption_of(&self.caption).to_string());
                    self.page.request_lines.push(RawRequestLine { method: rl.method.to_string(), path, deprecated: false, line, block, caption });
                }
                _ => self.diag_line("W020", line, format!("not a request line: `{}`", truncate(raw.trim(), 60))),
            }
        }
    }
}

/// The key a request path is matched by: the template with parameter names
/// blanked and ASCII letters lowered (Graph paths are case-insensitive).
pub fn path_key(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut depth = 0usize;
    for c in template.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{}");
                }
                depth += 1;
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

/// The `requestUrls` of a `permissions` annotation: each `METHOD path`
/// string as [`url_key`]; entries that are not request lines are skipped.
pub(super) fn annotation_request_urls(ann: &super::json::Object) -> Vec<(String, String)> {
    let Some(super::json::Json::Array(urls)) = ann.get("requestUrls") else { return Vec::new() };
    urls.iter().filter_map(super::json::Json::as_str).filter_map(url_key).collect()
}

/// The request lines of a code block, each as [`url_key`]; empty unless
/// every line of the block that is not blank is one.
pub(super) fn block_request_urls(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !super::trim(l).is_empty()) {
        match url_key(line) {
            Some(k) => out.push(k),
            None => return Vec::new(),
        }
    }
    out
}

/// A `permissions` annotation that is not JSON (a `requestUrls` array
/// closed too early, say), read by its strings: the name (the string after
/// `"name"`) and every string after `"requestUrls"` that is a request line,
/// as [`url_key`]. `None` unless the string after `"blockType"` is
/// `permissions`.
pub(super) fn salvage_permissions(text: &str) -> Option<(String, Vec<(String, String)>)> {
    let strings = quoted_strings(text);
    let key = |k: &str| strings.iter().position(|s| *s == k);
    let after = |k: &str| key(k).and_then(|i| strings.get(i + 1)).copied();
    if !after("blockType").is_some_and(|b| b.trim().eq_ignore_ascii_case("permissions")) {
        return None;
    }
    let name = after("name").unwrap_or_default().to_string();
    let urls = key("requestUrls").map(|i| strings.iter().skip(i + 1).filter_map(|s| url_key(s)).collect()).unwrap_or_default();
    Some((name, urls))
}

/// The double-quoted strings of a text, as written (escapes kept).
fn quoted_strings(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let body = &rest[start + 1..];
        let mut end = None;
        let mut escaped = false;
        for (i, b) in body.bytes().enumerate() {
            match b {
                b'\\' if !escaped => escaped = true,
                b'"' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let Some(end) = end else { break };
        out.push(&body[..end]);
        rest = &body[end + 1..];
    }
    out
}

/// A request line as (upper-case method, [`path_key`] of its normalised
/// path): what tells which request lines of the page it names.
fn url_key(line: &str) -> Option<(String, String)> {
    let rl = http::request_line(line)?;
    looks_like_target(rl.target).then(|| (rl.method.to_ascii_uppercase(), path_key(&normalise_path(rl.target).0)))
}

/// Whether the text after a method looks like a request target (a path or
/// URL) rather than prose.
pub fn looks_like_target(target: &str) -> bool {
    // The first word's start is the trimmed target's: only the last test
    // needs where the word ends (nearly every target starts with `/`).
    let t = target.trim_start();
    if t.starts_with(['/', '~', '{']) || super::starts_with_ignore_ascii_case(t, "http") {
        return true;
    }
    let first = t.split_whitespace().next().unwrap_or("");
    first.contains('/') && !first.ends_with('.')
}

pub(super) fn strip_http_version(target: &str) -> &str {
    let t = super::trim(target);
    match t.rsplit_once(' ') {
        Some((url, v)) if v.starts_with("HTTP/") => url.trim(),
        _ => t,
    }
}

/// `DELETE/a/b`: a method glued to its path.
pub(super) fn glued_request_line(line: &str) -> Option<http::RequestLine<'_>> {
    let t = super::trim(line);
    http::METHODS.iter().find_map(|m| {
        let head = t.get(..m.len())?;
        let rest = t.get(m.len()..)?;
        (head.eq_ignore_ascii_case(m) && rest.starts_with('/')).then_some(http::RequestLine { method: m, target: rest })
    })
}

/// Normalise a documented request path: drop an `HTTP/1.1` suffix, the
/// query string, scheme, host and version, a `~` root, `...` segments and
/// trailing prose; turn `<name>` placeholders into `{name}`; add a leading
/// slash. Returns whether anything changed.
pub fn normalise_path(target: &str) -> (String, bool) {
    if is_normal_path(target) {
        return (target.to_string(), false);
    }
    normalise_path_full(target)
}

/// A path [`normalise_path_full`] keeps as it is: it starts with a slash, has
/// only plain ASCII path characters (no space, query, placeholder brackets,
/// `~` or backtick; `|` and `"` are plain: no rule reads them outside
/// function arguments with spaces), no `..`, no version prefix, no `-value`
/// or `parameterValue` placeholder and no trailing slash. Nearly every documented path is one.
fn is_normal_path(t: &str) -> bool {
    let plain = |b: u8| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'/' | b'{' | b'}' | b'_' | b'-' | b'.' | b'(' | b')' | b'\'' | b',' | b'=' | b':' | b'@' | b'$' | b'!' | b'*' | b'+' | b';' | b'%' | b'&'
            )
            || matches!(b, b'|' | b'"')
    };
    let b = t.as_bytes();
    let args = memchr::memchr(b'(', b).is_some();
    t.starts_with('/')
        && t.len() > 1
        && !t.ends_with('/')
        && b.iter().all(|&c| plain(c))
        && !t.contains("..")
        && !t.contains("-value")
        && !(args && t.contains("parameterValue"))
        && !["/v1.0/", "/beta/", "/{version}/"].iter().any(|v| t.starts_with(v))
        // The rules below look only where their shape can be: a `{` after
        // a letter or digit, a segment of a key's length or in parentheses.
        && !(memchr::memchr_iter(b'{', b).any(|i| i > 0 && b[i - 1].is_ascii_alphanumeric()) && glued_placeholder(t).is_some())
        && !segment_bounds(b).any(|(s, e)| {
            let seg = t.get(s..e).unwrap_or("");
            (seg.len() == 32 || seg.len() == 36 || seg.starts_with('(')) && segment_placeholder(seg).is_some()
        })
        && !(args && named_by_argument(t).is_some())
}

/// The byte ranges of a path's `/`-separated segments.
fn segment_bounds(b: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    memchr::memchr_iter(b'/', b).chain(std::iter::once(b.len())).map(move |i| {
        let r = (start, i);
        start = i + 1;
        r
    })
}

/// Function arguments whose placeholder says nothing about the argument
/// take the argument's name: a placeholder shared by two arguments
/// (`f(from={timestamp},to={timestamp})`: one name for two values) or one
/// letter long (`f(index={n})`) gives `f(from={from},to={to})`,
/// `f(index={index})`; `None` when no argument has such a placeholder.
fn named_by_argument(p: &str) -> Option<String> {
    let mut out = String::with_capacity(p.len() + 16);
    let mut changed = false;
    let mut rest = p;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest.get(open..).and_then(|r| r.find(')')) else { break };
        let (head, args) = (rest.get(..=open)?, rest.get(open + 1..open + len)?);
        out.push_str(head);
        let mut values: Vec<&str> = args.split(',').filter_map(arg_placeholder).collect();
        values.sort_unstable();
        let repeated = values.windows(2).any(|w| w[0] == w[1]);
        for (i, arg) in args.split(',').enumerate() {
            if i > 0 {
                out.push(',');
            }
            match (arg.split_once('='), arg_placeholder(arg)) {
                // `{n}`: a one-letter name between the braces.
                (Some((name, value)), Some(ph))
                    if (repeated || ph.len() == 3) && ph.get(1..ph.len() - 1) != Some(name.trim()) && is_argument_name(name.trim()) =>
                {
                    out.push_str(name);
                    out.push('=');
                    out.push_str(&value.replacen(ph, &format!("{{{}}}", name.trim()), 1));
                    changed = true;
                }
                _ => out.push_str(arg),
            }
        }
        rest = rest.get(open + len..)?;
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// The `{placeholder}` an argument `name={placeholder}` (or quoted) gives.
fn arg_placeholder(a: &str) -> Option<&str> {
    let v = a.split_once('=')?.1.trim_matches('\'');
    (v.starts_with('{') && v.ends_with('}')).then_some(v)
}

fn is_argument_name(n: &str) -> bool {
    n.starts_with(|c: char| c.is_ascii_alphabetic()) && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The placeholder a whole path segment stands for: `{id}` for an
/// example's key left in a request line, `{team-id}` for `(team-id)`.
fn segment_placeholder(seg: &str) -> Option<String> {
    if is_example_key(seg) {
        return Some("{id}".to_string());
    }
    let name = seg.strip_prefix('(')?.strip_suffix(')')?;
    is_placeholder_name(name).then(|| format!("{{{name}}}"))
}

/// A path segment that is an example's key, not a name: a GUID, with or
/// without its dashes (`/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`).
fn is_example_key(seg: &str) -> bool {
    let b = seg.as_bytes();
    let hex = |r: &[u8]| r.iter().all(u8::is_ascii_hexdigit);
    match b.len() {
        36 => [8, 13, 18, 23].iter().all(|&i| b[i] == b'-') && [&b[..8], &b[9..13], &b[14..18], &b[19..23], &b[24..]].iter().all(|r| hex(r)),
        32 => hex(b) && b.iter().any(u8::is_ascii_digit),
        _ => false,
    }
}

/// A `(team-id)` segment's name: letters, digits, `-` and `_`, ending in `id`.
fn is_placeholder_name(n: &str) -> bool {
    n.len() > 2
        && n.starts_with(|c: char| c.is_ascii_alphabetic())
        && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && n.get(n.len() - 2..).is_some_and(|t| t.eq_ignore_ascii_case("id"))
}

/// Where a `{placeholder}` is glued to the name before it
/// (`/things{thing-id}`, a slash left out), outside function arguments.
fn glued_placeholder(t: &str) -> Option<usize> {
    glued_placeholders(t).next()
}

/// Every [`glued_placeholder`], in one pass.
fn glued_placeholders(t: &str) -> impl Iterator<Item = usize> + '_ {
    let b = t.as_bytes();
    let mut parens = 0usize;
    b.iter().enumerate().filter_map(move |(i, &c)| {
        let at = i > 0 && glued(b[i - 1], c, parens);
        match c {
            b'(' => parens += 1,
            b')' => parens = parens.saturating_sub(1),
            _ => {}
        }
        at.then_some(i)
    })
}

/// Whether `c` opens a placeholder glued to the name before it (`prev`),
/// outside function arguments.
fn glued(prev: u8, c: u8, parens: usize) -> bool {
    c == b'{' && parens == 0 && prev.is_ascii_alphanumeric()
}

/// `p` with a slash before each glued placeholder.
fn unglue_placeholders(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 8);
    let mut from = 0;
    // Each index is a `{`: a char boundary.
    for i in glued_placeholders(p) {
        out.push_str(p.get(from..i).unwrap_or(""));
        out.push('/');
        from = i;
    }
    out.push_str(p.get(from..).unwrap_or(""));
    out
}

fn normalise_path_full(target: &str) -> (String, bool) {
    let cleaned: std::borrow::Cow<str> = if target.contains(['\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}', '\u{a0}']) {
        target.chars().filter(|c| !matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')).collect::<String>().replace('\u{a0}', " ").into()
    } else {
        target.into()
    };
    let t = strip_http_version(&cleaned).trim_matches(|c: char| c.is_whitespace() || c == '`');
    let t_cut = cut_at_prose(t);
    let t_cut: &str = &t_cut;
    let p = rooted(query_start(t_cut).map_or(t_cut, |q| t_cut.get(..q).unwrap_or(t_cut)));
    // `<name>` placeholders are parameters.
    let out: String = p
        .chars()
        .map(|c| match c {
            '<' => '{',
            '>' => '}',
            _ => c,
        })
        .collect();
    // `/.../` stands for any nesting: keep one level. An example's key
    // (a GUID) or a `(name)` segment stands for a placeholder.
    let segs: Vec<std::borrow::Cow<str>> = out
        .split('/')
        .filter(|s| !matches!(s.trim(), "..." | "…" | ".."))
        .map(|s| segment_placeholder(s).map_or(std::borrow::Cow::Borrowed(s), std::borrow::Cow::Owned))
        .collect();
    let mut p = value_placeholders(&segs.join("/"));
    if p.contains('(') {
        if let Some(named) = named_by_argument(&p) {
            p = named;
        }
    }
    // `/things{thing-id}`: the slash the page left out.
    if glued_placeholder(&p).is_some() {
        p = unglue_placeholders(&p);
    }
    // A trailing slash names the same resource.
    while p.len() > 1 && p.ends_with('/') {
        p.pop();
    }
    if p.is_empty() {
        p.push('/');
    }
    let changed = p != target.trim();
    (p, changed)
}

/// The target cut at whitespace outside braces and function arguments
/// (trailing prose, `or` between paths); spaces between function arguments
/// (`f(a={a}, b={b})`) are dropped, spaces inside quoted arguments kept.
fn cut_at_prose(t: &str) -> std::borrow::Cow<'_, str> {
    let mut depth = 0i32;
    let mut end = t.len();
    // The target with argument spaces dropped, built only when there are
    // some: `t[..copied]` is in it.
    let mut joined = String::new();
    let mut copied = 0;
    let mut skip_to = 0;
    for (i, c) in t.char_indices() {
        if i < skip_to {
            continue;
        }
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            '(' if depth <= 0 => {
                if let Some((close, args)) = function_arguments(t, i) {
                    if args.len() < close - i {
                        joined.push_str(t.get(copied..i).unwrap_or(""));
                        joined.push_str(&args);
                        copied = close;
                    }
                    skip_to = close;
                }
            }
            c if c.is_whitespace() && depth <= 0 => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    if copied == 0 {
        t.get(..end).unwrap_or(t).into()
    } else {
        joined.push_str(t.get(copied..end).unwrap_or(""));
        joined.into()
    }
}

/// A path without its `~` root, scheme, host and version, starting with a
/// slash.
fn rooted(path: &str) -> String {
    let mut p = path.to_string();
    if let Some(rest) = p.strip_prefix('~') {
        p = rest.to_string();
    }
    let lower = p.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        let after = p.splitn(4, '/').nth(3).unwrap_or("");
        p = format!("/{after}");
    }
    for v in ["/v1.0/", "/beta/", "/{version}/"] {
        if let Some(rest) = p.strip_prefix(v) {
            p = format!("/{rest}");
        }
    }
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    p
}

/// The function arguments opened at `open`, if they close on this line
/// (parentheses nest, quoted text is skipped): where they end (just past the
/// `)`) and their text without the whitespace between arguments (quoted
/// text keeps its own).
fn function_arguments(t: &str, open: usize) -> Option<(usize, String)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut args = String::new();
    for (i, c) in t.get(open..)?.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, c) if c.is_whitespace() => continue,
            (None, '(') => depth += 1,
            (None, ')') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    args.push(c);
                    return Some((open + i + 1, args));
                }
            }
            _ => {}
        }
        args.push(c);
    }
    None
}

/// Function arguments written `name=name-value` or `name='parameterValue'`
/// (the docs' placeholder conventions) become parameters: `name={name}`.
fn value_placeholders(p: &str) -> String {
    static NAMED: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    static GENERIC: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let named = NAMED.get_or_init(|| regex::Regex::new(r"=(')?([A-Za-z][A-Za-z0-9_]*)-value(')?([,)])").ok());
    let p = match named {
        Some(rx) => rx.replace_all(p, "=$1{$2}$3$4"),
        None => p.into(),
    };
    // Compiled only for a path that has the word (most corpora have none).
    if !p.contains("parameterValue") {
        return p.into_owned();
    }
    let generic = GENERIC.get_or_init(|| regex::Regex::new(r"([A-Za-z][A-Za-z0-9_]*)=(')?parameterValue(')?([,)])").ok());
    match generic {
        Some(rx) => rx.replace_all(&p, "$1=$2{$1}$3$4").into_owned(),
        None => p.into_owned(),
    }
}

/// Byte offset of the `?` that starts a query string (outside braces and
/// parentheses).
fn query_start(p: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in p.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            '?' if depth <= 0 => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_annotation_read_by_its_strings() {
        let broken = r#"{ "blockType": "permissions", "name": "a_b", "requestUrls": ["GET /a/{id}"], "get /B/{x}", "no request" }"#;
        let (name, urls) = salvage_permissions(broken).expect("a permissions annotation");
        assert_eq!(name, "a_b");
        assert_eq!(urls, [("GET".to_string(), "/a/{}".to_string()), ("GET".to_string(), "/b/{}".to_string())]);
        assert_eq!(salvage_permissions(r#"{ "blockType": "ignored", "requestUrls": ["GET /a"] "#), None);
        // Escaped quotes stay inside their string; an unclosed string ends the scan.
        let (name, urls) = salvage_permissions(r#"{"blockType":"Permissions","name":"q\"r","requestUrls":["GET /c"],"GET /d"#).expect("read");
        assert_eq!((name.as_str(), urls.len()), (r#"q\"r"#, 1));
        assert_eq!(salvage_permissions(""), None);
    }

    proptest::proptest! {
        // The first word read only when its start does not decide.
        #[test]
        fn target_test_reads_the_first_word(target in "[ \t\u{a0}/~{}.aHhtTpx]{0,12}") {
            let first = target.split_whitespace().next().unwrap_or("");
            let want = first.starts_with('/')
                || first.starts_with('~')
                || first.starts_with('{')
                || crate::parse::starts_with_ignore_ascii_case(first, "http")
                || (first.contains('/') && !first.ends_with('.'));
            proptest::prop_assert_eq!(looks_like_target(&target), want);
        }
    }

    #[test]
    fn normal_paths_are_kept_as_the_full_normalisation_keeps_them() {
        // Paths built from pieces that exercise every rule of the full
        // normalisation; the fast path must agree with it on each.
        let pieces = [
            "/",
            "a",
            "{id}",
            "..",
            "...",
            "-value",
            "=x-value)",
            "?",
            " ",
            "<n>",
            "~",
            "`",
            "v1.0",
            "beta",
            "{version}",
            "(k='v')",
            "(k='parameterValue')",
            "a{b}",
            "(x={n},y={n})",
            "/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793",
            "/(a-id)",
            "é",
            "\"",
            "|",
            "{a|b}",
            ":",
            "$ref",
            "//",
            "/v1.0/",
        ];
        let mut next = crate::parse::rng(12345);
        let mut fast = 0;
        for _ in 0..20_000 {
            let len = 1 + next(6);
            let path: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            if is_normal_path(&path) {
                fast += 1;
            }
            assert_eq!(normalise_path(&path), normalise_path_full(&path), "{path:?}");
        }
        assert!(fast > 100, "the fast path was taken only {fast} times");
    }

    #[test]
    fn paths() {
        assert_eq!(normalise_path("/a/b?$x=1"), ("/a/b".to_string(), true));
        assert_eq!(normalise_path("a/b"), ("/a/b".to_string(), true));
        assert_eq!(normalise_path("/a/{id}"), ("/a/{id}".to_string(), false));
        let n = |s: &str| normalise_path(s).0;
        assert_eq!(n("https://graph.microsoft.com/v1.0/a/b/"), "/a/b");
        assert_eq!(n("~/a/b HTTP/1.1"), "/a/b");
        assert_eq!(n("/a/f(x=x-value,y='y-value')"), "/a/f(x={x},y='{y}')");
        assert_eq!(n("/a/f(on='parameterValue')"), "/a/f(on='{on}')");
        assert_eq!(normalise_path("/things{thing-id}/parts"), ("/things/{thing-id}/parts".to_string(), true));
        assert_eq!(n("/a{x}{y}/b2{z}"), "/a/{x}{y}/b2/{z}");
        assert_eq!(n("/a/f(k='v{w}')/b"), "/a/f(k='v{w}')/b");
        // An example's key in a request line, a name in parentheses.
        assert_eq!(normalise_path("/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/x"), ("/classes/{id}/x".to_string(), true));
        assert_eq!(n("/cases/2192ca408ea2410eba3bec8ae873be6b/y"), "/cases/{id}/y");
        assert_eq!(n("/teams/(team-id)/channels/{channel-id}"), "/teams/{team-id}/channels/{channel-id}");
        assert_eq!(n("/a/deadbeefdeadbeefdeadbeefdeadbeef/(x)/b('c')"), "/a/deadbeefdeadbeefdeadbeefdeadbeef/(x)/b('c')");
        // One placeholder for two arguments: each takes its argument's name.
        assert_eq!(normalise_path("/a/f(from={t},to={t})"), ("/a/f(from={from},to={to})".to_string(), true));
        assert_eq!(n("/a/g(x={n}, y='{n}')/h(z={z})"), "/a/g(x={x},y='{y}')/h(z={z})");
        assert_eq!(n("/a/f(x={x},y={y})"), "/a/f(x={x},y={y})");
        // A one-letter placeholder says nothing either.
        assert_eq!(n("/a/f(x={n},y={m})/g(z={n})"), "/a/f(x={x},y={y})/g(z={z})");
        assert_eq!(n("/a/itemAt(index={n})"), "/a/itemAt(index={index})");
        assert_eq!(n("/a/f(n={n})"), "/a/f(n={n})");
        assert_eq!(n("/a/f({n},{n})"), "/a/f({n},{n})");
        assert_eq!(n("/a/f(x=1,on=parameterValue)/b"), "/a/f(x=1,on={on})/b");
        assert_eq!(n("/a/f(p='parameterValue',q='parameterValue')"), "/a/f(p='{p}',q='{q}')");
        assert_eq!(n("/a/f(on='parameterValues')"), "/a/f(on='parameterValues')");
        assert_eq!(n("/a/parameterValue"), "/a/parameterValue");
        assert_eq!(n("/a/range(<address>)/b"), "/a/range({address})/b");
        assert_eq!(n("/a/{id}/.../b/{id}"), "/a/{id}/b/{id}");
        assert_eq!(n("/users/{id | userPrincipalName}/x or /me/x"), "/users/{id | userPrincipalName}/x");
        assert_eq!(n("/a/f(q='x?y')?$top=2"), "/a/f(q='x?y')");
        // Spaces between function arguments do not end the path.
        assert_eq!(n("/a/f(x={x}, y={y})"), "/a/f(x={x},y={y})");
        assert_eq!(n("/a/f(x={x}, y={y})/b and more"), "/a/f(x={x},y={y})/b");
        assert_eq!(n("/a/f(q='p q', r = 's')"), "/a/f(q='p q',r='s')");
        assert_eq!(n("/a/f(g(x), h) (prose)"), "/a/f(g(x),h)");
        // Arguments that never close: the path ends at the space, as before.
        assert_eq!(n("/a/f(x={x}, y"), "/a/f(x={x},");
        assert_eq!(n("/a/f(q=')', x) y"), "/a/f(q=')',x)");
    }
}
