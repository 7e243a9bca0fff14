//! The shapes of a hostile pull request: one question file built to make `check` or `build`
//! work hard. Shared by `tests/hostile.rs` (each shape at a modest size, with what it must
//! produce) and `benches/hostile.rs` (each at the size limit, timed and weighed).

/// One hostile question file.
pub struct Shape {
    pub name: &'static str,
    /// Lines added to the front matter.
    pub front: String,
    pub body: String,
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
        shape("one long line", String::new(), fill("word "), None),
        shape(
            "broken links",
            String::new(),
            fill("[x](y) "),
            Some("H0105"),
        ),
        shape("inline code", String::new(), fill("`a` "), None),
        shape(
            "raw HTML",
            String::new(),
            fill("<div class=\"search-popup\" id=\"search-input\"><input>y</div>"),
            None,
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
    ]
}
