//! Search quality and the shared text rules, run through the browser's own search code
//! (search.js) in Node.

mod support;

use std::process::Command;

use serde_json::Value;
use support::{Book, repo};

/// `node` with the arguments, or `None` (locally) when Node is not installed.
fn node(args: &[&str]) -> Option<Value> {
    let found = Command::new("node").arg("--version").output().is_ok();
    if !found {
        support::skip(
            "a search.js test",
            "no node on PATH (apt-get install nodejs)",
        );
        return None;
    }
    let out = Command::new("node")
        .arg(repo().join("tests/search/run.js"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn the_browser_folds_splits_and_stems_like_the_indexer() {
    let cases = repo().join("tests/search/text-cases.json");
    let Some(got) = node(&["text", cases.to_str().unwrap()]) else {
        return;
    };
    let want: Value = serde_json::from_str(&std::fs::read_to_string(&cases).unwrap()).unwrap();
    let (got, want) = (got.as_array().unwrap(), want.as_array().unwrap());
    // An engine that returned nothing would otherwise pass every case.
    assert!(want.len() >= 10, "only {} cases", want.len());
    assert_eq!(got.len(), want.len(), "one answer per case");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g["terms"], w["terms"], "input {}", w["input"]);
    }
    // The Rust side checks the same file in src/search/text.rs.
}

/// The queries of `tests/search/<file>` run on the built `book` through search.js, each with
/// its answer (at least `least` of them), or `None` without Node.
fn run_queries(book: &Book, file: &str, least: usize) -> Option<Vec<(Value, Value)>> {
    let queries = repo().join("tests/search").join(file);
    let site = book.path().join("book");
    let results = node(&["queries", site.to_str().unwrap(), queries.to_str().unwrap()])?;
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(&queries).unwrap()).unwrap();
    let expected = expected.as_array().unwrap().clone();
    assert!(expected.len() >= least, "only {} queries", expected.len());
    let results = results.as_array().unwrap().clone();
    assert_eq!(results.len(), expected.len(), "one answer per query");
    Some(expected.into_iter().zip(results).collect())
}

#[test]
fn realistic_queries_find_their_page_in_the_top_three() {
    let book = Book::shipped();
    book.build();
    let Some(answers) = run_queries(&book, "queries.json", 30) else {
        return;
    };
    let mut misses = Vec::new();
    for (q, r) in &answers {
        let top: Vec<&str> = r["top"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap())
            .collect();
        if !top.contains(&q["expect"].as_str().unwrap()) {
            misses.push(format!(
                "{} -> {:?} (wanted {})",
                q["query"], top, q["expect"]
            ));
        }
    }
    assert!(misses.is_empty(), "{misses:#?}");
}

/// Words inside Chinese, Japanese and Korean runs, Russian endings, the Arabic article and
/// Persian typed without its joiner are found, and only the match is marked, not the whole
/// sentence. (The term rules themselves are shared cases in text-cases.json.)
#[test]
fn every_script_finds_its_words() {
    let book = Book::fixture("multilingual");
    assert_eq!(book.build().code, 0);
    let Some(answers) = run_queries(&book, "multilingual-queries.json", 15) else {
        return;
    };
    let mut misses = Vec::new();
    for (q, r) in &answers {
        let top = &r["top"];
        if !top.as_array().unwrap().contains(&q["expect"]) {
            misses.push(format!("{} -> {top} (wanted {})", q["query"], q["expect"]));
        }
        if !q["marked"].is_null() && q["marked"] != r["marked"] {
            misses.push(format!(
                "{} marks {} (wanted {})",
                q["query"], r["marked"], q["marked"]
            ));
        }
    }
    assert!(misses.is_empty(), "{misses:#?}");
}

#[test]
fn facets_count_and_filter() {
    let book = Book::shipped();
    book.build();
    let site = book.path().join("book");
    let queries = book.path().join("q.json");
    std::fs::write(
        &queries,
        r#"[{"query": "production"}, {"query": "production", "filters": {"kind": [0]}}, {"query": "production", "filters": {"kind": [0], "level": [3]}}, {"query": "production", "filters": {"role": [1]}}]"#,
    )
    .unwrap();
    let Some(results) = node(&["queries", site.to_str().unwrap(), queries.to_str().unwrap()])
    else {
        return;
    };
    let all = &results[0];
    let kinds = all["facets"]["kind"].as_object().unwrap();
    let questions = kinds["0"].as_u64().unwrap();
    assert!(questions >= 3, "{kinds:?}");
    assert!(
        all["total"].as_u64().unwrap() > questions,
        "pages match too"
    );
    let questions_only = &results[1];
    assert_eq!(questions_only["total"].as_u64().unwrap(), questions);
    // `all` holds for no results: there must be some.
    let top = questions_only["top"].as_array().unwrap();
    assert!(!top.is_empty(), "no results");
    assert!(
        top.iter()
            .all(|u| u.as_str().unwrap().starts_with("questions/")),
        "{top:?}"
    );
    // A facet's own counts ignore its own selection, so readers can widen it again.
    assert_eq!(questions_only["facets"]["kind"], all["facets"]["kind"]);
    let lead_questions = &results[2];
    let leads = all["facets"]["level"]["3"].as_u64().unwrap();
    assert!(leads < questions);
    assert_eq!(lead_questions["total"].as_u64().unwrap(), leads);
    // Roles: a document can have several; the role facet counts each.
    let first_role = &results[3];
    let in_role = all["facets"]["role"]["1"].as_u64().unwrap();
    assert!(0 < in_role && in_role < questions, "{:?}", all["facets"]);
    assert_eq!(first_role["total"].as_u64().unwrap(), in_role);
    assert_eq!(first_role["facets"]["role"], all["facets"]["role"]);
    assert_eq!(
        first_role["facets"]["kind"]["0"].as_u64().unwrap(),
        in_role,
        "only questions belong to roles"
    );
}

/// Retired questions are left out of results until the reader picks their kind; the kind's
/// count shows they are there.
#[test]
fn retired_questions_are_found_only_when_asked_for() {
    let book = Book::shipped();
    book.build();
    let site = book.path().join("book");
    let retired = 5; // Kind::Retired, after question, page, scorecard, checklist, role.
    let queries = book.path().join("q.json");
    std::fs::write(
        &queries,
        format!(
            r#"[{{"query": "limits"}}, {{"query": "limits", "filters": {{"kind": [{retired}]}}}}, {{"query": "limits", "filters": {{"kind": [0, {retired}]}}}}]"#
        ),
    )
    .unwrap();
    let Some(results) = node(&["queries", site.to_str().unwrap(), queries.to_str().unwrap()])
    else {
        return;
    };
    let urls = |r: &Value| -> Vec<String> {
        r["top"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap().to_owned())
            .collect()
    };
    let retired_page = "questions/orm-limits.html";
    assert!(
        !urls(&results[0]).contains(&retired_page.to_owned()),
        "{:?}",
        results[0]
    );
    assert_eq!(
        results[0]["facets"]["kind"][retired.to_string()].as_u64(),
        Some(1),
        "the kind counts what it would bring back: {:?}",
        results[0]["facets"]
    );
    // Not in the default results past the top three either: the total is the other kinds'.
    let others: u64 = results[0]["facets"]["kind"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(kind, _)| **kind != retired.to_string())
        .map(|(_, n)| n.as_u64().unwrap())
        .sum();
    assert!(others >= 2, "{:?}", results[0]["facets"]);
    assert_eq!(
        results[0]["total"].as_u64(),
        Some(others),
        "{:?}",
        results[0]
    );
    assert_eq!(urls(&results[1]), [retired_page]);
    assert_eq!(results[1]["total"].as_u64(), Some(1));
    assert!(urls(&results[2]).contains(&retired_page.to_owned()));
}

/// The paths of every file of the search index, from its manifest.
fn index_files(site: &std::path::Path) -> (Value, Vec<String>) {
    let home = support::Page::parse(&std::fs::read_to_string(site.join("index.html")).unwrap());
    let manifest = home.attr("html", "data-search-index");
    assert_eq!(manifest, "static/search-index.js");
    let text = std::fs::read_to_string(site.join(&manifest)).unwrap();
    let json: Value = serde_json::from_str(
        text.trim_end()
            .strip_prefix("__hirebookSearch.manifest(")
            .and_then(|t| t.strip_suffix(");"))
            .expect("a manifest script"),
    )
    .unwrap();
    // The manifest names files by the part between `search-` and `.js`.
    let path = |name: &Value| format!("static/search-{}.js", name.as_str().unwrap());
    let mut files = vec![manifest, path(&json["facets_file"])];
    for key in ["chunks", "vocab", "doc_files"] {
        for entry in json[key].as_array().unwrap() {
            files.push(path(entry.as_array().unwrap().last().unwrap()));
        }
    }
    for file in &files {
        assert!(site.join(file).is_file(), "{file} is missing");
    }
    (json, files)
}

fn bytes(dir: &std::path::Path, files: &[String]) -> u64 {
    files
        .iter()
        .map(|f| std::fs::metadata(dir.join(f)).unwrap().len())
        .sum()
}

fn tree_bytes(dir: &std::path::Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len())
        .sum()
}

#[test]
fn the_index_is_built_from_the_model_into_script_files() {
    let book = Book::shipped();
    book.build();
    let site = book.path().join("book");
    let (manifest, files) = index_files(&site);
    assert_eq!(manifest["facets"]["kinds"][0]["id"], "question");
    assert_eq!(manifest["facets"]["topics"].as_array().unwrap().len(), 10);
    for file in &files {
        let text = std::fs::read_to_string(site.join(file)).unwrap();
        assert!(
            text.starts_with("__hirebookSearch."),
            "{file} is not a classic script"
        );
    }
    // A small handbook's index is dominated by fixed costs and keeps whole questions as
    // excerpts (so every match can be shown), but stays near its content's size.
    let (index, content) = (
        bytes(&site, &files),
        tree_bytes(&book.path().join("content")),
    );
    assert!(index < content * 2, "index {index} vs content {content}");
    // Small enough to be loaded whole when the search box is focused.
    assert_eq!(manifest["preload"], "all");
}

#[test]
fn a_mid_sized_handbook_preloads_its_terms_only() {
    let book = Book::synthetic(100);
    book.build();
    let (manifest, files) = index_files(&book.path().join("book"));
    assert_eq!(manifest["preload"], "terms");
    let site = book.path().join("book");
    let terms: Vec<String> = files
        .iter()
        .filter(|f| f.contains("search-t") || f.contains("search-v"))
        .cloned()
        .collect();
    // No file by those names would weigh nothing.
    assert!(terms.len() >= 2, "{files:?}");
    assert!(bytes(&site, &terms) <= 160 * 1024);
}

#[test]
fn a_large_handbook_gets_a_chunked_index_well_under_its_content() {
    let book = Book::synthetic(600);
    book.build();
    let site = book.path().join("book");
    let (manifest, files) = index_files(&site);
    assert!(
        manifest["chunks"].as_array().unwrap().len() > 1,
        "one big chunk"
    );
    let (index, content) = (
        bytes(&site, &files),
        tree_bytes(&book.path().join("content")),
    );
    assert!(index < content / 2, "index {index} vs content {content}");
    // Loaded a file at a time as queries need them.
    assert_eq!(manifest["preload"], "none");
    // No single file a query may load is large.
    for file in &files {
        let size = std::fs::metadata(site.join(file)).unwrap().len();
        assert!(size < 80 * 1024, "{file} is {size} bytes");
    }
}
