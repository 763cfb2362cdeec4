//! `newsmark check` run as a person runs it: on real files, reading its output and exit status.

use newsmark_core::{sample, schema, Timestamp};
use std::path::PathBuf;
use std::process::Command;

fn write(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsmark-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
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
