//! A document as the browser's library stores it: in records of its own, so that a save writes what changed.
//!
//! | record | holds |
//! |---|---|
//! | `head` | the document in the saved format without its text, annotations, attributions, actors and orphans (id, title, times, source, the assignment) |
//! | `text` | the article's text as it is (not JSON) |
//! | `annotation` with an id | one annotation, as the saved format writes it |
//! | `relations`, `entities`, `orphans` | that list whole, as a JSON array; no record when the list is empty |
//!
//! Annotations are what a person changes, one at a time, and a long article has thousands,
//! so each is a record: adding, retagging or deleting one writes that record and the head
//! (whose `updated` time changed). Their order is their text order, so it is not stored.
//! Attributions, actors and orphans keep the order they were made in and are far fewer,
//! so each list is one record, written when it changes. The text never changes once a
//! document exists: it is written once.
//!
//! [`changes`] compares the version of a document last stored with the new one, piece by
//! piece (an unchanged annotation is the same value, and once annotations are shared
//! between versions the same pointer), so a save costs what the change costs.
//!
//! [`Reader`] reads a document back a record at a time, with the saved format's checks
//! (the head passes through its migrations; each annotation is checked against the text
//! as it arrives, so the caller can pause between groups of records). An annotation
//! record that does not fit is left out and named ([`LeftOut`]), and the rest of the
//! document reads; a head, text or list record that does not fit makes the document
//! unreadable, as a damaged file is.

use super::{
    check_counts, check_span, document_from_checked, parse, typed, AnnotationIn, DocumentIn, DocumentOut, LoadError,
    Problem,
};
use crate::limits;
use crate::model::{Annotation, Document};
use crate::offsets::OffsetIndex;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Where a record belongs within its document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Head,
    Text,
    /// The annotation with this id.
    Annotation(String),
    Relations,
    Entities,
    Orphans,
}

impl Part {
    /// The record's name within its document (an annotation's id is beside it, see [`Part::id`]).
    pub fn name(&self) -> &'static str {
        match self {
            Part::Head => "head",
            Part::Text => "text",
            Part::Annotation(_) => "annotation",
            Part::Relations => "relations",
            Part::Entities => "entities",
            Part::Orphans => "orphans",
        }
    }

    /// The annotation's id, for an annotation record.
    pub fn id(&self) -> Option<&str> {
        match self {
            Part::Annotation(id) => Some(id),
            _ => None,
        }
    }

    /// The part named `name` (with `id` for an annotation), if it is one.
    pub fn parse(name: &str, id: Option<&str>) -> Option<Part> {
        Some(match (name, id) {
            ("head", None) => Part::Head,
            ("text", None) => Part::Text,
            ("annotation", Some(id)) => Part::Annotation(id.to_owned()),
            ("relations", None) => Part::Relations,
            ("entities", None) => Part::Entities,
            ("orphans", None) => Part::Orphans,
            _ => return None,
        })
    }
}

/// What one save of one document writes: records to put (the text as it is, the others
/// as JSON) and records to delete.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Write {
    pub puts: Vec<(Part, Arc<str>)>,
    pub deletes: Vec<Part>,
}

/// The head record: the saved format of `doc` without its text and its lists.
pub fn head(doc: &Document) -> String {
    let mut out = DocumentOut::new(doc, true);
    (out.text, out.annotations, out.relations, out.orphans, out.entities) = ("", &[], &[], &[], &[]);
    serde_json::to_string(&out).expect("a document always serialises")
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> Arc<str> {
    serde_json::to_string(value).expect("a document's pieces always serialise").into()
}

/// Every record of `doc`: what a document not stored yet writes.
pub fn records(doc: &Document) -> Vec<(Part, Arc<str>)> {
    changes(None, doc).puts
}

/// Every record a stored `doc` has: what removing it deletes.
pub fn parts(doc: &Document) -> Vec<Part> {
    let mut out = vec![Part::Head, Part::Text];
    out.extend(doc.annotations.iter().map(|a| Part::Annotation(a.id.clone())));
    let lists = [(Part::Relations, doc.relations.is_empty()), (Part::Entities, doc.entities.is_empty())];
    out.extend(lists.into_iter().chain([(Part::Orphans, doc.orphans.is_empty())]).filter(|(_, e)| !e).map(|(p, _)| p));
    out
}

/// The writes that bring the records of `stored` (the version last written; `None` for
/// a document not stored yet) to `doc`.
pub fn changes(stored: Option<&Document>, doc: &Document) -> Write {
    let mut write = Write::default();
    let head = head(doc);
    if stored.is_none_or(|s| self::head(s) != head) {
        write.puts.push((Part::Head, head.into()));
    }
    if stored.is_none_or(|s| !Arc::ptr_eq(&s.text, &doc.text) && s.text != doc.text) {
        write.puts.push((Part::Text, doc.text.clone()));
    }
    let (changed, mut gone) = annotation_changes(stored.map_or(&[], |s| &s.annotations[..]), &doc.annotations);
    write.puts.extend(changed.into_iter().map(|a| (Part::Annotation(a.id.clone()), json(a))));
    gone.sort_unstable();
    write.deletes.extend(gone.into_iter().map(|id| Part::Annotation(id.to_owned())));
    let mut list = |part: Part, was: Option<bool>, empty: bool, body: &dyn Fn() -> Arc<str>| match (was, empty) {
        // Unchanged, or empty and never stored.
        (Some(true), _) | (None, true) => {}
        (Some(false), true) => write.deletes.push(part),
        (_, false) => write.puts.push((part, body())),
    };
    list(Part::Relations, stored.map(|s| s.relations == doc.relations), doc.relations.is_empty(), &|| {
        json(&doc.relations)
    });
    list(Part::Entities, stored.map(|s| s.entities == doc.entities), doc.entities.is_empty(), &|| json(&doc.entities));
    list(Part::Orphans, stored.map(|s| s.orphans == doc.orphans), doc.orphans.is_empty(), &|| json(&doc.orphans));
    write
}

/// The annotations of `now` that are new or differ from `before`, in text order, and the
/// ids of those gone. Both lists are in text order and an edit touches one annotation or
/// a few, so the two lists are compared pair by pair from either end while their ids
/// agree, and only the stretch between (an added, removed or moved annotation) is matched
/// by id: no table of thousands of ids is built for each save.
fn annotation_changes<'a>(before: &'a [Annotation], now: &'a [Annotation]) -> (Vec<&'a Annotation>, Vec<&'a str>) {
    let head = before.iter().zip(now).take_while(|(b, n)| b.id == n.id).count();
    let tail = before[head..].iter().rev().zip(now[head..].iter().rev()).take_while(|(b, n)| b.id == n.id).count();
    let (was, is) = (&before[head..before.len() - tail], &now[head..now.len() - tail]);
    let differs = |(b, n): (&'a Annotation, &'a Annotation)| (b != n).then_some(n);
    let earlier: HashMap<&str, &Annotation> = was.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut changed: Vec<&Annotation> = before[..head].iter().zip(&now[..head]).filter_map(differs).collect();
    changed.extend(is.iter().filter(|a| earlier.get(a.id.as_str()).is_none_or(|b| *b != *a)));
    changed.extend(before[before.len() - tail..].iter().zip(&now[now.len() - tail..]).filter_map(differs));
    let kept: HashSet<&str> = is.iter().map(|a| a.id.as_str()).collect();
    let gone = was.iter().map(|a| a.id.as_str()).filter(|id| !kept.contains(id)).collect();
    (changed, gone)
}

/// A record left out of a document as it was read, and why. It stays in storage as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub part: Part,
    /// What the record holds (for a list record, the item left out).
    pub raw: String,
    pub problem: String,
}

/// A document read back from its records.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    pub document: Document,
    pub left_out: Vec<LeftOut>,
}

/// A document being read back from its records: [`Reader::start`] with the head, text
/// and lists, [`Reader::annotation`] for each annotation record, then [`Reader::finish`].
pub struct Reader {
    raw: DocumentIn,
    index: OffsetIndex,
    ids: HashSet<String>,
    annotations: Vec<Annotation>,
    left_out: Vec<LeftOut>,
}

impl Reader {
    /// Starts reading document `id` from its head, text and list records (`None` for a
    /// list with no record). Fails, naming every problem, when one of them is unreadable.
    pub fn start(
        id: &str,
        head: &str,
        text: String,
        relations: Option<&str>,
        entities: Option<&str>,
        orphans: Option<&str>,
    ) -> Result<Reader, LoadError> {
        let mut value = parse(head)?;
        let Value::Object(fields) = &mut value else { unreachable!("a parsed file is an object") };
        fields.insert("text".to_owned(), Value::String(text));
        fields.insert("annotations".to_owned(), Value::Array(Vec::new()));
        for (name, list) in [("relations", relations), ("entities", entities), ("orphans", orphans)] {
            let list = match list.map(serde_json::from_str::<Value>) {
                None => Value::Array(Vec::new()),
                Some(Ok(list)) => list,
                Some(Err(e)) => {
                    return Err(LoadError::one(format!("the {name} record is not valid JSON ({e})")));
                }
            };
            fields.insert(name.to_owned(), list);
        }
        check_counts(&value, "")?;
        let raw: DocumentIn = typed(value, "")?;
        if raw.id != id {
            return Err(LoadError::one(format!("the records are stored under {id} but hold document \"{}\"", raw.id)));
        }
        let index = OffsetIndex::new(&raw.text);
        Ok(Reader { raw, index, ids: HashSet::new(), annotations: Vec::new(), left_out: Vec::new() })
    }

    /// Reads the record of annotation `id`, checking it against the text; a record that
    /// does not fit is left out.
    pub fn annotation(&mut self, id: &str, json: &str) {
        let mut leave_out = |problem: String| {
            self.left_out.push(LeftOut { part: Part::Annotation(id.to_owned()), raw: json.to_owned(), problem })
        };
        if self.annotations.len() >= limits::MAX_ANNOTATIONS {
            let too_many = limits::check_annotations(self.annotations.len() + 1, "annotations");
            return leave_out(too_many.err().unwrap_or_default());
        }
        // Through a JSON value, as a file is read: the same code as a file's annotations
        // (a reader of its own for records would add to the app's download).
        let value = match serde_json::from_str::<Value>(json) {
            Ok(value) => value,
            Err(e) => return leave_out(format!("this is not valid JSON ({e})")),
        };
        let a = match typed::<AnnotationIn>(value, "") {
            Ok(a) if a.id == id => a,
            Ok(a) => return leave_out(format!("the record of annotation {id} holds annotation \"{}\"", a.id)),
            Err(e) => return leave_out(e.to_string()),
        };
        let mut problems = Vec::new();
        match check_span(a, "", &self.raw.text, &self.index, &mut self.ids, &mut problems) {
            Some(a) => self.annotations.push(a),
            None => leave_out(problems.iter().map(Problem::to_string).collect::<Vec<_>>().join("; ")),
        }
    }

    /// The document, with the records left out. Annotations that name an actor the
    /// document does not have are left out too, and so are attributions of annotations
    /// left out (they are dropped from storage when the document's attributions next
    /// change). Fails when what is left is still not a sound document.
    pub fn finish(self) -> Result<Read, LoadError> {
        let Reader { mut raw, index, ids, annotations, mut left_out } = self;
        let entities: HashSet<&str> = raw.entities.iter().map(|e| e.id.as_str()).collect();
        let (annotations, unnamed): (Vec<Annotation>, Vec<Annotation>) =
            annotations.into_iter().partition(|a| a.details.entity.as_deref().is_none_or(|e| entities.contains(e)));
        left_out.extend(unnamed.iter().map(|a| LeftOut {
            part: Part::Annotation(a.id.clone()),
            raw: serde_json::to_string(a).expect("an annotation serialises"),
            problem: format!(
                "it names the actor \"{}\", which is not among the document's actors",
                a.details.entity.as_deref().unwrap_or_default()
            ),
        }));
        let missing: HashSet<String> = left_out.iter().filter_map(|l| l.part.id().map(str::to_owned)).collect();
        if !missing.is_empty() {
            let (kept, gone): (Vec<_>, Vec<_>) = std::mem::take(&mut raw.relations)
                .into_iter()
                .partition(|r| !missing.contains(&r.from) && !missing.contains(&r.to));
            raw.relations = kept;
            left_out.extend(gone.into_iter().map(|r| LeftOut {
                part: Part::Relations,
                raw: serde_json::to_string(&r).expect("a relation serialises"),
                problem: format!("it links \"{}\" to \"{}\", and one of them could not be read", r.from, r.to),
            }));
        }
        let document = document_from_checked(raw, annotations, ids, &index, "", Vec::new())?;
        Ok(Read { document, left_out })
    }
}

/// Reads a document from all its records at once (see [`Reader`]): `records` holds the
/// head, the text and any other record, in any order.
pub fn read(id: &str, records: Vec<(Part, String)>) -> Result<Read, LoadError> {
    let mut by_part: HashMap<Part, String> = HashMap::new();
    let mut annotations = Vec::new();
    for (part, body) in records {
        match part {
            Part::Annotation(id) => annotations.push((id, body)),
            part => {
                by_part.insert(part, body);
            }
        }
    }
    let head = by_part.remove(&Part::Head).ok_or_else(|| LoadError::one("the document's head record is missing"))?;
    let text = by_part.remove(&Part::Text).ok_or_else(|| LoadError::one("the article's text record is missing"))?;
    let list = |part: Part| by_part.get(&part).map(String::as_str);
    let mut reader = Reader::start(id, &head, text, list(Part::Relations), list(Part::Entities), list(Part::Orphans))?;
    for (id, body) in &annotations {
        reader.annotation(id, body);
    }
    reader.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tag;
    use crate::sample;
    use crate::schema::{document_to_compact_json, load_document};
    use crate::time::Timestamp;
    use crate::workspace::{Action, Workspace};

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-29T10:00:00.000Z").unwrap()
    }

    fn later() -> Timestamp {
        Timestamp::parse("2026-11-29T10:05:00.000Z").unwrap()
    }

    /// The records of `doc` as the browser keeps them: text as it is, the rest as JSON.
    fn stored(doc: &Document) -> Vec<(Part, String)> {
        records(doc).into_iter().map(|(part, body)| (part, body.to_string())).collect()
    }

    /// `doc` after `action`, as the workspace makes it.
    fn after(doc: &Document, action: Action) -> Document {
        let mut ws = Workspace::with_documents(vec![doc.clone()]);
        ws.apply(action, later()).unwrap();
        ws.document(&doc.id).unwrap().clone()
    }

    /// The sample article with its first quote or claim attributed to its first actor.
    fn attributed() -> Document {
        let doc = sample::sample_document(now());
        let said = doc.annotations.iter().find(|a| a.tag != Tag::Actor).unwrap().id.clone();
        let actor = doc.annotations.iter().find(|a| a.tag == Tag::Actor).unwrap().id.clone();
        after(&doc, Action::Attribute { doc: doc.id.clone(), id: "r1".into(), from: said, to: actor })
    }

    fn words(doc: &Document, words: &str) -> (usize, usize) {
        let start = doc.text[..doc.text.find(words).unwrap()].chars().count();
        (start, start + words.chars().count())
    }

    #[test]
    fn a_document_comes_back_from_its_records_as_it_was() {
        let doc = sample::sample_document(now());
        let back = read(&doc.id, stored(&doc)).unwrap();
        assert_eq!(back.document, doc);
        assert!(back.left_out.is_empty());
        // The text is stored as it is, and the head holds neither the text nor the annotations.
        let records = stored(&doc);
        let text = &records.iter().find(|(p, _)| *p == Part::Text).unwrap().1;
        assert_eq!(text.as_str(), &*doc.text);
        let head = &records.iter().find(|(p, _)| *p == Part::Head).unwrap().1;
        assert!(head.len() < 1_000 && !head.contains(&doc.annotations[0].exact), "{head}");
        assert_eq!(records.iter().filter(|(p, _)| matches!(p, Part::Annotation(_))).count(), doc.annotations.len());
    }

    #[test]
    fn tagging_one_phrase_writes_that_annotation_and_the_head() {
        let doc = sample::sample_document(now());
        let (start, end) = words(&doc, "Nordhavn Seafood");
        let tagged =
            after(&doc, Action::AddAnnotation { doc: doc.id.clone(), id: "a-new".into(), tag: Tag::Actor, start, end });
        let write = changes(Some(&doc), &tagged);
        let parts: Vec<&Part> = write.puts.iter().map(|(p, _)| p).collect();
        assert_eq!(parts, [&Part::Head, &Part::Annotation("a-new".into())]);
        assert!(write.deletes.is_empty());
        let (_, body) = &write.puts[1];
        assert!(body.contains("\"exact\":\"Nordhavn Seafood\""), "{body}");
    }

    #[test]
    fn deleting_an_annotation_deletes_its_record_and_its_attributions() {
        let doc = attributed();
        let attributed = doc.relations.first().expect("the sample has attributions");
        let quote = attributed.from.clone();
        let gone = after(&doc, Action::DeleteAnnotation { doc: doc.id.clone(), annotation: quote.clone() });
        let write = changes(Some(&doc), &gone);
        // Its only attribution goes with it, and so does the list's record.
        assert_eq!(write.deletes, [Part::Annotation(quote), Part::Relations]);
        assert!(!write.puts.iter().any(|(p, _)| matches!(p, Part::Annotation(_))), "no other annotation is written");
        // Applying the write to the stored records gives the new document.
        assert_eq!(read(&doc.id, apply(stored(&doc), &write)).unwrap().document, gone);
    }

    /// The records after `write`.
    fn apply(mut records: Vec<(Part, String)>, write: &Write) -> Vec<(Part, String)> {
        records.retain(|(p, _)| !write.deletes.contains(p) && !write.puts.iter().any(|(q, _)| q == p));
        records.extend(write.puts.iter().map(|(p, b)| (p.clone(), b.to_string())));
        records
    }

    #[test]
    fn an_unchanged_document_writes_nothing_and_a_new_one_writes_everything() {
        let doc = sample::sample_document(now());
        assert_eq!(changes(Some(&doc), &doc.clone()), Write::default());
        let all = changes(None, &doc);
        assert_eq!(all.puts.len(), parts(&doc).len());
        let mut written: Vec<Part> = all.puts.into_iter().map(|(p, _)| p).collect();
        let mut listed = parts(&doc);
        written.sort();
        listed.sort();
        assert_eq!(written, listed, "removing a document deletes every record it has");
    }

    #[test]
    fn edits_at_either_end_and_in_between_write_just_what_they_change() {
        // The sample's annotations, each twice (one span may carry several annotations).
        let mut doc = sample::sample_document(now());
        doc.annotations = doc
            .annotations
            .iter()
            .flat_map(|a| [a.clone(), Annotation { id: format!("{}-again", a.id), ..a.clone() }])
            .collect();
        let n = doc.annotations.len();
        assert!(n >= 8, "the sample has annotations to edit");
        let id = |k: usize| doc.annotations[k].id.clone();
        let mut edited = doc.clone();
        // A note on the first, another tag on the last, the third removed, a new annotation
        // inserted before the fourth, and the fifth and sixth swapped (as a merge may order them).
        edited.annotations[0].note = Some("Check the date".into());
        let last = &mut edited.annotations[n - 1];
        last.tag = if last.tag == Tag::Claim { Tag::Quote } else { Tag::Claim };
        let mut added = edited.annotations[3].clone();
        added.id = "a-new".into();
        edited.annotations.insert(3, added);
        edited.annotations.swap(5, 6);
        edited.annotations.remove(2);
        let write = changes(Some(&doc), &edited);
        let mut written: Vec<Part> = write.puts.iter().map(|(p, _)| p.clone()).filter(|p| *p != Part::Head).collect();
        written.sort();
        let mut expected: Vec<Part> = [id(0), id(n - 1), "a-new".into()].into_iter().map(Part::Annotation).collect();
        expected.sort();
        assert_eq!(written, expected, "moved annotations that did not change are not written");
        assert_eq!(write.deletes, [Part::Annotation(id(2))]);
        assert_eq!(read(&doc.id, apply(stored(&doc), &write)).unwrap().document.annotations.len(), n);
    }

    #[test]
    fn the_last_attribution_removed_deletes_the_list_record() {
        let doc = attributed();
        let mut bare = doc.clone();
        bare.relations.clear();
        assert_eq!(changes(Some(&doc), &bare).deletes, [Part::Relations]);
        assert!(!stored(&bare).iter().any(|(p, _)| *p == Part::Relations), "no record for an empty list");
        assert_eq!(read(&bare.id, stored(&bare)).unwrap().document, bare);
    }

    #[test]
    fn a_damaged_annotation_record_is_left_out_and_named_and_the_rest_reads() {
        let doc = attributed();
        let quote = doc.relations[0].from.clone();
        let victim = doc.annotations.iter().find(|a| a.id != quote && a.tag != Tag::Actor).unwrap().id.clone();
        let mut records = stored(&doc);
        for (part, body) in &mut records {
            if *part == Part::Annotation(victim.clone()) {
                body.truncate(body.len() / 2);
            }
        }
        let back = read(&doc.id, records).unwrap();
        assert_eq!(back.document.annotations.len(), doc.annotations.len() - 1);
        assert_eq!(back.left_out.len(), 1);
        assert_eq!(back.left_out[0].part, Part::Annotation(victim));
        assert!(back.left_out[0].problem.starts_with("this is not valid JSON"), "{}", back.left_out[0].problem);
        assert_eq!(back.document.relations, doc.relations);
    }

    #[test]
    fn a_negative_start_in_an_annotation_record_names_the_field_where_the_build_can() {
        let doc = sample::sample_document(now());
        let victim = doc.annotations[0].id.clone();
        let mut records = stored(&doc);
        for (part, body) in &mut records {
            if *part == Part::Annotation(victim.clone()) {
                *body = body.replacen("\"start\":", "\"start\":-", 1);
            }
        }
        let back = read(&doc.id, records).unwrap();
        assert_eq!(back.left_out.len(), 1);
        let at = if crate::schema::FIELD_PATHS { "start" } else { crate::schema::UNNAMED_FIELD };
        let problem = &back.left_out[0].problem;
        assert!(problem.starts_with(&format!("{at}: invalid value: integer `-")), "{problem}");
        assert!(problem.ends_with("expected a whole number from 0 up"), "{problem}");
    }

    #[test]
    fn an_annotation_that_no_longer_fits_the_text_is_left_out_with_its_attributions() {
        let doc = attributed();
        let quote = doc.relations[0].from.clone();
        let mut records = stored(&doc);
        for (part, body) in &mut records {
            if *part == Part::Annotation(quote.clone()) {
                let mut a: Value = serde_json::from_str(body).unwrap();
                a["exact"] = "words that are not there".into();
                *body = a.to_string();
            }
        }
        let back = read(&doc.id, records).unwrap();
        assert!(back.document.annotation(&quote).is_none());
        assert!(back.document.relations.iter().all(|r| r.from != quote));
        let problems: Vec<&str> = back.left_out.iter().map(|l| l.problem.as_str()).collect();
        assert!(problems[0].contains("says its text is \"words that are not there\""), "{problems:?}");
        assert!(problems[1..].iter().all(|p| p.contains("could not be read")), "{problems:?}");
        assert!(back.left_out[1..].iter().all(|l| l.part == Part::Relations));
    }

    #[test]
    fn a_damaged_head_or_missing_text_makes_the_document_unreadable() {
        let doc = sample::sample_document(now());
        let mut records = stored(&doc);
        records.retain(|(p, _)| *p != Part::Text);
        assert_eq!(read(&doc.id, records).unwrap_err().to_string(), "the article's text record is missing");
        let mut records = stored(&doc);
        for (part, body) in &mut records {
            if *part == Part::Head {
                *body = body.replace("\"schema_version\":3", "\"schema_version\":9");
            }
        }
        assert!(read(&doc.id, records)
            .unwrap_err()
            .to_string()
            .contains("saved by a newer Newsmark (schema version 9)"));
        assert!(read("another-id", stored(&doc)).unwrap_err().to_string().contains("stored under another-id"));
    }

    #[test]
    fn students_copies_come_back_with_their_assignments_as_their_saved_files_do() {
        for (name, copy) in crate::sample_exercise::sample_student_sets(now()) {
            assert!(copy.assignment.is_some(), "{name}");
            let back = read(&copy.id, stored(&copy)).unwrap().document;
            assert_eq!(back, copy, "{name}");
            assert_eq!(back, load_document(&document_to_compact_json(&copy)).unwrap(), "{name}");
        }
    }
}
