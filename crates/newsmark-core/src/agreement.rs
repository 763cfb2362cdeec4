//! Agreement: how a student's annotations compare with a teacher's answer key, and how far
//! several people who annotated the same article agree with one another.
//!
//! Everything here counts Unicode code points and looks only at a document's placed
//! `annotations` (orphans are not compared).
//!
//! # Matching spans
//!
//! How much two spans overlap is their IoU, *intersection over union*: the number of code
//! points that both cover divided by the number that either covers. "the minister" against
//! "minister" is 8 / 12 ≈ 0.67; two spans that do not touch have an IoU of 0.
//!
//! The matching rule is [`MATCHING_RULE`], the sentence the app's views and the report
//! show: a student span matches a key span when both have the same tag and
//! their IoU is at least 0.5; each key span matches at most one student span and vice
//! versa. Pairs are taken greedily by highest IoU first (ties broken by key order then
//! student order, deterministic).
//!
//! Key order and student order are the order of each document's `annotations`, which is
//! text order ([`Annotation::text_order`]). IoU ties are compared exactly, as fractions.
//!
//! A matched pair is a true positive; a key span left without a partner was *missed* (a false
//! negative) and a student span left without one is *extra* (a false positive). From these
//! come the usual figures, per tag and over all tags:
//!
//! - precision = tp / (tp + fp): the share of the student's spans that are in the key;
//! - recall = tp / (tp + fn): the share of the key's spans the student found;
//! - F1 = 2·tp / (2·tp + fp + fn): the harmonic mean of the two.
//!
//! Each is undefined (`None`) when its denominator is 0, as precision is for a student who
//! tagged nothing.
//!
//! After matching, an unmatched key span and an unmatched student span with *different*
//! tags and an IoU of at least 0.5 are paired up the same way (greedily by IoU) and
//! reported together as [`Verdict::WrongTag`]: the right text, tagged as something else.
//! In the scores they still count as one miss (under the key's tag) and one extra (under
//! the student's tag).
//!
//! For a matched quote or claim that the key attributes to an actor, the student's
//! attribution is right when the student attributed the span to an actor mention that
//! stands for the same actor: either the student's mention matches (same tag, IoU ≥ 0.5)
//! some key actor mention that names the key's actor (it is the key's attributed mention,
//! or has the same [`Details::entity`](crate::model::Details::entity)), or the two actors'
//! names ([`Reading::actor_name`]) are equal ignoring case and surrounding space.
//!
//! # Agreement among several annotators
//!
//! [`pairwise_f1`] scores every two annotators against each other with the rule above,
//! taking either one as the key (F1 does not depend on which).
//!
//! [`alpha`] is Krippendorff's alpha for one tag with the nominal metric. Every code point
//! of the text is a unit; an annotator's value for it is 1 when one of their spans with
//! the tag covers it and 0 otherwise, and every annotator codes every unit. With m
//! annotators, a unit where n₁ annotators say 1 and n₀ = m − n₁ say 0 adds to the
//! coincidence matrix
//!
//! ```text
//! o₀₀ += n₀(n₀ − 1)/(m − 1)    o₀₁ = o₁₀ += n₀·n₁/(m − 1)    o₁₁ += n₁(n₁ − 1)/(m − 1)
//! ```
//!
//! so that n₀ = o₀₀ + o₀₁ and n₁ = o₁₁ + o₁₀ count all the zeros and ones given, and
//! n = n₀ + n₁ = m × units. The observed disagreement is D_o = (o₀₁ + o₁₀) / n, the
//! disagreement expected by chance is D_e = 2·n₀·n₁ / (n(n − 1)), and α = 1 − D_o / D_e:
//! 1 when everyone agrees on every code point, about 0 when they agree no more than chance
//! would have it, negative when less. It is undefined with fewer than two annotators or
//! when no one's value ever varies (D_e = 0: nobody used the tag, or all of the text
//! carries it for everyone).
//!
//! Texts can be long (600,000 code points), so [`alpha`], [`coverage`] and [`disputed`]
//! work over runs of text over which the number of annotators tagging it stays the same,
//! in time proportional to the number of spans, never per code point per annotator.

use crate::model::{Annotation, Document, Reading, RelationKind, Scores, Tag};
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub use crate::model::Prf;

/// The matching rule in words, for people: shown wherever spans are matched (an
/// exercise's results, the comparison of annotators, the report).
pub const MATCHING_RULE: &str = "A span matches a span of the answer key when both have the same tag and they overlap by at least half: the characters they share are at least 50% of the characters either covers (intersection over union). Each key span matches at most one span, best overlaps first.";

/// Intersection over union of two code point ranges `[start, end)`: the number of code
/// points in both divided by the number in either. 0 when the ranges do not overlap, and
/// when both are empty (a range whose end is not after its start is empty).
pub fn iou(a: (usize, usize), b: (usize, usize)) -> f64 {
    let (inter, union) = overlap(a, b);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// The sizes of the intersection and of the union of two ranges, in code points.
fn overlap(a: (usize, usize), b: (usize, usize)) -> (u64, u64) {
    let len_a = a.1.saturating_sub(a.0) as u64;
    let len_b = b.1.saturating_sub(b.0) as u64;
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0)) as u64;
    (inter, len_a + len_b - inter)
}

/// Whether an intersection and union give an IoU of at least 0.5, in exact arithmetic.
fn close_enough((inter, union): (u64, u64)) -> bool {
    union > 0 && 2 * inter >= union
}

fn range_of(a: &Annotation) -> (usize, usize) {
    (a.start, a.end)
}

/// What became of one key span or student span. The strings are annotation ids.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The student's span matches the key's (same tag, IoU ≥ 0.5). `attribution` is `None`
    /// when the key span is not a quote or claim attributed to an actor in the key, and
    /// otherwise whether the student attributed it to the same actor.
    Matched { key: String, student: String, iou: f64, attribution: Option<bool> },
    /// A key span the student did not tag.
    Missed { key: String },
    /// A student span that is not in the key.
    Extra { student: String },
    /// The student tagged the key span's text (IoU ≥ 0.5) with a different tag. Scored as
    /// a miss of the key span and an extra student span.
    WrongTag { key: String, student: String },
}

/// The outcome of checking a student's document against a key.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// One verdict per key span and per unmatched student span (a wrong tag covers one of
    /// each), in text order of the key span (or the student span for an extra).
    pub verdicts: Vec<Verdict>,
    /// Counts per tag, indexed by `tag as usize`. A wrong tag adds a false negative to the
    /// key span's tag and a false positive to the student span's.
    pub per_tag: [Prf; 3],
    /// The sum over the tags.
    pub overall: Prf,
    /// Of the matched quotes and claims that the key attributes to an actor, how many the
    /// student attributed to the same actor…
    pub attribution_correct: usize,
    /// …and how many there are.
    pub attribution_total: usize,
}

impl Check {
    /// The figures of this check without the verdicts: what a student's work records
    /// when it is checked.
    pub fn scores(&self) -> Scores {
        Scores {
            per_tag: self.per_tag,
            overall: self.overall,
            attributions_correct: self.attribution_correct,
            attributions_scored: self.attribution_total,
        }
    }
}

/// A candidate pairing of key span `key` with student span `student` (indices).
#[derive(Clone, Copy)]
struct Pair {
    key: usize,
    student: usize,
    inter: u64,
    union: u64,
}

/// Takes pairs greedily, highest IoU first (ties by key index, then student index),
/// skipping any whose key or student span is already taken; returns those taken.
fn greedy(mut pairs: Vec<Pair>, key_taken: &mut [bool], student_taken: &mut [bool]) -> Vec<Pair> {
    // a.inter / a.union > b.inter / b.union  ⇔  a.inter · b.union > b.inter · a.union
    crate::order::sort_by(&mut pairs, |a, b| {
        (u128::from(b.inter) * u128::from(a.union))
            .cmp(&(u128::from(a.inter) * u128::from(b.union)))
            .then(a.key.cmp(&b.key))
            .then(a.student.cmp(&b.student))
    });
    let mut taken = Vec::new();
    for p in pairs {
        if !key_taken[p.key] && !student_taken[p.student] {
            key_taken[p.key] = true;
            student_taken[p.student] = true;
            taken.push(p);
        }
    }
    taken
}

/// Every pair of a key span and a student span whose IoU is at least 0.5, whatever their tags.
///
/// An IoU of at least 0.5 needs the intersection to hold at least half of the union, so
/// the student span is at most twice as long as the key span, and being overlapping it
/// starts after `key.start − 2·len(key)`: only student spans starting in that window are tried.
fn candidate_pairs(key: &[Annotation], student: &[Annotation]) -> Vec<Pair> {
    let mut by_start: Vec<usize> = (0..student.len()).collect();
    crate::order::sort_by_key(&mut by_start, |&j| student[j].start);
    let mut pairs = Vec::new();
    for (i, k) in key.iter().enumerate() {
        let len = k.end.saturating_sub(k.start);
        let from = by_start.partition_point(|&j| student[j].start < k.start.saturating_sub(2 * len));
        for &j in by_start[from..].iter().take_while(|&&j| student[j].start < k.end) {
            let (inter, union) = overlap(range_of(k), range_of(&student[j]));
            if close_enough((inter, union)) {
                pairs.push(Pair { key: i, student: j, inter, union });
            }
        }
    }
    pairs
}

/// Checks `student`'s annotations against `key`'s, by the matching rule in the
/// [module documentation](self). Either may be a [`Document`] or an
/// [`AnswerKey`](crate::model::AnswerKey) over the same text.
pub fn check<'k, 's>(key: impl Into<Reading<'k>>, student: impl Into<Reading<'s>>) -> Check {
    let (key, student) = (key.into(), student.into());
    let ks = key.annotations;
    let ss = student.annotations;
    let (key_speakers, student_speakers) = (Speakers::new(key), Speakers::new(student));
    let mut key_taken = vec![false; ks.len()];
    let mut student_taken = vec![false; ss.len()];
    let (same_tag, other_tag): (Vec<Pair>, Vec<Pair>) =
        candidate_pairs(ks, ss).into_iter().partition(|p| ks[p.key].tag == ss[p.student].tag);
    let matched = greedy(same_tag, &mut key_taken, &mut student_taken);
    let other_tag = other_tag.into_iter().filter(|p| !key_taken[p.key] && !student_taken[p.student]).collect();
    let wrong_tag = greedy(other_tag, &mut key_taken, &mut student_taken);

    // What became of each key span: matched (with the pair), wrongly tagged, or missed.
    let mut key_fate: Vec<Option<(bool, Pair)>> = vec![None; ks.len()];
    for p in matched {
        key_fate[p.key] = Some((true, p));
    }
    for p in wrong_tag {
        key_fate[p.key] = Some((false, p));
    }

    let mut per_tag = [Prf::default(); 3];
    let mut attribution_correct = 0;
    let mut attribution_total = 0;
    // (position of the span the verdict is about, verdict); key verdicts first so that a
    // stable sort puts them before an extra at the same place.
    let mut placed: Vec<((usize, Reverse<usize>), Verdict)> = Vec::with_capacity(ks.len() + ss.len());
    for (i, k) in ks.iter().enumerate() {
        let verdict = match key_fate[i] {
            Some((true, p)) => {
                let s = &ss[p.student];
                per_tag[k.tag as usize].tp += 1;
                let attribution = attribution((key, &key_speakers, k), (student, &student_speakers, s));
                if let Some(right) = attribution {
                    attribution_total += 1;
                    attribution_correct += usize::from(right);
                }
                let iou = p.inter as f64 / p.union as f64;
                Verdict::Matched { key: k.id.clone(), student: s.id.clone(), iou, attribution }
            }
            Some((false, p)) => {
                let s = &ss[p.student];
                per_tag[k.tag as usize].fn_ += 1;
                per_tag[s.tag as usize].fp += 1;
                Verdict::WrongTag { key: k.id.clone(), student: s.id.clone() }
            }
            None => {
                per_tag[k.tag as usize].fn_ += 1;
                Verdict::Missed { key: k.id.clone() }
            }
        };
        placed.push(((k.start, Reverse(k.end)), verdict));
    }
    for (j, s) in ss.iter().enumerate() {
        if !student_taken[j] {
            per_tag[s.tag as usize].fp += 1;
            placed.push(((s.start, Reverse(s.end)), Verdict::Extra { student: s.id.clone() }));
        }
    }
    crate::order::sort_by_key(&mut placed, |(at, _)| *at);

    let mut overall = Prf::default();
    for prf in per_tag {
        overall.add(prf);
    }
    Check {
        verdicts: placed.into_iter().map(|(_, v)| v).collect(),
        per_tag,
        overall,
        attribution_correct,
        attribution_total,
    }
}

/// Who the spans of a document are attributed to, and which actor mentions name each
/// entity: looked up once per check rather than searched for per span, since a long
/// article has thousands of spans and attributions.
struct Speakers<'a> {
    /// Span id → the actor mention it is attributed to, as [`Reading::attributed_actor`] finds it.
    actor_of: HashMap<&'a str, &'a Annotation>,
    /// Entity id → the actor mentions that name it.
    mentions: HashMap<&'a str, Vec<&'a Annotation>>,
}

impl<'a> Speakers<'a> {
    fn new(doc: Reading<'a>) -> Speakers<'a> {
        let mut by_id: HashMap<&str, &Annotation> = HashMap::new();
        for a in doc.annotations {
            by_id.entry(a.id.as_str()).or_insert(a);
        }
        let mut actor_of = HashMap::new();
        let mut seen = HashSet::new();
        for r in doc.relations.iter().filter(|r| r.kind == RelationKind::Attribution) {
            // A span's first attribution is the one that counts.
            if seen.insert(r.from.as_str()) {
                if let Some(&actor) = by_id.get(r.to.as_str()) {
                    actor_of.insert(r.from.as_str(), actor);
                }
            }
        }
        let mut mentions: HashMap<&str, Vec<&Annotation>> = HashMap::new();
        for a in doc.annotations.iter().filter(|a| a.tag == Tag::Actor) {
            if let Some(entity) = &a.details.entity {
                mentions.entry(entity.as_str()).or_default().push(a);
            }
        }
        Speakers { actor_of, mentions }
    }
}

/// Whether the student attributed matched span `s` to the actor the key attributes `k` to;
/// `None` when `k` is not a quote or claim with an attribution in the key.
fn attribution(
    (key, key_speakers, k): (Reading, &Speakers, &Annotation),
    (student, student_speakers, s): (Reading, &Speakers, &Annotation),
) -> Option<bool> {
    if !matches!(k.tag, Tag::Quote | Tag::Claim) {
        return None;
    }
    let key_actor = *key_speakers.actor_of.get(k.id.as_str())?;
    Some(
        student_speakers
            .actor_of
            .get(s.id.as_str())
            .is_some_and(|student_actor| same_actor((key, key_speakers, key_actor), (student, student_actor))),
    )
}

/// Whether the student's actor mention stands for the same actor as the key's: it matches a
/// key mention of that actor (the attributed one, or one naming the same entity), or the
/// two actors' names agree.
fn same_actor(
    (key, key_speakers, key_actor): (Reading, &Speakers, &Annotation),
    (student, student_actor): (Reading, &Annotation),
) -> bool {
    let same_entity = key_actor.details.entity.as_deref().and_then(|e| key_speakers.mentions.get(e));
    let by_mention = student_actor.tag == Tag::Actor
        && std::iter::once(key_actor)
            .filter(|m| m.tag == Tag::Actor)
            .chain(same_entity.into_iter().flatten().copied())
            .any(|m| close_enough(overlap(range_of(m), range_of(student_actor))));
    by_mention || normalise(key.actor_name(key_actor)) == normalise(student.actor_name(student_actor))
}

fn normalise(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The overall F1 between every two of `docs` (one taken as the key, the other as the
/// student; the figure is the same either way round): `result[i][j]` compares `docs[i]`
/// with `docs[j]`, and is `None` when neither has any annotations. The diagonal is 1.
pub fn pairwise_f1(docs: &[&Document]) -> Vec<Vec<Option<f64>>> {
    let n = docs.len();
    let mut result = vec![vec![None; n]; n];
    for (i, a) in docs.iter().enumerate() {
        result[i][i] = Some(1.0);
        for (j, b) in docs.iter().enumerate().skip(i + 1) {
            let f1 = check(*a, *b).overall.f1();
            result[i][j] = f1;
            result[j][i] = f1;
        }
    }
    result
}

/// A run of text and how many annotators tag all of it with one tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub range: Range<usize>,
    pub count: usize,
}

/// The code point ranges one annotator tags with `tag`, inside `0..text_len`: sorted,
/// non-empty, and merged where they overlap or touch, so that each code point is counted once.
fn tagged_ranges(doc: &Document, tag: Tag, text_len: usize) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = doc
        .annotations
        .iter()
        .filter(|a| a.tag == tag)
        .map(|a| a.start..a.end.min(text_len))
        .filter(|r| r.start < r.end)
        .collect();
    crate::order::sort_by_key(&mut ranges, |r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Cuts `0..text_len` into maximal runs over which the number of annotators who tag the
/// text with `tag` stays the same (for a heat map). The runs cover `0..text_len` exactly,
/// in order, and no two neighbours have the same count; an annotator's overlapping spans
/// count once. Empty when `text_len` is 0.
pub fn coverage(text_len: usize, docs: &[&Document], tag: Tag) -> Vec<Coverage> {
    // Sweep over the places where an annotator's tagged ranges start (+1) or end (−1).
    let mut events: Vec<(usize, isize)> = Vec::new();
    for doc in docs {
        for r in tagged_ranges(doc, tag, text_len) {
            events.push((r.start, 1));
            events.push((r.end, -1));
        }
    }
    events.sort_unstable();
    let mut runs: Vec<Coverage> = Vec::new();
    let mut push = |range: Range<usize>, count: usize| {
        if range.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some(last) if last.count == count => last.range.end = range.end,
            _ => runs.push(Coverage { range, count }),
        }
    };
    let mut at = 0;
    let mut count: isize = 0;
    for (pos, delta) in events {
        push(at..pos, count as usize);
        at = pos;
        count += delta;
    }
    push(at..text_len, count as usize);
    runs
}

/// The entries of the coincidence matrix for `tag`, each multiplied by m − 1 so that they
/// stay whole numbers: `[o₀₀, o₀₁, o₁₁] × (m − 1)` (o₁₀ equals o₀₁).
fn scaled_coincidences(text_len: usize, docs: &[&Document], tag: Tag) -> [u128; 3] {
    let m = docs.len() as u128;
    let mut o = [0u128; 3];
    for run in coverage(text_len, docs, tag) {
        let units = run.range.len() as u128;
        let ones = run.count as u128;
        let zeros = m - ones;
        o[0] += units * zeros * zeros.saturating_sub(1);
        o[1] += units * zeros * ones;
        o[2] += units * ones * ones.saturating_sub(1);
    }
    o
}

/// Krippendorff's alpha for `tag` among the annotators `docs` of one text, nominal metric,
/// each code point of `0..text_len` a unit (see the [module documentation](self) for the
/// definitions). `None` with fewer than two annotators or when no value varies (D_e = 0).
pub fn alpha(text_len: usize, docs: &[&Document], tag: Tag) -> Option<f64> {
    let m = docs.len();
    if m < 2 {
        return None;
    }
    let [o00, o01, o11] = scaled_coincidences(text_len, docs, tag);
    let scale = (m - 1) as u128;
    // n₀ = o₀₀ + o₀₁ and n₁ = o₁₁ + o₁₀, whole numbers once the scale is divided out.
    let n0 = ((o00 + o01) / scale) as f64;
    let n1 = ((o11 + o01) / scale) as f64;
    let n = n0 + n1;
    let d_e = 2.0 * n0 * n1 / (n * (n - 1.0));
    if d_e == 0.0 || d_e.is_nan() {
        return None;
    }
    let o01 = o01 as f64 / scale as f64;
    let d_o = 2.0 * o01 / n;
    Some(1.0 - d_o / d_e)
}

/// A stretch of text that some but not all annotators tag with `tag`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disputed {
    pub range: Range<usize>,
    pub tag: Tag,
    /// How many annotators tag it.
    pub tagged_by: usize,
    /// How many annotators there are.
    pub annotators: usize,
}

impl Disputed {
    /// tagged_by × (annotators − tagged_by): the number of pairs of annotators who disagree
    /// about this stretch.
    pub fn disagreement(&self) -> usize {
        self.tagged_by * (self.annotators - self.tagged_by)
    }
}

/// The most disputed passages of a text that `docs` annotated: for each tag, the maximal
/// runs over which the same number of annotators tag the text and some but not all of them
/// do. Ranked by disagreement (tagged_by × (annotators − tagged_by), the number of
/// disagreeing pairs), higher first; then longer first; then by position (and tag, in
/// [`Tag::ALL`] order). Runs shorter than 3 code points are skipped; at most `limit` are returned.
pub fn disputed(text_len: usize, docs: &[&Document], limit: usize) -> Vec<Disputed> {
    let annotators = docs.len();
    let mut found: Vec<Disputed> = Tag::ALL
        .into_iter()
        .flat_map(|tag| {
            coverage(text_len, docs, tag).into_iter().filter_map(move |run| {
                (run.count > 0 && run.count < annotators && run.range.len() >= 3).then_some(Disputed {
                    range: run.range,
                    tag,
                    tagged_by: run.count,
                    annotators,
                })
            })
        })
        .collect();
    crate::order::sort_by_key(&mut found, |d| {
        (Reverse(d.disagreement()), Reverse(d.range.len()), d.range.start, d.tag)
    });
    found.truncate(limit);
    found
}

/// How one annotator tagged a disputed passage: the tags of their spans that cover any
/// of it, in [`Tag::ALL`] order, none when they left it untagged. Shown beside each
/// disputed passage, so a teacher sees who tagged it and how.
pub fn tags_over<'a>(doc: impl Into<Reading<'a>>, range: &Range<usize>) -> Vec<Tag> {
    let doc = doc.into();
    Tag::ALL
        .into_iter()
        .filter(|&tag| doc.annotations.iter().any(|a| a.tag == tag && a.start < range.end && range.start < a.end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup;
    use crate::model::Entity;
    use crate::time::Timestamp;
    use crate::workspace::{Action, Workspace};

    const NOW: Timestamp = Timestamp(0);

    /// The document of `markup`, its spans as annotations `{prefix}0`, `{prefix}1`, … (in
    /// order of their opening brackets), with attributions `(from, to)` by span number.
    fn annotated(prefix: &str, markup: &str, attributions: &[(usize, usize)]) -> Document {
        let (text, spans) = markup::parse(markup);
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(Document::new("d", "Doc", text, NOW)), NOW).unwrap();
        for (i, (tag, start, end)) in spans.into_iter().enumerate() {
            let id = format!("{prefix}{i}");
            ws.apply(Action::AddAnnotation { doc: "d".into(), id, tag, start, end }, NOW).unwrap();
        }
        for (n, &(from, to)) in attributions.iter().enumerate() {
            let (id, from, to) = (format!("r{n}"), format!("{prefix}{from}"), format!("{prefix}{to}"));
            ws.apply(Action::Attribute { doc: "d".into(), id, from, to }, NOW).unwrap();
        }
        ws.document("d").unwrap().clone()
    }

    /// A document with `text` and the given spans as annotations `{prefix}0`, `{prefix}1`, …
    fn with_spans(prefix: &str, text: &str, spans: &[(Tag, usize, usize)]) -> Document {
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(Document::new("d", "Doc", text, NOW)), NOW).unwrap();
        for (i, &(tag, start, end)) in spans.iter().enumerate() {
            let id = format!("{prefix}{i}");
            ws.apply(Action::AddAnnotation { doc: "d".into(), id, tag, start, end }, NOW).unwrap();
        }
        ws.document("d").unwrap().clone()
    }

    /// Like [`with_spans`], but builds the annotations directly (without their quoted text),
    /// which is quicker for very long texts.
    fn raw_spans(prefix: &str, text: String, spans: &[(Tag, usize, usize)]) -> Document {
        let mut doc = Document::new("d", "Doc", text, NOW);
        for (i, &(tag, start, end)) in spans.iter().enumerate() {
            doc.annotations.push(Annotation {
                id: format!("{prefix}{i}"),
                tag,
                start,
                end,
                exact: String::new(),
                prefix: String::new(),
                suffix: String::new(),
                note: None,
                details: Default::default(),
                created: NOW,
                updated: NOW,
            });
        }
        doc.sort_annotations();
        doc
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn iou_is_shared_code_points_over_covered_code_points() {
        // Same range: 4 / 4.
        assert_eq!(iou((10, 14), (10, 14)), 1.0);
        // 0..10 and 5..15 share 5..10 (5 code points) and cover 0..15 (15): 5 / 15.
        assert!(close(iou((0, 10), (5, 15)), 1.0 / 3.0));
        // "minister" (4..12) inside "the minister" (0..12): 8 / 12.
        assert!(close(iou((0, 12), (4, 12)), 2.0 / 3.0));
        // Exactly half: 0..4 inside 0..8 is 4 / 8.
        assert_eq!(iou((0, 4), (0, 8)), 0.5);
        // Touching is not overlapping; the union of disjoint ranges is both their lengths.
        assert_eq!(iou((0, 5), (5, 9)), 0.0);
        assert_eq!(iou((0, 5), (7, 9)), 0.0);
        // Empty ranges share nothing.
        assert_eq!(iou((3, 3), (3, 3)), 0.0);
        assert_eq!(iou((3, 3), (0, 9)), 0.0);
        // Symmetric.
        assert_eq!(iou((2, 9), (0, 4)), iou((0, 4), (2, 9)));
    }

    // Both documents below share the text "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj":
    // word w (counting from 0) spans w·5 .. w·5 + 4.
    //
    //            aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj
    // key:      [claim:0..9]   [quote]     [actor]      [claim:35..44]
    //                          15..19      25..29
    // student:  [claim:0..14 ] [claim]          [actor]      [claim]
    //                          15..19           30..34       40..44
    const KEY: &str = "[claim:aaaa bbbb] cccc [quote:dddd] eeee [actor:ffff] gggg [claim:hhhh iiii] jjjj";
    const STUDENT: &str = "[claim:aaaa bbbb cccc] [claim:dddd] eeee ffff [actor:gggg] hhhh [claim:iiii] jjjj";

    #[test]
    fn every_kind_of_verdict_in_text_order() {
        let key = annotated("k", KEY, &[]);
        let student = annotated("s", STUDENT, &[]);
        let got = check(&key, &student);
        let matched =
            |k: &str, s: &str, iou: f64| Verdict::Matched { key: k.into(), student: s.into(), iou, attribution: None };
        assert_eq!(
            got.verdicts,
            [
                // k0 claim 0..9 and s0 claim 0..14: 9 shared / 14 covered ≈ 0.64 ≥ 0.5.
                matched("k0", "s0", 9.0 / 14.0),
                // k1 quote 15..19 and s1 claim 15..19: IoU 1 but the tags differ.
                Verdict::WrongTag { key: "k1".into(), student: "s1".into() },
                // k2 actor 25..29 and s2 actor 30..34 do not overlap: a miss and an extra.
                Verdict::Missed { key: "k2".into() },
                Verdict::Extra { student: "s2".into() },
                // k3 claim 35..44 and s3 claim 40..44: 4 / 9 ≈ 0.44 < 0.5, so no match.
                Verdict::Missed { key: "k3".into() },
                Verdict::Extra { student: "s3".into() },
            ]
        );
    }

    #[test]
    fn precision_recall_and_f1_by_hand() {
        let got = check(&annotated("k", KEY, &[]), &annotated("s", STUDENT, &[]));
        // Claim: tp 1 (k0–s0), fp 2 (s1, wrongly tagged as a claim, and s3), fn 1 (k3).
        //   precision 1/3, recall 1/2, F1 = 2·1 / (2·1 + 2 + 1) = 2/5
        //   (= 2 · 1/3 · 1/2 / (1/3 + 1/2) = (1/3) / (5/6) = 0.4).
        // Quote: fn 1 (k1, tagged as a claim): precision undefined, recall 0, F1 0/1 = 0.
        // Actor: fp 1 (s2), fn 1 (k2): precision 0, recall 0, F1 0.
        // Overall: tp 1, fp 3, fn 3: precision 1/4, recall 1/4, F1 2/8 = 1/4.
        let claim = got.per_tag[Tag::Claim as usize];
        assert_eq!(claim, Prf { tp: 1, fp: 2, fn_: 1 });
        assert!(close(claim.precision().unwrap(), 1.0 / 3.0));
        assert!(close(claim.recall().unwrap(), 0.5));
        assert!(close(claim.f1().unwrap(), 0.4));
        let quote = got.per_tag[Tag::Quote as usize];
        assert_eq!(quote, Prf { tp: 0, fp: 0, fn_: 1 });
        assert_eq!((quote.precision(), quote.recall(), quote.f1()), (None, Some(0.0), Some(0.0)));
        let actor = got.per_tag[Tag::Actor as usize];
        assert_eq!(actor, Prf { tp: 0, fp: 1, fn_: 1 });
        assert_eq!((actor.precision(), actor.recall(), actor.f1()), (Some(0.0), Some(0.0), Some(0.0)));
        assert_eq!(got.overall, Prf { tp: 1, fp: 3, fn_: 3 });
        assert_eq!(
            (got.overall.precision(), got.overall.recall(), got.overall.f1()),
            (Some(0.25), Some(0.25), Some(0.25))
        );
        assert_eq!((got.attribution_correct, got.attribution_total), (0, 0));
    }

    #[test]
    fn figures_are_undefined_without_spans() {
        let empty = Prf::default();
        assert_eq!((empty.precision(), empty.recall(), empty.f1()), (None, None, None));
        let mut sum = Prf { tp: 1, fp: 2, fn_: 3 };
        sum.add(Prf { tp: 10, fp: 20, fn_: 30 });
        assert_eq!(sum, Prf { tp: 11, fp: 22, fn_: 33 });
        // Nothing tagged on either side: nothing to score.
        let plain = annotated("k", "aaaa bbbb", &[]);
        let got = check(&plain, &plain);
        assert!(got.verdicts.is_empty());
        assert_eq!(got.overall.f1(), None);
    }

    #[test]
    fn pairs_are_taken_by_highest_iou_first() {
        // Key k0 = 0..9. Student s0 = 0..14 comes first in text order (same start, longer)
        // with IoU 9/14 ≈ 0.64; s1 = 0..9 has IoU 1 and so takes k0; s0 is left over.
        let key = annotated("k", "[claim:aaaa bbbb] cccc", &[]);
        let student = annotated("s", "[claim:[claim:aaaa bbbb] cccc]", &[]);
        assert_eq!((student.annotations[0].end, student.annotations[1].end), (14, 9));
        assert_eq!(
            check(&key, &student).verdicts,
            [
                // In text order s0 (0..14) comes before k0 and s1 (0..9): longer spans first.
                Verdict::Extra { student: "s0".into() },
                Verdict::Matched { key: "k0".into(), student: "s1".into(), iou: 1.0, attribution: None },
            ]
        );
    }

    #[test]
    fn ties_go_to_the_earlier_key_span() {
        // Key k0 = 0..14 and k1 = 5..19; student s0 = 5..14 shares 9 code points with
        // each and covers 14 with each: IoU 9/14 both times. The earlier key span wins.
        let key = with_spans("k", "aaaa bbbb cccc dddd", &[(Tag::Claim, 0, 14), (Tag::Claim, 5, 19)]);
        let student = annotated("s", "aaaa [claim:bbbb cccc] dddd", &[]);
        assert_eq!(
            check(&key, &student).verdicts,
            [
                Verdict::Matched { key: "k0".into(), student: "s0".into(), iou: 9.0 / 14.0, attribution: None },
                Verdict::Missed { key: "k1".into() },
            ]
        );
    }

    /// "“We will act,” said Mayor Jo Lind. Lind added that costs fell, an aide said." with
    /// the key's two mentions of Lind linked to one entity.
    const SPEECH: &str = "[quote:“We will act,”] said [actor:Mayor Jo Lind]. [actor:Lind] added that [claim:costs fell], [actor:an aide] said.";

    fn with_entity(mut doc: Document, name: &str, mentions: &[&str]) -> Document {
        doc.entities.push(Entity { id: "e1".into(), name: name.into(), kind: crate::model::ActorKind::Person });
        for a in doc.annotations.iter_mut().filter(|a| mentions.contains(&a.id.as_str())) {
            a.details.entity = Some("e1".into());
        }
        doc
    }

    #[test]
    fn attribution_right_and_wrong() {
        // Key: the quote (k0) said by "Mayor Jo Lind" (k1), the claim (k3) made by "Lind"
        // (k2); k1 and k2 both name the entity "Jo Lind".
        let key = with_entity(annotated("k", SPEECH, &[(0, 1), (3, 2)]), "Jo Lind", &["k1", "k2"]);
        // Student 1 gives the quote to their "Lind" (s2): it matches k2 (IoU 1), a key mention
        // of the same entity as k1, so it is right. The claim goes to "an aide": wrong.
        let student = annotated("s", SPEECH, &[(0, 2), (3, 4)]);
        let got = check(&key, &student);
        let attributions: Vec<_> = got
            .verdicts
            .iter()
            .map(|v| match v {
                Verdict::Matched { key, attribution, .. } => (key.as_str(), *attribution),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        // Actor spans and the unattributed aide carry no attribution verdict.
        assert_eq!(attributions, [("k0", Some(true)), ("k1", None), ("k2", None), ("k3", Some(false)), ("k4", None)]);
        assert_eq!((got.attribution_correct, got.attribution_total), (1, 2));

        // Student 2 tags only "Mayor" (IoU 5/13 with "Mayor Jo Lind", no match) but links it
        // to their own entity " JO LIND ": the names agree ignoring case and space, so the
        // quote is right. The claim is left unattributed: wrong.
        let markup =
            "[quote:“We will act,”] said [actor:Mayor] Jo Lind. Lind added that [claim:costs fell], an aide said.";
        let student = with_entity(annotated("s", markup, &[(0, 1)]), " JO LIND ", &["s1"]);
        let got = check(&key, &student);
        assert_eq!((got.attribution_correct, got.attribution_total), (1, 2));
        assert!(matches!(&got.verdicts[0], Verdict::Matched { attribution: Some(true), .. }));

        // Without an entity the student's "Mayor" is named by its text, "Mayor", which is
        // not "Jo Lind".
        let student = annotated("s", markup, &[(0, 1)]);
        assert_eq!(check(&key, &student).attribution_correct, 0);
    }

    #[test]
    fn pairwise_f1_is_symmetric_with_ones_on_the_diagonal() {
        let a = annotated("a", KEY, &[]);
        let b = annotated("b", STUDENT, &[]);
        let c = annotated("c", "aaaa bbbb", &[]);
        let m = pairwise_f1(&[&a, &b, &c]);
        // a against b: the overall F1 of 1/4 worked out above. c has no annotations and
        // a different text: every span of a or b is missed or extra, F1 = 0.
        assert_eq!(
            m,
            vec![
                vec![Some(1.0), Some(0.25), Some(0.0)],
                vec![Some(0.25), Some(1.0), Some(0.0)],
                vec![Some(0.0), Some(0.0), Some(1.0)],
            ]
        );
        assert!(pairwise_f1(&[]).is_empty());
    }

    // Two annotators, ten units (code points of "abcdefghij"):
    //
    //   unit:  0 1 2 3 4 5 6 7 8 9
    //   A:     1 1 1 1 0 0 0 0 0 0     claim 0..4
    //   B:     0 0 1 1 1 1 0 0 0 0     claim 2..6
    //
    // m = 2, so each pair of values in a unit weighs 1/(m − 1) = 1.
    //   units 2, 3 (both 1):            o₁₁ += 2 each      → o₁₁ = 4
    //   units 0, 1, 4, 5 (one each):     o₀₁ += 1 each      → o₀₁ = o₁₀ = 4
    //   units 6..9 (both 0):            o₀₀ += 2 each      → o₀₀ = 8
    //   n₀ = o₀₀ + o₀₁ = 12, n₁ = o₁₁ + o₁₀ = 8, n = 20
    //   D_o = (o₀₁ + o₁₀) / n = 8 / 20 = 0.4
    //   D_e = 2·n₀·n₁ / (n(n − 1)) = 2·12·8 / (20·19) = 192 / 380
    //   α = 1 − 0.4 · 380 / 192 = 1 − 152/192 = 40/192 = 5/24 ≈ 0.2083
    #[test]
    fn alpha_by_hand_for_two_annotators() {
        let a = annotated("a", "[claim:abcd]efghij", &[]);
        let b = annotated("b", "ab[claim:cdef]ghij", &[]);
        assert_eq!(scaled_coincidences(10, &[&a, &b], Tag::Claim), [8, 4, 4]);
        assert!(close(alpha(10, &[&a, &b], Tag::Claim).unwrap(), 5.0 / 24.0));
        // Nobody tagged a quote: no variation, alpha undefined.
        assert_eq!(alpha(10, &[&a, &b], Tag::Quote), None);
        // One annotator: nothing to agree with.
        assert_eq!(alpha(10, &[&a], Tag::Claim), None);
    }

    // Three annotators, five units; A tags 0..2 twice over (overlapping spans count once):
    //
    //   unit:  0 1 2 3 4
    //   A:     1 1 0 0 0
    //   B:     1 1 1 0 0
    //   C:     0 1 1 1 0
    //
    // m = 3, weight 1/(m − 1) = 1/2. A unit with n₁ ones and n₀ zeros adds n₁(n₁−1)/2 to
    // o₁₁, n₀n₁/2 to o₀₁ and n₀(n₀−1)/2 to o₀₀:
    //   unit 0 (n₁ 2, n₀ 1): o₁₁ 1,   o₀₁ 1
    //   unit 1 (n₁ 3):       o₁₁ 3
    //   unit 2 (n₁ 2, n₀ 1): o₁₁ 1,   o₀₁ 1
    //   unit 3 (n₁ 1, n₀ 2): o₀₁ 1,   o₀₀ 1
    //   unit 4 (n₀ 3):       o₀₀ 3
    //   o₁₁ = 5, o₀₁ = 3, o₀₀ = 4; n₁ = 8, n₀ = 7, n = 15
    //   D_o = 2·3 / 15 = 0.4;  D_e = 2·7·8 / (15·14) = 112 / 210
    //   α = 1 − 0.4 · 210 / 112 = 1 − 84/112 = 0.25
    #[test]
    fn alpha_by_hand_for_three_annotators() {
        let a = annotated("a", "[claim:[claim:a]b]cde", &[]);
        let b = annotated("b", "[claim:abc]de", &[]);
        let c = annotated("c", "a[claim:bcd]e", &[]);
        assert_eq!(scaled_coincidences(5, &[&a, &b, &c], Tag::Claim), [8, 6, 10]);
        assert!(close(alpha(5, &[&a, &b, &c], Tag::Claim).unwrap(), 0.25));
    }

    #[test]
    fn alpha_is_one_for_identical_annotators() {
        let a = annotated("a", KEY, &[]);
        let len = a.text.chars().count();
        for tag in Tag::ALL {
            assert_eq!(alpha(len, &[&a, &a, &a], tag), Some(1.0), "{tag}");
        }
        // Everyone tagging all of the text is no variation either.
        let all = annotated("a", "[quote:abc]", &[]);
        assert_eq!(alpha(3, &[&all, &all], Tag::Quote), None);
    }

    // Four annotators of "aaaa bbbb cccc dddd eeee" (word w at w·5 .. w·5 + 4):
    //
    //            aaaa bbbb cccc dddd eeee
    //   A claim  [-------)      [)   [--)   actor 15..17, quote 20..24
    //   B claim       [--)      [)   [--)   actor 15..17, quote 20..24
    //   C claim       [-------)
    //   D        (nothing)
    const FOUR: [&str; 4] = [
        "[claim:aaaa bbbb] cccc [actor:dd]dd [quote:eeee]",
        "aaaa [claim:bbbb] cccc [actor:dd]dd [quote:eeee]",
        "aaaa [claim:bbbb cccc] dddd eeee",
        "aaaa bbbb cccc dddd eeee",
    ];

    #[test]
    fn coverage_counts_annotators_over_maximal_runs() {
        let docs: Vec<Document> = FOUR.iter().map(|m| annotated("a", m, &[])).collect();
        let docs: Vec<&Document> = docs.iter().collect();
        let runs = |tag| coverage(24, &docs, tag).into_iter().map(|c| (c.range, c.count)).collect::<Vec<_>>();
        // Claim: A alone on "aaaa " (0..5); A, B, C on "bbbb" (5..9); C alone on " cccc" (9..14).
        assert_eq!(runs(Tag::Claim), [(0..5, 1), (5..9, 3), (9..14, 1), (14..24, 0)]);
        assert_eq!(runs(Tag::Actor), [(0..15, 0), (15..17, 2), (17..24, 0)]);
        assert_eq!(runs(Tag::Quote), [(0..20, 0), (20..24, 2)]);
        assert!(coverage(0, &docs, Tag::Claim).is_empty());
        // Nobody tags anything: one run of 0.
        assert_eq!(runs_of(coverage(24, &docs[3..], Tag::Claim)), [(0..24, 0)]);
    }

    fn runs_of(c: Vec<Coverage>) -> Vec<(Range<usize>, usize)> {
        c.into_iter().map(|c| (c.range, c.count)).collect()
    }

    #[test]
    fn disputed_passages_most_disagreement_first() {
        let docs: Vec<Document> = FOUR.iter().map(|m| annotated("a", m, &[])).collect();
        let docs: Vec<&Document> = docs.iter().collect();
        // With 4 annotators, 2 taggers make 2·2 = 4 disagreeing pairs, 1 or 3 make 1·3 = 3.
        //   quote 20..24 by 2:  4, length 4
        //   actor 15..17 by 2:  4, but only 2 code points long: skipped
        //   claim  0..5  by 1:  3, length 5
        //   claim  9..14 by 1:  3, length 5 (after 0..5 by position)
        //   claim  5..9  by 3:  3, length 4
        let got: Vec<_> = disputed(24, &docs, 10).into_iter().map(|d| (d.tag, d.range, d.tagged_by)).collect();
        assert_eq!(
            got,
            [(Tag::Quote, 20..24, 2), (Tag::Claim, 0..5, 1), (Tag::Claim, 9..14, 1), (Tag::Claim, 5..9, 3)]
        );
        let top = disputed(24, &docs, 2);
        assert_eq!(top.len(), 2);
        assert_eq!((top[0].annotators, top[0].disagreement()), (4, 4));
        // Agreeing annotators dispute nothing.
        assert!(disputed(24, &[docs[0], docs[0]], 10).is_empty());
    }

    #[test]
    fn runs_keep_alpha_fast_on_long_texts() {
        // 600,000 code points, four annotators with a 40-code-point span every 100 code points.
        let len = 600_000;
        let docs: Vec<Document> = (0..4)
            .map(|d| {
                let spans: Vec<_> =
                    (0..len / 100).map(|i| (Tag::Claim, i * 100 + d * 7, i * 100 + d * 7 + 40)).collect();
                raw_spans(&format!("a{d}-"), "x".repeat(len), &spans)
            })
            .collect();
        let docs: Vec<&Document> = docs.iter().collect();
        let got = alpha(len, &docs, Tag::Claim).unwrap();
        assert!(got > 0.0 && got < 1.0, "{got}");
    }
    #[test]
    fn a_disputed_passage_says_how_each_annotator_tagged_it() {
        let ana = annotated("a", "[actor:Ruiz] said [quote:“no more ferries”].", &[]);
        let ben = annotated("b", "Ruiz said [claim:“no more ferries”].", &[]);
        let cleo = annotated("c", "Ruiz said “no more ferries”.", &[]);
        let docs = [&ana, &ben, &cleo];
        let quote = disputed(ana.text.chars().count(), &docs, 8).into_iter().find(|d| d.tag == Tag::Quote).unwrap();
        let how: Vec<Vec<Tag>> = docs.iter().map(|d| tags_over(*d, &quote.range)).collect();
        assert_eq!(how, [vec![Tag::Quote], vec![Tag::Claim], vec![]]);
    }
}
