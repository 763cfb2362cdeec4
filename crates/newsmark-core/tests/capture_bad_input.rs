//! Capturing pages that are not good articles: empty, all navigation, huge, malformed, hostile.
//!
//! Each gives a sentence saying why it cannot be read, or the best text there is; none
//! runs anything or takes unbounded time.

use newsmark_core::capture::{self, nesting};
use newsmark_core::limits;
use std::time::Instant;

/// A paragraph of made-up news, about 60 words.
const PARAGRAPH: &str = "The council voted seven to four on Tuesday to stop the night ferry between Eastquay \
and the islands from the first of May, ending a service that has run every night since 1971. Islanders say \
the decision leaves nurses and hotel staff who work late shifts with no way home, and that nobody asked them.";

#[test]
fn an_empty_page_or_one_of_white_space_says_it_is_empty() {
    for page in ["", " \r\n\t", "<html><head></head><body></body></html>"] {
        let why = capture::extract(page, None).unwrap_err();
        assert!(why == "the page is empty" || why == "the page has no text to read", "{page:?}: {why}");
        assert!(capture::whole_text(page, None).is_err(), "{page:?}");
    }
}

/// The capture fuzzer's find (a Chinese page with a stray vertical tab): white space that
/// HTML does not collapse (a vertical tab, a next-line mark, an ideographic or em space)
/// made a paragraph of its own, or stayed at a paragraph's end.
#[test]
fn white_space_html_does_not_collapse_makes_no_paragraph_and_ends_none() {
    let page = format!(
        "<html lang=\"zh-CN\"><head><title>江城地铁三号线开通</title></head><body><article>\
         <p>\u{b}</p><p>\u{3000}\u{3000}江城地铁三号线今日开通。\u{85}</p><p>\u{2003}{PARAGRAPH}</p>\
         </article></body></html>"
    );
    let whole = capture::whole_text(&page, None).unwrap();
    let article = capture::extract(&page, None).unwrap();
    for paragraphs in [&whole.paragraphs, &article.paragraphs] {
        assert_eq!(paragraphs[0], "江城地铁三号线今日开通。");
        assert_eq!(paragraphs[1], PARAGRAPH);
    }
}

#[test]
fn a_page_that_is_all_navigation_is_not_taken_for_an_article_and_its_whole_text_is_there() {
    let links = |words: &[&str]| words.iter().map(|w| format!("<li><a href=\"/{w}\">{w}</a></li>")).collect::<String>();
    let page = format!(
        "<html><head><title>Eastquay Courier: sections</title></head><body>\
         <header><nav><ul>{}</ul></nav></header>\
         <div class=\"menu\"><ul>{}</ul></div>\
         <footer><ul>{}</ul><p>Copyright Eastquay Courier</p></footer></body></html>",
        links(&["News", "Sport", "Business", "Opinion", "Weather", "Puzzles"]),
        links(&["Local", "Schools", "Courts", "Transport", "Health", "Housing"]),
        links(&["About", "Contact", "Privacy", "Terms"])
    );
    if let Ok(capture) = capture::extract(&page, None) {
        assert!(!capture.probably_article, "{capture:?}");
    }
    let whole = capture::whole_text(&page, None).unwrap();
    assert!(!whole.probably_article);
    assert_eq!(whole.title, "Eastquay Courier: sections");
    assert_eq!(whole.paragraphs.len(), 17, "{:?}", whole.paragraphs);
    assert_eq!(whole.paragraphs[..2], ["News", "Sport"]);
    assert_eq!(whole.paragraphs.last().map(String::as_str), Some("Copyright Eastquay Courier"));
}

#[test]
fn malformed_html_gives_the_text_a_browser_would_show() {
    let page = "<html><body><article><h1>Ferry stops</h1>\
        <p>The council voted <b>seven <i>to</b> four</i> on Tuesday\
        <p>Unquoted <a href=/x title=a>links</a> &amp bare &notanentity; entities & stray </span></div> end tags\
        <p>A nul\u{0} byte and an unclosed <em>emphasis\
        <table><td>a cell without a row</table>\
        <p>The end, cut off in a tag <a hre";
    let capture = capture::whole_text(page, None).unwrap();
    assert_eq!(
        capture.paragraphs,
        [
            "Ferry stops",
            "The council voted seven to four on Tuesday",
            // As in a browser: "&not" is a legacy entity even without its semicolon, and a nul
            // character in text is dropped.
            "Unquoted links & bare \u{ac}anentity; entities & stray end tags",
            "A nul byte and an unclosed emphasis",
            "a cell without a row",
            "The end, cut off in a tag",
        ]
    );
    assert!(capture::extract(page, None).is_ok());
}

#[test]
fn a_page_nested_deeper_than_a_browser_would_build_is_refused_at_once() {
    let page = format!("<p>{PARAGRAPH}</p>{}deep{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let started = Instant::now();
    let why = capture::extract(&page, None).unwrap_err();
    assert_eq!(
        why,
        "the page nests its elements more than 512 deep, deeper than a browser builds a page; Newsmark does not read it"
    );
    assert_eq!(capture::whole_text(&page, None).unwrap_err(), why);
    assert!(started.elapsed().as_secs() < 5, "refusing took {:?}", started.elapsed());

    let nested_as_far_as_read = format!("{}<p>{PARAGRAPH}</p>{}", "<div>".repeat(510), "</div>".repeat(510));
    assert!(!nesting::deeper_than(&nested_as_far_as_read, nesting::MAX_DEPTH));
    assert!(capture::extract(&nested_as_far_as_read, None).unwrap().paragraphs[0].starts_with("The council voted"));
}

#[test]
fn a_page_over_the_size_limit_is_refused_before_it_is_parsed() {
    let page = "x".repeat(limits::MAX_ARTICLE_FILE_BYTES + 1);
    assert_eq!(
        capture::extract(&page, None),
        Err("the page is 20 MB (20,971,521 bytes); Newsmark reads pages of up to 20 MB (20,971,520 bytes)".into())
    );
}

/// A page just under the limit, all of it markup: 20 MB of articles in cards and paragraphs.
#[test]
fn a_twenty_megabyte_page_of_markup_is_read() {
    let card = format!("<div class=\"card\"><h2><a href=\"/story\">A story</a></h2><div class=\"text\"><p>{PARAGRAPH}</p></div></div>\n");
    let mut page = String::from("<html><head><title>Everything</title></head><body><main>");
    while page.len() + card.len() + 30 < limits::MAX_ARTICLE_FILE_BYTES {
        page.push_str(&card);
    }
    page.push_str("</main></body></html>");
    let started = Instant::now();
    let capture = capture::extract(&page, None).unwrap();
    println!("a {} byte page of markup extracted in {:?}", page.len(), started.elapsed());
    assert!(capture.paragraphs.len() > 10_000);
    let started = Instant::now();
    let whole = capture::whole_text(&page, None).unwrap();
    println!("and its whole text read in {:?}", started.elapsed());
    assert!(whole.paragraphs.len() > 40_000);
}

/// A page just under the limit: a long article in a page heavy with inline data, as
/// script-built news sites are. Printed: how long it took (unoptimised in `cargo test`).
#[test]
fn a_twenty_megabyte_page_is_read_whole() {
    let article: String = (0..2_000).map(|i| format!("<p>{i}. {PARAGRAPH}</p>\n")).collect();
    let data = format!(
        "<script type=\"application/json\">{{\"items\":[{}]}}</script>",
        "{\"id\":1,\"n\":\"x\"},".repeat(20_000)
    );
    let mut page = format!("<html><head><title>Long read</title></head><body><article>{article}</article>");
    while page.len() + data.len() + 20 < limits::MAX_ARTICLE_FILE_BYTES {
        page.push_str(&data);
    }
    page.push_str("</body></html>");
    assert!(page.len() > 20_000_000 && page.len() <= limits::MAX_ARTICLE_FILE_BYTES);
    let started = Instant::now();
    let capture = capture::extract(&page, None).unwrap();
    println!("a {} byte page extracted in {:?}", page.len(), started.elapsed());
    assert_eq!(capture.paragraphs.len(), 2_000);
    assert!(capture.paragraphs[1_999].starts_with("1999. The council voted"));
}
