//! How deeply a page nests its elements, found by a quick scan before the page is parsed.
//!
//! Parsing and Readability both take time that grows with the square of the nesting
//! depth (each new element looks up through the elements it is inside), and some of their
//! steps recurse, so a small page of 20,000 nested `<div>`s would hang or overflow the
//! stack. Browsers stop nesting at 512 (Chromium's parser attaches deeper elements to the
//! 512th), so no page a person reads is deeper than that, and Newsmark refuses pages
//! deeper than [`MAX_DEPTH`], the same 512. (At 1,000 the fuzzer's instrumented build took
//! over ten seconds on an 11 KB page.)
//!
//! The scan counts start and end tags, not a full parse: elements that close themselves
//! (`<p>`, `<li>`, table parts, void elements such as `<br>`) are not counted, comments and
//! the text of scripts and styles are skipped, and an end tag never takes the count below
//! zero. A page that leaves many elements unclosed is counted deeper than it is, which
//! only matters past hundreds of them.

/// The deepest nesting of elements Newsmark reads: as deep as a browser builds.
pub const MAX_DEPTH: usize = 512;

/// Elements that the count leaves out: void elements, and those whose end tag may be
/// left out because the next one closes them.
const UNCOUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
    "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead", "tbody",
    "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose contents are text up to their end tag, never markup.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// Whether `html` nests its elements deeper than `limit`, by the count described above.
pub fn deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = find(bytes, at, b"<") {
        at = found + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            at = find(bytes, at + 3, b"-->").map_or(bytes.len(), |end| end + 3);
        } else if rest.first().is_some_and(|b| *b == b'!' || *b == b'?') {
            at = find(bytes, at, b">").map_or(bytes.len(), |end| end + 1);
        } else if rest.first() == Some(&b'/') {
            let name = tag_name(&bytes[at + 1..]);
            if !name.is_empty() && !UNCOUNTED.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let name = tag_name(rest);
            let (end, self_closing) = tag_end(bytes, at + name.len());
            at = end;
            if RAW_TEXT.contains(&name.as_str()) {
                at = find_end_tag(bytes, at, &name);
            } else if !self_closing && !UNCOUNTED.contains(&name.as_str()) {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
        }
    }
    false
}

/// The lowercase name at the start of a tag.
fn tag_name(bytes: &[u8]) -> String {
    let len = bytes.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':').count();
    String::from_utf8_lossy(&bytes[..len]).to_ascii_lowercase()
}

/// Where a start tag ends (just after its `>`), past quoted attribute values, and whether it
/// closes itself (`/>`).
fn tag_end(bytes: &[u8], mut at: usize) -> (usize, bool) {
    let mut quote = None;
    while at < bytes.len() {
        let b = bytes[at];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return (at + 1, at > 0 && bytes[at - 1] == b'/'),
            None => {}
        }
        at += 1;
    }
    (bytes.len(), false)
}

/// Just after the end tag `</name` that closes a raw-text element, in any case.
fn find_end_tag(bytes: &[u8], mut at: usize, name: &str) -> usize {
    while let Some(found) = find(bytes, at, b"</") {
        let after = found + 2;
        if bytes.len() >= after + name.len() && bytes[after..after + name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return after + name.len();
        }
        at = after;
    }
    bytes.len()
}

/// The first `needle` in `bytes` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    if needle.len() == 1 {
        return hay.iter().position(|b| *b == needle[0]).map(|i| i + from);
    }
    hay.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_elements_are_counted_and_closed_ones_uncounted() {
        let page = "<div><section><article><p>One<p>Two<br><img src=x></article></section></div><div></div>";
        assert!(deeper_than(page, 2));
        assert!(!deeper_than(page, 3));
    }

    #[test]
    fn comments_scripts_and_quoted_angle_brackets_are_not_tags() {
        let page = r#"<div title="a > b"><!-- <div><div><div> --><script>if (a <b && c) { x = "<div><div>"; }</script>
<style>div > p {}</style><p>fine</p></div>"#;
        assert!(!deeper_than(page, 1));
    }

    #[test]
    fn twenty_thousand_nested_divs_are_found_deeper_than_the_limit() {
        let page = format!("{}deep{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        assert!(deeper_than(&page, MAX_DEPTH));
        let wide = "<div><span>text</span></div>".repeat(20_000);
        assert!(!deeper_than(&wide, MAX_DEPTH));
    }
}
