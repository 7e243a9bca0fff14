//! The write stage, and the plumbing every stage that produces files shares.
//!
//! Rendering and the search index write through a [`Sink`]; which sink decides where the files
//! go: a [`staging::Staging`] folder that replaces the build dir whole once the site is
//! complete (`build`, `watch`), memory ([`MemorySink`], `serve`), or nowhere ([`Discard`],
//! `check`). Before anything is staged, [`destination`] decides whether the build dir may be
//! replaced at all: it must be hirebook's own (see [`manifest`]).

pub mod budget;
pub mod destination;
pub mod manifest;
pub mod staging;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::error::{IoContext, IoError};
use crate::hash::fnv1a;

pub use budget::Budget;
pub use staging::Staging;

/// Where rendered files go.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), IoError>;
    /// Like `write`, for bytes the caller keeps too (a sink in memory can share them).
    fn write_shared(&self, path: &str, bytes: Arc<[u8]>) -> Result<(), IoError> {
        self.write(path, &bytes)
    }
    /// Copies a file from the handbook unchanged (images, PDFs).
    fn copy(&self, from: &Path, path: &str) -> Result<(), IoError>;
    /// True once the sink takes no more (see [`budget::Budget`]): rendering stops early.
    fn full(&self) -> bool {
        false
    }
}

/// Keeps nothing: `check` renders to find template errors without writing a file.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _path: &str, _bytes: &[u8]) -> Result<(), IoError> {
        Ok(())
    }

    fn copy(&self, _from: &Path, _path: &str) -> Result<(), IoError> {
        Ok(())
    }
}

/// How much a render wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rendered {
    pub files: usize,
    pub bytes: u64,
}

/// A built site in memory: output path → bytes.
pub type Site = HashMap<String, Arc<[u8]>>;

/// Collects a build in memory (`serve`).
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<Site>,
}

impl MemorySink {
    pub fn into_site(self) -> Site {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn put(&self, path: &str, bytes: Arc<[u8]>) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_owned(), bytes);
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), IoError> {
        self.put(path, Arc::from(bytes));
        Ok(())
    }

    fn write_shared(&self, path: &str, bytes: Arc<[u8]>) -> Result<(), IoError> {
        self.put(path, bytes);
        Ok(())
    }

    fn copy(&self, from: &Path, path: &str) -> Result<(), IoError> {
        let bytes = std::fs::read(from).io_context("read", from)?;
        self.put(path, Arc::from(bytes));
        Ok(())
    }
}

/// `style.css` → `static/style-1a2b3c4d5e.css`: a name that changes with the content, so
/// browsers and CDNs may cache it forever.
pub fn fingerprinted(name: &str, bytes: &[u8]) -> String {
    let hash = format!("{:016x}", fnv1a(bytes));
    match name.rsplit_once('.') {
        Some((stem, ext)) if matches!(ext, "css" | "js") => {
            format!("static/{stem}-{}.{ext}", &hash[..10])
        }
        _ => format!("static/{name}"),
    }
}

/// A data file as a classic script: `callee(<value as JSON>);`. Scripts, not JSON, because
/// browsers refuse `fetch` on pages opened from disk but run script tags.
pub fn script_call(callee: &str, value: &impl serde::Serialize) -> String {
    format!(
        "{callee}({});\n",
        serde_json::to_string(value).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_change_with_content() {
        let a = fingerprinted("style.css", b"a");
        let b = fingerprinted("style.css", b"b");
        assert_ne!(a, b);
        assert!(a.starts_with("static/style-") && a.ends_with(".css"), "{a}");
        assert_eq!(fingerprinted("logo.svg", b"x"), "static/logo.svg");
    }

    #[test]
    fn script_calls_wrap_json() {
        assert_eq!(script_call("f", &[1, 2]), "f([1,2]);\n");
    }
}
