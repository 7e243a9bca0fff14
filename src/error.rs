//! Errors that are the machine's fault, not the handbook's: they carry the path involved.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// An I/O failure, with what was being done and to which path.
#[derive(Debug)]
pub struct IoError {
    pub action: &'static str,
    pub path: PathBuf,
    pub source: io::Error,
}

impl IoError {
    pub fn new(action: &'static str, path: &Path, source: io::Error) -> Self {
        IoError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Adds the path to an `io::Result`, the way every file helper in hirebook reports errors.
pub trait IoContext<T> {
    fn io_context(self, action: &'static str, path: &Path) -> Result<T, IoError>;
}

impl<T> IoContext<T> for io::Result<T> {
    fn io_context(self, action: &'static str, path: &Path) -> Result<T, IoError> {
        self.map_err(|e| IoError::new(action, path, e))
    }
}

/// A run that could not happen at all (exit code 2): a mistake in how hirebook was called, or
/// a failing disk. Problems in the handbook's files are diagnostics instead.
#[derive(Debug)]
pub enum RunError {
    Usage(String),
    Io(IoError),
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Usage(m) => f.write_str(m),
            RunError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for RunError {}

impl From<IoError> for RunError {
    fn from(e: IoError) -> Self {
        RunError::Io(e)
    }
}
