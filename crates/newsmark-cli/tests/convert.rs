//! `newsmark convert` run as a person runs it: real files in and out, exit status, messages.

mod common;
use common::{newsmark, scratch, stderr, stdout};

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
fn a_brat_file_read_back_was_titled_with_its_internal_id_and_is_now_titled_from_its_words_said_so() {
    let zip = scratch("titled.brat.zip");
    let out = newsmark(&["convert", fixture().to_str().unwrap(), "--to", "brat", "-o", zip.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let back = newsmark(&["convert", zip.to_str().unwrap(), "--to", "newsmark"]);
    assert!(back.status.success(), "{}", stderr(&back));
    let first_line =
        "Zoe\u{308} Hart, the \u{1F469}\u{1F3FD}\u{200D}\u{1F52C} lab director, said \u{201C}we found 3 leaks\u{201D}.";
    let note = format!("note: \"{first_line}\" is titled from its first words: the file gives no title");
    assert!(stderr(&back).contains(&note), "{}", stderr(&back));
    let json = String::from_utf8(back.stdout).unwrap();
    assert!(json.contains(&format!("\"title\": \"{}\"", first_line)), "{json}");
    assert!(!json.contains("\"title\": \"unicode-check\""));
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
        for command in [
            "check FILE",
            "convert INPUT",
            "compare [--json | --csv]",
            "compare --key KEY",
            "agree [--json]",
            "synthesize --words",
        ] {
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

fn hypothesis(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../newsmark-core/tests/fixtures/hypothesis").join(name);
    path.to_string_lossy().into_owned()
}

/// The spans of a Newsmark JSON document on standard output, as (tag, exact).
fn spans_of(out: &std::process::Output) -> Vec<(String, String)> {
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap().to_owned();
    doc["annotations"].as_array().unwrap().iter().map(|a| (text(a, "tag"), text(a, "exact"))).collect()
}

#[test]
fn a_hypothesis_file_imports_its_tagged_rows_and_says_what_it_left_out_and_how_to_map_it() {
    for file in ["search.json", "export.json"] {
        let out = newsmark(&["convert", &hypothesis(file), "--text", &hypothesis("article.txt"), "--to", "newsmark"]);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        assert_eq!(spans_of(&out).len(), 4, "{file}");
        let err = stderr(&out);
        for line in [
            "4 annotations: 4 placed exactly, 0 re-anchored, 0 orphaned.",
            "note: 3 highlights and annotations without any tag were left out.",
            "note: 2 annotations without a claim, quote or actor tag were left out; their tags: \"follow-up\" (2), \"to-read\" (1).",
            "note: 1 page note was left out: it is about the whole page, not a passage.",
            "note: 1 reply was skipped: replies are conversation, not passages of the text.",
            "note: To import them, give --map-tag FROM=TAG or --untagged TAG.",
        ] {
            assert!(err.contains(line), "{file}: {line}\n{err}");
        }
    }
}

#[test]
fn map_tag_and_untagged_choose_the_tags_of_a_hypothesis_file() {
    let article = hypothesis("article.txt");
    let out = newsmark(&[
        "convert",
        &hypothesis("search.json"),
        "--text",
        &article,
        "--map-tag",
        "follow-up=claim",
        "--map-tag=to-read=Quote",
        "--untagged",
        "actor",
        "--to",
        "newsmark",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let spans = spans_of(&out);
    assert_eq!(spans.len(), 9);
    assert!(spans.contains(&("claim".into(), "Critics from 外交部 disagree".into())), "{spans:?}");
    assert!(spans.contains(&("actor".into(), "🌊".into())), "{spans:?}");
    assert!(!stderr(&out).contains("To import them"), "{}", stderr(&out));

    let skip =
        newsmark(&["convert", &hypothesis("search.json"), "--text", &article, "--untagged", "skip", "--to", "w3c"]);
    assert!(skip.status.success(), "{}", stderr(&skip));
    assert!(stderr(&skip).contains("3 highlights and annotations without any tag were left out."));
}

#[test]
fn a_hypothesis_file_of_which_nothing_can_be_placed_is_refused_with_what_to_do() {
    let rows = r#"{"total": 1, "rows": [{"id": "h1", "text": "", "tags": ["follow-up"],
        "target": [{"source": "https://news.example/a", "selector": [{"type": "TextQuoteSelector", "exact": "river"}]}]}]}"#;
    let file = common::write("highlights.json", rows);
    let out = newsmark(&["convert", &file, "--text", &hypothesis("article.txt"), "--to", "w3c"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("nothing was imported. 1 annotation without a claim, quote or actor tag was left out; its tags: \"follow-up\" (1). To import them, give --map-tag FROM=TAG."), "{}", stderr(&out));
}

#[test]
fn bad_tag_options_are_named() {
    let input = hypothesis("search.json");
    for (args, message) in [
        (
            vec!["--map-tag", "follow-up"],
            "newsmark: --map-tag needs FROM=TAG, such as follow-up=claim, not follow-up\n",
        ),
        (vec!["--map-tag", "follow-up=person"], "newsmark: --map-tag: unknown tag person: use claim, quote or actor\n"),
        (vec!["--untagged", "nothing"], "newsmark: --untagged: unknown tag nothing: use claim, quote, actor or skip\n"),
        (vec!["--untagged"], "newsmark: --untagged needs a value\n"),
    ] {
        let mut all = vec!["convert", &input, "--to", "w3c"];
        all.extend(args.iter().copied());
        let out = newsmark(&all);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&out), message, "{args:?}");
    }
}

#[test]
fn convert_writes_no_file_it_would_then_refuse() {
    // 1,000 claims over the same 60,000 characters: a small .ann, but each span keeps its
    // text in Newsmark JSON, which would come to about 58 MB.
    let text = scratch("long.txt");
    std::fs::write(&text, "word ".repeat(20_000)).unwrap();
    let ann = scratch("long.ann");
    let lines: String = (1..=1_000).map(|n| format!("T{n}\tClaim 0 60000\n")).collect();
    std::fs::write(&ann, lines).unwrap();
    let output = scratch("long.newsmark.json");
    let args = |to: &'static str, out: &'static str| {
        let out = scratch(out);
        let args = ["convert", ann.to_str().unwrap(), "--text", text.to_str().unwrap(), "--to", to, "-o"];
        newsmark(&[&args[..], &[out.to_str().unwrap()]].concat())
    };
    let out = args("newsmark", "long.newsmark.json");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("as Newsmark JSON this would be a file of 57.6 MB, and Newsmark reads files of up to 50 MB, so it could not be read back"),
        "{}",
        stderr(&out)
    );
    assert!(!output.exists(), "nothing is written");
    // doccano keeps each span as two numbers, so the same input fits.
    let out = args("doccano", "long.doccano.jsonl");
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn json_that_is_only_invalid_utf8_is_named_as_such() {
    let bad = scratch("latin1.newsmark.json");
    std::fs::write(&bad, b"{\"schema_version\": 2, \"title\": \"Caf\xe9\"}").unwrap();
    let out = newsmark(&["convert", bad.to_str().unwrap(), "--to", "w3c"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the file is not UTF-8 text (bad byte at offset 35)"), "{}", stderr(&out));
}
