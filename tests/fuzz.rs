//! Fuzzing front matter + Markdown → model → HTML, in process (property tests).
//!
//! For any input, with raw HTML escaped or sanitised: no panic; and if the handbook builds,
//! no page holds a script, event handler, dangerous URL or style from content, and every link
//! is relative or uses an allowed scheme. The seed corpus (tests/fuzz/corpus/) always runs;
//! generated inputs mix Markdown and YAML syntax with the XSS payloads.
//!
//!     PROPTEST_CASES=20000 cargo test --release --test fuzz      # a long run
//!
//! Failing inputs are kept in tests/fuzz/regressions.txt and replayed first.

mod support;

use hirebook::config::Config;
use hirebook::model;
use hirebook::output::MemorySink;
use hirebook::render::{self, RenderOptions, theme::Theme};
use hirebook::source::{SourceFile, SourceKind, Sources};
use proptest::prelude::*;
use proptest::test_runner::{Config as PropConfig, FileFailurePersistence};

/// Runs one question file through the whole pipeline; returns what went wrong, if anything, or
/// how many pages were checked (none when the input was refused with diagnostics).
fn pipeline(question: &str, allow_html: bool) -> Result<usize, String> {
    let config = Config::from_toml(&format!(
        "[book]\ntitle = \"Fuzz\"\n[output.html]\nallow-html = {allow_html}\n"
    ))
    .map_err(|e| format!("config: {e:?}"))?;
    let sources = Sources {
        files: vec![
            SourceFile::in_memory(
                "content/guide/page.md",
                "guide/page.md",
                SourceKind::Page,
                format!(
                    "---\ntitle: Page\n---\n{}",
                    question.split("\n---\n").last().unwrap_or("")
                ),
            ),
            SourceFile::in_memory(
                "content/questions/q.md",
                "questions/q.md",
                SourceKind::Question,
                question.to_owned(),
            ),
        ],
        ..Sources::default()
    };
    let (handbook, _diagnostics) = model::load(config, &sources);
    let Some(handbook) = handbook else {
        return Ok(0);
    };
    static THEME: std::sync::OnceLock<Theme> = std::sync::OnceLock::new();
    let theme = THEME.get_or_init(|| {
        Theme::new(&Default::default(), "en", false).expect("the default theme compiles")
    });
    let sink = MemorySink::default();
    render::render(&handbook, theme, &RenderOptions::default(), &sink)
        .map_err(|e| format!("render: {e:?}"))?;
    let mut problems = Vec::new();
    let mut pages = 0;
    for (path, bytes) in sink.into_site() {
        if path.ends_with(".html") {
            pages += 1;
            problems.extend(support::xss::problems(
                &path,
                &String::from_utf8_lossy(&bytes),
            ));
        }
    }
    if pages == 0 {
        problems.push("a handbook that loaded rendered no page".to_owned());
    }
    if problems.is_empty() {
        Ok(pages)
    } else {
        Err(problems.join("\n"))
    }
}

#[test]
fn the_seed_corpus_passes() {
    let dir = support::repo().join("tests/fuzz/corpus");
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 10);
    // A seed the model refuses (with diagnostics) is checked for nothing but a panic, so which
    // seeds reach the pages is part of the expectation: these four hold an error on purpose
    // (`javascript:` links, anchors and tags, empty required fields).
    const REFUSED: [&str; 4] = [
        "02-nested.md",
        "06-links.md",
        "07-yaml-tricks.md",
        "09-empty-bits.md",
    ];
    for seed in &seeds {
        let text = std::fs::read_to_string(seed).unwrap();
        let name = seed.file_name().unwrap().to_string_lossy();
        for allow_html in [false, true] {
            let pages = pipeline(&text, allow_html)
                .unwrap_or_else(|e| panic!("{name} (allow-html = {allow_html}):\n{e}"));
            let refused = REFUSED.contains(&&*name);
            assert_eq!(
                pages == 0,
                refused,
                "{name} (allow-html = {allow_html}): {pages} pages"
            );
        }
    }
}

const MARKDOWN_BITS: &[&str] = &[
    "# ",
    "## ",
    "\n",
    "\n\n",
    "*",
    "**",
    "_",
    "`",
    "```",
    "~~~",
    "> ",
    "- ",
    "1. ",
    "| a | b |\n|---|---|\n",
    "[",
    "]",
    "(",
    ")",
    "![",
    "<",
    ">",
    "&",
    "&#106;",
    "\"",
    "'",
    "\\",
    "[^1]",
    "[^1]: ",
    "- [ ] ",
    "- [x] ",
    "~~",
    "{#id}",
    "{.c}",
    "---",
    "    ",
    "\t",
    "https://example.org",
    "javascript:alert(1)",
    "data:text/html,x",
    "../faq.md",
    "#anchor",
    "é",
    "日本",
    "\u{202e}",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:x\">",
    "<svg onload=x>",
    "<div style=\"x\">",
    "</div>",
    "<!--",
    "-->",
    "<details>",
    "hirebook-root:",
    "{{ x }}",
    "{% raw %}",
    "word ",
];

const YAML_BITS: &[&str] = &[
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "&a ",
    "*a",
    "&b [x, y] ",
    "[*a, *a, *a]",
    "<<: *a",
    "!!str ",
    "!!binary ",
    "!custom ",
    "!!python/object:os.system ",
    "|",
    ">",
    "#",
    "\n",
    "  ",
    "\t",
    "null",
    "~",
    "1",
    "0x1",
    "true",
    "title",
    "topic",
    "strong",
    "level",
    "senior",
    "minutes",
    "tags",
    "<script>alert(1)</script>",
    "?",
    "%",
    "@",
    "`",
    "é",
    "\\u0000",
];

fn pieces(bits: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(bits), 0..max).prop_map(|v| v.concat())
}

fn question() -> impl Strategy<Value = String> {
    let hostile = prop::sample::select(
        std::fs::read_to_string(support::repo().join("tests/xss/payloads.txt"))
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect::<Vec<_>>(),
    );
    (
        pieces(YAML_BITS, 12),
        hostile.clone(),
        prop::collection::vec(hostile, 0..3),
        pieces(MARKDOWN_BITS, 60),
        0..3u8,
        pieces(YAML_BITS, 12),
    )
        .prop_map(|(yaml_noise, title, strong, body, shape, more_noise)| {
            if shape == 2 {
                // Valid keys, hostile values: anchors, aliases, merge keys and tags where
                // lists and text are expected.
                return format!(
                    "---\ntitle: &a {}\ntopic: general\nstrong: {yaml_noise}\nfollow_ups: {more_noise}\n---\n{body}",
                    serde_json::to_string(&title).unwrap()
                );
            }
            if shape == 0 {
                // Valid front matter, so the body reaches the renderer.
                let list: Vec<String> = strong
                    .iter()
                    .map(|s| serde_json::to_string(s).unwrap())
                    .collect();
                format!(
                    "---\ntitle: {}\ntopic: general\nstrong: [{}]\nfollow_ups: [{}]\n---\n{body}",
                    serde_json::to_string(&title).unwrap(),
                    if list.is_empty() {
                        "\"x\"".to_owned()
                    } else {
                        list.join(", ")
                    },
                    list.join(", ")
                )
            } else {
                format!("---\ntitle: {yaml_noise}\n---\n{body}")
            }
        })
}

proptest! {
    #![proptest_config(PropConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(300),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/fuzz/regressions.txt"))),
        ..PropConfig::default()
    })]

    #[test]
    fn any_input_builds_safely_or_fails_cleanly(text in question(), allow_html in any::<bool>()) {
        let result = std::panic::catch_unwind(|| pipeline(&text, allow_html));
        match result {
            Ok(Ok(_)) => {}
            Ok(Err(problems)) => prop_assert!(false, "{problems}\ninput: {text:?}"),
            Err(_) => prop_assert!(false, "panicked on {text:?}"),
        }
    }
}

/// The property above holds trivially for inputs the model refuses: enough generated inputs
/// must reach the renderer for it to say anything about pages.
#[test]
fn generated_inputs_reach_the_renderer() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = question();
    let rendered = (0..100)
        .filter(|_| {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            pipeline(&text, false).is_ok_and(|pages| pages > 0)
        })
        .count();
    // 36 of these 100 do today.
    assert!(
        rendered >= 20,
        "{rendered} of 100 generated inputs built pages"
    );
}
