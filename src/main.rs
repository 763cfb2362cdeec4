//! Newsmark's browser app: a thin yew shell around `newsmark-core`.
//!
//! - [`state`]: the app's state and the messages that change it (wrapping the core workspace).
//! - [`storage`]: the library in IndexedDB (one record per document) and settings in local storage.
//! - [`idb`]: IndexedDB requests and transactions as futures.
//! - [`tabs`]: other tabs on the same library: news of their saves, one writer per document.
//! - [`browser`]: clock, ids, downloads, files and the DOM selection.
//! - [`article_file`]: turning an opened `.txt`, `.md` or `.html` file into an article (HTML here, the rest in the core).
//! - [`couch`]: plain requests to a class server (CouchDB): signing in, JSON reads and writes.
//! - [`import`]: annotation files imported, article files opened as documents.
//! - [`hooks`]: the app's effects, one per concern (saving, writer locks, keys, dropped files, theme).
//! - [`components`]: the views.

mod article_file;
mod browser;
mod components;
// The class views (issue 14) are being built on it; until they land, not everything is used.
#[allow(dead_code)]
mod couch;
mod hooks;
mod idb;
mod import;
mod state;
mod storage;
mod tabs;

fn main() {
    yew::Renderer::<components::app::App>::new().render();
}
