//! The HTML report: a golden file for the sample article, every span of the Unicode fixture
//! in the right place, nothing from a document that could run as script, and the scores
//! of a checked exercise.
//!
//! Line breaks: the report writes every line break as `\n` (`\r\n` becomes `\n`, as an HTML
//! parser would make it anyway) and each paragraph as a `<p>`, so the article's text is
//! compared with the document's text with `\r\n` normalised to `\n`, the paragraphs joined
//! by one blank line.

mod common;

use newsmark_core::agreement;
use newsmark_core::report::{self, escape};
use newsmark_core::sample::{sample_document, SAMPLE_ID};
use newsmark_core::sample_exercise::{sample_exercise, sample_student_sets};
use newsmark_core::Action;
use newsmark_core::{ActorKind, CheckStatus, ClaimType, Details, Document, Entity, Speech, Tag, Timestamp, Workspace};

const NOW: Timestamp = Timestamp(1_795_622_047_000);

/// What an HTML parser makes of the text between tags.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#61;", "=")
        .replace("&amp;", "&")
}

/// The part of `html` from `<section class="NAME"` to the end of that section.
fn section<'a>(html: &'a str, name: &str) -> &'a str {
    let start = html.find(&format!("<section class=\"{name}\"")).unwrap_or_else(|| panic!("no {name} section"));
    let end = html[start..].find("</section>").expect("the section ends") + start;
    &html[start..end]
}

/// A piece of the article: a tag, or text between tags.
enum Token<'a> {
    Tag(&'a str),
    Text(&'a str),
}

fn tokens(html: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').expect("tags close") + 1;
            out.push(Token::Tag(&rest[..end]));
            rest = &rest[end..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push(Token::Text(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// What the article part holds: each paragraph's text (reference marks left out), the
/// runs of highlighted text as (classes, reference numbers, text), and the order in which
/// text and reference marks come, as (Some(reference numbers covering the text), None)
/// for text and (None, Some(n)) for a mark.
struct Article {
    paragraphs: Vec<String>,
    runs: Vec<(Vec<String>, Vec<usize>, String)>,
    stream: Vec<(Option<Vec<usize>>, Option<usize>)>,
    marks: usize,
}

fn read_article(html: &str) -> Article {
    let mut article = Article { paragraphs: Vec::new(), runs: Vec::new(), stream: Vec::new(), marks: 0 };
    let mut run: Option<(Vec<String>, Vec<usize>)> = None;
    let mut in_mark = false;
    let mut in_paragraph = false;
    for token in tokens(section(html, "article")) {
        match token {
            Token::Tag(t) if t.starts_with("<p") => {
                in_paragraph = true;
                article.paragraphs.push(String::new());
            }
            Token::Tag("</p>") => in_paragraph = false,
            Token::Tag(t) if t.starts_with("<sup") => {
                in_mark = true;
                article.marks += 1;
            }
            Token::Tag("</sup>") => in_mark = false,
            Token::Tag(t) if t.starts_with("<span") => {
                let classes = attribute(t, "class").unwrap().split(' ').map(str::to_owned).collect();
                let title = attribute(t, "title").unwrap();
                let refs = title.split(", ").map(|label| label[1..label.find(']').unwrap()].parse().unwrap()).collect();
                run = Some((classes, refs));
            }
            Token::Tag("</span>") => run = None,
            Token::Tag(_) => {}
            Token::Text(s) if in_mark => {
                let n: usize = s.trim_matches(['[', ']']).parse().expect("a mark is a number in brackets");
                article.stream.push((None, Some(n)));
            }
            Token::Text(s) if in_paragraph => {
                let text = unescape(s);
                article.paragraphs.last_mut().unwrap().push_str(&text);
                let refs = run.as_ref().map(|(_, refs)| refs.clone()).unwrap_or_default();
                article.stream.push((Some(refs), None));
                if let Some((classes, refs)) = &run {
                    article.runs.push((classes.clone(), refs.clone(), text));
                }
            }
            Token::Text(_) => {}
        }
    }
    article
}

/// The sample article with one quote attributed and a claim and a quote analysed.
fn sample_with_attribution() -> Document {
    let mut ws = Workspace::with_documents(vec![sample_document(NOW)]);
    let doc = || SAMPLE_ID.to_owned();
    ws.apply(Action::Attribute { doc: doc(), id: "r1".into(), from: "sample-2".into(), to: "sample-0".into() }, NOW)
        .unwrap();
    let claim = Details {
        claim_type: Some(ClaimType::Statistic),
        check: Some(CheckStatus::NotChecked),
        evidence_url: Some("https://example.org/eastquay/council-minutes?meeting=budget&item=7".into()),
        ..Details::default()
    };
    ws.apply(Action::SetDetails { doc: doc(), annotation: "sample-1".into(), details: claim }, NOW).unwrap();
    let quote = Details { speech: Some(Speech::Direct), ..Details::default() };
    ws.apply(Action::SetDetails { doc: doc(), annotation: "sample-2".into(), details: quote }, NOW).unwrap();
    ws.document(SAMPLE_ID).unwrap().clone()
}

#[test]
fn the_sample_report_matches_its_golden_file() {
    let doc = sample_with_attribution();
    let html = report::html(&doc, NOW);
    assert_eq!(html, report::html(&doc, NOW), "the same document and time give the same bytes");
    assert!(html.contains("<dt>Said by</dt><dd><bdi>Councillor Petra Lindqvist</bdi></dd>"));
    assert!(
        html.contains("Annotated with Newsmark on <time datetime=\"2026-11-25T15:54:07.000Z\">25 November 2026</time>")
    );
    common::golden("sample.report.html", html.as_bytes());
}

#[test]
fn the_head_is_self_contained() {
    let html = report::html(&sample_with_attribution(), NOW);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"));
    assert!(html.contains("<meta name=\"generator\" content=\"Newsmark\">"));
    assert!(html.contains(&format!("<title>{}</title>", newsmark_core::sample::SAMPLE_TITLE)));
    assert_eq!(html.matches("<style>").count(), 1);
    assert!(html.contains("@media print") && html.contains("print-color-adjust: exact"));
    for external in ["<link", "<script", "<img", "<iframe", "src=", "url(", "@import"] {
        assert!(!html.contains(external), "{external}");
    }
    assert!(html.ends_with("</html>\n"));
}

#[test]
fn every_span_of_the_unicode_fixture_is_inside_the_right_runs() {
    let doc = common::document();
    let html = report::html(&doc, common::NOW);
    let article = read_article(&html);
    assert_eq!(article.marks, doc.annotations.len());

    // The article's text, without the reference marks, is the document's.
    assert_eq!(article.paragraphs.join("\n\n"), common::TEXT.replace("\r\n", "\n"));

    for (i, a) in doc.annotations.iter().enumerate() {
        let n = i + 1;
        let mine: Vec<_> = article.runs.iter().filter(|(_, refs, _)| refs.contains(&n)).collect();
        let text: String = mine.iter().map(|(_, _, t)| t.as_str()).collect();
        assert_eq!(text, a.exact.replace("\r\n", "\n"), "annotation [{n}] {}", a.id);
        for (classes, _, t) in &mine {
            assert!(classes.contains(&format!("t-{}", a.tag)), "{t:?} of [{n}] lacks t-{}", a.tag);
        }
        // The mark comes after the span's last piece of text, and none of it follows.
        let at = article.stream.iter().position(|(_, mark)| *mark == Some(n)).expect("every span has its mark");
        let last_text = article.stream[..at].iter().rev().find_map(|(refs, _)| refs.as_ref()).unwrap();
        assert!(last_text.contains(&n), "[{n}] is not right after its span");
        assert!(article.stream[at + 1..].iter().all(|(refs, _)| refs.as_ref().is_none_or(|r| !r.contains(&n))));
    }
    // Each run's classes are those of the tags covering it, in the order claim, quote, actor.
    for (classes, refs, t) in &article.runs {
        let mut want: Vec<String> = Vec::new();
        for tag in Tag::ALL {
            let k = refs.iter().filter(|&&n| doc.annotations[n - 1].tag == tag).count();
            if k > 0 {
                want.push(format!("t-{tag}"));
            }
            if k > 1 {
                want.push(format!("t-{tag}-2"));
            }
        }
        assert_eq!(classes, &want, "{t:?}");
    }
    // The quote holds the claim: the claim's mark comes before the closing quotation mark,
    // and keeps the quote's underline.
    assert!(html.contains(
        "we found 3 leaks</span><span class=\"t-quote\" title=\"[2] Quote\"><sup class=\"ref\">\
         <a href=\"#note-3\" id=\"ref-3\">[3]</a></sup></span><span class=\"t-quote\" title=\"[2] Quote\">”</span>\
         <sup class=\"ref\"><a href=\"#note-2\" id=\"ref-2\">[2]</a></sup>."
    ));

    // The list, in text order, with the note's line break kept and its quotes escaped.
    let list = section(&html, "annotations");
    for (i, a) in doc.annotations.iter().enumerate() {
        let item = format!("<li id=\"note-{}\" dir=\"auto\">", i + 1);
        let at = list.find(&item).unwrap_or_else(|| panic!("no {item}"));
        let exact = format!("<p class=\"exact\" dir=\"auto\">{}</p>", escape(&a.exact.replace("\r\n", "\n")));
        assert_eq!(list[at..].find(&exact).map(|e| e < 200), Some(true), "{}", a.id);
    }
    assert!(list.contains("Lab director; &quot;named&quot; source, on record"));
    assert!(list.contains("Check the inspection report.\nPage 4."));
    assert!(list.contains("<dt>Said by</dt><dd><bdi>Zoe\u{308} Hart</bdi></dd>"));
    assert!(list.contains("<dt>Claimed by</dt><dd><bdi>وزير الخارجية</bdi></dd>"));
    assert!(list.contains("<dt>Claimed by</dt><dd>no source given</dd>"));
    // Right-to-left text shows the right way round.
    assert!(html.contains("<p dir=\"auto\">قال"));
    assert!(html.contains("unicode-bidi: plaintext"));
}

const PAYLOADS: [&str; 4] =
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "\"><svg onload=alert(1)>"];

/// Panics if `html` holds anything that could run as script.
fn assert_inert(html: &str) {
    let lower = html.to_lowercase();
    for bad in ["<script", "onerror=", "onload=", "href=\"javascript:", "<img", "<svg"] {
        assert!(!lower.contains(bad), "the report contains {bad}");
    }
    // No tag has an attribute whose name starts with "on".
    for token in tokens(&lower) {
        if let Token::Tag(tag) = token {
            let mut in_value = false;
            for (i, c) in tag.char_indices() {
                if c == '"' {
                    in_value = !in_value;
                } else if !in_value && c.is_whitespace() {
                    assert!(!tag[i + 1..].starts_with("on"), "an on… attribute in {tag}");
                }
            }
        }
    }
}

fn hostile_document(source_url: &str) -> Document {
    let all = PAYLOADS.join(" ");
    let text = format!("Intro {all} end.\n\nSecond paragraph {all}.");
    let mut doc = Document::new("x", format!("Title {all}"), text.clone(), NOW);
    doc.source_url = Some(source_url.into());
    doc.byline = Some(format!("By {all}"));
    let mut ws = Workspace::default();
    ws.apply(Action::AddDocument(doc), NOW).unwrap();
    let cp = |byte: usize| text[..byte].chars().count();
    let payloads: Vec<(usize, usize)> = PAYLOADS
        .iter()
        .map(|p| {
            let b = text.find(p).unwrap();
            (cp(b), cp(b + p.len()))
        })
        .collect();
    let spans = [
        ("q", Tag::Quote, payloads[0].0, payloads[3].1),
        ("c", Tag::Claim, payloads[1].0, payloads[2].1),
        ("a", Tag::Actor, payloads[3].0, payloads[3].1),
    ];
    for (id, tag, start, end) in spans {
        ws.apply(Action::AddAnnotation { doc: "x".into(), id: id.into(), tag, start, end }, NOW).unwrap();
        ws.apply(Action::EditNote { doc: "x".into(), annotation: id.into(), note: format!("Note {all}") }, NOW)
            .unwrap();
    }
    let entity = Entity { id: "e".into(), name: format!("Name {all}"), kind: ActorKind::Anonymous };
    ws.apply(Action::PutEntity { doc: "x".into(), entity }, NOW).unwrap();
    let details = Details { entity: Some("e".into()), ..Details::default() };
    ws.apply(Action::SetDetails { doc: "x".into(), annotation: "a".into(), details }, NOW).unwrap();
    let details = Details { evidence_url: Some("javascript:alert(1)".into()), ..Details::default() };
    ws.apply(Action::SetDetails { doc: "x".into(), annotation: "c".into(), details }, NOW).unwrap();
    ws.apply(Action::Attribute { doc: "x".into(), id: "r".into(), from: "q".into(), to: "a".into() }, NOW).unwrap();
    ws.document("x").unwrap().clone()
}

#[test]
fn nothing_from_the_document_can_run_as_script() {
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "https://news.example/\"><svg onload=alert(1)><script>alert(1)</script>",
    ] {
        let doc = hostile_document(url);
        let html = report::html(&doc, NOW);
        assert_inert(&html);
        // The payloads are still there, as text.
        assert!(html.contains("<title>Title &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src&#61;x onerror&#61;"));
        assert!(html.contains("Name &lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("Note &lt;script&gt;"));
        let article = read_article(&html);
        assert_eq!(article.paragraphs.join("\n\n"), doc.text.as_ref());
        assert_eq!(article.marks, 3);
    }
    let html = report::html(&hostile_document("javascript:alert(1)"), NOW);
    assert!(html.contains("<p class=\"meta source\">Source: <bdi>javascript:alert(1)</bdi></p>"));
    assert!(html.contains("<dt>Evidence</dt><dd><bdi>javascript:alert(1)</bdi></dd>"));
    let html = report::html(&hostile_document("https://news.example/\"><svg onload=alert(1)>"), NOW);
    assert!(html.contains("<a href=\"https://news.example/&quot;&gt;&lt;svg onload&#61;alert(1)&gt;\">"));
}

#[test]
fn escape_covers_the_five_characters_and_equals() {
    assert_eq!(escape("&<>\"'="), "&amp;&lt;&gt;&quot;&#39;&#61;");
    assert_eq!(escape("Zoë Hart, وزير, 外交部, 👨‍👩‍👧"), "Zoë Hart, وزير, 外交部, 👨‍👩‍👧");
    for payload in PAYLOADS {
        let escaped = escape(payload);
        assert!(!escaped.contains(['<', '>', '"', '\'', '=']), "{escaped}");
        assert_eq!(unescape(&escaped), payload);
    }
}

/// The cells of the scores table's row for `label`.
fn score_row(html: &str, label: &str) -> Vec<String> {
    let head = format!("<th scope=\"row\">{label}</th>");
    let at = html.find(&head).unwrap_or_else(|| panic!("no {label} row")) + head.len();
    let row = &html[at..at + html[at..].find("</tr>").unwrap()];
    row.split("<td>").skip(1).map(|c| c.trim_end_matches("</td>").to_owned()).collect()
}

fn percent(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| format!("{:.0}%", v * 100.0))
}

#[test]
fn a_checked_exercise_shows_its_scores_and_feedback() {
    let exercise = sample_exercise(NOW);
    for (name, student) in sample_student_sets(NOW) {
        let id = student.id.clone();
        let unchecked = report::html(&student, NOW);
        assert!(unchecked
            .contains(&format!("<p class=\"instructions\" dir=\"auto\">{}</p>", escape(&exercise.instructions))));
        assert!(unchecked.contains("<h3>Codebook</h3>"));
        assert!(!unchecked.contains("class=\"scores\"") && !unchecked.contains("Teacher’s explanation"), "{name}");

        let mut ws = Workspace::with_documents(vec![student]);
        ws.apply(Action::CheckExercise { doc: id.clone() }, NOW).unwrap();
        let doc = ws.document(&id).unwrap();
        let html = report::html(doc, NOW);
        assert_inert(&html);
        let check = agreement::check(exercise.key.open().unwrap(), doc);
        // The work records when it was checked and the scores then.
        let checked = doc.assignment.as_ref().unwrap().checked.as_ref().expect("the check is recorded");
        assert_eq!((checked.at, checked.scores), (Some(NOW), Some(check.scores())), "{name}");
        let overall = score_row(&html, "Overall");
        let o = check.overall;
        assert_eq!(overall[2], percent(o.f1()), "{name}: overall F1");
        assert_eq!(
            overall,
            [
                percent(o.precision()),
                percent(o.recall()),
                percent(o.f1()),
                o.tp.to_string(),
                o.fp.to_string(),
                o.fn_.to_string()
            ],
            "{name}"
        );
        for tag in Tag::ALL {
            let p = check.per_tag[tag as usize];
            assert_eq!(
                score_row(&html, tag.label())[..3],
                [percent(p.precision()), percent(p.recall()), percent(p.f1())]
            );
        }
        assert!(html.contains(&format!(
            "Speakers: {} of {} matched quotes and claims attributed to the right actor.",
            check.attribution_correct, check.attribution_total
        )));
        assert!(html.contains(agreement::MATCHING_RULE), "the report states the one matching rule");
        // One feedback item per verdict, with the teacher's explanation where the key has one.
        let verdicts = section(&html, "exercise");
        assert_eq!(verdicts.matches("<li class=\"verdict ").count(), check.verdicts.len(), "{name}");
        for v in &check.verdicts {
            if let agreement::Verdict::Missed { key } = v {
                let note = exercise.key.open().unwrap().annotation(key).unwrap().note.as_deref().unwrap();
                assert!(verdicts.contains(&escape(note)), "{name}: the explanation of missed {key}");
            }
        }
    }
}

#[test]
fn a_text_without_paragraphs_still_gets_its_marks() {
    let mut ws = Workspace::default();
    ws.apply(Action::AddDocument(Document::new("w", "", "  \n\n  ", NOW)), NOW).unwrap();
    ws.apply(Action::AddAnnotation { doc: "w".into(), id: "a".into(), tag: Tag::Claim, start: 1, end: 4 }, NOW)
        .unwrap();
    let html = report::html(ws.document("w").unwrap(), NOW);
    assert!(html.contains("<title>Untitled article</title>"));
    assert_eq!(read_article(&html).marks, 1);
}

#[test]
fn a_report_of_work_changed_after_its_first_check_gives_the_first_check_and_the_changes_since() {
    let (_, student) = sample_student_sets(NOW).remove(1);
    let id = student.id.clone();
    let mut ws = Workspace::with_documents(vec![student]);
    ws.apply(Action::CheckExercise { doc: id.clone() }, NOW).unwrap();
    let first = report::html(ws.document(&id).unwrap(), NOW);
    assert!(first.contains("<p class=\"first-check\">First check on 2026-"), "{first}");
    assert!(first.contains(", recorded for good: precision ") && first.contains(" Nothing has changed since.</p>"));
    let gone = ws.document(&id).unwrap().annotations[0].id.clone();
    ws.apply(Action::DeleteAnnotation { doc: id.clone(), annotation: gone }, NOW).unwrap();
    let later = report::html(ws.document(&id).unwrap(), NOW);
    assert!(later.contains(" The scores below are of the work now, with 1 change since, scored separately.</p>"));
}
