//! CSV: the golden export of the Unicode fixture, read back with a small RFC 4180 parser.

mod common;

use newsmark_core::formats::csv;
use newsmark_core::{Action, Tag};

/// Splits RFC 4180 CSV into rows of fields: quoted fields may hold commas, doubled
/// quotes and line breaks; rows end with `\r\n`.
fn parse(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "a quote inside an unquoted field");
                quoted = true;
            }
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "rows end with \\r\\n");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare \\n ends a row"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted && field.is_empty() && row.is_empty(), "the last row ends with \\r\\n");
    rows
}

fn exported_rows() -> Vec<Vec<String>> {
    let bytes = csv::export(&[common::document()]).bytes;
    let text = String::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a UTF-8 byte order mark first");
    parse(text)
}

#[test]
fn the_unicode_fixture_exports_as_in_the_golden_file() {
    let exported = csv::export(&[common::document()]);
    common::golden("unicode-check.csv", &exported.bytes);
    assert!(exported.bytes.starts_with("\u{feff}document,title,".as_bytes()));
    assert_eq!(exported.left_out, ["The article text is not included: a CSV holds one row per annotation."]);
    assert_eq!(csv::export(&[common::document()]), exported, "the same document gives the same bytes");
}

#[test]
fn the_rows_read_back_with_notes_and_actors_intact() {
    let rows = exported_rows();
    assert_eq!(rows[0], ["document", "title", "annotation", "tag", "start", "end", "text", "note", "actor"]);
    assert_eq!(rows.len(), 1 + 6);
    assert!(rows.iter().all(|r| r.len() == 9));
    let body = &rows[1..];
    // One row per annotation, in text order, with code-point offsets.
    let chars: Vec<char> = common::TEXT.chars().collect();
    for (row, (id, tag, exact, note)) in body.iter().zip(common::SPANS) {
        assert_eq!(row[0], "unicode-check");
        assert_eq!(row[1], "Unicode check: “leaks”, وزير, 外交部");
        assert_eq!(row[2], id);
        assert_eq!(row[3], tag.label());
        let (start, end): (usize, usize) = (row[4].parse().unwrap(), row[5].parse().unwrap());
        assert_eq!(chars[start..end].iter().collect::<String>(), exact);
        assert_eq!(row[6], exact);
        assert_eq!(row[7], note.unwrap_or(""));
    }
    assert_eq!((body[0][4].as_str(), body[0][5].as_str()), ("0", "9"), "Zoë Hart is 9 code points");
    assert_eq!(body[0][7], "Lab director; \"named\" source, on record");
    assert_eq!(body[2][7], "Check the inspection report.\nPage 4.");
    let actors: Vec<&str> = body.iter().map(|r| r[8].as_str()).collect();
    assert_eq!(actors, ["", "Zoe\u{308} Hart", "", "", "وزير الخارجية", ""]);
}

#[test]
fn orphans_are_left_out_and_said_so() {
    let mut doc = common::document();
    let orphan = doc.annotations.remove(5);
    doc.orphans.push(orphan);
    let exported = csv::export(&[doc]);
    assert_eq!(
        exported.left_out,
        [
            "The article text is not included: a CSV holds one row per annotation.",
            "1 orphaned annotation (not placed in the text) is not included."
        ]
    );
    let text = String::from_utf8(exported.bytes).unwrap();
    assert_eq!(parse(text.trim_start_matches('\u{feff}')).len(), 1 + 5);
}

#[test]
fn csv_injection_a_note_or_title_that_looks_like_a_formula_is_written_as_text() {
    // A note, a title and an actor's text that a spreadsheet would run as formulas.
    let text = "-Lavrov said +2% and @everyone cheered.";
    let mut doc = newsmark_core::Document::new("d", "=HYPERLINK(\"http://evil.example\",\"open\")", text, common::NOW);
    let mut ws = newsmark_core::Workspace::with_documents(vec![doc.clone()]);
    for (id, tag, exact) in [("a1", Tag::Actor, "-Lavrov"), ("a2", Tag::Claim, "+2%"), ("a3", Tag::Claim, "@everyone")]
    {
        let start = text[..text.find(exact).unwrap()].chars().count();
        let end = start + exact.chars().count();
        ws.apply(Action::AddAnnotation { doc: "d".into(), id: id.into(), tag, start, end }, common::NOW).unwrap();
    }
    let note = "=cmd|' /C calc'!A0";
    ws.apply(Action::EditNote { doc: "d".into(), annotation: "a2".into(), note: note.into() }, common::NOW).unwrap();
    doc = (*ws.documents()[0]).clone();

    let bytes = csv::export(&[doc]).bytes;
    let text = String::from_utf8(bytes).unwrap();
    let rows = parse(text.trim_start_matches('\u{feff}'));
    assert_eq!(rows[1][1], "'=HYPERLINK(\"http://evil.example\",\"open\")");
    assert_eq!(rows[1][6], "'-Lavrov");
    assert_eq!((rows[2][6].as_str(), rows[2][7].as_str()), ("'+2%", "'=cmd|' /C calc'!A0"));
    assert_eq!(rows[3][6], "'@everyone");
    // Newsmark's own fields are as they were: ids, tags and offsets.
    let offsets: Vec<(&str, &str, &str)> =
        rows[1..].iter().map(|r| (r[3].as_str(), r[4].as_str(), r[5].as_str())).collect();
    assert_eq!(offsets, [("Actor", "0", "7"), ("Claim", "13", "16"), ("Claim", "21", "30")]);
    assert!(
        text.contains(
            "\r\nd,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\",a1,Actor,0,7,\"'-Lavrov\",,\r\n"
        ),
        "{text}"
    );
}
