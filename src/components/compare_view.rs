//! Class comparison: several annotation sets of the same article side by side, as a
//! heat map over the text, pairwise F1, Krippendorff's alpha per tag, and the passages
//! annotators disagree on most.

use crate::background;
use crate::browser;
use newsmark_core::agreement::MATCHING_RULE;
use newsmark_core::agreement::{self, Coverage};
use newsmark_core::{offsets, segments, Document, Tag};
use std::collections::HashMap;
use std::sync::Arc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareViewProps {
    /// Every library document with the same text as the open one (the open one first),
    /// or a live class's work (the key first).
    pub sets: Vec<Arc<Document>>,
    /// Read more sets from files (they join the library); `None` where the sets come from
    /// elsewhere (a class server), and no file is offered.
    pub on_files: Option<Callback<Vec<gloo::file::File>>>,
    pub on_close: Callback<()>,
    /// The article's title in the heading (the first set's title when not given).
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// What the close button says.
    #[prop_or(AttrValue::Static("Back to the article"))]
    pub close_label: AttrValue,
    /// Where the sets come from, under their list (the library's rule when not given).
    #[prop_or_default]
    pub sets_hint: Option<AttrValue>,
}

/// The id of the suggester's set in the comparison (never a library document's: those have a prefix and a dash).
const SUGGESTER: &str = "suggester";
const SUGGESTER_TITLE: &str = "Suggester (rules, not a person)";

#[function_component]
pub fn CompareView(props: &CompareViewProps) -> Html {
    // The sets the person ticked or unticked; the others are in while they have an
    // annotation, so that a student's blank copy starts out of the comparison and joins it
    // once work arrives (in a live class). The suggester is out until it is chosen.
    let chosen_by_hand = use_state(HashMap::<String, bool>::new);
    let included =
        |d: &Document| chosen_by_hand.get(&d.id).copied().unwrap_or(d.id != SUGGESTER && !d.annotations.is_empty());
    // The machine as one more annotator: the suggester's quotes, speakers and claim cues,
    // where the open document allows suggestions, worked out by the background worker
    // once it is chosen (the list says it is working until then).
    let offered = props.sets.first().is_some_and(|d| newsmark_core::suggest::allowed(d));
    let machine_on = offered && chosen_by_hand.get(SUGGESTER) == Some(&true);
    let found = use_state(|| None::<Arc<Document>>);
    {
        let found = found.clone();
        use_effect_with((props.sets.first().cloned(), machine_on), move |(first, on)| {
            found.set(None);
            if let Some(first) = first.clone().filter(|_| *on) {
                yew::platform::spawn_local(async move {
                    // A failure leaves the suggester working and out of the comparison;
                    // choosing it again tries again.
                    if let Ok((suggestions, _)) = background::suggest(&first.text).await {
                        let doc = suggestions.document(SUGGESTER, SUGGESTER_TITLE, &first.text, first.created);
                        found.set(Some(Arc::new(doc)));
                    }
                });
            }
        });
    }
    let machine = (*found).clone().filter(|m| machine_on && props.sets.first().is_some_and(|f| f.text == m.text));
    let suggesting = machine_on && machine.is_none();
    let sets: Vec<Arc<Document>> = props.sets.iter().cloned().chain(machine).collect();
    let tag = use_state(|| Tag::Quote);
    let chosen: Vec<&Document> = sets.iter().map(|d| &**d).filter(|d| included(d)).collect();
    let Some(first) = props.sets.first() else { return html! {} };
    let text = first.text.clone();
    let len = offsets::cp_len(&text);

    let toggle = |id: String, now_in: bool| {
        let by_hand = chosen_by_hand.clone();
        Callback::from(move |_: Event| {
            let mut next = (*by_hand).clone();
            next.insert(id.clone(), !now_in);
            by_hand.set(next);
        })
    };
    let on_files = props.on_files.clone().map(|on_files| {
        let input = Callback::from(move |e: Event| on_files.emit(browser::chosen_files(&e)));
        html! {
            <label class="button">
                { "Add sets from files…" }
                <input id="compare-files" type="file" multiple=true accept=".json,.jsonld,.jsonl,.zip" class="visually-hidden" onchange={input} />
            </label>
        }
    });
    let figures = (chosen.len() >= 2).then(|| {
        let f1 = agreement::pairwise_f1(&chosen);
        let alphas: Vec<(Tag, Option<f64>)> = Tag::ALL.iter().map(|&t| (t, agreement::alpha(len, &chosen, t))).collect();
        let disputed = agreement::disputed(len, &chosen, 8);
        html! {
            <div class="figures">
                <h3>{ "Pairwise F1" }</h3>
                <table class="matrix" aria-label="Pairwise F1">
                    <thead><tr><th></th>{ for chosen.iter().enumerate().map(|(i, _)| html! { <th scope="col">{ i + 1 }</th> }) }</tr></thead>
                    <tbody>
                        { for chosen.iter().enumerate().map(|(i, d)| html! {
                            <tr>
                                <th scope="row">{ format!("{} {}", i + 1, d.title) }</th>
                                { for f1[i].iter().map(|v| html! { <td>{ v.map_or("–".into(), |v| format!("{:.2}", v)) }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
                <h3>{ "Krippendorff's alpha" }</h3>
                <ul class="alphas">
                    { for alphas.iter().map(|(t, a)| html! {
                        <li data-tag={t.as_str()}><span class={classes!("badge", format!("tag-{t}"))}>{ t.label() }</span>{ " " }
                            <strong>{ a.map_or("–".into(), |a| format!("{a:.3}")) }</strong></li>
                    }) }
                </ul>
                <p class="hint">
                    { "Pairwise F1 compares two annotators' spans with the matching rule below, treating one as the key (F1 is the same either way). " }
                    { "Krippendorff's alpha is computed per tag over the characters of the article: each character is a unit, and an annotator's value for it is 1 if one of their spans with that tag covers it, else 0 (nominal). 1 is perfect agreement, 0 is what chance would give, below 0 is systematic disagreement. " }
                    { MATCHING_RULE }
                </p>
                <h3>{ "Most disputed passages" }</h3>
                if disputed.is_empty() {
                    <p class="hint">{ "The annotators agree everywhere." }</p>
                }
                <ol class="disputed">
                    { for disputed.iter().map(|d| {
                        let passage = offsets::slice(&text, d.range.start, d.range.end).unwrap_or_default().to_owned();
                        let start = d.range.start;
                        html! {
                            <li>
                                <span class={classes!("badge", format!("tag-{}", d.tag))}>{ d.tag.label() }</span>
                                { format!(" {} of {} tagged ", d.tagged_by, d.annotators) }
                                <button type="button" class="link-text" onclick={Callback::from(move |_| scroll_heat(start))}>{ format!("“{passage}”") }</button>
                                <ul class="who-tagged" aria-label="Who tagged it, and how">
                                    { for chosen.iter().map(|doc| {
                                        let tags = agreement::tags_over(*doc, &d.range);
                                        html! {
                                            <li class={classes!(tags.is_empty().then_some("untagged"))}>
                                                <span class="who">{ newsmark_core::gradebook::student_name(doc) }</span>{ ": " }
                                                if tags.is_empty() {
                                                    <span class="not-tagged">{ "not tagged" }</span>
                                                } else {
                                                    { for tags.iter().map(|t| html! { <span class={classes!("badge", format!("tag-{t}"))}>{ t.label() }</span> }) }
                                                }
                                            </li>
                                        }
                                    }) }
                                </ul>
                            </li>
                        }
                    }) }
                </ol>
            </div>
        }
    });
    let heat =
        (!chosen.is_empty()).then(|| heat_map(&text, &agreement::coverage(len, &chosen, *tag), chosen.len(), *tag));
    let tag_button = |t: Tag| {
        let state = tag.clone();
        let pressed = *tag == t;
        html! {
            <button type="button" class={classes!("chip", format!("tag-{t}"), pressed.then_some("pressed"))} aria-pressed={pressed.to_string()}
                onclick={Callback::from(move |_| state.set(t))}>{ t.label() }</button>
        }
    };

    html! {
        <section class="compare" aria-label="Compare annotators">
            <div class="compare-head">
                <h1>{ format!("Compare annotations of “{}”", props.title.as_deref().unwrap_or(&first.title)) }</h1>
                <button type="button" onclick={props.on_close.reform(|_| ())}>{ props.close_label.clone() }</button>
            </div>
            <div class="compare-grid">
                <div>
                    <h3>{ format!("Annotation sets ({} chosen)", chosen.len()) }</h3>
                    <ul class="sets">
                        { for sets.iter().enumerate().map(|(i, d)| html! {
                            <li class={classes!((d.id == SUGGESTER).then_some("machine"))}>
                                <label>
                                    <input type="checkbox" id={(d.id == SUGGESTER).then_some("compare-suggester")}
                                        checked={included(d)} onchange={toggle(d.id.clone(), included(d))} />
                                    { format!(" {} {} ({} annotations)", i + 1, d.title, d.annotations.len()) }
                                </label>
                            </li>
                        }) }
                        if suggesting {
                            <li class="machine" aria-busy="true">
                                <label>
                                    <input type="checkbox" id="compare-suggester" checked=true onchange={toggle(SUGGESTER.to_owned(), true)} />
                                    { format!(" {} {SUGGESTER_TITLE} (working…)", sets.len() + 1) }
                                </label>
                            </li>
                        }
                        if offered && !machine_on {
                            <li class="machine">
                                <label>
                                    <input type="checkbox" id="compare-suggester" checked=false onchange={toggle(SUGGESTER.to_owned(), false)} />
                                    { format!(" {} {SUGGESTER_TITLE}", sets.len() + 1) }
                                </label>
                            </li>
                        }
                    </ul>
                    { for on_files }
                    <p class="hint">{ props.sets_hint.clone().unwrap_or(AttrValue::Static("Every article in your library with exactly this text is listed. Add students' or colleagues' files to compare them.")) }</p>
                    if offered {
                        <p class="hint">{ "The suggester is Newsmark's rules for quotes, speakers and claim cues: choose it to see where the machine agrees with people and where it does not, scored by the same rule." }</p>
                    }
                    if chosen.len() < 2 {
                        <p class="notice-inline">{ "Choose at least two sets to see agreement figures." }</p>
                    }
                    { for figures }
                </div>
                <div>
                    <div class="row heat-tags" role="group" aria-label="Tag shown in the heat map">
                        { tag_button(Tag::Claim) }{ tag_button(Tag::Quote) }{ tag_button(Tag::Actor) }
                    </div>
                    <p class="hint">{ format!("Darker means more of the {} annotators tagged the passage as a {}.", chosen.len(), tag.as_str()) }</p>
                    { for heat }
                </div>
            </div>
        </section>
    }
}

/// The article with each stretch shaded by how many annotators tagged it.
fn heat_map(text: &str, coverage: &[Coverage], annotators: usize, tag: Tag) -> Html {
    let paragraphs = segments::paragraphs(text);
    html! {
        <article class={classes!("heat", format!("heat-{tag}"))} aria-label="Agreement heat map">
            { for paragraphs.iter().map(|p| {
                let runs: Vec<_> = coverage
                    .iter()
                    .filter(|c| c.range.end > p.start && c.range.start < p.end)
                    .map(|c| (c.range.start.max(p.start), c.range.end.min(p.end), c.count))
                    .collect();
                html! {
                    <p>
                        { for runs.into_iter().map(|(s, e, count)| {
                            let piece = offsets::slice(text, s, e).unwrap_or_default().to_owned();
                            let level = if annotators == 0 { 0.0 } else { count as f64 / annotators as f64 };
                            let style = (count > 0).then(|| format!("--level: {level:.3}"));
                            let title = format!("{count} of {annotators}");
                            html! { <span data-h={s.to_string()} class={classes!((count > 0).then_some("heat-run"))} {style} {title}>{ piece }</span> }
                        }) }
                    </p>
                }
            }) }
        </article>
    }
}

fn scroll_heat(start: usize) {
    let document = gloo::utils::document();
    let Ok(runs) = document.query_selector_all("[data-h]") else { return };
    let mut target = None;
    for i in 0..runs.length() {
        let Some(node) = runs.item(i) else { continue };
        let el: web_sys::Element = wasm_bindgen::JsCast::unchecked_into(node);
        match el.get_attribute("data-h").and_then(|s| s.parse::<usize>().ok()) {
            Some(s) if s <= start => target = Some(el),
            _ => break,
        }
    }
    if let Some(el) = target {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
