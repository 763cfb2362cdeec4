//! The records of one database as its `_changes` feed tells them, kept up to date poll by
//! poll (the teacher's Class view reads each student's database this way).
//!
//! A poll asks `_changes?since=<Feed::since>&include_docs=true&conflicts=true` and hands
//! the answer to [`Feed::apply`]: each change replaces the record (its body as the
//! revision CouchDB chose), a deleted record goes, and `last_seq` is where the next poll
//! starts. Design documents (`_design/…`) are the server's rules, not work, and are left
//! out. The other revisions of a conflicted record are named in `_conflicts` without
//! their bodies; the teacher's view shows CouchDB's choice, as the student's document
//! does until the student picks a version, so [`Stored::conflicts`] stays empty here.

use super::records::Stored;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One database's records, and where its change feed was last read up to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feed {
    /// The sequence to ask for changes since (CouchDB's `last_seq`, a number on some
    /// servers and an opaque string on CouchDB 3); `None` before the first poll.
    pub since: Option<Value>,
    records: BTreeMap<String, Stored>,
}

/// A `_changes` answer that is not one: what it lacked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAFeed(pub String);

impl std::fmt::Display for NotAFeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the server's list of changes is not readable ({})", self.0)
    }
}

impl Feed {
    /// The `since` parameter of the next poll, ready for a URL (`0` at first).
    pub fn since_param(&self) -> String {
        let raw = match &self.since {
            None => "0".to_owned(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        raw.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    /// Takes in one `_changes` answer; `Ok(true)` when a record changed.
    pub fn apply(&mut self, answer: &Value) -> Result<bool, NotAFeed> {
        let results =
            answer.get("results").and_then(Value::as_array).ok_or_else(|| NotAFeed("it has no results".to_owned()))?;
        let last_seq = answer.get("last_seq").ok_or_else(|| NotAFeed("it has no last_seq".to_owned()))?;
        let mut changed = false;
        for change in results {
            let Some(id) = change.get("id").and_then(Value::as_str) else { continue };
            if id.starts_with('_') {
                continue;
            }
            let deleted = change.get("deleted").and_then(Value::as_bool).unwrap_or(false);
            match change.get("doc").filter(|_| !deleted) {
                Some(Value::Object(doc)) => {
                    let stored = stored(id, doc);
                    if self.records.get(id) != Some(&stored) {
                        self.records.insert(id.to_owned(), stored);
                        changed = true;
                    }
                }
                _ => changed |= self.records.remove(id).is_some(),
            }
        }
        self.since = Some(last_seq.clone());
        Ok(changed)
    }

    /// The records held now, in id order, for [`super::records::assemble`].
    pub fn stored(&self) -> Vec<Stored> {
        self.records.values().cloned().collect()
    }

    /// Whether no record has arrived yet.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// A record as read from the feed: its body without CouchDB's own fields.
fn stored(id: &str, doc: &Map<String, Value>) -> Stored {
    let rev = doc.get("_rev").and_then(Value::as_str).unwrap_or_default().to_owned();
    let body: Map<String, Value> =
        doc.iter().filter(|(k, _)| !k.starts_with('_')).map(|(k, v)| (k.clone(), v.clone())).collect();
    Stored { id: id.to_owned(), rev, body: Value::Object(body), conflicts: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::class::records::{self, assemble};
    use crate::model::{Document, Tag};
    use crate::time::Timestamp;
    use crate::workspace::{Action, Workspace};
    use serde_json::json;

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-29T10:00:00.000Z").unwrap()
    }

    /// A `_changes` answer carrying `records` (id → body) at revision `rev`, ending at `seq`.
    fn answer(records: &[(&str, Value)], seq: u64) -> Value {
        let results: Vec<Value> = records
            .iter()
            .map(|(id, body)| {
                let mut doc = body.clone();
                doc["_id"] = json!(id);
                doc["_rev"] = json!("1-x");
                json!({ "id": id, "seq": seq, "changes": [{ "rev": "1-x" }], "doc": doc })
            })
            .collect();
        json!({ "results": results, "last_seq": seq })
    }

    #[test]
    fn work_arriving_in_two_polls_assembles_into_the_students_document() {
        let doc = Document::new("newsmark-7b", "Vote", "Lee said the vote was fair.", now());
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(doc.clone()), now()).unwrap();
        ws.apply(
            Action::AddAnnotation { doc: doc.id.clone(), id: "q1".into(), tag: Tag::Quote, start: 9, end: 26 },
            now(),
        )
        .unwrap();
        let records = records::of_document(ws.document(&doc.id).unwrap());

        let mut feed = Feed::default();
        assert_eq!(feed.since_param(), "0");
        assert!(feed.apply(&answer(&[("article", records["article"].clone())], 1)).unwrap());
        assert!(assemble(&feed.stored()).unwrap().document.annotations.is_empty());

        assert!(feed.apply(&answer(&[("annotation:q1", records["annotation:q1"].clone())], 2)).unwrap());
        assert_eq!(feed.since_param(), "2");
        let assembled = assemble(&feed.stored()).unwrap();
        assert_eq!(assembled.document.annotations[0].exact, "the vote was fair");
        assert!(!feed.stored()[0].body.as_object().unwrap().contains_key("_rev"), "CouchDB's fields are not work");
    }

    #[test]
    fn a_poll_with_nothing_new_changes_nothing_and_a_deleted_record_goes() {
        let mut feed = Feed::default();
        let body = json!({ "type": "handin", "at": "2026-11-29T10:00:00.000Z" });
        feed.apply(&answer(&[("handin", body.clone())], 3)).unwrap();
        assert!(!feed.apply(&answer(&[("handin", body)], 4)).unwrap());
        assert!(!feed.apply(&json!({ "results": [], "last_seq": 4 })).unwrap());
        let gone = json!({ "results": [{ "id": "handin", "seq": 5, "deleted": true, "doc": { "_id": "handin", "_deleted": true } }], "last_seq": 5 });
        assert!(feed.apply(&gone).unwrap());
        assert!(feed.is_empty());
    }

    #[test]
    fn the_servers_design_document_is_not_taken_for_work() {
        let mut feed = Feed::default();
        feed.apply(&answer(&[("_design/newsmark", json!({ "validate_doc_update": "function () {}" }))], 1)).unwrap();
        assert!(feed.is_empty());
    }

    #[test]
    fn an_opaque_couchdb_sequence_is_sent_back_as_it_came_escaped_for_the_address() {
        let mut feed = Feed::default();
        feed.apply(&json!({ "results": [], "last_seq": "12-g1AAAA+b/c=" })).unwrap();
        assert_eq!(feed.since_param(), "12-g1AAAA%2Bb%2Fc%3D");
    }

    #[test]
    fn an_answer_that_is_not_a_change_list_is_refused_and_the_records_kept() {
        let mut feed = Feed::default();
        feed.apply(&answer(&[("handin", json!({ "type": "handin" }))], 1)).unwrap();
        let err = feed.apply(&json!({ "error": "nope" })).unwrap_err();
        assert!(err.to_string().contains("not readable"), "{err}");
        assert!(!feed.is_empty());
        assert_eq!(feed.since_param(), "1");
    }
}
