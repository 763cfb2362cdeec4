//! spaCy JSONL: the golden export of the Unicode fixture, with code-point offsets.

mod common;

use newsmark_core::formats::{self, spacy, Format};
use serde_json::Value;

#[test]
fn the_unicode_fixture_exports_as_in_the_golden_file() {
    let exported = spacy::export(&[common::document()]);
    common::golden("unicode-check.spacy.jsonl", &exported.bytes);
    assert_eq!(
        exported.left_out,
        [
            "2 notes are not included: spaCy JSONL has no place for them.",
            "2 attributions (which actor said a quote or made a claim) are not included: spaCy JSONL has no links \
             between spans."
        ]
    );
    assert_eq!(spacy::export(&[common::document()]), exported, "the same document gives the same bytes");
}

#[test]
fn the_offsets_find_each_span_as_python_would() {
    let exported = spacy::export(&[common::document()]);
    let text = String::from_utf8(exported.bytes).unwrap();
    assert!(text.ends_with('\n'));
    let line: Value = serde_json::from_str(text.trim_end()).unwrap();
    assert_eq!(line["text"], common::TEXT);
    // Python's text[start:end] counts code points, as does Rust's chars().
    let chars: Vec<char> = common::TEXT.chars().collect();
    let got: Vec<(String, String)> = line["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
            (s["label"].as_str().unwrap().to_owned(), chars[start..end].iter().collect())
        })
        .collect();
    let want: Vec<(String, String)> =
        common::SPANS.iter().map(|(_, tag, exact, _)| (tag.as_str().to_owned(), exact.to_string())).collect();
    assert_eq!(got, want);
    let family = &line["spans"][5];
    assert_eq!(
        family["end"].as_u64().unwrap() - family["start"].as_u64().unwrap(),
        5 + 16,
        "the family emoji is 5 code points"
    );
}

#[test]
fn nothing_is_left_out_of_a_document_without_notes_or_links() {
    let mut doc = common::document();
    doc.relations.clear();
    for a in &mut doc.annotations {
        a.note = None;
    }
    assert_eq!(spacy::export(&[doc]).left_out, Vec::<String>::new());
}

#[test]
fn spacy_files_are_not_imported() {
    let exported = spacy::export(&[common::document()]);
    let err = formats::import(Format::Spacy, &exported.bytes, None, &mut || "x".into(), common::NOW).unwrap_err();
    assert!(err.0.contains("does not import"), "{err}");
}
