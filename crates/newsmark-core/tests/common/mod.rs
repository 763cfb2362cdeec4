//! Shared fixtures for the format tests: an article that exercises every offset trap,
//! and golden-file comparison.
#![allow(dead_code)]

use newsmark_core::{Action, Document, Tag, Timestamp, Workspace};
use std::path::PathBuf;

pub const NOW: Timestamp = Timestamp(1_795_622_047_000);

/// The article: emoji with ZWJ sequences and skin tones, combining marks, Arabic,
/// CJK, `\r\n` line ends, and quotes, commas and a line break inside a note.
pub const TEXT: &str = "Zoe\u{308} Hart, the \u{1F469}\u{1F3FD}\u{200D}\u{1F52C} lab director, said \u{201c}we found 3 leaks\u{201d}.\r\n\r\n\
قال وزير الخارجية إن المحادثات كانت مثمرة.\r\n\r\n\
The \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} family from 外交部 waved \u{1F44B}\u{1F3FF} and left.";

/// Tagged spans of [`TEXT`]: (id, tag, exact text, note).
pub const SPANS: [(&str, Tag, &str, Option<&str>); 6] = [
    ("a1", Tag::Actor, "Zoe\u{308} Hart", Some("Lab director; \"named\" source, on record")),
    ("a2", Tag::Quote, "\u{201c}we found 3 leaks\u{201d}", None),
    ("a3", Tag::Claim, "we found 3 leaks", Some("Check the inspection report.\nPage 4.")),
    ("a4", Tag::Actor, "وزير الخارجية", None),
    ("a5", Tag::Claim, "إن المحادثات كانت مثمرة", None),
    ("a6", Tag::Actor, "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} family from 外交部", None),
];

/// The fixture document "unicode-check" with the spans above and two attributions
/// (the quote to Zoë Hart, the Arabic claim to the minister).
pub fn document() -> Document {
    let mut ws = Workspace::default();
    let mut doc = Document::new("unicode-check", "Unicode check: “leaks”, وزير, 外交部", TEXT, NOW);
    doc.source_url = Some("https://news.example/unicode-check".into());
    doc.byline = Some("By Newsmark tests".into());
    ws.apply(Action::AddDocument(doc), NOW).unwrap();
    for (id, tag, exact, note) in SPANS {
        let byte = TEXT.find(exact).unwrap();
        let start = TEXT[..byte].chars().count();
        let end = start + exact.chars().count();
        ws.apply(Action::AddAnnotation { doc: "unicode-check".into(), id: id.into(), tag, start, end }, NOW).unwrap();
        if let Some(note) = note {
            ws.apply(Action::EditNote { doc: "unicode-check".into(), annotation: id.into(), note: note.into() }, NOW)
                .unwrap();
        }
    }
    for (id, from, to) in [("r1", "a2", "a1"), ("r2", "a5", "a4")] {
        ws.apply(
            Action::Attribute { doc: "unicode-check".into(), id: id.into(), from: from.into(), to: to.into() },
            NOW,
        )
        .unwrap();
    }
    (*ws.documents()[0]).clone()
}

/// Compares `bytes` with the golden file `tests/golden/NAME`; with `UPDATE_GOLDEN=1`
/// in the environment, writes it instead.
pub fn golden(name: &str, bytes: &[u8]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    let want = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("no golden file {}: create it with UPDATE_GOLDEN=1", path.display()));
    if want != bytes {
        let shown = String::from_utf8_lossy(bytes);
        panic!("{name} differs from its golden file {}; rerun with UPDATE_GOLDEN=1 if the change is intended.\n--- got:\n{shown}", path.display());
    }
}

/// The spans of a document as (tag, exact, start, end), for round-trip comparisons.
pub fn spans(doc: &Document) -> Vec<(Tag, String, usize, usize)> {
    doc.annotations.iter().map(|a| (a.tag, a.exact.clone(), a.start, a.end)).collect()
}
