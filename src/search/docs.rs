//! What can be found: documents cut from the model, each with weighted text fields and the
//! facets a reader can filter by. Prose pages are cut at their headings, so a result can
//! point into a section.

use crate::markdown::{Document, Inline};
use crate::model::lifecycle::Status;
use crate::model::{Handbook, Level};

/// The kinds of result, in facet order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Question,
    Page,
    Scorecard,
    Checklist,
    Role,
    /// A retired question: left out of results unless the reader picks this kind.
    Retired,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Question,
        Kind::Page,
        Kind::Scorecard,
        Kind::Checklist,
        Kind::Role,
        Kind::Retired,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Question => "Question",
            Kind::Page => "Page",
            Kind::Scorecard => "Scorecard",
            Kind::Checklist => "Checklist",
            Kind::Role => "Role",
            Kind::Retired => "Retired question",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Kind::Question => "question",
            Kind::Page => "page",
            Kind::Scorecard => "scorecard",
            Kind::Checklist => "checklist",
            Kind::Role => "role",
            Kind::Retired => "retired",
        }
    }
}

/// How much a word counts, by where it appears.
pub mod weight {
    pub const TITLE: u32 = 10;
    pub const HEADING: u32 = 8;
    pub const TAGS: u32 = 6;
    pub const TOPIC: u32 = 4;
    pub const SIGNALS: u32 = 3;
    pub const PARENT_TITLE: u32 = 2;
    pub const PROBES: u32 = 2;
    pub const BODY: u32 = 1;
}

/// One search result, borrowing its text from the model: a large handbook's text is held
/// once, not once more for the index.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub kind: Kind,
    pub title: &'a str,
    /// Relative to the site root, with a `#anchor` for sections.
    pub url: String,
    /// Where the result sits: the topic of a question, the page of a section.
    pub context: &'a str,
    pub topic: Option<usize>,
    /// Bit `n` set for `Level::ALL[n]`.
    pub levels: u8,
    pub roles: Vec<usize>,
    /// Searchable text, in parts, with its weight; the title is always the first field.
    pub fields: Vec<(u32, Vec<&'a str>)>,
    /// Plain text that excerpts are cut from.
    pub excerpt: String,
}

/// Shortest excerpt text kept per document: enough for a window around most matches, small
/// enough that the document store of a large handbook stays far below the size of its content.
pub const EXCERPT_CHARS: usize = 480;

/// Longest excerpt text kept per document: about a whole question or section, so that wherever
/// a word matched, the excerpt can show it. Prose pages are few and always get this much.
pub const LONG_EXCERPT_CHARS: usize = 2000;

/// Excerpt characters shared among all questions: a handbook of up to a hundred questions
/// keeps them whole; from about four hundred on, each gets `EXCERPT_CHARS`.
const QUESTION_EXCERPT_BUDGET: usize = 200_000;

/// How much excerpt text each of `questions` questions keeps.
fn question_excerpt_chars(questions: usize) -> usize {
    (QUESTION_EXCERPT_BUDGET / questions.max(1)).clamp(EXCERPT_CHARS, LONG_EXCERPT_CHARS)
}

fn levels_mask(levels: &[Level]) -> u8 {
    levels.iter().fold(0, |m, l| {
        m | 1 << Level::ALL.iter().position(|x| x == l).unwrap_or(0)
    })
}

fn text(inline: &Inline) -> &str {
    inline.text()
}

/// The parts as sentences: trimmed, empty ones skipped, joined by a full stop unless one
/// ends the part already. Stops once longer than `limit` characters.
fn joined_up_to<'a>(parts: impl IntoIterator<Item = &'a str>, limit: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if out.ends_with(['.', '!', '?', ':']) {
                " "
            } else {
                ". "
            });
            chars += 2;
        }
        out.push_str(p);
        chars += p.chars().count();
        if chars > limit {
            break;
        }
    }
    out
}

#[cfg(test)]
fn joined<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    joined_up_to(parts, usize::MAX)
}

/// The excerpt of a document: its text, cut at a word after `EXCERPT_CHARS` characters.
fn excerpt<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    excerpt_up_to(parts, EXCERPT_CHARS)
}

fn excerpt_up_to<'a>(parts: impl IntoIterator<Item = &'a str>, limit: usize) -> String {
    cut(joined_up_to(parts, limit), limit)
}

fn cut(text: String, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text;
    }
    let mut out: String = text.chars().take(limit).collect();
    if let Some(space) = out.rfind(' ') {
        out.truncate(space);
    }
    ellipsis(out)
}

/// `text` followed by `…`, apart from a sentence's full stop (`view. …`, not `view.…`) and
/// without a dangling comma or colon.
fn ellipsis(text: String) -> String {
    let kept = text.trim_end_matches([',', ';', ':', ' ']);
    if kept.ends_with(['.', '!', '?']) {
        format!("{kept} …")
    } else {
        format!("{kept}…")
    }
}

fn sections(doc: &Document) -> impl Iterator<Item = &str> + Clone {
    doc.sections.iter().map(|s| s.text.as_str())
}

/// Every searchable document of the handbook, in a stable order.
pub fn collect(handbook: &Handbook) -> Vec<Doc<'_>> {
    use weight::*;
    let mut docs = Vec::new();
    let question_excerpt = question_excerpt_chars(handbook.questions.len());
    for q in &handbook.questions {
        let topic = handbook.topic(q.topic);
        let strong = q.strong.iter().map(text);
        let signals = q.good_sign.iter().chain(&q.red_flag).map(text);
        let probes = q.follow_ups.iter().map(text);
        let note = q.candidate_note.iter().map(text);
        docs.push(Doc {
            kind: if q.status == Status::Retired {
                Kind::Retired
            } else {
                Kind::Question
            },
            title: &q.title,
            url: q.output(),
            context: &topic.title,
            topic: Some(q.topic.get()),
            levels: levels_mask(&q.levels),
            roles: q.roles.iter().map(|r| r.get()).collect(),
            fields: vec![
                (TITLE, vec![q.title.as_str()]),
                (TAGS, q.tags.iter().map(String::as_str).collect()),
                (TOPIC, vec![topic.title.as_str()]),
                (SIGNALS, strong.clone().chain(signals.clone()).collect()),
                (PROBES, probes.clone().collect()),
                (BODY, sections(&q.body).chain(note.clone()).collect()),
            ],
            excerpt: excerpt_up_to(
                strong
                    .chain(signals)
                    .chain(probes)
                    .chain(sections(&q.body))
                    .chain(note),
                question_excerpt,
            ),
        });
    }
    for page in &handbook.pages {
        let mut sections = page.body.sections.iter().peekable();
        // The text before the first heading belongs to the page itself.
        let intro = sections
            .next_if(|s| s.heading.is_none())
            .map(|s| s.text.as_str())
            .unwrap_or_default();
        let description = page.description.as_deref().unwrap_or_default();
        docs.push(Doc {
            kind: Kind::Page,
            title: &page.title,
            url: page.output.clone(),
            context: "",
            topic: None,
            levels: 0,
            roles: Vec::new(),
            fields: vec![
                (TITLE, vec![page.title.as_str()]),
                (SIGNALS, vec![description]),
                (BODY, vec![intro]),
            ],
            excerpt: excerpt_up_to([description, intro], LONG_EXCERPT_CHARS),
        });
        for section in sections {
            let Some(heading) = section.heading.map(|h| &page.body.headings[h]) else {
                continue;
            };
            docs.push(Doc {
                kind: Kind::Page,
                title: &heading.text,
                url: format!("{}#{}", page.output, heading.id),
                context: &page.title,
                topic: None,
                levels: 0,
                roles: Vec::new(),
                fields: vec![
                    (HEADING, vec![heading.text.as_str()]),
                    (PARENT_TITLE, vec![page.title.as_str()]),
                    (BODY, vec![section.text.as_str()]),
                ],
                excerpt: excerpt_up_to([section.text.as_str()], LONG_EXCERPT_CHARS),
            });
        }
    }
    for scorecard in &handbook.scorecards {
        let description = scorecard.description.as_ref().map(text).unwrap_or_default();
        let names = scorecard.dimensions.iter().map(|d| d.name.as_str());
        docs.push(Doc {
            kind: Kind::Scorecard,
            title: &scorecard.title,
            url: scorecard.output(),
            context: "",
            topic: None,
            levels: 0,
            roles: Vec::new(),
            fields: vec![
                (TITLE, vec![scorecard.title.as_str()]),
                (SIGNALS, names.clone().collect()),
                (BODY, vec![description]),
            ],
            excerpt: excerpt(std::iter::once(description).chain(names)),
        });
        for d in &scorecard.dimensions {
            let description = d.description.as_ref().map(text).unwrap_or_default();
            let anchors = d.anchors.values().map(text);
            docs.push(Doc {
                kind: Kind::Scorecard,
                title: &d.name,
                url: format!("{}#dim-{}", scorecard.output(), d.id),
                context: &scorecard.title,
                topic: None,
                levels: 0,
                roles: Vec::new(),
                fields: vec![
                    (HEADING, vec![d.name.as_str()]),
                    (PARENT_TITLE, vec![scorecard.title.as_str()]),
                    (SIGNALS, vec![description]),
                    (BODY, anchors.clone().collect()),
                ],
                excerpt: excerpt(std::iter::once(description).chain(anchors)),
            });
        }
    }
    for checklist in &handbook.checklists {
        let intro = checklist.intro.as_ref().map(text).unwrap_or_default();
        let items = checklist.items.iter().map(|i| text(&i.title));
        let details = checklist
            .items
            .iter()
            .flat_map(|i| i.why.iter().chain(&i.instead))
            .map(text);
        docs.push(Doc {
            kind: Kind::Checklist,
            title: &checklist.title,
            url: checklist.output(),
            context: "",
            topic: None,
            levels: 0,
            roles: Vec::new(),
            fields: vec![
                (TITLE, vec![checklist.title.as_str()]),
                (TOPIC, items.clone().collect()),
                (SIGNALS, vec![intro]),
                (BODY, details.clone().collect()),
            ],
            excerpt: excerpt(std::iter::once(intro).chain(items).chain(details)),
        });
    }
    for (i, role) in handbook.roles.iter().enumerate() {
        let rounds = role.rounds.iter().map(|r| r.name.as_str());
        docs.push(Doc {
            kind: Kind::Role,
            title: &role.title,
            url: role.output(),
            context: "",
            topic: None,
            levels: role.level.map(|l| levels_mask(&[l])).unwrap_or(0),
            roles: vec![i],
            fields: vec![
                (TITLE, vec![role.title.as_str()]),
                (SIGNALS, vec![role.summary.text()]),
                (BODY, rounds.clone().collect()),
            ],
            excerpt: excerpt(std::iter::once(role.summary.text()).chain(rounds)),
        });
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_cut_at_a_word() {
        let long = "word ".repeat(200);
        let cut = cut(long, EXCERPT_CHARS);
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
        assert!(cut.ends_with("word…"));
        assert_eq!(ellipsis("a view.".into()), "a view. …");
        assert_eq!(ellipsis("a list:".into()), "a list…");
        assert_eq!(ellipsis("one, ".into()), "one…");
    }

    #[test]
    fn small_handbooks_keep_whole_questions_large_ones_short_excerpts() {
        assert_eq!(question_excerpt_chars(0), LONG_EXCERPT_CHARS);
        assert_eq!(question_excerpt_chars(100), LONG_EXCERPT_CHARS);
        assert_eq!(question_excerpt_chars(250), 800);
        assert_eq!(question_excerpt_chars(1000), EXCERPT_CHARS);
        assert_eq!(question_excerpt_chars(100_000), EXCERPT_CHARS);
    }

    #[test]
    fn joined_adds_sentence_breaks() {
        assert_eq!(joined(["One", "Two.", "", "Three"]), "One. Two. Three");
    }

    #[test]
    fn an_excerpt_is_the_start_of_the_whole_text() {
        let parts: Vec<String> = (0..200).map(|i| format!("Sentence number {i}")).collect();
        let parts = parts.iter().map(String::as_str);
        assert_eq!(excerpt(parts.clone()), cut(joined(parts), EXCERPT_CHARS));
        assert_eq!(
            excerpt(["Short", "text."]),
            "Short. Text.".replace("Text", "text")
        );
    }
}
