//! The marker file every build carries, `.hirebook-build`: the list of files that build wrote,
//! with a hash and length of each. It is how hirebook knows a folder is its own to replace, and
//! what it may replace: a folder is hirebook's only while it holds nothing but the files its
//! manifest lists.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The marker's file name, at the top of every build.
pub const MARKER: &str = ".hirebook-build";

pub(crate) const HEADER: &str =
    "This folder was written by hirebook build and is replaced by the next build.\n";

/// A previous build's manifest: each file's hash and length, and when the build finished.
#[derive(Debug, Default)]
pub struct Manifest {
    pub files: HashMap<String, (u64, usize)>,
    pub finished: Option<SystemTime>,
}

impl Manifest {
    /// The manifest of the build in `dir`, if `dir` carries a marker (a plain file, not a link).
    pub fn read(dir: &Path) -> Option<Manifest> {
        let marker = dir.join(MARKER);
        let meta = fs::symlink_metadata(&marker).ok()?;
        if !meta.is_file() {
            return None;
        }
        let text = fs::read_to_string(&marker).ok()?;
        if !text.starts_with(HEADER) {
            return None;
        }
        let files = text
            .lines()
            .filter_map(|line| {
                let (hash, rest) = line.split_once(' ')?;
                let (len, path) = rest.split_once(' ')?;
                let hash = u64::from_str_radix(hash, 16).ok()?;
                Some((path.to_owned(), (hash, len.parse().ok()?)))
            })
            .collect();
        Some(Manifest {
            files,
            finished: meta.modified().ok(),
        })
    }

    /// The marker's text for a build that wrote `written` (path, hash, length).
    pub fn text(mut written: Vec<(String, u64, usize)>) -> String {
        written.sort_unstable();
        let mut text = String::from(HEADER);
        for (path, hash, len) in written {
            text.push_str(&format!("{hash:016x} {len} {path}\n"));
        }
        text
    }
}

/// What a folder about to be replaced holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Ownership {
    /// Nothing there yet.
    Absent,
    /// An empty folder.
    Empty,
    /// A previous build, holding only the files its manifest lists.
    Ours,
    /// Files hirebook did not write: the first few (relative, `/`-separated, sorted) and how
    /// many there are. `marked` says whether the folder carries a marker at all.
    Foreign {
        first: Vec<String>,
        count: usize,
        marked: bool,
    },
}

/// How many foreign files an error names.
const NAMED: usize = 5;

/// Whose `dir` is. Only plain files the manifest lists, the folders that hold them and the
/// marker count as hirebook's: a link, an extra file or an extra folder makes the whole folder
/// someone else's. Nothing is followed or changed.
pub fn ownership(dir: &Path) -> Ownership {
    inspect(dir).0
}

/// `ownership`, and (in the same walk) the first folder of a build of ours whose entries this
/// process may not remove (a read-only folder): replacing a build removes the previous one,
/// and finding that out halfway would leave neither complete.
pub fn inspect(dir: &Path) -> (Ownership, Option<PathBuf>) {
    let mut entries = match fs::read_dir(dir) {
        Ok(entries) => entries.peekable(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Ownership::Absent, None),
        // A folder that cannot be listed may hold anything.
        Err(_) => {
            let foreign = Ownership::Foreign {
                first: vec!["(a folder hirebook cannot list)".to_owned()],
                count: 1,
                marked: false,
            };
            return (foreign, None);
        }
    };
    if entries.peek().is_none() {
        let stuck = (!may_change(dir)).then(|| dir.to_path_buf());
        return (Ownership::Empty, stuck);
    }
    let manifest = Manifest::read(dir);
    let marked = manifest.is_some();
    let files = manifest.map(|m| m.files).unwrap_or_default();
    let folders: HashSet<&str> = files
        .keys()
        .flat_map(|path| {
            path.match_indices('/')
                .map(move |(i, _)| &path[..i])
                .collect::<Vec<_>>()
        })
        .collect();
    let mut foreign = Vec::new();
    let mut count = 0;
    let note = |count: &mut usize, foreign: &mut Vec<String>, path: String| {
        *count += 1;
        if foreign.len() < MAX_FOREIGN {
            foreign.push(path);
        }
    };
    let mut stuck = (!may_change(dir)).then(|| dir.to_path_buf());
    let walk = walkdir::WalkDir::new(dir).min_depth(1).follow_links(false);
    let mut it = walk.into_iter();
    while let Some(entry) = it.next() {
        // A folder that holds a whole home directory is refused after its first entries.
        if count > MAX_FOREIGN {
            break;
        }
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // An unreadable folder may hold anything.
                let path = e.path().unwrap_or(dir);
                note(&mut count, &mut foreign, relative(dir, path));
                continue;
            }
        };
        let rel = relative(dir, entry.path());
        let kind = entry.file_type();
        let ours = if kind.is_dir() {
            folders.contains(rel.as_str())
        } else if kind.is_file() {
            rel == MARKER && entry.depth() == 1 || files.contains_key(&rel)
        } else {
            false
        };
        if !ours {
            if kind.is_dir() {
                it.skip_current_dir();
            }
            note(&mut count, &mut foreign, rel);
        } else if kind.is_dir() && stuck.is_none() && !may_change(entry.path()) {
            stuck = Some(entry.into_path());
        }
    }
    if count == 0 {
        return (Ownership::Ours, stuck);
    }
    foreign.sort();
    foreign.truncate(NAMED);
    let foreign = Ownership::Foreign {
        first: foreign,
        count,
        marked,
    };
    (foreign, None)
}

/// Past this many foreign entries a folder is not walked further.
pub const MAX_FOREIGN: usize = 10_000;

/// Whether entries of `folder` may be added and removed by this process.
#[cfg(unix)]
fn may_change(folder: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let Ok(path) = CString::new(folder.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `path` is a valid NUL-terminated string for the duration of the call, which
    // only reads it.
    unsafe { access(path.as_ptr(), W_OK | X_OK) == 0 }
}

#[cfg(unix)]
const W_OK: i32 = 2;
#[cfg(unix)]
const X_OK: i32 = 1;

#[cfg(unix)]
unsafe extern "C" {
    fn access(path: *const std::ffi::c_char, mode: i32) -> i32;
}

#[cfg(not(unix))]
fn may_change(folder: &Path) -> bool {
    fs::metadata(folder).is_ok_and(|m| !m.permissions().readonly())
}

fn relative(dir: &Path, path: &Path) -> String {
    crate::source::slash_path(path.strip_prefix(dir).unwrap_or(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("hirebook-manifest-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn build(dir: &Path, files: &[&str]) {
        for f in files {
            let path = dir.join(f);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let written = files.iter().map(|f| (f.to_string(), 1, 1)).collect();
        fs::write(dir.join(MARKER), Manifest::text(written)).unwrap();
    }

    fn foreign(dir: &Path) -> Vec<String> {
        match ownership(dir) {
            Ownership::Foreign { first, .. } => first,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_folder_is_ours_only_while_it_holds_what_the_manifest_lists() {
        let dir = temp("own");
        assert_eq!(ownership(&dir.join("missing")), Ownership::Absent);
        assert_eq!(ownership(&dir), Ownership::Empty);
        build(&dir, &["index.html", "questions/orm.html"]);
        assert_eq!(ownership(&dir), Ownership::Ours);

        fs::write(dir.join("CNAME"), "example.com").unwrap();
        assert_eq!(foreign(&dir), ["CNAME"]);
        fs::remove_file(dir.join("CNAME")).unwrap();

        fs::create_dir(dir.join("questions/notes")).unwrap();
        fs::write(dir.join("questions/notes/a.txt"), "").unwrap();
        // A foreign folder is named once, not file by file.
        assert_eq!(foreign(&dir), ["questions/notes"]);
        fs::remove_dir_all(dir.join("questions/notes")).unwrap();

        fs::create_dir(dir.join("empty")).unwrap();
        assert_eq!(foreign(&dir), ["empty"]);
        fs::remove_dir(dir.join("empty")).unwrap();
        assert_eq!(ownership(&dir), Ownership::Ours);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_listed_path_replaced_by_a_link_is_not_ours() {
        let dir = temp("link");
        build(&dir, &["index.html"]);
        fs::remove_file(dir.join("index.html")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", dir.join("index.html")).unwrap();
        assert_eq!(foreign(&dir), ["index.html"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn without_a_marker_nothing_is_ours() {
        let dir = temp("unmarked");
        fs::write(dir.join("index.html"), "").unwrap();
        assert_eq!(
            ownership(&dir),
            Ownership::Foreign {
                first: vec!["index.html".into()],
                count: 1,
                marked: false
            }
        );
        // A marker that is a folder, or a file without hirebook's header, is no marker.
        fs::create_dir(dir.join(MARKER)).unwrap();
        assert!(matches!(
            ownership(&dir),
            Ownership::Foreign { marked: false, .. }
        ));
        fs::remove_dir(dir.join(MARKER)).unwrap();
        fs::write(dir.join(MARKER), "0000000000000000 0 index.html\n").unwrap();
        assert!(matches!(
            ownership(&dir),
            Ownership::Foreign { marked: false, .. }
        ));
        fs::remove_dir_all(&dir).unwrap();
    }
}
