//! `hirebook watch`: `build` again on every change, written to the build dir each time.

use super::{CmdError, Outcome, Ui, count_phrase};
use crate::cli::WatchArgs;
use crate::output;
use crate::session::Session;
use crate::watcher::{self, Scope};

pub fn execute(args: &WatchArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let root = &args.handbook.dir;
    if args.timings {
        crate::timings::enable();
    }
    let mut session = Session::new(root);
    let mut scope = None;
    let mut watching = None;
    loop {
        let built = session.build()?;
        ui.report_briefly(&built.diagnostics, &built.sources);
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
        let new_scope = Scope::new(root, built.config.as_ref());
        if scope
            .as_ref()
            .is_none_or(|s: &Scope| s.content != new_scope.content)
        {
            watching = Some(watcher::watch(root, new_scope.clone(), args.poll)?);
            scope = Some(new_scope);
        }
        if scope.is_some() && watching.as_ref().and_then(|w| w.next_change()).is_none() {
            return Ok(Outcome::Success);
        }
    }
}
