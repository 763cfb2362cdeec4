//! Newsmark's pure core: everything about articles and their annotations that needs no browser.
//!
//! The crate knows nothing of yew, web-sys or the clock. The shell passes in the current
//! time and fresh ids; the core hands back plain data.
//!
//! Offsets inside the core, and in every saved file, count Unicode code points. The
//! [`offsets`] module converts to and from UTF-8 bytes (for slicing Rust strings) and
//! UTF-16 code units (what the browser's DOM counts); nothing else does such arithmetic.
//!
//! - [`model`]: documents, annotations and tags; [`model::assignment`], what a student's copy of an exercise carries (the answer key over its text, the record of checking).
//! - [`offsets`]: the one place where code points, bytes and UTF-16 units meet.
//! - [`order`]: stable sorting with one copy of the sort code in the wasm.
//! - [`anchor`]: the quoted text and its context that let a span be found again.
//! - [`article_text`]: which files are articles, and plain text or Markdown read as a title and paragraphs.
//! - [`capture`]: a web page made readable (Readability, by `dom_smoothie`): its article's paragraphs, title, byline, date, site and URL.
//! - [`capture_link`]: the `#capture=…` link the browser extension opens Newsmark with (a captured page, compressed), read with limits.
//! - [`sources`]: who speaks in an article, and share of voice.
//! - [`suggest`]: suggested quotes, speakers and claim cues, found by rules and word lists, for a reader to accept or reject.
//! - [`snap`]: turning a rough selection into the span a person meant.
//! - [`recapture`]: a page captured again: its earlier capture found by address, and the annotations carried over onto the new text.
//! - [`search`]: the search box, case-insensitive by Unicode case folding, hits in code points.
//! - [`segments`]: paragraphs, and the runs of text over which the covering annotations stay the same.
//! - [`workspace`]: the library of documents, edits as actions, undo and redo.
//! - [`schema`]: the saved JSON format, its version, its validation, and the migration of files saved in earlier versions.
//! - [`seal`]: an answer key sealed with a passphrase (AES-256-GCM, PBKDF2-HMAC-SHA256), for graded exercises.
//! - [`time`]: timestamps as milliseconds, written as RFC 3339.
//! - [`exercise`]: exercises (an article with an answer key), a student's copy of one, and the key as a document for comparisons.
//! - [`sample`]: the sample article that ships with the app.
//! - [`gradebook`]: every student's figures against one answer key, first check and final, with class averages and CSV.
//! - [`agreement`]: checking work against an answer key, and agreement among annotators (F1, Krippendorff's alpha).
//! - [`sample_exercise`]: a sample exercise with its answer key, and three students' attempts at it.
//! - [`limits`]: the largest article and file accepted.
//! - [`report`]: an annotated article as one self-contained HTML file, to read anywhere or print to PDF.
//! - [`synthetic`]: a long made-up article with many annotations, the same for the same seed, for benchmarks.

pub mod agreement;
pub mod anchor;
pub mod article_text;
pub mod capture;
pub mod capture_link;
pub mod class;
pub mod exercise;
pub mod formats;
pub mod gradebook;
pub mod limits;
pub mod model;
pub mod offsets;
pub mod order;
pub mod recapture;
pub mod report;
pub mod sample;
pub mod sample_exercise;
pub mod schema;
pub mod seal;
pub mod search;
pub mod segments;
pub mod snap;
pub mod sources;
pub mod suggest;
pub mod synthetic;
pub mod time;
pub mod workspace;

#[cfg(test)]
pub(crate) mod markup;

pub use model::{
    ActorKind, Annotation, CheckStatus, ClaimType, Details, Document, Entity, Reading, Relation, RelationKind, Speech,
    Tag,
};
pub use time::Timestamp;
pub use workspace::{Action, Change, EditError, Workspace};
