//! Conversions between the three ways of counting positions in a text.
//!
//! ```text
//!  text:        a  😀        é (e + ◌́)   b
//!  code points: 0  1         2  3        4   (5 = end)   ← saved files, the core
//!  UTF-16:      0  1 2       3  4        5   (6 = end)   ← the DOM
//!  UTF-8 bytes: 0  1 2 3 4   5  6 7      8   (9 = end)   ← Rust slicing
//! ```
//!
//! Every function here takes offsets that lie between characters. A UTF-16 offset that
//! falls inside a surrogate pair is rounded down to the start of that character, which is
//! what a browser's selection means when it lands there.

/// Number of Unicode code points in `text`.
pub fn cp_len(text: &str) -> usize {
    text.chars().count()
}

/// Number of UTF-16 code units in `text` (what JavaScript's `length` reports).
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Byte offset of code point `cp`, or `None` if `cp` is past the end.
///
/// Skipping with `Chars::nth` lets the standard library count 32 bytes at a time
/// (`Chars::advance_by`) instead of decoding every character: a span's quote near the end
/// of a 100,000-word article no longer walks its 600 KB character by character.
pub fn cp_to_byte(text: &str, cp: usize) -> Option<usize> {
    let mut chars = text.chars();
    if let Some(before) = cp.checked_sub(1) {
        chars.nth(before)?;
    }
    Some(text.len() - chars.as_str().len())
}

/// Code point offset of byte `byte`, or `None` if `byte` is past the end or inside a character.
pub fn byte_to_cp(text: &str, byte: usize) -> Option<usize> {
    if byte > text.len() || !text.is_char_boundary(byte) {
        return None;
    }
    Some(text[..byte].chars().count())
}

/// Code point offset for a UTF-16 offset, or `None` if `u16` is past the end.
pub fn utf16_to_cp(text: &str, u16: usize) -> Option<usize> {
    let mut units = 0;
    for (cp, c) in text.chars().enumerate() {
        let next = units + c.len_utf16();
        if u16 < next {
            return Some(cp);
        }
        units = next;
    }
    (u16 == units).then(|| cp_len(text))
}

/// UTF-16 offset of code point `cp`, or `None` if `cp` is past the end.
pub fn cp_to_utf16(text: &str, cp: usize) -> Option<usize> {
    let mut units = 0;
    let mut chars = text.chars();
    for _ in 0..cp {
        units += chars.next()?.len_utf16();
    }
    Some(units)
}

/// The text between code points `start` and `end`, or `None` if the range does not fit.
pub fn slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let from = cp_to_byte(text, start)?;
    let len = cp_to_byte(&text[from..], end - start)?;
    Some(&text[from..from + len])
}

/// A table for converting many offsets of one long text quickly.
///
/// Building it costs one pass over the text; each lookup is then a binary search over
/// the (usually few) characters that are not plain ASCII.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetIndex {
    /// For each non-ASCII character in order: (code point offset, byte offset, UTF-16 offset).
    wide: Vec<(usize, usize, usize)>,
    cp_len: usize,
    byte_len: usize,
    utf16_len: usize,
}

impl OffsetIndex {
    pub fn new(text: &str) -> OffsetIndex {
        let mut wide = Vec::new();
        let (mut cp, mut u16) = (0, 0);
        for (byte, c) in text.char_indices() {
            if !c.is_ascii() {
                wide.push((cp, byte, u16));
            }
            cp += 1;
            u16 += c.len_utf16();
        }
        OffsetIndex { wide, cp_len: cp, byte_len: text.len(), utf16_len: u16 }
    }

    pub fn cp_len(&self) -> usize {
        self.cp_len
    }

    pub fn utf16_len(&self) -> usize {
        self.utf16_len
    }

    /// Byte offset of code point `cp`, or `None` past the end.
    pub fn cp_to_byte(&self, cp: usize) -> Option<usize> {
        if cp > self.cp_len {
            return None;
        }
        // Characters before `cp` that are wide: each adds (its byte width - 1).
        let i = self.wide.partition_point(|w| w.0 < cp);
        if i == 0 {
            return Some(cp);
        }
        let (wcp, wbyte, _) = self.wide[i - 1];
        Some(wbyte + self.byte_width(i - 1) + (cp - wcp - 1))
    }

    /// Code point offset of byte `byte`, or `None` past the end or inside a character.
    pub fn byte_to_cp(&self, byte: usize) -> Option<usize> {
        if byte > self.byte_len {
            return None;
        }
        let i = self.wide.partition_point(|w| w.1 < byte);
        if i == 0 {
            return Some(byte);
        }
        let (wcp, wbyte, _) = self.wide[i - 1];
        let width = self.byte_width(i - 1);
        (byte >= wbyte + width).then(|| wcp + 1 + (byte - wbyte - width))
    }

    /// Code point offset of UTF-16 offset `u16` (rounded down inside a surrogate pair).
    pub fn utf16_to_cp(&self, u16: usize) -> Option<usize> {
        if u16 > self.utf16_len {
            return None;
        }
        let i = self.wide.partition_point(|w| w.2 <= u16);
        if i == 0 {
            return Some(u16);
        }
        let (wcp, _, wu16) = self.wide[i - 1];
        let width = self.utf16_width(i - 1);
        if u16 < wu16 + width {
            return Some(wcp);
        }
        Some(wcp + 1 + (u16 - wu16 - width))
    }

    /// UTF-16 offset of code point `cp`.
    pub fn cp_to_utf16(&self, cp: usize) -> Option<usize> {
        if cp > self.cp_len {
            return None;
        }
        let i = self.wide.partition_point(|w| w.0 < cp);
        if i == 0 {
            return Some(cp);
        }
        let (wcp, _, wu16) = self.wide[i - 1];
        Some(wu16 + self.utf16_width(i - 1) + (cp - wcp - 1))
    }

    fn utf16_width(&self, i: usize) -> usize {
        // A char is 2 UTF-16 units exactly when it is 4 UTF-8 bytes.
        if self.byte_width(i) == 4 {
            2
        } else {
            1
        }
    }

    /// Byte width of the `i`-th wide char, derived from where the next char starts.
    fn byte_width(&self, i: usize) -> usize {
        let (cp, byte, _) = self.wide[i];
        match self.wide.get(i + 1) {
            Some(&(ncp, nbyte, _)) => nbyte - byte - (ncp - cp - 1),
            None => self.byte_len - byte - (self.cp_len - cp - 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MIXED: &str = "a😀e\u{301}b";

    #[test]
    fn the_picture_in_the_module_docs_holds() {
        assert_eq!(cp_len(MIXED), 5);
        assert_eq!(utf16_len(MIXED), 6);
        assert_eq!(MIXED.len(), 9);
        let cps: Vec<_> = (0..=5).map(|cp| cp_to_utf16(MIXED, cp).unwrap()).collect();
        assert_eq!(cps, [0, 1, 3, 4, 5, 6]);
        let bytes: Vec<_> = (0..=5).map(|cp| cp_to_byte(MIXED, cp).unwrap()).collect();
        assert_eq!(bytes, [0, 1, 5, 6, 8, 9]);
    }

    #[test]
    fn a_utf16_offset_inside_a_surrogate_pair_rounds_down() {
        assert_eq!(utf16_to_cp(MIXED, 2), Some(1));
        assert_eq!(utf16_to_cp(MIXED, 3), Some(2));
        assert_eq!(utf16_to_cp(MIXED, 6), Some(5));
        assert_eq!(utf16_to_cp(MIXED, 7), None);
    }

    #[test]
    fn zwj_sequences_and_skin_tones_count_every_code_point() {
        // Family: man, ZWJ, woman, ZWJ, girl — five code points, eight UTF-16 units.
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(cp_len(family), 5);
        assert_eq!(utf16_len(family), 8);
        // Waving hand with a medium skin tone: two code points, four units.
        let wave = "\u{1F44B}\u{1F3FD}";
        let text = format!("Hi {wave} and {family}!");
        let start = text.chars().position(|c| c == '\u{1F468}').unwrap();
        assert_eq!(start, 10);
        assert_eq!(cp_to_utf16(&text, start), Some(12));
        assert_eq!(slice(&text, start, start + 5), Some(family));
    }

    #[test]
    fn arabic_cjk_and_combining_marks_are_one_unit_per_code_point_in_utf16() {
        let text = "قال الوزير 外交部长 Zoë";
        let n = cp_len(text);
        assert_eq!(utf16_len(text), n);
        assert_eq!(slice(text, 4, 10), Some("الوزير"));
        assert_eq!(slice(text, 11, 15), Some("外交部长"));
        // "Zoë" written with a combining diaeresis is four code points.
        let decomposed = "Zoe\u{308}";
        assert_eq!(cp_len(decomposed), 4);
        assert_eq!(slice(decomposed, 2, 4), Some("e\u{308}"));
    }

    #[test]
    fn crlf_counts_as_two_code_points() {
        let text = "One.\r\nTwo.";
        assert_eq!(cp_len(text), 10);
        assert_eq!(slice(text, 6, 10), Some("Two."));
        assert_eq!(cp_to_utf16(text, 6), Some(6));
    }

    #[test]
    fn out_of_range_is_none() {
        assert_eq!(cp_to_byte("abc", 4), None);
        assert_eq!(cp_to_utf16("abc", 4), None);
        assert_eq!(slice("abc", 2, 1), None);
        assert_eq!(slice("abc", 1, 4), None);
        assert_eq!(byte_to_cp("é", 1), None);
    }

    fn any_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just(" "),
                Just("\r\n"),
                Just("é"),
                Just("e\u{301}"),
                Just("😀"),
                Just("\u{1F44B}\u{1F3FD}"),
                Just("\u{200D}"),
                Just("ق"),
                Just("中"),
                Just("\n\n"),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn the_index_agrees_with_the_plain_functions(text in any_text()) {
            let index = OffsetIndex::new(&text);
            prop_assert_eq!(index.cp_len(), cp_len(&text));
            prop_assert_eq!(index.utf16_len(), utf16_len(&text));
            for cp in 0..=cp_len(&text) + 1 {
                prop_assert_eq!(index.cp_to_byte(cp), cp_to_byte(&text, cp));
                prop_assert_eq!(index.cp_to_utf16(cp), cp_to_utf16(&text, cp));
            }
            for u in 0..=utf16_len(&text) + 1 {
                prop_assert_eq!(index.utf16_to_cp(u), utf16_to_cp(&text, u));
            }
            for byte in 0..=text.len() + 1 {
                prop_assert_eq!(index.byte_to_cp(byte), byte_to_cp(&text, byte));
            }
        }

        #[test]
        fn code_points_survive_a_trip_through_utf16_and_bytes(text in any_text()) {
            for cp in 0..=cp_len(&text) {
                let u = cp_to_utf16(&text, cp).unwrap();
                prop_assert_eq!(utf16_to_cp(&text, u), Some(cp));
                let b = cp_to_byte(&text, cp).unwrap();
                prop_assert_eq!(byte_to_cp(&text, b), Some(cp));
            }
        }
    }
}
