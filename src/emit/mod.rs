//! Emit: the model → one token stream (or text) per output file. Never
//! touches markdown and never invents a name: every name comes from the model.

use crate::model::naming::ident;
use crate::model::type_table::{TypeId, TypeTable};
use crate::model::{Api, Endpoint, Example, ExampleOutcome, TypeDef};
use std::borrow::Cow;
pub mod code;
pub mod e2e;
pub mod endpoints;
pub mod example;
pub mod features;
pub mod mock;
pub mod operation_doc;
pub mod params;
/// The generated crate's runtime ([`crate::runtime`]): the example tests
/// are decided with the very code they run.
pub use crate::runtime;
pub mod rust_types;
pub mod sink;
pub mod tests;
pub mod typed_tests;
pub mod types;

use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The runtime module copied into every generated crate.
pub const SUPPORT_RS: &str = include_str!("runtime/support.rs");
/// The async client (feature `client`) copied into every generated crate.
pub const CLIENT_RS: &str = include_str!("runtime/client.rs");
/// The client's permission pre-flight (a module of `client.rs`).
pub const CLIENT_PREFLIGHT_RS: &str = include_str!("runtime/client_preflight.rs");

/// The request half of the runtime (`support.rs` includes it as a module).
pub const REQUEST_RS: &str = include_str!("runtime/request.rs");
/// Endpoint metadata and its spec form (`support.rs` includes it as a module).
pub const ENDPOINT_RS: &str = include_str!("runtime/endpoint.rs");
/// Model types described as data and their spec form (a module of `support.rs`).
pub const DESCRIBE_RS: &str = include_str!("runtime/describe.rs");
/// Model types' property handles (a module of `support.rs`).
pub const FIELD_RS: &str = include_str!("runtime/field.rs");

/// What to emit.
#[derive(Clone, Debug)]
pub struct EmitOptions {
    /// Package name of the generated crate.
    pub crate_name: String,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions { crate_name: "msgraph-generated".to_string() }
    }
}

pub use sink::Sink;

/// How one output file's text is made; each is called once, by the format
/// stage, so files are rendered in parallel (token streams cannot cross
/// threads).
pub enum Content<'a> {
    /// Rust code, formatted by the format stage.
    Tokens(Box<dyn FnOnce() -> TokenStream + Send + 'a>),
    /// Text written as is.
    Text(Box<dyn FnOnce() -> String + Send + 'a>),
    /// Rust code already formatted, written after the header into the sink
    /// part by part, as it is rendered.
    Rust(WriteRust<'a>),
}

/// Writes a file's Rust code, already formatted, into the sink.
pub type WriteRust<'a> = Box<dyn FnOnce(&mut dyn Sink) + Send + 'a>;

/// One output file, path relative to the output directory, with how its
/// content is made.
pub struct OutFile<'a> {
    /// `/`-separated relative path.
    pub path: String,
    /// About how many kilobytes the file will hold (0: small). Only the
    /// order of the work depends on it: the format stage starts the largest
    /// files first, so that none is left alone at the end.
    pub weight: usize,
    /// Makes its content.
    pub content: Content<'a>,
}

impl<'a> OutFile<'a> {
    /// Rust code as tokens, formatted by the format stage.
    fn tokens(path: String, make: impl FnOnce() -> TokenStream + Send + 'a) -> Self {
        OutFile { path, weight: 0, content: Content::Tokens(Box::new(make)) }
    }

    /// Text written as is.
    fn text(path: String, make: impl FnOnce() -> String + Send + 'a) -> Self {
        OutFile { path, weight: 0, content: Content::Text(Box::new(make)) }
    }

    /// Rust code written already formatted, part by part.
    fn rust(path: String, write: impl FnOnce(&mut dyn Sink) + Send + 'a) -> Self {
        OutFile { path, weight: 0, content: Content::Rust(Box::new(write)) }
    }

    /// Rust code held whole (a runtime file, a small generated file).
    fn rust_text(path: String, text: impl AsRef<str> + Send + 'a) -> Self {
        Self::rust(path, move |sink| sink.push(text.as_ref()))
    }

    fn weighing(mut self, kilobytes: usize) -> Self {
        self.weight = kilobytes;
        self
    }
}

/// Rust module name of a version: `v1.0` → `v1_0`.
pub fn version_module(v: &str) -> String {
    crate::model::naming::snake(&v.replace('.', "_"))
}

/// Cargo feature of a module: `cloud_communications` → `cloud-communications`.
pub fn feature_of(module: &str) -> String {
    let f = module.trim_start_matches("r#").replace('_', "-").trim_matches('-').to_string();
    // Area features must not collide with the version and umbrella features.
    if matches!(f.as_str(), "default" | "full" | "all-areas" | "beta" | "v1-0" | "client" | "mock" | "azure-identity") || f.starts_with("v1") {
        format!("{f}-area")
    } else {
        f
    }
}

/// Sanitise text for a doc comment: control, bidi and line-separator
/// characters become visible escapes, so no page text can change how the
/// code reads (or trip rustc's deny-by-default bidi lint).
pub fn doc_text(s: &str) -> Cow<'_, str> {
    // Printable ASCII (with line breaks and tabs) needs no escape.
    if code::all_bytes(s, |b| (b' '..=b'~').contains(&b) | (b == b'\n') | (b == b'\t')) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c.is_control() && c != '\n' && c != '\t') || code::reorders_text(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One doc line that cannot open a rustdoc code block (rustdoc compiles and
/// runs those as doctests): no leading indentation (indented code), and no
/// run of three backticks or tildes (fences; also inside lists and quotes).
pub(crate) fn doc_line(line: &str) -> Cow<'_, str> {
    let line = line.trim_start();
    let b = line.as_bytes();
    // A fold over the pairs of bytes compiles to vector code (a tenth of the
    // instructions of a search that stops at each backtick).
    let run = b.iter().zip(b.iter().skip(1)).fold(false, |run, (&x, &y)| run | ((x == y) & ((x == b'`') | (x == b'~'))));
    if !run {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '`' || c == '~' {
            let run = chars.get(i..).map_or(0, |r| r.iter().take_while(|&&x| x == c).count());
            if run >= 3 {
                // Escaped, the characters print as they are but open nothing.
                for _ in 0..run {
                    out.push('\\');
                    out.push(c);
                }
                i += run;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    Cow::Owned(out)
}

/// `#[doc]` attributes, one per line.
fn docs(text: &str) -> TokenStream {
    let clean = doc_text(text);
    let lines = clean.split('\n').map(|l| {
        let l = doc_line(l);
        let l = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// Page text for a doc comment, as Markdown that holds no raw HTML and no
/// link: `<` becomes `&lt;` (rustdoc passes HTML through to the page it
/// renders), `[` and `]` are escaped.
pub(crate) fn md_text(s: &str) -> Cow<'_, str> {
    if s.contains(['<', '[', ']']) {
        // A bracket of page text would be read as an intra-doc link
        // (`[tag]`, `[driveItem][item-resource]`) that resolves to nothing.
        let mut out = String::with_capacity(s.len() + 8);
        for c in s.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '[' | ']' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

/// Page text as one inline code span of a doc comment, whatever it holds:
/// the fence is longer than any run of backticks inside, and line breaks
/// become spaces. A fence of three or more backticks is escaped by
/// [`doc_line`] (it could open a code block), so the span's text is then
/// plain Markdown: its `<` are escaped too.
pub(crate) fn md_code(s: &str) -> String {
    code::strcat!(MdCode(s))
}

/// [`md_code`] as a piece ([`code::Piece`]): pushed where it goes, with no
/// string of its own (an allocation and a copy less for each of the
/// 150,000 spans of a full run).
pub(crate) struct MdCode<'a>(pub &'a str);

impl code::Piece for MdCode<'_> {
    fn push_to(&self, b: &mut String) {
        let s = self.0;
        // Nearly every span (paths, templates, ids) holds no backtick and no
        // line break: a fence of one backtick, the text as it is.
        if !s.is_empty() && memchr::memchr3(b'`', b'\n', b'\r', s.as_bytes()).is_none() {
            let pad = if s.starts_with(' ') && s.ends_with(' ') && !s.trim().is_empty() { " " } else { "" };
            code::cat!(b; "`", pad, s, pad, "`");
        } else {
            b.push_str(&md_code_general(s));
        }
    }

    fn len_hint(&self) -> usize {
        self.0.len() + 2
    }
}

/// [`md_code`] for any text.
fn md_code_general(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ");
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let text = if longest >= 2 { s.replace('<', "&lt;") } else { s };
    if text.is_empty() {
        return "` `".to_string();
    }
    // CommonMark takes one space off each end when both ends are spaces (or
    // a backtick would touch the fence): a space of padding is added then.
    let pad = text.starts_with('`') || text.ends_with('`') || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    let pad = if pad { " " } else { "" };
    code::strcat!(fence, pad, text, pad, fence)
}

/// The published address of an `api/` page, for page paths of plain
/// characters only (it is written as an autolink, `<...>`).
fn docs_url(page: &str) -> Option<String> {
    let plain = code::all_bytes(page, |b| b.is_ascii_alphanumeric() | matches!(b, b'/' | b'-' | b'_' | b'.'));
    let api_page = page.split_once('/').is_some_and(|(_, rest)| rest.starts_with("api/"));
    if !(plain && api_page) {
        return None;
    }
    crate::published::page_url(page)
}

/// The runs of neighbours `same` holds for (`slice::chunk_by`, which is
/// newer than the MSRV).
fn runs<T>(items: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=items.len() {
        if i == items.len() || !same(&items[i - 1], &items[i]) {
            out.push(&items[start..i]);
            start = i;
        }
    }
    out
}

/// Emit the whole crate.
pub fn emit<'a>(api: &'a Api, opts: &EmitOptions) -> Vec<OutFile<'a>> {
    emit_counted(api, opts).0
}

/// [`emit`], and the typed checks the example tests hold
/// ([`typed_tests::tally`]'s counts), filled in as the test files are
/// rendered: complete once every file is.
pub fn emit_counted<'a>(api: &'a Api, opts: &EmitOptions) -> (Vec<OutFile<'a>>, TypedChecks) {
    let (mut files, tally) = emit_rest_counted(api, opts);
    files.extend(endpoint_modules(api));
    (files, tally)
}

/// [`emit_counted`] but the [`endpoint_modules`], which need nothing worked
/// out here: a full run formats them while this runs.
pub fn emit_rest_counted<'a>(api: &'a Api, opts: &EmitOptions) -> (Vec<OutFile<'a>>, TypedChecks) {
    let tally = TypedChecks::default();
    let files = emit_all_but_endpoint_modules(api, opts, &tally);
    (files, tally)
}

/// The typed checks counted while the example tests are rendered.
pub type TypedChecks = std::sync::Arc<std::sync::Mutex<typed_tests::Tally>>;

/// The endpoints by version, then module, in model order.
type Tree<'a> = BTreeMap<String, BTreeMap<String, Vec<&'a Endpoint>>>;

fn tree(endpoints: &[Endpoint]) -> Tree<'_> {
    let mut tree: Tree = BTreeMap::new();
    for run in runs(endpoints, |a, b| a.version == b.version && a.module == b.module) {
        tree.entry(run[0].version.clone()).or_default().entry(run[0].module.clone()).or_default().extend(run);
    }
    tree
}

/// The endpoint modules (`src/<version>/<area>.rs`).
pub fn endpoint_modules(api: &Api) -> Vec<OutFile<'_>> {
    let types = std::sync::Arc::new(TypeTable::new(&api.types));
    let mut files = Vec::new();
    for (version, mods) in tree(&api.endpoints) {
        let vm = version_module(&version);
        for (module, eps) in mods {
            let types = types.clone();
            // About 6 kB per endpoint.
            let weight = 6 * eps.len();
            files.push(OutFile::rust(format!("src/{vm}/{module}.rs"), move |sink| endpoints::file(sink, &eps, &types)).weighing(weight));
        }
    }
    files
}

/// Every file of the crate but the [`endpoint_modules`].
fn emit_all_but_endpoint_modules<'a>(api: &'a Api, opts: &EmitOptions, tally: &TypedChecks) -> Vec<OutFile<'a>> {
    let mut files = Vec::new();
    // The feature table (the longest part here) is worked out beside the
    // indexes below and the mock's and e2e tests' files, which share the
    // documented exchanges.
    let ((feats, (exchange_files, bodies)), ((examples_by_page, endpoint_pages), (tree, types))) = rayon::join(
        || rayon::join(|| features::features(api), || exchange_files(api, &opts.crate_name)),
        || {
            rayon::join(
                || {
                    // Examples come in page order: one entry per run of a page.
                    let mut by_page: BTreeMap<&str, Vec<&Example>> = BTreeMap::new();
                    for run in runs(&api.examples, |a, b| a.page == b.page) {
                        by_page.entry(run[0].page.as_str()).or_default().extend(run);
                    }
                    let endpoint_pages: BTreeSet<&str> = api.endpoints.iter().map(|e| e.page.as_str()).collect();
                    (by_page, endpoint_pages)
                },
                || {
                    let tree = tree(&api.endpoints);
                    let mut types: BTreeMap<String, Vec<&TypeDef>> = BTreeMap::new();
                    for run in runs(&api.types, |a, b| a.version == b.version) {
                        types.entry(run[0].version.clone()).or_default().extend(run);
                    }
                    (tree, types)
                },
            )
        },
    );
    let versions: BTreeSet<String> = tree.keys().chain(types.keys()).cloned().collect();
    let feats = std::sync::Arc::new(feats);
    let mut toml = cargo_toml(&opts.crate_name, &feats);
    if let Some((program, table)) = example::me_example(api, &opts.crate_name) {
        toml.push_str(&table);
        files.push(program);
    }
    files.push(OutFile::text("Cargo.toml".into(), move || toml));
    files.push(OutFile::rust_text("src/support.rs".into(), SUPPORT_RS));
    files.push(OutFile::rust_text("src/client.rs".into(), CLIENT_RS));
    files.push(OutFile::rust_text("src/client_preflight.rs".into(), CLIENT_PREFLIGHT_RS));
    files.push(OutFile::rust_text("src/request.rs".into(), REQUEST_RS));
    files.push(OutFile::rust_text("src/endpoint.rs".into(), ENDPOINT_RS));
    files.push(OutFile::rust_text("src/describe.rs".into(), DESCRIBE_RS));
    files.push(OutFile::rust_text("src/field.rs".into(), FIELD_RS));
    // The output cache is machine-local; keep it out of version control.
    files.push(OutFile::text(".gitignore".into(), || "# @generated by msgraph-docgen — do not edit\n/.msgraph-docgen-cache\n/target/\n".to_string()));

    files.extend(exchange_files);

    files.push(lib_rs(versions.iter().cloned().collect()));

    let per_version =
        PerVersion { tree, types, feats, examples_by_page: std::sync::Arc::new(examples_by_page), endpoint_pages: std::sync::Arc::new(endpoint_pages), bodies };
    for version in &versions {
        version_files(api, opts, tally, &per_version, version, &mut files);
    }
    files
}

/// `src/lib.rs`: the crate's modules, one per version behind its feature.
fn lib_rs(vlist: Vec<String>) -> OutFile<'static> {
    OutFile::tokens("src/lib.rs".into(), move || {
        let vmods = vlist.iter().map(|v| ident(&version_module(v)));
        let vfeats = vlist.iter().map(|v| version_module(v));
        let vdocs = vlist.iter().map(|v| docs(&format!("Microsoft Graph `{v}` (feature `{}`).", version_module(v))));
        quote! {
            #![doc = " Microsoft Graph operations and types, generated by msgraph-docgen from the Graph REST API reference."]
            #![allow(deprecated, clippy::all)]
            #![cfg_attr(docsrs, feature(doc_cfg))]
            pub mod support;
            // The client and the mock are documented by their own files: a
            // module with outer and inner docs has rustdoc resolve the inner
            // docs' links from the parent module, where they break.
            #[cfg(feature = "client")]
            #[cfg_attr(docsrs, doc(cfg(feature = "client")))]
            pub mod client;
            #( #vdocs #[cfg(feature = #vfeats)] #[cfg_attr(docsrs, doc(cfg(feature = #vfeats)))] pub mod #vmods; )*
            #[cfg(feature = "mock")]
            #[cfg_attr(docsrs, doc(cfg(feature = "mock")))]
            pub mod mock;
        }
    })
}

/// What the files of every version are written from, worked out once.
struct PerVersion<'a> {
    /// Version → area module → its endpoints.
    tree: Tree<'a>,
    /// Version → its types.
    types: BTreeMap<String, Vec<&'a TypeDef>>,
    feats: std::sync::Arc<features::Features>,
    examples_by_page: std::sync::Arc<BTreeMap<&'a str, Vec<&'a Example>>>,
    endpoint_pages: std::sync::Arc<BTreeSet<&'a str>>,
    /// The request bodies rebuilt once for the example and e2e tests.
    bodies: std::sync::Arc<typed_tests::Bodies<'a>>,
}

/// One version's module file, types file and example tests.
fn version_files<'a>(api: &'a Api, opts: &EmitOptions, tally: &TypedChecks, v: &PerVersion<'a>, version: &str, files: &mut Vec<OutFile<'a>>) {
    let vm = version_module(version);
    let mods = v.tree.get(version).cloned().unwrap_or_default();
    let names: Vec<String> = mods.keys().cloned().collect();
    files.push(OutFile::tokens(format!("src/{vm}/mod.rs"), move || {
        let mod_items = names.iter().map(|m| {
            let id = ident(m);
            let feat = feature_of(m);
            let d = docs(&format!("Operations of the `{}` area (feature `{feat}`).", m));
            quote!(#d #[cfg(feature = #feat)] #[cfg_attr(docsrs, doc(cfg(feature = #feat)))] pub mod #id;)
        });
        quote! {
            pub mod types;
            #(#mod_items)*
        }
    }));
    let tys = v.types.get(version).cloned().unwrap_or_default();
    let known = std::sync::Arc::new(TypeTable::new(&api.types));
    let feature = |t: &TypeDef| {
        known.id(&t.version, &t.name).and_then(|id| v.feats.type_cfg.get(id.index())).cloned().unwrap_or_else(|| "feature = \"all-types\"".into())
    };
    let groups = std::sync::Arc::new(types::groups(&tys, &feature));
    let all = groups.clone();
    files.push(OutFile::rust(format!("src/{vm}/types.rs"), move |sink| types::file(sink, &all)));
    for (i, g) in groups.iter().enumerate() {
        let (groups, known) = (groups.clone(), known.clone());
        // About 5 kB per type.
        let weight = 5 * g.types.len();
        files.push(
            OutFile::rust(format!("src/{vm}/types/{}.rs", g.module), move |sink| {
                if let Some(g) = groups.get(i) {
                    types::group_file(sink, g, &known)
                }
            })
            .weighing(weight),
        );
    }

    let crate_name = opts.crate_name.clone();
    let examples_by_page = v.examples_by_page.clone();
    let endpoint_pages = v.endpoint_pages.clone();
    let version2 = version.to_string();
    let f3 = v.feats.clone();
    let vm2 = vm.clone();
    let tally = tally.clone();
    let bodies = v.bodies.clone();
    // About 1.5 kB per example of the version's operation pages.
    let pages: BTreeSet<&str> = mods.values().flatten().map(|e| e.page.as_str()).collect();
    let weight = pages.iter().map(|p| examples_by_page.get(p).map_or(0, Vec::len)).sum::<usize>() * 3 / 2;
    files.push(
        OutFile::rust(format!("tests/examples_{vm}.rs"), move |sink| {
            let tmap = TypeTable::new(&api.types);
            // Examples of pages without an endpoint (resource pages): JSON
            // only. The page is asked about once per run of its examples.
            let page_examples: Vec<&Example> = runs(&api.examples, |a, b| a.page == b.page)
                .into_iter()
                .filter(|run| {
                    let page = run[0].page.as_str();
                    page.strip_prefix(version2.as_str()).is_some_and(|r| r.starts_with('/')) && !endpoint_pages.contains(page)
                })
                .flatten()
                .filter(|ex| ex.outcome == ExampleOutcome::Tested)
                .collect();
            let type_feature = |ty: TypeId| f3.type_cfg.get(ty.index()).cloned();
            let shared = tests::Shared { tally: &tally, bodies: &bodies };
            tests::file(sink, &crate_name, &vm2, &tmap, &mods, &examples_by_page, &page_examples, &type_feature, &shared)
        })
        .weighing(weight),
    );
}

/// The mock's files and the e2e tests, both made from the documented
/// exchanges (worked out once, here).
fn exchange_files<'a>(api: &'a Api, crate_name: &str) -> (Vec<OutFile<'a>>, std::sync::Arc<typed_tests::Bodies<'a>>) {
    let (exchanges, bodies) = rayon::join(|| crate::model::exchanges::exchanges(api).exchanges, || std::sync::Arc::new(request_bodies(api)));
    let e2e = e2e::files(api, &exchanges, crate_name, &bodies);
    let mut files = mock::files(exchanges, crate_name);
    files.extend(e2e);
    (files, bodies)
}

/// The body of every tested request example whose endpoint takes one,
/// rebuilt through the typed API once for the example tests and the e2e
/// tests (the costly part of both).
fn request_bodies(api: &Api) -> typed_tests::Bodies<'_> {
    use rayon::prelude::*;
    let known = TypeTable::new(&api.types);
    let endpoints: rustc_hash::FxHashMap<(&str, &str), &Endpoint> = api.endpoints.iter().map(|e| ((e.version.as_str(), e.name.as_str()), e)).collect();
    api.examples
        .par_iter()
        .filter(|ex| ex.role == crate::model::ExampleRole::Request && ex.outcome == ExampleOutcome::Tested)
        .filter_map(|ex| {
            let version = ex.page.split('/').next().unwrap_or("");
            let ep = endpoints.get(&(version, ex.binding.as_ref()?.endpoint.as_str())).filter(|ep| endpoints::takes_body(ep))?;
            let vm = version_module(version);
            let ctx = typed_tests::Ctx { known: &known, version, types: code::strcat!("api::", vm, "::types::") };
            let module_path = code::strcat!("api::", vm, "::", code::model_id(&ep.module), "::");
            Some((ex.id.as_str(), typed_tests::rebuild(ep, ex, &ctx, &module_path)))
        })
        .collect()
}

fn cargo_toml(name: &str, feats: &features::Features) -> String {
    let mut s = String::new();
    s.push_str("# @generated by msgraph-docgen — do not edit\n");
    s.push_str(&format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n"));
    s.push_str(DOCS_RS);
    s.push_str("[dependencies]\nhttp = \"1\"\nserde = \"1\"\nserde_json = \"1\"\n");
    s.push_str(OPTIONAL_DEPENDENCIES);
    s.push_str(mock::CARGO_DEPENDENCIES);
    s.push_str("\n# A module is compiled when its version's feature and its area's feature are both on.\n");
    s.push_str(&features::toml(feats));
    s.push_str(CLIENT_FEATURES);
    s.push_str(mock::CARGO_FEATURE);
    s
}

/// docs.rs builds with every feature and marks each feature-gated item
/// with its feature (`doc_cfg`, under `--cfg docsrs`).
const DOCS_RS: &str = "\
[package.metadata.docs.rs]
all-features = true
rustdoc-args = [\"--cfg\", \"docsrs\"]

[lints.rust]
unexpected_cfgs = { level = \"warn\", check-cfg = [\"cfg(docsrs)\"] }

";

/// The optional dependencies of the `client`, `azure-identity` and `mock`
/// features (nothing is built unless a feature asks for it); tokio, which
/// both the client and the mock use, is declared once here.
const OPTIONAL_DEPENDENCIES: &str = "\
# Features `client` and `mock`: tokio.
tokio = { version = \"1\", features = [\"rt\", \"net\", \"time\", \"sync\", \"macros\"], optional = true }
# Feature `client`: an async client on reqwest (rustls, no native TLS).
reqwest = { version = \"0.12\", default-features = false, features = [\"rustls-tls\"], optional = true }
futures-core = { version = \"0.3\", default-features = false, optional = true }
futures-util = { version = \"0.3\", default-features = false, optional = true }
tracing = { version = \"0.1\", default-features = false, features = [\"std\"], optional = true }
# Feature `azure-identity`: Azure identity credentials as the client's token source.
azure_core = { version = \"1\", optional = true }
azure_identity = { version = \"1\", optional = true }
";

const CLIENT_FEATURES: &str = "\
# The async client (`client` module); `azure-identity` adds a token source for `azure_identity` credentials.
client = [\"dep:reqwest\", \"dep:tokio\", \"dep:futures-core\", \"dep:futures-util\", \"dep:tracing\"]
azure-identity = [\"client\", \"dep:azure_core\", \"dep:azure_identity\"]
";

#[cfg(test)]
mod doc_tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Parser};

    /// The Markdown rustdoc reads from the `///` lines of `text`.
    fn rendered_doc(text: &str) -> String {
        let mut c = code::Code::new();
        c.doc(text);
        c.finish().lines().map(|l| l.strip_prefix("///").unwrap_or(l).strip_prefix(' ').unwrap_or_default()).collect::<Vec<_>>().join("\n")
    }

    fn has_html(markdown: &str) -> bool {
        Parser::new(markdown).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
    }

    #[test]
    fn page_text_carries_no_html_into_docs() {
        for s in ["<script>alert(1)</script>", "a `b` <img src=x>", "\\`<b>\\`", "`` ` `` <i>", "```<b>```", "<https://example.com>"] {
            let doc = rendered_doc(&code::strcat!(md_text(s), "\n\n", md_code(s)));
            assert!(!has_html(&doc), "{s:?} -> {doc:?}");
        }
    }

    #[test]
    fn page_text_makes_no_link() {
        // rustdoc reads `[x]`, `[x][]` and `[x][y]` as intra-doc links; the
        // page's words come out as they were written.
        use pulldown_cmark::{Options, Tag};
        for s in ["a [tag] object", "the [sites][] here", "an [item][item-resource] copy", "[x](https://example.com)"] {
            let doc = rendered_doc(&md_text(s));
            let links = std::cell::Cell::new(0);
            let callback = |_: pulldown_cmark::BrokenLink<'_>| {
                links.set(links.get() + 1);
                None
            };
            let parser = Parser::new_with_broken_link_callback(&doc, Options::empty(), Some(callback));
            let text: String = parser
                .filter_map(|e| match e {
                    Event::Start(Tag::Link { .. }) => Some("LINK".to_string()),
                    Event::Text(t) => Some(t.to_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(text, s, "{s:?} -> {doc:?}");
            assert_eq!(links.get(), 0, "{s:?} -> {doc:?}");
        }
    }

    #[test]
    fn code_spans_hold_their_text_exactly() {
        for s in ["plain", "a`b", "``x``", "`", " a ", "<T>", "a ``` b"] {
            let doc = rendered_doc(&md_code(s));
            let code: Vec<String> = Parser::new(&doc).filter_map(|e| if let Event::Code(t) = e { Some(t.to_string()) } else { None }).collect();
            if md_code(s).contains("```") {
                // Escaped by `doc_line`: no code span, but no HTML either.
                assert!(!has_html(&doc));
            } else {
                assert_eq!(code, vec![s.to_string()], "{doc:?}");
            }
        }
    }

    /// Text made of the pieces that make Markdown HTML, code spans and
    /// escapes, and of any text.
    fn markdownish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "<[a-z]{1,3}( [a-z]{1,3}=[a-z]{0,2})?/?>",
            "</[a-z]{1,3}>",
            "`{1,4}",
            Just("\\".to_string()),
            Just("<!--".to_string()),
            Just("-->".to_string()),
            Just("\n".to_string()),
            Just("&lt;b&gt;".to_string()),
            "[ a-z]{0,4}",
            "\\PC{0,4}",
        ];
        prop::collection::vec(piece, 0..10).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn any_page_text_stays_text(s in markdownish()) {
            let doc = rendered_doc(&code::strcat!(md_text(&s), "\n\n", md_code(&s), "\n\nSee ", md_code(&s), " and ", md_text(&s)));
            prop_assert!(!has_html(&doc), "{:?} -> {:?}", s, doc);
        }

        #[test]
        fn short_fenced_spans_keep_printable_text(s in "[a-z<> ]{0,6}(`[a-z<> ]{1,6}){0,3}") {
            let doc = rendered_doc(&md_code(&s));
            let code: Vec<String> = Parser::new(&doc).filter_map(|e| if let Event::Code(t) = e { Some(t.to_string()) } else { None }).collect();
            if !s.is_empty() {
                prop_assert_eq!(code, vec![s.clone()], "{:?}", doc);
            }
        }

        #[test]
        fn the_short_way_to_a_code_span_is_the_general_one(s in "[ a-z<>&\\\\]{0,8}|\\PC{0,8}|") {
            prop_assert_eq!(md_code(&s), md_code_general(&s));
        }
    }
}
