//! What readers and interviewers meet in a real browser on a phone, with a keyboard and on
//! paper: each test here failed before its fix (see the commit that added it).

mod support;

use support::Book;
use support::browser::{self, Browser, file_url, pdf_pages};

/// The planning page from disk with `role` chosen, once its question bank is shown.
async fn open_planner(b: &Browser, book: &Book, role: &str) {
    b.goto(&format!(
        "{}#role={role}",
        file_url(&book.path().join("book/roles/index.html"))
    ))
    .await;
    b.wait_for("[data-bank] .bank-item").await;
}

/// How far the page is wider than its viewport (0 when nothing overflows).
async fn overflow(b: &Browser) -> i64 {
    b.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await
        .as_i64()
        .unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn on_a_phone_nothing_is_wider_than_the_screen() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    b.client.set_window_size(390, 844).await.unwrap();
    let width = b.js("return window.innerWidth").await.as_i64().unwrap();
    assert!(width <= 400, "the window is {width} px wide");

    // The planner with a role chosen, down to its question bank's Add buttons.
    open_planner(&b, &book, "mid-level-developer").await;
    assert_eq!(overflow(&b).await, 0, "planner");
    let outside = b
        .js(
            "return [...document.querySelectorAll('[data-bank] .bank-tools .button')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth).length",
        )
        .await;
    assert_eq!(outside, 0, "Add buttons off-screen");

    // Static packets, whose tick-box items hold inline code.
    for packet in [
        "roles/mid-level-developer/packet.html",
        "roles/senior-architect/packet.html",
        "questions/orm-vs-raw-sql.html",
    ] {
        b.goto(&file_url(&book.path().join("book").join(packet)))
            .await;
        assert_eq!(overflow(&b).await, 0, "{packet}");
    }
    b.close().await;
}

/// A tick-box item with inline code wraps as one paragraph after its box: on a phone, every
/// line starts at the same left edge. (Laid out as flex items, the words before, the code and
/// the words after became side-by-side columns, each wrapping on its own.)
#[tokio::test(flavor = "current_thread")]
async fn tick_box_items_with_code_wrap_as_one_paragraph() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::fixture("minimal");
    book.edit(
        "content/questions/incident.md",
        "  - States the problem clearly",
        "  - Uses `select_related` or `prefetch_related`, and says why it matters for lists of related rows",
    );
    assert_eq!(book.build().code, 0);
    b.client.set_window_size(390, 844).await.unwrap();
    b.goto(&file_url(
        &book.path().join("book/roles/backend/packet.html"),
    ))
    .await;
    // Under load the window may take a moment to reach its phone size.
    b.wait_until("return innerWidth < 420").await;
    let lines = b
        .js("const li = [...document.querySelectorAll('.tickboxes li')]
                 .find(li => li.textContent.includes('select_related'));
             const r = document.createRange();
             r.selectNodeContents(li);
             r.setStartAfter(li.querySelector('.box'));
             // Boxes on one visual line overlap vertically (inline code is taller than
             // the text around it): a line is the boxes whose middles fall within it.
             const lines = [];
             for (const x of r.getClientRects()) {
               if (!x.width) continue;
               const mid = (x.top + x.bottom) / 2;
               const line = lines.find(l => mid >= l.top && mid <= l.bottom);
               if (line) line.left = Math.min(line.left, x.left);
               else lines.push({ top: x.top, bottom: x.bottom, left: x.left });
             }
             return lines.map(l => Math.round(l.left))")
        .await;
    let lefts: Vec<i64> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert!(
        lefts.len() >= 2,
        "the item should wrap on a phone: {lefts:?}"
    );
    assert!(
        lefts.iter().all(|l| (l - lefts[0]).abs() <= 2),
        "lines start at different places (columns): {lefts:?}"
    );
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn escape_closes_the_phone_menu_and_show_more_hides_when_nothing_is_left() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    b.client.set_window_size(390, 844).await.unwrap();
    b.goto(&file_url(&book.path().join("book/index.html")))
        .await;
    b.click(".nav-toggle").await;
    assert_eq!(
        b.js("return document.documentElement.classList.contains('nav-open')")
            .await,
        true
    );
    b.keys("\u{e00c}").await; // Escape
    assert_eq!(
        b.js("return document.documentElement.classList.contains('nav-open')")
            .await,
        false
    );
    assert_eq!(
        b.js("return document.activeElement.className").await,
        "nav-toggle"
    );

    // "Show more" is hidden (not merely marked hidden) when the bank has nothing more.
    b.client.set_window_size(1280, 900).await.unwrap();
    open_planner(&b, &book, "mid-level-developer").await;
    let more = "document.querySelector('[data-bank-more]')";
    assert_eq!(b.js(&format!("return {more}.hidden")).await, true);
    assert_eq!(
        b.js(&format!("return {more}.getBoundingClientRect().height"))
            .await
            .as_f64(),
        Some(0.0),
        "a hidden Show more still takes space"
    );
    b.close().await;
}

/// Going back through the plan with Shift+Tab, no focused control hides under the sticky
/// header and plan head (WCAG 2.4.11).
#[tokio::test(flavor = "current_thread")]
async fn keyboard_focus_is_never_under_the_sticky_headers() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    open_planner(&b, &book, "mid-level-developer").await;
    // Start from the last control of the plan and go back.
    b.js("const all = document.querySelectorAll('.planner-rounds button, .planner-rounds input, .planner-rounds a, .planner-rounds select');
          all[all.length - 1].focus()")
        .await;
    let mut hidden = Vec::new();
    let mut visited = std::collections::HashSet::new();
    for _ in 0..40 {
        b.keys("\u{e008}\u{e004}").await; // Shift+Tab
        b.keys("\u{e008}").await; // release Shift
        let state = b
            .js(
                "const e = document.activeElement; const r = e.getBoundingClientRect();
                 const head = document.querySelector('.planner-head').getBoundingClientRect();
                 return [e.id || e.textContent, r.top < head.bottom && r.bottom > 0]",
            )
            .await;
        visited.insert(state[0].to_string());
        if state[1] == true {
            hidden.push(state[0].to_string());
        }
    }
    // Focus went back through the plan: a Shift+Tab that moved nothing would hide nothing.
    assert!(visited.len() > 10, "focus moved through {visited:?}");
    assert!(hidden.is_empty(), "focus under the headers: {hidden:?}");
    b.close().await;
}

/// Ctrl+P on the planning page prints the plan being built (it printed the heading and the
/// introduction only), and the printed handbook does not start every topic on a new sheet.
#[tokio::test(flavor = "current_thread")]
async fn printing_the_planner_prints_the_plan_and_the_handbook_saves_paper() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    open_planner(&b, &book, "mid-level-developer").await;
    // Take one question out: the printed plan is the plan as adjusted, not the role's.
    b.click("[data-remove='api-design']").await;
    let planned: Vec<String> = b.texts(".planner-item:not(.excluded) label").await;
    assert_eq!(planned.len(), 7, "{planned:?}");
    for (paper, (w, h)) in [("A4", (21.0, 29.7)), ("Letter", (21.59, 27.94))] {
        let pages = pdf_pages(&b.print_pdf(w, h).await);
        let text = pages
            .join("\n")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for title in &planned {
            let words = title.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains(&words),
                "{paper}: `{title}` not printed: {text}"
            );
        }
        assert!(
            !text.contains("How would you design an API"),
            "{paper}: removed question printed"
        );
        assert!(
            !text.contains("Add questions from the handbook"),
            "{paper}: the bank is printed"
        );
        assert!(pages.len() <= 3, "{paper}: {} pages", pages.len());
    }

    // print.html: no sheet but the last is left mostly empty by a forced break.
    b.goto(&file_url(&book.path().join("book/print.html")))
        .await;
    let pages = pdf_pages(&b.print_pdf(21.0, 29.7).await);
    // Several sheets, or the check below has nothing to look at.
    assert!(pages.len() >= 3, "print.html printed {} pages", pages.len());
    let short: Vec<usize> = pages[..pages.len() - 1]
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lines().filter(|l| !l.trim().is_empty()).count() < 12)
        .map(|(i, _)| i + 1)
        .collect();
    // The cover is short by design.
    assert!(
        short.len() <= 1,
        "pages with under 12 lines: {short:?} of {}",
        pages.len()
    );
    b.close().await;
}

/// A question added to a plan though it is not meant for the role's level says so; the role's
/// own questions (all meant for its level) do not.
#[tokio::test(flavor = "current_thread")]
async fn the_planner_marks_questions_off_the_roles_level() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    open_planner(&b, &book, "mid-level-developer").await;
    assert!(b.find_all("[data-level-mismatch]").await.is_empty());
    // Senior and lead only.
    b.click("[data-add='project-structure']").await;
    b.wait_for("[data-q='project-structure']").await;
    assert_eq!(
        b.texts("[data-level-mismatch]").await,
        ["· not a Mid-level question"]
    );
    assert_eq!(
        b.js(
            "return document.querySelector('[data-level-mismatch]').closest('[data-q]').dataset.q"
        )
        .await,
        "project-structure"
    );
    b.close().await;
}

/// On a phone the search filters are folded under the count, so the first result shows
/// without scrolling; a search that matches nothing as typed shows the closest words, says
/// so, and otherwise offers a way on (without the filters, or browsing every question).
#[tokio::test(flavor = "current_thread")]
async fn search_folds_its_filters_on_a_phone_and_never_ends_at_no_results() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let page = file_url(&book.path().join("book/search.html"));
    let status = "return document.querySelector('.search-status').textContent";

    b.client.set_window_size(390, 844).await.unwrap();
    b.goto(&format!("{page}?q=migrations")).await;
    b.wait_for("#search-page .sr-title").await;
    let folded = b
        .js("const d = document.querySelector('#search-page details.search-filters');
             const first = document.querySelector('#search-page .sr-item').getBoundingClientRect();
             return [d.open, first.top < innerHeight, getComputedStyle(d.querySelector('summary')).display]")
        .await;
    assert_eq!(folded[0], false, "filters folded on a phone: {folded}");
    assert_eq!(
        folded[1], true,
        "the first result shows without scrolling: {folded}"
    );
    assert_eq!(folded[2], "list-item");

    b.client.set_window_size(1280, 900).await.unwrap();
    b.goto(&format!("{page}?q=migrations")).await;
    b.wait_for("#search-page .sr-title").await;
    let open = b
        .js(
            "const d = document.querySelector('#search-page details.search-filters');
             return [d.open, getComputedStyle(d.querySelector('summary')).display]",
        )
        .await;
    assert_eq!(open, serde_json::json!([true, "none"]));

    // Two letters swapped twice: nothing as typed, the closest words found and said so.
    b.goto(&format!("{page}?q=migartoins")).await;
    b.wait_for("#search-page .sr-title").await;
    let said = b.js(status).await;
    assert!(
        said.as_str()
            .unwrap()
            .contains("Nothing matches “migartoins” as typed; the closest"),
        "{said}"
    );

    // Near a topic's name but matching no word of the index: the topic is offered.
    b.goto(&format!("{page}?q=Migrationzzzzz")).await;
    b.wait_until("return /No results/.test(document.querySelector('.search-status').textContent)")
        .await;
    assert_eq!(
        b.js("return [...document.querySelectorAll('[data-near-topic]')].map(a => a.getAttribute('href'))")
            .await,
        serde_json::json!(["topics/migrations.html"])
    );

    // Nothing near at all: a way on.
    b.goto(&format!("{page}?q=qqqxxzzy")).await;
    b.wait_until("return /No results/.test(document.querySelector('.search-status').textContent)")
        .await;
    let link = b
        .js("return document.querySelector('.search-status a').getAttribute('href')")
        .await;
    assert_eq!(link, "questions/index.html");

    // With filters on: the search without them is one click away.
    b.goto(&format!("{page}?q=qqqxxzzy&kind=question")).await;
    b.wait_for(".search-status .search-clear").await;
    assert!(
        b.js(status)
            .await
            .as_str()
            .unwrap()
            .contains("with these filters")
    );
    b.click(".search-status .search-clear").await;
    b.wait_until("return !document.querySelector('.search-status .search-clear')")
        .await;
    b.close().await;
}

/// A handbook in Arabic reads right to left: the sidebar stands at the right, quotes and
/// signals have their bar on the right, nothing scrolls sideways on a phone, and an Arabic
/// title keeps its order next to the theme's Latin counts.
#[tokio::test(flavor = "current_thread")]
async fn a_right_to_left_handbook_mirrors_its_layout() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::fixture("minimal");
    book.edit(
        "book.toml",
        "description = \"A small handbook for tests.\"",
        "description = \"A small handbook for tests.\"\nlanguage = \"ar\"",
    )
    .edit(
        "content/questions/db/orm.md",
        "title: When do you use the ORM and when raw SQL?",
        "title: متى تستخدم ORM ومتى تستخدم SQL مباشرة؟",
    )
    .edit(
        "content/questions/db/orm.md",
        "Most slow pages start in the database.",
        "> معظم الصفحات البطيئة تبدأ في قاعدة البيانات.\n\nhttps://example.org/\
         aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\
         aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    );
    assert_eq!(book.build().code, 0);
    let question = file_url(&book.path().join("book/questions/orm.html"));
    b.client.set_window_size(1280, 900).await.unwrap();
    b.wait_until("return innerWidth > 1000").await;
    b.goto(&question).await;
    assert_eq!(b.js("return document.documentElement.dir").await, "rtl");
    let sides = b
        .js("const n = document.querySelector('#nav').getBoundingClientRect(), \
                   m = document.querySelector('main').getBoundingClientRect(); \
             return [n.left > m.left, getComputedStyle(document.querySelector('.prose blockquote')).borderRightWidth, \
                     getComputedStyle(document.querySelector('.signal')).borderRightWidth]")
        .await;
    assert_eq!(sides, serde_json::json!([true, "4px", "5px"]));
    // The title, isolated in its list, is not reordered around "12 min".
    b.goto(&file_url(&book.path().join("book/topics/database.html")))
        .await;
    let isolated = b
        .js("return [...document.querySelectorAll('a.question-link bdi')].map(e => getComputedStyle(e).unicodeBidi)")
        .await;
    assert_eq!(isolated, serde_json::json!(["isolate"]));

    b.client.set_window_size(390, 844).await.unwrap();
    b.wait_until("return innerWidth < 420").await;
    for page in [
        "questions/orm.html",
        "roles/backend/packet.html",
        "index.html",
    ] {
        b.goto(&file_url(&book.path().join("book").join(page)))
            .await;
        // Under load the new page can be measured before it is laid out at the phone's width.
        b.wait_until("return innerWidth < 420 && document.readyState === 'complete'")
            .await;
        assert_eq!(overflow(&b).await, 0, "{page}");
    }
    b.close().await;
}
