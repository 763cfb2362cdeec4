//! The confirmation before class work is handed in: the teacher sees it as handed in, and
//! the work can still change.

use crate::hooks::modal::use_modal;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HandInDialogProps {
    /// How many annotations the student has made.
    pub annotations: usize,
    pub on_hand_in: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn HandInDialog(props: &HandInDialogProps) -> Html {
    let dialog = use_node_ref();
    let cancel = use_node_ref();
    // Tab stays inside, Escape is "Not yet", and focus goes back to "Hand in" after.
    use_modal(&dialog, &props.on_cancel);
    // Focus starts on "Not yet", the choice that changes nothing.
    {
        let cancel = cancel.clone();
        use_effect_with((), move |_| {
            if let Some(button) = cancel.cast::<HtmlElement>() {
                button.focus().ok();
            }
        });
    }
    html! {
        <dialog class="dialog hand-in-dialog" ref={dialog} aria-labelledby="hand-in-title" aria-describedby="hand-in-what">
            <h2 id="hand-in-title">{ "Hand in your work now?" }</h2>
            <div id="hand-in-what">
                if props.annotations == 0 {
                    <p class="warning"><strong>{ "You have not tagged anything yet." }</strong></p>
                }
                <p>{ "Your teacher will see your work as handed in, with the time you hand it in." }</p>
                <p>{ "You can still change your work afterwards; your teacher sees the changes too, and the hand-in time stays recorded." }</p>
            </div>
            <div class="dialog-actions">
                <button type="button" id="hand-in-cancel" ref={cancel} onclick={props.on_cancel.reform(|_| ())}>{ "Not yet" }</button>
                <button type="button" class="primary" id="hand-in-confirm" onclick={props.on_hand_in.reform(|_| ())}>{ "Hand in" }</button>
            </div>
        </dialog>
    }
}
