//! Whether the window is as narrow as a phone's, followed as the window is resized.

use gloo::events::EventListener;
use yew::prelude::*;

/// Whether the window is at most [`crate::browser::NARROW_WIDTH`] wide, the width at
/// which the stylesheet lays the page out for a phone; the component re-renders when a
/// resize (or turning the phone) crosses it.
#[hook]
pub fn use_narrow_window() -> bool {
    let narrow = use_state_eq(crate::browser::narrow_window);
    {
        let narrow = narrow.clone();
        use_effect_with((), move |_| {
            let resize = EventListener::new(&gloo::utils::window(), "resize", move |_| {
                narrow.set(crate::browser::narrow_window())
            });
            move || drop(resize)
        });
    }
    *narrow
}
