//! The one lookup of a type by its API name: [`TypeTable`] over
//! [`Api::types`](super::Api), which the lowering leaves sorted by version
//! then name, so a type's [`TypeId`] is its place there.
//!
//! Once the types are final, [`resolve_ids`] gives every reference to a
//! type in the model (a property's, a base, a parameter's, a response's, a
//! request body's) the id of the type it names, beside the name; the check
//! and the emitter then index `Api::types` by id. A name is looked up here
//! only where it comes from outside the model: an example's `@odata.type`.

use super::{Api, Endpoint, RequestBody, TypeDef};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// A type's place in `Api::types`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TypeId(pub u32);

impl TypeId {
    /// The index into `Api::types`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Every type of the model by (version, namespace-qualified API name).
#[derive(Clone, Debug)]
pub struct TypeTable<'a> {
    types: &'a [TypeDef],
    ids: rustc_hash::FxHashMap<(&'a str, &'a str), TypeId>,
    /// By (version, lower-case name), the first type in table order; built
    /// by [`TypeTable::with_case_folding`].
    folded: rustc_hash::FxHashMap<(&'a str, String), TypeId>,
}

impl<'a> TypeTable<'a> {
    /// The table of `types` (the model's, in order).
    pub fn new(types: &'a [TypeDef]) -> Self {
        let ids = types.iter().enumerate().map(|(i, t)| ((t.version.as_str(), t.name.as_str()), TypeId(i as u32))).collect();
        TypeTable { types, ids, folded: Default::default() }
    }

    /// The table, able to look names up ignoring ASCII case too
    /// ([`TypeTable::id_ignore_case`]).
    pub fn with_case_folding(mut self) -> Self {
        for (i, t) in self.types.iter().enumerate() {
            self.folded.entry((t.version.as_str(), t.name.to_ascii_lowercase())).or_insert(TypeId(i as u32));
        }
        self
    }

    /// The id of the type `name` of `version`.
    pub fn id(&self, version: &str, name: &str) -> Option<TypeId> {
        self.ids.get(&(version, name)).copied()
    }

    /// The type of an id.
    pub fn get(&self, id: TypeId) -> Option<&'a TypeDef> {
        self.types.get(id.index())
    }

    /// The type `name` of `version`.
    pub fn find(&self, version: &str, name: &str) -> Option<&'a TypeDef> {
        self.id(version, name).and_then(|id| self.get(id))
    }

    /// The type an optional id names (`None` for a primitive or a name no
    /// page defines).
    pub fn of(&self, id: Option<TypeId>) -> Option<&'a TypeDef> {
        id.and_then(|id| self.get(id))
    }

    /// The first type in table order whose name equals `name` ignoring
    /// ASCII case (an example may spell a type name in another case); only
    /// in a table built [`TypeTable::with_case_folding`].
    pub fn id_ignore_case(&self, version: &str, name: &str) -> Option<TypeId> {
        self.folded.get(&(version, name.to_ascii_lowercase())).copied()
    }

    /// How many types there are.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}

/// Give every reference to a type in the types and endpoints of `api` the
/// id of the type it names in its version (`None` for a primitive or a name
/// no page defines). `api.types` must be in their final order.
pub fn resolve_ids(api: &mut Api) {
    let Api { types, endpoints, .. } = api;
    resolve_type_ids(types);
    let table = TypeTable::new(types);
    endpoints.par_iter_mut().for_each(|ep| resolve_endpoint(ep, &table));
}

/// The ids of the bases and property types of `types` (the model's, in
/// their final order; also for types built by hand, as the tests do).
pub fn resolve_type_ids(types: &mut [TypeDef]) {
    let found: Vec<(Option<TypeId>, Vec<Option<TypeId>>)> = {
        let table = TypeTable::new(types);
        types
            .par_iter()
            .map(|t| {
                let base = t.base.as_deref().and_then(|b| table.id(&t.version, b));
                (base, t.properties.iter().map(|p| table.id(&t.version, &p.ty)).collect())
            })
            .collect()
    };
    for (t, (base, props)) in types.iter_mut().zip(found) {
        t.base_id = base;
        for (p, id) in t.properties.iter_mut().zip(props) {
            p.type_id = id;
        }
    }
}

fn resolve_endpoint(ep: &mut Endpoint, table: &TypeTable) {
    let version = ep.version.as_str();
    if let Some(r) = ep.response.as_mut() {
        r.type_id = table.id(version, &r.ty);
    }
    match &mut ep.request_body {
        RequestBody::Type { ty, type_id, .. } => *type_id = table.id(version, ty),
        RequestBody::Parameters { parameters } => {
            for p in parameters {
                p.type_id = table.id(version, &p.ty);
            }
        }
        _ => {}
    }
    for p in &mut ep.query_parameters {
        p.type_id = table.id(version, &p.ty);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TypeKind, TypeSource};

    fn ty(version: &str, name: &str) -> TypeDef {
        TypeDef {
            version: version.into(),
            name: name.into(),
            rust_name: String::new(),
            kind: TypeKind::Complex,
            source: TypeSource::ResourcePage,
            page: String::new(),
            base: None,
            properties: Vec::new(),
            members: Vec::new(),
            rust_members: Vec::new(),
            open: false,
            base_id: None,
        }
    }

    #[test]
    fn looks_up_by_version_and_name() {
        let types = [ty("beta", "microsoft.graph.user"), ty("v1.0", "microsoft.graph.user")];
        let table = TypeTable::new(&types);
        assert_eq!(table.id("v1.0", "microsoft.graph.user"), Some(TypeId(1)));
        assert_eq!(table.find("beta", "microsoft.graph.user").map(|t| t.version.as_str()), Some("beta"));
        assert_eq!(table.find("v1.0", "microsoft.graph.group"), None);
        assert_eq!(table.get(TypeId(2)).map(|t| t.name.as_str()), None);
        assert_eq!(table.len(), 2);
    }

    #[test]
    fn references_resolve_to_ids_in_their_own_version() {
        let mut derived = ty("v1.0", "microsoft.graph.widget");
        derived.base = Some("microsoft.graph.entity".into());
        derived.properties = ["microsoft.graph.widget", "Edm.String", "microsoft.graph.nowhere"]
            .iter()
            .map(|t| crate::model::Property { name: "p".into(), rust_name: "p".into(), ty: (*t).into(), type_id: None, collection: false, nullable: true })
            .collect();
        let mut types = vec![ty("beta", "microsoft.graph.entity"), ty("v1.0", "microsoft.graph.entity"), derived];
        resolve_type_ids(&mut types);
        assert_eq!(types[2].base_id, Some(TypeId(1)), "the base of the same version");
        let ids: Vec<Option<TypeId>> = types[2].properties.iter().map(|p| p.type_id).collect();
        assert_eq!(ids, [Some(TypeId(2)), None, None]);
        let table = TypeTable::new(&types).with_case_folding();
        assert_eq!(table.id_ignore_case("v1.0", "Microsoft.Graph.Widget"), Some(TypeId(2)));
        assert_eq!(table.id_ignore_case("v2", "microsoft.graph.widget"), None);
    }
}
