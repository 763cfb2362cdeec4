//! The browser tab's title: the open article's, then "Newsmark".

use yew::prelude::*;

/// Shows `title` (the open article's, if any) as the browser tab's title.
#[hook]
pub fn use_page_title(title: Option<String>) {
    use_effect_with(title, |title| {
        gloo::utils::document().set_title(&match title {
            Some(t) => format!("{t} · Newsmark"),
            None => "Newsmark".to_owned(),
        });
    });
}
