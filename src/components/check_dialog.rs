//! The confirmation before a student's first check: what checking shows, and that its
//! scores are recorded for good.

use crate::hooks::modal::use_modal;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CheckDialogProps {
    /// How many annotations the student has made.
    pub annotations: usize,
    pub on_check: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn CheckDialog(props: &CheckDialogProps) -> Html {
    let dialog = use_node_ref();
    let cancel = use_node_ref();
    // Tab stays inside, Escape is "Not yet", and focus goes back to "Check my work" after.
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
        <dialog class="dialog check-dialog" ref={dialog} aria-labelledby="check-dialog-title" aria-describedby="check-dialog-what">
            <h2 id="check-dialog-title">{ "Check your work now?" }</h2>
            <div id="check-dialog-what">
                if props.annotations == 0 {
                    <p class="warning"><strong>{ "You have not tagged anything yet." }</strong>{ " Checking now records a score of nothing found." }</p>
                }
                <p>{ "Checking shows the answer key and the teacher's explanation of every span." }</p>
                <p>{ "The scores of this first check are recorded in your work for good: your teacher sees them, and nothing you do afterwards changes them." }</p>
                <p>{ "You can still change your annotations afterwards. Changes are marked as made after checking and scored separately." }</p>
            </div>
            <div class="dialog-actions">
                <button type="button" id="check-cancel" ref={cancel} onclick={props.on_cancel.reform(|_| ())}>{ "Not yet" }</button>
                <button type="button" class="primary" id="check-confirm" onclick={props.on_check.reform(|_| ())}>{ "Check my work" }</button>
            </div>
        </dialog>
    }
}
