//! doccano JSONL: one JSON object per line, one line per document.
//!
//! ```text
//! {"id":1,"text":"…","title":"…","entities":[{"id":1,"label":"actor","start_offset":0,"end_offset":9}],
//!  "relations":[{"id":1,"from_id":2,"to_id":1,"type":"attribution"}]}
//! ```
//!
//! Offsets count code points (doccano's backend is Python). doccano keeps no notes on
//! spans, so notes are left out of an export. Import also reads doccano's older shape,
//! `"label": [[start, end, "claim"], …]`, and takes the text from `"data"` where a file
//! has no `"text"`.

use super::orphans_left_out;
use super::{count_notes, label_to_tag, plural, refuse, Draft, DraftAnnotation, Exported, ImportError, Unit};
use crate::limits::{too_many, MAX_ANNOTATIONS};
use crate::model::{Document, RelationKind};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

#[derive(Serialize)]
struct Line<'a> {
    id: usize,
    text: &'a str,
    title: &'a str,
    entities: Vec<Entity>,
    relations: Vec<EntityRelation>,
}

#[derive(Serialize)]
struct Entity {
    id: usize,
    label: &'static str,
    start_offset: usize,
    end_offset: usize,
}

#[derive(Serialize)]
struct EntityRelation {
    id: usize,
    from_id: usize,
    to_id: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// One JSON line per document.
pub fn export(docs: &[Document]) -> Exported {
    let mut out = String::new();
    for (i, doc) in docs.iter().enumerate() {
        let ids: HashMap<&str, usize> =
            doc.annotations.iter().enumerate().map(|(k, a)| (a.id.as_str(), k + 1)).collect();
        let entities = doc
            .annotations
            .iter()
            .enumerate()
            .map(|(k, a)| Entity { id: k + 1, label: a.tag.as_str(), start_offset: a.start, end_offset: a.end })
            .collect();
        let relations = doc
            .relations
            .iter()
            .filter_map(|r| Some((*ids.get(r.from.as_str())?, *ids.get(r.to.as_str())?, r.kind.as_str())))
            .enumerate()
            .map(|(k, (from_id, to_id, kind))| EntityRelation { id: k + 1, from_id, to_id, kind })
            .collect();
        let line = Line { id: i + 1, text: &doc.text, title: &doc.title, entities, relations };
        out.push_str(&serde_json::to_string(&line).expect("plain data serializes"));
        out.push('\n');
    }
    let mut left_out = Vec::new();
    let notes = count_notes(docs);
    if notes > 0 {
        left_out
            .push(format!("{} not included: doccano has no notes on spans.", plural(notes, "note is", "notes are")));
    }
    left_out.extend(orphans_left_out(docs));
    Exported { bytes: out.into_bytes(), left_out }
}

/// One draft per non-empty line.
pub fn read(text: &str) -> Result<Vec<Draft>, ImportError> {
    let mut drafts = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let at = format!("line {}", i + 1);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let value: Value =
            serde_json::from_str(line).map_err(|e| ImportError(format!("{at} is not valid JSON ({e})")))?;
        let Value::Object(object) = value else {
            return refuse(format!("{at} is not a JSON object with the document's text and labels"));
        };
        drafts.push(read_line(&object, &at)?);
    }
    Ok(drafts)
}

/// Reads one document; `at` ("line 3") starts every message.
fn read_line(object: &Map<String, Value>, at: &str) -> Result<Draft, ImportError> {
    let mut draft = Draft::new(Unit::CodePoints);
    draft.text = match object.get("text").or_else(|| object.get("data")) {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text.clone()),
        Some(_) => return refuse(format!("{at}: \"text\" is not a string")),
    };
    let meta_title = object.get("meta").and_then(|m| m.get("title"));
    draft.title = object.get("title").or(meta_title).and_then(Value::as_str).map(str::to_owned);

    match (object.get("entities"), object.get("label")) {
        (Some(entities), _) => {
            let Value::Array(entities) = entities else {
                return refuse(format!("{at}: \"entities\" is not a list"));
            };
            if entities.len() > MAX_ANNOTATIONS {
                return refuse(format!("{at}: {}", too_many("annotations")));
            }
            for (k, entity) in entities.iter().enumerate() {
                draft.annotations.push(read_entity(entity, k + 1, at)?);
            }
        }
        (None, Some(labels)) => {
            let Value::Array(labels) = labels else {
                return refuse(format!("{at}: \"label\" is not a list of [start, end, label]"));
            };
            if labels.len() > MAX_ANNOTATIONS {
                return refuse(format!("{at}: {}", too_many("annotations")));
            }
            for (k, label) in labels.iter().enumerate() {
                let n = k + 1;
                let shape = || ImportError(format!("{at}: label {n} is not [start, end, label]"));
                let Some([start, end, name]) = label.as_array().map(Vec::as_slice) else { return Err(shape()) };
                let (Some(start), Some(end), Some(name)) = (offset(start), offset(end), name.as_str()) else {
                    return Err(shape());
                };
                let tag = label_to_tag(name).map_err(|e| ImportError(format!("{at}, label {n}: {}", e.0)))?;
                draft.annotations.push(DraftAnnotation {
                    id: n.to_string(),
                    tag: Some(tag),
                    start: Some(start),
                    end: Some(end),
                    ..DraftAnnotation::default()
                });
            }
        }
        (None, None) => {}
    }

    if let Some(relations) = object.get("relations") {
        let Value::Array(relations) = relations else {
            return refuse(format!("{at}: \"relations\" is not a list"));
        };
        if relations.len() > MAX_ANNOTATIONS {
            return refuse(format!("{at}: {}", too_many("attributions")));
        }
        for (k, relation) in relations.iter().enumerate() {
            let n = k + 1;
            let field = |name: &str| relation.get(name).and_then(id_of);
            let (Some(from), Some(to)) = (field("from_id"), field("to_id")) else {
                return refuse(format!("{at}: relation {n} has no from_id and to_id"));
            };
            let kind = relation.get("type").and_then(Value::as_str).unwrap_or("attribution");
            if RelationKind::parse(kind).is_none() {
                return refuse(format!(
                    "{at}: relation {n} has the type \"{kind}\": Newsmark reads only attribution relations"
                ));
            }
            draft.relations.push((from, to));
        }
    }
    Ok(draft)
}

/// Reads the `n`-th entity of a line; `at` ("line 3") starts every message.
fn read_entity(entity: &Value, n: usize, at: &str) -> Result<DraftAnnotation, ImportError> {
    let id = entity.get("id").and_then(id_of).unwrap_or_else(|| n.to_string());
    let Some(label) = entity.get("label").and_then(Value::as_str) else {
        return refuse(format!("{at}: entity {id} has no label"));
    };
    let tag = label_to_tag(label).map_err(|e| ImportError(format!("{at}, entity {id}: {}", e.0)))?;
    let number = |name: &str| match entity.get(name) {
        None | Some(Value::Null) => {
            refuse(format!("{at}: entity {id} has no {name} (a count of characters from the start of the text)"))
        }
        Some(value) => offset(value)
            .map_or_else(|| refuse(format!("{at}: entity {id} has the {name} {value}, {}", not_an_offset(value))), Ok),
    };
    let (start, end) = (number("start_offset")?, number("end_offset")?);
    Ok(DraftAnnotation { id, tag: Some(tag), start: Some(start), end: Some(end), ..DraftAnnotation::default() })
}

/// An entity id: a number or a string.
fn id_of(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// Why a value present as an offset cannot be one.
fn not_an_offset(value: &Value) -> &'static str {
    match value.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 => "which is larger than any article Newsmark reads",
        _ => "which is not a whole number of characters from 0 up",
    }
}

/// An offset: a whole number that is not negative.
fn offset(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|n| usize::try_from(n).ok())
}
