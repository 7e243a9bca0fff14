//! Measuring from outside, for the benches: a whole process's wall time and peak memory (from
//! `wait4`'s rusage), and the size of a folder of output.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

pub struct Measured {
    pub seconds: f64,
    pub peak_kib: i64,
    /// Exited with status 0.
    pub succeeded: bool,
}

/// Runs `cmd` (with whatever stdio the caller gave it) and measures it.
// The child is reaped by wait4, which (unlike `Child::wait`) returns its own rusage.
#[allow(clippy::zombie_processes)]
pub fn measure(cmd: &mut Command) -> Measured {
    let start = Instant::now();
    let child = cmd.spawn().unwrap();
    let mut status = 0;
    // SAFETY: rusage is plain data, zero-initialised; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(rc, pid, "wait4 failed");
    Measured {
        seconds: start.elapsed().as_secs_f64(),
        peak_kib: usage.ru_maxrss,
        succeeded: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

/// The bytes and the number of the files under `dir` that `filter` keeps.
pub fn tree_bytes(dir: &Path, filter: impl Fn(&Path) -> bool) -> (u64, usize) {
    let mut bytes = 0;
    let mut files = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() && filter(entry.path()) {
            bytes += entry.metadata().unwrap().len();
            files += 1;
        }
    }
    (bytes, files)
}
