//! Positions in FTL source text.
//!
//! fluent-syntax reports parser errors as byte ranges and gives no positions for
//! AST nodes, but the AST of a `&str` source borrows every identifier from that
//! source, so a node's byte offset is where its slice starts. This module turns
//! those byte offsets into the 1-based line and character column people read.

/// A 1-based line and column in a source text; the column counts characters
/// (Unicode scalar values), not bytes, so it matches what an editor shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Position {
    /// 1-based line number.
    pub(crate) line: usize,
    /// 1-based column, in characters.
    pub(crate) col: usize,
}

impl Position {
    /// The first character of a file: used where a finding has no better place.
    pub(crate) const START: Position = Position { line: 1, col: 1 };
}

/// Positions in one source text: the document model's [`yaku_content::LineIndex`] of
/// its lines, with the text itself so that the slices of a parsed AST can be placed.
#[derive(Debug)]
pub(crate) struct SourcePositions<'s> {
    source: &'s str,
    lines: yaku_content::LineIndex,
}

impl<'s> SourcePositions<'s> {
    /// Indexes the line starts of `source`.
    pub(crate) fn new(source: &'s str) -> Self {
        SourcePositions {
            source,
            lines: yaku_content::LineIndex::new(source),
        }
    }

    /// The position of byte `offset`; an offset past the end or inside a
    /// character is moved back to the nearest character boundary.
    pub(crate) fn position(&self, offset: usize) -> Position {
        let (line, col) = self.lines.line_col(self.source, offset);
        Position { line, col }
    }

    /// The position where `slice` starts, if it is a slice of this source
    /// (every identifier and text element of a parsed `&str` AST is one).
    pub(crate) fn position_of(&self, slice: &str) -> Position {
        self.offset_of(slice)
            .map_or(Position::START, |offset| self.position(offset))
    }

    /// The byte offset at which `slice` starts inside the source, or `None`
    /// when `slice` does not point into it.
    pub(crate) fn offset_of(&self, slice: &str) -> Option<usize> {
        let start = self.source.as_ptr() as usize;
        let offset = (slice.as_ptr() as usize).checked_sub(start)?;
        (offset + slice.len() <= self.source.len()).then_some(offset)
    }

    /// The source text being indexed.
    pub(crate) fn source(&self) -> &'s str {
        self.source
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(source: &str, offset: usize, expected: (usize, usize)) {
        let position = SourcePositions::new(source).position(offset);
        assert_eq!((position.line, position.col), expected, "offset {offset}");
    }

    #[test]
    fn first_character_is_line_1_col_1() {
        check("abc", 0, (1, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        // "布施" is 6 bytes but 2 characters.
        check("布施 = x", "布施 ".len(), (1, 4));
    }

    #[test]
    fn lines_start_after_line_feed_and_crlf() {
        check("a\nbc", 3, (2, 2));
        check("a\r\nbc", 4, (2, 2));
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_are_clamped() {
        check("ab", 99, (1, 3));
        check("布", 1, (1, 1));
    }

    #[test]
    fn position_of_a_subslice_is_found_and_a_foreign_slice_is_start() {
        let source = "one\ntwo three";
        let index = SourcePositions::new(source);
        let three = &source[8..];
        assert_eq!(index.position_of(three), Position { line: 2, col: 5 });
        let foreign = String::from("three");
        assert_eq!(index.position_of(&foreign), Position::START);
    }
}
