//! Two audiences from one source: the candidates' edition holds only what is shared with
//! candidates, and not a byte of the answer key, in any output file (pages, search index, data
//! files, comments); links that would break in one edition are found by `check`.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use support::{Book, broken_links};

/// Each diagnostic of `check --format json` as `H0112 file:line message`.
fn told(found: &[serde_json::Value]) -> Vec<String> {
    found
        .iter()
        .map(|d| {
            format!(
                "{} {}:{} {}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"],
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

/// Every output file of a site, as text (lossy for binary files), with its path.
fn files(site: &Path) -> Vec<(String, String)> {
    let found: Vec<(String, String)> = walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(site).unwrap();
            let bytes = fs::read(e.path()).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect();
    assert!(
        found.len() > 5,
        "{} holds {} files",
        site.display(),
        found.len()
    );
    found
}

/// `text` as a reader would find words in it: HTML tags dropped, entities and JSON escapes
/// decoded, Markdown marks dropped, whitespace collapsed, lowercase.
fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("\\\"", "\"")
        .replace("\\u0027", "'")
        .replace("\\n", " ");
    decoded
        .chars()
        .filter(|c| !matches!(c, '`' | '*' | '_'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The interviewer-only strings of the shipped handbook, read from its sources (not from
/// hirebook's model, so that a field the model forgot to mark is still looked for).
fn interviewer_only(book: &Book) -> Vec<String> {
    let mut secrets = Vec::new();
    let content = book.path().join("content");
    let yaml = |text: &str| -> serde_yaml::Value { serde_yaml::from_str(text).unwrap() };
    let push_str = |v: &serde_yaml::Value, out: &mut Vec<String>| {
        if let Some(s) = v.as_str() {
            out.push(s.to_owned());
        }
        if let Some(list) = v.as_sequence() {
            out.extend(list.iter().filter_map(|s| s.as_str().map(str::to_owned)));
        }
        if let Some(map) = v.as_mapping() {
            out.extend(map.values().filter_map(|s| s.as_str().map(str::to_owned)));
        }
    };
    for entry in walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let rel = path
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = fs::read_to_string(path).unwrap();
        if rel.starts_with("questions/") {
            let (front, body) = text[4..].split_once("\n---\n").unwrap();
            let q = yaml(front);
            for field in ["strong", "good_sign", "red_flag", "follow_ups", "tags"] {
                push_str(&q[field], &mut secrets);
            }
            if q["audience"].as_str() != Some("both") {
                push_str(&q["title"], &mut secrets);
            }
            secrets.extend(
                body.lines()
                    .filter(|l| !l.starts_with('#'))
                    .map(str::to_owned),
            );
        } else if rel.starts_with("scorecards/") {
            let s = yaml(&text);
            push_str(&s["description"], &mut secrets);
            push_str(&s["reminder"], &mut secrets);
            push_str(&s["recommendation"], &mut secrets);
            push_str(&s["scale"]["labels"], &mut secrets);
            for d in s["dimensions"].as_sequence().unwrap() {
                push_str(&d["anchors"], &mut secrets);
            }
        } else if rel.starts_with("checklists/") {
            let c = yaml(&text);
            assert!(
                c["audience"].is_null(),
                "the test expects interviewers' checklists"
            );
            push_str(&c["title"], &mut secrets);
            push_str(&c["intro"], &mut secrets);
            for item in c["items"].as_sequence().unwrap() {
                for field in ["title", "why", "instead"] {
                    push_str(&item[field], &mut secrets);
                }
            }
        } else if rel.starts_with("roles/") {
            let r = yaml(&text);
            push_str(&r["summary"], &mut secrets);
            for round in r["rounds"].as_sequence().unwrap() {
                push_str(&round["focus"], &mut secrets);
            }
        } else if rel.ends_with(".md") {
            let (front, body) = text[4..].split_once("\n---\n").unwrap();
            let page = yaml(front);
            let whole = page["audience"].as_str() == Some("interviewers");
            let mut inside = false;
            for line in body.lines() {
                match line.trim() {
                    "<!-- interviewers-only -->" => inside = true,
                    "<!-- /interviewers-only -->" => inside = false,
                    l if (inside || whole) && !l.starts_with('#') && !l.is_empty() => {
                        secrets.push(l.to_owned())
                    }
                    _ => {}
                }
            }
        }
    }
    // Markdown links keep their words, not their targets; short strings say too little.
    let link = |s: &str| {
        let mut out = String::new();
        let mut rest = s;
        while let Some(open) = rest.find("](") {
            out.push_str(&rest[..open]);
            rest = &rest[open + 2..];
            rest = rest.find(')').map_or("", |close| &rest[close + 1..]);
        }
        out.push_str(rest);
        out.replace('[', "")
    };
    let mut secrets: Vec<String> = secrets
        .iter()
        .map(|s| words(&link(s)))
        .map(|s| s.trim_start_matches(['-', ' ', ':']).trim().to_owned())
        .filter(|s| s.len() >= 16)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    secrets.retain(|s| !s.starts_with("<!--"));
    secrets
}

#[test]
fn the_shipped_candidates_edition_holds_not_one_interviewer_only_string() {
    let book = Book::shipped();
    let run = book.build();
    assert!(
        run.stderr
            .contains("into ./book-candidates (candidates' edition)"),
        "{}",
        run.stderr
    );
    let secrets = interviewer_only(&book);
    // The sources hold the answer key: the test reads it, or it would pass on nothing.
    assert!(
        secrets.len() > 150,
        "{} interviewer-only strings",
        secrets.len()
    );
    let interviewers = files(&book.path().join("book"));
    let all_interviewers: String = interviewers.iter().map(|(_, t)| words(t)).collect();
    let found_in_interviewers = secrets
        .iter()
        .filter(|s| all_interviewers.contains(s.as_str()))
        .count();
    // The same normalisation finds them in the interviewers' edition, so a miss below means
    // absent, not unrecognisable.
    assert!(
        found_in_interviewers * 10 >= secrets.len() * 9,
        "only {found_in_interviewers} of {} found in the interviewers' edition",
        secrets.len()
    );
    let mut leaks = Vec::new();
    for (file, text) in files(&book.path().join("book-candidates")) {
        let raw = text.to_lowercase();
        let read = words(&text);
        for secret in &secrets {
            if read.contains(secret.as_str()) || raw.contains(secret.as_str()) {
                leaks.push(format!("{file}: {secret}"));
            }
        }
        // No page of the interviewers' edition only is linked or named.
        for page in [
            "roles/index.html",
            "packet.html",
            "print.html",
            "question-reviews",
            "planner",
        ] {
            if file.ends_with(".html") && raw.contains(page) {
                leaks.push(format!("{file}: names {page}"));
            }
        }
        for id in [
            "orm-vs-raw-sql",
            "api-design",
            "interviewer-mistakes",
            "using-questions",
        ] {
            if raw.contains(id) {
                leaks.push(format!("{file}: names {id}"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "interviewer-only text in the candidates' edition:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn the_shipped_candidates_edition_is_useful_on_its_own() {
    let book = Book::shipped();
    book.build();
    let site = book.path().join("book-candidates");
    assert_eq!(broken_links(&site), Vec::<String>::new());
    for absent in [
        "roles/index.html",
        "roles/packet.html",
        "roles/score.html",
        "roles/senior-architect/score.html",
        "debrief.html",
        "print.html",
        "question-reviews.html",
        "guide/using-questions.html",
        "checklists/interviewer-mistakes.html",
        "questions/orm-vs-raw-sql.html",
        "roles/senior-architect/packet.html",
    ] {
        assert!(
            !site.join(absent).exists(),
            "{absent} is in the candidates' edition"
        );
    }
    assert!(
        !fs::read_dir(site.join("static")).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("planner")),
        "the planner's script is in the candidates' edition"
    );
    // The scripts' words: those of search and the pages candidates have, not the scoring
    // page's or the planner's (the interviewers' edition has them all).
    let words = |dir: &std::path::Path| {
        fs::read_dir(dir.join("static"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("strings-")
            })
            .map(|p| fs::read_to_string(p).unwrap())
            .unwrap()
    };
    let theirs = words(&site);
    let ours = words(&book.path().join("book"));
    for text in [
        "Forget this candidate",
        "Score this round",
        "Print packet",
        "Red flag:",
        "What strong answers cover",
    ] {
        assert!(
            !theirs.contains(text),
            "{text} is in the candidates' strings"
        );
        assert!(
            ours.contains(text),
            "{text} is not in the interviewers' strings"
        );
    }
    assert!(theirs.contains("\"search.no_results\""), "{theirs}");
    let page = |rel: &str| support::Page::parse(&fs::read_to_string(site.join(rel)).unwrap());
    // The process: each role's rounds and their times, no questions.
    let role = page("roles/senior-architect.html");
    let rounds = role.texts(".round h2");
    assert!(rounds.len() >= 2, "{rounds:?}");
    assert!(
        role.all(".question-list, .question-item, .actions")
            .is_empty()
    );
    assert!(role.text(".lead").contains("decisions you have made"));
    // Each round with its time.
    let times = role.texts(".round .meta");
    assert_eq!(times.len(), rounds.len(), "{times:?}");
    assert!(times.iter().all(|m| m.ends_with("min")), "{times:?}");
    // What is assessed: every dimension's name and description, no anchors or scale.
    let scorecard = page("scorecards/django-engineer.html");
    assert_eq!(scorecard.all(".dimension h2").len(), 7);
    assert!(
        scorecard
            .all(".anchors, .scale, .recommendation")
            .is_empty()
    );
    assert!(scorecard.text(".lead").contains("same dimensions"));
    // Two sample questions, with their notes.
    let samples = page("questions/index.html");
    assert_eq!(samples.all(".question-list li").len(), 2);
    let sample = page("questions/production-incident.html");
    assert!(sample.text(".lead").contains("Choose an incident"));
    assert!(
        sample
            .all("#strong, #signals, #follow-ups, #notes")
            .is_empty()
    );
    // The FAQ in its candidates' edition, the interview process and the team setups.
    let faq = fs::read_to_string(site.join("faq.html")).unwrap();
    assert!(faq.contains("How should I prepare?") && !faq.contains("staff augmentation"));
    assert!(site.join("guide/interview-process.html").exists());
    assert!(site.join("guide/team-setup.html").exists());
    let home = page("index.html");
    assert_eq!(home.text("title"), "Interviewing for Django roles");
    assert!(home.text("main").contains("Thank you for your interest"));
    // The interviewers' edition keeps everything, without the candidates' welcome.
    let interviewers = fs::read_to_string(book.path().join("book/index.html")).unwrap();
    assert!(
        interviewers.contains("Where to start")
            && !interviewers.contains("Thank you for your interest")
    );
    let faq = fs::read_to_string(book.path().join("book/faq.html")).unwrap();
    assert!(faq.contains("staff augmentation") && !faq.contains("How should I prepare?"));
}

/// A handbook whose every interviewer-only field holds a word of its own (`zqk...`), and whose
/// shared fields hold `shared...` words.
fn marked_book() -> Book {
    let book = Book::empty();
    book.write(
        "book.toml",
        "[book]\ntitle = \"Marked\"\n\n[audience.candidates]\ntitle = \"Marked for candidates\"\n",
    )
    .write(
        "content/topics.yaml",
        "design:\n  title: Design\n  description: zqktopicdescription\nsecret:\n  title: Zqktopictitle\n",
    )
    .write(
        "content/questions/sample.md",
        "---\ntitle: Sharedsampletitle question\ntopic: design\nminutes: 12\ndimensions: [craft]\n\
         strong: [zqkstrong point]\ngood_sign: zqkgoodsign\nred_flag: zqkredflag\n\
         follow_ups: [zqkfollowup]\ntags: [zqktag]\naudience: both\n\
         candidate_note: Sharedcandidatenote for you\nlast_reviewed: 2026-01-01\n---\n\n\
         ## Zqkheading\n\nZqkbody notes. <!-- zqkcomment -->\n",
    )
    .write(
        "content/questions/hidden.md",
        "---\ntitle: Zqkhiddentitle question\ntopic: secret\ndimensions: [craft]\n\
         strong: [zqkhiddenstrong]\n---\n\nZqkhiddenbody.\n",
    )
    .write(
        "content/scorecards/card.yaml",
        "title: Sharedcardtitle\ndescription: zqkcarddescription\naudience: both\n\
         candidate_note: Sharedcardnote\nscale: {min: 1, max: 3, labels: {1: Zqklabel}}\n\
         recommendation: [Zqkrecommendation, Hire]\nreminder: zqkreminder\n\
         dimensions:\n  - id: craft\n    name: Sharedcraftname\n    description: Sharedcraftdescription\n\
         \x20   anchors: {1: zqkanchorlow, 2: zqkanchormid, 3: zqkanchorhigh}\n",
    )
    .write(
        "content/checklists/list.yaml",
        "title: Zqkchecklisttitle\nintro: zqkintro\nitems:\n  - title: zqkitem\n    why: zqkwhy\n",
    )
    .write(
        "content/roles/role.yaml",
        "title: Sharedroletitle\nsummary: zqksummary\naudience: both\ncandidate_note: Sharedrolenote\n\
         scorecard: card\nchecklists: [list]\nrounds:\n  - name: Sharedroundname\n    minutes: 45\n\
         \x20   focus: zqkfocus\n    questions: [sample, hidden]\n    dimensions: [craft]\n",
    )
    .write(
        "content/roles/secret-role.yaml",
        "title: Zqksecretrole\nsummary: zqksecretsummary\nrounds:\n  - name: Zqksecretround\n    minutes: 30\n    questions: [hidden]\n",
    )
    .write(
        "content/index.md",
        "---\ntitle: Home\n---\n\nSharedhome text.\n\n<!-- interviewers-only -->\n## Zqksectionheading\n\n\
         Zqksection text, see [the plan](roles/index.html) and [hidden](questions/hidden.md).\n\
         <!-- /interviewers-only -->\n\n<!-- candidates-only -->\n## Welcome\n\nSharedwelcome.\n\
         <!-- /candidates-only -->\n",
    )
    .write(
        "content/guide/secret.md",
        "---\ntitle: Zqkguidetitle\naudience: interviewers\ndescription: zqkguidedescription\n---\n\nZqkguidebody.\n",
    )
    .write(
        "content/guide/open.md",
        "---\ntitle: Sharedguide\n---\n\nSharedguidebody, see [the card](../scorecards/card.yaml).\n",
    );
    book
}

#[test]
fn no_interviewer_only_field_reaches_any_candidates_output_file() {
    let book = marked_book();
    book.build();
    let candidates = files(&book.path().join("book-candidates"));
    let interviewers = files(&book.path().join("book"));
    // Every marked field is in the interviewers' edition (so each one is a real probe)...
    let everything: String = interviewers.iter().map(|(_, t)| t.to_lowercase()).collect();
    for word in [
        "zqkstrong",
        "zqkgoodsign",
        "zqkredflag",
        "zqkfollowup",
        "zqktag",
        "zqkheading",
        "zqkbody",
        "zqkhiddentitle",
        "zqkhiddenbody",
        "zqkcarddescription",
        "zqklabel",
        "zqkrecommendation",
        "zqkreminder",
        "zqkanchorlow",
        "zqkchecklisttitle",
        "zqkitem",
        "zqkwhy",
        "zqksummary",
        "zqkfocus",
        "zqksecretrole",
        "zqksectionheading",
        "zqksection",
        "zqkguidetitle",
        "zqkguidebody",
        "zqktopicdescription",
    ] {
        assert!(
            everything.contains(word),
            "{word} is not in the interviewers' edition"
        );
    }
    // ... and none is anywhere in the candidates' (search index, scripts, comments included).
    let leaks: Vec<String> = candidates
        .iter()
        .filter(|(_, text)| text.to_lowercase().contains("zqk"))
        .map(|(file, text)| {
            let at = text.to_lowercase().find("zqk").unwrap();
            format!(
                "{file}: …{}…",
                &text[at.saturating_sub(40)..(at + 30).min(text.len())]
            )
        })
        .collect();
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
    // What is shared is there.
    let shared: String = candidates.iter().map(|(_, t)| t.to_lowercase()).collect();
    for word in [
        "sharedsampletitle",
        "sharedcandidatenote",
        "sharedcardtitle",
        "sharedcardnote",
        "sharedcraftname",
        "sharedcraftdescription",
        "sharedroletitle",
        "sharedrolenote",
        "sharedroundname",
        "sharedhome",
        "sharedwelcome",
        "sharedguidebody",
    ] {
        assert!(
            shared.contains(word),
            "{word} is missing from the candidates' edition"
        );
    }
    assert!(
        !everything.contains("sharedwelcome"),
        "a candidates-only section in the interviewers' edition"
    );
    assert_eq!(
        broken_links(&book.path().join("book-candidates")),
        Vec::<String>::new()
    );
    assert_eq!(
        broken_links(&book.path().join("book")),
        Vec::<String>::new()
    );
}

#[test]
fn links_that_one_edition_would_break_are_errors_naming_both_ends() {
    let book = marked_book();
    // A shared page linking to an interviewer-only question and guide page, in text both
    // audiences read; the same link inside an interviewers-only section is fine.
    book.write(
        "content/guide/open.md",
        "---\ntitle: Open\n---\n\nSee [hidden](../questions/hidden.md).\n\n\
         <!-- interviewers-only -->\nAlso [secret](secret.md).\n<!-- /interviewers-only -->\n\n\
         And [secret](secret.md) again.\n",
    )
    .write(
        "content/guide/welcome.md",
        "---\ntitle: Welcome\naudience: candidates\n---\n\nWelcome.\n",
    )
    .write(
        "content/guide/internal.md",
        "---\ntitle: Internal\naudience: interviewers\n---\n\nSee [welcome](welcome.md).\n",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    let across: Vec<String> = found
        .iter()
        .filter(|d| d["code"] == "H0112")
        .map(|d| {
            format!(
                "{}:{}: {}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(across.len(), 3, "{across:#?}");
    assert!(across[0].starts_with("content/guide/internal.md:6: links to page `guide/welcome.md`, which is for candidates only"), "{across:#?}");
    assert!(
        across[1].starts_with(
            "content/guide/open.md:5: text that candidates read links to question `hidden`"
        ),
        "{across:#?}"
    );
    // Told at the link candidates read (line 11), not at the one in the section (line 8).
    assert!(
        across[2].starts_with(
            "content/guide/open.md:11: text that candidates read links to page `guide/secret.md`"
        ),
        "{across:#?}"
    );
    // Nothing was written, for either audience.
    assert_eq!(book.run(&["build"]).code, 1);
    assert!(!book.path().join("book").exists() && !book.path().join("book-candidates").exists());
}

#[test]
fn the_audience_flag_builds_one_edition_and_the_config_places_each() {
    let book = marked_book();
    let run = book.run(&["build", "--audience", "candidates"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(book.path().join("book-candidates/index.html").exists());
    assert!(
        !book.path().join("book").exists(),
        "--audience candidates built the interviewers' edition"
    );
    // --dest-dir names one folder: with two editions it needs --audience, and writes nothing.
    let run = book.run(&["build", "--dest-dir", "out"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("add --audience interviewers or --audience candidates"),
        "{}",
        run.stderr
    );
    assert!(!book.path().join("out").exists());
    let run = book.run(&["build", "--dest-dir", "out", "--audience", "interviewers"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(book.read("out/index.html").contains("Zqksection"));
    // Each edition's own build dir, title and site URL.
    book.write(
        "book.toml",
        "[book]\ntitle = \"Marked\"\n\n[audience.candidates]\ntitle = \"Careers\"\nbuild-dir = \"public\"\n\
         site-url = \"https://jobs.example.com/interviews/\"\n\n[audience.interviewers]\nbuild-dir = \"internal\"\n",
    );
    book.build();
    let home = book.read("public/index.html");
    assert!(home.contains("<title>Careers</title>"), "{home}");
    assert!(
        home.contains("https://jobs.example.com/interviews/"),
        "no canonical link"
    );
    assert!(
        book.read("internal/index.html")
            .contains("<title>Marked</title>")
    );
    // `clean` removes both editions' builds.
    let run = book.run(&["clean"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!book.path().join("public/index.html").exists());
    assert!(!book.path().join("internal/index.html").exists());
}

#[test]
fn an_edition_sharing_a_folder_with_the_other_is_refused_at_its_line() {
    for (dir, word) in [
        ("book", "is the same folder as `build.build-dir`"),
        ("book/candidates", "is a folder inside the build dir"),
        (".", "is a folder around the build dir"),
    ] {
        let book = marked_book();
        book.write(
            "book.toml",
            &format!("[book]\ntitle = \"T\"\n\n[audience.candidates]\nbuild-dir = \"{dir}\"\n"),
        );
        let (code, found) = book.check_json();
        assert_eq!(code, 1);
        let d = found
            .iter()
            .find(|d| {
                d["message"]
                    .as_str()
                    .unwrap()
                    .contains("audience.candidates.build-dir")
            })
            .unwrap_or_else(|| panic!("{dir}: {found:?}"));
        assert_eq!(d["line"], 5, "{d}");
        assert!(d["message"].as_str().unwrap().contains(word), "{d}");
    }
}

#[test]
fn marking_mistakes_are_told_with_their_fix() {
    let book = marked_book();
    book.edit(
        "content/questions/hidden.md",
        "strong:",
        "audience: candidates\nstrong:",
    )
    .edit(
        "content/checklists/list.yaml",
        "title:",
        "candidate_note: hi\ntitle:",
    )
    .edit(
        "content/guide/secret.md",
        "---\n\nZqkguidebody.",
        "---\n\n<!-- interviewers-only -->\nZqkguidebody.",
    )
    .edit(
        "content/roles/secret-role.yaml",
        "title:",
        "audience: candidates\ntitle:",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    let messages: Vec<String> = told(&found);
    let has = |s: &str| messages.iter().any(|m| m.contains(s));
    assert!(
        has("H0206 content/questions/hidden.md:5 a question is always for interviewers"),
        "{messages:#?}"
    );
    assert!(has("H0204 content/checklists/list.yaml:1"), "{messages:#?}");
    assert!(
        has("H0206 content/roles/secret-role.yaml:1 a role is always for interviewers"),
        "{messages:#?}"
    );
    assert!(
        has(
            "H0213 content/guide/secret.md:7 the `interviewers-only` section opened here is never closed"
        ),
        "{messages:#?}"
    );
}

#[test]
fn what_only_interviewers_read_stays_out_in_every_other_shape() {
    // Found by a break round: files linked only from interviewers' text, edit links to the
    // full source, the book's description, and dates.
    let book = marked_book();
    book.edit(
        "book.toml",
        "[book]\ntitle = \"Marked\"\n",
        "[book]\ntitle = \"Marked\"\ndescription = \"Zqkbookdescription\"\n\n[output.html]\nedit-url-template = \"https://example.com/edit/{path}\"\n",
    )
    .write("content/questions/key.txt", "ANSWER KEY zqkfile\n")
    .write("content/guide/shared.txt", "Shared file\n")
    .edit("content/questions/hidden.md", "Zqkhiddenbody.", "Zqkhiddenbody, see [key](key.txt).")
    .edit("content/guide/open.md", "Sharedguidebody", "See [the file](shared.txt). Sharedguidebody");
    // Dates come from git: without a repository neither edition would show one.
    support::git_repo(book.path(), "2026-11-30T12:00:00Z");
    book.build();
    // What the candidates must not get, the interviewers' edition has.
    let theirs: String = files(&book.path().join("book"))
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    for shown in [
        "Zqkbookdescription",
        "example.com/edit",
        "class=\"last-updated\"",
    ] {
        assert!(
            theirs.contains(shown),
            "the interviewers' edition lacks {shown}"
        );
    }
    let site = book.path().join("book-candidates");
    assert!(
        !site.join("questions/key.txt").exists(),
        "a file only interviewers' text links to"
    );
    assert!(
        site.join("guide/shared.txt").exists(),
        "a file a shared page links to"
    );
    assert!(book.path().join("book/questions/key.txt").exists());
    for (file, text) in files(&site) {
        assert!(!text.to_lowercase().contains("zqk"), "{file}");
        assert!(
            !text.contains("example.com/edit"),
            "{file} links to the source"
        );
        assert!(
            !text.contains("class=\"last-updated\""),
            "{file} shows a date"
        );
    }
}

#[test]
fn links_and_anchors_that_break_only_for_candidates_are_found() {
    let book = marked_book();
    // A retired sample is not a sample; a heading in an interviewers-only section is not
    // theirs; a link in a sample's note is told at the note, not where the target is first
    // named (in `strong`, which candidates never read).
    book.write(
        "content/questions/old.md",
        "---\ntitle: Old sample\ntopic: design\ndimensions: [craft]\nstrong:\n  - \"see [hidden](hidden.md)\"\n\
         audience: both\nstatus: retired\nretired_on: 2026-01-01\nreplaced_by: sample\n\
         candidate_note: Old, see [hidden](hidden.md).\n---\n",
    )
    .write(
        "content/guide/open.md",
        "---\ntitle: Open\n---\n\nSee [old](../questions/old.md) and [setup](../index.md#zqksectionheading).\n",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    let messages = told(&found);
    let has = |s: &str| messages.iter().any(|m| m.starts_with(s));
    assert!(
        has(
            "H0112 content/guide/open.md:5 text that candidates read links to question `old`, which is retired: only an active question is a sample: the link"
        ),
        "{messages:#?}"
    );
    assert!(
        has(
            "H0106 content/guide/open.md:5 links to `index.html#zqksectionheading`, a heading the candidates' edition does not have"
        ),
        "{messages:#?}"
    );
    assert!(
        !has("H0112 content/questions/old.md"),
        "a retired question's note is not read: {messages:#?}"
    );
    book.edit(
        "content/questions/old.md",
        "status: retired\nretired_on: 2026-01-01\nreplaced_by: sample\n",
        "",
    );
    let (_, found) = book.check_json();
    let note = found
        .iter()
        .find(|d| d["code"] == "H0112" && d["file"] == "content/questions/old.md")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        note["line"], 8,
        "told at `candidate_note:`, not in `strong`: {note}"
    );
}

#[test]
fn a_refused_candidates_folder_stops_both_editions_before_either_is_written() {
    let book = marked_book();
    book.write("book-candidates/notes.txt", "mine\n");
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the candidates' edition's folder (\"book-candidates\""),
        "{}",
        run.stderr
    );
    assert!(
        !book.path().join("book").exists(),
        "the interviewers' edition was written"
    );
    assert_eq!(book.read("book-candidates/notes.txt"), "mine\n");
    // Named by its key when book.toml gives it.
    book.edit(
        "book.toml",
        "title = \"Marked for candidates\"\n",
        "title = \"C\"\nbuild-dir = \"book-candidates\"\n",
    );
    let (code, found) = book.check_json();
    assert_eq!(code, 1);
    let d = found
        .iter()
        .find(|d| d["code"] == "H0005")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("`audience.candidates.build-dir` (\"book-candidates\")"),
        "{d}"
    );
    assert_eq!(d["line"], 6, "{d}");
    // A marker that is not one comment alone on its line is an error, not a section in both.
    let book = marked_book();
    book.edit(
        "content/index.md",
        "<!-- interviewers-only -->",
        "<!-- interviewers-only --> (internal)",
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[H0213]"), "{}", run.stderr);
    assert!(!book.path().join("book-candidates").exists() && !book.path().join("book").exists());
}

#[test]
fn the_answer_key_never_replaces_a_candidates_build() {
    let book = marked_book();
    let run = book.run(&["build", "--audience", "candidates"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = book.read("book-candidates/index.html");
    // By the command line...
    let run = book.run(&[
        "build",
        "--audience",
        "interviewers",
        "--dest-dir",
        "book-candidates",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("holds the candidates' edition"),
        "{}",
        run.stderr
    );
    assert_eq!(book.read("book-candidates/index.html"), before);
    // ... and by book.toml: the interviewers' folder named as the candidates' build.
    book.edit(
        "book.toml",
        "[audience.candidates]",
        "[audience.interviewers]\nbuild-dir = \"book-candidates\"\n\n[audience.candidates]\nbuild-dir = \"public\"",
    );
    let run = book.run(&["build", "--audience", "interviewers"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[H0005]"), "{}", run.stderr);
    assert_eq!(book.read("book-candidates/index.html"), before);
    // Removed on purpose, the folder takes the interviewers' edition.
    let run = book.run(&["clean", "--dest-dir", "book-candidates"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = book.run(&["build", "--audience", "interviewers"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        book.read("book-candidates/index.html")
            .contains("Zqksection")
    );
}
