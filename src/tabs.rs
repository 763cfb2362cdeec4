//! Several tabs of Newsmark on one library.
//!
//! - **News between tabs.** After a save, a tab posts which documents it wrote and
//!   removed on the broadcast channel `newsmark`; the other tabs read those records
//!   from the database and show them. Messages are structured values
//!   (serde-wasm-bindgen), not JSON text.
//! - **One writer per document.** A tab edits a document only while it holds the Web
//!   Lock `newsmark:doc:<id>`. A tab that opens a document another tab holds shows it
//!   read-only (following the other tab's saves) until the person chooses to edit it
//!   there instead, which moves the lock: the first tab is told and turns read-only.
//!   The browser releases a closed or crashed tab's locks by itself.
//!
//! Browsers without Web Locks (or pages not served from a secure origin) get no
//! locking: every tab may write, and the last save wins, as in earlier versions.

use gloo::events::EventListener;
use js_sys::{Function, Object, Promise, Reflect};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "newsmark";
const LOCK_PREFIX: &str = "newsmark:doc:";

/// What one tab tells the others.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TabMessage {
    /// These documents were written to (or removed from) the database.
    Saved { docs: Vec<String>, removed: Vec<String> },
    /// A tab took or let go of a document's lock.
    Writers,
}

thread_local! {
    static CHANNEL_HANDLE: RefCell<Option<(BroadcastChannel, EventListener)>> = const { RefCell::new(None) };
    /// Locks this tab holds, by document id; dropping one releases it.
    static HELD: RefCell<BTreeMap<String, Held>> = const { RefCell::new(BTreeMap::new()) };
    /// Documents whose lock this tab has asked for and not yet heard back about.
    static ASKING: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
    /// Documents whose lock this tab wants (a lock granted after it stopped wanting it goes back at once).
    static WANTED: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// Starts listening to the other tabs. Messages that are not Newsmark's are ignored.
pub fn listen(on_message: impl Fn(TabMessage) + 'static) {
    let Ok(channel) = BroadcastChannel::new(CHANNEL) else { return };
    let listener = EventListener::new(&channel, "message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else { return };
        if let Ok(message) = serde_wasm_bindgen::from_value::<TabMessage>(event.data()) {
            on_message(message);
        }
    });
    CHANNEL_HANDLE.with(|slot| *slot.borrow_mut() = Some((channel, listener)));
}

/// Stops following the other tabs and lets every lock go: the first load does so as it
/// hands the page to the whole app, which then asks for the locks it wants itself.
pub fn stop() {
    CHANNEL_HANDLE.with(|slot| {
        if let Some((channel, listener)) = slot.borrow_mut().take() {
            drop(listener);
            channel.close();
        }
    });
    WANTED.with(|w| w.borrow_mut().clear());
    HELD.with(|h| h.borrow_mut().clear());
}

/// Tells the other tabs (a tab does not hear its own messages).
pub fn post(message: &TabMessage) {
    CHANNEL_HANDLE.with(|slot| {
        if let (Some((channel, _)), Ok(value)) = (slot.borrow().as_ref(), serde_wasm_bindgen::to_value(message)) {
            channel.post_message(&value).ok();
        }
    });
}

#[wasm_bindgen]
extern "C" {
    type LockManager;

    #[wasm_bindgen(method, js_name = request)]
    fn request(this: &LockManager, name: &str, options: &Object, callback: &JsValue) -> Promise;

    #[wasm_bindgen(method)]
    fn query(this: &LockManager) -> Promise;
}

fn lock_manager() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then(|| locks.unchecked_into())
}

/// A lock this tab holds; dropping it lets the lock go.
struct Held {
    release: Function,
}

impl Drop for Held {
    fn drop(&mut self) {
        self.release.call0(&JsValue::NULL).ok();
    }
}

/// Holds the locks of exactly the documents in `wanted`. A lock another tab holds is
/// never taken from it: this tab waits, and gets it when that tab lets go. `on_change`
/// runs whenever what this tab holds changes, including when another tab takes a lock
/// away; `on_lost` is told which document was taken.
pub fn hold_only(wanted: &BTreeSet<String>, on_change: Callback, on_lost: impl Fn(String) + Clone + 'static) {
    let mut changed = false;
    WANTED.with(|w| *w.borrow_mut() = wanted.clone());
    HELD.with(|held| {
        let mut held = held.borrow_mut();
        let gone: Vec<String> = held.keys().filter(|id| !wanted.contains(*id)).cloned().collect();
        for id in gone {
            held.remove(&id);
            changed = true;
        }
    });
    for id in wanted {
        let busy = HELD.with(|h| h.borrow().contains_key(id)) || ASKING.with(|a| a.borrow().contains(id));
        if !busy {
            ASKING.with(|a| a.borrow_mut().insert(id.clone()));
            let (id, on_change, on_lost) = (id.clone(), on_change.clone(), on_lost.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let wanted_still = |id: &str| WANTED.with(|w| w.borrow().contains(id));
                if !acquire(&id, Ask::IfFree, on_change.clone(), on_lost.clone()).await && wanted_still(&id) {
                    // Held elsewhere: show it read-only now, and take the lock when that tab lets go.
                    on_change.0();
                    acquire(&id, Ask::Wait, on_change.clone(), on_lost).await;
                }
                ASKING.with(|a| a.borrow_mut().remove(&id));
                on_change.0();
            });
        }
    }
    if changed {
        post(&TabMessage::Writers);
        on_change.0();
    }
}

/// Takes the lock of `doc` from whichever tab holds it.
pub async fn take_over(doc: &str, on_change: Callback, on_lost: impl Fn(String) + Clone + 'static) {
    acquire(doc, Ask::Steal, on_change.clone(), on_lost).await;
    on_change.0();
}

/// A shareable "something changed" callback.
#[derive(Clone)]
pub struct Callback(pub std::rc::Rc<dyn Fn()>);

/// How to ask for a lock.
#[derive(Clone, Copy, PartialEq)]
enum Ask {
    /// Take it only if no tab holds it.
    IfFree,
    /// Wait until the tab holding it lets go.
    Wait,
    /// Take it from the tab holding it.
    Steal,
}

/// Asks for the lock of `doc`; true if this tab got it (and still wants it).
async fn acquire(doc: &str, ask: Ask, on_change: Callback, on_lost: impl Fn(String) + 'static) -> bool {
    let Some(manager) = lock_manager() else { return false };
    let mut grant: Option<Function> = None;
    let granted = Promise::new(&mut |resolve, _| grant = Some(resolve));
    let grant = grant.expect("the promise executor runs at once");
    // The browser calls this with the lock (or null when it is held elsewhere); the
    // lock is ours until the promise it returns settles.
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if lock.is_null() {
            grant.call1(&JsValue::NULL, &JsValue::NULL).ok();
            return JsValue::UNDEFINED;
        }
        let mut release: Option<Function> = None;
        let held = Promise::new(&mut |resolve, _| release = Some(resolve));
        grant.call1(&JsValue::NULL, &release.expect("the promise executor runs at once")).ok();
        held.into()
    });
    let options = Object::new();
    match ask {
        Ask::IfFree => Reflect::set(&options, &JsValue::from_str("ifAvailable"), &JsValue::TRUE),
        Ask::Steal => Reflect::set(&options, &JsValue::from_str("steal"), &JsValue::TRUE),
        Ask::Wait => Ok(true),
    }
    .ok();
    let done = manager.request(&format!("{LOCK_PREFIX}{doc}"), &options, &callback);
    // The request settles when the lock is let go: normally (resolved) or because
    // another tab took it (rejected).
    let id = doc.to_owned();
    let lost = Closure::once(move |_: JsValue| {
        if HELD.with(|h| h.borrow_mut().remove(&id)).is_some() {
            post(&TabMessage::Writers);
            on_lost(id);
            on_change.0();
        }
    });
    let _ = done.catch(&lost);
    lost.forget(); // called at most once, when the lock goes; a few bytes per lock otherwise
    let Ok(release) = JsFuture::from(granted).await else { return false };
    let Some(release) = release.dyn_ref::<Function>() else { return false };
    let held = Held { release: release.clone() };
    if ask == Ask::Steal {
        WANTED.with(|w| w.borrow_mut().insert(doc.to_owned()));
    }
    if !WANTED.with(|w| w.borrow().contains(doc)) {
        return false; // dropping `held` lets the lock go
    }
    HELD.with(|h| h.borrow_mut().insert(doc.to_owned(), held));
    post(&TabMessage::Writers);
    true
}

/// The documents whose lock this tab wants to hold.
pub fn wanted() -> BTreeSet<String> {
    WANTED.with(|w| w.borrow().clone())
}

/// The documents whose lock this tab holds.
pub fn held() -> BTreeSet<String> {
    HELD.with(|h| h.borrow().keys().cloned().collect())
}

/// The documents another tab holds the lock of (empty without Web Locks).
pub async fn held_elsewhere() -> BTreeSet<String> {
    let Some(manager) = lock_manager() else { return BTreeSet::new() };
    let Ok(snapshot) = JsFuture::from(manager.query()).await else { return BTreeSet::new() };
    let ours = held();
    let held = Reflect::get(&snapshot, &JsValue::from_str("held")).unwrap_or(JsValue::UNDEFINED);
    let Some(held) = held.dyn_ref::<js_sys::Array>() else { return BTreeSet::new() };
    held.iter()
        .filter_map(|lock| Reflect::get(&lock, &JsValue::from_str("name")).ok()?.as_string())
        .filter_map(|name| name.strip_prefix(LOCK_PREFIX).map(str::to_owned))
        .filter(|id| !ours.contains(id))
        .collect()
}
