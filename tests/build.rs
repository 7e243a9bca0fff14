//! Building handbooks end to end and reading the pages the way a browser would.

mod support;

use support::{Book, Page, broken_links, duplicate_ids};

#[test]
fn the_shipped_handbook_builds_with_every_page() {
    let book = Book::shipped();
    let run = book.build();
    assert!(
        run.stderr.contains("Built 10 questions, 3 roles, 5 pages"),
        "{}",
        run.stderr
    );
    for page in [
        "index.html",
        "questions/index.html",
        "questions/orm-vs-raw-sql.html",
        "topics/database.html",
        "scorecards/django-engineer.html",
        "checklists/interviewer-mistakes.html",
        "roles/index.html",
        "roles/senior-architect.html",
        "roles/senior-architect/packet.html",
        "guide/team-setup.html",
        "faq.html",
        "print.html",
        "search.html",
        "404.html",
    ] {
        assert!(
            book.path().join("book").join(page).is_file(),
            "{page} missing"
        );
    }
    let broken = broken_links(&book.path().join("book"));
    assert!(broken.is_empty(), "{broken:#?}");
    let duplicates = duplicate_ids(&book.path().join("book"));
    assert!(duplicates.is_empty(), "{duplicates:#?}");
}

#[test]
fn the_print_view_holds_the_whole_handbook() {
    let book = Book::shipped();
    book.build();
    let print = book.page("print.html");
    assert_eq!(print.all(".print-question").len(), 10);
    assert_eq!(print.all(".print-topic").len(), 10);
    assert_eq!(print.texts(".print-topic > h2")[1], "Database and ORM");
    assert_eq!(print.all(".print-dimension").len(), 7);
    assert_eq!(
        print.texts(".checklist-sheet > h2"),
        ["Common interviewer mistakes"]
    );
    assert!(
        print
            .text("#print-guide")
            .contains("Never take a short answer and move on")
    );
    // Bodies printed together must not repeat heading ids.
    assert!(print.all(".print-question h2[id]").is_empty());
}

#[test]
fn a_question_page_shows_everything_an_interviewer_needs() {
    let book = Book::shipped();
    book.build();
    let page = book.page("questions/orm-vs-raw-sql.html");
    assert_eq!(
        page.text("h1"),
        "When do you use the Django ORM, and when do you drop down to raw SQL?"
    );
    assert_eq!(page.texts("#strong li").len(), 5);
    assert!(page.texts("#strong li")[3].contains("select_related"));
    let code: Vec<String> = page
        .all("#strong li code")
        .iter()
        .map(|c| c.inner_html())
        .collect();
    assert_eq!(code, ["select_related", "prefetch_related"]);
    assert!(page.text("#good-sign").contains("Measures before deciding"));
    assert!(page.text("#red-flag").contains("the ORM is always enough"));
    assert_eq!(page.texts("#follow-ups li").len(), 3);
    assert_eq!(page.text(".meta-minutes"), "10 min");
    assert_eq!(page.texts(".meta .badge"), ["Mid-level", "Senior"]);
    assert_eq!(
        page.texts("#dimensions a"),
        ["Django fundamentals", "Performance and cost awareness"]
    );
    let first_dimension = page.all("#dimensions a")[0].value().attr("href").unwrap();
    assert_eq!(
        first_dimension,
        "../scorecards/django-engineer.html#dim-fundamentals"
    );
    assert_eq!(page.texts("#used-in a").len(), 3);
    // The body: headings with anchors, highlighted code that keeps its language class.
    assert!(
        page.all("#notes h2#why-ask-it a.anchor[href='#why-ask-it']")
            .len()
            == 1
    );
    let code = page.all("#notes pre code.language-python");
    assert_eq!(code.len(), 1);
    assert!(!page.all("#notes pre code.language-python .hl-s").is_empty());
    assert_eq!(page.all("#notes pre code.language-sql").len(), 1);
}

#[test]
fn questions_are_grouped_by_topic_with_a_page_per_topic() {
    let book = Book::shipped();
    book.build();
    let index = book.page("questions/index.html");
    let topics = index.texts(".topic-group > h2");
    assert_eq!(topics.len(), 10);
    assert_eq!(topics[0], "Architecture");
    assert_eq!(topics[1], "Database and ORM");
    assert_eq!(index.all(".question-item").len(), 10);
    let topic = book.page("topics/database.html");
    assert_eq!(topic.text("h1"), "Database and ORM");
    assert_eq!(
        topic.texts(".question-link"),
        ["When do you use the Django ORM, and when do you drop down to raw SQL?"]
    );
}

#[test]
fn scorecard_role_and_checklist_pages() {
    let book = Book::shipped();
    book.build();
    let scorecard = book.page("scorecards/django-engineer.html");
    assert_eq!(scorecard.all(".dimension").len(), 7);
    assert_eq!(scorecard.all("#dim-security .anchor-row").len(), 3);
    assert_eq!(scorecard.texts("#dim-security dt")[0], "1 No evidence");

    let role = book.page("roles/senior-architect.html");
    assert_eq!(
        role.text("h1"),
        "Senior Django engineer (architecture owner)"
    );
    let rounds = role.texts(".round > h2");
    assert_eq!(
        rounds,
        [
            "Round 1: Screening",
            "Round 2: Technical assessment",
            "Round 3: Practical scenario",
            "Round 4: Culture fit"
        ]
    );
    assert_eq!(role.texts("#round-1 .question-link").len(), 2);
    assert!(role.text(".role > .meta").contains("165 min in all"));
    assert_eq!(role.text("#round-2 > .meta"), "50 of 60 min planned");

    let checklist = book.page("checklists/interviewer-mistakes.html");
    assert_eq!(checklist.all(".checklist-item").len(), 5);
    assert_eq!(
        checklist.texts(".item-title")[0],
        "Asking only theory questions"
    );
}

#[test]
fn prose_pages_render_extensions_and_rewrite_links() {
    let book = Book::fixture("minimal");
    book.build();
    let page = book.page("guide/start.html");
    assert_eq!(page.text("h1"), "Getting started");
    assert_eq!(
        page.attr("main p a", "href"),
        "../questions/orm.html#why-ask-it"
    );
    assert_eq!(page.attr("main img", "src"), "../questions/db/schema.svg");
    assert!(book.path().join("book/questions/db/schema.svg").is_file());
    assert_eq!(page.all("main table").len(), 1);
    assert_eq!(page.all("main input[type=checkbox][checked]").len(), 1);
    assert!(broken_links(&book.path().join("book")).is_empty());
}

/// Topic pages and packets are made from the whole handbook, yet content links to them
/// like to any page; a link to one the handbook does not make is told where it is written.
#[test]
fn content_links_to_topic_pages_and_packets() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/guide/start.md",
        "first.",
        "first, then [incidents](/topics/incidents.html), \
         [the packet](../roles/backend/packet.html#round-1) and [all](../topics/database.html), \
         or [search](../search.html?q=n%2B1&role=backend).",
    );
    book.build();
    let page = book.page("guide/start.html");
    assert_eq!(
        page.attrs("main p a", "href"),
        [
            "../questions/orm.html#why-ask-it",
            "../topics/incidents.html",
            "../roles/backend/packet.html#round-1",
            "../topics/database.html",
            "../search.html?q=n%2B1&role=backend",
        ]
    );
    let broken = broken_links(&book.path().join("book"));
    assert!(broken.is_empty(), "{broken:?}");

    // The backend role has one round, so no page of its own for round 1; no topic `ops`.
    book.edit(
        "content/guide/start.md",
        "[all](../topics/database.html)",
        "[all](../topics/databse.html)\n\n[ops](/topics/ops.html) [r1](/roles/backend/round-1.html) \
         [r](/roles/frontend/packet.html)",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    let broken: Vec<String> = found
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["code"].as_str().unwrap(),
                d["hint"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(broken.len(), 4, "{broken:#?}");
    for (d, at) in broken.iter().zip(["6:", "8:1", "8:", "8:"]) {
        assert!(
            d.starts_with(&format!("content/guide/start.md:{at}")) && d.contains("H0105"),
            "{d}"
        );
    }
    assert!(broken[0].contains("topics/database.html"), "{}", broken[0]);
}

#[test]
fn links_are_relative_so_the_site_works_under_any_path() {
    let book = Book::fixture("minimal");
    book.build();
    let q = book.page("questions/orm.html");
    assert_eq!(
        q.attr("link[rel=stylesheet]", "href").get(..10),
        Some("../static/")
    );
    assert_eq!(q.attr(".site-title", "href"), "../index.html");
    let packet = book.page("roles/backend/packet.html");
    assert_eq!(packet.attr(".site-title", "href"), "../../index.html");
    // The 404 page can be served at any depth, so it links from the site URL instead.
    let missing = book.page("404.html");
    assert_eq!(missing.attr(".site-title", "href"), "/index.html");
}

#[test]
fn without_javascript_the_search_box_is_a_link_to_all_questions() {
    let book = Book::fixture("minimal");
    book.build();
    let page = book.page("questions/orm.html");
    assert_eq!(
        page.attr(".search-fallback", "href"),
        "../questions/index.html"
    );
    assert_eq!(page.all(".search-form[hidden]").len(), 1);
    // The engine and its index are plain scripts: no modules, nothing fetched.
    assert!(page.all("script[type=module]").is_empty());
    assert!(page.attr("html", "data-search-index") == "static/search-index.js");
}

#[test]
fn edit_links_use_the_configured_template() {
    let book = Book::fixture("minimal");
    book.build();
    let q = book.page("questions/orm.html");
    assert_eq!(
        q.attr(".edit-link", "href"),
        "https://example.org/repo/edit/main/content/questions/db/orm.md"
    );
    // Generated pages have no source file to edit.
    assert!(
        book.page("questions/index.html")
            .all(".edit-link")
            .is_empty()
    );
}

#[test]
fn site_url_moves_the_404_page_links() {
    // A path, or the full URL that mdBook, Zola and Hugo users write.
    for site_url in ["/handbook", "https://example.com/handbook/"] {
        let book = Book::fixture("minimal");
        book.write(
            "book.toml",
            &format!("[book]\ntitle = \"T\"\n[output.html]\nsite-url = \"{site_url}\"\n"),
        );
        let run = book.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(
            book.page("404.html").attr(".site-title", "href"),
            "/handbook/index.html",
            "{site_url}"
        );
        // A full URL also gives every page but the 404 its address; a path gives none.
        let canonical = |path: &str| {
            let page = book.page(path);
            let links = page.all("link[rel=canonical]");
            links
                .first()
                .map(|l| l.value().attr("href").unwrap().to_owned())
        };
        let full = site_url.starts_with("https://");
        let want = |p: &str| full.then(|| format!("https://example.com/handbook/{p}"));
        assert_eq!(canonical("index.html"), want(""), "{site_url}");
        assert_eq!(canonical("roles/index.html"), want("roles/"), "{site_url}");
        assert_eq!(
            canonical("questions/incident.html"),
            want("questions/incident.html"),
            "{site_url}"
        );
        assert_eq!(canonical("404.html"), None, "{site_url}");
        // The sitemap lists each page by the same address, and only with a full URL.
        let sitemap = book.path().join("book/sitemap.xml");
        assert_eq!(sitemap.is_file(), full, "{site_url}");
        if full {
            let map = std::fs::read_to_string(sitemap).unwrap();
            let locs: Vec<&str> = map
                .split("<loc>")
                .skip(1)
                .filter_map(|l| l.split_once("</loc>").map(|(u, _)| u))
                .collect();
            for page in ["", "roles/", "questions/incident.html", "print.html"] {
                let url = format!("https://example.com/handbook/{page}");
                assert!(locs.contains(&url.as_str()), "{url} not in {locs:?}");
            }
            assert!(!locs.iter().any(|l| l.ends_with("404.html")), "{locs:?}");
            let html = walkdir::WalkDir::new(book.path().join("book"))
                .into_iter()
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
                .count();
            // Every page but the 404, search, custom packet, debrief and scoring pages (the
            // custom plan's, and the fixture's one role's).
            assert_eq!(locs.len(), html - 6, "{locs:?}");
            assert!(
                !locs
                    .iter()
                    .any(|l| l.ends_with("debrief.html") || l.ends_with("score.html")),
                "{locs:?}"
            );
        }
    }
}

#[test]
fn content_is_escaped_in_titles() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/incident.md",
        "title: Tell me about a production incident.",
        "title: \"<script>alert(1)</script> & more\"",
    );
    book.build();
    let html = book.read("book/questions/incident.html");
    assert!(!html.contains("<script>alert"), "title was not escaped");
    assert_eq!(
        book.page("questions/incident.html").text("h1"),
        "<script>alert(1)</script> & more"
    );
}

/// "What does a \`doctype\` do?": the marks show on pages and in lists, and are read, not
/// shown, where only text fits (the tab's title, search, the planner).
#[test]
fn inline_markdown_in_question_titles() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/incident.md",
        "title: Tell me about a production incident.",
        "title: \"What does a `<!doctype>` do, *really*?\"",
    );
    book.build();
    let marked = "What does a <code>&lt;!doctype&gt;</code> do, <em>really</em>?";
    let plain = "What does a <!doctype> do, really?";
    let page = book.page("questions/incident.html");
    assert_eq!(page.one("h1").inner_html(), marked);
    assert_eq!(page.text("title"), format!("{plain} · Fixture handbook"));
    let topic = book.page("topics/incidents.html");
    // Isolated, so that a title in another script keeps its order next to the counts.
    assert_eq!(
        topic.one("a.question-link").inner_html(),
        format!("<bdi>{marked}</bdi>")
    );
    let packet = book.page("roles/backend/packet.html");
    let titles: Vec<String> = packet
        .all(".pq-title")
        .iter()
        .map(|h| h.inner_html())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.ends_with(&format!("<bdi>{marked}</bdi>"))),
        "{titles:?}"
    );
    assert!(
        book.page("print.html")
            .all("h3")
            .iter()
            .any(|h| h.inner_html() == marked)
    );
    // The planner's data: the title as text, which the planner sets as text.
    let roles = book.page("roles/index.html");
    let scripts = roles.attrs("script[src]", "src");
    let data = scripts
        .iter()
        .find(|s| s.contains("planner-data-"))
        .unwrap();
    let planner = book.read(&format!("book/roles/{data}"));
    let json = serde_json::to_string(plain).unwrap();
    assert!(planner.contains(&json[1..json.len() - 1]), "{planner}");
    assert!(!planner.contains("doctype&gt;"), "{planner}");
}

#[test]
fn two_builds_of_the_same_input_are_identical() {
    let book = Book::shipped();
    book.build();
    let first = snapshot(&book.path().join("book"));
    book.build();
    let second = snapshot(&book.path().join("book"));
    // Two empty snapshots (a missing folder) would be identical too.
    assert!(first.len() > 20, "{} files", first.len());
    assert_eq!(first.len(), second.len());
    for ((p1, b1), (p2, b2)) in first.iter().zip(&second) {
        assert_eq!(p1, p2);
        assert!(b1 == b2, "{p1} differs between builds");
    }
}

fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn inode(path: &std::path::Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().ino()
}

#[test]
fn a_rebuild_keeps_unchanged_files_and_writes_changed_ones() {
    let book = Book::fixture("minimal");
    book.build();
    let site = book.path().join("book");
    let (orm, incident) = (
        site.join("questions/orm.html"),
        site.join("questions/incident.html"),
    );
    let (orm_before, incident_before) = (inode(&orm), inode(&incident));
    book.edit(
        "content/questions/incident.md",
        "States the problem clearly",
        "States the impact clearly",
    );
    book.build();
    // The unchanged page is the same file (linked into the new build), the changed one new.
    assert_eq!(inode(&orm), orm_before);
    assert_ne!(inode(&incident), incident_before);
    assert!(
        book.read("book/questions/incident.html")
            .contains("States the impact clearly")
    );
    // An edit that keeps the page's length is a new page too: its bytes decide, not its size.
    let incident_before = inode(&incident);
    book.edit(
        "content/questions/incident.md",
        "States the impact clearly",
        "States the effect clearly",
    );
    book.build();
    assert_ne!(inode(&incident), incident_before);
    assert!(
        book.read("book/questions/incident.html")
            .contains("States the effect clearly")
    );

    // A generated file edited by hand is written again, not carried over.
    let built = std::fs::read_to_string(&orm).unwrap();
    let edited = built.replace("ORM", "MRO");
    assert_ne!(edited, built);
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&orm, edited).unwrap();
    book.build();
    // The page as built, not merely a page without the edit (an empty file has none).
    assert!(
        book.read("book/questions/orm.html") == built,
        "not rewritten"
    );
}

#[test]
fn dest_dir_builds_elsewhere() {
    let book = Book::fixture("minimal");
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let run = book.run(&["build", ".", "--dest-dir", dest.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dest.join("index.html").is_file());
    assert!(!book.path().join("book").exists());
}

#[test]
fn theme_templates_override_the_default_by_block() {
    let book = Book::fixture("minimal");
    book.write(
        "themes/default/templates/question.html",
        "{% extends \"default/question.html\" %}{% block question_sections %}<p id=\"custom\">{{ page.title }}</p>{% endblock question_sections %}",
    );
    book.build();
    let q = book.page("questions/orm.html");
    assert_eq!(
        q.text("#custom"),
        "When do you use the ORM and when raw SQL?"
    );
    assert!(q.all("#strong").is_empty());
    // Everything else still comes from the built-in theme.
    assert_eq!(q.text("h1"), "When do you use the ORM and when raw SQL?");

    // So for the 404 page: its block replaced, in the built-in layout.
    book.write(
        "themes/default/templates/404.html",
        "{% extends \"default/404.html\" %}{% block content %}<p id=\"gone\">Gone</p>{% endblock content %}",
    );
    book.build();
    let missing = book.page("404.html");
    assert_eq!(missing.text("#gone"), "Gone");
    assert!(missing.all("main h1").is_empty());
    assert!(
        !missing.all(".site-title").is_empty(),
        "the layout is the built-in one"
    );
}

#[test]
fn last_updated_is_the_last_commit_touching_the_file() {
    let book = Book::fixture("minimal");
    let dir = book.path();
    support::git_repo(dir, "2024-03-05T12:00:00Z");
    book.edit(
        "content/questions/db/orm.md",
        "Uses the ORM by default",
        "Uses the ORM first",
    );
    support::git(
        dir,
        &["commit", "-q", "-am", "second"],
        "2025-01-02T09:30:00Z",
    );
    book.build();
    let orm = book.page("questions/orm.html");
    assert_eq!(orm.text(".last-updated"), "Last updated 2025-01-02");
    assert_eq!(orm.attr(".last-updated time", "datetime"), "2025-01-02");
    assert_eq!(
        book.page("questions/incident.html").text(".last-updated"),
        "Last updated 2024-03-05"
    );
}

#[test]
fn without_git_there_is_no_last_updated_line() {
    let book = Book::fixture("minimal");
    book.build();
    assert!(
        book.page("questions/orm.html")
            .all(".last-updated")
            .is_empty()
    );
    // The edit link does not depend on git.
    assert_eq!(book.page("questions/orm.html").all(".edit-link").len(), 1);
}

#[test]
fn files_for_the_site_root_are_published_but_other_hidden_files_are_not() {
    let book = Book::fixture("minimal");
    book.write("content/CNAME", "handbook.example.com\n");
    book.write("content/.nojekyll", "");
    book.write(
        "content/.well-known/security.txt",
        "Contact: mailto:sec@example.com\n",
    );
    book.write("content/.env", "SECRET=1\n");
    book.write("content/guide/.nojekyll", "");
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = book.path().join("book");
    assert_eq!(book.read("book/CNAME"), "handbook.example.com\n");
    assert!(site.join(".nojekyll").is_file());
    assert!(site.join(".well-known/security.txt").is_file());
    assert!(!site.join(".env").exists());
    assert!(!site.join("guide/.nojekyll").exists(), "only at the top");
    // And the next build takes them as its own.
    let again = book.build();
    assert_eq!(again.code, 0, "{}", again.stderr);
}

/// A guide longer than the sidebar shows (60 links) gets a window of the page's neighbours and
/// a link to all pages; every other list past 60 is cut with a link to its index. Below the
/// limit, the sidebar lists everything (the shipped handbook's pages all link each other).
#[test]
fn a_long_guide_shows_each_page_its_neighbours_in_the_sidebar() {
    let book = Book::fixture("minimal");
    for i in 0..150 {
        book.write(
            &format!("content/many/p{i:03}.md"),
            &format!("---\ntitle: Page {i:03}\n---\n\nText.\n"),
        );
    }
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sidebar = |path: &str| {
        let page = Page::parse(&book.read(path));
        let links: Vec<String> = page
            .all("#nav .nav-list:first-of-type li a")
            .into_iter()
            .map(support::text)
            .collect();
        let current: Vec<String> = page
            .all("#nav a[aria-current=page]")
            .into_iter()
            .map(support::text)
            .collect();
        (links, current)
    };
    let (links, current) = sidebar("book/many/p100.html");
    // Home, 60 guide links, "All 151 pages".
    assert_eq!(links.len(), 62, "{links:?}");
    assert_eq!(current, ["Page 100"]);
    assert!(links.contains(&"Page 070".to_owned()), "{links:?}");
    assert!(links.contains(&"Page 129".to_owned()), "{links:?}");
    assert_eq!(links.last().unwrap(), "All 151 pages");
    let (first, _) = sidebar("book/index.html");
    assert_eq!(first[1], "Page 000", "the guide's first pages: {first:?}");
    let (last, current) = sidebar("book/many/p149.html");
    assert_eq!(current, ["Page 149"]);
    // The window stops at the guide's end: Page 149, then "Getting started" (weight 1).
    assert_eq!(
        last[last.len() - 3..last.len() - 1],
        ["Page 149", "Getting started"]
    );
    assert_eq!(last.len(), 62);
}

/// `build --open` opens the built home page with the desktop's opener (here a stand-in
/// `xdg-open` that notes what it was given).
#[test]
fn build_open_opens_the_built_home_page() {
    use std::os::unix::fs::PermissionsExt;
    let book = Book::fixture("minimal");
    let bin = tempfile::tempdir().unwrap();
    let noted = bin.path().join("opened.txt");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", noted.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hirebook"))
        .args(["build", ".", "--open"])
        .current_dir(book.path())
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The opener runs in the background; give it a moment.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !noted.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let opened = std::fs::read_to_string(&noted).unwrap();
    let home = book.path().join("book/index.html").canonicalize().unwrap();
    assert_eq!(opened.trim(), format!("file://{}", home.display()));
}

/// `HIREBOOK_*` variables set book.toml keys for one run (as mdBook's `MDBOOK_*` do), other
/// `HIREBOOK_*` variables are left alone, and a value that does not fit names its variable.
#[test]
fn environment_variables_override_book_toml() {
    let book = Book::fixture("minimal");
    let run = |vars: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_hirebook"));
        cmd.args(["build", "."]).current_dir(book.path());
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };
    let out = run(&[
        ("HIREBOOK_BOOK__TITLE", "From the environment"),
        ("HIREBOOK_BUILD__BUILD_DIR", "site"),
        ("HIREBOOK_OUTPUT__HTML__SITE_URL", "https://example.com/hb/"),
        ("HIREBOOK_CHROMIUM", "/nowhere"),
        ("HIREBOOK_VERSION", "9.9.9"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let home = book.read("site/index.html");
    assert!(home.contains("From the environment"), "the title");
    assert!(home.contains("https://example.com/hb/"), "the site URL");
    assert!(!book.path().join("book").exists(), "built into book/");

    let out = run(&[("HIREBOOK_OUTPUT__HTML__ALLOW_HTML", "maybe")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("HIREBOOK_OUTPUT__HTML__ALLOW_HTML"),
        "{stderr}"
    );
}

/// Each question page links to the questions before and after it in its topic's list, and
/// following "next" from the first visits every question of the topic once.
#[test]
fn question_pages_link_to_their_neighbours_in_the_topic() {
    let book = Book::fixture("minimal");
    for (id, title) in [("alpha", "Alpha?"), ("beta", "Beta?"), ("gamma", "Gamma?")] {
        book.write(
            &format!("content/questions/{id}.md"),
            &format!(
                "---\ntitle: {title}\ntopic: incidents\nlevel: mid\nstrong: [One]\n---\n\nAsk.\n"
            ),
        );
    }
    assert_eq!(book.build().code, 0);
    // Walk each topic: start at its page's first question, follow `next`.
    let topic_pages: Vec<std::path::PathBuf> = std::fs::read_dir(book.path().join("book/topics"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    let mut walked = 0;
    for topic in topic_pages {
        let page = Page::parse(&std::fs::read_to_string(&topic).unwrap());
        let listed: Vec<String> = page
            .all("main a[href^='../questions/']")
            .iter()
            .map(|a| {
                a.value()
                    .attr("href")
                    .unwrap()
                    .trim_start_matches("../")
                    .to_owned()
            })
            .filter(|href| href != "questions/index.html")
            .collect();
        let mut seen = Vec::new();
        let mut at = listed.first().cloned();
        while let Some(href) = at {
            let q = Page::parse(&book.read(&format!("book/{href}")));
            assert!(
                q.all(".pager-previous").is_empty() == seen.is_empty(),
                "{href}"
            );
            seen.push(href);
            at = q.all(".pager-next").first().map(|a| {
                a.value()
                    .attr("href")
                    .unwrap()
                    .trim_start_matches("../")
                    .to_owned()
            });
        }
        let mut unique = seen.clone();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "a loop: {seen:?}");
        for href in &listed {
            assert!(
                seen.contains(href),
                "{href} not reached in {}",
                topic.display()
            );
        }
        walked += seen.len();
    }
    // incidents holds four questions (a walk of three links), database one (no links).
    assert_eq!(walked, 5, "every question of the handbook");
    let beta = book.page("questions/beta.html");
    assert_eq!(
        beta.all(".pager a").len(),
        2,
        "a middle question has both links"
    );
}

/// A dimension named twice in a question counts once: one chip on its page, one line in its
/// packet (mutation testing: keeping the repeat failed no test).
#[test]
fn a_dimension_named_twice_counts_once() {
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/db/orm.md",
        "dimensions: [fundamentals]",
        "dimensions: [fundamentals, fundamentals]",
    );
    book.build();
    let page = book.page("questions/orm.html");
    assert_eq!(
        page.texts("#dimensions a").len(),
        1,
        "{:?}",
        page.texts("#dimensions a")
    );
    // In a round's `dimensions` too: the round's packet and scoring sheet name it once.
    let book = Book::shipped();
    book.edit(
        "content/roles/senior-architect.yaml",
        "dimensions: [fundamentals, security, api, testing]",
        "dimensions: [fundamentals, security, fundamentals, api, testing]",
    );
    book.build();
    let packet = book.read("book/roles/senior-architect/round-2.html");
    let line = packet
        .lines()
        .find(|l| l.contains("packet-this-round"))
        .unwrap();
    assert_eq!(line.matches("Django fundamentals").count(), 1, "{line}");
    let sheet = book.read("book/roles/senior-architect/score.html");
    assert!(
        sheet.contains("data-dimensions=\"fundamentals security api testing\""),
        "{sheet}"
    );
}

/// Without a topics.yaml, a topic is titled from its id: `message-queues` reads "Message
/// queues" on its page and in the sidebar.
#[test]
fn a_topic_without_an_entry_is_titled_from_its_id() {
    let book = Book::fixture("minimal");
    std::fs::remove_file(book.path().join("content/topics.yaml")).unwrap();
    let question = book.read("content/questions/incident.md");
    let topic = question
        .lines()
        .find(|l| l.starts_with("topic:"))
        .unwrap()
        .to_owned();
    book.edit(
        "content/questions/incident.md",
        &topic,
        "topic: message-queues",
    );
    book.build();
    let page = book.page("topics/message-queues.html");
    assert_eq!(page.text("h1"), "Message queues");
}
