//! doccano JSONL: the golden export of the Unicode fixture, a round trip, the older
//! `label` shape, and files that must be refused.

mod common;

use newsmark_core::formats::{self, doccano, Format, Imported};
use newsmark_core::{Document, Tag};
use serde_json::Value;

fn import(text: &str) -> Result<Imported, formats::ImportError> {
    formats::import(Format::Doccano, text.as_bytes(), None, &mut || "new-id".to_string(), common::NOW)
}

/// (quote or claim, actor) by their text.
fn attributions(doc: &Document) -> Vec<(String, String)> {
    let exact = |id: &str| doc.annotation(id).map(|a| a.exact.clone()).unwrap_or_default();
    doc.relations.iter().map(|r| (exact(&r.from), exact(&r.to))).collect()
}

/// The code points `start..end` of the fixture text.
fn slice(start: u64, end: u64) -> String {
    common::TEXT.chars().skip(start as usize).take((end - start) as usize).collect()
}

#[test]
fn the_unicode_fixture_exports_as_in_the_golden_file() {
    let exported = doccano::export(&[common::document()]);
    common::golden("unicode-check.doccano.jsonl", &exported.bytes);
    assert_eq!(exported.left_out, ["2 notes are not included: doccano has no notes on spans."]);
    assert_eq!(doccano::export(&[common::document()]), exported, "the same document gives the same bytes");

    let text = String::from_utf8(exported.bytes).unwrap();
    assert_eq!(text.lines().count(), 1);
    let line: Value = serde_json::from_str(text.trim_end()).unwrap();
    assert_eq!(line["text"], common::TEXT);
    let entities = line["entities"].as_array().unwrap();
    let got: Vec<(String, String)> = entities
        .iter()
        .map(|e| {
            let (s, e2) = (e["start_offset"].as_u64().unwrap(), e["end_offset"].as_u64().unwrap());
            (e["label"].as_str().unwrap().to_owned(), slice(s, e2))
        })
        .collect();
    let want: Vec<(String, String)> =
        common::SPANS.iter().map(|(_, tag, exact, _)| (tag.as_str().to_owned(), exact.to_string())).collect();
    assert_eq!(got, want, "the offsets count code points");
    assert_eq!(entities[0]["end_offset"], 9, "Zoë Hart, with a combining diaeresis, is 9 code points");
    assert_eq!(line["relations"][0]["type"], "attribution");
}

#[test]
fn an_export_reads_back_with_the_same_spans_and_attributions() {
    let original = common::document();
    let exported = doccano::export(std::slice::from_ref(&original));
    let imported = import(std::str::from_utf8(&exported.bytes).unwrap()).unwrap();
    assert_eq!(imported.report.exact, 6);
    assert_eq!((imported.report.reanchored, imported.report.orphaned), (0, 0));
    let [doc] = imported.documents.as_slice() else { panic!("one document") };
    assert_eq!(&*doc.text, common::TEXT);
    assert_eq!(doc.title, original.title);
    assert_eq!(common::spans(doc), common::spans(&original));
    assert_eq!(attributions(doc), attributions(&original));
    assert_eq!(attributions(doc).len(), 2);
    assert!(doc.annotations.iter().all(|a| a.note.is_none()));
}

#[test]
fn several_documents_are_several_lines() {
    let mut second = common::document();
    second.id = "second".into();
    second.title = "Second".into();
    let exported = doccano::export(&[common::document(), second]);
    let text = String::from_utf8(exported.bytes).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert_eq!(exported.left_out, ["4 notes are not included: doccano has no notes on spans."]);
    let imported = import(&format!("\n{text}\n\n")).unwrap();
    assert_eq!(imported.documents.len(), 2);
    assert_eq!(imported.documents[1].title, "Second");
    assert_eq!(imported.report.exact, 12);
}

#[test]
fn the_older_label_shape_imports() {
    let line = serde_json::json!({
        "id": 7,
        "data": common::TEXT,
        "label": [[0, 9, "ACTOR"], [39, 57, "Quote"], [66, 79, "actor"]],
        "meta": {"title": "From an old doccano"}
    });
    let imported = import(&line.to_string()).unwrap();
    assert_eq!(imported.report.exact, 3);
    let doc = &imported.documents[0];
    assert_eq!(doc.title, "From an old doccano");
    let got: Vec<(Tag, &str)> = doc.annotations.iter().map(|a| (a.tag, a.exact.as_str())).collect();
    assert_eq!(
        got,
        [
            (Tag::Actor, "Zoe\u{308} Hart"),
            (Tag::Quote, "\u{201c}we found 3 leaks\u{201d}"),
            (Tag::Actor, "وزير الخارجية")
        ]
    );
}

#[test]
fn entity_ids_may_be_strings() {
    let line = serde_json::json!({
        "text": common::TEXT,
        "entities": [
            {"id": "e-actor", "label": "actor", "start_offset": 0, "end_offset": 9},
            {"id": "e-quote", "label": "quote", "start_offset": 39, "end_offset": 57}
        ],
        "relations": [{"id": 1, "from_id": "e-quote", "to_id": "e-actor", "type": "Attribution"}]
    });
    let imported = import(&line.to_string()).unwrap();
    let doc = &imported.documents[0];
    assert_eq!(attributions(doc), [("\u{201c}we found 3 leaks\u{201d}".to_owned(), "Zoe\u{308} Hart".to_owned())]);
    assert_eq!(
        doc.title,
        "Zoe\u{308} Hart, the \u{1F469}\u{1F3FD}\u{200D}\u{1F52C} lab director, said \u{201c}we found 3 leaks\u{201d}."
    );
}

#[test]
fn a_line_that_is_not_json_is_refused() {
    let good = r#"{"text": "Hello", "entities": []}"#;
    let err = import(&format!("{good}\n{{\"text\": \"Hello\",\n")).unwrap_err();
    assert!(err.0.starts_with("line 2 is not valid JSON ("), "{err}");
    let err = import("[1, 2]").unwrap_err();
    assert_eq!(err.0, "line 1 is not a JSON object with the document's text and labels");
    let err = import("\n\n").unwrap_err();
    assert_eq!(err.0, "the file holds no documents");
}

#[test]
fn an_unknown_label_is_named() {
    let line = serde_json::json!({
        "text": common::TEXT,
        "entities": [{"id": 3, "label": "PERSON", "start_offset": 0, "end_offset": 9}]
    });
    let err = import(&line.to_string()).unwrap_err();
    assert_eq!(err.0, "line 1, entity 3: unknown label \"PERSON\": Newsmark reads the labels claim, quote and actor");
    let line = serde_json::json!({"text": "abc", "label": [[0, 1, "ORG"]]});
    let err = import(&line.to_string()).unwrap_err();
    assert!(err.0.starts_with("line 1, label 1: unknown label \"ORG\""), "{err}");
    let line = serde_json::json!({"text": "abc", "label": ["positive"]});
    assert_eq!(import(&line.to_string()).unwrap_err().0, "line 1: label 1 is not [start, end, label]");
}

#[test]
fn offsets_out_of_range_are_refused() {
    let len = common::TEXT.chars().count();
    let entity = |start: i64, end: i64| {
        serde_json::json!({
            "text": common::TEXT,
            "entities": [{"id": 1, "label": "actor", "start_offset": start, "end_offset": end}]
        })
        .to_string()
    };
    let message = |s: usize, e: usize| {
        format!("annotation 1 (1) has the span {s}–{e}, which is empty or does not fit the article of {len} characters")
    };
    assert_eq!(import(&entity(9, 5)).unwrap_err().0, message(9, 5));
    assert_eq!(import(&entity(100, len as i64 + 1)).unwrap_err().0, message(100, len + 1));
    assert_eq!(
        import(&entity(-1, 5)).unwrap_err().0,
        "line 1: entity 1 has the start_offset -1, which is not a whole number of characters from 0 up"
    );
}

#[test]
fn an_offset_that_is_there_but_negative_or_too_large_is_not_called_missing() {
    let import_line = |entity: serde_json::Value| {
        let line = serde_json::json!({ "text": common::TEXT, "entities": [entity] }).to_string();
        formats::import(Format::Doccano, line.as_bytes(), None, &mut || "d".into(), common::NOW).unwrap_err().0
    };
    assert_eq!(
        import_line(serde_json::json!({"id": 1, "label": "actor", "start_offset": 0, "end_offset": 1e30})),
        "line 1: entity 1 has the end_offset 1e+30, which is larger than any article Newsmark reads"
    );
    assert_eq!(
        import_line(serde_json::json!({"id": 1, "label": "actor", "start_offset": 2.5, "end_offset": 9})),
        "line 1: entity 1 has the start_offset 2.5, which is not a whole number of characters from 0 up"
    );
    assert_eq!(
        import_line(serde_json::json!({"id": 1, "label": "actor", "end_offset": 9})),
        "line 1: entity 1 has no start_offset (a count of characters from the start of the text)"
    );
}

#[test]
fn a_relation_of_another_kind_or_to_nothing_is_refused() {
    let line = serde_json::json!({
        "text": common::TEXT,
        "entities": [{"id": 1, "label": "actor", "start_offset": 0, "end_offset": 9}],
        "relations": [{"id": 1, "from_id": 1, "to_id": 1, "type": "located_in"}]
    });
    let err = import(&line.to_string()).unwrap_err();
    assert!(err.0.starts_with("line 1: relation 1 has the type \"located_in\""), "{err}");
    let line = serde_json::json!({
        "text": common::TEXT,
        "entities": [{"id": 1, "label": "actor", "start_offset": 0, "end_offset": 9}],
        "relations": [{"id": 1, "from_id": 2, "to_id": 1, "type": "attribution"}]
    });
    let err = import(&line.to_string()).unwrap_err();
    assert!(err.0.contains("which are not both annotations in the file"), "{err}");
}
