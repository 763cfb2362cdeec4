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
    let prefix_from = before
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let after = &text[to..];
    let suffix_to = after
        .char_indices()
        .nth(CONTEXT)
        .map_or(after.len(), |(i, _)| i);
    Some(Quote {
        exact: text[from..to].to_owned(),
        prefix: before[prefix_from..].to_owned(),
        suffix: after[..suffix_to].to_owned(),
    })
}

/// Finds `quote` in `text`: at `hint` (a code point offset) if it is still there,
/// otherwise the occurrence whose context matches best, nearest to `hint` on a tie.
pub fn locate(text: &str, quote: &Quote, hint: usize) -> Option<(usize, usize)> {
    if quote.exact.is_empty() {
        return None;
    }
    let len = offsets::cp_len(&quote.exact);
    if offsets::slice(text, hint, hint + len) == Some(quote.exact.as_str()) {
        return Some((hint, hint + len));
    }
    let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
    for (byte, _) in text.match_indices(quote.exact.as_str()) {
        let start = text[..byte].chars().count();
        let before = &text[..byte];
        let after = &text[byte + quote.exact.len()..];
        let score = common_suffix(before, &quote.prefix) + common_prefix(after, &quote.suffix);
        let distance = start.abs_diff(hint);
        let better = match best {
            None => true,
            Some((s, d, _)) => score > s || (score == s && distance < d),
        };
        if better {
            best = Some((score, distance, start));
        }
    }
    best.map(|(_, _, start)| (start, start + len))
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
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
    fn finds_a_span_again_after_the_text_moved() {
        let old = "The minister said no. Later the minister said yes.";
        let q = quote(old, 32, 45).unwrap();
        assert_eq!(q.exact, "minister said");
        let new = format!("UPDATE: {old}");
        assert_eq!(locate(&new, &q, 32), Some((40, 53)));
        assert_eq!(locate(old, &q, 32), Some((32, 45)));
        assert_eq!(locate("nothing here", &q, 0), None);
    }
}
