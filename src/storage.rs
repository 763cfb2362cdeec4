//! Where the library lives in the browser.
//!
//! Documents are kept in IndexedDB (the store `records` of the database `newsmark`, see
//! [`crate::idb`]), each in records of its own: a small head (title, times, the
//! assignment), the text, one record per annotation, and one each for the lists of
//! attributions, actors and orphans (`newsmark_core::schema::stored`). A save writes
//! only the records that changed since the version last stored, so tagging one phrase
//! in a long article writes one small record and the head, in one transaction. Records
//! hold the saved JSON format (the text as it is), so one version number and one set of
//! migrations cover stored and exported documents. Local storage keeps only small
//! settings (`newsmark:settings`: the open document and library order; the theme;
//! whether the guide was dismissed).
//!
//! Reading the library at start-up checks every record as an opened file is checked,
//! a group of records at a time, letting the page breathe between groups, so that a long
//! article does not hold the page for one long task.
//!
//! Earlier versions kept each document whole: in local storage under `newsmark:doc:<id>`,
//! then as one record in the store `documents`. On start-up such documents are written
//! in today's records and, in the same transaction, removed from the store `documents`
//! (local storage, once that is committed). A record that cannot be read, anywhere, is
//! reported and left exactly where it is: a damaged document is never in the library, so
//! no save overwrites it, and a damaged annotation record is left out of its document,
//! whose saves never touch a record they did not write.
//!
//! The app's core reads without field names (`schema::FIELD_PATHS`, which would add
//! serde_path_to_error to the first load): a record refused for a field that is wrong is
//! read again by the background worker, whose sentence names the field
//! (`annotations[3].start: expected a whole number from 0 up`).

use crate::idb::{self, Change};
use crate::state::{AppState, DamagedRecord};
use js_sys::Array;
use newsmark_core::schema::stored::{self, Part, Reader};
use newsmark_core::{schema, Document};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, Storage};

const LEGACY_DOC_PREFIX: &str = "newsmark:doc:";
const SETTINGS_KEY: &str = "newsmark:settings";
/// How long reading the library works before letting the page handle what is waiting
/// (input, painting), in milliseconds.
const READ_SLICE_MS: f64 = 25.0;

thread_local! {
    /// This tab's connection to the database, once open, or why it could not be opened.
    static DATABASE: RefCell<Result<IdbDatabase, String>> = RefCell::new(Err("the library has not been opened yet".into()));
    /// Each document as the database holds it (as last written or read here): what the
    /// next save of it is compared with.
    static STORED: RefCell<HashMap<String, Arc<Document>>> = RefCell::new(HashMap::new());
}

#[derive(Default, Serialize, Deserialize)]
struct Settings {
    #[serde(default)]
    open: Option<String>,
    /// Document ids in library order.
    #[serde(default)]
    order: Vec<String>,
}

/// Something the database tells the tab after start-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatabaseEvent {
    /// Another tab holds an older version of the database open; opening waits for it.
    Blocked,
    /// Another tab runs a newer Newsmark and upgraded the database: this tab closed its
    /// connection and can no longer save.
    Newer,
    /// The database was deleted (the browser's site data cleared) while this tab had it open.
    Deleted,
}

/// What was found in storage at start-up.
pub struct Loaded {
    pub docs: Vec<Document>,
    pub open: Option<String>,
    pub damaged: Vec<DamagedRecord>,
    /// Nothing was stored: this is the person's first visit (or storage is empty).
    pub first_visit: bool,
    /// Documents that are not yet in the database (a migration that could not be written).
    pub unsaved: Vec<String>,
    /// How many documents were moved into today's records (from local storage or the store `documents`).
    pub migrated: usize,
    /// Storage could not be used at all.
    pub error: Option<String>,
}

fn local_storage() -> Result<Storage, String> {
    let window = web_sys::window().ok_or("there is no browser window")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser offers no local storage".into()),
        Err(e) => Err(format!("the browser refused access to local storage ({})", idb::describe(&e))),
    }
}

fn database() -> Result<IdbDatabase, String> {
    DATABASE.with(|db| db.borrow().clone())
}

/// Opens the database, moves any documents stored by earlier versions into today's
/// records, and reads the library.
pub async fn load(on_event: impl Fn(DatabaseEvent) + Clone + 'static) -> Loaded {
    let settings_raw = local_storage().ok().and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten());
    let settings: Settings = settings_raw.as_deref().and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
    let (legacy, mut damaged) = legacy_documents();
    for record in &mut damaged {
        name_document_fields(record).await;
    }
    let mut loaded = Loaded {
        docs: Vec::new(),
        open: settings.open.clone(),
        damaged: Vec::new(),
        first_visit: false,
        unsaved: Vec::new(),
        migrated: 0,
        error: None,
    };

    let (blocked, newer) = (on_event.clone(), on_event);
    let opened = idb::open(
        move || blocked(DatabaseEvent::Blocked),
        move |deleted| newer(if deleted { DatabaseEvent::Deleted } else { DatabaseEvent::Newer }),
    )
    .await;
    DATABASE.with(|slot| *slot.borrow_mut() = opened.clone());
    let stored = match opened {
        Ok(db) => match idb::read_all(&db, idb::RECORDS).await {
            Ok(records) => idb::read_all(&db, idb::DOCUMENTS).await.map(|whole| (db, records, whole)),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match stored {
        Ok((db, records, whole)) => {
            let mut pace = Pace::new();
            let read = read_records(records, &mut pace).await;
            damaged.extend(read.damaged);
            // Documents with records of today's layout: the readable ones replace any copy
            // stored whole; beside an unreadable one, such a copy is left as it is.
            let in_records = read.ids;
            let readable: BTreeSet<String> = read.docs.iter().map(|d| d.id.clone()).collect();
            for doc in read.docs {
                remember(&doc);
                loaded.docs.push(doc);
            }
            // Documents stored whole by the previous version (the store `documents`) and
            // by earlier ones (local storage) that today's records do not have yet.
            let mut changes = Vec::new();
            let mut moving = Vec::new();
            for (key, value) in whole {
                let id = key.as_string().unwrap_or_else(|| format!("{key:?}"));
                if in_records.contains(&id) {
                    if readable.contains(&id) {
                        changes.push(Change { store: idb::DOCUMENTS, key, value: None });
                    }
                    continue;
                }
                match read_whole_record(&id, &value) {
                    Ok(doc) => {
                        changes.push(Change { store: idb::DOCUMENTS, key, value: None });
                        moving.push(doc);
                    }
                    Err(mut record) => {
                        name_document_fields(&mut record).await;
                        damaged.push(record);
                    }
                }
                pace.breathe().await;
            }
            let (from_local, already): (Vec<Legacy>, Vec<Legacy>) = legacy
                .into_iter()
                .filter(|(_, doc)| readable.contains(&doc.id) || !in_records.contains(&doc.id))
                .partition(|(_, doc)| !readable.contains(&doc.id) && !moving.iter().any(|d: &Document| d.id == doc.id));
            moving.extend(from_local.iter().map(|(_, doc)| doc.clone()));
            for doc in &moving {
                changes.extend(record_changes(&doc.id, stored::records(doc)));
            }
            let written = if changes.is_empty() { Ok(()) } else { idb::write(&db, &changes).await };
            match written {
                Ok(()) => {
                    loaded.migrated = moving.len();
                    moving.iter().for_each(remember);
                    if let Ok(storage) = local_storage() {
                        for (key, _) in from_local.iter().chain(&already) {
                            storage.remove_item(key).ok();
                        }
                    }
                }
                Err(e) => {
                    loaded.unsaved = moving.iter().map(|doc| doc.id.clone()).collect();
                    loaded.error = Some(e);
                }
            }
            loaded.docs.extend(moving);
        }
        Err(e) => {
            // Without the database, show what local storage still holds; saving will report the problem.
            loaded.docs.extend(legacy.into_iter().map(|(_, doc)| doc));
            loaded.error = Some(e);
        }
    }
    // Library order: as last saved, then anything not listed, newest first.
    loaded.docs.sort_by(|a, b| {
        let rank = |d: &Document| settings.order.iter().position(|id| *id == d.id).unwrap_or(usize::MAX);
        rank(a).cmp(&rank(b)).then(b.created.cmp(&a.created))
    });
    damaged.sort_by(|a, b| a.key.cmp(&b.key));
    loaded.first_visit = settings_raw.is_none() && loaded.docs.is_empty() && damaged.is_empty();
    loaded.damaged = damaged;
    // The first render of the library gets a task of its own.
    yew::platform::time::sleep(Duration::ZERO).await;
    loaded
}

/// Keeps `doc` as the version the database holds.
fn remember(doc: &Document) {
    STORED.with(|s| s.borrow_mut().insert(doc.id.clone(), Arc::new(doc.clone())));
}

/// Long work in slices: [`Pace::breathe`] lets the page handle what is waiting once the
/// current slice has taken [`READ_SLICE_MS`].
struct Pace {
    since: f64,
}

impl Pace {
    fn new() -> Pace {
        Pace { since: js_sys::Date::now() }
    }

    async fn breathe(&mut self) {
        if js_sys::Date::now() - self.since >= READ_SLICE_MS {
            yew::platform::time::sleep(Duration::ZERO).await;
            self.since = js_sys::Date::now();
        }
    }
}

/// The records of one document, as read: the head, text and lists, and the annotations
/// with their ids, each as the value stored.
#[derive(Default)]
struct Gathered {
    doc: String,
    head: Option<JsValue>,
    text: Option<JsValue>,
    relations: Option<JsValue>,
    entities: Option<JsValue>,
    orphans: Option<JsValue>,
    annotations: Vec<(String, JsValue)>,
    count: usize,
}

impl Gathered {
    /// The records as the worker reads them again ([`name_fields`]), in the order
    /// [`read_document`] reads them.
    fn records(&self) -> Vec<newsmark_worker::StoredRecord> {
        let lists = [
            (Part::Head, &self.head),
            (Part::Relations, &self.relations),
            (Part::Entities, &self.entities),
            (Part::Orphans, &self.orphans),
        ];
        let mut records: Vec<_> = lists
            .into_iter()
            .filter_map(|(part, value)| Some((part.name().to_owned(), None, raw_text(value.as_ref()?))))
            .collect();
        if let Some(text) = self.text.as_ref().and_then(JsValue::as_string) {
            records.push((Part::Text.name().to_owned(), None, text));
        }
        records.extend(
            self.annotations
                .iter()
                .map(|(id, value)| (Part::Annotation(id.clone()).name().to_owned(), Some(id.clone()), raw_text(value))),
        );
        records
    }
}

/// What the store `records` holds.
struct ReadRecords {
    docs: Vec<Document>,
    /// Every document id with records, readable or not.
    ids: BTreeSet<String>,
    damaged: Vec<DamagedRecord>,
}

/// Reads documents from the store's `records` (in key order, so each document's records
/// come together), a slice at a time.
async fn read_records(records: Vec<(JsValue, JsValue)>, pace: &mut Pace) -> ReadRecords {
    let mut gathered: Vec<Gathered> = Vec::new();
    let mut damaged = Vec::new();
    for (key, value) in records {
        let Some((doc, part)) = key_part(&key) else {
            damaged.push(DamagedRecord {
                key: js_sys::JSON::stringify(&key).ok().and_then(|s| s.as_string()).unwrap_or_default(),
                raw: raw_text(&value),
                problem: "the record is not one of a Newsmark document's records".into(),
            });
            continue;
        };
        if gathered.last().is_none_or(|g| g.doc != doc) {
            gathered.push(Gathered { doc, ..Gathered::default() });
        }
        let g = gathered.last_mut().expect("pushed above");
        g.count += 1;
        match part {
            Part::Head => g.head = Some(value),
            Part::Text => g.text = Some(value),
            Part::Relations => g.relations = Some(value),
            Part::Entities => g.entities = Some(value),
            Part::Orphans => g.orphans = Some(value),
            Part::Annotation(id) => g.annotations.push((id, value)),
        }
    }
    let ids = gathered.iter().map(|g| g.doc.clone()).collect();
    let mut docs = Vec::new();
    for g in gathered {
        match name_fields(&g, read_document(&g, pace).await).await {
            Ok((doc, left_out)) => {
                docs.push(doc);
                damaged.extend(left_out);
            }
            Err(record) => damaged.push(record),
        }
    }
    ReadRecords { docs, ids, damaged }
}

/// A document read from its records with the records left out of it, or the document
/// as one damaged record.
type ReadDocument = Result<(Document, Vec<DamagedRecord>), DamagedRecord>;

/// Reads one document from its records; the records left out of it come back as
/// damaged records, and a document that cannot be read as one damaged record (its head,
/// or its first record when it has no head).
async fn read_document(g: &Gathered, pace: &mut Pace) -> ReadDocument {
    let Gathered { doc: id, head, text, relations, entities, orphans, annotations, count } = g;
    let count = *count;
    let whole =
        |raw: String, problem: String| DamagedRecord { key: id.clone(), raw, problem: untouched(&problem, count) };
    let Some(head) = head.as_ref().map(raw_text) else {
        let first = annotations.first().map(|(_, v)| raw_text(v)).unwrap_or_default();
        return Err(whole(first, "the document's head record is missing".into()));
    };
    let Some(text) = text.as_ref().and_then(JsValue::as_string) else {
        return Err(whole(head, "the article's text record is missing or is not text".into()));
    };
    let [relations, entities, orphans] = [relations, entities, orphans].map(|list| list.as_ref().map(raw_text));
    let mut reader = Reader::start(id, &head, text, relations.as_deref(), entities.as_deref(), orphans.as_deref())
        .map_err(|e| whole(head.clone(), e.to_string()))?;
    for (annotation, value) in annotations {
        reader.annotation(annotation, &raw_text(value));
        pace.breathe().await;
    }
    let read = reader.finish().map_err(|e| whole(head, e.to_string()))?;
    let left_out = read
        .left_out
        .into_iter()
        .map(|l| DamagedRecord { key: record_name(id, l.part.name(), l.part.id()), raw: l.raw, problem: l.problem })
        .collect();
    Ok((read.document, left_out))
}

/// Why a document could not be read, and that its records stay as they are.
fn untouched(problem: &str, count: usize) -> String {
    format!("{problem} (its {count} records are left untouched)")
}

/// How a record of document `doc` is named in the report of damaged records.
fn record_name(doc: &str, part: &str, annotation: Option<&str>) -> String {
    match annotation {
        Some(annotation) => format!("{doc}/{part}/{annotation}"),
        None => format!("{doc}/{part}"),
    }
}

/// Whether a problem's sentence could name the field that is wrong if read again with
/// field names (see the module's comment).
fn field_unnamed(problem: &str) -> bool {
    !schema::FIELD_PATHS && problem.contains(schema::UNNAMED_FIELD)
}

/// `read` (a document read from the records `g`), with each problem whose field could not
/// be named replaced by the worker's sentence, which names it. Should the worker fail,
/// the sentences stay as they were.
async fn name_fields(g: &Gathered, read: ReadDocument) -> ReadDocument {
    let unnamed = match &read {
        Ok((_, left_out)) => left_out.iter().any(|l| field_unnamed(&l.problem)),
        Err(whole) => field_unnamed(&whole.problem),
    };
    if !unnamed {
        return read;
    }
    let Ok(named) = crate::background::read_records(g.doc.clone(), g.records()).await else { return read };
    match read {
        Err(mut whole) => {
            if let Some(problem) = named.document {
                whole.problem = untouched(&problem, g.count);
            }
            Err(whole)
        }
        Ok((doc, mut left_out)) => {
            // The worker reads the same records in the same order, so it leaves out the same ones.
            let same = left_out.len() == named.left_out.len()
                && left_out
                    .iter()
                    .zip(&named.left_out)
                    .all(|(l, (part, id, _))| l.key == record_name(&g.doc, part, id.as_deref()));
            if same {
                for (l, (_, _, problem)) in left_out.iter_mut().zip(named.left_out) {
                    l.problem = problem;
                }
            }
            Ok((doc, left_out))
        }
    }
}

/// A saved document that could not be read (a record stored whole by an earlier version),
/// with its problem's sentence naming the field that is wrong (see [`name_fields`]).
async fn name_document_fields(record: &mut DamagedRecord) {
    if field_unnamed(&record.problem) {
        if let Ok(Some(problem)) = crate::background::read_document(record.raw.clone()).await {
            record.problem = problem;
        }
    }
}

/// A stored value as text: a string as it is, anything else as JSON.
fn raw_text(value: &JsValue) -> String {
    value
        .as_string()
        .unwrap_or_else(|| js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()).unwrap_or_default())
}

/// The key of a document's record in the store `records`.
fn record_key(doc: &str, part: &Part) -> JsValue {
    let key = Array::of2(&JsValue::from_str(doc), &JsValue::from_str(part.name()));
    if let Some(id) = part.id() {
        key.push(&JsValue::from_str(id));
    }
    key.into()
}

/// The document and part a key of the store `records` names, if it names one.
fn key_part(key: &JsValue) -> Option<(String, Part)> {
    let key = key.dyn_ref::<Array>()?;
    let doc = key.get(0).as_string()?;
    let name = key.get(1).as_string()?;
    let id = if key.length() == 3 { Some(key.get(2).as_string()?) } else { None };
    (key.length() <= 3).then_some(())?;
    Some((doc, Part::parse(&name, id.as_deref())?))
}

/// The changes that write `puts` of document `doc`.
fn record_changes(doc: &str, puts: Vec<(Part, Arc<str>)>) -> impl Iterator<Item = Change> + '_ {
    puts.into_iter().map(move |(part, body)| Change {
        store: idb::RECORDS,
        key: record_key(doc, &part),
        value: Some(JsValue::from_str(&body)),
    })
}

/// A document stored in local storage by an earlier version, with its key there.
type Legacy = (String, Document);

/// Documents stored in local storage by earlier versions: the readable ones with their
/// keys, and the damaged ones.
fn legacy_documents() -> (Vec<Legacy>, Vec<DamagedRecord>) {
    let (mut docs, mut damaged) = (Vec::new(), Vec::new());
    let Ok(storage) = local_storage() else {
        return (docs, damaged);
    };
    let len = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..len).filter_map(|i| storage.key(i).ok().flatten()).collect();
    for key in keys.into_iter().filter(|k| k.starts_with(LEGACY_DOC_PREFIX)) {
        let Some(raw) = storage.get_item(&key).ok().flatten() else {
            continue;
        };
        match schema::load_document(&raw) {
            Ok(doc) if key[LEGACY_DOC_PREFIX.len()..] == doc.id => docs.push((key, doc)),
            Ok(doc) => damaged.push(DamagedRecord {
                key: key.clone(),
                raw,
                problem: format!("the record is stored under {key} but holds document \"{}\"", doc.id),
            }),
            Err(e) => damaged.push(DamagedRecord { key, raw, problem: e.to_string() }),
        }
    }
    (docs, damaged)
}

/// A document as the previous version stored it: one record (id, title, time of the last
/// change) carrying the whole document in the saved format under `document`.
fn read_whole_record(key: &str, value: &JsValue) -> Result<Document, DamagedRecord> {
    let damaged = |raw: String, problem: String| DamagedRecord { key: key.to_owned(), raw, problem };
    let document = value
        .is_object()
        .then(|| js_sys::Reflect::get(value, &JsValue::from_str("document")).ok())
        .flatten()
        .and_then(|d| d.as_string());
    let Some(document) = document else {
        return Err(damaged(raw_text(value), "the record is not a Newsmark document record".into()));
    };
    match schema::load_document(&document) {
        Ok(doc) if doc.id == key => Ok(doc),
        Ok(doc) => {
            Err(damaged(document, format!("the record is stored under {key} but holds document \"{}\"", doc.id)))
        }
        Err(e) => Err(damaged(document, e.to_string())),
    }
}

/// The writes one save makes: the documents changed since they were last written (with
/// the revision each change was made at) and the documents deleted.
pub struct Batch {
    pub written: Vec<(String, u64)>,
    pub removed: Vec<String>,
    changes: Vec<Change>,
    /// The versions written, which the database holds once the write is committed.
    versions: Vec<Arc<Document>>,
}

impl Batch {
    /// What to write for `state`, leaving out documents already being written at the
    /// same revision: for each document, the records that changed since the version the
    /// database holds.
    pub fn prepare(state: &AppState, in_flight: &BTreeMap<String, u64>) -> Batch {
        let mut batch = Batch { written: Vec::new(), removed: Vec::new(), changes: Vec::new(), versions: Vec::new() };
        STORED.with(|stored| {
            let stored = stored.borrow();
            for (id, revision) in &state.unsaved {
                if in_flight.get(id) == Some(revision) {
                    continue;
                }
                if let Some(doc) = state.ws.shared(id) {
                    let write = stored::changes(stored.get(id).map(|d| &**d), doc);
                    batch.changes.extend(record_changes(id, write.puts));
                    batch.changes.extend(write.deletes.iter().map(|part| Change {
                        store: idb::RECORDS,
                        key: record_key(id, part),
                        value: None,
                    }));
                    batch.versions.push(doc.clone());
                }
                batch.written.push((id.clone(), *revision));
            }
            for id in &state.unremoved {
                let parts = stored.get(id).map_or_else(|| vec![Part::Head, Part::Text], |d| stored::parts(d));
                batch.changes.extend(parts.iter().map(|part| Change {
                    store: idb::RECORDS,
                    key: record_key(id, part),
                    value: None,
                }));
                batch.removed.push(id.clone());
            }
        });
        batch
    }

    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }

    /// Writes the batch in one transaction and waits for it to be committed.
    pub async fn write(&self) -> Result<(), String> {
        idb::write(&database()?, &self.changes).await?;
        STORED.with(|stored| {
            let mut stored = stored.borrow_mut();
            for doc in &self.versions {
                stored.insert(doc.id.clone(), doc.clone());
            }
            for id in &self.removed {
                stored.remove(id);
            }
        });
        Ok(())
    }
}

/// Records the open document and the library order in local storage. These are
/// conveniences: if they cannot be written, the next visit opens the first document.
pub fn save_settings(state: &AppState) {
    let settings =
        Settings { open: state.open.clone(), order: state.ws.documents().iter().map(|d| d.id.clone()).collect() };
    let settings = serde_json::to_string(&settings).expect("settings serialise");
    if let Ok(storage) = local_storage() {
        if storage.get_item(SETTINGS_KEY).ok().flatten().as_deref() != Some(settings.as_str()) {
            storage.set_item(SETTINGS_KEY, &settings).ok();
        }
    }
}

/// Reads the stored versions of `ids` (written by another tab): `None` where a
/// document is no longer stored. Unreadable documents are left out.
pub async fn read_documents(ids: &[String]) -> Result<Vec<(String, Option<Document>)>, String> {
    let db = database()?;
    let mut out = Vec::new();
    for id in ids {
        let records = idb::read_range(&db, idb::RECORDS, Some(id)).await?;
        if records.is_empty() {
            STORED.with(|s| s.borrow_mut().remove(id));
            out.push((id.clone(), None));
            continue;
        }
        let read = read_records(records, &mut Pace::new()).await;
        if let Some(doc) = read.docs.into_iter().find(|d| d.id == *id) {
            remember(&doc);
            out.push((id.clone(), Some(doc)));
        }
    }
    Ok(out)
}

/// Whether the browser promised to keep the library when space runs low, and how much
/// of the site's storage it uses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Persistence {
    /// The library database is open (false when the browser does not allow storage).
    pub available: bool,
    /// `None` when the browser does not say (no Storage API).
    pub granted: Option<bool>,
    pub usage: Option<f64>,
    pub quota: Option<f64>,
}

/// Asks the browser to keep the library (once granted it stays granted), then reports.
pub async fn request_persistence() -> Persistence {
    if let Some(manager) = storage_manager() {
        if call(manager.persisted()).await.and_then(|v| v.as_bool()) == Some(false) {
            call(manager.persist()).await;
        }
    }
    persistence().await
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    wasm_bindgen_futures::JsFuture::from(promise.ok()?).await.ok()
}

/// Reports whether the browser keeps the library and how much room it takes, without asking.
pub async fn persistence() -> Persistence {
    let available = database().is_ok();
    let Some(manager) = storage_manager() else {
        return Persistence { available, ..Persistence::default() };
    };
    let granted = call(manager.persisted()).await.and_then(|v| v.as_bool());
    let estimate = call(manager.estimate()).await;
    let number = |name: &str| {
        estimate.as_ref().and_then(|e| js_sys::Reflect::get(e, &JsValue::from_str(name)).ok()).and_then(|v| v.as_f64())
    };
    Persistence { available, granted, usage: number("usage"), quota: number("quota") }
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let manager = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    (!manager.is_undefined()).then(|| manager.unchecked_into())
}

/// A small setting (theme, whether the guide was dismissed), or `None` if unset or
/// storage is unavailable.
pub fn setting(key: &str) -> Option<String> {
    local_storage().ok()?.get_item(key).ok().flatten()
}

/// Stores a small setting; failing quietly is fine, the default comes back next time.
pub fn set_setting(key: &str, value: &str) {
    if let Ok(s) = local_storage() {
        s.set_item(key, value).ok();
    }
}
