//! The reading view: the article in paragraphs, with its annotations drawn as highlights.
//!
//! Each paragraph is its own component with plain-data props, so an edit re-renders
//! only the paragraphs whose highlights changed.

use crate::browser;
use crate::hooks::in_parts::use_in_parts;
use newsmark_core::exercise::{Outline, Outlined};
use newsmark_core::search::Query;
use newsmark_core::snap::{self, Step};
use newsmark_core::{segments, Document, Tag};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// An annotation as one paragraph draws it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpanView {
    /// Code points, relative to the paragraph (clipped to it).
    pub start: usize,
    pub end: usize,
    pub tag: Tag,
    pub focused: bool,
    pub offered: bool,
    /// A match of the search, not an annotation (its tag means nothing).
    pub hit: bool,
    /// Feedback after checking, not an annotation: a missed key span or wrongly tagged
    /// words (its tag is the key's).
    pub outline: Option<Outline>,
    /// The feedback item chosen in the exercise panel is about this span.
    pub marked: bool,
    /// A suggestion not yet accepted or rejected, not an annotation.
    pub suggested: bool,
    /// What a screen reader says of it: "Quote, said by Jonas Haddad".
    pub label: Rc<str>,
    /// An annotation the tag filter or the search leaves out. It is still drawn as a
    /// span of plain text, so that switching the filter changes attributes of the same
    /// elements instead of rebuilding the article's text.
    pub hidden: bool,
}

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub doc: Arc<Document>,
    pub filter: Option<Tag>,
    /// The search: matching text is marked, and only matching annotations are shown.
    pub query: AttrValue,
    pub focused: Option<String>,
    pub candidates: Vec<String>,
    /// The person finished selecting text: the selection in code points, if any.
    pub on_select_text: Callback<Option<(usize, usize)>>,
    /// The person clicked the text at this code point without selecting.
    pub on_click_at: Callback<usize>,
    /// The keyboard moved to this annotation (`]` and `[`).
    pub on_focus_annotation: Callback<String>,
    /// After checking an exercise: the spans outlined as feedback.
    #[prop_or_default]
    pub outlines: Rc<Vec<Outlined>>,
    /// The span of the feedback item last chosen, marked in the text.
    #[prop_or_default]
    pub marked: Option<(usize, usize)>,
    /// Suggestions waiting to be accepted or rejected: (start, end, tag), drawn with dashes.
    #[prop_or_default]
    pub suggested: Rc<Vec<(usize, usize, Tag)>>,
}

#[derive(Clone, PartialEq, Eq)]
struct Paragraph {
    start: usize,
    end: usize,
    text: Rc<str>,
}

/// Paragraphs are rendered in groups of this many, each group a component of its own: a
/// change re-renders one group (and in it, the paragraphs whose highlights changed)
/// instead of visiting every paragraph of a long report.
const GROUP: usize = 32;

/// A document is drawn a few groups at a time, so that a long report opens without one
/// long task: the first render draws this many groups (more than a screen), and each
/// later task [`MORE_GROUPS`] more, until all are there.
const FIRST_GROUPS: usize = 2;
const MORE_GROUPS: usize = 2;

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

    // What each annotation is called aloud, and who it is attributed to: once per version of the document.
    let labels = use_memo(Same(props.doc.clone()), |Same(doc)| {
        doc.annotations
            .iter()
            .zip(doc.attributed_actors())
            .map(|(a, actor)| {
                (Rc::<str>::from(describe_with(doc, a, actor)), actor.map(|x| doc.actor_name(x).to_owned()))
            })
            .collect::<Vec<_>>()
    });
    let groups = use_memo(paragraphs.clone(), |paragraphs| {
        paragraphs.chunks(GROUP).map(Rc::<[Paragraph]>::from).collect::<Vec<_>>()
    });
    // What each group draws, worked out once per change of what is shown (not again for
    // each part of a long article drawn later, whose renders then compare groups by pointer).
    let span_groups = use_memo(
        (
            Same(props.doc.clone()),
            props.filter,
            props.query.clone(),
            props.focused.clone(),
            props.candidates.clone(),
            props.outlines.clone(),
            props.marked,
            props.suggested.clone(),
        ),
        |_| spans_by_group(props, &paragraphs, &labels, &groups),
    );
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
    // Focus from a mouse press must leave the selection the mouse is making alone.
    let pressing = use_mut_ref(|| false);
    let onmouseup = {
        let (read, pressing) = (read_selection.clone(), pressing.clone());
        Callback::from(move |_: MouseEvent| {
            *pressing.borrow_mut() = false;
            read()
        })
    };
    let onkeyup = Callback::from(move |e: KeyboardEvent| {
        if e.shift_key() || e.key().starts_with("Arrow") || e.key() == "Shift" {
            read_selection();
        }
    });
    // The keyboard caret: where it is, and where a selection started (if one is being made).
    let caret = use_mut_ref(|| (0usize, None::<usize>));
    let caret_mark = use_node_ref();
    let onkeydown = {
        let (doc, caret, caret_mark, article_ref) =
            (props.doc.clone(), caret.clone(), caret_mark.clone(), article_ref.clone());
        let (on_select_text, on_click_at, on_focus_annotation) =
            (props.on_select_text.clone(), props.on_click_at.clone(), props.on_focus_annotation.clone());
        // The annotations the tag filter shows: those the keys go to and the caret names.
        let filter = props.filter;
        let shown = move |a: &&newsmark_core::Annotation| filter.is_none_or(|t| t == a.tag);
        Callback::from(move |e: KeyboardEvent| {
            let Some(article) = article_ref.cast::<web_sys::Element>() else { return };
            let (at, anchor) = *caret.borrow();
            let len = newsmark_core::offsets::cp_len(&doc.text);
            let word = e.ctrl_key() || e.alt_key() || e.meta_key();
            let moved = match e.key().as_str() {
                "ArrowRight" => Some(snap::step(&doc.text, at, if word { Step::Word } else { Step::Character }, true)),
                "ArrowLeft" => Some(snap::step(&doc.text, at, if word { Step::Word } else { Step::Character }, false)),
                "ArrowDown" => Some(snap::step(&doc.text, at, Step::Sentence, true)),
                "ArrowUp" => Some(snap::step(&doc.text, at, Step::Sentence, false)),
                "Home" => Some(if word { 0 } else { paragraph_edge(&doc.text, at, false) }),
                "End" => Some(if word { len } else { paragraph_edge(&doc.text, at, true) }),
                "]" | "[" => {
                    let next = if e.key() == "]" {
                        doc.annotations.iter().filter(shown).find(|a| a.start > at)
                    } else {
                        doc.annotations.iter().rev().filter(shown).find(|a| a.start < at)
                    };
                    if let Some(a) = next {
                        e.prevent_default();
                        *caret.borrow_mut() = (a.start, None);
                        place_caret(&article, &caret_mark, a.start, a.start);
                        on_select_text.emit(None);
                        on_focus_annotation.emit(a.id.clone());
                        browser::announce(&format!("{}: {}", describe(&doc, a), a.exact));
                    } else {
                        browser::announce("No more annotations in this direction.");
                    }
                    None
                }
                "Enter" => {
                    if doc.annotations_at(at).any(|a| shown(&a)) {
                        e.prevent_default();
                        on_click_at.emit(at);
                        browser::focus_soon(".editor input[type=radio]:checked");
                    }
                    None
                }
                _ => None,
            };
            let Some(to) = moved else { return };
            e.prevent_default();
            let anchor = if e.shift_key() { Some(anchor.unwrap_or(at)) } else { None };
            *caret.borrow_mut() = (to, anchor);
            place_caret(&article, &caret_mark, anchor.unwrap_or(to), to);
            match anchor {
                Some(a) if a != to => on_select_text.emit(Some((a.min(to), a.max(to)))),
                _ => on_select_text.emit(None),
            }
            // Say what the caret has entered, as a screen reader user needs to hear it.
            let here: Vec<String> = doc.annotations_at(to).filter(shown).map(|a| describe(&doc, a)).collect();
            let before: Vec<String> = doc.annotations_at(at).filter(shown).map(|a| describe(&doc, a)).collect();
            if here != before && !here.is_empty() {
                browser::announce(&here.join("; "));
            }
        })
    };
    let onmousedown = {
        let pressing = pressing.clone();
        Callback::from(move |_: MouseEvent| *pressing.borrow_mut() = true)
    };
    let onfocus = {
        let (caret, caret_mark, article_ref, pressing) =
            (caret.clone(), caret_mark.clone(), article_ref.clone(), pressing.clone());
        Callback::from(move |_: FocusEvent| {
            if *pressing.borrow() {
                return;
            }
            let Some(article) = article_ref.cast::<web_sys::Element>() else { return };
            // Focus sent to a point of the text (Escape from the annotation list, which
            // leaves a collapsed selection there) puts the caret at that point.
            let collapsed =
                web_sys::window().and_then(|w| w.get_selection().ok().flatten()).is_some_and(|s| s.is_collapsed());
            if let Some(here) = browser::caret_in(&article).filter(|_| collapsed) {
                *caret.borrow_mut() = (here, None);
            }
            let (at, anchor) = *caret.borrow();
            if anchor.is_none() {
                place_caret(&article, &caret_mark, at, at);
            }
        })
    };
    let onblur = {
        let caret_mark = caret_mark.clone();
        Callback::from(move |_: FocusEvent| {
            if let Some(mark) = caret_mark.cast::<web_sys::HtmlElement>() {
                mark.style().set_property("display", "none").ok();
            }
        })
    };
    let onclick = {
        let on_click_at = props.on_click_at.clone();
        let (caret, article_ref) = (caret.clone(), article_ref.clone());
        Callback::from(move |e: MouseEvent| {
            // A click puts the keyboard caret where it landed.
            if let Some(at) = article_ref.cast::<web_sys::Element>().and_then(|a| browser::caret_in(&a)) {
                *caret.borrow_mut() = (at, None);
            }
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

    // How many groups are drawn: a newly opened document starts with the first ones and
    // gains more with each later task; the group holding the annotation being edited or
    // the span marked is drawn at once.
    let wanted = props
        .focused
        .as_deref()
        .and_then(|id| props.doc.annotation(id))
        .map(|a| a.start)
        .into_iter()
        .chain(props.marked.map(|(start, _)| start))
        .map(|at| paragraphs.partition_point(|p| p.end <= at) / GROUP + 1)
        .max()
        .unwrap_or(0);
    // Keyed by the paragraphs (worked out again only when the text differs), so that
    // another document with the same text, such as an import of this one's annotations,
    // keeps the groups already drawn.
    let drawn = use_in_parts(&paragraphs, FIRST_GROUPS, MORE_GROUPS, groups.len(), wanted);

    html! {
        <article class="article" id="article" ref={article_ref} tabindex="0" {onmousedown} {onmouseup} {onkeyup} {onclick} {onkeydown} {onfocus} {onblur}
            aria-label="Article text. Arrow keys move the caret, Shift selects, C, Q or A tags, ] and [ go to the next and previous annotation, Enter edits it."
            aria-describedby="announcer" aria-busy={(drawn < groups.len()).then_some("true")}>
            // Keyed like the groups, so that yew matches the groups by key as more are
            // drawn (by position from the end, it would rebuild every group each time).
            <div key="caret" class="kbd-caret" ref={caret_mark} aria-hidden="true"></div>
            { for groups.iter().zip(span_groups.iter()).take(drawn).map(|(group, spans)| html! {
                <ParagraphGroup key={group[0].start} paragraphs={group.clone()} spans={spans.clone()} />
            }) }
        </article>
    }
}

/// A document compared by identity: the same version, not an equal one.
struct Same<T>(Arc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The visible annotations, suggestions, feedback and search matches, distributed over
/// the paragraphs they touch, in groups of [`GROUP`] paragraphs.
fn spans_by_group(
    props: &ArticleViewProps,
    paragraphs: &[Paragraph],
    labels: &[(Rc<str>, Option<String>)],
    groups: &[Rc<[Paragraph]>],
) -> Vec<Rc<[Vec<SpanView>]>> {
    // Distribute the visible annotations over the paragraphs they touch.
    let mut spans: Vec<Vec<SpanView>> = vec![Vec::new(); paragraphs.len()];
    let doc = &props.doc;
    let query = Query::new(&props.query);
    for (a, (label, speaker)) in doc.annotations.iter().zip(labels.iter()) {
        let hidden = !(props.filter.is_none_or(|t| t == a.tag) && query.matches(a, speaker.as_deref()));
        let label = label.clone();
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
                hit: false,
                outline: None,
                marked: false,
                suggested: false,
                label: label.clone(),
                hidden,
            });
        }
    }
    for &(start, end, tag) in props.suggested.iter() {
        let label: Rc<str> = format!("Suggested {}, not accepted yet", tag.as_str()).into();
        let first = paragraphs.partition_point(|p| p.end <= start);
        for (i, p) in paragraphs.iter().enumerate().skip(first) {
            if p.start >= end {
                break;
            }
            spans[i].push(SpanView {
                start: start.saturating_sub(p.start),
                end: end.min(p.end) - p.start,
                tag,
                focused: false,
                offered: false,
                hit: false,
                outline: None,
                marked: false,
                suggested: true,
                label: label.clone(),
                hidden: false,
            });
        }
    }
    for o in props.outlines.iter() {
        let label: Rc<str> = match o.outline {
            Outline::Missed => format!("Missed key span ({})", o.tag.label()).into(),
            Outline::WrongTag => format!("Right words, different tag: the key says {}", o.tag.label()).into(),
        };
        let marked = props.marked == Some((o.start, o.end));
        let first = paragraphs.partition_point(|p| p.end <= o.start);
        for (i, p) in paragraphs.iter().enumerate().skip(first) {
            if p.start >= o.end {
                break;
            }
            spans[i].push(SpanView {
                start: o.start.saturating_sub(p.start),
                end: o.end.min(p.end) - p.start,
                tag: o.tag,
                focused: false,
                offered: false,
                hit: false,
                outline: Some(o.outline),
                marked,
                suggested: false,
                label: label.clone(),
                hidden: false,
            });
        }
    }
    if !query.is_empty() {
        let hit_label: Rc<str> = "Search match".into();
        for (i, p) in paragraphs.iter().enumerate() {
            for (start, end) in query.hits(&p.text) {
                spans[i].push(SpanView {
                    start,
                    end,
                    tag: Tag::Claim,
                    focused: false,
                    offered: false,
                    hit: true,
                    outline: None,
                    marked: false,
                    suggested: false,
                    label: hit_label.clone(),
                    hidden: false,
                });
            }
        }
    }

    let mut spans = spans.into_iter();
    groups.iter().map(|group| spans.by_ref().take(group.len()).collect()).collect()
}

#[derive(Properties, PartialEq)]
struct GroupProps {
    paragraphs: Rc<[Paragraph]>,
    spans: Rc<[Vec<SpanView>]>,
}

#[function_component]
fn ParagraphGroup(props: &GroupProps) -> Html {
    html! {
        <div class="paragraphs">
            { for props.paragraphs.iter().zip(props.spans.iter()).map(|(p, spans)| html! {
                <ParagraphView key={p.start} start={p.start} text={p.text.clone()} spans={spans.clone()} />
            }) }
        </div>
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
                let mut hit = false;
                let (mut missed, mut wrong_tag, mut marked) = (false, false, false);
                let mut suggested = [false; 3];
                let mut label: Vec<&str> = Vec::new();
                for &i in &seg.covering {
                    let s = &props.spans[i];
                    if s.hidden {
                        continue;
                    }
                    if s.hit {
                        hit = true;
                        continue;
                    }
                    if s.suggested {
                        suggested[s.tag as usize] = true;
                        label.push(&s.label);
                        continue;
                    }
                    if let Some(outline) = s.outline {
                        missed |= outline == Outline::Missed;
                        wrong_tag |= outline == Outline::WrongTag;
                        marked |= s.marked;
                        label.push(&s.label);
                        continue;
                    }
                    count[s.tag as usize] += 1;
                    focused |= s.focused;
                    offered |= s.offered;
                    label.push(&s.label);
                }
                let mut feedback = classes!(
                    missed.then_some("fb-missed"),
                    wrong_tag.then_some("fb-wrong-tag"),
                    marked.then_some("fb-marked")
                );
                if suggested != [false; 3] {
                    feedback.push("sg");
                    for tag in Tag::ALL.into_iter().filter(|t| suggested[*t as usize]) {
                        feedback.push(format!("sg-{tag}"));
                    }
                }
                if count == [0; 3] {
                    if !missed && !wrong_tag && suggested == [false; 3] {
                        return if hit {
                            html! { <mark data-s={start} class="hit">{ text }</mark> }
                        } else {
                            // Only annotations the filter or the search leaves out.
                            html! { <span data-s={start}>{ text }</span> }
                        };
                    }
                    let label = label.join("; ");
                    let class = classes!("fb", hit.then_some("hit"), feedback);
                    return html! { <span data-s={start} {class} role="mark" aria-description={label.clone()} title={label}>{ text }</span> };
                }
                let mut class = classes!("hl", hit.then_some("hit"), feedback);
                for tag in Tag::ALL {
                    let n = count[tag as usize];
                    if n > 0 {
                        class.push(format!("t-{tag}"));
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
                let label = label.join("; ");
                html! { <span data-s={start} {class} role="mark" aria-description={label.clone()} title={label}>{ text }</span> }
            }) }
        </p>
    }
}

/// What an annotation is, in words: "Quote, said by Jonas Haddad"; "Actor: Jonas Haddad".
pub fn describe(doc: &Document, a: &newsmark_core::Annotation) -> String {
    describe_with(doc, a, doc.attributed_actor(&a.id))
}

/// [`describe`], given the actor `a` is attributed to.
fn describe_with(doc: &Document, a: &newsmark_core::Annotation, actor: Option<&newsmark_core::Annotation>) -> String {
    match (a.tag, actor) {
        (Tag::Quote, Some(actor)) => format!("Quote, said by {}", doc.actor_name(actor)),
        (Tag::Claim, Some(actor)) => format!("Claim, made by {}", doc.actor_name(actor)),
        (Tag::Quote, None) => "Quote, not attributed".to_owned(),
        (Tag::Claim, None) => "Claim".to_owned(),
        (Tag::Actor, _) => format!("Actor: {}", doc.actor_name(a)),
    }
}

/// Shows the keyboard caret at code point `focus` (selecting from `anchor`), and keeps it in view.
fn place_caret(article: &web_sys::Element, mark: &NodeRef, anchor: usize, focus: usize) {
    let Some(rect) = browser::select_in(article, anchor, focus) else { return };
    let Some(mark) = mark.cast::<web_sys::HtmlElement>() else { return };
    let base = article.get_bounding_client_rect();
    let style = mark.style();
    style.set_property("display", "block").ok();
    style.set_property("left", &format!("{:.1}px", rect.left() - base.left())).ok();
    style.set_property("top", &format!("{:.1}px", rect.top() - base.top())).ok();
    style.set_property("height", &format!("{:.1}px", rect.height().max(16.0))).ok();
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    mark.scroll_into_view_with_scroll_into_view_options(&options);
}

/// The start (or end) of the paragraph holding code point `at`.
fn paragraph_edge(text: &str, at: usize, end: bool) -> usize {
    let paragraphs = segments::paragraphs(text);
    match paragraphs.iter().find(|p| p.start <= at && at <= p.end) {
        Some(p) if end => p.end,
        Some(p) => p.start,
        None => at,
    }
}
