//! From parsed drafts to a `Handbook`: unique ids, resolved references, sorted collections.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::lifecycle::{Retirement, Status};
use super::parse::{Draft, QuestionDraft, RoleDraft, RoundDraft, TopicMeta, parse_file};
use super::raw::RawRoundItem;
use super::yaml::locate;
use super::{
    Checklist, ChecklistIx, DimensionId, Handbook, Page, QUESTION_SECTION_IDS, Question,
    QuestionIx, Role, RoleIx, Round, RoundItem, Scorecard, ScorecardIx, Topic, TopicId, TopicIx,
    page_output, question_output,
};
use crate::config::Config;
use crate::diag::suggest::Candidates;
use crate::diag::{self, Code, Diagnostic, Position};
use crate::markdown::{self, AnchorLink, GeneratedLink, LinkMap};
use crate::source::yaml_path::{Seg, Target};
use crate::source::{SourceFile, SourceKind, Sources};

use rayon::prelude::*;

/// Past this many topics with one question each, `likely-topic-typo` is not looked for.
const LONELY_TOPICS_CHECKED: usize = 200;

/// Pages hirebook generates itself; content may link to them, and must not replace them.
pub const GENERATED_PAGES: &[&str] = &[
    "questions/index.html",
    "roles/index.html",
    "roles/packet.html",
    super::CUSTOM_SCORE_PAGE,
    "search.html",
    "print.html",
    "404.html",
    super::REVIEW_PAGE,
    super::DEBRIEF_PAGE,
    // Written when `site-url` is a full URL; taken either way, so that adding one never
    // breaks a handbook.
    "sitemap.xml",
];

/// Folders hirebook fills on its own: the theme's files and generated scripts, and the parts
/// of the print view of a large handbook.
pub const GENERATED_FOLDERS: &[&str] = &["static/", "print/"];

/// Parses and validates every source file. Returns the handbook when there are no errors,
/// and every diagnostic (errors and warnings) in print order either way.
pub fn load(config: Config, sources: &Sources) -> (Option<Handbook>, Vec<Diagnostic>) {
    use crate::timings::phase;
    let links = link_map(sources);
    let parsed: Vec<Parsed> = phase("parse", || {
        sources
            .files
            .par_iter()
            .map(|file| parse(&config, file, &links))
            .collect()
    });
    phase("validate", || assemble(config, sources, parsed))
}

/// `load`, releasing each file's text once it is parsed (see `SourceFile::release_text`),
/// unless the parse found problems in it.
pub fn load_releasing(
    config: Config,
    sources: &mut Sources,
) -> (Option<Handbook>, Vec<Diagnostic>) {
    use crate::timings::phase;
    let links = link_map(sources);
    let parsed: Vec<Parsed> = phase("parse", || {
        sources
            .files
            .par_iter_mut()
            .map(|file| {
                let parsed = parse(&config, file, &links);
                if parsed.diagnostics.is_empty() {
                    file.release_text();
                }
                parsed
            })
            .collect()
    });
    phase("validate", || assemble(config, sources, parsed))
}

/// One file, parsed on its own: its draft (if usable) and its problems. Cheap to clone, so a
/// long-running session can keep it until the file changes.
#[derive(Clone)]
pub struct Parsed {
    pub(crate) draft: Option<Draft>,
    pub diagnostics: Vec<Diagnostic>,
    /// Links to topic pages and packets, checked once the topics and roles are known.
    pub(crate) generated_links: Vec<GeneratedLink>,
}

/// Parses one file. The result depends only on the file's text, `links` and the config.
pub fn parse(config: &Config, file: &SourceFile, links: &LinkMap) -> Parsed {
    let options = markdown::Options::new(links, config.html.allow_html);
    let mut diagnostics = Vec::new();
    let draft = parse_file(file, &options, &mut diagnostics);
    fold_raw_html(&mut diagnostics);
    Parsed {
        draft,
        diagnostics,
        generated_links: options.generated_links.into_inner(),
    }
}

/// One warning per file for raw HTML shown as text, at its first place: a table written in
/// HTML would otherwise give one per line, and the fix is the same for all of them.
fn fold_raw_html(diagnostics: &mut Vec<Diagnostic>) {
    let places = || diagnostics.iter().filter(|d| d.code == Code::RawHtml);
    let more = places().count().saturating_sub(1);
    let Some(mut first) = places().min_by_key(|d| d.position).cloned() else {
        return;
    };
    if more == 0 {
        return;
    }
    diagnostics.retain(|d| d.code != Code::RawHtml);
    first.message = format!(
        "raw HTML is shown as text, here and in {more} more place{} in this file",
        if more == 1 { "" } else { "s" }
    );
    diagnostics.push(first);
}

/// Resolves the references between parsed files (in the order of `sources.files`) and
/// builds the handbook.
pub fn assemble(
    config: Config,
    sources: &Sources,
    parsed: Vec<Parsed>,
) -> (Option<Handbook>, Vec<Diagnostic>) {
    let mut diagnostics = sources.diagnostics.clone();
    let mut drafts = Vec::with_capacity(parsed.len());
    let mut generated_links = Vec::new();
    for p in parsed {
        diagnostics.extend(p.diagnostics);
        drafts.extend(p.draft);
        generated_links.extend(p.generated_links);
    }
    let mut v = Validator {
        sources,
        diagnostics,
        warnings: Vec::new(),
        existing: existing_ids(sources),
        generated_links,
    };
    let handbook = v.assemble(config, drafts, sources);
    let mut diagnostics = v.diagnostics;
    // Warnings about the whole handbook would be noise while it has errors: a file that failed
    // to parse would show up as, say, a dimension nobody covers. A broken anchor is a fact
    // about the linking file alone (links into pages that failed to parse are not checked),
    // so it is told in the same run as the errors.
    // (The warnings about the whole handbook, `warnings::check`, are made by the pipeline on
    // what a build publishes: without `--drafts`, the handbook without its drafts.)
    if handbook.is_some() {
        if diag::count_errors(&diagnostics) == 0 {
            diagnostics.extend(v.warnings);
        } else {
            diagnostics.extend(
                v.warnings
                    .into_iter()
                    .filter(|w| w.code == Code::BrokenAnchor),
            );
        }
    }
    diag::sort(&mut diagnostics);
    let handbook = handbook.filter(|_| diag::count_errors(&diagnostics) == 0);
    (handbook, diagnostics)
}

/// Every content path that becomes a page or file, so Markdown links can be rewritten.
pub fn link_map(sources: &Sources) -> LinkMap {
    let mut links = LinkMap::default();
    for file in &sources.files {
        let stem = file_stem(&file.content_path);
        let output = match file.kind {
            SourceKind::Question => question_output(stem),
            SourceKind::Page => page_output(&file.content_path),
            SourceKind::Scorecard => format!("scorecards/{stem}.html"),
            SourceKind::Checklist => format!("checklists/{stem}.html"),
            SourceKind::Role => format!("roles/{stem}.html"),
            SourceKind::Topics => continue,
        };
        links.add_page(&file.content_path, &output);
    }
    for asset in &sources.assets {
        links.add_asset(&asset.content_path);
    }
    for page in GENERATED_PAGES {
        links.add_output(page);
    }
    links
}

fn file_stem(content_path: &str) -> &str {
    let name = content_path.rsplit('/').next().unwrap_or(content_path);
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// Ids that have a file, parsed or not: a reference to a file that failed to parse is not
/// reported a second time as unknown.
fn existing_ids(sources: &Sources) -> HashMap<SourceKind, HashSet<String>> {
    let mut ids: HashMap<SourceKind, HashSet<String>> = HashMap::new();
    let files = sources
        .files
        .iter()
        .map(|f| (f.content_path.as_str(), f.kind));
    let unreadable = sources.unreadable.iter().map(|(p, k)| (p.as_str(), *k));
    for (content_path, kind) in files.chain(unreadable) {
        ids.entry(kind)
            .or_default()
            .insert(file_stem(content_path).to_owned());
    }
    ids
}

struct Validator<'a> {
    sources: &'a Sources,
    diagnostics: Vec<Diagnostic>,
    /// Reported only when there are no errors.
    warnings: Vec<Diagnostic>,
    existing: HashMap<SourceKind, HashSet<String>>,
    /// Every link to a topic's page or a packet, from every file.
    generated_links: Vec<GeneratedLink>,
}

impl Validator<'_> {
    fn position(&self, path: &str, yaml: &[Seg]) -> Option<Position> {
        self.sources
            .file(path)
            .and_then(|f| locate(f, yaml, Target::Value))
    }

    fn position_key(&self, path: &str, yaml: &[Seg]) -> Option<Position> {
        self.sources
            .file(path)
            .and_then(|f| locate(f, yaml, Target::Key))
    }

    fn exists(&self, kind: SourceKind, id: &str) -> bool {
        self.existing.get(&kind).is_some_and(|ids| ids.contains(id))
    }

    /// Reports a reference to an id of `kind` that does not resolve.
    #[allow(clippy::too_many_arguments)]
    fn unknown(
        &mut self,
        code: Code,
        kind_name: &str,
        file: &str,
        yaml: &[Seg],
        wrong: &str,
        candidates: &Candidates,
        fallback_hint: &str,
    ) {
        let d = Diagnostic::new(code, format!("unknown {kind_name} `{wrong}`"))
            .in_file(file)
            .at(self.position(file, yaml))
            .suggest_from(wrong, candidates)
            .or_hint(fallback_hint);
        self.diagnostics.push(d);
    }

    fn assemble(
        &mut self,
        config: Config,
        drafts: Vec<Draft>,
        sources: &Sources,
    ) -> Option<Handbook> {
        let mut questions = Vec::with_capacity(drafts.len());
        let mut scorecards = Vec::new();
        let mut checklists = Vec::new();
        let mut roles = Vec::new();
        let mut pages = Vec::new();
        let mut topic_meta = Vec::new();
        for draft in drafts {
            match draft {
                Draft::Question(q) => questions.push(*q),
                Draft::Scorecard(s) => scorecards.push(s),
                Draft::Checklist(c) => checklists.push(c),
                Draft::Role(r) => roles.push(r),
                Draft::Page(p) => pages.push(p),
                Draft::Topics(t) => topic_meta.extend(t),
            }
        }

        self.dedupe(&mut questions, "question", |q| {
            (q.id.as_str().to_owned(), q.source.path.clone())
        });
        self.dedupe(&mut scorecards, "scorecard", |s| {
            (s.id.as_str().to_owned(), s.source.path.clone())
        });
        self.dedupe(&mut checklists, "checklist", |c| {
            (c.id.as_str().to_owned(), c.source.path.clone())
        });
        self.dedupe(&mut roles, "role", |r| {
            (r.id.as_str().to_owned(), r.source.path.clone())
        });

        let topics = self.topics(&questions, topic_meta, sources);
        let topic_ix: HashMap<TopicId, usize> = topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        // Paths are unique, so an unstable sort (which needs no buffer) orders them the same.
        questions.sort_unstable_by(|a, b| {
            (topic_ix.get(&a.topic), &a.source.path).cmp(&(topic_ix.get(&b.topic), &b.source.path))
        });

        scorecards.sort_by(|a, b| a.id.cmp(&b.id));
        checklists.sort_by(|a, b| a.id.cmp(&b.id));
        pages.sort_by(|a, b| a.output.cmp(&b.output));
        let dimensions = dimension_index(&scorecards);

        // With a scorecard that failed to parse, its dimensions are unknown: reporting every
        // question that names one would bury the scorecard's own error.
        let parsed: HashSet<&str> = scorecards.iter().map(|s| s.id.as_str()).collect();
        let mut broken: Vec<String> = self
            .existing
            .get(&SourceKind::Scorecard)
            .into_iter()
            .flatten()
            .filter(|id| !parsed.contains(id.as_str()))
            .cloned()
            .collect();
        broken.sort();
        let questions = self.resolve_questions(questions, &topic_ix, &dimensions, &broken);
        let mut topics = topics;
        // Retired questions keep their page, but leave the lists (and so the planner's bank,
        // the print view and the counts).
        for (i, q) in questions.iter().enumerate() {
            if q.status != Status::Retired {
                topics[q.topic.get()].questions.push(QuestionIx::new(i));
            }
        }
        let mut roles = self.resolve_roles(roles, &questions, &scorecards, &checklists);
        roles.sort_by(|a, b| (a.level, &a.title, &a.id).cmp(&(b.level, &b.title, &b.id)));
        let mut questions = questions;
        for (r, role) in roles.iter().enumerate() {
            let mut seen = BTreeSet::new();
            for q in role.rounds.iter().flat_map(|round| round.questions()) {
                if seen.insert(q) {
                    questions[q.get()].roles.push(RoleIx::new(r));
                }
            }
        }

        let handbook = Handbook {
            config,
            questions,
            topics,
            scorecards,
            checklists,
            roles,
            pages,
            assets: sources.assets.clone(),
            dimensions,
        };
        self.check_outputs(&handbook);
        self.check_anchors(&handbook.questions, &handbook.pages);
        self.check_generated_links(&handbook);
        Some(handbook)
    }

    /// Keeps the first item of each id (by path) and reports the others.
    fn dedupe<T>(&mut self, items: &mut Vec<T>, kind: &str, key: impl Fn(&T) -> (String, String)) {
        // By path, computed once per item rather than at every comparison.
        items.sort_by_cached_key(|item| key(item).1);
        let mut first: HashMap<String, String> = HashMap::new();
        items.retain(|item| {
            let (id, path) = key(item);
            match first.get(&id) {
                Some(original) => {
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::DuplicateId,
                            format!("{kind} id `{id}` is already used by {original}"),
                        )
                        .in_file(&path)
                        .with_hint("ids come from file names and must be unique, even across subfolders: rename one of the files"),
                    );
                    false
                }
                None => {
                    first.insert(id, path);
                    true
                }
            }
        });
    }

    /// With topics.yaml, a question's topic must be listed there (a misspelt `debuging` would
    /// otherwise make a second topic page). Without it, a topic that one question uses and
    /// that is a typo or two away from another topic is likely a misspelling: a warning.
    fn check_topic_names(
        &mut self,
        questions: &[QuestionDraft],
        meta: &BTreeMap<TopicId, TopicMeta>,
        listed: bool,
        sources: &Sources,
    ) {
        let at = |q: &QuestionDraft| {
            sources
                .file(&q.source.path)
                .and_then(|f| locate(f, &[Seg::key("topic")], Target::Value))
        };
        if listed {
            let known = Candidates::new(meta.keys().map(TopicId::as_str));
            for q in questions.iter().filter(|q| !meta.contains_key(&q.topic)) {
                let d = Diagnostic::new(
                    Code::UnknownTopic,
                    format!("topic `{}` is not in topics.yaml", q.topic),
                )
                .in_file(&q.source.path)
                .at(at(q))
                .suggest_from(q.topic.as_str(), &known)
                .with_hint(format!(
                    "add `{}:` to topics.yaml, or use one of its topics",
                    q.topic
                ));
                self.diagnostics.push(d);
            }
            return;
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for q in questions {
            *counts.entry(q.topic.as_str()).or_default() += 1;
        }
        // Each lonely topic is compared with every shared one. Past a few hundred lonely
        // topics the handbook does not group questions by topic at all, the warning would be
        // noise, and the comparisons would grow with the square of the questions.
        let lonely_topics = counts.values().filter(|&&n| n == 1).count();
        if lonely_topics > LONELY_TOPICS_CHECKED {
            return;
        }
        for q in questions.iter().filter(|q| counts[q.topic.as_str()] == 1) {
            let lonely = q.topic.as_str();
            let near = counts
                .iter()
                .filter(|(other, n)| **other != lonely && **n > 1)
                .find(|(other, _)| strsim::levenshtein(lonely, other) <= 2);
            if let Some((other, n)) = near {
                self.warnings.push(
                    Diagnostic::new(
                        Code::LikelyTopicTypo,
                        format!(
                            "topic `{lonely}` is used by this question only; {n} questions use `{other}`"
                        ),
                    )
                    .in_file(&q.source.path)
                    .at(at(q))
                    .with_hint(format!(
                        "did you mean `{other}`? If `{lonely}` is meant, list the topics in topics.yaml"
                    )),
                );
            }
        }
    }

    fn topics(
        &mut self,
        questions: &[QuestionDraft],
        meta: Vec<TopicMeta>,
        sources: &Sources,
    ) -> Vec<Topic> {
        let used: BTreeSet<&TopicId> = questions.iter().map(|q| &q.topic).collect();
        let mut meta: BTreeMap<TopicId, TopicMeta> =
            meta.into_iter().map(|m| (m.id.clone(), m)).collect();
        let topics_file = sources.files.iter().find(|f| f.kind == SourceKind::Topics);
        // A topics.yaml with errors of its own is not held against the questions (no cascade).
        let topics_broken = topics_file.is_some_and(|f| {
            self.diagnostics
                .iter()
                .any(|d| d.is_error() && d.file.as_deref() == Some(f.path.as_str()))
        }) || sources
            .unreadable
            .iter()
            .any(|(_, k)| *k == SourceKind::Topics);
        if !topics_broken {
            self.check_topic_names(questions, &meta, topics_file.is_some(), sources);
        } else if let Some(q) = questions.iter().find(|q| !meta.contains_key(&q.topic)) {
            // Said once, at the first question whose topic is not known, rather than nothing.
            let at = sources
                .file(&q.source.path)
                .and_then(|f| locate(f, &[Seg::key("topic")], Target::Value));
            self.diagnostics.push(
                Diagnostic::new(
                    Code::TopicsUnchecked,
                    "topics are not checked while topics.yaml has errors",
                )
                .in_file(&q.source.path)
                .at(at)
                .with_hint("fix the errors in topics.yaml first; the next run checks every question's topic"),
            );
        }
        for (id, _) in meta.iter().filter(|(id, _)| !used.contains(id)) {
            if let Some(file) = topics_file {
                self.warnings.push(
                    Diagnostic::new(Code::UnusedTopic, format!("no question has topic `{id}`"))
                        .in_file(&file.path)
                        .at(locate(file, &[Seg::Key(id.to_string())], Target::Key))
                        .with_hint("remove the entry, or fix the `topic:` of the questions meant to use it"),
                );
            }
        }
        let mut topics: Vec<Topic> = used
            .into_iter()
            .map(|id| match meta.remove(id) {
                Some(m) => Topic {
                    id: m.id,
                    title: if m.title.is_empty() {
                        humanize(id.as_str())
                    } else {
                        m.title
                    },
                    description: m.description,
                    weight: m.weight,
                    questions: Vec::new(),
                },
                None => Topic {
                    id: id.clone(),
                    title: humanize(id.as_str()),
                    description: None,
                    weight: 0,
                    questions: Vec::new(),
                },
            })
            .collect();
        topics.sort_by(|a, b| (a.weight, &a.title, &a.id).cmp(&(b.weight, &b.title, &b.id)));
        topics
    }

    fn resolve_questions(
        &mut self,
        drafts: Vec<QuestionDraft>,
        topic_ix: &HashMap<TopicId, usize>,
        dimensions: &BTreeMap<DimensionId, (ScorecardIx, usize)>,
        broken_scorecards: &[String],
    ) -> Vec<Question> {
        let known = Candidates::new(dimensions.keys().map(|d| d.as_str()));
        let mut told = false;
        // Each retired question's `replaced_by`, as written, to be resolved once all are known.
        let mut replacements = Vec::new();
        let mut questions: Vec<Question> = drafts
            .into_iter()
            .enumerate()
            .map(|(ix, mut q)| {
                if let Some(id) = q.replaced_by.take() {
                    replacements.push((ix, id));
                }
                let mut dims = Vec::with_capacity(q.dimensions.len());
                for (i, raw) in q.dimensions.iter().enumerate() {
                    match DimensionId::parse(raw).filter(|d| dimensions.contains_key(d)) {
                        Some(d) if !dims.contains(&d) => dims.push(d),
                        Some(_) => {}
                        // Perhaps a dimension of the scorecard that could not be read: said
                        // once, rather than once per question.
                        None if !broken_scorecards.is_empty() => {
                            if !told {
                                told = true;
                                let d = Diagnostic::new(
                                    Code::DimensionsUnchecked,
                                    format!(
                                        "dimensions are not checked while scorecard {} has errors",
                                        diag::quoted(broken_scorecards)
                                    ),
                                )
                                .in_file(&q.source.path)
                                .at(self.position(&q.source.path, &[Seg::key("dimensions"), Seg::Index(i)]))
                                .with_hint("fix the scorecard's errors first; its dimensions are checked in the next run");
                                self.diagnostics.push(d);
                            }
                        }
                        None => self.unknown(
                            Code::UnknownDimension,
                            "dimension",
                            &q.source.path,
                            &[Seg::key("dimensions"), Seg::Index(i)],
                            raw,
                            &known,
                            "dimensions are the `id`s listed in content/scorecards/*.yaml",
                        ),
                    }
                }
                Question {
                    id: q.id,
                    source: q.source,
                    title: q.title,
                    title_html: q.title_html,
                    topic: TopicIx::new(topic_ix.get(&q.topic).copied().unwrap_or(0)),
                    levels: q.levels,
                    minutes: q.minutes,
                    dimensions: dims,
                    strong: q.strong,
                    good_sign: q.good_sign,
                    red_flag: q.red_flag,
                    follow_ups: q.follow_ups,
                    tags: q.tags,
                    body: q.body,
                    roles: Vec::new(),
                    title_at: q.title_at,
                    status: q.status,
                    retirement: (q.status == Status::Retired).then_some(Retirement {
                        on: q.retired_on,
                        reason: q.retired_reason,
                        replaced_by: None,
                    }),
                    last_reviewed: q.last_reviewed,
                    readers: q.readers,
                    candidate_note: q.candidate_note,
                }
            })
            .collect();
        self.resolve_replacements(&mut questions, replacements);
        questions
    }

    /// Points each retired question at its replacement: an existing question other than
    /// itself, neither retired nor a draft (which a build without `--drafts` leaves out).
    fn resolve_replacements(
        &mut self,
        questions: &mut [Question],
        replacements: Vec<(usize, String)>,
    ) {
        if replacements.is_empty() {
            return;
        }
        let by_id: HashMap<&str, usize> = questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        let ids = Candidates::new(questions.iter().map(|q| q.id.as_str()));
        let mut resolved = Vec::new();
        for (ix, id) in replacements {
            let file = questions[ix].source.path.clone();
            let at = self.position(&file, &[Seg::key("replaced_by")]);
            let problem = match by_id.get(id.as_str()) {
                _ if id.is_empty() => Some(
                    Diagnostic::new(Code::BadReplacement, "`replaced_by` is empty")
                        .with_hint("name the question to ask instead, or remove `replaced_by`"),
                ),
                None if self.exists(SourceKind::Question, &id) => continue,
                None => Some(
                    Diagnostic::new(Code::BadReplacement, format!("`replaced_by` names `{id}`, which is not a question"))
                        .suggest_from(&id, &ids)
                        .or_hint("questions are named by their file name in content/questions/, without `.md`"),
                ),
                Some(&r) if r == ix => Some(
                    Diagnostic::new(Code::BadReplacement, "a question cannot replace itself")
                        .with_hint("name the question interviewers should ask instead"),
                ),
                Some(&r) if questions[r].status == Status::Draft => Some(
                    Diagnostic::new(Code::BadReplacement, format!("`replaced_by` names `{id}`, which is a draft"))
                        .with_hint("a build without `--drafts` leaves drafts out: make it active first, or name an active question"),
                ),
                Some(&r) if questions[r].status == Status::Retired => Some(
                    Diagnostic::new(Code::BadReplacement, format!("`replaced_by` names `{id}`, which is retired too"))
                        .with_hint("name the active question that replaces both"),
                ),
                Some(&r) => {
                    resolved.push((ix, r));
                    None
                }
            };
            if let Some(d) = problem {
                self.diagnostics.push(d.in_file(&file).at(at));
            }
        }
        for (ix, r) in resolved {
            if let Some(retirement) = questions[ix].retirement.as_mut() {
                retirement.replaced_by = Some(QuestionIx::new(r));
            }
        }
    }

    fn resolve_roles(
        &mut self,
        drafts: Vec<RoleDraft>,
        questions: &[Question],
        scorecards: &[Scorecard],
        checklists: &[Checklist],
    ) -> Vec<Role> {
        let question_ix: HashMap<&str, usize> = questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        let question_ids = Candidates::new(questions.iter().map(|q| q.id.as_str()));
        let scorecard_ids: Vec<&str> = scorecards.iter().map(|s| s.id.as_str()).collect();
        let checklist_ids: Vec<&str> = checklists.iter().map(|c| c.id.as_str()).collect();
        let scorecard_names = Candidates::new(scorecard_ids.iter().copied());
        let checklist_names = Candidates::new(checklist_ids.iter().copied());

        let mut roles = Vec::with_capacity(drafts.len());
        for draft in drafts {
            let file = draft.source.path.clone();
            let scorecard = match &draft.scorecard {
                None => None,
                Some(id) => match scorecard_ids.iter().position(|s| s == id) {
                    Some(i) => Some(ScorecardIx::new(i)),
                    None => {
                        if !self.exists(SourceKind::Scorecard, id) {
                            self.unknown(
                                Code::UnknownScorecard,
                                "scorecard",
                                &file,
                                &[Seg::key("scorecard")],
                                id,
                                &scorecard_names,
                                "scorecards are the files in content/scorecards/, named without `.yaml`",
                            );
                        }
                        None
                    }
                },
            };
            let mut role_checklists = Vec::new();
            for (i, id) in draft.checklists.iter().enumerate() {
                match checklist_ids.iter().position(|c| c == id) {
                    // Each listed checklist is printed in the packet: once is enough.
                    Some(c) if role_checklists.contains(&ChecklistIx::new(c)) => {
                        let path = [Seg::key("checklists"), Seg::Index(i)];
                        self.diagnostics.push(
                            Diagnostic::new(
                                Code::DuplicateChecklistInRole,
                                format!("checklist `{id}` is already listed"),
                            )
                            .in_file(&file)
                            .at(self.position(&file, &path))
                            .with_hint("list each checklist once"),
                        );
                    }
                    Some(c) => role_checklists.push(ChecklistIx::new(c)),
                    None if self.exists(SourceKind::Checklist, id) => {}
                    None => self.unknown(
                        Code::UnknownChecklist,
                        "checklist",
                        &file,
                        &[Seg::key("checklists"), Seg::Index(i)],
                        id,
                        &checklist_names,
                        "checklists are the files in content/checklists/, named without `.yaml`",
                    ),
                }
            }
            let mut seen: HashMap<&str, usize> = HashMap::new();
            let mut rounds = Vec::with_capacity(draft.rounds.len());
            for (r, round) in draft.rounds.iter().enumerate() {
                let mut items = Vec::with_capacity(round.questions.len());
                for (i, item) in round.questions.iter().enumerate() {
                    let at = |j: Option<usize>| {
                        let mut yaml = vec![
                            Seg::key("rounds"),
                            Seg::Index(r),
                            Seg::key("questions"),
                            Seg::Index(i),
                        ];
                        if let Some(j) = j {
                            yaml.extend([Seg::key("one_of"), Seg::Index(j)]);
                        }
                        yaml
                    };
                    match item {
                        RawRoundItem::One(id) => {
                            if let Some(q) = self.round_question(
                                &file,
                                &draft.rounds,
                                r,
                                id,
                                &at(None),
                                &question_ix,
                                &question_ids,
                                &mut seen,
                            ) {
                                items.push(RoundItem::One(q));
                            }
                        }
                        RawRoundItem::Group(group) => {
                            let mut members = Vec::with_capacity(group.one_of.len());
                            for (j, id) in group.one_of.iter().enumerate() {
                                if let Some(q) = self.round_question(
                                    &file,
                                    &draft.rounds,
                                    r,
                                    id,
                                    &at(Some(j)),
                                    &question_ix,
                                    &question_ids,
                                    &mut seen,
                                ) {
                                    members.push(q);
                                }
                            }
                            // Counted as written: an unknown id is told on its own.
                            if group.one_of.len() < 2 {
                                self.diagnostics.push(
                                    Diagnostic::new(
                                        Code::SmallGroup,
                                        format!(
                                            "a `one_of` group needs two or more questions, not {}",
                                            group.one_of.len()
                                        ),
                                    )
                                    .in_file(&file)
                                    .at(self.position_key(
                                        &file,
                                        &[at(None), vec![Seg::key("one_of")]].concat(),
                                    ))
                                    .with_hint(
                                        "list the interchangeable questions, or write the id on its own",
                                    ),
                                );
                            }
                            match members.len() {
                                0 => {}
                                1 => items.push(RoundItem::One(members[0])),
                                _ => items.push(RoundItem::OneOf(members)),
                            }
                        }
                    }
                }
                let dimensions = self.round_dimensions(
                    &file,
                    r,
                    &round.dimensions,
                    scorecard.map(|s| &scorecards[s.get()]),
                    draft.scorecard.is_some(),
                );
                rounds.push(Round {
                    name: round.name.clone(),
                    minutes: round.minutes,
                    focus: round.focus.clone(),
                    items,
                    dimensions,
                });
            }
            roles.push(Role {
                id: draft.id,
                source: draft.source,
                title: draft.title,
                summary: draft.summary,
                level: draft.level,
                scorecard,
                checklists: role_checklists,
                rounds,
                readers: draft.readers,
                candidate_note: draft.candidate_note,
            });
        }
        roles
    }

    /// The question `id` that round `r` of a role asks, if it exists and no earlier place in
    /// the role asks it (`seen`: question id → round).
    #[allow(clippy::too_many_arguments)]
    fn round_question<'q>(
        &mut self,
        file: &str,
        rounds: &[RoundDraft],
        r: usize,
        id: &'q str,
        yaml: &[Seg],
        question_ix: &HashMap<&str, usize>,
        question_ids: &Candidates,
        seen: &mut HashMap<&'q str, usize>,
    ) -> Option<QuestionIx> {
        match question_ix.get(id) {
            Some(&q) => {
                if let Some(first_round) = seen.insert(id, r) {
                    let round = super::round_label(first_round + 1, &rounds[first_round].name);
                    let message = if first_round == r {
                        // In the same list, or the same `one_of` group.
                        format!("question `{id}` is named twice in {round}")
                    } else {
                        format!("question `{id}` is already in {round}")
                    };
                    self.diagnostics.push(
                        Diagnostic::new(Code::DuplicateQuestionInRole, message)
                            .in_file(file)
                            .at(self.position(file, yaml))
                            .with_hint("ask each question once per interview plan"),
                    );
                    None
                } else {
                    Some(QuestionIx::new(q))
                }
            }
            None => {
                if !self.exists(SourceKind::Question, id) {
                    self.unknown(
                        Code::UnknownQuestion,
                        "question",
                        file,
                        yaml,
                        id,
                        question_ids,
                        "questions are named by their file name in content/questions/, without `.md`",
                    );
                }
                None
            }
        }
    }

    /// The dimensions round `r` names, checked against the role's scorecard: indexes into its
    /// dimensions. With a scorecard named but not readable, nothing is said (its own errors
    /// are).
    fn round_dimensions(
        &mut self,
        file: &str,
        r: usize,
        ids: &[String],
        scorecard: Option<&Scorecard>,
        names_scorecard: bool,
    ) -> Vec<usize> {
        let mut found = Vec::new();
        let Some(scorecard) = scorecard else {
            if !ids.is_empty() && !names_scorecard {
                let path = [Seg::key("rounds"), Seg::Index(r), Seg::key("dimensions")];
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::UnknownDimension,
                        "this round names dimensions, but the role has no scorecard",
                    )
                    .in_file(file)
                    .at(self.position_key(file, &path))
                    .with_hint(
                        "add `scorecard: <id>` to the role, or remove the round's `dimensions`",
                    ),
                );
            }
            return found;
        };
        let known = Candidates::new(scorecard.dimensions.iter().map(|d| d.id.as_str()));
        for (i, id) in ids.iter().enumerate() {
            match scorecard
                .dimensions
                .iter()
                .position(|d| d.id.as_str() == id)
            {
                Some(d) if !found.contains(&d) => found.push(d),
                Some(_) => {}
                None => self.unknown(
                    Code::UnknownDimension,
                    "dimension",
                    file,
                    &[
                        Seg::key("rounds"),
                        Seg::Index(r),
                        Seg::key("dimensions"),
                        Seg::Index(i),
                    ],
                    id,
                    &known,
                    "a round's dimensions are the `id`s of its role's scorecard",
                ),
            }
        }
        found
    }

    /// Two sources must never write the same page, nor replace a generated one.
    fn check_outputs(&mut self, handbook: &Handbook) {
        let Handbook {
            questions,
            topics,
            scorecards,
            checklists,
            roles,
            pages,
            assets,
            ..
        } = handbook;
        let mut taken: BTreeMap<String, String> = GENERATED_PAGES
            .iter()
            .map(|p| (p.to_string(), "hirebook".to_owned()))
            .collect();
        let mut claims: Vec<(String, String)> = Vec::new();
        claims.extend(
            questions
                .iter()
                .map(|q| (q.output(), q.source.path.clone())),
        );
        claims.extend(topics.iter().flat_map(|t| {
            (1..=t.page_count()).map(|n| (t.page_output(n), format!("topic `{}`", t.id)))
        }));
        claims.extend(
            scorecards
                .iter()
                .map(|s| (s.output(), s.source.path.clone())),
        );
        claims.extend(
            checklists
                .iter()
                .map(|c| (c.output(), c.source.path.clone())),
        );
        for role in roles {
            claims.push((role.output(), role.source.path.clone()));
            claims.push((role.packet_output(), role.source.path.clone()));
            claims.push((role.score_output(), role.source.path.clone()));
            for n in 1..=role.round_packets() {
                claims.push((role.round_packet_output(n), role.source.path.clone()));
            }
        }
        claims.extend(
            pages
                .iter()
                .map(|p| (p.output.clone(), p.source.path.clone())),
        );
        // Every copied file claims its place too: `content/404.html` or `content/index.html`
        // would otherwise replace a page hirebook generates.
        claims.extend(
            assets
                .iter()
                .map(|a| (a.content_path.clone(), a.path.clone())),
        );
        for (output, owner) in claims {
            if let Some(folder) = GENERATED_FOLDERS.iter().find(|f| output.starts_with(*f)) {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::OutputConflict,
                        format!(
                            "this would be written to `{output}`, in the folder `{folder}` \
                             that hirebook generates"
                        ),
                    )
                    .in_file(owner)
                    .with_hint("move it to another folder"),
                );
                continue;
            }
            match taken.get(&output) {
                Some(first) => {
                    let by = if first == "hirebook" {
                        "which hirebook generates".to_owned()
                    } else {
                        format!("which {first} also writes")
                    };
                    let d = Diagnostic::new(
                        Code::OutputConflict,
                        format!("this would be written to `{output}`, {by}"),
                    )
                    .with_hint("rename or move the file");
                    self.diagnostics.push(if owner.starts_with("topic `") {
                        d
                    } else {
                        d.in_file(owner)
                    });
                }
                None => {
                    taken.insert(output, owner);
                }
            }
        }
    }

    /// Links to a topic's page or a packet that the handbook does not make: a topic nobody
    /// defined, a role that does not exist, a round it does not have.
    fn check_generated_links(&mut self, handbook: &Handbook) {
        if self.generated_links.is_empty() {
            return;
        }
        let pages: BTreeSet<String> = handbook.generated_pages().collect();
        let known = Candidates::new(pages.iter().map(String::as_str));
        for link in std::mem::take(&mut self.generated_links) {
            if pages.contains(&link.output) {
                continue;
            }
            self.diagnostics.push(
                Diagnostic::new(
                    Code::BrokenLink,
                    format!(
                        "link to `{}`, which this handbook does not make",
                        link.output
                    ),
                )
                .in_file(link.file)
                .at(link.position)
                .suggest_from(&link.output, &known)
                .or_hint(
                    "a topic's page is `topics/<topic id>.html`, a role's packet \
                     `roles/<role id>/packet.html` and one round's `roles/<role id>/round-<n>.html` \
                     (for roles with more than one round); a leading `/` starts from `content/`",
                ),
            );
        }
    }

    /// Links to `page.html#anchor` where the page has no such heading.
    fn check_anchors(&mut self, questions: &[Question], pages: &[Page]) {
        // Output page → (its source file, the anchors it has).
        let mut anchors: HashMap<String, (&str, HashSet<&str>)> = HashMap::new();
        for q in questions {
            let (_, ids) = anchors
                .entry(q.output())
                .or_insert_with(|| (q.source.path.as_str(), HashSet::new()));
            ids.extend(q.body.headings.iter().map(|h| h.id.as_str()));
            ids.extend(QUESTION_SECTION_IDS.iter().copied());
        }
        for p in pages {
            anchors
                .entry(p.output.clone())
                .or_insert_with(|| (p.source.path.as_str(), HashSet::new()))
                .1
                .extend(p.body.headings.iter().map(|h| h.id.as_str()));
        }
        let mut problems = Vec::new();
        // Each page's anchors as candidates, made once, for the first broken link to it.
        let mut pools: HashMap<String, Candidates> = HashMap::new();
        let mut check = |own: String, file: &str, links: &[AnchorLink]| {
            for link in links {
                let page = link.page.clone().unwrap_or_else(|| own.clone());
                let Some((target, ids)) = anchors.get(&page) else {
                    continue;
                };
                if !ids.contains(link.anchor.as_str()) {
                    let known = pools
                        .entry(page)
                        .or_insert_with(|| Candidates::new(ids.iter().copied()));
                    problems.push(
                        Diagnostic::new(
                            Code::BrokenAnchor,
                            format!("{target} has no heading `#{}`", link.anchor),
                        )
                        .in_file(file)
                        .at(link.position)
                        .suggest_from(&link.anchor, known)
                        .or_hint("link to one of the page's headings: its anchor is the heading text in lowercase, words joined by `-`"),
                    );
                }
            }
        };
        for q in questions {
            check(q.output(), &q.source.path, &q.body.anchor_links);
        }
        for p in pages {
            check(p.output.clone(), &p.source.path, &p.body.anchor_links);
        }
        self.warnings.extend(problems);
    }
}

fn dimension_index(scorecards: &[Scorecard]) -> BTreeMap<DimensionId, (ScorecardIx, usize)> {
    let mut index = BTreeMap::new();
    for (s, scorecard) in scorecards.iter().enumerate() {
        for (d, dimension) in scorecard.dimensions.iter().enumerate() {
            index
                .entry(dimension.id.clone())
                .or_insert((ScorecardIx::new(s), d));
        }
    }
    index
}

/// `api-design` → `Api design`: a readable name for a topic without one in topics.yaml.
fn humanize(slug: &str) -> String {
    let words = slug.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
