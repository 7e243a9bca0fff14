//! Cutting YAML front matter off a Markdown file, before any YAML parser sees it.

/// A Markdown file cut into its front matter and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines (may be empty).
    pub yaml: &'a str,
    /// The file's 1-based line number of the first YAML line.
    pub yaml_line: usize,
    /// Everything after the closing `---` line.
    pub body: &'a str,
    /// Byte offset of `body` in the file, to turn body positions into file positions.
    pub body_offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// The opening `---` has no closing `---`.
    Unclosed,
}

/// Splits `text` at its front matter: a first line that is `---`, then YAML, then a line that is
/// `---` (or `...`). Only the first closing line counts, so `---` rules in the body are safe.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if !is_fence(&text[..first_end], false) {
        return Err(SplitError::Missing);
    }
    let mut offset = first_end;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if is_fence(&text[offset..end], true) {
            return Ok(Split {
                yaml: &text[first_end..offset],
                yaml_line: 2,
                body: &text[end..],
                body_offset: end,
            });
        }
        offset = end;
    }
    Err(SplitError::Unclosed)
}

/// `---` alone on a line (trailing spaces and `\r` allowed); closing fences may also be `...`.
fn is_fence(line: &str, closing: bool) -> bool {
    let line = line.trim_end_matches(['\n', '\r', ' ', '\t']);
    line == "---" || (closing && line == "...")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases() {
        struct Case {
            input: &'static str,
            expected: Result<(&'static str, &'static str), SplitError>,
        }
        let cases = [
            Case {
                input: "---\ntitle: A\n---\nbody\n",
                expected: Ok(("title: A\n", "body\n")),
            },
            Case {
                input: "---\ntitle: A\n---",
                expected: Ok(("title: A\n", "")),
            },
            Case {
                input: "---\r\ntitle: A\r\n---\r\nbody",
                expected: Ok(("title: A\r\n", "body")),
            },
            Case {
                input: "---\n---\n",
                expected: Ok(("", "")),
            },
            Case {
                input: "---  \ntitle: A\n...\nbody",
                expected: Ok(("title: A\n", "body")),
            },
            Case {
                input: "---\ntitle: A\n---\nintro\n\n---\n\nmore",
                expected: Ok(("title: A\n", "intro\n\n---\n\nmore")),
            },
            Case {
                input: "title: A\n",
                expected: Err(SplitError::Missing),
            },
            Case {
                input: "",
                expected: Err(SplitError::Missing),
            },
            Case {
                input: "----\ntitle: A\n----\n",
                expected: Err(SplitError::Missing),
            },
            Case {
                input: "---\ntitle: A\n",
                expected: Err(SplitError::Unclosed),
            },
            Case {
                input: "---\ntitle: A\n--- \n",
                expected: Ok(("title: A\n", "")),
            },
        ];
        for case in cases {
            let got = split(case.input).map(|s| (s.yaml, s.body));
            assert_eq!(got, case.expected, "input: {:?}", case.input);
        }
    }

    #[test]
    fn body_offset_points_into_the_file() {
        let text = "---\na: 1\n---\nhello";
        let s = split(text).unwrap();
        assert_eq!(&text[s.body_offset..], "hello");
        assert_eq!(s.yaml_line, 2);
    }
}
