//! The legend: how each tag looks in the text, with words as well as colour.

use newsmark_core::Tag;
use yew::prelude::*;

#[function_component]
pub fn Legend() -> Html {
    html! {
        <ul class="legend" aria-label="How tags look">
            { for Tag::ALL.iter().map(|tag| html! {
                <li>
                    <span class={classes!("swatch", format!("t-{tag}"))}>{ "Sample" }</span>
                    <span class="legend-name">{ tag.label() }</span>
                    <span class="legend-look">{ look(*tag) }</span>
                </li>
            }) }
        </ul>
    }
}

/// The look of a tag in words, for people who cannot tell the colours apart.
pub fn look(tag: Tag) -> &'static str {
    match tag {
        Tag::Claim => "shaded",
        Tag::Quote => "solid underline",
        Tag::Actor => "dotted overline",
    }
}
