//! What a hostile pull request gets: each shape of tests/support/hostile.rs, in a question of a
//! real handbook, must give its expected diagnostic (or none), print a bounded report, and
//! build a site no larger than a small multiple of the input, without a crash or a hang.
//! How long and how much memory each takes at the size limit is `benches/hostile.rs`'s job.

mod support;

use support::Book;
use support::hostile::{shapes, spreads};

const Q: &str = "content/questions/incident.md";
const SIZE: usize = 64 * 1024;

#[test]
fn every_hostile_shape_gets_its_answer() {
    let shapes = shapes(SIZE);
    assert!(shapes.len() >= 12);
    let mut failures = Vec::new();
    for shape in shapes {
        let book = Book::fixture("minimal");
        let original = book.read(Q);
        let (front, body) = original[4..].split_once("\n---\n").unwrap();
        // The shape's own fields replace the question's (a second `title:` would be a
        // duplicate key, an error that would pass for the one wanted).
        let front = support::hostile::without_fields(front, &shape.front);
        let text = format!("---\n{front}\n{}---\n{body}\n{}", shape.front, shape.body);
        book.write(Q, &text);
        let (code, found) = book.check_json();
        let codes: Vec<&str> = found.iter().filter_map(|d| d["code"].as_str()).collect();
        let run = book.run(&["build"]);
        let why = match shape.error {
            Some(wanted) if !codes.contains(&wanted) || code != 1 => {
                Some(format!("wanted {wanted}, got {codes:?} (exit {code})"))
            }
            None if code != 0 => Some(format!("wanted no error, got {codes:?} (exit {code})")),
            // A build that failed leaves no site, whose size would pass the check below.
            None if run.code != 0
                || !book.path().join("book/questions/incident.html").is_file() =>
            {
                Some(format!(
                    "the build failed (exit {}): {}",
                    run.code, run.stderr
                ))
            }
            _ if found.len() > 2 * hirebook::diag::FLOOD + 2 => Some(format!(
                "{} diagnostics: floods are summarised",
                found.len()
            )),
            _ if run.stderr.len() > 64 * 1024 => {
                Some(format!("build printed {} bytes", run.stderr.len()))
            }
            _ => None,
        };
        if let Some(why) = why {
            failures.push(format!("{}: {why}", shape.name));
            continue;
        }
        if shape.error.is_none() {
            let site: u64 = walkdir::WalkDir::new(book.path().join("book"))
                .into_iter()
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum();
            let growth = site.saturating_sub(600_000) as f64 / text.len() as f64;
            if growth > 32.0 {
                failures.push(format!(
                    "{}: the site is {growth:.1}x the input",
                    shape.name
                ));
            }
            if shape.name == "raw HTML" {
                failures.extend(raw_html_stays_in_its_box(&book));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The theme has one search popup and one search box (exactly one: none would mean the check
/// looked at the wrong page); content adds none, escaped or (with allow-html) sanitised.
fn raw_html_stays_in_its_box(book: &Book) -> Vec<String> {
    let mut failures = Vec::new();
    for allow in [false, true] {
        if allow {
            book.edit(
                "book.toml",
                "[output.html]",
                "[output.html]\nallow-html = true",
            );
            // Twenty of them: thousands of raw tags are refused outright (H0211).
            let text = book.read(Q);
            let unit = "<div class=\"search-popup\" id=\"search-input\"><input>y</div>";
            let at = text.find(unit).unwrap();
            book.write(Q, &format!("{}{}\n", &text[..at], unit.repeat(20)));
            let run = book.build();
            assert_eq!(run.code, 0, "{}", run.stderr);
        }
        let page = support::Page::parse(&book.read("book/questions/incident.html"));
        let popups = page.all(".search-popup").len();
        let boxes = page.all("#search-input").len();
        if popups != 1 || boxes != 1 {
            failures.push(format!(
                "raw HTML (allow-html {allow}): {popups} popups and {boxes} search boxes"
            ));
        }
        if allow && page.all("#user-content-search-input").is_empty() {
            failures.push("raw HTML: the author's id is not prefixed".to_owned());
        }
    }
    failures
}

/// One long value shown on many pages (a scorecard's anchor in every role, a question in every
/// role's packet) is refused with H0604 before the build grows past its budget, and leaves no
/// build; many small files are built, each adding a bounded amount (no page lists them all).
#[test]
fn a_value_shown_on_many_pages_is_bounded() {
    let spreads = spreads(900 * 1024, 200);
    assert!(spreads.len() >= 4);
    let mut failures = Vec::new();
    for shape in spreads {
        let book = Book::fixture("minimal");
        let mut input = 0;
        for (path, text) in &shape.files {
            book.write(path, text);
            input += text.len();
        }
        for (path, text) in &shape.appends {
            let old = book.read(path);
            book.write(path, &(old + text));
        }
        let (code, found) = book.check_json();
        let codes: Vec<&str> = found
            .iter()
            .filter(|d| d["severity"] == "error")
            .filter_map(|d| d["code"].as_str())
            .collect();
        let run = book.run(&["build"]);
        let site = book.path().join("book");
        match shape.error {
            Some(wanted) => {
                if code != 1 || codes.is_empty() || codes.iter().any(|c| *c != wanted) {
                    failures.push(format!("{}: check gave {codes:?}", shape.name));
                }
                // A build stopped while writing removes what it staged.
                let staged: Vec<String> = std::fs::read_dir(book.path())
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .filter(|name| name.contains("hirebook-staging"))
                    .collect();
                if !staged.is_empty() {
                    failures.push(format!("{}: staging left: {staged:?}", shape.name));
                }
                if run.code != 1
                    || !run.stderr.contains(wanted)
                    || site.exists()
                    || run.stderr.len() > 64 * 1024
                {
                    failures.push(format!(
                        "{}: build exit {}, site left: {}: {}",
                        shape.name,
                        run.code,
                        site.exists(),
                        run.stderr
                    ));
                }
            }
            None => {
                if code != 0 || run.code != 0 {
                    failures.push(format!(
                        "{}: check {codes:?}, build: {}",
                        shape.name, run.stderr
                    ));
                    continue;
                }
                let (bytes, files) = walkdir::WalkDir::new(&site)
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .fold((0u64, 0u64), |(b, n), m| (b + m.len(), n + 1));
                let per_file = bytes.saturating_sub(600_000) / shape.files.len() as u64;
                // A role file makes three pages (its page, its packet and its scoring page),
                // about 12 KiB each; the build's own budget allows 64 KiB per file.
                if per_file > 40 * 1024 {
                    failures.push(format!(
                        "{}: {files} files, {bytes} bytes from {input} bytes in {} files: \
                         {per_file} bytes per file",
                        shape.name,
                        shape.files.len()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Links to folders that link on (each folder holding two links to the next) would double the
/// pages at each step: 26 of them made 16,579 files from one page. Links inside the content
/// folder are skipped, each with a warning, so the page is built once.
#[test]
fn links_that_multiply_a_folder_are_skipped() {
    let book = Book::fixture("minimal");
    let guide = book.path().join("content/guide");
    let depth = 20;
    for i in 0..depth {
        std::fs::create_dir_all(guide.join(format!("x{i}"))).unwrap();
        for name in ["a", "b"] {
            std::os::unix::fs::symlink(
                format!("../x{}", i + 1),
                guide.join(format!("x{i}/{name}")),
            )
            .unwrap();
        }
    }
    std::fs::create_dir_all(guide.join(format!("x{depth}"))).unwrap();
    book.write(
        &format!("content/guide/x{depth}/page.md"),
        "---\ntitle: Deep\n---\n\nOnce.\n",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 0, "{found:?}");
    let skipped = found.iter().filter(|d| d["code"] == "H0007").count();
    // One warning per link, at most the flood's worth per file plus its summary.
    assert!(skipped > 0 && found.len() <= 2 * depth + 5, "{found:#?}");
    assert_eq!(book.build().code, 0);
    let pages = walkdir::WalkDir::new(book.path().join("book/guide"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "page.html")
        .count();
    assert_eq!(pages, 1);
}

/// A path too long or too deep to publish is an error of `check`, not a failure of `build`
/// alone; the message quotes a long path cut in the middle.
#[test]
fn paths_too_long_to_publish_are_found_by_check() {
    let book = Book::fixture("minimal");
    let deep = format!("content/guide/{}page.md", "a/".repeat(20));
    book.write(&deep, "---\ntitle: Deep\n---\n\nText.\n");
    let long = format!("content/guide/{}.md", "b".repeat(150));
    book.write(&long, "---\ntitle: Long\n---\n\nText.\n");
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    let too_long: Vec<&serde_json::Value> = found
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("too long to publish")
        })
        .collect();
    assert_eq!(too_long.len(), 2, "{found:#?}");
    assert!(too_long.iter().all(|d| d["code"] == "H0207"));
    assert!(
        too_long
            .iter()
            .all(|d| d["file"].as_str().unwrap().chars().count() <= 161),
        "{too_long:#?}"
    );
}
