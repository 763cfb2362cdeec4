//! Where class work stands: the header's sync state ("Synced 10:42", "Offline: 3 changes
//! waiting", "Not synced: …", with "Sign in again" when the session ended), and the bar
//! over class work naming the class, with "Hand in" and when it was handed in.

use crate::class_sync::{clock, ClassStatus, SyncState};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SyncStatusProps {
    pub status: ClassStatus,
    /// The session ended: ask for the password again.
    pub on_sign_in: Callback<()>,
}

#[function_component]
pub fn SyncStatus(props: &SyncStatusProps) -> Html {
    let state = &props.status.state;
    let kind = match state {
        SyncState::Synced(_) => "synced",
        SyncState::Offline { .. } => "offline",
        SyncState::Failed(_) | SyncState::SignedOut => "failed",
        SyncState::Starting | SyncState::Syncing => "syncing",
    };
    html! {
        <span class="sync-area">
            <span id="sync-state" class={classes!("sync-state", kind)} role="status"
                title={format!("Class work of “{}”, synced with {}", props.status.class.name, props.status.class.server)}>
                { state.label(clock) }
            </span>
            if *state == SyncState::SignedOut {
                <button type="button" class="small" id="sign-in-again" onclick={props.on_sign_in.reform(|_| ())}>{ "Sign in again" }</button>
            }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct ClassWorkBarProps {
    pub status: ClassStatus,
    pub on_hand_in: Callback<()>,
}

/// The bar over class work: which class, whose work, and handing it in.
#[function_component]
pub fn ClassWorkBar(props: &ClassWorkBarProps) -> Html {
    let class = &props.status.class;
    html! {
        <div class="class-work-bar" id="class-work-bar">
            <p>
                <strong>{ "Class work" }</strong>{ format!(" for “{}”, signed in as {}.", class.name, class.user) }
                { " " }
                <span id="handed-in">
                    { match props.status.handed_in {
                        Some(at) => format!("Handed in {}.", clock(at)),
                        None => "Not handed in yet.".to_owned(),
                    } }
                </span>
            </p>
            <button type="button" id="hand-in" onclick={props.on_hand_in.reform(|_| ())}>
                { if props.status.handed_in.is_some() { "Hand in again" } else { "Hand in" } }
            </button>
        </div>
    }
}
