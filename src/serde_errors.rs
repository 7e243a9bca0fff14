//! Turning serde's error messages into diagnostics with a code and a fix.
//!
//! serde formats its messages in a handful of fixed shapes (`unknown field `x`, expected one
//! of ...`); reading them back lets TOML and YAML share one classification and one
//! "did you mean" hint.

use crate::diag::{Code, Diagnostic};

/// Classifies a serde message into a diagnostic (without file or position).
pub fn classify(message: &str) -> Diagnostic {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = backticked(rest);
        if let Some((field, expected)) = names.split_first() {
            let known = expected.join("`, `");
            let mut d = Diagnostic::new(Code::UnknownField, format!("unknown field `{field}`"))
                .suggest(field, expected.iter().map(String::as_str));
            if d.hint.is_none() {
                d = d.with_hint(if expected.is_empty() {
                    "remove it: no fields are allowed here".to_owned()
                } else {
                    format!("remove it, or use one of `{known}`")
                });
            }
            return d;
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let names = backticked(rest);
        if let Some((value, expected)) = names.split_first() {
            let known = expected.join("`, `");
            let mut d = Diagnostic::new(Code::InvalidValue, format!("unknown value `{value}`"))
                .suggest(value, expected.iter().map(String::as_str));
            if d.hint.is_none() {
                d = d.with_hint(format!("use one of `{known}`"));
            }
            return d;
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let field = backticked(rest).into_iter().next().unwrap_or_default();
        return Diagnostic::new(
            Code::MissingField,
            format!("missing required field `{field}`"),
        )
        .with_hint(format!("add `{field}: ...`"));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let field = backticked(rest).into_iter().next().unwrap_or_default();
        return Diagnostic::new(
            Code::InvalidValue,
            format!("field `{field}` is given twice"),
        )
        .with_hint("keep one of them");
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        return Diagnostic::new(Code::InvalidValue, message.to_owned())
            .with_hint(type_hint(message));
    }
    Diagnostic::new(Code::InvalidValue, message.to_owned())
}

/// A hint for the common "invalid type" shapes YAML users run into.
fn type_hint(message: &str) -> String {
    if message.contains("expected a sequence") {
        "write a list, e.g. `[a, b]` or one `- item` per line".to_owned()
    } else if message.contains("expected a string") {
        "write text; quote it if it starts with a special character".to_owned()
    } else if message.contains("expected u32") || message.contains("expected u8") {
        "write a whole number".to_owned()
    } else {
        "check the value's type against docs/content-model.md".to_owned()
    }
}

/// The words between backticks, in order.
fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, w)| w.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_suggests_the_near_name() {
        let d = classify("unknown field `tpoic`, expected one of `title`, `topic`, `level`");
        assert_eq!(d.code, Code::UnknownField);
        assert_eq!(d.message, "unknown field `tpoic`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `topic`?"));
    }

    #[test]
    fn unknown_field_without_near_name_lists_the_fields() {
        let d = classify("unknown field `zzz`, expected `a` or `b`");
        assert_eq!(d.hint.as_deref(), Some("remove it, or use one of `a`, `b`"));
    }

    #[test]
    fn unknown_variant_is_an_invalid_value() {
        let d =
            classify("unknown variant `senor`, expected one of `junior`, `mid`, `senior`, `lead`");
        assert_eq!(d.code, Code::InvalidValue);
        assert_eq!(d.hint.as_deref(), Some("did you mean `senior`?"));
    }

    #[test]
    fn missing_field() {
        let d = classify("missing field `title`");
        assert_eq!(d.code, Code::MissingField);
        assert_eq!(d.message, "missing required field `title`");
    }
}
