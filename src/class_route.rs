//! The teacher's way into a class: the link `#class?server=…&class=…` (read once at
//! start-up, then cleared from the address bar), and the classes this browser remembers
//! in local storage (`newsmark:classes`, shared with the student's join; never a password).

use serde_json::{json, Value};

/// The local storage key of the remembered classes.
pub const CLASSES: &str = "newsmark:classes";

/// A class on a class server, as the teacher's link names it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassLink {
    /// The server's address, such as `https://couch.school.example`.
    pub server: String,
    /// The class database, `newsmark-<slug>`.
    pub class: String,
}

/// Reads a teacher's link, or just its fragment: `…#class?server=…&class=…`.
pub fn parse(link: &str) -> Option<ClassLink> {
    let fragment = link.trim().split_once('#').map_or(link.trim(), |(_, f)| f);
    let query = fragment.strip_prefix("class?")?;
    let mut out = ClassLink::default();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        match &*name {
            "server" => out.server = value.trim().to_owned(),
            "class" => out.class = value.trim().to_owned(),
            _ => {}
        }
    }
    (!out.server.is_empty() && !out.class.is_empty()).then_some(out)
}

/// The teacher's link in the address bar at start-up, if there is one; it is cleared
/// (without a reload or a history entry) so that a reload or a shared address does not
/// open the sign-in again. Other fragments (a student's `#join`) are left alone.
pub fn take_from_address() -> Option<ClassLink> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let link = parse(&hash)?;
    let location = window.location();
    let bare = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&bare)).ok();
    }
    Some(link)
}

/// The remembered classes: `[{ server, class, db, user, role, document }]`.
fn remembered() -> Vec<Value> {
    crate::storage::setting(CLASSES)
        .and_then(|s| serde_json::from_str::<Value>(&s).ok())
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
}

/// The class this browser last signed in to as its teacher, if any.
pub fn last_taught() -> Option<(ClassLink, String)> {
    remembered().iter().rev().find_map(|c| {
        (c.get("role")?.as_str()? == "teacher").then(|| {
            let text = |f: &str| c.get(f).and_then(Value::as_str).unwrap_or_default().to_owned();
            (ClassLink { server: text("server"), class: text("class") }, text("user"))
        })
    })
}

/// Remembers that `user` teaches `link` here, last (so that "Teach a class…" offers it next time).
/// The other classes, a student's included, are kept as they are.
pub fn remember_teacher(link: &ClassLink, user: &str) {
    let mut classes: Vec<Value> = remembered()
        .into_iter()
        .filter(|c| {
            let same = |f: &str, v: &str| c.get(f).and_then(Value::as_str) == Some(v);
            !(same("role", "teacher") && same("server", &link.server) && same("class", &link.class))
        })
        .collect();
    // The same fields as a joined class (`class_sync::Class` reads every entry), with no
    // library document: the teacher's view keeps nothing in the library.
    classes.push(json!({
        "server": link.server, "class": link.class, "db": format!("{}-teacher", link.class),
        "user": user, "role": "teacher", "document": "",
    }));
    crate::storage::set_setting(CLASSES, &Value::Array(classes).to_string());
}

/// The classes this browser joined as a student: `(server, class database, document id)`.
pub fn joined() -> Vec<(String, String, String)> {
    remembered()
        .iter()
        .filter_map(|c| {
            let text = |f: &str| c.get(f).and_then(Value::as_str).map(str::to_owned);
            (text("role")? == "student").then_some(())?;
            let document = text("document").filter(|d| !d.is_empty()).or_else(|| text("class"))?;
            Some((text("server")?, text("class")?, document))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teachers_link_gives_the_server_and_class_with_its_escapes_read() {
        let link =
            "http://127.0.0.1:8080/#class?server=https%3A%2F%2Fcouch.school.example%3A6984&class=newsmark-7b-history";
        assert_eq!(
            parse(link),
            Some(ClassLink { server: "https://couch.school.example:6984".into(), class: "newsmark-7b-history".into() })
        );
        assert_eq!(
            parse("#class?class=newsmark-7b&server=http://127.0.0.1:5984").unwrap().server,
            "http://127.0.0.1:5984"
        );
    }

    #[test]
    fn a_students_join_link_or_a_link_without_a_class_is_not_a_teachers_link() {
        assert_eq!(parse("#join?server=http%3A%2F%2Fx&class=newsmark-7b&db=newsmark-7b-abc&user=li-1234"), None);
        assert_eq!(parse("#class?server=http%3A%2F%2Fx"), None);
        assert_eq!(parse(""), None);
    }
}
