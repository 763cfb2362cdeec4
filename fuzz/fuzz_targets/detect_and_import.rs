//! What the app does with a dropped file: `formats::detect` from its name and bytes,
//! then `formats::import` in the detected format, with or without the open article.
//! Input framing (file name, optional article): see `newsmark_fuzz::unframe`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark_core::formats::{self, Format};

fuzz_target!(|data: &[u8]| {
    let input = newsmark_fuzz::unframe(data);
    let Some(format) = formats::detect(input.name, input.file) else { return };
    let result = newsmark_fuzz::check_import(format, input.file, input.text.as_deref());
    if !format.importable() {
        assert!(result.is_err(), "{} is export-only but an import succeeded", format.name());
    }
    if format == Format::Newsmark {
        // A detected Newsmark file imports exactly as the loader reads it.
        let loaded =
            std::str::from_utf8(input.file).ok().map(|s| newsmark_core::schema::load(s.trim_start_matches('\u{feff}')));
        if let (Ok(imported), Some(Ok(docs))) = (&result, loaded) {
            assert!(imported.documents == docs, "import and load disagree");
        }
    }
});
