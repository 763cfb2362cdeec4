//! The browser's IndexedDB, as far as Newsmark needs it: one database holding one
//! store of document records, opened once per tab; requests and transactions as futures.
//!
//! Errors come back as sentences for the person ("the browser's storage for this site
//! is full"), since every one of them ends up in a notice.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode, IdbVersionChangeEvent,
};

pub const DATABASE: &str = "newsmark";
/// Version 1: the store `documents`, keyed by document id.
const VERSION: u32 = 1;
pub const DOCUMENTS: &str = "documents";

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
            if !db.object_store_names().contains(DOCUMENTS) {
                db.create_object_store(DOCUMENTS).ok();
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

/// Every record in the store, as (key, value) pairs in key order.
pub async fn read_all(db: &IdbDatabase) -> Result<Vec<(String, JsValue)>, String> {
    let store = store(db, IdbTransactionMode::Readonly)?;
    let keys = settle(&store.get_all_keys().map_err(|e| refused(&e))?).await?;
    let values = settle(&store.get_all().map_err(|e| refused(&e))?).await?;
    let (keys, values): (Array, Array) = (keys.unchecked_into(), values.unchecked_into());
    Ok(keys.iter().zip(values.iter()).map(|(k, v)| (k.as_string().unwrap_or_else(|| format!("{k:?}")), v)).collect())
}

/// The records stored under `keys` (`None` where there is none).
pub async fn read(db: &IdbDatabase, keys: &[String]) -> Result<Vec<Option<JsValue>>, String> {
    let store = store(db, IdbTransactionMode::Readonly)?;
    let mut out = Vec::new();
    for key in keys {
        let value = settle(&store.get(&JsValue::from_str(key)).map_err(|e| refused(&e))?).await?;
        out.push(Some(value).filter(|v| !v.is_undefined()));
    }
    Ok(out)
}

/// Writes `puts` and deletes `deletes` in one transaction, and waits until it is
/// committed to disk: afterwards the records survive a closed tab or a crash.
pub async fn write(db: &IdbDatabase, puts: &[(String, JsValue)], deletes: &[String]) -> Result<(), String> {
    let tx = db
        .transaction_with_str_and_mode(DOCUMENTS, IdbTransactionMode::Readwrite)
        .map_err(|e| closed_or_refused(&e))?;
    let store = tx.object_store(DOCUMENTS).map_err(|e| refused(&e))?;
    let done = finished(&tx);
    for (key, value) in puts {
        store.put_with_key(value, &JsValue::from_str(key)).map_err(|e| refused(&e))?;
    }
    for key in deletes {
        store.delete(&JsValue::from_str(key)).map_err(|e| refused(&e))?;
    }
    done.await
}

fn store(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<IdbObjectStore, String> {
    let tx = db.transaction_with_str_and_mode(DOCUMENTS, mode).map_err(|e| closed_or_refused(&e))?;
    tx.object_store(DOCUMENTS).map_err(|e| refused(&e))
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
