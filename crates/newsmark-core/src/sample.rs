//! The sample article that ships with Newsmark, written by the Newsmark team for the app.
//!
//! It is a short, invented local news story with clear claims, quotes and actors, so a
//! first-time visitor has something to annotate at once. A few annotations come with it
//! to show what tagged text looks like.

use crate::model::{Document, Tag};
use crate::time::Timestamp;
use crate::workspace::{Action, Workspace};

pub const SAMPLE_ID: &str = "sample-harbour-ferry";
pub const SAMPLE_TITLE: &str = "Council votes to end night ferry despite protest from shift workers";
pub const SAMPLE_BYLINE: &str = "By Maren Ostby, city desk (a sample article written for Newsmark)";

pub const SAMPLE_TEXT: &str = "\
The city council voted 7 to 4 on Tuesday to stop the night ferry between Eastquay and the harbour islands from March, ending a service that has run since 1998.

Councillor Petra Lindqvist, who chairs the transport committee, said the decision was \u{201c}painful but unavoidable.\u{201d} According to figures presented to the council, each night crossing now costs the city about \u{20ac}410 and carries an average of nine passengers.

\u{201c}We cannot keep spending money on empty boats while the daytime routes need new engines,\u{201d} Lindqvist told reporters after the vote. She said the savings, estimated at \u{20ac}1.2 million a year, would pay for two electric vessels by 2028.

Workers at the island fish-processing plant disagree. Jonas Haddad, a shift supervisor who has taken the 1:15 a.m. boat home for eleven years, said the council had counted the wrong nights. \u{201c}In winter the boat is full. They measured in July, when half of us are on holiday,\u{201d} he said.

The ferry operators\u{2019} union called the decision a betrayal of working families and said it would ask the regional court to review it. A spokesperson for the plant\u{2019}s owner, Nordhavn Seafood, said the company was \u{201c}studying options\u{201d} for a shuttle bus, but would not say whether it would pay for one.

An official at the transport department, who asked not to be named because the budget is still under discussion, said a late bus across the new bridge had been considered and rejected as too slow. Night buses in comparable cities run at a loss of roughly a third of their cost, the official said.

The last night ferry is scheduled to leave Eastquay at 1:15 a.m. on 28 February.";

/// The sample article, with a few example annotations, created at `now`.
pub fn sample_document(now: Timestamp) -> Document {
    let mut ws = Workspace::default();
    let doc =
        Document { byline: Some(SAMPLE_BYLINE.to_owned()), ..Document::new(SAMPLE_ID, SAMPLE_TITLE, SAMPLE_TEXT, now) };
    ws.apply(Action::AddDocument(doc), now).expect("a fresh workspace takes any document");
    let examples = [
        (Tag::Actor, "Councillor Petra Lindqvist", None),
        (
            Tag::Claim,
            "each night crossing now costs the city about \u{20ac}410 and carries an average of nine passengers",
            Some("Checkable: ask the council for the passenger counts by month."),
        ),
        (
            Tag::Quote,
            "\u{201c}We cannot keep spending money on empty boats while the daytime routes need new engines,\u{201d}",
            None,
        ),
        (Tag::Actor, "Jonas Haddad", None),
        (
            Tag::Quote,
            "\u{201c}In winter the boat is full. They measured in July, when half of us are on holiday,\u{201d}",
            None,
        ),
    ];
    for (i, (tag, exact, note)) in examples.into_iter().enumerate() {
        let byte = SAMPLE_TEXT.find(exact).expect("every example is in the sample text");
        let start = SAMPLE_TEXT[..byte].chars().count();
        let end = start + exact.chars().count();
        let id = format!("sample-{i}");
        ws.apply(Action::AddAnnotation { doc: SAMPLE_ID.into(), id: id.clone(), tag, start, end }, now)
            .expect("the example spans fit the sample text");
        if let Some(note) = note {
            ws.apply(Action::EditNote { doc: SAMPLE_ID.into(), annotation: id, note: note.into() }, now)
                .expect("the example exists");
        }
    }
    (*ws.documents()[0]).clone()
}

/// Whether `doc` is the sample article exactly as it came (under any id): a library
/// holding nothing else has no work of the person's to lose.
pub fn is_untouched(doc: &Document) -> bool {
    doc.title == SAMPLE_TITLE
        && *doc.text == *SAMPLE_TEXT
        && *doc == Document { id: doc.id.clone(), ..sample_document(doc.created) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;

    #[test]
    fn the_sample_is_untouched_until_the_person_changes_it() {
        let doc = sample_document(Timestamp(5));
        assert!(is_untouched(&doc));
        assert!(is_untouched(&Document { id: "d-loaded-again".into(), ..doc.clone() }));
        let mut ws = Workspace::with_documents(vec![doc]);
        let rename = Action::RenameDocument { doc: SAMPLE_ID.into(), title: "Ferry".into() };
        ws.apply(rename, Timestamp(9)).unwrap();
        assert!(!is_untouched(ws.document(SAMPLE_ID).unwrap()));
        assert!(!is_untouched(&Document::new("d", SAMPLE_TITLE, SAMPLE_TEXT, Timestamp(5))));
    }

    #[test]
    fn the_sample_saves_and_loads_cleanly() {
        let doc = sample_document(Timestamp(0));
        assert_eq!(doc.counts(), [1, 2, 2]);
        let json = schema::document_to_json(&doc);
        assert_eq!(schema::load_document(&json).unwrap(), doc);
    }
}
