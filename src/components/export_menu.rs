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
    let button_ref = use_node_ref();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // The keyboard starts on the first entry.
    {
        let list_ref = list_ref.clone();
        use_effect_with(*open, move |open| {
            if *open {
                if let Some(first) = entries(&list_ref).first() {
                    first.focus().ok();
                }
            }
        });
    }
    // Up and down move between the entries (Home and End to the ends), and Tab leaves the
    // menu, which closes it; Escape closes it and gives focus back to its button, never to
    // the page's own Escape.
    let onkeydown = {
        let (open, list_ref, button_ref) = (open.clone(), list_ref.clone(), button_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                e.stop_propagation();
                open.set(false);
                if let Some(button) = button_ref.cast::<web_sys::HtmlElement>() {
                    button.focus().ok();
                }
                return;
            }
            let items = entries(&list_ref);
            let active = gloo::utils::document().active_element();
            let at = items.iter().position(|i| active.as_ref() == Some(i.unchecked_ref::<web_sys::Element>()));
            let last = items.len().saturating_sub(1);
            let to = match (e.key().as_str(), at) {
                ("ArrowDown", Some(i)) => Some(if i == last { 0 } else { i + 1 }),
                ("ArrowUp", Some(i)) => Some(if i == 0 { last } else { i - 1 }),
                ("Home", Some(_)) => Some(0),
                ("End", Some(_)) => Some(last),
                _ => None,
            };
            if let Some(item) = to.and_then(|i| items.get(i)) {
                e.prevent_default();
                item.focus().ok();
            }
        })
    };
    // Close when focus leaves the menu (a click or Tab elsewhere).
    // (The menu is found by its reference: yew hands events on from the app's root, so
    // the event's current target is that root, which holds everything.)
    let menu_ref = use_node_ref();
    let onfocusout = {
        let (open, menu_ref) = (open.clone(), menu_ref.clone());
        Callback::from(move |e: FocusEvent| {
            let menu = menu_ref.cast::<web_sys::Element>();
            let to: Option<web_sys::Node> = e.related_target().and_then(|t| t.dyn_into().ok());
            if !menu.is_some_and(|m| m.contains(to.as_ref())) {
                open.set(false);
            }
        })
    };
    html! {
        <div class="menu" ref={menu_ref} {onkeydown} {onfocusout}>
            <button type="button" id="export-button" ref={button_ref} aria-haspopup="menu" aria-expanded={open.to_string()}
                disabled={props.disabled} onclick={toggle} title="Download this article and its annotations">
                { "Export ▾" }
            </button>
            if *open && !props.disabled {
                <ul class="menu-list" ref={list_ref} role="menu" aria-labelledby="export-button">
                    { for Format::ALL.iter().map(|&format| {
                        let (open, on_export) = (open.clone(), props.on_export.clone());
                        html! {
                            <li role="none">
                                <button type="button" role="menuitem" tabindex="-1" data-format={format.name()}
                                    onclick={Callback::from(move |_| { open.set(false); on_export.emit(format); })}>
                                    <span class="menu-label">{ format.label() }</span>
                                    <span class="menu-hint">{ hint(format) }</span>
                                </button>
                            </li>
                        }
                    }) }
                    <li role="none">
                        <button type="button" role="menuitem" tabindex="-1" data-format="report"
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

/// The menu's entries, in order.
fn entries(list: &NodeRef) -> Vec<web_sys::HtmlElement> {
    let Some(found) = list.cast::<web_sys::Element>().and_then(|l| l.query_selector_all("[role=menuitem]").ok()) else {
        return Vec::new();
    };
    (0..found.length()).filter_map(|i| found.item(i)?.dyn_into().ok()).collect()
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
