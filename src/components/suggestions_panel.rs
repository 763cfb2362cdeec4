//! The suggestions for the open article (quotes, speakers, claim cues found by the core's
//! rules), each with its reason: accept one, reject one, or accept all of a tag. Nothing
//! here is saved until it is accepted, when it becomes an ordinary annotation.

use newsmark_core::suggest::Suggestions;
use newsmark_core::{offsets, Document, Speech, Tag};
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

/// The suggestions for one document, as the app holds them (never saved).
#[derive(Clone, Debug)]
pub struct Suggesting {
    pub doc: String,
    pub found: Rc<Suggestions>,
    /// The suggestions the person rejected (indices into `found.items`).
    pub dismissed: BTreeSet<usize>,
    /// How long suggesting took in this browser, in milliseconds, in all (the background
    /// worker's work and the way there and back) and the longest the page stopped for it
    /// (taking the answer in).
    pub ms: f64,
    pub longest: f64,
}

impl PartialEq for Suggesting {
    fn eq(&self, other: &Suggesting) -> bool {
        self.doc == other.doc && Rc::ptr_eq(&self.found, &other.found) && self.dismissed == other.dismissed
    }
}

/// How many pending suggestions the list shows and the text outlines at once (the rest
/// follow as these are decided): drawing every suggestion of a 100,000-word article would
/// hold the page up for half a second.
pub const SHOWN: usize = 200;

#[derive(Properties, PartialEq)]
pub struct SuggestionsPanelProps {
    pub doc: Arc<Document>,
    pub suggesting: Suggesting,
    /// Accept these suggestions (indices into `found.items`).
    pub on_accept: Callback<Vec<usize>>,
    pub on_reject: Callback<usize>,
    /// Scroll the article to this code point.
    pub on_show: Callback<usize>,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn SuggestionsPanel(props: &SuggestionsPanelProps) -> Html {
    let found = &props.suggesting.found;
    let pending = found.pending(&props.doc, &props.suggesting.dismissed);
    let text = &props.doc.text;
    let words = |k: usize| {
        let s = &found.items[k];
        offsets::slice(text, s.start, s.end).unwrap_or_default().to_owned()
    };
    let accept_all = |tag: Tag| {
        let of_tag: Vec<usize> = pending.iter().copied().filter(|&k| found.items[k].tag == tag).collect();
        let n = of_tag.len();
        let on_accept = props.on_accept.clone();
        let noun = match (tag, n) {
            (Tag::Quote, 1) => "quote",
            (Tag::Quote, _) => "quotes",
            (Tag::Actor, 1) => "actor",
            (Tag::Actor, _) => "actors",
            (Tag::Claim, 1) => "claim",
            (Tag::Claim, _) => "claims",
        };
        html! {
            <button type="button" class={classes!("chip", format!("tag-{tag}"))} disabled={n == 0}
                id={format!("accept-all-{tag}")}
                onclick={Callback::from(move |_| on_accept.emit(of_tag.clone()))}>
                { format!("Accept all {n} {noun}") }
            </button>
        }
    };
    html! {
        <section class="suggestions" id="suggestions" aria-labelledby="suggestions-title">
            <div class="suggestions-head">
                <h2 id="suggestions-title">{ format!("Suggestions ({} to decide)", pending.len()) }</h2>
                <button type="button" class="ghost" aria-label="Close the suggestions" onclick={props.on_close.reform(|_| ())}>{ "×" }</button>
            </div>
            <p class="hint">
                { format!("Found by rules in {:.0} ms (the longest pause {:.0} ms), not by a person: check each one. Suggestions are outlined with dashes in the text and are not saved until you accept them. ", props.suggesting.ms, props.suggesting.longest) }
                { "Speakers, indirect speech and claim cues are found in English only." }
            </p>
            <div class="row" role="group" aria-label="Accept all of a tag">
                { accept_all(Tag::Quote) }{ accept_all(Tag::Actor) }{ accept_all(Tag::Claim) }
            </div>
            if pending.is_empty() {
                <p class="notice-inline">{ "Nothing left to decide." }</p>
            }
            <ol class="suggestion-list">
                { for pending.iter().take(SHOWN).map(|&k| {
                    let s = &found.items[k];
                    let kind = match (s.tag, s.speech) {
                        (Tag::Quote, Some(Speech::Indirect)) => "Indirect quote".to_owned(),
                        (Tag::Quote, _) => "Quote".to_owned(),
                        (tag, _) => tag.label().to_owned(),
                    };
                    let speaker = s.speaker.map(&words);
                    let (on_accept, on_reject, on_show, start) =
                        (props.on_accept.clone(), props.on_reject.clone(), props.on_show.clone(), s.start);
                    let mut shown = words(k);
                    if shown.chars().count() > 160 {
                        shown = shown.chars().take(159).collect::<String>() + "…";
                    }
                    html! {
                        <li class={classes!("suggestion", format!("tag-{}", s.tag))} data-k={k.to_string()}>
                            <div class="suggestion-what">
                                <span class={classes!("badge", format!("tag-{}", s.tag))}>{ kind }</span>
                                <span class="confidence" title="How sure the rule is">{ format!("{:.0}%", s.confidence * 100.0) }</span>
                            </div>
                            <button type="button" class="link-text suggestion-text" onclick={Callback::from(move |_| on_show.emit(start))}>{ shown }</button>
                            if let Some(speaker) = speaker {
                                <div class="said-by">{ format!("said by {speaker}") }</div>
                            }
                            <div class="hint reason">{ s.reason.clone() }</div>
                            <div class="row">
                                <button type="button" class="accept" onclick={Callback::from(move |_| on_accept.emit(vec![k]))}>{ "Accept" }</button>
                                <button type="button" class="reject" onclick={Callback::from(move |_| on_reject.emit(k))}>{ "Reject" }</button>
                            </div>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
