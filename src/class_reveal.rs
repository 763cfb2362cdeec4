//! Reveal on the student's side: the class database's `reveal` record read, and what it
//! changes in the student's copy (the key kept, the work checked), applied through the
//! workspace like any edit. The class sync, or [`crate::hooks::class_reveal`], calls it.
//!
//! The work is checked at once when the key arrives, rather than waiting for the student
//! to press "Check my work": once the key is published, the class picture shows
//! everyone's spans, and a first check made after reading them would record them rather
//! than the student's own reading. The first check is thus the work as it stood when the
//! teacher revealed, which is what the teacher compared.

use crate::couch::{self, CouchError};
use crate::state::{AppState, Msg, Notice};
use newsmark_core::class::reveal::{self, Reveal};
use newsmark_core::{Action, Document};
use serde_json::Value;
use yew::UseReducerDispatcher;

/// The `reveal` record of `class` on `server`; `None` while the teacher has not revealed.
/// (Asked through `_all_docs`, which answers a missing record with no row rather than a
/// 404 that the browser would log as an error at every poll.)
pub async fn fetch(server: &str, class: &str) -> Result<Option<Value>, CouchError> {
    let path = format!("/{class}/_all_docs?include_docs=true&key=%22{}%22", reveal::REVEAL);
    let answer = couch::get(server, &path, "class database").await?;
    Ok(answer
        .get("rows")
        .and_then(Value::as_array)
        .and_then(|rows| rows.iter().find_map(|row| row.get("doc").filter(|d| d.is_object())))
        .cloned())
}

/// Reads the record over the student's copy.
pub fn read(doc: &Document, record: &Value) -> Result<Reveal, String> {
    reveal::read(record, &doc.text)
}

/// What the reveal changes in `doc`: the key kept (when it is not the one held already),
/// and the first check (when the work has none). Nothing when both are done.
pub fn actions(doc: &Document, revealed: &Reveal) -> Vec<Action> {
    let Some(assignment) = doc.assignment.as_ref() else { return Vec::new() };
    let mut out = Vec::new();
    if assignment.key.open() != Some(&revealed.key) {
        out.push(Action::ReceiveKey { doc: doc.id.clone(), key: revealed.key.clone() });
    }
    if assignment.checked.is_none() {
        out.push(Action::CheckExercise { doc: doc.id.clone() });
    }
    out
}

/// Applies the reveal to `doc` and tells the student, when it changes anything.
pub fn apply(state: &UseReducerDispatcher<AppState>, doc: &Document, revealed: &Reveal) {
    let actions = actions(doc, revealed);
    if actions.is_empty() {
        return;
    }
    let now = crate::browser::now();
    for action in actions {
        state.dispatch(Msg::Edit(action, now));
    }
    state.dispatch(Msg::Notify(Some(Notice::info(format!(
        "Your teacher revealed the answer key of “{}”: your work is checked below, and the class picture is open to you.",
        doc.title
    )))));
    crate::browser::announce("Your teacher revealed the answer key. Your work is checked.");
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsmark_core::class::reveal::{record, Work};
    use newsmark_core::exercise::KeyDelivery;
    use newsmark_core::{sample_exercise, Timestamp, Workspace};

    #[test]
    fn a_reveal_gives_a_copy_its_key_and_its_first_check_once() {
        let now = Timestamp::parse("2026-11-29T10:00:00.000Z").unwrap();
        let exercise = sample_exercise::sample_exercise(now);
        let key = exercise.key.open().unwrap().clone();
        let copy = exercise.handed_out(KeyDelivery::Withheld).unwrap().start("newsmark-7b", now);
        let mut work = copy.clone();
        work.annotations = key.annotations[..1].to_vec();
        let published = record(now, &key, &[Work { name: "Li", database: "d", document: &work }], true).unwrap();
        let revealed = read(&copy, &published).unwrap();

        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(copy.clone()), now).unwrap();
        let actions = actions(&copy, &revealed);
        assert!(matches!(actions[..], [Action::ReceiveKey { .. }, Action::CheckExercise { .. }]), "{actions:?}");
        for action in actions {
            ws.apply(action, now).unwrap();
        }
        let after = ws.document("newsmark-7b").unwrap();
        assert!(after.assignment.as_ref().unwrap().checked.is_some());
        assert!(super::actions(after, &revealed).is_empty(), "a second look at the same reveal changes nothing");
    }
}
