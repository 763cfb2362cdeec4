//! Information notices go away by themselves after a while; errors stay until dismissed.

use crate::state::{AppState, Msg, NoticeKind};
use yew::prelude::*;

/// Dismisses an information notice eight seconds after it appears.
#[hook]
pub fn use_notice_timeout(state: &UseReducerHandle<AppState>) {
    let state = state.clone();
    use_effect_with(state.notice.clone(), move |notice| {
        let timeout = notice
            .as_ref()
            .filter(|n| n.kind == NoticeKind::Info)
            .map(|_| gloo::timers::callback::Timeout::new(8_000, move || state.dispatch(Msg::Notify(None))));
        move || drop(timeout)
    });
}
