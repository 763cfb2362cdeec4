//! The sheet of keyboard shortcuts, opened with `?` or the Keys button.

use crate::hooks::modal::use_modal;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShortcutsProps {
    pub on_close: Callback<()>,
}

/// The keyboard shortcuts, opened with `?`.
#[function_component]
pub fn ShortcutsSheet(props: &ShortcutsProps) -> Html {
    let dialog_ref = use_node_ref();
    use_modal(&dialog_ref, &props.on_close);
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(button) = close_ref.cast::<web_sys::HtmlElement>() {
                button.focus().ok();
            }
        });
    }
    let rows = [
        ("Tab to the article", "Put the keyboard caret in the text"),
        ("← →", "Move by character"),
        ("Ctrl + ← →", "Move by word"),
        ("↑ ↓", "Move by sentence"),
        ("Home / End", "Start or end of the paragraph"),
        ("Shift + any move", "Select text"),
        ("C  Q  A  (or 1 2 3)", "Tag the selection as claim, quote or actor"),
        ("]  [", "Next or previous annotation"),
        ("Enter", "Edit the annotation at the caret (then Tab to its fields, such as who said it)"),
        ("Esc", "Close the editor or toolbar and go back to the text"),
        ("Ctrl + Z,  Ctrl + Shift + Z", "Undo, redo"),
        ("?", "Show or hide this sheet"),
    ];
    html! {
        <dialog class="dialog shortcuts" ref={dialog_ref} aria-labelledby="shortcuts-title">
                <div class="dialog-head">
                    <h2 id="shortcuts-title">{ "Keyboard shortcuts" }</h2>
                    <button type="button" class="ghost" aria-label="Close" ref={close_ref} onclick={props.on_close.reform(|_| ())}>{ "×" }</button>
                </div>
                <table>
                    <tbody>
                        { for rows.iter().map(|(keys, what)| html! { <tr><th scope="row"><kbd>{ *keys }</kbd></th><td>{ *what }</td></tr> }) }
                    </tbody>
                </table>
        </dialog>
    }
}
