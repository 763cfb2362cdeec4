//! The teacher's Class view: the roster with each student's progress as their work
//! arrives from the class server (annotations per tag, last change, handed in, first
//! check, score against the key), any student's work read-only, the Compare view on the
//! live class, and Reveal.

use super::compare_view::CompareView;
use super::legend::Legend;
use super::reveal_dialog::RevealDialog;
use crate::browser;
use crate::class_watch::{self, Class, News, Work};
use crate::couch::{self, CouchError};
use newsmark_core::class::reveal::{self, Work as RevealWork};
use newsmark_core::gradebook::{Column, Gradebook, Measure, Scope, Stage};
use newsmark_core::{Document, Timestamp};
use serde_json::Value;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClassViewProps {
    pub server: AttrValue,
    /// The class database.
    pub class: AttrValue,
    pub on_close: Callback<()>,
    /// Sign in again (the session ended, or another teacher's name is needed).
    pub on_sign_in: Callback<()>,
}

/// What the view has read so far.
#[derive(Clone, Default, PartialEq)]
struct Read {
    class: Option<Result<Rc<Class>, String>>,
    /// Why the class could not be read again, while the last reading is still shown.
    problem: Option<String>,
    /// Each student's work, by database.
    work: BTreeMap<String, Work>,
    /// When the last round of reads ended.
    polled: Option<Timestamp>,
}

impl Reducible for Read {
    type Action = News;

    fn reduce(self: Rc<Self>, news: News) -> Rc<Self> {
        let mut next = (*self).clone();
        match news {
            News::Class(Ok(class)) => {
                next.class = Some(Ok(Rc::new(class)));
                next.problem = None;
            }
            // What was read stays on the screen, with the reason it is not current.
            News::Class(Err(why)) if matches!(next.class, Some(Ok(_))) => next.problem = Some(why),
            News::Class(Err(why)) => next.class = Some(Err(why)),
            News::Work { database, work } => {
                next.work.insert(database, work);
            }
            News::Polled(at) => next.polled = Some(at),
        }
        Rc::new(next)
    }
}

/// What the view shows below its head.
#[derive(Clone, PartialEq)]
enum Showing {
    Roster,
    /// One student's work, by database.
    Work(String),
    Compare,
}

#[function_component]
pub fn ClassView(props: &ClassViewProps) -> Html {
    let read = use_reducer(Read::default);
    let showing = use_state(|| Showing::Roster);
    let revealing = use_state(|| false);
    // The outcome of the last Reveal, in a sentence, and whether it failed.
    let revealed = use_state(|| None::<(String, bool)>);
    {
        let dispatcher = read.dispatcher();
        use_effect_with((props.server.clone(), props.class.clone()), move |(server, class)| {
            let alive = class_watch::watch(
                server.to_string(),
                class.to_string(),
                Callback::from(move |n| dispatcher.dispatch(n)),
            );
            move || alive.set(false)
        });
    }

    let class = match &read.class {
        None => {
            return html! {
                <section class="compare class-view" aria-label="Class">
                    <p class="hint" id="class-loading">{ format!("Reading the class from {}…", props.server) }</p>
                </section>
            }
        }
        Some(Err(why)) => {
            return html! {
                <section class="compare class-view" aria-label="Class">
                    <div class="compare-head">
                        <h1>{ "Class" }</h1>
                        <button type="button" onclick={props.on_close.reform(|_| ())}>{ "Back to the library" }</button>
                    </div>
                    <p class="notice-inline" id="class-unreadable" role="alert">{ format!("The class {} could not be read. {why}", props.class) }</p>
                    <button type="button" id="class-sign-in-again" onclick={props.on_sign_in.reform(|_| ())}>{ "Sign in again…" }</button>
                </section>
            }
        }
        Some(Ok(class)) => class.clone(),
    };
    let key = class
        .exercise
        .as_ref()
        .ok()
        .and_then(|e| e.key_document())
        .map(|k| Arc::new(Document { title: "Answer key".into(), ..k }));
    // Each readable student's work, in roster order, with their name.
    let readable: Vec<(&str, &str, &Arc<Document>)> = class
        .students
        .iter()
        .filter_map(|s| match read.work.get(&s.database) {
            Some(Work::Read { document, .. }) => Some((s.name.as_str(), s.database.as_str(), document)),
            _ => None,
        })
        .collect();
    let docs: Vec<&Document> = readable.iter().map(|(_, _, d)| &***d).collect();
    let book = key.as_ref().map(|k| Gradebook::new(&**k, &docs));
    let score = |database: &str| -> Option<f64> {
        let row = book.as_ref()?.rows.iter().zip(&readable).find(|(_, (_, db, _))| *db == database)?.0;
        row.value(Column { stage: Stage::Final, measure: Measure::F1(Scope::Overall) })
    };
    let first_score = |database: &str| -> Option<f64> {
        let row = book.as_ref()?.rows.iter().zip(&readable).find(|(_, (_, db, _))| *db == database)?.0;
        row.value(Column { stage: Stage::FirstCheck, measure: Measure::F1(Scope::Overall) })
    };

    let show = |what: Showing| {
        let showing = showing.clone();
        Callback::from(move |_: MouseEvent| showing.set(what.clone()))
    };
    let on_reveal = {
        let (server, class_db, revealing, revealed) =
            (props.server.to_string(), props.class.to_string(), revealing.clone(), revealed.clone());
        let key = class.exercise.as_ref().ok().and_then(|e| e.key.open().cloned());
        let work: Vec<(String, String, Arc<Document>)> =
            readable.iter().map(|(n, db, d)| (n.to_string(), db.to_string(), (*d).clone())).collect();
        Callback::from(move |anonymised: bool| {
            revealing.set(false);
            let Some(key) = key.clone() else { return };
            let offered: Vec<RevealWork> =
                work.iter().map(|(name, database, document)| RevealWork { name, database, document }).collect();
            let record = match reveal::record(browser::now(), &key, &offered, anonymised) {
                Ok(record) => record,
                Err(why) => return revealed.set(Some((why.to_string(), true))),
            };
            let (server, class_db, revealed) = (server.clone(), class_db.clone(), revealed.clone());
            yew::platform::spawn_local(async move {
                let outcome = publish(&server, &class_db, record).await;
                revealed.set(Some(match outcome {
                    Ok(()) => (
                        format!(
                            "Revealed at {}. Students now see the answer key, their checked work and the class picture ({}).",
                            browser::time_of_day(browser::now()),
                            if anonymised { "numbered" } else { "named" }
                        ),
                        false,
                    ),
                    Err(why) => (format!("The key was not revealed. {why}"), true),
                }));
            });
        })
    };

    let head = html! {
        <div class="compare-head">
            <div>
                <h1>{ format!("Class: {}", class.name) }</h1>
                <p class="gradebook-article">
                    { match &class.exercise { Ok(e) => format!("“{}”", e.title), Err(why) => why.clone() } }
                </p>
            </div>
            <div class="row">
                <button type="button" id="class-roster" aria-pressed={(*showing == Showing::Roster).to_string()} onclick={show(Showing::Roster)}>{ "Roster" }</button>
                <button type="button" id="class-compare" aria-pressed={(*showing == Showing::Compare).to_string()} onclick={show(Showing::Compare)}>{ "Compare the class" }</button>
                <button type="button" id="class-reveal" disabled={key.is_none()}
                    onclick={{ let r = revealing.clone(); Callback::from(move |_| r.set(true)) }}>{ "Reveal the key…" }</button>
                <button type="button" onclick={props.on_close.reform(|_| ())}>{ "Back to the library" }</button>
                <button type="button" id="class-sign-out" onclick={{
                    let (server, on_close) = (props.server.to_string(), props.on_close.clone());
                    Callback::from(move |_| {
                        let (server, on_close) = (server.clone(), on_close.clone());
                        yew::platform::spawn_local(async move {
                            // Signed out or not (offline), the view closes; the server ends the session when it can.
                            couch::sign_out(&server).await.ok();
                            on_close.emit(());
                        });
                    })
                }}>{ "Sign out" }</button>
            </div>
        </div>
    };
    let status = html! {
        <>
            if let Some(why) = &read.problem {
                <div class="notice error" id="class-problem" role="alert">
                    <p>{ format!("The class could not be read again: what you see may be out of date. {why}") }</p>
                    <button type="button" onclick={props.on_sign_in.reform(|_| ())}>{ "Sign in again…" }</button>
                </div>
            }
            if let Some(at) = class.reveal.as_ref().and_then(|r| r.get("at")).and_then(Value::as_str).and_then(|at| Timestamp::parse(at).ok()) {
                <p class="hint" id="class-revealed-at">{ format!("The key was revealed at {} on {}.", browser::time_of_day(at), &at.to_string()[..10]) }</p>
            }
            if let Some((sentence, failed)) = &*revealed {
                <p class={classes!(if *failed { "notice-inline" } else { "hint" })} id="reveal-outcome" role={if *failed { "alert" } else { "status" }}>{ sentence }</p>
            }
        </>
    };

    let body = match &*showing {
        Showing::Compare => {
            let mut sets: Vec<Arc<Document>> = key.iter().cloned().collect();
            sets.extend(
                readable.iter().map(|(name, _, d)| Arc::new(Document { title: name.to_string(), ..(***d).clone() })),
            );
            if sets.is_empty() {
                html! { <p class="notice-inline">{ "No student's work has arrived yet." }</p> }
            } else {
                html! {
                    <CompareView {sets} on_files={None::<Callback<Vec<gloo::file::File>>>}
                        title={class.exercise.as_ref().ok().map(|e| AttrValue::from(e.title.clone()))}
                        close_label="Back to the roster" on_close={{ let s = showing.clone(); Callback::from(move |_| s.set(Showing::Roster)) }}
                        sets_hint="The answer key and each student's work as it is on the class server now; the figures follow as work arrives." />
                }
            }
        }
        Showing::Work(database) => {
            match (read.work.get(database), class.students.iter().find(|s| s.database == *database)) {
                (Some(Work::Read { document, .. }), Some(student)) => {
                    html! { <StudentWork doc={document.clone()} name={student.name.clone()} on_back={{ let s = showing.clone(); Callback::from(move |_| s.set(Showing::Roster)) }} /> }
                }
                _ => html! { <p class="notice-inline">{ "This student's work cannot be read now." }</p> },
            }
        }
        Showing::Roster => html! {
            <>
                if class.students.is_empty() {
                    <p class="notice-inline" id="class-no-students">{ "The class has no students yet: add them with newsmark class create and a roster." }</p>
                } else {
                    <p id="class-summary">{ summary(&class, &read.work) }</p>
                    <div class="gradebook-scroll" tabindex="0" role="region" aria-label="Roster, scrolls sideways">
                        <table class="matrix roster" id="class-roster-table">
                            <caption class="visually-hidden">{ "Each student's progress, as the class server has it" }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ "Student" }</th>
                                    <th scope="col">{ "Claims" }</th>
                                    <th scope="col">{ "Quotes" }</th>
                                    <th scope="col">{ "Actors" }</th>
                                    <th scope="col">{ "Last change" }</th>
                                    <th scope="col">{ "Handed in" }</th>
                                    <th scope="col">{ "First check" }</th>
                                    <th scope="col" title="F1 of the work now against the answer key">{ "Score (F1)" }</th>
                                    <th scope="col"><span class="visually-hidden">{ "Work" }</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                { for class.students.iter().map(|s| {
                                    let work = read.work.get(&s.database).unwrap_or(&Work::Waiting);
                                    let cells = match work {
                                        Work::Waiting => html! { <td colspan="8" class="hint">{ "Reading…" }</td> },
                                        Work::Unreadable(why) => html! { <td colspan="8" class="unreadable">{ why }</td> },
                                        Work::Read { progress, dropped, .. } => html! {
                                            <>
                                                { for progress.per_tag.iter().map(|n| html! { <td class="tag-count">{ n }</td> }) }
                                                <td>{ progress.last_change.map_or("not started".to_owned(), when) }</td>
                                                <td class="handed-in">{ progress.handed_in.map_or("not yet".to_owned(), when) }</td>
                                                <td>
                                                    { progress.first_check.map_or("–".to_owned(), when) }
                                                    if let Some(f1) = first_score(&s.database) { { format!(" ({})", percent(f1)) } }
                                                </td>
                                                // Nothing tagged yet is no score yet, rather than 0%.
                                                <td class="score">{ score(&s.database).filter(|_| progress.annotations() > 0).map_or("–".to_owned(), percent) }</td>
                                                <td>
                                                    <button type="button" class="link-text" onclick={show(Showing::Work(s.database.clone()))}
                                                        aria-label={format!("Open {}'s work, read-only", s.name)}>{ "Open" }</button>
                                                    if *dropped > 0 {
                                                        <span class="hint">{ format!(" ({dropped} damaged records left out)") }</span>
                                                    }
                                                </td>
                                            </>
                                        },
                                    };
                                    html! {
                                        <tr key={s.database.clone()} data-student={s.username.clone()}>
                                            <th scope="row">{ &s.name }</th>
                                            { cells }
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
                <p class="hint" id="class-polled">
                    { match read.polled { Some(at) => format!("Read from the class server at {}; new work appears as it arrives.", clock(at)), None => "Reading the students' work…".to_owned() } }
                </p>
                <p class="hint">{ "Last change: the time of the student's newest change the server has. Score: F1 of their work now against your answer key (the gradebook's figure); first check in brackets. " }{ newsmark_core::agreement::MATCHING_RULE }</p>
            </>
        },
    };

    html! {
        <section class="compare class-view" aria-label="Class">
            { head }
            { status }
            { body }
            if *revealing {
                <RevealDialog students={readable.len()} again={class.reveal.is_some()} {on_reveal}
                    on_cancel={{ let r = revealing.clone(); Callback::from(move |_| r.set(false)) }} />
            }
        </section>
    }
}

/// "6 students: 5 started, 3 handed in." (and how many cannot be read, if any).
fn summary(class: &Class, work: &BTreeMap<String, Work>) -> String {
    let works: Vec<Option<&Work>> = class.students.iter().map(|s| work.get(&s.database)).collect();
    let count = |f: &dyn Fn(&Work) -> bool| works.iter().flatten().filter(|w| f(w)).count();
    let started = count(&|w| matches!(w, Work::Read { progress, .. } if progress.last_change.is_some()));
    let handed_in = count(&|w| matches!(w, Work::Read { progress, .. } if progress.handed_in.is_some()));
    let unreadable = count(&|w| matches!(w, Work::Unreadable(_)));
    let students = if works.len() == 1 { "1 student".to_owned() } else { format!("{} students", works.len()) };
    let mut out = format!("{students}: {started} started, {handed_in} handed in");
    if unreadable > 0 {
        out.push_str(&format!(", {unreadable} cannot be read"));
    }
    out.push('.');
    out
}

/// Writes the `reveal` record to the class database, over the one there if any.
async fn publish(server: &str, class: &str, mut record: Value) -> Result<(), CouchError> {
    if let Some(rev) = crate::class_reveal::fetch(server, class).await?.and_then(|r| r.get("_rev").cloned()) {
        record["_rev"] = rev;
    }
    let path = format!("/{class}/{}", reveal::REVEAL);
    couch::put(server, &path, &record, "class database").await.map(|_| ())
}

/// A time as the roster shows it: the time of day, with the date when not today.
fn when(t: Timestamp) -> String {
    let today = browser::now().to_string()[..10].to_owned();
    let date = &t.to_string()[..10];
    if date == today {
        browser::time_of_day(t)
    } else {
        format!("{date} {}", browser::time_of_day(t))
    }
}

/// The time of day with seconds, for the last read.
fn clock(t: Timestamp) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.0 as f64));
    format!("{:02}:{:02}:{:02}", date.get_hours(), date.get_minutes(), date.get_seconds())
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

#[derive(Properties, PartialEq)]
struct StudentWorkProps {
    doc: Arc<Document>,
    name: String,
    on_back: Callback<()>,
}

/// A student's work, read-only: the article with their highlights, and their annotations
/// listed with their notes.
#[function_component]
fn StudentWork(props: &StudentWorkProps) -> Html {
    let doc = &props.doc;
    let ignore_selection = Callback::from(|_: Option<(usize, usize)>| ());
    let ignore = Callback::from(|_| ());
    html! {
        <div class="student-work" id="student-work">
            <div class="compare-head">
                <div>
                    <h2>{ format!("{}'s work", props.name) }</h2>
                    <p class="hint" id="read-only-work">{ "Read-only: this is the student's work as the class server has it. It is not in your library and cannot be changed here." }</p>
                </div>
                <button type="button" onclick={props.on_back.reform(|_| ())}>{ "Back to the roster" }</button>
            </div>
            <div class="student-work-grid">
                <div>
                    <header class="article-head">
                        <h1 class="article-title">{ &doc.title }</h1>
                        <Legend />
                    </header>
                    <super::article_view::ArticleView doc={doc.clone()} filter={None} query={AttrValue::default()} focused={None::<String>}
                        candidates={Vec::<String>::new()} on_select_text={ignore_selection} on_click_at={Callback::from(|_: usize| ())}
                        on_focus_annotation={ignore} />
                </div>
                <div>
                    <h3>{ format!("Annotations ({})", doc.annotations.len()) }</h3>
                    <ol class="student-annotations">
                        { for doc.annotations.iter().map(|a| html! {
                            <li>
                                <span class={classes!("badge", format!("tag-{}", a.tag))}>{ a.tag.label() }</span>
                                { format!(" “{}”", a.exact) }
                                if let Some(note) = &a.note { <p class="why">{ note }</p> }
                            </li>
                        }) }
                    </ol>
                </div>
            </div>
        </div>
    }
}
