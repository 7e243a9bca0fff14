//! Test helpers: a handbook in a temporary folder, the hirebook binary run on it, and the
//! built pages parsed as HTML.
#![allow(dead_code)]

pub mod browser;
pub mod hostile;
pub mod serve;
pub mod server;
pub mod xss;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Selector};

/// A handbook in a folder of its own temporary folder, which leaves room beside it for files
/// outside the handbook (see [`Book::outside`]) that are removed with it.
pub struct Book {
    dir: tempfile::TempDir,
    root: PathBuf,
}

/// A test that cannot run here for want of a tool: a failure in CI (`CI=true`), where every
/// tool is installed; elsewhere a line that `cargo test` shows even for a passing test (it is
/// written to the process's stderr directly, past the harness's capture), so that a skipped
/// test never passes unseen.
pub fn skip(test: &str, reason: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test} cannot run in CI: {reason}");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {reason}");
}

/// The repository root (for the shipped handbook and fixtures).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Book {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Book {
        let book = Book::empty();
        copy_tree(&repo().join("tests/fixtures").join(name), book.path());
        book
    }

    /// A copy of the handbook that ships in this repository (book.toml and content/).
    pub fn shipped() -> Book {
        let book = Book::empty();
        fs::copy(repo().join("book.toml"), book.path().join("book.toml")).unwrap();
        copy_tree(&repo().join("content"), &book.path().join("content"));
        book
    }

    /// A synthetic handbook of `questions` questions (`hirebook bench-corpus`).
    pub fn synthetic(questions: usize) -> Book {
        let book = Book::empty();
        let run = book.run(&["bench-corpus", &questions.to_string(), "."]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        book
    }

    pub fn empty() -> Book {
        let dir = tempfile::Builder::new()
            .prefix("hirebook-test-")
            .tempdir()
            .unwrap();
        let root = dir.path().join("handbook");
        fs::create_dir(&root).unwrap();
        Book { dir, root }
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Writes a file beside the handbook folder, outside it, and returns its path.
    pub fn outside(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, text).unwrap();
        path
    }

    /// Writes (or replaces) a file of the handbook.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn remove(&self, rel: &str) -> &Self {
        fs::remove_file(self.path().join(rel)).unwrap();
        self
    }

    /// Replaces `from` with `to` in a file, which must contain it.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// Runs `hirebook <args...>` with the handbook folder as working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    /// `hirebook build`, which must succeed.
    pub fn build(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// `hirebook check --format json`, as parsed diagnostics.
    pub fn check_json(&self) -> (i32, Vec<serde_json::Value>) {
        let run = self.run(&["check", "--format", "json"]);
        let diagnostics = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        (run.code, diagnostics)
    }

    /// A question's `minutes:`, as its file gives it.
    pub fn question_minutes(&self, id: &str) -> u32 {
        let text = self.read(&format!("content/questions/{id}.md"));
        let line = text.lines().find(|l| l.starts_with("minutes:")).unwrap();
        line["minutes:".len()..].trim().parse().unwrap()
    }

    /// A built page, parsed.
    pub fn page(&self, rel: &str) -> Page {
        Page::parse(&self.read(&format!("book/{rel}")))
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_hirebook"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // "Today", for review dates: fixed, so that no test changes with the day it runs.
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// 2026-12-01, as seconds since 1970: the day tests run on (see `SOURCE_DATE_EPOCH`).
pub const TODAY_EPOCH: &str = "1796083200";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A parsed HTML page with CSS-selector helpers.
pub struct Page {
    pub html: Html,
}

impl Page {
    pub fn parse(text: &str) -> Page {
        Page {
            html: Html::parse_document(text),
        }
    }

    pub fn all(&self, css: &str) -> Vec<ElementRef<'_>> {
        let selector = Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e:?}"));
        self.html.select(&selector).collect()
    }

    pub fn one(&self, css: &str) -> ElementRef<'_> {
        let found = self.all(css);
        assert_eq!(
            found.len(),
            1,
            "expected one `{css}`, found {}",
            found.len()
        );
        found[0]
    }

    /// The text of every element matching `css`, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.all(css).into_iter().map(text).collect()
    }

    /// Attribute `name` of every element matching `css`, which must all have it.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.all(css)
            .into_iter()
            .map(|e| {
                let value = e.value().attr(name);
                value
                    .unwrap_or_else(|| panic!("{css} without {name}"))
                    .to_owned()
            })
            .collect()
    }

    pub fn text(&self, css: &str) -> String {
        text(self.one(css))
    }

    pub fn attr(&self, css: &str, name: &str) -> String {
        self.one(css)
            .value()
            .attr(name)
            .unwrap_or_else(|| panic!("`{css}` has no {name}"))
            .to_owned()
    }
}

pub fn text(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every internal link in a built site that does not resolve: a missing file, or a missing
/// `#anchor` on an existing page. Also reports links that are not relative (they would break
/// under a sub-path or from disk). `404.html` is skipped: its links start at the site URL.
pub fn broken_links(site: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut pages = 0;
    let mut ids_cache: std::collections::HashMap<PathBuf, std::collections::HashSet<String>> =
        Default::default();
    let mut ids_of = |file: &Path| -> std::collections::HashSet<String> {
        ids_cache
            .entry(file.to_path_buf())
            .or_insert_with(|| {
                let page = Page::parse(&fs::read_to_string(file).unwrap());
                page.all("[id]")
                    .into_iter()
                    .filter_map(|e| e.value().attr("id").map(str::to_owned))
                    .collect()
            })
            .clone()
    };
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") || path.ends_with("404.html") {
            continue;
        }
        pages += 1;
        let page = Page::parse(&fs::read_to_string(path).unwrap());
        let rel = path.strip_prefix(site).unwrap().display().to_string();
        for el in page.all("a[href], link[href], script[src], img[src]") {
            let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
                || url.starts_with("data:")
            {
                continue;
            }
            if url.starts_with('/') {
                problems.push(format!("{rel}: absolute link {url}"));
                continue;
            }
            let (file_part, anchor) = match url.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (url, None),
            };
            // A query string is for the page's script (`search.html?q=x`), not a file name.
            let file_part = file_part.split_once('?').map_or(file_part, |(f, _)| f);
            let target = if file_part.is_empty() {
                path.to_path_buf()
            } else {
                path.parent().unwrap().join(file_part)
            };
            if !target.is_file() {
                problems.push(format!("{rel}: {url} does not exist"));
                continue;
            }
            if let Some(anchor) = anchor.filter(|a| !a.is_empty() && !a.contains('='))
                && target.extension().is_some_and(|e| e == "html")
                && !ids_of(&target).contains(anchor)
            {
                problems.push(format!("{rel}: {url} has no #{anchor}"));
            }
        }
    }
    // No page, no broken link: a wrong folder must not pass as a site without problems.
    assert!(pages > 0, "no page in {}", site.display());
    problems
}

/// Ids used twice within one page of a built site (invalid HTML, and broken anchors).
pub fn duplicate_ids(site: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let page = Page::parse(&fs::read_to_string(entry.path()).unwrap());
        let mut seen = std::collections::HashSet::new();
        for el in page.all("[id]") {
            let id = el.value().attr("id").unwrap();
            if !seen.insert(id.to_owned()) {
                problems.push(format!("{}: #{id}", entry.path().display()));
            }
        }
    }
    assert!(pages > 0, "no page in {}", site.display());
    problems
}

/// Runs git in `dir` with a fixed author and commit `date` (ISO 8601).
pub fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// Makes `dir` a git repository whose one commit, made on `date`, holds everything in it.
pub fn git_repo(dir: &Path, date: &str) {
    git(dir, &["init", "-q"], date);
    git(dir, &["add", "."], date);
    git(dir, &["commit", "-q", "-m", "first"], date);
}
