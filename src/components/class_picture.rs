//! A student's "Class picture" after Reveal: the Compare view on the answer key and the
//! class's readings the teacher published (numbered or named, as the teacher chose).

use super::compare_view::CompareView;
use crate::class_reveal;
use newsmark_core::Document;
use std::sync::Arc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClassPictureProps {
    pub server: AttrValue,
    pub class: AttrValue,
    /// The student's copy: its text is the article the readings are over.
    pub doc: Arc<Document>,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn ClassPicture(props: &ClassPictureProps) -> Html {
    // The readings, or why they could not be read.
    let sets = use_state(|| None::<Result<(Vec<Arc<Document>>, bool), String>>);
    {
        let (sets, server, class, doc) = (sets.clone(), props.server.clone(), props.class.clone(), props.doc.clone());
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let read = match class_reveal::fetch(&server, &class).await {
                    Ok(Some(record)) => class_reveal::read(&doc, &record)
                        .map(|r| (r.documents(&doc).into_iter().map(Arc::new).collect(), r.anonymised)),
                    Ok(None) => Err("Your teacher has not revealed the class picture yet.".to_owned()),
                    Err(why) => Err(why.to_string()),
                };
                sets.set(Some(read));
            });
        });
    }
    match &*sets {
        None => {
            html! { <section class="compare" aria-label="Class picture"><p class="hint">{ "Reading the class picture…" }</p></section> }
        }
        Some(Err(why)) => html! {
            <section class="compare" aria-label="Class picture">
                <div class="compare-head">
                    <h1>{ "Class picture" }</h1>
                    <button type="button" onclick={props.on_close.reform(|_| ())}>{ "Back to the article" }</button>
                </div>
                <p class="notice-inline" id="class-picture-unreadable" role="alert">{ why }</p>
            </section>
        },
        Some(Ok((sets, anonymised))) => {
            let hint = if *anonymised {
                "The answer key and the class's work as your teacher published it, numbered so that no one is named."
            } else {
                "The answer key and the class's work as your teacher published it."
            };
            html! {
                <CompareView sets={sets.clone()} on_files={None::<Callback<Vec<gloo::file::File>>>} title={AttrValue::from(props.doc.title.clone())}
                    on_close={props.on_close.clone()} sets_hint={AttrValue::Static(hint)} />
            }
        }
    }
}
