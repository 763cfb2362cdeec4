//! Long lists drawn a part per task: the first part in the render that shows them, the
//! rest over the next tasks, so that no single task holds the page up for long; and what
//! can wait after an edit drawn a frame after the edit is painted.

use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// How many of `total` items to draw now: `first` in the first render for `key` (a new
/// key, such as another document, starts again), then `more` more after each later task,
/// until all `total`; never fewer than `at_least` (what must be drawn at once, such as
/// the item being edited).
#[hook]
pub fn use_in_parts<K>(key: &K, first: usize, more: usize, total: usize, at_least: usize) -> usize
where
    K: PartialEq + Clone + 'static,
{
    let parts = use_state(|| (key.clone(), first));
    let drawn = if parts.0 == *key { parts.1 } else { first }.max(at_least).min(total);
    use_effect_with((key.clone(), drawn, total), move |(key, drawn, total)| {
        let next = (drawn < total).then(|| {
            let next = (key.clone(), drawn + more);
            gloo::timers::callback::Timeout::new(0, move || parts.set(next))
        });
        move || drop(next)
    });
    drawn
}

/// Whether what can wait may be drawn: false in the first render for `key` (a new key,
/// such as another annotation opened, starts again), true from the frame after the one
/// that shows the first render. A key press then paints what it changed first (a new
/// highlight), and the rest (a long list of speakers to choose from, the entries around
/// it in the side list) follows a frame later, in a task of its own.
#[hook]
pub fn use_next_frame<K>(key: &K) -> bool
where
    K: PartialEq + Clone + 'static,
{
    let shown = use_state(|| None::<K>);
    let ready = shown.as_ref() == Some(key);
    // The two frames' requests, kept so that a component gone (or a key changed) cancels them.
    let frames = use_mut_ref(|| (None::<AnimationFrame>, Rc::new(RefCell::new(None::<AnimationFrame>))));
    use_effect_with((key.clone(), ready), move |(key, ready)| {
        if !*ready {
            // The first frame paints the first render; the second draws the rest.
            let (key, second) = (key.clone(), frames.borrow().1.clone());
            frames.borrow_mut().0 = Some(request_animation_frame(move |_| {
                *second.borrow_mut() = Some(request_animation_frame(move |_| shown.set(Some(key))));
            }));
        }
        move || {
            let mut frames = frames.borrow_mut();
            frames.0.take();
            frames.1.borrow_mut().take();
        }
    });
    ready
}
