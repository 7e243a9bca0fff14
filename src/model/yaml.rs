//! Deserializing YAML into the raw serde mirrors, with errors as positioned diagnostics.

use serde::de::DeserializeOwned;

use super::shape;
use crate::diag::lines::shift;
use crate::diag::{Code, Diagnostic, Position};
use crate::serde_errors;
use crate::source::front_matter;
use crate::source::yaml_path::{self, Refused, Seg, Target};
use crate::source::{SourceFile, SourceKind};

/// Deserializes `yaml`, which starts at line `first_line` of `file`, with every problem of
/// the document when it does not fit `T`: unknown and missing fields, wrong kinds of value,
/// out-of-range values, keys given twice, each at its place (see `shape`). Only a syntax error
/// (or a YAML feature hirebook refuses) stops at the first problem.
///
/// When the document has problems but reads as `T` without the nodes at fault, that value is
/// returned too, so that the file's references and rules are checked in the same run. The
/// file has errors either way.
pub fn from_yaml_all<T: DeserializeOwned + schemars::JsonSchema>(
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
        let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
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
    let Some(tree) = yaml_path::tree(yaml) else {
        return (None, vec![first]);
    };
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
    let (mut all, bad) = shape::problems(&tree.value, &schema, yaml);
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
        all.push(
            Diagnostic::new(Code::InvalidValue, format!("field `{key}` is given twice"))
                .at(Some(*again))
                .with_hint(format!(
                    "keep one of them: it is first given on line {}",
                    shift(*first, first_line).line
                )),
        );
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
pub fn from_yaml<T: DeserializeOwned>(
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
    // Inside brackets, `?&a key` is an explicit key with an anchor to serde_yaml's reader and
    // plain text to the event parser: an anchor, alias or tag there would pass unseen.
    if let Some(at) = explicit_key_with_marker(yaml) {
        return Err(Diagnostic::new(
            Code::UnsupportedYaml,
            "a `?` right before `&`, `*` or `!`, which YAML readers take differently",
        )
        .in_file(file)
        .at(Some(shift(
            crate::diag::lines::position_at(yaml, at),
            first_line,
        )))
        .with_hint("quote the value, or put a space after the `?`"));
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

/// Where a `?` that starts a token is followed by `&`, `*` or `!` (see `from_yaml`).
fn explicit_key_with_marker(yaml: &str) -> Option<usize> {
    let bytes = yaml.as_bytes();
    bytes.windows(2).enumerate().find_map(|(i, pair)| {
        let starts_token = i == 0
            || matches!(
                bytes[i - 1],
                b'[' | b'{' | b',' | b' ' | b'\t' | b'\n' | b'\r'
            );
        (pair[0] == b'?' && matches!(pair[1], b'&' | b'*' | b'!') && starts_token).then_some(i)
    })
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
    } else if said("anchor or alias") {
        "`*` and `&` start YAML aliases and anchors: quote the value"
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

    #[test]
    fn explicit_keys_with_markers_are_found_and_ordinary_question_marks_are_not() {
        for hidden in ["{?&a k: v}", "[?*a]", "x: {a: 1, ?!tag k: v}", "?&a\n"] {
            assert!(explicit_key_with_marker(hidden).is_some(), "{hidden}");
        }
        for fine in [
            "title: Really?!",
            "title: \"Why?*\"",
            "a: ? b",
            "q: what?&x",
        ] {
            assert!(explicit_key_with_marker(fine).is_none(), "{fine}");
        }
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
}
