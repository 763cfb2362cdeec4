//! `newsmark class create` and `newsmark class collect`: a class on a CouchDB server, laid
//! out as [`newsmark_core::class::roster`] says, and every student's work brought back.
//!
//! This is the only part of Newsmark's command line that talks to a network. It speaks
//! CouchDB's documented HTTP API with `ureq`, a blocking client (the command does one
//! thing after another, so it needs no async runtime), authenticating every request with
//! the server admin's name and password (HTTP Basic). Every write is made only where the
//! server does not already hold the same thing, so that running `class create` again
//! changes nothing.

use base64::Engine as _;
use lexopt::Arg;
use newsmark_core::class::records::{self, Stored};
use newsmark_core::class::roster::{self, Class, Roster, Student};
use newsmark_core::{limits, schema, Timestamp};
use serde_json::{json, Value};
use std::time::Duration;

pub const USAGE: &str = "\
usage: newsmark class create SERVER_URL --user ADMIN --name CLASS --roster ROSTER.csv
                             --exercise EXERCISE.json [-o JOIN.csv] [--app URL]
       newsmark class collect SERVER_URL --user ADMIN --name CLASS -o DIR

  create            make a class on a CouchDB server: a database for the class (the
                    exercise without its key), one private database and one user
                    per student of the roster, and JOIN.csv to hand out (student,
                    username, password, database, link). Running it again changes
                    nothing; a student added to the roster is added alone
    --user ADMIN    the server admin's name; the password is read from the
                    NEWSMARK_PASSWORD environment variable, or asked for
    --name CLASS    the class's name, such as \"Year 9 Media\"
    --roster FILE   CSV with a name column (a header row, then a student a row)
    --exercise FILE the exercise file made in Newsmark (its key stays with you)
    -o FILE         where to write JOIN.csv (default JOIN.csv)
    --app URL       the Newsmark app the links open (default http://127.0.0.1:8080/)
  collect           download every student's work, one Newsmark file per student,
                    into DIR, for newsmark compare and newsmark agree";

/// The app the join links open when `--app` is not given: `scripts/serve.sh`'s address.
const DEFAULT_APP: &str = "http://127.0.0.1:8080/";

/// How long one request may take in all, from connecting to the last byte.
const TIMEOUT: Duration = Duration::from_secs(30);

/// `newsmark class SUBCOMMAND …`.
pub fn run(args: &mut lexopt::Parser) -> Result<(), String> {
    match crate::next(args)? {
        Some(Arg::Value(sub)) => match sub.to_string_lossy().as_ref() {
            "create" => create(args),
            "collect" => collect(args),
            other => Err(format!("unknown class command {other}: use class create or class collect")),
        },
        Some(Arg::Short('h') | Arg::Long("help")) | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(crate::unexpected(other)),
    }
}

/// What both subcommands are given.
#[derive(Default)]
struct Options {
    server: Option<String>,
    user: Option<String>,
    name: Option<String>,
    roster: Option<String>,
    exercise: Option<String>,
    output: Option<String>,
    app: Option<String>,
    help: bool,
}

fn options(args: &mut lexopt::Parser, create: bool) -> Result<Options, String> {
    let mut o = Options::default();
    while let Some(arg) = crate::next(args)? {
        match arg {
            Arg::Long("user") => o.user = Some(crate::value(args, "--user")?),
            Arg::Long("name") => o.name = Some(crate::value(args, "--name")?),
            Arg::Long("roster") if create => o.roster = Some(crate::value(args, "--roster")?),
            Arg::Long("exercise") if create => o.exercise = Some(crate::value(args, "--exercise")?),
            Arg::Long("app") if create => o.app = Some(crate::value(args, "--app")?),
            Arg::Short('o') | Arg::Long("output") => o.output = Some(crate::value(args, "-o")?),
            Arg::Long("password") => {
                return Err("the password is never given as an argument (others could read it): set NEWSMARK_PASSWORD or type it when asked".into())
            }
            Arg::Short('h') | Arg::Long("help") => o.help = true,
            Arg::Value(v) if o.server.is_none() => o.server = Some(crate::text(v)?),
            other => return Err(crate::unexpected(other)),
        }
    }
    Ok(o)
}

/// A required option's value, or what to give.
fn required(value: Option<String>, what: &str) -> Result<String, String> {
    value.ok_or_else(|| format!("{what} (see newsmark class --help)"))
}

/// The server admin's password: `NEWSMARK_PASSWORD`, or typed at the terminal unseen.
fn password(user: &str, server: &str) -> Result<String, String> {
    if let Ok(password) = std::env::var("NEWSMARK_PASSWORD") {
        return Ok(password);
    }
    rpassword::prompt_password(format!("Password for {user} at {server}: "))
        .map_err(|_| "no password: set NEWSMARK_PASSWORD, or run this in a terminal to type it".to_owned())
}

/// A fresh random number from the operating system, for names and passwords.
fn random() -> u64 {
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes).expect("the operating system gives random bytes");
    u64::from_le_bytes(bytes)
}

/// A CouchDB server, signed in to as its admin.
struct Server {
    /// The address as given, without a trailing `/` (it may have a path, behind a proxy).
    url: String,
    agent: ureq::Agent,
    user: String,
    authorization: String,
    /// Apache CouchDB itself, rather than PouchDB Server (see [`set_up_student`]).
    couchdb: bool,
}

/// A server's answer: its status and its JSON body.
struct Reply {
    status: u16,
    body: Value,
}

impl Reply {
    fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// CouchDB's `reason` for a refusal, or its `error`.
    fn reason(&self) -> String {
        let field = |k: &str| self.body.get(k).and_then(Value::as_str).map(str::to_owned);
        field("reason").or_else(|| field("error")).unwrap_or_else(|| format!("status {}", self.status))
    }
}

/// The largest answer read: a student's database holds one document of at most the
/// largest Newsmark file, spread over records with their JSON around them.
const MAX_REPLY_BYTES: u64 = 2 * limits::MAX_IMPORT_BYTES as u64;

impl Server {
    /// Checks that `url` is a CouchDB server and that `user` is its admin.
    fn sign_in(url: &str, user: &str, password: &str) -> Result<Server, String> {
        let trimmed = url.trim().trim_end_matches('/');
        let scheme_ok = ["http://", "https://"].iter().any(|s| trimmed.to_ascii_lowercase().starts_with(s));
        if !scheme_ok || trimmed.len() <= "https://".len() {
            return Err(format!(
                "{url} is not a server address such as http://127.0.0.1:5984 or https://couch.school.example"
            ));
        }
        // The name is looked up first, so that a mistyped host is told apart from a
        // server that is down.
        let authority = authority(trimmed);
        if std::net::ToSocketAddrs::to_socket_addrs(&authority).is_err() {
            return Err(format!("cannot find the server {trimmed}: there is no such host name"));
        }
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .http_status_as_error(false)
            .user_agent("newsmark")
            .build();
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        let server = Server {
            url: trimmed.to_owned(),
            agent: config.into(),
            user: user.to_owned(),
            authorization: format!("Basic {encoded}"),
            couchdb: false,
        };
        // Is it CouchDB? Its welcome says so (PouchDB Server, which the tests and
        // scripts/class-server.sh run, welcomes as express-pouchdb). It is asked with the
        // password, which a server with require_valid_user wants for everything.
        let welcome = server.request("GET", "", None)?;
        if welcome.status == 401 {
            return Err(format!("{} refused the name or password for {user}", server.url));
        }
        if !welcome.ok() || !["couchdb", "express-pouchdb"].iter().any(|k| welcome.body.get(k).is_some()) {
            return Err(format!(
                "{} answers, but not as a CouchDB server does (it sent no CouchDB welcome)",
                server.url
            ));
        }
        let session = server.request("GET", "_session", None)?;
        if session.status == 401 {
            return Err(format!("{} refused the name or password for {user}", server.url));
        }
        let roles = session.body.pointer("/userCtx/roles").and_then(Value::as_array);
        if !session.ok() || roles.is_none() {
            return Err(server.garbage("_session", &session));
        }
        if session.body.pointer("/userCtx/name").and_then(Value::as_str) != Some(user) {
            return Err(format!("{} refused the name or password for {user}", server.url));
        }
        if !roles.into_iter().flatten().any(|r| r == "_admin") {
            return Err(format!(
                "{user} is not an admin of {}: making and collecting a class needs the server admin's name",
                server.url
            ));
        }
        Ok(server)
    }

    /// One request; `path` is under the server's address. Any answer that is not JSON,
    /// and any failure to get one, is a sentence.
    fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Reply, String> {
        let url = format!("{}/{path}", self.url);
        let request = ureq::http::Request::builder()
            .method(method)
            .uri(&url)
            .header("accept", "application/json")
            .header("content-type", "application/json")
            .header("authorization", &self.authorization);
        let result = match body {
            Some(body) => {
                let request = request.body(body.to_string()).map_err(|e| format!("{url} cannot be asked for: {e}"))?;
                self.agent.run(request)
            }
            None => {
                let request = request.body(()).map_err(|e| format!("{url} cannot be asked for: {e}"))?;
                self.agent.run(request)
            }
        };
        let mut response = result.map_err(|e| self.unreachable(e))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_REPLY_BYTES)
            .read_to_string()
            .map_err(|e| self.unreachable(e))?;
        match serde_json::from_str(&text) {
            Ok(body) => Ok(Reply { status, body }),
            Err(_) => Err(format!(
                "{} answers, but not as a CouchDB server does (status {status} and no JSON for /{path})",
                self.url
            )),
        }
    }

    /// A failure to get an answer at all, in words.
    fn unreachable(&self, error: ureq::Error) -> String {
        let url = &self.url;
        match error {
            ureq::Error::HostNotFound => format!("cannot find the server {url}: there is no such host name"),
            ureq::Error::Timeout(_) => format!("{url} did not answer within {} seconds", TIMEOUT.as_secs()),
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                format!("cannot reach {url}: nothing answers there (is the server running?)")
            }
            ureq::Error::Io(e) => format!("cannot reach {url}: {e}"),
            ureq::Error::ConnectionFailed => format!("cannot reach {url}: the connection failed"),
            ureq::Error::BodyExceedsLimit(_) => format!("{url} sent an answer too large to be class work"),
            ureq::Error::Protocol(_) | ureq::Error::LargeResponseHeader(..) => {
                format!("{url} answers, but not as a CouchDB server does (its answer is not HTTP that can be read)")
            }
            other => format!("cannot reach {url}: {other}"),
        }
    }

    /// An answer that is JSON but not what CouchDB sends, in words.
    fn garbage(&self, path: &str, reply: &Reply) -> String {
        format!("{} answers, but not as a CouchDB server does (/{path}: {})", self.url, reply.reason())
    }

    fn get(&self, path: &str) -> Result<Reply, String> {
        self.request("GET", path, None)
    }

    fn put(&self, path: &str, body: &Value) -> Result<Reply, String> {
        self.request("PUT", path, Some(body))
    }

    /// A record's body if it is there, `None` if not (or its database is missing).
    fn record(&self, db: &str, id: &str) -> Result<Option<Value>, String> {
        let reply = self.get(&format!("{db}/{id}"))?;
        match reply.status {
            200 => Ok(Some(reply.body)),
            404 => Ok(None),
            _ => Err(self.refused(&format!("read {id} in {db}"), &reply)),
        }
    }

    /// A refusal the command cannot go on after, in words.
    fn refused(&self, what: &str, reply: &Reply) -> String {
        format!("{} would not {what}: {}", self.url, reply.reason())
    }

    /// Makes the database unless it is there. Returns whether it was made.
    fn ensure_database(&self, db: &str) -> Result<bool, String> {
        let reply = self.put(db, &json!({}))?;
        match reply.status {
            201 | 202 => Ok(true),
            412 => Ok(false),
            _ => Err(self.refused(&format!("make the database {db}"), &reply)),
        }
    }

    /// Sets the database's `_security` unless it already says exactly this.
    fn ensure_security(&self, db: &str, security: &Value) -> Result<(), String> {
        let now = self.get(&format!("{db}/_security"))?;
        if now.ok() && &now.body == security {
            return Ok(());
        }
        let reply = self.put(&format!("{db}/_security"), security)?;
        if reply.ok() {
            Ok(())
        } else {
            Err(self.refused(&format!("set who may read {db}"), &reply))
        }
    }

    /// Writes `body` as the record `id` unless it holds exactly that already (a newer
    /// revision over the old one otherwise). Returns whether it wrote.
    fn ensure_record(&self, db: &str, id: &str, body: &Value) -> Result<bool, String> {
        let mut body = body.clone();
        if let Some(old) = self.record(db, id)? {
            if same_record(&old, &body) {
                return Ok(false);
            }
            body["_rev"] = old["_rev"].clone();
        }
        let reply = self.put(&format!("{db}/{id}"), &body)?;
        if reply.ok() {
            Ok(true)
        } else {
            Err(self.refused(&format!("write {id} in {db}"), &reply))
        }
    }
}

/// The `host:port` of an http or https address (the port its scheme implies if none is given).
fn authority(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let has_port = match host_port.rfind(']') {
        Some(end) => host_port[end..].contains(':'),
        None => host_port.contains(':'),
    };
    if has_port {
        host_port.to_owned()
    } else {
        format!("{host_port}:{}", if scheme.eq_ignore_ascii_case("https") { 443 } else { 80 })
    }
}

/// Whether a stored record holds `body` (its `_id` and `_rev` aside).
fn same_record(stored: &Value, body: &Value) -> bool {
    body_of(stored) == body_of(body)
}

/// Reads a small text file (a roster), or says why not.
fn read_text(path: &str, limit: usize, what: &str) -> Result<String, String> {
    let bytes = crate::read_within(path, limit).map_err(|why| format!("{path}: {why}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}: the {what} is not UTF-8 text (bad byte at offset {}); save it from the spreadsheet as CSV UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The largest roster file read: a few thousand names fit in far less.
const MAX_ROSTER_BYTES: usize = 1_000_000;

/// `newsmark class create SERVER_URL --user ADMIN --name CLASS --roster ROSTER.csv
/// --exercise EXERCISE.json [-o JOIN.csv] [--app URL]`.
fn create(args: &mut lexopt::Parser) -> Result<(), String> {
    let o = options(args, true)?;
    if o.help {
        println!("{USAGE}");
        return Ok(());
    }
    let server_url = required(o.server, "class create needs the SERVER_URL")?;
    let user = required(o.user, "class create needs --user ADMIN, the server admin's name")?;
    let class = Class::new(&required(o.name, "class create needs --name CLASS")?)?;
    let roster_path = required(o.roster, "class create needs --roster ROSTER.csv")?;
    let exercise_path = required(o.exercise, "class create needs --exercise EXERCISE.json")?;
    let output = o.output.unwrap_or_else(|| "JOIN.csv".to_owned());
    let app = o.app.unwrap_or_else(|| DEFAULT_APP.to_owned());

    // Everything that can be checked before the server is asked.
    let roster = Roster::read(&read_text(&roster_path, MAX_ROSTER_BYTES, "roster")?)
        .map_err(|why| format!("{roster_path}: {why}"))?;
    let exercise_json = read_text(&exercise_path, limits::MAX_IMPORT_BYTES, "exercise")?;
    let exercise = schema::load_exercise(&exercise_json).map_err(|e| {
        let problems: Vec<String> = e.problems.iter().map(|p| p.to_string().replace('\n', " ")).collect();
        format!("{exercise_path} is not an exercise Newsmark can hand out: {}", problems.join("; "))
    })?;
    let exercise_file: Value = serde_json::from_str(&exercise_json).expect("a loaded exercise is JSON");
    if !roster.blank_lines.is_empty() {
        let lines: Vec<String> = roster.blank_lines.iter().map(usize::to_string).collect();
        eprintln!("note: {roster_path}: line {} names nobody and was passed over", lines.join(", "));
    }

    let password = password(&user, &server_url)?;
    let server = Server::sign_in(&server_url, &user, &password)?;
    let now = crate::now();
    let (class_db, teacher_db) = (class.database(), class.teacher_database());

    // A class of the same slug made with another name or exercise is never written over.
    if let Some(record) = server.record(&class_db, "class")? {
        let name = record.get("name").and_then(Value::as_str).unwrap_or_default();
        if name != class.name {
            return Err(format!(
                "the class \"{name}\" already uses the database {class_db} on {}: give this class another name",
                server.url
            ));
        }
    }
    let exercise_record = roster::exercise_record(&exercise_file);
    if let Some(stored) = server.record(&teacher_db, "exercise")? {
        if !same_record(&stored, &exercise_record) {
            return Err(format!(
                "the class \"{}\" already has another exercise ({}); class create never replaces it: to hand out this one, make a new class",
                class.name,
                stored.pointer("/exercise/title").and_then(Value::as_str).unwrap_or("untitled")
            ));
        }
    }

    // CouchDB 3 keeps its users in _users, which a new single server may not have yet.
    server.ensure_database("_users")?;
    server.ensure_database(&teacher_db)?;
    server.ensure_security(&teacher_db, &roster::teacher_security(&user))?;
    server.ensure_record(&teacher_db, "exercise", &exercise_record)?;
    server.ensure_database(&class_db)?;
    server.ensure_security(&class_db, &class.class_security(&user))?;
    server.ensure_record(&class_db, "_design/newsmark", &roster::class_design())?;
    server.ensure_record(&class_db, "class", &class.class_record(&user, &exercise))?;

    // The students: those already in the class keep their names, passwords and databases.
    let mut known = students(&server, &teacher_db)?;
    let mut added = 0;
    let mut ordered = Vec::new();
    for name in &roster.names {
        let student = match known.iter().position(|s| s.name.to_lowercase() == name.to_lowercase()) {
            Some(i) => known.remove(i),
            None => {
                let student = new_student(&server, &class, name, now, &ordered, &known)?;
                // Kept first, so that a run cut short goes on with the same student.
                server.ensure_record(&teacher_db, &student.record_id(), &student.record())?;
                added += 1;
                student
            }
        };
        ordered.push(student);
    }
    let not_on_roster = known;
    for student in ordered.iter().chain(&not_on_roster) {
        set_up_student(&server, &class, &exercise, student, now)?;
    }
    if !server.couchdb {
        eprintln!("note: {} is PouchDB Server, for trying classes out: a student's first check is not protected there, and its _find and _bulk_get let anyone read any database (see README, Class server)", server.url);
    }
    if !not_on_roster.is_empty() {
        let names: Vec<&str> = not_on_roster.iter().map(|s| s.name.as_str()).collect();
        eprintln!(
            "note: {} of the class {} not on this roster and keep their access: {}",
            names.len(),
            if names.len() == 1 { "is" } else { "are" },
            names.join(", ")
        );
    }
    ordered.extend(not_on_roster);

    let csv = roster::join_csv(&app, &server.url, &class_db, &ordered);
    std::fs::write(&output, csv).map_err(|e| format!("cannot write {output}: {e}"))?;
    let added = match added {
        0 => "none added".to_owned(),
        n if n == ordered.len() => "all new".to_owned(),
        n => format!("{n} added"),
    };
    println!("class \"{}\" on {}: {} students ({added})", class.name, server.url, ordered.len());
    println!("wrote {output}: each student's username, password and join link; hand each student their own row");
    println!("teacher's link: {}", roster::teacher_link(&app, &server.url, &class_db));
    Ok(())
}

/// The students the teacher database lists, by username.
fn students(server: &Server, teacher_db: &str) -> Result<Vec<Student>, String> {
    let path = format!(
        "{teacher_db}/_all_docs?include_docs=true&startkey=%22{prefix}%22&endkey=%22{prefix}%EF%BF%B0%22",
        prefix = roster::STUDENT_PREFIX
    );
    let reply = server.get(&path)?;
    if !reply.ok() {
        return Err(server.refused(&format!("list the students in {teacher_db}"), &reply));
    }
    let rows = reply.body.get("rows").and_then(Value::as_array).ok_or_else(|| server.garbage(&path, &reply))?;
    Ok(rows.iter().filter_map(|row| row.get("doc").and_then(Student::from_record)).collect())
}

/// A new student with a username nobody on the server has.
fn new_student(
    server: &Server,
    class: &Class,
    name: &str,
    now: Timestamp,
    ordered: &[Student],
    known: &[Student],
) -> Result<Student, String> {
    loop {
        let student = Student::new(class, name, now, &mut random);
        let taken = ordered.iter().chain(known).any(|s| s.username == student.username);
        if !taken && server.record("_users", &format!("org.couchdb.user:{}", student.username))?.is_none() {
            return Ok(student);
        }
    }
}

/// The student's user, database, security and handed-out copy, each made only if missing.
fn set_up_student(
    server: &Server,
    class: &Class,
    exercise: &newsmark_core::exercise::Exercise,
    student: &Student,
    now: Timestamp,
) -> Result<(), String> {
    let user_id = format!("org.couchdb.user:{}", student.username);
    match server.record("_users", &user_id)? {
        None => {
            let reply = server.put(&format!("_users/{user_id}"), &student.user_document(class))?;
            if !reply.ok() {
                return Err(server.refused(&format!("make the user {}", student.username), &reply));
            }
        }
        Some(mut user) => {
            // The user is there (its password is the student's to keep); it needs the
            // class's role to read the class.
            let roles = user["roles"].as_array().cloned().unwrap_or_default();
            if !roles.iter().any(|r| r.as_str() == Some(&class.role())) {
                let mut roles = roles;
                roles.push(json!(class.role()));
                user["roles"] = Value::Array(roles);
                let reply = server.put(&format!("_users/{user_id}"), &user)?;
                if !reply.ok() {
                    return Err(server.refused(&format!("add {} to the class", student.username), &reply));
                }
            }
        }
    }
    let db = &student.database;
    server.ensure_database(db)?;
    server.ensure_security(db, &roster::student_security(&server.user, &student.username))?;
    // PouchDB Server's validate_doc_update support (pouchdb-validation 4.2) replaces the
    // revision history of every replicated write with the stored one, so that an edit
    // replicated from the student's device is silently dropped. There the rule that the
    // first check is written once is left out rather than losing work.
    if server.couchdb {
        server.ensure_record(db, "_design/newsmark", &roster::student_design())?;
    }
    // The copy is written once: after that the records are the student's work.
    if server.record(db, records::ARTICLE)?.is_none() {
        let copy = class.handed_out(exercise, &student.name, now);
        let docs: Vec<Value> = records::of_document(&copy)
            .into_iter()
            .map(|(id, mut body)| {
                body["_id"] = json!(id);
                body
            })
            .collect();
        let reply = server.request("POST", &format!("{db}/_bulk_docs"), Some(&json!({ "docs": docs })))?;
        if !reply.ok() {
            return Err(server.refused(&format!("hand out the exercise to {}", student.name), &reply));
        }
    }
    Ok(())
}

/// `newsmark class collect SERVER_URL --user ADMIN --name CLASS -o DIR`.
fn collect(args: &mut lexopt::Parser) -> Result<(), String> {
    let o = options(args, false)?;
    if o.help {
        println!("{USAGE}");
        return Ok(());
    }
    let server_url = required(o.server, "class collect needs the SERVER_URL")?;
    let user = required(o.user, "class collect needs --user ADMIN, the server admin's name")?;
    let class = Class::new(&required(o.name, "class collect needs --name CLASS")?)?;
    let dir = required(o.output, "class collect needs -o DIR, the folder to write the students' work into")?;

    let password = password(&user, &server_url)?;
    let server = Server::sign_in(&server_url, &user, &password)?;
    let teacher_db = class.teacher_database();
    if server.record(&teacher_db, "exercise")?.is_none() {
        return Err(format!(
            "there is no class \"{}\" on {} (no database {teacher_db} with its exercise); class create makes one",
            class.name, server.url
        ));
    }
    let mut students = students(&server, &teacher_db)?;
    students.sort_by_key(|s| (s.name.to_lowercase(), s.username.clone()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot make the folder {dir}: {e}"))?;
    let files = roster::file_names(students.iter().map(|s| s.name.as_str()));
    let mut written = 0;
    for (student, file) in students.iter().zip(&files) {
        let stored = match work(&server, &student.database)? {
            Some(stored) => stored,
            None => {
                println!(
                    "{}: nothing collected: the database {} is gone from the server",
                    student.name, student.database
                );
                continue;
            }
        };
        match records::assemble(&stored) {
            Ok(assembled) => {
                let path = std::path::Path::new(&dir).join(file);
                std::fs::write(&path, schema::document_to_json(&assembled.document))
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                written += 1;
                println!("{}", collected_line(student, file, &assembled));
            }
            Err(e) => println!("{}: nothing collected: {}", student.name, e.to_string().replace('\n', "; ")),
        }
    }
    println!("collected {written} of {} students' work into {dir}", students.len());
    Ok(())
}

/// The line `collect` prints for one student.
fn collected_line(student: &Student, file: &str, assembled: &records::Assembled) -> String {
    let plural = |n: usize, one: &str, many: &str| newsmark_core::formats::plural(n, one, many);
    let mut parts = vec![plural(assembled.document.annotations.len(), "annotation", "annotations")];
    parts.push(match assembled.handed_in {
        Some(at) => format!("handed in {at}"),
        None => "not handed in".to_owned(),
    });
    if !assembled.conflicts.is_empty() {
        parts.push(format!(
            "{} changed differently on two devices (the server's choice kept)",
            plural(assembled.conflicts.len(), "annotation", "annotations")
        ));
    }
    if !assembled.dropped.is_empty() {
        let why: Vec<String> = assembled.dropped.iter().map(|p| format!("{}: {}", p.at, p.message)).collect();
        parts.push(format!("{} left out ({})", plural(assembled.dropped.len(), "record", "records"), why.join("; ")));
    }
    format!("{} → {file}: {}", student.name, parts.join(", "))
}

/// Every record of a student's database with its conflicting versions, or `None` if the
/// database is not there.
fn work(server: &Server, db: &str) -> Result<Option<Vec<Stored>>, String> {
    let path = format!("{db}/_all_docs?include_docs=true&conflicts=true");
    let reply = server.get(&path)?;
    if reply.status == 404 {
        return Ok(None);
    }
    if !reply.ok() {
        return Err(server.refused(&format!("read {db}"), &reply));
    }
    let rows = reply.body.get("rows").and_then(Value::as_array).ok_or_else(|| server.garbage(&path, &reply))?;
    let mut out = Vec::new();
    for doc in rows.iter().filter_map(|row| row.get("doc")) {
        let id = doc.get("_id").and_then(Value::as_str).unwrap_or_default();
        if id.starts_with("_design/") || id.is_empty() {
            continue;
        }
        let rev = doc.get("_rev").and_then(Value::as_str).unwrap_or_default().to_owned();
        let mut conflicts = Vec::new();
        for losing in doc.get("_conflicts").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            let version = server.get(&format!("{db}/{id}?rev={losing}"))?;
            if version.ok() {
                conflicts.push((losing.to_owned(), body_of(&version.body)));
            }
        }
        out.push(Stored { id: id.to_owned(), rev, body: body_of(doc), conflicts });
    }
    Ok(Some(out))
}

/// A record as stored, without CouchDB's own fields.
fn body_of(doc: &Value) -> Value {
    match doc {
        Value::Object(map) => Value::Object(
            map.iter().filter(|(k, _)| !k.starts_with('_')).map(|(k, v)| (k.clone(), v.clone())).collect(),
        ),
        other => other.clone(),
    }
}
