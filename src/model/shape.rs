//! Every shape problem of a YAML document at once, in an editor's words.
//!
//! serde stops at a file's first problem, so a file with four mistakes took four runs of
//! `check`. When deserializing fails, the document is read into a plain tree and walked
//! against the JSON Schema of its type (the one `hirebook schema` writes, generated from the
//! same serde types), collecting every unknown field, missing field, wrong kind of value and
//! out-of-range value, each at its own position.

use std::collections::HashMap;

use serde_json::Value as Schema;
use serde_yaml::Value;

use crate::diag::{Code, Diagnostic, Position};
use crate::source::yaml_path::{self, Seg, Target};

/// A node at fault: its path, and a value that could stand in for it.
pub type Fault = (Vec<Seg>, Option<Value>);

/// Every problem of `value` against `schema`, positions in `yaml`'s own lines, and the paths
/// of the nodes at fault (an unknown field, a value of the wrong kind or out of range), which
/// `without` removes to read the rest of the document.
///
/// `written` holds the text as written of plain values read as numbers or true/false (see
/// [`yaml_path::Tree`]): a field that takes text gets that text as its stand-in.
pub fn problems(
    value: &Value,
    written: &HashMap<Vec<Seg>, String>,
    schema: &Schema,
    yaml: &str,
) -> (Vec<Diagnostic>, Vec<Fault>) {
    let mut walk = Walk {
        root: schema,
        yaml,
        index: std::cell::OnceCell::new(),
        written,
        found: Vec::new(),
        bad: Vec::new(),
    };
    walk.check(value, schema, &mut Vec::new());
    (walk.found, walk.bad)
}

/// `value` without the nodes at `paths`. A list item is removed only when it is the list's
/// last: removing one before others would move theirs, and problems found later would point
/// at the wrong item; the whole list goes instead.
///
/// A wrong number or unknown name gets a stand-in instead (the lowest allowed number, the
/// first allowed name), so that a required field does not go missing: no check of the rest
/// depends on them.
pub fn without(mut value: Value, paths: &[Fault]) -> Value {
    let mut paths = paths.to_vec();
    // Deepest and last first, so that a removal moves nothing still to be removed.
    paths.sort_by(|a, b| order(&b.0, &a.0));
    for (path, stand_in) in paths {
        match stand_in {
            Some(v) => set(&mut value, &path, v),
            None => remove(&mut value, &path),
        }
    }
    value
}

/// Required text fields that no later check reads: a missing one can be stood in for.
const FREE_TEXT: &[&str] = &["title", "summary", "name"];

/// A value that fits `schema` and means nothing to any later check: the lowest allowed
/// number, or the first allowed name.
fn stand_in(schema: &Schema) -> Option<Value> {
    if let Some(first) = schema
        .get("enum")
        .and_then(Schema::as_array)
        .and_then(|a| a.first())
    {
        return first.as_str().map(|s| Value::String(s.to_owned()));
    }
    let kinds = types(schema);
    if kinds.contains(&"integer") || kinds.contains(&"number") {
        let (type_min, _) = format_range(schema);
        let min = schema
            .get("minimum")
            .and_then(Schema::as_f64)
            .or(type_min)
            .unwrap_or(0.0)
            .max(0.0);
        return Some(Value::Number((min.ceil() as u64).into()));
    }
    None
}

fn order(a: &[Seg], b: &[Seg]) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    for (x, y) in a.iter().zip(b) {
        let o = match (x, y) {
            (Seg::Index(i), Seg::Index(j)) => i.cmp(j),
            (Seg::Key(i), Seg::Key(j)) => i.cmp(j),
            (Seg::Index(_), Seg::Key(_)) => Ordering::Less,
            (Seg::Key(_), Seg::Index(_)) => Ordering::Greater,
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// Puts `new` at `path` in `value`: replaces the node there, or adds a missing field to its
/// mapping.
pub fn set(value: &mut Value, path: &[Seg], new: Value) {
    let Some((last, parents)) = path.split_last() else {
        *value = new;
        return;
    };
    let Some(node) = node_at(value, parents) else {
        return;
    };
    match (last, node) {
        (Seg::Key(k), Value::Mapping(map)) => {
            // The key as the map holds it (a number, perhaps), or a new one.
            let key = key_in(map, k).unwrap_or_else(|| Value::String(k.clone()));
            map.insert(key, new);
        }
        (Seg::Index(i), Value::Sequence(items)) => {
            if let Some(item) = items.get_mut(*i) {
                *item = new;
            }
        }
        _ => {}
    }
}

/// The key of `map` that a path names `k`: paths spell keys as text, and a key may be a
/// number (`1.5:` in a map of scores).
fn key_in(map: &serde_yaml::Mapping, k: &str) -> Option<Value> {
    // A text key is looked up (a file with thousands of faults removes thousands of keys);
    // only keys written as numbers or true/false are compared one by one.
    let text = Value::String(k.to_owned());
    if map.contains_key(&text) {
        return Some(text);
    }
    map.keys()
        .find(|key| !matches!(key, Value::String(_)) && scalar_text(key) == k)
        .cloned()
}

/// The node at `path` in `value`, if it is there.
fn node_at<'v>(value: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    let mut node = value;
    for seg in path {
        node = match (seg, node) {
            (Seg::Key(k), Value::Mapping(map)) => {
                let key = key_in(map, k)?;
                map.get_mut(&key)?
            }
            (Seg::Index(i), Value::Sequence(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

fn remove(value: &mut Value, path: &[Seg]) {
    let Some((last, parents)) = path.split_last() else {
        *value = Value::Null;
        return;
    };
    let Some(node) = node_at(value, parents) else {
        return;
    };
    match (last, node) {
        (Seg::Key(k), Value::Mapping(map)) => {
            if let Some(key) = key_in(map, k) {
                map.remove(&key);
            }
        }
        (Seg::Index(i), Value::Sequence(items)) if *i + 1 == items.len() => {
            items.pop();
            // A list emptied by its faults goes too: a rule such as "at least one item" would
            // otherwise repeat the fault in other words.
            if items.is_empty() {
                remove(value, parents);
            }
        }
        (Seg::Index(_), Value::Sequence(_)) => remove(value, parents),
        _ => {}
    }
}

struct Walk<'a> {
    root: &'a Schema,
    yaml: &'a str,
    /// Every node's position, read once on the first problem: a file with thousands of
    /// problems is read twice, not thousands of times.
    index: std::cell::OnceCell<yaml_path::PositionIndex>,
    written: &'a HashMap<Vec<Seg>, String>,
    found: Vec<Diagnostic>,
    /// The paths of the nodes at fault, each with a value that could stand in for it.
    bad: Vec<Fault>,
}

impl<'a> Walk<'a> {
    /// `schema` with `$ref`s followed.
    fn resolve(&self, mut schema: &'a Schema) -> &'a Schema {
        for _ in 0..16 {
            let Some(reference) = schema.get("$ref").and_then(Schema::as_str) else {
                break;
            };
            let Some(name) = reference.strip_prefix("#/$defs/") else {
                break;
            };
            match self.root.pointer(&format!("/$defs/{name}")) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    fn at(&self, path: &[Seg], target: Target) -> Option<Position> {
        self.index
            .get_or_init(|| yaml_path::PositionIndex::new(self.yaml))
            .get(path, target)
    }

    fn check(&mut self, value: &Value, schema: &'a Schema, path: &mut Vec<Seg>) {
        let schema = self.resolve(schema);
        if let Some(options) = schema.get("anyOf").and_then(Schema::as_array) {
            let fits = options.iter().find(|o| self.fits(value, o, path));
            if let Some(option) = fits {
                // Walked again for the stand-ins it needs (text written as a number).
                self.check(value, option, path);
            } else {
                // One of the options is a list of the other: report against the closest.
                let target = options
                    .iter()
                    .find(|o| kind_matches(value, self.resolve(o)))
                    .unwrap_or(&options[0]);
                let before = self.found.len();
                self.check(value, target, path);
                if self.found.len() == before {
                    self.wrong_kind(value, schema, path);
                }
            }
            return;
        }
        // A null written for text (`null`, `~`): serde reads the word as text from the file.
        if value.is_null()
            && types(schema) == ["string"]
            && schema.get("enum").is_none()
            && let Some(written) = self.written.get(path.as_slice())
        {
            self.bad
                .push((path.to_vec(), Some(Value::String(written.clone()))));
            return;
        }
        if !kind_matches(value, schema) {
            self.wrong_kind(value, schema, path);
            return;
        }
        // Text written as a number or true/false: serde reads it as text from the file, but
        // not from the tree the rest of a faulty file is read from, so the tree gets the text.
        let kinds = types(schema);
        if kinds.contains(&"string")
            && !kinds
                .iter()
                .any(|k| matches!(*k, "integer" | "number" | "boolean"))
            && matches!(value, Value::Number(_) | Value::Bool(_))
        {
            let text = match self.written.get(path.as_slice()) {
                Some(written) => written.clone(),
                None => scalar_text(value),
            };
            self.bad.push((path.to_vec(), Some(Value::String(text))));
        }
        if let Some(allowed) = schema.get("enum").and_then(Schema::as_array) {
            if !allowed.iter().any(|a| same(value, a)) {
                let names: Vec<&str> = allowed.iter().filter_map(Schema::as_str).collect();
                let shown = scalar_text(value);
                let d = Diagnostic::new(
                    Code::InvalidValue,
                    if shown.trim().is_empty() {
                        format!("this value is empty{}", within(path))
                    } else {
                        format!("unknown value `{shown}`{}", within(path))
                    },
                )
                .at(self.at(path, Target::Value))
                .suggest(&shown, names.iter().copied());
                let d = if d.hint.is_none() {
                    d.with_hint(format!("use one of {}", crate::diag::quoted(&names)))
                } else {
                    d
                };
                self.bad.push((path.to_vec(), stand_in(schema)));
                self.found.push(d);
            }
            return;
        }
        match value {
            Value::Number(n) => self.range(n, schema, path),
            Value::Sequence(items) => {
                let min = schema.get("minItems").and_then(Schema::as_u64).unwrap_or(0);
                if (items.len() as u64) < min {
                    self.bad.push((path.to_vec(), None));
                    self.found.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            format!(
                                "this list needs at least {min} item{}{}",
                                plural(min),
                                within(path)
                            ),
                        )
                        .at(self.at(path, Target::Value))
                        .with_hint("add an item: `- ...` on its own line"),
                    );
                }
                if let Some(item) = schema.get("items") {
                    for (i, v) in items.iter().enumerate() {
                        path.push(Seg::Index(i));
                        self.check(v, item, path);
                        path.pop();
                    }
                }
            }
            Value::Mapping(map) => self.mapping(map, schema, path),
            _ => {}
        }
    }

    fn mapping(&mut self, map: &serde_yaml::Mapping, schema: &'a Schema, path: &mut Vec<Seg>) {
        let properties = schema.get("properties").and_then(Schema::as_object);
        let extra = schema.get("additionalProperties");
        let known: Vec<&str> = properties
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut suggested = Vec::new();
        for (key, v) in map {
            let name = scalar_text(key);
            path.push(Seg::Key(name.clone()));
            let pattern = patterned(schema, &name);
            if pattern.is_some() && takes_numbers(schema) && !fits_number_key(&name) {
                self.bad.push((path.to_vec(), None));
                self.found.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!(
                            "`{name}` is too large for a score{}",
                            within(&path[..path.len() - 1])
                        ),
                    )
                    .at(self.at(path, Target::Key))
                    .with_hint(format!(
                        "scores are whole numbers from 0 to {NUMBER_KEY_MAX}, such as `3:`"
                    )),
                );
                path.pop();
                continue;
            }
            match properties.and_then(|p| p.get(&name)).or(pattern) {
                Some(property) => self.check(v, property, path),
                None => match extra {
                    Some(Schema::Bool(false)) => {
                        let d =
                            Diagnostic::new(Code::UnknownField, format!("unknown field `{name}`"))
                                .at(self.at(path, Target::Key))
                                .suggest(&name, known.iter().copied());
                        if let Some(hint) = &d.hint
                            && let Some(field) = hint.split('`').nth(1)
                        {
                            suggested.push(field.to_owned());
                        }
                        let d = if d.hint.is_some() {
                            d
                        } else if known.is_empty() && takes_numbers(schema) {
                            d.with_hint("the keys here are whole numbers, such as `3:`")
                        } else if d.hint.is_none() {
                            d.with_hint(format!(
                                "remove it, or use one of {}",
                                crate::diag::quoted(&known)
                            ))
                        } else {
                            d
                        };
                        self.bad.push((path.to_vec(), None));
                        self.found.push(d);
                    }
                    Some(s @ Schema::Object(_)) => self.check(v, s, path),
                    _ => {}
                },
            }
            path.pop();
        }
        let required = schema.get("required").and_then(Schema::as_array);
        for field in required.into_iter().flatten().filter_map(Schema::as_str) {
            let present = map.keys().any(|k| scalar_text(k) == field);
            if !present {
                // A stand-in where one means nothing to later checks: a name or a number.
                let property = properties
                    .and_then(|p| p.get(field))
                    .map(|p| self.resolve(p));
                let texts = property.is_some_and(|p| {
                    types(p).contains(&"array")
                        && p.get("items").is_some_and(|i| types(i) == ["string"])
                });
                let stand_in = match property {
                    _ if FREE_TEXT.contains(&field) => Some(Value::String("…".to_owned())),
                    // A list of texts (a question's `strong`), not of references (a group's
                    // `one_of` lists question ids, checked later: no stand-in).
                    _ if texts && field != "one_of" => {
                        Some(Value::Sequence(vec![Value::String("…".to_owned())]))
                    }
                    Some(p) => stand_in(p),
                    None => None,
                };
                if let Some(v) = stand_in {
                    let mut at = path.clone();
                    at.push(Seg::Key(field.to_owned()));
                    self.bad.push((at, Some(v)));
                }
            }
            // A misspelt field already says "did you mean `topic`?".
            if !present && !suggested.iter().any(|s| s == field) {
                let at = if path.is_empty() {
                    Some(Position::new(1, 1))
                } else {
                    self.at(path, Target::Value)
                };
                self.found.push(
                    Diagnostic::new(
                        Code::MissingField,
                        format!("missing required field `{field}`"),
                    )
                    .at(at)
                    .with_hint(format!("add `{field}: ...`")),
                );
            }
        }
    }

    fn range(&mut self, n: &serde_yaml::Number, schema: &Schema, path: &[Seg]) {
        // A number field's type bounds it too (`format: uint32`), when no range is given.
        let (type_min, type_max) = format_range(schema);
        let (min, max) = (
            schema.get("minimum").and_then(Schema::as_f64).or(type_min),
            schema.get("maximum").and_then(Schema::as_f64).or(type_max),
        );
        let Some(x) = n.as_f64() else { return };
        if min.is_some_and(|m| x < m) || max.is_some_and(|m| x > m) {
            self.bad.push((path.to_vec(), stand_in(schema)));
            // Beyond a bound only the number's type sets: no range worth quoting.
            let too_far =
                |bound: Option<f64>, beyond: bool| bound.is_some_and(|m| beyond && m.abs() > 1e6);
            let large = too_far(max, max.is_some_and(|m| x > m));
            let small = too_far(min, min.is_some_and(|m| x < m));
            if large || small {
                let how = if large { "large" } else { "small" };
                self.found.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!("`{n}` is far too {how} a number{}", within(path)),
                    )
                    .at(self.at(path, Target::Value))
                    .with_hint(example(schema, path)),
                );
                return;
            }
            self.found.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!(
                        "`{n}` is out of range: this must be {}{}",
                        describe(schema),
                        within(path)
                    ),
                )
                .at(self.at(path, Target::Value))
                .with_hint(example(schema, path)),
            );
        }
    }

    fn wrong_kind(&mut self, value: &Value, schema: &Schema, path: &[Seg]) {
        let schema = self.resolve(schema);
        // A title or name of the wrong kind is stood in for, so the file's references are
        // still checked; other text (ids, topics) is left out, lest a stand-in be reported.
        let free_text = matches!(path.last(), Some(Seg::Key(k)) if FREE_TEXT.contains(&k.as_str()))
            && types(schema).contains(&"string");
        let stand = if free_text {
            Some(Value::String("…".to_owned()))
        } else {
            stand_in(schema)
        };
        self.bad.push((path.to_vec(), stand));
        self.found.push(
            Diagnostic::new(
                Code::InvalidValue,
                format!(
                    "this must be {}, not {}{}",
                    self.describe_any(schema),
                    describe_value(value),
                    within(path)
                ),
            )
            .at(self.at(path, Target::Value))
            .with_hint(example(schema, path)),
        );
    }

    fn describe_any(&self, schema: &Schema) -> String {
        match schema.get("anyOf").and_then(Schema::as_array) {
            Some(options) => options
                .iter()
                .map(|o| describe(self.resolve(o)))
                .collect::<Vec<_>>()
                .join(" or "),
            None => describe(schema),
        }
    }

    /// Whether `value` fits `schema` without a problem (for `anyOf`).
    fn fits(&self, value: &Value, schema: &'a Schema, path: &[Seg]) -> bool {
        let mut probe = Walk {
            root: self.root,
            yaml: "",
            index: std::cell::OnceCell::new(),
            written: self.written,
            found: Vec::new(),
            bad: Vec::new(),
        };
        probe.check(value, schema, &mut path.to_vec());
        probe.found.is_empty()
    }
}

/// The schema of a key matched by `patternProperties`. schemars writes only two patterns (for
/// maps keyed by numbers); any other is taken to match, so that it never causes a false
/// "unknown field".
fn patterned<'a>(schema: &'a Schema, key: &str) -> Option<&'a Schema> {
    let patterns = schema.get("patternProperties")?.as_object()?;
    patterns.iter().find_map(|(pattern, value)| {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let matches = match pattern.as_str() {
            r"^\d+$" => digits(key),
            r"^-?\d+$" => digits(key.strip_prefix('-').unwrap_or(key)),
            _ => true,
        };
        matches.then_some(value)
    })
}

/// The range of a number field's type, from the `format` schemars writes for it.
fn format_range(schema: &Schema) -> (Option<f64>, Option<f64>) {
    match schema.get("format").and_then(Schema::as_str) {
        Some("uint8") => (Some(0.0), Some(u8::MAX.into())),
        Some("uint16") => (Some(0.0), Some(u16::MAX.into())),
        Some("uint32") | Some("uint") => (Some(0.0), Some(u32::MAX.into())),
        Some("uint64") => (Some(0.0), Some(u64::MAX as f64)),
        Some("int8") => (Some(i8::MIN.into()), Some(i8::MAX.into())),
        Some("int16") => (Some(i16::MIN.into()), Some(i16::MAX.into())),
        Some("int32") | Some("int") => (Some(i32::MIN.into()), Some(i32::MAX.into())),
        _ => (None, None),
    }
}

/// The largest key of a map keyed by numbers. Every such map in the raw model is keyed by
/// scores (`u8`: a scale's labels, a dimension's anchors), which schemars does not record;
/// `number_keys_are_scores` checks that serde agrees.
const NUMBER_KEY_MAX: u64 = u8::MAX as u64;

fn fits_number_key(key: &str) -> bool {
    key.strip_prefix('-').is_some() || key.parse::<u64>().is_ok_and(|n| n <= NUMBER_KEY_MAX)
}

/// A map keyed by numbers (a scale's labels, a dimension's anchors).
fn takes_numbers(schema: &Schema) -> bool {
    schema
        .get("patternProperties")
        .and_then(Schema::as_object)
        .is_some_and(|p| p.keys().any(|k| k.contains(r"\d")))
}

fn types(schema: &Schema) -> Vec<&str> {
    match schema.get("type") {
        Some(Schema::String(t)) => vec![t.as_str()],
        Some(Schema::Array(ts)) => ts.iter().filter_map(Schema::as_str).collect(),
        _ => Vec::new(),
    }
}

fn kind_matches(value: &Value, schema: &Schema) -> bool {
    let types = types(schema);
    if types.is_empty() {
        return true;
    }
    types.iter().any(|t| match (*t, value) {
        // serde reads a number or true/false where text is wanted as that text.
        ("string", Value::String(_) | Value::Number(_) | Value::Bool(_)) => true,
        ("integer", Value::Number(n)) => n.is_i64() || n.is_u64(),
        ("number", Value::Number(_)) => true,
        ("boolean", Value::Bool(_)) => true,
        ("null", Value::Null) => true,
        ("array", Value::Sequence(_)) => true,
        ("object", Value::Mapping(_)) => true,
        _ => false,
    })
}

/// What a schema asks for, in plain words: "a whole number from 1 to 240".
pub fn describe(schema: &Schema) -> String {
    if let Some(values) = schema.get("enum").and_then(Schema::as_array) {
        let names: Vec<&str> = values.iter().filter_map(Schema::as_str).collect();
        return format!("one of {}", crate::diag::quoted(&names));
    }
    let kinds: Vec<&str> = types(schema).into_iter().filter(|t| *t != "null").collect();
    let words: Vec<String> = kinds
        .iter()
        .map(|t| match *t {
            "string" => "a piece of text".to_owned(),
            "integer" => {
                let (type_min, type_max) = format_range(schema);
                let min = schema
                    .get("minimum")
                    .and_then(Schema::as_f64)
                    .or(type_min)
                    .map(|m| m as i128);
                let max = schema
                    .get("maximum")
                    .and_then(Schema::as_f64)
                    .or(type_max)
                    .map(|m| m as i128);
                // A bound that only the number's type sets is beyond any sensible value:
                // said in words, not as ten digits.
                let huge = |m: i128| m.abs() > 1_000_000;
                match (min, max) {
                    (Some(a), Some(b)) if huge(a) && huge(b) => "a whole number".to_owned(),
                    (Some(a), Some(b)) if huge(b) => {
                        format!("a whole number of at least {a}")
                    }
                    (Some(a), Some(b)) => format!("a whole number from {a} to {b}"),
                    (Some(a), None) => format!("a whole number of at least {a}"),
                    (None, Some(b)) => format!("a whole number up to {b}"),
                    (None, None) => "a whole number".to_owned(),
                }
            }
            "number" => "a number".to_owned(),
            "boolean" => "true or false".to_owned(),
            "array" => match schema.get("items").map(types) {
                Some(t) if t == ["string"] => "a list of texts".to_owned(),
                Some(t) if t == ["object"] => {
                    "a list of entries (`- ` lines with fields)".to_owned()
                }
                _ => "a list".to_owned(),
            },
            "object" => "a set of fields (`name: value` lines)".to_owned(),
            other => other.to_owned(),
        })
        .collect();
    if words.is_empty() {
        "a value".to_owned()
    } else {
        words.join(" or ")
    }
}

/// How to write a value `schema` accepts, as a hint: "write it like `minutes: 15`".
fn example(schema: &Schema, path: &[Seg]) -> String {
    let name = match path.last() {
        Some(Seg::Key(k)) => k.as_str(),
        _ => "value",
    };
    let kinds = types(schema);
    // A list item, or the whole file: no field name to show.
    let item = matches!(path.last(), Some(Seg::Index(_)));
    if path.is_empty() && kinds.contains(&"object") {
        return "write `field: value` lines, like `title: ...`".to_owned();
    }
    if item {
        let sample = if kinds.contains(&"integer") {
            "- 3"
        } else if kinds.contains(&"object") {
            // The entry's first required field shows its shape: `- title: ...` for a
            // checklist item, `- name: ...` for a round.
            let first = schema
                .get("required")
                .and_then(Schema::as_array)
                .and_then(|r| r.first())
                .and_then(Schema::as_str)
                .unwrap_or("name");
            return format!(
                "write each item as `- {first}: ...`, with its other fields indented under it"
            );
        } else {
            "- some text"
        };
        return format!("write each item like `{sample}`");
    }
    // A map keyed by scores (anchors, labels).
    if kinds.contains(&"object") && takes_numbers(schema) {
        return format!("write `{name}:` then one indented `3: text` line per score");
    }
    let sample = if kinds.contains(&"integer") {
        let n = schema
            .get("minimum")
            .and_then(Schema::as_i64)
            .unwrap_or(0)
            .max(15);
        let n = schema
            .get("maximum")
            .and_then(Schema::as_i64)
            .map_or(n, |m| n.min(m));
        format!("{name}: {n}")
    } else if kinds.contains(&"array") {
        format!("{name}: [first, second]")
    } else if kinds.contains(&"boolean") {
        format!("{name}: true")
    } else if kinds.contains(&"object") {
        format!("{name}:` then indented `field: value` lines, like `  title: ...")
    } else if schema.get("anyOf").is_some() {
        return "write one value, or a list of them in brackets".to_owned();
    } else {
        format!("{name}: some text")
    };
    format!("write it like `{sample}`")
}

/// What a value is, in plain words: `the text "fifteen"`, `the number -3`.
fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "empty".to_owned(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            let cut = if short.len() < s.len() { "…" } else { "" };
            format!("the text \"{short}{cut}\"")
        }
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a set of fields".to_owned(),
        Value::Tagged(_) => "a tagged value".to_owned(),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        _ => "…".to_owned(),
    }
}

fn same(value: &Value, allowed: &Schema) -> bool {
    match (value, allowed) {
        (Value::String(a), Schema::String(b)) => a == b,
        (Value::Number(a), Schema::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Bool(a), Schema::Bool(b)) => a == b,
        _ => false,
    }
}

/// `rounds[0].minutes`
/// " (in `rounds[0].minutes`)", or nothing at the top.
/// Where a value is, in words: ` (in `rounds` item 1 › `minutes`)`, items counted from 1.
fn within(path: &[Seg]) -> String {
    if path.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push_str(" › ");
                }
                out.push_str(&format!("`{k}`"));
            }
            Seg::Index(i) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&format!("item {}", i + 1));
            }
        }
    }
    format!(" (in {out})")
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::raw::{RawQuestion, RawRole, RawScorecard};

    /// Paths spell keys as text; a key YAML read as a number is found all the same, to be
    /// replaced or removed, never doubled by a text key beside it.
    #[test]
    fn faults_reach_keys_that_are_numbers() {
        let value: Value = serde_yaml::from_str("a: {5: x, 1.5: y, b: z}\n").unwrap();
        let faults = [
            (
                vec![Seg::key("a"), Seg::key("5")],
                Some(Value::String("w".into())),
            ),
            (vec![Seg::key("a"), Seg::key("1.5")], None),
        ];
        let repaired = without(value, &faults);
        let want: Value = serde_yaml::from_str("a: {5: w, b: z}\n").unwrap();
        assert_eq!(repaired, want);
    }

    fn found<T: schemars::JsonSchema>(yaml: &str) -> Vec<String> {
        let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
        let value: Value = serde_yaml::from_str(yaml).unwrap();
        problems(&value, &HashMap::new(), &schema, yaml)
            .0
            .into_iter()
            .map(|d| {
                let at = d
                    .position
                    .map(|p| format!("{}:{}", p.line, p.column))
                    .unwrap_or_default();
                format!("{at} {} {}", d.code, d.message)
            })
            .collect()
    }

    #[test]
    fn every_problem_of_a_question_at_once() {
        let yaml = "title: Q\ntpoic: db\nlevel: senor\nminutes: ten\nstrong: []\n";
        assert_eq!(
            found::<RawQuestion>(yaml),
            [
                "2:1 H0204 unknown field `tpoic`",
                "3:8 H0206 unknown value `senor` (in `level`)",
                "4:10 H0206 this must be a whole number from 1 to 240, not the text \"ten\" (in `minutes`)",
                "5:9 H0206 this list needs at least 1 item (in `strong`)",
            ]
        );
    }

    #[test]
    fn ranges_and_nested_fields_use_plain_words() {
        let yaml = "title: Q\ntopic: db\nstrong: [x]\nminutes: -3\n";
        assert_eq!(
            found::<RawQuestion>(yaml),
            [
                "4:10 H0206 `-3` is out of range: this must be a whole number from 1 to 240 (in `minutes`)"
            ]
        );
        let role = "title: R\nlevel: mid\nscorecard: s\nrounds:\n  - name: One\n    minutes: x\n    questions: [a]\n    colour: red\n";
        let got = found::<RawRole>(role);
        assert!(
            got.iter()
                .any(|l| l.starts_with("8:5 H0204 unknown field `colour`")),
            "{got:?}"
        );
        assert!(
            got.iter().any(|l| l.contains("not the text \"x\"")),
            "{got:?}"
        );
    }

    #[test]
    fn number_keys_are_scores() {
        let scorecard = |key: &str| {
            format!(
                "title: S\nscale:\n  min: 1\n  max: 5\n  labels: {{ {key}: Low }}\ndimensions:\n  - id: a\n    name: A\n"
            )
        };
        let fits = serde_yaml::from_str::<RawScorecard>(&scorecard(&NUMBER_KEY_MAX.to_string()));
        assert!(fits.is_ok(), "{fits:?}");
        let over = scorecard(&(NUMBER_KEY_MAX + 1).to_string());
        assert!(serde_yaml::from_str::<RawScorecard>(&over).is_err());
        assert_eq!(
            found::<RawScorecard>(&over),
            ["5:13 H0206 `256` is too large for a score (in `scale` › `labels`)"]
        );
    }

    /// Maps keyed by numbers (a scale's labels, a dimension's anchors) are checked key by key:
    /// a number is a key they take, a word is not. An unknown field elsewhere in the file
    /// must not make every score in them "unknown".
    #[test]
    fn maps_keyed_by_numbers_take_numbers() {
        let scorecard = "title: S\ncolour: red\nscale:\n  min: 1\n  max: 5\n  labels: { 1: Low, 5: High }\ndimensions:\n  - id: a\n    name: A\n    anchors:\n      1: x\n      five: y\n";
        assert_eq!(
            found::<RawScorecard>(scorecard),
            [
                "2:1 H0204 unknown field `colour`",
                "12:7 H0204 unknown field `five`",
            ]
        );
        let schema = serde_json::to_value(schemars::schema_for!(RawScorecard)).unwrap();
        let value: Value = serde_yaml::from_str(scorecard).unwrap();
        let five = problems(&value, &HashMap::new(), &schema, scorecard)
            .0
            .pop()
            .unwrap();
        assert_eq!(
            five.hint.as_deref(),
            Some("the keys here are whole numbers, such as `3:`")
        );
    }
}
