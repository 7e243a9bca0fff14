//! Loading a handbook's files from disk: walk `content/`, sort files by kind, read them as text.
//!
//! This is the only stage that reads content from disk. Everything after it works on strings,
//! so parsing and validation can be tested without touching a file system.

pub mod active;
pub mod front_matter;
pub mod git;
pub mod reload;
pub mod theme;
pub mod yaml_path;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::config::Config;
use crate::diag::print::SourceLookup;
use crate::diag::{Code, Diagnostic};
use crate::error::{IoContext, IoError};

use rayon::prelude::*;

/// The largest text file hirebook reads. Handbook files are small (the longest page of the
/// shipped handbook is under 10 KB); anything near this size is a mistake (a dump, a binary)
/// or an attack, and the work a Markdown or YAML file can cause grows with its size, so the
/// limit bounds the time and memory a pull request can take from CI.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// What a file in `content/` is, decided by where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceKind {
    /// `questions/**/*.md`
    Question,
    /// `scorecards/*.yaml`
    Scorecard,
    /// `checklists/*.yaml`
    Checklist,
    /// `roles/*.yaml`
    Role,
    /// `topics.yaml`
    Topics,
    /// Any other `*.md`
    Page,
}

/// A text file of the handbook, read into memory.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the handbook root with `/` separators (`content/questions/orm.md`): what
    /// diagnostics and "Edit this page" links show.
    pub path: String,
    /// Relative to the content dir (`questions/orm.md`): what ids and URLs derive from.
    pub content_path: String,
    pub kind: SourceKind,
    /// Empty once released (see `release_text`).
    pub text: String,
    /// The text's length in bytes, kept when the text is released: what the output budget
    /// is measured against.
    pub len: usize,
    /// Where it was read from, to read it again for a snippet after `release_text`.
    disk_path: Option<PathBuf>,
    released: bool,
    reread: OnceLock<Option<String>>,
    /// Where each YAML node is, read once when a diagnostic first needs a position.
    positions: OnceLock<Option<(yaml_path::PositionIndex, usize)>>,
}

impl SourceFile {
    /// A file read from `disk_path`, which a snippet may read again once its text is released.
    fn from_disk(
        path: String,
        content_path: String,
        kind: SourceKind,
        text: String,
        disk_path: PathBuf,
    ) -> Self {
        SourceFile {
            path,
            content_path,
            kind,
            len: text.len(),
            text,
            disk_path: Some(disk_path),
            released: false,
            reread: OnceLock::new(),
            positions: OnceLock::new(),
        }
    }

    /// A file that exists only in memory (tests, fuzzing).
    pub fn in_memory(path: &str, content_path: &str, kind: SourceKind, text: String) -> Self {
        SourceFile {
            path: path.to_owned(),
            content_path: content_path.to_owned(),
            kind,
            len: text.len(),
            text,
            disk_path: None,
            released: false,
            reread: OnceLock::new(),
            positions: OnceLock::new(),
        }
    }

    /// Frees the text once it is parsed: a build's memory peaks while it loads, and a large
    /// handbook's text is tens of megabytes. A snippet for a later diagnostic reads the file
    /// again (should it have changed since, the snippet may not match; the message still
    /// does).
    pub fn release_text(&mut self) {
        if self.disk_path.is_some() {
            self.text = String::new();
            self.released = true;
        }
    }

    /// The index of the YAML in this file (`make` reads it from the text and says on which
    /// line the YAML starts), made on first use and kept.
    pub fn position_index(
        &self,
        make: impl FnOnce(&str) -> Option<(yaml_path::PositionIndex, usize)>,
    ) -> Option<(&yaml_path::PositionIndex, usize)> {
        self.positions
            .get_or_init(|| self.snippet_text().and_then(make))
            .as_ref()
            .map(|(index, line)| (index, *line))
    }

    /// The text, read again from disk if it was released.
    pub fn snippet_text(&self) -> Option<&str> {
        if !self.released {
            return Some(&self.text);
        }
        let path = self.disk_path.as_ref()?;
        self.reread.get_or_init(|| read_text(path).ok()).as_deref()
    }
}

/// A file copied to the output as it is (images, PDFs).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Relative to the handbook folder, for messages.
    pub path: String,
    pub content_path: String,
    pub disk_path: PathBuf,
}

/// Everything read from a handbook folder.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// Sorted by path.
    pub files: Vec<SourceFile>,
    /// Sorted by content path.
    pub assets: Vec<Asset>,
    /// Problems met while reading (unreadable files, links leading out).
    pub diagnostics: Vec<Diagnostic>,
    /// The text of book.toml, for snippets.
    pub config_text: Option<String>,
    /// Content files that exist but could not be read (their problem is in `diagnostics`):
    /// references to them are not reported a second time.
    pub unreadable: Vec<(String, SourceKind)>,
}

impl Sources {
    /// The file at `path` (relative to the handbook root).
    pub fn file(&self, path: &str) -> Option<&SourceFile> {
        self.position(path).ok().map(|i| &self.files[i])
    }

    /// Where the file at `path` is in `files`, or where it would go.
    fn position(&self, path: &str) -> Result<usize, usize> {
        self.files.binary_search_by(|f| f.path.as_str().cmp(path))
    }

    /// Frees the text of every file but `kept`, once it is parsed and only diagnostics in
    /// those files remain to be shown: a large handbook's text is tens of megabytes.
    pub fn keep_text_of<'a>(&mut self, kept: impl IntoIterator<Item = &'a str>) {
        let kept: std::collections::HashSet<&str> = kept.into_iter().collect();
        for file in &mut self.files {
            if !kept.contains(file.path.as_str()) {
                file.text = String::new();
            }
        }
    }
}

impl SourceLookup for Sources {
    fn text(&self, file: &str) -> Option<&str> {
        if file == crate::config::FILE_NAME {
            return self.config_text.as_deref();
        }
        self.file(file).and_then(SourceFile::snippet_text)
    }
}

/// Decides what a content-relative path is. `None` means "not ours": a YAML or TOML file in a
/// place hirebook does not read, which `load` reports so that a misplaced file is noticed.
pub fn classify(content_path: &str) -> Option<FileClass> {
    let segments: Vec<&str> = content_path.split('/').collect();
    let file_name = segments.last().copied().unwrap_or_default();
    let ext = file_name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let is_yaml = matches!(ext, "yaml" | "yml");
    let kind = match (segments.as_slice(), ext) {
        (["questions", .., _], "md") => SourceKind::Question,
        (["scorecards", _], _) if is_yaml => SourceKind::Scorecard,
        (["checklists", _], _) if is_yaml => SourceKind::Checklist,
        (["roles", _], _) if is_yaml => SourceKind::Role,
        (["topics.yaml" | "topics.yml"], _) => SourceKind::Topics,
        (_, "md") => SourceKind::Page,
        (_, "yaml" | "yml" | "toml" | "json") => return None,
        _ => return Some(FileClass::Asset),
    };
    Some(FileClass::Text(kind))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileClass {
    Text(SourceKind),
    Asset,
}

/// Files editors and operating systems leave behind around a save, never content: hidden
/// files, backups (`~`, `.bak`), swap files, temp files and JetBrains' safe-write copies, vim's
/// `4913` probe, Emacs' `#autosave#`.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || [".swp", ".swx", ".swo", ".tmp", ".bak"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name == "Thumbs.db"
}

/// Hidden files and folders at the top of the content folder that are published all the same:
/// they mean something to static hosts (GitHub Pages' `.nojekyll`, `.well-known/`).
pub const SITE_ROOT_HIDDEN: &[&str] = &[".nojekyll", ".well-known"];

/// Folders that hold a version-control repository: never content, never a build dir.
pub const VCS_FOLDERS: &[&str] = &[".git", ".hg", ".svn", ".bzr", "_darcs", ".jj"];

/// The version-control folder `path` is in, if any (names compared without case, as
/// case-insensitive file systems do).
pub fn vcs_folder_in(path: &Path) -> Option<&'static str> {
    path.components().find_map(|c| match c {
        std::path::Component::Normal(name) => {
            let name = name.to_string_lossy();
            VCS_FOLDERS
                .iter()
                .find(|v| name.eq_ignore_ascii_case(v))
                .copied()
        }
        _ => None,
    })
}

/// Why the symbolic link at `link` may not be followed, if it may not. A link may lead only to
/// what hirebook would read anyway: a file or folder inside `inside` (canonical), not a hidden
/// one, not in a version-control folder. Anything else could publish what was never meant to
/// be (`../.env`, `../.git/config`), or a build into the next build.
/// `place` names that folder in the message ("the content folder").
pub fn link_problem(link: &Path, inside: &Path, place: &str) -> Option<String> {
    let shown = std::fs::read_link(link)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    let Ok(target) = link.canonicalize() else {
        return Some(format!(
            "this symbolic link leads to `{shown}`, which does not exist"
        ));
    };
    let Ok(within) = target.strip_prefix(inside) else {
        return Some(format!(
            "this symbolic link leads to `{shown}`, outside {place}"
        ));
    };
    let hidden = within
        .components()
        .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
        || vcs_folder_in(within).is_some();
    hidden.then(|| {
        format!("this symbolic link leads to `{shown}`, a hidden or version-control file, which is never published")
    })
}

/// Reads the handbook at `root`: every content file, sorted, with problems as diagnostics.
pub fn load(root: &Path, config: &Config) -> Result<Sources, IoError> {
    let mut sources = Sources {
        config_text: std::fs::read_to_string(root.join(crate::config::FILE_NAME)).ok(),
        ..Sources::default()
    };
    let content_dir = root.join(&config.build.content_dir);
    if !content_dir.is_dir() {
        sources.diagnostics.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!(
                    "the content folder `{}` does not exist",
                    config.build.content_dir.display()
                ),
            )
            .in_file(crate::config::FILE_NAME)
            .with_hint("create it (hirebook init makes one) or set build.content-dir"),
        );
        return Ok(sources);
    }
    let canonical_content = content_dir
        .canonicalize()
        .io_context("resolve", &content_dir)?;
    if let Some(vcs) = vcs_folder_in(&canonical_content) {
        sources.diagnostics.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!(
                    "the content folder `{}` is in a version-control folder ({vcs}), which is never published",
                    config.build.content_dir.display()
                ),
            )
            .in_file(crate::config::FILE_NAME)
            .with_hint("point build.content-dir at the folder that holds the handbook's files"),
        );
        return Ok(sources);
    }
    let content_prefix = slash_path(&config.build.content_dir);

    let mut to_read = Vec::new();
    let mut walk_problems = Vec::new();
    let walker = walkdir::WalkDir::new(&content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let for_site_root = entry.depth() == 1 && SITE_ROOT_HIDDEN.contains(&name.as_ref());
            if entry.depth() > 0 && is_ignored_name(&name) && !for_site_root {
                return false;
            }
            if entry.path_is_symlink()
                && let Some(problem) =
                    link_problem(entry.path(), &canonical_content, "the content folder")
            {
                walk_problems.push(
                    Diagnostic::new(Code::PathOutsideHandbook, problem)
                        .in_file(display_path(root, entry.path()))
                        .with_hint(
                            "a link in the content folder must lead to a file or folder inside \
                             it: copy the file into the content folder, or remove the link",
                        ),
                );
                return false;
            }
            // A link that stays inside the content folder leads to what the walk reaches
            // anyway: it would publish the same files twice (and links to folders that link
            // on double the work at each step: 26 of them made 16,000 pages from one).
            if entry.depth() > 0 && entry.path_is_symlink() {
                walk_problems.push(
                    Diagnostic::new(
                        Code::IgnoredFile,
                        "this symbolic link is skipped: it leads to files the content folder \
                         already holds, which would be published twice",
                    )
                    .in_file(display_path(root, entry.path()))
                    .with_hint("remove the link, and link to the page itself from Markdown"),
                );
                return false;
            }
            true
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_default();
                let dangling = err
                    .path()
                    .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink()))
                    .and_then(|p| link_problem(p, &canonical_content, "the content folder"));
                let message = if err.loop_ancestor().is_some() {
                    "this symbolic link makes a loop and is skipped".to_owned()
                } else if let Some(problem) = dangling {
                    sources.diagnostics.push(
                        Diagnostic::new(Code::PathOutsideHandbook, problem)
                            .in_file(path)
                            .with_hint("point the link at an existing file, or remove it"),
                    );
                    continue;
                } else {
                    format!("cannot be read: {err}")
                };
                sources.diagnostics.push(
                    Diagnostic::new(Code::UnreadableFile, message)
                        .in_file(path)
                        .with_hint("fix the file's permissions or remove the link"),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(&content_dir) else {
            continue;
        };
        let content_path = slash_path(relative);
        let path = format!("{content_prefix}/{content_path}");
        if content_path.contains(char::is_control) {
            sources.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidId,
                    "this file's name holds a control character (a line break or tab)",
                )
                .in_file(path.escape_debug().to_string())
                .with_hint("rename the file: names become addresses on the site"),
            );
            continue;
        }
        // Paths become the site's paths, under wherever it is built: keep them well inside
        // what file systems allow (4,096 bytes, 255 a name), or check would pass a handbook
        // that build then cannot write.
        let depth = content_path.matches('/').count();
        let longest = content_path.split('/').map(str::len).max().unwrap_or(0);
        if content_path.len() > MAX_PATH_BYTES || depth > MAX_DEPTH || longest > MAX_NAME_BYTES {
            sources.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidId,
                    format!(
                        "this path is too long to publish: at most {MAX_PATH_BYTES} bytes, \
                         {MAX_DEPTH} folders deep, {MAX_NAME_BYTES} bytes a name"
                    ),
                )
                .in_file(cut_path(&path))
                .with_hint("move the file up, or shorten the names of it and its folders"),
            );
            continue;
        }
        match classify(&content_path) {
            Some(FileClass::Text(kind)) => {
                to_read.push((entry.into_path(), path, content_path, kind))
            }
            Some(FileClass::Asset) => match active_content(&content_path, entry.path()) {
                Some(active) => sources.diagnostics.push(
                    Diagnostic::new(
                        Code::ActiveFile,
                        if active.runs {
                            format!(
                                "{}: published as it is, it would run in readers' browsers",
                                active.why
                            )
                        } else {
                            format!(
                                "{}: hirebook publishes only SVG and XML files it can check",
                                active.why
                            )
                        },
                    )
                    .in_file(path)
                    .at(active.at)
                    .with_hint(active.fix.unwrap_or(
                        "write pages in Markdown; save a diagram as PNG, or as an SVG without \
                         scripts, event handlers or links to javascript:",
                    )),
                ),
                None => sources.assets.push(Asset {
                    path,
                    content_path,
                    disk_path: entry.into_path(),
                }),
            },
            None => sources.diagnostics.push(
                Diagnostic::new(Code::IgnoredFile, "hirebook does not read this file")
                    .in_file(path)
                    .with_hint(
                        "questions go in questions/*.md; scorecards, checklists and roles in \
                         their folders as *.yaml; topics in topics.yaml",
                    ),
            ),
        }
    }
    sources.diagnostics.append(&mut walk_problems);

    type Read = Result<SourceFile, Box<(Diagnostic, String, SourceKind)>>;
    let read: Vec<Read> = to_read
        .into_par_iter()
        .map(
            |(disk_path, path, content_path, kind)| match read_text(&disk_path) {
                Ok(text) => Ok(SourceFile::from_disk(
                    path,
                    content_path,
                    kind,
                    text,
                    disk_path,
                )),
                Err(d) => Err(Box::new((d.in_file(path), content_path, kind))),
            },
        )
        .collect();
    for file in read {
        match file {
            Ok(file) => sources.files.push(file),
            Err(unreadable) => {
                let (d, content_path, kind) = *unreadable;
                sources.diagnostics.push(d);
                sources.unreadable.push((content_path, kind));
            }
        }
    }
    sources.files.sort_by(|a, b| a.path.cmp(&b.path));
    sources
        .assets
        .sort_by(|a, b| a.content_path.cmp(&b.content_path));
    Ok(sources)
}

/// The longest path inside the content folder, in bytes.
const MAX_PATH_BYTES: usize = 512;
/// How many folders deep a content file may be.
const MAX_DEPTH: usize = 16;
/// The longest file or folder name, in bytes.
const MAX_NAME_BYTES: usize = 120;

/// A path shown in a message: its start and end around `…` when it is long.
fn cut_path(path: &str) -> String {
    if path.chars().count() <= 160 {
        return path.to_owned();
    }
    let start: String = path.chars().take(80).collect();
    let end: String = {
        let tail: Vec<char> = path.chars().rev().take(60).collect();
        tail.into_iter().rev().collect()
    };
    format!("{start}…{end}")
}

/// Why a file from `content/` would run code in a reader's browser (see [`active`]).
fn active_content(content_path: &str, disk_path: &Path) -> Option<active::Active> {
    active::reason(content_path, || std::fs::read(disk_path).ok())
}

/// Reads a file as UTF-8 text, dropping a byte-order mark. Problems come back as diagnostics
/// (without the file name, which the caller adds).
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let unreadable = |message: String, hint: &str| {
        Diagnostic::new(Code::UnreadableFile, message).with_hint(hint.to_owned())
    };
    let size = std::fs::metadata(path)
        .map_err(|e| {
            unreadable(
                format!("cannot be read: {e}"),
                "check the file's permissions",
            )
        })?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(unreadable(
            format!(
                "the file is too large ({:.1} MiB; the limit is {} MiB)",
                size as f64 / 1048576.0,
                MAX_FILE_BYTES / 1048576
            ),
            "split it into smaller files",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        unreadable(
            format!("cannot be read: {e}"),
            "check the file's permissions",
        )
    })?;
    decode(bytes)
}

/// UTF-8 bytes to text; a BOM is dropped, invalid bytes are an error at their position.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let text = String::from_utf8_lossy(&bytes[..valid]);
        Diagnostic::new(Code::UnreadableFile, "the file is not valid UTF-8 text")
            .at(Some(crate::diag::lines::position_at(&text, valid)))
            .with_hint("save the file with UTF-8 encoding")
    })
}

/// A path with `/` separators whatever the platform, as used in URLs and diagnostics.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn display_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .map(slash_path)
        .unwrap_or_else(|_| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        use FileClass::*;
        use SourceKind::*;
        let cases = [
            ("questions/orm.md", Some(Text(Question))),
            ("questions/db/orm.md", Some(Text(Question))),
            ("scorecards/django.yaml", Some(Text(Scorecard))),
            ("scorecards/django.yml", Some(Text(Scorecard))),
            ("checklists/mistakes.yaml", Some(Text(Checklist))),
            ("roles/senior.yaml", Some(Text(Role))),
            ("topics.yaml", Some(Text(Topics))),
            ("index.md", Some(Text(Page))),
            ("guide/setup.md", Some(Text(Page))),
            ("roles/nested/x.yaml", None),
            ("notes.yaml", None),
            ("questions/img/diagram.png", Some(Asset)),
        ];
        for (path, want) in cases {
            assert_eq!(classify(path), want, "{path}");
        }
    }

    #[test]
    fn decode_strips_bom_and_locates_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi".to_vec()).unwrap(), "hi");
        let err = decode(b"ok\nab\xFFc".to_vec()).unwrap_err();
        assert_eq!(err.code, Code::UnreadableFile);
        assert_eq!(err.position, Some(crate::diag::Position::new(2, 3)));
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [
            ".orm.md.swp",
            "orm.md~",
            "#orm.md#",
            ".git",
            "x.tmp",
            "4913",
            "a.md___jb_tmp___",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("orm.md"));
    }
}
