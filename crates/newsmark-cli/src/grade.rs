//! `newsmark compare` (a student's work against an answer key) and `newsmark agree`
//! (agreement among several annotators of one article), on [`newsmark_core::agreement`].

use newsmark_core::agreement::{self, Check, Prf, Verdict};
use newsmark_core::{schema, Document, Tag};
use std::fmt::Write as _;
use std::path::Path;

/// What `compare` prints under its figures.
const COMPARE_NOTES: &str = "\
A student's span counts as found when it has the same tag as a key span and overlaps it
by at least half (IoU, the code points both cover over the code points either covers, is
0.5 or more); each span pairs with at most one other, best overlaps first. Precision is
the share of the student's spans that are in the key, recall the share of the key's spans
the student found, F1 the harmonic mean of the two; \"–\" means there was nothing to count.
A span tagged with the wrong tag counts as missed under the key's tag and as extra under
the student's. Attribution: of the key's attributed quotes and claims that the student
found, how many the student attributed to the same actor.";

/// What `agree` prints under its figures.
const AGREE_NOTES: &str = "\
Pairwise F1 scores two annotators against each other, either one taken as the key: two
spans match when they have the same tag and overlap by at least half (IoU, the code points
both cover over the code points either covers, is 0.5 or more), each span pairing with at
most one other, and F1 = 2 × matches / (spans of both). Krippendorff's alpha (nominal)
takes every code point of the article as a unit that each annotator either tagged with the
tag or not, and compares the disagreement observed with the disagreement expected by
chance: alpha = 1 − observed / expected, so 1 is full agreement, 0 no better than chance,
and below 0 worse than chance. \"–\" means undefined: no spans to compare, or no variation
(nobody used the tag, or everyone tagged all of the text with it).";

/// A document to compare, with the name it is shown under.
struct Named {
    name: String,
    doc: Document,
}

/// The command's options: the file arguments and whether `--json` was given.
fn parse_args(args: &[String]) -> Result<(Vec<&str>, bool), String> {
    let mut files = Vec::new();
    let mut json = false;
    for arg in args {
        match arg.as_str() {
            "--json" => json = true,
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag} (see newsmark --help)"))
            }
            file => files.push(file),
        }
    }
    Ok((files, json))
}

fn file_name(path: &str) -> String {
    Path::new(path).file_name().map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

fn read(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
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
        return Ok(vec![Named { name, doc: exercise.key }]);
    }
    let docs = schema::load(&json).map_err(|e| refused(path, e))?;
    match docs.len() {
        0 => Err(format!("{path} holds no documents")),
        1 => Ok(docs.into_iter().map(|doc| Named { name: name.clone(), doc }).collect()),
        _ => Ok(docs.into_iter().map(|doc| Named { name: format!("{name}#{}", doc.id), doc }).collect()),
    }
}

/// `newsmark compare [--json] KEY STUDENT...`
pub fn compare(args: &[String]) -> Result<(), String> {
    let (files, json) = parse_args(args)?;
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
    let key = keys.remove(0);
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
    let out = if json { compare_json(&key, &students) } else { compare_text(&students) };
    print!("{out}");
    Ok(())
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
    out.push_str(COMPARE_NOTES);
    out.push('\n');
    out
}

/// `s` as a JSON string.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number, or `null` when undefined.
fn json_number(x: Option<f64>) -> String {
    x.filter(|x| x.is_finite()).map_or_else(|| "null".to_owned(), |x| format!("{x:?}"))
}

fn prf_json(prf: &Prf) -> String {
    format!(
        "{{\"tp\": {}, \"fp\": {}, \"fn\": {}, \"precision\": {}, \"recall\": {}, \"f1\": {}}}",
        prf.tp,
        prf.fp,
        prf.fn_,
        json_number(prf.precision()),
        json_number(prf.recall()),
        json_number(prf.f1())
    )
}

fn verdict_json(v: &Verdict) -> String {
    match v {
        Verdict::Matched { key, student, iou, attribution } => format!(
            "{{\"verdict\": \"matched\", \"key\": {}, \"student\": {}, \"iou\": {}, \"attribution\": {}}}",
            json_string(key),
            json_string(student),
            json_number(Some(*iou)),
            attribution.map_or("null", |a| if a { "true" } else { "false" })
        ),
        Verdict::Missed { key } => format!("{{\"verdict\": \"missed\", \"key\": {}}}", json_string(key)),
        Verdict::Extra { student } => format!("{{\"verdict\": \"extra\", \"student\": {}}}", json_string(student)),
        Verdict::WrongTag { key, student } => format!(
            "{{\"verdict\": \"wrong_tag\", \"key\": {}, \"student\": {}}}",
            json_string(key),
            json_string(student)
        ),
    }
}

fn compare_json(key: &Named, students: &[(Named, Check)]) -> String {
    let mut out = format!("{{\n  \"key\": {},\n  \"students\": [", json_string(&key.name));
    for (i, (student, check)) in students.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        let _ = writeln!(out, "    {{\n      \"file\": {},", json_string(&student.name));
        let _ = writeln!(out, "      \"document\": {},", json_string(&student.doc.id));
        out.push_str("      \"per_tag\": {\n");
        for (t, tag) in Tag::ALL.iter().enumerate() {
            let comma = if t + 1 < Tag::ALL.len() { "," } else { "" };
            let _ = writeln!(out, "        \"{}\": {}{comma}", tag.as_str(), prf_json(&check.per_tag[*tag as usize]));
        }
        out.push_str("      },\n");
        let _ = writeln!(out, "      \"overall\": {},", prf_json(&check.overall));
        let _ = writeln!(
            out,
            "      \"attribution\": {{\"correct\": {}, \"total\": {}}},",
            check.attribution_correct, check.attribution_total
        );
        let verdicts: Vec<String> = check.verdicts.iter().map(|v| format!("        {}", verdict_json(v))).collect();
        if verdicts.is_empty() {
            out.push_str("      \"verdicts\": []\n    }");
        } else {
            let _ = write!(out, "      \"verdicts\": [\n{}\n      ]\n    }}", verdicts.join(",\n"));
        }
    }
    out.push_str(if students.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    out
}

/// `newsmark agree [--json] FILE...`
pub fn agree(args: &[String]) -> Result<(), String> {
    let (files, json) = parse_args(args)?;
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
    let out = if json { agree_json(&names, &f1, &alphas) } else { agree_text(&names, &f1, &alphas) };
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
    out.push_str(AGREE_NOTES);
    out.push('\n');
    out
}

fn agree_json(names: &[&str], f1: &[Vec<Option<f64>>], alphas: &[(Tag, Option<f64>)]) -> String {
    let names: Vec<String> = names.iter().map(|n| json_string(n)).collect();
    let rows: Vec<String> = f1
        .iter()
        .map(|row| format!("    [{}]", row.iter().map(|x| json_number(*x)).collect::<Vec<_>>().join(", ")))
        .collect();
    let alphas: Vec<String> =
        alphas.iter().map(|(tag, a)| format!("    \"{}\": {}", tag.as_str(), json_number(*a))).collect();
    format!(
        "{{\n  \"annotators\": [{}],\n  \"pairwise_f1\": [\n{}\n  ],\n  \"alpha\": {{\n{}\n  }}\n}}\n",
        names.join(", "),
        rows.join(",\n"),
        alphas.join(",\n")
    )
}
