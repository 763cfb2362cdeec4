//! The teacher's sign-in to a class: the server and class (filled in from the teacher's
//! link, or the class last opened here), their name and password on the class server.
//! The password goes to the server's `_session` and nowhere else.

use crate::class_route::{self, ClassLink};
use crate::couch;
use crate::hooks::modal::use_modal;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClassSignInProps {
    /// The class to sign in to, as far as it is known.
    pub link: ClassLink,
    /// The teacher's name on the server, if remembered.
    #[prop_or_default]
    pub user: AttrValue,
    /// Signed in: open this class.
    pub on_open: Callback<ClassLink>,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn ClassSignIn(props: &ClassSignInProps) -> Html {
    let dialog = use_node_ref();
    let first_empty = use_node_ref();
    use_modal(&dialog, &props.on_close);
    let server = use_state(|| props.link.server.clone());
    let class = use_state(|| props.link.class.clone());
    let user = use_state(|| props.user.to_string());
    let password = use_state(String::new);
    let refused = use_state(|| None::<String>);
    let busy = use_state(|| false);
    // Who this browser is still signed in as on the server (its session cookie), if anyone.
    let signed_in = use_state(|| None::<String>);
    {
        let (signed_in, server) = (signed_in.clone(), props.link.server.clone());
        use_effect_with((), move |_| {
            if !server.is_empty() {
                yew::platform::spawn_local(async move {
                    if let Ok(Some(session)) = couch::session(&server).await {
                        signed_in.set(Some(session.name));
                    }
                });
            }
        });
    }
    // Focus starts on the first field still to fill in.
    {
        let first_empty = first_empty.clone();
        use_effect_with((), move |_| {
            if let Some(field) = first_empty.cast::<HtmlElement>() {
                field.focus().ok();
            }
        });
    }
    let field = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    // A teacher's link pasted into the server field fills in both.
    let on_server = {
        let (server, class) = (server.clone(), class.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            match class_route::parse(&value) {
                Some(link) => {
                    server.set(link.server);
                    class.set(link.class);
                }
                None => server.set(value),
            }
        })
    };
    let onsubmit = {
        let (server, class, user, password, refused, busy, on_open) = (
            server.clone(),
            class.clone(),
            user.clone(),
            password.clone(),
            refused.clone(),
            busy.clone(),
            props.on_open.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let link = ClassLink { server: server.trim().to_owned(), class: class.trim().to_owned() };
            let (name, secret) = (user.trim().to_owned(), (*password).clone());
            let (refused, busy, on_open) = (refused.clone(), busy.clone(), on_open.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                let signed_in = couch::sign_in(&link.server, &name, &secret).await;
                busy.set(false);
                match signed_in {
                    Ok(session) => {
                        refused.set(None);
                        class_route::remember_teacher(&link, &session.name);
                        on_open.emit(link);
                    }
                    Err(why) => refused.set(Some(why.to_string())),
                }
            });
        })
    };
    let ready =
        !server.trim().is_empty() && !class.trim().is_empty() && !user.trim().is_empty() && !password.is_empty();
    // The field focus starts on, chosen once: the first of server, class and name still
    // empty, else the password.
    let focus_at = use_state(|| {
        let filled = [props.link.server.as_str(), props.link.class.as_str(), props.user.as_str()];
        filled.iter().position(|v| v.trim().is_empty()).unwrap_or(3)
    });
    let at = |i: usize| if *focus_at == i { first_empty.clone() } else { NodeRef::default() };
    html! {
        <dialog class="dialog class-sign-in" ref={dialog} aria-labelledby="class-sign-in-title">
            <h2 id="class-sign-in-title">{ "Open a class" }</h2>
            <p class="hint">{ "Sign in as the class's teacher on its class server to watch the students' work as it arrives. Newsmark does not keep your password: the server keeps you signed in in this browser." }</p>
            if let Some(name) = (*signed_in).clone().filter(|_| server.trim() == props.link.server && !class.trim().is_empty()) {
                <p class="signed-in" id="class-signed-in">
                    { format!("This browser is still signed in to {} as {name}. ", props.link.server) }
                    <button type="button" id="class-continue" onclick={{
                        let (on_open, link) = (props.on_open.clone(), ClassLink { server: server.trim().to_owned(), class: class.trim().to_owned() });
                        Callback::from(move |_| { class_route::remember_teacher(&link, &name); on_open.emit(link.clone()) })
                    }}>{ "Open the class" }</button>
                </p>
            }
            <form id="class-sign-in" class="class-form" {onsubmit}>
                <label for="class-server">{ "Class server (or paste your teacher's link)" }</label>
                <input id="class-server" type="url" autocomplete="url" value={(*server).clone()} oninput={on_server} ref={at(0)} />
                <label for="class-name">{ "Class" }</label>
                <input id="class-name" type="text" spellcheck="false" autocomplete="off" value={(*class).clone()} oninput={field(&class)} ref={at(1)} />
                <label for="class-user">{ "Your name on the server" }</label>
                <input id="class-user" type="text" autocomplete="username" spellcheck="false" value={(*user).clone()} oninput={field(&user)} ref={at(2)} />
                <label for="class-password">{ "Password" }</label>
                <input id="class-password" type="password" autocomplete="current-password" value={(*password).clone()} oninput={field(&password)}
                    ref={at(3)}
                    aria-invalid={refused.is_some().then_some("true")} aria-describedby={refused.is_some().then_some("class-sign-in-refused")} />
                if let Some(why) = &*refused {
                    <p class="error-text" id="class-sign-in-refused" role="alert">{ why }</p>
                }
                <div class="dialog-actions">
                    <button type="button" onclick={props.on_close.reform(|_| ())}>{ "Cancel" }</button>
                    <button type="submit" class="primary" id="class-sign-in-submit" disabled={!ready || *busy}>
                        { if *busy { "Signing in…" } else { "Sign in and open the class" } }
                    </button>
                </div>
            </form>
        </dialog>
    }
}
