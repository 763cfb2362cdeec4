//! A long made-up article with many annotations, the same for the same seed: for
//! benchmarks and stress tests of everything whose cost grows with a text or its spans.
//!
//! The text is English-like news prose from a small vocabulary written here, in
//! paragraphs of about [`PARAGRAPH_WORDS`] words separated by blank lines (as the app's
//! articles are), with the traps of real articles mixed in: curly quotes and the euro
//! sign; names written with combining marks ("Zoe\u{308}" as e + U+0308) now and then;
//! an emoji every few paragraphs (skin tones, ZWJ sequences, flags); and an Arabic or a
//! CJK sentence about every 20 paragraphs.
//!
//! Words here are runs of text between white space, and the text has exactly the number
//! asked for. (Share of voice, [`crate::sources::word_count`], counts by Unicode's word
//! boundaries instead, so emoji, dashes and CJK passages count differently there.) Every span starts at the start of
//! a word and ends at the end of one, inside one paragraph:
//!
//! ```text
//!  words:  The  council  said  that  the  union  would  delay  the  night  ferry  by  2028.
//!  base:       [actor------]     [claim--------------------------------------------]
//!  nested:                                      [quote-------------]
//! ```
//!
//! Nine in ten spans ("base" spans) are spread evenly over the whole text, one to a
//! stretch of text of equal length, and do not overlap one another when there are fewer
//! of them than words. The tenth are each nested inside a base span or overlap its end.
//! Tags follow the pattern claim, quote, actor, claim, … (4 : 3 : 3 in every ten), and
//! each base quote is attributed to the actor span after it.

use crate::anchor;
use crate::model::{Annotation, Document, Relation, RelationKind, Tag};
use crate::time::Timestamp;

/// When every synthetic document, annotation and relation was made: 2026-11-25T15:54:07.000Z.
pub const CREATED: Timestamp = Timestamp(1_795_622_047_000);

/// The average number of words in a paragraph.
pub const PARAGRAPH_WORDS: usize = 65;

/// An article of `words` words (at least one) with exactly `annotations` annotations,
/// the same for the same three arguments. Offsets count code points, as everywhere in
/// the core; the document saves and loads unchanged through [`crate::schema`].
pub fn document(words: usize, annotations: usize, seed: u64) -> Document {
    let mut rng = Rng(seed);
    let article = write_article(words.max(1), &mut rng);
    let spans = place_spans(&article, annotations, &mut rng);

    let mut doc = Document::new(
        format!("synthetic-{}w-{annotations}a-{seed}", article.words.len()),
        format!("Synthetic article: {} words, {annotations} annotations, seed {seed}", article.words.len()),
        article.text.as_str(),
        CREATED,
    );
    doc.byline = Some("Made up by Newsmark for benchmarks".into());
    doc.annotations = spans
        .iter()
        .enumerate()
        .map(|(k, &(tag, first, last))| {
            let (a, b) = (&article.words[first], &article.words[last]);
            let mut annotation = annotation(&article.text, format!("a{k}"), tag, a, b);
            if k % 25 == 24 {
                annotation.note = Some(NOTES[k / 25 % NOTES.len()].into());
            }
            annotation
        })
        .collect();
    // Each base quote is attributed to the actor after it (base spans come first in `spans`).
    let base = base_count(annotations);
    doc.relations = (0..base.saturating_sub(1))
        .filter(|&i| spans[i].0 == Tag::Quote && spans[i + 1].0 == Tag::Actor)
        .enumerate()
        .map(|(n, i)| Relation {
            id: format!("r{n}"),
            kind: RelationKind::Attribution,
            from: format!("a{i}"),
            to: format!("a{}", i + 1),
            created: CREATED,
        })
        .collect();
    doc.sort_annotations();
    doc
}

/// A second annotator's take on `doc`: the same text, each annotation kept, moved by a
/// word at one edge, given another tag or left out, and attributions kept where both
/// ends survive with their tags. For measuring agreement between two large sets.
pub fn perturbed(doc: &Document, seed: u64) -> Document {
    let mut rng = Rng(seed);
    let words = words_of(&doc.text);
    if words.is_empty() {
        return doc.clone();
    }
    let mut out = Document { annotations: Vec::with_capacity(doc.annotations.len()), ..doc.clone() };
    let mut retagged = std::collections::HashSet::new();
    for a in &doc.annotations {
        // The words the span starts and ends in.
        let mut first = words.partition_point(|w| w.end <= a.start).min(words.len() - 1);
        let mut last = words.partition_point(|w| w.end < a.end).min(words.len() - 1).max(first);
        let mut tag = a.tag;
        match rng.below(10) {
            0 => continue,
            1 => {
                tag = Tag::ALL[(a.tag as usize + 1) % 3];
                retagged.insert(a.id.as_str());
            }
            2 if first < last => first += 1,
            3 if first > 0 && words[first - 1].paragraph == words[first].paragraph => first -= 1,
            4 if last > first => last -= 1,
            5 if last + 1 < words.len() && words[last + 1].paragraph == words[last].paragraph => last += 1,
            _ => {}
        }
        let mut moved = annotation(&doc.text, a.id.clone(), tag, &words[first], &words[last]);
        moved.note = a.note.clone();
        out.annotations.push(moved);
    }
    let kept: std::collections::HashSet<&str> = out.annotations.iter().map(|a| a.id.as_str()).collect();
    out.relations
        .retain(|r| [&r.from, &r.to].iter().all(|id| kept.contains(id.as_str()) && !retagged.contains(id.as_str())));
    out.sort_annotations();
    out
}

/// The annotation over words `a` to `b` (inclusive) of `text`.
fn annotation(text: &str, id: String, tag: Tag, a: &Word, b: &Word) -> Annotation {
    let quote = anchor::quote_bytes(text, a.from, b.to);
    Annotation {
        id,
        tag,
        start: a.start,
        end: b.end,
        exact: quote.exact,
        prefix: quote.prefix,
        suffix: quote.suffix,
        note: None,
        details: Default::default(),
        created: CREATED,
        updated: CREATED,
    }
}

// ---------------------------------------------------------------------------------------
// The text

/// A word of the text: code point and byte offsets, and the paragraph it is in.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    from: usize,
    to: usize,
    paragraph: usize,
}

struct Article {
    text: String,
    words: Vec<Word>,
    /// The index of the last word of each paragraph.
    paragraph_ends: Vec<usize>,
}

impl Article {
    /// Appends a word, after a space, or after a blank line when it starts paragraph `paragraph`.
    fn push(&mut self, word: &str, paragraph: usize) {
        let mut start = self.words.last().map_or(0, |w| w.end);
        match self.words.last() {
            None => {}
            Some(w) if w.paragraph == paragraph => {
                self.text.push(' ');
                start += 1;
            }
            Some(_) => {
                self.text.push_str("\n\n");
                start += 2;
            }
        }
        let from = self.text.len();
        self.text.push_str(word);
        let end = start + word.chars().count();
        self.words.push(Word { start, end, from, to: self.text.len(), paragraph });
        if self.paragraph_ends.len() == paragraph {
            self.paragraph_ends.push(self.words.len() - 1);
        } else {
            self.paragraph_ends[paragraph] = self.words.len() - 1;
        }
    }
}

/// The words of any text, with a paragraph number that changes at each blank line.
fn words_of(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let (mut cp, mut paragraph, mut newlines) = (0, 0, 0);
    let mut current: Option<(usize, usize)> = None; // (start, from) of the word being read
    for (byte, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some((start, from)) = current.take() {
                words.push(Word { start, end: cp, from, to: byte, paragraph });
            }
            if c == '\n' {
                newlines += 1;
            }
        } else if current.is_none() {
            if newlines >= 2 && !words.is_empty() {
                paragraph += 1;
            }
            newlines = 0;
            current = Some((cp, byte));
        }
        cp += 1;
    }
    if let Some((start, from)) = current {
        words.push(Word { start, end: cp, from, to: text.len(), paragraph });
    }
    words
}

fn write_article(words: usize, rng: &mut Rng) -> Article {
    let mut article = Article { text: String::new(), words: Vec::with_capacity(words), paragraph_ends: Vec::new() };
    let mut paragraph = 0;
    'article: loop {
        // Sentences until the paragraph has about its share of words; the last sentence
        // runs over by half a sentence on average, which the target allows for.
        let target = rng.between(PARAGRAPH_WORDS - 13, PARAGRAPH_WORDS + 1);
        let foreign_at = (paragraph % 20 == 10).then(|| rng.between(1, 4));
        let emoji_at = (paragraph % 3 == 1).then(|| rng.between(0, 3));
        let mut in_paragraph = 0;
        let mut sentence_no = 0;
        while in_paragraph < target {
            let mut sentence = sentence(rng);
            if foreign_at == Some(sentence_no) {
                let list = if paragraph / 20 % 2 == 0 { ARABIC } else { CJK };
                sentence = pick(rng, list).to_owned();
            } else if emoji_at == Some(sentence_no) {
                sentence.push(' ');
                sentence.push_str(pick(rng, EMOJI));
            }
            for word in sentence.split_whitespace() {
                if article.words.len() == words {
                    break 'article;
                }
                article.push(word, paragraph);
                in_paragraph += 1;
            }
            sentence_no += 1;
        }
        paragraph += 1;
    }
    // The words ran out mid-sentence: end it.
    if article.text.ends_with(|c: char| c.is_alphanumeric()) {
        article.text.push('.');
    }
    article
}

/// One sentence of made-up news prose.
fn sentence(rng: &mut Rng) -> String {
    let s = match rng.below(6) {
        0 => format!(
            "{} {} that {} {} {} {} {}.",
            pick(rng, SUBJECTS),
            pick(rng, REPORTING),
            pick(rng, SUBJECTS),
            pick(rng, MODALS),
            pick(rng, VERBS),
            pick(rng, OBJECTS),
            pick(rng, TIMES)
        ),
        1 => format!(
            "\u{201c}We {} {} {} {},\u{201d} {} {}.",
            pick(rng, &["cannot", "will not", "want to", "must", "have agreed to"]),
            pick(rng, VERBS),
            pick(rng, OBJECTS),
            pick(rng, TIMES),
            pick(rng, NAMES),
            pick(rng, &["said", "told reporters", "added", "said on Tuesday"])
        ),
        2 => format!("{}, {}, said the figures were {}.", pick(rng, NAMES), pick(rng, ROLES), pick(rng, ADJECTIVES)),
        3 => format!(
            "{} {} {} {} {}.",
            pick(rng, OPENERS),
            pick(rng, SUBJECTS),
            pick(rng, PAST),
            pick(rng, OBJECTS),
            pick(rng, TIMES)
        ),
        4 => format!(
            "According to {}, {} costs about \u{20ac}{}.{} million {}.",
            pick(rng, SOURCES),
            pick(rng, OBJECTS),
            rng.between(1, 90),
            rng.below(10),
            pick(rng, &["a year", "in total", "over five years", "more than planned"])
        ),
        _ => format!(
            "{} {} that {} percent of {} {} {}.",
            pick(rng, SUBJECTS),
            pick(rng, REPORTING),
            rng.between(3, 97),
            pick(rng, &["residents", "passengers", "workers", "families", "small businesses", "students"]),
            pick(rng, &["opposed", "supported", "used", "depended on", "had never heard of"]),
            pick(rng, OBJECTS)
        ),
    };
    capitalised(&s)
}

/// `s` with its first letter (after any opening quotation mark) in upper case.
fn capitalised(s: &str) -> String {
    let lead = s.len() - s.trim_start_matches('\u{201c}').len();
    let mut rest = s[lead..].chars();
    let first = rest.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    format!("{}{first}{}", &s[..lead], rest.as_str())
}

const SUBJECTS: &[&str] = &[
    "the city council",
    "the transport minister",
    "a spokesperson for the ministry",
    "local residents",
    "the workers\u{2019} union",
    "officials",
    "the regional court",
    "the company",
    "opposition leaders",
    "the harbour authority",
    "researchers at the university",
    "the mayor",
    "an official who asked not to be named",
    "the finance committee",
];
const REPORTING: &[&str] =
    &["said", "announced", "warned", "argued", "confirmed", "claimed", "insisted", "estimated", "suggested", "denied"];
const MODALS: &[&str] = &["would", "could", "will", "might", "should", "would not"];
const VERBS: &[&str] = &["cut", "delay", "expand", "replace", "fund", "review", "end", "protect", "reduce", "double"];
const PAST: &[&str] = &["approved", "rejected", "delayed", "reviewed", "criticised", "defended", "postponed", "funded"];
const OBJECTS: &[&str] = &[
    "the night ferry",
    "the budget",
    "bus services",
    "the new bridge",
    "the harbour plan",
    "two electric vessels",
    "the school programme",
    "rents in the old town",
    "the water supply",
    "the housing scheme",
    "the regional hospital",
    "the airport expansion",
];
const TIMES: &[&str] = &[
    "by 2028",
    "next year",
    "on Tuesday",
    "within six months",
    "before the election",
    "this winter",
    "after the vote",
    "in March",
    "from next spring",
];
/// Two of the names are written with combining marks: e + U+0308 and e + U+0301.
const NAMES: &[&str] = &[
    "Petra Lindqvist",
    "Jonas Haddad",
    "Maren Ostby",
    "Zoe\u{308} Hart",
    "Amira Nasser",
    "Kenji Sato",
    "Rene\u{301} Dubois",
    "Lucia Romero",
    "Noel Byrne",
    "Tomas Novak",
];
const ROLES: &[&str] = &[
    "a shift supervisor",
    "who chairs the transport committee",
    "an economist at the university",
    "the union\u{2019}s spokesperson",
    "a local shop owner",
    "the council\u{2019}s finance director",
];
const ADJECTIVES: &[&str] =
    &["misleading", "accurate", "out of date", "encouraging", "too optimistic", "incomplete", "hard to check"];
const OPENERS: &[&str] =
    &["Earlier this month,", "In a statement,", "On Monday,", "Meanwhile,", "Last year,", "After a long debate,"];
const SOURCES: &[&str] = &[
    "figures presented to the council",
    "the ministry",
    "a report seen by this newspaper",
    "the harbour authority",
    "the latest census",
];
const NOTES: &[&str] = &["Check this against the council minutes.", "Who else says so?", "Ask for the figures."];
/// Right-to-left sentences.
const ARABIC: &[&str] = &[
    "قال وزير الخارجية إن المحادثات كانت مثمرة.",
    "وأكدت الحكومة أن الخطة ستنفذ في العام المقبل.",
    "وقال متحدث باسم الوزارة إن الأرقام غير دقيقة.",
];
/// Chinese, Japanese and Korean sentences (the first two without spaces: one word each).
const CJK: &[&str] = &[
    "外交部发言人表示会谈取得了积极进展。",
    "市议会周二投票决定停止夜间渡轮服务。",
    "日本の外務省は火曜日に声明を発表した。",
    "서울시는 새로운 교통 계획을 발표했다.",
];
/// A skin tone, ZWJ sequences (scientist, family, rainbow flag), two flags, a heart with
/// a variation selector, and plain emoji.
const EMOJI: &[&str] = &[
    "\u{1F44B}\u{1F3FD}",
    "\u{1F469}\u{1F3FD}\u{200D}\u{1F52C}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{1F1F3}\u{1F1F4}",
    "\u{1F1EF}\u{1F1F5}",
    "\u{2764}\u{FE0F}",
    "\u{1F6A2}",
    "\u{1F600}",
    "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
];

// ---------------------------------------------------------------------------------------
// The spans

/// The tags of every ten spans: 4 claims, 3 quotes, 3 actors.
const TAGS: [Tag; 10] = [
    Tag::Claim,
    Tag::Quote,
    Tag::Actor,
    Tag::Claim,
    Tag::Quote,
    Tag::Actor,
    Tag::Claim,
    Tag::Quote,
    Tag::Actor,
    Tag::Claim,
];

/// How many of `annotations` spans are spread over the text; the rest overlap them.
fn base_count(annotations: usize) -> usize {
    annotations - annotations / 10
}

/// The spans as (tag, first word, last word): the base spans in text order, then the
/// nested and overlapping ones.
fn place_spans(article: &Article, annotations: usize, rng: &mut Rng) -> Vec<(Tag, usize, usize)> {
    let words = &article.words;
    let total = words.len();
    let base = base_count(annotations);
    let paragraph_end = |w: usize| article.paragraph_ends[words[w].paragraph];
    let mut spans = Vec::with_capacity(annotations);
    for i in 0..base {
        let tag = TAGS[i % 10];
        // The stretch of text that is this span's share; at least one word.
        let from = i * total / base;
        let room = ((i + 1) * total / base).max(from + 1) - from;
        let len = match tag {
            Tag::Claim => rng.between(4, 12),
            Tag::Quote => rng.between(3, 10),
            Tag::Actor => rng.between(1, 3),
        }
        .min(room);
        let first = from + rng.below(room - len + 1);
        spans.push((tag, first, (first + len - 1).min(paragraph_end(first))));
    }
    let nested = annotations - base;
    for k in 0..nested {
        let tag = TAGS[(base + k) % 10];
        let (_, first, last) = spans[k * base / nested];
        let len = last - first + 1;
        spans.push(if k % 2 == 0 {
            // Inside: a shorter run of the same words, or the same word for a one-word span.
            let inner = if len > 1 { rng.between(1, len - 1) } else { 1 };
            let start = first + rng.below(len - inner + 1);
            (tag, start, start + inner - 1)
        } else {
            // Across the end: from the middle of the span to a word or three past it.
            (tag, first + len / 2, (last + rng.between(1, 3)).min(paragraph_end(last)))
        });
    }
    spans
}

// ---------------------------------------------------------------------------------------
// Randomness

/// SplitMix64 (Steele, Lea and Flood): a tiny generator, plenty for made-up text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be 0.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

fn pick<'a>(rng: &mut Rng, list: &[&'a str]) -> &'a str {
    list[rng.below(list.len())]
}
