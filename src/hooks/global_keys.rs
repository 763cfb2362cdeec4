//! Page-wide keys: the tag keys while a selection waits, undo and redo, Escape and `?`.

use crate::browser;
use crate::components::selection_toolbar::Pending;
use crate::state::{AppState, Msg};
use gloo::events::{EventListener, EventListenerOptions};
use newsmark_core::{Action, Tag};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the page-wide key handler needs from the latest render.
struct KeyContext {
    state: UseReducerHandle<AppState>,
    show_keys: UseStateHandle<bool>,
    pending: UseStateHandle<Option<Pending>>,
    has_pending: bool,
    tag_pending: Callback<Tag>,
}

impl KeyContext {
    fn handle(&self, e: &KeyboardEvent) {
        let key = e.key();
        if let Some(dialog) = open_dialog_of(e) {
            // A dialog's keys are its own: Escape closes it and gives focus back
            // (`hooks::modal`), and nothing reaches the page behind it; only `?` hides
            // the shortcuts sheet again.
            if key == "?" && dialog.class_list().contains("shortcuts") {
                e.prevent_default();
                self.show_keys.set(false);
            }
            return;
        }
        if key == "Escape" {
            self.show_keys.set(false);
            self.pending.set(None);
            self.state.dispatch(Msg::CloseEditor);
            // Focus goes back to the text, never lost.
            if browser::typing_in_a_field() || self.state.focused.is_some() {
                browser::focus_soon(".article");
            }
            return;
        }
        if browser::typing_in_a_field() {
            return;
        }
        if e.ctrl_key() || e.meta_key() {
            let redo = (key.eq_ignore_ascii_case("z") && e.shift_key()) || key.eq_ignore_ascii_case("y");
            if redo || key.eq_ignore_ascii_case("z") {
                e.prevent_default();
                let action = if redo { Action::Redo } else { Action::Undo };
                self.state.dispatch(Msg::Edit(action, browser::now()));
                self.pending.set(None);
            }
            return;
        }
        if key == "?" {
            e.prevent_default();
            self.show_keys.set(!*self.show_keys);
            return;
        }
        if e.alt_key() || !self.has_pending {
            return;
        }
        if let Some(tag) = Tag::from_key(&key) {
            e.prevent_default();
            self.tag_pending.emit(tag);
        }
    }
}

/// The open dialog the key was pressed in, if any.
fn open_dialog_of(e: &KeyboardEvent) -> Option<web_sys::Element> {
    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    target.and_then(|t| t.closest("dialog[open]").ok().flatten())
}

/// Keyboard: tag keys while a selection waits (`tag_pending`), undo and redo, Escape,
/// and `?` for the shortcuts sheet (`show_keys`). The listener is registered once and
/// reads the latest render's values, so a key pressed the moment the toolbar appears is
/// never handled with stale state. A selection that goes away takes the toolbar with it.
#[hook]
pub fn use_global_keys(
    state: &UseReducerHandle<AppState>,
    show_keys: &UseStateHandle<bool>,
    pending: &UseStateHandle<Option<Pending>>,
    tag_pending: &Callback<Tag>,
) {
    let keys = use_mut_ref(|| None::<KeyContext>);
    *keys.borrow_mut() = Some(KeyContext {
        show_keys: show_keys.clone(),
        state: state.clone(),
        pending: pending.clone(),
        has_pending: pending.is_some(),
        tag_pending: tag_pending.clone(),
    });
    use_effect_with((), move |_| {
        let keys_for_selection = keys.clone();
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |event| {
            // While the whole app is being fetched the page takes no edits (full_app.rs).
            if crate::full_app::fetching() {
                return;
            }
            if let (Some(e), Some(ctx)) = (event.dyn_ref::<KeyboardEvent>(), keys.borrow().as_ref()) {
                ctx.handle(e);
            }
        });
        // A selection that goes away (a click elsewhere) takes the toolbar with it.
        let selection = EventListener::new(&gloo::utils::document(), "selectionchange", move |_| {
            let collapsed =
                web_sys::window().and_then(|w| w.get_selection().ok().flatten()).is_none_or(|s| s.is_collapsed());
            if collapsed {
                if let Some(ctx) = keys_for_selection.borrow().as_ref() {
                    if ctx.has_pending {
                        ctx.pending.set(None);
                    }
                }
            }
        });
        move || {
            drop(listener);
            drop(selection);
        }
    });
}
