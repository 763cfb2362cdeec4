//! Whether the window is as small as a phone's, upright or on its side, followed as the
//! window is resized or the phone turned.

use gloo::events::EventListener;
use yew::prelude::*;

/// Whether the window is as small as a phone's ([`crate::browser::small_window`], the
/// sizes at which the stylesheet lays the page out for a phone); the component
/// re-renders when a resize (or turning the phone) crosses them.
#[hook]
pub fn use_small_window() -> bool {
    let small = use_state_eq(crate::browser::small_window);
    {
        let small = small.clone();
        use_effect_with((), move |_| {
            let resize = EventListener::new(&gloo::utils::window(), "resize", move |_| {
                small.set(crate::browser::small_window())
            });
            move || drop(resize)
        });
    }
    *small
}
