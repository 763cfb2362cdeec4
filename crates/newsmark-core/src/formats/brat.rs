//! brat standoff: a `.txt` file with the article and an `.ann` file with its annotations.
//!
//! An export is a .zip with `<name>.txt` and `<name>.ann` for each document. The `.ann`
//! lines look like this, with `⇥` standing for a tab (offsets count code points, as
//! brat's Python does):
//!
//! ```text
//! T1⇥Actor 0 9⇥Zoë Hart
//! T2⇥Claim 49 58;62 70⇥3 leaks”. قال وزير
//! R1⇥Attribution Arg1:T2 Arg2:T1
//! #1⇥AnnotatorNotes T1⇥Lab director
//! ```
//!
//! A line of an `.ann` file cannot hold a line break, so a span across one is written
//! as brat's discontinuous fragments, which skip the line-break characters; its text
//! field is the fragments' texts joined by a space, as brat writes it.
//!
//! Import takes such a .zip (pairing each `.ann` with the `.txt` of the same name), or a
//! bare `.ann` file, whose article the caller supplies.

use super::orphans_left_out;
use super::{
    label_to_tag, plural, refuse, tag_label, zip, Draft, DraftAnnotation, ExportError, Exported, ImportError, Unit,
};
use crate::limits::{too_many, MAX_ANNOTATIONS};
use crate::model::{Document, RelationKind, Tag};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// A .zip of `.txt` and `.ann` files, one pair per document, or why a .zip cannot hold
/// them (more than 32,767 documents, or more than 4 GiB).
pub fn export(docs: &[Document]) -> Result<Exported, ExportError> {
    let mut files = Vec::new();
    let mut taken = HashSet::new();
    let mut notes_with_breaks = 0;
    let mut only_breaks = 0;
    for doc in docs {
        let stem = unique_stem(&doc.id, &mut taken);
        let (ann, broken, skipped) = ann_file(doc);
        notes_with_breaks += broken;
        only_breaks += skipped;
        files.push((format!("{stem}.txt"), doc.text.as_bytes().to_vec()));
        files.push((format!("{stem}.ann"), ann.into_bytes()));
    }
    let mut left_out = Vec::new();
    if notes_with_breaks > 0 {
        left_out.push(format!(
            "{} line breaks, which brat cannot hold: they were replaced by spaces.",
            plural(notes_with_breaks, "note had", "notes had")
        ));
    }
    if only_breaks > 0 {
        left_out.push(format!(
            "{} only line breaks, which brat cannot mark, and {} not included.",
            plural(only_breaks, "annotation covers", "annotations cover"),
            if only_breaks == 1 { "is" } else { "are" }
        ));
    }
    left_out.extend(orphans_left_out(docs));
    let bytes = zip::write(&files).map_err(|why| {
        ExportError(format!(
            "{} cannot be exported as one brat .zip: {why}. Export fewer documents at a time.",
            plural(docs.len(), "document", "documents")
        ))
    })?;
    Ok(Exported { bytes, left_out })
}

/// A file-name-safe, unique stem for a document id: ASCII letters, digits, `-` and `_`.
fn unique_stem(id: &str, taken: &mut HashSet<String>) -> String {
    let mut base: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    base = base.trim_matches('_').chars().take(100).collect();
    if base.is_empty() {
        base = "document".to_owned();
    }
    let mut stem = base.clone();
    let mut n = 1;
    // Compared without case, for file systems that ignore it.
    while !taken.insert(stem.to_ascii_lowercase()) {
        n += 1;
        stem = format!("{base}-{n}");
    }
    stem
}

/// The `.ann` text of a document, how many notes had line breaks, and how many spans
/// were left out because they hold nothing but line breaks.
fn ann_file(doc: &Document) -> (String, usize, usize) {
    let mut out = String::new();
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    let mut skipped = 0;
    for a in &doc.annotations {
        let fragments = fragments(&a.exact, a.start);
        if fragments.is_empty() {
            skipped += 1;
            continue;
        }
        let n = numbers.len() + 1;
        numbers.insert(a.id.as_str(), n);
        let offsets: Vec<String> = fragments.iter().map(|(s, e, _)| format!("{s} {e}")).collect();
        let texts: Vec<&str> = fragments.iter().map(|(_, _, t)| *t).collect();
        let _ = writeln!(out, "T{n}\t{} {}\t{}", tag_label(a.tag), offsets.join(";"), texts.join(" "));
    }
    let mut r = 0;
    for relation in &doc.relations {
        if let (Some(from), Some(to)) = (numbers.get(relation.from.as_str()), numbers.get(relation.to.as_str())) {
            r += 1;
            let _ = writeln!(out, "R{r}\tAttribution Arg1:T{from} Arg2:T{to}");
        }
    }
    let mut broken = 0;
    let mut k = 0;
    for a in &doc.annotations {
        let (Some(note), Some(n)) = (&a.note, numbers.get(a.id.as_str())) else { continue };
        if note.contains(['\r', '\n']) {
            broken += 1;
        }
        k += 1;
        let one_line = note.replace("\r\n", " ").replace(['\r', '\n'], " ");
        let _ = writeln!(out, "#{k}\tAnnotatorNotes T{n}\t{one_line}");
    }
    (out, broken, skipped)
}

/// The runs of `exact` (which starts at code point `start`) between line breaks:
/// (start, end, text), offsets in code points.
fn fragments(exact: &str, start: usize) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None; // (code point, byte) where the current run began
    let mut cp = start;
    for (byte, c) in exact.char_indices() {
        let is_break = c == '\n' || c == '\r';
        match (is_break, run) {
            (true, Some((s, b))) => {
                out.push((s, cp, &exact[b..byte]));
                run = None;
            }
            (false, None) => run = Some((cp, byte)),
            _ => {}
        }
        cp += 1;
    }
    if let Some((s, b)) = run {
        out.push((s, cp, &exact[b..]));
    }
    out
}

/// Reads a .zip of `.txt` and `.ann` files, or one bare `.ann` file.
pub fn read(bytes: &[u8]) -> Result<Vec<Draft>, ImportError> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return read_zip(bytes);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ImportError(format!("the .ann file is not UTF-8 text (bad byte at offset {})", e.valid_up_to()))
    })?;
    let mut draft = parse_ann(text.trim_start_matches('\u{feff}')).map_err(|e| in_file("the .ann file", e))?;
    draft.text = None;
    Ok(vec![draft])
}

fn read_zip(bytes: &[u8]) -> Result<Vec<Draft>, ImportError> {
    let files: Vec<(String, Vec<u8>)> = zip::read(bytes)?
        .into_iter()
        .filter(|(name, _)| {
            // Leave out what macOS adds to archives it makes.
            let file = name.rsplit(['/', '\\']).next().unwrap_or_default();
            !name.starts_with("__MACOSX/") && !file.starts_with("._")
        })
        .collect();
    // (path without extension, file name without extension, contents)
    let split = |ext: &str| -> Vec<(&str, &str, &[u8])> {
        files
            .iter()
            .filter_map(|(name, data)| {
                let dot = name.rfind('.')?;
                let (path, found) = name.split_at(dot);
                let stem = path.rsplit(['/', '\\']).next().unwrap_or(path);
                found.eq_ignore_ascii_case(ext).then_some((path, stem, data.as_slice()))
            })
            .collect()
    };
    let (anns, txts) = (split(".ann"), split(".txt"));
    if anns.is_empty() {
        return refuse("the .zip file holds no .ann file: brat keeps annotations in .ann files beside .txt files");
    }
    let mut drafts = Vec::new();
    for (path, stem, ann) in anns {
        // The .txt beside it; failing that, the only .txt of that name elsewhere.
        let beside = txts.iter().find(|t| t.0 == path);
        let beside = beside.map(|t| t.2);
        let elsewhere: Vec<&[u8]> = txts.iter().filter(|t| t.1 == stem).map(|t| t.2).collect();
        let txt = match (beside, elsewhere.as_slice()) {
            (Some(t), _) | (None, &[t]) => t,
            (None, []) => return refuse(format!("{path}.ann has no {stem}.txt beside it in the .zip file")),
            (None, _) => {
                return refuse(format!("{path}.ann has several {stem}.txt files to go with it in the .zip file"))
            }
        };
        let ann = std::str::from_utf8(ann).map_err(|_| ImportError(format!("{path}.ann is not UTF-8 text")))?;
        let txt = std::str::from_utf8(txt).map_err(|_| ImportError(format!("{stem}.txt is not UTF-8 text")))?;
        let mut draft =
            parse_ann(ann.trim_start_matches('\u{feff}')).map_err(|e| in_file(&format!("{path}.ann"), e))?;
        draft.text = Some(txt.to_owned());
        // The export names each pair after its document's id. brat has no title, and an
        // id makes a poor one: the import titles the article from its first words and
        // says so (`Imported::untitled`).
        draft.id = Some(stem.to_owned());
        drafts.push(draft);
    }
    Ok(drafts)
}

/// Names the file in a message from [`parse_ann`]: "x.ann, line 3: …", "x.ann refers to T9, …".
/// A bare `.ann` file's line messages stay as they are ("line 3: …").
fn in_file(file: &str, e: ImportError) -> ImportError {
    if !e.0.starts_with("line ") {
        ImportError(format!("{file} {}", e.0))
    } else if file == "the .ann file" {
        e
    } else {
        ImportError(format!("{file}, {}", e.0))
    }
}

/// Parses the lines of an `.ann` file. Messages start with "line N" or "refers to", so
/// that the caller can put the file's name in front.
fn parse_ann(text: &str) -> Result<Draft, ImportError> {
    let mut draft = Draft::new(Unit::CodePoints);
    let mut defined: HashMap<String, usize> = HashMap::new();
    // (line number, Arg1, Arg2) and (line number, target, note), resolved once all spans are known.
    let mut relations: Vec<(usize, String, String)> = Vec::new();
    let mut notes: Vec<(usize, String, String)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let number = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let id = fields.next().unwrap_or_default().trim();
        let body = fields.next().unwrap_or_default();
        let rest = fields.next();
        let bad = |what: String| ImportError(format!("line {number}: {what}"));
        match id.chars().next() {
            Some('T') => {
                let (label, offsets) = body.trim().split_once(' ').unwrap_or((body.trim(), ""));
                let tag = label_to_tag(label).map_err(|e| bad(e.0))?;
                let spans = parse_fragments(offsets).ok_or_else(|| {
                    bad(format!("{id} has the offsets \"{offsets}\"; brat writes them as \"start end\" or \"start end;start end\""))
                })?;
                let start = spans.iter().map(|s| s.0).min();
                let end = spans.iter().map(|s| s.1).max();
                let exact = match (spans.len(), rest) {
                    (1, Some(quote)) if !quote.is_empty() => Some(quote.to_owned()),
                    _ => None,
                };
                if draft.annotations.len() == MAX_ANNOTATIONS {
                    return Err(bad(too_many("annotations")));
                }
                if defined.insert(id.to_owned(), draft.annotations.len()).is_some() {
                    return Err(bad(format!("{id} is defined twice")));
                }
                draft.annotations.push(DraftAnnotation {
                    id: id.to_owned(),
                    tag: Some(tag),
                    start,
                    end,
                    exact,
                    ..DraftAnnotation::default()
                });
            }
            Some('R') => {
                let mut words = body.split_whitespace();
                let kind = words.next().unwrap_or_default();
                if RelationKind::parse(kind).is_none() {
                    return Err(bad(format!(
                        "unknown relation \"{kind}\": Newsmark reads only Attribution relations (Arg1: a quote or claim, Arg2: an actor)"
                    )));
                }
                let (mut arg1, mut arg2) = (None, None);
                for word in words {
                    match word.split_once(':') {
                        Some((role, target)) if role.eq_ignore_ascii_case("arg1") => arg1 = Some(target.to_owned()),
                        Some((role, target)) if role.eq_ignore_ascii_case("arg2") => arg2 = Some(target.to_owned()),
                        _ => {}
                    }
                }
                let (Some(arg1), Some(arg2)) = (arg1, arg2) else {
                    return Err(bad(format!("{id} does not name both Arg1 and Arg2")));
                };
                if relations.len() == MAX_ANNOTATIONS {
                    return Err(bad(too_many("attributions")));
                }
                relations.push((number, arg1, arg2));
            }
            Some('#') => {
                let mut words = body.split_whitespace();
                let kind = words.next().unwrap_or_default();
                let target = words.next().unwrap_or_default();
                if kind.eq_ignore_ascii_case("AnnotatorNotes") && target.starts_with('T') {
                    notes.push((number, target.to_owned(), rest.unwrap_or_default().to_owned()));
                }
            }
            // Events, attributes, modifications, normalizations and equivalences: Newsmark
            // has nothing to hold them.
            Some('E' | 'A' | 'M' | 'N' | '*') => {}
            _ => {
                let shown: String = line.chars().take(40).collect();
                return Err(bad(format!(
                    "\"{shown}\" is not a brat annotation (lines start with an id such as T1, R1 or #1 and a tab)"
                )));
            }
        }
    }
    let find = |target: &str| {
        defined.get(target).copied().ok_or_else(|| ImportError(format!("refers to {target}, which it does not define")))
    };
    for (_, arg1, arg2) in relations {
        let (from, to) = (find(&arg1)?, find(&arg2)?);
        let tag = |i: usize| draft.annotations.get(i).and_then(|a| a.tag);
        // Arg1 should be the quote or claim; take a pair written the other way round as meant.
        let reversed = tag(from) == Some(Tag::Actor) && tag(to) != Some(Tag::Actor);
        draft.relations.push(if reversed { (arg2, arg1) } else { (arg1, arg2) });
    }
    for (_, target, note) in notes {
        let i = find(&target)?;
        if let Some(a) = draft.annotations.get_mut(i) {
            let note = note.trim();
            a.note = match a.note.take() {
                Some(before) if !note.is_empty() => Some(format!("{before}\n{note}")),
                Some(before) => Some(before),
                None => Some(note.to_owned()),
            };
        }
    }
    Ok(draft)
}

/// "0 5" or "0 5;7 9" as (start, end) pairs.
fn parse_fragments(offsets: &str) -> Option<Vec<(usize, usize)>> {
    offsets
        .split(';')
        .map(|fragment| {
            let mut numbers = fragment.split_whitespace().map(|n| n.parse::<usize>().ok());
            match (numbers.next(), numbers.next(), numbers.next()) {
                (Some(Some(s)), Some(Some(e)), None) => Some((s, e)),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_skip_line_breaks() {
        assert_eq!(fragments("ab\r\n\r\ncd", 10), [(10, 12, "ab"), (16, 18, "cd")]);
        assert_eq!(fragments("\nab\n", 0), [(1, 3, "ab")]);
        assert_eq!(fragments("\r\n", 0), []);
        assert_eq!(fragments("é a", 5), [(5, 8, "é a")]);
    }

    #[test]
    fn stems_are_safe_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(unique_stem("unicode-check", &mut taken), "unicode-check");
        assert_eq!(unique_stem("Unicode/check", &mut taken), "Unicode_check");
        assert_eq!(unique_stem("unicode check", &mut taken), "unicode_check-2");
        assert_eq!(unique_stem("外交部", &mut taken), "document");
        assert_eq!(unique_stem("", &mut taken), "document-2");
    }

    #[test]
    fn lines_of_other_kinds_are_passed_over() {
        let ann =
            "T1\tActor 0 3\tZoë\r\nA1\tNegated T1\nE1\tSpeak:T1\n*\tEquiv T1 T1\nN1\tReference T1 Wikipedia:1\tZoë\n";
        let draft = parse_ann(ann).unwrap();
        assert_eq!(draft.annotations.len(), 1);
        assert_eq!(draft.annotations[0].exact.as_deref(), Some("Zoë"));
    }

    #[test]
    fn a_relation_written_the_other_way_round_is_turned() {
        let ann = "T1\tActor 0 3\tZoë\nT2\tQuote 4 9\thello\nR1\tattribution Arg1:T1 Arg2:T2\n";
        let draft = parse_ann(ann).unwrap();
        assert_eq!(draft.relations, [("T2".to_owned(), "T1".to_owned())]);
    }

    #[test]
    fn bad_lines_are_named() {
        let err = |ann: &str| parse_ann(ann).unwrap_err().0;
        assert!(
            err("T1\tActor 0\tZoë\n").starts_with("line 1: T1 has the offsets \"0\""),
            "{}",
            err("T1\tActor 0\tZoë")
        );
        assert!(err("\nT1\tPERSON 0 3\tZoë\n").starts_with("line 2: unknown label \"PERSON\""));
        assert!(err("T1\tActor 0 3\tZoë\nR1\tLives_in Arg1:T1 Arg2:T1\n").starts_with("line 2: unknown relation"));
        assert!(err("T1\tActor 0 3\tZoë\nT1\tActor 0 3\tZoë\n").starts_with("line 2: T1 is defined twice"));
        assert!(err("hello world\n").starts_with("line 1: \"hello world\" is not a brat annotation"));
        assert_eq!(err("T1\tActor 0 3\tZoë\n#1\tAnnotatorNotes T4\tx\n"), "refers to T4, which it does not define");
    }
}
