// Shared by tests/hostile.rs and fuzz/fuzz_targets/pipeline.rs (included with
// `include!`, so no inner attributes or `mod` declarations here).
//
// The items each generated file should hold, derived from the model alone,
// and the items each formatted file really holds, read back with syn. Equal
// sets mean no page text added, removed or renamed an item.

use msgraph_docgen::format::Formatted;
use msgraph_docgen::model::naming::{ident, screaming};
use msgraph_docgen::model::{Api, Endpoint, Example, ExampleOutcome, ExampleRole, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// File path → sorted list of item descriptions (a multiset).
pub type Items = BTreeMap<String, Vec<String>>;

fn id(s: &str) -> String {
    ident(s).to_string()
}

/// Whether an example's JSON gets a round-trip check: its type is known,
/// defined in its version and not an enum.
fn json_checked(api: &Api, ex: &Example) -> bool {
    let version = ex.page.split('/').next().unwrap_or("");
    ex.json.is_some() && ex.json_type.as_ref().is_some_and(|t| api.types.iter().any(|td| td.version == version && &td.name == t && td.kind != TypeKind::Enum))
}

/// What the model says each generated Rust file must contain.
pub fn expected(api: &Api) -> Items {
    let mut out: Items = BTreeMap::new();
    let mut tree: BTreeMap<&str, BTreeMap<&str, Vec<&Endpoint>>> = BTreeMap::new();
    for ep in &api.endpoints {
        tree.entry(&ep.version).or_default().entry(&ep.module).or_default().push(ep);
    }
    let versions: BTreeSet<&str> = tree.keys().copied().chain(api.types.iter().map(|t| t.version.as_str())).collect();
    let vm = |v: &str| msgraph_docgen::emit::version_module(v);
    let mut lib = vec!["mod support".to_string()];
    for v in &versions {
        lib.push(format!("mod {}", id(&vm(v))));
        let mods = tree.get(v).cloned().unwrap_or_default();
        let mut modrs = vec!["mod types".to_string()];
        let mut tests = vec!["use".to_string(), "use".to_string()];
        for (module, eps) in &mods {
            modrs.push(format!("mod {}", id(module)));
            let mut items = vec!["use".to_string()];
            for ep in eps {
                items.push(format!("static {}", id(&screaming(&ep.name))));
                for p in &ep.paths {
                    items.push(format!("fn {}", id(&p.fn_name)));
                }
                // An action's parameters struct: the emitter's rules (name, setters).
                if let msgraph_docgen::model::RequestBody::Parameters { parameters } = &ep.request_body {
                    if !parameters.is_empty() {
                        let x = id(&ep.parameters_type());
                        items.push(format!("type {x}"));
                        items.push(format!("mod params::enum {x}"));
                        if !items.iter().any(|i| i == "mod params") {
                            items.push("mod params".to_string());
                        }
                        items.push(format!("impl {x}"));
                        items.push(format!("impl {x}::fn new"));
                        for set in msgraph_docgen::emit::params::setters(parameters).into_iter().flatten() {
                            items.push(format!("impl {x}::fn {}", id(&set)));
                        }
                    }
                }
            }
            out.insert(format!("src/{}/{module}.rs", vm(v)), items);
            let m = id(module);
            // A module without tests is not emitted.
            let before = tests.len();
            let mut pages_done = BTreeSet::new();
            for ep in eps {
                if !pages_done.insert(ep.page.as_str()) {
                    continue;
                }
                for ex in api.examples.iter().filter(|e| e.page == ep.page && e.outcome == ExampleOutcome::Tested) {
                    let emitted = match ex.role {
                        ExampleRole::Request => ex.binding.is_some() && ex.http.as_ref().and_then(|h| h.method.as_ref()).is_some(),
                        ExampleRole::Response => ex.http.as_ref().and_then(|h| h.status).is_some(),
                        ExampleRole::Notification => json_checked(api, ex),
                    };
                    if emitted {
                        tests.push(format!("mod {m}::fn {}", id(&ex.test_name)));
                    }
                }
            }
            if tests.len() > before {
                tests.push(format!("mod {m}"));
                tests.push(format!("mod {m}::use"));
            }
        }
        // Examples of pages without endpoints (resource pages): JSON checks only.
        let endpoint_pages: BTreeSet<&str> = api.endpoints.iter().map(|e| e.page.as_str()).collect();
        let page_tests: Vec<String> = api
            .examples
            .iter()
            .filter(|e| e.outcome == ExampleOutcome::Tested && e.page.split('/').next() == Some(*v) && !endpoint_pages.contains(e.page.as_str()))
            .filter(|e| json_checked(api, e))
            .map(|e| format!("mod types_examples::fn {}", id(&e.test_name)))
            .collect();
        if !page_tests.is_empty() {
            tests.push("mod types_examples".into());
            tests.push("mod types_examples::use".into());
            tests.extend(page_tests);
        }
        out.insert(format!("src/{}/mod.rs", vm(v)), modrs);
        out.insert(format!("tests/examples_{}.rs", vm(v)), tests);
        // The version's types, wherever their group puts them (see `merge_type_groups`).
        let mut types = ["static REGISTRY", "mod kinds", "mod fields", "mod infos"].map(String::from).to_vec();
        for t in api.types.iter().filter(|t| t.version == *v) {
            let x = id(&t.rust_name);
            types.push(format!("mod infos::static {x}"));
            if t.kind == TypeKind::Enum {
                types.push(format!("enum {x}"));
                types.push(format!("impl {x}"));
                for item in ["const INFO", "fn as_str", "fn from_member"] {
                    types.push(format!("impl {x}::{item}"));
                }
                types.push(format!("impl Eq for {x}"));
                for tr in ["GraphEnum", "Serialize", "Deserialize", "Clone", "PartialEq", "Hash", "Debug"] {
                    types.push(format!("impl {tr} for {x}"));
                    types.push(format!("impl {tr} for {x}::*"));
                }
                continue;
            }
            // `type X = Object<kinds::X>`, the marker, its `Kind` impl (its
            // description and handles) and its property handles.
            types.push(format!("type {x}"));
            types.push(format!("mod kinds::enum {x}"));
            types.push(format!("impl Kind for kinds :: {x}"));
            types.push(format!("impl Kind for kinds :: {x}::*"));
            let known = msgraph_docgen::model::type_table::TypeTable::new(&api.types);
            let base = known.of(t.base_id).filter(|b| b.kind != TypeKind::Enum);
            if base.is_some() && !msgraph_docgen::emit::types::in_cycle(t, &known) {
                types.push(format!("impl Derived for kinds :: {x}"));
                types.push(format!("impl Derived for kinds :: {x}::*"));
            }
            // The property handles: a struct in `fields`, sealed.
            types.push(format!("mod fields::struct {x}"));
            types.push(format!("mod fields::impl FieldSet for {x}"));
        }
        out.insert(format!("src/{}/types.rs", vm(v)), types);
    }
    lib.push("mod mock".to_string());
    lib.push("mod client".to_string());
    out.insert("src/lib.rs".into(), lib);
    // The mock: its door lists one module per version and area that has
    // exchanges, each file holding one table.
    let mut door: BTreeSet<String> = ["mod engine", "use", "fn documented", "fn start", "fn try_start"].iter().map(|s| s.to_string()).collect();
    for e in msgraph_docgen::model::exchanges::exchanges(api).exchanges {
        let v = id(&vm(e.version));
        door.insert(format!("mod {v}"));
        door.insert(format!("mod {v}::mod {}", id(e.module)));
        out.insert(format!("src/mock/{}/{}.rs", vm(e.version), e.module), vec!["static EXCHANGES".to_string()]);
    }
    out.insert("src/mock/mod.rs".into(), door.into_iter().collect());
    out.insert("tests/mock.rs".into(), ["use", "fn status_of", "fn documented_exchanges_are_served"].iter().map(|s| s.to_string()).collect());
    // The end-to-end tests: the runner, then one test per area with exchanges.
    for e in msgraph_docgen::model::exchanges::exchanges(api).exchanges {
        let items = out.entry(format!("tests/e2e_{}.rs", vm(e.version))).or_insert_with(|| {
            let runner = ["use", "use", "use", "struct Run", "impl Run", "impl Run::fn new", "impl Run::fn check", "impl Run::fn finish"];
            runner.iter().map(|s| s.to_string()).collect()
        });
        let test = format!("fn {}", id(e.module));
        if !items.contains(&test) {
            items.push(test);
        }
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

const ALLOWED_ATTRS: &[&str] = &["doc", "cfg", "deprecated", "test", "derive", "allow"];

/// A docs.rs feature badge, the one `cfg_attr` the generator writes:
/// `#[cfg_attr(docsrs, doc(cfg(feature = "x")))]` (on a group of types,
/// `doc(cfg(any(feature = "x", ...)))`), or in `src/lib.rs`
/// `#![cfg_attr(docsrs, feature(doc_cfg))]`.
fn docsrs_badge(a: &syn::Attribute, inner: bool) -> bool {
    let Ok(list) = a.meta.require_list() else { return false };
    let text = list.tokens.to_string().replace(' ', "");
    let feature = |f: &str| {
        f.strip_prefix("feature=\"")
            .and_then(|r| r.strip_suffix('"'))
            .is_some_and(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
    };
    let feature_badge = text
        .strip_prefix("docsrs,doc(cfg(")
        .and_then(|r| r.strip_suffix("))"))
        .is_some_and(|p| feature(p) || p.strip_prefix("any(").and_then(|r| r.strip_suffix(')')).is_some_and(|fs| fs.split(',').all(feature)));
    a.path().is_ident("cfg_attr") && if inner { text == "docsrs,feature(doc_cfg)" } else { feature_badge }
}

fn check_attrs(path: &str, attrs: &[syn::Attribute], problems: &mut Vec<String>) {
    for a in attrs {
        let name = a.path().segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        if docsrs_badge(a, false) {
            continue;
        }
        if !ALLOWED_ATTRS.contains(&name.as_str()) || a.path().segments.len() != 1 {
            problems.push(format!("{path}: unexpected attribute #[{name}]"));
        }
        if name == "doc" {
            if let syn::Meta::NameValue(nv) = &a.meta {
                if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value {
                    let v = s.value();
                    for line in v.split('\n') {
                        // A line that could open a rustdoc code block would make
                        // page text a doctest: rustdoc compiles and runs those.
                        let body = line.strip_prefix(' ').unwrap_or(line);
                        if body.starts_with(char::is_whitespace) || body.contains("```") || body.contains("~~~") {
                            problems.push(format!("{path}: doc line could open a code block: {line:?}"));
                        }
                    }
                }
            }
        }
    }
}

fn describe(path: &str, prefix: &str, items: &[syn::Item], out: &mut Vec<String>, problems: &mut Vec<String>) {
    use quote::ToTokens;
    for item in items {
        let (desc, attrs): (String, &[syn::Attribute]) = match item {
            syn::Item::Use(u) => ("use".into(), &u.attrs),
            syn::Item::Const(c) => (format!("const {}", c.ident), &c.attrs),
            syn::Item::Static(s) => (format!("static {}", s.ident), &s.attrs),
            syn::Item::Fn(f) => (format!("fn {}", f.sig.ident), &f.attrs),
            syn::Item::Struct(s) => (format!("struct {}", s.ident), &s.attrs),
            syn::Item::Enum(e) => (format!("enum {}", e.ident), &e.attrs),
            syn::Item::Type(t) => (format!("type {}", t.ident), &t.attrs),
            syn::Item::Mod(m) => {
                let name = m.ident.to_string();
                if let Some((_, inner)) = &m.content {
                    describe(path, &format!("{prefix}mod {name}::"), inner, out, problems);
                }
                (format!("mod {name}"), &m.attrs)
            }
            syn::Item::Impl(i) => {
                let ty = i.self_ty.to_token_stream().to_string();
                let head = match &i.trait_ {
                    Some((_, p, _)) => format!("impl {} for {ty}", p.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()),
                    None => format!("impl {ty}"),
                };
                for it in &i.items {
                    let d = match it {
                        syn::ImplItem::Fn(f) if i.trait_.is_none() => format!("fn {}", f.sig.ident),
                        syn::ImplItem::Const(c) if i.trait_.is_none() => format!("const {}", c.ident),
                        _ if i.trait_.is_some() => "*".into(),
                        other => format!("other {}", other.to_token_stream()),
                    };
                    let entry = format!("{prefix}{head}::{d}");
                    if d != "*" || !out.contains(&entry) {
                        out.push(entry);
                    }
                    let attrs: &[syn::Attribute] = match it {
                        syn::ImplItem::Fn(f) => &f.attrs,
                        syn::ImplItem::Const(c) => &c.attrs,
                        _ => &[],
                    };
                    check_attrs(path, attrs, problems);
                }
                (head, &i.attrs)
            }
            other => (format!("other {}", other.to_token_stream()), &[]),
        };
        check_attrs(path, attrs, problems);
        out.push(format!("{prefix}{desc}"));
    }
}

/// Runtime files copied verbatim into every generated crate (not derived from the model).
const VERBATIM: &[&str] = &[
    "src/support.rs",
    "src/request.rs",
    "src/endpoint.rs",
    "src/describe.rs",
    "src/field.rs",
    "src/client.rs",
    "src/client_preflight.rs",
    "src/mock/engine.rs",
];

/// The items each formatted Rust file holds (the verbatim runtime files
/// excluded), and any attribute or doc line that should not be there.
pub fn found_with_problems(files: &[Formatted]) -> (Items, Vec<String>) {
    let mut out: Items = BTreeMap::new();
    let mut problems = Vec::new();
    for f in files {
        if !f.path.ends_with(".rs") || VERBATIM.contains(&f.path.as_str()) {
            continue;
        }
        let text = String::from_utf8_lossy(&f.bytes);
        let file: syn::File = match syn::parse_file(&text) {
            Ok(x) => x,
            Err(e) => {
                problems.push(format!("{}: does not parse: {e}", f.path));
                continue;
            }
        };
        for a in &file.attrs {
            let name = a.path().segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            // Test files are gated on their version's feature: `#![cfg(feature = "v1_0")]`.
            let gate = || a.meta.require_list().ok().map(|l| l.tokens.to_string().replace(' ', ""));
            let version_gate = name == "cfg"
                && f.path.starts_with("tests/examples_")
                && gate() == Some(format!("feature=\"{}\"", f.path.trim_start_matches("tests/examples_").trim_end_matches(".rs")));
            // The mock's test is gated on the mock's feature.
            let mock_gate = name == "cfg" && f.path == "tests/mock.rs" && gate().as_deref() == Some("feature=\"mock\"");
            // The end-to-end tests are gated on client, mock and their version.
            let e2e_gate = name == "cfg"
                && f.path.starts_with("tests/e2e_")
                && gate()
                    == Some(format!(
                        "all(feature=\"client\",feature=\"mock\",feature=\"{}\")",
                        f.path.trim_start_matches("tests/e2e_").trim_end_matches(".rs")
                    ));
            let badges = f.path == "src/lib.rs" && docsrs_badge(a, true);
            // Every file: `cargo fmt` leaves it as generated.
            let skip_rustfmt = name == "cfg_attr" && gate().as_deref() == Some("rustfmt,rustfmt::skip");
            if !["doc", "allow"].contains(&name.as_str()) && !version_gate && !mock_gate && !e2e_gate && !badges && !skip_rustfmt {
                problems.push(format!("{}: unexpected inner attribute #![{name}]", f.path));
            }
        }
        let mut items = Vec::new();
        describe(&f.path, "", &file.items, &mut items, &mut problems);
        items.sort();
        out.insert(f.path.clone(), items);
    }
    merge_type_groups(&mut out);
    (out, problems)
}

/// A version's types are split by the features that compile them: each
/// group a module of `types` in `src/<version>/types/<group>.rs` holding
/// `kinds`, `fields`, `infos` and `items`, which `types.rs` re-exports. The
/// groups' items are counted as the version's `types.rs` items (`items::`
/// dropped, since `types.rs` re-exports them at its root); the imports and
/// the modules themselves are left out, so each item must be found exactly
/// once across the files.
fn merge_type_groups(out: &mut Items) {
    let groups: Vec<String> =
        out.keys().filter(|p| p.starts_with("src/") && p.split('/').nth(2) == Some("types") && p.split('/').count() == 4).cloned().collect();
    for path in groups {
        let items = out.remove(&path).unwrap_or_default();
        let version_types = format!("{}.rs", path.rsplit_once('/').map_or("", |(dir, _)| dir));
        let merged = out.entry(version_types).or_default();
        merged.extend(
            items
                .into_iter()
                .filter(|i| !["mod kinds", "mod fields", "mod infos", "mod items"].contains(&i.as_str()))
                .map(|i| i.strip_prefix("mod items::").map(str::to_string).unwrap_or(i)),
        );
    }
    for (path, items) in out.iter_mut() {
        if path.starts_with("src/") && path.ends_with("/types.rs") {
            let group_module = |i: &str| i.starts_with("mod for_") && !i.contains("::");
            items.retain(|i| i != "use" && !i.ends_with("::use") && !group_module(i));
            items.sort();
        }
    }
}
