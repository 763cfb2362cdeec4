//! The views. Each component lives in a file named after it.

pub mod annotation_editor;
pub mod annotation_panel;
pub mod app;
pub mod article_view;
pub mod export_menu;
pub mod legend;
pub mod library;
pub mod notices;
pub mod open_dialog;
pub mod selection_toolbar;
