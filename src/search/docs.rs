//! What can be found: documents cut from the model, each with weighted text fields and the
//! facets a reader can filter by. Prose pages are cut at their headings, so a result can
//! point into a section.

use crate::markdown::{Document, Inline};
use crate::model::{Handbook, Level};

/// The kinds of result, in facet order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Question,
    Page,
    Scorecard,
    Checklist,
    Role,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Question,
        Kind::Page,
        Kind::Scorecard,
        Kind::Checklist,
        Kind::Role,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Question => "Question",
            Kind::Page => "Page",
            Kind::Scorecard => "Scorecard",
            Kind::Checklist => "Checklist",
            Kind::Role => "Role",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Kind::Question => "question",
            Kind::Page => "page",
            Kind::Scorecard => "scorecard",
            Kind::Checklist => "checklist",
            Kind::Role => "role",
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

#[derive(Debug, Clone)]
pub struct Doc {
    pub kind: Kind,
    pub title: String,
    /// Relative to the site root, with a `#anchor` for sections.
    pub url: String,
    /// Where the result sits: the topic of a question, the page of a section.
    pub context: String,
    pub topic: Option<usize>,
    /// Bit `n` set for `Level::ALL[n]`.
    pub levels: u8,
    pub roles: Vec<usize>,
    /// Searchable text with its weight; the title is always the first field.
    pub fields: Vec<(u32, String)>,
    /// Plain text that excerpts are cut from.
    pub excerpt: String,
}

/// Longest excerpt text kept per document: enough for a window around most matches, small
/// enough that the document store stays far below the size of the content.
pub const EXCERPT_CHARS: usize = 480;

fn levels_mask(levels: &[Level]) -> u8 {
    levels.iter().fold(0, |m, l| {
        m | 1 << Level::ALL.iter().position(|x| x == l).unwrap_or(0)
    })
}

fn text(inline: &Inline) -> &str {
    &inline.text
}

fn joined<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
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
        }
        out.push_str(p);
    }
    out
}

fn cut(text: String) -> String {
    if text.chars().count() <= EXCERPT_CHARS {
        return text;
    }
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if let Some(space) = out.rfind(' ') {
        out.truncate(space);
    }
    out.push('…');
    out
}

fn body_text(doc: &Document) -> String {
    joined(doc.sections.iter().map(|s| s.text.as_str()))
}

/// Every searchable document of the handbook, in a stable order.
pub fn collect(handbook: &Handbook) -> Vec<Doc> {
    use weight::*;
    let mut docs = Vec::new();
    for q in &handbook.questions {
        let topic = handbook.topic(q.topic);
        let strong = joined(q.strong.iter().map(text));
        let signals = joined(q.good_sign.iter().chain(&q.red_flag).map(text));
        let probes = joined(q.follow_ups.iter().map(text));
        let body = body_text(&q.body);
        docs.push(Doc {
            kind: Kind::Question,
            title: q.title.clone(),
            url: q.output(),
            context: topic.title.clone(),
            topic: Some(q.topic.get()),
            levels: levels_mask(&q.levels),
            roles: q.roles.iter().map(|r| r.get()).collect(),
            fields: vec![
                (TITLE, q.title.clone()),
                (TAGS, q.tags.join(" ")),
                (TOPIC, topic.title.clone()),
                (SIGNALS, joined([strong.as_str(), signals.as_str()])),
                (PROBES, probes.clone()),
                (BODY, body.clone()),
            ],
            excerpt: cut(joined([
                strong.as_str(),
                signals.as_str(),
                probes.as_str(),
                body.as_str(),
            ])),
        });
    }
    for page in &handbook.pages {
        let mut sections = page.body.sections.iter().peekable();
        // The text before the first heading belongs to the page itself.
        let intro = sections
            .next_if(|s| s.heading.is_none())
            .map(|s| s.text.trim().to_owned())
            .unwrap_or_default();
        docs.push(Doc {
            kind: Kind::Page,
            title: page.title.clone(),
            url: page.output.clone(),
            context: String::new(),
            topic: None,
            levels: 0,
            roles: Vec::new(),
            fields: vec![
                (TITLE, page.title.clone()),
                (SIGNALS, page.description.clone().unwrap_or_default()),
                (BODY, intro.clone()),
            ],
            excerpt: cut(joined([
                page.description.as_deref().unwrap_or(""),
                intro.as_str(),
            ])),
        });
        for section in sections {
            let Some(heading) = section.heading.map(|h| &page.body.headings[h]) else {
                continue;
            };
            docs.push(Doc {
                kind: Kind::Page,
                title: heading.text.clone(),
                url: format!("{}#{}", page.output, heading.id),
                context: page.title.clone(),
                topic: None,
                levels: 0,
                roles: Vec::new(),
                fields: vec![
                    (HEADING, heading.text.clone()),
                    (PARENT_TITLE, page.title.clone()),
                    (BODY, section.text.clone()),
                ],
                excerpt: cut(section.text.trim().to_owned()),
            });
        }
    }
    for scorecard in &handbook.scorecards {
        let description = scorecard
            .description
            .as_ref()
            .map(text)
            .unwrap_or_default()
            .to_owned();
        docs.push(Doc {
            kind: Kind::Scorecard,
            title: scorecard.title.clone(),
            url: scorecard.output(),
            context: String::new(),
            topic: None,
            levels: 0,
            roles: Vec::new(),
            fields: vec![
                (TITLE, scorecard.title.clone()),
                (
                    SIGNALS,
                    joined(scorecard.dimensions.iter().map(|d| d.name.as_str())),
                ),
                (BODY, description.clone()),
            ],
            excerpt: cut(joined([
                description.as_str(),
                joined(scorecard.dimensions.iter().map(|d| d.name.as_str())).as_str(),
            ])),
        });
        for d in &scorecard.dimensions {
            let description = d
                .description
                .as_ref()
                .map(text)
                .unwrap_or_default()
                .to_owned();
            let anchors = joined(d.anchors.values().map(text));
            docs.push(Doc {
                kind: Kind::Scorecard,
                title: d.name.clone(),
                url: format!("{}#dim-{}", scorecard.output(), d.id),
                context: scorecard.title.clone(),
                topic: None,
                levels: 0,
                roles: Vec::new(),
                fields: vec![
                    (HEADING, d.name.clone()),
                    (PARENT_TITLE, scorecard.title.clone()),
                    (SIGNALS, description.clone()),
                    (BODY, anchors.clone()),
                ],
                excerpt: cut(joined([description.as_str(), anchors.as_str()])),
            });
        }
    }
    for checklist in &handbook.checklists {
        let intro = checklist
            .intro
            .as_ref()
            .map(text)
            .unwrap_or_default()
            .to_owned();
        let items = joined(checklist.items.iter().map(|i| text(&i.title)));
        let details = joined(
            checklist
                .items
                .iter()
                .flat_map(|i| i.why.iter().chain(&i.instead))
                .map(text),
        );
        docs.push(Doc {
            kind: Kind::Checklist,
            title: checklist.title.clone(),
            url: checklist.output(),
            context: String::new(),
            topic: None,
            levels: 0,
            roles: Vec::new(),
            fields: vec![
                (TITLE, checklist.title.clone()),
                (TOPIC, items.clone()),
                (SIGNALS, intro.clone()),
                (BODY, details.clone()),
            ],
            excerpt: cut(joined([intro.as_str(), items.as_str(), details.as_str()])),
        });
    }
    for (i, role) in handbook.roles.iter().enumerate() {
        let rounds = joined(role.rounds.iter().map(|r| r.name.as_str()));
        docs.push(Doc {
            kind: Kind::Role,
            title: role.title.clone(),
            url: role.output(),
            context: String::new(),
            topic: None,
            levels: role.level.map(|l| levels_mask(&[l])).unwrap_or(0),
            roles: vec![i],
            fields: vec![
                (TITLE, role.title.clone()),
                (SIGNALS, role.summary.text.clone()),
                (BODY, rounds.clone()),
            ],
            excerpt: cut(joined([role.summary.text.as_str(), rounds.as_str()])),
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
        let cut = cut(long);
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
        assert!(cut.ends_with("word…"));
    }

    #[test]
    fn joined_adds_sentence_breaks() {
        assert_eq!(joined(["One", "Two.", "", "Three"]), "One. Two. Three");
    }
}
