//! A class as `newsmark class create` lays it out on a CouchDB server: the roster read from
//! a CSV file, the names of the class's databases and users, who may read what, each
//! student's handed-out copy, and the JOIN.csv the teacher hands out.
//!
//! For a class named "Year 9 Media" (slug `year-9-media`) the server holds:
//!
//! | database | who reads it | holds |
//! |---|---|---|
//! | `newsmark-year-9-media` | the teacher and every student (role `newsmark-year-9-media`); only the teacher writes | `class`: the exercise without its key; later `reveal` |
//! | `newsmark-year-9-media-teacher` | the teacher | `exercise` (key included) and one `student:<username>` per student |
//! | `newsmark-year-9-media-<12 random letters and digits>` | one student and the teacher | the student's work as [`super::records`] |
//!
//! Student databases are named at random so that a server which lists its databases to
//! anyone (as some do) gives no student's name away. Who may read and write is CouchDB's
//! own `_security` object of each database, and a `validate_doc_update` function for what
//! `_security` cannot say (members may write, but only the teacher may change the class;
//! the first check is written once).
//!
//! Nothing here talks to a network or draws random numbers: the caller passes
//! `random`, a source of fresh random 64-bit numbers (the command-line tool's come from
//! the operating system), and the time.

use crate::exercise::Exercise;
use crate::formats::csv::write_row;
use crate::model::{Document, Key};
use crate::schema;
use crate::time::Timestamp;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The students a roster file names, in its order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roster {
    /// Each student's name as written (spaces at either end trimmed, runs of spaces made one).
    pub names: Vec<String>,
    /// The lines between students that name nobody and were passed over (1 is the first line).
    pub blank_lines: Vec<usize>,
}

/// The most students one roster may name: a class, or a year group, not a whole school.
pub const MAX_STUDENTS: usize = 2_000;

impl Roster {
    /// Reads a roster: CSV with a header row that has a `name` column (in any case; other
    /// columns are ignored), then one student per row. Commas, semicolons (what spreadsheets
    /// write in much of Europe) or tabs separate the columns, as the header row shows.
    /// Refuses a file without a `name` column, a row with other cells but no name, and a
    /// name given twice (two students need names that tell them apart), naming each line.
    pub fn read(text: &str) -> Result<Roster, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let rows = csv_rows(text, delimiter(text))?;
        let mut rows = rows.iter().skip_while(|(_, row)| row.iter().all(|cell| cell.trim().is_empty()));
        let Some((_, header)) = rows.next() else {
            return Err(
                "the roster is empty: it needs a header row with a name column, then one student per row".into()
            );
        };
        let column = header.iter().position(|h| h.trim().eq_ignore_ascii_case("name")).ok_or_else(|| {
            format!(
                "the roster has no name column: its first row should name the columns, such as name or name,email (it is {})",
                header.join(",")
            )
        })?;
        let mut names = Vec::new();
        let mut blank_lines = Vec::new();
        let mut problems = Vec::new();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for (line, row) in rows {
            let name = row.get(column).map(|n| n.split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default();
            if name.is_empty() {
                if row.iter().all(|cell| cell.trim().is_empty()) {
                    blank_lines.push(*line);
                } else {
                    problems.push(format!("line {line} has no name"));
                }
                continue;
            }
            match first_line.get(&name.to_lowercase()) {
                Some(first) => problems.push(format!("line {line} names {name} again (as line {first} does)")),
                None => {
                    first_line.insert(name.to_lowercase(), *line);
                    names.push(name);
                }
            }
        }
        if !problems.is_empty() {
            let duplicates = problems.iter().any(|p| p.contains(" again "));
            let hint =
                if duplicates { ": two students need names that tell them apart, such as Li Wei (9B)" } else { "" };
            return Err(format!("the roster cannot be used: {}{hint}", problems.join("; ")));
        }
        if names.is_empty() {
            return Err("the roster names no student: after the header row, write one student's name per row".into());
        }
        if names.len() > MAX_STUDENTS {
            return Err(format!(
                "the roster names {} students; a class has at most {MAX_STUDENTS}: make one class per group",
                names.len()
            ));
        }
        Ok(Roster { names, blank_lines })
    }
}

/// The character that separates the columns of the header row: a comma, or else a
/// semicolon or a tab if the row has one.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    if header.contains(',') {
        b','
    } else if header.contains(';') {
        b';'
    } else if header.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// The rows of a CSV text (RFC 4180 quoting, read by `csv-core`), each with the line it
/// starts on. An empty line between rows is an empty row.
fn csv_rows(text: &str, delimiter: u8) -> Result<Vec<(usize, Vec<String>)>, String> {
    use csv_core::{ReadRecordResult, ReaderBuilder};
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    let bytes = text.as_bytes();
    // A row's fields never hold more bytes than the text, and a row has at most one field
    // per byte.
    let mut out = vec![0u8; bytes.len() + 1];
    let mut ends = vec![0usize; bytes.len() + 1];
    let mut rows = Vec::new();
    let mut pos = 0;
    let mut line = 1;
    let mut last_line: Option<usize> = None;
    loop {
        // Past the line ends before the row (the reader skips empty lines).
        while let Some(&b) = bytes.get(pos).filter(|b| matches!(b, b'\r' | b'\n')) {
            line += usize::from(b == b'\n');
            pos += 1;
        }
        let start_line = line;
        let (mut written, mut fields) = (0, 0);
        let result = loop {
            let (result, read, nout, nend) =
                reader.read_record(&bytes[pos..], &mut out[written..], &mut ends[fields..]);
            line += bytes[pos..pos + read].iter().filter(|&&b| b == b'\n').count();
            pos += read;
            written += nout;
            fields += nend;
            // The whole text is given at once, so the reader asks for more only at its
            // end, where an empty slice tells it the text is over.
            if result != ReadRecordResult::InputEmpty {
                break result;
            }
        };
        match result {
            ReadRecordResult::Record => {
                if let Some(last) = last_line {
                    rows.extend((last + 1..start_line).map(|blank| (blank, Vec::new())));
                }
                let mut row = Vec::with_capacity(fields);
                let mut from = 0;
                for &end in &ends[..fields] {
                    row.push(String::from_utf8_lossy(&out[from..end]).into_owned());
                    from = end;
                }
                rows.push((start_line, row));
                // The row's last line: the line of its last byte before its line end.
                let ending = bytes[..pos].iter().rev().take_while(|b| matches!(b, b'\r' | b'\n'));
                last_line = Some(line - ending.filter(|&&b| b == b'\n').count());
            }
            ReadRecordResult::End => return Ok(rows),
            _ => return Err(format!("the roster could not be read as CSV near line {start_line}")),
        }
    }
}

/// A class on the server: its name as the teacher gave it, and the slug its databases are
/// named by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Class {
    pub name: String,
    pub slug: String,
}

/// The longest slug: CouchDB allows database names of 238 characters, and people read these.
const MAX_SLUG: usize = 40;

impl Class {
    /// The class of this name; refuses a name with nothing in it.
    pub fn new(name: &str) -> Result<Class, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("the class needs a name, such as --name \"Year 9 Media\"".into());
        }
        Ok(Class { name: name.to_owned(), slug: slug(name) })
    }

    /// The class database: the exercise without its key, readable by the whole class.
    pub fn database(&self) -> String {
        format!("newsmark-{}", self.slug)
    }

    /// The teacher's own database: the exercise with its key, and the roster with passwords.
    pub fn teacher_database(&self) -> String {
        format!("newsmark-{}-teacher", self.slug)
    }

    /// The role every student user of the class has, which lets them read the class database.
    pub fn role(&self) -> String {
        format!("newsmark-{}", self.slug)
    }

    /// A fresh name for a student's database, which says nothing about the student.
    pub fn student_database(&self, random: &mut dyn FnMut() -> u64) -> String {
        format!("newsmark-{}-{}", self.slug, pick(LOWER_AND_DIGITS, 12, random))
    }

    /// The `class` record of the class database: the exercise as students may see it,
    /// with no key (open or sealed).
    pub fn class_record(&self, teacher: &str, exercise: &Exercise) -> Value {
        let keyless = Exercise { key: Key::Withheld, ..exercise.clone() };
        let exercise: Value =
            serde_json::from_str(&schema::exercise_to_json(&keyless)).expect("an exercise file is JSON");
        json!({ "type": "class", "format": 1, "name": self.name, "teacher": teacher, "exercise": exercise })
    }

    /// Who may read the class database: the teacher and every student of the class.
    pub fn class_security(&self, teacher: &str) -> Value {
        json!({
            "admins": { "names": [teacher], "roles": [] },
            "members": { "names": [teacher], "roles": [self.role()] },
        })
    }

    /// The student's copy that `class create` writes into their database: the exercise
    /// with no key (class work never carries it before the teacher reveals it), with the
    /// student's name, and the class database's name as its id.
    pub fn handed_out(&self, exercise: &Exercise, student: &str, now: Timestamp) -> Document {
        let withheld = Exercise { key: Key::Withheld, ..exercise.clone() };
        let mut doc = withheld.start(self.database(), now);
        if let Some(assignment) = doc.assignment.as_mut() {
            assignment.student = Some(student.to_owned());
        }
        doc
    }
}

/// The class name lower-cased, ASCII letters and digits kept and every run of anything
/// else made one `-`, at most 40 characters; a name with no ASCII letter or digit (such as
/// "媒体素养") is `c` and 10 hex digits of its SHA-256.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(MAX_SLUG);
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        let hash = Sha256::digest(name.trim().as_bytes());
        let hex: String = hash.iter().take(5).map(|b| format!("{b:02x}")).collect();
        format!("c{hex}")
    } else {
        out.to_owned()
    }
}

/// Who may read a student's database: that student and the teacher, no one else.
pub fn student_security(teacher: &str, username: &str) -> Value {
    json!({
        "admins": { "names": [teacher], "roles": [] },
        "members": { "names": [username, teacher], "roles": [] },
    })
}

/// Who may read the teacher's database: the teacher alone.
pub fn teacher_security(teacher: &str) -> Value {
    json!({
        "admins": { "names": [teacher], "roles": [] },
        "members": { "names": [teacher], "roles": [] },
    })
}

/// The part of a `validate_doc_update` function that lets server admins and the
/// database's admins (the teacher) do anything.
const LET_ADMINS_THROUGH: &str = "\
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  var admins = (secObj && secObj.admins) || {};
  if ((admins.names || []).indexOf(userCtx.name) !== -1) return;
  for (var i = 0; i < userCtx.roles.length; i++) {
    if ((admins.roles || []).indexOf(userCtx.roles[i]) !== -1) return;
  }";

/// The class database's design document: students read the class; only the teacher writes.
pub fn class_design() -> Value {
    let validate = format!(
        "function (newDoc, oldDoc, userCtx, secObj) {{\n{LET_ADMINS_THROUGH}\n  throw({{ forbidden: 'Only the teacher can change the class.' }});\n}}"
    );
    json!({ "validate_doc_update": validate })
}

/// A student database's design document: the first check, once written, stays as it is.
/// Only for CouchDB itself: PouchDB Server's validation drops replicated edits of a
/// database that has one, so `class create` leaves it out there.
pub fn student_design() -> Value {
    let validate = format!(
        "function (newDoc, oldDoc, userCtx, secObj) {{\n  if (newDoc._id !== 'checked' || !oldDoc || oldDoc._deleted) return;\n{LET_ADMINS_THROUGH}\n  throw({{ forbidden: 'The first check is written once and cannot be changed.' }});\n}}"
    );
    json!({ "validate_doc_update": validate })
}

/// The teacher database's `exercise` record: the exercise file exactly as given.
pub fn exercise_record(file: &Value) -> Value {
    json!({ "type": "exercise", "exercise": file })
}

/// One student of a class as the teacher's database keeps them (record
/// `student:<username>`), password included, so that running `class create` again writes
/// the same JOIN.csv. Only the teacher can read that database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Student {
    /// The name on the roster.
    pub name: String,
    pub username: String,
    pub password: String,
    /// The student's own database.
    pub database: String,
    /// When `class create` added them.
    pub added: Timestamp,
}

/// The prefix of the teacher database's student records.
pub const STUDENT_PREFIX: &str = "student:";

impl Student {
    /// A new student of `class` named `name`, with a fresh username, password and database.
    pub fn new(class: &Class, name: &str, now: Timestamp, random: &mut dyn FnMut() -> u64) -> Student {
        Student {
            name: name.to_owned(),
            username: username(name, random),
            password: password(random),
            database: class.student_database(random),
            added: now,
        }
    }

    /// The id of this student's record in the teacher database.
    pub fn record_id(&self) -> String {
        format!("{STUDENT_PREFIX}{}", self.username)
    }

    /// The record body.
    pub fn record(&self) -> Value {
        let mut body = serde_json::to_value(self).expect("a student serialises");
        body["type"] = json!("student");
        body
    }

    /// A student read back from their record; `None` for a record that is not one.
    pub fn from_record(body: &Value) -> Option<Student> {
        if body.get("type").and_then(Value::as_str) != Some("student") {
            return None;
        }
        let mut body = body.clone();
        if let Value::Object(map) = &mut body {
            map.retain(|k, _| !k.starts_with('_') && k != "type");
        }
        serde_json::from_value(body).ok()
    }

    /// The CouchDB user document that lets this student sign in.
    pub fn user_document(&self, class: &Class) -> Value {
        json!({
            "_id": format!("org.couchdb.user:{}", self.username),
            "name": self.username,
            "type": "user",
            "roles": [class.role()],
            "password": self.password,
        })
    }
}

/// Lower-case ASCII letters and digits.
const LOWER_AND_DIGITS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
/// Letters and digits that cannot be taken for one another when read aloud or copied
/// from paper (no l, 1, o, 0), all lower case for typing on a phone: 32 symbols, so 14 of
/// them are 70 random bits.
const UNAMBIGUOUS: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";

/// `n` symbols drawn uniformly from `alphabet`.
fn pick(alphabet: &[u8], n: usize, random: &mut dyn FnMut() -> u64) -> String {
    let len = alphabet.len() as u64;
    // Numbers at or above the last whole multiple of `len` are drawn again, so that no
    // symbol comes up more often than another.
    let zone = u64::MAX - u64::MAX % len;
    (0..n)
        .map(|_| loop {
            let r = random();
            if r < zone {
                break alphabet[(r % len) as usize] as char;
            }
        })
        .collect()
}

/// A CouchDB user name for a student: the first word of their name in ASCII (accents
/// taken off, at most 12 letters), a hyphen and 4 random letters or digits (`li-x7k2`),
/// or `student-` and 6 random ones for a name with no ASCII letters.
pub fn username(name: &str, random: &mut dyn FnMut() -> u64) -> String {
    let ascii: String = name.nfd().filter(|c| c.is_ascii() && *c != '\'').collect();
    let word: String = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .unwrap_or_default()
        .to_ascii_lowercase()
        .chars()
        .take(12)
        .collect();
    if word.is_empty() {
        format!("student-{}", pick(LOWER_AND_DIGITS, 6, random))
    } else {
        format!("{word}-{}", pick(LOWER_AND_DIGITS, 4, random))
    }
}

/// A generated password: 14 characters from an alphabet with no look-alikes.
pub fn password(random: &mut dyn FnMut() -> u64) -> String {
    pick(UNAMBIGUOUS, 14, random)
}

/// What a web address may carry unescaped in a link's parameters: letters, digits and
/// `-._~` (as JavaScript's `encodeURIComponent` leaves them, less `!'()*`).
const PARAMETER: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The app's address without any fragment it was given with.
fn app_base(app: &str) -> &str {
    app.split('#').next().unwrap_or(app)
}

fn parameter(value: &str) -> String {
    utf8_percent_encode(value, PARAMETER).to_string()
}

/// The link a student opens to join: the app with the server, class, database and user
/// filled in, after `#` so that it never reaches the server the app is served from. It
/// holds no password.
pub fn join_link(app: &str, server: &str, class_database: &str, student: &Student) -> String {
    format!(
        "{}#join?server={}&class={}&db={}&user={}",
        app_base(app),
        parameter(server),
        parameter(class_database),
        parameter(&student.database),
        parameter(&student.username)
    )
}

/// The link that opens the teacher's Class view of this class.
pub fn teacher_link(app: &str, server: &str, class_database: &str) -> String {
    format!("{}#class?server={}&class={}", app_base(app), parameter(server), parameter(class_database))
}

/// JOIN.csv: one row per student with `student,username,password,database,link`, in the
/// order given. Written as the gradebook's CSV is (a byte order mark so that spreadsheets
/// read every script, RFC 4180 quoting, lines ending in `\r\n`).
pub fn join_csv(app: &str, server: &str, class_database: &str, students: &[Student]) -> String {
    let mut out = String::from("\u{feff}");
    write_row(&mut out, &["student", "username", "password", "database", "link"]);
    for s in students {
        let link = join_link(app, server, class_database, s);
        write_row(&mut out, &[&s.name, &s.username, &s.password, &s.database, &link]);
    }
    out
}

/// The longest file name stem, in bytes (file systems allow 255 bytes, and `.json` and a
/// number may follow).
const MAX_STEM_BYTES: usize = 120;

/// Names reserved by Windows whatever follows the dot.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A `.json` file name for each student name, in order: letters of every script kept,
/// spaces and characters that mean something in a path (`/ \ : * ? " < > |`, control
/// characters) made `-`, never starting with a dot, cut at a whole character, and unique
/// even where the file system does not tell capitals apart ("Li Wei", "li wei" →
/// `Li-Wei.json`, `li-wei-2.json`).
pub fn file_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = HashSet::new();
    names
        .into_iter()
        .map(|name| {
            let stem = file_stem(name);
            let mut candidate = stem.clone();
            let mut n = 1;
            while !taken.insert(candidate.to_lowercase()) {
                n += 1;
                candidate = format!("{stem}-{n}");
            }
            format!("{candidate}.json")
        })
        .collect()
}

fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.nfc() {
        let unsafe_char = c.is_whitespace() || c.is_control() || "/\\:*?\"<>|".contains(c);
        if !unsafe_char {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let mut cut = String::new();
    for g in stem.graphemes(true) {
        if cut.len() + g.len() > MAX_STEM_BYTES {
            break;
        }
        cut.push_str(g);
    }
    let cut = cut.trim_matches(|c| c == '-' || c == '.');
    if cut.is_empty() {
        "student".to_owned()
    } else if RESERVED.contains(&cut.split('.').next().unwrap_or_default().to_lowercase().as_str()) {
        format!("student-{cut}")
    } else {
        cut.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::default_codebook;
    use crate::model::Tag;
    use crate::workspace::{Action, Workspace};

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-29T10:00:00.000Z").unwrap()
    }

    /// A random source that counts up, so that tests see the same "random" names each run.
    fn counting() -> impl FnMut() -> u64 {
        let mut n = 0u64;
        move || {
            n += 7;
            n
        }
    }

    fn exercise() -> Exercise {
        let text = "The mayor said the bridge will reopen in May.";
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(Document::new("bridge", "Bridge", text, now())), now()).unwrap();
        let action =
            Action::AddAnnotation { doc: "bridge".into(), id: "k1".into(), tag: Tag::Claim, start: 19, end: 44 };
        ws.apply(action, now()).unwrap();
        Exercise::from_document(ws.document("bridge").unwrap(), "Tag the claims.".into(), default_codebook())
    }

    #[test]
    fn a_roster_names_students_in_any_script_in_its_order() {
        let roster =
            Roster::read("name,email\nLi Wei 李伟,li@school.example\nSchülerin Zoë,\n\"Okafor, Ada\",ada@x\nअनुष्का\n")
                .unwrap();
        assert_eq!(roster.names, ["Li Wei 李伟", "Schülerin Zoë", "Okafor, Ada", "अनुष्का"]);
        assert!(roster.blank_lines.is_empty());
    }

    #[test]
    fn a_spreadsheets_roster_with_a_byte_order_mark_semicolons_and_crlf_is_read() {
        let roster = Roster::read("\u{feff}Class;Name\r\n9B;Ana  María\r\n9B;  Jonas\r\n").unwrap();
        assert_eq!(roster.names, ["Ana María", "Jonas"]);
    }

    #[test]
    fn blank_lines_between_students_are_passed_over_and_named() {
        let roster = Roster::read("name\nAda\n\n  \n,\nBo\n\n").unwrap();
        assert_eq!(roster.names, ["Ada", "Bo"]);
        assert_eq!(roster.blank_lines, [3, 4, 5]);
    }

    #[test]
    fn a_name_given_twice_is_refused_naming_both_lines() {
        let err = Roster::read("name\nLi Wei\nAda\nli  wei\n").unwrap_err();
        assert!(err.contains("line 4 names li wei again (as line 2 does)"), "{err}");
        assert!(err.contains("tell them apart"), "{err}");
    }

    #[test]
    fn a_row_with_cells_but_no_name_is_refused() {
        let err = Roster::read("name,email\nAda,a@x\n,bo@x\n").unwrap_err();
        assert!(err.contains("line 3 has no name"), "{err}");
    }

    #[test]
    fn a_roster_without_a_name_column_says_what_its_header_is() {
        let err = Roster::read("first,last\nAda,Lovelace\n").unwrap_err();
        assert!(err.contains("no name column") && err.contains("first,last"), "{err}");
        assert!(Roster::read("").unwrap_err().contains("empty"));
        assert!(Roster::read("name\n\n").unwrap_err().contains("names no student"));
    }

    #[test]
    fn a_quoted_name_over_two_lines_keeps_the_line_numbers_of_the_rows_after_it() {
        let err = Roster::read("name\n\"Ada\nLovelace\"\nBo\nBo\n").unwrap_err();
        assert!(err.contains("line 5 names Bo again (as line 4 does)"), "{err}");
    }

    #[test]
    fn slugs_keep_ascii_letters_and_digits_and_hash_names_without_any() {
        assert_eq!(slug("Year 9 Media"), "year-9-media");
        assert_eq!(slug("  Année 9 — Médias!! "), "ann-e-9-m-dias");
        assert_eq!(slug(&"x".repeat(60)).len(), 40);
        assert_eq!(slug("a-very-long-class-name-that-goes-on-and-x-y"), "a-very-long-class-name-that-goes-on-and");
        let hashed = slug("媒体素养");
        assert!(hashed.starts_with('c') && hashed.len() == 11, "{hashed}");
        assert_eq!(hashed, slug("媒体素养"), "the same name gives the same slug");
        assert_ne!(hashed, slug("媒体"));
    }

    #[test]
    fn every_database_name_is_one_couchdb_accepts() {
        let valid = |name: &str| {
            name.starts_with(|c: char| c.is_ascii_lowercase())
                && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+/-".contains(c))
        };
        let mut random = counting();
        for name in ["Year 9 Media", "媒体素养", "9", "--"] {
            let class = Class::new(name).unwrap();
            for db in [class.database(), class.teacher_database(), class.student_database(&mut random)] {
                assert!(valid(&db), "{db}");
            }
        }
        assert!(Class::new("   ").is_err());
    }

    #[test]
    fn a_student_database_name_reveals_nothing_of_the_student() {
        let class = Class::new("Year 9 Media").unwrap();
        let mut random = counting();
        let student = Student::new(&class, "Li Wei 李伟", now(), &mut random);
        let suffix = student.database.strip_prefix("newsmark-year-9-media-").unwrap();
        assert_eq!(suffix.len(), 12);
        assert!(!student.database.contains("li"), "{}", student.database);
    }

    #[test]
    fn usernames_start_with_the_first_word_in_ascii() {
        let mut random = counting();
        let li = username("Li Wei 李伟", &mut random);
        assert!(li.starts_with("li-") && li.len() == 7, "{li}");
        assert!(username("José García", &mut random).starts_with("jose-"));
        assert!(username("  O'Brien-Smith", &mut random).starts_with("obrien-"));
        assert!(username("Maximiliansonderberg Jr", &mut random).starts_with("maximilianso-"));
        let cjk = username("李伟", &mut random);
        assert!(cjk.starts_with("student-") && cjk.len() == 14, "{cjk}");
        assert!(username("3 Ada", &mut random).starts_with("ada-"), "a word with a letter is taken");
    }

    #[test]
    fn passwords_are_fourteen_unambiguous_characters_and_differ() {
        let mut random = counting();
        let a = password(&mut random);
        let b = password(&mut random);
        assert_eq!(a.chars().count(), 14);
        assert!(a.chars().all(|c| UNAMBIGUOUS.contains(&(c as u8))), "{a}");
        assert!(!a.contains(['l', '1', 'o', '0']));
        assert_ne!(a, b);
    }

    #[test]
    fn drawing_never_favours_a_symbol_with_numbers_near_the_top() {
        // With two symbols, u64::MAX is the one number past the last whole pair of
        // numbers: it is drawn again rather than counted for "b".
        let mut values = vec![u64::MAX, 5].into_iter();
        assert_eq!(pick(b"ab", 1, &mut || values.next().unwrap()), "b");
    }

    #[test]
    fn a_student_record_comes_back_as_the_same_student() {
        let class = Class::new("Year 9 Media").unwrap();
        let student = Student::new(&class, "Li Wei 李伟", now(), &mut counting());
        let mut stored = student.record();
        stored["_id"] = json!(student.record_id());
        stored["_rev"] = json!("1-abc");
        assert_eq!(Student::from_record(&stored), Some(student.clone()));
        assert_eq!(Student::from_record(&json!({"type": "exercise"})), None);
        let user = student.user_document(&class);
        assert_eq!(user["roles"], json!(["newsmark-year-9-media"]));
        assert_eq!(user["_id"], json!(format!("org.couchdb.user:{}", student.username)));
    }

    #[test]
    fn the_students_copy_carries_no_key_their_name_and_the_class_as_its_id() {
        let class = Class::new("Year 9 Media").unwrap();
        let doc = class.handed_out(&exercise(), "Li Wei 李伟", now());
        assert_eq!(doc.id, "newsmark-year-9-media");
        let assignment = doc.assignment.as_ref().unwrap();
        assert_eq!(assignment.key, Key::Withheld);
        assert_eq!(assignment.student.as_deref(), Some("Li Wei 李伟"));
        assert_eq!(assignment.exercise_id.as_deref(), Some("bridge"));
        assert!(doc.annotations.is_empty());
        assert!(!schema::document_to_json(&doc).contains("bridge will reopen in May\""), "no span of the key");
    }

    #[test]
    fn the_class_record_holds_the_exercise_without_its_key() {
        let class = Class::new("Year 9 Media").unwrap();
        let record = class.class_record("teacher", &exercise());
        assert_eq!(record["name"], "Year 9 Media");
        assert!(record["exercise"].get("key").is_none() && record["exercise"].get("sealed_key").is_none());
        let back = schema::load_exercise(&record["exercise"].to_string()).unwrap();
        assert_eq!(back.key, Key::Withheld);
        assert_eq!(back.instructions, "Tag the claims.");
    }

    #[test]
    fn join_links_carry_the_server_class_database_and_user_but_no_password() {
        let class = Class::new("Year 9 Media").unwrap();
        let student = Student::new(&class, "Li Wei 李伟", now(), &mut counting());
        let link =
            join_link("https://newsmark.school.example/#old", "http://127.0.0.1:5984", &class.database(), &student);
        assert_eq!(
            link,
            format!(
                "https://newsmark.school.example/#join?server=http%3A%2F%2F127.0.0.1%3A5984&class=newsmark-year-9-media&db={}&user={}",
                student.database, student.username
            )
        );
        assert!(!link.contains(&student.password));
        assert_eq!(
            teacher_link("http://127.0.0.1:8080/", "https://couch.example/a b", "newsmark-x"),
            "http://127.0.0.1:8080/#class?server=https%3A%2F%2Fcouch.example%2Fa%20b&class=newsmark-x"
        );
    }

    #[test]
    fn join_csv_has_a_row_per_student_quoted_where_needed() {
        let class = Class::new("Year 9 Media").unwrap();
        let mut random = counting();
        let students: Vec<Student> =
            ["Okafor, Ada", "李伟"].iter().map(|n| Student::new(&class, n, now(), &mut random)).collect();
        let csv = join_csv("http://127.0.0.1:8080/", "http://127.0.0.1:5984", &class.database(), &students);
        let lines: Vec<&str> = csv.strip_prefix('\u{feff}').unwrap().split("\r\n").collect();
        assert_eq!(lines[0], "student,username,password,database,link");
        assert!(lines[1].starts_with("\"Okafor, Ada\",okafor-"), "{}", lines[1]);
        assert!(lines[2].starts_with("李伟,student-"), "{}", lines[2]);
        assert_eq!(lines.len(), 4, "a row each and the final line end");
    }

    #[test]
    fn file_names_keep_every_script_and_are_unique_and_safe() {
        let names = file_names([
            "Li Wei 李伟",
            "li wei 李伟",
            "../../etc/passwd",
            "अनुष्का",
            "CON",
            "...",
            "Ada: \"the\" <best>?",
        ]);
        assert_eq!(
            names,
            [
                "Li-Wei-李伟.json",
                "li-wei-李伟-2.json",
                "etc-passwd.json",
                "अनुष्का.json",
                "student-CON.json",
                "student.json",
                "Ada-the-best.json"
            ]
        );
        let long = file_names(["👩‍👩‍👧‍👦".repeat(40).as_str()]);
        assert!(long[0].len() <= MAX_STEM_BYTES + 5 && long[0].ends_with("👦.json"), "cut at a whole emoji");
    }

    #[test]
    fn the_class_databases_validate_function_names_the_teacher_as_the_only_writer() {
        let design = class_design();
        let validate = design["validate_doc_update"].as_str().unwrap();
        assert!(validate.contains("Only the teacher can change the class."));
        assert!(student_design()["validate_doc_update"].as_str().unwrap().contains("'checked'"));
        let security = Class::new("Year 9 Media").unwrap().class_security("teacher");
        assert_eq!(security["members"]["roles"], json!(["newsmark-year-9-media"]));
        assert_eq!(student_security("teacher", "li-x7k2")["members"]["names"], json!(["li-x7k2", "teacher"]));
    }
}
