//! Exercises: an article, instructions, a codebook and the teacher's answer key, handed
//! out as one file. A student who opens it gets a fresh copy of the article to annotate,
//! with the key kept aside (see [`Assignment`]) until the work is checked.
//!
//! The key is the teacher's annotations of the article, without a text of its own: the
//! exercise carries the article once, and a student's copy anchors the key to its own
//! text. The key's notes are the explanations the student sees for each key span after
//! checking. How the key travels is the teacher's choice ([`KeyDelivery`]): in the open
//! for practice (checking works offline, and a determined student could read the key in
//! the file), sealed with a passphrase given out after the deadline ([`crate::seal`]), or
//! not at all, the teacher checking the work against their own key.
//!
//! The first check is for good: its time, scores and the work as it was then are kept
//! ([`Checked`]); later edits are allowed, and [`after_check`] says which they are.
//!
//! The data a student's copy carries ([`Assignment`], [`AnswerKey`], [`Checked`]) is
//! defined in [`crate::model::assignment`], beside the document that holds it; this
//! module builds on it, and the model does not depend on this module.

use crate::agreement::{self, Verdict};
pub use crate::model::assignment::{AnswerKey, Assignment, Checked, CodebookEntry, Key, SealedKey, Snapshot};
use crate::model::{Annotation, Document, Tag};
use crate::seal::{self, NONCE_LEN, SALT_LEN};
use crate::time::Timestamp;
use std::collections::{HashMap, HashSet};
use std::fmt;
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
    /// The teacher's annotations of `text`: open as the teacher makes the exercise, and as
    /// the file handed out carries it ([`Exercise::handed_out`]).
    pub key: Key,
    /// Whether students may ask for suggestions in their copies ([`crate::suggest`]).
    pub allow_suggestions: bool,
}

/// How the answer key travels in the file a teacher hands out, chosen when making it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyDelivery {
    /// In the file: students check their own work whenever they like.
    Practice,
    /// Sealed with `passphrase`, which the teacher gives out after the deadline; the salt
    /// and nonce are fresh random bytes from the shell.
    Sealed { passphrase: String, salt: [u8; SALT_LEN], nonce: [u8; NONCE_LEN] },
    /// Not in the file: the teacher checks the work against their own key.
    Withheld,
}

/// Why a sealed key could not be unlocked. Nothing changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnlockError {
    /// The work holds no sealed key (it is open already, withheld, or no exercise).
    NotSealed,
    /// The passphrase does not open it, or the sealed bytes were changed.
    Refused(seal::OpenError),
    /// It opened, but what it holds is not an answer key of this article.
    Damaged(String),
}

impl fmt::Display for UnlockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnlockError::NotSealed => f.write_str("this work holds no sealed answer key"),
            UnlockError::Refused(why) => write!(f, "{why}"),
            UnlockError::Damaged(why) => write!(f, "the sealed key opened but is damaged: {why}"),
        }
    }
}

impl std::error::Error for UnlockError {}

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
            key: Key::Open(AnswerKey::of(doc)),
            allow_suggestions: false,
        }
    }

    /// The exercise as the file handed to students carries it: the key in the open, sealed
    /// with the passphrase, or left out. Refuses a passphrase too short to seal with, and
    /// an exercise whose key is not open (one already handed out).
    pub fn handed_out(&self, delivery: KeyDelivery) -> Result<Exercise, String> {
        self.handed_out_with(delivery, seal::ITERATIONS)
    }

    /// [`Exercise::handed_out`], sealing with `iterations` rounds of PBKDF2 (fewer in tests).
    fn handed_out_with(&self, delivery: KeyDelivery, iterations: u32) -> Result<Exercise, String> {
        let Key::Open(key) = &self.key else {
            return Err("this exercise's answer key is not in the open, so it cannot be handed out again".into());
        };
        let key = match delivery {
            KeyDelivery::Practice => Key::Open(key.clone()),
            KeyDelivery::Sealed { passphrase, salt, nonce } => {
                seal::check_passphrase(&passphrase)?;
                let plain = crate::schema::key_to_json(key);
                Key::Sealed(seal::seal(plain.as_bytes(), &passphrase, salt, nonce, iterations))
            }
            KeyDelivery::Withheld => Key::Withheld,
        };
        Ok(Exercise { key, ..self.clone() })
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
                exercise_id: Some(self.id.clone()),
                student: None,
                key: self.key.clone(),
                checked: None,
                allow_suggestions: self.allow_suggestions,
            })),
            ..self.article(id, now)
        }
    }

    /// The answer key as a document of its own (the article with the key's annotations,
    /// as the teacher made it), for comparing students' work with it; `None` when the key
    /// is sealed or was left out.
    pub fn key_document(&self) -> Option<Document> {
        let key = self.key.open()?;
        Some(with_key(Document { updated: self.updated, ..self.article(self.id.clone(), self.created) }, key))
    }
}

/// The answer key of a student's copy as a document of its own: the same article (the
/// text is shared, not copied) with the key's annotations, titled "Answer key", so that
/// it can join a comparison among students' documents as one more annotator. `None` when
/// the document is not a student's copy, or its key is sealed or was left out.
pub fn key_document(student: &Document) -> Option<Document> {
    let key = student.assignment.as_ref()?.key.open()?;
    let article = Document {
        source_url: student.source_url.clone(),
        byline: student.byline.clone(),
        ..Document::new(format!("answer-key:{}", student.id), "Answer key", student.text.clone(), student.created)
    };
    Some(with_key(article, key))
}

/// The answer key sealed in a student's copy, opened with `passphrase` and checked
/// against the copy's text.
pub fn unlock(student: &Document, passphrase: &str) -> Result<AnswerKey, UnlockError> {
    let Some(Key::Sealed(sealed)) = student.assignment.as_ref().map(|a| &a.key) else {
        return Err(UnlockError::NotSealed);
    };
    let plain = seal::open(sealed, passphrase).map_err(UnlockError::Refused)?;
    let json = String::from_utf8(plain).map_err(|_| UnlockError::Damaged("it is not text".into()))?;
    crate::schema::load_key(&json, &student.text).map_err(|e| UnlockError::Damaged(e.to_string()))
}

/// The title a student's work goes by in a library: the article's title and the
/// student's name ("Northgate library to close — Li Wei"). Other documents, the answer
/// key among them, keep their own title.
pub fn work_title(doc: &Document) -> String {
    match doc.assignment.as_ref().and_then(|a| a.student.as_deref()) {
        Some(name) => format!("{} — {name}", doc.title),
        None => doc.title.clone(),
    }
}

/// Whether opening `doc` should ask for the student's name: a copy of an exercise as
/// this version makes it (it knows its exercise), with no name, that nobody has worked on
/// yet; not work saved by earlier versions, which a teacher may be looking at.
pub fn needs_student_name(doc: &Document) -> bool {
    doc.assignment.as_ref().is_some_and(|a| a.exercise_id.is_some() && a.student.is_none() && a.checked.is_none())
        && doc.annotations.is_empty()
        && doc.relations.is_empty()
}

/// What changed in checked work since its first check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AfterCheck {
    /// The annotations added or changed since (ids of the work as it is now).
    pub annotations: HashSet<String>,
    /// How many annotations of the first check are gone.
    pub removed: usize,
    /// How many attributions were made or undone since.
    pub attributions: usize,
}

impl AfterCheck {
    /// How many changes: annotations added, changed or removed, and attributions made or undone.
    pub fn count(&self) -> usize {
        self.annotations.len() + self.removed + self.attributions
    }
}

/// The changes made to checked work since its first check; `None` when the work is not
/// checked, or was checked before Newsmark kept the work as it was then.
pub fn after_check(doc: &Document) -> Option<AfterCheck> {
    let then = doc.assignment.as_ref()?.checked.as_ref()?.work.as_ref()?;
    let now = doc.reading();
    // Looked up, not searched for: checked work can hold thousands of spans, and the
    // panel asks on every new version of the document.
    let then_by_id: HashMap<&str, &Annotation> = then.annotations.iter().map(|a| (a.id.as_str(), a)).collect();
    let now_ids: HashSet<&str> = now.annotations.iter().map(|a| a.id.as_str()).collect();
    let annotations: HashSet<String> =
        now.annotations.iter().filter(|a| then_by_id.get(a.id.as_str()) != Some(a)).map(|a| a.id.clone()).collect();
    let removed = then.annotations.iter().filter(|a| !now_ids.contains(a.id.as_str())).count();
    let links = |rs: &[crate::model::Relation]| -> HashSet<(String, String)> {
        rs.iter().map(|r| (r.from.clone(), r.to.clone())).collect()
    };
    let (before, after) = (links(&then.relations), links(now.relations));
    let attributions = before.symmetric_difference(&after).count();
    Some(AfterCheck { annotations, removed, attributions })
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
    let (Some(_), Some(key)) = (&assignment.checked, assignment.key.open()) else {
        return Vec::new();
    };
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
        let key = assignment.key.open().expect("a practice key is in the open");
        assert_eq!(key.annotations, doc.annotations);
        assert_eq!(key.reading().attributed_actor("k1").map(|a| a.exact.as_str()), Some("Ruiz"));
        assert_eq!(assignment.checked, None);
    }

    #[test]
    fn an_exercise_leaves_out_the_teachers_orphans_and_their_attributions() {
        let mut doc = teachers("[actor:Ruiz] said [quote:“no more ferries”].", &[("k1", "k0")]);
        let orphan = Annotation { id: "lost".into(), ..doc.annotations[0].clone() };
        doc.orphans.push(orphan);
        doc.relations[0].to = "lost".into();
        let Key::Open(key) = exercise_of(&doc).key else { panic!("a teacher's key is open") };
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
        assert_eq!(exercise.key_document(), Some(doc));
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

#[cfg(test)]
mod graded {
    //! Graded exercises: the key sealed or left out, the first check for good, named work.

    use super::*;
    use crate::model::Tag;
    use crate::schema;
    use crate::workspace::{Action, EditError, Workspace};

    const T0: Timestamp = Timestamp(1_000);
    const T1: Timestamp = Timestamp(2_000);
    const PASSPHRASE: &str = "orange ferry lantern";

    /// A teacher's key with an explanation on each span: an actor, and a quote said by it.
    fn teachers_exercise() -> Exercise {
        let (text, spans) = crate::markup::parse("[actor:Ruiz] said [quote:“no more ferries”] on Monday.");
        let mut ws = Workspace::with_documents(vec![Document::new("t", "Ferry vote", text, T0)]);
        for (i, (tag, start, end)) in spans.into_iter().enumerate() {
            ws.apply(Action::AddAnnotation { doc: "t".into(), id: format!("k{i}"), tag, start, end }, T0).unwrap();
            let note = format!("Explanation {i}: the councillor speaks for the ferry board.");
            ws.apply(Action::EditNote { doc: "t".into(), annotation: format!("k{i}"), note }, T0).unwrap();
        }
        let link = Action::Attribute { doc: "t".into(), id: "r0".into(), from: "k1".into(), to: "k0".into() };
        ws.apply(link, T0).unwrap();
        Exercise::from_document(ws.document("t").unwrap(), "Tag the quotes.".into(), default_codebook())
    }

    fn sealed() -> KeyDelivery {
        KeyDelivery::Sealed { passphrase: PASSPHRASE.into(), salt: [3; SALT_LEN], nonce: [5; NONCE_LEN] }
    }

    /// What a file must not hold for a graded exercise: any of the key's spans or explanations.
    fn holds_key_text(file: &str) -> bool {
        file.contains("\"exact\"") || file.contains("Explanation") || file.contains("\"key\"")
    }

    /// Rounds of PBKDF2 for the tests of the rules, which seal and unlock many times; one
    /// test seals with the real count ([`seal::ITERATIONS`]).
    const ROUNDS: u32 = 1_000;

    /// The student's copy of `exercise` as handed out with `delivery`, read from its file.
    fn students_copy(exercise: &Exercise, delivery: KeyDelivery) -> (String, Document) {
        let file = schema::exercise_to_json(&exercise.handed_out_with(delivery, ROUNDS).unwrap());
        let copy = schema::load_document(&file).unwrap();
        (file, copy)
    }

    #[test]
    fn a_graded_exercise_file_and_the_students_work_hold_no_readable_key() {
        let exercise = teachers_exercise();
        let (practice, _) = students_copy(&exercise, KeyDelivery::Practice);
        assert!(holds_key_text(&practice), "a practice file carries the key in the open");
        for delivery in [sealed(), KeyDelivery::Withheld] {
            let (file, copy) = students_copy(&exercise, delivery.clone());
            assert!(!holds_key_text(&file), "{delivery:?}: {file}");
            let saved = schema::document_to_json(&copy);
            assert!(!holds_key_text(&saved), "{delivery:?}: {saved}");
            assert_eq!(key_document(&copy), None, "no answer key joins a comparison");
        }
        let file = schema::exercise_to_json(&exercise.handed_out(sealed()).unwrap());
        assert!(file.contains("\"sealed_key\"") && file.contains("\"iterations\": 600000"), "{file}");
        let copy = schema::load_document(&file).unwrap();
        assert_eq!(unlock(&copy, PASSPHRASE).map(Key::Open), Ok(exercise.key.clone()));
    }

    #[test]
    fn a_sealed_key_unlocks_with_the_passphrase_and_then_checks_as_practice() {
        let exercise = teachers_exercise();
        let (_, copy) = students_copy(&exercise, sealed());
        let mut ws = Workspace::with_documents(vec![copy.clone()]);
        let check = || Action::CheckExercise { doc: copy.id.clone() };
        assert_eq!(ws.apply(check(), T1), Err(EditError::KeyNotHere { sealed: true }));

        let refused = unlock(&copy, "orange ferry lanter").unwrap_err();
        assert_eq!(refused.to_string(), "that passphrase does not open this key. Check it with your teacher: capitals, spaces between words and punctuation count");

        let key = unlock(&copy, PASSPHRASE).unwrap();
        ws.apply(Action::UnlockKey { doc: copy.id.clone(), key: key.clone() }, T1).unwrap();
        let unlocked = ws.document(&copy.id).unwrap();
        assert_eq!(unlocked.assignment.as_ref().unwrap().key, exercise.key, "the teacher's key, explanations and all");
        assert!(!ws.can_undo(), "unlocking is for good");
        // The key is in the open now: there is nothing left to unlock.
        let again = ws.apply(Action::UnlockKey { doc: copy.id.clone(), key }, T1);
        assert_eq!(again, Err(EditError::Unlock(UnlockError::NotSealed)));
        ws.apply(check(), T1).unwrap();
        assert!(ws.document(&copy.id).unwrap().assignment.as_ref().unwrap().checked.is_some());
    }

    #[test]
    fn a_changed_byte_in_a_sealed_key_is_detected_on_unlocking() {
        let exercise = teachers_exercise();
        let (file, _) = students_copy(&exercise, sealed());
        let mut v: serde_json::Value = serde_json::from_str(&file).unwrap();
        let ciphertext = v["sealed_key"]["ciphertext"].as_str().unwrap().to_owned();
        // The first base64 character changed: the first byte of the ciphertext differs.
        let first = if ciphertext.starts_with('A') { "B" } else { "A" };
        v["sealed_key"]["ciphertext"] = format!("{first}{}", &ciphertext[1..]).into();
        let copy = schema::load_document(&v.to_string()).unwrap();
        assert_eq!(unlock(&copy, PASSPHRASE), Err(UnlockError::Refused(seal::OpenError::WrongPassphrase)));
    }

    #[test]
    fn work_without_a_key_cannot_be_checked_by_the_student() {
        let (_, copy) = students_copy(&teachers_exercise(), KeyDelivery::Withheld);
        assert_eq!(copy.assignment.as_ref().unwrap().key, Key::Withheld);
        let mut ws = Workspace::with_documents(vec![copy.clone()]);
        let refused = ws.apply(Action::CheckExercise { doc: copy.id.clone() }, T1).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "this exercise carries no answer key: your teacher checks the work you hand in"
        );
        assert_eq!(unlock(&copy, PASSPHRASE), Err(UnlockError::NotSealed));
    }

    #[test]
    fn a_short_passphrase_is_refused_and_nothing_is_handed_out() {
        let short = KeyDelivery::Sealed { passphrase: "ferry".into(), salt: [3; SALT_LEN], nonce: [5; NONCE_LEN] };
        assert!(teachers_exercise()
            .handed_out(short)
            .unwrap_err()
            .starts_with("a passphrase needs at least 8 characters"));
    }

    #[test]
    fn the_first_check_stays_as_it_was_after_later_edits_and_undo() {
        let exercise = teachers_exercise();
        let copy = exercise.start("s1", T0);
        let mut ws = Workspace::with_documents(vec![copy]);
        let add =
            |id: &str, tag, start, end| Action::AddAnnotation { doc: "s1".into(), id: id.into(), tag, start, end };
        ws.apply(add("s-ruiz", Tag::Actor, 0, 4), T0).unwrap();
        ws.apply(Action::CheckExercise { doc: "s1".into() }, T1).unwrap();
        let first = ws.document("s1").unwrap().assignment.as_ref().unwrap().checked.clone().unwrap();
        assert_eq!(first.at, Some(T1));
        assert_eq!(first.scores.unwrap().overall.tp, 1);
        let work = first.work.as_ref().expect("the work at the check is kept");
        assert_eq!(work.annotations.iter().map(|a| a.exact.as_str()).collect::<Vec<_>>(), ["Ruiz"]);
        assert_eq!(after_check(ws.document("s1").unwrap()).unwrap().count(), 0);

        // The quote found after seeing the key, and the actor retagged: both marked as later.
        ws.apply(add("s-quote", Tag::Quote, 10, 27), Timestamp(3_000)).unwrap();
        ws.apply(Action::Retag { doc: "s1".into(), annotation: "s-ruiz".into(), tag: Tag::Claim }, Timestamp(4_000))
            .unwrap();
        let later = after_check(ws.document("s1").unwrap()).unwrap();
        assert_eq!(later.annotations, HashSet::from(["s-quote".to_owned(), "s-ruiz".to_owned()]));
        assert_eq!(later.count(), 2);
        assert_eq!(ws.document("s1").unwrap().assignment.as_ref().unwrap().checked.as_ref(), Some(&first));

        // Undo takes back every edit, the one before the check too, but never the check.
        while ws.can_undo() {
            ws.apply(Action::Undo, Timestamp(5_000)).unwrap();
        }
        let undone = ws.document("s1").unwrap();
        assert!(undone.annotations.is_empty());
        assert_eq!(undone.assignment.as_ref().unwrap().checked.as_ref(), Some(&first));
        assert_eq!(after_check(undone).unwrap().removed, 1);
        // Checking again records nothing new.
        assert_eq!(ws.apply(Action::CheckExercise { doc: "s1".into() }, Timestamp(6_000)), Ok(crate::Change::Nothing));
        // The saved work carries the first check unchanged.
        let saved = schema::load_document(&schema::document_to_json(ws.document("s1").unwrap())).unwrap();
        assert_eq!(saved.assignment.unwrap().checked, Some(first));
    }

    #[test]
    fn named_work_is_titled_with_the_students_name_and_the_key_is_never_a_student() {
        let exercise = teachers_exercise();
        let mut ws = Workspace::with_documents(vec![exercise.start("s1", T0), exercise.start("s2", T0)]);
        assert!(needs_student_name(ws.document("s1").unwrap()));
        let mut saved_by_version_2 = exercise.start("s0", T0);
        saved_by_version_2.assignment.as_deref_mut().unwrap().exercise_id = None;
        assert!(!needs_student_name(&saved_by_version_2), "older work is not asked for a name");
        for (doc, name) in [("s1", "  Li Wei "), ("s2", "Amara Quist")] {
            ws.apply(Action::NameStudent { doc: doc.into(), name: name.into() }, T1).unwrap();
        }
        let (li, amara) = (ws.document("s1").unwrap(), ws.document("s2").unwrap());
        assert_eq!(
            (work_title(li).as_str(), work_title(amara).as_str()),
            ("Ferry vote — Li Wei", "Ferry vote — Amara Quist")
        );
        assert!(!needs_student_name(li));
        let assignment = li.assignment.as_ref().unwrap();
        assert_eq!((assignment.student.as_deref(), assignment.exercise_id.as_deref()), (Some("Li Wei"), Some("t")));
        assert_ne!(schema::document_to_json(li).replace("\"s1\"", "\"s2\""), schema::document_to_json(amara));
        let key = key_document(li).unwrap();
        assert_eq!((work_title(&key).as_str(), key.assignment.is_none()), ("Answer key", true));
        assert_eq!(work_title(&exercise.key_document().unwrap()), "Ferry vote");
    }

    #[test]
    fn a_file_with_both_an_open_and_a_sealed_key_is_refused() {
        let exercise = teachers_exercise();
        let sealed_file = schema::exercise_to_json(&exercise.handed_out_with(sealed(), ROUNDS).unwrap());
        let mut v: serde_json::Value = serde_json::from_str(&sealed_file).unwrap();
        let practice: serde_json::Value = serde_json::from_str(&schema::exercise_to_json(&exercise)).unwrap();
        v["key"] = practice["key"].clone();
        let refused = schema::load_exercise(&v.to_string()).unwrap_err().to_string();
        assert_eq!(refused, "it has both a `key` and a `sealed_key`; an answer key travels one way");
        let mut v: serde_json::Value = serde_json::from_str(&sealed_file).unwrap();
        v["sealed_key"]["cipher"] = "ROT13".into();
        let refused = schema::load_exercise(&v.to_string()).unwrap_err().to_string();
        assert!(refused.starts_with("sealed_key: it is sealed with ROT13"), "{refused}");
    }
}
