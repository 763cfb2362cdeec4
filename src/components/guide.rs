//! The getting-started guide above the article, until the person dismisses it (remembered in local storage).
//! On a phone it opens folded to its heading, so the article starts on the first screen.

use crate::hooks::small_window::use_small_window;
use yew::prelude::*;

#[function_component]
pub fn Guide() -> Html {
    let dismissed = use_state(|| crate::storage::setting("newsmark:guide").is_some());
    let small = use_small_window();
    // Folded on a phone and open on a wider screen, until the person chooses.
    let chosen = use_state(|| None::<bool>);
    let unfolded = chosen.unwrap_or(!small);
    if *dismissed {
        return Html::default();
    }
    html! {
        <section class="guide" aria-label="Getting started">
            <div class="guide-head">
                <h2>{ "Three steps to read critically" }</h2>
                if small {
                    <button type="button" class="link" aria-expanded={unfolded.to_string()} aria-controls="guide-steps"
                        onclick={{ let chosen = chosen.clone(); Callback::from(move |_| chosen.set(Some(!unfolded))) }}>
                        { if unfolded { "Hide the steps" } else { "Show the steps" } }
                    </button>
                }
                <button type="button" class="ghost" aria-label="Dismiss the guide"
                    onclick={{ let g = dismissed.clone(); Callback::from(move |_| { crate::storage::set_setting("newsmark:guide", "dismissed"); g.set(true); }) }}>{ "×" }</button>
            </div>
            <ol id="guide-steps" hidden={!unfolded}>
                <li><strong>{ "Select" }</strong>{ " words in the article with the mouse, or with the keyboard: click in the text (or Tab to it), then Shift with the arrow keys." }</li>
                <li><strong>{ "Tag" }</strong>{ " them as a claim, a quote or an actor with the toolbar or the keys C, Q and A. Click a highlight to add a note or say who said it." }</li>
                <li><strong>{ "Export" }</strong>{ " your work to share it, or make it an exercise for a class. Everything stays in this browser until you do." }</li>
            </ol>
        </section>
    }
}
