//! The example type check exists twice: in the generator
//! (`model::types::check`, which decides the docs lint and whether an
//! example's test expects a contradiction) and in the generated crate's
//! runtime (`support::check`, which the example tests run). These tests feed
//! both the same values and require the same findings: hand-made cases for
//! every rule, and, when `GRAPH_DOCS_DIR` is set, every JSON example of the
//! corpus that has a known type.

#[path = "support/skip.rs"]
mod skip;

#[allow(dead_code, unused_imports, clippy::all)]
#[path = "../src/emit/runtime/support.rs"]
mod support;

use msgraph_docgen::model::types::{check, Mismatch, MismatchKind, Registry};
use msgraph_docgen::model::{Property, TypeDef, TypeKind, TypeSource};
use msgraph_docgen::parse::json::Json;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// A finding as both sides can state it: where, and which kind.
type Finding = (String, MismatchKind);

/// The runtime's view of `types`: what the emitter writes into a
/// `REGISTRY` (every field of `TypeInfo` taken from the model as is), sorted
/// by name. Leaked, as the runtime wants `'static` tables.
fn runtime_registry(types: &[TypeDef], version: &str) -> Vec<&'static support::TypeInfo> {
    let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
    let mut infos: Vec<&'static support::TypeInfo> = types
        .iter()
        .filter(|t| t.version == version)
        .map(|t| {
            let members: Vec<&'static str> = t.members.iter().map(|m| leak(m)).collect();
            let fields: Vec<support::FieldInfo> =
                t.properties.iter().map(|p| support::field(leak(&p.name), leak(&p.rust_name), leak(&p.ty), p.collection, p.nullable)).collect();
            let info = support::TypeInfo {
                name: leak(&t.name),
                base: t.base.as_deref().map(leak),
                members: Box::leak(members.into_boxed_slice()),
                fields: Box::leak(fields.into_boxed_slice()),
                open: t.open,
            };
            &*Box::leak(Box::new(info))
        })
        .collect();
    infos.sort_by(|a, b| a.name.cmp(b.name));
    infos
}

fn model_findings(reg: &Registry, v: &Value, ty: &str, collection: bool, keys_only: bool) -> BTreeSet<Finding> {
    let json: Json = serde_json::from_value(v.clone()).expect("a Value converts to the model's Json");
    let mut out: Vec<Mismatch> = Vec::new();
    check(&json, ty, collection, reg, "", keys_only, &mut out);
    out.into_iter().map(|m| (m.pointer, m.kind)).collect()
}

fn runtime_findings(reg: &[&support::TypeInfo], v: &Value, ty: &str, collection: bool, keys_only: bool) -> BTreeSet<Finding> {
    let mut out = Vec::new();
    if keys_only {
        support::check_keys(v, ty, collection, reg, "", &mut out);
    } else {
        support::check(v, ty, collection, reg, "", &mut out);
    }
    out.into_iter()
        .map(|m| {
            let kind = match m.found {
                "undeclared property" => MismatchKind::Undeclared,
                "unlisted enum value" => MismatchKind::UnlistedMember,
                _ => MismatchKind::WrongKind,
            };
            (m.pointer, kind)
        })
        .collect()
}

/// Both checks on one value; panics when they disagree, returns the findings.
fn both(types: &[TypeDef], v: &Value, ty: &str, collection: bool, keys_only: bool) -> BTreeSet<Finding> {
    let model = model_findings(&Registry::new(types, "v1.0"), v, ty, collection, keys_only);
    let runtime = runtime_findings(&runtime_registry(types, "v1.0"), v, ty, collection, keys_only);
    let shown: String = v.to_string().chars().take(200).collect();
    assert_eq!(model, runtime, "model (left) and runtime (right) disagree on {ty} for {shown}");
    model
}

fn prop(name: &str, ty: &str, collection: bool) -> Property {
    Property { name: name.into(), rust_name: name.into(), ty: ty.into(), type_id: None, collection, nullable: true }
}

fn ty(name: &str, kind: TypeKind, base: Option<&str>, properties: Vec<Property>, members: &[&str], open: bool) -> TypeDef {
    TypeDef {
        version: "v1.0".into(),
        name: name.into(),
        rust_name: name.rsplit('.').next().unwrap_or(name).into(),
        kind,
        source: TypeSource::ResourcePage,
        page: "v1.0/resources/x.md".into(),
        base: base.map(Into::into),
        base_id: None,
        properties,
        rust_members: members.iter().map(|m| m.to_string()).collect(),
        members: members.iter().map(|m| m.to_string()).collect(),
        open,
    }
}

/// The types, their references resolved to ids as the lowering does.
fn fixture_types() -> Vec<TypeDef> {
    let mut types = vec![
        ty("ns.color", TypeKind::Enum, None, vec![], &["red", "green"], false),
        ty("ns.empty", TypeKind::Enum, None, vec![], &[], false),
        ty(
            "ns.base",
            TypeKind::Entity,
            None,
            vec![prop("id", "Edm.String", false), prop("count", "Edm.Int32", false), prop("color", "ns.color", false)],
            &[],
            false,
        ),
        ty("ns.derived", TypeKind::Entity, Some("ns.base"), vec![prop("size", "Edm.Double", false), prop("tags", "Edm.String", true)], &[], false),
        ty("ns.bag", TypeKind::Complex, None, vec![prop("known", "Edm.Boolean", false)], &[], true),
        ty("ns.holder", TypeKind::Complex, None, vec![prop("shade", "ns.empty", false), prop("other", "ns.nowhere", false)], &[], false),
        ty("ns.node", TypeKind::Complex, None, vec![prop("a/b/c", "ns.node", false), prop("next", "ns.node", false)], &[], false),
    ];
    msgraph_docgen::model::type_table::resolve_type_ids(&mut types);
    types
}

fn finding(pointer: &str, kind: MismatchKind) -> Finding {
    (pointer.to_string(), kind)
}

#[test]
fn both_checks_agree_on_every_rule() {
    let types = fixture_types();
    let none = BTreeSet::new();
    // Fits: primitives, a flags enum, base-type properties, NaN as a string.
    let v = json!({"id": "x", "count": 3, "color": "red, green", "size": "NaN", "tags": ["a", null]});
    assert_eq!(both(&types, &v, "ns.derived", false, false), none);
    // Wrong kinds, an unlisted member and an undeclared property.
    let v = json!({"id": 1, "count": 1.5, "color": "blue", "extra": true, "tags": "a"});
    assert_eq!(
        both(&types, &v, "ns.derived", false, false),
        BTreeSet::from([
            finding("/id", MismatchKind::WrongKind),
            finding("/count", MismatchKind::WrongKind),
            finding("/color", MismatchKind::UnlistedMember),
            finding("/extra", MismatchKind::Undeclared),
            finding("/tags", MismatchKind::WrongKind),
        ])
    );
    // Property names only, for representations.
    assert_eq!(both(&types, &v, "ns.derived", false, true), BTreeSet::from([finding("/extra", MismatchKind::Undeclared)]));
    // @odata.type picks the derived type; an open type takes anything more.
    assert_eq!(both(&types, &json!({"@odata.type": "#ns.derived", "size": 2}), "ns.base", false, false), none);
    assert_eq!(both(&types, &json!({"known": false, "anything": [1]}), "ns.bag", false, false), none);
    // A collection, and a value where one was expected; a type defined nowhere.
    assert_eq!(both(&types, &json!([{"id": "a"}, {"id": 2}]), "ns.base", true, false), BTreeSet::from([finding("/1/id", MismatchKind::WrongKind)]));
    assert_eq!(both(&types, &json!({"id": "a"}), "ns.base", true, false), BTreeSet::from([finding("", MismatchKind::WrongKind)]));
    assert_eq!(both(&types, &json!({"other": [1, {"x": 2}]}), "ns.holder", false, false), none);
}

#[test]
fn both_checks_agree_on_an_enum_without_members() {
    let types = fixture_types();
    // The lowering never makes such an enum (W105 drops its table), but a
    // model read back from JSON can hold one: both sides must say the same.
    for v in [json!({"shade": "anything"}), json!({"shade": {"k": 1}}), json!({"shade": 4}), json!({"shade": null})] {
        let found = both(&types, &v, "ns.holder", false, false);
        let expect_finding = !v["shade"].is_null();
        assert_eq!(!found.is_empty(), expect_finding, "{v}: {found:?}");
    }
}

/// `levels` objects nested through `key`.
fn nested(key: &str, levels: usize) -> Value {
    let mut v = json!({});
    for _ in 0..levels {
        v = json!({ key: v });
    }
    v
}

#[test]
fn both_checks_count_nesting_in_levels_not_slashes() {
    let types = fixture_types();
    // 200 levels through a key holding `/`: 600 slashes in the pointer, but
    // within the 256 levels both sides follow.
    assert_eq!(both(&types, &nested("a/b/c", 200), "ns.node", false, false), BTreeSet::new());
    assert_eq!(both(&types, &nested("next", 200), "ns.node", false, false), BTreeSet::new());
    // Past the limit both report the one value that is too deep, wherever the
    // slashes are.
    let deep = both(&types, &nested("a/b/c", 300), "ns.node", false, false);
    assert_eq!(deep.len(), 1, "{deep:?}");
    assert_eq!(deep.first().map(|f| f.0.matches("a/b/c").count()), Some(support::MAX_CHECK_DEPTH + 1));
}

#[test]
fn corpus_examples_get_the_same_verdict_from_both_checks() {
    let Some(dir) = skip::env_dir("GRAPH_DOCS_DIR") else {
        return;
    };
    let api = match msgraph_docgen::load(std::path::Path::new(&dir), &[], &[]) {
        Ok(l) => l.api,
        Err(e) => panic!("cannot load {}: {e}", dir.to_string_lossy()),
    };
    let versions: BTreeSet<&str> = api.types.iter().map(|t| t.version.as_str()).collect();
    let registries: Vec<(&str, Registry, Vec<&support::TypeInfo>)> =
        versions.iter().map(|v| (*v, Registry::new(&api.types, v), runtime_registry(&api.types, v))).collect();
    let (mut checked, mut inconsistent, mut disagree) = (0usize, 0usize, Vec::new());
    for ex in &api.examples {
        let (Some(ty), Some(json)) = (&ex.json_type, &ex.json) else { continue };
        let version = ex.page.split('/').next().unwrap_or("");
        let Some((_, model_reg, runtime_reg)) = registries.iter().find(|r| r.0 == version) else { continue };
        let value = serde_json::to_value(json).expect("example JSON serialises");
        // Items as the runtime's round trip splits them.
        let items: Vec<&Value> = match (ex.json_collection, value.get("value")) {
            (true, Some(Value::Array(items))) => items.iter().collect(),
            _ => vec![&value],
        };
        let mut runtime_any = false;
        for item in items {
            let model = model_findings(model_reg, item, ty, false, ex.representation);
            let runtime = runtime_findings(runtime_reg, item, ty, false, ex.representation);
            runtime_any |= !runtime.is_empty();
            if model != runtime {
                disagree.push(format!("{} ({}): model {model:?}, runtime {runtime:?}", ex.id, ex.page));
            }
        }
        if runtime_any != ex.docs_inconsistent {
            disagree.push(format!("{} ({}): generator says inconsistent={}, runtime finds {runtime_any}", ex.id, ex.page, ex.docs_inconsistent));
        }
        checked += 1;
        inconsistent += usize::from(runtime_any);
    }
    eprintln!("{checked} typed examples checked by both, {inconsistent} contradict their type in both");
    assert!(checked > 1000, "the corpus should have thousands of typed examples, found {checked}");
    assert!(disagree.is_empty(), "{} disagreements, first: {:#?}", disagree.len(), &disagree[..disagree.len().min(10)]);
}
