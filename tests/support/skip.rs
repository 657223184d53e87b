// Shared by the tests that may be skipped (included with `#[path]`).
//
// A skip is written to the process's own stderr: libtest keeps what a
// passing test prints with `eprintln!` to itself, so a notice written that
// way is never seen. One form, `SKIPPED <test>: <reason>`, which `.ci/run`
// counts and lists.

use std::io::Write;
use std::path::PathBuf;

/// Report that the running test skips (all or part of) its check, and why.
pub fn skip(reason: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {test}: {reason}");
}

/// The folder the environment variable `var` names, or `None` once the skip
/// is reported (unset or empty).
#[allow(dead_code)] // not every file that skips reads a folder from the environment
pub fn env_dir(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => {
            skip(&format!("{var} is not set"));
            None
        }
    }
}
