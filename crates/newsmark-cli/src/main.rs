//! `newsmark`: Newsmark's command-line tool, on the same core as the app.
//!
//! - `newsmark check FILE…` validates saved Newsmark JSON files (one document or a set)
//!   and prints what is wrong with each; it exits with status 1 if any file is refused.
//! - `newsmark convert INPUT --to FORMAT [--text ARTICLE] [-o OUTPUT]` converts between
//!   the exchange formats, detecting the input's format.
//! - `newsmark compare KEY STUDENT…` scores students' work against an answer key, and
//!   `newsmark agree FILE…` measures how far several annotators of one article agree
//!   (both in [`grade`]).
//! - `newsmark synthesize --words N --annotations M [--seed S] [-o OUTPUT]` writes a
//!   made-up article with annotations ([`newsmark_core::synthetic`]) for benchmarks.

use newsmark_core::formats::{self, Format};
use newsmark_core::{schema, synthetic, Timestamp};
use std::io::Write;
use std::process::ExitCode;

mod grade;

const USAGE: &str = "\
usage: newsmark check FILE...
       newsmark convert INPUT --to FORMAT [--text ARTICLE.txt] [-o OUTPUT]
       newsmark compare [--json] KEY STUDENT...
       newsmark agree [--json] FILE...
       newsmark synthesize --words N --annotations M [--seed S] [-o OUTPUT]

Commands:
  check FILE...     validate saved Newsmark JSON files (a document or a set) and
                    print what is wrong; exit status 1 if any file is refused
  convert INPUT     read INPUT (its format is detected: Newsmark JSON, W3C Web
                    Annotation, brat .zip or .ann, doccano JSONL, Label Studio JSON)
                    and write it in another format
    --to FORMAT     newsmark, w3c, brat, doccano, label-studio, spacy or csv
    --text FILE     the article text, for inputs that do not carry it (a brat .ann,
                    W3C annotations made elsewhere, such as by Hypothesis)
    -o OUTPUT       write here instead of to standard output
  compare KEY STUDENT...
                    score each student's annotations against an answer key:
                    precision, recall and F1 per tag and overall, and how many
                    attributions are right. KEY is a document or an exercise file
                    (its key is used); each STUDENT file is a document (such as a
                    student's copy of the exercise) or a set of them
  agree FILE...     agreement among two or more annotations of the same article
                    (documents or sets): F1 between every two annotators, and
                    Krippendorff's alpha per tag over the article's code points
    --json          print the figures as JSON instead
  synthesize        write a made-up news article as Newsmark JSON, the same for
                    the same numbers, for benchmarks and stress tests: paragraphs
                    of about 65 words with emoji, Arabic, CJK and combining marks
                    mixed in, and claims, quotes and actors (4 : 3 : 3) spread over
                    it, a tenth of them nested in or overlapping another
    --words N       how many words the article has
    --annotations M how many annotations it has
    --seed S        which of the possible articles (a whole number; default 1)
    -o OUTPUT       write here instead of to standard output

Offsets in every format count Unicode code points, except Label Studio, whose
offsets count UTF-16 code units as its own frontend does. Annotations whose text
cannot be found in the article are reported as orphaned and kept in Newsmark JSON
output. What a format cannot hold (notes in spaCy JSONL, for example) is reported
on standard error.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") if args.len() > 1 => check(&args[1..]),
        Some("convert") => report(convert(&args[1..])),
        Some("compare") => report(grade::compare(&args[1..])),
        Some("agree") => report(grade::agree(&args[1..])),
        Some("synthesize") => report(synthesize(&args[1..])),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Exit status 0, or 1 with the reason on standard error.
fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("newsmark: {why}");
            ExitCode::FAILURE
        }
    }
}

fn convert(args: &[String]) -> Result<(), String> {
    let mut input = None;
    let mut to = None;
    let mut text_path = None;
    let mut output = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--to" => to = Some(value("--to")?),
            "--text" => text_path = Some(value("--text")?),
            "-o" | "--output" => output = Some(value("-o")?),
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag} (see newsmark --help)"))
            }
            path if input.is_none() => input = Some(path.to_owned()),
            extra => return Err(format!("unexpected argument {extra} (see newsmark --help)")),
        }
    }
    let input = input.ok_or("convert needs an INPUT file (see newsmark --help)")?;
    let to = to.ok_or("convert needs --to FORMAT (see newsmark --help)")?;
    let to = Format::parse(&to)
        .ok_or_else(|| format!("unknown format {to}: use newsmark, w3c, brat, doccano, label-studio, spacy or csv"))?;
    let bytes = std::fs::read(&input).map_err(|e| format!("cannot read {input}: {e}"))?;
    let text = match &text_path {
        Some(p) => Some(std::fs::read_to_string(p).map_err(|e| format!("cannot read {p} as UTF-8 text: {e}"))?),
        None => None,
    };
    let from = formats::detect(&input, &bytes)
        .ok_or_else(|| format!("cannot tell the format of {input}: Newsmark reads Newsmark JSON, W3C, brat, doccano and Label Studio files"))?;
    let mut n = 0;
    let mut new_id = || {
        n += 1;
        format!("doc-{n}")
    };
    let imported = formats::import(from, &bytes, text.as_deref(), &mut new_id, now())
        .map_err(|e| format!("{input} ({}): {}", from.label(), e.0.replace('\n', "; ")))?;
    eprintln!("read {input} as {}: {}", from.label(), imported.report.summary());
    for remark in &imported.report.remarks {
        eprintln!("note: {remark}");
    }
    let exported = formats::export(to, &imported.documents).map_err(|e| e.0)?;
    for lost in &exported.left_out {
        eprintln!("note: {lost}");
    }
    match output {
        Some(path) => std::fs::write(&path, &exported.bytes).map_err(|e| format!("cannot write {path}: {e}"))?,
        None => std::io::stdout().write_all(&exported.bytes).map_err(|e| format!("cannot write the output: {e}"))?,
    }
    Ok(())
}

fn synthesize(args: &[String]) -> Result<(), String> {
    let mut words = None;
    let mut annotations = None;
    let mut seed = 1;
    let mut output = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--words" => words = Some(whole("--words", value("--words")?)?),
            "--annotations" => annotations = Some(whole("--annotations", value("--annotations")?)?),
            "--seed" => seed = whole("--seed", value("--seed")?)?,
            "-o" | "--output" => output = Some(value("-o")?),
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag} (see newsmark --help)"))
            }
            extra => return Err(format!("unexpected argument {extra} (see newsmark --help)")),
        }
    }
    let words = words.ok_or("synthesize needs --words N (see newsmark --help)")?;
    let annotations = annotations.ok_or("synthesize needs --annotations M (see newsmark --help)")?;
    let doc = synthetic::document(words, annotations, seed);
    let json = schema::document_to_json(&doc);
    let [claims, quotes, actors] = doc.counts();
    let plural = |n: usize, noun: &str| formats::plural(n, noun, &format!("{noun}s"));
    let summary = format!(
        "{} in {} characters, {} (claims {claims}, quotes {quotes}, actors {actors}), {}",
        plural(words.max(1), "word"),
        doc.text.chars().count(),
        plural(doc.annotations.len(), "annotation"),
        plural(doc.relations.len(), "attribution")
    );
    match output {
        Some(path) => {
            std::fs::write(&path, json).map_err(|e| format!("cannot write {path}: {e}"))?;
            eprintln!("wrote {path}: {summary}");
        }
        None => {
            std::io::stdout().write_all(json.as_bytes()).map_err(|e| format!("cannot write the output: {e}"))?;
            eprintln!("wrote {summary}");
        }
    }
    Ok(())
}

/// The whole number an option was given.
fn whole<T: std::str::FromStr>(name: &str, value: String) -> Result<T, String> {
    value.parse().map_err(|_| format!("{name} needs a whole number, not {value}"))
}

/// The current time; the core never reads the clock itself.
fn now() -> Timestamp {
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
    Timestamp(ms)
}

fn check(paths: &[String]) -> ExitCode {
    let mut failed = false;
    for path in paths {
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    println!(
                        "{path}: refused\n  the file is not UTF-8 text (bad byte at offset {})",
                        e.utf8_error().valid_up_to()
                    );
                    failed = true;
                    continue;
                }
            },
            Err(e) => {
                println!("{path}: cannot read it ({e})");
                failed = true;
                continue;
            }
        };
        match schema::load(&text) {
            Ok(docs) => {
                let annotations: usize = docs.iter().map(|d| d.annotations.len()).sum();
                let what = match docs.as_slice() {
                    [doc] => format!("\"{}\"", doc.title),
                    _ => format!("a set of {} documents", docs.len()),
                };
                println!("{path}: ok, {what} with {annotations} annotations");
            }
            Err(e) => {
                failed = true;
                println!("{path}: refused");
                for problem in &e.problems {
                    println!("  {problem}");
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
