//! The library of documents and every edit to it, with undo and redo.
//!
//! Every change is an [`Action`] applied with [`Workspace::apply`]. Internally each
//! change is an invertible [`Edit`]: applying an edit returns the edit that undoes it,
//! which goes on the undo stack; undoing applies that and puts its inverse on the redo
//! stack. So undo and redo cover every edit by construction, except two that are for
//! good: the first check of an exercise, and unlocking its sealed key.

use crate::anchor;
use crate::exercise::UnlockError;
use crate::model::AnswerKey;
use crate::model::{Annotation, Checked, Details, Document, Entity, Key, Relation, RelationKind, Snapshot, Tag};
use crate::offsets;
use crate::time::Timestamp;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

/// Something a person does to the library.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Adds a document at the top of the library.
    AddDocument(Document),
    RenameDocument {
        doc: String,
        title: String,
    },
    DeleteDocument {
        doc: String,
    },
    /// Tags `start..end` (code points). The shell supplies a fresh id.
    AddAnnotation {
        doc: String,
        id: String,
        tag: Tag,
        start: usize,
        end: usize,
    },
    Retag {
        doc: String,
        annotation: String,
        tag: Tag,
    },
    /// Sets the note; an empty note removes it.
    EditNote {
        doc: String,
        annotation: String,
        note: String,
    },
    /// Deletes an annotation. The quotes and claims attributed to an actor mention move
    /// to the nearest other mention of the same actor, where it has one
    /// ([`Document::reattribution`]); one undo brings everything back as it was.
    DeleteAnnotation {
        doc: String,
        annotation: String,
    },
    /// Attributes a quote or claim (`from`) to an actor (`to`), replacing any earlier attribution of `from`.
    Attribute {
        doc: String,
        id: String,
        from: String,
        to: String,
    },
    /// Tags `start..end` as a new actor `actor` and attributes the quote or claim `from`
    /// to it (as relation `relation`, replacing any earlier attribution of `from`): one
    /// step, undone at once. The shell supplies the fresh ids.
    AddSpeaker {
        doc: String,
        from: String,
        actor: String,
        relation: String,
        start: usize,
        end: usize,
    },
    DeleteRelation {
        doc: String,
        relation: String,
    },
    /// Sets the analysis of an annotation (kind of quote, claim type and check, actor).
    SetDetails {
        doc: String,
        annotation: String,
        details: Details,
    },
    /// Adds an actor entity, or replaces the one with the same id (to rename it or change its kind).
    PutEntity {
        doc: String,
        entity: Entity,
    },
    /// Links actor mention `mention` to the actor named like its words: the document's
    /// actor of that name ([`crate::Reading::entity_named`]) if there is one, else a new
    /// person with id `entity` (a fresh id from the shell). One step, so the same name
    /// never becomes two actors this way.
    NameActor {
        doc: String,
        mention: String,
        entity: String,
    },
    /// Checks a student's exercise against its answer key, which shows the key: the work
    /// records when, the scores ([`crate::agreement::check`]) and the work itself at that
    /// moment. Only the first check is recorded, and it cannot be undone.
    CheckExercise {
        doc: String,
    },
    /// Keeps in a student's copy the answer key that [`exercise::unlock`] opened from its
    /// sealed key with the teacher's passphrase; from then on the work is checked as
    /// practice. The shell opens the key first, so that a wrong passphrase is answered
    /// where it was typed and the slow key derivation runs once. Refused unless the work's
    /// key is sealed; cannot be undone.
    UnlockKey {
        doc: String,
        key: AnswerKey,
    },
    /// Keeps in a student's copy of class work the answer key the teacher published
    /// (Reveal, see `class::reveal`), whether it was withheld, sealed or published before
    /// (a later reveal replaces it); refused unless the work is an exercise; cannot be
    /// undone.
    ReceiveKey {
        doc: String,
        key: AnswerKey,
    },
    /// Records the student's name in their copy of an exercise; blank removes it.
    NameStudent {
        doc: String,
        name: String,
    },
    /// Adds the suggestions a person accepted ([`crate::suggest::Suggestions::acceptance`]):
    /// new annotations (their `exact`, `prefix` and `suffix` are read from the text here),
    /// the attributions of quotes to speakers (new or already there), and the actors the
    /// new mentions name. One step, undone at once.
    AddSuggested {
        doc: String,
        annotations: Vec<Annotation>,
        relations: Vec<Relation>,
        entities: Vec<Entity>,
    },
    /// Places an orphaned annotation at `start..end`, or drops it when `span` is `None`.
    ResolveOrphan {
        doc: String,
        orphan: String,
        span: Option<(usize, usize)>,
    },
    Undo,
    Redo,
}

/// What an applied action changed, so the shell knows what to save or show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The document with this id was added or changed, and is not saved yet.
    Edited { doc: String },
    /// The document with this id was removed from the library.
    Removed { doc: String },
    /// Nothing changed (undo with nothing to undo, a note set to what it was).
    Nothing,
}

/// Why an action could not be applied. The workspace is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    NoSuchDocument(String),
    NoSuchAnnotation(String),
    NoSuchRelation(String),
    NoSuchEntity(String),
    DuplicateId(String),
    /// Another tab is editing the document with this id, so this tab does not change it.
    EditedElsewhere(String),
    /// An attribution must link a quote or claim to an actor.
    NotAnAttribution,
    /// Only an actor mention can be linked to an actor.
    NotAnActor(String),
    /// The span is empty or does not fit the text.
    BadSpan {
        start: usize,
        end: usize,
        len: usize,
    },
    /// The document is not a student's copy of an exercise.
    NotAnExercise(String),
    /// The work cannot be checked here: its key is sealed (`true`) or was left out.
    KeyNotHere {
        sealed: bool,
    },
    /// The sealed key did not open.
    Unlock(UnlockError),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchDocument(id) => {
                write!(f, "there is no document \"{id}\" in the library")
            }
            EditError::NoSuchAnnotation(id) => {
                write!(f, "there is no annotation \"{id}\" in this document")
            }
            EditError::NoSuchRelation(id) => write!(f, "there is no attribution \"{id}\" in this document"),
            EditError::NoSuchEntity(id) => write!(f, "there is no actor \"{id}\" in this document's list of actors"),
            EditError::DuplicateId(id) => write!(f, "the id \"{id}\" is already in use"),
            EditError::EditedElsewhere(id) => write!(f, "the document \"{id}\" is being edited in another tab"),
            EditError::NotAnAttribution => write!(f, "only a quote or a claim can be attributed, and only to an actor"),
            EditError::NotAnActor(id) => write!(f, "\"{id}\" is not an actor mention, so it names no actor"),
            EditError::BadSpan { start, end, len } => {
                write!(f, "the span {start}–{end} is empty or does not fit a text of {len} characters")
            }
            EditError::NotAnExercise(id) => write!(f, "the document \"{id}\" is not a student's copy of an exercise"),
            EditError::KeyNotHere { sealed: true } => {
                write!(f, "the answer key is sealed: unlock it with the passphrase your teacher gives out first")
            }
            EditError::KeyNotHere { sealed: false } => {
                write!(f, "this exercise carries no answer key: your teacher checks the work you hand in")
            }
            EditError::Unlock(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for EditError {}

/// One invertible change.
#[derive(Clone, Debug, PartialEq)]
enum Edit {
    InsertDocument {
        index: usize,
        doc: Box<Document>,
    },
    RemoveDocument {
        id: String,
    },
    SetTitle {
        doc: String,
        title: String,
    },
    /// Inserts an annotation and the relations that involve it, each at its index in the
    /// list of relations (the end, if that is shorter), so undoing a removal puts every
    /// relation back where it was.
    InsertAnnotation {
        doc: String,
        annotation: Annotation,
        relations: Vec<(usize, Relation)>,
    },
    /// Removes an annotation and every relation that involves it.
    RemoveAnnotation {
        doc: String,
        id: String,
    },
    InsertRelation {
        doc: String,
        relation: Relation,
    },
    RemoveRelation {
        doc: String,
        id: String,
    },
    /// Replaces the relation with the same id, in place; the inverse carries the old one.
    ReplaceRelation {
        doc: String,
        relation: Relation,
    },
    /// Several edits as one step; the inverse undoes them in reverse order.
    Batch(Vec<Edit>),
    /// Adds `entity`, or replaces the entity with its id; the inverse carries the old one.
    PutEntity {
        doc: String,
        entity: Entity,
    },
    RemoveEntity {
        doc: String,
        id: String,
    },
    /// Sets or clears the record of checking an exercise.
    SetChecked {
        doc: String,
        checked: Option<Checked>,
    },
    /// Replaces the answer key of a student's copy.
    SetKey {
        doc: String,
        key: Key,
    },
    /// Sets or clears the student's name in their copy.
    SetStudent {
        doc: String,
        student: Option<String>,
    },
    /// Removes orphan `orphan.id` and, if given, adds `placed` to the annotations.
    TakeOrphan {
        doc: String,
        orphan: String,
        placed: Option<Annotation>,
    },
    /// Undoes `TakeOrphan`: removes annotation `placed` (if any) and puts `orphan` back.
    ReturnOrphan {
        doc: String,
        orphan: Annotation,
        placed: Option<String>,
    },
    ReplaceAnnotation {
        doc: String,
        annotation: Annotation,
    },
}

impl Edit {
    /// The document this edit changes (every edit, batches included, changes one).
    fn document(&self) -> Option<&str> {
        match self {
            Edit::InsertDocument { doc, .. } => Some(&doc.id),
            Edit::RemoveDocument { id } => Some(id),
            Edit::Batch(edits) => edits.first().and_then(Edit::document),
            Edit::SetTitle { doc, .. }
            | Edit::InsertAnnotation { doc, .. }
            | Edit::RemoveAnnotation { doc, .. }
            | Edit::InsertRelation { doc, .. }
            | Edit::RemoveRelation { doc, .. }
            | Edit::ReplaceRelation { doc, .. }
            | Edit::PutEntity { doc, .. }
            | Edit::RemoveEntity { doc, .. }
            | Edit::SetChecked { doc, .. }
            | Edit::SetKey { doc, .. }
            | Edit::SetStudent { doc, .. }
            | Edit::TakeOrphan { doc, .. }
            | Edit::ReturnOrphan { doc, .. }
            | Edit::ReplaceAnnotation { doc, .. } => Some(doc),
        }
    }
}

/// The edits that remove every attribution of the quote or claim `from` in `d`.
fn attributions_removed(d: &Document, from: &str) -> Vec<Edit> {
    d.relations
        .iter()
        .filter(|r| r.kind == RelationKind::Attribution && r.from == from)
        .map(|r| Edit::RemoveRelation { doc: d.id.clone(), id: r.id.clone() })
        .collect()
}

/// `edit` preceded by `before`, as one step.
fn after(before: Vec<Edit>, edit: Edit) -> Edit {
    if before.is_empty() {
        edit
    } else {
        Edit::Batch(before.into_iter().chain([edit]).collect())
    }
}

/// The library: documents in the order they are listed, and the edit history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workspace {
    /// Shared, so that copying the workspace (as the app does for every change) copies
    /// pointers, and an edit copies only the document it changes.
    documents: Vec<Arc<Document>>,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl Workspace {
    /// A workspace holding `documents` (as loaded from storage) and no history.
    pub fn with_documents(documents: Vec<Document>) -> Workspace {
        Workspace { documents: documents.into_iter().map(Arc::new).collect(), undo: Vec::new(), redo: Vec::new() }
    }

    pub fn documents(&self) -> &[Arc<Document>] {
        &self.documents
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id).map(|d| &**d)
    }

    /// The document with this id, shared: the same pointer until the document changes.
    pub fn shared(&self, id: &str) -> Option<&Arc<Document>> {
        self.documents.iter().find(|d| d.id == id)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// How many steps undo can take back: a notice about a step goes once it is undone.
    pub fn undo_steps(&self) -> usize {
        self.undo.len()
    }

    /// The document `action` would change: the one it names, or for undo and redo, the
    /// one the next step changes (`None` when there is nothing to undo or redo).
    pub fn document_changed_by<'a>(&'a self, action: &'a Action) -> Option<&'a str> {
        match action {
            Action::AddDocument(doc) => Some(&doc.id),
            Action::Undo => self.next_step_document(true),
            Action::Redo => self.next_step_document(false),
            Action::RenameDocument { doc, .. }
            | Action::DeleteDocument { doc }
            | Action::AddAnnotation { doc, .. }
            | Action::Retag { doc, .. }
            | Action::EditNote { doc, .. }
            | Action::DeleteAnnotation { doc, .. }
            | Action::Attribute { doc, .. }
            | Action::AddSpeaker { doc, .. }
            | Action::DeleteRelation { doc, .. }
            | Action::SetDetails { doc, .. }
            | Action::PutEntity { doc, .. }
            | Action::NameActor { doc, .. }
            | Action::CheckExercise { doc }
            | Action::UnlockKey { doc, .. }
            | Action::ReceiveKey { doc, .. }
            | Action::NameStudent { doc, .. }
            | Action::ResolveOrphan { doc, .. }
            | Action::AddSuggested { doc, .. } => Some(doc),
        }
    }

    /// Applies `action` like [`Workspace::apply`], unless it would change a document in
    /// `elsewhere` (documents another tab is editing, which are read-only here): then
    /// nothing changes, undo and redo included, and the error names that document.
    pub fn apply_unless_elsewhere(
        &mut self,
        action: Action,
        now: Timestamp,
        elsewhere: &BTreeSet<String>,
    ) -> Result<Change, EditError> {
        if let Some(doc) = self.document_changed_by(&action).filter(|doc| elsewhere.contains(*doc)) {
            return Err(EditError::EditedElsewhere(doc.to_owned()));
        }
        self.apply(action, now)
    }

    /// The annotation sets compared with the open document `open`: it first, then every
    /// other document of the library with the same article text, and, for an exercise,
    /// its answer key as one more annotator (id `answer-key:…`, titled "Answer key").
    /// Empty when `open` is not in the library.
    pub fn comparison(&self, open: &str) -> Vec<Arc<Document>> {
        let Some(open) = self.shared(open) else { return Vec::new() };
        let same_article = self
            .documents
            .iter()
            .filter(|d| d.id != open.id && (Arc::ptr_eq(&d.text, &open.text) || d.text == open.text));
        let key = crate::exercise::key_document(open).map(Arc::new);
        std::iter::once(open).chain(same_article).cloned().chain(key).collect()
    }

    /// Applies `action` at time `now`. On error nothing changes.
    pub fn apply(&mut self, action: Action, now: Timestamp) -> Result<Change, EditError> {
        // The first check and an unlocked key are for good: no undo step brings back the
        // work before them.
        let for_good =
            matches!(action, Action::CheckExercise { .. } | Action::UnlockKey { .. } | Action::ReceiveKey { .. });
        let edit = match action {
            Action::Undo => return Ok(self.step_history(true, now)),
            Action::Redo => return Ok(self.step_history(false, now)),
            action => self.edit_for(action, now)?,
        };
        match edit {
            None => Ok(Change::Nothing),
            Some(edit) => {
                let (inverse, change) = self.perform(edit, now);
                if !for_good {
                    self.undo.push(inverse);
                }
                self.redo.clear();
                Ok(change)
            }
        }
    }

    fn step_history(&mut self, undo: bool, now: Timestamp) -> Change {
        let from = if undo { &mut self.undo } else { &mut self.redo };
        let Some(edit) = from.pop() else {
            return Change::Nothing;
        };
        let (inverse, change) = self.perform(edit, now);
        if undo {
            self.redo.push(inverse);
        } else {
            self.undo.push(inverse);
        }
        change
    }

    /// Turns an action into the edit that carries it out, checking it first.
    fn edit_for(&self, action: Action, now: Timestamp) -> Result<Option<Edit>, EditError> {
        Ok(Some(match action {
            Action::AddDocument(doc) => {
                if self.document(&doc.id).is_some() {
                    return Err(EditError::DuplicateId(doc.id));
                }
                Edit::InsertDocument { index: 0, doc: Box::new(doc) }
            }
            Action::RenameDocument { doc, title } => {
                if self.existing(&doc)?.title == title {
                    return Ok(None);
                }
                Edit::SetTitle { doc, title }
            }
            Action::DeleteDocument { doc } => {
                self.existing(&doc)?;
                Edit::RemoveDocument { id: doc }
            }
            Action::AddAnnotation { doc, id, tag, start, end } => {
                let annotation = self.new_annotation(self.existing(&doc)?, id, tag, (start, end), now)?;
                Edit::InsertAnnotation { doc, annotation, relations: Vec::new() }
            }
            Action::Retag { doc, annotation, tag } => {
                let old = self.existing_annotation(&doc, &annotation)?;
                if old.tag == tag {
                    return Ok(None);
                }
                Edit::ReplaceAnnotation { annotation: Annotation { tag, updated: now, ..old.clone() }, doc }
            }
            Action::EditNote { doc, annotation, note } => {
                let old = self.existing_annotation(&doc, &annotation)?;
                let note = Some(note).filter(|n| !n.trim().is_empty());
                if old.note == note {
                    return Ok(None);
                }
                Edit::ReplaceAnnotation { annotation: Annotation { note, updated: now, ..old.clone() }, doc }
            }
            Action::DeleteAnnotation { doc, annotation } => {
                self.existing_annotation(&doc, &annotation)?;
                let d = self.existing(&doc)?;
                // Attributions to a mention of an actor named elsewhere too move there first.
                let moved = d
                    .reattribution(&annotation)
                    .moved
                    .into_iter()
                    .filter_map(|(id, to)| {
                        d.relations.iter().find(|r| r.id == id).map(|r| Relation { to, ..r.clone() })
                    })
                    .map(|relation| Edit::ReplaceRelation { doc: doc.clone(), relation })
                    .collect();
                after(moved, Edit::RemoveAnnotation { doc, id: annotation })
            }
            Action::Attribute { doc, id, from, to } => {
                let d = self.existing(&doc)?;
                let source = self.existing_annotation(&doc, &from)?;
                let actor = self.existing_annotation(&doc, &to)?;
                if source.tag == Tag::Actor || actor.tag != Tag::Actor {
                    return Err(EditError::NotAnAttribution);
                }
                if d.relations.iter().any(|r| r.id == id) {
                    return Err(EditError::DuplicateId(id));
                }
                if d.relations.iter().any(|r| r.from == from && r.to == to) {
                    return Ok(None);
                }
                // A quote or claim has one speaker: a new attribution replaces the old one.
                let replaced = attributions_removed(d, &from);
                let relation = Relation { id, kind: RelationKind::Attribution, from, to, created: now };
                after(replaced, Edit::InsertRelation { doc, relation })
            }
            Action::AddSpeaker { doc, from, actor, relation, start, end } => {
                let d = self.existing(&doc)?;
                if self.existing_annotation(&doc, &from)?.tag == Tag::Actor {
                    return Err(EditError::NotAnAttribution);
                }
                if d.relations.iter().any(|r| r.id == relation) {
                    return Err(EditError::DuplicateId(relation));
                }
                let annotation = self.new_annotation(d, actor, Tag::Actor, (start, end), now)?;
                let replaced = attributions_removed(d, &from);
                let relation = Relation {
                    id: relation,
                    kind: RelationKind::Attribution,
                    from,
                    to: annotation.id.clone(),
                    created: now,
                };
                // The new actor arrives with its attribution, so one undo takes both away.
                after(replaced, Edit::InsertAnnotation { doc, annotation, relations: vec![(usize::MAX, relation)] })
            }
            Action::AddSuggested { doc, annotations, relations, entities } => {
                self.suggested(doc, annotations, relations, entities, now)?
            }
            Action::DeleteRelation { doc, relation } => {
                if !self.existing(&doc)?.relations.iter().any(|r| r.id == relation) {
                    return Err(EditError::NoSuchRelation(relation));
                }
                Edit::RemoveRelation { doc, id: relation }
            }
            Action::ResolveOrphan { doc, orphan, span } => {
                let d = self.existing(&doc)?;
                let o = d.orphans.iter().find(|o| o.id == orphan).ok_or(EditError::NoSuchAnnotation(orphan.clone()))?;
                let placed = match span {
                    None => None,
                    Some((start, end)) => {
                        let len = offsets::cp_len(&d.text);
                        let quote = anchor::quote(&d.text, start, end)
                            .filter(|_| start < end)
                            .ok_or(EditError::BadSpan { start, end, len })?;
                        Some(Annotation {
                            start,
                            end,
                            exact: quote.exact,
                            prefix: quote.prefix,
                            suffix: quote.suffix,
                            updated: now,
                            ..o.clone()
                        })
                    }
                };
                Edit::TakeOrphan { doc, orphan, placed }
            }
            Action::SetDetails { doc, annotation, details } => {
                let old = self.existing_annotation(&doc, &annotation)?;
                if old.details == details {
                    return Ok(None);
                }
                if let Some(entity) = &details.entity {
                    if self.existing(&doc)?.entity(entity).is_none() {
                        return Err(EditError::NoSuchEntity(entity.clone()));
                    }
                }
                Edit::ReplaceAnnotation { annotation: Annotation { details, updated: now, ..old.clone() }, doc }
            }
            Action::PutEntity { doc, entity } => {
                if self.existing(&doc)?.entity(&entity.id) == Some(&entity) {
                    return Ok(None);
                }
                Edit::PutEntity { doc, entity }
            }
            Action::NameActor { doc, mention, entity } => {
                let d = self.existing(&doc)?;
                let old = self.existing_annotation(&doc, &mention)?;
                if old.tag != Tag::Actor {
                    return Err(EditError::NotAnActor(mention));
                }
                let (id, put) = match d.reading().entity_named(&old.exact) {
                    Some(same) => (same.id.clone(), None),
                    None if d.entity(&entity).is_some() => return Err(EditError::DuplicateId(entity)),
                    None => {
                        let name = old.exact.trim().to_owned();
                        let new = Entity { id: entity.clone(), name, kind: crate::model::ActorKind::Person };
                        (entity, Some(Edit::PutEntity { doc: doc.clone(), entity: new }))
                    }
                };
                if old.details.entity.as_deref() == Some(id.as_str()) {
                    return Ok(None);
                }
                let details = Details { entity: Some(id), ..old.details.clone() };
                let link =
                    Edit::ReplaceAnnotation { annotation: Annotation { details, updated: now, ..old.clone() }, doc };
                after(put.into_iter().collect(), link)
            }
            Action::CheckExercise { doc } => {
                let d = self.existing(&doc)?;
                let a = d.assignment.as_deref().ok_or_else(|| EditError::NotAnExercise(doc.clone()))?;
                if a.checked.is_some() {
                    return Ok(None);
                }
                let key = match &a.key {
                    Key::Open(key) => key,
                    Key::Sealed(_) => return Err(EditError::KeyNotHere { sealed: true }),
                    Key::Withheld => return Err(EditError::KeyNotHere { sealed: false }),
                };
                let scores = crate::agreement::check(key, d).scores();
                let checked = Checked { at: Some(now), scores: Some(scores), work: Some(Snapshot::of(d)) };
                Edit::SetChecked { doc, checked: Some(checked) }
            }
            Action::UnlockKey { doc, key } => {
                let d = self.existing(&doc)?;
                let a = d.assignment.as_deref().ok_or_else(|| EditError::NotAnExercise(doc.clone()))?;
                if !matches!(a.key, Key::Sealed(_)) {
                    return Err(EditError::Unlock(UnlockError::NotSealed));
                }
                Edit::SetKey { doc, key: Key::Open(key) }
            }
            Action::ReceiveKey { doc, key } => {
                let d = self.existing(&doc)?;
                let a = d.assignment.as_deref().ok_or_else(|| EditError::NotAnExercise(doc.clone()))?;
                if a.key.open() == Some(&key) {
                    return Ok(None);
                }
                Edit::SetKey { doc, key: Key::Open(key) }
            }
            Action::NameStudent { doc, name } => {
                let d = self.existing(&doc)?;
                let a = d.assignment.as_deref().ok_or_else(|| EditError::NotAnExercise(doc.clone()))?;
                let student = Some(name.trim().to_owned()).filter(|n| !n.is_empty());
                if a.student == student {
                    return Ok(None);
                }
                Edit::SetStudent { doc, student }
            }
            Action::Undo | Action::Redo => unreachable!("handled by apply"),
        }))
    }

    /// Takes the stored version of a document that was changed somewhere else (another
    /// tab): replaces the document with that id, or adds it at the top of the library.
    /// Undo and redo steps that touch it are dropped, since they were made against a
    /// version that no longer exists.
    pub fn take_outside_version(&mut self, doc: Document) {
        self.forget_history_of(&doc.id);
        match self.documents.iter_mut().find(|d| d.id == doc.id) {
            Some(old) => *old = Arc::new(doc),
            None => self.documents.insert(0, Arc::new(doc)),
        }
    }

    /// Removes a document that was deleted somewhere else, with the history that touches it.
    pub fn drop_outside(&mut self, id: &str) {
        self.forget_history_of(id);
        self.documents.retain(|d| d.id != id);
    }

    /// The document the next undo (or redo) step would change.
    pub fn next_step_document(&self, undo: bool) -> Option<&str> {
        let stack = if undo { &self.undo } else { &self.redo };
        stack.last().and_then(Edit::document)
    }

    fn forget_history_of(&mut self, id: &str) {
        self.undo.retain(|e| e.document() != Some(id));
        self.redo.retain(|e| e.document() != Some(id));
    }

    /// A new annotation `id` over `span` of document `d`, checked: a fresh id and a span that fits.
    /// The edit that adds accepted suggestions (see [`Action::AddSuggested`]), checked
    /// whole: fresh ids, spans inside the text, attributions from a quote or claim to an
    /// actor, entities new or already the document's.
    fn suggested(
        &self,
        doc: String,
        annotations: Vec<Annotation>,
        relations: Vec<Relation>,
        entities: Vec<Entity>,
        now: Timestamp,
    ) -> Result<Edit, EditError> {
        let d = self.existing(&doc)?;
        let index = offsets::OffsetIndex::new(&d.text);
        let len = index.cp_len();
        let mut ids: HashSet<String> = d.annotations.iter().map(|a| a.id.clone()).collect();
        let mut edits = Vec::new();
        for entity in entities {
            if d.entity(&entity.id).is_none() {
                edits.push(Edit::PutEntity { doc: doc.clone(), entity });
            }
        }
        let mut tags: HashMap<String, Tag> = d.annotations.iter().map(|a| (a.id.clone(), a.tag)).collect();
        for mut a in annotations {
            let bad = EditError::BadSpan { start: a.start, end: a.end, len };
            let (from, to) = match (index.cp_to_byte(a.start), index.cp_to_byte(a.end)) {
                (Some(from), Some(to)) if a.start < a.end => (from, to),
                _ => return Err(bad),
            };
            if !ids.insert(a.id.clone()) {
                return Err(EditError::DuplicateId(a.id));
            }
            let quote = anchor::quote_bytes(&d.text, from, to);
            (a.exact, a.prefix, a.suffix, a.created, a.updated) = (quote.exact, quote.prefix, quote.suffix, now, now);
            tags.insert(a.id.clone(), a.tag);
            edits.push(Edit::InsertAnnotation { doc: doc.clone(), annotation: a, relations: Vec::new() });
        }
        for mut relation in relations {
            let from_tag =
                tags.get(&relation.from).ok_or_else(|| EditError::NoSuchAnnotation(relation.from.clone()))?;
            let to_tag = tags.get(&relation.to).ok_or_else(|| EditError::NoSuchAnnotation(relation.to.clone()))?;
            if *from_tag == Tag::Actor || *to_tag != Tag::Actor {
                return Err(EditError::NotAnAttribution);
            }
            if d.relations.iter().any(|r| r.id == relation.id) {
                return Err(EditError::DuplicateId(relation.id));
            }
            // A quote already attributed keeps its speaker.
            if d.relations.iter().any(|r| r.kind == RelationKind::Attribution && r.from == relation.from) {
                continue;
            }
            relation.created = now;
            edits.push(Edit::InsertRelation { doc: doc.clone(), relation });
        }
        Ok(Edit::Batch(edits))
    }

    fn new_annotation(
        &self,
        d: &Document,
        id: String,
        tag: Tag,
        (start, end): (usize, usize),
        now: Timestamp,
    ) -> Result<Annotation, EditError> {
        if d.annotation(&id).is_some() {
            return Err(EditError::DuplicateId(id));
        }
        let len = offsets::cp_len(&d.text);
        let quote =
            anchor::quote(&d.text, start, end).filter(|_| start < end).ok_or(EditError::BadSpan { start, end, len })?;
        Ok(Annotation {
            id,
            tag,
            start,
            end,
            exact: quote.exact,
            prefix: quote.prefix,
            suffix: quote.suffix,
            note: None,
            details: Default::default(),
            created: now,
            updated: now,
        })
    }

    fn existing(&self, doc: &str) -> Result<&Document, EditError> {
        self.document(doc).ok_or_else(|| EditError::NoSuchDocument(doc.to_owned()))
    }

    fn existing_annotation(&self, doc: &str, id: &str) -> Result<&Annotation, EditError> {
        self.existing(doc)?.annotation(id).ok_or_else(|| EditError::NoSuchAnnotation(id.to_owned()))
    }

    fn doc_mut(&mut self, id: &str) -> &mut Document {
        Arc::make_mut(
            self.documents.iter_mut().find(|d| d.id == id).expect("edits are checked before they are performed"),
        )
    }

    /// Performs a checked edit; returns its inverse and what changed.
    fn perform(&mut self, edit: Edit, now: Timestamp) -> (Edit, Change) {
        match edit {
            Edit::InsertDocument { index, doc } => {
                let id = doc.id.clone();
                self.documents.insert(index.min(self.documents.len()), Arc::new(*doc));
                (Edit::RemoveDocument { id: id.clone() }, Change::Edited { doc: id })
            }
            Edit::RemoveDocument { id } => {
                let index = self.documents.iter().position(|d| d.id == id).expect("checked");
                let doc = Arc::unwrap_or_clone(self.documents.remove(index));
                (Edit::InsertDocument { index, doc: Box::new(doc) }, Change::Removed { doc: id })
            }
            Edit::SetTitle { doc, title } => {
                let d = self.doc_mut(&doc);
                let old = std::mem::replace(&mut d.title, title);
                d.updated = now;
                (Edit::SetTitle { doc: doc.clone(), title: old }, Change::Edited { doc })
            }
            Edit::InsertAnnotation { doc, annotation, relations } => {
                let d = self.doc_mut(&doc);
                let id = annotation.id.clone();
                let at = d.annotations.partition_point(|a| a.text_order(&annotation).is_lt());
                d.annotations.insert(at, annotation);
                for (at, relation) in relations {
                    d.relations.insert(at.min(d.relations.len()), relation);
                }
                d.updated = now;
                (Edit::RemoveAnnotation { doc: doc.clone(), id }, Change::Edited { doc })
            }
            Edit::RemoveAnnotation { doc, id } => {
                let d = self.doc_mut(&doc);
                let at = d.annotations.iter().position(|a| a.id == id).expect("checked");
                let annotation = d.annotations.remove(at);
                let (relations, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut d.relations)
                    .into_iter()
                    .enumerate()
                    .partition(|(_, r)| r.from == id || r.to == id);
                d.relations = kept.into_iter().map(|(_, r)| r).collect();
                d.updated = now;
                (Edit::InsertAnnotation { doc: doc.clone(), annotation, relations }, Change::Edited { doc })
            }
            Edit::InsertRelation { doc, relation } => {
                let d = self.doc_mut(&doc);
                let id = relation.id.clone();
                d.relations.push(relation);
                d.updated = now;
                (Edit::RemoveRelation { doc: doc.clone(), id }, Change::Edited { doc })
            }
            Edit::RemoveRelation { doc, id } => {
                let d = self.doc_mut(&doc);
                let at = d.relations.iter().position(|r| r.id == id).expect("checked");
                let relation = d.relations.remove(at);
                d.updated = now;
                (Edit::InsertRelation { doc: doc.clone(), relation }, Change::Edited { doc })
            }
            Edit::ReplaceRelation { doc, relation } => {
                let d = self.doc_mut(&doc);
                let slot = d.relations.iter_mut().find(|r| r.id == relation.id).expect("checked");
                let old = std::mem::replace(slot, relation);
                d.updated = now;
                (Edit::ReplaceRelation { doc: doc.clone(), relation: old }, Change::Edited { doc })
            }
            Edit::TakeOrphan { doc, orphan, placed } => {
                let d = self.doc_mut(&doc);
                let at = d.orphans.iter().position(|o| o.id == orphan).expect("checked");
                let orphan = d.orphans.remove(at);
                let placed_id = placed.as_ref().map(|p| p.id.clone());
                if let Some(p) = placed {
                    let at = d.annotations.partition_point(|a| a.text_order(&p).is_lt());
                    d.annotations.insert(at, p);
                }
                d.updated = now;
                (Edit::ReturnOrphan { doc: doc.clone(), orphan, placed: placed_id }, Change::Edited { doc })
            }
            Edit::ReturnOrphan { doc, orphan, placed } => {
                let d = self.doc_mut(&doc);
                let placed = placed.map(|id| {
                    let at = d.annotations.iter().position(|a| a.id == id).expect("placed earlier");
                    d.annotations.remove(at)
                });
                let id = orphan.id.clone();
                d.orphans.push(orphan);
                d.updated = now;
                (Edit::TakeOrphan { doc: doc.clone(), orphan: id, placed }, Change::Edited { doc })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                let mut change = Change::Nothing;
                for edit in edits {
                    let (inverse, c) = self.perform(edit, now);
                    inverses.push(inverse);
                    change = c;
                }
                inverses.reverse();
                (Edit::Batch(inverses), change)
            }
            Edit::PutEntity { doc, entity } => {
                let d = self.doc_mut(&doc);
                d.updated = now;
                let inverse = match d.entities.iter_mut().find(|e| e.id == entity.id) {
                    Some(slot) => Edit::PutEntity { doc: doc.clone(), entity: std::mem::replace(slot, entity) },
                    None => {
                        let id = entity.id.clone();
                        d.entities.push(entity);
                        Edit::RemoveEntity { doc: doc.clone(), id }
                    }
                };
                (inverse, Change::Edited { doc })
            }
            Edit::RemoveEntity { doc, id } => {
                let d = self.doc_mut(&doc);
                let at = d.entities.iter().position(|e| e.id == id).expect("checked");
                let entity = d.entities.remove(at);
                d.updated = now;
                (Edit::PutEntity { doc: doc.clone(), entity }, Change::Edited { doc })
            }
            Edit::SetChecked { doc, checked } => {
                let d = self.doc_mut(&doc);
                let a = d.assignment.as_deref_mut().expect("checked");
                let old = std::mem::replace(&mut a.checked, checked);
                d.updated = now;
                (Edit::SetChecked { doc: doc.clone(), checked: old }, Change::Edited { doc })
            }
            Edit::SetKey { doc, key } => {
                let d = self.doc_mut(&doc);
                let a = d.assignment.as_deref_mut().expect("checked");
                let old = std::mem::replace(&mut a.key, key);
                d.updated = now;
                (Edit::SetKey { doc: doc.clone(), key: old }, Change::Edited { doc })
            }
            Edit::SetStudent { doc, student } => {
                let d = self.doc_mut(&doc);
                let a = d.assignment.as_deref_mut().expect("checked");
                let old = std::mem::replace(&mut a.student, student);
                d.updated = now;
                (Edit::SetStudent { doc: doc.clone(), student: old }, Change::Edited { doc })
            }
            Edit::ReplaceAnnotation { doc, annotation } => {
                let d = self.doc_mut(&doc);
                let slot = d.annotations.iter_mut().find(|a| a.id == annotation.id).expect("checked");
                let old = std::mem::replace(slot, annotation);
                d.updated = now;
                (Edit::ReplaceAnnotation { doc: doc.clone(), annotation: old }, Change::Edited { doc })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup;

    const T0: Timestamp = Timestamp(1_000);
    const T1: Timestamp = Timestamp(2_000);

    /// A workspace with one document "d" holding the text of `markup`, and its spans as
    /// annotations "a0", "a1", …
    fn workspace(markup: &str) -> Workspace {
        let (text, spans) = markup::parse(markup);
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(Document::new("d", "Doc", text, T0)), T0).unwrap();
        for (i, (tag, start, end)) in spans.into_iter().enumerate() {
            let id = format!("a{i}");
            ws.apply(Action::AddAnnotation { doc: "d".into(), id, tag, start, end }, T0).unwrap();
        }
        ws
    }

    fn tagged(ws: &Workspace) -> Vec<(Tag, String, Option<String>)> {
        ws.document("d").unwrap().annotations.iter().map(|a| (a.tag, a.exact.clone(), a.note.clone())).collect()
    }

    fn act(ws: &mut Workspace, action: Action) -> Change {
        ws.apply(action, T1).unwrap()
    }

    #[test]
    fn adding_keeps_annotations_in_text_order_with_their_quote() {
        let ws = workspace("[quote:“We will act,” said [actor:the minister]], [claim:citing 3 reports].");
        let got: Vec<_> = tagged(&ws).into_iter().map(|(t, e, _)| (t, e)).collect();
        assert_eq!(
            got,
            [
                (Tag::Quote, "“We will act,” said the minister".to_owned()),
                (Tag::Actor, "the minister".to_owned()),
                (Tag::Claim, "citing 3 reports".to_owned())
            ]
        );
        let actor = &ws.document("d").unwrap().annotations[1];
        assert_eq!((actor.prefix.as_str(), actor.suffix.as_str()), ("“We will act,” said ", ", citing 3 reports."));
    }

    #[test]
    fn a_version_from_elsewhere_replaces_the_document_and_drops_its_history_only() {
        let mut ws = workspace("The [claim:minister said] it");
        act(&mut ws, Action::AddDocument(Document::new("e", "Other", "Another text", T0)));
        act(&mut ws, Action::RenameDocument { doc: "e".into(), title: "Renamed".into() });
        act(&mut ws, Action::Retag { doc: "d".into(), annotation: "a0".into(), tag: Tag::Quote });
        assert_eq!(ws.next_step_document(true), Some("d"));

        let mut theirs = ws.document("d").unwrap().clone();
        theirs.title = "Edited in another tab".into();
        theirs.annotations.clear();
        ws.take_outside_version(theirs.clone());
        assert_eq!(ws.document("d"), Some(&theirs));
        // Undo now reaches only the other document's steps.
        assert_eq!(ws.next_step_document(true), Some("e"));
        act(&mut ws, Action::Undo);
        assert_eq!(ws.document("e").unwrap().title, "Other");
        assert_eq!(ws.document("d"), Some(&theirs), "undo never rewinds the other tab's version");

        ws.take_outside_version(Document::new("f", "New elsewhere", "Text", T1));
        assert_eq!(ws.documents()[0].id, "f", "a new document arrives at the top");
        ws.drop_outside("d");
        assert!(ws.document("d").is_none());
        assert_eq!(ws.documents().len(), 2);
    }

    #[test]
    fn undo_and_redo_cover_every_kind_of_edit() {
        let built = workspace("The [claim:minister said] it");
        let mut ws = Workspace::with_documents(built.documents().iter().map(|d| (**d).clone()).collect());
        let start = ws.clone();
        let d = || "d".to_owned();
        let a = || "a0".to_owned();
        let edits = [
            Action::Retag { doc: d(), annotation: a(), tag: Tag::Quote },
            Action::EditNote { doc: d(), annotation: a(), note: "Check the transcript".into() },
            Action::AddAnnotation { doc: d(), id: "b".into(), tag: Tag::Actor, start: 4, end: 12 },
            Action::DeleteAnnotation { doc: d(), annotation: a() },
            Action::RenameDocument { doc: d(), title: "Renamed".into() },
            Action::AddDocument(Document::new("e", "Second", "More text", T1)),
            Action::DeleteDocument { doc: d() },
        ];
        // Undo is itself a change, so `updated` moves on; everything else comes back.
        let snapshot = |ws: &Workspace| -> Vec<Document> {
            ws.documents().iter().map(|d| Document { updated: T0, ..(**d).clone() }).collect()
        };
        let mut states = vec![snapshot(&ws)];
        for e in edits {
            assert_ne!(act(&mut ws, e), Change::Nothing);
            states.push(snapshot(&ws));
        }
        for want in states.iter().rev().skip(1) {
            act(&mut ws, Action::Undo);
            assert_eq!(&snapshot(&ws), want);
        }
        assert_eq!(act(&mut ws, Action::Undo), Change::Nothing);
        assert_eq!(ws.documents().len(), start.documents().len());
        for want in states.iter().skip(1) {
            act(&mut ws, Action::Redo);
            assert_eq!(&snapshot(&ws), want);
        }
        assert!(!ws.can_redo());
    }

    #[test]
    fn deleting_an_actor_removes_its_attributions_and_undo_brings_them_back() {
        let mut ws = workspace("[quote:“Go,” said [actor:Ana]] and [claim:it rained]");
        let attribute = |id: &str, from: &str| Action::Attribute {
            doc: "d".into(),
            id: id.into(),
            from: from.into(),
            to: "a1".into(),
        };
        act(&mut ws, attribute("r0", "a0"));
        act(&mut ws, attribute("r1", "a2"));
        assert_eq!(ws.document("d").unwrap().attributed_actor("a0").unwrap().exact, "Ana");
        assert_eq!(
            ws.apply(Action::Attribute { doc: "d".into(), id: "r2".into(), from: "a1".into(), to: "a0".into() }, T1),
            Err(EditError::NotAnAttribution)
        );
        let before = ws.document("d").unwrap().clone();
        act(&mut ws, Action::DeleteAnnotation { doc: "d".into(), annotation: "a1".into() });
        assert!(ws.document("d").unwrap().relations.is_empty());
        act(&mut ws, Action::Undo);
        assert_eq!(*ws.document("d").unwrap(), before, "the actor and both attributions, in their order");
    }

    /// "Amara Quist" (a0) and "Quist" (a2) are one actor; Ben (a5) is named once.
    fn two_actors() -> Workspace {
        let mut ws = workspace(
            "[actor:Amara Quist] said [quote:“Go”]. [actor:Quist] added [quote:“Now”]. [claim:It rained], said [actor:Ben].",
        );
        let entity = Entity { id: "e1".into(), name: "Amara Quist".into(), kind: crate::model::ActorKind::Person };
        act(&mut ws, Action::PutEntity { doc: "d".into(), entity });
        for a in ["a0", "a2"] {
            let details = Details { entity: Some("e1".into()), ..Details::default() };
            act(&mut ws, Action::SetDetails { doc: "d".into(), annotation: a.into(), details });
        }
        for (id, from, to) in [("r0", "a1", "a0"), ("r1", "a3", "a2"), ("r2", "a4", "a5")] {
            act(&mut ws, Action::Attribute { doc: "d".into(), id: id.into(), from: from.into(), to: to.into() });
        }
        ws
    }

    #[test]
    fn deleting_an_actor_mention_dropped_attributions_its_actor_still_had_another_mention_for() {
        let mut ws = two_actors();
        let before = ws.document("d").unwrap().clone();
        assert_eq!(
            before.reattribution("a2"),
            crate::model::Reattribution { moved: vec![("r1".into(), "a0".into())], lost: Vec::new() }
        );
        act(&mut ws, Action::DeleteAnnotation { doc: "d".into(), annotation: "a2".into() });
        let d = ws.document("d").unwrap();
        assert_eq!(d.attributed_actor("a3").unwrap().exact, "Amara Quist", "“Now” is still Amara Quist's");
        assert_eq!(d.attributed_actor("a1").unwrap().exact, "Amara Quist");
        assert_eq!(d.relations.len(), 3);

        act(&mut ws, Action::Undo);
        assert_eq!(*ws.document("d").unwrap(), before, "one undo brings the mention and its attribution back");
        act(&mut ws, Action::Redo);
        assert_eq!(ws.document("d").unwrap().attributed_actor("a3").unwrap().exact, "Amara Quist");
    }

    #[test]
    fn deleting_the_only_mention_of_an_actor_says_which_claims_and_quotes_lose_their_speaker() {
        let mut ws = two_actors();
        let d = ws.document("d").unwrap();
        assert_eq!(d.reattribution("a5").lost, ["a4"]);
        assert!(d.reattribution("a5").moved.is_empty());
        assert_eq!(d.reattribution("a1"), crate::model::Reattribution::default(), "a quote moves nothing");
        act(&mut ws, Action::DeleteAnnotation { doc: "d".into(), annotation: "a5".into() });
        assert!(ws.document("d").unwrap().attributed_actor("a4").is_none());
    }

    #[test]
    fn mentions_with_the_same_words_and_no_actor_linked_are_one_actor_when_one_is_deleted() {
        let mut ws = workspace("[actor:Ben] spoke: [quote:“Go”]. Later [actor:ben] said [quote:“Stop”].");
        for (id, from, to) in [("r0", "a1", "a0"), ("r1", "a3", "a2")] {
            act(&mut ws, Action::Attribute { doc: "d".into(), id: id.into(), from: from.into(), to: to.into() });
        }
        act(&mut ws, Action::DeleteAnnotation { doc: "d".into(), annotation: "a0".into() });
        let d = ws.document("d").unwrap();
        assert_eq!(d.attributed_actor("a1").map(|a| a.id.as_str()), Some("a2"));
    }

    #[test]
    fn naming_an_actor_twice_by_its_words_links_the_actor_of_that_name_and_never_makes_a_second() {
        let mut ws = workspace("[actor:Amara Quist] said it; [actor:amara quist ] agreed; [claim:it rained]");
        act(&mut ws, Action::NameActor { doc: "d".into(), mention: "a0".into(), entity: "e1".into() });
        let before_second = ws.undo_steps();
        act(&mut ws, Action::NameActor { doc: "d".into(), mention: "a1".into(), entity: "e2".into() });
        assert_eq!(ws.undo_steps(), before_second + 1, "one step");
        // Asking again for a mention already linked changes nothing.
        assert_eq!(
            act(&mut ws, Action::NameActor { doc: "d".into(), mention: "a1".into(), entity: "e3".into() }),
            Change::Nothing
        );
        let d = ws.document("d").unwrap();
        assert_eq!(d.entities.len(), 1, "{:?}", d.entities);
        assert_eq!(d.entities[0].name, "Amara Quist");
        assert_eq!(d.reading().mentions_per_entity().get("e1"), Some(&2));
        assert_eq!(d.actor_name(d.annotation("a1").unwrap()), "Amara Quist");

        act(&mut ws, Action::Undo);
        act(&mut ws, Action::Undo);
        let d = ws.document("d").unwrap();
        assert!(d.entities.is_empty(), "one undo takes back the actor with its first link");
        assert_eq!(
            ws.apply(Action::NameActor { doc: "d".into(), mention: "a2".into(), entity: "e4".into() }, T1),
            Err(EditError::NotAnActor("a2".into()))
        );
    }

    #[test]
    fn a_new_speaker_replaces_the_old_one_and_undo_restores_it() {
        let mut ws = workspace("[actor:Ana] and [actor:Ben]: [quote:“Go”]");
        let attribute =
            |id: &str, to: &str| Action::Attribute { doc: "d".into(), id: id.into(), from: "a2".into(), to: to.into() };
        act(&mut ws, attribute("r1", "a0"));
        act(&mut ws, attribute("r2", "a1"));
        let d = ws.document("d").unwrap();
        assert_eq!(d.relations.len(), 1);
        assert_eq!(d.attributed_actor("a2").unwrap().exact, "Ben");
        act(&mut ws, Action::Undo);
        assert_eq!(ws.document("d").unwrap().attributed_actor("a2").unwrap().exact, "Ana");
    }

    #[test]
    fn details_and_entities_are_edits_like_any_other() {
        let mut ws = workspace("[actor:Lavrov] met [actor:the foreign minister]");
        let entity = Entity { id: "e1".into(), name: "Sergey Lavrov".into(), kind: crate::model::ActorKind::Person };
        act(&mut ws, Action::PutEntity { doc: "d".into(), entity: entity.clone() });
        for a in ["a0", "a1"] {
            let details = Details { entity: Some("e1".into()), ..Details::default() };
            act(&mut ws, Action::SetDetails { doc: "d".into(), annotation: a.into(), details });
        }
        let d = ws.document("d").unwrap();
        assert_eq!(d.actor_name(d.annotation("a1").unwrap()), "Sergey Lavrov");
        let renamed = Entity { name: "S. Lavrov".into(), ..entity };
        act(&mut ws, Action::PutEntity { doc: "d".into(), entity: renamed });
        act(&mut ws, Action::Undo);
        assert_eq!(ws.document("d").unwrap().entity("e1").unwrap().name, "Sergey Lavrov");
        let bad = Details { entity: Some("nobody".into()), ..Details::default() };
        assert!(ws.apply(Action::SetDetails { doc: "d".into(), annotation: "a0".into(), details: bad }, T1).is_err());
    }

    #[test]
    fn orphans_can_be_placed_or_dropped_and_undone() {
        let mut ws = workspace("The minister spoke.");
        let mut doc = ws.document("d").unwrap().clone();
        let orphan = |id: &str| Annotation {
            id: id.into(),
            tag: Tag::Quote,
            start: 40,
            end: 50,
            exact: "lost words".into(),
            prefix: String::new(),
            suffix: String::new(),
            note: Some("from a student".into()),
            details: Default::default(),
            created: T0,
            updated: T0,
        };
        doc.id = "e".into();
        doc.orphans = vec![orphan("o1"), orphan("o2")];
        act(&mut ws, Action::AddDocument(doc));
        act(&mut ws, Action::ResolveOrphan { doc: "e".into(), orphan: "o1".into(), span: Some((4, 12)) });
        act(&mut ws, Action::ResolveOrphan { doc: "e".into(), orphan: "o2".into(), span: None });
        let e = ws.document("e").unwrap();
        assert!(e.orphans.is_empty());
        let placed = e.annotation("o1").unwrap();
        assert_eq!((placed.exact.as_str(), placed.note.as_deref()), ("minister", Some("from a student")));
        act(&mut ws, Action::Undo);
        act(&mut ws, Action::Undo);
        let e = ws.document("e").unwrap();
        assert_eq!(e.orphans.len(), 2);
        assert!(e.annotation("o1").is_none());
    }

    #[test]
    fn a_new_edit_after_undo_clears_redo() {
        let mut ws = workspace("[claim:one] two");
        act(&mut ws, Action::Retag { doc: "d".into(), annotation: "a0".into(), tag: Tag::Actor });
        act(&mut ws, Action::Undo);
        assert!(ws.can_redo());
        act(&mut ws, Action::EditNote { doc: "d".into(), annotation: "a0".into(), note: "x".into() });
        assert!(!ws.can_redo());
        assert_eq!(tagged(&ws), [(Tag::Claim, "one".into(), Some("x".into()))]);
    }

    #[test]
    fn bad_actions_change_nothing() {
        let mut ws = workspace("[claim:one] two");
        let before = ws.clone();
        let add = |start, end| Action::AddAnnotation { doc: "d".into(), id: "n".into(), tag: Tag::Claim, start, end };
        assert_eq!(ws.apply(add(3, 3), T1), Err(EditError::BadSpan { start: 3, end: 3, len: 7 }));
        assert_eq!(ws.apply(add(5, 9), T1), Err(EditError::BadSpan { start: 5, end: 9, len: 7 }));
        assert!(matches!(ws.apply(Action::DeleteDocument { doc: "x".into() }, T1), Err(EditError::NoSuchDocument(_))));
        assert!(matches!(
            ws.apply(Action::Retag { doc: "d".into(), annotation: "zz".into(), tag: Tag::Quote }, T1),
            Err(EditError::NoSuchAnnotation(_))
        ));
        assert_eq!(ws, before);
    }

    #[test]
    fn setting_a_note_to_what_it_was_is_not_an_edit() {
        let mut ws = workspace("[claim:one] two");
        let change = act(&mut ws, Action::EditNote { doc: "d".into(), annotation: "a0".into(), note: "  ".into() });
        assert_eq!(change, Change::Nothing);
        assert_eq!(ws.undo.len(), 2, "only the two edits that built the workspace");
    }

    #[test]
    fn the_selected_words_become_the_speaker_in_one_step_and_one_undo() {
        let mut ws = workspace("[actor:Ana] said [quote:“Go”], Ben said too");
        act(&mut ws, Action::Attribute { doc: "d".into(), id: "r0".into(), from: "a1".into(), to: "a0".into() });
        let before = ws.document("d").unwrap().clone();
        let speaker = Action::AddSpeaker {
            doc: "d".into(),
            from: "a1".into(),
            actor: "ben".into(),
            relation: "r1".into(),
            start: 15,
            end: 18,
        };
        assert_eq!(act(&mut ws, speaker), Change::Edited { doc: "d".into() });
        let d = ws.document("d").unwrap();
        assert_eq!(d.annotation("ben").map(|a| (a.tag, a.exact.as_str())), Some((Tag::Actor, "Ben")));
        assert_eq!(d.attributed_actor("a1").unwrap().exact, "Ben", "the new speaker replaces Ana");
        assert_eq!(d.relations.len(), 1);

        act(&mut ws, Action::Undo);
        assert_eq!(*ws.document("d").unwrap(), before, "one undo takes back the actor and the attribution");
        act(&mut ws, Action::Redo);
        assert_eq!(ws.document("d").unwrap().attributed_actor("a1").unwrap().exact, "Ben");
    }

    #[test]
    fn a_speaker_is_refused_for_an_actor_a_used_id_or_a_span_outside_the_text() {
        let mut ws = workspace("[actor:Ana] said [quote:“Go”]");
        let before = ws.clone();
        let speaker = |from: &str, actor: &str, end| Action::AddSpeaker {
            doc: "d".into(),
            from: from.into(),
            actor: actor.into(),
            relation: "r".into(),
            start: 0,
            end,
        };
        assert_eq!(ws.apply(speaker("a0", "n", 3), T1), Err(EditError::NotAnAttribution));
        assert_eq!(ws.apply(speaker("a1", "a0", 3), T1), Err(EditError::DuplicateId("a0".into())));
        assert_eq!(ws.apply(speaker("a1", "n", 99), T1), Err(EditError::BadSpan { start: 0, end: 99, len: 13 }));
        assert_eq!(ws, before);
    }

    #[test]
    fn a_missing_relation_or_entity_is_named_as_such_not_as_a_missing_annotation() {
        let mut ws = workspace("[actor:Lavrov] spoke");
        let gone = ws.apply(Action::DeleteRelation { doc: "d".into(), relation: "r9".into() }, T1);
        assert_eq!(gone, Err(EditError::NoSuchRelation("r9".into())));
        assert_eq!(gone.unwrap_err().to_string(), "there is no attribution \"r9\" in this document");

        let details = Details { entity: Some("e9".into()), ..Details::default() };
        let gone = ws.apply(Action::SetDetails { doc: "d".into(), annotation: "a0".into(), details }, T1);
        assert_eq!(gone, Err(EditError::NoSuchEntity("e9".into())));
        assert_eq!(gone.unwrap_err().to_string(), "there is no actor \"e9\" in this document's list of actors");
    }

    #[test]
    fn edits_to_a_document_another_tab_is_editing_are_refused_undo_and_redo_included() {
        let mut ws = workspace("[claim:one] two");
        act(&mut ws, Action::AddDocument(Document::new("e", "Other", "Another text", T0)));
        act(&mut ws, Action::RenameDocument { doc: "d".into(), title: "Mine".into() });
        let elsewhere = BTreeSet::from(["d".to_owned()]);
        let before = ws.clone();

        let rename = Action::RenameDocument { doc: "d".into(), title: "Theirs".into() };
        assert_eq!(ws.apply_unless_elsewhere(rename, T1, &elsewhere), Err(EditError::EditedElsewhere("d".into())));
        // The last step renamed "d": undoing it would change "d" too.
        assert_eq!(
            ws.apply_unless_elsewhere(Action::Undo, T1, &elsewhere),
            Err(EditError::EditedElsewhere("d".into()))
        );
        assert_eq!(ws, before);

        let rename_other = Action::RenameDocument { doc: "e".into(), title: "Free".into() };
        assert_eq!(ws.apply_unless_elsewhere(rename_other, T1, &elsewhere), Ok(Change::Edited { doc: "e".into() }));
        assert_eq!(ws.apply_unless_elsewhere(Action::Undo, T1, &elsewhere), Ok(Change::Edited { doc: "e".into() }));
        assert_eq!(ws.apply_unless_elsewhere(Action::Redo, T1, &elsewhere), Ok(Change::Edited { doc: "e".into() }));
        assert_eq!(ws.document("e").unwrap().title, "Free");
    }

    #[test]
    fn a_comparison_holds_the_open_set_then_others_of_the_same_article_then_the_answer_key() {
        let mut ws = workspace("[claim:one] two");
        let text = ws.document("d").unwrap().text.to_string();
        act(&mut ws, Action::AddDocument(Document::new("other-article", "Elsewhere", "Something else", T0)));
        act(&mut ws, Action::AddDocument(Document::new("ben", "Ben's set", text.clone(), T0)));
        let key = Document::new("key", "The key", text, T0);
        let exercise = crate::exercise::Exercise::from_document(
            &key,
            "Tag the claims.".into(),
            crate::exercise::default_codebook(),
        );
        act(&mut ws, Action::AddDocument(exercise.start("student", T0)));

        let ids = |open: &str| ws.comparison(open).iter().map(|d| d.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids("d"), ["d", "student", "ben"]);
        assert_eq!(ids("student"), ["student", "ben", "d", "answer-key:student"]);
        assert_eq!(ws.comparison("student").last().unwrap().title, "Answer key");
        assert_eq!(ids("other-article"), ["other-article"]);
        assert!(ids("missing").is_empty());
    }
}
