//! `hirebook check`: the same pipeline as build, rendering into nothing, for CI.

use std::io::Write;

use super::{CmdError, Outcome, Ui, count_phrase, load, plural};
use crate::cli::CheckArgs;
use crate::diag::print::{self, Format};
use crate::diag::{self, Severity};
use crate::render::{self, Discard, RenderError, RenderOptions};

pub fn execute(args: &CheckArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let loaded = load(&args.handbook.dir)?;
    let mut diagnostics = loaded.diagnostics.clone();
    if let Some(config) = &loaded.config {
        let dest = loaded.root.join(&config.build.build_dir);
        if let Some(problem) =
            super::build::unsafe_destination(&loaded.root, &config.build.content_dir, &dest)
        {
            diagnostics.push(super::build::unsafe_build_dir(&problem));
        }
    }
    if let (Some(handbook), Some(theme), false) =
        (&loaded.handbook, &loaded.theme, loaded.has_errors())
    {
        // Rendering catches problems only templates reveal; nothing is written.
        match render::render(handbook, theme, &RenderOptions::default(), &Discard) {
            Ok(_) => {}
            Err(RenderError::Templates(problems)) => diagnostics.extend(problems),
            Err(RenderError::Io(e)) => return Err(CmdError::Io(e)),
        }
    }
    diag::sort(&mut diagnostics);

    match args.format {
        Format::Human => ui.report(&diagnostics, &loaded.sources),
        format => {
            let mut out = std::io::stdout().lock();
            print::print(&mut out, format, &diagnostics, &loaded.sources, false)
                .and_then(|()| out.flush())
                .or_else(ignore_broken_pipe)
                .map_err(|e| {
                    CmdError::Io(crate::error::IoError::new("write to", "stdout".as_ref(), e))
                })?;
        }
    }

    let errors = diag::count_errors(&diagnostics);
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    let files = loaded.sources.files.len();
    if failed {
        let why = if errors == 0 {
            " (warnings are denied)"
        } else {
            ""
        };
        ui.status(&format!(
            "error: check failed: {} in {}{why}",
            count_phrase(&diagnostics),
            plural(files, "file")
        ));
        Ok(Outcome::Failed)
    } else {
        ui.status(&format!(
            "Checked {}: {}",
            plural(files, "file"),
            count_phrase(&diagnostics)
        ));
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
