//! A ceiling on how much one build writes, in proportion to the handbook it is built from.
//!
//! Every page is bounded by its own source, but some content is shown on many pages: a
//! scorecard on every role that uses it, a question in every role's packet, a page's title
//! in every page's navigation. A pull request that adds one long scorecard and a thousand
//! one-line roles would make CI write gigabytes. Rather than bound each of those paths one by
//! one (and miss the next), the build stops once it has written more than a generous
//! multiple of its input, and says which pages grew.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use super::Sink;
use crate::diag::{Code, Diagnostic};
use crate::error::IoError;

/// Written freely by any handbook, however small: the theme, the search index's fixed part.
pub const FLOOR: u64 = 64 << 20;
/// Bytes of output allowed per byte of content (a real handbook writes 5–12).
pub const PER_BYTE: u64 = 16;
/// Bytes of output allowed per content file (each file is a page or more with the site's
/// frame around it; a real handbook writes 10–30 KiB per file).
pub const PER_FILE: u64 = 64 << 10;

/// How many of the largest pages the diagnostic names.
const NAMED: usize = 3;

/// The most a build from `files` content files holding `bytes` bytes may write.
pub fn limit(files: usize, bytes: u64) -> u64 {
    FLOOR
        .saturating_add(PER_BYTE.saturating_mul(bytes))
        .saturating_add(PER_FILE.saturating_mul(files as u64))
}

/// A sink that passes writes on until the limit is passed, then drops them.
pub struct Budget<'a> {
    inner: &'a dyn Sink,
    limit: u64,
    input: u64,
    written: AtomicU64,
    largest: Mutex<Vec<(u64, String)>>,
}

impl<'a> Budget<'a> {
    /// A budget for a handbook of `files` content files holding `bytes` bytes.
    pub fn new(inner: &'a dyn Sink, files: usize, bytes: u64) -> Self {
        Budget {
            inner,
            limit: limit(files, bytes),
            input: bytes,
            written: AtomicU64::new(0),
            largest: Mutex::new(Vec::new()),
        }
    }

    /// What was written so far (including what was dropped).
    pub fn written(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }

    /// The problem, if the build wrote more than its budget: the build must not be kept.
    pub fn exceeded(&self) -> Option<Diagnostic> {
        if self.written() <= self.limit {
            return None;
        }
        let largest = self.largest.lock().unwrap_or_else(|e| e.into_inner());
        let pages: Vec<String> = largest
            .iter()
            .map(|(len, path)| format!("{path} ({})", size(*len)))
            .collect();
        Some(
            Diagnostic::new(
                Code::OutputTooLarge,
                format!(
                    "the pages add up to more than {}, the most {} of content may write",
                    size(self.limit),
                    size(self.input)
                ),
            )
            .with_hint(format!(
                "content shown on many pages is copied into each of them: a long scorecard \
                 into every role that uses it, a long question into every role's packet. \
                 The largest pages: {}. Shorten what they share, or split it",
                pages.join(", ")
            )),
        )
    }

    fn count(&self, path: &str, len: usize) -> bool {
        let len = len as u64;
        let before = self.written.fetch_add(len, Ordering::Relaxed);
        let mut largest = self.largest.lock().unwrap_or_else(|e| e.into_inner());
        if largest.len() < NAMED || largest.last().is_some_and(|(l, _)| *l < len) {
            largest.push((len, path.to_owned()));
            largest.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            largest.truncate(NAMED);
        }
        before.saturating_add(len) <= self.limit
    }
}

impl Sink for Budget<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), IoError> {
        if self.count(path, bytes.len()) {
            self.inner.write(path, bytes)?;
        }
        Ok(())
    }

    fn write_shared(&self, path: &str, bytes: std::sync::Arc<[u8]>) -> Result<(), IoError> {
        if self.count(path, bytes.len()) {
            self.inner.write_shared(path, bytes)?;
        }
        Ok(())
    }

    /// Copies are the handbook's own files, as large as they are: not counted.
    fn copy(&self, from: &Path, path: &str) -> Result<(), IoError> {
        self.inner.copy(from, path)
    }

    fn full(&self) -> bool {
        self.written() > self.limit
    }
}

/// `1.5 MiB`, `640 KiB`, `12 B`.
fn size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KIB * KIB {
        format!("{:.1} MiB", b / KIB / KIB)
    } else if b >= KIB {
        format!("{:.0} KiB", b / KIB)
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::MemorySink;

    #[test]
    fn writes_within_the_limit_pass_through() {
        let sink = MemorySink::default();
        let budget = Budget::new(&sink, 1, 10);
        budget.write("a.html", b"hello").unwrap();
        assert!(!budget.full());
        assert!(budget.exceeded().is_none());
        assert_eq!(sink.into_site()["a.html"].as_ref(), b"hello");
    }

    #[test]
    fn past_the_limit_writes_are_dropped_and_the_largest_pages_named() {
        let sink = MemorySink::default();
        let budget = Budget::new(&sink, 0, 0);
        let big = vec![b'x'; (FLOOR / 2) as usize + 1];
        budget.write("one.html", &big).unwrap();
        budget.write("two.html", &big).unwrap();
        budget.write("three.html", b"small").unwrap();
        assert!(budget.full());
        let problem = budget.exceeded().expect("over budget");
        assert_eq!(problem.code, Code::OutputTooLarge);
        let hint = problem.hint.as_deref().unwrap();
        assert!(hint.contains("one.html (32.0 MiB)"), "{hint}");
        assert!(hint.contains("two.html"), "{hint}");
        let site = sink.into_site();
        assert!(site.contains_key("one.html"));
        assert!(
            !site.contains_key("two.html"),
            "the write that crossed is dropped"
        );
        assert!(!site.contains_key("three.html"));
    }

    /// The named pages are the largest of all written, whatever the order they came in: a
    /// large page written after three smaller ones takes the smallest one's place.
    #[test]
    fn the_largest_pages_are_named_whatever_their_order() {
        let sink = MemorySink::default();
        let budget = Budget::new(&sink, 0, 0);
        for (name, kib) in [("a.html", 1), ("b.html", 2), ("c.html", 3), ("d.html", 4)] {
            budget.write(name, &vec![b'x'; kib << 10]).unwrap();
        }
        budget.write("e.html", &vec![b'x'; FLOOR as usize]).unwrap();
        let hint = budget.exceeded().expect("over budget").hint.unwrap();
        for named in ["e.html", "d.html (4 KiB)", "c.html (3 KiB)"] {
            assert!(hint.contains(named), "{named} not named: {hint}");
        }
        for unnamed in ["a.html", "b.html"] {
            assert!(!hint.contains(unnamed), "{unnamed} named: {hint}");
        }
    }

    #[test]
    fn the_limit_grows_with_files_and_bytes() {
        assert_eq!(limit(0, 0), FLOOR);
        assert_eq!(limit(2, 10), FLOOR + 2 * PER_FILE + 10 * PER_BYTE);
        assert_eq!(limit(usize::MAX, u64::MAX), u64::MAX);
    }
}
