//! The search box: finding typed words in an article and its annotations, whatever their case.
//!
//! Both sides are compared after Unicode's full default case folding (the `caseless`
//! crate), so "ΟΔΟΣ" finds "οδος" (whose last letter is the final sigma), "STRASSE" finds
//! "Straße", and a word with a capital "İ" finds itself. Folding can change how many code
//! points a character takes ("ß" folds to "ss", "İ" to "i" and a combining dot), so a
//! hit is counted in code points of the original text, never of its folded form, and only
//! whole characters of the original are ever found: "s" alone does not find half of "ß".

use crate::model::Annotation;
use caseless::Caseless;

/// A search as typed: trimmed and case-folded once, then looked for in many texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    folded: Vec<char>,
}

impl Query {
    /// The search for `typed`, ignoring spaces around it.
    pub fn new(typed: &str) -> Query {
        Query { folded: typed.trim().chars().default_case_fold().collect() }
    }

    /// Whether nothing (or only spaces) was typed: such a search finds everything and marks nothing.
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// Every place `text` holds the query, left to right and not overlapping, as code
    /// point ranges of `text` itself. An empty query marks nothing.
    pub fn hits(&self, text: &str) -> Vec<(usize, usize)> {
        let folded = Folded::new(text);
        let mut hits = Vec::new();
        let mut from = 0;
        while let Some(at) = folded.find(&self.folded, from) {
            hits.push(folded.original(at, self.folded.len()));
            from = at + self.folded.len();
        }
        hits
    }

    /// Whether `text` holds the query; an empty query is found everywhere.
    pub fn found_in(&self, text: &str) -> bool {
        self.is_empty() || Folded::new(text).find(&self.folded, 0).is_some()
    }

    /// Whether an annotation is one the search asks for: its words, its note or the name
    /// of its speaker (`speaker`) hold the query.
    pub fn matches(&self, annotation: &Annotation, speaker: Option<&str>) -> bool {
        self.is_empty()
            || self.found_in(&annotation.exact)
            || annotation.note.as_deref().is_some_and(|n| self.found_in(n))
            || speaker.is_some_and(|s| self.found_in(s))
    }
}

/// A text case-folded, remembering which code point of the original each folded
/// character came from.
struct Folded {
    chars: Vec<char>,
    /// For each folded character, the code point offset of the original character it is part of.
    origin: Vec<usize>,
}

impl Folded {
    fn new(text: &str) -> Folded {
        let mut chars = Vec::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, c) in text.chars().enumerate() {
            for f in std::iter::once(c).default_case_fold() {
                chars.push(f);
                origin.push(at);
            }
        }
        Folded { chars, origin }
    }

    /// Whether a folded character is the first (or the last) of the folding of its original character.
    fn starts_a_character(&self, i: usize) -> bool {
        i == 0 || i == self.chars.len() || self.origin[i] != self.origin[i - 1]
    }

    /// Where `needle` first occurs at or after `from`, covering whole original characters.
    fn find(&self, needle: &[char], from: usize) -> Option<usize> {
        if needle.is_empty() || needle.len() > self.chars.len() {
            return None;
        }
        (from..=self.chars.len() - needle.len()).find(|&i| {
            self.chars[i..i + needle.len()] == *needle
                && self.starts_a_character(i)
                && self.starts_a_character(i + needle.len())
        })
    }

    /// The code points of the original text that the `len` folded characters at `at` came from.
    fn original(&self, at: usize, len: usize) -> (usize, usize) {
        (self.origin[at], self.origin[at + len - 1] + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offsets;

    /// The text of each hit, so a test reads as what the person sees marked.
    fn marked(text: &str, typed: &str) -> Vec<String> {
        Query::new(typed)
            .hits(text)
            .into_iter()
            .map(|(start, end)| offsets::slice(text, start, end).expect("hits lie inside the text").to_owned())
            .collect()
    }

    #[test]
    fn finds_words_whatever_their_case_and_marks_each_one() {
        let text = "The Minister said the minister would resign. MINISTERS disagreed.";
        assert_eq!(marked(text, "minister"), ["Minister", "minister", "MINISTER"]);
        assert_eq!(Query::new("  minister ").hits(text), [(4, 12), (22, 30), (45, 53)]);
    }

    #[test]
    fn an_empty_search_marks_nothing_and_lets_every_annotation_through() {
        let query = Query::new("   ");
        assert!(query.is_empty());
        assert!(query.hits("anything").is_empty());
        assert!(query.found_in("anything"));
    }

    #[test]
    fn a_greek_word_ending_in_capital_sigma_finds_itself_and_its_final_sigma_form() {
        // Lower-casing "ΟΔΟΣ" alone gives "οδοσ", which never matched the final sigma of "οδος".
        let text = "ΟΔΟΣ Ερμού, η οδος της αγοράς.";
        assert_eq!(marked(text, "ΟΔΟΣ"), ["ΟΔΟΣ", "οδος"]);
        assert_eq!(marked(text, "οδος"), ["ΟΔΟΣ", "οδος"]);
    }

    #[test]
    fn turkish_capital_dotted_i_finds_itself_and_later_offsets_stay_in_code_points() {
        // "İ" folds to two code points; the hits after it must still count one for it.
        let text = "İstanbul ve İzmir: İSTANBUL büyüyor.";
        assert_eq!(marked(text, "İstanbul"), ["İstanbul", "İSTANBUL"]);
        // Unicode's default folding keeps the dot of "İ" (Turkish rules would not): "izmir" is another word.
        assert_eq!(Query::new("izmir").hits(text), []);
        assert_eq!(Query::new("zmir").hits(text), [(13, 17)]);
        assert_eq!(marked(text, "büyüyor"), ["büyüyor"]);
    }

    #[test]
    fn german_sharp_s_matches_double_s_but_never_half_of_it() {
        let text = "Die Straße heißt STRASSE.";
        assert_eq!(marked(text, "strasse"), ["Straße", "STRASSE"]);
        assert_eq!(marked(text, "Straße"), ["Straße", "STRASSE"]);
        // "heiß" is four code points of the text, though it folds to five.
        assert_eq!(Query::new("heiss").hits(text), [(11, 15)]);
        // Only whole characters are marked: one "s" is not half of "ß".
        assert_eq!(marked(text, "stras"), ["STRAS"]);
    }

    #[test]
    fn emoji_and_cjk_are_found_at_their_code_points() {
        let text = "👍🏽 好消息：部长说好消息 👍🏽";
        assert_eq!(Query::new("好消息").hits(text), [(3, 6), (10, 13)]);
        assert_eq!(Query::new("👍🏽").hits(text), [(0, 2), (14, 16)]);
    }

    #[test]
    fn hits_do_not_overlap() {
        assert_eq!(Query::new("aa").hits("aaaaa"), [(0, 2), (2, 4)]);
    }

    #[test]
    fn an_annotation_matches_by_its_words_its_note_or_its_speaker() {
        let (text, spans) = crate::markup::parse("The [quote:ΟΔΟΣ is closed], she said.");
        let (tag, start, end) = spans[0];
        let now = crate::Timestamp(0);
        let mut ws = crate::Workspace::default();
        ws.apply(crate::Action::AddDocument(crate::Document::new("d", "Street", text, now)), now).unwrap();
        ws.apply(crate::Action::AddAnnotation { doc: "d".into(), id: "q".into(), tag, start, end }, now).unwrap();
        let quote = ws.document("d").unwrap().annotation("q").unwrap().clone();

        assert!(Query::new("οδος").matches(&quote, None));
        assert!(Query::new("").matches(&quote, None));
        assert!(!Query::new("jonas").matches(&quote, None));
        assert!(Query::new("jonas").matches(&quote, Some("Jonas Haddad")));
        let noted = Annotation { note: Some("Checked with the city: STRASSE".into()), ..quote };
        assert!(Query::new("straße").matches(&noted, None));
    }
}
