//! The stored-data loader the app runs on every start: `schema::load` (and
//! `schema::load_document`, what local storage uses) on arbitrary input, UTF-8 or not.
//! A file that loads must hold sound documents, and save and load back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark_core::formats::Format;
use newsmark_core::schema;

fuzz_target!(|data: &[u8]| {
    // Storage hands the loader strings; bytes that are not UTF-8 arrive replaced.
    let json = String::from_utf8_lossy(data);
    let loaded = schema::load(&json);
    match &loaded {
        Ok(docs) => {
            for doc in docs {
                newsmark_fuzz::check_document(doc);
            }
            newsmark_fuzz::check_saved_round_trip(docs);
            // Whatever can be stored can be exported in each format and imported again.
            if !docs.is_empty() {
                for format in [Format::W3c, Format::Brat, Format::Doccano, Format::LabelStudio] {
                    newsmark_fuzz::check_export_import(format, docs);
                }
            }
        }
        Err(e) => assert!(!e.problems.is_empty(), "a refusal with no problem named"),
    }
    match schema::load_document(&json) {
        Ok(doc) => assert!(matches!(&loaded, Ok(docs) if docs.len() == 1 && docs[0] == doc)),
        Err(_) => assert!(!matches!(&loaded, Ok(docs) if docs.len() == 1)),
    }
    // The same bytes imported as a Newsmark file (the Import button): refused if they
    // are not UTF-8, otherwise exactly what the loader gives.
    let imported = newsmark_fuzz::check_import(Format::Newsmark, data, None);
    if let (Ok(imported), Ok(docs), true) = (&imported, &loaded, std::str::from_utf8(data).is_ok()) {
        if !json.starts_with('\u{feff}') {
            assert!(imported.documents == *docs, "import and load disagree");
        }
    }
    if std::str::from_utf8(data).is_err() {
        assert!(imported.is_err(), "bytes that are not UTF-8 were imported");
    }
});
