//! Turning an opened file into an article: a title and plain text with paragraphs.
//!
//! Plain text and Markdown are read by the core (`newsmark_core::article_text`). HTML goes
//! through the core's extraction like every web page (`crate::capture`): readability's
//! article, or, where it is unsure the page is an article, a choice between that and the
//! page's whole text. The HTML is only parsed: its scripts never run, nothing of its
//! markup reaches the page.

use crate::capture::{self, Reading};
use newsmark_core::article_text::{self, Article, ArticleFile};

/// What an opened file gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Opened {
    /// An article, ready to add.
    Article(Article),
    /// A web page, read by the extraction: added at once when it is surely an article and
    /// not in the library already, otherwise the person chooses (`CaptureDialog`).
    Page(Box<Reading>),
}

/// Reads `contents` of the file `name` (by its extension: `.html`/`.htm`, `.md`, anything else as plain text).
pub async fn read(name: &str, contents: String) -> Result<Opened, String> {
    let stem = article_text::stem(name);
    let article = match ArticleFile::of(name).unwrap_or(ArticleFile::Plain) {
        ArticleFile::Html => {
            return capture::read(name.to_owned(), contents, None, None).await.map(|r| Opened::Page(Box::new(r)))
        }
        ArticleFile::Markdown => article_text::from_markdown(&contents, stem),
        ArticleFile::Plain => article_text::from_plain(&contents, stem),
    };
    article_text::checked(name, article).map(Opened::Article)
}

/// Reads a chosen or dropped file as an article, refusing files too large to be one
/// before reading them.
pub async fn open(file: &gloo::file::File) -> Result<Opened, String> {
    let name = file.name();
    let limit = newsmark_core::limits::MAX_ARTICLE_FILE_BYTES;
    if file.size() as usize > limit {
        return Err(format!(
            "{name} is {:.1} MB; Newsmark opens article files of up to {} MB",
            file.size() as f64 / 1_048_576.0,
            limit / 1_048_576
        ));
    }
    let contents =
        gloo::file::futures::read_as_text(file).await.map_err(|e| format!("{name} could not be read ({e})"))?;
    read(&name, contents).await
}
