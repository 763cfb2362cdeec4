//! `newsmark capture PAGE.html [--url URL] [--whole] [-o OUTPUT]`: a saved web page's
//! article ([`newsmark_core::capture`]) as a Newsmark document, ready to annotate.

use crate::{next, read_within, text, unexpected, value};
use lexopt::Arg;
use newsmark_core::article_text::{self, Article};
use newsmark_core::{capture, limits, schema, Document, Timestamp};
use std::io::Write;

/// `newsmark capture --help`.
pub const HELP: &str = "\
usage: newsmark capture PAGE.html [--url URL] [--whole] [-o OUTPUT]

Finds the article in a saved web page as a reader would see it (Readability:
the headline, byline, date, site and canonical address, then the paragraphs,
headings, block quotes and list items, without the page's menus, banners, ads,
share bars, related links, comments or footer) and writes it as a Newsmark
document with no annotations yet. Nothing in the page is run or fetched.

  --url URL   the address the page was saved from, kept as the document's source
              when the page names no canonical address of its own
  --whole     take all the visible text of the page instead, for a page that is
              not an article (a list, an index) or where the article is missed
  -o OUTPUT   write here instead of to standard output";

pub fn run(args: &mut lexopt::Parser, now: Timestamp) -> Result<(), String> {
    let (mut input, mut output, mut url, mut whole) = (None, None, None, false);
    while let Some(arg) = next(args)? {
        match arg {
            Arg::Short('o') | Arg::Long("output") => output = Some(value(args, "-o")?),
            Arg::Long("url") => url = Some(value(args, "--url")?),
            Arg::Long("whole") => whole = true,
            Arg::Short('h') | Arg::Long("help") => {
                println!("{HELP}");
                return Ok(());
            }
            Arg::Value(path) if input.is_none() => input = Some(text(path)?),
            other => return Err(unexpected(other)),
        }
    }
    let path = input.ok_or("capture needs a PAGE.html file (see newsmark capture --help)")?;
    let bytes = read_within(&path, limits::MAX_ARTICLE_FILE_BYTES).map_err(|why| format!("{path}: {why}"))?;
    let html = String::from_utf8_lossy(&bytes);
    let name = std::path::Path::new(&path).file_name().map_or(path.clone(), |n| n.to_string_lossy().into_owned());
    let read = if whole { capture::whole_text } else { capture::extract };
    let page = read(&html, url.as_deref()).map_err(|why| format!("{path}: {why}"))?;
    if !whole && !page.probably_article {
        eprintln!("{name} does not look like an article; if the text is not what you want, try --whole");
    }
    let article = Article {
        title: if page.title.is_empty() { article_text::stem(&name).to_owned() } else { page.title.clone() },
        text: page.paragraphs.join("\n\n"),
        source_url: page.url.clone(),
        byline: page.byline.clone(),
        published: page.published.clone(),
        site_name: page.site_name.clone(),
        captured: None,
    };
    let article = article_text::checked(&name, article)?;
    let mut doc = Document::new(format!("capture-{}", article_text::stem(&name)), article.title, article.text, now);
    doc.source_url = article.source_url;
    doc.byline = article.byline;
    doc.published = article.published;
    doc.site_name = article.site_name;
    let site = [page.site_name.as_deref(), page.published.as_deref()].into_iter().flatten().collect::<Vec<_>>();
    let words = newsmark_core::sources::word_count(&doc.text);
    let from = if site.is_empty() { String::new() } else { format!(" ({})", site.join(", ")) };
    eprintln!("{}{from}: {} paragraphs, {words} words", doc.title, page.paragraphs.len());
    let json = schema::document_to_json(&doc);
    match output {
        Some(path) => std::fs::write(&path, json).map_err(|e| format!("cannot write {path}: {e}"))?,
        None => std::io::stdout().write_all(json.as_bytes()).map_err(|e| format!("cannot write the output: {e}"))?,
    }
    Ok(())
}
