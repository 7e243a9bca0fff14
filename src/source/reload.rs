//! Reading again only what changed: `serve` and `watch` know from the watcher which files
//! changed, and reading ten thousand unchanged files after every save would cost more than the
//! rest of the rebuild.

use std::path::Path;

use super::{FileClass, SourceFile, Sources, classify, is_ignored_name, read_text, slash_path};
use crate::config::Config;

/// Brings `sources`, read earlier by `load`, up to date after the content files at `changed`
/// (relative to the content folder, `/`-separated) were written, created or removed, reading
/// only those. Returns false, leaving `sources` unusable, whenever the change is anything
/// else — a folder or a link (created, moved or removed), an asset added or removed, a file
/// `load` would report, a file that cannot be read — and the caller must `load` everything
/// again: only the plain case is taken here, and `load` stays the one place that knows the
/// rest.
pub fn update(sources: &mut Sources, root: &Path, config: &Config, changed: &[String]) -> bool {
    let content_dir = root.join(&config.build.content_dir);
    let Ok(canonical_content) = content_dir.canonicalize() else {
        return false;
    };
    let content_prefix = slash_path(&config.build.content_dir);
    for content_path in changed {
        if content_path.is_empty() {
            return false;
        }
        if content_path.split('/').any(is_ignored_name) {
            continue;
        }
        let disk_path = content_dir.join(content_path);
        let exists = match std::fs::symlink_metadata(&disk_path) {
            Ok(meta) if meta.file_type().is_file() => true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            _ => return false,
        };
        // Reached through a linked folder: whether it stays inside the handbook is `load`'s
        // question.
        let parent = Path::new(content_path).parent().unwrap_or(Path::new(""));
        let real_parent = disk_path.parent().and_then(|p| p.canonicalize().ok());
        if real_parent != Some(canonical_content.join(parent)) {
            return false;
        }
        let path = format!("{content_prefix}/{content_path}");
        if !exists {
            // Gone: it may have been a folder, moved away with everything in it.
            let inside = format!("{path}/");
            let asset_inside = format!("{content_path}/");
            if sources.files.iter().any(|f| f.path.starts_with(&inside))
                || sources
                    .assets
                    .iter()
                    .any(|a| a.content_path.starts_with(&asset_inside))
            {
                return false;
            }
        }
        let kind = match classify(content_path) {
            Some(FileClass::Text(kind)) => kind,
            Some(FileClass::Asset) => {
                // An asset's bytes are read when the site is written; only the list matters.
                let listed = sources
                    .assets
                    .iter()
                    .any(|a| &a.content_path == content_path);
                if listed == exists {
                    continue;
                }
                return false;
            }
            None => return false,
        };
        if sources.unreadable.iter().any(|(p, _)| p == content_path) {
            return false;
        }
        let found = sources.position(&path);
        if !exists {
            if let Ok(i) = found {
                sources.files.remove(i);
            }
            continue;
        }
        let Ok(text) = read_text(&disk_path) else {
            return false;
        };
        let file = SourceFile::from_disk(path, content_path.clone(), kind, text, disk_path);
        match found {
            Ok(i) => sources.files[i] = file,
            Err(i) => sources.files.insert(i, file),
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::load;

    struct Handbook {
        dir: tempfile::TempDir,
    }

    impl Handbook {
        fn new() -> Handbook {
            let h = Handbook {
                dir: tempfile::tempdir().unwrap(),
            };
            h.write("book.toml", "[book]\ntitle = \"T\"\n");
            h.write("content/index.md", "# Home\n");
            h.write("content/questions/a.md", "---\ntitle: A\n---\n");
            h.write("content/questions/db/b.md", "---\ntitle: B\n---\n");
            h.write("content/questions/db/schema.svg", "<svg/>");
            h
        }

        fn root(&self) -> &Path {
            self.dir.path()
        }

        fn write(&self, rel: &str, text: &str) {
            let path = self.root().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }

        fn config(&self) -> Config {
            Config::load(self.root()).unwrap()
        }

        fn load(&self) -> Sources {
            load(self.root(), &self.config()).unwrap()
        }

        /// `update` after `change`, which touched `changed`: `Some` (and then equal to a
        /// fresh load) or `None` when it wants everything read again.
        fn update(&self, change: impl FnOnce(&Path), changed: &[&str]) -> Option<Sources> {
            let mut sources = self.load();
            change(&self.root().join("content"));
            let changed: Vec<String> = changed.iter().map(|c| c.to_string()).collect();
            if !update(&mut sources, self.root(), &self.config(), &changed) {
                return None;
            }
            assert_eq!(summary(&sources), summary(&self.load()));
            Some(sources)
        }
    }

    fn summary(s: &Sources) -> Vec<String> {
        let files = s
            .files
            .iter()
            .map(|f| format!("{} {} {:?} {}", f.path, f.content_path, f.kind, f.text));
        let assets = s.assets.iter().map(|a| format!("asset {}", a.content_path));
        let problems = s.diagnostics.iter().map(|d| d.message.clone());
        files.chain(assets).chain(problems).collect()
    }

    #[test]
    fn edited_created_and_removed_files_are_read_alone() {
        let h = Handbook::new();
        let write = |rel: &'static str, text: &'static str| {
            move |content: &Path| std::fs::write(content.join(rel), text).unwrap()
        };
        assert!(
            h.update(
                write("questions/a.md", "---\ntitle: A2\n---\n"),
                &["questions/a.md"]
            )
            .is_some()
        );
        let added = h.update(
            write("questions/db/c.md", "---\ntitle: C\n---\n"),
            &["questions/db/c.md"],
        );
        assert_eq!(added.unwrap().files.len(), 4);
        let removed = h.update(
            |c| std::fs::remove_file(c.join("questions/db/c.md")).unwrap(),
            &["questions/db/c.md"],
        );
        assert_eq!(removed.unwrap().files.len(), 3);
        // An asset's bytes are read when the site is written.
        assert!(
            h.update(
                write("questions/db/schema.svg", "<svg></svg>"),
                &["questions/db/schema.svg"]
            )
            .is_some()
        );
        // Editor leftovers are not content.
        assert!(
            h.update(write("questions/.a.md.swp", "x"), &["questions/.a.md.swp"])
                .is_some()
        );
    }

    #[test]
    fn anything_else_is_read_again_in_full() {
        let h = Handbook::new();
        let folder = |c: &Path| {
            std::fs::create_dir(c.join("questions/new")).unwrap();
            std::fs::write(c.join("questions/new/d.md"), "---\ntitle: D\n---\n").unwrap();
        };
        assert!(
            h.update(folder, &["questions/new"]).is_none(),
            "a new folder"
        );
        let moved =
            |c: &Path| std::fs::rename(c.join("questions/db"), c.join("../db-away")).unwrap();
        assert!(
            h.update(moved, &["questions/db"]).is_none(),
            "a folder moved away"
        );
        let h = Handbook::new();
        let asset = |c: &Path| std::fs::write(c.join("questions/x.png"), "png").unwrap();
        assert!(
            h.update(asset, &["questions/x.png"]).is_none(),
            "a new asset"
        );
        let stray = |c: &Path| std::fs::write(c.join("notes.yaml"), "a: 1").unwrap();
        assert!(
            h.update(stray, &["notes.yaml"]).is_none(),
            "a file load reports"
        );
        std::fs::remove_file(h.root().join("content/notes.yaml")).unwrap();
        let bad = |c: &Path| std::fs::write(c.join("questions/a.md"), b"\xff").unwrap();
        assert!(
            h.update(bad, &["questions/a.md"]).is_none(),
            "an unreadable file"
        );
        std::fs::write(h.root().join("content/questions/a.md"), "ok").unwrap();
        assert!(
            h.update(|_| {}, &[""]).is_none(),
            "the content folder itself"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_reached_through_a_link_is_read_again_in_full() {
        let h = Handbook::new();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("e.md"), "---\ntitle: E\n---\n").unwrap();
        let link =
            |c: &Path| std::os::unix::fs::symlink(outside.path(), c.join("questions/out")).unwrap();
        assert!(h.update(link, &["questions/out/e.md"]).is_none());
        let linked_file = |c: &Path| {
            std::os::unix::fs::symlink(outside.path().join("e.md"), c.join("questions/f.md"))
                .unwrap()
        };
        assert!(h.update(linked_file, &["questions/f.md"]).is_none());
    }
}
