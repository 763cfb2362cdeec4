//! The legend (how each tag looks in the text, with words as well as colour) and the
//! codebook (what each tag means).

use newsmark_core::exercise::{CodebookEntry, Outline};
use newsmark_core::Tag;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CodebookProps {
    pub entries: Vec<CodebookEntry>,
}

/// The codebook: what each tag means, with an example, folded away until asked for.
#[function_component]
pub fn Codebook(props: &CodebookProps) -> Html {
    html! {
        <details class="codebook">
            <summary>{ "Codebook: what to tag" }</summary>
            <dl>
                { for props.entries.iter().map(|e| html! {
                    <>
                        <dt><span class={classes!("badge", format!("tag-{}", e.tag))}>{ e.tag.label() }</span></dt>
                        <dd>{ &e.definition }<br /><span class="example">{ "Example: " }{ &e.example }</span></dd>
                    </>
                }) }
            </dl>
        </details>
    }
}

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

/// The look of a feedback outline in words: the two differ in line style, not colour alone.
pub fn outline_look(outline: Outline) -> &'static str {
    match outline {
        Outline::Missed => "dashed outline",
        Outline::WrongTag => "double outline",
    }
}
