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
/// search plus a walk along one line from its start, or from the previous lookup when that was
/// earlier on the same line. Lookups come in order, so even half a million problems on one
/// long line cost one walk along it, not one each.
pub struct LineIndex {
    starts: Vec<usize>,
    /// The previous lookup: its offset and its column.
    last: std::cell::Cell<(usize, usize)>,
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
        LineIndex {
            starts,
            last: std::cell::Cell::new((0, 0)),
        }
    }

    /// The same as `position_at(text, offset)`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let (last_offset, last_column) = self.last.get();
        let column = if (start..=offset).contains(&last_offset) && last_column > 0 {
            last_column + text[last_offset..offset].chars().count()
        } else {
            text[start..offset].chars().count() + 1
        };
        self.last.set((offset, column));
        Position::new(line, column)
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
    fn the_index_agrees_with_position_at_in_any_order() {
        let text = "ab\ncafé x y\n\nzz é\n";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len()).collect();
        // In order, backwards, and jumping about.
        let mut order = offsets.clone();
        order.extend(offsets.iter().rev());
        order.extend([7, 3, 12, 5, 5, 0, 14]);
        for offset in order {
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
