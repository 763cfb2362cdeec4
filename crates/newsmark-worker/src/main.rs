//! The background worker: takes the page's messages, does what they ask with the core
//! (`newsmark_worker::answer`) and posts the answers back. Trunk builds it from index.html
//! (`data-type="worker"`); the app starts it on first use (`src/background.rs`).
//!
//! Once it listens it posts `newsmark_worker::READY`. A message is a JavaScript array `[id, head, text, bytes]`: `head` is the request or
//! answer as JSON, `text` a string or null, `bytes` a `Uint8Array` or null; the answer
//! carries the request's id.

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::{Array, Uint8Array};
    use newsmark_worker::{answer, Message, Request};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let message = Array::from(&event.data());
        let id = message.get(0);
        let head = message.get(1).as_string().unwrap_or_default();
        let reply = match serde_json::from_str::<Request>(&head) {
            Ok(head) => {
                let text = message.get(2).as_string();
                let bytes = message.get(3).dyn_into::<Uint8Array>().ok().map(|b| b.to_vec());
                answer(Message { head, text, bytes })
            }
            Err(e) => answer_refused(format!("The background worker could not read a request ({e}).")),
        };
        let out = Array::new();
        out.push(&id);
        out.push(&JsValue::from_str(&serde_json::to_string(&reply.head).unwrap_or_default()));
        out.push(&reply.text.map_or(JsValue::NULL, |t| JsValue::from_str(&t)));
        out.push(&reply.bytes.map_or(JsValue::NULL, |b| Uint8Array::from(&b[..]).into()));
        // A failed post (the page went away) leaves nobody to tell.
        let _ = reply_to.post_message(&out);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // The page holds its requests until now (its first ones arrived while this module
    // was loading, with nobody listening).
    let _ = scope.post_message(&JsValue::from_str(newsmark_worker::READY));
}

#[cfg(target_arch = "wasm32")]
fn answer_refused(why: String) -> newsmark_worker::Message<newsmark_worker::Answer> {
    newsmark_worker::Message::new(newsmark_worker::Answer::Refused { why: vec![why] })
}

/// The worker runs only in a browser; natively there is nothing to do.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
