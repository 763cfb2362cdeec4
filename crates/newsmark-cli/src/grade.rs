//! `newsmark compare` (a student's work against an answer key) and `newsmark agree`
//! (agreement among several annotators of one article), on [`newsmark_core::agreement`].

use lexopt::Arg;
use newsmark_core::agreement::{self, Check, Prf, Verdict};
use newsmark_core::gradebook::{Column, Gradebook, Measure, Scope, Stage};
use newsmark_core::{schema, Document, Tag};
use serde::Serialize;
use serde_json::ser::Formatter;
use serde_json::value::RawValue;
use std::fmt::Write as _;
use std::path::Path;

/// What `compare` prints under its figures, after the matching rule.
const COMPARE_NOTES: &str = "Precision is the share of the student's spans that are in the key, recall \
the share of the key's spans the student found, F1 the harmonic mean of the two; \"–\" means there was \
nothing to count. A span tagged with the wrong tag counts as missed under the key's tag and as extra \
under the student's. Attribution: of the key's attributed quotes and claims that the student found, \
how many the student attributed to the same actor.";

/// What `compare --key` prints under the gradebook, after the matching rule.
const GRADEBOOK_NOTES: &str = "P is precision, R recall, F1 the harmonic mean of the two, and \
Attribution the share of the key's attributed quotes and claims found that the student attributed \
to the same actor. First check: the scores recorded in the work when it was first checked; final: \
the work as it is now, against this key. A class average is the mean of the students' figures, \
leaving out students without one. \"–\" means there was nothing to count. --csv prints the same \
figures as the app's Gradebook download.";

/// What `agree` prints under its figures, after the matching rule.
const AGREE_NOTES: &str = "Pairwise F1 scores two annotators against each other, either one taken \
as the key, by that rule: F1 = 2 × matches / (spans of both). Krippendorff's alpha (nominal) takes \
every code point of the article as a unit that each annotator either tagged with the tag or not, and \
compares the disagreement observed with the disagreement expected by chance: alpha = 1 − observed / \
expected, so 1 is full agreement, 0 no better than chance, and below 0 worse than chance. \"–\" means \
undefined: no spans to compare, or no variation (nobody used the tag, or everyone tagged all of the \
text with it).";

/// The notes printed under the figures: the matching rule the app and the report show
/// ([`agreement::MATCHING_RULE`]), then `notes`, wrapped for a terminal.
fn notes(notes: &str) -> String {
    wrap(&format!("{} {notes}", agreement::MATCHING_RULE), 88)
}

/// `text` with its words on lines of at most `width` characters (a longer word stands alone).
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
}

/// A document to compare, with the name it is shown under.
struct Named {
    name: String,
    doc: Document,
}

/// How `compare` prints its figures.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    /// Each student's counts and figures, with the notes.
    Text,
    Json,
    /// The gradebook: one line per student, first check and final, with the class averages.
    Gradebook,
    /// The gradebook as CSV, the same file the app's Gradebook view downloads.
    Csv,
}

/// The command's options, or `None` for `--help`.
struct Options {
    /// The files named, with the `--key` file first when one was given.
    files: Vec<String>,
    output: Output,
}

fn parse_args(args: &mut lexopt::Parser) -> Result<Option<Options>, String> {
    let mut files = Vec::new();
    let mut key = None;
    let (mut json, mut csv) = (false, false);
    while let Some(arg) = crate::next(args)? {
        match arg {
            Arg::Long("json") => json = true,
            Arg::Long("csv") => csv = true,
            Arg::Long("key") => key = Some(crate::text(args.value().map_err(|e| e.to_string())?)?),
            Arg::Short('h') | Arg::Long("help") => return Ok(None),
            Arg::Value(file) => files.push(crate::text(file)?),
            other => return Err(crate::unexpected(other)),
        }
    }
    let output = match (json, csv, key.is_some()) {
        (true, true, _) => return Err("--json and --csv print different things; choose one".into()),
        (true, false, _) => Output::Json,
        (false, true, _) => Output::Csv,
        (false, false, true) => Output::Gradebook,
        (false, false, false) => Output::Text,
    };
    files.splice(0..0, key);
    Ok(Some(Options { files, output }))
}

fn file_name(path: &str) -> String {
    Path::new(path).file_name().map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

fn read(path: &str) -> Result<String, String> {
    let bytes =
        crate::read_within(path, newsmark_core::limits::MAX_IMPORT_BYTES).map_err(|why| format!("{path}: {why}"))?;
    String::from_utf8(bytes)
        .map_err(|e| format!("{path} is not UTF-8 text (bad byte at offset {})", e.utf8_error().valid_up_to()))
}

fn refused(path: &str, e: schema::LoadError) -> String {
    let problems: Vec<String> = e.problems.iter().map(|p| p.to_string().replace('\n', " ")).collect();
    format!("{path} is refused: {}", problems.join("; "))
}

/// The annotated documents a file holds: an exercise's answer key, a document (possibly a
/// student's copy), or each document of a set (named `FILE#ID`).
fn load_annotated(path: &str) -> Result<Vec<Named>, String> {
    let json = read(path)?;
    let name = file_name(path);
    if let Ok(exercise) = schema::load_exercise(&json) {
        let doc = exercise.key_document().ok_or_else(|| {
            format!("{path} is a graded exercise whose answer key is sealed or was left out; give the teacher's annotated document as the KEY")
        })?;
        return Ok(vec![Named { name, doc }]);
    }
    let docs = schema::load(&json).map_err(|e| refused(path, e))?;
    match docs.len() {
        0 => Err(format!("{path} holds no documents")),
        1 => Ok(docs.into_iter().map(|doc| Named { name: name.clone(), doc }).collect()),
        _ => Ok(docs.into_iter().map(|doc| Named { name: format!("{name}#{}", doc.id), doc }).collect()),
    }
}

/// `newsmark compare [--json | --csv] KEY STUDENT...` or `newsmark compare --key KEY
/// [--json | --csv] STUDENT...`
pub fn compare(args: &mut lexopt::Parser) -> Result<(), String> {
    let Some(Options { files, output }) = parse_args(args)? else {
        println!("{}", crate::USAGE);
        return Ok(());
    };
    let [key_path, student_paths @ ..] = files.as_slice() else {
        return Err("compare needs a KEY file and one or more STUDENT files (see newsmark --help)".into());
    };
    if student_paths.is_empty() {
        return Err("compare needs one or more STUDENT files after the KEY (see newsmark --help)".into());
    }
    let mut keys = load_annotated(key_path)?;
    if keys.len() != 1 {
        return Err(format!("{key_path} holds {} documents; the KEY must be one document or an exercise", keys.len()));
    }
    let mut key = keys.remove(0);
    // The gradebook grades against a key, as the app's does: a student's copy given as the
    // KEY stands for the answer key it carries, never for the student's own work.
    if matches!(output, Output::Gradebook | Output::Csv) {
        if let Some(carried) = newsmark_core::exercise::key_document(&key.doc) {
            key.doc = carried;
        }
    }
    let mut students = Vec::new();
    for path in student_paths {
        for student in load_annotated(path)? {
            if student.doc.text != key.doc.text {
                return Err(format!(
                    "{}: its article text differs from the key's ({}); compare needs copies of the same article",
                    student.name, key.name
                ));
            }
            let check = agreement::check(&key.doc, &student.doc);
            students.push((student, check));
        }
    }
    let out = match output {
        Output::Text => compare_text(&students),
        Output::Json => compare_json(&key, &students),
        Output::Gradebook | Output::Csv => {
            let docs: Vec<&Document> = students.iter().map(|(s, _)| &s.doc).collect();
            let book = Gradebook::new(&key.doc, &docs);
            if output == Output::Csv {
                book.to_csv()
            } else {
                let files: Vec<&str> = students.iter().map(|(s, _)| s.name.as_str()).collect();
                gradebook_text(&book, &files)
            }
        }
    };
    print!("{out}");
    Ok(())
}

/// The gradebook for a terminal: for the first check and then the final work, one line
/// per student and the class averages, with precision, recall and F1 per tag and overall
/// and attribution accuracy. Each student is named with the file the work came from, as
/// two students' work may have the same title.
fn gradebook_text(book: &Gradebook, files: &[&str]) -> String {
    let names: Vec<String> = book.rows.iter().zip(files).map(|(r, file)| format!("{} ({file})", r.student)).collect();
    let name_width = names.iter().map(|n| n.chars().count()).chain(["Class average".len()]).max().unwrap_or(0);
    let mut out = String::new();
    for stage in Stage::ALL {
        let columns: Vec<Column> = Column::all().into_iter().filter(|c| c.stage == stage).collect();
        let _ = writeln!(out, "{}", stage.label());
        let mut groups = format!("  {:name_width$}", "");
        for scope in Scope::ALL {
            let _ = write!(groups, "  {:>21}", scope.label());
        }
        let _ = writeln!(out, "{}", groups.trim_end());
        let _ = write!(out, "  {:name_width$}", "");
        for _ in Scope::ALL {
            let _ = write!(out, "  {:>7}{:>7}{:>7}", "P", "R", "F1");
        }
        let _ = writeln!(out, "  {:>11}", "Attribution");
        let line = |out: &mut String, name: &str, value: &dyn Fn(Column) -> Option<f64>| {
            let _ = write!(out, "  {name:<name_width$}");
            for (i, c) in columns.iter().enumerate() {
                let gap = if i % 3 == 0 { "  " } else { "" };
                let width = if c.measure == Measure::Attribution { 11 } else { 7 };
                let _ = write!(out, "{gap}{:>width$}", percent(value(*c)));
            }
            out.push('\n');
        };
        for (row, name) in book.rows.iter().zip(&names) {
            line(&mut out, name, &|c| row.value(c));
        }
        line(&mut out, "Class average", &|c| book.average(c));
        out.push('\n');
    }
    out.push_str(&notes(GRADEBOOK_NOTES));
    out.push('\n');
    out
}

/// A fraction as a percentage with one decimal, or "–" when undefined.
fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |x| format!("{:.1}%", x * 100.0))
}

fn compare_text(students: &[(Named, Check)]) -> String {
    let mut out = String::new();
    for (student, check) in students {
        let _ = writeln!(out, "{}", student.name);
        let _ = writeln!(
            out,
            "  {:<12}{:>6}{:>8}{:>7}{:>11}{:>8}{:>8}",
            "", "found", "missed", "extra", "precision", "recall", "F1"
        );
        let rows = Tag::ALL.iter().map(|t| (t.label(), check.per_tag[*t as usize])).chain([("Overall", check.overall)]);
        for (label, prf) in rows {
            let _ = writeln!(
                out,
                "  {:<12}{:>6}{:>8}{:>7}{:>11}{:>8}{:>8}",
                label,
                prf.tp,
                prf.fn_,
                prf.fp,
                percent(prf.precision()),
                percent(prf.recall()),
                percent(prf.f1())
            );
        }
        let _ = writeln!(out, "  {:<12}{} of {}", "Attribution", check.attribution_correct, check.attribution_total);
        out.push('\n');
    }
    out.push_str(&notes(COMPARE_NOTES));
    out.push('\n');
    out
}

/// A value written on one line, `{"tp": 1, "fp": 2}`, inside the indented whole: the
/// figures of one tag or one verdict read best side by side.
fn one_line<T: Serialize>(value: &T) -> Box<RawValue> {
    let mut out = Vec::new();
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, OneLine)).expect("figures serialize");
    RawValue::from_string(String::from_utf8(out).expect("serde_json writes UTF-8")).expect("serde_json writes JSON")
}

/// serde_json's compact layout with a space after every `,` and `:`.
struct OneLine;

impl Formatter for OneLine {
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, out: &mut W, first: bool) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            out.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, out: &mut W, first: bool) -> std::io::Result<()> {
        self.begin_array_value(out, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b": ")
    }
}

/// The whole output: indented by two spaces, ending with a line break.
fn pretty<T: Serialize>(value: &T) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("figures serialize");
    out.push('\n');
    out
}

/// A number, or `null` when undefined.
fn number(x: Option<f64>) -> Option<f64> {
    x.filter(|x| x.is_finite())
}

#[derive(Serialize)]
struct PrfJson {
    tp: usize,
    fp: usize,
    #[serde(rename = "fn")]
    fn_: usize,
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
}

fn prf_json(prf: &Prf) -> Box<RawValue> {
    one_line(&PrfJson {
        tp: prf.tp,
        fp: prf.fp,
        fn_: prf.fn_,
        precision: number(prf.precision()),
        recall: number(prf.recall()),
        f1: number(prf.f1()),
    })
}

/// One verdict: `{"verdict": "matched", "key": …, "student": …, "iou": …, "attribution": …}`.
#[derive(Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
enum VerdictJson<'a> {
    Matched { key: &'a str, student: &'a str, iou: Option<f64>, attribution: Option<bool> },
    Missed { key: &'a str },
    Extra { student: &'a str },
    WrongTag { key: &'a str, student: &'a str },
}

fn verdict_json(v: &Verdict) -> Box<RawValue> {
    one_line(&match v {
        Verdict::Matched { key, student, iou, attribution } => {
            VerdictJson::Matched { key, student, iou: number(Some(*iou)), attribution: *attribution }
        }
        Verdict::Missed { key } => VerdictJson::Missed { key },
        Verdict::Extra { student } => VerdictJson::Extra { student },
        Verdict::WrongTag { key, student } => VerdictJson::WrongTag { key, student },
    })
}

/// A map from each tag's name (`claim`, `quote`, `actor`, in that order) to a value.
struct PerTag<T>(Vec<(Tag, T)>);

impl<T: Serialize> Serialize for PerTag<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(tag, value)| (tag.as_str(), value)))
    }
}

#[derive(Serialize)]
struct AttributionJson {
    correct: usize,
    total: usize,
}

#[derive(Serialize)]
struct StudentJson<'a> {
    file: &'a str,
    document: &'a str,
    per_tag: PerTag<Box<RawValue>>,
    overall: Box<RawValue>,
    attribution: Box<RawValue>,
    verdicts: Vec<Box<RawValue>>,
}

#[derive(Serialize)]
struct CompareJson<'a> {
    key: &'a str,
    students: Vec<StudentJson<'a>>,
}

fn compare_json(key: &Named, students: &[(Named, Check)]) -> String {
    let students = students
        .iter()
        .map(|(student, check)| StudentJson {
            file: &student.name,
            document: &student.doc.id,
            per_tag: PerTag(Tag::ALL.iter().map(|t| (*t, prf_json(&check.per_tag[*t as usize]))).collect()),
            overall: prf_json(&check.overall),
            attribution: one_line(&AttributionJson {
                correct: check.attribution_correct,
                total: check.attribution_total,
            }),
            verdicts: check.verdicts.iter().map(verdict_json).collect(),
        })
        .collect();
    pretty(&CompareJson { key: &key.name, students })
}

/// `newsmark agree [--json] FILE...`
pub fn agree(args: &mut lexopt::Parser) -> Result<(), String> {
    let Some(Options { files, output }) = parse_args(args)? else {
        println!("{}", crate::USAGE);
        return Ok(());
    };
    let mut annotators: Vec<Named> = Vec::new();
    for path in &files {
        annotators.extend(load_annotated(path)?);
    }
    if annotators.len() < 2 {
        return Err("agree needs two or more annotations of the same article (see newsmark --help)".into());
    }
    if let Some(other) = annotators[1..].iter().find(|a| a.doc.text != annotators[0].doc.text) {
        return Err(format!(
            "{} and {} annotate different texts; agreement needs annotations of the same article",
            annotators[0].name, other.name
        ));
    }
    let docs: Vec<&Document> = annotators.iter().map(|a| &a.doc).collect();
    let len = docs[0].text.chars().count();
    let f1 = agreement::pairwise_f1(&docs);
    let alphas: Vec<(Tag, Option<f64>)> = Tag::ALL.into_iter().map(|t| (t, agreement::alpha(len, &docs, t))).collect();
    let names: Vec<&str> = annotators.iter().map(|a| a.name.as_str()).collect();
    let out = match output {
        Output::Json => agree_json(&names, &f1, &alphas),
        Output::Text => agree_text(&names, &f1, &alphas),
        Output::Gradebook | Output::Csv => return Err("agree takes no --key or --csv; see compare".into()),
    };
    print!("{out}");
    Ok(())
}

/// Alpha with three decimals, or "–" when undefined.
fn three_decimals(x: Option<f64>) -> String {
    match x {
        None => "–".to_owned(),
        Some(x) => {
            let s = format!("{x:.3}");
            if s == "-0.000" {
                "0.000".to_owned()
            } else {
                s
            }
        }
    }
}

fn agree_text(names: &[&str], f1: &[Vec<Option<f64>>], alphas: &[(Tag, Option<f64>)]) -> String {
    let label_width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let column = |name: &str| name.chars().count().max(7) + 2;
    let mut out = String::from("Pairwise F1 (all tags)\n");
    let _ = write!(out, "  {:label_width$}", "");
    for name in names {
        let _ = write!(out, "{name:>w$}", w = column(name));
    }
    out.push('\n');
    for (name, row) in names.iter().zip(f1) {
        let _ = write!(out, "  {name:<label_width$}");
        for (other, x) in names.iter().zip(row) {
            let _ = write!(out, "{:>w$}", percent(*x), w = column(other));
        }
        out.push('\n');
    }
    out.push_str("\nKrippendorff's alpha (nominal, each code point a unit)\n");
    for (tag, alpha) in alphas {
        let _ = writeln!(out, "  {:<8}{:>6}", tag.label(), three_decimals(*alpha));
    }
    out.push('\n');
    out.push_str(&notes(AGREE_NOTES));
    out.push('\n');
    out
}

#[derive(Serialize)]
struct AgreeJson {
    annotators: Box<RawValue>,
    pairwise_f1: Vec<Box<RawValue>>,
    alpha: PerTag<Option<f64>>,
}

fn agree_json(names: &[&str], f1: &[Vec<Option<f64>>], alphas: &[(Tag, Option<f64>)]) -> String {
    pretty(&AgreeJson {
        annotators: one_line(&names),
        pairwise_f1: f1.iter().map(|row| one_line(&row.iter().map(|x| number(*x)).collect::<Vec<_>>())).collect(),
        alpha: PerTag(alphas.iter().map(|(tag, a)| (*tag, number(*a))).collect()),
    })
}
