//! The client's permission pre-flight: the documented permissions of a
//! request's path against what the caller was granted, given or read from
//! an access token's claims.

use super::{Error, Grants};
use crate::support::{Endpoint, PermissionType, Permissions};
use std::fmt;

/// A pre-flight refusal: names the operation and, when one exists, the
/// least-privileged scope that would allow it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PermissionDenied {
    /// The operation (`Endpoint::name`).
    pub operation: &'static str,
    /// The permission type checked.
    pub kind: PermissionType,
    /// The least-privileged documented scope for `kind`; `None` when the
    /// permission type cannot call the operation at all.
    pub least_privileged: Option<&'static str>,
    /// What was granted.
    pub granted: Vec<String>,
}

impl fmt::Display for PermissionDenied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.least_privileged {
            Some(scope) => write!(f, "{} needs {scope} ({:?}) or a higher documented scope; granted: [{}]", self.operation, self.kind, self.granted.join(", ")),
            None => write!(f, "{} cannot be called with {:?} permissions", self.operation, self.kind),
        }
    }
}

/// Check `granted` against the documented permissions of a request's path
/// ([`crate::support::Request::path_permissions`]). Unknown permissions pass: the check
/// refuses only what the docs say cannot work.
pub fn preflight(endpoint: &Endpoint, path_permissions: Option<&Permissions>, kind: PermissionType, granted: &[String]) -> Result<(), Error> {
    let Some(permissions) = path_permissions else {
        return Ok(());
    };
    let row = permissions.get(kind);
    if row.supported && (row.scopes.is_empty() || granted.iter().any(|g| row.accepts(g))) {
        return Ok(());
    }
    Err(Error::PermissionDenied(PermissionDenied { operation: endpoint.name, kind, least_privileged: row.least_privileged(), granted: granted.to_vec() }))
}

/// The tenant of personal Microsoft accounts: a token issued there is a
/// delegated personal one.
const CONSUMER_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// The grants an access token carries: `scp` (delegated scopes, space
/// separated) or `roles` (application). The token is decoded, not verified;
/// `None` when it is not a readable JWT (Graph tokens for personal accounts
/// may be opaque).
pub fn grants_of_token(token: &str) -> Option<Grants> {
    let payload = token.split('.').nth(1)?;
    let claims: serde_json::Value = serde_json::from_slice(&base64url_decode(payload)?).ok()?;
    if let Some(scp) = claims.get("scp").and_then(serde_json::Value::as_str) {
        let personal = claims.get("tid").and_then(serde_json::Value::as_str) == Some(CONSUMER_TENANT);
        let kind = if personal { PermissionType::DelegatedPersonal } else { PermissionType::DelegatedWork };
        return Some(Grants::Scopes { kind, scopes: scp.split_whitespace().map(str::to_string).collect() });
    }
    let roles = claims.get("roles")?.as_array()?;
    Some(Grants::Scopes { kind: PermissionType::Application, scopes: roles.iter().filter_map(|r| r.as_str()).map(str::to_string).collect() })
}

/// Decode unpadded (or padded) base64url; `None` on any other character.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}
