//! `hirebook check` as CI runs it: output formats (golden files), warnings and
//! --deny-warnings, `new` files that check accepts, and the JSON Schemas.

mod support;

use support::{Book, repo};

/// A handbook with one error and two warnings.
fn flawed() -> Book {
    let book = Book::fixture("minimal");
    book.edit(
        "content/roles/backend.yaml",
        "[orm, incident]",
        "[orm, incidnet]",
    )
    .edit(
        "content/questions/db/orm.md",
        "tags: [orm, sql]",
        "tags: [orm, sql]\nextra: 1",
    );
    book
}

fn warned() -> Book {
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/incident.md",
        "(db/orm.md)",
        "(db/orm.md#nowhere)",
    )
    .edit("content/roles/backend.yaml", "minutes: 30", "minutes: 20");
    book
}

/// Compares `actual` with `tests/golden/<name>`; `UPDATE_GOLDEN=1` rewrites the file.
fn golden(name: &str, actual: &str) {
    let path = repo().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    // A missing golden file is a failure, not an empty expectation that empty output meets.
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{name}: {e} (UPDATE_GOLDEN=1 to write it)"));
    assert!(!actual.is_empty(), "{name}: no output");
    assert_eq!(
        actual, expected,
        "{name} differs (UPDATE_GOLDEN=1 to accept)"
    );
}

#[test]
fn human_format() {
    for (name, book, code) in [
        ("human-errors.txt", flawed(), 1),
        ("human-warnings.txt", warned(), 0),
    ] {
        let run = book.run(&["check"]);
        assert_eq!(run.code, code, "{name}");
        golden(name, &run.stderr);
    }
}

#[test]
fn github_format() {
    let run = flawed().run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    golden("github.txt", &run.stdout);
    let run = warned().run(&["check", "--format", "github"]);
    assert_eq!(run.code, 0);
    golden("github-warnings.txt", &run.stdout);
}

#[test]
fn json_format() {
    let run = flawed().run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    golden("json.txt", &run.stdout);
}

#[test]
fn warnings_pass_unless_denied() {
    let book = warned();
    assert_eq!(book.run(&["check"]).code, 0);
    let denied = book.run(&["check", "--deny-warnings"]);
    assert_eq!(denied.code, 1);
    assert!(
        denied.stderr.contains("(warnings are denied)"),
        "{}",
        denied.stderr
    );
    // A clean handbook passes even with warnings denied.
    assert_eq!(Book::shipped().run(&["check", "--deny-warnings"]).code, 0);
}

/// Every path under `dir` with its contents (`None` for a folder).
fn tree(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Option<Vec<u8>>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (e.into_path(), bytes)
        })
        .collect()
}

#[test]
fn check_writes_nothing() {
    let book = Book::fixture("minimal");
    let before = tree(book.path());
    assert!(before.len() > 10, "{} entries", before.len());
    assert_eq!(book.run(&["check"]).code, 0);
    // Paths and contents: a file rewritten in place is a write too.
    assert!(tree(book.path()) == before, "check changed the handbook");
}

#[test]
fn new_files_of_every_kind_pass_check() {
    let book = Book::fixture("minimal");
    for args in [
        &[
            "new", "question", "caching", "--topic", "database", "--level", "senior",
        ][..],
        &["new", "role", "frontend"],
        &["new", "scorecard", "frontend"],
        &["new", "checklist", "debrief"],
        &["new", "page", "guide/onboarding-tips"],
        &["new", "page", "faq-extra", "."],
    ] {
        let run = book.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    let question = book.read("content/questions/caching.md");
    assert!(question.contains("topic: database"));
    assert!(question.contains("level: [senior]"));
    assert!(
        question
            .contains("dimensions this question gives evidence for: communication, fundamentals")
    );
    assert!(
        book.read("content/roles/frontend.yaml")
            .contains("scorecard: engineer")
    );
    let check = book.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // Their TODOs are valid content, but a reviewer is told each new file still has some.
    let (_, diagnostics) = book.check_json();
    let mut placeholders: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d["code"] == "H0407")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    placeholders.sort();
    assert_eq!(
        placeholders,
        [
            "content/checklists/debrief.yaml",
            "content/faq-extra.md",
            "content/guide/onboarding-tips.md",
            "content/questions/caching.md",
            "content/roles/frontend.yaml",
            "content/scorecards/frontend.yaml",
        ]
    );
    // New files never replace existing ones.
    let again = book.run(&["new", "role", "frontend"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("refusing to overwrite"),
        "{}",
        again.stderr
    );
    let taken = book.run(&["new", "question", "orm"]);
    assert_eq!(taken.code, 2, "a question `orm` exists in a subfolder");
    let bad = book.run(&["new", "question", "Bad Name"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("`bad-name`"), "{}", bad.stderr);
    // A page's path is slugs; pages stay out of the folders of other kinds; the handbook's
    // folder is given as the other commands take it, or with --dir, not both.
    assert!(
        book.read("content/guide/onboarding-tips.md")
            .contains("title: Onboarding tips")
    );
    let bad = book.run(&["new", "page", "guide/Bad Page"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    let reserved = book.run(&["new", "page", "questions/notes"]);
    assert_eq!(reserved.code, 2);
    assert!(
        reserved.stderr.contains("hirebook new question"),
        "{}",
        reserved.stderr
    );
    let both = book.run(&["new", "role", "x", ".", "--dir", "."]);
    assert_eq!(both.code, 2, "{}", both.stderr);
    let elsewhere = support::run_in(
        book.path().parent().unwrap(),
        &["new", "role", "from-outside", book.path().to_str().unwrap()],
    );
    assert_eq!(elsewhere.code, 0, "{}", elsewhere.stderr);
    assert!(
        book.path()
            .join("content/roles/from-outside.yaml")
            .is_file()
    );
}

fn validator(book: &Book, name: &str) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&book.read(&format!("schemas/{name}"))).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn yaml_as_json(text: &str) -> serde_json::Value {
    let value: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
    // YAML keys like `1:` become the strings JSON (and YAML editors) use.
    serde_json::to_value(value).unwrap()
}

#[test]
fn schemas_accept_the_shipped_handbook_and_reject_broken_files() {
    let book = Book::shipped();
    let run = book.run(&["schema"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\"yaml.schemas\""), "{}", run.stdout);
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(book.path().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let path = entry.path();
        let rel = path
            .strip_prefix(book.path().join("content"))
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let (schema, value) = if rel.starts_with("questions/") {
            ("question.schema.json", front_matter(&text))
        } else if rel.ends_with(".md") {
            ("page.schema.json", front_matter(&text))
        } else if rel == "topics.yaml" {
            ("topics.schema.json", yaml_as_json(&text))
        } else if let Some(kind) = ["scorecards", "checklists", "roles"]
            .iter()
            .find(|k| rel.starts_with(*k))
        {
            (
                &*format!("{}.schema.json", kind.trim_end_matches('s')),
                yaml_as_json(&text),
            )
        } else {
            continue;
        };
        let errors: Vec<String> = validator(&book, schema)
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{rel}: {errors:?}");
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");

    let role = validator(&book, "role.schema.json");
    let broken = yaml_as_json(
        "title: x\nsummary: y\nrounds:\n  - name: a\n    minutes: ten\n    questions: [q]\nscorecrd: z\n",
    );
    let errors: Vec<String> = role.iter_errors(&broken).map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    let question = validator(&book, "question.schema.json");
    assert!(
        !question.is_valid(&yaml_as_json("title: x\ntopic: y\n")),
        "strong is required"
    );
    assert!(!question.is_valid(&yaml_as_json(
        "title: x\ntopic: y\nstrong: [a]\nlevel: senor\n"
    )));
}

fn front_matter(text: &str) -> serde_json::Value {
    let yaml = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---"))
        .map(|(y, _)| y)
        .unwrap();
    yaml_as_json(yaml)
}

/// One stray field in any file of a real handbook gives one problem, at that field: the rest
/// of the file (nested lists, maps keyed by scores, topic maps) is still read as valid. Run
/// over every YAML file and every Markdown file with front matter of the shipped handbook,
/// so each kind of file and each shape of schema is covered.
#[test]
fn one_stray_field_is_one_problem_in_every_kind_of_file() {
    let shipped = Book::shipped();
    let files: Vec<String> = walkdir::WalkDir::new(shipped.path().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(shipped.path()).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .filter(|p| p.ends_with(".yaml") || p.ends_with(".md"))
        .collect();
    assert!(files.len() >= 15, "{files:?}");
    let mut failures = Vec::new();
    let mut tried = 0;
    for file in &files {
        let book = Book::shipped();
        let text = book.read(file);
        let stray = if let Some(rest) = text.strip_prefix("---\n") {
            format!("---\nzzz-stray: 1\n{rest}")
        } else if file.ends_with(".yaml") {
            // topics.yaml is a map of topics: a stray key there is a topic, not a field.
            if file.ends_with("topics.yaml") {
                continue;
            }
            format!("zzz-stray: 1\n{text}")
        } else {
            continue; // a Markdown page without front matter has no fields
        };
        tried += 1;
        book.write(file, &stray);
        let (_, found) = book.check_json();
        let errors: Vec<String> = found
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| format!("{}:{} {}", d["file"], d["line"], d["message"]))
            .collect();
        let wanted = "unknown field `zzz-stray`";
        if errors.len() != 1 || !errors[0].contains(wanted) || !errors[0].contains(file) {
            failures.push(format!("{file}: {errors:?}"));
        }
    }
    assert!(tried >= 12, "only {tried} files tried");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What an editor meets in one run, in each format: one question with six independent
/// mistakes (a misspelt field, a word for a number, an unknown level, a negative number, a
/// title in wide characters whose broken link must be underlined in the right columns, a
/// broken link), and four files, each with a different YAML syntax error (an unclosed `[`,
/// an unclosed quote, a tab, a key given twice) reported at the mistake.
fn many_problems() -> Book {
    let book = Book::fixture("minimal");
    book.write(
        "content/questions/incident.md",
        "---\ntitle: 事故について教えてください\ntpoic: incidents\ntopic: incidents\nlevel: senor\n\
         minutes: ten\ndimensions: [communication]\nstrong: [States the problem]\n\
         follow_ups: [[-3]]\n---\n\n見てください [設計](設計.md) and [the ORM question](db/orn.md).\n",
    );
    book.write(
        "content/questions/unclosed.md",
        "---\ntitle: Unclosed\ntopic: incidents\nlevel: mid\nstrong: [one, two\nminutes: 10\n---\n\nText.\n",
    );
    book.write(
        "content/questions/quote.md",
        "---\ntitle: \"Unclosed quote\ntopic: incidents\nlevel: mid\nstrong: [one]\n---\n\nText.\n",
    );
    book.write(
        "content/questions/tab.md",
        "---\ntitle: Tab\ntopic: incidents\nlevel: mid\nstrong:\n\t- one\n---\n\nText.\n",
    );
    book.write(
        "content/questions/twice.md",
        "---\ntitle: Twice\ntopic: incidents\nlevel: mid\nstrong: [one]\nlevel: senior\n---\n\nText.\n",
    );
    book
}

#[test]
fn many_problems_in_each_format() {
    for (format, name, out) in [
        ("human", "many-human.txt", false),
        ("github", "many-github.txt", true),
        ("json", "many-json.txt", true),
    ] {
        let run = many_problems().run(&["check", "--format", format]);
        assert_eq!(run.code, 1, "{format}");
        golden(name, if out { &run.stdout } else { &run.stderr });
    }
    // Every planted mistake is there, each once.
    let (_, found) = many_problems().check_json();
    let at: Vec<String> = found
        .iter()
        .map(|d| format!("{}:{}:{} {}", d["file"], d["line"], d["column"], d["code"]))
        .collect();
    for wanted in [
        "\"content/questions/incident.md\":3:1 \"H0204\"",
        "\"content/questions/incident.md\":5:8 \"H0206\"",
        "\"content/questions/incident.md\":6:10 \"H0206\"",
        "\"content/questions/incident.md\":9:14 \"H0206\"",
        "\"content/questions/incident.md\":12:8 \"H0105\"",
        "\"content/questions/incident.md\":12:24 \"H0105\"",
        "\"content/questions/unclosed.md\":5:9 \"H0203\"",
        "\"content/questions/quote.md\":2:8 \"H0203\"",
        "\"content/questions/tab.md\":6:1 \"H0203\"",
        "\"content/questions/twice.md\":6:1 \"H0206\"",
    ] {
        assert_eq!(
            at.iter().filter(|a| **a == wanted).count(),
            1,
            "{wanted} in {at:#?}"
        );
    }
}

/// A handbook's own templates for `new` (archetypes/<kind>.md or .yaml, as Hugo's) replace the
/// built-in ones, with `{id}`, `{title}`, `{topic}` and `{level}` filled in.
#[test]
fn new_uses_the_handbooks_own_templates() {
    let book = Book::fixture("minimal");
    book.write(
        "archetypes/question.md",
        "---\ntitle: \"{title}?\"\ntopic: {topic}\nlevel: {level}\ndimensions: [communication]\nstrong:\n  - Our house style for {id}\n---\n\nAsk it our way.\n",
    );
    let run = book.run(&[
        "new",
        "question",
        "cache-design",
        "--topic",
        "database",
        "--level",
        "senior",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = book.read("content/questions/cache-design.md");
    assert!(text.contains("title: \"Cache design?\""), "{text}");
    assert!(text.contains("topic: database\nlevel: senior"), "{text}");
    assert!(text.contains("Our house style for cache-design"), "{text}");
    assert_eq!(book.run(&["check"]).code, 0);
    // Kinds without a template of the handbook's keep the built-in one.
    let run = book.run(&["new", "checklist", "debrief"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        book.read("content/checklists/debrief.yaml")
            .contains("TODO")
    );
}

/// A problem in book.toml does not hide the content's: with the rest of book.toml sound, the
/// content is checked in the same run, and nothing is written.
#[test]
fn book_toml_problems_hide_no_content_problems() {
    let book = Book::fixture("minimal");
    assert_eq!(book.build().code, 0);
    let before = book.read("book/index.html");
    book.edit("book.toml", "description =", "descripton =");
    book.edit(
        "content/questions/incident.md",
        "level: senior",
        "level: senior\nminutes: ten",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    let codes: Vec<&str> = found.iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.contains(&"H0002"), "{codes:?}");
    assert!(codes.contains(&"H0206"), "{codes:?}");
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        book.read("book/index.html"),
        before,
        "a failed build writes nothing"
    );
}

/// Without topics.yaml, a topic used by one question and a typo away from another is a
/// warning (H0408), unless the handbook has more than 200 such lonely topics, when it does
/// not group by topic at all. Both sides of the limit, exactly (mutation testing found no test
/// of the limit).
#[test]
fn likely_topic_typos_are_checked_up_to_two_hundred_lonely_topics() {
    for (lonely, warned) in [(200, true), (201, false)] {
        let book = Book::empty();
        book.write("book.toml", "[book]\ntitle = \"Topics\"\n");
        let question = |id: &str, topic: &str| {
            format!("---\ntitle: Question {id}\ntopic: {topic}\nstrong: [A point]\n---\n")
        };
        for id in ["d1", "d2"] {
            book.write(
                &format!("content/questions/{id}.md"),
                &question(id, "database"),
            );
        }
        book.write("content/questions/typo.md", &question("typo", "databse"));
        // The other lonely topics: far from `database` (and told about among themselves,
        // which this test does not count).
        for i in 1..lonely {
            book.write(
                &format!("content/questions/q{i}.md"),
                &question(&format!("q{i}"), &format!("zz-lonely-topic-{i}")),
            );
        }
        let (code, found) = book.check_json();
        // Warnings only: a check that stopped early would tell no typo either.
        assert_eq!(code, 0, "{lonely} lonely topics: {found:#?}");
        let typo = found
            .iter()
            .any(|d| d["code"] == "H0408" && d["message"].as_str().unwrap().contains("`databse`"));
        assert_eq!(typo, warned, "{lonely} lonely topics");
    }
}

/// A topic used by one question and far from every other is no typo: no H0408, not even one
/// comparing the topic with itself (mutation testing: the filter that skips the topic itself
/// could be loosened with no test failing).
#[test]
fn a_lonely_topic_far_from_the_others_is_no_typo() {
    let book = Book::empty();
    book.write("book.toml", "[book]\ntitle = \"Topics\"\n");
    // Two lonely topics a typo apart are not compared with each other either: neither is the
    // established name.
    for (id, topic) in [
        ("d1", "database"),
        ("d2", "database"),
        ("s1", "security"),
        ("c1", "cache"),
        ("c2", "caches"),
    ] {
        book.write(
            &format!("content/questions/{id}.md"),
            &format!("---\ntitle: Question {id}\ntopic: {topic}\nstrong: [A point]\n---\n"),
        );
    }
    let (_, found) = book.check_json();
    assert!(!found.iter().any(|d| d["code"] == "H0408"), "{found:#?}");
    // The same handbook with a typo is told, so the check above is not vacuous.
    book.write(
        "content/questions/t1.md",
        "---\ntitle: Question t1\ntopic: databse\nstrong: [A point]\n---\n",
    );
    let (_, found) = book.check_json();
    assert_eq!(
        found.iter().filter(|d| d["code"] == "H0408").count(),
        1,
        "{found:#?}"
    );
}

/// A way to break a handbook, named.
type Case = (&'static str, fn(&Book));

/// Topics go unchecked (H0109) only while topics.yaml itself is broken: an error in another
/// file, or another file that cannot be read, leaves them checked (mutation testing: widening
/// either condition failed no test).
#[test]
fn topics_are_checked_despite_other_files_problems() {
    let cases: [Case; 2] = [
        ("an error in a role", |b| {
            b.edit(
                "content/roles/backend.yaml",
                "questions: [orm, incident]",
                "questions: [orm, incidnet]",
            );
        }),
        ("an unreadable question", |b| {
            std::fs::write(
                b.path().join("content/questions/bad.md"),
                b"---\ntitle: \xff\xfe\n---\n",
            )
            .unwrap();
        }),
    ];
    for ((what, break_it), broken) in cases
        .into_iter()
        .zip(["content/roles/backend.yaml", "content/questions/bad.md"])
    {
        let book = Book::fixture("minimal");
        book.edit(
            "content/questions/incident.md",
            "topic: incidents",
            "topic: incidnets",
        );
        break_it(&book);
        let (_, found) = book.check_json();
        // The other problem is there, so the topics were checked beside it.
        assert!(
            found
                .iter()
                .any(|d| d["file"] == broken && d["severity"] == "error"),
            "{what}: {found:#?}"
        );
        let codes: Vec<&str> = found.iter().map(|d| d["code"].as_str().unwrap()).collect();
        assert!(codes.contains(&"H0107"), "{what}: {codes:?}");
        assert!(!codes.contains(&"H0109"), "{what}: {codes:?}");
    }
}

/// The scoring pages are hirebook's: a role named `score` would replace the custom plan's
/// sheet, and a prose page at a role's `score.html` its scoring page. Both are refused at the
/// file that would write them, and nothing is built.
#[test]
fn no_file_replaces_a_scoring_page() {
    let book = Book::fixture("minimal");
    let role = book.read("content/roles/backend.yaml");
    book.write("content/roles/score.yaml", &role);
    book.write("content/roles/backend/score.md", "---\ntitle: Notes\n---\n");
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    let told: Vec<(String, String)> = found
        .iter()
        .filter(|d| d["code"] == "H0209")
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        told,
        [
            (
                "content/roles/backend/score.md".to_owned(),
                "this would be written to `roles/backend/score.html`, which \
                 content/roles/backend.yaml also writes"
                    .to_owned()
            ),
            (
                "content/roles/score.yaml".to_owned(),
                "this would be written to `roles/score.html`, which hirebook generates".to_owned()
            ),
        ],
        "{found:?}"
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(!book.path().join("book").exists());
}

/// A role naming a checklist whose file cannot be read is told nothing more: the checklist's
/// own error says it all (not also "unknown checklist" at the role).
#[test]
fn a_checklist_that_cannot_be_read_is_its_own_problem() {
    let book = Book::fixture("minimal");
    book.edit("content/checklists/mistakes.yaml", "title: ", "title: [");
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    let told: Vec<(&str, &str)> = found
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        told,
        [("H0203", "content/checklists/mistakes.yaml")],
        "{found:#?}"
    );
}

/// When book.toml cannot be read, no content is: the summary names book.toml, not "0 files".
#[test]
fn a_broken_book_toml_is_what_the_summary_names() {
    let book = Book::fixture("minimal");
    let config = book.read("book.toml");
    book.write("book.toml", &format!("title = \"unclosed\n{config}"));
    let run = book.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .trim_end()
            .ends_with("error: check failed: 1 error in book.toml"),
        "{}",
        run.stderr
    );
}

/// Links to pages hirebook makes (a topic's page, a role's packet, a round's) are checked
/// against the pages this handbook makes: a typo, a role it does not have, a round past the
/// last are told at the link, with the closest page; the pages that exist pass.
#[test]
fn links_to_generated_pages_are_checked() {
    let book = Book::fixture("minimal");
    book.write(
        "content/links.md",
        "---\ntitle: Links\n---\n\n[a](topics/database.html) [b](roles/backend/packet.html)\n\
         [c](topics/databse.html) [d](/roles/ghost/packet.html) [e](roles/backend/round-9.html)\n",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    let told: Vec<(u64, u64, &str, &str)> = found
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap(),
                d["hint"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        told,
        [
            (
                6,
                1,
                "link to `topics/databse.html`, which this handbook does not make",
                "did you mean `topics/database.html`?"
            ),
            (
                6,
                26,
                "link to `roles/ghost/packet.html`, which this handbook does not make",
                "did you mean `roles/backend/packet.html`?"
            ),
            (
                6,
                56,
                "link to `roles/backend/round-9.html`, which this handbook does not make",
                told[2].3
            ),
        ],
        "{found:#?}"
    );
    assert!(told[2].3.contains("round-<n>.html"), "{}", told[2].3);
}
