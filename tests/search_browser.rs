//! Search in a real browser: typing, results with highlighted excerpts, keyboard navigation,
//! facets, the shareable search page; over HTTP under a sub-path and from disk.

mod support;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use support::Book;
use support::browser::{self, Browser, file_url};
use support::server;

const ENTER: char = '\u{e007}';
const ESCAPE: char = '\u{e00c}';
const DOWN: char = '\u{e015}';

/// Presses a key wherever focus is (even on the page body).
async fn press(b: &Browser, key: char) {
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    b.client.perform_actions(keys).await.unwrap();
}

async fn type_text(b: &Browser, text: &str) {
    for c in text.chars() {
        press(b, c).await;
    }
}

async fn result_titles(b: &Browser, scope: &str) -> Vec<String> {
    b.texts(&format!("{scope} .sr-title")).await
}

async fn wait_for_results(b: &Browser, scope: &str, first: &str) {
    b.wait_until(&format!(
        "var t = document.querySelector('{scope} .sr-title'); return !!t && t.textContent === {first:?};"
    ))
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn search_as_you_type_under_a_sub_path() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let srv = server::serve(&book.path().join("book"), "/docs/handbook/");
    b.goto(&format!("{}questions/api-design.html", srv.base))
        .await;

    // The box replaces the no-script link; "/" focuses it.
    b.wait_for(".search-form:not([hidden])").await;
    assert!(
        !b.find(".search-fallback")
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    press(&b, '/').await;
    assert_eq!(
        b.js("return document.activeElement.id").await,
        "search-input"
    );

    // Results appear as you type, with the matching word highlighted in the excerpt.
    type_text(&b, "rollback").await;
    let migrations = "How do you run database migrations safely in production?";
    wait_for_results(&b, "#search-popup", migrations).await;
    assert_eq!(
        b.js("return document.querySelector('#search-input').getAttribute('aria-expanded')")
            .await,
        "true"
    );
    let marks = b.texts("#search-popup .sr-item:first-child mark").await;
    assert!(
        marks.iter().any(|m| m.eq_ignore_ascii_case("rollback")),
        "{marks:?}"
    );
    assert_eq!(
        b.text("#search-popup .sr-item:first-child .sr-meta").await,
        "Question · Migrations · Mid-level, Senior"
    );

    // Esc closes; typing again reopens.
    press(&b, ESCAPE).await;
    assert!(!b.find("#search-popup").await.is_displayed().await.unwrap());

    // A typo is forgiven; arrow keys choose a result and Enter opens it.
    b.js("var i = document.getElementById('search-input'); i.value = ''; i.focus();")
        .await;
    type_text(&b, "idempotancy").await;
    wait_for_results(
        &b,
        "#search-popup",
        "How do you handle background jobs and asynchronous work?",
    )
    .await;
    press(&b, DOWN).await;
    assert_eq!(
        b.js(
            "return document.getElementById('search-input').getAttribute('aria-activedescendant')"
        )
        .await,
        b.js("return document.querySelector('#search-popup .sr-item').id")
            .await
    );
    press(&b, ENTER).await;
    b.wait_until(
        "return location.pathname.endsWith('/docs/handbook/questions/background-jobs.html')",
    )
    .await;

    // Facets narrow the results and show counts; the search page keeps query and facets in
    // its URL.
    b.wait_for(".search-form:not([hidden])").await;
    b.js("var i = document.getElementById('search-input'); i.focus();")
        .await;
    type_text(&b, "production").await;
    b.wait_for("#search-popup [data-facet='kind'] input[data-facet-value='question']")
        .await;
    let before = b.find_all("#search-popup .sr-item").await.len();
    b.click("#search-popup [data-facet='kind'] input[data-facet-value='question']")
        .await;
    // `every` holds for no results at all: there must be some.
    b.wait_until("var m = [...document.querySelectorAll('#search-popup .sr-meta')]; return m.length > 0 && m.every(m => m.textContent.startsWith('Question'))").await;
    let after = b.find_all("#search-popup .sr-item").await.len();
    assert!(0 < after && after <= before, "{after} of {before}");
    let count = b
        .text("#search-popup [data-facet='kind'] label:first-of-type .count")
        .await;
    assert!(count.parse::<u32>().unwrap() >= 3, "{count}");
    b.click("#search-popup .search-more a").await;
    b.wait_until("return location.pathname.endsWith('/search.html')")
        .await;
    let url = b.client.current_url().await.unwrap();
    assert_eq!(url.query(), Some("q=production&kind=question"));
    b.wait_for("#search-page .sr-item").await;
    assert!(
        b.find("#search-page input[data-facet-value='question']")
            .await
            .is_selected()
            .await
            .unwrap()
    );

    // A shared link to a search works on its own.
    b.goto(&format!(
        "{}search.html?q=rollback&topic=migrations",
        srv.base
    ))
    .await;
    wait_for_results(&b, "#search-page", migrations).await;
    assert_eq!(result_titles(&b, "#search-page").await, [migrations]);
    assert!(
        b.find("#search-page input[data-facet-value='migrations']")
            .await
            .is_selected()
            .await
            .unwrap()
    );
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn search_works_from_disk_and_points_into_sections() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    b.goto(&file_url(&book.path().join("book/index.html")))
        .await;
    b.wait_for(".search-form:not([hidden])").await;
    b.click("#search-input").await;
    // The shipped handbook's index is small: focusing the box asks for all of it, before a
    // key is pressed.
    let index_files = std::fs::read_dir(book.path().join("book/static"))
        .unwrap()
        .filter(|e| {
            let name = e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .into_owned();
            ["search-t", "search-d", "search-v"]
                .iter()
                .any(|p| name.starts_with(p))
        })
        .count();
    assert!(index_files >= 3);
    b.wait_until(&format!(
        "return document.querySelectorAll('script[src*=\"static/search-t\"], \
           script[src*=\"static/search-d\"], script[src*=\"static/search-v\"]').length \
           === {index_files};"
    ))
    .await;
    // An excerpt cut after a sentence or a comma reads `view. …` and `view…`, never `view.…`
    // or `view,…`.
    let cuts = b
        .js("var cut = window.__hirebookSearchEngine.excerpt;
             return [8, 9, 14, 15, 22, 23, 30].map(function (w) {
               return cut('A view. Then, a mixin: for checks of the app', ['view'], ['view'], w)
                 .map(function (p) { return p.text; }).join('');
             });")
        .await;
    let cuts: Vec<&str> = cuts
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(cuts.iter().all(|c| c.ends_with('…')), "{cuts:?}");
    assert!(
        cuts.iter()
            .all(|c| !c.contains(".…") && !c.contains(",…") && !c.contains(":…")),
        "{cuts:?}"
    );
    assert!(cuts.iter().any(|c| c.ends_with("view. …")), "{cuts:?}");

    // A word deep inside a long guide section is still shown, highlighted, in its excerpt.
    type_text(&b, "rollback").await;
    b.wait_until(
        "return [...document.querySelectorAll('#search-popup .sr-title')]
           .some(t => t.textContent === 'Score on your own, from evidence');",
    )
    .await;
    let marks = b
        .js(
            "var items = [...document.querySelectorAll('#search-popup .sr-item')];
             var item = items.find(i => i.querySelector('.sr-title').textContent
               === 'Score on your own, from evidence');
             return [...item.querySelectorAll('.sr-excerpt mark')].map(m => m.textContent);",
        )
        .await;
    assert_eq!(marks, serde_json::json!(["rollback"]));
    let clear = "var i = document.getElementById('search-input'); i.value = '';
                 i.dispatchEvent(new Event('input'));";
    b.js(clear).await;

    // So is a word that only a question's notes for the interviewer mention.
    type_text(&b, "broker").await;
    wait_for_results(
        &b,
        "#search-popup",
        "How do you handle background jobs and asynchronous work?",
    )
    .await;
    let marks = b
        .js("return [...document.querySelectorAll(
               '#search-popup .sr-item:first-child .sr-excerpt mark')].map(m => m.textContent);")
        .await;
    assert_eq!(marks, serde_json::json!(["broker"]));
    b.js(clear).await;

    type_text(&b, "staff augmentation").await;
    wait_for_results(
        &b,
        "#search-popup",
        "When does staff augmentation make sense?",
    )
    .await;
    assert_eq!(
        b.text("#search-popup .sr-item:first-child .sr-meta").await,
        "Page · FAQ"
    );
    b.click("#search-popup .sr-item:first-child a").await;
    b.wait_until("return location.hash === '#when-does-staff-augmentation-make-sense'")
        .await;
    assert!(
        b.client
            .current_url()
            .await
            .unwrap()
            .as_str()
            .starts_with("file://")
    );
    b.close().await;
}

/// A browser may hold a copy of the manifest (its name never changes) from before the site was
/// published again: the engine must notice the files it names are gone and load it again.
#[tokio::test(flavor = "current_thread")]
async fn a_stale_manifest_is_loaded_again() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::synthetic(600);
    book.build();
    b.goto(&file_url(&book.path().join("book/index.html")))
        .await;
    // An engine that has read the manifest of this build...
    b.js(
        "var d = document.documentElement, api = window.__hirebookSearchEngine;
          window.__engine = new api.Engine(d.getAttribute('data-search-index'),
                                           window.__hirebook.loadScript);
          window.__engine.ready().then(function () { window.__ready = true; });
          return true;",
    )
    .await;
    b.wait_until("return window.__ready === true").await;
    // ...then the site is published again with a new word, so the chunk it falls in changes
    // name and the old file is gone.
    let question = walkdir::WalkDir::new(book.path().join("content/questions"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let text = std::fs::read_to_string(&question).unwrap();
    std::fs::write(&question, format!("{text}\nA zebrafish appears.\n")).unwrap();
    book.build();
    b.js("window.__engine.search('zebrafish').then(
            function (r) { window.__found = r.total; },
            function (e) { window.__found = 'failed: ' + e; });
          return true;")
        .await;
    b.wait_until("return window.__found !== undefined").await;
    assert_eq!(b.js("return window.__found").await, serde_json::json!(1));
    b.close().await;
}
