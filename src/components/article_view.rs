//! The reading view: the article in paragraphs, with its annotations drawn as highlights.
//!
//! Each paragraph is its own component with plain-data props, so an edit re-renders
//! only the paragraphs whose highlights changed.

use crate::browser;
use newsmark_core::{segments, Document, Tag};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// An annotation as one paragraph draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanView {
    /// Code points, relative to the paragraph (clipped to it).
    pub start: usize,
    pub end: usize,
    pub tag: Tag,
    pub focused: bool,
    pub offered: bool,
}

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub doc: Rc<Document>,
    pub filter: Option<Tag>,
    pub focused: Option<String>,
    pub candidates: Vec<String>,
    /// The person finished selecting text: the selection in code points, if any.
    pub on_select_text: Callback<Option<(usize, usize)>>,
    /// The person clicked the text at this code point without selecting.
    pub on_click_at: Callback<usize>,
}

struct Paragraph {
    start: usize,
    end: usize,
    text: Rc<str>,
}

#[function_component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let article_ref = use_node_ref();
    let paragraphs = use_memo(props.doc.text.clone(), |text| {
        let ranges = segments::paragraphs(text);
        let index = newsmark_core::offsets::OffsetIndex::new(text);
        ranges
            .into_iter()
            .map(|r| {
                let from = index.cp_to_byte(r.start).expect("paragraphs lie inside the text");
                let to = index.cp_to_byte(r.end).expect("paragraphs lie inside the text");
                Paragraph { start: r.start, end: r.end, text: Rc::from(&text[from..to]) }
            })
            .collect::<Vec<_>>()
    });

    // Distribute the visible annotations over the paragraphs they touch.
    let mut spans: Vec<Vec<SpanView>> = vec![Vec::new(); paragraphs.len()];
    for a in props.doc.annotations.iter().filter(|a| props.filter.is_none_or(|t| t == a.tag)) {
        let first = paragraphs.partition_point(|p| p.end <= a.start);
        for (i, p) in paragraphs.iter().enumerate().skip(first) {
            if p.start >= a.end {
                break;
            }
            spans[i].push(SpanView {
                start: a.start.saturating_sub(p.start),
                end: a.end.min(p.end) - p.start,
                tag: a.tag,
                focused: props.focused.as_deref() == Some(a.id.as_str()),
                offered: props.candidates.contains(&a.id),
            });
        }
    }

    let on_select_text = props.on_select_text.clone();
    let read_selection = {
        let article_ref = article_ref.clone();
        move || {
            let Some(article) = article_ref.cast::<web_sys::Element>() else {
                return;
            };
            on_select_text.emit(browser::selection_in(&article));
        }
    };
    let onmouseup = {
        let read = read_selection.clone();
        Callback::from(move |_: MouseEvent| read())
    };
    let onkeyup = Callback::from(move |e: KeyboardEvent| {
        if e.shift_key() || e.key().starts_with("Arrow") || e.key() == "Shift" {
            read_selection();
        }
    });
    let onclick = {
        let on_click_at = props.on_click_at.clone();
        Callback::from(move |e: MouseEvent| {
            let collapsed =
                web_sys::window().and_then(|w| w.get_selection().ok().flatten()).is_none_or(|s| s.is_collapsed());
            if !collapsed {
                return;
            }
            let seg = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[data-s]").ok().flatten());
            if let Some(start) = seg.and_then(|s| s.get_attribute("data-s")).and_then(|s| s.parse().ok()) {
                on_click_at.emit(start);
            }
        })
    };

    html! {
        <article class="article" ref={article_ref} {onmouseup} {onkeyup} {onclick} aria-label="Article text">
            { for paragraphs.iter().zip(spans).map(|(p, spans)| html! {
                <ParagraphView key={p.start} start={p.start} text={p.text.clone()} {spans} />
            }) }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct ParagraphProps {
    start: usize,
    text: Rc<str>,
    spans: Vec<SpanView>,
}

#[function_component]
fn ParagraphView(props: &ParagraphProps) -> Html {
    let len = newsmark_core::offsets::cp_len(&props.text);
    let ranges: Vec<_> = props.spans.iter().map(|s| s.start..s.end).collect();
    let segs = segments::segments(0..len, &ranges);
    let texts = segments::segment_texts(&props.text, &segs);
    html! {
        <p data-p={props.start.to_string()}>
            { for segs.iter().zip(texts).map(|(seg, text)| {
                let start = (props.start + seg.range.start).to_string();
                if seg.covering.is_empty() {
                    return html! { <span data-s={start}>{ text }</span> };
                }
                let mut count = [0usize; 3];
                let mut focused = false;
                let mut offered = false;
                for &i in &seg.covering {
                    let s = &props.spans[i];
                    count[s.tag as usize] += 1;
                    focused |= s.focused;
                    offered |= s.offered;
                }
                let mut class = classes!("hl");
                let mut label = Vec::new();
                for tag in Tag::ALL {
                    let n = count[tag as usize];
                    if n > 0 {
                        class.push(format!("t-{tag}"));
                        label.push(tag.label());
                    }
                    if n > 1 {
                        class.push(format!("t-{tag}-2"));
                    }
                }
                if focused {
                    class.push("focused");
                } else if offered {
                    class.push("offered");
                }
                html! { <span data-s={start} {class} title={label.join(" + ")}>{ text }</span> }
            }) }
        </p>
    }
}
