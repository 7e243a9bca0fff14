//! A real browser for tests: Debian's Chromium driven through chromedriver (WebDriver).
//!
//! Locally, tests skip with a printed reason when no browser is installed; in CI (`CI=true`)
//! a missing browser is a failure, so browser tests can never silently stop running.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

fn find(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p));
    }
    candidates.iter().map(PathBuf::from).find(|p| p.is_file())
}

/// Starts a headless browser, or explains why not and returns `None` (outside CI only).
pub async fn start() -> Option<Browser> {
    let chromium = find(
        "HIREBOOK_CHROMIUM",
        &[
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
        ],
    );
    let driver = find("HIREBOOK_CHROMEDRIVER", &["/usr/bin/chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        let reason = "no Chromium/chromedriver (apt-get install chromium chromium-driver)";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("browser tests cannot run in CI: {reason}");
        }
        // Past the test harness's capture, so that `cargo test` shows it.
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "SKIPPED a browser test: {reason}");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let profile = tempfile::tempdir().unwrap();
    // Chromium makes scratch folders in TMPDIR and leaves some behind; keep them in the
    // profile folder, which is removed with the test.
    let driver = Command::new(driver)
        .arg(format!("--port={port}"))
        .env("TMPDIR", profile.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let capabilities = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }
    });
    let capabilities = match capabilities {
        serde_json::Value::Object(map) => map,
        _ => unreachable!(),
    };
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    let client = loop {
        let attempt = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&url)
            .await;
        match attempt {
            Ok(client) => break client,
            Err(e) if Instant::now() > deadline => panic!("could not start the browser: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    };
    Some(Browser {
        client,
        driver,
        _profile: profile,
    })
}

/// A test that ends without `close` (a failed assertion) still stops chromedriver, and the
/// browser it started (found by its profile folder, which no other process names).
impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let profile = format!("--user-data-dir={}", self._profile.path().display());
        let _ = Command::new("pkill")
            .args(["-KILL", "-f", "--", &profile])
            .stderr(Stdio::null())
            .status();
    }
}

impl Browser {
    /// Ends the session (the browser quits); `Drop` then stops chromedriver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("goto {url}: {e}"));
    }

    /// Waits (up to 10 s) for `css` to match an element.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                return el;
            }
            assert!(Instant::now() < deadline, "timed out waiting for `{css}`");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("`{css}`: {e}"))
    }

    pub async fn find_all(&self, css: &str) -> Vec<fantoccini::elements::Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap()
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.find_all(css).await {
            out.push(el.text().await.unwrap());
        }
        out
    }

    /// Clicks what `css` finds. When WebDriver's own scrolling leaves it under something
    /// sticky (a header), it is brought to the middle of the screen, as a reader would scroll
    /// to it, and clicked there.
    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        if let Err(first) = element.click().await {
            if !first.to_string().contains("click intercepted") {
                panic!("click `{css}`: {first}");
            }
            let arg = serde_json::to_value(&element).unwrap();
            self.client
                .execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg])
                .await
                .unwrap_or_else(|e| panic!("scroll to `{css}`: {e}"));
            element
                .click()
                .await
                .unwrap_or_else(|e| panic!("click `{css}`: {e}"));
        }
    }

    /// Runs JavaScript in the page and returns its JSON result.
    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Polls `script` until it returns `true` (up to 10 s).
    pub async fn wait_until(&self, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if self.js(script).await == serde_json::Value::Bool(true) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for: {script}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sends keys to whatever has focus.
    pub async fn keys(&self, keys: &str) {
        let active = self.client.active_element().await.unwrap();
        active.send_keys(keys).await.unwrap();
    }

    /// Prints the page to PDF on paper of `width` × `height` cm.
    pub async fn print_pdf(&self, width: f64, height: f64) -> Vec<u8> {
        use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintSize};
        let config = PrintConfiguration::builder()
            .size(PrintSize { width, height })
            .margins(PrintMargins {
                top: 0.0,
                bottom: 0.0,
                left: 0.0,
                right: 0.0,
            })
            .shrink_to_fit(false)
            .build()
            .unwrap();
        let pdf = self.client.print(config).await.unwrap();
        // HIREBOOK_KEEP_PDF=DIR keeps every printed PDF, to look at the pages.
        if let Some(dir) = std::env::var_os("HIREBOOK_KEEP_PDF") {
            let n = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
            let _ = std::fs::write(Path::new(&dir).join(format!("print-{n}.pdf")), &pdf);
        }
        pdf
    }
}

/// The text of each page of a PDF (via poppler's `pdftotext`).
pub fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (apt-get install poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// `file://` URL of a built page.
pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}
