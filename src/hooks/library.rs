//! Reading the library from storage once, at start-up.

use crate::browser;
use crate::state::{AppState, Msg, Notice};
use crate::storage::{self, DatabaseEvent, Persistence};
use newsmark_core::sample;
use yew::prelude::*;

/// Once: reads the library, then asks the browser to keep it and reports how much room it takes.
#[hook]
pub fn use_library(state: &UseReducerHandle<AppState>, persistence: &UseStateHandle<Option<Persistence>>) {
    let loader = state.dispatcher();
    let persistence = persistence.clone();
    use_effect_with((), move |_| {
        // The library first: the storage status reports on the database it opened.
        yew::platform::spawn_local(async move {
            load_library(loader).await;
            persistence.set(Some(storage::request_persistence().await));
        });
    });
}

/// Reads the library from storage (adding the sample article on a first visit) and
/// hands it to the app.
async fn load_library(state: UseReducerDispatcher<AppState>) {
    let events = {
        let state = state.clone();
        move |event: DatabaseEvent| {
            state.dispatch(match event {
                DatabaseEvent::Blocked => Msg::Notify(Some(Notice::error(
                    "Waiting for another Newsmark tab",
                    vec!["An older Newsmark is open in another tab and holds the library. Close that tab (or reload it) and this one continues.".into()],
                ))),
                DatabaseEvent::Newer => Msg::SaveFailed(
                    "a newer Newsmark was opened in another tab; reload this tab to keep working (download your work first if you are unsure)".into(),
                ),
                DatabaseEvent::Deleted => Msg::SaveFailed(
                    "the library stored in this browser was deleted while this tab was open (its site data was cleared)".into(),
                ),
            })
        }
    };
    let mut loaded = storage::load(events).await;
    if loaded.first_visit {
        let doc = sample::sample_document(browser::now());
        loaded.unsaved.push(doc.id.clone());
        loaded.docs.push(doc);
    }
    state.dispatch(Msg::Notify(None));
    state.dispatch(Msg::Loaded {
        docs: loaded.docs,
        open: loaded.open,
        damaged: loaded.damaged,
        unsaved: loaded.unsaved,
        error: loaded.error,
    });
}
