//! Turning a rough selection into the span a person meant.
//!
//! A selection made with a mouse often starts or ends a letter off, or takes in the
//! space after a word. [`snap`] trims surrounding white space, never splits a
//! user-perceived character (an emoji sequence, a letter with its combining marks), and
//! widens a boundary that cuts through a word to the whole word. A boundary next to
//! punctuation is left alone: selecting "Lavrov" in "Lavrov's" keeps "Lavrov".

use crate::offsets;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

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

/// How far around a position (in bytes) [`whole_characters`] looks for the edges of the
/// character it falls in. No letter with its marks or emoji sequence in real text comes
/// near this; a longer one is left as it is.
const CHARACTER_WINDOW: usize = 256;

/// The byte span `from..to` of `text` (on code point boundaries), widened so that it
/// neither starts nor ends inside a user-perceived character: an emoji sequence joined by
/// ZWJ, a letter and its combining marks, a flag. Costs the same anywhere in a long text.
///
/// Widening a widened span changes nothing, so a span survives an export and import
/// unchanged: an edge is moved only to a place that is itself taken for an edge (which
/// a character longer than the window around it may not give; then it is left alone).
pub fn whole_characters(text: &str, from: usize, to: usize) -> (usize, usize) {
    let settled = |byte: usize, forward: bool| {
        let edge = character_edge(text, byte, forward);
        if edge == byte || character_edge(text, edge, forward) == edge {
            edge
        } else {
            byte
        }
    };
    (settled(from, false), settled(to, true))
}

/// `byte` if it lies between two user-perceived characters, otherwise the nearest such
/// position before it (or after it, if `forward`).
fn character_edge(text: &str, byte: usize, forward: bool) -> usize {
    let mut start = byte.saturating_sub(CHARACTER_WINDOW);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (byte + CHARACTER_WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let window = &text[start..end];
    let cursor = || GraphemeCursor::new(byte - start, window.len(), true);
    if cursor().is_boundary(window, 0).unwrap_or(true) {
        return byte;
    }
    let edge = if forward { cursor().next_boundary(window, 0) } else { cursor().prev_boundary(window, 0) };
    match edge {
        Ok(Some(b)) => start + b,
        _ => byte,
    }
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

    #[test]
    fn whole_characters_widens_a_span_that_cuts_an_emoji_sequence_or_a_combining_mark() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let text = format!("The {family} family and Zoe\u{308} and 🇫🇷 left");
        let span = |part: &str, from_in_part: usize, to_in_part: usize| {
            let at = text.find(part).unwrap();
            let (from, to) = whole_characters(&text, at + from_in_part, at + to_in_part);
            &text[from..to]
        };
        // The man of the family and the joiner after him.
        assert_eq!(span(family, 0, 7), family);
        // The woman alone, from inside the family.
        assert_eq!(span(family, 7, 11), family);
        // "Zoe" without its diaeresis, and half a flag.
        assert_eq!(span("Zoe\u{308}", 0, 3), "Zoe\u{308}");
        assert_eq!(span("🇫🇷", 4, 8), "🇫🇷");
        // Whole characters are left as they are.
        assert_eq!(span("family and", 0, 6), "family");
        assert_eq!(span(family, 0, family.len()), family);
        // A letter with more marks than the window holds is left cut rather than cut
        // elsewhere, and stays so when widened again.
        let zalgo = format!("a{}b", "\u{301}".repeat(400));
        let (from, to) = whole_characters(&zalgo, 0, 401);
        assert_eq!(whole_characters(&zalgo, from, to), (from, to));
    }
}

/// How far a keyboard caret moves in one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// One user-perceived character (never inside an emoji sequence or a letter with marks).
    Character,
    /// To the end of the word (forward) or its start (backward).
    Word,
    /// To the end of the sentence (forward) or its start (backward).
    Sentence,
}

/// Where a caret at code point `cp` of `text` lands after one `step`, forward or back.
pub fn step(text: &str, cp: usize, step: Step, forward: bool) -> usize {
    let len = offsets::cp_len(text);
    let cp = cp.min(len);
    let from = cp.saturating_sub(WINDOW * 4);
    let to = (cp + WINDOW * 4).min(len);
    let Some(window) = offsets::slice(text, from, to) else { return cp };
    let chars: Vec<char> = window.chars().collect();
    let at = cp - from;
    let bounds = match step {
        Step::Character => boundaries(window.grapheme_indices(true).map(|(i, _)| i), window),
        Step::Word => {
            // Word ends going forward, word starts going back: boundaries next to a letter or digit.
            let all = boundaries(window.split_word_bound_indices().map(|(i, _)| i), window);
            let wordy = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
            all.into_iter()
                .filter(|&b| if forward { b > 0 && wordy(b - 1) } else { wordy(b) })
                .chain([0, chars.len()])
                .collect()
        }
        Step::Sentence => {
            let starts = boundaries(window.split_sentence_bound_indices().map(|(i, _)| i), window);
            if forward {
                // A sentence ends before the white space that follows it.
                starts
                    .iter()
                    .map(|&b| {
                        let mut e = b;
                        while e > 0 && chars[e - 1].is_whitespace() {
                            e -= 1;
                        }
                        e
                    })
                    .collect()
            } else {
                starts
            }
        }
    };
    let mut bounds = bounds;
    bounds.sort_unstable();
    bounds.dedup();
    let next = if forward {
        bounds.into_iter().find(|&b| b > at).unwrap_or(chars.len())
    } else {
        bounds.into_iter().rev().find(|&b| b < at).unwrap_or(0)
    };
    from + next
}

#[cfg(test)]
mod step_tests {
    use super::*;

    fn walk(text: &str, start: usize, how: Step, forward: bool, times: usize) -> Vec<usize> {
        let mut at = start;
        (0..times)
            .map(|_| {
                at = step(text, at, how, forward);
                at
            })
            .collect()
    }

    #[test]
    fn characters_never_split_emoji_or_marks() {
        let text = "a\u{1F44B}\u{1F3FD}e\u{301}b";
        assert_eq!(walk(text, 0, Step::Character, true, 4), [1, 3, 5, 6]);
        assert_eq!(walk(text, 6, Step::Character, false, 4), [5, 3, 1, 0]);
    }

    #[test]
    fn words_end_forward_and_start_backward() {
        let text = "The minister’s plan, she said.";
        // "The|", "minister’s|", "plan|", "she|", "said|"
        assert_eq!(walk(text, 0, Step::Word, true, 5), [3, 14, 19, 24, 29]);
        assert_eq!(walk(text, 29, Step::Word, false, 3), [25, 21, 15]);
    }

    #[test]
    fn sentences_end_before_the_space() {
        let text = "One two. Three four? Five.";
        assert_eq!(walk(text, 0, Step::Sentence, true, 3), [8, 20, 26]);
        assert_eq!(walk(text, 26, Step::Sentence, false, 3), [21, 9, 0]);
    }
}
