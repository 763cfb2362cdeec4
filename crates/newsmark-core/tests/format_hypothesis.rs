//! Hypothesis's files as its users have them: a search-API response and the file the
//! Hypothesis client exports, each mostly highlights, page notes, replies and rows
//! tagged with the reader's own words. The files in `fixtures/hypothesis` were written
//! from Hypothesis's documentation of both shapes; their positions count UTF-16 units
//! over an article with emoji and CJK text.

mod common;

use newsmark_core::formats::{self, Format, Imported, LeftOut, TagMapping};
use newsmark_core::{Document, Tag};
use std::collections::BTreeMap;

const ARTICLE: &str = include_str!("fixtures/hypothesis/article.txt");
const SEARCH: &str = include_str!("fixtures/hypothesis/search.json");
const EXPORT: &str = include_str!("fixtures/hypothesis/export.json");

fn import(file: &str, tags: &TagMapping) -> Imported {
    let format = formats::detect("annotations.json", file.as_bytes()).expect("a Hypothesis file is recognised");
    assert_eq!(format, Format::W3c);
    formats::import_mapped(format, file.as_bytes(), Some(ARTICLE), tags, &mut || "new-id".into(), common::NOW)
        .expect("the file is imported")
}

/// The placed spans as (tag, text), in text order.
fn placed(doc: &Document) -> Vec<(Tag, &str)> {
    doc.annotations.iter().map(|a| (a.tag, a.exact.as_str())).collect()
}

/// Whether each span's offsets (code points) hold its text.
fn offsets_hold_their_text(doc: &Document) -> bool {
    doc.annotations.iter().all(|a| newsmark_core::offsets::slice(&doc.text, a.start, a.end) == Some(a.exact.as_str()))
}

fn mapping(pairs: &[(&str, Tag)], untagged: Option<Tag>) -> TagMapping {
    TagMapping { map: pairs.iter().map(|(label, tag)| (label.to_string(), *tag)).collect(), untagged }
}

#[test]
fn a_search_result_imports_the_tagged_rows_and_says_what_it_left_out() {
    let imported = import(SEARCH, &TagMapping::default());
    let [doc] = imported.documents.as_slice() else { panic!("one document") };
    assert_eq!(
        placed(doc),
        [
            (Tag::Actor, "Zoë Hart 👩🏽\u{200d}🔬"),
            (Tag::Claim, "The river is clean again."),
            (Tag::Claim, "she added"),
            (Tag::Quote, "“was never hidden”"),
        ]
    );
    assert!(offsets_hold_their_text(doc));
    assert_eq!(imported.report.exact, 4, "the UTF-16 positions were converted, not re-anchored");
    assert!(imported.report.remarks.iter().any(|r| r.contains("UTF-16")), "{:?}", imported.report.remarks);
    assert_eq!(doc.title, "The river is clean again, says minister");
    assert_eq!(
        doc.annotations.iter().find(|a| a.exact.starts_with("The river")).unwrap().note.as_deref(),
        Some("The minister's main claim.")
    );

    let labels = BTreeMap::from([("follow-up".to_string(), 2), ("to-read".to_string(), 1)]);
    assert_eq!(
        imported.report.left_out,
        LeftOut { untagged: 3, unmapped: 2, page_notes: 1, unplaced: 0, replies: 1, labels }
    );
    assert_eq!(
        imported.report.left_out.sentences(),
        [
            "3 highlights and annotations without any tag were left out.",
            "2 annotations without a claim, quote or actor tag were left out; their tags: \"follow-up\" (2), \"to-read\" (1).",
            "1 page note was left out: it is about the whole page, not a passage.",
            "1 reply was skipped: replies are conversation, not passages of the text.",
        ]
    );
    assert_eq!(imported.report.left_out.for_want_of_a_tag(), 5);
}

#[test]
fn the_hypothesis_client_export_is_read_like_a_search_result() {
    let from_export = import(EXPORT, &TagMapping::default());
    let from_search = import(SEARCH, &TagMapping::default());
    assert_eq!(placed(&from_export.documents[0]), placed(&from_search.documents[0]));
    assert_eq!(from_export.report.left_out, from_search.report.left_out);
}

#[test]
fn mapped_tags_and_untagged_highlights_are_placed_as_the_person_chose() {
    let tags = mapping(&[("follow-up", Tag::Claim)], Some(Tag::Quote));
    for file in [SEARCH, EXPORT] {
        let imported = import(file, &tags);
        let doc = &imported.documents[0];
        assert_eq!(
            placed(doc),
            [
                (Tag::Actor, "Zoë Hart 👩🏽\u{200d}🔬"),
                (Tag::Quote, "on Monday"),
                (Tag::Claim, "The river is clean again."),
                (Tag::Claim, "Critics from 外交部 disagree"),
                (Tag::Quote, "The report"),
                (Tag::Claim, "she added"),
                (Tag::Quote, "“was never hidden”"),
                (Tag::Quote, "🌊"),
                (Tag::Claim, "ask the agency for the data"),
            ]
        );
        assert!(offsets_hold_their_text(doc));
        assert_eq!(imported.report.exact, 9);
        assert_eq!(
            imported.report.left_out.sentences(),
            [
                "1 page note was left out: it is about the whole page, not a passage.",
                "1 reply was skipped: replies are conversation, not passages of the text.",
            ]
        );
    }
}

#[test]
fn a_label_can_be_mapped_onto_another_tag_than_its_own_name() {
    // The person's choice wins over the label's own name, and labels are matched as spelled.
    let tags = mapping(&[("CLAIM", Tag::Actor), ("to-read", Tag::Quote)], None);
    let imported = import(SEARCH, &tags);
    let doc = &imported.documents[0];
    let tag_of = |exact: &str| doc.annotations.iter().find(|a| a.exact == exact).map(|a| a.tag);
    assert_eq!(tag_of("she added"), Some(Tag::Actor));
    assert_eq!(tag_of("The river is clean again."), Some(Tag::Claim));
    // Tagged follow-up and to-read: the first label that is read gives the tag.
    assert_eq!(tag_of("ask the agency for the data"), Some(Tag::Quote));
    assert_eq!(imported.report.left_out.labels, BTreeMap::from([("follow-up".to_string(), 1)]));
}

#[test]
fn a_file_of_highlights_only_makes_no_document_and_says_why() {
    let highlights = serde_json::json!({"total": 2, "rows": [
        {"id": "h1", "text": "", "tags": [], "uri": "https://news.example/river-clean",
         "target": [{"source": "https://news.example/river-clean",
                     "selector": [{"type": "TextQuoteSelector", "exact": "on Monday"}]}]},
        {"id": "h2", "text": "", "tags": ["follow-up"], "uri": "https://news.example/river-clean",
         "target": [{"source": "https://news.example/river-clean",
                     "selector": [{"type": "RangeSelector", "startContainer": "/p[1]", "startOffset": 0,
                                   "endContainer": "/p[1]", "endOffset": 3}]}]}
    ]})
    .to_string();
    for article in [Some(ARTICLE), None] {
        let imported =
            formats::import(Format::W3c, highlights.as_bytes(), article, &mut || "new-id".into(), common::NOW).unwrap();
        assert!(imported.documents.is_empty());
        assert_eq!(
            imported.report.left_out.sentences(),
            [
                "1 highlight or annotation without any tag was left out.",
                "1 annotation was left out: it does not say where it is in the text (no TextQuoteSelector or TextPositionSelector).",
            ]
        );
    }
}
