//! Annotations changed differently on two devices: every version described (tag, text,
//! note), for the student to pick the one to keep. Until then nothing is lost.

use newsmark_core::class::records::Conflict;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConflictsViewProps {
    pub conflicts: Vec<Conflict>,
    /// Keep this version (record, revision).
    pub on_pick: Callback<(String, String)>,
}

#[function_component]
pub fn ConflictsView(props: &ConflictsViewProps) -> Html {
    html! {
        <section class="conflicts" id="conflicts" aria-labelledby="conflicts-title">
            <h2 id="conflicts-title">{ "Changed on two devices: pick one" }</h2>
            <p>{ "These annotations were changed differently on two of your devices. Both versions are kept until you pick the one to keep; the other device then shows your choice." }</p>
            { for props.conflicts.iter().map(|conflict| html! {
                <div class="conflict" key={conflict.record.clone()}>
                    <ol class="conflict-versions">
                        { for conflict.versions.iter().enumerate().map(|(i, version)| {
                            let a = &version.annotation;
                            let pick = {
                                let (on_pick, record, rev) = (props.on_pick.clone(), conflict.record.clone(), version.rev.clone());
                                Callback::from(move |_: MouseEvent| on_pick.emit((record.clone(), rev.clone())))
                            };
                            html! {
                                <li class="conflict-version" key={version.rev.clone()}>
                                    <p>
                                        <span class={classes!("tag-chip", format!("t-{}", a.tag.as_str()))}>{ a.tag.label() }</span>
                                        { format!(" “{}”", a.exact) }
                                    </p>
                                    <p class="conflict-note">
                                        { match a.note.as_deref().filter(|n| !n.is_empty()) {
                                            Some(note) => format!("Note: {note}"),
                                            None => "No note.".to_owned(),
                                        } }
                                    </p>
                                    <button type="button" class="small" onclick={pick}
                                        aria-label={format!("Keep this one (version {} of “{}”)", i + 1, a.exact)}>{ "Keep this one" }</button>
                                </li>
                            }
                        }) }
                    </ol>
                </div>
            }) }
        </section>
    }
}
