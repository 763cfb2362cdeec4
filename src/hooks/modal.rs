//! A dialog that holds the keyboard: a native `<dialog>` shown modal, Tab and Shift+Tab
//! going round inside it, Escape closing it, and focus given back to what opened it.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDialogElement, HtmlElement};
use yew::prelude::*;

/// What can take the keyboard inside a dialog, before the checks for disabled and hidden.
const TABBABLE: &str = "a[href], button, input, select, textarea, summary, [tabindex]";

/// Shows the `<dialog>` behind `dialog` as a modal dialog while the component is mounted.
///
/// The browser makes the page behind it inert and draws it on top with its backdrop.
/// Tab from the last control goes to the first and Shift+Tab from the first to the last,
/// so the keyboard never leaves for the page or the browser's own controls. Escape (the
/// browser's `cancel`), or anything else that closes the dialog, calls `on_close`: the
/// page decides what closing means and unmounts the component. When it is unmounted,
/// focus goes back to the element that had it when the dialog opened (the button that
/// opened it, or the text), or to the text if that has left the page.
///
/// Call it before any effect of the component that moves focus into the dialog, so that
/// the element to return to is read first.
#[hook]
pub fn use_modal(dialog: &NodeRef, on_close: &Callback<()>) {
    let dialog = dialog.clone();
    let on_close = on_close.clone();
    use_effect_with((), move |_| {
        let document = gloo::utils::document();
        // A dialog the whole app opens as it takes the page over returns to what opened it
        // in the first load (found when the dialog closes: the page may still be drawing it).
        let handed = crate::full_app::handed_focus();
        let opener = document
            .active_element()
            .filter(|e| handed.is_none() && Some(e) != document.body().map(Element::from).as_ref())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        let mut listeners = Vec::new();
        let shown = dialog.cast::<HtmlDialogElement>();
        if let Some(element) = shown.clone() {
            if !element.open() {
                element.show_modal().ok();
            }
            let options = EventListenerOptions::enable_prevent_default();
            let on_cancel = on_close.clone();
            listeners.push(EventListener::new_with_options(&element, "cancel", options, move |e| {
                // The page closes it, by unmounting the component.
                e.prevent_default();
                on_cancel.emit(());
            }));
            listeners.push(EventListener::new(&element, "close", move |_| on_close.emit(())));
            let inside: Element = element.clone().into();
            listeners.push(EventListener::new_with_options(&element, "keydown", options, move |e| {
                if let Some(e) = e.dyn_ref::<KeyboardEvent>() {
                    keep_tab_inside(&inside, e);
                }
            }));
        }
        move || {
            drop(listeners);
            // The page behind is inert until the dialog is closed, so close it first.
            if let Some(element) = shown.filter(|d| d.open()) {
                element.close();
            }
            let handed = handed.and_then(|id| gloo::utils::document().get_element_by_id(&id)?.dyn_into().ok());
            if let Some(opener) = opener.filter(|o| o.is_connected()).or(handed) {
                opener.focus().ok();
            } else {
                // What opened it has gone (a notice that closed): the text, rather than nowhere.
                crate::browser::focus_text(None);
            }
        }
    });
}

/// Turns Tab on the dialog's last control (Shift+Tab on its first) round to the other end.
fn keep_tab_inside(dialog: &Element, e: &KeyboardEvent) {
    if e.key() != "Tab" || e.ctrl_key() || e.alt_key() || e.meta_key() {
        return;
    }
    let controls = tabbable(dialog);
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        e.prevent_default();
        return;
    };
    let active = gloo::utils::document().active_element();
    let at = |control: &HtmlElement| active.as_ref().is_some_and(|a| same_stop(a, control));
    let outside = active.as_ref().is_none_or(|a| !dialog.contains(Some(a)) || a == dialog);
    let to = if e.shift_key() && (at(first) || outside) {
        last
    } else if !e.shift_key() && (at(last) || outside) {
        first
    } else {
        return;
    };
    e.prevent_default();
    to.focus().ok();
}

/// Whether `a` and `b` are one Tab stop: the same element, or radio buttons of one group.
fn same_stop(a: &Element, b: &HtmlElement) -> bool {
    if a == b.unchecked_ref::<Element>() {
        return true;
    }
    let radio =
        |e: &Element| e.tag_name().eq_ignore_ascii_case("input") && e.get_attribute("type").as_deref() == Some("radio");
    radio(a) && radio(b) && a.get_attribute("name").is_some() && a.get_attribute("name") == b.get_attribute("name")
}

/// The controls inside `dialog` that Tab stops at, in document order.
fn tabbable(dialog: &Element) -> Vec<HtmlElement> {
    let Ok(found) = dialog.query_selector_all(TABBABLE) else { return Vec::new() };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<HtmlElement>().ok())
        .filter(|e| {
            let disabled = e.has_attribute("disabled");
            let skipped = e.get_attribute("tabindex").is_some_and(|t| t.trim().starts_with('-'));
            let hidden = e.get_client_rects().length() == 0;
            !disabled && !skipped && !hidden
        })
        .collect()
}
