//! The only shapes templates ever see. Built from the model per page; hrefs are relative to
//! the site root and templates prefix them with `root`. HTML fields are already rendered and
//! sanitised (templates print them with `| safe`); every other string is escaped by Tera.

use serde::Serialize;

use super::print::Part;
use crate::markdown::Inline;
use crate::model::{
    Checklist, Handbook, Level, Page, Question, Role, RoundItem, Scorecard, TOPIC_PAGE_QUESTIONS,
    Topic,
};

/// Everything every page needs: the handbook's name, navigation and asset paths.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    /// `rtl` or `ltr`, for `<html dir>`.
    pub direction: &'static str,
    /// The paper's corners where a line starts and ends (`left`, `right`; mirrored right to
    /// left), for `@page { @top-{{ site.page_start }} ... }`.
    pub page_start: &'static str,
    pub page_end: &'static str,
    /// The `content` of the printed page number ("Page 1 of 3"), as CSS.
    pub page_counter: String,
    pub authors: Vec<String>,
    /// The published path prefix (`/` or `/handbook/`), for pages served at any depth (404).
    pub site_url: String,
    pub nav: NavView,
    pub assets: AssetsView,
    pub counts: CountsView,
    /// The handbook's version (`[book] version`, or the git commit and its date), for the
    /// footers of packets and print views.
    pub version: Option<String>,
    /// The review page is made (`[questions] review-months`, or any `last_reviewed`).
    pub reviews: bool,
    /// The candidates' edition: no planner, packets, print views or scoring details.
    pub candidates: bool,
}

#[derive(Debug, Serialize)]
pub struct AssetsView {
    pub css: String,
    pub js: String,
    pub search_js: String,
    pub planner_js: String,
    pub score_js: String,
    pub debrief_js: String,
    /// The theme's strings for the scripts.
    pub strings_js: String,
    /// The search index's manifest script.
    pub search_index: String,
}

#[derive(Debug, Serialize)]
pub struct CountsView {
    pub questions: usize,
    pub topics: usize,
    pub roles: usize,
    pub scorecards: usize,
    pub checklists: usize,
    pub pages: usize,
}

/// The sidebar, the same on every page. Each list holds at most [`NAV_LIMIT`] links, so a
/// handbook of thousands of pages does not repeat thousands of links on each of them; `more`
/// says how many each list left out (the template links to where they all are). Past the
/// limit, guide pages get a window of their neighbours instead ([`GuideNav::around`]).
#[derive(Debug, Serialize)]
pub struct NavView {
    pub guide: Vec<NavLink>,
    pub topics: Vec<NavLink>,
    pub roles: Vec<NavLink>,
    pub scorecards: Vec<NavLink>,
    pub checklists: Vec<NavLink>,
    pub more: NavMore,
}

/// How many links each sidebar list left out.
#[derive(Debug, Default, Serialize)]
pub struct NavMore {
    pub guide: usize,
    pub topics: usize,
    pub roles: usize,
    pub scorecards: usize,
    pub checklists: usize,
}

/// Links per sidebar list (a real handbook has a few dozen at most).
pub const NAV_LIMIT: usize = 60;

/// The guide's links in sidebar order, for pages of a guide longer than [`NAV_LIMIT`].
#[derive(Debug, Default)]
pub struct GuideNav {
    links: Vec<NavLink>,
    index: std::collections::HashMap<String, usize>,
}

impl GuideNav {
    /// The links a page at `path` shows, when the guide is too long to show whole: the
    /// [`NAV_LIMIT`] around the page (the first ones for a page outside the guide).
    pub fn around(&self, path: &str) -> Option<Vec<NavLink>> {
        if self.links.len() <= NAV_LIMIT {
            return None;
        }
        let at = self.index.get(path).copied().unwrap_or(0);
        let start = at
            .saturating_sub(NAV_LIMIT / 2)
            .min(self.links.len() - NAV_LIMIT);
        Some(self.links[start..start + NAV_LIMIT].to_vec())
    }
}

/// At most [`NAV_LIMIT`] of `links`, and how many were left out.
fn limited(mut links: Vec<NavLink>) -> (Vec<NavLink>, usize) {
    let more = links.len().saturating_sub(NAV_LIMIT);
    links.truncate(NAV_LIMIT);
    (links, more)
}

#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    pub title: String,
    pub href: String,
    /// Nesting for guide pages in subfolders.
    pub depth: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelView {
    pub id: &'static str,
    pub label: &'static str,
}

impl LevelView {
    pub fn of(level: Level) -> Self {
        LevelView {
            id: level.as_str(),
            label: level.label(),
        }
    }
}

/// Resolves rendered Markdown for a page at `root`.
pub struct Html<'a> {
    pub root: &'a str,
}

impl Html<'_> {
    pub fn inline(&self, inline: &Inline) -> String {
        inline.html.resolve(self.root)
    }

    pub fn opt(&self, inline: &Option<Inline>) -> Option<String> {
        inline.as_ref().map(|i| self.inline(i))
    }

    pub fn list(&self, items: &[Inline]) -> Vec<String> {
        items.iter().map(|i| self.inline(i)).collect()
    }
}

/// The sidebar's guide links in order, each nested under its folder's index page.
pub fn guide_nav(handbook: &Handbook) -> GuideNav {
    let mut guide: Vec<&Page> = handbook
        .pages
        .iter()
        .filter(|p| p.output != "index.html")
        .collect();
    guide.sort_by_key(|p| (p.weight, p.output.clone()));
    let folders: std::collections::HashSet<&str> = guide
        .iter()
        .filter_map(|p| p.output.strip_suffix("/index.html"))
        .collect();
    // Pages nest under their folder's index page, when the folder has one.
    let depth = |output: &str| match output.rsplit_once('/') {
        Some((folder, _)) if folders.contains(folder) && !output.ends_with("/index.html") => 1,
        _ => 0,
    };
    let links: Vec<NavLink> = guide
        .iter()
        .map(|p| NavLink {
            title: p.title.clone(),
            href: p.output.clone(),
            depth: depth(&p.output),
        })
        .collect();
    let index = links
        .iter()
        .enumerate()
        .map(|(i, l)| (l.href.clone(), i))
        .collect();
    GuideNav { links, index }
}

pub fn site(
    handbook: &Handbook,
    guide: &GuideNav,
    assets: AssetsView,
    strings: &super::strings::Strings,
    version: Option<String>,
    audience: crate::config::Audience,
) -> SiteView {
    let candidates = audience == crate::config::Audience::Candidates;
    let config = &handbook.config;
    let link = |title: &str, href: String| NavLink {
        title: title.to_owned(),
        href,
        depth: 0,
    };
    let (guide, more_guide) = limited(guide.links.clone());
    let (topics, more_topics) = limited(
        handbook
            .topics
            .iter()
            .map(|t| link(&t.title, t.output()))
            .collect(),
    );
    let (roles, more_roles) = limited(
        handbook
            .roles
            .iter()
            .map(|r| link(&r.title, r.output()))
            .collect(),
    );
    let (scorecards, more_scorecards) = limited(
        handbook
            .scorecards
            .iter()
            .map(|s| link(&s.title, s.output()))
            .collect(),
    );
    let (checklists, more_checklists) = limited(
        handbook
            .checklists
            .iter()
            .map(|c| link(&c.title, c.output()))
            .collect(),
    );
    SiteView {
        title: config.book.title.clone(),
        description: config.book.description.clone(),
        language: config.book.language.clone(),
        direction: if config.book.right_to_left() {
            "rtl"
        } else {
            "ltr"
        },
        page_start: if config.book.right_to_left() {
            "right"
        } else {
            "left"
        },
        page_end: if config.book.right_to_left() {
            "left"
        } else {
            "right"
        },
        page_counter: page_counter(strings),
        version,
        reviews: !candidates && super::review::made(handbook),
        candidates,
        authors: config.book.authors.clone(),
        site_url: config.html.site_url.clone(),
        nav: NavView {
            guide,
            topics,
            roles,
            scorecards,
            checklists,
            more: NavMore {
                guide: more_guide,
                topics: more_topics,
                roles: more_roles,
                scorecards: more_scorecards,
                checklists: more_checklists,
            },
        },
        assets,
        counts: CountsView {
            questions: handbook.listed_questions(),
            topics: handbook.topics.len(),
            roles: handbook.roles.len(),
            scorecards: handbook.scorecards.len(),
            checklists: handbook.checklists.len(),
            pages: handbook.pages.len(),
        },
    }
}

/// "Page {page} of {pages}" in the handbook's language as a CSS `content` value:
/// `"Page " counter(page) " of " counter(pages)`.
fn page_counter(strings: &super::strings::Strings) -> String {
    let text = strings.get("print.page_of", None, &[]);
    let mut css = Vec::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        let counter = if after.starts_with("{pages}") {
            Some(("pages", 7))
        } else if after.starts_with("{page}") {
            Some(("page", 6))
        } else {
            None
        };
        match counter {
            Some((name, len)) => {
                if !before.is_empty() {
                    css.push(format!("\"{}\"", super::theme::css_string(before)));
                }
                css.push(format!("counter({name})"));
                rest = &after[len..];
            }
            None => {
                css.push(format!(
                    "\"{}\"",
                    super::theme::css_string(&rest[..open + 1])
                ));
                rest = &after[1..];
            }
        }
    }
    if !rest.is_empty() || css.is_empty() {
        css.push(format!("\"{}\"", super::theme::css_string(rest)));
    }
    css.join(" ")
}

/// A question's title as HTML: its marks, or its text escaped.
fn title_html(q: &Question) -> String {
    match &q.title_html {
        Some(html) => html.clone(),
        None => {
            let mut html = String::with_capacity(q.title.len());
            crate::markdown::highlight::escape_into(&q.title, &mut html);
            html
        }
    }
}

/// One question in a list.
#[derive(Debug, Serialize)]
pub struct QuestionSummaryView {
    pub id: String,
    pub title: String,
    /// The title with its Markdown marks, escaped: for `| safe`.
    pub title_html: String,
    pub href: String,
    pub topic: LinkView,
    pub levels: Vec<LevelView>,
    pub minutes: u32,
    pub dimensions: Vec<String>,
    /// `draft`, `active` or `retired`.
    pub status: &'static str,
}

pub fn question_summary(handbook: &Handbook, q: &Question) -> QuestionSummaryView {
    let topic = handbook.topic(q.topic);
    QuestionSummaryView {
        id: q.id.to_string(),
        title: q.title.clone(),
        title_html: title_html(q),
        href: q.output(),
        topic: LinkView {
            title: topic.title.clone(),
            href: topic.output(),
        },
        levels: q.levels.iter().copied().map(LevelView::of).collect(),
        minutes: q.minutes,
        dimensions: q
            .dimensions
            .iter()
            .filter_map(|d| handbook.dimension(d).map(|d| d.name.clone()))
            .collect(),
        status: q.status.as_str(),
    }
}

/// A question's own page, and its block in packets and print views.
#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub title: String,
    /// The title with its Markdown marks, escaped: for `| safe`.
    pub title_html: String,
    pub href: String,
    pub topic: LinkView,
    pub levels: Vec<LevelView>,
    pub minutes: u32,
    pub strong: Vec<String>,
    pub good_sign: Option<String>,
    pub red_flag: Option<String>,
    pub follow_ups: Vec<String>,
    pub tags: Vec<String>,
    pub body: String,
    pub dimensions: Vec<LinkView>,
    pub roles: Vec<LinkView>,
    /// The questions before and after this one in its topic's list.
    pub previous: Option<LinkView>,
    pub next: Option<LinkView>,
    /// `draft`, `active` or `retired`.
    pub status: &'static str,
    /// For a retired question: when, why, and what to ask instead.
    pub retired_on: Option<String>,
    pub retired_reason: Option<String>,
    pub replaced_by: Option<LinkView>,
    pub last_reviewed: Option<String>,
    /// Shared with candidates as a sample question, and what they read about it.
    pub sample: bool,
    pub candidate_note: Option<String>,
}

pub fn question(handbook: &Handbook, q: &Question, html: &Html) -> QuestionView {
    let topic = handbook.topic(q.topic);
    let at = topic
        .questions
        .iter()
        .position(|&ix| std::ptr::eq(handbook.question(ix), q));
    let neighbour = |i: Option<usize>| {
        let other = handbook.question(*topic.questions.get(i?)?);
        Some(LinkView {
            title: other.title.clone(),
            href: other.output(),
        })
    };
    let retirement = q.retirement.as_ref();
    QuestionView {
        status: q.status.as_str(),
        retired_on: retirement.and_then(|r| r.on).map(|d| d.to_string()),
        retired_reason: retirement.and_then(|r| r.reason.clone()),
        replaced_by: retirement.and_then(|r| r.replaced_by).map(|by| {
            let by = handbook.question(by);
            LinkView {
                title: by.title.clone(),
                href: by.output(),
            }
        }),
        last_reviewed: q.last_reviewed.map(|d| d.to_string()),
        sample: q.readers == crate::model::audience::Readers::Both,
        candidate_note: html.opt(&q.candidate_note),
        previous: neighbour(at.and_then(|i| i.checked_sub(1))),
        next: neighbour(at.map(|i| i + 1)),
        id: q.id.to_string(),
        title: q.title.clone(),
        title_html: title_html(q),
        href: q.output(),
        topic: LinkView {
            title: topic.title.clone(),
            href: topic.output(),
        },
        levels: q.levels.iter().copied().map(LevelView::of).collect(),
        minutes: q.minutes,
        strong: html.list(&q.strong),
        good_sign: html.opt(&q.good_sign),
        red_flag: html.opt(&q.red_flag),
        follow_ups: html.list(&q.follow_ups),
        tags: q.tags.clone(),
        body: q.body.html.resolve(html.root),
        dimensions: q
            .dimensions
            .iter()
            .filter_map(|d| {
                let (sc, _) = handbook.dimensions.get(d)?;
                let dim = handbook.dimension(d)?;
                Some(LinkView {
                    title: dim.name.clone(),
                    href: format!("{}#dim-{}", handbook.scorecard(*sc).output(), d),
                })
            })
            .collect(),
        roles: q
            .roles
            .iter()
            .map(|r| {
                let role = handbook.role(*r);
                LinkView {
                    title: role.title.clone(),
                    href: role.output(),
                }
            })
            .collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct TopicView {
    pub id: String,
    pub title: String,
    pub href: String,
    pub description: Option<String>,
    /// The questions shown: one page's worth of a large topic.
    pub questions: Vec<QuestionSummaryView>,
    /// All the topic's questions, shown or not.
    pub question_count: usize,
    /// Links to each page of a topic listed on more than one page (else empty).
    pub pages: Vec<PageNumberView>,
}

#[derive(Debug, Serialize)]
pub struct PageNumberView {
    pub number: usize,
    pub href: String,
    pub current: bool,
}

/// A topic, with its questions on page `number` (from 1) of its listing; page 0 shows the
/// first `preview` questions instead, for lists of topics.
pub fn topic(handbook: &Handbook, t: &Topic, shown: TopicSlice, html: &Html) -> TopicView {
    let (range, current) = match shown {
        TopicSlice::Page(n) => {
            let start = (n - 1) * TOPIC_PAGE_QUESTIONS;
            let end = (start + TOPIC_PAGE_QUESTIONS).min(t.questions.len());
            (start.min(end)..end, n)
        }
        TopicSlice::First(n) => (0..n.min(t.questions.len()), 0),
    };
    let count = t.page_count();
    TopicView {
        id: t.id.to_string(),
        title: t.title.clone(),
        href: t.output(),
        description: html.opt(&t.description),
        questions: t.questions[range]
            .iter()
            .map(|q| question_summary(handbook, handbook.question(*q)))
            .collect(),
        question_count: t.questions.len(),
        pages: if count > 1 && current > 0 {
            (1..=count)
                .map(|number| PageNumberView {
                    number,
                    href: t.page_output(number),
                    current: number == current,
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// Which of a topic's questions a `TopicView` shows.
#[derive(Clone, Copy, Debug)]
pub enum TopicSlice {
    /// One page of the topic's own listing, from 1.
    Page(usize),
    /// The first few, in a list of topics.
    First(usize),
}

#[derive(Debug, Serialize)]
pub struct ScaleView {
    pub min: u8,
    pub max: u8,
    pub scores: Vec<ScoreView>,
}

#[derive(Debug, Serialize)]
pub struct ScoreView {
    pub score: u8,
    pub label: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ScorecardView {
    pub id: String,
    pub title: String,
    pub href: String,
    pub description: Option<String>,
    pub scale: ScaleView,
    pub dimensions: Vec<DimensionView>,
    pub recommendation: Vec<String>,
    /// What to do for every question, printed on packet covers.
    pub reminder: Option<String>,
    pub roles: Vec<LinkView>,
}

#[derive(Debug, Serialize)]
pub struct DimensionView {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub anchors: Vec<AnchorView>,
    /// Questions that give evidence for it: the first `DIMENSION_QUESTIONS` of them.
    pub questions: Vec<LinkView>,
    /// All the questions that give evidence for it.
    pub question_count: usize,
    /// How many of them are not in `questions`.
    pub more: usize,
}

/// The most questions listed under a scorecard dimension.
pub const DIMENSION_QUESTIONS: usize = 50;

#[derive(Debug, Serialize)]
pub struct AnchorView {
    pub score: u8,
    pub label: Option<String>,
    pub text: String,
}

pub fn scorecard(handbook: &Handbook, s: &Scorecard, html: &Html) -> ScorecardView {
    ScorecardView {
        id: s.id.to_string(),
        title: s.title.clone(),
        href: s.output(),
        description: html.opt(&s.description),
        reminder: s.reminder.as_ref().map(|r| r.resolve(html.root)),
        scale: ScaleView {
            min: s.scale.min,
            max: s.scale.max,
            scores: s
                .scale
                .scores()
                .map(|score| ScoreView {
                    score,
                    label: s.scale.labels.get(&score).cloned(),
                })
                .collect(),
        },
        dimensions: s
            .dimensions
            .iter()
            .map(|d| {
                let mut evidence = handbook
                    .questions
                    .iter()
                    .filter(|q| q.dimensions.contains(&d.id));
                let questions: Vec<LinkView> = evidence
                    .by_ref()
                    .take(DIMENSION_QUESTIONS)
                    .map(|q| LinkView {
                        title: q.title.clone(),
                        href: q.output(),
                    })
                    .collect();
                let more = evidence.count();
                DimensionView {
                    id: d.id.to_string(),
                    name: d.name.clone(),
                    description: html.opt(&d.description),
                    anchors: d
                        .anchors
                        .iter()
                        .map(|(score, text)| AnchorView {
                            score: *score,
                            label: s.scale.labels.get(score).cloned(),
                            text: html.inline(text),
                        })
                        .collect(),
                    question_count: questions.len() + more,
                    questions,
                    more,
                }
            })
            .collect(),
        recommendation: s.recommendation.clone(),
        roles: handbook
            .roles
            .iter()
            .filter(|r| {
                r.scorecard
                    .is_some_and(|sc| handbook.scorecard(sc).id == s.id)
            })
            .map(|r| LinkView {
                title: r.title.clone(),
                href: r.output(),
            })
            .collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct ChecklistView {
    pub id: String,
    pub title: String,
    pub href: String,
    pub intro: Option<String>,
    pub items: Vec<ChecklistItemView>,
    pub roles: Vec<LinkView>,
}

#[derive(Debug, Serialize)]
pub struct ChecklistItemView {
    pub title: String,
    pub why: Option<String>,
    pub instead: Option<String>,
}

pub fn checklist(handbook: &Handbook, c: &Checklist, html: &Html) -> ChecklistView {
    ChecklistView {
        id: c.id.to_string(),
        title: c.title.clone(),
        href: c.output(),
        intro: html.opt(&c.intro),
        items: c
            .items
            .iter()
            .map(|i| ChecklistItemView {
                title: html.inline(&i.title),
                why: html.opt(&i.why),
                instead: html.opt(&i.instead),
            })
            .collect(),
        roles: handbook
            .roles
            .iter()
            .filter(|r| {
                r.checklists
                    .iter()
                    .any(|ix| handbook.checklist(*ix).id == c.id)
            })
            .map(|r| LinkView {
                title: r.title.clone(),
                href: r.output(),
            })
            .collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct RoleView {
    pub id: String,
    pub title: String,
    pub href: String,
    pub summary: String,
    pub level: Option<LevelView>,
    pub minutes: u32,
    pub planned_minutes: u32,
    pub question_count: usize,
    pub rounds: Vec<RoundView>,
    pub scorecard: Option<LinkView>,
    pub checklists: Vec<LinkView>,
    pub packet_href: String,
    /// Dimensions of the role's scorecard that no question in the plan covers.
    pub uncovered: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct RoundView {
    pub number: usize,
    pub name: String,
    /// This round's own packet.
    pub packet_href: String,
    /// The scorecard dimensions the round assesses, by name.
    pub dimensions: Vec<String>,
    pub minutes: u32,
    pub planned_minutes: u32,
    pub over_budget: bool,
    pub focus: Option<String>,
    /// Each entry: one question, or a group of which one is asked (`one_of`).
    pub items: Vec<RoundItemView>,
}

#[derive(Debug, Serialize)]
pub struct RoundItemView {
    /// A group of interchangeable questions: ask one.
    pub one_of: bool,
    pub questions: Vec<QuestionSummaryView>,
}

pub fn role(handbook: &Handbook, r: &Role, html: &Html) -> RoleView {
    let rounds: Vec<RoundView> = r
        .rounds
        .iter()
        .enumerate()
        .map(|(i, round)| {
            let planned = handbook.planned_minutes(round);
            RoundView {
                number: i + 1,
                name: round.name.clone(),
                packet_href: if r.round_packets() > 0 {
                    r.round_packet_output(i + 1)
                } else {
                    String::new()
                },
                dimensions: handbook
                    .round_dimensions(r, round)
                    .iter()
                    .map(|d| d.name.clone())
                    .collect(),
                minutes: round.minutes,
                planned_minutes: planned,
                over_budget: planned > round.minutes,
                focus: html.opt(&round.focus),
                items: round
                    .items
                    .iter()
                    .map(|item| RoundItemView {
                        one_of: matches!(item, RoundItem::OneOf(_)),
                        questions: item
                            .questions()
                            .iter()
                            .map(|q| question_summary(handbook, handbook.question(*q)))
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    let uncovered = r
        .scorecard
        .map(|sc| {
            handbook
                .scorecard(sc)
                .dimensions
                .iter()
                .filter(|d| {
                    !r.rounds
                        .iter()
                        .any(|round| handbook.round_covers(round, &d.id))
                })
                .map(|d| d.name.clone())
                .collect()
        })
        .unwrap_or_default();
    RoleView {
        id: r.id.to_string(),
        title: r.title.clone(),
        href: r.output(),
        summary: html.inline(&r.summary),
        level: r.level.map(LevelView::of),
        minutes: r.minutes(),
        planned_minutes: rounds.iter().map(|x| x.planned_minutes).sum(),
        // A group counts once: one of its questions is asked.
        question_count: r.rounds.iter().map(|round| round.items.len()).sum(),
        rounds,
        scorecard: r.scorecard.map(|sc| {
            let s = handbook.scorecard(sc);
            LinkView {
                title: s.title.clone(),
                href: s.output(),
            }
        }),
        checklists: r
            .checklists
            .iter()
            .map(|c| {
                let c = handbook.checklist(*c);
                LinkView {
                    title: c.title.clone(),
                    href: c.output(),
                }
            })
            .collect(),
        packet_href: r.packet_output(),
        uncovered,
    }
}

#[derive(Debug, Serialize)]
pub struct PageView {
    pub title: String,
    pub description: Option<String>,
    pub body: String,
    pub toc: Vec<LinkView>,
}

pub fn page(p: &Page, html: &Html) -> PageView {
    PageView {
        title: p.title.clone(),
        description: p.description.clone(),
        body: p.body.html.resolve(html.root),
        toc: p
            .body
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .map(|h| LinkView {
                title: h.text.clone(),
                href: format!("#{}", h.id),
            })
            .collect(),
    }
}

/// An interview packet: everything one interviewer prints for one interview.
#[derive(Debug, Serialize)]
pub struct PacketView {
    pub role: RoleView,
    /// Every round of the loop (the plan on the cover); only `round`'s are printed when it
    /// is given.
    pub rounds: Vec<PacketRoundView>,
    /// The one round this packet is for (from 1), or none for the whole loop.
    pub round: Option<usize>,
    pub scorecard: Option<ScorecardView>,
    pub checklists: Vec<ChecklistView>,
    /// The packet page for a custom selection, filled in by the planner script.
    pub custom: bool,
}

#[derive(Debug, Serialize)]
pub struct PacketRoundView {
    pub number: usize,
    pub name: String,
    /// The ids of the scorecard dimensions this round assesses (empty: it names none).
    pub dimension_ids: Vec<String>,
    /// This round's own packet.
    pub href: String,
    /// The scorecard dimensions this round assesses, by name.
    pub dimensions: Vec<String>,
    pub minutes: u32,
    pub planned_minutes: u32,
    pub questions: Vec<PacketQuestionView>,
}

#[derive(Debug, Serialize)]
pub struct PacketQuestionView {
    /// Numbered across the whole packet: `1`, `2`..., and `3a`, `3b` for the questions of a
    /// group of which one is asked.
    pub number: String,
    /// On the first question of a group: how many the group holds (the packet says "ask one
    /// of the next n").
    pub group_starts: usize,
    pub q: QuestionView,
}

/// `a`, `b`... `z`, then `aa`: the letter of a group's question.
fn variant(k: usize) -> String {
    let letter = |i: usize| char::from(b'a' + (i % 26) as u8);
    if k < 26 {
        letter(k).to_string()
    } else {
        format!("{}{}", letter(k / 26 - 1), letter(k))
    }
}

pub fn packet(handbook: &Handbook, r: &Role, only: Option<usize>, html: &Html) -> PacketView {
    let mut number = 0;
    let scorecard = r.scorecard.map(|s| handbook.scorecard(s));
    let rounds = r
        .rounds
        .iter()
        .enumerate()
        .map(|(i, round)| PacketRoundView {
            number: i + 1,
            name: round.name.clone(),
            href: r.round_packet_output(i + 1),
            dimension_ids: handbook
                .round_dimensions(r, round)
                .iter()
                .map(|d| d.id.to_string())
                .collect(),
            dimensions: handbook
                .round_dimensions(r, round)
                .iter()
                .map(|d| d.name.clone())
                .collect(),
            minutes: round.minutes,
            planned_minutes: handbook.planned_minutes(round),
            questions: round
                .items
                .iter()
                .flat_map(|item| {
                    number += 1;
                    let group = item.questions();
                    group
                        .iter()
                        .enumerate()
                        .map(move |(k, q)| PacketQuestionView {
                            number: match item {
                                RoundItem::One(_) => number.to_string(),
                                RoundItem::OneOf(_) => format!("{number}{}", variant(k)),
                            },
                            group_starts: if k == 0 && group.len() > 1 {
                                group.len()
                            } else {
                                0
                            },
                            q: question(handbook, handbook.question(*q), html),
                        })
                })
                .collect(),
        })
        .collect();
    // A round's packet shows the dimensions that round assesses, when it names them.
    let focus: Option<&[usize]> = only
        .and_then(|n| r.rounds.get(n - 1))
        .map(|round| round.dimensions.as_slice())
        .filter(|d| !d.is_empty());
    PacketView {
        role: role(handbook, r, html),
        rounds,
        round: only,
        scorecard: scorecard.map(|s| {
            let mut view = self::scorecard(handbook, s, html);
            if let Some(focus) = focus {
                let ids: Vec<&str> = focus.iter().map(|d| s.dimensions[*d].id.as_str()).collect();
                view.dimensions.retain(|d| ids.contains(&d.id.as_str()));
            }
            view
        }),
        checklists: r
            .checklists
            .iter()
            .map(|c| checklist(handbook, handbook.checklist(*c), html))
            .collect(),
        custom: false,
    }
}

/// A print page: the whole handbook, one part of a large one, or the contents of the parts.
#[derive(Debug, Serialize)]
pub struct PrintView {
    pub pages: Vec<PageView>,
    pub topics: Vec<PrintTopicView>,
    pub scorecards: Vec<ScorecardView>,
    pub checklists: Vec<ChecklistView>,
    /// On the contents page of a handbook printed in parts: the parts.
    pub parts: Vec<PrintPartView>,
    /// On a part's page: which part it is.
    pub part: Option<PrintPartView>,
}

#[derive(Debug, Serialize)]
pub struct PrintTopicView {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub questions: Vec<QuestionView>,
}

#[derive(Debug, Serialize)]
pub struct PrintPartView {
    pub title: String,
    pub href: String,
    pub questions: usize,
}

/// What one print page shows.
#[derive(Clone, Copy)]
pub enum PrintScope<'a> {
    Whole,
    Contents(&'a [Part<'a>]),
    Part(Part<'a>),
}

pub fn print(
    handbook: &Handbook,
    scope: PrintScope,
    html: &Html,
    strings: &super::strings::Strings,
) -> PrintView {
    let part_view = |part: &Part| PrintPartView {
        title: part.title(strings),
        href: part.output(),
        questions: part.range().len(),
    };
    let (guide, topics) = match scope {
        PrintScope::Whole => (
            true,
            handbook
                .topics
                .iter()
                .map(|t| (t, 0..t.questions.len()))
                .collect(),
        ),
        PrintScope::Contents(_) | PrintScope::Part(Part::Guide) => {
            (matches!(scope, PrintScope::Part(_)), Vec::new())
        }
        PrintScope::Part(part @ Part::Topic { topic, .. }) => (false, vec![(topic, part.range())]),
    };
    let mut pages: Vec<&Page> = if guide {
        handbook.pages.iter().collect()
    } else {
        Vec::new()
    };
    pages.sort_by_key(|p| (p.output != "index.html", p.weight, p.output.clone()));
    PrintView {
        pages: pages
            .into_iter()
            .map(|p| {
                let mut view = page(p, html);
                view.body = without_anchors(&view.body);
                view
            })
            .collect(),
        topics: topics
            .into_iter()
            .map(|(t, range)| PrintTopicView {
                id: t.id.to_string(),
                title: t.title.clone(),
                description: html.opt(&t.description),
                questions: t.questions[range]
                    .iter()
                    .map(|q| {
                        let mut view = question(handbook, handbook.question(*q), html);
                        view.body = without_anchors(&view.body);
                        view
                    })
                    .collect(),
            })
            .collect(),
        scorecards: if guide {
            handbook
                .scorecards
                .iter()
                .map(|s| scorecard(handbook, s, html))
                .collect()
        } else {
            Vec::new()
        },
        checklists: if guide {
            handbook
                .checklists
                .iter()
                .map(|c| checklist(handbook, c, html))
                .collect()
        } else {
            Vec::new()
        },
        parts: match scope {
            PrintScope::Contents(parts) => parts.iter().map(part_view).collect(),
            _ => Vec::new(),
        },
        part: match scope {
            PrintScope::Part(part) => Some(part_view(&part)),
            _ => None,
        },
    }
}

/// Rendered Markdown without heading ids and their `#` links: many pages printed on one
/// would otherwise repeat ids (every question has a "Why ask it").
fn without_anchors(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(" id=\"") {
        let tag_start = rest[..start].rfind('<').unwrap_or(0);
        let is_heading = rest[tag_start..].starts_with("<h")
            && rest
                .as_bytes()
                .get(tag_start + 2)
                .is_some_and(u8::is_ascii_digit);
        let Some(len) = rest[start + 5..].find('"') else {
            break;
        };
        out.push_str(&rest[..start]);
        if !is_heading {
            out.push_str(&rest[start..start + 5 + len + 1]);
        }
        rest = &rest[start + 5 + len + 1..];
    }
    out.push_str(rest);
    let mut cleaned = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(start) = rest.find("<a class=\"anchor\"") {
        let Some(end) = rest[start..].find("</a>") else {
            break;
        };
        cleaned.push_str(&rest[..start]);
        rest = &rest[start + end + 4..];
    }
    cleaned.push_str(rest);
    cleaned
}

#[cfg(test)]
mod tests {
    use super::without_anchors;

    #[test]
    fn print_bodies_lose_heading_ids_only() {
        let html = "<h2 id=\"why\">Why<a class=\"anchor\" href=\"#why\" aria-label=\"Link to this section\">#</a></h2>\n<div class=\"footnote-definition\" id=\"1\">x</div>";
        assert_eq!(
            without_anchors(html),
            "<h2>Why</h2>\n<div class=\"footnote-definition\" id=\"1\">x</div>"
        );
    }
}
