//! `hirebook serve` and `hirebook watch` as a content editor uses them: start, edit, see the
//! change (and the reload event), break something and see the problems, fix it, and try to
//! read files outside the site. Every wait polls against a deadline; no fixed sleeps.

mod support;

use std::process::{Command, Stdio};
use std::time::Duration;

use support::Book;
use support::serve::{DEADLINE, Server, eventually};

#[test]
fn serves_pages_and_reloads_them_after_a_change() {
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &[]);
    let (status, kind, body) = server.get("/questions/orm.html");
    assert_eq!((status, kind.as_str()), (200, "text/html; charset=utf-8"));
    assert!(body.contains("Uses the ORM by default"));
    assert!(
        body.contains("<script src=\"/__hirebook/live.js\"></script></body>"),
        "reload script injected"
    );
    let (status, kind, _) = server.get("/questions/db/schema.svg");
    assert_eq!((status, kind.as_str()), (200, "image/svg+xml"));
    let css = support::Page::parse(&body).attr("link[rel=stylesheet]", "href");
    // The page links `../static/...`; a browser asks for `/static/...`.
    let (status, kind, _) = server.get(&format!("/{}", css.trim_start_matches("../")));
    assert_eq!((status, kind.as_str()), (200, "text/css; charset=utf-8"));
    assert_eq!(server.get("/").0, 200);
    assert_eq!(server.get("/faq").0, 404);
    assert_eq!(
        server.get("/guide/start").0,
        200,
        "pretty URLs find the page"
    );

    let (_, _, index_before) = server.get("/static/search-index.js");
    let mut events = server.events();
    book.edit(
        "content/questions/db/orm.md",
        "Uses the ORM by default",
        "Uses the ORM first",
    );
    events.expect("reload");
    let (_, _, body) = server.get("/questions/orm.html");
    assert!(body.contains("Uses the ORM first"));
    // Only the edited file is parsed again; the rest come from the previous build.
    let rebuilt = server.wait_for_log("Rebuilt in");
    assert!(rebuilt.ends_with(", 1 parsed again)"), "{rebuilt}");

    // The reload script is for serving only: a build never contains it.
    book.build();
    assert!(!book.read("book/questions/orm.html").contains("__hirebook"));

    // The session re-read only the edited question's search terms, yet its index is the one a
    // fresh build makes: the manifest names every other index file by its content's hash.
    let (_, _, served) = server.get("/static/search-index.js");
    assert_ne!(served, index_before, "the edit changed the index");
    assert_eq!(served, book.read("book/static/search-index.js"));
    assert!(served.contains("__hirebookSearch.manifest("), "{served}");
}

#[test]
fn an_editors_save_is_one_rebuild_and_noise_is_none() {
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &[]);
    let mut events = server.events();
    let dir = book.path().join("content/questions");
    // A vim-like save: swap file, backup, probe file, then the real file written via a temp
    // file renamed over it.
    std::fs::write(dir.join(".incident.md.swp"), "swap").unwrap();
    std::fs::write(dir.join("incident.md~"), "backup").unwrap();
    std::fs::write(dir.join("4913"), "").unwrap();
    std::fs::remove_file(dir.join("4913")).unwrap();
    let text = book
        .read("content/questions/incident.md")
        .replace("States the problem clearly", "States the problem");
    std::fs::write(dir.join("incident.md.tmp"), &text).unwrap();
    std::fs::rename(dir.join("incident.md.tmp"), dir.join("incident.md")).unwrap();
    events.expect("reload");
    assert_eq!(
        events.next(Duration::from_millis(600)),
        None,
        "a second rebuild for one save"
    );

    // The build dir and .git never trigger a rebuild; nor do editor leftovers alone.
    std::fs::create_dir_all(book.path().join("book")).unwrap();
    std::fs::write(book.path().join("book/x.html"), "x").unwrap();
    std::fs::create_dir_all(book.path().join(".git")).unwrap();
    std::fs::write(book.path().join(".git/index"), "x").unwrap();
    std::fs::write(dir.join("incident.md~"), "backup again").unwrap();
    assert_eq!(events.next(Duration::from_millis(600)), None);
    // Silence from a session that stopped watching would pass too: a real save still counts.
    book.edit(
        "content/questions/incident.md",
        "States the problem",
        "States the problem at once",
    );
    events.expect("reload");
}

#[test]
fn problems_show_on_every_page_until_fixed() {
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &[]);
    let mut events = server.events();
    book.edit(
        "content/questions/incident.md",
        "topic: incidents",
        "tpoic: incidents",
    );
    let data = events.expect("problems");
    let problems: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(problems["diagnostics"][0]["code"], "H0204");
    assert!(
        problems["text"]
            .as_str()
            .unwrap()
            .contains("--> content/questions/incident.md:3:1"),
        "{problems}"
    );
    server.wait_for_log("still serving the last good build");
    // The last good build is still served...
    let (status, _, body) = server.get("/questions/incident.html");
    assert_eq!(status, 200);
    assert!(body.contains("Tell me about a production incident."));
    // ...and a page opened now is told about the problems at once.
    let mut late = server.events();
    assert_eq!(
        late.next(DEADLINE).map(|(n, _)| n).as_deref(),
        Some("problems")
    );

    book.edit(
        "content/questions/incident.md",
        "tpoic: incidents",
        "topic: incidents",
    );
    events.expect("reload");
    late.expect("reload");
    let mut fresh = server.events();
    assert_eq!(
        fresh.next(Duration::from_millis(400)),
        None,
        "no problems once fixed"
    );
    // A closed or failed connection says nothing either: this one still hears a save.
    book.edit(
        "content/questions/incident.md",
        "States the problem",
        "States the problem at once",
    );
    fresh.expect("reload");
}

#[test]
fn nothing_outside_the_build_is_served() {
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &[]);
    for path in [
        "/../book.toml",
        "/%2e%2e/book.toml",
        "/%2E%2E%2Fbook.toml",
        "/static/..%2f..%2fbook.toml",
        "/questions/../../book.toml",
        "//etc/passwd",
        "/etc/passwd",
        "/content/questions/incident.md",
        "/book.toml",
    ] {
        let (status, kind, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert_eq!(
            kind, "text/html; charset=utf-8",
            "{path}: the handbook's 404 page"
        );
        assert!(body.contains("Page not found"), "{path}: {body}");
        assert!(!body.contains("[book]"), "{path} leaked book.toml");
    }
}

#[test]
fn only_requests_for_its_own_names_are_answered() {
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &[]);
    let port = server.addr.rsplit(':').next().unwrap().to_owned();
    // A rebound name is turned away for pages, scripts and the reload stream alike.
    for path in [
        "/",
        "/questions/orm.html",
        "/__hirebook/live.js",
        "/__hirebook/events",
    ] {
        for host in ["attacker.example", &format!("attacker.example:{port}")] {
            let (status, _, body) = server.request("GET", path, host);
            assert_eq!(status, 421, "{host}{path}");
            assert!(body.contains("answers only to localhost"), "{body}");
            assert!(!body.contains("Fixture"), "{body}");
        }
    }
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "localhost".to_owned(),
    ] {
        let (status, _, body) = server.request("GET", "/", &host);
        assert_eq!(status, 200, "{host}");
        // The home page itself (the handbook's title is in every page's header).
        let home = support::Page::parse(&body);
        assert_eq!(home.all("main h1#fixture-handbook").len(), 1, "{host}");
    }
    let (status, _, _) = server.request("POST", "/", &server.addr);
    assert_eq!(status, 405);
    // Every other way to name the server: the request line's authority, a second Host
    // header, no Host at all.
    let rebound = [
        "GET http://attacker.example/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: localhost\r\nHost: attacker.example\r\nConnection: close\r\n\r\n",
    ];
    for head in rebound {
        let (status, _, body) = server.send(head);
        assert!(status == 421 || status == 400, "{head:?}: {status}");
        assert!(!body.contains("Fixture"), "{head:?}: {body}");
    }
    let (status, _, body) = server.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 400, "HTTP/1.1 needs a Host: {body}");
    let (status, _, body) = server.send("GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 200, "HTTP/1.0 may leave Host out");
    assert!(body.contains("Fixture"), "{body}");
}

#[test]
fn a_symlink_leading_out_is_refused_not_served() {
    let book = Book::fixture("minimal");
    let secret = book
        .path()
        .parent()
        .unwrap()
        .join(format!("secret-{}.md", std::process::id()));
    std::fs::write(&secret, "---\ntitle: Secret\n---\nTOP SECRET").unwrap();
    std::os::unix::fs::symlink(&secret, book.path().join("content/guide/leak.md")).unwrap();
    let server = Server::start(&book, &[]);
    let data = server.events().expect("problems");
    assert!(data.contains("H0006"), "{data}");
    for path in [
        "/guide/leak.html",
        "/guide/leak.md",
        "/content/guide/leak.md",
    ] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("TOP SECRET"), "{path} leaked");
    }
    let _ = std::fs::remove_file(&secret);
}

#[test]
fn polling_works_where_events_do_not() {
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &["--poll"]);
    let mut events = server.events();
    book.edit(
        "content/questions/incident.md",
        "States the problem clearly",
        "States the problem",
    );
    events.expect("reload");
}

#[test]
fn watch_rebuilds_the_build_dir() {
    let book = Book::fixture("minimal");
    let (mut child, log) = support::serve::spawn_logged(&book, &["watch", "."]);
    let page = book.path().join("book/questions/orm.html");
    eventually("the first build", || page.is_file());
    book.edit(
        "content/questions/db/orm.md",
        "Uses the ORM by default",
        "Uses the ORM first",
    );
    eventually("the rebuild", || {
        std::fs::read_to_string(&page).is_ok_and(|t| t.contains("Uses the ORM first"))
    });
    // A broken edit leaves the last build in place: once watch has said so, not after a
    // pause that a slow (or dead) watch would also pass.
    book.edit(
        "content/roles/backend.yaml",
        "scorecard: engineer",
        "scorecard: nope",
    );
    book.edit(
        "content/questions/db/orm.md",
        "Uses the ORM first",
        "Uses the ORM second",
    );
    let mut said = Vec::new();
    eventually("watch to report the failed build", || {
        said.extend(log.try_iter());
        said.iter()
            .any(|l| l.contains("the build dir is unchanged"))
    });
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("Uses the ORM first"),
        "{said:#?}"
    );
}

#[test]
fn serve_and_watch_date_pages_as_build_does() {
    let book = Book::fixture("minimal");
    let dir = book.path();
    support::git_repo(dir, "2024-03-05T12:00:00Z");
    let dated =
        |html: &str| support::Page::parse(html).text(".last-updated") == "Last updated 2024-03-05";

    let server = Server::start(&book, &[]);
    let (_, _, body) = server.get("/questions/orm.html");
    assert!(dated(&body), "serve: {body}");
    drop(server);

    let mut child = Command::new(env!("CARGO_BIN_EXE_hirebook"))
        .args(["watch", "."])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let page = dir.join("book/questions/orm.html");
    eventually("the watch build", || page.is_file());
    let text = std::fs::read_to_string(&page).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(dated(&text), "watch: {text}");
}

#[test]
fn moving_the_content_folder_in_book_toml_is_followed() {
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &["--poll"]);
    let mut events = server.events();
    support::copy_tree(&book.path().join("content"), &book.path().join("docs"));
    book.edit(
        "docs/questions/db/orm.md",
        "Uses the ORM by default",
        "Uses the ORM from docs",
    );
    let config = book.read("book.toml");
    book.write(
        "book.toml",
        &format!("{config}\n[build]\ncontent-dir = \"docs\"\n"),
    );
    events.expect("reload");
    let (_, _, body) = server.get("/questions/orm.html");
    assert!(
        body.contains("Uses the ORM from docs"),
        "the new folder is built"
    );
    // The new folder is watched; the old one no longer matters.
    book.edit(
        "docs/questions/db/orm.md",
        "Uses the ORM from docs",
        "Uses the ORM, watched",
    );
    server.wait_for_page("/questions/orm.html", "Uses the ORM, watched");
}

#[test]
fn a_port_in_use_fails_at_once_without_building() {
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &[]);
    let port = server.addr.rsplit(':').next().unwrap();
    let second = book.run(&["serve", ".", "--port", port]);
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert!(
        second.stderr.contains("cannot listen on 127.0.0.1:"),
        "{}",
        second.stderr
    );
    assert!(!second.stderr.contains("Built"), "{}", second.stderr);
}

#[test]
fn a_theme_folder_created_while_serving_is_watched() {
    let book = Book::fixture("minimal");
    assert!(!book.path().join("themes").exists());
    let server = Server::start(&book, &[]);
    let mut events = server.events();
    let css = |server: &Server| {
        let (_, _, home) = server.get("/index.html");
        let href = support::Page::parse(&home).attr("link[rel=stylesheet]", "href");
        server.get(&format!("/{href}")).2
    };
    book.write("themes/default/static/style.css", "body { color: red }");
    events.expect("reload");
    eventually("the new stylesheet", || css(&server).contains("color: red"));
    // The folder is watched from now on, not only noticed once.
    book.write("themes/default/static/style.css", "body { color: blue }");
    eventually("the edited stylesheet", || {
        css(&server).contains("color: blue")
    });
}

/// The handbook's own strings are watched like its theme: created, edited, and a mistake in
/// them is told while the last good build stays served.
#[test]
fn strings_edited_while_serving_are_rebuilt() {
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &[]);
    let mut events = server.events();
    let home = |server: &Server| server.get("/index.html").2;
    book.write(
        "i18n/en.toml",
        "[nav]\nmade_with = \"Built by the hiring guild\"\n",
    );
    events.expect("reload");
    eventually("the new footer", || {
        home(&server).contains("Built by the hiring guild")
    });
    book.write(
        "i18n/en.toml",
        "[nav]\nmade_with = \"Built by the platform team\"\n",
    );
    eventually("the edited footer", || {
        home(&server).contains("Built by the platform team")
    });
    // Written whole at once (as editors that save by renaming do): a save seen half-written,
    // empty, is a valid file of its own, and would be the last good build.
    let staged = book.path().join("i18n/en.toml.saving");
    std::fs::write(&staged, "[nav]\nmade_wiht = \"x\"\n").unwrap();
    std::fs::rename(&staged, book.path().join("i18n/en.toml")).unwrap();
    // Skip the reloads of the edits before (an editor's save can be several events).
    let data = loop {
        match events.next(std::time::Duration::from_secs(10)) {
            Some((name, data)) if name == "problems" => break data,
            Some(_) => continue,
            None => panic!("no problems event"),
        }
    };
    let problems: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(problems["diagnostics"][0]["code"], "H0504", "{problems}");
    assert_eq!(
        problems["diagnostics"][0]["file"], "i18n/en.toml",
        "{problems}"
    );
    assert!(home(&server).contains("Built by the platform team"));
}

#[test]
fn a_content_folder_replaced_while_serving_is_watched() {
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &[]);
    let mut events = server.events();
    // What `mv` or a sync tool does: a new folder in the old one's place.
    let content = book.path().join("content");
    let new = book.path().join("content-new");
    support::copy_tree(&content, &new);
    std::fs::rename(&content, book.path().join("content-old")).unwrap();
    std::fs::rename(&new, &content).unwrap();
    // A build may have run between the two renames and found no content folder.
    while events.expect_any() != "reload" {}
    book.edit(
        "content/questions/db/orm.md",
        "Uses the ORM by default",
        "Uses the ORM, replaced",
    );
    server.wait_for_page("/questions/orm.html", "Uses the ORM, replaced");
}

#[test]
fn questions_added_in_a_new_folder_and_removed_show_at_once() {
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &[]);
    let mut events = server.events();
    // A new folder: the session reads the whole handbook again. The file is saved as editors
    // save (written aside, then renamed into place), so the watcher never sees it half-written.
    book.write(
        "content/questions/ops/.deploys.md.tmp",
        "---\ntitle: How do you ship a risky change?\ntopic: incidents\nstrong: [Has a rollback plan]\n---\n",
    );
    std::fs::rename(
        book.path().join("content/questions/ops/.deploys.md.tmp"),
        book.path().join("content/questions/ops/deploys.md"),
    )
    .unwrap();
    events.expect("reload");
    eventually("the new question", || {
        server.get("/questions/deploys.html").0 == 200
    });
    // An edit and a removal: only those files are read again.
    book.edit(
        "content/questions/ops/deploys.md",
        "Has a rollback plan",
        "Has a tested rollback plan",
    );
    server.wait_for_page("/questions/deploys.html", "Has a tested rollback plan");
    let (_, _, index) = server.get("/questions/index.html");
    let listed = support::Page::parse(&index).texts(".question-link");
    assert!(
        listed.contains(&"How do you ship a risky change?".to_owned()),
        "listed while it exists: {listed:?}"
    );
    book.remove("content/questions/ops/deploys.md");
    eventually("the removal", || {
        server.get("/questions/deploys.html").0 == 404
    });
    let (status, _, index) = server.get("/questions/index.html");
    assert_eq!(status, 200);
    let listed = support::Page::parse(&index).texts(".question-link");
    // The list is still there, without it.
    assert!(listed.len() >= 2, "{listed:?}");
    assert!(!index.contains("risky change"), "gone from the list too");
}

#[test]
fn warnings_are_shown_once_not_after_every_save() {
    let book = Book::fixture("minimal");
    book.write(
        "content/questions/spare.md",
        "---\ntitle: A question no role uses\ntopic: incidents\nstrong: [x]\n---\n",
    );
    let server = Server::start(&book, &[]);
    let first = server.log_until("Built in").join("\n");
    assert!(first.contains("no role uses question `spare`"), "{first}");
    book.edit(
        "content/questions/incident.md",
        "States the problem clearly",
        "States the problem",
    );
    let again = server.log_until("Rebuilt in").join("\n");
    assert!(!again.contains("no role uses"), "{again}");
    assert!(
        again.contains("1 warning shown before still applies"),
        "{again}"
    );
    // A new warning is shown; the old one is still only counted.
    book.write(
        "content/questions/spare2.md",
        "---\ntitle: Another question no role uses\ntopic: incidents\nstrong: [x]\n---\n",
    );
    let third = server.log_until("Rebuilt in").join("\n");
    assert!(third.contains("no role uses question `spare2`"), "{third}");
    assert!(
        !third.contains("no role uses question `spare`\n"),
        "{third}"
    );
    assert!(
        third.contains("1 warning shown before still applies"),
        "{third}"
    );
}

/// With the default port taken, serve takes the next free one and says so; a port asked for
/// with --port that is taken is an error, at once.
#[test]
fn a_busy_default_port_moves_on_and_a_busy_chosen_port_fails() {
    // Hold port 3000 (if something else holds it, the situation is the same).
    let _held = std::net::TcpListener::bind("127.0.0.1:3000");
    let book = Book::fixture("minimal");
    let server = Server::start_with(&book, &[]);
    let port: u16 = server.addr.rsplit(':').next().unwrap().parse().unwrap();
    assert!((3001..3020).contains(&port), "{}", server.addr);
    server.wait_for_log("Port 3000 is in use");
    drop(server);

    let run = book.run(&["serve", ".", "--port", "3000"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot listen on 127.0.0.1:3000"),
        "{}",
        run.stderr
    );
}
