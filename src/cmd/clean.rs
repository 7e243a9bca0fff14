//! `hirebook clean`: removes the build, and only ever a build hirebook wrote.

use super::{CmdError, Outcome, Ui};
use crate::cli::CleanArgs;
use crate::config::Audience;
use crate::pipeline::{Cleaned, Pipeline, Target};
use crate::source::Sources;

pub fn execute(args: &CleanArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let outcome = clean(args, ui, Audience::Interviewers)?;
    // The candidates' edition's build dir too, when book.toml asks for that edition.
    let two = args.dest_dir.is_none()
        && matches!(crate::pipeline::read_config(&args.handbook.dir), Ok(Ok(c)) if c.candidates.is_some());
    if outcome == Outcome::Success && two {
        return clean(args, ui, Audience::Candidates);
    }
    Ok(outcome)
}

fn clean(args: &CleanArgs, ui: &Ui, audience: Audience) -> Result<Outcome, CmdError> {
    let target = Target::BuildDir {
        dest: args.dest_dir.clone(),
    };
    match Pipeline::new(&args.handbook.dir, target)
        .with_audience(audience)
        .clean()?
    {
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
