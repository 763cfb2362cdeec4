//! Label Studio JSON: the export of the Unicode fixture (UTF-16 offsets), round trips,
//! tasks made in Label Studio, and the files Newsmark must refuse.

mod common;

use newsmark_core::formats::{self, Format, ImportError, Imported};
use newsmark_core::{offsets, Document, Tag};
use serde_json::{json, Value};

fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    formats::import(Format::LabelStudio, bytes, None, &mut || "new-id".to_string(), common::NOW)
}

fn import_json(value: &Value) -> Result<Imported, ImportError> {
    import(value.to_string().as_bytes())
}

fn error(value: &Value) -> String {
    import_json(value).expect_err("the file should be refused").0
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

fn region(id: &str, label: &str, (start, end): (usize, usize), text: &str) -> Value {
    json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels",
        "value": {"start": start, "end": end, "text": text, "labels": [label]}})
}

const QUOTE: &str = "\u{201c}we found 3 leaks\u{201d}";
const FAMILY: &str = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} family from 外交部";

#[test]
fn the_unicode_fixture_exports_as_its_golden_file() {
    let exported = formats::export(Format::LabelStudio, &[common::document()]).unwrap();
    assert!(exported.left_out.is_empty(), "{:?}", exported.left_out);
    common::golden("unicode-check.label-studio.json", &exported.bytes);
}

#[test]
fn the_export_is_deterministic() {
    let doc = common::document();
    assert_eq!(
        formats::export(Format::LabelStudio, std::slice::from_ref(&doc)).unwrap(),
        formats::export(Format::LabelStudio, &[doc]).unwrap()
    );
}

#[test]
fn exported_offsets_count_utf16_units() {
    let exported = formats::export(Format::LabelStudio, &[common::document()]).unwrap();
    let value: Value = serde_json::from_slice(&exported.bytes).unwrap();
    let task = &value[0];
    assert_eq!(task["id"], 1);
    assert_eq!(task["data"]["text"], common::TEXT);
    assert_eq!(task["data"]["newsmark_id"], "unicode-check");
    assert_eq!(task["data"]["source_url"], "https://news.example/unicode-check");
    let result = task["annotations"][0]["result"].as_array().unwrap();
    let offsets = |id: &str, kind: &str| {
        let r = result.iter().find(|r| r["id"] == id && r["type"] == kind).unwrap();
        (r["value"]["start"].as_u64().unwrap(), r["value"]["end"].as_u64().unwrap())
    };
    // Before any emoji, UTF-16 units and code points agree.
    assert_eq!(offsets("a1", "labels"), (0, 9));
    assert_eq!(offsets("a1", "textarea"), (0, 9));
    // The scientist emoji before the quote is 4 code points but 7 units: +3.
    assert_eq!(offsets("a2", "labels"), (42, 60));
    assert_eq!(offsets("a3", "textarea"), (43, 59));
    // The family emoji itself adds 3 more inside the span.
    assert_eq!(offsets("a6", "labels"), (115, 139));
    let label = result.iter().find(|r| r["id"] == "a6" && r["type"] == "labels").unwrap();
    assert_eq!(label["value"]["labels"], json!(["Actor"]));
    assert_eq!(label["value"]["text"], FAMILY);
    let relations: Vec<(&str, &str)> = result
        .iter()
        .filter(|r| r["type"] == "relation")
        .map(|r| (r["from_id"].as_str().unwrap(), r["to_id"].as_str().unwrap()))
        .collect();
    assert_eq!(relations, [("a2", "a1"), ("a5", "a4")]);
}

#[test]
fn an_export_round_trips_exactly() {
    let doc = common::document();
    let exported = formats::export(Format::LabelStudio, std::slice::from_ref(&doc)).unwrap();
    let imported = import(&exported.bytes).unwrap();
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
    assert!(imported.report.remarks.iter().any(|r| r.contains("UTF-16")), "{:?}", imported.report.remarks);
}

#[test]
fn several_documents_make_several_tasks() {
    let second = Document::new("second", "Second", "Plain text.", common::NOW);
    let exported = formats::export(Format::LabelStudio, &[common::document(), second]).unwrap();
    let value: Value = serde_json::from_slice(&exported.bytes).unwrap();
    assert_eq!(value[1]["id"], 2);
    assert_eq!(value[1]["annotations"][0]["result"], json!([]));
    assert!(value[1]["data"].get("source_url").is_none());
    let imported = import(&exported.bytes).unwrap();
    assert_eq!(imported.documents.len(), 2);
    assert_eq!(imported.documents[1].title, "Second");
}

#[test]
fn orphans_are_left_out_and_said_so() {
    let mut doc = common::document();
    for id in ["lost1", "lost2"] {
        let mut orphan = doc.annotations[0].clone();
        orphan.id = id.into();
        doc.orphans.push(orphan);
    }
    let exported = formats::export(Format::LabelStudio, &[doc]).unwrap();
    assert_eq!(exported.left_out, ["2 orphaned annotations (not placed in the text) are not included."]);
    assert!(!String::from_utf8(exported.bytes).unwrap().contains("lost1"));
}

#[test]
fn a_task_counting_code_points_imports_too() {
    let task = json!([{
        "id": 7,
        "data": {"text": common::TEXT},
        "annotations": [{
            "id": 3,
            "result": [
                region("q", "Quote", cp_span(QUOTE), QUOTE),
                region("f", "actor", cp_span(FAMILY), FAMILY),
                {"id": "f", "from_name": "note", "to_name": "text", "type": "textarea",
                    "value": {"text": ["Family", "of three"]}},
                {"type": "relation", "from_id": "q", "to_id": "f", "direction": "right", "labels": []},
                {"id": "x", "from_name": "mood", "to_name": "text", "type": "choices", "value": {"choices": ["Calm"]}}
            ]
        }]
    }]);
    assert_ne!(cp_span(FAMILY), (115, 139), "code points differ from UTF-16 units here");
    let imported = import_json(&task).unwrap();
    let doc = &imported.documents[0];
    let want = |tag, exact: &str| {
        let (s, e) = cp_span(exact);
        (tag, exact.to_string(), s, e)
    };
    assert_eq!(common::spans(doc), [want(Tag::Quote, QUOTE), want(Tag::Actor, FAMILY)]);
    assert_eq!(doc.annotation("f").and_then(|a| a.note.as_deref()), Some("Family\nof three"));
    assert_eq!(attributions(doc), [(QUOTE.to_string(), FAMILY.to_string())]);
    assert_eq!(imported.report.exact, 2);
    assert!(imported.report.remarks.iter().any(|r| r.contains("code points")), "{:?}", imported.report.remarks);
    // No title in the task: the first line of the article stands in.
    assert!(doc.title.starts_with("Zoe\u{308} Hart"));
}

#[test]
fn a_single_task_uses_its_first_annotation_and_turns_relations_round() {
    let task = json!({
        "data": {"text": common::TEXT, "title": "One task"},
        "annotations": [
            {"id": 1, "result": [
                region("z", "Actor", (0, 9), "Zoe\u{308} Hart"),
                region("c", "Claim", (43, 59), "we found 3 leaks"),
                // Drawn from the actor to the claim; and another drawn "left".
                {"type": "relation", "from_id": "z", "to_id": "c", "direction": "right", "labels": ["attribution"]},
                {"type": "relation", "from_id": "z", "to_id": "c", "direction": "left"}
            ]},
            {"id": 2, "result": [region("other", "Quote", (42, 60), QUOTE)]}
        ],
        "predictions": [{"result": [region("p", "Quote", (42, 60), QUOTE)]}]
    });
    let imported = import_json(&task).unwrap();
    let doc = &imported.documents[0];
    assert_eq!(doc.title, "One task");
    assert_eq!(doc.annotations.len(), 2, "only the first annotation is read");
    assert_eq!(attributions(doc), [("we found 3 leaks".to_string(), "Zoe\u{308} Hart".to_string())]);
}

#[test]
fn a_region_whose_text_moved_is_reanchored() {
    let task = json!({"data": {"text": common::TEXT}, "annotations": [{"result": [
        region("w", "Claim", (1, 6), "waved"),
        region("m", "Claim", (3, 9), "missing words")
    ]}]});
    let imported = import_json(&task).unwrap();
    let report = &imported.report;
    assert_eq!((report.exact, report.reanchored, report.orphaned), (0, 1, 1));
    assert_eq!(imported.documents[0].annotation("w").map(|a| (a.start, a.end)), Some(cp_span("waved")));
}

#[test]
fn bad_files_are_refused_with_the_reason() {
    let message = import(b"{\"data\": ").unwrap_err().0;
    assert!(message.starts_with("the file is not JSON"), "{message}");

    let message = error(&json!(3.5));
    assert!(message.contains("a number, not Label Studio tasks"), "{message}");

    let message = error(&json!([{"data": {"title": "No text"}, "annotations": []}]));
    assert!(message.contains("task 1") && message.contains("\"data.text\" is missing"), "{message}");

    let message = error(&json!([{"data": {"text": 12}}]));
    assert!(message.contains("\"data.text\" is a number"), "{message}");

    let message = error(&json!([{"annotations": []}]));
    assert!(message.contains("data.text"), "{message}");

    let message = error(&json!(["task"]));
    assert!(message.contains("task 1 is a string"), "{message}");

    let message = error(
        &json!({"data": {"text": common::TEXT}, "annotations": [{"result": [region("p", "PERSON", (0, 9), "Zoe")]}]}),
    );
    assert!(message.contains("(\"p\")") && message.contains("unknown label \"PERSON\""), "{message}");

    let message = error(&json!({"data": {"text": common::TEXT}, "annotations": [{"result": [
        {"id": "n", "type": "labels", "value": {"start": 0, "end": 3, "labels": []}}
    ]}]}));
    assert!(message.contains("has no label"), "{message}");

    let message = error(&json!({"data": {"text": common::TEXT}, "annotations": [{"result": [
        {"id": "n", "type": "labels", "value": {"start": -2, "end": 3, "labels": ["Claim"]}}
    ]}]}));
    assert!(message.contains("\"start\" is not a whole number"), "{message}");

    let message = error(&json!({"data": {"text": common::TEXT}, "annotations": [{"result": [
        region("z", "Actor", (0, 9), "Zoe\u{308} Hart"),
        region("c", "Claim", (43, 59), "we found 3 leaks"),
        {"type": "relation", "from_id": "c", "to_id": "z", "labels": ["contradicts"]}
    ]}]}));
    assert!(message.contains("unknown relation label \"contradicts\""), "{message}");

    let message = error(&json!({"data": {"text": common::TEXT}, "annotations": [{"result": [
        {"type": "relation", "from_id": "c"}
    ]}]}));
    assert!(message.contains("without both"), "{message}");
}
