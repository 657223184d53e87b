//! Facts the parser reads from a page that the model keeps as they are: what
//! kind of page it is, and a permission table. They live with the parser, the
//! earlier stage, so that `parse` imports nothing from `model`; `model`
//! re-exports them under their old paths.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A string the model holds many copies of (a permission scope, a path
/// parameter's name): one block shared by every copy, read, compared,
/// hashed and serialised as the string itself.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shared(Arc<str>);

impl Shared {
    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Shared {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Shared {
    fn from(s: &str) -> Shared {
        Shared(s.into())
    }
}

impl From<String> for Shared {
    fn from(s: String) -> Shared {
        Shared(s.into())
    }
}

impl PartialEq<str> for Shared {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Shared {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Shared {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Shared> for &str {
    fn eq(&self, other: &Shared) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Shared> for String {
    fn eq(&self, other: &Shared) -> bool {
        **self == *other.0
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Shared {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Shared, D::Error> {
        String::deserialize(d).map(Shared::from)
    }
}

/// One [`Shared`] copy of each short string seen, handed out again for the
/// same text. A per-run or per-task value passed to what reads the strings
/// (one per task of the lowering): 38,800 permission scopes of the
/// 2021-07-16 pages name 334 distinct scopes. A memory measure: with
/// [`Shared`] it pays 10% of the live heap at a full generate's peak and
/// 19% of its blocks (docs/DESIGN.md, "Tenth round: share9").
#[derive(Debug)]
pub struct Interner {
    set: rustc_hash::FxHashSet<Shared>,
    max_kept: usize,
}

impl Default for Interner {
    fn default() -> Self {
        Interner::keeping(Self::MAX_KEPT)
    }
}

impl Interner {
    /// Strings longer than this are not kept (they are rarely repeated); the
    /// set is emptied past its limit (`MAX_KEPT` unless [`Interner::keeping`]
    /// says otherwise), so hostile input cannot grow it without bound.
    const MAX_SHARED_LEN: usize = 64;
    const MAX_KEPT: usize = 1 << 14;

    /// An interner that keeps at most `max_kept` strings.
    pub fn keeping(max_kept: usize) -> Self {
        Interner { set: Default::default(), max_kept }
    }

    /// The shared copy of `s`.
    pub fn get(&mut self, s: &str) -> Shared {
        if s.len() > Self::MAX_SHARED_LEN {
            return s.into();
        }
        if let Some(shared) = self.set.get(s) {
            return shared.clone();
        }
        if self.set.len() >= self.max_kept {
            self.set.clear();
        }
        let shared: Shared = s.into();
        self.set.insert(shared.clone());
        shared
    }
}

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
    pub scopes: Vec<Shared>,
    /// The scopes the page marks least privileged (a column of their own in
    /// today's tables; the first scope of the row in older ones).
    #[serde(default)]
    pub least_privileged: Vec<Shared>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_string_reads_and_writes_as_the_string() {
        let s = Shared::from("Mail.Read");
        assert_eq!(serde_json::to_string(&vec![s.clone()]).unwrap(), r#"["Mail.Read"]"#);
        assert_eq!(serde_json::from_str::<Shared>(r#""Mail.Read""#).unwrap(), s);
        assert_eq!(format!("{s:?} {s}"), r#""Mail.Read" Mail.Read"#);
        let owned = String::from("Mail.Read");
        assert_eq!(s, "Mail.Read");
        assert_eq!("Mail.Read", s);
        assert_eq!(s, owned);
        assert_eq!(owned, s);
    }

    #[test]
    fn the_interner_hands_out_one_copy_and_stays_bounded() {
        let mut strings = Interner::default();
        let (a, b) = (strings.get("User.Read"), strings.get(&String::from("User.Read")));
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        let long = "x".repeat(Interner::MAX_SHARED_LEN + 1);
        assert!(!std::ptr::eq(strings.get(&long).as_str(), strings.get(&long).as_str()));
        for i in 0..Interner::MAX_KEPT + 10 {
            assert_eq!(strings.get(&i.to_string()), i.to_string());
        }
        assert!(strings.set.len() <= Interner::MAX_KEPT);
    }
}
