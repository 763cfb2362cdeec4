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
