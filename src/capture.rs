//! Web pages brought in: every way HTML arrives (an opened or dropped `.html` file, HTML
//! pasted from the clipboard, a page sent by the browser extension) goes through the
//! core's extraction (`newsmark_core::capture`), which only parses: nothing in a page runs.
//!
//! [`extract`] and [`whole_text`] run in the background worker (`crate::background`), so
//! the parser is fetched only when a page first arrives and a large page never holds the
//! page up.

use newsmark_core::article_text::{self, Article};
use newsmark_core::capture::Capture;
use newsmark_core::capture_link::{self, CapturedPage};
use newsmark_core::model::is_web_address;
use newsmark_core::Timestamp;

/// The article readability finds in `html` (a page at `url`, if known), or why none was found.
pub async fn extract(html: String, url: Option<String>) -> Result<Capture, String> {
    crate::background::capture(html, url, false).await
}

/// All the visible text of `html`: what is offered when the extraction is unsure.
pub async fn whole_text(html: String, url: Option<String>) -> Result<Capture, String> {
    crate::background::capture(html, url, true).await
}

/// A page on its way in, read both ways where the extraction was unsure.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// Where it came from, for messages: the file's name, or "the captured page".
    pub name: String,
    /// What readability found.
    pub found: Capture,
    /// The page's whole text, read when readability thought the page is probably not an
    /// article (or found nothing), so the person can choose it instead.
    pub whole: Option<Capture>,
    /// The address of the page, as the extension gave it (an opened file has none).
    pub page_url: Option<String>,
    /// When the extension captured it.
    pub captured: Option<Timestamp>,
}

impl Reading {
    /// The address the page names for itself (its canonical address), or the one it was
    /// captured at: what finds an earlier capture of it.
    pub fn address(&self) -> Option<&str> {
        self.found.url.as_deref().or(self.page_url.as_deref()).filter(|u| is_web_address(u))
    }

    /// Whether the extraction is sure enough to add without asking.
    pub fn sure(&self) -> bool {
        self.found.probably_article && !self.found.paragraphs.is_empty()
    }

    /// The article made of `capture` (one of this reading's two), checked like any opened
    /// file: some text, not too long.
    pub fn article(&self, capture: &Capture) -> Result<Article, String> {
        let fallback = article_text::stem(&self.name);
        let title = Some(capture.title.trim()).filter(|t| !t.is_empty()).unwrap_or(fallback).to_owned();
        let source_url = capture.url.clone().or_else(|| self.page_url.clone()).filter(|u| is_web_address(u));
        let article = Article {
            title,
            text: capture.paragraphs.join("\n\n"),
            source_url,
            byline: capture.byline.clone(),
            published: capture.published.clone(),
            site_name: capture.site_name.clone(),
            captured: self.captured,
        };
        article_text::checked(&self.name, article)
    }
}

/// Reads `html` (a page called `name`, at `page_url` if known): readability's article,
/// and the whole text as well when readability is unsure. Refused, with a sentence, only
/// when neither finds any text.
pub async fn read(
    name: String,
    html: String,
    page_url: Option<String>,
    captured: Option<Timestamp>,
) -> Result<Reading, String> {
    let found = extract(html.clone(), page_url.clone()).await;
    let sure = found.as_ref().is_ok_and(|c| c.probably_article && !c.paragraphs.is_empty());
    let whole = if sure { None } else { whole_text(html, page_url.clone()).await.ok() };
    let whole = whole.filter(|w| !w.paragraphs.is_empty());
    let found = match (found, &whole) {
        (Ok(found), _) if !found.paragraphs.is_empty() => found,
        // Readability found nothing: the whole text is all there is, offered as such.
        (_, Some(whole)) => Capture { probably_article: false, paragraphs: Vec::new(), ..whole.clone() },
        (Err(why), None) => return Err(format!("{name} holds no readable text ({why})")),
        (Ok(_), None) => return Err(format!("{name} holds no readable text")),
    };
    Ok(Reading { name, found, whole, page_url, captured })
}

/// The page a capture link in the address carries (`#capture=…`), read once at start-up:
/// the fragment is cleared at once (without a reload or a history entry), so a reload or
/// a shared address does not bring it in again. `None` when the address has no capture
/// link; `Some(Err(…))` when it has one that cannot be read.
pub fn take_from_address() -> Option<Result<CapturedPage, String>> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    if !capture_link::is_capture(&hash) {
        return None;
    }
    let bare = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&bare)).ok();
    }
    Some(capture_link::read(&hash))
}
