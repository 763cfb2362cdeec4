//! A report of an annotated article as one self-contained HTML file: readable in any
//! browser without Newsmark, and printable to PDF.
//!
//! [`html`] writes, in order: a header (title, byline, source, when it was made), a legend
//! of the tag looks, the article with its highlights and a reference number after the end
//! of each annotation, the numbered list of annotations, the Sources summary, and for a
//! student's copy of an exercise the instructions and codebook, with the scores and the
//! feedback on every span once the work has been checked.
//!
//! The file needs nothing else: the styles are inline in one `<style>` block, there are no
//! scripts, no event-handler attributes and no external resources, and a Content Security
//! Policy forbids scripts should anything slip through. Everything that comes from the
//! document goes through [`escape`]; a source or evidence URL becomes a link only when it
//! starts with `http://` or `https://`.
//!
//! Line breaks are written as `\n` (`\r\n` and a lone `\r` become `\n`, as an HTML parser
//! would make them anyway). The article is written paragraph by paragraph as
//! [`segments::paragraphs`] finds them, so the text of the article part is the paragraphs
//! joined by one blank line: for a text whose paragraphs are separated by exactly one blank
//! line, that is the text itself with `\r\n` normalised to `\n`.
//!
//! The output depends only on the document and the time passed in: the same document and
//! time give the same bytes.

use crate::agreement::{self, Check, Prf, Verdict};
use crate::exercise::{AnswerKey, Assignment};
use crate::model::{Annotation, Document, Reading, Speech, Tag};
use crate::offsets::OffsetIndex;
use crate::segments;
use crate::sources::{self, ActorSummary};
use crate::time::Timestamp;
use std::collections::HashMap;
use std::ops::Range;

/// The styles of the report. Tag looks are those of the app, and each uses a different
/// property (background, bottom border, overline), so all show where spans nest or overlap
/// and none relies on colour alone.
const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #fff; color: #1d1d1f; }
body {
  margin: 0 auto; max-width: 48em; padding: 2.5em 1.5em 4em; background: #fff; color: #1d1d1f;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", sans-serif;
  font-size: 16px; line-height: 1.5;
}
h1, .article, .exact {
  font-family: Georgia, "Times New Roman", "Noto Serif", "Noto Naskh Arabic", "Noto Serif CJK SC", serif;
}
h1 { font-size: 2em; line-height: 1.2; margin: 0 0 0.4em; unicode-bidi: plaintext; }
h2 { font-size: 1.3em; margin: 2.2em 0 0.7em; padding-bottom: 0.25em; border-bottom: 2px solid #1d1d1f; }
h3 { font-size: 1.05em; margin: 1.6em 0 0.5em; }
a { color: #1f4fa8; overflow-wrap: anywhere; }
p { margin: 0 0 0.6em; }
bdi { unicode-bidi: isolate; }
.meta { color: #4a4a52; margin: 0.15em 0; unicode-bidi: plaintext; }
.hint { color: #4a4a52; font-size: 0.92em; }
.legend { border: 1px solid #c9c6bb; border-radius: 6px; padding: 0.7em 1em; margin-top: 1.8em; }
.legend h2 { font-size: 1em; border: 0; margin: 0 0 0.4em; padding: 0; }
.legend ul { list-style: none; margin: 0; padding: 0; }
.legend li { margin: 0.25em 0; }
.legend .sample { font-weight: 600; margin-inline-end: 0.2em; }
.article { font-size: 1.12em; line-height: 1.95; }
.article p { margin: 0 0 1em; white-space: pre-wrap; unicode-bidi: plaintext; overflow-wrap: break-word; }
.t-claim { background: #ffe27a; }
.t-claim-2 { background: #ffc933; }
.t-quote { border-bottom: 2.5px solid #1d4ed8; padding-bottom: 1px; }
.t-quote-2 { border-bottom: 5px double #1d4ed8; }
.t-actor { text-decoration: overline dotted #a0169c 2.5px; }
.t-actor-2 { text-decoration-style: dashed; text-decoration-thickness: 3.5px; }
.ref {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 0.68em; font-weight: 600;
  line-height: 0; vertical-align: super; color: #3d3d45; unicode-bidi: isolate;
}
.ref a, a.num { color: inherit; text-decoration: none; }
.badge { display: inline-block; font-size: 0.85em; font-weight: 600; padding: 0 0.35em; border-radius: 3px; }
.badge.t-quote, .badge.t-actor { padding-top: 0.1em; }
ol.notes, ol.actors, ol.verdicts, ul.reflist { list-style: none; margin: 0; padding: 0; }
ol.notes > li, ol.actors > li, ol.verdicts > li {
  border: 1px solid #c9c6bb; border-radius: 6px; padding: 0.6em 0.9em; margin: 0 0 0.7em;
}
.num { font-weight: 700; margin-inline-end: 0.3em; }
.exact { font-size: 1.05em; margin: 0.35em 0; white-space: pre-wrap; unicode-bidi: plaintext; overflow-wrap: break-word; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 0.9em; margin: 0.4em 0 0; font-size: 0.95em; }
dl.facts dt { color: #4a4a52; }
dl.facts dd { margin: 0; }
.note, .instructions, .why { white-space: pre-wrap; unicode-bidi: plaintext; }
.actor-head { margin: 0 0 0.2em; }
.kind { color: #4a4a52; margin-inline-start: 0.4em; }
.flag { font-weight: 700; color: #a1260f; }
.anonymous { border-style: dashed; border-width: 2px; }
ul.reflist li { margin: 0.2em 0; }
.reflist-label { font-weight: 600; margin: 0.4em 0 0.1em; }
dl.codebook dt { margin-top: 0.5em; }
dl.codebook dd { margin: 0.2em 0 0 1.5em; }
.example { color: #4a4a52; }
table.scores { border-collapse: collapse; margin: 0.4em 0 0.8em; font-variant-numeric: tabular-nums; }
table.scores th, table.scores td { border: 1px solid #c9c6bb; padding: 0.3em 0.7em; }
table.scores td { text-align: right; }
table.scores thead th { background: #f1efe8; }
table.scores th[scope="row"] { text-align: start; }
table.scores tr.overall th, table.scores tr.overall td { font-weight: 700; border-top: 2px solid #1d1d1f; }
.verdict-label { font-weight: 700; margin: 0; }
.verdict.missed { border-left: 5px solid #a1260f; }
.verdict.extra { border-left: 5px dotted #6b6b73; }
.verdict.wrong-tag { border-left: 5px double #b45309; }
.verdict.matched { border-left: 5px solid #15803d; }
.why-label { font-weight: 600; }
@media print {
  @page { margin: 16mm 15mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  html, body { background: #fff; color: #000; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  li, tr, dl, .legend { break-inside: avoid; page-break-inside: avoid; }
  .article p { orphans: 3; widows: 3; }
  a { color: inherit; }
}
"#;

/// The report of `doc` as one complete HTML5 document, saying it was made at `generated`.
pub fn html(doc: &Document, generated: Timestamp) -> String {
    let numbers: HashMap<&str, usize> =
        doc.annotations.iter().enumerate().map(|(i, a)| (a.id.as_str(), i + 1)).collect();
    let mut out = String::with_capacity(doc.text.len() * 2 + 24_000);
    head(&mut out, doc);
    out.push_str("<body>\n");
    header(&mut out, doc, generated);
    out.push_str("<main>\n");
    legend(&mut out);
    article(&mut out, doc);
    annotation_list(&mut out, doc);
    sources_section(&mut out, doc, &numbers);
    if let Some(assignment) = doc.assignment.as_deref() {
        exercise(&mut out, doc, assignment, &numbers);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// `text` with `& < > " ' =` replaced by character references, safe inside element
/// content and inside quoted attribute values. `=` is escaped too so that text such as
/// `onerror=` never appears literally, not even as harmless escaped text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        push_escaped_char(out, c);
    }
}

fn push_escaped_char(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '=' => out.push_str("&#61;"),
        c => out.push(c),
    }
}

/// Escapes `text` and writes every line break as `\n`.
fn push_text(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() != Some(&'\n') {
                out.push('\n');
            }
        } else {
            push_escaped_char(out, c);
        }
    }
}

/// `url` as a link when it is a web address, otherwise as plain text.
fn push_url(out: &mut String, url: &str) {
    if crate::model::is_web_address(url) {
        out.push_str("<a href=\"");
        push_escaped(out, url);
        out.push_str("\">");
        push_escaped(out, url);
        out.push_str("</a>");
    } else {
        out.push_str("<bdi>");
        push_escaped(out, url);
        out.push_str("</bdi>");
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A share as a whole percentage, or an en dash when it is undefined.
fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |v| format!("{:.0}%", v * 100.0))
}

fn share(n: usize, total: usize) -> String {
    percent((total > 0).then(|| n as f64 / total as f64))
}

/// The day of `t` in words: "25 November 2026".
fn date(t: Timestamp) -> String {
    let iso = t.to_string();
    let day_part = iso.split('T').next().unwrap_or_default();
    let mut parts = day_part.rsplitn(3, '-');
    let (day, month, year) = (parts.next(), parts.next(), parts.next());
    match (day.and_then(|d| d.parse::<u32>().ok()), month.and_then(|m| m.parse::<usize>().ok()), year) {
        (Some(d), Some(m @ 1..=12), Some(y)) => format!("{d} {} {y}", crate::time::MONTHS[m - 1]),
        _ => day_part.to_owned(),
    }
}

fn title_of(doc: &Document) -> &str {
    if doc.title.trim().is_empty() {
        "Untitled article"
    } else {
        &doc.title
    }
}

fn head(out: &mut String, doc: &Document) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"Newsmark\">\n<title>");
    push_escaped(out, title_of(doc));
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n");
}

fn header(out: &mut String, doc: &Document, generated: Timestamp) {
    out.push_str("<header>\n<h1 dir=\"auto\">");
    push_escaped(out, title_of(doc));
    out.push_str("</h1>\n");
    if let Some(byline) = doc.byline.as_deref().filter(|b| !b.trim().is_empty()) {
        out.push_str("<p class=\"meta byline\" dir=\"auto\">");
        push_escaped(out, byline);
        out.push_str("</p>\n");
    }
    if let Some(url) = doc.source_url.as_deref().filter(|u| !u.trim().is_empty()) {
        out.push_str("<p class=\"meta source\">Source: ");
        push_url(out, url);
        out.push_str("</p>\n");
    }
    out.push_str("<p class=\"meta generated\">Annotated with Newsmark on <time datetime=\"");
    out.push_str(&generated.to_string());
    out.push_str("\">");
    out.push_str(&date(generated));
    out.push_str("</time></p>\n</header>\n");
}

fn legend(out: &mut String) {
    out.push_str("<section class=\"legend\" aria-labelledby=\"legend-h\">\n<h2 id=\"legend-h\">How to read the highlights</h2>\n<ul>\n");
    let items = [
        (
            "t-claim",
            "Claim",
            "is shaded (light yellow): a statement presented as true, which a reader could check or dispute.",
        ),
        (
            "t-quote",
            "Quote",
            "has a solid underline (blue): words attributed to someone, directly or in reported speech.",
        ),
        ("t-actor", "Actor", "has a dotted line above (purple): a person, organisation or source who speaks or acts."),
    ];
    for (class, name, look) in items {
        out.push_str("<li><span class=\"sample ");
        out.push_str(class);
        out.push_str("\">");
        out.push_str(name);
        out.push_str("</span> ");
        out.push_str(look);
        out.push_str("</li>\n");
    }
    out.push_str(
        "<li>Where two spans of the same kind overlap, the shading is darker, the underline double and the \
         line above dashed.</li>\n\
         <li>A number such as <sup class=\"ref\">[1]</sup> follows the end of each tagged span \
         and refers to the numbered list of annotations after the article.</li>\n</ul>\n</section>\n",
    );
}

/// Where an annotation's reference number goes: (paragraph index, code point, number).
/// It goes after the annotation's end, or at the end of the last paragraph that starts
/// before that (when the annotation ends in the blank lines between paragraphs).
fn marker_places(doc: &Document, paragraphs: &[Range<usize>], len: usize) -> Vec<(usize, usize, usize)> {
    let mut places: Vec<(usize, usize, usize)> = doc
        .annotations
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let end = a.end.min(len);
            match paragraphs.partition_point(|p| p.start < end).checked_sub(1) {
                Some(p) => (p, end.min(paragraphs[p].end), i + 1),
                None => (0, paragraphs.first().map_or(0, |p| p.start), i + 1),
            }
        })
        .collect();
    places.sort_unstable();
    places
}

fn push_marker(out: &mut String, n: usize) {
    out.push_str(&format!("<sup class=\"ref\"><a href=\"#note-{n}\" id=\"ref-{n}\">[{n}]</a></sup>"));
}

fn article(out: &mut String, doc: &Document) {
    let text: &str = &doc.text;
    let index = OffsetIndex::new(text);
    let paragraphs = segments::paragraphs(text);
    let anns = &doc.annotations;
    let markers = marker_places(doc, &paragraphs, index.cp_len());
    let mut next_marker = 0;

    out.push_str("<section class=\"article\" aria-labelledby=\"article-h\">\n<h2 id=\"article-h\">Article</h2>\n");
    // The annotations that reach into the current paragraph, by index into `anns`; they
    // are in text order, so each enters once and leaves once.
    let mut active: Vec<usize> = Vec::new();
    let mut next_ann = 0;
    for (pi, para) in paragraphs.iter().enumerate() {
        while next_ann < anns.len() && anns[next_ann].start < para.end {
            active.push(next_ann);
            next_ann += 1;
        }
        active.retain(|&i| anns[i].end > para.start);
        let bytes = index.cp_to_byte(para.start).zip(index.cp_to_byte(para.end));
        let (from, to) = bytes.expect("paragraphs lie inside the text");
        let para_text = &text[from..to];
        let ranges: Vec<Range<usize>> = active
            .iter()
            .map(|&i| anns[i].start.saturating_sub(para.start)..anns[i].end.saturating_sub(para.start))
            .collect();
        let segs = segments::segments(0..para.end - para.start, &ranges);
        let texts = segments::segment_texts(para_text, &segs);
        out.push_str("<p dir=\"auto\">");
        push_markers(out, anns, &markers, &mut next_marker, pi, para.start, &[]);
        for (seg, piece) in segs.iter().zip(texts) {
            if seg.covering.is_empty() {
                push_text(out, piece);
            } else {
                let covering: Vec<usize> = seg.covering.iter().map(|&c| active[c]).collect();
                run(out, anns, &covering, piece);
            }
            let at = para.start + seg.range.end;
            if markers.get(next_marker).is_some_and(|&(p, place, _)| p == pi && place <= at) {
                let through: Vec<usize> =
                    active.iter().copied().filter(|&i| anns[i].start < at && at < anns[i].end).collect();
                push_markers(out, anns, &markers, &mut next_marker, pi, at, &through);
            }
        }
        push_markers(out, anns, &markers, &mut next_marker, pi, usize::MAX, &[]);
        out.push_str("</p>\n");
    }
    if next_marker < markers.len() {
        // A text with no paragraphs (only white space) still gets every reference number.
        out.push_str("<p dir=\"auto\">");
        for &(_, _, n) in &markers[next_marker..] {
            push_marker(out, n);
        }
        out.push_str("</p>\n");
    }
    if paragraphs.is_empty() {
        out.push_str("<p class=\"hint\">The article has no text.</p>\n");
    }
    out.push_str("</section>\n");
}

/// Writes the reference marks of paragraph `para` placed at or before `upto`, from
/// `markers[*next..]`. `through` holds the annotations that go on past that point: the
/// marks keep their look, so that the line of a quote is not broken by the mark of a claim
/// nested in it.
fn push_markers(
    out: &mut String,
    anns: &[Annotation],
    markers: &[(usize, usize, usize)],
    next: &mut usize,
    para: usize,
    upto: usize,
    through: &[usize],
) {
    let from = *next;
    while markers.get(*next).is_some_and(|&(p, at, _)| p == para && at <= upto) {
        *next += 1;
    }
    if from == *next {
        return;
    }
    if !through.is_empty() {
        open_run(out, anns, through);
    }
    for &(_, _, n) in &markers[from..*next] {
        push_marker(out, n);
    }
    if !through.is_empty() {
        out.push_str("</span>");
    }
}

/// One run of text covered by the annotations `covering` (indices into `anns`, increasing).
fn run(out: &mut String, anns: &[Annotation], covering: &[usize], piece: &str) {
    open_run(out, anns, covering);
    push_text(out, piece);
    out.push_str("</span>");
}

/// Opens the `<span>` of a run covered by the annotations `covering`: a class for each tag
/// (and a second for a tag that covers it twice or more), and a title naming them.
fn open_run(out: &mut String, anns: &[Annotation], covering: &[usize]) {
    let mut count = [0usize; 3];
    for &i in covering {
        count[anns[i].tag as usize] += 1;
    }
    out.push_str("<span class=\"");
    let mut classes = Vec::new();
    for tag in Tag::ALL {
        match count[tag as usize] {
            0 => {}
            1 => classes.push(format!("t-{tag}")),
            _ => classes.push(format!("t-{tag} t-{tag}-2")),
        }
    }
    out.push_str(&classes.join(" "));
    out.push_str("\" title=\"");
    let labels: Vec<String> = covering.iter().map(|&i| format!("[{}] {}", i + 1, anns[i].tag.label())).collect();
    out.push_str(&labels.join(", "));
    out.push_str("\">");
}

fn fact(out: &mut String, term: &str, value: impl FnOnce(&mut String)) {
    out.push_str("<dt>");
    out.push_str(term);
    out.push_str("</dt><dd>");
    value(out);
    out.push_str("</dd>\n");
}

fn push_badge(out: &mut String, tag: Tag) {
    out.push_str(&format!("<span class=\"badge t-{tag}\">{}</span>", tag.label()));
}

/// The actor `actor` as "Name (kind)".
fn push_actor(out: &mut String, doc: &Document, actor: &Annotation) {
    out.push_str("<bdi>");
    push_escaped(out, doc.actor_name(actor));
    out.push_str("</bdi>");
    let entity = actor.details.entity.as_deref().and_then(|e| doc.entity(e));
    if let Some(entity) = entity {
        out.push_str(" (");
        out.push_str(entity.kind.label());
        out.push(')');
    }
}

fn annotation_list(out: &mut String, doc: &Document) {
    out.push_str("<section class=\"annotations\" aria-labelledby=\"annotations-h\">\n<h2 id=\"annotations-h\">Annotations</h2>\n");
    let [claims, quotes, actors] = doc.counts();
    if doc.annotations.is_empty() {
        out.push_str("<p class=\"hint\">Nothing in this article has been tagged yet.</p>\n");
    } else {
        out.push_str(&format!(
            "<p class=\"hint\">{}, {} and {}, in the order they appear in the text.</p>\n",
            plural(claims, "claim", "claims"),
            plural(quotes, "quote", "quotes"),
            plural(actors, "actor mention", "actor mentions"),
        ));
    }
    if !doc.orphans.is_empty() {
        out.push_str(&format!(
            "<p class=\"hint\">{} could not be found in this text and {} not shown.</p>\n",
            plural(doc.orphans.len(), "imported annotation", "imported annotations"),
            if doc.orphans.len() == 1 { "is" } else { "are" },
        ));
    }
    if doc.annotations.is_empty() {
        out.push_str("</section>\n");
        return;
    }
    out.push_str("<ol class=\"notes\">\n");
    for (i, a) in doc.annotations.iter().enumerate() {
        let n = i + 1;
        out.push_str(&format!("<li id=\"note-{n}\" dir=\"auto\">\n<a class=\"num\" href=\"#ref-{n}\">[{n}]</a> "));
        push_badge(out, a.tag);
        out.push_str("\n<p class=\"exact\" dir=\"auto\">");
        push_text(out, &a.exact);
        out.push_str("</p>\n");
        let facts_at = out.len();
        out.push_str("<dl class=\"facts\">\n");
        let d = &a.details;
        match a.tag {
            Tag::Quote | Tag::Claim => {
                let (term, nobody) = match a.tag {
                    Tag::Quote => ("Said by", "not attributed to anyone"),
                    _ => ("Claimed by", "no source given"),
                };
                fact(out, term, |out| match doc.attributed_actor(&a.id) {
                    Some(actor) => push_actor(out, doc, actor),
                    None => out.push_str(nobody),
                });
            }
            Tag::Actor => {
                if d.entity.as_deref().and_then(|e| doc.entity(e)).is_some() {
                    fact(out, "Stands for", |out| push_actor(out, doc, a));
                }
            }
        }
        if let Some(speech) = d.speech {
            fact(out, "Speech", |out| {
                out.push_str(match speech {
                    Speech::Direct => "Direct: the speaker’s own words",
                    Speech::Indirect => "Indirect: reported speech",
                })
            });
        }
        if let Some(claim_type) = d.claim_type {
            fact(out, "Claim type", |out| out.push_str(claim_type.label()));
        }
        if let Some(check) = d.check {
            fact(out, "Check", |out| out.push_str(check.label()));
        }
        if let Some(url) = d.evidence_url.as_deref().filter(|u| !u.trim().is_empty()) {
            fact(out, "Evidence", |out| push_url(out, url));
        }
        if let Some(note) = a.note.as_deref().filter(|n| !n.trim().is_empty()) {
            out.push_str("<dt>Note</dt><dd class=\"note\" dir=\"auto\">");
            push_text(out, note);
            out.push_str("</dd>\n");
        }
        if out.len() == facts_at + "<dl class=\"facts\">\n".len() {
            out.truncate(facts_at);
        } else {
            out.push_str("</dl>\n");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}

/// A list of annotations by reference number and text.
fn reflist(out: &mut String, doc: &Document, numbers: &HashMap<&str, usize>, label: &str, ids: &[String]) {
    if ids.is_empty() {
        return;
    }
    if !label.is_empty() {
        out.push_str("<p class=\"reflist-label\">");
        out.push_str(label);
        out.push_str("</p>\n");
    }
    out.push_str("<ul class=\"reflist\">\n");
    for id in ids {
        let (Some(a), Some(n)) = (doc.annotation(id), numbers.get(id.as_str())) else { continue };
        out.push_str(&format!("<li dir=\"auto\"><a class=\"num\" href=\"#note-{n}\">[{n}]</a> <bdi>"));
        push_text(out, &a.exact);
        out.push_str("</bdi></li>\n");
    }
    out.push_str("</ul>\n");
}

fn sources_section(out: &mut String, doc: &Document, numbers: &HashMap<&str, usize>) {
    let summary = sources::sources(doc);
    out.push_str("<section class=\"sources\" aria-labelledby=\"sources-h\">\n<h2 id=\"sources-h\">Sources</h2>\n");
    out.push_str(
        "<p class=\"hint\">Who speaks in the article, most quoted first. Share of voice counts the quotes \
         attributed to each actor and the words in them; mentions linked to the same actor are grouped.</p>\n",
    );
    let anonymous = summary.actors.iter().filter(|a| a.is_anonymous()).count();
    if anonymous > 0 {
        out.push_str(&format!(
            "<p class=\"flag\">⚠ {} not named: readers cannot judge an unnamed source’s interests.</p>\n",
            plural(anonymous, "source is", "sources are")
        ));
    }
    if summary.actors.is_empty() {
        out.push_str("<p>No actors are tagged.</p>\n");
    } else {
        out.push_str("<ol class=\"actors\">\n");
        for actor in &summary.actors {
            actor_item(out, doc, numbers, actor, &summary);
        }
        out.push_str("</ol>\n");
    }
    let (quotes, claims) = (&summary.unattributed_quotes, &summary.unattributed_claims);
    if quotes.is_empty() {
        if summary.total_quotes > 0 {
            out.push_str("<p>Every quote is attributed to an actor.</p>\n");
        }
    } else {
        out.push_str(&format!("<h3>⚠ {} not attributed</h3>\n", plural(quotes.len(), "quote", "quotes")));
        out.push_str("<p class=\"hint\">The annotations do not say who said these.</p>\n");
        reflist(out, doc, numbers, "", quotes);
    }
    if !claims.is_empty() {
        out.push_str(&format!("<h3>⚠ {} without a source</h3>\n", plural(claims.len(), "claim", "claims")));
        out.push_str("<p class=\"hint\">The article makes these claims itself, or does not say who does.</p>\n");
        reflist(out, doc, numbers, "", claims);
    }
    out.push_str("</section>\n");
}

fn actor_item(
    out: &mut String,
    doc: &Document,
    numbers: &HashMap<&str, usize>,
    actor: &ActorSummary,
    summary: &sources::Sources,
) {
    out.push_str(if actor.is_anonymous() {
        "<li class=\"actor anonymous\" dir=\"auto\">\n"
    } else {
        "<li class=\"actor\" dir=\"auto\">\n"
    });
    out.push_str("<p class=\"actor-head\"><strong><bdi>");
    push_escaped(out, &actor.name);
    out.push_str("</bdi></strong> <span class=\"kind\">");
    out.push_str(actor.kind.map_or("kind not given", |k| k.label()));
    out.push_str("</span>");
    if actor.is_anonymous() {
        out.push_str(" <span class=\"flag\">⚠ Anonymous source</span>");
    }
    out.push_str("</p>\n<p class=\"figures\">");
    out.push_str(&plural(actor.mentions.len(), "mention", "mentions"));
    out.push_str(" · ");
    out.push_str(&plural(actor.quotes.len(), "quote", "quotes"));
    if !actor.quotes.is_empty() {
        out.push_str(&format!(
            " ({} of quotes, {} of quoted words)",
            share(actor.quotes.len(), summary.total_quotes),
            share(actor.quoted_words, summary.total_quoted_words)
        ));
    }
    out.push_str(" · ");
    out.push_str(&plural(actor.claims.len(), "claim", "claims"));
    out.push_str("</p>\n");
    reflist(out, doc, numbers, "Quotes", &actor.quotes);
    reflist(out, doc, numbers, "Claims", &actor.claims);
    out.push_str("</li>\n");
}

fn exercise(out: &mut String, doc: &Document, assignment: &Assignment, numbers: &HashMap<&str, usize>) {
    out.push_str("<section class=\"exercise\" aria-labelledby=\"exercise-h\">\n<h2 id=\"exercise-h\">Exercise</h2>\n");
    out.push_str("<h3>Instructions</h3>\n<p class=\"instructions\" dir=\"auto\">");
    push_text(out, &assignment.instructions);
    out.push_str("</p>\n");
    if !assignment.codebook.is_empty() {
        out.push_str("<h3>Codebook</h3>\n<dl class=\"codebook\">\n");
        for entry in &assignment.codebook {
            out.push_str("<dt>");
            push_badge(out, entry.tag);
            out.push_str("</dt>\n<dd dir=\"auto\">");
            push_text(out, &entry.definition);
            if !entry.example.trim().is_empty() {
                out.push_str("<br><span class=\"example\">Example: <bdi>");
                push_text(out, &entry.example);
                out.push_str("</bdi></span>");
            }
            out.push_str("</dd>\n");
        }
        out.push_str("</dl>\n");
    }
    if let (Some(checked), Some(key)) = (&assignment.checked, assignment.key.open()) {
        let check = agreement::check(key, doc);
        first_check(out, doc, checked);
        scores(out, &check);
        feedback(out, doc, key, &check, numbers);
    } else if assignment.key.open().is_none() {
        out.push_str("<p class=\"hint\">This work carries no readable answer key (it is sealed, or the teacher keeps it), so there is no feedback here.</p>\n");
    } else {
        out.push_str("<p class=\"hint\">This work has not been checked yet, so the answer key stays hidden.</p>\n");
    }
    out.push_str("</section>\n");
}

fn score_row(out: &mut String, label: &str, prf: &Prf, class: &str) {
    out.push_str(&format!(
        "<tr{class}><th scope=\"row\">{label}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        percent(prf.precision()),
        percent(prf.recall()),
        percent(prf.f1()),
        prf.tp,
        prf.fp,
        prf.fn_,
    ));
}

/// The first check as the work recorded it, and how many changes came after it.
fn first_check(out: &mut String, doc: &Document, checked: &crate::exercise::Checked) {
    let Some(first) = &checked.scores else { return };
    let o = first.overall;
    let when = checked.at.map_or(String::new(), |t| format!(" on {}", t.to_string().replace('T', " at ")));
    out.push_str(&format!(
        "<p class=\"first-check\">First check{when}, recorded for good: precision {}, recall {}, F1 {} overall.",
        percent(o.precision()),
        percent(o.recall()),
        percent(o.f1())
    ));
    match crate::exercise::after_check(doc).map(|a| a.count()) {
        Some(0) => out.push_str(" Nothing has changed since."),
        Some(n) => out.push_str(&format!(
            " The scores below are of the work now, with {n} {} since, scored separately.",
            if n == 1 { "change" } else { "changes" }
        )),
        None => {}
    }
    out.push_str("</p>\n");
}

fn scores(out: &mut String, check: &Check) {
    out.push_str("<h3>Scores</h3>\n<table class=\"scores\">\n<thead><tr><th scope=\"col\">Tag</th>");
    for head in ["Precision", "Recall", "F1", "Matched", "Extra", "Missed"] {
        out.push_str(&format!("<th scope=\"col\">{head}</th>"));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for tag in Tag::ALL {
        score_row(out, tag.label(), &check.per_tag[tag as usize], "");
    }
    score_row(out, "Overall", &check.overall, " class=\"overall\"");
    out.push_str("</tbody>\n</table>\n");
    out.push_str(&format!(
        "<p class=\"attributions\">Speakers: {} of {} matched quotes and claims attributed to the right actor.</p>\n",
        check.attribution_correct, check.attribution_total
    ));
    out.push_str(&format!(
        "<p class=\"hint\">Precision: how many of the student’s spans are in the answer key. Recall: how many of \
         the key’s spans the student found. F1 combines the two. {} Extra: tagged but not in the key. Missed: in \
         the key but not tagged.</p>\n",
        crate::agreement::MATCHING_RULE
    ));
}

fn feedback(out: &mut String, doc: &Document, key: &AnswerKey, check: &Check, numbers: &HashMap<&str, usize>) {
    out.push_str("<h3>Feedback on each span</h3>\n<ol class=\"verdicts\">\n");
    let (doc, key) = (doc.reading(), key.reading());
    let tag_of = |d: Reading, id: &str| d.annotation(id).map_or("span", |a| a.tag.as_str());
    let number = |id: &str| numbers.get(id).map(|n| format!(" <a class=\"num\" href=\"#note-{n}\">[{n}]</a>"));
    let exact = |out: &mut String, d: Reading, id: &str| {
        if let Some(a) = d.annotation(id) {
            out.push_str("<p class=\"exact\" dir=\"auto\">");
            push_text(out, &a.exact);
            out.push_str("</p>\n");
        }
    };
    let why = |out: &mut String, id: &str| {
        if let Some(note) = key.annotation(id).and_then(|a| a.note.as_deref()).filter(|n| !n.trim().is_empty()) {
            out.push_str("<p class=\"why\" dir=\"auto\"><span class=\"why-label\">Teacher’s explanation:</span> ");
            push_text(out, note);
            out.push_str("</p>\n");
        }
    };
    for verdict in &check.verdicts {
        match verdict {
            Verdict::Matched { key: k, student, attribution, .. } => {
                out.push_str("<li class=\"verdict matched\" dir=\"auto\">\n<p class=\"verdict-label\">✓ Matched ");
                out.push_str(tag_of(key, k));
                out.push_str(&number(student).unwrap_or_default());
                out.push_str("</p>\n");
                exact(out, doc, student);
                let (mine, theirs) = (doc.annotation(student), key.annotation(k));
                if let (Some(mine), Some(theirs)) = (mine, theirs) {
                    if mine.exact != theirs.exact {
                        out.push_str("<p class=\"key-span\" dir=\"auto\">The key’s span: <bdi>");
                        push_text(out, &theirs.exact);
                        out.push_str("</bdi></p>\n");
                    }
                }
                match attribution {
                    Some(true) => out.push_str("<p class=\"attribution ok\">✓ Right speaker</p>\n"),
                    Some(false) => {
                        out.push_str("<p class=\"attribution wrong\">✗ Wrong or missing speaker: the key says <bdi>");
                        if let Some(actor) = key.attributed_actor(k) {
                            push_escaped(out, key.actor_name(actor));
                        }
                        out.push_str("</bdi></p>\n");
                    }
                    None => {}
                }
                why(out, k);
            }
            Verdict::Missed { key: k } => {
                out.push_str("<li class=\"verdict missed\" dir=\"auto\">\n<p class=\"verdict-label\">✗ Missed ");
                out.push_str(tag_of(key, k));
                out.push_str("</p>\n");
                exact(out, key, k);
                why(out, k);
            }
            Verdict::Extra { student } => {
                out.push_str(
                    "<li class=\"verdict extra\" dir=\"auto\">\n<p class=\"verdict-label\">? Not in the key: ",
                );
                out.push_str(tag_of(doc, student));
                out.push_str(&number(student).unwrap_or_default());
                out.push_str("</p>\n");
                exact(out, doc, student);
            }
            Verdict::WrongTag { key: k, student } => {
                out.push_str(
                    "<li class=\"verdict wrong-tag\" dir=\"auto\">\n<p class=\"verdict-label\">≠ Right words, different tag: ",
                );
                out.push_str(&format!("tagged as {}, the key says {}", tag_of(doc, student), tag_of(key, k)));
                out.push_str(&number(student).unwrap_or_default());
                out.push_str("</p>\n");
                exact(out, doc, student);
                why(out, k);
            }
        }
        out.push_str("</li>\n");
    }
    if check.verdicts.is_empty() {
        out.push_str("<li>Neither the answer key nor this work has any spans.</li>\n");
    }
    out.push_str("</ol>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_replaces_the_characters_that_matter_in_html() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>&</a>"#),
            "&lt;a href&#61;&quot;x&quot; title&#61;&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape("plain “text”, وزير, 外交部 👋🏿"), "plain “text”, وزير, 外交部 👋🏿");
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn line_breaks_become_newlines() {
        let mut out = String::new();
        push_text(&mut out, "a\r\nb\rc\nd<");
        assert_eq!(out, "a\nb\nc\nd&lt;");
    }

    #[test]
    fn only_web_addresses_become_links() {
        for (url, link) in [
            ("https://example.org/a?b=c", true),
            ("HTTP://example.org", true),
            ("javascript:alert(1)", false),
            (" https://example.org", false),
            ("data:text/html,hi", false),
            ("http:", false),
        ] {
            let mut out = String::new();
            push_url(&mut out, url);
            assert_eq!(out.contains("<a href"), link, "{url}");
        }
    }

    #[test]
    fn dates_are_written_in_words() {
        assert_eq!(date(Timestamp(1_795_622_047_000)), "25 November 2026");
        assert_eq!(date(Timestamp(0)), "1 January 1970");
    }
}
