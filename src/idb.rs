//! The browser's IndexedDB, as far as Newsmark needs it: one database holding the
//! library's records, opened once per tab; requests and transactions as futures.
//!
//! Errors come back as sentences for the person ("the browser's storage for this site
//! is full"), since every one of them ends up in a notice.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode, IdbVersionChangeEvent};

pub const DATABASE: &str = "newsmark";
/// Version 1: the store `documents`, keyed by document id, one record per document.
/// Version 2 adds the store `records`: each document in records of its own
/// (`newsmark_core::schema::stored`), keyed by `[document id, part]` or, for an
/// annotation, `[document id, "annotation", annotation id]`. The documents of version 1
/// move on the first start (see `storage`), and `documents` keeps only what could not be read.
const VERSION: u32 = 2;
pub const DOCUMENTS: &str = "documents";
pub const RECORDS: &str = "records";
const STORES: [&str; 2] = [DOCUMENTS, RECORDS];

/// One change a write makes: `value` put under `key` in `store`, or, without a value,
/// the record under `key` deleted.
pub struct Change {
    pub store: &'static str,
    pub key: JsValue,
    pub value: Option<JsValue>,
}

/// Opens (creating or upgrading) the database. `on_blocked` runs if another tab holds
/// an older version open and keeps this one waiting; `on_newer` runs if another tab
/// later asks to upgrade it, after this tab has closed its connection.
/// `on_newer` is told whether the database was deleted (site data cleared) rather than upgraded.
pub async fn open(
    on_blocked: impl FnMut() + 'static,
    on_newer: impl FnMut(bool) + 'static,
) -> Result<IdbDatabase, String> {
    let window = web_sys::window().ok_or("there is no browser window")?;
    let factory = match window.indexed_db() {
        Ok(Some(f)) => f,
        Ok(None) => return Err("this browser offers no IndexedDB storage".into()),
        Err(e) => return Err(format!("the browser refused access to its storage ({})", describe(&e))),
    };
    let request = factory.open_with_u32(DATABASE, VERSION).map_err(|e| refused(&e))?;
    let upgrade = Closure::<dyn FnMut(JsValue)>::new({
        let request = request.clone();
        move |_| {
            let Ok(result) = request.result() else { return };
            let db: IdbDatabase = result.unchecked_into();
            for store in STORES {
                if !db.object_store_names().contains(store) {
                    db.create_object_store(store).ok();
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let blocked = Closure::<dyn FnMut(JsValue)>::new({
        let mut on_blocked = on_blocked;
        move |_| on_blocked()
    });
    request.set_onblocked(Some(blocked.as_ref().unchecked_ref()));
    let outcome = settle(request.as_ref()).await;
    request.set_onupgradeneeded(None);
    request.set_onblocked(None);
    drop((upgrade, blocked));
    let db: IdbDatabase = outcome?.unchecked_into();
    // Another tab running a newer Newsmark wants to upgrade: let it, and stop using this connection.
    let newer = Closure::<dyn FnMut(JsValue)>::new({
        let db = db.clone();
        let mut on_newer = on_newer;
        move |event: JsValue| {
            db.close();
            let deleted = event.dyn_ref::<IdbVersionChangeEvent>().is_some_and(|e| e.new_version().is_none());
            on_newer(deleted);
        }
    });
    db.set_onversionchange(Some(newer.as_ref().unchecked_ref()));
    newer.forget(); // lives as long as the connection, which is the page's lifetime
    Ok(db)
}

/// Every record in `store`, as (key, value) pairs in key order.
pub async fn read_all(db: &IdbDatabase, store: &str) -> Result<Vec<(JsValue, JsValue)>, String> {
    read_range(db, store, None).await
}

/// The records of `store` whose keys are arrays starting with `first` (one document's
/// records), as (key, value) pairs in key order; every record without `first`.
pub async fn read_range(db: &IdbDatabase, store: &str, first: Option<&str>) -> Result<Vec<(JsValue, JsValue)>, String> {
    let store = db
        .transaction_with_str_and_mode(store, IdbTransactionMode::Readonly)
        .and_then(|tx| tx.object_store(store))
        .map_err(|e| closed_or_refused(&e))?;
    let (keys, values) = match first {
        None => (store.get_all_keys(), store.get_all()),
        Some(first) => {
            // Arrays sort after strings, so [first] ≤ every [first, …] < [first, []].
            let lower = Array::of1(&JsValue::from_str(first));
            let upper = Array::of2(&JsValue::from_str(first), &Array::new());
            let range = web_sys::IdbKeyRange::bound(&lower, &upper).map_err(|e| refused(&e))?;
            (store.get_all_keys_with_key(&range), store.get_all_with_key(&range))
        }
    };
    let keys = settle(&keys.map_err(|e| refused(&e))?).await?;
    let values = settle(&values.map_err(|e| refused(&e))?).await?;
    let (keys, values): (Array, Array) = (keys.unchecked_into(), values.unchecked_into());
    Ok(keys.iter().zip(values.iter()).collect())
}

/// Makes `changes` in one transaction, and waits until it is committed to disk:
/// afterwards the records survive a closed tab or a crash.
pub async fn write(db: &IdbDatabase, changes: &[Change]) -> Result<(), String> {
    let names = Array::of2(&JsValue::from_str(DOCUMENTS), &JsValue::from_str(RECORDS));
    let tx = db
        .transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite)
        .map_err(|e| closed_or_refused(&e))?;
    let stores = STORES.map(|name| tx.object_store(name));
    let done = finished(&tx);
    let queued = changes.iter().try_for_each(|change| {
        let at = STORES.iter().position(|s| *s == change.store).expect("a store of this database");
        let store = stores[at].as_ref().map_err(refused)?;
        match &change.value {
            Some(value) => store.put_with_key(value, &change.key),
            None => store.delete(&change.key),
        }
        .map(drop)
        .map_err(|e| refused(&e))
    });
    if let Err(why) = queued {
        // Nothing of a save that could not be queued whole is kept.
        tx.abort().ok();
        return Err(why);
    }
    done.await
}

/// Resolves with the request's result, or fails with its error.
async fn settle(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(|e| refused(&e)),
        Err(_) => Err(match request.error() {
            Ok(Some(e)) => describe(&e),
            _ => "the browser's storage reported an error".into(),
        }),
    }
}

/// Completes when the transaction commits; fails with the reason it aborted.
fn finished(tx: &IdbTransaction) -> impl std::future::Future<Output = Result<(), String>> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onabort(Some(&reject));
    });
    let tx = tx.clone();
    async move {
        match JsFuture::from(promise).await {
            Ok(_) => Ok(()),
            Err(_) => Err(match tx.error() {
                Some(e) => describe(&e),
                None => "the browser's storage did not take the change".into(),
            }),
        }
    }
}

fn closed_or_refused(e: &JsValue) -> String {
    match e.dyn_ref::<DomException>().map(DomException::name).as_deref() {
        Some("InvalidStateError") => {
            "this tab's storage connection was closed (another tab runs a newer Newsmark)".into()
        }
        _ => refused(e),
    }
}

fn refused(e: &JsValue) -> String {
    format!("the browser's storage refused the change ({})", describe(e))
}

/// A browser error as a sentence.
pub fn describe(e: &JsValue) -> String {
    let (name, message) = if let Some(e) = e.dyn_ref::<DomException>() {
        (e.name(), e.message())
    } else if let Some(e) = e.dyn_ref::<js_sys::Error>() {
        (e.name().into(), e.message().into())
    } else {
        return e.as_string().unwrap_or_else(|| format!("{e:?}"));
    };
    let message = message.trim_end_matches('.');
    match name.as_str() {
        "QuotaExceededError" => "the browser's storage for this site is full".into(),
        // Chromium answers "UnknownError: The user denied permission to access the database" when site data is blocked.
        "SecurityError" | "UnknownError" if name == "SecurityError" || message.contains("denied permission") => {
            "the browser does not allow this site to store data (site data may be blocked in its settings, or this is a private window)".into()
        }
        _ if message.is_empty() => name,
        _ => format!("{name}: {message}"),
    }
}
