//! The live preview in a real browser: a page reloads itself after a save, shows the build's
//! problems over the page while the handbook is broken, and goes back to normal once fixed.

mod support;

use support::Book;
use support::browser;
use support::serve::Server;

#[tokio::test(flavor = "current_thread")]
async fn pages_reload_and_show_problems_until_fixed() {
    let Some(b) = browser::start().await else {
        return;
    };
    let book = Book::fixture("minimal");
    let server = Server::start(&book, &[]);
    b.goto(&format!("http://{}/questions/orm.html", server.addr))
        .await;
    b.wait_for("h1").await;
    // The page listens for rebuilds: after a save it reloads by itself.
    b.js("window.__marker = 1").await;
    book.edit(
        "content/questions/db/orm.md",
        "Uses the ORM by default",
        "Uses the ORM first",
    );
    b.wait_until("return window.__marker === undefined && document.body.textContent.includes('Uses the ORM first')").await;

    // A broken file: the page keeps its content, with the problem shown over it.
    book.edit(
        "content/questions/db/orm.md",
        "topic: database",
        "tpoic: database",
    );
    b.wait_for("#hirebook-problems").await;
    let overlay = b.text("#hirebook-problems").await;
    assert!(
        overlay.contains("--> content/questions/db/orm.md:3:1"),
        "{overlay}"
    );
    assert!(overlay.contains("unknown field `tpoic`"), "{overlay}");
    assert!(b.text("h1").await.contains("When do you use the ORM"));
    // A page opened while the handbook is broken shows the problems too.
    b.goto(&format!("http://{}/questions/incident.html", server.addr))
        .await;
    b.wait_for("#hirebook-problems").await;

    // Fixed: the page reloads (a page that only hid the overlay would keep its marker),
    // without the overlay.
    b.js("window.__marker = 2").await;
    book.edit(
        "content/questions/db/orm.md",
        "tpoic: database",
        "topic: database",
    );
    b.wait_until("return window.__marker === undefined && !document.getElementById('hirebook-problems') && document.readyState === 'complete'").await;
    b.close().await;
}
