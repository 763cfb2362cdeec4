//! The head of the open article: its title, byline and source, and how to annotate it
//! (with the legend and the codebook).

use super::legend::{Codebook, Legend};
use newsmark_core::Document;
use std::sync::Arc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleHeaderProps {
    pub doc: Arc<Document>,
}

#[function_component]
pub fn ArticleHeader(props: &ArticleHeaderProps) -> Html {
    let doc = &props.doc;
    html! {
        <header class="article-head">
            <h1 class="article-title">{ &doc.title }</h1>
            if let Some(byline) = &doc.byline {
                <p class="byline">{ byline }</p>
            }
            if let Some(url) = &doc.source_url {
                <p class="source">{ "Source: " }
                    if newsmark_core::model::is_web_address(url) {
                        <a class="url" href={url.clone()} target="_blank" rel="noopener noreferrer">{ url }</a>
                    } else {
                        <span class="url">{ url }</span>
                    }
                </p>
            }
            <div class="howto">
                <span>{ "Select words, then press " }<kbd>{ "C" }</kbd>{ " claim, " }<kbd>{ "Q" }</kbd>{ " quote or " }<kbd>{ "A" }</kbd>{ " actor. Click a highlight to edit it." }</span>
                <Legend />
                <Codebook entries={doc.assignment.as_ref().map_or_else(newsmark_core::exercise::default_codebook, |a| a.codebook.clone())} />
            </div>
        </header>
    }
}
