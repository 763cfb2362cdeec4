//! A student's class work kept in sync with the class server: the classes joined on this
//! device, the join link, PouchDB (loaded on demand by `class_sync.js`) replicating the
//! student's records, and how the sync stands, for the header.
//!
//! - **Joined classes** are kept in local storage under `newsmark:classes` ([`Class`]): the
//!   server, the class and work databases, the user name and the document. Never a
//!   password: signing in leaves CouchDB's `AuthSession` cookie in the browser.
//! - **Writes.** After each save of a class document (in the tab that holds its writer
//!   lock), the records that changed since the last sync (`records::changes`) go into the
//!   local PouchDB database `newsmark-class-<work db>` (one per student database, so
//!   that two students joining on one computer never share records), which PouchDB replicates live
//!   with the student's database (retrying with a back-off capped at 30 s, at once when
//!   the browser goes online again).
//! - **Reads.** After every change to the local database (this device's writes and what
//!   replication brings), every record is read back with its conflicting versions and
//!   assembled (`records::assemble`); the library document is replaced when the work
//!   differs ([`Msg::ClassWork`], never an undo step), and the conflicts and the hand-in
//!   time go to the [`Board`].

use crate::couch::{self, CouchError};
use crate::state::{AppState, Msg};
use crate::{browser, storage};
use newsmark_core::class::records::{self, Conflict, Stored, Write};
use newsmark_core::{Document, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// The local storage key of the classes joined on this device.
pub const CLASSES: &str = "newsmark:classes";

/// A class joined on this device, as kept in local storage (no password, ever).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Class {
    /// The class server's address, such as `https://couch.school.example`.
    pub server: String,
    /// The class database (`newsmark-<slug>`).
    pub class: String,
    /// The student's own database on the server.
    pub db: String,
    pub user: String,
    /// `student` or `teacher`.
    pub role: String,
    /// The library document holding the work (its id is the class database's name).
    pub document: String,
    /// The class's name as the teacher gave it, for the library's badge.
    #[serde(default)]
    pub name: String,
}

/// The classes joined on this device; unreadable entries are skipped.
pub fn joined() -> Vec<Class> {
    let Some(text) = storage::setting(CLASSES) else { return Vec::new() };
    let entries: Vec<Value> = serde_json::from_str(&text).unwrap_or_default();
    entries.into_iter().filter_map(|e| serde_json::from_value(e).ok()).collect()
}

/// Keeps `class` in the list (replacing an entry for the same class and user). Fails
/// with a sentence when local storage refuses the write.
fn remember(class: &Class) -> Result<(), String> {
    // Other entries (a teacher's, or one this version cannot read) are kept as they are.
    let mut all: Vec<Value> =
        storage::setting(CLASSES).and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
    all.retain(|entry| {
        let same = |field: &str, value: &str| entry.get(field).and_then(Value::as_str) == Some(value);
        !(same("role", "student")
            && same("server", &class.server)
            && same("class", &class.class)
            && same("user", &class.user))
    });
    all.push(serde_json::to_value(class).expect("a class is JSON"));
    let text = serde_json::to_string(&all).expect("classes are JSON");
    let refused = || {
        "This browser's storage for this site is full, so the class could not be remembered: it is joined for this visit only. Free some room (delete articles you no longer need) and join again.".to_owned()
    };
    let storage = gloo::utils::window().local_storage().ok().flatten().ok_or_else(refused)?;
    storage.set_item(CLASSES, &text).map_err(|_| refused())
}

/// What a join link (`…#join?server=…&class=…&db=…&user=…`) names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JoinLink {
    pub server: String,
    pub class: String,
    pub db: String,
    pub user: String,
}

impl JoinLink {
    /// Reads a join link, its `#join?…` part, or the `join?…` code on its own. `None` when
    /// it is not one, or when it leaves the server or a database out.
    pub fn parse(text: &str) -> Option<JoinLink> {
        let text = text.trim();
        let query = match text.find("#join?") {
            Some(at) => &text[at + "#join?".len()..],
            None => text.strip_prefix("join?")?,
        };
        let mut link = JoinLink::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim().to_owned();
            match &*key {
                "server" => link.server = value,
                "class" => link.class = value,
                "db" => link.db = value,
                "user" => link.user = value,
                _ => {}
            }
        }
        (!link.server.is_empty() && !link.class.is_empty() && !link.db.is_empty()).then_some(link)
    }

    /// What is missing or wrong, as a sentence, before anything is sent.
    pub fn problem(&self) -> Option<String> {
        let server = self.server.trim();
        if !(server.starts_with("https://") || server.starts_with("http://")) {
            return Some(
                "The server must be an address starting with https:// (or http://), as in your join link.".into(),
            );
        }
        let name_ok = |n: &str| {
            n.starts_with(|c: char| c.is_ascii_lowercase())
                && n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+/-".contains(c))
        };
        if !name_ok(self.class.trim()) || !name_ok(self.db.trim()) {
            return Some(
                "The class and work database names are lower-case words from your join link, such as newsmark-year-9-media."
                    .into(),
            );
        }
        if self.user.trim().is_empty() {
            return Some("Type the user name your teacher gave you.".into());
        }
        None
    }
}

/// How one class's sync stands, for the header.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncState {
    /// Loading the sync code, or signing in.
    Starting,
    Syncing,
    Synced(Timestamp),
    /// No network: this many changed records wait to be sent.
    Offline {
        waiting: usize,
    },
    /// Not synced, and why (a sentence).
    Failed(String),
    /// The session with the class server has ended: the password is asked again.
    SignedOut,
}

impl SyncState {
    /// What the header says.
    pub fn label(&self, clock: impl Fn(Timestamp) -> String) -> String {
        match self {
            SyncState::Starting => "Connecting to the class…".into(),
            SyncState::Syncing => "Syncing…".into(),
            SyncState::Synced(at) => format!("Synced {}", clock(*at)),
            SyncState::Offline { waiting: 0 } => "Offline: nothing waiting".into(),
            SyncState::Offline { waiting: 1 } => "Offline: 1 change waiting".into(),
            SyncState::Offline { waiting } => format!("Offline: {waiting} changes waiting"),
            SyncState::Failed(reason) => format!("Not synced: {reason}"),
            SyncState::SignedOut => "Not synced: your session with the class server has ended.".into(),
        }
    }
}

/// Everything the page shows about one joined class.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassStatus {
    pub class: Class,
    pub state: SyncState,
    /// Annotations changed differently on two devices.
    pub conflicts: Vec<Conflict>,
    pub handed_in: Option<Timestamp>,
}

/// The joined classes' status, by library document id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Board {
    pub classes: BTreeMap<String, ClassStatus>,
}

pub enum BoardMsg {
    /// A class is being joined or resumed.
    Class(Class),
    State {
        doc: String,
        state: SyncState,
    },
    Work {
        doc: String,
        conflicts: Vec<Conflict>,
        handed_in: Option<Timestamp>,
    },
}

impl Reducible for Board {
    type Action = BoardMsg;

    fn reduce(self: Rc<Self>, action: BoardMsg) -> Rc<Board> {
        let mut next = (*self).clone();
        match action {
            BoardMsg::Class(class) => {
                let entry = next.classes.entry(class.document.clone()).or_insert_with(|| ClassStatus {
                    class: class.clone(),
                    state: SyncState::Starting,
                    conflicts: Vec::new(),
                    handed_in: None,
                });
                entry.class = class;
            }
            BoardMsg::State { doc, state } => {
                if let Some(entry) = next.classes.get_mut(&doc) {
                    entry.state = state;
                }
            }
            BoardMsg::Work { doc, conflicts, handed_in } => {
                if let Some(entry) = next.classes.get_mut(&doc) {
                    entry.conflicts = conflicts;
                    entry.handed_in = handed_in;
                }
            }
        }
        Rc::new(next)
    }
}

// The merge rules are the core's (`records::merge`, `records::same_work`), tested natively there.
pub use newsmark_core::class::records::{merge, same_work};

/// A time as the header shows it: hours and minutes, in the person's time zone.
pub fn clock(at: Timestamp) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.0 as f64));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

// PouchDB, through the snippet module.
#[wasm_bindgen(module = "/src/class_sync.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadPouch)]
    fn load_pouch() -> js_sys::Promise;

    type ClassSync;

    #[wasm_bindgen(constructor)]
    fn new(local: &str, remote: &str, on_records: &JsValue, on_state: &JsValue) -> ClassSync;
    #[wasm_bindgen(method, js_name = pullOnce)]
    fn pull_once(this: &ClassSync) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn start(this: &ClassSync);
    #[wasm_bindgen(method)]
    fn restart(this: &ClassSync);
    #[wasm_bindgen(method)]
    fn records(this: &ClassSync) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn write(this: &ClassSync, writes: JsValue) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn resolve(this: &ClassSync, id: &str, delete: JsValue, rewrite: JsValue) -> js_sys::Promise;
}

/// A failure as `class_sync.js` describes it.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct Fault {
    status: u16,
    name: String,
    reason: String,
    message: String,
    offline: bool,
}

/// How the sync stands, as `class_sync.js` reports it.
#[derive(Deserialize)]
struct Report {
    state: String,
    waiting: usize,
    error: Option<Fault>,
}

/// One record as `class_sync.js` reads it.
#[derive(Deserialize)]
struct Record {
    id: String,
    rev: String,
    body: Value,
    #[serde(default)]
    conflicts: Vec<(String, Value)>,
}

/// The writes as `class_sync.js` takes them: a null body deletes.
#[derive(Serialize)]
struct Put<'a> {
    id: &'a str,
    body: Option<&'a Value>,
}

impl Fault {
    fn from_js(value: JsValue) -> Fault {
        serde_wasm_bindgen::from_value(value.clone()).unwrap_or_else(|_| Fault {
            message: value.as_string().unwrap_or_else(|| "an unknown error".into()),
            ..Fault::default()
        })
    }

    /// The sentence for a failure of the sync with `server`.
    fn sentence(&self, server: &str) -> String {
        let text = format!("{} {} {}", self.name, self.reason, self.message);
        if text.contains("Quota") || text.contains("quota") || self.name == "indexed_db_went_bad" {
            return "this device's storage is full, so your latest changes are not in the class copy yet. They are kept in the library; free some room and they sync with your next change.".into();
        }
        let error = match self.status {
            401 | 403 => CouchError::Refused { reason: self.reason.clone() },
            404 => CouchError::NotFound { what: "copy of your class work (it may have been deleted)".into() },
            500..=599 => CouchError::Failed { status: self.status },
            _ if self.name == "SyntaxError" || text.contains("JSON") => {
                CouchError::Garbled { server: couch::base(server).to_owned() }
            }
            _ => CouchError::Unreachable { server: couch::base(server).to_owned() },
        };
        error.to_string()
    }
}

/// A function `class_sync.js` calls with a value; kept alive while the sync runs.
type JsCallback = Closure<dyn FnMut(JsValue)>;

/// What the header says when the class database is gone.
const CLASS_GONE: &str =
    "the class is no longer on the class server (your teacher may have deleted it). Your work is kept on this device.";

/// One class syncing on this page.
struct Engine {
    class: Class,
    sync: ClassSync,
    _callbacks: [JsCallback; 2],
    app: UseReducerDispatcher<AppState>,
    board: UseReducerDispatcher<Board>,
    /// The records the library's document was last in step with: as last read from the
    /// local database, or as last written there. `None` until the first read.
    base: RefCell<Option<Rc<BTreeMap<String, Value>>>>,
    /// The library's version of the document this page last wrote from.
    written: RefCell<Option<Arc<Document>>>,
    /// Writes under way, and whether a read was put off until they finish.
    writing: Cell<u32>,
    read_missed: Cell<bool>,
    /// The conflicts last read, to settle them by record.
    conflicts: RefCell<Vec<Conflict>>,
}

thread_local! {
    /// The classes syncing on this page, by library document id.
    static ENGINES: RefCell<BTreeMap<String, Rc<Engine>>> = const { RefCell::new(BTreeMap::new()) };
}

fn engine(doc: &str) -> Option<Rc<Engine>> {
    ENGINES.with(|e| e.borrow().get(doc).cloned())
}

impl Engine {
    /// Loads PouchDB and sets up (without starting) the sync of `class`.
    async fn open(
        class: Class,
        app: UseReducerDispatcher<AppState>,
        board: UseReducerDispatcher<Board>,
    ) -> Result<Rc<Engine>, String> {
        JsFuture::from(load_pouch()).await.map_err(|e| Fault::from_js(e).message)?;
        let remote = format!("{}/{}", couch::base(&class.server), class.db);
        // One local database per student database: two students joining the same class on
        // one shared computer never share records.
        let local = format!("newsmark-class-{}", class.db);
        Ok(Rc::new_cyclic(|me: &Weak<Engine>| {
            let on_records = {
                let me = me.clone();
                Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
                    if let Some(me) = me.upgrade() {
                        me.take_records(value);
                    }
                })
            };
            let on_state = {
                let me = me.clone();
                Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
                    if let Some(me) = me.upgrade() {
                        me.take_report(value);
                    }
                })
            };
            let sync = ClassSync::new(&local, &remote, on_records.as_ref(), on_state.as_ref());
            Engine {
                class,
                sync,
                _callbacks: [on_records, on_state],
                app,
                board,
                base: RefCell::new(None),
                written: RefCell::new(None),
                writing: Cell::new(0),
                read_missed: Cell::new(false),
                conflicts: RefCell::new(Vec::new()),
            }
        }))
    }

    fn doc(&self) -> String {
        self.class.document.clone()
    }

    fn set_state(&self, state: SyncState) {
        self.board.dispatch(BoardMsg::State { doc: self.doc(), state });
    }

    /// Every record of the local database, read after a change.
    fn take_records(self: &Rc<Self>, value: JsValue) {
        if self.writing.get() > 0 {
            // This page's own write is under way: read again once it is done.
            self.read_missed.set(true);
            return;
        }
        let Ok(list) = serde_wasm_bindgen::from_value::<Vec<Record>>(value) else { return };
        self.deliver(list, false);
    }

    /// Assembles `list` and hands the work to the library (opening it if `open`).
    fn deliver(&self, list: Vec<Record>, open: bool) -> Option<String> {
        let stored: Vec<Stored> =
            list.into_iter().map(|r| Stored { id: r.id, rev: r.rev, body: r.body, conflicts: r.conflicts }).collect();
        let assembled = match records::assemble(&stored) {
            Ok(assembled) => assembled,
            Err(error) => return Some(error.to_string()),
        };
        let theirs: BTreeMap<String, Value> =
            stored.iter().filter(|s| s.id != records::HANDIN).map(|s| (s.id.clone(), s.body.clone())).collect();
        let theirs = Rc::new(theirs);
        let base = self.base.replace(Some(theirs.clone()));
        *self.conflicts.borrow_mut() = assembled.conflicts.clone();
        self.board.dispatch(BoardMsg::Work {
            doc: self.doc(),
            conflicts: assembled.conflicts,
            handed_in: assembled.handed_in,
        });
        let mut document = assembled.document;
        document.id = self.doc();
        self.app.dispatch(Msg::ClassWork { doc: document, base, theirs, open });
        None
    }

    /// How the replication stands, from `class_sync.js`.
    fn take_report(self: &Rc<Self>, value: JsValue) {
        let Ok(report) = serde_wasm_bindgen::from_value::<Report>(value) else { return };
        let state = match (report.state.as_str(), report.error) {
            ("synced", _) => SyncState::Synced(browser::now()),
            (_, Some(fault)) if fault.offline => SyncState::Offline { waiting: report.waiting },
            (_, None) => SyncState::Syncing,
            (_, Some(fault)) if fault.status == 401 || fault.status == 403 => {
                // Signed out, or signed in but no longer let in: the session says which.
                let me = self.clone();
                yew::platform::spawn_local(async move {
                    let state = match couch::session(&me.class.server).await {
                        Ok(None) => SyncState::SignedOut,
                        _ => SyncState::Failed(format!(
                            "{} Your work is kept on this device.",
                            CouchError::Refused {
                                reason: "your account may no longer be a member of this class.".into()
                            }
                        )),
                    };
                    me.set_state(state);
                });
                return;
            }
            (_, Some(fault)) if fault.status == 404 => {
                let me = self.clone();
                yew::platform::spawn_local(async move {
                    let path = format!("/{}", me.class.class);
                    let sentence = match couch::get(&me.class.server, &path, "class").await {
                        Err(CouchError::NotFound { .. }) => CLASS_GONE.to_owned(),
                        _ => "your work's database is no longer on the class server (your teacher may have removed it). Your work is kept on this device.".to_owned(),
                    };
                    me.set_state(SyncState::Failed(sentence));
                });
                return;
            }
            (_, Some(fault)) => SyncState::Failed(fault.sentence(&self.class.server)),
        };
        self.set_state(state);
    }

    /// Writes the library's version `doc` of the work into the local database, if it
    /// changed since the last sync.
    fn write_local(self: &Rc<Self>, doc: &Arc<Document>) {
        if self.written.borrow().as_ref().is_some_and(|l| Arc::ptr_eq(l, doc)) {
            return;
        }
        let Some(base) = self.base.borrow().clone() else { return };
        let new = records::of_document(doc);
        let writes = records::changes(&base, &new);
        *self.written.borrow_mut() = Some(doc.clone());
        if writes.is_empty() {
            return;
        }
        let list: Vec<Put> = writes
            .iter()
            .map(|w| match w {
                Write::Put { id, body } => Put { id, body: Some(body) },
                Write::Delete { id } => Put { id, body: None },
            })
            .collect();
        let Ok(value) = list.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) else { return };
        self.writing.set(self.writing.get() + 1);
        let me = self.clone();
        yew::platform::spawn_local(async move {
            let outcome = JsFuture::from(me.sync.write(value)).await;
            me.writing.set(me.writing.get() - 1);
            match outcome {
                Ok(_) => *me.base.borrow_mut() = Some(Rc::new(new)),
                Err(error) => {
                    // Kept in the library; the next save tries these records again.
                    *me.written.borrow_mut() = None;
                    me.set_state(SyncState::Failed(Fault::from_js(error).sentence(&me.class.server)));
                }
            }
            if me.writing.get() == 0 && me.read_missed.replace(false) {
                me.read_now(false).await;
            }
        });
    }

    /// Takes the local copy's records as what the library's version was last in step with.
    async fn read_base(&self) {
        let Ok(value) = JsFuture::from(self.sync.records()).await else { return };
        let Ok(list) = serde_wasm_bindgen::from_value::<Vec<Record>>(value) else { return };
        let records = list.into_iter().filter(|r| r.id != records::HANDIN).map(|r| (r.id, r.body)).collect();
        *self.base.borrow_mut() = Some(Rc::new(records));
    }

    /// Reads every record now and delivers the work; the assembly's problem, if any.
    async fn read_now(&self, open: bool) -> Option<String> {
        let value = match JsFuture::from(self.sync.records()).await {
            Ok(value) => value,
            Err(error) => return Some(Fault::from_js(error).message),
        };
        let list = serde_wasm_bindgen::from_value::<Vec<Record>>(value).ok()?;
        self.deliver(list, open)
    }
}

/// Joins the class `link` names, signing in with `password`: the work is copied down,
/// added to the library and opened, and syncs from then on. The error is a sentence.
pub async fn join(
    link: JoinLink,
    password: String,
    app: UseReducerDispatcher<AppState>,
    board: UseReducerDispatcher<Board>,
) -> Result<(), String> {
    if let Some(problem) = link.problem() {
        return Err(problem);
    }
    let server = couch::base(link.server.trim()).to_owned();
    couch::sign_in(&server, link.user.trim(), &password).await.map_err(|e| e.to_string())?;
    let class_path = format!("/{}/class", link.class.trim());
    let record = couch::get(&server, &class_path, "class").await.map_err(|e| match e {
        CouchError::NotFound { .. } => {
            format!("There is no class “{}” on {server}. Check the join link with your teacher.", link.class.trim())
        }
        other => other.to_string(),
    })?;
    let name = record.get("name").and_then(Value::as_str).unwrap_or(link.class.trim()).to_owned();
    let class = Class {
        server: server.clone(),
        class: link.class.trim().to_owned(),
        db: link.db.trim().to_owned(),
        user: link.user.trim().to_owned(),
        role: "student".into(),
        document: link.class.trim().to_owned(),
        name,
    };
    if let Some(running) = engine(&class.document) {
        // Joined already on this page (signing in again): start over at once.
        running.sync.restart();
        return Ok(());
    }
    let engine = Engine::open(class.clone(), app, board.clone()).await?;
    JsFuture::from(engine.sync.pull_once()).await.map_err(|e| {
        let fault = Fault::from_js(e);
        match fault.status {
            404 => "Your work is not on the class server: the work database in the link may be wrong, or it was deleted. Check the link with your teacher.".to_owned(),
            401 | 403 => "The class server does not let this user open that work: check that the link is the one your teacher gave you.".to_owned(),
            _ => fault.sentence(&server),
        }
    })?;
    board.dispatch(BoardMsg::Class(class.clone()));
    if let Some(problem) = engine.read_now(true).await {
        return Err(format!("Your class work could not be opened: {problem}"));
    }
    ENGINES.with(|e| e.borrow_mut().insert(class.document.clone(), engine.clone()));
    engine.sync.start();
    remember(&class)
}

/// Starts syncing every class joined on this device (at start-up): signed out, the
/// header asks for the password again; the work stays usable meanwhile.
pub fn resume(app: UseReducerDispatcher<AppState>, board: UseReducerDispatcher<Board>) {
    for class in joined().into_iter().filter(|c| c.role == "student") {
        let (app, board) = (app.clone(), board.clone());
        yew::platform::spawn_local(async move {
            board.dispatch(BoardMsg::Class(class.clone()));
            let engine = match Engine::open(class.clone(), app, board.clone()).await {
                Ok(engine) => engine,
                Err(why) => {
                    let state = SyncState::Failed(why);
                    board.dispatch(BoardMsg::State { doc: class.document.clone(), state });
                    return;
                }
            };
            ENGINES.with(|e| e.borrow_mut().insert(class.document.clone(), engine.clone()));
            // The library's version was last in step with the local copy: edits made since
            // (signed out, or before a write to the local copy failed) are written first.
            engine.read_base().await;
            if let Ok(None) = couch::session(&class.server).await {
                engine.set_state(SyncState::SignedOut);
                return;
            }
            if let Err(CouchError::NotFound { .. }) =
                couch::get(&class.server, &format!("/{}", class.class), "class").await
            {
                engine.set_state(SyncState::Failed(CLASS_GONE.to_owned()));
                return;
            }
            engine.sync.start();
        });
    }
}

/// After a save: writes each class document this tab may edit into its local database.
pub fn after_save(state: &AppState) {
    let engines: Vec<Rc<Engine>> = ENGINES.with(|e| e.borrow().values().cloned().collect());
    for engine in engines {
        let id = engine.doc();
        if state.unsaved.contains_key(&id) || !state.may_edit(&id) {
            continue;
        }
        if let Some(doc) = state.ws.shared(&id) {
            engine.write_local(doc);
        }
    }
}

/// Records that the work in document `doc` was handed in now.
pub async fn hand_in(doc: &str) -> Result<(), String> {
    let engine = engine(doc).ok_or("This class work is not connected to its class server.")?;
    let body = serde_json::json!({ "type": "handin", "at": browser::now().to_string() });
    let value = [Put { id: records::HANDIN, body: Some(&body) }]
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| e.to_string())?;
    JsFuture::from(engine.sync.write(value)).await.map_err(|e| Fault::from_js(e).sentence(&engine.class.server))?;
    Ok(())
}

/// Settles the conflict on `record` in document `doc`, keeping version `keep`.
pub async fn resolve(doc: &str, record: &str, keep: &str) -> Result<(), String> {
    let engine = engine(doc).ok_or("This class work is not connected to its class server.")?;
    let conflict = engine.conflicts.borrow().iter().find(|c| c.record == record).cloned();
    let Some(conflict) = conflict else { return Ok(()) };
    let resolution = conflict.resolve(keep);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let delete = resolution.delete.serialize(&serializer).map_err(|e| e.to_string())?;
    let rewrite = resolution.rewrite.serialize(&serializer).map_err(|e| e.to_string())?;
    JsFuture::from(engine.sync.resolve(record, delete, rewrite))
        .await
        .map_err(|e| Fault::from_js(e).sentence(&engine.class.server))?;
    Ok(())
}

/// Signs in again after the session ended, and restarts the sync of `doc`'s class.
pub async fn sign_in_again(doc: &str, password: &str) -> Result<(), String> {
    let engine = engine(doc).ok_or("This class work is not connected to its class server.")?;
    couch::sign_in(&engine.class.server, &engine.class.user, password).await.map_err(|e| e.to_string())?;
    engine.set_state(SyncState::Syncing);
    // Started if it never was (signed out at start-up), else started again at once.
    engine.sync.start();
    engine.sync.restart();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_join_link_is_read_whole_or_from_its_code() {
        let link = "http://127.0.0.1:8080/#join?server=http%3A%2F%2F127.0.0.1%3A5984&class=newsmark-year-9&db=newsmark-year-9-a1b2c3d4e5f6&user=li-k3x9";
        let read = JoinLink::parse(link).unwrap();
        assert_eq!(read.server, "http://127.0.0.1:5984");
        assert_eq!(read.class, "newsmark-year-9");
        assert_eq!(read.db, "newsmark-year-9-a1b2c3d4e5f6");
        assert_eq!(read.user, "li-k3x9");
        assert_eq!(JoinLink::parse(&link[link.find("join?").unwrap()..]), Some(read));
        assert_eq!(read_problem(link), None);
    }

    fn read_problem(link: &str) -> Option<String> {
        JoinLink::parse(link).unwrap().problem()
    }

    #[test]
    fn a_link_without_its_server_or_databases_is_not_a_join_link() {
        assert_eq!(JoinLink::parse("#join?class=newsmark-a&db=newsmark-a-b"), None);
        assert_eq!(JoinLink::parse("https://example.org/#class?server=x&class=y"), None);
        assert_eq!(JoinLink::parse("hello"), None);
    }

    #[test]
    fn a_typed_server_that_is_not_a_web_address_is_refused_before_anything_is_sent() {
        let link = JoinLink {
            server: "couch.school".into(),
            class: "newsmark-a".into(),
            db: "newsmark-a-b".into(),
            user: "li".into(),
        };
        assert!(link.problem().unwrap().contains("https://"));
        let link = JoinLink { server: "https://couch.school".into(), class: "Year 9".into(), ..link };
        assert!(link.problem().unwrap().contains("lower-case"));
    }

    #[test]
    fn the_header_says_how_many_changes_wait_while_offline() {
        let clock = |_| "10:42".to_owned();
        assert_eq!(SyncState::Offline { waiting: 3 }.label(clock), "Offline: 3 changes waiting");
        assert_eq!(SyncState::Offline { waiting: 1 }.label(clock), "Offline: 1 change waiting");
        assert_eq!(SyncState::Synced(Timestamp(0)).label(clock), "Synced 10:42");
    }
}
