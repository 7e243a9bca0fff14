//! The shapes of a hostile pull request: one question file built to make `check` or `build`
//! work hard ([`shapes`]), or many small files that show one long value on many pages
//! ([`spreads`]). Shared by `tests/hostile.rs` (each shape at a modest size, with what it must
//! produce) and `benches/hostile.rs` (each at the size limit, timed and weighed).

/// One hostile question file.
pub struct Shape {
    pub name: &'static str,
    /// Lines added to the front matter.
    pub front: String,
    pub body: String,
    /// Files added to the handbook (path, text).
    pub files: Vec<(String, String)>,
    /// Text added to the end of existing files (path, text).
    pub appends: Vec<(String, String)>,
    /// The diagnostic code `check` must give, or `None` when the file is valid.
    pub error: Option<&'static str>,
}

/// Every shape, with its body about `size` bytes.
pub fn shapes(size: usize) -> Vec<Shape> {
    let fill = |unit: &str| unit.repeat(size / unit.len());
    let row = |cell: &str, n: usize| format!("|{}\n", format!("{cell}|").repeat(n));
    let table = row("a", 500) + &row("-", 500) + &row("x", 500).repeat((size / 1002).max(1));
    let aliases = (size / 1000).clamp(10, 9000);
    let shape = |name, front: String, body: String, error| Shape {
        name,
        front,
        body,
        files: Vec::new(),
        appends: Vec::new(),
        error,
    };
    vec![
        shape("identical headings", String::new(), fill("## h\n\n"), None),
        shape("wide table", String::new(), table, None),
        shape("open brackets", String::new(), fill("["), None),
        shape("emphasis runs", String::new(), fill("*a _b "), None),
        shape(
            "nested quotes",
            String::new(),
            "> ".repeat(size / 4) + "x\n",
            None,
        ),
        shape(
            "nested lists",
            String::new(),
            "- ".repeat(size / 4) + "x\n",
            None,
        ),
        // Raw HTML is sanitised, and the sanitiser's time grows with the square of the depth.
        shape(
            "nested quotes with raw HTML",
            String::new(),
            "> ".repeat(size / 4) + "<b>x</b>\n",
            Some("H0211"),
        ),
        shape(
            "nested lists with raw HTML",
            String::new(),
            "- ".repeat(size / 4) + "<i>x</i>\n",
            Some("H0211"),
        ),
        shape("one long line", String::new(), fill("word "), None),
        shape(
            "broken links",
            String::new(),
            fill("[x](y) "),
            Some("H0105"),
        ),
        shape("inline code", String::new(), fill("`a` "), None),
        shape(
            "padded tables",
            String::new(),
            {
                let table = format!(
                    "|{}\n|{}\n{}\n",
                    "a|".repeat(2000),
                    ":-|".repeat(2000),
                    "x\n".repeat(140)
                );
                table.repeat((size / table.len()).max(1))
            },
            Some("H0211"),
        ),
        shape(
            "long title",
            format!("title: \"{}\"\n", "T".repeat(size)),
            String::new(),
            Some("H0206"),
        ),
        shape(
            "raw HTML",
            String::new(),
            fill("<div class=\"search-popup\" id=\"search-input\"><input>y</div>"),
            // Sanitised by default: thousands of tags are more than a page needs.
            Some("H0211"),
        ),
        shape(
            "YAML alias repeated",
            format!(
                "notes: &a \"{}\"\nextra: [{}]\n",
                "A".repeat(size / 10),
                vec!["*a"; aliases].join(", ")
            ),
            String::new(),
            Some("H0210"),
        ),
        shape(
            "YAML tag",
            "notes: !!python/object:os.system rm\n".to_owned(),
            String::new(),
            Some("H0210"),
        ),
        // Spellings one YAML parser reads and the other refuses, before the aliases: they
        // must not carry the aliases past the check.
        shape(
            "YAML alias after a tab",
            format!(
                "red_flag:\tX\nnotes: &a \"{}\"\nextra: [{}]\n",
                "A".repeat(size / 10),
                vec!["*a"; aliases].join(", ")
            ),
            String::new(),
            Some("H0203"),
        ),
        shape(
            "YAML alias after a flow comment",
            format!(
                "tags: [x]#c\nnotes: &a \"{}\"\nextra: [{}]\n",
                "A".repeat(size / 10),
                vec!["*a"; aliases].join(", ")
            ),
            String::new(),
            Some("H0203"),
        ),
        // Line breaks one YAML reader sees and the other does not, hiding aliases in a comment.
        shape(
            "YAML alias behind a line separator",
            format!(
                "# hidden\u{2028}notes: &a \"{}\"\u{2028}extra: [{}]\n",
                "A".repeat(size / 10),
                vec!["*a"; aliases].join(", ")
            ),
            String::new(),
            Some("H0203"),
        ),
        shape(
            "YAML alias behind a next-line character",
            format!(
                "# hidden\u{85}notes: &a \"{}\"\u{85}extra: [{}]\n",
                "A".repeat(size / 10),
                vec!["*a"; aliases].join(", ")
            ),
            String::new(),
            Some("H0203"),
        ),
        // `?` before an anchor or alias in brackets: an explicit key with an anchor to
        // libyaml (serde_yaml's reader), plain text to the event parser. Text holding `&`, `*`
        // or `!` is read by the event parser alone, so these are list items of text: nothing
        // is expanded, and the file is valid.
        shape(
            "YAML alias behind an explicit key",
            format!(
                "follow_ups: [?&a {}, {}]\n",
                "A".repeat(size / 10),
                vec!["?*a"; aliases].join(", ")
            ),
            String::new(),
            None,
        ),
        shape(
            "YAML tag behind an explicit key",
            "follow_ups: [?!python/object:os.system rm]\n".to_owned(),
            String::new(),
            None,
        ),
        shape(
            "YAML tag after a tab",
            "red_flag:\tX\nnotes: !custom/tag text\n".to_owned(),
            String::new(),
            Some("H0203"),
        ),
        shape(
            "YAML nested brackets",
            format!(
                "notes: {}{}\n",
                "[".repeat(size / 10),
                "]".repeat(size / 10)
            ),
            String::new(),
            Some("H0203"),
        ),
        shape(
            "YAML long list",
            format!("follow_ups: [{}]\n", vec!["\"x\""; size / 6].join(", ")),
            String::new(),
            None,
        ),
        // Thousands of problems in one file, read by the event parser (the `*`): each one's
        // position is looked up in an index made once, not by reading the file again.
        shape(
            "YAML many unknown fields",
            format!(
                "# *\n{}",
                (0..size / 12)
                    .map(|i| format!("u{i}: v\n"))
                    .collect::<String>()
            ),
            String::new(),
            Some("H0204"),
        ),
        // Text with `*` is read from the event parser's tree, not by serde_yaml.
        shape(
            "YAML long list of marked text",
            format!("follow_ups: [{}]\n", vec!["\"*x*\""; size / 8].join(", ")),
            String::new(),
            None,
        ),
    ]
}

/// Many files that each show the same long value: a build would write the value once per
/// file. Each stands on its own (its own scorecard, question and topic), so that it fits any
/// handbook with a `topics.yaml`. `size` is the long value's length; `n` how many files show it.
pub fn spreads(size: usize, n: usize) -> Vec<Shape> {
    let long = "word ".repeat(size / 5);
    let scorecard = |anchor: &str| {
        format!(
            "title: Spread scorecard\nscale: {{ min: 1, max: 5, labels: {{ 1: Low, 5: High }} }}\n\
             dimensions:\n  - id: depth\n    name: Depth\n    anchors:\n      1: \"{anchor}\"\n      5: Deep\n"
        )
    };
    // The long value goes where packets show it and no length limit applies (titles, names
    // and points are at most 300 characters).
    let question = |sign: &str| {
        format!(
            "---\ntitle: Spread question\ntopic: spread\nlevel: mid\ndimensions: [depth]\n\
             strong:\n  - Short\ngood_sign: \"{sign}\"\n---\n\nAsk it.\n"
        )
    };
    let roles = |n: usize| -> Vec<(String, String)> {
        (0..n)
            .map(|i| {
                (
                    format!("content/roles/spread-{i}.yaml"),
                    format!(
                        "title: Spread role {i}\nsummary: One of many.\nlevel: mid\nscorecard: spread\nrounds:\n  \
                         - name: One\n    minutes: 30\n    questions: [spread]\n"
                    ),
                )
            })
            .collect()
    };
    let topic = vec![(
        "content/topics.yaml".to_owned(),
        "\nspread:\n  title: Spread\n".to_owned(),
    )];
    let with = |name, files: Vec<(String, String)>, error| Shape {
        name,
        front: String::new(),
        body: String::new(),
        files,
        appends: topic.clone(),
        error,
    };
    let base = |anchor: &str, strong: &str| {
        vec![
            (
                "content/scorecards/spread.yaml".to_owned(),
                scorecard(anchor),
            ),
            ("content/questions/spread.md".to_owned(), question(strong)),
        ]
    };
    let mut long_anchor = base(&long, "Short");
    long_anchor.extend(roles(n));
    let mut long_question = base("Low", &long);
    long_question.extend(roles(n));
    let mut many_roles = base("Low", "Short");
    many_roles.extend(roles(n * 5));
    let mut many_pages = base("Low", "Short");
    many_pages.extend((0..n * 5).map(|i| {
        (
            format!("content/spread/page-{i}.md"),
            format!("---\ntitle: Page {i}\n---\n\nA line.\n"),
        )
    }));
    // Many different wrong names, each of which could be a typo of any of many names: a
    // "did you mean" for each would compare every wrong name with every candidate.
    let mut broken_links = many_pages.clone();
    broken_links.push((
        "content/spread/links.md".to_owned(),
        format!(
            "---\ntitle: Links\n---\n\n{}\n",
            (0..size / 24)
                .map(|i| format!("[x](page-{i}x.md)"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    ));
    let mut unknown_questions = base("Low", "Short");
    unknown_questions.extend((0..n * 5).map(|i| {
        (
            format!("content/questions/spread-{i}.md"),
            question("Short").replace("Spread question", &format!("Spread question {i}")),
        )
    }));
    unknown_questions.push((
        "content/roles/unknown.yaml".to_owned(),
        format!(
            "title: Unknown\nsummary: Asks what is not there.\nlevel: mid\nscorecard: spread\n\
             rounds:\n  - name: One\n    minutes: 30\n    questions: [{}]\n",
            (0..size / 16)
                .map(|i| format!("spread-{i}x"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ));
    vec![
        with("long anchor in many roles", long_anchor, Some("H0604")),
        with("different broken links", broken_links, Some("H0105")),
        with(
            "different unknown questions",
            unknown_questions,
            Some("H0101"),
        ),
        with("long question in many roles", long_question, Some("H0604")),
        with("many roles", many_roles, None),
        with("many pages", many_pages, None),
    ]
}

/// The front matter `yaml` without the top-level fields that `front` sets (each with its
/// indented lines), so that a shape's field is not a duplicate key.
pub fn without_fields(yaml: &str, front: &str) -> String {
    let keys: Vec<&str> = front
        .lines()
        .filter_map(|l| l.split_once(':').map(|(k, _)| k))
        .filter(|k| !k.starts_with(' '))
        .collect();
    let mut dropping = false;
    let mut out = Vec::new();
    for line in yaml.lines() {
        if !line.starts_with(' ') {
            dropping = keys.iter().any(|k| line.starts_with(&format!("{k}:")));
        }
        if !dropping {
            out.push(line);
        }
    }
    out.join("\n")
}
