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
        let lines: Vec<_> = page.request_lines.iter().filter(|r| r.method == *method).collect();
        // The first non-deprecated path carries the endpoint's own name.
        let primary = lines.iter().position(|r| !r.deprecated).unwrap_or(0);
        let mut seen_templates = BTreeSet::new();
        let templates: Vec<&str> = lines.iter().map(|r| r.path.as_str()).collect();
        // Each distinct template once: its index among the lines, and its
        // path (the vectors sized exactly: the paths stay in the model).
        let distinct: Vec<bool> = templates.iter().map(|t| seen_templates.insert(*t)).collect();
        let n = distinct.iter().filter(|d| **d).count();
        let (mut kept, mut paths) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for (i, rl) in lines.iter().enumerate().filter(|(i, _)| distinct.get(*i) == Some(&true)) {
            kept.push(i);
            paths.push(super::template::path_template_in(&rl.path, rl.deprecated, rl.line, strings));
        }
        let mut keys = alias_keys(&templates, primary);
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
                line: lines.first().map_or(1, |l| l.line),
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
        diags.push(Diagnostic::new("W052", &page.path, 1, 1, "no success status found in the Response section"));
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
