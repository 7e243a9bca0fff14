//! Scoring on screen and the debrief, in a real browser from disk: fill a sheet, reload, reopen
//! it, export it (the file must match the documented format), import it back; the debrief page
//! with three files (grid, spread, flags, hidden scores), bad files, and no request leaving the
//! site's own files.

mod support;

use support::Book;
use support::browser::{self, Browser, file_url, pdf_pages};

async fn set_value(b: &Browser, css: &str, value: &str) {
    let script = format!(
        "var el = document.querySelector({css:?}); el.value = {value:?}; \
         el.dispatchEvent(new Event('input', {{bubbles: true}})); \
         el.dispatchEvent(new Event('change', {{bubbles: true}}));"
    );
    b.js(&script).await;
}

/// Ticks question `q`'s field `t` (`asked`, `s.2`, `p.0`, `good_sign`, `red_flag`).
async fn tick(b: &Browser, q: &str, t: &str) {
    b.click(&format!("[data-question=\"{q}\"] [data-t=\"{t}\"]"))
        .await;
}

/// With `HIREBOOK_SCREENSHOTS=DIR`, saves the page as people see it, wide and at 390 px.
async fn look(b: &Browser, name: &str) {
    let Some(dir) = std::env::var_os("HIREBOOK_SCREENSHOTS") else {
        return;
    };
    for (width, suffix) in [(1200, "wide"), (390, "phone")] {
        b.client.set_window_size(width, 1400).await.unwrap();
        let png = b.client.screenshot().await.unwrap();
        std::fs::write(
            std::path::Path::new(&dir).join(format!("{name}-{suffix}.png")),
            png,
        )
        .unwrap();
    }
    b.client.set_window_size(1200, 1400).await.unwrap();
}

/// A script returning the value of the field `css` finds.
fn value(css: &str) -> String {
    format!("return document.querySelector({css:?}).value")
}

/// A script returning `field` of the senior architect's sheet of `name` (as keyed: lower case)
/// for `round` as stored in this browser: `""` when the sheet lacks it, `null` with no sheet.
fn stored(name: &str, round: u32, field: &str) -> String {
    format!(
        "var k = Object.keys(localStorage).filter(function (k) {{ return /\\/senior-architect\\/{name}\\/{round}$/.test(k); }})[0]; \
         return k ? JSON.parse(localStorage.getItem(k)).fields[{field:?}] || '' : null"
    )
}

/// Every resource the page loaded, with the page itself, is a local file: nothing left the
/// site.
async fn only_local_files(b: &Browser) {
    let loaded = b
        .js("return [location.href].concat(performance.getEntriesByType('resource').map(function (e) { return e.name; }))")
        .await;
    for url in loaded.as_array().unwrap() {
        let url = url.as_str().unwrap();
        assert!(
            url.starts_with("file:///"),
            "a request left the site: {url}"
        );
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_sheet_is_filled_kept_exported_and_imported_from_disk() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let page = book.path().join("book/roles/senior-architect/score.html");
    b.goto(&format!("{}#round=2", file_url(&page))).await;
    b.wait_for("[data-score-sheet]").await;
    // The round from the address; only its questions, and the dimensions it assesses.
    assert_eq!(
        b.js("return document.querySelector('[data-head=round]').value")
            .await,
        "2"
    );
    let shown = b
        .js("return Array.from(document.querySelectorAll('.score-round:not([hidden]) [data-question]')).map(function (q) { return q.dataset.question; })")
        .await;
    assert_eq!(
        shown,
        serde_json::json!([
            "orm-vs-raw-sql",
            "auth-and-permissions",
            "api-design",
            "production-migrations",
            "testing-approach"
        ])
    );
    let dims = b
        .js("return Array.from(document.querySelectorAll('.score-dimension[data-dimension]:not([hidden])')).map(function (d) { return d.dataset.dimension; })")
        .await;
    assert_eq!(dims.as_array().unwrap().len(), 4, "{dims}");

    // Nothing is saved without a candidate; then everything typed is.
    tick(&b, "orm-vs-raw-sql", "asked").await;
    assert!(b.text("[data-status]").await.contains("candidate's name"));
    set_value(&b, "[data-head=candidate]", "Ana Example").await;
    set_value(&b, "[data-head=interviewer]", "Ben").await;
    set_value(&b, "[data-head=date]", "2026-12-03").await;
    tick(&b, "orm-vs-raw-sql", "s.2").await;
    tick(&b, "orm-vs-raw-sql", "red_flag").await;
    set_value(
        &b,
        "[data-question='orm-vs-raw-sql'] [data-t=notes]",
        "Measured with EXPLAIN first.",
    )
    .await;
    b.click("[data-field='d.fundamentals.score'][value='4']")
        .await;
    // A score without evidence gets a gentle prompt, which evidence takes away.
    assert_eq!(
        b.js("return document.querySelector('[data-dimension=fundamentals] [data-prompt]').hidden")
            .await,
        false
    );
    set_value(
        &b,
        "[data-field='d.fundamentals.evidence']",
        "Explained select_related.",
    )
    .await;
    assert_eq!(
        b.js("return document.querySelector('[data-dimension=fundamentals] [data-prompt]').hidden")
            .await,
        true
    );
    b.click("[data-field=recommendation][value='Yes']").await;
    look(&b, "score").await;
    assert!(
        b.text("[data-status]")
            .await
            .starts_with("Saved in this browser")
    );

    // A reload (a closed tab) keeps it: the saved sheet reopens from the list.
    b.goto(&file_url(&page)).await;
    b.wait_for("[data-saved-list]:not([hidden])").await;
    let option = b
        .js("var o = document.querySelector('[data-open-saved] option:nth-child(2)'); return o.value")
        .await;
    set_value(&b, "[data-open-saved]", option.as_str().unwrap()).await;
    assert_eq!(
        b.js("return document.querySelector('[data-head=round]').value")
            .await,
        "2"
    );
    assert_eq!(
        b.js("return document.querySelector(\"[data-question='orm-vs-raw-sql'] [data-t=notes]\").value")
            .await,
        "Measured with EXPLAIN first."
    );
    assert_eq!(
        b.js("return document.querySelector(\"[data-field='d.fundamentals.score'][value='4']\").checked").await,
        true
    );

    // The export: named from candidate, round, interviewer and date, in the documented format.
    b.click("[data-export=json]").await;
    let export = b.js("return window.__hirebookLastExport").await;
    assert_eq!(
        export["name"],
        "ana-example-round-2-ben-2026-12-03.hirebook-score.json"
    );
    let text = export["text"].as_str().unwrap();
    let file: hirebook::render::score::ScoreFile =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!((file.format.as_str(), file.version), ("hirebook-score", 1));
    assert_eq!(file.role.id, "senior-architect");
    assert_eq!(
        (file.round.number, file.candidate.as_str()),
        (2, "Ana Example")
    );
    assert_eq!(file.handbook.title, "Hiring Django developers");
    let q = &file.questions[0];
    assert!(q.asked && q.strong[2].ticked && !q.strong[0].ticked);
    assert_eq!((q.red_flag, q.good_sign), (Some(true), Some(false)));
    let fundamentals = file
        .dimensions
        .iter()
        .find(|d| d.id == "fundamentals")
        .unwrap();
    assert_eq!(fundamentals.score, Some(4));
    assert_eq!(
        file.dimensions.iter().filter(|d| d.score.is_none()).count(),
        3
    );
    assert_eq!(file.recommendation.value.as_deref(), Some("Yes"));
    b.click("[data-export=csv]").await;
    let csv = b.js("return window.__hirebookLastExport.text").await;
    assert!(
        csv.as_str()
            .unwrap()
            .contains("dimension,fundamentals,Django fundamentals,4,Explained select_related.\r\n"),
        "{csv}"
    );

    // Printed, the filled sheet shows what was typed.
    let pdf = b.print_pdf(21.0, 29.7).await;
    let pages = pdf_pages(&pdf);
    let printed = pages.concat();
    assert!(
        printed.contains("Measured with EXPLAIN first."),
        "{pages:?}"
    );
    assert!(printed.contains("Ana Example"), "{pages:?}");
    assert!(
        !printed.contains("Export score file"),
        "the buttons are printed: {pages:?}"
    );

    // Forget the candidate (after the confirmation), then import the file to continue.
    let kept = "return Object.keys(localStorage).filter(function (k) { return k.indexOf('hirebook-score/') === 0; }).length";
    let before = b.js(kept).await;
    assert!(before.as_u64().unwrap() >= 1, "nothing stored to forget");
    b.js("window.confirm = function () { return true; }").await;
    b.click("[data-forget]").await;
    assert_eq!(
        b.js("return document.querySelector('[data-head=candidate]').value")
            .await,
        ""
    );
    assert_eq!(b.js(kept).await, 0);
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("ana.hirebook-score.json");
    std::fs::write(&saved, text).unwrap();
    b.find("[data-import]")
        .await
        .send_keys(saved.to_str().unwrap())
        .await
        .unwrap();
    b.wait_until("return document.querySelector('[data-head=candidate]').value === 'Ana Example'")
        .await;
    assert_eq!(
        b.js("return document.querySelector(\"[data-question='orm-vs-raw-sql'] [data-t=notes]\").value")
            .await,
        "Measured with EXPLAIN first."
    );
    only_local_files(&b).await;
    b.close().await;
}

/// A score file for the senior architect's round `round`, by `interviewer`.
fn score_file(
    interviewer: &str,
    round: u32,
    scores: &[(&str, Option<u8>, &str)],
    rec: &str,
) -> String {
    let dimensions: Vec<serde_json::Value> = scores
        .iter()
        .map(|(id, score, evidence)| {
            serde_json::json!({"id": id, "name": format!("Dimension {id}"), "score": score, "evidence": evidence})
        })
        .collect();
    serde_json::json!({
        "format": "hirebook-score", "version": 1,
        "handbook": {"title": "Hiring Django developers", "version": null},
        "role": {"id": "senior-architect", "title": "Senior Django engineer (architecture owner)"},
        "plan": "role", "round": {"number": round, "name": "Round"},
        "candidate": "Ana Example", "interviewer": interviewer, "date": "2026-12-03",
        "scorecard": {"id": "django-engineer", "min": 1, "max": 5},
        "questions": [], "dimensions": dimensions,
        "recommendation": {"value": rec, "reason": format!("{interviewer}'s reason")},
        "exported": "2026-12-03T12:00:00Z"
    })
    .to_string()
}

#[tokio::test(flavor = "current_thread")]
async fn the_debrief_shows_the_grid_the_spread_and_the_gaps() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let files = [
        write(
            "ana.json",
            &score_file(
                "Ana",
                1,
                &[
                    ("fundamentals", Some(2), "Unsure about the ORM."),
                    ("security", Some(3), "CSRF, sessions."),
                    ("testing", None, ""),
                ],
                "No",
            ),
        ),
        write(
            "ben.json",
            &score_file(
                "Ben",
                2,
                &[
                    ("fundamentals", Some(4), "Solid."),
                    ("security", Some(3), "Fine."),
                    ("testing", None, ""),
                ],
                "Yes",
            ),
        ),
        write(
            "cy.json",
            &score_file(
                "Cy",
                3,
                &[
                    ("fundamentals", Some(5), "Deep."),
                    ("security", Some(4), ""),
                    ("testing", None, ""),
                ],
                "Yes",
            ),
        ),
    ];
    b.goto(&file_url(&book.path().join("book/debrief.html")))
        .await;
    b.find("[data-files]")
        .await
        .send_keys(&files.join("\n"))
        .await
        .unwrap();
    b.wait_for("[data-result]:not([hidden])").await;
    b.wait_until("return document.querySelectorAll('.debrief-grid thead th').length === 6")
        .await;
    assert_eq!(
        b.texts(".debrief-grid thead th").await[1..4].to_vec(),
        ["Ana\nRound 1", "Ben\nRound 2", "Cy\nRound 3"]
    );
    let row = |id: &str| format!(".debrief-grid tr[data-dimension='{id}']");
    // Scores 2, 4, 5: a range of 3, flagged; 3, 3, 4: not.
    assert!(
        b.text(&format!("{} .debrief-spread", row("fundamentals")))
            .await
            .starts_with("2–5")
    );
    assert_eq!(
        b.js("return document.querySelector(\"tr[data-dimension='fundamentals']\").classList.contains('disagree')").await,
        true
    );
    assert_eq!(
        b.js("return document.querySelector(\"tr[data-dimension='security']\").classList.contains('disagree')").await,
        false
    );
    assert!(
        b.text(&format!("{} .debrief-summary", row("security")))
            .await
            .contains("Median 3")
    );
    // Nobody gathered evidence for testing; Cy scored security without any.
    assert!(
        b.text(&format!("{} .debrief-summary", row("testing")))
            .await
            .contains("Nobody gathered evidence")
    );
    assert!(
        b.text(&format!("{} td:nth-child(4)", row("security")))
            .await
            .contains("No evidence")
    );
    assert_eq!(
        b.texts(".debrief-recommendation .debrief-score").await,
        ["No", "Yes", "Yes"]
    );
    // Scores hidden until revealed; the evidence stays.
    b.click("[data-hide-scores]").await;
    assert_eq!(
        b.js("return getComputedStyle(document.querySelector('.debrief-cell .debrief-score')).display").await,
        "none"
    );
    b.click("[data-hide-scores]").await;
    assert_ne!(
        b.js("return getComputedStyle(document.querySelector('.debrief-cell .debrief-score')).display").await,
        "none"
    );
    // The printed debrief sheet holds the grid, without the page's controls.
    let printed = pdf_pages(&b.print_pdf(21.0, 29.7).await).concat();
    for expected in [
        "Scores for Ana Example",
        "Disagreement",
        "Median 3",
        "Nobody",
        "Unsure about",
        "Ana's reason",
    ] {
        assert!(
            printed.contains(expected),
            "{expected} not printed: {printed}"
        );
    }
    assert!(!printed.contains("Choose score files"), "{printed}");
    b.click("[data-export-csv]").await;
    let csv = b.js("return window.__hirebookLastExport.text").await;
    assert!(
        csv.as_str().unwrap().contains("fundamentals,2,4,5\r\n"),
        "{csv}"
    );

    // Bad files are named, and the grid stays.
    let bad = [
        write("notes.txt.json", "not json at all"),
        write("other.json", r#"{"format": "something-else"}"#),
        write(
            "future.json",
            &score_file("Dee", 1, &[], "Yes").replace("\"version\":1", "\"version\":2"),
        ),
        write(
            "again.json",
            &score_file(
                "Ana",
                1,
                &[
                    ("fundamentals", Some(2), "Unsure about the ORM."),
                    ("security", Some(3), "CSRF, sessions."),
                    ("testing", None, ""),
                ],
                "No",
            ),
        ),
        write("huge.json", &" ".repeat(2 * 1024 * 1024)),
    ];
    b.find("[data-files]")
        .await
        .send_keys(&bad.join("\n"))
        .await
        .unwrap();
    b.wait_until("return document.querySelectorAll('.debrief-messages li').length === 5")
        .await;
    let messages = b.texts(".debrief-messages li").await.join("\n");
    for expected in [
        "notes.txt.json cannot be read: it is not a JSON file.",
        "other.json is not a hirebook score file.",
        "future.json is in score format version 2; this page reads version 1.",
        "again.json is already loaded.",
        "huge.json is too large to be a score file.",
    ] {
        assert!(messages.contains(expected), "{messages}");
    }
    assert_eq!(b.find_all(".debrief-grid thead th").await.len(), 6);
    look(&b, "debrief").await;
    only_local_files(&b).await;
    b.close().await;
}

/// What a break round did to the scoring page as a careless user would: nothing typed may be
/// lost or land on another candidate's sheet.
#[tokio::test(flavor = "current_thread")]
async fn careless_use_loses_nothing_and_forgets_only_whom_it_should() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let page = |role: &str| file_url(&book.path().join(format!("book/roles/{role}/score.html")));
    let notes = "[data-question='orm-vs-raw-sql'] [data-t=notes]";
    let sheets = "return Object.keys(localStorage).filter(function (k) { return k.indexOf('hirebook-score/') === 0; }).sort()";
    b.goto(&format!("{}#round=2", page("senior-architect")))
        .await;
    b.wait_for("[data-score-sheet]").await;

    // Notes typed before the name, across a round change and back, then named: all kept.
    set_value(&b, notes, "Typed before the name.").await;
    set_value(&b, "[data-head=round]", "1").await;
    set_value(&b, "[data-head=round]", "2").await;
    assert_eq!(b.js(&value(notes)).await, "Typed before the name.");
    set_value(&b, "[data-head=candidate]", "Ana").await;
    assert_eq!(b.js(&value(notes)).await, "Typed before the name.");
    // A reload reopens the sheet this tab showed.
    b.goto(&format!("{}#round=2", page("senior-architect")))
        .await;
    b.wait_for("[data-score-sheet]").await;
    assert_eq!(b.js(&value("[data-head=candidate]")).await, "Ana");
    assert_eq!(b.js(&value(notes)).await, "Typed before the name.");
    // Looking at rounds saves no empty sheets.
    set_value(&b, "[data-head=round]", "3").await;
    set_value(&b, "[data-head=round]", "4").await;
    set_value(&b, "[data-head=round]", "2").await;
    assert_eq!(
        b.js(sheets).await.as_array().unwrap().len(),
        1,
        "{}",
        b.js(sheets).await
    );
    // Another tab's change to this sheet shows here.
    b.js("var k = Object.keys(localStorage).filter(function (k) { return /\\/2$/.test(k); })[0]; \
          var s = JSON.parse(localStorage.getItem(k)); s.fields['d.security.evidence'] = 'From the other tab.'; \
          window.dispatchEvent(new StorageEvent('storage', { key: k, newValue: JSON.stringify(s) }));")
        .await;
    assert_eq!(
        b.js(&value("[data-field='d.security.evidence']")).await,
        "From the other tab."
    );

    // A file for a round this plan does not have, or with wrong types, changes nothing.
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "round9.json",
            score_file("Ana", 9, &[("fundamentals", Some(1), "x")], "No"),
        ),
        (
            "types.json",
            score_file("Ana", 2, &[], "No").replace("\"questions\":[]", "\"questions\":{}"),
        ),
        (
            "nobody.json",
            score_file("Ben", 2, &[], "No").replace("Ana Example", "  "),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        b.find("[data-import]")
            .await
            .send_keys(path.to_str().unwrap())
            .await
            .unwrap();
        b.wait_until(&format!(
            "return document.querySelector('[data-status]').textContent.indexOf('{name}') >= 0"
        ))
        .await;
        assert!(
            b.text("[data-status]").await.contains("not a score file"),
            "{name}"
        );
    }
    // `types.json` held nothing wrong but its questions' type: refused whole, so the sheet kept.
    assert_eq!(b.js(&value(notes)).await, "Typed before the name.");

    // Forgetting `a` leaves `a/b`; forgetting `ana ` reaches Ana's sheets of every role.
    b.goto(&page("mid-level-developer")).await;
    b.wait_for("[data-score-sheet]").await;
    for name in ["a/b", "a", "Ana"] {
        b.click("[data-new]").await;
        set_value(&b, "[data-head=candidate]", name).await;
        set_value(&b, ".score-round:not([hidden]) [data-t=notes]", "Notes.").await;
    }
    assert_eq!(b.js(sheets).await.as_array().unwrap().len(), 4);
    b.js("window.confirm = function () { return true; }").await;
    set_value(&b, "[data-head=candidate]", "a").await;
    b.click("[data-forget]").await;
    set_value(&b, "[data-head=candidate]", "ana ").await;
    b.click("[data-forget]").await;
    let left = b.js(sheets).await;
    let left: Vec<&str> = left
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].contains("/a%2Fb/"), "{left:?}");
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_debrief_hides_scores_from_the_start_and_follows_the_majority() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let ana =
        |who: &str, score: u8| score_file(who, 1, &[("fundamentals", Some(score), "")], "Yes");
    let files = [
        write(
            "bob.json",
            ana("Ben", 2).replace("Ana Example", "Bob Other"),
        ),
        write("a.json", ana("Ana", 1)),
        write("b.json", ana("Cy", 5)),
        write("c.json", ana("Dee", 3).replace("\"max\":5", "\"max\":10")),
        write("dup.json", ana("ana ", 4)),
    ];
    b.goto(&file_url(&book.path().join("book/debrief.html")))
        .await;
    // Scores hidden before any file is chosen.
    b.click("[data-hide-scores]").await;
    b.find("[data-files]")
        .await
        .send_keys(&files.join("\n"))
        .await
        .unwrap();
    b.wait_for("[data-result]:not([hidden])").await;
    assert_eq!(
        b.text(".debrief-grid caption").await,
        "Scores for Ana Example"
    );
    let messages = b.texts(".debrief-messages li").await.join("\n");
    assert!(
        messages.contains("bob.json is for another candidate: Bob Other"),
        "{messages}"
    );
    assert!(
        messages.contains("c.json uses another scale (1–10)"),
        "{messages}"
    );
    assert!(
        messages.contains("dup.json is already loaded"),
        "{messages}"
    );
    // The scores are there, each hidden (none there would pass the second check).
    let scores = b
        .js("return document.querySelectorAll('.debrief-cell .debrief-score').length")
        .await;
    assert!(scores.as_u64().unwrap() >= 2, "{scores} scores in the grid");
    let shown = b
        .js("return Array.from(document.querySelectorAll('.debrief-score, .debrief-cell .debrief-flag, .debrief-spread .debrief-flag')).filter(function (e) { return getComputedStyle(e).display !== 'none'; }).length")
        .await;
    assert_eq!(shown, 0, "scores or their flags show while hidden");
    b.close().await;
}

/// A plan built in the planner is scored on its own sheet (`roles/score.html`), reached from
/// the planner and from the custom packet: its questions in its rounds, numbered as its packet
/// numbers them, saved and exported as `custom` with the plan's address; its files are told
/// apart from the role's own plan's on import and in the debrief.
#[tokio::test(flavor = "current_thread")]
async fn a_plan_built_in_the_planner_is_scored_on_its_own_sheet() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let site = book.path().join("book");
    // The role's plan with round 2 changed: one question unticked, one from the bank added.
    let plan = "#role=mid-level-developer&q=cross-team-delivery,testing-approach|orm-vs-raw-sql,\
                -api-design,auth-and-permissions,background-jobs,performance-and-cost|\
                production-migrations,production-incident";
    let planner = file_url(&site.join("roles/index.html"));
    b.goto(&format!("{planner}{plan}")).await;
    b.wait_for("#planner:not([hidden])").await;
    // Each round of the plan links to its sheet, as it links to its packet.
    let href = b
        .js("return document.querySelector('[data-round-score=\"1\"]').getAttribute('href')")
        .await;
    assert_eq!(href, format!("score.html{plan}&round=2"));
    b.click("[data-round-score='1']").await;
    b.wait_for("[data-score-sheet][data-ready]").await;
    assert_eq!(
        b.js("return document.querySelector('[data-head=round]').value")
            .await,
        "2"
    );
    assert!(b.text("h1").await.contains("Mid-level Django developer"));
    let rounds = b
        .js("return Array.from(document.querySelectorAll('[data-head=round] option')).map(function (o) { return o.value; })")
        .await;
    assert_eq!(rounds, serde_json::json!(["1", "2", "3"]));
    set_value(&b, "[data-head=round]", "2").await;
    let shown = b
        .js("return Array.from(document.querySelectorAll('.score-round:not([hidden]) [data-question]')).map(function (q) { return q.dataset.question + ' ' + q.querySelector('.number').textContent; })")
        .await;
    assert_eq!(
        shown,
        serde_json::json!([
            "orm-vs-raw-sql 3",
            "auth-and-permissions 4",
            "background-jobs 5",
            "performance-and-cost 6"
        ])
    );
    // The scorecard's dimensions (the round names none), with the anchors beside the scores.
    let dims = b
        .js("return Array.from(document.querySelectorAll('.score-dimension[data-dimension]:not([hidden])')).map(function (d) { return d.dataset.dimension; })")
        .await;
    assert_eq!(dims.as_array().unwrap().len(), 7, "{dims}");
    // Each anchor is seen beside its score (the class once hid them as headings' `#` links).
    let anchors = b
        .js("return Array.from(document.querySelectorAll('[data-dimension=fundamentals] .score-anchor')).map(function (a) { var r = a.getBoundingClientRect(); return getComputedStyle(a).opacity === '1' && getComputedStyle(a).display !== 'none' && r.width > 0 && r.right <= window.innerWidth; })")
        .await;
    assert_eq!(anchors, serde_json::json!([true, true, true]));

    set_value(&b, "[data-head=candidate]", "Ana Example").await;
    set_value(&b, "[data-head=interviewer]", "Dee").await;
    set_value(&b, "[data-head=date]", "2026-12-03").await;
    tick(&b, "performance-and-cost", "asked").await;
    tick(&b, "performance-and-cost", "s.0").await;
    b.click("[data-field='d.fundamentals.score'][value='3']")
        .await;
    look(&b, "score-custom").await;
    // On a phone, nothing is wider than the screen.
    b.client.set_window_size(390, 900).await.unwrap();
    let overflow = b
        .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    let wide = b
        .js("var w = document.documentElement.clientWidth; return Array.from(document.querySelectorAll('body *')).filter(function (e) { var r = e.getBoundingClientRect(); return r.right > w + 1 && r.width > 0; }).slice(0, 8).map(function (e) { return e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right); })")
        .await;
    assert_eq!(overflow, 0, "the page scrolls sideways at 390 px: {wide}");
    b.client.set_window_size(1200, 1400).await.unwrap();

    // A reload keeps the sheet, the added question's ticks with it.
    let here = b.js("return location.href").await;
    b.goto(here.as_str().unwrap()).await;
    b.wait_for("[data-score-sheet][data-ready]").await;
    b.wait_until("return document.querySelector('[data-head=candidate]').value === 'Ana Example'")
        .await;
    assert_eq!(
        b.js("return document.querySelector(\"[data-question='performance-and-cost'] [data-t='s.0']\").checked")
            .await,
        true
    );

    b.click("[data-export=json]").await;
    let text = b.js("return window.__hirebookLastExport.text").await;
    let text = text.as_str().unwrap().to_owned();
    let file: hirebook::render::score::ScoreFile =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(file.plan, "custom");
    assert_eq!(file.plan_address.as_deref(), Some(plan));
    assert_eq!(file.round.number, 2);
    let ids: Vec<&str> = file.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "orm-vs-raw-sql",
            "auth-and-permissions",
            "background-jobs",
            "performance-and-cost"
        ]
    );
    let added = &file.questions[3];
    assert!(added.asked && added.strong[0].ticked);
    assert_eq!(file.scorecard.as_ref().unwrap().id, "django-engineer");
    assert_eq!(file.dimensions.len(), 7);
    assert_eq!(
        file.dimensions
            .iter()
            .find(|d| d.id == "fundamentals")
            .unwrap()
            .score,
        Some(3)
    );

    // Another plan of the role keeps its own sheets: the same candidate and round there start
    // blank, and this plan's sheet is left as it was.
    let other = plan.replace("background-jobs", "-background-jobs");
    let sheet = here.as_str().unwrap().split('#').next().unwrap().to_owned();
    b.goto(&format!("{sheet}{other}&round=2")).await;
    b.wait_for("[data-score-sheet][data-ready]").await;
    set_value(&b, "[data-head=candidate]", "Ana Example").await;
    assert_eq!(
        b.js("return document.querySelector(\"[data-question='performance-and-cost'] [data-t='s.0']\").checked")
            .await,
        false
    );
    tick(&b, "performance-and-cost", "s.1").await;
    b.goto(&format!("{sheet}{plan}&round=2")).await;
    b.wait_for("[data-score-sheet][data-ready]").await;
    set_value(&b, "[data-head=candidate]", "Ana Example").await;
    assert_eq!(
        b.js("return [0, 1].map(function (i) { return document.querySelector(\"[data-question='performance-and-cost'] [data-t='s.\" + i + \"']\").checked; })")
            .await,
        serde_json::json!([true, false])
    );

    // The role's own scoring page does not take it: its questions are another plan's.
    let dir = tempfile::tempdir().unwrap();
    let custom = dir.path().join("dee.hirebook-score.json");
    std::fs::write(&custom, &text).unwrap();
    b.goto(&file_url(
        &site.join("roles/mid-level-developer/score.html"),
    ))
    .await;
    b.wait_for("[data-score-sheet]").await;
    b.find("[data-import]")
        .await
        .send_keys(custom.to_str().unwrap())
        .await
        .unwrap();
    b.wait_until(
        "return document.querySelector('[data-status]').textContent.indexOf('another plan') >= 0",
    )
    .await;
    assert_eq!(
        b.js("return document.querySelector('[data-head=candidate]').value")
            .await,
        ""
    );

    // The debrief loads it beside a file of the role's own plan, with a note.
    let own = dir.path().join("ben.json");
    std::fs::write(
        &own,
        score_file("Ben", 1, &[("fundamentals", Some(4), "Solid.")], "Yes")
            .replace("senior-architect", "mid-level-developer"),
    )
    .unwrap();
    b.goto(&file_url(&site.join("debrief.html"))).await;
    b.find("[data-files]")
        .await
        .send_keys(&format!("{}\n{}", own.display(), custom.display()))
        .await
        .unwrap();
    b.wait_for("[data-result]:not([hidden])").await;
    let messages = b.texts(".debrief-messages li").await.join("\n");
    assert!(
        messages.contains("dee.hirebook-score.json was scored with another plan"),
        "{messages}"
    );
    let heads = b
        .js("return Array.from(document.querySelectorAll('[data-grid] thead th')).map(function (th) { return th.textContent; })")
        .await;
    assert_eq!(
        heads.as_array().unwrap()[1..3],
        ["BenRound 1", "DeeRound 2"],
        "{heads}"
    );

    // The custom packet of a round links to that round's sheet of the same plan.
    b.goto(&format!(
        "{}{plan}&round=2",
        file_url(&site.join("roles/packet.html"))
    ))
    .await;
    b.wait_for("[data-custom-packet][data-ready]").await;
    assert_eq!(
        b.js("return document.querySelector('[data-score-link]').getAttribute('href')")
            .await,
        format!("score.html{plan}&round=2")
    );
    b.click("[data-score-link]").await;
    b.wait_for("[data-score-sheet][data-ready]").await;
    assert_eq!(
        b.js("return document.querySelector('[data-head=round]').value")
            .await,
        "2"
    );
    assert_eq!(
        b.js("return document.querySelector('[data-head=candidate]').value")
            .await,
        "Ana Example",
        "the tab's sheet reopens"
    );

    // Without a plan in its address (and none planned in this browser), the page says where
    // plans are made.
    b.js("localStorage.clear(); sessionStorage.clear();").await;
    b.goto(&file_url(&site.join("roles/score.html"))).await;
    b.wait_for("[data-packet-missing]").await;
    assert_eq!(
        b.js("return document.querySelector('[data-score-sheet]').hidden")
            .await,
        true
    );
    only_local_files(&b).await;
    b.close().await;
}

/// A tab moves or lends answers only from sheets it began: a saved sheet opened by typing its
/// name (a prefix of another name, say) is never moved or overwritten without asking; what is
/// typed before a name survives a reload; a sheet forgotten in another tab is not saved back;
/// an address that leaves the plan to chance is pinned; an unchanged plan is the role's own.
#[tokio::test(flavor = "current_thread")]
async fn a_tab_moves_only_the_sheets_it_began() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let site = book.path().join("book");
    let page = file_url(&site.join("roles/senior-architect/score.html"));
    let notes = "[data-question='production-incident'] [data-t=notes]";
    let saved_notes = |name: &str| stored(name, 1, "q.production-incident.notes");
    b.goto(&page).await;
    b.wait_for("[data-score-sheet]").await;
    set_value(&b, "[data-head=candidate]", "Ann").await;
    set_value(&b, notes, "ANN").await;

    // A new sheet whose name passes through a saved one's ("Ann" on the way to "Anna").
    b.click("[data-new]").await;
    set_value(&b, "[data-head=candidate]", "Ann").await;
    assert_eq!(b.js(&value(notes)).await, "ANN", "the saved sheet opens");
    set_value(&b, "[data-head=candidate]", "Anna").await;
    assert_eq!(
        b.js(&value(notes)).await,
        "",
        "Ann's answers are not Anna's"
    );
    assert_eq!(b.js(&saved_notes("ann")).await, "ANN", "Ann's sheet stays");

    // A sheet begun here, renamed to a saved candidate's name: asked first; "no" keeps both.
    b.click("[data-new]").await;
    set_value(&b, "[data-head=candidate]", "Alice").await;
    set_value(&b, notes, "ALICE").await;
    b.js("window.confirm = function () { return false; }").await;
    set_value(&b, "[data-head=candidate]", "Ann").await;
    assert_eq!(b.js(&value("[data-head=candidate]")).await, "Alice");
    assert_eq!(b.js(&saved_notes("ann")).await, "ANN");
    assert_eq!(b.js(&saved_notes("alice")).await, "ALICE");
    // "Yes" adds it to Ann's and moves it: no copy is left under the old name.
    b.js("window.confirm = function () { return true; }").await;
    set_value(&b, "[data-head=candidate]", "Ann").await;
    assert_eq!(b.js(&saved_notes("ann")).await, "ANN\n\nALICE");
    assert_eq!(b.js(&saved_notes("alice")).await, serde_json::Value::Null);
    // A typo corrected on a sheet begun here moves it.
    b.click("[data-new]").await;
    set_value(&b, "[data-head=candidate]", "Jhon").await;
    set_value(&b, notes, "JOHN").await;
    set_value(&b, "[data-head=candidate]", "John").await;
    assert_eq!(b.js(&saved_notes("john")).await, "JOHN");
    assert_eq!(b.js(&saved_notes("jhon")).await, serde_json::Value::Null);

    // Forgotten in another tab: this tab clears its form and does not save it back.
    b.js("var k = Object.keys(localStorage).filter(function (k) { return /\\/john\\/1$/.test(k); })[0]; \
          localStorage.removeItem(k); \
          window.dispatchEvent(new StorageEvent('storage', { key: k, newValue: null }));")
        .await;
    assert_eq!(b.js(&value("[data-head=candidate]")).await, "");
    set_value(&b, notes, "typed after").await;
    assert_eq!(b.js(&saved_notes("john")).await, serde_json::Value::Null);

    // What is typed before the name survives a reload.
    b.click("[data-new]").await;
    set_value(&b, notes, "Before the name.").await;
    b.goto("about:blank").await;
    b.goto(&page).await;
    b.wait_for("[data-score-sheet]").await;
    assert_eq!(b.js(&value(notes)).await, "Before the name.");

    // An address that leaves a group's pick to chance is pinned before anything is saved,
    // and the last `round=` is the one (as the planner reads it).
    let custom = file_url(&site.join("roles/score.html"));
    b.goto(&format!("{custom}#role=full-team&round=1&round=3"))
        .await;
    b.wait_for("[data-score-sheet][data-ready]").await;
    let pinned = b.js("return location.hash").await;
    let pinned = pinned.as_str().unwrap().to_owned();
    assert!(
        pinned.contains("&q=") && pinned.contains("&seed="),
        "{pinned}"
    );
    assert_eq!(b.js(&value("[data-head=round]")).await, "3");
    let asked = "return Array.from(document.querySelectorAll('.score-round:not([hidden]) [data-question]')).map(function (q) { return q.dataset.question; })";
    let first = b.js(asked).await;
    // Round 3: one of the two production scenarios, then its two other questions.
    let ids: Vec<&str> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(
        matches!(ids[0], "production-migrations" | "production-incident"),
        "{ids:?}"
    );
    assert_eq!(ids[1..], ["background-jobs", "performance-and-cost"]);
    for _ in 0..3 {
        b.goto("about:blank").await;
        b.goto(&format!("{custom}{pinned}")).await;
        b.wait_for("[data-score-sheet][data-ready]").await;
        assert_eq!(b.js(asked).await, first);
    }

    // The role's own plan, reached through the planner unchanged, is scored as the role's own:
    // files go both ways. Interviewers' names stay out of a custom plan's file.
    b.goto(&format!(
        "{custom}#role=senior-architect&panel=Ada|Bo&round=1"
    ))
    .await;
    b.wait_for("[data-score-sheet][data-ready]").await;
    assert_eq!(
        b.js("return document.querySelector('[data-score-sheet]').dataset.plan")
            .await,
        "role"
    );
    // (The draft typed before a name above is this tab's: a new sheet sets it aside, once
    // asked.)
    b.js("window.confirm = function () { return true; }").await;
    b.click("[data-new]").await;
    set_value(&b, "[data-head=candidate]", "Ann").await;
    assert_eq!(
        b.js(&value(notes)).await,
        "ANN\n\nALICE",
        "the role's own sheet"
    );
    b.goto(&format!(
        "{custom}#role=senior-architect&q=production-incident|orm-vs-raw-sql&panel=Ada|Bo&round=1"
    ))
    .await;
    b.wait_for("[data-score-sheet][data-ready]").await;
    set_value(&b, "[data-head=candidate]", "Cy").await;
    let file = b.js("return window.__hirebookScoreFile()").await;
    assert_eq!(file["plan"], "custom");
    assert_eq!(
        file["plan_address"],
        "#role=senior-architect&q=production-incident|orm-vs-raw-sql||"
    );
    b.close().await;
}

/// What a second break round found, each case driven: a merge adds rather than replaces (and
/// keeps the old sheet when a score differs), a rename that cannot be stored removes nothing,
/// a new sheet asks before dropping a draft, a sheet begun here stays begun across rounds, a
/// reload shows the round last shown, drafts of every round go with the name, and a name being
/// typed survives another tab's save.
#[tokio::test(flavor = "current_thread")]
async fn merges_renames_and_drafts_lose_nothing() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let page = file_url(&book.path().join("book/roles/senior-architect/score.html"));
    let notes = "[data-question='production-incident'] [data-t=notes]";
    let score = "d.communication.score";
    b.goto(&page).await;
    b.wait_for("[data-score-sheet]").await;
    b.js("window.confirm = function () { return true; }").await;
    set_value(&b, "[data-head=candidate]", "Ana").await;
    set_value(&b, notes, "ANA NOTE").await;
    b.click("[data-field='d.communication.score'][value='2']")
        .await;

    // Merged: both notes kept; the scores differ, so the sheet begun here stays as well.
    b.click("[data-new]").await;
    set_value(&b, "[data-head=candidate]", "Anaa").await;
    set_value(&b, notes, "TYPED").await;
    b.click("[data-field='d.communication.score'][value='4']")
        .await;
    set_value(&b, "[data-head=candidate]", "Ana").await;
    assert_eq!(
        b.js(&stored("ana", 1, "q.production-incident.notes")).await,
        "ANA NOTE\n\nTYPED"
    );
    assert_eq!(b.js(&stored("ana", 1, score)).await, "2");
    assert_eq!(b.js(&stored("anaa", 1, score)).await, "4");

    // A rename whose new sheet cannot be stored (a full storage) removes nothing.
    b.click("[data-new]").await;
    set_value(&b, "[data-head=candidate]", "Jo").await;
    set_value(&b, notes, "JO").await;
    b.js("window.__set = Storage.prototype.setItem; Storage.prototype.setItem = function (k, v) { if (/\\/joe\\//.test(k)) { throw new DOMException('full', 'QuotaExceededError'); } return window.__set.call(this, k, v); };")
        .await;
    set_value(&b, "[data-head=candidate]", "Joe").await;
    b.js("Storage.prototype.setItem = window.__set;").await;
    assert_eq!(
        b.js(&stored("jo", 1, "q.production-incident.notes")).await,
        "JO"
    );

    // A new sheet asks before dropping what was typed before a name.
    b.click("[data-new]").await;
    set_value(&b, notes, "DRAFT").await;
    b.js("window.confirm = function () { return false; }").await;
    b.click("[data-new]").await;
    assert_eq!(b.js(&value(notes)).await, "DRAFT");
    b.js("window.confirm = function () { return true; }").await;

    // Drafts of two rounds, named in the second: both are saved under the name (and a draft
    // named in a round with nothing typed goes with the name too).
    set_value(&b, "[data-head=round]", "2").await;
    set_value(&b, "[data-question='orm-vs-raw-sql'] [data-t=notes]", "R2").await;
    set_value(&b, "[data-head=round]", "3").await;
    set_value(&b, "[data-head=candidate]", "Cleo").await;
    set_value(&b, "[data-head=round]", "2").await;
    assert_eq!(
        b.js(&stored("cleo", 1, "q.production-incident.notes"))
            .await,
        "DRAFT"
    );
    assert_eq!(
        b.js(&stored("cleo", 2, "q.orm-vs-raw-sql.notes")).await,
        "R2"
    );
    // Begun here in two rounds, shown round 1 then 2 again, renamed: it moves.
    set_value(&b, "[data-head=round]", "1").await;
    set_value(&b, "[data-head=round]", "2").await;
    set_value(&b, "[data-head=candidate]", "Clio").await;
    assert_eq!(
        b.js(&stored("clio", 2, "q.orm-vs-raw-sql.notes")).await,
        "R2"
    );
    assert_eq!(
        b.js(&stored("cleo", 2, "q.orm-vs-raw-sql.notes")).await,
        serde_json::Value::Null
    );
    // A reload shows the round last shown, with its sheet.
    let here = b.js("return location.href").await;
    assert!(here.as_str().unwrap().ends_with("#round=2"), "{here}");
    b.goto("about:blank").await;
    b.goto(here.as_str().unwrap()).await;
    b.wait_for("[data-score-sheet]").await;
    assert_eq!(b.js(&value("[data-head=candidate]")).await, "Clio");
    assert_eq!(
        b.js(&value("[data-question='orm-vs-raw-sql'] [data-t=notes]"))
            .await,
        "R2"
    );

    // Another tab saves this sheet while a new name is being typed here: the name stays.
    b.js("var c = document.querySelector('[data-head=candidate]'); c.focus(); c.value = 'Clio Anne';")
        .await;
    b.js("var k = Object.keys(localStorage).filter(function (k) { return /\\/clio\\/2$/.test(k); })[0]; \
          var s = JSON.parse(localStorage.getItem(k)); s.fields['q.orm-vs-raw-sql.notes'] = 'R2 and more'; \
          window.dispatchEvent(new StorageEvent('storage', { key: k, newValue: JSON.stringify(s) }));")
        .await;
    assert_eq!(b.js(&value("[data-head=candidate]")).await, "Clio Anne");
    assert_eq!(
        b.js(&value("[data-question='orm-vs-raw-sql'] [data-t=notes]"))
            .await,
        "R2 and more"
    );
    b.close().await;
}
