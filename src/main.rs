//! The `hirebook` binary: parse the command line, run the command, map the outcome to an exit
//! code (0 success, 1 problems in the handbook, 2 usage or I/O errors).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use hirebook::cli::Cli;
use hirebook::cmd::{self, CmdError, Outcome};

// A build makes millions of small, short-lived allocations on every thread; mimalloc's
// thread-local heaps cut the build's CPU time by about a third against the system allocator
// (see docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cmd::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(CmdError::Io(e)) if e.source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                let _ = writeln!(std::io::stderr(), "  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::from(2)
        }
    }
}
