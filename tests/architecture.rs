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
        let rest = &text[i + 7..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::X, b::{Y, Z}}`: the first name of each top-level item.
            let mut depth = 0;
            let mut item_start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        item_start = false;
                        let name = module_name(&group[j..]);
                        if !name.is_empty() {
                            found.insert(name);
                        }
                    }
                    _ => {}
                }
            }
            continue;
        }
        let name = module_name(rest);
        if !name.is_empty() {
            found.insert(name);
        }
    }
    found
}

/// The module name `text` starts with.
fn module_name(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
        .collect()
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
        // Unit tests may reach anywhere: the test module is left out (a test-only helper
        // elsewhere in the file is not, nor is what follows it).
        let code = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or(&text);
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
    let grouped = imports("use crate::{\n    diag::{Code, Diagnostic},\n    render::Page,\n};");
    assert_eq!(grouped.into_iter().collect::<Vec<_>>(), ["diag", "render"]);
}
