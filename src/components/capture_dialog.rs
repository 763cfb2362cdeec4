//! A web page on its way into the library, when the person must decide: a page sent by
//! the browser extension (anything can open such a link, so nothing is added unasked), a
//! page the extraction is unsure is an article (the article as found, or the whole text),
//! and a page captured before (open the one in the library, or add the new version with
//! the annotations carried over, saying how many are kept exactly, moved or orphaned).
//! The background worker carries them over, once for each version of the page, when the
//! dialog opens: the counts are shown when it answers, and the same document is added.

use crate::capture::Reading;
use crate::hooks::modal::use_modal;
use crate::{background, browser, import};
use newsmark_core::article_text::Article;
use newsmark_core::recapture::CarriedOver;
use newsmark_core::Document;
use std::rc::Rc;
use std::sync::Arc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// What the person adds: the article; or, with the annotations of the earlier capture
/// carried over, the document the worker made of it, and how many were kept exactly, moved
/// and orphaned.
pub type Added = (Article, Option<(Document, CarriedOver)>);

#[derive(Properties, PartialEq)]
pub struct CaptureDialogProps {
    pub reading: Rc<Reading>,
    /// Sent by the extension (rather than opened by the person here): asked before adding.
    pub from_link: bool,
    /// The library's earlier capture of the same address, if any.
    pub earlier: Option<Arc<Document>>,
    pub on_add: Callback<Added>,
    /// Open the earlier capture instead.
    pub on_open: Callback<String>,
    pub on_close: Callback<()>,
}

/// The earlier capture's annotations carried over onto a version of the page, as the
/// worker answered, or why it could not.
type Carried = Result<Rc<(Document, CarriedOver)>, String>;

/// What carrying over gave for each version of the page: the article as found and the
/// page's whole text.
#[derive(Clone, Default, PartialEq)]
struct Carrying {
    found: Option<Carried>,
    whole: Option<Carried>,
}

impl Reducible for Carrying {
    /// The version (the whole text or not) and what carrying over gave for it.
    type Action = (bool, Carried);

    fn reduce(self: Rc<Self>, (whole, carried): (bool, Carried)) -> Rc<Self> {
        let mut next = (*self).clone();
        *(if whole { &mut next.whole } else { &mut next.found }) = Some(carried);
        Rc::new(next)
    }
}

#[function_component]
pub fn CaptureDialog(props: &CaptureDialogProps) -> Html {
    let dialog = use_node_ref();
    use_modal(&dialog, &props.on_close);
    let reading = &props.reading;
    let has_found = !reading.found.paragraphs.is_empty();
    // The whole text is chosen only when the person chooses it, or when readability found nothing.
    let whole_chosen = use_state(|| !has_found);
    let chosen = match (&reading.whole, *whole_chosen) {
        (Some(whole), true) => whole,
        _ => &reading.found,
    };
    let article = reading.article(chosen);
    // The earlier capture's annotations carried over onto the chosen version, asked of the
    // worker once for each version: the counts are shown before the person chooses, and the
    // document is the one added if they do.
    let carrying = use_reducer(Carrying::default);
    let asked = use_mut_ref(|| [false; 2]);
    {
        let (carrying, earlier, article) = (carrying.clone(), props.earlier.clone(), article.clone());
        use_effect_with(*whole_chosen, move |&whole| {
            if let (Some(old), Ok(article)) = (earlier, article) {
                if !std::mem::replace(&mut asked.borrow_mut()[usize::from(whole)], true) {
                    yew::platform::spawn_local(async move {
                        let carried = background::carry_over(&old, import::article_document(article)).await;
                        carrying.dispatch((whole, carried.map(Rc::new)));
                    });
                }
            }
        });
    }
    let carried = if *whole_chosen { &carrying.whole } else { &carrying.found };
    let carried = props.earlier.as_ref().and(carried.as_ref());
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(button) = first.cast::<HtmlElement>() {
                button.focus().ok();
            }
        });
    }
    let close = props.on_close.reform(|_: MouseEvent| ());
    // The new version is added as made at the click, with the worker's carrying over.
    let add = {
        let (article, on_add, carried) = (article.clone(), props.on_add.clone(), carried.cloned());
        let earlier = props.earlier.is_some();
        Callback::from(move |_: MouseEvent| {
            let now = browser::now();
            let carried = match &carried {
                Some(Ok(c)) => Some((Document { created: now, updated: now, ..c.0.clone() }, c.1)),
                // Still counting, or the worker failed (the button is disabled then).
                _ if earlier => return,
                _ => None,
            };
            if let Ok(article) = article.clone() {
                on_add.emit((article, carried));
            }
        })
    };
    let has_annotations = props.earlier.as_ref().is_some_and(|old| !old.annotations.is_empty());
    let choose = |whole: bool| {
        let whole_chosen = whole_chosen.clone();
        Callback::from(move |_: Event| whole_chosen.set(whole))
    };
    let heading = match (&props.earlier, props.from_link) {
        (Some(_), _) => "This page is already in your library",
        (None, true) => "Add this captured page?",
        (None, false) => "Is this the article?",
    };
    let paragraphs = |n: usize| if n == 1 { "1 paragraph".to_owned() } else { format!("{n} paragraphs") };
    let preview: String = chosen.paragraphs.iter().take(2).cloned().collect::<Vec<_>>().join(" ");
    let preview = match preview.char_indices().nth(280) {
        Some((cut, _)) => format!("{}…", &preview[..cut]),
        None => preview,
    };

    html! {
        <dialog class="dialog capture-dialog" ref={dialog} aria-labelledby="capture-title" aria-describedby="capture-what">
            <div class="dialog-head">
                <h2 id="capture-title">{ heading }</h2>
                <button type="button" class="ghost" aria-label="Close" onclick={close.clone()}>{ "×" }</button>
            </div>
            <div id="capture-what">
                <p class="capture-page">
                    <strong dir="auto">{ article.as_ref().map_or(reading.name.as_str(), |a| a.title.as_str()) }</strong>
                    if let Some(site) = &chosen.site_name {
                        <span dir="auto">{ format!(" · {site}") }</span>
                    }
                    if let Some(url) = article.as_ref().ok().and_then(|a| a.source_url.clone()) {
                        <br /><span class="url">{ url }</span>
                    }
                </p>
                if !reading.sure() {
                    <p class="capture-unsure" id="capture-unsure">
                        if has_found {
                            { format!("This page does not look like an article to Newsmark’s reader: it found {} it takes for the article, and the page’s whole text has {}. Choose what to add.", paragraphs(reading.found.paragraphs.len()), paragraphs(reading.whole.as_ref().map_or(0, |w| w.paragraphs.len()))) }
                        } else {
                            { "Newsmark’s reader found no article on this page. You can add the page’s whole text instead." }
                        }
                    </p>
                    if has_found && reading.whole.is_some() {
                        <fieldset class="capture-choice">
                            <legend>{ "Add" }</legend>
                            <label><input type="radio" name="capture-version" id="capture-found" checked={!*whole_chosen} onchange={choose(false)} />
                                { format!(" The article as found ({})", paragraphs(reading.found.paragraphs.len())) }</label>
                            <label><input type="radio" name="capture-version" id="capture-whole" checked={*whole_chosen} onchange={choose(true)} />
                                { format!(" The page’s whole text ({})", paragraphs(reading.whole.as_ref().map_or(0, |w| w.paragraphs.len()))) }</label>
                        </fieldset>
                    }
                }
                if !preview.is_empty() {
                    <blockquote class="capture-preview" dir="auto">{ preview }</blockquote>
                }
                if let Err(why) = &article {
                    <p class="form-error" role="alert">{ why }</p>
                }
                if let Some(old) = &props.earlier {
                    <p id="capture-earlier">
                        { format!("“{}” from this address is in your library", old.title) }
                        { old.captured.map(|t| format!(", captured {}", browser::date_and_time(t))).unwrap_or_default() }
                        { format!(", with {}.", newsmark_core::formats::plural(old.annotations.len(), "annotation", "annotations")) }
                    </p>
                    if has_annotations && article.is_ok() {
                        <div role="status">
                            if let Some(Ok(c)) = carried {
                                <p id="capture-carry">{ format!("Adding the new version carries them over: {} kept exactly, {} moved, {} orphaned{}.", c.1.exact, c.1.moved, c.1.orphaned,
                                    if c.1.orphaned > 0 { " (listed beside the article, to place or drop)" } else { "" }) }</p>
                            } else if carried.is_none() {
                                <p id="capture-counting">{ "Counting how many annotations carry over…" }</p>
                            }
                        </div>
                    }
                    if let Some(Err(why)) = carried {
                        <p class="form-error" role="alert">{ why }</p>
                    }
                }
            </div>
            <div class="dialog-actions">
                if let Some(old) = &props.earlier {
                    <button type="button" id="capture-open" ref={first.clone()} onclick={{ let (on_open, id) = (props.on_open.clone(), old.id.clone()); Callback::from(move |_: MouseEvent| on_open.emit(id.clone())) }}>
                        { "Open the one in your library" }
                    </button>
                    <button type="button" class="primary" id="capture-add" disabled={article.is_err() || !matches!(carried, Some(Ok(_)))} onclick={add.clone()}>
                        { if has_annotations { "Add the new version and carry the annotations over" } else { "Add the new version" } }
                    </button>
                } else {
                    <button type="button" id="capture-cancel" ref={first.clone()} onclick={close}>{ "Cancel" }</button>
                    <button type="button" class="primary" id="capture-add" disabled={article.is_err()} onclick={add}>{ "Add to library" }</button>
                }
            </div>
        </dialog>
    }
}
