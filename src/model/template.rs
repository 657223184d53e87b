//! Path templates: a request line's path parsed once, here, into literal
//! text and parameters, each parameter with its Rust name, its name as
//! written and whether its value keeps its slashes. The binding of example
//! URLs ([`super::binding::bind`]) and the emitter's endpoint writer read the
//! parsed form from the [`PathTemplate`]; neither splits a template again.

use super::naming::{self, Unique};
use super::{PathPiece, PathTemplate, Shared};
use crate::parse::facts::Interner;

/// One part of a template: literal text, or the text inside a pair of braces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part<'a> {
    /// Literal text (never empty).
    Lit(&'a str),
    /// A parameter, as written between its braces.
    Param(&'a str),
}

/// Split text at its `{...}` parameters. A `{` without a closing `}` starts
/// literal text that runs to the end.
pub fn split(template: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    // Slicing at `open` / `open + close_rel (+1)` is safe: they are the byte
    // positions of the ASCII `{` and `}` that `find` returned.
    while let Some(open) = rest.find('{') {
        let Some(close_rel) = rest[open..].find('}') else { break };
        if open > 0 {
            out.push(Part::Lit(&rest[..open]));
        }
        out.push(Part::Param(&rest[open + 1..open + close_rel]));
        rest = &rest[open + close_rel + 1..];
    }
    if !rest.is_empty() {
        out.push(Part::Lit(rest));
    }
    out
}

/// Whether a path parameter is a path itself (its value keeps its slashes).
pub fn keeps_slash(api_name: &str) -> bool {
    crate::parse::contains_ignore_ascii_case(api_name, "path")
}

/// A template parsed: its pieces, and its parameters' Rust names (unique
/// within the path) and names as written, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Literal text and parameters, in order.
    pub pieces: Vec<PathPiece>,
    /// Rust names of the parameters.
    pub params: Vec<Shared>,
    /// The parameters as written inside the braces.
    pub api_params: Vec<Shared>,
}

/// Parse a template: `/calls/{id}` has the literal `/calls/` and one
/// parameter, Rust name `call_id` (an `{id}` is named after the collection
/// it indexes), written `id`.
pub fn parse(template: &str) -> Parsed {
    parse_in(template, &mut Interner::default())
}

/// [`parse`], the literal text and the parameters' names taken from
/// `strings`: a few thousand strings repeat over the paths of the docs.
pub fn parse_in(template: &str, strings: &mut Interner) -> Parsed {
    let mut unique = Unique::new();
    let parts = split(template);
    let params = parts.iter().filter(|p| matches!(p, Part::Param(_))).count();
    let mut out = Parsed { pieces: Vec::with_capacity(parts.len()), params: Vec::with_capacity(params), api_params: Vec::with_capacity(params) };
    // The template's text before the current part: the parts are the
    // template cut in order, so it is a prefix of the template.
    let mut done = 0;
    for part in parts {
        let before = template.get(..done).unwrap_or_default();
        match part {
            Part::Lit(l) => {
                done += l.len();
                out.pieces.push(PathPiece::Lit(strings.get(l)));
            }
            Part::Param(inner) => {
                done += inner.len() + 2;
                let first = inner.split('|').next().unwrap_or(inner).trim();
                let base = if first.eq_ignore_ascii_case("id") || first.is_empty() {
                    // Name `{id}` after the collection it indexes: `/calls/{id}` → `call_id`.
                    let seg = before.trim_end_matches(['/', '(', '\'', '=']).rsplit(['/', '(', '.']).next().unwrap_or("");
                    if seg.is_empty() || seg.contains('}') {
                        "id".to_string()
                    } else {
                        format!("{}_id", naming::snake(&naming::singular(seg)))
                    }
                } else {
                    naming::snake(first)
                };
                out.pieces.push(PathPiece::Param { index: out.params.len(), keep_slash: keeps_slash(inner) });
                out.params.push(strings.get(&unique.name_owned(base)));
                out.api_params.push(strings.get(inner));
            }
        }
    }
    out
}

/// The path template of a request line, its function name not assigned yet
/// and no permissions attached.
pub fn path_template(template: &str, deprecated: bool, line: u32) -> PathTemplate {
    path_template_in(template, deprecated, line, &mut Interner::default())
}

/// [`path_template`], its pieces and names taken from `strings`
/// ([`parse_in`]).
pub fn path_template_in(template: &str, deprecated: bool, line: u32, strings: &mut Interner) -> PathTemplate {
    let Parsed { pieces, params, api_params } = parse_in(template, strings);
    PathTemplate {
        template: template.into(),
        params,
        api_params,
        pieces,
        deprecated,
        permissions: None,
        permission_scenarios: Vec::new(),
        fn_name: String::new(),
        line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn param_naming() {
        let p = parse("/app/calls/{id}/participants/{id}");
        assert_eq!(p.params, ["call_id", "participant_id"]);
        assert_eq!(p.api_params, ["id", "id"]);
        let p = parse("/users/{id | userPrincipalName}/mailFolders/{id}/messages");
        assert_eq!(p.params, ["user_id", "mail_folder_id"]);
        let p = parse("/groups/{groupId}/x/{group-id}");
        assert_eq!(p.params, ["group_id", "group_id_2"]);
        let p = parse("/{id}/{type}");
        assert_eq!(p.params, ["id", "type"]);
    }

    #[test]
    fn pieces_and_slashes() {
        let lit = |s: &str| PathPiece::Lit(s.into());
        let p = parse("/drive/root:/{item-path}:/content");
        assert_eq!(p.pieces, [lit("/drive/root:/"), PathPiece::Param { index: 0, keep_slash: true }, lit(":/content")]);
        let p = parse("/a/{x}{y}");
        assert_eq!(p.pieces, [lit("/a/"), PathPiece::Param { index: 0, keep_slash: false }, PathPiece::Param { index: 1, keep_slash: false }]);
        // An unclosed brace is literal text to the end.
        let p = parse("/a/{b}/c{d");
        assert_eq!(p.pieces, [lit("/a/"), PathPiece::Param { index: 0, keep_slash: false }, lit("/c{d")]);
        assert_eq!(p.api_params, ["b"]);
        // An `{id}` is named by the literal text before it, whatever precedes that.
        let p = parse("/sites/{site-id}/lists('{list}')/items/{id}");
        assert_eq!(p.params, ["site_id", "list", "item_id"]);
    }
}
