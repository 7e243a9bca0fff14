//! The subcommands, one file each, and what they share: talking to the user. Each parses its
//! arguments, runs the `pipeline` and prints what it found; none has steps of its own.

pub mod build;
pub mod check;
pub mod clean;
pub mod init;
pub mod new;
pub mod schema;
pub mod serve;
pub mod watch;

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::cli::{Cli, ColorChoice, Command, EditionArgs};
use crate::config::Audience;
use crate::diag::print::{self, Format, SourceLookup};
use crate::diag::{self, Diagnostic, Severity};
use crate::error::{IoContext, IoError};
use crate::output::destination::{self, Protected};
use crate::pipeline::{Pipeline, Run, Target};

/// How a command ended when it ran to completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The handbook has errors (exit code 1).
    Failed,
}

/// A command that could not run (exit code 2).
pub type CmdError = crate::error::RunError;

pub fn run(cli: Cli) -> Result<Outcome, CmdError> {
    let ui = Ui::new(cli.color, cli.quiet);
    match &cli.command {
        Command::Build(args) => build::execute(args, &ui),
        Command::Check(args) => check::execute(args, &ui),
        Command::Clean(args) => clean::execute(args, &ui),
        Command::Completions(args) => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command, "hirebook", &mut script);
            // Into `head` or a closed pipe: stop quietly, as other commands' output does.
            match std::io::stdout().write_all(&script) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(IoError::new("write", Path::new("standard output"), e).into())
                }
                _ => Ok(Outcome::Success),
            }
        }
        Command::Init(args) => init::execute(args, &ui),
        Command::Serve(args) => serve::execute(args, &ui),
        Command::Watch(args) => watch::execute(args, &ui),
        Command::New(args) => new::execute(args, &ui),
        Command::Schema(args) => schema::execute(args, &ui),
        Command::BenchCorpus(args) => {
            if args.dir.join(crate::config::FILE_NAME).exists() {
                return Err(CmdError::Usage(format!(
                    "{} already holds a handbook",
                    args.dir.display()
                )));
            }
            crate::corpus::write(args.questions, &args.dir)?;
            ui.status(&format!(
                "Wrote a synthetic handbook of {} questions to {}",
                args.questions,
                args.dir.display()
            ));
            Ok(Outcome::Success)
        }
    }
}

/// The pipeline for the edition the command line asks for.
pub fn pipeline(dir: &Path, target: Target, edition: &EditionArgs) -> Pipeline {
    Pipeline::new(dir, target)
        .with_drafts(edition.drafts)
        .with_audience(edition.audience.map(Into::into).unwrap_or_default())
}

/// `build` and `check`: the edition the command line asks for; without `--audience`, the
/// interviewers' and then, when book.toml asks for one and the first has no errors, the
/// candidates'. A `--dest-dir` names one folder, so it needs `--audience` when there are two.
pub fn run_editions(
    dir: &Path,
    target: Target,
    edition: &EditionArgs,
) -> Result<Vec<Run>, CmdError> {
    // Two editions when the command line names none and book.toml asks for the candidates'
    // (book.toml read here only for that; its problems are the run's to report).
    let two = match edition.audience {
        Some(_) => None,
        None => crate::pipeline::read_config(dir)?
            .ok()
            .filter(|config| config.candidates.is_some()),
    };
    if two.is_some() && matches!(target, Target::BuildDir { dest: Some(_) }) {
        return Err(CmdError::Usage(
            "--dest-dir names one folder, and book.toml asks for two editions \
             ([audience.candidates]): add --audience interviewers or --audience candidates"
                .to_owned(),
        ));
    }
    // Both editions' folders are checked before either is written: a refused second folder
    // must not leave the first edition replaced and the second not.
    if let Some(config) = &two
        && matches!(target, Target::BuildDir { dest: None })
    {
        let candidates = config.edition(Audience::Candidates);
        let protected = Protected::new(dir, &candidates.build.content_dir);
        if destination::check(&dir.join(&candidates.build.build_dir), &protected).is_err() {
            // The candidates' run writes nothing and says why (with the content's problems).
            let run = pipeline(dir, target, edition)
                .with_audience(Audience::Candidates)
                .run(None)?;
            return Ok(vec![run]);
        }
    }
    let first = pipeline(dir, target.clone(), edition).run(None)?;
    if two.is_none() || first.has_errors() {
        return Ok(vec![first]);
    }
    let second = pipeline(dir, target, edition)
        .with_audience(Audience::Candidates)
        .run(None)?;
    Ok(vec![first, second])
}

/// The diagnostics of `run` that an earlier edition's run did not have (`shown` then takes
/// them): a second edition's run finds most of the first's again (one content, checked
/// twice). One run's own diagnostics are all kept.
pub fn not_yet_shown(shown: &mut HashSet<Diagnostic>, run: &Run) -> Vec<Diagnostic> {
    let fresh: Vec<Diagnostic> = run
        .diagnostics
        .iter()
        .filter(|d| !shown.contains(*d))
        .cloned()
        .collect();
    shown.extend(fresh.iter().cloned());
    fresh
}

/// ` (candidates' edition)`, for the status line of a run that is not the only edition.
pub fn edition_note(run: &Run) -> &'static str {
    let two = run.config.as_ref().is_some_and(|c| c.candidates.is_some());
    match run.audience {
        Audience::Candidates => " (candidates' edition)",
        Audience::Interviewers if two => " (interviewers' edition)",
        Audience::Interviewers => "",
    }
}

/// How many warnings `build` prints before summarising the rest.
pub const WARNINGS_SHOWN: usize = 10;

/// Messages to the user, on stderr, coloured when it is a terminal.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub color: bool,
    pub quiet: bool,
}

impl Ui {
    pub fn new(choice: ColorChoice, quiet: bool) -> Ui {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        Ui { color, quiet }
    }

    /// A progress or summary line (not printed with --quiet).
    pub fn status(&self, message: &str) {
        if !self.quiet {
            // Not eprintln!, which panics when stderr is a closed pipe (`check 2>&1 | head`).
            let _ = writeln!(std::io::stderr(), "{message}");
        }
    }

    /// Prints diagnostics in human form on stderr.
    pub fn report(&self, diagnostics: &[Diagnostic], sources: &dyn SourceLookup) {
        let mut err = std::io::stderr().lock();
        let _ = print::print(&mut err, Format::Human, diagnostics, sources, self.color);
        let _ = err.flush();
    }

    /// Like `report`, but shows at most `WARNINGS_SHOWN` warnings: a build is not the place
    /// for a thousand of them (`check` lists them all). Errors are always shown in full.
    pub fn report_briefly(&self, diagnostics: &[Diagnostic], sources: &dyn SourceLookup) {
        let shown: Vec<Diagnostic> = brief(diagnostics).cloned().collect();
        let warnings = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        self.report(&shown, sources);
        if warnings > WARNINGS_SHOWN {
            let _ = writeln!(
                std::io::stderr(),
                "... and {} more warnings (run `hirebook check` to see them all)\n",
                warnings - WARNINGS_SHOWN
            );
        }
    }
}

/// For `serve` and `watch`, which report after every save: a warning the previous build
/// already showed is counted, not shown again, so that what the save changed stands out.
#[derive(Default)]
pub struct Repeats {
    previous: HashSet<Diagnostic>,
}

impl Repeats {
    /// Reports every error and the warnings that are new since the previous call.
    pub fn report(&mut self, ui: &Ui, diagnostics: &[Diagnostic], sources: &dyn SourceLookup) {
        let (repeated, fresh): (Vec<&Diagnostic>, Vec<&Diagnostic>) = diagnostics
            .iter()
            .partition(|d| d.severity == Severity::Warning && self.previous.contains(*d));
        let fresh: Vec<Diagnostic> = fresh.into_iter().cloned().collect();
        ui.report_briefly(&fresh, sources);
        if !repeated.is_empty() {
            ui.status(&format!(
                "{} shown before still {} (`hirebook check` lists all)",
                plural(repeated.len(), "warning"),
                if repeated.len() == 1 {
                    "applies"
                } else {
                    "apply"
                }
            ));
        }
        self.previous = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .cloned()
            .collect();
    }
}

/// The diagnostics `report_briefly` shows: every error, and the first `WARNINGS_SHOWN`
/// warnings.
pub fn brief(diagnostics: &[Diagnostic]) -> impl Iterator<Item = &Diagnostic> {
    let mut warnings = 0;
    diagnostics.iter().filter(move |d| {
        if d.severity == Severity::Warning {
            warnings += 1;
            warnings <= WARNINGS_SHOWN
        } else {
            true
        }
    })
}

/// "1 question", "2 questions": for words whose plural adds an s.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// "2 errors and 1 warning"
pub fn count_phrase(diagnostics: &[Diagnostic]) -> String {
    let errors = diag::count_errors(diagnostics);
    let warnings = diag::count_warnings(diagnostics);
    match (errors, warnings) {
        (0, 0) => "no problems".to_owned(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{} and {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// Writes a file that must not exist yet (`init` and `new` never overwrite).
pub(crate) fn write_new(path: &Path, text: &str) -> Result<(), IoError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).io_context("create", parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .io_context("create", path)?;
    file.write_all(text.as_bytes()).io_context("write", path)
}

/// Opens `url` in the desktop's browser, or says where to go.
pub fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command)
        .arg(url)
        .spawn()
        .is_err()
    {
        eprintln!("Could not open a browser; visit {url}");
    }
}
