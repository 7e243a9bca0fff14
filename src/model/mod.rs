//! The validated handbook: typed, cross-referenced, and impossible to hold in an invalid state.
//!
//! `load` turns `Sources` into a `Handbook` in two steps: `parse` reads each file on its own
//! (front matter, YAML, Markdown), then `validate` resolves the references between files.
//! Every problem found on the way is a `Diagnostic`; all of them are returned together.

pub mod audience;
pub mod ids;
pub mod lifecycle;
mod parse;
mod placeholders;
pub mod publish;
pub mod raw;
pub mod schema;
mod shape;
mod validate;
pub mod warnings;
mod yaml;

use std::collections::BTreeMap;
use std::sync::Arc;

pub use ids::{ChecklistId, DimensionId, Level, QuestionId, RoleId, ScorecardId, TopicId};
pub use validate::{Parsed, assemble, link_map, load, load_releasing, parse};

use crate::config::Config;
use crate::markdown::{Document, Fragment, Inline};
use crate::source::Asset;

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u32);

        impl $name {
            /// Only `model` creates indexes, so an index always points at an existing item.
            pub(crate) fn new(i: usize) -> Self {
                $name(u32::try_from(i).unwrap_or(u32::MAX))
            }

            pub fn get(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// Position of a question in `Handbook::questions`.
    QuestionIx
);
index_type!(
    /// Position of a topic in `Handbook::topics`.
    TopicIx
);
index_type!(
    /// Position of a scorecard in `Handbook::scorecards`.
    ScorecardIx
);
index_type!(
    /// Position of a checklist in `Handbook::checklists`.
    ChecklistIx
);
index_type!(
    /// Position of a role in `Handbook::roles`.
    RoleIx
);

/// Finds where in a file (its path as diagnostics show it) a text first appears, outside the
/// given ranges of lines (first and last, inclusive): for messages about a whole handbook,
/// told at the place in the file that caused them.
pub type Locate<'a> = &'a dyn Fn(&str, &str, &[(u32, u32)]) -> Option<crate::diag::Position>;

/// The scoring page of a plan built in the planner (the plan in its address).
pub const CUSTOM_SCORE_PAGE: &str = "roles/score.html";

/// The debrief page: score files from every interviewer, side by side.
pub const DEBRIEF_PAGE: &str = "debrief.html";

/// The page listing questions by review date (made by `render::review`).
pub const REVIEW_PAGE: &str = "question-reviews.html";

/// Where an item came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    /// Relative to the handbook root (`content/questions/orm.md`).
    pub path: String,
    /// Relative to the content dir (`questions/orm.md`).
    pub content_path: String,
}

/// A whole, valid handbook.
#[derive(Debug)]
pub struct Handbook {
    pub config: Config,
    /// Ordered by topic, then by source path.
    pub questions: Vec<Question>,
    /// Ordered by weight, then title.
    pub topics: Vec<Topic>,
    /// Ordered by id.
    pub scorecards: Vec<Scorecard>,
    /// Ordered by id.
    pub checklists: Vec<Checklist>,
    /// Ordered by level, then title.
    pub roles: Vec<Role>,
    /// Ordered by output path; the home page (`index.md`), if any, is among them.
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// Every dimension id with the scorecard and position that define it (the first, by
    /// scorecard id, when several scorecards share an id).
    pub dimensions: BTreeMap<DimensionId, (ScorecardIx, usize)>,
}

impl Handbook {
    /// The pages made per topic and per role, which content may link to by their output
    /// path: every page of each topic's list, each role's packet and its rounds' packets.
    pub fn generated_pages(&self) -> impl Iterator<Item = String> + '_ {
        let topics = self
            .topics
            .iter()
            .flat_map(|t| (1..=t.page_count()).map(move |n| t.page_output(n)));
        let packets = self.roles.iter().flat_map(|r| {
            [r.packet_output(), r.score_output()]
                .into_iter()
                .chain((1..=r.round_packets()).map(move |n| r.round_packet_output(n)))
        });
        topics.chain(packets)
    }

    pub fn question(&self, ix: QuestionIx) -> &Question {
        &self.questions[ix.get()]
    }

    pub fn topic(&self, ix: TopicIx) -> &Topic {
        &self.topics[ix.get()]
    }

    pub fn scorecard(&self, ix: ScorecardIx) -> &Scorecard {
        &self.scorecards[ix.get()]
    }

    /// How many questions the handbook lists (its topics' questions: retired ones are not).
    pub fn listed_questions(&self) -> usize {
        self.topics.iter().map(|t| t.questions.len()).sum()
    }

    /// The minutes `round`'s questions take: a `one_of` group counts once, at its longest
    /// question's time, since one of them is asked.
    pub fn planned_minutes(&self, round: &Round) -> u32 {
        round
            .items
            .iter()
            .map(|item| {
                item.questions()
                    .iter()
                    .map(|q| self.question(*q).minutes)
                    .max()
                    .unwrap_or(0)
            })
            .sum()
    }

    /// Whether `round` gathers evidence for `dimension` whichever questions are asked: one of
    /// its questions does, or every question of one of its groups.
    pub fn round_covers(&self, round: &Round, dimension: &DimensionId) -> bool {
        round.items.iter().any(|item| {
            item.questions()
                .iter()
                .all(|q| self.question(*q).dimensions.contains(dimension))
        })
    }

    /// The dimensions of `role`'s scorecard that `round` assesses, in the order it names them.
    pub fn round_dimensions<'h>(&'h self, role: &Role, round: &'h Round) -> Vec<&'h Dimension> {
        match role.scorecard {
            Some(s) => {
                let scorecard = self.scorecard(s);
                round
                    .dimensions
                    .iter()
                    .map(|d| &scorecard.dimensions[*d])
                    .collect()
            }
            None => Vec::new(),
        }
    }

    pub fn checklist(&self, ix: ChecklistIx) -> &Checklist {
        &self.checklists[ix.get()]
    }

    pub fn role(&self, ix: RoleIx) -> &Role {
        &self.roles[ix.get()]
    }

    pub fn dimension(&self, id: &DimensionId) -> Option<&Dimension> {
        self.dimensions
            .get(id)
            .map(|(sc, i)| &self.scorecard(*sc).dimensions[*i])
    }

    pub fn home(&self) -> Option<&Page> {
        self.pages.iter().find(|p| p.output == "index.html")
    }
}

#[derive(Debug)]
pub struct Question {
    pub id: QuestionId,
    pub source: SourceRef,
    /// Plain text: inline Markdown marks (`` `code` ``, `*em*`) are read, not shown.
    pub title: String,
    /// The title as HTML when Markdown marks part of it (see [`crate::markdown::title`]).
    pub title_html: Option<String>,
    pub topic: TopicIx,
    pub levels: Vec<Level>,
    pub minutes: u32,
    pub dimensions: Vec<DimensionId>,
    pub strong: Vec<Inline>,
    pub good_sign: Option<Inline>,
    pub red_flag: Option<Inline>,
    pub follow_ups: Vec<Inline>,
    pub tags: Vec<String>,
    pub body: Arc<Document>,
    /// Roles whose plan includes this question.
    pub roles: Vec<RoleIx>,
    /// Where its `title:` key is, for warnings about the whole question.
    pub title_at: Option<crate::diag::Position>,
    pub status: lifecycle::Status,
    /// Set for retired questions.
    pub retirement: Option<lifecycle::Retirement>,
    pub last_reviewed: Option<lifecycle::Date>,
    /// `interviewers` (the default) or `both`: shared with candidates as a sample question.
    pub readers: audience::Readers,
    /// What candidates read about a sample question.
    pub candidate_note: Option<Inline>,
}

impl Question {
    /// The page's path in the output.
    pub fn output(&self) -> String {
        question_output(self.id.as_str())
    }
}

pub fn question_output(id: &str) -> String {
    format!("questions/{id}.html")
}

/// Ids the question page template gives its own sections, which body headings must avoid.
pub const QUESTION_SECTION_IDS: &[&str] = &[
    "strong",
    "signals",
    "good-sign",
    "red-flag",
    "follow-ups",
    "notes",
    "dimensions",
    "used-in",
    "main",
    "search",
    "nav",
];

#[derive(Debug)]
pub struct Topic {
    pub id: TopicId,
    pub title: String,
    pub description: Option<Inline>,
    pub weight: i32,
    /// Its questions in use: retired ones keep their page but leave the lists.
    pub questions: Vec<QuestionIx>,
}

/// The most questions a topic page lists; a larger topic's list continues on more pages.
pub const TOPIC_PAGE_QUESTIONS: usize = 200;

impl Topic {
    pub fn output(&self) -> String {
        self.page_output(1)
    }

    /// `topics/<id>.html`, then `topics/<id>.2.html`...: ids never contain a dot, so one
    /// topic's pages cannot take another's names.
    pub fn page_output(&self, number: usize) -> String {
        match number {
            1 => format!("topics/{}.html", self.id),
            n => format!("topics/{}.{n}.html", self.id),
        }
    }

    /// How many pages list this topic's questions (at least one, which may say it is empty).
    pub fn page_count(&self) -> usize {
        self.questions.len().div_ceil(TOPIC_PAGE_QUESTIONS).max(1)
    }
}

#[derive(Debug, Clone)]
pub struct Scorecard {
    pub id: ScorecardId,
    pub source: SourceRef,
    pub title: String,
    pub description: Option<Inline>,
    pub scale: Scale,
    pub dimensions: Vec<Dimension>,
    pub recommendation: Vec<String>,
    /// Printed on the cover of packets: what to do for every question.
    pub reminder: Option<Fragment>,
    /// `interviewers` (the default) or `both`: candidates read what it assesses.
    pub readers: audience::Readers,
    /// What candidates read about it, in place of the description.
    pub candidate_note: Option<Inline>,
}

impl Scorecard {
    pub fn output(&self) -> String {
        format!("scorecards/{}.html", self.id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    pub labels: BTreeMap<u8, String>,
}

impl Scale {
    pub fn scores(&self) -> impl Iterator<Item = u8> + '_ {
        self.min..=self.max
    }
}

impl Default for Scale {
    fn default() -> Self {
        Scale {
            min: 1,
            max: 5,
            labels: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Dimension {
    pub id: DimensionId,
    pub name: String,
    pub description: Option<Inline>,
    pub anchors: BTreeMap<u8, Inline>,
}

#[derive(Debug, Clone)]
pub struct Checklist {
    pub id: ChecklistId,
    pub source: SourceRef,
    pub title: String,
    pub intro: Option<Inline>,
    pub items: Vec<ChecklistItem>,
    pub readers: audience::Readers,
}

impl Checklist {
    pub fn output(&self) -> String {
        format!("checklists/{}.html", self.id)
    }
}

#[derive(Debug, Clone)]
pub struct ChecklistItem {
    pub title: Inline,
    pub why: Option<Inline>,
    pub instead: Option<Inline>,
}

#[derive(Debug)]
pub struct Role {
    pub id: RoleId,
    pub source: SourceRef,
    pub title: String,
    pub summary: Inline,
    pub level: Option<Level>,
    pub scorecard: Option<ScorecardIx>,
    pub checklists: Vec<ChecklistIx>,
    pub rounds: Vec<Round>,
    /// `interviewers` (the default) or `both`: candidates read its process.
    pub readers: audience::Readers,
    /// What candidates read about the process, in place of the summary.
    pub candidate_note: Option<Inline>,
}

impl Role {
    pub fn output(&self) -> String {
        format!("roles/{}.html", self.id)
    }

    pub fn packet_output(&self) -> String {
        format!("roles/{}/packet.html", self.id)
    }

    /// The page to score an interview of this plan on (`#round=2` picks the round).
    pub fn score_output(&self) -> String {
        format!("roles/{}/score.html", self.id)
    }

    /// The packet of round `number` (from 1) alone, for its interviewer.
    pub fn round_packet_output(&self, number: usize) -> String {
        format!("roles/{}/round-{number}.html", self.id)
    }

    /// How many rounds get a packet of their own: none when there is one round (the
    /// role's packet is that round's).
    pub fn round_packets(&self) -> usize {
        if self.rounds.len() > 1 {
            self.rounds.len()
        } else {
            0
        }
    }

    pub fn minutes(&self) -> u32 {
        self.rounds.iter().map(|r| r.minutes).sum()
    }
}

#[derive(Debug)]
pub struct Round {
    pub name: String,
    pub minutes: u32,
    pub focus: Option<Inline>,
    /// What the round asks, in order: single questions and groups of interchangeable ones.
    pub items: Vec<RoundItem>,
    /// The dimensions of the role's scorecard this round assesses, as indexes into its
    /// `dimensions`, in the order given; empty when the round names none.
    pub dimensions: Vec<usize>,
}

/// How messages name round `number` (from 1): `round 2 (`Technical`)`, or `round 2`.
pub fn round_label(number: usize, name: &str) -> String {
    match name {
        "" => format!("round {number}"),
        name => format!("round {number} (`{name}`)"),
    }
}

impl Round {
    /// Every question the round may ask, groups' questions included, in order.
    pub fn questions(&self) -> impl Iterator<Item = QuestionIx> + '_ {
        self.items
            .iter()
            .flat_map(|item| item.questions().iter().copied())
    }
}

/// One entry of a round: a question, or a group of interchangeable ones of which one is
/// asked (rotation, so that candidates cannot rehearse one answer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundItem {
    One(QuestionIx),
    OneOf(Vec<QuestionIx>),
}

impl RoundItem {
    pub fn questions(&self) -> &[QuestionIx] {
        match self {
            RoundItem::One(q) => std::slice::from_ref(q),
            RoundItem::OneOf(group) => group,
        }
    }
}

/// A prose page (guide, FAQ, the home page).
#[derive(Debug, Clone)]
pub struct Page {
    pub source: SourceRef,
    /// `guide/setup.html`; the home page is `index.html`.
    pub output: String,
    pub title: String,
    pub weight: i32,
    pub description: Option<String>,
    /// The body of the edition being built.
    pub body: Arc<Document>,
    /// `both` (the default), `interviewers` or `candidates`.
    pub readers: audience::Readers,
    /// Set when sections of the body are for one audience only: the body in each edition
    /// (`body` is the interviewers' until an edition is chosen).
    pub editions: Option<audience::Editions>,
}

/// The output path of a prose page: its content path with `.html`.
pub fn page_output(content_path: &str) -> String {
    let stem = content_path.strip_suffix(".md").unwrap_or(content_path);
    format!("{stem}.html")
}
