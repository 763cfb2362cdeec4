//! Anchoring a span by its text: the exact quote with a little context on each side.
//!
//! Positions alone break when a text is edited or re-imported with different line
//! endings; the quote and its context let the span be found again (as the W3C
//! `TextQuoteSelector` does).

use crate::offsets::{self, OffsetIndex};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::collections::HashMap;

/// How many code points of context are kept on each side of a span.
pub const CONTEXT: usize = 32;

/// The text of a span and its context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// The quote for the span `start..end` (code points) of `text`, or `None` if it does not fit.
pub fn quote(text: &str, start: usize, end: usize) -> Option<Quote> {
    let from = offsets::cp_to_byte(text, start)?;
    let to = from + offsets::cp_to_byte(text.get(from..)?, end.checked_sub(start)?)?;
    Some(quote_bytes(text, from, to))
}

/// The quote for the span between byte offsets `from` and `to` of `text`, which lie on
/// character boundaries. For callers that hold an [`offsets::OffsetIndex`], so that a
/// long text is not walked from its start for every span; the context costs
/// [`CONTEXT`] characters each side, whatever the length of the text.
pub(crate) fn quote_bytes(text: &str, from: usize, to: usize) -> Quote {
    let before = &text[..from];
    let prefix_from = before.char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
    let after = &text[to..];
    let suffix_to = after.char_indices().nth(CONTEXT).map_or(after.len(), |(i, _)| i);
    Quote {
        exact: text[from..to].to_owned(),
        prefix: before[prefix_from..].to_owned(),
        suffix: after[..suffix_to].to_owned(),
    }
}

/// Where an imported annotation ends up in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// The quote is at the position the file gave, and its context agrees.
    Exact(usize, usize),
    /// The quote was found elsewhere, with enough of its context to be sure.
    Reanchored(usize, usize),
    /// The quote is not in the article, or only where the context does not confirm it.
    Orphaned,
}

/// Places a quote in `text`, given the position a file claimed for it (code points).
///
/// The position wins if the quote is there and no character of its recorded context
/// differs from the text around it ([`is_at`]). Otherwise every occurrence of the quote is
/// scored by how much of the recorded prefix and suffix surround it. The best occurrence
/// is taken only if it is the single best and at least half of the recorded context
/// matches; a quote recorded without context is taken only if it occurs exactly once.
/// Anything else is orphaned: a span is never moved silently onto look-alike text.
pub fn place(text: &str, quote: &Quote, hint: Option<(usize, usize)>) -> Placement {
    place_with(text, quote, hint, |cp| offsets::cp_to_byte(text, cp))
}

/// [`place`] for one of many quotes in a long text: `index` (of `text`) finds the text at
/// the hint without counting code points from the start of the text, so a quote that is
/// where its file said costs the same anywhere in the text.
pub fn place_indexed(text: &str, index: &OffsetIndex, quote: &Quote, hint: Option<(usize, usize)>) -> Placement {
    place_with(text, quote, hint, |cp| index.cp_to_byte(cp))
}

/// Whether `quote` is at the bytes `from..to` of `text` (character boundaries): the text
/// there is its exact text, and no character of its recorded prefix or suffix differs from
/// the text next to it. A context cut short by the start or end of the text still agrees,
/// and so does an empty one.
pub fn is_at(text: &str, quote: &Quote, from: usize, to: usize) -> bool {
    if text.get(from..to) != Some(quote.exact.as_str()) {
        return false;
    }
    let mut before = text[..from].chars().rev();
    let mut after = text[to..].chars();
    quote.prefix.chars().rev().all(|c| before.next().is_none_or(|b| b == c))
        && quote.suffix.chars().all(|c| after.next().is_none_or(|a| a == c))
}

/// [`place`], with `to_byte` giving the byte offset of a code point.
fn place_with(
    text: &str,
    quote: &Quote,
    hint: Option<(usize, usize)>,
    to_byte: impl Fn(usize) -> Option<usize>,
) -> Placement {
    if quote.exact.is_empty() {
        return Placement::Orphaned;
    }
    if let Some((start, end)) = hint {
        if let (true, Some(from), Some(to)) = (start < end, to_byte(start), to_byte(end)) {
            if is_at(text, quote, from, to) {
                return Placement::Exact(start, end);
            }
        }
    }
    // Not at the hint: every occurrence in the text is scored, so this costs a pass over
    // the whole text whatever the index.
    let mut search = Search::default();
    let mut cp = 0;
    let mut last_byte = 0;
    let mut from = 0;
    while let Some(found) = text[from..].find(quote.exact.as_str()) {
        let byte = from + found;
        cp += text[last_byte..byte].chars().count();
        last_byte = byte;
        search.see(text, quote, byte, cp);
        from = byte + text[byte..].chars().next().map_or(1, char::len_utf8);
    }
    search.placement(quote, Some)
}

/// Finds many quotes in `text` by their text and context alone, as [`place`] does when a
/// quote is not at its hint: each is [`Placement::Reanchored`] or [`Placement::Orphaned`].
///
/// One pass over the text finds every occurrence of every quote (an Aho-Corasick
/// automaton of their distinct texts), so the cost grows with the length of the text plus
/// the occurrences found, not with the number of quotes times the length of the text:
/// 100,000 quotes that are nowhere in a 1,000,000-character article cost one pass.
pub fn reanchor_all(text: &str, index: &OffsetIndex, quotes: &[&Quote]) -> Vec<Placement> {
    let mut patterns: Vec<&str> = Vec::new();
    let mut pattern_of: HashMap<&str, usize> = HashMap::new();
    // For each distinct text, the quotes that have it.
    let mut quotes_of: Vec<Vec<usize>> = Vec::new();
    for (q, quote) in quotes.iter().enumerate() {
        if quote.exact.is_empty() {
            continue;
        }
        let p = *pattern_of.entry(quote.exact.as_str()).or_insert_with(|| {
            patterns.push(quote.exact.as_str());
            quotes_of.push(Vec::new());
            patterns.len() - 1
        });
        quotes_of[p].push(q);
    }
    let mut searches: Vec<Search> = vec![Search::default(); quotes.len()];
    if !patterns.is_empty() {
        // A contiguous NFA: quick to build for a few quotes or a hundred thousand, where a
        // DFA would cost more to build than the search it speeds up.
        match AhoCorasick::builder().kind(Some(AhoCorasickKind::ContiguousNFA)).build(&patterns) {
            Ok(automaton) => {
                for found in automaton.find_overlapping_iter(text) {
                    for &q in &quotes_of[found.pattern().as_usize()] {
                        searches[q].see(text, quotes[q], found.start(), found.start());
                    }
                }
            }
            // Too many or too long texts for one automaton: each quote is looked for alone.
            Err(_) => {
                return quotes.iter().map(|quote| place_with(text, quote, None, |_| None)).collect();
            }
        }
    }
    searches.iter().zip(quotes).map(|(search, quote)| search.placement(quote, |byte| index.byte_to_cp(byte))).collect()
}

/// The occurrences of one quote seen so far, by how well their context matches.
#[derive(Clone, Debug, Default)]
struct Search {
    /// The best score and where it was seen (a code point or byte offset, as the caller counts).
    best: Option<(usize, usize)>,
    /// Whether another occurrence has the best score too.
    tied: bool,
    occurrences: usize,
}

impl Search {
    /// Scores the occurrence of `quote` at byte `byte` of `text`, known as `at`.
    fn see(&mut self, text: &str, quote: &Quote, byte: usize, at: usize) {
        self.occurrences += 1;
        let score = common_suffix(&text[..byte], &quote.prefix)
            + common_prefix(&text[byte + quote.exact.len()..], &quote.suffix);
        match self.best {
            Some((s, _)) if score < s => {}
            Some((s, _)) if score == s => self.tied = true,
            _ => {
                self.best = Some((score, at));
                self.tied = false;
            }
        }
    }

    /// The occurrence to re-anchor to, if one is sure enough: the single best, with at
    /// least half of the recorded context, or the only one for a quote without context.
    /// `to_cp` turns where an occurrence was seen into a code point offset.
    fn placement(&self, quote: &Quote, to_cp: impl Fn(usize) -> Option<usize>) -> Placement {
        let context = quote.prefix.chars().count() + quote.suffix.chars().count();
        let sure = match self.best {
            Some((_, at)) if context == 0 && self.occurrences == 1 => Some(at),
            Some((score, at)) if context > 0 && !self.tied && score * 2 >= context => Some(at),
            _ => None,
        };
        match sure.and_then(to_cp) {
            Some(start) => Placement::Reanchored(start, start + offsets::cp_len(&quote.exact)),
            None => Placement::Orphaned,
        }
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_up_to_32_code_points_of_context() {
        let text = format!("{}minister{}", "😀".repeat(40), "é".repeat(40));
        let q = quote(&text, 40, 48).unwrap();
        assert_eq!(q.exact, "minister");
        assert_eq!(q.prefix, "😀".repeat(32));
        assert_eq!(q.suffix, "é".repeat(32));
        let short = quote("a minister b", 2, 10).unwrap();
        assert_eq!((short.prefix.as_str(), short.suffix.as_str()), ("a ", " b"));
        assert_eq!(quote("abc", 2, 4), None);
    }

    #[test]
    fn places_exactly_reanchors_with_context_and_orphans_look_alikes() {
        let old = "The minister said no. Later the minister said yes.";
        let second = quote(old, 32, 45).unwrap();
        assert_eq!(place(old, &second, Some((32, 45))), Placement::Exact(32, 45));
        let edited = format!("UPDATE: {old}");
        assert_eq!(place(&edited, &second, Some((32, 45))), Placement::Reanchored(40, 53));
        // Same words, but none of the context: not moved onto look-alike text.
        let elsewhere = "At a press event the minister said it again, and then the minister said more.";
        assert_eq!(place(elsewhere, &second, Some((32, 45))), Placement::Orphaned);
        // Without any context, a quote that occurs once is found; one that occurs twice is not.
        let bare = Quote { exact: "said yes".into(), prefix: String::new(), suffix: String::new() };
        assert_eq!(place(&edited, &bare, None), Placement::Reanchored(49, 57));
        let twice = Quote { exact: "minister".into(), ..bare.clone() };
        assert_eq!(place(&edited, &twice, None), Placement::Orphaned);
        let gone = Quote { exact: "resigned".into(), ..bare };
        assert_eq!(place(&edited, &gone, Some((0, 8))), Placement::Orphaned);
    }

    #[test]
    fn a_hint_on_the_right_text_with_the_wrong_context_is_not_exact() {
        let text = "😀 aa bb aa\n";
        let second_a = quote(text, 3, 4).unwrap();
        assert_eq!(place(text, &second_a, Some((3, 4))), Placement::Exact(3, 4));
        // The first "a" is the same letter, but not after "😀 a".
        assert_eq!(place(text, &second_a, Some((2, 3))), Placement::Reanchored(3, 4));
        // A context cut short by the start of the text still agrees.
        let first_a = Quote { exact: "a".into(), prefix: "Breaking: 😀 ".into(), suffix: String::new() };
        assert!(is_at(text, &first_a, 5, 6));
        assert!(!is_at(text, &first_a, 6, 7));
    }

    #[test]
    fn placing_with_an_index_agrees_with_placing_without() {
        let text = "Zoe\u{308} 👋🏽 said no. Later Zoe\u{308} 👋🏽 said yes. وزير said 外交部.";
        let index = OffsetIndex::new(text);
        let len = offsets::cp_len(text);
        for (start, end) in [(0, 4), (0, 11), (5, 7), (24, 35), (30, 40), (40, 44)] {
            let Some(q) = quote(text, start, end) else { continue };
            for hint in [None, Some((start, end)), Some((start + 1, end + 1)), Some((end, start)), Some((len, len + 3))]
            {
                assert_eq!(place_indexed(text, &index, &q, hint), place(text, &q, hint), "{start}..{end} at {hint:?}");
            }
        }
    }

    #[test]
    fn finding_many_quotes_at_once_agrees_with_finding_each_alone() {
        let text = "Zoe\u{308} 👋🏽 said no. Later Zoe\u{308} 👋🏽 said yes. وزير said 外交部. said";
        let index = OffsetIndex::new(text);
        let len = offsets::cp_len(text);
        let mut quotes: Vec<Quote> = [(0, 4), (5, 7), (8, 12), (24, 35), (30, 40), (40, 44), (len - 4, len)]
            .into_iter()
            .filter_map(|(start, end)| quote(text, start, end))
            .collect();
        // Without context, and with context that matches nowhere or only in part.
        let bare = |exact: &str| Quote { exact: exact.into(), prefix: String::new(), suffix: String::new() };
        quotes.extend([bare("said"), bare("外交部"), bare("resigned"), bare("")]);
        quotes
            .push(Quote { exact: "said".into(), prefix: "Later Zoe\u{308} 👋🏽 ".into(), suffix: " maybe".into() });
        let all: Vec<&Quote> = quotes.iter().collect();
        let alone: Vec<Placement> = quotes.iter().map(|q| place(text, q, None)).collect();
        assert_eq!(reanchor_all(text, &index, &all), alone);
        assert!(alone.contains(&Placement::Reanchored(31, 35)), "{alone:?}");
    }
}
