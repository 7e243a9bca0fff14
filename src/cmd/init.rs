//! `hirebook init`: a new handbook with one example of each kind of content, which builds and
//! checks cleanly straight away.

use super::{CmdError, Outcome, Ui, write_new};
use crate::cli::InitArgs;

/// The scaffold: path in the new handbook → contents (`{title}` is replaced).
pub const FILES: &[(&str, &str)] = &[
    ("book.toml", include_str!("scaffold/book.toml")),
    ("content/index.md", include_str!("scaffold/index.md")),
    (
        "content/guide/how-we-interview.md",
        include_str!("scaffold/how-we-interview.md"),
    ),
    (
        "content/questions/production-bug.md",
        include_str!("scaffold/question.md"),
    ),
    (
        "content/scorecards/engineering.yaml",
        include_str!("scaffold/scorecard.yaml"),
    ),
    (
        "content/checklists/interviewer-checklist.yaml",
        include_str!("scaffold/checklist.yaml"),
    ),
    (
        "content/roles/software-engineer.yaml",
        include_str!("scaffold/role.yaml"),
    ),
    ("content/topics.yaml", include_str!("scaffold/topics.yaml")),
    (
        ".github/workflows/handbook.yml",
        include_str!("scaffold/handbook.yml"),
    ),
    (".gitignore", "/book\n"),
];

pub fn execute(args: &InitArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let dir = &args.dir;
    for existing in ["book.toml", "content"] {
        if dir.join(existing).exists() {
            return Err(CmdError::Usage(format!(
                "{} already has {existing}: refusing to overwrite an existing handbook",
                dir.display()
            )));
        }
    }
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| "Interview handbook".to_owned());
    let toml_title = title.replace('\\', "\\\\").replace('"', "\\\"");
    for (path, text) in FILES {
        let text = if *path == "book.toml" {
            text.replace("{title}", &toml_title)
        } else {
            text.replace("{title}", &title)
        };
        // Files a repository may already have are left alone.
        if (*path == ".gitignore" || path.starts_with(".github/")) && dir.join(path).exists() {
            continue;
        }
        write_new(&dir.join(path), &text)?;
    }
    ui.status(&format!(
        "Created a handbook in {}. Next: `hirebook build {}` (or `hirebook serve {}` to preview as you edit).",
        dir.display(),
        dir.display(),
        dir.display()
    ));
    Ok(Outcome::Success)
}
