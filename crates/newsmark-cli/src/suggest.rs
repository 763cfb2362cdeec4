//! `newsmark suggest ARTICLE [-o OUTPUT]`: the suggester's quotes, speakers and claim cues
//! ([`newsmark_core::suggest`]) for an article, written as a Newsmark document, so that
//! `newsmark compare KEY suggestions.newsmark.json` scores the machine like a student.

use crate::{html, next, read_within, text, unexpected, value};
use lexopt::Arg;
use newsmark_core::article_text::{self, ArticleFile};
use newsmark_core::suggest::suggest;
use newsmark_core::{formats, limits, schema, Document, Speech, Tag, Timestamp};
use std::io::Write;

/// `newsmark suggest --help`.
pub const HELP: &str = "\
usage: newsmark suggest ARTICLE [-o OUTPUT]

Suggests the quotes in ARTICLE (direct, in quotation marks of any style, and
indirect, after a speech verb), the actor each is said by, and sentences with
figures, comparisons, causes or predictions as candidate claims; writes them as a
Newsmark document (every suggestion an annotation, each quote attributed to its
speaker), so that `newsmark compare KEY OUTPUT` scores the suggester against an
answer key like a student. The rules and word lists are English; in other
languages only quotation marks and figures are found.

ARTICLE is plain text (.txt), Markdown (.md), HTML (.html, .htm) or a Newsmark
file (a document, a set or an exercise, whose article is used); any other name is
read as plain text.

  -o OUTPUT   write here instead of to standard output";

pub fn run(args: &mut lexopt::Parser, now: Timestamp) -> Result<(), String> {
    let mut input = None;
    let mut output = None;
    while let Some(arg) = next(args)? {
        match arg {
            Arg::Short('o') | Arg::Long("output") => output = Some(value(args, "-o")?),
            Arg::Short('h') | Arg::Long("help") => {
                println!("{HELP}");
                return Ok(());
            }
            Arg::Value(path) if input.is_none() => input = Some(text(path)?),
            other => return Err(unexpected(other)),
        }
    }
    let input = input.ok_or("suggest needs an ARTICLE file (see newsmark suggest --help)")?;
    let articles = read(&input)?;
    let mut suggested = Vec::new();
    for (id, title, article) in articles {
        let started = std::time::Instant::now();
        let found = suggest(&article);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let doc = found.document(&format!("suggestions-{id}"), &format!("Suggestions: {title}"), &article, now);
        eprintln!("{}: {} in {ms:.0} ms", title, summary(&doc));
        suggested.push(doc);
    }
    let json = match suggested.as_slice() {
        [doc] => schema::document_to_json(doc),
        docs => schema::set_to_json(docs),
    };
    match output {
        Some(path) => std::fs::write(&path, json).map_err(|e| format!("cannot write {path}: {e}"))?,
        None => std::io::stdout().write_all(json.as_bytes()).map_err(|e| format!("cannot write the output: {e}"))?,
    }
    Ok(())
}

/// What was suggested, in words: "7 quotes (5 direct, 2 indirect), 4 actors, 3 claim cues".
fn summary(doc: &Document) -> String {
    let [claims, quotes, actors] = doc.counts();
    let direct =
        doc.annotations.iter().filter(|a| a.tag == Tag::Quote && a.details.speech == Some(Speech::Direct)).count();
    let plural = |n: usize, noun: &str, nouns: &str| formats::plural(n, noun, nouns);
    format!(
        "{} ({direct} direct, {} indirect), {}, {}",
        plural(quotes, "quote", "quotes"),
        quotes - direct,
        plural(actors, "actor", "actors"),
        plural(claims, "claim cue", "claim cues")
    )
}

/// The articles in file `path`: (id, title, text) for each.
fn read(path: &str) -> Result<Vec<(String, String, String)>, String> {
    let bytes = read_within(path, limits::MAX_IMPORT_BYTES).map_err(|why| format!("{path}: {why}"))?;
    let contents = String::from_utf8(bytes).map_err(|e| {
        format!("{path}: the file is not UTF-8 text (bad byte at offset {})", e.utf8_error().valid_up_to())
    })?;
    let name = std::path::Path::new(path).file_name().map_or(path.to_owned(), |n| n.to_string_lossy().into_owned());
    let stem = article_text::stem(&name).trim_end_matches(".newsmark");
    if name.to_ascii_lowercase().ends_with(".json") {
        if let Ok(exercise) = schema::load_exercise(&contents) {
            return Ok(vec![(exercise.id.clone(), exercise.title.clone(), exercise.text.to_string())]);
        }
        let docs = schema::load(&contents).map_err(|e| {
            let problems: Vec<String> = e.problems.iter().map(|p| p.to_string().replace('\n', " ")).collect();
            format!("{path} is refused: {}", problems.join("; "))
        })?;
        return Ok(docs.into_iter().map(|d| (d.id, d.title, d.text.to_string())).collect());
    }
    if contents.len() > limits::MAX_ARTICLE_FILE_BYTES {
        return Err(format!("{path}: the file is larger than an article Newsmark reads"));
    }
    let article = match ArticleFile::of(&name).unwrap_or(ArticleFile::Plain) {
        ArticleFile::Html => html::read(&contents, stem),
        ArticleFile::Markdown => article_text::from_markdown(&contents, stem),
        ArticleFile::Plain => article_text::from_plain(&contents, stem),
    };
    let article = article_text::checked(&name, article)?;
    Ok(vec![(stem.to_owned(), article.title, article.text)])
}
