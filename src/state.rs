//! The app's state: the core workspace plus what is open, selected and unsaved.
//!
//! All changes go through [`Msg`] and [`AppState::reduce`]. The reducer never touches
//! the browser; saving happens in one effect in the `App` component, driven by
//! [`AppState::unsaved`].

use newsmark_core::{schema, Action, Change, Document, Tag, Timestamp, Workspace};
use std::collections::BTreeSet;
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

impl Notice {
    pub fn info(title: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Info, title: title.into(), details: Vec::new() }
    }

    pub fn error(title: impl Into<String>, details: Vec<String>) -> Notice {
        Notice { kind: NoticeKind::Error, title: title.into(), details }
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
    /// Documents changed since they were last written to storage.
    pub unsaved: BTreeSet<String>,
    /// Documents removed from the library whose records are still in storage.
    pub unremoved: BTreeSet<String>,
    /// Why the last attempt to save failed; `None` when everything is saved.
    pub save_error: Option<String>,
    pub damaged: Vec<DamagedRecord>,
    /// Bumped on every change to the open document's view, so effects can follow it.
    pub revision: u64,
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
    /// `details` says how the annotations were placed.
    Import {
        docs: Vec<Document>,
        fresh_ids: Vec<String>,
        details: Vec<String>,
        now: Timestamp,
        source: String,
    },
    Notify(Option<Notice>),
    /// The storage effect wrote these documents (and removed those).
    Saved {
        written: Vec<String>,
        removed: Vec<String>,
    },
    SaveFailed(String),
}

impl AppState {
    pub fn new(
        ws: Workspace,
        open: Option<String>,
        damaged: Vec<DamagedRecord>,
        unsaved: BTreeSet<String>,
    ) -> AppState {
        let open = open.filter(|id| ws.document(id).is_some()).or_else(|| ws.documents().first().map(|d| d.id.clone()));
        AppState {
            ws,
            open,
            candidates: Vec::new(),
            focused: None,
            filter: None,
            notice: None,
            unsaved,
            unremoved: BTreeSet::new(),
            save_error: None,
            damaged,
            revision: 0,
        }
    }

    pub fn open_document(&self) -> Option<&Document> {
        self.open.as_deref().and_then(|id| self.ws.document(id))
    }

    fn apply(&mut self, action: Action, now: Timestamp) {
        let deleted_annotation = match &action {
            Action::DeleteAnnotation { annotation, .. } => Some(annotation.clone()),
            _ => None,
        };
        match self.ws.apply(action, now) {
            Ok(change) => self.note_change(change),
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
            Change::Saved { doc } => {
                self.unremoved.remove(&doc);
                self.unsaved.insert(doc.clone());
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
            Msg::Import { docs, mut fresh_ids, now, source, details } => {
                let count = docs.len();
                let mut first = None;
                for mut doc in docs {
                    if next.ws.document(&doc.id).is_some() || next.damaged.iter().any(|d| d.key.ends_with(&doc.id)) {
                        doc.id = fresh_ids.pop().unwrap_or_else(|| format!("{}-copy", doc.id));
                    }
                    first.get_or_insert(doc.id.clone());
                    next.apply(Action::AddDocument(doc), now);
                }
                if let Some(id) = first {
                    next.open = Some(id);
                }
                let what = if count == 1 { "1 article".to_owned() } else { format!("{count} articles") };
                next.notice = Some(Notice { details, ..Notice::info(format!("Imported {what} from {source}.")) });
            }
            Msg::Notify(notice) => next.notice = notice,
            Msg::Saved { written, removed } => {
                for id in written {
                    next.unsaved.remove(&id);
                }
                for id in removed {
                    next.unremoved.remove(&id);
                }
                next.save_error = None;
            }
            Msg::SaveFailed(why) => next.save_error = Some(why),
        }
        next.revision += 1;
        Rc::new(next)
    }
}

/// Everything in the library as one set file, for the "download" escape hatch.
pub fn library_json(state: &AppState) -> String {
    schema::set_to_json(state.ws.documents())
}
