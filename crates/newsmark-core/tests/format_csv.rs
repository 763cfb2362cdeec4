//! CSV: the golden export of the Unicode fixture, read back with a small RFC 4180 parser.

mod common;

use newsmark_core::formats::csv;

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
