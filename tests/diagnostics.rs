//! One broken handbook per diagnostic code: each must produce exactly that code, at that
//! position, with that message. A test checks that every code in the catalogue has a case.

mod support;

use std::collections::BTreeSet;

use serde_json::Value;
use support::Book;

struct Case {
    code: &'static str,
    break_it: fn(&Book),
    file: &'static str,
    /// `(line, column)`, or `None` for a problem with the whole file.
    at: Option<(u64, u64)>,
    message: &'static str,
}

const Q: &str = "content/questions/incident.md";
const ORM: &str = "content/questions/db/orm.md";
const ROLE: &str = "content/roles/backend.yaml";
const SCORECARD: &str = "content/scorecards/engineer.yaml";

fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "H0001",
            break_it: |b| {
                b.write("book.toml", "[book\ntitle = \"T\"\n");
            },
            file: "book.toml",
            at: Some((1, 1)),
            message: "TOML syntax: this `[` is never closed",
        },
        Case {
            code: "H0002",
            break_it: |b| {
                b.edit("book.toml", "description =", "descripton =");
            },
            file: "book.toml",
            at: Some((3, 1)),
            message: "unknown key `descripton` (in `[book]`)",
        },
        Case {
            code: "H0003",
            break_it: |b| {
                b.write("book.toml", "[book]\ntitle = \"T\"\n[output.html]\nsite-url = \"https://example.org/our handbook/\"\n");
            },
            file: "book.toml",
            at: Some((4, 12)),
            message: "`output.html.site-url` must be an http(s) URL or a path, not `https://example.org/our handbook/`",
        },
        Case {
            code: "H0004",
            break_it: |b| {
                std::fs::write(b.path().join(Q), b"---\ntitle: caf\xe9\n---\n").unwrap();
            },
            file: Q,
            at: Some((2, 11)),
            message: "the file is not valid UTF-8 text",
        },
        Case {
            code: "H0005",
            break_it: |b| {
                b.edit(
                    "book.toml",
                    "[output.html]",
                    "[build]\nbuild-dir = \"content\"\n\n[output.html]",
                );
            },
            file: "book.toml",
            at: Some((6, 13)),
            message: "`build.build-dir` (\"content\") is the content folder itself",
        },
        Case {
            code: "H0006",
            break_it: |b| {
                b.outside("outside.md", "---\ntitle: x\n---\n");
                std::os::unix::fs::symlink("../../outside.md", b.path().join("content/leak.md"))
                    .unwrap();
            },
            file: "content/leak.md",
            at: None,
            message: "this symbolic link leads to `../../outside.md`, outside the content folder",
        },
        Case {
            code: "H0007",
            break_it: |b| {
                b.write("content/notes.yaml", "a: 1\n");
            },
            file: "content/notes.yaml",
            at: None,
            message: "hirebook does not read this file",
        },
        Case {
            code: "H0101",
            break_it: |b| {
                b.edit(ROLE, "[orm, incident]", "[orm, incidnet]");
            },
            file: ROLE,
            at: Some((9, 22)),
            message: "unknown question `incidnet`",
        },
        Case {
            code: "H0102",
            break_it: |b| {
                b.edit(
                    ORM,
                    "dimensions: [fundamentals]",
                    "dimensions: [fundamental]",
                );
            },
            file: ORM,
            at: Some((6, 14)),
            message: "unknown dimension `fundamental`",
        },
        Case {
            code: "H0103",
            break_it: |b| {
                b.edit(ROLE, "scorecard: engineer", "scorecard: enginer");
            },
            file: ROLE,
            at: Some((4, 12)),
            message: "unknown scorecard `enginer`",
        },
        Case {
            code: "H0104",
            break_it: |b| {
                b.edit(ROLE, "checklists: [mistakes]", "checklists: [mistake]");
            },
            file: ROLE,
            at: Some((5, 14)),
            message: "unknown checklist `mistake`",
        },
        Case {
            code: "H0105",
            break_it: |b| {
                b.edit(Q, "(db/orm.md)", "(db/orn.md)");
            },
            file: Q,
            at: Some((10, 10)),
            message: "link to `questions/db/orn.md`, which does not exist",
        },
        Case {
            code: "H0106",
            break_it: |b| {
                b.edit(Q, "(db/orm.md)", "(db/orm.md#why-ask)");
            },
            file: Q,
            at: Some((10, 10)),
            message: "content/questions/db/orm.md has no heading `#why-ask`",
        },
        Case {
            code: "H0107",
            break_it: |b| {
                b.edit(Q, "topic: incidents", "topic: incidnets");
            },
            file: Q,
            at: Some((3, 8)),
            message: "topic `incidnets` is not in topics.yaml",
        },
        Case {
            code: "H0108",
            break_it: |b| {
                // Both questions name its dimensions: one warning, at the first.
                b.write("content/scorecards/engineer.yaml", "title: [broken\n");
            },
            file: "content/questions/db/orm.md",
            at: Some((6, 14)),
            message: "dimensions are not checked while scorecard `engineer` has errors",
        },
        Case {
            code: "H0109",
            break_it: |b| {
                b.write(
                    "content/topics.yaml",
                    "database:\n  title: Database\n  weight: high\n",
                );
            },
            file: Q,
            at: Some((3, 8)),
            message: "topics are not checked while topics.yaml has errors",
        },
        Case {
            code: "H0201",
            break_it: |b| {
                b.write(Q, "title: no fences\n");
            },
            file: Q,
            at: Some((1, 1)),
            message: "the file does not start with `---` front matter",
        },
        Case {
            code: "H0202",
            break_it: |b| {
                b.write(Q, "---\ntitle: never closed\n");
            },
            file: Q,
            at: Some((1, 1)),
            message: "the front matter opened on line 1 is never closed",
        },
        Case {
            code: "H0203",
            break_it: |b| {
                b.edit(
                    Q,
                    "title: Tell me about a production incident.",
                    "title: [unclosed",
                );
            },
            file: Q,
            at: Some((2, 8)),
            message: "YAML syntax: this `[` is never closed",
        },
        Case {
            code: "H0204",
            break_it: |b| {
                b.edit(Q, "topic: incidents", "tpoic: incidents");
            },
            file: Q,
            at: Some((3, 1)),
            message: "unknown field `tpoic`",
        },
        Case {
            code: "H0205",
            break_it: |b| {
                b.edit(Q, "topic: incidents\n", "");
            },
            file: Q,
            at: Some((2, 1)),
            message: "missing required field `topic`",
        },
        Case {
            code: "H0206",
            break_it: |b| {
                b.edit(ORM, "minutes: 12", "minutes: twelve");
            },
            file: ORM,
            at: Some((5, 10)),
            message: "this must be a whole number from 1 to 240, not the text \"twelve\" (in `minutes`)",
        },
        Case {
            code: "H0207",
            break_it: |b| {
                b.write(
                    "content/checklists/My List.yaml",
                    "title: x\nitems:\n  - title: y\n",
                );
            },
            file: "content/checklists/My List.yaml",
            at: None,
            message: "`My List` is not a valid id (ids come from file names and become URLs)",
        },
        Case {
            code: "H0208",
            break_it: |b| {
                b.write(
                    "content/questions/other/incident.md",
                    "---\ntitle: Again\ntopic: incidents\nstrong: [x]\n---\n",
                );
            },
            file: "content/questions/other/incident.md",
            at: None,
            message: "question id `incident` is already used by content/questions/incident.md",
        },
        Case {
            code: "H0209",
            break_it: |b| {
                b.write("content/search.md", "---\ntitle: Search tips\n---\n");
            },
            file: "content/search.md",
            at: None,
            message: "this would be written to `search.html`, which hirebook generates",
        },
        Case {
            code: "H0210",
            break_it: |b| {
                b.edit(
                    Q,
                    "title: Tell me about a production incident.",
                    "title: &t Tell me about a production incident.\nsummary: *t",
                );
            },
            file: Q,
            at: Some((2, 8)),
            message: "YAML anchors (`&name`) are not supported",
        },
        Case {
            code: "H0301",
            break_it: |b| {
                b.edit(
                    SCORECARD,
                    "anchors: { 1: Guesses, 3: Solid, 5: Deep }",
                    "anchors: { 1: Guesses, 3: Solid, 6: Deep }",
                );
            },
            file: SCORECARD,
            at: Some((6, 38)),
            message: "anchor for score 6, outside the scale 1 to 5",
        },
        Case {
            code: "H0302",
            break_it: |b| {
                b.edit(SCORECARD, "  - id: communication", "  - id: fundamentals");
            },
            file: SCORECARD,
            at: Some((7, 9)),
            message: "dimension `fundamentals` is defined twice in this scorecard",
        },
        Case {
            code: "H0303",
            break_it: |b| {
                b.edit(ROLE, "[orm, incident]", "[orm, incident, orm]");
            },
            file: ROLE,
            at: Some((9, 32)),
            message: "question `orm` is named twice in round 1 (`Technical`)",
        },
        Case {
            code: "H0401",
            break_it: |b| {
                b.write(
                    "content/questions/spare.md",
                    "---\ntitle: A spare question\ntopic: incidents\nstrong: [x]\n---\n",
                );
            },
            file: "content/questions/spare.md",
            at: Some((2, 1)),
            message: "no role uses question `spare`",
        },
        Case {
            code: "H0402",
            break_it: |b| {
                b.edit(SCORECARD, "recommendation:", "  - id: api\n    name: API\n    anchors: { 1: a, 3: b, 5: c }\nrecommendation:");
            },
            file: SCORECARD,
            at: Some((10, 9)),
            message: "no question gives evidence for dimension `api`",
        },
        Case {
            code: "H0403",
            break_it: |b| {
                b.edit(ROLE, "minutes: 30", "minutes: 15");
            },
            file: ROLE,
            at: Some((8, 14)),
            message: "round `Technical` plans 22 minutes of questions in a 15-minute budget",
        },
        Case {
            code: "H0404",
            break_it: |b| {
                b.edit(
                    SCORECARD,
                    "anchors: { 1: Vague, 3: Clear, 5: Leads }",
                    "anchors: { 1: Vague }",
                );
            },
            file: SCORECARD,
            at: Some((7, 9)),
            message: "dimension `communication` has no behavioural anchor for 3 or 5",
        },
        Case {
            code: "H0405",
            break_it: |b| {
                b.edit(
                    Q,
                    "title: Tell me about a production incident.",
                    "title: When do you use the ORM and when raw SQL?",
                );
            },
            file: Q,
            at: Some((2, 8)),
            message: "question `incident` has the same title as `orm`",
        },
        Case {
            code: "H0407",
            break_it: |b| {
                b.edit(
                    "content/questions/incident.md",
                    "  - States the problem clearly",
                    "  - States the problem clearly\n  - TODO Second thing",
                );
            },
            file: "content/questions/incident.md",
            at: Some((8, 5)),
            message: "a `TODO` placeholder is left to fill in",
        },
        Case {
            code: "H0408",
            break_it: |b| {
                b.remove("content/topics.yaml");
                b.edit(ORM, "topic: database", "topic: incidents");
                b.write(
                    "content/questions/outage.md",
                    "---\ntitle: An outage\ntopic: incidnets\nstrong: [x]\n---\n",
                );
            },
            file: "content/questions/outage.md",
            at: Some((3, 8)),
            message: "topic `incidnets` is used by this question only; 2 questions use `incidents`",
        },
        Case {
            code: "H0110",
            break_it: |b| {
                b.edit(
                    Q,
                    "  - States the problem clearly\n",
                    "  - States the problem clearly\nstatus: retired\nreplaced_by: incidnet\n",
                );
            },
            file: Q,
            at: Some((9, 14)),
            message: "`replaced_by` names `incidnet`, which is not a question",
        },
        Case {
            code: "H0111",
            break_it: |b| {
                b.edit(
                    Q,
                    "  - States the problem clearly\n",
                    "  - States the problem clearly\nstatus: draft\n",
                );
                b.edit(
                    "content/guide/start.md",
                    "first.",
                    "first, then [the incident question](../questions/incident.md).",
                );
            },
            file: "content/guide/start.md",
            at: Some((6, 109)),
            message: "links to `incident`, a draft question, which a build without `--drafts` leaves out",
        },
        Case {
            code: "H0112",
            break_it: |b| {
                b.edit(
                    "book.toml",
                    "[book]",
                    "[audience.candidates]\nbuild-dir = \"public\"\n\n[book]",
                );
                // The home page links to the planning page: kept for interviewers.
                b.edit("content/index.md", "---\n", "---\naudience: interviewers\n");
            },
            file: "content/guide/start.md",
            at: Some((6, 41)),
            message: "text that candidates read links to question `orm`, which is for interviewers only: the link would be broken in the candidates' edition",
        },
        Case {
            code: "H0305",
            break_it: |b| {
                b.edit(
                    ROLE,
                    "questions: [orm, incident]",
                    "questions: [orm, {one_of: [incident]}]",
                );
            },
            file: ROLE,
            at: Some((9, 23)),
            message: "a `one_of` group needs two or more questions, not 1",
        },
        Case {
            code: "H0410",
            break_it: |b| {
                b.edit(
                    Q,
                    "  - States the problem clearly\n",
                    "  - States the problem clearly\nstatus: retired\n",
                );
            },
            file: ROLE,
            at: Some((9, 22)),
            message: "round 1 (`Technical`) still asks `incident`, which is retired",
        },
        Case {
            code: "H0411",
            break_it: |b| {
                b.edit(
                    Q,
                    "  - States the problem clearly\n",
                    "  - States the problem clearly\nstatus: draft\n",
                );
            },
            file: ROLE,
            at: None,
            message: "round 1 (`Technical`) asks `incident`, a draft question, which a build without `--drafts` leaves out",
        },
        Case {
            code: "H0412",
            break_it: |b| {
                b.edit(
                    "book.toml",
                    "[output.html]",
                    "[questions]\nreview-months = 6\n\n[output.html]",
                );
                b.edit(
                    Q,
                    "  - States the problem clearly\n",
                    "  - States the problem clearly\nlast_reviewed: 2026-01-05\n",
                );
            },
            file: Q,
            at: Some((8, 16)),
            message: "question `incident` was last reviewed on 2026-01-05: its review was due on 2026-07-05",
        },
        Case {
            code: "H0413",
            break_it: |b| {
                b.edit(
                    Q,
                    "  - States the problem clearly\n",
                    "  - States the problem clearly\nstatus: retired\nretired_on: 2999-01-05\n",
                );
            },
            file: Q,
            at: Some((9, 13)),
            message: "`retired_on` is 2999-01-05, a day still to come",
        },
        Case {
            code: "H0409",
            break_it: |b| {
                b.edit(
                    "content/roles/backend.yaml",
                    "    questions: [orm, incident]",
                    "    questions: [orm, incident]\n    dimensions: [fundamentals]",
                );
            },
            file: "content/roles/backend.yaml",
            at: Some((4, 12)),
            message: "no round of this role assesses dimension `communication`",
        },
        Case {
            code: "H0304",
            break_it: |b| {
                b.edit(
                    ROLE,
                    "checklists: [mistakes]",
                    "checklists: [mistakes, mistakes]",
                );
            },
            file: ROLE,
            at: Some((5, 24)),
            message: "checklist `mistakes` is already listed",
        },
        Case {
            code: "H0406",
            break_it: |b| {
                b.edit(
                    "content/topics.yaml",
                    "incidents:",
                    "unused:\n  title: Nobody\nincidents:",
                );
            },
            file: "content/topics.yaml",
            at: Some((4, 1)),
            message: "no question has topic `unused`",
        },
        Case {
            code: "H0501",
            break_it: |b| {
                b.write("themes/default/templates/topic.html", "{% extends \"base.html\" %}\n{% block content %}{{ page.title }\n{% endblock content %}");
            },
            file: "themes/default/templates/topic.html",
            at: Some((2, 34)),
            message: "template: Found `}` but expected }}.",
        },
        Case {
            code: "H0502",
            break_it: |b| {
                b.write("themes/default/templates/topic.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.missing.field }}\n{% endblock content %}");
            },
            file: "themes/default/templates/topic.html",
            at: Some((3, 9)),
            message: "template: Field `missing` is not defined. Available fields: description, href, id, pages, question_count, questions, title",
        },
        Case {
            code: "H0212",
            break_it: |b| {
                b.edit(Q, "See also", "<!-- TODO: rewrite\n\nSee also");
            },
            file: Q,
            at: Some((10, 1)),
            message: "this HTML comment never ends, so everything after it is hidden from readers",
        },
        Case {
            code: "H0213",
            break_it: |b| {
                b.edit(
                    "content/guide/start.md",
                    "## Scoring",
                    "<!-- interviewers-only -->\n## Scoring",
                );
            },
            file: "content/guide/start.md",
            at: Some((10, 1)),
            message: "the `interviewers-only` section opened here is never closed, so the rest of the page would be in it",
        },
        Case {
            code: "H0503",
            break_it: |b| {
                b.edit(
                    "book.toml",
                    "[output.html]",
                    "[build]\ntheme = \"fancy\"\n\n[output.html]",
                );
            },
            file: "book.toml",
            at: Some((6, 9)),
            message: "there is no theme folder `themes/fancy`",
        },
        Case {
            code: "H0504",
            break_it: |b| {
                b.write(
                    "i18n/en.toml",
                    "[nav]\nhome = \"Start\"\nmade_wiht = \"Built with hirebook\"\n",
                );
            },
            file: "i18n/en.toml",
            at: Some((3, 1)),
            message: "the theme has no string `nav.made_wiht`",
        },
        Case {
            code: "H0601",
            break_it: |b| {
                // Sanitised by default; shown as text (and told) in the strict mode.
                b.edit(
                    "book.toml",
                    "[output.html]",
                    "[output.html]\nallow-html = false",
                );
                b.edit(Q, "See also", "<b>See</b> also");
            },
            file: Q,
            at: Some((10, 1)),
            message: "raw HTML is shown as text",
        },
        Case {
            code: "H0602",
            break_it: |b| {
                b.edit(Q, "(db/orm.md)", "(javascript:alert(1))");
            },
            file: Q,
            at: Some((10, 10)),
            message: "links with the `javascript:` scheme are not allowed",
        },
        Case {
            code: "H0603",
            break_it: |b| {
                b.write(
                    "content/questions/db/diagram.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
                );
            },
            file: "content/questions/db/diagram.svg",
            at: Some((1, 1)),
            message: "this SVG file has an event handler (`onload=`), which runs a script: published as it is, it would run in readers' browsers",
        },
        Case {
            code: "H0211",
            break_it: |b| {
                // A 1,000-column header over 60 one-cell rows: 61,000 cells from 5 KB.
                let table = format!(
                    "\n\n|{}\n|{}\n{}",
                    "a|".repeat(1000),
                    "-|".repeat(1000),
                    "x\n".repeat(60)
                );
                b.edit(Q, "See also", &format!("{table}\nSee also"));
            },
            file: Q,
            at: Some((12, 1)),
            message: "this text has more than 50000 table cells, the most one file may have",
        },
        Case {
            code: "H0604",
            break_it: |b| {
                // One long anchor, shown in each of 120 roles' pages and packets.
                let anchor = "word ".repeat(180_000);
                b.edit(
                    "content/scorecards/engineer.yaml",
                    "{ 1: Guesses,",
                    &format!("{{ 1: \"{anchor}\","),
                );
                let role = b.read("content/roles/backend.yaml");
                for i in 0..120 {
                    b.write(&format!("content/roles/copy-{i}.yaml"), &role);
                }
            },
            file: "",
            at: None,
            message: "the pages add up to more than 86.1 MiB, the most 901 KiB of content may write",
        },
    ]
}

fn run_case(case: &Case) -> Result<(), String> {
    let book = Book::fixture("minimal");
    (case.break_it)(&book);
    let (_, diagnostics) = book.check_json();
    let found: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == case.code)
        .collect();
    let [d] = found.as_slice() else {
        return Err(format!(
            "{}: expected one {}, got {diagnostics:#?}",
            case.code, case.code
        ));
    };
    let at = d["line"]
        .as_u64()
        .map(|line| (line, d["column"].as_u64().unwrap()));
    let got = (
        d["file"].as_str().unwrap_or(""),
        at,
        d["message"].as_str().unwrap(),
    );
    if got != (case.file, case.at, case.message) {
        return Err(format!(
            "{}: got {got:?}, wanted {:?}",
            case.code,
            (case.file, case.at, case.message)
        ));
    }
    if d["hint"].as_str().is_none_or(str::is_empty) {
        return Err(format!("{}: no hint saying how to fix it", case.code));
    }
    Ok(())
}

#[test]
fn every_code_is_produced_where_and_as_documented() {
    let problems: Vec<String> = cases().iter().filter_map(|c| run_case(c).err()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_code_in_the_catalogue_has_a_case() {
    let covered: BTreeSet<&str> = cases().iter().map(|c| c.code).collect();
    let all: BTreeSet<&str> = hirebook::diag::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(covered, all);
}
