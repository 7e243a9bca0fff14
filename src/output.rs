//! Writing a build: everything goes into a staging folder beside the build dir, which replaces
//! the build dir only once the whole site is written. A failed, panicking or interrupted build
//! leaves the previous build exactly as it was.
//!
//! A file the previous build already holds, byte for byte, is not written again but linked
//! (a hard link, in the staging folder): most of a rebuild is unchanged, and a link costs the
//! disk far less than a new file, both now and when the previous build is removed.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use crate::error::{IoContext, IoError};
use crate::hash::StableHasher;
use crate::render::Sink;

/// A file hirebook writes into every build, so that a later build knows the folder is its own
/// to replace. It lists the files written, with a hash of each, for the next build.
pub const MARKER: &str = ".hirebook-build";

const MARKER_HEADER: &str =
    "This folder was written by hirebook build and is replaced by the next build.\n";

/// A folder being filled with a new build.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
    /// Folders already created: thousands of pages share a handful of folders, and asking the
    /// file system each time costs a system call per page.
    made: Mutex<HashSet<PathBuf>>,
    previous: Option<Previous>,
    /// Every file written, with its hash and length, for the marker.
    written: Mutex<Vec<(String, u64, usize)>>,
}

/// The build being replaced: its files' hashes and lengths, and when it was finished.
struct Previous {
    files: HashMap<String, (u64, usize)>,
    finished: SystemTime,
}

impl Previous {
    fn read(target: &Path) -> Option<Previous> {
        let marker = target.join(MARKER);
        let finished = fs::symlink_metadata(&marker).ok()?.modified().ok()?;
        let text = fs::read_to_string(&marker).ok()?;
        let files = text
            .lines()
            .filter_map(|line| {
                let (hash, rest) = line.split_once(' ')?;
                let (len, path) = rest.split_once(' ')?;
                let hash = u64::from_str_radix(hash, 16).ok()?;
                Some((path.to_owned(), (hash, len.parse().ok()?)))
            })
            .collect();
        Some(Previous { files, finished })
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = StableHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

impl Staging {
    /// Creates an empty staging folder next to `target` (same file system, so the final
    /// rename is atomic). Leftovers of interrupted builds are removed first.
    pub fn new(target: &Path) -> Result<Staging, IoError> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).io_context("create", &parent)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "book".to_owned());
        let prefix = format!(".{name}.hirebook-");
        remove_leftovers(&parent, &prefix);
        let dir = parent.join(format!("{prefix}staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).io_context("remove", &dir)?;
        }
        fs::create_dir(&dir).io_context("create", &dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
            made: Mutex::default(),
            previous: Previous::read(target),
            written: Mutex::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    fn make_parent(&self, file: &Path) -> Result<(), IoError> {
        let Some(parent) = file.parent() else {
            return Ok(());
        };
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        if !made.contains(parent) {
            fs::create_dir_all(parent).io_context("create", parent)?;
            made.insert(parent.to_path_buf());
        }
        Ok(())
    }

    /// Links `file` to the previous build's copy of `path`, if it holds these very bytes and
    /// nobody changed it since.
    fn link_unchanged(&self, path: &str, hash: u64, len: usize, file: &Path) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        if previous.files.get(path) != Some(&(hash, len)) {
            return false;
        }
        let old = self.target.join(path);
        // Not a symbolic link (which could lead anywhere), and not edited after the build.
        let unchanged = fs::symlink_metadata(&old).is_ok_and(|m| {
            m.is_file()
                && m.len() == len as u64
                && m.modified().is_ok_and(|t| t <= previous.finished)
        });
        unchanged && fs::hard_link(&old, file).is_ok()
    }

    /// Replaces the build dir with the staged build.
    pub fn commit(mut self) -> Result<(), IoError> {
        let marker = self.dir.join(MARKER);
        let mut written =
            std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        written.sort_unstable();
        let mut text = String::from(MARKER_HEADER);
        for (path, hash, len) in written {
            text.push_str(&format!("{hash:016x} {len} {path}\n"));
        }
        fs::write(&marker, text).io_context("write", &marker)?;
        swap_into_place(&self.dir, &self.target)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), IoError> {
        let file = self.dir.join(path);
        self.make_parent(&file)?;
        let hash = content_hash(bytes);
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_owned(), hash, bytes.len()));
        if self.link_unchanged(path, hash, bytes.len(), &file) {
            return Ok(());
        }
        fs::write(&file, bytes).io_context("write", &file)?;
        Ok(())
    }

    fn copy(&self, from: &Path, path: &str) -> Result<(), IoError> {
        let file = self.dir.join(path);
        self.make_parent(&file)?;
        fs::copy(from, &file).io_context("copy", from)?;
        Ok(())
    }
}

/// Writes a site built in memory into `target`, atomically (`watch`).
pub fn write_site(site: &crate::session::Site, target: &Path) -> Result<(), IoError> {
    use rayon::prelude::*;
    let staging = Staging::new(target)?;
    let files: Vec<(&String, &std::sync::Arc<[u8]>)> = site.iter().collect();
    files
        .par_iter()
        .try_for_each(|(path, bytes)| staging.write(path, bytes))?;
    staging.commit()
}

/// Staging folders of builds that were killed before they could clean up.
fn remove_leftovers(parent: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(prefix) && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn swap_into_place(staged: &Path, target: &Path) -> Result<(), IoError> {
    if fs::symlink_metadata(target).is_err() {
        return fs::rename(staged, target).io_context("move the new build to", target);
    }
    if exchange(staged, target) {
        // `staged` now holds the previous build.
        fs::remove_dir_all(staged).io_context("remove the previous build in", staged)?;
        return Ok(());
    }
    // No atomic exchange on this system: two renames, undoing the first if the second fails.
    let mut old_name = OsString::from(staged.as_os_str());
    old_name.push("-old");
    let old = PathBuf::from(old_name);
    fs::rename(target, &old).io_context("move the previous build from", target)?;
    if let Err(e) = fs::rename(staged, target) {
        let _ = fs::rename(&old, target);
        return Err(IoError::new("move the new build to", target, e));
    }
    fs::remove_dir_all(&old).io_context("remove the previous build in", &old)
}

/// Swaps two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`), so there is no moment
/// without a build dir. Returns false where that is not supported.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call;
    // renameat2 only reads them.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_a: &Path, _b: &Path) -> bool {
    false
}

/// Whether `dir` may be replaced by a build: it does not exist, is empty, or was written by a
/// previous hirebook build.
pub fn is_replaceable(dir: &Path) -> bool {
    match fs::read_dir(dir) {
        Err(_) => true,
        Ok(mut entries) => entries.next().is_none() || dir.join(MARKER).is_file(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("hirebook-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn commit_replaces_the_previous_build() {
        let dir = temp("commit");
        let target = dir.join("book");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();
        let staging = Staging::new(&target).unwrap();
        staging.write("a/b.html", b"new").unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read_to_string(target.join("a/b.html")).unwrap(), "new");
        assert!(!target.join("old.html").exists());
        assert!(target.join(MARKER).exists());
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, [OsString::from("book")]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn dropping_without_commit_keeps_the_previous_build() {
        let dir = temp("drop");
        let target = dir.join("book");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();
        {
            let staging = Staging::new(&target).unwrap();
            staging.write("new.html", b"new").unwrap();
        }
        assert_eq!(fs::read_to_string(target.join("old.html")).unwrap(), "old");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_empty_or_own_folders_are_replaceable() {
        let dir = temp("replaceable");
        assert!(is_replaceable(&dir.join("missing")));
        assert!(is_replaceable(&dir));
        fs::write(dir.join("notes.txt"), "mine").unwrap();
        assert!(!is_replaceable(&dir));
        fs::write(dir.join(MARKER), "").unwrap();
        assert!(is_replaceable(&dir));
        fs::remove_dir_all(&dir).unwrap();
    }
}
