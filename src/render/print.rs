//! The print view. A small handbook prints on one page, `print.html`. Above `PART_QUESTIONS`
//! questions that page would grow without bound (tens of megabytes at ten thousand
//! questions, more than a browser will lay out for printing), so `print.html` becomes a
//! contents page and the handbook prints in parts: the guide with scorecards and checklists,
//! then each topic, in parts of at most `PART_QUESTIONS` questions.

use crate::model::{Handbook, Topic};

/// The most questions on one printable page.
pub const PART_QUESTIONS: usize = 200;

/// One printable part of a large handbook.
#[derive(Clone, Copy, Debug)]
pub enum Part<'a> {
    /// Guide pages, scorecards and checklists.
    Guide,
    /// Part `number` (from 1) of the `of` parts of a topic's questions.
    Topic {
        topic: &'a Topic,
        number: usize,
        of: usize,
    },
}

impl Part<'_> {
    /// `print/guide.html`, `print/topics/<id>.html`, then `print/topics/<id>.2.html`...: ids
    /// never contain a dot, so no topic's part can take another's name.
    pub fn output(&self) -> String {
        match self {
            Part::Guide => "print/guide.html".to_owned(),
            Part::Topic {
                topic, number: 1, ..
            } => format!("print/topics/{}.html", topic.id),
            Part::Topic { topic, number, .. } => {
                format!("print/topics/{}.{number}.html", topic.id)
            }
        }
    }

    pub fn title(&self) -> String {
        match self {
            Part::Guide => "Guide, scorecards and checklists".to_owned(),
            Part::Topic { topic, of: 1, .. } => topic.title.clone(),
            Part::Topic { topic, number, of } => {
                format!("{} (part {number} of {of})", topic.title)
            }
        }
    }

    /// The positions in `topic.questions` this part prints.
    pub fn range(&self) -> std::ops::Range<usize> {
        match self {
            Part::Guide => 0..0,
            Part::Topic { topic, number, .. } => {
                let start = (number - 1) * PART_QUESTIONS;
                start..(start + PART_QUESTIONS).min(topic.questions.len())
            }
        }
    }
}

/// The parts a handbook prints in; none when it fits on one page.
pub fn parts(handbook: &Handbook) -> Vec<Part<'_>> {
    if handbook.questions.len() <= PART_QUESTIONS {
        return Vec::new();
    }
    let mut parts = vec![Part::Guide];
    for topic in &handbook.topics {
        let of = topic.questions.len().div_ceil(PART_QUESTIONS);
        parts.extend((1..=of).map(|number| Part::Topic { topic, number, of }));
    }
    parts
}
