//! A question's life, end to end on built handbooks: drafts left out unless `--drafts`,
//! retired questions kept with a banner but out of the lists, the planner's bank and default
//! search, review dates, rotation groups, and the version stamp on everything printed.

mod support;

use std::fs;

use support::{Book, broken_links, run_in};

/// Every file of the built site, as text where it is text.
fn site_text(book: &Book) -> Vec<(String, String)> {
    let root = book.path().join("book");
    walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let text = fs::read_to_string(e.path()).ok()?;
            let rel = e
                .path()
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            Some((rel, text))
        })
        .collect()
}

/// The shipped handbook with only the interviewers' edition: these tests link shared pages to
/// questions, which the candidates' edition would also refuse (tests/audiences.rs).
fn interviewers_only() -> Book {
    let book = Book::shipped();
    let toml = book.read("book.toml");
    let at = toml
        .find("[audience.candidates]")
        .expect("the shipped book.toml has two editions");
    book.write("book.toml", &toml[..at]);
    book
}

/// Makes `book` a git repository with everything committed on 2026-11-30; `false` (and a
/// visible skip) when git is not installed.
fn commit_all(book: &Book, test: &str) -> bool {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        support::skip(test, "git is not installed");
        return false;
    }
    for args in [&["init", "-q"][..], &["add", "-A"], &["commit", "-qm", "x"]] {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(book.path())
            .env("GIT_AUTHOR_DATE", "2026-11-30T12:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-11-30T12:00:00Z")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}");
    }
    true
}

#[test]
fn drafts_are_checked_but_published_only_with_the_drafts_flag() {
    let book = Book::shipped();
    let draft_words = "Invalidation is the hard part";
    book.build();
    assert!(
        !book
            .path()
            .join("book/questions/caching-strategy.html")
            .exists()
    );
    let leaks: Vec<String> = site_text(&book)
        .into_iter()
        .filter(|(_, text)| text.contains(draft_words) || text.contains("caching-strategy"))
        .map(|(path, _)| path)
        .collect();
    assert!(leaks.is_empty(), "the draft reached {leaks:?}");

    let run = book.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = book.page("questions/caching-strategy.html");
    assert!(page.text(".lifecycle-banner.draft").starts_with("Draft"));
    assert!(page.text(".meta .status-draft").contains("Draft"));
    // Listed (with its mark) and searchable in a preview.
    let topic = book.page("topics/performance.html");
    assert!(
        topic
            .attrs(".question-item a.question-link", "href")
            .iter()
            .any(|h| h.ends_with("caching-strategy.html"))
    );
    assert!(
        site_text(&book)
            .iter()
            .any(|(path, text)| path.starts_with("static/search-") && text.contains("invalidation"))
    );

    // A draft's own mistakes are found without the flag.
    book.edit(
        "content/questions/caching-strategy.md",
        "minutes: 10",
        "minutes: 10\nstatus: draft\n",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    assert!(
        found
            .iter()
            .any(|d| d["file"] == "content/questions/caching-strategy.md")
    );
}

#[test]
fn a_link_or_a_round_that_needs_a_draft_is_told() {
    let book = interviewers_only();
    let faq = book.read("content/faq.md");
    book.write(
        "content/faq.md",
        &format!("{faq}\nSee [the caching draft](questions/caching-strategy.md).\n"),
    );
    book.edit(
        "content/roles/full-team.yaml",
        "      - background-jobs",
        "      - background-jobs\n      - caching-strategy",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 1, "{found:#?}");
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    assert!(codes.contains(&("H0111", "content/faq.md")), "{codes:?}");
    assert!(
        codes.contains(&("H0411", "content/roles/full-team.yaml")),
        "{codes:?}"
    );
    // With --drafts both are fine, and the round's packet prints the draft.
    let run = book.run(&["check", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = book.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let packet = book.page("roles/full-team/packet.html");
    assert!(
        packet
            .all("section.packet-question[data-q='caching-strategy'] .pq-status")
            .len()
            == 1
    );
    assert!(broken_links(&book.path().join("book")).is_empty());
}

#[test]
fn retired_questions_keep_their_page_with_a_banner_and_leave_the_lists() {
    let book = Book::shipped();
    book.build();
    let page = book.page("questions/orm-limits.html");
    let banner = page.text(".lifecycle-banner.retired");
    assert!(banner.contains("This question is retired"), "{banner}");
    assert!(banner.contains("Retired on 2026-06-01."), "{banner}");
    assert!(banner.contains("recited lists of limits"), "{banner}");
    assert_eq!(
        page.attr(".lifecycle-banner .replaced-by a", "href"),
        "../questions/orm-vs-raw-sql.html"
    );
    for list in ["questions/index.html", "topics/database.html", "print.html"] {
        let text = book.read(&format!("book/{list}"));
        assert!(
            !text.contains("orm-limits"),
            "{list} lists the retired question"
        );
    }
    // Out of the planner's bank, in the search index under its own kind.
    let files = site_text(&book);
    let banks: Vec<&(String, String)> = files
        .iter()
        .filter(|(path, _)| path.starts_with("static/planner-bank-"))
        .collect();
    // Without a bank file the loop below would check nothing.
    assert!(!banks.is_empty(), "no planner bank");
    for (path, text) in banks {
        assert!(!text.contains("orm-limits"), "{path}");
    }
    // (Every index lists the kind `retired`; that this question is found under it, and only
    // when asked for, is `retired_questions_are_found_only_when_asked_for` in search.rs.)
    assert!(
        files.iter().any(|(p, t)| p.starts_with("static/search-d")
            && t.contains("\"questions/orm-limits.html\"")),
        "the retired question is not in the search index"
    );
    // A role asking it is warned, naming the round and the replacement.
    book.edit(
        "content/roles/senior-architect.yaml",
        "questions: [orm-vs-raw-sql,",
        "questions: [orm-limits, orm-vs-raw-sql,",
    );
    let (_, found) = book.check_json();
    let warning = found
        .iter()
        .find(|d| d["code"] == "H0410")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        warning["message"],
        "round 2 (`Technical assessment`) still asks `orm-limits`, which is retired"
    );
    assert_eq!(
        warning["hint"],
        "ask `orm-vs-raw-sql` instead: it replaces this one"
    );
}

/// Every rule of a question's life, each broken once: the message names the problem.
#[test]
fn lifecycle_mistakes_are_errors_at_their_place() {
    let q = "content/questions/api-design.md";
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "status: retird",
            "H0206",
            "unknown value `retird` (in `status`)",
            "did you mean `retired`?",
        ),
        (
            "last_reviewed: 2026-02-30",
            "H0206",
            "`2026-02-30` is not a date",
            "year-month-day",
        ),
        (
            "last_reviewed: last week",
            "H0206",
            "`last week` is not a date",
            "year-month-day",
        ),
        (
            "retired_on: 2026-01-01",
            "H0206",
            "`retired_on` is for retired questions, and this one is active",
            "status: retired",
        ),
        (
            "status: retired\nreplaced_by: api-design",
            "H0110",
            "a question cannot replace itself",
            "instead",
        ),
        (
            "status: retired\nreplaced_by: orm-limits",
            "H0110",
            "`replaced_by` names `orm-limits`, which is retired too",
            "active question",
        ),
        (
            "status: retired\nreplaced_by: \"\"",
            "H0110",
            "`replaced_by` is empty",
            "remove `replaced_by`",
        ),
        (
            "status: retired\nreplaced_by: api-desing",
            "H0110",
            "`replaced_by` names `api-desing`, which is not a question",
            "did you mean `api-design`?",
        ),
        (
            "status: retired\nretired_on: 2026-13-01",
            "H0206",
            "`2026-13-01` is not a date",
            "year-month-day",
        ),
    ];
    let mut failures = Vec::new();
    for (add, code, message, hint) in cases {
        let book = Book::shipped();
        book.edit(q, "minutes: ", &format!("{add}\nminutes: "));
        let (exit, found) = book.check_json();
        let hit = found.iter().find(|d| d["code"] == *code && d["file"] == q);
        match hit {
            Some(d)
                if exit == 1
                    && d["message"] == *message
                    && d["hint"].as_str().is_some_and(|h| h.contains(hint))
                    && d["line"].as_u64().is_some() => {}
            _ => failures.push(format!("{add:?}: {found:#?}")),
        }
    }
    // A replacement whose own file cannot be read is that file's problem, told there alone (not
    // also as "not a question" at the retired one).
    let book = Book::shipped();
    book.edit(
        q,
        "minutes: ",
        "status: retired\nreplaced_by: orm-vs-raw-sql\nminutes: ",
    )
    .edit(
        "content/questions/orm-vs-raw-sql.md",
        "title: ",
        "title: [unclosed ",
    );
    let (_, found) = book.check_json();
    let told: Vec<(&str, &str)> = found
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    if told != [("H0203", "content/questions/orm-vs-raw-sql.md")] {
        failures.push(format!("broken replacement: {found:#?}"));
    }
    // A group of one, and a group naming an unknown question.
    let book = Book::shipped();
    book.edit(
        "content/roles/full-team.yaml",
        "      - one_of: [production-migrations, production-incident]",
        "      - one_of: [production-migrations]\n      - one_of: [production-incident, incidnet]",
    );
    let (_, found) = book.check_json();
    let codes: Vec<&str> = found.iter().map(|d| d["code"].as_str().unwrap()).collect();
    if codes != ["H0305", "H0101"] {
        failures.push(format!("groups: {found:#?}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn review_dates_are_listed_and_overdue_ones_warned() {
    let book = Book::shipped();
    book.build();
    let page = book.page("question-reviews.html");
    let rows = page.all(".review-table tbody tr");
    // The ten questions in use; not the retired one, not the draft (not published).
    assert_eq!(rows.len(), 10);
    let first = page.attrs(".review-table tbody tr a[href]", "href");
    assert_eq!(
        first[0], "questions/project-structure.html",
        "the oldest first"
    );
    assert!(page.all("tr.due").is_empty(), "none due on 2026-12-01");
    assert!(
        book.page("questions/index.html")
            .attrs("a[href$='question-reviews.html']", "href")
            .len()
            == 1
    );

    // hirebook run on the day `epoch` (seconds), as SOURCE_DATE_EPOCH sets it.
    let on_day = |epoch: &str, args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_hirebook"))
            .args(args)
            .current_dir(book.path())
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap()
    };
    // Two months later, the one reviewed in January is due: warned, and listed first as due.
    let later = "1801353600"; // 2027-01-31
    let out = on_day(later, &["check", "--format", "json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let overdue: Vec<&str> = text.lines().filter(|l| l.contains("H0412")).collect();
    assert_eq!(overdue.len(), 1, "{text}");
    assert!(overdue[0].contains("project-structure"), "{}", overdue[0]);
    assert!(on_day(later, &["build"]).status.success());
    let page = book.page("question-reviews.html");
    assert_eq!(page.all("tr.due").len(), 1);
    assert!(page.text("tr.due").contains("Due for review"));

    // On a day before some reviews, those dates are still to come: a mistyped year, told
    // (H0413) and never taken as overdue.
    let earlier = "1767225600"; // 2026-01-01
    let out = on_day(earlier, &["check", "--format", "json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let future = |field: &str| {
        text.lines()
            .filter(|l| l.contains("H0413") && l.contains(&format!("`{field}` is 2026-")))
            .count()
    };
    // Every published question reviewed in 2026 (drafts are not published), and the retired
    // one's `retired_on: 2026-06-01`.
    let reviewed_2026 = std::fs::read_dir(book.path().join("content/questions"))
        .unwrap()
        .filter(|e| {
            let text = std::fs::read_to_string(e.as_ref().unwrap().path()).unwrap_or_default();
            text.contains("\nlast_reviewed: 2026-") && !text.contains("\nstatus: draft")
        })
        .count();
    assert!(reviewed_2026 >= 2, "{reviewed_2026}");
    assert_eq!(future("last_reviewed"), reviewed_2026, "{text}");
    assert_eq!(future("retired_on"), 1, "{text}");
    assert!(!text.contains("H0412"), "{text}");
}

#[test]
fn a_rotation_group_is_asked_once_and_printed_with_ask_one() {
    let book = Book::shipped();
    book.build();
    let role = book.page("roles/full-team.html");
    let group = role.one("#round-3 .question-item.one-of");
    let inside = support::text(group);
    assert!(
        inside.starts_with("Ask one of these 2 questions"),
        "{inside}"
    );
    // The round's time counts the group once, at its longer question.
    let minutes = |id: &str| book.question_minutes(id);
    let planned = minutes("production-migrations").max(minutes("production-incident"))
        + minutes("background-jobs")
        + minutes("performance-and-cost");
    assert!(
        role.text("#round-3 > p.meta")
            .contains(&format!("{planned} of 60 min")),
        "{}",
        role.text("#round-3 > p.meta")
    );
    // The static packet prints both, as 5a and 5b, under "ask one".
    let packet = book.page("roles/full-team/packet.html");
    assert_eq!(
        packet.texts("#round-3 .pq-ask-one"),
        ["Ask one of these 2 questions"]
    );
    let numbers = packet.texts("#round-3 .pq-number");
    assert_eq!(numbers[..2], ["Q6a.", "Q6b."], "{numbers:?}");
    assert_eq!(numbers[2], "Q7.");
}

#[test]
fn packets_and_print_views_carry_the_handbook_version() {
    // From book.toml.
    let book = Book::shipped();
    book.edit(
        "book.toml",
        "language = \"en\"",
        "language = \"en\"\nversion = \"2026.2\"",
    );
    book.build();
    for page in [
        "roles/senior-architect/packet.html",
        "roles/senior-architect/round-1.html",
        "print.html",
        "roles/packet.html",
    ] {
        let text = book.read(&format!("book/{page}"));
        assert!(text.contains("Handbook version 2026.2"), "{page}");
    }
    // From git, when the handbook is a repository and book.toml gives none.
    let book = Book::shipped();
    if !commit_all(&book, "packets_and_print_views_carry_the_handbook_version") {
        return;
    }
    book.build();
    let packet = book.read("book/roles/senior-architect/packet.html");
    let line = packet
        .lines()
        .find(|l| l.contains("packet-version"))
        .unwrap_or_else(|| panic!("no version line"));
    assert!(line.contains("(2026-11-30)"), "{line}");
    // Without either, nothing is claimed.
    let book = Book::shipped();
    let run = run_in(book.path(), &["build"]);
    assert_eq!(run.code, 0);
    assert!(!book.read("book/print.html").contains("Handbook version"));
}

/// A link to a draft is told wherever content can hold one, not only in Markdown pages.
#[test]
fn links_to_a_draft_are_found_in_every_kind_of_file() {
    let link = "[the draft](../questions/caching-strategy.md)";
    let places: &[(&str, &str, String)] = &[
        (
            "content/scorecards/django-engineer.yaml",
            "  - id: fundamentals\n    name: Django fundamentals\n    description: ",
            format!(
                "  - id: fundamentals\n    name: Django fundamentals\n    description: See {link}. "
            ),
        ),
        (
            "content/roles/full-team.yaml",
            "    focus: For backend engineers.",
            format!("    focus: For backend engineers, see {link}."),
        ),
    ];
    for (file, from, to) in places {
        let book = interviewers_only();
        book.edit(file, from, to);
        let (code, found) = book.check_json();
        assert_eq!(code, 1, "{file}: {found:#?}");
        assert!(
            found
                .iter()
                .any(|d| d["code"] == "H0111" && d["file"] == *file),
            "{file}: {found:#?}"
        );
        let run = book.run(&["build", "--drafts"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(broken_links(&book.path().join("book")).is_empty());
    }
}

#[test]
fn a_draft_cannot_replace_a_retired_question() {
    let book = Book::shipped();
    book.edit(
        "content/questions/orm-limits.md",
        "replaced_by: orm-vs-raw-sql",
        "replaced_by: caching-strategy",
    );
    let (_, found) = book.check_json();
    let d = found
        .iter()
        .find(|d| d["code"] == "H0110")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        d["message"],
        "`replaced_by` names `caching-strategy`, which is a draft"
    );
}

/// What only drafts use is not published either: a topic of drafts alone, and their minutes
/// in a round's time budget.
#[test]
fn a_topic_and_minutes_of_drafts_alone_are_not_published() {
    let book = Book::shipped();
    book.edit(
        "content/questions/caching-strategy.md",
        "topic: performance",
        "topic: caching",
    );
    // Long enough to put its round over budget, when it counts.
    book.edit(
        "content/questions/caching-strategy.md",
        "minutes: 10",
        "minutes: 30",
    );
    let topics = book.read("content/topics.yaml");
    book.write(
        "content/topics.yaml",
        &format!("{topics}caching:\n  title: Caching\n  description: Keeping answers close.\n"),
    );
    // The draft in a group of two drafts, in a round at its budget.
    book.edit(
        "content/roles/full-team.yaml",
        "      - performance-and-cost",
        "      - performance-and-cost\n      - caching-strategy",
    );
    let run = book.run(&["check", "--format", "json"]);
    assert!(!run.stdout.contains("H0403"), "{}", run.stdout);
    assert!(run.stdout.contains("H0411"), "{}", run.stdout);
    book.build();
    assert!(!book.path().join("book/topics/caching.html").exists());
    assert!(!book.read("book/index.html").contains("topics/caching.html"));
    // With --drafts both are there, the budget counts the draft, and print marks it.
    let run = book.run(&["check", "--drafts", "--format", "json"]);
    assert!(run.stdout.contains("H0403"), "{}", run.stdout);
    assert_eq!(book.run(&["build", "--drafts"]).code, 0);
    assert!(book.path().join("book/topics/caching.html").exists());
    let print = book.page("print.html");
    assert_eq!(print.texts(".print-question .status-draft"), ["Draft"]);
}

#[test]
fn a_version_is_plain_short_text_and_marks_uncommitted_edits() {
    let book = Book::shipped();
    book.edit(
        "book.toml",
        "language = \"en\"",
        "language = \"en\"\nversion = \"v\\u202e1\"",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    assert!(
        found
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("U+202E")),
        "{found:#?}"
    );
    let book = Book::shipped();
    if !commit_all(
        &book,
        "a_version_is_plain_short_text_and_marks_uncommitted_edits",
    ) {
        return;
    }
    book.build();
    assert!(!book.read("book/print.html").contains(", edited)"));
    let faq = book.read("content/faq.md");
    book.write("content/faq.md", &format!("{faq}\nA new line.\n"));
    book.build();
    assert!(book.read("book/print.html").contains(", edited)"));
}

/// A link to a generated page that only drafts fill is told like a link to a draft: a topic
/// of drafts alone, and a topic's later page that its drafts push it onto.
#[test]
fn links_to_pages_only_drafts_fill_are_told() {
    let book = Book::fixture("minimal");
    // `incident` is the only question of `incidents`.
    book.edit(
        "content/questions/incident.md",
        "level: senior",
        "level: senior\nstatus: draft",
    );
    // `database` has 200 questions without its draft, one page's worth: the draft makes a second.
    for i in 0..199 {
        book.write(
            &format!("content/questions/db/gen-{i:03}.md"),
            &format!(
                "---\ntitle: Generated question {i}\ntopic: database\nlevel: mid\n\
                 dimensions: [fundamentals]\nstrong:\n  - Point {i}\n---\n\nBody {i}.\n"
            ),
        );
    }
    book.write(
        "content/questions/db/gen-draft.md",
        "---\ntitle: A draft\ntopic: database\nlevel: mid\nstatus: draft\n\
         dimensions: [fundamentals]\nstrong:\n  - A point\n---\n\nBody.\n",
    );
    book.edit(
        "content/guide/start.md",
        "first.",
        "first.\nSee [incidents](../topics/incidents.html) and \
         [more](../topics/database.2.html).",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 1, "{found:#?}");
    let told: Vec<(&str, u64, u64)> = found
        .iter()
        .filter(|d| d["code"] == "H0111")
        .map(|d| {
            (
                d["message"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        told,
        [
            (
                "links to `topics/incidents.html`, a page of draft questions alone, which a \
                 build without `--drafts` leaves out",
                7,
                27
            ),
            (
                "links to `topics/database.2.html`, a page of draft questions alone, which a \
                 build without `--drafts` leaves out",
                7,
                64
            ),
        ],
        "{found:#?}"
    );
    // With the drafts, both pages are made and the links lead somewhere.
    let run = book.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in ["topics/incidents.html", "topics/database.2.html"] {
        assert!(book.path().join("book").join(page).exists(), "{page}");
    }
    let broken = broken_links(&book.path().join("book"));
    assert!(broken.is_empty(), "{broken:#?}");
}
