//! Reading a handbook's own theme folder (`themes/<name>/templates`, `themes/<name>/static`).

use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::render::theme::{TemplateFile, ThemeFiles};

use super::{read_text, slash_path};

/// Reads the theme `name` under `root/themes/`. The theme `default` may be absent (the
/// built-in one is used); any other name must exist.
pub fn read(root: &Path, name: &str) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let dir = root.join("themes").join(name);
    let mut files = ThemeFiles::default();
    if !dir.is_dir() {
        if name == "default" {
            return Ok(files);
        }
        return Err(vec![
            Diagnostic::new(Code::UnknownTheme, format!("there is no theme folder `themes/{name}`"))
                .in_file(crate::config::FILE_NAME)
                .with_hint("create themes/<name>/templates with the templates to override, or remove `theme` to use the default"),
        ]);
    }
    let mut problems = Vec::new();
    let templates = dir.join("templates");
    for entry in walk(&templates) {
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
    for entry in walk(&statics) {
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

/// Files under `dir`, sorted, skipping hidden and editor files.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !super::is_ignored_name(&e.file_name().to_string_lossy())
        })
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}
