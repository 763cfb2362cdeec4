//! Claim cues: sentences with figures, comparisons, causes or predictions, offered as
//! candidate claims with the cue named.

use super::text::Text;
use super::words;
use crate::model::ClaimType;

/// A candidate claim: code points, kind, and the words that suggested it.
pub(crate) struct Cue {
    pub start: usize,
    pub end: usize,
    pub claim_type: ClaimType,
    pub confidence: f32,
    pub reason: String,
}

/// The claim cues of `text`, one per sentence at most, in text order. Sentences inside
/// or holding a direct quote (`quoted`, sorted code point ranges) are left to the quote;
/// a sentence that reports speech (`reported`, sorted content ranges) offers the reported
/// words as the claim.
pub(crate) fn find(text: &Text, quoted: &[(usize, usize)], reported: &[(usize, usize)]) -> Vec<Cue> {
    let mut cues = Vec::new();
    let n = text.tokens.len();
    let mut s = 0;
    while s < n {
        let e = text.sentence_end(s).max(s + 1);
        let (from_cp, to_cp) = (text.tokens[s].start, text.tokens[e - 1].end);
        let sentence = (s, e);
        s = e;
        let k = quoted.partition_point(|q| q.1 <= from_cp);
        if quoted.get(k).is_some_and(|q| q.0 < to_cp) {
            continue;
        }
        let Some((claim_type, confidence, cue)) = cue(text, sentence.0, sentence.1) else { continue };
        let r = reported.partition_point(|q| q.1 <= from_cp);
        let (start, end) = match reported.get(r).filter(|q| q.0 < to_cp) {
            Some(&(a, b)) => (a, b),
            None => match trimmed(text, sentence.0, sentence.1) {
                Some(span) => span,
                None => continue,
            },
        };
        let words = text.token_at(end) - text.token_at(start);
        if words < 4 {
            continue;
        }
        let reason = match claim_type {
            ClaimType::Statistic => format!("a figure: ‘{cue}’"),
            ClaimType::Prediction => format!("says what will happen: ‘{cue}’"),
            _ => format!("a checkable statement: ‘{cue}’"),
        };
        cues.push(Cue { start, end, claim_type, confidence, reason });
    }
    cues
}

/// The strongest cue of the sentence in tokens `s..e`: a figure, then a prediction, then
/// a cause or a comparison.
fn cue(text: &Text, s: usize, e: usize) -> Option<(ClaimType, f32, String)> {
    let mut prediction = None;
    let mut fact = None;
    for i in s..e {
        if !text.is_word(i) {
            continue;
        }
        let word = text.lower(i);
        let first = text.chars[text.tokens[i].start];
        if first.is_ascii_digit() {
            let year = word.len() == 4 && (1800..=2100).contains(&word.parse::<u32>().unwrap_or(0));
            let next = text.lower(i + 1);
            let percent = text.mark(i + 1) == Some('%') || next == "percent" || next == "per";
            if year && !percent {
                fact.get_or_insert_with(|| format!("the year {word}"));
                continue;
            }
            let with = if next == "per" && text.lower(i + 2) == "cent" {
                text.words(i, i + 3)
            } else if percent || words::NUMBER_WORDS.contains(&next) {
                text.words(i, i + 2)
            } else {
                text.words(i, i + 1)
            };
            return Some((ClaimType::Statistic, 0.6, with));
        }
        if ["percent", "million", "billion", "thousand", "twice", "half", "doubled", "tripled", "halved"]
            .contains(&word)
        {
            return Some((ClaimType::Statistic, 0.55, text.words(i, i + 1)));
        }
        if words::PREDICTIONS.contains(&word) && prediction.is_none() {
            prediction = Some(text.words(i, i + 1));
        }
        if (words::CAUSES.contains(&word) || words::COMPARISONS.contains(&word)) && fact.is_none() {
            fact = Some(text.words(i, i + 1));
        }
    }
    prediction.map(|p| (ClaimType::Prediction, 0.45, p)).or_else(|| fact.map(|f| (ClaimType::Fact, 0.4, f)))
}

/// The sentence in tokens `s..e` without its attribution ("According to X, …", "…, she
/// said") and without its final point, as code points.
fn trimmed(text: &Text, mut s: usize, mut e: usize) -> Option<(usize, usize)> {
    if text.lower(s) == "according" {
        s = (s..e).find(|&k| text.mark(k) == Some(','))? + 1;
    }
    // ", she said." or ", said the mayor." at the end.
    if let Some(comma) = (s..e).rev().take(8).find(|&k| text.mark(k) == Some(',')) {
        let said = (comma + 1..e).any(|k| {
            let w = text.lower(k);
            ["said", "says", "added", "told", "argued", "warned", "explained", "claimed"].contains(&w)
        });
        if said {
            e = comma;
        }
    }
    while e > s && text.mark(e - 1).is_some() {
        e -= 1;
    }
    (e > s).then(|| (text.tokens[s].start, text.tokens[e - 1].end))
}
