//! Turning an opened file into an article: a title and plain text with paragraphs.
//!
//! HTML goes through the browser's own HTML parser (`DOMParser`), which builds an inert
//! document: its scripts never run and its images never load. Only the text of headings,
//! paragraphs, list items, quotations and preformatted blocks is kept; nothing of the
//! markup reaches the page.

use wasm_bindgen::JsCast;
use web_sys::{DomParser, Element, SupportedType};

/// An article read from a file or pasted in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    pub title: String,
    pub text: String,
    pub source_url: Option<String>,
    pub byline: Option<String>,
}

/// Reads `contents` of the file `name` (by its extension: `.html`/`.htm`, `.md`, anything else as plain text).
pub fn read(name: &str, contents: &str) -> Result<Article, String> {
    let lower = name.to_ascii_lowercase();
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s).to_owned();
    let article = if lower.ends_with(".html") || lower.ends_with(".htm") {
        from_html(contents, &stem)?
    } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
        from_plain(&strip_markdown(contents), &stem)
    } else {
        from_plain(contents, &stem)
    };
    if article.text.trim().is_empty() {
        return Err(format!("{name} holds no readable text"));
    }
    newsmark_core::limits::check_article(&article.text).map_err(|why| format!("{name} was not opened: {why}"))?;
    Ok(article)
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

/// Plain text: a short first line followed by a blank line is taken as the title.
fn from_plain(contents: &str, fallback_title: &str) -> Article {
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

/// Markdown: heading marks and emphasis markers are dropped; the text is kept.
fn strip_markdown(contents: &str) -> String {
    contents
        .lines()
        .map(|line| {
            let line = line.trim_start_matches('#').trim_start_matches(' ');
            line.replace("**", "").replace("__", "")
        })
        .collect::<Vec<_>>()
        .join("\n")
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
        let plain = from_plain(&body, fallback_title);
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
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"));
    let byline = attribute("meta[name=author]", "content");
    Ok(Article { title, text: paragraphs.join("\n\n"), source_url, byline })
}
