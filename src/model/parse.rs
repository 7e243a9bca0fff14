//! Parsing one file on its own into a draft: front matter, YAML and Markdown, with the checks
//! that need no other file. References between files are resolved in `validate`.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::audience::{Editions, Readers};
use super::lifecycle::{Date, Status};
use super::raw::{
    RawChecklist, RawPage, RawQuestion, RawRole, RawRoundItem, RawScorecard, RawTopics,
};
use super::yaml::{from_yaml_all, locate};
use super::{
    Checklist, ChecklistItem, Dimension, Page, QUESTION_SECTION_IDS, Scale, Scorecard, SourceRef,
    ids::{self, ChecklistId, DimensionId, Level, QuestionId, RoleId, ScorecardId, TopicId},
    page_output,
};
use crate::diag::{Code, Diagnostic, Position};
use crate::markdown::sections::{self, Only, Sections};
use crate::markdown::{self, Document, Fragment, Inline, Locate, Origin};
use crate::source::front_matter::{self, SplitError};
use crate::source::yaml_path::{Seg, Target};
use crate::source::{SourceFile, SourceKind};

/// The longest title or name, in characters (a long question title is about 100).
pub const MAX_TITLE_CHARS: usize = 300;

/// The most dimensions a scorecard defines, or a question names (real ones have 4 to 10):
/// dimensions are compared with each other across scorecards, questions and roles.
pub const MAX_DIMENSIONS: usize = 100;

/// A file parsed on its own, before references to other files are checked.
#[derive(Clone)]
pub(crate) enum Draft {
    Question(Box<QuestionDraft>),
    Scorecard(Scorecard),
    Checklist(Checklist),
    Role(RoleDraft),
    Page(Page),
    Topics(Vec<TopicMeta>),
}

#[derive(Clone)]
pub(crate) struct QuestionDraft {
    pub id: QuestionId,
    pub source: SourceRef,
    pub title: String,
    pub title_html: Option<String>,
    pub topic: TopicId,
    pub levels: Vec<Level>,
    pub minutes: u32,
    /// As written; checked against the scorecards in `validate`.
    pub dimensions: Vec<String>,
    pub strong: Vec<Inline>,
    pub good_sign: Option<Inline>,
    pub red_flag: Option<Inline>,
    pub follow_ups: Vec<Inline>,
    pub tags: Vec<String>,
    pub body: Arc<Document>,
    pub title_at: Option<Position>,
    pub status: Status,
    /// For a retired question: when and why (`replaced_by` as written, checked in `validate`).
    pub retired_on: Option<Date>,
    pub retired_reason: Option<String>,
    pub replaced_by: Option<String>,
    pub last_reviewed: Option<Date>,
    pub readers: Readers,
    pub candidate_note: Option<Inline>,
}

#[derive(Clone)]
pub(crate) struct RoleDraft {
    pub id: RoleId,
    pub source: SourceRef,
    pub title: String,
    pub summary: Inline,
    pub level: Option<Level>,
    pub scorecard: Option<String>,
    pub checklists: Vec<String>,
    pub rounds: Vec<RoundDraft>,
    pub readers: Readers,
    pub candidate_note: Option<Inline>,
}

#[derive(Clone)]
pub(crate) struct RoundDraft {
    pub name: String,
    pub minutes: u32,
    pub focus: Option<Inline>,
    pub questions: Vec<RawRoundItem>,
    pub dimensions: Vec<String>,
}

#[derive(Clone)]
pub(crate) struct TopicMeta {
    pub id: TopicId,
    pub title: String,
    pub description: Option<Inline>,
    pub weight: i32,
}

/// Parses one file. Problems go to `diagnostics`; `None` when the file is unusable.
pub(super) fn parse_file(
    file: &SourceFile,
    options: &markdown::Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Draft> {
    diagnostics.extend(super::placeholders::find(file));
    let mut p = FileParser {
        file,
        options,
        diagnostics,
    };
    match file.kind {
        SourceKind::Question => p.question().map(|q| Draft::Question(Box::new(q))),
        SourceKind::Page => p.page().map(Draft::Page),
        SourceKind::Scorecard => p.scorecard().map(Draft::Scorecard),
        SourceKind::Checklist => p.checklist().map(Draft::Checklist),
        SourceKind::Role => p.role().map(Draft::Role),
        SourceKind::Topics => p.topics().map(Draft::Topics),
    }
}

struct FileParser<'a, 'o> {
    file: &'a SourceFile,
    options: &'a markdown::Options<'o>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

/// Builds a YAML path: `path!["rounds", 0, "questions"]`.
macro_rules! path {
    ($($seg:expr),* $(,)?) => { vec![$(Seg::from($seg)),*] };
}

impl From<&str> for Seg {
    fn from(s: &str) -> Seg {
        Seg::Key(s.to_owned())
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Seg {
        Seg::Index(i)
    }
}

impl FileParser<'_, '_> {
    fn source(&self) -> SourceRef {
        SourceRef {
            path: self.file.path.clone(),
            content_path: self.file.content_path.clone(),
        }
    }

    fn at(&self, path: Vec<Seg>) -> Option<Position> {
        locate(self.file, &path, Target::Value)
    }

    fn at_key(&self, path: Vec<Seg>) -> Option<Position> {
        locate(self.file, &path, Target::Key)
    }

    fn error(&mut self, code: Code, message: String, position: Option<Position>, hint: String) {
        self.diagnostics.push(
            Diagnostic::new(code, message)
                .in_file(&self.file.path)
                .at(position)
                .with_hint(hint),
        );
    }

    /// The id from the file name, which must be a slug.
    fn file_id(&mut self) -> Option<String> {
        let name = self
            .file
            .content_path
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        if ids::is_slug(stem) {
            return Some(stem.to_owned());
        }
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        let suggestion = ids::slugify(stem);
        self.error(
            Code::InvalidId,
            format!("`{stem}` is not a valid id (ids come from file names and become URLs)"),
            None,
            if suggestion.is_empty() {
                "name the file with lowercase letters, digits and `-`".to_owned()
            } else {
                format!("rename the file to `{suggestion}.{ext}`")
            },
        );
        None
    }

    fn front_matter<T: serde::de::DeserializeOwned + schemars::JsonSchema>(
        &mut self,
    ) -> Option<(T, Arc<Document>, Option<Editions>)> {
        let text = &self.file.text;
        let split = match front_matter::split(text) {
            Ok(split) => split,
            Err(SplitError::Missing) => {
                self.error(
                    Code::MissingFrontMatter,
                    "the file does not start with `---` front matter".to_owned(),
                    Some(Position::new(1, 1)),
                    "start the file with a line `---`, the YAML fields (at least `title:`), then another `---`".to_owned(),
                );
                return None;
            }
            Err(SplitError::Unclosed) => {
                self.error(
                    Code::UnclosedFrontMatter,
                    "the front matter opened on line 1 is never closed".to_owned(),
                    Some(Position::new(1, 1)),
                    "add a line `---` after the last YAML field".to_owned(),
                );
                return None;
            }
        };
        // The body is read even when the front matter has problems: a broken link in it is
        // reported in the same run, not after the front matter is fixed.
        let (raw, problems) = from_yaml_all::<T>(split.yaml, &self.file.path, split.yaml_line);
        self.diagnostics.extend(problems);
        let reserved: &[&str] = match self.file.kind {
            SourceKind::Question => QUESTION_SECTION_IDS,
            _ => &["main", "search", "nav"],
        };
        let origin = Origin {
            file: &self.file.path,
            content_path: &self.file.content_path,
            locate: Locate::InFile {
                text,
                offset: split.body_offset,
            },
        };
        let sections = match self.file.kind {
            SourceKind::Page => {
                sections::find(split.body, &self.file.path, text, split.body_offset).unwrap_or_else(
                    |problems| {
                        self.diagnostics.extend(problems);
                        Sections::default()
                    },
                )
            }
            _ => Sections::default(),
        };
        if sections.spans.is_empty() {
            let body = markdown::document(
                split.body,
                &origin,
                self.options,
                reserved,
                self.diagnostics,
            );
            // Shared, so keeping a parse across builds (serve) costs no copy of the text.
            return Some((raw?, Arc::new(body), None));
        }
        // Each edition rendered on its own (headings, links and search text differ). The
        // text both read is reported once, from the interviewers' edition; the candidates'
        // adds what is in its own sections.
        let interviewers = sections.edition(split.body, Only::Interviewers);
        let body = markdown::document(
            &interviewers,
            &origin,
            self.options,
            reserved,
            self.diagnostics,
        );
        let candidates = sections.edition(split.body, Only::Candidates);
        let line = |offset: usize| crate::diag::lines::position_at(text, offset).line;
        let lines_of = |of: Only| -> Vec<(u32, u32)> {
            sections
                .spans
                .iter()
                .filter(|(only, _)| *only == of)
                .map(|(_, span)| {
                    (
                        line(split.body_offset + span.start),
                        line(split.body_offset + span.end.saturating_sub(1)),
                    )
                })
                .collect()
        };
        let own_lines = lines_of(Only::Candidates);
        let own = |at: Option<Position>| {
            at.is_some_and(|p| own_lines.iter().any(|(a, b)| (*a..=*b).contains(&p.line)))
        };
        let mut scratch = Vec::new();
        let links_before = self.options.generated_links.borrow().len();
        let candidates_body =
            markdown::document(&candidates, &origin, self.options, reserved, &mut scratch);
        self.diagnostics
            .extend(scratch.into_iter().filter(|d| own(d.position)));
        {
            let mut links = self.options.generated_links.borrow_mut();
            let mut i = 0;
            links.retain(|l| {
                i += 1;
                i <= links_before || own(l.position)
            });
        }
        let body = Arc::new(body);
        let editions = Editions {
            interviewers: body.clone(),
            candidates: Arc::new(candidates_body),
            interviewers_only: lines_of(Only::Interviewers),
            candidates_only: own_lines,
        };
        Some((raw?, body, Some(editions)))
    }

    fn yaml<T: serde::de::DeserializeOwned + schemars::JsonSchema>(&mut self) -> Option<T> {
        let (value, problems) = from_yaml_all(&self.file.text, &self.file.path, 1);
        self.diagnostics.extend(problems);
        value
    }

    /// Renders a front matter string as inline Markdown; diagnostics point at the value.
    fn inline(&mut self, text: &str, path: Vec<Seg>) -> Inline {
        self.value_markdown(path, |origin, options, diagnostics| {
            markdown::inline(text, origin, options, diagnostics)
        })
    }

    /// A value that may hold paragraphs and lists.
    fn block(&mut self, text: &str, path: Vec<Seg>) -> Fragment {
        // The theme's own ids (THEME_IDS) are never given to headings.
        self.value_markdown(path, |origin, options, diagnostics| {
            markdown::document(text, origin, options, &[], diagnostics).html
        })
    }

    /// Renders the front matter value at `path` with `render`, diagnostics pointing at it.
    fn value_markdown<T>(
        &mut self,
        path: Vec<Seg>,
        render: impl FnOnce(&Origin, &markdown::Options, &mut Vec<Diagnostic>) -> T,
    ) -> T {
        let file = self.file;
        let find = move || locate(file, &path, Target::Value);
        let origin = Origin {
            file: &file.path,
            content_path: &file.content_path,
            locate: Locate::Lazy(&find),
        };
        render(&origin, self.options, self.diagnostics)
    }

    fn optional_inline(&mut self, text: Option<String>, path: Vec<Seg>) -> Option<Inline> {
        text.filter(|t| !t.trim().is_empty())
            .map(|t| self.inline(&t, path))
    }

    /// A required text value must have some text in it.
    /// A title or name: not empty, and short. Titles and names are repeated wherever the
    /// thing is listed (sidebars, role cards, packets, every search entry of its sections), so
    /// a long one would be copied thousands of times.
    fn non_empty(&mut self, value: &str, path: Vec<Seg>, what: &str) -> bool {
        let chars = value.trim().chars().count();
        if chars == 0 {
            let position = self.at(path);
            self.error(
                Code::InvalidValue,
                format!("{what} is empty"),
                position,
                format!("write the {what}"),
            );
            return false;
        }
        if chars > MAX_TITLE_CHARS {
            let position = self.at(path);
            self.error(
                Code::InvalidValue,
                format!("{what} is {chars} characters long; the most is {MAX_TITLE_CHARS}"),
                position,
                format!("shorten the {what}, and move the rest into the text"),
            );
            return false;
        }
        true
    }

    fn question(&mut self) -> Option<QuestionDraft> {
        let id = self.file_id();
        let (raw, body, _) = self.front_matter::<RawQuestion>()?;
        let id = id.and_then(|id| {
            if id == "index" {
                self.error(
                    Code::OutputConflict,
                    "a question cannot be called `index`: that page lists all questions".to_owned(),
                    None,
                    "rename the file".to_owned(),
                );
                return None;
            }
            QuestionId::parse(&id)
        });
        self.non_empty(&raw.title, path!["title"], "title");
        let topic = TopicId::parse(&raw.topic);
        if topic.is_none() {
            let position = self.at(path!["topic"]);
            self.error(
                Code::InvalidValue,
                if raw.topic.trim().is_empty() {
                    "the topic is empty".to_owned()
                } else {
                    format!("topic `{}` is not a slug", raw.topic)
                },
                position,
                format!(
                    "topics are slugs, e.g. `{}`; their display names go in topics.yaml",
                    Some(ids::slugify(&raw.topic))
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| "database".to_owned())
                ),
            );
        }
        let minutes = raw.minutes.unwrap_or(10);
        if !(1..=240).contains(&minutes) {
            let position = self.at(path!["minutes"]);
            self.error(
                Code::InvalidValue,
                format!("{minutes} minutes is not a sensible time for one question"),
                position,
                "give a number of minutes from 1 to 240".to_owned(),
            );
        }
        if raw.strong.is_empty() {
            let position = self.at_key(path!["strong"]);
            self.error(
                Code::InvalidValue,
                "`strong` needs at least one point".to_owned(),
                position,
                "list what a strong answer covers, one `- point` per line".to_owned(),
            );
        }
        let mut strong = Vec::with_capacity(raw.strong.len());
        for (i, point) in raw.strong.iter().enumerate() {
            if self.non_empty(point, path!["strong", i], "point") {
                strong.push(self.inline(point, path!["strong", i]));
            }
        }
        let good_sign = self.optional_inline(raw.good_sign, path!["good_sign"]);
        let red_flag = self.optional_inline(raw.red_flag, path!["red_flag"]);
        let follow_ups = raw
            .follow_ups
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.trim().is_empty())
            .map(|(i, f)| self.inline(f, path!["follow_ups", i]))
            .collect();
        let mut levels = raw.level.0;
        levels.sort();
        levels.dedup();
        // The file's own problems are reported above; its draft goes on all the same, so that
        // its references are checked in this run too (a handbook with errors is never written).
        if raw.dimensions.len() > MAX_DIMENSIONS {
            let position = self.at_key(path!["dimensions"]);
            self.error(
                Code::InvalidValue,
                format!(
                    "a question gives evidence for at most {MAX_DIMENSIONS} dimensions, not {}",
                    raw.dimensions.len()
                ),
                position,
                "list the dimensions the question really tells you about".to_owned(),
            );
            return None;
        }
        let status = raw.status.unwrap_or_default();
        let readers = self.shared(
            raw.audience,
            "a question",
            "as a sample question (they see its title, topic, level, minutes and `candidate_note`)",
        );
        let candidate_note = self.candidate_note(raw.candidate_note, readers, "a sample question");
        let retired_on = self.date(raw.retired_on.as_deref(), "retired_on");
        let last_reviewed = self.date(raw.last_reviewed.as_deref(), "last_reviewed");
        if status != Status::Retired {
            for (field, given) in [
                ("retired_on", raw.retired_on.is_some()),
                ("retired_reason", raw.retired_reason.is_some()),
                ("replaced_by", raw.replaced_by.is_some()),
            ] {
                if given {
                    let position = self.at_key(path![field]);
                    self.error(
                        Code::InvalidValue,
                        format!(
                            "`{field}` is for retired questions, and this one is {}",
                            status.as_str()
                        ),
                        position,
                        "add `status: retired`, or remove the field".to_owned(),
                    );
                }
            }
        }
        let title = markdown::title::title(&raw.title);
        Some(QuestionDraft {
            id: id?,
            source: self.source(),
            title: title.text,
            title_html: title.html,
            topic: topic?,
            levels,
            minutes,
            dimensions: raw.dimensions,
            strong,
            good_sign,
            red_flag,
            follow_ups,
            tags: raw.tags,
            body,
            title_at: self.title_line(),
            status,
            retired_on,
            retired_reason: raw
                .retired_reason
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty()),
            replaced_by: raw.replaced_by.map(|r| r.trim().to_owned()),
            last_reviewed,
            readers,
            candidate_note,
        })
    }

    /// Who reads a file that interviewers always read (all but prose pages): `interviewers`
    /// (the default) or `both`; `candidates` would take it from interviewers (and from the
    /// roles and packets that name it), so it is refused with the fix.
    fn shared(&mut self, audience: Option<Readers>, what: &str, how: &str) -> Readers {
        match audience {
            Some(Readers::Candidates) => {
                let position = self.at(path!["audience"]);
                self.error(
                    Code::InvalidValue,
                    format!(
                        "{what} is always for interviewers: `audience: candidates` would hide it \
                         from them"
                    ),
                    position,
                    format!("write `audience: both` to share it with candidates {how}"),
                );
                Readers::Both
            }
            Some(readers) => readers,
            None => Readers::Interviewers,
        }
    }

    /// `candidate_note`, rendered; on a file only interviewers read it is a mistake (the note
    /// would never be shown), told with the fix.
    fn candidate_note(
        &mut self,
        note: Option<String>,
        readers: Readers,
        what: &str,
    ) -> Option<Inline> {
        let note = self.optional_inline(note, path!["candidate_note"])?;
        if readers == Readers::Interviewers {
            let position = self.at_key(path!["candidate_note"]);
            self.error(
                Code::InvalidValue,
                "`candidate_note` is for candidates, and only interviewers read this file"
                    .to_owned(),
                position,
                format!("add `audience: both` to share it as {what}, or remove the note"),
            );
        }
        Some(note)
    }

    /// The date in `field`, if it is given and is a real day written `YYYY-MM-DD`.
    fn date(&mut self, written: Option<&str>, field: &str) -> Option<Date> {
        let written = written?;
        let date = Date::parse(written);
        if date.is_none() {
            let position = self.at(path![field]);
            self.error(
                Code::InvalidValue,
                format!("`{}` is not a date", written.trim()),
                position,
                format!("write the day as year-month-day, e.g. `{field}: 2026-03-01`"),
            );
        }
        date
    }

    /// Where the `title:` key is, found by a scan rather than a second YAML parse: every
    /// question keeps it, for a warning that may come once the file's text is gone.
    fn title_line(&self) -> Option<Position> {
        let split = front_matter::split(&self.file.text).ok()?;
        let line = split.yaml.lines().position(|l| {
            l.strip_prefix("title")
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })?;
        Some(Position::new(split.yaml_line + line, 1))
    }

    fn page(&mut self) -> Option<Page> {
        // A page's path becomes its URL, folders included: each part is a slug, as for ids.
        let path = &self.file.content_path;
        let stem = path.strip_suffix(".md").unwrap_or(path);
        if let Some(part) = stem.split('/').find(|part| !ids::is_slug(part)) {
            let suggestion: Vec<String> = stem.split('/').map(ids::slugify).collect();
            self.error(
                Code::InvalidId,
                format!("`{part}` in this page's path is not a valid name (paths become URLs)"),
                None,
                format!(
                    "use lowercase letters, digits and `-`: rename it to `{}.md`",
                    suggestion.join("/")
                ),
            );
            return None;
        }
        let (raw, body, editions) = self.front_matter::<RawPage>()?;
        if !self.non_empty(&raw.title, path!["title"], "title") {
            return None;
        }
        Some(Page {
            source: self.source(),
            output: page_output(&self.file.content_path),
            title: raw.title.trim().to_owned(),
            weight: raw.weight,
            description: raw.description.filter(|d| !d.trim().is_empty()),
            body,
            readers: raw.audience.unwrap_or(Readers::Both),
            editions,
        })
    }

    fn scorecard(&mut self) -> Option<Scorecard> {
        let id = self.file_id();
        let raw = self.yaml::<RawScorecard>()?;
        let mut ok = self.non_empty(&raw.title, path!["title"], "title");
        let readers = self.shared(
            raw.audience,
            "a scorecard",
            "(they see what it assesses: the dimensions' names and descriptions)",
        );
        let candidate_note =
            self.candidate_note(raw.candidate_note.clone(), readers, "what it assesses");
        let scale = match raw.scale {
            None => Scale::default(),
            Some(s) => Scale {
                min: s.min,
                max: s.max,
                labels: s.labels,
            },
        };
        // Labels and anchors are only checked against a usable scale.
        let scale_ok = scale.min < scale.max && scale.max - scale.min <= 10;
        if !scale_ok {
            let position = self.at_key(path!["scale"]);
            self.error(
                Code::InvalidScale,
                format!("the scale {} to {} is not usable", scale.min, scale.max),
                position,
                "use `min` lower than `max`, at most 10 steps apart, e.g. { min: 1, max: 5 }"
                    .to_owned(),
            );
            ok = false;
        }
        for score in scale.labels.keys().filter(|_| scale_ok) {
            if !(scale.min..=scale.max).contains(score) {
                let position = self.at_key(path!["scale", "labels", score.to_string().as_str()]);
                self.error(
                    Code::InvalidScale,
                    format!(
                        "label for score {score}, outside the scale {} to {}",
                        scale.min, scale.max
                    ),
                    position,
                    "remove the label or widen the scale".to_owned(),
                );
                ok = false;
            }
        }
        if raw.dimensions.is_empty() {
            let position = self.at_key(path!["dimensions"]);
            self.error(
                Code::InvalidValue,
                "a scorecard needs at least one dimension".to_owned(),
                position,
                "add `- id: ...` entries with a `name`".to_owned(),
            );
            ok = false;
        }
        if raw.dimensions.len() > MAX_DIMENSIONS {
            let position = self.at_key(path!["dimensions"]);
            self.error(
                Code::InvalidValue,
                format!(
                    "a scorecard has at most {MAX_DIMENSIONS} dimensions, not {}",
                    raw.dimensions.len()
                ),
                position,
                "score on a few dimensions: interviewers cannot weigh more".to_owned(),
            );
            return None;
        }
        let mut dimensions: Vec<Dimension> = Vec::with_capacity(raw.dimensions.len());
        for (i, d) in raw.dimensions.into_iter().enumerate() {
            let Some(dim_id) = DimensionId::parse(&d.id) else {
                let position = self.at(path!["dimensions", i, "id"]);
                self.error(
                    Code::InvalidId,
                    format!("dimension id `{}` is not a slug", d.id),
                    position,
                    format!(
                        "use lowercase letters, digits and `-`, e.g. `{}`",
                        ids::slugify(&d.id)
                    ),
                );
                ok = false;
                continue;
            };
            if dimensions.iter().any(|existing| existing.id == dim_id) {
                let position = self.at(path!["dimensions", i, "id"]);
                self.error(
                    Code::DuplicateDimension,
                    format!("dimension `{dim_id}` is defined twice in this scorecard"),
                    position,
                    "give each dimension its own id".to_owned(),
                );
                ok = false;
                continue;
            }
            ok &= self.non_empty(&d.name, path!["dimensions", i, "name"], "name");
            let mut anchors = BTreeMap::new();
            for (score, text) in d.anchors {
                let key = score.to_string();
                if scale_ok && !(scale.min..=scale.max).contains(&score) {
                    let position = self.at_key(path!["dimensions", i, "anchors", key.as_str()]);
                    self.error(
                        Code::InvalidScale,
                        format!(
                            "anchor for score {score}, outside the scale {} to {}",
                            scale.min, scale.max
                        ),
                        position,
                        "anchor only scores the scale has".to_owned(),
                    );
                    ok = false;
                    continue;
                }
                let inline = self.inline(&text, path!["dimensions", i, "anchors", key.as_str()]);
                anchors.insert(score, inline);
            }
            let description =
                self.optional_inline(d.description, path!["dimensions", i, "description"]);
            dimensions.push(Dimension {
                id: dim_id,
                name: d.name.trim().to_owned(),
                description,
                anchors,
            });
        }
        let description = self.optional_inline(raw.description, path!["description"]);
        let reminder = raw
            .reminder
            .filter(|t| !t.trim().is_empty())
            .map(|t| self.block(&t, path!["reminder"]));
        if !ok {
            return None;
        }
        Some(Scorecard {
            id: ScorecardId::parse(&id?)?,
            source: self.source(),
            title: raw.title.trim().to_owned(),
            description,
            scale,
            dimensions,
            recommendation: raw
                .recommendation
                .into_iter()
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty())
                .collect(),
            reminder,
            readers,
            candidate_note,
        })
    }

    fn checklist(&mut self) -> Option<Checklist> {
        let id = self.file_id();
        let raw = self.yaml::<RawChecklist>()?;
        self.non_empty(&raw.title, path!["title"], "title");
        if raw.items.is_empty() {
            let position = self.at_key(path!["items"]);
            self.error(
                Code::InvalidValue,
                "a checklist needs at least one item".to_owned(),
                position,
                "add `- title: ...` entries".to_owned(),
            );
        }
        let mut items = Vec::with_capacity(raw.items.len());
        for (i, item) in raw.items.into_iter().enumerate() {
            if !self.non_empty(&item.title, path!["items", i, "title"], "item title") {
                continue;
            }
            items.push(ChecklistItem {
                title: self.inline(&item.title, path!["items", i, "title"]),
                why: self.optional_inline(item.why, path!["items", i, "why"]),
                instead: self.optional_inline(item.instead, path!["items", i, "instead"]),
            });
        }
        let intro = self.optional_inline(raw.intro, path!["intro"]);
        let readers = self.shared(
            raw.audience,
            "a checklist",
            "(they see the whole checklist)",
        );
        // The file's own problems are reported above; its draft goes on all the same, so that
        // its references are checked in this run too (a handbook with errors is never written).
        Some(Checklist {
            id: ChecklistId::parse(&id?)?,
            source: self.source(),
            title: raw.title.trim().to_owned(),
            intro,
            items,
            readers,
        })
    }

    fn role(&mut self) -> Option<RoleDraft> {
        let id = self.file_id();
        let raw = self.yaml::<RawRole>()?;
        self.non_empty(&raw.title, path!["title"], "title");
        let is_index = id.as_deref() == Some("index");
        let id = id.filter(|_| !is_index);
        if is_index {
            self.error(
                Code::OutputConflict,
                "a role cannot be called `index`: that page is the question selection page"
                    .to_owned(),
                None,
                "rename the file".to_owned(),
            );
        }
        if raw.rounds.is_empty() {
            let position = self.at_key(path!["rounds"]);
            self.error(
                Code::InvalidValue,
                "a role needs at least one round".to_owned(),
                position,
                "add `- name: ...` entries with `minutes` and `questions`".to_owned(),
            );
        }
        let mut rounds = Vec::with_capacity(raw.rounds.len());
        for (i, round) in raw.rounds.into_iter().enumerate() {
            self.non_empty(&round.name, path!["rounds", i, "name"], "round name");
            if round.minutes == 0 {
                let position = self.at(path!["rounds", i, "minutes"]);
                self.error(
                    Code::InvalidValue,
                    "a round of 0 minutes".to_owned(),
                    position,
                    "give the round's time budget in minutes".to_owned(),
                );
            }
            let focus = self.optional_inline(round.focus, path!["rounds", i, "focus"]);
            rounds.push(RoundDraft {
                name: round.name.trim().to_owned(),
                minutes: round.minutes,
                focus,
                questions: round.questions,
                dimensions: round.dimensions,
            });
        }
        let summary = self.inline(&raw.summary, path!["summary"]);
        let readers = self.shared(
            raw.audience,
            "a role",
            "(they see its process: the rounds' names and minutes)",
        );
        let candidate_note = self.candidate_note(raw.candidate_note, readers, "its process");
        // The file's own problems are reported above; its draft goes on all the same, so that
        // its references are checked in this run too (a handbook with errors is never written).
        Some(RoleDraft {
            id: RoleId::parse(&id?)?,
            source: self.source(),
            title: raw.title.trim().to_owned(),
            summary,
            level: raw.level,
            scorecard: raw.scorecard,
            checklists: raw.checklists,
            rounds,
            readers,
            candidate_note,
        })
    }

    fn topics(&mut self) -> Option<Vec<TopicMeta>> {
        let raw = self.yaml::<RawTopics>()?;
        let mut topics = Vec::with_capacity(raw.len());
        for (key, topic) in raw {
            let Some(id) = TopicId::parse(&key) else {
                let position = self.at_key(path![key.as_str()]);
                self.error(
                    Code::InvalidId,
                    format!("topic `{key}` is not a slug"),
                    position,
                    format!(
                        "use the slug questions write in `topic:`, e.g. `{}`",
                        ids::slugify(&key)
                    ),
                );
                continue;
            };
            // Reported, but the topic is kept: its questions are not also told it is unknown.
            self.non_empty(&topic.title, path![key.as_str(), "title"], "title");
            let description =
                self.optional_inline(topic.description, path![key.as_str(), "description"]);
            topics.push(TopicMeta {
                id,
                title: topic.title.trim().to_owned(),
                description,
                weight: topic.weight,
            });
        }
        Some(topics)
    }
}
