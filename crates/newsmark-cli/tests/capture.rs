//! `newsmark capture` as a reader uses it: a saved news page in, the article as a Newsmark document out.

mod common;
use common::{newsmark, scratch, stderr, write};

use newsmark_core::schema;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../newsmark-core/tests/capture_corpus");

#[test]
fn a_saved_news_page_becomes_a_document_of_its_article_with_where_it_came_from() {
    let page = format!("{CORPUS}/cookie-banner.html");
    let output = scratch("ferry.newsmark.json");
    let out = newsmark(&["capture", &page, "--url", "https://reader.example/x", "-o", output.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "Night ferry to the islands will stop in May (The Eastquay Courier, 2026-03-14T07:30:00Z): 6 paragraphs, 210 words\n"
    );
    let doc = schema::load_document(&std::fs::read_to_string(&output).unwrap()).expect("the capture loads");
    assert_eq!(doc.title, "Night ferry to the islands will stop in May");
    assert_eq!(doc.byline.as_deref(), Some("Mira Okonkwo"));
    assert_eq!(doc.published.as_deref(), Some("2026-03-14T07:30:00Z"));
    assert_eq!(doc.site_name.as_deref(), Some("The Eastquay Courier"));
    assert_eq!(doc.captured, None, "a saved file says nothing of when it was saved");
    assert_eq!(doc.source_url.as_deref(), Some("https://courier.example/news/2026/03/14/night-ferry"));
    assert!(doc.text.starts_with("The council voted seven to four on Tuesday"));
    assert!(doc.text.ends_with("at 23:40 on the thirtieth of April."));
    assert!(!doc.text.contains("cookies") && !doc.text.contains("morning briefing"));
    assert!(doc.annotations.is_empty());
}

#[test]
fn a_page_that_is_not_an_article_is_said_and_whole_takes_all_its_text() {
    let page = write(
        "sections.html",
        "<title>Sections</title><nav><ul><li><a href=/a>News</a></li><li><a href=/b>Sport</a></li></ul></nav>",
    );
    let out = newsmark(&["capture", &page]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "sections.html does not look like an article; if the text is not what you want, try --whole\n\
         Sections: 2 paragraphs, 2 words\n"
    );
    let out = newsmark(&["capture", &page, "--whole"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = schema::load_document(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(&*doc.text, "News\n\nSport");
}

#[test]
fn words_are_counted_as_the_app_counts_them_so_a_chinese_article_is_not_two_words() {
    let page = write(
        "metro.html",
        "<html lang=\"zh-CN\"><head><title>江城地铁三号线开通</title></head><body><article>\
         <p>\u{3000}\u{3000}江城地铁三号线今日上午正式开通运营，全长二十八公里，设站二十一座。</p>\
         <p>乘客王女士说：“以前要换乘两次，现在一趟就到。”</p></article></body></html>",
    );
    let out = newsmark(&["capture", &page, "--whole", "-o", scratch("metro.json").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Each Chinese character is a word, as word processors and the app's Sources view count them.
    assert_eq!(stderr(&out), "江城地铁三号线开通: 2 paragraphs, 49 words\n");
}

#[test]
fn an_empty_page_is_refused_with_a_reason() {
    let page = write("empty.html", "");
    let out = newsmark(&["capture", &page]);
    assert!(!out.status.success());
    assert!(stderr(&out).ends_with("empty.html: the page is empty\n"), "{}", stderr(&out));
}
