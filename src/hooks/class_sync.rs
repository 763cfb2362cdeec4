//! Class work synced with its class server: resumed once the library is read, and each
//! saved change written to the class's local database (see `class_sync`).

use crate::class_sync::{self, Board};
use crate::state::AppState;
use yew::prelude::*;

#[cfg(feature = "full")]
#[hook]
pub fn use_class_sync(state: &UseReducerHandle<AppState>, board: &UseReducerHandle<Board>) {
    // Once the library is read, every class joined on this device syncs again.
    let started = use_mut_ref(|| false);
    {
        let (app, board) = (state.dispatcher(), board.dispatcher());
        use_effect_with(state.loading, move |loading| {
            if !*loading && !started.replace(true) {
                class_sync::resume(app, board);
            }
        });
    }
    // After each change: class documents that are saved go to their local databases.
    let state = state.clone();
    use_effect_with(state.revision, move |_| class_sync::after_save(&state));
}

/// The first load has no class work (it hands the page to the whole app for it).
#[cfg(not(feature = "full"))]
#[hook]
pub fn use_class_sync(_state: &UseReducerHandle<AppState>, _board: &UseReducerHandle<Board>) {}
