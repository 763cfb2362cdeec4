//! A student's exercise: the instructions, the answer key as the work carries it (ready to
//! check, sealed until the teacher gives out the passphrase, or kept by the teacher),
//! "Check my work" with its confirmation, and after the first check, its recorded scores,
//! the scores now, and the feedback on every span.

use super::check_dialog::CheckDialog;
use super::legend::outline_look;
use crate::browser;
use newsmark_core::agreement::{self, Prf, Verdict, MATCHING_RULE};
use newsmark_core::exercise::{self, AnswerKey, Checked, Key, Outline};
use newsmark_core::{Action, Document, Reading, Tag};
use std::sync::Arc;
use web_sys::HtmlInputElement;
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
    /// Class work after Reveal: open the class picture the teacher published.
    #[prop_or_default]
    pub on_class_picture: Option<Callback<()>>,
}

#[function_component]
pub fn ExerciseView(props: &ExerciseViewProps) -> Html {
    let confirming = use_state(|| false);
    let Some(assignment) = props.doc.assignment.as_deref() else { return html! {} };
    let on_check = {
        let (on_action, doc, confirming) = (props.on_action.clone(), props.doc.id.clone(), confirming.clone());
        Callback::from(move |_| {
            confirming.set(false);
            on_action.emit(Action::CheckExercise { doc: doc.clone() });
            browser::announce("Your work is checked. The answer key and your scores are shown below.");
        })
    };
    let key_part = match (&assignment.key, &assignment.checked) {
        (Key::Open(key), Some(checked)) => checked_work(props, key, checked),
        (Key::Open(_), None) => html! {
            <>
                <button type="button" class="primary" id="check-work" onclick={{ let c = confirming.clone(); Callback::from(move |_| c.set(true)) }}>{ "Check my work" }</button>
                <p class="hint">{ "The answer key stays hidden until you check. " }{ MATCHING_RULE }</p>
            </>
        },
        (Key::Sealed(_), _) => html! {
            <>
                <Unlock doc={props.doc.clone()} on_action={props.on_action.clone()} />
                { hand_in(&props.doc) }
            </>
        },
        (Key::Withheld, _) => html! {
            <>
                <p class="key-state" id="key-withheld">{ "Your teacher checks this work: the answer key is not in this exercise. When you are done, download your work and hand it in." }</p>
                { hand_in(&props.doc) }
            </>
        },
    };
    html! {
        <section class="exercise" aria-label="Exercise">
            <h3>{ "Exercise" }</h3>
            if let Some(name) = &assignment.student {
                <p class="student-name">{ "Work of " }<strong>{ name }</strong></p>
            }
            <p class="instructions">{ &assignment.instructions }</p>
            if let Some(open) = props.on_class_picture.clone() {
                <p class="class-picture-offer">
                    <button type="button" id="class-picture" onclick={open.reform(|_: MouseEvent| ())}>{ "Class picture" }</button>
                    { " Everyone's annotations compared with the key, as your teacher published them." }
                </p>
            }
            { key_part }
            if *confirming {
                <CheckDialog annotations={props.doc.annotations.len()} {on_check}
                    on_cancel={{ let c = confirming.clone(); Callback::from(move |_| c.set(false)) }} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct UnlockProps {
    doc: Arc<Document>,
    on_action: Callback<Action>,
}

/// The passphrase field that opens a sealed key.
#[function_component]
fn Unlock(props: &UnlockProps) -> Html {
    let passphrase = use_state(String::new);
    let refused = use_state(|| None::<String>);
    let unlocking = use_state(|| false);
    let oninput = {
        let passphrase = passphrase.clone();
        Callback::from(move |e: InputEvent| passphrase.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (passphrase, refused, doc, on_action, unlocking) =
            (passphrase.clone(), refused.clone(), props.doc.clone(), props.on_action.clone(), unlocking.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            unlocking.set(true);
            let (passphrase, refused, doc, on_action, unlocking) =
                ((*passphrase).clone(), refused.clone(), doc.clone(), on_action.clone(), unlocking.clone());
            // The passphrase goes through PBKDF2, which takes a moment: "Unlocking…" is
            // painted first. The key is opened here, so that a wrong passphrase is
            // answered beside the field.
            yew::platform::spawn_local(async move {
                gloo::timers::future::TimeoutFuture::new(30).await;
                unlocking.set(false);
                match exercise::unlock(&doc, &passphrase) {
                    Ok(key) => {
                        refused.set(None);
                        on_action.emit(Action::UnlockKey { doc: doc.id.clone(), key });
                        browser::announce("The answer key is unlocked. You can check your work now.");
                    }
                    Err(why) => refused.set(Some(capitalised(&why.to_string()))),
                }
            });
        })
    };
    html! {
        <form class="unlock" id="unlock-key" {onsubmit}>
            <p class="key-state">{ "The answer key is sealed. Your teacher gives out the passphrase after the deadline; then unlock it here to check your work." }</p>
            <label for="key-passphrase">{ "Passphrase" }</label>
            <input type="text" id="key-passphrase" autocomplete="off" spellcheck="false" value={(*passphrase).clone()} {oninput}
                aria-invalid={refused.is_some().then_some("true")} aria-describedby={refused.is_some().then_some("unlock-refused")} />
            <button type="submit" disabled={passphrase.trim().is_empty() || *unlocking}>
                { if *unlocking { "Unlocking…" } else { "Unlock the key" } }
            </button>
            if let Some(why) = &*refused {
                <p class="error-text" id="unlock-refused" role="alert">{ why }{ "." }</p>
            }
        </form>
    }
}

/// A sentence from the core ("this work holds …") as it starts the notice. The core's
/// sentences start with an English word, so an ASCII capital does (see `import::capitalized`).
fn capitalised(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars.next().map(|c| std::iter::once(c.to_ascii_uppercase()).chain(chars).collect()).unwrap_or_default()
}

/// The file name of a student's work: the article's title and the student's name
/// (`northgate-library-to-close-li-wei.newsmark.json`), or "-checked" without a name.
fn work_file_name(doc: &Document) -> String {
    let mut title = browser::file_stem(&doc.title);
    if title.chars().count() > 40 {
        let cut: String = title.chars().take(40).collect();
        title = cut.rsplit_once('-').map_or(cut.clone(), |(head, _)| head.to_owned());
    }
    match doc.assignment.as_ref().and_then(|a| a.student.as_deref()) {
        Some(name) => format!("{title}-{}.newsmark.json", browser::file_stem(name)),
        None => format!("{title}-checked.newsmark.json"),
    }
}

fn download_work(doc: &Arc<Document>) -> Callback<MouseEvent> {
    let doc = doc.clone();
    Callback::from(move |_: MouseEvent| {
        browser::download(&work_file_name(&doc), "application/json", &newsmark_core::schema::document_to_json(&doc));
    })
}

/// Handing in work that the student cannot check here.
fn hand_in(doc: &Arc<Document>) -> Html {
    html! { <button type="button" id="download-work" onclick={download_work(doc)}>{ "Download my work" }</button> }
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

/// A table of scores per tag and overall, captioned.
fn scores_table(id: &str, caption: String, per_tag: &[Prf; 3], overall: &Prf) -> Html {
    html! {
        <table class="scores" id={id.to_owned()}>
            <caption>{ caption }</caption>
            <thead><tr><th></th><th>{ "Precision" }</th><th>{ "Recall" }</th><th>{ "F1" }</th><th title="matched / not in the key / missed">{ "✓ ? ✗" }</th></tr></thead>
            <tbody>
                { for Tag::ALL.iter().map(|t| row(t.label(), &per_tag[*t as usize])) }
                { row("Overall", overall) }
            </tbody>
        </table>
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Checked work: the first check as recorded, the scores now if the work changed since,
/// and the feedback on the work as it is now.
fn checked_work(props: &ExerciseViewProps, key: &AnswerKey, checked: &Checked) -> Html {
    let check = agreement::check(key, &*props.doc);
    let since = exercise::after_check(&props.doc);
    let changes = since.as_ref().map_or(0, |s| s.count());
    let when =
        checked.at.map_or("At first check".to_owned(), |t| format!("At first check, {}", browser::time_of_day(t)));
    let first = match &checked.scores {
        Some(s) => html! {
            <>
                { scores_table("first-check-scores", format!("{when}: recorded for good"), &s.per_tag, &s.overall) }
                <p class="attribution-score">{ format!("Speakers at first check: {} of {} matched quotes and claims attributed to the right actor.", s.attributions_correct, s.attributions_scored) }</p>
            </>
        },
        None => html! {},
    };
    let now = if checked.scores.is_none() {
        scores_table("now-scores", "Scores".into(), &check.per_tag, &check.overall)
    } else if changes > 0 {
        let caption = format!("Now, with {} since: scored separately", plural(changes, "change", "changes"));
        scores_table("now-scores", caption, &check.per_tag, &check.overall)
    } else {
        html! { <p class="hint" id="no-changes-since">{ "No changes since the first check." }</p> }
    };
    let doc = props.doc.reading();
    let key = key.reading();
    let later = |id: &str| since.as_ref().is_some_and(|s| s.annotations.contains(id));
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
    let after_mark =
        |id: &str| later(id).then(|| html! { <span class="after-check-mark">{ "changed after checking" }</span> });
    let items = check.verdicts.iter().map(|v| match v {
        Verdict::Matched { key: k, student, attribution, .. } => html! {
            <li class="verdict matched">
                <span class="verdict-label">{ "✓ Matched" }</span>
                <button type="button" class="link-text" aria-current={current(chosen_student(student))} onclick={pick(student)}>{ exact_in(doc, student) }</button>
                { after_mark(student) }
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
                { after_mark(student) }
            </li>
        },
        Verdict::WrongTag { key: k, student } => html! {
            <li class="verdict wrong-tag">
                <span class="verdict-label">{ format!("≠ Right words, different tag: you said {}, the key says {}", tag_in(doc, student), tag_in(key, k)) }</span>
                <button type="button" class="link-text" aria-current={current(chosen_student(student))} onclick={pick(student)}>{ exact_in(doc, student) }</button>
                { after_mark(student) }
                if let Some(why) = explanation(k) { <p class="why">{ why }</p> }
            </li>
        },
    });
    html! {
        <div class="feedback">
            { first }
            { now }
            // With no changes since the first check, "now" would repeat the line above.
            if checked.scores.is_none() || changes > 0 {
                <p class="attribution-score">{ format!("Speakers now: {} of {} matched quotes and claims attributed to the right actor.", check.attribution_correct, check.attribution_total) }</p>
            }
            <p class="hint">{ "Precision: how many of your spans are in the key. Recall: how many key spans you found. F1 combines the two. " }{ MATCHING_RULE }</p>
            <ul class="legend feedback-legend" aria-label="Feedback in the text">
                <li><span class="swatch fb fb-missed">{ "Sample" }</span><span class="legend-name">{ "Missed" }</span>
                    <span class="legend-look">{ format!("{}: a key span you did not tag", outline_look(Outline::Missed)) }</span></li>
                <li><span class="swatch fb fb-wrong-tag">{ "Sample" }</span><span class="legend-name">{ "Different tag" }</span>
                    <span class="legend-look">{ format!("{}: the right words with another tag than the key's", outline_look(Outline::WrongTag)) }</span></li>
            </ul>
            <p class="hint">{ "Choose an item to mark its words in the article." }</p>
            <ol class="verdicts">{ for items }</ol>
            <button type="button" id="download-checked" onclick={download_work(&props.doc)}>{ "Download checked work" }</button>
        </div>
    }
}
