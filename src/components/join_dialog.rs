//! Joining a class: the join link (or its fields typed by hand) and the password, which
//! goes to the class server and nowhere else. Also signing in again after a session ended.

use crate::class_sync::JoinLink;
use crate::hooks::modal::use_modal;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct JoinDialogProps {
    /// What a join link filled in (empty when opened from the menu).
    pub link: JoinLink,
    /// Signing in again to this class (its name): only the password is asked.
    #[prop_or_default]
    pub again: Option<AttrValue>,
    /// Why the last attempt failed, as a sentence.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// An attempt is under way.
    #[prop_or_default]
    pub busy: bool,
    pub on_join: Callback<(JoinLink, String)>,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn JoinDialog(props: &JoinDialogProps) -> Html {
    let dialog = use_node_ref();
    let first = use_node_ref();
    let password_ref = use_node_ref();
    let link = use_state(|| props.link.clone());
    let password = use_state(String::new);
    // Tab stays inside, Escape cancels, and focus goes back to what opened it after.
    use_modal(&dialog, &props.on_close);
    {
        let (first, password_ref, filled) = (first.clone(), password_ref.clone(), props.link.problem().is_none());
        use_effect_with((), move |_| {
            let target = if filled { password_ref } else { first };
            if let Some(field) = target.cast::<HtmlInputElement>() {
                field.focus().ok();
            }
        });
    }
    let on_paste = {
        let link = link.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Some(read) = JoinLink::parse(&text) {
                link.set(read);
            }
        })
    };
    let field = |set: fn(&mut JoinLink, String)| {
        let link = link.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*link).clone();
            set(&mut next, e.target_unchecked_into::<HtmlInputElement>().value());
            link.set(next);
        })
    };
    let on_password = {
        let password = password.clone();
        Callback::from(move |e: InputEvent| password.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (link, password, on_join, busy) = (link.clone(), password.clone(), props.on_join.clone(), props.busy);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !busy && !password.is_empty() {
                on_join.emit(((*link).clone(), (*password).clone()));
            }
        })
    };
    let title = match &props.again {
        Some(name) => format!("Sign in again to “{name}”"),
        None => "Join a class".to_owned(),
    };
    html! {
        <dialog class="dialog join-dialog" ref={dialog} aria-labelledby="join-title" aria-describedby="join-what">
            <h2 id="join-title">{ title }</h2>
            <form class="paste-form" {onsubmit}>
                if props.again.is_some() {
                    <p id="join-what">{ format!("Your session with the class server has ended. Type the password for {} to sync your work again; until then it is kept on this device.", link.user) }</p>
                } else {
                    <p id="join-what">{ "Your teacher gave you a join link and a password. Your work is kept in this browser and copied to your own space on the class server, which only you and your teacher can read." }</p>
                    <label for="join-link">{ "Join link or code" }</label>
                    <input type="text" id="join-link" ref={first.clone()} placeholder="https://…#join?server=…" oninput={on_paste} autocomplete="off" />
                    <details class="join-fields" open={props.link.problem().is_some() && props.link != JoinLink::default()}>
                        <summary>{ "Or type the details" }</summary>
                        <label for="join-server">{ "Class server" }</label>
                        <input type="url" id="join-server" value={link.server.clone()} oninput={field(|l, v| l.server = v)} autocomplete="off" />
                        <label for="join-class">{ "Class" }</label>
                        <input type="text" id="join-class" value={link.class.clone()} oninput={field(|l, v| l.class = v)} autocomplete="off" />
                        <label for="join-db">{ "Your work's database" }</label>
                        <input type="text" id="join-db" value={link.db.clone()} oninput={field(|l, v| l.db = v)} autocomplete="off" />
                    </details>
                    <label for="join-user">{ "User name" }</label>
                    <input type="text" id="join-user" value={link.user.clone()} oninput={field(|l, v| l.user = v)} autocomplete="username" />
                    if !link.server.is_empty() {
                        <p class="join-summary">{ format!("Class {} on {}", link.class, link.server) }</p>
                    }
                }
                <label for="join-password">{ "Password" }</label>
                <input type="password" id="join-password" ref={password_ref} value={(*password).clone()} oninput={on_password} autocomplete="current-password" />
                if let Some(error) = &props.error {
                    <p class="join-error" id="join-error" role="alert">{ error.clone() }</p>
                }
                <div class="dialog-actions">
                    <button type="button" onclick={props.on_close.reform(|_| ())}>{ "Cancel" }</button>
                    <button type="submit" class="primary" id="join-submit" disabled={props.busy || password.is_empty()}>
                        { if props.busy { "Signing in…" } else if props.again.is_some() { "Sign in" } else { "Join" } }
                    </button>
                </div>
            </form>
        </dialog>
    }
}

/// The Join dialog while it is open: what it was opened with, and how the last attempt went.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JoinForm {
    pub link: JoinLink,
    /// Signing in again for this library document's class (its name).
    pub again: Option<(String, String)>,
    pub error: Option<String>,
    pub busy: bool,
}

impl JoinForm {
    /// The form a `#join?…` address opens with, if the page was opened with one; the
    /// address is cleared from the location bar (it stays out of the history too).
    pub fn from_address() -> Option<JoinForm> {
        let window = gloo::utils::window();
        let hash = window.location().hash().ok()?;
        if !hash.starts_with("#join?") {
            return None;
        }
        let link = JoinLink::parse(&hash)?;
        let (path, search) = (window.location().pathname().ok()?, window.location().search().ok()?);
        if let Ok(history) = window.history() {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}"))).ok();
        }
        Some(JoinForm { link, ..JoinForm::default() })
    }
}
