//! Turning a rough selection into the span a person meant.
//!
//! A selection made with a mouse often starts or ends a letter off, or takes in the
//! space after a word. [`snap`] trims surrounding white space, never splits a
//! user-perceived character (an emoji sequence, a letter with its combining marks), and
//! widens a boundary that cuts through a word to the whole word. A boundary next to
//! punctuation is left alone: selecting "Lavrov" in "Lavrov's" keeps "Lavrov".

use crate::offsets;
use unicode_segmentation::UnicodeSegmentation;

/// How far around the selection (in code points) word and character boundaries are looked for.
const WINDOW: usize = 200;

/// The span to tag for a selection of `start..end` (code points) of `text`, or `None`
/// if it holds nothing but white space.
pub fn snap(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let len = offsets::cp_len(text);
    let (start, end) = (start.min(end).min(len), end.max(start).min(len));
    let from = start.saturating_sub(WINDOW);
    let window = offsets::slice(text, from, (end + WINDOW).min(len))?;
    let chars: Vec<char> = window.chars().collect();
    let (mut s, mut e) = (start - from, end - from);

    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if s == e {
        return None;
    }

    let graphemes = boundaries(window.grapheme_indices(true).map(|(i, _)| i), window);
    let words = boundaries(window.split_word_bound_indices().map(|(i, _)| i), window);
    s = graphemes[graphemes.partition_point(|&b| b <= s) - 1];
    e = graphemes[graphemes.partition_point(|&b| b < e)];

    let letter = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let base_before = |i: usize| graphemes[graphemes.partition_point(|&b| b < i) - 1];
    if s > 0 && letter(s) && letter(base_before(s)) && words.binary_search(&s).is_err() {
        s = words[words.partition_point(|&b| b <= s) - 1];
    }
    if e < chars.len() && letter(e) && letter(base_before(e)) && words.binary_search(&e).is_err() {
        e = words[words.partition_point(|&b| b < e)];
    }
    Some((from + s, from + e))
}

/// Segment starts given as byte offsets, turned into a sorted list of code point
/// offsets that includes both ends.
fn boundaries(byte_starts: impl Iterator<Item = usize>, window: &str) -> Vec<usize> {
    let mut cps = Vec::new();
    let mut last_byte = 0;
    let mut last_cp = 0;
    for byte in byte_starts {
        last_cp += window[last_byte..byte].chars().count();
        last_byte = byte;
        cps.push(last_cp);
    }
    cps.push(offsets::cp_len(window));
    cps.dedup();
    if cps.first() != Some(&0) {
        cps.insert(0, 0);
    }
    cps
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Snaps the selection marked by `|…|` in `marked` and returns the snapped text.
    fn snapped(marked: &str) -> Option<String> {
        let text: String = marked.chars().filter(|&c| c != '|').collect();
        let start = marked.chars().position(|c| c == '|').unwrap();
        let end = marked.chars().skip(start + 1).position(|c| c == '|').unwrap() + start;
        snap(&text, start, end).map(|(s, e)| offsets::slice(&text, s, e).unwrap().to_owned())
    }

    #[test]
    fn trims_spaces_and_widens_to_whole_words() {
        assert_eq!(snapped("The| minister said |it").as_deref(), Some("minister said"));
        assert_eq!(snapped("The mini|ster sa|id it").as_deref(), Some("minister said"));
        assert_eq!(snapped("The minister| |said").as_deref(), None);
    }

    #[test]
    fn leaves_boundaries_at_punctuation_alone() {
        assert_eq!(snapped("|Lavrov|’s remarks").as_deref(), Some("Lavrov"));
        assert_eq!(snapped("“|We will|,” she said").as_deref(), Some("We will"));
        assert_eq!(snapped("|“We will,”| she said").as_deref(), Some("“We will,”"));
    }

    #[test]
    fn never_splits_emoji_sequences_or_combining_marks() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let text = format!("A {family} family");
        // A selection ending after the first code point of the family emoji.
        assert_eq!(snap(&text, 2, 3), Some((2, 7)));
        // Selecting "Zoe" in a decomposed "Zoë" takes the combining diaeresis too.
        let zoe = "Zoe\u{308} Hart";
        assert_eq!(snap(zoe, 0, 3), Some((0, 4)));
        let wave = "hi \u{1F44B}\u{1F3FD}!";
        assert_eq!(snap(wave, 3, 4), Some((3, 5)));
    }

    #[test]
    fn handles_arabic_and_cjk() {
        assert_eq!(snapped("قال |الوز|ير اليوم").as_deref(), Some("الوزير"));
        assert_eq!(snapped("外交|部长|表示").as_deref(), Some("部长"));
    }
}
