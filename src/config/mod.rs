//! `book.toml`: the handbook's configuration, strictly parsed.
//!
//! ```toml
//! [book]
//! title = "Hiring Django developers"   # required
//! description = "..."                   # optional, used in <meta name="description">
//! authors = ["..."]                     # optional
//! language = "en"                       # default "en", the <html lang>
//! version = "2026.2"                    # optional; printed on packets (else the git commit)
//!
//! [questions]
//! review-months = 12                    # optional; `check` warns about questions reviewed
//!                                       # longer ago (their `last_reviewed`)
//!
//! [build]
//! content-dir = "content"               # default "content"
//! build-dir = "book"                    # default "book"
//! theme = "default"                     # default "default", a folder under themes/
//!
//! [output.html]
//! site-url = "/"                        # default "/": a path, or the full URL of the site
//! edit-url-template = "https://github.com/org/repo/edit/main/{path}"   # optional
//! allow-html = true                     # default true: raw HTML in Markdown is sanitised;
//!                                       # false shows it as text (the strict option)
//! ```
//!
//! Every table rejects keys it does not know, with a "did you mean" hint.
//!
//! ```
//! let config = hirebook::config::Config::from_toml("[book]\ntitle = \"T\"\n").unwrap();
//! assert_eq!(config.build.build_dir, std::path::PathBuf::from("book"));
//! assert_eq!(config.html.site_url, "/");
//! ```

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::diag::lines::position_at;
use crate::diag::{Code, Diagnostic};

mod shape;

pub const FILE_NAME: &str = "book.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    book: RawBook,
    #[serde(default)]
    build: RawBuild,
    #[serde(default)]
    output: RawOutput,
    #[serde(default)]
    questions: RawQuestions,
    #[serde(default)]
    audience: RawAudiences,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAudiences {
    candidates: Option<RawEdition>,
    interviewers: Option<RawEdition>,
}

/// `[audience.candidates]`, `[audience.interviewers]`: what one edition changes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawEdition {
    title: Option<String>,
    description: Option<String>,
    build_dir: Option<String>,
    site_url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawQuestions {
    // Read wide, so that `-1` is told as out of range rather than as a type error.
    review_months: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBook {
    title: String,
    description: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    language: Option<String>,
    version: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawBuild {
    content_dir: Option<String>,
    build_dir: Option<String>,
    theme: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutput {
    #[serde(default)]
    html: RawHtml,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawHtml {
    site_url: Option<String>,
    edit_url_template: Option<String>,
    /// Sanitised raw HTML unless set to false, as GitHub renders untrusted Markdown.
    allow_html: Option<bool>,
}

/// The validated configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub book: BookConfig,
    pub build: BuildConfig,
    pub html: HtmlConfig,
    pub questions: QuestionsConfig,
    /// `[audience.candidates]`: `None` when book.toml does not ask for a candidates' edition.
    pub candidates: Option<Edition>,
    /// `[audience.interviewers]`: what the interviewers' edition changes, if anything.
    pub interviewers: Option<Edition>,
}

/// The audience one build is for (`--audience`): the interviewers' edition holds everything,
/// the candidates' only what is shared with them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Audience {
    #[default]
    Interviewers,
    Candidates,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Interviewers => "interviewers",
            Audience::Candidates => "candidates",
        }
    }
}

/// The candidates' build dir when book.toml gives none: the build dir's name with
/// `-candidates` (`book-candidates`), beside it.
pub fn default_candidates_dir(build_dir: &Path) -> PathBuf {
    match build_dir.file_name() {
        Some(name) => {
            let mut name = name.to_owned();
            name.push("-candidates");
            build_dir.with_file_name(name)
        }
        None => PathBuf::from("book-candidates"),
    }
}

/// What book.toml changes for one audience's edition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edition {
    pub title: Option<String>,
    pub description: Option<String>,
    pub build_dir: Option<PathBuf>,
    /// The path and the full address, as in [`HtmlConfig`].
    pub site_url: Option<(String, Option<String>)>,
}

impl Config {
    /// The configuration of `audience`'s edition. The candidates' build dir, unless book.toml
    /// gives one, is the build dir's name with `-candidates` (`book-candidates`), so that the
    /// two editions never replace each other.
    pub fn edition(&self, audience: Audience) -> Config {
        let mut config = self.clone();
        let edition = match audience {
            Audience::Interviewers => self.interviewers.clone(),
            Audience::Candidates => {
                config.build.build_dir = default_candidates_dir(&self.build.build_dir);
                // What candidates read is theirs alone: not the book's description (written
                // for interviewers), and no link to edit the full source of a page.
                config.book.description = None;
                config.html.edit_url_template = None;
                self.candidates.clone()
            }
        };
        if let Some(edition) = edition {
            if let Some(title) = edition.title {
                config.book.title = title;
            }
            if edition.description.is_some() {
                config.book.description = edition.description;
            }
            if let Some(dir) = edition.build_dir {
                config.build.build_dir = dir;
            }
            if let Some((path, origin)) = edition.site_url {
                config.html.site_url = path;
                config.html.site_origin = origin;
            }
        }
        config
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionsConfig {
    /// How often questions are due for review, in months (`None`: no reviews are asked for).
    pub review_months: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookConfig {
    pub title: String,
    pub description: Option<String>,
    pub authors: Vec<String>,
    /// A BCP 47 tag for `<html lang>`; default `en`.
    pub language: String,
    /// Printed on packets and print views; without it, the git commit and its date are.
    pub version: Option<String>,
}

impl BookConfig {
    /// Whether the language is written right to left (`ar`, `fa`, `he`, `ur`...), from its
    /// script subtag when it has one (`az-Arab`, `ku-Latn`), else its language subtag.
    pub fn right_to_left(&self) -> bool {
        let mut subtags = self.language.split(['-', '_']).map(str::to_ascii_lowercase);
        let language = subtags.next().unwrap_or_default();
        if let Some(script) = subtags.find(|s| s.len() == 4) {
            return matches!(
                script.as_str(),
                "arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm" | "rohg" | "mand" | "samr"
            );
        }
        matches!(
            language.as_str(),
            "ar" | "arc"
                | "ckb"
                | "dv"
                | "fa"
                | "he"
                | "iw"
                | "ks"
                | "ps"
                | "sd"
                | "ug"
                | "ur"
                | "yi"
                | "syr"
                | "nqo"
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildConfig {
    /// Relative to the handbook root; default `content`.
    pub content_dir: PathBuf,
    /// Relative to the handbook root; default `book`.
    pub build_dir: PathBuf,
    /// A folder name under `themes/`; default `default`.
    pub theme: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlConfig {
    /// Always starts and ends with `/`; default `/`.
    pub site_url: String,
    /// The site's full address (`https://example.com/handbook/`) when `site-url` gives one:
    /// pages then carry a canonical link.
    pub site_origin: Option<String>,
    /// Contains `{path}`, replaced by the source file's path relative to the handbook root.
    pub edit_url_template: Option<String>,
    pub allow_html: bool,
}

impl Config {
    /// Parses and validates the text of a book.toml. Diagnostics are not yet tied to a file.
    pub fn from_toml(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::from_toml_partial(text).map_err(|(problems, _)| problems)
    }

    /// `from_toml`, and with problems, the configuration the file gives without its keys at
    /// fault, when the rest is sound: the content can then be checked in the same run (the
    /// build still fails on the problems, so nothing is written with it).
    pub fn from_toml_partial(text: &str) -> Result<Config, (Vec<Diagnostic>, Option<Box<Config>>)> {
        let (mut problems, faults) = shape::problems(text);
        if !problems.is_empty() {
            if problems.iter().any(|d| d.code == Code::ConfigSyntax) {
                return Err((problems, None));
            }
            let mut partial = None;
            // The rest of the file, without the keys at fault, for the checks of values
            // (folders, theme, URLs) in the same run.
            if let Ok(mut table) = text.parse::<toml::Table>() {
                for path in &faults {
                    remove(&mut table, path);
                }
                if let Some(toml::Value::Table(book)) = table.get_mut("book") {
                    book.entry("title")
                        .or_insert_with(|| toml::Value::String("…".into()));
                }
                if let Ok(raw) = toml::Value::Table(table).try_into::<RawConfig>() {
                    match validate(raw, text) {
                        Ok(config) => partial = Some(Box::new(config)),
                        Err(more) => problems.extend(more),
                    }
                }
            }
            return Err((problems, partial));
        }
        // `shape::problems` checks all that serde does (syntax, keys, kinds, the title); this
        // is only a guard.
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let d = Diagnostic::new(Code::ConfigInvalid, first_line(e.message()))
                .at(e.span().map(|s| position_at(text, s.start)));
            (vec![d], None)
        })?;
        validate(raw, text).map_err(|problems| (problems, None))
    }

    /// `from_toml_partial`, then each override (a key path, as in [`env_overrides`], and its
    /// value) put over book.toml's value. An override that does not fit is reported naming its
    /// variable. With overrides, a book.toml with problems gives no partial configuration.
    pub fn from_toml_with(
        text: &str,
        overrides: &[(String, Vec<String>, toml::Value)],
    ) -> Result<Config, (Vec<Diagnostic>, Option<Box<Config>>)> {
        // The file's own problems first, at their lines.
        let config = Config::from_toml_partial(text)
            .map_err(|(problems, partial)| (problems, partial.filter(|_| overrides.is_empty())))?;
        if overrides.is_empty() {
            return Ok(config);
        }
        // Each variable's value checked as book.toml's would be, in the same words.
        let misfits: Vec<Diagnostic> = overrides
            .iter()
            .flat_map(|(name, path, value)| {
                shape::override_problems(path, value)
                    .into_iter()
                    .map(move |problem| {
                        from_environment(Code::ConfigInvalid, name, &problem, ENV_HINT)
                    })
            })
            .collect();
        if !misfits.is_empty() {
            return Err((misfits, None));
        }
        let mut table: toml::Table = text.parse().map_err(|_| (Vec::new(), None))?;
        for (_, path, value) in overrides {
            let (last, parents) = path.split_last().expect("a key path is never empty");
            let mut at = &mut table;
            for key in parents {
                let entry = at
                    .entry(key.clone())
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()));
                if !entry.is_table() {
                    *entry = toml::Value::Table(toml::Table::new());
                }
                at = entry.as_table_mut().expect("made a table just above");
            }
            at.insert(last.clone(), value.clone());
        }
        let names: Vec<&str> = overrides.iter().map(|(n, ..)| n.as_str()).collect();
        let raw: RawConfig =
            toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| {
                    let problems = vec![from_environment(
                        Code::ConfigInvalid,
                        &names.join(", "),
                        &first_line(e.message()),
                        ENV_HINT,
                    )];
                    (problems, None)
                })?;
        // book.toml alone was valid (above): what fails now comes from the variables, whose
        // values have no place in the file to point at.
        validate(raw, text).map_err(|problems| {
            let problems = problems
                .into_iter()
                .map(|d| {
                    let hint = d.hint.as_deref().unwrap_or(ENV_HINT);
                    from_environment(d.code, &names.join(", "), &d.message, hint)
                })
                .collect();
            (problems, None)
        })
    }

    /// Reads `book.toml` from `root`, with `HIREBOOK_*` variables of the environment over it.
    pub fn load(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join(FILE_NAME);
        let text = std::fs::read_to_string(&path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                ConfigError::Missing(root.to_path_buf())
            } else {
                ConfigError::Io(crate::error::IoError::new("read", &path, source))
            }
        })?;
        let overrides = env_overrides(std::env::vars());
        Config::from_toml_with(&text, &overrides).map_err(|(diagnostics, partial)| {
            ConfigError::Invalid {
                diagnostics: diagnostics
                    .into_iter()
                    .map(|d| d.in_file(FILE_NAME))
                    .collect(),
                partial,
                text,
            }
        })
    }
}

/// The `HIREBOOK_*` variables that set a book.toml key, as mdBook's `MDBOOK_*` do: the name
/// after the prefix is the key's path, `__` between levels and `_` for `-`
/// (`HIREBOOK_OUTPUT__HTML__SITE_URL` sets `output.html.site-url`). Only names under the
/// config's sections count (`book`, `build`, `output`, `questions`, `audience`), so other `HIREBOOK_*` variables (the
/// install script's, the tests') are left alone. A value is read as TOML when it is one
/// (`true`, `3`, `"quoted"`, `["a"]`), else as text.
pub fn env_overrides(
    vars: impl IntoIterator<Item = (String, String)>,
) -> Vec<(String, Vec<String>, toml::Value)> {
    let mut out: Vec<(String, Vec<String>, toml::Value)> = vars
        .into_iter()
        .filter_map(|(name, value)| {
            let rest = name.strip_prefix("HIREBOOK_")?;
            let path: Vec<String> = rest
                .split("__")
                .map(|part| part.to_ascii_lowercase().replace('_', "-"))
                .collect();
            let known = matches!(
                path[0].as_str(),
                "book" | "build" | "output" | "questions" | "audience"
            );
            if !known || path.len() < 2 || path.iter().any(String::is_empty) {
                return None;
            }
            let value = format!("v = {value}")
                .parse::<toml::Table>()
                .ok()
                .and_then(|mut t| t.remove("v"))
                .unwrap_or(toml::Value::String(value));
            Some((name, path, value))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Why a config could not be loaded.
#[derive(Debug)]
pub enum ConfigError {
    /// There is no book.toml: probably not a handbook folder.
    Missing(PathBuf),
    Io(crate::error::IoError),
    /// The diagnostics and the text they point into.
    Invalid {
        diagnostics: Vec<Diagnostic>,
        text: String,
        /// The configuration without the keys at fault, when the rest is sound (see
        /// [`Config::from_toml_partial`]).
        partial: Option<Box<Config>>,
    },
}

/// A problem of the environment's `names` (variables), which have no line to point at.
fn from_environment(code: Code, names: &str, problem: &str, hint: &str) -> Diagnostic {
    Diagnostic::new(code, format!("the environment's {names}: {problem}")).with_hint(hint)
}

const ENV_HINT: &str = "fix or unset the variable (HIREBOOK_SECTION__KEY=value, one key each, \
     as in book.toml)";

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_owned()
}

/// Where `key`'s value is in book.toml's `text`, for a message about the value.
pub fn key_position(text: &str, key: &str) -> Option<crate::diag::Position> {
    let at = text.match_indices(key).map(|(i, _)| i).find(|&i| {
        let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
        text[line_start..i].trim().is_empty() && text[i + key.len()..].trim_start().starts_with('=')
    })?;
    let after = &text[at + key.len()..];
    let equals = after.find('=')? + 1;
    let spaces = after[equals..].len() - after[equals..].trim_start_matches([' ', '\t']).len();
    Some(position_at(text, at + key.len() + equals + spaces))
}

/// Where `key`'s value is in the table `[table]` (its header written as such), if it is.
pub fn section_key_position(text: &str, table: &str, key: &str) -> Option<crate::diag::Position> {
    let header = format!("[{table}]");
    let start = text
        .match_indices(&header)
        .map(|(i, _)| i)
        .find(|&i| text[..i].rfind('\n').map_or(0, |n| n + 1) == i)?;
    let body_start = start + header.len();
    let end = text[body_start..]
        .find("\n[")
        .map_or(text.len(), |i| body_start + i + 1);
    let position = key_position(&text[body_start..end], key)?;
    // Lines counted from the header's line.
    let before = text[..body_start].matches('\n').count();
    Some(crate::diag::Position::new(
        position.line as usize + before,
        position.column as usize,
    ))
}

/// A relative path without `.` parts, to compare two folders.
fn normal(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .collect()
}

/// Removes the key at `path` from `table`.
fn remove(table: &mut toml::Table, path: &[String]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = table;
    for key in parents {
        match at.get_mut(key) {
            Some(toml::Value::Table(t)) => at = t,
            _ => return,
        }
    }
    at.remove(last);
}

fn validate(raw: RawConfig, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let at_key = |key: &str| key_position(text, key);

    if raw.book.title.trim().is_empty() {
        problems.push(
            Diagnostic::new(Code::ConfigInvalid, "`book.title` is empty")
                .at(at_key("title"))
                .with_hint("give the handbook a title, e.g. title = \"Hiring Django developers\""),
        );
    }

    let content_dir = relative_dir(
        "build.content-dir",
        raw.build.content_dir,
        "content",
        at_key("content-dir"),
        &mut problems,
    );
    let build_dir = relative_dir(
        "build.build-dir",
        raw.build.build_dir,
        "book",
        at_key("build-dir"),
        &mut problems,
    );

    // A language tag: `en`, `pt-BR`, `zh-Hans`; `ar_EG` is read as `ar-EG`.
    let language = raw
        .book
        .language
        .as_deref()
        .unwrap_or("en")
        .trim()
        .replace('_', "-");
    let well_formed = language.len() <= 35
        && language.split('-').enumerate().all(|(i, part)| {
            let alpha = part.bytes().all(|b| b.is_ascii_alphabetic());
            let alnum = part.bytes().all(|b| b.is_ascii_alphanumeric());
            (1..=8).contains(&part.len())
                && if i == 0 {
                    alpha && part.len() >= 2
                } else {
                    alnum
                }
        });
    if !well_formed {
        problems.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!("`book.language` must be a language tag, got `{language}`"),
            )
            .at(at_key("language"))
            .with_hint("use a tag such as \"en\", \"de\", \"pt-BR\", \"zh-Hans\" or \"ar\""),
        );
    }

    let theme = raw.build.theme.unwrap_or_else(|| "default".to_owned());
    if !crate::slug::is_slug(&theme) {
        problems.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!("`build.theme` must be a folder name under themes/, got `{theme}`"),
            )
            .at(at_key("theme"))
            .with_hint("use lowercase letters, digits and `-`, e.g. \"default\""),
        );
    }

    let given_url = raw.output.html.site_url.as_deref().unwrap_or("/");
    let (site_url, site_origin) = checked_site_url(
        given_url,
        "output.html.site-url",
        at_key("site-url"),
        &mut problems,
    );

    if let Some(template) = &raw.output.html.edit_url_template {
        let scheme_ok = template.starts_with("https://") || template.starts_with("http://");
        if !template.contains("{path}") || !scheme_ok {
            problems.push(
                Diagnostic::new(
                    Code::ConfigInvalid,
                    "`output.html.edit-url-template` must be an http(s) URL containing `{path}`",
                )
                .at(at_key("edit-url-template"))
                .with_hint("e.g. \"https://github.com/org/repo/edit/main/{path}\""),
            );
        }
    }

    if let Some(version) = &raw.book.version {
        let bad = version.chars().find(|c| {
            c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        });
        if let Some(c) = bad {
            problems.push(
                Diagnostic::new(
                    Code::ConfigInvalid,
                    format!(
                        "`book.version` holds an invisible character (U+{:04X}), which would be \
                         printed on every packet",
                        c as u32
                    ),
                )
                .at(at_key("version"))
                .with_hint("write the version in plain characters, e.g. version = \"2026.2\""),
            );
        } else if version.chars().count() > 80 {
            problems.push(
                Diagnostic::new(
                    Code::ConfigInvalid,
                    "`book.version` is longer than 80 characters",
                )
                .at(at_key("version"))
                .with_hint("keep it short: it is printed at the foot of every page of a packet"),
            );
        }
    }
    if let Some(months) = raw.questions.review_months
        && !(1..=120).contains(&months)
    {
        problems.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!("`questions.review-months` must be from 1 to 120, not {months}"),
            )
            .at(at_key("review-months"))
            .with_hint("e.g. review-months = 12 for a yearly review"),
        );
    }

    let mut edition = |name: &str, raw: Option<RawEdition>| {
        let raw = raw?;
        let table = format!("audience.{name}");
        let at = |key: &str| section_key_position(text, &table, key);
        let title = raw.title.map(|t| t.trim().to_owned());
        if title.as_deref() == Some("") {
            problems.push(
                Diagnostic::new(Code::ConfigInvalid, format!("`{table}.title` is empty"))
                    .at(at("title"))
                    .with_hint("give this edition a title, or remove the key to use the book's"),
            );
        }
        let build_dir = raw.build_dir.map(|dir| {
            let key = format!("{table}.build-dir");
            let dir = relative_dir(&key, Some(dir), "book", at("build-dir"), &mut problems);
            let (a, b) = (normal(&dir), normal(&build_dir));
            if a.starts_with(&b) || b.starts_with(&a) {
                let relation = if a == b {
                    "is the same folder as `build.build-dir`"
                } else if a.starts_with(&b) {
                    "is a folder inside the build dir"
                } else {
                    "is a folder around the build dir"
                };
                problems.push(
                    Diagnostic::new(
                        Code::ConfigInvalid,
                        format!(
                            "`{key}` (\"{}\") {relation}, and each edition's build replaces its \
                             own folder whole",
                            dir.display()
                        ),
                    )
                    .at(at("build-dir"))
                    .with_hint(format!(
                        "give the {name}' edition a folder of its own beside it, e.g. \"{}\"",
                        default_candidates_dir(&build_dir)
                            .with_file_name(format!("book-{name}"))
                            .display()
                    )),
                );
            }
            dir
        });
        let site_url = raw.site_url.map(|url| {
            checked_site_url(
                &url,
                &format!("{table}.site-url"),
                at("site-url"),
                &mut problems,
            )
        });
        Some(Edition {
            title,
            description: raw.description.filter(|d| !d.trim().is_empty()),
            build_dir,
            site_url,
        })
    };
    let candidates = edition("candidates", raw.audience.candidates);
    let interviewers = edition("interviewers", raw.audience.interviewers);

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Config {
        candidates,
        interviewers,
        book: BookConfig {
            title: raw.book.title.trim().to_owned(),
            description: raw.book.description.filter(|d| !d.trim().is_empty()),
            authors: raw.book.authors,
            language,
            version: raw
                .book
                .version
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty()),
        },
        build: BuildConfig {
            content_dir,
            build_dir,
            theme,
        },
        html: HtmlConfig {
            site_url,
            site_origin,
            edit_url_template: raw.output.html.edit_url_template,
            allow_html: raw.output.html.allow_html.unwrap_or(true),
        },
        questions: QuestionsConfig {
            review_months: raw.questions.review_months.map(|m| m as u32),
        },
    })
}

/// A folder inside the handbook (`key` is how messages name it).
fn relative_dir(
    key: &str,
    value: Option<String>,
    default: &str,
    at: Option<crate::diag::Position>,
    problems: &mut Vec<Diagnostic>,
) -> PathBuf {
    let value = value.unwrap_or_else(|| default.to_owned());
    let path = PathBuf::from(&value);
    let escapes = path
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if value.trim().is_empty() || escapes {
        problems.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!("`{key}` must be a folder inside the handbook, got `{value}`"),
            )
            .at(at)
            .with_hint(format!(
                "use a relative path without `..`, e.g. \"{default}\"; to build elsewhere, pass --dest-dir"
            )),
        );
    }
    path
}

/// `site-url`'s path and full address, checked (`key` is how messages name it).
fn checked_site_url(
    given_url: &str,
    key: &str,
    at: Option<crate::diag::Position>,
    problems: &mut Vec<Diagnostic>,
) -> (String, Option<String>) {
    let site_url = normalize_site_url(given_url);
    let site_origin = full_site_url(given_url, &site_url);
    let lower = given_url.trim().to_ascii_lowercase();
    let is_url = lower.starts_with("https://") || lower.starts_with("http://");
    // `example.com/handbook`: an address with its `https://` forgotten, not a folder.
    let first = given_url.trim().split('/').next().unwrap_or("");
    let bare_host = !given_url.trim().starts_with('/')
        && first.contains('.')
        && first
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if bare_host {
        problems.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!(
                    "`{key}` looks like a web address without `https://`: `{}`",
                    given_url.trim()
                ),
            )
            .at(at)
            .with_hint(format!(
                "write the full address, \"https://{}\", or a path such as \"/handbook/\"",
                given_url.trim()
            )),
        );
    } else if is_url && site_origin.is_none() {
        problems.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!("`{key}` has no valid host name: `{}`", given_url.trim()),
            )
            .at(at)
            .with_hint(
                "give the address the site is published at, e.g. \"https://example.com/handbook/\"",
            ),
        );
    } else if site_url.contains("://") || site_url.contains(['"', '<', '>', ' ', '\\']) {
        problems.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!(
                    "`{key}` must be an http(s) URL or a path, not `{}`",
                    given_url.trim()
                ),
            )
            .at(at)
            .with_hint("give the address the site is published at, e.g. \"https://example.com/handbook/\" or \"/handbook/\""),
        );
    }

    (site_url, site_origin)
}

/// `https://example.com/handbook?x` → `https://example.com/handbook/`: the full address of a
/// site whose `site-url` gives one (scheme and host as written, `path` normalised).
fn full_site_url(given: &str, path: &str) -> Option<String> {
    let given = given.trim();
    let lower = given.to_ascii_lowercase();
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|s| lower.starts_with(s))?;
    let rest = &given[scheme.len()..];
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let safe = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if host.is_empty() || !host.chars().all(safe) {
        return None;
    }
    Some(format!("{scheme}{}{path}", host.to_ascii_lowercase()))
}

/// `handbook` → `/handbook/`, `` → `/`.
/// The path the site is published under: `/handbook/` from `handbook`, `/handbook`, or the
/// full URL `https://example.com/handbook` that mdBook, Zola and Hugo users write.
fn normalize_site_url(url: &str) -> String {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let url = if lower.starts_with("https://") || lower.starts_with("http://") {
        let after_scheme = &url[url.find("://").map_or(0, |i| i + 3)..];
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        // A query or fragment is no part of where the site lives.
        path.split(['?', '#']).next().unwrap_or("")
    } else {
        url
    };
    let trimmed = url.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else {
        format!("/{trimmed}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Position;

    #[test]
    fn site_url_takes_a_full_url_or_a_path() {
        for (given, path) in [
            ("https://example.com/handbook", "/handbook/"),
            ("https://example.com/handbook/", "/handbook/"),
            ("HTTP://example.com/a/b?x=1#top", "/a/b/"),
            ("https://example.com", "/"),
            ("https://example.com/", "/"),
            ("/handbook", "/handbook/"),
            ("handbook/", "/handbook/"),
            ("", "/"),
        ] {
            assert_eq!(normalize_site_url(given), path, "{given}");
        }
    }

    #[test]
    fn a_full_site_url_gives_the_site_its_address() {
        for (given, origin) in [
            (
                "https://Example.com/handbook",
                Some("https://example.com/handbook/"),
            ),
            (
                "HTTP://example.com:8080/a/b?x=1#top",
                Some("http://example.com:8080/a/b/"),
            ),
            ("https://example.com", Some("https://example.com/")),
            ("https://", None),
            ("https://ex ample.com/", None),
            ("/handbook/", None),
        ] {
            let path = normalize_site_url(given);
            assert_eq!(full_site_url(given, &path).as_deref(), origin, "{given}");
        }
    }

    #[test]
    fn environment_names_map_to_keys() {
        let vars = [
            ("HIREBOOK_OUTPUT__HTML__SITE_URL", "/hb/"),
            ("HIREBOOK_OUTPUT__HTML__ALLOW_HTML", "true"),
            ("HIREBOOK_BOOK__AUTHORS", "[\"A\", \"B\"]"),
            ("HIREBOOK_BOOK__TITLE", "Two words"),
            ("HIREBOOK_CHROMIUM", "/usr/bin/chromium"),
            ("HIREBOOK_BOOK", "x"),
            ("HIREBOOK_BOOK____TITLE", "x"),
            ("MDBOOK_BOOK__TITLE", "x"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()));
        let got: Vec<(String, String)> = env_overrides(vars)
            .into_iter()
            .map(|(_, path, value)| (path.join("."), format!("{value:?}")))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "book.authors".to_owned(),
                    "Array([String(\"A\"), String(\"B\")])".to_owned()
                ),
                ("book.title".to_owned(), "String(\"Two words\")".to_owned()),
                (
                    "output.html.allow-html".to_owned(),
                    "Boolean(true)".to_owned()
                ),
                (
                    "output.html.site-url".to_owned(),
                    "String(\"/hb/\")".to_owned()
                ),
            ]
        );
    }

    /// A variable's value of the wrong kind is told in book.toml's words, naming the variable,
    /// every such variable at once; values that fit (quotes, backslashes, control characters,
    /// the title itself) are taken.
    #[test]
    fn environment_values_of_the_wrong_kind_are_told_plainly() {
        let text = "[book]\ntitle = \"T\"\n";
        let told = |vars: &[(&str, &str)]| {
            let vars = vars.iter().map(|(k, v)| (k.to_string(), v.to_string()));
            match Config::from_toml_with(text, &env_overrides(vars)) {
                Ok(_) => Vec::new(),
                Err((problems, _)) => problems.into_iter().map(|d| d.message).collect(),
            }
        };
        assert_eq!(
            told(&[
                ("HIREBOOK_AUDIENCE__CANDIDATES", "1"),
                ("HIREBOOK_OUTPUT__HTML", "[1]"),
                ("HIREBOOK_BOOK__AUTHORS", "\"Ada\""),
                ("HIREBOOK_QUESTIONS__REVIEW_MONTHS", "soon"),
                ("HIREBOOK_BUILD__THEMES", "x"),
                ("HIREBOOK_BOOK__TITLE__X", "1"),
            ]),
            [
                "the environment's HIREBOOK_AUDIENCE__CANDIDATES: `audience.candidates` must be \
                 a section, not the number 1",
                "the environment's HIREBOOK_BOOK__AUTHORS: `book.authors` must be a list of \
                 texts in quotes, not the text \"Ada\"",
                "the environment's HIREBOOK_BOOK__TITLE__X: `book.title` must be a piece of \
                 text in quotes, not a section",
                "the environment's HIREBOOK_BUILD__THEMES: unknown key `themes` (in `[build]`)",
                "the environment's HIREBOOK_OUTPUT__HTML: `output.html` must be a section, not \
                 a list",
                "the environment's HIREBOOK_QUESTIONS__REVIEW_MONTHS: \
                 `questions.review-months` must be a whole number, not the text \"soon\"",
            ]
        );
        // A value of the right kind that the configuration refuses is told as the variable's,
        // not at book.toml's line.
        let vars = [("HIREBOOK_QUESTIONS__REVIEW_MONTHS", "-3")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()));
        let text_with = "[book]\ntitle = \"T\"\n[questions]\nreview-months = 6\n";
        let Err((problems, _)) = Config::from_toml_with(text_with, &env_overrides(vars)) else {
            panic!("review-months = -3 taken");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .message
                .starts_with("the environment's HIREBOOK_QUESTIONS__REVIEW_MONTHS: "),
            "{problems:?}"
        );
        assert_eq!(problems[0].position, None);
        for fits in [
            ("HIREBOOK_BOOK__TITLE", "say \"hi\" \\ \u{7}"),
            ("HIREBOOK_BOOK__DESCRIPTION", "a = b, [c]"),
            ("HIREBOOK_AUDIENCE__CANDIDATES__BUILD_DIR", "public"),
            ("HIREBOOK_OUTPUT__HTML__ALLOW_HTML", "true"),
            ("HIREBOOK_QUESTIONS__REVIEW_MONTHS", "6"),
        ] {
            assert_eq!(told(&[fits]), Vec::<String>::new(), "{fits:?}");
        }
    }

    #[test]
    fn site_urls_that_cannot_be_meant_are_refused() {
        for bad in [
            "https://",
            "https://exa mple.com/",
            "example.com/handbook",
            "docs.example.org",
        ] {
            let text = format!("[book]\ntitle = \"T\"\n[output.html]\nsite-url = \"{bad}\"\n");
            let errs = Config::from_toml(&text).unwrap_err();
            assert_eq!(errs.len(), 1, "{bad}: {errs:?}");
            assert_eq!(errs[0].position, Some(Position::new(4, 12)), "{bad}");
        }
        for good in ["/v1.2/", "handbook", "https://example.com", "/"] {
            let text = format!("[book]\ntitle = \"T\"\n[output.html]\nsite-url = \"{good}\"\n");
            assert!(Config::from_toml(&text).is_ok(), "{good}");
        }
    }

    #[test]
    fn defaults() {
        let c = Config::from_toml("[book]\ntitle = \"T\"\n").unwrap();
        assert_eq!(c.book.language, "en");
        assert_eq!(c.build.content_dir, PathBuf::from("content"));
        assert_eq!(c.build.theme, "default");
        assert!(c.html.allow_html);
    }

    #[test]
    fn unknown_key_has_position_and_suggestion() {
        let errs = Config::from_toml("[book]\ntitle = \"T\"\ntitel = \"x\"\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].code, Code::ConfigUnknownKey);
        assert_eq!(errs[0].message, "unknown key `titel` (in `[book]`)");
        assert_eq!(errs[0].position, Some(Position::new(3, 1)));
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn unknown_key_in_nested_table() {
        let errs = Config::from_toml("[book]\ntitle = \"T\"\n[output.html]\nsite_url = \"/x/\"\n")
            .unwrap_err();
        assert_eq!(errs[0].code, Code::ConfigUnknownKey);
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `site-url`?"));
    }

    #[test]
    fn missing_title() {
        let errs = Config::from_toml("[book]\n").unwrap_err();
        assert_eq!(errs[0].code, Code::ConfigInvalid);
        assert_eq!(errs[0].message, "`[book]` has no `title`");
    }

    #[test]
    fn syntax_error() {
        let errs = Config::from_toml("[book\n").unwrap_err();
        assert_eq!(errs[0].code, Code::ConfigSyntax);
        assert_eq!(errs[0].position.map(|p| p.line), Some(1));
    }

    #[test]
    fn site_url_is_normalized() {
        let c =
            Config::from_toml("[book]\ntitle = \"T\"\n[output.html]\nsite-url = \"hb\"\n").unwrap();
        assert_eq!(c.html.site_url, "/hb/");
    }

    #[test]
    fn build_dir_cannot_escape() {
        let errs = Config::from_toml("[book]\ntitle = \"T\"\n[build]\nbuild-dir = \"../out\"\n")
            .unwrap_err();
        assert_eq!(errs[0].code, Code::ConfigInvalid);
        // At the value, where the mistake is.
        assert_eq!(errs[0].position, Some(Position::new(4, 13)));
    }

    /// Shape problems and the checks of the other values, in one run.
    #[test]
    fn every_problem_of_a_book_toml_in_one_run() {
        let text = "[book]\ntitel = \"T\"\nauthors = \"Me\"\n[build]\nbuild-dir = \"../out\"\ntheme = \"No Theme\"\n\
                    [output.html]\nallow-html = \"yes\"\nsite-url = \"ftp://x/\"\nedit-url-template = \"https://x/\"\n";
        let errs = Config::from_toml(text).unwrap_err();
        let lines: Vec<u32> = errs
            .iter()
            .filter_map(|d| d.position.map(|p| p.line))
            .collect();
        assert_eq!(errs.len(), 8, "{errs:#?}");
        for line in [1, 2, 3, 5, 6, 8, 9, 10] {
            assert!(lines.contains(&line), "line {line}: {errs:#?}");
        }
    }

    #[test]
    fn review_months_are_a_whole_number_from_1_to_120() {
        let with = |v: &str| {
            Config::from_toml(&format!(
                "[book]\ntitle = \"T\"\n[questions]\nreview-months = {v}\n"
            ))
        };
        assert_eq!(with("12").unwrap().questions.review_months, Some(12));
        assert_eq!(with("1").unwrap().questions.review_months, Some(1));
        for bad in ["0", "121", "-1", "\"12\"", "12.5"] {
            let e = with(bad).unwrap_err();
            let text = format!("{e:?}");
            assert!(text.contains("review-months"), "{bad}: {text}");
            assert!(
                !text.contains("u32") && !text.contains("i64"),
                "{bad}: {text}"
            );
        }
    }

    #[test]
    fn right_to_left_languages() {
        let book = |language: &str| BookConfig {
            title: String::new(),
            description: None,
            authors: Vec::new(),
            language: language.to_owned(),
            version: None,
        };
        for rtl in [
            "ar",
            "he",
            "fa",
            "fa-IR",
            "ur",
            "AR-eg",
            "ps",
            "yi",
            "az-Arab",
            "pa_Arab_PK",
        ] {
            assert!(book(rtl).right_to_left(), "{rtl}");
        }
        for ltr in [
            "en", "de", "zh-Hans", "ja", "ru", "arn", "he-Latn", "ku-Latn", "", "far",
        ] {
            assert!(!book(ltr).right_to_left(), "{ltr}");
        }
    }

    #[test]
    fn the_language_is_a_tag() {
        for (given, read) in [
            ("de", "de"),
            ("pt-BR", "pt-BR"),
            ("ar_EG", "ar-EG"),
            ("zh-Hans-CN", "zh-Hans-CN"),
            (" he ", "he"),
        ] {
            let c = Config::from_toml(&format!("[book]\ntitle = \"T\"\nlanguage = \"{given}\"\n"))
                .unwrap_or_else(|e| panic!("{given}: {e:?}"));
            assert_eq!(c.book.language, read);
        }
        let long = "a".repeat(40);
        for bad in [
            "",
            "e",
            "../../etc",
            "en us",
            "x\" onload=\"",
            long.as_str(),
            "en-",
            "1a",
        ] {
            let errs = Config::from_toml(&format!(
                "[book]\ntitle = \"T\"\nlanguage = \"{}\"\n",
                bad.replace('"', "\\\"")
            ))
            .expect_err(bad);
            assert_eq!(errs[0].code, Code::ConfigInvalid, "{bad}");
            assert_eq!(errs[0].position.map(|p| p.line), Some(3), "{bad}");
        }
    }
}
