//! The `hirebook` binary: parse the command line, run the command, map the outcome to an exit
//! code (0 success, 1 problems in the handbook, 2 usage or I/O errors).

use std::process::ExitCode;

use clap::Parser;
use hirebook::cli::Cli;
use hirebook::cmd::{self, CmdError, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cmd::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(CmdError::Io(e)) if e.source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::from(2)
        }
    }
}
