//! Lowering: raw pages → the one [`Api`] value. Names are assigned here,
//! examples are bound to endpoints, types are inferred, and everything is
//! sorted so the result never depends on the order pages were parsed in.
//!
//! The steps, in order: [`lower_page`] lowers one page on its own
//! ([`LoweredPage`], its names still the wanted ones); [`lower_pages`] does
//! every page and lowers the types the resource pages define
//! ([`LoweredPages`]); [`assign_names`] hands out the names unique across
//! pages ([`NamedApi`]); [`NamedApi::lower_types_and_check`] adds the types
//! and checks the examples against them, giving the [`Api`].

use super::naming::{self, Unique};
use super::*;
use crate::parse::json::Json;
use crate::parse::{BlockType, JsonStatus, RawExample, RawPage};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Build the model from parsed pages (in any order).
///
/// Each page is lowered on its own, in parallel; only the names that must be
/// unique across pages (endpoint, function and test names) are then handed
/// out in one sequential pass in page order, so the result is the same on any
/// number of threads.
pub fn lower(docs: &str, pages: Vec<RawPage>) -> Api {
    assemble(docs, lower_pages(pages, |p| &p.path, lower_page))
}

/// Lower one page on its own: everything but the names that must be unique
/// across pages and the types' cross-references. The page is freed here, so
/// a caller that parses and lowers each page in one go (as a full run does)
/// reuses its memory at once.
pub fn lower_page(mut page: RawPage) -> LoweredPage {
    lower_page_in_place(&mut page)
}

/// Build the model from pages lowered on their own (in any order): assign
/// the names, lower the types, check the examples against them.
pub fn assemble(docs: &str, lowered: LoweredPages) -> Api {
    assign_names(docs, lowered).lower_types_and_check()
}

/// Every page lowered on its own, and the types the resource pages define
/// lowered.
pub struct LoweredPages {
    pages: Vec<LoweredPage>,
    defined: super::types::DefinedTypes,
    type_diags: Vec<Diagnostic>,
}

/// Lower every page with `lower_one` (which parses it, say, then calls
/// [`lower_page`]), in parallel. Only resource pages define types, and their
/// types need nothing from the other pages: the resource pages are lowered
/// as one group and their types lowered as soon as they are, beside the
/// lowering of the other pages.
pub fn lower_pages<S: Send>(sources: Vec<S>, path: impl Fn(&S) -> &str, lower_one: impl Fn(S) -> LoweredPage + Sync + Send) -> LoweredPages {
    let (resources, rest): (Vec<S>, Vec<S>) = sources.into_iter().partition(|s| crate::parse::kind_and_version(path(s)).0 == PageKind::Resource);
    let ((mut pages, defined, type_diags), rest) = rayon::join(
        || {
            let mut pages: Vec<LoweredPage> = resources.into_par_iter().map(&lower_one).collect();
            // In page order: where two pages define a type, the first wins.
            let described: Vec<super::types::PageType> = pages.iter_mut().flat_map(|d| std::mem::take(&mut d.types)).collect();
            let mut type_diags = Vec::new();
            let defined = super::types::defined_types(described, &mut type_diags);
            (pages, defined, type_diags)
        },
        || rest.into_par_iter().map(&lower_one).collect::<Vec<LoweredPage>>(),
    );
    // Only a resource page's parse collects a resource, and only a resource
    // is lowered into types.
    debug_assert!(rest.iter().all(|d| d.types.is_empty()));
    pages.extend(rest);
    LoweredPages { pages, defined, type_diags }
}

/// The model with every name assigned, its endpoints final, and its types
/// not lowered yet: [`NamedApi::lower_types_and_check`] (or
/// [`NamedApi::lower_types`]) makes the [`Api`].
pub struct NamedApi {
    api: Api,
    defined: super::types::DefinedTypes,
}

/// Assign the names of pages lowered on their own (in any order), resolve
/// their operations' type names, and move their parts into the model.
pub fn assign_names(docs: &str, lowered: LoweredPages) -> NamedApi {
    let LoweredPages { mut pages, defined, type_diags } = lowered;
    pages.sort_by(|a, b| a.info.path.cmp(&b.info.path));
    let mut api = Api { schema: SCHEMA, docs: docs.to_string(), ..Api::default() };
    // Names are unique per version, so each version's pages (contiguous, as
    // paths start with the version folder) are named on their own, in
    // parallel and in place; their parts then move into the model.
    let mut groups: Vec<&mut [LoweredPage]> = Vec::new();
    let mut rest: &mut [LoweredPage] = &mut pages;
    while !rest.is_empty() {
        let n = rest.iter().take_while(|d| d.version == rest[0].version).count();
        let (group, tail) = std::mem::take(&mut rest).split_at_mut(n);
        groups.push(group);
        rest = tail;
    }
    groups.into_par_iter().for_each(assign_version_names);
    pages.par_iter_mut().for_each(|d| {
        let look = defined.lookup(&d.version);
        for e in &mut d.endpoints {
            if let Some(op) = e.op.take() {
                super::operations::resolve(op, &mut e.endpoint, &look, &mut d.diagnostics);
            }
        }
    });
    move_parts(pages, &mut api);
    api.diagnostics.extend(type_diags);
    NamedApi { api, defined }
}

/// Move the lowered pages' parts into the model, the four side by side.
fn move_parts(lowered: Vec<LoweredPage>, api: &mut Api) {
    let mut pages = Vec::with_capacity(lowered.len());
    let mut endpoints: Vec<Vec<UnnamedEndpoint>> = Vec::with_capacity(lowered.len());
    let mut examples = Vec::with_capacity(lowered.len());
    let mut diagnostics = Vec::with_capacity(lowered.len());
    for d in lowered {
        pages.push(d.info);
        endpoints.push(d.endpoints);
        examples.push(d.examples);
        diagnostics.push(d.diagnostics);
    }
    fn flat<T>(parts: Vec<Vec<T>>) -> Vec<T> {
        let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for p in parts {
            out.extend(p);
        }
        out
    }
    let Api { pages: api_pages, endpoints: api_endpoints, examples: api_examples, diagnostics: api_diagnostics, .. } = api;
    rayon::join(
        || {
            rayon::join(
                || *api_pages = pages,
                || {
                    let mut all = Vec::with_capacity(endpoints.iter().map(Vec::len).sum());
                    all.extend(endpoints.into_iter().flatten().map(|e| e.endpoint));
                    *api_endpoints = all;
                },
            )
        },
        || rayon::join(|| *api_examples = flat(examples), || *api_diagnostics = flat(diagnostics)),
    );
}

impl NamedApi {
    /// Lower the types and check the examples against them.
    pub fn lower_types_and_check(self) -> Api {
        with_types(self.api, self.defined, true)
    }

    /// Lower the types but leave the examples unchecked (their outcomes as
    /// lowered, no type-check diagnostics): enough to compare two models,
    /// which reads the examples' ids only.
    pub fn lower_types(self) -> Api {
        with_types(self.api, self.defined, false)
    }
}

/// The model with its types (those the pages define and those only the
/// examples show), the examples checked against them if `check_examples`,
/// and its diagnostics in order.
fn with_types(mut api: Api, defined: super::types::DefinedTypes, check_examples: bool) -> Api {
    let typed = super::types::merge_inferred_types(defined, &api.examples);
    api.types = typed.types;
    for p in &mut api.pages {
        if p.kind == PageKind::Resource && typed.pages_with_types.contains(&p.path) {
            p.outcome = Outcome::Parsed;
            p.reason = None;
        }
    }
    if check_examples {
        super::types::bind_examples(&mut api);
    }
    api.diagnostics.sort();
    api.diagnostics.dedup();
    api
}

/// Hand out the names of one version's pages, in page order.
fn assign_version_names(pages: &mut [LoweredPage]) {
    // Endpoint (and function) names and test names are two sequences of
    // their own, handed out side by side; the bindings then point at the
    // assigned names, page by page in parallel.
    let mut endpoints: Vec<&mut Vec<UnnamedEndpoint>> = Vec::with_capacity(pages.len());
    let mut examples: Vec<&mut Vec<Example>> = Vec::with_capacity(pages.len());
    for d in pages.iter_mut() {
        endpoints.push(&mut d.endpoints);
        examples.push(&mut d.examples);
    }
    rayon::join(
        || {
            let mut names = Unique::new();
            let mut fn_names: BTreeMap<String, Unique> = BTreeMap::new();
            for e in endpoints.into_iter().flatten() {
                if !fn_names.contains_key(&e.endpoint.module) {
                    fn_names.insert(e.endpoint.module.clone(), Unique::new());
                }
                if let Some(scope) = fn_names.get_mut(&e.endpoint.module) {
                    e.assign_names(&mut names, scope);
                }
            }
        },
        || {
            let mut test_names = Unique::new();
            for ex in examples.into_iter().flatten() {
                ex.test_name = test_names.name_owned(std::mem::take(&mut ex.test_name));
            }
        },
    );
    pages.par_iter_mut().for_each(|d| {
        for ex in &mut d.examples {
            // The page's endpoints differ by method, and an endpoint's
            // templates are distinct.
            if let Some(b) = ex.binding.as_mut() {
                let method = ex.http.as_ref().and_then(|h| h.method.as_deref()).unwrap_or("");
                let found = d
                    .endpoints
                    .iter()
                    .map(|e| &e.endpoint)
                    .filter(|e| e.method == method)
                    .find_map(|e| e.paths.iter().find(|t| t.template == b.template).map(|t| (e.name.clone(), t.fn_name.clone())));
                if let Some((endpoint, fn_name)) = found {
                    b.endpoint = endpoint;
                    b.fn_name = fn_name;
                }
            }
        }
    });
}

/// A page lowered on its own ([`lower_page`]), waiting for [`assign_names`]: every
/// name that must be unique across pages is still its wanted (base) form.
pub struct LoweredPage {
    version: String,
    info: PageInfo,
    diagnostics: Vec<Diagnostic>,
    endpoints: Vec<UnnamedEndpoint>,
    /// `test_name` holds the wanted test name; bindings name the endpoints by their wanted names.
    examples: Vec<Example>,
    /// The types the page describes.
    types: Vec<super::types::PageType>,
}

/// An endpoint whose name (`endpoint.name`, the wanted form) and function
/// names are not assigned yet.
struct UnnamedEndpoint {
    endpoint: Endpoint,
    /// Per path, in the order names are handed out (primary first): its
    /// index in `endpoint.paths` and its alias key.
    naming: Vec<(usize, Option<String>)>,
    /// The operation as the page describes it, its type names not looked up yet.
    op: Option<super::operations::UnresolvedOp>,
}

impl UnnamedEndpoint {
    /// Assign the endpoint's and its functions' names.
    fn assign_names(&mut self, names: &mut Unique, scope: &mut Unique) {
        let ep = &mut self.endpoint;
        ep.name = names.name_owned(std::mem::take(&mut ep.name));
        for (i, key) in std::mem::take(&mut self.naming) {
            let base = match key {
                Some(key) => format!("{}_via_{key}", ep.name),
                None => ep.name.clone(),
            };
            if let Some(p) = ep.paths.get_mut(i) {
                p.fn_name = scope.name(&shorten(&base));
            }
        }
    }
}

fn lower_page_in_place(page: &mut RawPage) -> LoweredPage {
    let mut diagnostics = std::mem::take(&mut page.diagnostics);
    let (outcome, reason) = page_outcome(page);
    let perms = super::permissions::read(page, &mut diagnostics);
    let info = PageInfo {
        path: page.path.clone(),
        kind: page.kind,
        outcome,
        reason,
        version: page.version.clone(),
        area: page.area.clone(),
        title: page.title.clone(),
        permission_tables: perms.tables.len() as u32,
        permission_tables_parsed: perms.parsed,
        request_sections: page.request_sections,
    };
    // A resource page's types are read first, while its examples still
    // hold their JSON (the representation lists inline enum members).
    let types = match page.resource.take() {
        Some(res) => super::types::page_types(page, res, &mut diagnostics),
        None => Vec::new(),
    };
    let mut lowered = LoweredPage { version: page.version.clone(), info, diagnostics, endpoints: Vec::new(), examples: Vec::new(), types };
    // An API page without request lines has no endpoint; resource pages
    // go on (their examples are the types' JSON representations).
    if page.kind == PageKind::Api && outcome != Outcome::Parsed {
        return lowered;
    }
    let mut endpoints = lower_endpoints(page, &mut lowered.diagnostics);
    super::permissions::attach(page, &perms, endpoints.iter_mut().map(|e| &mut e.endpoint), &mut lowered.diagnostics);
    let plain: Vec<&Endpoint> = endpoints.iter().map(|e| &e.endpoint).collect();
    let examples = lower_examples(page, &plain, &mut lowered.diagnostics);
    for e in &mut endpoints {
        let ep = &mut e.endpoint;
        ep.examples = examples.iter().map(|e| e.id.clone()).collect();
        e.op = Some(super::operations::from_page(page, ep, &examples));
        ep.response_type = examples
            .iter()
            .find(|e| e.role == ExampleRole::Response && e.http.as_ref().and_then(|h| h.status).is_some_and(|s| s < 300))
            .and_then(|e| e.odata_type.clone());
    }
    lowered.endpoints = endpoints;
    lowered.examples = examples;
    lowered
}

fn page_outcome(page: &RawPage) -> (Outcome, Option<String>) {
    match page.kind {
        PageKind::Api if page.request_lines.is_empty() => (Outcome::Skipped, Some("no_request_line".into())),
        PageKind::Api => (Outcome::Parsed, None),
        PageKind::Resource => (Outcome::Skipped, Some("describes_no_type".into())),
        PageKind::Other => (Outcome::Skipped, Some("not_an_api_or_resource_page".into())),
    }
}

/// Endpoint name from the page file name: `call-delete.md` → `call_delete`.
fn page_stem(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".md").unwrap_or(file)
}

/// Module (area) of a page.
pub fn module_of(area: Option<&str>) -> String {
    match area {
        Some(a) => naming::module(a),
        None => "misc".to_string(),
    }
}

fn lower_endpoints(page: &RawPage, diags: &mut Vec<Diagnostic>) -> Vec<UnnamedEndpoint> {
    let mut methods: Vec<&str> = Vec::new();
    for rl in &page.request_lines {
        if !methods.contains(&rl.method.as_str()) {
            methods.push(&rl.method);
        }
    }
    let module = module_of(page.area.as_deref());
    let stem = long_snake(page_stem(&page.path));
    let mut out = Vec::with_capacity(methods.len());
    for method in &methods {
        let base = if methods.len() == 1 { stem.clone() } else { format!("{stem}_{}", method.to_ascii_lowercase()) };
        let name = shorten(&base);
        let lines: Vec<_> = page.request_lines.iter().filter(|r| r.method == *method).collect();
        // The first non-deprecated path carries the endpoint's own name.
        let primary = lines.iter().position(|r| !r.deprecated).unwrap_or(0);
        let mut seen_templates = BTreeSet::new();
        let mut paths = Vec::with_capacity(lines.len());
        let templates: Vec<&str> = lines.iter().map(|r| r.path.as_str()).collect();
        let keys = alias_keys(&templates, primary);
        for (i, rl) in lines.iter().enumerate() {
            if !seen_templates.insert(rl.path.clone()) {
                continue;
            }
            let key = keys.get(i).cloned().flatten().filter(|_| i != primary);
            paths.push((i != primary, key, super::template::path_template(&rl.path, rl.deprecated, rl.line)));
        }
        // The paths are listed by line (request lines come in page order);
        // function names are handed out primary first, so aliases never take
        // its name.
        let mut naming: Vec<(usize, Option<String>)> = Vec::with_capacity(paths.len());
        let mut order: Vec<usize> = (0..paths.len()).collect();
        order.sort_by_key(|&n| paths.get(n).is_some_and(|(alias, _, _)| *alias));
        for n in order {
            naming.push((n, paths.get_mut(n).and_then(|(_, key, _)| key.take())));
        }
        let paths: Vec<PathTemplate> = paths.into_iter().map(|(_, _, p)| p).collect();
        out.push(UnnamedEndpoint {
            naming,
            op: None,
            endpoint: Endpoint {
                version: page.version.clone(),
                page: page.path.clone(),
                name,
                module: module.clone(),
                title: page.title.clone().unwrap_or_else(|| page_stem(&page.path).to_string()),
                description: page.description.clone(),
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
/// (never on which other names exist) and stays unique.
pub fn shorten(name: &str) -> String {
    if name.len() <= NAME_MAX {
        return name.to_string();
    }
    // FNV-1a, 32 bits: stable across Rust versions and platforms.
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    let keep = NAME_MAX - 9;
    let prefix = name.get(..keep).unwrap_or(name).trim_end_matches('_');
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

fn role_of(bt: BlockType) -> Option<ExampleRole> {
    match bt {
        BlockType::Request => Some(ExampleRole::Request),
        BlockType::Response => Some(ExampleRole::Response),
        BlockType::Example => Some(ExampleRole::Notification),
        BlockType::Resource => Some(ExampleRole::Notification),
    }
}

fn lower_examples(page: &mut RawPage, endpoints: &[&Endpoint], diags: &mut Vec<Diagnostic>) -> Vec<Example> {
    // The examples' JSON moves into the model (cloning it was a measurable
    // part of a full run); the type lowering reads a type's JSON
    // representation from its example.
    let mut bodies: Vec<Option<Json>> = page.examples.iter_mut().map(|r| r.json.take()).collect();
    let page: &RawPage = page;
    let mut ids = Unique::new();
    let stem = page_stem(&page.path);
    let mut out = Vec::with_capacity(page.examples.len());
    let mut ordinals: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, raw) in page.examples.iter().enumerate() {
        let Some(role) = role_of(raw.block_type) else { continue };
        let kind = match role {
            _ if raw.block_type == BlockType::Resource => "resource",
            ExampleRole::Request => "request",
            ExampleRole::Response => "response",
            ExampleRole::Notification => "example",
        };
        let ordinal = ordinals.entry(kind).or_insert(0);
        *ordinal += 1;
        // Unnamed examples are named by role and position, not by line, so an
        // edit elsewhere on the page does not rename their tests.
        let label = raw.name.clone().unwrap_or_else(|| format!("{kind}-{ordinal}"));
        let id = format!("{}#{}", page.path, ids.name(&label));
        // The wanted name; made unique across the version in `lower`.
        let test_name = naming::snake(&format!("{stem}_{label}"));
        let odata_type = raw.annotation.get("@odata.type").and_then(Json::as_str).map(|s| s.trim_start_matches('#').to_string());
        let mut ex = Example {
            id,
            page: page.path.clone(),
            role,
            line: raw.line,
            http: http_part(raw),
            odata_type,
            truncated: raw.annotation.get("truncated").and_then(Json::as_bool).unwrap_or(false),
            is_collection: match raw.annotation.get("isCollection") {
                Some(Json::Bool(b)) => *b,
                Some(Json::String(s)) => s.trim().eq_ignore_ascii_case("true"),
                _ => false,
            },
            json: bodies.get_mut(i).and_then(Option::take),
            binding: None,
            outcome: ExampleOutcome::Skipped,
            reason: None,
            test_name,
            representation: raw.block_type == BlockType::Resource,
            json_type: None,
            docs_inconsistent: false,
            json_collection: false,
            annotated: raw.annotated,
            body: match raw.json_read {
                JsonStatus::NoJson => BodyRead::None,
                JsonStatus::Strict => BodyRead::Strict,
                JsonStatus::Recovered => BodyRead::Recovered,
                JsonStatus::Failed => BodyRead::Failed,
            },
            looks_truncated: raw.looks_truncated,
        };
        decide(&mut ex, raw, page, endpoints, diags);
        out.push(ex);
    }
    out
}

fn http_part(raw: &RawExample) -> Option<HttpPart> {
    if raw.method.is_none() && raw.url.is_none() && raw.status.is_none() && raw.headers.is_empty() {
        return None;
    }
    Some(HttpPart { method: raw.method.clone(), url: raw.url.clone(), status: raw.status, headers: raw.headers.clone() })
}

/// Mark an example skipped, for `reason` (a report key).
pub(super) fn skip(ex: &mut Example, reason: &str) {
    ex.outcome = ExampleOutcome::Skipped;
    ex.reason = Some(reason.to_string());
}

fn decide(ex: &mut Example, raw: &RawExample, page: &RawPage, endpoints: &[&Endpoint], diags: &mut Vec<Diagnostic>) {
    // Request examples are bound even when their body is unreadable (the
    // binding is about the URL); the test is skipped below.
    if raw.body_unreadable && ex.role != ExampleRole::Request {
        return skip(ex, "unreadable_json");
    }
    match ex.role {
        ExampleRole::Request => {
            let (Some(method), Some(url)) = (raw.method.as_deref(), raw.url.as_deref()) else {
                return skip(ex, "no_request_line");
            };
            if endpoints.is_empty() {
                diags.push(Diagnostic::new(
                    "W050",
                    &page.path,
                    raw.line,
                    1,
                    "request example on a page without a request line: there is no path template to bind it to (page_has_no_endpoint)".to_string(),
                ));
                return skip(ex, "page_has_no_endpoint");
            }
            let same: Vec<&Endpoint> = endpoints.iter().copied().filter(|e| e.method == method).collect();
            let candidates: Vec<&Endpoint> = if same.is_empty() {
                diags.push(Diagnostic::new("W051", &page.path, raw.line, 1, format!("example method {method} differs from the page's request lines")));
                return skip(ex, "method_mismatch");
            } else {
                same
            };
            for ep in &candidates {
                if let Some(b) = bind(ep, url) {
                    ex.binding = Some(b);
                    if raw.body_unreadable {
                        return skip(ex, "unreadable_json");
                    }
                    ex.outcome = ExampleOutcome::Tested;
                    return;
                }
            }
            let reason = unbound_reason(url, &candidates);
            diags.push(Diagnostic::new(
                "W050",
                &page.path,
                raw.line,
                1,
                format!("example URL `{}` fits no path template of this page ({reason})", url.chars().take(100).collect::<String>()),
            ));
            skip(ex, reason)
        }
        ExampleRole::Response => {
            let Some(status) = raw.status else { return skip(ex, "no_status_line") };
            let Some(ep) = endpoints.first() else { return skip(ex, "page_has_no_endpoint") };
            if ep.success_status.is_none() {
                return skip(ex, "no_documented_success_status");
            }
            if !(200..300).contains(&status) {
                return skip(ex, "error_response");
            }
            if ep.success_status != Some(status) {
                // The page shows another success status than its prose names
                // (e.g. 200 with a body where the prose says 204).
                let documented = ep.success_status.map_or_else(|| "none".to_string(), |s| s.to_string());
                diags.push(Diagnostic::new(
                    "W054",
                    &page.path,
                    raw.line,
                    1,
                    format!("response example shows status {status}, the Response section documents {documented}"),
                ));
                return skip(ex, "status_differs_from_documented");
            }
            ex.outcome = ExampleOutcome::Tested;
        }
        ExampleRole::Notification => {
            if ex.json.is_none() {
                return skip(ex, "no_json_body");
            }
            if ex.odata_type.is_none() && json_odata_type(ex.json.as_ref()).is_none() {
                return skip(ex, "no_odata_type");
            }
            ex.outcome = ExampleOutcome::Tested;
        }
    }
}

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
fn unbound_reason(url: &str, candidates: &[&Endpoint]) -> &'static str {
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
            super::template::Part::Lit(l) => PathPiece::Lit(l.to_string()),
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
    let u = u.split(['?', '#']).next().unwrap_or(u);
    let mut p = u.to_string();
    for v in ["/v1.0", "/beta", "/v1"] {
        // `get` rather than indexing: `v.len()` need not be a char boundary of
        // `p` (`/v1.é` once panicked here).
        let head = p.get(..v.len()).is_some_and(|h| h.eq_ignore_ascii_case(v));
        if head && matches!(p.as_bytes().get(v.len()), None | Some(b'/')) {
            p = p.get(v.len()..).unwrap_or("").to_string();
            break;
        }
    }
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    p
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
        let mut spans = Vec::new();
        if !match_template(&t.pieces, &expected_path, 0, &mut spans, &mut 0) {
            continue;
        }
        let caps: Vec<&str> = spans.iter().map(|&(a, b)| expected_path.get(a..b).unwrap_or("")).collect();
        let mut args = BTreeMap::new();
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
        if !built_path(t, &args).eq_ignore_ascii_case(&expected_path) {
            continue;
        }
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

/// The path the emitted function of `t` builds from `args`: literals as
/// written, parameters percent-encoded (see `emit::endpoints`).
fn built_path(t: &PathTemplate, args: &BTreeMap<String, String>) -> String {
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
    p.split('/').map(|seg| naming::encode_param(&naming::percent_decode(seg), false)).collect::<Vec<_>>().join("/")
}

/// The type a JSON value names by `@odata.type`, without its `#`.
pub(super) fn json_odata_type(v: Option<&Json>) -> Option<String> {
    v?.get("@odata.type")?.as_str().map(|s| s.trim_start_matches('#').to_string())
}

/// The type a tested JSON example is checked against, if any.
pub fn example_json_type(ex: &Example) -> Option<String> {
    ex.odata_type.clone().or_else(|| json_odata_type(ex.json.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_stably() {
        let a = format!("{}_get", "x".repeat(90));
        let b = format!("{}_update", "x".repeat(90));
        let (sa, sb) = (shorten(&a), shorten(&b));
        assert!(sa.len() <= NAME_MAX && sb.len() <= NAME_MAX);
        assert_ne!(sa, sb);
        assert_eq!(sa, shorten(&a));
        assert_eq!(shorten("short_name"), "short_name");
        // The constant of a cut name is not cut again.
        assert_eq!(naming::screaming(&sa).to_ascii_lowercase(), sa);
        assert_eq!(long_snake("intune-deviceConfig-x"), "intune_device_config_x");
    }

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
            permissions: None,
            success_status: None,
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
            line: 1,
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
