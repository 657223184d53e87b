//! The tool's own failures, shared by every stage: wrong use, unreadable
//! input, unwritable output, and bugs. Problems in a page are not errors but
//! [`crate::diag::Diagnostic`]s, which never stop a run.

/// A failure of the tool itself (not a problem in a page: those are
/// [`crate::diag::Diagnostic`]s and never stop a run).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A wrong use: bad option values, conflicting paths.
    #[error("{0}")]
    Usage(String),
    /// The docs could not be read.
    #[error("{0}")]
    Input(String),
    /// The output could not be written.
    #[error("{0}")]
    Output(String),
    /// A bug in the generator.
    #[error("internal error: {0}")]
    Internal(String),
}

/// A short, stable description of an I/O error.
pub fn io_cause(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        // Kinds newer than the MSRV, matched by their (Unix) errno.
        _ => match e.raw_os_error() {
            Some(20) if cfg!(unix) => "not a folder (a file is in the way)".into(),
            Some(21) if cfg!(unix) => "is a folder, not a file".into(),
            Some(30) if cfg!(unix) => "read-only file system".into(),
            _ => {
                let t = e.to_string();
                t.split(" (os error").next().unwrap_or(&t).to_string()
            }
        },
    }
}
