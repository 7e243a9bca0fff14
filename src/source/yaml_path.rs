//! Finding where a value sits in a YAML text, given its path (`rounds[1].questions[2]`).
//!
//! serde_yaml reports positions for the errors it finds itself, but not for problems found
//! after deserializing (a role naming a missing question). Those are rare, so instead of
//! carrying spans through every model type we re-read the YAML with an event parser, only
//! when a diagnostic needs a position.

use saphyr_parser::{Event, Parser};

use crate::diag::Position;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl Seg {
    pub fn key(k: &str) -> Seg {
        Seg::Key(k.to_owned())
    }
}

/// Whether to point at a mapping entry's value or at its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Value,
    Key,
}

enum Frame {
    Map {
        key: Option<String>,
        expecting_key: bool,
    },
    Seq {
        index: usize,
    },
}

/// The first syntax error in `yaml`, if any, with its position. serde_yaml reads lazily and
/// can report a type error for a value that is really a syntax error (an unclosed `[`), so the
/// error path asks the event parser for the real cause.
pub fn syntax_error(yaml: &str) -> Option<(Position, String)> {
    for event in Parser::new_from_str(yaml) {
        if let Err(e) = event {
            let m = e.marker();
            return Some((Position::new(m.line(), m.col() + 1), e.info().to_owned()));
        }
    }
    None
}

/// How deep `[` and `{` may nest in a handbook's YAML: real files nest two or three levels.
pub const MAX_FLOW_DEPTH: usize = 64;

/// Where flow collections (`[`, `{`) first nest deeper than `MAX_FLOW_DEPTH`, if they do.
/// Checked before any parser sees the text: YAML parsers slow down with the depth of nesting
/// (100,000 `[` took 36 s), and no handbook needs it. Quoted text and comments are skipped.
pub fn too_deep(yaml: &str) -> Option<Position> {
    // Too few brackets to nest that deep (the common case, counted fast).
    let brackets = yaml.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if brackets <= MAX_FLOW_DEPTH {
        return None;
    }
    scan(yaml).too_deep
}

/// The last bracket or quote that is never closed, if any: where a syntax error really is,
/// rather than where the parser gave up (often the next line).
pub fn unclosed(yaml: &str) -> Option<(Position, char)> {
    scan(yaml).unclosed
}

struct Scan {
    too_deep: Option<Position>,
    unclosed: Option<(Position, char)>,
}

/// One pass over `yaml` that follows brackets and quotes, skipping comments. Approximate (a
/// quote inside a word does not open anything), which is all its two uses need.
fn scan(yaml: &str) -> Scan {
    let (mut line, mut column) = (1, 0);
    let mut open: Vec<(Position, char)> = Vec::new();
    let mut quote: Option<(Position, char)> = None;
    let mut comment = false;
    let mut previous = '\n';
    let mut too_deep = None;
    for c in yaml.chars() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
            comment = false;
            previous = c;
            continue;
        }
        match quote {
            Some((_, q)) if c == q => quote = None,
            Some(_) => {}
            None if comment => {}
            None => match c {
                '"' | '\'' if !previous.is_alphanumeric() => {
                    quote = Some((Position::new(line, column), c));
                }
                '#' if previous.is_whitespace() => comment = true,
                '[' | '{' => {
                    open.push((Position::new(line, column), c));
                    if open.len() > MAX_FLOW_DEPTH {
                        too_deep = Some(Position::new(line, column));
                        break;
                    }
                }
                ']' | '}' => {
                    open.pop();
                }
                _ => {}
            },
        }
        previous = c;
    }
    Scan {
        too_deep,
        unclosed: quote.or_else(|| open.pop()),
    }
}

/// The first YAML feature a handbook does not support, with its position: an anchor (`&a`),
/// an alias (`*a`) or a tag (`!!python/object`), but for the core schema's `!!str` and
/// friends. Aliases are refused because each one is expanded in full: a 100 KB file that
/// repeats a 100 KB anchor a thousand times becomes 100 MB in memory and in the site.
///
/// A text this parser refuses is refused too ([`Refused::Syntax`]): serde_yaml reads a few
/// spellings it does not (a tab after `:`, a comment right after `]`), and the anchors behind
/// one would pass unseen.
pub fn unsupported_feature(yaml: &str) -> Option<Refused> {
    // Without these characters there can be none (the common case, at no cost).
    if !yaml.contains(['&', '*', '!']) {
        return None;
    }
    for event in Parser::new_from_str(yaml) {
        let (event, span) = match event {
            Ok(event) => event,
            Err(e) => {
                let m = e.marker();
                let at = Position::new(m.line(), m.col() + 1);
                return Some(Refused::Syntax(at, e.info().to_owned()));
            }
        };
        let pos = Position::new(span.start.line(), span.start.col() + 1);
        let (anchored, tag) = match &event {
            Event::Alias(_) => {
                let message = "YAML aliases (`*name`) are not supported".to_owned();
                return Some(Refused::Feature(pos, message));
            }
            Event::Scalar(_, _, anchor, tag) => (*anchor > 0, tag.as_deref()),
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                (*anchor > 0, tag.as_deref())
            }
            _ => continue,
        };
        if anchored {
            let message = "YAML anchors (`&name`) are not supported".to_owned();
            return Some(Refused::Feature(pos, message));
        }
        if let Some(tag) = tag {
            // `!!str`, or written out in full (`!<tag:yaml.org,2002:str>`).
            let (handle, suffix) = match tag.suffix.strip_prefix("tag:yaml.org,2002:") {
                Some(rest) if tag.handle.is_empty() || tag.handle == "!" => ("!!", rest),
                _ => (tag.handle.as_str(), tag.suffix.as_str()),
            };
            let core = matches!(handle, "!!" | "tag:yaml.org,2002:")
                && matches!(
                    suffix,
                    "str" | "int" | "float" | "bool" | "null" | "seq" | "map"
                );
            if !core {
                return Some(Refused::Feature(
                    pos,
                    format!(
                        "the YAML tag `{}{}` is not supported",
                        if tag.handle == "tag:yaml.org,2002:" {
                            "!!"
                        } else {
                            tag.handle.as_str()
                        },
                        tag.suffix
                    ),
                ));
            }
        }
    }
    None
}

/// Why [`unsupported_feature`] refuses a text, and where.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The event parser cannot read it (its message).
    Syntax(Position, String),
    /// An anchor, alias or tag (the message to show).
    Feature(Position, String),
}

/// A YAML document read into a plain tree for checking it field by field, past the problems
/// serde stops at: a key given twice keeps its first value (each repeat is listed), and a
/// whole number too large for 64 bits stands as the nearest one, `u64::MAX` or `i64::MIN`
/// (each is listed, with its path), so that it is told as out of range like any other.
pub struct Tree {
    pub value: serde_yaml::Value,
    /// Each repeated key: its name, where it is repeated, and where it was first given.
    pub repeated: Vec<(String, Position, Position)>,
    /// Each whole number beyond 64 bits: where it is and its digits.
    pub huge: Vec<(Position, String)>,
    /// The text as written of each plain value read as a number, true/false or null
    /// (`007`, `0x10`, `True`, `~`), by path: a field that takes text gets it as written, as
    /// it does when serde reads the file.
    pub written: std::collections::HashMap<Vec<Seg>, String>,
}

/// Why [`tree`] could not read a document.
#[derive(Debug, PartialEq, Eq)]
pub enum TreeError {
    /// A syntax error, reported elsewhere.
    Syntax,
    /// A key that is a list or a mapping (`? [a, b]`, `{[a]: b}`): hirebook's keys are names,
    /// and such a key cannot be told apart from the values around it.
    ComplexKey(Position),
}

/// Reads `yaml` into a [`Tree`].
pub fn tree(yaml: &str) -> Result<Tree, TreeError> {
    use serde_yaml::{Mapping, Value};
    enum Open {
        Seq(Vec<Value>),
        /// The mapping so far, the key waiting for its value, and where each key was first given.
        Map(
            Mapping,
            Option<Value>,
            std::collections::HashMap<String, Position>,
        ),
    }
    let mut out = Tree {
        value: Value::Null,
        repeated: Vec::new(),
        huge: Vec::new(),
        written: Default::default(),
    };
    // The path of the value about to be added to the innermost open collection.
    fn path_of(stack: &[Open]) -> Vec<Seg> {
        stack
            .iter()
            .map(|open| match open {
                Open::Seq(items) => Seg::Index(items.len()),
                Open::Map(_, key, _) => Seg::Key(match key {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Number(n)) => n.to_string(),
                    Some(Value::Bool(b)) => b.to_string(),
                    _ => String::new(),
                }),
            })
            .collect()
    }
    let mut stack: Vec<Open> = Vec::new();
    // A repeated key's value is skipped: `Some(0)` waits for it, `Some(n)` is inside n of its
    // collections.
    let mut skip: Option<usize> = None;
    let mut root = None;
    for event in Parser::new_from_str(yaml) {
        let (event, span) = event.map_err(|_| TreeError::Syntax)?;
        let pos = Position::new(span.start.line(), span.start.col() + 1);
        if matches!(event, Event::SequenceStart(..) | Event::MappingStart(..))
            && matches!(stack.last(), Some(Open::Map(_, None, _)))
            && skip.is_none()
        {
            return Err(TreeError::ComplexKey(pos));
        }
        if let Some(depth) = skip {
            skip = match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => Some(depth + 1),
                Event::SequenceEnd | Event::MappingEnd => (depth > 1).then(|| depth - 1),
                Event::Scalar(..) | Event::Alias(..) => (depth > 0).then_some(depth),
                _ => skip,
            };
            continue;
        }
        let value = match event {
            Event::SequenceStart(..) => {
                stack.push(Open::Seq(Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push(Open::Map(Mapping::new(), None, Default::default()));
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Open::Seq(items)) => Value::Sequence(items),
                _ => return Err(TreeError::Syntax),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Open::Map(map, ..)) => Value::Mapping(map),
                _ => return Err(TreeError::Syntax),
            },
            Event::Scalar(text, style, _, tag) => {
                // `!!str 5` is text, as a quoted value is.
                let plain = matches!(style, saphyr_parser::ScalarStyle::Plain)
                    && tag.as_ref().is_none_or(|t| t.suffix != "str");
                // A key: remember it, or skip its value when it repeats one.
                if let Some(Open::Map(_, key @ None, first)) = stack.last_mut() {
                    let name = text.to_string();
                    if let Some(at) = first.get(&name) {
                        out.repeated.push((name, pos, *at));
                        skip = Some(0);
                        continue;
                    }
                    first.insert(name, pos);
                    *key = Some(if plain {
                        resolve(&text)
                    } else {
                        Value::String(text.into_owned())
                    });
                    continue;
                }
                if plain {
                    let digits = text.strip_prefix(['-', '+']).unwrap_or(&text);
                    let integer = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
                    if integer && text.parse::<i64>().is_err() && text.parse::<u64>().is_err() {
                        out.huge.push((pos, text.to_string()));
                        if text.starts_with('-') {
                            Value::Number(i64::MIN.into())
                        } else {
                            Value::Number(u64::MAX.into())
                        }
                    } else {
                        let value = resolve(&text);
                        if !matches!(value, Value::String(_)) {
                            out.written.insert(path_of(&stack), text.to_string());
                        }
                        value
                    }
                } else {
                    Value::String(text.into_owned())
                }
            }
            Event::Alias(_) => Value::Null,
            _ => continue,
        };
        match stack.last_mut() {
            Some(Open::Seq(items)) => items.push(value),
            Some(Open::Map(map, key, _)) => {
                let key = key.take().unwrap_or(Value::Null);
                map.insert(key, value);
            }
            None => root = Some(value),
        }
    }
    out.value = root.unwrap_or(Value::Null);
    Ok(out)
}

/// A plain scalar's value as serde_yaml reads it (null, a bool, a number or text).
fn resolve(text: &str) -> serde_yaml::Value {
    // Most values are words: no null, bool or number starts with a letter outside these, or
    // holds a space. (A shortcut: the answer is the same without it.)
    let first = text.chars().next().unwrap_or('~');
    if text.contains(' ')
        || !(first.is_ascii_digit()
            || matches!(
                first,
                '+' | '-' | '.' | '~' | 'n' | 'N' | 't' | 'T' | 'f' | 'F'
            ))
    {
        return serde_yaml::Value::String(text.to_owned());
    }
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(
            v @ (serde_yaml::Value::Null
            | serde_yaml::Value::Bool(_)
            | serde_yaml::Value::Number(_)
            | serde_yaml::Value::String(_)),
        ) => v,
        _ => serde_yaml::Value::String(text.to_owned()),
    }
}

/// The 1-based position of the node at `path` in `yaml`, or `None` if it is not there (or the
/// YAML does not parse up to it).
pub fn locate(yaml: &str, path: &[Seg], target: Target) -> Option<Position> {
    let mut found = None;
    walk(yaml, |stack, pos, at| {
        if at == target && path_matches(stack, path) {
            found = Some(pos);
            return true;
        }
        false
    });
    found
}

/// Every node's position in `yaml`, read in one pass: for a file with many problems, looking
/// each one up here costs a hash lookup, where `locate` reads the file again for each.
#[derive(Debug, Default, Clone)]
pub struct PositionIndex {
    nodes: std::collections::HashMap<(Vec<Seg>, Target), Position>,
}

impl PositionIndex {
    pub fn new(yaml: &str) -> PositionIndex {
        let mut nodes = std::collections::HashMap::new();
        walk(yaml, |stack, pos, at| {
            let path: Option<Vec<Seg>> = stack
                .iter()
                .map(|frame| match frame {
                    Frame::Map { key: Some(k), .. } => Some(Seg::Key(k.clone())),
                    Frame::Seq { index } => Some(Seg::Index(*index)),
                    Frame::Map { key: None, .. } => None,
                })
                .collect();
            if let Some(path) = path {
                nodes.entry((path, at)).or_insert(pos);
            }
            false
        });
        PositionIndex { nodes }
    }

    /// The same as `locate` on the text the index was made from.
    pub fn get(&self, path: &[Seg], target: Target) -> Option<Position> {
        self.nodes.get(&(path.to_vec(), target)).copied()
    }
}

/// Calls `visit` with the open collections, the position and the kind of every key and value
/// of `yaml`, in order, until it returns true.
fn walk(yaml: &str, mut visit: impl FnMut(&[Frame], Position, Target) -> bool) {
    let mut stack: Vec<Frame> = Vec::new();
    for event in Parser::new_from_str(yaml) {
        let Ok((event, span)) = event else {
            return;
        };
        let pos = Position::new(span.start.line(), span.start.col() + 1);
        match event {
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map {
                    key, expecting_key, ..
                }) = stack.last_mut()
                    && *expecting_key
                {
                    *expecting_key = false;
                    *key = Some(value.into_owned());
                    if visit(&stack, pos, Target::Key) {
                        return;
                    }
                    continue;
                }
                if visit(&stack, pos, Target::Value) {
                    return;
                }
                finish_value(&mut stack);
            }
            Event::Alias(_) => {
                if visit(&stack, pos, Target::Value) {
                    return;
                }
                finish_value(&mut stack);
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if let Some(Frame::Map { expecting_key, .. }) = stack.last_mut()
                    && *expecting_key
                {
                    // A complex key: not addressable by our paths; skip it as a key.
                    *expecting_key = false;
                } else if visit(&stack, pos, Target::Value) {
                    return;
                }
                stack.push(match event {
                    Event::SequenceStart(..) => Frame::Seq { index: 0 },
                    _ => Frame::Map {
                        key: None,
                        expecting_key: true,
                    },
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                finish_value(&mut stack);
            }
            _ => {}
        }
    }
}

/// After a value ends, its parent moves on to the next key or index.
fn finish_value(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map {
            key, expecting_key, ..
        }) => {
            *key = None;
            *expecting_key = true;
        }
        Some(Frame::Seq { index }) => *index += 1,
        None => {}
    }
}

fn path_matches(stack: &[Frame], path: &[Seg]) -> bool {
    stack.len() == path.len()
        && stack
            .iter()
            .zip(path)
            .all(|(frame, seg)| match (frame, seg) {
                (Frame::Map { key: Some(k), .. }, Seg::Key(want)) => k == want,
                (Frame::Seq { index }, Seg::Index(want)) => index == want,
                _ => false,
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_finds_what_locate_finds() {
        let yaml =
            "title: A\nrounds:\n  - name: x\n    questions: [a, b]\n  - {name: y}\nlevel: mid\n";
        let index = PositionIndex::new(yaml);
        let paths: Vec<Vec<Seg>> = vec![
            vec![Seg::key("title")],
            vec![Seg::key("rounds")],
            vec![Seg::key("rounds"), Seg::Index(0), Seg::key("name")],
            vec![
                Seg::key("rounds"),
                Seg::Index(0),
                Seg::key("questions"),
                Seg::Index(1),
            ],
            vec![Seg::key("rounds"), Seg::Index(1), Seg::key("name")],
            vec![Seg::key("level")],
            vec![Seg::key("missing")],
        ];
        for path in paths {
            for target in [Target::Key, Target::Value] {
                assert_eq!(
                    index.get(&path, target),
                    locate(yaml, &path, target),
                    "{path:?}"
                );
            }
        }
    }

    #[test]
    fn a_repeated_key_is_found_where_it_is_repeated() {
        let repeated = |yaml: &str| tree(yaml).unwrap().repeated;
        let yaml = "title: A\nrounds:\n  - name: x\n    name: y\ntitle: B\n";
        assert_eq!(
            repeated(yaml),
            [
                ("name".to_owned(), Position::new(4, 5), Position::new(3, 5)),
                ("title".to_owned(), Position::new(5, 1), Position::new(1, 1))
            ]
        );
        let yaml = "a: {x: 1}\nb: [1, 2]\nc: 1\na: 2\n";
        assert_eq!(
            repeated(yaml),
            [("a".to_owned(), Position::new(4, 1), Position::new(1, 1))]
        );
        assert!(repeated("a: 1\nb: {a: 1}\n").is_empty());
        // The first value is kept, the repeat's skipped whole.
        let t = tree("a: [1, {b: 2}]\na: {c: [3]}\nd: 4\n").unwrap();
        assert_eq!(
            t.value,
            serde_yaml::from_str::<serde_yaml::Value>("a: [1, {b: 2}]\nd: 4\n").unwrap()
        );
    }

    #[test]
    fn numbers_too_large_for_64_bits_stand_as_the_nearest_and_are_listed() {
        let t = tree("a: 99999999999999999999\nb: [-99999999999999999999, 18446744073709551615]\n")
            .unwrap();
        assert_eq!(
            t.huge,
            [
                (Position::new(1, 4), "99999999999999999999".to_owned()),
                (Position::new(2, 5), "-99999999999999999999".to_owned()),
            ]
        );
        assert_eq!(t.value["a"], serde_yaml::Value::Number(u64::MAX.into()));
        assert_eq!(t.value["b"][0], serde_yaml::Value::Number(i64::MIN.into()));
    }

    #[test]
    fn the_bracket_or_quote_left_open_is_found() {
        assert_eq!(unclosed("a: [x, y]\nb: 'z'\n"), None);
        assert_eq!(
            unclosed("a: 1\nb: [x,\nc: 2\n"),
            Some((Position::new(2, 4), '['))
        );
        assert_eq!(unclosed("a: {x: [1]\n"), Some((Position::new(1, 4), '{')));
        assert_eq!(
            unclosed("a: \"open\nb: 1\n"),
            Some((Position::new(1, 4), '"'))
        );
        assert_eq!(unclosed("a: don't # it's\n"), None);
    }

    #[test]
    fn deep_flow_nesting_is_found_before_parsing() {
        assert_eq!(too_deep("a: [[1, 2], {b: [3]}]\n"), None);
        let deep = format!("a: {}{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(too_deep(&deep), Some(Position::new(1, 4 + MAX_FLOW_DEPTH)));
        // Brackets in quotes and comments do not count.
        let quoted = format!(
            "a: \"{}\"\nb: '{}' # {}\n",
            "[".repeat(100),
            "{".repeat(100),
            "[".repeat(100)
        );
        assert_eq!(too_deep(&quoted), None);
    }

    const ROLE: &str = "title: Senior\nrounds:\n  - name: Screen\n    questions: [a, bee]\n  - name: Deep\n    questions:\n      - c\n      - d\nscorecard: django\n";

    fn at(path: &[Seg], target: Target) -> Option<(u32, u32)> {
        locate(ROLE, path, target).map(|p| (p.line, p.column))
    }

    #[test]
    fn finds_values_in_block_and_flow_style() {
        use Seg::*;
        assert_eq!(at(&[Seg::key("title")], Target::Value), Some((1, 8)));
        assert_eq!(
            at(
                &[
                    Seg::key("rounds"),
                    Index(0),
                    Seg::key("questions"),
                    Index(1)
                ],
                Target::Value
            ),
            Some((4, 20))
        );
        assert_eq!(
            at(
                &[
                    Seg::key("rounds"),
                    Index(1),
                    Seg::key("questions"),
                    Index(1)
                ],
                Target::Value
            ),
            Some((8, 9))
        );
        assert_eq!(at(&[Seg::key("scorecard")], Target::Value), Some((9, 12)));
    }

    #[test]
    fn finds_keys() {
        assert_eq!(at(&[Seg::key("scorecard")], Target::Key), Some((9, 1)));
    }

    #[test]
    fn syntax_errors_are_found() {
        let (pos, info) = syntax_error("title: a\nitems:\n  - title: [unclosed\n").unwrap();
        assert_eq!(pos.line, 4);
        assert!(!info.is_empty());
        assert_eq!(syntax_error(ROLE), None);
    }

    #[test]
    fn missing_paths_and_bad_yaml_give_none() {
        assert_eq!(at(&[Seg::key("nope")], Target::Value), None);
        assert_eq!(locate("a: [", &[Seg::key("b")], Target::Value), None);
    }
}
