//! `newsmark`: Newsmark's command-line tool, on the same core as the app.
//!
//! - `newsmark check FILE…` validates saved Newsmark JSON files (one document or a set)
//!   and prints what is wrong with each; it exits with status 1 if any file is refused.
//! - `newsmark convert INPUT --to FORMAT [--text ARTICLE] [--map-tag FROM=TAG]…
//!   [--untagged TAG|skip] [-o OUTPUT]` converts between the exchange formats, detecting
//!   the input's format; the tag options read other tags of W3C and Hypothesis files.
//! - `newsmark compare KEY STUDENT…` scores students' work against an answer key (with
//!   `--key KEY` as the gradebook, with `--csv` as the app's gradebook file), and
//!   `newsmark agree FILE…` measures how far several annotators of one article agree
//!   (both in [`grade`]).
//! - `newsmark synthesize --words N --annotations M [--seed S] [-o OUTPUT]` writes a
//!   made-up article with annotations ([`newsmark_core::synthetic`]) for benchmarks.
//! - `newsmark class create …` makes a class on a CouchDB server and `newsmark class
//!   collect …` downloads its students' work (both in [`class`]).
//! - `newsmark suggest ARTICLE [-o OUTPUT]` writes the suggester's quotes, speakers and
//!   claim cues for an article as a Newsmark document (in [`suggest`]; HTML read by [`html`]).
//! - `newsmark capture PAGE.html [--url URL] [--whole] [-o OUTPUT]` writes a saved web
//!   page's article, found by Readability, as a Newsmark document (in [`capture`]).

use lexopt::Arg;
use newsmark_core::formats::{self, Format, TagMapping};
use newsmark_core::{limits, schema, synthetic, Tag, Timestamp};
use std::io::Write;
use std::process::ExitCode;

mod capture;
mod class;
mod grade;
mod html;
mod suggest;

const USAGE: &str = "\
usage: newsmark check FILE...
       newsmark convert INPUT --to FORMAT [--text ARTICLE.txt] [--map-tag FROM=TAG]...
                        [--untagged TAG|skip] [-o OUTPUT]
       newsmark compare [--json | --csv] KEY STUDENT...
       newsmark compare --key KEY [--json | --csv] STUDENT...
       newsmark agree [--json] FILE...
       newsmark synthesize --words N --annotations M [--seed S] [-o OUTPUT]
       newsmark class create SERVER_URL --user ADMIN --name CLASS --roster ROSTER.csv
                             --exercise EXERCISE.json [-o JOIN.csv] [--app URL]
       newsmark class collect SERVER_URL --user ADMIN --name CLASS -o DIR
       newsmark suggest ARTICLE [-o OUTPUT]
       newsmark capture PAGE.html [--url URL] [--whole] [-o OUTPUT]

Commands:
  check FILE...     validate saved Newsmark JSON files (a document or a set) and
                    print what is wrong; exit status 1 if any file is refused
  convert INPUT     read INPUT (its format is detected: Newsmark JSON, W3C Web
                    Annotation, brat .zip or .ann, doccano JSONL, Label Studio JSON)
                    and write it in another format
    --to FORMAT     newsmark, w3c, brat, doccano, label-studio, spacy or csv
    --text FILE     the article text, for inputs that do not carry it (a brat .ann,
                    W3C annotations made elsewhere, such as by Hypothesis)
    --map-tag FROM=TAG
                    in W3C and Hypothesis files, read the tag FROM (as the file
                    spells it) as TAG: claim, quote or actor; may be repeated.
                    Other tags than claim, quote and actor are left out unless mapped
    --untagged TAG|skip
                    in W3C and Hypothesis files, read annotations with no tag at
                    all (Hypothesis highlights) as TAG, or leave them out (skip,
                    the default)
    -o OUTPUT       write here instead of to standard output
  compare KEY STUDENT...
                    score each student's annotations against an answer key:
                    precision, recall and F1 per tag and overall, and how many
                    attributions are right. KEY is a document or an exercise file
                    (its key is used); each STUDENT file is a document (such as a
                    student's copy of the exercise) or a set of them
    --key KEY       name the key by option: every other file is a student's, and
                    the figures are printed as the gradebook (first check and
                    final for each student, with the class averages); a
                    student's copy as KEY stands for the answer key it carries
    --csv           print the gradebook as CSV, the file the app's Gradebook
                    view downloads
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
  class create, class collect
                    a class on a CouchDB server: see newsmark class --help
  suggest ARTICLE   suggest the quotes of an article (.txt, .md, .html or a Newsmark
                    file), their speakers and candidate claims, as a Newsmark
                    document that `compare KEY` scores (newsmark suggest --help)
    -o OUTPUT       write here instead of to standard output
  capture PAGE.html the article in a saved web page, without its menus, ads,
                    comments and footer, as a Newsmark document to annotate
                    (newsmark capture --help)

Offsets in every format count Unicode code points, except Label Studio, whose
offsets count UTF-16 code units as its own frontend does. Annotations whose text
cannot be found in the article are reported as orphaned and kept in Newsmark JSON
output. What a format cannot hold (notes in spaCy JSONL, for example) is reported
on standard error, and so is what was left out of the input: annotations without a
tag Newsmark reads (with the tags they carry, to map), page notes and replies.

Every command holds to the same limits as the app: files of up to 50 MB, articles
of up to 1,000,000 characters, and up to 50,000 annotations in a document. convert
writes no file that Newsmark could not read back.";

fn main() -> ExitCode {
    let mut args = lexopt::Parser::from_env();
    let command = match args.next() {
        Ok(Some(Arg::Value(command))) => command.to_string_lossy().into_owned(),
        Ok(Some(Arg::Short('h') | Arg::Long("help"))) => return help(),
        Ok(Some(other)) => return usage_error(&unexpected(other)),
        Ok(None) => return usage_error("no command given"),
        Err(e) => return usage_error(&e.to_string()),
    };
    match command.as_str() {
        "check" => match check_args(&mut args) {
            Ok(Some(paths)) => check(&paths),
            Ok(None) => help(),
            Err(why) => report(Err(why)),
        },
        "convert" => report(convert(&mut args)),
        "compare" => report(grade::compare(&mut args)),
        "agree" => report(grade::agree(&mut args)),
        "synthesize" => report(synthesize(&mut args)),
        "class" => report(class::run(&mut args)),
        "suggest" => report(suggest::run(&mut args, now())),
        "capture" => report(capture::run(&mut args, now())),
        "help" => help(),
        other => usage_error(&format!("unknown command {other}")),
    }
}

fn help() -> ExitCode {
    println!("{USAGE}");
    ExitCode::SUCCESS
}

/// Exit status 2, for a command line that names no command Newsmark has.
fn usage_error(why: &str) -> ExitCode {
    eprintln!("newsmark: {why}\n\n{USAGE}");
    ExitCode::from(2)
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

/// The next argument, with lexopt's own complaints (a value given to a flag that takes
/// none, such as `--json=yes`) worded like the others.
fn next(args: &mut lexopt::Parser) -> Result<Option<Arg<'_>>, String> {
    args.next().map_err(|e| format!("{e} (see newsmark --help)"))
}

/// The value of option `name` (`--to w3c`, `--to=w3c`, `-o out.json`, `-oout.json`).
fn value(args: &mut lexopt::Parser, name: &str) -> Result<String, String> {
    let value = args.value().map_err(|_| format!("{name} needs a value"))?;
    text(value)
}

/// An argument as text: file names and values are UTF-8 for Newsmark.
fn text(arg: std::ffi::OsString) -> Result<String, String> {
    arg.into_string().map_err(|arg| format!("{} is not UTF-8 text", arg.to_string_lossy()))
}

/// The message for an argument a command does not take.
fn unexpected(arg: Arg<'_>) -> String {
    match arg {
        Arg::Long(name) => format!("unknown option --{name} (see newsmark --help)"),
        Arg::Short(c) => format!("unknown option -{c} (see newsmark --help)"),
        Arg::Value(v) => format!("unexpected argument {} (see newsmark --help)", v.to_string_lossy()),
    }
}

/// `newsmark check FILE...`: the files, or `None` for `--help`.
fn check_args(args: &mut lexopt::Parser) -> Result<Option<Vec<String>>, String> {
    let mut paths = Vec::new();
    while let Some(arg) = next(args)? {
        match arg {
            Arg::Short('h') | Arg::Long("help") => return Ok(None),
            Arg::Value(path) => paths.push(text(path)?),
            other => return Err(unexpected(other)),
        }
    }
    if paths.is_empty() {
        return Err("check needs one or more FILEs (see newsmark --help)".into());
    }
    Ok(Some(paths))
}

fn convert(args: &mut lexopt::Parser) -> Result<(), String> {
    let mut input = None;
    let mut to = None;
    let mut text_path = None;
    let mut output = None;
    let mut tags = TagMapping::default();
    while let Some(arg) = next(args)? {
        match arg {
            Arg::Long("to") => to = Some(value(args, "--to")?),
            Arg::Long("text") => text_path = Some(value(args, "--text")?),
            Arg::Long("map-tag") => {
                let (from, tag) = map_tag(&value(args, "--map-tag")?)?;
                tags.map.insert(from, tag);
            }
            Arg::Long("untagged") => tags.untagged = untagged(&value(args, "--untagged")?)?,
            Arg::Short('o') | Arg::Long("output") => output = Some(value(args, "-o")?),
            Arg::Short('h') | Arg::Long("help") => {
                println!("{USAGE}");
                return Ok(());
            }
            Arg::Value(path) if input.is_none() => input = Some(text(path)?),
            other => return Err(unexpected(other)),
        }
    }
    let input = input.ok_or("convert needs an INPUT file (see newsmark --help)")?;
    let to = to.ok_or("convert needs --to FORMAT (see newsmark --help)")?;
    let to = Format::parse(&to).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        let (last, rest) = names.split_last().expect("there are formats");
        format!("unknown format {to}: use {} or {last}", rest.join(", "))
    })?;
    let bytes = read_within(&input, limits::MAX_IMPORT_BYTES).map_err(|why| format!("{input}: {why}"))?;
    let text = match &text_path {
        Some(p) => {
            let bytes = read_within(p, limits::MAX_ARTICLE_FILE_BYTES).map_err(|why| format!("{p}: {why}"))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                format!("{p}: the file is not UTF-8 text (bad byte at offset {})", e.utf8_error().valid_up_to())
            })?;
            limits::check_article(&text).map_err(|why| format!("{p}: {why}"))?;
            Some(text)
        }
        None => None,
    };
    let from = formats::detect(&input, &bytes)
        .ok_or_else(|| format!("cannot tell the format of {input}: Newsmark reads Newsmark JSON, W3C, brat, doccano and Label Studio files"))?;
    let mut n = 0;
    let mut new_id = || {
        n += 1;
        format!("doc-{n}")
    };
    let imported = formats::import_mapped(from, &bytes, text.as_deref(), &tags, &mut new_id, now())
        .map_err(|e| format!("{input} ({}): {}", from.label(), e.0.replace('\n', "; ")))?;
    let left_out = imported.report.left_out.sentences();
    if imported.documents.is_empty() {
        return Err(format!(
            "{input} ({}): nothing was imported. {}{}",
            from.label(),
            left_out.join(" "),
            map_hint(&imported.report.left_out)
        ));
    }
    eprintln!("read {input} as {}: {}", from.label(), imported.report.summary());
    for remark in &imported.report.remarks {
        eprintln!("note: {remark}");
    }
    for sentence in &left_out {
        eprintln!("note: {sentence}");
    }
    let hint = map_hint(&imported.report.left_out);
    if !hint.is_empty() {
        eprintln!("note:{hint}");
    }
    for doc in imported.documents.iter().filter(|d| imported.untitled.contains(&d.id)) {
        eprintln!("note: \"{}\" is titled from its first words: the file gives no title", doc.title);
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

/// `--map-tag FROM=TAG`: a label of the file and the tag it is read as.
fn map_tag(value: &str) -> Result<(String, Tag), String> {
    let (from, to) = value
        .rsplit_once('=')
        .filter(|(from, _)| !from.trim().is_empty())
        .ok_or_else(|| format!("--map-tag needs FROM=TAG, such as follow-up=claim, not {value}"))?;
    Ok((from.trim().to_owned(), tag(to, "--map-tag")?))
}

/// `--untagged TAG|skip`.
fn untagged(value: &str) -> Result<Option<Tag>, String> {
    if value.trim().eq_ignore_ascii_case("skip") {
        Ok(None)
    } else {
        tag(value, "--untagged").map(Some)
    }
}

fn tag(name: &str, option: &str) -> Result<Tag, String> {
    formats::label_to_tag(name).map_err(|_| {
        let skip = if option == "--untagged" { ", quote, actor or skip" } else { ", quote or actor" };
        format!("{option}: unknown tag {name}: use claim{skip}")
    })
}

/// How to bring in what was left out for want of a tag, or nothing if nothing was.
fn map_hint(left_out: &formats::LeftOut) -> String {
    let mut hints = Vec::new();
    if left_out.unmapped > 0 {
        hints.push("--map-tag FROM=TAG");
    }
    if left_out.untagged > 0 {
        hints.push("--untagged TAG");
    }
    match hints.as_slice() {
        [] => String::new(),
        _ => format!(" To import them, give {}.", hints.join(" or ")),
    }
}

fn synthesize(args: &mut lexopt::Parser) -> Result<(), String> {
    let mut words = None;
    let mut annotations = None;
    let mut seed = 1;
    let mut output = None;
    while let Some(arg) = next(args)? {
        match arg {
            Arg::Long("words") => words = Some(whole("--words", value(args, "--words")?)?),
            Arg::Long("annotations") => annotations = Some(whole("--annotations", value(args, "--annotations")?)?),
            Arg::Long("seed") => seed = whole("--seed", value(args, "--seed")?)?,
            Arg::Short('o') | Arg::Long("output") => output = Some(value(args, "-o")?),
            Arg::Short('h') | Arg::Long("help") => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(unexpected(other)),
        }
    }
    let words = words.ok_or("synthesize needs --words N (see newsmark --help)")?;
    let annotations = annotations.ok_or("synthesize needs --annotations M (see newsmark --help)")?;
    let doc = synthetic::document(words, annotations, seed);
    // Nothing is written that Newsmark would refuse to read.
    limits::check_document(&doc).map_err(|why| format!("cannot synthesize this: {why}"))?;
    let json = schema::document_to_json(&doc);
    limits::check_file_size(json.len() as u64).map_err(|why| format!("cannot synthesize this: {why}"))?;
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

/// The bytes of a file, read only if its size is within `limit` (so a huge file is
/// refused before it fills memory), or why not in words.
fn read_within(path: &str, limit: usize) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path).map_err(|e| format!("cannot read it ({e})"))?.len();
    if size > limit as u64 {
        return Err(if limit == limits::MAX_IMPORT_BYTES {
            limits::check_file_size(size).expect_err("over the limit")
        } else {
            format!(
                "the file is {}; Newsmark reads articles of up to {}",
                limits::size(size, limit as u64),
                limits::size(limit as u64, size)
            )
        });
    }
    std::fs::read(path).map_err(|e| format!("cannot read it ({e})"))
}

fn check(paths: &[String]) -> ExitCode {
    let mut failed = false;
    for path in paths {
        let text = match read_within(path, limits::MAX_IMPORT_BYTES) {
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
            Err(why) => {
                println!("{path}: refused\n  {why}");
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
