//! Titles written with inline Markdown ("What does a \`doctype\` do?"), as real question
//! lists write them. A title is shown in many places: as HTML on pages and in lists, where
//! it may itself be inside a link, and as plain text in `<title>`, search and the planner.
//! So only the marks that change how words look are kept (code, emphasis, strong,
//! strikethrough); a link keeps its text, an image its description, raw HTML is shown as
//! written.

use pulldown_cmark::{Event, Options as CmarkOptions, Parser, Tag, TagEnd};

use super::highlight::escape_into;

/// A title as plain text, and as HTML when its Markdown marks anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub text: String,
    /// `None` when the title has no marks: it is then its text, escaped.
    pub html: Option<String>,
}

/// Reads a title's inline Markdown.
pub fn title(markdown: &str) -> Title {
    let without_overrides;
    let markdown = if markdown.contains(super::DIRECTION_OVERRIDES) {
        without_overrides = markdown.replace(super::DIRECTION_OVERRIDES, "");
        without_overrides.as_str()
    } else {
        markdown
    };
    let markdown = markdown.trim();
    // Most titles are plain words: they skip the parser.
    if !markdown.bytes().any(|b| {
        matches!(
            b,
            b'`' | b'*' | b'_' | b'~' | b'[' | b'!' | b'<' | b'&' | b'\\'
        )
    }) {
        return Title {
            text: markdown.to_owned(),
            html: None,
        };
    }
    let mut text = String::with_capacity(markdown.len());
    let mut html = String::with_capacity(markdown.len() + 16);
    let mut marked = false;
    let mut tag = |html: &mut String, name: &str| {
        marked = true;
        html.push_str(name);
    };
    // Strikethrough only: a title is one line, so tables, footnotes and the like cannot
    // start in it.
    let mut parser = Parser::new_ext(markdown, CmarkOptions::ENABLE_STRIKETHROUGH).peekable();
    // A title that Markdown would read as a heading, a list item, a quote or code (`# Why`,
    // `1. Why`, `> Why`) means its words as written.
    if !matches!(parser.peek(), Some(Event::Start(Tag::Paragraph))) {
        return Title {
            text: markdown.to_owned(),
            html: None,
        };
    }
    for event in parser {
        match event {
            Event::Text(t) => {
                text.push_str(&t);
                escape_into(&t, &mut html);
            }
            Event::Code(code) => {
                text.push_str(&code);
                tag(&mut html, "<code>");
                escape_into(&code, &mut html);
                html.push_str("</code>");
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                text.push_str(&raw);
                escape_into(&raw, &mut html);
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                html.push(' ');
            }
            Event::Start(Tag::Emphasis) => tag(&mut html, "<em>"),
            Event::End(TagEnd::Emphasis) => html.push_str("</em>"),
            Event::Start(Tag::Strong) => tag(&mut html, "<strong>"),
            Event::End(TagEnd::Strong) => html.push_str("</strong>"),
            Event::Start(Tag::Strikethrough) => tag(&mut html, "<del>"),
            Event::End(TagEnd::Strikethrough) => html.push_str("</del>"),
            _ => {}
        }
    }
    let text = text.trim().to_owned();
    // Markdown's own escapes (`\*`) and entities (`&amp;`) leave the text changed though
    // nothing is marked: the HTML is then the text, escaped.
    Title {
        html: marked.then(|| html.trim().to_owned()),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(md: &str) -> (String, Option<String>) {
        let t = title(md);
        (t.text, t.html)
    }

    #[test]
    fn titles_keep_their_marks_and_lose_the_rest() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("Why use an ORM?", "Why use an ORM?", None),
            (
                "What does a `doctype` do?",
                "What does a doctype do?",
                Some("What does a <code>doctype</code> do?"),
            ),
            (
                "Is `<b>` *still* **bold**?",
                "Is <b> still bold?",
                Some("Is <code>&lt;b&gt;</code> <em>still</em> <strong>bold</strong>?"),
            ),
            ("~~Old~~ new", "Old new", Some("<del>Old</del> new")),
            // Links keep their text: the title is often a link itself.
            ("See [the docs](https://x.org)", "See the docs", None),
            ("![logo](a.png) Branding", "logo Branding", None),
            // Raw HTML is shown as written, whatever the handbook's HTML setting.
            (
                "Why <script>alert(1)</script>?",
                "Why <script>alert(1)</script>?",
                None,
            ),
            ("R&amp;D \\*not\\* marked", "R&D *not* marked", None),
            ("2 * 3 = 6", "2 * 3 = 6", None),
            ("# Not a heading", "# Not a heading", None),
            ("1. Not a *list*", "1. Not a *list*", None),
            ("> Not a quote", "> Not a quote", None),
        ];
        for (md, text, html) in cases {
            assert_eq!(
                both(md),
                (text.to_string(), html.map(str::to_owned)),
                "{md}"
            );
        }
    }

    /// Unmarked HTML is the escaped text, which templates make of `text` themselves.
    #[test]
    fn the_html_of_an_unmarked_title_is_its_escaped_text() {
        for (md, want) in [
            ("Why <script>?", "Why &lt;script&gt;?"),
            ("A & B", "A &amp; B"),
        ] {
            let t = title(md);
            assert!(t.html.is_none(), "{md}");
            let mut escaped = String::new();
            escape_into(&t.text, &mut escaped);
            assert_eq!(escaped, want);
        }
        let t = title("R&amp;D");
        assert!(t.html.is_none());
        let mut escaped = String::new();
        escape_into(&t.text, &mut escaped);
        assert!(
            escaped.starts_with("R&amp;") && !escaped.contains('<'),
            "{escaped}"
        );
    }
}
