//! `newsmark compare` and `newsmark agree` run as a teacher runs them: on saved files,
//! reading the figures they print and their exit status.

mod common;
use common::{newsmark, scratch, stderr, stdout, write};

use newsmark_core::exercise::{default_codebook, Exercise};
use newsmark_core::{schema, Action, Document, Tag, Timestamp, Workspace};
use serde_json::Value;

const NOW: Timestamp = Timestamp(1_795_622_047_000);

/// Word w (counting from 0) of this text spans w·5 .. w·5 + 4.
const TEXT: &str = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj";

/// `doc` with spans `(id, tag, start, end)` and attributions `(from, to)` added as a person adds them.
fn annotate(doc: Document, spans: &[(&str, Tag, usize, usize)], attributions: &[(&str, &str)]) -> Document {
    let id = doc.id.clone();
    let mut ws = Workspace::with_documents(vec![doc]);
    for &(a, tag, start, end) in spans {
        ws.apply(Action::AddAnnotation { doc: id.clone(), id: a.into(), tag, start, end }, NOW).unwrap();
    }
    for (n, &(from, to)) in attributions.iter().enumerate() {
        let action = Action::Attribute { doc: id.clone(), id: format!("r{n}"), from: from.into(), to: to.into() };
        ws.apply(action, NOW).unwrap();
    }
    (*ws.documents()[0]).clone()
}

//            aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj
// key:      [claim:0..9]   [quote]     [actor]      [claim:35..44]
//                          15..19      25..29
// alice:    [claim:0..14 ] [claim]          [actor]      [claim]
//                          15..19           30..34       40..44
const KEY_SPANS: [(&str, Tag, usize, usize); 4] =
    [("k0", Tag::Claim, 0, 9), ("k1", Tag::Quote, 15, 19), ("k2", Tag::Actor, 25, 29), ("k3", Tag::Claim, 35, 44)];
const ALICE_SPANS: [(&str, Tag, usize, usize); 4] =
    [("s0", Tag::Claim, 0, 14), ("s1", Tag::Claim, 15, 19), ("s2", Tag::Actor, 30, 34), ("s3", Tag::Claim, 40, 44)];

/// The exercise file, alice.json (a student's copy) and class.json (a set of bob's
/// perfect copy and carol's empty one).
fn class_files() -> (String, String, String) {
    let key = annotate(Document::new("key", "Letters", TEXT, NOW), &KEY_SPANS, &[("k0", "k2")]);
    let exercise = Exercise::from_document(&key, "Tag the claims.".into(), default_codebook());
    let alice = annotate(exercise.start("alice", NOW), &ALICE_SPANS, &[("s0", "s2")]);
    let bob = annotate(exercise.start("bob", NOW), &KEY_SPANS, &[("k0", "k2")]);
    let carol = exercise.start("carol", NOW);
    (
        write("exercise.json", &schema::exercise_to_json(&exercise)),
        write("alice.json", &schema::document_to_json(&alice)),
        write("class.json", &schema::set_to_json(&[bob, carol])),
    )
}

#[test]
fn compare_prints_hand_worked_figures() {
    let (exercise, alice, class) = class_files();
    let out = newsmark(&["compare", &exercise, &alice, &class]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // Alice: k0–s0 match (IoU 9/14); s1 tags the quote k1 as a claim (a miss of a quote and
    // an extra claim); k2 and s2 do not overlap; k3–s3 have IoU 4/9 < 0.5.
    //   Claim: found 1, missed 1 (k3), extra 2 (s1, s3): precision 1/3, recall 1/2, F1 2/5.
    //   Quote: missed 1: precision undefined, recall 0, F1 0.
    //   Actor: missed 1, extra 1: all 0.
    //   Overall: 1, 3, 3: 1/4 each.
    //   The key gives claim k0 to "ffff" (k2); Alice gave it to "gggg": 0 of 1.
    let alice_block = "\
alice.json
               found  missed  extra  precision  recall      F1
  Claim            1       1      2      33.3%   50.0%   40.0%
  Quote            0       1      0          –    0.0%    0.0%
  Actor            0       1      1       0.0%    0.0%    0.0%
  Overall          1       3      3      25.0%   25.0%   25.0%
  Attribution 0 of 1
";
    assert!(text.starts_with(alice_block), "{text}");
    assert!(text.contains("\nclass.json#bob\n"), "{text}");
    assert!(text.contains("  Overall          4       0      0     100.0%  100.0%  100.0%\n  Attribution 1 of 1\n"));
    // Carol tagged nothing: precision undefined, recall and F1 0, no attributions to judge.
    assert!(text.contains("class.json#carol\n"), "{text}");
    assert!(text.contains("  Overall          0       4      0          –    0.0%    0.0%\n  Attribution 0 of 0\n"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(newsmark_core::agreement::MATCHING_RULE), "the matching rule follows the figures: {text}");
}

#[test]
fn compare_json_holds_the_same_figures() {
    let (exercise, alice, class) = class_files();
    let out = newsmark(&["compare", "--json", &exercise, &alice, &class]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["key"], "exercise.json");
    let students = json["students"].as_array().unwrap();
    let files: Vec<&str> = students.iter().map(|s| s["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["alice.json", "class.json#bob", "class.json#carol"]);
    let claim = &students[0]["per_tag"]["claim"];
    assert_eq!((claim["tp"].as_u64(), claim["fp"].as_u64(), claim["fn"].as_u64()), (Some(1), Some(2), Some(1)));
    assert!((claim["precision"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(claim["recall"].as_f64(), Some(0.5));
    assert!((claim["f1"].as_f64().unwrap() - 0.4).abs() < 1e-12);
    assert!(students[0]["per_tag"]["quote"]["precision"].is_null());
    assert_eq!(students[0]["overall"]["f1"].as_f64(), Some(0.25));
    assert_eq!(students[0]["attribution"], serde_json::json!({"correct": 0, "total": 1}));
    assert_eq!(students[1]["attribution"], serde_json::json!({"correct": 1, "total": 1}));
    let verdicts: Vec<&str> =
        students[0]["verdicts"].as_array().unwrap().iter().map(|v| v["verdict"].as_str().unwrap()).collect();
    assert_eq!(verdicts, ["matched", "wrong_tag", "missed", "extra", "missed", "extra"]);
    assert_eq!(students[0]["verdicts"][0]["attribution"], false);
    // A stable key order: the same as written, tags in claim, quote, actor order.
    let order = [
        "\"file\"",
        "\"document\"",
        "\"per_tag\"",
        "\"claim\"",
        "\"quote\"",
        "\"actor\"",
        "\"overall\"",
        "\"attribution\"",
    ];
    let at: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(text.contains("{\"tp\": 1, \"fp\": 2, \"fn\": 1, \"precision\": "), "{text}");
}

/// Two annotators of "abcdefghij":
///
///   unit:  0 1 2 3 4 5 6 7 8 9
///   A:     C C C C . . . a a .     claim 0..4, actor 7..9
///   B:     . . C C C C . a a .     claim 2..6, actor 7..9
fn two_annotators() -> (String, String) {
    let a = annotate(
        Document::new("a", "Letters", "abcdefghij", NOW),
        &[("c", Tag::Claim, 0, 4), ("x", Tag::Actor, 7, 9)],
        &[],
    );
    let b = annotate(
        Document::new("b", "Letters", "abcdefghij", NOW),
        &[("c", Tag::Claim, 2, 6), ("x", Tag::Actor, 7, 9)],
        &[],
    );
    (write("ann-a.json", &schema::document_to_json(&a)), write("ann-b.json", &schema::document_to_json(&b)))
}

#[test]
fn agree_prints_pairwise_f1_and_alpha() {
    let (a, b) = two_annotators();
    let out = newsmark(&["agree", &a, &b]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // F1: the claims overlap 2 of 6 code points (IoU 1/3, no match), the actors match:
    // tp 1, fp 1, fn 1, F1 = 2 / (2 + 1 + 1) = 50%.
    // Claim alpha: o₁₁ = 4, o₀₁ = o₁₀ = 4, o₀₀ = 8; n₀ = 12, n₁ = 8, n = 20;
    //   D_o = 8/20, D_e = 2·12·8/(20·19); α = 1 − 0.4·380/192 = 5/24 ≈ 0.208.
    // Actor alpha: no disagreement, 1. Quote: nobody tagged one, undefined.
    let expected = "\
Pairwise F1 (all tags)
              ann-a.json  ann-b.json
  ann-a.json      100.0%       50.0%
  ann-b.json       50.0%      100.0%

Krippendorff's alpha (nominal, each code point a unit)
  Claim    0.208
  Quote        –
  Actor    1.000

A span matches a span of the answer key";
    assert!(text.starts_with(expected), "{text}");
}

#[test]
fn agree_json_holds_the_same_figures() {
    let (a, b) = two_annotators();
    let out = newsmark(&["agree", &a, "--json", &b]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["annotators"], serde_json::json!(["ann-a.json", "ann-b.json"]));
    assert_eq!(json["pairwise_f1"], serde_json::json!([[1.0, 0.5], [0.5, 1.0]]));
    assert!((json["alpha"]["claim"].as_f64().unwrap() - 5.0 / 24.0).abs() < 1e-12);
    assert!(json["alpha"]["quote"].is_null());
    assert_eq!(json["alpha"]["actor"].as_f64(), Some(1.0));
}

#[test]
fn refuses_annotations_of_different_texts() {
    let (a, b) = two_annotators();
    let other = Document::new("c", "Other", "abcdefghiX", NOW);
    let c = write("other-text.json", &schema::document_to_json(&other));
    let out = newsmark(&["agree", &a, &b, &c]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "newsmark: ann-a.json and other-text.json annotate different texts; agreement needs annotations of the same article\n"
    );
    assert!(stdout(&out).is_empty());
    let out = newsmark(&["compare", &a, &c]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("other-text.json: its article text differs from the key's (ann-a.json)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_input_gets_a_one_line_reason() {
    let (a, _) = two_annotators();
    let missing = scratch("missing.json").to_string_lossy().into_owned();
    let damaged = write("damaged.json", "{\"schema_version\": 1, \"kind\": \"newsmark-document\"");
    for (args, reason) in [
        (vec!["compare", a.as_str()], "compare needs one or more STUDENT files"),
        (vec!["compare"], "compare needs a KEY file"),
        (vec!["agree", a.as_str()], "agree needs two or more annotations"),
        (vec!["agree", a.as_str(), missing.as_str()], "cannot read"),
        (vec!["agree", a.as_str(), damaged.as_str()], "damaged.json is refused: this is not valid JSON"),
        (vec!["compare", "--tsv", a.as_str(), a.as_str()], "unknown option --tsv"),
        (vec!["agree", "--csv", a.as_str(), a.as_str()], "agree takes no --key or --csv"),
    ] {
        let out = newsmark(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with("newsmark: ") && err.contains(reason), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn help_lists_the_new_commands() {
    let out = newsmark(&["--help"]);
    let text = stdout(&out);
    assert!(
        text.contains("newsmark compare [--json | --csv] KEY STUDENT...")
            && text.contains("newsmark compare --key KEY [--json | --csv] STUDENT...")
            && text.contains("newsmark agree [--json] FILE...")
    );
}

#[test]
fn json_output_holds_any_file_name_and_parses_back() {
    // Quotes, a backslash, control characters (a tab, U+0001, U+001F), an emoji sequence
    // and a right-to-left name, in the file names shown and in a set's document ids.
    let odd = "q\"uo\\te\t\u{1}\u{1f} \u{1F469}\u{1F3FD}\u{200D}\u{1F52C} وزير";
    let key = annotate(Document::new("key", "Letters", TEXT, NOW), &KEY_SPANS, &[("k0", "k2")]);
    let alice = annotate(Document::new(format!("alice {odd}"), "Letters", TEXT, NOW), &ALICE_SPANS, &[]);
    let bob = annotate(Document::new(format!("bob {odd}"), "Letters", TEXT, NOW), &KEY_SPANS, &[]);
    let key_file = write(&format!("key {odd}.json"), &schema::document_to_json(&key));
    let class_file = write(&format!("class {odd}.json"), &schema::set_to_json(&[alice, bob]));

    let out = newsmark(&["compare", "--json", &key_file, &class_file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["key"], format!("key {odd}.json"));
    assert_eq!(json["students"][0]["file"], format!("class {odd}.json#alice {odd}"));
    assert_eq!(json["students"][1]["document"], format!("bob {odd}"));
    assert_eq!(json["students"][1]["overall"]["f1"], 1.0);

    let out = newsmark(&["agree", "--json", &key_file, &class_file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(
        json["annotators"],
        serde_json::json!([
            format!("key {odd}.json"),
            format!("class {odd}.json#alice {odd}"),
            format!("class {odd}.json#bob {odd}")
        ])
    );
    assert_eq!(json["pairwise_f1"][0][2], 1.0);
}

#[test]
fn compare_reads_an_exercise_and_students_work_saved_in_schema_version_1() {
    let golden = |name: &str| format!("{}/../newsmark-core/tests/golden/v1/{name}", env!("CARGO_MANIFEST_DIR"));
    let exercise = golden("northgate-library.newsmark-exercise.json");
    let checked = golden("northgate-student-a-checked.newsmark.json");
    let out = newsmark(&["compare", "--json", &exercise, &checked, &golden("northgate-student-b.newsmark.json")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    // Student A's figures are those the version 1 build saved with the checked work.
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&checked).unwrap()).unwrap();
    let overall = &json["students"][0]["overall"];
    let scores = &saved["assignment"]["scores"]["overall"];
    assert_eq!(
        (&overall["tp"], &overall["fp"], &overall["fn"]),
        (&scores["matched"], &scores["extra"], &scores["missed"])
    );
    assert_eq!(json["students"].as_array().unwrap().len(), 2);
}

#[test]
fn compare_with_a_key_prints_the_gradebook_with_first_check_final_and_class_averages() {
    let (exercise, alice, class) = class_files();
    let out = newsmark(&["compare", "--key", &exercise, &alice, &class]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // The students are named by their work's title; nobody has checked yet, so the first
    // check has no figures, and the final ones are those worked out above.
    let final_part = &text[text.find("Final\n").expect("a final table")..];
    let alice_line = final_part.lines().nth(3).unwrap();
    let cells: Vec<&str> = alice_line.split_whitespace().collect();
    assert_eq!(&cells[..2], ["Letters", "(alice.json)"]);
    assert_eq!(&cells[2..5], ["33.3%", "50.0%", "40.0%"], "Alice's claims: {alice_line}");
    assert_eq!(
        &cells[cells.len() - 4..],
        ["25.0%", "25.0%", "25.0%", "0.0%"],
        "Alice overall and attribution: {alice_line}"
    );
    let average = final_part.lines().find(|l| l.trim_start().starts_with("Class average")).unwrap();
    // Overall F1: Alice 25%, Bob 100%, Carol 0%: a mean of 41.7%. Attribution: Carol has
    // nothing to judge and is left out, so (0 + 1) / 2.
    let cells: Vec<&str> = average.split_whitespace().collect();
    assert_eq!(&cells[cells.len() - 2..], ["41.7%", "50.0%"], "{average}");
    let first = &text[..text.find("Final\n").unwrap()];
    assert!(first.starts_with("First check\n") && first.lines().nth(3).unwrap().ends_with("–"), "{first}");
}

#[test]
fn compare_csv_is_the_gradebook_the_core_writes_for_the_same_files() {
    let (exercise, alice, class) = class_files();
    let out = newsmark(&["compare", "--key", &exercise, "--csv", &alice, &class]);
    assert!(out.status.success(), "{}", stderr(&out));
    let key = schema::load_exercise(&std::fs::read_to_string(&exercise).unwrap()).unwrap().key;
    let mut students = schema::load(&std::fs::read_to_string(&alice).unwrap()).unwrap();
    students.extend(schema::load(&std::fs::read_to_string(&class).unwrap()).unwrap());
    let students: Vec<&Document> = students.iter().collect();
    let core = newsmark_core::gradebook::Gradebook::new(key.open().unwrap(), &students).to_csv();
    assert_eq!(stdout(&out), core);
    // The positional form with --csv gives the same file.
    let out = newsmark(&["compare", "--csv", &exercise, &alice, &class]);
    assert_eq!(stdout(&out), core);
    assert!(core.lines().nth(1).unwrap().starts_with("Letters,alice,,"), "{core}");
}

#[test]
fn a_students_copy_given_as_the_gradebooks_key_stands_for_the_key_it_carries() {
    let (exercise, alice, class) = class_files();
    let by_exercise = stdout(&newsmark(&["compare", "--key", &exercise, "--csv", &alice, &class]));
    let out = newsmark(&["compare", "--key", &alice, "--csv", &alice, &class]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().nth(1), by_exercise.lines().nth(1), "Alice is graded against the key, not herself");
}

#[test]
fn compare_refuses_json_and_csv_together() {
    let (exercise, alice, _) = class_files();
    let out = newsmark(&["compare", "--json", "--csv", &exercise, &alice]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "newsmark: --json and --csv print different things; choose one\n");
}

#[test]
fn a_graded_exercise_without_a_readable_key_is_refused_as_the_key_and_the_teachers_document_grades_it() {
    use newsmark_core::exercise::KeyDelivery;
    let key = annotate(Document::new("key", "Letters", TEXT, NOW), &KEY_SPANS, &[("k0", "k2")]);
    let exercise = Exercise::from_document(&key, "Tag the claims.".into(), default_codebook());
    let graded = exercise.handed_out(KeyDelivery::Withheld).unwrap();
    let alice = annotate(graded.start("alice", NOW), &ALICE_SPANS, &[("s0", "s2")]);
    let (graded, alice) = (
        write("graded.json", &schema::exercise_to_json(&graded)),
        write("alice-graded.json", &schema::document_to_json(&alice)),
    );
    let out = newsmark(&["compare", &graded, &alice]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is a graded exercise whose answer key is sealed or was left out; give the teacher's annotated document as the KEY"), "{}", stderr(&out));
    // The teacher's own annotated document is the key, as in the app's Gradebook.
    let teachers = write("teachers-key.json", &schema::document_to_json(&key));
    let out = newsmark(&["compare", &teachers, &alice]);
    assert!(out.status.success(), "{}", stderr(&out));
}
