//! Not a test: takes screenshots of the pages people look at, to review changes by eye.
//!
//!     HIREBOOK_SCREENSHOTS=/tmp/shots cargo test --test screenshots -- --ignored

mod support;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use support::Book;
use support::browser::{self, file_url};

#[tokio::test(flavor = "current_thread")]
#[ignore = "writes screenshots for people to look at"]
async fn screenshots() {
    let Some(dir) = std::env::var_os("HIREBOOK_SCREENSHOTS") else {
        support::skip("screenshots", "set HIREBOOK_SCREENSHOTS to a folder");
        return;
    };
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::shipped();
    book.build();
    let site = book.path().join("book");
    let save = |name: &str, png: Vec<u8>| {
        std::fs::write(std::path::Path::new(&dir).join(name), png).unwrap()
    };

    b.goto(&file_url(&site.join("questions/api-design.html")))
        .await;
    b.click("#search-input").await;
    let mut keys = KeyActions::new("keyboard".into());
    for c in "rollback".chars() {
        keys = keys
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    b.client.perform_actions(keys).await.unwrap();
    b.wait_for("#search-popup .sr-item").await;
    save("search-popup.png", b.client.screenshot().await.unwrap());

    b.goto(&format!(
        "{}#role=senior-architect",
        file_url(&site.join("roles/index.html"))
    ))
    .await;
    b.wait_for("#planner:not([hidden])").await;
    save("planner.png", b.client.screenshot().await.unwrap());

    b.client.set_window_size(390, 844).await.unwrap();
    b.goto(&file_url(&site.join("questions/orm-vs-raw-sql.html")))
        .await;
    b.click(".nav-toggle").await;
    save("phone-nav.png", b.client.screenshot().await.unwrap());
    b.close().await;
}
