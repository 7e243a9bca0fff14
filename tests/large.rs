//! A large handbook: no page grows with the whole handbook. The print view comes in parts,
//! long topics are listed on numbered pages, and long lists are cut short with a link on.

mod support;

use std::collections::BTreeSet;

use support::{Book, Page, broken_links};

/// The minimal fixture with `extra` more questions in the `database` topic (421 in all with
/// the fixture's own), every one giving evidence for `fundamentals`.
fn large_book(extra: usize) -> Book {
    let book = Book::fixture("minimal");
    for i in 0..extra {
        book.write(
            &format!("content/questions/db/gen-{i:04}.md"),
            &format!(
                "---\ntitle: Generated question {i}\ntopic: database\nlevel: mid\n\
                 dimensions: [fundamentals]\nstrong:\n  - Point {i}\n---\n\nBody {i}.\n"
            ),
        );
    }
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    book
}

fn question_titles(page: &Page, css: &str) -> Vec<String> {
    page.texts(css)
}

#[test]
fn a_large_handbook_prints_in_parts_that_together_hold_every_question() {
    let book = large_book(420);
    let contents = book.page("print.html");
    assert!(contents.all(".print-question").is_empty());
    let parts: Vec<String> = contents.attrs(".toc a", "href");
    assert_eq!(
        parts,
        [
            "print/guide.html",
            "print/topics/database.html",
            "print/topics/database.2.html",
            "print/topics/database.3.html",
            "print/topics/incidents.html",
        ]
    );
    let mut printed = Vec::new();
    for part in &parts[1..] {
        let page = book.page(part);
        let titles = question_titles(&page, ".print-question > h3");
        assert!(titles.len() <= 200, "{part} has {} questions", titles.len());
        assert!(page.one(".print-toolbar a").value().attr("href") == Some("../../print.html"));
        printed.extend(titles);
    }
    assert_eq!(printed.len(), 422);
    assert_eq!(printed.iter().collect::<BTreeSet<_>>().len(), 422);
    let guide = book.page("print/guide.html");
    assert!(guide.all(".print-question").is_empty());
    assert_eq!(guide.all(".print-dimension").len(), 2);
    assert_eq!(guide.all(".checklist-sheet").len(), 1);
    assert!(
        guide
            .text("title")
            .contains("Guide, scorecards and checklists")
    );
    let broken = broken_links(&book.path().join("book"));
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn a_long_topic_is_listed_on_numbered_pages() {
    let book = large_book(420);
    let mut listed = Vec::new();
    for (n, page) in ["database.html", "database.2.html", "database.3.html"]
        .iter()
        .enumerate()
    {
        let page = book.page(&format!("topics/{page}"));
        let titles = question_titles(&page, ".question-link");
        assert!(titles.len() <= 200);
        assert!(page.text("main").contains("421 questions."));
        // The page numbers, above and below the list, mark this page.
        assert_eq!(page.all(".page-numbers").len(), 2);
        let current = page.texts(".page-numbers [aria-current]");
        assert_eq!(current, [(n + 1).to_string(), (n + 1).to_string()]);
        assert_eq!(page.all(".page-numbers a").len(), 4);
        listed.extend(titles);
    }
    assert_eq!(listed.len(), 421);
    assert_eq!(listed.iter().collect::<BTreeSet<_>>().len(), 421);
    assert!(!book.path().join("book/topics/database.4.html").exists());
    // A short topic has one page and no page numbers.
    let short = book.page("topics/incidents.html");
    assert!(short.all(".page-numbers").is_empty());
}

#[test]
fn long_lists_show_the_first_items_and_link_to_the_rest() {
    let book = large_book(420);
    let index = book.page("questions/index.html");
    let database = index.one("#topic-database");
    let page = Page::parse(&database.html());
    assert_eq!(page.all(".question-link").len(), 10);
    assert_eq!(page.text("p.more"), "All 421 questions in Database and ORM");
    assert_eq!(page.attr("p.more a", "href"), "../topics/database.html");
    assert_eq!(
        index.texts(".chips .count")[0],
        "421",
        "the topic chips count every question"
    );

    let scorecard = book.page("scorecards/engineer.html");
    let fundamentals = Page::parse(&scorecard.one("#dim-fundamentals").html());
    assert_eq!(
        fundamentals.text("summary"),
        "421 questions give evidence for this"
    );
    assert_eq!(fundamentals.all("details li a").len(), 50);
    assert_eq!(fundamentals.text("details li.muted"), "and 371 more");
}

#[test]
fn a_small_handbook_prints_on_one_page_and_lists_everything() {
    let book = large_book(0);
    let print = book.page("print.html");
    assert_eq!(print.all(".print-question").len(), 2);
    assert!(!book.path().join("book/print").exists());
    let index = book.page("questions/index.html");
    assert!(index.all("p.more").is_empty());
}
