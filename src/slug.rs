//! The one rule for names that become file names and URLs: ids, theme names.

/// Lowercase ASCII letters and digits, joined by single `-` or `_`; 1 to 100 characters.
pub fn is_slug(s: &str) -> bool {
    let bytes = s.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 100
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-' || *b == b'_')
        && !s.contains("--")
        && !s.contains("__")
}
