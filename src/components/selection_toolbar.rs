//! The small toolbar that appears by a selection, to tag it.

use crate::hooks::inside_window::use_inside_window;
use newsmark_core::Tag;
use yew::prelude::*;

/// A selection waiting to be tagged: the snapped span and where to show the toolbar.
#[derive(Clone, PartialEq)]
pub struct Pending {
    pub start: usize,
    pub end: usize,
    pub x: f64,
    pub y: f64,
    pub preview: String,
}

#[derive(Properties, PartialEq)]
pub struct SelectionToolbarProps {
    /// Page position of the top centre of the selection.
    pub x: f64,
    pub y: f64,
    /// The text that will be tagged (after snapping to words).
    pub preview: AttrValue,
    pub on_tag: Callback<Tag>,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn SelectionToolbar(props: &SelectionToolbarProps) -> Html {
    let style = format!("left: {:.0}px; top: {:.0}px;", props.x, props.y);
    // Centred above the selection, and moved along where that would leave the window
    // (a word at the edge of a phone's screen).
    let toolbar_ref = use_node_ref();
    use_inside_window(&toolbar_ref);
    // Keep the text selection when the toolbar is pressed.
    let keep_selection = Callback::from(|e: MouseEvent| e.prevent_default());
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="selection-toolbar" ref={toolbar_ref} role="toolbar" aria-label="Tag the selected text" {style} onmousedown={keep_selection}>
            <span class="selection-preview" title={props.preview.clone()}>{ shorten(&props.preview) }</span>
            { for Tag::ALL.iter().enumerate().map(|(i, &tag)| {
                let on_tag = props.on_tag.clone();
                let key = tag.label().chars().next().unwrap_or(' ');
                html! {
                    <button type="button" class={classes!("tag-button", format!("tag-{tag}"))}
                        data-tag={tag.as_str()}
                        title={format!("Tag as {} (key {key} or {})", tag.as_str(), i + 1)}
                        onclick={Callback::from(move |_| on_tag.emit(tag))}>
                        { tag.label() }<kbd>{ key }</kbd>
                    </button>
                }
            }) }
            <button type="button" class="ghost" title="Cancel (Esc)" aria-label="Cancel" onclick={cancel}>{ "×" }</button>
        </div>
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 28 {
        let head: String = s.chars().take(27).collect();
        format!("“{head}…”")
    } else {
        format!("“{s}”")
    }
}
