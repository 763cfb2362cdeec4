//! Direct quotes: the passages between a pair of quotation marks, in every style news
//! is written in: "straight", “curly”, ‘single’, «guillemets», »reversed«, „low“, 「corner」.

/// A pair of quotation marks: the code points of the opening and the closing mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marks {
    pub open: usize,
    pub close: usize,
    /// 0 for a quote in the running text, 1 for a quote inside one, and so on.
    pub depth: usize,
}

/// How deep quotes may nest before further marks are taken as text: deeper nesting is
/// not written, and the limit keeps the stack small on a text of quotation marks only.
const MAX_DEPTH: usize = 8;

/// An open quotation mark: where, and which marks close it.
struct Open {
    at: usize,
    closers: &'static [char],
}

/// Every balanced pair of quotation marks in `chars`, in the order they close. A mark
/// left open at the end of a paragraph (a line break) is dropped with everything opened
/// after it, so an unbalanced mark never swallows the rest of the article.
pub(crate) fn pairs(chars: &[char]) -> Vec<Marks> {
    let mut found = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            stack.clear();
            continue;
        }
        if !is_quotation_mark(c) {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let after_space = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:".contains(p));
        let before_space = next.is_none_or(|n| n.is_whitespace() || ",.;:!?)]}—–-".contains(n));
        let letter_before = prev.is_some_and(char::is_alphanumeric);
        let letter_after = next.is_some_and(char::is_alphanumeric);
        // An apostrophe inside a word ("don't", "don’t") is no quotation mark.
        if matches!(c, '\'' | '’') && letter_before && letter_after {
            continue;
        }
        // A mark that closes the innermost open quote closes it.
        if let Some(top) = stack.last() {
            let closes = top.closers.contains(&c)
                && match c {
                    // A straight or curly single mark closes only where it cannot be an
                    // apostrophe opening a word ('til) and does not follow a space.
                    '\'' | '’' => !letter_after && !prev.is_some_and(char::is_whitespace),
                    // “ closes „ (German) but elsewhere opens, unless it ends a word.
                    '“' => stack.last().is_some_and(|t| t.closers == LOW_CLOSERS) || !after_space,
                    _ => true,
                };
            if closes {
                let open = stack.pop().expect("there is a top");
                found.push(Marks { open: open.at, close: i, depth: stack.len() });
                continue;
            }
        }
        let closers: Option<&'static [char]> = match c {
            '"' => Some(&['"']),
            '“' => Some(&['”', '“']),
            '„' => Some(LOW_CLOSERS),
            '«' => Some(&['»']),
            '»' if !before_space => Some(&['«']),
            '‹' => Some(&['›']),
            '›' if !before_space => Some(&['‹']),
            '「' => Some(&['」']),
            '『' => Some(&['』']),
            '‘' if !letter_before => Some(&['’']),
            '\'' if after_space && letter_after => Some(&['\'']),
            // Swedish and Finnish open with ” too.
            '”' if after_space && !before_space => Some(&['”']),
            _ => None,
        };
        if let Some(closers) = closers {
            if stack.len() < MAX_DEPTH {
                stack.push(Open { at: i, closers });
            }
        }
    }
    found.sort_by_key(|m| m.open);
    found
}

/// What closes „: “ in German, ” in Polish and other languages.
const LOW_CLOSERS: &[char] = &['“', '”'];

pub(crate) fn is_quotation_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '„' | '‘' | '’' | '«' | '»' | '‹' | '›' | '「' | '」' | '『' | '』')
}

#[cfg(test)]
mod tests {
    use super::pairs;

    fn quoted(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        pairs(&chars).iter().map(|m| chars[m.open..=m.close].iter().collect()).collect()
    }

    #[test]
    fn every_style_of_quotation_mark_pairs_up() {
        let text = "A \"straight\" B “curly” C «guillemets» D „low“ E 「corner」 F »reversed« G ‘single’ H „Polish”";
        assert_eq!(
            quoted(text),
            ["\"straight\"", "“curly”", "«guillemets»", "„low“", "「corner」", "»reversed«", "‘single’", "„Polish”"]
        );
    }

    #[test]
    fn a_quote_inside_a_quote_is_found_with_its_depth() {
        let text = "“She told me ‘never give up’ and I didn’t,” he said.";
        let chars: Vec<char> = text.chars().collect();
        let found = pairs(&chars);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].depth, found[1].depth), (0, 1));
        assert_eq!(quoted(text)[1], "‘never give up’");
    }

    #[test]
    fn an_unclosed_mark_ends_with_its_paragraph() {
        assert_eq!(quoted("He said “this never closes.\n\n“But this does,” she said."), ["“But this does,”"]);
    }

    #[test]
    fn apostrophes_are_not_quotation_marks() {
        assert!(quoted("The players’ union said it won’t strike and it's over").is_empty());
    }
}
