//! The review page (`question-reviews.html`): every question in use with the day it was last
//! reviewed, those due first, for the handbook's owners.

use serde::Serialize;

use super::views::{QuestionSummaryView, question_summary};
use crate::model::Handbook;
use crate::model::lifecycle::{Date, Status, review_due};

/// Where the review page is written.
pub const OUTPUT: &str = crate::model::REVIEW_PAGE;

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
    /// Due (or overdue) today, or never reviewed while reviews are asked for.
    pub due: bool,
}

pub fn view(handbook: &Handbook) -> ReviewView {
    let months = handbook.config.questions.review_months;
    let today = Date::today();
    let mut rows: Vec<(Option<Date>, ReviewRow)> = handbook
        .questions
        .iter()
        .filter(|q| q.status != Status::Retired)
        .map(|q| {
            let due =
                months.is_some_and(|m| q.last_reviewed.is_none_or(|d| review_due(d, m, today)));
            let row = ReviewRow {
                q: question_summary(handbook, q),
                last_reviewed: q.last_reviewed.map(|d| d.to_string()),
                due,
            };
            (q.last_reviewed, row)
        })
        .collect();
    // Due first; among them, and among the rest, the never reviewed first, then the oldest
    // (with one review period for all, the oldest review is the first due).
    rows.sort_by(|(a_day, a), (b_day, b)| {
        b.due
            .cmp(&a.due)
            .then_with(|| a_day.is_some().cmp(&b_day.is_some()))
            .then_with(|| a_day.cmp(b_day))
    });
    ReviewView {
        months,
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    }
}
