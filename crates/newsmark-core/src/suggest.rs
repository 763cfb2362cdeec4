//! Suggestions a reader can check: quotes, their speakers and claim cues found in an
//! article's text by rules and word lists, each with a confidence and a reason in words.
//!
//! [`suggest`] is a pure function of the text. It finds
//!
//! - **direct quotes** between quotation marks of any style ([`quotes`]), a quote split
//!   around its speech verb ("…colleagues,” said Lavrov, “if you…") as two spans of one
//!   quote with the same speaker, and quotes inside quotes;
//! - **indirect quotes**: a speech verb and "that" ("insists that…", "assured Israel
//!   that…"), a few verbs without it ("she said the plan would fail"), and "according to";
//! - **speakers** ([`speakers`]): the subject of the speech verb next to a quote; a
//!   pronoun taken to mean the nearest person named before it (of the right gender where
//!   a title or an earlier pronoun says it); a role ("the foreign minister") taken to mean
//!   the person the article gave that role to; suggested as actor spans, with the
//!   attribution, and grouped into actors;
//! - **claim cues** ([`claims`]): sentences with figures, comparisons, causes or predictions.
//!
//! The word lists ([`words`]) are English and written here. In other languages the
//! quotation marks are found all the same (« », „ “, 「 」), but not their speakers,
//! indirect speech or claim cues, except for figures.
//!
//! The text is read once into tokens, and every rule looks only a few tokens around
//! each quotation mark or speech verb, so the time grows with the length of the text.

mod claims;
mod quotes;
mod speakers;
mod text;
mod words;

use crate::anchor;
use crate::model::{ActorKind, Annotation, ClaimType, Details, Document, Entity, Relation, RelationKind, Speech, Tag};
use crate::offsets::OffsetIndex;
use crate::time::Timestamp;
use crate::workspace::Action;
use serde::{Deserialize, Serialize};
use speakers::{People, Said, Subject};
use std::collections::{BTreeSet, HashMap, HashSet};
use text::Text;
use words::Lexicon;

/// One suggested span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub tag: Tag,
    /// Code points, `start..end`.
    pub start: usize,
    pub end: usize,
    /// How sure the rule that made it is, from 0 to 1.
    pub confidence: f32,
    /// Why it is suggested, for a person: "in quotation marks, followed by ‘said Lavrov’".
    pub reason: String,
    /// For a quote: direct or indirect.
    pub speech: Option<Speech>,
    /// For a claim: the kind its cue suggests.
    pub claim_type: Option<ClaimType>,
    /// For a quote: the actor suggestion (an index into [`Suggestions::items`]) it is attributed to.
    pub speaker: Option<usize>,
    /// For an actor: who it names (an index into [`Suggestions::actors`]).
    pub actor: Option<usize>,
    /// For the second part of a quote split around its speech verb: the first part (an
    /// index into [`Suggestions::items`]).
    pub continues: Option<usize>,
}

/// Someone the suggested actor spans name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestedActor {
    /// The fullest name the article gives ("Sergey Lavrov"), or the description ("a spokeswoman").
    pub name: String,
    pub kind: ActorKind,
}

/// What [`suggest`] finds in a text (serialised to cross from the app's background worker).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Suggestions {
    /// In text order ([`Annotation::text_order`]'s order of start, longer first).
    pub items: Vec<Suggestion>,
    pub actors: Vec<SuggestedActor>,
}

/// Confidences of the rules, from surest to least sure.
const SAID_NEXT_TO_IT: f32 = 0.95;
const SPLIT: f32 = 0.9;
const PRONOUN: f32 = 0.8;
const SPEAKER_BEFORE: f32 = 0.65;
const NESTED: f32 = 0.6;
const INDIRECT_THAT: f32 = 0.7;
const INDIRECT_ACCORDING: f32 = 0.6;
const INDIRECT_BARE: f32 = 0.5;
const INDIRECT_AFTER: f32 = 0.6;
const FIRST_MENTION: f32 = 0.7;

/// Suggestions for an article's text: quotes with their speakers, and claim cues.
pub fn suggest(text: &str) -> Suggestions {
    let text = Text::new(text);
    let lexicon = Lexicon::new();
    let pairs = quotes::pairs(&text.chars);
    let top: Vec<(usize, usize)> = pairs.iter().filter(|m| m.depth == 0).map(|m| (m.open, m.close + 1)).collect();
    let mut people = People::find(&text, &top);
    let mut out = Builder::default();

    // Direct quotes, in text order: each with the attribution next to it, or as the
    // second part of the quote before, or (in its paragraph) said by the speaker before.
    let mut previous: Option<(usize, Option<Said>, Option<usize>, usize)> = None; // (item, its attribution after, speaker, close token)
    let top_open: Vec<usize> = top.iter().map(|q| text.token_at(q.0)).collect();
    let mut nth_top = 0;
    for m in &pairs {
        let open = text.token_at(m.open);
        let close = text.token_at(m.close);
        let words = (open + 1..close).filter(|&k| text.is_word(k)).count();
        if words == 0 {
            continue;
        }
        let lowercase_start = (open + 1..close).find(|&k| text.is_word(k)).is_some_and(|k| !text.is_capitalised(k));
        if m.depth > 0 {
            // A quote inside a quote counts when the quote around it says who said it.
            let parent = pairs.iter().rev().find(|p| p.depth + 1 == m.depth && p.open < m.open && m.close < p.close);
            let Some(parent) = parent else { continue };
            let (p_open, p_close) = (text.token_at(parent.open), text.token_at(parent.close));
            let said = speakers::before(&text, &lexicon, open, p_open + 1)
                .or_else(|| speakers::after(&text, &lexicon, close, p_close));
            if let (Some(said), true) = (said, words >= 3) {
                let speaker = out.speaker(&text, &mut people, said.subject, m.open);
                let reason = format!("in quotation marks inside a quote, with ‘{}’", text.words(said.from, said.to));
                out.quote(m.open, m.close + 1, Speech::Direct, NESTED, reason, speaker, None);
            } else if let Some(verb) = verb_just_before(&text, &lexicon, open) {
                // "…and said, ‘I want to sing’": said, by someone the suggester cannot name.
                let reason = format!("in quotation marks inside a quote, after ‘{}’", text.words(verb, verb + 1));
                out.quote(m.open, m.close + 1, Speech::Direct, NESTED, reason, None, None);
            }
            continue;
        }
        nth_top += 1;
        let limit = top_open.get(nth_top).copied().unwrap_or(text.tokens.len());
        let from = previous.map_or(0, |p| p.3 + 1);
        // The second part of a split quote: the first part's attribution, then a comma, then this.
        let split = previous.and_then(|(item, said, speaker, _)| {
            let said = said?;
            let dash_or_comma = |k: usize| matches!(text.mark(k), Some(',' | ':' | '—' | '–'));
            let joined = (said.to..open).all(dash_or_comma);
            // "…,” said Moray, who skippers the Northern Star, “and…": an aside between commas.
            let aside = open > said.to + 2
                && open - said.to <= 14
                && text.mark(said.to) == Some(',')
                && dash_or_comma(open - 1)
                && text.sentence_start(open) <= said.to
                && (said.to..open).all(|k| !lexicon.is_speech_verb(text.lower(k)));
            (joined || aside).then_some((item, said, speaker))
        });
        let (said_after, item) = if let Some((first, said, speaker)) = split {
            let reason = format!("the second part of a quote split around ‘{}’", text.words(said.from, said.to));
            (None, out.quote(m.open, m.close + 1, Speech::Direct, SPLIT, reason, speaker, Some(first)))
        } else if let Some(said) = speakers::after(&text, &lexicon, close, limit) {
            let speaker = out.speaker(&text, &mut people, said.subject, m.open);
            let confidence = if matches!(said.subject, Subject::Pronoun(_)) { PRONOUN } else { SAID_NEXT_TO_IT };
            let reason = format!("in quotation marks, followed by ‘{}’", text.words(said.from, said.to));
            (Some(said), out.quote(m.open, m.close + 1, Speech::Direct, confidence, reason, speaker, None))
        } else if let Some(said) = speakers::before(&text, &lexicon, open, from) {
            let speaker = out.speaker(&text, &mut people, said.subject, m.open);
            let confidence = if matches!(said.subject, Subject::Pronoun(_)) { PRONOUN } else { SAID_NEXT_TO_IT };
            let reason = format!("in quotation marks, after ‘{}’", text.words(said.from, said.to));
            (None, out.quote(m.open, m.close + 1, Speech::Direct, confidence, reason, speaker, None))
        } else {
            // A scare quote or a title: a few words, or a phrase in lower case, said by nobody.
            if words <= 3 || (words <= 6 && lowercase_start) {
                continue;
            }
            // Quotes in a row: the speaker of the quote before, if it is near (a few
            // paragraphs at most, as in an interview's answers) and nobody is named between.
            let near = previous.filter(|p| {
                let (after, before) = (text.tokens[p.3].end, m.open);
                let speaker = p.2.and_then(|s| out.items[s].actor);
                let named_between = people.other_named_between(after, before, speaker);
                let breaks = (p.3..open).filter(|&k| text.tokens[k].kind == text::Kind::Break).count();
                breaks <= 6 && !named_between
            });
            let speaker = near.and_then(|p| p.2);
            let reason = match speaker {
                Some(s) => format!(
                    "in quotation marks, with no speech verb next to it: the speaker of the quote before, {}",
                    out.items[s].text_of(&text)
                ),
                None => "in quotation marks; no speaker found next to it".to_owned(),
            };
            (None, out.quote(m.open, m.close + 1, Speech::Direct, SPEAKER_BEFORE, reason, speaker, None))
        };
        previous = Some((item, said_after, out.items[item].speaker, close));
    }

    // Indirect quotes: a speech verb and what follows it to the end of the sentence, in
    // sentences without quotation marks or after the last quote of one.
    let direct: Vec<(usize, Option<usize>)> =
        out.items.iter().filter(|s| s.tag == Tag::Quote).map(|s| (s.end, s.speaker)).collect();
    let mut reported = Vec::new();
    let n = text.tokens.len();
    let mut i = 0;
    while i < n {
        let sentence_end = text.sentence_end(i).max(i + 1);
        let s_from = text.tokens[text.sentence_start(i)].start;
        let (at, s_to) = (text.tokens[i].start, text.tokens[sentence_end - 1].end);
        // A quote in this sentence from here on: wait until after it.
        let k = top.partition_point(|q| q.1 <= at);
        if let Some(q) = top.get(k).filter(|q| q.0 < s_to) {
            i = text.token_at(q.1).max(i + 1);
            continue;
        }
        if !text.is_word(i) {
            i += 1;
            continue;
        }
        let d = direct.partition_point(|q| q.0 <= at);
        let speaker_before = d.checked_sub(1).map(|d| direct[d]).filter(|q| q.0 >= s_from).and_then(|q| q.1);
        if let Some(found) = indirect(&text, &lexicon, i, sentence_end, speaker_before) {
            let speaker = match found.speaker {
                Speaker::Subject(subject) => out.speaker(&text, &mut people, subject, text.tokens[found.verb].start),
                Speaker::Known(item) => Some(item),
            };
            let (start, end) = (text.tokens[found.content.0].start, text.tokens[found.content.1 - 1].end);
            reported.push((start, end));
            out.quote(start, end, Speech::Indirect, found.confidence, found.reason, speaker, None);
            i = sentence_end;
            continue;
        }
        i += 1;
    }

    for cue in claims::find(&text, &top, &reported) {
        out.items.push(Suggestion {
            tag: Tag::Claim,
            start: cue.start,
            end: cue.end,
            confidence: cue.confidence,
            reason: cue.reason,
            speech: None,
            claim_type: Some(cue.claim_type),
            speaker: None,
            actor: None,
            continues: None,
        });
    }
    out.first_mentions(&text, &people);
    out.finish(people)
}

/// The speech verb just before an opening quotation mark at token `open` (passing over a
/// comma or colon): "and said, ‘…".
fn verb_just_before(text: &Text, lexicon: &Lexicon, open: usize) -> Option<usize> {
    let mut j = open.checked_sub(1)?;
    if matches!(text.mark(j), Some(',' | ':')) {
        j = j.checked_sub(1)?;
    }
    lexicon.is_speech_verb(text.lower(j)).then_some(j)
}

/// Who an indirect quote is said by: a subject to find, or an actor already suggested.
enum Speaker {
    Subject(Subject),
    Known(usize),
}

/// An indirect quote: its verb, its speaker and what is reported (tokens).
struct Reported {
    verb: usize,
    speaker: Speaker,
    content: (usize, usize),
    confidence: f32,
    reason: String,
}

/// The indirect quote whose speech verb (or "according to") is token `v`, in a sentence
/// ending before token `end`.
fn indirect(text: &Text, lexicon: &Lexicon, v: usize, end: usize, speaker_before: Option<usize>) -> Option<Reported> {
    let start = text.sentence_start(v);
    let mut content_end = end;
    while content_end > v && !text.is_word(content_end - 1) {
        content_end -= 1;
    }
    let word = text.lower(v);
    if word == "according" && text.lower(v + 1) == "to" {
        let comma = (v + 2..end).find(|&k| text.mark(k) == Some(','));
        let (subject, content) = if v == start {
            // "According to the ministry, the plan will fail."
            let comma = comma?;
            (speakers::forward(text, v + 2, comma)?, (comma + 1, content_end))
        } else if v > start && text.mark(v - 1) == Some(',') {
            // "The plan will fail, according to the ministry."
            (speakers::forward(text, v + 2, end)?, (start, v - 1))
        } else {
            return None;
        };
        if let Subject::Description(a, _) = subject {
            if !words::is_determiner(text.lower(a)) {
                return None;
            }
        }
        let reason = format!("reported speech: ‘{}’", text.words(v, subject.tokens().1));
        return long_enough(text, content).then_some(Reported {
            verb: v,
            speaker: Speaker::Subject(subject),
            content,
            confidence: INDIRECT_ACCORDING,
            reason,
        });
    }
    if !lexicon.is_speech_verb(word) {
        return None;
    }
    if let Some(found) = reported_before(text, v, start, end) {
        return Some(found);
    }
    // "that" right after the verb, or after whom it was said to: "assured Israel that".
    let that = (v + 1..end.min(v + 8))
        .take_while(|&k| text.is_word(k) && (k == v + 1 || !lexicon.is_speech_verb(text.lower(k))))
        .find(|&k| text.lower(k) == "that");
    let (content_start, confidence) = match that {
        Some(k) => (k + 1, INDIRECT_THAT),
        None if words::reports_without_that(word) && starts_clause(text, v + 1, end) => (v + 1, INDIRECT_BARE),
        None => return None,
    };
    let subject = match v.checked_sub(1).filter(|&k| k >= start).map(|k| text.mark(k)) {
        // "…,” Baptiste said, adding that…": the speaker of the quote before in the sentence.
        Some(Some(',')) if word.ends_with("ing") => match speaker_before {
            Some(speaker) => Speaker::Known(speaker),
            None => return None,
        },
        Some(Some(',')) => Speaker::Subject(speakers::before_comma(text, start, v - 1)?),
        Some(None) => Speaker::Subject(speakers::backward(text, start, v)?),
        _ => return None,
    };
    let content = (content_start, content_end);
    let shown_end = that.map_or(v + 1, |k| k + 1);
    let from = match subject {
        Speaker::Subject(subject) => subject.tokens().0.min(v),
        Speaker::Known(_) => v,
    };
    let reason = format!("reported speech: ‘{}’", text.words(from, shown_end));
    long_enough(text, content).then_some(Reported { verb: v, speaker: subject, content, confidence, reason })
}

/// Reported speech with its attribution after it, at the end of the sentence: "Over ten
/// years, …, the researchers reported." or "…, said the ministry on Monday."
fn reported_before(text: &Text, v: usize, start: usize, end: usize) -> Option<Reported> {
    let comma = (start..v).rev().take(8).find(|&k| text.mark(k) == Some(','))?;
    let subject = if comma + 1 == v {
        speakers::forward(text, v + 1, end)?
    } else {
        speakers::backward(text, comma + 1, v).filter(|s| s.tokens().0 == comma + 1)?
    };
    // Only a little may follow: "on Monday", "in a statement".
    let rest = subject.tokens().1.max(v + 1);
    if (rest..end).filter(|&k| text.is_word(k)).count() > 4 || (rest..end).any(|k| text.lower(k) == "that") {
        return None;
    }
    let content = (start, comma);
    let reason = format!("reported speech, followed by ‘{}’", text.words(comma + 1, rest));
    long_enough(text, content).then_some(Reported {
        verb: v,
        speaker: Speaker::Subject(subject),
        content,
        confidence: INDIRECT_AFTER,
        reason,
    })
}

/// Whether the reported words in tokens `content` are three words or more.
fn long_enough(text: &Text, (from, to): (usize, usize)) -> bool {
    from < to && (from..to).filter(|&k| text.is_word(k)).count() >= 3
}

/// Whether token `i` can open a reported clause after a verb without "that": a word
/// that is no preposition or time ("said on Monday"), followed in the sentence (before
/// token `end`) by a verb of its own ("said higher rates would hurt", "said it was over").
fn starts_clause(text: &Text, i: usize, end: usize) -> bool {
    let w = text.lower(i);
    if !text.is_word(i) || words::ends_speaker(w) || ["goodbye", "so", "yes", "no", "nothing"].contains(&w) {
        return false;
    }
    // "said the minister" names the speaker after the verb rather than a clause.
    if w == "the" && words::is_role(text.lower(i + 1)) && !text.is_word(i + 2) {
        return false;
    }
    (i + 1..end.min(i + 14)).any(|k| {
        let w = text.lower(k);
        words::is_finite(w) || (w.len() > 4 && w.ends_with("ed"))
    })
}

/// The suggestions as they are made, with the actor spans already suggested.
#[derive(Default)]
struct Builder {
    items: Vec<Suggestion>,
    /// The actor suggestion at each span.
    actor_at: HashMap<(usize, usize), usize>,
}

impl Suggestion {
    fn text_of(&self, text: &Text) -> String {
        text.chars[self.start..self.end].iter().collect()
    }

    /// The suggested words in `text` (the text suggestions were made for).
    pub fn exact_in<'t>(&self, text: &'t str) -> &'t str {
        crate::offsets::slice(text, self.start, self.end).unwrap_or("")
    }
}

impl Builder {
    #[allow(clippy::too_many_arguments)]
    fn quote(
        &mut self,
        start: usize,
        end: usize,
        speech: Speech,
        confidence: f32,
        reason: String,
        speaker: Option<usize>,
        continues: Option<usize>,
    ) -> usize {
        self.items.push(Suggestion {
            tag: Tag::Quote,
            start,
            end,
            confidence,
            reason,
            speech: Some(speech),
            claim_type: None,
            speaker,
            actor: None,
            continues,
        });
        self.items.len() - 1
    }

    /// The actor suggestion for a speech verb's subject (a quote at code point `at`),
    /// made if it is not there yet: the name, the description, or for a pronoun the
    /// person named nearest before it.
    fn speaker(&mut self, text: &Text, people: &mut People, subject: Subject, at: usize) -> Option<usize> {
        let (span, person, reason) = match subject {
            Subject::Name(a, b) => {
                let (_, (from, to)) = speakers::split_role(text, a, b);
                let from = if text.lower(from) == "the" && to > from + 1 { from + 1 } else { from };
                let person = people.person_named(text, from, to, a);
                let span = (text.tokens[from].start, text.tokens[to - 1].end);
                people.add_mention(span.0, span.1, person);
                (span, person, "the speaker named next to a speech verb".to_owned())
            }
            Subject::Description(a, b) => {
                let span = (text.tokens[a].start, text.tokens[b - 1].end);
                match people.person_in_role(text, a, b, span.0) {
                    Some(person) => {
                        people.add_mention(span.0, span.1, person);
                        let reason = format!("the role the article gave to {}", people.people[person].name);
                        (span, person, reason)
                    }
                    None => {
                        let person = people.person_described(text, a, b);
                        (span, person, "the speaker described next to a speech verb".to_owned())
                    }
                }
            }
            Subject::Pronoun(i) => {
                let pronoun = text.lower(i);
                let mention = people.antecedent(pronoun, at.min(text.tokens[i].start))?;
                people.referred_to_as(mention.person, pronoun);
                let reason = format!(
                    "‘{}’ taken to be {}, the nearest person named before it",
                    text.words(i, i + 1),
                    people.people[mention.person].name
                );
                ((mention.start, mention.end), mention.person, reason)
            }
        };
        if let Some(&existing) = self.actor_at.get(&span) {
            return Some(existing);
        }
        self.items.push(Suggestion {
            tag: Tag::Actor,
            start: span.0,
            end: span.1,
            confidence: if matches!(subject, Subject::Pronoun(_)) { PRONOUN } else { SAID_NEXT_TO_IT },
            reason,
            speech: None,
            claim_type: None,
            speaker: None,
            actor: Some(person),
            continues: None,
        });
        self.actor_at.insert(span, self.items.len() - 1);
        Some(self.items.len() - 1)
    }

    /// The first time the article names each speaker, as an actor span too (where the
    /// name and the speech verb are apart: "Helena Markovic, leader of…, walked out…").
    fn first_mentions(&mut self, text: &Text, people: &People) {
        let mut speakers: Vec<usize> = self.items.iter().filter_map(|s| s.actor).collect();
        speakers.sort_unstable();
        speakers.dedup();
        let firsts = people.first_mentions();
        for person in speakers {
            let Some(first) = firsts.get(&person) else { continue };
            let span = (first.start, first.end);
            if self.actor_at.contains_key(&span) {
                continue;
            }
            let name: String = text.chars[first.start..first.end].iter().collect();
            self.items.push(Suggestion {
                tag: Tag::Actor,
                start: span.0,
                end: span.1,
                confidence: FIRST_MENTION,
                reason: format!("the first mention of {name}, who is quoted in the article"),
                speech: None,
                claim_type: None,
                speaker: None,
                actor: Some(person),
                continues: None,
            });
            self.actor_at.insert(span, self.items.len() - 1);
        }
    }

    /// The suggestions in text order, with the indices between them kept right, and only
    /// the actors that some actor span names.
    fn finish(self, people: People) -> Suggestions {
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        let items = &self.items;
        order.sort_by_key(|&k| (items[k].start, std::cmp::Reverse(items[k].end), items[k].tag, k));
        let mut new_index = vec![0; items.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut actor_index: HashMap<usize, usize> = HashMap::new();
        let mut actors = Vec::new();
        let items = order
            .iter()
            .map(|&old| {
                let mut s = items[old].clone();
                s.speaker = s.speaker.map(|k| new_index[k]);
                s.continues = s.continues.map(|k| new_index[k]);
                s.actor = s.actor.map(|p| {
                    *actor_index.entry(p).or_insert_with(|| {
                        let person = &people.people[p];
                        actors.push(SuggestedActor { name: person.name.clone(), kind: person.kind });
                        actors.len() - 1
                    })
                });
                s
            })
            .collect();
        Suggestions { items, actors }
    }
}

/// The text cut into parts of about `size` bytes at paragraph breaks (blank lines), as
/// byte ranges, for suggesting a long text part by part ([`suggest`] on each, then
/// [`Suggestions::joined`]): the browser shows the page between parts. Quotes, reported
/// speech and claim cues never cross a paragraph, so they are found the same; a pronoun
/// or role at the start of a part may lose the person named in the part before.
pub fn parts(text: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    while text.len() - start > size {
        let from = (start + size).min(text.len());
        let cut = text[from..].find("\n\n").map(|i| from + i + 2);
        match cut {
            Some(cut) if cut < text.len() => {
                parts.push(start..cut);
                start = cut;
            }
            _ => break,
        }
    }
    parts.push(start..text.len());
    parts
}

/// Whether suggestions may be shown for `doc`: always, except in a student's copy of an
/// exercise whose teacher did not allow them.
pub fn allowed(doc: &Document) -> bool {
    doc.assignment.as_ref().is_none_or(|a| a.allow_suggestions)
}

impl Suggestions {
    /// The suggestions of consecutive parts of one text as one: each part's suggestions
    /// and the code point where the part starts, in text order. Actors of the same name
    /// are one actor.
    pub fn joined(parts: Vec<(usize, Suggestions)>) -> Suggestions {
        let mut out = Suggestions::default();
        let mut actor_named: HashMap<String, usize> = HashMap::new();
        for (offset, part) in parts {
            let base = out.items.len();
            let actors: Vec<usize> = part
                .actors
                .into_iter()
                .map(|a| {
                    *actor_named.entry(a.name.clone()).or_insert_with(|| {
                        out.actors.push(a);
                        out.actors.len() - 1
                    })
                })
                .collect();
            out.items.extend(part.items.into_iter().map(|mut s| {
                s.start += offset;
                s.end += offset;
                s.speaker = s.speaker.map(|k| k + base);
                s.continues = s.continues.map(|k| k + base);
                s.actor = s.actor.map(|a| actors[a]);
                s
            }));
        }
        out
    }

    /// The suggestions still to decide on in `doc`: not `dismissed` (indices into
    /// `items`) and not already annotations of the document (same tag, same span).
    pub fn pending(&self, doc: &Document, dismissed: &BTreeSet<usize>) -> Vec<usize> {
        let tagged: HashSet<(Tag, usize, usize)> = doc.annotations.iter().map(|a| (a.tag, a.start, a.end)).collect();
        (0..self.items.len())
            .filter(|k| !dismissed.contains(k))
            .filter(|&k| !tagged.contains(&(self.items[k].tag, self.items[k].start, self.items[k].end)))
            .collect()
    }

    /// The edit that accepts the suggestions `chosen` (indices into `items`) in `doc`: each
    /// becomes an ordinary annotation with its details, a quote brings its speaker with it
    /// and is attributed to them, and each new actor mention is linked to the document's
    /// actor of that name, or to a new one. A suggestion already tagged in the document is
    /// not added again (its annotation is used). `fresh_id` gives the new ids. `None` when
    /// there is nothing to add.
    pub fn acceptance(&self, doc: &Document, chosen: &[usize], fresh_id: &mut dyn FnMut() -> String) -> Option<Action> {
        let mut wanted: BTreeSet<usize> = chosen.iter().copied().filter(|&k| k < self.items.len()).collect();
        wanted.extend(chosen.iter().filter_map(|&k| self.items.get(k)?.speaker));
        let existing: HashMap<(Tag, usize, usize), &str> =
            doc.annotations.iter().map(|a| ((a.tag, a.start, a.end), a.id.as_str())).collect();
        let mut ids: HashMap<usize, String> = HashMap::new();
        let mut entity_of: HashMap<usize, String> = HashMap::new();
        let (mut annotations, mut relations, mut entities) = (Vec::new(), Vec::new(), Vec::new());
        for &k in &wanted {
            let s = &self.items[k];
            if let Some(id) = existing.get(&(s.tag, s.start, s.end)) {
                ids.insert(k, (*id).to_owned());
                continue;
            }
            let id = fresh_id();
            let entity = s.actor.map(|p| {
                entity_of
                    .entry(p)
                    .or_insert_with(|| {
                        let actor = &self.actors[p];
                        match doc.reading().entity_named(&actor.name) {
                            Some(e) => e.id.clone(),
                            None => {
                                let entity = Entity { id: fresh_id(), name: actor.name.clone(), kind: actor.kind };
                                entities.push(entity.clone());
                                entity.id
                            }
                        }
                    })
                    .clone()
            });
            annotations.push(Annotation {
                id: id.clone(),
                tag: s.tag,
                start: s.start,
                end: s.end,
                exact: String::new(),
                prefix: String::new(),
                suffix: String::new(),
                note: None,
                details: Details { speech: s.speech, claim_type: s.claim_type, entity, ..Details::default() },
                created: Timestamp(0),
                updated: Timestamp(0),
            });
            ids.insert(k, id);
        }
        for &k in chosen {
            let Some(speaker) = self.items.get(k).and_then(|s| s.speaker) else { continue };
            let (Some(from), Some(to)) = (ids.get(&k), ids.get(&speaker)) else { continue };
            if existing.contains_key(&(self.items[k].tag, self.items[k].start, self.items[k].end))
                && doc.attributed_actor(from).is_some()
            {
                continue;
            }
            relations.push(Relation {
                id: fresh_id(),
                kind: RelationKind::Attribution,
                from: from.clone(),
                to: to.clone(),
                created: Timestamp(0),
            });
        }
        (!annotations.is_empty() || !relations.is_empty()).then(|| Action::AddSuggested {
            doc: doc.id.clone(),
            annotations,
            relations,
            entities,
        })
    }

    /// The suggestions with tag `tag`, with their indices.
    pub fn of(&self, tag: Tag) -> impl Iterator<Item = (usize, &Suggestion)> {
        self.items.iter().enumerate().filter(move |(_, s)| s.tag == tag)
    }

    /// The suggestions as a document over `text` (as the suggester's own answer, to score
    /// or save): annotations `s1`, `s2`, … in text order, the attributions of quotes to
    /// their speakers, and the actors (`e1`, …) their mentions are linked to. Every
    /// suggestion is kept; the confidence and reason are not saved.
    pub fn document(&self, id: &str, title: &str, text: &str, now: Timestamp) -> Document {
        let mut doc = Document::new(id, title, text, now);
        let index = OffsetIndex::new(text);
        doc.annotations = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(k, s)| {
                let (from, to) = (index.cp_to_byte(s.start)?, index.cp_to_byte(s.end)?);
                let quote = anchor::quote_bytes(text, from, to);
                Some(Annotation {
                    id: format!("s{}", k + 1),
                    tag: s.tag,
                    start: s.start,
                    end: s.end,
                    exact: quote.exact,
                    prefix: quote.prefix,
                    suffix: quote.suffix,
                    note: None,
                    details: Details {
                        speech: s.speech,
                        claim_type: s.claim_type,
                        entity: s.actor.map(|a| format!("e{}", a + 1)),
                        ..Details::default()
                    },
                    created: now,
                    updated: now,
                })
            })
            .collect();
        doc.relations = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(k, s)| s.speaker.map(|to| (k, to)))
            .enumerate()
            .map(|(n, (from, to))| Relation {
                id: format!("r{}", n + 1),
                kind: RelationKind::Attribution,
                from: format!("s{}", from + 1),
                to: format!("s{}", to + 1),
                created: now,
            })
            .collect();
        doc.entities = self
            .actors
            .iter()
            .enumerate()
            .map(|(k, a)| Entity { id: format!("e{}", k + 1), name: a.name.clone(), kind: a.kind })
            .collect();
        doc.sort_annotations();
        doc
    }
}

#[cfg(test)]
mod tests;
