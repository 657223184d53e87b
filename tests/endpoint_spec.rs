//! An endpoint's `static` and a model type's `infos` static hold their facts
//! as one string (a spec), written by the runtime's encoder and read back by
//! the runtime's decoder in the generated crate. These tests check that what
//! is read back is the model's endpoint or type, field by field, on
//! hand-made values with awkward text and on every endpoint and type of the
//! corpus (`GRAPH_DOCS_DIR`, skipped when unset); and that malformed specs
//! decode to a value without panicking.

#[path = "support/skip.rs"]
mod skip;

use msgraph_docgen::emit::endpoints::spec;
use msgraph_docgen::emit::runtime::{Endpoint as RtEndpoint, EndpointRef, Permission as RtPermission, Permissions as RtPermissions};
use msgraph_docgen::emit::runtime::{TypeInfoRef, TypeLookup};
use msgraph_docgen::emit::types::spec as spec_of_type;
use msgraph_docgen::model::{Endpoint, Header, Permission, PermissionScenario, Permissions};

/// A spec decoded for the rest of the test run (what a `static` does once).
fn decode(spec: String) -> &'static RtEndpoint {
    decode_static(Box::leak(spec.into_boxed_str()))
}

fn decode_static(spec: &'static str) -> &'static RtEndpoint {
    let r: &'static EndpointRef = Box::leak(Box::new(EndpointRef::new(spec)));
    r.get()
}

fn same_permission(rt: &RtPermission, m: &Permission) -> Result<(), String> {
    let scopes: Vec<&str> = m.scopes.iter().map(|s| s.as_str()).collect();
    let least: Vec<&str> = m.least_privileged.iter().map(|s| s.as_str()).collect();
    if rt.supported != m.supported || (m.supported && (rt.scopes != scopes.as_slice() || rt.least != least.as_slice())) {
        return Err(format!("permission {rt:?} != model {m:?}"));
    }
    Ok(())
}

fn same_permissions(rt: Option<&RtPermissions>, m: Option<&Permissions>) -> Result<(), String> {
    match (rt, m) {
        (None, None) => Ok(()),
        (Some(r), Some(m)) => {
            same_permission(&r.delegated_work, &m.delegated_work)?;
            same_permission(&r.delegated_personal, &m.delegated_personal)?;
            same_permission(&r.application, &m.application)
        }
        (r, m) => Err(format!("permissions {r:?} != model {m:?}")),
    }
}

/// Every field the spec carries, compared with the model it came from.
fn same(rt: &RtEndpoint, m: &Endpoint) -> Result<(), String> {
    let text = [(rt.name, m.name.as_str()), (rt.title, &m.title), (rt.page, &m.page), (rt.version, &m.version), (rt.method, &m.method)];
    for (got, want) in text {
        if got != want {
            return Err(format!("{got:?} != {want:?}"));
        }
    }
    if rt.success_status != m.success_status || rt.query_options != m.query_options.as_slice() {
        return Err("status or query options differ".into());
    }
    let headers: Vec<(&str, Option<&str>, bool)> = rt.headers.iter().map(|h| (h.name, h.value, h.required)).collect();
    let want: Vec<(&str, Option<&str>, bool)> = m.headers.iter().map(|h| (h.name.as_str(), h.value.as_deref(), h.required)).collect();
    if headers != want {
        return Err(format!("headers {headers:?} != {want:?}"));
    }
    same_permissions(rt.permissions.as_ref(), m.permissions.as_ref())?;
    if rt.paths.len() != m.paths.len() {
        return Err("path count differs".into());
    }
    for (r, p) in rt.paths.iter().zip(&m.paths) {
        if r.template != p.template || r.params != p.params.as_slice() || r.function != p.fn_name || r.deprecated != p.deprecated {
            return Err(format!("path {r:?} != model {}", p.template));
        }
        if r.pieces.len() != r.params.len() + 1 {
            return Err(format!("path {}: {} pieces for {} parameters", p.template, r.pieces.len(), r.params.len()));
        }
        same_permissions(r.permissions.as_ref(), p.permissions.as_deref())?;
        if r.scenarios.len() != p.permission_scenarios.len() {
            return Err(format!("path {}: scenario count differs", p.template));
        }
        for ((caption, table), s) in r.scenarios.iter().zip(&p.permission_scenarios) {
            if *caption != s.caption {
                return Err(format!("scenario {caption:?} != {:?}", s.caption));
            }
            same_permissions(Some(table), Some(&s.permissions))?;
        }
    }
    Ok(())
}

fn permission(scopes: &[&str], least: &[&str]) -> Permission {
    Permission {
        supported: true,
        scopes: scopes.iter().map(|s| s.to_string().into()).collect(),
        least_privileged: least.iter().map(|s| s.to_string().into()).collect(),
    }
}

/// An endpoint whose text has everything the format must carry through:
/// spaces, colons, digits, `+` and `-` as whole strings, empty strings,
/// non-ASCII text, an absent status, scenarios and a path of its own table.
fn awkward() -> Endpoint {
    let table = Permissions {
        delegated_work: permission(&["A.Read", "B: c d"], &["A.Read"]),
        delegated_personal: Permission::default(),
        application: permission(&[], &[]),
    };
    let path = |template: &str| {
        let mut p = msgraph_docgen::model::template::path_template(template, false, 1);
        p.fn_name = format!("f_{}", p.params.len());
        p
    };
    let mut p1 = path("/a/{x}/b: c/{y} 12:3 - +");
    assert_eq!(p1.params.len(), 2);
    p1.permissions = Some(Box::new(table.clone()));
    p1.deprecated = true;
    let mut p2 = path("/é/ü");
    p2.permission_scenarios = vec![
        PermissionScenario { caption: "-".into(), permissions: table.clone() },
        PermissionScenario { caption: String::new(), permissions: Permissions::default() },
    ];
    // Any endpoint of the fixture docs, every field the spec carries replaced.
    let api = msgraph_docgen::load(std::path::Path::new("docs-input"), &[], &[]).expect("the fixture docs load").api;
    let base = api.endpoints.into_iter().next().expect("an endpoint");
    Endpoint {
        version: "v1.0".into(),
        page: "v1.0/api/a b.md".into(),
        name: "a_b".into(),
        title: "12: a title with \"quotes\" and a \\ and\nnewline".into(),
        method: "PATCH".into(),
        paths: vec![p1, p2],
        permissions: Some(table),
        success_status: None,
        query_options: vec!["$select".into(), "+".into(), String::new()],
        headers: vec![
            Header { name: "Prefer".into(), value: Some("return=minimal".into()), required: false },
            Header { name: "-".into(), value: Some(String::new()), required: true },
            Header { name: "Authorization".into(), value: None, required: true },
        ],
        ..base
    }
}

#[test]
fn awkward_text_round_trips() {
    let ep = awkward();
    let s = spec(&ep);
    let decoded = decode(s.clone());
    same(decoded, &ep).unwrap();
    // Encoding what was decoded gives the same spec back.
    assert_eq!(decoded.to_spec(), s);
    // A path's own table governs it; a path with scenarios has none.
    assert!(decoded.path_permissions(0).is_some());
    assert!(decoded.path_permissions(1).is_none());
    assert_eq!(decoded.paths[1].scenarios.len(), 2);
}

#[test]
fn an_endpoint_ref_decodes_once_and_derefs() {
    let r: &'static EndpointRef = Box::leak(Box::new(EndpointRef::new(Box::leak(spec(&awkward()).into_boxed_str()))));
    let first: *const RtEndpoint = r.get();
    assert!(std::ptr::eq(first, r.get()), "decoded twice");
    assert_eq!(r.method, "PATCH");
    assert_eq!(r.paths.len(), 2);
    assert_eq!(format!("{r:?}"), format!("{:?}", r.get()));
}

/// Threads that ask for an endpoint and a type description at the same
/// first moment all get the one value kept (the others made on the way
/// are dropped, never handed out).
#[test]
fn first_use_from_many_threads_keeps_one_value() {
    for _ in 0..20 {
        let r: &'static EndpointRef = Box::leak(Box::new(EndpointRef::new(Box::leak(spec(&awkward()).into_boxed_str()))));
        let t = decode_type(String::from("5:x.big - 2 1:a 1:b - 0 "));
        let start = std::sync::Barrier::new(8);
        let got: Vec<(usize, usize)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        start.wait();
                        (r.get() as *const RtEndpoint as usize, t.get() as *const _ as usize)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(got.iter().all(|g| *g == got[0]), "{got:?}");
        assert_eq!(got[0], (r.get() as *const RtEndpoint as usize, t.get() as *const _ as usize));
        assert_eq!(t.get().members, ["a", "b"]);
        same(r.get(), &awkward()).unwrap();
    }
}

#[test]
fn malformed_specs_decode_without_panicking() {
    let s = spec(&awkward());
    // Every prefix, and every prefix with the byte after it changed.
    let mut cases: Vec<String> = (0..=s.len()).filter(|i| s.is_char_boundary(*i)).map(|i| s[..i].to_string()).collect();
    for (i, c) in s.char_indices().filter(|(_, c)| c.is_ascii()) {
        for replacement in ['9', ':', ' ', '-', 'x'] {
            if c != replacement {
                cases.push(format!("{}{}{}", &s[..i], replacement, &s[i + 1..]));
            }
        }
    }
    cases.extend(["", " ", ":", "99999999999999999999:", "18446744073709551615 ", "3:ab", "+ + + +"].map(String::from));
    let mut decoded_paths = 0;
    for case in cases {
        let text: &'static str = Box::leak(case.into_boxed_str());
        let ep = decode_static(text);
        decoded_paths += ep.paths.len();
        // Whatever is read is borrowed from the spec, never made up.
        let within = |s: &str| s.is_empty() || (s.as_ptr() >= text.as_ptr() && s.as_ptr() as usize + s.len() <= text.as_ptr() as usize + text.len());
        let mut texts = vec![ep.name, ep.title, ep.page, ep.version, ep.method];
        texts.extend(ep.query_options);
        for p in ep.paths {
            texts.extend([p.template, p.function]);
            texts.extend(p.params.iter().chain(p.pieces));
        }
        assert!(texts.iter().all(|s| within(s)), "decoded text outside the spec {text:?}");
    }
    assert!(decoded_paths > 0, "no malformed case kept a path: the test did not reach the paths");
}

#[test]
fn every_corpus_endpoint_round_trips() {
    let Some(api) = corpus() else { return };
    assert!(api.endpoints.len() > 1000, "only {} endpoints", api.endpoints.len());
    let mut failures = Vec::new();
    for ep in &api.endpoints {
        let s = spec(ep);
        let decoded = decode(s.clone());
        if let Err(e) = same(decoded, ep).and_then(|()| if decoded.to_spec() == s { Ok(()) } else { Err("re-encoding differs".into()) }) {
            failures.push(format!("{} {}: {e}", ep.page, ep.name));
        }
    }
    eprintln!("{} endpoints round-tripped, {} failed", api.endpoints.len() - failures.len(), failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every field of a model type's description, compared with the model.
fn same_type(rt: &msgraph_docgen::emit::runtime::TypeInfo, t: &msgraph_docgen::model::TypeDef) -> Result<(), String> {
    let fields: Vec<(&str, &str, &str, bool, bool)> = rt.fields.iter().map(|f| (f.json, f.rust, f.ty, f.collection, f.nullable)).collect();
    let want: Vec<(&str, &str, &str, bool, bool)> =
        t.properties.iter().map(|p| (p.name.as_str(), p.rust_name.as_str(), p.ty.as_str(), p.collection, p.nullable)).collect();
    if rt.name != t.name || rt.base != t.base.as_deref() || rt.members != t.members.as_slice() || rt.open != t.open || fields != want {
        return Err(format!("{rt:?} != model {}", t.name));
    }
    Ok(())
}

fn decode_type(spec: String) -> &'static TypeInfoRef {
    Box::leak(Box::new(TypeInfoRef::new(Box::leak(spec.into_boxed_str()))))
}

#[test]
fn awkward_types_round_trip_and_look_up_by_name() {
    let api = msgraph_docgen::load(std::path::Path::new("docs-input"), &[], &[]).expect("the fixture docs load").api;
    let mut t = api.types.iter().find(|t| !t.properties.is_empty()).expect("a structured type").clone();
    t.name = "ns.a b: 3:c".into();
    t.base = Some("-".into());
    t.members = vec![String::new(), "+".into(), "é ü".into()];
    t.open = true;
    t.properties[0].name = "12:x y".into();
    t.properties[0].collection = true;
    let r = decode_type(spec_of_type(&t));
    same_type(r.get(), &t).unwrap();
    assert_eq!(r.get().to_spec(), r.spec());
    assert_eq!(r.name(), t.name);
    // A registry of specs, sorted by name, looks types up by name.
    let mut refs: Vec<&'static TypeInfoRef> = api.types.iter().map(|t| decode_type(spec_of_type(t))).collect();
    refs.sort_by_key(|r| r.name());
    let table: &[&TypeInfoRef] = &refs;
    for t in &api.types {
        assert_eq!(table.lookup(&t.name).map(|i| i.name), Some(t.name.as_str()));
    }
    assert!(table.lookup("ns.nothing").is_none());
}

#[test]
fn malformed_type_specs_decode_without_panicking() {
    let api = msgraph_docgen::load(std::path::Path::new("docs-input"), &[], &[]).expect("the fixture docs load").api;
    let t = api.types.iter().max_by_key(|t| t.properties.len()).expect("a type");
    let s = spec_of_type(t);
    let mut fields = 0;
    for i in (0..=s.len()).filter(|i| s.is_char_boundary(*i)) {
        for case in [s[..i].to_string(), format!("{}x{}", &s[..i], s.get(i + 1..).unwrap_or(""))] {
            let r = decode_type(case);
            fields += r.get().fields.len();
            let _ = r.name();
        }
    }
    assert!(fields > 0, "no malformed case kept a field: the test did not reach the fields");
}

#[test]
fn every_corpus_type_round_trips() {
    let Some(api) = corpus() else { return };
    assert!(api.types.len() > 1000, "only {} types", api.types.len());
    let mut failures = Vec::new();
    for t in &api.types {
        let r = decode_type(spec_of_type(t));
        if let Err(e) = same_type(r.get(), t).and_then(|()| if r.get().to_spec() == r.spec() { Ok(()) } else { Err("re-encoding differs".into()) }) {
            failures.push(format!("{}: {e}", t.name));
        }
    }
    eprintln!("{} types round-tripped, {} failed", api.types.len() - failures.len(), failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The model of the corpus at `GRAPH_DOCS_DIR`, or `None` (with a notice)
/// when it is not set.
fn corpus() -> Option<msgraph_docgen::model::Api> {
    let Some(dir) = std::env::var_os("GRAPH_DOCS_DIR").filter(|d| !d.is_empty()) else {
        skip::skip("GRAPH_DOCS_DIR is not set");
        return None;
    };
    Some(msgraph_docgen::load(std::path::Path::new(&dir), &[], &[]).expect("the corpus loads").api)
}
