//! Bringing a file saved in an earlier version of the format up to the current one, as
//! JSON, before it is read and checked. Each step takes one version to the next; a file
//! goes through every step from its own version on.
//!
//! Version 1 to 2, the answer key as its own type:
//!
//! - A student's copy kept the key as a whole document, with its own copy of the article.
//!   The key becomes its `annotations`, `relations` and `entities`, over the document's own
//!   text. A key whose text differs from the document's is refused: its spans would point
//!   at other words (Newsmark never made such a file; re-anchoring it could quietly change
//!   what the student is graded against). A key with an assignment of its own is refused.
//! - `checked: true` becomes `checked: {}`, holding the `scores` that version 1 wrote on
//!   every save (the scores of the work as saved); version 1 recorded no time of checking.
//!   `checked: false` goes.
//! - An exercise file's key document gives the exercise its article (`id`, `title`,
//!   `source_url`, `byline`, `created`, `updated`, `text`) and its key.
//! - A key's orphans (imported spans never placed in its text) go, with the attributions
//!   that touch them: they were never shown to students nor scored.
//!
//! Version 2 to 3, graded exercises and named work: every version 2 file is a version 3
//! file with the same meaning. Version 3 adds what version 2 never wrote: an
//! assignment's `exercise_id` and `student`, a `sealed_key` or no key at all in place of
//! `key`, and `checked.work`, the work at the first check. A version 2 copy keeps its
//! key in the open and has no name, exercise id or work at its check.

use super::{inside, LoadError, Problem, DOCUMENT_KIND, EXERCISE_KIND, SET_KIND};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// `value`, a file of schema `version`, in the current version of the format. Refuses,
/// naming every problem, what cannot be brought up.
pub(super) fn to_current(mut value: Value, version: u64) -> Result<Value, LoadError> {
    if version < 2 {
        value = version_1_to_2(value)?;
    }
    if version < 3 {
        if let Value::Object(top) = &mut value {
            top.insert("schema_version".into(), 3.into());
        }
    }
    Ok(value)
}

/// The fields of a version 1 key document that say what the article is, rather than how it
/// is annotated.
const ARTICLE_FIELDS: [&str; 7] = ["id", "title", "source_url", "byline", "created", "updated", "text"];

fn version_1_to_2(mut value: Value) -> Result<Value, LoadError> {
    let mut problems = Vec::new();
    let Value::Object(top) = &mut value else {
        return Err(LoadError::one("this is not a Newsmark file: it holds no JSON object"));
    };
    match top.get("kind").and_then(Value::as_str) {
        None | Some(DOCUMENT_KIND) => document(top, "", &mut problems),
        Some(SET_KIND) => {
            if let Some(Value::Array(docs)) = top.get_mut("documents") {
                for (i, doc) in docs.iter_mut().enumerate() {
                    if let Value::Object(doc) = doc {
                        document(doc, &format!("documents[{i}]"), &mut problems);
                    }
                }
            }
        }
        Some(EXERCISE_KIND) => exercise(top, &mut problems),
        // Refused by kind once loaded.
        Some(_) => {}
    }
    top.insert("schema_version".into(), 2.into());
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(LoadError { problems })
    }
}

/// A student's copy: its assignment's key document becomes an answer key over its own
/// text, and `checked` a record.
fn document(doc: &mut Map<String, Value>, at: &str, problems: &mut Vec<Problem>) {
    let text = doc.get("text").cloned();
    let Some(Value::Object(assignment)) = doc.get_mut("assignment") else {
        return;
    };
    let scores = assignment.remove("scores");
    match assignment.remove("checked") {
        Some(Value::Bool(true)) => {
            let record = scores.into_iter().map(|s| ("scores".to_owned(), s)).collect();
            assignment.insert("checked".into(), Value::Object(record));
        }
        Some(Value::Bool(false)) | None => {}
        // Anything else was never valid; it is left for loading to refuse.
        Some(other) => {
            assignment.insert("checked".into(), other);
        }
    }
    let at = inside(at, "assignment.key");
    if let Some(Value::Object(key)) = assignment.get_mut("key") {
        match (key.get("text"), &text) {
            (Some(own), Some(text)) if own != text => problems.push(Problem {
                at: at.clone(),
                message: "the answer key's article text differs from this document's text, so its spans would \
                          point at other words; a key must be made of the same article"
                    .into(),
            }),
            (None, _) => {
                problems.push(Problem { at: at.clone(), message: "the answer key has no article text".into() })
            }
            _ => {}
        }
        answer_key(key, &at, problems);
    }
}

/// An exercise file: its key document gives the exercise its article and its key.
fn exercise(top: &mut Map<String, Value>, problems: &mut Vec<Problem>) {
    let Some(Value::Object(key)) = top.get_mut("key") else {
        return;
    };
    let article: Vec<(String, Value)> =
        ARTICLE_FIELDS.iter().filter_map(|&field| key.get(field).map(|v| (field.to_owned(), v.clone()))).collect();
    answer_key(key, "key", problems);
    top.extend(article);
}

/// A version 1 key document, in place, as a version 2 answer key: without the article's
/// fields and orphans. Anything else it holds is kept, for loading to check (or refuse).
fn answer_key(key: &mut Map<String, Value>, at: &str, problems: &mut Vec<Problem>) {
    if key.contains_key("assignment") {
        problems
            .push(Problem { at: at.to_owned(), message: "an answer key cannot have an assignment of its own".into() });
    }
    for field in ARTICLE_FIELDS.iter().chain(&["schema_version", "kind", "assignment"]) {
        key.remove(*field);
    }
    let orphans: HashSet<String> = match key.remove("orphans") {
        Some(Value::Array(orphans)) => {
            orphans.iter().filter_map(|o| o.get("id").and_then(Value::as_str)).map(str::to_owned).collect()
        }
        _ => HashSet::new(),
    };
    if let Some(Value::Array(relations)) = key.get_mut("relations") {
        let touches_orphan =
            |r: &Value, end: &str| r.get(end).and_then(Value::as_str).is_some_and(|id| orphans.contains(id));
        relations.retain(|r| !touches_orphan(r, "from") && !touches_orphan(r, "to"));
    }
}
