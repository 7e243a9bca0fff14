//! Rendering a handbook: one job per page, rendered in parallel through the theme's templates,
//! each page handed to a `Sink` as soon as it is ready (so memory does not grow with the site).

mod planner;
pub mod theme;
pub mod views;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Context;

use crate::diag::Diagnostic;
use crate::error::IoError;
use crate::model::{Checklist, Handbook, Page, Question, Role, Scorecard, SourceRef, Topic};
use theme::Theme;
use views::Html;

/// Where rendered files go: a staging folder on disk, or memory when serving.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), IoError>;
    /// Like `write`, for bytes the caller keeps too (a sink in memory can share them).
    fn write_shared(&self, path: &str, bytes: Arc<[u8]>) -> Result<(), IoError> {
        self.write(path, &bytes)
    }
    /// Copies a file from the handbook unchanged (images, PDFs).
    fn copy(&self, from: &Path, path: &str) -> Result<(), IoError>;
}

/// Keeps nothing: `check` renders to find template errors without writing a file.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _path: &str, _bytes: &[u8]) -> Result<(), IoError> {
        Ok(())
    }

    fn copy(&self, _from: &Path, _path: &str) -> Result<(), IoError> {
        Ok(())
    }
}

/// What differs between `build` and `serve`, and data gathered outside the model.
#[derive(Debug, Default, Clone)]
pub struct RenderOptions {
    /// Source path (`content/questions/orm.md`) → date of the last commit that touched it.
    pub last_updated: HashMap<String, String>,
    /// HTML added before `</body>` of every page (the live-reload client when serving).
    pub inject: Option<String>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rendered {
    pub files: usize,
    pub bytes: u64,
}

#[derive(Debug)]
pub enum RenderError {
    /// Theme template problems: the handbook's theme needs fixing.
    Templates(Vec<Diagnostic>),
    Io(IoError),
}

impl From<IoError> for RenderError {
    fn from(e: IoError) -> Self {
        RenderError::Io(e)
    }
}

/// One page to render.
#[derive(Clone, Copy)]
enum Job<'a> {
    Home,
    Page(&'a Page),
    Questions,
    Question(&'a Question),
    Topic(&'a Topic),
    Scorecard(&'a Scorecard),
    Checklist(&'a Checklist),
    Role(&'a Role),
    Roles,
    Packet(&'a Role),
    CustomPacket,
    Print,
    Search,
    NotFound,
}

impl Job<'_> {
    fn output(&self) -> String {
        match self {
            Job::Home => "index.html".into(),
            Job::Page(p) => p.output.clone(),
            Job::Questions => "questions/index.html".into(),
            Job::Question(q) => q.output(),
            Job::Topic(t) => t.output(),
            Job::Scorecard(s) => s.output(),
            Job::Checklist(c) => c.output(),
            Job::Role(r) => r.output(),
            Job::Roles => "roles/index.html".into(),
            Job::Packet(r) => r.packet_output(),
            Job::CustomPacket => "roles/packet.html".into(),
            Job::Print => "print.html".into(),
            Job::Search => "search.html".into(),
            Job::NotFound => "404.html".into(),
        }
    }

    fn template(&self) -> &'static str {
        match self {
            Job::Home => "index.html",
            Job::Page(_) => "page.html",
            Job::Questions => "questions.html",
            Job::Question(_) => "question.html",
            Job::Topic(_) => "topic.html",
            Job::Scorecard(_) => "scorecard.html",
            Job::Checklist(_) => "checklist.html",
            Job::Role(_) => "role.html",
            Job::Roles => "roles.html",
            Job::Packet(_) | Job::CustomPacket => "packet.html",
            Job::Print => "print.html",
            Job::Search => "search.html",
            Job::NotFound => "404.html",
        }
    }

    fn source(&self) -> Option<&SourceRef> {
        match self {
            Job::Page(p) => Some(&p.source),
            Job::Question(q) => Some(&q.source),
            Job::Scorecard(s) => Some(&s.source),
            Job::Checklist(c) => Some(&c.source),
            Job::Role(r) => Some(&r.source),
            _ => None,
        }
    }
}

/// The path from a page at `output` back to the site root: `""`, `"../"`, ...
pub fn root_of(output: &str) -> String {
    "../".repeat(output.matches('/').count())
}

struct Renderer<'a> {
    handbook: &'a Handbook,
    theme: &'a Theme,
    options: &'a RenderOptions,
    site: tera::Value,
    /// The planner's data script, for the planning page and the custom packet page.
    planner_data: String,
    /// What every page depends on besides its own data: the theme, the site view, options.
    base_key: u64,
    previous: Option<&'a PageCache>,
}

/// Pages rendered by an earlier build, with the hash of what they were rendered from. A long
/// running session (`serve`) passes it back in, so an edit re-renders only the pages that show
/// what changed.
/// Output path → (hash of what the page was rendered from, its bytes).
type PageCache = HashMap<String, (u64, Arc<[u8]>)>;

#[derive(Default)]
pub struct RenderCache {
    pages: PageCache,
    search: crate::search::SearchCache,
    planner: planner::PlannerCache,
}

/// Renders every page and static file of `handbook` into `sink`.
pub fn render(
    handbook: &Handbook,
    theme: &Theme,
    options: &RenderOptions,
    sink: &dyn Sink,
) -> Result<Rendered, RenderError> {
    render_cached(handbook, theme, options, sink, &mut RenderCache::default())
}

/// `render`, reusing pages from `cache` whose inputs did not change, and updating it.
pub fn render_cached(
    handbook: &Handbook,
    theme: &Theme,
    options: &RenderOptions,
    sink: &dyn Sink,
    cache: &mut RenderCache,
) -> Result<Rendered, RenderError> {
    let mut written = Rendered::default();
    let mut assets = HashMap::new();
    for (name, bytes) in &theme.statics {
        let output = fingerprinted(name, bytes);
        sink.write(&output, bytes)?;
        written.files += 1;
        written.bytes += bytes.len() as u64;
        assets.insert(name.as_str(), output);
    }
    let asset = |name: &str| assets.get(name).cloned().unwrap_or_default();
    let (planner_data, planner_written) =
        planner::write(handbook, theme, sink, &mut cache.planner)?;
    written.files += planner_written.files;
    written.bytes += planner_written.bytes;
    let (search_index, search_written) = crate::search::write(handbook, sink, &mut cache.search)?;
    written.files += search_written.files;
    written.bytes += search_written.bytes;
    let site = views::site(
        handbook,
        views::AssetsView {
            css: asset("style.css"),
            js: asset("hirebook.js"),
            search_js: asset("search.js"),
            planner_js: asset("planner.js"),
            search_index,
        },
    );

    let mut base = KeyHasher::default();
    base.feed(&theme.key.to_le_bytes());
    let _ = serde_json::to_writer(&mut base, &site);
    base.feed(options.inject.as_deref().unwrap_or("").as_bytes());
    let previous = std::mem::take(&mut cache.pages);
    let renderer = Renderer {
        handbook,
        theme,
        options,
        site: tera::Value::from_serializable(&site),
        planner_data,
        base_key: base.finish(),
        previous: Some(&previous),
    };

    let jobs = jobs(handbook);
    let results: Vec<Result<RenderedPage, RenderError>> = jobs
        .par_iter()
        .map(|job| {
            let (output, key, html) = renderer
                .render(job)
                .map_err(|d| RenderError::Templates(vec![d]))?;
            sink.write_shared(&output, html.clone())?;
            Ok((output, key, html))
        })
        .collect();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok((output, key, html)) => {
                written.files += 1;
                written.bytes += html.len() as u64;
                cache.pages.insert(output, (key, html));
            }
            Err(RenderError::Templates(d)) => problems.extend(d),
            Err(io) => return Err(io),
        }
    }
    if !problems.is_empty() {
        crate::diag::sort(&mut problems);
        return Err(RenderError::Templates(problems));
    }

    for asset in &handbook.assets {
        sink.copy(&asset.disk_path, &asset.content_path)?;
        written.files += 1;
    }
    Ok(written)
}

fn jobs(handbook: &Handbook) -> Vec<Job<'_>> {
    let mut jobs = vec![
        Job::Home,
        Job::Questions,
        Job::Roles,
        Job::CustomPacket,
        Job::Print,
        Job::Search,
        Job::NotFound,
    ];
    jobs.extend(
        handbook
            .pages
            .iter()
            .filter(|p| p.output != "index.html")
            .map(Job::Page),
    );
    jobs.extend(handbook.questions.iter().map(Job::Question));
    jobs.extend(handbook.topics.iter().map(Job::Topic));
    jobs.extend(handbook.scorecards.iter().map(Job::Scorecard));
    jobs.extend(handbook.checklists.iter().map(Job::Checklist));
    jobs.extend(handbook.roles.iter().map(Job::Role));
    jobs.extend(handbook.roles.iter().map(Job::Packet));
    jobs
}

/// A rendered page: its output path, the hash of what it was rendered from, its bytes.
type RenderedPage = (String, u64, Arc<[u8]>);

/// Everything a page's template sees besides `site`, in one value: its hash decides whether
/// a page must be rendered again (see `RenderCache`).
#[derive(serde::Serialize)]
struct PageData<'a> {
    root: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    edit_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_updated: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<AnyPage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<Vec<views::RoleView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    topics: Option<Vec<views::TopicView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    planner_data: Option<&'a str>,
}

#[derive(serde::Serialize)]
#[serde(untagged)]
enum AnyPage {
    Home(HomeView),
    Page(views::PageView),
    Question(Box<views::QuestionView>),
    Topic(views::TopicView),
    Scorecard(views::ScorecardView),
    Checklist(views::ChecklistView),
    Role(views::RoleView),
    Packet(Box<views::PacketView>),
    CustomPacket(CustomPacketView),
    Print(views::PrintView),
}

impl Renderer<'_> {
    fn data<'a>(&'a self, job: &Job, root: &'a str, output: &'a str) -> PageData<'a> {
        let html = Html { root };
        let h = self.handbook;
        let source = job.source();
        let mut data = PageData {
            root,
            path: output,
            edit_url: source.and_then(|s| {
                h.config
                    .html
                    .edit_url_template
                    .as_ref()
                    .map(|t| t.replace("{path}", &s.path))
            }),
            last_updated: source
                .and_then(|s| self.options.last_updated.get(&s.path).map(String::as_str)),
            page: None,
            roles: None,
            topics: None,
            planner_data: None,
        };
        match job {
            Job::Home => {
                let body = h.home().map(|p| p.body.html.resolve(root));
                data.page = Some(AnyPage::Home(HomeView { body }));
                data.roles = Some(self.roles(&html));
            }
            Job::Page(p) => data.page = Some(AnyPage::Page(views::page(p, &html))),
            Job::Question(q) => {
                data.page = Some(AnyPage::Question(Box::new(views::question(h, q, &html))))
            }
            Job::Questions => data.topics = Some(self.topics(&html)),
            Job::Print => data.page = Some(AnyPage::Print(views::print(h, &html))),
            Job::Topic(t) => data.page = Some(AnyPage::Topic(views::topic(h, t, &html))),
            Job::Scorecard(s) => {
                data.page = Some(AnyPage::Scorecard(views::scorecard(h, s, &html)))
            }
            Job::Checklist(c) => {
                data.page = Some(AnyPage::Checklist(views::checklist(h, c, &html)))
            }
            Job::Role(r) => data.page = Some(AnyPage::Role(views::role(h, r, &html))),
            Job::Roles => {
                data.roles = Some(self.roles(&html));
                data.planner_data = Some(&self.planner_data);
            }
            Job::Packet(r) => {
                data.page = Some(AnyPage::Packet(Box::new(views::packet(h, r, &html))))
            }
            Job::CustomPacket => {
                data.page = Some(AnyPage::CustomPacket(CustomPacketView { custom: true }));
                data.planner_data = Some(&self.planner_data);
            }
            Job::Search | Job::NotFound => {}
        }
        data
    }

    /// Renders one page, or reuses the previous rendering when nothing it shows changed.
    fn render(&self, job: &Job) -> Result<RenderedPage, Diagnostic> {
        let output = job.output();
        // The 404 page is served from any depth, so its links start from the site's path.
        let root = match job {
            Job::NotFound => self.handbook.config.html.site_url.clone(),
            _ => root_of(&output),
        };
        let data = self.data(job, &root, &output);
        let mut hasher = KeyHasher::default();
        hasher.feed(&self.base_key.to_le_bytes());
        hasher.feed(job.template().as_bytes());
        let _ = serde_json::to_writer(&mut hasher, &data);
        let key = hasher.finish();
        if let Some((cached, bytes)) = self.previous.and_then(|c| c.get(&output))
            && *cached == key
        {
            return Ok((output, key, bytes.clone()));
        }
        let mut cx = Context::from_serialize(&data).map_err(|e| self.theme.render_error(&e))?;
        cx.insert_value("site", self.site.clone());
        let mut page = self
            .theme
            .tera
            .render(job.template(), &cx)
            .map_err(|e| self.theme.render_error(&e))?;
        if let Some(inject) = &self.options.inject
            && let Some(at) = page.rfind("</body>")
        {
            page.insert_str(at, inject);
        }
        Ok((output, key, Arc::from(page.into_bytes())))
    }

    fn roles(&self, html: &Html) -> Vec<views::RoleView> {
        self.handbook
            .roles
            .iter()
            .map(|r| views::role(self.handbook, r, html))
            .collect()
    }

    fn topics(&self, html: &Html) -> Vec<views::TopicView> {
        self.handbook
            .topics
            .iter()
            .map(|t| views::topic(self.handbook, t, html))
            .collect()
    }
}

#[derive(serde::Serialize)]
struct HomeView {
    body: Option<String>,
}

/// The frame of the custom packet page; the planner script fills in the selection.
#[derive(serde::Serialize)]
struct CustomPacketView {
    custom: bool,
}

/// `style.css` → `static/style-1a2b3c4d5e.css`: a name that changes with the content, so
/// browsers and CDNs may cache it forever.
pub fn fingerprinted(name: &str, bytes: &[u8]) -> String {
    let hash = format!("{:016x}", fnv1a(bytes));
    match name.rsplit_once('.') {
        Some((stem, ext)) if matches!(ext, "css" | "js") => {
            format!("static/{stem}-{}.{ext}", &hash[..10])
        }
        _ => format!("static/{name}"),
    }
}

/// Hashes what a cached result was made from, to tell whether it must be made again. Fast on
/// large inputs; only compared within one process, so fixed seeds are all it needs.
pub struct KeyHasher(ahash::AHasher);

impl Default for KeyHasher {
    fn default() -> Self {
        use std::hash::BuildHasher;
        KeyHasher(ahash::RandomState::with_seeds(0x68, 0x69, 0x72, 0x65).build_hasher())
    }
}

impl KeyHasher {
    pub fn feed(&mut self, bytes: &[u8]) {
        std::hash::Hasher::write(&mut self.0, bytes);
    }

    pub fn finish(&self) -> u64 {
        std::hash::Hasher::finish(&self.0)
    }
}

impl std::io::Write for KeyHasher {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.feed(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// An FNV-1a hasher that serde can write into, to hash a value without building its text.
#[derive(Clone, Copy)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn feed(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl std::io::Write for Fnv {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.feed(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// FNV-1a: tiny, fast and stable across Rust versions (unlike `DefaultHasher`), which matters
/// because the hash ends up in published file names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = Fnv::default();
    hash.feed(bytes);
    hash.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("questions/orm.html"), "../");
        assert_eq!(root_of("roles/senior/packet.html"), "../../");
    }

    #[test]
    fn fingerprints_change_with_content() {
        let a = fingerprinted("style.css", b"a");
        let b = fingerprinted("style.css", b"b");
        assert_ne!(a, b);
        assert!(a.starts_with("static/style-") && a.ends_with(".css"), "{a}");
        assert_eq!(fingerprinted("logo.svg", b"x"), "static/logo.svg");
    }
}
