//! The score file: what the scoring page (`roles/<id>/score.html`, `score.js`) exports and the
//! debrief page reads. The page writes it; this type describes it, for `hirebook schema`
//! (`hirebook-score.schema.json`) and for the tests that read what the page exported.
//! `docs/scoring.md` documents it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The `format` every score file names.
pub const FORMAT: &str = "hirebook-score";
/// The version of the format this hirebook writes and reads.
pub const VERSION: u32 = 1;

/// One interviewer's scores for one round of one candidate's interview
/// (`*.hirebook-score.json`).
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hirebook score file")]
// A custom plan names itself by its address; the role's own plan has none.
#[schemars(extend(
    "if" = { "properties": { "plan": { "const": "custom" } } },
    "then" = { "required": ["plan_address"] },
    "else" = { "not": { "required": ["plan_address"] } }
))]
pub struct ScoreFile {
    /// Always `hirebook-score`.
    #[schemars(extend("const" = "hirebook-score"))]
    pub format: String,
    /// The format's version: 1.
    #[schemars(extend("const" = 1))]
    pub version: u32,
    /// The handbook it was scored with.
    pub handbook: HandbookRef,
    /// The role whose plan was used.
    pub role: RoleRef,
    /// `role`: the role's own plan (`roles/<id>/score.html`); `custom`: a plan built in the
    /// planner (`roles/score.html`), whose address is `plan_address`.
    #[schemars(extend("enum" = ["role", "custom"]))]
    pub plan: String,
    /// For a `custom` plan: the planner's address of it (`#role=…&q=…`), which names its
    /// questions per round; files scored with the same plan have the same address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_address: Option<String>,
    pub round: RoundRef,
    pub candidate: String,
    pub interviewer: String,
    /// The interview's day, `2026-12-03`, if given.
    pub date: Option<String>,
    /// The scorecard the dimensions belong to, and its scale.
    pub scorecard: Option<ScorecardRef>,
    /// The round's questions, in order.
    pub questions: Vec<ScoredQuestion>,
    /// The dimensions the round assesses, in the scorecard's order.
    pub dimensions: Vec<ScoredDimension>,
    pub recommendation: Recommendation,
    /// When the file was written (ISO 8601, UTC).
    pub exported: String,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HandbookRef {
    pub title: String,
    /// `[book] version`, or the git commit and date the handbook was built from.
    pub version: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRef {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundRef {
    /// From 1.
    pub number: u32,
    pub name: String,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScorecardRef {
    pub id: String,
    pub min: u8,
    pub max: u8,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoredQuestion {
    pub id: String,
    pub title: String,
    pub asked: bool,
    /// The strong-answer points, each ticked or not.
    pub strong: Vec<Tick>,
    /// The follow-up probes, each ticked when asked.
    pub follow_ups: Vec<Tick>,
    /// Ticked, not ticked, or `null` when the question has none.
    pub good_sign: Option<bool>,
    pub red_flag: Option<bool>,
    pub notes: String,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tick {
    pub text: String,
    pub ticked: bool,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoredDimension {
    pub id: String,
    pub name: String,
    /// On the scorecard's scale; `null` when not scored.
    pub score: Option<u8>,
    pub evidence: String,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// One of the scorecard's `recommendation` values, or `null`.
    pub value: Option<String>,
    pub reason: String,
}

/// The JSON Schema of a score file.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ScoreFile)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_pins_the_format_version_and_plan() {
        let schema = schema();
        let props = &schema["properties"];
        assert_eq!(props["format"]["const"], FORMAT);
        assert_eq!(props["version"]["const"], VERSION);
        assert_eq!(props["plan"]["enum"], serde_json::json!(["role", "custom"]));
        assert_eq!(
            schema["then"]["required"],
            serde_json::json!(["plan_address"])
        );
        assert_eq!(
            schema["else"]["not"]["required"],
            serde_json::json!(["plan_address"])
        );
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for field in [
            "format",
            "version",
            "role",
            "round",
            "candidate",
            "dimensions",
        ] {
            assert!(required.contains(&field), "{field} is not required");
        }
    }
}
