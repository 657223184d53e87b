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
    let target = rest.trim();
    if target.is_empty() {
        return None;
    }
    Some(RequestLine { method, target })
}

/// An example block split into start line, headers and body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpMessage {
    /// The first non-empty line.
    pub start: String,
    /// 0-based line (within the block) of the start line.
    pub start_line: usize,
    /// Header lines as (name, value).
    pub headers: Vec<(String, String)>,
    /// Everything after the blank line that ends the headers, trimmed.
    pub body: String,
    /// 0-based line (within the block) where the body starts.
    pub body_line: usize,
}

/// Split an HTTP example into start line, headers and body. A blank line
/// between the start line and the first header is tolerated.
pub fn message(text: &str) -> Option<HttpMessage> {
    let lines: Vec<&str> = text.lines().collect();
    // Every `lines[i]` / `lines[j]` below sits behind an `i < lines.len()` guard.
    let mut i = 0;
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    let start = lines.get(i)?.trim().to_string();
    let start_line = i;
    i += 1;
    let mut headers = Vec::new();
    // Allow blank lines right after the start line when a header follows.
    let mut j = i;
    while j < lines.len() && lines[j].trim().is_empty() {
        j += 1;
    }
    if j > i && lines.get(j).is_some_and(|l| is_header(l)) {
        i = j;
    }
    while i < lines.len() && is_header(lines[i]) {
        if let Some((k, v)) = lines[i].split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
        i += 1;
    }
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    let body_line = i;
    // The body is the rest of `text` from its first line (every `lines`
    // entry is a slice of `text`), unless CR characters (never in a decoded
    // page) make `str::lines` differ from the text.
    let body = match lines.get(i) {
        None => String::new(),
        Some(first) if !text.contains('\r') => {
            let off = (first.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            text.get(off..).unwrap_or("").trim().to_string()
        }
        Some(_) => lines.get(i..).map(|b| b.join("\n")).unwrap_or_default().trim().to_string(),
    };
    Some(HttpMessage { start, start_line, headers, body, body_line })
}

fn is_header(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('{') || t.starts_with('[') || t.starts_with('<') || t.starts_with('"') {
        return false;
    }
    match t.split_once(':') {
        Some((k, _)) => {
            !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        }
        None => false,
    }
}

/// Parse a status line: `HTTP/1.1 200 OK`, `HTTP 201 Created`, `HTTP/2 204`.
pub fn status_line(line: &str) -> Option<u16> {
    let t = line.trim();
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
