//! Exercises: an article, instructions, a codebook and the teacher's answer key, handed
//! out as one file. A student who opens it gets a fresh copy of the article to annotate,
//! with the key kept aside (see [`Assignment`]) until the work is checked.
//!
//! The key is the teacher's annotated document: its notes are the explanations the
//! student sees for each key span after checking. The key travels inside the student's
//! copy so that checking works offline; a determined student could read it in the
//! file, which is acceptable for practice, not for exams.

use crate::model::{Document, Tag};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One entry of a codebook: what a tag means, with an example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodebookEntry {
    pub tag: Tag,
    pub definition: String,
    pub example: String,
}

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

/// What a student's copy of an exercise carries besides the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub instructions: String,
    pub codebook: Vec<CodebookEntry>,
    /// The teacher's annotated document; its notes explain why each span matters.
    pub key: Document,
    /// Whether the student has asked to check the work (the key is then shown).
    pub checked: bool,
}

/// An exercise as a teacher makes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exercise {
    pub instructions: String,
    pub codebook: Vec<CodebookEntry>,
    pub key: Document,
}

impl Exercise {
    /// The student's starting point: the article without annotations, with the key aside.
    pub fn start(&self, id: impl Into<String>, now: Timestamp) -> Document {
        let mut doc = Document::new(id, self.key.title.clone(), self.key.text.clone(), now);
        doc.source_url = self.key.source_url.clone();
        doc.byline = self.key.byline.clone();
        let mut key = self.key.clone();
        key.assignment = None;
        doc.assignment = Some(Box::new(Assignment {
            instructions: self.instructions.clone(),
            codebook: self.codebook.clone(),
            key,
            checked: false,
        }));
        doc
    }
}
