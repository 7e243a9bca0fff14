//! Imports point down the pipeline: every module of `src/` names only modules of its own layer
//! or below (the order of docs/architecture.md). A stage that reached up would tie the
//! pipeline in a knot, as `session` → `cmd` and `search` ↔ `render` once did.

mod support;

use std::collections::BTreeSet;

/// From the bottom up.
const LAYERS: &[&[&str]] = &[
    &["error", "diag", "hash", "timings", "slug", "serde_errors"],
    &["config"],
    &["source"],
    &["markdown"],
    &["model"],
    &["output"],
    &["search"],
    &["render"],
    &["corpus"],
    &["pipeline"],
    &["watcher", "server"],
    &["cmd", "cli"],
    &["lib", "main"],
];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is in no layer: add it to LAYERS"))
}

/// The names `crate::NAME` in `text`.
fn imports(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = text[i + 7..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.insert(name);
        }
    }
    found
}

#[test]
fn no_module_imports_from_a_stage_above_it() {
    let src = support::repo().join("src");
    let mut checked = 0;
    let mut upward = Vec::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let module = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        let text = std::fs::read_to_string(path).unwrap();
        // Unit tests may reach anywhere.
        let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
        checked += 1;
        for name in imports(code) {
            if name != module && layer(&name) > layer(&module) {
                upward.push(format!("{} imports crate::{name}", rel.display()));
            }
        }
    }
    assert!(checked > 50, "only {checked} files read");
    assert!(
        upward.is_empty(),
        "imports that point up:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_import_reader_sees_imports() {
    let found = imports("use crate::output::Sink;\nlet x = crate::search::MANIFEST;\nmycrate::no");
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["output", "search"]);
}
