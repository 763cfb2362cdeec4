//! A captured web page made readable: the article's text and where it came from, by the Readability algorithm.
//!
//! [`extract`] finds the article in a page with `dom_smoothie`, a Rust port of Mozilla's
//! readability.js (what Firefox's Reader View uses), and reads its text as a reader sees
//! it ([`reading`]). [`whole_text`] is the fallback offered when the page is probably not
//! an article: all of its visible text, in the same shape.
//!
//! Both only parse. The HTML is read by html5ever into a tree that nothing runs: scripts,
//! event handlers and styles are data, dropped on the way to text, and no URL in the page
//! is fetched.
//!
//! The capture time is not read here; the shell stamps it.

pub mod nesting;
pub mod reading;

use dom_query::Document;
use dom_smoothie::{Config, Readability, ReadabilityError};

use crate::limits;
use reading::Furniture;

/// What was taken out of a captured page (serialised to cross from the app's background worker).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Capture {
    pub title: String,
    pub byline: Option<String>,
    /// The publication time as the page gives it (ISO 8601 where the page writes it so).
    pub published: Option<String>,
    pub site_name: Option<String>,
    /// The canonical URL if the page names one, else the page's own URL.
    pub url: Option<String>,
    /// Headings, paragraphs, block quotes and list items, in order, each one paragraph.
    pub paragraphs: Vec<String>,
    /// readability's own signal: false when the page is probably not an article.
    pub probably_article: bool,
}

/// The article in `html`, the page found at `page_url` (if known). The reason it cannot
/// be had is a sentence: a page too large, or one without any text to read.
pub fn extract(html: &str, page_url: Option<&str>) -> Result<Capture, String> {
    check(html)?;
    let mut readability = readability(html, page_url);
    let probably_article = probably_article(&readability);
    let url = canonical_url(&readability.doc).or_else(|| page_url.map(str::to_owned));
    let article = match readability.parse() {
        Ok(article) => article,
        Err(ReadabilityError::GrabFailed) => return Err(no_text(html)),
        Err(other) => return Err(format!("the page could not be read: {other}")),
    };
    let mut paragraphs = reading::paragraphs(&Document::from(article.content.as_ref()).root(), Furniture::Skip);
    drop_repeated_heading(&mut paragraphs, &article.title, article.byline.as_deref());
    if paragraphs.is_empty() {
        return Err(no_text(html));
    }
    Ok(Capture {
        title: reading::one_line(&article.title),
        byline: present(article.byline.as_deref()),
        published: present(article.published_time.as_deref()),
        site_name: present(article.site_name.as_deref()),
        url,
        paragraphs,
        probably_article,
    })
}

/// All the visible text of `html`, in paragraphs, with what is known of its title,
/// byline, date, site and URL: what is offered when [`extract`] is unsure or fails.
pub fn whole_text(html: &str, page_url: Option<&str>) -> Result<Capture, String> {
    check(html)?;
    let readability = readability(html, page_url);
    let probably_article = probably_article(&readability);
    let metadata = readability.get_article_metadata(readability.parse_json_ld());
    let doc = &readability.doc;
    let paragraphs = match doc.body() {
        Some(body) => reading::paragraphs(&body, Furniture::Keep),
        None => reading::paragraphs(&doc.root(), Furniture::Keep),
    };
    if paragraphs.is_empty() {
        return Err(no_text(html));
    }
    Ok(Capture {
        title: reading::one_line(&metadata.title),
        byline: present(metadata.byline.as_deref()),
        published: present(metadata.published_time.as_deref()),
        site_name: present(metadata.site_name.as_deref()),
        url: canonical_url(doc).or_else(|| page_url.map(str::to_owned)),
        paragraphs,
        probably_article,
    })
}

/// Refuses a page too large to read, or nested deeper than any browser would show it.
fn check(html: &str) -> Result<(), String> {
    limits::check_page_size(html.len())?;
    if nesting::deeper_than(html, nesting::MAX_DEPTH) {
        return Err(format!(
            "the page nests its elements more than {} deep, deeper than a browser builds a page; Newsmark does not read it",
            nesting::MAX_DEPTH
        ));
    }
    Ok(())
}

/// The reader over `html`. A page URL that is not absolute is not used: it would only
/// have resolved the article's links, which become text.
///
/// Two settings differ from readability.js's. Classes are kept in the article, so that
/// [`reading`] can leave out the furniture they name. And a page is probably an article
/// with paragraphs of 80 characters or more scoring over 20 (√ of each one's length past
/// 80, summed), not 140: news is written in short paragraphs, and a Chinese paragraph
/// says in 60 characters what an English one says in 200.
fn readability(html: &str, page_url: Option<&str>) -> Readability {
    let config = Config { keep_classes: true, readable_min_content_length: 80, ..Config::default() };
    let url = page_url.filter(|url| url.starts_with("http://") || url.starts_with("https://"));
    Readability::new(html, url, Some(config.clone()))
        .or_else(|_| Readability::new(html, None, Some(config)))
        .expect("a reader without a page URL is always made")
}

/// readability's signal that the page is an article, its thresholds scaled for Chinese,
/// Japanese and Korean (by the page's language or its title's script): there a paragraph
/// of 30 characters counts as one of 80 does in English, and a score over 10 suffices.
fn probably_article(readability: &Readability) -> bool {
    let doc = &readability.doc;
    let lang = doc.select("html[lang]").attr("lang").unwrap_or_default().to_ascii_lowercase();
    let title = readability.get_article_title();
    let ideographic = title.chars().filter(|c| is_cjk(*c)).count() * 2 > title.chars().count();
    if ["zh", "ja", "ko"].iter().any(|code| lang.starts_with(code)) || ideographic {
        dom_smoothie::is_probably_readable(doc, Some(10.0), Some(30))
    } else {
        readability.is_probably_readable()
    }
}

/// Whether `c` is written in Chinese, Japanese or Korean script (ideographs, kana, hangul).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}')
}

/// The page's own name for itself: `<link rel="canonical">`, else `og:url`, when absolute.
fn canonical_url(doc: &Document) -> Option<String> {
    let from_link = doc.select("link[rel~=canonical][href]").attr("href");
    let from_meta = || doc.select(r#"meta[property="og:url"][content]"#).attr("content");
    [from_link, from_meta()]
        .into_iter()
        .flatten()
        .map(|url| url.trim().to_owned())
        .find(|url| url.starts_with("http://") || url.starts_with("https://"))
}

/// Takes off the start of the article what is already kept apart: the title, when the
/// page's own heading repeats it, and the byline line ("By Mira Okonkwo").
fn drop_repeated_heading(paragraphs: &mut Vec<String>, title: &str, byline: Option<&str>) {
    let title = reading::one_line(title);
    let byline = byline.map(reading::one_line).unwrap_or_default();
    let is_byline = |p: &str| {
        let name = p.strip_prefix("By ").or_else(|| p.strip_prefix("by ")).unwrap_or(p);
        !byline.is_empty() && name.trim() == byline
    };
    let repeated = paragraphs.iter().take(2).take_while(|p| **p == title || is_byline(p)).count();
    paragraphs.drain(..repeated);
}

/// `text` on one line, or nothing when it holds only white space.
fn present(text: Option<&str>) -> Option<String> {
    text.map(reading::one_line).filter(|text| !text.is_empty())
}

/// Why a page gave no text.
fn no_text(html: &str) -> String {
    if html.trim().is_empty() {
        "the page is empty".to_owned()
    } else {
        "the page has no text to read".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FERRY: &str = r#"<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Night ferry to the islands will stop in May | The Eastquay Courier</title>
<meta property="og:site_name" content="The Eastquay Courier">
<meta name="author" content="Mira Okonkwo">
<meta property="article:published_time" content="2026-03-14T07:30:00Z">
<link rel="canonical" href="https://courier.example/news/night-ferry">
<script>window.tracker = function () { document.title = 'hacked'; };</script>
<style>.ad { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Night ferry to the islands will stop in May</h1>
<p class="byline">By Mira Okonkwo</p>
<p>The council voted seven to four on Tuesday to stop the night ferry between Eastquay and the
islands from the first of May, ending a service that has run every night since 1971.</p>
<p>Councillor Jonas Varga, who chairs the transport committee, said the crossing lost the town
more than two hundred thousand pounds last year and carried on average eleven passengers a night.</p>
<h2>Islanders object</h2>
<p>Islanders say the decision leaves nurses and hotel staff who work late shifts with no way home.
&ldquo;We were not asked,&rdquo; said Ruth Abernethy, who runs the shop on Little Holm.</p>
<blockquote><p>We will take this to the ombudsman if we have to.</p></blockquote>
<p>The committee listed three options it had considered:</p>
<ul><li>a smaller boat on the same timetable;</li><li>a water taxi booked a day ahead;</li><li>stopping the service.</li></ul>
<p>The last crossing will leave Eastquay pier at 23:40 on the thirtieth of April.</p>
</article>
<footer>&copy; The Eastquay Courier. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn a_news_page_gives_its_article_in_paragraphs_and_where_it_came_from() {
        let capture = extract(FERRY, Some("https://courier.example/news/night-ferry?utm=x")).unwrap();
        assert_eq!(capture.title, "Night ferry to the islands will stop in May");
        assert_eq!(capture.byline.as_deref(), Some("Mira Okonkwo"));
        assert_eq!(capture.published.as_deref(), Some("2026-03-14T07:30:00Z"));
        assert_eq!(capture.site_name.as_deref(), Some("The Eastquay Courier"));
        assert_eq!(capture.url.as_deref(), Some("https://courier.example/news/night-ferry"));
        assert!(capture.probably_article);
        assert_eq!(capture.paragraphs, [
            "The council voted seven to four on Tuesday to stop the night ferry between Eastquay and the islands \
             from the first of May, ending a service that has run every night since 1971.",
            "Councillor Jonas Varga, who chairs the transport committee, said the crossing lost the town more than \
             two hundred thousand pounds last year and carried on average eleven passengers a night.",
            "Islanders object",
            "Islanders say the decision leaves nurses and hotel staff who work late shifts with no way home. \
             \u{201c}We were not asked,\u{201d} said Ruth Abernethy, who runs the shop on Little Holm.",
            "We will take this to the ombudsman if we have to.",
            "The committee listed three options it had considered:",
            "a smaller boat on the same timetable;",
            "a water taxi booked a day ahead;",
            "stopping the service.",
            "The last crossing will leave Eastquay pier at 23:40 on the thirtieth of April.",
        ]);
    }

    #[test]
    fn without_a_canonical_link_the_url_is_the_pages_own() {
        let page = FERRY.replace(r#"<link rel="canonical" href="https://courier.example/news/night-ferry">"#, "");
        let capture = extract(&page, Some("https://courier.example/a?b")).unwrap();
        assert_eq!(capture.url.as_deref(), Some("https://courier.example/a?b"));
        assert_eq!(extract(&page, None).unwrap().url, None);
        assert_eq!(extract(&page, Some("page.html")).unwrap().url.as_deref(), Some("page.html"));
    }

    #[test]
    fn the_whole_text_keeps_the_furniture_with_the_same_metadata() {
        let capture = whole_text(FERRY, None).unwrap();
        assert_eq!(capture.title, "Night ferry to the islands will stop in May");
        assert_eq!(capture.url.as_deref(), Some("https://courier.example/news/night-ferry"));
        assert_eq!(capture.paragraphs.first().map(String::as_str), Some("Home News Sport"));
        assert_eq!(
            capture.paragraphs.last().map(String::as_str),
            Some("\u{a9} The Eastquay Courier. All rights reserved.")
        );
        assert!(capture.paragraphs.iter().any(|p| p == "By Mira Okonkwo"));
        assert!(!capture.paragraphs.iter().any(|p| p.contains("tracker") || p.contains("color")));
    }

    #[test]
    fn scripts_and_event_handlers_come_out_as_nothing_but_the_text() {
        let page = r#"<html><head><script>throw new Error('ran')</script></head>
<body onload="alert(1)">
<article onclick="steal()">
<h1 onmouseover="alert(2)">A page full of handlers</h1>
<p onfocus="x()">The first paragraph of the article is long enough to be read as an article by the
reader, with one sentence after another about nothing that runs.<script>alert(3)</script></p>
<p><img src="x" onerror="alert(4)">The second paragraph has an image that would fail to load and a
<a href="javascript:alert(5)">link that would run code</a> if anything here ran it.</p>
<svg><script>alert(6)</script><text>drawn</text></svg>
<iframe srcdoc="<script>alert(7)</script>"></iframe>
<noscript><p>Turn on JavaScript.</p></noscript>
</article></body></html>"#;
        for capture in [extract(page, None).unwrap(), whole_text(page, None).unwrap()] {
            let text = capture.paragraphs.join("\n\n");
            assert!(!text.contains("alert") && !text.contains("throw") && !text.contains("drawn"), "{text}");
            assert!(text.contains("link that would run code if anything here ran it."), "{text}");
        }
    }

    #[test]
    fn text_in_any_script_comes_through_as_written() {
        let page = "<html dir=\"rtl\" lang=\"ar\"><head><title>عبّارة</title></head><body><article>\
<p>أعلنت   البلدية اليوم إغلاق الرصيف.</p>\
<p>市议会周二投票决定停运夜间渡轮。</p>\
<p>Cafe\u{301} crème, 🚢 ferry 👍🏽, narrow\u{202f}space, ideographic\u{3000}space.</p>\
<p>Line one\r\nline\u{a0}two\r\n\r\n</p></article></body></html>";
        let capture = whole_text(page, None).unwrap();
        assert_eq!(
            capture.paragraphs,
            [
                "أعلنت البلدية اليوم إغلاق الرصيف.",
                "市议会周二投票决定停运夜间渡轮。",
                "Cafe\u{301} crème, 🚢 ferry 👍🏽, narrow\u{202f}space, ideographic\u{3000}space.",
                "Line one line two",
            ]
        );
    }

    #[test]
    fn an_empty_page_says_so() {
        assert_eq!(extract("", None), Err("the page is empty".to_owned()));
        assert_eq!(whole_text("  \n", None), Err("the page is empty".to_owned()));
        assert_eq!(
            extract("<html><body><script>x()</script></body></html>", None),
            Err("the page has no text to read".to_owned())
        );
    }
}
