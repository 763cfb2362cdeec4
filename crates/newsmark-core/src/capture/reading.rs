//! The text of a parsed page as a reader sees it: blocks become paragraphs, white space collapses.
//!
//! What a browser would show, without a browser: every block element (a paragraph, a
//! heading, a list item, a block quote, a table cell, `<br>`) ends the paragraph being
//! written; inside one, runs of white space, line ends included, become one space, as
//! CSS's `white-space: normal` does. Inside `<pre>` the line ends stay, and a blank line
//! there starts a new paragraph.
//!
//! Decisions about characters, so that the text is searchable the way it reads:
//! - a non-breaking space (U+00A0, `&nbsp;`) is a space, and collapses with its
//!   neighbours like any other, since readers see a space and type one when they search;
//! - a soft hyphen (U+00AD, `&shy;`) is dropped: it shows only where a line happens to
//!   break, and would otherwise split a word in two for search;
//! - everything else stays as the page has it, unnormalised: narrow no-break spaces,
//!   ideographic spaces, zero-width joiners and non-joiners, combining marks, emoji.
//!
//! Nothing here runs anything: scripts, styles, templates, forms' controls and hidden
//! elements are skipped without being looked into.

use dom_query::NodeRef;

/// Elements whose contents are never text for a reader.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object", "embed", "canvas",
    "video", "audio", "select", "textarea", "button", "input", "img", "picture", "map",
];

/// Elements that start and end a paragraph of their own.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Words in a class or id that mark page furniture which readability keeps when it sits
/// inside the article's own container: a paywall's offer, a subscription or newsletter
/// box, a disclaimer under a column. Readability's own list of unlikely candidates
/// (comments, sidebars, share bars, related links, ads…) does the rest.
const FURNITURE: &[&str] = &["paywall", "subscribe", "subscription", "newsletter", "disclaimer"];

/// Whether furniture marked by its class or id is left out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    Keep,
    Skip,
}

/// The paragraphs of the text under `root`, in document order, each trimmed and none empty.
pub fn paragraphs(root: &NodeRef, furniture: Furniture) -> Vec<String> {
    let mut out = Paragraphs::default();
    // An explicit stack rather than recursion: a page may nest elements thousands deep.
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave { pre } => {
                out.pre_depth -= usize::from(pre);
                out.end_paragraph();
            }
            Step::Enter(node) => {
                if node.is_text() {
                    out.push_text(&node.text());
                    continue;
                }
                if !(node.is_element() || node.is_document() || node.is_fragment()) {
                    continue;
                }
                let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
                if SKIPPED.contains(&name.as_str()) || node.has_attr("hidden") {
                    continue;
                }
                if furniture == Furniture::Skip && is_furniture(&node) {
                    continue;
                }
                if name == "br" {
                    out.end_paragraph();
                    continue;
                }
                let block = BLOCKS.contains(&name.as_str());
                let pre = name == "pre";
                if block {
                    out.end_paragraph();
                    stack.push(Step::Leave { pre });
                    out.pre_depth += usize::from(pre);
                }
                let children = node.children();
                stack.extend(children.into_iter().rev().map(Step::Enter));
            }
        }
    }
    out.end_paragraph();
    out.done
}

/// `text` on one line, white space collapsed as in a paragraph: for a title or a byline.
pub fn one_line(text: &str) -> String {
    let mut out = Paragraphs::default();
    out.push_text(text);
    out.end_paragraph();
    out.done.join(" ")
}

/// Whether the element's class or id names it as furniture.
fn is_furniture(node: &NodeRef) -> bool {
    let names = [node.attr("class"), node.attr("id")];
    names.iter().flatten().any(|names| {
        let names = names.to_ascii_lowercase();
        FURNITURE.iter().any(|word| names.contains(word))
    })
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave { pre: bool },
}

#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    current: String,
    /// A space is owed before the next visible character.
    space: bool,
    /// How many `<pre>` elements the walk is inside.
    pre_depth: usize,
}

impl Paragraphs {
    fn push_text(&mut self, text: &str) {
        if self.pre_depth > 0 {
            self.push_preformatted(text);
            return;
        }
        for c in text.chars() {
            match c {
                '\u{ad}' => {}
                ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{a0}' => self.space = true,
                _ => {
                    if self.space && !self.current.is_empty() {
                        self.current.push(' ');
                    }
                    self.space = false;
                    self.current.push(c);
                }
            }
        }
    }

    /// Preformatted text keeps its line ends; a blank line ends the paragraph.
    fn push_preformatted(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut blank_run = false;
        for line in text.split('\n') {
            let line = line.trim_end().replace(['\u{ad}'], "").replace('\u{a0}', " ");
            if line.trim().is_empty() {
                if !self.current.is_empty() {
                    blank_run = true;
                }
                continue;
            }
            if blank_run {
                self.end_paragraph();
                blank_run = false;
            }
            if !self.current.is_empty() {
                self.current.push('\n');
            }
            self.current.push_str(&line);
        }
    }

    /// Ends the paragraph being read. White space of any kind is taken off its ends: HTML
    /// collapses only ASCII spaces, but an em space, an ideographic space (a Chinese
    /// paragraph's indent) or a code block's indent at either end is layout, not words.
    fn end_paragraph(&mut self) {
        self.space = false;
        let paragraph = std::mem::take(&mut self.current);
        let trimmed = paragraph.trim();
        if !trimmed.is_empty() {
            self.done.push(trimmed.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn read(html: &str) -> Vec<String> {
        paragraphs(&Document::from(html).root(), Furniture::Keep)
    }

    #[test]
    fn blocks_are_paragraphs_and_inline_elements_run_on() {
        let html = "<body><h1>Ferry  stops</h1><p>The <b>council</b>\n   voted <a href=x>seven</a> to four.</p>\
                    <ul><li>One</li><li>Two <em>more</em></li></ul><blockquote>We will appeal.</blockquote></body>";
        assert_eq!(
            read(html),
            ["Ferry stops", "The council voted seven to four.", "One", "Two more", "We will appeal."]
        );
    }

    #[test]
    fn a_line_break_starts_a_new_paragraph_and_two_make_no_empty_one() {
        assert_eq!(read("<div>First line<br>second line<br><br>third</div>"), ["First line", "second line", "third"]);
    }

    #[test]
    fn text_beside_a_block_is_a_paragraph_of_its_own() {
        assert_eq!(read("<div>Before <p>inside</p> after</div>"), ["Before", "inside", "after"]);
    }

    #[test]
    fn non_breaking_spaces_read_as_spaces_and_soft_hyphens_vanish() {
        assert_eq!(
            read("<p>10&nbsp;km&nbsp; north of Eastquay, a well&shy;known pier</p>"),
            ["10 km north of Eastquay, a wellknown pier"]
        );
    }

    #[test]
    fn carriage_returns_are_white_space_like_any_other() {
        assert_eq!(
            read("<p>The minister\r\nresigned.\r\n</p>\r\n<p>\r\nShe said so.</p>"),
            ["The minister resigned.", "She said so."]
        );
    }

    #[test]
    fn preformatted_text_keeps_its_lines_and_splits_at_blank_ones() {
        assert_eq!(read("<pre>line one\n  line two\n\n\nafter</pre>"), ["line one\n  line two", "after"]);
    }

    #[test]
    fn white_space_of_any_kind_at_a_paragraphs_ends_is_not_kept() {
        // The capture fuzzer's find (CI, session 7): a paragraph began with an em space.
        let html = "<p>\u{2003}Opening words</p><p>\u{3000}\u{3000}渡轮五月停航。</p><p>Ends\u{b}\u{85}</p>\
                    <pre>   indented();\n  less();</pre><pre>\u{a0}x\u{c}</pre>";
        assert_eq!(read(html), ["Opening words", "渡轮五月停航。", "Ends", "indented();\n  less();", "x"]);
    }

    #[test]
    fn scripts_styles_forms_and_hidden_elements_are_not_text() {
        let html = "<p>Shown<script>document.write('x')</script><style>p{}</style></p>\
                    <div hidden>secret</div><button>Share</button><template><p>t</p></template>";
        assert_eq!(read(html), ["Shown"]);
    }

    #[test]
    fn a_paywall_and_a_disclaimer_are_furniture_when_asked() {
        let html = "<div><p>Story.</p><div class=\"article__paywall\"><h2>Subscribe to keep reading</h2></div>\
                    <p id=Disclaimer>The views are the author's own.</p></div>";
        assert_eq!(paragraphs(&Document::from(html).root(), Furniture::Skip), ["Story."]);
        assert_eq!(read(html).len(), 3);
    }

    #[test]
    fn nesting_thousands_deep_does_not_exhaust_the_stack() {
        let html = format!("{}deep{}", "<div><span>".repeat(2_000), "</span></div>".repeat(2_000));
        assert_eq!(read(&html), ["deep"]);
    }
}
