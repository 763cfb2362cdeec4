//! One writer per document: the Web Locks this tab holds, and following what other tabs save.

use crate::state::{AppState, Msg};
use crate::storage;
use crate::tabs::{self, TabMessage};
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

/// Follows the other tabs (their saves, and locks they let go), and holds the lock of
/// the open document and of every document this tab has not finished saving.
#[hook]
pub fn use_writer_locks(state: &UseReducerHandle<AppState>) {
    // Once: listen to the other tabs.
    {
        let on_message = state.dispatcher();
        use_effect_with((), move |_| {
            tabs::listen(move |message| match message {
                TabMessage::Saved { docs, removed } => follow_other_tab(on_message.clone(), docs, removed),
                TabMessage::Writers => {
                    // A lock may have been let go: try again for the documents this tab wants.
                    let (on_change, on_lost) = writer_callbacks(&on_message);
                    tabs::hold_only(&tabs::wanted(), on_change, on_lost);
                    refresh_writers(on_message.clone());
                }
            });
        });
    }

    // One writer per document: this tab holds the lock of the open document and of
    // every document it has not finished saving.
    let wanted: BTreeSet<String> =
        if state.loading { BTreeSet::new() } else { state.open.iter().chain(state.unsaved.keys()).cloned().collect() };
    let dispatcher = state.dispatcher();
    use_effect_with(wanted, move |wanted| hold_writers(&dispatcher, wanted));
}

/// *Edit here instead*: takes the lock of document `id` from the tab holding it, then
/// starts from the latest stored version.
pub fn take_over(dispatcher: UseReducerDispatcher<AppState>, id: String) {
    yew::platform::spawn_local(async move {
        let (on_change, on_lost) = writer_callbacks(&dispatcher);
        tabs::take_over(&id, on_change, on_lost).await;
        // Start from the latest stored version.
        follow_other_tab(dispatcher, vec![id], Vec::new());
    });
}

/// Asks which documents another tab is editing, and tells the app.
fn refresh_writers(state: UseReducerDispatcher<AppState>) {
    yew::platform::spawn_local(async move {
        let elsewhere = tabs::held_elsewhere().await;
        state.dispatch(Msg::Writers { elsewhere });
    });
}

/// Holds the writer's lock of each document in `wanted`, and only those.
fn hold_writers(state: &UseReducerDispatcher<AppState>, wanted: &BTreeSet<String>) {
    let (on_change, on_lost) = writer_callbacks(state);
    tabs::hold_only(wanted, on_change, on_lost);
}

fn writer_callbacks(state: &UseReducerDispatcher<AppState>) -> (tabs::Callback, impl Fn(String) + Clone + 'static) {
    let changed = state.clone();
    let lost = state.clone();
    (tabs::Callback(Rc::new(move || refresh_writers(changed.clone()))), move |doc: String| {
        lost.dispatch(Msg::WriterMoved(doc))
    })
}

/// Another tab saved: read what it wrote and show it here.
fn follow_other_tab(state: UseReducerDispatcher<AppState>, docs: Vec<String>, removed: Vec<String>) {
    yew::platform::spawn_local(async move {
        let mut versions = match storage::read_documents(&docs).await {
            Ok(versions) => versions,
            Err(_) => return,
        };
        versions.extend(removed.into_iter().map(|id| (id, None)));
        state.dispatch(Msg::Outside(versions));
    });
}
