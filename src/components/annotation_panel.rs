//! The side panel: counts per tag, the tag filter, the editor, and every annotation in text order.

use super::annotation_editor::AnnotationEditor;
use super::exercise_view::ExerciseView;
use super::sources_view::SourcesView;
use crate::hooks::in_parts::{use_in_parts, use_next_frame};
use newsmark_core::search::Query;
use newsmark_core::{Action, Document, Tag};
use std::sync::Arc;
use yew::prelude::*;

/// How many entries the list shows at first, and adds with each "Show more": a long
/// report has thousands, and the page stays quick by not building them all.
const PAGE: usize = 200;
/// Entries drawn in the first render of a document's list, and with each later task, up
/// to the page's (see [`crate::hooks::in_parts`]).
const FIRST_ENTRIES: usize = 50;
/// Entries shown on each side of the one being edited when it lies beyond the first ones.
const NEIGHBOURS: usize = 5;

#[derive(Properties, PartialEq)]
pub struct AnnotationPanelProps {
    pub doc: Arc<Document>,
    pub filter: Option<Tag>,
    /// The search, and how to change it.
    pub query: AttrValue,
    pub on_query: Callback<String>,
    pub candidates: Vec<String>,
    pub focused: Option<String>,
    pub on_filter: Callback<Option<Tag>>,
    /// An entry in the list was chosen.
    pub on_pick: Callback<String>,
    pub on_focus: Callback<String>,
    /// Edits from the editor and the views, as core actions.
    pub on_action: Callback<Action>,
    pub on_close: Callback<()>,
    /// The selection waiting to be tagged, where an orphan can be placed instead.
    pub selection: Option<(usize, usize)>,
    /// Place an orphan at the selection (`true`) or drop it (`false`).
    pub on_orphan: Callback<(String, bool)>,
    /// Mark a span of the text that is no annotation (a missed key span)…
    #[prop_or_default]
    pub on_mark: Callback<(usize, usize)>,
    /// …and the span marked.
    #[prop_or_default]
    pub marked: Option<(usize, usize)>,
    /// The note being typed in the editor, and each keystroke of it.
    #[prop_or_default]
    pub note_draft: Option<String>,
    pub on_note_draft: Callback<String>,
    /// Class work after Reveal: open the class picture.
    #[prop_or_default]
    pub on_class_picture: Option<Callback<()>>,
}

#[derive(Clone, Copy, PartialEq)]
enum View {
    Annotations,
    Sources,
}

#[function_component]
pub fn AnnotationPanel(props: &AnnotationPanelProps) -> Html {
    let view = use_state(|| View::Annotations);
    // Who each annotation is attributed to, worked out once per version of the document.
    let speakers = use_memo(props.doc.clone(), |doc| speaker_names(doc));
    // Annotations added or changed since the first check of an exercise are marked.
    let after_check = use_memo(props.doc.clone(), |doc| {
        newsmark_core::exercise::after_check(doc).map(|s| s.annotations).unwrap_or_default()
    });
    let limit = use_state(|| PAGE);
    let tab = |v: View, label: &str| {
        let view = view.clone();
        let selected = *view == v;
        html! {
            <button type="button" role="tab" aria-selected={selected.to_string()} class={classes!("panel-tab", selected.then_some("selected"))}
                onclick={Callback::from(move |_| view.set(v))}>{ label }</button>
        }
    };
    let tabs = html! {
        <div class="panel-tabs" role="tablist" aria-label="Side panel">
            { tab(View::Annotations, "Annotations") }
            { tab(View::Sources, "Sources") }
        </div>
    };
    // Exercises are the whole app's (the first load hands an exercise over to it).
    let exercise = props.doc.assignment.is_some().then(|| {
        full_only!(Html, {
            html! {
                <ExerciseView doc={props.doc.clone()} on_action={props.on_action.clone()} on_pick={props.on_pick.clone()}
                    on_mark={props.on_mark.clone()} marked={props.marked} focused={props.focused.clone()}
                    on_class_picture={props.on_class_picture.clone()} />
            }
        })
    });
    let counts = props.doc.counts();
    let total: usize = counts.iter().sum();
    let chip = |tag: Option<Tag>, label: String| {
        let pressed = props.filter == tag;
        let on_filter = props.on_filter.clone();
        html! {
            <button type="button" class={classes!("chip", tag.map(|t| format!("tag-{t}")), pressed.then_some("pressed"))}
                aria-pressed={pressed.to_string()} onclick={Callback::from(move |_| on_filter.emit(tag))}>
                { label }
            </button>
        }
    };
    let query = Query::new(&props.query);
    let shown: Vec<_> = props
        .doc
        .annotations
        .iter()
        .zip(speakers.iter())
        .filter(|(a, speaker)| props.filter.is_none_or(|t| t == a.tag) && query.matches(a, speaker.as_deref()))
        .collect();
    // The first entries, and, if the one being edited lies beyond them, it and a few
    // neighbours, with a gap between that says how many are skipped.
    let head = (*limit).min(shown.len());
    let focus_at = props.focused.as_ref().and_then(|f| shown.iter().position(|(a, _)| a.id == *f));
    // The neighbours come a frame after the entry itself, so that a new annotation's
    // highlight is painted first.
    let neighbours = if use_next_frame(&props.focused) { NEIGHBOURS } else { 0 };
    let near = focus_at
        .filter(|&at| at >= head)
        .map(|at| at.saturating_sub(neighbours).max(head)..(at + neighbours + 1).min(shown.len()));
    let listed = near.as_ref().map_or(head, |r| r.end);
    let skipped = near.as_ref().map_or(0, |r| r.start - head);
    let more = shown.len() - listed;
    // A long list is drawn a part per task (the first entries at once).
    let drawn = use_in_parts(&props.doc.id, FIRST_ENTRIES, FIRST_ENTRIES, head, 0);
    let entries: Vec<_> = shown.iter().take(head).chain(near.clone().map_or(&shown[..0], |r| &shown[r])).collect();
    if *view == View::Sources {
        return html! {
            <aside class="panel" aria-label="Sources">
                { tabs }
                <SourcesView doc={props.doc.clone()} on_pick={props.on_pick.clone()} />
            </aside>
        };
    }
    let item = |&&(a, speaker): &&(&newsmark_core::Annotation, &Option<String>)| {
        let id = a.id.clone();
        let selected = props.focused.as_deref() == Some(a.id.as_str());
        // Escape goes back to the text, with the caret at this annotation.
        let start = a.start;
        let back_to_text = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                crate::browser::focus_text(Some(start));
            }
        });
        let later = after_check.contains(&a.id);
        html! {
            <li key={a.id.clone()}>
                <button type="button" class={classes!("entry", selected.then_some("selected"))}
                    data-annotation={a.id.clone()} onclick={props.on_pick.reform(move |_| id.clone())} onkeydown={back_to_text}>
                    <span class={classes!("badge", format!("tag-{}", a.tag))}>{ a.tag.label() }</span>
                    <span class="entry-text">{ &a.exact }</span>
                    if let Some(name) = speaker {
                        <span class="entry-actor">{ if a.tag == Tag::Quote { "said by " } else { "claimed by " } }<strong>{ name }</strong></span>
                    }
                    if let Some(note) = &a.note {
                        <span class="entry-note">{ note }</span>
                    }
                    if later {
                        <span class="after-check-mark">{ "changed after checking" }</span>
                    }
                </button>
            </li>
        }
    };
    let text_hits = if query.is_empty() { 0 } else { query.hits(&props.doc.text).len() };
    let on_search =
        props.on_query.reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
    let search = html! {
        <div class="search" role="search">
            <label for="search" class="visually-hidden">{ "Search the article and notes" }</label>
            <input id="search" type="search" placeholder="Search the article and notes" value={props.query.clone()} oninput={on_search} />
            if !query.is_empty() {
                <p class="search-count" aria-live="polite">{ format!("{} in the text, {} annotation{}", text_hits, shown.len(), if shown.len() == 1 { "" } else { "s" }) }</p>
            }
        </div>
    };

    html! {
        <aside class="panel" aria-label="Annotations">
            { tabs }
            // The editor comes first, so that it opens where the panel is seen, not under
            // an exercise's feedback or a long list.
            if let Some(focused) = props.focused.clone() {
                <AnnotationEditor doc={props.doc.clone()} candidates={props.candidates.clone()} {focused}
                    selection={props.selection} on_focus={props.on_focus.clone()} on_action={props.on_action.clone()}
                    on_close={props.on_close.clone()} draft={props.note_draft.clone()} on_draft={props.on_note_draft.clone()} />
            }
            { for exercise }
            { search }
            <div class="filters" role="group" aria-label="Show annotations">
                { chip(None, format!("All {total}")) }
                { for Tag::ALL.iter().map(|&t| chip(Some(t), format!("{} {}", t.label(), counts[t as usize]))) }
            </div>
            if !props.doc.orphans.is_empty() {
                <section class="orphans" aria-label="Annotations not placed">
                    <h3>{ format!("{} imported annotation{} not found in this text",
                        props.doc.orphans.len(), if props.doc.orphans.len() == 1 { " was" } else { "s were" }) }</h3>
                    <p class="hint">{ "Select the right words in the article and choose Place, or drop the annotation." }</p>
                    <ul>
                        { for props.doc.orphans.iter().map(|o| {
                            let (place, drop) = (props.on_orphan.clone(), props.on_orphan.clone());
                            let (id1, id2) = (o.id.clone(), o.id.clone());
                            html! {
                                <li key={o.id.clone()} class="orphan" data-orphan={o.id.clone()}>
                                    <span class={classes!("badge", format!("tag-{}", o.tag))}>{ o.tag.label() }</span>
                                    <span class="entry-text">{ &o.exact }</span>
                                    if let Some(note) = &o.note {
                                        <span class="entry-note">{ note }</span>
                                    }
                                    <span class="row">
                                        <button type="button" class="small" disabled={props.selection.is_none()}
                                            title="Place it on the words selected in the article"
                                            onclick={Callback::from(move |_| place.emit((id1.clone(), true)))}>{ "Place at selection" }</button>
                                        <button type="button" class="small danger" onclick={Callback::from(move |_| drop.emit((id2.clone(), false)))}>{ "Drop" }</button>
                                    </span>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }
            if shown.is_empty() {
                <p class="empty-list">{ if total == 0 {
                    "No annotations yet. Select words in the article, then choose Claim, Quote or Actor (or press C, Q or A)."
                } else if query.is_empty() {
                    "No annotations with this tag."
                } else {
                    "No annotations match the search."
                } }</p>
            } else {
                // Every item keyed, the gap too, and in one list: an edit then adds or
                // removes only the entries it touches. (An unkeyed `if` among them would
                // have yew match the items by position from the end, rebuilding them all
                // whenever the gap or the entries after it came or went.)
                <ol class="annotation-list">
                    { for entries[..drawn].iter().map(&item)
                        .chain((skipped > 0).then(|| html! {
                            <li key="gap" class="gap" aria-hidden="true">{ format!("… {skipped} more …") }</li>
                        }))
                        .chain(entries[head..].iter().map(&item)) }
                </ol>
                if more + skipped > 0 {
                    <button type="button" class="show-more" onclick={{ let limit = limit.clone(); Callback::from(move |_| limit.set(head + PAGE)) }}>
                        { format!("Show {} more ({} not shown)", (more + skipped).min(PAGE), more + skipped) }
                    </button>
                }
            }
        </aside>
    }
}

/// The name of the actor each annotation is attributed to, in the order of the annotations.
fn speaker_names(doc: &Document) -> Vec<Option<String>> {
    doc.attributed_actors().into_iter().map(|actor| actor.map(|a| doc.actor_name(a).to_owned())).collect()
}
