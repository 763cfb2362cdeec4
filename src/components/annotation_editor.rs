//! Editing one annotation: its tag, its note, or deleting it. Where several annotations
//! cover the clicked point, all are offered as tabs.

use newsmark_core::{Annotation, Document, Tag};
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnnotationEditorProps {
    pub doc: Rc<Document>,
    pub candidates: Vec<String>,
    pub focused: String,
    pub on_focus: Callback<String>,
    pub on_retag: Callback<(String, Tag)>,
    pub on_note: Callback<(String, String)>,
    pub on_delete: Callback<String>,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn AnnotationEditor(props: &AnnotationEditorProps) -> Html {
    let Some(annotation) = props.doc.annotation(&props.focused).cloned() else {
        return html! {};
    };
    let draft = use_state(|| annotation.note.clone().unwrap_or_default());
    // When another annotation is focused, or the note changes by undo, show its note.
    {
        let draft = draft.clone();
        use_effect_with((annotation.id.clone(), annotation.note.clone()), move |(_, note)| {
            draft.set(note.clone().unwrap_or_default());
        });
    }
    let id = annotation.id.clone();
    let save_note = {
        let (on_note, draft, id) = (props.on_note.clone(), draft.clone(), id.clone());
        move || on_note.emit((id.clone(), (*draft).clone()))
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let onblur = {
        let save = save_note.clone();
        Callback::from(move |_: FocusEvent| save())
    };
    let onkeydown = {
        let save = save_note.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                save();
            }
        })
    };
    let unsaved = *draft != annotation.note.clone().unwrap_or_default();

    html! {
        <section class="editor" aria-label="Edit annotation">
            if props.candidates.len() > 1 {
                <div class="editor-tabs" role="tablist" aria-label="Annotations at this point">
                    { for props.candidates.iter().filter_map(|c| props.doc.annotation(c)).map(|a| tab(a, props)) }
                </div>
            }
            <div class="editor-head">
                <span class={classes!("badge", format!("tag-{}", annotation.tag))}>{ annotation.tag.label() }</span>
                <button type="button" class="ghost" aria-label="Close editor" onclick={props.on_close.reform(|_| ())}>{ "×" }</button>
            </div>
            <blockquote class="editor-quote">{ &annotation.exact }</blockquote>
            <fieldset class="editor-tags">
                <legend>{ "Tag" }</legend>
                { for Tag::ALL.iter().map(|&tag| {
                    let on_retag = props.on_retag.clone();
                    let id = id.clone();
                    html! {
                        <label class={classes!("radio", format!("tag-{tag}"))}>
                            <input type="radio" name="editor-tag" value={tag.as_str()} checked={annotation.tag == tag}
                                onchange={Callback::from(move |_| on_retag.emit((id.clone(), tag)))} />
                            { tag.label() }
                        </label>
                    }
                }) }
            </fieldset>
            <label class="editor-note-label" for="editor-note">{ "Note" }</label>
            <textarea id="editor-note" class="editor-note" rows="4" placeholder="Why this matters, what to check, where the evidence is…"
                value={(*draft).clone()} {oninput} {onblur} {onkeydown} />
            <div class="editor-actions">
                <button type="button" class="primary" disabled={!unsaved} onclick={Callback::from(move |_| save_note())}>
                    { if !unsaved && annotation.note.is_some() { "Note saved" } else { "Save note" } }
                </button>
                <button type="button" class="danger" onclick={props.on_delete.reform(move |_| id.clone())}>{ "Delete" }</button>
            </div>
        </section>
    }
}

fn tab(a: &Annotation, props: &AnnotationEditorProps) -> Html {
    let selected = a.id == props.focused;
    let id = a.id.clone();
    let short: String = a.exact.chars().take(24).collect();
    html! {
        <button type="button" role="tab" aria-selected={selected.to_string()}
            class={classes!("editor-tab", format!("tag-{}", a.tag), selected.then_some("selected"))}
            onclick={props.on_focus.reform(move |_| id.clone())}>
            <span class="tab-tag">{ a.tag.label() }</span>{ " " }{ short }
        </button>
    }
}
