//! Native benchmarks of the core on synthetic articles ([`newsmark_core::synthetic`]): how
//! the cost of each step grows with the length of the text and with the number of spans.
//!
//! ```text
//! cargo bench -p newsmark-core                  # every step and size; prints Markdown tables
//! cargo bench -p newsmark-core -- anchor        # only the steps whose names contain "anchor"
//! NEWSMARK_BENCH_QUICK=1 cargo bench -p newsmark-core   # the smallest size once (for CI)
//! ```
//!
//! `-- --quick` does the same as `NEWSMARK_BENCH_QUICK=1`.
//!
//! Two series: the text grows from 1,000 to 100,000 words with one annotation per ten
//! words (a longer article annotated as closely), then the annotations grow from 100 to
//! 10,000 on 100,000 words. A third table is the worst case the limits allow for
//! re-anchoring: the longest article (1,000,000 characters) and 1,000 to 100,000 quotes
//! that are nowhere in it, as when a file is imported against the wrong article. Each figure is the median of several runs (each run repeated
//! until it takes about 10 ms, for the quick steps), with the cost per word and per
//! annotation beside it: a step that grows linearly keeps the same cost per unit as the
//! size grows by ten.
//!
//! A small harness written here rather than criterion: criterion is not in the local
//! registry and would add a few dozen crates to compile on a small shared machine, and what
//! is wanted is one table across sizes with a per-unit column, not a statistical report
//! for each step.

use newsmark_core::anchor::{self, Quote};
use newsmark_core::formats::{self, Format};
use newsmark_core::limits::{grouped, MAX_ARTICLE_CHARS};
use newsmark_core::offsets::OffsetIndex;
use newsmark_core::{agreement, offsets, schema, segments, synthetic, Document, Tag};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The article and what each step needs, made before any clock starts.
struct Fixture {
    words: usize,
    annotations: usize,
    doc: Document,
    /// A second annotator's version of `doc`, for agreement.
    other: Document,
    json: String,
    w3c: Vec<u8>,
    quotes: Vec<(Quote, (usize, usize))>,
    /// The text with a sentence put in front, so that every span has moved.
    shifted: String,
}

impl Fixture {
    fn new(words: usize, annotations: usize) -> Fixture {
        let doc = synthetic::document(words, annotations, 1);
        let other = synthetic::perturbed(&doc, 2);
        let json = schema::document_to_json(&doc);
        let w3c = formats::export(Format::W3c, std::slice::from_ref(&doc)).unwrap().bytes;
        let quotes = doc
            .annotations
            .iter()
            .map(|a| {
                let q = Quote { exact: a.exact.clone(), prefix: a.prefix.clone(), suffix: a.suffix.clone() };
                (q, (a.start, a.end))
            })
            .collect();
        let shifted = format!("Updated on Wednesday with the council\u{2019}s reply. {}", doc.text);
        Fixture { words, annotations, doc, other, json, w3c, quotes, shifted }
    }
}

/// A step of the benchmark: its name and what it does to a fixture.
struct Step {
    name: &'static str,
    run: fn(&Fixture),
}

const STEPS: &[Step] = &[
    Step { name: "segments: paragraphs, then runs of each", run: segmentation },
    Step { name: "offsets: index, then 3 conversions per span edge", run: offset_conversion },
    Step { name: "anchor: place every span, positions right", run: place_in_place },
    Step { name: "anchor: place every span, text shifted", run: place_shifted },
    Step { name: "schema: save", run: |f| drop(black_box(schema::document_to_json(&f.doc))) },
    Step { name: "schema: load", run: |f| drop(black_box(schema::load_document(&f.json).expect("loads"))) },
    Step {
        name: "w3c: export",
        run: |f| drop(black_box(formats::export(Format::W3c, std::slice::from_ref(&f.doc)).unwrap())),
    },
    Step { name: "w3c: import", run: w3c_import },
    Step { name: "agreement: check (F1) against a perturbed copy", run: agreement_check },
    Step { name: "agreement: alpha for 3 tags, 2 annotators", run: agreement_alpha },
];

/// What the article view does: cut the text into paragraphs, hand each the spans that
/// touch it, and cut each paragraph into runs of the same covering spans, with their text.
fn segmentation(f: &Fixture) {
    let text = &f.doc.text;
    let paragraphs = segments::paragraphs(text);
    let index = OffsetIndex::new(text);
    let mut spans: Vec<Vec<std::ops::Range<usize>>> = vec![Vec::new(); paragraphs.len()];
    for a in &f.doc.annotations {
        let first = paragraphs.partition_point(|p| p.end <= a.start);
        for (i, p) in paragraphs.iter().enumerate().skip(first).take_while(|(_, p)| p.start < a.end) {
            spans[i].push(a.start.saturating_sub(p.start)..a.end.min(p.end) - p.start);
        }
    }
    for (p, spans) in paragraphs.iter().zip(&spans) {
        let from = index.cp_to_byte(p.start).expect("inside");
        let to = index.cp_to_byte(p.end).expect("inside");
        let runs = segments::segments(0..p.end - p.start, spans);
        black_box(segments::segment_texts(&text[from..to], &runs));
    }
}

/// Every span edge from code points to UTF-16 units and back, and to bytes: what the app
/// does when it highlights spans in the DOM and reads a selection back.
fn offset_conversion(f: &Fixture) {
    let index = OffsetIndex::new(&f.doc.text);
    for a in &f.doc.annotations {
        for cp in [a.start, a.end] {
            let u16 = index.cp_to_utf16(cp).expect("inside");
            black_box(index.utf16_to_cp(u16));
            black_box(index.cp_to_byte(cp));
        }
    }
}

/// What an import does for spans that are where the file says: each found at its position.
fn place_in_place(f: &Fixture) {
    place_all(&f.doc.text, &f.quotes);
}

/// What an import does when the article's text has changed: no span is where its file
/// says, so all are searched for by their quotes and context, in one pass over the text.
fn place_shifted(f: &Fixture) {
    let index = OffsetIndex::new(&f.shifted);
    let quotes: Vec<&Quote> = f.quotes.iter().map(|(quote, _)| quote).collect();
    black_box(anchor::reanchor_all(&f.shifted, &index, &quotes));
}

fn place_all(text: &str, quotes: &[(Quote, (usize, usize))]) {
    let index = OffsetIndex::new(text);
    for (quote, hint) in quotes {
        black_box(anchor::place_indexed(text, &index, quote, Some(*hint)));
    }
}

fn w3c_import(f: &Fixture) {
    let imported = formats::import(Format::W3c, &f.w3c, None, &mut || "imported".into(), synthetic::CREATED);
    assert_eq!(imported.expect("imports").report.exact, f.annotations);
}

fn agreement_check(f: &Fixture) {
    black_box(agreement::check(&f.doc, &f.other));
}

fn agreement_alpha(f: &Fixture) {
    let len = newsmark_core::offsets::cp_len(&f.doc.text);
    for tag in Tag::ALL {
        black_box(agreement::alpha(len, &[&f.doc, &f.other], tag));
    }
}

/// The median time of one run of `run`, and how many timed samples it is the median of.
fn measure(quick: bool, mut run: impl FnMut()) -> (Duration, usize) {
    let start = Instant::now();
    run(); // also warms the caches
    let first = start.elapsed();
    if quick {
        return (first, 1);
    }
    // Quick steps are repeated within a sample so that the clock's resolution does not matter.
    let repeat = (10_000_000 / first.as_nanos().max(1)).clamp(1, 100_000) as u32;
    let samples = if first > Duration::from_secs(1) { 3 } else { 7 };
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..repeat {
                run();
            }
            start.elapsed() / repeat
        })
        .collect();
    times.sort();
    (times[samples / 2], samples)
}

fn duration(d: Duration) -> String {
    let ns = d.as_nanos() as f64;
    match ns {
        _ if ns < 1e3 => format!("{ns:.0} ns"),
        _ if ns < 1e6 => format!("{:.1} µs", ns / 1e3),
        _ if ns < 1e9 => format!("{:.1} ms", ns / 1e6),
        _ => format!("{:.2} s", ns / 1e9),
    }
}

fn per(d: Duration, n: usize) -> String {
    let ns = d.as_nanos() as f64 / n.max(1) as f64;
    if ns < 100.0 {
        format!("{ns:.1}")
    } else {
        format!("{ns:.0}")
    }
}

fn table(title: &str, sizes: &[(usize, usize)], steps: &[&Step], quick: bool) {
    if steps.is_empty() {
        return;
    }
    println!("\n### {title}\n");
    println!("| step | words | annotations | median | ns / word | ns / annotation | samples |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let fixtures: Vec<Fixture> = sizes.iter().map(|&(w, a)| Fixture::new(w, a)).collect();
    for step in steps {
        for f in &fixtures {
            let (median, samples) = measure(quick, || (step.run)(f));
            println!(
                "| {} | {} | {} | {} | {} | {} | {samples} |",
                step.name,
                grouped(f.words),
                grouped(f.annotations),
                duration(median),
                per(median, f.words),
                per(median, f.annotations)
            );
        }
    }
}

/// The longest article the limits allow, and quotes that are nowhere in it: each the text,
/// prefix and suffix of a real span with a character the article does not hold added, so
/// that every quote is searched for and nearly found.
struct Nowhere {
    text: String,
    quotes: Vec<Quote>,
    /// A W3C file of those quotes, made elsewhere (without the article).
    w3c: Vec<u8>,
}

impl Nowhere {
    fn new(quotes: usize) -> Nowhere {
        // About 6.3 characters a word: as near the limit as the synthetic article comes.
        let mut doc = synthetic::document(159_000, quotes, 1);
        let end = offsets::cp_to_byte(&doc.text, MAX_ARTICLE_CHARS).unwrap_or(doc.text.len());
        doc.text = doc.text[..end].into();
        let len = offsets::cp_len(&doc.text);
        doc.annotations.retain(|a| a.end <= len);
        for a in &mut doc.annotations {
            a.exact.push('\u{2E3B}');
        }
        let quotes = doc
            .annotations
            .iter()
            .map(|a| Quote { exact: a.exact.clone(), prefix: a.prefix.clone(), suffix: a.suffix.clone() })
            .collect();
        // As another tool writes them: a tag and a quote with its context, nothing more, so
        // that 100,000 of them stay under the import limit.
        let annotations: Vec<serde_json::Value> = doc
            .annotations
            .iter()
            .map(|a| {
                serde_json::json!({"type": "Annotation", "body": {"purpose": "tagging", "value": "quote"},
                    "target": {"selector": {"type": "TextQuoteSelector",
                        "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix}}})
            })
            .collect();
        let w3c = serde_json::to_vec(&annotations).unwrap();
        assert!(w3c.len() <= formats::MAX_IMPORT_BYTES, "{} bytes", w3c.len());
        Nowhere { text: doc.text.to_string(), quotes, w3c }
    }
}

const NOWHERE_STEPS: [&str; 3] = [
    "anchor: quotes found nowhere, each alone",
    "anchor: quotes found nowhere, all at once",
    "w3c: import, quotes found nowhere",
];

/// The worst case for re-anchoring: every quote searched for in the longest article, and
/// found nowhere.
fn nowhere_table(counts: &[usize], quick: bool, selected: &dyn Fn(&str) -> bool) {
    if !NOWHERE_STEPS.iter().any(|step| selected(step)) {
        return;
    }
    println!("\n### Quotes found nowhere in the longest article (up to {} characters)\n", grouped(MAX_ARTICLE_CHARS));
    println!("| step | characters | quotes | median | ns / quote | samples |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (n, &count) in counts.iter().enumerate() {
        let f = Nowhere::new(count);
        let characters = grouped(offsets::cp_len(&f.text));
        let index = OffsetIndex::new(&f.text);
        let all: Vec<&Quote> = f.quotes.iter().collect();
        let row = |step: &str, n: usize, run: &mut dyn FnMut()| {
            if !selected(step) {
                return;
            }
            let (median, samples) = measure(quick, run);
            println!(
                "| {step} | {characters} | {} | {} | {} | {samples} |",
                grouped(n),
                duration(median),
                per(median, n)
            );
        };
        // Searching for each quote alone, as imports did before: a pass over the text per
        // quote, so only the first thousand are timed, once.
        if n == 0 {
            let alone = &f.quotes[..f.quotes.len().min(1_000)];
            row(NOWHERE_STEPS[0], alone.len(), &mut || {
                for quote in alone {
                    black_box(anchor::place_indexed(&f.text, &index, quote, None));
                }
            });
        }
        row(NOWHERE_STEPS[1], all.len(), &mut || {
            black_box(anchor::reanchor_all(&f.text, &index, &all));
        });
        row(NOWHERE_STEPS[2], all.len(), &mut || {
            let imported =
                formats::import(Format::W3c, &f.w3c, Some(&f.text), &mut || "imported".into(), synthetic::CREATED);
            assert_eq!(imported.expect("imports").report.orphaned, all.len());
        });
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let quick = std::env::var("NEWSMARK_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0")
        || args.iter().any(|a| a == "--quick");
    let filter: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let selected = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));
    let steps: Vec<&Step> = STEPS.iter().filter(|s| selected(s.name)).collect();
    if cfg!(debug_assertions) {
        println!("(a debug build: the figures say little; use cargo bench)");
    }
    if quick {
        println!("Quick run: the smallest size, once.");
        table("Smallest size", &[(1_000, 100)], &steps, true);
        nowhere_table(&[1_000], true, &selected);
        return;
    }
    println!("newsmark-core benchmarks on synthetic articles (seed 1); medians.");
    table(
        "The text grows (one annotation per 10 words)",
        &[(1_000, 100), (10_000, 1_000), (100_000, 10_000)],
        &steps,
        false,
    );
    table(
        "The annotations grow (100,000 words)",
        &[(100_000, 100), (100_000, 1_000), (100_000, 10_000)],
        &steps,
        false,
    );
    nowhere_table(&[1_000, 10_000, 100_000], false, &selected);
}
