//! Turning an annotated article into an exercise: instructions, the codebook, the
//! teacher's annotations (with their notes as explanations) as the answer key, and how
//! the key travels: for practice, sealed with a passphrase, or not at all.

use crate::browser;
use crate::hooks::modal::use_modal;
use newsmark_core::exercise::{default_codebook, CodebookEntry, Exercise, KeyDelivery};
use newsmark_core::{schema, seal, Document};
use std::sync::Arc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The teacher's choice of how the key travels, before a passphrase is typed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Delivery {
    Practice,
    Sealed,
    Withheld,
}

#[derive(Properties, PartialEq)]
pub struct MakeExerciseProps {
    pub doc: Arc<Document>,
    pub on_close: Callback<()>,
    /// Tell the person what happened.
    pub on_done: Callback<String>,
}

/// The instructions a teacher starts from, which say what the student does at the end: a
/// student of a graded exercise has no Check my work to choose until the key is unlocked,
/// or at all.
fn default_instructions(delivery: Delivery) -> &'static str {
    match delivery {
        Delivery::Practice => "Read the article. Tag every claim, quote and actor, and link each quote to the actor who said it. When you are done, choose Check my work to compare your reading with the answer key.",
        Delivery::Sealed => "Read the article. Tag every claim, quote and actor, and link each quote to the actor who said it. Download your work and hand it in by the deadline. After it, your teacher gives you a passphrase: choose Unlock the key, then Check my work to compare your reading with the answer key.",
        Delivery::Withheld => "Read the article. Tag every claim, quote and actor, and link each quote to the actor who said it. When you are done, download your work and hand it in: your teacher checks it against the answer key.",
    }
}

#[function_component]
pub fn MakeExercise(props: &MakeExerciseProps) -> Html {
    let dialog_ref = use_node_ref();
    use_modal(&dialog_ref, &props.on_close);
    let delivery = use_state(|| Delivery::Practice);
    // `None` until the teacher edits them: until then they follow the choice of delivery.
    let edited = use_state(|| None::<String>);
    let instructions = (*edited).clone().unwrap_or_else(|| default_instructions(*delivery).to_owned());
    let codebook = use_state(default_codebook);
    let passphrase = use_state(String::new);
    let refused = use_state(|| None::<String>);
    let sealing = use_state(|| false);
    let allow_suggestions = use_state(|| false);
    let on_instructions = {
        let edited = edited.clone();
        Callback::from(move |e: InputEvent| edited.set(Some(e.target_unchecked_into::<HtmlTextAreaElement>().value())))
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
        let (delivery, passphrase, refused, sealing) =
            (delivery.clone(), passphrase.clone(), refused.clone(), sealing.clone());
        let allow_suggestions = allow_suggestions.clone();
        Callback::from(move |_: MouseEvent| {
            let mut exercise = Exercise::from_document(&doc, instructions.clone(), (*codebook).clone());
            exercise.allow_suggestions = *allow_suggestions;
            if let (Delivery::Sealed, Err(why)) = (*delivery, seal::check_passphrase(&passphrase)) {
                refused.set(Some(why));
                return;
            }
            let chosen = match *delivery {
                Delivery::Practice => KeyDelivery::Practice,
                Delivery::Sealed => KeyDelivery::Sealed {
                    passphrase: (*passphrase).clone(),
                    salt: browser::random_bytes(),
                    nonce: browser::random_bytes(),
                },
                Delivery::Withheld => KeyDelivery::Withheld,
            };
            refused.set(None);
            let (title, on_done, how, sealing) = (doc.title.clone(), on_done.clone(), *delivery, sealing.clone());
            sealing.set(true);
            // Sealing takes a moment (the passphrase goes through PBKDF2): "Sealing…" is
            // painted first.
            yew::platform::spawn_local(async move {
                gloo::timers::future::TimeoutFuture::new(30).await;
                let handed_out = exercise.handed_out(chosen).expect("the passphrase was checked above");
                let graded = if how == Delivery::Practice { "" } else { "-graded" };
                let name = format!("{}{graded}.newsmark-exercise.json", browser::file_stem(&title));
                browser::download(&name, "application/json", &schema::exercise_to_json(&handed_out));
                sealing.set(false);
                on_done.emit(match how {
                    Delivery::Practice => format!("Saved the exercise as {name}. Hand this file to your students: they open it with Import."),
                    Delivery::Sealed => format!("Saved the graded exercise as {name}, with the answer key sealed. Hand this file to your students, and give them the passphrase after the deadline: Newsmark does not keep it."),
                    Delivery::Withheld => format!("Saved the graded exercise as {name}, without the answer key. Hand this file to your students; they hand in their work, and you check it against your annotations."),
                });
            });
        })
    };
    let choose = |d: Delivery| {
        let delivery = delivery.clone();
        Callback::from(move |_: Event| delivery.set(d))
    };
    let on_passphrase = {
        let passphrase = passphrase.clone();
        Callback::from(move |e: InputEvent| passphrase.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let option = |d: Delivery, id: &'static str, label: &'static str, hint: &'static str| {
        html! {
            <label class="delivery-option" for={id}>
                <input type="radio" name="key-delivery" id={id} checked={*delivery == d} onchange={choose(d)} />
                <span><strong>{ label }</strong><br /><span class="hint">{ hint }</span></span>
            </label>
        }
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
                    <textarea id="exercise-instructions" rows="4" value={instructions.clone()} oninput={on_instructions} />
                    { for codebook.iter().enumerate().map(|(i, e)| html! {
                        <fieldset class="codebook-entry">
                            <legend>{ format!("Codebook: {}", e.tag.label()) }</legend>
                            <textarea aria-label={format!("Definition of {}", e.tag.as_str())} rows="2" value={e.definition.clone()} oninput={edit_entry(i, false)} />
                            <textarea aria-label={format!("Example of {}", e.tag.as_str())} rows="1" value={e.example.clone()} oninput={edit_entry(i, true)} />
                        </fieldset>
                    }) }
                    <fieldset class="key-delivery">
                        <legend>{ "The answer key" }</legend>
                        { option(Delivery::Practice, "delivery-practice", "Practice: the key is in the file",
                            "Students check their own work whenever they like. A determined student can read the key in the file.") }
                        { option(Delivery::Sealed, "delivery-sealed", "Graded, key sealed with a passphrase",
                            "The key is encrypted. Give students the passphrase after the deadline; they unlock it to check their work.") }
                        { option(Delivery::Withheld, "delivery-withheld", "Graded, no key",
                            "Students' files carry no key. They hand in their work, and you check it against your annotations.") }
                        if *delivery == Delivery::Sealed {
                            <label for="exercise-passphrase">{ "Passphrase" }</label>
                            <input type="text" id="exercise-passphrase" autocomplete="off" spellcheck="false" value={(*passphrase).clone()}
                                oninput={on_passphrase} aria-describedby="passphrase-hint" aria-invalid={refused.is_some().then_some("true")} />
                            <p class="hint" id="passphrase-hint">{ format!("At least {} characters; a few unrelated words are easy to say and hard to guess. Newsmark does not keep it: write it down.", seal::MIN_PASSPHRASE) }</p>
                            if let Some(why) = &*refused {
                                <p class="error-text" role="alert">{ why }{ "." }</p>
                            }
                        }
                    </fieldset>
                    <label class="delivery-option" for="exercise-suggestions">
                        <input type="checkbox" id="exercise-suggestions" checked={*allow_suggestions}
                            onchange={{ let a = allow_suggestions.clone(); Callback::from(move |_: Event| a.set(!*a)) }} />
                        <span><strong>{ "Let students ask for suggestions" }</strong><br />
                            <span class="hint">{ "Suggest shows quotes, speakers and claim cues found by rules, for students to accept or reject. Leave it off when the exercise is to find them unaided." }</span></span>
                    </label>
                    <button type="button" class="primary" id="download-exercise" onclick={download} disabled={*sealing}>
                        { if *sealing { "Sealing the key…" } else { "Download the exercise file" } }
                    </button>
                </div>
        </dialog>
    }
}
