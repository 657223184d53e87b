//! The endpoints of one page: one per method, with its path templates in
//! page order, and the wanted names of the endpoint and of each path's
//! function (an alias path is named by the words that tell it apart).

use super::lower::{page_stem, UnnamedEndpoint};
use super::naming;
use super::*;
use crate::parse::RawPage;
use std::collections::BTreeSet;

/// Module (area) of a page.
pub fn module_of(area: Option<&str>) -> String {
    match area {
        Some(a) => naming::module(a),
        None => "misc".to_string(),
    }
}

/// The page's endpoints; `description` is the page's, taken out of it (the
/// last endpoint keeps it, the others a copy).
pub(super) fn lower_endpoints(
    page: &RawPage,
    path: &super::Shared,
    mut description: Option<String>,
    diags: &mut Vec<Diagnostic>,
    strings: &mut crate::parse::facts::Interner,
) -> Vec<UnnamedEndpoint> {
    let mut methods: Vec<&str> = Vec::new();
    for rl in &page.request_lines {
        if !methods.contains(&rl.method.as_str()) {
            methods.push(&rl.method);
        }
    }
    let module = module_of(page.area.as_deref());
    let stem = long_snake(page_stem(&page.path));
    let mut out = Vec::with_capacity(methods.len());
    for (m, method) in methods.iter().enumerate() {
        let base = if methods.len() == 1 { stem.clone() } else { format!("{stem}_{}", method.to_ascii_lowercase()) };
        let name = shorten(base);
        let lines = call_forms(
            page,
            method,
            page.request_lines.iter().filter(|r| r.method == *method).map(|r| (r.path.as_str().into(), r.deprecated, r.line, false)).collect(),
        );
        // The first non-deprecated path carries the endpoint's own name.
        let primary = lines.iter().position(|r| !r.1).unwrap_or(0);
        let mut seen_templates = BTreeSet::new();
        let templates: Vec<&str> = lines.iter().map(|r| r.0.as_ref()).collect();
        // Each distinct template once: its index among the lines, and its
        // path (the vectors sized exactly: the paths stay in the model).
        let distinct: Vec<bool> = templates.iter().map(|t| seen_templates.insert(*t)).collect();
        let n = distinct.iter().filter(|d| **d).count();
        let (mut kept, mut paths) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for (i, (path, deprecated, line, _)) in lines.iter().enumerate().filter(|(i, _)| distinct.get(*i) == Some(&true)) {
            kept.push(i);
            paths.push(super::template::path_template_in(path, *deprecated, *line, strings));
        }
        let mut keys = line_keys(&lines, primary);
        // The paths are listed by line (request lines come in page order);
        // function names are handed out primary first, so aliases never take
        // its name.
        let mut naming: Vec<(usize, Option<String>)> = Vec::with_capacity(paths.len());
        let mut order: Vec<usize> = (0..paths.len()).collect();
        order.sort_by_key(|&n| kept.get(n) != Some(&primary));
        for n in order {
            let i = kept.get(n).copied().unwrap_or(primary);
            naming.push((n, keys.get_mut(i).and_then(Option::take).filter(|_| i != primary)));
        }
        out.push(UnnamedEndpoint {
            naming,
            op: None,
            endpoint: Endpoint {
                version: page.version.clone(),
                page: path.clone(),
                name,
                module: module.clone(),
                title: page.title.clone().unwrap_or_else(|| page_stem(&page.path).to_string()),
                description: if m + 1 == methods.len() { description.take() } else { description.clone() },
                method: method.to_string(),
                line: lines.first().map_or(1, |l| l.2),
                paths,
                permissions: None,
                success_status: page.success_status,
                request_body_type: None,
                response_type: None,
                permission_sources: Vec::new(),
                unattached_permissions: Vec::new(),
                request_body: Default::default(),
                response: None,
                query_options: Vec::new(),
                query_parameters: Vec::new(),
                headers: Vec::new(),
                examples: Vec::new(),
            },
        });
    }
    if !methods.is_empty() && page.success_status.is_none() {
        if let Some(status) = examples_success_status(page) {
            for e in &mut out {
                e.endpoint.success_status = Some(status);
            }
        } else {
            diags.push(Diagnostic::new(
                "W052",
                &page.path,
                1,
                1,
                "no success status: the Response section names none, and the response examples agree on none",
            ));
        }
    }
    out
}

/// The success status the page's response examples show when its prose
/// names none: the one 2xx status they all agree on (error examples aside);
/// `None` when they show none or several.
fn examples_success_status(page: &RawPage) -> Option<u16> {
    let mut statuses =
        page.examples.iter().filter(|x| x.block_type == crate::parse::BlockType::Response).filter_map(|x| x.status).filter(|s| (200..300).contains(s));
    let first = statuses.next()?;
    statuses.all(|s| s == first).then_some(first)
}

/// A request line: its path, whether it is deprecated, its line, and
/// whether it is a call form added after the line before it
/// ([`call_forms`]).
type Line<'a> = (std::borrow::Cow<'a, str>, bool, u32, bool);

/// The alias keys of an endpoint's lines ([`alias_keys`]): the page's own
/// lines keep the keys they have without the added call forms, and an
/// added form is named by its line's key and its arguments
/// (`with_values_only`, `me_with_values_only`).
fn line_keys(lines: &[Line], primary: usize) -> Vec<Option<String>> {
    if !lines.iter().any(|l| l.3) {
        let templates: Vec<&str> = lines.iter().map(|r| r.0.as_ref()).collect();
        return alias_keys(&templates, primary);
    }
    let own: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].3).collect();
    let templates: Vec<&str> = own.iter().map(|&i| lines[i].0.as_ref()).collect();
    let own_primary = own.iter().position(|&i| i == primary).unwrap_or(0);
    let mut own_keys = alias_keys(&templates, own_primary).into_iter();
    let mut out: Vec<Option<String>> = Vec::with_capacity(lines.len());
    for (path, _, _, added) in lines {
        if !added {
            out.push(own_keys.next().flatten());
            continue;
        }
        let args = path.rsplit('/').next().and_then(|l| l.split_once('(')).map_or("", |(_, a)| a);
        let words: Vec<String> = args.split(',').filter_map(|a| a.split_once('=')).map(|(k, _)| naming::snake(k.trim())).collect();
        let base = out.last().cloned().flatten();
        out.push(Some(match base {
            Some(k) => format!("{k}_with_{}", words.join("_")),
            None => format!("with_{}", words.join("_")),
        }));
    }
    out
}

/// Function arguments the request lines leave out. A GET line that names a
/// function with no arguments (`/x/f`, `/x/f()`) or literal ones
/// (`/x/f(on='value')`), while a request example of the page calls it with
/// arguments (`/x/f(on='mine')`) that the page's tables document (or the
/// line names), gets them as parameters: `/x/f(on='{on}')`, quoted as the
/// example quotes them, on every line of the endpoint that names the same
/// function with no arguments or literal ones of the same names. The call
/// form replaces such a line, except a line with no arguments when the
/// tables call every argument optional: the form is added after it then
/// (both calls work).
fn call_forms<'a>(page: &RawPage, method: &str, lines: Vec<Line<'a>>) -> Vec<Line<'a>> {
    // Cheap test first: most pages call no function with arguments.
    let calls = |e: &&crate::parse::RawExample| {
        e.block_type == crate::parse::BlockType::Request
            && e.method.as_deref().is_some_and(|m| m.eq_ignore_ascii_case(method))
            && e.url.as_deref().is_some_and(|u| {
                u.contains('(') && u.split(['?', '#']).next().and_then(|p| p.rsplit('/').next()).is_some_and(|l| l.contains('=') && l.contains('('))
            })
    };
    if method != "GET" || !page.examples.iter().any(|e| calls(&e)) {
        return lines;
    }
    let documented = documented_names(page);
    // (function name, argument names, argument list with placeholders,
    // every argument optional)
    let mut forms: Vec<(String, Vec<String>, String, bool)> = Vec::new();
    for (path, _, _, _) in &lines {
        let Some((prefix, fname, literal)) = bare_call(path) else { continue };
        if forms.iter().any(|f| f.0.eq_ignore_ascii_case(fname)) {
            continue;
        }
        for ex in page.examples.iter().filter(calls) {
            let url = ex.url.as_deref().unwrap_or_default();
            let ex_path = super::binding::url_path(url);
            let Some(args) = ex_path.rsplit('/').next().and_then(|l| call_args(l, fname)) else { continue };
            let doc = |k: &str| documented.iter().find(|(n, _)| n.eq_ignore_ascii_case(k)).map(|(_, r)| *r);
            let named = |k: &str| literal.iter().any(|n| n.eq_ignore_ascii_case(k));
            if !args.iter().all(|(k, _)| doc(k).is_some() || named(k)) || (!literal.is_empty() && literal.len() != args.len()) {
                continue;
            }
            let list: Vec<String> = args.iter().map(|(k, quoted)| if *quoted { format!("{k}='{{{k}}}'") } else { format!("{k}={{{k}}}") }).collect();
            let list = list.join(",");
            let candidate = super::template::path_template(&format!("{prefix}/{fname}({list})"), false, 0);
            if !super::binding::fits(&candidate, url) {
                continue;
            }
            let optional = args.iter().all(|(k, _)| doc(k) == Some(Some(false)));
            forms.push((fname.to_string(), args.into_iter().map(|(k, _)| k).collect(), list, optional));
            break;
        }
    }
    if forms.is_empty() {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len() + forms.len());
    for (path, deprecated, line, _) in lines {
        let same = |a: &[&str], b: &[String]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y));
        let form = bare_call(&path).and_then(|(prefix, fname, literal)| {
            let f = forms.iter().find(|f| f.0.eq_ignore_ascii_case(fname) && (literal.is_empty() || same(&literal, &f.1)))?;
            Some((format!("{prefix}/{fname}({})", f.2), !literal.is_empty() || !f.3))
        });
        match form {
            Some((call, true)) => out.push((call.into(), deprecated, line, false)),
            Some((call, false)) => {
                out.push((path, deprecated, line, false));
                out.push((call.into(), deprecated, line, true));
            }
            None => out.push((path, deprecated, line, false)),
        }
    }
    out
}

/// A path whose last segment calls a function without parameters: the
/// path before it, the function's name, and the names of literal
/// arguments (`f(on='value')`; none for `f` and `f()`).
fn bare_call(path: &str) -> Option<(&str, &str, Vec<&str>)> {
    let (prefix, last) = path.rsplit_once('/')?;
    if last.contains(['{', '$', ':']) {
        return None;
    }
    let (fname, args) = match last.split_once('(') {
        Some((f, a)) => (f, a.strip_suffix(')')?),
        None => (last, ""),
    };
    if fname.is_empty() || !fname.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
        return None;
    }
    let literal: Option<Vec<&str>> = args.split(',').filter(|a| !a.trim().is_empty()).map(|a| a.split_once('=').map(|(k, _)| k.trim())).collect();
    Some((prefix, fname, literal?))
}

/// The arguments of an example's last segment when it calls `fname`:
/// (name, quoted), in order. `None` when a value is not a plain literal.
fn call_args(last: &str, fname: &str) -> Option<Vec<(String, bool)>> {
    let (f, rest) = last.split_once('(')?;
    if !f.eq_ignore_ascii_case(fname) {
        return None;
    }
    let inner = rest.strip_suffix(')')?;
    let mut out: Vec<(String, bool)> = Vec::new();
    for arg in inner.split(',') {
        let (k, v) = arg.split_once('=')?;
        let (k, v) = (k.trim(), v.trim());
        let plain = !v.is_empty() && !v.contains(['(', ')', '[', ']', '/', '{', '}', '<', '>']);
        if !super::operations::is_param_name(k) || !plain || out.iter().any(|(n, _)| n.eq_ignore_ascii_case(k)) {
            return None;
        }
        out.push((k.to_string(), v.starts_with('\'')));
    }
    (!out.is_empty()).then_some(out)
}

/// The names the page's parameter tables list (any section), each with
/// whether its row says it is required.
fn documented_names(page: &RawPage) -> Vec<(String, Option<bool>)> {
    use super::operations::{clean_name, column, required_column, row_required};
    let mut out = Vec::new();
    for t in page.sections.sections.iter().flat_map(|s| s.tables.iter()) {
        let Some(name_col) = column(&t.header, &["parameter", "name", "property", "properties", "key", "field", "attribute", "member"]) else { continue };
        let required = required_column(&t.header);
        for row in &t.rows {
            let Some(cell) = row.cells.get(name_col) else { continue };
            out.push((clean_name(&cell.text), row_required(required, &row.cells)));
        }
    }
    out
}

/// Longest endpoint or function name before [`shorten`] cuts it: short
/// enough that the emitted constant (its SCREAMING form) and a `_N`
/// suffix stay under the sanitiser's identifier limit.
const NAME_MAX: usize = 72;

/// `snake` of a text without the sanitiser's length cut: each `-`/`_`
/// separated word is converted on its own.
fn long_snake(s: &str) -> String {
    let words: Vec<String> = s.split(['-', '_', '.', ' ']).filter(|w| !w.is_empty()).map(naming::snake).collect();
    if words.is_empty() {
        naming::snake(s)
    } else {
        words.join("_")
    }
}

/// Cut a name longer than [`NAME_MAX`] to a readable prefix plus a hash of
/// the whole name, so the result still depends only on the name itself
/// (never on which other names exist) and stays unique. A name short
/// enough is returned as it is.
pub fn shorten(name: String) -> String {
    if name.len() <= NAME_MAX {
        return name;
    }
    // FNV-1a, 32 bits: stable across Rust versions and platforms.
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    let keep = NAME_MAX - 9;
    let prefix = name.get(..keep).unwrap_or(&name).trim_end_matches('_');
    format!("{prefix}_{h:08x}")
}

/// The literal words of a template, one per segment: parameters left out,
/// function arguments and the `microsoft.graph.` namespace of casts dropped.
/// `/users/{id}/mailFolders/{id}/messages` → `[users, mail_folders, messages]`.
fn literal_words(template: &str) -> Vec<String> {
    template
        .split('/')
        .map(|seg| {
            let seg = seg.split('(').next().unwrap_or(seg);
            let seg = seg.strip_prefix("microsoft.graph.").unwrap_or(seg);
            seg.trim_end_matches(':')
        })
        .filter(|seg| !seg.is_empty() && !seg.starts_with('{'))
        .map(|seg| naming::snake(seg.split('{').next().unwrap_or(seg)))
        .collect()
}

/// The part of each alias's name that tells it from the endpoint's other
/// paths (`None` for the primary path): the literal words before the tail
/// that all paths share, e.g. `me` and `users_calendar` for
/// `/me/events/{id}/attachments` and `/users/{id}/calendar/events/{id}/attachments`.
/// Falls back to all literal words, then to a position among the
/// endpoint's sorted templates. A key depends only on the page's own paths.
pub fn alias_keys(templates: &[&str], primary: usize) -> Vec<Option<String>> {
    // Most endpoints have one path: it is the primary and needs no key.
    if templates.len() == 1 && primary == 0 {
        return vec![None];
    }
    let words: Vec<Vec<String>> = templates.iter().map(|t| literal_words(t)).collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let mut common = 0;
    // Indexing is bounded: the loop runs only while `common < shortest`, so
    // `words` is non-empty and every `ws.len() - 1 - common` is in range;
    // `keys[i]` below has `i < templates.len() == keys.len()`.
    while common < shortest {
        let w = &words[0][words[0].len() - 1 - common];
        if words.iter().all(|ws| &ws[ws.len() - 1 - common] == w) {
            common += 1;
        } else {
            break;
        }
    }
    let short: Vec<String> = words.iter().map(|ws| ws[..ws.len() - common].join("_")).collect();
    let full: Vec<String> = words.iter().map(|ws| ws.join("_")).collect();
    (0..templates.len())
        .map(|i| {
            if i == primary {
                return None;
            }
            let clash = |keys: &[String]| keys[i].is_empty() || (0..templates.len()).any(|j| j != i && keys[j] == keys[i] && templates[j] != templates[i]);
            if !clash(&short) {
                Some(short[i].clone())
            } else if !clash(&full) {
                Some(full[i].clone())
            } else {
                // Position among the templates with the same words, sorted.
                let group: BTreeSet<&str> = (0..templates.len()).filter(|&j| full[j] == full[i]).map(|j| templates[j]).collect();
                let pos = group.iter().position(|t| *t == templates[i]).unwrap_or(0) + 1;
                let base = if full[i].is_empty() { "root".to_string() } else { full[i].clone() };
                Some(format!("{base}_{pos}"))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_stably() {
        let a = format!("{}_get", "x".repeat(90));
        let b = format!("{}_update", "x".repeat(90));
        let (sa, sb) = (shorten(a.clone()), shorten(b.clone()));
        assert!(sa.len() <= NAME_MAX && sb.len() <= NAME_MAX);
        assert_ne!(sa, sb);
        assert_eq!(sa, shorten(a));
        assert_eq!(shorten("short_name".to_string()), "short_name");
        // The constant of a cut name is not cut again.
        assert_eq!(naming::screaming(&sa).to_ascii_lowercase(), sa);
        assert_eq!(long_snake("intune-deviceConfig-x"), "intune_device_config_x");
    }

    #[test]
    fn alias_naming() {
        let t = ["/me/events/{id}/attachments", "/users/{id | userPrincipalName}/events/{id}/attachments", "/users/{id}/calendar/events/{id}/attachments"];
        let k = alias_keys(&t, 0);
        assert_eq!(k, [None, Some("users".to_string()), Some("users_calendar".to_string())]);
        // Paths that differ only in parameters fall back to a position.
        let t = ["/a/f(x={x})", "/a/f(y={y})", "/a/f(z={z})"];
        let k = alias_keys(&t, 0);
        assert_eq!(k, [None, Some("a_f_2".to_string()), Some("a_f_3".to_string())]);
        let t = ["/me/x/{id}", "/me/x/{id}/$value"];
        assert_eq!(alias_keys(&t, 0)[1].as_deref(), Some("me_x_value"));
        // Casts lose their namespace.
        let t = ["/items", "/things/microsoft.graph.widget/items"];
        assert_eq!(alias_keys(&t, 0)[1].as_deref(), Some("things_widget"));
        // The key of a path does not depend on the order of the others.
        let a = alias_keys(&["/me/x", "/users/{id}/x", "/groups/{id}/x"], 0);
        let b = alias_keys(&["/me/x", "/groups/{id}/x", "/users/{id}/x"], 0);
        assert_eq!(a[1], b[2]);
    }
}
