//! Sections of a page for one audience:
//!
//! ```markdown
//! <!-- interviewers-only -->
//! What interviewers read and candidates never get.
//! <!-- /interviewers-only -->
//! ```
//!
//! (and the `candidates-only` pair). Each marker is an HTML comment on a line of its own, so
//! GitHub's preview of a pull request shows the section as ordinary text. Markers are found
//! by the Markdown parser, so one written inside a code block is text, not a marker.
//!
//! Each edition's text keeps every byte offset of the original: what is left out becomes
//! spaces, line breaks stay. Positions in diagnostics stay right without any mapping.

use std::ops::Range;

use pulldown_cmark::{Event, Parser};

use crate::diag::lines::position_at;
use crate::diag::{Code, Diagnostic};

/// Which audience a section is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    Interviewers,
    Candidates,
}

impl Only {
    fn name(self) -> &'static str {
        match self {
            Only::Interviewers => "interviewers-only",
            Only::Candidates => "candidates-only",
        }
    }
}

/// A page body's sections for one audience.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sections {
    /// Byte ranges of each section, its marker lines included.
    pub spans: Vec<(Only, Range<usize>)>,
}

impl Sections {
    /// `markdown` as `reader` reads it: the other audience's sections and every marker line
    /// become spaces.
    pub fn edition(&self, markdown: &str, reader: Only) -> String {
        let mut out = markdown.as_bytes().to_vec();
        for (only, span) in &self.spans {
            let whole = *only != reader;
            let (start, end) = (span.start, span.end);
            let first_line_end = line_end(markdown, start);
            let last_line_start = line_start(markdown, end);
            // The whole section, or only its two marker lines.
            let ranges = if whole {
                [start..end, end..end]
            } else {
                [start..first_line_end, last_line_start..end]
            };
            for range in ranges {
                for b in &mut out[range] {
                    if *b != b'\n' && *b != b'\r' {
                        *b = b' ';
                    }
                }
            }
        }
        // Only ASCII bytes were written, and only over whole characters' bytes (a range
        // starts and ends at a line boundary), so the text is still UTF-8.
        String::from_utf8(out).unwrap_or_default()
    }

    /// Whether the line at byte `offset` is inside a section for `only`.
    pub fn contains(&self, only: Only, offset: usize) -> bool {
        self.spans
            .iter()
            .any(|(o, span)| *o == only && span.contains(&offset))
    }
}

/// The start of the line that ends at `end` (a section's end, after its last line break).
fn line_start(text: &str, end: usize) -> usize {
    let before = text[..end.min(text.len())].trim_end_matches(['\n', '\r']);
    start_of_line(before, before.len())
}

/// The start of the line holding byte `at`.
fn start_of_line(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// What a piece of raw HTML says, if it is (or looks like) a section marker:
/// `Ok((only, closing))` for a marker, `Err(what it should be)` for anything else that names
/// a section (a marker with words after it, inside other HTML, split over lines...: each would
/// otherwise leave its section in both editions, unseen).
fn marker(html: &str) -> Option<Result<(Only, bool), String>> {
    let lower = html.to_lowercase();
    let named = |o: Only| {
        let word = match o {
            Only::Interviewers => "interviewer",
            Only::Candidates => "candidate",
        };
        lower.contains(word) && lower.contains("only")
    };
    let only = if named(Only::Interviewers) {
        Only::Interviewers
    } else if named(Only::Candidates) {
        Only::Candidates
    } else {
        return None;
    };
    let meant = |closing: bool| {
        let slash = if closing { "/" } else { "" };
        Err(format!("<!-- {slash}{} -->", only.name()))
    };
    let looks_closing = lower.contains("/") || lower.contains("end");
    let Some(inner) = html
        .trim()
        .strip_prefix("<!--")
        .and_then(|rest| rest.strip_suffix("-->"))
        .filter(|inner| !inner.contains("-->") && !inner.contains('\n'))
    else {
        // Not one comment on its own: say so if it names a section at all.
        let marker_like = lower.contains(only.name()) || lower.contains("<!--");
        return marker_like.then(|| meant(looks_closing));
    };
    let words = inner.trim().to_lowercase();
    let (closing, name) = match words.strip_prefix('/') {
        Some(rest) => (true, rest.trim()),
        None => (false, words.as_str()),
    };
    match name {
        "interviewers-only" => return Some(Ok((Only::Interviewers, closing))),
        "candidates-only" => return Some(Ok((Only::Candidates, closing))),
        _ => {}
    }
    // A near miss: `interviewer only`, `end candidates-only`, `INTERVIEWERS ONLY: ...`.
    Some(meant(closing || words.starts_with("end")))
}

/// The sections of `markdown` (a page's body, which starts at byte `base` of `text`, the
/// file), or the problems with its markers, each at file:line:column.
pub fn find(
    markdown: &str,
    file: &str,
    text: &str,
    base: usize,
) -> Result<Sections, Vec<Diagnostic>> {
    // Most pages name no section: no parse for them.
    let lower = markdown.to_ascii_lowercase();
    if !lower.contains("only") || !(lower.contains("interviewer") || lower.contains("candidate")) {
        return Ok(Sections::default());
    }
    let mut sections = Sections::default();
    let mut problems = Vec::new();
    let mut open: Option<(Only, usize)> = None;
    let at = |offset: usize| Some(position_at(text, base + offset));
    let mut problem = |offset: usize, message: String, hint: String| {
        problems.push(
            Diagnostic::new(Code::AudienceSection, message)
                .in_file(file)
                .at(at(offset))
                .with_hint(hint),
        );
    };
    for (event, range) in Parser::new_ext(markdown, super::cmark_options()).into_offset_iter() {
        let (html, inline) = match &event {
            Event::Html(html) => (html, false),
            Event::InlineHtml(html) => (html, true),
            _ => continue,
        };
        let Some(found) = marker(html) else {
            continue;
        };
        let (only, closing) = match found {
            Ok(m) => m,
            Err(meant) => {
                let shown: String = html.trim().chars().take(60).collect();
                let cut = if shown.len() < html.trim().len() {
                    "…"
                } else {
                    ""
                };
                problem(
                    range.start,
                    format!(
                        "`{shown}{cut}` looks like a section marker but is not one, so the \
                         section would be in both editions"
                    ),
                    format!(
                        "write the marker as a comment of its own, `{meant}`, alone on its line"
                    ),
                );
                continue;
            }
        };
        if inline {
            problem(
                range.start,
                format!("the `{}` marker shares its line with text", only.name()),
                "put the marker on a line of its own, with the section's text on the lines \
                 after it"
                    .to_owned(),
            );
            continue;
        }
        let line = start_of_line(markdown, range.start)..line_end(markdown, range.start);
        match (open, closing) {
            (None, false) => open = Some((only, line.start)),
            (Some((was, start)), true) if was == only => {
                sections.spans.push((only, start..line.end));
                open = None;
            }
            (Some((was, start)), _) => problem(
                range.start,
                if closing {
                    format!(
                        "`<!-- /{} -->` closes a section that is not open: the open one is `{}`",
                        only.name(),
                        was.name()
                    )
                } else {
                    format!(
                        "a `{}` section inside a `{}` section",
                        only.name(),
                        was.name()
                    )
                },
                format!(
                    "close the `{}` section (opened on line {}) first with `<!-- /{} -->`",
                    was.name(),
                    position_at(text, base + start).line,
                    was.name()
                ),
            ),
            (None, true) => problem(
                range.start,
                format!(
                    "`<!-- /{} -->` closes a section that was never opened",
                    only.name()
                ),
                format!(
                    "open the section with `<!-- {} -->`, alone on a line before it",
                    only.name()
                ),
            ),
        }
    }
    if let Some((only, start)) = open {
        problem(
            start,
            format!(
                "the `{}` section opened here is never closed, so the rest of the page would \
                 be in it",
                only.name()
            ),
            format!("end the section with a line `<!-- /{} -->`", only.name()),
        );
    }
    if problems.is_empty() {
        Ok(sections)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(md: &str) -> Result<Sections, Vec<String>> {
        find(md, "p.md", md, 0).map_err(|p| {
            p.iter()
                .map(|d| format!("{}:{}", d.position.unwrap().line, d.message))
                .collect()
        })
    }

    #[test]
    fn each_edition_keeps_its_own_sections_and_every_offset() {
        let md = "Both.\n\n<!-- interviewers-only -->\nSecret é.\n<!-- /interviewers-only -->\n\
                  <!-- candidates-only -->\nWelcome.\n<!-- /candidates-only -->\nEnd.\n";
        let s = sections(md).unwrap();
        assert_eq!(s.spans.len(), 2);
        let i = s.edition(md, Only::Interviewers);
        let c = s.edition(md, Only::Candidates);
        assert_eq!(i.len(), md.len());
        assert_eq!(c.len(), md.len());
        assert_eq!(i.lines().count(), md.lines().count());
        assert!(i.contains("Secret é.") && !i.contains("Welcome") && !i.contains("<!--"));
        assert!(c.contains("Welcome.") && !c.contains("Secret") && !c.contains("<!--"));
        assert!(i.contains("Both.") && c.contains("Both.") && c.contains("End."));
        assert!(s.contains(Only::Candidates, md.find("Welcome").unwrap()));
        assert!(!s.contains(Only::Candidates, md.find("Secret").unwrap()));
    }

    #[test]
    fn markers_in_code_are_text_and_spacing_and_case_are_forgiven() {
        let md = "```\n<!-- interviewers-only -->\n```\n\n<!--INTERVIEWERS-ONLY-->\nx\n<!-- / interviewers-only -->\n";
        let s = sections(md).unwrap();
        assert_eq!(s.spans.len(), 1);
        assert!(
            s.edition(md, Only::Candidates)
                .contains("<!-- interviewers-only -->\n```")
        );
    }

    #[test]
    fn every_mistake_is_told_at_its_line() {
        let cases: &[(&str, &str)] = &[
            (
                "a\n<!-- interviewers-only -->\nb\n",
                "2:the `interviewers-only` section opened here is never closed",
            ),
            (
                "a\n<!-- /candidates-only -->\n",
                "2:`<!-- /candidates-only -->` closes a section that was never opened",
            ),
            (
                "<!-- interviewers-only -->\n<!-- candidates-only -->\n",
                "2:a `candidates-only` section inside",
            ),
            (
                "<!-- interviewers-only -->\nx\n<!-- /candidates-only -->\n<!-- /interviewers-only -->\n",
                "3:`<!-- /candidates-only -->` closes a section that is not open",
            ),
            (
                "Text <!-- interviewers-only --> more\n",
                "1:the `interviewers-only` marker shares its line",
            ),
            (
                "<!-- interviewer only -->\n",
                "1:`<!-- interviewer only -->` looks like a section marker",
            ),
            (
                "<!-- end candidates-only -->\n",
                "1:`<!-- end candidates-only -->` looks like",
            ),
            // Marker text that is not one comment alone on its line: each would leave its
            // section in both editions.
            (
                "a\n\n<!-- interviewers-only --> (internal)\nx\n",
                "3:`<!-- interviewers-only --> (internal)` looks like",
            ),
            (
                "<!-- INTERVIEWERS-ONLY: this part must never be published to candidates -->\n",
                "1:`<!-- INTERVIEWERS-ONLY: this part must never be published to…` looks like",
            ),
            (
                "<details><summary>x</summary><!-- interviewers-only -->\nx\n",
                "1:`<details><summary>x</summary><!-- interviewers-only -->` looks like",
            ),
            (
                "<!--\ninterviewers-only\n-->\nsecret\n",
                "2:`interviewers-only` looks like",
            ),
            (
                "<!-- interviewers-only\n(scoring) -->\nsecret\n",
                "1:`<!-- interviewers-only` looks like",
            ),
        ];
        for (md, expected) in cases {
            let problems = sections(md).expect_err(md);
            assert!(
                problems.iter().any(|p| p.starts_with(expected)),
                "{md:?}: {problems:?}"
            );
        }
        // A near miss is told with the marker meant.
        let d = find(
            "<!-- end candidates-only -->\n",
            "p.md",
            "<!-- end candidates-only -->\n",
            0,
        )
        .unwrap_err();
        assert!(
            d[0].hint
                .as_deref()
                .unwrap()
                .contains("<!-- /candidates-only -->")
        );
    }

    #[test]
    fn ordinary_comments_are_not_markers() {
        for md in [
            "<!-- TODO -->\n",
            "<!-- only the brave -->\n",
            "no markers\n",
        ] {
            assert_eq!(sections(md).unwrap(), Sections::default());
        }
    }
}
