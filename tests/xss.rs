//! Untrusted content: the usual XSS payloads (tests/xss/payloads.txt) in every place content
//! reaches a page — bodies, titles, front-matter values and lists, code-block languages,
//! headings, topics, roles, scorecards, checklists — and none survives into the built site,
//! with raw HTML escaped (the default) or sanitised (`allow-html = true`).

mod support;

use std::path::Path;

use support::Book;
use support::xss::check_html;

fn payloads() -> Vec<String> {
    std::fs::read_to_string(support::repo().join("tests/xss/payloads.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// A YAML scalar holding `s` exactly (JSON strings are YAML).
fn y(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// A handbook with every payload in every place content can go.
fn hostile(allow_html: bool) -> Book {
    let book = Book::fixture("minimal");
    let p = payloads();
    book.write(
        "book.toml",
        &format!("[book]\ntitle = \"Hostile\"\n[output.html]\nallow-html = {allow_html}\n"),
    );
    let mut body = String::from("## Payloads\n\n");
    for (i, payload) in p.iter().enumerate() {
        body.push_str(&format!(
            "{payload}\n\n- item {payload}\n\n> quote {payload}\n\n| a | b |\n|---|---|\n| {payload} | x |\n\n```{lang}\n{payload}\n```\n\n### Heading {i} {payload}\n\n*emphasis {payload}* `code {payload}`\n\n",
            lang = payload.replace(['\n', '`'], "")
        ));
    }
    for (i, payload) in p.iter().enumerate() {
        book.write(
            &format!("content/questions/x/xss-{i}.md"),
            &format!(
                "---\ntitle: {t}\ntopic: incidents\nlevel: [senior]\ndimensions: [communication]\nstrong:\n  - {t}\n  - plain\ngood_sign: {t}\nred_flag: {t}\nfollow_ups: [{t}]\ntags: [{t}]\n---\n\n{body}",
                t = y(payload),
                body = if i == 0 { body.as_str() } else { payload.as_str() },
            ),
        );
    }
    let first = &p[0];
    book.write(
        "content/topics.yaml",
        &format!(
            "database:\n  title: {t}\n  description: {t}\nincidents:\n  title: Incidents\n  description: {t}\n",
            t = y(first)
        ),
    );
    book.write(
        "content/guide/hostile.md",
        &format!(
            "---\ntitle: {t}\ndescription: {t}\n---\n\n{body}",
            t = y(first)
        ),
    );
    let all: Vec<String> = (0..p.len()).map(|i| format!("xss-{i}")).collect();
    book.write(
        "content/roles/hostile.yaml",
        &format!(
            "title: {t}\nsummary: {t}\nscorecard: engineer\nchecklists: [hostile]\nrounds:\n  - name: {t}\n    minutes: 600\n    focus: {t}\n    questions: [{q}]\n",
            t = y(first),
            q = all.join(", ")
        ),
    );
    book.write(
        "content/checklists/hostile.yaml",
        &format!(
            "title: {t}\nintro: {t}\nitems:\n  - title: {t}\n    why: {t}\n    instead: {t}\n",
            t = y(first)
        ),
    );
    book.write(
        "content/scorecards/hostile.yaml",
        &format!(
            "title: {t}\ndescription: {t}\nscale: {{ min: 1, max: 5, labels: {{ 1: {t} }} }}\ndimensions:\n  - id: hostile\n    name: {t}\n    description: {t}\n    anchors: {{ 1: {t}, 3: {t}, 5: {t} }}\nrecommendation: [{t}]\n",
            t = y(first)
        ),
    );
    book
}

fn check_site(site: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let (mut pages, mut blocks) = (0, 0);
    for entry in walkdir::WalkDir::new(site).into_iter().flatten() {
        let path = entry.path();
        let rel = path.strip_prefix(site).unwrap().display().to_string();
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if rel.ends_with(".html") {
            pages += 1;
            check_html(&rel, &text, &mut problems);
            if text.contains("<p>49</p>") || text.contains(">49 ") {
                problems.push(format!(
                    "{rel}: a template expression in content was evaluated"
                ));
            }
        } else if (rel.contains("packet-") || rel.contains("planner-q-")) && rel.ends_with(".js") {
            // Packet blocks (the scorecard and checklist sheets in packet-meta, each question's
            // block in its planner-q bucket) are HTML the planner inserts: check them as HTML.
            let json = text
                .trim_start_matches(|c| c != '(')
                .trim_start_matches('(')
                .trim_end()
                .trim_end_matches(");");
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            let mut fragments = Vec::new();
            // A bucket's `questions` are data (titles set as text); its `blocks` are HTML.
            let html = if rel.contains("planner-q-") {
                &value["blocks"]
            } else {
                &value
            };
            collect_strings(html, &mut fragments);
            for fragment in fragments {
                blocks += 1;
                check_html(
                    &rel,
                    &format!("<!DOCTYPE html><html><body>{fragment}</body></html>"),
                    &mut problems,
                );
            }
        }
    }
    assert!(pages > 40, "only {pages} pages were built");
    // One block per hostile question at least.
    let wanted = payloads().len();
    assert!(blocks >= wanted, "only {blocks} packet blocks were checked");
    problems
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

#[test]
fn no_payload_survives_with_raw_html_escaped() {
    let book = hostile(false);
    let run = book.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("H0601"), "raw HTML is reported");
    let problems = check_site(&book.path().join("book"));
    assert!(problems.is_empty(), "{problems:#?}");
    // Escaped, the payloads are visible as text to readers.
    let page = book.page("questions/xss-0.html");
    assert!(page.text("#notes").contains("<script>alert(1)</script>"));
    assert!(page.text("#notes").contains("{{ 7*7 }}"));
}

#[test]
fn no_payload_survives_sanitising() {
    let book = hostile(true);
    // Raw HTML's links are checked like Markdown's: `<img src=x>` must find a file `x`.
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    let errors: Vec<&serde_json::Value> =
        found.iter().filter(|d| d["severity"] == "error").collect();
    assert!(!errors.is_empty());
    for e in &errors {
        assert_eq!(e["code"], "H0105", "{e}");
        assert!(
            e["message"]
                .as_str()
                .unwrap()
                .ends_with("/x`, which does not exist"),
            "{e}"
        );
    }
    // With a file `x` beside every page that names one, the payloads build, and none survives.
    for folder in ["content/questions/x", "content/guide"] {
        book.write(&format!("{folder}/x"), "not an image");
    }
    let run = book.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let problems = check_site(&book.path().join("book"));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn hostile_link_urls_fail_the_build_and_write_nothing() {
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "java\tscript:alert(1)",
    ] {
        let book = Book::fixture("minimal");
        book.edit(
            "content/questions/incident.md",
            "(db/orm.md)",
            &format!("(<{url}>)"),
        );
        book.write(
            "content/guide/img.md",
            &format!("---\ntitle: Img\n---\n![x](<{url}>)\n"),
        );
        let run = book.run(&["build"]);
        assert_eq!(run.code, 1, "{url}: {}", run.stderr);
        assert_eq!(
            run.stderr.matches("H0602").count(),
            2,
            "{url}: {}",
            run.stderr
        );
        assert!(!book.path().join("book").exists());
    }
}

#[test]
fn the_checker_catches_what_it_looks_for() {
    let mut problems = Vec::new();
    check_html(
        "sample",
        r#"<!DOCTYPE html><html><body><p onclick="x()">a</p><script>alert(1)</script><a href=" JavaScript:alert(1)">b</a><iframe src="https://x"></iframe><b style="color:red">c</b><form action="/steal"></form></body></html>"#,
        &mut problems,
    );
    assert_eq!(problems.len(), 6, "{problems:#?}");
}
