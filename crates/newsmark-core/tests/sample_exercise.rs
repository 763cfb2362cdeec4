//! The sample exercise and the three students' attempts: they save and load cleanly, the
//! key is complete, the students' mistakes are the ones they are meant to show, and the
//! files under `samples/` match the code (rewrite them with `UPDATE_SAMPLES=1`).

use newsmark_core::sample_exercise::{sample_exercise, sample_student_sets};
use newsmark_core::{schema, ActorKind, Annotation, Document, Reading, Tag, Timestamp};
use std::path::PathBuf;

const NOW: Timestamp = Timestamp(1_795_622_047_000);

#[test]
fn the_exercise_saves_and_loads_back_equal() {
    let exercise = sample_exercise(NOW);
    let json = schema::exercise_to_json(&exercise);
    assert_eq!(schema::load_exercise(&json).unwrap(), exercise);
    assert_eq!(schema::exercise_to_json(&schema::load_exercise(&json).unwrap()), json);
}

#[test]
fn opening_the_exercise_gives_a_blank_student_copy() {
    let exercise = sample_exercise(NOW);
    let docs = schema::load(&schema::exercise_to_json(&exercise)).unwrap();
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert!(doc.annotations.is_empty() && doc.relations.is_empty() && doc.entities.is_empty());
    assert_eq!(doc.text, exercise.text);
    assert_eq!((&doc.title, &doc.byline), (&exercise.title, &exercise.byline));
    let assignment = doc.assignment.as_ref().expect("a student copy carries its assignment");
    assert_eq!(assignment.instructions, exercise.instructions);
    assert_eq!(assignment.key, exercise.key);
    assert!(assignment.checked.is_none());
}

#[test]
fn the_key_is_complete() {
    let exercise = sample_exercise(NOW);
    assert!(exercise.byline.as_deref().unwrap().contains("Newsmark"));
    let key = exercise.key.open().unwrap().reading();
    assert!((14..=22).contains(&key.annotations.len()), "{} key annotations", key.annotations.len());
    let words = exercise.text.split_whitespace().count();
    assert!((300..=380).contains(&words), "{words} words");
    assert!((6..=8).contains(&exercise.text.split("\n\n").count()));
    for a in key.annotations {
        assert!(a.note.as_deref().is_some_and(|n| n.ends_with('.')), "{} has no explanation", a.id);
        match a.tag {
            Tag::Quote => {
                assert!(a.details.speech.is_some(), "{} says neither direct nor reported", a.id);
                assert!(key.attributed_actor(&a.id).is_some(), "quote {} is not attributed", a.id);
            }
            Tag::Claim => {
                assert!(a.details.claim_type.is_some() && a.details.check.is_some(), "claim {}", a.id);
            }
            Tag::Actor => {
                let entity = a.details.entity.as_deref().expect("every actor mention names its actor");
                assert!(key.entity(entity).is_some(), "{} names an unknown actor", a.id);
            }
        }
    }
    // Every actor is mentioned, and the named people more than once.
    for e in key.entities {
        let mentions = key.annotations.iter().filter(|a| a.details.entity.as_deref() == Some(e.id.as_str())).count();
        let least = if e.kind == ActorKind::Person { 2 } else { 1 };
        assert!(mentions >= least, "{} is mentioned {mentions} times", e.id);
    }
    let counts = key.counts();
    assert!(counts.iter().all(|&n| n >= 5), "{counts:?}");
}

#[test]
fn each_student_set_saves_and_loads_back_equal() {
    let exercise = sample_exercise(NOW);
    let sets = sample_student_sets(NOW);
    assert_eq!(sets.len(), 3);
    let mut ids: Vec<_> = sets.iter().map(|(_, d)| d.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3);
    for (name, doc) in &sets {
        let json = schema::document_to_json(doc);
        assert_eq!(&schema::load_document(&json).unwrap(), doc, "{name}");
        assert_eq!(doc.assignment.as_ref().unwrap().key, exercise.key, "{name}");
        assert_eq!(doc.text, exercise.text);
    }
}

/// The share of the union of two spans that they have in common.
fn iou(a: &Annotation, b: &Annotation) -> f64 {
    let common = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    common as f64 / (a.end.max(b.end) - a.start.min(b.start)) as f64
}

/// How a student's work compares with the key.
#[derive(Debug, Default)]
struct Comparison {
    /// Key spans found with the right tag, and how many of those have exactly the key's span.
    found: usize,
    exact: usize,
    missed: usize,
    /// Student spans that match no key span.
    extra: usize,
    /// Student spans over a key span, with another tag.
    wrong_tag: usize,
    /// Key quotes found and linked to an actor: to the right one, and to the wrong one.
    right_speaker: usize,
    wrong_speaker: usize,
    /// Key quotes found but not linked.
    unlinked_quotes: usize,
}

fn compare(key: Reading, work: &Document) -> Comparison {
    let best = |k: &Annotation| {
        work.annotations.iter().filter(|s| iou(k, s) >= 0.5).max_by(|a, b| iou(k, a).total_cmp(&iou(k, b)))
    };
    let key_entity = |mention: &Annotation| {
        key.annotations
            .iter()
            .filter(|k| k.tag == Tag::Actor && iou(k, mention) >= 0.5)
            .find_map(|k| k.details.entity.clone())
    };
    let mut c = Comparison::default();
    for k in key.annotations {
        match best(k) {
            Some(s) if s.tag == k.tag => {
                c.found += 1;
                c.exact += usize::from((s.start, s.end) == (k.start, k.end));
                if k.tag == Tag::Quote {
                    let want = key.attributed_actor(&k.id).and_then(|a| a.details.entity.clone());
                    match work.attributed_actor(&s.id) {
                        None => c.unlinked_quotes += 1,
                        Some(actor) if key_entity(actor) == want => c.right_speaker += 1,
                        Some(_) => c.wrong_speaker += 1,
                    }
                }
            }
            Some(_) => c.wrong_tag += 1,
            None => c.missed += 1,
        }
    }
    c.extra = work.annotations.iter().filter(|s| key.annotations.iter().all(|k| iou(k, s) < 0.5)).count();
    c
}

#[test]
fn the_students_make_the_mistakes_they_are_meant_to() {
    let exercise = sample_exercise(NOW);
    let key = exercise.key.open().unwrap().reading();
    let sets = sample_student_sets(NOW);
    let [(a_name, a), (b_name, b), (c_name, c)] = &sets[..] else { panic!("three students") };
    let (a, b, c) = (compare(key, a), compare(key, b), compare(key, c));
    let total = key.annotations.len();
    let quotes = key.counts()[Tag::Quote as usize];
    eprintln!("{a_name}: {a:?}\n{b_name}: {b:?}\n{c_name}: {c:?}");

    // A: close to the key: one actor missed, one extra claim, a few spans a little long.
    assert_eq!((a.found, a.missed, a.extra, a.wrong_tag), (total - 1, 1, 1, 0));
    assert!(a.exact < a.found);
    assert_eq!((a.right_speaker, a.wrong_speaker, a.unlinked_quotes), (quotes, 0, 0));

    // B: many mentions and both reported quotes missed, quotes left unlinked, one linked to the wrong speaker.
    assert!(b.missed >= 8 && b.exact < b.found && b.extra == 0, "{b:?}");
    assert_eq!((b.right_speaker, b.wrong_speaker), (1, 1));
    assert!(b.unlinked_quotes >= 2);

    // C: the mayor's quote tagged as a claim, an extra claim, some missed, spans longer and shorter.
    assert_eq!((c.wrong_tag, c.extra, c.wrong_speaker), (1, 1, 0));
    assert!(c.missed >= 3 && c.exact < c.found, "{c:?}");
}

#[test]
fn student_c_calls_opinions_and_predictions_facts() {
    use newsmark_core::ClaimType;
    let key = sample_exercise(NOW).key.open().unwrap().clone();
    let sets = sample_student_sets(NOW);
    let c = &sets[2].1;
    let mislabelled = key
        .annotations
        .iter()
        .filter(|k| matches!(k.details.claim_type, Some(ClaimType::Opinion | ClaimType::Prediction)))
        .filter(|k| {
            c.annotations
                .iter()
                .any(|s| s.tag == Tag::Claim && iou(k, s) >= 0.5 && s.details.claim_type == Some(ClaimType::Fact))
        })
        .count();
    assert_eq!(mislabelled, 2);
}

/// Compares `json` with `samples/NAME`, or writes it there when `UPDATE_SAMPLES` is set.
fn sample_file(name: &str, json: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples").join(name);
    let bytes = format!("{json}\n");
    if std::env::var_os("UPDATE_SAMPLES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &bytes).unwrap();
    }
    let saved = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no sample file {}: create it with UPDATE_SAMPLES=1", path.display()));
    assert!(
        saved == bytes,
        "{} differs from what the code produces; rerun with UPDATE_SAMPLES=1 if the change is intended",
        path.display()
    );
}

#[test]
fn the_sample_files_match_the_code() {
    sample_file("northgate-library.newsmark-exercise.json", &schema::exercise_to_json(&sample_exercise(NOW)));
    let files = ["northgate-student-a", "northgate-student-b", "northgate-student-c"];
    for (file, (_, doc)) in files.into_iter().zip(sample_student_sets(NOW)) {
        assert_eq!(doc.id, file);
        sample_file(&format!("{file}.newsmark.json"), &schema::document_to_json(&doc));
    }
}

#[test]
fn exports_of_a_students_copy_hold_the_students_annotations_not_the_keys() {
    use newsmark_core::formats::{self, Format};
    let exercise = sample_exercise(NOW);
    let (_, student) = sample_student_sets(NOW).remove(1);
    let explanations: Vec<&str> =
        exercise.key.open().unwrap().annotations.iter().filter_map(|a| a.note.as_deref()).collect();
    let spans = |doc: &Document| doc.annotations.iter().map(|a| (a.tag, a.start, a.end)).collect::<Vec<_>>();
    for format in Format::ALL.into_iter().filter(|&f| f != Format::Newsmark) {
        let exported = formats::export(format, std::slice::from_ref(&student)).unwrap();
        assert!(
            exported.left_out.iter().any(|l| l.contains("The exercise (instructions, codebook and answer key)")),
            "{format}: {:?}",
            exported.left_out
        );
        let text = String::from_utf8_lossy(&exported.bytes);
        for note in &explanations {
            assert!(!text.contains(note), "{format} carries the key's explanation {note:?}");
        }
        if format.importable() {
            let mut ids = 0;
            let mut id = || {
                ids += 1;
                format!("i{ids}")
            };
            let back = formats::import(format, &exported.bytes, Some(&student.text), &mut id, NOW).unwrap();
            assert_eq!(spans(&back.documents[0]), spans(&student), "{format}");
        }
    }
}
