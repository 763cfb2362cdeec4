//! Editing one annotation: its tag, its note, its analysis (who said a quote, what kind
//! of claim it is and whether it checks out, which actor a mention names), or deleting
//! it. Where several annotations cover the clicked point, all are offered as tabs.

use crate::browser;
use crate::hooks::in_parts::use_next_frame;
use newsmark_core::{sources, Action, RelationKind};
use newsmark_core::{ActorKind, Annotation, CheckStatus, ClaimType, Details, Document, Entity, Speech, Tag};
use std::sync::Arc;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnnotationEditorProps {
    pub doc: Arc<Document>,
    pub candidates: Vec<String>,
    pub focused: String,
    /// The selection waiting to be tagged, which can become a quote's speaker.
    pub selection: Option<(usize, usize)>,
    pub on_focus: Callback<String>,
    /// Every change goes out as a core action on this document.
    pub on_action: Callback<Action>,
    pub on_close: Callback<()>,
    /// The note being typed for the focused annotation, when it differs from the saved one.
    /// It lives in the app's state, so that closing the editor (Escape too) saves it and
    /// a tab holding one asks before it closes.
    #[prop_or_default]
    pub draft: Option<String>,
    /// The note as typed so far, at every keystroke.
    pub on_draft: Callback<String>,
}

#[function_component]
pub fn AnnotationEditor(props: &AnnotationEditorProps) -> Html {
    // The actors offered as speaker, worked out once per version of the document (not at
    // every keystroke of a note): a long report names thousands.
    // Opening the editor on an annotation not attributed yet (one just made), the speakers
    // to choose from (an option each) come a frame after the new highlight is painted;
    // until then the list shows "Not attributed" only (`None`).
    let all_speakers = use_next_frame(&props.focused);
    let speakers = use_memo((props.doc.clone(), props.focused.clone(), all_speakers), |(doc, id, all)| {
        let annotation = doc.annotation(id).filter(|a| a.tag != Tag::Actor)?;
        (*all || doc.attributed_actor(id).is_some()).then(|| sources::speakers(doc, annotation))
    });
    let note_ref = use_node_ref();
    let Some(annotation) = props.doc.annotation(&props.focused).cloned() else { return html! {} };
    let draft = props.draft.clone().unwrap_or_else(|| annotation.note.clone().unwrap_or_default());
    let doc_id = props.doc.id.clone();
    let id = annotation.id.clone();
    // Saves what the field holds when asked, which may be newer than this render's draft
    // (a blur can come before the last keystroke is rendered).
    let save_note = {
        let (on_action, note_ref, id, doc) = (props.on_action.clone(), note_ref.clone(), id.clone(), doc_id.clone());
        move || {
            if let Some(field) = note_ref.cast::<HtmlTextAreaElement>() {
                on_action.emit(Action::EditNote { doc: doc.clone(), annotation: id.clone(), note: field.value() });
            }
        }
    };
    let oninput = props.on_draft.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let onblur = {
        let save = save_note.clone();
        Callback::from(move |_: FocusEvent| save())
    };
    let onkeydown = {
        let save = save_note.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                save();
            }
        })
    };
    let unsaved = draft != annotation.note.clone().unwrap_or_default();
    let delete = {
        let (on_action, doc, id) = (props.on_action.clone(), doc_id.clone(), id.clone());
        Callback::from(move |_| on_action.emit(Action::DeleteAnnotation { doc: doc.clone(), annotation: id.clone() }))
    };

    html! {
        <section class="editor" aria-label="Edit annotation" tabindex="-1">
            if props.candidates.len() > 1 {
                <div class="editor-tabs" role="tablist" aria-label="Annotations at this point">
                    { for props.candidates.iter().filter_map(|c| props.doc.annotation(c)).map(|a| tab(a, props)) }
                </div>
            }
            <div class="editor-head">
                <span class={classes!("badge", format!("tag-{}", annotation.tag))}>{ annotation.tag.label() }</span>
                <button type="button" class="ghost" aria-label="Close editor" onclick={props.on_close.reform(|_| ())}>{ "×" }</button>
            </div>
            <blockquote class="editor-quote">{ &annotation.exact }</blockquote>
            <fieldset class="editor-tags">
                <legend>{ "Tag" }</legend>
                { for Tag::ALL.iter().map(|&tag| {
                    let (on_action, doc, id) = (props.on_action.clone(), doc_id.clone(), id.clone());
                    html! {
                        <label class={classes!("radio", format!("tag-{tag}"))}>
                            <input type="radio" name="editor-tag" value={tag.as_str()} checked={annotation.tag == tag}
                                onchange={Callback::from(move |_| on_action.emit(Action::Retag { doc: doc.clone(), annotation: id.clone(), tag }))} />
                            { tag.label() }
                        </label>
                    }
                }) }
            </fieldset>
            { match annotation.tag {
                Tag::Quote | Tag::Claim => html! { <>{ attribution(props, &annotation, speakers.as_deref()) }{ analysis(props, &annotation) }</> },
                Tag::Actor => actor(props, &annotation),
            } }
            <label class="editor-note-label" for="editor-note">{ if annotation.tag == Tag::Claim { "Note and evidence" } else { "Note" } }</label>
            <textarea id="editor-note" class="editor-note" rows="3" placeholder="Why this matters, what to check, where the evidence is…"
                value={draft.clone()} {oninput} {onblur} {onkeydown} ref={note_ref} />
            <div class="editor-actions">
                <button type="button" class="primary" disabled={!unsaved} onclick={Callback::from(move |_| save_note())}>
                    { if !unsaved && annotation.note.is_some() { "Note saved" } else { "Save note" } }
                </button>
                <button type="button" class="danger" onclick={delete}>{ "Delete" }</button>
            </div>
        </section>
    }
}

/// "Said by" / "Made by": pick the speaker among the article's actors (`actors`, each
/// once; `None` while they wait for the next frame), or tag the selected words as a new one.
fn attribution(props: &AnnotationEditorProps, a: &Annotation, actors: Option<&[sources::Speaker]>) -> Html {
    let doc = &props.doc;
    let current = doc.relations.iter().find(|r| r.kind == RelationKind::Attribution && r.from == a.id);
    let label = if a.tag == Tag::Quote { "Said by" } else { "Made by" };
    let onchange = {
        let (on_action, doc_id, from, current) =
            (props.on_action.clone(), doc.id.clone(), a.id.clone(), current.map(|r| r.id.clone()));
        Callback::from(move |e: Event| {
            let to = e.target_unchecked_into::<HtmlSelectElement>().value();
            if to.is_empty() {
                if let Some(relation) = current.clone() {
                    on_action.emit(Action::DeleteRelation { doc: doc_id.clone(), relation });
                }
            } else {
                on_action.emit(Action::Attribute {
                    doc: doc_id.clone(),
                    id: browser::new_id("r"),
                    from: from.clone(),
                    to,
                });
            }
        })
    };
    let new_speaker = props.selection.map(|(start, end)| {
        let (on_action, doc_id, from) = (props.on_action.clone(), doc.id.clone(), a.id.clone());
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::AddSpeaker {
                doc: doc_id.clone(),
                from: from.clone(),
                actor: browser::new_id("a"),
                relation: browser::new_id("r"),
                start,
                end,
            });
        })
    });
    html! {
        <div class="field">
            <label for="editor-speaker">{ label }</label>
            <select id="editor-speaker" {onchange}>
                <option value="" selected={current.is_none()}>{ if a.tag == Tag::Quote { "Not attributed: who said it?" } else { "Not attributed" } }</option>
                { for actors.unwrap_or_default().iter().map(|s| html! {
                    <option value={s.mention.clone()} selected={current.is_some_and(|r| r.to == s.mention)}>{ with_mentions(&s.name, s.mentions) }</option>
                }) }
            </select>
            if let Some(onclick) = new_speaker {
                // Pressing the button must not clear the selection it uses.
                <button type="button" class="small" {onclick} onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}>
                    { "The selected words are the speaker" }
                </button>
            } else if actors.is_some_and(|actors| actors.is_empty()) {
                <p class="hint">{ "Tag the speaker as an actor first, or select the speaker's name and come back here." }</p>
            }
        </div>
    }
}

/// An actor's name with how many times the article names it: "Amara Quist (3 mentions)".
fn with_mentions(name: &str, mentions: usize) -> String {
    format!("{name} ({mentions} mention{})", if mentions == 1 { "" } else { "s" })
}

/// Direct or indirect quote; claim type, check status and evidence link.
fn analysis(props: &AnnotationEditorProps, a: &Annotation) -> Html {
    let set = {
        let (on_action, doc, id, details) =
            (props.on_action.clone(), props.doc.id.clone(), a.id.clone(), a.details.clone());
        move |change: &dyn Fn(&mut Details)| {
            let mut details = details.clone();
            change(&mut details);
            on_action.emit(Action::SetDetails { doc: doc.clone(), annotation: id.clone(), details });
        }
    };
    match a.tag {
        Tag::Quote => {
            let radio = |speech: Speech, label: &str| {
                let set = set.clone();
                html! {
                    <label class="radio">
                        <input type="radio" name="editor-speech" checked={a.details.speech == Some(speech)}
                            onchange={Callback::from(move |_| set(&|d: &mut Details| d.speech = Some(speech)))} />
                        { label }
                    </label>
                }
            };
            html! {
                <fieldset class="editor-tags">
                    <legend>{ "Quote" }</legend>
                    { radio(Speech::Direct, "Direct (their words)") }
                    { radio(Speech::Indirect, "Indirect (reported)") }
                </fieldset>
            }
        }
        Tag::Claim => {
            let on_type = {
                let set = set.clone();
                Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                    let t = ClaimType::ALL.into_iter().find(|t| format!("{t:?}") == v);
                    set(&|d: &mut Details| d.claim_type = t);
                })
            };
            let on_check = {
                let set = set.clone();
                Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                    let c = CheckStatus::ALL.into_iter().find(|c| format!("{c:?}") == v);
                    set(&|d: &mut Details| d.check = c);
                })
            };
            let on_url =
                Callback::from(move |url: Option<String>| set(&|d: &mut Details| d.evidence_url = url.clone()));
            html! {
                <div class="field-grid">
                    <label for="editor-claim-type">{ "Kind of claim" }</label>
                    <select id="editor-claim-type" onchange={on_type}>
                        <option value="" selected={a.details.claim_type.is_none()}>{ "Not set" }</option>
                        { for ClaimType::ALL.iter().map(|t| html! {
                            <option value={format!("{t:?}")} selected={a.details.claim_type == Some(*t)}>{ t.label() }</option>
                        }) }
                    </select>
                    <label for="editor-check">{ "Check" }</label>
                    <select id="editor-check" onchange={on_check}>
                        { for CheckStatus::ALL.iter().map(|c| html! {
                            <option value={format!("{c:?}")} selected={a.details.check.unwrap_or(CheckStatus::NotChecked) == *c}>{ c.label() }</option>
                        }) }
                    </select>
                    <EvidenceLink key={a.id.clone()} saved={a.details.evidence_url.clone()} on_change={on_url} />
                </div>
            }
        }
        Tag::Actor => html! {},
    }
}

#[derive(Properties, PartialEq)]
struct EvidenceLinkProps {
    saved: Option<String>,
    /// A web address to save, or `None` to remove the link.
    on_change: Callback<Option<String>>,
}

/// The link to a claim's evidence. Only a web address is saved as a link
/// ([`newsmark_core::model::is_web_address`]); anything else is kept in the field and
/// the person is told why it was not saved.
#[function_component]
fn EvidenceLink(props: &EvidenceLinkProps) -> Html {
    let refused = use_state(|| None::<String>);
    let onchange = {
        let (refused, on_change, saved) = (refused.clone(), props.on_change.clone(), props.saved.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value().trim().to_owned();
            if v.is_empty() || newsmark_core::model::is_web_address(&v) {
                refused.set(None);
                let url = Some(v).filter(|v| !v.is_empty());
                if url != saved {
                    on_change.emit(url);
                }
            } else {
                refused.set(Some(v));
            }
        })
    };
    html! {
        <>
            <label for="editor-evidence">{ "Evidence link" }</label>
            <input id="editor-evidence" type="url" placeholder="https://…" value={(*refused).clone().or_else(|| props.saved.clone()).unwrap_or_default()} {onchange}
                aria-invalid={refused.is_some().then_some("true")} aria-describedby={refused.is_some().then_some("evidence-problem")} />
            if let Some(text) = &*refused {
                <p class="form-error field-wide" id="evidence-problem" role="alert">
                    { format!("“{text}” is not a web address, so it was not saved as a link. A link starts with https:// or http://; put other sources in the note.") }
                </p>
            }
        </>
    }
}

/// Which actor a mention names, and what kind of actor it is.
fn actor(props: &AnnotationEditorProps, a: &Annotation) -> Html {
    let doc = &props.doc;
    let entity = a.details.entity.as_deref().and_then(|e| doc.entity(e)).cloned();
    let on_entity = {
        let (on_action, doc_id, mention) = (props.on_action.clone(), doc.id.clone(), a.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            let entity = match v.as_str() {
                "" => None,
                // The actor named like the mention, made only if no actor has that name.
                "new" => {
                    let entity = browser::new_id("e");
                    return on_action.emit(Action::NameActor {
                        doc: doc_id.clone(),
                        mention: mention.id.clone(),
                        entity,
                    });
                }
                id => Some(id.to_owned()),
            };
            let details = Details { entity, ..mention.details.clone() };
            on_action.emit(Action::SetDetails { doc: doc_id.clone(), annotation: mention.id.clone(), details });
        })
    };
    let on_kind = entity.clone().map(|current| {
        let (on_action, doc_id) = (props.on_action.clone(), doc.id.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(kind) = ActorKind::ALL.into_iter().find(|k| format!("{k:?}") == v) {
                on_action.emit(Action::PutEntity { doc: doc_id.clone(), entity: Entity { kind, ..current.clone() } });
            }
        })
    });
    let on_name = entity.clone().map(|current| {
        let (on_action, doc_id) = (props.on_action.clone(), doc.id.clone());
        Callback::from(move |e: Event| {
            let name = e.target_unchecked_into::<HtmlInputElement>().value().trim().to_owned();
            if !name.is_empty() {
                on_action.emit(Action::PutEntity { doc: doc_id.clone(), entity: Entity { name, ..current.clone() } });
            }
        })
    });
    let mentions = doc.reading().mentions_per_entity();
    // No second actor of a name: once one exists, it is offered instead.
    let new_name = doc.reading().entity_named(&a.exact).is_none().then(|| a.exact.trim().to_owned());
    html! {
        <div class="field-grid">
            <label for="editor-entity">{ "Actor" }</label>
            <select id="editor-entity" onchange={on_entity}>
                <option value="" selected={entity.is_none()}>{ "Only this mention" }</option>
                { for doc.entities.iter().map(|e| html! {
                    <option value={e.id.clone()} selected={entity.as_ref().is_some_and(|x| x.id == e.id)}>
                        { with_mentions(&e.name, mentions.get(e.id.as_str()).copied().unwrap_or(0)) }
                    </option>
                }) }
                if let Some(name) = new_name {
                    <option value="new">{ format!("A new actor named “{name}”") }</option>
                }
            </select>
            if let (Some(entity), Some(on_kind), Some(on_name)) = (entity, on_kind, on_name) {
                <label for="editor-entity-name">{ "Name" }</label>
                <input id="editor-entity-name" type="text" value={entity.name.clone()} onchange={on_name} />
                <label for="editor-entity-kind">{ "Kind" }</label>
                <select id="editor-entity-kind" onchange={on_kind}>
                    { for ActorKind::ALL.iter().map(|k| html! {
                        <option value={format!("{k:?}")} selected={entity.kind == *k}>{ k.label() }</option>
                    }) }
                </select>
            }
        </div>
    }
}

fn tab(a: &Annotation, props: &AnnotationEditorProps) -> Html {
    let selected = a.id == props.focused;
    let id = a.id.clone();
    let short: String = a.exact.chars().take(24).collect();
    html! {
        <button type="button" role="tab" aria-selected={selected.to_string()}
            class={classes!("editor-tab", format!("tag-{}", a.tag), selected.then_some("selected"))}
            onclick={props.on_focus.reform(move |_| id.clone())}>
            <span class="tab-tag">{ a.tag.label() }</span>{ " " }{ short }
        </button>
    }
}
