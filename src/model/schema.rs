//! JSON Schemas of the content files, generated from the very serde types that parse them, so
//! editors with a YAML language server check files the way `hirebook check` does.

use schemars::{JsonSchema, schema_for};

use super::raw::{RawChecklist, RawPage, RawQuestion, RawRole, RawScorecard, RawTopics};

/// A schema and the files it describes.
pub struct ContentSchema {
    /// `question.schema.json`
    pub file_name: &'static str,
    /// Glob of the files it applies to, relative to the content dir.
    pub applies_to: &'static str,
    pub schema: serde_json::Value,
}

fn schema<T: JsonSchema>() -> serde_json::Value {
    serde_json::to_value(schema_for!(T)).unwrap_or_default()
}

/// Every content kind's schema. Questions and pages describe front matter.
pub fn all() -> Vec<ContentSchema> {
    vec![
        ContentSchema {
            file_name: "question.schema.json",
            applies_to: "questions/**/*.md",
            schema: schema::<RawQuestion>(),
        },
        ContentSchema {
            file_name: "page.schema.json",
            applies_to: "**/*.md",
            schema: schema::<RawPage>(),
        },
        ContentSchema {
            file_name: "scorecard.schema.json",
            applies_to: "scorecards/*.yaml",
            schema: schema::<RawScorecard>(),
        },
        ContentSchema {
            file_name: "checklist.schema.json",
            applies_to: "checklists/*.yaml",
            schema: schema::<RawChecklist>(),
        },
        ContentSchema {
            file_name: "role.schema.json",
            applies_to: "roles/*.yaml",
            schema: schema::<RawRole>(),
        },
        ContentSchema {
            file_name: "topics.schema.json",
            applies_to: "topics.yaml",
            schema: schema::<RawTopics>(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_reject_unknown_fields_and_require_what_serde_requires() {
        let question = all()
            .into_iter()
            .find(|s| s.file_name == "question.schema.json")
            .unwrap();
        let s = &question.schema;
        assert_eq!(s["additionalProperties"], false);
        let required: Vec<&str> = s["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(required, ["title", "topic", "strong"]);
        assert!(
            s["properties"]["title"]["description"]
                .as_str()
                .unwrap()
                .contains("as you would ask it")
        );
    }
}
