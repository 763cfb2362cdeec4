//! Newsmark's browser app: a thin yew shell around `newsmark-core`.
//!
//! It is built twice: without the `full` feature as the first load (`src/main.rs`), and
//! with it as the whole app (`src/full.rs`), which the first load fetches and hands the
//! page to when a view it does not carry is first opened ([`full_app`]). Code only the
//! whole app uses is left out of the first load by the linker, so the first-load build
//! allows dead code.
//!
//! - [`state`]: the app's state and the messages that change it (wrapping the core workspace).
//! - [`storage`]: the library in IndexedDB (one record per document) and settings in local storage.
//! - [`idb`]: IndexedDB requests and transactions as futures.
//! - [`tabs`]: other tabs on the same library: news of their saves, one writer per document.
//! - [`browser`]: clock, ids, downloads, files and the DOM selection.
//! - [`article_file`]: turning an opened `.txt`, `.md` or `.html` file into an article (HTML through [`capture`]).
//! - [`capture`]: web pages brought in (opened, dropped, pasted, sent by the extension) through the core's extraction; the `#capture=` link.
//! - [`couch`]: plain requests to a class server (CouchDB): signing in, JSON reads and writes.
//! - [`class_route`]: the teacher's class link, and the classes remembered in this browser.
//! - [`class_watch`]: the teacher's live reads of a class for the Class view.
//! - [`class_reveal`]: Reveal on the student's side: the published key applied to their copy.
//! - [`class_sync`]: a student's class work synced with the class server through PouchDB.
//! - [`import`]: annotation files imported, article files opened as documents.
//! - [`hooks`]: the app's effects, one per concern (saving, writer locks, keys, dropped files, theme).
//! - [`components`]: the views.
//! - [`full_app`]: the whole app fetched on first use, and the page handed over to it.

#![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports, unused_variables))]

/// What only the whole app carries: `full_only!(Type, { … })` is the block's value in the
/// whole app and `Type::default()` in the first load, where the block is not compiled, so
/// that the views and work it names stay out of the first load.
macro_rules! full_only {
    ($ty:ty, $body:block) => {{
        #[cfg(feature = "full")]
        let value: $ty = $body;
        #[cfg(not(feature = "full"))]
        let value: $ty = <$ty>::default();
        value
    }};
}

mod article_file;
mod background;
mod browser;
mod capture;
mod class_reveal;
mod class_route;
mod class_sync;
mod class_watch;
mod components;
mod couch;
pub mod full_app;
mod hooks;
mod idb;
mod import;
mod state;
mod storage;
mod tabs;

pub use full_app::start;
