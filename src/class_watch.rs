//! The teacher's live reads of a class: the teacher database (roster, exercise and key),
//! then each student's database through its change feed, a few requests at a time, each
//! student at most every two seconds, so that a class of thirty never holds thirty
//! connections open (browsers allow six per server).
//!
//! What is read goes to the Class view as [`News`]; the view keeps it in its own state.
//! While the tab is hidden nothing is read.

use crate::couch::{self, CouchError};
use newsmark_core::class::feed::Feed;
use newsmark_core::class::records;
use newsmark_core::class::teacher::{self, Progress, Student};
use newsmark_core::exercise::Exercise;
use newsmark_core::{Document, Timestamp};
use serde_json::Value;
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use yew::Callback;

/// How often each student's database is read, at most.
const ROUND_MS: f64 = 2000.0;
/// How many students' databases are read at once.
const AT_ONCE: usize = 3;
/// Every this many rounds the roster is read again (a student added meanwhile).
const ROSTER_EVERY: u32 = 15;
/// A database that could not be read is tried again every this many rounds only.
const RETRY_EVERY: u32 = 5;

/// The class as the teacher database and the class database describe it.
#[derive(Clone, Debug, PartialEq)]
pub struct Class {
    /// The class's name as the teacher gave it (the class database's name if unreadable).
    pub name: String,
    pub students: Vec<Student>,
    /// The exercise with its key, or why it could not be read.
    pub exercise: Result<Arc<Exercise>, String>,
    /// The `reveal` record now in the class database, if the key was revealed.
    pub reveal: Option<Value>,
}

/// One student's work as last read.
#[derive(Clone, Debug, PartialEq)]
pub enum Work {
    /// Not read yet.
    Waiting,
    Read {
        document: Arc<Document>,
        progress: Progress,
        /// How many records were left out as damaged.
        dropped: usize,
    },
    /// Their database could not be read: why, in a sentence.
    Unreadable(String),
}

/// What a round of reads brought.
pub enum News {
    Class(Result<Class, String>),
    Work {
        database: String,
        work: Work,
    },
    /// A round ended at this time.
    Polled(Timestamp),
}

/// Reads the teacher database and the class record.
pub async fn read_class(server: &str, class: &str) -> Result<Class, CouchError> {
    let all =
        couch::get(server, &format!("/{class}-teacher/_all_docs?include_docs=true"), "teacher database for this class")
            .await?;
    let read = teacher::read_teacher_records(&all);
    let name = match couch::get(server, &format!("/{class}/class"), "class record").await {
        Ok(record) => record.get("name").and_then(Value::as_str).unwrap_or(class).to_owned(),
        Err(_) => class.to_owned(),
    };
    let reveal = crate::class_reveal::fetch(server, class).await?;
    Ok(Class { name, students: read.students, exercise: read.exercise.map(Arc::new), reveal })
}

/// Reads `class` until the returned flag is set to false (the view closed).
pub fn watch(server: String, class: String, news: Callback<News>) -> Rc<Cell<bool>> {
    let alive = Rc::new(Cell::new(true));
    let running = alive.clone();
    yew::platform::spawn_local(async move {
        let mut feeds: HashMap<String, Feed> = HashMap::new();
        let mut failing: HashMap<String, String> = HashMap::new();
        let mut students: Vec<Student> = Vec::new();
        let mut round = 0u32;
        // Whether the class itself could not be read last time (signed out, say).
        let mut class_failed = false;
        // Whether a student's database failed for the first time in the last round: the
        // class is read again, to tell a session that ended from one database gone.
        let mut newly_failing = false;
        while running.get() {
            let started = js_sys::Date::now();
            // Nobody is looking at a hidden tab: the server is spared until it shows again.
            if gloo::utils::document().hidden() {
                gloo::timers::future::TimeoutFuture::new(ROUND_MS as u32).await;
                continue;
            }
            // A round in which every student is read, those who failed included.
            let mut everyone = round.is_multiple_of(RETRY_EVERY);
            if round.is_multiple_of(ROSTER_EVERY) || students.is_empty() || class_failed || newly_failing {
                match read_class(&server, &class).await {
                    Ok(read) => {
                        // Back after a failure (signed in again): read everyone now.
                        everyone |= class_failed;
                        class_failed = false;
                        students = read.students.clone();
                        news.emit(News::Class(Ok(read)));
                    }
                    Err(why) => {
                        class_failed = true;
                        news.emit(News::Class(Err(why.to_string())));
                    }
                }
            }
            newly_failing = false;
            let due: Vec<&Student> =
                students.iter().filter(|s| !failing.contains_key(&s.database) || everyone).collect();
            for chunk in due.chunks(AT_ONCE) {
                let reads =
                    chunk.iter().map(|s| {
                        let since = feeds.get(&s.database).map_or_else(|| "0".to_owned(), Feed::since_param);
                        let path = format!("/{}/_changes?since={since}&include_docs=true&conflicts=true", s.database);
                        let server = server.clone();
                        async move {
                            couch::get(&server, &path, "database for this student (it may have been deleted)").await
                        }
                    });
                let answers = futures::future::join_all(reads).await;
                if !running.get() {
                    return;
                }
                for (student, answer) in chunk.iter().zip(answers) {
                    let feed = feeds.entry(student.database.clone()).or_default();
                    let first = feed.since.is_none();
                    let read =
                        answer.map_err(|e| e.to_string()).and_then(|a| feed.apply(&a).map_err(|e| e.to_string()));
                    let work = match read {
                        Ok(changed) if changed || first || failing.contains_key(&student.database) => {
                            failing.remove(&student.database);
                            Some(assembled(feed))
                        }
                        Ok(_) => None,
                        Err(why) if failing.get(&student.database) != Some(&why) => {
                            newly_failing |= !failing.contains_key(&student.database);
                            failing.insert(student.database.clone(), why.clone());
                            Some(Work::Unreadable(why))
                        }
                        Err(_) => None,
                    };
                    if let Some(work) = work {
                        news.emit(News::Work { database: student.database.clone(), work });
                    }
                }
            }
            news.emit(News::Polled(crate::browser::now()));
            round += 1;
            let wait = ROUND_MS - (js_sys::Date::now() - started);
            if wait > 0.0 {
                gloo::timers::future::TimeoutFuture::new(wait as u32).await;
            }
        }
    });
    alive
}

/// The student's document made of the records read so far.
fn assembled(feed: &Feed) -> Work {
    if feed.is_empty() {
        return Work::Unreadable("Their database is empty: the class may not have been set up for them yet.".into());
    }
    match records::assemble(&feed.stored()) {
        Ok(work) => {
            Work::Read { progress: Progress::of(&work), dropped: work.dropped.len(), document: Arc::new(work.document) }
        }
        Err(why) => Work::Unreadable(format!("Their work could not be read: {why}.")),
    }
}
