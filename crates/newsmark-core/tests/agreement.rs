//! Krippendorff's alpha checked two ways on seeded random annotations: against a plain
//! per-code-point computation here, and against the `krippendorff` package from PyPI
//! (tests/cross_runtime/check_alpha.py, run with the interpreter named by NEWSMARK_PYTHON).

use newsmark_core::agreement::{self, alpha};
use newsmark_core::{Action, Document, Tag, Timestamp, Workspace};
use serde_json::{json, Value};
use std::process::Command;

const NOW: Timestamp = Timestamp(1_795_622_047_000);

/// A tiny linear congruential generator (Knuth's MMIX constants): enough to make the
/// same "random" annotations on every run, without a dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// About 300 code points of text with accents, curly quotes and an emoji, so that code
/// points, bytes and UTF-16 units all differ.
fn article() -> String {
    let sentence = "„Wir handeln jetzt“, sagte Bürgermeisterin Lindqvist 🚢 am Dienstag. ";
    sentence.repeat(5).chars().take(300).collect()
}

/// The spans `(tag, start, end)` of `annotators` annotators of a text of `len` code points:
/// each starts from the same "true" spans, moves their edges a little, drops some and adds
/// a few of its own, so that they agree more than chance but not fully, and spans overlap.
fn random_annotators(seed: u64, annotators: usize, len: usize) -> Annotators {
    let mut rng = Lcg(seed);
    let truth: Vec<(Tag, usize, usize)> = (0..12)
        .map(|_| {
            let start = rng.below(len - 10);
            (Tag::ALL[rng.below(3)], start, (start + 3 + rng.below(40)).min(len))
        })
        .collect();
    (0..annotators)
        .map(|_| {
            let mut spans = Vec::new();
            for &(tag, start, end) in &truth {
                if rng.below(5) == 0 {
                    continue;
                }
                let start = (start + rng.below(7)).saturating_sub(3);
                let end = (end + rng.below(7)).saturating_sub(3).min(len);
                if start < end {
                    spans.push((tag, start, end));
                }
            }
            for _ in 0..rng.below(4) {
                let start = rng.below(len - 1);
                spans.push((Tag::ALL[rng.below(3)], start, (start + 1 + rng.below(25)).min(len)));
            }
            spans
        })
        .collect()
}

/// One document per annotator, its spans added as a person would add them.
fn documents(text: &str, annotators: &[Vec<(Tag, usize, usize)>]) -> Vec<Document> {
    let mut ws = Workspace::default();
    for (d, spans) in annotators.iter().enumerate() {
        let doc = format!("annotator-{d}");
        ws.apply(Action::AddDocument(Document::new(doc.clone(), "Article", text, NOW)), NOW).unwrap();
        for (i, &(tag, start, end)) in spans.iter().enumerate() {
            let add = Action::AddAnnotation { doc: doc.clone(), id: format!("a{i}"), tag, start, end };
            ws.apply(add, NOW).unwrap();
        }
    }
    let mut docs: Vec<Document> = ws.documents().iter().map(|d| (**d).clone()).collect();
    docs.reverse(); // Added documents go to the top of the library.
    docs
}

/// Nominal alpha the slow way: every code point, every ordered pair of annotators.
fn alpha_per_code_point(len: usize, docs: &[&Document], tag: Tag) -> Option<f64> {
    let m = docs.len();
    if m < 2 {
        return None;
    }
    let values: Vec<Vec<usize>> = docs
        .iter()
        .map(|d| (0..len).map(|cp| usize::from(d.annotations.iter().any(|a| a.tag == tag && a.covers(cp)))).collect())
        .collect();
    let mut o = [[0.0f64; 2]; 2];
    for cp in 0..len {
        for i in 0..m {
            for j in 0..m {
                if i != j {
                    o[values[i][cp]][values[j][cp]] += 1.0 / (m - 1) as f64;
                }
            }
        }
    }
    let n0 = o[0][0] + o[0][1];
    let n1 = o[1][1] + o[1][0];
    let n = n0 + n1;
    let d_o = (o[0][1] + o[1][0]) / n;
    let d_e = 2.0 * n0 * n1 / (n * (n - 1.0));
    (d_e > 0.0).then(|| 1.0 - d_o / d_e)
}

/// Each annotator's spans `(tag, start, end)`.
type Annotators = Vec<Vec<(Tag, usize, usize)>>;

/// The seeded cases: (name, text length, each annotator's spans).
fn cases() -> Vec<(String, usize, Annotators)> {
    let text = article();
    let len = text.chars().count();
    let mut cases: Vec<_> = [(1, 3), (2, 4), (3, 3), (4, 4), (5, 4)]
        .into_iter()
        .map(|(seed, m)| (format!("seed {seed}, {m} annotators"), len, random_annotators(seed, m, len)))
        .collect();
    // Edge cases: identical annotators (alpha 1),
    // and one annotator tagging everything as a claim while another tags nothing.
    let same = random_annotators(9, 1, len).remove(0);
    cases.push(("identical annotators".into(), len, vec![same.clone(), same.clone(), same]));
    cases.push(("all or nothing".into(), len, vec![vec![(Tag::Claim, 0, len)], vec![], vec![(Tag::Claim, 0, len)]]));
    cases
}

#[test]
fn alpha_over_runs_equals_alpha_per_code_point() {
    let text = article();
    for (name, len, annotators) in cases() {
        let docs = documents(&text, &annotators);
        let docs: Vec<&Document> = docs.iter().collect();
        for tag in Tag::ALL {
            let fast = alpha(len, &docs, tag);
            let slow = alpha_per_code_point(len, &docs, tag);
            match (fast, slow) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{name} {tag}: {a} against {b}"),
                (a, b) => assert_eq!(a, b, "{name} {tag}"),
            }
        }
        // Coverage runs tile the text and count the annotators at each code point.
        for tag in Tag::ALL {
            let runs = agreement::coverage(len, &docs, tag);
            assert_eq!(runs.first().unwrap().range.start, 0);
            assert_eq!(runs.last().unwrap().range.end, len);
            for w in runs.windows(2) {
                assert_eq!(w[0].range.end, w[1].range.start, "{name} {tag}");
                assert_ne!(w[0].count, w[1].count, "{name} {tag}: runs are maximal");
            }
            for run in &runs {
                for cp in run.range.clone() {
                    let count =
                        docs.iter().filter(|d| d.annotations.iter().any(|a| a.tag == tag && a.covers(cp))).count();
                    assert_eq!(count, run.count, "{name} {tag} at {cp}");
                }
            }
        }
    }
}

#[test]
fn alpha_matches_the_krippendorff_package() {
    let Some(python) = std::env::var_os("NEWSMARK_PYTHON") else {
        println!("skipping: NEWSMARK_PYTHON is not set");
        return;
    };
    let text = article();
    let cases: Vec<Value> = cases()
        .into_iter()
        .map(|(name, len, annotators)| {
            let docs = documents(&text, &annotators);
            let docs: Vec<&Document> = docs.iter().collect();
            let spans: Vec<Value> = docs
                .iter()
                .map(|d| {
                    d.annotations
                        .iter()
                        .map(|a| json!({ "tag": a.tag.as_str(), "start": a.start, "end": a.end }))
                        .collect()
                })
                .collect();
            let alphas: serde_json::Map<String, Value> =
                Tag::ALL.into_iter().map(|tag| (tag.as_str().to_owned(), json!(alpha(len, &docs, tag)))).collect();
            json!({ "name": name, "text_len": len, "annotators": spans, "alpha": alphas })
        })
        .collect();
    let path = std::env::temp_dir().join(format!("newsmark-alpha-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_string_pretty(&json!({ "cases": cases })).unwrap()).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cross_runtime/check_alpha.py");
    let out = Command::new(&python)
        .arg(script)
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.to_string_lossy()));
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    std::fs::remove_file(&path).ok();
    assert!(out.status.success(), "check_alpha.py disagrees with Newsmark:\n{report}");
    println!("{report}");
}
