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
                .replace("{version}", env!("CARGO_PKG_VERSION"))
        };
        // A repository's own .gitignore gains the build dir (unless it lists it); its
        // workflows are left alone.
        if *path == ".gitignore" && dir.join(path).exists() {
            ignore_build_dir(&dir.join(path))?;
            continue;
        }
        if path.starts_with(".github/") && dir.join(path).exists() {
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

/// Adds `/book` to an existing .gitignore that does not ignore it yet, keeping what is there.
fn ignore_build_dir(path: &std::path::Path) -> Result<(), CmdError> {
    use crate::error::IoContext;
    let text = std::fs::read_to_string(path).io_context("read", path)?;
    let listed = text
        .lines()
        .map(str::trim)
        .any(|l| matches!(l, "/book" | "/book/" | "book" | "book/"));
    if listed {
        return Ok(());
    }
    let sep = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    let added = format!("{text}{sep}# hirebook's build dir\n/book\n");
    std::fs::write(path, added).io_context("write", path)?;
    Ok(())
}
