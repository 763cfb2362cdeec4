//! Waiting for Reveal in each class this browser joined as a student: the class database's
//! `reveal` record read, then its change feed followed with one long poll at a time; when
//! the key arrives it is applied to the student's copy (`class_reveal`).

use crate::class_reveal;
use crate::class_route;
use crate::state::AppState;
use newsmark_core::class::feed::Feed;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// How long the server may hold a long poll open, in milliseconds.
const LONG_POLL_MS: u32 = 25_000;
/// The longest wait before trying an unreachable server again.
const MAX_BACKOFF_MS: u32 = 30_000;

#[cfg(feature = "full")]
#[hook]
pub fn use_class_reveal(state: &UseReducerHandle<AppState>) {
    // The loops read the library as it is now, not as it was when they started.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let joined = if state.loading { Vec::new() } else { class_route::joined() };
    let dispatcher = state.dispatcher();
    use_effect_with(joined, move |joined| {
        let alive = Rc::new(Cell::new(true));
        for (server, class, document) in joined.iter().cloned() {
            let (alive, latest, dispatcher) = (alive.clone(), latest.clone(), dispatcher.clone());
            yew::platform::spawn_local(async move {
                follow(server, class, document, alive, latest, dispatcher).await;
            });
        }
        move || alive.set(false)
    });
}

async fn follow(
    server: String,
    class: String,
    document: String,
    alive: Rc<Cell<bool>>,
    latest: Rc<RefCell<UseReducerHandle<AppState>>>,
    dispatcher: UseReducerDispatcher<AppState>,
) {
    let mut feed = Feed::default();
    let mut backoff = 2_000;
    while alive.get() {
        let read = class_reveal::fetch(&server, &class).await;
        if !alive.get() {
            return;
        }
        match read {
            Ok(Some(record)) => {
                let doc = {
                    let state = latest.borrow();
                    state.ws.document(&document).filter(|_| state.may_edit(&document)).cloned()
                };
                if let Some(doc) = doc {
                    // A record that does not fit this copy is left alone; the next reveal may.
                    if let Ok(revealed) = class_reveal::read(&doc, &record) {
                        class_reveal::apply(&dispatcher, &doc, &revealed);
                    }
                }
            }
            Ok(None) => {}
            Err(_) => {
                gloo::timers::future::TimeoutFuture::new(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF_MS);
                continue;
            }
        }
        // Until something changes in the class database (or the poll ends empty).
        let path = format!("/{class}/_changes?feed=longpoll&since={}&timeout={LONG_POLL_MS}", feed.since_param());
        match crate::couch::get(&server, &path, "class database").await {
            Ok(answer) if feed.apply(&answer).is_ok() => backoff = 2_000,
            _ => {
                gloo::timers::future::TimeoutFuture::new(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF_MS);
            }
        }
    }
}

/// The first load has no class work (it hands the page to the whole app for it).
#[cfg(not(feature = "full"))]
#[hook]
pub fn use_class_reveal(_state: &UseReducerHandle<AppState>) {}
