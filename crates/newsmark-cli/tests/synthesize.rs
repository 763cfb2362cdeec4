//! `newsmark synthesize` run as the browser benchmark runs it: a file of the size asked
//! for, in the saved format, the same for the same numbers, and clear refusals.

mod common;
use common::{newsmark, scratch, stderr};

use newsmark_core::{schema, synthetic};
use std::process::Command;

#[test]
fn writes_the_synthetic_document_in_the_saved_format() {
    let path = scratch("long.newsmark.json");
    let out = newsmark(&[
        "synthesize",
        "--words",
        "20000",
        "--annotations",
        "1000",
        "--seed",
        "7",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).starts_with(&format!("wrote {}: 20000 words in 1", path.display())), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1000 annotations (claims 400, quotes 300, actors 300), 270 attributions"),
        "{}",
        stderr(&out)
    );
    let json = std::fs::read_to_string(&path).unwrap();
    let doc = schema::load_document(&json).expect("the file loads as a Newsmark document");
    assert_eq!(doc.text.split_whitespace().count(), 20_000);
    assert_eq!(doc.annotations.len(), 1_000);
    // The same as the core makes, byte for byte: the benchmark and the tests see one article.
    assert_eq!(json, schema::document_to_json(&synthetic::document(20_000, 1_000, 7)));
    let check = Command::new(env!("CARGO_BIN_EXE_newsmark")).arg("check").arg(&path).output().unwrap();
    assert!(check.status.success());
}

#[test]
fn the_seed_is_optional_and_standard_output_is_the_default() {
    let out = newsmark(&["synthesize", "--annotations", "10", "--words", "300"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), schema::document_to_json(&synthetic::document(300, 10, 1)));
    let said = stderr(&out);
    assert!(said.starts_with("wrote 300 words in "), "{said}");
    assert!(said.ends_with(" characters, 10 annotations (claims 4, quotes 3, actors 3), 3 attributions\n"), "{said}");
    let help = newsmark(&["--help"]);
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("newsmark synthesize --words N --annotations M [--seed S] [-o OUTPUT]"), "{help}");
}

#[test]
fn refuses_missing_or_malformed_numbers() {
    for (args, message) in [
        (&["synthesize", "--annotations", "10"][..], "newsmark: synthesize needs --words N (see newsmark --help)\n"),
        (&["synthesize", "--words", "10"], "newsmark: synthesize needs --annotations M (see newsmark --help)\n"),
        (&["synthesize", "--words", "ten", "--annotations", "1"], "newsmark: --words needs a whole number, not ten\n"),
        (
            &["synthesize", "--words", "10", "--annotations", "1", "--seed", "-1"],
            "newsmark: --seed needs a whole number, not -1\n",
        ),
        (&["synthesize", "--words"], "newsmark: --words needs a value\n"),
        (
            &["synthesize", "--words", "10", "--annotations", "1", "--pages", "3"],
            "newsmark: unknown option --pages (see newsmark --help)\n",
        ),
    ] {
        let out = newsmark(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&out), message, "{args:?}");
        assert!(out.stdout.is_empty());
    }
}
