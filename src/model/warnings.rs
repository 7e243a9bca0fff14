//! Warnings about a valid handbook that reviewers care about: gaps and slips that do not stop
//! a build but make interviews worse. `check --deny-warnings` turns them into failures.

use std::collections::{HashMap, HashSet};

use super::lifecycle::{Date, Status, review_due};
use super::yaml::locate;
use super::{DimensionId, Handbook};
use crate::diag::{Code, Diagnostic, Position};
use crate::source::Sources;
use crate::source::yaml_path::{Seg, Target};

pub fn check(handbook: &Handbook, sources: &Sources) -> Vec<Diagnostic> {
    let at = |path: &str, yaml: &[Seg], target: Target| -> Option<Position> {
        sources.file(path).and_then(|f| locate(f, yaml, target))
    };
    let mut out = Vec::new();

    if !handbook.roles.is_empty() {
        // Drafts are still being tried, and retired questions are meant to be unused.
        for q in handbook
            .questions
            .iter()
            .filter(|q| q.roles.is_empty() && q.status == Status::Active)
        {
            out.push(
                Diagnostic::new(
                    Code::UnusedQuestion,
                    format!("no role uses question `{}`", q.id),
                )
                .in_file(&q.source.path)
                .at(q.title_at)
                .with_hint(
                    "add it to a round in content/roles/*.yaml, or remove it if it is obsolete",
                ),
            );
        }
    }

    let covered: HashSet<&DimensionId> = handbook
        .questions
        .iter()
        .flat_map(|q| &q.dimensions)
        .collect();
    for scorecard in &handbook.scorecards {
        let file = &scorecard.source.path;
        let (min, max) = (scorecard.scale.min, scorecard.scale.max);
        let middle = min + (max - min) / 2;
        for (i, d) in scorecard.dimensions.iter().enumerate() {
            let id_path = [Seg::key("dimensions"), Seg::Index(i), Seg::key("id")];
            if !covered.contains(&d.id) {
                out.push(
                    Diagnostic::new(
                        Code::UncoveredDimension,
                        format!("no question gives evidence for dimension `{}`", d.id),
                    )
                    .in_file(file)
                    .at(at(file, &id_path, Target::Value))
                    .with_hint(format!(
                        "add `{}` to the `dimensions:` of the questions that probe it",
                        d.id
                    )),
                );
            }
            let missing: Vec<String> = [min, middle, max]
                .iter()
                .filter(|s| !d.anchors.contains_key(s))
                .map(u8::to_string)
                .collect();
            if !missing.is_empty() {
                out.push(
                    Diagnostic::new(
                        Code::MissingAnchors,
                        format!(
                            "dimension `{}` has no behavioural anchor for {}",
                            d.id,
                            join_scores(&missing)
                        ),
                    )
                    .in_file(file)
                    .at(at(file, &id_path, Target::Value))
                    .with_hint(format!(
                        "describe what a {min}, a {middle} and a {max} look like under `anchors:`, so interviewers score alike"
                    )),
                );
            }
        }
    }

    for role in &handbook.roles {
        let file = &role.source.path;
        for (r, round) in role.rounds.iter().enumerate() {
            let planned = handbook.planned_minutes(round);
            if planned > round.minutes {
                out.push(
                    Diagnostic::new(
                        Code::RoundOverBudget,
                        format!(
                            "round `{}` plans {planned} minutes of questions in a {}-minute budget",
                            round.name, round.minutes
                        ),
                    )
                    .in_file(file)
                    .at(at(file, &[Seg::key("rounds"), Seg::Index(r), Seg::key("minutes")], Target::Value))
                    .with_hint("move a question to another round, drop one, or raise the round's `minutes`"),
                );
            }
        }
        // Once the rounds say what they assess, a dimension no round takes goes unscored.
        let claimed = role.rounds.iter().any(|r| !r.dimensions.is_empty());
        if let (true, Some(sc)) = (claimed, role.scorecard) {
            let scorecard = handbook.scorecard(sc);
            for (d, dimension) in scorecard.dimensions.iter().enumerate() {
                if !role.rounds.iter().any(|r| r.dimensions.contains(&d)) {
                    out.push(
                        Diagnostic::new(
                            Code::UnassessedDimension,
                            format!(
                                "no round of this role assesses dimension `{}`",
                                dimension.id
                            ),
                        )
                        .in_file(file)
                        .at(at(file, &[Seg::key("scorecard")], Target::Value))
                        .with_hint(format!(
                            "add `{}` to the `dimensions:` of the round that should assess it",
                            dimension.id
                        )),
                    );
                }
            }
        }
    }

    for role in &handbook.roles {
        let file = &role.source.path;
        for (r, round) in role.rounds.iter().enumerate() {
            for (i, item) in round.items.iter().enumerate() {
                for (j, q) in item.questions().iter().enumerate() {
                    let question = handbook.question(*q);
                    let Some(retirement) = &question.retirement else {
                        continue;
                    };
                    let round_name = super::round_label(r + 1, &round.name);
                    let mut yaml = vec![
                        Seg::key("rounds"),
                        Seg::Index(r),
                        Seg::key("questions"),
                        Seg::Index(i),
                    ];
                    if matches!(item, super::RoundItem::OneOf(_)) {
                        yaml.extend([Seg::key("one_of"), Seg::Index(j)]);
                    }
                    let hint = match retirement.replaced_by {
                        Some(by) => format!(
                            "ask `{}` instead: it replaces this one",
                            handbook.question(by).id
                        ),
                        None => "replace it with another question, or take it out".to_owned(),
                    };
                    out.push(
                        Diagnostic::new(
                            Code::RetiredInRole,
                            format!(
                                "{round_name} still asks `{}`, which is retired",
                                question.id
                            ),
                        )
                        .in_file(file)
                        .at(at(file, &yaml, Target::Value))
                        .with_hint(hint),
                    );
                }
            }
        }
    }

    let today = Date::today();
    // Dates of what has happened, in the future.
    for q in &handbook.questions {
        let dates = [
            ("last_reviewed", q.last_reviewed),
            ("retired_on", q.retirement.as_ref().and_then(|r| r.on)),
        ];
        for (field, date) in dates {
            let Some(date) = date.filter(|d| *d > today) else {
                continue;
            };
            let file = &q.source.path;
            out.push(
                Diagnostic::new(
                    Code::FutureDate,
                    format!("`{field}` is {date}, a day still to come"),
                )
                .in_file(file)
                .at(at(file, &[Seg::key(field)], Target::Value))
                .with_hint(format!(
                    "write the day it happened (today is {today}); a date typed wrong, such as \
                     the year, is the usual cause"
                )),
            );
        }
    }

    if let Some(months) = handbook.config.questions.review_months {
        for q in handbook
            .questions
            .iter()
            .filter(|q| q.status != Status::Retired)
        {
            let Some(reviewed) = q.last_reviewed else {
                continue;
            };
            let due = reviewed.plus_months(months);
            let message = if review_due(reviewed, months, today) {
                format!(
                    "question `{}` was last reviewed on {reviewed}: its review was due on {due}",
                    q.id
                )
            } else {
                continue;
            };
            let file = &q.source.path;
            out.push(
                Diagnostic::new(Code::ReviewOverdue, message)
                    .in_file(file)
                    .at(at(file, &[Seg::key("last_reviewed")], Target::Value))
                    .with_hint(format!(
                        "review it (is it still asked this way? do strong answers still look like \
                         this?) and set `last_reviewed: {today}`; book.toml asks for a review \
                         every {}",
                        if months == 1 {
                            "month".to_owned()
                        } else {
                            format!("{months} months")
                        }
                    )),
            );
        }
    }

    let mut titles: HashMap<String, &str> = HashMap::new();
    for q in &handbook.questions {
        let key = q
            .title
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(first) = titles.get(&key) {
            out.push(
                Diagnostic::new(
                    Code::DuplicateTitle,
                    format!("question `{}` has the same title as `{first}`", q.id),
                )
                .in_file(&q.source.path)
                .at(at(&q.source.path, &[Seg::key("title")], Target::Value))
                .with_hint("merge the two questions, or make the titles say how they differ"),
            );
        } else {
            titles.insert(key, q.id.as_str());
        }
    }
    out
}

fn join_scores(scores: &[String]) -> String {
    match scores {
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
        [] => String::new(),
    }
}
