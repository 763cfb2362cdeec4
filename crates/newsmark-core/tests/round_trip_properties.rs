//! Property tests: export then import is the identity for random documents.
//!
//! Each case builds a document from random Unicode text (emoji with ZWJ sequences and
//! skin tones, flags, combining marks, Arabic, CJK, `\r\n` and `\n`), random overlapping
//! and nested spans of random tags (snapped to grapheme boundaries, without white space
//! at their ends, as the app makes them), random notes and random attributions of quotes
//! and claims to actors. Exported and imported again:
//!
//! - through Newsmark JSON it is the identical document;
//! - through W3C, brat, doccano and Label Studio it has the same spans (tag, start, end,
//!   exact) and attributions, and the same notes where the format holds them.

use newsmark_core::formats::{self, Format};
use newsmark_core::model::{ActorKind, CheckStatus, ClaimType, Details, Entity, Relation, RelationKind, Speech};
use newsmark_core::{anchor, offsets, Annotation, Document, Tag, Timestamp};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

const NOW: Timestamp = Timestamp(1_795_622_047_000);
const CASES: u32 = 64;

/// Pieces of text that trap offset arithmetic.
const PIECES: &[&str] = &[
    "a",
    "Word",
    " ",
    "\u{a0}",
    ".",
    ", ",
    "\r\n",
    "\n",
    "\r\n\r\n",
    "\t",
    "é",
    "e\u{301}",
    "Zoe\u{308}",
    "\u{1F600}",
    "\u{1F44B}\u{1F3FD}",
    "\u{1F469}\u{1F3FD}\u{200D}\u{1F52C}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{1F1F8}\u{1F1EA}",
    "قال",
    "وزير الخارجية",
    "中",
    "外交部",
    "\u{201c}",
    "\u{201d}",
    "\"",
    "\\",
    "<b>&amp;</b>",
];

/// Few pieces, so that the same text recurs at many places.
const REPETITIVE: &[&str] = &["a", "a", "a", "a", "\u{1F600}", " "];

/// Notes: text of any kind, with line breaks inside but none at the ends.
const NOTE_PIECES: &[&str] =
    &["Check this", "\u{1F44B}\u{1F3FD}", "وزير", "外交部", "line\nbreak", "crlf\r\nbreak", "\"quoted\"", "a,b;c\td"];

/// The random ingredients of a document.
#[derive(Clone, Debug)]
struct Recipe {
    pieces: Vec<&'static str>,
    /// (start, end) as fractions of the grapheme count (0..=1000), tag, note, details.
    spans: Vec<SpanRecipe>,
    /// (quote or claim, actor) as indices into the spans.
    attributions: Vec<(usize, usize)>,
    title: Vec<&'static str>,
    times: (i64, i64),
}

type SpanRecipe = (u16, u16, usize, Option<(usize, usize)>, u8);

fn span_recipes(count: std::ops::Range<usize>) -> impl Strategy<Value = Vec<SpanRecipe>> {
    proptest::collection::vec(
        (
            0u16..=1000,
            0u16..=1000,
            0..3usize,
            proptest::option::of((0..NOTE_PIECES.len(), 0..NOTE_PIECES.len())),
            any::<u8>(),
        ),
        count,
    )
}

/// Repetitive text with a few spans: a span after an emoji could also fit at its
/// position counted in the other unit (UTF-16 or code points), which Label Studio mixes.
fn repetitive_recipe() -> impl Strategy<Value = Recipe> {
    (
        proptest::collection::vec(proptest::sample::select(REPETITIVE), 1..30),
        span_recipes(1..3),
        proptest::collection::vec((any::<usize>(), any::<usize>()), 0..2),
    )
        .prop_map(|(pieces, spans, attributions)| Recipe {
            pieces,
            spans,
            attributions,
            title: Vec::new(),
            times: (0, 0),
        })
}

fn recipe() -> impl Strategy<Value = Recipe> {
    (
        proptest::collection::vec(proptest::sample::select(PIECES), 0..60),
        span_recipes(0..14),
        proptest::collection::vec((any::<usize>(), any::<usize>()), 0..6),
        proptest::collection::vec(proptest::sample::select(PIECES), 0..6),
        (0i64..4_000_000_000_000, 0i64..4_000_000_000_000),
    )
        .prop_map(|(pieces, spans, attributions, title, times)| Recipe {
            pieces,
            spans,
            attributions,
            title,
            times,
        })
}

/// Code point offsets of the grapheme boundaries of `text`, both ends included.
fn grapheme_boundaries(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut cp = 0;
    for g in text.graphemes(true) {
        cp += g.chars().count();
        out.push(cp);
    }
    out
}

fn build(r: &Recipe) -> Document {
    let text: String = r.pieces.concat();
    let title: String = std::iter::once("Title ").chain(r.title.iter().copied()).collect();
    let (created, updated) = (Timestamp(r.times.0.min(r.times.1)), Timestamp(r.times.0.max(r.times.1)));
    let mut doc = Document::new("prop-doc", title, text.as_str(), created);
    doc.updated = updated;
    if r.times.0 % 2 == 0 {
        doc.source_url = Some("https://news.example/a?b=c&d=é".into());
        doc.byline = Some("By Zoe\u{308} Hart".into());
    }
    doc.entities = vec![Entity { id: "e1".into(), name: "Zoë Hart".into(), kind: ActorKind::Person }];

    let bounds = grapheme_boundaries(&text);
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    let blank = |g: usize| graphemes[g].chars().all(char::is_whitespace);
    let mut annotations = Vec::new();
    for (n, &(a, b, tag, note, extra)) in r.spans.iter().enumerate() {
        if graphemes.is_empty() {
            break;
        }
        let pick = |f: u16| usize::from(f) * graphemes.len() / 1000;
        let (mut s, mut e) = (pick(a.min(b)), pick(a.max(b)));
        // Whole graphemes only, and no white space at either end (as the app's snapping does).
        while s < e && blank(s) {
            s += 1;
        }
        while e > s && blank(e - 1) {
            e -= 1;
        }
        if s == e {
            continue;
        }
        let (start, end) = (bounds[s], bounds[e]);
        let quote = anchor::quote(&text, start, end).expect("inside the text");
        let tag = Tag::ALL[tag];
        let details = match (tag, extra % 3) {
            (_, 0) => Details::default(),
            (Tag::Quote, _) => Details {
                speech: Some(if extra % 2 == 0 { Speech::Direct } else { Speech::Indirect }),
                ..Details::default()
            },
            (Tag::Claim, _) => Details {
                claim_type: Some(ClaimType::ALL[usize::from(extra) % 4]),
                check: Some(CheckStatus::ALL[usize::from(extra) % 5]),
                evidence_url: (extra % 2 == 0).then(|| "https://evidence.example/".to_owned()),
                ..Details::default()
            },
            (Tag::Actor, _) => Details { entity: Some("e1".into()), ..Details::default() },
        };
        annotations.push(Annotation {
            id: format!("a{}", n + 1),
            tag,
            start,
            end,
            exact: quote.exact,
            prefix: quote.prefix,
            suffix: quote.suffix,
            note: note.map(|(x, y)| format!("{} {}", NOTE_PIECES[x], NOTE_PIECES[y])),
            details,
            created,
            updated: Timestamp(updated.0 + i64::from(extra)),
        });
    }
    annotations.sort_by(Annotation::text_order);

    let speakers: Vec<&Annotation> = annotations.iter().filter(|a| a.tag == Tag::Actor).collect();
    let said: Vec<&Annotation> = annotations.iter().filter(|a| a.tag != Tag::Actor).collect();
    let mut relations: Vec<Relation> = Vec::new();
    if !speakers.is_empty() && !said.is_empty() {
        for &(x, y) in &r.attributions {
            let (from, to) = (&said[x % said.len()].id, &speakers[y % speakers.len()].id);
            // One speaker per quote or claim, as the app keeps it.
            if relations.iter().any(|r| r.from == *from) {
                continue;
            }
            relations.push(Relation {
                id: format!("r{}", relations.len() + 1),
                kind: RelationKind::Attribution,
                from: from.clone(),
                to: to.clone(),
                created,
            });
        }
    }
    doc.annotations = annotations;
    doc.relations = relations;
    doc
}

fn import(format: Format, bytes: &[u8]) -> Document {
    let imported = formats::import(format, bytes, None, &mut || "imported".to_owned(), NOW)
        .unwrap_or_else(|e| panic!("Newsmark refuses its own {} export: {e}", format.name()));
    assert_eq!(imported.documents.len(), 1);
    imported.documents.into_iter().next().unwrap()
}

type Span = (Tag, usize, usize, String);

fn spans(doc: &Document) -> Vec<Span> {
    let mut out: Vec<Span> = doc.annotations.iter().map(|a| (a.tag, a.start, a.end, a.exact.clone())).collect();
    out.sort();
    out
}

fn span_of(doc: &Document, id: &str) -> Span {
    let a = doc.annotation(id).expect("a relation names an annotation");
    (a.tag, a.start, a.end, a.exact.clone())
}

fn attributions(doc: &Document) -> Vec<(Span, Span)> {
    let mut out: Vec<_> = doc.relations.iter().map(|r| (span_of(doc, &r.from), span_of(doc, &r.to))).collect();
    out.sort();
    out
}

/// Notes by span, with what the format does to them applied.
fn notes(doc: &Document, keep: impl Fn(&str) -> String) -> Vec<(Span, Option<String>)> {
    let mut out: Vec<_> = doc
        .annotations
        .iter()
        .map(|a| ((a.tag, a.start, a.end, a.exact.clone()), a.note.as_deref().map(&keep)))
        .collect();
    out.sort();
    out
}

/// Each span's times: (tag, start, end, created, updated).
fn times(doc: &Document) -> Vec<(Tag, usize, usize, Timestamp, Timestamp)> {
    let mut out: Vec<_> = doc.annotations.iter().map(|a| (a.tag, a.start, a.end, a.created, a.updated)).collect();
    out.sort();
    out
}

/// Checks that every span of `doc` lies on its text: what all formats rely on.
fn assert_sound(doc: &Document) {
    for a in &doc.annotations {
        assert!(a.start < a.end && a.end <= offsets::cp_len(&doc.text));
        assert_eq!(offsets::slice(&doc.text, a.start, a.end), Some(a.exact.as_str()));
    }
}

fn round_trip(format: Format, doc: &Document) -> Document {
    assert_sound(doc);
    let exported = formats::export(format, std::slice::from_ref(doc)).unwrap();
    let back = import(format, &exported.bytes);
    assert_sound(&back);
    assert_eq!(*back.text, *doc.text, "the article changed");
    assert_eq!(spans(&back), spans(doc), "the spans changed");
    assert_eq!(attributions(&back), attributions(doc), "the attributions changed");
    assert!(back.orphans.is_empty(), "spans were orphaned");
    back
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn newsmark_json_gives_back_the_identical_document(r in recipe()) {
        let doc = build(&r);
        let back = round_trip(Format::Newsmark, &doc);
        prop_assert_eq!(back, doc);
    }

    #[test]
    fn w3c_keeps_spans_notes_and_attributions(r in recipe()) {
        let doc = build(&r);
        let back = round_trip(Format::W3c, &doc);
        prop_assert_eq!(&back.id, &doc.id);
        prop_assert_eq!(times(&back), times(&doc));
        prop_assert_eq!(&back.title, &doc.title);
        prop_assert_eq!(&back.source_url, &doc.source_url);
        prop_assert_eq!(notes(&back, str::to_owned), notes(&doc, str::to_owned));
    }

    #[test]
    fn brat_keeps_spans_notes_and_attributions(r in recipe()) {
        let doc = build(&r);
        let back = round_trip(Format::Brat, &doc);
        // The pair of files is named after the document's id.
        prop_assert_eq!(&back.id, &doc.id);
        // brat holds a note on one line: line breaks become spaces.
        let one_line = |n: &str| n.replace("\r\n", " ").replace(['\r', '\n'], " ");
        prop_assert_eq!(notes(&back, one_line), notes(&doc, one_line));
    }

    #[test]
    fn doccano_keeps_spans_and_attributions(r in recipe()) {
        let doc = build(&r);
        let back = round_trip(Format::Doccano, &doc);
        prop_assert_eq!(&back.title, &doc.title);
    }

    #[test]
    fn label_studio_keeps_spans_notes_and_attributions(r in recipe()) {
        let doc = build(&r);
        let back = round_trip(Format::LabelStudio, &doc);
        prop_assert_eq!(&back.id, &doc.id);
        prop_assert_eq!(&back.title, &doc.title);
        prop_assert_eq!(notes(&back, str::to_owned), notes(&doc, str::to_owned));
    }
}

proptest! {
    // About one case in twenty has a span that fits in both units; cheap, so run more.
    #![proptest_config(ProptestConfig::with_cases(4 * CASES))]

    #[test]
    fn every_format_keeps_spans_in_repetitive_text(r in repetitive_recipe()) {
        let doc = build(&r);
        for format in [Format::Newsmark, Format::W3c, Format::Brat, Format::Doccano, Format::LabelStudio] {
            round_trip(format, &doc);
        }
    }
}
