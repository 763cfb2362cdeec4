//! Exercise files: `schema::load_exercise` on arbitrary input. An exercise that loads
//! must have a sound key over its article, save and load back equal, and give a student's
//! copy that saves and loads back equal, before and after checking (which records the
//! scores of the work at that moment).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark_core::{agreement, schema, Action, Workspace};

fuzz_target!(|data: &[u8]| {
    let json = String::from_utf8_lossy(data);
    let Ok(exercise) = schema::load_exercise(&json) else { return };
    newsmark_fuzz::check_key(&exercise.text, &exercise.key);
    newsmark_fuzz::check_document(&exercise.key_document());
    let saved = schema::exercise_to_json(&exercise);
    let again =
        schema::load_exercise(&saved).unwrap_or_else(|e| panic!("a saved exercise does not load: {e}\n{saved}"));
    assert!(again == exercise, "a saved exercise loads back different:\n{saved}");

    // The student's copy, as the app makes it on import.
    let mut student = exercise.start("student", newsmark_fuzz::NOW);
    newsmark_fuzz::check_document(&student);
    newsmark_fuzz::check_saved_round_trip(std::slice::from_ref(&student));
    // A student who tagged exactly the key, then checked the work: every key span matched.
    student.annotations = exercise.key.annotations.clone();
    student.relations = exercise.key.relations.clone();
    student.entities = exercise.key.entities.clone();
    let mut ws = Workspace::with_documents(vec![student]);
    ws.apply(Action::CheckExercise { doc: "student".into() }, newsmark_fuzz::NOW).expect("the copy exists");
    let student = ws.document("student").expect("the copy exists");
    let checked = student.assignment.as_ref().and_then(|a| a.checked.as_ref()).expect("checking records the check");
    let scores = checked.scores.expect("checking records the scores");
    assert_eq!(scores, agreement::check(&exercise.key, student).scores());
    assert_eq!((scores.overall.tp, scores.overall.fp, scores.overall.fn_), (exercise.key.annotations.len(), 0, 0));
    newsmark_fuzz::check_document(student);
    newsmark_fuzz::check_saved_round_trip(std::slice::from_ref(student));
});
