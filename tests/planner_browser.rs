//! The interview planner and packets in a real browser: over HTTP under a sub-path, and from
//! disk; selection, totals, coverage, the URL, keyboard focus, and printing to PDF.

mod support;

use support::Book;
use support::browser::{self, Browser, file_url, pdf_pages};
use support::server;

/// The `data-q` of the items of round `r` (0-based), in order.
async fn round_items(b: &Browser, r: usize) -> Vec<String> {
    let v = b
        .js(&format!(
            "return [...document.querySelectorAll('[data-round=\"{r}\"] .planner-item')].map(li => (li.classList.contains('excluded') ? '-' : '') + li.dataset.q)"
        ))
        .await;
    serde_json::from_value(v).unwrap()
}

async fn round_total(b: &Browser, r: usize) -> String {
    b.text(&format!("[data-round-total=\"{r}\"]")).await
}

#[tokio::test(flavor = "current_thread")]
async fn plan_adjust_reload_and_print_over_http_under_a_sub_path() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let srv = server::serve(&book.path().join("book"), "/hiring/handbook/");
    b.goto(&format!("{}roles/index.html", srv.base)).await;

    // Pick a role: its rounds and questions appear, pre-selected.
    b.click("[data-choose-role='mid-level-developer']").await;
    b.wait_for("#planner:not([hidden])").await;
    assert_eq!(
        b.text("[data-role-title]").await,
        "Mid-level Django developer"
    );
    assert_eq!(
        round_items(&b, 0).await,
        ["cross-team-delivery", "testing-approach"]
    );
    assert_eq!(
        round_items(&b, 1).await,
        [
            "orm-vs-raw-sql",
            "api-design",
            "auth-and-permissions",
            "background-jobs"
        ]
    );
    assert_eq!(round_total(&b, 1).await, "40 of 45 min");
    assert!(
        b.text("[data-status]")
            .await
            .starts_with("8 questions, 85 of 105 min.")
    );
    assert!(b.find_all(".coverage .uncovered").await.is_empty());

    // Untick the only API question: totals and coverage update.
    b.click("[data-toggle='api-design']").await;
    assert_eq!(round_total(&b, 1).await, "30 of 45 min");
    assert_eq!(
        b.texts(".coverage .uncovered .coverage-name").await,
        ["API maturity"]
    );
    let status = b.text("[data-status]").await;
    assert!(status.contains("7 questions, 75 of 105 min."), "{status}");
    assert!(status.contains("Not covered: API maturity."), "{status}");
    assert_eq!(
        b.find("[data-status]")
            .await
            .attr("role")
            .await
            .unwrap()
            .as_deref(),
        Some("status"),
        "totals are announced through a live region"
    );

    // Add a question from the bank, filtered by topic, into round 3: that round goes over budget.
    let topic = b.find("[data-filter=topic]").await;
    topic.select_by_label("Performance and cost").await.unwrap();
    assert_eq!(
        b.texts(".bank-item > a").await,
        ["How do you make a Django application faster without inflating the cloud bill?"]
    );
    b.find(".bank-item[data-q='performance-and-cost'] select")
        .await
        .select_by_value("2")
        .await
        .unwrap();
    b.click("[data-add='performance-and-cost']").await;
    assert_eq!(
        round_items(&b, 2).await,
        [
            "production-migrations",
            "production-incident",
            "performance-and-cost"
        ]
    );
    assert_eq!(round_total(&b, 2).await, "40 of 30 min (over budget)");
    assert!(
        b.text("[data-status]")
            .await
            .contains("Round 3 is over budget")
    );
    // Focus follows the added question.
    assert_eq!(
        b.js("return document.activeElement.id").await,
        "sel-2-performance-and-cost"
    );

    // Move a question between rounds, then up within its new round, by keyboard-reachable
    // controls; focus stays on the moved question's control.
    b.find("[data-move='production-incident']")
        .await
        .select_by_value("0")
        .await
        .unwrap();
    assert_eq!(
        round_items(&b, 0).await,
        [
            "cross-team-delivery",
            "testing-approach",
            "production-incident"
        ]
    );
    b.click("[data-up='production-incident']").await;
    assert_eq!(
        round_items(&b, 0).await,
        [
            "cross-team-delivery",
            "production-incident",
            "testing-approach"
        ]
    );
    assert_eq!(
        b.js("return document.activeElement.dataset.up || document.activeElement.dataset.down")
            .await,
        "production-incident"
    );

    // The whole selection is in the URL; reloading restores it.
    let url = b.client.current_url().await.unwrap();
    assert_eq!(
        url.fragment(),
        Some(
            "role=mid-level-developer&q=cross-team-delivery,production-incident,testing-approach|orm-vs-raw-sql,-api-design,auth-and-permissions,background-jobs|production-migrations,performance-and-cost"
        )
    );
    b.client.refresh().await.unwrap();
    b.wait_for("#planner:not([hidden])").await;
    assert_eq!(
        round_items(&b, 1).await,
        [
            "orm-vs-raw-sql",
            "-api-design",
            "auth-and-permissions",
            "background-jobs"
        ]
    );
    assert_eq!(round_total(&b, 2).await, "25 of 30 min");

    // Opening the planner afresh (no hash) brings back the last selection.
    b.goto(&format!("{}roles/index.html", srv.base)).await;
    b.wait_for("#planner:not([hidden])").await;
    assert_eq!(round_items(&b, 0).await.len(), 3);

    // Print packet: the same layout, exactly this selection.
    b.click("[data-print-link]").await;
    b.wait_for("[data-custom-packet][data-ready]").await;
    let order = b
        .js("return [...document.querySelectorAll('.packet-question')].map(q => q.dataset.q)")
        .await;
    assert_eq!(
        order,
        serde_json::json!([
            "cross-team-delivery",
            "production-incident",
            "testing-approach",
            "orm-vs-raw-sql",
            "auth-and-permissions",
            "background-jobs",
            "production-migrations",
            "performance-and-cost"
        ])
    );
    assert_eq!(b.text(".packet-role").await, "Mid-level Django developer");
    assert_eq!(
        b.texts(".pq-number").await.first().map(String::as_str),
        Some("Q1.")
    );
    assert_eq!(b.find_all(".sheet-dimension").await.len(), 7);
    assert_eq!(
        b.texts(".checklist-sheet > h2").await,
        ["Common interviewer mistakes"]
    );
    // The role's scorecard's reminder, shown.
    let reminder = b
        .js("const r = document.querySelector('[data-reminder]'); return [r.hidden, r.innerText]")
        .await;
    assert_eq!(reminder[0], false);
    assert!(
        reminder[1].as_str().unwrap().contains("The trade-offs"),
        "{reminder}"
    );

    for (paper, width, height) in [("A4", 21.0, 29.7), ("Letter", 21.59, 27.94)] {
        let pages = pdf_pages(&b.print_pdf(width, height).await);
        check_printed_packet(paper, &pages, 8);
    }
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn planner_and_custom_packet_work_from_disk() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    b.goto(&file_url(&book.path().join("book/roles/index.html")))
        .await;
    b.click("[data-choose-role='senior-architect']").await;
    b.wait_for("#planner:not([hidden])").await;
    assert_eq!(round_items(&b, 3).await, ["cross-team-delivery"]);

    // Keyboard only: Space on a focused checkbox unticks it, and focus stays on it after the
    // list is redrawn; Tab moves on to the question's own controls.
    b.js("document.getElementById('sel-1-orm-vs-raw-sql').focus()")
        .await;
    b.keys("\u{e00d}").await;
    assert_eq!(round_items(&b, 1).await[0], "-orm-vs-raw-sql");
    assert_eq!(
        b.js("return document.activeElement.id").await,
        "sel-1-orm-vs-raw-sql"
    );
    b.keys("\u{e004}").await;
    assert_eq!(
        b.js("return document.activeElement.textContent").await,
        "Open"
    );
    // The first question's "up" is disabled, so Tab goes straight to "down".
    b.keys("\u{e004}").await;
    assert_eq!(
        b.js("return document.activeElement.dataset.down").await,
        "orm-vs-raw-sql"
    );
    b.keys("\u{e007}").await;
    assert_eq!(round_items(&b, 1).await[1], "-orm-vs-raw-sql");

    b.click("[data-remove='cross-team-delivery']").await;
    assert!(round_items(&b, 3).await.is_empty());
    // With the last question of the round removed, focus moves to the round's heading.
    assert_eq!(b.js("return document.activeElement.id").await, "round-3");
    b.click("[data-print-link]").await;
    b.wait_for("[data-custom-packet][data-ready]").await;
    assert_eq!(b.find_all(".packet-question").await.len(), 8);
    assert_eq!(
        b.texts(".packet-round:last-child .muted").await,
        ["No questions selected for this round."]
    );
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn crafted_planner_links_fall_back_to_the_default_state() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let page = file_url(&book.path().join("book/roles/index.html"));
    // Unknown roles, names every object has, bad percent-encoding: the role chooser.
    for hash in [
        "#role=toString",
        "#role=__proto__",
        "#role=constructor&q=toString",
        "#role=%",
        "#%=%zz",
        "#role=senior-architect%",
    ] {
        b.goto("about:blank").await;
        b.goto(&format!("{page}{hash}")).await;
        b.wait_for("[data-choose-role='senior-architect']").await;
        let hidden = b
            .js("return document.getElementById('planner').hidden")
            .await;
        assert_eq!(hidden, true, "{hash}: the planner shows a plan");
        // The script is alive: choosing a role still works.
        b.click("[data-choose-role='senior-architect']").await;
        b.wait_for("#planner:not([hidden])").await;
    }
    // A known role with a malformed selection: that role's own plan.
    b.goto("about:blank").await;
    b.goto(&format!("{page}#role=senior-architect&q=%")).await;
    b.wait_for("#planner:not([hidden])").await;
    assert_eq!(round_items(&b, 3).await, ["cross-team-delivery"]);
    // A selection naming only ids that are no questions: the role, with nothing selected.
    b.goto("about:blank").await;
    b.goto(&format!(
        "{page}#role=senior-architect&q=__proto__,toString|constructor,,cross-team-delivery"
    ))
    .await;
    b.wait_for("#planner:not([hidden])").await;
    let mut all = Vec::new();
    for r in 1..=3 {
        all.extend(round_items(&b, r).await);
    }
    assert_eq!(all, ["cross-team-delivery"]);
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn static_packets_print_cleanly_on_a4_and_letter() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    b.goto(&file_url(
        &book.path().join("book/roles/senior-architect/packet.html"),
    ))
    .await;
    b.wait_for(".packet").await;
    for (paper, width, height) in [("A4", 21.0, 29.7), ("Letter", 21.59, 27.94)] {
        let pages = pdf_pages(&b.print_pdf(width, height).await);
        check_printed_packet(paper, &pages, 10);
    }
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_printed_handbook_keeps_introductions_with_their_code() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    b.goto(&file_url(&book.path().join("book/print.html")))
        .await;
    b.wait_for(".print-section").await;
    let pages = pdf_pages(&b.print_pdf(21.0, 29.7).await);
    // Each sentence that ends in a colon before a code block sits on the code's page.
    for (intro, code) in [
        (
            "settings layout a candidate might describe",
            "INSTALLED_APPS",
        ),
        ("in a form candidates often sketch", "One query with a join"),
    ] {
        let page = pages
            .iter()
            .position(|p| p.contains(intro))
            .unwrap_or_else(|| panic!("`{intro}` not printed"));
        assert!(
            pages[page].contains(code),
            "`{intro}` on page {} without its code:\n{}",
            page + 1,
            pages[page]
        );
    }
    b.close().await;
}

/// What a printed packet must look like, page by page.
fn check_printed_packet(paper: &str, pages: &[String], questions: usize) {
    let all = pages.join("\n");
    // A loose sheet with a question on it says which round it belongs to.
    let has_question = |page: &str| {
        page.split_whitespace().any(|w| {
            w.strip_prefix('Q')
                .and_then(|n| n.strip_suffix('.'))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
    };
    for (i, page) in pages.iter().enumerate().filter(|(_, p)| has_question(p)) {
        assert!(
            page.contains("ROUND ") || page.contains("Round "),
            "{paper}: page {} has a question but no round:\n{page}",
            i + 1
        );
    }
    // Cover, then at most one page per question, then the scorecard (may take two pages)
    // and the checklist: the count shows nothing was duplicated or blown up.
    assert!(
        pages.len() >= 3 && pages.len() <= questions + 5,
        "{paper}: {} pages for {questions} questions",
        pages.len()
    );
    // No navigation, search or buttons on paper.
    for screen_only in [
        "Print packet",
        "Adjust the questions",
        "Browse all questions",
        "Skip to content",
        "Plan an interview",
    ] {
        assert!(
            !all.contains(screen_only),
            "{paper}: `{screen_only}` printed"
        );
    }
    // Page numbers and the handbook title in the margins.
    assert!(
        pages[0].contains("Page 1 of"),
        "{paper}: no page number:\n{}",
        pages[0]
    );
    assert!(
        pages[1].contains("Page 2 of"),
        "{paper}: no page number:\n{}",
        pages[1]
    );
    assert!(
        pages[1]
            .lines()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.contains("Hiring Django developers")),
        "{paper}: no title in the top margin:\n{}",
        pages[1]
    );
    for q in 1..=questions {
        let label = format!("Q{q}.");
        let page = pages
            .iter()
            .position(|p| p.contains(&label))
            .unwrap_or_else(|| panic!("{paper}: {label} missing"));
        // A question never splits from its heading: its first section is on the same page.
        let after = &pages[page][pages[page].find(&label).unwrap()..];
        assert!(
            after.contains("FOLLOW-UP PROBES") || after.contains("WHAT STRONG ANSWERS COVER"),
            "{paper}: {label} is alone at the bottom of page {}:\n{}",
            page + 1,
            pages[page]
        );
    }
    // The scorecard starts on a new page.
    let sheet = pages
        .iter()
        .find(|p| p.contains("Scorecard: Django engineer scorecard"))
        .unwrap_or_else(|| panic!("{paper}: no scorecard"));
    let before: String = sheet[..sheet.find("Scorecard: Django").unwrap()]
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.contains("Hiring Django developers"))
        .collect();
    assert!(
        before.trim().is_empty(),
        "{paper}: the scorecard does not start its page:\n{sheet}"
    );
}

/// Above a thousand questions the planning page loads only what it shows: the roles' own
/// questions, one topic of the bank when asked, and one small file for any other question a
/// link names.
#[tokio::test(flavor = "current_thread")]
async fn a_large_handbook_loads_its_bank_a_topic_at_a_time() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::synthetic(1100);
    book.build();
    b.goto(&file_url(&book.path().join("book/roles/index.html")))
        .await;
    // The plan's data arrives by a script of its own; wait for it rather than race it.
    b.wait_until("return window.__hirebookPlanner !== undefined")
        .await;
    let planned = b
        .js("return window.__hirebookPlanner.questions.length")
        .await;
    assert!(planned.as_u64().unwrap() <= 60, "{planned}");
    b.click("[data-choose-role='role-0']").await;
    b.wait_for("#planner:not([hidden])").await;
    assert_eq!(
        b.text("[data-bank-count]").await,
        "Choose a topic to see its questions (1100 in the handbook)."
    );
    assert!(b.find_all(".bank-item").await.is_empty());

    // q01005 is in topic "async" and in no role's plan.
    b.find("[data-filter=topic]")
        .await
        .select_by_label("Topic async")
        .await
        .unwrap();
    b.wait_until("return document.querySelectorAll('.bank-item').length > 0")
        .await;
    // The topic's 110 questions but q00005, which is in the plan already.
    assert_eq!(b.text("[data-bank-count]").await, "109 questions match.");
    b.js("const f = document.querySelector('[data-filter=text]'); f.value = '1005:'; f.dispatchEvent(new Event('input'))")
        .await;
    b.click("[data-add='q01005']").await;
    assert_eq!(
        round_items(&b, 0).await,
        ["q00000", "q00001", "q00002", "q00003", "q01005"]
    );
    let banks = b
        .js("return [...document.scripts].filter(s => s.src.includes('planner-bank-')).length")
        .await;
    assert_eq!(banks, 1, "only the chosen topic's bank is loaded");

    // A fresh page knows only the roles' questions; the link's extra one comes from its file.
    b.client.refresh().await.unwrap();
    b.wait_for("#planner:not([hidden])").await;
    b.wait_until(
        "return document.querySelectorAll('[data-round=\"0\"] .planner-item').length === 5",
    )
    .await;
    assert_eq!(round_items(&b, 0).await[4], "q01005");
    b.click("[data-print-link]").await;
    b.wait_for("[data-custom-packet][data-ready]").await;
    let order = b
        .js("return [...document.querySelectorAll('.packet-question')].map(q => q.dataset.q)")
        .await;
    assert_eq!(order[4], "q01005");
    assert_eq!(order.as_array().unwrap().len(), 13);
    b.close().await;
}

/// The interview loop: each round says what it assesses and whether its questions give
/// evidence for it; the coverage says which rounds assess each dimension; a name per round is
/// kept in the link and the browser; the panel view lists each interviewer with their round's
/// packet, and that packet holds their round alone, with their name.
#[tokio::test(flavor = "current_thread")]
async fn the_panel_gets_a_packet_per_round_with_their_names() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let planner = file_url(&book.path().join("book/roles/index.html"));
    b.goto(&format!("{planner}#role=senior-architect")).await;
    b.wait_for("#planner:not([hidden])").await;

    let focus = b.text("[data-round-focus='1']").await;
    assert!(
        focus.starts_with("Assesses: Django fundamentals ✓"),
        "{focus}"
    );
    let coverage = b
        .js("return [...document.querySelectorAll('[data-coverage] li')].map(li => li.dataset.dimension + ': ' + li.querySelector('[data-coverage-rounds]').textContent)")
        .await;
    assert!(
        coverage
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "system-design: rounds 1, 3"),
        "{coverage}"
    );
    // Untick the round's only security question: the round says it lacks evidence.
    b.click("#sel-1-auth-and-permissions").await;
    b.wait_until("return /Security awareness \\(no question here/.test(document.querySelector(\"[data-round-focus='1']\").textContent)")
        .await;

    // A name for round 2, kept in the link and after a reload.
    b.click("[data-panel-name='1']").await;
    b.keys("Ada Lovelace").await;
    let hash = b.js("return decodeURIComponent(location.hash)").await;
    assert!(
        hash.as_str().unwrap().contains("panel=|Ada Lovelace||"),
        "{hash}"
    );
    b.goto("about:blank").await;
    b.goto(&planner).await;
    b.wait_for("#planner:not([hidden])").await;
    assert_eq!(
        b.js("return document.querySelector(\"[data-panel-name='1']\").value")
            .await,
        "Ada Lovelace"
    );

    // A `|` or `%` in a name stays in its name, on its round.
    b.click("[data-panel-name='0']").await;
    b.keys("Ana | 50%").await;
    b.goto("about:blank").await;
    b.goto(&planner).await;
    b.wait_for("#planner:not([hidden])").await;
    let names = b
        .js("return [...document.querySelectorAll('[data-panel-name]')].map(i => i.value)")
        .await;
    assert_eq!(
        names,
        serde_json::json!(["Ana | 50%", "Ada Lovelace", "", ""])
    );

    // The panel view: each round, its interviewer, the link to its packet.
    b.click("[data-panel-toggle]").await;
    let lines = b.texts("[data-panel-list] li").await;
    assert_eq!(lines.len(), 4);
    assert!(
        lines[1].starts_with("Ada Lovelace · Round 2: Technical assessment"),
        "{lines:?}"
    );
    let link = b
        .js("return document.querySelector(\"[data-panel-round='1'] a\").href")
        .await;
    assert!(link.as_str().unwrap().contains("&round=2"), "{link}");
    // A change to the plan with the panel open reaches its links.
    b.click("#sel-1-orm-vs-raw-sql").await;
    let link = b
        .js("return document.querySelector(\"[data-panel-round='1'] a\").href")
        .await;
    assert!(link.as_str().unwrap().contains("-orm-vs-raw-sql"), "{link}");

    // Round 2's packet: that round alone, the name filled in, its dimensions only.
    b.goto(link.as_str().unwrap()).await;
    b.wait_for("[data-custom-packet][data-ready]").await;
    assert_eq!(b.texts(".packet-round > .round-title").await.len(), 1);
    assert!(
        b.text(".packet-kicker")
            .await
            .starts_with("Round 2 of 4 · ")
    );
    assert_eq!(b.text("[data-fill=interviewer]").await, "Ada Lovelace");
    assert_eq!(b.find_all(".sheet-dimension").await.len(), 4);
    let current = b.text(".packet-plan tr.current").await;
    assert!(current.contains("(this round)"), "{current}");
    // The interviewer column shows on paper only.
    assert_eq!(
        b.js("return document.querySelector('.packet-plan tr.current .plan-who').textContent")
            .await,
        "Ada Lovelace"
    );
    // Its questions are the ticked ones (ORM and authentication were unticked above).
    assert_eq!(
        b.js("return [...document.querySelectorAll('.packet-round .packet-question')].map(q => q.dataset.q)")
            .await,
        serde_json::json!(["api-design", "production-migrations", "testing-approach"]),
        "an unticked question is not printed"
    );

    // A crafted link cutting an emoji at the length limit leaves the planner working.
    let long = format!(
        "{planner}#role=senior-architect&panel={}%F0%9F%98%80",
        "a".repeat(79)
    );
    b.goto(&long).await;
    b.wait_for("#planner:not([hidden]) [data-panel-name='0']")
        .await;
    assert_eq!(
        b.js("return document.querySelectorAll('.planner-round').length")
            .await,
        4
    );
    b.close().await;
}

/// In Russian the planner, the custom packet and search speak Russian, with Russian plural
/// forms chosen in the browser (1 вопрос, 3 вопроса, 5 вопросов), and no English word of the
/// theme's is left on those pages.
#[tokio::test(flavor = "current_thread")]
async fn the_interface_speaks_the_handbooks_language() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.edit("book.toml", "language = \"en\"", "language = \"ru\"");
    assert_eq!(book.build().code, 0);
    b.goto(&file_url(&book.path().join("book/roles/index.html")))
        .await;
    b.click("[data-choose-role='senior-architect']").await;
    b.wait_for("#planner:not([hidden])").await;
    let russian_plural = |n: u64| {
        let (n10, n100) = (n % 10, n % 100);
        if n10 == 1 && n100 != 11 {
            "вопрос"
        } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
            "вопроса"
        } else {
            "вопросов"
        }
    };
    // Untick questions one by one: the count passes through each plural form.
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..12 {
        let status = b.text("[data-status]").await;
        let n: u64 = status
            .split_whitespace()
            .next()
            .and_then(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("{status}"));
        let word = russian_plural(n);
        assert!(
            status.starts_with(&format!("{n} {word},")) && status.contains(" мин."),
            "{status}"
        );
        seen.insert(word);
        if n == 1 {
            break;
        }
        b.js("const box = [...document.querySelectorAll('[data-toggle]')].find(x => x.checked); box.click()")
            .await;
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
    let page = b.js("return document.body.innerText").await;
    let page = page.as_str().unwrap();
    for english in [
        "Round ",
        "Interviewer",
        "Print this round",
        "Open",
        "Add",
        " min\n",
        "Assesses",
        "questions",
    ] {
        assert!(
            !page.contains(english),
            "`{english}` on the planning page:\n{page}"
        );
    }
    assert!(page.contains("Этап 1: "), "{page}");

    b.click("[data-print-link]").await;
    b.wait_for("[data-custom-packet][data-ready]").await;
    let packet = b
        .js("return document.querySelector('[data-custom-packet]').innerText")
        .await;
    let packet = packet.as_str().unwrap();
    for english in [
        "Round ",
        "Interviewer",
        "Candidate",
        "Notes",
        "What strong answers cover",
    ] {
        assert!(
            !packet.contains(english),
            "`{english}` in the custom packet"
        );
    }
    // "15 min" is English; "15 мин" is not (and "testing mindset" is content).
    let minutes = packet.match_indices(" min").any(|(i, _)| {
        packet[..i].ends_with(|c: char| c.is_ascii_digit())
            && !packet[i + 4..].starts_with(|c: char| c.is_alphabetic())
    });
    assert!(!minutes, "English minutes in the custom packet:\n{packet}");
    assert!(
        b.js("return document.title")
            .await
            .as_str()
            .unwrap()
            .starts_with("Материалы собеседования: ")
    );

    // Search: the status and the facets' names.
    b.goto(&format!(
        "{}?q=migration",
        file_url(&book.path().join("book/search.html"))
    ))
    .await;
    b.wait_until("return document.querySelector('.search-status') && /результат/.test(document.querySelector('.search-status').textContent)")
        .await;
    // Set as text (the stylesheet shows them in capitals).
    let legends = b
        .js("return [...document.querySelectorAll('.facet legend')].map(e => e.textContent)")
        .await;
    assert_eq!(legends, serde_json::json!(["Тип", "Уровень", "Должность"]));
    b.close().await;
}

/// A `one_of` group in a role's round: the planner asks one of it, picked from the seed in the
/// link (the same link picks the same question), says so, and can pick another; the round's
/// time counts only the question asked.
#[tokio::test(flavor = "current_thread")]
async fn a_rotation_group_is_picked_by_the_seed_and_can_be_picked_again() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    // A second group, in the first round: the two picks must not follow each other.
    book.edit(
        "content/roles/full-team.yaml",
        "questions: [project-structure, orm-vs-raw-sql, api-design, auth-and-permissions]",
        "questions:\n      - project-structure\n      - orm-vs-raw-sql\n      - one_of: [api-design, auth-and-permissions]",
    );
    book.build();
    let srv = server::serve(&book.path().join("book"), "/");
    let group = ["production-migrations", "production-incident"];
    let mut pairs = std::collections::BTreeSet::new();
    let mut picked = std::collections::BTreeSet::new();
    for seed in 0..16 {
        let mut seen = Vec::new();
        for _ in 0..2 {
            b.goto("about:blank").await;
            b.goto(&format!(
                "{}roles/index.html#role=full-team&seed={seed}",
                srv.base
            ))
            .await;
            b.wait_for("#planner:not([hidden]) [data-round='2'] .planner-item")
                .await;
            let items = round_items(&b, 2).await;
            assert_eq!(items.len(), 3, "{items:?}");
            assert!(group.contains(&items[0].as_str()), "{items:?}");
            seen.push(items[0].clone());
            pairs.insert((round_items(&b, 0).await[2].clone(), items[0].clone()));
        }
        assert_eq!(seen[0], seen[1], "seed {seed} picked differently on reload");
        picked.insert(seen[0].clone());
    }
    assert_eq!(picked.len(), 2, "the seeds always picked {picked:?}");
    assert_eq!(
        pairs.len(),
        4,
        "two groups' picks follow each other: {pairs:?}"
    );

    // The pick says it is one of two, and the other can be picked instead.
    let first = round_items(&b, 2).await[0].clone();
    let other = group.iter().find(|g| **g != first).unwrap().to_string();
    assert_eq!(
        b.text(&format!(
            ".planner-item[data-q='{first}'] [data-group] .badge"
        ))
        .await,
        "Ask one of these 2 questions"
    );
    let total_before = round_total(&b, 2).await;
    b.click(&format!("[data-repick='{first}']")).await;
    b.wait_until(&format!(
        "return !!document.querySelector(\"[data-round='2'] .planner-item[data-q='{other}']\")"
    ))
    .await;
    let items = round_items(&b, 2).await;
    assert_eq!(items[0], other, "{items:?}");
    assert!(!items.contains(&first), "{items:?}");
    // Focus stays on the control, now the new question's.
    assert_eq!(
        b.js("return document.activeElement.dataset.repick").await,
        other
    );
    // The link keeps the pick (and the seed) for a co-interviewer.
    let hash = b.js("return location.hash").await;
    let hash = hash.as_str().unwrap();
    assert!(hash.contains(&format!("|{other},")), "{hash}");
    assert!(hash.contains("&seed=15"), "{hash}");
    // The round's time counts the question asked, not both.
    let minutes = |id: &str| book.question_minutes(id);
    let rest = minutes("background-jobs") + minutes("performance-and-cost");
    assert_eq!(
        total_before,
        format!("{} of 60 min", rest + minutes(&first))
    );
    assert_eq!(
        round_total(&b, 2).await,
        format!("{} of 60 min", rest + minutes(&other))
    );
    b.close().await;
}
