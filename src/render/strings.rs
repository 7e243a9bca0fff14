//! The theme's words in the handbook's language.
//!
//! Every word the theme shows (templates, print views, packets and the scripts) comes from a
//! table per language, `themes/default/i18n/<language>.toml`, compiled into the binary. A
//! handbook overrides any string, or adds a language, with `i18n/<language>.toml` at its
//! root, as Hugo and Zola sites do. A string missing from a table is taken from English.
//!
//! `{name}` in a string is filled in; a table of plural forms (`one`, `few`, `other`...) is
//! chosen by the number `{n}` with the language's own rules ([`plural`]), which
//! `hirebook.js` repeats for the scripts.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::diag::lines::position_at;
use crate::diag::suggest::Candidates;
use crate::diag::{Code, Diagnostic, Position};
pub use crate::source::theme::StringsFile;

macro_rules! embed_languages {
    ($($lang:literal),* $(,)?) => {
        &[$(($lang, include_str!(concat!("../../themes/default/i18n/", $lang, ".toml")))),*]
    };
}

/// The languages the theme ships, by code.
pub const LANGUAGES: &[(&str, &str)] = embed_languages![
    "en", "es", "de", "fr", "pt", "zh", "ja", "ko", "ru", "ar", "he"
];

/// The plural categories, in CLDR's order.
pub const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// One string: text, or forms by plural category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Entry {
    Text(String),
    Plural(BTreeMap<String, String>),
}

/// The strings of one language, English filling what it lacks.
#[derive(Debug, Clone)]
pub struct Strings {
    /// The table's language (`pt` for `pt-BR`), whose plural rules apply.
    pub language: String,
    /// Right to left: arguments are isolated from the text around them.
    pub rtl: bool,
    table: BTreeMap<String, Entry>,
}

impl Strings {
    /// The strings for `language` (a BCP 47 tag), with the handbook's `files` over them.
    pub fn new(
        language: &str,
        rtl: bool,
        files: &[StringsFile],
    ) -> Result<Strings, Vec<Diagnostic>> {
        let tag = language.to_ascii_lowercase().replace('_', "-");
        let primary = legacy(tag.split('-').next().unwrap_or_default()).to_owned();
        let english = builtin("en");
        let mut table = english.clone();
        // Traditional Chinese is not Simplified: those handbooks get English until they add
        // their own table.
        let traditional = primary == "zh"
            && ["hant", "tw", "hk", "mo"]
                .iter()
                .any(|s| tag.split('-').skip(1).any(|t| t == *s));
        let shipped = LANGUAGES.iter().any(|(l, _)| *l == primary);
        if shipped && !traditional {
            table.extend(builtin(&primary));
        }
        let mut problems = Vec::new();
        // Every file is checked, whatever the handbook's language: a mistake in another
        // language's table is found before that language is switched on.
        let mut own: Vec<(&StringsFile, Vec<(String, Entry)>)> = Vec::new();
        for file in files {
            let file_primary = legacy(file.language.split('-').next().unwrap_or_default());
            match read(&file.text) {
                Ok(entries) => {
                    let mut good = Vec::new();
                    for (key, entry, position) in entries {
                        match check_override(&english, &key, &entry, file_primary) {
                            Ok(()) => good.push((key, entry)),
                            Err(d) => problems.push(d.in_file(&file.path).at(position)),
                        }
                    }
                    let tag_matches = file.language == tag
                        || (file_primary == primary && !file.language.contains('-'));
                    if tag_matches {
                        own.push((file, good));
                    }
                }
                Err(d) => problems.push(d.in_file(&file.path)),
            }
        }
        // The language's own file, then a more precise one (`pt.toml`, then `pt-br.toml`).
        own.sort_by_key(|(f, _)| f.language.len());
        for (_, entries) in own {
            table.extend(entries);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Strings {
            language: primary,
            rtl,
            table,
        })
    }

    /// English alone, for tests and tools.
    pub fn english() -> Strings {
        Strings {
            language: "en".to_owned(),
            rtl: false,
            table: builtin("en"),
        }
    }

    /// The string `key` with `args` filled in; `n` chooses the plural form and fills `{n}`.
    /// An unknown key gives the key itself, so that a mistake shows on the page.
    pub fn get(&self, key: &str, n: Option<i64>, args: &[(&str, String)]) -> String {
        let template = match self.table.get(key) {
            Some(Entry::Text(text)) => text.as_str(),
            Some(Entry::Plural(forms)) => {
                let category = plural(&self.language, n.unwrap_or(0));
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .map(String::as_str)
                    .unwrap_or(key)
            }
            None => key,
        };
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let name = &after[..close];
            let value = if name == "n" {
                n.map(|n| n.to_string())
            } else {
                args.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.clone())
            };
            match value {
                Some(value) => self.push_isolated(&mut out, &value, name == "n"),
                None => out.push_str(&rest[open..open + close + 2]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// A value inside a sentence: isolated (FSI … PDI) when its direction may differ from the
    /// sentence's, so an Arabic title in an English sentence, or the reverse, keeps its order.
    fn push_isolated(&self, out: &mut String, value: &str, number: bool) {
        let isolate = !number && (self.rtl || value.chars().any(is_right_to_left));
        if isolate {
            out.push('\u{2068}');
            out.push_str(value);
            out.push('\u{2069}');
        } else {
            out.push_str(value);
        }
    }

    /// The script that gives `hirebook.js` and `planner.js` their strings.
    pub fn script(&self) -> String {
        self.script_with(|_| true)
    }

    /// `strings.js` with only the words `scripts` use: the keys they name in quotes
    /// (`"search.count"`), and every key of a table they name a prefix of (`"level." + id`).
    /// An edition that ships fewer scripts ships fewer words.
    pub fn script_for(&self, scripts: &[&str]) -> String {
        // Every key-shaped string literal of the scripts, read once.
        let mut quoted = std::collections::HashSet::new();
        for js in scripts {
            for (at, _) in js.match_indices('"') {
                let rest = &js[at + 1..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                    .unwrap_or(rest.len());
                if rest[end..].starts_with('"') {
                    quoted.insert(&rest[..end]);
                }
            }
        }
        self.script_with(|key| {
            let table = &key[..key.find('.').map_or(key.len(), |dot| dot + 1)];
            quoted.contains(key) || quoted.contains(table)
        })
    }

    fn script_with(&self, wanted: impl Fn(&str) -> bool) -> String {
        #[derive(Serialize)]
        struct ForScripts<'a> {
            language: &'a str,
            rtl: bool,
            strings: BTreeMap<&'a str, &'a Entry>,
        }
        let strings = self
            .table
            .iter()
            .filter(|(key, _)| wanted(key))
            .map(|(key, entry)| (key.as_str(), entry))
            .collect();
        let json = serde_json::to_string(&ForScripts {
            language: &self.language,
            rtl: self.rtl,
            strings,
        })
        .unwrap_or_else(|_| "{}".to_owned());
        // Inside a script file, `</script` means nothing, but U+2028/9 ended lines in old
        // engines: escaped like the other generated scripts.
        format!(
            "window.__hirebookStrings = {};\n",
            json.replace('\u{2028}', "\\u2028")
                .replace('\u{2029}', "\\u2029")
        )
    }

    /// Every key, for tests.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.table.keys().map(String::as_str)
    }
}

/// Language codes that were replaced, by their current ones (`iw` is Hebrew's old code).
fn legacy(code: &str) -> &str {
    match code {
        "iw" => "he",
        "in" => "id",
        "ji" => "yi",
        "jw" => "jv",
        other => other,
    }
}

fn is_right_to_left(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// CLDR's plural category of `n` in `language` (for whole numbers), for the languages the
/// theme ships and their neighbours; others use `one` for 1 and `other` for the rest.
pub fn plural(language: &str, n: i64) -> &'static str {
    let n = n.unsigned_abs();
    let (n10, n100) = (n % 10, n % 100);
    match language {
        "zh" | "ja" | "ko" | "vi" | "th" | "id" | "ms" => "other",
        "fr" | "pt" => {
            if n <= 1 {
                "one"
            } else {
                "other"
            }
        }
        "ru" | "uk" | "be" => {
            if n10 == 1 && n100 != 11 {
                "one"
            } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
                "few"
            } else {
                "many"
            }
        }
        "pl" => {
            if n == 1 {
                "one"
            } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
                "few"
            } else {
                "many"
            }
        }
        "ar" => match n {
            0 => "zero",
            1 => "one",
            2 => "two",
            _ if (3..=10).contains(&n100) => "few",
            _ if (11..=99).contains(&n100) => "many",
            _ => "other",
        },
        "he" => match n {
            1 => "one",
            2 => "two",
            _ => "other",
        },
        _ => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// The categories `language` uses, for checking a table.
pub fn categories(language: &str) -> BTreeSet<&'static str> {
    (0..200).map(|n| plural(language, n)).collect()
}

fn builtin(language: &str) -> BTreeMap<String, Entry> {
    let text = LANGUAGES
        .iter()
        .find(|(l, _)| *l == language)
        .map_or("", |(_, t)| *t);
    // The shipped tables are checked by tests: a broken one is a bug in hirebook.
    read(text)
        .map(|entries| entries.into_iter().map(|(k, e, _)| (k, e)).collect())
        .unwrap_or_default()
}

/// The strings of a TOML table: `section.key` → entry, with where each is.
fn read(text: &str) -> Result<Vec<(String, Entry, Option<Position>)>, Diagnostic> {
    let doc: toml::Spanned<toml::Table> = toml::from_str(text).map_err(|e| {
        let position = e.span().map(|s| position_at(text, s.start));
        Diagnostic::new(
            Code::InvalidStrings,
            format!("this strings file is not valid TOML: {}", e.message()),
        )
        .at(position)
        .with_hint("write `[section]` headings and `key = \"text\"` lines, as in hirebook's own `themes/default/i18n/en.toml`")
    })?;
    let mut out = Vec::new();
    for (section, value) in doc.get_ref() {
        let Some(table) = value.as_table() else {
            return Err(Diagnostic::new(
                Code::InvalidStrings,
                format!("`{section}` is outside any section"),
            )
            .at(find_key(text, "", section))
            .with_hint("put strings under a `[section]` heading, as in en.toml"));
        };
        for (key, value) in table {
            let name = format!("{section}.{key}");
            let position = find_key(text, section, key).or_else(|| find_heading(text, &name));
            let entry = match value {
                toml::Value::String(s) => Entry::Text(s.clone()),
                toml::Value::Table(forms) if forms.values().any(toml::Value::is_table) => {
                    return Err(Diagnostic::new(
                        Code::InvalidStrings,
                        format!("`{name}` holds tables, one level deeper than strings go"),
                    )
                    .at(position)
                    .with_hint("a section holds `key = \"text\"` and `key = { one = \"...\", other = \"...\" }` only"));
                }
                toml::Value::Table(forms) => {
                    let mut map = BTreeMap::new();
                    for (category, form) in forms {
                        let Some(form) = form.as_str() else {
                            return Err(Diagnostic::new(
                                Code::InvalidStrings,
                                format!("the `{category}` form of `{name}` is not text"),
                            )
                            .at(position)
                            .with_hint("write each form in quotes"));
                        };
                        map.insert(category.clone(), form.to_owned());
                    }
                    Entry::Plural(map)
                }
                _ => {
                    return Err(Diagnostic::new(
                        Code::InvalidStrings,
                        format!("`{name}` is not text"),
                    )
                    .at(position)
                    .with_hint("write the string in quotes"));
                }
            };
            out.push((name, entry, position));
        }
    }
    Ok(out)
}

/// A handbook's string for `key` fits the theme's: the key exists, it is text or plural
/// forms as in English, its forms are plural categories and it uses no name English lacks.
fn check_override(
    english: &BTreeMap<String, Entry>,
    key: &str,
    entry: &Entry,
    language: &str,
) -> Result<(), Diagnostic> {
    let Some(theirs) = english.get(key) else {
        let known = Candidates::new(english.keys().cloned());
        return Err(Diagnostic::new(
            Code::InvalidStrings,
            format!("the theme has no string `{key}`"),
        )
        .suggest_from(key, &known)
        .or_hint("see themes/default/i18n/en.toml in hirebook's repository for every key"));
    };
    match (theirs, entry) {
        (Entry::Text(_), Entry::Plural(_)) => {
            return Err(Diagnostic::new(
                Code::InvalidStrings,
                format!("`{key}` is one text, not plural forms"),
            )
            .with_hint("write it as `key = \"text\"`"));
        }
        (Entry::Plural(_), Entry::Text(_)) => {
            return Err(Diagnostic::new(
                Code::InvalidStrings,
                format!("`{key}` has plural forms"),
            )
            .with_hint("write it as `key = { one = \"...\", other = \"...\" }` with `{n}` for the number"));
        }
        _ => {}
    }
    let allowed: BTreeSet<String> = names(theirs).collect();
    if let Entry::Plural(forms) = entry
        && let Some(bad) = forms.keys().find(|c| !CATEGORIES.contains(&c.as_str()))
    {
        return Err(Diagnostic::new(
            Code::InvalidStrings,
            format!("`{bad}` in `{key}` is not a plural category"),
        )
        .with_hint("use zero, one, two, few, many or other (always give `other`)"));
    }
    if let Entry::Plural(forms) = entry {
        let missing: Vec<&str> = categories(language)
            .into_iter()
            .filter(|c| !forms.contains_key(*c))
            .collect();
        if !missing.is_empty() {
            return Err(Diagnostic::new(
                Code::InvalidStrings,
                format!(
                    "`{key}` lacks the `{}` form{}",
                    missing.join("`, `"),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            )
            .with_hint(format!(
                "this language needs the forms {}",
                categories(language)
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    if let Some(bad) = names(entry).find(|n| !allowed.contains(n)) {
        let list: Vec<String> = allowed.iter().map(|n| format!("{{{n}}}")).collect();
        return Err(Diagnostic::new(
            Code::InvalidStrings,
            format!("`{key}` uses `{{{bad}}}`, which this string does not fill in"),
        )
        .with_hint(if list.is_empty() {
            "this string fills in nothing: remove the braces".to_owned()
        } else {
            format!("it can use {}", list.join(", "))
        }));
    }
    Ok(())
}

/// The `{names}` a string fills in.
pub fn names(entry: &Entry) -> impl Iterator<Item = String> + '_ {
    let texts: Vec<&String> = match entry {
        Entry::Text(t) => vec![t],
        Entry::Plural(forms) => forms.values().collect(),
    };
    texts.into_iter().flat_map(|t| {
        t.split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
            .filter(|name| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
            .collect::<Vec<_>>()
    })
}

/// Where the heading `[name...]` is written (`[common.deep.er]` for `common.deep`).
fn find_heading(text: &str, name: &str) -> Option<Position> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix('[')
            .is_some_and(|rest| rest.trim_start().starts_with(name))
        {
            return Some(position_at(text, offset + line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

/// Where `key` of `[section]` is written, found by a scan of the text.
fn find_key(text: &str, section: &str, key: &str) -> Option<Position> {
    // Keys before the first heading belong to no section.
    let mut in_section = section.is_empty();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            in_section = name.trim() == section;
        } else if in_section
            && let Some((k, _)) = trimmed.split_once('=')
            && k.trim().trim_matches('"') == key
        {
            let indent = line.len() - line.trim_start().len();
            return Some(position_at(text, offset + indent));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_rules() {
        let cases: &[(&str, &[(i64, &str)])] = &[
            (
                "en",
                &[(0, "other"), (1, "one"), (2, "other"), (21, "other")],
            ),
            ("fr", &[(0, "one"), (1, "one"), (2, "other")]),
            (
                "ru",
                &[
                    (1, "one"),
                    (2, "few"),
                    (5, "many"),
                    (11, "many"),
                    (21, "one"),
                    (22, "few"),
                    (112, "many"),
                ],
            ),
            (
                "ar",
                &[
                    (0, "zero"),
                    (1, "one"),
                    (2, "two"),
                    (3, "few"),
                    (10, "few"),
                    (11, "many"),
                    (99, "many"),
                    (100, "other"),
                    (103, "few"),
                ],
            ),
            ("he", &[(1, "one"), (2, "two"), (3, "other")]),
            ("ja", &[(1, "other"), (2, "other")]),
        ];
        for (language, table) in cases {
            for (n, want) in *table {
                assert_eq!(plural(language, *n), *want, "{language} {n}");
            }
        }
    }

    #[test]
    fn strings_fill_in_and_choose_their_form() {
        let en = Strings::english();
        assert_eq!(en.get("common.question_count", Some(1), &[]), "1 question");
        assert_eq!(en.get("common.question_count", Some(3), &[]), "3 questions");
        assert_eq!(
            en.get(
                "questions.all_in_topic",
                Some(12),
                &[("topic", "ORM".into())]
            ),
            "All 12 questions in ORM"
        );
        // An Arabic title in an English sentence is isolated; an English one is not.
        assert_eq!(
            en.get("question.more_in_topic", None, &[("topic", "قواعد".into())]),
            "More questions in \u{2068}قواعد\u{2069}"
        );
        assert_eq!(en.get("no.such.key", None, &[]), "no.such.key");
        let ar = Strings::new("ar-EG", true, &[]).unwrap();
        assert_eq!(ar.language, "ar");
        assert_ne!(ar.get("nav.home", None, &[]), "Home");
    }

    #[test]
    fn a_handbook_overrides_and_is_checked() {
        let file = |text: &str| StringsFile {
            path: "i18n/en.toml".into(),
            language: "en".into(),
            text: text.into(),
        };
        let s = Strings::new("en-GB", false, &[file("[nav]\nhome = \"Start\"\n")]).unwrap();
        assert_eq!(s.get("nav.home", None, &[]), "Start");
        let cases = [
            ("[nav]\nhoem = \"Start\"\n", "2:1", "no string `nav.hoem`"),
            ("[nav]\nhome = { one = \"x\" }\n", "2:1", "one text"),
            (
                "[common]\nquestion_count = \"x\"\n",
                "2:1",
                "has plural forms",
            ),
            (
                "[common]\nquestion_count = { une = \"x\", other = \"y\" }\n",
                "2:1",
                "not a plural category",
            ),
            ("[home]\nplan_title = \"Plan {role}\"\n", "2:1", "`{role}`"),
            ("[nav\nhome = 1", "1:5", "not valid TOML"),
            (
                "title = \"x\"\n[nav]\nhome = \"y\"\n",
                "1:1",
                "outside any section",
            ),
            (
                "[nav]\nhome = \"y\"\n\n[common.deep.er]\nx = \"z\"\n",
                "4:1",
                "one level deeper",
            ),
        ];
        for (text, at, says) in cases {
            let problems = Strings::new("en", false, &[file(text)]).unwrap_err();
            let d = &problems[0];
            let position = d.position.map(|p| format!("{}:{}", p.line, p.column));
            assert_eq!(position.as_deref(), Some(at), "{text}: {d:?}");
            assert!(d.message.contains(says), "{text}: {}", d.message);
            assert_eq!(d.file.as_deref(), Some("i18n/en.toml"));
        }
        // A language's plural forms must all be there: Russian needs one, few and many.
        let ru = StringsFile {
            path: "i18n/ru.toml".into(),
            language: "ru".into(),
            text: "[common]\nquestion_count = { one = \"{n} вопрос\", few = \"{n} вопроса\" }\n"
                .into(),
        };
        let problems = Strings::new("ru", false, std::slice::from_ref(&ru)).unwrap_err();
        assert!(
            problems[0].message.contains("lacks the `many` form"),
            "{:?}",
            problems[0]
        );
        // ... and a table for another language than the handbook's is checked all the same.
        let problems = Strings::new("en", false, &[ru]).unwrap_err();
        assert_eq!(problems[0].file.as_deref(), Some("i18n/ru.toml"));
        // `iw` is Hebrew's old code; `pt-br.toml` refines `pt.toml` for pt-BR only.
        assert_eq!(Strings::new("iw", true, &[]).unwrap().language, "he");
        let pt = |language: &str, text: &str| StringsFile {
            path: format!("i18n/{language}.toml"),
            language: language.into(),
            text: text.into(),
        };
        let files = [
            pt("pt", "[nav]\nhome = \"Início (pt)\"\nsearch = \"Busca\"\n"),
            pt("pt-br", "[nav]\nhome = \"Início (br)\"\n"),
        ];
        let br = Strings::new("pt-BR", false, &files).unwrap();
        assert_eq!(br.get("nav.home", None, &[]), "Início (br)");
        assert_eq!(br.get("nav.search", None, &[]), "Busca");
        let pt_pt = Strings::new("pt-PT", false, &files).unwrap();
        assert_eq!(pt_pt.get("nav.home", None, &[]), "Início (pt)");
    }

    /// Every shipped language has every string, in English's shape (text or plural forms),
    /// with the plural forms its own rules choose and no `{name}` English does not fill in.
    #[test]
    fn every_language_has_every_string() {
        let english = builtin("en");
        assert!(english.len() > 150, "only {} strings", english.len());
        assert_eq!(LANGUAGES.len(), 11);
        for (language, text) in LANGUAGES {
            let table: BTreeMap<String, Entry> = read(text)
                .unwrap_or_else(|d| panic!("{language}.toml: {d:?}"))
                .into_iter()
                .map(|(k, e, _)| (k, e))
                .collect();
            let missing: Vec<&String> =
                english.keys().filter(|k| !table.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
            let extra: Vec<&String> = table.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(extra.is_empty(), "{language} has unknown {extra:?}");
            for (key, entry) in &table {
                check_override(&english, key, entry, language)
                    .unwrap_or_else(|d| panic!("{language} {key}: {}", d.message));
                if let Entry::Plural(forms) = entry {
                    for category in categories(language) {
                        assert!(
                            forms.contains_key(category),
                            "{language} {key} lacks `{category}`"
                        );
                    }
                }
            }
        }
    }

    /// Every string is used by a template or a script, and every string they ask for exists.
    #[test]
    fn templates_and_scripts_use_exactly_the_strings() {
        let english = builtin("en");
        let mut sources: Vec<String> = crate::render::theme::DEFAULT_TEMPLATES
            .iter()
            .map(|(_, t)| t.to_string())
            .collect();
        for (name, bytes) in crate::render::theme::DEFAULT_STATIC {
            if name.ends_with(".js") {
                sources.push(String::from_utf8_lossy(bytes).into_owned());
            }
        }
        sources.push(include_str!("print.rs").to_owned());
        sources.push(include_str!("views.rs").to_owned());
        let all = sources.join("\n");
        // Kinds and levels are asked for by id ("level." ~ level.id).
        let dynamic = |k: &str| k.starts_with("level.") || k.starts_with("kind.");
        let unused: Vec<&String> = english
            .keys()
            .filter(|k| !dynamic(k) && !all.contains(&format!("\"{k}\"")))
            .collect();
        assert!(unused.is_empty(), "strings nothing uses: {unused:?}");
        let mut asked = BTreeSet::new();
        for marker in ["t(key=\"", "t(\"", "strings.get(\""] {
            for part in all.split(marker).skip(1) {
                // A key is `section.name`; `createElement("div")` also ends in `t("`.
                let is_key = |k: &str| {
                    k.split_once('.').is_some_and(|(a, b)| {
                        !a.is_empty()
                            && !b.is_empty()
                            && k.bytes()
                                .all(|c| c.is_ascii_lowercase() || c == b'_' || c == b'.')
                    })
                };
                if let Some((key, _)) = part.split_once('"')
                    && is_key(key)
                {
                    asked.insert(key.to_owned());
                }
            }
        }
        assert!(asked.len() > 150, "only {} strings asked for", asked.len());
        let unknown: Vec<&String> = asked.iter().filter(|k| !english.contains_key(*k)).collect();
        assert!(unknown.is_empty(), "strings that do not exist: {unknown:?}");
    }

    /// No English sentence is left in a template or script: text between tags is a `t()` call
    /// or a value, and scripts put words on the page only through `t()`.
    #[test]
    fn no_untranslated_words_in_templates_or_scripts() {
        let mut found = Vec::new();
        for (name, text) in crate::render::theme::DEFAULT_TEMPLATES {
            found.extend(
                template_words(text)
                    .into_iter()
                    .map(|t| format!("{name}: {t:?}")),
            );
        }
        for (name, bytes) in crate::render::theme::DEFAULT_STATIC {
            // search.js is the engine alone (its word lists are data); hirebook.js is its face.
            if !name.ends_with(".js") || *name == "search.js" {
                continue;
            }
            let js = String::from_utf8_lossy(bytes);
            found.extend(
                script_words(&js)
                    .into_iter()
                    .map(|(n, t)| format!("{name}:{n}: {t:?}")),
            );
        }
        assert!(
            found.is_empty(),
            "untranslated words:\n{}",
            found.join("\n")
        );
    }

    /// The readers above find what they look for: an empty answer would pass the test above.
    #[test]
    fn the_untranslated_word_readers_find_words() {
        let template = "<p>{{ t(key=\"a.b\") }}</p><p>Tip: press / to search</p>\
                        <button aria-label=\"Close it\">x</button>\
                        <style>a { color: red; }</style><p>{{ value }}</p>";
        assert_eq!(
            template_words(template),
            ["Tip: press / to search", "Close it"]
        );
        let script = "\"use strict\";\nel.textContent = \"Saved it\";\n\
                      var a = \"Nothing found here\", b = \".packet-plan tbody\";\n\
                      // \"A comment phrase\"\nmessage({ text: \"Done now\" });";
        assert_eq!(
            script_words(script),
            // Phrases first, then what is put on the page (a phrase put there is both).
            [
                (2, "Saved it".to_owned()),
                (3, "Nothing found here".to_owned()),
                (5, "Done now".to_owned()),
                (2, "Saved it".to_owned()),
                (5, "Done now".to_owned()),
            ]
        );
    }

    /// The texts readers see in a template (between tags, and in the attributes people read)
    /// that are words rather than `t()` calls, values or code.
    fn template_words(text: &str) -> Vec<String> {
        // Template tags, comments and expressions say nothing to readers.
        let mut plain = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            plain.push_str(&rest[..open]);
            let close = match rest[open..].get(..2) {
                Some("{{") => "}}",
                Some("{%") => "%}",
                Some("{#") => "#}",
                _ => {
                    plain.push('{');
                    rest = &rest[open + 1..];
                    continue;
                }
            };
            match rest[open..].find(close) {
                Some(end) => rest = &rest[open + end + 2..],
                None => rest = "",
            }
            plain.push(' ');
        }
        plain.push_str(rest);
        let mut texts: Vec<String> = plain
            .split('<')
            .filter_map(|part| part.split_once('>').map(|(_, after)| after.to_owned()))
            .collect();
        for attribute in ["aria-label=\"", "placeholder=\"", "title=\"", "alt=\""] {
            for part in plain.split(attribute).skip(1) {
                texts.extend(part.split_once('"').map(|(v, _)| v.to_owned()));
            }
        }
        texts
            .into_iter()
            .filter(|t| {
                let words = t
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.len() > 1)
                    .count();
                // Style rules (`a { color: red; }`, `@page`) are code, not words.
                let css = t.contains("@page") || t.contains(';') || t.contains('{');
                words > 0 && !css
            })
            .map(|t| t.trim().to_owned())
            .collect()
    }

    /// The phrases a script puts on the page without `t()`, with their line.
    fn script_words(js: &str) -> Vec<(usize, String)> {
        let mut found = Vec::new();
        for (n, literal) in js_strings(js) {
            // Class names and selectors: `button search-clear`, `.packet-plan tbody`.
            let code = literal == "use strict"
                || literal.starts_with('.')
                || literal.split_whitespace().any(|w| w.contains('-'));
            if code {
                continue;
            }
            // A phrase: two words or more, starting with a capital or a space, as English
            // on a page would. Selectors, names and events are not.
            let words = literal.split_whitespace().count();
            let wordy = literal
                .split_whitespace()
                .filter(|w| w.trim_matches(|c: char| !c.is_alphabetic()).chars().count() > 1)
                .count();
            let phrase = words >= 2
                && wordy >= 2
                && !literal.contains(['[', '#', '=', '(', '\\', '{', '@', '*', '/', '>']);
            if phrase {
                found.push((n, literal));
            }
        }
        for (n, line) in js.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for label in ["text: \"", "textContent = \""] {
                for part in code.split(label).skip(1) {
                    let literal = part.split('"').next().unwrap_or("");
                    if !literal.starts_with('@')
                        && literal.chars().filter(|c| c.is_alphabetic()).count() > 1
                    {
                        found.push((n + 1, literal.to_owned()));
                    }
                }
            }
        }
        found
    }

    /// The double-quoted string literals of a script, with their line, outside comments.
    fn js_strings(js: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut chars = js.chars().peekable();
        let mut line = 1;
        while let Some(c) = chars.next() {
            match c {
                '\n' => line += 1,
                '/' if chars.peek() == Some(&'/') => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            line += 1;
                            break;
                        }
                    }
                }
                '"' => {
                    let mut literal = String::new();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => {
                                chars.next();
                            }
                            '"' => break,
                            c => literal.push(c),
                        }
                    }
                    out.push((line, literal));
                }
                _ => {}
            }
        }
        out
    }
}
