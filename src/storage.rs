//! The library in the browser's local storage: one JSON record per document
//! (`newsmark:doc:<id>`, in the saved format of `newsmark_core::schema`) and one small
//! settings record (`newsmark:settings`).
//!
//! A record that fails to load is reported and left exactly where it is; since the
//! library never holds a document with that id, no save ever overwrites it.
//!
//! This uses web-sys directly rather than gloo-storage: gloo's handle panics when
//! storage is disabled (as in some private modes), and here that must be an error the
//! person sees, not a crash.

use crate::state::{AppState, DamagedRecord};
use newsmark_core::{schema, Document};
use serde::{Deserialize, Serialize};
use web_sys::Storage;

const DOC_PREFIX: &str = "newsmark:doc:";
const SETTINGS_KEY: &str = "newsmark:settings";

#[derive(Default, Serialize, Deserialize)]
struct Settings {
    #[serde(default)]
    open: Option<String>,
    /// Document ids in library order.
    #[serde(default)]
    order: Vec<String>,
}

/// What was found in storage at start-up.
pub struct Loaded {
    pub docs: Vec<Document>,
    pub open: Option<String>,
    pub damaged: Vec<DamagedRecord>,
    /// Nothing was stored: this is the person's first visit (or storage is empty).
    pub first_visit: bool,
    /// Storage could not be used at all.
    pub error: Option<String>,
}

fn storage() -> Result<Storage, String> {
    let window = web_sys::window().ok_or("there is no browser window")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser offers no local storage".into()),
        Err(e) => Err(format!("the browser refused access to local storage ({})", describe(&e))),
    }
}

fn describe(e: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        let name: String = err.name().into();
        let message: String = err.message().into();
        if name == "QuotaExceededError" {
            return "the browser's storage for this site is full".into();
        }
        return format!("{name}: {message}");
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

pub fn load() -> Loaded {
    let storage = match storage() {
        Ok(s) => s,
        Err(e) => {
            return Loaded { docs: Vec::new(), open: None, damaged: Vec::new(), first_visit: true, error: Some(e) }
        }
    };
    let settings_raw = storage.get_item(SETTINGS_KEY).ok().flatten();
    let settings: Settings = settings_raw.as_deref().and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
    let mut docs = Vec::new();
    let mut damaged = Vec::new();
    let len = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..len).filter_map(|i| storage.key(i).ok().flatten()).collect();
    for key in keys.into_iter().filter(|k| k.starts_with(DOC_PREFIX)) {
        let Some(raw) = storage.get_item(&key).ok().flatten() else {
            continue;
        };
        match schema::load_document(&raw) {
            Ok(doc) if key == doc_key(&doc.id) => docs.push(doc),
            Ok(doc) => damaged.push(DamagedRecord {
                key: key.clone(),
                raw,
                problem: format!("the record is stored under {key} but holds document \"{}\"", doc.id),
            }),
            Err(e) => damaged.push(DamagedRecord { key, raw, problem: e.to_string() }),
        }
    }
    // Library order: as last saved, then anything not listed, newest first.
    docs.sort_by(|a, b| {
        let rank = |d: &Document| settings.order.iter().position(|id| *id == d.id).unwrap_or(usize::MAX);
        rank(a).cmp(&rank(b)).then(b.created.cmp(&a.created))
    });
    damaged.sort_by(|a, b| a.key.cmp(&b.key));
    let first_visit = settings_raw.is_none() && docs.is_empty() && damaged.is_empty();
    Loaded { docs, open: settings.open, damaged, first_visit, error: None }
}

pub fn doc_key(id: &str) -> String {
    format!("{DOC_PREFIX}{id}")
}

/// Writes every unsaved document, removes deleted ones, and records the open document
/// and library order. Returns what was written and removed, or why it failed (in which
/// case the unsaved set is left for the next try).
pub fn save(state: &AppState) -> Result<(Vec<String>, Vec<String>), String> {
    let storage = storage()?;
    let mut written = Vec::new();
    for id in &state.unsaved {
        if let Some(doc) = state.ws.document(id) {
            storage.set_item(&doc_key(id), &schema::document_to_json(doc)).map_err(|e| describe(&e))?;
        }
        written.push(id.clone());
    }
    let mut removed = Vec::new();
    for id in &state.unremoved {
        storage.remove_item(&doc_key(id)).map_err(|e| describe(&e))?;
        removed.push(id.clone());
    }
    let settings =
        Settings { open: state.open.clone(), order: state.ws.documents().iter().map(|d| d.id.clone()).collect() };
    // Every message re-runs the saving effect; write the settings only when they changed.
    let settings = serde_json::to_string(&settings).expect("settings serialise");
    if storage.get_item(SETTINGS_KEY).ok().flatten().as_deref() != Some(settings.as_str()) {
        storage.set_item(SETTINGS_KEY, &settings).map_err(|e| describe(&e))?;
    }
    Ok((written, removed))
}

/// A small setting (theme, whether the guide was dismissed), or `None` if unset or
/// storage is unavailable.
pub fn setting(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

/// Stores a small setting; failing quietly is fine, the default comes back next time.
pub fn set_setting(key: &str, value: &str) {
    if let Ok(s) = storage() {
        s.set_item(key, value).ok();
    }
}
