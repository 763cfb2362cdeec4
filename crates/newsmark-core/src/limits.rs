//! The largest inputs Newsmark accepts. Above these, the person gets a message saying
//! so instead of a tab that freezes while it lays out a book-length page.
//!
//! The article limit is about 160,000 words of English, well above a long report or a
//! court transcript (the benchmark's 100,000-word document is about 620,000 characters).
//!
//! These are the only limits, and every way in applies them: `newsmark check` and
//! `convert`, every importer (`formats`), saved files (`schema::load`), and the app's
//! library and file dialogs. What Newsmark writes is held to them too, so that it can
//! always be read back.

use crate::model::Document;
use crate::offsets;

/// The most characters (Unicode code points) an article may have.
pub const MAX_ARTICLE_CHARS: usize = 1_000_000;

/// The largest article file (.txt, .md, .html) that is read at all. HTML carries markup
/// besides the text, hence the room above [`MAX_ARTICLE_CHARS`].
pub const MAX_ARTICLE_FILE_BYTES: usize = 20 * 1024 * 1024;

/// The largest file read as annotations or as Newsmark JSON (also the limit on what the
/// files in a brat .zip hold together once unpacked).
pub const MAX_IMPORT_BYTES: usize = 50 * 1024 * 1024;

/// The most annotations one document may have (placed and orphaned together), and the
/// most attributions. Ten times the benchmark's 5,000, which is already one every 20
/// words of a 100,000-word article: a person marks far fewer. What a span costs in memory
/// does not depend on how short it is in a file (its text and 32 characters of context on
/// either side are kept), so without a cap a small file of one-character spans takes
/// gigabytes.
pub const MAX_ANNOTATIONS: usize = 50_000;

/// Refuses a captured web page larger than [`MAX_ARTICLE_FILE_BYTES`] before it is
/// parsed: the same limit as an `.html` file, whichever way the page arrives.
pub fn check_page_size(bytes: usize) -> Result<(), String> {
    let limit = MAX_ARTICLE_FILE_BYTES as u64;
    let bytes = bytes as u64;
    if bytes <= limit {
        return Ok(());
    }
    Err(format!("the page is {}; Newsmark reads pages of up to {}", size(bytes, limit), size(limit, bytes)))
}

/// Refuses a file larger than [`MAX_IMPORT_BYTES`], with both sizes in figures that differ.
pub fn check_file_size(bytes: u64) -> Result<(), String> {
    let limit = MAX_IMPORT_BYTES as u64;
    if bytes <= limit {
        return Ok(());
    }
    Err(format!("the file is {}; Newsmark reads files of up to {}", size(bytes, limit), size(limit, bytes)))
}

/// A size in megabytes to one decimal ("50.3 MB", "328 MB"), with the bytes as well when
/// it would read the same as `other` ("50 MB (52,428,801 bytes)").
pub fn size(bytes: u64, other: u64) -> String {
    let tenths = |n: u64| (n as f64 / 104_857.6).round() as u64;
    let t = tenths(bytes);
    let mb = if t % 10 == 0 { format!("{} MB", t / 10) } else { format!("{}.{} MB", t / 10, t % 10) };
    if t == tenths(other) {
        format!("{mb} ({} bytes)", grouped(bytes as usize))
    } else {
        mb
    }
}

/// Refuses more than [`MAX_ANNOTATIONS`] annotations in one document. `what` names them:
/// "annotations", "attributions".
pub fn check_annotations(count: usize, what: &str) -> Result<(), String> {
    if count <= MAX_ANNOTATIONS {
        return Ok(());
    }
    Err(too_many(what))
}

/// The sentence for a document with more than [`MAX_ANNOTATIONS`] of `what`, for readers
/// that stop counting at the first one over.
pub fn too_many(what: &str) -> String {
    format!(
        "the document has more than {} {what}; Newsmark takes up to {} a document",
        grouped(MAX_ANNOTATIONS),
        grouped(MAX_ANNOTATIONS)
    )
}

/// Refuses a document over any limit: its article, its annotations (placed and orphaned)
/// or its attributions.
pub fn check_document(doc: &Document) -> Result<(), String> {
    check_article(&doc.text)?;
    check_annotations(doc.annotations.len() + doc.orphans.len(), "annotations")?;
    check_annotations(doc.relations.len(), "attributions")
}

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

    #[test]
    fn a_file_just_over_the_limit_shows_sizes_that_differ() {
        assert_eq!(check_file_size(MAX_IMPORT_BYTES as u64), Ok(()));
        assert_eq!(
            check_file_size(MAX_IMPORT_BYTES as u64 + 1),
            Err("the file is 50 MB (52,428,801 bytes); Newsmark reads files of up to 50 MB (52,428,800 bytes)".into())
        );
        assert_eq!(
            check_file_size(MAX_IMPORT_BYTES as u64 + 40_000),
            Err("the file is 50 MB (52,468,800 bytes); Newsmark reads files of up to 50 MB (52,428,800 bytes)".into())
        );
        assert_eq!(check_file_size(343_932_928), Err("the file is 328 MB; Newsmark reads files of up to 50 MB".into()));
        assert_eq!(check_file_size(52_743_168), Err("the file is 50.3 MB; Newsmark reads files of up to 50 MB".into()));
    }

    #[test]
    fn annotations_up_to_the_cap_pass_and_more_are_refused() {
        assert_eq!(check_annotations(MAX_ANNOTATIONS, "annotations"), Ok(()));
        assert_eq!(
            check_annotations(MAX_ANNOTATIONS + 1, "annotations"),
            Err("the document has more than 50,000 annotations; Newsmark takes up to 50,000 a document".into())
        );
    }
}
