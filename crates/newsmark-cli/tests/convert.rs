//! `newsmark convert` run as a person runs it: real files in and out, exit status, messages.

mod common;
use common::{newsmark, scratch, stderr};

use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../newsmark-core/tests/golden/unicode-check.newsmark.json")
}

#[test]
fn converts_to_every_format_and_back() {
    let fixture = fixture();
    let original = std::fs::read_to_string(&fixture).unwrap();
    for (format, ext) in [
        ("w3c", "w3c.jsonld"),
        ("brat", "brat.zip"),
        ("doccano", "doccano.jsonl"),
        ("label-studio", "label-studio.json"),
    ] {
        let exported = scratch(&format!("u.{ext}"));
        let out = newsmark(&["convert", fixture.to_str().unwrap(), "--to", format, "-o", exported.to_str().unwrap()]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("6 annotations: 6 placed exactly, 0 re-anchored, 0 orphaned."),
            "{}",
            stderr(&out)
        );
        let back = newsmark(&["convert", exported.to_str().unwrap(), "--to", "newsmark"]);
        assert!(back.status.success(), "{format} back: {}", stderr(&back));
        let json = String::from_utf8(back.stdout).unwrap();
        // The spans come back at the same code point offsets with the same text.
        for span in ["\"start\": 0,\n      \"end\": 9,", "\"exact\": \"وزير الخارجية\""] {
            assert!(original.contains(span) && json.contains(span), "{format}: {span}");
        }
    }
}

#[test]
fn says_what_a_format_leaves_out() {
    let out = newsmark(&["convert", fixture().to_str().unwrap(), "--to", "spacy"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("note: 2 notes are not included"), "{}", stderr(&out));
    let jsonl = String::from_utf8(out.stdout).unwrap();
    assert!(jsonl.starts_with("{\"text\":"), "{jsonl}");
}

#[test]
fn a_bare_brat_ann_needs_the_article_text() {
    let ann = scratch("u.ann");
    std::fs::write(&ann, "T1\tActor 0 9\tZoe\u{308} Hart\n").unwrap();
    let out = newsmark(&["convert", ann.to_str().unwrap(), "--to", "newsmark"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("newsmark: "), "{}", stderr(&out));
    assert!(stderr(&out).contains("--text"), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "one line: {}", stderr(&out));

    let text = scratch("u.txt");
    std::fs::write(&text, "Zoe\u{308} Hart said so.").unwrap();
    let out = newsmark(&["convert", ann.to_str().unwrap(), "--text", text.to_str().unwrap(), "--to", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8(out.stdout).unwrap().contains(",Actor,0,9,Zoe\u{308} Hart,"));
}

#[test]
fn refuses_bad_input_in_one_line() {
    let bad = scratch("bad.json");
    std::fs::write(&bad, "{\"schema_version\": 1, \"kind\": \"newsmark-document\"").unwrap();
    let out = newsmark(&["convert", bad.to_str().unwrap(), "--to", "w3c"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not valid JSON"), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1);

    let out = newsmark(&["convert", fixture().to_str().unwrap(), "--to", "excel"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown format excel"));

    let help = newsmark(&["--help"]);
    assert!(String::from_utf8(help.stdout).unwrap().contains("convert INPUT --to FORMAT"));
}

#[test]
fn options_may_be_written_with_an_equals_sign_and_mistakes_are_named() {
    let fixture = fixture();
    let out = newsmark(&["convert", "--to=doccano", fixture.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("{\"id\":1,"));
    for (args, message) in [
        (vec!["convert", "--to"], "newsmark: --to needs a value\n"),
        (
            vec!["convert", "in.json", "--to", "w3c", "--pretty"],
            "newsmark: unknown option --pretty (see newsmark --help)\n",
        ),
        (vec!["convert", "in.json", "-x"], "newsmark: unknown option -x (see newsmark --help)\n"),
        (vec!["convert", "a.json", "b.json"], "newsmark: unexpected argument b.json (see newsmark --help)\n"),
        (vec!["convert", "--to", "w3c"], "newsmark: convert needs an INPUT file (see newsmark --help)\n"),
        (vec!["check"], "newsmark: check needs one or more FILEs (see newsmark --help)\n"),
        (
            vec!["convert", "in.json", "--to", "xlsx"],
            "newsmark: unknown format xlsx: use newsmark, w3c, brat, doccano, label-studio, spacy or csv\n",
        ),
    ] {
        let out = newsmark(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&out), message, "{args:?}");
    }
}

#[test]
fn help_lists_every_command_and_an_unknown_command_is_named() {
    for args in [&["--help"][..], &["-h"], &["help"], &["convert", "--help"], &["agree", "-h"]] {
        let out = newsmark(args);
        assert!(out.status.success(), "{args:?}");
        let help = String::from_utf8(out.stdout).unwrap();
        for command in ["check FILE", "convert INPUT", "compare [--json]", "agree [--json]", "synthesize --words"] {
            assert!(help.contains(&format!("newsmark {command}")), "{args:?}: {command}");
        }
    }
    let out = newsmark(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("newsmark: unknown command frobnicate\n"), "{}", stderr(&out));
    assert!(stderr(&out).contains("usage: newsmark check FILE..."));
    let out = newsmark(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("newsmark: no command given\n"), "{}", stderr(&out));
}
