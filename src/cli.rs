//! The command line, as typed: clap definitions only, no I/O.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diag::print::Format;
use crate::model::Level;

/// Build interview handbooks: questions, scorecards, checklists and interview plans into a
/// searchable, printable website.
#[derive(Debug, Parser)]
#[command(name = "hirebook", version, propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 success, 1 problems in the handbook's files, 2 usage or I/O errors."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to use colours in messages.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print only errors and warnings.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the handbook into its build dir (book/ by default).
    Build(BuildArgs),
    /// Validate everything without writing anything; exit 1 on any error.
    Check(CheckArgs),
    /// Remove the build dir's build (only a build hirebook wrote, and nothing else).
    Clean(CleanArgs),
    /// Create a new handbook with one example of each kind of content.
    Init(InitArgs),
    /// Preview the handbook: serve it over HTTP, rebuild on every change and reload the pages.
    Serve(ServeArgs),
    /// Build again on every change to content, themes or book.toml.
    Watch(WatchArgs),
    /// Create a question, role, scorecard or checklist from a commented template.
    New(NewArgs),
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Write JSON Schemas of the content files, for editors' YAML support.
    Schema(SchemaArgs),
    /// Write a synthetic handbook of N questions, for benchmarks.
    #[command(name = "bench-corpus", hide = true)]
    BenchCorpus(BenchCorpusArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub handbook: HandbookDir,

    #[command(flatten)]
    pub edition: EditionArgs,

    /// The port to listen on (0 picks a free one). Without it, 3000, or the next free port
    /// after it when 3000 is taken.
    #[arg(long, short)]
    pub port: Option<u16>,

    /// The address to listen on. The default only accepts connections from this machine.
    #[arg(long, short, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,

    /// Open the handbook in a browser.
    #[arg(long)]
    pub open: bool,

    /// Look for changes by polling, for file systems that send no events (network drives,
    /// some containers).
    #[arg(long)]
    pub poll: bool,

    /// Print how long each phase of every rebuild took.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub handbook: HandbookDir,

    #[command(flatten)]
    pub edition: EditionArgs,

    /// Write the site here instead of the configured build dir.
    #[arg(long, short = 'd', value_name = "PATH")]
    pub dest_dir: Option<PathBuf>,

    /// Look for changes by polling, for file systems that send no events.
    #[arg(long)]
    pub poll: bool,

    /// Print how long each phase of every rebuild took.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to create.
    #[arg(value_enum)]
    pub kind: NewKind,
    /// Its id: the file name, lowercase letters, digits and `-` (e.g. `orm-vs-raw-sql`); for a
    /// page, its path in the content folder (e.g. `guide/onboarding`).
    pub slug: String,
    /// The handbook's folder (default `.`).
    #[arg(conflicts_with = "dir_option")]
    pub dir: Option<PathBuf>,
    /// For questions: the topic (and subfolder, if `questions/<topic>/` exists).
    #[arg(long)]
    pub topic: Option<String>,
    /// For questions and roles: the level.
    #[arg(long, value_enum)]
    pub level: Option<Level>,
    /// The handbook's folder, as an option (as earlier versions took it).
    #[arg(long = "dir", id = "dir_option", value_name = "DIR")]
    pub dir_option: Option<PathBuf>,
}

impl NewArgs {
    /// The handbook's folder, given either way.
    pub fn handbook(&self) -> PathBuf {
        self.dir
            .clone()
            .or_else(|| self.dir_option.clone())
            .unwrap_or_else(|| PathBuf::from("."))
    }
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The handbook's folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Where to write the schemas, relative to the handbook.
    #[arg(long, default_value = "schemas")]
    pub out: PathBuf,
    /// Also write .vscode/settings.json associating the schemas with the content files.
    #[arg(long)]
    pub vscode: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    Question,
    Role,
    Scorecard,
    Checklist,
    /// A prose page (guide, FAQ): its path in the content folder, e.g. `guide/onboarding`.
    Page,
}

#[derive(Debug, Args)]
pub struct BenchCorpusArgs {
    /// How many questions.
    pub questions: usize,
    /// Where to write the handbook (must not contain one yet).
    pub dir: PathBuf,
}

/// What a build publishes: drafts or not, and for which audience.
#[derive(Debug, Args)]
pub struct EditionArgs {
    /// Publish draft questions too, each marked "Draft" (without it, drafts are checked but
    /// left out).
    #[arg(long)]
    pub drafts: bool,

    /// Build one audience's edition: `interviewers` (everything) or `candidates` (only what
    /// is shared with them). Without it, the interviewers' edition, and the candidates' too
    /// when book.toml has an `[audience.candidates]` table (`build` and `check`).
    #[arg(long, value_enum, value_name = "WHO")]
    pub audience: Option<AudienceArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AudienceArg {
    Interviewers,
    Candidates,
}

impl From<AudienceArg> for crate::config::Audience {
    fn from(a: AudienceArg) -> Self {
        match a {
            AudienceArg::Interviewers => crate::config::Audience::Interviewers,
            AudienceArg::Candidates => crate::config::Audience::Candidates,
        }
    }
}

#[derive(Debug, Args)]
pub struct HandbookDir {
    /// The handbook's folder (the one with book.toml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub handbook: HandbookDir,

    #[command(flatten)]
    pub edition: EditionArgs,

    /// Write the site here instead of the configured build dir.
    #[arg(long, short = 'd', value_name = "PATH")]
    pub dest_dir: Option<PathBuf>,

    /// Open the built handbook in a browser.
    #[arg(long)]
    pub open: bool,

    /// Print how long each phase of the build took.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Install, for example:\n  \
    bash: hirebook completions bash > ~/.local/share/bash-completion/completions/hirebook\n  \
    zsh:  hirebook completions zsh > ~/.zfunc/_hirebook   (with ~/.zfunc in $fpath)\n  \
    fish: hirebook completions fish > ~/.config/fish/completions/hirebook.fish")]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub handbook: HandbookDir,

    /// Remove the build here instead of in the configured build dir.
    #[arg(long, short = 'd', value_name = "PATH")]
    pub dest_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub handbook: HandbookDir,

    #[command(flatten)]
    pub edition: EditionArgs,

    /// Fail on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// How to print problems: human (coloured, with source lines), github (workflow
    /// annotations), json (one object per line).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the handbook (created if missing; must be empty of handbook files).
    #[arg(default_value = ".")]
    pub dir: PathBuf,

    /// The handbook's title.
    #[arg(long)]
    pub title: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_tree_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn defaults() {
        let cli = Cli::try_parse_from(["hirebook", "build"]).unwrap();
        match cli.command {
            Command::Build(b) => {
                assert_eq!(b.handbook.dir, PathBuf::from("."));
                assert!(b.dest_dir.is_none());
            }
            other => panic!("{other:?}"),
        }
    }
}
