//! Broken handbooks (tests/bad-input/): each case is the minimal fixture with some files
//! replaced (and any listed in `remove` deleted), and `expected` holds the exact diagnostics
//! `hirebook check` must give, one per line: `CODE severity file[:line:col] message`. An
//! empty `expected` means the input must work without a single diagnostic.
//!
//! Whatever the input, hirebook must answer with diagnostics: never a panic, never a hang
//! (each case runs under a deadline), never unbounded memory. Cases with a `generated` file
//! are built here, because their input cannot be committed as it is (50 MB, invalid UTF-8,
//! symlinks).
//!
//! `UPDATE_BAD_INPUT=1 cargo test --test bad_input` rewrites the `expected` files.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{Book, copy_tree, repo};

const DEADLINE: Duration = Duration::from_secs(30);

fn generate(name: &str, book: &Book) {
    let root = book.path();
    match name {
        "not-utf8" => {
            std::fs::write(
                root.join("content/questions/incident.md"),
                b"---\ntitle: Caf\xe9 au lait\ntopic: incidents\nstrong: [x]\n---\n",
            )
            .unwrap();
        }
        "huge-file" => {
            let mut text = String::from("---\ntitle: Huge\ntopic: incidents\nstrong: [x]\n---\n");
            let line = "All work and no play makes Jack a dull boy. ".repeat(20) + "\n";
            while text.len() < 50 * 1024 * 1024 {
                text.push_str(&line);
            }
            std::fs::write(root.join("content/questions/huge.md"), text).unwrap();
        }
        "symlink-loop" => {
            std::os::unix::fs::symlink(
                root.join("content/guide"),
                root.join("content/guide/again"),
            )
            .unwrap();
        }
        // Links are relative, as `ln -s ../...` makes them, so that messages are the same on
        // every machine.
        "symlink-leading-out" => {
            book.outside("outside.md", "---\ntitle: Outside\n---\nsecret");
            link(
                "../../../outside.md",
                &root.join("content/guide/outside.md"),
            );
        }
        "symlink-to-secrets-in-the-handbook" => {
            // Inside the handbook folder, but not content: a `.env` beside book.toml, the
            // repository's git config, the whole .git folder.
            std::fs::write(root.join(".env"), "SECRET=1").unwrap();
            std::fs::create_dir_all(root.join(".git")).unwrap();
            std::fs::write(root.join(".git/config"), "[core]").unwrap();
            link("../.env", &root.join("content/env.txt"));
            link("../../.git/config", &root.join("content/guide/config.md"));
            link("../.git", &root.join("content/repo"));
        }
        "symlink-to-hidden-content" => {
            std::fs::write(root.join("content/.draft.md"), "---\ntitle: Draft\n---\n").unwrap();
            link(".draft.md", &root.join("content/draft.md"));
        }
        "symlink-into-the-build-dir" => {
            std::fs::create_dir_all(root.join("book")).unwrap();
            link("../book", &root.join("content/b"));
        }
        "symlink-leading-nowhere" => {
            link("missing.md", &root.join("content/guide/gone.md"));
        }
        "symlink-in-a-theme" => {
            std::fs::create_dir_all(root.join("themes/mine/static")).unwrap();
            std::fs::write(root.join(".env"), "SECRET=1").unwrap();
            link("../../../.env", &root.join("themes/mine/static/env.txt"));
        }
        "theme-folder-is-a-link" => {
            // Each build would read the previous one as its theme.
            std::fs::create_dir_all(root.join("book/static")).unwrap();
            std::fs::create_dir_all(root.join("themes")).unwrap();
            link("../book", &root.join("themes/default"));
        }
        "config-content-dir-is-git" => {
            std::fs::create_dir_all(root.join(".git")).unwrap();
            std::fs::write(
                root.join(".git/config"),
                "url = https://user:token@example.com",
            )
            .unwrap();
        }
        "file-name-with-a-line-break" => {
            std::fs::write(root.join("content/guide/two\nlines.png"), "png").unwrap();
        }
        "symlink-inside-content" => {
            // A link that stays in the content folder would publish a page twice: skipped.
            link("start.md", &root.join("content/guide/begin.md"));
        }
        other => panic!("no generator for {other}"),
    }
}

fn link(target: &str, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Runs `hirebook check --format json`, killing it at the deadline.
fn check(book: &Book) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hirebook"))
        .args(["check", "--format", "json"])
        .current_dir(book.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let output = child.wait_with_output().unwrap();
            return (
                status.code().unwrap_or(-1),
                String::from_utf8_lossy(&output.stdout).into_owned(),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            );
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("hirebook check did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn line_of(d: &serde_json::Value) -> String {
    let mut at = d["file"].as_str().unwrap_or("").to_owned();
    if let (Some(line), Some(col)) = (d["line"].as_u64(), d["column"].as_u64()) {
        at.push_str(&format!(":{line}:{col}"));
    }
    format!(
        "{} {} {} {}",
        d["code"].as_str().unwrap(),
        d["severity"].as_str().unwrap(),
        at,
        d["message"].as_str().unwrap()
    )
}

fn run_case(dir: &Path) -> Result<(), String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let book = Book::fixture("minimal");
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if matches!(file.as_str(), "expected" | "remove" | "generated") {
            continue;
        }
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &book.path().join(&file));
        } else {
            std::fs::copy(entry.path(), book.path().join(&file)).unwrap();
        }
    }
    if let Ok(remove) = std::fs::read_to_string(dir.join("remove")) {
        for path in remove.lines().filter(|l| !l.is_empty()) {
            std::fs::remove_file(book.path().join(path)).unwrap();
        }
    }
    if dir.join("generated").exists() {
        generate(
            name.split_once('-').map_or(name.as_str(), |(_, n)| n),
            &book,
        );
    }
    let (code, stdout, stderr) = check(&book);
    if stderr.contains("panicked") || !(0..=2).contains(&code) {
        return Err(format!("{name}: crashed (exit {code}):\n{stderr}"));
    }
    let lines: Vec<String> = stdout
        .lines()
        .map(|l| line_of(&serde_json::from_str(l).unwrap()))
        .collect();
    let actual = if lines.is_empty() {
        String::new()
    } else {
        lines.join("\n") + "\n"
    };
    let errors = lines
        .iter()
        .filter(|l| l.split(' ').nth(1) == Some("error"))
        .count();
    if (errors > 0) != (code == 1) {
        return Err(format!("{name}: exit {code} with {errors} errors"));
    }
    if std::env::var_os("UPDATE_BAD_INPUT").is_some() {
        std::fs::write(dir.join("expected"), &actual).unwrap();
    }
    let expected =
        std::fs::read_to_string(dir.join("expected")).unwrap_or_else(|_| "<missing>".into());
    if actual != expected {
        return Err(format!(
            "{name}:\n  expected: {expected:?}\n  actual:   {actual:?}"
        ));
    }
    Ok(())
}

#[test]
fn every_broken_handbook_gets_its_exact_diagnostics() {
    let mut dirs: Vec<_> = std::fs::read_dir(repo().join("tests/bad-input"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 40, "only {} cases", dirs.len());
    let failures: Vec<String> = dirs.iter().filter_map(|d| run_case(d).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether `line` names a Rust type or speaks serde's words.
fn speaks_rust(line: &str) -> bool {
    const RUST: &[&str] = &[
        "u8",
        "u16",
        "u32",
        "u64",
        "usize",
        "i32",
        "i64",
        "isize",
        "f64",
        "String",
        "Vec<",
        "Option<",
        "struct ",
        "enum ",
        "invalid type:",
        "expected a sequence",
        "expected a map",
        "serde",
        "newtype",
        "tuple",
    ];
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric() && c != '<')
        .collect();
    RUST.iter().any(|r| {
        if r.contains([' ', ':', '<']) {
            line.contains(r)
        } else {
            words.contains(r)
        }
    })
}

/// Editors never see Rust: no message of any broken handbook names a Rust type or speaks
/// serde's words.
#[test]
fn no_message_speaks_rust() {
    let mut lines = 0;
    let mut speaking = Vec::new();
    for entry in std::fs::read_dir(repo().join("tests/bad-input"))
        .unwrap()
        .flatten()
    {
        let Ok(expected) = std::fs::read_to_string(entry.path().join("expected")) else {
            continue;
        };
        for line in expected.lines() {
            lines += 1;
            if speaks_rust(line) {
                speaking.push(line.to_owned());
            }
        }
    }
    assert!(lines > 60, "only {lines} messages read");
    assert!(
        speaking.is_empty(),
        "messages in Rust's words:\n{}",
        speaking.join("\n")
    );
}

/// The class behind `no_message_speaks_rust`: every field of every file of the shipped
/// handbook, given each kind of wrong value in turn (a huge number, a negative one, one past
/// 32 bits, a fraction, a word, a list, a map, a boolean, nothing, an empty text), and every
/// map given a stray key (and maps keyed by scores a score too large, a negative one, a
/// word). Each run's messages must be plain words, and every error must say where it is.
#[test]
fn every_wrong_value_in_every_field_is_told_in_plain_words() {
    use hirebook::config::Config;
    use hirebook::source::{self, SourceKind};
    use serde_yaml::Value;

    const WRONG: &[&str] = &[
        "99999999999999999999",
        "-3",
        "4294967296",
        "1.5",
        "ten",
        "[a, b]",
        "{a: 1}",
        "true",
        "~",
        "''",
    ];
    /// Every path to a node of `value`, and for maps whether they are keyed by numbers.
    fn paths(value: &Value, at: &mut Vec<Value>, out: &mut Vec<(Vec<Value>, bool)>) {
        match value {
            Value::Mapping(map) => {
                let numbered = map.keys().any(Value::is_number);
                out.push((at.clone(), numbered));
                for (k, v) in map {
                    at.push(k.clone());
                    paths(v, at, out);
                    at.pop();
                }
            }
            Value::Sequence(items) => {
                out.push((at.clone(), false));
                // The items of a list are alike: the first stands for all.
                if let Some(first) = items.first() {
                    at.push(Value::from(0u64));
                    paths(first, at, out);
                    at.pop();
                }
            }
            _ => out.push((at.clone(), false)),
        }
    }
    fn node<'a>(value: &'a mut Value, path: &[Value]) -> &'a mut Value {
        path.iter().fold(value, |v, seg| match v {
            Value::Sequence(items) => &mut items[seg.as_u64().unwrap() as usize],
            Value::Mapping(map) => map.get_mut(seg).unwrap(),
            _ => unreachable!(),
        })
    }

    let root = repo();
    let config = Config::load(&root).unwrap();
    let mut sources = source::load(&root, &config).unwrap();
    // Bodies are not what this test is about, and rendering them in every run is most of its
    // time: each Markdown file keeps its front matter and one line of text.
    for file in &mut sources.files {
        if let Some(rest) = file.text.strip_prefix("---\n")
            && let Some((yaml, _)) = rest.split_once("\n---\n")
        {
            file.text = format!("---\n{yaml}\n---\nText.\n");
            file.len = file.text.len();
        }
    }
    // A placeholder that YAML serialises as it is, replaced by the raw wrong value after.
    const MARK: &str = "wrong-value-goes-here";
    let mut runs = 0;
    let mut told = 0;
    let mut failures = Vec::new();
    for (i, file) in sources.files.iter().enumerate() {
        let (front, yaml, body) = match file.kind {
            SourceKind::Question | SourceKind::Page => {
                let Some(rest) = file.text.strip_prefix("---\n") else {
                    continue;
                };
                let (yaml, body) = rest.split_once("\n---\n").unwrap();
                (true, yaml, body)
            }
            _ => (false, file.text.as_str(), ""),
        };
        let body = body.to_owned();
        let tree: Value = serde_yaml::from_str(yaml).unwrap();
        let mut all = Vec::new();
        paths(&tree, &mut Vec::new(), &mut all);
        let mut variants: Vec<(String, String)> = Vec::new();
        for (path, numbered) in &all {
            if !path.is_empty() {
                for wrong in WRONG {
                    let mut t = tree.clone();
                    *node(&mut t, path) = Value::from(MARK);
                    let text = serde_yaml::to_string(&t).unwrap().replace(MARK, wrong);
                    variants.push((format!("{path:?} = {wrong}"), text));
                }
            }
            let mut keys = vec!["zzz-stray".to_owned()];
            if *numbered {
                keys.extend(["300", "-1", "high"].map(str::to_owned));
            }
            for key in keys {
                let mut t = tree.clone();
                if let Value::Mapping(map) = node(&mut t, path) {
                    map.insert(Value::from(MARK), Value::from("x"));
                    let text = serde_yaml::to_string(&t).unwrap().replace(MARK, &key);
                    variants.push((format!("{path:?} + key {key}"), text));
                }
            }
        }
        for (what, yaml) in variants {
            runs += 1;
            let mut broken = sources.clone();
            let text = if front {
                format!("---\n{yaml}---\n{body}")
            } else {
                yaml
            };
            broken.files[i].len = text.len();
            broken.files[i].text = text;
            let (_, mut found) = hirebook::model::load(config.clone(), &broken);
            hirebook::diag::suggest::resolve(&mut found);
            told += usize::from(found.iter().any(|d| d.is_error()));
            for d in &found {
                let said = format!("{} {}", d.message, d.hint.as_deref().unwrap_or(""));
                if speaks_rust(&said) {
                    failures.push(format!("{} {what}: speaks Rust: {said}", file.path));
                }
                if d.is_error() && d.file.is_some() && d.position.is_none() {
                    failures.push(format!("{} {what}: no position: {said}", file.path));
                }
            }
        }
    }
    assert!(runs > 1000, "only {runs} variants");
    // Most wrong values are errors (some are fine: a number where text is wanted): a `load`
    // that found nothing would pass every check above.
    assert!(
        told * 2 > runs,
        "only {told} of {runs} variants were told as errors"
    );
    failures.sort();
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} problems, e.g.:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}
