//! Who reads what: every page, question, scorecard, checklist and role is for interviewers,
//! for candidates or for both, and a build makes one edition, for one audience.
//!
//! The candidates' edition is made here, from the validated handbook, by leaving out what is
//! not theirs and emptying every interviewer-only field of what stays (a sample question keeps
//! its title, topic, levels, minutes and note; a scorecard its dimensions' names and
//! descriptions; a role its rounds' names and times). The renderer never sees the rest, so no
//! template, search index or data file can show it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::lifecycle::Status;
use super::{Handbook, QuestionIx, publish::renumber};
pub use crate::config::Audience;
use crate::diag::{Code, Diagnostic};
use crate::markdown::{Document, Fragment};

/// Who a file is for: `interviewers`, `candidates` or `both`.
///
/// (No doc comments on the variants: the JSON Schema would list them as `oneOf` constants.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Readers {
    Interviewers,
    Candidates,
    Both,
}

impl Readers {
    pub fn include(self, audience: Audience) -> bool {
        matches!(
            (self, audience),
            (Readers::Both, _)
                | (Readers::Interviewers, Audience::Interviewers)
                | (Readers::Candidates, Audience::Candidates)
        )
    }
}

/// A page's body in each edition, when sections of it are for one audience only
/// (`<!-- interviewers-only -->` ... `<!-- /interviewers-only -->`).
#[derive(Debug, Clone)]
pub struct Editions {
    pub interviewers: Arc<Document>,
    pub candidates: Arc<Document>,
    /// The lines of each audience's sections, markers included (first, last).
    pub interviewers_only: Vec<(u32, u32)>,
    pub candidates_only: Vec<(u32, u32)>,
}

/// `handbook` as `audience` reads it, and the links that would break in that edition: from
/// text its readers see to a page they do not get. With `also_candidates`, the links that
/// would break in the candidates' edition are reported by an interviewers' build as well (so
/// that `check` finds them when book.toml asks for both editions).
///
/// `locate` finds where in a file a text first appears.
pub fn edition(
    mut handbook: Handbook,
    audience: Audience,
    also_candidates: bool,
    locate: super::Locate,
) -> (Handbook, Vec<Diagnostic>) {
    let mut found = broken_links(&handbook, audience, locate);
    if audience == Audience::Interviewers && also_candidates {
        found.extend(broken_links(&handbook, Audience::Candidates, locate));
    }
    if audience == Audience::Candidates || also_candidates {
        found.extend(broken_anchors_for_candidates(&handbook));
    }
    match audience {
        Audience::Interviewers => {
            handbook
                .pages
                .retain(|p| p.readers.include(Audience::Interviewers));
            for page in &mut handbook.pages {
                page.editions = None;
            }
        }
        Audience::Candidates => for_candidates(&mut handbook),
    }
    (handbook, found)
}

/// Every page output `audience` does not get, with the name to give it in a message.
fn left_out(handbook: &Handbook, audience: Audience) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for q in &handbook.questions {
        if !q.readers.include(audience) {
            out.insert(q.output(), format!("question `{}`", q.id));
        } else if audience == Audience::Candidates && q.status != Status::Active {
            // Only an active question is a sample.
            out.insert(
                q.output(),
                format!(
                    "question `{}`, which is {}: only an active question is a sample",
                    q.id,
                    q.status.as_str()
                ),
            );
        }
    }
    for p in &handbook.pages {
        if !p.readers.include(audience) {
            out.insert(
                p.output.clone(),
                format!("page `{}`", p.source.content_path),
            );
        }
    }
    for s in &handbook.scorecards {
        if !s.readers.include(audience) {
            out.insert(s.output(), format!("scorecard `{}`", s.id));
        }
    }
    for c in &handbook.checklists {
        if !c.readers.include(audience) {
            out.insert(c.output(), format!("checklist `{}`", c.id));
        }
    }
    for r in &handbook.roles {
        if !r.readers.include(audience) {
            out.insert(r.output(), format!("role `{}`", r.id));
        }
        // Packets and round packets are interviewers' pages whoever the role is for.
        if audience == Audience::Candidates {
            out.insert(r.packet_output(), format!("the packet of role `{}`", r.id));
            out.insert(
                r.score_output(),
                format!("the scoring page of role `{}`", r.id),
            );
            for n in 1..=r.round_packets() {
                out.insert(
                    r.round_packet_output(n),
                    format!("a round packet of role `{}`", r.id),
                );
            }
        }
    }
    if audience == Audience::Candidates {
        let samples: HashSet<usize> = handbook
            .questions
            .iter()
            .filter(|q| q.readers.include(audience))
            .map(|q| q.topic.get())
            .collect();
        for (t, topic) in handbook.topics.iter().enumerate() {
            if !samples.contains(&t) {
                for n in 1..=topic.page_count() {
                    out.insert(topic.page_output(n), format!("topic `{}`", topic.id));
                }
            }
        }
        for page in CANDIDATES_DO_NOT_GET {
            out.insert((*page).to_owned(), format!("`{page}`"));
        }
    }
    out
}

/// Pages only the interviewers' edition makes.
const CANDIDATES_DO_NOT_GET: &[&str] = &[
    "roles/index.html",
    "roles/packet.html",
    super::CUSTOM_SCORE_PAGE,
    "print.html",
    super::REVIEW_PAGE,
    super::DEBRIEF_PAGE,
];

/// Links from text `audience` reads to pages it does not get.
fn broken_links(handbook: &Handbook, audience: Audience, locate: super::Locate) -> Vec<Diagnostic> {
    let missing = left_out(handbook, audience);
    let mut found: Vec<Diagnostic> = Vec::new();
    // `hidden`: the lines of the file this audience does not read (the other audience's
    // sections), where a link is no problem.
    // `key`: the field the text is in, when it is a front matter or YAML value (the link is
    // told at the key, not at the first place its target is named, which may be a field only
    // interviewers read).
    let mut check = |file: &str, html: &Fragment, hidden: &[(u32, u32)], key: Option<&str>| {
        for link in html.root_links() {
            let page = link.split(['#', '?']).next().unwrap_or(link);
            let Some(what) = missing.get(page) else {
                continue;
            };
            // A name alone gets the audience it is for; a name that says why already does not.
            let why = match (what.contains(", which is"), audience) {
                (true, _) => "",
                (false, Audience::Candidates) => ", which is for interviewers only",
                (false, Audience::Interviewers) => ", which is for candidates only",
            };
            let message = match audience {
                Audience::Candidates => format!(
                    "text that candidates read links to {what}{why}: the link would be broken \
                     in the candidates' edition"
                ),
                Audience::Interviewers => format!(
                    "links to {what}{why}: the link would be broken in the interviewers' edition"
                ),
            };
            if found
                .iter()
                .any(|d| d.file.as_deref() == Some(file) && d.message == message)
            {
                continue;
            }
            let name = page.rsplit('/').next().unwrap_or(page);
            let stem = name.strip_suffix(".html").unwrap_or(name);
            let at = match key {
                Some(key) => locate(file, &format!("{key}:"), &[]),
                None => locate(file, &format!("{stem}.md"), hidden)
                    .or_else(|| locate(file, &format!("{stem}.yaml"), hidden))
                    .or_else(|| locate(file, name, hidden)),
            };
            let hint = match audience {
                Audience::Candidates => {
                    "share the page with candidates (`audience: both`), move the link into an \
                     `<!-- interviewers-only -->` section, or remove it"
                }
                Audience::Interviewers => {
                    "share the page with interviewers (`audience: both`), move the link into a \
                     `<!-- candidates-only -->` section, or remove it"
                }
            };
            found.push(
                Diagnostic::new(Code::LinkAcrossAudiences, message)
                    .in_file(file)
                    .at(at)
                    .with_hint(hint),
            );
        }
    };
    visible_texts(handbook, audience, &mut check);
    found
}

/// What `visible_texts` calls: the file, the text, the lines of it to skip, the key.
type Visit<'a> = dyn FnMut(&str, &Fragment, &[(u32, u32)], Option<&str>) + 'a;

/// Calls `visit` with every text `audience` reads that can hold a link: its pages' bodies (in
/// its edition, with the lines of the other audience's sections), and for candidates the
/// notes of samples, shared scorecards and roles and shared scorecards' dimension
/// descriptions; shared checklists. `visit` also gets the key a front matter or YAML value is
/// under, when the value is told at its key.
fn visible_texts(handbook: &Handbook, audience: Audience, visit: &mut Visit) {
    for page in handbook
        .pages
        .iter()
        .filter(|p| p.readers.include(audience))
    {
        let (body, hidden) = match (&page.editions, audience) {
            (Some(e), Audience::Candidates) => (&e.candidates, &e.interviewers_only[..]),
            (Some(e), Audience::Interviewers) => (&e.interviewers, &e.candidates_only[..]),
            (None, _) => (&page.body, &[][..]),
        };
        visit(&page.source.path, &body.html, hidden, None);
    }
    if audience == Audience::Candidates {
        for q in handbook.questions.iter().filter(|q| is_sample(q)) {
            if let Some(note) = &q.candidate_note {
                visit(&q.source.path, &note.html, &[], Some("candidate_note"));
            }
        }
        for s in handbook
            .scorecards
            .iter()
            .filter(|s| s.readers.include(audience))
        {
            let file = &s.source.path;
            if let Some(note) = &s.candidate_note {
                visit(file, &note.html, &[], Some("candidate_note"));
            }
            for d in &s.dimensions {
                if let Some(text) = &d.description {
                    visit(file, &text.html, &[], None);
                }
            }
        }
        for r in handbook
            .roles
            .iter()
            .filter(|r| r.readers.include(audience))
        {
            if let Some(note) = &r.candidate_note {
                visit(&r.source.path, &note.html, &[], Some("candidate_note"));
            }
        }
    }
    for c in handbook
        .checklists
        .iter()
        .filter(|c| c.readers.include(audience))
    {
        let file = &c.source.path;
        for inline in c.intro.iter().chain(
            c.items
                .iter()
                .flat_map(|i| std::iter::once(&i.title).chain(&i.why).chain(&i.instead)),
        ) {
            visit(file, &inline.html, &[], None);
        }
    }
}

/// Whether candidates get `q` as a sample question: shared, and active (never a draft or a
/// retired question).
fn is_sample(q: &super::Question) -> bool {
    q.readers.include(Audience::Candidates) && q.status == Status::Active
}

/// Links from a page candidates read to a heading their edition does not have: one inside an
/// `<!-- interviewers-only -->` section, or in a sample question's notes (which they do not
/// get), or one numbered differently because an earlier heading of the same name is left out.
fn broken_anchors_for_candidates(handbook: &Handbook) -> Vec<Diagnostic> {
    let candidates = Audience::Candidates;
    let body = |p: &super::Page| match &p.editions {
        Some(e) => e.candidates.clone(),
        None => p.body.clone(),
    };
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    for p in handbook
        .pages
        .iter()
        .filter(|p| p.readers.include(candidates))
    {
        let own = body(p).headings.iter().map(|h| h.id.clone()).collect();
        ids.insert(p.output.clone(), own);
    }
    for q in &handbook.questions {
        if is_sample(q) {
            ids.insert(q.output(), HashSet::new());
        }
    }
    let mut found = Vec::new();
    for p in handbook
        .pages
        .iter()
        .filter(|p| p.readers.include(candidates))
    {
        for link in &body(p).anchor_links {
            let target = link.page.clone().unwrap_or_else(|| p.output.clone());
            let Some(known) = ids.get(&target) else {
                continue;
            };
            if known.contains(&link.anchor)
                || ["main", "search", "nav"].contains(&link.anchor.as_str())
            {
                continue;
            }
            found.push(
                Diagnostic::new(
                    Code::BrokenAnchor,
                    format!(
                        "links to `{target}#{}`, a heading the candidates' edition does not have",
                        link.anchor
                    ),
                )
                .in_file(&p.source.path)
                .at(link.position)
                .with_hint(
                    "the heading is for interviewers only (an `<!-- interviewers-only -->` section \
                     or a question's notes), or numbered differently without one: link to a \
                     heading candidates read, or move the link into an interviewers-only section",
                ),
            );
        }
    }
    found
}

/// Leaves in `handbook` only what candidates may read.
fn for_candidates(handbook: &mut Handbook) {
    let empty = Arc::new(Document::default());
    let audience = Audience::Candidates;

    // Files (images, downloads) only what candidates read links to: a diagram of an
    // interviewers' question is not theirs.
    let mut linked: HashSet<String> = HashSet::new();
    visible_texts(handbook, audience, &mut |_, html, _, _| {
        for link in html.root_links() {
            linked.insert(link.split(['#', '?']).next().unwrap_or(link).to_owned());
        }
    });

    // Prose pages: those for candidates, in their edition.
    handbook.pages.retain(|p| p.readers.include(audience));
    for page in &mut handbook.pages {
        if let Some(editions) = page.editions.take() {
            page.body = editions.candidates;
        }
    }

    // Sample questions: title, topic, levels, minutes and note. A retired or draft question
    // is never a sample.
    let keep: Vec<bool> = handbook.questions.iter().map(is_sample).collect();
    let renumbered = renumber(keep.iter().copied());
    let mut i = 0;
    handbook.questions.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    for q in &mut handbook.questions {
        q.dimensions.clear();
        q.strong.clear();
        q.good_sign = None;
        q.red_flag = None;
        q.follow_ups.clear();
        q.tags.clear();
        q.body = empty.clone();
        q.roles.clear();
        q.retirement = None;
        q.last_reviewed = None;
    }
    let new = |ix: QuestionIx| renumbered[ix.get()].map(QuestionIx::new);
    for topic in &mut handbook.topics {
        topic.questions = topic.questions.iter().filter_map(|q| new(*q)).collect();
        topic.description = None;
    }
    // Topics with no sample go; the samples' topics are renumbered.
    let named: HashSet<usize> = handbook.questions.iter().map(|q| q.topic.get()).collect();
    let topic_renumbered = renumber((0..handbook.topics.len()).map(|t| named.contains(&t)));
    let mut t = 0;
    handbook.topics.retain(|_| {
        t += 1;
        named.contains(&(t - 1))
    });
    for q in &mut handbook.questions {
        if let Some(to) = topic_renumbered[q.topic.get()] {
            q.topic = super::TopicIx::new(to);
        }
    }

    // Scorecards: what is assessed (dimension names and descriptions), not how it is scored.
    let scorecard_keep: Vec<bool> = handbook
        .scorecards
        .iter()
        .map(|s| s.readers.include(audience))
        .collect();
    let mut s = 0;
    handbook.scorecards.retain(|_| {
        s += 1;
        scorecard_keep[s - 1]
    });
    for scorecard in &mut handbook.scorecards {
        scorecard.description = scorecard.candidate_note.take();
        scorecard.scale.labels.clear();
        scorecard.recommendation.clear();
        scorecard.reminder = None;
        for d in &mut scorecard.dimensions {
            d.anchors.clear();
        }
    }
    let scorecard_renumbered = renumber(scorecard_keep.iter().copied());
    handbook.dimensions.clear();
    for (ix, scorecard) in handbook.scorecards.iter().enumerate() {
        for (i, d) in scorecard.dimensions.iter().enumerate() {
            handbook
                .dimensions
                .entry(d.id.clone())
                .or_insert((super::ScorecardIx::new(ix), i));
        }
    }

    // Checklists shared with candidates stay whole.
    handbook.checklists.retain(|c| c.readers.include(audience));

    // Roles: the process (rounds, their names and times), without questions or notes.
    handbook.roles.retain(|r| r.readers.include(audience));
    for role in &mut handbook.roles {
        role.summary = role.candidate_note.take().unwrap_or_default();
        role.checklists.clear();
        role.scorecard = role
            .scorecard
            .and_then(|s| scorecard_renumbered[s.get()])
            .map(super::ScorecardIx::new);
        for round in &mut role.rounds {
            round.focus = None;
            round.items.clear();
            // What each round assesses stays when the scorecard is shared (the indexes are
            // into its dimensions, which stay whole).
            if role.scorecard.is_none() {
                round.dimensions.clear();
            }
        }
    }
    handbook.assets.retain(|a| linked.contains(&a.content_path));
}
