//! Whether a build may be written to a folder. A build replaces its build dir whole, so the
//! build dir must be hirebook's alone: never a file, a version-control folder, the handbook, its
//! content or themes, nor a folder inside or above them (symbolic links resolved), and only
//! ever a folder that is missing, empty, or holds a previous build and nothing else.
//!
//! Every command that writes or would write a build asks [`check`] first, before a byte is
//! written; the staging swap asks [`manifest::ownership`] again right before it replaces the
//! folder.

use std::path::{Component, Path, PathBuf};

use super::manifest::{self, Ownership};

/// The folders a build must keep away from.
#[derive(Debug, Clone)]
pub struct Protected {
    /// The handbook folder (where book.toml is).
    pub root: PathBuf,
    /// The content folder, as configured (relative to the root, or absolute).
    pub content: PathBuf,
    /// The themes folder.
    pub themes: PathBuf,
}

impl Protected {
    pub fn new(root: &Path, content_dir: &Path) -> Protected {
        Protected {
            root: root.to_path_buf(),
            content: root.join(content_dir),
            themes: root.join("themes"),
        }
    }
}

/// A build dir that passed [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// As the user gave it, for messages.
    pub shown: PathBuf,
    /// Absolute, with symbolic links resolved: where the build goes.
    pub path: PathBuf,
}

/// Why a folder may not be a build dir.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What the folder is, as the end of a sentence that starts with its name ("is the
    /// handbook folder itself").
    pub reason: String,
    /// What to do instead.
    pub help: String,
}

const OWN_FOLDER: &str = "give the build a folder of its own: a new or empty one, beside the content (\"book\" by default)";

/// Checks that a build may replace `dest`, and resolves it.
pub fn check(dest: &Path, protected: &Protected) -> Result<Destination, Refusal> {
    let refuse = |reason: &str, help: &str| Refusal {
        reason: reason.to_owned(),
        help: help.to_owned(),
    };
    let path = resolve(dest).ok_or_else(|| refuse("cannot be resolved to a folder", OWN_FOLDER))?;
    if std::fs::symlink_metadata(dest).is_ok_and(|m| m.is_symlink()) && !path.exists() {
        return Err(refuse("is a symbolic link that leads nowhere", OWN_FOLDER));
    }
    if let Ok(meta) = std::fs::symlink_metadata(&path)
        && !meta.is_dir()
    {
        return Err(refuse("is a file, not a folder", OWN_FOLDER));
    }
    if let Some(file) = path.ancestors().skip(1).find(|a| a.is_file()) {
        return Err(refuse(
            &format!("is inside `{}`, which is a file", file.display()),
            OWN_FOLDER,
        ));
    }
    if let Some(vcs) = crate::source::vcs_folder_in(&path) {
        return Err(refuse(
            &format!("is in a version-control folder ({vcs})"),
            OWN_FOLDER,
        ));
    }
    let places = [
        (&protected.root, "the handbook folder"),
        (&protected.content, "the content folder"),
        (&protected.themes, "the themes folder"),
    ];
    for (place, name) in places {
        let Some(place) = resolve(place) else {
            continue;
        };
        if path == place {
            return Err(refuse(&format!("is {name} itself"), OWN_FOLDER));
        }
        if place.starts_with(&path) {
            return Err(refuse(&format!("contains {name}"), OWN_FOLDER));
        }
        // The build dir usually sits in the handbook folder; only content and themes are off
        // limits inside it.
        if name != "the handbook folder" && path.starts_with(&place) {
            return Err(refuse(&format!("is inside {name}"), OWN_FOLDER));
        }
    }
    match manifest::inspect(&path) {
        (
            Ownership::Foreign {
                first,
                count,
                marked,
            },
            _,
        ) => Err(foreign(&first, count, marked)),
        (_, Some(folder)) => Err(super::staging::unremovable(&path, &folder)),
        _ => Ok(Destination {
            shown: dest.to_path_buf(),
            path,
        }),
    }
}

/// The refusal for a folder that holds files hirebook did not write.
pub fn foreign(first: &[String], count: usize, marked: bool) -> Refusal {
    let mut named = crate::diag::quoted(first);
    if count > manifest::MAX_FOREIGN {
        // The walk stopped counting there.
        named.push_str(&format!(
            " and more than {} others",
            manifest::MAX_FOREIGN - first.len()
        ));
    } else if count > first.len() {
        named.push_str(&format!(" and {} more", count - first.len()));
    }
    let reason = if marked {
        format!("holds files that hirebook did not write: {named}")
    } else {
        format!("is not empty and was not written by hirebook: it holds {named}")
    };
    Refusal {
        reason,
        help: "a build replaces its build dir whole: move these files away, or choose a new or \
               empty folder. Files meant for the site's root (CNAME, .nojekyll, robots.txt) go \
               in the content folder, which is copied into every build"
            .to_owned(),
    }
}

/// `path` made absolute: the part that exists with symbolic links resolved, the rest joined
/// to it with `.` and `..` worked out.
pub fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    resolve_lexically(&absolute)
}

/// The components worked out one by one, each prefix that exists resolved: `..` after a
/// missing folder undoes it, `..` after a link leads to the link's target's parent, as the
/// system would.
fn resolve_lexically(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => out.push(c.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_through_missing_folders_and_dots() {
        let tmp = std::env::temp_dir().canonicalize().unwrap();
        let base = tmp.join(format!("hirebook-resolve-{}", std::process::id()));
        std::fs::create_dir_all(&base).unwrap();
        assert_eq!(resolve(&base.join("a/b")), Some(base.join("a/b")));
        assert_eq!(resolve(&base.join("a/..")), Some(base.clone()));
        assert_eq!(resolve(&base.join("a/../b/./c")), Some(base.join("b/c")));
        assert_eq!(resolve(&base.join("./.")), Some(base.clone()));
        std::fs::remove_dir_all(&base).unwrap();
    }

    /// A refusal names the first few foreign files and counts the rest: exactly, up to the
    /// point where the walk stops counting, then as "more than".
    #[test]
    fn foreign_files_are_named_then_counted() {
        let reason = |files: usize| {
            let dir = tempfile::tempdir().unwrap();
            for i in 0..files {
                std::fs::write(dir.path().join(format!("f{i:05}.txt")), "x").unwrap();
            }
            match manifest::inspect(dir.path()).0 {
                Ownership::Foreign {
                    first,
                    count,
                    marked,
                } => foreign(&first, count, marked).reason,
                other => panic!("{files} files: {other:?}"),
            }
        };
        let five = reason(5);
        assert!(five.ends_with("`f00004.txt`"), "{five}");
        assert!(!five.contains("more"), "{five}");
        assert!(reason(7).ends_with("`f00004.txt` and 2 more"));
        let all = manifest::MAX_FOREIGN;
        assert!(reason(all).ends_with(&format!(" and {} more", all - 5)));
        assert!(reason(all + 2).ends_with(&format!(" and more than {} others", all - 5)));
    }
}
