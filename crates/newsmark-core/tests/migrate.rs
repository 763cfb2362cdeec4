//! Files saved in earlier schema versions load in the current one: golden files written
//! by the version 1 build (`tests/golden/v1`) and by the version 2 build
//! (`tests/golden/v2`), never rewritten, and the version 3 files they become
//! (`tests/golden/v3`, rewritten with `UPDATE_GOLDEN=1`).

mod common;

use newsmark_core::agreement;
use newsmark_core::sample_exercise::{sample_exercise, sample_student_sets};
use newsmark_core::{schema, Document};
use serde_json::{json, Value};
use std::path::PathBuf;

/// A golden file written by the version 1 build.
fn version_1(name: &str) -> String {
    written_by("v1", name)
}

/// A golden file of `version` (`v1`, `v2`, `v3`).
fn written_by(version: &str, name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(version).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A sample student's copy as an earlier version saved it: without the exercise's id and
/// the student's name, which version 3 added.
fn as_saved_before_version_3(mut doc: Document) -> Document {
    if let Some(a) = doc.assignment.as_deref_mut() {
        (a.exercise_id, a.student) = (None, None);
    }
    doc
}

fn refused(json: &str) -> String {
    schema::load(json).unwrap_err().to_string()
}

/// Version 1 student file `name`, changed by `f`.
fn changed(name: &str, f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&version_1(name)).unwrap();
    f(&mut v);
    v.to_string()
}

#[test]
fn a_version_1_exercise_loads_as_the_same_exercise_with_its_article_once() {
    let old = version_1("northgate-library.newsmark-exercise.json");
    assert!(old.contains("\"schema_version\": 1"));
    let exercise = schema::load_exercise(&old).unwrap();
    assert_eq!(exercise, sample_exercise(common::NOW));
    let saved = schema::exercise_to_json(&exercise);
    common::golden("v3/northgate-library.newsmark-exercise.json", format!("{saved}\n").as_bytes());
    // The article's text is in the file once, at the top, and the key has none of its own.
    let v: Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(v["schema_version"], 3);
    assert_eq!(saved.matches("\"text\"").count(), 1);
    assert_eq!(v["text"].as_str(), Some(&*exercise.text));
    let mut key: Vec<&str> = v["key"].as_object().unwrap().keys().map(String::as_str).collect();
    key.sort();
    assert_eq!(key, ["annotations", "entities", "relations"]);
    // Opening either version gives a student the same copy.
    assert_eq!(schema::load(&old).unwrap(), schema::load(&saved).unwrap());
}

#[test]
fn a_version_1_student_copy_loads_with_the_key_over_its_own_text() {
    let old = version_1("northgate-student-b.newsmark.json");
    let doc = schema::load_document(&old).unwrap();
    assert_eq!(doc, as_saved_before_version_3(sample_student_sets(common::NOW)[1].1.clone()));
    let saved = schema::document_to_json(&doc);
    common::golden("v3/northgate-student-b.newsmark.json", format!("{saved}\n").as_bytes());
    assert_eq!(saved.matches("\"text\"").count(), 1, "the article is saved once");
    assert!(old.len() > saved.len() + doc.text.len());
    let assignment = &serde_json::from_str::<Value>(&saved).unwrap()["assignment"];
    assert_eq!(assignment.get("checked"), None, "not checked yet");
}

#[test]
fn version_1_checked_work_keeps_the_scores_it_was_saved_with() {
    let old = version_1("northgate-student-a-checked.newsmark.json");
    let v1: Value = serde_json::from_str(&old).unwrap();
    assert_eq!(v1["assignment"]["checked"], true);
    let doc = schema::load_document(&old).unwrap();
    let assignment = doc.assignment.as_ref().unwrap();
    let checked = assignment.checked.as_ref().expect("still checked");
    // Version 1 recorded no time of checking, and wrote the scores of the work as saved.
    assert_eq!(checked.at, None);
    assert_eq!(checked.scores, Some(agreement::check(assignment.key.open().unwrap(), &doc).scores()));
    let saved = schema::document_to_json(&doc);
    common::golden("v3/northgate-student-a-checked.newsmark.json", format!("{saved}\n").as_bytes());
    let v2: Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(v2["assignment"]["checked"], json!({ "scores": v1["assignment"]["scores"] }));
    assert_eq!(schema::load_document(&saved).unwrap(), doc);
}

#[test]
fn version_1_work_checked_before_scores_were_saved_stays_checked() {
    let old = changed("northgate-student-a-checked.newsmark.json", |v| {
        v["assignment"].as_object_mut().unwrap().remove("scores");
    });
    let doc = schema::load_document(&old).unwrap();
    let checked = doc.assignment.as_ref().unwrap().checked.as_ref().expect("still checked");
    assert_eq!((checked.at, checked.scores), (None, None));
    let saved: Value = serde_json::from_str(&schema::document_to_json(&doc)).unwrap();
    assert_eq!(saved["assignment"]["checked"], json!({}));
}

#[test]
fn a_version_1_key_of_another_text_is_refused() {
    let old = changed("northgate-student-b.newsmark.json", |v| {
        let text = v["assignment"]["key"]["text"].as_str().unwrap().replace("Northgate", "Southgate");
        v["assignment"]["key"]["text"] = text.into();
    });
    assert_eq!(
        refused(&old),
        "assignment.key: the answer key's article text differs from this document's text, so its spans would point at other words; a key must be made of the same article"
    );
}

#[test]
fn a_version_1_key_with_an_assignment_of_its_own_is_refused() {
    let old = changed("northgate-student-b.newsmark.json", |v| {
        let inner =
            json!({ "instructions": "", "codebook": [], "checked": false, "key": v["assignment"]["key"].clone() });
        v["assignment"]["key"]["assignment"] = inner;
    });
    assert_eq!(refused(&old), "assignment.key: an answer key cannot have an assignment of its own");
    let exercise = changed("northgate-library.newsmark-exercise.json", |v| {
        v["key"]["assignment"] = json!({ "instructions": "", "codebook": [], "key": v["key"].clone() });
    });
    assert_eq!(
        schema::load_exercise(&exercise).unwrap_err().to_string(),
        "key: an answer key cannot have an assignment of its own"
    );
}

#[test]
fn a_version_1_keys_orphans_and_their_attributions_are_left_out() {
    let old = changed("northgate-student-b.newsmark.json", |v| {
        let key = &mut v["assignment"]["key"];
        let quote = key["annotations"].as_array().unwrap().iter().find(|a| a["tag"] == "quote").unwrap().clone();
        let mut orphan = key["annotations"].as_array().unwrap().iter().find(|a| a["tag"] == "actor").unwrap().clone();
        orphan["id"] = "lost".into();
        orphan["exact"] = "a speaker no longer in the text".into();
        key["orphans"] = json!([orphan]);
        let link = json!({ "id": "to-lost", "kind": "attribution", "from": quote["id"], "to": "lost", "created": "2026-11-25T15:54:07.000Z" });
        key["relations"].as_array_mut().unwrap().push(link);
    });
    let doc = schema::load_document(&old).unwrap();
    let key = &doc.assignment.as_ref().unwrap().key;
    assert_eq!(*key, sample_exercise(common::NOW).key);
    assert!(key.open().unwrap().relations.iter().all(|r| r.id != "to-lost"));
}

#[test]
fn a_version_1_set_migrates_every_document_and_names_where_a_problem_is() {
    let docs: Vec<Document> = sample_student_sets(common::NOW).into_iter().map(|(_, d)| d).collect();
    let mut set = json!({ "schema_version": 1, "kind": "newsmark-set", "documents": [] });
    for name in ["northgate-student-b.newsmark.json", "northgate-student-a-checked.newsmark.json"] {
        let mut doc: Value = serde_json::from_str(&version_1(name)).unwrap();
        doc.as_object_mut().unwrap().retain(|k, _| k != "schema_version" && k != "kind");
        set["documents"].as_array_mut().unwrap().push(doc);
    }
    let loaded = schema::load(&set.to_string()).unwrap();
    assert_eq!(loaded.len(), 2);
    assert_eq!(loaded[0], as_saved_before_version_3(docs[1].clone()));
    assert_eq!(loaded[1].annotations, docs[0].annotations);

    set["documents"][1]["assignment"]["key"]["text"] = "Another article.".into();
    let msg = refused(&set.to_string());
    assert!(msg.starts_with("documents[1].assignment.key: the answer key's article text differs"), "{msg}");
}

const GOLDEN_NAMES: [&str; 3] = [
    "northgate-student-b.newsmark.json",
    "northgate-student-a-checked.newsmark.json",
    "northgate-library.newsmark-exercise.json",
];

#[test]
fn the_version_2_and_3_golden_files_load_as_the_version_1_files_did() {
    for name in GOLDEN_NAMES {
        let v1 = schema::load(&version_1(name)).unwrap();
        assert_eq!(schema::load(&written_by("v2", name)).unwrap(), v1, "{name}");
        assert_eq!(schema::load(&written_by("v3", name)).unwrap(), v1, "{name}");
    }
}

#[test]
fn a_version_2_file_becomes_version_3_with_the_same_meaning() {
    for name in GOLDEN_NAMES {
        let v2 = written_by("v2", name);
        assert!(v2.contains("\"schema_version\": 2"), "{name} is as the version 2 build wrote it");
        let docs = schema::load(&v2).unwrap();
        let assignment = docs[0].assignment.as_deref().unwrap();
        // Version 2 kept the key in the open, and recorded no name, exercise or work at the check.
        assert!(assignment.key.open().is_some(), "{name}");
        assert_eq!(assignment.student, None, "{name}");
        let is_exercise = name.ends_with("newsmark-exercise.json");
        // An exercise file gives a fresh copy, which knows its exercise.
        assert_eq!(assignment.exercise_id.is_some(), is_exercise, "{name}");
        assert!(assignment.checked.as_ref().is_none_or(|c| c.work.is_none()), "{name}");
        // Saved again, the file is the version 3 golden file, which says the same.
        let again = match schema::load_exercise(&v2) {
            Ok(exercise) => schema::exercise_to_json(&exercise),
            Err(_) => schema::document_to_json(&docs[0]),
        };
        assert_eq!(format!("{again}\n"), written_by("v3", name), "{name}");
    }
}

#[test]
fn graded_exercise_files_are_pinned_by_golden_files() {
    use newsmark_core::exercise::{Exercise, Key};
    use newsmark_core::seal;
    let exercise = sample_exercise(common::NOW);
    let key = schema::key_to_json(exercise.key.open().unwrap());
    // Fixed salt, nonce and few rounds, so that the file is the same on every run.
    let sealed = seal::seal(key.as_bytes(), "orange ferry lantern", [3; 16], [5; 12], 1_000);
    for (name, key) in [("sealed", Key::Sealed(sealed)), ("withheld", Key::Withheld)] {
        let graded = Exercise { key, ..exercise.clone() };
        let saved = schema::exercise_to_json(&graded);
        let file = format!("v3/northgate-library-{name}.newsmark-exercise.json");
        common::golden(&file, format!("{saved}\n").as_bytes());
        assert_eq!(schema::load_exercise(&written_by("v3", &file[3..])).unwrap(), graded);
    }
}
