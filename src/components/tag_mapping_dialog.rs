//! Choosing tags for what an import left out: claim, quote, actor or *leave out* for each
//! tag found in the file and for annotations without any tag, then reading it again.

use crate::hooks::modal::use_modal;
use crate::import::Retag;
use newsmark_core::formats::TagMapping;
use newsmark_core::Tag;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TagMappingDialogProps {
    pub retag: Retag,
    /// Read the file again with these choices.
    pub on_import: Callback<TagMapping>,
    pub on_close: Callback<()>,
}

/// The value of a choice in a `<select>`: a tag's name, or "" to leave out.
fn choice_value(tag: Option<Tag>) -> &'static str {
    tag.map_or("", Tag::as_str)
}

/// One select of the dialog: leave out, claim, quote or actor.
fn tag_select(id: String, chosen: Option<Tag>, onchange: Callback<Option<Tag>>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        onchange.emit(Tag::parse(&value));
    });
    let option = |tag: Option<Tag>, label: &'static str| {
        html! { <option value={choice_value(tag)} selected={tag == chosen}>{ label }</option> }
    };
    html! {
        <select {id} {onchange}>
            { option(None, "Leave out") }
            { option(Some(Tag::Claim), "Claim") }
            { option(Some(Tag::Quote), "Quote") }
            { option(Some(Tag::Actor), "Actor") }
        </select>
    }
}

#[function_component]
pub fn TagMappingDialog(props: &TagMappingDialogProps) -> Html {
    let retag = &props.retag;
    let dialog_ref = use_node_ref();
    use_modal(&dialog_ref, &props.on_close);
    let tags = use_state(|| retag.tags.clone());

    let first_ref = use_node_ref();
    {
        let first_ref = first_ref.clone();
        use_effect_with((), move |_| {
            // The first choice has the focus, so the dialog can be used from the keyboard at once.
            let first =
                first_ref.cast::<web_sys::Element>().and_then(|form| form.query_selector("select").ok().flatten());
            if let Some(select) = first.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
                select.focus().ok();
            }
        });
    }

    let submit = {
        let (tags, on_import) = (tags.clone(), props.on_import.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_import.emit((*tags).clone());
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let cancel = props.on_close.reform(|_: MouseEvent| ());
    let count = |n: usize| if n == 1 { "1 annotation".to_owned() } else { format!("{n} annotations") };

    let rows = retag.labels.iter().enumerate().map(|(i, (label, n))| {
        let id = format!("map-tag-{i}");
        let chosen = tags.map.get(label).copied();
        let onchange = {
            let (tags, label) = (tags.clone(), label.clone());
            Callback::from(move |tag: Option<Tag>| {
                let mut next = (*tags).clone();
                match tag {
                    Some(tag) => next.map.insert(label.clone(), tag),
                    None => next.map.remove(&label),
                };
                tags.set(next);
            })
        };
        html! {
            <div class="tag-choice">
                <label for={id.clone()}>
                    { "Tagged " }<code>{ label }</code>
                    <span class="tag-choice-count">{ format!(" ({})", count(*n)) }</span>
                </label>
                { tag_select(id, chosen, onchange) }
            </div>
        }
    });
    let untagged = (retag.untagged > 0).then(|| {
        let onchange = {
            let tags = tags.clone();
            Callback::from(move |tag: Option<Tag>| tags.set(TagMapping { untagged: tag, ..(*tags).clone() }))
        };
        html! {
            <div class="tag-choice">
                <label for="map-untagged">
                    { "Without any tag (highlights)" }
                    <span class="tag-choice-count">{ format!(" ({})", count(retag.untagged)) }</span>
                </label>
                { tag_select("map-untagged".into(), tags.untagged, onchange) }
            </div>
        }
    });

    html! {
        <dialog class="dialog" ref={dialog_ref} aria-labelledby="tag-mapping-title" aria-describedby="tag-mapping-hint">
                <div class="dialog-head">
                    <h2 id="tag-mapping-title">{ "Choose tags" }</h2>
                    <button type="button" class="ghost" aria-label="Close" onclick={close}>{ "×" }</button>
                </div>
                <p class="hint" id="tag-mapping-hint">
                    { format!("Newsmark reads the tags claim, quote and actor. Choose what the other annotations in {} are; those left as Leave out are not imported.", retag.file.name) }
                </p>
                <form class="tag-mapping" ref={first_ref} onsubmit={submit}>
                    <fieldset>
                        <legend>{ "Annotations left out" }</legend>
                        { for rows }
                        { for untagged }
                    </fieldset>
                    <div class="dialog-actions">
                        <button type="button" onclick={cancel}>{ "Cancel" }</button>
                        <button type="submit" class="primary" id="import-again">{ "Import again with these choices" }</button>
                    </div>
                </form>
        </dialog>
    }
}
