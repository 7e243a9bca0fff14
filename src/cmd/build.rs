//! `hirebook build`: the pipeline into the build dir, once per edition.

use super::{CmdError, Outcome, Ui, count_phrase, plural};
use crate::cli::BuildArgs;
use crate::pipeline::{Run, Target};

pub fn execute(args: &BuildArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    if args.timings {
        crate::timings::enable();
    }
    let target = Target::BuildDir {
        dest: args.dest_dir.clone(),
    };
    let runs = super::run_editions(&args.handbook.dir, target, &args.edition)?;
    let mut shown = std::collections::HashSet::new();
    let mut outcome = Outcome::Success;
    for run in runs {
        if outcome == Outcome::Success {
            outcome = report(args, ui, &run, &mut shown);
        }
        // The process ends right after: leave the handbook to the operating system, which
        // frees it at once, instead of freeing it piece by piece (tens of milliseconds for a
        // large handbook).
        std::mem::forget(run);
    }
    Ok(outcome)
}

/// Prints what one edition's run found and made (problems an earlier edition's run printed
/// are not printed again).
fn report(
    args: &BuildArgs,
    ui: &Ui,
    run: &Run,
    shown: &mut std::collections::HashSet<crate::diag::Diagnostic>,
) -> Outcome {
    let fresh = super::not_yet_shown(shown, run);
    if !fresh.is_empty() {
        crate::timings::phase("report", || ui.report_briefly(&fresh, &*run.sources));
    }
    let edition = super::edition_note(run);
    match (&run.output, &run.handbook) {
        (Some(output), Some(handbook)) => {
            let dest = output.dest.as_ref().map(|d| d.shown.display().to_string());
            ui.status(&format!(
                "Built {}, {}, {} ({}, {}) in {:.2}s into {}{edition}",
                plural(handbook.listed_questions(), "question"),
                plural(handbook.roles.len(), "role"),
                plural(handbook.pages.len(), "page"),
                plural(output.rendered.files, "file"),
                human_bytes(output.rendered.bytes),
                run.elapsed.as_secs_f64(),
                dest.unwrap_or_default()
            ));
            if args.timings {
                eprint!("{}", crate::timings::report());
            }
            if args.open
                && let Some(dest) = &output.dest
            {
                let index = dest.path.join("index.html");
                super::open_browser(&format!("file://{}", index.display()));
            }
            Outcome::Success
        }
        _ => {
            ui.status(&format!(
                "error: the build{edition} failed with {}; nothing was written",
                count_phrase(&run.diagnostics)
            ));
            Outcome::Failed
        }
    }
}

fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b >= 10 * 1024 * 1024 => format!("{} MiB", b / (1024 * 1024)),
        b if b >= 1024 * 1024 => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KiB", b / 1024),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(human_bytes(900), "900 bytes");
        assert_eq!(human_bytes(2048), "2 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024 / 2), "1.5 MiB");
    }
}
