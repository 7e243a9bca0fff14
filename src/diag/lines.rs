//! Turning byte offsets into 1-based line:column positions.

use super::Position;

/// The position of byte `offset` in `text`; columns count characters.
pub fn position_at(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    Position::new(line, column)
}

/// Line starts of a text, for many position lookups in one file: each lookup is a binary
/// search plus a walk along one line, so a file with thousands of problems stays fast.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The same as `position_at(text, offset)`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        Position::new(line, text[start..offset].chars().count() + 1)
    }
}

/// Shifts a position found inside an embedded block (front matter) to the file's coordinates.
pub fn shift(position: Position, first_line: usize) -> Position {
    Position::new(
        position.line as usize + first_line - 1,
        position.column as usize,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let text = "ab\ncdé\nf";
        assert_eq!(position_at(text, 0), Position::new(1, 1));
        assert_eq!(position_at(text, 3), Position::new(2, 1));
        assert_eq!(position_at(text, 7), Position::new(2, 4));
        assert_eq!(position_at(text, 8), Position::new(3, 1));
        assert_eq!(position_at(text, 999), Position::new(3, 2));
        // inside a multi-byte character: the character's own column
        assert_eq!(position_at(text, 6), Position::new(2, 3));
    }

    #[test]
    fn the_index_agrees_with_position_at() {
        let text = "ab\ncdé\n\nf\n";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.position(text, offset),
                position_at(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn shift_moves_lines_only() {
        assert_eq!(shift(Position::new(1, 5), 2), Position::new(2, 5));
    }
}
