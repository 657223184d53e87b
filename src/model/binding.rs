//! Binding a request example's URL to a path template of its endpoint: the
//! arguments that make the template's function build exactly the example's
//! path, or, when none does, a stable reason why not.

use super::naming;
use super::*;

/// Why an example URL fits no template of `candidates` (the page's endpoints
/// of the example's method): a stable reason key, the first that applies of
///
/// - `unbound_url_other_host`: the URL is not on graph.microsoft.com;
/// - `unbound_url_me_alias`: a `/me/...` URL where the page lists no `/me`
///   form, or only the `/users/{id}/...` form of it;
/// - `unbound_url_drive_root_alias`: the URL addresses the drive root
///   (`/drive/root/...`) where the page lists only `/drive/items/{id}/...`;
/// - `unbound_url_key_in_parentheses`: the URL writes keys as `x('key')`
///   where the template has `x/{id}`;
/// - `unbound_url_function_arguments`: the URL fits a template once the
///   argument lists `(...)` are dropped from both (the template lacks the
///   arguments, or spells their values literally);
/// - `unbound_url_extra_segments`: the URL goes on past a whole template
///   (`/content`, `/$value`, a cast, a property);
/// - `unbound_url_missing_segments`: the URL stops short of a template (a
///   `/$ref` or a key the template has);
/// - `unbound_url_other_root`: the URL ends like a template but starts
///   elsewhere (`/connections/..` for `/external/connections/..`);
/// - `unbound_url_template_literal`: the URL has the template's shape, but
///   where it differs the template writes a value (digits, `id`, a
///   parenthesised name) or the URL a `{placeholder}`;
/// - `unbound_url`: anything else (another path family, a renamed segment).
pub(super) fn unbound_reason(url: &str, candidates: &[&Endpoint]) -> &'static str {
    let lower = url.trim().to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) {
        let host = rest.split('/').next().unwrap_or("");
        if host != "graph.microsoft.com" {
            return "unbound_url_other_host";
        }
    }
    let path = normalise_example_path(&url_path(url));
    let templates: Vec<&str> = candidates.iter().flat_map(|e| e.paths.iter().map(|t| t.template.as_str())).collect();
    let is_me = |p: &str| p.eq_ignore_ascii_case("/me") || p.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("/me/"));
    if is_me(&path) {
        let as_user = format!("/users/{{id}}{}", path.get(3..).unwrap_or(""));
        if !templates.iter().any(|t| is_me(t)) || candidates.iter().any(|e| bind(e, &as_user).is_some()) {
            return "unbound_url_me_alias";
        }
    }
    let fits = |template: &str, p: &str| match_template(&slash_free_pieces(template), p, 0, &mut Vec::new(), &mut 0);
    // Argument lists dropped from both sides: the rewrites below are about
    // the segments, not about how the arguments are spelled.
    let fits_bare = |p: &str| {
        let bare = strip_arguments(p);
        templates.iter().any(|t| fits(&strip_arguments(t), &bare))
    };
    if let Some(rooted) = drive_root_as_item(&path) {
        if fits_bare(&rooted) {
            return "unbound_url_drive_root_alias";
        }
    }
    if let Some(keyed) = keys_as_segments(&path) {
        if fits_bare(&keyed) {
            return "unbound_url_key_in_parentheses";
        }
    }
    if fits_bare(&path) {
        return "unbound_url_function_arguments";
    }
    let useg: Vec<&str> = path.split('/').skip(1).collect();
    let shapes: Vec<Vec<&str>> = templates.iter().map(|t| t.split('/').skip(1).collect()).collect();
    let prefix = |short: &[&str], long: &[&str], t_is_short: bool| short.iter().zip(long).all(|(a, b)| if t_is_short { fits(a, b) } else { fits(b, a) });
    if shapes.iter().any(|t| t.len() < useg.len() && prefix(t, &useg, true)) {
        return "unbound_url_extra_segments";
    }
    if shapes.iter().any(|t| t.len() > useg.len() && prefix(&useg, t, false)) {
        return "unbound_url_missing_segments";
    }
    // The same tail under another root (`/connections/..` for
    // `/external/connections/..`, `/drive/..` for `/me/drive/..`).
    let suffix = |t: &[&str]| {
        let n = t.len().min(useg.len());
        t.len() != useg.len() && n >= 2 && t[t.len() - n..].iter().zip(&useg[useg.len() - n..]).all(|(a, b)| fits(a, b))
    };
    if shapes.iter().any(|t| suffix(t)) {
        return "unbound_url_other_root";
    }
    let value_like = |t: &str, u: &str| {
        !t.contains('{')
            && (t.bytes().any(|b| b.is_ascii_digit())
                || t.eq_ignore_ascii_case("id")
                || (t.starts_with('(') && t.ends_with(')'))
                || (u.starts_with("%7B") && u.ends_with("%7D")))
    };
    let literal = |t: &[&str]| t.len() == useg.len() && t.iter().zip(&useg).all(|(a, b)| fits(a, b) || value_like(a, b));
    if shapes.iter().any(|t| literal(t)) {
        return "unbound_url_template_literal";
    }
    "unbound_url"
}

/// Pieces of a part of a template, every parameter taken as one segment (for
/// the shape comparisons of [`unbound_reason`]).
fn slash_free_pieces(part: &str) -> Vec<PathPiece> {
    let mut index = 0;
    let mut out = Vec::new();
    for p in super::template::split(part) {
        out.push(match p {
            super::template::Part::Lit(l) => PathPiece::Lit(l.into()),
            super::template::Part::Param(_) => {
                index += 1;
                PathPiece::Param { index: index - 1, keep_slash: false }
            }
        });
    }
    out
}

/// `/drive/root` (the root folder, not `root:` path addressing) spelled as
/// `/drive/items/{id}`, with a bare `/drive/...` read as `/me/drive/...`;
/// `None` when the path has no such segment.
fn drive_root_as_item(path: &str) -> Option<String> {
    let segs: Vec<&str> = path.split('/').collect();
    let i = segs.windows(2).position(|w| w[0].eq_ignore_ascii_case("drive") && w[1].eq_ignore_ascii_case("root"))?;
    let mut out: Vec<&str> = Vec::with_capacity(segs.len() + 2);
    if i == 1 {
        out.extend(["", "me"]);
    } else {
        out.extend(segs.iter().take(i));
    }
    out.extend(["drive", "items", "%7Bid%7D"]);
    out.extend(segs.iter().skip(i + 2));
    Some(out.join("/"))
}

/// `/x('key')` spelled as `/x/key` for every segment that ends with one
/// quoted key; `None` when no segment does.
fn keys_as_segments(path: &str) -> Option<String> {
    let mut changed = false;
    let segs: Vec<String> = path
        .split('/')
        .map(|seg| {
            let key = seg.strip_suffix("')").and_then(|s| s.split_once("('")).filter(|(name, key)| !name.is_empty() && !key.contains('\''));
            match key {
                Some((name, key)) => {
                    changed = true;
                    format!("{name}/{key}")
                }
                None => seg.to_string(),
            }
        })
        .collect();
    changed.then(|| segs.join("/"))
}

/// Drop every parenthesised argument list (and the parameters in it).
fn strip_arguments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Strip scheme, host, version, query and fragment from an example URL.
pub fn url_path(url: &str) -> String {
    let mut u = url.trim();
    if let Some(i) = u.find("://") {
        // `i + 3` is just past the ASCII `://` that `find` located.
        let after = &u[i + 3..];
        u = after.find('/').map_or("", |j| &after[j..]); // `j`: position of an ASCII '/'.
    }
    // Cut at an ASCII `?` or `#`: a char boundary.
    let mut p = u.get(..u.bytes().position(|b| b == b'?' || b == b'#').unwrap_or(u.len())).unwrap_or(u);
    for v in ["/v1.0", "/beta", "/v1"] {
        // `get` rather than indexing: `v.len()` need not be a char boundary of
        // `p` (`/v1.é` once panicked here).
        let head = p.get(..v.len()).is_some_and(|h| h.eq_ignore_ascii_case(v));
        if head && matches!(p.as_bytes().get(v.len()), None | Some(b'/')) {
            p = p.get(v.len()..).unwrap_or("");
            break;
        }
    }
    if p.starts_with('/') {
        p.to_string()
    } else {
        ["/", p].concat()
    }
}

/// The query string of an example URL as percent-decoded (name, value) pairs.
pub fn url_query(url: &str) -> Vec<(String, String)> {
    let before_fragment = url.trim().split('#').next().unwrap_or("");
    let Some((_, query)) = before_fragment.split_once('?') else { return Vec::new() };
    let decode = naming::percent_decode;
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// Match an example URL against the endpoint's templates.
///
/// The match runs on the example's normalised path (each segment decoded and
/// re-encoded the way the emitted code encodes), so `%24value` and `$value`,
/// or `%27` and `'`, are the same path. A binding is only returned when the
/// template's function, called with the bound arguments, builds exactly that
/// normalised path (ASCII case aside) — the assertion of the generated test.
pub fn bind(ep: &Endpoint, url: &str) -> Option<Binding> {
    let expected_path = normalise_example_path(&url_path(url));
    for t in &ep.paths {
        let Some((args, placeholders)) = bind_path(t, &expected_path) else { continue };
        return Some(Binding {
            endpoint: ep.name.clone(),
            template: t.template.clone(),
            fn_name: t.fn_name.clone(),
            args,
            order: t.params.clone(),
            expected_path,
            placeholders,
            query: url_query(url),
        });
    }
    None
}

/// Whether an example URL binds to the template `t` (as [`bind`] decides).
pub(super) fn fits(t: &PathTemplate, url: &str) -> bool {
    bind_path(t, &normalise_example_path(&url_path(url))).is_some()
}

/// The arguments of `t` that build exactly `expected_path` (a normalised
/// example path), and whether one of them is a placeholder left in it.
fn bind_path(t: &PathTemplate, expected_path: &str) -> Option<(Args, bool)> {
    let mut spans = Vec::new();
    if !match_template(&t.pieces, expected_path, 0, &mut spans, &mut 0) {
        return None;
    }
    let caps: Vec<&str> = spans.iter().map(|&(a, b)| expected_path.get(a..b).unwrap_or("")).collect();
    let mut args = Args::with_capacity(t.params.len());
    let mut placeholders = false;
    for (i, name) in t.params.iter().enumerate() {
        let v = naming::percent_decode(caps.get(i).copied().unwrap_or(""));
        // Quotes stay part of the value: where the template quotes a
        // parameter (`f(x='{x}')`) they are outside the capture, and where
        // it does not (`f(x={x})`), dropping them would make the function
        // build another URL than the example's.
        if (v.starts_with('{') && v.ends_with('}')) || (v.starts_with('<') && v.ends_with('>')) {
            placeholders = true;
        }
        args.insert(name.clone(), v);
    }
    // Faithfulness: what the function builds must be the example's path.
    built_path(t, &args).eq_ignore_ascii_case(expected_path).then_some((args, placeholders))
}

/// The path the emitted function of `t` builds from `args`: literals as
/// written, parameters percent-encoded (see `emit::endpoints`).
fn built_path(t: &PathTemplate, args: &Args) -> String {
    let mut out = String::new();
    for piece in &t.pieces {
        match piece {
            PathPiece::Lit(l) => out.push_str(l),
            PathPiece::Param { index, keep_slash } => {
                let v = t.params.get(*index).and_then(|name| args.get(name)).map(String::as_str).unwrap_or("");
                out.push_str(&naming::encode_param(v, *keep_slash));
            }
        }
    }
    // The example path is compared without a trailing slash.
    match out.strip_suffix('/') {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => out,
    }
}

/// Match `path` against template pieces from `pos`: literals compare
/// ASCII-case-insensitively, a parameter takes the shortest run that lets
/// the rest match (one segment, or several for path-like parameters), and a
/// trailing slash is allowed. Pushes each parameter's byte span. `budget`
/// bounds the backtracking steps, so a hostile URL cannot make this slow.
fn match_template(pieces: &[PathPiece], path: &str, pos: usize, spans: &mut Vec<(usize, usize)>, budget: &mut usize) -> bool {
    *budget += 1;
    if *budget > 100_000 {
        return false;
    }
    let rest = path.get(pos..).unwrap_or("");
    let Some((piece, more)) = pieces.split_first() else {
        return rest.is_empty() || rest == "/";
    };
    match piece {
        PathPiece::Lit(l) => {
            let n = l.len();
            let head = rest.get(..n);
            head.is_some_and(|h| h.eq_ignore_ascii_case(l)) && match_template(more, path, pos + n, spans, budget)
        }
        PathPiece::Param { keep_slash, .. } => {
            // Grow the run one character at a time (at least one character).
            let mut end = 0;
            for c in rest.chars() {
                if c == '/' && !keep_slash {
                    break;
                }
                end += c.len_utf8();
                spans.push((pos, pos + end));
                if match_template(more, path, pos + end, spans, budget) {
                    return true;
                }
                spans.pop();
                if *budget > 100_000 {
                    return false;
                }
            }
            false
        }
    }
}

/// Re-encode every segment of an example path the way the emitted code does.
pub fn normalise_example_path(path: &str) -> String {
    let p = path.strip_suffix('/').filter(|s| !s.is_empty()).unwrap_or(path);
    let mut out = String::with_capacity(p.len());
    for (i, seg) in p.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        // A segment of kept characters only (no `%` among them) encodes as itself.
        if seg.bytes().all(naming::keep_in_segment) {
            out.push_str(seg);
        } else {
            out.push_str(&naming::encode_param(&naming::percent_decode(seg), false));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(templates: &[&str]) -> Endpoint {
        Endpoint {
            version: "v1.0".into(),
            page: "v1.0/api/x.md".into(),
            name: "x".into(),
            module: "m".into(),
            title: "x".into(),
            description: None,
            method: "GET".into(),
            paths: templates.iter().map(|t| PathTemplate { fn_name: "x".into(), ..super::super::template::path_template(t, false, 1) }).collect(),
            line: 1,
            ..Endpoint::default()
        }
    }

    #[test]
    fn binding_is_on_the_normalised_path_and_faithful() {
        let ep = endpoint(&["/a/{id}/$value", "/x/{a}20", "/f(q='{q}')"]);
        // `%24value` is `$value`; the argument is decoded, the path re-encoded.
        let b = bind(&ep, "https://graph.microsoft.com/v1.0/a/k%2F1/%24value").expect("binds");
        assert_eq!(b.args.values().collect::<Vec<_>>(), ["k/1"]);
        assert_eq!(b.expected_path, "/a/k%2F1/$value");
        let b = bind(&ep, "/f(q='two words')").expect("binds");
        assert_eq!(b.args.values().collect::<Vec<_>>(), ["two words"]);
        assert_eq!(b.expected_path, "/f(q='two%20words')");
        // A split that matches but from which the function would build
        // another path (`b%` re-encodes as `b%25`) is no binding.
        assert!(bind(&ep, "/x/b%20").is_none());
        // Placeholders bind and are flagged.
        assert!(bind(&ep, "/a/{item-id}/$value").expect("binds").placeholders);
    }

    #[test]
    fn unbound_reasons_name_the_difference() {
        let reason = |templates: &[&str], url: &str| {
            let ep = endpoint(templates);
            assert!(bind(&ep, url).is_none(), "{url} binds");
            unbound_reason(url, &[&ep])
        };
        assert_eq!(reason(&["/users/{id}/x"], "https://example.com/up/1"), "unbound_url_other_host");
        assert_eq!(reason(&["/users/{id}/x"], "/me/x"), "unbound_url_me_alias");
        assert_eq!(reason(&["/me/y", "/users/{id}/x"], "/me/x"), "unbound_url_me_alias");
        assert_eq!(reason(&["/me/drive/items/{id}/w/f(n=n)"], "/drive/root/w/f(n=2)"), "unbound_url_drive_root_alias");
        assert_eq!(reason(&["/me/m/{id}/a"], "/me/m('k1')/a"), "unbound_url_key_in_parentheses");
        assert_eq!(reason(&["/r/f"], "/r/f(on='x')"), "unbound_url_function_arguments");
        assert_eq!(reason(&["/r/f(on='value')"], "/r/f(on='x')"), "unbound_url_function_arguments");
        assert_eq!(reason(&["/r/{id}"], "/r/1/content"), "unbound_url_extra_segments");
        assert_eq!(reason(&["/r/{id}/$ref"], "/r/1"), "unbound_url_missing_segments");
        assert_eq!(reason(&["/ext/conn/{id}"], "/conn/c1"), "unbound_url_other_root");
        assert_eq!(reason(&["/r/42/s"], "/r/7/s"), "unbound_url_template_literal");
        assert_eq!(reason(&["/r/id/s"], "/r/{r-id}/s"), "unbound_url_template_literal");
        assert_eq!(reason(&["/widgets/{id}"], "/gadgets/1"), "unbound_url");
    }

    #[test]
    fn binding_keeps_quotes_the_template_lacks() {
        let ep = endpoint(&["/r/f(id={id})", "/r/g(id='{key}')"]);
        let b = bind(&ep, "https://graph.microsoft.com/v1.0/r/f(id='a1')").expect("binds");
        assert_eq!(b.args.values().collect::<Vec<_>>(), ["'a1'"]);
        let b = bind(&ep, "https://graph.microsoft.com/v1.0/r/g(id='a1')").expect("binds");
        assert_eq!(b.args.values().collect::<Vec<_>>(), ["a1"]);
    }

    #[test]
    fn template_matching() {
        let m = |template: &str, path: &str, path_like: bool| {
            let t: Vec<PathPiece> = slash_free_pieces(template)
                .into_iter()
                .map(|p| match p {
                    PathPiece::Param { index, .. } => PathPiece::Param { index, keep_slash: path_like },
                    lit => lit,
                })
                .collect();
            let mut spans = Vec::new();
            match_template(&t, path, 0, &mut spans, &mut 0).then(|| spans.iter().map(|&(a, b)| path[a..b].to_string()).collect::<Vec<_>>())
        };
        assert_eq!(m("/a/{id}/b/{id}", "/A/x1/b/y/", false), Some(vec!["x1".into(), "y".into()]));
        assert_eq!(m("/a/{id}", "/a/", false), None);
        assert_eq!(m("/a/{id}", "/a/x/y", false), None);
        assert_eq!(m("/root:/{path}:/content", "/root:/d/e.txt:/content", true), Some(vec!["d/e.txt".into()]));
        assert_eq!(m("/f(key='{k}')", "/f(key='v')", false), Some(vec!["v".into()]));
        // Hostile input stays bounded.
        let long = format!("/{}", "a:".repeat(20_000));
        assert_eq!(m("/{a}:{b}:{c}:{d}:x", &long, true), None);
    }

    #[test]
    fn url_paths() {
        assert_eq!(url_path("https://graph.microsoft.com/v1.0/me/x?$top=1"), "/me/x");
        assert_eq!(url_path("https://graph.microsoft.com/beta/a/{id}"), "/a/{id}");
        assert_eq!(url_path("/betamax/x"), "/betamax/x");
        assert_eq!(url_path("https://graph.microsoft.com/v1/me"), "/me");
        assert_eq!(url_path("/v1x/me"), "/v1x/me");
        // A multi-byte character where the version prefix would end.
        assert_eq!(url_path("https://h/v1.é/x"), "/v1.é/x");
        assert_eq!(url_path("/betä"), "/betä");
    }
}
