//! Exercise files: `schema::load_exercise` on arbitrary input. An exercise that loads
//! must have a sound key over its article, save and load back equal, and give a student's
//! copy that saves and loads back equal, before and after checking (which records the
//! scores of the work at that moment, and the work itself). A sealed or withheld key is
//! carried as it is.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark_core::{agreement, schema, Action, Workspace};

fuzz_target!(|data: &[u8]| {
    let json = String::from_utf8_lossy(data);
    let Ok(exercise) = schema::load_exercise(&json) else { return };
    let saved = schema::exercise_to_json(&exercise);
    let again =
        schema::load_exercise(&saved).unwrap_or_else(|e| panic!("a saved exercise does not load: {e}\n{saved}"));
    assert!(again == exercise, "a saved exercise loads back different:\n{saved}");
    // A sealed or withheld key is only carried: its copy must save and load back equal.
    let Some(key) = exercise.key.open() else {
        let student = exercise.start("student", newsmark_fuzz::NOW);
        newsmark_fuzz::check_document(&student);
        newsmark_fuzz::check_saved_round_trip(std::slice::from_ref(&student));
        return;
    };
    newsmark_fuzz::check_key(&exercise.text, key);
    newsmark_fuzz::check_document(&exercise.key_document().expect("the key is open"));

    // The student's copy, as the app makes it on import.
    let mut student = exercise.start("student", newsmark_fuzz::NOW);
    newsmark_fuzz::check_document(&student);
    newsmark_fuzz::check_saved_round_trip(std::slice::from_ref(&student));
    // A student who tagged exactly the key, then checked the work: every key span matched.
    student.annotations = key.annotations.clone();
    student.relations = key.relations.clone();
    student.entities = key.entities.clone();
    let mut ws = Workspace::with_documents(vec![student]);
    ws.apply(Action::CheckExercise { doc: "student".into() }, newsmark_fuzz::NOW).expect("the copy exists");
    let student = ws.document("student").expect("the copy exists");
    let checked = student.assignment.as_ref().and_then(|a| a.checked.as_ref()).expect("checking records the check");
    let scores = checked.scores.expect("checking records the scores");
    assert_eq!(scores, agreement::check(key, student).scores());
    assert_eq!((scores.overall.tp, scores.overall.fp, scores.overall.fn_), (key.annotations.len(), 0, 0));
    let work = checked.work.as_ref().expect("checking keeps the work as it was");
    assert_eq!(work.annotations, student.annotations);
    newsmark_fuzz::check_document(student);
    newsmark_fuzz::check_saved_round_trip(std::slice::from_ref(student));
});
