//! Rendering a handbook: one job per page, rendered in parallel through the theme's templates,
//! each page handed to a `Sink` as soon as it is ready (so memory does not grow with the site).

pub mod planner;
pub mod print;
pub mod review;
pub mod score;
pub mod strings;
pub mod theme;
pub mod views;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use tera::Context;

use crate::diag::Diagnostic;
use crate::error::IoError;
use crate::hash::KeyHasher;
use crate::model::{Checklist, Handbook, Page, Question, Role, Scorecard, SourceRef, Topic};
use crate::output::{Rendered, Sink, fingerprinted};
use theme::Theme;
use views::Html;

/// What differs between `build` and `serve`, and data gathered outside the model.
#[derive(Debug, Default, Clone)]
pub struct RenderOptions {
    /// Source path (`content/questions/orm.md`) → date of the last commit that touched it.
    pub last_updated: HashMap<String, String>,
    /// HTML added before `</body>` of every page (the live-reload client when serving).
    pub inject: Option<String>,
    /// The handbook's version, printed on packets and print views so that notes and scores
    /// tie to the wording asked: `[book] version`, else the git commit and its date.
    pub version: Option<String>,
    /// Whose edition this is: the candidates' has no planner, packets, print views or
    /// review page, and its templates say so.
    pub audience: crate::config::Audience,
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
    /// A page of a topic's question list, from 1.
    Topic(&'a Topic, usize),
    Scorecard(&'a Scorecard),
    Checklist(&'a Checklist),
    Role(&'a Role),
    Roles,
    Packet(&'a Role),
    /// One round's packet (its number, from 1).
    RoundPacket(&'a Role, usize),
    CustomPacket,
    /// The scoring page of a plan built in the planner (`model::CUSTOM_SCORE_PAGE`).
    CustomScore,
    /// The whole handbook, or the contents of its print parts.
    Print,
    PrintPart(print::Part<'a>),
    Search,
    NotFound,
    /// The questions by review date (`review::OUTPUT`).
    Review,
    /// A role's scoring page.
    Score(&'a Role),
    /// Score files side by side (`model::DEBRIEF_PAGE`).
    Debrief,
}

impl Job<'_> {
    fn output(&self) -> String {
        match self {
            Job::Home => "index.html".into(),
            Job::Page(p) => p.output.clone(),
            Job::Questions => "questions/index.html".into(),
            Job::Question(q) => q.output(),
            Job::Topic(t, n) => t.page_output(*n),
            Job::Scorecard(s) => s.output(),
            Job::Checklist(c) => c.output(),
            Job::Role(r) => r.output(),
            Job::Roles => "roles/index.html".into(),
            Job::Packet(r) => r.packet_output(),
            Job::RoundPacket(r, n) => r.round_packet_output(*n),
            Job::CustomPacket => "roles/packet.html".into(),
            Job::CustomScore => crate::model::CUSTOM_SCORE_PAGE.into(),
            Job::Print => "print.html".into(),
            Job::PrintPart(part) => part.output(),
            Job::Search => "search.html".into(),
            Job::NotFound => "404.html".into(),
            Job::Review => review::OUTPUT.into(),
            Job::Score(r) => r.score_output(),
            Job::Debrief => crate::model::DEBRIEF_PAGE.into(),
        }
    }

    fn template(&self) -> &'static str {
        match self {
            Job::Home => "index.html",
            Job::Page(_) => "page.html",
            Job::Questions => "questions.html",
            Job::Question(_) => "question.html",
            Job::Topic(..) => "topic.html",
            Job::Scorecard(_) => "scorecard.html",
            Job::Checklist(_) => "checklist.html",
            Job::Role(_) => "role.html",
            Job::Roles => "roles.html",
            Job::Packet(_) | Job::RoundPacket(..) | Job::CustomPacket => "packet.html",
            Job::Print | Job::PrintPart(_) => "print.html",
            Job::Search => "search.html",
            Job::NotFound => "404.html",
            Job::Review => "review.html",
            Job::Score(_) | Job::CustomScore => "score.html",
            Job::Debrief => "debrief.html",
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

/// Questions per topic on the list of all questions, when there are too many to show all.
const QUESTIONS_PREVIEW: usize = 10;

/// The path from a page at `output` back to the site root: `""`, `"../"`, ...
pub fn root_of(output: &str) -> String {
    "../".repeat(output.matches('/').count())
}

struct Renderer<'a> {
    handbook: &'a Handbook,
    theme: &'a Theme,
    options: &'a RenderOptions,
    site: tera::Value,
    /// The whole guide, for the sidebar of a guide too long to show whole on every page.
    guide: views::GuideNav,
    /// The planner's data script, for the planning page and the custom packet page.
    planner_data: OnceLock<String>,
    print_parts: Vec<print::Part<'a>>,
    /// What every page depends on besides its own data: the theme, the site view, options.
    base_key: u64,
    /// The pages of the previous build, when the caller keeps them (and so wants keys).
    previous: Option<&'a PageCache>,
}

/// Pages rendered by an earlier build, with the hash of what they were rendered from. A long
/// running session (`serve`) passes it back in, so an edit re-renders only the pages that show
/// what changed.
/// Output path → (hash of what the page was rendered from, its bytes).
type PageCache = HashMap<String, (u64, Arc<[u8]>)>;

/// What a long-running session keeps between builds. A one-shot build has none: it neither
/// hashes nor keeps its pages.
#[derive(Default)]
pub struct RenderCache {
    pages: PageCache,
    planner: planner::PlannerCache,
    search: crate::search::TermCache,
}

/// Renders every page and static file of `handbook` into `sink`.
pub fn render(
    handbook: &Handbook,
    theme: &Theme,
    options: &RenderOptions,
    sink: &dyn Sink,
) -> Result<Rendered, RenderError> {
    render_with(handbook, theme, options, sink, None)
}

/// `render`, reusing pages from `cache` whose inputs did not change, and updating it.
pub fn render_cached(
    handbook: &Handbook,
    theme: &Theme,
    options: &RenderOptions,
    sink: &dyn Sink,
    cache: &mut RenderCache,
) -> Result<Rendered, RenderError> {
    render_with(handbook, theme, options, sink, Some(cache))
}

fn render_with(
    handbook: &Handbook,
    theme: &Theme,
    options: &RenderOptions,
    sink: &dyn Sink,
    keep: Option<&mut RenderCache>,
) -> Result<Rendered, RenderError> {
    use crate::timings::phase;
    let keeping = keep.is_some();
    let mut scratch = RenderCache::default();
    let cache = keep.unwrap_or(&mut scratch);
    let mut written = Rendered::default();
    let mut assets = HashMap::new();
    let candidates = options.audience == crate::config::Audience::Candidates;
    if candidates {
        sink.write(EDITION_FILE, b"candidates\n")?;
        written.files += 1;
    }
    // These scripts serve pages the candidates' edition does not have.
    let leave_out =
        |name: &str| candidates && matches!(name, "planner.js" | "score.js" | "debrief.js");
    // Its words are those the scripts it has use.
    let candidates_strings = candidates.then(|| {
        let scripts: Vec<&str> = theme
            .statics
            .iter()
            .filter(|(name, _)| name.ends_with(".js") && !leave_out(name))
            .filter(|(name, _)| name != theme::STRINGS_SCRIPT)
            .filter_map(|(_, bytes)| std::str::from_utf8(bytes).ok())
            .collect();
        theme.strings.script_for(&scripts)
    });
    for (name, bytes) in &theme.statics {
        if leave_out(name) {
            continue;
        }
        let bytes = match &candidates_strings {
            Some(text) if name == theme::STRINGS_SCRIPT => text.as_bytes(),
            _ => bytes.as_slice(),
        };
        let output = fingerprinted(name, bytes);
        sink.write(&output, bytes)?;
        written.files += 1;
        written.bytes += bytes.len() as u64;
        assets.insert(name.as_str(), output);
    }
    let asset = |name: &str| assets.get(name).cloned().unwrap_or_default();
    let guide = views::guide_nav(handbook);
    let site = views::site(
        handbook,
        &guide,
        views::AssetsView {
            css: asset("style.css"),
            js: asset("hirebook.js"),
            search_js: asset("search.js"),
            planner_js: asset("planner.js"),
            score_js: asset("score.js"),
            debrief_js: asset("debrief.js"),
            strings_js: asset(theme::STRINGS_SCRIPT),
            search_index: crate::search::MANIFEST.to_owned(),
        },
        &theme.strings,
        options.version.clone(),
        options.audience,
    );

    let mut base = KeyHasher::default();
    if keeping {
        base.feed(&theme.key.to_le_bytes());
        let _ = serde_json::to_writer(&mut base, &site);
        base.feed(options.inject.as_deref().unwrap_or("").as_bytes());
    }
    let previous = std::mem::take(&mut cache.pages);
    let renderer = Renderer {
        handbook,
        theme,
        options,
        site: tera::Value::from_serializable(&site),
        guide,
        planner_data: OnceLock::new(),
        print_parts: print::parts(handbook),
        base_key: base.finish(),
        previous: keeping.then_some(&previous),
    };

    // The pages, the search index and the planner's data do not depend on each other (but
    // for the two planning pages, which wait for the planner's data): made at the same time,
    // the one-thread steps of each fill gaps in the others' work.
    let all = if candidates {
        candidates_jobs(handbook)
    } else {
        jobs(handbook, &renderer.print_parts)
    };
    let (planning, jobs): (Vec<Job>, Vec<Job>) = all
        .into_iter()
        .partition(|job| matches!(job, Job::Roles | Job::CustomPacket | Job::CustomScore));
    let planner_cache = keeping.then_some(&mut cache.planner);
    let search_cache = keeping.then_some(&mut cache.search);
    let ((search_written, planner), mut results) = rayon::join(
        || {
            rayon::join(
                || {
                    phase("search index", || {
                        crate::search::write(handbook, sink, search_cache)
                    })
                },
                || {
                    if candidates {
                        return Ok((String::new(), Rendered::default()));
                    }
                    phase("planner data", || {
                        planner::write(handbook, theme, sink, planner_cache)
                    })
                },
            )
        },
        || phase("pages", || render_pages(&renderer, &jobs, sink, keeping)),
    );
    let (planner_data, planner_written) = planner?;
    written.files += planner_written.files;
    written.bytes += planner_written.bytes;
    let _ = renderer.planner_data.set(planner_data);
    results.extend(render_pages(&renderer, &planning, sink, keeping));
    let search_written = search_written?;
    written.files += search_written.files;
    written.bytes += search_written.bytes;
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok((output, key, len, html)) => {
                written.files += 1;
                written.bytes += len as u64;
                if let Some(html) = html {
                    cache.pages.insert(output, (key, html));
                }
            }
            Err(RenderError::Templates(d)) => problems.extend(d),
            Err(io) => return Err(io),
        }
    }
    if !problems.is_empty() {
        crate::diag::sort(&mut problems);
        return Err(RenderError::Templates(problems));
    }

    if let Some(site) = &handbook.config.html.site_origin {
        let map = sitemap(site, planning.iter().chain(&jobs));
        sink.write(SITEMAP, map.as_bytes())?;
        written.files += 1;
        written.bytes += map.len() as u64;
    }

    for asset in &handbook.assets {
        sink.copy(&asset.disk_path, &asset.content_path)?;
        written.files += 1;
    }
    Ok(written)
}

/// The full address of the page at `output`: `roles/index.html` is published as `roles/`.
fn address(site: &str, output: &str) -> String {
    let path = match output.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => output,
    };
    format!("{site}{path}")
}

/// Written into every candidates' build: a build dir holding it is never replaced by the
/// interviewers' edition (see `pipeline`).
pub const EDITION_FILE: &str = ".hirebook-edition";

/// Whether the build in `dir` is a candidates' edition.
pub fn holds_candidates_edition(dir: &std::path::Path) -> bool {
    std::fs::read_to_string(dir.join(EDITION_FILE)).is_ok_and(|t| t.trim() == "candidates")
}

/// Written when `site-url` is a full URL, for search engines.
pub const SITEMAP: &str = "sitemap.xml";

/// The sitemap of the pages a reader may land on: every page but the 404 page, the search
/// page, the custom packet and scoring pages (which show nothing without a plan in their
/// address) and the scoring and debrief pages (forms, with nothing to find).
fn sitemap<'a>(site: &str, jobs: impl Iterator<Item = &'a Job<'a>>) -> String {
    let mut urls: Vec<String> = jobs
        .filter(|job| {
            !matches!(
                job,
                Job::NotFound
                    | Job::Search
                    | Job::CustomPacket
                    | Job::CustomScore
                    | Job::Debrief
                    | Job::Score(_)
            )
        })
        // Paths are slugs and the site's address was checked, so nothing needs escaping but
        // `&`, which neither can hold; escaped anyway.
        .map(|job| address(site, &job.output()).replace('&', "&amp;"))
        .collect();
    urls.sort_unstable();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        out.push_str(&format!("  <url><loc>{url}</loc></url>\n"));
    }
    out.push_str("</urlset>\n");
    out
}

/// A page written: its output path, cache key and length, and its bytes if they are kept.
type PageResult = Result<(String, u64, usize, Option<Arc<[u8]>>), RenderError>;

/// Renders and writes every page, in parallel; only a session keeps the bytes.
fn render_pages(
    renderer: &Renderer,
    jobs: &[Job],
    sink: &dyn Sink,
    keeping: bool,
) -> Vec<PageResult> {
    jobs.par_iter()
        .filter(|_| !sink.full())
        .map(|job| {
            let (output, key, html) = renderer
                .render(job)
                .map_err(|d| RenderError::Templates(vec![d]))?;
            let len = html.as_bytes().len();
            if keeping {
                let html = html.into_shared();
                sink.write_shared(&output, html.clone())?;
                Ok((output, key, len, Some(html)))
            } else {
                sink.write(&output, html.as_bytes())?;
                Ok((output, key, len, None))
            }
        })
        .collect()
}

fn jobs<'a>(handbook: &'a Handbook, print_parts: &[print::Part<'a>]) -> Vec<Job<'a>> {
    let mut jobs = vec![
        Job::Home,
        Job::Questions,
        Job::Roles,
        Job::CustomPacket,
        Job::CustomScore,
        Job::Print,
        Job::Search,
        Job::NotFound,
        Job::Debrief,
    ];
    content_jobs(handbook, &mut jobs);
    jobs.extend(handbook.roles.iter().map(Job::Score));
    jobs.extend(handbook.roles.iter().map(Job::Packet));
    jobs.extend(
        handbook
            .roles
            .iter()
            .flat_map(|r| (1..=r.round_packets()).map(move |n| Job::RoundPacket(r, n))),
    );
    jobs.extend(print_parts.iter().copied().map(Job::PrintPart));
    if review::made(handbook) {
        jobs.push(Job::Review);
    }
    jobs
}

/// The candidates' edition: the home page, prose pages, each role's process, what each
/// scorecard assesses, the sample questions and their topics, search. No planner, packets,
/// print views or review page.
fn candidates_jobs(handbook: &Handbook) -> Vec<Job<'_>> {
    let mut jobs = vec![Job::Home, Job::Search, Job::NotFound];
    if !handbook.questions.is_empty() {
        jobs.push(Job::Questions);
    }
    content_jobs(handbook, &mut jobs);
    jobs
}

/// A page per content item, in both editions: prose pages (the home page is its own job),
/// questions, topics' lists, scorecards, checklists and roles.
fn content_jobs<'a>(handbook: &'a Handbook, jobs: &mut Vec<Job<'a>>) {
    jobs.extend(
        handbook
            .pages
            .iter()
            .filter(|p| p.output != "index.html")
            .map(Job::Page),
    );
    jobs.extend(handbook.questions.iter().map(Job::Question));
    jobs.extend(
        handbook
            .topics
            .iter()
            .flat_map(|t| (1..=t.page_count()).map(move |n| Job::Topic(t, n))),
    );
    jobs.extend(handbook.scorecards.iter().map(Job::Scorecard));
    jobs.extend(handbook.checklists.iter().map(Job::Checklist));
    jobs.extend(handbook.roles.iter().map(Job::Role));
}

/// A rendered page: its output path, the hash of what it was rendered from, its bytes.
type RenderedPage = (String, u64, PageBytes);

/// A page's bytes: just rendered, or those of the previous build, shared with its cache.
enum PageBytes {
    Fresh(String),
    Shared(Arc<[u8]>),
}

impl PageBytes {
    fn as_bytes(&self) -> &[u8] {
        match self {
            PageBytes::Fresh(s) => s.as_bytes(),
            PageBytes::Shared(b) => b,
        }
    }

    fn into_shared(self) -> Arc<[u8]> {
        match self {
            PageBytes::Fresh(s) => Arc::from(s.into_bytes()),
            PageBytes::Shared(b) => b,
        }
    }
}

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
    /// The sidebar's guide links around this page, when the guide is too long to show whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    nav_guide: Option<Vec<views::NavLink>>,
    /// This page's full address, when `site-url` gives the site's.
    #[serde(skip_serializing_if = "Option::is_none")]
    canonical: Option<String>,
    /// The sidebar link of what this page belongs to (a question's topic, a topic's later
    /// pages, a role's packet): marked as the current section.
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<String>,
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
    CustomPlan(CustomPlanView),
    Print(views::PrintView),
    Review(review::ReviewView),
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
            nav_guide: self.guide.around(output),
            section: match job {
                Job::Question(q) => Some(h.topic(q.topic).output()),
                Job::Topic(t, _) => Some(t.output()),
                Job::Packet(r) | Job::RoundPacket(r, _) | Job::Score(r) => Some(r.output()),
                _ => None,
            },
            canonical: match job {
                Job::NotFound => None,
                _ => h
                    .config
                    .html
                    .site_origin
                    .as_ref()
                    .map(|site| address(site, output)),
            },
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
            Job::Review => data.page = Some(AnyPage::Review(review::view(h))),
            Job::Print => {
                let scope = match self.print_parts.as_slice() {
                    [] => views::PrintScope::Whole,
                    parts => views::PrintScope::Contents(parts),
                };
                data.page = Some(AnyPage::Print(views::print(
                    h,
                    scope,
                    &html,
                    &self.theme.strings,
                )))
            }
            Job::PrintPart(part) => {
                let scope = views::PrintScope::Part(*part);
                data.page = Some(AnyPage::Print(views::print(
                    h,
                    scope,
                    &html,
                    &self.theme.strings,
                )))
            }
            Job::Topic(t, n) => {
                let view = views::topic(h, t, views::TopicSlice::Page(*n), &html);
                data.page = Some(AnyPage::Topic(view))
            }
            Job::Scorecard(s) => {
                data.page = Some(AnyPage::Scorecard(views::scorecard(h, s, &html)))
            }
            Job::Checklist(c) => {
                data.page = Some(AnyPage::Checklist(views::checklist(h, c, &html)))
            }
            Job::Role(r) => data.page = Some(AnyPage::Role(views::role(h, r, &html))),
            Job::Roles => {
                data.roles = Some(self.roles(&html));
                data.planner_data = self.planner_data.get().map(String::as_str);
            }
            Job::Packet(r) | Job::Score(r) => {
                data.page = Some(AnyPage::Packet(Box::new(views::packet(h, r, None, &html))))
            }
            Job::RoundPacket(r, n) => {
                let view = views::packet(h, r, Some(*n), &html);
                data.page = Some(AnyPage::Packet(Box::new(view)))
            }
            Job::CustomPacket | Job::CustomScore => {
                data.page = Some(AnyPage::CustomPlan(CustomPlanView { custom: true }));
                data.planner_data = self.planner_data.get().map(String::as_str);
            }
            Job::Search | Job::NotFound | Job::Debrief => {}
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
        let mut key = 0;
        if let Some(previous) = self.previous {
            let mut hasher = KeyHasher::default();
            hasher.feed(&self.base_key.to_le_bytes());
            hasher.feed(job.template().as_bytes());
            let _ = serde_json::to_writer(&mut hasher, &data);
            key = hasher.finish();
            if let Some((cached, bytes)) = previous.get(&output)
                && *cached == key
            {
                return Ok((output, key, PageBytes::Shared(bytes.clone())));
            }
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
        Ok((output, key, PageBytes::Fresh(page)))
    }

    fn roles(&self, html: &Html) -> Vec<views::RoleView> {
        self.handbook
            .roles
            .iter()
            .map(|r| views::role(self.handbook, r, html))
            .collect()
    }

    /// The topics for the list of all questions: every question of a handbook that fits on
    /// one page, else the first few of each topic, with a link to the rest.
    fn topics(&self, html: &Html) -> Vec<views::TopicView> {
        let shown = if self.handbook.questions.len() <= crate::model::TOPIC_PAGE_QUESTIONS {
            views::TopicSlice::First(usize::MAX)
        } else {
            views::TopicSlice::First(QUESTIONS_PREVIEW)
        };
        self.handbook
            .topics
            .iter()
            .map(|t| views::topic(self.handbook, t, shown, html))
            .collect()
    }
}

#[derive(serde::Serialize)]
struct HomeView {
    body: Option<String>,
}

/// The frame of the custom packet and scoring pages; the planner script fills in the
/// selection.
#[derive(serde::Serialize)]
struct CustomPlanView {
    custom: bool,
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
}
