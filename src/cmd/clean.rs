//! `hirebook clean`: removes the build, and only ever a build hirebook wrote.

use super::{CmdError, Outcome, Ui};
use crate::cli::CleanArgs;
use crate::pipeline::{Cleaned, Pipeline, Target};
use crate::source::Sources;

pub fn execute(args: &CleanArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let target = Target::BuildDir {
        dest: args.dest_dir.clone(),
    };
    match Pipeline::new(&args.handbook.dir, target).clean()? {
        Ok(Cleaned::Removed(dir)) => {
            ui.status(&format!("Removed the build in {}", dir.display()));
            Ok(Outcome::Success)
        }
        Ok(Cleaned::Nothing(dir)) => {
            ui.status(&format!("No build to remove in {}", dir.display()));
            Ok(Outcome::Success)
        }
        Err(problems) => {
            let config = args.handbook.dir.join(crate::config::FILE_NAME);
            let sources = Sources {
                config_text: std::fs::read_to_string(config).ok(),
                ..Sources::default()
            };
            ui.report_briefly(&problems, &sources);
            ui.status("error: nothing was removed");
            Ok(Outcome::Failed)
        }
    }
}
