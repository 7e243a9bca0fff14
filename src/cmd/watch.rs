//! `hirebook watch`: `build` again on every change, written to the build dir each time.

use super::{CmdError, Outcome, Repeats, Ui, count_phrase};
use crate::cli::WatchArgs;
use crate::output;
use crate::session::Session;
use crate::watcher;

pub fn execute(args: &WatchArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let root = &args.handbook.dir;
    if args.timings {
        crate::timings::enable();
    }
    let mut session = Session::new(root);
    let mut watching = watcher::watch(root, args.poll)?;
    let mut changed: Option<Vec<std::path::PathBuf>> = None;
    let mut repeats = Repeats::default();
    loop {
        let built = session.build_after(changed.as_deref())?;
        repeats.report(ui, &built.diagnostics, &*built.sources);
        match (&built.site, &built.config) {
            (Some(site), Some(config)) => {
                let dest = args
                    .dest_dir
                    .clone()
                    .unwrap_or_else(|| root.join(&config.build.build_dir));
                crate::timings::phase("write", || output::write_site(site, &dest))?;
                ui.status(&format!(
                    "Built in {} ms into {} ({} parsed again)",
                    built.elapsed.as_millis(),
                    dest.display(),
                    built.reparsed
                ));
            }
            _ => ui.status(&format!(
                "error: the build failed with {}; the build dir is unchanged",
                count_phrase(&built.diagnostics)
            )),
        }
        if args.timings {
            eprint!("{}", crate::timings::take_report());
        }
        // After following the folders, build everything at once: they may have changed
        // before they were watched.
        if watching.follow(built.config.as_ref())? {
            changed = None;
            continue;
        }
        changed = watching.next_change();
        if changed.is_none() {
            return Ok(Outcome::Success);
        }
    }
}
