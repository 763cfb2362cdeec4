//! Capturing a web page (`capture::extract` and `capture::whole_text`) from arbitrary
//! bytes (invalid UTF-8 is replaced). Neither may panic, hang or overflow the stack; what
//! they give is text as a reader sees it: every paragraph is non-empty, has no white space
//! at either end and no blank line inside, and the title, byline and date are one line each.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark_core::capture::{self, Capture};

fn check(capture: &Capture) {
    assert!(!capture.paragraphs.is_empty());
    for paragraph in &capture.paragraphs {
        assert!(!paragraph.is_empty() && paragraph.trim() == paragraph, "{paragraph:?}");
        assert!(!paragraph.contains("\n\n"), "{paragraph:?}");
    }
    for line in [Some(&capture.title), capture.byline.as_ref(), capture.published.as_ref(), capture.site_name.as_ref()]
        .into_iter()
        .flatten()
    {
        assert!(!line.contains('\n') && line.trim() == line, "{line:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    if let Ok(capture) = capture::extract(&html, Some("https://news.example/story")) {
        check(&capture);
    }
    if let Ok(capture) = capture::whole_text(&html, None) {
        check(&capture);
    }
});
