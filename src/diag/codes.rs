//! The catalogue of diagnostic codes: one stable code and name per kind of problem.
//!
//! Codes are a public contract (CI scripts and editors match on them), so a code is never
//! reused for a different problem. `docs/diagnostics.md` explains each one with an example of
//! the fix; a test checks that every code listed here is documented there.

use std::fmt;

use super::Severity;

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = ($code:literal, $name:literal, $severity:ident), )*) => {
        /// A stable identifier for one kind of problem.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The short code, such as `H0102`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The kebab-case name, such as `unknown-dimension`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// How serious the problem is unless a command says otherwise.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }
        }
    };
}

codes! {
    // H00xx: the handbook as a whole: config, files, theme.
    /// book.toml is not valid TOML.
    ConfigSyntax = ("H0001", "config-syntax", Error),
    /// book.toml has a key hirebook does not know.
    ConfigUnknownKey = ("H0002", "config-unknown-key", Error),
    /// A book.toml value is missing or has the wrong type.
    ConfigInvalid = ("H0003", "config-invalid", Error),
    /// A file could not be read as text (I/O error, not UTF-8, too large).
    UnreadableFile = ("H0004", "unreadable-file", Error),
    /// The configured build dir would overwrite the sources.
    UnsafeBuildDir = ("H0005", "unsafe-build-dir", Error),
    /// A path leaves the handbook (symlink pointing out, `..`).
    PathOutsideHandbook = ("H0006", "path-outside-handbook", Error),
    /// A file in content/ that hirebook does not use.
    IgnoredFile = ("H0007", "ignored-file", Warning),

    // H01xx: references between files.
    /// A role names a question that does not exist.
    UnknownQuestion = ("H0101", "unknown-question", Error),
    /// A question names a scorecard dimension that no scorecard defines.
    UnknownDimension = ("H0102", "unknown-dimension", Error),
    /// A role names a scorecard that does not exist.
    UnknownScorecard = ("H0103", "unknown-scorecard", Error),
    /// A role names a checklist that does not exist.
    UnknownChecklist = ("H0104", "unknown-checklist", Error),
    /// A Markdown link points at a content file that does not exist.
    BrokenLink = ("H0105", "broken-link", Error),
    /// A Markdown link points at a heading anchor that the target page does not have.
    BrokenAnchor = ("H0106", "broken-anchor", Warning),
    /// A question's topic that topics.yaml does not list.
    UnknownTopic = ("H0107", "unknown-topic", Error),
    /// Questions' dimensions go unchecked while a scorecard cannot be read.
    DimensionsUnchecked = ("H0108", "dimensions-unchecked", Warning),
    /// Questions' topics go unchecked while topics.yaml cannot be read.
    TopicsUnchecked = ("H0109", "topics-unchecked", Warning),
    /// A retired question's `replaced_by` names no question, itself, or a retired one.
    BadReplacement = ("H0110", "bad-replacement", Error),
    /// A link to a draft question, which is left out of a build without `--drafts`.
    LinkToDraft = ("H0111", "link-to-draft", Error),
    /// A link from text one audience reads to a page only the other audience gets.
    LinkAcrossAudiences = ("H0112", "link-across-audiences", Error),

    // H02xx: the shape of one file.
    /// A Markdown file does not start with `---` front matter.
    MissingFrontMatter = ("H0201", "missing-front-matter", Error),
    /// Front matter starts with `---` but never ends.
    UnclosedFrontMatter = ("H0202", "unclosed-front-matter", Error),
    /// YAML that does not parse.
    YamlSyntax = ("H0203", "yaml-syntax", Error),
    /// A field hirebook does not know (often a typo).
    UnknownField = ("H0204", "unknown-field", Error),
    /// A required field is absent.
    MissingField = ("H0205", "missing-field", Error),
    /// A field has the wrong type or an impossible value.
    InvalidValue = ("H0206", "invalid-value", Error),
    /// A file name (and so an id) is not a valid slug.
    InvalidId = ("H0207", "invalid-id", Error),
    /// Two files of the same kind have the same id.
    DuplicateId = ("H0208", "duplicate-id", Error),
    /// Two sources would be written to the same page.
    OutputConflict = ("H0209", "output-conflict", Error),
    /// YAML anchors, aliases or tags: features a handbook never needs, and an alias repeated
    /// many times turns a small file into a huge one.
    UnsupportedYaml = ("H0210", "unsupported-yaml", Error),
    /// Markdown that would make far more than its size: a table padded to a huge header, or
    /// thousands of raw HTML tags.
    TooComplex = ("H0211", "too-complex", Error),
    /// An HTML comment (`<!--`) that never ends hides the rest of the document.
    UnclosedComment = ("H0212", "unclosed-comment", Error),
    /// An `<!-- interviewers-only -->` or `<!-- candidates-only -->` section that is never
    /// closed, closed without being opened, nested, or not on a line of its own.
    AudienceSection = ("H0213", "audience-section", Error),

    // H03xx: rules within one file.
    /// A scorecard's scale, labels or anchors are inconsistent.
    InvalidScale = ("H0301", "invalid-scale", Error),
    /// A scorecard defines the same dimension twice.
    DuplicateDimension = ("H0302", "duplicate-dimension", Error),
    /// A role lists the same question twice.
    DuplicateQuestionInRole = ("H0303", "duplicate-question-in-role", Error),
    /// A role lists the same checklist twice.
    DuplicateChecklistInRole = ("H0304", "duplicate-checklist-in-role", Error),
    /// A round's `one_of` group with fewer than two questions.
    SmallGroup = ("H0305", "small-group", Error),

    // H04xx: warnings reviewers care about (errors with --deny-warnings).
    /// A question that no role uses.
    UnusedQuestion = ("H0401", "unused-question", Warning),
    /// A scorecard dimension that no question gives evidence for.
    UncoveredDimension = ("H0402", "uncovered-dimension", Warning),
    /// A round whose questions take longer than its time budget.
    RoundOverBudget = ("H0403", "round-over-budget", Warning),
    /// A dimension without behavioural anchors for the lowest, middle and highest score.
    MissingAnchors = ("H0404", "missing-anchors", Warning),
    /// Two questions with the same title.
    DuplicateTitle = ("H0405", "duplicate-title", Warning),
    /// A topic described in topics.yaml that no question uses.
    UnusedTopic = ("H0406", "unused-topic", Warning),
    /// A `TODO` placeholder from `hirebook new` is still in the file.
    Placeholder = ("H0407", "placeholder", Warning),
    /// A topic only one question uses, a typo away from another topic (without topics.yaml).
    LikelyTopicTypo = ("H0408", "likely-topic-typo", Warning),
    /// A role's rounds name the dimensions they assess, and one of its scorecard's is in none.
    UnassessedDimension = ("H0409", "unassessed-dimension", Warning),
    /// A role still asks a retired question.
    RetiredInRole = ("H0410", "retired-in-role", Warning),
    /// A role asks a draft question, which its packets leave out without `--drafts`.
    DraftInRole = ("H0411", "draft-in-role", Warning),
    /// A question whose last review is longer ago than `[questions] review-months`.
    ReviewOverdue = ("H0412", "review-overdue", Warning),
    /// A `last_reviewed` or `retired_on` date later than today: a typo, or a plan written as
    /// a fact.
    FutureDate = ("H0413", "future-date", Warning),

    // H05xx: themes and templates.
    /// A theme template does not parse.
    TemplateSyntax = ("H0501", "template-syntax", Error),
    /// A theme template failed while rendering a page.
    TemplateRender = ("H0502", "template-render", Error),
    /// The configured theme folder does not exist.
    UnknownTheme = ("H0503", "unknown-theme", Error),
    /// A handbook's strings file (`i18n/<language>.toml`) does not fit the theme's strings.
    InvalidStrings = ("H0504", "invalid-strings", Error),

    // H06xx: untrusted content.
    /// Raw HTML in Markdown, shown as text because `allow-html` is off.
    RawHtml = ("H0601", "raw-html", Warning),
    /// A link or image URL with a scheme that is not allowed (`javascript:`, `data:` ...).
    DisallowedUrl = ("H0602", "disallowed-url", Error),
    /// A file a browser would run (HTML, JavaScript, an SVG with scripts) copied from content.
    ActiveFile = ("H0603", "active-file", Error),
    /// The build wrote far more than its content: something long is shown on many pages.
    OutputTooLarge = ("H0604", "output-too-large", Error),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique() {
        let codes: HashSet<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let names: HashSet<_> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(codes.len(), Code::ALL.len());
        assert_eq!(names.len(), Code::ALL.len());
    }

    #[test]
    fn every_code_is_documented() {
        let docs = include_str!("../../docs/diagnostics.md");
        for code in Code::ALL {
            let heading = format!("### {} {}", code.as_str(), code.name());
            assert!(
                docs.contains(&heading),
                "docs/diagnostics.md lacks `{heading}`"
            );
        }
    }

    #[test]
    fn codes_have_the_documented_shape() {
        for code in Code::ALL {
            let s = code.as_str();
            assert!(
                s.len() == 5 && s.starts_with('H') && s[1..].bytes().all(|b| b.is_ascii_digit()),
                "{s}"
            );
            assert!(
                code.name()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-')
            );
        }
    }
}
