//! What the page asks the background worker and what it answers: the rarely used core work
//! (exchange formats, the HTML report, suggestions, reading a captured web page and carrying
//! an earlier capture's annotations over onto it, the sample exercise, naming the field that
//! is wrong in a damaged record of the library), kept out of the wasm a first visit loads.
//!
//! A message is a [`Message`]: a small head (a [`Request`] or an [`Answer`], as JSON), and
//! the large parts beside it, a text and bytes, which cross to the worker without being
//! written into JSON. Documents cross in the saved format (`schema::document_to_compact_json`
//! and `schema::load`), so the worker checks them as a file is checked and the app reads
//! them back with the loader it already has. [`answer`] is the worker's whole job, a pure
//! function tested natively; `main.rs` only carries messages to it.

use newsmark_core::capture::{self, Capture};
use newsmark_core::formats::{self, Format, TagMapping};
use newsmark_core::model::Tag;
use newsmark_core::offsets;
use newsmark_core::recapture::{self, CarriedOver};
use newsmark_core::sample_exercise;
use newsmark_core::schema::{self, stored};
use newsmark_core::suggest::{self, Suggestions};
use newsmark_core::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the worker posts once it listens: messages sent before would be lost, so the
/// page holds them until then.
pub const READY: &str = "newsmark-worker ready";

/// A request or an answer with its large parts.
#[derive(Clone, Debug, PartialEq)]
pub struct Message<Head> {
    pub head: Head,
    /// A document in the saved format, an article's text, a report.
    pub text: Option<String>,
    /// A file read or written.
    pub bytes: Option<Vec<u8>>,
}

impl<Head> Message<Head> {
    pub fn new(head: Head) -> Message<Head> {
        Message { head, text: None, bytes: None }
    }
}

/// What the page asks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "ask", rename_all = "snake_case")]
pub enum Request {
    /// The document in the text (saved format) written in `format` (its command-line name).
    Export { format: String },
    /// The document in the text (saved format) as an HTML report made at `now`.
    Report { now: Timestamp },
    /// The annotation file in the bytes, named `name`, read with the person's tags;
    /// annotations without article text of their own are placed against the text, the
    /// open article's. New documents are named `<id_prefix>-1`, `-2`, ….
    Import { name: String, map: BTreeMap<String, Tag>, untagged: Option<Tag>, id_prefix: String, now: Timestamp },
    /// Suggestions for the article in the text.
    Suggest,
    /// The article in the web page in the text (`capture::extract`), or all of the page's
    /// visible text (`capture::whole_text`); `url` is the page's address, if known.
    Capture { url: Option<String>, whole: bool },
    /// The text holds a set of two documents (saved format): a page's earlier capture and a
    /// document made from the page captured again, onto which the earlier one's annotations
    /// are carried over (`recapture::carry_over`).
    CarryOver,
    /// The records of document `id` in the library, which the page could not read without
    /// field names (`schema::FIELD_PATHS`), read again as the page read them
    /// (`stored::read`). The text holds them as a JSON list of [`StoredRecord`]s, in the
    /// order the page read them.
    ReadRecords { id: String },
    /// The document in the text (saved format), read again as the page read it
    /// (`schema::load_document`), for the same reason.
    ReadDocument,
    /// The sample exercise as a student's copy named `id`, started at `now`
    /// (`sample_exercise::sample_exercise`, `Exercise::start`).
    SampleExercise { id: String, now: Timestamp },
    /// Three students' work on the sample exercise (`sample_exercise::sample_student_sets`).
    SampleClass { now: Timestamp },
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Answer {
    /// The file in the bytes, and what the format could not hold.
    Exported {
        left_out: Vec<String>,
    },
    /// The report in the text.
    Report,
    /// The documents in the text (a set in the saved format), with the import's report.
    Imported(ImportSummary),
    /// The file is of no format Newsmark imports.
    Unrecognised,
    Suggested(Suggestions),
    Captured(Capture),
    /// The new version with the annotations carried over in the text (saved format), and
    /// how many were kept exactly, moved and orphaned.
    CarriedOver(CarriedOver),
    /// The documents in the text (a set in the saved format).
    Documents,
    /// What reading a document or its records found wrong, fields named.
    Problems(ReadProblems),
    /// The work was refused: why, in sentences (an export too large, a damaged file).
    Refused {
        why: Vec<String>,
    },
}

/// An import's report as the app tells it: `formats::Imported` without its documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// The format's command-line name.
    pub format: String,
    /// "12 annotations: 9 placed exactly, …" (`ImportReport::summary`).
    pub summary: String,
    pub remarks: Vec<String>,
    /// What was left out, in sentences (`LeftOut::sentences`).
    pub left_out: Vec<String>,
    /// The tags found on what was left out for want of a tag, with how many carry each.
    pub labels: BTreeMap<String, usize>,
    /// How many were left out for having no tag at all.
    pub untagged: usize,
    /// How many were left out for want of a tag (`LeftOut::for_want_of_a_tag`).
    pub for_want_of_a_tag: usize,
    pub orphaned: usize,
    /// The documents whose file named no title (`Imported::untitled`).
    pub untitled: Vec<String>,
}

/// One record of a document in the library: its part's name and annotation id
/// (`stored::Part::name`, `Part::id`) and what it holds.
pub type StoredRecord = (String, Option<String>, String);

/// What reading found wrong, each as a sentence that names the field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadProblems {
    /// Why the document as a whole could not be read, if it could not.
    pub document: Option<String>,
    /// The records left out of a document read from its records, in the order read, each
    /// as its part's name, annotation id and why (`stored::LeftOut`).
    pub left_out: Vec<StoredRecord>,
}

/// Does what `request` asks.
pub fn answer(request: Message<Request>) -> Message<Answer> {
    let Message { head, text, bytes } = request;
    let text = text.unwrap_or_default();
    match head {
        Request::Export { format } => match (Format::parse(&format), schema::load_document(&text)) {
            (None, _) => refused(format!("Newsmark has no format called {format}.")),
            (_, Err(e)) => refused(e.to_string()),
            (Some(format), Ok(doc)) => match formats::export(format, std::slice::from_ref(&doc)) {
                Ok(exported) => Message {
                    bytes: Some(exported.bytes),
                    ..Message::new(Answer::Exported { left_out: exported.left_out })
                },
                Err(why) => refused(why.0),
            },
        },
        Request::Report { now } => match schema::load_document(&text) {
            Ok(doc) => Message { text: Some(newsmark_core::report::html(&doc, now)), ..Message::new(Answer::Report) },
            Err(e) => refused(e.to_string()),
        },
        Request::Import { name, map, untagged, id_prefix, now } => {
            let bytes = bytes.unwrap_or_default();
            let Some(format) = formats::detect(&name, &bytes) else { return Message::new(Answer::Unrecognised) };
            let open = (!text.is_empty()).then_some(text.as_str());
            let mut made = 0;
            let mut new_id = || {
                made += 1;
                format!("{id_prefix}-{made}")
            };
            let tags = TagMapping { map, untagged };
            match formats::import_mapped(format, &bytes, open, &tags, &mut new_id, now) {
                Ok(imported) => {
                    let report = &imported.report;
                    let summary = ImportSummary {
                        format: format.name().into(),
                        summary: report.summary(),
                        remarks: report.remarks.clone(),
                        left_out: report.left_out.sentences(),
                        labels: report.left_out.labels.clone(),
                        untagged: report.left_out.untagged,
                        for_want_of_a_tag: report.left_out.for_want_of_a_tag(),
                        orphaned: report.orphaned,
                        untitled: imported.untitled.clone(),
                    };
                    let set = schema::set_to_json(&imported.documents);
                    Message { text: Some(set), ..Message::new(Answer::Imported(summary)) }
                }
                Err(e) => Message::new(Answer::Refused { why: e.0.lines().map(str::to_owned).collect() }),
            }
        }
        // Part by part, as the page did before the worker took it (`suggest::parts`), so
        // that the suggestions are the same.
        Request::Suggest => {
            let found = suggest::parts(&text, SUGGEST_PART)
                .into_iter()
                .map(|range| (offsets::cp_len(&text[..range.start]), suggest::suggest(&text[range])))
                .collect();
            Message::new(Answer::Suggested(Suggestions::joined(found)))
        }
        Request::ReadRecords { id } => {
            let records = match serde_json::from_str::<Vec<StoredRecord>>(&text) {
                Ok(records) => records,
                Err(e) => return refused(format!("the records could not be read from the page's message ({e})")),
            };
            let records = records
                .into_iter()
                .filter_map(|(name, id, body)| Some((stored::Part::parse(&name, id.as_deref())?, body)))
                .collect();
            let problems = match stored::read(&id, records) {
                Ok(read) => ReadProblems {
                    document: None,
                    left_out: read
                        .left_out
                        .into_iter()
                        .map(|l| (l.part.name().to_owned(), l.part.id().map(str::to_owned), l.problem))
                        .collect(),
                },
                Err(e) => ReadProblems { document: Some(e.to_string()), left_out: Vec::new() },
            };
            Message::new(Answer::Problems(problems))
        }
        Request::ReadDocument => Message::new(Answer::Problems(ReadProblems {
            document: schema::load_document(&text).err().map(|e| e.to_string()),
            left_out: Vec::new(),
        })),
        Request::SampleExercise { id, now } => {
            let copy = sample_exercise::sample_exercise(now).start(id, now);
            Message { text: Some(schema::set_to_json(&[copy])), ..Message::new(Answer::Documents) }
        }
        Request::SampleClass { now } => {
            let work: Vec<_> = sample_exercise::sample_student_sets(now).into_iter().map(|(_, d)| d).collect();
            Message { text: Some(schema::set_to_json(&work)), ..Message::new(Answer::Documents) }
        }
        Request::Capture { url, whole } => {
            let read = if whole { capture::whole_text } else { capture::extract };
            match read(&text, url.as_deref()) {
                Ok(found) => Message::new(Answer::Captured(found)),
                Err(why) => refused(why),
            }
        }
        Request::CarryOver => match schema::load(&text).map(<[_; 2]>::try_from) {
            Ok(Ok([old, new])) => {
                let (carried, counts) = recapture::carry_over(&old, new);
                Message {
                    text: Some(schema::document_to_compact_json(&carried)),
                    ..Message::new(Answer::CarriedOver(counts))
                }
            }
            Ok(Err(docs)) => refused(format!(
                "expected an earlier capture and its new version, found {}",
                formats::plural(docs.len(), "document", "documents")
            )),
            Err(e) => refused(e.to_string()),
        },
    }
}

/// The size of the parts a text is suggested in, in bytes.
const SUGGEST_PART: usize = 30_000;

fn refused(why: String) -> Message<Answer> {
    Message::new(Answer::Refused { why: vec![why] })
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsmark_core::{Action, Document, Workspace};

    /// "The minister said it would rain." with "minister said" tagged as a claim.
    fn document() -> Document {
        let now = Timestamp(1_700_000_000_000);
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(Document::new("d1", "Rain", "The minister said it would rain.", now)), now)
            .unwrap();
        ws.apply(Action::AddAnnotation { doc: "d1".into(), id: "a1".into(), tag: Tag::Claim, start: 4, end: 17 }, now)
            .unwrap();
        ws.document("d1").unwrap().clone()
    }

    fn ask(head: Request, text: Option<String>, bytes: Option<Vec<u8>>) -> Message<Answer> {
        answer(Message { head, text, bytes })
    }

    #[test]
    fn an_exported_document_reads_back_through_an_import() {
        let doc = document();
        let json = schema::document_to_compact_json(&doc);
        let exported = ask(Request::Export { format: "w3c".into() }, Some(json), None);
        assert!(matches!(exported.head, Answer::Exported { .. }), "{:?}", exported.head);
        let import = Request::Import {
            name: "Rain.w3c.jsonld".into(),
            map: BTreeMap::new(),
            untagged: None,
            id_prefix: "d-new".into(),
            now: Timestamp(0),
        };
        let imported = ask(import, Some(doc.text.to_string()), exported.bytes);
        let Answer::Imported(summary) = imported.head else { panic!("{:?}", imported.head) };
        assert_eq!(summary.format, "w3c");
        assert_eq!(summary.summary, "1 annotation: 1 placed exactly, 0 re-anchored, 0 orphaned.");
        let docs = schema::load(&imported.text.unwrap()).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].annotations[0].exact, "minister said");
    }

    #[test]
    fn a_file_of_no_known_format_is_unrecognised() {
        let import = Request::Import {
            name: "notes.bin".into(),
            map: BTreeMap::new(),
            untagged: None,
            id_prefix: "d".into(),
            now: Timestamp(0),
        };
        assert_eq!(ask(import, None, Some(b"\x00\x01".to_vec())).head, Answer::Unrecognised);
    }

    #[test]
    fn a_damaged_document_is_refused_with_the_loaders_sentence() {
        let answer = ask(Request::Report { now: Timestamp(0) }, Some("{".into()), None);
        assert!(matches!(answer.head, Answer::Refused { .. }), "{:?}", answer.head);
    }

    #[test]
    fn the_report_names_the_document() {
        let json = schema::document_to_compact_json(&document());
        let answer = ask(Request::Report { now: Timestamp(0) }, Some(json), None);
        assert_eq!(answer.head, Answer::Report);
        assert!(answer.text.unwrap().contains("Rain"));
    }

    #[test]
    fn the_sample_class_is_three_students_work_on_one_article() {
        let answer = ask(Request::SampleClass { now: Timestamp(0) }, None, None);
        assert_eq!(answer.head, Answer::Documents);
        let work = schema::load(&answer.text.unwrap()).unwrap();
        assert_eq!(work.len(), 3);
        assert!(work.iter().all(|d| d.text == work[0].text));
    }

    #[test]
    fn a_captured_page_crosses_as_json_and_back() {
        let page = "<html><head><title>Rain due</title></head><body><article><h1>Rain due</h1><p>The minister said it would rain on Tuesday, and farmers welcomed the news after a long dry summer.</p></article></body></html>";
        for whole in [false, true] {
            let answer =
                ask(Request::Capture { url: Some("https://example.org/rain".into()), whole }, Some(page.into()), None);
            let json = serde_json::to_string(&answer.head).unwrap();
            let back: Answer = serde_json::from_str(&json).unwrap();
            let Answer::Captured(found) = back else { panic!("{json}") };
            assert!(found.paragraphs.iter().any(|p| p.contains("would rain on Tuesday")), "{found:?}");
        }
    }

    #[test]
    fn a_page_captured_again_comes_back_with_the_annotations_carried_over_and_counted() {
        let old = Document {
            source_url: Some("https://news.example/rain".into()),
            captured: Some(Timestamp(1_700_000_000_000)),
            ..document()
        };
        let new = Document {
            captured: Some(Timestamp(1_700_086_400_000)),
            ..Document::new("d2", "Rain", "Update: The minister said it would rain.", Timestamp(1_700_086_400_000))
        };
        let answer = ask(Request::CarryOver, Some(schema::set_to_json(&[old, new])), None);
        let json = serde_json::to_string(&answer.head).unwrap();
        assert_eq!(
            serde_json::from_str::<Answer>(&json).unwrap(),
            Answer::CarriedOver(CarriedOver { exact: 0, moved: 1, orphaned: 0 })
        );
        let carried = schema::load_document(&answer.text.unwrap()).unwrap();
        assert_eq!(carried.id, "d2");
        assert_eq!(carried.annotations[0].exact, "minister said");
        assert_eq!((carried.annotations[0].start, carried.annotations[0].end), (12, 25));
    }

    #[test]
    fn carrying_over_wants_two_documents() {
        let answer = ask(Request::CarryOver, Some(schema::set_to_json(&[document()])), None);
        assert_eq!(
            answer.head,
            Answer::Refused { why: vec!["expected an earlier capture and its new version, found 1 document".into()] }
        );
    }

    /// The records of [`document`] as the library stores them, with the annotation's start
    /// made negative.
    fn records_with_a_negative_start() -> Vec<StoredRecord> {
        stored::records(&document())
            .into_iter()
            .map(|(part, body)| {
                let body = match part {
                    stored::Part::Annotation(_) => body.replace("\"start\":4", "\"start\":-4"),
                    _ => body.to_string(),
                };
                (part.name().to_owned(), part.id().map(str::to_owned), body)
            })
            .collect()
    }

    #[test]
    fn a_damaged_annotation_record_is_read_again_with_its_field_named() {
        let records = records_with_a_negative_start();
        assert!(records.iter().any(|(_, _, body)| body.contains("-4")), "{records:?}");
        let request = Request::ReadRecords { id: "d1".into() };
        let answer = ask(request, Some(serde_json::to_string(&records).unwrap()), None);
        let Answer::Problems(problems) = answer.head else { panic!("{:?}", answer.head) };
        assert_eq!(problems.document, None);
        assert_eq!(
            problems.left_out,
            vec![(
                "annotation".to_owned(),
                Some("a1".to_owned()),
                "start: invalid value: integer `-4`, expected a whole number from 0 up".to_owned()
            )]
        );
    }

    #[test]
    fn a_damaged_document_is_read_again_with_its_field_named() {
        let json = schema::document_to_compact_json(&document()).replace("\"start\":4", "\"start\":\"four\"");
        let answer = ask(Request::ReadDocument, Some(json), None);
        let Answer::Problems(problems) = answer.head else { panic!("{:?}", answer.head) };
        assert_eq!(
            problems.document.as_deref(),
            Some("annotations[0].start: invalid type: string \"four\", expected a whole number from 0 up")
        );
    }

    #[test]
    fn suggestions_cross_as_json_and_back() {
        let text = "“We will win,” said Maria Lopez, the mayor.";
        let answer = ask(Request::Suggest, Some(text.into()), None);
        let json = serde_json::to_string(&answer.head).unwrap();
        let back: Answer = serde_json::from_str(&json).unwrap();
        let Answer::Suggested(found) = back else { panic!("{json}") };
        assert_eq!(found, Suggestions::joined(vec![(0, suggest::suggest(text))]));
        assert!(!found.items.is_empty());
    }
}
