//! The teacher's gradebook: every student's figures against the chosen answer key, at the
//! first check and as the work is now, sortable by any column, with the class averages,
//! and the same table as a CSV download (the core's `gradebook`, as `newsmark compare`).

use crate::browser;
use newsmark_core::agreement::MATCHING_RULE;
use newsmark_core::gradebook::{self, Column, Gradebook, KeySource, Measure, Scope, Stage};
use newsmark_core::Document;
use std::sync::Arc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GradebookViewProps {
    /// Every library document over the open article's text (the open one first).
    pub docs: Vec<Arc<Document>>,
    /// Read students' work from files (they join the library).
    pub on_files: Callback<Vec<gloo::file::File>>,
    pub on_close: Callback<()>,
}

/// The column the table is sorted by, and whether highest first.
#[derive(Clone, Copy, PartialEq)]
struct Sort {
    column: Column,
    descending: bool,
}

#[function_component]
pub fn GradebookView(props: &GradebookViewProps) -> Html {
    let docs: Vec<&Document> = props.docs.iter().map(|d| &**d).collect();
    let choices = gradebook::key_choices(&docs);
    let chosen = use_state(|| None::<KeySource>);
    let sort = use_state(|| None::<Sort>);
    let title = docs.first().map(|d| d.title.clone()).unwrap_or_default();
    // The key chosen, or the first offered while none is (or the one chosen has gone).
    let source = (*chosen)
        .clone()
        .filter(|s| choices.iter().any(|c| c.source == *s))
        .or_else(|| choices.first().map(|c| c.source.clone()));

    let on_files = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| on_files.emit(browser::chosen_files(&e)))
    };
    let import = html! {
        <label class="button">
            { "Import students' work…" }
            <input id="gradebook-files" type="file" multiple=true accept=".json" class="visually-hidden" onchange={on_files} />
        </label>
    };
    let on_key = {
        let (chosen, choices) = (chosen.clone(), choices.clone());
        Callback::from(move |e: Event| {
            let i: usize = e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(0);
            chosen.set(choices.get(i).map(|c| c.source.clone()));
        })
    };
    let key_picker = html! {
        <p class="gradebook-key">
            <label for="gradebook-key">{ "Answer key " }</label>
            <select id="gradebook-key" onchange={on_key}>
                { for choices.iter().enumerate().map(|(i, c)| html! {
                    <option value={i.to_string()} selected={Some(&c.source) == source.as_ref()}>{ &c.label }</option>
                }) }
            </select>
        </p>
    };

    let body = match source.as_ref().and_then(|s| Some((s, gradebook::key_reading(&docs, s)?))) {
        None => html! {
            <p class="notice-inline" id="gradebook-empty">
                { "There is no answer key for this article yet. Open the exercise file, or your own annotated copy of the article, and the students' work will be graded against it." }
            </p>
        },
        Some((source, key)) => {
            let students = gradebook::students(&docs, source);
            if students.is_empty() {
                html! {
                    <p class="notice-inline" id="gradebook-empty">
                        { "Import the students' work files to see them here. Each student's file is the work they downloaded from the exercise." }
                    </p>
                }
            } else {
                let book = Gradebook::new(key, &students);
                html! {
                    <>
                        if !book.stages().contains(&Stage::FirstCheck) {
                            <p class="hint" id="no-first-checks">{ "No student has checked their work yet, so there are no first-check figures: the columns appear once someone has." }</p>
                        }
                        { table(&book, &sort) }
                    </>
                }
            }
        }
    };

    let download = {
        let (props_docs, source) = (props.docs.clone(), source.clone());
        let title = title.clone();
        Callback::from(move |_: MouseEvent| {
            let docs: Vec<&Document> = props_docs.iter().map(|d| &**d).collect();
            let Some(source) = source.as_ref() else { return };
            let Some(key) = gradebook::key_reading(&docs, source) else { return };
            let book = Gradebook::new(key, &gradebook::students(&docs, source));
            let name = format!("{}-gradebook.csv", browser::file_stem(&title));
            browser::download(&name, "text/csv;charset=utf-8", &book.to_csv());
        })
    };
    let can_download = source
        .as_ref()
        .is_some_and(|s| gradebook::key_reading(&docs, s).is_some() && !gradebook::students(&docs, s).is_empty());

    html! {
        <section class="compare gradebook" aria-label="Gradebook">
            <div class="compare-head">
                <div>
                    <h1>{ "Gradebook" }</h1>
                    <p class="gradebook-article">{ format!("“{title}”") }</p>
                </div>
                <button type="button" onclick={props.on_close.reform(|_| ())}>{ "Back to the article" }</button>
            </div>
            if !choices.is_empty() { { key_picker } }
            <div class="row">
                { import }
                <button type="button" id="download-gradebook" disabled={!can_download} onclick={download}>{ "Download CSV" }</button>
            </div>
            { body }
            <p class="hint">
                { "Each student's work is checked against the key. First check: the scores recorded when the student first checked the work (empty if never checked). Final: the work as it is now. " }
                { "P is precision (the share of the student's spans that are in the key), R recall (the share of the key's spans found), F1 the harmonic mean of the two; Attribution is the share of the key's attributed quotes and claims found that the student gave to the same speaker. " }
                { "The class average is the mean of the students' figures, leaving out students without one; “–” means there was nothing to count. " }
                { MATCHING_RULE }
            </p>
        </section>
    }
}

/// A figure as a percentage without decimals, or "–".
fn percent(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| format!("{:.0}%", v * 100.0))
}

/// The short header of a measure within its group: "P", "R", "F1" or "Attribution".
fn short(measure: Measure) -> &'static str {
    match measure {
        Measure::Precision(_) => "P",
        Measure::Recall(_) => "R",
        Measure::F1(_) => "F1",
        Measure::Attribution => "Attribution",
    }
}

/// The column's full name, for people who hear the table rather than see it.
fn spoken(column: Column) -> String {
    match column.measure.scope() {
        Some(scope) => format!("{}, {} {}", column.stage.label(), scope.label(), column.measure.name()),
        None => format!("{}, attribution", column.stage.label()),
    }
}

fn table(book: &Gradebook, sort: &UseStateHandle<Option<Sort>>) -> Html {
    let stages = book.stages();
    let columns: Vec<Column> = Column::all().into_iter().filter(|c| stages.contains(&c.stage)).collect();
    let order = match **sort {
        Some(s) => book.order_by(s.column, s.descending),
        None => (0..book.rows.len()).collect(),
    };
    let header = |column: Column| {
        let state = sort.clone();
        let current = (*state).filter(|s| s.column == column);
        let aria_sort = match current {
            Some(Sort { descending: true, .. }) => "descending",
            Some(Sort { descending: false, .. }) => "ascending",
            None => "none",
        };
        // The first press sorts highest first, as a teacher looks for the best work; the
        // next turns it round.
        let next = Sort { column, descending: current.is_none_or(|s| !s.descending) };
        let arrow = match current {
            Some(Sort { descending: true, .. }) => " ↓",
            Some(Sort { descending: false, .. }) => " ↑",
            None => "",
        };
        html! {
            <th scope="col" aria-sort={aria_sort}>
                <button type="button" class="sort" aria-label={format!("Sort by {}", spoken(column))}
                    onclick={Callback::from(move |_| state.set(Some(next)))}>{ short(column.measure) }{ arrow }</button>
            </th>
        }
    };
    let scopes = |stage: Stage| {
        html! {
            <>
                { for Scope::ALL.iter().map(|s| html! { <th scope="colgroup" colspan="3" class={classes!(format!("stage-{}", stage_class(stage)))}>{ s.label() }</th> }) }
                <td></td>
            </>
        }
    };
    html! {
        <div class="gradebook-scroll" tabindex="0" role="region" aria-label="Gradebook table, scrolls sideways">
            <table class="matrix gradebook-table" id="gradebook-table">
                <caption class="visually-hidden">{ "Each student's figures against the key, first check and final, then the class average" }</caption>
                <thead>
                    <tr>
                        <td></td>
                        { for stages.iter().map(|&stage| html! {
                            <th scope="colgroup" colspan="13" class={classes!(format!("stage-{}", stage_class(stage)))}>{ stage.label() }</th>
                        }) }
                    </tr>
                    <tr>
                        <td></td>
                        { for stages.iter().map(|&stage| scopes(stage)) }
                    </tr>
                    <tr>
                        <th scope="col" class="student">{ "Student" }</th>
                        { for columns.iter().map(|&c| header(c)) }
                    </tr>
                </thead>
                <tbody>
                    { for order.iter().map(|&i| {
                        let row = &book.rows[i];
                        html! {
                            <tr key={row.document.clone()} data-document={row.document.clone()}>
                                <th scope="row" title={row.student.clone()}>{ &row.student }</th>
                                { for columns.iter().map(|&c| html! { <td>{ percent(row.value(c)) }</td> }) }
                            </tr>
                        }
                    }) }
                </tbody>
                <tfoot>
                    <tr class="class-average">
                        <th scope="row">{ "Class average" }</th>
                        { for columns.iter().map(|&c| html! { <td>{ percent(book.average(c)) }</td> }) }
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

fn stage_class(stage: Stage) -> &'static str {
    match stage {
        Stage::FirstCheck => "first",
        Stage::Final => "final",
    }
}
