//! `hirebook new <kind> <slug>`: a valid, commented file to start from. Ids already in the
//! handbook (topics, dimensions, scorecards, checklists) are offered in the comments, so the
//! new file fits in without looking them up.

use std::path::Path;

use super::{CmdError, Outcome, Ui, write_new};
use crate::cli::{NewArgs, NewKind};
use crate::config::Config;
use crate::model::ids::{is_slug, slugify};
use crate::source::{self, SourceKind};

/// What the handbook already has, to suggest in the new file.
#[derive(Default)]
struct Known {
    topics: Vec<String>,
    dimensions: Vec<String>,
    scorecards: Vec<String>,
    checklists: Vec<String>,
    questions: Vec<String>,
}

pub fn execute(args: &NewArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let slug = &args.slug;
    // A page's slug is a path: each folder and the name are slugs.
    let parts: Vec<&str> = match args.kind {
        NewKind::Page => slug.split('/').collect(),
        _ => vec![slug.as_str()],
    };
    if let Some(bad) = parts.iter().find(|p| !is_slug(p)) {
        let slug = bad;
        let suggestion = slugify(slug);
        return Err(CmdError::Usage(format!(
            "`{slug}` is not a valid id: use lowercase letters, digits and `-`{}",
            if suggestion.is_empty() {
                String::new()
            } else {
                format!(", e.g. `{suggestion}`")
            }
        )));
    }
    if let Some(topic) = args.topic.as_deref().filter(|t| !is_slug(t)) {
        return Err(CmdError::Usage(format!(
            "topic `{topic}` is not a slug, e.g. `{}`",
            slugify(topic)
        )));
    }
    let root = &args.handbook();
    let config = Config::load(root).map_err(|_| {
        CmdError::Usage(format!(
            "{} is not a handbook folder with a valid book.toml (create one with `hirebook init`)",
            root.display()
        ))
    })?;
    let content = root.join(&config.build.content_dir);
    let known = known(root, &config);
    let (path, text) = match args.kind {
        NewKind::Question => {
            if known.questions.iter().any(|q| q == slug) {
                return Err(CmdError::Usage(format!(
                    "a question `{slug}` already exists"
                )));
            }
            let folder = match &args.topic {
                Some(t) if content.join("questions").join(t).is_dir() => format!("questions/{t}"),
                _ => "questions".to_owned(),
            };
            (
                content.join(folder).join(format!("{slug}.md")),
                question(args, &known),
            )
        }
        NewKind::Role => (
            content.join("roles").join(format!("{slug}.yaml")),
            role(args, &known),
        ),
        NewKind::Scorecard => (
            content.join("scorecards").join(format!("{slug}.yaml")),
            scorecard(slug),
        ),
        NewKind::Checklist => (
            content.join("checklists").join(format!("{slug}.yaml")),
            checklist(),
        ),
        NewKind::Page => {
            // Those folders hold questions, roles, scorecards and checklists, not pages.
            let reserved = ["questions", "roles", "scorecards", "checklists"];
            if parts.len() > 1 && reserved.contains(&parts[0]) {
                return Err(CmdError::Usage(format!(
                    "`{}/` holds {}: put the page elsewhere (e.g. `guide/{}`), or use `hirebook new {}`",
                    parts[0],
                    parts[0],
                    parts[parts.len() - 1],
                    parts[0].trim_end_matches('s')
                )));
            }
            (
                content.join(format!("{slug}.md")),
                page(parts[parts.len() - 1]),
            )
        }
    };
    // The handbook's own template for this kind, if it keeps one (as Hugo's archetypes).
    let text = match archetype(root, args.kind)? {
        Some(template) => fill(&template, args, parts[parts.len() - 1]),
        None => text,
    };
    write_new(&path, &text).map_err(|e| {
        if e.source.kind() == std::io::ErrorKind::AlreadyExists {
            CmdError::Usage(format!(
                "{} already exists; refusing to overwrite it",
                display(root, &path)
            ))
        } else {
            CmdError::Io(e)
        }
    })?;
    ui.status(&format!(
        "Created {}. Fill in the TODOs, then run `hirebook check`.",
        display(root, &path)
    ));
    Ok(Outcome::Success)
}

fn display(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .map(source::slash_path)
        .unwrap_or_else(|_| path.display().to_string())
}

/// Reads what ids exist, best effort: a handbook with errors still gets a file.
fn known(root: &Path, config: &Config) -> Known {
    let mut known = Known::default();
    let Ok(sources) = source::load(root, config) else {
        return known;
    };
    let (handbook, _) = crate::model::load(config.clone(), &sources);
    if let Some(h) = handbook {
        known.topics = h.topics.iter().map(|t| t.id.to_string()).collect();
        known.dimensions = h.dimensions.keys().map(|d| d.to_string()).collect();
        known.scorecards = h.scorecards.iter().map(|s| s.id.to_string()).collect();
        known.checklists = h.checklists.iter().map(|c| c.id.to_string()).collect();
    }
    known.questions = sources
        .files
        .iter()
        .filter(|f| f.kind == SourceKind::Question)
        .filter_map(|f| {
            f.content_path
                .rsplit('/')
                .next()?
                .strip_suffix(".md")
                .map(str::to_owned)
        })
        .collect();
    known
}

fn listing(items: &[String]) -> String {
    if items.is_empty() {
        "none yet".to_owned()
    } else {
        items.join(", ")
    }
}

fn question(args: &NewArgs, known: &Known) -> String {
    let topic = args
        .topic
        .clone()
        .or_else(|| known.topics.first().cloned())
        .unwrap_or_else(|| "general".to_owned());
    let level = args.level.map(|l| l.as_str()).unwrap_or("mid");
    format!(
        r#"---
# The question, as you would ask it.
title: TODO Write the question as you would ask it
# A slug; each topic gets a page. Topics in use: {topics}.
topic: {topic}
# Any of junior, mid, senior, lead.
level: [{level}]
# Minutes to allow, follow-ups included.
minutes: 10
# Scorecard dimensions this question gives evidence for: {dimensions}.
dimensions: []
# What a strong answer covers: printed as tick boxes in interview packets.
strong:
  - TODO First thing a strong answer covers
good_sign: TODO What a good answer sounds like
red_flag: TODO The answer that should worry you
# Probes to ask after the first answer.
follow_ups:
  - TODO Tell me about a time you did this. What would you do differently today?
---

## Why ask it

TODO Why this question matters, and what to listen for.
"#,
        topics = listing(&known.topics),
        dimensions = listing(&known.dimensions),
    )
}

fn role(args: &NewArgs, known: &Known) -> String {
    let scorecard = match known.scorecards.first() {
        Some(s) => format!("scorecard: {s}"),
        None => "# scorecard: the id of the scorecard interviewers fill in".to_owned(),
    };
    let checklists = if known.checklists.is_empty() {
        "checklists: []".to_owned()
    } else {
        format!("checklists: [{}]", known.checklists.join(", "))
    };
    let level = args.level.map(|l| l.as_str()).unwrap_or("mid");
    format!(
        r#"# An interview plan: which questions to ask, in which rounds, for one role.
title: TODO Role name
summary: TODO Who this role is, and what the interviews look for.
# junior, mid, senior or lead.
level: {level}
# Scorecards: {scorecards}.
{scorecard}
# Checklists printed with the packet: {checklist_list}.
{checklists}
rounds:
  - name: Screening
    minutes: 30
    focus: TODO What this round is for.
    # Question ids (file names without .md), in the order to ask them.
    questions: []
  - name: Technical assessment
    minutes: 60
    questions: []
"#,
        scorecards = listing(&known.scorecards),
        checklist_list = listing(&known.checklists),
    )
}

fn scorecard(slug: &str) -> String {
    format!(
        r#"# A scorecard: the dimensions every interviewer scores, with what each score looks like.
title: TODO Scorecard name
description: Score each dimension from the evidence in your notes.
scale:
  min: 1
  max: 5
  labels: {{ 1: No evidence, 3: Meets the bar, 5: Exceptional }}
dimensions:
  # Questions refer to a dimension by its id, in their `dimensions:` list.
  - id: {slug}-dimension
    name: TODO Dimension name
    description: TODO What this dimension means.
    # Behavioural anchors: what a 1, a 3 and a 5 look like.
    anchors:
      1: TODO What no evidence looks like.
      3: TODO What meeting the bar looks like.
      5: TODO What exceptional looks like.
recommendation: [Strong no, No, Yes, Strong yes]
"#
    )
}

fn checklist() -> String {
    r#"# A checklist for interviewers, printed with the packets of the roles that list it.
title: TODO Checklist name
intro: TODO When to use this checklist.
items:
  - title: TODO The item, short
    why: TODO Why it matters.
    instead: TODO What to do instead.
"#
    .to_owned()
}

/// A prose page titled from its file name (`team-setup` → "Team setup").
fn page(name: &str) -> String {
    let mut title: String = name.replace('-', " ");
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + &title[1..];
    }
    format!(
        "---\n# A prose page: the title is its heading and its name in the sidebar.\n\
         title: {title}\n# Lower weights come first in the sidebar.\nweight: 50\n---\n\n\
         TODO Write the page in Markdown. Link to a question with its file's path,\n\
         relative to this page.\n"
    )
}

/// Where a handbook keeps its own templates for `new`: `archetypes/<kind>.md` (questions,
/// pages) or `.yaml` (roles, scorecards, checklists), beside book.toml.
pub const ARCHETYPES: &str = "archetypes";

/// The handbook's template for `kind`, if it has one.
fn archetype(root: &Path, kind: NewKind) -> Result<Option<String>, CmdError> {
    use crate::error::IoContext;
    let name = match kind {
        NewKind::Question => "question.md",
        NewKind::Page => "page.md",
        NewKind::Role => "role.yaml",
        NewKind::Scorecard => "scorecard.yaml",
        NewKind::Checklist => "checklist.yaml",
    };
    let path = root.join(ARCHETYPES).join(name);
    if !path.is_file() {
        return Ok(None);
    }
    Ok(Some(
        std::fs::read_to_string(&path).io_context("read", &path)?,
    ))
}

/// An archetype with its placeholders filled: `{id}` (the file's name), `{title}` (made from
/// it), `{topic}` and `{level}` (from the options, or `TODO`).
fn fill(template: &str, args: &NewArgs, name: &str) -> String {
    let mut title = name.replace('-', " ");
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + &title[1..];
    }
    let level = args
        .level
        .map(|l| l.as_str().to_owned())
        .unwrap_or_else(|| "TODO".to_owned());
    template
        .replace("{id}", name)
        .replace("{title}", &title)
        .replace("{topic}", args.topic.as_deref().unwrap_or("TODO"))
        .replace("{level}", &level)
}
