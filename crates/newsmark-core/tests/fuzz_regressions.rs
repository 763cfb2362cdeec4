//! Regression tests for what fuzzing (fuzz/, `scripts/fuzz.sh`) and the round-trip
//! property tests found. Each test is named after the bug and keeps its input inline,
//! reduced to what triggers it. The invariants checked are the fuzz targets' own: an
//! import gives sound documents with unique ids, Newsmark re-imports what it exports,
//! and what loads saves and loads back equal.

use newsmark_core::formats::{self, Format, Imported};
use newsmark_core::{offsets, schema, Document, Timestamp};
use serde_json::json;
use std::collections::HashSet;

const NOW: Timestamp = Timestamp(1_795_622_047_000);

fn import(format: Format, bytes: &[u8]) -> Imported {
    formats::import(format, bytes, None, &mut || "d1".to_owned(), NOW)
        .unwrap_or_else(|e| panic!("the {} file should import: {e}", format.name()))
}

/// What every fuzz target checks of a document it gets.
fn assert_sound(doc: &Document) {
    let mut ids = HashSet::new();
    for a in doc.annotations.iter().chain(&doc.orphans) {
        assert!(ids.insert(a.id.as_str()), "two annotations have the id {:?}", a.id);
    }
    for a in &doc.annotations {
        assert!(a.start < a.end && a.end <= offsets::cp_len(&doc.text));
        assert_eq!(offsets::slice(&doc.text, a.start, a.end), Some(a.exact.as_str()));
    }
    let json = schema::document_to_json(doc);
    let back = schema::load_document(&json).unwrap_or_else(|e| panic!("the saved document does not load: {e}"));
    assert_eq!(back, *doc);
}

/// A W3C collection whose actor is not in the article (so it is orphaned on import), with
/// a quote attributed to it. Reduced from a fuzzer crash on the golden W3C file with the
/// actor's quote damaged.
fn w3c_with_an_attribution_to_an_orphan() -> Vec<u8> {
    json!({
        "type": "AnnotationCollection",
        "newsmark:document": {"text": "abc"},
        "first": {"items": [
            {"id": "q", "motivation": "tagging", "body": "quote", "target": {"selector": [
                {"type": "TextPositionSelector", "start": 0, "end": 2},
                {"type": "TextQuoteSelector", "exact": "ab"}]}},
            {"id": "s", "motivation": "tagging", "body": "actor", "target": {"selector": [
                {"type": "TextPositionSelector", "start": 0, "end": 3},
                {"type": "TextQuoteSelector", "exact": "zzz"}]}},
            {"motivation": "linking", "body": "s", "target": "q"}
        ]}
    })
    .to_string()
    .into_bytes()
}

#[test]
fn w3c_export_of_an_attribution_to_an_orphan_is_refused_on_import() {
    let imported = import(Format::W3c, &w3c_with_an_attribution_to_an_orphan());
    let doc = &imported.documents[0];
    assert_eq!((doc.annotations.len(), doc.orphans.len(), doc.relations.len()), (1, 1, 1));
    assert_sound(doc);
    // The export leaves out the orphan, so it must leave out its attribution too.
    let exported = formats::export(Format::W3c, std::slice::from_ref(doc)).unwrap();
    let again = import(Format::W3c, &exported.bytes);
    assert_eq!(again.documents[0].annotations.len(), 1);
    assert!(again.documents[0].relations.is_empty());
    assert!(exported.left_out.iter().any(|l| l.contains("orphaned annotation")), "{:?}", exported.left_out);
}

#[test]
fn label_studio_export_of_an_attribution_to_an_orphan_is_refused_on_import() {
    let imported = import(Format::W3c, &w3c_with_an_attribution_to_an_orphan());
    let exported = formats::export(Format::LabelStudio, &imported.documents).unwrap();
    let again = import(Format::LabelStudio, &exported.bytes);
    assert_eq!(again.documents[0].annotations.len(), 1);
    assert!(again.documents[0].relations.is_empty());
}

#[test]
fn an_imported_id_that_looks_like_a_made_up_one_is_given_twice() {
    // The second entity's id is blank, so it was given the made-up id "a2", which the first
    // entity already had.
    let line = json!({"text": "abc", "entities": [
        {"id": "a2", "label": "actor", "start_offset": 0, "end_offset": 1},
        {"id": "", "label": "actor", "start_offset": 1, "end_offset": 2}
    ]});
    let imported = import(Format::Doccano, line.to_string().as_bytes());
    assert_sound(&imported.documents[0]);
    let ids: Vec<&str> = imported.documents[0].annotations.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a2", "a3"]);
}

#[test]
fn an_id_repeated_three_times_in_a_file_is_given_twice() {
    // The second "x" became "a2" and took the first one's place in the table of ids in
    // use, so the third "x" looked free.
    let line = json!({"text": "abc", "entities": [
        {"id": "x", "label": "actor", "start_offset": 0, "end_offset": 1},
        {"id": "x", "label": "actor", "start_offset": 1, "end_offset": 2},
        {"id": "x", "label": "actor", "start_offset": 2, "end_offset": 3}
    ]});
    let imported = import(Format::Doccano, line.to_string().as_bytes());
    assert_sound(&imported.documents[0]);
    let ids: Vec<&str> = imported.documents[0].annotations.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["x", "a2", "a3"]);
}

#[test]
fn a_leap_second_at_the_end_of_year_9999_saves_as_year_10000_which_does_not_load() {
    let file = |time: &str| {
        json!({"schema_version": 1, "kind": "newsmark-document", "id": "d", "title": "t", "created": time,
            "updated": "2026-11-25T09:30:00.000Z", "text": "", "annotations": []})
        .to_string()
    };
    // Refused when read, rather than loaded and then saved as a file that cannot be read.
    let error = schema::load(&file("9999-12-31T23:59:60.000Z")).unwrap_err().to_string();
    assert!(error.contains("`9999-12-31T23:59:60.000Z` is not a real time: it falls in the year 10000"), "{error}");
    assert!(Timestamp::parse("9999-12-31T23:59:60Z").is_err());
    // The last moment of year 9999 still loads, and saves and loads back the same.
    let docs = schema::load(&file("9999-12-31T23:59:59.999Z")).unwrap();
    assert_eq!(docs[0].created.to_string(), "9999-12-31T23:59:59.999Z");
    assert_sound(&docs[0]);
}

#[test]
fn label_studio_moves_a_span_that_also_fits_when_its_utf16_offsets_are_read_as_code_points() {
    // "aa" after an emoji is at UTF-16 units 2–4; read as code points, 2–4 is also "aa",
    // so the unit could not be told from the text and the span moved one place on.
    let text = "\u{1F600}aaaa";
    let mut doc = Document::new("d", "t", text, NOW);
    let quote = newsmark_core::anchor::quote(text, 1, 3).unwrap();
    doc.annotations.push(newsmark_core::Annotation {
        id: "a1".into(),
        tag: newsmark_core::Tag::Claim,
        start: 1,
        end: 3,
        exact: quote.exact,
        prefix: quote.prefix,
        suffix: quote.suffix,
        note: None,
        details: Default::default(),
        created: NOW,
        updated: NOW,
    });
    let exported = formats::export(Format::LabelStudio, std::slice::from_ref(&doc)).unwrap();
    let again = import(Format::LabelStudio, &exported.bytes);
    let a = &again.documents[0].annotations[0];
    assert_eq!((a.start, a.end, a.exact.as_str()), (1, 3, "aa"));
}

#[test]
fn a_stored_span_with_a_damaged_suffix_was_exported_with_it_and_orphaned_on_the_way_back() {
    // The file's span fits its position and text, but its recorded suffix is not what
    // follows it in the article. The loader kept that suffix, the W3C export wrote it, and
    // the import (rightly) would not place a span whose context disagrees.
    let file = json!({"schema_version": 2, "kind": "newsmark-document", "id": "d", "title": "t",
        "created": "2026-11-25T09:30:00.000Z", "updated": "2026-11-25T09:30:00.000Z",
        "text": "Brackenford Town Council plans to close the Northgate branch library.",
        "annotations": [{"id": "a1", "tag": "actor", "start": 0, "end": 24, "exact": "Brackenford Town Council",
            "prefix": "", "suffix": " plans to cl\u{FFFD}\u{FFFD}Northgate br",
            "created": "2026-11-25T09:30:00.000Z", "updated": "2026-11-25T09:30:00.000Z"}]})
    .to_string();
    let docs = schema::load(&file).unwrap();
    assert_eq!(docs[0].annotations[0].suffix, " plans to close the Northgate br");
    assert_sound(&docs[0]);
    let exported = formats::export(Format::W3c, &docs).unwrap();
    let again = import(Format::W3c, &exported.bytes);
    let a = &again.documents[0].annotations[0];
    assert_eq!((a.start, a.end, a.exact.as_str()), (0, 24, "Brackenford Town Council"));
    assert!(again.documents[0].orphans.is_empty());
}
