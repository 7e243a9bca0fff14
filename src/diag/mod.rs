//! Problems found in a user's handbook: one `Diagnostic` type, collected, then printed together.
//!
//! Problems with the machine (a disk that cannot be written, a port in use) are not
//! diagnostics; they are ordinary errors carrying the path, see `crate::error`.

mod codes;
pub mod lines;
pub mod print;
pub mod suggest;

pub use codes::Code;

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position {
            line: u32::try_from(line.max(1)).unwrap_or(u32::MAX),
            column: u32::try_from(column.max(1)).unwrap_or(u32::MAX),
        }
    }
}

/// One problem in the user's files.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// The file, relative to the handbook root with `/` separators (`content/roles/x.yaml`).
    pub file: Option<String>,
    pub position: Option<Position>,
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// A "did you mean" to look for once the report is cut (see [`suggest`]).
    pub pending: Option<Box<suggest::Pending>>,
    /// On a line that stands for problems not shown ("... and 40 more"): how many.
    pub hidden: Option<Hidden>,
}

/// How many problems a summary line stands for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Hidden {
    pub errors: usize,
    pub warnings: usize,
}

impl Hidden {
    fn add(&mut self, d: &Diagnostic) {
        match d.hidden {
            Some(h) => {
                self.errors += h.errors;
                self.warnings += h.warnings;
            }
            None if d.is_error() => self.errors += 1,
            None => self.warnings += 1,
        }
    }
}

/// How long a message or hint may be, in characters. Messages quote values from the files
/// (`unknown question `...``), and a value can be a megabyte long.
const MESSAGE_CHARS: usize = 400;

fn cut(mut text: String) -> String {
    if let Some((i, _)) = text.char_indices().nth(MESSAGE_CHARS) {
        text.truncate(i);
        text.push('…');
    }
    text
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            file: None,
            position: None,
            message: cut(message.into()),
            hint: None,
            pending: None,
            hidden: None,
        }
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(cut(hint.into()));
        self
    }

    /// Adds `hint` unless there is one already (a "did you mean" is more useful).
    pub fn or_hint(self, hint: impl Into<String>) -> Self {
        if self.hint.is_some() {
            self
        } else {
            self.with_hint(hint)
        }
    }

    /// Adds a "did you mean" hint when one of `candidates` is close to `wrong`.
    pub fn suggest<'a>(self, wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match did_you_mean(wrong, candidates) {
            Some(near) => self.with_hint(format!("did you mean `{near}`?")),
            None => self,
        }
    }

    /// A "did you mean" among `candidates`, looked for only if this diagnostic is shown
    /// ([`suggest::resolve`]): for candidates that grow with the handbook.
    pub fn suggest_from(mut self, wrong: &str, candidates: &suggest::Candidates) -> Self {
        self.pending = Some(Box::new(suggest::Pending::new(wrong, candidates)));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order diagnostics are printed in: by file, then position, so output is stable
    /// whatever order the parallel stages finished in.
    pub fn sort_key(&self) -> (Option<&str>, Option<Position>, Code, &str) {
        (
            self.file.as_deref(),
            self.position,
            self.code,
            self.message.as_str(),
        )
    }
}

impl fmt::Display for Diagnostic {
    /// The one-line form: `file:line:col: error[H0102]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}")?;
            if let Some(p) = self.position {
                write!(f, ":{}:{}", p.line, p.column)?;
            }
            write!(f, ": ")?;
        }
        write!(
            f,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics into their stable print order and drops exact duplicates.
/// Names as a message quotes them: `` `a`, `b`, `c` ``.
pub fn quoted<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// How many problems of one kind in one file are shown; the rest are counted in one line.
pub const FLOOD: usize = 10;

/// Keeps the first `FLOOD` diagnostics of each code in each file (in print order) and
/// replaces the others by one that counts them. A file with half a million broken links must
/// not print half a million messages into a CI log: the first few say what to fix.
pub fn summarise_floods(diagnostics: &mut Vec<Diagnostic>) {
    use std::collections::HashMap;
    let mut totals: HashMap<(Option<&str>, Code), usize> = HashMap::new();
    for d in diagnostics.iter() {
        *totals.entry((d.file.as_deref(), d.code)).or_default() += 1;
    }
    if totals.values().all(|&n| n <= FLOOD) {
        return;
    }
    let totals: HashMap<(Option<String>, Code), usize> = totals
        .into_iter()
        .map(|((file, code), n)| ((file.map(str::to_owned), code), n))
        .collect();
    let mut seen: HashMap<(Option<String>, Code), usize> = HashMap::new();
    let mut kept = Vec::with_capacity(diagnostics.len().min(totals.len() * (FLOOD + 1)));
    for d in diagnostics.drain(..) {
        let key = (d.file.clone(), d.code);
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        if *n > FLOOD {
            continue;
        }
        let last_shown = *n == FLOOD;
        let file = d.file.clone();
        let (code, severity) = (d.code, d.severity);
        kept.push(d);
        let total = totals[&key];
        if last_shown && total > FLOOD {
            let mut more = Diagnostic::new(
                code,
                format!(
                    "... and {} more `{}` problems in this file, not shown",
                    total - FLOOD,
                    code.name()
                ),
            );
            more.file = file;
            more.severity = severity;
            let n = total - FLOOD;
            more.hidden = Some(match severity {
                Severity::Error => Hidden {
                    errors: n,
                    warnings: 0,
                },
                Severity::Warning => Hidden {
                    errors: 0,
                    warnings: n,
                },
            });
            kept.push(more);
        }
    }
    *diagnostics = kept;
}

/// How many diagnostics one run reports at most; the rest are counted in one line.
pub const MOST: usize = 1000;

/// Keeps the first `MOST` diagnostics and counts the rest in one: a pull request of two
/// thousand files with problems each must not print megabytes into a CI log.
pub fn cap(diagnostics: &mut Vec<Diagnostic>) {
    if diagnostics.len() <= MOST {
        return;
    }
    let rest = diagnostics.split_off(MOST);
    let mut hidden = Hidden::default();
    for d in &rest {
        hidden.add(d);
    }
    let mut more = Diagnostic::new(
        rest[0].code,
        format!(
            "... and {} more problems ({} of them errors), not shown",
            hidden.errors + hidden.warnings,
            hidden.errors
        ),
    )
    .with_hint("fix the problems shown and run again");
    more.severity = if hidden.errors > 0 {
        Severity::Error
    } else {
        Severity::Warning
    };
    more.hidden = Some(hidden);
    diagnostics.push(more);
}

/// How many errors the diagnostics stand for, counting those a summary line hides.
pub fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    count(diagnostics).errors
}

/// How many warnings the diagnostics stand for, counting those a summary line hides.
pub fn count_warnings(diagnostics: &[Diagnostic]) -> usize {
    count(diagnostics).warnings
}

fn count(diagnostics: &[Diagnostic]) -> Hidden {
    let mut all = Hidden::default();
    for d in diagnostics {
        all.add(d);
    }
    all
}

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    // Case is no clue: `#CSS-관련-질문` means the heading `css-관련-질문`, not `js-관련-질문`.
    let wrong = wrong.to_lowercase();
    // For paths, the file names must be alike too: `questions/設計.md` is no typo of
    // `questions/tab.md`, though the two share most of their characters.
    let name = |path: &str| path.rsplit('/').next().unwrap_or(path).to_owned();
    let wrong_name = name(&wrong);
    for candidate in candidates {
        let folded = candidate.to_lowercase();
        let mut score = strsim::jaro_winkler(&wrong, &folded);
        if wrong.contains('/') {
            score = score.min(strsim::jaro_winkler(&wrong_name, &name(&folded)));
        }
        if score > 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_ignore_case() {
        let headings = ["js-관련-질문", "css-관련-질문", "html-관련-질문"];
        assert_eq!(
            did_you_mean("CSS-관련-질문", headings),
            Some("css-관련-질문")
        );
        assert_eq!(did_you_mean("HTML-관련", ["html-관련"]), Some("html-관련"));
        assert_eq!(
            did_you_mean("questions/ORM.md", ["questions/orm.md", "questions/arm.md"]),
            Some("questions/orm.md")
        );
        assert_eq!(did_you_mean("Caching", ["api-design", "testing"]), None);
    }

    #[test]
    fn messages_and_reports_are_bounded() {
        let long = "x".repeat(100_000);
        let d = Diagnostic::new(Code::UnknownQuestion, format!("unknown question `{long}`"))
            .with_hint(long.clone());
        assert_eq!(d.message.chars().count(), MESSAGE_CHARS + 1);
        assert!(d.message.ends_with('…'));
        assert_eq!(
            d.hint.as_ref().map(|h| h.chars().count()),
            Some(MESSAGE_CHARS + 1)
        );

        let mut many: Vec<Diagnostic> = (0..3000)
            .map(|i| Diagnostic::new(Code::BrokenLink, "broken").in_file(format!("f{i}.md")))
            .collect();
        summarise_floods(&mut many);
        assert_eq!(many.len(), 3000, "one per file is no flood");
        cap(&mut many);
        assert_eq!(many.len(), MOST + 1);
        assert!(
            many[MOST]
                .message
                .contains("2000 more problems (2000 of them errors)")
        );
        assert!(many[MOST].is_error());
    }

    /// However a report is cut, it counts every problem: 200 files of 30 broken links and 5
    /// warnings each are 6,000 errors and 1,000 warnings, told in 1,001 lines.
    #[test]
    fn cut_reports_still_count_every_problem() {
        let mut all = Vec::new();
        for f in 0..200 {
            let file = format!("f{f:03}.md");
            for line in 1..=30 {
                let at = Some(Position::new(line, 1));
                all.push(
                    Diagnostic::new(Code::BrokenLink, "broken")
                        .in_file(&file)
                        .at(at),
                );
            }
            for line in 31..=35 {
                let at = Some(Position::new(line, 1));
                all.push(
                    Diagnostic::new(Code::UnusedQuestion, "unused")
                        .in_file(&file)
                        .at(at),
                );
            }
        }
        sort(&mut all);
        summarise_floods(&mut all);
        assert_eq!((count_errors(&all), count_warnings(&all)), (6000, 1000));
        cap(&mut all);
        assert_eq!(all.len(), MOST + 1);
        assert_eq!((count_errors(&all), count_warnings(&all)), (6000, 1000));
        let last = &all[MOST];
        assert!(last.hidden.is_some());
        let shown: usize = all[..MOST]
            .iter()
            .map(|d| d.hidden.map_or(1, |h| h.errors + h.warnings))
            .sum();
        assert!(
            last.message
                .contains(&format!("and {} more problems", 7000 - shown)),
            "{}",
            last.message
        );
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        let names = ["system-design", "fundamentals", "security"];
        assert_eq!(
            did_you_mean("sytem-design", names.iter().copied()),
            Some("system-design")
        );
        assert_eq!(
            did_you_mean("fundamental", names.iter().copied()),
            Some("fundamentals")
        );
        assert_eq!(did_you_mean("zzz", names.iter().copied()), None);
        let paths = ["questions/tab.md", "questions/db/orm.md"];
        assert_eq!(
            did_you_mean("questions/設計.md", paths.iter().copied()),
            None
        );
        assert_eq!(
            did_you_mean("questions/db/orn.md", paths.iter().copied()),
            Some("questions/db/orm.md")
        );
    }

    #[test]
    fn display_is_file_line_col() {
        let d = Diagnostic::new(Code::UnknownDimension, "unknown dimension `x`")
            .in_file("content/questions/a.md")
            .at(Some(Position::new(4, 14)))
            .with_hint("did you mean `y`?");
        assert_eq!(
            d.to_string(),
            "content/questions/a.md:4:14: error[H0102]: unknown dimension `x` (did you mean `y`?)"
        );
    }
}
