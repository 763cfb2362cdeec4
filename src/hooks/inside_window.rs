//! Keeping a menu or popover inside the window: after each render it is moved just far
//! enough to be seen whole, whatever the window's width and wherever it was anchored.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The space kept between a popover and the window's edges, in CSS pixels.
const MARGIN: f64 = 8.0;

/// Keeps the element behind `node` inside the window: after every render (and when the
/// window is resized) it is shifted, with the CSS `translate` property, by as little as
/// brings it inside the window's edges. Its own placement (`left`, `top`, `transform`)
/// is left to the component and its stylesheet; this only corrects what would fall off
/// the screen. An element wider or taller than the window keeps its left or top edge in
/// view, which is where reading starts.
#[hook]
pub fn use_inside_window(node: &NodeRef) {
    {
        let node = node.clone();
        use_effect(move || {
            fit(&node);
        });
    }
    let node = node.clone();
    use_effect_with((), move |_| {
        let resize = EventListener::new(&gloo::utils::window(), "resize", move |_| fit(&node));
        move || drop(resize)
    });
}

/// Moves the element behind `node`, if it is rendered, inside the window.
fn fit(node: &NodeRef) {
    let Some(element) = node.cast::<web_sys::HtmlElement>() else { return };
    let style = element.style();
    // Measure where the component and its stylesheet put it, without an earlier correction.
    style.remove_property("translate").ok();
    let rect = element.get_bounding_client_rect();
    let (width, height) = window_size();
    let dx = shift(rect.left(), rect.right(), width);
    let dy = shift(rect.top(), rect.bottom(), height);
    if dx != 0.0 || dy != 0.0 {
        style.set_property("translate", &format!("{dx:.1}px {dy:.1}px")).ok();
    }
}

/// The visible width and height of the window, without its scroll bars.
fn window_size() -> (f64, f64) {
    let root = gloo::utils::document().document_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => (f64::from(root.client_width()), f64::from(root.client_height())),
        None => (0.0, 0.0),
    }
}

/// How far to move a span `from..to` along one axis so that it lies inside `0..size`
/// with the margin on both sides: left alone if it fits, never moved past the start.
fn shift(from: f64, to: f64, size: f64) -> f64 {
    if size <= 0.0 {
        return 0.0;
    }
    let past_end = to - (size - MARGIN);
    let mut dx = if past_end > 0.0 { -past_end } else { 0.0 };
    if from + dx < MARGIN {
        dx = MARGIN - from;
    }
    dx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_menu_that_fits_stays_where_it_was_put() {
        assert_eq!(shift(200.0, 552.0, 1280.0), 0.0);
    }

    #[test]
    fn a_menu_anchored_past_the_left_edge_moves_right_to_the_margin() {
        // The Export menu as it was: anchored to its right edge under a button near the left.
        assert_eq!(shift(-32.0, 320.0, 1280.0), MARGIN + 32.0);
    }

    #[test]
    fn a_menu_running_off_a_phone_screen_moves_left_just_enough() {
        assert_eq!(shift(227.0, 579.0, 390.0), 390.0 - MARGIN - 579.0);
    }

    #[test]
    fn a_popover_wider_than_the_window_keeps_its_start_in_view() {
        assert_eq!(shift(-146.0, 247.0 + 400.0, 390.0), MARGIN + 146.0);
    }
}
