//! `hirebook watch`: the pipeline again on every change, into the build dir each time.

use super::{CmdError, Outcome, Repeats, Ui, count_phrase};
use crate::cli::WatchArgs;
use crate::pipeline::Target;
use crate::watcher;

pub fn execute(args: &WatchArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let root = &args.handbook.dir;
    if args.timings {
        crate::timings::enable();
    }
    let target = Target::BuildDir {
        dest: args.dest_dir.clone(),
    };
    let mut pipeline = super::pipeline(root, target, &args.edition).incremental();
    let mut watching = watcher::watch(root, args.poll)?;
    let mut changed: Option<Vec<std::path::PathBuf>> = None;
    let mut repeats = Repeats::default();
    let mut first = true;
    loop {
        let run = match pipeline.run(changed.as_deref()) {
            Ok(run) => run,
            // At the start, a refused --dest-dir ends the command; later (files added to the
            // build dir meanwhile) it is reported and the next save tries again.
            Err(e) if first => return Err(e),
            Err(e) => {
                eprintln!("error: {e}\nThe build dir is unchanged; watching for changes.");
                changed = watching.next_change();
                if changed.is_none() {
                    return Ok(Outcome::Success);
                }
                continue;
            }
        };
        first = false;
        repeats.report(ui, &run.diagnostics, &*run.sources);
        match run.output.as_ref().and_then(|o| o.dest.as_ref()) {
            Some(dest) => ui.status(&format!(
                "Built in {} ms into {} ({} parsed again)",
                run.elapsed.as_millis(),
                dest.shown.display(),
                run.parsed
            )),
            None => ui.status(&format!(
                "error: the build failed with {}; the build dir is unchanged",
                count_phrase(&run.diagnostics)
            )),
        }
        if args.timings {
            eprint!("{}", crate::timings::take_report());
        }
        // After following the folders, build everything at once: they may have changed
        // before they were watched.
        if watching.follow(run.config.as_ref())? {
            changed = None;
            continue;
        }
        drop(run);
        changed = watching.next_change();
        if changed.is_none() {
            return Ok(Outcome::Success);
        }
    }
}
