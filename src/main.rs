//! Newsmark's browser app: a thin yew shell around `newsmark-core`.
//!
//! - [`state`]: the app's state and the messages that change it (wrapping the core workspace).
//! - [`storage`]: the browser's local storage, one record per document.
//! - [`browser`]: clock, ids, downloads, files and the DOM selection.
//! - [`article_file`]: turning an opened `.txt`, `.md` or `.html` file into an article.
//! - [`components`]: the views.

mod article_file;
mod browser;
mod components;
mod state;
mod storage;

fn main() {
    yew::Renderer::<components::app::App>::new().render();
}
