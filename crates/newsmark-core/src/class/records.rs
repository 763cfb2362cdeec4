//! A document as CouchDB records, and back.
//!
//! A student's class work lives in their own database as one record per piece a person
//! changes on its own, so that CouchDB's revisions (and its conflicts) are per annotation:
//!
//! | record id | holds |
//! |---|---|
//! | `article` | the document without its annotations: id, title, text, source, byline, created, the assignment (instructions, codebook, key as handed out, student) |
//! | `annotation:<id>` | one annotation, as the saved format writes it |
//! | `relation:<id>` | one attribution |
//! | `entity:<id>` | one actor |
//! | `orphan:<id>` | one imported annotation not yet placed |
//! | `checked` | the first check, written once |
//! | `handin` | when the work was handed in |
//!
//! Each record is an object with a `type` and the piece under a key of that name
//! (`{"type": "annotation", "annotation": {…}}`). A document's `updated` is not stored
//! (every edit would otherwise change the `article` record and two devices would always
//! conflict there); it is the latest time found in the records.
//!
//! [`assemble`] rebuilds the document and passes it through the saved format's loader
//! ([`crate::schema`]), so records from a server are checked exactly as an opened file
//! is. A record that does not fit (offsets outside the text, an unknown tag) is left out
//! and named in [`Assembled::dropped`]; the rest of the work still opens. Where two
//! devices changed the same annotation differently, CouchDB keeps both revisions: the
//! document holds the one CouchDB chose and [`Assembled::conflicts`] lists every version,
//! for the student to pick one.

use crate::model::{Annotation, Document};
use crate::schema::{self, LoadError, Problem};
use crate::time::Timestamp;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashSet};

/// The version of this record layout, written in the `article` record.
pub const FORMAT: u64 = 1;

/// The id of the record holding the article and assignment.
pub const ARTICLE: &str = "article";
/// The id of the record holding the first check.
pub const CHECKED: &str = "checked";
/// The id of the record saying the work was handed in.
pub const HANDIN: &str = "handin";

/// The pieces that are kept one to a record, with the record type and id prefix each has,
/// and the array of the saved document they come from.
const PIECES: [(&str, &str); 4] =
    [("annotation", "annotations"), ("relation", "relations"), ("entity", "entities"), ("orphan", "orphans")];

/// The record body each piece is kept under (orphans are annotations).
fn body_key(kind: &str) -> &str {
    if kind == "orphan" {
        "annotation"
    } else {
        kind
    }
}

/// A document's records, by record id. Bodies carry no `_id` or `_rev`: those belong to
/// whoever writes them.
pub fn of_document(doc: &Document) -> BTreeMap<String, Value> {
    let Value::Object(mut saved) =
        serde_json::from_str(&schema::document_to_compact_json(doc)).expect("a saved document is JSON")
    else {
        unreachable!("a saved document is an object")
    };
    let mut out = BTreeMap::new();
    for (kind, array) in PIECES {
        if let Some(Value::Array(items)) = saved.remove(array) {
            for item in items {
                let id = item.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
                out.insert(format!("{kind}:{id}"), json!({ "type": kind, body_key(kind): item }));
            }
        }
    }
    if let Some(Value::Object(assignment)) = saved.get_mut("assignment") {
        if let Some(checked) = assignment.remove("checked") {
            out.insert(CHECKED.to_owned(), json!({ "type": "checked", "checked": checked }));
        }
    }
    for field in ["schema_version", "kind", "updated"] {
        saved.remove(field);
    }
    out.insert(ARTICLE.to_owned(), json!({ "type": "article", "format": FORMAT, "document": saved }));
    out
}

/// What to write to bring a database holding `old`'s records to `new`'s.
#[derive(Clone, Debug, PartialEq)]
pub enum Write {
    /// Put this body under this id (creating it, or as the next revision).
    Put { id: String, body: Value },
    /// Delete the record with this id.
    Delete { id: String },
}

/// The writes that turn the records `old` into `new`: changed and new records, and
/// deletions of records `new` no longer has, in id order.
pub fn changes(old: &BTreeMap<String, Value>, new: &BTreeMap<String, Value>) -> Vec<Write> {
    let mut out: Vec<Write> = new
        .iter()
        .filter(|(id, body)| old.get(*id) != Some(body))
        .map(|(id, body)| Write::Put { id: id.clone(), body: body.clone() })
        .collect();
    out.extend(old.keys().filter(|id| !new.contains_key(*id)).map(|id| Write::Delete { id: id.clone() }));
    crate::order::sort_by(&mut out, |a, b| write_id(a).cmp(write_id(b)));
    out
}

fn write_id(w: &Write) -> &str {
    match w {
        Write::Put { id, .. } | Write::Delete { id } => id,
    }
}

/// One record as read from a database: the revision CouchDB chose, and the other
/// revisions of it still standing (its `_conflicts`), with their bodies.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub id: String,
    pub rev: String,
    pub body: Value,
    pub conflicts: Vec<(String, Value)>,
}

/// A document rebuilt from its records.
#[derive(Clone, Debug, PartialEq)]
pub struct Assembled {
    pub document: Document,
    /// Annotations changed differently on two devices, each with every version.
    pub conflicts: Vec<Conflict>,
    /// Records left out, and why.
    pub dropped: Vec<Problem>,
    /// When the work was handed in, if it was.
    pub handed_in: Option<Timestamp>,
}

/// One annotation with more than one version standing.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The record, `annotation:<id>`.
    pub record: String,
    /// The version in the document (CouchDB's choice) first, then the others.
    pub versions: Vec<Version>,
}

/// One version of a conflicted annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub rev: String,
    pub annotation: Annotation,
}

impl Conflict {
    /// The revisions to delete so that the version `keep` is the only one left, and, where
    /// `keep` is not the one CouchDB chose, the body to write over CouchDB's choice.
    pub fn resolve(&self, keep: &str) -> Resolution {
        let chosen = self.versions.iter().find(|v| v.rev == keep);
        let winner = &self.versions[0];
        Resolution {
            delete: self.versions.iter().filter(|v| v.rev != winner.rev).map(|v| v.rev.clone()).collect(),
            rewrite: chosen
                .filter(|v| v.rev != winner.rev)
                .map(|v| json!({ "type": "annotation", "annotation": v.annotation })),
        }
    }
}

/// How to settle a conflict: delete these losing revisions, then (if set) write this body
/// as the next revision of the standing one.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution {
    pub delete: Vec<String>,
    pub rewrite: Option<Value>,
}

/// Rebuilds a document from its records. Fails only when the `article` record is missing
/// or unreadable; a piece that does not fit is dropped and named.
pub fn assemble(stored: &[Stored]) -> Result<Assembled, LoadError> {
    let one = |message: String| LoadError { problems: vec![Problem { at: String::new(), message }] };
    let article = stored
        .iter()
        .find(|s| s.id == ARTICLE)
        .ok_or_else(|| one("the class work has no article yet (the server may still be copying it)".to_owned()))?;
    if let Some(format) = article.body.get("format").and_then(Value::as_u64).filter(|f| *f > FORMAT) {
        return Err(one(format!(
            "this class work was written by a newer Newsmark (record format {format}); update Newsmark to open it"
        )));
    }
    let Some(Value::Object(base)) = article.body.get("document") else {
        return Err(one("the article record holds no document".to_owned()));
    };

    let mut pieces: BTreeMap<&str, Vec<(String, Value)>> = BTreeMap::new();
    let mut conflicts = Vec::new();
    let mut dropped = Vec::new();
    let mut checked: Option<Value> = None;
    let mut handed_in = None;
    for record in stored {
        let kind = record.body.get("type").and_then(Value::as_str).unwrap_or_default();
        if let Some((kind, array)) = PIECES.iter().find(|(k, _)| *k == kind) {
            match record.body.get(body_key(kind)) {
                Some(item) => pieces.entry(array).or_default().push((record.id.clone(), item.clone())),
                None => dropped.push(Problem { at: record.id.clone(), message: format!("the record holds no {kind}") }),
            }
            if *kind == "annotation" && !record.conflicts.is_empty() {
                let versions: Vec<Version> = std::iter::once((&record.rev, &record.body))
                    .chain(record.conflicts.iter().map(|(rev, body)| (rev, body)))
                    .filter_map(|(rev, body)| {
                        let annotation = serde_json::from_value(body.get("annotation")?.clone()).ok()?;
                        Some(Version { rev: rev.clone(), annotation })
                    })
                    .collect();
                if versions.len() > 1 {
                    conflicts.push(Conflict { record: record.id.clone(), versions });
                }
            }
        } else if kind == "checked" {
            // Two devices that both checked first: the earlier check is the first.
            checked = std::iter::once(&record.body)
                .chain(record.conflicts.iter().map(|(_, b)| b))
                .filter_map(|b| b.get("checked"))
                .min_by_key(|c| c.get("at").and_then(Value::as_str).unwrap_or("~").to_owned())
                .cloned();
        } else if kind == "handin" {
            handed_in = record.body.get("at").and_then(Value::as_str).and_then(|at| Timestamp::parse(at).ok());
        }
    }

    // Leave out what the loader refuses, one round per kind of problem, and try again.
    let mut refused: HashSet<String> = HashSet::new();
    for _ in 0..4 {
        let (value, index) = document_value(base, &pieces, checked.as_ref(), &refused);
        match schema::load_document(&value.to_string()) {
            Ok(document) => {
                conflicts.retain(|c| document.annotation(c.record.trim_start_matches("annotation:")).is_some());
                return Ok(Assembled { document, conflicts, dropped, handed_in });
            }
            Err(error) => {
                let before = refused.len();
                for problem in &error.problems {
                    if let Some(record) = record_of(&problem.at, &index) {
                        if refused.insert(record.clone()) {
                            dropped.push(Problem { at: record, message: problem.message.clone() });
                        }
                    }
                }
                if refused.len() == before {
                    return Err(error);
                }
            }
        }
    }
    Err(one("the class work could not be read: too many of its records are damaged".to_owned()))
}

/// The saved-format document made of the article and the pieces not refused, with the
/// record id of each array item (`annotations[3]` → `annotation:a7`).
fn document_value(
    base: &Map<String, Value>,
    pieces: &BTreeMap<&str, Vec<(String, Value)>>,
    checked: Option<&Value>,
    refused: &HashSet<String>,
) -> (Value, BTreeMap<String, String>) {
    let mut doc = base.clone();
    let mut index = BTreeMap::new();
    let mut latest: Option<String> = doc.get("created").and_then(Value::as_str).map(str::to_owned);
    let mut later = |at: Option<&Value>| {
        if let Some(at) = at.and_then(Value::as_str) {
            if latest.as_deref().is_none_or(|l| at > l) {
                latest = Some(at.to_owned());
            }
        }
    };
    for (array, items) in pieces {
        let kept: Vec<Value> = items
            .iter()
            .filter(|(record, _)| !refused.contains(record))
            .enumerate()
            .map(|(i, (record, item))| {
                index.insert(format!("{array}[{i}]"), record.clone());
                if let Some(id) = item.get("id").and_then(Value::as_str) {
                    index.insert(format!("{array}:{id}"), record.clone());
                }
                later(item.get("updated").or_else(|| item.get("created")));
                item.clone()
            })
            .collect();
        doc.insert((*array).to_owned(), Value::Array(kept));
    }
    doc.entry("annotations").or_insert_with(|| Value::Array(Vec::new()));
    if let (Some(checked), Some(Value::Object(assignment))) = (checked, doc.get_mut("assignment")) {
        assignment.insert("checked".to_owned(), checked.clone());
        later(checked.get("at"));
    }
    doc.insert("updated".to_owned(), latest.map(Value::String).unwrap_or(Value::Null));
    doc.insert("schema_version".to_owned(), json!(schema::SCHEMA_VERSION));
    doc.insert("kind".to_owned(), json!(schema::DOCUMENT_KIND));
    (Value::Object(doc), index)
}

/// The record a loader problem is about, if it is about one piece.
fn record_of(at: &str, index: &BTreeMap<String, String>) -> Option<String> {
    if let Some(end) = at.find(']') {
        if let Some(record) = index.get(&at[..=end]) {
            return Some(record.clone());
        }
    }
    // "annotation \"a7\"": a reference to an actor the document does not have.
    let id = at.strip_prefix("annotation \"")?.strip_suffix('"')?;
    index.get(&format!("annotations:{id}")).cloned()
}

/// Whether two versions of a document hold the same class work (the same records: the
/// document's `updated` time alone is not work).
pub fn same_work(a: &Document, b: &Document) -> bool {
    of_document(a) == of_document(b)
}

/// The work to show when the records `theirs` arrive while the library holds `current`,
/// made from the records `base`: this device's changes since `base` applied over
/// `theirs` (record by record), so that neither side's edits are lost. `delivered` is
/// `theirs` assembled; with no change here, it is the answer.
pub fn merge(
    current: &Document,
    base: Option<&BTreeMap<String, Value>>,
    theirs: &BTreeMap<String, Value>,
    delivered: Document,
) -> Document {
    let local = of_document(current);
    let Some(base) = base.filter(|base| **base != local) else { return delivered };
    let mut merged = theirs.clone();
    for write in changes(base, &local) {
        match write {
            Write::Put { id, body } => merged.insert(id, body),
            Write::Delete { id } => merged.remove(&id),
        };
    }
    let stored: Vec<Stored> =
        merged.into_iter().map(|(id, body)| Stored { id, rev: String::new(), body, conflicts: Vec::new() }).collect();
    match assemble(&stored) {
        Ok(assembled) => Document { id: delivered.id, ..assembled.document },
        // Unreadable together: this device's version stays, and is written over theirs.
        Err(_) => current.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relation, RelationKind, Tag};
    use crate::sample;
    use crate::workspace::{Action, Workspace};

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-29T10:00:00.000Z").unwrap()
    }

    fn stored(records: &BTreeMap<String, Value>) -> Vec<Stored> {
        records
            .iter()
            .enumerate()
            .map(|(i, (id, body))| Stored {
                id: id.clone(),
                rev: format!("1-{i}"),
                body: body.clone(),
                conflicts: vec![],
            })
            .collect()
    }

    fn tagged(doc: &Document, words: &str, tag: Tag, id: &str) -> Document {
        let start = doc.text[..doc.text.find(words).unwrap()].chars().count();
        let end = start + words.chars().count();
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(doc.clone()), now()).unwrap();
        ws.apply(Action::AddAnnotation { doc: doc.id.clone(), id: id.into(), tag, start, end }, now()).unwrap();
        ws.document(&doc.id).unwrap().clone()
    }

    #[test]
    fn a_document_comes_back_from_its_records_as_it_was() {
        let doc = sample::sample_document(now());
        let records = of_document(&doc);
        assert!(records.len() > doc.annotations.len(), "one record per annotation, plus the article");
        let back = assemble(&stored(&records)).unwrap();
        assert_eq!(back.document.annotations, doc.annotations);
        assert_eq!(back.document.relations, doc.relations);
        assert_eq!(back.document.entities, doc.entities);
        assert_eq!(back.document.text, doc.text);
        assert!(back.conflicts.is_empty() && back.dropped.is_empty());
    }

    #[test]
    fn tagging_one_span_writes_one_record_and_leaves_the_article_alone() {
        let doc = Document::new("d1", "Vote", "Café owners say the 🍰 tax will close 40% of shops.", now());
        let before = of_document(&doc);
        let after = of_document(&tagged(&doc, "40% of shops", Tag::Claim, "a1"));
        let writes = changes(&before, &after);
        assert_eq!(writes.len(), 1, "{writes:?}");
        assert!(matches!(&writes[0], Write::Put { id, .. } if id == "annotation:a1"));
        assert_eq!(changes(&after, &before), vec![Write::Delete { id: "annotation:a1".into() }]);
    }

    #[test]
    fn two_devices_adding_different_annotations_both_keep_both() {
        // The server holds the union of both devices' records: each added its own.
        let doc = Document::new("d1", "Vote", "「東京」 said the mayor, and مرحبا replied the guest.", now());
        let phone = of_document(&tagged(&doc, "「東京」", Tag::Quote, "p1"));
        let laptop = of_document(&tagged(&doc, "مرحبا", Tag::Quote, "l1"));
        let mut server = phone.clone();
        server.extend(laptop);
        let merged = assemble(&stored(&server)).unwrap().document;
        let ids: Vec<&str> = merged.annotations.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["p1", "l1"]);
    }

    #[test]
    fn the_same_annotation_changed_on_two_devices_shows_both_versions_until_one_is_picked() {
        let doc = tagged(
            &Document::new("d1", "Vote", "The minister said taxes will fall.", now()),
            "taxes will fall",
            Tag::Claim,
            "a1",
        );
        let mut records = stored(&of_document(&doc));
        let record = records.iter_mut().find(|r| r.id == "annotation:a1").unwrap();
        let mut other = record.body.clone();
        other["annotation"]["note"] = json!("A prediction, not a fact");
        record.rev = "2-aaa".into();
        record.conflicts = vec![("2-bbb".into(), other)];
        let assembled = assemble(&records).unwrap();
        assert_eq!(assembled.conflicts.len(), 1);
        let conflict = &assembled.conflicts[0];
        assert_eq!(conflict.versions.len(), 2);
        assert_eq!(conflict.versions[1].annotation.note.as_deref(), Some("A prediction, not a fact"));
        assert_eq!(
            assembled.document.annotation("a1").unwrap().note,
            None,
            "the document shows CouchDB's choice meanwhile"
        );

        let keep_theirs = conflict.resolve("2-bbb");
        assert_eq!(keep_theirs.delete, ["2-bbb"]);
        assert_eq!(keep_theirs.rewrite.unwrap()["annotation"]["note"], "A prediction, not a fact");
        let keep_mine = conflict.resolve("2-aaa");
        assert_eq!((keep_mine.delete, keep_mine.rewrite), (vec!["2-bbb".to_owned()], None));
    }

    /// A one-claim document's records plus an annotation record "bad" with these offsets,
    /// assembled.
    fn assembled_with_a_bad_annotation(start: Value, end: Value) -> Assembled {
        let doc = tagged(
            &Document::new("d1", "Vote", "Rain is likely 🌧 on Sunday.", now()),
            "Rain is likely",
            Tag::Claim,
            "a1",
        );
        let mut records = of_document(&doc);
        records.insert(
            "annotation:bad".into(),
            json!({"type": "annotation", "annotation": {"id": "bad", "tag": "quote", "start": start, "end": end,
                "exact": "hello", "prefix": "", "suffix": "", "created": "2026-11-29T10:00:00.000Z", "updated": "2026-11-29T10:00:00.000Z"}}),
        );
        assemble(&stored(&records)).unwrap()
    }

    /// Without field names (`schema::FIELD_PATHS`, the app's first load), the record is
    /// still found by the item of the list it became.
    #[test]
    fn a_record_with_a_number_of_the_wrong_kind_is_left_out_and_named_and_the_rest_opens() {
        let assembled = assembled_with_a_bad_annotation(json!("four"), json!(5));
        assert_eq!(assembled.document.annotations.len(), 1);
        assert_eq!(assembled.dropped.len(), 1);
        assert_eq!(assembled.dropped[0].at, "annotation:bad");
        assert!(assembled.dropped[0].message.contains("expected a whole number from 0 up"), "{:?}", assembled.dropped);
    }

    #[test]
    fn a_record_whose_offsets_do_not_fit_the_text_is_left_out_and_named_and_the_rest_opens() {
        let assembled = assembled_with_a_bad_annotation(json!(900), json!(905));
        assert_eq!(assembled.document.annotations.len(), 1);
        assert_eq!(assembled.dropped.len(), 1);
        assert_eq!(assembled.dropped[0].at, "annotation:bad");
    }

    #[test]
    fn work_without_its_article_record_says_so_instead_of_opening_empty() {
        let err = assemble(&[]).unwrap_err();
        assert!(err.to_string().contains("no article"), "{err}");
    }

    #[test]
    fn the_documents_last_change_is_the_latest_time_in_its_records() {
        let doc =
            tagged(&Document::new("d1", "Vote", "Prices rose 3% in May.", now()), "Prices rose 3%", Tag::Claim, "a1");
        let back = assemble(&stored(&of_document(&doc))).unwrap().document;
        assert_eq!(back.updated, now());
    }

    #[test]
    fn an_attribution_to_a_deleted_actor_is_dropped_rather_than_refusing_the_work() {
        let doc = Document::new("d1", "Vote", "Lee said the vote was fair.", now());
        let doc = tagged(&doc, "the vote was fair", Tag::Quote, "q1");
        let doc = tagged(&doc, "Lee", Tag::Actor, "p1");
        let mut records = of_document(&doc);
        let relation = Relation {
            id: "r1".into(),
            kind: RelationKind::Attribution,
            from: "q1".into(),
            to: "gone".into(),
            created: now(),
        };
        records.insert("relation:r1".into(), json!({"type": "relation", "relation": relation}));
        let assembled = assemble(&stored(&records)).unwrap();
        assert!(assembled.document.relations.is_empty());
        assert_eq!(assembled.dropped[0].at, "relation:r1");
    }

    fn claimed(doc: &Document, id: &str, start: usize, end: usize) -> Document {
        let mut ws = Workspace::with_documents(vec![doc.clone()]);
        let action = Action::AddAnnotation { doc: doc.id.clone(), id: id.into(), tag: Tag::Claim, start, end };
        ws.apply(action, Timestamp(2_000)).unwrap();
        ws.document(&doc.id).unwrap().clone()
    }

    #[test]
    fn an_edit_made_here_while_another_devices_edit_arrives_keeps_both() {
        // "Rain is likely on Sunday, and Monday.": here "Rain is likely", there "Monday".
        let handed_out = Document::new("d", "Vote", "Rain is likely on Sunday, and Monday.", Timestamp(1_000));
        let base = of_document(&handed_out);
        let here = claimed(&handed_out, "a-here", 0, 14);
        let there = claimed(&handed_out, "a-there", 30, 36);
        let theirs = of_document(&there);
        let merged = merge(&here, Some(&base), &theirs, there.clone());
        let ids: Vec<&str> = merged.annotations.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a-here", "a-there"]);
        // With nothing changed here, the arriving work is shown as it is.
        assert_eq!(merge(&handed_out, Some(&base), &theirs, there.clone()), there);
        // At start-up (no base yet), the local copy of the class work is the truth.
        assert_eq!(merge(&here, None, &theirs, there.clone()), there);
    }

    #[test]
    fn work_differing_only_in_its_last_change_time_is_the_same_work() {
        let a = Document::new("d", "Vote", "The minister said it.", Timestamp(1_000));
        let mut b = a.clone();
        b.updated = Timestamp(9_000);
        assert!(same_work(&a, &b));
        b.title = "Vote again".into();
        assert!(!same_work(&a, &b));
    }
}
