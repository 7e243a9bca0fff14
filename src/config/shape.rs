//! Every problem of a book.toml's shape at once, each at its key or value: TOML syntax,
//! unknown keys (with did-you-mean), values of the wrong kind, a missing title. serde stops
//! at the first; an editor fixing a book.toml should need one run, as for content files.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diag::lines::position_at;
use crate::diag::{Code, Diagnostic};

/// What a key holds.
#[derive(Clone, Copy)]
enum Kind {
    Text(&'static str),
    Texts(&'static str),
    Bool,
    /// A whole number (the example).
    Count(&'static str),
    Section(&'static [(&'static str, Kind)]),
}

const BOOK: &[(&str, Kind)] = &[
    ("title", Kind::Text("\"Hiring Django developers\"")),
    ("description", Kind::Text("\"What this handbook is for\"")),
    (
        "authors",
        Kind::Texts("[\"Ada Lovelace\", \"Grace Hopper\"]"),
    ),
    ("language", Kind::Text("\"en\"")),
    ("version", Kind::Text("\"2026.2\"")),
];
const QUESTIONS: &[(&str, Kind)] = &[("review-months", Kind::Count("12"))];
const BUILD: &[(&str, Kind)] = &[
    ("content-dir", Kind::Text("\"content\"")),
    ("build-dir", Kind::Text("\"book\"")),
    ("theme", Kind::Text("\"default\"")),
];
const HTML: &[(&str, Kind)] = &[
    ("site-url", Kind::Text("\"https://example.com/handbook/\"")),
    (
        "edit-url-template",
        Kind::Text("\"https://github.com/org/repo/edit/main/{path}\""),
    ),
    ("allow-html", Kind::Bool),
];
const OUTPUT: &[(&str, Kind)] = &[("html", Kind::Section(HTML))];
const EDITION: &[(&str, Kind)] = &[
    ("title", Kind::Text("\"Interviewing with us\"")),
    (
        "description",
        Kind::Text("\"How we interview, and how to prepare\""),
    ),
    ("build-dir", Kind::Text("\"book-candidates\"")),
    (
        "site-url",
        Kind::Text("\"https://example.com/interviewing/\""),
    ),
];
const AUDIENCE: &[(&str, Kind)] = &[
    ("candidates", Kind::Section(EDITION)),
    ("interviewers", Kind::Section(EDITION)),
];
const ROOT: &[(&str, Kind)] = &[
    ("book", Kind::Section(BOOK)),
    ("build", Kind::Section(BUILD)),
    ("output", Kind::Section(OUTPUT)),
    ("questions", Kind::Section(QUESTIONS)),
    ("audience", Kind::Section(AUDIENCE)),
];

/// The keys at fault, as paths (`["book", "authors"]`), so the rest can still be read.
pub type Faults = Vec<Vec<String>>;

/// Every shape problem of `text`, and the keys at fault. A syntax error stops the check (the
/// rest of the file cannot be read reliably), but every syntax error is told.
pub fn problems(text: &str) -> (Vec<Diagnostic>, Faults) {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let found = errors.iter().map(|e| syntax(text, e)).collect();
        return (found, Vec::new());
    }
    let mut walk = Walk {
        text,
        found: Vec::new(),
        faults: Vec::new(),
    };
    walk.section(doc.get_ref(), ROOT, &mut Vec::new(), 0..0);
    walk.found.sort_by_key(|d| d.position);
    (walk.found, walk.faults)
}

struct Walk<'t> {
    text: &'t str,
    found: Vec<Diagnostic>,
    faults: Faults,
}

impl Walk<'_> {
    fn at(&self, span: &Range<usize>) -> Option<crate::diag::Position> {
        Some(position_at(self.text, span.start.min(self.text.len())))
    }

    fn section(
        &mut self,
        table: &DeTable<'_>,
        keys: &'static [(&'static str, Kind)],
        path: &mut Vec<String>,
        span: Range<usize>,
    ) {
        let known: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            path.push(name.to_owned());
            match keys.iter().find(|(k, _)| *k == name) {
                None => {
                    let within = if path.len() > 1 {
                        format!(" (in `[{}]`)", path[..path.len() - 1].join("."))
                    } else {
                        String::new()
                    };
                    let d = Diagnostic::new(
                        Code::ConfigUnknownKey,
                        format!("unknown key `{name}`{within}"),
                    )
                    .at(self.at(&key.span()))
                    .suggest(name, known.iter().copied());
                    let d = if d.hint.is_some() {
                        d
                    } else if path.len() == 2 && path[0] == "output" {
                        d.with_hint("hirebook writes HTML only: its settings go in [output.html]")
                    } else {
                        d.with_hint(format!(
                            "remove it; the keys here are {}",
                            crate::diag::quoted(&known)
                        ))
                    };
                    self.found.push(d);
                    self.faults.push(path.clone());
                }
                Some((_, kind)) => self.value(value.get_ref(), value.span(), *kind, path),
            }
            path.pop();
        }
        // The one required key.
        if path.as_slice() == ["book"] && table.get("title").is_none() {
            self.found.push(
                Diagnostic::new(Code::ConfigInvalid, "`[book]` has no `title`")
                    .at(self.at(&span))
                    .with_hint("add a line `title = \"Hiring Django developers\"` under [book]"),
            );
            self.faults.push(vec!["book".into(), "title".into()]);
        }
        if path.is_empty() && table.get("book").is_none() {
            self.found.push(
                Diagnostic::new(Code::ConfigInvalid, "book.toml has no `[book]` section")
                    .at(Some(crate::diag::Position::new(1, 1)))
                    .with_hint("start the file with `[book]` and a line `title = \"...\"`"),
            );
            self.faults.push(vec!["book".into()]);
        }
    }

    fn value(
        &mut self,
        value: &DeValue<'_>,
        span: Range<usize>,
        kind: Kind,
        path: &mut Vec<String>,
    ) {
        let key = path.join(".");
        let wrong = |what: &str, example: String| {
            Diagnostic::new(
                Code::ConfigInvalid,
                format!("`{key}` must be {what}, not {}", describe(value)),
            )
            .with_hint(example)
        };
        let name = path.last().cloned().unwrap_or_default();
        let problem = match kind {
            Kind::Text(example) if !value.is_str() => Some(wrong(
                "a piece of text in quotes",
                format!("write it like {name} = {example}"),
            )),
            Kind::Texts(example) => {
                let items = value.as_array();
                let all_text = items.is_some_and(|a| a.iter().all(|v| v.get_ref().is_str()));
                (!all_text).then(|| {
                    wrong(
                        "a list of texts in quotes",
                        format!("write it like {name} = {example}"),
                    )
                })
            }
            Kind::Count(example) if !value.is_integer() => Some(wrong(
                "a whole number",
                format!("write it like {name} = {example} (no quotes)"),
            )),
            Kind::Bool if !value.is_bool() => Some(wrong(
                "true or false",
                format!("write it like {name} = true (no quotes)"),
            )),
            Kind::Section(keys) => match value.as_table() {
                Some(table) => {
                    self.section(table, keys, path, span.clone());
                    None
                }
                None => Some(wrong(
                    "a section",
                    format!("write it as a section: a line `[{key}]` with its keys under it"),
                )),
            },
            _ => None,
        };
        if let Some(d) = problem {
            self.found.push(d.at(self.at(&span)));
            self.faults.push(path.clone());
        }
    }
}

/// What is wrong with setting the key at `path` to `value` (an environment variable's
/// override), in the words a book.toml with that value gets; nothing when it fits or when
/// only the whole configuration can tell.
pub fn override_problems(path: &[String], value: &toml::Value) -> Vec<String> {
    let Some((first, rest)) = path.split_first() else {
        return Vec::new();
    };
    let line = |keys: &[String]| {
        let keys: Vec<String> = keys.iter().map(|k| quoted(k)).collect();
        format!("{} = {}\n", keys.join("."), toml_text(value))
    };
    // A book.toml holding only this key (and the title every book.toml needs).
    let text = if first == "book" {
        let title = if rest.first().is_some_and(|k| k == "title") {
            ""
        } else {
            "title = \"x\"\n"
        };
        format!("[book]\n{title}{}", line(rest))
    } else {
        format!("{}[book]\ntitle = \"x\"\n", line(path))
    };
    let (found, faults) = problems(&text);
    // No faulty key: a syntax error of this made-up text, which is not the user's.
    if faults.is_empty() {
        return Vec::new();
    }
    found.into_iter().map(|d| d.message).collect()
}

/// `key` as a TOML quoted key.
fn quoted(key: &str) -> String {
    toml_text(&toml::Value::String(key.to_owned()))
}

/// `value` written as TOML.
fn toml_text(value: &toml::Value) -> String {
    use std::fmt::Write as _;
    match value {
        toml::Value::String(s) => {
            let mut out = String::from("\"");
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if c.is_control() => {
                        let _ = write!(out, "\\u{:04X}", c as u32);
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) if f.is_nan() => "nan".to_owned(),
        toml::Value::Float(f) if f.is_infinite() => {
            if *f > 0.0 { "inf" } else { "-inf" }.to_owned()
        }
        toml::Value::Float(f) => format!("{f:?}"),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(items) => {
            let items: Vec<String> = items.iter().map(toml_text).collect();
            format!("[{}]", items.join(", "))
        }
        toml::Value::Table(table) => {
            let pairs: Vec<String> = table
                .iter()
                .map(|(k, v)| format!("{} = {}", quoted(k), toml_text(v)))
                .collect();
            format!("{{ {} }}", pairs.join(", "))
        }
    }
}

fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => {
            let short: String = s.chars().take(40).collect();
            format!("the text \"{short}\"")
        }
        DeValue::Integer(i) => format!("the number {}", i.as_str()),
        DeValue::Float(f) => format!("the number {}", f.as_str()),
        DeValue::Boolean(b) => format!("`{b}`"),
        DeValue::Datetime(_) => "a date".to_owned(),
        DeValue::Array(_) => "a list".to_owned(),
        DeValue::Table(_) => "a section".to_owned(),
    }
}

/// A TOML syntax error in plain words, at the mistake: an unclosed quote or bracket at its
/// opening one.
fn syntax(text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().lines().next().unwrap_or("").trim().to_owned();
    let at = e.span().map_or(0, |s| s.start).min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let opener = |c: char| line.find(c).map(|i| line_start + i);
    let (position, message, hint) = if message.contains("unclosed table") {
        (
            opener('[').unwrap_or(at),
            "this `[` is never closed".to_owned(),
            "close the section name with `]`, e.g. `[book]`".to_owned(),
        )
    } else if message.contains("unclosed array") {
        (
            opener('[').unwrap_or(at),
            "this `[` is never closed".to_owned(),
            "close the list with `]`".to_owned(),
        )
    } else if message.contains("basic string") || message.contains("literal string") {
        let quote = if message.contains("basic") { '"' } else { '\'' };
        let after_equals = line.find('=').map_or(0, |i| i + 1);
        let opened = line[after_equals..]
            .find(quote)
            .map(|i| line_start + after_equals + i);
        (
            opened.unwrap_or(at),
            format!("this `{quote}` is never closed"),
            format!("end the text with `{quote}` on the same line"),
        )
    } else if message.contains("duplicate key") {
        let key: String = text[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        let first = text
            .find(&format!("{key} "))
            .or_else(|| text.find(&format!("{key}=")))
            .filter(|&i| i < at)
            .map(|i| position_at(text, i).line);
        (
            at,
            format!("key `{key}` is given twice"),
            match first {
                Some(line) => format!("keep one of them: it is first given on line {line}"),
                None => "keep one of them".to_owned(),
            },
        )
    } else {
        (
            at,
            message,
            "see https://toml.io for how book.toml is written".to_owned(),
        )
    };
    Diagnostic::new(Code::ConfigSyntax, format!("TOML syntax: {message}"))
        .at(Some(position_at(text, position)))
        .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn told(text: &str) -> Vec<String> {
        problems(text)
            .0
            .iter()
            .map(|d| {
                let at = d
                    .position
                    .map_or(String::new(), |p| format!("{}:{}", p.line, p.column));
                format!("{at} {}", d.message)
            })
            .collect()
    }

    #[test]
    fn every_problem_of_a_book_toml_at_once() {
        let text = "[book]\ntitel = \"T\"\ndescription = 5\nauthors = \"Me\"\nlanguage = [\"en\"]\n\n\
                    [build]\nthem = \"x\"\n\n[output.html]\nallow-html = \"yes\"\n\n[output.pdf]\n";
        assert_eq!(
            told(text),
            [
                "1:1 `[book]` has no `title`",
                "2:1 unknown key `titel` (in `[book]`)",
                "3:15 `book.description` must be a piece of text in quotes, not the number 5",
                "4:11 `book.authors` must be a list of texts in quotes, not the text \"Me\"",
                "5:12 `book.language` must be a piece of text in quotes, not a list",
                "8:1 unknown key `them` (in `[build]`)",
                "11:14 `output.html.allow-html` must be true or false, not the text \"yes\"",
                "13:9 unknown key `pdf` (in `[output]`)",
            ]
        );
        let (_, faults) = problems(text);
        assert!(faults.contains(&vec!["book".to_owned(), "authors".to_owned()]));
    }

    #[test]
    fn syntax_errors_point_at_the_opening_bracket_or_quote() {
        assert_eq!(
            told("[book\ntitle = \"T\"\n"),
            ["1:1 TOML syntax: this `[` is never closed"]
        );
        assert_eq!(
            told("[book]\ntitle = \"unterminated\n"),
            ["2:9 TOML syntax: this `\"` is never closed"]
        );
        assert_eq!(
            told("[book]\ntitle = \"A\"\ntitle = \"B\"\n"),
            ["3:1 TOML syntax: key `title` is given twice"]
        );
    }
}
