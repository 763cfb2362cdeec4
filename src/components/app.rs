//! The whole page laid out: top bar, notices, library, reading view and annotation
//! panel, and the dialogs. What happens behind it lives in the hooks (saving, writer
//! locks, keys, dropped files) and in `import`.

use super::annotation_panel::AnnotationPanel;
use super::article_header::ArticleHeader;
use super::article_view::ArticleView;
use super::capture_dialog::CaptureDialog;
use super::class_picture::ClassPicture;
use super::class_sign_in::ClassSignIn;
use super::class_view::ClassView;
use super::compare_view::CompareView;
use super::conflicts_view::ConflictsView;
use super::gradebook_view::GradebookView;
use super::guide::Guide;
use super::hand_in_dialog::HandInDialog;
use super::join_dialog::{JoinDialog, JoinForm};
use super::library::{Library, LibraryEntry};
use super::make_exercise::MakeExercise;
use super::notices::Notices;
use super::open_dialog::OpenDialog;
use super::selection_toolbar::{Pending, SelectionToolbar};
use super::shortcuts_sheet::ShortcutsSheet;
use super::skip_link::SkipLink;
use super::student_name_dialog::StudentNameDialog;
use super::suggestions_panel::{Suggesting, SuggestionsPanel, SHOWN};
use super::sync_status::{ClassWorkBar, SyncStatus};
use super::tag_mapping_dialog::TagMappingDialog;
use super::top_bar::TopBar;
use crate::background;
use crate::browser;
use crate::capture::{self, Reading};
use crate::class_route::{self, ClassLink};
use crate::class_sync::{self, Board};
use crate::full_app::{self, HandedNotice, Handover, LoadingFullApp};
use crate::hooks::autosave::use_autosave;
use crate::hooks::class_reveal::use_class_reveal;
use crate::hooks::class_sync::use_class_sync;
use crate::hooks::file_drop::use_file_drop;
use crate::hooks::global_keys::use_global_keys;
use crate::hooks::library::use_library;
use crate::hooks::notice_room::use_notice_room;
use crate::hooks::notice_timeout::use_notice_timeout;
use crate::hooks::page_title::use_page_title;
use crate::hooks::writer_locks::{self, use_writer_locks};
use crate::import;
use crate::state::{library_json, AppState, Msg, NoteDraft, Notice, NoticeKind};
use crate::storage::{self, Persistence};
use newsmark_core::article_text::Article;
use newsmark_core::{exercise, offsets, sample, snap, Action, Document, Tag};
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The setting that keeps the name a student last gave, for the next exercise.
const STUDENT_NAME: &str = "newsmark:student-name";

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(AppState::loading);
    let persistence = use_state(|| None::<Persistence>);
    use_library(&state, &persistence);
    use_writer_locks(&state);
    let pending = use_state(|| None::<Pending>);
    let show_open = use_state(|| false);
    let show_tags = use_state(|| false);
    let query = use_state(String::new);
    use_autosave(&state, &persistence);
    // Class work: how each joined class stands, and the Join dialog (opened by a join link).
    let board = use_reducer(Board::default);
    use_class_sync(&state, &board);
    // What the first load handed over, when this is the whole app taking the page from it.
    let arrived = use_state(full_app::arrived);
    // The whole app, once the library is read, shows what the first load had open.
    {
        let (state, arrived) = (state.clone(), arrived.clone());
        use_effect_with(state.loading, move |loading| {
            if let (false, Some(h)) = (*loading, arrived.as_ref()) {
                if let Some(id) = h.open.clone().filter(|id| state.open.as_ref() != Some(id)) {
                    state.dispatch(Msg::Open(id));
                }
                if h.filter.is_some() {
                    state.dispatch(Msg::Filter(h.filter));
                }
                if !h.candidates.is_empty() {
                    state.dispatch(Msg::Select { candidates: h.candidates.clone(), focus: h.focused.clone() });
                }
                if let Some(n) = h.notice.clone() {
                    let kind = if n.error { NoticeKind::Error } else { NoticeKind::Info };
                    let (title, details, rename) = (n.title, n.details, n.rename);
                    let notice = Notice { kind, title, details, retag: None, until_undone: None, rename };
                    state.dispatch(Msg::Notify(Some(notice)));
                }
                browser::scroll_to_y(h.scroll);
                // The focus where it was, unless the handover opens a dialog (which gives it back when closed).
                if !(h.making_exercise || h.join || h.teach.is_some()) {
                    let element =
                        full_app::handed_focus().and_then(|id| gloo::utils::document().get_element_by_id(&id));
                    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                        element.focus().ok();
                    }
                }
            }
        });
    }
    let joining = use_state(|| {
        JoinForm::from_address().or_else(|| arrived.as_ref().filter(|h| h.join).map(|_| JoinForm::default()))
    });
    let handing_in = use_state(|| false);

    let doc: Option<Arc<Document>> = state.open.as_deref().and_then(|id| state.ws.shared(id)).cloned();
    use_notice_timeout(&state);
    use_notice_room();
    use_page_title(doc.as_ref().map(|d| d.title.clone()));

    // A document another tab is editing is read-only here: a selection in it offers no
    // toolbar, and a tag key pressed over it goes to the reducer, which refuses the edit
    // and says why (one rule, in the core: `Workspace::apply_unless_elsewhere`).
    let read_only = doc.as_ref().is_some_and(|d| !state.may_edit(&d.id));
    let tag_pending = {
        let (state, pending, doc) = (state.clone(), pending.clone(), doc.clone());
        Callback::from(move |tag: Tag| {
            let (Some(p), Some(doc)) = ((*pending).clone(), doc.as_ref()) else {
                return;
            };
            let id = browser::new_id("a");
            let action = Action::AddAnnotation { doc: doc.id.clone(), id: id.clone(), tag, start: p.start, end: p.end };
            state.dispatch(Msg::Edit(action, browser::now()));
            if !read_only {
                state.dispatch(Msg::Select { candidates: vec![id.clone()], focus: Some(id) });
            }
            pending.set(None);
            browser::clear_selection();
        })
    };
    let show_keys = use_state(|| false);
    use_global_keys(&state, &show_keys, &pending, &tag_pending);

    let on_select_text = {
        let (pending, doc) = (pending.clone(), doc.clone());
        Callback::from(move |sel: Option<(usize, usize)>| {
            let Some(doc) = doc.as_ref() else { return };
            let snapped = sel.and_then(|(s, e)| snap::snap(&doc.text, s, e));
            let next = snapped.and_then(|(start, end)| {
                let (x, y) = browser::selection_anchor_point()?;
                let preview = offsets::slice(&doc.text, start, end)?.to_owned();
                Some(Pending { start, end, x, y, preview })
            });
            pending.set(next);
        })
    };

    // The feedback item chosen in an exercise, marked in the text; and the spans a checked
    // exercise outlines (worked out once per version of the document).
    let marked = use_state(|| None::<(usize, usize)>);
    let outlines =
        use_memo(doc.clone(), |doc| doc.as_deref().map(newsmark_core::exercise::outlines).unwrap_or_default());
    let on_click_at = {
        let (state, doc, marked) = (state.clone(), doc.clone(), marked.clone());
        Callback::from(move |cp: usize| {
            let Some(doc) = doc.as_ref() else { return };
            marked.set(None);
            let filter = state.filter;
            let ids: Vec<String> =
                doc.annotations_at(cp).filter(|a| filter.is_none_or(|t| t == a.tag)).map(|a| a.id.clone()).collect();
            if ids.is_empty() {
                state.dispatch(Msg::CloseEditor);
            } else {
                let focus = ids.last().cloned();
                state.dispatch(Msg::Select { candidates: ids, focus });
                // The editor opens where the person is looking, and takes the focus.
                browser::reveal_editor(true);
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
        let (edit, pending) = (edit.clone(), pending.clone());
        Callback::from(move |action: Action| {
            let tagged_selection = matches!(action, Action::AddAnnotation { .. } | Action::AddSpeaker { .. });
            edit(action);
            if tagged_selection {
                pending.set(None);
                browser::clear_selection();
            }
        })
    };
    // Suggestions for the open document: shown until closed, never saved; an accepted one
    // becomes an ordinary annotation (one undo step), a rejected one is passed over.
    let suggesting = use_state(|| None::<Suggesting>);
    let shown_suggestions: Option<Suggesting> = (*suggesting).clone().filter(|s| {
        Some(&s.doc) == doc.as_ref().map(|d| &d.id) && doc.as_deref().is_some_and(newsmark_core::suggest::allowed)
    });
    let suggested_spans = use_memo((doc.clone(), shown_suggestions.clone()), |(doc, shown)| {
        let (Some(doc), Some(shown)) = (doc, shown) else { return Vec::new() };
        let items = &shown.found.items;
        shown
            .found
            .pending(doc, &shown.dismissed)
            .into_iter()
            .take(SHOWN)
            .map(|k| (items[k].start, items[k].end, items[k].tag))
            .collect()
    });
    // Suggesting runs in the background worker (part by part, about 30 KB of text each),
    // so a long article never holds the page up.
    let suggesting_now = use_state(|| false);
    let on_suggest = {
        let (suggesting, doc, suggesting_now) = (suggesting.clone(), doc.clone(), suggesting_now.clone());
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(doc) = doc.clone() else { return };
            if suggesting.as_ref().is_some_and(|s| s.doc == doc.id) {
                suggesting.set(None);
                return;
            }
            let (suggesting, suggesting_now, state) = (suggesting.clone(), suggesting_now.clone(), state.clone());
            suggesting_now.set(true);
            yew::platform::spawn_local(async move {
                let started = js_sys::Date::now();
                let (found, longest) = match background::suggest(&doc.text).await {
                    Ok(found) => found,
                    Err(why) => {
                        suggesting_now.set(false);
                        let notice = Notice::error("No suggestions were made.", vec![why]);
                        return state.dispatch(Msg::Notify(Some(notice)));
                    }
                };
                let ms = js_sys::Date::now() - started;
                browser::announce(&format!("{} suggestions to check.", found.items.len()));
                suggesting_now.set(false);
                let found = Rc::new(found);
                suggesting.set(Some(Suggesting {
                    doc: doc.id.clone(),
                    found,
                    dismissed: BTreeSet::new(),
                    ms,
                    longest,
                }));
            });
        })
    };
    let on_accept_suggestions = {
        let (edit, doc, suggesting) = (edit.clone(), doc.clone(), suggesting.clone());
        Callback::from(move |chosen: Vec<usize>| {
            let (Some(doc), Some(shown)) = (doc.as_ref(), suggesting.as_ref()) else { return };
            if let Some(action) = shown.found.acceptance(doc, &chosen, &mut || browser::new_id("a")) {
                edit(action);
                let n = chosen.len();
                browser::announce(&if n == 1 {
                    "Accepted: it is an annotation now. Undo takes it back.".to_owned()
                } else {
                    format!("Accepted {n} suggestions: they are annotations now. Undo takes them back.")
                });
            }
        })
    };
    let on_reject_suggestion = {
        let suggesting = suggesting.clone();
        Callback::from(move |k: usize| {
            let Some(mut next) = (*suggesting).clone() else { return };
            next.dismissed.insert(k);
            suggesting.set(Some(next));
        })
    };
    let comparing = use_state(|| arrived.as_ref().is_some_and(|h| h.comparing));
    let making_exercise = use_state(|| arrived.as_ref().is_some_and(|h| h.making_exercise));
    // A class as its teacher: the sign-in (opened by the teacher's link at start-up, or by
    // "Teach a class…"), then the Class view. A class joined as a student: Reveal awaited, and the
    // class picture after it.
    let signing_in = use_state(|| {
        let from_address = class_route::take_from_address().map(|link| {
            let user = class_route::last_taught().filter(|(l, _)| *l == link).map(|(_, u)| u).unwrap_or_default();
            (link, user)
        });
        from_address.or_else(|| {
            let (server, class, user) = arrived.as_ref()?.teach.clone()?;
            Some((ClassLink { server, class }, user))
        })
    });
    let teaching = use_state(|| None::<ClassLink>);
    use_class_reveal(&state);
    let class_picture = use_state(|| false);
    let joined_class = doc
        .as_ref()
        .filter(|d| d.assignment.as_ref().is_some_and(|a| a.key.open().is_some()))
        .and_then(|d| class_route::joined().into_iter().find(|(_, _, id)| *id == d.id))
        .map(|(server, class, _)| ClassLink { server, class });
    let compare_sets: Vec<Arc<Document>> = match doc.as_ref() {
        Some(open) if full_app::FULL && *comparing => state.ws.comparison(&open.id),
        _ => Vec::new(),
    };
    // The gradebook reads the library's documents over the open article (the comparison's
    // rule), without the key document a comparison adds: the gradebook offers that key itself.
    let grading = use_state(|| arrived.as_ref().is_some_and(|h| h.grading));
    let gradebook_docs: Vec<Arc<Document>> = match doc.as_ref() {
        Some(open) if full_app::FULL && *grading => {
            state.ws.comparison(&open.id).into_iter().filter(|d| state.ws.document(&d.id).is_some()).collect()
        }
        _ => Vec::new(),
    };
    let on_pick = {
        let (state, doc, marked) = (state.clone(), doc.clone(), marked.clone());
        Callback::from(move |id: String| {
            if let Some(a) = doc.as_ref().and_then(|d| d.annotation(&id)) {
                browser::scroll_to_offset(a.start);
            }
            marked.set(None);
            state.dispatch(Msg::Select { candidates: vec![id.clone()], focus: Some(id) });
            browser::reveal_editor(false);
        })
    };
    let on_mark = {
        let (state, marked, doc) = (state.clone(), marked.clone(), doc.clone());
        Callback::from(move |(start, end): (usize, usize)| {
            state.dispatch(Msg::CloseEditor);
            marked.set(Some((start, end)));
            browser::scroll_to_offset(start);
            if let Some(words) = doc.as_ref().and_then(|d| offsets::slice(&d.text, start, end)) {
                browser::announce(&format!("Marked in the article: {words}"));
            }
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
    // The note being typed for the annotation being edited, kept in the state.
    let note_draft = state
        .note_draft
        .as_ref()
        .filter(|d| Some(&d.annotation) == state.focused.as_ref() && d.doc == doc_id)
        .map(|d| d.text.clone());
    let on_note_draft = {
        let (state, doc_id) = (state.clone(), doc_id.clone());
        Callback::from(move |text: String| {
            let Some(annotation) = state.focused.clone() else { return };
            state.dispatch(Msg::DraftNote(NoteDraft { doc: doc_id.clone(), annotation, text, at: browser::now() }));
        })
    };
    let on_filter = {
        let state = state.clone();
        Callback::from(move |tag| state.dispatch(Msg::Filter(tag)))
    };

    let open_text = doc.as_ref().map(|d| (d.title.clone(), d.text.clone()));
    let import_file = {
        let state = state.clone();
        let open_text = open_text.clone();
        Callback::from(move |file: gloo::file::File| import::import_file(state.clone(), file, open_text.clone()))
    };
    // A web page on its way in that needs the person's decision (`CaptureDialog`), and
    // whether the extension sent it. A page opened here that is surely an article, and not
    // in the library already, is added at once.
    let capturing = use_state(|| None::<(Rc<Reading>, bool)>);
    let on_page = {
        let (state, capturing, show_open) = (state.clone(), capturing.clone(), show_open.clone());
        Callback::from(move |reading: Reading| {
            let earlier = reading.address().and_then(|url| {
                newsmark_core::recapture::earlier_capture(state.ws.documents().iter().map(|d| &**d), url)
            });
            match reading.article(&reading.found) {
                Ok(article) if reading.sure() && earlier.is_none() => {
                    state.dispatch(Msg::Edit(Action::AddDocument(import::article_document(article)), browser::now()));
                    show_open.set(false);
                }
                _ => {
                    show_open.set(false);
                    capturing.set(Some((Rc::new(reading), false)));
                }
            }
        })
    };
    // A page sent by the extension (`#capture=…` in the address, read once at start-up),
    // offered once the library is read, so that an earlier capture of it is found.
    let arriving = use_state(capture::take_from_address);
    {
        let (arriving, capturing, state) = (arriving.clone(), capturing.clone(), state.clone());
        use_effect_with(state.loading, move |loading| {
            if !*loading {
                if let Some(link) = (*arriving).clone() {
                    arriving.set(None);
                    let refused = |why: String| {
                        let why = format!("{}{}.", why[..1].to_ascii_uppercase(), why[1..].trim_end_matches('.'));
                        Msg::Notify(Some(Notice::error("The captured page was not added.", vec![why])))
                    };
                    match link {
                        Ok(page) => yew::platform::spawn_local(async move {
                            let name = "The captured page".to_owned();
                            match capture::read(name, page.html, Some(page.url), Some(page.captured)).await {
                                Ok(reading) => capturing.set(Some((Rc::new(reading), true))),
                                Err(why) => state.dispatch(refused(why)),
                            }
                        }),
                        Err(why) => state.dispatch(refused(why)),
                    }
                }
            }
        });
    }
    let capture_dialog = (*capturing).clone().map(|(reading, from_link)| {
        let earlier = reading
            .address()
            .and_then(|url| newsmark_core::recapture::earlier_capture(state.ws.documents().iter().map(|d| &**d), url))
            .and_then(|d| state.ws.shared(&d.id))
            .cloned();
        let on_add = {
            let (state, capturing, show_open) = (state.clone(), capturing.clone(), show_open.clone());
            // With the earlier capture's annotations, the document the worker carried them
            // over onto (`CaptureDialog`).
            Callback::from(move |(article, carried): super::capture_dialog::Added| {
                let title = article.title.clone();
                let notice = match &carried {
                    Some((_, counts)) if counts.exact + counts.moved + counts.orphaned > 0 => {
                        let mut notice = Notice::info(format!("Added the new version of “{title}”."));
                        notice.details.push(counts.summary());
                        if counts.orphaned > 0 {
                            notice.details.push(
                                "Annotations whose text was not found are listed in the side panel, to place or drop."
                                    .into(),
                            );
                        }
                        Some(notice)
                    }
                    _ => None,
                };
                let doc = carried.map_or_else(|| import::article_document(article), |(doc, _)| doc);
                state.dispatch(Msg::Edit(Action::AddDocument(doc), browser::now()));
                if notice.is_some() {
                    state.dispatch(Msg::Notify(notice));
                }
                capturing.set(None);
                show_open.set(false);
            })
        };
        let on_open = {
            let (state, capturing, show_open) = (state.clone(), capturing.clone(), show_open.clone());
            Callback::from(move |id: String| {
                state.dispatch(Msg::Open(id));
                capturing.set(None);
                show_open.set(false);
            })
        };
        let on_close = {
            let c = capturing.clone();
            Callback::from(move |_| c.set(None))
        };
        html! { <CaptureDialog {reading} {from_link} {earlier} {on_add} {on_open} {on_close} /> }
    });
    // Files dropped anywhere on the page: articles open, annotation files import.
    let drop = {
        let (state, on_page) = (state.clone(), on_page.clone());
        use_file_drop(Callback::from(move |file| {
            import::drop_file(state.clone(), file, open_text.clone(), on_page.clone())
        }))
    };

    let open_dialog = {
        let show_open = show_open.clone();
        Callback::from(move |_| show_open.set(true))
    };
    // A title taken from the text's first line (often a site's tagline) is said, with an
    // offer to change it.
    let rename_request = use_state(|| None::<(String, u32)>);
    let on_rename_request = {
        let rename_request = rename_request.clone();
        Callback::from(move |doc: String| {
            let n = rename_request.as_ref().map_or(0, |(_, n)| n + 1);
            rename_request.set(Some((doc, n)));
        })
    };
    let on_article = {
        let (edit, show_open, state) = (edit.clone(), show_open.clone(), state.clone());
        Callback::from(move |(article, made_up): (Article, bool)| {
            let doc = import::article_document(article);
            let (id, title) = (doc.id.clone(), doc.title.clone());
            edit(Action::AddDocument(doc));
            show_open.set(false);
            if made_up {
                let notice = Notice {
                    rename: Some(id),
                    ..Notice::info(format!("Titled “{title}” after its first line, since no title was given. Rename it if that is not the headline."))
                };
                state.dispatch(Msg::Notify(Some(notice)));
            }
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

    // The sample exercise is made by the background worker (its text and key are not in
    // the first load).
    let on_sample_exercise = {
        let (edit, state) = (edit.clone(), state.clone());
        Callback::from(move |_| {
            let (edit, state) = (edit.clone(), state.clone());
            yew::platform::spawn_local(async move {
                match background::sample_exercise(browser::new_id("d"), browser::now()).await {
                    Ok(copy) => edit(Action::AddDocument(copy)),
                    Err(why) => state.dispatch(Msg::Notify(Some(Notice::error(
                        "The sample exercise could not be made.",
                        vec![why],
                    )))),
                }
            });
        })
    };
    let on_sample_class = {
        let state = state.clone();
        Callback::from(move |_| {
            let state = state.clone();
            yew::platform::spawn_local(async move {
                let now = browser::now();
                // Each student's name is in their work, and the library shows it after the title.
                let docs = match background::sample_class(now).await {
                    Ok(docs) => docs,
                    Err(why) => {
                        let notice = Notice::error("The sample class could not be made.", vec![why]);
                        return state.dispatch(Msg::Notify(Some(notice)));
                    }
                };
                let fresh_ids = docs.iter().map(|_| browser::new_id("d")).collect();
                let details =
                    vec!["Three students' work on the sample exercise. Open one and choose Compare.".to_owned()];
                state.dispatch(Msg::Import {
                    docs,
                    fresh_ids,
                    details,
                    now,
                    source: "the sample class".into(),
                    retag: None,
                    replaces: Vec::new(),
                    untitled: Vec::new(),
                });
            });
        })
    };
    let take_over = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: String| writer_locks::take_over(dispatcher.clone(), id))
    };
    let entries: Vec<LibraryEntry> = state
        .ws
        .documents()
        .iter()
        .map(|d| LibraryEntry {
            id: d.id.clone(),
            title: d.title.clone(),
            label: exercise::work_title(d),
            annotations: d.annotations.len(),
            class: board.classes.get(&d.id).map(|c| c.class.name.clone()),
        })
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
                on_choose_tags={{ let s = show_tags.clone(); Callback::from(move |_| s.set(true)) }}
                on_download_library={Callback::from(move |_| {
                    let name = format!("newsmark-library-{}.json", &browser::now().to_string()[..10]);
                    browser::download(&name, "application/json", &library_json(&s2));
                })}
                on_rename={on_rename_request.clone()}
                on_download_damaged={Callback::from(move |i: usize| {
                    if let Some(d) = s3.damaged.get(i) {
                        browser::download(&format!("{}.json", browser::file_stem(&d.key)), "application/json", &d.raw);
                    }
                })} />
        }
    };
    let on_notice = {
        let state = state.clone();
        Callback::from(move |notice: Notice| state.dispatch(Msg::Notify(Some(notice))))
    };
    // A student opening an exercise is asked for their name (the last one used is offered).
    let name_skipped = use_state(BTreeSet::<String>::new);
    let asking_name =
        doc.clone().filter(|d| !read_only && exercise::needs_student_name(d) && !name_skipped.contains(&d.id));
    let student_name = full_only!(Option<Html>, {
        asking_name.map(|d| {
            let on_name = {
                let (edit, id) = (edit.clone(), d.id.clone());
                Callback::from(move |name: String| {
                    storage::set_setting(STUDENT_NAME, &name);
                    edit(Action::NameStudent { doc: id.clone(), name });
                })
            };
            let on_skip = {
                let (skipped, id) = (name_skipped.clone(), d.id.clone());
                Callback::from(move |_| {
                    let mut next = (*skipped).clone();
                    next.insert(id.clone());
                    skipped.set(next);
                })
            };
            let suggested = storage::setting(STUDENT_NAME).unwrap_or_default();
            html! { <StudentNameDialog title={d.title.clone()} {suggested} {on_name} {on_skip} /> }
        })
    });

    let class_status = doc.as_ref().and_then(|d| board.classes.get(&d.id)).cloned();
    #[cfg(feature = "full")]
    let on_join = {
        let (joining, app, board) = (joining.clone(), state.dispatcher(), board.dispatcher());
        Callback::from(move |(link, password): (class_sync::JoinLink, String)| {
            let form =
                JoinForm { link: link.clone(), error: None, busy: true, ..(*joining).clone().unwrap_or_default() };
            joining.set(Some(form.clone()));
            let (joining, app, board) = (joining.clone(), app.clone(), board.clone());
            yew::platform::spawn_local(async move {
                let outcome = match &form.again {
                    Some((doc, _)) => class_sync::sign_in_again(doc, &password).await,
                    None => class_sync::join(link, password, app, board).await,
                };
                match outcome {
                    Ok(()) => joining.set(None),
                    Err(why) => joining.set(Some(JoinForm { error: Some(why), busy: false, ..form })),
                }
            });
        })
    };
    let open_join = {
        let joining = joining.clone();
        Callback::from(move |_| joining.set(Some(JoinForm::default())))
    };
    let sync_status = full_only!(Option<Html>, {
        class_status.clone().map(|status| {
            let on_sign_in = {
                let (joining, class) = (joining.clone(), status.class.clone());
                Callback::from(move |_| {
                    let link = class_sync::JoinLink {
                        server: class.server.clone(),
                        class: class.class.clone(),
                        db: class.db.clone(),
                        user: class.user.clone(),
                    };
                    let again = Some((class.document.clone(), class.name.clone()));
                    joining.set(Some(JoinForm { link, again, ..JoinForm::default() }));
                })
            };
            html! { <SyncStatus {status} {on_sign_in} /> }
        })
    });
    #[cfg(feature = "full")]
    let on_pick_version = {
        let (state, doc_id) = (state.clone(), doc_id.clone());
        Callback::from(move |(record, rev): (String, String)| {
            let (state, doc_id) = (state.clone(), doc_id.clone());
            yew::platform::spawn_local(async move {
                if let Err(why) = class_sync::resolve(&doc_id, &record, &rev).await {
                    state.dispatch(Msg::Notify(Some(Notice::error("Your choice was not saved.", vec![why]))));
                }
            });
        })
    };
    #[cfg(feature = "full")]
    let on_hand_in = {
        let (state, doc_id, handing_in) = (state.clone(), doc_id.clone(), handing_in.clone());
        Callback::from(move |_| {
            handing_in.set(false);
            let (state, doc_id) = (state.clone(), doc_id.clone());
            yew::platform::spawn_local(async move {
                if let Err(why) = class_sync::hand_in(&doc_id).await {
                    state.dispatch(Msg::Notify(Some(Notice::error("Your work was not handed in.", vec![why]))));
                }
            });
        })
    };

    // Compare, the gradebook and the class views take the page's main area (the whole app only).
    let main_view: Option<Html> = full_only!(Option<Html>, {
        if let Some(link) = (*teaching).clone() {
            Some(html! {
                <main class="compare-layout">
                    <ClassView server={link.server.clone()} class={link.class.clone()} on_close={{ let t = teaching.clone(); Callback::from(move |_| t.set(None)) }}
                        on_sign_in={{ let s = signing_in.clone(); Callback::from(move |_| {
                            let user = class_route::last_taught().filter(|(l, _)| *l == link).map(|(_, u)| u).unwrap_or_default();
                            s.set(Some((link.clone(), user)))
                        }) }} />
                </main>
            })
        } else if let (true, Some(link), Some(doc)) = (*class_picture, joined_class.clone(), doc.clone()) {
            Some(html! {
                <main class="compare-layout">
                    <ClassPicture server={link.server} class={link.class} {doc} on_close={{ let p = class_picture.clone(); Callback::from(move |_| p.set(false)) }} />
                </main>
            })
        } else if *grading && !gradebook_docs.is_empty() {
            Some(html! {
                <main class="compare-layout">
                    <GradebookView docs={gradebook_docs}
                        on_files={{ let import_file = import_file.clone(); Callback::from(move |files: Vec<gloo::file::File>| for f in files { import_file.emit(f) }) }}
                        on_close={{ let g = grading.clone(); Callback::from(move |_| g.set(false)) }} />
                </main>
            })
        } else if *comparing && !compare_sets.is_empty() {
            Some(html! {
                <main class="compare-layout">
                    <CompareView sets={compare_sets}
                        on_files={{ let import_file = import_file.clone(); Callback::from(move |files: Vec<gloo::file::File>| for f in files { import_file.emit(f) }) }}
                        on_close={{ let c = comparing.clone(); Callback::from(move |_| c.set(false)) }} />
                </main>
            })
        } else {
            None
        }
    });

    // In the first load, the views only the whole app carries are asked for here: the page
    // is frozen (`inert`) while the whole app is fetched, and then handed over to it.
    // A student's copy of an exercise is shown by the whole app alone: the first load
    // draws neither its article nor its side panel, so the page is drawn once, by the
    // whole app, instead of twice.
    let exercise_elsewhere = !full_app::FULL && doc.as_ref().is_some_and(|d| d.assignment.is_some());
    let wants_full_app = !full_app::FULL
        && !state.loading
        && (*comparing
            || *grading
            || *making_exercise
            || signing_in.is_some()
            || joining.is_some()
            || exercise_elsewhere);
    let loading_full_app = wants_full_app.then(|| {
        let handover = Handover {
            open: state.open.clone(),
            filter: state.filter,
            candidates: state.candidates.clone(),
            focused: state.focused.clone(),
            scroll: gloo::utils::window().scroll_y().unwrap_or_default(),
            comparing: *comparing,
            grading: *grading,
            making_exercise: *making_exercise,
            teach: (*signing_in).clone().map(|(link, user)| (link.server, link.class, user)),
            join: joining.is_some(),
            focus: gloo::utils::document().active_element().map(|e| e.id()).filter(|id| !id.is_empty()),
            notice: state.notice.as_ref().map(|n| HandedNotice {
                error: n.kind == NoticeKind::Error,
                title: n.title.clone(),
                details: n.details.clone(),
                rename: n.rename.clone(),
            }),
        };
        let saved = state.unsaved.is_empty() && state.unremoved.is_empty();
        let on_cancel = {
            let (comparing, grading, making_exercise) = (comparing.clone(), grading.clone(), making_exercise.clone());
            let (signing_in, joining, state) = (signing_in.clone(), joining.clone(), state.clone());
            let library_open = state.ws.documents().iter().find(|d| d.assignment.is_none()).map(|d| d.id.clone());
            Callback::from(move |_| {
                comparing.set(false);
                grading.set(false);
                making_exercise.set(false);
                signing_in.set(None);
                joining.set(None);
                // An exercise can only be shown by the whole app: another article is opened instead.
                if let Some(id) = library_open.clone() {
                    state.dispatch(Msg::Open(id));
                }
            })
        };
        let save_error = state.save_error.clone();
        html! { <LoadingFullApp {handover} {saved} {save_error} {on_cancel} /> }
    });

    html! {
        <>
        <div class="app" inert={loading_full_app.is_some()} ondragover={drop.ondragover} ondragleave={drop.ondragleave} ondrop={drop.ondrop}>
            if drop.dragging {
                <div class="drop-hint">{ "Drop an article (.txt, .md, .html) or an annotation file to open it" }</div>
            }
            // The skip link is there while the article is (not the comparison or the gradebook).
            if doc.is_some() && !state.loading && !exercise_elsewhere && main_view.is_none() {
                <SkipLink />
            }
            <div id="announcer" class="visually-hidden" aria-live="polite" role="status"></div>
            <TopBar doc={doc.clone()} can_undo={state.ws.can_undo()} can_redo={state.ws.can_redo()} comparing={*comparing}
                save_failed={state.save_error.is_some()}
                saving={state.loading || !state.unsaved.is_empty() || !state.unremoved.is_empty()}
                on_add_article={open_dialog.clone()} on_import_file={import_file.clone()}
                on_make_exercise={{ let m = making_exercise.clone(); Callback::from(move |_| m.set(true)) }}
                on_compare={{ let (c, g) = (comparing.clone(), grading.clone()); Callback::from(move |_| { g.set(false); c.set(!*c) }) }}
                grading={*grading}
                on_gradebook={{ let (c, g) = (comparing.clone(), grading.clone()); Callback::from(move |_| { c.set(false); g.set(!*g) }) }}
                on_edit={Callback::from(edit.clone())}
                on_keys={{ let k = show_keys.clone(); Callback::from(move |_| k.set(true)) }}
                {on_notice} sync={sync_status.unwrap_or_default()} />
            { notices }
            if let Some(view) = main_view {
                { view }
            } else {
            <main class="layout">
                <Library {entries} open={state.open.clone()} {on_open} {on_rename} on_delete={on_delete_doc} on_new={open_dialog.clone()}
                    {on_sample_exercise} {on_sample_class} on_join={open_join}
                    on_class={{ let s = signing_in.clone(); Callback::from(move |_| s.set(Some(class_route::last_taught().unwrap_or_default()))) }}
                    persistence={(*persistence).clone()}
                    has_work={state.ws.documents().iter().any(|d| !sample::is_untouched(d))} rename={(*rename_request).clone()} />
                <section class="reader">
                    if state.loading {
                        <div class="empty-reader" id="loading-library">
                            <h1>{ "Opening your library…" }</h1>
                        </div>
                    } else if exercise_elsewhere {
                        <div class="empty-reader" id="opening-exercise">
                            <h1>{ "Opening the exercise…" }</h1>
                        </div>
                    } else if let Some(doc) = doc.clone() {
                        if read_only {
                            <div class="notice info read-only" id="read-only" role="status">
                                <p><strong>{ "Read-only in this tab." }</strong>{ " This article is being edited in another Newsmark tab; its changes appear here as they are saved." }</p>
                                <button type="button" onclick={{ let id = doc.id.clone(); take_over.reform(move |_: MouseEvent| id.clone()) }}>{ "Edit here instead" }</button>
                            </div>
                        }
                        <Guide />
                        if let Some(status) = class_status.clone() {
                            { full_only!(Html, { html! {
                                <>
                                    <ClassWorkBar status={status.clone()} on_hand_in={{ let h = handing_in.clone(); Callback::from(move |_| h.set(true)) }} />
                                    if !status.conflicts.is_empty() {
                                        <ConflictsView conflicts={status.conflicts.clone()} on_pick={on_pick_version.clone()} />
                                    }
                                </>
                            } }) }
                        }
                        <ArticleHeader doc={doc.clone()} />
                        if newsmark_core::suggest::allowed(&doc) && !read_only {
                            <div class="suggest-bar">
                                <button type="button" id="suggest-button" aria-pressed={shown_suggestions.is_some().to_string()}
                                    aria-controls={shown_suggestions.is_some().then_some("suggestions")} onclick={on_suggest.clone()} disabled={*suggesting_now}>
                                    { if *suggesting_now { "Suggesting…" } else if shown_suggestions.is_some() { "Hide suggestions" } else { "Suggest" } }
                                </button>
                                <span class="hint">{ "Quotes, speakers and claim cues found by rules, for you to accept or reject." }</span>
                            </div>
                        }
                        if let Some(shown) = shown_suggestions.clone().filter(|_| !read_only) {
                            <SuggestionsPanel doc={doc.clone()} suggesting={shown} on_accept={on_accept_suggestions.clone()}
                                on_reject={on_reject_suggestion.clone()}
                                on_show={Callback::from(browser::scroll_to_offset)}
                                on_close={{ let s = suggesting.clone(); Callback::from(move |_| s.set(None)) }} />
                        }
                        <ArticleView doc={doc.clone()} filter={state.filter} query={AttrValue::from((*query).clone())} focused={state.focused.clone()}
                            candidates={state.candidates.clone()} {on_select_text} {on_click_at}
                            outlines={outlines.clone()} marked={*marked} suggested={suggested_spans.clone()}
                            on_focus_annotation={{ let state = state.clone(); Callback::from(move |id: String| {
                                state.dispatch(Msg::Select { candidates: vec![id.clone()], focus: Some(id) });
                                // In view too, but the focus stays in the text for the next ] or [.
                                browser::reveal_editor(false);
                            }) }} />
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
                if let Some(doc) = doc.clone().filter(|_| !exercise_elsewhere) {
                    <AnnotationPanel {doc} filter={state.filter} query={AttrValue::from((*query).clone())}
                        on_query={{ let q = query.clone(); Callback::from(move |v: String| q.set(v)) }} selection={pending.as_ref().map(|p| (p.start, p.end))} {on_orphan} candidates={state.candidates.clone()} focused={state.focused.clone()}
                        {on_filter} {on_pick} {on_focus} {on_action} {on_close} {on_mark} marked={*marked} {note_draft} {on_note_draft}
                        on_class_picture={joined_class.as_ref().map(|_| { let p = class_picture.clone(); Callback::from(move |_| p.set(true)) })} />
                }
            </main>
            }
            { full_only!(Html, { html! {
                if let (true, Some(doc)) = (*making_exercise, doc.clone()) {
                    <MakeExercise {doc} on_close={{ let m = making_exercise.clone(); Callback::from(move |_| m.set(false)) }}
                        on_done={{
                            let (m, state) = (making_exercise.clone(), state.clone());
                            Callback::from(move |msg: String| { m.set(false); state.dispatch(Msg::Notify(Some(Notice::info(msg)))); })
                        }} />
                }
            } }) }
            if let Some(p) = (*pending).clone().filter(|_| !read_only) {
                <SelectionToolbar x={p.x} y={p.y} preview={AttrValue::from(p.preview)} on_tag={tag_pending}
                    on_cancel={{ let pending = pending.clone(); Callback::from(move |_| { pending.set(None); browser::clear_selection(); }) }} />
            }
            { for student_name }
            { full_only!(Html, { html! {
                <>
                if let Some((link, user)) = (*signing_in).clone() {
                    <ClassSignIn {link} user={user}
                        on_open={{ let (s, t) = (signing_in.clone(), teaching.clone()); Callback::from(move |link| { s.set(None); t.set(Some(link)); }) }}
                        on_close={{ let s = signing_in.clone(); Callback::from(move |_| s.set(None)) }} />
                }
                if let Some(form) = (*joining).clone() {
                    <JoinDialog link={form.link.clone()} again={form.again.as_ref().map(|(_, name)| AttrValue::from(name.clone()))}
                        error={form.error.clone().map(AttrValue::from)} busy={form.busy} {on_join}
                        on_close={{ let j = joining.clone(); Callback::from(move |_| j.set(None)) }} />
                }
                if let (true, Some(doc)) = (*handing_in && class_status.is_some(), doc.clone()) {
                    <HandInDialog annotations={doc.annotations.len()} {on_hand_in}
                        on_cancel={{ let h = handing_in.clone(); Callback::from(move |_| h.set(false)) }} />
                }
                </>
            } }) }
            if *show_keys {
                <ShortcutsSheet on_close={{ let k = show_keys.clone(); Callback::from(move |_| k.set(false)) }} />
            }
            if *show_open {
                <OpenDialog {on_article} on_error={on_open_error} on_page={on_page.clone()} on_close={{ let s = show_open.clone(); Callback::from(move |_| s.set(false)) }} />
            }
            { for capture_dialog }
            if let Some(retag) = state.notice.as_ref().and_then(|n| n.retag.clone()).filter(|_| *show_tags) {
                <TagMappingDialog retag={retag.clone()}
                    on_import={{ let (state, s) = (state.clone(), show_tags.clone()); Callback::from(move |tags| {
                        s.set(false);
                        import::read_again(state.clone(), retag.clone(), tags);
                    }) }}
                    on_close={{ let s = show_tags.clone(); Callback::from(move |_| s.set(false)) }} />
            }
        </div>
        { for loading_full_app }
        </>
    }
}
