//! Reveal: the answer key and the class's readings, published by the teacher to the class
//! database as the `reveal` record, and read back by each student's copy.
//!
//! ```json
//! { "type": "reveal", "at": "2026-11-29T11:00:00.000Z",
//!   "key": { "annotations": […], "relations": […], "entities": […] },
//!   "comparison": { "anonymised": true,
//!                   "readings": [ { "label": "Student 1", "annotations": […], … } ] } }
//! ```
//!
//! `key` and each reading are written as [`schema::key_to_json`] writes an answer key (the
//! key's notes are its explanations). Anonymised readings are labelled "Student 1",
//! "Student 2", … in the order of the students' database names, which are random, so the
//! numbers follow neither the roster nor who handed in first; their notes, which could
//! name someone, are left out. Named readings follow the roster and keep their notes.

use crate::exercise::AnswerKey;
use crate::model::Document;
use crate::schema;
use crate::time::Timestamp;
use serde_json::{json, Value};

/// The id of the record in the class database.
pub const REVEAL: &str = "reveal";

/// One student's work offered for the class comparison.
#[derive(Clone, Copy, Debug)]
pub struct Work<'a> {
    pub name: &'a str,
    /// The student's database: the order of anonymised readings.
    pub database: &'a str,
    pub document: &'a Document,
}

/// Why nothing was revealed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NothingToReveal;

impl std::fmt::Display for NothingToReveal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("No student has annotated anything yet, so there is no class picture to reveal.")
    }
}

/// The `reveal` record: the key, and the students' work as readings, named or anonymised.
/// Refused while no student has made an annotation.
pub fn record(at: Timestamp, key: &AnswerKey, work: &[Work], anonymised: bool) -> Result<Value, NothingToReveal> {
    if work.iter().all(|w| w.document.annotations.is_empty()) {
        return Err(NothingToReveal);
    }
    let mut ordered: Vec<&Work> = work.iter().collect();
    if anonymised {
        crate::order::sort_by_key(&mut ordered, |w| w.database);
    }
    let readings: Vec<Value> = ordered
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut reading = AnswerKey::of(w.document);
            if anonymised {
                for a in &mut reading.annotations {
                    a.note = None;
                }
            }
            let mut value = key_value(&reading);
            let label = if anonymised { format!("Student {}", i + 1) } else { w.name.to_owned() };
            value["label"] = json!(label);
            value
        })
        .collect();
    Ok(json!({
        "type": "reveal",
        "at": at,
        "key": key_value(key),
        "comparison": { "anonymised": anonymised, "readings": readings },
    }))
}

fn key_value(key: &AnswerKey) -> Value {
    serde_json::from_str(&schema::key_to_json(key)).expect("a key is JSON")
}

/// A `reveal` record read against the article's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Reveal {
    pub at: Timestamp,
    pub key: AnswerKey,
    pub anonymised: bool,
    /// Each reading's label and spans.
    pub readings: Vec<(String, AnswerKey)>,
}

/// Reads a `reveal` record over `text` (the article of the student's copy), checking every
/// span as a sealed key is checked when it opens. A reading that does not fit the text is
/// left out of the picture; a key that does not fit refuses the whole record.
pub fn read(record: &Value, text: &str) -> Result<Reveal, String> {
    let at = record
        .get("at")
        .and_then(Value::as_str)
        .and_then(|at| Timestamp::parse(at).ok())
        .ok_or("the published key has no time")?;
    let key = record.get("key").ok_or("the published record holds no key")?;
    let key = schema::load_key(&key.to_string(), text)
        .map_err(|e| format!("the published key does not fit this article: {e}"))?;
    let comparison = record.get("comparison");
    let anonymised = comparison.and_then(|c| c.get("anonymised")).and_then(Value::as_bool).unwrap_or(true);
    let readings = comparison
        .and_then(|c| c.get("readings"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|r| {
            let label = r.get("label").and_then(Value::as_str)?.to_owned();
            let mut spans = r.clone();
            spans.as_object_mut()?.remove("label");
            Some((label, schema::load_key(&spans.to_string(), text).ok()?))
        })
        .collect();
    Ok(Reveal { at, key, anonymised, readings })
}

impl Reveal {
    /// The class picture's annotators as documents over `article`'s text: the answer key
    /// first ("Answer key"), then each reading under its label.
    pub fn documents(&self, article: &Document) -> Vec<Document> {
        let as_document = |id: String, title: &str, key: &AnswerKey| Document {
            annotations: key.annotations.clone(),
            relations: key.relations.clone(),
            entities: key.entities.clone(),
            ..Document::new(id, title, article.text.clone(), self.at)
        };
        std::iter::once(as_document(format!("answer-key:{}", article.id), "Answer key", &self.key))
            .chain(
                self.readings
                    .iter()
                    .enumerate()
                    .map(|(i, (label, key))| as_document(format!("reading:{i}"), label, key)),
            )
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::KeyDelivery;
    use crate::sample_exercise;
    use crate::workspace::{Action, Workspace};
    use crate::Tag;

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-29T10:00:00.000Z").unwrap()
    }

    /// A student's copy of the sample exercise with `words` tagged as a claim, noted.
    fn work(id: &str, words: &str, note: &str) -> Document {
        let exercise = sample_exercise::sample_exercise(now()).handed_out(KeyDelivery::Withheld).unwrap();
        let copy = exercise.start(id, now());
        let start = copy.text[..copy.text.find(words).unwrap()].chars().count();
        let end = start + words.chars().count();
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(copy.clone()), now()).unwrap();
        ws.apply(Action::AddAnnotation { doc: id.into(), id: "a1".into(), tag: Tag::Claim, start, end }, now())
            .unwrap();
        ws.apply(Action::EditNote { doc: id.into(), annotation: "a1".into(), note: note.into() }, now()).unwrap();
        ws.document(id).unwrap().clone()
    }

    fn key() -> AnswerKey {
        sample_exercise::sample_exercise(now()).key.open().unwrap().clone()
    }

    #[test]
    fn an_anonymised_reveal_numbers_students_by_their_random_database_and_drops_their_notes() {
        let li = work("c", "library", "Li Wei thinks so");
        let zoe = work("c", "council", "Zoë's guess");
        let students = [
            Work { name: "Li Wei 李伟", database: "newsmark-7b-zz", document: &li },
            Work { name: "Zoë", database: "newsmark-7b-aa", document: &zoe },
        ];
        let record = record(now(), &key(), &students, true).unwrap();
        assert_eq!(record["type"], "reveal");
        let readings = record["comparison"]["readings"].as_array().unwrap();
        assert_eq!(readings[0]["label"], "Student 1");
        assert_eq!(readings[0]["annotations"][0]["exact"], "council", "Zoë's database sorts first");
        assert!(!record.to_string().contains("Li Wei") && !record.to_string().contains("Zoë"));

        let named = super::record(now(), &key(), &students, false).unwrap();
        assert_eq!(named["comparison"]["readings"][0]["label"], "Li Wei 李伟");
        assert_eq!(named["comparison"]["readings"][0]["annotations"][0]["note"], "Li Wei thinks so");
    }

    #[test]
    fn reveal_is_refused_before_any_student_has_annotated() {
        let exercise = sample_exercise::sample_exercise(now()).handed_out(KeyDelivery::Withheld).unwrap();
        let blank = exercise.start("c", now());
        let students = [Work { name: "Li", database: "d", document: &blank }];
        assert_eq!(record(now(), &key(), &students, true), Err(NothingToReveal));
        assert_eq!(record(now(), &key(), &[], true), Err(NothingToReveal));
    }

    #[test]
    fn a_student_reads_the_published_key_and_the_class_picture_over_their_copy() {
        let li = work("c", "library", "");
        let record = record(now(), &key(), &[Work { name: "Li", database: "d", document: &li }], true).unwrap();
        let reveal = read(&record, &li.text).unwrap();
        assert_eq!(reveal.key, key());
        assert!(reveal.anonymised);
        let docs = reveal.documents(&li);
        let titles: Vec<&str> = docs.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["Answer key", "Student 1"]);
        assert_eq!(docs[1].annotations[0].exact, "library");
    }

    #[test]
    fn a_published_key_for_another_article_is_refused_with_a_reason() {
        let li = work("c", "library", "");
        let record = record(now(), &key(), &[Work { name: "Li", database: "d", document: &li }], true).unwrap();
        let err = read(&record, "A different, much shorter article.").unwrap_err();
        assert!(err.contains("does not fit this article"), "{err}");
    }

    #[test]
    fn a_copy_receives_the_published_key_for_good_and_a_later_reveal_replaces_it() {
        let li = work("c", "library", "");
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(li), now()).unwrap();
        let undo_before = ws.can_undo();
        ws.apply(Action::ReceiveKey { doc: "c".into(), key: key() }, now()).unwrap();
        assert_eq!(ws.document("c").unwrap().assignment.as_ref().unwrap().key.open(), Some(&key()));
        assert_eq!(ws.can_undo(), undo_before, "receiving the key is not an edit to undo");
        ws.apply(Action::CheckExercise { doc: "c".into() }, now()).unwrap();
        assert!(ws.document("c").unwrap().assignment.as_ref().unwrap().checked.is_some());

        let mut fewer = key();
        fewer.annotations.truncate(1);
        fewer.relations.clear();
        fewer.entities.clear();
        ws.apply(Action::ReceiveKey { doc: "c".into(), key: fewer.clone() }, now()).unwrap();
        assert_eq!(ws.document("c").unwrap().assignment.as_ref().unwrap().key.open(), Some(&fewer));
    }
}
