//! Example blocks: an annotated (or recognised) request, response, example
//! or resource block read into a [`RawExample`], its HTTP head and its JSON
//! body.

use super::page::{Section, State};
use super::paths::{glued_request_line, looks_like_target, strip_http_version};
use super::{contains_ignore_ascii_case, http, json, truncate, BlockType, JsonStatus, PageKind, RawExample};

impl State<'_> {
    pub(super) fn on_code(&mut self, info: &str, text: &str, off: usize) {
        let annotation = self.pending_annotation.take();
        // Content starts on the line after the fence.
        let content_line = self.index.line(off) + 1;
        if memchr::memmem::find(text.as_bytes(), b"\n```").is_some() || text.starts_with("```") {
            self.diag("W053", off, "code block contains a fence line; it was probably not closed");
        }
        let block_type = annotation.as_ref().and_then(|(a, _)| a.get("blockType")).and_then(json::Json::as_str);
        let is = |kind: &str| block_type.is_some_and(|b| b.eq_ignore_ascii_case(kind));
        if self.section == Section::HttpRequest && !self.in_examples {
            // Every block of the section lists request lines, whatever its
            // annotation says (`ignored`, `request`, `samples`, none).
            let httpish = info.is_empty() || info.starts_with("http") || info.contains("msgraph-interactive");
            let starts_like_request =
                text.lines().find(|l| !super::trim(l).is_empty()).is_some_and(|l| http::request_line(l).is_some() || glued_request_line(l).is_some());
            if !is("response") && (httpish || starts_like_request) {
                self.request_lines(text, content_line);
                self.request_blocks += 1;
                return;
            }
        }
        // Pages that document several operations sometimes give the later
        // ones as a bare annotated request block under their own heading,
        // without an "HTTP request" sub-heading.
        if is("request")
            && self.page.kind == PageKind::Api
            && self.page.has_request_section
            && !self.in_examples
            && self.section == Section::Other
            && is_template_block(text)
        {
            self.request_lines(text, content_line);
            self.request_blocks += 1;
            return;
        }
        let bt = match block_type {
            Some(_) if is("request") => BlockType::Request,
            Some(_) if is("response") => BlockType::Response,
            Some(_) if is("example") => BlockType::Example,
            Some(_) if is("resource") => BlockType::Resource,
            Some(_) => return,
            None => {
                let httpish = info.is_empty() || info.starts_with("http") || info.contains("msgraph-interactive");
                if httpish && (self.in_examples || self.section == Section::Response) {
                    if let Some(bt) = self.unannotated_role(text) {
                        self.example(bt, json::Object::default(), text, content_line, false);
                        return;
                    }
                }
                if info.starts_with("http") || info.contains("msgraph-interactive") {
                    self.last_plain_http = Some((text.to_string(), content_line as usize));
                }
                return;
            }
        };
        let (ann, _) = annotation.unwrap_or_default();
        self.example(bt, ann, text, content_line, true);
    }

    /// The role of an unannotated HTTP block in an example section, from its
    /// first line; the Request/Response heading above it must agree when
    /// there is one.
    fn unannotated_role(&self, text: &str) -> Option<BlockType> {
        let first = text.lines().find(|l| !super::trim(l).is_empty())?;
        let by_content = if let Some(rl) = http::request_line(first).filter(|rl| looks_like_target(rl.target)) {
            // Without a Request heading above it, only a call to Graph itself
            // is a request example: a POST to a client's callback URL (a
            // change notification) is not.
            let to_graph = rl.target.starts_with('/') || contains_ignore_ascii_case(rl.target, "graph.microsoft.com");
            if self.example_role_hint.is_none() && !to_graph {
                return None;
            }
            BlockType::Request
        } else if http::status_line(first).is_some() {
            BlockType::Response
        } else {
            return None;
        };
        match self.example_role_hint {
            Some(h) if h != by_content => None,
            _ => Some(by_content),
        }
    }

    fn example(&mut self, bt: BlockType, ann: json::Object, text: &str, line: u32, annotated: bool) {
        let mut ex = RawExample {
            block_type: bt,
            name: ann.get("name").and_then(json::Json::as_str).map(str::to_string),
            annotation: ann,
            line,
            method: None,
            url: None,
            status: None,
            headers: Vec::new(),
            json: None,
            body_unreadable: false,
            annotated,
            json_read: JsonStatus::NoJson,
            looks_truncated: false,
        };
        // An empty HTTP block has nothing more to read (nor a name to count).
        let Some((body_text, body_line)) = self.example_head(&mut ex, text, line) else {
            self.page.examples.push(ex);
            return;
        };
        if !body_text.is_empty() {
            self.example_body(&mut ex, &body_text, body_line);
        }
        if let Some(name) = ex.name.as_deref() {
            self.count_example_name(ex.block_type, name, line);
        }
        self.page.examples.push(ex);
    }

    /// The method and URL, or status, and the headers of an example; its body
    /// text and the line the body starts on. `None` for an empty HTTP block.
    fn example_head<'t>(&mut self, ex: &mut RawExample, text: &'t str, line: u32) -> Option<(std::borrow::Cow<'t, str>, u32)> {
        match ex.block_type {
            BlockType::Request | BlockType::Response => {
                let Some(msg) = http::message(text) else {
                    self.diag_line("W041", line, "empty HTTP example block");
                    return None;
                };
                if ex.block_type == BlockType::Request {
                    match http::request_line(msg.start) {
                        Some(rl) => {
                            ex.method = Some(rl.method.to_string());
                            ex.url = Some(strip_http_version(rl.target).to_string());
                        }
                        None => self.diag_line("W041", line + msg.start_line as u32, "request example does not start with `METHOD url`"),
                    }
                } else {
                    ex.status = http::status_line(msg.start);
                    if ex.status.is_none() {
                        self.diag_line("W042", line + msg.start_line as u32, format!("status line `{}` not understood", truncate(msg.start, 60)));
                    }
                }
                ex.headers = msg.headers;
                Some((msg.body, line + msg.body_line as u32))
            }
            BlockType::Example => {
                // An `example` block (a notification) takes its request
                // from the plain HTTP block just before it.
                if let Some((prev, _)) = self.last_plain_http.take() {
                    if let Some(msg) = http::message(&prev) {
                        if let Some(rl) = http::request_line(msg.start) {
                            ex.method = Some(rl.method.to_string());
                            ex.url = Some(strip_http_version(rl.target).to_string());
                        }
                        ex.headers = msg.headers;
                    }
                }
                Some((text.trim().into(), line))
            }
            BlockType::Resource => Some((text.trim().into(), line)),
        }
    }

    /// Read a non-empty body as JSON when its content type or shape says it
    /// is JSON: strictly, then tolerantly (W040), or not at all (W043 for a
    /// body marked or looking shortened, E040 otherwise).
    fn example_body(&mut self, ex: &mut RawExample, body_text: &str, body_line: u32) {
        let is_json_type = ex.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map_or(true, |(_, v)| contains_ignore_ascii_case(v, "json"));
        if !(is_json_type || body_text.starts_with('{') || body_text.starts_with('[')) {
            return;
        }
        // A strict JSON text never looks shortened (its brackets balance and
        // no elision stands outside its strings), so only the others are
        // looked at (`json::tests::strict_json_never_looks_truncated`).
        match json::read_as::<json::Json>(body_text) {
            json::JsonRead::Strict(v) => {
                ex.json = Some(v);
                ex.json_read = JsonStatus::Strict;
            }
            json::JsonRead::Recovered(v, what) => {
                ex.looks_truncated = json::looks_truncated(body_text);
                self.diag_line("W040", body_line, format!("JSON body is not strict JSON ({}); recovered", what.join(", ")));
                ex.json = Some(v);
                ex.json_read = JsonStatus::Recovered;
            }
            json::JsonRead::Failed(e) => {
                ex.looks_truncated = json::looks_truncated(body_text);
                let code = if ex.looks_truncated || ann_truncated(&ex.annotation) { "W043" } else { "E040" };
                self.diag_line(code, body_line, format!("JSON body could not be read: {}", truncate(&e, 80)));
                ex.body_unreadable = true;
                ex.json_read = JsonStatus::Failed;
            }
        }
    }

    /// A name names one request/response pair: a request and its response
    /// share it, but a second block of the same type, or a third block of
    /// any type, repeats it (W012).
    fn count_example_name(&mut self, bt: BlockType, name: &str, line: u32) {
        let typed = format!("{bt:?}:{name}");
        let uses = self.example_names.iter().filter(|n| n.split_once(':').is_some_and(|(_, rest)| rest == name)).count();
        if self.example_names.contains(&typed) || uses >= 2 {
            self.diag_line("W012", line, format!("example name `{}` repeated in this page", truncate(name, 60)));
        }
        self.example_names.push(typed);
    }
}

/// A block whose lines are all `METHOD /path` with a `{placeholder}` and
/// no host: a list of path templates, not an example.
pub(super) fn is_template_block(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !super::trim(l).is_empty()).peekable();
    lines.peek().is_some() && lines.all(|l| http::request_line(l).is_some_and(|rl| rl.target.starts_with('/') && rl.target.contains('{')))
}

fn ann_truncated(ann: &json::Object) -> bool {
    match ann.get("truncated") {
        Some(json::Json::Bool(b)) => *b,
        Some(json::Json::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}
