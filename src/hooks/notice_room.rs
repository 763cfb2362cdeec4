//! Room for notices: the page keeps the notices' height free, so a notice never covers content.

use crate::state::AppState;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Notices sit in the page's flow under the top bar and stay in view below it as the page
/// scrolls (`styles/app.css`). This keeps two CSS properties on the page up to date, which
/// the sticky side panels and scrolling to a passage (`scroll-padding-top`) leave free:
/// `--topbar-height` (zero when the top bar scrolls away with the page, as it may on a small
/// screen) and `--notices-height`. They are measured when the notices change and when the
/// window is resized.
#[hook]
pub fn use_notice_room(state: &UseReducerHandle<AppState>) {
    let shown = (state.notice.clone(), state.save_error.clone(), state.damaged.len());
    use_effect_with(shown, |_| measure());
    use_effect_with((), |_| {
        let listener = EventListener::new(&gloo::utils::window(), "resize", |_| measure());
        move || drop(listener)
    });
}

fn measure() {
    let document = gloo::utils::document();
    let Some(root) = document.document_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };
    let height = |selector: &str, only_if_sticky: bool| -> f64 {
        let Some(element) = document.query_selector(selector).ok().flatten() else { return 0.0 };
        if only_if_sticky {
            let position = gloo::utils::window()
                .get_computed_style(&element)
                .ok()
                .flatten()
                .and_then(|style| style.get_property_value("position").ok());
            if !matches!(position.as_deref(), Some("sticky" | "fixed")) {
                return 0.0;
            }
        }
        element.get_bounding_client_rect().height()
    };
    let style = root.style();
    style.set_property("--topbar-height", &format!("{}px", height(".topbar", true))).ok();
    style.set_property("--notices-height", &format!("{}px", height(".notices", false))).ok();
}
