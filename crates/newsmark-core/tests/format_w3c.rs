//! W3C Web Annotation: the export of the Unicode fixture, round trips, and files made
//! elsewhere (Hypothesis, other W3C tools), including the ones Newsmark must refuse.

mod common;

use newsmark_core::formats::{self, Format, ImportError, Imported};
use newsmark_core::{offsets, Document, Tag, Timestamp};
use serde_json::{json, Value};

fn import(bytes: &[u8], text: Option<&str>) -> Result<Imported, ImportError> {
    formats::import(Format::W3c, bytes, text, &mut || "new-id".to_string(), common::NOW)
}

fn import_json(value: &Value, text: Option<&str>) -> Result<Imported, ImportError> {
    import(value.to_string().as_bytes(), text)
}

fn error(value: &Value) -> String {
    import_json(value, Some(common::TEXT)).expect_err("the file should be refused").0
}

fn notes(doc: &Document) -> Vec<(String, Option<String>)> {
    doc.annotations.iter().map(|a| (a.exact.clone(), a.note.clone())).collect()
}

/// Attributions as (quote or claim text, actor text).
fn attributions(doc: &Document) -> Vec<(String, String)> {
    let exact = |id: &str| doc.annotation(id).map(|a| a.exact.clone()).unwrap_or_default();
    doc.relations.iter().map(|r| (exact(&r.from), exact(&r.to))).collect()
}

/// Code point span of the first occurrence of `exact` in the fixture text.
fn cp_span(exact: &str) -> (usize, usize) {
    let byte = common::TEXT.find(exact).expect("in the fixture");
    let start = offsets::byte_to_cp(common::TEXT, byte).expect("a boundary");
    (start, start + offsets::cp_len(exact))
}

/// The same span in UTF-16 units, as a browser (and Hypothesis) counts.
fn utf16_span(exact: &str) -> (usize, usize) {
    let (start, end) = cp_span(exact);
    (offsets::cp_to_utf16(common::TEXT, start).unwrap(), offsets::cp_to_utf16(common::TEXT, end).unwrap())
}

#[test]
fn the_unicode_fixture_exports_as_its_golden_file() {
    let exported = formats::export(Format::W3c, &[common::document()]).unwrap();
    assert!(exported.left_out.is_empty(), "{:?}", exported.left_out);
    common::golden("unicode-check.w3c.jsonld", &exported.bytes);
}

#[test]
fn the_export_is_deterministic() {
    let doc = common::document();
    assert_eq!(
        formats::export(Format::W3c, std::slice::from_ref(&doc)).unwrap(),
        formats::export(Format::W3c, &[doc]).unwrap()
    );
}

#[test]
fn exported_positions_count_code_points() {
    let exported = formats::export(Format::W3c, &[common::document()]).unwrap();
    let value: Value = serde_json::from_slice(&exported.bytes).unwrap();
    assert_eq!(value["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(value["type"], "AnnotationCollection");
    assert_eq!(value["total"], 8, "six spans and two attributions");
    assert_eq!(value["newsmark:document"]["text"], common::TEXT);
    let items = value["first"]["items"].as_array().unwrap();
    let position = |id: &str| {
        let item = items.iter().find(|i| i["id"] == format!("urn:newsmark:annotation:{id}")).unwrap();
        let selector = &item["target"]["selector"][1];
        assert_eq!(selector["type"], "TextPositionSelector");
        (selector["start"].as_u64().unwrap(), selector["end"].as_u64().unwrap())
    };
    // "Zoë" with a combining diaeresis: Z o e ◌̈ space H a r t = 9 code points.
    assert_eq!(position("a1"), (0, 9));
    // After the scientist emoji (4 code points, 7 UTF-16 units).
    assert_eq!(position("a2"), (39, 57));
    // The family emoji is 5 code points (8 UTF-16 units).
    assert_eq!(position("a6"), (112, 133));
    let link = items.iter().find(|i| i["motivation"] == "linking").unwrap();
    assert_eq!(link["target"], "urn:newsmark:annotation:a2");
    assert_eq!(link["body"], "urn:newsmark:annotation:a1");
}

#[test]
fn an_export_round_trips_exactly() {
    let doc = common::document();
    let exported = formats::export(Format::W3c, std::slice::from_ref(&doc)).unwrap();
    let imported = import(&exported.bytes, None).unwrap();
    assert_eq!(imported.documents.len(), 1);
    let back = &imported.documents[0];
    assert_eq!(common::spans(back), common::spans(&doc));
    assert_eq!(notes(back), notes(&doc));
    assert_eq!(attributions(back), attributions(&doc));
    assert_eq!(back.title, doc.title);
    assert_eq!(back.source_url, doc.source_url);
    assert_eq!(back.byline, doc.byline);
    assert_eq!(&*back.text, common::TEXT);
    assert_eq!((imported.report.exact, imported.report.reanchored, imported.report.orphaned), (6, 0, 0));
    assert!(imported.report.remarks.is_empty(), "{:?}", imported.report.remarks);
}

#[test]
fn a_captured_page_says_when_it_was_captured_and_where_it_was_published() {
    let mut doc = common::document();
    doc.site_name = Some("The Eastquay Courier".into());
    doc.published = Some("2026-11-28T07:15:00+01:00".into());
    doc.captured = Some(Timestamp::parse("2026-11-29T17:55:04.120Z").unwrap());
    let exported = formats::export(Format::W3c, std::slice::from_ref(&doc)).unwrap();
    let value: Value = serde_json::from_slice(&exported.bytes).unwrap();
    // Each annotation is about the page as it was when captured: the W3C model's TimeState.
    let target = &value["first"]["items"][0]["target"];
    assert_eq!(target["source"], "https://news.example/unicode-check");
    assert_eq!(target["state"], json!({ "type": "TimeState", "sourceDate": "2026-11-29T17:55:04.120Z" }));
    assert_eq!(value["newsmark:document"]["site_name"], "The Eastquay Courier");
    let back = &import(&exported.bytes, None).unwrap().documents[0];
    assert_eq!((&back.published, &back.site_name, back.captured), (&doc.published, &doc.site_name, doc.captured));

    // A document that was not captured has no state, as before.
    let plain = formats::export(Format::W3c, &[common::document()]).unwrap();
    assert!(!String::from_utf8(plain.bytes).unwrap().contains("TimeState"));
}

#[test]
fn several_documents_export_as_a_list_of_collections_and_come_back() {
    let first = common::document();
    let mut second = Document::new("second", "Second", "Plain text.", common::NOW);
    second.source_url = None;
    let exported = formats::export(Format::W3c, &[first.clone(), second]).unwrap();
    let value: Value = serde_json::from_slice(&exported.bytes).unwrap();
    assert_eq!(value.as_array().map(Vec::len), Some(2));
    assert_eq!(value[1]["id"], "urn:newsmark:document:second");
    assert_eq!(value[1]["total"], 0);

    let imported = import(&exported.bytes, None).unwrap();
    let titles: Vec<&str> = imported.documents.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, [first.title.as_str(), "Second"]);
    assert_eq!(common::spans(&imported.documents[0]), common::spans(&first));
    assert_eq!(&*imported.documents[1].text, "Plain text.");
}

#[test]
fn orphans_are_left_out_and_said_so() {
    let mut doc = common::document();
    let mut orphan = doc.annotations[0].clone();
    orphan.id = "lost".into();
    orphan.exact = "a sentence that was cut".into();
    doc.orphans.push(orphan);
    let exported = formats::export(Format::W3c, &[doc]).unwrap();
    assert_eq!(exported.left_out, ["1 orphaned annotation (not placed in the text) is not included."]);
    assert!(!String::from_utf8(exported.bytes).unwrap().contains("a sentence that was cut"));
}

#[test]
fn hypothesis_rows_counting_utf16_land_on_the_right_text() {
    let row = |id: &str, exact: &str, tags: Value, text: &str| {
        let (start, end) = utf16_span(exact);
        json!({
            "id": id,
            "uri": "https://news.example/unicode-check",
            "text": text,
            "tags": tags,
            "document": {"title": ["Leaks at the lab"]},
            "target": [{
                "source": "https://news.example/unicode-check",
                "selector": [
                    {"type": "RangeSelector", "startContainer": "/p[1]", "startOffset": 0,
                        "endContainer": "/p[1]", "endOffset": 4},
                    {"type": "TextPositionSelector", "start": start, "end": end},
                    {"type": "TextQuoteSelector", "exact": exact, "prefix": "", "suffix": ""}
                ]
            }]
        })
    };
    let quote = "\u{201c}we found 3 leaks\u{201d}";
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} family from 外交部";
    let rows = json!([
        row("hq", quote, json!(["important", "Quote"]), ""),
        row("hf", family, json!(["actor"]), "The whole family"),
        row("hc", "we found 3 leaks", json!(["CLAIM"]), ""),
        // A reply to an annotation is not a span of the text.
        {"id": "reply", "references": ["hq"], "text": "Agreed", "tags": [],
            "target": [{"source": "https://news.example/unicode-check"}]}
    ]);
    // The UTF-16 positions really differ from code points here.
    assert_ne!(utf16_span(family), cp_span(family));

    let imported = import_json(&rows, Some(common::TEXT)).unwrap();
    let doc = &imported.documents[0];
    let spans = common::spans(doc);
    let want = |tag, exact: &str| {
        let (s, e) = cp_span(exact);
        (tag, exact.to_string(), s, e)
    };
    assert_eq!(spans, [want(Tag::Quote, quote), want(Tag::Claim, "we found 3 leaks"), want(Tag::Actor, family)]);
    assert_eq!(doc.annotation("hf").and_then(|a| a.note.as_deref()), Some("The whole family"));
    assert_eq!(doc.annotation("hq").and_then(|a| a.note.as_deref()), None);
    assert_eq!(doc.title, "Leaks at the lab");
    assert!(imported.untitled.is_empty(), "Hypothesis names the page");
    assert_eq!(doc.source_url.as_deref(), Some("https://news.example/unicode-check"));
    assert_eq!(imported.report.exact, 3);
    assert!(imported.report.remarks.iter().any(|r| r.contains("UTF-16")), "{:?}", imported.report.remarks);
}

#[test]
fn a_wrong_position_is_reanchored_and_a_missing_quote_orphaned() {
    let annotation = |id: &str, tag: &str, start: usize, end: usize, exact: &str, prefix: &str, suffix: &str| {
        json!({
            "id": id,
            "type": "Annotation",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": tag},
            "target": {
                "source": "https://elsewhere.example/article",
                "selector": [
                    {"type": "TextPositionSelector", "start": start, "end": end},
                    {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}
                ]
            }
        })
    };
    let page = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationPage",
        "items": [
            annotation("right", "actor", 20, 32, "lab director", "the \u{1F469}\u{1F3FD}\u{200D}\u{1F52C} ", ", said"),
            annotation("moved", "claim", 5, 21, "we found 3 leaks", "director, said \u{201c}", "\u{201d}."),
            annotation("gone", "claim", 40, 56, "we found 4 leaks", "said \u{201c}", "\u{201d}.")
        ]
    });
    let imported = import_json(&page, Some(common::TEXT)).unwrap();
    let report = &imported.report;
    assert_eq!((report.exact, report.reanchored, report.orphaned), (1, 1, 1));
    let doc = &imported.documents[0];
    assert_eq!(doc.annotation("moved").map(|a| (a.start, a.end)), Some(cp_span("we found 3 leaks")));
    assert_eq!(doc.annotation("right").map(|a| (a.start, a.end)), Some(cp_span("lab director")));
    assert_eq!(doc.orphans.len(), 1);
    assert_eq!(doc.orphans[0].exact, "we found 4 leaks");
}

#[test]
fn a_single_annotation_with_bare_body_and_single_selector_is_read() {
    let annotation = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno/7",
        "type": "Annotation",
        "motivation": "tagging",
        "body": "Actor",
        "target": {"source": "http://example.org/page", "selector": {"type": "TextQuoteSelector", "exact": "外交部"}}
    });
    let imported = import_json(&annotation, Some(common::TEXT)).unwrap();
    let doc = &imported.documents[0];
    assert_eq!(common::spans(doc), [(Tag::Actor, "外交部".to_string(), 130, 133)]);
    assert_eq!(doc.annotations[0].id, "http://example.org/anno/7");
    assert_eq!(imported.report.reanchored, 1);
}

#[test]
fn a_linking_annotation_from_elsewhere_becomes_an_attribution() {
    let span = |id: &str, tag: &str, exact: &str| {
        let (start, end) = cp_span(exact);
        json!({
            "id": id,
            "type": "Annotation",
            "motivation": ["tagging"],
            "body": [
                {"type": "TextualBody", "value": tag},
                {"type": "TextualBody", "purpose": "commenting", "value": "  "}
            ],
            "target": {"source": "urn:x", "selector": [{"type": "TextPositionSelector", "start": start, "end": end}]}
        })
    };
    let collection = json!({
        "type": "AnnotationCollection",
        "label": "From another tool",
        "first": {
            "type": "AnnotationPage",
            "items": [
                span("http://ex/q", "quote", "\u{201c}we found 3 leaks\u{201d}"),
                span("http://ex/z", "actor", "Zoe\u{308} Hart")
            ],
            "next": {
                "type": "AnnotationPage",
                "items": [{"id": "http://ex/l", "type": "Annotation", "motivation": "linking",
                    "target": "http://ex/q", "body": {"id": "http://ex/z"}}]
            }
        }
    });
    let imported = import_json(&collection, Some(common::TEXT)).unwrap();
    let doc = &imported.documents[0];
    assert_eq!(doc.title, "From another tool");
    assert_eq!(attributions(doc), [("\u{201c}we found 3 leaks\u{201d}".to_string(), "Zoe\u{308} Hart".to_string())]);
    assert!(doc.annotations.iter().all(|a| a.note.is_none()), "a blank comment is no note");
    assert_eq!(imported.report.exact, 2);
}

#[test]
fn an_import_says_which_titles_it_made_up() {
    let annotation = json!({"type": "Annotation", "body": {"purpose": "tagging", "value": "quote"},
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "we found"}}});
    let imported = import_json(&annotation, Some("Leaks at the lab\n\nThey said we found leaks.")).unwrap();
    let doc = &imported.documents[0];
    assert_eq!(doc.title, "Leaks at the lab", "the first line of the text");
    assert_eq!(imported.untitled, std::slice::from_ref(&doc.id));

    let named = json!({"type": "AnnotationCollection", "label": "Leaks at the lab", "items": [annotation]});
    let imported = import_json(&named, Some("Leaks at the lab\n\nThey said we found leaks.")).unwrap();
    assert_eq!(imported.documents[0].title, "Leaks at the lab");
    assert!(imported.untitled.is_empty(), "the same title, but the file gave it");
}

#[test]
fn annotations_without_the_article_need_it_given() {
    let annotation = json!({"type": "Annotation", "body": {"purpose": "tagging", "value": "quote"},
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "we found"}}});
    let message = import_json(&annotation, None).unwrap_err().0;
    assert!(message.contains("does not include the article text"), "{message}");
}

#[test]
fn annotations_that_cannot_be_spans_are_left_out_and_counted_not_refused() {
    let file = json!([
        {"type": "Annotation", "body": {"purpose": "tagging", "value": "PERSON"},
            "target": {"selector": {"type": "TextQuoteSelector", "exact": "Hart"}}},
        {"id": "h1", "tags": ["PERSON", "misc"],
            "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "Hart"}]}]},
        {"id": "urn:newsmark:annotation:x", "type": "Annotation",
            "body": {"purpose": "commenting", "value": "just a note"},
            "target": {"selector": {"type": "TextQuoteSelector", "exact": "Hart"}}},
        {"type": "Annotation", "body": {"purpose": "tagging", "value": "quote"}, "target": "http://example.org/page"},
        {"type": "Annotation", "body": {"purpose": "tagging", "value": "actor"},
            "target": {"selector": {"type": "FragmentSelector", "value": "page=1"}}},
        {"type": "Annotation", "body": {"purpose": "tagging", "value": "actor"},
            "target": {"selector": {"type": "TextQuoteSelector", "exact": "Hart"}}}
    ]);
    let imported = import_json(&file, Some(common::TEXT)).unwrap();
    assert_eq!(common::spans(&imported.documents[0]).len(), 1);
    let left_out = &imported.report.left_out;
    assert_eq!((left_out.unmapped, left_out.untagged, left_out.page_notes, left_out.unplaced), (2, 1, 1, 1));
    let labels: Vec<(&str, usize)> = left_out.labels.iter().map(|(l, n)| (l.as_str(), *n)).collect();
    assert_eq!(labels, [("PERSON", 2), ("misc", 1)]);
}

#[test]
fn bad_files_are_refused_with_the_reason() {
    let message = import(b"<html>not json</html>", Some(common::TEXT)).unwrap_err().0;
    assert!(message.starts_with("the file is not JSON"), "{message}");

    let message = error(&json!(42));
    assert!(message.contains("a number, not W3C annotations"), "{message}");

    let message = error(&json!({"hello": "world"}));
    assert!(message.contains("not a W3C annotation"), "{message}");

    let message = error(&json!({"type": "Annotation", "body": {"purpose": "tagging", "value": "quote"},
        "target": {"selector": {"type": "TextPositionSelector", "start": -1, "end": "4"}}}));
    assert!(message.contains("whole numbers"), "{message}");

    let message = error(&json!({"type": "AnnotationCollection", "first": "http://example.org/page1"}));
    assert!(message.contains("not in the file"), "{message}");

    let message = error(&json!({"type": "Annotation", "motivation": "linking", "target": "http://ex/q"}));
    assert!(message.contains("is a link") && message.contains("body"), "{message}");

    let message = error(&json!([{"type": "Annotation", "motivation": "linking", "target": "a", "body": "b"}]));
    assert!(message.contains("relation 1 links \"a\" to \"b\""), "{message}");

    let message = error(&json!([1, 2]));
    assert!(message.contains("item 1 of the list is a number"), "{message}");
}
