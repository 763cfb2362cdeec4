//! A student's exercise: the instructions and codebook, "Check my work", and after
//! checking, the scores and the feedback on every span.

use super::legend::outline_look;
use crate::browser;
use newsmark_core::agreement::{self, Prf, Verdict, MATCHING_RULE};
use newsmark_core::exercise::Outline;
use newsmark_core::{Action, Document, Reading, Tag};
use std::sync::Arc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExerciseViewProps {
    pub doc: Arc<Document>,
    pub on_action: Callback<Action>,
    /// Show one of the student's annotations in the text.
    pub on_pick: Callback<String>,
    /// Mark a span of the text that is no annotation of the student's (a missed key span).
    pub on_mark: Callback<(usize, usize)>,
    /// The span marked in the text, and the annotation being edited: their feedback items
    /// show as chosen.
    pub marked: Option<(usize, usize)>,
    pub focused: Option<String>,
}

#[function_component]
pub fn ExerciseView(props: &ExerciseViewProps) -> Html {
    let Some(assignment) = props.doc.assignment.as_deref() else { return html! {} };
    let check_work = {
        let (on_action, doc) = (props.on_action.clone(), props.doc.id.clone());
        Callback::from(move |_| on_action.emit(Action::CheckExercise { doc: doc.clone() }))
    };
    html! {
        <section class="exercise" aria-label="Exercise">
            <h3>{ "Exercise" }</h3>
            <p class="instructions">{ &assignment.instructions }</p>
            if let (Some(_), Some(key)) = (&assignment.checked, assignment.key.open()) {
                { feedback(props, &agreement::check(key, &*props.doc)) }
            } else {
                <button type="button" class="primary" id="check-work" onclick={check_work}>{ "Check my work" }</button>
                <p class="hint">{ "The answer key stays hidden until you check. " }{ MATCHING_RULE }</p>
            }
        </section>
    }
}

fn percent(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| format!("{:.0}%", v * 100.0))
}

fn row(label: &str, p: &Prf) -> Html {
    html! {
        <tr>
            <th scope="row">{ label }</th>
            <td>{ percent(p.precision()) }</td>
            <td>{ percent(p.recall()) }</td>
            <td>{ percent(p.f1()) }</td>
            <td>{ format!("{} {} {}", p.tp, p.fp, p.fn_) }</td>
        </tr>
    }
}

fn feedback(props: &ExerciseViewProps, check: &agreement::Check) -> Html {
    let doc = props.doc.reading();
    let key = props.doc.assignment.as_deref().and_then(|a| a.key.open()).expect("checked above").reading();
    let explanation = |id: &str| key.annotation(id).and_then(|a| a.note.clone());
    let exact_in = |d: Reading, id: &str| d.annotation(id).map(|a| a.exact.clone()).unwrap_or_default();
    let tag_in = |d: Reading, id: &str| d.annotation(id).map_or("", |a| a.tag.label());
    let pick = |id: &str| {
        let (on_pick, id) = (props.on_pick.clone(), id.to_owned());
        Callback::from(move |_: MouseEvent| on_pick.emit(id.clone()))
    };
    let mark_key = |id: &str| {
        let span = key.annotation(id).map_or((0, 0), |a| (a.start, a.end));
        props.on_mark.reform(move |_: MouseEvent| span)
    };
    // Whether a feedback item's span is the one chosen in the text.
    let chosen_student = |id: &str| props.focused.as_deref() == Some(id);
    let chosen_key = |id: &str| key.annotation(id).is_some_and(|a| props.marked == Some((a.start, a.end)));
    let current = |chosen: bool| chosen.then_some("true");
    let items = check.verdicts.iter().map(|v| match v {
        Verdict::Matched { key: k, student, attribution, .. } => html! {
            <li class="verdict matched">
                <span class="verdict-label">{ "✓ Matched" }</span>
                <button type="button" class="link-text" aria-current={current(chosen_student(student))} onclick={pick(student)}>{ exact_in(doc, student) }</button>
                { match attribution {
                    Some(true) => html! { <span class="attribution ok">{ "Right speaker" }</span> },
                    Some(false) => html! { <span class="attribution wrong">{ format!("Wrong or missing speaker: the key says {}", key.attributed_actor(k).map(|a| key.actor_name(a).to_owned()).unwrap_or_default()) }</span> },
                    None => html! {},
                } }
                if let Some(why) = explanation(k) { <p class="why">{ why }</p> }
            </li>
        },
        Verdict::Missed { key: k } => html! {
            <li class="verdict missed">
                <span class="verdict-label">{ format!("✗ Missed {}", tag_in(key, k)) }</span>
                <button type="button" class="link-text" aria-current={current(chosen_key(k))} onclick={mark_key(k)}>{ exact_in(key, k) }</button>
                if let Some(why) = explanation(k) { <p class="why">{ why }</p> }
            </li>
        },
        Verdict::Extra { student } => html! {
            <li class="verdict extra">
                <span class="verdict-label">{ format!("? Not in the key ({})", tag_in(doc, student)) }</span>
                <button type="button" class="link-text" aria-current={current(chosen_student(student))} onclick={pick(student)}>{ exact_in(doc, student) }</button>
            </li>
        },
        Verdict::WrongTag { key: k, student } => html! {
            <li class="verdict wrong-tag">
                <span class="verdict-label">{ format!("≠ Right words, different tag: you said {}, the key says {}", tag_in(doc, student), tag_in(key, k)) }</span>
                <button type="button" class="link-text" aria-current={current(chosen_student(student))} onclick={pick(student)}>{ exact_in(doc, student) }</button>
                if let Some(why) = explanation(k) { <p class="why">{ why }</p> }
            </li>
        },
    });
    let download = {
        let doc = props.doc.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!("{}-checked.newsmark.json", browser::file_stem(&doc.title));
            browser::download(&name, "application/json", &newsmark_core::schema::document_to_json(&doc));
        })
    };
    html! {
        <div class="feedback">
            <table class="scores" aria-label="Scores">
                <thead><tr><th></th><th>{ "Precision" }</th><th>{ "Recall" }</th><th>{ "F1" }</th><th title="matched / not in the key / missed">{ "✓ ? ✗" }</th></tr></thead>
                <tbody>
                    { for Tag::ALL.iter().map(|t| row(t.label(), &check.per_tag[*t as usize])) }
                    { row("Overall", &check.overall) }
                </tbody>
            </table>
            <p class="attribution-score">{ format!("Speakers: {} of {} matched quotes and claims attributed to the right actor.", check.attribution_correct, check.attribution_total) }</p>
            <p class="hint">{ "Precision: how many of your spans are in the key. Recall: how many key spans you found. F1 combines the two. " }{ MATCHING_RULE }</p>
            <ul class="legend feedback-legend" aria-label="Feedback in the text">
                <li><span class="swatch fb fb-missed">{ "Sample" }</span><span class="legend-name">{ "Missed" }</span>
                    <span class="legend-look">{ format!("{}: a key span you did not tag", outline_look(Outline::Missed)) }</span></li>
                <li><span class="swatch fb fb-wrong-tag">{ "Sample" }</span><span class="legend-name">{ "Different tag" }</span>
                    <span class="legend-look">{ format!("{}: the right words with another tag than the key's", outline_look(Outline::WrongTag)) }</span></li>
            </ul>
            <p class="hint">{ "Choose an item to mark its words in the article." }</p>
            <ol class="verdicts">{ for items }</ol>
            <button type="button" onclick={download}>{ "Download checked work" }</button>
        </div>
    }
}
