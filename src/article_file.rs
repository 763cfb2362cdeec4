//! Turning an opened file into an article: a title and plain text with paragraphs.
//!
//! Plain text and Markdown are read by the core (`newsmark_core::article_text`); HTML is
//! read here, because it needs the browser.
//!
//! HTML goes through the browser's own HTML parser (`DOMParser`), which builds an inert
//! document: its scripts never run and its images never load. Only the text of headings,
//! paragraphs, list items, quotations and preformatted blocks is kept; nothing of the
//! markup reaches the page.

use newsmark_core::article_text::{self, Article, ArticleFile};
use wasm_bindgen::JsCast;
use web_sys::{DomParser, Element, SupportedType};

/// Reads `contents` of the file `name` (by its extension: `.html`/`.htm`, `.md`, anything else as plain text).
pub fn read(name: &str, contents: &str) -> Result<Article, String> {
    let stem = article_text::stem(name);
    let article = match ArticleFile::of(name).unwrap_or(ArticleFile::Plain) {
        ArticleFile::Html => from_html(contents, stem)?,
        ArticleFile::Markdown => article_text::from_markdown(contents, stem),
        ArticleFile::Plain => article_text::from_plain(contents, stem),
    };
    article_text::checked(name, article)
}

/// Reads a chosen or dropped file as an article, refusing files too large to be one
/// before reading them.
pub async fn open(file: &gloo::file::File) -> Result<Article, String> {
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
    read(&name, &contents)
}

const BLOCKS: &str = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, figcaption";
const SKIPPED: &str = "script, style, template, noscript, nav, footer, aside, form, svg, button, iframe, object";

fn from_html(contents: &str, fallback_title: &str) -> Result<Article, String> {
    let parser = DomParser::new().map_err(|_| "this browser cannot read HTML files".to_owned())?;
    let doc = parser
        .parse_from_string(contents, SupportedType::TextHtml)
        .map_err(|_| "the HTML file could not be read".to_owned())?;
    // Remove what is never article text before reading anything.
    if let Ok(skipped) = doc.query_selector_all(SKIPPED) {
        for i in 0..skipped.length() {
            if let Some(node) = skipped.item(i) {
                if let Some(parent) = node.parent_node() {
                    parent.remove_child(&node).ok();
                }
            }
        }
    }
    let mut title = doc.title().trim().to_owned();
    let mut paragraphs = Vec::new();
    let blocks = doc.query_selector_all(BLOCKS).map_err(|_| "the HTML file could not be read".to_owned())?;
    let mut h1_taken = false;
    for i in 0..blocks.length() {
        let Some(el) = blocks.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        // Keep only the innermost blocks, so nested ones are not read twice.
        if el.query_selector(BLOCKS).ok().flatten().is_some() {
            continue;
        }
        let raw = el.text_content().unwrap_or_default();
        let text = if el.tag_name().eq_ignore_ascii_case("pre") {
            raw.trim_matches('\n').to_owned()
        } else {
            raw.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        if text.is_empty() {
            continue;
        }
        if el.tag_name().eq_ignore_ascii_case("h1") && !h1_taken {
            h1_taken = true;
            title = text;
            continue;
        }
        paragraphs.push(text);
    }
    if paragraphs.is_empty() {
        // No block structure: fall back to the body's text, split at blank lines.
        let body = doc.body().and_then(|b| b.text_content()).unwrap_or_default();
        let plain = article_text::from_plain(&body, fallback_title);
        paragraphs.push(plain.text);
    }
    if title.is_empty() {
        title = fallback_title.to_owned();
    }
    // Where the page says it came from and who wrote it, if it says so in the usual places.
    let attribute = |selector: &str, name: &str| {
        doc.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|el| el.get_attribute(name))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let source_url = attribute("link[rel=canonical]", "href")
        .or_else(|| attribute("meta[property='og:url']", "content"))
        .filter(|url| newsmark_core::model::is_web_address(url));
    let byline = attribute("meta[name=author]", "content");
    Ok(Article { title, text: paragraphs.join("\n\n"), source_url, byline, ..Article::default() })
}
