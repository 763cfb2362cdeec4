//! Cutting a text into pieces for display.
//!
//! [`paragraphs`] finds the blocks separated by blank lines. [`segments`] cuts a range
//! of text into the runs over which the set of covering annotations stays the same:
//!
//! ```text
//!  text:      The minister said it
//!  claim:         [-----------]
//!  actor:         [------]
//!  segments: |The |minister|said|  it|
//!  covering:  {}   {c, a}   {c}  {}
//! ```

use crate::offsets;
use std::ops::Range;

/// The code point ranges of the paragraphs of `text`: runs of lines separated by one or
/// more blank lines (lines holding only white space). Line ends inside a paragraph stay in it.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut result = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut line_start = 0;
    for line in text.split('\n') {
        let len = line.chars().count();
        let content_end = line_start + len - usize::from(line.ends_with('\r'));
        if line.trim().is_empty() {
            result.extend(current.take());
        } else {
            current.get_or_insert(line_start..content_end).end = content_end;
        }
        line_start += len + 1;
    }
    result.extend(current);
    result
}

/// A run of text covered by the same annotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Code point range within the whole text.
    pub range: Range<usize>,
    /// Indices (into the `spans` given to [`segments`]) of the spans covering this run, in increasing order.
    pub covering: Vec<usize>,
}

/// Cuts `range` into segments by the given spans (code point ranges, which may overlap,
/// nest, or lie partly or wholly outside `range`). The segments cover `range` exactly,
/// in order, without gaps; empty spans are ignored.
pub fn segments(range: Range<usize>, spans: &[Range<usize>]) -> Vec<Segment> {
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for s in spans {
        for p in [s.start, s.end] {
            if range.start < p && p < range.end {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();

    // Sweep: spans sorted by start enter the active set; those that ended leave it.
    let mut order: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].start < spans[i].end).collect();
    crate::order::sort_by_key(&mut order, |&i| spans[i].start);
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut result = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        while next < order.len() && spans[order[next]].start <= a {
            active.push(order[next]);
            next += 1;
        }
        active.retain(|&i| spans[i].end > a);
        let mut covering = active.clone();
        covering.sort_unstable();
        result.push(Segment { range: a..b, covering });
    }
    if result.is_empty() && range.start == range.end {
        return Vec::new();
    }
    result
}

/// The text of each segment, in one pass over `text` from `range.start`.
pub fn segment_texts<'t>(text: &'t str, segments: &[Segment]) -> Vec<&'t str> {
    let Some(first) = segments.first() else {
        return Vec::new();
    };
    let Some(mut byte) = offsets::cp_to_byte(text, first.range.start) else {
        return Vec::new();
    };
    segments
        .iter()
        .map(|s| {
            let rest = &text[byte..];
            let len = rest.char_indices().nth(s.range.len()).map_or(rest.len(), |(i, _)| i);
            byte += len;
            &rest[..len]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup;
    use proptest::prelude::*;

    fn texts_of(markup: &str) -> Vec<(String, usize)> {
        let (text, spans) = markup::parse(markup);
        let ranges: Vec<_> = spans.iter().map(|&(_, s, e)| s..e).collect();
        let len = text.chars().count();
        let segs = segments(0..len, &ranges);
        segment_texts(&text, &segs).into_iter().zip(&segs).map(|(t, s)| (t.to_owned(), s.covering.len())).collect()
    }

    #[test]
    fn the_picture_in_the_module_docs_holds() {
        let got = texts_of("The [claim:[actor:minister] said] it");
        let want = [("The ", 0), ("minister", 2), (" said", 1), (" it", 0)];
        assert_eq!(got, want.map(|(t, n)| (t.to_owned(), n)));
    }

    #[test]
    fn overlapping_spans_make_three_runs() {
        let (text, spans) = markup::parse("[claim:ab[quote:cd]ef]");
        assert_eq!(text, "abcdef");
        let mut ranges: Vec<_> = spans.iter().map(|&(_, s, e)| s..e).collect();
        ranges[1] = 2..6; // make the quote run past the claim's end
        ranges[0] = 0..4;
        let segs = segments(0..6, &ranges);
        let covering: Vec<_> = segs.iter().map(|s| (s.range.clone(), s.covering.clone())).collect();
        assert_eq!(covering, vec![(0..2, vec![0]), (2..4, vec![0, 1]), (4..6, vec![1])]);
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_keep_single_line_breaks() {
        let text = "Title line\nsecond line\n\n  \nNext para.\r\n\r\nLast";
        let got: Vec<_> = paragraphs(text).into_iter().map(|r| offsets::slice(text, r.start, r.end).unwrap()).collect();
        assert_eq!(got, ["Title line\nsecond line", "Next para.", "Last"]);
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n\n \n").is_empty());
    }

    fn spans_strategy() -> impl Strategy<Value = (usize, Vec<Range<usize>>)> {
        (1usize..60).prop_flat_map(|len| {
            let span = (0..=len, 0..=len).prop_map(|(a, b)| a.min(b)..a.max(b));
            (Just(len), proptest::collection::vec(span, 0..12))
        })
    }

    proptest! {
        #[test]
        fn segments_cover_the_range_exactly_and_rebuild_every_span((len, spans) in spans_strategy(), a in 0usize..60, b in 0usize..60) {
            let (a, b) = (a.min(b).min(len), a.max(b).min(len));
            let segs = segments(a..b, &spans);
            // Cover the range exactly, in order, without gaps or empty segments.
            let mut at = a;
            for s in &segs {
                prop_assert_eq!(s.range.start, at);
                prop_assert!(s.range.end > s.range.start);
                at = s.range.end;
            }
            prop_assert_eq!(at, b);
            // A segment is covered by exactly the spans that contain it.
            for s in &segs {
                let want: Vec<usize> = (0..spans.len())
                    .filter(|&i| spans[i].start <= s.range.start && s.range.end <= spans[i].end && spans[i].start < spans[i].end)
                    .collect();
                prop_assert_eq!(&s.covering, &want);
            }
            // Each span's segments join to the part of the span inside the range.
            for (i, span) in spans.iter().enumerate() {
                let clipped = span.start.max(a)..span.end.min(b);
                let mine: Vec<_> = segs.iter().filter(|s| s.covering.contains(&i)).map(|s| s.range.clone()).collect();
                if clipped.start >= clipped.end {
                    prop_assert!(mine.is_empty());
                } else {
                    prop_assert_eq!(mine.first().unwrap().start, clipped.start);
                    prop_assert_eq!(mine.last().unwrap().end, clipped.end);
                    prop_assert!(mine.windows(2).all(|w| w[0].end == w[1].start));
                }
            }
        }
    }
}
