//! What a student's copy of an exercise carries besides the article: the instructions, the
//! codebook, the student's name, the teacher's answer key over the same text (in the open,
//! sealed with a passphrase, or left out), and the record of the first check.
//!
//! These are plain data, defined beside [`Document`] because a document holds them;
//! [`crate::exercise`] builds exercises on them and [`crate::agreement`] does the checking.

use super::{Annotation, Document, Entity, Reading, Relation, Tag};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One entry of a codebook: what a tag means, with an example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodebookEntry {
    pub tag: Tag,
    pub definition: String,
    pub example: String,
}

/// The teacher's answer key: annotations, attributions and actors over the text of the
/// article it belongs to. It has no text, title or assignment of its own; in a student's
/// copy its spans count code points of that document's text. Its notes are the
/// explanations the student sees for each key span after checking.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerKey {
    /// Always kept in [`Annotation::text_order`].
    pub annotations: Vec<Annotation>,
    /// Each links two of the key's annotations.
    pub relations: Vec<Relation>,
    /// The actors that the key's actor annotations name.
    pub entities: Vec<Entity>,
}

impl AnswerKey {
    /// The key made of a teacher's annotated document: its placed annotations, the
    /// attributions between them and its actors. Orphans (imported spans never placed in
    /// the text) and the attributions that touch them are left out: a key span must lie
    /// in the text to be matched.
    pub fn of(doc: &Document) -> AnswerKey {
        let placed: HashSet<&str> = doc.annotations.iter().map(|a| a.id.as_str()).collect();
        AnswerKey {
            annotations: doc.annotations.clone(),
            relations: doc
                .relations
                .iter()
                .filter(|r| placed.contains(r.from.as_str()) && placed.contains(r.to.as_str()))
                .cloned()
                .collect(),
            entities: doc.entities.clone(),
        }
    }

    /// The key's annotations, attributions and actors, read as one annotator's work.
    pub fn reading(&self) -> Reading<'_> {
        Reading { annotations: &self.annotations, relations: &self.relations, entities: &self.entities }
    }

    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.reading().annotation(id)
    }
}

/// What a student's copy of an exercise carries besides the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub instructions: String,
    pub codebook: Vec<CodebookEntry>,
    /// The id of the exercise this copy was made of, the same in every student's copy of
    /// it (and the id of the teacher's annotated document it was made from); `None` in
    /// copies saved before Newsmark recorded it (schema version 2 and earlier).
    pub exercise_id: Option<String>,
    /// The name the student gave on opening the exercise; `None` until then.
    pub student: Option<String>,
    /// The teacher's answer over the document's own text, as far as the student may have it.
    pub key: Key,
    /// The first check, kept as it was then: later edits and undo never change it.
    pub checked: Option<Checked>,
    /// Whether the student may ask for suggestions (quotes, speakers, claim cues) in this
    /// copy: the teacher's choice in the exercise file; `false` in files that do not say.
    pub allow_suggestions: bool,
}

/// The answer key as a student's copy (or the exercise file handed out) carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// In the work, readable: a practice exercise, or a sealed key once unlocked.
    Open(AnswerKey),
    /// Encrypted with a passphrase the teacher gives out after the deadline.
    Sealed(SealedKey),
    /// Not in the work at all: the teacher checks the work against their own key.
    Withheld,
}

impl Key {
    /// The key, where the work may read it.
    pub fn open(&self) -> Option<&AnswerKey> {
        match self {
            Key::Open(key) => Some(key),
            Key::Sealed(_) | Key::Withheld => None,
        }
    }
}

/// An answer key sealed with a passphrase: the key's saved JSON encrypted with AES-256-GCM
/// under a key derived from the passphrase by PBKDF2-HMAC-SHA256 (see [`crate::seal`]).
/// Any change to these bytes makes opening fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedKey {
    /// PBKDF2 rounds the passphrase goes through.
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub nonce: Vec<u8>,
    /// The encrypted key followed by the 16-byte authentication tag.
    pub ciphertext: Vec<u8>,
}

/// The record of the first check of a student's work against the key, kept in the work as
/// it was then. Scores are computed where the check happens ([`crate::agreement`], asked by
/// the workspace), never when the work is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// When the work was checked; `None` for work checked before Newsmark recorded it
    /// (schema version 1).
    pub at: Option<Timestamp>,
    /// The scores at that check; `None` for a version 1 file that carried none. (Version 1
    /// wrote the scores of the work as saved, which a migrated file keeps.)
    pub scores: Option<Scores>,
    /// The student's annotations, attributions and actors at that check, so that the
    /// teacher can score them again against their own key; `None` for work checked before
    /// Newsmark kept them (schema version 2 and earlier).
    pub work: Option<Snapshot>,
}

/// A student's annotations, attributions and actors as they were at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// In [`Annotation::text_order`], as in the document.
    pub annotations: Vec<Annotation>,
    pub relations: Vec<Relation>,
    pub entities: Vec<Entity>,
}

impl Snapshot {
    /// The document's annotations, attributions and actors as they are now.
    pub fn of(doc: &Document) -> Snapshot {
        Snapshot {
            annotations: doc.annotations.clone(),
            relations: doc.relations.clone(),
            entities: doc.entities.clone(),
        }
    }

    /// The snapshot read as one annotator's work.
    pub fn reading(&self) -> Reading<'_> {
        Reading { annotations: &self.annotations, relations: &self.relations, entities: &self.entities }
    }
}

/// The figures of one check: counts per tag and overall, and attribution accuracy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    /// Indexed by `tag as usize`.
    pub per_tag: [Prf; 3],
    /// The sum over the tags.
    pub overall: Prf,
    /// Of the matched quotes and claims that the key attributes to an actor, how many the
    /// student attributed to the same actor…
    pub attributions_correct: usize,
    /// …and how many there are.
    pub attributions_scored: usize,
}

/// Counts of true positives (matched spans), false positives (extra student spans) and
/// false negatives (missed key spans), with the figures made from them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    /// tp / (tp + fp): the share of the student's spans that match the key; `None` when
    /// the student has no spans.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn): the share of the key's spans that the student found; `None` when
    /// the key has no spans.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// 2·tp / (2·tp + fp + fn), the harmonic mean of precision and recall (0 when either is
    /// 0); `None` when neither side has any spans.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}
