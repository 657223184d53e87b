//! Model types from resource pages, the docs lint, and the runtime the
//! generated types rely on.
//!
//! The fixture pages under `tests/fixtures/types/` are written for these
//! tests. The corpus test needs `GRAPH_DOCS_DIR` and is skipped (with a
//! notice) without it.

#[path = "support/skip.rs"]
mod skip;

#[allow(dead_code, unused_imports)]
#[path = "../src/emit/runtime/support.rs"]
mod support;

#[allow(dead_code)]
#[path = "support/items.rs"]
mod items;

use msgraph_docgen::model::{Api, ExampleOutcome, TypeDef, TypeKind};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/types/api-reference")
}

fn load(dir: &Path) -> Api {
    match msgraph_docgen::load(dir, &[], &[]) {
        Ok(l) => l.api,
        Err(e) => panic!("cannot load {}: {e}", dir.display()),
    }
}

fn ty<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    match api.types.iter().find(|t| t.name == name) {
        Some(t) => t,
        None => panic!("type {name} missing; have {:?}", api.types.iter().map(|t| &t.name).collect::<Vec<_>>()),
    }
}

/// Count the property rows of a page's Properties and Relationships tables
/// with a plain line scan, independently of the parser: a row is a line with
/// a `|` under such a heading that is neither the header nor the separator
/// and has a name and a type.
fn count_table_rows(text: &str) -> usize {
    let mut n = 0;
    let mut in_section = false;
    let mut row_in_table = 0;
    let mut table_ok = false;
    let mut names: Vec<String> = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('#') {
            let h = t.trim_start_matches('#').trim().to_ascii_lowercase();
            // A table right under the title (`# x resource type`) counts too.
            in_section = h == "properties" || h == "relationships" || (t.starts_with("# ") && h.ends_with(" type"));
            row_in_table = 0;
            continue;
        }
        if !in_section {
            continue;
        }
        if !t.contains('|') {
            if !t.is_empty() {
                row_in_table = 0;
            }
            continue;
        }
        row_in_table += 1;
        if row_in_table == 1 {
            // Only tables whose first column names the properties.
            let first = t.trim_matches('|').split('|').next().unwrap_or("").trim().to_ascii_lowercase();
            table_ok = ["property", "relationship", "name"].iter().any(|p| first.starts_with(p));
            continue;
        }
        if !table_ok || t.chars().all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t')) {
            continue;
        }
        let cells: Vec<&str> = t.trim_matches('|').split('|').map(str::trim).collect();
        let name = cells.first().copied().unwrap_or("").trim_matches(|c: char| c == '*' || c == '`' || c == '_').trim();
        let name = name.split_whitespace().next().unwrap_or("");
        let has_type = cells.get(1).is_some_and(|c| !c.is_empty());
        if !name.is_empty()
            && has_type
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '@' || c == '.' || c == '_' || c == '-')
            && !names.iter().any(|x| x == name)
        {
            names.push(name.to_string());
            n += 1;
        }
    }
    n
}

#[test]
fn fixture_types_follow_their_pages() {
    let api = load(&fixture_dir());
    let gadget = ty(&api, "microsoft.graph.gadget");
    assert_eq!(gadget.kind, TypeKind::Entity);
    assert_eq!(gadget.base.as_deref(), Some("microsoft.graph.entity"));
    let prop = |n: &str| gadget.properties.iter().find(|p| p.name == n).unwrap_or_else(|| panic!("no property {n}"));
    assert_eq!((prop("size").ty.as_str(), prop("size").collection), ("microsoft.graph.size", false));
    assert_eq!((prop("shades").ty.as_str(), prop("shades").collection), ("microsoft.graph.shade", true));
    assert_eq!(prop("weight").ty, "Edm.Int64");
    assert_eq!(prop("madeAt").ty, "Edm.DateTimeOffset");
    assert_eq!((prop("parts").ty.as_str(), prop("parts").collection), ("microsoft.graph.gadget", true));
    // "A or B" without a common base is untyped JSON, with a diagnostic.
    assert_eq!(prop("holder").ty, "Edm.Untyped");
    assert!(api.diagnostics.iter().any(|d| d.code == "W107" && d.path == "v1.0/resources/gadget.md"));
    // A type defined nowhere: a diagnostic, and the name kept (emitted as JSON).
    assert_eq!(prop("gizmo").ty, "microsoft.graph.gizmo");
    assert!(api.diagnostics.iter().any(|d| d.code == "W060" && d.message.contains("gizmo")));
    // Inline enum from the description; enum pages; the shared enum page (deduplicated).
    assert_eq!(ty(&api, "microsoft.graph.gadgetMood").members, ["calm", "grumpy"]);
    assert_eq!(ty(&api, "microsoft.graph.shade").members, ["red", "green"]);
    assert_eq!(ty(&api, "microsoft.graph.texture").members, ["rough", "smooth"]);
    let size = ty(&api, "microsoft.graph.size");
    assert_eq!(size.kind, TypeKind::Enum);
    assert!(!size.rust_members.iter().any(|m| m == "Unknown"), "member `unknown` must not take the fallback variant's name");
    // "Inherits from" prose, and entity-ness inherited from a keyed base.
    let widget = ty(&api, "microsoft.graph.widget");
    assert_eq!((widget.base.as_deref(), widget.kind), (Some("microsoft.graph.gadget"), TypeKind::Entity));
    assert!(ty(&api, "microsoft.graph.sprocket").open);
    // Pages: a type page is parsed, an overview is skipped.
    let outcome = |p: &str| api.pages.iter().find(|x| x.path == p).map(|x| (x.outcome, x.reason.clone()));
    assert_eq!(outcome("v1.0/resources/gadget.md").map(|o| o.0), Some(msgraph_docgen::model::Outcome::Parsed));
    assert_eq!(outcome("v1.0/resources/overview.md").and_then(|o| o.1).as_deref(), Some("describes_no_type"));
    // Each type's properties match an independent count of its tables,
    // but for the gadget's representation member no table lists, which its
    // placeholder types.
    assert_eq!((prop("colourCode").ty.as_str(), prop("colourCode").collection), ("Edm.String", false));
    for page in ["gadget", "widget", "sprocket", "entity"] {
        let text = std::fs::read_to_string(fixture_dir().join(format!("v1.0/resources/{page}.md"))).unwrap_or_default();
        let t = ty(&api, &format!("microsoft.graph.{page}"));
        assert_eq!(t.properties.iter().filter(|p| p.name != "colourCode").count(), count_table_rows(&text), "{page}");
    }
}

#[test]
fn lint_names_both_places_and_skips_contradicted_examples() {
    let api = load(&fixture_dir());
    let ex = |id: &str| api.examples.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no example {id}"));
    let good = ex("v1.0/api/gadget-get.md#response-1");
    assert_eq!((good.outcome, good.json_type.as_deref()), (ExampleOutcome::Tested, Some("microsoft.graph.gadget")));
    let list = ex("v1.0/api/gadget-get.md#response-3");
    assert!(list.json_collection && list.outcome == ExampleOutcome::Tested, "a `value` array is checked item by item");
    let bad = ex("v1.0/api/gadget-get.md#response-2");
    // Reported, and tested for what still holds: the lossless round trip.
    assert_eq!((bad.outcome, bad.docs_inconsistent), (ExampleOutcome::Tested, true));
    for (code, what, page) in [("W101", "sparkle", "gadget.md"), ("W102", "label", "gadget.md"), ("W103", "huge", "size.md")] {
        let d = api.diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("no {code}"));
        assert_eq!((d.path.as_str(), d.line), ("v1.0/api/gadget-get.md", bad.line), "{code} points at the example");
        assert!(d.message.contains(what) && d.message.contains(&format!("v1.0/resources/{page}")), "{code} names the resource page: {}", d.message);
    }
    // The gadget page's JSON representation lists a property its tables do
    // not: still reported, and the type has it, so the representation fits.
    let rep = ex("v1.0/resources/gadget.md#resource-1");
    assert!(rep.representation && !rep.docs_inconsistent);
    let w104: Vec<&str> = api.diagnostics.iter().filter(|d| d.code == "W104").map(|d| d.message.as_str()).collect();
    assert!(matches!(w104[..], [m] if m.contains("`colourCode`") && m.contains("typed as the representation shows")), "{w104:?}");
    // Representations are checked for names only: placeholders are not errors.
    assert_eq!(ex("v1.0/resources/entity.md#resource-1").outcome, ExampleOutcome::Tested);
    let (text, n) = msgraph_docgen::model::types::lint_text(&api, true);
    assert_eq!(n, 4);
    assert!(text.contains("--> v1.0/api/gadget-get.md:"), "{text}");
}

#[test]
fn generated_types_file_parses_and_has_unknown_variants() {
    let api = load(&fixture_dir());
    let tys: Vec<&TypeDef> = api.types.iter().collect();
    let known = msgraph_docgen::model::type_table::TypeTable::new(&api.types);
    // Two predicates: two groups, each in a file of its own, declared and
    // re-exported by `types.rs` under its predicate.
    let feature = |t: &TypeDef| {
        if t.kind == TypeKind::Enum {
            "feature = \"a\"".to_string()
        } else {
            "any(feature = \"all-types\", feature = \"b\", feature = \"c\")".to_string()
        }
    };
    let groups = msgraph_docgen::emit::types::groups(&tys, &feature);
    assert_eq!(groups.len(), 2);
    assert_eq!(groups.iter().map(|g| g.types.len()).sum::<usize>(), tys.len());
    let mut main = String::new();
    msgraph_docgen::emit::types::file(&mut main, &groups);
    if let Err(e) = syn::parse_file(&main) {
        panic!("emitted types.rs does not parse: {e}");
    }
    let mut text = String::new();
    for g in &groups {
        assert!(main.contains(&format!("#[cfg({0})]\n#[cfg_attr(docsrs, doc(cfg({0})))]\nmod {1};\n", g.cfg, g.module)), "{}: {main}", g.module);
        assert!(main.contains(&format!("#[cfg({})]\npub use {}::items::*;\n", g.cfg, g.module)), "{}", g.module);
        assert!(main.contains(&format!("    #[cfg({})]\n    pub use super::{}::infos::*;\n", g.cfg, g.module)), "{}", g.module);
        let mut file = String::new();
        msgraph_docgen::emit::types::group_file(&mut file, g, &known);
        if let Err(e) = syn::parse_file(&file) {
            panic!("emitted group {} does not parse: {e}", g.module);
        }
        // Gated once, by its module's declaration.
        assert!(!file.contains("#[cfg("), "{}", g.module);
        text.push_str(&file);
    }
    // Enums only: no markers, no handles to re-export.
    let enums = groups.iter().find(|g| g.cfg == "feature = \"a\"").unwrap();
    assert_eq!(enums.module, "for_a");
    assert!(!main.contains("pub use super::for_a::kinds::*;"));
    assert!(groups.iter().any(|g| g.module.starts_with("for_shared_")), "{:?}", groups.iter().map(|g| &g.module).collect::<Vec<_>>());
    assert!(text.contains("pub enum Size"));
    assert!(text.contains("Unknown(String)"));
    // An open type's description says so, in its `infos` static.
    let open = api.types.iter().find(|t| t.open).expect("an open type in the fixture");
    assert!(text.contains(&format!("pub static {}: TypeInfoRef = TypeInfoRef::new(", open.rust_name)), "{}", open.rust_name);
    let spec: &'static str = Box::leak(msgraph_docgen::emit::types::spec(open).into_boxed_str());
    assert!(TypeInfo::from_spec(spec).open);
    // Hand-written serde impls, no derives of Serialize/Deserialize per type.
    assert!(!text.contains("derive(Serialize") && !text.contains("serde::Deserialize)"));
    // The handle of an enum property is typed by the enum, and no type has
    // a function per property.
    assert!(text.contains("pub size: rt::Field<kinds::"), "{}", &text[..text.len().min(3000)]);
    assert!(text.contains(", rt::Member<super::super::Size>, "), "{}", &text[..text.len().min(3000)]);
    assert!(!text.contains("(&self) -> Option<"));
}

/// The fixture's generated crate holds exactly the model's items, builds, and
/// passes its example tests (the round trips of the consistent examples).
#[test]
fn fixture_crate_builds_and_its_round_trips_pass() {
    let tmp = match tempfile::tempdir() {
        Ok(t) => t,
        Err(e) => panic!("no temp dir: {e}"),
    };
    let out = tmp.path().join("out");
    let g = match msgraph_docgen::Builder::new().docs(fixture_dir()).out_dir(&out).crate_name("types-fixture").cargo_metadata(false).generate() {
        Ok(g) => g,
        Err(e) => panic!("fixture does not generate: {e}"),
    };
    let Some(api) = g.api.as_ref() else { panic!("a fresh output folder is never answered by the cache") };
    let manifest = std::fs::read_to_string(out.join(msgraph_docgen::write::MANIFEST)).unwrap_or_default();
    let files: Vec<msgraph_docgen::format::Formatted> = manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|rel| msgraph_docgen::format::Formatted { path: rel.to_string(), bytes: std::fs::read(out.join(rel)).unwrap_or_default() })
        .collect();
    let (found, problems) = items::found_with_problems(&files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let expected = items::expected(api);
    for (file, want) in &expected {
        assert_eq!(found.get(file), Some(want), "items of {file}");
    }
    let json_tests: usize = expected.values().flatten().filter(|i| i.starts_with("mod types_examples::fn")).count();
    assert!(json_tests >= 3, "resource representations are tested: {json_tests}");

    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let _ = std::fs::copy(repo.join("Cargo.lock"), out.join("Cargo.lock"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let res = match std::process::Command::new(&cargo)
        .args(["test", "--quiet"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", repo.join("target/hostile-crates"))
        .env_remove("RUSTFLAGS")
        .env("RUST_BACKTRACE", "0")
        .output()
    {
        Ok(r) => r,
        Err(e) => panic!("cargo does not run: {e}"),
    };
    let stdout = String::from_utf8_lossy(&res.stdout);
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(res.status.success(), "generated fixture crate fails:\n{stdout}\n{stderr}");
    let passed: usize = stdout.lines().filter_map(|l| l.strip_prefix("test result: ok. ")).filter_map(|l| l.split(' ').next()?.parse::<usize>().ok()).sum();
    let tested = api.examples.iter().filter(|e| e.outcome == ExampleOutcome::Tested).count();
    assert!(passed >= json_tests && passed <= tested, "{passed} tests ran for {tested} tested examples");
}

// ---------------------------------------------------------------------------
// Runtime (src/emit/runtime/support.rs) behaviour the generated types use.

use support::{FieldInfo, GraphEnum, GraphType, JsonObject, TypeInfo};

const fn f(json: &'static str, ty: &'static str, collection: bool) -> FieldInfo {
    FieldInfo { json, rust: json, ty, collection, nullable: true }
}

static BASE: TypeInfo = TypeInfo {
    name: "ns.base",
    base: None,
    members: &[],
    fields: &[
        f("id", "Edm.String", false),
        f("size", "ns.size", false),
        f("big", "Edm.Int64", false),
        f("at", "Edm.DateTimeOffset", false),
        f("child", "ns.base", false),
    ],
    open: false,
};
static DERIVED: TypeInfo = TypeInfo { name: "ns.derived", base: Some("ns.base"), members: &[], fields: &[f("extra", "Edm.Boolean", false)], open: false };
static OPEN: TypeInfo = TypeInfo { name: "ns.open", base: None, members: &[], fields: &[], open: true };
static SIZE: TypeInfo = TypeInfo { name: "ns.size", base: None, members: &["small", "large"], fields: &[], open: false };
static REGISTRY: &[&TypeInfo] = &[&BASE, &DERIVED, &OPEN, &SIZE];

#[derive(Clone, Debug, Default, PartialEq)]
struct Base(JsonObject);
impl GraphType for Base {
    fn info() -> &'static TypeInfo {
        &BASE
    }
    fn from_object(o: JsonObject) -> Self {
        Base(o)
    }
    fn as_object(&self) -> &JsonObject {
        &self.0
    }
    fn as_object_mut(&mut self) -> &mut JsonObject {
        &mut self.0
    }
}
impl serde::Serialize for Base {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}
impl<'de> serde::Deserialize<'de> for Base {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        JsonObject::deserialize(d).map(Base)
    }
}

/// Shaped like the emitted enums.
#[derive(Debug, PartialEq)]
enum Size {
    Small,
    Large,
    Unknown(String),
}
impl GraphEnum for Size {
    fn info() -> &'static TypeInfo {
        &SIZE
    }
    fn from_member(s: &str) -> Self {
        match s {
            "small" => Size::Small,
            "large" => Size::Large,
            o => Size::Unknown(o.to_string()),
        }
    }
    fn as_str(&self) -> &str {
        match self {
            Size::Small => "small",
            Size::Large => "large",
            Size::Unknown(s) => s,
        }
    }
}
impl serde::Serialize for Size {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
impl<'de> serde::Deserialize<'de> for Size {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        support::enum_str(d).map(|s| Size::from_member(&s))
    }
}

fn mismatches(v: &Value, ty: &str) -> Vec<String> {
    let mut out = Vec::new();
    support::check(v, ty, false, REGISTRY, "", &mut out);
    out.iter().map(ToString::to_string).collect()
}

#[test]
fn enums_keep_unlisted_values() {
    let s: Size = serde_json::from_str("\"medium\"").unwrap_or(Size::Small);
    assert_eq!(s, Size::Unknown("medium".into()));
    assert_eq!(serde_json::to_string(&s).ok().as_deref(), Some("\"medium\""));
    assert_eq!(serde_json::from_str::<Size>("\"large\"").ok(), Some(Size::Large));
    assert!(serde_json::from_str::<Size>("3").is_err());
    let o: JsonObject = serde_json::from_value(json!({"size": "tiny"})).unwrap_or_default();
    assert_eq!(support::read::<support::Member<Size>>(&o, "size"), Some(Size::Unknown("tiny".into())));
    // The lint sees it; flag enums (comma-joined members) are accepted.
    assert_eq!(mismatches(&json!({"size": "tiny"}), "ns.base").len(), 1);
    assert!(mismatches(&json!({"size": "small,large"}), "ns.base").is_empty());
}

#[test]
fn polymorphism_open_types_and_exact_values_round_trip() {
    let text = r##"{"id":"1","big":9007199254740993,"at":"2021-07-16T10:00:00.1234567Z",
        "child":{"@odata.type":"#ns.derived","id":"2","extra":true}}"##;
    assert_eq!(support::round_trip::<Base>(text, false, REGISTRY), Ok(()));
    let b: Base = serde_json::from_str(text).unwrap_or_default();
    assert_eq!(support::read::<support::Int>(&b.0, "big"), Some(9_007_199_254_740_993));
    assert_eq!(support::read::<support::Text>(&b.0, "at"), Some("2021-07-16T10:00:00.1234567Z"));
    // Unknown properties survive a round trip (the check reports them).
    let with_extra = json!({"id": "1", "unlisted": {"deep": [1, 2.5, null]}});
    let back: Base = serde_json::from_value(with_extra.clone()).unwrap_or_default();
    assert_eq!(serde_json::to_value(&back).ok(), Some(with_extra.clone()));
    assert!(support::round_trip::<Base>(&with_extra.to_string(), false, REGISTRY).is_err_and(|e| e.contains("/unlisted")));
    // A derived type's fields are checked against the derived type...
    assert!(mismatches(&json!({"child": {"@odata.type": "#ns.derived", "extra": true}}), "ns.base").is_empty());
    // ...and without @odata.type they are not fields of the base.
    assert_eq!(mismatches(&json!({"child": {"extra": true}}), "ns.base").len(), 1);
    assert!(mismatches(&json!({"anything": 1}), "ns.open").is_empty());
    assert_eq!(mismatches(&json!({"id": 5}), "ns.base").len(), 1);
    // Representations: names are checked, placeholder values are not.
    let mut out = Vec::new();
    support::check_keys(&json!({"id": "String", "big": "Int64", "size": "small | large"}), "ns.base", false, REGISTRY, "", &mut out);
    assert!(out.is_empty(), "{out:?}");
    support::check_keys(&json!({"nope": "String"}), "ns.base", false, REGISTRY, "", &mut out);
    assert_eq!(out.len(), 1);
}

#[test]
fn corpus_types_cover_the_resource_pages() {
    let Some(dir) = skip::env_dir("GRAPH_DOCS_DIR") else {
        return;
    };
    let api = load(&dir);
    // Page paths are relative to the `api-reference` folder, which `dir` may hold.
    let dir = msgraph_docgen::read::resolve_docs(&dir).unwrap_or(dir);
    // Pages that describe a type, by a plain text scan.
    let mut describing = 0;
    let mut produced = 0;
    let mut counted = 0;
    let mut matched = 0;
    let mut mismatched = Vec::new();
    // Members a page's JSON representation shows but its tables leave out
    // become properties too, each reported by a W104; they are counted
    // apart, so the table rows must still match the properties one for one.
    let mut from_representation: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for d in api.diagnostics.iter().filter(|d| d.code == "W104" && d.message.ends_with("typed as the representation shows")) {
        *from_representation.entry(d.path.as_str()).or_default() += 1;
    }
    for p in api.pages.iter().filter(|p| p.kind == msgraph_docgen::model::PageKind::Resource) {
        let text = std::fs::read_to_string(dir.join(&p.path)).unwrap_or_default();
        let lower = text.to_ascii_lowercase();
        let has_rep = lower.contains("\"blocktype\": \"resource\"") || lower.contains("\"blocktype\":\"resource\"");
        let has_heading = lower.lines().any(|l| {
            let h = l.trim().trim_start_matches('#').trim();
            l.trim_start().starts_with('#') && (h == "properties" || h == "members" || h == "relationships")
        });
        if !(has_rep || has_heading) {
            continue;
        }
        describing += 1;
        if p.outcome == msgraph_docgen::model::Outcome::Parsed {
            produced += 1;
        }
        // Structured types defined by this very page: compare with an independent count.
        let own: Vec<&TypeDef> =
            api.types.iter().filter(|t| t.page == p.path && t.kind != TypeKind::Enum && t.source == msgraph_docgen::model::TypeSource::ResourcePage).collect();
        if let [t] = own.as_slice() {
            counted += 1;
            let expected = count_table_rows(&text) + from_representation.get(p.path.as_str()).copied().unwrap_or(0);
            if t.properties.len() == expected {
                matched += 1;
            } else {
                mismatched.push(format!("{}: {} != {expected}", p.path, t.properties.len()));
            }
        }
    }
    let coverage = produced as f64 / describing.max(1) as f64;
    let agreement = matched as f64 / counted.max(1) as f64;
    let typed = api.examples.iter().filter(|e| e.json_type.is_some()).count();
    let consistent = api.examples.iter().filter(|e| e.json_type.is_some() && e.outcome == ExampleOutcome::Tested).count();
    eprintln!("type pages: {produced}/{describing} produce a type ({:.2}%)", coverage * 100.0);
    eprintln!(
        "property counts: {matched}/{counted} agree ({:.2}%); first differences: {:?}",
        agreement * 100.0,
        mismatched.iter().take(10).collect::<Vec<_>>()
    );
    eprintln!("examples with a known type: {consistent}/{typed} tested ({:.2}%)", 100.0 * consistent as f64 / typed.max(1) as f64);
    assert!(coverage >= 0.99, "only {:.2}% of type pages produce a type", coverage * 100.0);
    assert!(agreement >= 0.99, "property counts agree for only {:.2}%", agreement * 100.0);
    // Every example with a known type is tested; those that contradict their
    // pages carry the diagnostics and are tested for the lossless round trip.
    let strict = api.examples.iter().filter(|e| e.json_type.is_some() && e.outcome == ExampleOutcome::Tested && !e.docs_inconsistent).count();
    eprintln!("consistent with their pages (strict check): {strict}/{typed} ({:.2}%)", 100.0 * strict as f64 / typed.max(1) as f64);
    let tested_share = consistent as f64 / typed.max(1) as f64;
    assert!(tested_share >= 0.95, "only {:.2}% of typed examples are tested", tested_share * 100.0);
}

// ---------------------------------------------------------------------------
// Property handles (src/emit/runtime/field.rs), on types shaped like the
// emitted ones: a base with two properties and a type derived from it.

mod shaped {
    use super::f;
    use super::support::{self as rt, Field, Kind, TypeInfo, TypeInfoRef};

    static GADGET_INFO: TypeInfo =
        TypeInfo { name: "ns.gadget", base: None, members: &[], fields: &[f("name", "Edm.String", false), f("tags", "Edm.String", true)], open: false };
    static WIDGET_INFO: TypeInfo = TypeInfo {
        name: "ns.widget",
        base: Some("ns.gadget"),
        members: &[],
        fields: &[f("count", "Edm.Int32", false), f("parts", "ns.gadget", true)],
        open: false,
    };
    pub static GADGET: TypeInfoRef = TypeInfoRef::of(&GADGET_INFO);
    pub static WIDGET: TypeInfoRef = TypeInfoRef::of(&WIDGET_INFO);

    pub mod kinds {
        pub enum Gadget {}
        pub enum Widget {}
    }

    pub struct GadgetFields {
        pub name: Field<kinds::Gadget, rt::Text, 0>,
        pub tags: Field<kinds::Gadget, rt::List<rt::Text>, 1>,
    }
    impl rt::sealed::FieldSet for GadgetFields {}

    pub struct WidgetFields {
        pub count: Field<kinds::Widget, rt::Int, 0>,
        pub parts: Field<kinds::Widget, rt::Many<kinds::Gadget>, 1>,
        pub name: Field<kinds::Gadget, rt::Text, 0>,
    }
    impl rt::sealed::FieldSet for WidgetFields {}

    impl Kind for kinds::Gadget {
        const INFO: &'static TypeInfoRef = &GADGET;
        type Fields = GadgetFields;
    }
    impl Kind for kinds::Widget {
        const INFO: &'static TypeInfoRef = &WIDGET;
        type Fields = WidgetFields;
    }
    impl rt::Derived for kinds::Widget {
        type Base = kinds::Gadget;
    }

    pub type Gadget = rt::Object<kinds::Gadget>;
    pub type Widget = rt::Object<kinds::Widget>;
}

#[test]
fn handles_read_and_set_properties_of_the_type_and_its_bases() {
    use shaped::{Gadget, Widget};
    assert_eq!(Widget::F.name.name(), "name");
    assert_eq!(Widget::F.parts.name(), "parts");
    assert_eq!(format!("{:?}", Widget::F.count), "ns.widget.count");
    assert_eq!(std::mem::size_of_val(&Widget::F), 0);

    let mut part = Gadget::new();
    part.set(Gadget::F.name, "bolt").set(Gadget::F.tags, vec!["small".to_string()]);
    let mut w = Widget::new();
    // A base type's property, through the derived type's handles or the base's.
    w.set(Widget::F.name, "w1").set(Widget::F.count, 3).set(Widget::F.parts, vec![part]);
    assert_eq!(w.to_json(), json!({"name": "w1", "count": 3, "parts": [{"name": "bolt", "tags": ["small"]}]}));
    assert_eq!(w.get(Widget::F.name), Some("w1"));
    assert_eq!(w.get(Gadget::F.name), Some("w1"));
    assert_eq!(w.get(Widget::F.count), Some(3));
    let names: Vec<Option<&str>> = w.get(Widget::F.parts).into_iter().flatten().map(|p| p.get(Gadget::F.name)).collect();
    assert_eq!(names, [Some("bolt")]);
    // Through `Deref`, a derived value is its base too.
    let as_base: &Gadget = &w;
    assert_eq!(as_base.get(Gadget::F.name), Some("w1"));
    // A value of another JSON kind reads as `None`, and nothing panics.
    let odd: Widget = serde_json::from_value(json!({"count": "three", "parts": 5, "name": null})).unwrap_or_default();
    assert_eq!((odd.get(Widget::F.count), odd.get(Widget::F.parts).is_none(), odd.get(Widget::F.name)), (None, true, None));
    assert!(odd.has(Widget::F.name) && !Widget::new().has(Widget::F.name));
}
