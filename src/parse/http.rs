//! HTTP text inside code blocks: request lines (`GET /me`), example
//! requests (line, headers, body) and responses (status, headers, body).

/// HTTP methods the docs use.
pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// A `METHOD target` line split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestLine<'a> {
    /// Upper-case method.
    pub method: &'static str,
    /// Everything after the method, trimmed.
    pub target: &'a str,
}

/// Split `line` into method and target, if it starts with an HTTP method.
pub fn request_line(line: &str) -> Option<RequestLine<'_>> {
    let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
    let (head, rest) = line.split_once(|c: char| c.is_whitespace())?;
    let method = METHODS.iter().find(|m| m.eq_ignore_ascii_case(head))?;
    let target = super::trim(rest);
    if target.is_empty() {
        return None;
    }
    Some(RequestLine { method, target })
}

/// An example block split into start line, headers and body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpMessage<'a> {
    /// The first non-empty line, trimmed.
    pub start: &'a str,
    /// 0-based line (within the block) of the start line.
    pub start_line: usize,
    /// Header lines as (name, value).
    pub headers: Vec<(String, String)>,
    /// Everything after the blank line that ends the headers, trimmed (a
    /// slice of the block's text unless it held CR characters).
    pub body: std::borrow::Cow<'a, str>,
    /// 0-based line (within the block) where the body starts.
    pub body_line: usize,
}

/// Split an HTTP example into start line, headers and body. A blank line
/// between the start line and the first header is tolerated.
pub fn message(text: &str) -> Option<HttpMessage<'_>> {
    // Lines are read only as far as the body (which can be long).
    let mut lines = text.lines().enumerate().peekable();
    let blank = |l: &(usize, &str)| super::trim(l.1).is_empty();
    while lines.next_if(blank).is_some() {}
    let (start_line, first) = lines.next()?;
    let start = super::trim(first);
    // Allow blank lines right after the start line when a header follows.
    let mut ahead = lines.clone();
    let mut skipped = false;
    while ahead.next_if(blank).is_some() {
        skipped = true;
    }
    if skipped && ahead.peek().is_some_and(|(_, l)| is_header(l)) {
        lines = ahead;
    }
    let mut headers = Vec::new();
    while let Some((_, l)) = lines.next_if(|(_, l)| is_header(l)) {
        if let Some((k, v)) = l.split_once(':') {
            headers.push((super::trim(k).to_string(), super::trim(v).to_string()));
        }
    }
    while lines.next_if(blank).is_some() {}
    // The body is the rest of `text` from its first line (every line is a
    // slice of `text`), unless CR characters (never in a decoded page) make
    // `str::lines` differ from the text.
    let (body_line, body) = match lines.peek().copied() {
        None => (text.lines().count(), "".into()),
        Some((i, first)) if memchr::memchr(b'\r', text.as_bytes()).is_none() => {
            let off = (first.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            (i, text.get(off..).unwrap_or("").trim().into())
        }
        Some((i, _)) => (i, lines.map(|(_, l)| l).collect::<Vec<_>>().join("\n").trim().to_string().into()),
    };
    Some(HttpMessage { start, start_line, headers, body, body_line })
}

fn is_header(line: &str) -> bool {
    let t = super::trim(line);
    if t.starts_with('{') || t.starts_with('[') || t.starts_with('<') || t.starts_with('"') {
        return false;
    }
    match t.split_once(':') {
        Some((k, _)) => !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        None => false,
    }
}

/// Parse a status line: `HTTP/1.1 200 OK`, `HTTP 201 Created`, `HTTP/2 204`.
pub fn status_line(line: &str) -> Option<u16> {
    let t = super::trim(line);
    let rest = t.strip_prefix("HTTP").or_else(|| t.strip_prefix("http"))?;
    // Skip the version (e.g. `/1.1`) if present.
    let rest = match rest.strip_prefix('/') {
        Some(r) => r.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.'),
        None => rest,
    };
    let code: String = rest.trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
    if code.len() != 3 {
        return None;
    }
    code.parse().ok().filter(|c| (100..600).contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines() {
        let l = request_line("  delete /a/{id}  ").unwrap();
        assert_eq!((l.method, l.target), ("DELETE", "/a/{id}"));
        assert!(request_line("Content-Type: x").is_none());
        assert!(request_line("GET").is_none());
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_line("HTTP/1.1 204 No Content"), Some(204));
        assert_eq!(status_line("HTTP 201 Created"), Some(201));
        assert_eq!(status_line("HTTP/2 200"), Some(200));
        assert_eq!(status_line("HTTP/1.1 OK"), None);
        assert_eq!(status_line("200 OK"), None);
    }

    #[test]
    fn message_bodies_are_the_rest_of_the_text() {
        for text in ["POST /x\nA: b\n\n{\n  \"a\": 1\n}\n", "POST /x\r\nA: b\r\n\r\n{\r\n  \"a\": 1\r\n}\r\n", "\n\nPOST /x\n\n\n  {\"a\": 1}  \n\n"] {
            let m = message(text).unwrap();
            assert_eq!(m.start, "POST /x");
            let lines: Vec<&str> = text.lines().collect();
            let joined = lines.get(m.body_line..).map(|b| b.join("\n")).unwrap_or_default();
            assert_eq!(m.body, joined.trim(), "{text:?}");
        }
        assert_eq!(message("GET /x").unwrap().body, "");
        let m = message("GET /x\nA: b\n\n").unwrap();
        assert_eq!((&*m.body, m.body_line, m.headers.len()), ("", 3, 1));
        let m = message("POST /x\n\n\n{\"a\": 1}").unwrap();
        assert_eq!((&*m.body, m.body_line, m.headers.len()), ("{\"a\": 1}", 3, 0));
        assert!(message("\n \n").is_none());
    }

    #[test]
    fn message_with_blank_before_headers() {
        let m = message("POST https://x/y\n\nContent-type: application/json\n\n{\"a\":1}\n").unwrap();
        assert_eq!(m.start, "POST https://x/y");
        assert_eq!(m.headers, vec![("Content-type".into(), "application/json".into())]);
        assert_eq!(m.body, "{\"a\":1}");
        assert_eq!(m.body_line, 4);
    }
}
