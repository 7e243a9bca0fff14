//! Deserializing YAML into the raw serde mirrors, with errors as positioned diagnostics.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use super::shape;
use crate::diag::lines::shift;
use crate::diag::{Code, Diagnostic, Position};
use crate::serde_errors;
use crate::source::front_matter;
use crate::source::yaml_path::{self, Refused, Seg, Target, TreeError};
use crate::source::{SourceFile, SourceKind};

/// Deserializes `yaml`, which starts at line `first_line` of `file`, with every problem of
/// the document when it does not fit `T`: unknown and missing fields, wrong kinds of value,
/// out-of-range values, keys given twice, each at its place (see `shape`). Only a syntax error
/// (or a YAML feature hirebook refuses) stops at the first problem.
///
/// When the document has problems but reads as `T` without the nodes at fault, that value is
/// returned too, so that the file's references and rules are checked in the same run. The
/// file has errors either way.
pub fn from_yaml_all<T: DeserializeOwned + JsonSchema>(
    yaml: &str,
    file: &str,
    first_line: usize,
) -> (Option<T>, Vec<Diagnostic>) {
    let first = match from_yaml::<T>(yaml, file, first_line) {
        Ok(value) => return (Some(value), Vec::new()),
        Err(d) => d,
    };
    if yaml.trim().is_empty() {
        // Name what is needed: an empty file is a file being started.
        let schema = schema_of::<T>();
        let required: Vec<&str> = schema
            .get("required")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(serde_json::Value::as_str)
            .collect();
        let mut d = first;
        if !required.is_empty() {
            d.message = format!(
                "the YAML is empty: it needs {}",
                crate::diag::quoted(&required)
            );
            d.hint = Some(
                "add them, one `field: value` per line; `hirebook new` writes a file to start from"
                    .to_owned(),
            );
        }
        return (None, vec![d]);
    }
    if matches!(first.code, Code::YamlSyntax | Code::UnsupportedYaml) {
        return (None, vec![first]);
    }
    let tree = match yaml_path::tree(yaml) {
        Ok(tree) => tree,
        Err(TreeError::ComplexKey(at)) => {
            return (None, vec![complex_key(file, shift(at, first_line))]);
        }
        Err(TreeError::Syntax) => return (None, vec![first]),
    };
    let schema = schema_of::<T>();
    let (mut all, bad) = shape::problems(&tree.value, &tree.written, &schema, yaml);
    // A number too large to read stands in the tree as the nearest one a field could hold;
    // its message shows the digits written.
    for (at, digits) in &tree.huge {
        let shown: String = digits.chars().take(30).collect();
        let stood = if digits.starts_with('-') {
            i64::MIN.to_string()
        } else {
            u64::MAX.to_string()
        };
        match all.iter_mut().find(|d| d.position == Some(*at)) {
            Some(d) => d.message = d.message.replacen(&stood, &shown, 1),
            None => all.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("`{shown}` is far too large a number"),
                )
                .at(Some(*at))
                .with_hint("write a smaller number, or quote it if it is meant as text"),
            ),
        }
    }
    for (key, again, first) in &tree.repeated {
        all.push(repeated_key(key, *again, *first, first_line));
    }
    if all.is_empty() {
        return (None, vec![first]);
    }
    let rest = serde_yaml::from_value::<T>(shape::without(tree.value, &bad)).ok();
    let all = all
        .into_iter()
        .map(|d| {
            let at = d.position.map(|p| shift(p, first_line));
            d.in_file(file).at(at)
        })
        .collect();
    (rest, all)
}

/// Deserializes `yaml`, which starts at line `first_line` of `file`: its first problem.
///
/// A text that holds `&`, `*` or `!` anywhere (in a quoted value, perhaps) is read by the
/// event parser that checked it for anchors, aliases and tags, not by serde_yaml: two readers
/// differ at the edges of YAML's grammar (a tab after `:`, a `?` before `&`, line breaks
/// beyond `\n`), and an anchor one of them cannot see would pass unchecked to the other. A
/// text without those characters holds none, whoever reads it, and serde_yaml reads it fast.
pub fn from_yaml<T: DeserializeOwned + JsonSchema>(
    yaml: &str,
    file: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    if yaml.trim().is_empty() {
        return Err(Diagnostic::new(Code::MissingField, "the YAML is empty")
            .in_file(file)
            .at(Some(Position::new(first_line, 1)))
            .with_hint("add the required fields; see docs/content-model.md"));
    }
    // NEL, LS and PS end lines for one YAML reader and not for the other: a comment could hide
    // lines from the check for anchors and aliases that the other then reads. A byte-order
    // mark past the start is read differently too.
    if let Some((at, c)) = yaml.char_indices().find(|&(i, c)| {
        matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') || (c == '\u{feff}' && i > 0)
    }) {
        return Err(Diagnostic::new(
            Code::YamlSyntax,
            format!(
                "YAML syntax: a U+{:04X} character, which YAML readers take differently",
                c as u32
            ),
        )
        .in_file(file)
        .at(Some(shift(
            crate::diag::lines::position_at(yaml, at),
            first_line,
        )))
        .with_hint("replace it with an ordinary line break or a space"));
    }
    // Control characters are invisible and cannot be printed (and serde_yaml refuses them
    // where the event parser does not).
    if let Some((at, c)) = yaml
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(Diagnostic::new(
            Code::YamlSyntax,
            format!(
                "YAML syntax: an invisible control character (U+{:04X})",
                c as u32
            ),
        )
        .in_file(file)
        .at(Some(shift(
            crate::diag::lines::position_at(yaml, at),
            first_line,
        )))
        .with_hint("delete it: it was probably pasted in by accident"));
    }
    if let Some(at) = second_document(yaml) {
        return Err(Diagnostic::new(
            Code::YamlSyntax,
            "YAML syntax: a second YAML document starts here",
        )
        .in_file(file)
        .at(Some(shift(
            crate::diag::lines::position_at(yaml, at),
            first_line,
        )))
        .with_hint(
            "a file holds one document: remove this `---` line (and what follows it, if it \
             belongs in another file)",
        ));
    }
    if let Some(position) = yaml_path::too_deep(yaml) {
        return Err(Diagnostic::new(
            Code::YamlSyntax,
            format!(
                "YAML syntax: brackets nested more than {} levels deep",
                yaml_path::MAX_FLOW_DEPTH
            ),
        )
        .in_file(file)
        .at(Some(shift(position, first_line)))
        .with_hint(
            "a handbook's YAML needs two or three levels: close the brackets that are open",
        ));
    }
    match yaml_path::unsupported_feature(yaml) {
        Some(Refused::Syntax(position, info)) => {
            return Err(syntax_diagnostic(yaml, file, first_line, position, info));
        }
        Some(Refused::Feature(position, message)) => {
            return Err(Diagnostic::new(Code::UnsupportedYaml, message)
                .in_file(file)
                .at(Some(shift(position, first_line)))
                .with_hint("write each value out in full, without `&`, `*` or `!` (quote text that starts with one of them)"));
        }
        None => {}
    }
    if yaml.contains(MARKERS) {
        return from_tree(yaml, file, first_line);
    }
    serde_yaml::from_str(yaml).map_err(|e| {
        if let Some((position, info)) = yaml_path::syntax_error(yaml) {
            return syntax_diagnostic(yaml, file, first_line, position, info);
        }
        let position = e
            .location()
            .map(|l| shift(Position::new(l.line(), l.column()), first_line));
        let full = e.to_string();
        let (path, message) = split_message(&full);
        let mut d = if is_syntax_error(message) {
            Diagnostic::new(Code::YamlSyntax, format!("YAML syntax: {message}"))
                .with_hint("check indentation, and quote values that contain `: ` or start with a special character")
        } else {
            serde_errors::classify(message)
        };
        if let Some(path) = path {
            d.message = format!("{} (in `{path}`)", d.message);
        }
        // (A repeated key is told by `from_yaml_all`, at the repeat, from the tree.)
        d.in_file(file).at(position)
    })
}

/// The error for field `key` given again at `again` (first given at `first`), positions in
/// the YAML's own lines.
fn repeated_key(key: &str, again: Position, first: Position, first_line: usize) -> Diagnostic {
    Diagnostic::new(Code::InvalidValue, format!("field `{key}` is given twice"))
        .at(Some(again))
        .with_hint(format!(
            "keep one of them: it is first given on line {}",
            shift(first, first_line).line
        ))
}

/// The error for a key that is a list or a mapping, at `at`.
fn complex_key(file: &str, at: Position) -> Diagnostic {
    Diagnostic::new(
        Code::YamlSyntax,
        "YAML syntax: a key that is a list or a mapping",
    )
    .in_file(file)
    .at(Some(at))
    .with_hint("keys are field names (`title:`); quote the text if it is meant as one")
}

/// The first line after the start of `yaml` that starts another YAML document (`---`) or
/// ends one (`...`): its byte offset. A file holds one document (a second one would be read
/// by one reader and not another); a `---` before any content only marks the first.
fn second_document(yaml: &str) -> Option<usize> {
    let mut offset = 0;
    let mut content = false;
    for line in yaml.split_inclusive('\n') {
        let marker = ["---", "..."].iter().any(|m| {
            line.strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
        });
        if marker && (content || line.starts_with("...")) {
            return Some(offset);
        }
        let trimmed = line.trim();
        if !marker && !trimmed.is_empty() && !trimmed.starts_with('#') && !trimmed.starts_with('%')
        {
            content = true;
        }
        offset += line.len();
    }
    None
}

/// The characters that start an anchor, an alias or a tag.
const MARKERS: [char; 3] = ['&', '*', '!'];

/// Reads `yaml` from the event parser's tree: the document is walked against `T`'s schema
/// (numbers and true/false written for text become text, as serde_yaml reads them) and then
/// deserialized from the tree. Its first problem, if any.
fn from_tree<T: DeserializeOwned + JsonSchema>(
    yaml: &str,
    file: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    let tree = match yaml_path::tree(yaml) {
        Ok(tree) => tree,
        Err(TreeError::ComplexKey(at)) => return Err(complex_key(file, shift(at, first_line))),
        Err(TreeError::Syntax) => {
            let (position, info) = yaml_path::syntax_error(yaml)
                .unwrap_or((Position::new(1, 1), "the YAML cannot be read".to_owned()));
            return Err(syntax_diagnostic(yaml, file, first_line, position, info));
        }
    };
    let (problems, faults) = shape::problems(&tree.value, &tree.written, &schema_of::<T>(), yaml);
    let first = problems.into_iter().next().or_else(|| {
        tree.repeated
            .first()
            .map(|(key, again, first)| repeated_key(key, *again, *first, first_line))
    });
    if let Some(d) = first {
        let at = d.position.map(|p| shift(p, first_line));
        return Err(d.in_file(file).at(at));
    }
    serde_yaml::from_value(shape::without(tree.value, &faults)).map_err(|e| {
        let full = e.to_string();
        let (path, message) = split_message(&full);
        let mut d = serde_errors::classify(message);
        if let Some(path) = path {
            d.message = format!("{} (in `{path}`)", d.message);
        }
        d.in_file(file)
    })
}

/// `T`'s JSON Schema as a value, made once per type.
fn schema_of<T: JsonSchema>() -> Arc<serde_json::Value> {
    static MADE: Mutex<Vec<(Cow<'static, str>, Arc<serde_json::Value>)>> = Mutex::new(Vec::new());
    let id = T::schema_id();
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, schema)) = made.iter().find(|(made_id, _)| *made_id == id) {
        return Arc::clone(schema);
    }
    let schema = Arc::new(serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default());
    made.push((id, Arc::clone(&schema)));
    schema
}

/// The diagnostic for a syntax error the event parser found at `position`.
fn syntax_diagnostic(
    yaml: &str,
    file: &str,
    first_line: usize,
    position: Position,
    info: String,
) -> Diagnostic {
    // An unclosed bracket or quote is the mistake, wherever the parser gave up.
    if let Some((opened, c)) = yaml_path::unclosed(yaml)
        && opened <= position
    {
        let close = match c {
            '[' => ']',
            '{' => '}',
            q => q,
        };
        return Diagnostic::new(
            Code::YamlSyntax,
            format!("YAML syntax: this `{c}` is never closed"),
        )
        .in_file(file)
        .at(Some(shift(opened, first_line)))
        .with_hint(format!(
            "close it with `{close}` (without it, the YAML reader got lost at line {})",
            shift(position, first_line).line
        ));
    }
    // A tab is the mistake, not the character after it where the parser stopped.
    let position = match yaml.lines().nth(position.line as usize - 1) {
        Some(line) if info.contains("tab") => line
            .chars()
            .take(position.column as usize)
            .position(|c| c == '\t')
            .map_or(position, |i| Position::new(position.line as usize, i + 1)),
        _ => position,
    };
    let hint = if info.contains("tab") {
        "indent with spaces: YAML does not allow tabs for indentation"
    } else {
        "check indentation and brackets, and quote values that contain `: ` or start with a special character"
    };
    Diagnostic::new(
        Code::YamlSyntax,
        format!("YAML syntax: {}", plain_syntax(&info)),
    )
    .in_file(file)
    .at(Some(shift(position, first_line)))
    .with_hint(hint)
}

/// A YAML parser's message in an editor's words, where it has a common one.
fn plain_syntax(info: &str) -> String {
    let said = |needle: &str| info.contains(needle);
    let plain = if said("tab") || (said("must be followed by") && said("whitespace")) {
        "a tab where YAML needs spaces"
    } else if said("did not find expected key") || said("did not find expected '-'") {
        "this line is not indented like the lines around it"
    } else if said("mapping values are not allowed") || said("':' indicator") {
        "a `: ` where no field can start: quote the value, or fix the indentation"
    } else if said("expected ',' or ']'") {
        "a list in `[ ]` is missing a `,` or its `]`"
    } else if said("expected ',' or '}'") {
        "fields in `{ }` are missing a `,` or their `}`"
    } else if said("quoted scalar") && said("end of stream") {
        "a quoted text is never closed"
    } else if said("indentation in quoted scalar") {
        "a quoted text runs on past its line: close its quote, or indent the lines that continue it"
    } else if said("cannot start any token") || said("unexpected character") {
        "a value cannot start with this character: quote the value"
    } else if said("trailing content after") {
        "text after a closing quote: quote the whole value (`it's` needs double quotes: \"it's\")"
    } else if said("mapping keys are not allowed") {
        "`? ` starts a special YAML key here: quote the value"
    } else if said("block sequence entries are not allowed") {
        "a `- ` list item where a value should be: start the list on the next line, indented"
    } else if said("simple key") || said("could not find expected ':'") {
        "a line that is neither `field: value` nor indented under one"
    } else if said("anchor or alias") || said("unknown anchor") {
        "`*` and `&` start YAML aliases and anchors: quote the value (`\"*bold* text\"`)"
    } else if said("did not find expected node content") {
        "a value is missing here (two commas in a row, or a comma before a closing bracket)"
    } else {
        return format!("the YAML reader stopped here ({info})");
    };
    plain.to_owned()
}

/// serde_yaml writes `path.to[0]: message at line 3 column 5`; returns the path and the bare
/// message.
fn split_message(full: &str) -> (Option<&str>, &str) {
    let without_location = match full.rfind(" at line ") {
        Some(i) if full[i + 9..].contains(" column ") => &full[..i],
        _ => full,
    };
    if let Some((path, rest)) = without_location.split_once(": ")
        && !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
    {
        return (Some(path), rest);
    }
    (None, without_location)
}

fn is_syntax_error(message: &str) -> bool {
    [
        "did not find expected",
        "found character that cannot start",
        "mapping values are not allowed",
        "could not find expected",
        "found unexpected end of stream",
        "found undefined alias",
        "while parsing",
        "while scanning",
        "control characters are not allowed",
        "found a tab character",
    ]
    .iter()
    .any(|needle| message.contains(needle))
}

/// The position of the YAML node at `path` in `file` (a YAML file or a Markdown file's front
/// matter), found by re-reading the YAML. Used only when a diagnostic needs it.
pub fn locate(file: &SourceFile, path: &[Seg], target: Target) -> Option<Position> {
    let (index, first_line) = file.position_index(|text| {
        let (yaml, first_line) = match file.kind {
            SourceKind::Question | SourceKind::Page => {
                let split = front_matter::split(text).ok()?;
                (split.yaml, split.yaml_line)
            }
            _ => (text, 1),
        };
        Some((yaml_path::PositionIndex::new(yaml), first_line))
    })?;
    index.get(path, target).map(|p| shift(p, first_line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::raw::RawRole;

    #[test]
    fn errors_name_field_path_and_position() {
        let yaml = "title: A\nsummary: B\nrounds:\n  - name: x\n    minutes: abc\n";
        let d = from_yaml::<RawRole>(yaml, "content/roles/a.yaml", 1).unwrap_err();
        assert_eq!(d.code, Code::InvalidValue);
        assert_eq!(
            d.message,
            "invalid type: string \"abc\", expected u32 (in `rounds[0].minutes`)"
        );
        assert_eq!(d.position, Some(Position::new(5, 14)));
    }

    #[test]
    fn front_matter_positions_are_shifted() {
        let d = from_yaml::<RawRole>("title: A\ntpoic: x\n", "f.md", 2).unwrap_err();
        assert_eq!(d.code, Code::UnknownField);
        assert_eq!(d.position, Some(Position::new(3, 1)));
    }

    #[test]
    fn empty_yaml_is_a_missing_field() {
        let d = from_yaml::<RawRole>("\n", "f.yaml", 1).unwrap_err();
        assert_eq!(d.code, Code::MissingField);
    }

    #[test]
    fn syntax_errors_are_classified() {
        let d = from_yaml::<RawRole>("title: A\n  bad: [\n", "f.yaml", 1).unwrap_err();
        assert_eq!(d.code, Code::YamlSyntax, "{d}");
    }

    /// The two readers give the same value for one text, or both refuse it.
    fn same_reading<T: DeserializeOwned + JsonSchema + std::fmt::Debug>(yaml: &str) -> bool {
        let by_serde = serde_yaml::from_str::<T>(yaml).map(|v| format!("{v:?}"));
        let by_tree = from_tree::<T>(yaml, "f.yaml", 1).map(|v| format!("{v:?}"));
        assert_eq!(
            by_serde.as_ref().ok(),
            by_tree.as_ref().ok(),
            "serde_yaml and the event parser read this differently:\n{yaml}\ntree: {:?}",
            by_tree.as_ref().err().map(|d| d.to_string())
        );
        by_tree.is_ok()
    }

    /// A text with `&`, `*` or `!` is read from the event parser's tree; it must read as
    /// serde_yaml reads it, scalar by scalar, for every shape of value a handbook holds.
    #[test]
    fn the_event_parser_reads_values_as_serde_yaml_does() {
        use crate::model::raw::{RawQuestion, RawScorecard};
        let question = |title: &str, extra: &str| {
            format!(
                "title: {title}\ntopic: orm\nlevel: [mid]\nminutes: 10\nstrong:\n  - \"*why*\"\n{extra}"
            )
        };
        let mut read = 0;
        for title in [
            "007",
            "0x10",
            "0o17",
            "1.50",
            "1e3",
            "+5",
            "-0",
            ".inf",
            "-.Inf",
            ".NaN",
            "True",
            "FALSE",
            "yes",
            "no",
            "on",
            "null",
            "Null",
            "n",
            "t",
            "1_000",
            "12:30",
            "2024-01-02",
            "'007'",
            "\"0x10\"",
            "!!str 5",
            "plain words",
            "ends with colon:",
            "a # not a comment",
            "|\n  block\n  text\n",
            ">\n  folded\n  text\n",
            "\"esc\\u00e9 \\t tab\"",
            "'it''s'",
            "multi\n  line\n  plain",
            "\"multi\n  line\"",
            "~",
            "",
        ] {
            read += usize::from(same_reading::<RawQuestion>(&question(title, "")));
        }
        for minutes in ["010", "1e1", "10.0", "0x0A", "\"10\"", "+10", "ten"] {
            let yaml = question("T", "").replace("minutes: 10", &format!("minutes: {minutes}"));
            same_reading::<RawQuestion>(&yaml);
        }
        for level in ["~", "mid", "[mid, senior]", "[]", "null", "Mid"] {
            let yaml = question("T", "").replace("level: [mid]", &format!("level: {level}"));
            same_reading::<RawQuestion>(&yaml);
        }
        for extra in [
            "notes: |\n  *a* and **b**\n",
            "follow_ups: [\"a!\", '*b*']\n",
        ] {
            read += usize::from(same_reading::<RawQuestion>(&question("T", extra)));
        }
        // Keys written as numbers.
        let scorecard = "title: S\nscale:\n  min: 1\n  max: 4\n  labels: {1: Weak, 2: -3, 3: 1.5, 4: \"Strong!\"}\ndimensions:\n  - id: d\n    name: D\n    anchors:\n      1: \"*none*\"\n      4: x\n";
        // (`04:` is refused by both.)
        assert!(!same_reading::<RawScorecard>(
            &scorecard.replace("4: x", "04: x")
        ));
        assert!(
            same_reading::<RawScorecard>(scorecard),
            "{:?}",
            serde_yaml::from_str::<RawScorecard>(scorecard).err()
        );
        // Most of them read (a test of nothing if every one were refused by both).
        assert!(read >= 30, "only {read} read");
    }

    /// Every file of the shipped handbook and the fixtures reads the same both ways.
    #[test]
    fn every_shipped_file_reads_the_same_both_ways() {
        use crate::model::raw::{RawChecklist, RawQuestion, RawRole, RawScorecard, RawTopics};
        use crate::source::SourceKind;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for dir in [
            "content",
            "tests/fixtures/minimal/content",
            "tests/fixtures/multilingual/content",
        ] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                let rel = entry.path().strip_prefix(root.join(dir)).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                let kind = match crate::source::classify(&rel) {
                    Some(crate::source::FileClass::Text(kind)) => Some(kind),
                    _ => None,
                };
                let front = |text: &str| front_matter::split(text).ok().map(|s| s.yaml.to_owned());
                let ok = match kind {
                    Some(SourceKind::Question) => {
                        front(&text).is_some_and(|y| same_reading::<RawQuestion>(&y))
                    }
                    Some(SourceKind::Page) => match front(&text) {
                        Some(y) => same_reading::<crate::model::raw::RawPage>(&y),
                        None => continue, // a page without front matter
                    },
                    Some(SourceKind::Scorecard) => same_reading::<RawScorecard>(&text),
                    Some(SourceKind::Checklist) => same_reading::<RawChecklist>(&text),
                    Some(SourceKind::Role) => same_reading::<RawRole>(&text),
                    Some(SourceKind::Topics) => same_reading::<RawTopics>(&text),
                    _ => continue,
                };
                // Every shipped file is valid: each must read, not just read the same.
                assert!(ok, "{dir}/{rel} does not read");
                read += 1;
            }
        }
        assert!(read >= 30, "only {read} files read");
    }

    #[test]
    fn split_message_shapes() {
        assert_eq!(
            split_message("rounds[0]: missing field `minutes` at line 3 column 5"),
            (Some("rounds[0]"), "missing field `minutes`")
        );
        assert_eq!(
            split_message("missing field `title`"),
            (None, "missing field `title`")
        );
        assert_eq!(
            split_message("invalid type: string \"a: b\", expected u32"),
            (None, "invalid type: string \"a: b\", expected u32")
        );
    }

    /// A file is one YAML document: a second one (read by the event parser's tree as the
    /// last, by serde_yaml as an error) is refused, whoever would read it.
    #[test]
    fn a_second_document_is_refused_at_its_line() {
        let one = "title: A\nsummary: B\nrounds:\n  - name: x\n    minutes: 5\n";
        for (yaml, line) in [
            (format!("{one}---\n{one}"), 6),
            (format!("{one}--- # *\n{one}"), 6),
            (format!("{one}...\n"), 6),
            (format!("# *\n{one}---\ntitle: C\n"), 7),
        ] {
            let d = from_yaml::<RawRole>(&yaml, "f.yaml", 1).unwrap_err();
            assert_eq!(d.code, Code::YamlSyntax, "{yaml}");
            assert_eq!(d.position.map(|p| p.line), Some(line), "{yaml}");
        }
        // A `---` before any content only marks the one document.
        assert!(from_yaml::<RawRole>(&format!("# a role\n---\n{one}"), "f.yaml", 1).is_ok());
        assert!(from_yaml::<RawRole>(&format!("%YAML 1.2\n---\n{one}"), "f.yaml", 1).is_ok());
    }

    #[test]
    fn keys_that_are_lists_or_mappings_are_refused_at_the_key() {
        for (yaml, at) in [
            ("? [x]\n: title\nsummary: s\n", (1, 3)),
            ("title: A\n{[x]: y}: z\n", (2, 1)),
            ("# *\ntitle: A\n? {a: 1}\n: b\n", (3, 3)),
        ] {
            let (_, found) = from_yaml_all::<RawRole>(yaml, "f.yaml", 1);
            assert_eq!(found.len(), 1, "{yaml}: {found:?}");
            assert_eq!(
                found[0].message,
                "YAML syntax: a key that is a list or a mapping"
            );
            assert_eq!(found[0].position, Some(Position::new(at.0, at.1)), "{yaml}");
        }
    }

    #[test]
    fn control_characters_are_refused_on_both_paths() {
        for yaml in [
            "title: a\u{1b}[31mb\n",
            "title: a\u{1b}b\nsummary: \"*x*\"\n",
            "title: \u{7f}\n",
        ] {
            let d = from_yaml::<RawRole>(yaml, "f.yaml", 1).unwrap_err();
            assert_eq!(d.code, Code::YamlSyntax, "{yaml:?}");
            assert!(d.message.contains("control character"), "{}", d.message);
            assert_eq!(d.position.map(|p| p.line), Some(1));
        }
    }

    #[test]
    fn an_alias_by_mistake_is_told_in_plain_words() {
        let yaml = "title: A\nsummary: B\nrounds:\n  - name: *Clear* x\n    minutes: 5\n";
        let d = from_yaml::<RawRole>(yaml, "f.yaml", 1).unwrap_err();
        assert!(
            d.message.contains("`*` and `&` start YAML aliases"),
            "{}",
            d.message
        );
    }

    #[test]
    fn the_core_tags_are_accepted_however_written() {
        let one = "title: !<tag:yaml.org,2002:str> A\nsummary: !!str B\nrounds:\n  - name: x\n    minutes: 5\n";
        let role = from_yaml::<RawRole>(one, "f.yaml", 1).unwrap();
        assert_eq!(role.title, "A");
        assert!(
            from_yaml::<RawRole>(&one.replace("2002:str", "2002:python"), "f.yaml", 1).is_err()
        );
    }
}
