//! Turning an annotated article into an exercise: instructions, the codebook, and the
//! teacher's annotations (with their notes as explanations) as the answer key.

use crate::browser;
use crate::hooks::modal::use_modal;
use newsmark_core::exercise::{default_codebook, CodebookEntry, Exercise};
use newsmark_core::{schema, Document};
use std::sync::Arc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MakeExerciseProps {
    pub doc: Arc<Document>,
    pub on_close: Callback<()>,
    /// Tell the person what happened.
    pub on_done: Callback<String>,
}

const DEFAULT_INSTRUCTIONS: &str = "Read the article. Tag every claim, quote and actor, and link each quote to the actor who said it. When you are done, choose Check my work to compare your reading with the answer key.";

#[function_component]
pub fn MakeExercise(props: &MakeExerciseProps) -> Html {
    let dialog_ref = use_node_ref();
    use_modal(&dialog_ref, &props.on_close);
    let instructions = use_state(|| DEFAULT_INSTRUCTIONS.to_owned());
    let codebook = use_state(default_codebook);
    let on_instructions = {
        let instructions = instructions.clone();
        Callback::from(move |e: InputEvent| instructions.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let edit_entry = |i: usize, example: bool| {
        let codebook = codebook.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let mut next: Vec<CodebookEntry> = (*codebook).clone();
            if example {
                next[i].example = value;
            } else {
                next[i].definition = value;
            }
            codebook.set(next);
        })
    };
    let without_notes = props.doc.annotations.iter().filter(|a| a.note.is_none()).count();
    let download = {
        let (doc, instructions, codebook, on_done) =
            (props.doc.clone(), instructions.clone(), codebook.clone(), props.on_done.clone());
        Callback::from(move |_: MouseEvent| {
            let exercise = Exercise::from_document(&doc, (*instructions).clone(), (*codebook).clone());
            let name = format!("{}.newsmark-exercise.json", browser::file_stem(&doc.title));
            browser::download(&name, "application/json", &schema::exercise_to_json(&exercise));
            on_done.emit(format!(
                "Saved the exercise as {name}. Hand this file to your students: they open it with Import."
            ));
        })
    };
    html! {
        <dialog class="dialog" ref={dialog_ref} aria-labelledby="make-exercise-title">
                <div class="dialog-head">
                    <h2 id="make-exercise-title">{ "Make an exercise" }</h2>
                    <button type="button" class="ghost" aria-label="Close" onclick={props.on_close.reform(|_| ())}>{ "×" }</button>
                </div>
                <p>{ format!("The answer key is your {} annotations of “{}”. Your notes become the explanations students see after checking.", props.doc.annotations.len(), props.doc.title) }</p>
                if without_notes > 0 {
                    <p class="hint">{ format!("{without_notes} of your annotations have no note yet; students will see no explanation for them.") }</p>
                }
                <div class="paste-form">
                    <label for="exercise-instructions">{ "Instructions for students" }</label>
                    <textarea id="exercise-instructions" rows="4" value={(*instructions).clone()} oninput={on_instructions} />
                    { for codebook.iter().enumerate().map(|(i, e)| html! {
                        <fieldset class="codebook-entry">
                            <legend>{ format!("Codebook: {}", e.tag.label()) }</legend>
                            <textarea aria-label={format!("Definition of {}", e.tag.as_str())} rows="2" value={e.definition.clone()} oninput={edit_entry(i, false)} />
                            <textarea aria-label={format!("Example of {}", e.tag.as_str())} rows="1" value={e.example.clone()} oninput={edit_entry(i, true)} />
                        </fieldset>
                    }) }
                    <button type="button" class="primary" id="download-exercise" onclick={download}>{ "Download the exercise file" }</button>
                </div>
        </dialog>
    }
}
