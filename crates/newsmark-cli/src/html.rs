//! An HTML article file read as the app reads one: the title, and the text of headings,
//! paragraphs, list items, quotations, captions and preformatted blocks, one paragraph each.
//!
//! The app reads HTML with the browser's inert `DOMParser`; the command line has no
//! browser, so this small reader keeps the same elements. Written here rather than taken
//! from `html2text`, which renders Markdown decorations and link footnotes into the text
//! and brings an HTML5 parser of some fifteen crates for what is one pass over the tags.

use newsmark_core::article_text::Article;

/// Elements whose text is the article's, each its own paragraph (as the app's `BLOCKS`).
const BLOCKS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "figcaption"];

/// Elements whose contents are never article text (as the app's `SKIPPED`, and `head`
/// apart from its title).
const SKIPPED: &[&str] =
    &["script", "style", "template", "noscript", "nav", "footer", "aside", "form", "svg", "button", "iframe", "object"];

/// What has been read of a page so far.
#[derive(Default)]
struct Page {
    title: String,
    first_h1: String,
    paragraphs: Vec<String>,
    /// All text outside skipped elements, for a page without block elements.
    everything: String,
    /// The paragraph being read.
    current: String,
    /// The skipped element being passed over.
    skipping: Option<String>,
    /// How many block elements are open.
    blocks: usize,
    in_title: bool,
    in_h1: bool,
}

impl Page {
    /// Text between tags, added to what it belongs to.
    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode(raw);
        if self.in_title {
            self.title.push_str(&decoded);
            return;
        }
        if self.skipping.is_some() {
            return;
        }
        if self.in_h1 {
            self.first_h1.push_str(&decoded);
        }
        if self.blocks > 0 {
            self.current.push_str(&decoded);
        }
        self.everything.push_str(&decoded);
    }

    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(skipped) = &self.skipping {
            if closing && &name == skipped {
                self.skipping = None;
            }
            return;
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            self.skipping = Some(name);
            return;
        }
        match name.as_str() {
            "title" => self.in_title = !closing,
            "h1" => self.in_h1 = !closing && self.first_h1.is_empty(),
            _ => {}
        }
        if BLOCKS.contains(&name.as_str()) {
            end_paragraph(&mut self.current, &mut self.paragraphs);
            self.blocks = if closing { self.blocks.saturating_sub(1) } else { self.blocks + 1 };
        } else if name == "br" {
            self.everything.push('\n');
            end_paragraph(&mut self.current, &mut self.paragraphs);
        } else if ["div", "section", "article", "tr", "body"].contains(&name.as_str()) {
            self.everything.push('\n');
        }
    }
}

/// The article in an HTML file: its `<title>` (or first `<h1>`, or `fallback_title`) and
/// the text of its block elements. A file with no block element gives all its text.
pub fn read(html: &str, fallback_title: &str) -> Article {
    let mut page = Page::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        page.text(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        page.tag(&rest[1..gt]);
        rest = &rest[gt + 1..];
    }
    page.text(rest);
    end_paragraph(&mut page.current, &mut page.paragraphs);
    if page.paragraphs.is_empty() {
        page.paragraphs = page.everything.split('\n').map(squeeze).filter(|p| !p.is_empty()).collect();
    }
    let title = [squeeze(&page.title), squeeze(&page.first_h1)].into_iter().find(|t| !t.is_empty());
    Article {
        title: title.unwrap_or_else(|| fallback_title.to_owned()),
        text: page.paragraphs.join("\n\n"),
        ..Article::default()
    }
}

fn end_paragraph(current: &mut String, paragraphs: &mut Vec<String>) {
    let paragraph = squeeze(current);
    if !paragraph.is_empty() {
        paragraphs.push(paragraph);
    }
    current.clear();
}

/// White space as HTML shows it: each run one space, none at the ends.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Character references decoded: numeric ones, and the named ones news pages use.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|e| e + 1);
        let decoded = end.filter(|&e| rest[e..].starts_with(';')).and_then(|e| {
            let name = &rest[1..e];
            let c = match name.strip_prefix('#') {
                Some(hex) if hex.starts_with(['x', 'X']) => {
                    u32::from_str_radix(&hex[1..], 16).ok().and_then(char::from_u32)
                }
                Some(dec) => dec.parse().ok().and_then(char::from_u32),
                None => named(name),
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "pound" => '£',
        "euro" => '€',
        "eacute" => 'é',
        "shy" => '\u{ad}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn the_title_and_paragraphs_are_kept_and_scripts_and_navigation_are_not() {
        let html = "<html><head><title>Talks &amp; tea</title><style>p{}</style></head><body>\
            <nav><p>Home</p></nav><h1>Talks collapse</h1><p>“We came to build,” said\n  Markovic.</p>\
            <script>alert('<p>x</p>')</script><p>It&#8217;s over &ndash; for now.</p><!-- <p>old</p> --></body></html>";
        let article = read(html, "page");
        assert_eq!(article.title, "Talks & tea");
        assert_eq!(article.text, "Talks collapse\n\n“We came to build,” said Markovic.\n\nIt’s over – for now.");
    }

    #[test]
    fn a_page_without_paragraphs_gives_its_text_and_the_file_name_as_title() {
        let article = read("<div>One line<br>Another &unknown; line</div>", "notes");
        assert_eq!(article.title, "notes");
        assert_eq!(article.text, "One line\n\nAnother &unknown; line");
    }
}
