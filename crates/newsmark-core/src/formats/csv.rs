//! CSV for spreadsheets: one row per annotation, in text order.
//!
//! Columns: `document,title,annotation,tag,start,end,text,note,actor`. `start` and `end`
//! count code points; `actor` is the text of the actor a quote or claim is attributed
//! to. The file follows RFC 4180: fields holding a comma, a double quote or a line break
//! are quoted, with inner quotes doubled, and lines end with `\r\n`. It starts with a
//! UTF-8 byte order mark, without which Excel reads the file in the computer's old code
//! page and garbles every accent, Arabic letter, CJK character and emoji.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or a carriage
//! return before one) as a formula, so a note such as `=HYPERLINK(…)` would become a live
//! link or worse when the file is opened ("CSV injection"). As OWASP advises, such a cell
//! is written with a single quote `'` in front, which makes spreadsheets show it as text,
//! and inside double quotes. Newsmark's own numbers (the offsets) never start that way.
//!
//! The article text itself is not included: a CSV holds one row per annotation.

use super::orphans_left_out;
use super::Exported;
use crate::model::Document;

const HEADER: [&str; 9] = ["document", "title", "annotation", "tag", "start", "end", "text", "note", "actor"];

/// The rows of every document's annotations.
pub fn export(docs: &[Document]) -> Exported {
    let mut out = String::from("\u{feff}");
    write_row(&mut out, &HEADER);
    for doc in docs {
        for a in &doc.annotations {
            let actor = doc.attributed_actor(&a.id).map_or("", |actor| actor.exact.as_str());
            let (start, end) = (a.start.to_string(), a.end.to_string());
            let note = a.note.as_deref().unwrap_or("");
            write_row(&mut out, &[&doc.id, &doc.title, &a.id, a.tag.label(), &start, &end, &a.exact, note, actor]);
        }
    }
    let mut left_out = Vec::new();
    if !docs.is_empty() {
        left_out.push("The article text is not included: a CSV holds one row per annotation.".to_owned());
    }
    left_out.extend(orphans_left_out(docs));
    Exported { bytes: out.into_bytes(), left_out }
}

/// What a spreadsheet takes as the start of a formula when it begins a cell.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Writes one row of `fields`, quoted where they must be and with formulas made text, and
/// its line end. The gradebook's CSV is written with it too.
pub(crate) fn write_row(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let formula = field.starts_with(FORMULA_STARTS);
        if formula || field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            if formula {
                out.push('\'');
            }
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let mut out = String::new();
        write_row(&mut out, &["plain", "a,b", "say \"hi\"", "two\nlines", "", "Zoe\u{308}"]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,Zoe\u{308}\r\n");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_written_as_text() {
        let mut out = String::new();
        let cells =
            ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "a=b", "1-2", "0", "57"];
        write_row(&mut out, &cells);
        assert_eq!(
            out,
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'+1\",\"'-2+3\",\"'@SUM(A1)\",\"'\t=1\",\"'\r=1\",a=b,1-2,0,57\r\n"
        );
    }
}
