//! Messages at the top of the page: results of imports, errors, unsaved work and damaged records.

use crate::state::{DamagedRecord, Notice, NoticeKind};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notice: Option<Notice>,
    pub save_error: Option<String>,
    pub damaged: Vec<DamagedRecord>,
    pub on_dismiss: Callback<()>,
    /// Opens the choice of tags for what an import left out.
    pub on_choose_tags: Callback<()>,
    pub on_download_library: Callback<()>,
    pub on_download_damaged: Callback<usize>,
    /// Opens the title field of a document whose title Newsmark made up.
    pub on_rename: Callback<String>,
}

#[function_component]
pub fn Notices(props: &NoticesProps) -> Html {
    let notice = props.notice.as_ref().map(|n| {
        let class = match n.kind {
            NoticeKind::Info => "notice info",
            NoticeKind::Error => "notice error",
        };
        let role = if n.kind == NoticeKind::Error { "alert" } else { "status" };
        html! {
            <div {class} {role}>
                <div class="notice-body">
                    <strong>{ &n.title }</strong>
                    if !n.details.is_empty() {
                        <ul>{ for n.details.iter().map(|d| html! { <li>{ d }</li> }) }</ul>
                    }
                    if n.retag.is_some() {
                        <button type="button" id="choose-tags" onclick={props.on_choose_tags.reform(|_| ())}>{ "Choose tags…" }</button>
                    }
                    if let Some(doc) = n.rename.clone() {
                        <button type="button" id="rename-titled" onclick={props.on_rename.reform(move |_| doc.clone())}>{ "Rename it" }</button>
                    }
                </div>
                <button type="button" class="ghost" aria-label="Dismiss" onclick={props.on_dismiss.reform(|_| ())}>{ "×" }</button>
            </div>
        }
    });
    let save_error = props.save_error.as_ref().map(|why| {
        html! {
            <div class="notice error" role="alert" id="save-error">
                <div class="notice-body">
                    <strong>{ "Your latest changes are not saved in this browser." }</strong>
                    <p>{ format!("Saving failed: {why}. Your work is kept in this tab; download it before closing the tab.") }</p>
                </div>
                <button type="button" onclick={props.on_download_library.reform(|_| ())}>{ "Download everything" }</button>
            </div>
        }
    });
    let damaged = (!props.damaged.is_empty()).then(|| {
        html! {
            <div class="notice error" role="alert" id="damaged-records">
                <div class="notice-body">
                    <strong>{ format!("{} stored record{} could not be read. {} left untouched in storage.",
                        props.damaged.len(),
                        if props.damaged.len() == 1 { "" } else { "s" },
                        if props.damaged.len() == 1 { "It is" } else { "They are" }) }</strong>
                    <ul>
                        { for props.damaged.iter().enumerate().map(|(i, d)| {
                            let download = props.on_download_damaged.reform(move |_| i);
                            html! {
                                <li>
                                    <code>{ &d.key }</code>{ ": " }{ d.problem.lines().next().unwrap_or_default() }
                                    { " " }<button type="button" class="link" onclick={download}>{ "Download it" }</button>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            </div>
        }
    });
    html! { <div class="notices">{ for notice }{ for save_error }{ for damaged }</div> }
}
