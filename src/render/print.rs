//! The print view. A small handbook prints on one page, `print.html`. Above `PART_QUESTIONS`
//! questions that page would grow without bound (tens of megabytes at ten thousand
//! questions, more than a browser will lay out for printing), so `print.html` becomes a
//! contents page and the handbook prints in parts: the guide with scorecards and checklists,
//! then each topic, in as few parts of at most `PART_QUESTIONS` questions as it takes.

use super::strings::Strings;
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

    pub fn title(&self, strings: &Strings) -> String {
        match self {
            Part::Guide => strings.get("print.part_guide", None, &[]),
            Part::Topic { topic, of: 1, .. } => topic.title.clone(),
            Part::Topic { topic, number, of } => strings.get(
                "print.part_of",
                Some(*number as i64),
                &[("topic", topic.title.clone()), ("of", of.to_string())],
            ),
        }
    }

    /// The positions in `topic.questions` this part prints.
    pub fn range(&self) -> std::ops::Range<usize> {
        match self {
            Part::Guide => 0..0,
            // Parts of one topic are the same size, give or take one question.
            Part::Topic { topic, number, of } => {
                let size = topic.questions.len().div_ceil(*of);
                let start = ((number - 1) * size).min(topic.questions.len());
                start..(start + size).min(topic.questions.len())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{QuestionIx, TopicId};

    fn topic(questions: usize) -> Topic {
        Topic {
            id: TopicId::parse("db").unwrap(),
            title: "Databases".to_owned(),
            description: None,
            weight: 0,
            questions: (0..questions).map(QuestionIx::new).collect(),
        }
    }

    #[test]
    fn a_topic_prints_in_even_parts_that_cover_it_once() {
        for len in [1, 199, 200, 201, 250, 401, 1000, 1001] {
            let topic = topic(len);
            let of = len.div_ceil(PART_QUESTIONS);
            let mut next = 0;
            for number in 1..=of {
                let range = Part::Topic {
                    topic: &topic,
                    number,
                    of,
                }
                .range();
                assert_eq!(range.start, next, "{len} questions, part {number}");
                assert!(range.len() <= PART_QUESTIONS && range.len() + 1 >= len / of);
                next = range.end;
            }
            assert_eq!(next, len);
        }
    }

    #[test]
    fn part_names_never_collide() {
        let t = topic(450);
        let names: Vec<String> = (1..=3)
            .map(|number| {
                Part::Topic {
                    topic: &t,
                    number,
                    of: 3,
                }
                .output()
            })
            .chain([Part::Guide.output()])
            .collect();
        assert_eq!(
            names,
            [
                "print/topics/db.html",
                "print/topics/db.2.html",
                "print/topics/db.3.html",
                "print/guide.html"
            ]
        );
        assert_eq!(
            Part::Topic {
                topic: &t,
                number: 2,
                of: 3
            }
            .title(&Strings::english()),
            "Databases (part 2 of 3)"
        );
    }
}
