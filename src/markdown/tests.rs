use super::*;

fn links() -> LinkMap {
    let mut m = LinkMap::default();
    m.add_page("questions/orm-vs-sql.md", "questions/orm-vs-sql.html");
    m.add_page("faq.md", "faq.html");
    m
}

fn render(md: &str, allow_html: bool) -> (Document, Vec<Diagnostic>) {
    let map = links();
    let text = format!("---\ntitle: x\n---\n{md}");
    let origin = Origin {
        file: "content/questions/q.md",
        content_path: "questions/q.md",
        locate: Locate::InFile {
            text: &text,
            offset: text.len() - md.len(),
        },
    };
    let options = Options::new(&map, allow_html);
    let mut diags = Vec::new();
    let doc = document(md, &origin, &options, &["strong"], &mut diags);
    (doc, diags)
}

#[test]
fn extensions_render() {
    let (doc, diags) = render(
        "| a | b |\n|---|:-:|\n| 1 | 2 |\n\n~~old~~ text[^1]\n\n- [x] done\n- [ ] todo\n\n[^1]: note\n",
        false,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let html = doc.html.resolve("");
    assert!(html.contains("<div class=\"table-wrap\"><table>"), "{html}");
    assert!(html.contains("<del>old</del>"), "{html}");
    assert!(html.contains("type=\"checkbox\""), "{html}");
    assert!(html.contains("footnote-definition"), "{html}");
}

#[test]
fn headings_get_unique_anchors_avoiding_reserved_ids() {
    let (doc, _) = render(
        "## Why ask it?\n\n## Why ask it?\n\n### Strong\n\n## Custom {#my-id}\n",
        false,
    );
    let ids: Vec<_> = doc.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["why-ask-it", "why-ask-it-1", "strong-1", "my-id"]);
    let html = doc.html.resolve("");
    assert!(
        html.contains("<h2 id=\"why-ask-it\">Why ask it?<a class=\"anchor\" href=\"#why-ask-it\""),
        "{html}"
    );
    assert_eq!(doc.headings[0].text, "Why ask it?");
}

#[test]
fn code_blocks_are_highlighted_and_keep_their_language() {
    let (doc, _) = render(
        "```python\ndef f(): pass\n```\n\n```\n<plain>\n```\n",
        false,
    );
    let html = doc.html.resolve("");
    assert!(
        html.contains("<pre><code class=\"language-python\"><span class=\"hl-k\">def</span>"),
        "{html}"
    );
    assert!(html.contains("<pre><code>&lt;plain&gt;"), "{html}");
}

#[test]
fn hostile_code_block_language_is_dropped() {
    let (doc, _) = render("```\"><script>alert(1)</script>\nx\n```\n", false);
    let html = doc.html.resolve("");
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("<pre><code>x"), "{html}");
}

#[test]
fn links_to_content_files_become_relative_page_links() {
    let (doc, diags) = render(
        "See [orm](orm-vs-sql.md#why) and [faq](../faq.md).\n",
        false,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let html = doc.html.resolve("../");
    assert!(
        html.contains("href=\"../questions/orm-vs-sql.html#why\""),
        "{html}"
    );
    assert!(html.contains("href=\"../faq.html\""), "{html}");
    assert_eq!(
        doc.anchor_links,
        [AnchorLink {
            page: Some("questions/orm-vs-sql.html".into()),
            anchor: "why".into(),
            position: Some(Position::new(4, 5)),
        }]
    );
}

#[test]
fn broken_link_points_at_file_line_and_column() {
    let (_, mut diags) = render("Intro.\n\nSee [orm](orm-vs-sq.md).\n", false);
    assert_eq!(diags.len(), 1);
    crate::diag::suggest::resolve(&mut diags);
    let d = &diags[0];
    assert_eq!(d.code, Code::BrokenLink);
    assert_eq!(d.position, Some(Position::new(6, 5)));
    assert_eq!(
        d.message,
        "link to `questions/orm-vs-sq.md`, which does not exist"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean `questions/orm-vs-sql.md`?")
    );
}

#[test]
fn raw_html_is_escaped_with_a_warning_by_default() {
    let (doc, diags) = render(
        "<script>alert(1)</script>\n\nText <b onclick=\"x\">bold</b>\n",
        false,
    );
    let html = doc.html.resolve("");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b "), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert_eq!(diags.iter().filter(|d| d.code == Code::RawHtml).count(), 2);
}

#[test]
fn raw_html_is_sanitised_when_allowed() {
    let (doc, diags) = render(
        "<details><summary>More</summary>\n\nHidden\n\n</details>\n\n<script>alert(1)</script>\n",
        true,
    );
    // A script is never let through: shown as text (and told), so nothing after it is lost.
    assert_eq!(diags.len(), 1, "{diags:?}");
    let html = doc.html.resolve("");
    assert!(html.contains("<details>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
}

#[test]
fn javascript_urls_are_errors() {
    let (doc, diags) = render(
        "[x](javascript:alert(1)) ![i](data:image/png;base64,AAA)\n",
        true,
    );
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.code == Code::DisallowedUrl)
            .count(),
        2
    );
    assert!(!doc.html.resolve("").contains("javascript"));
}

#[test]
fn sections_split_text_at_headings() {
    let (doc, _) = render(
        "Intro text.\n\n## Probe\n\nAsk about `select_related`.\n",
        false,
    );
    assert_eq!(doc.sections.len(), 2);
    assert_eq!(doc.sections[0].heading, None);
    assert_eq!(doc.sections[0].text.trim(), "Intro text.");
    assert_eq!(doc.sections[1].heading, Some(0));
    assert_eq!(doc.sections[1].text.trim(), "Ask about select_related.");
}

#[test]
fn table_cells_and_definition_terms_are_separate_words() {
    let (doc, _) = render(
        "| Round | Tests |\n|---|---|\n| Screening | Basics |\n\nCulture fit\n: How they work\n",
        false,
    );
    assert_eq!(
        doc.sections[0].text.trim(),
        "Round Tests Screening Basics Culture fit How they work"
    );
}

#[test]
fn inline_values_have_no_paragraph() {
    let map = links();
    let origin = Origin {
        file: "f",
        content_path: "questions/q.md",
        locate: Locate::At(Some(Position::new(3, 8))),
    };
    let options = Options::new(&map, false);
    let mut diags = Vec::new();
    let i = inline(
        "Avoids **N+1** queries, see [faq](/faq.md)",
        &origin,
        &options,
        &mut diags,
    );
    assert_eq!(
        i.html.resolve("../"),
        "Avoids <strong>N+1</strong> queries, see <a href=\"../faq.html\">faq</a>"
    );
    assert_eq!(i.text().trim(), "Avoids N+1 queries, see faq");
    assert!(diags.is_empty(), "{diags:?}");
    let _ = inline("[x](nope.md)", &origin, &options, &mut diags);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code, Code::BrokenLink);
    assert_eq!(diags[0].position, Some(Position::new(3, 8)));
}

#[test]
fn slugs() {
    assert_eq!(slug("Why ask it?"), "why-ask-it");
    assert_eq!(slug("  N+1 queries & indexes "), "n1-queries-indexes");
    assert_eq!(slug("Éléments clés"), "éléments-clés");
    assert_eq!(slug("???"), "");
}

/// The shortcut for plain values gives what the parser gives, for every value it takes.
#[test]
fn plain_values_render_as_the_parser_renders_them() {
    let map = links();
    let options = Options::new(&map, false);
    let origin = Origin {
        file: "content/questions/q.md",
        content_path: "questions/q.md",
        locate: Locate::InFile {
            text: "",
            offset: 0,
        },
    };
    let mut samples: Vec<String> = [
        "Uses the ORM by default",
        "  Measures before deciding.  ",
        "It's fine: really (mostly); 50% of the time / 2 = ok?",
        "a  b   c",
        "Ends with a hyphen -",
        "x-y--z",
        "Q. and A.",
        "A: b",
        "Two  spaces.  ",
        "no",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Every value of the shipped handbook's front matter, and random strings of the
    // characters the shortcut accepts.
    for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            samples.extend(text.lines().map(|l| {
                l.trim_start_matches([' ', '-'])
                    .split_once(": ")
                    .map_or(l, |(_, v)| v)
                    .to_owned()
            }));
        }
    }
    let alphabet = b"aZ9 ,.;:?'()/%=-";
    let mut seed = 1u64;
    for _ in 0..5000 {
        let mut s = String::from("w");
        for _ in 0..(seed % 12) {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1442695040888963407);
            s.push(alphabet[(seed >> 33) as usize % alphabet.len()] as char);
        }
        samples.push(s);
    }
    let mut taken = 0;
    for sample in &samples {
        if plain_words(sample).is_none() {
            continue;
        }
        taken += 1;
        let mut diags = Vec::new();
        let fast = inline(sample, &origin, &options, &mut diags);
        let parsed = inline_parsed(sample, &origin, &options, &mut diags);
        assert!(diags.is_empty(), "{sample:?}: {diags:?}");
        assert_eq!(fast.html.resolve(""), parsed.html.resolve(""), "{sample:?}");
        assert_eq!(fast.text(), parsed.text(), "{sample:?}");
    }
    assert!(taken > 4000, "{taken}");
}

#[test]
fn theme_ids_lists_every_fixed_id_of_the_default_theme() {
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let mut found = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(&theme).into_iter().flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        // `id="x"` in templates, `id: "x"` in the scripts' element builder.
        for pattern in ["id=\"", "id: \""] {
            for (i, _) in text.match_indices(pattern) {
                if text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '-') {
                    continue; // data-id=, aria-describedby= ...
                }
                let rest = &text[i + pattern.len()..];
                let id: String = rest.chars().take_while(|c| *c != '"').collect();
                let fixed = id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if fixed && !id.ends_with('-') && !id.is_empty() {
                    found.insert(id);
                }
            }
        }
    }
    assert!(found.len() >= 15, "{found:?}");
    let missing: Vec<&String> = found
        .iter()
        .filter(|id| !THEME_IDS.contains(&id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "ids of the theme missing from THEME_IDS: {missing:?}"
    );
}

#[test]
fn many_identical_headings_get_distinct_ids_in_linear_steps() {
    let markdown = "## h\n\n".repeat(MAX_HEADINGS - 1) + "## h-3\n";
    let (doc, _) = render(&markdown, false);
    let ids: std::collections::HashSet<&str> = doc.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids.len(), MAX_HEADINGS);
    assert_eq!(doc.headings[0].id, "h");
    assert_eq!(doc.headings[4].id, "h-4");
    // `h-3` was taken by the third `## h`, so the last heading moves on.
    assert_eq!(doc.headings[MAX_HEADINGS - 1].id, "h-3-1");

    // Past the limit, headings are plain.
    let markdown = "## h\n\n".repeat(MAX_HEADINGS + 5);
    let (doc, _) = render(&markdown, false);
    assert_eq!(doc.headings.len(), MAX_HEADINGS);
    assert!(
        doc.html.resolve("").ends_with("<h2>h</h2>\n"),
        "plain past the limit"
    );
}

#[test]
fn a_heading_cannot_take_a_theme_id() {
    let (doc, _) = render("## Search {#search-input}\n\n## Main\n", false);
    assert_eq!(doc.headings[0].id, "search-input-1");
    assert_eq!(doc.headings[1].id, "main-1");
}

/// What a short text could make is bounded: a table padded to a wide header, and (with
/// allow-html) thousands of raw tags, whose sanitising grows with their square, are refused
/// with H0211 and the rest of the text is not rendered.
#[test]
fn padded_tables_and_floods_of_raw_tags_are_refused() {
    let table = format!(
        "|{}\n|{}\n{}",
        "a|".repeat(1000),
        "-|".repeat(1000),
        "x\n".repeat(60)
    );
    let (_, diags) = render(&table, false);
    assert_eq!(
        diags.iter().map(|d| d.code).collect::<Vec<_>>(),
        [Code::TooComplex]
    );
    let small = format!(
        "|{}\n|{}\n{}",
        "a|".repeat(100),
        "-|".repeat(100),
        "x\n".repeat(60)
    );
    assert!(render(&small, false).1.is_empty());

    let divs = "<div>".repeat(MAX_HTML_TAGS + 1);
    let (_, diags) = render(&divs, true);
    assert_eq!(
        diags.iter().map(|d| d.code).collect::<Vec<_>>(),
        [Code::TooComplex]
    );
    // Without allow-html the tags are text (one warning per line), and cost nothing.
    let (_, diags) = render(&divs, false);
    assert!(!diags.is_empty());
    assert!(diags.iter().all(|d| d.code == Code::RawHtml), "{diags:?}");
}

/// Raw HTML cannot take the id of a heading hirebook made, nor give a quotation a script URL.
#[test]
fn raw_html_cannot_take_a_headings_id_or_cite_a_script() {
    let md = "<div id=\"why-ask-it\">fake</div>\n\n## Why ask it\n\n<h2 id=\"why-ask-it\">again</h2>\n\n<q cite=\"javascript:alert(1)\">a</q> <q cite=\"https://example.com/\">b</q>\n";
    let (doc, _) = render(md, true);
    let html = doc.html.resolve("");
    assert_eq!(html.matches("id=\"why-ask-it\"").count(), 1, "{html}");
    assert_eq!(
        html.matches("id=\"user-content-why-ask-it\"").count(),
        2,
        "{html}"
    );
    assert!(html.contains("<h2 id=\"why-ask-it\">Why ask it"), "{html}");
    assert!(!html.contains("javascript"), "{html}");
    assert!(html.contains("cite=\"https://example.com/\""), "{html}");
    assert!(!html.contains("hbid"), "the mark is removed: {html}");
    assert_eq!(doc.headings[0].id, "why-ask-it");
}

/// Comments are notes to editors: dropped, whatever their shape, and never warned about.
#[test]
fn html_comments_are_dropped() {
    // Each case with the text it keeps: a renderer that dropped everything would pass the
    // checks for what is gone.
    let cases = [
        (
            "<!-- prettier-ignore -->\n| a |\n|---|\n| 1 |\n",
            "<td>1</td>",
        ),
        ("Before <!-- inline --> after\n", "Before"),
        ("Before <!-- spans\ntwo lines --> after\n", "after"),
        ("<!--\nblock\ncomment\n-->\n\nAfter\n", "<p>After</p>"),
        ("<!-->\n\nAfter <!---> it\n", " it</p>"),
        ("Text\n\n<!-- end -->", "<p>Text</p>"),
    ];
    for (md, kept) in cases {
        let (doc, diags) = render(md, false);
        let html = doc.html.resolve("");
        assert!(diags.is_empty(), "{md:?}: {diags:?}");
        assert!(html.contains(kept), "{md:?} lost {kept:?}: {html}");
        for gone in [
            "&lt;!--", "--&gt;", "prettier", "inline", "spans", "block", "comment", "end",
        ] {
            assert!(!html.contains(gone), "{md:?} kept {gone}: {html}");
        }
        assert!(!html.contains("<p></p>"), "{md:?}: {html}");
        let (allowed, _) = render(md, true);
        assert!(!allowed.html.resolve("").contains("<!--"), "{md:?}");
    }
    // What follows a comment is still raw HTML, and shown as such.
    let (doc, diags) = render("<!-- note --><b>bold</b>\n", false);
    assert!(doc.html.resolve("").contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert_eq!(diags.len(), 1);
}

/// An unclosed `<!--` at the start of a block hides the rest of the document (CommonMark reads
/// it all as the comment): told, in both modes, where it starts; a closed one is not.
#[test]
fn an_unclosed_comment_is_an_error() {
    for allow_html in [false, true] {
        let (_, diags) = render(
            "Intro.\n\n<!-- TODO\n\n## Important\n\nSecret plan.\n",
            allow_html,
        );
        assert_eq!(diags.len(), 1, "{allow_html}: {diags:?}");
        assert_eq!(diags[0].code, Code::UnclosedComment);
        assert_eq!(diags[0].position.map(|p| (p.line, p.column)), Some((6, 1)));
        for fine in [
            "<!-- a -->\n\nText\n",
            "Text <!-- not a comment, no end\n",
            "`<!--`\n",
        ] {
            let (_, diags) = render(fine, allow_html);
            assert!(
                diags.iter().all(|d| d.code != Code::UnclosedComment),
                "{fine:?}: {diags:?}"
            );
        }
    }
}

/// The sanitiser's time grows with the square of how deep elements nest: a page with raw HTML
/// may nest 100 levels, and a deeper one is refused whole (nothing of it is kept). Markdown
/// without raw HTML does not go through the sanitiser at all.
#[test]
fn raw_html_in_deep_nesting_is_refused() {
    let deep = |levels: usize, raw: &str| format!("{}x {raw}\n", "> ".repeat(levels));
    let (doc, diags) = render(&deep(150, "<b>bold</b>"), true);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code, Code::TooComplex);
    assert!(doc.html.resolve("").is_empty());
    for (text, allow_html) in [
        (deep(150, ""), true),
        (deep(150, "<b>x</b>"), false),
        (deep(40, "<b>x</b>"), true),
    ] {
        let (doc, diags) = render(&text, allow_html);
        assert!(
            diags.iter().all(|d| d.code != Code::TooComplex),
            "{diags:?}"
        );
        assert!(doc.html.resolve("").contains("<blockquote>"));
    }
}

/// `<script>`, `<style>`, `<textarea>`... named in a sentence would take the rest of the page
/// with them through the sanitiser: they are shown as text, told, and what follows stays.
/// Table parts in a sentence likewise; a raw HTML table as a block is let through.
#[test]
fn tags_that_would_hide_what_follows_are_shown_as_text() {
    for tag in [
        "script",
        "style",
        "template",
        "title",
        "textarea",
        "noscript",
        "iframe",
        "xmp",
        "plaintext",
        "SCRIPT",
    ] {
        let md = format!(
            "Ask how a <{tag}> element affects paint.\n\n## What to listen for\n\nThe rest.\n"
        );
        let (doc, diags) = render(&md, true);
        let html = doc.html.resolve("");
        assert!(html.contains(&format!("&lt;{tag}&gt;")), "{tag}: {html}");
        assert!(html.contains("The rest."), "{tag}: {html}");
        assert!(html.contains("<h2"), "{tag}: {html}");
        assert!(!html.contains("hbid"), "{tag}: {html}");
        assert_eq!(diags.len(), 1, "{tag}: {diags:?}");
        assert_eq!(diags[0].code, Code::RawHtml);
    }
    let (doc, _) = render("The <table> element and <td> cells.\n\nAfter.\n", true);
    assert!(
        doc.html
            .resolve("")
            .contains("&lt;table&gt; element and &lt;td&gt; cells")
    );
    let (doc, diags) = render(
        "<table>\n<tr><td>1<sup>st</sup></td></tr>\n</table>\n\nAfter.\n",
        true,
    );
    let html = doc.html.resolve("");
    assert!(
        html.contains("<table>") && html.contains("<sup>st</sup>"),
        "{html}"
    );
    assert!(diags.is_empty(), "{diags:?}");
}

/// Direction overrides reorder what a reader sees (a link reading as another address).
#[test]
fn direction_overrides_are_removed() {
    let md = "Bidi [\u{202E}moc.elgoog//:sptth\u{202C}](https://evil.example)\n";
    for allow_html in [false, true] {
        let (doc, _) = render(md, allow_html);
        let html = doc.html.resolve("");
        assert!(
            !html.contains('\u{202E}') && !html.contains('\u{202D}'),
            "{html}"
        );
    }
    assert!(!title::title("x \u{202D}abc").text.contains('\u{202D}'));
}

/// The sanitiser rebuilds every formatting tag left open in each later paragraph: many open
/// tags over many paragraphs are refused, a few are not.
#[test]
fn unclosed_formatting_tags_over_many_paragraphs_are_refused() {
    let open: String = (0..1900).map(|n| format!("<b title={n}>")).collect();
    let md = format!("x {open}\n\n{}", "y\n\n".repeat(2000));
    let started = std::time::Instant::now();
    let (doc, diags) = render(&md, true);
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(
        diags.iter().filter(|d| d.code == Code::TooComplex).count(),
        1,
        "{diags:?}"
    );
    assert!(doc.html.resolve("").is_empty());
    let few = format!("x <b>bold\n\n{}", "y\n\n".repeat(2000));
    let (doc, diags) = render(&few, true);
    assert!(diags.is_empty(), "{diags:?}");
    assert!(doc.html.resolve("").contains("<b>"));
}

/// Links and images in raw HTML are resolved as Markdown's are: a content file becomes its
/// page (for every page that shows it, through the root mark), a missing one is H0105, and
/// outside addresses and anchors stay as written.
#[test]
fn raw_html_links_are_checked_and_rewritten() {
    let md = "<a href=\"orm-vs-sql.md#why\">orm</a> <a href=\"../faq.md?x=1&amp;y=2\">faq</a> \
              <img src=\"nope.png\" alt=\"n\"> <a href=\"https://example.org/a?b=1&amp;c=2\">out</a> \
              <a href=\"#top\">top</a>\n";
    let (doc, diags) = render(md, true);
    let html = doc.html.resolve("../");
    assert!(
        html.contains("href=\"../questions/orm-vs-sql.html#why\""),
        "{html}"
    );
    assert!(html.contains("href=\"../faq.html?x=1&amp;y=2\""), "{html}");
    assert!(
        html.contains("href=\"https://example.org/a?b=1&amp;c=2\""),
        "{html}"
    );
    assert!(html.contains("href=\"#top\""), "{html}");
    let broken: Vec<_> = diags
        .iter()
        .filter(|d| d.code == Code::BrokenLink)
        .collect();
    assert_eq!(broken.len(), 1, "{diags:?}");
    assert!(
        broken[0].message.contains("questions/nope.png"),
        "{}",
        broken[0].message
    );
}

/// Tables too large are found in the text, before the parser pads their rows (which took 2 GB
/// for 95 tables of 2,000 columns): counted as the parser would count them, fenced code left
/// out.
#[test]
fn tables_too_large_are_found_before_parsing() {
    let table = |columns: usize, rows: usize| {
        format!(
            "|{}\n|{}\n{}\n",
            "a|".repeat(columns),
            ":-|".repeat(columns),
            "x\n".repeat(rows)
        )
    };
    // 2,000 columns padded over 140 rows: found at the first table.
    let padded = format!("Intro.\n\n{}", table(2000, 140).repeat(3));
    assert_eq!(super::tables_too_large(&padded), Some(8));
    // Ordinary tables, and many of them, pass.
    assert_eq!(super::tables_too_large(&table(10, 100).repeat(40)), None);
    // Up to the limit exactly passes; one row more does not.
    assert_eq!(super::tables_too_large(&table(50, 999)), None);
    assert_eq!(super::tables_too_large(&table(50, 1000)), Some(0));
    // The same text in fenced code is code, not a table.
    let fenced = format!(
        "```\n{}```\n\n~~~md\n{}~~~\n",
        table(2000, 140),
        table(2000, 140)
    );
    assert_eq!(super::tables_too_large(&fenced), None);
    // A delimiter-like line without a header row above it starts no table.
    assert_eq!(
        super::tables_too_large(&format!("\n|{}\n{}", ":-|".repeat(2000), "x\n".repeat(140))),
        None
    );
}
