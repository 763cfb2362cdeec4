//! What the teacher's Class view reads: the roster and the exercise (with its key) from
//! the teacher database, and each student's progress from their assembled work.
//!
//! The teacher database (`newsmark-<slug>-teacher`, readable by the teacher only) holds
//! one `student:<username>` record per student (name, username, database) and the
//! `exercise` record, the exercise file as the teacher gave it, key included.

use super::records::Assembled;
pub use super::roster::Student;
use crate::exercise::Exercise;
use crate::model::Tag;
use crate::schema;
use crate::time::Timestamp;
use serde_json::Value;

/// The teacher database read: the students in roster order (the order they were added,
/// then by name), and the exercise, or why it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct TeacherRecords {
    pub students: Vec<Student>,
    pub exercise: Result<Exercise, String>,
}

/// Reads the rows of `_all_docs?include_docs=true` on the teacher database.
pub fn read_teacher_records(all_docs: &Value) -> TeacherRecords {
    let rows = all_docs.get("rows").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let docs = rows.iter().filter_map(|row| row.get("doc"));
    let mut students: Vec<Student> = Vec::new();
    let mut exercise = Err("the class has no exercise yet: run newsmark class create with --exercise".to_owned());
    for doc in docs {
        match doc.get("type").and_then(Value::as_str) {
            Some("student") => students.extend(Student::from_record(doc)),
            Some("exercise") => {
                exercise = match doc.get("exercise") {
                    Some(file) => schema::load_exercise(&file.to_string())
                        .map_err(|e| format!("the class's exercise could not be read: {e}")),
                    None => Err("the class's exercise record holds no exercise".to_owned()),
                };
            }
            _ => {}
        }
    }
    crate::order::sort_by(&mut students, |a, b| a.added.cmp(&b.added).then_with(|| a.name.cmp(&b.name)));
    TeacherRecords { students, exercise }
}

/// How far a student has got, as the roster shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Annotations made, per tag (claim, quote, actor).
    pub per_tag: [usize; 3],
    /// The time of their newest record: their last change the server has; `None` while
    /// they have changed nothing since the work was handed out.
    pub last_change: Option<Timestamp>,
    pub handed_in: Option<Timestamp>,
    /// When they first checked their work, if they have.
    pub first_check: Option<Timestamp>,
}

impl Progress {
    pub fn of(work: &Assembled) -> Progress {
        let doc = &work.document;
        Progress {
            per_tag: doc.counts(),
            last_change: (doc.updated > doc.created).then_some(doc.updated),
            handed_in: work.handed_in,
            first_check: doc.assignment.as_ref().and_then(|a| a.checked.as_ref()).and_then(|c| c.at),
        }
    }

    /// Annotations made, all tags.
    pub fn annotations(&self) -> usize {
        self.per_tag.iter().sum()
    }

    /// "3 claims, 1 quote, 0 actors".
    pub fn summary(&self) -> String {
        Tag::ALL
            .iter()
            .map(|t| {
                let n = self.per_tag[*t as usize];
                let word = t.as_str();
                if n == 1 {
                    format!("{n} {word}")
                } else {
                    format!("{n} {word}s")
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::class::records::{self, assemble, Stored};
    use crate::exercise::KeyDelivery;
    use crate::sample_exercise;
    use crate::workspace::{Action, Workspace};
    use serde_json::json;

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-29T10:00:00.000Z").unwrap()
    }

    fn later() -> Timestamp {
        Timestamp::parse("2026-11-29T10:20:00.000Z").unwrap()
    }

    fn all_docs(docs: Vec<Value>) -> Value {
        json!({ "rows": docs.into_iter().map(|d| json!({ "id": d["_id"], "doc": d })).collect::<Vec<_>>() })
    }

    #[test]
    fn the_roster_lists_students_in_the_order_they_were_added_and_the_exercise_keeps_its_key() {
        let exercise = sample_exercise::sample_exercise(now());
        let file: Value = serde_json::from_str(&schema::exercise_to_json(&exercise)).unwrap();
        let read = read_teacher_records(&all_docs(vec![
            json!({ "_id": "exercise", "type": "exercise", "exercise": file }),
            json!({ "_id": "student:zoe-a1b2", "type": "student", "name": "Zoë", "username": "zoe-a1b2",
                    "password": "p", "database": "newsmark-7b-q", "added": "2026-11-29T09:00:00.000Z" }),
            json!({ "_id": "student:li-9x8y", "type": "student", "name": "Li Wei 李伟", "username": "li-9x8y",
                    "password": "p", "database": "newsmark-7b-k", "added": "2026-11-30T09:00:00.000Z" }),
        ]));
        let names: Vec<&str> = read.students.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Zoë", "Li Wei 李伟"], "a student added later comes last");
        assert_eq!(read.students[1].database, "newsmark-7b-k");
        assert!(read.exercise.unwrap().key.open().is_some());
    }

    #[test]
    fn a_teacher_database_without_an_exercise_says_so() {
        let read = read_teacher_records(&all_docs(vec![]));
        assert!(read.students.is_empty());
        assert!(read.exercise.unwrap_err().contains("no exercise"));
    }

    #[test]
    fn progress_counts_each_tag_and_says_when_the_work_was_handed_in() {
        let exercise = sample_exercise::sample_exercise(now()).handed_out(KeyDelivery::Withheld).unwrap();
        let copy = exercise.start("newsmark-7b", now());
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(copy.clone()), now()).unwrap();
        let words = "library";
        let start = copy.text[..copy.text.find(words).unwrap()].chars().count();
        ws.apply(
            Action::AddAnnotation { doc: copy.id.clone(), id: "a1".into(), tag: Tag::Actor, start, end: start + 7 },
            later(),
        )
        .unwrap();
        let mut records = records::of_document(ws.document(&copy.id).unwrap());
        records.insert("handin".into(), json!({ "type": "handin", "at": "2026-11-29T10:30:00.000Z" }));
        let stored: Vec<Stored> =
            records.into_iter().map(|(id, body)| Stored { id, rev: "1-a".into(), body, conflicts: vec![] }).collect();
        let progress = Progress::of(&assemble(&stored).unwrap());
        assert_eq!(progress.summary(), "0 claims, 0 quotes, 1 actor");
        assert_eq!(progress.annotations(), 1);
        assert_eq!(progress.last_change, Some(later()));
        assert_eq!(progress.handed_in.unwrap().to_string(), "2026-11-29T10:30:00.000Z");
        assert_eq!(progress.first_check, None);
    }

    #[test]
    fn a_student_who_has_not_started_has_no_last_change() {
        let exercise = sample_exercise::sample_exercise(now()).handed_out(KeyDelivery::Withheld).unwrap();
        let stored: Vec<Stored> = records::of_document(&exercise.start("newsmark-7b", now()))
            .into_iter()
            .map(|(id, body)| Stored { id, rev: "1-a".into(), body, conflicts: vec![] })
            .collect();
        let progress = Progress::of(&assemble(&stored).unwrap());
        assert_eq!((progress.annotations(), progress.last_change, progress.handed_in), (0, None, None));
    }
}
