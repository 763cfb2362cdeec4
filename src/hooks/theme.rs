//! The theme: "system" (follow the system setting), "light" or "dark", kept in local storage.

use yew::prelude::*;

/// The theme, read from local storage; setting it restyles the page and stores it.
#[hook]
pub fn use_theme() -> UseStateHandle<String> {
    let theme = use_state(|| crate::storage::setting("newsmark:theme").unwrap_or_else(|| "system".into()));
    {
        let theme = (*theme).clone();
        use_effect_with(theme, |theme| {
            if let Some(root) = gloo::utils::document().document_element() {
                if theme == "system" {
                    root.remove_attribute("data-theme").ok();
                } else {
                    root.set_attribute("data-theme", theme).ok();
                }
            }
            crate::storage::set_setting("newsmark:theme", theme);
        });
    }
    theme
}
