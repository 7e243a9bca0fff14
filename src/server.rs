//! The preview server: serves the last good build from memory, and tells open pages to reload
//! (or to show the build's problems) over server-sent events.
//!
//! Serving from memory means a request can only ever reach a page of the build: there is no
//! path on disk to escape to, whatever `..`, encoded `%2e%2e` or absolute path it asks for.

use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::output::Site;

/// Where the preview's own endpoints live; no handbook page can be called this.
pub const PREFIX: &str = "/__hirebook/";

/// Added before `</body>` of every page while serving (and never by `build`).
pub const INJECT: &str = "<script src=\"/__hirebook/live.js\"></script>";

const LIVE_JS: &str = include_str!("server/live.js");

/// What open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Live {
    /// A new build is being served: reload.
    Reload,
    /// The last build failed: show these problems (JSON) over the page.
    Problems(String),
}

/// The state shared by the request handlers and the rebuild loop.
pub struct Shared {
    site: RwLock<Arc<Site>>,
    problems: RwLock<Option<String>>,
    events: broadcast::Sender<Live>,
}

impl Shared {
    pub fn new(site: Site) -> Arc<Shared> {
        let (events, _) = broadcast::channel(16);
        Arc::new(Shared {
            site: RwLock::new(Arc::new(site)),
            problems: RwLock::new(None),
            events,
        })
    }

    /// Serves a new build and tells open pages to reload.
    pub fn publish(&self, site: Site) {
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
        *self.problems.write().unwrap_or_else(|e| e.into_inner()) = None;
        let _ = self.events.send(Live::Reload);
    }

    /// Keeps serving the last good build, and shows `problems` (JSON) on every open page,
    /// including pages opened from now on, until a build succeeds.
    pub fn fail(&self, problems: String) {
        *self.problems.write().unwrap_or_else(|e| e.into_inner()) = Some(problems.clone());
        let _ = self.events.send(Live::Problems(problems));
    }

    fn site(&self) -> Arc<Site> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__hirebook/events", get(events))
        .route("/__hirebook/live.js", get(live_js))
        .fallback(page)
        .layer(axum::middleware::from_fn(only_own_names))
        .with_state(shared)
}

/// Answers only requests addressed to this machine by a name that cannot be rebound:
/// `localhost` (and `*.localhost`) or an IP address. A web page on `attacker.example` whose
/// name an attacker points at 127.0.0.1 (DNS rebinding) sends `Host: attacker.example` and is
/// turned away, so it cannot read the preview.
async fn only_own_names(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    // The Host header, and the authority of an absolute request line (`GET http://x/`).
    let host = request
        .uri()
        .authority()
        .map(|a| a.as_str().to_owned())
        .filter(|a| !is_own_name(a))
        .or_else(|| {
            request
                .headers()
                .get_all(header::HOST)
                .iter()
                .map(|h| h.to_str().unwrap_or("?").to_owned())
                .find(|h| !is_own_name(h))
        });
    // HTTP/1.1 requires a Host header (RFC 9112, 3.2); only HTTP/1.0 may leave it out.
    let no_host = request.version() == axum::http::Version::HTTP_11
        && request.uri().authority().is_none()
        && !request.headers().contains_key(header::HOST);
    if no_host {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "an HTTP/1.1 request needs a Host header\n",
        )
            .into_response();
    }
    match host {
        Some(host) => (
            StatusCode::MISDIRECTED_REQUEST,
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            format!(
                "hirebook serve answers only to localhost and IP addresses, not to `{}`\n",
                host.chars().take(100).collect::<String>()
            ),
        )
            .into_response(),
        None => next.run(request).await,
    }
}

/// Whether a `Host` header names this machine in a way DNS cannot redirect.
pub fn is_own_name(host: &str) -> bool {
    // `[::1]:3000`, `[::1]`, `127.0.0.1:3000`, `localhost:3000`
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((v6, port)) if port.is_empty() || port.starts_with(':') => {
                return v6.parse::<std::net::Ipv6Addr>().is_ok();
            }
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            // `localhost:3000@evil.example` is no host at all.
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::Ipv4Addr>().is_ok()
}

async fn live_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_JS,
    )
        .into_response()
}

async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let current = shared
        .problems
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let first = tokio_stream::iter(current.map(|p| Ok(Live::Problems(p))));
    let updates = BroadcastStream::new(shared.events.subscribe()).filter_map(|e| e.ok().map(Ok));
    let stream = first
        .chain(updates)
        .map(|live: Result<Live, std::convert::Infallible>| {
            live.map(|live| match live {
                Live::Reload => Event::default().event("reload").data("reload"),
                Live::Problems(json) => Event::default().event("problems").data(json),
            })
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn page(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD",
        )
            .into_response();
    }
    let site = shared.site();
    let found = site_path(uri.path()).and_then(|path| {
        candidates(&path)
            .into_iter()
            .find_map(|p| site.get(&p).map(|bytes| (p, bytes.clone())))
    });
    match found {
        Some((path, bytes)) => respond(StatusCode::OK, &path, bytes),
        None => match site.get("404.html") {
            Some(bytes) => respond(StatusCode::NOT_FOUND, "404.html", bytes.clone()),
            None => (StatusCode::NOT_FOUND, "not found").into_response(),
        },
    }
}

fn respond(status: StatusCode, path: &str, bytes: Arc<[u8]>) -> Response {
    let mut response = Response::new(Body::from(bytes.to_vec()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(path)),
    );
    // A preview must never show a stale page.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The site path a request path names, or `None` if it tries to leave the site: any `..`
/// or `.` segment, backslashes, NUL, or bad percent-encoding.
pub fn site_path(request: &str) -> Option<String> {
    let decoded = percent_decode(request)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return None,
            s => segments.push(s),
        }
    }
    let mut path = segments.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// `guide/setup` may be asked for as `guide/setup.html` or `guide/setup/index.html`.
fn candidates(path: &str) -> Vec<String> {
    let mut out = vec![path.to_owned()];
    let last = path.rsplit('/').next().unwrap_or(path);
    if !last.contains('.') {
        out.push(format!("{path}.html"));
        out.push(format!("{path}/index.html"));
    }
    out
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    match path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_dns_cannot_rebind_are_answered() {
        for ok in [
            "localhost",
            "localhost:3000",
            "LOCALHOST.",
            "preview.localhost:3000",
            "127.0.0.1:3000",
            "192.168.1.20:3000",
            "[::1]:3000",
            "[::1]",
        ] {
            assert!(is_own_name(ok), "{ok}");
        }
        for bad in [
            "attacker.example",
            "attacker.example:3000",
            "localhost.attacker.example",
            "127.0.0.1.nip.io",
            "[::1]x",
            "[not-an-ip]:3000",
            "localhost:3000@attacker.example",
            "127.0.0.1:x",
            "localhost:3000:evil",
            "",
        ] {
            assert!(!is_own_name(bad), "{bad}");
        }
    }

    #[test]
    fn paths_cannot_leave_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/guide/").as_deref(), Some("guide/index.html"));
        assert_eq!(
            site_path("/questions/orm.html").as_deref(),
            Some("questions/orm.html")
        );
        assert_eq!(
            site_path("//questions//orm.html").as_deref(),
            Some("questions/orm.html")
        );
        assert_eq!(site_path("/a%20b.html").as_deref(), Some("a b.html"));
        for bad in [
            "/../book.toml",
            "/static/../../book.toml",
            "/%2e%2e/book.toml",
            "/%2E%2E%2Fbook.toml",
            "/..%2fbook.toml",
            "/a/./b",
            "/a\\..\\b",
            "/%00",
            "/%zz",
            "/%c3",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn pretty_urls_find_pages() {
        assert_eq!(candidates("faq"), ["faq", "faq.html", "faq/index.html"]);
        assert_eq!(candidates("static/style.css"), ["static/style.css"]);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.svg"), "image/svg+xml");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
