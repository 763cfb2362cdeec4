//! Newsmark JSON as an exchange format: golden file, round trip, and format detection.

mod common;

use newsmark_core::formats::{self, Format};

#[test]
fn golden_newsmark_json() {
    let exported = formats::export(Format::Newsmark, &[common::document()]).unwrap();
    assert!(exported.left_out.is_empty());
    common::golden("unicode-check.newsmark.json", &exported.bytes);
}

#[test]
fn newsmark_json_round_trips_losslessly() {
    let doc = common::document();
    let exported = formats::export(Format::Newsmark, std::slice::from_ref(&doc)).unwrap();
    let imported = formats::import(Format::Newsmark, &exported.bytes, None, &mut || "x".into(), common::NOW).unwrap();
    assert_eq!(imported.documents, vec![doc]);
    assert_eq!(imported.report.exact, 6);
}

#[test]
fn every_export_is_detected_as_its_own_format() {
    let docs = [common::document()];
    for format in Format::ALL.into_iter().filter(|f| f.importable()) {
        let exported = formats::export(format, &docs).unwrap();
        let name = format!("unicode-check.{}", format.extension());
        assert_eq!(formats::detect(&name, &exported.bytes), Some(format), "{name}");
    }
}

#[test]
fn exports_are_deterministic() {
    for format in Format::ALL {
        let a = formats::export(format, &[common::document()]).unwrap();
        let b = formats::export(format, &[common::document()]).unwrap();
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_with_its_size() {
    let big = vec![b' '; formats::MAX_IMPORT_BYTES + 1];
    let err = formats::import(Format::Newsmark, &big, None, &mut || "x".into(), common::NOW).unwrap_err();
    // Not "50.0 MB; … up to 50 MB": the figures shown differ.
    assert_eq!(err.0, "the file is 50 MB (52,428,801 bytes); Newsmark reads files of up to 50 MB (52,428,800 bytes)");
}

#[test]
fn an_article_over_the_length_limit_is_refused_by_name() {
    let long = "word ".repeat(newsmark_core::limits::MAX_ARTICLE_CHARS / 5 + 1);
    let doc = newsmark_core::Document::new("d1", "A very long report", long, common::NOW);
    let file = newsmark_core::schema::document_to_json(&doc);
    let err = formats::import(Format::Newsmark, file.as_bytes(), None, &mut || "x".into(), common::NOW).unwrap_err();
    assert_eq!(
        err.0,
        "text: the article has 1,000,005 characters; Newsmark takes articles of up to 1,000,000 characters (about 166,666 words)"
    );
}

#[test]
fn a_saved_file_dated_the_31st_of_february_is_refused_naming_the_date() {
    let json = String::from_utf8(formats::export(Format::Newsmark, &[common::document()]).unwrap().bytes).unwrap();
    let created = common::NOW.to_string();
    assert!(json.contains(&created));
    let damaged = json.replacen(&created, "2026-02-31T09:30:00.000Z", 1);
    let error = newsmark_core::schema::load(&damaged).unwrap_err().to_string();
    assert!(
        error.contains("`2026-02-31T09:30:00.000Z` is not a real time: February 2026 has 28 days, not 31"),
        "{error}"
    );
}

#[test]
fn a_newsmark_file_whose_span_cuts_a_zwj_emoji_is_imported_widened_and_said_so() {
    // a6 is "👨‍👩‍👧 family from 外交部"; a hand-edited file starts it after the man and his joiner.
    let doc = common::document();
    let mut json: serde_json::Value = serde_json::from_str(&newsmark_core::schema::document_to_json(&doc)).unwrap();
    let a6 = json["annotations"].as_array_mut().unwrap().iter_mut().find(|a| a["id"] == "a6").unwrap();
    let start = a6["start"].as_u64().unwrap();
    a6["start"] = (start + 2).into();
    a6["exact"] = a6["exact"].as_str().unwrap().chars().skip(2).collect::<String>().into();
    let imported =
        formats::import(Format::Newsmark, json.to_string().as_bytes(), None, &mut || "x".into(), common::NOW).unwrap();
    assert_eq!(imported.documents, vec![doc], "widened back to the whole family");
    assert_eq!(
        imported.report.summary(),
        "6 annotations: 6 placed exactly, 0 re-anchored, 0 orphaned; 1 widened to whole characters."
    );
    assert!(imported.report.remarks.iter().any(|r| r.contains("whole character")), "{:?}", imported.report.remarks);
}
