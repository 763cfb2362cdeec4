//! Long lists drawn a part per task: the first part in the render that shows them, the
//! rest over the next tasks, so that no single task holds the page up for long.

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
