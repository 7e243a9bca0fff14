//! Markdown to HTML fragments: GitHub-style extensions, heading anchors, code highlighted at
//! build time, links between content files rewritten to the built pages, and raw HTML either
//! escaped (the default) or sanitised.
//!
//! Content is untrusted: it arrives through pull requests. Whatever reaches the output went
//! through pulldown-cmark's escaping, the highlighter's escaping or ammonia.

mod fragment;
pub mod highlight;
mod links;
mod sanitize;
pub mod sections;
pub mod title;

use std::cell::RefCell;
use std::collections::HashSet;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options as CmarkOptions, Parser, Tag, TagEnd,
};

pub use fragment::Fragment;
pub use links::{LinkMap, LinkTarget};

use crate::diag::lines::{LineIndex, position_at};
use crate::diag::{Code, Diagnostic, Position};

/// How Markdown is turned into HTML for one handbook.
pub struct Options<'a> {
    pub links: &'a LinkMap,
    /// Pass raw HTML through ammonia instead of escaping it.
    pub allow_html: bool,
    /// Links to pages made from the whole handbook, collected for validation to check once
    /// every file is read (one file's options are used by one thread).
    pub generated_links: RefCell<Vec<GeneratedLink>>,
}

impl<'a> Options<'a> {
    pub fn new(links: &'a LinkMap, allow_html: bool) -> Self {
        Options {
            links,
            allow_html,
            generated_links: RefCell::default(),
        }
    }
}

/// A link to a topic's page or a role's packet, which exists only if the topic or the round
/// does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedLink {
    /// The linking file, as diagnostics show it.
    pub file: String,
    /// The linked page's output path.
    pub output: String,
    pub position: Option<Position>,
}

/// Where a piece of Markdown comes from, for diagnostics and relative links.
pub struct Origin<'a> {
    /// Relative to the handbook root, as diagnostics show it.
    pub file: &'a str,
    /// Relative to the content dir: links resolve against its folder.
    pub content_path: &'a str,
    pub locate: Locate<'a>,
}

/// How to turn an offset in the Markdown into a position in the file.
#[derive(Clone, Copy)]
pub enum Locate<'a> {
    /// The Markdown is `text[offset..]` of the file's text.
    InFile { text: &'a str, offset: usize },
    /// The Markdown is a front matter value; positions point at the value.
    At(Option<Position>),
    /// Like `At`, but found only when a diagnostic needs it (finding it means re-reading
    /// the YAML, which a clean build should not pay for).
    Lazy(&'a dyn Fn() -> Option<Position>),
}

impl Locate<'_> {
    fn position(&self, offset: usize) -> Option<Position> {
        match *self {
            Locate::InFile { text, offset: base } => Some(position_at(text, base + offset)),
            Locate::At(p) => p,
            Locate::Lazy(find) => find(),
        }
    }
}

/// A rendered Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub html: Fragment,
    pub headings: Vec<Heading>,
    /// The plain text, cut at headings, for the search index.
    pub sections: Vec<Section>,
    /// Links into another page's heading, checked once all pages are known.
    pub anchor_links: Vec<AnchorLink>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// Index into `headings`; `None` for the text before the first heading.
    pub heading: Option<usize>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    /// The output path of the linked page; `None` for the same page.
    pub page: Option<String>,
    pub anchor: String,
    pub position: Option<Position>,
}

/// Rendered inline Markdown (a front matter value): no surrounding paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub html: Fragment,
    /// The plain text, when it differs from the HTML: most values are plain words, and a
    /// large handbook holds hundreds of thousands of them.
    text: Option<String>,
}

impl Inline {
    /// The plain text, for the search index.
    pub fn text(&self) -> &str {
        match &self.text {
            Some(text) => text,
            None => self.html.as_plain().unwrap_or_default(),
        }
    }
}

fn cmark_options() -> CmarkOptions {
    CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_STRIKETHROUGH
        | CmarkOptions::ENABLE_TASKLISTS
        | CmarkOptions::ENABLE_HEADING_ATTRIBUTES
        | CmarkOptions::ENABLE_DEFINITION_LIST
}

/// How many headings of one document get an id, a link and a section.
pub const MAX_HEADINGS: usize = 1000;

/// How many table cells one document may have (after rows are padded to their header).
pub const MAX_TABLE_CELLS: usize = 50_000;

/// How deep elements may nest in a document that holds raw HTML: the sanitiser's time grows
/// with the square of the depth.
pub const MAX_SANITIZED_DEPTH: usize = 100;

/// How many raw HTML tags one document may have, with `allow-html`.
pub const MAX_HTML_TAGS: usize = 2_000;

/// The ids the default theme's pages use for themselves: heading ids never repeat them, so a
/// heading cannot take over the search box or the planner (`{#search-input}`). A test reads the
/// templates and the scripts to keep this list whole.
pub const THEME_IDS: &[&str] = &[
    "bank-title",
    "coverage-title",
    "dimensions",
    "follow-ups",
    "for-every-question",
    "good-sign",
    "main",
    "nav",
    "notes",
    "overall-recommendation",
    "panel-title",
    "panel-view",
    "planner",
    "planner-title",
    "print-checklists",
    "print-guide",
    "print-scorecards",
    "red-flag",
    "search",
    "search-input",
    "search-page",
    "search-page-input",
    "search-popup",
    "signals",
    "strong",
    "used-in",
];

/// Footnote names become element ids: `[^search-input]` would repeat the theme's search box id,
/// and `[^1]` in two documents of print.html would give two elements `id="1"`. Each name is
/// prefixed `fn-` with a short key of the document it is in.
fn namespace_footnotes<'e>(events: Vec<Event<'e>>, content_path: &str) -> Vec<Event<'e>> {
    let has_footnotes = events.iter().any(|e| {
        matches!(
            e,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
        )
    });
    if !has_footnotes {
        return events;
    }
    let key = format!("{:016x}", crate::hash::fnv1a(content_path.as_bytes()));
    let name = |label: &str| -> CowStr<'e> { format!("fn-{}-{}", &key[..6], slug(label)).into() };
    events
        .into_iter()
        .map(|event| match event {
            Event::FootnoteReference(label) => Event::FootnoteReference(name(&label)),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Event::Start(Tag::FootnoteDefinition(name(&label)))
            }
            other => other,
        })
        .collect()
}

/// Renders a Markdown body. `reserved_ids` are ids the page template uses itself, which
/// generated heading ids must not repeat.
pub fn document(
    markdown: &str,
    origin: &Origin,
    options: &Options,
    reserved_ids: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Document {
    // Direction overrides (U+202D, U+202E) show letters in the order they force: a link's
    // words could read as another address. They have no honest use in a handbook.
    let without_overrides;
    let markdown = if markdown.contains(DIRECTION_OVERRIDES) {
        without_overrides = markdown.replace(DIRECTION_OVERRIDES, "");
        without_overrides.as_str()
    } else {
        markdown
    };
    let mut renderer = Renderer {
        origin,
        options,
        diagnostics,
        used_ids: reserved_ids.iter().map(|s| s.to_string()).collect(),
        next_suffix: Default::default(),
        doc: Document::default(),
        raw_html_lines: HashSet::new(),
        line_index: None,
        sanitize: false,
        withhold: false,
    };
    let events = namespace_footnotes(renderer.transform(markdown), origin.content_path);
    // With raw HTML allowed, the ids hirebook makes are told apart from the author's, which
    // the sanitiser prefixes: headings' by their mark, footnotes' by name.
    let own_ids: HashSet<String> = if options.allow_html {
        let footnotes = events.iter().filter_map(|e| match e {
            Event::Start(Tag::FootnoteDefinition(label)) => Some(label.to_string()),
            _ => None,
        });
        footnotes.collect()
    } else {
        HashSet::new()
    };
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Only raw HTML needs the sanitiser: what Markdown itself writes is escaped and checked
    // already (and the sanitiser's time grows fast with deep nesting).
    if renderer.withhold {
        // Raw HTML the sanitiser could not take (an error says so): nothing of it is kept.
        html.clear();
    } else if renderer.sanitize {
        html = sanitize::clean(&html, &own_ids);
        // Never a mark in a built page, even one raw HTML turned into text.
        if html.contains(fragment::id_marker()) {
            html = html.replace(fragment::id_marker(), "");
        }
        // Raw HTML's own links and images go where Markdown's would: checked, and rewritten
        // to the built page from every page that shows them.
        html = renderer.rewrite_raw_urls(&html, markdown);
    } else if options.allow_html {
        // No raw HTML after all: the headings' marks, which only the sanitiser would have
        // taken off, come off here.
        html = html.replace(&format!("id=\"{}", fragment::id_marker()), "id=\"");
    }
    let mut doc = renderer.doc;
    doc.html = Fragment::from_marked(html);
    doc.sections
        .retain(|s| s.heading.is_some() || !s.text.trim().is_empty());
    // Kept for the whole build, after growing a piece at a time: give back the spare room.
    for section in &mut doc.sections {
        section.text.shrink_to_fit();
    }
    doc
}

/// Renders a one-paragraph value (a front matter string) without its `<p>` wrapper.
pub fn inline(
    markdown: &str,
    origin: &Origin,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Inline {
    if let Some(words) = plain_words(markdown) {
        return Inline {
            html: Fragment::plain(words.to_owned()),
            text: None,
        };
    }
    inline_parsed(markdown, origin, options, diagnostics)
}

/// A value Markdown renders as itself: one line that starts with a letter and holds only
/// letters, digits, spaces and punctuation with no meaning in Markdown or HTML. Most front
/// matter values are like this, and a large handbook has hundreds of thousands of them:
/// they skip the parser. (A test checks the parser agrees.)
fn plain_words(markdown: &str) -> Option<&str> {
    // No leading space: four of them make a code block.
    let words = markdown.trim_end();
    let starts_with_letter = words.bytes().next()?.is_ascii_alphabetic();
    let ordinary = words
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b" ,.;:?'()/%=-".contains(&b));
    (starts_with_letter && ordinary).then_some(words)
}

fn inline_parsed(
    markdown: &str,
    origin: &Origin,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Inline {
    let doc = document(markdown, origin, options, &[], diagnostics);
    let mut html = doc.html;
    html.strip_paragraph();
    let text = doc
        .sections
        .into_iter()
        .map(|s| s.text)
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.trim();
    let text = (html.as_plain() != Some(text)).then(|| text.to_owned());
    Inline { html, text }
}

/// Where the table is that takes the text's table cells past [`MAX_TABLE_CELLS`], counted
/// as the parser will make them: each row padded to its header's width. Read from the text,
/// before the parser pads anything: a header row, a delimiter row (`|:-|-|`), then rows to the
/// next blank line. Lines in fenced code are skipped. Counts a little high (a row that ends
/// the table early still counts), which only matters past the limit.
fn tables_too_large(markdown: &str) -> Option<usize> {
    let delimiter = |line: &str| {
        let t = line.trim();
        t.contains('-')
            && t.contains('|')
            && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    };
    let columns = |line: &str| {
        let t = line.trim().trim_start_matches('|').trim_end_matches('|');
        t.split('|').count()
    };
    let (mut cells, mut fence): (usize, Option<&str>) = (0, None);
    let mut previous: Option<(usize, &str)> = None;
    let mut table: Option<(usize, usize)> = None; // (where it starts, its width)
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            table = None;
            previous = None;
            continue;
        }
        if line.trim().is_empty() {
            table = None;
            previous = None;
            continue;
        }
        match table {
            Some((_, width)) => cells += width,
            None => {
                if let Some((at, header)) = previous
                    && delimiter(line)
                    && header.contains('|')
                {
                    let width = columns(header).max(columns(line));
                    table = Some((at, width));
                    cells += width;
                }
            }
        }
        if cells > MAX_TABLE_CELLS {
            return table.map(|(at, _)| at);
        }
        previous = Some((start, line));
    }
    None
}

struct Renderer<'a, 'o> {
    origin: &'a Origin<'o>,
    options: &'a Options<'a>,
    diagnostics: &'a mut Vec<Diagnostic>,
    used_ids: HashSet<String>,
    /// For each id base, the next suffix to try.
    next_suffix: std::collections::HashMap<String, usize>,
    doc: Document,
    /// One raw-HTML warning per line is enough.
    raw_html_lines: HashSet<u32>,
    /// Raw HTML was let through (`allow-html`), so the page goes through the sanitiser.
    sanitize: bool,
    /// Raw HTML nested too deep to sanitise: the document is left empty.
    withhold: bool,
    /// Built on the first diagnostic, for files with many.
    line_index: Option<LineIndex>,
}

impl<'a, 'o> Renderer<'a, 'o> {
    fn transform<'m>(&mut self, markdown: &'m str) -> Vec<Event<'m>> {
        let mut out: Vec<Event<'m>> = Vec::new();
        let mut code: Option<(String, String)> = None;
        // Index in `out` of the open heading's start event, and its text so far.
        let mut heading: Option<(usize, HeadingLevel, Option<String>, String)> = None;
        self.doc.sections.push(Section::default());
        let (mut cells, mut html_tags) = (0usize, 0usize);
        // How deep elements nest, and where the text first went deeper than the sanitiser
        // may take: a page with raw HTML must stay shallow.
        let (mut depth, mut deep_at) = (0usize, None::<usize>);
        // Formatting tags raw HTML leaves open, and the blocks they would be reopened in:
        // the sanitiser rebuilds every open one in every block after it.
        let (mut open_formatting, mut blocks) = (0i64, 0usize);
        // Where the table being read starts: a table too large is reported there.
        let mut table_at = 0;
        // With raw HTML shown as text: inside an HTML block, whether its paragraph is open
        // (a block that is only a comment makes none), and whether a comment is open.
        let mut html_block: Option<bool> = None;
        let mut in_comment = false;
        // Where the comment open at the end of the text began, in both modes: an unclosed
        // `<!--` makes the rest of the document an HTML block that no browser shows.
        let mut comment_at: Option<usize> = None;

        // The parser pads every row of a table to its header's width before the first event:
        // tables too large are found in the text first (95 tables of 2,000 columns took 2 GB).
        if let Some(at) = tables_too_large(markdown) {
            let position = self.position(at);
            self.diagnostics.push(
                Diagnostic::new(
                    Code::TooComplex,
                    format!(
                        "this text has more than {MAX_TABLE_CELLS} table cells, the most one file may have"
                    ),
                )
                .in_file(self.origin.file)
                .at(position)
                .with_hint("split the table, or give its header fewer columns (rows are padded to the header's width)"),
            );
            return out;
        }
        for (event, range) in Parser::new_ext(markdown, cmark_options()).into_offset_iter() {
            // Bounds on what a short text can make: a table's rows are padded to its header's
            // width (a 2,000-column header over 140 one-cell rows is 280,000 cells from 12 KB),
            // and a sanitiser's work grows with the square of unclosed raw HTML tags.
            match &event {
                Event::Start(tag) => {
                    if matches!(
                        tag,
                        Tag::Paragraph
                            | Tag::Item
                            | Tag::Heading { .. }
                            | Tag::TableCell
                            | Tag::BlockQuote(_)
                    ) {
                        blocks += 1;
                    }
                    depth += 1;
                    if depth > MAX_SANITIZED_DEPTH && deep_at.is_none() {
                        deep_at = Some(range.start);
                    }
                }
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            match &event {
                Event::Start(Tag::Table(_)) => table_at = range.start,
                Event::Start(Tag::TableCell) => cells += 1,
                Event::Html(raw) | Event::InlineHtml(raw) if self.options.allow_html => {
                    html_tags += raw.matches('<').count();
                    open_formatting += formatting_balance(raw);
                    let was = in_comment;
                    let _ = without_comments(raw.clone(), &mut in_comment);
                    if in_comment && !was {
                        comment_at = Some(range.start + raw.find("<!--").unwrap_or(0));
                    }
                }
                _ => {}
            }
            if cells > MAX_TABLE_CELLS || html_tags > MAX_HTML_TAGS {
                let (what, most, hint) = if cells > MAX_TABLE_CELLS {
                    (
                        "table cells",
                        MAX_TABLE_CELLS,
                        "split the table, or give its header fewer columns (rows are padded to the header's width)",
                    )
                } else {
                    (
                        "raw HTML tags",
                        MAX_HTML_TAGS,
                        "write the page in Markdown; keep raw HTML for the few things Markdown cannot do",
                    )
                };
                let at = if cells > MAX_TABLE_CELLS {
                    table_at
                } else {
                    range.start
                };
                let position = self.position(at);
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::TooComplex,
                        format!(
                            "this text has more than {most} {what}, the most one file may have"
                        ),
                    )
                    .in_file(self.origin.file)
                    .at(position)
                    .with_hint(hint),
                );
                break;
            }
            if let Some((_, text)) = code.as_mut() {
                match event {
                    Event::Text(t) => text.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let (lang, text) = code.take().unwrap_or_default();
                        self.push_text(&text);
                        out.push(Event::Html(CowStr::from(code_block(&text, &lang))));
                    }
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => info_language(&info),
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                }
                Event::Start(Tag::Heading { level, id, .. }) => {
                    let custom = id.filter(|id| is_valid_anchor(id)).map(|id| id.to_string());
                    heading = Some((out.len(), level, custom, String::new()));
                    out.push(Event::Html(CowStr::Borrowed("")));
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((start, level, custom, text)) = heading.take() {
                        let n = level as u8;
                        // Past this many, headings are plain: no id, no link, no section.
                        // A megabyte of `#` lines would otherwise make a 60 MB page.
                        if self.doc.headings.len() >= MAX_HEADINGS {
                            out[start] = Event::Html(CowStr::from(format!("<h{n}>")));
                            out.push(Event::Html(CowStr::from(format!("</h{n}>\n"))));
                            continue;
                        }
                        let text = text.trim().to_owned();
                        let id = self.unique_id(custom.unwrap_or_else(|| slug(&text)));
                        // With raw HTML allowed, the id carries a mark the author cannot
                        // write, so the sanitiser can tell it from a raw tag's `id` (which it
                        // prefixes); the mark is gone from the page.
                        let mark = if self.options.allow_html {
                            fragment::id_marker()
                        } else {
                            ""
                        };
                        out[start] = Event::Html(CowStr::from(format!("<h{n} id=\"{mark}{id}\">")));
                        out.push(Event::Html(CowStr::from(format!(
                            "<a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{n}>\n"
                        ))));
                        self.doc.headings.push(Heading { level: n, id, text });
                        self.doc.sections.push(Section {
                            heading: Some(self.doc.headings.len() - 1),
                            text: String::new(),
                        });
                    }
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = self.rewrite_url(dest_url, range.start);
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = self.rewrite_url(dest_url, range.start);
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::Start(Tag::Table(alignments)) => {
                    out.push(Event::Html(CowStr::Borrowed("<div class=\"table-wrap\">")));
                    out.push(Event::Start(Tag::Table(alignments)));
                }
                Event::End(TagEnd::Table) => {
                    out.push(Event::End(TagEnd::Table));
                    out.push(Event::Html(CowStr::Borrowed("</div>\n")));
                }
                Event::Start(Tag::HtmlBlock) if !self.options.allow_html => {
                    html_block = Some(false);
                }
                Event::End(TagEnd::HtmlBlock) if !self.options.allow_html => {
                    if html_block == Some(true) {
                        out.push(Event::End(TagEnd::Paragraph));
                    }
                    html_block = None;
                }
                Event::Html(raw) | Event::InlineHtml(raw) if !self.options.allow_html => {
                    // Comments are notes to editors (`<!-- prettier-ignore -->`): dropped,
                    // as a browser would hide them.
                    let was = in_comment;
                    let opens = raw.find("<!--");
                    let shown = without_comments(raw, &mut in_comment);
                    if in_comment && !was {
                        comment_at = Some(range.start + opens.unwrap_or(0));
                    }
                    if !shown.trim().is_empty() {
                        if html_block == Some(false) {
                            out.push(Event::Start(Tag::Paragraph));
                            html_block = Some(true);
                        }
                        self.warn_raw_html(range.start);
                        out.push(Event::Text(shown));
                    }
                }
                Event::Html(ref raw) | Event::InlineHtml(ref raw)
                    if let Some(tag) =
                        swallowing_tag(raw, matches!(event, Event::InlineHtml(_))) =>
                {
                    // `<script>` or `<textarea>` named in a sentence would take the rest of
                    // the page with it (the sanitiser drops or escapes its content): shown as
                    // text instead, as the author meant.
                    self.warn_shown_tag(range.start, &tag);
                    let text = match event {
                        Event::Html(raw) | Event::InlineHtml(raw) => raw,
                        _ => unreachable!(),
                    };
                    match heading.as_mut() {
                        Some((.., heading_text)) => heading_text.push_str(&text),
                        None => self.push_text(&text),
                    }
                    out.push(Event::Text(text));
                }
                Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Html(raw)),
                Event::Text(ref t)
                | Event::Code(ref t)
                | Event::InlineMath(ref t)
                | Event::DisplayMath(ref t) => {
                    match heading.as_mut() {
                        Some((.., text)) => text.push_str(t),
                        None => self.push_text(t),
                    }
                    out.push(event);
                }
                Event::SoftBreak | Event::HardBreak => {
                    self.push_text(" ");
                    out.push(event);
                }
                // A block's end separates its last word from the next block's first.
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::DefinitionListTitle
                    | TagEnd::DefinitionListDefinition,
                ) => {
                    self.push_text(" ");
                    out.push(event);
                }
                other => out.push(other),
            }
        }
        if let Some((lang, text)) = code {
            // An unclosed fence runs to the end of the document.
            self.push_text(&text);
            out.push(Event::Html(CowStr::from(code_block(&text, &lang))));
        }
        let reopened = (open_formatting.max(0) as usize).saturating_mul(blocks);
        if self.options.allow_html && html_tags > 0 {
            let refusal = if let Some(at) = deep_at {
                Some((
                    at,
                    format!(
                        "this text holds raw HTML and nests more than {MAX_SANITIZED_DEPTH} levels deep, more than one page may"
                    ),
                    "flatten the nested lists or quotes, or write the raw HTML in Markdown",
                ))
            } else if reopened > MAX_REOPENED {
                Some((
                    0,
                    format!(
                        "this text's raw HTML leaves {open_formatting} formatting tags open across {blocks} paragraphs, more than one page may"
                    ),
                    "close each tag you open (`<b>...</b>`), or write the emphasis in Markdown",
                ))
            } else {
                None
            };
            match refusal {
                Some((at, message, hint)) => {
                    self.withhold = true;
                    let position = self.position(at);
                    self.diagnostics.push(
                        Diagnostic::new(Code::TooComplex, message)
                            .in_file(self.origin.file)
                            .at(position)
                            .with_hint(hint),
                    );
                }
                None => self.sanitize = true,
            }
        }
        if in_comment && let Some(at) = comment_at {
            let position = self.position(at);
            self.diagnostics.push(
                Diagnostic::new(
                    Code::UnclosedComment,
                    "this HTML comment never ends, so everything after it is hidden from readers",
                )
                .in_file(self.origin.file)
                .at(position)
                .with_hint("end the comment with `-->`, or write `\\<!--` to show it as text"),
            );
        }
        out
    }

    fn push_text(&mut self, text: &str) {
        if let Some(section) = self.doc.sections.last_mut() {
            if text == " " && section.text.ends_with(' ') {
                return;
            }
            section.text.push_str(text);
        }
    }

    /// `base`, or `base-N` with the first N not taken. Each base remembers the N it reached,
    /// so N identical headings cost N steps, not N².
    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_owned()
        } else {
            base
        };
        // The theme's ids are checked here rather than put in `used_ids` for every document.
        let free = |used: &mut HashSet<String>, id: &String| {
            !THEME_IDS.contains(&id.as_str()) && used.insert(id.clone())
        };
        if free(&mut self.used_ids, &base) {
            return base;
        }
        let n = self.next_suffix.entry(base.clone()).or_insert(1);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if free(&mut self.used_ids, &id) {
                return id;
            }
        }
    }

    /// Where `offset` (in the Markdown) is in the file.
    fn position(&mut self, offset: usize) -> Option<Position> {
        match self.origin.locate {
            Locate::InFile { text, offset: base } => {
                let index = self.line_index.get_or_insert_with(|| LineIndex::new(text));
                Some(index.position(text, base + offset))
            }
            other => other.position(offset),
        }
    }

    /// The `href` and `src` values of sanitised raw HTML that are relative: each resolved as
    /// a Markdown link is (a content file becomes its page; a missing one is H0105, a
    /// disguised `javascript:` the sanitiser took for a path is H0602).
    fn rewrite_raw_urls(&mut self, html: &str, markdown: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        // The serialised page: text never holds a bare `<` (it is `&lt;`), and attribute values
        // are double-quoted with `"` written `&quot;`, so a tag runs from `<` to the first `>`
        // outside quotes.
        while let Some(open) = rest.find('<') {
            out.push_str(&rest[..open]);
            rest = &rest[open..];
            let mut quoted = false;
            let end = rest
                .char_indices()
                .find(|&(_, c)| {
                    if c == '"' {
                        quoted = !quoted;
                    }
                    c == '>' && !quoted
                })
                .map_or(rest.len(), |(i, _)| i + 1);
            let tag = &rest[..end];
            rest = &rest[end..];
            self.rewrite_tag_urls(tag, markdown, &mut out);
        }
        out.push_str(rest);
        out
    }

    fn rewrite_tag_urls(&mut self, tag: &str, markdown: &str, out: &mut String) {
        const ATTRIBUTES: [&str; 2] = [" href=\"", " src=\""];
        let mut rest = tag;
        loop {
            let next = ATTRIBUTES
                .iter()
                .filter_map(|a| rest.find(a).map(|i| (i, a.len())))
                .min();
            let Some((at, len)) = next else {
                out.push_str(rest);
                return;
            };
            out.push_str(&rest[..at + len]);
            rest = &rest[at + len..];
            let end = rest.find('"').unwrap_or(rest.len());
            let value = &rest[..end];
            rest = &rest[end..];
            let url = value
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            if url.is_empty() || url.starts_with('#') || url.starts_with(fragment::root_marker()) {
                out.push_str(value);
                continue;
            }
            let offset = markdown.find(url.as_str()).unwrap_or(0);
            let rewritten = self.rewrite_url(CowStr::from(url.clone()), offset);
            if *rewritten == *url {
                out.push_str(value);
            } else {
                highlight::escape_into(&rewritten, out);
            }
        }
    }

    fn warn_shown_tag(&mut self, offset: usize, tag: &str) {
        let position = self.position(offset);
        if !self.raw_html_lines.insert(position.map_or(0, |p| p.line)) {
            return;
        }
        self.diagnostics.push(
            Diagnostic::new(
                Code::RawHtml,
                format!("`<{tag}>` is shown as text, so that it cannot hide what follows it"),
            )
            .in_file(self.origin.file)
            .at(position)
            .with_hint(format!(
                "write it in backticks, `<{tag}>`, to show it as code"
            )),
        );
    }

    fn warn_raw_html(&mut self, offset: usize) {
        let position = self.position(offset);
        if !self.raw_html_lines.insert(position.map_or(0, |p| p.line)) {
            return;
        }
        self.diagnostics.push(
            Diagnostic::new(Code::RawHtml, "raw HTML is shown as text")
                .in_file(self.origin.file)
                .at(position)
                .with_hint(
                    "use Markdown instead, or remove `allow-html = false` from book.toml to let \
                     sanitised HTML through",
                ),
        );
    }

    /// Checks a link or image URL and rewrites links to content files into links to the
    /// built pages.
    fn rewrite_url<'m>(&mut self, url: CowStr<'m>, offset: usize) -> CowStr<'m> {
        let position = self.position(offset);
        // A query string stays with the page it is for (`search.html?q=cache`).
        let query = url
            .split('#')
            .next()
            .and_then(|path| path.split_once('?'))
            .map(|(_, query)| query.to_owned())
            .filter(|query| !query.is_empty());
        match links::resolve(&url, self.origin.content_path, self.options.links) {
            LinkTarget::External | LinkTarget::Empty => url,
            LinkTarget::SamePage { anchor } => {
                self.doc.anchor_links.push(AnchorLink {
                    page: None,
                    anchor,
                    position,
                });
                url
            }
            LinkTarget::Internal { output, anchor } => {
                let href = built_href(&output, query.as_deref(), anchor.as_deref());
                if let Some(anchor) = anchor {
                    self.doc.anchor_links.push(AnchorLink {
                        page: Some(output),
                        anchor,
                        position,
                    });
                }
                CowStr::from(href)
            }
            LinkTarget::Generated { output, anchor } => {
                let href = built_href(&output, query.as_deref(), anchor.as_deref());
                self.options
                    .generated_links
                    .borrow_mut()
                    .push(GeneratedLink {
                        file: self.origin.file.to_owned(),
                        output,
                        position,
                    });
                CowStr::from(href)
            }
            LinkTarget::Disallowed { scheme } => {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::DisallowedUrl,
                        format!("links with the `{scheme}:` scheme are not allowed"),
                    )
                    .in_file(self.origin.file)
                    .at(position)
                    .with_hint("use an http(s), mailto or tel link, or a relative path"),
                );
                CowStr::Borrowed("#")
            }
            LinkTarget::Broken { path, reason } => {
                let d = Diagnostic::new(
                    Code::BrokenLink,
                    format!("link to `{path}`, which {reason}"),
                )
                .in_file(self.origin.file)
                .at(position);
                let file_name = path.rsplit('/').next().unwrap_or(&path);
                let d = d
                    .suggest_from(&path, self.options.links.candidates())
                    .with_hint(format!(
                        "check the path: links are relative to this file's folder (`{file_name}` was not found)"
                    ));
                self.diagnostics.push(d);
                CowStr::Borrowed("#")
            }
        }
    }
}

/// Formatting elements the HTML parser reopens in each block while they stay unclosed.
const FORMATTING_TAGS: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// How many formatting tags `raw` opens minus how many it closes.
fn formatting_balance(raw: &str) -> i64 {
    tags(raw)
        .filter(|tag| !tag.self_closing && FORMATTING_TAGS.contains(&tag.name.as_str()))
        .map(|tag| if tag.closing { -1 } else { 1 })
        .sum()
}

/// A tag in a piece of raw HTML, as the HTML tokenizer reads its name.
struct RawTag {
    /// Lowercased.
    name: String,
    closing: bool,
    /// Ends in `/>`.
    self_closing: bool,
}

/// The tags of `raw`: `<`, an optional `/`, a name of letters, digits and `-`, then
/// whitespace, `/`, `>` or the end.
fn tags(raw: &str) -> impl Iterator<Item = RawTag> + '_ {
    raw.split('<').skip(1).filter_map(|part| {
        let (closing, rest) = match part.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, part),
        };
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        let ends = rest[end..]
            .chars()
            .next()
            .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, '/' | '>'));
        (end > 0 && ends).then(|| RawTag {
            name: rest[..end].to_ascii_lowercase(),
            closing,
            self_closing: rest.split('>').next().is_some_and(|t| t.ends_with('/')),
        })
    })
}

/// How many formatting elements the sanitiser may have to rebuild, open tags times the
/// blocks after them: beyond this, a page's raw HTML is refused (a million takes about 0.1 s).
pub const MAX_REOPENED: usize = 1_000_000;

/// A link to a built page, from the site root (marked, resolved per page), with its query
/// string and anchor.
fn built_href(output: &str, query: Option<&str>, anchor: Option<&str>) -> String {
    let mut href = format!("{}{}", fragment::root_marker(), output);
    if let Some(query) = query {
        href.push('?');
        href.push_str(query);
    }
    if let Some(anchor) = anchor {
        href.push('#');
        href.push_str(anchor);
    }
    href
}

/// Left-to-right and right-to-left override characters.
pub const DIRECTION_OVERRIDES: [char; 2] = ['\u{202D}', '\u{202E}'];

/// Elements whose content a browser or the sanitiser does not show as the page's own: raw
/// text (`<script>`), replaced text (`<textarea>`) and the like. Named in prose ("a `<script>`
/// in the head"), each would hide or mangle everything after it.
const SWALLOWING_TAGS: &[&str] = &[
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "select",
    "style",
    "template",
    "textarea",
    "title",
    "xmp",
];

/// Table parts: in a sentence (inline raw HTML) they would move the text around them.
const TABLE_TAGS: &[&str] = &[
    "caption", "col", "colgroup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// The first tag in `raw` (opening or closing) that must be shown as text rather than let
/// through: one that swallows what follows, or, in a sentence, a table's part.
fn swallowing_tag(raw: &str, inline: bool) -> Option<String> {
    tags(raw).map(|tag| tag.name).find(|name| {
        SWALLOWING_TAGS.contains(&name.as_str()) || (inline && TABLE_TAGS.contains(&name.as_str()))
    })
}

/// `raw` without its HTML comments; `in_comment` carries a comment open at the end of one
/// piece of raw HTML into the next (an HTML block comes a line at a time).
fn without_comments<'m>(raw: CowStr<'m>, in_comment: &mut bool) -> CowStr<'m> {
    if !*in_comment && !raw.contains("<!--") {
        return raw;
    }
    let mut kept = String::new();
    let mut rest: &str = &raw;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => break,
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    kept.push_str(&rest[..start]);
                    rest = &rest[start + 4..];
                    // `<!-->` and `<!--->` are whole (empty) comments.
                    if let Some(after) = rest.strip_prefix('>').or(rest.strip_prefix("->")) {
                        rest = after;
                    } else {
                        *in_comment = true;
                    }
                }
                None => {
                    kept.push_str(rest);
                    break;
                }
            }
        }
    }
    CowStr::from(kept)
}

/// The language of a fence's info string (`python title="x"` → `python`), restricted to
/// characters that are safe in a class name.
fn info_language(info: &str) -> String {
    let lang = info.split([' ', ',', '{']).next().unwrap_or("");
    if lang.len() <= 32
        && lang
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+'))
    {
        lang.to_owned()
    } else {
        String::new()
    }
}

fn code_block(code: &str, lang: &str) -> String {
    let body = highlight::highlight(code, lang);
    if lang.is_empty() {
        format!("<pre><code>{body}</code></pre>\n")
    } else {
        format!("<pre><code class=\"language-{lang}\">{body}</code></pre>\n")
    }
}

/// A heading's anchor: lowercase words joined by `-` (`Why ask it?` → `why-ask-it`).
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !out.ends_with('-')
            && !out.is_empty()
        {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn is_valid_anchor(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
}

#[cfg(test)]
mod tests;
