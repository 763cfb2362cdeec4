//! The capture corpus: made-up news pages with their clutter, and how much of each article extraction gets right.
//!
//! For every `tests/capture_corpus/NAME.html` the expected article is `NAME.txt` (see the
//! README there). The words of the extracted paragraphs are compared with the expected
//! ones as bags: precision is the share of extracted words that belong to the article,
//! recall the share of the article's words that were extracted. Both must be at least
//! 0.95 on every page. `cargo test --test capture_corpus -- --nocapture` prints the table,
//! with two others beside it for comparison: dom_smoothie's own text output, and the
//! whole text of the page (no extraction at all).

use dom_smoothie::{Config, Readability, TextMode};
use newsmark_core::capture;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;
use unicode_segmentation::UnicodeSegmentation;

const THRESHOLD: f64 = 0.95;

struct Page {
    name: String,
    html: String,
    title: String,
    paragraphs: Vec<String>,
}

fn corpus() -> Vec<Page> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/capture_corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| entry.unwrap().file_name().to_str()?.strip_suffix(".html").map(str::to_owned))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let html = std::fs::read_to_string(dir.join(format!("{name}.html"))).unwrap();
            let expected = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
            let (title, body) = expected.split_once("\n\n").unwrap_or_else(|| panic!("{name}.txt has no title line"));
            let paragraphs = body.split("\n\n").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
            Page { name, html, title: title.trim().to_owned(), paragraphs }
        })
        .collect()
}

/// The words of `text` as Unicode word segmentation finds them (UAX #29). A Chinese or
/// Japanese ideograph is a word of its own there, so those pages are counted by character.
fn words(text: &str) -> HashMap<&str, usize> {
    let mut bag = HashMap::new();
    for word in text.unicode_words() {
        *bag.entry(word).or_insert(0) += 1;
    }
    bag
}

/// Word precision and recall of `got` against `expected`.
fn score(got: &[String], expected: &[String]) -> (f64, f64) {
    let got = got.join("\n\n");
    let expected = expected.join("\n\n");
    let (got, expected) = (words(&got), words(&expected));
    let matched: usize = got.iter().map(|(word, n)| (*n).min(expected.get(word).copied().unwrap_or(0))).sum();
    let total = |bag: &HashMap<&str, usize>| bag.values().sum::<usize>().max(1) as f64;
    (matched as f64 / total(&got), matched as f64 / total(&expected))
}

/// dom_smoothie's own text of the article, without Newsmark's reading of blocks.
fn dom_smoothie_text(html: &str) -> Vec<String> {
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let article = Readability::new(html, None, Some(config)).unwrap().parse().unwrap();
    article.text_content.split("\n\n").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

#[test]
fn every_page_of_the_corpus_gives_its_article_with_precision_and_recall_of_at_least_95_percent() {
    let pages = corpus();
    assert!(pages.len() >= 10, "the corpus has {} pages", pages.len());
    println!(
        "| page | words | precision | recall | dom_smoothie text: precision | recall | whole text: precision | recall | time |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut failures = Vec::new();
    for page in &pages {
        let started = Instant::now();
        let capture = capture::extract(&page.html, None).unwrap_or_else(|why| panic!("{}: {why}", page.name));
        let took = started.elapsed();
        let (precision, recall) = score(&capture.paragraphs, &page.paragraphs);
        let (own_precision, own_recall) = score(&dom_smoothie_text(&page.html), &page.paragraphs);
        let whole = capture::whole_text(&page.html, None).unwrap();
        let (whole_precision, whole_recall) = score(&whole.paragraphs, &page.paragraphs);
        let total: usize = words(&page.paragraphs.join(" ")).values().sum();
        println!(
            "| {} | {total} | {precision:.3} | {recall:.3} | {own_precision:.3} | {own_recall:.3} | {whole_precision:.3} | {whole_recall:.3} | {:.1} ms |",
            page.name,
            took.as_secs_f64() * 1000.0
        );
        if precision < THRESHOLD || recall < THRESHOLD {
            failures.push(format!(
                "{}: precision {precision:.3}, recall {recall:.3}\n  got: {:#?}",
                page.name, capture.paragraphs
            ));
        }
        if capture.title != page.title {
            failures.push(format!("{}: the title is {:?}, not {:?}", page.name, capture.title, page.title));
        }
        if !capture.probably_article {
            failures.push(format!("{}: not taken for an article", page.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_page_of_the_corpus_names_its_canonical_url_and_publication_date() {
    for page in corpus() {
        let capture = capture::extract(&page.html, Some("https://reader.example/saved.html")).unwrap();
        let url = capture.url.unwrap_or_default();
        assert!(url.starts_with("https://") && url.contains(".example/"), "{}: {url}", page.name);
        assert!(capture.published.is_some_and(|date| date.starts_with("2026-")), "{}", page.name);
        assert!(capture.site_name.is_some(), "{}", page.name);
    }
}
