//! The saved JSON format: one object per document, or a set of documents, each file
//! carrying a `schema_version`.
//!
//! ```json
//! { "schema_version": 1, "kind": "newsmark-document", "id": "…", "title": "…",
//!   "created": "2026-11-25T09:30:00.000Z", "updated": "…", "text": "…",
//!   "annotations": [ { "id": "…", "tag": "quote", "start": 10, "end": 42,
//!                      "exact": "…", "prefix": "…", "suffix": "…", "note": "…",
//!                      "created": "…", "updated": "…" } ] }
//! ```
//!
//! `start` and `end` count Unicode code points. Loading checks everything a later step
//! relies on (offsets inside the text, `exact` equal to the text they point at, known
//! tags, unique ids) and refuses the whole file, naming every problem, if anything is
//! wrong: a file is never half-loaded.

use crate::exercise::{Assignment, CodebookEntry, Exercise};
use crate::model::{Annotation, CheckStatus, ClaimType, Details, Document, Entity, Relation, Speech, Tag};
use crate::offsets;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The version of the format this build writes, and the newest it reads.
pub const SCHEMA_VERSION: u64 = 1;
/// The `kind` of a file holding one document.
pub const DOCUMENT_KIND: &str = "newsmark-document";
/// The `kind` of a file holding several documents (a library, or a class's work).
pub const SET_KIND: &str = "newsmark-set";
/// The `kind` of a file holding an exercise: instructions, codebook and answer key.
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
    checked: bool,
    /// Once checked: the student's scores against the key, for the teacher to read.
    /// Derived from the annotations, so it is written but never read back.
    #[serde(skip_serializing_if = "Option::is_none")]
    scores: Option<ScoresOut>,
    key: Box<DocumentOut<'a>>,
}

#[derive(Serialize)]
struct PrfOut {
    matched: usize,
    extra: usize,
    missed: usize,
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
}

impl From<&crate::agreement::Prf> for PrfOut {
    fn from(p: &crate::agreement::Prf) -> PrfOut {
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

fn scores(key: &Document, student: &Document) -> ScoresOut {
    let check = crate::agreement::check(key, student);
    ScoresOut {
        claim: (&check.per_tag[Tag::Claim as usize]).into(),
        quote: (&check.per_tag[Tag::Quote as usize]).into(),
        actor: (&check.per_tag[Tag::Actor as usize]).into(),
        overall: (&check.overall).into(),
        attributions_correct: check.attribution_correct,
        attributions_scored: check.attribution_total,
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
            created: doc.created,
            updated: doc.updated,
            text: &doc.text,
            annotations: &doc.annotations,
            relations: &doc.relations,
            orphans: &doc.orphans,
            entities: &doc.entities,
            assignment: doc.assignment.as_deref().map(|a| AssignmentOut {
                instructions: &a.instructions,
                codebook: &a.codebook,
                checked: a.checked,
                scores: a.checked.then(|| scores(&a.key, doc)),
                key: Box::new(DocumentOut::new(&a.key, false)),
            }),
        }
    }
}

/// The saved form of one document. The same document always gives the same bytes.
pub fn document_to_json(doc: &Document) -> String {
    serde_json::to_string_pretty(&DocumentOut::new(doc, true)).expect("a document always serialises")
}

/// The saved form of several documents, as one set file.
/// [`document_to_json`] without the indentation: the same format on one line, for the
/// browser's storage, where nobody reads it and the whole document is written on every
/// change (a third smaller and faster to write).
pub fn document_to_compact_json(doc: &Document) -> String {
    serde_json::to_string(&DocumentOut::new(doc, true)).expect("a document always serialises")
}

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
    checked: bool,
    /// Written with checked work; recomputed, never trusted, so ignored here.
    #[serde(default)]
    #[allow(dead_code)]
    scores: Option<Value>,
    key: Value,
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
}

/// Reads a file holding one document or a set, returning its documents.
pub fn load(json: &str) -> Result<Vec<Document>, LoadError> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| LoadError::one(format!("this is not valid JSON ({e})")))?;
    let Value::Object(top) = &value else {
        return Err(LoadError::one("this is not a Newsmark file: it holds no JSON object"));
    };
    check_version(top.get("schema_version"))?;
    match top.get("kind").and_then(Value::as_str) {
        None | Some(DOCUMENT_KIND) => Ok(vec![document_from_value(value, "")?]),
        Some(EXERCISE_KIND) => {
            let exercise = exercise_from_value(value)?;
            Ok(vec![exercise.start(exercise.key.id.clone(), exercise.key.created)])
        }
        Some(SET_KIND) => {
            let Some(Value::Array(docs)) = top.get("documents") else {
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

/// The file a teacher hands out: instructions, codebook, and the answer key with its article.
pub fn exercise_to_json(exercise: &Exercise) -> String {
    #[derive(Serialize)]
    struct ExerciseOut<'a> {
        schema_version: u64,
        kind: &'static str,
        instructions: &'a str,
        codebook: &'a [CodebookEntry],
        key: DocumentOut<'a>,
    }
    let out = ExerciseOut {
        schema_version: SCHEMA_VERSION,
        kind: EXERCISE_KIND,
        instructions: &exercise.instructions,
        codebook: &exercise.codebook,
        key: DocumentOut::new(&exercise.key, false),
    };
    serde_json::to_string_pretty(&out).expect("an exercise always serialises")
}

/// Reads an exercise file as the teacher wrote it (not a student's copy).
pub fn load_exercise(json: &str) -> Result<Exercise, LoadError> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| LoadError::one(format!("this is not valid JSON ({e})")))?;
    let Value::Object(top) = &value else {
        return Err(LoadError::one("this is not a Newsmark file: it holds no JSON object"));
    };
    check_version(top.get("schema_version"))?;
    if top.get("kind").and_then(Value::as_str) != Some(EXERCISE_KIND) {
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
        instructions: String,
        codebook: Vec<CodebookEntry>,
        key: Value,
    }
    let raw: ExerciseIn = serde_json::from_value(value).map_err(|e| LoadError::one(e.to_string()))?;
    let key = document_from_value(raw.key, "key")?;
    Ok(Exercise { instructions: raw.instructions, codebook: raw.codebook, key })
}

/// Reads a file that must hold exactly one document.
pub fn load_document(json: &str) -> Result<Document, LoadError> {
    let mut docs = load(json)?;
    match docs.len() {
        1 => Ok(docs.remove(0)),
        n => Err(LoadError::one(format!("expected one document, found a set of {n}"))),
    }
}

fn check_version(version: Option<&Value>) -> Result<(), LoadError> {
    match version {
        None => Err(LoadError::one("this is not a Newsmark file: it has no `schema_version`")),
        Some(v) => match v.as_u64() {
            Some(n) if (1..=SCHEMA_VERSION).contains(&n) => Ok(()),
            Some(n) if n > SCHEMA_VERSION => Err(LoadError::one(format!(
                "this file was saved by a newer Newsmark (schema version {n}); this version reads up to {SCHEMA_VERSION}. Update Newsmark to open it."
            ))),
            _ => Err(LoadError::one(format!("`schema_version` must be a whole number from 1 to {SCHEMA_VERSION}, not {v}"))),
        },
    }
}

fn document_from_value(value: Value, at: &str) -> Result<Document, LoadError> {
    let raw: DocumentIn = serde_json::from_value(value)
        .map_err(|e| LoadError { problems: vec![Problem { at: at.to_owned(), message: e.to_string() }] })?;
    let mut problems = Vec::new();
    let doc_at = |s: &str| {
        if at.is_empty() {
            s.to_owned()
        } else {
            format!("{at}.{s}")
        }
    };

    if raw.id.trim().is_empty() {
        problems.push(Problem { at: doc_at("id"), message: "the document has no id".into() });
    }
    let index = offsets::OffsetIndex::new(&raw.text);
    let len = index.cp_len();
    let mut ids = HashSet::new();
    let mut annotations = Vec::with_capacity(raw.annotations.len());
    for (i, a) in raw.annotations.into_iter().enumerate() {
        let place = doc_at(&format!("annotations[{i}] (id \"{}\")", a.id));
        let before = problems.len();
        let mut problem = |m: String| problems.push(Problem { at: place.clone(), message: m });
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
            problem(format!(
                "the span {}–{} runs past the end of the text, which has {len} characters",
                a.start, a.end
            ));
        } else {
            let from = index.cp_to_byte(a.start).expect("checked against the length");
            let to = index.cp_to_byte(a.end).expect("checked against the length");
            let found = &raw.text[from..to];
            if found != a.exact {
                problem(format!(
                    "the span {}–{} says its text is \"{}\" but the article has \"{}\" there",
                    a.start,
                    a.end,
                    shorten(&a.exact),
                    shorten(found)
                ));
            }
        }
        if problems.len() == before {
            let details = a.details();
            annotations.push(Annotation {
                id: a.id,
                tag: tag.expect("checked above"),
                start: a.start,
                end: a.end,
                exact: a.exact,
                prefix: a.prefix,
                suffix: a.suffix,
                details,
                note: a.note.filter(|n| !n.is_empty()),
                created: a.created,
                updated: a.updated,
            });
        }
    }
    let mut problem = |place: String, message: String| problems.push(Problem { at: place, message });
    // Orphans: annotations whose text was not found; only their id and tag must be sound.
    let mut orphans = Vec::with_capacity(raw.orphans.len());
    for (i, a) in raw.orphans.into_iter().enumerate() {
        let place = doc_at(&format!("orphans[{i}] (id \"{}\")", a.id));
        let tag = Tag::parse(&a.tag);
        if a.id.trim().is_empty() || !ids.insert(a.id.clone()) {
            problem(place, "the id is missing or used by another annotation".into());
        } else if let Some(tag) = tag {
            let details = a.details();
            orphans.push(Annotation {
                id: a.id,
                tag,
                start: a.start,
                end: a.end,
                exact: a.exact,
                prefix: a.prefix,
                suffix: a.suffix,
                details,
                note: a.note.filter(|n| !n.is_empty()),
                created: a.created,
                updated: a.updated,
            });
        } else {
            problem(place, format!("unknown tag \"{}\" (Newsmark knows claim, quote and actor)", a.tag));
        }
    }
    let mut relation_ids = HashSet::new();
    // Looked up, not searched for: a long article has thousands of spans and attributions.
    let tags: HashMap<&str, Tag> = annotations.iter().chain(&orphans).map(|a| (a.id.as_str(), a.tag)).collect();
    let tag_of = |id: &str| tags.get(id).copied();
    for (i, r) in raw.relations.iter().enumerate() {
        let place = doc_at(&format!("relations[{i}] (id \"{}\")", r.id));
        if r.id.trim().is_empty() || !relation_ids.insert(r.id.clone()) {
            problem(place, "the id is missing or used by another relation".into());
        } else if tag_of(&r.from).is_none() || tag_of(&r.to).is_none() {
            problem(
                place,
                format!("it links \"{}\" to \"{}\", but both must be annotations of this document", r.from, r.to),
            );
        } else if tag_of(&r.to) != Some(Tag::Actor) || tag_of(&r.from) == Some(Tag::Actor) {
            problem(place, "an attribution must link a quote or a claim to an actor".into());
        }
    }
    let mut entity_ids = HashSet::new();
    for (i, e) in raw.entities.iter().enumerate() {
        if e.id.trim().is_empty() || !entity_ids.insert(e.id.as_str()) {
            problem(doc_at(&format!("entities[{i}]")), "the id is missing or used by another entity".into());
        }
    }
    for a in annotations.iter().chain(&orphans) {
        if let Some(entity) = &a.details.entity {
            if !entity_ids.contains(entity.as_str()) {
                problem(
                    doc_at(&format!("annotation \"{}\"", a.id)),
                    format!("it names the actor \"{entity}\", which is not among the document's entities"),
                );
            }
        }
    }
    if !problems.is_empty() {
        return Err(LoadError { problems });
    }
    let mut doc = Document {
        id: raw.id,
        title: raw.title,
        source_url: raw.source_url.filter(|s| !s.is_empty()),
        byline: raw.byline.filter(|s| !s.is_empty()),
        text: raw.text.into(),
        created: raw.created,
        updated: raw.updated,
        annotations,
        relations: raw.relations,
        orphans,
        entities: raw.entities,
        assignment: None,
    };
    if let Some(a) = raw.assignment {
        let key = document_from_value(a.key, &doc_at("assignment.key"))?;
        doc.assignment =
            Some(Box::new(Assignment { instructions: a.instructions, codebook: a.codebook, key, checked: a.checked }));
    }
    doc.sort_annotations();
    Ok(doc)
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
}
