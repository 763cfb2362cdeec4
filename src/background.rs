//! Work done off the page, in the background worker (`crates/newsmark-worker`): the
//! exchange formats, the HTML report, suggestions, reading captured web pages and carrying an
//! earlier capture's annotations over onto the page captured again, naming the field that is
//! wrong in a damaged record of the library, kept out
//! of the wasm a first visit loads. The worker is started on first use; each function here sends one request and
//! awaits its answer. Errors are sentences, as the core's are.

use futures::channel::oneshot;
use js_sys::{Array, Uint8Array};
use newsmark_core::capture::Capture;
use newsmark_core::formats::{Exported, Format, TagMapping};
use newsmark_core::recapture::CarriedOver;
use newsmark_core::schema;
use newsmark_core::suggest::Suggestions;
use newsmark_core::{Document, Timestamp};
use newsmark_worker::{Answer, ImportSummary, Message, ReadProblems, Request, StoredRecord};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

/// The worker's start-up script, which Trunk writes beside the page (index.html).
const SCRIPT: &str = "newsmark-worker_loader.js";

/// An answer as it arrives, its head still JSON ([`read`] reads it).
type Arrived = Message<String>;
type Waiting = Rc<RefCell<HashMap<u32, oneshot::Sender<Result<Arrived, String>>>>>;
type Held = Rc<RefCell<Option<Vec<Array>>>>;

/// The running worker and the requests waiting for its answers.
struct Background {
    worker: Worker,
    waiting: Waiting,
    /// Requests held until the worker says it is ready (its wasm is still loading, and a
    /// message sent before it listens would be lost); `None` once it is.
    held: Held,
    next: u32,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(Event)>,
}

thread_local! {
    static BACKGROUND: RefCell<Option<Background>> = const { RefCell::new(None) };
}

/// What the person reads when the worker cannot be started or has failed.
fn unavailable(why: &str) -> String {
    format!("This part of Newsmark could not be loaded ({why}). Reload the page and try again.")
}

fn start() -> Result<Background, String> {
    let worker = Worker::new(SCRIPT).map_err(|e| unavailable(&describe(&e)))?;
    let waiting: Waiting = Rc::default();
    let held: Held = Rc::new(RefCell::new(Some(Vec::new())));
    let on_message = {
        let (waiting, held, worker) = (waiting.clone(), held.clone(), worker.clone());
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            if event.data().as_string().as_deref() == Some(newsmark_worker::READY) {
                for message in held.borrow_mut().take().unwrap_or_default() {
                    if let Err(e) = worker.post_message(&message) {
                        fail(&waiting, &describe(&e));
                    }
                }
                return;
            }
            let message = Array::from(&event.data());
            let Some(id) = message.get(0).as_f64() else { return };
            let Some(sender) = waiting.borrow_mut().remove(&(id as u32)) else { return };
            let _ = sender.send(Ok(Message {
                head: message.get(1).as_string().unwrap_or_default(),
                text: message.get(2).as_string(),
                bytes: message.get(3).dyn_into::<Uint8Array>().ok().map(|b| b.to_vec()),
            }));
        })
    };
    // A worker that fails to load or stops (a panic) answers nothing more: every waiting
    // request is told, and the next one starts a new worker.
    let on_error = {
        let waiting = waiting.clone();
        Closure::<dyn Fn(Event)>::new(move |event: Event| {
            let why = match event.dyn_ref::<ErrorEvent>().map(ErrorEvent::message) {
                Some(m) if !m.is_empty() => m,
                _ => "the background worker stopped".to_owned(),
            };
            // This closure is running, so the stopped worker's closures are let go of
            // without being dropped (a few bytes, once per failure).
            if let Some(stopped) = BACKGROUND.with(|b| b.borrow_mut().take()) {
                stopped.worker.terminate();
                std::mem::forget(stopped);
            }
            fail(&waiting, &why);
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Background { worker, waiting, held, next: 0, _on_message: on_message, _on_error: on_error })
}

/// Tells every waiting request that the worker failed.
fn fail(waiting: &Waiting, why: &str) {
    for (_, sender) in waiting.borrow_mut().drain() {
        let _ = sender.send(Err(unavailable(why)));
    }
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| format!("{e:?}"))
}

/// Sends `request` to the worker (started if it is not running) and awaits the answer.
async fn ask(request: Message<Request>) -> Result<Message<Answer>, String> {
    read(send(request).await?)
}

/// Reads an answer's head.
fn read(arrived: Arrived) -> Result<Message<Answer>, String> {
    let Message { head, text, bytes } = arrived;
    let head = serde_json::from_str::<Answer>(&head)
        .map_err(|e| unavailable(&format!("its answer could not be read: {e}")))?;
    Ok(Message { head, text, bytes })
}

/// Sends `request` to the worker (started if it is not running) and awaits the answer as
/// it arrives.
async fn send(request: Message<Request>) -> Result<Arrived, String> {
    let (sender, answer) = oneshot::channel();
    BACKGROUND.with(|b| {
        let mut b = b.borrow_mut();
        if b.is_none() {
            *b = Some(start()?);
        }
        let Some(bg) = b.as_mut() else { return Err(unavailable("it did not start")) };
        bg.next = bg.next.wrapping_add(1);
        let id = bg.next;
        let message = Array::new();
        message.push(&JsValue::from(id));
        message.push(&JsValue::from_str(&serde_json::to_string(&request.head).map_err(|e| e.to_string())?));
        message.push(&request.text.as_deref().map_or(JsValue::NULL, JsValue::from_str));
        message.push(&request.bytes.as_deref().map_or(JsValue::NULL, |b| Uint8Array::from(b).into()));
        bg.waiting.borrow_mut().insert(id, sender);
        let mut held = bg.held.borrow_mut();
        match held.as_mut() {
            Some(held) => {
                held.push(message);
                Ok(())
            }
            None => bg.worker.post_message(&message).map_err(|e| unavailable(&describe(&e))),
        }
    })?;
    answer.await.map_err(|_| unavailable("the background worker stopped"))?
}

/// The sentences a refusal gives, or the one sentence of an answer to another question.
fn refusal(answer: Answer) -> Vec<String> {
    match answer {
        Answer::Refused { why } => why,
        _ => vec![unavailable("it answered another question")],
    }
}

/// `doc` written in `format`, or why it cannot be (`formats::export`).
pub async fn export(doc: &Document, format: Format) -> Result<Exported, String> {
    let request = Message {
        text: Some(schema::document_to_compact_json(doc)),
        ..Message::new(Request::Export { format: format.name().into() })
    };
    match ask(request).await? {
        Message { head: Answer::Exported { left_out }, bytes, .. } => {
            Ok(Exported { bytes: bytes.unwrap_or_default(), left_out })
        }
        other => Err(refusal(other.head).join(" ")),
    }
}

/// `doc` as a self-contained HTML report made at `now` (`report::html`).
pub async fn report(doc: &Document, now: Timestamp) -> Result<String, String> {
    let request =
        Message { text: Some(schema::document_to_compact_json(doc)), ..Message::new(Request::Report { now }) };
    match ask(request).await? {
        Message { head: Answer::Report, text, .. } => Ok(text.unwrap_or_default()),
        other => Err(refusal(other.head).join(" ")),
    }
}

/// What an annotation file held: its documents and the import's report.
pub struct Imported {
    pub format: Format,
    pub documents: Vec<Document>,
    pub summary: ImportSummary,
}

/// Why a file was not imported.
pub enum NotImported {
    /// It is of no format Newsmark imports.
    Unrecognised,
    /// It was refused: why, in sentences.
    Refused(Vec<String>),
}

/// Reads the annotation file `bytes`, named `name`, with the person's `tags`, placing
/// annotations without article text against `open_text` (`formats::detect` and
/// `formats::import_mapped`). New documents are named `<id_prefix>-1`, `-2`, ….
pub async fn read_import(
    name: &str,
    bytes: &[u8],
    open_text: Option<&str>,
    tags: &TagMapping,
    id_prefix: String,
    now: Timestamp,
) -> Result<Imported, NotImported> {
    let request = Message {
        text: open_text.map(str::to_owned),
        bytes: Some(bytes.to_vec()),
        head: Request::Import { name: name.into(), map: tags.map.clone(), untagged: tags.untagged, id_prefix, now },
    };
    let reply = ask(request).await.map_err(|why| NotImported::Refused(vec![why]))?;
    match reply.head {
        Answer::Imported(summary) => {
            let documents = schema::load(&reply.text.unwrap_or_default())
                .map_err(|e| NotImported::Refused(vec![unavailable(&e.to_string())]))?;
            let format = Format::parse(&summary.format).unwrap_or(Format::Newsmark);
            Ok(Imported { format, documents, summary })
        }
        Answer::Unrecognised => Err(NotImported::Unrecognised),
        other => Err(NotImported::Refused(refusal(other))),
    }
}

/// Suggestions for `text` (`suggest::suggest`, part by part), with how long the page
/// stopped to take them in, in milliseconds.
pub async fn suggest(text: &str) -> Result<(Suggestions, f64), String> {
    let arrived = send(Message { text: Some(text.to_owned()), ..Message::new(Request::Suggest) }).await?;
    let started = js_sys::Date::now();
    match read(arrived)?.head {
        Answer::Suggested(found) => Ok((found, js_sys::Date::now() - started)),
        other => Err(refusal(other).join(" ")),
    }
}

/// The article in the web page `html`, found at `url` if known (`capture::extract`); with
/// `whole`, all of the page's visible text (`capture::whole_text`).
pub async fn capture(html: String, url: Option<String>, whole: bool) -> Result<Capture, String> {
    match ask(Message { text: Some(html), ..Message::new(Request::Capture { url, whole }) }).await?.head {
        Answer::Captured(found) => Ok(found),
        other => Err(refusal(other).join(" ")),
    }
}

/// `new`, a document made from a page captured again, with the annotations of `old`, the
/// page's earlier capture, carried over onto its text, and how many were kept exactly,
/// moved and orphaned (`recapture::carry_over`).
pub async fn carry_over(old: &Document, new: Document) -> Result<(Document, CarriedOver), String> {
    let request = Message { text: Some(schema::set_to_json(&[old.clone(), new])), ..Message::new(Request::CarryOver) };
    match ask(request).await? {
        Message { head: Answer::CarriedOver(counts), text, .. } => {
            let doc = schema::load_document(&text.unwrap_or_default()).map_err(|e| unavailable(&e.to_string()))?;
            Ok((doc, counts))
        }
        other => Err(refusal(other.head).join(" ")),
    }
}

/// What reading document `id` from its `records` (in the order the page read them) finds
/// wrong, each field that is wrong named (`stored::read` in the worker, whose core has
/// `schema::FIELD_PATHS`).
pub async fn read_records(id: String, records: Vec<StoredRecord>) -> Result<ReadProblems, String> {
    let records = serde_json::to_string(&records).map_err(|e| e.to_string())?;
    problems(Message { text: Some(records), ..Message::new(Request::ReadRecords { id }) }).await
}

/// Why the saved document `json` cannot be read, the field that is wrong named
/// (`schema::load_document` in the worker), or `None` if it can.
pub async fn read_document(json: String) -> Result<Option<String>, String> {
    Ok(problems(Message { text: Some(json), ..Message::new(Request::ReadDocument) }).await?.document)
}

async fn problems(request: Message<Request>) -> Result<ReadProblems, String> {
    match ask(request).await?.head {
        Answer::Problems(problems) => Ok(problems),
        other => Err(refusal(other).join(" ")),
    }
}

/// The sample exercise as a student's copy named `id` (`sample_exercise::sample_exercise`).
pub async fn sample_exercise(id: String, now: Timestamp) -> Result<Document, String> {
    documents(Request::SampleExercise { id, now }).await?.pop().ok_or_else(|| unavailable("no exercise came back"))
}

/// Three students' work on the sample exercise (`sample_exercise::sample_student_sets`).
pub async fn sample_class(now: Timestamp) -> Result<Vec<Document>, String> {
    documents(Request::SampleClass { now }).await
}

async fn documents(request: Request) -> Result<Vec<Document>, String> {
    match ask(Message::new(request)).await? {
        Message { head: Answer::Documents, text, .. } => {
            schema::load(&text.unwrap_or_default()).map_err(|e| unavailable(&e.to_string()))
        }
        other => Err(refusal(other.head).join(" ")),
    }
}
