//! `TODO` placeholders left from `hirebook new`: the scaffolds mark every value to fill in with
//! `TODO`, and a handbook should not publish "TODO Write the question as you would ask it".

use crate::diag::{Code, Diagnostic, Position};
use crate::source::SourceFile;

const MARK: &str = "TODO";

/// A warning at the first placeholder of `file`, saying how many there are; `None` if none.
///
/// A placeholder is `TODO` followed by a space or the end of the line, starting a line, a list
/// item or a YAML value, outside fenced code: where the scaffolds put it, and not in code or
/// prose that talks about TODO comments ("leave a TODO: ...", "// TODO").
pub fn find(file: &SourceFile) -> Option<Diagnostic> {
    // Nearly every file has none: one fast search spares looking at each line.
    if !file.text.contains(MARK) {
        return None;
    }
    let mut first = None;
    let mut count = 0;
    let mut fence: Option<&str> = None;
    let markdown = file.path.ends_with(".md");
    for (n, line) in file.text.lines().enumerate() {
        let trimmed = line.trim_start();
        if markdown {
            let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
            match (fence, marker) {
                (None, Some(m)) => fence = Some(m),
                (Some(open), Some(m)) if open == m => fence = None,
                _ => {}
            }
            if fence.is_some() || marker.is_some() {
                continue;
            }
        }
        if let Some(column) = placeholder_at(line) {
            count += 1;
            first.get_or_insert(Position::new(n + 1, column + 1));
        }
    }
    let at = first?;
    let message = if count == 1 {
        "a `TODO` placeholder is left to fill in".to_owned()
    } else {
        format!("{count} `TODO` placeholders are left to fill in; this is the first")
    };
    Some(
        Diagnostic::new(Code::Placeholder, message)
            .in_file(&file.path)
            .at(Some(at))
            .with_hint("replace each `TODO` with the real text, or remove what does not apply"),
    )
}

/// The byte column of a placeholder in `line`, if it has one where scaffolds put them.
fn placeholder_at(line: &str) -> Option<usize> {
    let mut rest = line.trim_start();
    rest = rest.strip_prefix("- ").unwrap_or(rest).trim_start();
    if let Some((key, value)) = rest.split_once(':') {
        let is_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if is_key && value.starts_with(' ') {
            rest = value.trim_start();
        }
    }
    let after = rest.strip_prefix(MARK)?;
    if after.is_empty() || after.starts_with(' ') {
        Some(line.len() - rest.len())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceKind;

    fn warning(path: &str, text: &str) -> Option<(u32, u32, String)> {
        let file = SourceFile::in_memory(path, path, SourceKind::Question, text.to_owned());
        find(&file).map(|d| {
            let at = d.position.unwrap();
            (at.line, at.column, d.message)
        })
    }

    #[test]
    fn scaffold_placeholders_are_found() {
        let text = "---\ntitle: TODO Write it\nstrong:\n  - TODO First\n---\n\nTODO Why\n";
        assert_eq!(
            warning("q.md", text),
            Some((
                2,
                8,
                "3 `TODO` placeholders are left to fill in; this is the first".into()
            ))
        );
        assert_eq!(
            warning("r.yaml", "rounds:\n  - name: TODO\n"),
            Some((2, 11, "a `TODO` placeholder is left to fill in".into()))
        );
    }

    #[test]
    fn talk_about_todos_is_not_a_placeholder() {
        let text = "---\ntitle: How do you handle TODO comments?\n---\n\n\
                    TODO: comments rot.\n\n```python\nTODO = 1\n# TODO fix\nTODO later\n```\n";
        assert_eq!(warning("q.md", text), None);
    }
}
