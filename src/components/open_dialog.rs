//! Adding an article: paste its text, or open a `.txt`, `.md` or `.html` file.

use crate::article_file;
use crate::hooks::modal::use_modal;
use newsmark_core::article_text::Article;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OpenDialogProps {
    /// A new article, pasted or read from a file, and whether its title was made from its
    /// first line (pasted without a title), which the app then says and offers to change.
    pub on_article: Callback<(Article, bool)>,
    pub on_error: Callback<String>,
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

    let on_title = {
        let title = title.clone();
        Callback::from(move |e: InputEvent| title.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let on_source = {
        let source = source.clone();
        Callback::from(move |e: InputEvent| source.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let add = {
        let (title, text, source, on_article) = (title.clone(), text.clone(), source.clone(), props.on_article.clone());
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
            on_article.emit((Article { title: heading, text: body, source_url, ..Article::default() }, made_up));
        })
    };
    let on_file = {
        let (on_article, on_error) = (props.on_article.clone(), props.on_error.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (on_article, on_error) = (on_article.clone(), on_error.clone());
            let file = gloo::file::File::from(file);
            yew::platform::spawn_local(async move {
                match article_file::open(&file).await {
                    Ok(a) => on_article.emit((a, false)),
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
                        value={(*text).clone()} oninput={on_text} />
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
                <p class="hint">{ "Web pages are reduced to their text: headings and paragraphs. Nothing in them runs." }</p>
        </dialog>
    }
}
