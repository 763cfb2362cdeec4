//! A compact markup for tests: `"The [claim:minister [actor:said]] it"` stands for the
//! text `"The minister said it"` with a claim over "minister said" and an actor over "said".

use crate::model::Tag;

/// The plain text and the `(tag, start, end)` spans, in code points, in order of their opening bracket.
pub fn parse(markup: &str) -> (String, Vec<(Tag, usize, usize)>) {
    let mut text = String::new();
    let mut len = 0;
    let mut open: Vec<(usize, Tag, usize)> = Vec::new();
    let mut spans: Vec<(Tag, usize, usize)> = Vec::new();
    let mut chars = markup.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' => {
                let name: String = chars.by_ref().take_while(|&c| c != ':').collect();
                let tag = Tag::parse(&name).unwrap_or_else(|| panic!("unknown tag {name} in test markup"));
                open.push((spans.len(), tag, len));
                spans.push((tag, len, len));
            }
            ']' => {
                let (slot, tag, start) = open.pop().expect("unbalanced ] in test markup");
                spans[slot] = (tag, start, len);
            }
            _ => {
                text.push(c);
                len += 1;
            }
        }
    }
    assert!(open.is_empty(), "unclosed [ in test markup");
    (text, spans)
}
