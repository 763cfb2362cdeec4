//! What the fuzz targets share: how an importer target's input is framed, and the
//! invariants every import and every loaded file must keep.
//!
//! A target does not stop at "no panic". For every document that an import or a load
//! produces it checks that each annotation's span lies inside the text (code points,
//! `start < end <= length`) with `exact` equal to the text there, that ids are unique and
//! relations point at annotations of the document, and that the saved form (Newsmark
//! JSON) loads back equal. An import is also exported again in its own format and
//! imported once more: that must succeed and give the same spans.

use newsmark_core::exercise::AnswerKey;
use newsmark_core::formats::{self, Format, ImportError, Imported};
use newsmark_core::{offsets, schema, Annotation, Document, Reading, Tag, Timestamp};
use std::collections::HashSet;

/// The time imports are stamped with.
pub const NOW: Timestamp = Timestamp(1_795_622_047_000);

/// The file names a framed input may carry (bits 1–2 of its flags byte), for `detect`.
pub const NAMES: [&str; 4] = ["article.json", "article.ann", "article.jsonl", "article.zip"];

/// An importer target's input, unframed.
#[derive(Debug)]
pub struct Input<'a> {
    /// The article supplied by the caller (the open article, or `--text`).
    pub text: Option<String>,
    /// The file's name, for `formats::detect`.
    pub name: &'static str,
    /// The file's bytes.
    pub file: &'a [u8],
}

/// Unframes an importer target's input:
///
/// ```text
/// flags: u8            bit 0: an article text follows; bits 1–2: index into NAMES
/// [len: u16 LE, text]  only with bit 0: `len` bytes of article text (invalid UTF-8 is replaced)
/// file                 the rest: the file to import
/// ```
///
/// `seeds/README.md` says how the seeds were framed.
pub fn unframe(data: &[u8]) -> Input<'_> {
    let Some((&flags, rest)) = data.split_first() else {
        return Input { text: None, name: NAMES[0], file: data };
    };
    let name = NAMES[usize::from((flags >> 1) & 3)];
    if flags & 1 == 0 {
        return Input { text: None, name, file: rest };
    }
    let len = match rest {
        [a, b, ..] => usize::from(u16::from_le_bytes([*a, *b])),
        _ => 0,
    };
    let rest = rest.get(2..).unwrap_or_default();
    let (text, file) = rest.split_at(len.min(rest.len()));
    Input { text: Some(String::from_utf8_lossy(text).into_owned()), name, file }
}

/// Frames a file (and an optional article) as [`unframe`] reads it.
pub fn frame(name_index: u8, text: Option<&[u8]>, file: &[u8]) -> Vec<u8> {
    let mut out = vec![(name_index & 3) << 1 | u8::from(text.is_some())];
    if let Some(text) = text {
        let len = u16::try_from(text.len()).expect("a seed's article is under 64 KiB");
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(text);
    }
    out.extend_from_slice(file);
    out
}

/// Checks what a document promises everywhere else in Newsmark, and for a student's copy
/// of an exercise, what its answer key promises.
pub fn check_document(doc: &Document) {
    assert!(!doc.id.trim().is_empty(), "a document without an id");
    check_reading(&doc.text, doc.reading(), &doc.orphans);
    if let Some(assignment) = &doc.assignment {
        if let Some(key) = assignment.key.open() {
            check_key(&doc.text, key);
        }
        if let Some(work) = assignment.checked.as_ref().and_then(|c| c.work.as_ref()) {
            check_reading(&doc.text, work.reading(), &[]);
        }
    }
}

/// Checks an answer key against the text it is anchored to (a student's copy's, or an
/// exercise's article).
pub fn check_key(text: &str, key: &AnswerKey) {
    check_reading(text, key.reading(), &[]);
}

/// Each annotation's span lies inside `text` with `exact` equal to the text there, in text
/// order; ids are unique (orphans included); relations link a quote or claim to an actor.
fn check_reading(text: &str, reading: Reading, orphans: &[Annotation]) {
    let len = offsets::cp_len(text);
    let mut ids = HashSet::new();
    for a in reading.annotations {
        assert!(
            a.start < a.end && a.end <= len,
            "annotation {:?} spans {}–{} of a text of {len}",
            a.id,
            a.start,
            a.end
        );
        assert_eq!(
            offsets::slice(text, a.start, a.end),
            Some(a.exact.as_str()),
            "annotation {:?}: `exact` is not the text at {}–{}",
            a.id,
            a.start,
            a.end
        );
        assert!(!a.id.trim().is_empty(), "an annotation without an id");
        assert!(ids.insert(a.id.as_str()), "two annotations have the id {:?}", a.id);
    }
    for w in reading.annotations.windows(2) {
        assert!(w[0].text_order(&w[1]).is_le(), "annotations out of text order: {:?} before {:?}", w[0].id, w[1].id);
    }
    for o in orphans {
        assert!(!o.id.trim().is_empty(), "an orphan without an id");
        assert!(ids.insert(o.id.as_str()), "two annotations (one an orphan) have the id {:?}", o.id);
    }
    let tag_of = |id: &str| reading.annotations.iter().chain(orphans).find(|a| a.id == id).map(|a| a.tag);
    for r in reading.relations {
        assert!(
            matches!(tag_of(&r.from), Some(Tag::Quote | Tag::Claim)) && tag_of(&r.to) == Some(Tag::Actor),
            "relation {:?} does not link a quote or claim to an actor",
            r.id
        );
    }
}

/// Saves `docs` as Newsmark JSON (what the app stores and exports) and loads them back:
/// they must load, and be equal.
pub fn check_saved_round_trip(docs: &[Document]) {
    let bytes = formats::export(Format::Newsmark, docs).expect("Newsmark JSON holds any documents").bytes;
    let json = std::str::from_utf8(&bytes).expect("Newsmark JSON is UTF-8");
    let back = schema::load(json).unwrap_or_else(|e| panic!("the saved documents do not load back: {e}\n{json}"));
    assert!(back == docs, "the saved documents load back different:\n{json}");
    if let [doc] = docs {
        let again = schema::load_document(&schema::document_to_json(doc)).expect("one document loads as one");
        assert!(again == *doc, "a saved document loads back different");
    }
}

/// A counter of fresh document ids, as the app's `new_id` gives.
pub fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("d{n}")
    }
}

/// Imports `file` as `format` (with the article `text` if given) and checks the result.
pub fn check_import(format: Format, file: &[u8], text: Option<&str>) -> Result<Imported, ImportError> {
    let result = formats::import(format, file, text, &mut ids(), NOW);
    match &result {
        Err(e) => assert!(!e.0.trim().is_empty(), "an import refused with no reason"),
        Ok(imported) => {
            assert_eq!(imported.format, format);
            if format != Format::Newsmark {
                // Only a file whose every annotation was left out (and said so) gives none.
                assert!(
                    !imported.documents.is_empty() || !imported.report.left_out.is_empty(),
                    "an import gave no documents and did not say why"
                );
            }
            for doc in &imported.documents {
                check_document(doc);
            }
            let placed: usize = imported.documents.iter().map(|d| d.annotations.len() + d.orphans.len()).sum();
            let r = &imported.report;
            assert_eq!(r.exact + r.reanchored + r.orphaned, placed, "the import report does not add up");
            check_saved_round_trip(&imported.documents);
            // A file whose every annotation was left out gives no documents, and there
            // is nothing to export.
            if format != Format::Newsmark && !imported.documents.is_empty() {
                check_export_import(format, &imported.documents);
            }
        }
    }
    result
}

/// A document's placed spans as (tag, start, end, exact), sorted.
pub fn spans(doc: &Document) -> Vec<(Tag, usize, usize, String)> {
    let mut out: Vec<_> = doc.annotations.iter().map(|a| (a.tag, a.start, a.end, a.exact.clone())).collect();
    out.sort();
    out
}

/// What a span becomes in brat, which cannot mark line breaks: the span without the
/// line breaks at its ends, or nothing if it holds only line breaks.
fn brat_span(text: &str, (tag, start, end, exact): (Tag, usize, usize, String)) -> Option<(Tag, usize, usize, String)> {
    let is_break = |c: char| c == '\r' || c == '\n';
    let lead = exact.chars().take_while(|&c| is_break(c)).count();
    let trail = exact.chars().rev().take_while(|&c| is_break(c)).count();
    let (s, e) = (start + lead, end.checked_sub(trail)?);
    (s < e).then(|| (tag, s, e, offsets::slice(text, s, e).expect("inside the span").to_owned()))
}

/// Exports imported documents in `format` and imports them again: the file Newsmark
/// writes must be one it reads, with every span where it was.
pub fn check_export_import(format: Format, docs: &[Document]) {
    let exported = formats::export(format, docs).expect("what Newsmark imports, it can export");
    let again = formats::import(format, &exported.bytes, None, &mut ids(), NOW).unwrap_or_else(|e| {
        panic!("Newsmark refuses its own {} export: {e}\n{}", format.name(), String::from_utf8_lossy(&exported.bytes))
    });
    assert_eq!(again.documents.len(), docs.len(), "the {} export has a different number of documents", format.name());
    for (before, after) in docs.iter().zip(&again.documents) {
        check_document(after);
        assert_eq!(*before.text, *after.text, "the article changed in the {} export", format.name());
        let want: Vec<_> = if format == Format::Brat {
            let mut v: Vec<_> = spans(before).into_iter().filter_map(|s| brat_span(&before.text, s)).collect();
            v.sort();
            v
        } else {
            spans(before)
        };
        assert_eq!(spans(after), want, "the spans moved in the {} export", format.name());
        assert!(after.orphans.is_empty(), "the {} export re-imports with orphans", format.name());
        if format != Format::Brat {
            // Attributions between placed spans, once each (a loaded file may repeat one).
            let linked = |d: &Document| {
                let placed = |id: &str| d.annotation(id).map(|a| (a.tag, a.start, a.end, a.exact.clone()));
                let pairs: HashSet<_> =
                    d.relations.iter().filter_map(|r| Some((placed(&r.from)?, placed(&r.to)?))).collect();
                pairs.len()
            };
            assert_eq!(linked(after), linked(before), "attributions were lost in the {} export", format.name());
        }
    }
}
