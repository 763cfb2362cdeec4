//! Speakers: who says a quote. The subject of the speech verb next to it, a pronoun taken
//! to mean the nearest person named before it, and a role ("the foreign minister") taken
//! to mean the person the article gave that role to.

use super::text::Text;
use super::words::{self, Lexicon};
use crate::model::ActorKind;
use std::collections::{BTreeMap, HashMap};

/// Who a speech verb's subject is, as a range of tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Subject {
    /// Capitalised words, perhaps with a title or role before them: "Foreign Minister Sergey Lavrov".
    Name(usize, usize),
    /// A role or body: "the minister", "a spokeswoman for the club", "police".
    Description(usize, usize),
    /// "he", "she", "they", "I", "we".
    Pronoun(usize),
}

impl Subject {
    pub fn tokens(self) -> (usize, usize) {
        match self {
            Subject::Name(a, b) | Subject::Description(a, b) => (a, b),
            Subject::Pronoun(i) => (i, i + 1),
        }
    }
}

/// A speech verb's subject, as found next to a quote, and the tokens of the attribution.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Said {
    pub subject: Subject,
    /// The tokens of the whole attribution ("said Lavrov", "Lavrov told reporters"), for the reason shown.
    pub from: usize,
    pub to: usize,
}

/// The attribution after a closing quotation mark at token `close`, up to token `limit`
/// (the next opening mark): "…,” said Lavrov", "…,” the minister told reporters", "…,” he said".
pub(crate) fn after(text: &Text, lexicon: &Lexicon, close: usize, limit: usize) -> Option<Said> {
    let end = text.sentence_end(close).min(limit);
    let mut i = close + 1;
    while i < end && matches!(text.mark(i), Some(',' | '—' | '–' | '-')) {
        i += 1;
    }
    if i >= end || !text.is_word(i) {
        return None;
    }
    if lexicon.is_speech_verb(text.lower(i)) {
        let subject = forward(text, i + 1, end)?;
        let to = subject.tokens().1;
        return Some(Said { subject, from: i, to });
    }
    if text.lower(i) == "according" && text.lower(i + 1) == "to" {
        let subject = forward(text, i + 2, end)?;
        return Some(Said { subject, from: i, to: subject.tokens().1 });
    }
    // The subject first: "Ruiz said", "Ruiz, a professor at Leeds, said", "the coach told reporters".
    let verb = (i..end.min(i + 16)).find(|&v| text.is_word(v) && lexicon.is_speech_verb(text.lower(v)))?;
    let chunk_end = (i..verb).find(|&k| text.mark(k).is_some()).unwrap_or(verb);
    if chunk_end < verb && text.mark(chunk_end) != Some(',') {
        return None;
    }
    let subject = backward(text, i, chunk_end)?;
    (subject.tokens().0 == i).then_some(Said { subject, from: i, to: verb + 1 })
}

/// The attribution before an opening quotation mark at token `open`, after token `from`
/// (the end of the quote before it): "Lavrov said: “…", "The minister told reporters, “…".
pub(crate) fn before(text: &Text, lexicon: &Lexicon, open: usize, from: usize) -> Option<Said> {
    let start = text.sentence_start(open).max(from);
    let mut j = open.checked_sub(1)?;
    if matches!(text.mark(j), Some(':' | ',' | '—' | '–')) {
        j = j.checked_sub(1)?;
    }
    if j < start {
        return None;
    }
    // The verb, perhaps followed by whom it was said to and when: "told the BBC on Monday:".
    let verb = (start.max(j.saturating_sub(7))..=j)
        .rev()
        .take_while(|&k| text.is_word(k))
        .find(|&k| lexicon.is_speech_verb(text.lower(k)))?;
    let subject = match verb.checked_sub(1).filter(|&k| k >= start).map(|k| text.mark(k)) {
        // "Ruiz, a professor at Leeds, said:" names the speaker before the aside.
        Some(Some(',')) => before_comma(text, start, verb - 1),
        Some(None) => backward(text, start, verb),
        _ => None,
    }
    .or_else(|| forward(text, verb + 1, j + 1))?;
    Some(Said { subject, from: subject.tokens().0.min(verb), to: j + 1 })
}

/// The speaker of a verb that follows a comma (token `comma`), not before `start`: the
/// name between two commas ("the charity's chair, Diane Hollis, said"), or the subject
/// before an aside ("Ruiz, a professor at Leeds, said"; "Lyle, defending, said").
pub(crate) fn before_comma(text: &Text, start: usize, comma: usize) -> Option<Subject> {
    let previous = (start..comma).rev().find(|&k| text.mark(k) == Some(','));
    if let Some(Subject::Name(a, b)) = backward(text, previous.map_or(start, |p| p + 1), comma) {
        if previous.is_some_and(|p| a == p + 1) && b == comma {
            return Some(Subject::Name(a, b));
        }
    }
    backward(text, start, previous?)
}

/// The speaker named from token `i` on (before `end`), after an inverted verb: "said
/// Lavrov", "said the minister in Geneva", "said a spokeswoman for the club", "said he".
pub(crate) fn forward(text: &Text, i: usize, end: usize) -> Option<Subject> {
    if i >= end || !text.is_word(i) {
        return None;
    }
    let word = text.lower(i);
    if words::PRONOUNS.contains(&word) {
        return Some(Subject::Pronoun(i));
    }
    if text.is_capitalised(i) && !words::is_not_name(word) {
        let to = name_end(text, i, end);
        return Some(Subject::Name(i, to));
    }
    if words::is_determiner(word) || words::is_role(word) {
        let mut to = i + 1;
        let mut last_role = words::is_role(word).then_some(i + 1);
        while to < end && to < i + 9 && text.is_word(to) && !words::ends_speaker(text.lower(to)) {
            if words::is_role(text.lower(to)) || text.is_capitalised(to) {
                last_role = Some(to + 1);
            }
            to += 1;
        }
        return last_role.map(|to| Subject::Description(i, to));
    }
    None
}

/// Where a name starting at token `i` ends: capitalised words, with particles ("von
/// der") and the point of an abbreviated title ("Dr.") inside it.
fn name_end(text: &Text, i: usize, end: usize) -> usize {
    let mut to = i + 1;
    while to < end {
        let word = text.is_capitalised(to) && !words::is_not_name(text.lower(to));
        let title_point = text.mark(to) == Some('.')
            && words::is_honorific(text.lower(to - 1))
            && text.is_capitalised(to - 1)
            && text.is_capitalised(to + 1);
        if word || title_point {
            to += 1;
        } else if words::is_name_particle(text.lower(to)) && text.is_capitalised(to + 1) {
            to += 2;
        } else {
            break;
        }
    }
    to.min(end)
}

/// The speaker named just before token `end` (a verb or a comma), not before `start`:
/// "Lavrov", "Russia's Foreign Minister Sergey Lavrov", "the foreign minister", "a
/// spokeswoman for the club", "police", "she". Words such as "also" and "has" between
/// the subject and the verb are passed over.
pub(crate) fn backward(text: &Text, start: usize, end: usize) -> Option<Subject> {
    subject_before(text, start, end).or_else(|| {
        // "An official who asked not to be named said": the description with its clause.
        let who = (start..end).rev().take(10).find(|&k| ["who", "whose"].contains(&text.lower(k)))?;
        match subject_before(text, start, who)? {
            Subject::Description(a, _) | Subject::Name(a, _) => Some(Subject::Description(a, end)),
            Subject::Pronoun(_) => None,
        }
    })
}

fn subject_before(text: &Text, start: usize, end: usize) -> Option<Subject> {
    let mut j = end.checked_sub(1)?;
    while j > start && words::between_subject_and_verb(text.lower(j)) {
        j -= 1;
    }
    if j < start || !text.is_word(j) {
        return None;
    }
    let word = text.lower(j);
    if words::PRONOUNS.contains(&word) {
        return Some(Subject::Pronoun(j));
    }
    if text.is_capitalised(j) && !words::is_not_name(word) {
        let mut from = j;
        while from > start {
            let k = from - 1;
            let joins = (text.is_capitalised(k) && !words::is_not_name(text.lower(k)))
                || (words::is_name_particle(text.lower(k)) && from - 1 > start && text.is_capitalised(k - 1))
                || (text.mark(k) == Some('.')
                    && k > start
                    && words::is_honorific(text.lower(k - 1))
                    && text.is_capitalised(k - 1));
            if !joins {
                break;
            }
            from = k;
        }
        // "Grace Oduya of the Workers' Federation said": the person, not the body.
        let of = (start..from).rev().take(4).find(|&k| ["of", "at", "from"].contains(&text.lower(k)));
        if let Some(of) = of.filter(|&k| k > start) {
            if let Some(person @ Subject::Name(..)) = subject_before(text, start, of) {
                return Some(person);
            }
        }
        return Some(Subject::Name(from, j + 1));
    }
    if words::is_role(word) {
        // Back to the determiner that opens the description, a few words at most.
        let mut from = j;
        let mut k = j;
        while k > start && j - k < 6 {
            k -= 1;
            if !text.is_word(k) {
                break;
            }
            let w = text.lower(k);
            if words::is_determiner(w) || text.lower(k).ends_with("'s") || text.lower(k).ends_with("’s") {
                from = k;
                // "a spokeswoman for the club": the description goes on before "for".
                if k > start + 1 && ["for", "of", "at"].contains(&text.lower(k - 1)) {
                    continue;
                }
                break;
            }
            if words::PRONOUNS.contains(&w) || words::is_not_name(w) && !words::is_determiner(w) {
                break;
            }
            if words::is_role(w) {
                from = k;
            }
        }
        if from == j && text.is_capitalised(j.wrapping_sub(1)) && j > start {
            // "Kremlin spokesman" or "Foreign Office spokeswoman".
            let mut k = j;
            while k > start && text.is_capitalised(k - 1) && !words::is_not_name(text.lower(k - 1)) {
                k -= 1;
            }
            from = k;
        }
        return Some(Subject::Description(from, j + 1));
    }
    None
}

/// A person or body the article names, with what identifies their later mentions.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub name: String,
    pub kind: ActorKind,
    pub gender: Option<Gender>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Masculine,
    Feminine,
}

/// A mention of a person: its code points and the person, in text order.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub person: usize,
}

/// The people an article names, the mentions of each and the roles it gives them.
#[derive(Default)]
pub(crate) struct People {
    pub people: Vec<Person>,
    /// Named mentions by where they start: those the pre-pass finds before any quote is
    /// read, and the speakers found next to quotes.
    mentions: BTreeMap<usize, Mention>,
    /// For each role word, (code point where the article gave the role, person), in text order.
    roles: HashMap<String, Vec<(usize, usize)>>,
    /// The person of each surname, and of each description, by its words in lower case.
    by_surname: HashMap<String, usize>,
    by_description: HashMap<String, usize>,
}

impl People {
    /// Every person named in `text` outside the `quoted` ranges (code points, sorted):
    /// runs of capitalised words that open with a title or have two words or more (and
    /// are no body: "Supreme Court"), and single surnames of people named before. Roles
    /// are noted where the article says them beside a name: "Foreign Minister Sergey
    /// Lavrov", "Ana Ruiz, the lead author,".
    pub fn find(text: &Text, quoted: &[(usize, usize)]) -> People {
        let mut people = People::default();
        let n = text.tokens.len();
        let mut i = 0;
        while i < n {
            let inside = |cp: usize| {
                let k = quoted.partition_point(|q| q.1 <= cp);
                quoted.get(k).is_some_and(|q| q.0 <= cp)
            };
            if !text.is_capitalised(i) || words::is_not_name(text.lower(i)) || inside(text.tokens[i].start) {
                i += 1;
                continue;
            }
            let to = name_end(text, i, n);
            let (role, name) = split_role(text, i, to);
            let name_words = name.1 - name.0;
            let titled = role.is_some() || words::is_honorific(text.lower(i));
            let is_body =
                (i..to).any(|k| words::BODIES.contains(&text.lower(k)) || words::NOT_PEOPLE.contains(&text.lower(k)));
            let known = people.surname(text.lower(to - 1));
            if !is_body && name.0 < name.1 && (titled || name_words >= 2 || known.is_some()) {
                let person = people.person_named(text, name.0, name.1, i);
                people.add_mention(text.tokens[name.0].start, text.tokens[name.1 - 1].end, person);
                if let Some((a, b)) = role {
                    people.give_roles(text, a, b, person);
                }
                // Lower-case roles just before: "lead author Ana Ruiz".
                let mut k = i;
                while k > 0 && text.is_word(k - 1) && words::is_role(text.lower(k - 1)) {
                    k -= 1;
                }
                people.give_roles(text, k, i, person);
                // A role and a comma before: "City's manager, Sara Lind".
                if i > 1 && text.mark(i - 1) == Some(',') && words::is_role(text.lower(i - 2)) {
                    let mut k = i - 2;
                    while k > 0 && text.is_word(k - 1) && i - k < 6 && !words::is_determiner(text.lower(k - 1)) {
                        k -= 1;
                    }
                    people.give_roles(text, k, i - 1, person);
                }
                // An aside after: "Ana Ruiz, the lead author," or "Ruiz, a professor at Leeds".
                if text.mark(to) == Some(',') && text.is_word(to + 1) && words::is_determiner(text.lower(to + 1)) {
                    let aside_end = (to + 1..n.min(to + 10)).find(|&k| !text.is_word(k)).unwrap_or(n.min(to + 10));
                    people.give_roles(text, to + 1, aside_end, person);
                }
            }
            i = to;
        }
        people
    }

    fn give_roles(&mut self, text: &Text, from: usize, to: usize, person: usize) {
        for k in from..to {
            if words::is_role(text.lower(k)) {
                let given = self.roles.entry(text.lower(k).to_owned()).or_default();
                let at = text.tokens[k].start;
                let i = given.partition_point(|r| r.0 <= at);
                given.insert(i, (at, person));
            }
        }
    }

    fn surname(&self, word: &str) -> Option<usize> {
        self.by_surname.get(word).copied()
    }

    /// The person the name in tokens `from..to` stands for (one named before with the same
    /// surname, or a new one); `title_at` is where a title before the name starts.
    pub fn person_named(&mut self, text: &Text, from: usize, to: usize, title_at: usize) -> usize {
        let surname = text.lower(to - 1).trim_end_matches("'s").trim_end_matches("’s").to_owned();
        let name = text.words(from, to);
        let gender = (title_at..from.max(title_at + 1)).find_map(|k| {
            let w = text.lower(k);
            if words::MASCULINE_TITLES.contains(&w) {
                Some(Gender::Masculine)
            } else if words::FEMININE_TITLES.contains(&w) {
                Some(Gender::Feminine)
            } else {
                None
            }
        });
        if let Some(p) = self.surname(&surname) {
            let person = &mut self.people[p];
            if name.chars().count() > person.name.chars().count() {
                person.name = name;
            }
            person.gender = person.gender.or(gender);
            return p;
        }
        let kind = if (from..to).any(|k| words::BODIES.contains(&text.lower(k))) {
            ActorKind::Organisation
        } else {
            ActorKind::Person
        };
        self.by_surname.insert(surname, self.people.len());
        self.people.push(Person { name, kind, gender });
        self.people.len() - 1
    }

    /// The person a description ("the foreign minister") stands for: the one the article
    /// last gave its role word to before code point `at`, if any.
    pub fn person_in_role(&self, text: &Text, from: usize, to: usize, at: usize) -> Option<usize> {
        let head = (from..to).rev().map(|k| text.lower(k)).find(|w| words::is_role(w))?;
        let given = self.roles.get(head)?;
        let before = given.partition_point(|r| r.0 < at);
        before.checked_sub(1).map(|i| given[i].1)
    }

    /// A person made for a description that names nobody the article introduced; its role
    /// words stand for it from then on ("an official who…" then "the official").
    pub fn person_described(&mut self, text: &Text, from: usize, to: usize) -> usize {
        let person = self.new_described(text, from, to);
        self.give_roles(text, from, to, person);
        person
    }

    fn new_described(&mut self, text: &Text, from: usize, to: usize) -> usize {
        let name = text.words(from, to);
        let lower = name.to_lowercase();
        let kind = if ["a ", "an ", "one "].iter().any(|d| lower.starts_with(d)) || lower.contains("source") {
            ActorKind::Anonymous
        } else if (from..to).any(|k| words::BODIES.contains(&text.lower(k))) {
            ActorKind::Government
        } else {
            ActorKind::Person
        };
        if let Some(&p) = self.by_description.get(&lower) {
            return p;
        }
        self.by_description.insert(lower, self.people.len());
        self.people.push(Person { name, kind, gender: None });
        self.people.len() - 1
    }

    /// Records a mention of `person` at code points `start..end` (the first one found at a place stays).
    pub fn add_mention(&mut self, start: usize, end: usize, person: usize) {
        self.mentions.entry(start).or_insert(Mention { start, end, person });
    }

    /// Whether someone other than `person` is named between code points `from` and `to`.
    pub fn other_named_between(&self, from: usize, to: usize, person: Option<usize>) -> bool {
        self.mentions.range(from..).map(|(_, m)| m).take_while(|m| m.end <= to).any(|m| Some(m.person) != person)
    }

    /// The first mention of each person, by person.
    pub fn first_mentions(&self) -> HashMap<usize, Mention> {
        let mut first = HashMap::new();
        for m in self.mentions.values() {
            first.entry(m.person).or_insert(*m);
        }
        first
    }

    /// The mention a pronoun at code point `at` most likely refers to: the nearest person
    /// named before it, passing over one whose known gender does not fit.
    pub fn antecedent(&self, pronoun: &str, at: usize) -> Option<Mention> {
        let wanted = match pronoun {
            "he" => Some(Gender::Masculine),
            "she" => Some(Gender::Feminine),
            _ => None,
        };
        self.mentions
            .range(..at)
            .rev()
            .map(|(_, m)| m)
            .filter(|m| m.end <= at)
            .take(40)
            .find(|m| {
                let person = &self.people[m.person];
                let fits = match (wanted, person.gender) {
                    (Some(w), Some(g)) => w == g,
                    _ => true,
                };
                fits && (pronoun == "they" || person.kind == ActorKind::Person)
            })
            .copied()
    }

    /// Notes that `person` is referred to by `pronoun`, so that later pronouns of the other
    /// gender pass over them.
    pub fn referred_to_as(&mut self, person: usize, pronoun: &str) {
        let gender = match pronoun {
            "he" => Gender::Masculine,
            "she" => Gender::Feminine,
            _ => return,
        };
        self.people[person].gender.get_or_insert(gender);
    }
}

/// A name with a role before it, split: "Russia's Foreign Minister | Sergey Lavrov". Titles
/// that go with a name (Dr, Mr, Prof) stay in it.
pub(crate) fn split_role(text: &Text, from: usize, to: usize) -> (Option<(usize, usize)>, (usize, usize)) {
    let personal = ["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"];
    let last_role = (from..to).rev().find(|&k| {
        let w = text.lower(k);
        (words::is_role(w) || words::is_honorific(w)) && !personal.contains(&w)
    });
    match last_role {
        Some(k) if k + 1 < to => {
            let mut name_from = k + 1;
            if text.mark(name_from) == Some('.') {
                name_from += 1;
            }
            (Some((from, k + 1)), (name_from, to))
        }
        _ => (None, (from, to)),
    }
}
