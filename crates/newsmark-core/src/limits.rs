//! The largest inputs Newsmark accepts. Above these, the person gets a message saying
//! so instead of a tab that freezes while it lays out a book-length page.
//!
//! The article limit is about 160,000 words of English, well above a long report or a
//! court transcript (the benchmark's 100,000-word document is about 620,000 characters).

use crate::offsets;

/// The most characters (Unicode code points) an article may have.
pub const MAX_ARTICLE_CHARS: usize = 1_000_000;

/// The largest article file (.txt, .md, .html) that is read at all. HTML carries markup
/// besides the text, hence the room above [`MAX_ARTICLE_CHARS`].
pub const MAX_ARTICLE_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Refuses a text longer than [`MAX_ARTICLE_CHARS`], with a sentence that says by how much.
pub fn check_article(text: &str) -> Result<(), String> {
    // Bytes bound code points from above: most texts are let through without counting.
    if text.len() <= MAX_ARTICLE_CHARS {
        return Ok(());
    }
    let chars = offsets::cp_len(text);
    if chars <= MAX_ARTICLE_CHARS {
        return Ok(());
    }
    Err(format!(
        "the article has {} characters; Newsmark takes articles of up to {} characters (about {} words)",
        grouped(chars),
        grouped(MAX_ARTICLE_CHARS),
        grouped(MAX_ARTICLE_CHARS / 6)
    ))
}

/// A count as people write it in English: 1234567 → "1,234,567".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_up_to_the_limit_pass_and_longer_ones_are_refused_with_their_size() {
        assert_eq!(check_article(&"a".repeat(MAX_ARTICLE_CHARS)), Ok(()));
        // Three bytes a character: over the limit in bytes, under it in characters.
        assert_eq!(check_article(&"港".repeat(MAX_ARTICLE_CHARS)), Ok(()));
        assert_eq!(
            check_article(&"港".repeat(MAX_ARTICLE_CHARS + 1)),
            Err("the article has 1,000,001 characters; Newsmark takes articles of up to 1,000,000 characters (about 166,666 words)".into())
        );
    }
}
