//! The teacher's gradebook: every student's figures against one answer key, at the first
//! check and as the work is now, with the class averages, and the same table as CSV.
//!
//! Each figure comes from [`agreement::check`], the check a student runs in the app: per tag
//! and overall precision, recall and F1, and attribution accuracy (of the matched quotes
//! and claims the key attributes to an actor, the share the student attributed to the same
//! actor). The app's Gradebook view and `newsmark compare --key` both build this table, so
//! they show the same figures.
//!
//! The *first check* is the work as it was when first checked, kept in the student's work
//! and scored again against the key chosen for the gradebook ([`first_check`]); the
//! *final* figures are the work as it is now, checked against the same key.
//!
//! # Class averages
//!
//! An average is the mean of the students' figures: each student counts once, whatever
//! the number of spans they tagged, and a student without a figure (precision for a
//! student who tagged nothing, any first-check figure for work never checked) is left out
//! of that average rather than counted as 0. Pooling the counts instead would let a
//! student who tagged twice as much weigh twice as much in the class's figure. An average
//! over no students has no value.
//!
//! Where this module reads a student's name and first check ([`student_name`],
//! [`first_check`]) is the one place to change when the work records them otherwise.

use crate::agreement;
use crate::model::assignment::Scores;
use crate::model::{Document, Reading, Tag};
use std::cmp::Ordering;

/// When a figure was taken: at the student's first check, or from the work as it is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    FirstCheck,
    Final,
}

impl Stage {
    pub const ALL: [Stage; 2] = [Stage::FirstCheck, Stage::Final];

    pub fn label(self) -> &'static str {
        match self {
            Stage::FirstCheck => "First check",
            Stage::Final => "Final",
        }
    }
}

/// Which spans a figure is about: one tag's, or all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Tag(Tag),
    Overall,
}

impl Scope {
    pub const ALL: [Scope; 4] =
        [Scope::Tag(Tag::Claim), Scope::Tag(Tag::Quote), Scope::Tag(Tag::Actor), Scope::Overall];

    pub fn label(self) -> &'static str {
        match self {
            Scope::Tag(tag) => tag.label(),
            Scope::Overall => "Overall",
        }
    }
}

/// What a figure measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    Precision(Scope),
    Recall(Scope),
    F1(Scope),
    /// Correct attributions over the attributions scored.
    Attribution,
}

impl Measure {
    /// Every measure, in the table's order: for each tag and then overall, precision,
    /// recall and F1; then attribution.
    pub fn all() -> Vec<Measure> {
        Scope::ALL
            .into_iter()
            .flat_map(|s| [Measure::Precision(s), Measure::Recall(s), Measure::F1(s)])
            .chain([Measure::Attribution])
            .collect()
    }

    /// The measure's name within its scope: "Precision", "Recall", "F1" or "Attribution".
    pub fn name(self) -> &'static str {
        match self {
            Measure::Precision(_) => "Precision",
            Measure::Recall(_) => "Recall",
            Measure::F1(_) => "F1",
            Measure::Attribution => "Attribution",
        }
    }

    /// The scope the measure is about; `None` for attribution.
    pub fn scope(self) -> Option<Scope> {
        match self {
            Measure::Precision(s) | Measure::Recall(s) | Measure::F1(s) => Some(s),
            Measure::Attribution => None,
        }
    }

    /// The measure's value in `scores`, or `None` when there was nothing to count.
    pub fn of(self, scores: &Scores) -> Option<f64> {
        let prf = |s: Scope| match s {
            Scope::Tag(tag) => scores.per_tag[tag as usize],
            Scope::Overall => scores.overall,
        };
        match self {
            Measure::Precision(s) => prf(s).precision(),
            Measure::Recall(s) => prf(s).recall(),
            Measure::F1(s) => prf(s).f1(),
            Measure::Attribution => (scores.attributions_scored > 0)
                .then(|| scores.attributions_correct as f64 / scores.attributions_scored as f64),
        }
    }
}

/// One column of the table: a measure at a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Column {
    pub stage: Stage,
    pub measure: Measure,
}

impl Column {
    /// Every column, in the table's order: the first check's measures, then the final ones.
    pub fn all() -> Vec<Column> {
        Stage::ALL
            .into_iter()
            .flat_map(|stage| Measure::all().into_iter().map(move |measure| Column { stage, measure }))
            .collect()
    }

    /// The column's name in a CSV header: "first check claim precision", "final attribution".
    pub fn csv_name(self) -> String {
        let stage = match self.stage {
            Stage::FirstCheck => "first check",
            Stage::Final => "final",
        };
        match self.measure.scope() {
            Some(scope) => format!("{stage} {} {}", scope.label().to_lowercase(), self.measure.name().to_lowercase()),
            None => format!("{stage} attribution"),
        }
    }
}

/// The name a student's work is shown under: the name the student gave on opening the
/// exercise (`Assignment::student`), or the work's title for work without one (saved
/// before Newsmark asked, or a name never given).
pub fn student_name(doc: &Document) -> String {
    doc.assignment.as_ref().and_then(|a| a.student.clone()).unwrap_or_else(|| doc.title.clone())
}

/// The figures of the work as it was when first checked, against `key`: the annotations
/// the check kept (`Checked::work`) scored again, so that the figures are the teacher's
/// key's and scores edited in the file count for nothing; for work checked before
/// Newsmark kept them (schema version 2 and earlier), the scores recorded then. `None` for
/// work never checked, or checked before Newsmark recorded scores.
pub fn first_check(key: Reading, doc: &Document) -> Option<Scores> {
    let checked = doc.assignment.as_ref()?.checked.as_ref()?;
    match &checked.work {
        Some(work) => Some(agreement::check(key, work.reading()).scores()),
        None => checked.scores,
    }
}

/// One student's line of the gradebook.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The id of the student's document.
    pub document: String,
    pub student: String,
    pub first_check: Option<Scores>,
    pub final_scores: Scores,
}

impl Row {
    /// The row's figure in `column`, or `None` when there is none.
    pub fn value(&self, column: Column) -> Option<f64> {
        match column.stage {
            Stage::FirstCheck => self.first_check.as_ref().and_then(|s| column.measure.of(s)),
            Stage::Final => column.measure.of(&self.final_scores),
        }
    }
}

/// Every student's figures against one key, in the order the students were given.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradebook {
    pub rows: Vec<Row>,
}

impl Gradebook {
    /// The gradebook of `students`' documents against `key` (an answer key, or a teacher's
    /// document), all over the same article text.
    pub fn new<'k>(key: impl Into<Reading<'k>>, students: &[&Document]) -> Gradebook {
        let key = key.into();
        let rows = students
            .iter()
            .map(|doc| Row {
                document: doc.id.clone(),
                student: student_name(doc),
                first_check: first_check(key, doc),
                final_scores: agreement::check(key, *doc).scores(),
            })
            .collect();
        Gradebook { rows }
    }

    /// The stages the table shows: the first check only once some student has checked, so
    /// that a class that has not checked yet is not shown thirteen empty columns first.
    /// (The CSV keeps every column, so that files of one exercise line up.)
    pub fn stages(&self) -> Vec<Stage> {
        let checked = self.rows.iter().any(|r| r.first_check.is_some());
        Stage::ALL.into_iter().filter(|&s| s == Stage::Final || checked).collect()
    }

    /// The class average in `column`: the mean of the students' figures, leaving out the
    /// students without one; `None` when no student has one.
    pub fn average(&self, column: Column) -> Option<f64> {
        let values: Vec<f64> = self.rows.iter().filter_map(|r| r.value(column)).collect();
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    }

    /// The rows' indices ordered by `column`, highest first when `descending`; rows
    /// without a figure come last either way, and equal figures keep the students' order.
    pub fn order_by(&self, column: Column, descending: bool) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        crate::order::sort_by(&mut order, |&a, &b| match (self.rows[a].value(column), self.rows[b].value(column)) {
            (Some(x), Some(y)) => {
                let by_value = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                if descending {
                    by_value.reverse()
                } else {
                    by_value
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        });
        order
    }

    /// The table as CSV: a header row, one row per student in the given order, then the
    /// class averages. Figures are fractions with three decimals (0.667), empty where
    /// there is none. Written by [`crate::formats::csv`]'s rules: RFC 4180 quoting, a
    /// byte order mark for spreadsheets, and names that look like formulas kept as text.
    pub fn to_csv(&self) -> String {
        let columns = Column::all();
        let mut out = String::from("\u{feff}");
        let mut header = vec!["student".to_owned(), "document".to_owned()];
        header.extend(columns.iter().map(|c| c.csv_name()));
        crate::formats::csv::write_row(&mut out, &header.iter().map(String::as_str).collect::<Vec<_>>());
        let figure = |x: Option<f64>| x.map_or_else(String::new, |x| format!("{x:.3}"));
        for row in &self.rows {
            let mut cells = vec![row.student.clone(), row.document.clone()];
            cells.extend(columns.iter().map(|&c| figure(row.value(c))));
            crate::formats::csv::write_row(&mut out, &cells.iter().map(String::as_str).collect::<Vec<_>>());
        }
        let mut cells = vec!["Class average".to_owned(), String::new()];
        cells.extend(columns.iter().map(|&c| figure(self.average(c))));
        crate::formats::csv::write_row(&mut out, &cells.iter().map(String::as_str).collect::<Vec<_>>());
        out
    }
}

/// Where the key of a gradebook comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeySource {
    /// A teacher's annotated document (one that is no student's copy), by id.
    Document(String),
    /// The answer key a student's copy carries (a practice copy, or the copy an exercise
    /// file opened as), by the copy's id.
    CarriedBy(String),
}

/// A key the teacher can choose, with what it is called in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyChoice {
    pub source: KeySource,
    pub label: String,
}

/// The keys that `docs` (the library's documents over one article) offer: each teacher's
/// document, then each different key the students' copies carry (the same key carried by
/// a whole class is offered once, and a key with the very spans of a teacher's document,
/// the one the exercise was made of, is offered as that document). Teacher's documents come first, being what a teacher
/// grades against when the key is their own annotation of the article.
pub fn key_choices(docs: &[&Document]) -> Vec<KeyChoice> {
    let teachers = docs.iter().filter(|d| d.assignment.is_none()).map(|d| KeyChoice {
        source: KeySource::Document(d.id.clone()),
        label: format!("{} ({} annotations)", d.title, d.annotations.len()),
    });
    let teachers_spans: Vec<Vec<(Tag, usize, usize)>> =
        docs.iter().filter(|d| d.assignment.is_none()).map(|d| spans(d.reading())).collect();
    let mut carried: Vec<(&Document, &crate::model::assignment::AnswerKey)> = Vec::new();
    for d in docs {
        // Only a key in the open can be offered: a sealed key, or none, grades nothing.
        if let Some(key) = d.assignment.as_ref().and_then(|a| a.key.open()) {
            let again = teachers_spans.contains(&spans(key.reading()));
            if !again && !carried.iter().any(|(_, k)| *k == key) {
                carried.push((d, key));
            }
        }
    }
    let several = carried.len() > 1;
    let carried = carried.into_iter().map(|(d, key)| KeyChoice {
        source: KeySource::CarriedBy(d.id.clone()),
        label: if several {
            format!("The answer key in {}'s copy ({} spans)", student_name(d), key.annotations.len())
        } else {
            format!("The answer key in the students' copies ({} spans)", key.annotations.len())
        },
    });
    teachers.chain(carried).collect()
}

/// The key `source` names among `docs`, read as one annotator's work; `None` when no
/// document there gives it.
pub fn key_reading<'a>(docs: &[&'a Document], source: &KeySource) -> Option<Reading<'a>> {
    match source {
        KeySource::Document(id) => docs.iter().find(|d| d.id == *id).map(|d| d.reading()),
        KeySource::CarriedBy(id) => {
            docs.iter().find(|d| d.id == *id).and_then(|d| d.assignment.as_ref()?.key.open()).map(|k| k.reading())
        }
    }
}

/// Where a reading's spans lie, and with what tags: what makes two keys the same key.
fn spans(r: Reading) -> Vec<(Tag, usize, usize)> {
    r.annotations.iter().map(|a| (a.tag, a.start, a.end)).collect()
}

/// The students graded against `source`: every document of `docs` except the teacher's
/// document that is the key, and any other teacher's document (one that is no student's
/// copy) with the key's very spans, which is the key again (the document the exercise
/// was made from, when the key chosen is the one the copies carry). A key carried in the
/// copies is never a document of its own, so it is never listed either.
pub fn students<'a>(docs: &[&'a Document], source: &KeySource) -> Vec<&'a Document> {
    let key = key_reading(docs, source).map(spans);
    docs.iter()
        .filter(|d| !matches!(source, KeySource::Document(id) if *id == d.id))
        .filter(|d| d.assignment.is_some() || key.as_ref() != Some(&spans(d.reading())))
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::{default_codebook, Exercise};
    use crate::markup;
    use crate::time::Timestamp;
    use crate::workspace::{Action, Workspace};

    const NOW: Timestamp = Timestamp(0);
    const ARTICLE: &str = "[actor:Ruiz] said [quote:“no more ferries”]. [claim:The vote is on Monday].";

    /// A document of `markup` with id `id` and title `title`, its spans `{id}-0`, `{id}-1`, …,
    /// and attributions `(from, to)` by span number.
    fn annotated(id: &str, title: &str, markup: &str, attributions: &[(usize, usize)]) -> Document {
        let (text, spans) = markup::parse(markup);
        let mut ws = Workspace::with_documents(vec![Document::new(id, title, text, NOW)]);
        for (i, (tag, start, end)) in spans.into_iter().enumerate() {
            ws.apply(Action::AddAnnotation { doc: id.into(), id: format!("{id}-{i}"), tag, start, end }, NOW).unwrap();
        }
        for (n, &(from, to)) in attributions.iter().enumerate() {
            let (rid, from, to) = (format!("{id}-r{n}"), format!("{id}-{from}"), format!("{id}-{to}"));
            ws.apply(Action::Attribute { doc: id.into(), id: rid, from, to }, NOW).unwrap();
        }
        ws.document(id).unwrap().clone()
    }

    fn key() -> Document {
        annotated("key", "Ferry vote", ARTICLE, &[(1, 0)])
    }

    fn column(stage: Stage, measure: Measure) -> Column {
        Column { stage, measure }
    }

    #[test]
    fn a_student_who_found_two_of_three_spans_and_one_extra_has_those_figures() {
        let ana = annotated(
            "ana",
            "Ana",
            "[actor:Ruiz] said [quote:“no more ferries”]. The vote is [claim:on Monday].",
            &[(1, 0)],
        );
        let book = Gradebook::new(&key(), &[&ana]);
        let row = &book.rows[0];
        assert_eq!(row.student, "Ana");
        let final_ = |m| row.value(column(Stage::Final, m));
        assert_eq!(final_(Measure::Precision(Scope::Overall)), Some(2.0 / 3.0));
        assert_eq!(final_(Measure::Recall(Scope::Overall)), Some(2.0 / 3.0));
        assert_eq!(final_(Measure::F1(Scope::Tag(Tag::Quote))), Some(1.0));
        assert_eq!(final_(Measure::F1(Scope::Tag(Tag::Claim))), Some(0.0), "“on Monday” is too short to match");
        assert_eq!(final_(Measure::Attribution), Some(1.0));
        assert_eq!(row.value(column(Stage::FirstCheck, Measure::F1(Scope::Overall))), None, "never checked");
    }

    #[test]
    fn the_first_check_is_what_the_work_recorded_and_final_is_the_work_now() {
        let exercise = Exercise::from_document(&key(), "Tag it.".into(), default_codebook());
        let mut ws = Workspace::with_documents(vec![exercise.start("s", NOW)]);
        let (_, spans) = markup::parse(ARTICLE);
        let (tag, start, end) = spans[1];
        ws.apply(Action::AddAnnotation { doc: "s".into(), id: "q".into(), tag, start, end }, NOW).unwrap();
        ws.apply(Action::CheckExercise { doc: "s".into() }, NOW).unwrap();
        let (tag, start, end) = spans[2];
        ws.apply(Action::AddAnnotation { doc: "s".into(), id: "c".into(), tag, start, end }, NOW).unwrap();
        let work = ws.document("s").unwrap();
        let key = work.assignment.as_ref().unwrap().key.open().unwrap();
        let book = Gradebook::new(key, &[work]);
        let recall = |stage| book.rows[0].value(column(stage, Measure::Recall(Scope::Overall)));
        assert_eq!(recall(Stage::FirstCheck), Some(1.0 / 3.0), "one of three spans at the check");
        assert_eq!(recall(Stage::Final), Some(2.0 / 3.0), "the claim tagged after checking counts only now");
    }

    #[test]
    fn the_first_check_columns_wait_until_some_student_has_checked() {
        let exercise = Exercise::from_document(&key(), "Tag it.".into(), default_codebook());
        let mut ws = Workspace::with_documents(vec![exercise.start("a", NOW), exercise.start("b", NOW)]);
        let (_, spans) = markup::parse(ARTICLE);
        let (tag, start, end) = spans[1];
        ws.apply(Action::AddAnnotation { doc: "a".into(), id: "q".into(), tag, start, end }, NOW).unwrap();
        let key = exercise.key_document().expect("a practice exercise carries its key");
        let book = |ws: &Workspace| {
            let docs = [ws.document("a").unwrap(), ws.document("b").unwrap()];
            Gradebook::new(&key, &docs).stages()
        };
        assert_eq!(book(&ws), [Stage::Final]);
        ws.apply(Action::CheckExercise { doc: "a".into() }, NOW).unwrap();
        assert_eq!(book(&ws), [Stage::FirstCheck, Stage::Final]);
    }

    #[test]
    fn the_first_check_is_scored_again_from_the_work_kept_then_so_edited_scores_count_for_nothing() {
        let exercise = Exercise::from_document(&key(), "Tag it.".into(), default_codebook());
        let mut ws = Workspace::with_documents(vec![exercise.start("s", NOW)]);
        let (_, spans) = markup::parse(ARTICLE);
        let (tag, start, end) = spans[1];
        ws.apply(Action::AddAnnotation { doc: "s".into(), id: "q".into(), tag, start, end }, NOW).unwrap();
        ws.apply(Action::CheckExercise { doc: "s".into() }, NOW).unwrap();
        // The student edits the recorded scores in the file to a perfect score.
        let mut forged = ws.document("s").unwrap().clone();
        let checked = forged.assignment.as_deref_mut().unwrap().checked.as_mut().unwrap();
        let perfect = crate::model::Prf { tp: 3, fp: 0, fn_: 0 };
        checked.scores = Some(Scores { overall: perfect, ..checked.scores.unwrap() });
        let recall = |doc: &Document| {
            Gradebook::new(&key(), &[doc]).rows[0].value(column(Stage::FirstCheck, Measure::Recall(Scope::Overall)))
        };
        assert_eq!(recall(&forged), Some(1.0 / 3.0), "the work kept at the check is scored again");
        // Work checked before Newsmark kept the work (version 2) keeps the scores it recorded.
        forged.assignment.as_deref_mut().unwrap().checked.as_mut().unwrap().work = None;
        assert_eq!(recall(&forged), Some(1.0));
    }

    #[test]
    fn class_averages_are_the_mean_of_students_figures_leaving_out_those_without_one() {
        let all = annotated("all", "Ana", ARTICLE, &[(1, 0)]);
        let quote_only = annotated("q", "Ben", "Ruiz said [quote:“no more ferries”]. The vote is on Monday.", &[]);
        let nothing = annotated("none", "Cleo", "Ruiz said “no more ferries”. The vote is on Monday.", &[]);
        let book = Gradebook::new(&key(), &[&all, &quote_only, &nothing]);
        let average = |m| book.average(column(Stage::Final, m));
        // Precision: Ana 1, Ben 1, Cleo tagged nothing and has none.
        assert_eq!(average(Measure::Precision(Scope::Overall)), Some(1.0));
        // Recall: 1, 1/3 and 0 (pooled counts would give 4/9 as well here, so F1 shows the difference).
        assert_eq!(average(Measure::Recall(Scope::Overall)), Some((1.0 + 1.0 / 3.0) / 3.0));
        // F1: 1, 2·1/(2·1 + 2) = 0.5, 0; pooled counts would give 2·4/(2·4 + 5) = 8/13.
        assert_eq!(average(Measure::F1(Scope::Overall)), Some(0.5));
        // Only Ana's quote is matched and attributed in the key.
        assert_eq!(average(Measure::Attribution), Some(0.5), "Ben left the speaker out");
        assert_eq!(book.average(column(Stage::FirstCheck, Measure::F1(Scope::Overall))), None, "nobody checked");
    }

    #[test]
    fn sorting_puts_the_best_first_and_students_without_a_figure_last_either_way() {
        let all = annotated("all", "Ana", ARTICLE, &[]);
        let nothing = annotated("none", "Ben", "Ruiz said “no more ferries”. The vote is on Monday.", &[]);
        let half = annotated("half", "Cleo", "[actor:Ruiz] said “no more ferries”. The vote is on Monday.", &[]);
        let book = Gradebook::new(&key(), &[&all, &nothing, &half]);
        let precision = column(Stage::Final, Measure::Precision(Scope::Overall));
        let recall = column(Stage::Final, Measure::Recall(Scope::Overall));
        assert_eq!(book.order_by(recall, true), [0, 2, 1]);
        assert_eq!(book.order_by(recall, false), [1, 2, 0]);
        assert_eq!(book.order_by(precision, true), [0, 2, 1], "Ben has no precision");
        assert_eq!(book.order_by(precision, false), [0, 2, 1], "equal figures keep the order; none comes last");
    }

    #[test]
    fn the_csv_has_a_header_a_row_per_student_and_the_averages_with_three_decimals() {
        let ana = annotated("ana", "Ana", "[actor:Ruiz] said [quote:“no more ferries”]. The vote is on Monday.", &[]);
        let book = Gradebook::new(&key(), &[&ana]);
        let csv = book.to_csv();
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines.len(), 4, "header, one student, the averages, and the final line break");
        let header: Vec<&str> = lines[0].split(',').collect();
        assert_eq!(header.len(), 2 + 2 * 13);
        assert_eq!(
            &header[..5],
            ["student", "document", "first check claim precision", "first check claim recall", "first check claim f1"]
        );
        assert_eq!(header[2 + 13 + 9], "final overall precision");
        assert_eq!(header[2 + 13 + 12], "final attribution");
        let row: Vec<&str> = lines[1].split(',').collect();
        assert_eq!(&row[..3], ["Ana", "ana", ""], "no first check: empty cells");
        assert_eq!(&row[2 + 13 + 9..2 + 13 + 12], ["1.000", "0.667", "0.800"]);
        assert_eq!(row[2 + 13 + 12], "0.000", "the quote is matched but not attributed");
        let average: Vec<&str> = lines[2].split(',').collect();
        assert_eq!((average[0], average[2 + 13 + 11]), ("Class average", "0.800"));
        assert!(csv.starts_with('\u{feff}') && lines[3].is_empty());
    }

    #[test]
    fn names_with_commas_quotes_formulas_and_any_script_come_through_the_csv_intact() {
        let text = "Ruiz said “no more ferries”. The vote is on Monday.";
        let names = ["Núñez, José", "O\"Brien \"Bo\"", "=1+1", "李小龙", "محمد"];
        let docs: Vec<Document> =
            names.iter().enumerate().map(|(i, n)| annotated(&format!("s{i}"), n, text, &[])).collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let csv = Gradebook::new(&key(), &refs).to_csv();
        let firsts: Vec<&str> =
            csv.split("\r\n").skip(1).take(names.len()).map(|l| l.split(",s").next().unwrap()).collect();
        assert_eq!(firsts, ["\"Núñez, José\"", "\"O\"\"Brien \"\"Bo\"\"\"", "\"'=1+1\"", "李小龙", "محمد"]);
    }
    #[test]
    fn the_teachers_document_and_the_key_the_copies_carry_are_offered_and_never_graded_as_students() {
        let teacher = key();
        let exercise = Exercise::from_document(&teacher, "Tag it.".into(), default_codebook());
        let (ana, ben) = (exercise.start("ana", NOW), exercise.start("ben", NOW));
        let docs = [&teacher, &ana, &ben];
        let choices = key_choices(&docs);
        let sources: Vec<&KeySource> = choices.iter().map(|c| &c.source).collect();
        assert_eq!(sources, [&KeySource::Document("key".into())], "the copies carry the teacher's key: offered once");
        assert_eq!(choices[0].label, "Ferry vote (3 annotations)");
        let choices = key_choices(&[&ana, &ben]);
        let sources: Vec<&KeySource> = choices.iter().map(|c| &c.source).collect();
        assert_eq!(sources, [&KeySource::CarriedBy("ana".into())], "one key, offered once");
        assert_eq!(choices[0].label, "The answer key in the students' copies (3 spans)");
        let ids = |source: &KeySource| students(&docs, source).iter().map(|d| d.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(&KeySource::Document("key".into())),
            ["ana", "ben"],
            "the teacher's document is the key, not a student"
        );
        assert_eq!(
            ids(&KeySource::CarriedBy("ana".into())),
            ["ana", "ben"],
            "the teacher's document is that key again"
        );
        let carried = key_reading(&docs, &KeySource::CarriedBy("ana".into())).unwrap();
        assert_eq!(carried.annotations, &teacher.annotations[..]);
        assert!(key_reading(&docs, &KeySource::Document("nobody".into())).is_none());
        // A teacher's draft with one span fewer is other work, and is graded.
        let mut draft = Document { id: "draft".into(), ..teacher.clone() };
        draft.annotations.pop();
        let docs = [&teacher, &draft, &ana];
        let graded: Vec<&str> =
            students(&docs, &KeySource::CarriedBy("ana".into())).iter().map(|d| d.id.as_str()).collect();
        assert_eq!(graded, ["draft", "ana"]);
    }
}
