//! The Export menu: the open article in every format Newsmark writes.

use crate::hooks::inside_window::use_inside_window;
use newsmark_core::formats::Format;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportMenuProps {
    pub disabled: bool,
    pub on_export: Callback<Format>,
    /// The self-contained HTML report, to read or print without Newsmark.
    pub on_report: Callback<()>,
}

#[function_component]
pub fn ExportMenu(props: &ExportMenuProps) -> Html {
    let open = use_state(|| false);
    // The list opens under the button, and moves left where the window ends before it does.
    let list_ref = use_node_ref();
    use_inside_window(&list_ref);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close_on_escape = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    // Close when focus leaves the menu (a click or Tab elsewhere).
    let onfocusout = {
        let open = open.clone();
        Callback::from(move |e: FocusEvent| {
            let menu: Option<web_sys::Element> = e.current_target().and_then(|t| t.dyn_into().ok());
            let to: Option<web_sys::Node> = e.related_target().and_then(|t| t.dyn_into().ok());
            if !menu.is_some_and(|m| m.contains(to.as_ref())) {
                open.set(false);
            }
        })
    };
    html! {
        <div class="menu" onkeydown={close_on_escape} {onfocusout}>
            <button type="button" id="export-button" aria-haspopup="menu" aria-expanded={open.to_string()}
                disabled={props.disabled} onclick={toggle} title="Download this article and its annotations">
                { "Export ▾" }
            </button>
            if *open && !props.disabled {
                <ul class="menu-list" ref={list_ref} role="menu" aria-labelledby="export-button">
                    { for Format::ALL.iter().map(|&format| {
                        let (open, on_export) = (open.clone(), props.on_export.clone());
                        html! {
                            <li role="none">
                                <button type="button" role="menuitem" data-format={format.name()}
                                    onclick={Callback::from(move |_| { open.set(false); on_export.emit(format); })}>
                                    <span class="menu-label">{ format.label() }</span>
                                    <span class="menu-hint">{ hint(format) }</span>
                                </button>
                            </li>
                        }
                    }) }
                    <li role="none">
                        <button type="button" role="menuitem" data-format="report"
                            onclick={{ let (open, on_report) = (open.clone(), props.on_report.clone()); Callback::from(move |_| { open.set(false); on_report.emit(()); }) }}>
                            <span class="menu-label">{ "HTML report" }</span>
                            <span class="menu-hint">{ "The article, highlights, notes, sources and scores, readable and printable anywhere" }</span>
                        </button>
                    </li>
                </ul>
            }
        </div>
    }
}

fn hint(format: Format) -> &'static str {
    match format {
        Format::Newsmark => "Everything, to open again in Newsmark",
        Format::W3c => "For Hypothesis, Recogito and other annotation tools",
        Format::Brat => "For the brat annotation tool",
        Format::Doccano => "For doccano",
        Format::LabelStudio => "For Label Studio (offsets in UTF-16 units)",
        Format::Spacy => "For spaCy and Python (spans only)",
        Format::Csv => "One row per annotation, for spreadsheets",
    }
}
