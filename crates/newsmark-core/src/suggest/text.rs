//! An article's text as the suggester reads it: characters, words and marks, sentences.
//!
//! Positions are indices into the characters, which are code points, so they are the
//! offsets the rest of Newsmark counts.

use super::words;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and digits, with apostrophes, hyphens and the points and commas of
    /// numbers inside them ("don't", "so-called", "3.5", "1,000").
    Word,
    /// Any other character that is not a space: punctuation, quotation marks, emoji.
    Mark(char),
    /// A line break: paragraphs, and the lines of a pasted article, end here.
    Break,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// The text cut into tokens, with each word in lower case and each token's sentence.
pub(crate) struct Text {
    pub chars: Vec<char>,
    pub tokens: Vec<Token>,
    /// The lower-case form of each word token (empty for the others).
    lower: Vec<Box<str>>,
    /// For each token, the index of the first token of its sentence.
    sentence_start: Vec<usize>,
    /// For each token, the index one past the last token of its sentence.
    sentence_end: Vec<usize>,
}

/// Whether `c` may continue a word after a letter or digit, given the next character.
fn joins(c: char, next: Option<char>, prev: char) -> bool {
    let next_alnum = next.is_some_and(char::is_alphanumeric);
    match c {
        '\'' | '’' | '-' | '‐' => next_alnum,
        '.' | ',' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
        _ => false,
    }
}

impl Text {
    pub fn new(text: &str) -> Text {
        let chars: Vec<char> = text.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\n' {
                tokens.push(Token { start: i, end: i + 1, kind: Kind::Break });
                i += 1;
            } else if c.is_whitespace() {
                i += 1;
            } else if c.is_alphanumeric() {
                let start = i;
                i += 1;
                while i < chars.len() {
                    let c = chars[i];
                    if c.is_alphanumeric() || is_mark_within_word(c) {
                        i += 1;
                    } else if joins(c, chars.get(i + 1).copied(), chars[i - 1]) {
                        i += 2;
                    } else {
                        break;
                    }
                }
                tokens.push(Token { start, end: i, kind: Kind::Word });
            } else {
                tokens.push(Token { start: i, end: i + 1, kind: Kind::Mark(c) });
                i += 1;
            }
        }
        let lower = tokens
            .iter()
            .map(|t| match t.kind {
                Kind::Word => chars[t.start..t.end].iter().flat_map(|c| c.to_lowercase()).collect(),
                _ => Box::from(""),
            })
            .collect();
        let mut text = Text { chars, tokens, lower, sentence_start: Vec::new(), sentence_end: Vec::new() };
        text.find_sentences();
        text
    }

    /// The lower-case form of word token `i` ("" for other tokens and past the end).
    pub fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |w| w)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    pub fn mark(&self, i: usize) -> Option<char> {
        match self.tokens.get(i)?.kind {
            Kind::Mark(c) => Some(c),
            _ => None,
        }
    }

    /// Whether word token `i` starts with a capital letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.is_word(i) && self.chars[self.tokens[i].start].is_uppercase()
    }

    /// The words of token range `from..to` as written, with single spaces.
    pub fn words(&self, from: usize, to: usize) -> String {
        match (self.tokens.get(from), to.checked_sub(1).and_then(|last| self.tokens.get(last))) {
            (Some(a), Some(b)) if from < to => self.chars[a.start..b.end].iter().collect(),
            _ => String::new(),
        }
    }

    /// The index of the first token that starts at or after code point `cp`.
    pub fn token_at(&self, cp: usize) -> usize {
        self.tokens.partition_point(|t| t.start < cp)
    }

    pub fn sentence_start(&self, i: usize) -> usize {
        self.sentence_start.get(i).copied().unwrap_or(self.tokens.len())
    }

    pub fn sentence_end(&self, i: usize) -> usize {
        self.sentence_end.get(i).copied().unwrap_or(self.tokens.len())
    }

    /// Sentences end at a line break, and after `.`, `!` or `?` (and any closing marks
    /// after it) where the next word starts with a capital or a quotation mark opens,
    /// unless the point ends an abbreviation ("Dr.", "U.S.") or an initial ("J. Smith").
    fn find_sentences(&mut self) {
        let n = self.tokens.len();
        let mut ends = vec![false; n];
        for i in 0..n {
            match self.tokens[i].kind {
                Kind::Break => ends[i] = true,
                Kind::Mark('.' | '!' | '?' | '。' | '！' | '？' | '…') => {
                    if self.mark(i) == Some('.') && i > 0 && self.is_word(i - 1) {
                        let before = self.lower(i - 1);
                        let initial = self.tokens[i - 1].end - self.tokens[i - 1].start == 1;
                        if initial || ABBREVIATIONS.contains(&before) || words::is_honorific(before) {
                            continue;
                        }
                    }
                    // The sentence takes the closing marks after its point with it. A mark
                    // touching the word after it opens a quote instead („…“ and ”…” use
                    // the same marks as closers).
                    let mut last = i;
                    while self.mark(last + 1).is_some_and(|c| CLOSERS.contains(&c))
                        && self.tokens.get(last + 2).is_none_or(|t| t.start != self.tokens[last + 1].end)
                    {
                        last += 1;
                    }
                    let next = last + 1;
                    let opens = match self.tokens.get(next) {
                        None => true,
                        Some(t) => match t.kind {
                            Kind::Break => true,
                            Kind::Word => self.chars[t.start].is_uppercase() || !self.chars[t.start].is_alphabetic(),
                            Kind::Mark(c) => !matches!(c, ',' | ';' | ':' | '.' | '!' | '?'),
                        },
                    };
                    if opens {
                        ends[last] = true;
                    }
                }
                _ => {}
            }
        }
        self.sentence_start = Vec::with_capacity(n);
        let mut start = 0;
        for (i, &end) in ends.iter().enumerate() {
            self.sentence_start.push(start);
            if end {
                start = i + 1;
            }
        }
        self.sentence_end = vec![n; n];
        let mut end = n;
        for i in (0..n).rev() {
            if ends[i] {
                end = i + 1;
            }
            self.sentence_end[i] = end;
        }
    }
}

/// Marks that may follow a sentence's final point: closing quotation marks and brackets.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', '«', '“', '」', '』', ')', ']', '›'];

const ABBREVIATIONS: &[&str] =
    &["st", "mt", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "jr", "sr", "inc", "ltd", "co", "approx", "fig"];

/// Combining marks and joiners stay with the letter before them.
fn is_mark_within_word(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{200c}' | '\u{200d}' | '\u{64b}'..='\u{65f}')
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn numbers_contractions_and_hyphenated_words_are_single_words() {
        let text = Text::new("Don't say 3.5% or 1,000 so-called “experts”.");
        let words: Vec<String> =
            (0..text.tokens.len()).filter(|&i| text.is_word(i)).map(|i| text.words(i, i + 1)).collect();
        assert_eq!(words, ["Don't", "say", "3.5", "or", "1,000", "so-called", "experts"]);
    }

    #[test]
    fn a_sentence_goes_on_past_dr_and_initials_and_ends_before_a_capital() {
        let text = Text::new("Dr. J. Smith spoke. Then she left.");
        let then = (0..text.tokens.len()).find(|&i| text.lower(i) == "then").unwrap();
        assert_eq!(text.sentence_start(then - 1), 0);
        assert_eq!(text.sentence_start(then), then);
    }
}
