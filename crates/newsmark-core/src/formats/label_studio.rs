//! Label Studio JSON: a list of tasks, each an article with one annotation of labelled
//! regions, per-region notes and attribution relations.
//!
//! # What Newsmark writes
//!
//! One task per document:
//!
//! ```json
//! [
//!   {
//!     "id": 1,
//!     "data": { "text": "…", "title": "…", "newsmark_id": "DOC", "source_url": "…", "byline": "…" },
//!     "annotations": [
//!       {
//!         "id": 1,
//!         "result": [
//!           { "id": "a1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
//!             "value": { "start": 0, "end": 8, "text": "Zoë Hart", "labels": ["Actor"] } },
//!           { "id": "a1", "from_name": "note", "to_name": "text", "type": "textarea",
//!             "value": { "start": 0, "end": 8, "text": ["The note"] } },
//!           { "type": "relation", "from_id": "a2", "to_id": "a1", "direction": "right", "labels": ["attribution"] }
//!         ]
//!       }
//!     ]
//!   }
//! ]
//! ```
//!
//! Offsets count UTF-16 code units, as Label Studio's frontend does (an emoji is two).
//! A relation goes from the quote or claim to its actor. `source_url` and `byline` are
//! there only when the document has them. Orphaned annotations are not written, nor are
//! their attributions.
//!
//! # Setting up a Label Studio project
//!
//! This labeling config matches the export, so tasks can be imported, corrected and
//! exported back:
//!
//! ```xml
//! <View>
//!   <Header value="$title"/>
//!   <Labels name="label" toName="text">
//!     <Label value="Claim" background="#f2b134"/>
//!     <Label value="Quote" background="#4f9fe3"/>
//!     <Label value="Actor" background="#6cc070"/>
//!   </Labels>
//!   <Text name="text" value="$text"/>
//!   <Relations>
//!     <Relation value="attribution"/>
//!   </Relations>
//!   <TextArea name="note" toName="text" perRegion="true" editable="true" placeholder="Note on this span"/>
//! </View>
//! ```
//!
//! # What Newsmark reads
//!
//! A task list, or a single task. The article is `data.text`; the title, source URL and
//! byline come from `data.title`, `data.source_url` and `data.byline` if present, and the
//! document keeps the id in `data.newsmark_id`. Only the
//! first annotation of a task is read (predictions are ignored). Its `labels` results
//! become spans (the first label, which must be Claim, Quote or Actor), `textarea`
//! results with a region's id become that region's note, and `relation` results become
//! attributions; a relation drawn from an actor to a quote or claim is turned round.
//! Other results are ignored. Offsets may count UTF-16 units or code points: whichever
//! makes the regions' text match the article is used, except in tasks that Newsmark wrote
//! (with `data.newsmark_id`), which count UTF-16 units.

use super::orphans_left_out;
use super::{label_to_tag, refuse, Draft, DraftAnnotation, Exported, ImportError, Unit};
use crate::limits::{too_many, MAX_ANNOTATIONS};
use crate::model::{Document, RelationKind, Tag};
use crate::offsets::OffsetIndex;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------
// Export

#[derive(Serialize)]
struct Task<'a> {
    id: usize,
    data: Data<'a>,
    annotations: [Completed<'a>; 1],
}

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
    title: &'a str,
    newsmark_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
}

#[derive(Serialize)]
struct Completed<'a> {
    id: usize,
    result: Vec<Entry<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Entry<'a> {
    Label(LabelResult<'a>),
    Note(NoteResult<'a>),
    Relation(RelationResult<'a>),
}

#[derive(Serialize)]
struct LabelResult<'a> {
    id: &'a str,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    origin: &'static str,
    value: LabelValue<'a>,
}

#[derive(Serialize)]
struct LabelValue<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    labels: [&'static str; 1],
}

#[derive(Serialize)]
struct NoteResult<'a> {
    id: &'a str,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: NoteValue<'a>,
}

#[derive(Serialize)]
struct NoteValue<'a> {
    start: usize,
    end: usize,
    text: [&'a str; 1],
}

#[derive(Serialize)]
struct RelationResult<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    from_id: &'a str,
    to_id: &'a str,
    direction: &'static str,
    labels: [&'static str; 1],
}

/// Writes a task list with one task per document.
pub fn export(docs: &[Document]) -> Exported {
    let tasks: Vec<Task> = docs.iter().enumerate().map(|(i, doc)| task(i + 1, doc)).collect();
    let json = serde_json::to_string_pretty(&tasks).expect("plain data always serialises");
    let mut left_out = Vec::new();
    left_out.extend(orphans_left_out(docs));
    Exported { bytes: json.into_bytes(), left_out }
}

fn task(n: usize, doc: &Document) -> Task<'_> {
    let index = OffsetIndex::new(&doc.text);
    let utf16 = |cp: usize| index.cp_to_utf16(cp).unwrap_or(index.utf16_len());
    let mut result = Vec::new();
    for a in &doc.annotations {
        let (start, end) = (utf16(a.start), utf16(a.end));
        result.push(Entry::Label(LabelResult {
            id: &a.id,
            from_name: "label",
            to_name: "text",
            kind: "labels",
            origin: "manual",
            value: LabelValue { start, end, text: &a.exact, labels: [a.tag.label()] },
        }));
        if let Some(note) = &a.note {
            result.push(Entry::Note(NoteResult {
                id: &a.id,
                from_name: "note",
                to_name: "text",
                kind: "textarea",
                value: NoteValue { start, end, text: [note] },
            }));
        }
    }
    // An orphan is not written, so neither is an attribution to or from one.
    let written = |id: &str| doc.annotation(id).is_some();
    for r in doc.relations.iter().filter(|r| written(&r.from) && written(&r.to)) {
        result.push(Entry::Relation(RelationResult {
            kind: "relation",
            from_id: &r.from,
            to_id: &r.to,
            direction: "right",
            labels: [r.kind.as_str()],
        }));
    }
    Task {
        id: n,
        data: Data {
            text: &doc.text,
            title: &doc.title,
            newsmark_id: &doc.id,
            source_url: doc.source_url.as_deref(),
            byline: doc.byline.as_deref(),
        },
        annotations: [Completed { id: n, result }],
    }
}

// ---------------------------------------------------------------------------------------
// Import

/// Reads a Label Studio task list (or one task): one draft per task.
pub fn read(text: &str) -> Result<Vec<Draft>, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError(format!("the file is not JSON ({e})")))?;
    match &value {
        Value::Array(tasks) => tasks.iter().enumerate().map(|(i, t)| read_task(t, i + 1)).collect(),
        Value::Object(_) => Ok(vec![read_task(&value, 1)?]),
        other => refuse(format!(
            "the file holds {}, not Label Studio tasks: expected a list of tasks or one task",
            describe(other)
        )),
    }
}

fn read_task(task: &Value, n: usize) -> Result<Draft, ImportError> {
    if !task.is_object() {
        return refuse(format!("task {n} is {}, not a Label Studio task", describe(task)));
    }
    let Some(data) = task.get("data").filter(|d| d.is_object()) else {
        return refuse(format!("task {n} has no \"data\" with the article: \"data.text\" is missing"));
    };
    let text = match data.get("text") {
        Some(Value::String(text)) => text.clone(),
        None | Some(Value::Null) => return refuse(format!("task {n} has no article text: \"data.text\" is missing")),
        Some(other) => return refuse(format!("task {n}: \"data.text\" is {}, not text", describe(other))),
    };
    let field = |name: &str| data.get(name).and_then(Value::as_str).map(str::to_owned);
    // A task Newsmark wrote (it carries `newsmark_id`) counts UTF-16 units. Only for other
    // files is the unit guessed: where both units fit every region (a region after an emoji
    // in repetitive text), a guess could move it.
    let unit = if data.get("newsmark_id").is_some() { Unit::Utf16 } else { Unit::Either };
    let mut draft = Draft::new(unit);
    draft.id = field("newsmark_id");
    draft.text = Some(text);
    draft.title = field("title");
    draft.source_url = field("source_url");
    draft.byline = field("byline");

    let results: Vec<&Value> = match task.get("annotations") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(all)) => match all.first() {
            None => Vec::new(),
            Some(first) => match first.get("result") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(result)) => result.iter().collect(),
                Some(other) => {
                    return refuse(format!(
                        "task {n}: the \"result\" of its annotation is {}, not a list",
                        describe(other)
                    ))
                }
            },
        },
        Some(other) => return refuse(format!("task {n}: its \"annotations\" are {}, not a list", describe(other))),
    };

    let mut notes: Vec<(String, String)> = Vec::new();
    let mut relations: Vec<(String, String)> = Vec::new();
    for (k, r) in results.into_iter().enumerate() {
        let name = match region_id(r) {
            Some(id) => format!("task {n}, result {} (\"{id}\")", k + 1),
            None => format!("task {n}, result {}", k + 1),
        };
        let value = r.get("value");
        match r.get("type").and_then(Value::as_str) {
            Some("labels") => {
                let Some(value) = value.filter(|v| v.is_object()) else {
                    return refuse(format!("{name} has no \"value\" saying where it is and what it is"));
                };
                let start = offset(value.get("start"), &name, "start")?;
                let end = offset(value.get("end"), &name, "end")?;
                let labels = value.get("labels").and_then(Value::as_array);
                let Some(label) = labels.and_then(|l| l.first()).and_then(Value::as_str) else {
                    return refuse(format!("{name} has no label: Newsmark reads the labels Claim, Quote and Actor"));
                };
                let tag = label_to_tag(label).map_err(|e| ImportError(format!("{name}: {e}")))?;
                if draft.annotations.len() == MAX_ANNOTATIONS {
                    return refuse(format!("task {n}: {}", too_many("annotations")));
                }
                draft.annotations.push(DraftAnnotation {
                    id: region_id(r).unwrap_or_default(),
                    tag: Some(tag),
                    start,
                    end,
                    exact: value.get("text").and_then(Value::as_str).map(str::to_owned),
                    ..DraftAnnotation::default()
                });
            }
            Some("textarea") => {
                let note: Vec<&str> = match value.and_then(|v| v.get("text")) {
                    Some(Value::Array(lines)) => lines.iter().filter_map(Value::as_str).collect(),
                    Some(Value::String(line)) => vec![line.as_str()],
                    _ => Vec::new(),
                };
                if let (Some(id), false) = (region_id(r), note.is_empty()) {
                    notes.push((id, note.join("\n")));
                }
            }
            Some("relation") => {
                let end = |key: &str| {
                    r.get(key).and_then(|v| v.as_str().map(str::to_owned).or_else(|| v.as_u64().map(|n| n.to_string())))
                };
                let (Some(from), Some(to)) = (end("from_id"), end("to_id")) else {
                    return refuse(format!("{name} is a relation without both a \"from_id\" and a \"to_id\""));
                };
                let labels: Vec<&str> = r
                    .get("labels")
                    .and_then(Value::as_array)
                    .map(|l| l.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                if !labels.is_empty()
                    && !labels.iter().any(|l| RelationKind::parse(l) == Some(RelationKind::Attribution))
                {
                    return refuse(format!(
                        "{name}: unknown relation label \"{}\": Newsmark reads attribution relations",
                        labels.join("\", \"")
                    ));
                }
                if relations.len() == MAX_ANNOTATIONS {
                    return refuse(format!("task {n}: {}", too_many("attributions")));
                }
                if r.get("direction").and_then(Value::as_str) == Some("left") {
                    relations.push((to, from));
                } else {
                    relations.push((from, to));
                }
            }
            _ => {}
        }
    }

    // Looked up, not searched for: a task may have 50,000 regions, each with a note.
    let index: HashMap<String, usize> =
        draft.annotations.iter().enumerate().rev().map(|(i, a)| (a.id.clone(), i)).collect();
    for (id, note) in notes {
        if let Some(a) = index.get(&id).and_then(|&i| draft.annotations.get_mut(i)) {
            a.note = Some(match a.note.take() {
                Some(before) => format!("{before}\n{note}"),
                None => note,
            });
        }
    }
    // A relation drawn from the actor to the quote or claim means the same attribution.
    let tag_of = |id: &str| index.get(id).and_then(|&i| draft.annotations[i].tag);
    for (from, to) in relations {
        let backwards = tag_of(&from) == Some(Tag::Actor) && matches!(tag_of(&to), Some(Tag::Quote | Tag::Claim));
        draft.relations.push(if backwards { (to, from) } else { (from, to) });
    }
    Ok(draft)
}

/// A result's region id, which Label Studio writes as a string (numbers are accepted).
fn region_id(r: &Value) -> Option<String> {
    match r.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn offset(v: Option<&Value>, name: &str, key: &str) -> Result<Option<usize>, ImportError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match v.as_u64().and_then(|n| usize::try_from(n).ok()) {
            Some(n) => Ok(Some(n)),
            None => refuse(format!("{name}: its \"{key}\" is not a whole number of 0 or more")),
        },
    }
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
