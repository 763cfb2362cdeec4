//! An article from the contents of a text file: plain text and Markdown become a title and paragraphs.
//!
//! HTML files are read by the shell with the browser's inert parser; this module decides
//! which files are articles at all, reads the other two kinds, and checks the result.

use crate::limits;
use crate::time::Timestamp;

/// An article read from a file or pasted in, before it becomes a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    pub title: String,
    pub text: String,
    pub source_url: Option<String>,
    pub byline: Option<String>,
    /// When it was published, as its page gave it.
    pub published: Option<String>,
    /// The site it was published on, as its page gave it.
    pub site_name: Option<String>,
    /// When the page it came from was captured.
    pub captured: Option<Timestamp>,
}

/// The kinds of file that open as articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleFile {
    Plain,
    Markdown,
    Html,
}

impl ArticleFile {
    /// The kind of article file `name` is, by its extension in any case (`.txt`, `.md`,
    /// `.markdown`, `.html`, `.htm`); `None` for any other name, such as an annotation file.
    pub fn of(name: &str) -> Option<ArticleFile> {
        let lower = name.to_ascii_lowercase();
        let is = |extensions: &[&str]| extensions.iter().any(|e| lower.ends_with(e));
        if is(&[".html", ".htm"]) {
            Some(ArticleFile::Html)
        } else if is(&[".md", ".markdown"]) {
            Some(ArticleFile::Markdown)
        } else if is(&[".txt"]) {
            Some(ArticleFile::Plain)
        } else {
            None
        }
    }
}

/// How long a title made from an article's first words may be, in characters.
pub const TITLE_FROM_TEXT_MAX: usize = 80;

/// A title for an article that comes without one: its first line, cut after a whole word
/// (with "…") when it is longer than [`TITLE_FROM_TEXT_MAX`] characters. Whoever uses it
/// says that the title was made up this way, since a first line is often a site's tagline.
pub fn title_from_text(text: &str) -> String {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if first.is_empty() {
        return "Untitled article".to_owned();
    }
    if first.chars().count() <= TITLE_FROM_TEXT_MAX {
        return first.to_owned();
    }
    let cut: String = first.chars().take(TITLE_FROM_TEXT_MAX - 1).collect();
    // Cut at the last space, unless that leaves too little (one very long word).
    let words = match cut.rfind(char::is_whitespace) {
        Some(at) if at >= cut.len() / 2 => &cut[..at],
        _ => &cut,
    };
    format!("{}…", words.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation()))
}

/// The file name without its extension: the title of an article that names none.
pub fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Plain text: a short first line (150 characters at most) followed by a blank line is
/// taken as the title; otherwise the title is `fallback_title` and all of it is text.
pub fn from_plain(contents: &str, fallback_title: &str) -> Article {
    let contents = contents.trim_start_matches('\u{feff}');
    let trimmed = contents.trim_start();
    if let Some((first, rest)) = trimmed.split_once('\n') {
        let first_line = first.trim();
        let rest_starts_blank = rest.trim_start_matches([' ', '\t', '\r']).starts_with('\n');
        if !first_line.is_empty() && first_line.chars().count() <= 150 && rest_starts_blank {
            return Article { title: first_line.to_owned(), text: rest.trim().to_owned(), ..Article::default() };
        }
    }
    Article { title: fallback_title.to_owned(), text: trimmed.trim_end().to_owned(), ..Article::default() }
}

/// Markdown: heading marks and bold markers are dropped, the words kept, then it is read as plain text.
pub fn from_markdown(contents: &str, fallback_title: &str) -> Article {
    let plain = contents
        .lines()
        .map(|line| line.trim_start_matches('#').trim_start_matches(' ').replace("**", "").replace("__", ""))
        .collect::<Vec<_>>()
        .join("\n");
    from_plain(&plain, fallback_title)
}

/// `article`, read from the file `name`, if it can be opened: it must hold some text,
/// and no more than the longest article Newsmark takes. The reason is a sentence.
pub fn checked(name: &str, article: Article) -> Result<Article, String> {
    if article.text.trim().is_empty() {
        return Err(format!("{name} holds no readable text"));
    }
    limits::check_article(&article.text).map_err(|why| format!("{name} was not opened: {why}"))?;
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_from_the_text_is_its_first_line_cut_after_a_whole_word() {
        assert_eq!(
            title_from_text("\n\n  Local news you can trust  \nThe minister resigned."),
            "Local news you can trust"
        );
        let long =
            "The council voted seven to four on Tuesday to stop the night ferry between Eastquay and the islands";
        let title = title_from_text(long);
        assert_eq!(title, "The council voted seven to four on Tuesday to stop the night ferry between…");
        assert!(title.chars().count() <= TITLE_FROM_TEXT_MAX);
        assert_eq!(title_from_text(&"外".repeat(100)).chars().count(), TITLE_FROM_TEXT_MAX);
        assert_eq!(title_from_text(" \n "), "Untitled article");
    }

    #[test]
    fn a_short_first_line_then_a_blank_line_is_the_title() {
        let article = from_plain("\u{feff}Minister resigns\r\n\r\nThe minister resigned.\n\nShe said so.\n", "notes");
        assert_eq!(article.title, "Minister resigns");
        assert_eq!(article.text, "The minister resigned.\n\nShe said so.");
    }

    #[test]
    fn without_a_title_line_the_file_name_is_the_title_and_everything_is_text() {
        let article = from_plain("  The minister resigned.\nShe said so.\n", "notes");
        assert_eq!((article.title.as_str(), article.text.as_str()), ("notes", "The minister resigned.\nShe said so."));

        let long = "x".repeat(151);
        let article = from_plain(&format!("{long}\n\nMore."), "notes");
        assert_eq!(article.title, "notes", "a first line of 151 characters is a paragraph, not a title");
    }

    #[test]
    fn markdown_loses_its_heading_and_bold_marks_but_keeps_the_words() {
        let article = from_markdown("# Minister **resigns**\n\n## Why\n\nShe said __enough__.", "notes");
        assert_eq!(article.title, "Minister resigns");
        assert_eq!(article.text, "Why\n\nShe said enough.");
    }

    #[test]
    fn article_files_are_known_by_their_extension_in_any_case() {
        assert_eq!(ArticleFile::of("story.TXT"), Some(ArticleFile::Plain));
        assert_eq!(ArticleFile::of("story.md"), Some(ArticleFile::Markdown));
        assert_eq!(ArticleFile::of("story.Markdown"), Some(ArticleFile::Markdown));
        assert_eq!(ArticleFile::of("page.htm"), Some(ArticleFile::Html));
        assert_eq!(ArticleFile::of("annotations.json"), None);
        assert_eq!(ArticleFile::of("set.ann"), None);
        assert_eq!(stem("story.final.txt"), "story.final");
        assert_eq!(stem("README"), "README");
    }

    #[test]
    fn an_empty_or_too_long_article_is_refused_with_the_file_name() {
        let empty = from_plain(" \n\n ", "blank");
        assert_eq!(checked("blank.txt", empty), Err("blank.txt holds no readable text".to_owned()));

        let long = Article { text: "a".repeat(limits::MAX_ARTICLE_CHARS + 1), ..Article::default() };
        let why = checked("huge.txt", long).unwrap_err();
        assert!(why.starts_with("huge.txt was not opened: the article has"), "{why}");

        let fine = from_plain("Title\n\nText.", "t");
        assert_eq!(checked("t.txt", fine.clone()), Ok(fine));
    }
}
