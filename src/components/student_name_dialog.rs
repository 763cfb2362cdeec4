//! Asks a student opening an exercise for their name, which goes into their work, its
//! file name and its title in the library.

use crate::hooks::modal::use_modal;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StudentNameDialogProps {
    /// The exercise's title.
    pub title: AttrValue,
    /// The name last used in this browser.
    pub suggested: AttrValue,
    pub on_name: Callback<String>,
    /// Not now: the work stays without a name.
    pub on_skip: Callback<()>,
}

#[function_component]
pub fn StudentNameDialog(props: &StudentNameDialogProps) -> Html {
    let dialog = use_node_ref();
    let input = use_node_ref();
    let name = use_state(|| props.suggested.to_string());
    // Tab stays inside, Escape is "Not now", and focus goes back where it was after.
    use_modal(&dialog, &props.on_skip);
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            if let Some(field) = input.cast::<HtmlInputElement>() {
                field.focus().ok();
                field.select();
            }
        });
    }
    let oninput = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (name, on_name) = (name.clone(), props.on_name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !name.trim().is_empty() {
                on_name.emit(name.trim().to_owned());
            }
        })
    };
    html! {
        <dialog class="dialog" ref={dialog} aria-labelledby="student-name-title">
                <h2 id="student-name-title">{ "Your name" }</h2>
                <p>{ format!("You are opening the exercise “{}”. Your name goes into your work and its file name, so that your teacher knows whose it is.", props.title) }</p>
                <form class="paste-form" {onsubmit}>
                    <label for="student-name">{ "Name" }</label>
                    <input type="text" id="student-name" autocomplete="name" value={(*name).clone()} {oninput} ref={input} />
                    <div class="dialog-actions">
                        <button type="button" onclick={props.on_skip.reform(|_| ())}>{ "Not now" }</button>
                        <button type="submit" class="primary" id="student-name-save" disabled={name.trim().is_empty()}>{ "Start the exercise" }</button>
                    </div>
                </form>
        </dialog>
    }
}
