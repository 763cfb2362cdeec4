//! The bar at the top of the page: the name, the actions on the library and the open
//! article (add, import, export, print, exercise, compare), undo and redo, the keys,
//! the theme, and whether everything is saved.

use super::export_menu::ExportMenu;
use crate::background;
use crate::browser;
use crate::hooks::theme::use_theme;
use crate::state::Notice;
use newsmark_core::formats::Format;
use newsmark_core::{Action, Document};
use std::sync::Arc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    /// The open article, which the export, print, exercise and compare buttons act on.
    pub doc: Option<Arc<Document>>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// The comparison is shown.
    pub comparing: bool,
    /// The last attempt to save failed.
    pub save_failed: bool,
    /// Something is not written to storage yet (or the library is still being read).
    pub saving: bool,
    pub on_add_article: Callback<()>,
    /// An annotation file was chosen to import.
    pub on_import_file: Callback<gloo::file::File>,
    pub on_make_exercise: Callback<()>,
    /// Show or hide the comparison.
    pub on_compare: Callback<()>,
    /// The gradebook is shown.
    pub grading: bool,
    /// Show or hide the gradebook.
    pub on_gradebook: Callback<()>,
    /// Undo and redo.
    pub on_edit: Callback<Action>,
    pub on_keys: Callback<()>,
    /// Something to tell the person (what an export left out, where the report went).
    pub on_notice: Callback<Notice>,
    /// How the open class work's sync stands (nothing for other work).
    #[prop_or_default]
    pub sync: Html,
}

#[function_component]
pub fn TopBar(props: &TopBarProps) -> Html {
    let theme = use_theme();
    let doc = &props.doc;
    let undo = props.on_edit.reform(|_: MouseEvent| Action::Undo);
    let redo = props.on_edit.reform(|_: MouseEvent| Action::Redo);
    // Exports, the report and the print view are made by the background worker; the
    // bar says it is working until the answer arrives.
    let working = use_state(|| false);
    let export = {
        let (doc, on_notice, working) = (doc.clone(), props.on_notice.clone(), working.clone());
        Callback::from(move |format: Format| {
            let Some(doc) = doc.clone() else { return };
            let (on_notice, working) = (on_notice.clone(), working.clone());
            working.set(true);
            yew::platform::spawn_local(async move {
                let exported = background::export(&doc, format).await;
                working.set(false);
                let exported = match exported {
                    Ok(exported) => exported,
                    Err(why) => {
                        let notice = Notice::error(format!("“{}” was not exported.", doc.title), vec![why]);
                        return on_notice.emit(notice);
                    }
                };
                let name = format!("{}.{}", browser::file_stem(&doc.title), format.extension());
                browser::download_bytes(&name, format.mime(), &exported.bytes);
                let notice = if exported.left_out.is_empty() {
                    Notice::info(format!("Exported “{}” as {}.", doc.title, format.label()))
                } else {
                    Notice {
                        details: exported.left_out,
                        ..Notice::info(format!(
                            "Exported “{}” as {}. Not everything fits this format:",
                            doc.title,
                            format.label()
                        ))
                    }
                };
                on_notice.emit(notice);
            });
        })
    };
    // The report, then `done` with it (downloaded or opened in a new tab).
    let with_report = {
        let (doc, on_notice, working) = (doc.clone(), props.on_notice.clone(), working.clone());
        move |done: fn(&Document, &str, &Callback<Notice>)| {
            let Some(doc) = doc.clone() else { return };
            let (on_notice, working) = (on_notice.clone(), working.clone());
            working.set(true);
            yew::platform::spawn_local(async move {
                let report = background::report(&doc, browser::now()).await;
                working.set(false);
                match report {
                    Ok(html) => done(&doc, &html, &on_notice),
                    Err(why) => {
                        on_notice.emit(Notice::error(format!("No report was made for “{}”.", doc.title), vec![why]))
                    }
                }
            });
        }
    };
    let on_report = {
        let with_report = with_report.clone();
        Callback::from(move |_| {
            with_report(|doc, html, on_notice| {
                let name = format!("{}.report.html", browser::file_stem(&doc.title));
                browser::download(&name, "text/html", html);
                on_notice.emit(Notice::info(format!(
                    "Saved the report as {name}. It opens in any browser and prints well to PDF."
                )));
            })
        })
    };
    let print_view =
        Callback::from(move |_: MouseEvent| with_report(|_, html, _| browser::open_in_new_tab("text/html", html)));
    let import = {
        let on_import_file = props.on_import_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            on_import_file.emit(gloo::file::File::from(file));
        })
    };
    let saved_label = if props.save_failed {
        html! { <span class="save-state failed">{ "Not saved" }</span> }
    } else if props.saving {
        html! { <span class="save-state saving" title="Writing your latest change to this browser's storage">{ "Saving…" }</span> }
    } else {
        html! { <span class="save-state" title="Everything is stored in this browser only">{ "Saved in this browser" }</span> }
    };

    html! {
        <header class={classes!("topbar", working.then_some("working"))} aria-busy={working.to_string()}>
            <div class="brand">
                <span class="logo" aria-hidden="true">{ "N" }</span>
                <span class="brand-name">{ "Newsmark" }</span>
                <span class="tagline">{ "Read the news critically: who says what" }</span>
            </div>
            <div class="actions">
                <button type="button" onclick={props.on_add_article.reform(|_: MouseEvent| ())}>{ "Add article" }</button>
                <label class="button" title="Import a Newsmark JSON file">
                    { "Import" }
                    <input id="import-file" type="file" accept=".json,.jsonld,.jsonl,.zip,.ann,application/json,application/zip" class="visually-hidden" onchange={import} />
                </label>
                <ExportMenu disabled={doc.is_none()} on_export={export} {on_report} />
                <button type="button" id="print-button" disabled={doc.is_none()} onclick={print_view}
                    title="Open a printable view of the annotated article in a new tab">{ "Print view" }</button>
                if doc.as_ref().is_some_and(|d| d.assignment.is_none()) {
                    <button type="button" id="make-exercise" title="Hand this annotated article out as an exercise with an answer key"
                        onclick={props.on_make_exercise.reform(|_: MouseEvent| ())}>{ "Make exercise" }</button>
                }
                <button type="button" id="compare-button" disabled={doc.is_none()} aria-pressed={props.comparing.to_string()}
                    title="Compare several annotation sets of this article"
                    onclick={props.on_compare.reform(|_: MouseEvent| ())}>{ "Compare" }</button>
                <button type="button" id="gradebook-button" disabled={doc.is_none()} aria-pressed={props.grading.to_string()}
                    title="Every student's scores on this article's exercise, as a table and a CSV file"
                    onclick={props.on_gradebook.reform(|_: MouseEvent| ())}>{ "Gradebook" }</button>
                <span class="divider" />
                <button type="button" onclick={undo} disabled={!props.can_undo} title="Undo (Ctrl+Z)" aria-label="Undo">{ "↶ Undo" }</button>
                <button type="button" onclick={redo} disabled={!props.can_redo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">{ "↷ Redo" }</button>
                <button type="button" id="shortcuts-button" title="Keyboard shortcuts (?)"
                    onclick={props.on_keys.reform(|_: MouseEvent| ())}>{ "Keys" }</button>
                <button type="button" class="theme-toggle" title="Light, dark, or follow the system setting (changes on each press)"
                    onclick={{ let theme = theme.clone(); Callback::from(move |_| theme.set(match theme.as_str() { "system" => "dark".into(), "dark" => "light".into(), _ => "system".into() })) }}>
                    <span aria-hidden="true">{ match theme.as_str() { "dark" => "☾ ", "light" => "☀ ", _ => "◐ " } }</span>
                    { match theme.as_str() { "dark" => "Dark", "light" => "Light", _ => "Auto" } }
                </button>
                { saved_label }
                { props.sync.clone() }
            </div>
        </header>
    }
}
