//! Exercise files: `schema::load_exercise` on arbitrary input. An exercise that loads
//! must have a sound key, save and load back equal, and give a student's copy that
//! saves and loads back equal, before and after checking (which scores the work).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark_core::schema;

fuzz_target!(|data: &[u8]| {
    let json = String::from_utf8_lossy(data);
    let Ok(exercise) = schema::load_exercise(&json) else { return };
    newsmark_fuzz::check_document(&exercise.key);
    let saved = schema::exercise_to_json(&exercise);
    let again =
        schema::load_exercise(&saved).unwrap_or_else(|e| panic!("a saved exercise does not load: {e}\n{saved}"));
    assert!(again == exercise, "a saved exercise loads back different:\n{saved}");

    // The student's copy, as the app makes it on import.
    let mut student = exercise.start("student", newsmark_fuzz::NOW);
    newsmark_fuzz::check_document(&student);
    newsmark_fuzz::check_saved_round_trip(std::slice::from_ref(&student));
    // A student who tagged exactly the key, then checked the work.
    student.annotations = exercise.key.annotations.clone();
    student.orphans = exercise.key.orphans.clone();
    student.relations = exercise.key.relations.clone();
    student.entities = exercise.key.entities.clone();
    if let Some(assignment) = student.assignment.as_mut() {
        assignment.checked = true;
    }
    newsmark_fuzz::check_document(&student);
    newsmark_fuzz::check_saved_round_trip(std::slice::from_ref(&student));
});
