//! The views. Each component lives in a file named after it.

pub mod annotation_editor;
pub mod annotation_panel;
pub mod app;
pub mod article_header;
pub mod article_view;
pub mod check_dialog;
pub mod compare_view;
pub mod exercise_view;
pub mod export_menu;
pub mod gradebook_view;
pub mod guide;
pub mod legend;
pub mod library;
pub mod make_exercise;
pub mod notices;
pub mod open_dialog;
pub mod selection_toolbar;
pub mod shortcuts_sheet;
pub mod skip_link;
pub mod sources_view;
pub mod student_name_dialog;
pub mod suggestions_panel;
pub mod tag_mapping_dialog;
pub mod top_bar;
