//! The skip link: the page's first Tab stop, seen only while it has focus, which takes
//! the keyboard past the header, the library and the guide to the article's text.

use crate::browser;
use yew::prelude::*;

#[function_component]
pub fn SkipLink() -> Html {
    // Focus goes to the text itself (where its caret was), and the address stays as it is.
    let onclick = Callback::from(|e: MouseEvent| {
        if browser::focus_text(None) {
            e.prevent_default();
        }
    });
    html! {
        <a class="skip-link" href="#article" {onclick}>{ "Skip to the article" }</a>
    }
}
