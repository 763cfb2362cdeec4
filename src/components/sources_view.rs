//! The Sources view: who speaks in the article, how much, and what nobody is said to have said.

use newsmark_core::sources::{self, ActorSummary};
use newsmark_core::{Annotation, CheckStatus, Document, Tag};
use std::sync::Arc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SourcesViewProps {
    pub doc: Arc<Document>,
    /// Show this annotation in the text.
    pub on_pick: Callback<String>,
}

#[function_component]
pub fn SourcesView(props: &SourcesViewProps) -> Html {
    let summary = sources::sources(&props.doc);
    let doc = &props.doc;
    let share = |n: usize, total: usize| if total == 0 { 0.0 } else { n as f64 * 100.0 / total as f64 };
    let link = |id: &String| {
        let Some(a) = doc.annotation(id) else { return html! {} };
        let (on_pick, id) = (props.on_pick.clone(), id.clone());
        html! {
            <li>
                <button type="button" class="link-text" onclick={Callback::from(move |_| on_pick.emit(id.clone()))}>{ &a.exact }</button>
                if a.tag == Tag::Claim {
                    { " " }<span class="claim-status">{ claim_status(a) }</span>
                }
            </li>
        }
    };
    // Every quote and claim as a reader meets them, with who said it.
    let statement = |(id, speaker): &(String, Option<String>)| {
        let Some(a) = doc.annotation(id) else { return html! {} };
        let (on_pick, id) = (props.on_pick.clone(), id.clone());
        let said = match (a.tag, speaker) {
            (Tag::Quote, Some(name)) => format!("said by {name}"),
            (_, Some(name)) => format!("claimed by {name}"),
            (Tag::Quote, None) => "not attributed".to_owned(),
            (_, None) => "no source".to_owned(),
        };
        html! {
            <li class="statement" key={id.clone()}>
                <span class={classes!("badge", format!("tag-{}", a.tag))}>{ a.tag.label() }</span>{ " " }
                <button type="button" class="link-text" onclick={Callback::from(move |_| on_pick.emit(id.clone()))}>{ &a.exact }</button>
                <span class={classes!("statement-speaker", speaker.is_none().then_some("unattributed"))}>{ format!(" — {said}") }</span>
                if a.tag == Tag::Claim {
                    { " " }<span class="claim-status">{ claim_status(a) }</span>
                }
            </li>
        }
    };
    let actor = |a: &ActorSummary| {
        let quote_share = share(a.quotes.len(), summary.total_quotes);
        let word_share = share(a.quoted_words, summary.total_quoted_words);
        html! {
            <li class={classes!("source", a.is_anonymous().then_some("anonymous"))} key={a.key.clone()}>
                <div class="source-head">
                    <strong>{ &a.name }</strong>
                    <span class="source-kind">{ a.kind.map_or("Actor", |k| k.label()) }</span>
                    if a.is_anonymous() {
                        <span class="flag" title="Readers cannot judge an unnamed source's interests">{ "⚠ Anonymous source" }</span>
                    }
                </div>
                <div class="voice" role="img" aria-label={format!("{:.0}% of quotes, {:.0}% of quoted words", quote_share, word_share)}>
                    <span class="voice-bar" style={format!("width: {word_share:.1}%")}></span>
                </div>
                <p class="source-figures">
                    { format!("{} mention{} · {} quote{} ({:.0}% of quotes) · {} quoted word{} ({:.0}%) · {} claim{}",
                        a.mentions.len(), plural(a.mentions.len()), a.quotes.len(), plural(a.quotes.len()), quote_share,
                        a.quoted_words, plural(a.quoted_words), word_share, a.claims.len(), plural(a.claims.len())) }
                </p>
                if !a.quotes.is_empty() {
                    <details><summary>{ "Quotes" }</summary><ul class="source-list">{ for a.quotes.iter().map(link) }</ul></details>
                }
                if !a.claims.is_empty() {
                    <details><summary>{ "Claims" }</summary><ul class="source-list">{ for a.claims.iter().map(link) }</ul></details>
                }
            </li>
        }
    };
    html! {
        <section class="sources" aria-label="Sources">
            if summary.actors.is_empty() {
                <p class="empty-list">{ "No actors tagged yet. Tag who speaks or acts, then link each quote and claim to its actor." }</p>
            }
            <ol class="source-actors">{ for summary.actors.iter().map(actor) }</ol>
            if !summary.unattributed_quotes.is_empty() {
                <div class="flagged">
                    <h3>{ format!("⚠ {} quote{} not attributed", summary.unattributed_quotes.len(), plural(summary.unattributed_quotes.len())) }</h3>
                    <p class="hint">{ "Who said these? Open each one and choose who said it." }</p>
                    <ul class="source-list">{ for summary.unattributed_quotes.iter().map(link) }</ul>
                </div>
            }
            if !summary.unattributed_claims.is_empty() {
                <div class="flagged">
                    <h3>{ format!("⚠ {} claim{} without a source", summary.unattributed_claims.len(), plural(summary.unattributed_claims.len())) }</h3>
                    <p class="hint">{ "The article makes these claims itself, or does not say who does." }</p>
                    <ul class="source-list">{ for summary.unattributed_claims.iter().map(link) }</ul>
                </div>
            }
            if !summary.statements.is_empty() {
                <details class="statements" open={summary.statements.len() <= 30}>
                    <summary>{ format!("Quotes and claims in the order they appear ({})", summary.statements.len()) }</summary>
                    <ol class="source-list statement-list">{ for summary.statements.iter().map(statement) }</ol>
                </details>
            }
            <p class="hint">{ "Share of voice counts the quotes attributed to each actor and the words in them. Mentions of one actor are grouped when they are linked to the same actor in the editor." }</p>
        </section>
    }
}

/// What kind of claim it is and where checking it has got to: "Statistic · Supported".
fn claim_status(a: &Annotation) -> String {
    let kind = a.details.claim_type.map_or("Kind not set", |t| t.label());
    let check = a.details.check.unwrap_or(CheckStatus::NotChecked).label();
    format!("({kind} · {check})")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
