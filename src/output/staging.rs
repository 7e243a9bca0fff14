//! Writing a build: everything goes into a staging folder beside the build dir, which replaces
//! the build dir only once the whole site is written. A failed, panicking or interrupted build
//! leaves the previous build exactly as it was.
//!
//! A file the previous build already holds, byte for byte, is not written again but linked
//! (a hard link, in the staging folder): most of a rebuild is unchanged, and a link costs the
//! disk far less than a new file, both now and when the previous build is removed.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::Sink;
use super::destination::{self, Destination};
use super::manifest::{self, MARKER, Manifest, Ownership};
use crate::error::{IoContext, IoError};
use crate::hash::StableHasher;

/// A folder being filled with a new build.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
    /// Folders already created: thousands of pages share a handful of folders, and asking the
    /// file system each time costs a system call per page.
    made: Mutex<HashSet<PathBuf>>,
    previous: Option<Manifest>,
    /// Every file written, with its hash and length, for the marker.
    written: Mutex<Vec<(String, u64, usize)>>,
    /// The paths written, to refuse writing one twice.
    paths: Mutex<HashSet<String>>,
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = StableHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

impl Staging {
    /// Creates an empty staging folder next to the build dir (same file system, so the final
    /// rename is atomic). Staging folders of earlier builds that were killed are removed
    /// first, if they carry hirebook's marker and their process is gone.
    pub fn new(dest: &Destination) -> Result<Staging, IoError> {
        let target = &dest.path;
        let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
        fs::create_dir_all(&parent).io_context("create", &parent)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "book".to_owned());
        let prefix = format!(".{name}.hirebook-staging-");
        remove_leftovers(&parent, &prefix);
        let dir = parent.join(format!("{prefix}{}", std::process::id()));
        if Manifest::read(&dir).is_some() {
            fs::remove_dir_all(&dir).io_context("remove", &dir)?;
        }
        fs::create_dir(&dir).io_context("create a staging folder for the build in", &parent)?;
        // Marked from the start, so that the leftovers of a killed build can be told apart.
        let marker = dir.join(MARKER);
        if let Err(e) = fs::write(&marker, manifest::HEADER) {
            let _ = fs::remove_dir_all(&dir);
            return Err(IoError::new("write", &marker, e));
        }
        Ok(Staging {
            dir,
            target: target.clone(),
            committed: false,
            made: Mutex::default(),
            previous: Manifest::read(target),
            written: Mutex::default(),
            paths: Mutex::default(),
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
        let Some(finished) = previous.finished else {
            return false;
        };
        if previous.files.get(path) != Some(&(hash, len)) {
            return false;
        }
        let old = self.target.join(path);
        // Not a symbolic link (which could lead anywhere), and not edited after the build.
        let unchanged = fs::symlink_metadata(&old).is_ok_and(|m| {
            m.is_file() && m.len() == len as u64 && m.modified().is_ok_and(|t| t <= finished)
        });
        unchanged && fs::hard_link(&old, file).is_ok()
    }

    /// Replaces the build dir with the staged build: either the new build is in place, or the
    /// old one is untouched. The previous build is checked right after the swap (one walk):
    /// should it hold anything hirebook did not write (a file saved into it since the
    /// destination was checked) or a folder this process cannot empty, it is swapped back.
    pub fn commit(mut self) -> Result<(), CommitError> {
        let marker = self.dir.join(MARKER);
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        fs::write(&marker, Manifest::text(written)).io_context("write", &marker)?;
        swap_into_place(&self.dir, &self.target)?;
        self.committed = true;
        Ok(())
    }
}

/// Removes the build in `dest` (`hirebook clean`), if there is one: it is first moved aside
/// (atomically, within its folder) and checked once more there, so a file saved into it
/// since `dest` was checked puts it back untouched. Returns whether there was a build.
pub fn remove(dest: &Destination) -> Result<bool, CommitError> {
    let target = &dest.path;
    if fs::symlink_metadata(target).is_err() {
        return Ok(false);
    }
    let parent = target.parent().unwrap_or(Path::new("/"));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".to_owned());
    // The staging name: should this be interrupted, the next build removes what is left (it
    // carries the marker and its process is gone).
    let aside = parent.join(format!(".{name}.hirebook-staging-{}", std::process::id()));
    fs::rename(target, &aside).io_context("move the build aside from", target)?;
    let refusal = match manifest::inspect(&aside) {
        (
            Ownership::Foreign {
                first,
                count,
                marked,
            },
            _,
        ) => Some(destination::foreign(&first, count, marked)),
        (_, Some(folder)) => Some(unremovable(&aside, &folder)),
        _ => None,
    };
    if let Some(refusal) = refusal {
        fs::rename(&aside, target).io_context("put back the build in", target)?;
        return Err(CommitError::Refused(refusal));
    }
    // An empty folder without hirebook's marker was made by someone else: it stays.
    if Manifest::read(&aside).is_none() {
        fs::rename(&aside, target).io_context("put back the folder in", target)?;
        return Ok(false);
    }
    remove_build(&aside)?;
    Ok(true)
}

/// The refusal for a previous build that this process cannot remove.
pub fn unremovable(target: &Path, folder: &Path) -> destination::Refusal {
    let shown = folder.strip_prefix(target).unwrap_or(folder);
    let shown = if shown.as_os_str().is_empty() {
        "its top folder".to_owned()
    } else {
        format!("`{}`", crate::source::slash_path(shown))
    };
    destination::Refusal {
        reason: format!(
            "holds a previous build that cannot be replaced: {shown} is read-only; the previous \
             build was left as it was"
        ),
        help: format!(
            "make it writable (chmod -R u+w {}) or remove it, then build again",
            target.display()
        ),
    }
}

/// Why a staged build did not replace the build dir. Either way the build dir is as it was.
#[derive(Debug)]
pub enum CommitError {
    /// The build dir changed since it was checked, or cannot be replaced.
    Refused(destination::Refusal),
    Io(IoError),
}

impl From<IoError> for CommitError {
    fn from(e: IoError) -> Self {
        CommitError::Io(e)
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
        {
            let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
            // Validation keeps two sources from one output; should that ever fail, the second
            // write must not go through a link into the previous build.
            if !paths.insert(path.to_owned()) {
                return Err(IoError::new(
                    "write a second file to",
                    &file,
                    std::io::Error::from(std::io::ErrorKind::AlreadyExists),
                ));
            }
        }
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

    /// A copied file is written like any other, so that the manifest lists it.
    fn copy(&self, from: &Path, path: &str) -> Result<(), IoError> {
        let bytes = fs::read(from).io_context("read", from)?;
        self.write(path, &bytes)
    }
}

/// Staging folders of builds that were killed before they could clean up: named like ours,
/// marked as hirebook's, and left by a process that is gone.
fn remove_leftovers(parent: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(prefix) else {
            continue;
        };
        let pid = rest.strip_suffix("-old").unwrap_or(rest);
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_folder
            && pid.parse::<u32>().is_ok_and(|pid| !process_alive(pid))
            && (Manifest::read(&entry.path()).is_some() || barely_begun(&entry.path()))
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// A staging folder killed before its marker was written whole: empty, or holding only a
/// marker that is a beginning of the header. It holds nothing of anyone's.
fn barely_begun(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().all(|entry| {
        entry.file_name() == MARKER
            && entry.file_type().is_ok_and(|t| t.is_file())
            && fs::read(entry.path())
                .is_ok_and(|bytes| manifest::HEADER.as_bytes().starts_with(&bytes))
    })
}

/// Whether process `pid` still runs (another build writing beside this one). Where that cannot
/// be told, it is taken to be gone.
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists()
}

fn swap_into_place(staged: &Path, target: &Path) -> Result<(), CommitError> {
    if fs::symlink_metadata(target).is_err() {
        return Ok(fs::rename(staged, target).io_context("move the new build to", target)?);
    }
    if exchange(staged, target) {
        // `staged` now holds the previous build.
        let refusal = match manifest::inspect(staged) {
            (
                Ownership::Foreign {
                    first,
                    count,
                    marked,
                },
                _,
            ) => Some(destination::foreign(&first, count, marked)),
            (_, Some(folder)) => Some(unremovable(staged, &folder)),
            _ => None,
        };
        if let Some(refusal) = refusal {
            if exchange(staged, target) {
                return Err(CommitError::Refused(refusal));
            }
            return Err(CommitError::Io(IoError::new(
                "put back the previous build in",
                target,
                std::io::Error::other(format!(
                    "{}; it is now at {}",
                    refusal.reason,
                    staged.display()
                )),
            )));
        }
        remove_build(staged)?;
        return Ok(());
    }
    // No atomic exchange on this system: check, then two renames, undoing the first if the
    // second fails.
    match manifest::inspect(target) {
        (
            Ownership::Foreign {
                first,
                count,
                marked,
            },
            _,
        ) => {
            return Err(CommitError::Refused(destination::foreign(
                &first, count, marked,
            )));
        }
        (_, Some(folder)) => return Err(CommitError::Refused(unremovable(target, &folder))),
        _ => {}
    }
    let mut old_name = OsString::from(staged.as_os_str());
    old_name.push("-old");
    let old = PathBuf::from(old_name);
    fs::rename(target, &old).io_context("move the previous build from", target)?;
    if let Err(e) = fs::rename(staged, target) {
        let _ = fs::rename(&old, target);
        return Err(IoError::new("move the new build to", target, e).into());
    }
    Ok(remove_build(&old)?)
}

/// Removes a previous build, its marker last: should this be interrupted, what is left still
/// carries the marker, and the next run removes it.
fn remove_build(dir: &Path) -> Result<(), IoError> {
    for entry in fs::read_dir(dir).io_context("read", dir)?.flatten() {
        if entry.file_name() == MARKER {
            continue;
        }
        let path = entry.path();
        let removed = if entry.file_type().is_ok_and(|t| t.is_dir()) {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        removed.io_context("remove the previous build's", &path)?;
    }
    fs::remove_dir_all(dir).io_context("remove the previous build in", dir)
}

/// Swaps two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`), so there is no moment
/// without a build dir. Returns false where that is not supported.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // The system call itself: musl (the static release builds) has no renameat2 wrapper
    // before 1.2.5, and the call is the same everywhere (Linux 3.15 and later).
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call;
    // renameat2 only reads them; the arguments match the call's signature.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

#[cfg(not(all(target_os = "linux", any(target_env = "gnu", target_env = "musl"))))]
fn exchange(_a: &Path, _b: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("hirebook-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir.canonicalize().unwrap()
    }

    fn dest(path: &Path) -> Destination {
        Destination {
            shown: path.to_path_buf(),
            path: path.to_path_buf(),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A previous build of `files` in `target`, as a commit leaves it.
    fn previous_build(target: &Path, files: &[&str]) {
        let staging = Staging::new(&dest(target)).unwrap();
        for f in files {
            staging.write(f, b"old").unwrap();
        }
        staging.commit().unwrap();
    }

    /// `clean` checks the build dir, then removes it: a file saved into it in between (or an
    /// unreadable folder) is found by the second look, once the build is moved aside, and
    /// the build is put back whole. Called directly here, as if the first look had passed.
    #[test]
    fn remove_puts_back_a_build_that_holds_foreign_files() {
        let dir = temp("remove-foreign");
        let target = dir.join("book");
        previous_build(&target, &["index.html"]);
        fs::write(target.join("notes.txt"), "mine").unwrap();
        let refused = remove(&dest(&target));
        assert!(
            matches!(refused, Err(CommitError::Refused(_))),
            "{refused:?}"
        );
        assert_eq!(
            fs::read_to_string(target.join("notes.txt")).unwrap(),
            "mine"
        );
        assert_eq!(names(&target), [MARKER, "index.html", "notes.txt"]);
        assert_eq!(names(&dir), ["book"]);
        // With the foreign file gone, the build is removed.
        fs::remove_file(target.join("notes.txt")).unwrap();
        assert!(remove(&dest(&target)).unwrap());
        assert!(!target.exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    // A build with a folder `remove` cannot empty is put back whole: tested as a user who
    // cannot write there, also when the tests run as root, by
    // `a_clean_that_cannot_empty_a_folder_puts_the_build_back` in tests/destinations.rs.

    #[test]
    fn commit_replaces_the_previous_build() {
        let dir = temp("commit");
        let target = dir.join("book");
        previous_build(&target, &["old.html", "static/logo.png"]);
        let staging = Staging::new(&dest(&target)).unwrap();
        staging.write("a/b.html", b"new").unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read_to_string(target.join("a/b.html")).unwrap(), "new");
        assert!(!target.join("old.html").exists());
        assert_eq!(names(&target), [MARKER, "a"]);
        assert_eq!(names(&dir), ["book"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn dropping_without_commit_keeps_the_previous_build() {
        let dir = temp("drop");
        let target = dir.join("book");
        previous_build(&target, &["old.html"]);
        {
            let staging = Staging::new(&dest(&target)).unwrap();
            staging.write("new.html", b"new").unwrap();
        }
        assert_eq!(fs::read_to_string(target.join("old.html")).unwrap(), "old");
        assert_eq!(names(&dir), ["book"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_added_after_the_check_stops_the_commit() {
        let dir = temp("late");
        let target = dir.join("book");
        previous_build(&target, &["index.html"]);
        let staging = Staging::new(&dest(&target)).unwrap();
        staging.write("index.html", b"new").unwrap();
        fs::write(target.join("CNAME"), "example.com").unwrap();
        let Err(CommitError::Refused(refusal)) = staging.commit() else {
            panic!("committed over a foreign file");
        };
        assert!(refusal.reason.contains("`CNAME`"), "{}", refusal.reason);
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(names(&target), [MARKER, "CNAME", "index.html"]);
        assert_eq!(names(&dir), ["book"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn copied_files_are_listed_in_the_manifest() {
        let dir = temp("copy");
        let target = dir.join("book");
        let image = dir.join("diagram.png");
        fs::write(&image, "png").unwrap();
        let staging = Staging::new(&dest(&target)).unwrap();
        staging.copy(&image, "questions/diagram.png").unwrap();
        staging.commit().unwrap();
        let manifest = Manifest::read(&target).unwrap();
        assert!(manifest.files.contains_key("questions/diagram.png"));
        assert_eq!(manifest::ownership(&target), Ownership::Ours);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn leftovers_are_removed_only_when_marked_and_abandoned() {
        let dir = temp("leftovers");
        let target = dir.join("book");
        // A killed build's staging folder (no such process), marked: removed.
        let dead = dir.join(".book.hirebook-staging-4000000000");
        fs::create_dir(&dead).unwrap();
        fs::write(dead.join(MARKER), manifest::HEADER).unwrap();
        // The same name without a marker is somebody's folder: kept.
        let unmarked = dir.join(".book.hirebook-staging-4000000001");
        fs::create_dir(&unmarked).unwrap();
        fs::write(unmarked.join("notes.txt"), "mine").unwrap();
        // A running build's staging folder (this test's parent process): kept.
        let running = dir.join(format!(
            ".book.hirebook-staging-{}",
            std::os::unix::process::parent_id()
        ));
        fs::create_dir(&running).unwrap();
        fs::write(running.join(MARKER), manifest::HEADER).unwrap();
        // Killed between making the folder and writing its marker: empty, or a marker cut short.
        let empty = dir.join(".book.hirebook-staging-4000000002");
        fs::create_dir(&empty).unwrap();
        let cut = dir.join(".book.hirebook-staging-4000000003");
        fs::create_dir(&cut).unwrap();
        fs::write(cut.join(MARKER), &manifest::HEADER[..10]).unwrap();
        // Like a marker cut short, but not one: an empty file of the user's, a marker file
        // holding other text, a folder named like the marker. All kept.
        let empty_file = dir.join(".book.hirebook-staging-4000000004");
        fs::create_dir(&empty_file).unwrap();
        fs::write(empty_file.join("notes.txt"), "").unwrap();
        let other_text = dir.join(".book.hirebook-staging-4000000005");
        fs::create_dir(&other_text).unwrap();
        fs::write(other_text.join(MARKER), "my own notes").unwrap();
        let marker_folder = dir.join(".book.hirebook-staging-4000000006");
        fs::create_dir_all(marker_folder.join(MARKER)).unwrap();
        let staging = Staging::new(&dest(&target)).unwrap();
        drop(staging);
        assert!(!dead.exists());
        assert!(!empty.exists());
        assert!(!cut.exists());
        assert!(unmarked.join("notes.txt").exists());
        assert!(empty_file.join("notes.txt").exists());
        assert!(other_text.join(MARKER).exists());
        assert!(marker_folder.join(MARKER).exists());
        assert!(running.exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
