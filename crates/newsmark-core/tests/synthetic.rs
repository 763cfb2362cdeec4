//! The synthetic article for benchmarks: the same for the same seed, the size asked for,
//! the Unicode traps of real articles, the promised mix of spans, and sound enough to save,
//! load and exchange like any document.

use newsmark_core::formats::{self, Format};
use newsmark_core::{agreement, anchor, offsets, schema, segments, synthetic, Document, Tag};

/// The spans that overlap a span listed before them (in text order): the nested and
/// overlapping share.
fn overlapping(doc: &Document) -> usize {
    let mut reach = 0; // the furthest end of the spans so far
    let mut count = 0;
    for a in &doc.annotations {
        count += usize::from(a.start < reach);
        reach = reach.max(a.end);
    }
    count
}

#[test]
fn the_same_seed_gives_the_same_document_and_another_seed_another() {
    let a = synthetic::document(5_000, 400, 7);
    assert_eq!(a, synthetic::document(5_000, 400, 7));
    assert_eq!(schema::document_to_json(&a), schema::document_to_json(&synthetic::document(5_000, 400, 7)));
    let b = synthetic::document(5_000, 400, 8);
    assert_ne!(a.text, b.text);
    assert_ne!(a.annotations, b.annotations);
}

#[test]
fn a_long_article_has_the_words_and_paragraphs_asked_for() {
    let doc = synthetic::document(100_000, 10_000, 1);
    // Runs of text between white space: exactly as many as asked.
    assert_eq!(doc.text.split_whitespace().count(), 100_000);
    // About 65 words a paragraph, separated by blank lines as the app's articles are.
    let paragraphs = segments::paragraphs(&doc.text);
    assert!((1_450..=1_650).contains(&paragraphs.len()), "{} paragraphs", paragraphs.len());
    assert_eq!(doc.text.split("\n\n").count(), paragraphs.len());
    // About six characters a word, as in English news, as in the benchmark of the app.
    let chars = offsets::cp_len(&doc.text);
    assert!((550_000..=700_000).contains(&chars), "{chars} characters");
}

#[test]
fn small_and_degenerate_sizes_still_make_a_sound_document() {
    for (words, annotations) in [(0, 0), (1, 0), (1, 1), (3, 25), (65, 9), (200, 1_000)] {
        let doc = synthetic::document(words, annotations, 3);
        assert_eq!(doc.text.split_whitespace().count(), words.max(1), "{words} words");
        assert_eq!(doc.annotations.len(), annotations, "{words} words, {annotations} annotations");
        let json = schema::document_to_json(&doc);
        assert_eq!(schema::load_document(&json).as_ref(), Ok(&doc), "{words} words, {annotations} annotations");
    }
}

#[test]
fn the_text_mixes_in_emoji_right_to_left_and_cjk_sentences_and_combining_marks() {
    let doc = synthetic::document(30_000, 100, 2);
    let text = &doc.text;
    let has = |c: char| text.contains(c);
    // Emoji with a skin tone, a ZWJ sequence, and a flag (two regional indicators).
    assert!(has('\u{1F3FD}') && has('\u{200D}'), "skin tones and ZWJ sequences");
    assert!(text.chars().any(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)), "flags");
    // Arabic (right to left) and CJK sentences, about one in every 20 paragraphs.
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let with = |wanted: fn(char) -> bool| paragraphs.iter().filter(|p| p.chars().any(wanted)).count();
    let arabic = with(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let cjk = with(|c| ('\u{3040}'..='\u{9FFF}').contains(&c) || ('\u{AC00}'..='\u{D7AF}').contains(&c));
    let n = paragraphs.len();
    assert!(arabic >= n / 50 && cjk >= n / 50, "{arabic} and {cjk} of {n}");
    assert!(arabic + cjk <= n / 10, "{arabic} and {cjk} of {n}");
    // An emoji every few paragraphs.
    let emoji = with(|c| ('\u{1F1E6}'..='\u{1FAFF}').contains(&c) || c == '\u{2764}');
    assert!(emoji >= n / 5, "{emoji} of {n} paragraphs");
    // Combining marks: e + U+0301 and e + U+0308.
    assert!(text.contains("e\u{301}") && text.contains("e\u{308}"));
    // So code points, UTF-16 units and bytes all differ.
    let (cp, u16) = (offsets::cp_len(text), offsets::utf16_len(text));
    assert!(cp < u16 && u16 < text.len(), "{cp} code points, {u16} UTF-16 units, {} bytes", text.len());
}

#[test]
fn the_annotations_are_as_many_as_asked_mixed_spread_and_a_tenth_overlap() {
    let doc = synthetic::document(100_000, 10_000, 1);
    assert_eq!(doc.annotations.len(), 10_000);
    // Claims, quotes and actors 40 : 30 : 30.
    assert_eq!(doc.counts(), [4_000, 3_000, 3_000]);
    // Spread over the whole text: every tenth of it holds about a tenth of the spans.
    let len = offsets::cp_len(&doc.text);
    for tenth in 0..10 {
        let (from, to) = (len * tenth / 10, len * (tenth + 1) / 10);
        let n = doc.annotations.iter().filter(|a| from <= a.start && a.start < to).count();
        assert!((900..=1_100).contains(&n), "{n} spans start in tenth {tenth}");
    }
    // About a tenth nested in or overlapping another.
    let overlapping = overlapping(&doc);
    assert!((900..=1_200).contains(&overlapping), "{overlapping} overlapping");
    // Some quotes are attributed to actors.
    assert_eq!(doc.relations.len(), 2_700);
    let tags: std::collections::HashMap<&str, Tag> = doc.annotations.iter().map(|a| (a.id.as_str(), a.tag)).collect();
    for r in &doc.relations {
        assert_eq!((tags.get(r.from.as_str()), tags.get(r.to.as_str())), (Some(&Tag::Quote), Some(&Tag::Actor)));
    }
}

#[test]
fn spans_lie_on_word_boundaries_inside_one_paragraph_with_their_quote_and_context() {
    let doc = synthetic::document(20_000, 2_000, 5);
    let text = &doc.text;
    let paragraphs = segments::paragraphs(text);
    let index = offsets::OffsetIndex::new(text);
    for a in &doc.annotations {
        let (from, to) = (index.cp_to_byte(a.start).unwrap(), index.cp_to_byte(a.end).unwrap());
        assert_eq!(&text[from..to], a.exact);
        let before = text[..from].chars().next_back();
        let after = text[to..].chars().next();
        assert!(before.is_none_or(char::is_whitespace), "{} starts inside a word", a.id);
        assert!(after.is_none_or(|c| c.is_whitespace() || c == '.'), "{} ends inside a word", a.id);
        assert!(!a.exact.contains("\n\n"), "{} crosses a paragraph break", a.id);
        assert!(paragraphs.iter().any(|p| p.start <= a.start && a.end <= p.end));
    }
    // The context is what the workspace would record (checked on a sample: it is slow).
    for a in doc.annotations.iter().step_by(97) {
        let q = anchor::quote(text, a.start, a.end).unwrap();
        assert_eq!((&q.exact, &q.prefix, &q.suffix), (&a.exact, &a.prefix, &a.suffix), "{}", a.id);
    }
}

#[test]
fn the_document_saves_and_loads_unchanged() {
    let doc = synthetic::document(100_000, 10_000, 1);
    let json = schema::document_to_json(&doc);
    let loaded = schema::load_document(&json).expect("the synthetic document passes the core's validation");
    assert_eq!(loaded, doc);
    assert_eq!(schema::document_to_json(&loaded), json);
}

#[test]
fn the_document_exports_to_w3c_and_imports_back_in_place() {
    let doc = synthetic::document(20_000, 2_000, 4);
    let exported = formats::export(Format::W3c, std::slice::from_ref(&doc)).unwrap();
    assert!(exported.left_out.is_empty(), "{:?}", exported.left_out);
    let imported = formats::import(Format::W3c, &exported.bytes, None, &mut || "back".into(), synthetic::CREATED)
        .expect("the export imports");
    assert_eq!(imported.report.exact, 2_000, "{}", imported.report.summary());
    let back = &imported.documents[0];
    assert_eq!(back.text, doc.text);
    let spans = |d: &Document| {
        d.annotations.iter().map(|a| (a.id.clone(), a.tag, a.start, a.end, a.note.clone())).collect::<Vec<_>>()
    };
    assert_eq!(spans(back), spans(&doc));
    let links = |d: &Document| d.relations.iter().map(|r| (r.from.clone(), r.to.clone())).collect::<Vec<_>>();
    assert_eq!(links(back), links(&doc));
}

#[test]
fn a_perturbed_copy_agrees_mostly_but_not_fully() {
    let doc = synthetic::document(20_000, 2_000, 6);
    let other = synthetic::perturbed(&doc, 1);
    assert_eq!(other.text, doc.text);
    assert!((1_700..=1_900).contains(&other.annotations.len()), "{}", other.annotations.len());
    assert_eq!(schema::load_document(&schema::document_to_json(&other)).as_ref(), Ok(&other));
    let f1 = agreement::check(&doc, &other).overall.f1().unwrap();
    assert!((0.75..0.95).contains(&f1), "F1 {f1}");
    let alpha = agreement::alpha(offsets::cp_len(&doc.text), &[&doc, &other], Tag::Claim).unwrap();
    assert!((0.6..0.95).contains(&alpha), "alpha {alpha}");
}
