//! Permission changes of one endpoint: per permission type, support gained
//! or lost, scopes added or removed, least-privileged scopes changed. When
//! either tree attaches tables per path (or per scenario), the changes are
//! reported per path, so a reviewer sees which URL a change governs.

use super::{path_key, ChangeKind, Out};
use crate::model::{Endpoint, PathTemplate, Permission, PermissionScenario, Permissions};
use std::collections::{BTreeMap, BTreeSet};

/// The tables governing one path.
enum Governing<'a> {
    None,
    One(&'a Permissions),
    Scenarios(&'a [PermissionScenario]),
}

fn governing<'a>(ep: &'a Endpoint, p: &'a PathTemplate) -> Governing<'a> {
    match ep.governing(p) {
        Some(t) => Governing::One(t),
        None if !p.permission_scenarios.is_empty() => Governing::Scenarios(&p.permission_scenarios),
        None => Governing::None,
    }
}

impl Governing<'_> {
    fn describe(&self) -> String {
        match self {
            Governing::None => "no readable table".to_string(),
            Governing::One(_) => "one table".to_string(),
            Governing::Scenarios(s) => {
                let captions: Vec<&str> = s.iter().map(|s| s.caption.as_str()).collect();
                format!("scenarios: {}", captions.join("; "))
            }
        }
    }
}

/// Compare the permissions of an endpoint present in both trees.
pub(super) fn diff_endpoint(a: &Endpoint, b: &Endpoint, out: &mut Out) {
    let per_path = |e: &Endpoint| e.paths.iter().any(|p| p.permissions.is_some() || !p.permission_scenarios.is_empty());
    if !per_path(a) && !per_path(b) {
        match (&a.permissions, &b.permissions) {
            (Some(pa), Some(pb)) => diff_table(pa, pb, b, &b.name, out),
            (None, None) => {}
            (x, y) => {
                let state = |p: &Option<Permissions>| Some(if p.is_some() { "documented" } else { "not readable" }.to_string());
                out.push(ChangeKind::PermissionsDocumentationChanged, &b.version, &b.page, b.name.clone(), state(x), state(y));
            }
        }
        return;
    }
    let index = |e: &Endpoint| -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for (i, p) in e.paths.iter().enumerate() {
            m.entry(path_key(&p.template)).or_insert(i);
        }
        m
    };
    let ia = index(a);
    for (k, &j) in &index(b) {
        let (Some(pa), Some(pb)) = (ia.get(k).and_then(|&i| a.paths.get(i)), b.paths.get(j)) else { continue };
        diff_path(governing(a, pa), governing(b, pb), b, &format!("{} {}", b.method, pb.template), out);
    }
}

fn diff_path(ga: Governing, gb: Governing, ep: &Endpoint, subject: &str, out: &mut Out) {
    match (&ga, &gb) {
        (Governing::None, Governing::None) => {}
        (Governing::One(x), Governing::One(y)) => diff_table(x, y, ep, subject, out),
        (Governing::Scenarios(x), Governing::Scenarios(y)) if same_captions(x, y) => {
            for (sa, sb) in x.iter().zip(y.iter()) {
                diff_table(&sa.permissions, &sb.permissions, ep, &format!("{subject} [{}]", sb.caption), out);
            }
        }
        _ => out.push(ChangeKind::PermissionsDocumentationChanged, &ep.version, &ep.page, subject, Some(ga.describe()), Some(gb.describe())),
    }
}

fn same_captions(x: &[PermissionScenario], y: &[PermissionScenario]) -> bool {
    x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a.caption.eq_ignore_ascii_case(&b.caption))
}

fn diff_table(a: &Permissions, b: &Permissions, ep: &Endpoint, subject: &str, out: &mut Out) {
    for (label, x, y) in [
        ("delegated (work or school account)", &a.delegated_work, &b.delegated_work),
        ("delegated (personal Microsoft account)", &a.delegated_personal, &b.delegated_personal),
        ("application", &a.application, &b.application),
    ] {
        diff_permission(x, y, ep, &format!("{subject} ({label})"), out);
    }
}

fn lower(v: &[impl AsRef<str>]) -> BTreeSet<String> {
    v.iter().map(|s| s.as_ref().to_ascii_lowercase()).collect()
}

fn diff_permission(a: &Permission, b: &Permission, ep: &Endpoint, subject: &str, out: &mut Out) {
    let (v, page) = (ep.version.as_str(), ep.page.as_str());
    match (a.supported, b.supported) {
        (true, false) => out.push(ChangeKind::PermissionSupportRemoved, v, page, subject, None, None),
        (false, true) => out.push(ChangeKind::PermissionSupportAdded, v, page, subject, None, None),
        _ => {}
    }
    let (sa, sb) = (lower(&a.scopes), lower(&b.scopes));
    for s in b.scopes.iter().filter(|s| !sa.contains(&s.to_ascii_lowercase())) {
        out.push(ChangeKind::ScopeAdded, v, page, subject, None, Some(s.to_string()));
    }
    for s in a.scopes.iter().filter(|s| !sb.contains(&s.to_ascii_lowercase())) {
        out.push(ChangeKind::ScopeRemoved, v, page, subject, Some(s.to_string()), None);
    }
    // Compared only where both trees say which are least privileged.
    if a.supported
        && b.supported
        && !a.least_privileged.is_empty()
        && !b.least_privileged.is_empty()
        && lower(&a.least_privileged) != lower(&b.least_privileged)
    {
        out.push(ChangeKind::LeastPrivilegedChanged, v, page, subject, Some(a.least_privileged.join(", ")), Some(b.least_privileged.join(", ")));
    }
}
