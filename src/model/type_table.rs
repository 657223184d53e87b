//! The one lookup of a type by its API name: [`TypeTable`] over
//! [`Api::types`](super::Api), which the lowering leaves sorted by version
//! then name, so a type's [`TypeId`] is its place there. The emitter's
//! writers look types up here instead of keeping maps of their own.

use super::TypeDef;

/// A type's place in `Api::types`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
}

impl<'a> TypeTable<'a> {
    /// The table of `types` (the model's, in order).
    pub fn new(types: &'a [TypeDef]) -> Self {
        let ids = types.iter().enumerate().map(|(i, t)| ((t.version.as_str(), t.name.as_str()), TypeId(i as u32))).collect();
        TypeTable { types, ids }
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

    /// How many types there are.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
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
}
