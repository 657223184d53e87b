//! What the pages document about an operation (`Endpoint`: paths,
//! permissions, query options, headers), and its compact form in the
//! generated code.
//!
//! Each endpoint of a generated crate is a `static` [`EndpointRef`] holding
//! one string literal (its "spec"), decoded into an [`Endpoint`] the first
//! time it is used. Type-checking a string literal is nearly free, where a
//! nested struct literal per endpoint was the largest part of the crate's
//! check time. The format is written ([`EndpointOf::to_spec`]) and read
//! ([`Endpoint::from_spec`]) here and nowhere else: the generator compiles
//! this file and encodes with it.
//!
//! The structures are generic over the string type `S` and the lifetime of
//! their slices so that the generator can encode from borrowed data; the
//! generated crate uses them through the aliases ([`Endpoint`],
//! [`PathInfo`], [`Permissions`], [`Permission`], [`HeaderInfo`]), whose
//! strings and slices are `'static`.

use std::fmt;
use std::sync::atomic::{AtomicPtr, Ordering};

/// Support and scopes of one permission type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PermissionOf<'a, S = &'static str> {
    /// Whether this permission type can call the operation.
    pub supported: bool,
    /// Scopes in documented order, least privileged first where the page says so.
    pub scopes: &'a [S],
    /// The scopes the page marks least privileged (its own column today;
    /// the first alternative of a row ordered least to most privileged).
    pub least: &'a [S],
}

/// Support and scopes of one permission type, as a generated crate holds them.
pub type Permission = PermissionOf<'static>;

impl Permission {
    /// The permission type cannot call the operation.
    pub const NOT_SUPPORTED: Permission = Permission { supported: false, scopes: &[], least: &[] };

    /// Supported with these scopes (none: no scope needed), the first one
    /// least privileged.
    pub const fn scopes(scopes: &'static [&'static str]) -> Permission {
        let least: &'static [&'static str] = match scopes {
            [first, ..] => std::slice::from_ref(first),
            [] => &[],
        };
        Permission { supported: true, scopes, least }
    }

    /// Supported with these scopes, of which `least` are least privileged.
    pub const fn ranked(scopes: &'static [&'static str], least: &'static [&'static str]) -> Permission {
        Permission { supported: true, scopes, least }
    }

    /// Whether `scope` is one of the documented scopes.
    pub fn accepts(&self, scope: &str) -> bool {
        self.supported && self.scopes.iter().any(|s| s.eq_ignore_ascii_case(scope))
    }

    /// The page's least-privileged scope (the first of them when the page
    /// names several that are needed together).
    pub fn least_privileged(&self) -> Option<&'static str> {
        if self.supported {
            self.least.first().or(self.scopes.first()).copied()
        } else {
            None
        }
    }
}

/// The three documented permission types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PermissionType {
    /// Delegated, work or school account.
    DelegatedWork,
    /// Delegated, personal Microsoft account.
    DelegatedPersonal,
    /// Application (app-only).
    Application,
}

/// The permissions table of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PermissionsOf<'a, S = &'static str> {
    /// Delegated (work or school account).
    pub delegated_work: PermissionOf<'a, S>,
    /// Delegated (personal Microsoft account).
    pub delegated_personal: PermissionOf<'a, S>,
    /// Application.
    pub application: PermissionOf<'a, S>,
}

/// The permissions table of an operation, as a generated crate holds it.
pub type Permissions = PermissionsOf<'static>;

impl<'a, S> PermissionsOf<'a, S> {
    /// The row for one permission type.
    pub fn get(&self, kind: PermissionType) -> &PermissionOf<'a, S> {
        match kind {
            PermissionType::DelegatedWork => &self.delegated_work,
            PermissionType::DelegatedPersonal => &self.delegated_personal,
            PermissionType::Application => &self.application,
        }
    }
}

/// One documented request path of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathInfoOf<'a, S = &'static str> {
    /// The template as documented, parameters in braces.
    pub template: S,
    /// Rust names of the parameters, in order.
    pub params: &'a [S],
    /// The page marks this path deprecated.
    pub deprecated: bool,
    /// Name of the function that builds it.
    pub function: S,
    /// The literal text around the parameters: one more than `params`.
    pub pieces: &'a [S],
    /// Bit `i` set: parameter `i` is a path itself and keeps its slashes.
    pub keep_slash: u64,
    /// The path's own permissions table, when the page has one per path
    /// (`None` when the operation's table governs every path, when the path
    /// has scenarios instead, or when the page has no readable table). Use
    /// [`EndpointOf::path_permissions`] for the table that governs a path.
    pub permissions: Option<PermissionsOf<'a, S>>,
    /// Several tables governing this path, one per scenario (caption, table),
    /// when the page has them; `permissions` is `None` then.
    pub scenarios: &'a [(S, PermissionsOf<'a, S>)],
}

/// One documented request path, as a generated crate holds it.
pub type PathInfo = PathInfoOf<'static>;

/// Everything documented about one operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EndpointOf<'a, S = &'static str> {
    /// Rust name of the operation.
    pub name: S,
    /// Page title.
    pub title: S,
    /// Source page, relative to the `api-reference` folder.
    pub page: S,
    /// `v1.0` or `beta`.
    pub version: S,
    /// HTTP method.
    pub method: S,
    /// Every documented path.
    pub paths: &'a [PathInfoOf<'a, S>],
    /// The permissions table, when the page has one that could be read.
    pub permissions: Option<PermissionsOf<'a, S>>,
    /// The documented success status.
    pub success_status: Option<u16>,
    /// OData query options the page says the operation supports, in documented order.
    pub query_options: &'a [S],
    /// Documented request headers.
    pub headers: &'a [HeaderInfoOf<S>],
}

/// Everything documented about one operation, as a generated crate holds
/// it (an endpoint's `static` derefs to one).
pub type Endpoint = EndpointOf<'static>;

impl<'a, S> EndpointOf<'a, S> {
    /// The permissions governing path `index`: the path's own table when the
    /// page has one per path, else the operation's (`None` when the path has
    /// scenarios instead, see [`PathInfoOf::scenarios`], or no table).
    pub fn path_permissions(&self, index: usize) -> Option<&PermissionsOf<'a, S>> {
        match self.paths.get(index) {
            Some(p) if p.permissions.is_some() || !p.scenarios.is_empty() => p.permissions.as_ref(),
            _ => self.permissions.as_ref(),
        }
    }
}

/// A documented request header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderInfoOf<S = &'static str> {
    /// Name as documented.
    pub name: S,
    /// The fixed value the page gives, if any.
    pub value: Option<S>,
    /// The page says it is required.
    pub required: bool,
}

/// A documented request header, as a generated crate holds it.
pub type HeaderInfo = HeaderInfoOf;

/// A value decoded from a generated `static`'s spec on first use, then
/// kept for the rest of the program (the `decoded` half of [`EndpointRef`]
/// and [`TypeInfoRef`](super::TypeInfoRef)). An `AtomicPtr`, not a
/// `OnceLock`: rustc evaluates every `static`'s initializer, and a
/// `OnceLock` in each of them was 6% of checking the v1.0 crate (14.16G
/// to 13.24G instructions with all its areas).
pub(crate) struct Decoded<T>(AtomicPtr<T>);

impl<T> Decoded<T> {
    /// Nothing decoded yet. A constant, copied into each `static`, where a
    /// `const fn` call was interpreted anew for each (-1% of the check).
    #[allow(clippy::declare_interior_mutable_const)]
    pub(crate) const NONE: Self = Decoded(AtomicPtr::new(std::ptr::null_mut()));
}

impl<T: Send + Sync> Decoded<T> {
    /// The value, made by `make` the first time. Two threads may both make
    /// it; one value is kept and the other dropped, so every caller sees
    /// the same one.
    pub(crate) fn get_or_init(&self, make: impl FnOnce() -> T) -> &'static T {
        let kept = self.0.load(Ordering::Acquire);
        if !kept.is_null() {
            // SAFETY: a pointer stored here came from `Box::into_raw` below
            // and is never freed, so it is valid for the rest of the program.
            return unsafe { &*kept };
        }
        let fresh = Box::into_raw(Box::new(make()));
        match self.0.compare_exchange(std::ptr::null_mut(), fresh, Ordering::AcqRel, Ordering::Acquire) {
            // SAFETY: `fresh` is now stored, so never freed (as above).
            Ok(_) => unsafe { &*fresh },
            Err(kept) => {
                // SAFETY: `fresh` was made by `Box::into_raw` above and was
                // never shared: the exchange failed.
                drop(unsafe { Box::from_raw(fresh) });
                // SAFETY: as for a pointer found stored, above.
                unsafe { &*kept }
            }
        }
    }
}

/// An endpoint of a generated crate: its spec (a string literal) and the
/// [`Endpoint`] decoded from it on first use. Derefs to the [`Endpoint`],
/// so `CALL_DELETE.method`, `CALL_DELETE.paths[0].template` and
/// `&CALL_DELETE` where an `&Endpoint` is expected all work.
pub struct EndpointRef {
    spec: &'static str,
    decoded: Decoded<Endpoint>,
}

impl EndpointRef {
    /// An endpoint from its spec (what the generated `static`s call).
    pub const fn new(spec: &'static str) -> Self {
        EndpointRef { spec, decoded: Decoded::NONE }
    }

    /// The endpoint, decoded once (the decoded value lives as long as the
    /// program, as a `const` would; decoding a `static` happens at most once).
    pub fn get(&self) -> &'static Endpoint {
        self.decoded.get_or_init(|| Endpoint::from_spec(self.spec))
    }

    /// The spec as generated.
    pub fn spec(&self) -> &'static str {
        self.spec
    }

    /// A request for path `path_index` of this endpoint, its parameters
    /// `args` percent-encoded into the path (what every endpoint function
    /// calls; see [`Request::build`](super::Request::build)).
    pub fn request<T>(&'static self, path_index: usize, args: &[&str]) -> super::Request<T> {
        super::Request::build(self.get(), path_index, args)
    }
}

impl std::ops::Deref for EndpointRef {
    type Target = Endpoint;

    fn deref(&self) -> &Endpoint {
        self.get()
    }
}

impl fmt::Debug for EndpointRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.get(), f)
    }
}

// The spec format (endpoints and model types alike): a sequence of tokens, each followed by one space.
// A string is `<byte length>:<text>` (so any text fits, spaces and colons
// included, and decoding borrows it from the literal); a number is its
// digits; `-` is an absent value and `+` a present one; a list is its
// length followed by its items.

/// Writes a spec (endpoints here, model types in `describe.rs`). Numbers
/// go through serde_json's integer writer, which skips `core::fmt`'s
/// machinery: the generator writes hundreds of thousands of them a run.
pub(super) struct SpecWriter(Vec<u8>);

impl Default for SpecWriter {
    fn default() -> Self {
        // Most specs are under a kilobyte.
        SpecWriter(Vec::with_capacity(1024))
    }
}

impl SpecWriter {
    pub(super) fn finish(self) -> String {
        // Only text and ASCII were written, so this never comes out empty.
        String::from_utf8(self.0).unwrap_or_default()
    }

    fn digits(&mut self, n: u64) {
        use serde_json::ser::Formatter as _;
        // Writing into a `Vec` cannot fail.
        let _ = serde_json::ser::CompactFormatter.write_u64(&mut self.0, n);
    }

    pub(super) fn str(&mut self, s: &str) {
        self.digits(s.len() as u64);
        self.0.push(b':');
        self.0.extend_from_slice(s.as_bytes());
        self.0.push(b' ');
    }

    pub(super) fn num(&mut self, n: u64) {
        self.digits(n);
        self.0.push(b' ');
    }

    pub(super) fn flag(&mut self, present: bool) {
        self.0.extend_from_slice(if present { b"+ " } else { b"- " });
    }

    pub(super) fn list<S: AsRef<str>>(&mut self, items: &[S]) {
        self.num(items.len() as u64);
        for item in items {
            self.str(item.as_ref());
        }
    }

    fn permission<S: AsRef<str>>(&mut self, p: &PermissionOf<'_, S>) {
        self.flag(p.supported);
        if p.supported {
            self.list(p.scopes);
            self.list(p.least);
        }
    }

    fn permissions<S: AsRef<str>>(&mut self, p: Option<&PermissionsOf<'_, S>>) {
        self.flag(p.is_some());
        if let Some(p) = p {
            self.permission(&p.delegated_work);
            self.permission(&p.delegated_personal);
            self.permission(&p.application);
        }
    }
}

impl<S: AsRef<str>> EndpointOf<'_, S> {
    /// The spec a generated `static` holds ([`Endpoint::from_spec`] reads it back).
    pub fn to_spec(&self) -> String {
        let mut w = SpecWriter::default();
        for s in [&self.name, &self.title, &self.page, &self.version, &self.method] {
            w.str(s.as_ref());
        }
        w.flag(self.success_status.is_some());
        if let Some(s) = self.success_status {
            w.num(u64::from(s));
        }
        w.list(self.query_options);
        w.num(self.headers.len() as u64);
        for h in self.headers {
            w.str(h.name.as_ref());
            w.flag(h.value.is_some());
            if let Some(v) = &h.value {
                w.str(v.as_ref());
            }
            w.flag(h.required);
        }
        w.permissions(self.permissions.as_ref());
        w.num(self.paths.len() as u64);
        for p in self.paths {
            w.str(p.template.as_ref());
            w.list(p.params);
            w.flag(p.deprecated);
            w.str(p.function.as_ref());
            w.list(p.pieces);
            w.num(p.keep_slash);
            w.permissions(p.permissions.as_ref());
            w.num(p.scenarios.len() as u64);
            for (caption, table) in p.scenarios {
                w.str(caption.as_ref());
                w.permissions(Some(table));
            }
        }
        w.finish()
    }
}

/// Reads a spec. Malformed text (which the generator never writes) gives
/// empty strings, zeros and absent values from the point where it goes
/// wrong, never a panic.
pub(super) struct SpecReader {
    rest: &'static str,
}

impl SpecReader {
    pub(super) fn new(spec: &'static str) -> Self {
        SpecReader { rest: spec }
    }

    /// The next space-terminated token.
    fn token(&mut self) -> &'static str {
        let (token, rest) = self.rest.split_once(' ').unwrap_or((self.rest, ""));
        self.rest = rest;
        token
    }

    pub(super) fn num(&mut self) -> u64 {
        self.token().parse().unwrap_or(0)
    }

    pub(super) fn flag(&mut self) -> bool {
        self.token() == "+"
    }

    pub(super) fn str(&mut self) -> &'static str {
        let Some((len, after)) = self.rest.split_once(':') else {
            self.rest = "";
            return "";
        };
        let len: usize = len.parse().unwrap_or(usize::MAX);
        match (after.get(..len), after.get(len..)) {
            (Some(text), Some(rest)) => {
                self.rest = rest.strip_prefix(' ').unwrap_or(rest);
                text
            }
            _ => {
                self.rest = "";
                ""
            }
        }
    }

    /// A count, never more than the text left could hold (so a malformed
    /// count cannot ask for a huge allocation).
    pub(super) fn count(&mut self) -> usize {
        usize::try_from(self.num()).unwrap_or(usize::MAX).min(self.rest.len())
    }

    pub(super) fn list(&mut self) -> &'static [&'static str] {
        let n = self.count();
        leak((0..n).map(|_| self.str()).collect())
    }

    fn permission(&mut self) -> Permission {
        if !self.flag() {
            return Permission::NOT_SUPPORTED;
        }
        Permission { supported: true, scopes: self.list(), least: self.list() }
    }

    fn permissions(&mut self) -> Option<Permissions> {
        if !self.flag() {
            return None;
        }
        Some(Permissions { delegated_work: self.permission(), delegated_personal: self.permission(), application: self.permission() })
    }

    fn path(&mut self) -> PathInfo {
        let template = self.str();
        let params = self.list();
        let deprecated = self.flag();
        let function = self.str();
        let pieces = self.list();
        let keep_slash = self.num();
        let permissions = self.permissions();
        let n = self.count();
        let scenarios = leak((0..n).map(|_| (self.str(), self.permissions().unwrap_or(NO_TABLE))).collect());
        PathInfo { template, params, deprecated, function, pieces, keep_slash, permissions, scenarios }
    }
}

/// What a scenario's table reads as when its spec is malformed.
const NO_TABLE: Permissions =
    Permissions { delegated_work: Permission::NOT_SUPPORTED, delegated_personal: Permission::NOT_SUPPORTED, application: Permission::NOT_SUPPORTED };

/// A decoded list, kept for the rest of the program (an endpoint is decoded
/// once, into a `static`).
pub(super) fn leak<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

impl Endpoint {
    /// Decode a spec written by [`EndpointOf::to_spec`]. Its lists are
    /// allocated for the rest of the program: call it once per spec (an
    /// [`EndpointRef`] does).
    pub fn from_spec(spec: &'static str) -> Endpoint {
        let mut r = SpecReader::new(spec);
        let [name, title, page, version, method] = [r.str(), r.str(), r.str(), r.str(), r.str()];
        let success_status = if r.flag() { u16::try_from(r.num()).ok() } else { None };
        let query_options = r.list();
        let n = r.count();
        let headers = leak(
            (0..n)
                .map(|_| {
                    let name = r.str();
                    let value = if r.flag() { Some(r.str()) } else { None };
                    HeaderInfo { name, value, required: r.flag() }
                })
                .collect(),
        );
        let permissions = r.permissions();
        let n = r.count();
        let paths = leak((0..n).map(|_| r.path()).collect());
        Endpoint { name, title, page, version, method, paths, permissions, success_status, query_options, headers }
    }
}
