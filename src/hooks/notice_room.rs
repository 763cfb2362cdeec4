//! Room for notices: the page keeps the notices' height free, so a notice never covers content.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Notices sit in the page's flow under the top bar and stay in view below it as the page
/// scrolls (`styles/app.css`). This keeps two CSS properties on the page up to date, which
/// the sticky side panels and scrolling to a passage (`scroll-padding-top`) leave free:
/// `--topbar-height` and `--notices-height`, each zero when it scrolls away with the page
/// (as notices do on a small screen, where they would take too much of it). A
/// `ResizeObserver` measures them whenever either changes size: a notice comes or goes,
/// the window is resized, the top bar wraps.
#[hook]
pub fn use_notice_room() {
    use_effect_with((), |_| {
        let measure = Closure::<dyn FnMut()>::new(measure);
        let observer = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()).ok();
        let document = gloo::utils::document();
        if let Some(observer) = &observer {
            for selector in [".topbar", ".notices"] {
                if let Some(element) = document.query_selector(selector).ok().flatten() {
                    observer.observe(&element);
                }
            }
        }
        move || {
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop(measure);
        }
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
    style.set_property("--notices-height", &format!("{}px", height(".notices", true))).ok();
}
