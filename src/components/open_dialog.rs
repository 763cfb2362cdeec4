//! Adding an article: paste its text, or open a `.txt`, `.md` or `.html` file.
//!
//! Text pasted from a web page arrives as HTML too: that goes through the core's
//! extraction (`crate::capture`), so the paste keeps its paragraphs and drops the page's
//! furniture; plain text is pasted as it is.

use crate::article_file::{self, Opened};
use crate::capture::{self, Reading};
use crate::hooks::modal::use_modal;
use newsmark_core::article_text::Article;
use newsmark_core::capture::Capture;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What a paste of HTML brought besides its text, added with the article.
#[derive(Clone, Debug, Default, PartialEq)]
struct Pasted {
    byline: Option<String>,
    published: Option<String>,
    site_name: Option<String>,
}

/// A paste the extraction was unsure of: the text box as it would be with all the pasted
/// text instead of what looked like the article.
#[derive(Clone, Debug, PartialEq)]
struct Unsure {
    whole: String,
    kept: usize,
    all: usize,
}

#[derive(Properties, PartialEq)]
pub struct OpenDialogProps {
    /// A new article, pasted or read from a file, and whether its title was made from its
    /// first line (pasted without a title), which the app then says and offers to change.
    pub on_article: Callback<(Article, bool)>,
    pub on_error: Callback<String>,
    /// An opened web page, read by the extraction (the app adds it or asks).
    pub on_page: Callback<Reading>,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn OpenDialog(props: &OpenDialogProps) -> Html {
    // First, so that the button that opened the dialog is remembered before focus moves.
    let dialog_ref = use_node_ref();
    use_modal(&dialog_ref, &props.on_close);
    let title = use_state(String::new);
    let text = use_state(String::new);
    let source = use_state(String::new);
    // Why the pasted text was not added; the dialog stays open with the text in it.
    let problem = use_state(|| None::<String>);
    let pasted = use_state(Pasted::default);
    let unsure = use_state(|| None::<Unsure>);
    let reading_paste = use_state(|| false);

    let on_title = {
        let title = title.clone();
        Callback::from(move |e: InputEvent| title.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_text = {
        let (text, unsure) = (text.clone(), unsure.clone());
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            unsure.set(None);
        })
    };
    // HTML on the clipboard (a copy from a web page) is read by the extraction and put in
    // where the paste goes; plain text is left to the browser.
    let on_paste = {
        let (title, text, source, pasted) = (title.clone(), text.clone(), source.clone(), pasted.clone());
        let (unsure, reading_paste) = (unsure.clone(), reading_paste.clone());
        Callback::from(move |e: Event| {
            let Some(data) = e.dyn_ref::<web_sys::ClipboardEvent>().and_then(|e| e.clipboard_data()) else { return };
            let html = data.get_data("text/html").unwrap_or_default();
            if html.trim().is_empty() {
                return;
            }
            e.prevent_default();
            let plain = data.get_data("text/plain").unwrap_or_default();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let value = area.value();
            // Where the paste goes, in UTF-16 units as the text box counts, turned into bytes.
            let at = |units: Option<u32>| {
                let units = units.unwrap_or(0) as usize;
                newsmark_core::offsets::utf16_to_cp(&value, units)
                    .and_then(|cp| newsmark_core::offsets::cp_to_byte(&value, cp))
                    .unwrap_or(value.len())
            };
            let (from, to) = (at(area.selection_start().ok().flatten()), at(area.selection_end().ok().flatten()));
            let (before, after) = (value[..from].to_owned(), value[to.max(from)..].to_owned());
            let (title, text, source, pasted) = (title.clone(), text.clone(), source.clone(), pasted.clone());
            let (unsure, reading_paste) = (unsure.clone(), reading_paste.clone());
            reading_paste.set(true);
            yew::platform::spawn_local(async move {
                let joined = |c: &Capture| c.paragraphs.join("\n\n");
                let with = |middle: &str| format!("{before}{middle}{after}");
                match capture::read("The pasted text".into(), html, None, None).await {
                    Ok(reading) => {
                        let found = &reading.found;
                        let kept =
                            if found.paragraphs.is_empty() { reading.whole.as_ref().unwrap_or(found) } else { found };
                        text.set(with(&joined(kept)));
                        unsure.set(
                            reading.whole.as_ref().filter(|_| !reading.sure() && !found.paragraphs.is_empty()).map(
                                |w| Unsure {
                                    whole: with(&joined(w)),
                                    kept: found.paragraphs.len(),
                                    all: w.paragraphs.len(),
                                },
                            ),
                        );
                        if title.trim().is_empty() && !kept.title.trim().is_empty() {
                            title.set(kept.title.trim().to_owned());
                        }
                        if let Some(url) = kept
                            .url
                            .clone()
                            .filter(|u| source.trim().is_empty() && newsmark_core::model::is_web_address(u))
                        {
                            source.set(url);
                        }
                        pasted.set(Pasted {
                            byline: kept.byline.clone(),
                            published: kept.published.clone(),
                            site_name: kept.site_name.clone(),
                        });
                    }
                    // Nothing readable in the HTML: the plain text the clipboard also holds.
                    Err(_) => text.set(with(&plain)),
                }
                reading_paste.set(false);
            });
        })
    };
    let on_source = {
        let source = source.clone();
        Callback::from(move |e: InputEvent| source.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let add = {
        let (title, text, source, on_article) = (title.clone(), text.clone(), source.clone(), props.on_article.clone());
        let pasted = pasted.clone();
        let problem = problem.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = text.trim().to_owned();
            if body.is_empty() {
                return;
            }
            if let Err(why) = newsmark_core::limits::check_article(&body) {
                problem.set(Some(format!(
                    "This text was not added: {why}. Split it into parts and add each as its own article."
                )));
                return;
            }
            let (heading, made_up) = match title.trim() {
                "" => (newsmark_core::article_text::title_from_text(&body), true),
                t => (t.to_owned(), false),
            };
            let source_url = Some(source.trim().to_owned()).filter(|s| !s.is_empty());
            let Pasted { byline, published, site_name } = (*pasted).clone();
            let article =
                Article { title: heading, text: body, source_url, byline, published, site_name, captured: None };
            on_article.emit((article, made_up));
        })
    };
    let on_file = {
        let (on_article, on_error, on_page) = (props.on_article.clone(), props.on_error.clone(), props.on_page.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (on_article, on_error, on_page) = (on_article.clone(), on_error.clone(), on_page.clone());
            let file = gloo::file::File::from(file);
            yew::platform::spawn_local(async move {
                match article_file::open(&file).await {
                    Ok(Opened::Article(a)) => on_article.emit((a, false)),
                    Ok(Opened::Page(reading)) => on_page.emit(*reading),
                    Err(e) => on_error.emit(e),
                }
            });
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    // Focus the title field on opening (Escape closes the dialog: `use_modal`).
    let title_ref = use_node_ref();
    {
        let title_ref = title_ref.clone();
        use_effect_with((), move |_| {
            if let Some(input) = title_ref.cast::<HtmlInputElement>() {
                input.focus().ok();
            }
        });
    }

    html! {
        <dialog class="dialog" ref={dialog_ref} aria-labelledby="open-dialog-title">
                <div class="dialog-head">
                    <h2 id="open-dialog-title">{ "Add an article" }</h2>
                    <button type="button" class="ghost" aria-label="Close" onclick={close}>{ "×" }</button>
                </div>
                <form class="paste-form" onsubmit={add}>
                    <label for="paste-title">{ "Title" }</label>
                    <input id="paste-title" ref={title_ref} type="text" placeholder="Headline of the article" value={(*title).clone()} oninput={on_title} />
                    <label for="paste-text">{ "Article text" }</label>
                    <textarea id="paste-text" rows="12" placeholder="Paste the article here. Leave a blank line between paragraphs."
                        value={(*text).clone()} oninput={on_text} onpaste={on_paste} aria-busy={reading_paste.to_string()} />
                    if let Some(u) = (*unsure).clone() {
                        <div class="paste-unsure" id="paste-unsure" role="status">
                            <p>{ format!("This does not look like a whole article, so Newsmark kept the {} of {} paragraphs that look like its text.", u.kept, u.all) }</p>
                            <button type="button" onclick={{ let (text, unsure) = (text.clone(), unsure.clone()); Callback::from(move |_: MouseEvent| { text.set(u.whole.clone()); unsure.set(None); }) }}>
                                { "Use all the pasted text instead" }
                            </button>
                        </div>
                    }
                    <label for="paste-source">{ "Source (optional)" }</label>
                    <input id="paste-source" type="url" placeholder="https://… where the article was published" value={(*source).clone()} oninput={on_source} />
                    if let Some(why) = &*problem {
                        <p class="form-error" id="paste-problem" role="alert">{ why }</p>
                    }
                    <button type="submit" class="primary" disabled={text.trim().is_empty()}>{ "Add article" }</button>
                </form>
                <div class="or">{ "or" }</div>
                <label class="file-pick">
                    <span>{ "Open a file (.txt, .md or .html)" }</span>
                    <input id="open-file" type="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" onchange={on_file} />
                </label>
                <p class="hint">{ "Web pages, pasted or opened, are reduced to their article: headings and paragraphs, without menus, banners or comments. Nothing in them runs." }</p>
        </dialog>
    }
}
