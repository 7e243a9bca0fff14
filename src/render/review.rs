//! The review page (`question-reviews.html`): every question in use with the day it was last
//! reviewed, those due first, for the handbook's owners.

use serde::Serialize;

use super::views::{Html, QuestionSummaryView, question_summary};
use crate::model::Handbook;
use crate::model::lifecycle::{Date, Status};

/// Where the review page is written.
pub const OUTPUT: &str = "question-reviews.html";

/// Whether the handbook asks for reviews: a review period in book.toml, or a question that
/// says when it was last reviewed.
pub fn made(handbook: &Handbook) -> bool {
    handbook.config.questions.review_months.is_some()
        || handbook.questions.iter().any(|q| q.last_reviewed.is_some())
}

#[derive(Debug, Serialize)]
pub struct ReviewView {
    /// `[questions] review-months`, if set.
    pub months: Option<u32>,
    pub rows: Vec<ReviewRow>,
}

#[derive(Debug, Serialize)]
pub struct ReviewRow {
    pub q: QuestionSummaryView,
    pub last_reviewed: Option<String>,
    /// When the next review is due, with a review period.
    pub due_on: Option<String>,
    /// Due (or overdue) today, or never reviewed while reviews are asked for.
    pub due: bool,
}

pub fn view(handbook: &Handbook, _html: &Html) -> ReviewView {
    let months = handbook.config.questions.review_months;
    let today = Date::today();
    let mut rows: Vec<(Option<Date>, ReviewRow)> = handbook
        .questions
        .iter()
        .filter(|q| q.status != Status::Retired)
        .map(|q| {
            let due_on = q.last_reviewed.zip(months).map(|(d, m)| d.plus_months(m));
            let due = months.is_some() && due_on.is_none_or(|d| d <= today);
            (
                due_on,
                ReviewRow {
                    q: question_summary(handbook, q),
                    last_reviewed: q.last_reviewed.map(|d| d.to_string()),
                    due_on: due_on.map(|d| d.to_string()),
                    due,
                },
            )
        })
        .collect();
    // Due first; among them, and among the rest, the never reviewed first, then the oldest.
    rows.sort_by(|(a_due, a), (b_due, b)| {
        b.due
            .cmp(&a.due)
            .then_with(|| a.last_reviewed.is_some().cmp(&b.last_reviewed.is_some()))
            .then_with(|| a_due.cmp(b_due))
            .then_with(|| a.last_reviewed.cmp(&b.last_reviewed))
    });
    ReviewView {
        months,
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    }
}
