//! `hirebook check`: the pipeline as build runs it, writing nothing, for CI.

use std::io::Write;

use super::{CmdError, Outcome, Ui, count_phrase, plural};
use crate::cli::CheckArgs;
use crate::diag::print::{self, Format};
use crate::diag::{self, Diagnostic};
use crate::pipeline::Target;

pub fn execute(args: &CheckArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let mut runs = super::run_editions(&args.handbook.dir, Target::Nothing, &args.edition)?;
    // Every edition's problems, each once, reported with the first run's sources.
    let mut shown = std::collections::HashSet::new();
    let all: Vec<Diagnostic> = runs
        .iter()
        .flat_map(|run| super::not_yet_shown(&mut shown, run))
        .collect();
    let mut run = runs.remove(0);
    run.diagnostics = all;
    diag::sort(&mut run.diagnostics);
    let diagnostics = &run.diagnostics;

    match args.format {
        Format::Human => ui.report(diagnostics, &*run.sources),
        format => {
            let mut out = std::io::stdout().lock();
            print::print(&mut out, format, diagnostics, &*run.sources, false)
                .and_then(|()| out.flush())
                .or_else(ignore_broken_pipe)
                .map_err(|e| {
                    CmdError::Io(crate::error::IoError::new("write to", "stdout".as_ref(), e))
                })?;
        }
    }

    let errors = diag::count_errors(diagnostics);
    let warnings = diag::count_warnings(diagnostics);
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    let files = run.sources.files.len();
    // With no content read (book.toml itself could not be), the report is about book.toml.
    let read = if files == 0 {
        crate::config::FILE_NAME.to_owned()
    } else {
        plural(files, "file")
    };
    if failed {
        let why = if errors == 0 {
            " (warnings are denied)"
        } else {
            ""
        };
        ui.status(&format!(
            "error: check failed: {} in {read}{why}",
            count_phrase(diagnostics),
        ));
        Ok(Outcome::Failed)
    } else {
        ui.status(&format!("Checked {read}: {}", count_phrase(diagnostics)));
        Ok(Outcome::Success)
    }
}

/// A closed pipe (`hirebook check --format json | head`) is not a failure.
fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}
