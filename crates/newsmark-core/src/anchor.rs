//! Anchoring a span by its text: the exact quote with a little context on each side.
//!
//! Positions alone break when a text is edited or re-imported with different line
//! endings; the quote and its context let the span be found again (as the W3C
//! `TextQuoteSelector` does).

use crate::offsets;

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
    let before = &text[..from];
    let prefix_from = before.char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
    let after = &text[to..];
    let suffix_to = after.char_indices().nth(CONTEXT).map_or(after.len(), |(i, _)| i);
    Some(Quote {
        exact: text[from..to].to_owned(),
        prefix: before[prefix_from..].to_owned(),
        suffix: after[..suffix_to].to_owned(),
    })
}

/// Where an imported annotation ends up in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// The quote is at the position the file gave.
    Exact(usize, usize),
    /// The quote was found elsewhere, with enough of its context to be sure.
    Reanchored(usize, usize),
    /// The quote is not in the article, or only where the context does not confirm it.
    Orphaned,
}

/// Places a quote in `text`, given the position a file claimed for it (code points).
///
/// The position wins if the quote is there. Otherwise every occurrence of the quote is
/// scored by how much of the recorded prefix and suffix surround it. The best occurrence
/// is taken only if it is the single best and at least half of the recorded context
/// matches; a quote recorded without context is taken only if it occurs exactly once.
/// Anything else is orphaned: a span is never moved silently onto look-alike text.
pub fn place(text: &str, quote: &Quote, hint: Option<(usize, usize)>) -> Placement {
    if quote.exact.is_empty() {
        return Placement::Orphaned;
    }
    if let Some((start, end)) = hint {
        if start < end && offsets::slice(text, start, end) == Some(quote.exact.as_str()) {
            return Placement::Exact(start, end);
        }
    }
    let context = quote.prefix.chars().count() + quote.suffix.chars().count();
    let len = offsets::cp_len(&quote.exact);
    let mut best: Option<(usize, usize)> = None; // (score, start)
    let mut tied = false;
    let mut occurrences = 0;
    let mut cp = 0;
    let mut last_byte = 0;
    let mut from = 0;
    while let Some(found) = text[from..].find(quote.exact.as_str()) {
        let byte = from + found;
        cp += text[last_byte..byte].chars().count();
        last_byte = byte;
        occurrences += 1;
        let score = common_suffix(&text[..byte], &quote.prefix)
            + common_prefix(&text[byte + quote.exact.len()..], &quote.suffix);
        match best {
            Some((s, _)) if score < s => {}
            Some((s, _)) if score == s => tied = true,
            _ => {
                best = Some((score, cp));
                tied = false;
            }
        }
        from = byte + text[byte..].chars().next().map_or(1, char::len_utf8);
    }
    match best {
        Some((_, start)) if context == 0 && occurrences == 1 => Placement::Reanchored(start, start + len),
        Some((score, start)) if context > 0 && !tied && score * 2 >= context => {
            Placement::Reanchored(start, start + len)
        }
        _ => Placement::Orphaned,
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
}
