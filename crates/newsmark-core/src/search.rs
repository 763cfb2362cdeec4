//! The search box: finding typed words in an article and its annotations, whatever their case.
//!
//! Both sides are compared after Unicode's full default case folding, so "ΟΔΟΣ" finds
//! "οδος" (whose last letter is the final sigma), "STRASSE" finds "Straße", and a word
//! with a capital "İ" finds itself. Folding can change how many code points a character
//! takes ("ß" folds to "ss", "İ" to "i" and a combining dot), so a hit is counted in code
//! points of the original text, never of its folded form, and only whole characters of
//! the original are ever found: "s" alone does not find half of "ß".
//!
//! The folding is Rust's own lower case (`char::to_lowercase`, whose tables the app
//! carries anyway) corrected where Unicode folds otherwise: the characters in
//! [`FOLDINGS_UNLIKE_LOWER_CASE`] and Cherokee, which folds to its capitals. A test
//! checks every code point against the `caseless` crate's full table.

use crate::model::Annotation;

/// A search as typed: trimmed and case-folded once, then looked for in many texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    folded: Vec<char>,
}

impl Query {
    /// The search for `typed`, ignoring spaces around it.
    pub fn new(typed: &str) -> Query {
        let mut folded = Vec::new();
        typed.trim().chars().for_each(|c| fold(c, |f| folded.push(f)));
        Query { folded }
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

/// Hands `f` Unicode's full default case folding of `c`, one character at a time.
fn fold(c: char, f: impl FnMut(char)) {
    if let Ok(i) = FOLDINGS_UNLIKE_LOWER_CASE.binary_search_by_key(&c, |&(from, _)| from) {
        FOLDINGS_UNLIKE_LOWER_CASE[i].1.chars().for_each(f);
    } else if let Some(capital) = cherokee_capital(c) {
        [capital].into_iter().for_each(f);
    } else {
        c.to_lowercase().for_each(f);
    }
}

/// The capital a Cherokee letter folds to. Unicode encoded Cherokee's capitals first and
/// gave it small letters later, so its folding goes to the capitals, against the lower case.
fn cherokee_capital(c: char) -> Option<char> {
    let capital = match u32::from(c) {
        0x13A0..=0x13F5 => u32::from(c),
        0x13F8..=0x13FD => u32::from(c) - 0x8,
        0xAB70..=0xABBF => u32::from(c) - 0xAB70 + 0x13A0,
        _ => return None,
    };
    char::from_u32(capital)
}

/// The characters, Cherokee apart, whose full case folding (Unicode's CaseFolding.txt,
/// statuses C and F) is not their lower case, in code point order: letters that fold to
/// several (German "ß" to "ss", ligatures, Greek with a subscript iota) and variant forms
/// that lower case leaves alone (the micro sign, the long "s", Greek final sigma).
const FOLDINGS_UNLIKE_LOWER_CASE: &[(char, &str)] = &[
    ('\u{B5}', "\u{3BC}"),
    ('\u{DF}', "ss"),
    ('\u{149}', "\u{2BC}n"),
    ('\u{17F}', "s"),
    ('\u{1F0}', "j\u{30C}"),
    ('\u{345}', "\u{3B9}"),
    ('\u{390}', "\u{3B9}\u{308}\u{301}"),
    ('\u{3B0}', "\u{3C5}\u{308}\u{301}"),
    ('\u{3C2}', "\u{3C3}"),
    ('\u{3D0}', "\u{3B2}"),
    ('\u{3D1}', "\u{3B8}"),
    ('\u{3D5}', "\u{3C6}"),
    ('\u{3D6}', "\u{3C0}"),
    ('\u{3F0}', "\u{3BA}"),
    ('\u{3F1}', "\u{3C1}"),
    ('\u{3F5}', "\u{3B5}"),
    ('\u{587}', "\u{565}\u{582}"),
    ('\u{1C80}', "\u{432}"),
    ('\u{1C81}', "\u{434}"),
    ('\u{1C82}', "\u{43E}"),
    ('\u{1C83}', "\u{441}"),
    ('\u{1C84}', "\u{442}"),
    ('\u{1C85}', "\u{442}"),
    ('\u{1C86}', "\u{44A}"),
    ('\u{1C87}', "\u{463}"),
    ('\u{1C88}', "\u{A64B}"),
    ('\u{1E96}', "h\u{331}"),
    ('\u{1E97}', "t\u{308}"),
    ('\u{1E98}', "w\u{30A}"),
    ('\u{1E99}', "y\u{30A}"),
    ('\u{1E9A}', "a\u{2BE}"),
    ('\u{1E9B}', "\u{1E61}"),
    ('\u{1E9E}', "ss"),
    ('\u{1F50}', "\u{3C5}\u{313}"),
    ('\u{1F52}', "\u{3C5}\u{313}\u{300}"),
    ('\u{1F54}', "\u{3C5}\u{313}\u{301}"),
    ('\u{1F56}', "\u{3C5}\u{313}\u{342}"),
    ('\u{1F80}', "\u{1F00}\u{3B9}"),
    ('\u{1F81}', "\u{1F01}\u{3B9}"),
    ('\u{1F82}', "\u{1F02}\u{3B9}"),
    ('\u{1F83}', "\u{1F03}\u{3B9}"),
    ('\u{1F84}', "\u{1F04}\u{3B9}"),
    ('\u{1F85}', "\u{1F05}\u{3B9}"),
    ('\u{1F86}', "\u{1F06}\u{3B9}"),
    ('\u{1F87}', "\u{1F07}\u{3B9}"),
    ('\u{1F88}', "\u{1F00}\u{3B9}"),
    ('\u{1F89}', "\u{1F01}\u{3B9}"),
    ('\u{1F8A}', "\u{1F02}\u{3B9}"),
    ('\u{1F8B}', "\u{1F03}\u{3B9}"),
    ('\u{1F8C}', "\u{1F04}\u{3B9}"),
    ('\u{1F8D}', "\u{1F05}\u{3B9}"),
    ('\u{1F8E}', "\u{1F06}\u{3B9}"),
    ('\u{1F8F}', "\u{1F07}\u{3B9}"),
    ('\u{1F90}', "\u{1F20}\u{3B9}"),
    ('\u{1F91}', "\u{1F21}\u{3B9}"),
    ('\u{1F92}', "\u{1F22}\u{3B9}"),
    ('\u{1F93}', "\u{1F23}\u{3B9}"),
    ('\u{1F94}', "\u{1F24}\u{3B9}"),
    ('\u{1F95}', "\u{1F25}\u{3B9}"),
    ('\u{1F96}', "\u{1F26}\u{3B9}"),
    ('\u{1F97}', "\u{1F27}\u{3B9}"),
    ('\u{1F98}', "\u{1F20}\u{3B9}"),
    ('\u{1F99}', "\u{1F21}\u{3B9}"),
    ('\u{1F9A}', "\u{1F22}\u{3B9}"),
    ('\u{1F9B}', "\u{1F23}\u{3B9}"),
    ('\u{1F9C}', "\u{1F24}\u{3B9}"),
    ('\u{1F9D}', "\u{1F25}\u{3B9}"),
    ('\u{1F9E}', "\u{1F26}\u{3B9}"),
    ('\u{1F9F}', "\u{1F27}\u{3B9}"),
    ('\u{1FA0}', "\u{1F60}\u{3B9}"),
    ('\u{1FA1}', "\u{1F61}\u{3B9}"),
    ('\u{1FA2}', "\u{1F62}\u{3B9}"),
    ('\u{1FA3}', "\u{1F63}\u{3B9}"),
    ('\u{1FA4}', "\u{1F64}\u{3B9}"),
    ('\u{1FA5}', "\u{1F65}\u{3B9}"),
    ('\u{1FA6}', "\u{1F66}\u{3B9}"),
    ('\u{1FA7}', "\u{1F67}\u{3B9}"),
    ('\u{1FA8}', "\u{1F60}\u{3B9}"),
    ('\u{1FA9}', "\u{1F61}\u{3B9}"),
    ('\u{1FAA}', "\u{1F62}\u{3B9}"),
    ('\u{1FAB}', "\u{1F63}\u{3B9}"),
    ('\u{1FAC}', "\u{1F64}\u{3B9}"),
    ('\u{1FAD}', "\u{1F65}\u{3B9}"),
    ('\u{1FAE}', "\u{1F66}\u{3B9}"),
    ('\u{1FAF}', "\u{1F67}\u{3B9}"),
    ('\u{1FB2}', "\u{1F70}\u{3B9}"),
    ('\u{1FB3}', "\u{3B1}\u{3B9}"),
    ('\u{1FB4}', "\u{3AC}\u{3B9}"),
    ('\u{1FB6}', "\u{3B1}\u{342}"),
    ('\u{1FB7}', "\u{3B1}\u{342}\u{3B9}"),
    ('\u{1FBC}', "\u{3B1}\u{3B9}"),
    ('\u{1FBE}', "\u{3B9}"),
    ('\u{1FC2}', "\u{1F74}\u{3B9}"),
    ('\u{1FC3}', "\u{3B7}\u{3B9}"),
    ('\u{1FC4}', "\u{3AE}\u{3B9}"),
    ('\u{1FC6}', "\u{3B7}\u{342}"),
    ('\u{1FC7}', "\u{3B7}\u{342}\u{3B9}"),
    ('\u{1FCC}', "\u{3B7}\u{3B9}"),
    ('\u{1FD2}', "\u{3B9}\u{308}\u{300}"),
    ('\u{1FD3}', "\u{3B9}\u{308}\u{301}"),
    ('\u{1FD6}', "\u{3B9}\u{342}"),
    ('\u{1FD7}', "\u{3B9}\u{308}\u{342}"),
    ('\u{1FE2}', "\u{3C5}\u{308}\u{300}"),
    ('\u{1FE3}', "\u{3C5}\u{308}\u{301}"),
    ('\u{1FE4}', "\u{3C1}\u{313}"),
    ('\u{1FE6}', "\u{3C5}\u{342}"),
    ('\u{1FE7}', "\u{3C5}\u{308}\u{342}"),
    ('\u{1FF2}', "\u{1F7C}\u{3B9}"),
    ('\u{1FF3}', "\u{3C9}\u{3B9}"),
    ('\u{1FF4}', "\u{3CE}\u{3B9}"),
    ('\u{1FF6}', "\u{3C9}\u{342}"),
    ('\u{1FF7}', "\u{3C9}\u{342}\u{3B9}"),
    ('\u{1FFC}', "\u{3C9}\u{3B9}"),
    ('\u{FB00}', "ff"),
    ('\u{FB01}', "fi"),
    ('\u{FB02}', "fl"),
    ('\u{FB03}', "ffi"),
    ('\u{FB04}', "ffl"),
    ('\u{FB05}', "st"),
    ('\u{FB06}', "st"),
    ('\u{FB13}', "\u{574}\u{576}"),
    ('\u{FB14}', "\u{574}\u{565}"),
    ('\u{FB15}', "\u{574}\u{56B}"),
    ('\u{FB16}', "\u{57E}\u{576}"),
    ('\u{FB17}', "\u{574}\u{56D}"),
];

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
            fold(c, |f| {
                chars.push(f);
                origin.push(at);
            });
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

    #[test]
    fn every_character_folds_as_unicode_full_case_folding_says() {
        use caseless::Caseless;
        // The case pairs Unicode 17 added (Rust's lower case knows them; `caseless` 0.2.2
        // follows Unicode 16, where they fold to themselves) fold to their small letters.
        let new_in_unicode_17 = |c: char| matches!(u32::from(c), 0xA7CE | 0xA7D2 | 0xA7D4 | 0x16EA0..=0x16EB8);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut folded = String::new();
            fold(c, |f| folded.push(f));
            let unicode: String = if new_in_unicode_17(c) {
                c.to_lowercase().collect()
            } else {
                std::iter::once(c).default_case_fold().collect()
            };
            assert_eq!(folded, unicode, "U+{:04X} {c}", u32::from(c));
        }
    }
}
