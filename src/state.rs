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
    /// A notice about an edit goes once that edit is undone: it was made when undo could
    /// take back this many steps.
    pub until_undone: Option<usize>,
    /// A document whose title Newsmark made up: the notice offers to rename it.
    pub rename: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

impl Notice {
    pub fn info(title: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Info,
            title: title.into(),
            details: Vec::new(),
            retag: None,
            until_undone: None,
            rename: None,
        }
    }

    pub fn error(title: impl Into<String>, details: Vec<String>) -> Notice {
        Notice { kind: NoticeKind::Error, title: title.into(), details, retag: None, until_undone: None, rename: None }
    }
}

/// A note being typed in the editor and not saved yet. It is saved when the editor
/// closes or moves on (Escape included), and a tab holding one asks before it closes.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteDraft {
    pub doc: String,
    pub annotation: String,
    pub text: String,
    /// When it was last typed in: the time the note is saved with.
    pub at: Timestamp,
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
    pub note_draft: Option<NoteDraft>,
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
    /// The note of the annotation being edited, as typed so far.
    DraftNote(NoteDraft),
    /// Save the note being typed now (the page is being hidden).
    KeepNoteDraft,
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
        /// Documents whose file named no title, so that theirs was made from their first words.
        untitled: Vec<String>,
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
    /// Class work as assembled from the class server's records `theirs` (`class_sync`);
    /// the records `base` are what the library's version was last in step with, so that
    /// changes made here since are kept. Never an undo step; `open` opens it.
    ClassWork {
        doc: Document,
        base: Option<Rc<BTreeMap<String, serde_json::Value>>>,
        theirs: Rc<BTreeMap<String, serde_json::Value>>,
        open: bool,
    },
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
            note_draft: None,
        }
    }

    /// Whether something would be lost if the tab closed now: unsaved changes, or a note
    /// being typed.
    pub fn has_unsaved_work(&self) -> bool {
        !self.unsaved.is_empty() || !self.unremoved.is_empty() || self.note_draft.is_some()
    }

    /// Saves the note being typed, as the person would expect when the editor closes or
    /// moves on: the other fields save as they change, and Escape "returns to the text".
    fn keep_note_draft(&mut self) {
        if let Some(draft) = self.note_draft.take() {
            let NoteDraft { doc, annotation, text, at } = draft;
            if self.ws.document(&doc).is_some_and(|d| d.annotation(&annotation).is_some()) {
                self.apply(Action::EditNote { doc, annotation, note: text }, at);
            }
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
        let deletion = match &action {
            Action::DeleteAnnotation { doc, annotation } => {
                self.ws.document(doc).and_then(|d| deletion_notice(d, annotation))
            }
            _ => None,
        };
        let renamed = match &action {
            Action::RenameDocument { doc, .. } => Some(doc.clone()),
            _ => None,
        };
        // Saving the note being typed ends the draft; saving an older text of it (a blur
        // handled before the last keystroke) keeps what was typed since.
        if let Action::EditNote { annotation, note, .. } = &action {
            if self.note_draft.as_ref().is_some_and(|d| d.annotation == *annotation && d.text == *note) {
                self.note_draft = None;
            }
        }
        match self.ws.apply_unless_elsewhere(action, now, &self.elsewhere) {
            Ok(change) => {
                if let Some(notice) = deletion {
                    self.notice = Some(Notice { until_undone: Some(self.ws.undo_steps()), ..notice });
                }
                // A notice about a step that has just been undone no longer applies, nor an
                // offer to rename a document once it is renamed.
                let undone =
                    self.notice.as_ref().and_then(|n| n.until_undone).is_some_and(|n| self.ws.undo_steps() < n);
                let renamed = renamed.is_some() && self.notice.as_ref().is_some_and(|n| n.rename == renamed);
                if undone || renamed {
                    self.notice = None;
                }
                self.note_change(change)
            }
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
        // A note being typed for an annotation that is gone has nothing to be saved to.
        if let Some(draft) = &self.note_draft {
            if self.ws.document(&draft.doc).is_none_or(|d| d.annotation(&draft.annotation).is_none()) {
                self.note_draft = None;
            }
        }
    }
}

/// What deleting annotation `id` of `doc` tells the person: that undo brings it back, and
/// for an actor mention, where its quotes and claims went or which lost their speaker.
fn deletion_notice(doc: &Document, id: &str) -> Option<Notice> {
    let deleted = doc.annotation(id)?;
    let undo = "Undo brings it back (Ctrl+Z).";
    let moved = doc.reattribution(id);
    if !moved.lost.is_empty() {
        let name = doc.actor_name(deleted);
        let n = moved.lost.len();
        let what = if n == 1 { "1 quote or claim" } else { "quotes and claims" };
        let title = format!(
            "Actor deleted: {} no longer {} a speaker, since “{name}” is named nowhere else. {undo}",
            if n == 1 { what.to_owned() } else { format!("{n} {what}") },
            if n == 1 { "has" } else { "have" }
        );
        let details = moved
            .lost
            .iter()
            .filter_map(|l| doc.annotation(l))
            .map(|a| format!("{}: {}", a.tag.label(), excerpt(&a.exact)))
            .collect();
        return Some(Notice { details, ..Notice::info(title) });
    }
    if !moved.moved.is_empty() {
        let name = doc.actor_name(deleted);
        let n = moved.moved.len();
        return Some(Notice::info(format!(
            "Actor mention deleted. {} to “{name}” now {} to another mention of “{name}”. {undo}",
            if n == 1 { "The attribution".to_owned() } else { format!("The {n} attributions") },
            if n == 1 { "points" } else { "point" }
        )));
    }
    Some(Notice::info(format!("Annotation deleted. {undo}")))
}

/// A passage quoted in a notice: in quotation marks (unless it opens with its own), and
/// only its start when it is long.
fn excerpt(text: &str) -> String {
    const LONGEST: usize = 60;
    let short = if text.chars().count() <= LONGEST {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(LONGEST - 1).collect();
        format!("{}…", cut.trim_end())
    };
    if text.starts_with(['“', '"', '«', '‘', '„', '「']) {
        short
    } else {
        format!("“{short}”")
    }
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Edit(action, now) => next.apply(action, now),
            Msg::Open(id) => {
                next.keep_note_draft();
                if next.ws.document(&id).is_some() {
                    next.open = Some(id);
                    next.candidates.clear();
                    next.focused = None;
                }
            }
            Msg::Select { candidates, focus } => {
                let focused = focus.or_else(|| candidates.first().cloned());
                if next.note_draft.as_ref().is_some_and(|d| Some(&d.annotation) != focused.as_ref()) {
                    next.keep_note_draft();
                }
                next.focused = focused;
                next.candidates = candidates;
            }
            Msg::CloseEditor => {
                next.keep_note_draft();
                next.candidates.clear();
                next.focused = None;
            }
            Msg::DraftNote(draft) => {
                let saved =
                    next.ws.document(&draft.doc).and_then(|d| d.annotation(&draft.annotation)).map(|a| a.note.clone());
                next.note_draft = match saved {
                    // Typing back what is saved leaves nothing to save.
                    Some(note) if note.as_deref().unwrap_or_default() == draft.text => None,
                    Some(_) => Some(draft),
                    None => None,
                };
            }
            Msg::KeepNoteDraft => next.keep_note_draft(),
            Msg::Filter(tag) => next.filter = tag,
            Msg::Import { docs, mut fresh_ids, now, source, mut details, retag, replaces, untitled } => {
                next.keep_note_draft();
                for doc in replaces {
                    if next.ws.document(&doc).is_some() {
                        next.apply(Action::DeleteDocument { doc }, now);
                    }
                }
                let count = docs.len();
                let mut added = Vec::new();
                // A student opening an exercise has nothing imported to hear about.
                let fresh_exercise =
                    count > 0 && docs.iter().all(|d| d.assignment.is_some() && d.annotations.is_empty());
                let mut made_up = Vec::new();
                for mut doc in docs {
                    let was_untitled = untitled.contains(&doc.id);
                    if next.ws.document(&doc.id).is_some() || next.damaged.iter().any(|d| d.key.ends_with(&doc.id)) {
                        doc.id = fresh_ids.pop().unwrap_or_else(|| format!("{}-copy", doc.id));
                    }
                    if was_untitled {
                        made_up.push((doc.id.clone(), doc.title.clone()));
                    }
                    added.push(doc.id.clone());
                    next.apply(Action::AddDocument(doc), now);
                }
                if let Some(id) = added.first() {
                    next.open = Some(id.clone());
                }
                let title = match count {
                    0 => format!("Nothing was imported from {source}."),
                    _ if fresh_exercise => {
                        details.clear();
                        "Exercise opened: tag the claims, quotes and actors the instructions ask for, then check your work.".to_owned()
                    }
                    1 => format!("Imported 1 article from {source}."),
                    _ => format!("Imported {count} articles from {source}."),
                };
                for (_, title) in &made_up {
                    details.push(format!("“{title}” is titled from its first words: the file gives no title. Rename it if that is not the headline."));
                }
                let retag = retag.map(|r| Retag { docs: added, ..r });
                next.notice = Some(Notice {
                    details,
                    retag,
                    until_undone: (count > 0).then(|| next.ws.undo_steps()),
                    rename: made_up.into_iter().next().map(|(id, _)| id),
                    ..Notice::info(title)
                });
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
            Msg::ClassWork { doc, base, theirs, open } => {
                let id = doc.id.clone();
                // Only the tab holding the document's writer lock takes in class work.
                if next.may_edit(&id) {
                    let work = match next.ws.document(&id) {
                        Some(current) => crate::class_sync::merge(current, base.as_deref(), &theirs, doc),
                        None => doc,
                    };
                    if next.ws.document(&id).is_none_or(|c| !crate::class_sync::same_work(c, &work)) {
                        next.ws.take_outside_version(work);
                        next.unsaved.insert(id.clone(), next.revision + 1);
                        next.unremoved.remove(&id);
                    }
                }
                if open && next.ws.document(&id).is_some() {
                    next.keep_note_draft();
                    next.open = Some(id);
                    next.candidates.clear();
                    next.focused = None;
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

    fn typing(state: Rc<AppState>, text: &str) -> Rc<AppState> {
        let draft = NoteDraft { doc: "mine".into(), annotation: "a1".into(), text: text.into(), at: Timestamp(5_000) };
        state.reduce(Msg::DraftNote(draft))
    }

    fn note(state: &AppState) -> Option<String> {
        state.ws.document("mine").unwrap().annotation("a1").unwrap().note.clone()
    }

    #[test]
    fn escape_discarded_a_note_being_typed_and_now_returns_to_the_text_with_it_saved() {
        let state = loaded().reduce(tag("mine", "a1"));
        let state = state.reduce(Msg::Select { candidates: vec!["a1".into()], focus: Some("a1".into()) });
        let state = typing(state, "Ask the council for the figures");
        assert!(state.has_unsaved_work(), "a tab holding a note being typed asks before it closes");
        assert_eq!(note(&state), None, "not saved at every keystroke");

        // Escape closes the editor.
        let state = state.reduce(Msg::CloseEditor);
        assert_eq!(note(&state).as_deref(), Some("Ask the council for the figures"));
        assert_eq!(state.focused, None);
        assert!(state.note_draft.is_none());
        let saved = state.reduce(Msg::Saved { written: vec![("mine".into(), u64::MAX)], removed: Vec::new() });
        assert!(!saved.has_unsaved_work());
        // One undo takes the note back.
        let undone = saved.reduce(Msg::Edit(Action::Undo, NOW));
        assert_eq!(note(&undone), None);
    }

    #[test]
    fn a_note_being_typed_is_saved_when_another_annotation_or_article_is_opened_or_the_page_is_hidden() {
        let state = loaded().reduce(tag("mine", "a1"));
        let state = state.reduce(Msg::Select { candidates: vec!["a1".into()], focus: Some("a1".into()) });
        let moved_on = typing(state.clone(), "first").reduce(Msg::Select { candidates: Vec::new(), focus: None });
        assert_eq!(note(&moved_on).as_deref(), Some("first"));
        let opened = typing(state.clone(), "second").reduce(Msg::Open("theirs".into()));
        assert_eq!(note(&opened).as_deref(), Some("second"));
        let hidden = typing(state.clone(), "third").reduce(Msg::KeepNoteDraft);
        assert_eq!(note(&hidden).as_deref(), Some("third"));
        // Typing back what is saved leaves nothing to save.
        let same = typing(hidden, "third");
        assert!(same.note_draft.is_none());
        // A note for an annotation that is deleted goes with it.
        let deleted = typing(state, "fourth")
            .reduce(Msg::Edit(Action::DeleteAnnotation { doc: "mine".into(), annotation: "a1".into() }, NOW));
        assert!(deleted.note_draft.is_none());
    }

    #[test]
    fn saving_an_older_text_of_the_note_being_typed_keeps_what_was_typed_since() {
        let state = loaded().reduce(tag("mine", "a1"));
        let state = state.reduce(Msg::Select { candidates: vec!["a1".into()], focus: Some("a1".into()) });
        let state = typing(typing(state, "Ask"), "Ask the council");
        let save = |note: &str| {
            Msg::Edit(Action::EditNote { doc: "mine".into(), annotation: "a1".into(), note: note.into() }, NOW)
        };
        let stale = state.clone().reduce(save("Ask"));
        assert_eq!(stale.note_draft.as_ref().map(|d| d.text.as_str()), Some("Ask the council"));
        let closed = stale.reduce(Msg::CloseEditor);
        assert_eq!(note(&closed).as_deref(), Some("Ask the council"));
        let saved = state.reduce(save("Ask the council"));
        assert!(saved.note_draft.is_none());
    }

    #[test]
    fn the_deletion_notice_stayed_after_undo_and_now_goes_when_undo_brings_the_annotation_back() {
        let state = loaded().reduce(tag("mine", "a1"));
        let state =
            state.reduce(Msg::Edit(Action::DeleteAnnotation { doc: "mine".into(), annotation: "a1".into() }, NOW));
        assert_eq!(state.notice.as_ref().unwrap().title, "Annotation deleted. Undo brings it back (Ctrl+Z).");
        let state = state.reduce(Msg::Edit(Action::Undo, NOW));
        assert!(state.ws.document("mine").unwrap().annotation("a1").is_some());
        assert_eq!(state.notice, None);
    }

    #[test]
    fn deleting_an_actor_named_nowhere_else_says_which_quotes_lose_their_speaker() {
        // "The minister said it.": "minister" an actor, "said it" a quote attributed to it.
        let add = |id: &str, tag, start, end| {
            Msg::Edit(Action::AddAnnotation { doc: "mine".into(), id: id.into(), tag, start, end }, NOW)
        };
        let state = loaded().reduce(add("m", Tag::Actor, 4, 12)).reduce(add("q", Tag::Quote, 13, 20));
        let attribute = Action::Attribute { doc: "mine".into(), id: "r".into(), from: "q".into(), to: "m".into() };
        let state = state.reduce(Msg::Edit(attribute, NOW));
        let state =
            state.reduce(Msg::Edit(Action::DeleteAnnotation { doc: "mine".into(), annotation: "m".into() }, NOW));
        let notice = state.notice.as_ref().unwrap();
        assert_eq!(
            notice.title,
            "Actor deleted: 1 quote or claim no longer has a speaker, since “minister” is named nowhere else. Undo brings it back (Ctrl+Z)."
        );
        assert_eq!(notice.details, ["Quote: “said it”"]);
    }

    #[test]
    fn a_student_opening_an_exercise_was_told_zero_annotations_placed_and_is_now_told_what_to_do() {
        let exercise = newsmark_core::sample_exercise::sample_exercise(NOW);
        let copy = exercise.start("copy", NOW);
        let state = loaded().reduce(Msg::Import {
            docs: vec![copy],
            fresh_ids: Vec::new(),
            details: vec!["Newsmark JSON: 0 annotations: 0 placed exactly, 0 re-anchored, 0 orphaned.".into()],
            now: NOW,
            source: "exercise.json".into(),
            retag: None,
            replaces: Vec::new(),
            untitled: Vec::new(),
        });
        let notice = state.notice.as_ref().unwrap();
        assert!(notice.title.starts_with("Exercise opened: tag the claims, quotes and actors"), "{}", notice.title);
        assert!(notice.details.is_empty());
        assert_eq!(state.open.as_deref(), Some("copy"));
    }

    #[test]
    fn an_article_titled_from_its_first_words_is_said_to_be_and_offered_for_renaming() {
        let doc =
            Document::new("b", "Local news you can trust", "Local news you can trust\n\nThe minister resigned.", NOW);
        let state = loaded().reduce(Msg::Import {
            docs: vec![doc],
            fresh_ids: Vec::new(),
            details: Vec::new(),
            now: NOW,
            source: "brat.zip".into(),
            retag: None,
            replaces: Vec::new(),
            untitled: vec!["b".into()],
        });
        let notice = state.notice.as_ref().unwrap();
        assert_eq!(notice.rename.as_deref(), Some("b"));
        assert!(notice.details[0].starts_with("“Local news you can trust” is titled from its first words"));
        // Renamed, the offer to rename no longer applies.
        let renamed =
            state.reduce(Msg::Edit(Action::RenameDocument { doc: "b".into(), title: "Resigned".into() }, NOW));
        assert_eq!(renamed.notice, None);
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
