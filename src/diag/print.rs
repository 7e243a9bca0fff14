//! Printers for diagnostics: human (with source snippets), GitHub workflow commands, JSON lines.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use super::{Diagnostic, Severity};

/// Where printers find the text of a file to quote a snippet from.
pub trait SourceLookup {
    fn text(&self, file: &str) -> Option<&str>;
}

/// For callers that have no sources at hand: no snippets.
pub struct NoSources;

impl SourceLookup for NoSources {
    fn text(&self, _file: &str) -> Option<&str> {
        None
    }
}

/// The output formats `check` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Coloured, with source snippets.
    #[default]
    Human,
    /// GitHub Actions workflow commands: annotations on the changed lines of a pull request.
    Github,
    /// One JSON object per line.
    Json,
}

pub fn print(
    out: &mut dyn Write,
    format: Format,
    diagnostics: &[Diagnostic],
    sources: &dyn SourceLookup,
    color: bool,
) -> io::Result<()> {
    match format {
        Format::Human => {
            for d in diagnostics {
                human(out, d, sources, color)?;
            }
            Ok(())
        }
        Format::Github => diagnostics.iter().try_for_each(|d| github(out, d)),
        Format::Json => diagnostics.iter().try_for_each(|d| json(out, d)),
    }
}

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
    }
}

/// Writes `text` in `style` when colour is on.
fn styled(out: &mut dyn Write, color: bool, style: Style, text: &str) -> io::Result<()> {
    if color {
        write!(out, "{style}{text}{style:#}")
    } else {
        out.write_all(text.as_bytes())
    }
}

pub fn human(
    out: &mut dyn Write,
    d: &Diagnostic,
    sources: &dyn SourceLookup,
    color: bool,
) -> io::Result<()> {
    let accent = AnsiColor::Blue.on_default().bold();
    styled(
        out,
        color,
        severity_style(d.severity),
        &format!("{}[{}]", d.severity.as_str(), d.code),
    )?;
    styled(
        out,
        color,
        Style::new().bold(),
        &format!(": {}\n", d.message),
    )?;
    let Some(file) = &d.file else {
        if let Some(hint) = &d.hint {
            styled(out, color, accent, "  = ")?;
            writeln!(out, "help: {hint}")?;
        }
        return Ok(());
    };
    let line_text = d.position.and_then(|p| {
        sources
            .text(file)
            .and_then(|text| text.lines().nth(p.line as usize - 1))
            .map(|l| (p, l.trim_end_matches('\r')))
    });
    let gutter = line_text
        .map(|(p, _)| p.line.to_string().len())
        .unwrap_or(1);
    let pad = " ".repeat(gutter);
    styled(out, color, accent, &format!("{pad}--> "))?;
    match d.position {
        Some(p) => writeln!(out, "{file}:{}:{}", p.line, p.column)?,
        None => writeln!(out, "{file}")?,
    }
    if let Some((p, text)) = line_text {
        styled(out, color, accent, &format!("{pad} |\n"))?;
        styled(out, color, accent, &format!("{} | ", p.line))?;
        let (indent, width) = underline(text, p.column as usize);
        let (shown, indent, width) = window(text, indent, width);
        // Carets line up in display columns: a CJK character takes two, a combining mark none.
        let (indent, width) = columns(&shown, indent, width);
        writeln!(out, "{shown}")?;
        styled(out, color, accent, &format!("{pad} | "))?;
        styled(
            out,
            color,
            severity_style(d.severity),
            &format!("{}{}\n", " ".repeat(indent), "^".repeat(width)),
        )?;
    }
    if let Some(hint) = &d.hint {
        styled(out, color, accent, &format!("{pad} = "))?;
        writeln!(out, "help: {hint}")?;
    }
    writeln!(out)
}

/// `indent` and `width`, counted in characters of `shown`, as terminal columns.
fn columns(shown: &str, indent: usize, width: usize) -> (usize, usize) {
    use unicode_width::UnicodeWidthStr;
    let before: String = shown.chars().take(indent).collect();
    let under: String = shown.chars().skip(indent).take(width).collect();
    (before.width(), under.width().max(1))
}

/// How many characters of a line a message quotes, at most.
const QUOTED: usize = 120;

/// The part of `text` (tabs expanded) a message quotes: all of it when it is short, else
/// `QUOTED` characters around the caret, with `…` where it was cut; and the caret's place and
/// width in that part. A minified 20,000-character line must not be printed whole for each
/// problem on it.
fn window(text: &str, indent: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = text.replace('\t', "    ").chars().collect();
    if chars.len() <= QUOTED {
        return (chars.into_iter().collect(), indent, width);
    }
    let caret = indent.min(chars.len());
    let start = caret.saturating_sub(QUOTED / 3);
    let end = (start + QUOTED).min(chars.len());
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    let indent = caret - start + usize::from(start > 0);
    let width = width.min(end.saturating_sub(caret)).max(1);
    (shown, indent, width)
}

/// Where the caret goes under `text` (1-based `column`) and how far it reaches: to the end of
/// the word or quoted value that starts there.
fn underline(text: &str, column: usize) -> (usize, usize) {
    let expanded: Vec<char> = text.replace('\t', "    ").chars().collect();
    let tabs_before = text.chars().take(column - 1).filter(|&c| c == '\t').count();
    let start = (column - 1 + tabs_before * 3).min(expanded.len());
    let rest = &expanded[start..];
    // A Markdown link `[text](target)`: underline all of it.
    if rest.first() == Some(&'[') {
        let text: String = rest.iter().collect();
        if let Some(close) = text
            .find("](")
            .and_then(|i| text[i..].find(')').map(|j| i + j))
        {
            return (start, text[..=close].chars().count());
        }
    }
    (start, value_width(rest).max(1))
}

/// How many characters the value at the start of `rest` takes: a quoted value to its closing
/// quote, a `[...]` or `{...}` to its closing bracket (one character when it is never closed
/// on this line: the opener is the mistake), else the words up to a `,`, a bracket, a `: `
/// (a key) or a comment.
fn value_width(rest: &[char]) -> usize {
    match rest.first() {
        Some(&q @ ('"' | '\'')) => {
            // `''` inside single quotes and `\"` inside double quotes do not close them.
            let mut i = 1;
            while i < rest.len() {
                match rest[i] {
                    '\\' if q == '"' => i += 1,
                    c if c == q && q == '\'' && rest.get(i + 1) == Some(&'\'') => i += 1,
                    c if c == q => return i + 1,
                    _ => {}
                }
                i += 1;
            }
            1
        }
        Some('[' | '{') => {
            let mut depth = 0;
            let mut quote = None;
            for (i, &c) in rest.iter().enumerate() {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '[' | '{') => depth += 1,
                    (None, ']' | '}') => {
                        depth -= 1;
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
            }
            1
        }
        // A tab or other space (a tab where YAML needs spaces): the space itself.
        Some(c) if c.is_whitespace() => rest.iter().take(4).take_while(|c| **c == ' ').count(),
        _ => {
            let mut end = 0;
            for (i, &c) in rest.iter().enumerate() {
                let next = rest.get(i + 1).copied();
                let key_end = c == ':' && next.is_none_or(char::is_whitespace);
                let comment = c == '#' && i > 0 && rest[i - 1].is_whitespace();
                if matches!(c, ',' | ']' | '}' | ')') || key_end || comment {
                    break;
                }
                if !c.is_whitespace() {
                    end = i + 1;
                }
            }
            end
        }
    }
}

/// A GitHub Actions workflow command (`::error file=...,line=...::message`).
pub fn github(out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
    let mut props = Vec::new();
    if let Some(file) = &d.file {
        props.push(format!("file={}", escape_property(file)));
    }
    if let Some(p) = d.position {
        props.push(format!("line={}", p.line));
        props.push(format!("col={}", p.column));
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("{} {}", d.code, d.code.name()))
    ));
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str(&format!(" (help: {hint})"));
    }
    // A line standing for problems not shown is a notice: it is no problem of its own.
    let kind = match (d.hidden, d.severity) {
        (Some(_), _) => "notice",
        (None, Severity::Error) => "error",
        (None, Severity::Warning) => "warning",
    };
    writeln!(
        out,
        "::{kind} {}::{}",
        props.join(","),
        escape_data(&message)
    )
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    severity: &'static str,
    code: &'static str,
    name: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
    /// Only on a line that stands for problems not shown: how many errors and warnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    hidden: Option<serde_json::Value>,
}

pub fn json(out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
    // Written from the struct, so the fields keep their documented order.
    serde_json::to_writer(&mut *out, &JsonDiagnostic::of(d))?;
    writeln!(out)
}

/// A diagnostic as the JSON object `--format json` prints.
pub fn json_value(d: &Diagnostic) -> serde_json::Value {
    serde_json::to_value(JsonDiagnostic::of(d)).unwrap_or_default()
}

impl<'a> JsonDiagnostic<'a> {
    fn of(d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            file: d.file.as_deref(),
            line: d.position.map(|p| p.line),
            column: d.position.map(|p| p.column),
            severity: d.severity.as_str(),
            code: d.code.as_str(),
            name: d.code.name(),
            message: &d.message,
            hint: d.hint.as_deref(),
            hidden: d
                .hidden
                .map(|h| serde_json::json!({ "errors": h.errors, "warnings": h.warnings })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Position};

    struct One(&'static str);
    impl SourceLookup for One {
        fn text(&self, _: &str) -> Option<&str> {
            Some(self.0)
        }
    }

    fn sample() -> Diagnostic {
        Diagnostic::new(Code::UnknownDimension, "unknown dimension `sytem`")
            .in_file("content/questions/a.md")
            .at(Some(Position::new(3, 14)))
            .with_hint("did you mean `system`?")
    }

    #[test]
    fn human_quotes_the_line_and_underlines_the_value() {
        let mut out = Vec::new();
        let src = One("---\ntitle: x\ndimensions: [sytem, api]\n---\n");
        human(&mut out, &sample(), &src, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "error[H0102]: unknown dimension `sytem`\n \
             --> content/questions/a.md:3:14\n  \
             |\n\
             3 | dimensions: [sytem, api]\n  \
             |              ^^^^^\n  \
             = help: did you mean `system`?\n\n"
        );
    }

    #[test]
    fn a_long_line_is_quoted_around_the_problem() {
        let line = format!("{}[x](missing.md){}", "a ".repeat(5000), " b".repeat(5000));
        let d = Diagnostic::new(Code::BrokenLink, "broken")
            .in_file("f.md")
            .at(Some(Position::new(1, 10001)));
        struct One(String);
        impl SourceLookup for One {
            fn text(&self, _: &str) -> Option<&str> {
                Some(&self.0)
            }
        }
        let mut out = Vec::new();
        human(&mut out, &d, &One(line), false).unwrap();
        let out = String::from_utf8(out).unwrap();
        let quoted = out.lines().find(|l| l.starts_with("1 | ")).unwrap();
        assert!(quoted.chars().count() < 140, "{quoted}");
        assert!(
            quoted.starts_with("1 | …") && quoted.ends_with('…'),
            "{quoted}"
        );
        let caret = out.lines().find(|l| l.contains('^')).unwrap();
        let at = caret.chars().position(|c| c == '^').unwrap();
        let under: String = quoted.chars().skip(at).take(15).collect();
        assert_eq!(under, "[x](missing.md)", "{out}");
        assert_eq!(caret.matches('^').count(), 15, "{out}");
    }

    /// The underline covers the whole value the caret points at, whatever its YAML spelling.
    #[test]
    fn underlines_cover_whole_values() {
        let width = |line: &str, column: usize| underline(line, column).1;
        for (line, column, covered) in [
            ("topic: Testing Stuff", 8, "Testing Stuff"),
            ("topic: Testing Stuff  # a comment", 8, "Testing Stuff"),
            ("id: Bad Id", 5, "Bad Id"),
            ("level: [a, b]", 8, "[a, b]"),
            ("anchors: {a: 1, b: [2]}", 10, "{a: 1, b: [2]}"),
            ("title: \"just one\" # c", 8, "\"just one\""),
            ("title: 'it''s'", 8, "'it''s'"),
            (r#"title: "say \"hi\"" x"#, 8, r#""say \"hi\"""#),
            ("titel: x", 1, "titel"),
            ("questions: [orm, inciden, orm]", 18, "inciden"),
            ("strong: [one, two", 9, "["),
            ("title: \"never closed", 8, "\""),
        ] {
            assert_eq!(
                width(line, column),
                covered.chars().count(),
                "{line:?} at {column}"
            );
        }
    }

    #[test]
    fn carets_line_up_under_wide_characters() {
        use unicode_width::UnicodeWidthStr;
        let line = "title: 面试问题 [x](missing.md)";
        let d = Diagnostic::new(Code::BrokenLink, "broken")
            .in_file("f.md")
            .at(Some(Position::new(1, 13)));
        struct One(&'static str);
        impl SourceLookup for One {
            fn text(&self, _: &str) -> Option<&str> {
                Some(self.0)
            }
        }
        let mut out = Vec::new();
        human(&mut out, &d, &One(line), false).unwrap();
        let out = String::from_utf8(out).unwrap();
        let quoted = out.lines().find(|l| l.starts_with("1 | ")).unwrap();
        let caret = out.lines().find(|l| l.contains('^')).unwrap();
        let at = caret.find('^').unwrap();
        // The caret sits under `[` in terminal columns.
        let before = &quoted[..quoted.find('[').unwrap()];
        assert_eq!(at, before.width(), "{out}");
        assert_eq!(caret.matches('^').count(), "[x](missing.md)".len(), "{out}");
    }

    #[test]
    fn markdown_links_are_underlined_whole() {
        assert_eq!(underline("See [x](a.md) now", 5), (4, 9));
        assert_eq!(underline("key: value", 6), (5, 5));
    }

    #[test]
    fn github_escapes_properties_and_data() {
        let mut out = Vec::new();
        let mut d = sample();
        d.message = "50% of\nit".into();
        github(&mut out, &d).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=content/questions/a.md,line=3,col=14,title=H0102 unknown-dimension::50%25 of%0Ait (help: did you mean `system`?)\n"
        );
    }

    #[test]
    fn json_is_one_object_per_line() {
        let mut out = Vec::new();
        json(&mut out, &sample()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["code"], "H0102");
        assert_eq!(v["line"], 3);
        assert_eq!(v["column"], 14);
        assert_eq!(v["hint"], "did you mean `system`?");
    }
}
