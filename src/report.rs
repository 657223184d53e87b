//! The run report (`--report FILE`, see `spec/report.md`).

use crate::model::{Api, ExampleOutcome, Outcome, PageKind, TypeKind, TypeSource};
use crate::write::WriteStats;
use serde::Serialize;
use std::collections::BTreeMap;

/// Milliseconds spent in each phase.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Timings {
    /// Walking and reading files.
    pub read: u64,
    /// Parsing pages.
    pub parse: u64,
    /// Lowering into the model.
    pub resolve: u64,
    /// Emitting token streams.
    pub emit: u64,
    /// Formatting.
    pub format: u64,
    /// Writing (or comparing).
    pub write: u64,
    /// Everything.
    pub total: u64,
}

/// The report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Layout version.
    pub schema: u32,
    /// Docs folder.
    pub docs: String,
    /// Output folder, if any.
    pub out: Option<String>,
    /// Page counts.
    pub pages: BTreeMap<&'static str, usize>,
    /// Endpoint counts.
    pub endpoints: BTreeMap<&'static str, usize>,
    /// Permission table counts.
    pub permissions: BTreeMap<&'static str, usize>,
    /// Type counts.
    pub types: BTreeMap<&'static str, usize>,
    /// Example counts.
    pub examples: ExampleCounts,
    /// Diagnostics per code.
    pub diagnostics: BTreeMap<String, usize>,
    /// Files written, unchanged, removed.
    pub files: BTreeMap<&'static str, usize>,
    /// Phase timings.
    pub timings_ms: Timings,
}

/// Example outcomes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ExampleCounts {
    /// All examples.
    pub total: usize,
    /// With a generated test.
    pub tested: usize,
    /// Skipped, per reason.
    pub skipped: BTreeMap<String, usize>,
    /// Tested request examples whose URL kept `{placeholders}`.
    pub tested_with_placeholders: usize,
}

/// Build the report.
pub fn build(api: &Api, out: Option<&str>, files: Option<&WriteStats>, timings: Timings) -> Report {
    let count = |f: &dyn Fn(&crate::model::PageInfo) -> bool| api.pages.iter().filter(|p| f(p)).count();
    let pages = BTreeMap::from([
        ("total", api.pages.len()),
        ("api", count(&|p| p.kind == PageKind::Api)),
        ("resource", count(&|p| p.kind == PageKind::Resource)),
        ("other", count(&|p| p.kind == PageKind::Other)),
        ("parsed", count(&|p| p.outcome == Outcome::Parsed)),
        ("skipped", count(&|p| p.outcome == Outcome::Skipped)),
    ]);
    let paths: usize = api.endpoints.iter().map(|e| e.paths.len()).sum();
    let deprecated: usize = api.endpoints.iter().flat_map(|e| &e.paths).filter(|p| p.deprecated).count();
    let endpoints = BTreeMap::from([("total", api.endpoints.len()), ("paths", paths), ("deprecated_paths", deprecated)]);
    let mut diagnostics = BTreeMap::new();
    for d in &api.diagnostics {
        *diagnostics.entry(d.code.clone()).or_insert(0) += 1;
    }
    let tables = api.pages.iter().filter(|p| p.kind == PageKind::Api).count();
    let _ = tables;
    let with_perm = api.endpoints.iter().filter(|e| e.permissions.is_some()).count();
    let permissions = BTreeMap::from([
        ("endpoints_with_permissions", with_perm),
        ("endpoints_without_permissions", api.endpoints.len() - with_perm),
        ("unparsed_rows", diagnostics.get("W030").copied().unwrap_or(0)),
    ]);
    let tcount = |k: TypeKind| api.types.iter().filter(|t| t.kind == k).count();
    let types = BTreeMap::from([
        ("entity", tcount(TypeKind::Entity)),
        ("complex", tcount(TypeKind::Complex)),
        ("enum", tcount(TypeKind::Enum)),
        ("from_examples", api.types.iter().filter(|t| t.source == TypeSource::Example).count()),
    ]);
    let mut examples = ExampleCounts { total: api.examples.len(), ..Default::default() };
    for e in &api.examples {
        match e.outcome {
            ExampleOutcome::Tested => {
                examples.tested += 1;
                if e.binding.as_ref().is_some_and(|b| b.placeholders) {
                    examples.tested_with_placeholders += 1;
                }
            }
            ExampleOutcome::Skipped => {
                *examples.skipped.entry(e.reason.clone().unwrap_or_else(|| "unspecified".into())).or_insert(0) += 1;
            }
        }
    }
    let files = match files {
        Some(s) => BTreeMap::from([
            ("written", s.written.len() + s.created.len()),
            ("unchanged", s.unchanged),
            ("removed", s.removed.len()),
        ]),
        None => BTreeMap::new(),
    };
    Report {
        schema: 1,
        docs: api.docs.clone(),
        out: out.map(str::to_string),
        pages,
        endpoints,
        permissions,
        types,
        examples,
        diagnostics,
        files,
        timings_ms: timings,
    }
}
