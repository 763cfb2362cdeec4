//! The confirmation before Reveal: what the students will see, and whether the class
//! comparison names them or numbers them (numbered unless the teacher chooses names).

use crate::hooks::modal::use_modal;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RevealDialogProps {
    /// How many students' work is in the comparison.
    pub students: usize,
    /// The key was revealed before: revealing again replaces what was published.
    pub again: bool,
    /// Reveal, anonymised (`true`) or named.
    pub on_reveal: Callback<bool>,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn RevealDialog(props: &RevealDialogProps) -> Html {
    let dialog = use_node_ref();
    let cancel = use_node_ref();
    use_modal(&dialog, &props.on_cancel);
    let anonymised = use_state(|| true);
    // Focus starts on "Not yet", the choice that changes nothing.
    {
        let cancel = cancel.clone();
        use_effect_with((), move |_| {
            if let Some(button) = cancel.cast::<HtmlElement>() {
                button.focus().ok();
            }
        });
    }
    let choose = |value: bool| {
        let anonymised = anonymised.clone();
        Callback::from(move |_: Event| anonymised.set(value))
    };
    let reveal = {
        let (on_reveal, anonymised) = (props.on_reveal.clone(), anonymised.clone());
        Callback::from(move |_: MouseEvent| on_reveal.emit(*anonymised))
    };
    html! {
        <dialog class="dialog reveal-dialog" ref={dialog} aria-labelledby="reveal-title" aria-describedby="reveal-what">
            <h2 id="reveal-title">{ if props.again { "Reveal again?" } else { "Reveal the answer key?" } }</h2>
            <div id="reveal-what">
                <p>{ "Every student of the class will see the answer key with its explanations, their own work checked against it, and the class picture: everyone's annotations compared." }</p>
                <p>{ format!("The class picture holds the work of {} as it is now. A reveal cannot be taken back; revealing again replaces the picture.", plural(props.students)) }</p>
            </div>
            <fieldset class="reveal-names">
                <legend>{ "In the class picture, students are" }</legend>
                <label>
                    <input type="radio" name="reveal-names" id="reveal-anonymised" checked={*anonymised} onchange={choose(true)} />
                    { " numbered (Student 1, Student 2, …), their notes left out" }
                </label>
                <label>
                    <input type="radio" name="reveal-names" id="reveal-named" checked={!*anonymised} onchange={choose(false)} />
                    { " named, with their notes" }
                </label>
            </fieldset>
            <div class="dialog-actions">
                <button type="button" id="reveal-cancel" ref={cancel} onclick={props.on_cancel.reform(|_| ())}>{ "Not yet" }</button>
                <button type="button" class="primary" id="reveal-confirm" onclick={reveal}>{ "Reveal to the class" }</button>
            </div>
        </dialog>
    }
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 student".to_owned()
    } else {
        format!("{n} students")
    }
}
