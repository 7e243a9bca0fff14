//! Reading a handbook's own theme folder (`themes/<name>/templates`, `themes/<name>/static`)
//! and its own strings (`i18n/<language>.toml`).

use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};

use super::{read_text, slash_path};

/// A template file from a handbook's theme folder.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// The template name (`question.html`).
    pub name: String,
    /// Where it was read from, relative to the handbook root, for diagnostics.
    pub path: String,
    pub text: String,
}

/// A handbook's strings for one language: `i18n/<language>.toml` at its root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringsFile {
    /// As diagnostics show it: `i18n/fr.toml`.
    pub path: String,
    /// The file name without `.toml`, lowercased (`pt-br`).
    pub language: String,
    pub text: String,
}

/// A handbook's theme files, as read from `themes/<name>/`, and its strings.
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    pub templates: Vec<TemplateFile>,
    /// Static files by name (`style.css`, `logo.svg`), overriding or adding to the defaults.
    pub statics: Vec<(String, Vec<u8>)>,
    /// The handbook's own strings, by language (`i18n/*.toml`).
    pub strings: Vec<StringsFile>,
}

/// Reads the theme `name` under `root/themes/`. The theme `default` may be absent (the
/// built-in one is used); any other name must exist.
pub fn read(root: &Path, name: &str) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let strings = read_strings(root);
    let theme = read_theme(root, name);
    match (theme, strings) {
        (Ok(mut files), Ok(strings)) => {
            files.strings = strings;
            Ok(files)
        }
        (Ok(_), Err(p)) | (Err(p), Ok(_)) => Err(p),
        (Err(mut p), Err(q)) => {
            p.extend(q);
            Err(p)
        }
    }
}

/// `i18n/*.toml` at the handbook's root: one file per language. A link must stay inside the
/// handbook.
fn read_strings(root: &Path) -> Result<Vec<StringsFile>, Vec<Diagnostic>> {
    let dir = root.join("i18n");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let inside = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut problems = Vec::new();
    // The folder itself may be a link: what it leads to must be in the handbook too.
    if dir.is_symlink()
        && let Some(problem) = super::link_problem(&dir, &inside, "the handbook")
    {
        problems.push(Diagnostic::new(Code::PathOutsideHandbook, problem).in_file("i18n"));
        return Err(problems);
    }
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Some(language) = name.strip_suffix(".toml") else {
            continue;
        };
        if super::is_ignored_name(&name) {
            continue;
        }
        let shown = format!("i18n/{name}");
        if path.is_symlink()
            && let Some(problem) = super::link_problem(&path, &inside, "the handbook")
        {
            problems.push(Diagnostic::new(Code::PathOutsideHandbook, problem).in_file(shown));
            continue;
        }
        match read_text(&path) {
            Ok(text) => files.push(StringsFile {
                path: shown,
                language: language.to_ascii_lowercase().replace('_', "-"),
                text,
            }),
            Err(d) => problems.push(d.in_file(shown)),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

fn read_theme(root: &Path, name: &str) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let dir = root.join("themes").join(name);
    let mut files = ThemeFiles::default();
    if !dir.is_dir() {
        if name == "default" {
            return Ok(files);
        }
        let config = std::fs::read_to_string(root.join(crate::config::FILE_NAME)).ok();
        let at = config.and_then(|text| crate::config::key_position(&text, "theme"));
        return Err(vec![
            Diagnostic::new(Code::UnknownTheme, format!("there is no theme folder `themes/{name}`"))
                .in_file(crate::config::FILE_NAME)
                .at(at)
                .with_hint("create themes/<name>/templates with the templates to override, or remove `theme` to use the default"),
        ]);
    }
    let mut problems = Vec::new();
    // The theme folder itself, or `themes/`, may be a link too: it must stay in `themes/` of
    // this handbook, or a build could read the previous build (`themes/default -> ../book`).
    let themes = root
        .canonicalize()
        .map(|r| r.join("themes"))
        .unwrap_or_default();
    let inside = dir.canonicalize().unwrap_or_else(|_| dir.clone());
    if !inside.starts_with(&themes) || inside == themes {
        return Err(vec![
            Diagnostic::new(
                Code::PathOutsideHandbook,
                format!(
                    "the theme folder `themes/{name}` leads to `{}`, outside the handbook's themes folder",
                    std::fs::read_link(&dir).unwrap_or_else(|_| inside.clone()).display()
                ),
            )
            .in_file(crate::config::FILE_NAME)
            .with_hint("keep the theme's files in themes/<name>/ itself, not behind a link"),
        ]);
    }
    let templates = dir.join("templates");
    let shown = format!("themes/{name}/templates");
    for entry in walk(&templates, &inside, &shown, &mut problems) {
        let rel = slash_path(entry.strip_prefix(&templates).unwrap_or(&entry));
        let display = format!("themes/{name}/templates/{rel}");
        if !rel.ends_with(".html") {
            continue;
        }
        match read_text(&entry) {
            Ok(text) => files.templates.push(TemplateFile {
                name: rel,
                path: display,
                text,
            }),
            Err(d) => problems.push(d.in_file(display)),
        }
    }
    let statics = dir.join("static");
    let shown = format!("themes/{name}/static");
    for entry in walk(&statics, &inside, &shown, &mut problems) {
        let rel = slash_path(entry.strip_prefix(&statics).unwrap_or(&entry));
        match std::fs::read(&entry) {
            Ok(bytes) => files.statics.push((rel, bytes)),
            Err(e) => problems.push(
                Diagnostic::new(Code::UnreadableFile, format!("cannot be read: {e}"))
                    .in_file(format!("themes/{name}/static/{rel}")),
            ),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Files under `dir`, sorted, skipping hidden and editor files. A symbolic link is followed
/// when it leads inside the theme folder `inside` (canonical); otherwise it is a problem.
fn walk(dir: &Path, inside: &Path, shown: &str, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut refused = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && super::is_ignored_name(&e.file_name().to_string_lossy()) {
                return false;
            }
            if e.path_is_symlink()
                && let Some(problem) = super::link_problem(e.path(), inside, "the theme's folder")
            {
                let rel = slash_path(e.path().strip_prefix(dir).unwrap_or(e.path()));
                refused.push(
                    Diagnostic::new(Code::PathOutsideHandbook, problem)
                        .in_file(format!("{shown}/{rel}"))
                        .with_hint(
                            "a link in a theme must lead to a file inside the theme's folder: \
                             copy the file there, or remove the link",
                        ),
                );
                return false;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(err) if err.loop_ancestor().is_some() => {
                let rel = err
                    .path()
                    .map(|p| slash_path(p.strip_prefix(dir).unwrap_or(p)))
                    .unwrap_or_default();
                problems.push(
                    Diagnostic::new(
                        Code::UnreadableFile,
                        "this symbolic link makes a loop and is skipped",
                    )
                    .in_file(format!("{shown}/{rel}")),
                );
            }
            // A missing templates or static folder is fine.
            Err(_) => {}
        }
    }
    problems.append(&mut refused);
    files
}
