//! Telling which format a file is: by the shape of what it holds, for the files Newsmark
//! exports and the files other tools make, whatever words their text happens to contain.

mod common;

use newsmark_core::formats::{self, Format};
use serde_json::json;
use std::path::Path;

fn golden(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name)).unwrap()
}

/// The format of `value` written as a file with a name that says nothing.
fn detect_json(value: &serde_json::Value) -> Option<Format> {
    formats::detect("upload", value.to_string().as_bytes())
}

#[test]
fn a_hypothesis_annotation_tagged_data_is_read_as_w3c_not_label_studio() {
    let text = "The minister said the data was wrong.";
    let file = json!([{
        "id": "h1",
        "uri": "https://news.example/a",
        "tags": ["data", "Quote"],
        "text": "Which data?",
        "target": [{
            "source": "https://news.example/a",
            "selector": [{ "type": "TextQuoteSelector", "exact": "the data was wrong", "prefix": "said ", "suffix": "." }]
        }]
    }]);
    assert_eq!(detect_json(&file), Some(Format::W3c));
    let bytes = file.to_string();
    let imported = formats::import(Format::W3c, bytes.as_bytes(), Some(text), &mut || "d".into(), common::NOW).unwrap();
    assert_eq!(imported.documents[0].annotations[0].exact, "the data was wrong");

    // The same with a W3C tagging body whose value is "data", and a note about annotations.
    let w3c = json!([{
        "type": "Annotation",
        "body": [
            { "type": "TextualBody", "purpose": "tagging", "value": "data" },
            { "type": "TextualBody", "purpose": "commenting", "value": "\"data\": see the \"annotations\"" }
        ],
        "target": { "selector": { "type": "TextQuoteSelector", "exact": "data" } }
    }]);
    assert_eq!(detect_json(&w3c), Some(Format::W3c));
}

#[test]
fn every_exported_file_is_told_by_its_contents_whatever_its_name() {
    for (file, format) in [
        ("unicode-check.newsmark.json", Format::Newsmark),
        ("unicode-check.w3c.jsonld", Format::W3c),
        ("unicode-check.brat.zip", Format::Brat),
        ("unicode-check.brat.ann", Format::Brat),
        ("unicode-check.doccano.jsonl", Format::Doccano),
        ("unicode-check.label-studio.json", Format::LabelStudio),
        ("unicode-check.spacy.jsonl", Format::Spacy),
        ("unicode-check.csv", Format::Csv),
    ] {
        let bytes = golden(file);
        assert_eq!(formats::detect(file, &bytes), Some(format), "{file}");
        assert_eq!(formats::detect("download", &bytes), Some(format), "{file} without its name");
    }
}

#[test]
fn files_made_by_other_tools_are_told_by_their_shape() {
    let annotation = json!({
        "type": "Annotation",
        "body": { "type": "TextualBody", "purpose": "tagging", "value": "quote" },
        "target": { "selector": { "type": "TextQuoteSelector", "exact": "said" } }
    });
    for (what, file, format) in [
        ("one W3C annotation", annotation.clone(), Format::W3c),
        ("loose W3C annotations", json!([annotation.clone(), annotation.clone()]), Format::W3c),
        ("a W3C page", json!({ "type": "AnnotationPage", "items": [annotation.clone()] }), Format::W3c),
        (
            "a W3C collection with a JSON-LD context",
            json!({ "@context": "http://www.w3.org/ns/anno.jsonld", "first": { "items": [annotation] } }),
            Format::W3c,
        ),
        ("a Hypothesis search result", json!({ "total": 0, "rows": [] }), Format::W3c),
        (
            "the Hypothesis client's export",
            json!({ "export_date": "2026-11-21T10:00:00.000Z", "export_userid": "acct:reader@hypothes.is",
                    "client_version": "1.1500.0", "annotations": [] }),
            Format::W3c,
        ),
        (
            "one Label Studio task with annotations",
            json!({ "data": { "text": "One." }, "annotations": [] }),
            Format::LabelStudio,
        ),
        (
            "a Label Studio task list to annotate",
            json!([{ "data": { "text": "One." } }, { "data": { "text": "Two." } }]),
            Format::LabelStudio,
        ),
        (
            "one Label Studio task with predictions",
            json!({ "data": { "text": "One." }, "predictions": [] }),
            Format::LabelStudio,
        ),
        (
            "one doccano line",
            json!({ "text": "Lavrov spoke.", "entities": [{ "label": "actor", "start_offset": 0, "end_offset": 6 }] }),
            Format::Doccano,
        ),
        ("doccano's older line", json!({ "data": "Lavrov spoke.", "label": [[0, 6, "actor"]] }), Format::Doccano),
        ("a spaCy line", json!({ "text": "Lavrov spoke.", "spans": [] }), Format::Spacy),
        (
            "an exercise",
            json!({ "schema_version": 1, "kind": "newsmark-exercise", "instructions": "Tag." }),
            Format::Newsmark,
        ),
    ] {
        assert_eq!(detect_json(&file), Some(format), "{what}");
    }
}

#[test]
fn words_in_the_article_text_do_not_change_the_format() {
    // A doccano line whose article quotes JSON-LD; a Label Studio task whose text names
    // a schema version and a target.
    let text = "He typed \"@context\", \"target\", \"spans\" and \"schema_version\".";
    let doccano = json!({ "text": text, "entities": [] });
    assert_eq!(detect_json(&doccano), Some(Format::Doccano));
    let lines = format!("{doccano}\n{doccano}\n");
    assert_eq!(formats::detect("upload", lines.as_bytes()), Some(Format::Doccano));
    let label_studio = json!([{ "data": { "text": text, "title": "\"@context\"" }, "annotations": [] }]);
    assert_eq!(detect_json(&label_studio), Some(Format::LabelStudio));
}

#[test]
fn a_bare_brat_ann_is_told_by_its_lines() {
    let ann = "T1\tActor 0 9\tZoe\u{308} Hart\nR1\tAttribution Arg1:T2 Arg2:T1\n";
    assert_eq!(formats::detect("notes.txt", ann.as_bytes()), Some(Format::Brat));
    assert_eq!(formats::detect("notes.ann", b""), Some(Format::Brat));
}

#[test]
fn a_damaged_json_file_goes_to_the_reader_that_can_say_where_it_is_damaged() {
    let cut = b"{\"schema_version\": 1, \"kind\": \"newsmark-document\"";
    assert_eq!(formats::detect("bad.json", cut), Some(Format::Newsmark));
    let w3c = golden("unicode-check.w3c.jsonld");
    let half = &w3c[..w3c.len() / 2];
    assert_eq!(formats::detect("article.w3c.jsonld", half), Some(Format::W3c));
    assert_eq!(formats::detect("article.json", half), None, "nothing says which format it was");
    let error = formats::import(Format::Newsmark, cut, None, &mut || "d".into(), common::NOW).unwrap_err();
    assert!(error.0.contains("not valid JSON"), "{error}");
}

#[test]
fn what_is_no_format_is_not_guessed() {
    for (what, bytes) in [
        ("plain text", &b"Lavrov spoke on Tuesday."[..]),
        ("an unrelated JSON object", b"{\"hello\": \"world\"}"),
        ("a list of numbers", b"[1, 2, 3]"),
        ("a mixed list", b"[{\"data\": {\"text\": \"x\"}}, {\"type\": \"Annotation\", \"target\": \"x\"}]"),
        ("bytes that are not UTF-8", b"\xff\xfe{}"),
    ] {
        assert_eq!(formats::detect("upload.json", bytes), None, "{what}");
    }
}
