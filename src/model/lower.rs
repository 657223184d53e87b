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
//!
//! A page's own parts are lowered by their modules: its endpoints and their
//! wanted names ([`super::endpoints`]), each path template
//! ([`super::template`]), its examples ([`super::examples`]) and their
//! binding to a template ([`super::binding`]), its types
//! ([`super::types`]), its permissions ([`super::permissions`]) and its
//! operations ([`super::operations`]).

use super::endpoints::shorten;
use super::naming::Unique;
use super::*;
use crate::parse::facts::Interner;
use crate::parse::RawPage;
use rayon::prelude::*;
use std::collections::BTreeMap;

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
/// reuses its memory at once. The strings the model repeats (permission
/// scopes) are taken from `strings`, shared with the other pages it lowers.
pub fn lower_page(mut page: RawPage, strings: &mut Interner) -> LoweredPage {
    lower_page_in_place(&mut page, strings)
}

/// Build the model from pages lowered on their own (in any order): assign
/// the names, lower the types, check the examples against them.
pub fn assemble(docs: &str, lowered: LoweredPages) -> Api {
    assign_names(docs, lowered).lower_types_and_check()
}

/// Every page lowered on its own, and the types the resource pages define
/// lowered.
pub struct LoweredPages {
    /// In path order.
    pages: Vec<LoweredPage>,
    defined: super::types::DefinedTypes,
    type_diags: Vec<Diagnostic>,
}

/// Lower every page with `lower_one` (which parses it, say, then calls
/// [`lower_page`]), in parallel. Only resource pages define types, and their
/// types need nothing from the other pages: the resource pages are lowered
/// as one group and their types lowered as soon as they are, beside the
/// lowering of the other pages. Each task of pages shares one [`Interner`].
pub fn lower_pages<S: Send>(sources: Vec<S>, path: impl Fn(&S) -> &str, lower_one: impl Fn(S, &mut Interner) -> LoweredPage + Sync + Send) -> LoweredPages {
    let (resources, rest): (Vec<S>, Vec<S>) = sources.into_iter().partition(|s| crate::parse::kind_and_version(path(s)).0 == PageKind::Resource);
    let lower_one = |strings: &mut Interner, s: S| lower_one(s, strings);
    let ((pages, defined, type_diags), rest) = rayon::join(
        || {
            let mut pages: Vec<LoweredPage> = resources.into_par_iter().map_init(Interner::default, lower_one).collect();
            // In page order: where two pages define a type, the first wins.
            let mut described: Vec<super::resource::PageType> = Vec::with_capacity(pages.iter().map(|d| d.types.len()).sum());
            described.extend(pages.iter_mut().flat_map(|d| std::mem::take(&mut d.types)));
            let mut type_diags = Vec::new();
            let defined = super::types::defined_types(described, &mut type_diags);
            (pages, defined, type_diags)
        },
        || rest.into_par_iter().map_init(Interner::default, lower_one).collect::<Vec<LoweredPage>>(),
    );
    // Only a resource page's parse collects a resource, and only a resource
    // is lowered into types.
    debug_assert!(rest.iter().all(|d| d.types.is_empty()));
    LoweredPages { pages: in_path_order(pages, rest), defined, type_diags }
}

/// Two groups of lowered pages merged into one, in path order: one move per
/// page into a vector sized once, where appending and sorting moved each
/// page two or three times. A group is sorted first when it is not in order
/// already (pages may be lowered in any order).
fn in_path_order(mut a: Vec<LoweredPage>, mut b: Vec<LoweredPage>) -> Vec<LoweredPage> {
    for group in [&mut a, &mut b] {
        if !group.windows(2).all(|w| matches!(w, [x, y] if x.info.path <= y.info.path)) {
            group.sort_by(|x, y| x.info.path.cmp(&y.info.path));
        }
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let from_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.info.path <= y.info.path,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        out.extend(if from_a { a.next() } else { b.next() });
    }
    out
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
    let mut api = Api { schema: SCHEMA, docs: docs.to_string(), ..Api::default() };
    // Names are unique per version, so each version's pages (contiguous, as
    // paths start with the version folder) are named on their own, in
    // parallel and in place; their parts then move into the model.
    let mut groups: Vec<&mut [LoweredPage]> = Vec::new();
    let mut rest: &mut [LoweredPage] = &mut pages;
    while !rest.is_empty() {
        let n = rest.iter().take_while(|d| d.info.version == rest[0].info.version).count();
        let (group, tail) = std::mem::take(&mut rest).split_at_mut(n);
        groups.push(group);
        rest = tail;
    }
    // A version's operations are resolved as soon as its names are: v1.0's
    // while beta's (the longer sequence) are still being handed out.
    groups.into_par_iter().for_each(|group| {
        assign_version_names(group);
        group.par_iter_mut().for_each(|d| {
            let look = defined.lookup(&d.info.version);
            for e in &mut d.endpoints {
                if let Some(op) = e.op.take() {
                    super::operations::resolve(op, &mut e.endpoint, &look, &mut d.diagnostics);
                }
            }
        });
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
    // From here on every reference to a type carries its id.
    super::type_table::resolve_ids(&mut api);
    for p in &mut api.pages {
        if p.kind == PageKind::Resource && typed.pages_with_types.contains(&p.path) {
            p.outcome = Outcome::Parsed;
            p.reason = None;
        }
    }
    if check_examples {
        super::types::bind_examples(&mut api);
    }
    api.diagnostics.par_sort();
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
                    .find_map(|e| e.paths.iter().find(|t| t.template == b.template).map(|t| (&e.name, &t.fn_name)));
                if let Some((endpoint, fn_name)) = found {
                    b.endpoint.clone_from(endpoint);
                    b.fn_name.clone_from(fn_name);
                }
            }
        }
    });
}

/// A page lowered on its own ([`lower_page`]), waiting for [`assign_names`]: every
/// name that must be unique across pages is still its wanted (base) form.
pub struct LoweredPage {
    info: PageInfo,
    diagnostics: Vec<Diagnostic>,
    endpoints: Vec<UnnamedEndpoint>,
    /// `test_name` holds the wanted test name; bindings name the endpoints by their wanted names.
    examples: Vec<Example>,
    /// The types the page describes.
    types: Vec<super::resource::PageType>,
}

/// An endpoint whose name (`endpoint.name`, the wanted form) and function
/// names are not assigned yet.
pub(super) struct UnnamedEndpoint {
    pub(super) endpoint: Endpoint,
    /// Per path, in the order names are handed out (primary first): its
    /// index in `endpoint.paths` and its alias key.
    pub(super) naming: Vec<(usize, Option<String>)>,
    /// The operation as the page describes it, its type names not looked up yet.
    pub(super) op: Option<super::operations::UnresolvedOp>,
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
                p.fn_name = scope.name_owned(shorten(base));
            }
        }
    }
}

fn lower_page_in_place(page: &mut RawPage, strings: &mut Interner) -> LoweredPage {
    let mut diagnostics = std::mem::take(&mut page.diagnostics);
    let (outcome, reason) = page_outcome(page);
    // One copy of the page's path, shared by its endpoints and examples.
    let path = Shared::from(page.path.as_str());
    let perms = super::permissions::read(page, &path, &mut diagnostics, strings);
    let (permission_tables, permission_tables_parsed) = (perms.tables.len() as u32, perms.parsed);
    // A resource page's types are read first, while its examples still
    // hold their JSON (the representation lists inline enum members).
    let types = match page.resource.take() {
        Some(res) => super::resource::page_types(page, res, &mut diagnostics),
        None => Vec::new(),
    };
    // An API page without request lines has no endpoint; resource pages
    // go on (their examples are the types' JSON representations).
    let (endpoints, examples) = if page.kind == PageKind::Api && outcome != Outcome::Parsed {
        (Vec::new(), Vec::new())
    } else {
        lower_operations(page, &path, perms, &mut diagnostics, strings)
    };
    // The page's own strings move into the model: nothing reads them after.
    let info = PageInfo {
        path: std::mem::take(&mut page.path),
        kind: page.kind,
        outcome,
        reason,
        version: std::mem::take(&mut page.version),
        area: page.area.take(),
        title: page.title.take(),
        permission_tables,
        permission_tables_parsed,
        request_sections: page.request_sections,
    };
    LoweredPage { info, diagnostics, endpoints, examples, types }
}

/// A page's endpoints, with their permissions and operations, and its examples.
fn lower_operations(
    page: &mut RawPage,
    path: &Shared,
    perms: super::permissions::PageTables,
    diagnostics: &mut Vec<Diagnostic>,
    strings: &mut Interner,
) -> (Vec<UnnamedEndpoint>, Vec<Example>) {
    let description = page.description.take();
    let mut endpoints = super::endpoints::lower_endpoints(page, path, description, diagnostics, strings);
    super::permissions::attach(page, perms, endpoints.iter_mut().map(|e| &mut e.endpoint), diagnostics);
    let plain: Vec<&Endpoint> = endpoints.iter().map(|e| &e.endpoint).collect();
    let examples = super::examples::lower_examples(page, path, &plain, diagnostics);
    for e in &mut endpoints {
        let ep = &mut e.endpoint;
        ep.examples = examples.iter().map(|e| e.id.clone()).collect();
        e.op = Some(super::operations::from_page(page, ep, &examples));
        ep.response_type = examples
            .iter()
            .find(|e| e.role == ExampleRole::Response && e.http.as_ref().and_then(|h| h.status).is_some_and(|s| s < 300))
            .and_then(|e| e.odata_type.clone());
    }
    (endpoints, examples)
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
pub(super) fn page_stem(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".md").unwrap_or(file)
}
