//! Where the library lives in the browser.
//!
//! Documents are records in IndexedDB (the store `documents` of the database
//! `newsmark`, see [`crate::idb`]), keyed by document id. A record is a small object
//! (id, title, time of the last change) carrying the document in Newsmark's saved
//! JSON format (`newsmark_core::schema`), the same text an export writes, so one
//! version number and one set of migrations cover stored and exported documents.
//! Local storage keeps only small settings (`newsmark:settings`: the open document and
//! library order; the theme; whether the guide was dismissed).
//!
//! Earlier versions kept each document in local storage under `newsmark:doc:<id>`. On
//! start-up such records are copied into IndexedDB and, once the copy is committed,
//! removed from local storage. A record that cannot be read, in either place, is
//! reported and left exactly where it is; since the library never holds a document
//! with that id, no save ever overwrites it.

use crate::idb;
use crate::state::{AppState, DamagedRecord};
use newsmark_core::{schema, Document};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, Storage};

const LEGACY_DOC_PREFIX: &str = "newsmark:doc:";
const SETTINGS_KEY: &str = "newsmark:settings";

thread_local! {
    /// This tab's connection to the database, once open, or why it could not be opened.
    static DATABASE: RefCell<Result<IdbDatabase, String>> = RefCell::new(Err("the library has not been opened yet".into()));
}

#[derive(Default, Serialize, Deserialize)]
struct Settings {
    #[serde(default)]
    open: Option<String>,
    /// Document ids in library order.
    #[serde(default)]
    order: Vec<String>,
}

/// One document as stored in IndexedDB.
#[derive(Serialize, Deserialize)]
struct Record {
    id: String,
    title: String,
    updated: String,
    /// The document in the saved format.
    document: String,
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
    /// How many documents were moved from local storage into the database.
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

/// Opens the database, moves any documents from local storage into it, and reads the library.
pub async fn load(on_event: impl Fn(DatabaseEvent) + Clone + 'static) -> Loaded {
    let settings_raw = local_storage().ok().and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten());
    let settings: Settings = settings_raw.as_deref().and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
    let (legacy, mut damaged) = legacy_documents();
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
        Ok(db) => idb::read_all(&db).await.map(|records| (db, records)),
        Err(e) => Err(e),
    };
    match stored {
        Ok((db, records)) => {
            let mut in_database = std::collections::BTreeSet::new();
            for (key, value) in records {
                in_database.insert(key.clone());
                match read_record(&key, &value) {
                    Ok(doc) => loaded.docs.push(doc),
                    Err(record) => damaged.push(record),
                }
            }
            // Documents from local storage that the database does not have yet.
            let (moving, already): (Vec<Legacy>, Vec<Legacy>) =
                legacy.into_iter().partition(|(_, doc)| !in_database.contains(&doc.id));
            let puts: Vec<(String, JsValue)> = moving.iter().map(|(_, doc)| (doc.id.clone(), record(doc))).collect();
            let written = if puts.is_empty() { Ok(()) } else { idb::write(&db, &puts, &[]).await };
            match written {
                Ok(()) => {
                    loaded.migrated = moving.len();
                    if let Ok(storage) = local_storage() {
                        for (key, _) in moving.iter().chain(&already) {
                            storage.remove_item(key).ok();
                        }
                    }
                }
                Err(e) => {
                    loaded.unsaved = moving.iter().map(|(_, doc)| doc.id.clone()).collect();
                    loaded.error = Some(e);
                }
            }
            loaded.docs.extend(moving.into_iter().map(|(_, doc)| doc));
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
    loaded
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

fn read_record(key: &str, value: &JsValue) -> Result<Document, DamagedRecord> {
    let damaged = |raw: String, problem: String| DamagedRecord { key: key.to_owned(), raw, problem };
    let record: Record = serde_wasm_bindgen::from_value(value.clone()).map_err(|e| {
        let raw = js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()).unwrap_or_default();
        damaged(raw, format!("the record is not a Newsmark document record ({e})"))
    })?;
    match schema::load_document(&record.document) {
        Ok(doc) if doc.id == key => Ok(doc),
        Ok(doc) => {
            Err(damaged(record.document, format!("the record is stored under {key} but holds document \"{}\"", doc.id)))
        }
        Err(e) => Err(damaged(record.document, e.to_string())),
    }
}

fn record(doc: &Document) -> JsValue {
    let record = Record {
        id: doc.id.clone(),
        title: doc.title.clone(),
        updated: doc.updated.to_string(),
        document: schema::document_to_compact_json(doc),
    };
    serde_wasm_bindgen::to_value(&record).expect("a record is plain data")
}

/// The writes one save makes: the documents changed since they were last written (with
/// the revision each change was made at) and the documents deleted.
pub struct Batch {
    pub written: Vec<(String, u64)>,
    pub removed: Vec<String>,
    records: Vec<(String, JsValue)>,
}

impl Batch {
    /// What to write for `state`, leaving out documents already being written at the same revision.
    pub fn prepare(state: &AppState, in_flight: &std::collections::BTreeMap<String, u64>) -> Batch {
        let mut batch = Batch { written: Vec::new(), removed: Vec::new(), records: Vec::new() };
        for (id, revision) in &state.unsaved {
            if in_flight.get(id) == Some(revision) {
                continue;
            }
            if let Some(doc) = state.ws.document(id) {
                batch.records.push((id.clone(), record(doc)));
            }
            batch.written.push((id.clone(), *revision));
        }
        batch.removed = state.unremoved.iter().cloned().collect();
        batch
    }

    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }

    /// Writes the batch in one transaction and waits for it to be committed.
    pub async fn write(&self) -> Result<(), String> {
        idb::write(&database()?, &self.records, &self.removed).await
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
/// document is no longer stored. Unreadable records are left out.
pub async fn read_documents(ids: &[String]) -> Result<Vec<(String, Option<Document>)>, String> {
    let values = idb::read(&database()?, ids).await?;
    Ok(ids
        .iter()
        .zip(values)
        .filter_map(|(id, value)| match value {
            None => Some((id.clone(), None)),
            Some(v) => read_record(id, &v).ok().map(|doc| (id.clone(), Some(doc))),
        })
        .collect())
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
