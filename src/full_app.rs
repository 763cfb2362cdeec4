//! The first load and the whole app: which of the two builds this is, how the first load
//! fetches the whole app when a view it does not carry is opened, and what it hands over.
//!
//! The first load (`newsmark-app`, built without the `full` feature) carries the reader:
//! the library, the article, tagging, notes, search, saving, imports and exports. Compare,
//! the gradebook, exercises, making an exercise and class work are in the whole app
//! (`newsmark-full`, the same code with the feature), a second wasm module that Trunk
//! builds beside the first one without loading it. When the person opens one of those
//! views, the first load waits until its edits are saved, fetches the whole app
//! (`full_app.js`), and hands the page over: the whole app takes what was open (the
//! article, the filter, the annotation being edited, the view asked for) from
//! `window.newsmarkHandover`, releases the first load (its yew app destroyed, its locks
//! and broadcast channel let go) and renders in its place. The library itself is in
//! IndexedDB, so nothing else needs to cross; the undo history of the session so far is
//! the one thing that does not.
//!
//! Class work starts the whole app at once: a joined class syncs from the start, and a
//! class or join link in the address opens its dialog.

use crate::components::app::App;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// Whether this build is the whole app.
pub const FULL: bool = cfg!(feature = "full");

/// The global through which the first load hands the page to the whole app.
const HANDOVER: &str = "newsmarkHandover";

/// What the first load hands to the whole app: what the person had open and the view
/// they asked for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Handover {
    pub open: Option<String>,
    pub filter: Option<newsmark_core::Tag>,
    pub candidates: Vec<String>,
    pub focused: Option<String>,
    /// How far the page was scrolled, in CSS pixels.
    pub scroll: f64,
    pub comparing: bool,
    pub grading: bool,
    pub making_exercise: bool,
    /// "Teach a class…" chosen: the server, class and user its sign-in offers.
    pub teach: Option<(String, String, String)>,
    /// "Join a class…" chosen.
    pub join: bool,
    /// The id of the element that had the focus (what opened the view asked for), so that
    /// closing that view gives the focus back to it.
    pub focus: Option<String>,
    /// The notice on the page (what an import or an edit said), without its offers.
    pub notice: Option<HandedNotice>,
}

/// A notice as handed over: whether it tells of an error, its title and its details.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HandedNotice {
    pub error: bool,
    pub title: String,
    pub details: Vec<String>,
    /// A document whose title Newsmark made up (the notice offers to rename it).
    pub rename: Option<String>,
}

thread_local! {
    /// The first load's yew app, destroyed when the whole app takes the page.
    static FIRST_LOAD: RefCell<Option<yew::AppHandle<App>>> = const { RefCell::new(None) };
    /// What the whole app was handed, taken by the app once as it starts.
    static ARRIVED: RefCell<Option<Handover>> = const { RefCell::new(None) };
    /// The id of the element that had the focus in the first load, until a dialog takes it.
    static FOCUS: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether the whole app is being fetched (the page is frozen meanwhile).
    static FETCHING: RefCell<bool> = const { RefCell::new(false) };
}

#[wasm_bindgen(module = "/src/full_app.js")]
extern "C" {
    /// Imports the whole app's module and starts it; rejects with a sentence.
    #[wasm_bindgen(js_name = loadFullApp, catch)]
    async fn load_full_app() -> Result<JsValue, JsValue>;
}

/// Starts this build: the whole app takes over from the first load if it was fetched by
/// one; the first load hands over at once when class work needs the whole app.
pub fn start() {
    if FULL {
        if let Some((handover, release)) = take_handover() {
            release.call0(&JsValue::NULL).ok();
            FOCUS.with(|f| *f.borrow_mut() = handover.focus.clone());
            ARRIVED.with(|a| *a.borrow_mut() = Some(handover));
        }
    } else if class_work_at_start() {
        // If the whole app cannot be fetched (offline before this device kept it), the
        // first load starts after all, and says so where class work is asked for.
        return fetch(Handover::default(), Callback::from(|_| render()));
    }
    render();
}

fn render() {
    let app = yew::Renderer::<App>::new().render();
    FIRST_LOAD.with(|slot| *slot.borrow_mut() = Some(app));
}

/// What the first load handed over, once (the whole app reads it as it starts).
pub fn arrived() -> Option<Handover> {
    ARRIVED.with(|a| a.borrow_mut().take())
}

/// The id of the element that had the focus in the first load when it handed the page
/// over, once: a dialog opened by the handover gives the focus back to it when it closes.
pub fn handed_focus() -> Option<String> {
    FOCUS.with(|f| f.borrow_mut().take())
}

/// Whether the whole app is being fetched: the first load takes no edits meanwhile.
pub fn fetching() -> bool {
    FETCHING.with(|f| *f.borrow())
}

/// Whether the page opens on class work: a class joined on this device (synced from the
/// start), or a teacher's class link or a student's join link in the address.
fn class_work_at_start() -> bool {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    hash.starts_with("#class?") || hash.starts_with("#join?") || !crate::class_route::joined().is_empty()
}

/// Fetches the whole app and hands it the page with `handover`; `on_error` gets a
/// sentence if it could not be fetched (the first load then carries on as it was).
pub fn fetch(handover: Handover, on_error: Callback<String>) {
    if fetching() {
        return;
    }
    FETCHING.with(|f| *f.borrow_mut() = true);
    let global = js_sys::Object::new();
    let state = serde_wasm_bindgen::to_value(&handover).unwrap_or(JsValue::UNDEFINED);
    js_sys::Reflect::set(&global, &"state".into(), &state).ok();
    let release = Closure::once_into_js(release_first_load);
    js_sys::Reflect::set(&global, &"release".into(), &release).ok();
    js_sys::Reflect::set(&js_sys::global(), &HANDOVER.into(), &global).ok();
    yew::platform::spawn_local(async move {
        if let Err(why) = load_full_app().await {
            FETCHING.with(|f| *f.borrow_mut() = false);
            js_sys::Reflect::delete_property(&js_sys::global(), &HANDOVER.into()).ok();
            on_error.emit(why.as_string().unwrap_or_else(|| "it could not be started".into()));
        }
    });
}

/// The whole app's side: the handover waiting in `window.newsmarkHandover`, if any,
/// and the function that releases the first load.
fn take_handover() -> Option<(Handover, js_sys::Function)> {
    let global = js_sys::global();
    let waiting = js_sys::Reflect::get(&global, &HANDOVER.into()).ok().filter(|v| v.is_object())?;
    js_sys::Reflect::delete_property(&global, &HANDOVER.into()).ok();
    let state = js_sys::Reflect::get(&waiting, &"state".into()).ok()?;
    let release = js_sys::Reflect::get(&waiting, &"release".into()).ok()?.dyn_into().ok()?;
    Some((serde_wasm_bindgen::from_value(state).unwrap_or_default(), release))
}

/// The first load's side of the handover: its app destroyed (its effects cleaned up),
/// its locks and broadcast channel let go, so that the whole app starts alone.
fn release_first_load() {
    if let Some(app) = FIRST_LOAD.with(|slot| slot.borrow_mut().take()) {
        app.destroy();
    }
    crate::tabs::stop();
}

/// In the first load, what stands where a view of the whole app would be: it asks for
/// the whole app once the edits made so far are saved, and says so; if the whole app
/// cannot be fetched it says why and offers to try again.
#[derive(Properties, PartialEq)]
pub struct LoadingProps {
    pub handover: Handover,
    /// Every edit is saved, so the page can be handed over.
    pub saved: bool,
    /// Why the last save failed, if it did: the page is not handed over with work unsaved.
    pub save_error: Option<String>,
    /// Closes the view that asked for the whole app.
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn LoadingFullApp(props: &LoadingProps) -> Html {
    let failed = use_state(|| None::<String>);
    let attempt = use_state(|| 0u32);
    {
        let (handover, failed) = (props.handover.clone(), failed.clone());
        use_effect_with((props.saved, *attempt), move |(saved, _)| {
            if *saved && failed.is_none() {
                let failed = failed.clone();
                fetch(handover, Callback::from(move |why| failed.set(Some(why))));
            }
        });
    }
    let unsaved = (!props.saved).then_some(props.save_error.clone()).flatten();
    let error = unsaved
        .map(|why| format!("It opens once your work is saved, and the last save failed: {why}."))
        .or_else(|| (*failed).clone());
    match error {
        None => html! {
            <div class="notice info full-app-loading" role="status" aria-busy="true" id="full-app-loading">
                <p><strong>{ "Opening…" }</strong>{ " Newsmark fetches this part of the app the first time it is used." }</p>
            </div>
        },
        Some(why) => html! {
            <div class="notice error full-app-loading" role="alert" id="full-app-loading">
                <p><strong>{ "This part of Newsmark could not be opened." }</strong>{ format!(" {why}") }</p>
                <div class="row">
                    if props.saved {
                        <button type="button" onclick={{ let (e, a) = (failed.clone(), attempt.clone()); move |_| { e.set(None); a.set(*a + 1) } }}>{ "Try again" }</button>
                    }
                    <button type="button" onclick={props.on_cancel.reform(|_| ())}>{ "Close" }</button>
                </div>
            </div>
        },
    }
}
