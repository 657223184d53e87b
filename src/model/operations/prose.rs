//! Reading the operation sections' words: which sentence gives the success
//! response, whether it says a body is returned, which OData options a
//! section names, what a parameter table's row says about being required.
//! Plain text rules, no type lookups (those are in `resolve`).

use crate::parse::resource::{Cell, Link};
use crate::parse::sections::{Block, Table};
use crate::parse::{status_in_code_spans, status_in_prose};

/// The OData system query options, in their canonical spelling.
pub const OPTIONS: &[&str] =
    &["$select", "$expand", "$filter", "$orderby", "$top", "$skip", "$count", "$search", "$skipToken", "$format", "$apply", "$deltaToken"];

/// Options a page that names none but says it supports "the OData query
/// parameters" gets: the ones every collection supports, or the ones every
/// single entity supports.
pub const COLLECTION_DEFAULTS: &[&str] = &["$count", "$expand", "$filter", "$orderby", "$search", "$select", "$skip", "$top"];
/// See [`COLLECTION_DEFAULTS`].
pub const ENTITY_DEFAULTS: &[&str] = &["$expand", "$select"];

/// The canonical spelling of an option name (`$orderBy`, `orderby` → `$orderby`).
pub fn option(word: &str) -> Option<&'static str> {
    let w = word.trim().trim_start_matches('$');
    OPTIONS.iter().find(|o| o[1..].eq_ignore_ascii_case(w)).copied()
}

/// Whether a link points at a resource (type) page rather than a guide or
/// another API page.
pub fn is_resource_link(l: &Link) -> bool {
    let t = l.target.as_str();
    t.contains("resources/") && !t.starts_with("http") && t.split('#').next().is_some_and(|p| p.ends_with(".md"))
}

/// The sentences of a text (split after `. `), with the text's own line.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(". ").map(str::trim).filter(|s| !s.is_empty())
}

/// The words that say a sentence (in ASCII lower case) denies something.
fn negative(lower: &str) -> bool {
    ["not support", "doesn't support", "does not support", "not supported", "unsupported", "don't support"].iter().any(|n| lower.contains(n))
}

/// A list of phrases (in lower case) looked for in a text, ignoring ASCII
/// case, in one pass over the text: looking for each phrase in turn was
/// most of the time spent reading the Request body and Response sections.
struct Phrases {
    list: &'static [&'static str],
    // All of them as one pattern, built on first use (`None` if it could
    // not be, and then they are looked for one by one).
    any: std::sync::OnceLock<Option<regex::Regex>>,
}

impl Phrases {
    const fn new(list: &'static [&'static str]) -> Self {
        Phrases { list, any: std::sync::OnceLock::new() }
    }

    /// Whether a text holds one of the phrases, ignoring ASCII case (as
    /// [`has`] finds each), given the text in ASCII lower case: a search
    /// for plain literals is much faster than one that ignores case.
    fn in_lower(&self, lower: &str) -> bool {
        let any = self.any.get_or_init(|| {
            let alternatives: Vec<String> = self.list.iter().map(|p| regex::escape(p)).collect();
            regex::Regex::new(&alternatives.join("|")).ok()
        });
        match any {
            Some(re) => re.is_match(lower),
            None => self.list.iter().any(|p| lower.contains(p)),
        }
    }
}

/// Sentences that say a request takes no body.
static NO_REQUEST_BODY: Phrases = Phrases::new(&[
    "not supply a request body",
    "request body is not necessary",
    "not need a request body",
    "don't supply a request body",
    "no request body",
    "not require a request body",
    "not require any request body",
    "no request content",
    "without a request body",
    "request body is not required",
    "not supply a body",
    "empty json {}",
    "body is ignored",
    "request body will be ignored",
    "does not require a body",
    "not supply any request body",
    "do not supply request body",
    "do not specify a request body",
    "request body must be empty",
]);

/// Words that say a request body is raw content.
static STREAM_BODY: Phrases = Phrases::new(&[
    "binary stream",
    "binary content",
    "binary data",
    "contents of the file",
    "content of the file",
    "file contents",
    "file content",
    "raw content",
    "byte stream",
    "stream of",
    "binary file",
    "the binary",
    "binary representation",
]);

/// Words that say a request body is (part of) a resource's representation.
static REPRESENTATION_BODY: Phrases = Phrases::new(&[
    "representation",
    "fields that should be updated",
    "fields to update",
    "properties that should be updated",
    "properties to update",
    "values of the properties",
    "values for relevant",
    "values for the relevant",
    "the following properties",
    "new ",
    "object",
]);

/// Sentences that say a response has no body.
static NO_RESPONSE_BODY: Phrases = Phrases::new(&[
    "not return anything",
    "no response body",
    "empty response body",
    "without a response body",
    "no content in the response",
    "nothing in the response body",
    "not return a response body",
    "does not return any",
]);

/// Words that say a response is a collection.
static COLLECTION_RESPONSE: Phrases = Phrases::new(&["collection", "list of", "array of", " objects", "entities", "resources in the"]);

/// What the optional-query-parameters text says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryText {
    /// Options named in positive sentences or tables, in order.
    pub named: Vec<&'static str>,
    /// It says the operation supports the OData query parameters without
    /// naming any.
    pub generic: bool,
    /// It says the operation supports none.
    pub none: bool,
    /// Rows of tables that name a non-option parameter: (name, type cell, description, line).
    pub parameters: Vec<TableParam>,
}

/// A row of a parameter table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableParam {
    /// Name as documented.
    pub name: String,
    /// The cell that gives its type (`None`: the table has no type column).
    pub ty: Option<Cell>,
    /// Required by the table or its words.
    pub required: bool,
    /// 1-based line of the row.
    pub line: u32,
}

/// Every option named in a text: `$word` anywhere, or a code span that is
/// an option's bare name (`select`).
fn options_in(text: &str, code: &[String], out: &mut Vec<&'static str>) {
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        let after = &rest[i + 1..];
        let end = after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len());
        if let Some(o) = option(&after[..end]) {
            if !out.contains(&o) {
                out.push(o);
            }
        }
        rest = &after[end..];
    }
    for c in code {
        if let Some(o) = option(c).filter(|_| !c.starts_with('$') && c.bytes().all(|b| b.is_ascii_alphabetic())) {
            if !out.contains(&o) {
                out.push(o);
            }
        }
    }
}

/// Read an optional-query-parameters (or function-parameters) section.
pub fn query_text(blocks: &[Block], tables: &[Table], out: &mut QueryText) {
    for b in blocks {
        let t = b.text.trim().trim_end_matches('.').to_ascii_lowercase();
        if matches!(t.as_str(), "none" | "not supported" | "n/a" | "not applicable" | "no") {
            out.none = true;
        }
        let about_options = b.links.iter().any(|l| l.target.contains("query-parameters"));
        for s in sentences(&b.text) {
            let mut named = Vec::new();
            // Code spans and link texts that are an option's bare name (`select`).
            let words: Vec<String> =
                b.code.iter().map(String::as_str).chain(b.links.iter().map(|l| l.text.as_str())).filter(|w| s.contains(*w)).map(str::to_string).collect();
            options_in(s, &words, &mut named);
            // Lowered once for the phrases below.
            let lower = s.to_ascii_lowercase();
            // "You can filter on ..." names `$filter` by its verb.
            if named.is_empty() && (lower.contains("filter on") || lower.contains("filter by")) {
                named.push("$filter");
            }
            let odata = lower.contains("query param") || lower.contains("odata") || about_options;
            if negative(&lower) {
                // "does not support the OData query parameters (`$filter`, for
                // example)": the options it names are examples of the denial.
                out.none |= odata;
            } else if named.is_empty() {
                if odata && ["support", "use", "customize", "take", "accept", "shape"].iter().any(|w| lower.contains(w)) {
                    out.generic = true;
                }
            } else {
                for n in named {
                    if !out.named.contains(&n) {
                        out.named.push(n);
                    }
                }
            }
        }
    }
    for t in tables {
        let name_col = column(&t.header, &["name", "parameter", "query parameter", "option", "query option"]).unwrap_or(0);
        let type_col = column(&t.header, &["type", "value"]);
        let required = required_column(&t.header);
        for row in &t.rows {
            let Some(cell) = row.cells.get(name_col) else { continue };
            let mut named = Vec::new();
            options_in(&cell.text, &cell.code, &mut named);
            if let Some(o) = named.first().filter(|_| cell.text.trim().starts_with(['$', '`'])) {
                if !out.named.contains(o) {
                    out.named.push(o);
                }
                continue;
            }
            let name = clean_name(&cell.text);
            if !is_param_name(&name) {
                continue;
            }
            let ty = type_col.and_then(|c| row.cells.get(c)).cloned();
            out.parameters.push(TableParam { name, ty, required: row_required(required, &row.cells).unwrap_or(false), line: row.line });
        }
    }
    if !out.named.is_empty() {
        out.generic = false;
        out.none = false;
    }
}

/// The index of the first header cell that starts with one of `names`.
pub fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.trim().trim_matches(|c: char| !c.is_ascii_alphanumeric());
        // `n` alone, or followed by a space or an `s`.
        names.iter().any(|n| h.strip_prefix(n).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', 's'])))
    })
}

/// A parameter or header name from its cell: markup, notes in parentheses
/// and trailing punctuation dropped.
pub fn clean_name(cell: &str) -> String {
    let t = cell.trim().trim_matches(|c: char| c == '*' || c == '`' || c == '_').trim();
    let t = t.split(['(', ' ']).next().unwrap_or("");
    t.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '@' && c != '$').to_string()
}

/// A name that can be a parameter: ASCII letters, digits, `@`, `.`, `_`, `-`.
pub fn is_param_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '@')
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"@._-".contains(&b))
}

/// A table's Required/Optional column: its index, and whether it is headed
/// "required" (a yes there means required) rather than "optional".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequiredColumn {
    index: usize,
    says_required: bool,
}

/// The Required/Optional column of a table, if it has one (looked up once
/// per table, not per row).
pub fn required_column(header: &[String]) -> Option<RequiredColumn> {
    let index = column(header, &["required", "optional"])?;
    Some(RequiredColumn { index, says_required: header.get(index).is_some_and(|h| h.contains("required")) })
}

/// Whether a row says its parameter is required: the table's
/// Required/Optional column ([`required_column`]), else the words
/// "required"/"optional" in the other cells. `None` when the row says
/// neither.
pub fn row_required(col: Option<RequiredColumn>, cells: &[Cell]) -> Option<bool> {
    if let Some(c) = col {
        let v = cells.get(c.index).map(|c| c.text.trim().to_ascii_lowercase()).unwrap_or_default();
        let yes = matches!(v.as_str(), "yes" | "true" | "required" | "y" | "✓" | "x");
        let no = matches!(v.as_str(), "no" | "false" | "optional" | "n" | "");
        if yes || no {
            return Some(if c.says_required { yes } else { !yes });
        }
    }
    let mut text = String::with_capacity(cells.iter().skip(1).map(|c| c.text.len() + 1).sum());
    // Cells apart (`|`): a marker starts a cell's sentence, not the type's.
    for (i, c) in cells.iter().skip(1).enumerate() {
        if i > 0 {
            text.push('|');
        }
        text.push_str(&c.text);
    }
    text.make_ascii_lowercase();
    required_in_lower(&text)
}

/// "Required" or "Optional" in a description in ASCII lower case (`None`
/// when neither). A marker decides: a
/// sentence (or clause) that starts with "required", "mandatory" or
/// "optional" (`Optional. The size.`, `(Optional) The owner.`), or ends
/// with "is required"/"is optional", or a parenthesised `(optional)`; a
/// requirement with a condition ("required only for", "required when",
/// "required if") says optional. The first marker wins when there are both
/// (cells are separated by `|`). Without one, only phrases that
/// can say nothing else count ("must be specified"): the word alone in
/// running text (`the required format`, `pinRequired`, `is required to
/// sign in`) is not about the parameter.
pub(super) fn required_in_lower(lower: &str) -> Option<bool> {
    let must = || ["must be specified", "must be provided", "must be supplied"].iter().any(|w| lower.contains(w)).then_some(true);
    // Most cells say neither word: no clause to look at (splitting every
    // cell into clauses cost 2% of a full run's instructions).
    if !lower.contains("optional") && !lower.contains("required") && !lower.contains("mandatory") {
        return must();
    }
    let mut first: Option<bool> = None;
    for clause in lower.split(['.', ';', '\n', '|']) {
        // Every marker below holds one of the three words: a clause with
        // none of them says nothing.
        let required = clause.contains("required");
        if !required && !clause.contains("optional") && !clause.contains("mandatory") {
            continue;
        }
        let c = clause.trim_matches(|ch: char| !ch.is_ascii_alphanumeric() && ch != '(' && ch != ')');
        let c = c.trim_start_matches(['(', ' ', '*', '_']);
        let starts = |w: &str| c.strip_prefix(w).is_some_and(|rest| !rest.starts_with(|ch: char| ch.is_ascii_alphanumeric()));
        let ends = |w: &str| c.trim_end_matches([')', ' ']).ends_with(w);
        let conditional = required && ["required only", "only required", "required when", "required if"].iter().any(|w| clause.contains(w));
        let said = if starts("optional") || ends("is optional") || ends("are optional") || clause.contains("(optional)") || conditional {
            Some(false)
        } else if starts("required") || starts("mandatory") || ends("is required") || ends("are required") || clause.contains("(required)") {
            Some(true)
        } else {
            None
        };
        if said.is_some() {
            first = said;
            break;
        }
    }
    first.or_else(must)
}

/// What the Response section's prose says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseText {
    /// The success status it names.
    pub status: Option<u16>,
    /// It says there is no body (or the status is 204).
    pub no_body: bool,
    /// It says a body is returned.
    pub says_body: bool,
    /// It names no 2xx status but a `302` redirect (to a download URL):
    /// what the caller gets is the content downloaded.
    pub redirect: bool,
    /// Resource links in the success sentence, first first.
    pub links: Vec<Link>,
    /// A primitive or a type word it names (`String`, `Stream`, `driveItem`).
    pub words: Vec<String>,
    /// "collection of", "list of", "array of", "... objects".
    pub collection: bool,
    /// 1-based line of the success sentence's block.
    pub line: u32,
}

/// Words that give a primitive response in prose.
const PRIMITIVE_WORDS: &[&str] = &["string", "boolean", "int32", "int64", "integer", "stream", "double", "binary", "guid", "datetimeoffset"];

/// Words before "object" that are not type names.
const NOT_TYPES: &[&str] = &[
    "collection",
    "object",
    "objects",
    "value",
    "values",
    "properties",
    "body",
    "content",
    "code",
    "data",
    "information",
    "details",
    "a",
    "an",
    "the",
    "new",
    "updated",
    "requested",
    "json",
    "empty",
    "response",
    "error",
    "created",
    "this",
    "that",
    "same",
    "its",
    "following",
    "corresponding",
    "specified",
    "single",
    "complex",
    "result",
    "results",
    "returned",
    "entity",
];

/// Read the Response section: the first block that names a 2xx status (or
/// the first block) is the success sentence.
pub fn response_text(blocks: &[Block]) -> ResponseText {
    let found = blocks.iter().find_map(|b| Some((b, Some(status_in_prose(&b.text).or_else(|| status_in_code_spans(b.code.iter().map(String::as_str)))?))));
    let Some((b, status)) = found.or(blocks.first().map(|b| (b, None))) else { return ResponseText::default() };
    let mut r = ResponseText { status, line: b.line, ..ResponseText::default() };
    // Only the sentences from the one naming the status on count (a later
    // "If unsuccessful, ..." sentence is cut off below).
    let text = &b.text;
    let upto = text.find("If unsuccessful").or_else(|| text.find("Otherwise")).unwrap_or(text.len());
    let text = &text[..upto];
    let lower = text.to_ascii_lowercase();
    r.no_body = r.status == Some(204) || NO_RESPONSE_BODY.in_lower(&lower) || (r.status == Some(202) && !lower.contains("response body"));
    r.links = b.links.iter().filter(|l| is_resource_link(l)).cloned().collect();
    r.collection = COLLECTION_RESPONSE.in_lower(&lower);
    r.words = type_words(text, true);
    r.says_body = !r.no_body
        && (!r.links.is_empty() || lower.contains("response body") || lower.contains(" object") || lower.contains("collection") || !r.words.is_empty());
    // A redirect (`302 Found` to a download URL) and no 2xx: the prose says
    // nothing of a body's type; the example's content type decides, else
    // the content the redirect leads to is raw (a stream).
    if r.status.is_none() && text.contains("302") {
        r.redirect = true;
        r.says_body = false;
        r.words.clear();
        r.links.clear();
    }
    r
}

/// Words of a sentence that may name a type: the word before "object",
/// "resource", "collection" or "in the response body" (`driveItem object`),
/// and, when `primitives`, primitive names (`String`, `Stream`) and a `true`
/// or `false` value (a Boolean).
fn type_words(text: &str, primitives: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let words = words_of(text);
    // Compared in place, ignoring case: most words are none of these.
    let one_of = |w: &str, list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(w));
    for (i, &w) in words.iter().enumerate() {
        if one_of(w, PRIMITIVE_WORDS) {
            let lw = w.to_ascii_lowercase();
            if primitives && !out.contains(&lw) {
                out.push(lw);
            }
        } else if one_of(w, &["true", "false"]) && words.get(i + 1).is_some_and(|n| n.eq_ignore_ascii_case("value")) {
            if primitives && !out.iter().any(|x| x == "boolean") {
                out.push("boolean".into());
            }
        } else if i > 0
            && (one_of(w, &["object", "objects", "resource", "collection", "entity"])
                || (w.eq_ignore_ascii_case("in")
                    && words.get(i + 2).is_some_and(|n| n.eq_ignore_ascii_case("response"))
                    && words.get(i + 3).is_some_and(|n| n.eq_ignore_ascii_case("body"))))
        {
            let prev = words[i - 1];
            if !one_of(prev, NOT_TYPES)
                && !one_of(prev, PRIMITIVE_WORDS)
                && prev.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
                && !out.iter().any(|x| x == prev)
            {
                out.push(prev.to_string());
            }
        }
    }
    out
}

/// The words of a text: runs of ASCII letters, digits, `.` and `_`, less
/// their leading and trailing dots. Cut on bytes: every other character,
/// any non-ASCII one included, separates words.
fn words_of(text: &str) -> Vec<&str> {
    let in_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'_';
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(from) = bytes.get(start..).and_then(|rest| rest.iter().position(in_word)) {
        let from = start + from;
        let to = bytes.get(from..).and_then(|rest| rest.iter().position(|b| !in_word(b))).map_or(bytes.len(), |n| from + n);
        start = to;
        // Cut next to ASCII bytes (or at the ends): a `str`.
        let word = text.get(from..to).unwrap_or_default().trim_matches('.');
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}

/// What the Request body section's prose says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyText {
    /// It says not to supply a body.
    pub none: bool,
    /// It describes raw content (a file, a binary stream).
    pub stream: bool,
    /// It says the body is a JSON representation of a resource (or the
    /// values of one to update).
    pub representation: bool,
    /// It says the table lists query (URL) parameters, not body ones.
    pub url_parameters: bool,
    /// It says the body is an `@odata.id` reference.
    pub reference: bool,
    /// "collection of", "array of".
    pub collection: bool,
    /// Resource links, in order.
    pub links: Vec<Link>,
    /// It says "JSON representation" (of a resource, as a POST that
    /// creates one does).
    pub json_representation: bool,
    /// Words that may name the body's type (`customers object`).
    pub words: Vec<String>,
    /// It says the body, or what it holds, may be left out ("you can
    /// optionally provide", "an optional `x` object").
    pub optional: bool,
    /// It says the table lists what the body must hold ("the following
    /// required properties").
    pub required: bool,
    /// 1-based line of the first block.
    pub line: u32,
}

/// Read the Request body section's prose.
pub fn body_text(blocks: &[&Block]) -> BodyText {
    let mut r = BodyText { line: blocks.first().map_or(0, |b| b.line), ..BodyText::default() };
    for b in blocks {
        let t = &b.text;
        let lower = t.to_ascii_lowercase();
        r.none |= NO_REQUEST_BODY.in_lower(&lower);
        r.stream |= STREAM_BODY.in_lower(&lower);
        r.representation |= REPRESENTATION_BODY.in_lower(&lower);
        r.url_parameters |=
            lower.contains("request url") || lower.contains("query string") || (lower.contains("query parameter") && !lower.contains("request body"));
        r.reference |= lower.contains("@odata.id");
        // "For the list of properties, see ..." or "the **x** property, with
        // a collection of ..." speak of the properties, not of the body.
        r.collection |= sentences(&lower).any(|s| {
            ["collection of", "array of", "list of"].iter().any(|n| s.contains(n)) && !s.contains("propert") && !s.contains("field") && !s.contains("parameter")
        });
        r.links.extend(b.links.iter().filter(|l| is_resource_link(l)).cloned());
        r.words.extend(type_words(t, false));
        r.json_representation |= lower.contains("representation");
        r.optional |= lower.contains("optionally") || lower.contains("an optional ");
        r.required |= lower.contains("following required") || lower.contains("required properties") || lower.contains("required parameters");
    }
    r
}

/// Whether a table lists parameters or properties: a name column and a type column.
pub fn is_parameter_table(t: &Table) -> bool {
    column(&t.header, &["type"]).is_some()
        && column(&t.header, &["parameter", "name", "property", "properties", "key", "field", "attribute", "member"]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::contains_ignore_ascii_case as has;

    fn block(text: &str) -> Block {
        Block { text: text.to_string(), links: Vec::new(), code: Vec::new(), line: 1 }
    }

    #[test]
    fn phrases_agree_with_a_search_one_by_one() {
        let fillers = [" ", "é", "x", ". ", "{}", "Ä"];
        let mut next = crate::parse::rng(41);
        for phrases in [&NO_REQUEST_BODY, &STREAM_BODY, &REPRESENTATION_BODY, &NO_RESPONSE_BODY, &COLLECTION_RESPONSE] {
            let mut found = 0;
            for _ in 0..3000 {
                // Whole phrases, phrases cut short, fillers, in mixed case.
                let mut text = String::new();
                for _ in 0..next(5) {
                    let p = phrases.list[next(phrases.list.len())];
                    let cut = if next(2) == 0 { p.len() } else { next(p.len() + 1) };
                    text.push_str(p.get(..cut).unwrap_or(p));
                    text.push_str(fillers[next(fillers.len())]);
                }
                let text: String = text.chars().map(|c| if next(3) == 0 { c.to_ascii_uppercase() } else { c }).collect();
                let want = phrases.list.iter().any(|p| has(&text, p));
                assert_eq!(phrases.in_lower(&text.to_ascii_lowercase()), want, "{text:?}");
                found += usize::from(want);
            }
            assert!((300..2900).contains(&found), "the texts hold a phrase often, but not always: {found}");
            assert!(matches!(phrases.any.get(), Some(Some(_))), "the phrases are searched as one pattern");
        }
    }

    #[test]
    fn options_named_generic_and_none() {
        let mut q = QueryText::default();
        query_text(&[block("Takes `$filter`, $orderBy and the $Top option. The `$search` option is not supported here.")], &[], &mut q);
        assert_eq!(q.named, ["$filter", "$orderby", "$top"]);
        let mut q = QueryText::default();
        query_text(&[block("It supports the OData query parameters for shaping results.")], &[], &mut q);
        assert!(q.generic && q.named.is_empty());
        let mut q = QueryText::default();
        query_text(&[block("This call does not support OData query parameters.")], &[], &mut q);
        assert!(q.none && !q.generic);
    }

    #[test]
    fn required_words_and_columns() {
        let words_required = |t: &str| required_in_lower(&t.to_ascii_lowercase());
        assert_eq!(words_required("Optional. Sets the size."), Some(false));
        assert_eq!(words_required("The size. Required."), Some(true));
        assert_eq!(words_required("Optional; required when x is set."), Some(false));
        assert_eq!(words_required("The size."), None);
        let header = vec!["name".to_string(), "type".to_string(), "required".to_string()];
        let cell = |t: &str| Cell { text: t.to_string(), ..Cell::default() };
        let col = required_column(&header);
        assert_eq!(row_required(col, &[cell("a"), cell("Int32"), cell("Yes")]), Some(true));
        assert_eq!(row_required(col, &[cell("a"), cell("Int32"), cell("No")]), Some(false));
        assert_eq!(row_required(col, &[cell("a"), cell("Int32"), cell("Optional. Required when b is set.")]), Some(false));
        assert_eq!(row_required(None, &[cell("a"), cell("Int32"), cell("The size; REQUIRED.")]), Some(true));
    }

    #[test]
    fn response_prose() {
        let r = response_text(&[block("On success the call gives `204 No Content`.")]);
        assert!(r.no_body && !r.says_body);
        let r = response_text(&[block("On success it gives a `200 OK` code and a String collection in the response body.")]);
        assert_eq!((r.words.clone(), r.collection, r.says_body), (vec!["string".to_string()], true, true));
        let r = response_text(&[block("On success it gives a `200 OK` code and a gizmo object.")]);
        assert_eq!(r.words, ["gizmo"]);
    }
}
