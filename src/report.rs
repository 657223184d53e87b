//! The run report (`--report FILE`, see `spec/report.md`).

use crate::model::{Api, BodyRead, ExampleOutcome, ExampleRole, Outcome, PageKind, TypeKind, TypeSource};
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
    /// The example tests' typed checks: per kind, how many were written
    /// (`checked`) and why the others were not.
    pub typed_checks: BTreeMap<&'static str, BTreeMap<String, usize>>,
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
    /// Tested examples whose JSON contradicts its type's pages (W101–W104):
    /// tested for a lossless round trip, not for conformance.
    pub tested_with_docs_inconsistency: usize,
    /// Request examples: `annotated`, `annotated_bound`, `unannotated`,
    /// `unannotated_bound` (bound: matched to a path template of the page
    /// with every parameter assigned).
    pub requests: BTreeMap<&'static str, usize>,
    /// Response examples: `total`, `annotated`, `unannotated`, and
    /// `status_parsed` (the status line was understood).
    pub responses: BTreeMap<&'static str, usize>,
    /// JSON bodies of all examples: `total` (bodies that should be JSON),
    /// `strict`, `recovered` (tolerant reader), `failed`, and of the failed
    /// ones `failed_truncated` (shortened with `...` or unclosed brackets);
    /// `truncated` counts bodies marked or seen as shortened, read or not.
    pub json_bodies: BTreeMap<&'static str, usize>,
}

/// Build the report; its `files` counts are left empty (a run sets them
/// with [`file_counts`] once written).
pub fn build(api: &Api, out: Option<&str>, timings: Timings) -> Report {
    build_with_checks(api, out, timings, crate::emit::typed_tests::tally(api))
}

/// [`build`] with the typed checks as the emitter counted them while
/// writing the example tests ([`crate::emit::emit_counted`]), so a run that
/// emits decides each check once.
pub fn build_with_checks(api: &Api, out: Option<&str>, timings: Timings, typed_checks: crate::emit::typed_tests::Tally) -> Report {
    // Counted by the borrowed code, each code copied once.
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &api.diagnostics {
        *by_code.entry(d.code.as_str()).or_insert(0) += 1;
    }
    let diagnostics = by_code.into_iter().map(|(code, n)| (code.to_string(), n)).collect();
    Report {
        schema: 1,
        docs: api.docs.clone(),
        out: out.map(str::to_string),
        pages: page_counts(api),
        endpoints: endpoint_counts(api),
        permissions: permission_counts(api),
        types: type_counts(api),
        examples: example_counts(api),
        diagnostics,
        typed_checks,
        files: BTreeMap::new(),
        timings_ms: timings,
    }
}

fn page_counts(api: &Api) -> BTreeMap<&'static str, usize> {
    let count = |f: &dyn Fn(&crate::model::PageInfo) -> bool| api.pages.iter().filter(|p| f(p)).count();
    BTreeMap::from([
        ("total", api.pages.len()),
        ("api", count(&|p| p.kind == PageKind::Api)),
        ("resource", count(&|p| p.kind == PageKind::Resource)),
        ("other", count(&|p| p.kind == PageKind::Other)),
        ("parsed", count(&|p| p.outcome == Outcome::Parsed)),
        ("skipped", count(&|p| p.outcome == Outcome::Skipped)),
        ("api_with_request_section", count(&|p| p.kind == PageKind::Api && p.request_sections > 0)),
        ("api_with_request_section_and_endpoint", {
            let with_ep: rustc_hash::FxHashSet<&str> = api.endpoints.iter().map(|e| e.page.as_str()).collect();
            count(&|p| p.kind == PageKind::Api && p.request_sections > 0 && with_ep.contains(p.path.as_str()))
        }),
    ])
}

fn endpoint_counts(api: &Api) -> BTreeMap<&'static str, usize> {
    let paths: usize = api.endpoints.iter().map(|e| e.paths.len()).sum();
    let deprecated: usize = api.endpoints.iter().flat_map(|e| &e.paths).filter(|p| p.deprecated).count();
    BTreeMap::from([("total", api.endpoints.len()), ("paths", paths), ("deprecated_paths", deprecated)])
}

fn permission_counts(api: &Api) -> BTreeMap<&'static str, usize> {
    let tables: usize = api.pages.iter().map(|p| p.permission_tables as usize).sum();
    let parsed_tables: usize = api.pages.iter().map(|p| p.permission_tables_parsed as usize).sum();
    let with_perm = api.endpoints.iter().filter(|e| e.permissions.is_some()).count();
    BTreeMap::from([("tables", tables), ("parsed", parsed_tables), ("unparsed", tables - parsed_tables.min(tables)), ("endpoints_with_permissions", with_perm)])
}

fn type_counts(api: &Api) -> BTreeMap<&'static str, usize> {
    let tcount = |k: TypeKind| api.types.iter().filter(|t| t.kind == k).count();
    BTreeMap::from([
        ("entity", tcount(TypeKind::Entity)),
        ("complex", tcount(TypeKind::Complex)),
        ("enum", tcount(TypeKind::Enum)),
        ("from_examples", api.types.iter().filter(|t| t.source == TypeSource::Example).count()),
    ])
}

fn example_counts(api: &Api) -> ExampleCounts {
    let mut examples = ExampleCounts { total: api.examples.len(), ..Default::default() };
    // Counted by the borrowed reason, each reason copied once.
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &api.examples {
        match e.outcome {
            ExampleOutcome::Tested => {
                examples.tested += 1;
                if e.binding.as_ref().is_some_and(|b| b.placeholders) {
                    examples.tested_with_placeholders += 1;
                }
                if e.docs_inconsistent {
                    examples.tested_with_docs_inconsistency += 1;
                }
            }
            ExampleOutcome::Skipped => {
                *skipped.entry(e.reason.as_deref().unwrap_or("unspecified")).or_insert(0) += 1;
            }
        }
    }
    examples.skipped = skipped.into_iter().map(|(reason, n)| (reason.to_string(), n)).collect();
    examples.requests = BTreeMap::from([("annotated", 0), ("annotated_bound", 0), ("unannotated", 0), ("unannotated_bound", 0)]);
    examples.responses = BTreeMap::from([("total", 0), ("annotated", 0), ("unannotated", 0), ("status_parsed", 0)]);
    examples.json_bodies = BTreeMap::from([("total", 0), ("strict", 0), ("recovered", 0), ("failed", 0), ("failed_truncated", 0), ("truncated", 0)]);
    for e in &api.examples {
        count_example(e, &mut examples);
    }
    examples
}

/// Count one example's role, annotation, binding and JSON body.
fn count_example(e: &crate::model::Example, examples: &mut ExampleCounts) {
    let bump = |m: &mut BTreeMap<&'static str, usize>, k: &'static str| *m.entry(k).or_insert(0) += 1;
    match e.role {
        ExampleRole::Request => {
            let (all, bound) = if e.annotated { ("annotated", "annotated_bound") } else { ("unannotated", "unannotated_bound") };
            bump(&mut examples.requests, all);
            if e.binding.is_some() {
                bump(&mut examples.requests, bound);
            }
        }
        ExampleRole::Response => {
            bump(&mut examples.responses, "total");
            bump(&mut examples.responses, if e.annotated { "annotated" } else { "unannotated" });
            if e.http.as_ref().and_then(|h| h.status).is_some() {
                bump(&mut examples.responses, "status_parsed");
            }
        }
        ExampleRole::Notification => {}
    }
    let truncated = e.truncated || e.looks_truncated;
    if e.body != BodyRead::None {
        bump(&mut examples.json_bodies, "total");
        if truncated {
            bump(&mut examples.json_bodies, "truncated");
        }
    }
    match e.body {
        BodyRead::None => {}
        BodyRead::Strict => bump(&mut examples.json_bodies, "strict"),
        BodyRead::Recovered => bump(&mut examples.json_bodies, "recovered"),
        BodyRead::Failed => {
            bump(&mut examples.json_bodies, "failed");
            if truncated {
                bump(&mut examples.json_bodies, "failed_truncated");
            }
        }
    }
}

/// The report's `files` counts.
pub fn file_counts(s: &WriteStats) -> BTreeMap<&'static str, usize> {
    BTreeMap::from([("written", s.written.len() + s.created.len()), ("unchanged", s.unchanged), ("removed", s.removed.len())])
}
