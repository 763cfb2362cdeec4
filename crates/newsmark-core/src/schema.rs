//! The saved JSON format: one object per document, a set of documents, or an exercise,
//! each file carrying a `schema_version`.
//!
//! ```json
//! { "schema_version": 3, "kind": "newsmark-document", "id": "…", "title": "…",
//!   "created": "2026-11-25T09:30:00.000Z", "updated": "…", "text": "…",
//!   "annotations": [ { "id": "…", "tag": "quote", "start": 10, "end": 42,
//!                      "exact": "…", "prefix": "…", "suffix": "…", "note": "…",
//!                      "created": "…", "updated": "…" } ] }
//! ```
//!
//! A document taken from a web page also says where it came from, each field only when
//! known (a file without them is as before): `source_url` and `byline`, `published` and
//! `site_name` as the page gave them, and `captured`, when the page was captured.
//!
//! A student's copy of an exercise also has an `assignment`: `instructions`, `codebook`,
//! `exercise_id` (the same in every copy of one exercise), `student` (the name given on
//! opening it), the answer key as a practice exercise carries it, `key` (`annotations`,
//! `relations`, `entities` over the document's own text), or as a graded one does,
//! `sealed_key` (see [`crate::seal`]) or neither (the teacher keeps the key), and, once
//! checked, `checked`: the first check, with `at`, the `scores` recorded then and the
//! `work` as it was then (`annotations`, `relations`, `entities`). An exercise file
//! (`newsmark-exercise`) has the article's fields, `instructions`, `codebook`, and `key`,
//! `sealed_key` or neither.
//!
//! `start` and `end` count Unicode code points. Loading checks everything a later step
//! relies on (offsets inside the text, `exact` equal to the text they point at, known
//! tags, unique ids) and refuses the whole file, naming every problem, if anything is
//! wrong: a file is never half-loaded. A file saved in an earlier version of the format
//! is first brought up to this one ([`migrate`]).
//!
//! Saving writes what the data holds and computes nothing: the scores of checked work are
//! the ones recorded when it was checked.

use crate::exercise::{AnswerKey, Assignment, Checked, CodebookEntry, Exercise, Key, SealedKey, Snapshot};
use crate::model::{Annotation, CheckStatus, ClaimType, Details, Document, Entity, Prf, Relation, Scores, Speech, Tag};
use crate::time::Timestamp;
use crate::{anchor, limits, offsets, seal};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt;

mod migrate;
pub mod stored;

/// The version of the format this build writes, and the newest it reads.
pub const SCHEMA_VERSION: u64 = 3;
/// The `kind` of a file holding one document.
pub const DOCUMENT_KIND: &str = "newsmark-document";
/// The `kind` of a file holding several documents (a library, or a class's work).
pub const SET_KIND: &str = "newsmark-set";
/// The `kind` of a file holding an exercise: the article, instructions, codebook and answer key.
pub const EXERCISE_KIND: &str = "newsmark-exercise";

/// One thing wrong with a file: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where in the file, such as `annotations[3] (id "a7")`; empty for the file as a whole.
    pub at: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

/// Why a file was refused: every problem found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl LoadError {
    fn one(message: impl Into<String>) -> LoadError {
        LoadError { problems: vec![Problem { at: String::new(), message: message.into() }] }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// `at` inside `within`: `within.at`, or `at` alone at the top of the file.
fn inside(within: &str, at: &str) -> String {
    if within.is_empty() {
        at.to_owned()
    } else {
        format!("{within}.{at}")
    }
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    schema_version: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    captured: Option<Timestamp>,
    created: Timestamp,
    updated: Timestamp,
    text: &'a str,
    annotations: &'a [Annotation],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    relations: &'a [Relation],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    orphans: &'a [Annotation],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    entities: &'a [Entity],
    #[serde(skip_serializing_if = "Option::is_none")]
    assignment: Option<AssignmentOut<'a>>,
}

#[derive(Serialize)]
struct AssignmentOut<'a> {
    instructions: &'a str,
    codebook: &'a [CodebookEntry],
    #[serde(skip_serializing_if = "Option::is_none")]
    exercise_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    student: Option<&'a str>,
    /// Once checked: when, the scores recorded then and the work then, for the teacher.
    #[serde(skip_serializing_if = "Option::is_none")]
    checked: Option<CheckedOut<'a>>,
    /// Written only when true, so files without suggestions stay as version 3 wrote them.
    #[serde(skip_serializing_if = "is_false")]
    allow_suggestions: bool,
    #[serde(flatten)]
    key: KeyFieldsOut<'a>,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// The key as a file carries it: `key` in the open, `sealed_key`, or neither.
#[derive(Serialize)]
struct KeyFieldsOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<KeyOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sealed_key: Option<SealedOut>,
}

impl<'a> From<&'a Key> for KeyFieldsOut<'a> {
    fn from(key: &'a Key) -> KeyFieldsOut<'a> {
        match key {
            Key::Open(key) => KeyFieldsOut { key: Some(key.into()), sealed_key: None },
            Key::Sealed(sealed) => KeyFieldsOut { key: None, sealed_key: Some(sealed.into()) },
            Key::Withheld => KeyFieldsOut { key: None, sealed_key: None },
        }
    }
}

/// What a sealed key is, named for people and other programs; the bytes in base64.
const SEALED_CIPHER: &str = "AES-256-GCM";
const SEALED_KDF: &str = "PBKDF2-HMAC-SHA256";

#[derive(Serialize)]
struct SealedOut {
    cipher: &'static str,
    kdf: &'static str,
    iterations: u32,
    salt: String,
    nonce: String,
    ciphertext: String,
}

impl From<&SealedKey> for SealedOut {
    fn from(k: &SealedKey) -> SealedOut {
        SealedOut {
            cipher: SEALED_CIPHER,
            kdf: SEALED_KDF,
            iterations: k.iterations,
            salt: BASE64.encode(&k.salt),
            nonce: BASE64.encode(&k.nonce),
            ciphertext: BASE64.encode(&k.ciphertext),
        }
    }
}

#[derive(Serialize)]
struct KeyOut<'a> {
    annotations: &'a [Annotation],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    relations: &'a [Relation],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    entities: &'a [Entity],
}

impl<'a> From<&'a AnswerKey> for KeyOut<'a> {
    fn from(key: &'a AnswerKey) -> KeyOut<'a> {
        KeyOut { annotations: &key.annotations, relations: &key.relations, entities: &key.entities }
    }
}

#[derive(Serialize)]
struct CheckedOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scores: Option<ScoresOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    work: Option<KeyOut<'a>>,
}

/// Counts with the figures made from them. The figures are written for people and other
/// programs to read; loading reads the counts only.
#[derive(Serialize)]
struct PrfOut {
    matched: usize,
    extra: usize,
    missed: usize,
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
}

impl From<&Prf> for PrfOut {
    fn from(p: &Prf) -> PrfOut {
        PrfOut { matched: p.tp, extra: p.fp, missed: p.fn_, precision: p.precision(), recall: p.recall(), f1: p.f1() }
    }
}

#[derive(Serialize)]
struct ScoresOut {
    claim: PrfOut,
    quote: PrfOut,
    actor: PrfOut,
    overall: PrfOut,
    attributions_correct: usize,
    attributions_scored: usize,
}

impl From<&Scores> for ScoresOut {
    fn from(s: &Scores) -> ScoresOut {
        ScoresOut {
            claim: (&s.per_tag[Tag::Claim as usize]).into(),
            quote: (&s.per_tag[Tag::Quote as usize]).into(),
            actor: (&s.per_tag[Tag::Actor as usize]).into(),
            overall: (&s.overall).into(),
            attributions_correct: s.attributions_correct,
            attributions_scored: s.attributions_scored,
        }
    }
}

impl<'a> From<&'a Assignment> for AssignmentOut<'a> {
    fn from(a: &'a Assignment) -> AssignmentOut<'a> {
        AssignmentOut {
            instructions: &a.instructions,
            codebook: &a.codebook,
            exercise_id: a.exercise_id.as_deref(),
            student: a.student.as_deref(),
            checked: a.checked.as_ref().map(|c| CheckedOut {
                at: c.at,
                scores: c.scores.as_ref().map(ScoresOut::from),
                work: c.work.as_ref().map(|w| KeyOut {
                    annotations: &w.annotations,
                    relations: &w.relations,
                    entities: &w.entities,
                }),
            }),
            allow_suggestions: a.allow_suggestions,
            key: (&a.key).into(),
        }
    }
}

impl<'a> DocumentOut<'a> {
    fn new(doc: &'a Document, top_level: bool) -> Self {
        DocumentOut {
            schema_version: top_level.then_some(SCHEMA_VERSION),
            kind: top_level.then_some(DOCUMENT_KIND),
            id: &doc.id,
            title: &doc.title,
            source_url: doc.source_url.as_deref(),
            byline: doc.byline.as_deref(),
            published: doc.published.as_deref(),
            site_name: doc.site_name.as_deref(),
            captured: doc.captured,
            created: doc.created,
            updated: doc.updated,
            text: &doc.text,
            annotations: &doc.annotations,
            relations: &doc.relations,
            orphans: &doc.orphans,
            entities: &doc.entities,
            assignment: doc.assignment.as_deref().map(AssignmentOut::from),
        }
    }
}

/// The saved form of one document. The same document always gives the same bytes.
pub fn document_to_json(doc: &Document) -> String {
    serde_json::to_string_pretty(&DocumentOut::new(doc, true)).expect("a document always serialises")
}

/// [`document_to_json`] without the indentation: the same format on one line, for the
/// browser's storage, where nobody reads it and the whole document is written on every
/// change (a third smaller and faster to write).
pub fn document_to_compact_json(doc: &Document) -> String {
    serde_json::to_string(&DocumentOut::new(doc, true)).expect("a document always serialises")
}

/// The saved form of several documents, as one set file.
pub fn set_to_json(docs: &[Document]) -> String {
    #[derive(Serialize)]
    struct SetOut<'a> {
        schema_version: u64,
        kind: &'static str,
        documents: Vec<DocumentOut<'a>>,
    }
    let set = SetOut {
        schema_version: SCHEMA_VERSION,
        kind: SET_KIND,
        documents: docs.iter().map(|d| DocumentOut::new(d, false)).collect(),
    };
    serde_json::to_string_pretty(&set).expect("a set always serialises")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentIn {
    #[serde(default)]
    #[allow(dead_code)]
    schema_version: Option<Value>,
    #[serde(default)]
    #[allow(dead_code)]
    kind: Option<Value>,
    id: String,
    title: String,
    #[serde(default)]
    source_url: Option<String>,
    #[serde(default)]
    byline: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    site_name: Option<String>,
    #[serde(default)]
    captured: Option<Timestamp>,
    created: Timestamp,
    updated: Timestamp,
    text: String,
    annotations: Vec<AnnotationIn>,
    #[serde(default)]
    relations: Vec<Relation>,
    #[serde(default)]
    orphans: Vec<AnnotationIn>,
    #[serde(default)]
    entities: Vec<Entity>,
    #[serde(default)]
    assignment: Option<AssignmentIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignmentIn {
    instructions: String,
    codebook: Vec<CodebookEntry>,
    #[serde(default)]
    exercise_id: Option<String>,
    #[serde(default)]
    student: Option<String>,
    #[serde(default)]
    checked: Option<CheckedIn>,
    #[serde(default)]
    allow_suggestions: bool,
    #[serde(default)]
    key: Option<KeyIn>,
    #[serde(default)]
    sealed_key: Option<SealedIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SealedIn {
    cipher: String,
    kdf: String,
    iterations: u32,
    salt: String,
    nonce: String,
    ciphertext: String,
}

impl SealedIn {
    /// The sealed key, or why it is not one this build can open.
    fn read(self) -> Result<SealedKey, String> {
        if self.cipher != SEALED_CIPHER || self.kdf != SEALED_KDF {
            return Err(format!(
                "it is sealed with {} and {}; Newsmark seals with {SEALED_CIPHER} and {SEALED_KDF}",
                self.cipher, self.kdf
            ));
        }
        let bytes =
            |field: &str, text: &str| BASE64.decode(text).map_err(|e| format!("its {field} is not base64 ({e})"));
        let sealed = SealedKey {
            iterations: self.iterations,
            salt: bytes("salt", &self.salt)?,
            nonce: bytes("nonce", &self.nonce)?,
            ciphertext: bytes("ciphertext", &self.ciphertext)?,
        };
        seal::check_shape(&sealed)?;
        Ok(sealed)
    }
}

/// The key fields of an assignment or exercise, checked against `text`: at most one of
/// `key` and `sealed_key`; neither means the key was withheld.
fn key_from(
    key: Option<KeyIn>,
    sealed: Option<SealedIn>,
    text: &str,
    index: &offsets::OffsetIndex,
    within: &str,
    problems: &mut Vec<Problem>,
) -> Key {
    match (key, sealed) {
        (Some(_), Some(_)) => {
            problems.push(Problem {
                at: within.to_owned(),
                message: "it has both a `key` and a `sealed_key`; an answer key travels one way".into(),
            });
            Key::Withheld
        }
        (Some(key), None) => {
            Key::Open(Parts::check(key.into(), text, index, Owner::Key, &inside(within, "key"), problems).into_key())
        }
        (None, Some(sealed)) => match sealed.read() {
            Ok(sealed) => Key::Sealed(sealed),
            Err(message) => {
                problems.push(Problem { at: inside(within, "sealed_key"), message });
                Key::Withheld
            }
        },
        (None, None) => Key::Withheld,
    }
}

/// An answer key as saved: annotations of the text of the document or exercise around it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyIn {
    annotations: Vec<AnnotationIn>,
    #[serde(default)]
    relations: Vec<Relation>,
    #[serde(default)]
    entities: Vec<Entity>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckedIn {
    #[serde(default)]
    at: Option<Timestamp>,
    #[serde(default)]
    scores: Option<ScoresIn>,
    /// The work at the first check: annotations, attributions and actors, like a key.
    #[serde(default)]
    work: Option<KeyIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoresIn {
    claim: PrfIn,
    quote: PrfIn,
    actor: PrfIn,
    overall: PrfIn,
    attributions_correct: usize,
    attributions_scored: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrfIn {
    matched: usize,
    extra: usize,
    missed: usize,
    /// The figures are made from the counts, so they are not read back.
    #[serde(default)]
    #[allow(dead_code)]
    precision: Option<Value>,
    #[serde(default)]
    #[allow(dead_code)]
    recall: Option<Value>,
    #[serde(default)]
    #[allow(dead_code)]
    f1: Option<Value>,
}

impl From<PrfIn> for Prf {
    fn from(p: PrfIn) -> Prf {
        Prf { tp: p.matched, fp: p.extra, fn_: p.missed }
    }
}

impl From<ScoresIn> for Scores {
    fn from(s: ScoresIn) -> Scores {
        Scores {
            per_tag: [s.claim.into(), s.quote.into(), s.actor.into()],
            overall: s.overall.into(),
            attributions_correct: s.attributions_correct,
            attributions_scored: s.attributions_scored,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationIn {
    id: String,
    tag: String,
    start: usize,
    end: usize,
    exact: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    speech: Option<Speech>,
    #[serde(default)]
    claim_type: Option<ClaimType>,
    #[serde(default)]
    check: Option<CheckStatus>,
    #[serde(default)]
    evidence_url: Option<String>,
    #[serde(default)]
    entity: Option<String>,
    created: Timestamp,
    updated: Timestamp,
}

impl AnnotationIn {
    fn details(&self) -> Details {
        Details {
            speech: self.speech,
            claim_type: self.claim_type,
            check: self.check,
            evidence_url: self.evidence_url.clone().filter(|u| !u.is_empty()),
            entity: self.entity.clone(),
        }
    }

    fn into_annotation(self, tag: Tag) -> Annotation {
        let details = self.details();
        Annotation {
            id: self.id,
            tag,
            start: self.start,
            end: self.end,
            exact: self.exact,
            prefix: self.prefix,
            suffix: self.suffix,
            details,
            note: self.note.filter(|n| !n.is_empty()),
            created: self.created,
            updated: self.updated,
        }
    }
}

/// Parses a file and brings it up to the current version of the format. A byte-order mark
/// in front is passed over (editors on Windows write one); a file over the size limit is
/// refused before it is parsed.
fn parse(json: &str) -> Result<Value, LoadError> {
    limits::check_file_size(json.len() as u64).map_err(LoadError::one)?;
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let value: Value =
        serde_json::from_str(json).map_err(|e| LoadError::one(format!("this is not valid JSON ({e})")))?;
    let Value::Object(top) = &value else {
        return Err(LoadError::one("this is not a Newsmark file: it holds no JSON object"));
    };
    let version = check_version(top.get("schema_version"))?;
    migrate::to_current(value, version)
}

/// Reads a file holding one document or a set, returning its documents. An exercise file
/// gives the student's copy of it.
pub fn load(json: &str) -> Result<Vec<Document>, LoadError> {
    let value = parse(json)?;
    match value.get("kind").and_then(Value::as_str) {
        None | Some(DOCUMENT_KIND) => Ok(vec![document_from_value(value, "")?]),
        Some(EXERCISE_KIND) => {
            let exercise = exercise_from_value(value)?;
            Ok(vec![exercise.start(exercise.id.clone(), exercise.created)])
        }
        Some(SET_KIND) => {
            let Some(Value::Array(docs)) = value.get("documents") else {
                return Err(LoadError::one("this set has no list of `documents`"));
            };
            let mut problems = Vec::new();
            let mut out = Vec::new();
            let mut ids = HashSet::new();
            for (i, doc) in docs.iter().enumerate() {
                match document_from_value(doc.clone(), &format!("documents[{i}]")) {
                    Ok(d) if !ids.insert(d.id.clone()) => problems.push(Problem {
                        at: format!("documents[{i}]"),
                        message: format!("the id \"{}\" is used by an earlier document too", d.id),
                    }),
                    Ok(d) => out.push(d),
                    Err(e) => problems.extend(e.problems),
                }
            }
            if problems.is_empty() {
                Ok(out)
            } else {
                Err(LoadError { problems })
            }
        }
        Some(other) => Err(LoadError::one(format!(
            "this file's kind is \"{other}\"; Newsmark reads \"{DOCUMENT_KIND}\", \"{SET_KIND}\" and \"{EXERCISE_KIND}\""
        ))),
    }
}

/// The file a teacher hands out: the article, instructions, codebook and the answer key.
pub fn exercise_to_json(exercise: &Exercise) -> String {
    #[derive(Serialize)]
    struct ExerciseOut<'a> {
        schema_version: u64,
        kind: &'static str,
        id: &'a str,
        title: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        source_url: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        byline: Option<&'a str>,
        created: Timestamp,
        updated: Timestamp,
        text: &'a str,
        instructions: &'a str,
        codebook: &'a [CodebookEntry],
        #[serde(skip_serializing_if = "is_false")]
        allow_suggestions: bool,
        #[serde(flatten)]
        key: KeyFieldsOut<'a>,
    }
    let out = ExerciseOut {
        schema_version: SCHEMA_VERSION,
        kind: EXERCISE_KIND,
        id: &exercise.id,
        title: &exercise.title,
        source_url: exercise.source_url.as_deref(),
        byline: exercise.byline.as_deref(),
        created: exercise.created,
        updated: exercise.updated,
        text: &exercise.text,
        instructions: &exercise.instructions,
        codebook: &exercise.codebook,
        allow_suggestions: exercise.allow_suggestions,
        key: (&exercise.key).into(),
    };
    serde_json::to_string_pretty(&out).expect("an exercise always serialises")
}

/// Reads an exercise file as the teacher wrote it (not a student's copy).
pub fn load_exercise(json: &str) -> Result<Exercise, LoadError> {
    let value = parse(json)?;
    if value.get("kind").and_then(Value::as_str) != Some(EXERCISE_KIND) {
        return Err(LoadError::one(format!("this is not an exercise: its kind is not \"{EXERCISE_KIND}\"")));
    }
    exercise_from_value(value)
}

fn exercise_from_value(value: Value) -> Result<Exercise, LoadError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ExerciseIn {
        #[allow(dead_code)]
        schema_version: Value,
        #[allow(dead_code)]
        kind: Value,
        id: String,
        title: String,
        #[serde(default)]
        source_url: Option<String>,
        #[serde(default)]
        byline: Option<String>,
        created: Timestamp,
        updated: Timestamp,
        text: String,
        instructions: String,
        codebook: Vec<CodebookEntry>,
        #[serde(default)]
        allow_suggestions: bool,
        #[serde(default)]
        key: Option<KeyIn>,
        #[serde(default)]
        sealed_key: Option<SealedIn>,
    }
    check_counts(&value, "")?;
    let raw: ExerciseIn = typed(value, "")?;
    let mut problems = Vec::new();
    if raw.id.trim().is_empty() {
        problems.push(Problem { at: "id".into(), message: "the exercise has no id".into() });
    }
    let index = offsets::OffsetIndex::new(&raw.text);
    let key = key_from(raw.key, raw.sealed_key, &raw.text, &index, "", &mut problems);
    if let Err(why) = limits::check_article(&raw.text) {
        problems.push(Problem { at: "text".into(), message: why });
    }
    if !problems.is_empty() {
        return Err(LoadError { problems });
    }
    Ok(Exercise {
        id: raw.id,
        title: raw.title,
        source_url: raw.source_url.filter(|s| !s.is_empty()),
        byline: raw.byline.filter(|s| !s.is_empty()),
        text: raw.text.into(),
        created: raw.created,
        updated: raw.updated,
        instructions: raw.instructions,
        codebook: raw.codebook,
        key,
        allow_suggestions: raw.allow_suggestions,
    })
}

/// An answer key as the JSON a sealed key holds: its annotations, attributions and actors.
pub fn key_to_json(key: &AnswerKey) -> String {
    serde_json::to_string(&KeyOut::from(key)).expect("a key always serialises")
}

/// Reads an answer key written by [`key_to_json`] over `text`, checking every span.
pub fn load_key(json: &str, text: &str) -> Result<AnswerKey, LoadError> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| LoadError::one(format!("this is not valid JSON ({e})")))?;
    check_counts(&serde_json::json!({ "key": value }), "")?;
    let raw: KeyIn = typed(value, "key")?;
    let mut problems = Vec::new();
    let index = offsets::OffsetIndex::new(text);
    let key = Parts::check(raw.into(), text, &index, Owner::Key, "key", &mut problems).into_key();
    if problems.is_empty() {
        Ok(key)
    } else {
        Err(LoadError { problems })
    }
}

/// Reads a file that must hold exactly one document.
pub fn load_document(json: &str) -> Result<Document, LoadError> {
    let mut docs = load(json)?;
    match docs.len() {
        1 => Ok(docs.remove(0)),
        n => Err(LoadError::one(format!("expected one document, found a set of {n}"))),
    }
}

/// The file's version, if this build reads it.
fn check_version(version: Option<&Value>) -> Result<u64, LoadError> {
    match version {
        None => Err(LoadError::one("this is not a Newsmark file: it has no `schema_version`")),
        Some(v) => match v.as_u64() {
            Some(n) if (1..=SCHEMA_VERSION).contains(&n) => Ok(n),
            Some(n) if n > SCHEMA_VERSION => Err(LoadError::one(format!(
                "this file was saved by a newer Newsmark (schema version {n}); this version reads up to {SCHEMA_VERSION}. Update Newsmark to open it."
            ))),
            _ => Err(LoadError::one(format!("`schema_version` must be a whole number from 1 to {SCHEMA_VERSION}, not {v}"))),
        },
    }
}

/// Whose annotations are being checked, for the messages.
#[derive(Clone, Copy)]
enum Owner {
    Document,
    Key,
    /// The work kept at the first check.
    Work,
}

impl Owner {
    fn name(self) -> &'static str {
        match self {
            Owner::Document => "document",
            Owner::Key => "answer key",
            Owner::Work => "work at the first check",
        }
    }
}

/// The annotations, orphans, attributions and actors of a document or an answer key: as
/// the file says them before checking, and as they are once checked.
struct Parts<A> {
    annotations: Vec<A>,
    orphans: Vec<A>,
    relations: Vec<Relation>,
    entities: Vec<Entity>,
}

impl From<KeyIn> for Parts<AnnotationIn> {
    fn from(key: KeyIn) -> Self {
        Parts { annotations: key.annotations, orphans: Vec::new(), relations: key.relations, entities: key.entities }
    }
}

impl Parts<Annotation> {
    /// Checks what the file says against `text`, adding a problem (placed inside `within`)
    /// for everything wrong, and keeps what is sound.
    fn check(
        raw: Parts<AnnotationIn>,
        text: &str,
        index: &offsets::OffsetIndex,
        owner: Owner,
        within: &str,
        problems: &mut Vec<Problem>,
    ) -> Parts<Annotation> {
        let mut ids = HashSet::new();
        let mut annotations = Vec::with_capacity(raw.annotations.len());
        for (i, a) in raw.annotations.into_iter().enumerate() {
            let place = inside(within, &format!("annotations[{i}] (id \"{}\")", a.id));
            annotations.extend(check_span(a, &place, text, index, &mut ids, problems));
        }
        Parts::check_links(annotations, raw.orphans, raw.relations, raw.entities, ids, owner, within, problems)
    }

    /// The checks of [`Parts::check`] after the spans: orphans (against the ids in `ids`),
    /// attributions, actors and the actors annotations name; then the spans in text order.
    #[allow(clippy::too_many_arguments)]
    fn check_links(
        mut annotations: Vec<Annotation>,
        raw_orphans: Vec<AnnotationIn>,
        relations: Vec<Relation>,
        entities: Vec<Entity>,
        mut ids: HashSet<String>,
        owner: Owner,
        within: &str,
        problems: &mut Vec<Problem>,
    ) -> Parts<Annotation> {
        let mut problem = |place: String, message: String| problems.push(Problem { at: place, message });
        // Orphans: annotations whose text was not found; only their id and tag must be sound.
        let mut orphans = Vec::with_capacity(raw_orphans.len());
        for (i, a) in raw_orphans.into_iter().enumerate() {
            let place = inside(within, &format!("orphans[{i}] (id \"{}\")", a.id));
            let tag = Tag::parse(&a.tag);
            if a.id.trim().is_empty() || !ids.insert(a.id.clone()) {
                problem(place, "the id is missing or used by another annotation".into());
            } else if let Some(tag) = tag {
                orphans.push(a.into_annotation(tag));
            } else {
                problem(place, format!("unknown tag \"{}\" (Newsmark knows claim, quote and actor)", a.tag));
            }
        }
        let mut relation_ids = HashSet::new();
        // Looked up, not searched for: a long article has thousands of spans and attributions.
        let tags: HashMap<&str, Tag> = annotations.iter().chain(&orphans).map(|a| (a.id.as_str(), a.tag)).collect();
        let tag_of = |id: &str| tags.get(id).copied();
        for (i, r) in relations.iter().enumerate() {
            let place = inside(within, &format!("relations[{i}] (id \"{}\")", r.id));
            if r.id.trim().is_empty() || !relation_ids.insert(r.id.clone()) {
                problem(place, "the id is missing or used by another relation".into());
            } else if tag_of(&r.from).is_none() || tag_of(&r.to).is_none() {
                problem(
                    place,
                    format!(
                        "it links \"{}\" to \"{}\", but both must be annotations of this {}",
                        r.from,
                        r.to,
                        owner.name()
                    ),
                );
            } else if tag_of(&r.to) != Some(Tag::Actor) || tag_of(&r.from) == Some(Tag::Actor) {
                problem(place, "an attribution must link a quote or a claim to an actor".into());
            }
        }
        let mut entity_ids = HashSet::new();
        for (i, e) in entities.iter().enumerate() {
            if e.id.trim().is_empty() || !entity_ids.insert(e.id.as_str()) {
                problem(
                    inside(within, &format!("entities[{i}]")),
                    "the id is missing or used by another entity".into(),
                );
            }
        }
        for a in annotations.iter().chain(&orphans) {
            if let Some(entity) = &a.details.entity {
                if !entity_ids.contains(entity.as_str()) {
                    problem(
                        inside(within, &format!("annotation \"{}\"", a.id)),
                        format!("it names the actor \"{entity}\", which is not among the {}'s entities", owner.name()),
                    );
                }
            }
        }
        crate::order::sort_by(&mut annotations, Annotation::text_order);
        Parts { annotations, orphans, relations, entities }
    }

    fn into_key(self) -> AnswerKey {
        AnswerKey { annotations: self.annotations, relations: self.relations, entities: self.entities }
    }

    fn into_snapshot(self) -> Snapshot {
        Snapshot { annotations: self.annotations, relations: self.relations, entities: self.entities }
    }
}

/// Checks one span of a document or answer key against `text` (its id not in `ids`, a
/// known tag, offsets inside the text, `exact` equal to the text there), adding a problem
/// placed at `place` for everything wrong; the annotation, with its context read from the
/// article, if it is sound.
fn check_span(
    mut a: AnnotationIn,
    place: &str,
    text: &str,
    index: &offsets::OffsetIndex,
    ids: &mut HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Option<Annotation> {
    let len = index.cp_len();
    let before = problems.len();
    let mut problem = |m: String| problems.push(Problem { at: place.to_owned(), message: m });
    if a.id.trim().is_empty() {
        problem("the annotation has no id".into());
    } else if !ids.insert(a.id.clone()) {
        problem("this id is used by an earlier annotation too".into());
    }
    let tag = Tag::parse(&a.tag);
    if tag.is_none() {
        problem(format!("unknown tag \"{}\" (Newsmark knows claim, quote and actor)", a.tag));
    }
    if a.start >= a.end {
        problem(format!("the span is empty or reversed: start {} is not before end {}", a.start, a.end));
    } else if a.end > len {
        problem(format!("the span {}–{} runs past the end of the text, which has {len} characters", a.start, a.end));
    } else {
        let from = index.cp_to_byte(a.start).expect("checked against the length");
        let to = index.cp_to_byte(a.end).expect("checked against the length");
        let found = &text[from..to];
        if found != a.exact {
            problem(format!(
                "the span {}–{} says its text is \"{}\" but the article has \"{}\" there",
                a.start,
                a.end,
                shorten(&a.exact),
                shorten(found)
            ));
        } else {
            // The position and the text decide where a stored span is; its context
            // is read from the article, so a file whose recorded context disagrees
            // (edited by hand, or damaged) is not exported with that context.
            let quote = anchor::quote_bytes(text, from, to);
            (a.prefix, a.suffix) = (quote.prefix, quote.suffix);
        }
    }
    (problems.len() == before).then(|| a.into_annotation(tag.expect("checked above")))
}

fn document_from_value(value: Value, at: &str) -> Result<Document, LoadError> {
    check_counts(&value, at)?;
    let mut raw: DocumentIn = typed(value, at)?;
    let index = offsets::OffsetIndex::new(&raw.text);
    let (mut ids, mut problems) = (HashSet::new(), Vec::new());
    let mut annotations = Vec::with_capacity(raw.annotations.len());
    for (i, a) in std::mem::take(&mut raw.annotations).into_iter().enumerate() {
        let place = inside(at, &format!("annotations[{i}] (id \"{}\")", a.id));
        annotations.extend(check_span(a, &place, &raw.text, &index, &mut ids, &mut problems));
    }
    document_from_checked(raw, annotations, ids, &index, at, problems)
}

/// The document `raw` holds once its spans are checked (`annotations`, with their ids in
/// `ids`; `raw.annotations` is not read): the other checks, then the document, or every
/// problem found (those already in `problems` too).
fn document_from_checked(
    raw: DocumentIn,
    annotations: Vec<Annotation>,
    ids: HashSet<String>,
    index: &offsets::OffsetIndex,
    at: &str,
    mut problems: Vec<Problem>,
) -> Result<Document, LoadError> {
    if raw.id.trim().is_empty() {
        problems.push(Problem { at: inside(at, "id"), message: "the document has no id".into() });
    }
    let own = Parts::check_links(
        annotations,
        raw.orphans,
        raw.relations,
        raw.entities,
        ids,
        Owner::Document,
        at,
        &mut problems,
    );
    let assignment = raw.assignment.map(|a| {
        let within = inside(at, "assignment");
        let key = key_from(a.key, a.sealed_key, &raw.text, index, &within, &mut problems);
        let work_at = inside(&within, "checked.work");
        let checked = a.checked.map(|c| Checked {
            at: c.at,
            scores: c.scores.map(Scores::from),
            work: c.work.map(|w| {
                Parts::check(w.into(), &raw.text, index, Owner::Work, &work_at, &mut problems).into_snapshot()
            }),
        });
        Box::new(Assignment {
            instructions: a.instructions,
            codebook: a.codebook,
            exercise_id: a.exercise_id.filter(|id| !id.trim().is_empty()),
            student: a.student.filter(|name| !name.trim().is_empty()),
            key,
            checked,
            allow_suggestions: a.allow_suggestions,
        })
    });
    if let Err(why) = limits::check_article(&raw.text) {
        problems.push(Problem { at: inside(at, "text"), message: why });
    }
    if !problems.is_empty() {
        return Err(LoadError { problems });
    }
    Ok(Document {
        id: raw.id,
        title: raw.title,
        source_url: raw.source_url.filter(|s| !s.is_empty()),
        byline: raw.byline.filter(|s| !s.is_empty()),
        published: raw.published.filter(|s| !s.is_empty()),
        site_name: raw.site_name.filter(|s| !s.is_empty()),
        captured: raw.captured,
        text: raw.text.into(),
        created: raw.created,
        updated: raw.updated,
        annotations: own.annotations,
        relations: own.relations,
        orphans: own.orphans,
        entities: own.entities,
        assignment,
    })
}

/// Whether this build names the field that is wrong when it refuses a file (the feature
/// `field-paths`, on by default and off in the app's first load). Without it, such a
/// problem is placed at [`UNNAMED_FIELD`], and the app asks the background worker, which
/// has it, for the sentence that names the field.
pub const FIELD_PATHS: bool = cfg!(feature = "field-paths");

/// Where a wrong field is placed by a build without [`FIELD_PATHS`]: a problem whose
/// sentence holds these words can be named by reading the record again with them.
pub const UNNAMED_FIELD: &str = "one of its fields";

/// Reads `value` as `T`, naming the field that is wrong (`annotations[3].start`) and
/// saying what it should be in words.
#[cfg(feature = "field-paths")]
fn typed<T: serde::de::DeserializeOwned>(value: Value, within: &str) -> Result<T, LoadError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." { within.to_owned() } else { inside(within, &path) };
        LoadError { problems: vec![Problem { at, message: in_words(&e.into_inner()) }] }
    })
}

/// Reads `value` as `T`, saying what is wrong in words, and where only as far as the item
/// of a list (`annotations[3], one of its fields`, see [`UNNAMED_FIELD`]): enough to leave
/// that item's record out, as class work does (`class::records::assemble`).
#[cfg(not(feature = "field-paths"))]
fn typed<T: serde::de::DeserializeOwned>(mut value: Value, within: &str) -> Result<T, LoadError> {
    T::deserialize(&value).map_err(|e| {
        let place = match wrong_item::<T>(&mut value) {
            Some(item) => inside(within, &item),
            None => within.to_owned(),
        };
        let at = if place.is_empty() { UNNAMED_FIELD.to_owned() } else { format!("{place}, {UNNAMED_FIELD}") };
        LoadError { problems: vec![Problem { at, message: in_words(&e) }] }
    })
}

/// The first item of a list in `value` (an object) that keeps `value` from being read as
/// `T`, as `annotations[3]`, if the problem is in such an item: the items of each list are
/// halved until one is left. `value` is as it was afterwards.
#[cfg(not(feature = "field-paths"))]
fn wrong_item<T: serde::de::DeserializeOwned>(value: &mut Value) -> Option<String> {
    let names: Vec<String> = value.as_object()?.iter().filter(|(_, v)| v.is_array()).map(|(k, _)| k.clone()).collect();
    for name in names {
        let items = std::mem::take(value.get_mut(&name)?.as_array_mut()?);
        // Whether `value` reads with these items alone in the list.
        let reads_with = |value: &mut Value, some: &[Value]| {
            value[&name] = Value::Array(some.to_vec());
            T::deserialize(&*value).is_ok()
        };
        let found = if !items.is_empty() && reads_with(value, &[]) {
            let (mut from, mut to) = (0, items.len());
            while to - from > 1 {
                let half = from + (to - from) / 2;
                if reads_with(value, &items[from..half]) {
                    from = half;
                } else {
                    to = half;
                }
            }
            Some(format!("{name}[{from}]"))
        } else {
            None
        };
        value[&name] = Value::Array(items);
        if found.is_some() {
            return found;
        }
    }
    None
}

/// A reading error with the types it expected said in words.
fn in_words(e: &serde_json::Error) -> String {
    e.to_string()
        .replace("expected usize", "expected a whole number from 0 up")
        .replace("expected u64", "expected a whole number from 0 up")
        .replace("expected i64", "expected a whole number")
}

/// Refuses a document, answer key or exercise with more annotations or attributions than
/// Newsmark takes, by counting the lists before anything is built from them.
fn check_counts(value: &Value, within: &str) -> Result<(), LoadError> {
    let count = |v: &Value, key: &str| v.get(key).and_then(Value::as_array).map_or(0, Vec::len);
    let mut problems = Vec::new();
    let parts = [
        (within.to_owned(), Some(value)),
        (inside(within, "key"), value.get("key")),
        (inside(within, "assignment.key"), value.get("assignment").and_then(|a| a.get("key"))),
        (
            inside(within, "assignment.checked.work"),
            value.get("assignment").and_then(|a| a.get("checked")).and_then(|c| c.get("work")),
        ),
    ];
    for (place, v) in parts {
        let Some(v) = v else { continue };
        let spans = limits::check_annotations(count(v, "annotations") + count(v, "orphans"), "annotations");
        for why in [spans, limits::check_annotations(count(v, "relations"), "attributions")] {
            if let Err(message) = why {
                problems.push(Problem { at: place.clone(), message });
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(LoadError { problems })
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_owned()
    } else {
        let mut short: String = s.chars().take(39).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{Action, Workspace};

    fn sample() -> Document {
        let mut ws = Workspace::default();
        let now = Timestamp(1_795_622_047_000);
        let text = "Zoe\u{308} said: “شكرا 👋🏽 外交部长.”\r\n\r\nThe end.";
        ws.apply(Action::AddDocument(Document::new("d1", "Test", text, now)), now).unwrap();
        ws.apply(Action::AddAnnotation { doc: "d1".into(), id: "a1".into(), tag: Tag::Quote, start: 11, end: 26 }, now)
            .unwrap();
        ws.apply(Action::AddAnnotation { doc: "d1".into(), id: "a2".into(), tag: Tag::Actor, start: 0, end: 4 }, now)
            .unwrap();
        ws.apply(Action::EditNote { doc: "d1".into(), annotation: "a1".into(), note: "Thanks, in Arabic".into() }, now)
            .unwrap();
        (*ws.documents()[0]).clone()
    }

    #[test]
    fn a_saved_document_loads_back_the_same() {
        let doc = sample();
        assert_eq!(doc.annotations[1].exact, "“شكرا 👋🏽 外交部长.”");
        let json = document_to_json(&doc);
        assert_eq!(load_document(&json).unwrap(), doc);
        assert_eq!(document_to_json(&load_document(&json).unwrap()), json);
        let set = set_to_json(&[doc.clone(), Document { id: "d2".into(), ..doc.clone() }]);
        assert_eq!(load(&set).unwrap().len(), 2);
        // The storage form is the same format on one line.
        let compact = document_to_compact_json(&doc);
        assert!(!compact.contains('\n') && compact.len() < json.len());
        assert_eq!(load_document(&compact).unwrap(), doc);
    }

    #[test]
    fn a_captured_article_keeps_where_and_when_it_came_from() {
        let captured = Document {
            source_url: Some("https://news.example/2026/11/ferry".into()),
            byline: Some("By Ana Quay".into()),
            published: Some("2026-11-28T07:15:00+01:00".into()),
            site_name: Some("The Eastquay Courier".into()),
            captured: Some(Timestamp(1_795_650_000_000)),
            ..sample()
        };
        let json = document_to_json(&captured);
        let back = load_document(&json).unwrap();
        assert_eq!(back, captured);
        assert_eq!(document_to_json(&back), json, "the same document gives the same bytes");
        // Written after the byline, in a fixed order, the capture time as the format writes times.
        let at = |field: &str| json.find(&format!("\"{field}\"")).unwrap();
        assert!(
            at("byline") < at("published") && at("published") < at("site_name") && at("site_name") < at("captured")
        );
        assert!(json.contains(r#""captured": "2026-11-25T23:40:00.000Z""#), "{json}");
        assert_eq!(load_document(&document_to_compact_json(&captured)).unwrap(), captured);
    }

    #[test]
    fn a_document_that_was_not_captured_is_saved_as_before() {
        let json = document_to_json(&sample());
        for field in ["published", "site_name", "captured", "source_url", "byline"] {
            assert!(!json.contains(&format!("\"{field}\"")), "{field} is written only when known");
        }
        // Empty values read as unknown, as `source_url` and `byline` always have.
        let mut v: Value = serde_json::from_str(&json).unwrap();
        v["published"] = "".into();
        v["site_name"] = "".into();
        let back = load_document(&v.to_string()).unwrap();
        assert_eq!((back.published, back.site_name), (None, None));
    }

    #[test]
    fn a_number_of_the_wrong_kind_is_placed_at_its_item_even_without_field_names() {
        let why = damaged(|v| v["annotations"][1]["start"] = "four".into());
        let at = if FIELD_PATHS { "annotations[1].start" } else { "annotations[1], one of its fields" };
        assert_eq!(why, format!("{at}: invalid type: string \"four\", expected a whole number from 0 up"));
    }

    #[test]
    #[cfg(feature = "field-paths")]
    fn an_impossible_capture_time_is_refused_by_its_field() {
        let why = damaged(|v| v["captured"] = "2026-02-30T10:00:00.000Z".into());
        assert!(why.contains("captured"), "{why}");
        let why = damaged(|v| v["site_name"] = 7.into());
        assert!(why.contains("site_name"), "{why}");
    }

    fn refuse(json: &str) -> String {
        load(json).unwrap_err().to_string()
    }

    fn damaged(f: impl FnOnce(&mut Value)) -> String {
        let mut v: Value = serde_json::from_str(&document_to_json(&sample())).unwrap();
        f(&mut v);
        refuse(&v.to_string())
    }

    #[test]
    fn refuses_files_that_are_not_newsmark_documents() {
        assert!(refuse("{ not json").starts_with("this is not valid JSON (key must be a string at line 1 column 3)"));
        assert_eq!(refuse("[1,2]"), "this is not a Newsmark file: it holds no JSON object");
        assert_eq!(refuse(r#"{"title":"x"}"#), "this is not a Newsmark file: it has no `schema_version`");
        assert!(damaged(|v| v["schema_version"] = 7.into()).contains("saved by a newer Newsmark (schema version 7)"));
        assert!(damaged(|v| v["kind"] = "spreadsheet".into()).contains("kind is \"spreadsheet\""));
        assert!(damaged(|v| v.as_object_mut().unwrap().remove("text").map(|_| ()).unwrap())
            .contains("missing field `text`"));
    }

    #[test]
    fn names_every_damaged_annotation() {
        let msg = damaged(|v| {
            v["annotations"][0]["end"] = 999.into();
            v["annotations"][1]["tag"] = "opinion".into();
        });
        let lines: Vec<_> = msg.lines().collect();
        assert_eq!(lines.len(), 2, "{msg}");
        assert!(
            lines[0].starts_with("annotations[0] (id \"a2\"): the span 0–999 runs past the end of the text, which has")
        );
        assert_eq!(
            lines[1],
            "annotations[1] (id \"a1\"): unknown tag \"opinion\" (Newsmark knows claim, quote and actor)"
        );
    }

    #[test]
    fn an_attribution_must_link_a_quote_or_claim_to_an_actor_of_the_document() {
        let link = |from: &str, to: &str| serde_json::json!([{ "id": "r1", "kind": "attribution", "from": from, "to": to, "created": "2026-11-25T15:54:07.000Z" }]);
        let mut v: Value = serde_json::from_str(&document_to_json(&sample())).unwrap();
        v["relations"] = link("a1", "a2");
        let doc = load_document(&v.to_string()).unwrap();
        assert_eq!(doc.attributed_actor("a1").map(|a| a.id.as_str()), Some("a2"));
        let msg = damaged(|v| v["relations"] = link("a1", "nobody"));
        assert_eq!(
            msg,
            "relations[0] (id \"r1\"): it links \"a1\" to \"nobody\", but both must be annotations of this document"
        );
        let msg = damaged(|v| v["relations"] = link("a2", "a1"));
        assert_eq!(msg, "relations[0] (id \"r1\"): an attribution must link a quote or a claim to an actor");
    }

    #[test]
    fn refuses_an_exact_text_that_does_not_match_the_span() {
        let msg = damaged(|v| v["annotations"][0]["start"] = 1.into());
        assert_eq!(msg, "annotations[0] (id \"a2\"): the span 1–4 says its text is \"Zoe\u{308}\" but the article has \"oe\u{308}\" there");
        let msg = damaged(|v| v["annotations"][1]["id"] = "a2".into());
        assert!(msg.contains("this id is used by an earlier annotation too"), "{msg}");
    }

    /// The sample exercise's first student, as handed out, with one actor tagged.
    fn student_with_an_actor() -> (Workspace, String) {
        let exercise = crate::sample_exercise::sample_exercise(Timestamp(0));
        let mut ws = Workspace::with_documents(vec![exercise.start("s1", Timestamp(0))]);
        let (start, end) = (0, "Brackenford Town Council".chars().count());
        ws.apply(
            Action::AddAnnotation { doc: "s1".into(), id: "a1".into(), tag: Tag::Actor, start, end },
            Timestamp(1),
        )
        .unwrap();
        (ws, "s1".into())
    }

    #[test]
    fn saving_checked_work_writes_the_scores_of_the_check_and_does_not_regrade_it() {
        let (mut ws, id) = student_with_an_actor();
        ws.apply(Action::CheckExercise { doc: id.clone() }, Timestamp(2)).unwrap();
        let scores = |ws: &Workspace| {
            let v: Value = serde_json::from_str(&document_to_json(ws.document(&id).unwrap())).unwrap();
            v["assignment"]["checked"].clone()
        };
        let at_check = scores(&ws);
        assert_eq!(at_check["at"], "1970-01-01T00:00:00.002Z");
        assert_eq!(at_check["scores"]["overall"]["matched"], 1);
        // Later edits change the work, not the record of the check.
        ws.apply(Action::DeleteAnnotation { doc: id.clone(), annotation: "a1".into() }, Timestamp(3)).unwrap();
        assert!(ws.document(&id).unwrap().annotations.is_empty());
        assert_eq!(scores(&ws), at_check);
        let saved = document_to_json(ws.document(&id).unwrap());
        assert_eq!(load_document(&saved).unwrap(), *ws.document(&id).unwrap());
    }

    #[test]
    fn a_key_span_outside_the_documents_text_is_refused_where_it_is() {
        let (ws, id) = student_with_an_actor();
        let mut v: Value = serde_json::from_str(&document_to_json(ws.document(&id).unwrap())).unwrap();
        v["assignment"]["key"]["annotations"][0]["end"] = 100_000.into();
        let msg = refuse(&v.to_string());
        assert!(
            msg.starts_with(
                "assignment.key.annotations[0] (id \"council\"): the span 0–100000 runs past the end of the text"
            ),
            "{msg}"
        );
        // A key holds annotations, attributions and actors, and nothing else.
        let mut v: Value = serde_json::from_str(&document_to_json(ws.document(&id).unwrap())).unwrap();
        v["assignment"]["key"]["text"] = "Another article.".into();
        assert!(refuse(&v.to_string()).contains("unknown field `text`"));
    }
}
