//! spaCy JSONL: one line per document, `{"text": …, "spans": [{"start", "end", "label"}]}`.
//!
//! Offsets count code points, as Python strings do, so `doc.char_span(start, end)` in
//! spaCy finds exactly the span (if the tokenizer has a token boundary there). Labels
//! are `claim`, `quote` and `actor`. There is no place for notes or attributions.

use super::orphans_left_out;
use super::{count_notes, count_relations, plural, Exported};
use crate::model::Document;
use serde::Serialize;

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    spans: Vec<Span>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
    label: &'static str,
}

/// One JSON line per document, its spans in text order.
pub fn export(docs: &[Document]) -> Exported {
    let mut out = String::new();
    for doc in docs {
        let spans =
            doc.annotations.iter().map(|a| Span { start: a.start, end: a.end, label: a.tag.as_str() }).collect();
        out.push_str(&serde_json::to_string(&Line { text: &doc.text, spans }).expect("plain data serializes"));
        out.push('\n');
    }
    let mut left_out = Vec::new();
    let notes = count_notes(docs);
    if notes > 0 {
        left_out.push(format!(
            "{} not included: spaCy JSONL has no place for them.",
            plural(notes, "note is", "notes are")
        ));
    }
    let relations = count_relations(docs);
    if relations > 0 {
        left_out.push(format!(
            "{} (which actor said a quote or made a claim) {} not included: spaCy JSONL has no links between spans.",
            plural(relations, "attribution", "attributions"),
            if relations == 1 { "is" } else { "are" }
        ));
    }
    left_out.extend(orphans_left_out(docs));
    Exported { bytes: out.into_bytes(), left_out }
}
