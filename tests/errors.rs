//! Broken handbooks: every error names the file, line and column, says how to fix it, and all
//! errors of a run are reported together without writing anything.

mod support;

use serde_json::Value;
use support::Book;

/// The single error diagnostic of a check run.
fn single_error(book: &Book) -> Value {
    let (code, diagnostics) = book.check_json();
    assert_eq!(code, 1, "check should fail: {diagnostics:#?}");
    let errors: Vec<Value> = diagnostics
        .into_iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().unwrap()
}

fn assert_at(d: &Value, code: &str, file: &str, line: u64, column: u64) {
    assert_eq!(d["code"], code, "{d:#}");
    assert_eq!(d["file"], file, "{d:#}");
    assert_eq!(d["line"], line, "{d:#}");
    assert_eq!(d["column"], column, "{d:#}");
}

#[test]
fn unknown_front_matter_field_suggests_the_right_one() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/incident.md",
        "topic: incidents",
        "tpoic: incidents",
    );
    let d = single_error(&book);
    assert_at(&d, "H0204", "content/questions/incident.md", 3, 1);
    assert_eq!(d["message"], "unknown field `tpoic`");
    assert_eq!(d["hint"], "did you mean `topic`?");
}

#[test]
fn missing_required_field() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/incident.md",
        "strong:\n  - States the problem clearly\n",
        "",
    );
    let d = single_error(&book);
    assert_eq!(d["code"], "H0205");
    assert_eq!(d["file"], "content/questions/incident.md");
    assert_eq!(d["message"], "missing required field `strong`");
    assert_eq!(d["hint"], "add `strong: ...`");
    assert_eq!(d["line"], 2, "points at the start of the front matter");
}

#[test]
fn wrong_type_points_at_the_value() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/db/orm.md",
        "minutes: 12",
        "minutes: twelve",
    );
    let d = single_error(&book);
    assert_at(&d, "H0206", "content/questions/db/orm.md", 5, 10);
    assert_eq!(
        d["message"],
        "this must be a whole number from 1 to 240, not the text \"twelve\" (in `minutes`)"
    );
}

#[test]
fn unknown_level_lists_the_levels() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/incident.md",
        "level: senior",
        "level: senor",
    );
    let d = single_error(&book);
    assert_at(&d, "H0206", "content/questions/incident.md", 4, 8);
    assert_eq!(d["hint"], "did you mean `senior`?");
}

#[test]
fn duplicate_question_ids_across_subfolders() {
    let book = Book::fixture("minimal");
    book.write(
        "content/questions/other/orm.md",
        "---\ntitle: Another ORM question\ntopic: database\nstrong: [x]\n---\n",
    );
    let d = single_error(&book);
    assert_eq!(d["code"], "H0208");
    assert_eq!(d["file"], "content/questions/other/orm.md");
    assert_eq!(
        d["message"],
        "question id `orm` is already used by content/questions/db/orm.md"
    );
}

#[test]
fn role_naming_a_missing_question() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/roles/backend.yaml",
        "[orm, incident]",
        "[orm, incidnet]",
    );
    let d = single_error(&book);
    assert_at(&d, "H0101", "content/roles/backend.yaml", 9, 22);
    assert_eq!(d["message"], "unknown question `incidnet`");
    assert_eq!(d["hint"], "did you mean `incident`?");
}

#[test]
fn role_naming_a_missing_scorecard_and_checklist() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/roles/backend.yaml",
        "scorecard: engineer",
        "scorecard: enginer",
    )
    .edit(
        "content/roles/backend.yaml",
        "checklists: [mistakes]",
        "checklists: [mistake, other]",
    );
    let (code, diagnostics) = book.check_json();
    assert_eq!(code, 1);
    let codes: Vec<(&str, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [("H0103", 4, 12), ("H0104", 5, 14), ("H0104", 5, 23)]
    );
    assert_eq!(diagnostics[0]["hint"], "did you mean `engineer`?");
    assert_eq!(diagnostics[1]["hint"], "did you mean `mistakes`?");
}

#[test]
fn question_naming_an_undefined_dimension() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/db/orm.md",
        "dimensions: [fundamentals]",
        "dimensions: [fundamental]",
    );
    let d = single_error(&book);
    assert_at(&d, "H0102", "content/questions/db/orm.md", 6, 14);
    assert_eq!(d["message"], "unknown dimension `fundamental`");
    assert_eq!(d["hint"], "did you mean `fundamentals`?");
}

#[test]
fn link_to_a_missing_content_file() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/incident.md",
        "(db/orm.md)",
        "(db/orn.md)",
    );
    let d = single_error(&book);
    assert_at(&d, "H0105", "content/questions/incident.md", 10, 10);
    assert_eq!(
        d["message"],
        "link to `questions/db/orn.md`, which does not exist"
    );
    assert_eq!(d["hint"], "did you mean `questions/db/orm.md`?");
}

#[test]
fn unknown_config_key() {
    let book = Book::fixture("minimal");
    book.edit("book.toml", "description =", "descripton =");
    let d = single_error(&book);
    assert_at(&d, "H0002", "book.toml", 3, 1);
    assert_eq!(d["message"], "unknown key `descripton` (in `[book]`)");
    assert_eq!(d["hint"], "did you mean `description`?");
}

#[test]
fn missing_front_matter_and_yaml_syntax() {
    let book = Book::fixture("minimal");
    book.write("content/questions/bare.md", "Just text, no front matter.\n");
    book.write(
        "content/checklists/broken.yaml",
        "title: Broken\nitems:\n  - title: [unclosed\n",
    );
    let (code, diagnostics) = book.check_json();
    assert_eq!(code, 1);
    let found: Vec<(&str, &str)> = diagnostics
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert!(
        found.contains(&("content/questions/bare.md", "H0201")),
        "{found:?}"
    );
    assert!(
        found.contains(&("content/checklists/broken.yaml", "H0203")),
        "{found:?}"
    );
}

#[test]
fn file_names_must_be_slugs() {
    let book = Book::fixture("minimal");
    book.write(
        "content/questions/My Question.md",
        "---\ntitle: Mine\ntopic: database\nstrong: [x]\n---\n",
    );
    let d = single_error(&book);
    assert_eq!(d["code"], "H0207");
    assert_eq!(d["file"], "content/questions/My Question.md");
    assert_eq!(d["hint"], "rename the file to `my-question.md`");
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/incident.md",
        "topic: incidents",
        "tpoic: incidents",
    )
    .edit(
        "content/questions/db/orm.md",
        "dimensions: [fundamentals]",
        "dimensions: [nope]",
    )
    .edit(
        "content/roles/backend.yaml",
        "scorecard: engineer",
        "scorecard: missing",
    )
    .edit(
        "content/guide/start.md",
        "(../questions/db/orm.md#why-ask-it)",
        "(../questions/gone.md)",
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    for expected in [
        "content/questions/incident.md:3:1",
        "content/questions/db/orm.md:6:14",
        "content/roles/backend.yaml:4:12",
        "content/guide/start.md:6:10",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected} in:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("the build failed with 4 errors; nothing was written"),
        "{}",
        run.stderr
    );
    assert!(!book.path().join("book").exists());
}

#[test]
fn human_output_quotes_the_line() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/roles/backend.yaml",
        "[orm, incident]",
        "[orm, incidnet]",
    );
    let run = book.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error[H0101]: unknown question `incidnet`\n --> content/roles/backend.yaml:9:22\n  |\n9 |     questions: [orm, incidnet]\n  |                      ^^^^^^^^\n  = help: did you mean `incident`?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_failed_build_leaves_the_previous_build_untouched() {
    let book = Book::fixture("minimal");
    book.build();
    let before = book.read("book/questions/orm.html");
    book.edit(
        "content/questions/db/orm.md",
        "Uses the ORM by default",
        "Changed text",
    )
    .edit(
        "content/roles/backend.yaml",
        "scorecard: engineer",
        "scorecard: missing",
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(book.read("book/questions/orm.html"), before);
    let leftovers: Vec<_> = std::fs::read_dir(book.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("hirebook-staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn not_a_handbook_is_a_usage_error() {
    let book = Book::empty();
    let run = book.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no book.toml"), "{}", run.stderr);
    let run = book.run(&["frobnicate"]);
    assert_eq!(run.code, 2);
}

#[test]
fn build_dir_that_would_destroy_sources_is_refused() {
    let book = Book::fixture("minimal");
    book.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n[build]\nbuild-dir = \"content\"\n",
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("H0005"), "{}", run.stderr);
    assert!(book.path().join("content/questions/incident.md").is_file());
    let run = book.run(&["build", ".", "--dest-dir", "."]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(book.path().join("content/questions/incident.md").is_file());
}

#[test]
fn dest_dir_with_foreign_files_is_refused() {
    let book = Book::fixture("minimal");
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("precious.txt"), "keep me").unwrap();
    let run = book.run(&["build", ".", "--dest-dir", out.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(out.path().join("precious.txt")).unwrap(),
        "keep me"
    );
}

/// A handbook's strings may not come from outside it: not through a linked file, not through
/// a linked `i18n` folder. A link inside the handbook is fine.
#[cfg(unix)]
#[test]
fn strings_from_outside_the_handbook_are_refused() {
    use std::os::unix::fs::symlink;
    type Link = fn(&Book, &std::path::Path);
    let ways: [(&str, Link); 3] = [
        ("a linked file", |book, outside| {
            std::fs::create_dir_all(book.path().join("i18n")).unwrap();
            symlink(outside.join("en.toml"), book.path().join("i18n/en.toml")).unwrap();
        }),
        ("a linked folder", |book, outside| {
            symlink(outside, book.path().join("i18n")).unwrap();
        }),
        ("a link to a missing folder", |book, outside| {
            symlink(outside.join("gone"), book.path().join("i18n")).unwrap();
        }),
    ];
    for (way, link) in ways {
        let book = Book::fixture("minimal");
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(
            outside.path().join("en.toml"),
            "[nav]\nhome = \"OUTSIDE\"\n",
        )
        .unwrap();
        link(&book, outside.path());
        let run = book.run(&["build"]);
        let missing_folder = way == "a link to a missing folder";
        if missing_folder {
            // Nothing to read: the built-in strings.
            assert_eq!(run.code, 0, "{way}: {}", run.stderr);
        } else {
            assert_eq!(run.code, 1, "{way}: {}", run.stderr);
            assert!(run.stderr.contains("H0006"), "{way}: {}", run.stderr);
        }
        let home = book.path().join("book/index.html");
        let built = std::fs::read_to_string(home).unwrap_or_default();
        assert!(!built.contains("OUTSIDE"), "{way}");
    }
    // Inside the handbook, a link is followed.
    let book = Book::fixture("minimal");
    book.write("shared/en.toml", "[nav]\nhome = \"Start\"\n");
    symlink(book.path().join("shared"), book.path().join("i18n")).unwrap();
    assert_eq!(book.build().code, 0);
    assert!(book.read("book/index.html").contains(">Start</a>"));
}
