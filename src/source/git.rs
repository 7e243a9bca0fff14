//! "Last updated" dates: the date of the last commit that touched each source file, read from
//! one `git log` per build (not one per file). No git, or not a repository: no dates, no error.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// `wanted` are paths relative to `root` (`content/questions/orm.md`); the result maps each
/// one found in the history to its last commit date (`2026-11-25`).
pub fn last_updated(
    root: &Path,
    content_dir: &Path,
    wanted: &HashSet<&str>,
) -> HashMap<String, String> {
    let mut dates = HashMap::new();
    let child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "--format=%x00%cs", "--name-only", "--relative", "--"])
        .arg(content_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .stdin(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return dates;
    };
    if let Some(out) = child.stdout.take() {
        let mut date = String::new();
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if let Some(d) = line.strip_prefix('\0') {
                date = d.to_owned();
            } else if !line.is_empty()
                && wanted.contains(line.as_str())
                && !dates.contains_key(&line)
            {
                // The log runs newest first: the first date seen for a file is its latest.
                dates.insert(line, date.clone());
                if dates.len() == wanted.len() {
                    break;
                }
            }
        }
    }
    // Stop reading a long history once every file has its date.
    let _ = child.kill();
    let _ = child.wait();
    dates
}

/// The commit the handbook's folder is at, and that commit's date: `3f2a9c1 (2026-11-30)`,
/// with `, edited` when its files differ from that commit (a printed packet must not claim
/// wording that was never committed). No git, or not a repository: `None`.
pub fn version(root: &Path) -> Option<String> {
    let text = String::from_utf8(output(root, &["log", "-1", "--format=%h %cs"])?).ok()?;
    let (commit, date) = text.trim().split_once(' ')?;
    let safe = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !(safe(commit) && safe(date)) {
        return None;
    }
    // Changes to tracked files under the handbook's folder (untracked files are not the
    // handbook's until added). The file system monitor is turned off: it would run a program
    // named by the repository's configuration.
    let changed = output(
        root,
        &[
            "-c",
            "core.fsmonitor=false",
            "status",
            "--porcelain",
            "--untracked-files=no",
            "--",
            ".",
        ],
    )
    .is_some_and(|out| !out.is_empty());
    Some(if changed {
        format!("{commit} ({date}, edited)")
    } else {
        format!("{commit} ({date})")
    })
}

/// What `git -C root <args>` prints, when it succeeds.
fn output(root: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stderr(Stdio::null())
        .stdin(Stdio::null())
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}
