//! Cargo features of the generated crate: one per version, one per area
//! (the pages' `ms.prod`), and the umbrellas `full`, `all-areas` and
//! `all-types`.
//!
//! An area's feature turns on its endpoints and exactly the types it uses:
//! the types its own resource pages define and the types its examples name,
//! with every type those refer to (base types, property types), wherever
//! they are defined. Each type is gated on the areas that need it, so one
//! area compiles a few hundred types instead of half of them (measured: the
//! cloud-communications area needs 196 of 4,479 types; gating whole areas'
//! types instead would have compiled 1,725).

use super::{feature_of, version_module};
use crate::model::endpoints::module_of;
use crate::model::type_table::TypeId;
use crate::model::{Api, ExampleOutcome, RequestBody};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Features and how types are gated.
#[derive(Debug, Default)]
pub struct Features {
    /// Version features (`v1_0`, `beta`).
    pub versions: BTreeSet<String>,
    /// Area features.
    pub areas: BTreeSet<String>,
    /// Per type (indexed by its [`TypeId`]), the `cfg` predicate that compiles it.
    pub type_cfg: Vec<String>,
}

/// Work out every feature from the model.
pub fn features(api: &Api) -> Features {
    let mut f = Features::default();
    let versions: BTreeSet<&str> = api.endpoints.iter().map(|e| &*e.version).chain(api.types.iter().map(|t| &*t.version)).collect();
    f.versions = versions.into_iter().map(version_module).collect();
    let (page_area, endpoint_area) = rayon::join(
        || api.pages.iter().map(|p| (p.path.as_str(), p.area.as_deref())).collect::<rustc_hash::FxHashMap<&str, Option<&str>>>(),
        || api.endpoints.iter().map(|e| (e.page.as_str(), feature_of(&e.module))).collect::<rustc_hash::FxHashMap<&str, String>>(),
    );
    f.areas.extend(endpoint_area.values().cloned());
    // Types by index (their place in the model's list, their id);
    // references between them as index lists.
    // Per type: the types it refers to, and its own area's feature (when
    // that area has endpoints).
    let (refs, own_area): (Vec<Vec<usize>>, Vec<Option<String>>) = api
        .types
        .par_iter()
        .map(|t| {
            let refs = t.base_id.iter().chain(t.properties.iter().filter_map(|p| p.type_id.as_ref())).map(|id| id.index()).collect();
            let area = feature_of(&module_of(page_area.get(t.page.as_str()).copied().flatten()));
            (refs, f.areas.contains(&area).then_some(area))
        })
        .unzip();
    let seeds = area_seeds(api, &endpoint_area, own_area);
    let needed_by = needed_by(&seeds, &refs);
    // Areas are visited in order, so each list is sorted and distinct.
    let cfgs: Vec<String> = needed_by
        .par_iter()
        .map(|areas| {
            let mut cfg = String::from("any(feature = \"all-types\"");
            for a in areas {
                cfg.push_str(", feature = \"");
                cfg.push_str(a);
                cfg.push('"');
            }
            cfg.push(')');
            cfg
        })
        .collect();
    f.type_cfg = cfgs;
    f
}

/// The types each area starts from (as indices into `api.types`): its own
/// (`own_area`, per type), its tested examples', and those its operations
/// name.
fn area_seeds(api: &Api, endpoint_area: &rustc_hash::FxHashMap<&str, String>, own_area: Vec<Option<String>>) -> BTreeMap<String, Vec<usize>> {
    // The types each area starts from: its own and its examples'.
    let mut seeds: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, area) in own_area.into_iter().enumerate() {
        if let Some(area) = area {
            seeds.entry(area).or_default().push(i);
        }
    }
    // The examples' types are looked up in parallel and added in order.
    let example_seeds: Vec<Option<(&String, usize)>> = api
        .examples
        .par_iter()
        .map(|ex| {
            if ex.outcome != ExampleOutcome::Tested {
                return None;
            }
            let (ty, area) = (ex.json_type_id?, endpoint_area.get(ex.page.as_str())?);
            Some((area, ty.index()))
        })
        .collect();
    for (area, i) in example_seeds.into_iter().flatten() {
        match seeds.get_mut(area) {
            Some(s) => s.push(i),
            None => {
                seeds.insert(area.clone(), vec![i]);
            }
        }
    }
    // The types an area's operations name: responses, bodies, parameters.
    for ep in &api.endpoints {
        let Some(area) = endpoint_area.get(ep.page.as_str()) else { continue };
        for ty in operation_types(ep) {
            seeds.entry(area.clone()).or_default().push(ty.index());
        }
    }
    seeds
}

/// Per type, the areas that need it: each area's seeds closed over the
/// references between types (`refs`, per type), areas in order.
fn needed_by<'a>(seeds: &'a BTreeMap<String, Vec<usize>>, refs: &[Vec<usize>]) -> Vec<Vec<&'a str>> {
    let mut needed_by: Vec<Vec<&str>> = vec![Vec::new(); refs.len()];
    let mut seen = vec![false; refs.len()];
    for (area, start) in seeds {
        seen.iter_mut().for_each(|s| *s = false);
        let mut stack = start.clone();
        while let Some(i) = stack.pop() {
            let Some(s) = seen.get_mut(i) else { continue };
            if *s {
                continue;
            }
            *s = true;
            if let Some(n) = needed_by.get_mut(i) {
                n.push(area.as_str());
            }
            stack.extend(refs.get(i).into_iter().flatten().copied());
        }
    }
    needed_by
}

/// The model types an operation's signature and parameters name.
fn operation_types(ep: &crate::model::Endpoint) -> Vec<TypeId> {
    let mut out: Vec<TypeId> = ep.response.iter().filter_map(|r| r.type_id).collect();
    match &ep.request_body {
        RequestBody::Type { type_id, .. } => out.extend(*type_id),
        RequestBody::Parameters { parameters } => out.extend(parameters.iter().filter_map(|p| p.type_id)),
        _ => {}
    }
    out.extend(ep.query_parameters.iter().filter_map(|p| p.type_id));
    out
}

/// The `[features]` table.
pub fn toml(f: &Features) -> String {
    let list = |items: &[String]| items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ");
    let mut s = String::from("[features]\ndefault = [\"full\"]\n");
    let mut full: Vec<String> = f.versions.iter().cloned().collect();
    full.push("all-areas".into());
    s.push_str(&format!("full = [{}]\n", list(&full)));
    let mut all: Vec<String> = f.areas.iter().cloned().collect();
    all.push("all-types".into());
    s.push_str(&format!("all-areas = [{}]\n", list(&all)));
    s.push_str("# Every model type, whether or not an area uses it.\nall-types = []\n");
    for v in &f.versions {
        s.push_str(&format!("{v} = []\n"));
    }
    s.push_str("# Areas: their endpoints, and the types they use wherever these are defined.\n");
    for a in &f.areas {
        s.push_str(&format!("{a} = []\n"));
    }
    s
}
