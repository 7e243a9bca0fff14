//! What a build publishes of a validated handbook: everything, or everything but the draft
//! questions (the default; `--drafts` keeps them). Drafts are validated like every other
//! file first, so a draft's mistakes are found before it is published.

use std::collections::{HashMap, HashSet};

use super::lifecycle::Status;
use super::{Handbook, QuestionIx, RoundItem};
use crate::diag::{Code, Diagnostic};
use crate::markdown::Fragment;

const DRAFT_HINT: &str =
    "link to it once it is active (remove `status: draft`), or build with `--drafts` to preview it";
const GONE_PAGE_HINT: &str = "link to it once one of its questions is active (remove `status: \
     draft`), or build with `--drafts` to preview it";

/// `handbook` as a build without drafts publishes it, and what that changes: a round that
/// asks a draft leaves it out (a warning), a link to a draft would lead nowhere (an error).
/// With `drafts`, the handbook as it is.
///
/// `locate` finds where in a file a text first appears (a link to a draft is told at the first
/// place its file name is written).
pub fn publishable(
    mut handbook: Handbook,
    drafts: bool,
    locate: super::Locate,
) -> (Handbook, Vec<Diagnostic>) {
    let is_draft = |ix: QuestionIx, h: &Handbook| h.question(ix).status == Status::Draft;
    if drafts || !handbook.questions.iter().any(|q| q.status == Status::Draft) {
        return (handbook, Vec::new());
    }
    let mut found = Vec::new();

    // Rounds leave drafts out, each one told.
    for role in &handbook.roles {
        for (r, round) in role.rounds.iter().enumerate() {
            for q in round.questions().filter(|q| is_draft(*q, &handbook)) {
                let round_name = super::round_label(r + 1, &round.name);
                found.push(
                    Diagnostic::new(
                        Code::DraftInRole,
                        format!(
                            "{round_name} asks `{}`, a draft question, which a build without \
                             `--drafts` leaves out",
                            handbook.question(q).id
                        ),
                    )
                    .in_file(&role.source.path)
                    .with_hint(
                        "make the question active when it is ready (remove `status: draft`), or \
                         take it out of the round",
                    ),
                );
            }
        }
    }

    // What exists before drafts go, to tell links to what goes.
    let before: Vec<String> = handbook.generated_pages().collect();
    let mut gone: HashMap<String, (String, &str)> = handbook
        .questions
        .iter()
        .filter(|q| q.status == Status::Draft)
        .map(|q| {
            let described = format!("`{}`, a draft question,", q.id);
            (q.output(), (described, DRAFT_HINT))
        })
        .collect();
    // The topics drafts were in, for the topics left with no question.
    let had_drafts: HashSet<usize> = handbook
        .questions
        .iter()
        .filter(|q| q.status == Status::Draft)
        .map(|q| q.topic.get())
        .collect();
    // The questions that stay, renumbered.
    let renumbered = renumber(handbook.questions.iter().map(|q| q.status != Status::Draft));
    let new = |ix: QuestionIx| renumbered[ix.get()].map(QuestionIx::new);
    handbook.questions.retain(|q| q.status != Status::Draft);
    for q in &mut handbook.questions {
        if let Some(retirement) = &mut q.retirement {
            retirement.replaced_by = retirement.replaced_by.and_then(new);
        }
    }
    for topic in &mut handbook.topics {
        topic.questions = topic.questions.iter().filter_map(|q| new(*q)).collect();
    }
    // A topic that only drafts were in goes too (its page, its place in the navigation):
    // a retired question still names its topic, so a topic any question names stays.
    let named: HashSet<usize> = handbook.questions.iter().map(|q| q.topic.get()).collect();
    let keep_topic = |t: usize| named.contains(&t) || !had_drafts.contains(&t);
    let topic_renumbered = renumber((0..handbook.topics.len()).map(keep_topic));
    let mut t = 0;
    handbook.topics.retain(|_| {
        t += 1;
        keep_topic(t - 1)
    });
    for q in &mut handbook.questions {
        if let Some(to) = topic_renumbered[q.topic.get()] {
            q.topic = super::TopicIx::new(to);
        }
    }
    for role in &mut handbook.roles {
        for round in &mut role.rounds {
            round.items = round
                .items
                .iter()
                .filter_map(|item| {
                    let left: Vec<QuestionIx> =
                        item.questions().iter().filter_map(|q| new(*q)).collect();
                    match (item, left.len()) {
                        (_, 0) => None,
                        (RoundItem::One(_), _) | (RoundItem::OneOf(_), 1) => {
                            Some(RoundItem::One(left[0]))
                        }
                        (RoundItem::OneOf(_), _) => Some(RoundItem::OneOf(left)),
                    }
                })
                .collect();
        }
    }
    // Links to what the build leaves out, from every page and question that stays: a draft's
    // page, and the generated pages only drafts filled (a topic of drafts alone, a topic's
    // later pages).
    let after: HashSet<String> = handbook.generated_pages().collect();
    for page in before.into_iter().filter(|p| !after.contains(p)) {
        let described = format!("`{page}`, a page of draft questions alone,");
        gone.insert(page, (described, GONE_PAGE_HINT));
    }
    found.extend(links_to(&handbook, &gone, locate));
    (handbook, found)
}

/// Diagnostics for the links, in everything `handbook` publishes, to the pages in `gone`
/// (output path → what it is, and the hint to give).
fn links_to(
    handbook: &Handbook,
    gone: &HashMap<String, (String, &str)>,
    locate: super::Locate,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut links = |file: &str, html: &Fragment| {
        for link in html.root_links() {
            let page = link.split(['#', '?']).next().unwrap_or(link);
            if let Some((what, hint)) = gone.get(page) {
                // Once per page in each file, at the first place its name is written.
                let message =
                    format!("links to {what} which a build without `--drafts` leaves out");
                if found
                    .iter()
                    .any(|d: &Diagnostic| d.file.as_deref() == Some(file) && d.message == message)
                {
                    continue;
                }
                let name = page.rsplit('/').next().unwrap_or(page);
                let at = name
                    .strip_suffix(".html")
                    .and_then(|stem| locate(file, &format!("{stem}.md"), &[]))
                    .or_else(|| locate(file, name, &[]));
                found.push(
                    Diagnostic::new(Code::LinkToDraft, message)
                        .in_file(file)
                        .at(at)
                        .with_hint(*hint),
                );
            }
        }
    };
    for q in &handbook.questions {
        links(&q.source.path, &q.body.html);
        for inline in q
            .strong
            .iter()
            .chain(&q.follow_ups)
            .chain(&q.good_sign)
            .chain(&q.red_flag)
        {
            links(&q.source.path, &inline.html);
        }
    }
    for page in &handbook.pages {
        links(&page.source.path, &page.body.html);
    }
    // Every other text that can hold a link: scorecards, checklists, roles, topics.
    for s in &handbook.scorecards {
        let file = &s.source.path;
        for inline in s.description.iter().chain(
            s.dimensions
                .iter()
                .flat_map(|d| d.description.iter().chain(d.anchors.values())),
        ) {
            links(file, &inline.html);
        }
        if let Some(reminder) = &s.reminder {
            links(file, reminder);
        }
    }
    for c in &handbook.checklists {
        let file = &c.source.path;
        for inline in c.intro.iter().chain(
            c.items
                .iter()
                .flat_map(|i| std::iter::once(&i.title).chain(&i.why).chain(&i.instead)),
        ) {
            links(file, &inline.html);
        }
    }
    for role in &handbook.roles {
        let file = &role.source.path;
        links(file, &role.summary.html);
        for round in &role.rounds {
            if let Some(focus) = &round.focus {
                links(file, &focus.html);
            }
        }
    }
    for topic in &handbook.topics {
        if let Some(description) = &topic.description {
            links("content/topics.yaml", &description.html);
        }
    }

    found
}

/// The new index of each item kept (`keep`, in order), when the others are removed.
pub(super) fn renumber(keep: impl Iterator<Item = bool>) -> Vec<Option<usize>> {
    let mut kept = 0;
    keep.map(|k| {
        k.then(|| {
            kept += 1;
            kept - 1
        })
    })
    .collect()
}
