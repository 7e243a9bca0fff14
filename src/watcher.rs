//! Watching a handbook for changes: content, themes, strings and book.toml, never the build dir or
//! `.git`. Events are sorted into "relevant" and "noise" (editor swap, backup and temp files),
//! and a burst of events (an editor writing a temp file, then renaming it over the original)
//! becomes one change.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::{self, Config};
use crate::error::IoError;
use crate::source;

/// After an event, wait this long for quiet before rebuilding: long enough to gather an
/// editor's save (which touches several files within a millisecond or two), short enough not
/// to be felt.
pub const QUIET: Duration = Duration::from_millis(8);
/// Never wait longer than this, even if events keep coming.
pub const MAX_WAIT: Duration = Duration::from_millis(300);
/// How often `--poll` looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// Which paths matter for one handbook.
#[derive(Debug, Clone)]
pub struct Scope {
    pub config: PathBuf,
    pub content: PathBuf,
    pub themes: PathBuf,
    /// The handbook's own strings, `i18n/`.
    pub strings: PathBuf,
}

impl Scope {
    pub fn new(root: &Path, config: Option<&Config>) -> Scope {
        // Events name absolute paths, so the scope does too.
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let content_dir =
            config.map_or_else(|| PathBuf::from("content"), |c| c.build.content_dir.clone());
        Scope {
            config: root.join(config::FILE_NAME),
            content: root.join(content_dir),
            themes: root.join("themes"),
            strings: root.join("i18n"),
        }
    }

    /// Whether a change to `path` can change the site. Only the part of the path below the
    /// content or themes folder is checked for editor leftovers: the handbook itself may live
    /// in a hidden folder.
    pub fn is_relevant(&self, path: &Path) -> bool {
        if path == self.config {
            return true;
        }
        let inside = path
            .strip_prefix(&self.content)
            .or_else(|_| path.strip_prefix(&self.themes))
            .or_else(|_| path.strip_prefix(&self.strings));
        inside.is_ok_and(|rest| {
            !rest
                .components()
                .any(|c| source::is_ignored_name(&c.as_os_str().to_string_lossy()))
        })
    }
}

/// The live watcher; dropping it stops watching.
pub struct Watching {
    _watcher: Box<dyn Watcher + Send>,
    events: Receiver<notify::Result<Event>>,
    scope: Scope,
    root: PathBuf,
    poll: bool,
    /// The folders of the scope that existed, and so are watched, with their identity.
    watched: Vec<(PathBuf, u64)>,
}

/// What tells a folder from another made in its place (a content folder replaced by `mv` or
/// a sync tool): its inode on Unix. Elsewhere only whether it exists.
fn identity(dir: &Path) -> Option<u64> {
    let meta = std::fs::metadata(dir).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(0)
    }
}

/// Starts watching the handbook at `root` as its book.toml describes it now. Start watching
/// before the first build, so that an edit made while it runs is not missed.
pub fn watch(root: &Path, poll: bool) -> Result<Watching, IoError> {
    let config = Config::load(root).ok();
    watch_scope(root, Scope::new(root, config.as_ref()), poll)
}

/// Watches the content and themes folders recursively, the root itself only for book.toml
/// (so big sibling folders such as `target/` or `.git` cost nothing).
fn watch_scope(root: &Path, scope: Scope, poll: bool) -> Result<Watching, IoError> {
    let root = &root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (tx, rx) = mpsc::channel();
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        // Modification times can be too coarse to see an edit made right after a scan;
        // comparing contents sees every change.
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true);
        Box::new(PollWatcher::new(tx, config).map_err(|e| notify_error(root, e))?)
    } else {
        Box::new(
            RecommendedWatcher::new(tx, notify::Config::default())
                .map_err(|e| notify_error(root, e))?,
        )
    };
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| notify_error(root, e))?;
    let mut watched = Vec::new();
    for dir in [&scope.content, &scope.themes, &scope.strings] {
        if let Some(id) = identity(dir) {
            watcher
                .watch(dir, RecursiveMode::Recursive)
                .map_err(|e| notify_error(dir, e))?;
            watched.push((dir.clone(), id));
        }
    }
    Ok(Watching {
        _watcher: watcher,
        events: rx,
        scope,
        root: root.clone(),
        poll,
        watched,
    })
}

fn notify_error(path: &Path, e: notify::Error) -> IoError {
    IoError::new("watch", path, std::io::Error::other(e.to_string()))
}

impl Watching {
    /// Follows the handbook's folders: a content folder that book.toml moved, or a content or
    /// themes folder created (a first theme override) or replaced since watching started.
    /// Returns true when it started watching anew; the caller should then build again, since
    /// the folders may have changed before they were watched. A broken book.toml (`None`)
    /// keeps the current content folder.
    pub fn follow(&mut self, config: Option<&Config>) -> Result<bool, IoError> {
        let scope = match config {
            Some(config) => Scope::new(&self.root, Some(config)),
            None => self.scope.clone(),
        };
        let appeared = [&scope.content, &scope.themes, &scope.strings]
            .into_iter()
            .any(|dir| identity(dir).is_some_and(|id| !self.watched.contains(&(dir.clone(), id))));
        if scope.content == self.scope.content && !appeared {
            return Ok(false);
        }
        *self = watch_scope(&self.root, scope, self.poll)?;
        Ok(true)
    }

    /// Blocks until a relevant change has happened and the burst of events around it is
    /// over; returns the relevant paths. `None` when the watcher stopped.
    pub fn next_change(&self) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        loop {
            let event = self.events.recv().ok()?;
            self.collect(event, &mut changed);
            if !changed.is_empty() {
                break;
            }
        }
        let started = Instant::now();
        loop {
            let left = MAX_WAIT.saturating_sub(started.elapsed());
            match self.events.recv_timeout(QUIET.min(left)) {
                Ok(event) if !left.is_zero() => self.collect(event, &mut changed),
                Ok(_) | Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    fn collect(&self, event: notify::Result<Event>, changed: &mut Vec<PathBuf>) {
        changed.extend(relevant_paths(&self.scope, event));
    }
}

/// The paths of `event` that can change the site. When events may have been lost (the
/// kernel's queue overflowed during a large checkout), the whole content folder counts as
/// changed, so that the preview catches up rather than going stale. Errors are not changes:
/// the polling watcher reports an unreadable file on every scan.
fn relevant_paths(scope: &Scope, event: notify::Result<Event>) -> Vec<PathBuf> {
    let Ok(event) = event else {
        return Vec::new();
    };
    if event.need_rescan() {
        return vec![scope.content.clone()];
    }
    // Reading a file is not a change.
    if matches!(event.kind, EventKind::Access(_)) {
        return Vec::new();
    }
    event
        .paths
        .into_iter()
        .filter(|p| scope.is_relevant(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handbook_in_a_hidden_folder_is_watched() {
        let scope = Scope::new(Path::new("/nonexistent/.tmp123/h"), None);
        assert!(scope.is_relevant(Path::new("/nonexistent/.tmp123/h/content/questions/a.md")));
        assert!(!scope.is_relevant(Path::new("/nonexistent/.tmp123/h/content/.a.md.swp")));
    }

    #[test]
    fn lost_events_count_as_a_change_of_everything_and_errors_as_none() {
        let scope = Scope::new(Path::new("/nonexistent/h"), None);
        let overflow = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert_eq!(
            relevant_paths(&scope, Ok(overflow)),
            [PathBuf::from("/nonexistent/h/content")]
        );
        let failed = Err(notify::Error::generic("permission denied"));
        assert!(relevant_paths(&scope, failed).is_empty());
        let read = Event::new(EventKind::Access(notify::event::AccessKind::Any))
            .add_path(PathBuf::from("/nonexistent/h/content/questions/a.md"));
        assert!(relevant_paths(&scope, Ok(read)).is_empty());
        // While the same path, written, is a change.
        let written = Event::new(EventKind::Modify(notify::event::ModifyKind::Any))
            .add_path(PathBuf::from("/nonexistent/h/content/questions/a.md"));
        assert_eq!(
            relevant_paths(&scope, Ok(written)),
            [PathBuf::from("/nonexistent/h/content/questions/a.md")]
        );
    }

    #[test]
    fn relevance() {
        let scope = Scope::new(Path::new("/nonexistent/h"), None);
        for yes in [
            "/nonexistent/h/book.toml",
            "/nonexistent/h/content/questions/a.md",
            "/nonexistent/h/themes/default/static/style.css",
        ] {
            assert!(scope.is_relevant(Path::new(yes)), "{yes}");
        }
        for no in [
            "/nonexistent/h/book/index.html",
            "/nonexistent/h/.git/index",
            "/nonexistent/h/content/questions/.a.md.swp",
            "/nonexistent/h/content/questions/a.md~",
            "/nonexistent/h/content/questions/4913",
            "/nonexistent/h/content/questions/a.md___jb_tmp___",
            "/nonexistent/h/content/.hidden/a.md",
            "/nonexistent/h/README.md",
            "/nonexistent/h/target/debug/x",
        ] {
            assert!(!scope.is_relevant(Path::new(no)), "{no}");
        }
    }
}
