//! Cargo features of the generated crate: one per version, one per area
//! (the pages' `ms.prod`), and one per area's types.
//!
//! An area's feature turns on its endpoints, its own types, and the type
//! features of every area whose types its examples use; a type feature turns
//! on the type features its types refer to (base types, property types).
//! Cargo follows the chain, so enabling one area compiles exactly the types
//! that area needs, wherever they are defined.

use super::{feature_of, version_module};
use crate::model::lower::module_of;
use crate::model::{Api, ExampleOutcome};
use std::collections::{BTreeMap, BTreeSet};

/// Features and what each turns on.
#[derive(Debug, Default)]
pub struct Features {
    /// Version features (`v1_0`, `beta`).
    pub versions: BTreeSet<String>,
    /// Area feature → type features it needs.
    pub areas: BTreeMap<String, BTreeSet<String>>,
    /// Type feature → other type features its types refer to.
    pub types: BTreeMap<String, BTreeSet<String>>,
    /// (version, type name) → its type feature.
    pub type_feature: BTreeMap<(String, String), String>,
}

/// Feature of an area's types.
pub fn types_feature(module: &str) -> String {
    format!("types-{}", feature_of(module).trim_end_matches("-area"))
}

/// Work out every feature from the model.
pub fn features(api: &Api) -> Features {
    let mut f = Features::default();
    let page_area: BTreeMap<&str, Option<&str>> = api.pages.iter().map(|p| (p.path.as_str(), p.area.as_deref())).collect();
    let module_of_page = |page: &str| module_of(page_area.get(page).copied().flatten());
    for t in &api.types {
        let tf = types_feature(&module_of_page(&t.page));
        f.type_feature.insert((t.version.clone(), t.name.clone()), tf.clone());
        f.types.entry(tf).or_default();
    }
    for t in &api.types {
        let own = &f.type_feature[&(t.version.clone(), t.name.clone())];
        let refs = t.base.iter().chain(t.properties.iter().map(|p| &p.ty));
        let mut deps = BTreeSet::new();
        for r in refs {
            if let Some(other) = f.type_feature.get(&(t.version.clone(), r.clone())) {
                if other != own {
                    deps.insert(other.clone());
                }
            }
        }
        f.types.entry(own.clone()).or_default().extend(deps);
    }
    for v in api.endpoints.iter().map(|e| &e.version).chain(api.types.iter().map(|t| &t.version)) {
        f.versions.insert(version_module(v));
    }
    for ep in &api.endpoints {
        let area = feature_of(&ep.module);
        let own = types_feature(&ep.module);
        let entry = f.areas.entry(area).or_default();
        if f.types.contains_key(&own) {
            entry.insert(own);
        }
    }
    let endpoint_module: BTreeMap<&str, &str> = api.endpoints.iter().map(|e| (e.page.as_str(), e.module.as_str())).collect();
    for ex in &api.examples {
        if ex.outcome != ExampleOutcome::Tested {
            continue;
        }
        let (Some(ty), Some(module)) = (ex.json_type.as_ref(), endpoint_module.get(ex.page.as_str())) else { continue };
        let version = ex.page.split('/').next().unwrap_or("").to_string();
        if let Some(tf) = f.type_feature.get(&(version, ty.clone())) {
            f.areas.entry(feature_of(module)).or_default().insert(tf.clone());
        }
    }
    f
}

/// The `[features]` table.
pub fn toml(f: &Features) -> String {
    let list = |items: &mut dyn Iterator<Item = &String>| items.map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ");
    let mut s = String::from("[features]\ndefault = [\"full\"]\n");
    let mut full: Vec<String> = f.versions.iter().cloned().collect();
    full.push("all-areas".into());
    s.push_str(&format!("full = [{}]\n", list(&mut full.iter())));
    let mut all: Vec<String> = f.areas.keys().cloned().collect();
    all.extend(f.types.keys().cloned());
    s.push_str(&format!("all-areas = [{}]\n", list(&mut all.iter())));
    for v in &f.versions {
        s.push_str(&format!("{v} = []\n"));
    }
    s.push_str("# Areas: endpoints, their own types and the types their examples use.\n");
    for (a, deps) in &f.areas {
        s.push_str(&format!("{a} = [{}]\n", list(&mut deps.iter())));
    }
    s.push_str("# Types of an area, and the types they refer to.\n");
    for (t, deps) in &f.types {
        s.push_str(&format!("{t} = [{}]\n", list(&mut deps.iter())));
    }
    s
}
