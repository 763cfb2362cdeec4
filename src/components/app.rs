//! The whole page: header, notices, library, reading view and annotation panel, and the
//! one effect that saves to storage.

use super::annotation_panel::AnnotationPanel;
use super::article_view::ArticleView;
use super::compare_view::CompareView;
use super::export_menu::ExportMenu;
use super::legend::{Codebook, Legend};
use super::library::{Library, LibraryEntry};
use super::make_exercise::MakeExercise;
use super::notices::Notices;
use super::open_dialog::OpenDialog;
use super::selection_toolbar::SelectionToolbar;
use crate::article_file::Article;
use crate::browser;
use crate::state::{library_json, AppState, Msg, Notice, NoticeKind};
use crate::storage::{self, Batch, DatabaseEvent, Persistence};
use crate::tabs::{self, TabMessage};
use gloo::events::{EventListener, EventListenerOptions};
use newsmark_core::formats::{self, Format};
use newsmark_core::{offsets, sample, sample_exercise, snap, Action, Document, Tag};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A selection waiting to be tagged: the snapped span and where to show the toolbar.
#[derive(Clone, PartialEq)]
struct Pending {
    start: usize,
    end: usize,
    x: f64,
    y: f64,
    preview: String,
}

/// What the page-wide key handler needs from the latest render.
struct KeyContext {
    state: UseReducerHandle<AppState>,
    show_keys: UseStateHandle<bool>,
    pending: UseStateHandle<Option<Pending>>,
    has_pending: bool,
    tag_pending: Callback<Tag>,
}

impl KeyContext {
    fn handle(&self, e: &KeyboardEvent) {
        let key = e.key();
        if key == "Escape" {
            self.show_keys.set(false);
            self.pending.set(None);
            self.state.dispatch(Msg::CloseEditor);
            // Focus goes back to the text, never lost.
            if browser::typing_in_a_field() || self.state.focused.is_some() {
                browser::focus_soon(".article");
            }
            return;
        }
        if browser::typing_in_a_field() {
            return;
        }
        if e.ctrl_key() || e.meta_key() {
            let redo = (key.eq_ignore_ascii_case("z") && e.shift_key()) || key.eq_ignore_ascii_case("y");
            if redo || key.eq_ignore_ascii_case("z") {
                e.prevent_default();
                let action = if redo { Action::Redo } else { Action::Undo };
                self.state.dispatch(Msg::Edit(action, browser::now()));
                self.pending.set(None);
            }
            return;
        }
        if key == "?" {
            e.prevent_default();
            self.show_keys.set(!*self.show_keys);
            return;
        }
        if e.alt_key() || !self.has_pending {
            return;
        }
        if let Some(tag) = Tag::from_key(&key) {
            e.prevent_default();
            self.tag_pending.emit(tag);
        }
    }
}

/// Reads a dropped or chosen file of any importable format and adds what it holds to
/// the library. Files that carry no article text (W3C from elsewhere, a bare brat
/// `.ann`) are placed against the open article, as a new library entry.
async fn import(
    state: UseReducerHandle<AppState>,
    file: gloo::file::File,
    open: Option<(String, std::sync::Arc<str>)>,
) {
    let name = file.name();
    let refused = |details: Vec<String>| {
        Msg::Notify(Some(Notice::error(format!("{name} was not imported. Nothing was changed."), details)))
    };
    if file.size() as usize > formats::MAX_IMPORT_BYTES {
        let mb = file.size() as f64 / 1_048_576.0;
        let limit = formats::MAX_IMPORT_BYTES / 1_048_576;
        return state
            .dispatch(refused(vec![format!("The file is {mb:.1} MB; Newsmark imports files of up to {limit} MB.")]));
    }
    let bytes = match gloo::file::futures::read_as_bytes(&file).await {
        Ok(bytes) => bytes,
        Err(e) => return state.dispatch(refused(vec![format!("The file could not be read ({e}).")])),
    };
    let Some(format) = formats::detect(&name, &bytes) else {
        return state.dispatch(refused(vec![
            "Its format was not recognised. Newsmark imports Newsmark JSON, W3C Web Annotation, brat (.zip or .ann), doccano JSONL and Label Studio JSON, and opens .txt, .md and .html files as articles.".into(),
        ]));
    };
    let mut new_id = || browser::new_id("d");
    let text = open.as_ref().map(|(_, text)| &**text);
    match formats::import(format, &bytes, text, &mut new_id, browser::now()) {
        Ok(imported) => {
            let mut docs = imported.documents;
            let mut details = vec![format!("{}: {}", format.label(), imported.report.summary())];
            details.extend(imported.report.remarks);
            if let Some((title, text)) = &open {
                for doc in docs.iter_mut().filter(|d| Arc::ptr_eq(&d.text, text) || *d.text == **text) {
                    if doc.title == doc.text.lines().next().unwrap_or_default().chars().take(80).collect::<String>() {
                        doc.title = format!("{title} (imported annotations)");
                    }
                }
            }
            if imported.report.orphaned > 0 {
                details.push(
                    "Annotations whose text was not found are listed in the side panel, to place or drop.".into(),
                );
            }
            let fresh_ids = docs.iter().map(|_| browser::new_id("d")).collect();
            state.dispatch(Msg::Import { docs, fresh_ids, now: browser::now(), source: name.clone(), details });
        }
        Err(e) => state.dispatch(refused(e.0.lines().map(str::to_owned).collect())),
    }
}

/// Reads the library from storage (adding the sample article on a first visit) and
/// hands it to the app.
async fn load_library(state: UseReducerDispatcher<AppState>) {
    let events = {
        let state = state.clone();
        move |event: DatabaseEvent| {
            state.dispatch(match event {
                DatabaseEvent::Blocked => Msg::Notify(Some(Notice::error(
                    "Waiting for another Newsmark tab",
                    vec!["An older Newsmark is open in another tab and holds the library. Close that tab (or reload it) and this one continues.".into()],
                ))),
                DatabaseEvent::Newer => Msg::SaveFailed(
                    "a newer Newsmark was opened in another tab; reload this tab to keep working (download your work first if you are unsure)".into(),
                ),
                DatabaseEvent::Deleted => Msg::SaveFailed(
                    "the library stored in this browser was deleted while this tab was open (its site data was cleared)".into(),
                ),
            })
        }
    };
    let mut loaded = storage::load(events).await;
    if loaded.first_visit {
        let doc = sample::sample_document(browser::now());
        loaded.unsaved.push(doc.id.clone());
        loaded.docs.push(doc);
    }
    state.dispatch(Msg::Notify(None));
    state.dispatch(Msg::Loaded {
        docs: loaded.docs,
        open: loaded.open,
        damaged: loaded.damaged,
        unsaved: loaded.unsaved,
        error: loaded.error,
    });
}

/// Asks which documents another tab is editing, and tells the app.
fn refresh_writers(state: UseReducerDispatcher<AppState>) {
    yew::platform::spawn_local(async move {
        let elsewhere = tabs::held_elsewhere().await;
        state.dispatch(Msg::Writers { elsewhere });
    });
}

/// Holds the writer's lock of each document in `wanted`, and only those.
fn hold_writers(state: &UseReducerDispatcher<AppState>, wanted: &BTreeSet<String>) {
    let (on_change, on_lost) = writer_callbacks(state);
    tabs::hold_only(wanted, on_change, on_lost);
}

fn writer_callbacks(state: &UseReducerDispatcher<AppState>) -> (tabs::Callback, impl Fn(String) + Clone + 'static) {
    let changed = state.clone();
    let lost = state.clone();
    (tabs::Callback(Rc::new(move || refresh_writers(changed.clone()))), move |doc: String| {
        lost.dispatch(Msg::WriterMoved(doc))
    })
}

/// Another tab saved: read what it wrote and show it here.
fn follow_other_tab(state: UseReducerDispatcher<AppState>, docs: Vec<String>, removed: Vec<String>) {
    yew::platform::spawn_local(async move {
        let mut versions = match storage::read_documents(&docs).await {
            Ok(versions) => versions,
            Err(_) => return,
        };
        versions.extend(removed.into_iter().map(|id| (id, None)));
        state.dispatch(Msg::Outside(versions));
    });
}

/// Writes what is unsaved in `state` (leaving out documents already being written at
/// the same revision), then reports the outcome to the app and to the other tabs.
fn save_now(
    state: &UseReducerHandle<AppState>,
    in_flight: &Rc<std::cell::RefCell<BTreeMap<String, u64>>>,
    persistence: &UseStateHandle<Option<Persistence>>,
    last_status: &Rc<std::cell::Cell<i64>>,
) {
    let batch = Batch::prepare(state, &in_flight.borrow());
    if batch.is_empty() {
        return;
    }
    in_flight.borrow_mut().extend(batch.written.iter().cloned());
    let (dispatcher, retrying) = (state.dispatcher(), state.save_error.clone());
    let (in_flight, persistence, last_status) = (in_flight.clone(), persistence.clone(), last_status.clone());
    yew::platform::spawn_local(async move {
        let outcome = batch.write().await;
        {
            let mut in_flight = in_flight.borrow_mut();
            for (id, revision) in &batch.written {
                if in_flight.get(id) == Some(revision) {
                    in_flight.remove(id);
                }
            }
        }
        match outcome {
            Ok(()) => {
                let docs = batch.written.iter().map(|(id, _)| id.clone()).collect();
                tabs::post(&TabMessage::Saved { docs, removed: batch.removed.clone() });
                dispatcher.dispatch(Msg::Saved { written: batch.written, removed: batch.removed });
                // The room the library takes, now and then (each update re-renders the page).
                let now = browser::now().0;
                if now - last_status.get() > 5_000 {
                    last_status.set(now);
                    persistence.set(Some(storage::persistence().await));
                }
            }
            Err(why) if retrying.as_deref() == Some(why.as_str()) => {}
            Err(why) => dispatcher.dispatch(Msg::SaveFailed(why)),
        }
    });
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(AppState::loading);
    let persistence = use_state(|| None::<Persistence>);
    // Once: read the library, follow the other tabs, and ask the browser to keep the library.
    {
        let dispatcher = state.dispatcher();
        let persistence = persistence.clone();
        use_effect_with((), move |_| {
            let loader = dispatcher.clone();
            // The library first: the storage status reports on the database it opened.
            yew::platform::spawn_local(async move {
                load_library(loader).await;
                persistence.set(Some(storage::request_persistence().await));
            });
            let on_message = dispatcher.clone();
            tabs::listen(move |message| match message {
                TabMessage::Saved { docs, removed } => follow_other_tab(on_message.clone(), docs, removed),
                TabMessage::Writers => {
                    // A lock may have been let go: try again for the documents this tab wants.
                    let (on_change, on_lost) = writer_callbacks(&on_message);
                    tabs::hold_only(&tabs::wanted(), on_change, on_lost);
                    refresh_writers(on_message.clone());
                }
            });
        });
    }
    let pending = use_state(|| None::<Pending>);
    let show_open = use_state(|| false);
    let query = use_state(String::new);
    // Theme: "system" (follow the system setting), "light" or "dark"; kept in local storage.
    let theme = use_state(|| crate::storage::setting("newsmark:theme").unwrap_or_else(|| "system".into()));
    {
        let theme = (*theme).clone();
        use_effect_with(theme, |theme| {
            if let Some(root) = gloo::utils::document().document_element() {
                if theme == "system" {
                    root.remove_attribute("data-theme").ok();
                } else {
                    root.set_attribute("data-theme", theme).ok();
                }
            }
            crate::storage::set_setting("newsmark:theme", theme);
        });
    }
    let guide_dismissed = use_state(|| crate::storage::setting("newsmark:guide").is_some());

    // Saving: after every change, write what is unsaved, in one transaction. A failure is
    // reported and the work stays in memory (and in `unsaved`) for the next attempt.
    // The write starts once the change is painted (serialising a long document takes
    // tens of milliseconds that the person should not wait for), or after 50 ms in a
    // tab that paints nothing (hidden), whichever comes first; a newer change replaces a
    // write not yet started.
    let saver = use_mut_ref(|| None::<(gloo::render::AnimationFrame, gloo::timers::callback::Timeout)>);
    let in_flight = use_mut_ref(BTreeMap::<String, u64>::new);
    let last_status = use_memo((), |_| std::cell::Cell::new(0_i64));
    {
        let (state, in_flight, persistence, saver) =
            (state.clone(), in_flight.clone(), persistence.clone(), saver.clone());
        use_effect_with(state.revision, move |_| {
            if !state.loading {
                storage::save_settings(&state);
            }
            // A newer change replaces a write not yet started; with nothing to write, no write.
            saver.borrow_mut().take();
            if !state.loading && (!state.unsaved.is_empty() || !state.unremoved.is_empty()) {
                let started = Rc::new(std::cell::Cell::new(false));
                let save = Rc::new(move || {
                    if !started.replace(true) {
                        save_now(&state, &in_flight, &persistence, &last_status);
                    }
                });
                let after_paint = {
                    let save = save.clone();
                    gloo::render::request_animation_frame(move |_| {
                        gloo::timers::callback::Timeout::new(0, move || save()).forget();
                    })
                };
                let fallback = gloo::timers::callback::Timeout::new(50, move || save());
                *saver.borrow_mut() = Some((after_paint, fallback));
            }
        });
    }

    // One writer per document: this tab holds the lock of the open document and of
    // every document it has not finished saving.
    {
        let wanted: BTreeSet<String> = if state.loading {
            BTreeSet::new()
        } else {
            state.open.iter().chain(state.unsaved.keys()).cloned().collect()
        };
        let dispatcher = state.dispatcher();
        use_effect_with(wanted, move |wanted| hold_writers(&dispatcher, wanted));
    }

    // Closing the tab while something is unsaved asks first.
    let unsaved_now = use_mut_ref(|| false);
    *unsaved_now.borrow_mut() = !state.unsaved.is_empty() || !state.unremoved.is_empty();
    use_effect_with((), move |_| {
        let listener = EventListener::new_with_options(
            &gloo::utils::window(),
            "beforeunload",
            EventListenerOptions::enable_prevent_default(),
            move |event| {
                if *unsaved_now.borrow() {
                    event.prevent_default();
                }
            },
        );
        move || drop(listener)
    });

    let doc: Option<Arc<Document>> = state.open.as_deref().and_then(|id| state.ws.shared(id)).cloned();

    // Information notices go away by themselves after a while; errors stay until dismissed.
    {
        let state = state.clone();
        use_effect_with(state.notice.clone(), move |notice| {
            let timeout = notice
                .as_ref()
                .filter(|n| n.kind == NoticeKind::Info)
                .map(|_| gloo::timers::callback::Timeout::new(8_000, move || state.dispatch(Msg::Notify(None))));
            move || drop(timeout)
        });
    }

    // The browser tab shows the open article's title.
    {
        let title = doc.as_ref().map(|d| d.title.clone());
        use_effect_with(title, |title| {
            gloo::utils::document().set_title(&match title {
                Some(t) => format!("{t} · Newsmark"),
                None => "Newsmark".to_owned(),
            });
        });
    }

    let tag_pending = {
        let (state, pending, doc) = (state.clone(), pending.clone(), doc.clone());
        Callback::from(move |tag: Tag| {
            let (Some(p), Some(doc)) = ((*pending).clone(), doc.as_ref()) else {
                return;
            };
            let id = browser::new_id("a");
            let action = Action::AddAnnotation { doc: doc.id.clone(), id: id.clone(), tag, start: p.start, end: p.end };
            state.dispatch(Msg::Edit(action, browser::now()));
            state.dispatch(Msg::Select { candidates: vec![id.clone()], focus: Some(id) });
            pending.set(None);
            browser::clear_selection();
        })
    };

    // Keyboard: tag keys while a selection waits, undo and redo, Escape. The listener is
    // registered once and reads the latest render's values, so a key pressed the moment
    // the toolbar appears is never handled with stale state.
    let show_keys = use_state(|| false);
    let keys = use_mut_ref(|| None::<KeyContext>);
    *keys.borrow_mut() = Some(KeyContext {
        show_keys: show_keys.clone(),
        state: state.clone(),
        pending: pending.clone(),
        has_pending: pending.is_some(),
        tag_pending: tag_pending.clone(),
    });
    use_effect_with((), move |_| {
        let keys_for_selection = keys.clone();
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |event| {
            if let (Some(e), Some(ctx)) = (event.dyn_ref::<KeyboardEvent>(), keys.borrow().as_ref()) {
                ctx.handle(e);
            }
        });
        // A selection that goes away (a click elsewhere) takes the toolbar with it.
        let selection = EventListener::new(&gloo::utils::document(), "selectionchange", move |_| {
            let collapsed =
                web_sys::window().and_then(|w| w.get_selection().ok().flatten()).is_none_or(|s| s.is_collapsed());
            if collapsed {
                if let Some(ctx) = keys_for_selection.borrow().as_ref() {
                    if ctx.has_pending {
                        ctx.pending.set(None);
                    }
                }
            }
        });
        move || {
            drop(listener);
            drop(selection);
        }
    });

    let read_only = doc.as_ref().is_some_and(|d| !state.may_edit(&d.id));
    let on_select_text = {
        let (pending, doc) = (pending.clone(), doc.clone());
        Callback::from(move |sel: Option<(usize, usize)>| {
            let Some(doc) = doc.as_ref().filter(|_| !read_only) else { return };
            let snapped = sel.and_then(|(s, e)| snap::snap(&doc.text, s, e));
            let next = snapped.and_then(|(start, end)| {
                let (x, y) = browser::selection_anchor_point()?;
                let preview = offsets::slice(&doc.text, start, end)?.to_owned();
                Some(Pending { start, end, x, y, preview })
            });
            pending.set(next);
        })
    };

    let on_click_at = {
        let (state, doc) = (state.clone(), doc.clone());
        Callback::from(move |cp: usize| {
            let Some(doc) = doc.as_ref() else { return };
            let filter = state.filter;
            let ids: Vec<String> =
                doc.annotations_at(cp).filter(|a| filter.is_none_or(|t| t == a.tag)).map(|a| a.id.clone()).collect();
            if ids.is_empty() {
                state.dispatch(Msg::CloseEditor);
            } else {
                let focus = ids.last().cloned();
                state.dispatch(Msg::Select { candidates: ids, focus });
            }
        })
    };

    let edit = {
        let state = state.clone();
        move |action: Action| state.dispatch(Msg::Edit(action, browser::now()))
    };
    let doc_id = doc.as_ref().map(|d| d.id.clone()).unwrap_or_default();
    // Everything the side panel edits arrives here as a core action.
    let on_action = {
        let (edit, state, pending) = (edit.clone(), state.clone(), pending.clone());
        Callback::from(move |action: Action| {
            let deleted = matches!(action, Action::DeleteAnnotation { .. });
            let tagged_selection = matches!(action, Action::AddAnnotation { .. });
            edit(action);
            if deleted {
                state.dispatch(Msg::Notify(Some(Notice::info("Annotation deleted. Undo brings it back (Ctrl+Z)."))));
            }
            if tagged_selection {
                pending.set(None);
                browser::clear_selection();
            }
        })
    };
    let comparing = use_state(|| false);
    let making_exercise = use_state(|| false);
    let compare_sets: Vec<Arc<Document>> = match doc.as_ref() {
        Some(open) if *comparing => std::iter::once(open.clone())
            .chain(
                state
                    .ws
                    .documents()
                    .iter()
                    .filter(|d| d.id != open.id && (Arc::ptr_eq(&d.text, &open.text) || d.text == open.text))
                    .cloned(),
            )
            // An exercise's answer key joins the comparison as one more annotator.
            .chain(open.assignment.as_ref().map(|a| {
                Arc::new(Document {
                    id: format!("answer-key:{}", a.key.id),
                    title: "Answer key".into(),
                    ..a.key.clone()
                })
            }))
            .collect(),
        _ => Vec::new(),
    };
    let on_pick = {
        let (state, doc) = (state.clone(), doc.clone());
        Callback::from(move |id: String| {
            if let Some(a) = doc.as_ref().and_then(|d| d.annotation(&id)) {
                browser::scroll_to_offset(a.start);
            }
            state.dispatch(Msg::Select { candidates: vec![id.clone()], focus: Some(id) });
        })
    };
    let on_focus = {
        let state = state.clone();
        Callback::from(move |id: String| {
            let candidates = state.candidates.clone();
            state.dispatch(Msg::Select { candidates, focus: Some(id) });
        })
    };
    let on_close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Msg::CloseEditor))
    };
    let on_orphan = {
        let (edit, doc_id, pending) = (edit.clone(), doc_id.clone(), pending.clone());
        Callback::from(move |(orphan, place): (String, bool)| {
            let span = if place { pending.as_ref().map(|p| (p.start, p.end)) } else { None };
            if place && span.is_none() {
                return;
            }
            edit(Action::ResolveOrphan { doc: doc_id.clone(), orphan, span });
            pending.set(None);
            browser::clear_selection();
        })
    };
    let on_filter = {
        let state = state.clone();
        Callback::from(move |tag| state.dispatch(Msg::Filter(tag)))
    };

    let undo = {
        let edit = edit.clone();
        Callback::from(move |_: MouseEvent| edit(Action::Undo))
    };
    let redo = {
        let edit = edit.clone();
        Callback::from(move |_: MouseEvent| edit(Action::Redo))
    };
    let export = {
        let (doc, state) = (doc.clone(), state.clone());
        Callback::from(move |format: Format| {
            let Some(doc) = doc.as_ref() else { return };
            let exported = match formats::export(format, std::slice::from_ref(&**doc)) {
                Ok(exported) => exported,
                Err(why) => {
                    let notice = Notice::error(format!("“{}” was not exported.", doc.title), vec![why.0]);
                    return state.dispatch(Msg::Notify(Some(notice)));
                }
            };
            let name = format!("{}.{}", browser::file_stem(&doc.title), format.extension());
            browser::download_bytes(&name, format.mime(), &exported.bytes);
            let notice = if exported.left_out.is_empty() {
                Notice::info(format!("Exported “{}” as {}.", doc.title, format.label()))
            } else {
                Notice {
                    details: exported.left_out,
                    ..Notice::info(format!(
                        "Exported “{}” as {}. Not everything fits this format:",
                        doc.title,
                        format.label()
                    ))
                }
            };
            state.dispatch(Msg::Notify(Some(notice)));
        })
    };
    let on_report = {
        let (doc, state) = (doc.clone(), state.clone());
        Callback::from(move |_| {
            let Some(doc) = doc.as_ref() else { return };
            let name = format!("{}.report.html", browser::file_stem(&doc.title));
            browser::download(&name, "text/html", &newsmark_core::report::html(doc, browser::now()));
            state.dispatch(Msg::Notify(Some(Notice::info(format!(
                "Saved the report as {name}. It opens in any browser and prints well to PDF."
            )))));
        })
    };
    let print_view = {
        let doc = doc.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(doc) = doc.as_ref() {
                browser::open_in_new_tab("text/html", &newsmark_core::report::html(doc, browser::now()));
            }
        })
    };
    let open_text = doc.as_ref().map(|d| (d.title.clone(), d.text.clone()));
    let import_file = {
        let state = state.clone();
        let open_text = open_text.clone();
        Callback::from(move |file: gloo::file::File| {
            let (state, open_text) = (state.clone(), open_text.clone());
            yew::platform::spawn_local(async move {
                import(state, file, open_text).await;
            });
        })
    };
    let import = {
        let import_file = import_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            import_file.emit(gloo::file::File::from(file));
        })
    };

    // Files dropped anywhere on the page: articles open, annotation files import.
    let dragging = use_state(|| false);
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            let has_files = e.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0));
            if has_files {
                e.prevent_default();
                if !*dragging {
                    dragging.set(true);
                }
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Only when the pointer leaves the window, not when it moves between children.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let (dragging, import_file, state) = (dragging.clone(), import_file.clone(), state.clone());
        let edit = edit.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(files) = e.data_transfer().and_then(|d| d.files()) else { return };
            for i in 0..files.length() {
                let Some(file) = files.get(i) else { continue };
                let file = gloo::file::File::from(file);
                let lower = file.name().to_ascii_lowercase();
                let is_article = [".txt", ".md", ".markdown", ".html", ".htm"].iter().any(|ext| lower.ends_with(ext));
                if !is_article {
                    import_file.emit(file);
                    continue;
                }
                let (edit, state) = (edit.clone(), state.clone());
                yew::platform::spawn_local(async move {
                    let name = file.name();
                    match crate::article_file::open(&file).await {
                        Ok(article) => {
                            let doc = Document {
                                source_url: article.source_url,
                                byline: article.byline,
                                ..Document::new(browser::new_id("d"), article.title, article.text, browser::now())
                            };
                            edit(Action::AddDocument(doc));
                        }
                        Err(why) => state.dispatch(Msg::Notify(Some(Notice::error(
                            format!("{name} could not be opened."),
                            vec![why],
                        )))),
                    }
                });
            }
        })
    };

    let open_dialog = {
        let show_open = show_open.clone();
        Callback::from(move |_| show_open.set(true))
    };
    let on_article = {
        let (edit, show_open) = (edit.clone(), show_open.clone());
        Callback::from(move |article: Article| {
            let doc = Document {
                source_url: article.source_url,
                byline: article.byline,
                ..Document::new(browser::new_id("d"), article.title, article.text, browser::now())
            };
            edit(Action::AddDocument(doc));
            show_open.set(false);
        })
    };
    let on_open_error = {
        let (state, show_open) = (state.clone(), show_open.clone());
        Callback::from(move |why: String| {
            state.dispatch(Msg::Notify(Some(Notice::error("That file could not be opened.", vec![why]))));
            show_open.set(false);
        })
    };
    let load_sample = {
        let edit = edit.clone();
        Callback::from(move |_: MouseEvent| {
            let mut doc = sample::sample_document(browser::now());
            doc.id = browser::new_id("d");
            edit(Action::AddDocument(doc));
        })
    };

    let on_sample_exercise = {
        let edit = edit.clone();
        Callback::from(move |_| {
            let now = browser::now();
            edit(Action::AddDocument(sample_exercise::sample_exercise(now).start(browser::new_id("d"), now)));
        })
    };
    let on_sample_class = {
        let state = state.clone();
        Callback::from(move |_| {
            let now = browser::now();
            let sets = sample_exercise::sample_student_sets(now);
            let docs: Vec<Document> =
                sets.into_iter().map(|(name, d)| Document { title: format!("{name}: {}", d.title), ..d }).collect();
            let fresh_ids = docs.iter().map(|_| browser::new_id("d")).collect();
            let details = vec!["Three students' work on the sample exercise. Open one and choose Compare.".to_owned()];
            state.dispatch(Msg::Import { docs, fresh_ids, details, now, source: "the sample class".into() });
        })
    };
    let take_over = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: String| {
            let dispatcher = dispatcher.clone();
            yew::platform::spawn_local(async move {
                let (on_change, on_lost) = writer_callbacks(&dispatcher);
                tabs::take_over(&id, on_change, on_lost).await;
                // Start from the latest stored version.
                follow_other_tab(dispatcher, vec![id], Vec::new());
            });
        })
    };
    let entries: Vec<LibraryEntry> = state
        .ws
        .documents()
        .iter()
        .map(|d| LibraryEntry { id: d.id.clone(), title: d.title.clone(), annotations: d.annotations.len() })
        .collect();
    let on_open = {
        let state = state.clone();
        Callback::from(move |id| state.dispatch(Msg::Open(id)))
    };
    let on_rename = {
        let edit = edit.clone();
        Callback::from(move |(doc, title)| edit(Action::RenameDocument { doc, title }))
    };
    let on_delete_doc = {
        let edit = edit.clone();
        Callback::from(move |doc| edit(Action::DeleteDocument { doc }))
    };
    let notices = {
        let (s1, s2, s3) = (state.clone(), state.clone(), state.clone());
        html! {
            <Notices notice={state.notice.clone()} save_error={state.save_error.clone()} damaged={state.damaged.clone()}
                on_dismiss={Callback::from(move |_| s1.dispatch(Msg::Notify(None)))}
                on_download_library={Callback::from(move |_| {
                    let name = format!("newsmark-library-{}.json", &browser::now().to_string()[..10]);
                    browser::download(&name, "application/json", &library_json(&s2));
                })}
                on_download_damaged={Callback::from(move |i: usize| {
                    if let Some(d) = s3.damaged.get(i) {
                        browser::download(&format!("{}.json", browser::file_stem(&d.key)), "application/json", &d.raw);
                    }
                })} />
        }
    };

    let saved_label = if state.save_error.is_some() {
        html! { <span class="save-state failed">{ "Not saved" }</span> }
    } else if state.loading || !state.unsaved.is_empty() || !state.unremoved.is_empty() {
        html! { <span class="save-state saving" title="Writing your latest change to this browser's storage">{ "Saving…" }</span> }
    } else {
        html! { <span class="save-state" title="Everything is stored in this browser only">{ "Saved in this browser" }</span> }
    };

    html! {
        <div class="app" {ondragover} {ondragleave} {ondrop}>
            if *dragging {
                <div class="drop-hint">{ "Drop an article (.txt, .md, .html) or an annotation file to open it" }</div>
            }
            <div id="announcer" class="visually-hidden" aria-live="polite" role="status"></div>
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true">{ "N" }</span>
                    <span class="brand-name">{ "Newsmark" }</span>
                    <span class="tagline">{ "Read the news critically: who says what" }</span>
                </div>
                <div class="actions">
                    <button type="button" onclick={open_dialog.reform(|_: MouseEvent| ())}>{ "Add article" }</button>
                    <label class="button" title="Import a Newsmark JSON file">
                        { "Import" }
                        <input id="import-file" type="file" accept=".json,.jsonld,.jsonl,.zip,.ann,application/json,application/zip" class="visually-hidden" onchange={import} />
                    </label>
                    <ExportMenu disabled={doc.is_none()} on_export={export} {on_report} />
                    <button type="button" id="print-button" disabled={doc.is_none()} onclick={print_view}
                        title="Open a printable view of the annotated article in a new tab">{ "Print view" }</button>
                    if doc.as_ref().is_some_and(|d| d.assignment.is_none()) {
                        <button type="button" id="make-exercise" title="Hand this annotated article out as an exercise with an answer key"
                            onclick={{ let m = making_exercise.clone(); Callback::from(move |_| m.set(true)) }}>{ "Make exercise" }</button>
                    }
                    <button type="button" id="compare-button" disabled={doc.is_none()} aria-pressed={comparing.to_string()}
                        title="Compare several annotation sets of this article"
                        onclick={{ let c = comparing.clone(); Callback::from(move |_| c.set(!*c)) }}>{ "Compare" }</button>
                    <span class="divider" />
                    <button type="button" onclick={undo} disabled={!state.ws.can_undo()} title="Undo (Ctrl+Z)" aria-label="Undo">{ "↶ Undo" }</button>
                    <button type="button" onclick={redo} disabled={!state.ws.can_redo()} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">{ "↷ Redo" }</button>
                    <button type="button" id="shortcuts-button" title="Keyboard shortcuts (?)"
                        onclick={{ let k = show_keys.clone(); Callback::from(move |_| k.set(true)) }}>{ "Keys" }</button>
                    <button type="button" class="theme-toggle" title="Light, dark, or follow the system setting (changes on each press)"
                        onclick={{ let theme = theme.clone(); Callback::from(move |_| theme.set(match theme.as_str() { "system" => "dark".into(), "dark" => "light".into(), _ => "system".into() })) }}>
                        <span aria-hidden="true">{ match theme.as_str() { "dark" => "☾ ", "light" => "☀ ", _ => "◐ " } }</span>
                        { match theme.as_str() { "dark" => "Dark", "light" => "Light", _ => "Auto" } }
                    </button>
                    { saved_label }
                </div>
            </header>
            { notices }
            if *comparing && !compare_sets.is_empty() {
                <main class="compare-layout">
                    <CompareView sets={compare_sets}
                        on_files={{ let import_file = import_file.clone(); Callback::from(move |files: Vec<gloo::file::File>| for f in files { import_file.emit(f) }) }}
                        on_close={{ let c = comparing.clone(); Callback::from(move |_| c.set(false)) }} />
                </main>
            } else {
            <main class="layout">
                <Library {entries} open={state.open.clone()} {on_open} {on_rename} on_delete={on_delete_doc} on_new={open_dialog.clone()}
                    {on_sample_exercise} {on_sample_class} persistence={(*persistence).clone()} />
                <section class="reader">
                    if state.loading {
                        <div class="empty-reader" id="loading-library">
                            <h1>{ "Opening your library…" }</h1>
                        </div>
                    } else if let Some(doc) = doc.clone() {
                        if read_only {
                            <div class="notice info read-only" id="read-only" role="status">
                                <p><strong>{ "Read-only in this tab." }</strong>{ " This article is being edited in another Newsmark tab; its changes appear here as they are saved." }</p>
                                <button type="button" onclick={{ let id = doc.id.clone(); take_over.reform(move |_: MouseEvent| id.clone()) }}>{ "Edit here instead" }</button>
                            </div>
                        }
                        if !*guide_dismissed {
                            <section class="guide" aria-label="Getting started">
                                <div class="guide-head">
                                    <h2>{ "Three steps to read critically" }</h2>
                                    <button type="button" class="ghost" aria-label="Dismiss the guide"
                                        onclick={{ let g = guide_dismissed.clone(); Callback::from(move |_| { crate::storage::set_setting("newsmark:guide", "dismissed"); g.set(true); }) }}>{ "×" }</button>
                                </div>
                                <ol>
                                    <li><strong>{ "Select" }</strong>{ " words in the article with the mouse, or with the keyboard: click in the text (or Tab to it), then Shift with the arrow keys." }</li>
                                    <li><strong>{ "Tag" }</strong>{ " them as a claim, a quote or an actor with the toolbar or the keys C, Q and A. Click a highlight to add a note or say who said it." }</li>
                                    <li><strong>{ "Export" }</strong>{ " your work to share it, or make it an exercise for a class. Everything stays in this browser until you do." }</li>
                                </ol>
                            </section>
                        }
                        <header class="article-head">
                            <h1 class="article-title">{ &doc.title }</h1>
                            if let Some(byline) = &doc.byline {
                                <p class="byline">{ byline }</p>
                            }
                            if let Some(url) = &doc.source_url {
                                <p class="source">{ "Source: " }
                                    if url.starts_with("https://") || url.starts_with("http://") {
                                        <a class="url" href={url.clone()} target="_blank" rel="noopener noreferrer">{ url }</a>
                                    } else {
                                        <span class="url">{ url }</span>
                                    }
                                </p>
                            }
                            <div class="howto">
                                <span>{ "Select words, then press " }<kbd>{ "C" }</kbd>{ " claim, " }<kbd>{ "Q" }</kbd>{ " quote or " }<kbd>{ "A" }</kbd>{ " actor. Click a highlight to edit it." }</span>
                                <Legend />
                                <Codebook entries={doc.assignment.as_ref().map_or_else(newsmark_core::exercise::default_codebook, |a| a.codebook.clone())} />
                            </div>
                        </header>
                        <ArticleView doc={doc.clone()} filter={state.filter} query={AttrValue::from((*query).clone())} focused={state.focused.clone()}
                            candidates={state.candidates.clone()} {on_select_text} {on_click_at}
                            on_focus_annotation={{ let state = state.clone(); Callback::from(move |id: String| state.dispatch(Msg::Select { candidates: vec![id.clone()], focus: Some(id) })) }} />
                    } else {
                        <div class="empty-reader">
                            <h1>{ "Your library is empty" }</h1>
                            <p>{ "Add an article to start: paste its text or open a file." }</p>
                            <div class="row">
                                <button type="button" class="primary" onclick={open_dialog.reform(|_: MouseEvent| ())}>{ "Add article" }</button>
                                <button type="button" onclick={load_sample}>{ "Load the sample article" }</button>
                            </div>
                        </div>
                    }
                </section>
                if let Some(doc) = doc.clone() {
                    <AnnotationPanel {doc} filter={state.filter} query={AttrValue::from((*query).clone())}
                        on_query={{ let q = query.clone(); Callback::from(move |v: String| q.set(v)) }} selection={pending.as_ref().map(|p| (p.start, p.end))} {on_orphan} candidates={state.candidates.clone()} focused={state.focused.clone()}
                        {on_filter} {on_pick} {on_focus} {on_action} {on_close} />
                }
            </main>
            }
            if let (true, Some(doc)) = (*making_exercise, doc.clone()) {
                <MakeExercise {doc} on_close={{ let m = making_exercise.clone(); Callback::from(move |_| m.set(false)) }}
                    on_done={{
                        let (m, state) = (making_exercise.clone(), state.clone());
                        Callback::from(move |msg: String| { m.set(false); state.dispatch(Msg::Notify(Some(Notice::info(msg)))); })
                    }} />
            }
            if let Some(p) = (*pending).clone() {
                <SelectionToolbar x={p.x} y={p.y} preview={AttrValue::from(p.preview)} on_tag={tag_pending}
                    on_cancel={{ let pending = pending.clone(); Callback::from(move |_| { pending.set(None); browser::clear_selection(); }) }} />
            }
            if *show_keys {
                <ShortcutsSheet on_close={{ let k = show_keys.clone(); Callback::from(move |_| k.set(false)) }} />
            }
            if *show_open {
                <OpenDialog {on_article} on_error={on_open_error} on_close={{ let s = show_open.clone(); Callback::from(move |_| s.set(false)) }} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ShortcutsProps {
    on_close: Callback<()>,
}

/// The keyboard shortcuts, opened with `?`.
#[function_component]
fn ShortcutsSheet(props: &ShortcutsProps) -> Html {
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(button) = close_ref.cast::<web_sys::HtmlElement>() {
                button.focus().ok();
            }
        });
    }
    let rows = [
        ("Tab to the article", "Put the keyboard caret in the text"),
        ("← →", "Move by character"),
        ("Ctrl + ← →", "Move by word"),
        ("↑ ↓", "Move by sentence"),
        ("Home / End", "Start or end of the paragraph"),
        ("Shift + any move", "Select text"),
        ("C  Q  A  (or 1 2 3)", "Tag the selection as claim, quote or actor"),
        ("]  [", "Next or previous annotation"),
        ("Enter", "Edit the annotation at the caret (then Tab to its fields, such as who said it)"),
        ("Esc", "Close the editor or toolbar and go back to the text"),
        ("Ctrl + Z,  Ctrl + Shift + Z", "Undo, redo"),
        ("?", "Show or hide this sheet"),
    ];
    html! {
        <div class="dialog-backdrop">
            <div class="dialog shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
                <div class="dialog-head">
                    <h2 id="shortcuts-title">{ "Keyboard shortcuts" }</h2>
                    <button type="button" class="ghost" aria-label="Close" ref={close_ref} onclick={props.on_close.reform(|_| ())}>{ "×" }</button>
                </div>
                <table>
                    <tbody>
                        { for rows.iter().map(|(keys, what)| html! { <tr><th scope="row"><kbd>{ *keys }</kbd></th><td>{ *what }</td></tr> }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}
