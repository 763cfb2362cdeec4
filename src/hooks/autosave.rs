//! Saving: every change is written to storage soon after it is made, and a tab with
//! unsaved work asks before it closes.

use crate::browser;
use crate::state::{AppState, Msg};
use crate::storage::{self, Batch, Persistence};
use crate::tabs::{self, TabMessage};
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// After every change, writes what is unsaved, in one transaction. A failure is
/// reported and the work stays in memory (and in `unsaved`) for the next attempt.
/// The write starts once the change is painted, in a background task (after the tasks
/// already waiting and any input: comparing the document with the version stored takes
/// milliseconds that the person should not wait for), or after 50 ms in a tab that
/// paints nothing (hidden) or is busy, whichever comes first; a newer change replaces a
/// write not yet started. Closing the tab while something is unsaved asks first.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<AppState>, persistence: &UseStateHandle<Option<Persistence>>) {
    let saver = use_mut_ref(|| None::<(gloo::render::AnimationFrame, gloo::timers::callback::Timeout)>);
    let in_flight = use_mut_ref(BTreeMap::<String, u64>::new);
    let last_status = use_memo((), |_| Cell::new(0_i64));
    {
        let (state, in_flight, persistence, saver) =
            (state.clone(), in_flight.clone(), persistence.clone(), saver.clone());
        use_effect_with(state.revision, move |_| {
            if !state.loading {
                storage::save_settings(&state);
            }
            // A newer change replaces a write not yet started; with nothing to write, no write.
            saver.borrow_mut().take();
            if !state.loading && (!state.unsaved.is_empty() || !state.unremoved.is_empty()) {
                let started = Rc::new(Cell::new(false));
                let save = Rc::new(move || {
                    if !started.replace(true) {
                        save_now(&state, &in_flight, &persistence, &last_status);
                    }
                });
                let after_paint = {
                    let save = save.clone();
                    gloo::render::request_animation_frame(move |_| browser::in_background_task(move || save()))
                };
                let fallback = gloo::timers::callback::Timeout::new(50, move || save());
                *saver.borrow_mut() = Some((after_paint, fallback));
            }
        });
    }

    // Closing the tab while something is unsaved (a note being typed too) asks first, and
    // a note being typed is saved when the page is hidden (a phone may close it unasked).
    let unsaved_now = use_mut_ref(|| false);
    *unsaved_now.borrow_mut() = state.has_unsaved_work();
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                if gloo::utils::document().hidden() {
                    dispatcher.dispatch(Msg::KeepNoteDraft);
                }
            });
            move || drop(listener)
        });
    }
    use_effect_with((), move |_| {
        let listener = EventListener::new_with_options(
            &gloo::utils::window(),
            "beforeunload",
            EventListenerOptions::enable_prevent_default(),
            move |event| {
                if *unsaved_now.borrow() {
                    event.prevent_default();
                }
            },
        );
        move || drop(listener)
    });
}

/// Writes what is unsaved in `state` (leaving out documents already being written at
/// the same revision), then reports the outcome to the app and to the other tabs.
fn save_now(
    state: &UseReducerHandle<AppState>,
    in_flight: &Rc<RefCell<BTreeMap<String, u64>>>,
    persistence: &UseStateHandle<Option<Persistence>>,
    last_status: &Rc<Cell<i64>>,
) {
    let batch = Batch::prepare(state, &in_flight.borrow());
    if batch.is_empty() {
        return;
    }
    in_flight.borrow_mut().extend(batch.written.iter().cloned());
    let (dispatcher, retrying) = (state.dispatcher(), state.save_error.clone());
    let (in_flight, persistence, last_status) = (in_flight.clone(), persistence.clone(), last_status.clone());
    yew::platform::spawn_local(async move {
        let outcome = batch.write().await;
        {
            let mut in_flight = in_flight.borrow_mut();
            for (id, revision) in &batch.written {
                if in_flight.get(id) == Some(revision) {
                    in_flight.remove(id);
                }
            }
        }
        match outcome {
            Ok(()) => {
                let docs = batch.written.iter().map(|(id, _)| id.clone()).collect();
                tabs::post(&TabMessage::Saved { docs, removed: batch.removed.clone() });
                dispatcher.dispatch(Msg::Saved { written: batch.written, removed: batch.removed });
                // The room the library takes, now and then (each update re-renders the page).
                let now = browser::now().0;
                if now - last_status.get() > 5_000 {
                    last_status.set(now);
                    persistence.set(Some(storage::persistence().await));
                }
            }
            Err(why) if retrying.as_deref() == Some(why.as_str()) => {}
            Err(why) => dispatcher.dispatch(Msg::SaveFailed(why)),
        }
    });
}
