//! Identifiers: slugs that name questions, roles, topics... and so become URLs.
//!
//! An id is only ever built from a string that passed `is_slug`, so every id is safe to use as
//! a file name and in a URL without escaping.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use crate::slug::is_slug;

/// A slug suggestion for an invalid name: `My Question.md` → `my-question`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

        impl $name {
            /// The id, if `s` is a valid slug.
            pub fn parse(s: &str) -> Option<Self> {
                is_slug(s).then(|| $name(Arc::from(s)))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

slug_id!(
    /// The file stem of `questions/**/<id>.md`.
    QuestionId
);
slug_id!(
    /// The file stem of `roles/<id>.yaml`.
    RoleId
);
slug_id!(
    /// The file stem of `scorecards/<id>.yaml`.
    ScorecardId
);
slug_id!(
    /// The file stem of `checklists/<id>.yaml`.
    ChecklistId
);
slug_id!(
    /// A scorecard dimension's `id`.
    DimensionId
);
slug_id!(
    /// A question's `topic`.
    TopicId
);

/// Seniority levels, in order.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Junior,
    Mid,
    Senior,
    Lead,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Junior, Level::Mid, Level::Senior, Level::Lead];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Lead => "lead",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Junior => "Junior",
            Level::Mid => "Mid-level",
            Level::Senior => "Senior",
            Level::Lead => "Lead",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for ok in ["orm", "orm-vs-sql", "a1", "q_10", "10"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in [
            "", "ORM", "-a", "a-", "a--b", "a b", "a/b", "..", "a.b", "é",
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(!is_slug(&"a".repeat(101)));
    }

    #[test]
    fn slugify_suggests_a_valid_slug() {
        assert_eq!(slugify("My Question (v2)"), "my-question-v2");
        assert!(is_slug(&slugify("ORM vs SQL")));
    }

    #[test]
    fn ids_only_from_slugs() {
        assert!(QuestionId::parse("orm-vs-sql").is_some());
        assert!(QuestionId::parse("../etc").is_none());
    }
}
