//! `newsmark check` run as a person runs it: on real files, reading its output and exit status.

use newsmark_core::{sample, schema, Timestamp};
use std::path::PathBuf;
use std::process::Command;

mod common;

fn write(name: &str, contents: &str) -> PathBuf {
    PathBuf::from(common::write(name, contents))
}

fn check(path: &PathBuf) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsmark")).arg("check").arg(path).output().unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn accepts_a_saved_document() {
    let json = schema::document_to_json(&sample::sample_document(Timestamp(0)));
    let (ok, out) = check(&write("good.json", &json));
    assert!(ok, "{out}");
    assert!(out.ends_with(
        "good.json: ok, \"Council votes to end night ferry despite protest from shift workers\" with 5 annotations\n"
    ));
}

#[test]
fn refuses_a_damaged_document_and_says_why() {
    let json = schema::document_to_json(&sample::sample_document(Timestamp(0)));
    let damaged = json.replacen("\"tag\": \"claim\"", "\"tag\": \"rumour\"", 1);
    let (ok, out) = check(&write("damaged.json", &damaged));
    assert!(!ok);
    assert!(out.contains("damaged.json: refused\n  annotations[1] (id \"sample-1\"): unknown tag \"rumour\""), "{out}");
    let (ok, out) = check(&write("cut.json", &json[..json.len() / 2]));
    assert!(!ok);
    assert!(out.contains("this is not valid JSON (EOF while parsing"), "{out}");
}

fn convert(path: &PathBuf) -> (bool, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_newsmark")).arg("convert").arg(path).args(["--to", "w3c"]).output().unwrap();
    (out.status.success(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn check_refuses_the_two_million_character_article_that_convert_refuses() {
    let doc = newsmark_core::Document::new("long", "Long", "word ".repeat(400_000), Timestamp(0));
    let path = write("long.json", &schema::document_to_json(&doc));
    let (ok, out) = check(&path);
    assert!(!ok);
    let why = "text: the article has 2,000,000 characters; Newsmark takes articles of up to 1,000,000 characters";
    assert!(out.contains(&format!("long.json: refused\n  {why}")), "{out}");
    let (ok, err) = convert(&path);
    assert!(!ok);
    assert!(err.contains(why), "{err}");
}

#[test]
fn check_refuses_a_file_over_the_size_limit_without_reading_it() {
    let path = write("huge.json", "");
    // A sparse file: as large as it says, without writing 50 MB.
    std::fs::File::options().write(true).open(&path).unwrap().set_len(52_428_801).unwrap();
    let (ok, out) = check(&path);
    assert!(!ok);
    assert!(
        out.ends_with(
            "huge.json: refused\n  the file is 50 MB (52,428,801 bytes); Newsmark reads files of up to 50 MB (52,428,800 bytes)\n"
        ),
        "{out}"
    );
}

#[test]
fn check_accepts_a_byte_order_mark_as_convert_does() {
    let json = schema::document_to_json(&sample::sample_document(Timestamp(0)));
    let path = write("bom.json", &format!("\u{feff}{json}"));
    let (ok, out) = check(&path);
    assert!(ok, "{out}");
    let (ok, err) = convert(&path);
    assert!(ok, "{err}");
}

#[test]
fn a_number_of_the_wrong_kind_is_named_by_where_it_is() {
    let json = schema::document_to_json(&sample::sample_document(Timestamp(0)));
    let damaged = json.replacen("\"start\": ", "\"start\": -", 1);
    let (ok, out) = check(&write("negative.json", &damaged));
    assert!(!ok);
    assert!(out.contains("negative.json: refused\n  annotations[0].start: invalid value: integer `-"), "{out}");
    assert!(out.contains("expected a whole number from 0 up"), "{out}");
}
