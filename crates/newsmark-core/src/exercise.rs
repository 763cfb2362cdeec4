//! Exercises: an article, instructions, a codebook and the teacher's answer key, handed
//! out as one file. A student who opens it gets a fresh copy of the article to annotate,
//! with the key kept aside (see [`Assignment`]) until the work is checked.
//!
//! The key is the teacher's annotations of the article, without a text of its own: the
//! exercise carries the article once, and a student's copy anchors the key to its own
//! text. The key's notes are the explanations the student sees for each key span after
//! checking. The key travels inside the student's copy so that checking works offline; a
//! determined student could read it in the file, which is acceptable for practice, not
//! for exams.
//!
//! The data a student's copy carries ([`Assignment`], [`AnswerKey`], [`Checked`]) is
//! defined in [`crate::model::assignment`], beside the document that holds it; this
//! module builds on it, and the model does not depend on this module.

use crate::agreement::{self, Verdict};
pub use crate::model::assignment::{AnswerKey, Assignment, Checked, CodebookEntry};
use crate::model::{Document, Tag};
use crate::time::Timestamp;
use std::sync::Arc;

/// The codebook shown where people tag, unless an exercise brings its own.
pub fn default_codebook() -> Vec<CodebookEntry> {
    vec![
        CodebookEntry {
            tag: Tag::Claim,
            definition: "A statement presented as true that a reader could check or dispute: a fact, a number, a prediction or a judgement.".into(),
            example: "Each night crossing costs the city about €410.".into(),
        },
        CodebookEntry {
            tag: Tag::Quote,
            definition: "Words the article attributes to someone, in quotation marks (direct) or reported (indirect). Tag the words, then link the speaker.".into(),
            example: "“We cannot keep spending money on empty boats,” Lindqvist said.".into(),
        },
        CodebookEntry {
            tag: Tag::Actor,
            definition: "A person, organisation, government or unnamed source who speaks or acts in the story. Tag every mention, including “the minister” and “an official”.".into(),
            example: "Councillor Petra Lindqvist; the transport department; an official who asked not to be named.".into(),
        },
    ]
}

/// An exercise as a teacher makes it: the article once, and the answer key over its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exercise {
    /// The id each student's copy starts with.
    pub id: String,
    pub title: String,
    pub source_url: Option<String>,
    pub byline: Option<String>,
    pub text: Arc<str>,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub instructions: String,
    pub codebook: Vec<CodebookEntry>,
    /// The teacher's annotations of `text`.
    pub key: AnswerKey,
}

impl Exercise {
    /// The exercise a teacher makes of an annotated document: its article, and its
    /// annotations (see [`AnswerKey::of`]) as the key.
    pub fn from_document(doc: &Document, instructions: String, codebook: Vec<CodebookEntry>) -> Exercise {
        Exercise {
            id: doc.id.clone(),
            title: doc.title.clone(),
            source_url: doc.source_url.clone(),
            byline: doc.byline.clone(),
            text: doc.text.clone(),
            created: doc.created,
            updated: doc.updated,
            instructions,
            codebook,
            key: AnswerKey::of(doc),
        }
    }

    /// The article without annotations, as a new document.
    fn article(&self, id: impl Into<String>, now: Timestamp) -> Document {
        Document {
            source_url: self.source_url.clone(),
            byline: self.byline.clone(),
            ..Document::new(id, self.title.clone(), self.text.clone(), now)
        }
    }

    /// The student's starting point: the article without annotations, with the key aside.
    pub fn start(&self, id: impl Into<String>, now: Timestamp) -> Document {
        Document {
            assignment: Some(Box::new(Assignment {
                instructions: self.instructions.clone(),
                codebook: self.codebook.clone(),
                key: self.key.clone(),
                checked: None,
            })),
            ..self.article(id, now)
        }
    }

    /// The answer key as a document of its own (the article with the key's annotations,
    /// as the teacher made it), for comparing students' work with it.
    pub fn key_document(&self) -> Document {
        with_key(Document { updated: self.updated, ..self.article(self.id.clone(), self.created) }, &self.key)
    }
}

/// The answer key of a student's copy as a document of its own: the same article (the
/// text is shared, not copied) with the key's annotations, titled "Answer key", so that
/// it can join a comparison among students' documents as one more annotator. `None` when
/// the document is not a student's copy.
pub fn key_document(student: &Document) -> Option<Document> {
    let assignment = student.assignment.as_ref()?;
    let article = Document {
        source_url: student.source_url.clone(),
        byline: student.byline.clone(),
        ..Document::new(format!("answer-key:{}", student.id), "Answer key", student.text.clone(), student.created)
    };
    Some(with_key(article, &assignment.key))
}

fn with_key(article: Document, key: &AnswerKey) -> Document {
    Document {
        annotations: key.annotations.clone(),
        relations: key.relations.clone(),
        entities: key.entities.clone(),
        ..article
    }
}

/// How a span of feedback is outlined in the article after checking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outline {
    /// A key span the student did not tag (drawn where the key has it).
    Missed,
    /// The student tagged the key span's words with another tag (drawn on the student's span).
    WrongTag,
}

/// One outline in the article: where, what kind, and the key span it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outlined {
    pub start: usize,
    pub end: usize,
    pub outline: Outline,
    /// The key span's id…
    pub key: String,
    /// …and its tag, what the student should have tagged.
    pub tag: Tag,
}

/// The spans a checked student's copy outlines in its article, in text order: each key
/// span the student missed, and each span the student tagged with a different tag than
/// the key. Empty until the work is checked, and for a document that is no student's copy.
/// The feedback list and the outlines come from the same check ([`agreement::check`]).
pub fn outlines(work: &Document) -> Vec<Outlined> {
    let Some(assignment) = work.assignment.as_deref() else { return Vec::new() };
    if assignment.checked.is_none() {
        return Vec::new();
    }
    let key = &assignment.key;
    agreement::check(key, work)
        .verdicts
        .iter()
        .filter_map(|v| {
            let (outline, k, span) = match v {
                Verdict::Missed { key: k } => (Outline::Missed, key.annotation(k)?, key.annotation(k)?),
                Verdict::WrongTag { key: k, student } => {
                    (Outline::WrongTag, key.annotation(k)?, work.annotation(student)?)
                }
                _ => return None,
            };
            Some(Outlined { start: span.start, end: span.end, outline, key: k.id.clone(), tag: k.tag })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup;
    use crate::model::Annotation;
    use crate::workspace::{Action, Workspace};

    const NOW: Timestamp = Timestamp(0);

    /// The teacher's document of `markup`, spans `k0`, `k1`, … with attributions `(from, to)`.
    fn teachers(markup: &str, attributions: &[(&str, &str)]) -> Document {
        let (text, spans) = markup::parse(markup);
        let mut ws = Workspace::with_documents(vec![Document::new("t", "Ferry vote", text, NOW)]);
        for (i, (tag, start, end)) in spans.into_iter().enumerate() {
            ws.apply(Action::AddAnnotation { doc: "t".into(), id: format!("k{i}"), tag, start, end }, NOW).unwrap();
        }
        for (n, (from, to)) in attributions.iter().enumerate() {
            let (id, from, to) = (format!("r{n}"), from.to_string(), to.to_string());
            ws.apply(Action::Attribute { doc: "t".into(), id, from, to }, NOW).unwrap();
        }
        ws.document("t").unwrap().clone()
    }

    fn exercise_of(doc: &Document) -> Exercise {
        Exercise::from_document(doc, "Tag the quotes.".into(), default_codebook())
    }

    #[test]
    fn a_students_copy_has_the_article_once_and_the_key_aside() {
        let doc = teachers("[actor:Ruiz] said [quote:“no more ferries”].", &[("k1", "k0")]);
        let exercise = exercise_of(&doc);
        let copy = exercise.start("s1", Timestamp(5));
        assert_eq!((copy.id.as_str(), &*copy.text, copy.created), ("s1", "Ruiz said “no more ferries”.", Timestamp(5)));
        assert!(Arc::ptr_eq(&copy.text, &exercise.text), "the text is shared, not copied");
        assert!(copy.annotations.is_empty() && copy.relations.is_empty());
        let assignment = copy.assignment.as_deref().unwrap();
        assert_eq!(assignment.key.annotations, doc.annotations);
        assert_eq!(assignment.key.reading().attributed_actor("k1").map(|a| a.exact.as_str()), Some("Ruiz"));
        assert_eq!(assignment.checked, None);
    }

    #[test]
    fn an_exercise_leaves_out_the_teachers_orphans_and_their_attributions() {
        let mut doc = teachers("[actor:Ruiz] said [quote:“no more ferries”].", &[("k1", "k0")]);
        let orphan = Annotation { id: "lost".into(), ..doc.annotations[0].clone() };
        doc.orphans.push(orphan);
        doc.relations[0].to = "lost".into();
        let key = exercise_of(&doc).key;
        assert_eq!(key.annotations.len(), 2);
        assert!(key.relations.is_empty(), "the attribution to an orphan goes with it");
    }

    #[test]
    fn the_key_joins_a_comparison_as_a_document_over_the_same_text() {
        let doc = teachers("[actor:Ruiz] said [quote:“no more ferries”].", &[("k1", "k0")]);
        let exercise = exercise_of(&doc);
        let copy = exercise.start("s1", NOW);
        let key = key_document(&copy).expect("a student's copy has a key");
        assert_eq!((key.id.as_str(), key.title.as_str()), ("answer-key:s1", "Answer key"));
        assert!(Arc::ptr_eq(&key.text, &copy.text));
        assert_eq!((&key.annotations, &key.relations), (&doc.annotations, &doc.relations));
        assert_eq!(key.assignment, None, "a key has no assignment of its own");
        assert_eq!(key_document(&doc), None, "the teacher's own document is no student's copy");
        // The exercise's own view of its key is the teacher's document, annotations and all.
        assert_eq!(exercise.key_document(), doc);
    }
    #[test]
    fn after_checking_missed_key_spans_and_wrongly_tagged_words_are_outlined() {
        let doc = teachers("[actor:Ruiz] said [quote:“no more ferries”]. [claim:The vote is on Monday].", &[]);
        let mut ws = Workspace::with_documents(vec![exercise_of(&doc).start("s", NOW)]);
        let k1 = doc.annotations[1].clone();
        // The student tags the quote's words as a claim, and leaves Ruiz and the vote out.
        let (start, end) = (k1.start, k1.end);
        ws.apply(Action::AddAnnotation { doc: "s".into(), id: "mine".into(), tag: Tag::Claim, start, end }, NOW)
            .unwrap();
        assert!(outlines(ws.document("s").unwrap()).is_empty(), "nothing is outlined before checking");
        ws.apply(Action::CheckExercise { doc: "s".into() }, NOW).unwrap();
        let work = ws.document("s").unwrap();
        let found: Vec<(Outline, &str, Tag)> = outlines(work)
            .iter()
            .map(|o| (o.outline, crate::offsets::slice(&work.text, o.start, o.end).unwrap(), o.tag))
            .collect();
        assert_eq!(
            found,
            [
                (Outline::Missed, "Ruiz", Tag::Actor),
                (Outline::WrongTag, "“no more ferries”", Tag::Quote),
                (Outline::Missed, "The vote is on Monday", Tag::Claim)
            ]
        );
        let wrong = &outlines(ws.document("s").unwrap())[1];
        assert_eq!((wrong.start, wrong.end, wrong.key.as_str()), (start, end, "k1"), "drawn on the student's span");
        assert!(outlines(&doc).is_empty(), "a teacher's document has no feedback");
    }
}
