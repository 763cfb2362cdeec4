//! The app's state: the core workspace plus what is open, selected and unsaved.
//!
//! All changes go through [`Msg`] and [`AppState::reduce`]. The reducer never touches
//! the browser; saving happens in one effect (`hooks::autosave`), driven by
//! [`AppState::unsaved`].

use crate::import::Retag;
use newsmark_core::{schema, Action, Change, Document, EditError, Tag, Timestamp, Workspace};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use yew::Reducible;

/// A stored record that could not be read. It stays in storage untouched.
#[derive(Clone, Debug, PartialEq)]
pub struct DamagedRecord {
    pub key: String,
    pub raw: String,
    pub problem: String,
}

/// A message shown at the top of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub title: String,
    pub details: Vec<String>,
    /// An import that left annotations out for want of a tag: the notice offers to
    /// choose tags for them and read the file again.
    pub retag: Option<Retag>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

impl Notice {
    pub fn info(title: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Info, title: title.into(), details: Vec::new(), retag: None }
    }

    pub fn error(title: impl Into<String>, details: Vec<String>) -> Notice {
        Notice { kind: NoticeKind::Error, title: title.into(), details, retag: None }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub ws: Workspace,
    /// The document shown in the reading view.
    pub open: Option<String>,
    /// Annotations offered in the editor (all those under a clicked point), and which one is being edited.
    pub candidates: Vec<String>,
    pub focused: Option<String>,
    /// Show only annotations with this tag.
    pub filter: Option<Tag>,
    pub notice: Option<Notice>,
    /// The library is still being read from storage.
    pub loading: bool,
    /// Documents changed since they were last written to storage, with the revision of
    /// their latest change (a write of an older revision leaves them unsaved).
    pub unsaved: BTreeMap<String, u64>,
    /// Documents removed from the library whose records are still in storage.
    pub unremoved: BTreeSet<String>,
    /// Why the last attempt to save failed; `None` when everything is saved.
    pub save_error: Option<String>,
    pub damaged: Vec<DamagedRecord>,
    /// Bumped on every change to the open document's view, so effects can follow it.
    pub revision: u64,
    /// Documents another tab is editing: read-only here.
    pub elsewhere: BTreeSet<String>,
}

pub enum Msg {
    /// An edit to the library, stamped with the time it was made.
    Edit(Action, Timestamp),
    Open(String),
    /// Show these annotations in the editor, editing `focus`.
    Select {
        candidates: Vec<String>,
        focus: Option<String>,
    },
    CloseEditor,
    Filter(Option<Tag>),
    /// Add documents read from a file; ids already in use get the fresh ones supplied.
    /// `details` says how the annotations were placed and what was left out. The
    /// documents in `replaces` (an earlier reading of the same file) are deleted first.
    Import {
        docs: Vec<Document>,
        fresh_ids: Vec<String>,
        details: Vec<String>,
        now: Timestamp,
        source: String,
        retag: Option<Retag>,
        replaces: Vec<String>,
    },
    Notify(Option<Notice>),
    /// The library as read from storage at start-up; `sample` joins it on a first visit.
    Loaded {
        docs: Vec<Document>,
        open: Option<String>,
        damaged: Vec<DamagedRecord>,
        /// Documents not yet written to the database.
        unsaved: Vec<String>,
        error: Option<String>,
    },
    /// The storage effect wrote these documents (each as of a revision) and removed those.
    Saved {
        written: Vec<(String, u64)>,
        removed: Vec<String>,
    },
    SaveFailed(String),
    /// Stored versions of documents that another tab changed (`None`: it deleted them).
    Outside(Vec<(String, Option<Document>)>),
    /// The documents another tab is editing.
    Writers {
        elsewhere: BTreeSet<String>,
    },
    /// Another tab took over editing this document.
    WriterMoved(String),
}

impl AppState {
    /// The state before the library has been read: empty and loading.
    pub fn loading() -> AppState {
        AppState {
            ws: Workspace::default(),
            open: None,
            candidates: Vec::new(),
            focused: None,
            filter: None,
            notice: None,
            loading: true,
            unsaved: BTreeMap::new(),
            unremoved: BTreeSet::new(),
            save_error: None,
            damaged: Vec::new(),
            revision: 0,
            elsewhere: BTreeSet::new(),
        }
    }

    /// Whether this tab may change `doc` now (no other tab is editing it).
    pub fn may_edit(&self, doc: &str) -> bool {
        !self.elsewhere.contains(doc)
    }

    pub fn open_document(&self) -> Option<&Document> {
        self.open.as_deref().and_then(|id| self.ws.document(id))
    }

    fn apply(&mut self, action: Action, now: Timestamp) {
        let deleted_annotation = match &action {
            Action::DeleteAnnotation { annotation, .. } => Some(annotation.clone()),
            _ => None,
        };
        match self.ws.apply_unless_elsewhere(action, now, &self.elsewhere) {
            Ok(change) => self.note_change(change),
            Err(EditError::EditedElsewhere(id)) => {
                let title = self.ws.document(&id).map_or(id, |d| d.title.clone());
                self.notice = Some(Notice::error(
                    format!("“{title}” is being edited in another tab, so it was not changed here."),
                    vec!["Use that tab, or choose “Edit here instead” above the article to move editing to this tab."
                        .into()],
                ));
                return;
            }
            Err(e) => self.notice = Some(Notice::error("That change could not be made", vec![e.to_string()])),
        }
        if let Some(id) = deleted_annotation {
            self.candidates.retain(|c| *c != id);
            if self.focused.as_ref() == Some(&id) {
                self.focused = self.candidates.first().cloned();
            }
        }
    }

    fn note_change(&mut self, change: Change) {
        match change {
            Change::Edited { doc } => {
                self.unremoved.remove(&doc);
                self.unsaved.insert(doc.clone(), self.revision + 1);
                if self.open.is_none() || self.open.as_deref().is_some_and(|o| self.ws.document(o).is_none()) {
                    self.open = Some(doc.clone());
                }
                // Undo and redo may touch another document: show it.
                if self.open.as_deref() != Some(doc.as_str()) && self.ws.document(&doc).is_some() {
                    self.open = Some(doc);
                    self.candidates.clear();
                    self.focused = None;
                }
            }
            Change::Removed { doc } => {
                self.unsaved.remove(&doc);
                self.unremoved.insert(doc.clone());
                if self.open.as_deref() == Some(doc.as_str()) {
                    self.open = self.ws.documents().first().map(|d| d.id.clone());
                    self.candidates.clear();
                    self.focused = None;
                }
            }
            Change::Nothing => {}
        }
        // Annotations that no longer exist cannot stay selected.
        if let Some(doc) = self.open_document() {
            let alive: Vec<String> = self.candidates.iter().filter(|c| doc.annotation(c).is_some()).cloned().collect();
            let focused = self.focused.clone().filter(|f| doc.annotation(f).is_some());
            self.candidates = alive;
            self.focused = focused.or_else(|| self.candidates.first().cloned());
        }
    }
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Edit(action, now) => next.apply(action, now),
            Msg::Open(id) => {
                if next.ws.document(&id).is_some() {
                    next.open = Some(id);
                    next.candidates.clear();
                    next.focused = None;
                }
            }
            Msg::Select { candidates, focus } => {
                next.focused = focus.or_else(|| candidates.first().cloned());
                next.candidates = candidates;
            }
            Msg::CloseEditor => {
                next.candidates.clear();
                next.focused = None;
            }
            Msg::Filter(tag) => next.filter = tag,
            Msg::Import { docs, mut fresh_ids, now, source, details, retag, replaces } => {
                for doc in replaces {
                    if next.ws.document(&doc).is_some() {
                        next.apply(Action::DeleteDocument { doc }, now);
                    }
                }
                let count = docs.len();
                let mut added = Vec::new();
                for mut doc in docs {
                    if next.ws.document(&doc.id).is_some() || next.damaged.iter().any(|d| d.key.ends_with(&doc.id)) {
                        doc.id = fresh_ids.pop().unwrap_or_else(|| format!("{}-copy", doc.id));
                    }
                    added.push(doc.id.clone());
                    next.apply(Action::AddDocument(doc), now);
                }
                if let Some(id) = added.first() {
                    next.open = Some(id.clone());
                }
                let title = match count {
                    0 => format!("Nothing was imported from {source}."),
                    1 => format!("Imported 1 article from {source}."),
                    _ => format!("Imported {count} articles from {source}."),
                };
                let retag = retag.map(|r| Retag { docs: added, ..r });
                next.notice = Some(Notice { details, retag, ..Notice::info(title) });
            }
            Msg::Notify(notice) => next.notice = notice,
            Msg::Loaded { docs, open, damaged, unsaved, error } => {
                next = AppState::loading();
                next.loading = false;
                next.unsaved = unsaved.into_iter().map(|id| (id, 0)).collect();
                next.open =
                    open.filter(|id| docs.iter().any(|d| d.id == *id)).or_else(|| docs.first().map(|d| d.id.clone()));
                next.ws = Workspace::with_documents(docs);
                next.damaged = damaged;
                next.save_error = error;
                next.notice = self.notice.clone();
                next.revision = self.revision;
            }
            Msg::Saved { written, removed } => {
                for (id, revision) in written {
                    if next.unsaved.get(&id).is_some_and(|r| *r <= revision) {
                        next.unsaved.remove(&id);
                    }
                }
                for id in removed {
                    next.unremoved.remove(&id);
                }
                next.save_error = None;
            }
            Msg::SaveFailed(why) => next.save_error = Some(why),
            Msg::Outside(versions) => {
                for (id, version) in versions {
                    // This tab's own unsaved work on a document is never replaced, and a
                    // version it already has keeps its undo history.
                    if next.unsaved.contains_key(&id) || version.as_ref() == next.ws.document(&id) {
                        continue;
                    }
                    match version {
                        Some(doc) => next.ws.take_outside_version(doc),
                        None => next.ws.drop_outside(&id),
                    }
                    next.unremoved.remove(&id);
                }
                next.note_change(Change::Nothing);
                if next.open.as_deref().is_none_or(|o| next.ws.document(o).is_none()) {
                    next.open = next.ws.documents().first().map(|d| d.id.clone());
                }
            }
            Msg::Writers { elsewhere } => next.elsewhere = elsewhere,
            Msg::WriterMoved(id) => {
                let title = next.ws.document(&id).map_or(id.clone(), |d| d.title.clone());
                next.elsewhere.insert(id);
                next.notice = Some(Notice::info(format!(
                    "“{title}” is now being edited in another tab. This tab shows its changes as they are saved."
                )));
            }
        }
        next.revision += 1;
        Rc::new(next)
    }
}

/// Everything in the library as one set file, for the "download" escape hatch.
pub fn library_json(state: &AppState) -> String {
    let docs: Vec<Document> = state.ws.documents().iter().map(|d| (**d).clone()).collect();
    schema::set_to_json(&docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsmark_core::Timestamp;

    const NOW: Timestamp = Timestamp(1_000);

    /// The state after loading a library of two articles, "mine" open.
    fn loaded() -> Rc<AppState> {
        let docs = vec![
            Document::new("mine", "Mine", "The minister said it.", NOW),
            Document::new("theirs", "Theirs", "Another text.", NOW),
        ];
        Rc::new(AppState::loading()).reduce(Msg::Loaded {
            docs,
            open: Some("mine".into()),
            damaged: Vec::new(),
            unsaved: Vec::new(),
            error: None,
        })
    }

    fn tag(doc: &str, id: &str) -> Msg {
        Msg::Edit(Action::AddAnnotation { doc: doc.into(), id: id.into(), tag: Tag::Claim, start: 4, end: 12 }, NOW)
    }

    #[test]
    fn an_edit_marks_its_document_unsaved_until_a_write_of_its_revision() {
        let state = loaded().reduce(tag("mine", "a1"));
        let revision = state.unsaved["mine"];
        let state = state.reduce(Msg::Saved { written: vec![("mine".into(), revision - 1)], removed: Vec::new() });
        assert!(state.unsaved.contains_key("mine"), "a write of an older revision leaves it unsaved");
        let state = state.reduce(Msg::Saved { written: vec![("mine".into(), revision)], removed: Vec::new() });
        assert!(state.unsaved.is_empty());
    }

    #[test]
    fn an_edit_to_a_document_another_tab_is_editing_changes_nothing_and_says_why() {
        let state = loaded().reduce(Msg::Writers { elsewhere: BTreeSet::from(["mine".to_owned()]) });
        let after = state.clone().reduce(tag("mine", "a1"));
        assert_eq!(after.ws, state.ws);
        assert!(after.unsaved.is_empty());
        let notice = after.notice.as_ref().expect("a notice");
        assert_eq!(notice.kind, NoticeKind::Error);
        assert_eq!(notice.title, "“Mine” is being edited in another tab, so it was not changed here.");

        let after = state.reduce(tag("theirs", "a1"));
        assert!(after.ws.document("theirs").unwrap().annotation("a1").is_some(), "other documents stay editable");
    }

    #[test]
    fn undo_that_would_change_a_document_held_elsewhere_is_refused() {
        let state = loaded().reduce(tag("mine", "a1"));
        let state = state.reduce(Msg::Writers { elsewhere: BTreeSet::from(["mine".to_owned()]) });
        let after = state.clone().reduce(Msg::Edit(Action::Undo, NOW));
        assert!(after.ws.document("mine").unwrap().annotation("a1").is_some());
        assert!(after.ws.can_undo());
        assert!(after.notice.is_some());
    }
}
