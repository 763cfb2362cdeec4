//! Plain requests to a class server (CouchDB 3, or pouchdb-server in tests): signing in
//! with CouchDB's session cookie, and JSON requests that carry it.
//!
//! Newsmark never keeps a password: [`sign_in`] sends it once to `_session`, and the
//! browser keeps the `AuthSession` cookie CouchDB sets (HttpOnly, so no script reads
//! it). Every request here goes with `credentials: include`, which is what sends that
//! cookie to a server on another origin; the server's CORS settings must allow the app's
//! origin with credentials (see the README, "Class server").
//!
//! Every failure becomes a [`CouchError`] that says, in a sentence, what happened.
//! Replication itself is PouchDB's (see `class_sync`), not this module's.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;
use web_sys::RequestCredentials;

/// Why a request to the class server did not give what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CouchError {
    /// This copy of Newsmark may not connect to that server: its Content-Security-Policy
    /// does not list it.
    NotAllowed { server: String },
    /// No answer: the server is down, the address is wrong, or the network is off.
    Unreachable { server: String },
    /// The name or password is wrong (401 on sign-in).
    WrongPassword,
    /// Signed in, but not allowed (401 or 403 elsewhere): the session ended or access was
    /// withdrawn. CouchDB's reason, where it gave one.
    Refused { reason: String },
    /// The database or record does not exist (404).
    NotFound { what: String },
    /// The server failed (a 5xx status).
    Failed { status: u16 },
    /// The answer was not the JSON CouchDB sends.
    Garbled { server: String },
}

impl fmt::Display for CouchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CouchError::NotAllowed { server } => write!(
                f,
                "This copy of Newsmark is not set up to reach the class server {server}. Whoever serves Newsmark must add that address (see “Class server” in the README)."
            ),
            CouchError::Unreachable { server } => write!(
                f,
                "The class server {server} did not answer: you may be offline, or the server is down. Your work is kept on this device."
            ),
            CouchError::WrongPassword => f.write_str("That name and password were not accepted by the class server."),
            CouchError::Refused { reason } if reason.is_empty() => {
                f.write_str("The class server refused: you may have been signed out, or your access was withdrawn.")
            }
            CouchError::Refused { reason } => write!(f, "The class server refused: {reason}"),
            CouchError::NotFound { what } => write!(f, "The class server has no {what}."),
            CouchError::Failed { status } => {
                write!(f, "The class server failed (HTTP {status}). It will be tried again; your work is kept on this device.")
            }
            CouchError::Garbled { server } => {
                write!(f, "{server} answered with something that is not a class server's reply. Check the address.")
            }
        }
    }
}

/// The signed-in user, as CouchDB's `_session` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Session {
    pub name: String,
    #[serde(default)]
    pub roles: Vec<String>,
}

/// `server` without a trailing slash, the form every path is joined to.
pub fn base(server: &str) -> &str {
    server.trim_end_matches('/')
}

/// Whether the page's Content-Security-Policy lets it connect to `server` (an origin such
/// as `https://couch.example.org`): `connect-src` lists that origin, or `*`.
pub fn allowed(server: &str) -> bool {
    let Some(policy) = gloo::utils::document()
        .query_selector("meta[http-equiv='Content-Security-Policy']")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
    else {
        return true;
    };
    let Some(connect) = policy.split(';').map(str::trim).find_map(|d| d.strip_prefix("connect-src")) else {
        return true;
    };
    let origin = origin_of(server);
    connect.split_whitespace().any(|source| source == "*" || origin_of(source) == origin)
}

/// `scheme://host[:port]` of a URL, lower-cased.
fn origin_of(url: &str) -> String {
    let url = url.trim().to_ascii_lowercase();
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            let end = rest.find('/').unwrap_or(rest.len());
            format!("{}://{}", &url[..i], &rest[..end])
        }
        None => url,
    }
}

fn with_cookie(request: RequestBuilder) -> RequestBuilder {
    request.credentials(RequestCredentials::Include).header("Accept", "application/json")
}

/// Sends `request` to `server` and reads the JSON answer, turning every failure into a
/// [`CouchError`]; `what` names the thing asked for, for a 404.
async fn send(server: &str, request: Result<Request, gloo_net::Error>, what: &str) -> Result<Value, CouchError> {
    if !allowed(server) {
        return Err(CouchError::NotAllowed { server: base(server).to_owned() });
    }
    let unreachable = || CouchError::Unreachable { server: base(server).to_owned() };
    let response: Response = request.map_err(|_| unreachable())?.send().await.map_err(|_| unreachable())?;
    let status = response.status();
    let text = response.text().await.map_err(|_| unreachable())?;
    let body: Option<Value> = serde_json::from_str(&text).ok();
    let reason = || body.as_ref().and_then(|b| b.get("reason")).and_then(Value::as_str).unwrap_or_default().to_owned();
    match status {
        200..=299 => body.ok_or_else(|| CouchError::Garbled { server: base(server).to_owned() }),
        401 | 403 => Err(CouchError::Refused { reason: reason() }),
        404 => Err(CouchError::NotFound { what: what.to_owned() }),
        500..=599 => Err(CouchError::Failed { status }),
        _ if body.is_none() => Err(CouchError::Garbled { server: base(server).to_owned() }),
        _ => Err(CouchError::Refused { reason: reason() }),
    }
}

/// Signs in to `server` as `name`. The password goes to the server and nowhere else.
pub async fn sign_in(server: &str, name: &str, password: &str) -> Result<Session, CouchError> {
    let url = format!("{}/_session", base(server));
    let request = with_cookie(Request::post(&url)).json(&serde_json::json!({ "name": name, "password": password }));
    match send(server, request, "sign-in").await {
        Ok(body) => Ok(Session {
            name: body.get("name").and_then(Value::as_str).unwrap_or(name).to_owned(),
            roles: body
                .get("roles")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_default(),
        }),
        Err(CouchError::Refused { .. }) => Err(CouchError::WrongPassword),
        Err(other) => Err(other),
    }
}

/// Who the browser is signed in as on `server`, if anyone.
pub async fn session(server: &str) -> Result<Option<Session>, CouchError> {
    let url = format!("{}/_session", base(server));
    let body = send(server, with_cookie(Request::get(&url)).build(), "session").await?;
    let ctx = body.get("userCtx").cloned().unwrap_or(Value::Null);
    Ok(serde_json::from_value::<Session>(ctx).ok().filter(|s| !s.name.is_empty()))
}

/// Ends the session on `server` (the cookie is dropped by the server's answer).
// The teacher's side of issue 14 uses it; the student's side does not.
#[allow(dead_code)]
pub async fn sign_out(server: &str) -> Result<(), CouchError> {
    let url = format!("{}/_session", base(server));
    send(server, with_cookie(Request::delete(&url)).build(), "session").await.map(|_| ())
}

/// GETs `path` (such as `/newsmark-9b/class`) from `server`; `what` names it for a 404.
pub async fn get(server: &str, path: &str, what: &str) -> Result<Value, CouchError> {
    let url = format!("{}{path}", base(server));
    send(server, with_cookie(Request::get(&url)).build(), what).await
}

/// PUTs `body` at `path` on `server`.
// The teacher's side of issue 14 uses it; the student's side does not.
#[allow(dead_code)]
pub async fn put(server: &str, path: &str, body: &Value, what: &str) -> Result<Value, CouchError> {
    let url = format!("{}{path}", base(server));
    send(server, with_cookie(Request::put(&url)).json(body), what).await
}

/// POSTs `body` to `path` on `server` (such as `_bulk_docs` or `_all_docs` with keys).
// Not used by the teacher's views; kept for the class sync.
#[allow(dead_code)]
pub async fn post(server: &str, path: &str, body: &Value, what: &str) -> Result<Value, CouchError> {
    let url = format!("{}{path}", base(server));
    send(server, with_cookie(Request::post(&url)).json(body), what).await
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn an_origin_is_scheme_host_and_port() {
        assert_eq!(origin_of("HTTP://127.0.0.1:5984/newsmark-9b/"), "http://127.0.0.1:5984");
        assert_eq!(origin_of("https://couch.example.org"), "https://couch.example.org");
    }
}
