//! Facts the parser reads from a page that the model keeps as they are: what
//! kind of page it is, and a permission table. They live with the parser, the
//! earlier stage, so that `parse` imports nothing from `model`; `model`
//! re-exports them under their old paths.

use serde::{Deserialize, Serialize};

/// What a page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// `*/api/*.md`: one operation.
    Api,
    /// `*/resources/*.md`: one type.
    Resource,
    /// Anything else (overviews, includes).
    Other,
}

/// The three documented permission types.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work: Permission,
    /// Delegated (personal Microsoft account).
    pub delegated_personal: Permission,
    /// Application.
    pub application: Permission,
}

/// Support and scopes for one permission type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permission {
    /// Whether this permission type can call the API.
    pub supported: bool,
    /// Scopes in documented order (least to most privileged where the page says so).
    pub scopes: Vec<String>,
    /// The scopes the page marks least privileged (a column of their own in
    /// today's tables; the first scope of the row in older ones).
    #[serde(default)]
    pub least_privileged: Vec<String>,
}
