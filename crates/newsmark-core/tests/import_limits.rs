//! The limits hold on every way in: each importer and saved Newsmark JSON refuse a
//! document with more annotations than Newsmark takes, and say so in words.

mod common;

use newsmark_core::formats::{self, zip, Format};
use newsmark_core::limits::MAX_ANNOTATIONS;
use newsmark_core::{schema, Annotation, Document, Tag};

const TOO_MANY: &str = "the document has more than 50,000 annotations; Newsmark takes up to 50,000 a document";

fn import(format: Format, bytes: &[u8]) -> Result<formats::Imported, String> {
    formats::import(format, bytes, None, &mut || "d".into(), common::NOW).map_err(|e| e.0)
}

/// An article of `n` letters, and an `.ann` file tagging each letter as an actor: the
/// smallest a span can be written, as in the file that once took 2 GB to convert.
fn one_letter_spans(n: usize) -> (String, String) {
    let text = "x".repeat(n);
    let ann: String = (0..n).map(|i| format!("T{}\tActor {i} {}\tx\n", i + 1, i + 1)).collect();
    (text, ann)
}

#[test]
fn a_brat_zip_of_one_letter_spans_past_the_cap_is_refused_at_the_first_one_over() {
    let (text, ann) = one_letter_spans(MAX_ANNOTATIONS + 1);
    let files = [("many.txt".to_owned(), text.into_bytes()), ("many.ann".to_owned(), ann.into_bytes())];
    let err = import(Format::Brat, &zip::write(&files).unwrap()).unwrap_err();
    assert_eq!(err, format!("many.ann, line 50001: {TOO_MANY}"));
}

#[test]
fn a_brat_zip_at_the_cap_is_imported_whole() {
    let (text, ann) = one_letter_spans(MAX_ANNOTATIONS);
    let files = [("many.txt".to_owned(), text.into_bytes()), ("many.ann".to_owned(), ann.into_bytes())];
    let imported = import(Format::Brat, &zip::write(&files).unwrap()).unwrap();
    assert_eq!(imported.documents[0].annotations.len(), MAX_ANNOTATIONS);
}

#[test]
fn doccano_label_studio_and_w3c_files_past_the_cap_are_refused() {
    let n = MAX_ANNOTATIONS + 1;
    let text = "x".repeat(n);
    let entities: Vec<String> =
        (0..n).map(|i| format!(r#"{{"id":{i},"label":"actor","start_offset":{i},"end_offset":{}}}"#, i + 1)).collect();
    let doccano = format!(r#"{{"text":"{text}","entities":[{}]}}"#, entities.join(","));
    assert_eq!(import(Format::Doccano, doccano.as_bytes()).unwrap_err(), format!("line 1: {TOO_MANY}"));

    let results: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":"r{i}","type":"labels","value":{{"start":{i},"end":{},"text":"x","labels":["Actor"]}}}}"#,
                i + 1
            )
        })
        .collect();
    let label_studio =
        format!(r#"[{{"data":{{"text":"{text}"}},"annotations":[{{"result":[{}]}}]}}]"#, results.join(","));
    assert_eq!(import(Format::LabelStudio, label_studio.as_bytes()).unwrap_err(), format!("task 1: {TOO_MANY}"));

    let items: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"type":"Annotation","body":{{"purpose":"tagging","value":"actor"}},"target":{{"selector":{{"type":"TextPositionSelector","start":{i},"end":{}}}}}}}"#,
                i + 1
            )
        })
        .collect();
    let w3c = format!(r#"{{"type":"AnnotationPage","items":[{}]}}"#, items.join(","));
    assert_eq!(import(Format::W3c, w3c.as_bytes()).unwrap_err(), TOO_MANY);
}

#[test]
fn a_saved_file_past_the_cap_is_refused_before_its_annotations_are_read() {
    let doc = Document::new("d1", "Many", "x", common::NOW);
    let one = schema::document_to_compact_json(&Document {
        annotations: vec![Annotation {
            id: "a".into(),
            tag: Tag::Actor,
            start: 0,
            end: 1,
            exact: "x".into(),
            prefix: String::new(),
            suffix: String::new(),
            note: None,
            details: Default::default(),
            created: common::NOW,
            updated: common::NOW,
        }],
        ..doc
    });
    // The same annotation 50,001 times: counting comes first, so the repeated ids are never reached.
    let (head, tail) = one.split_once("\"annotations\":[").unwrap();
    let (annotation, rest) = tail.split_once(']').unwrap();
    let many = vec![annotation; MAX_ANNOTATIONS + 1].join(",");
    let json = format!("{head}\"annotations\":[{many}]{rest}");
    assert_eq!(schema::load(&json).unwrap_err().to_string(), TOO_MANY);
}
