//! Data for the interview planner (`roles/index.html`) and custom packets (`roles/packet.html`),
//! as classic scripts (browsers refuse `fetch` from pages opened from disk), cut so that no
//! page loads more than it shows, however large the handbook:
//!
//! - `planner-data`: roles and their rounds, scorecards, topics, the records of the questions
//!   the roles plan (so a role's plan shows at once), and where everything else is.
//! - `planner-bank-N`: question records to browse and add, whole topics to a file, loaded a
//!   topic at a time.
//! - `planner-q-N`: records and packet blocks, by a hash of the question's id
//!   ([`bucket_of`]), so that any question named in a shared link or a custom packet is found
//!   by loading one file.
//! - `packet-meta`: the scorecard and checklist sheets, and the scorecards' scoring fields.
//!
//! Packet and scoring blocks are pre-rendered by the theme's own `packet_question` and
//! `score_question` components: custom packets and scoring pages (`roles/packet.html`,
//! `roles/score.html`) look exactly like the per-role ones.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::RenderError;
use super::theme::Theme;
use super::views::{self, Html};
use crate::hash::KeyHasher;
use crate::model::{Handbook, Question, QuestionIx, RoundItem};
use crate::output::{Rendered, Sink, fingerprinted, script_call};

/// Questions per id bucket, on average: a custom packet loads a few of these files.
pub const BUCKET_QUESTIONS: usize = 100;

/// Questions per bank file, unless one topic has more.
pub const BANK_QUESTIONS: usize = 250;

/// Up to this many questions, the bank can list every topic at once; above, a reader picks a
/// topic first, so the planning page never loads the whole handbook.
pub const BANK_ALL_TOPICS: usize = 1000;

/// Packet fragments are rendered for the custom packet page, `roles/packet.html`.
const PACKET_ROOT: &str = "../";

#[derive(Serialize)]
struct PlannerData {
    roles: Vec<PlannerRole>,
    scorecards: Vec<PlannerScorecard>,
    topics: Vec<PlannerTopic>,
    /// The questions that roles plan.
    questions: Vec<PlannerQuestion>,
    /// Question records by topic, for the bank (see `PlannerTopic::bank`).
    banks: Vec<String>,
    /// Records and packet blocks by `bucket_of` the question's id.
    buckets: Vec<String>,
    /// Whether the bank may list every topic at once.
    all_topics: bool,
    packet_meta: String,
}

#[derive(Serialize)]
struct PlannerRole {
    id: String,
    title: String,
    href: String,
    packet: String,
    level: Option<&'static str>,
    scorecard: Option<String>,
    checklists: Vec<String>,
    rounds: Vec<PlannerRound>,
}

#[derive(Serialize)]
struct PlannerRound {
    name: String,
    minutes: u32,
    /// Question ids, and for each `one_of` group the list of its ids (the planner picks one).
    items: Vec<PlannerItem>,
    /// The ids of the scorecard dimensions the round assesses.
    dimensions: Vec<String>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum PlannerItem {
    One(String),
    OneOf(Vec<String>),
}

#[derive(Serialize)]
struct PlannerScorecard {
    id: String,
    title: String,
    dimensions: Vec<PlannerDimension>,
}

#[derive(Serialize)]
struct PlannerDimension {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct PlannerTopic {
    id: String,
    title: String,
    /// How many questions it has.
    count: usize,
    /// Index into `banks` of the file with its questions.
    bank: usize,
}

#[derive(Serialize)]
struct PlannerQuestion {
    id: String,
    title: String,
    href: String,
    /// Index into `topics`.
    topic: usize,
    levels: Vec<&'static str>,
    minutes: u32,
    dimensions: Vec<String>,
}

impl PlannerQuestion {
    fn of(q: &Question) -> PlannerQuestion {
        PlannerQuestion {
            id: q.id.to_string(),
            title: q.title.clone(),
            href: q.output(),
            topic: q.topic.get(),
            levels: q.levels.iter().map(|l| l.as_str()).collect(),
            minutes: q.minutes,
            dimensions: q.dimensions.iter().map(|d| d.to_string()).collect(),
        }
    }
}

/// One id bucket: its questions' records, packet blocks and scoring blocks (id → HTML).
#[derive(Serialize)]
struct Bucket {
    questions: Vec<PlannerQuestion>,
    blocks: BTreeMap<String, String>,
    scores: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct PacketMeta {
    scorecards: BTreeMap<String, String>,
    /// Each scorecard's reminder for the packet cover, rendered.
    reminders: BTreeMap<String, String>,
    checklists: BTreeMap<String, String>,
    /// Each scorecard's dimensions and recommendation as the scoring page shows them.
    score_sheets: BTreeMap<String, String>,
}

/// Buckets rendered by an earlier build, by the hash of what they were made from.
#[derive(Default)]
pub struct PlannerCache {
    buckets: std::collections::HashMap<u64, Arc<str>>,
}

/// The bucket of a question id: FNV-1a (32 bits) of its bytes, modulo the number of buckets.
/// `planner.js` computes the same.
pub fn bucket_of(id: &str, buckets: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash % buckets.max(1) as u32) as usize
}

/// Writes the planner's files; returns the path of `planner-data`. With a `cache`, buckets
/// whose questions did not change since the last call are not rendered again.
pub fn write(
    handbook: &Handbook,
    theme: &Theme,
    sink: &dyn Sink,
    mut cache: Option<&mut PlannerCache>,
) -> Result<(String, Rendered), RenderError> {
    let mut written = Rendered::default();

    let previous = cache.as_deref_mut().map(|c| std::mem::take(&mut c.buckets));
    let count = handbook.questions.len().div_ceil(BUCKET_QUESTIONS).max(1);
    let mut members: Vec<Vec<&Question>> = vec![Vec::new(); count];
    for q in &handbook.questions {
        members[bucket_of(q.id.as_str(), count)].push(q);
    }
    // Each bucket is written as soon as it is made; only a session keeps the text.
    type Written = (u64, String, usize, Option<Arc<str>>);
    let buckets: Vec<Result<Written, RenderError>> = members
        .par_iter()
        .enumerate()
        .map(|(i, questions)| {
            let (key, text) = bucket(handbook, theme, questions, previous.as_ref())?;
            let path = fingerprinted(&format!("planner-q-{i}.js"), text.as_bytes());
            sink.write(&path, text.as_bytes())?;
            Ok((key, path, text.len(), previous.is_some().then_some(text)))
        })
        .collect();
    let mut bucket_paths = Vec::with_capacity(count);
    for result in buckets {
        let (key, path, len, text) = result?;
        if let (Some(cache), Some(text)) = (cache.as_deref_mut(), text) {
            cache.buckets.insert(key, text);
        }
        written.files += 1;
        written.bytes += len as u64;
        bucket_paths.push(path);
    }

    let mut put = |path: &str, text: &str| -> Result<(), RenderError> {
        sink.write(path, text.as_bytes())?;
        written.files += 1;
        written.bytes += text.len() as u64;
        Ok(())
    };

    // The bank: whole topics to a file, in topic order.
    let mut banks = Vec::new();
    let mut topic_bank = Vec::with_capacity(handbook.topics.len());
    let mut records: Vec<PlannerQuestion> = Vec::new();
    for topic in &handbook.topics {
        let full = !records.is_empty() && records.len() + topic.questions.len() > BANK_QUESTIONS;
        if full {
            let text = script_call("__hirebookPlannerBank", &records);
            let path = fingerprinted(&format!("planner-bank-{}.js", banks.len()), text.as_bytes());
            put(&path, &text)?;
            banks.push(path);
            records.clear();
        }
        topic_bank.push(banks.len());
        records.extend(
            topic
                .questions
                .iter()
                .map(|q| PlannerQuestion::of(handbook.question(*q))),
        );
    }
    if !records.is_empty() || banks.is_empty() {
        let text = script_call("__hirebookPlannerBank", &records);
        let path = fingerprinted(&format!("planner-bank-{}.js", banks.len()), text.as_bytes());
        put(&path, &text)?;
        banks.push(path);
    }

    let html = Html { root: PACKET_ROOT };
    let mut meta = PacketMeta {
        scorecards: BTreeMap::new(),
        reminders: BTreeMap::new(),
        checklists: BTreeMap::new(),
        score_sheets: BTreeMap::new(),
    };
    for s in &handbook.scorecards {
        let view = views::scorecard(handbook, s, &html);
        if let Some(reminder) = &view.reminder {
            meta.reminders.insert(s.id.to_string(), reminder.clone());
        }
        meta.scorecards.insert(
            s.id.to_string(),
            component(theme, "scorecard_sheet", "s", &view)?,
        );
        meta.score_sheets.insert(
            s.id.to_string(),
            component(theme, "score_dimensions", "s", &view)?,
        );
    }
    for c in &handbook.checklists {
        let view = views::checklist(handbook, c, &html);
        meta.checklists.insert(
            c.id.to_string(),
            component(theme, "checklist_sheet", "c", &view)?,
        );
    }
    let meta_text = script_call("__hirebookPacketMeta", &meta);
    let meta_path = fingerprinted("packet-meta.js", meta_text.as_bytes());
    put(&meta_path, &meta_text)?;

    let data = PlannerData {
        banks,
        buckets: bucket_paths,
        all_topics: handbook.questions.len() <= BANK_ALL_TOPICS,
        packet_meta: meta_path,
        ..planner_data(handbook, &topic_bank)
    };
    let data_text = format!(
        "window.__hirebookPlanner = {};\n",
        serde_json::to_string(&data).unwrap_or_default()
    );
    let data_path = fingerprinted("planner-data.js", data_text.as_bytes());
    put(&data_path, &data_text)?;
    Ok((data_path, written))
}

/// One bucket's script, or the previous build's when its questions did not change; with the
/// hash it was made from (0 when there is no previous build to compare with).
fn bucket(
    handbook: &Handbook,
    theme: &Theme,
    questions: &[&Question],
    previous: Option<&std::collections::HashMap<u64, Arc<str>>>,
) -> Result<(u64, Arc<str>), RenderError> {
    let html = Html { root: PACKET_ROOT };
    let views: Vec<_> = questions
        .iter()
        .map(|q| views::question(handbook, q, &html))
        .collect();
    let mut key = 0;
    if let Some(previous) = previous {
        let mut hasher = KeyHasher::default();
        hasher.feed(&theme.key.to_le_bytes());
        let _ = serde_json::to_writer(&mut hasher, &views);
        key = hasher.finish();
        if let Some(text) = previous.get(&key) {
            return Ok((key, text.clone()));
        }
    }
    let mut blocks = BTreeMap::new();
    let mut scores = BTreeMap::new();
    for view in views {
        let mut cx = Context::new();
        cx.insert("q", &view);
        cx.insert("number", &0);
        cx.insert("root", PACKET_ROOT);
        let block = render_component(theme, "packet_question", &cx)?;
        let score = render_component(theme, "score_question", &cx)?;
        blocks.insert(view.id.clone(), block);
        scores.insert(view.id, score);
    }
    let bucket = Bucket {
        questions: questions.iter().map(|q| PlannerQuestion::of(q)).collect(),
        blocks,
        scores,
    };
    Ok((
        key,
        Arc::from(script_call("__hirebookPlannerBucket", &bucket)),
    ))
}

/// Renders one of the theme's components with `key` bound to `value`.
fn component<T: Serialize>(
    theme: &Theme,
    name: &str,
    key: &'static str,
    value: &T,
) -> Result<String, RenderError> {
    let mut cx = Context::new();
    cx.insert(key, value);
    cx.insert("root", PACKET_ROOT);
    render_component(theme, name, &cx)
}

/// Renders one of the theme's components in `cx`.
fn render_component(theme: &Theme, name: &str, cx: &Context) -> Result<String, RenderError> {
    theme
        .tera
        .render_component(name, cx, None, true)
        .map_err(|e| RenderError::Templates(vec![theme.render_error(&e)]))
}

/// A classic script calling `callback` with `value` as JSON.
/// Roles, scorecards, topics (each with its bank file, `topic_bank`) and the questions roles
/// plan; the file lists are filled in by the caller.
fn planner_data(handbook: &Handbook, topic_bank: &[usize]) -> PlannerData {
    let mut planned: Vec<usize> = handbook
        .roles
        .iter()
        .flat_map(|r| r.rounds.iter().flat_map(|round| round.questions()))
        .map(|q| q.get())
        .collect();
    planned.sort_unstable();
    planned.dedup();
    PlannerData {
        roles: handbook
            .roles
            .iter()
            .map(|r| PlannerRole {
                id: r.id.to_string(),
                title: r.title.clone(),
                href: r.output(),
                packet: r.packet_output(),
                level: r.level.map(|l| l.as_str()),
                scorecard: r.scorecard.map(|s| handbook.scorecard(s).id.to_string()),
                checklists: r
                    .checklists
                    .iter()
                    .map(|c| handbook.checklist(*c).id.to_string())
                    .collect(),
                rounds: r
                    .rounds
                    .iter()
                    .map(|round| PlannerRound {
                        dimensions: handbook
                            .round_dimensions(r, round)
                            .iter()
                            .map(|d| d.id.to_string())
                            .collect(),
                        name: round.name.clone(),
                        minutes: round.minutes,
                        items: round
                            .items
                            .iter()
                            .map(|item| {
                                let id = |q: &QuestionIx| handbook.question(*q).id.to_string();
                                match item {
                                    RoundItem::One(q) => PlannerItem::One(id(q)),
                                    RoundItem::OneOf(group) => {
                                        PlannerItem::OneOf(group.iter().map(id).collect())
                                    }
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        scorecards: handbook
            .scorecards
            .iter()
            .map(|s| PlannerScorecard {
                id: s.id.to_string(),
                title: s.title.clone(),
                dimensions: s
                    .dimensions
                    .iter()
                    .map(|d| PlannerDimension {
                        id: d.id.to_string(),
                        name: d.name.clone(),
                    })
                    .collect(),
            })
            .collect(),
        topics: handbook
            .topics
            .iter()
            .zip(topic_bank)
            .map(|(t, bank)| PlannerTopic {
                id: t.id.to_string(),
                title: t.title.clone(),
                count: t.questions.len(),
                bank: *bank,
            })
            .collect(),
        questions: planned
            .into_iter()
            .map(|i| PlannerQuestion::of(&handbook.questions[i]))
            .collect(),
        banks: Vec::new(),
        buckets: Vec::new(),
        all_topics: true,
        packet_meta: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_spread_ids_and_stay_put() {
        // Fixed values: planner.js computes the same (tested in a browser by the planner tests).
        assert_eq!(bucket_of("orm-vs-raw-sql", 1), 0);
        let counts = (0..1000).fold(vec![0; 10], |mut counts, i| {
            counts[bucket_of(&format!("q{i:05}"), 10)] += 1;
            counts
        });
        assert!(counts.iter().all(|&n| (50..150).contains(&n)), "{counts:?}");
        assert_eq!(bucket_of("", 7), (0x811c_9dc5_u32 % 7) as usize);
    }
}
