//! Where imported spans land, whichever way a file counts: a span is placed exactly only
//! where its text and context agree with the article, is otherwise found again by them or
//! orphaned, and the import report says which happened.
//!
//! The files here are W3C annotations made elsewhere, which do not say whether their
//! offsets count code points (as the standard has it) or UTF-16 units (as Hypothesis and
//! browsers do), so every annotation is checked in both.

use newsmark_core::formats::{self, Format, Imported};
use newsmark_core::{anchor, offsets, Document};
use proptest::prelude::*;
use serde_json::{json, Value};

fn import(file: &Value, text: &str) -> Imported {
    formats::import(Format::W3c, file.to_string().as_bytes(), Some(text), &mut || "imported".into(), NOW)
        .expect("the file imports")
}

const NOW: newsmark_core::Timestamp = newsmark_core::Timestamp(1_795_622_047_000);

/// A W3C annotation tagged "quote" with a position (in whatever unit the caller counted)
/// and, if `exact` is given, a quote with its context.
fn annotation(id: &str, start: usize, end: usize, quote: Option<(&str, &str, &str)>) -> Value {
    let mut selectors = vec![json!({"type": "TextPositionSelector", "start": start, "end": end})];
    if let Some((exact, prefix, suffix)) = quote {
        selectors.push(json!({"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}));
    }
    json!({"id": id, "type": "Annotation", "body": {"purpose": "tagging", "value": "quote"},
        "target": {"source": "https://news.example/a", "selector": selectors}})
}

/// (id, exact text, start, end) of every placed span, in text order.
fn spans(doc: &Document) -> Vec<(&str, &str, usize, usize)> {
    doc.annotations.iter().map(|a| (a.id.as_str(), a.exact.as_str(), a.start, a.end)).collect()
}

/// The minimal case of issue 13: `😀 aa bb aa`. The first `a` of the second word is at
/// code points 3..4, and so is the file's a1 (right in code points, with the context to
/// prove it); a2 says 6..8 for `bb`, which is 5..7 in code points but 6..8 in UTF-16 units.
const EMOJI_AA_BB_AA: &str = "\u{1F600} aa bb aa\n";

#[test]
fn a_span_right_in_code_points_is_not_moved_onto_look_alike_text_by_another_spans_utf16_fit() {
    let file = json!([
        annotation("a1", 3, 4, Some(("a", "\u{1F600} a", " bb aa\n"))),
        annotation("a2", 6, 8, Some(("bb", "\u{1F600} aa ", " aa\n"))),
    ]);
    let imported = import(&file, EMOJI_AA_BB_AA);
    let doc = &imported.documents[0];
    // a1 stays on the second `a` of "aa", where its prefix and suffix are; read as UTF-16
    // its offsets would put it on the first `a`, whose context differs.
    assert_eq!(spans(doc), [("a1", "a", 3, 4), ("a2", "bb", 5, 7)]);
    assert_eq!((doc.annotations[0].prefix.as_str(), doc.annotations[0].suffix.as_str()), ("\u{1F600} a", " bb aa\n"));
    // a2's offsets hold only as UTF-16 units: both are at the file's position, in one unit or
    // the other, and the report says the file is not consistent rather than naming one unit.
    assert_eq!(imported.report.summary(), "2 annotations: 2 placed exactly, 0 re-anchored, 0 orphaned.");
    assert_eq!(imported.report.remarks.len(), 1, "{:?}", imported.report.remarks);
    assert!(imported.report.remarks[0].contains("do not all count the same way"), "{:?}", imported.report.remarks);
}

#[test]
fn a_file_drifted_by_seven_code_points_is_re_anchored_and_said_so() {
    let file = json!([
        annotation("a1", 10, 11, Some(("a", "\u{1F600} a", " bb aa\n"))),
        annotation("a2", 12, 14, Some(("bb", "\u{1F600} aa ", " aa\n"))),
    ]);
    let imported = import(&file, EMOJI_AA_BB_AA);
    // Read as UTF-16, a1's offsets fall on the last `a`, whose context differs: it is not
    // placed exactly there, nor said to count UTF-16 units, but found by its context.
    assert_eq!(spans(&imported.documents[0]), [("a1", "a", 3, 4), ("a2", "bb", 5, 7)]);
    assert_eq!(imported.report.summary(), "2 annotations: 0 placed exactly, 2 re-anchored, 0 orphaned.");
    assert!(imported.report.remarks.is_empty(), "{:?}", imported.report.remarks);
}

#[test]
fn a_span_that_fits_both_units_with_its_context_in_both_is_not_placed_exactly() {
    // "aa" at code points 2..4, and at UTF-16 units 2..4 (code points 1..3), with no
    // context to tell which the file meant.
    let text = "\u{1F600}aaaaa";
    let file = json!([annotation("a1", 2, 4, Some(("aa", "", "")))]);
    let imported = import(&file, text);
    assert!(imported.documents[0].annotations.is_empty());
    assert_eq!(imported.report.summary(), "1 annotation: 0 placed exactly, 0 re-anchored, 1 orphaned.");
}

#[test]
fn a_span_cutting_through_a_zwj_emoji_or_a_combining_mark_is_widened_to_whole_characters() {
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    let text = format!("The {family} family and Zoe\u{308} left.");
    // Code points: "The " is 0..4, the family 4..9; "Zoe\u{308}" starts at 21.
    let file = json!([
        // The man of the family and the joiner after him, but not the rest.
        annotation("a1", 4, 6, Some(("\u{1F468}\u{200D}", "The ", "\u{1F469}\u{200D}\u{1F467} family"))),
        // "Zoe" without the diaeresis that belongs to its "e".
        annotation("a2", 21, 24, Some(("Zoe", "family and ", "\u{308} left."))),
    ]);
    let imported = import(&file, &text);
    let doc = &imported.documents[0];
    assert_eq!(spans(doc), [("a1", family, 4, 9), ("a2", "Zoe\u{308}", 21, 25)]);
    assert_eq!(doc.annotations[0].suffix, " family and Zoe\u{308} left.");
    assert_eq!(
        imported.report.summary(),
        "2 annotations: 2 placed exactly, 0 re-anchored, 0 orphaned; 2 widened to whole characters."
    );
    assert!(imported.report.remarks.iter().any(|r| r.contains("widened")), "{:?}", imported.report.remarks);
}

#[test]
fn many_quotes_that_are_nowhere_in_a_long_article_are_orphaned_in_one_pass() {
    let text = format!("{}The mayor resigned.", "The council met on Tuesday. ".repeat(2_000));
    let file: Vec<Value> = (0..2_000)
        .map(|i| annotation(&format!("q{i}"), 0, 5, Some((&format!("missing words {i}"), "", ""))))
        .chain([annotation("found", 0, 5, Some(("mayor resigned", "on Tuesday. The ", ".")))])
        .collect();
    let imported = import(&Value::Array(file), &text);
    assert_eq!(spans(&imported.documents[0]), [("found", "mayor resigned", 56_004, 56_018)]);
    assert_eq!(imported.report.summary(), "2001 annotations: 0 placed exactly, 1 re-anchored, 2000 orphaned.");
}

/// Pieces of article text: astral characters (two UTF-16 units each), a precomposed
/// letter, and a few letters so that look-alike text is common. No joiners or combining
/// marks: spans here never cut a character, so none is widened.
const PIECES: &[&str] = &["a", "b", "ab", " ", "\n", "é", "\u{1F600}", "\u{1D49C}", "\u{10348}"];

fn article() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 1..60).prop_map(|p| p.concat())
}

/// One span of the article as a file writes it: where it starts and how long it is (in
/// code points, before drift), whether the file counts UTF-16 units, how far its offsets
/// drift, and whether it records context.
#[derive(Clone, Debug)]
struct Written {
    start: usize,
    len: usize,
    utf16: bool,
    drift: i64,
    context: bool,
}

fn written() -> impl Strategy<Value = Written> {
    (
        any::<proptest::sample::Index>(),
        1..6usize,
        any::<bool>(),
        prop_oneof![3 => Just(0i64), 2 => -3..=3i64],
        any::<bool>(),
    )
        .prop_map(|(start, len, utf16, drift, context)| Written {
            start: start.index(1 << 20),
            len,
            utf16,
            drift,
            context,
        })
}

/// Whether the context recorded for a span agrees with the article around `start..end`:
/// no character of the prefix or suffix differs from the article's next to the span.
fn context_agrees(text: &str, start: usize, end: usize, prefix: &str, suffix: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let before = chars[..start].iter().rev();
    let after = chars[end..].iter();
    before.zip(prefix.chars().rev()).all(|(a, b)| *a == b) && after.zip(suffix.chars()).all(|(a, b)| *a == b)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_span_lands_where_its_context_disagrees_and_the_report_counts_what_happened(
        text in article(),
        written in proptest::collection::vec(written(), 1..8),
    ) {
        let len = offsets::cp_len(&text);
        // Each span: its id, true place, quote, and the offsets the file gives.
        let mut truth = Vec::new();
        let mut file = Vec::new();
        for (i, w) in written.iter().enumerate() {
            let start = w.start % len;
            let end = (start + w.len).min(len);
            let quote = anchor::quote(&text, start, end).expect("inside the text");
            let (prefix, suffix) = if w.context { (quote.prefix.as_str(), quote.suffix.as_str()) } else { ("", "") };
            let unit = |cp: usize| if w.utf16 { offsets::cp_to_utf16(&text, cp).unwrap() } else { cp };
            let drifted = (unit(start) as i64 + w.drift).max(0) as usize;
            let id = format!("s{i}");
            file.push(annotation(&id, drifted, drifted + unit(end) - unit(start), Some((&quote.exact, prefix, suffix))));
            truth.push((id, start, end, quote.exact.clone(), prefix.to_owned(), suffix.to_owned(), w.drift, drifted, drifted + unit(end) - unit(start)));
        }
        let imported = import(&Value::Array(file), &text);
        let doc = &imported.documents[0];
        let report = &imported.report;
        prop_assert_eq!(report.exact + report.reanchored + report.orphaned, written.len());
        prop_assert_eq!(doc.annotations.len(), report.exact + report.reanchored);
        prop_assert_eq!(doc.orphans.len(), report.orphaned);
        prop_assert_eq!(report.widened, 0);

        let mut at_the_files_position = 0;
        for (id, start, end, exact, prefix, suffix, drift, file_start, file_end) in &truth {
            let Some(placed) = doc.annotation(id) else {
                prop_assert!(doc.orphans.iter().any(|o| &o.id == id), "{} is neither placed nor orphaned", id);
                continue;
            };
            // Its own text, and nothing in its context that differs from the article.
            prop_assert_eq!(offsets::slice(&text, placed.start, placed.end), Some(exact.as_str()));
            prop_assert!(
                context_agrees(&text, placed.start, placed.end, prefix, suffix),
                "{} landed at {}..{} where its context disagrees", id, placed.start, placed.end
            );
            // A span whose file was right is placed where it was, or not at all.
            if *drift == 0 {
                prop_assert_eq!((placed.start, placed.end), (*start, *end), "{} was moved", id);
            }
            let as_utf16 = (offsets::utf16_to_cp(&text, *file_start), offsets::utf16_to_cp(&text, *file_end));
            if (placed.start, placed.end) == (*file_start, *file_end)
                || (Some(placed.start), Some(placed.end)) == as_utf16
            {
                at_the_files_position += 1;
            }
        }
        // Only a span at the file's position (read in one unit or the other) is counted as
        // placed exactly; one found elsewhere is counted as re-anchored.
        prop_assert!(report.exact <= at_the_files_position, "{} exact, {} at the file's position", report.exact, at_the_files_position);
    }
}
