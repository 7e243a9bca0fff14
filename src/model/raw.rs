//! Serde mirrors of the content files, exactly as written. They never leave `model/`.
//!
//! The doc comments here become the descriptions in the JSON Schemas (`hirebook schema`), so
//! they are written for content editors.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::audience::Readers;
use super::ids::Level;
use super::lifecycle::Status;

/// The front matter of a question file (`content/questions/**/<id>.md`). The Markdown after it
/// is the interviewer's notes: why ask it, context, what to listen for.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hirebook question front matter")]
pub struct RawQuestion {
    /// The question as you would ask it.
    pub title: String,
    /// The topic, as a slug (`database`, `security`); each topic gets a page.
    pub topic: String,
    /// The levels this question suits: one or more of junior, mid, senior, lead.
    #[serde(default)]
    pub level: OneOrMany<Level>,
    /// Minutes to allow for the question and its follow-ups. Default 10.
    #[schemars(range(min = 1, max = 240))]
    pub minutes: Option<u32>,
    /// Ids of the scorecard dimensions this question gives evidence for.
    #[serde(default)]
    pub dimensions: Vec<String>,
    /// What a strong answer covers; at least one point. Printed as tick boxes in packets.
    #[schemars(length(min = 1))]
    pub strong: Vec<String>,
    /// What a good answer sounds like.
    pub good_sign: Option<String>,
    /// The answer that should worry you.
    pub red_flag: Option<String>,
    /// Probes to ask after the first answer.
    #[serde(default)]
    pub follow_ups: Vec<String>,
    /// Free keywords that help search.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Where the question is in its life: `draft` (checked, published only with `--drafts`),
    /// `active` (the default) or `retired` (the page stays, with a banner; it leaves the
    /// planner and search).
    pub status: Option<Status>,
    /// For a retired question: the day it was retired, as `2026-03-01`.
    pub retired_on: Option<String>,
    /// For a retired question: why, in a sentence (it leaked, it stopped telling candidates
    /// apart...).
    pub retired_reason: Option<String>,
    /// For a retired question: the id of the question to ask instead.
    pub replaced_by: Option<String>,
    /// The day the question was last reviewed, as `2026-03-01`; `[questions] review-months`
    /// in book.toml says how often questions are due.
    pub last_reviewed: Option<String>,
    /// Who reads it: `interviewers` (the default), or `both` to share it with candidates as a
    /// sample question (its title, topic, level, minutes and `candidate_note`; never its
    /// strong points, signals, follow-ups or notes).
    pub audience: Option<Readers>,
    /// For a sample question: a sentence or two for candidates (what it explores, how to
    /// prepare).
    pub candidate_note: Option<String>,
}

/// The front matter of a prose page (any other `content/**/*.md`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hirebook page front matter")]
pub struct RawPage {
    /// The page title.
    pub title: String,
    /// Ordering among pages of the same folder: lower comes first. Default 0, then by title.
    #[serde(default)]
    pub weight: i32,
    /// One sentence for search results and the page's description.
    pub description: Option<String>,
    /// Who reads it: `both` (the default), `interviewers` or `candidates`. A section of the
    /// page can be for one audience: put it between `<!-- interviewers-only -->` and
    /// `<!-- /interviewers-only -->` (or the `candidates-only` pair), each on a line of its own.
    pub audience: Option<Readers>,
}

/// A scorecard (`content/scorecards/<id>.yaml`): the dimensions a candidate is scored on.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hirebook scorecard")]
pub struct RawScorecard {
    /// The scorecard's name.
    pub title: String,
    /// What the scorecard is for and how to use it.
    pub description: Option<String>,
    /// The scoring scale. Default 1 to 5.
    pub scale: Option<RawScale>,
    /// The dimensions to score, in order.
    #[schemars(length(min = 1))]
    pub dimensions: Vec<RawDimension>,
    /// The overall decision scale, lowest first, e.g. [Strong no, No, Yes, Strong yes].
    #[serde(default)]
    pub recommendation: Vec<String>,
    /// What an interviewer should do for every question (Markdown), printed on the cover of
    /// each packet that uses this scorecard.
    pub reminder: Option<String>,
    /// Who reads it: `interviewers` (the default), or `both` to show candidates what is
    /// assessed (the dimensions' names and descriptions; never the anchors, labels or
    /// recommendation).
    pub audience: Option<Readers>,
    /// For candidates: a sentence or two in place of the description.
    pub candidate_note: Option<String>,
}

/// A scoring scale.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    /// The lowest score. Default 1.
    #[serde(default = "default_min")]
    pub min: u8,
    /// The highest score. Default 5.
    #[serde(default = "default_max")]
    pub max: u8,
    /// A short label for some or all scores, e.g. {1: No evidence, 3: Meets the bar}.
    #[serde(default)]
    pub labels: BTreeMap<u8, String>,
}

fn default_min() -> u8 {
    1
}

fn default_max() -> u8 {
    5
}

/// One scorecard dimension.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDimension {
    /// A slug that questions use in their `dimensions` list.
    pub id: String,
    /// The dimension's name, e.g. "Security awareness".
    pub name: String,
    /// What this dimension means.
    pub description: Option<String>,
    /// Behavioural anchors: what a given score looks like, e.g. {1: ..., 3: ..., 5: ...}.
    #[serde(default)]
    pub anchors: BTreeMap<u8, String>,
}

/// A checklist for interviewers (`content/checklists/<id>.yaml`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hirebook checklist")]
pub struct RawChecklist {
    /// The checklist's name.
    pub title: String,
    /// A sentence or two on when to use it.
    pub intro: Option<String>,
    /// The items, in order.
    #[schemars(length(min = 1))]
    pub items: Vec<RawChecklistItem>,
    /// Who reads it: `interviewers` (the default), or `both` to share the whole checklist with
    /// candidates.
    pub audience: Option<Readers>,
}

/// One checklist item.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawChecklistItem {
    /// The item, short.
    pub title: String,
    /// Why it matters.
    pub why: Option<String>,
    /// What to do instead.
    pub instead: Option<String>,
}

/// An interview plan for one role (`content/roles/<id>.yaml`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hirebook role")]
pub struct RawRole {
    /// The role's name, e.g. "Senior Django engineer".
    pub title: String,
    /// Who this role is and what the plan looks for.
    pub summary: String,
    /// The role's level: junior, mid, senior or lead.
    pub level: Option<Level>,
    /// The id of the scorecard interviewers fill in.
    pub scorecard: Option<String>,
    /// Ids of the checklists printed with the packet.
    #[serde(default)]
    pub checklists: Vec<String>,
    /// The interview rounds, in order.
    #[schemars(length(min = 1))]
    pub rounds: Vec<RawRound>,
    /// Who reads it: `interviewers` (the default), or `both` to show candidates the process
    /// (the rounds' names and minutes, and the dimensions they assess when the scorecard is
    /// shared; never the questions, focus or checklists).
    pub audience: Option<Readers>,
    /// For candidates: a sentence or two about the process, in place of the summary.
    pub candidate_note: Option<String>,
}

/// One interview round.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRound {
    /// The round's name, e.g. "Technical assessment".
    pub name: String,
    /// The round's time budget in minutes.
    #[schemars(range(min = 1, max = 600))]
    pub minutes: u32,
    /// What this round is for.
    pub focus: Option<String>,
    /// The questions to ask, in order: each an id, or `one_of: [id, id, ...]` for a group of
    /// interchangeable questions of which the interviewer asks one.
    #[serde(default)]
    pub questions: Vec<RawRoundItem>,
    /// Ids of the role's scorecard dimensions this round assesses.
    #[serde(default)]
    pub dimensions: Vec<String>,
}

/// One entry of a round's `questions`. (Read by hand, not by serde's `untagged`: an id written
/// as a number, `2024`, is text, as it is in any other list of ids.)
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged)]
pub enum RawRoundItem {
    /// A question id.
    One(String),
    /// Interchangeable questions: ask one of them (rotated, so candidates cannot rehearse one).
    Group(RawGroup),
}

impl<'de> Deserialize<'de> for RawRoundItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = RawRoundItem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a question id, or `one_of:` and a list of question ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawRoundItem, E> {
                Ok(RawRoundItem::One(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawRoundItem, E> {
                Ok(RawRoundItem::One(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawRoundItem, E> {
                Ok(RawRoundItem::One(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawRoundItem, E> {
                Ok(RawRoundItem::One(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawRoundItem, E> {
                Ok(RawRoundItem::One(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawRoundItem, E> {
                Err(E::custom(
                    "this entry is empty: write a question id, or `one_of:` and a list of ids",
                ))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawRoundItem, A::Error> {
                RawGroup::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawRoundItem::Group)
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

/// `one_of: [id, id, ...]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// The ids of two or more interchangeable questions.
    pub one_of: Vec<String>,
}

/// Names and descriptions for topics (`content/topics.yaml`), keyed by topic slug.
pub type RawTopics = BTreeMap<String, RawTopic>;

/// How a topic is presented.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    /// The topic's display name, e.g. "API design".
    pub title: String,
    /// What questions in this topic explore.
    pub description: Option<String>,
    /// Ordering: lower comes first. Default 0, then by title.
    #[serde(default)]
    pub weight: i32,
}

/// One value or a list of values: `level: senior` and `level: [mid, senior]` both work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
            type Value = OneOrMany<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value or a list of values")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                T::deserialize(de::value::StrDeserializer::new(v)).map(|t| OneOrMany(vec![t]))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(OneOrMany(items))
            }
        }

        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

impl<T: JsonSchema> JsonSchema for OneOrMany<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("OneOrMany_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = generator.subschema_for::<T>();
        schemars::json_schema!({
            "anyOf": [one, { "type": "array", "items": one }]
        })
    }
}
