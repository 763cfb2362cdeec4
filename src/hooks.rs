//! The app's effects, one hook per concern, each in a file named after it.
//!
//! - [`library`]: reading the library from storage once, at start-up.
//! - [`writer_locks`]: one writer per document (Web Locks), and following other tabs' saves.
//! - [`autosave`]: writing every change to storage, and asking before a tab with unsaved work closes.
//! - [`global_keys`]: page-wide keys (tag keys, undo and redo, Escape, `?`).
//! - [`file_drop`]: files dragged onto the page.
//! - [`theme`]: light, dark or the system's setting.
//! - [`page_title`]: the browser tab's title.
//! - [`notice_timeout`]: information notices that go away by themselves.
//! - [`inside_window`]: menus and popovers kept inside the window at every width.
//! - [`small_window`]: whether the window is as small as a phone's.
//! - [`modal`]: dialogs that hold the keyboard and give focus back when they close.
//! - [`notice_room`]: the room notices take, kept free so that they never cover content.
//! - [`class_reveal`]: waiting for the teacher to reveal the key of a class joined here.
//! - [`class_sync`]: class work synced with its class server (resumed at start-up, written after saves).
//! - [`in_parts`]: long lists (the article's paragraph groups, the annotation list) drawn a part per task, and what can wait drawn a frame later.

pub mod autosave;
pub mod class_reveal;
pub mod class_sync;
pub mod file_drop;
pub mod global_keys;
pub mod in_parts;
pub mod inside_window;
pub mod library;
pub mod modal;
pub mod notice_room;
pub mod notice_timeout;
pub mod page_title;
pub mod small_window;
pub mod theme;
pub mod writer_locks;
