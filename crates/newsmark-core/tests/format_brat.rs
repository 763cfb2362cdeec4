//! brat standoff: the golden export of the Unicode fixture, round trips, a bare `.ann`,
//! spans across paragraph breaks, and files that must be refused.

mod common;

use newsmark_core::formats::{self, brat, zip, Format, Imported};
use newsmark_core::{Action, Document, Tag, Workspace};

fn import(bytes: &[u8], text: Option<&str>) -> Result<Imported, formats::ImportError> {
    formats::import(Format::Brat, bytes, text, &mut || "new-id".to_string(), common::NOW)
}

/// (quote or claim, actor) by their text.
fn attributions(doc: &Document) -> Vec<(String, String)> {
    let exact = |id: &str| doc.annotation(id).map(|a| a.exact.clone()).unwrap_or_default();
    doc.relations.iter().map(|r| (exact(&r.from), exact(&r.to))).collect()
}

fn notes(doc: &Document) -> Vec<(String, Option<String>)> {
    doc.annotations.iter().map(|a| (a.exact.clone(), a.note.clone())).collect()
}

fn entry(bytes: &[u8], name: &str) -> String {
    let files = zip::read(bytes).unwrap();
    let (_, data) = files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name} in the .zip"));
    String::from_utf8(data.clone()).unwrap()
}

#[test]
fn the_unicode_fixture_exports_as_in_the_golden_files() {
    let exported = brat::export(&[common::document()]).unwrap();
    common::golden("unicode-check.brat.zip", &exported.bytes);
    let names: Vec<String> = zip::read(&exported.bytes).unwrap().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["unicode-check.txt", "unicode-check.ann"]);
    let txt = entry(&exported.bytes, "unicode-check.txt");
    assert_eq!(txt, common::TEXT, "the text is kept exactly, \\r\\n and all");
    common::golden("unicode-check.brat.txt", txt.as_bytes());
    common::golden("unicode-check.brat.ann", entry(&exported.bytes, "unicode-check.ann").as_bytes());
    assert_eq!(exported.left_out, ["1 note had line breaks, which brat cannot hold: they were replaced by spaces."]);
    assert_eq!(brat::export(&[common::document()]).unwrap(), exported, "the same document gives the same bytes");
}

#[test]
fn the_offsets_count_code_points() {
    let ann = entry(&brat::export(&[common::document()]).unwrap().bytes, "unicode-check.ann");
    // "Zoë" is written with a combining diaeresis: "Zoë Hart" is 9 code points.
    assert!(ann.starts_with("T1\tActor 0 9\tZoe\u{308} Hart\n"), "{ann}");
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} family from 外交部";
    let start = common::TEXT.chars().position(|c| c == '\u{1F468}').unwrap();
    assert_eq!(family.chars().count(), 5 + 16);
    assert!(ann.contains(&format!("\tActor {start} {}\t{family}\n", start + 21)), "{ann}");
}

#[test]
fn an_export_reads_back_with_the_same_spans_attributions_and_notes() {
    let original = common::document();
    let exported = brat::export(std::slice::from_ref(&original)).unwrap();
    let imported = import(&exported.bytes, None).unwrap();
    assert_eq!(imported.report.exact, 6);
    assert_eq!((imported.report.reanchored, imported.report.orphaned), (0, 0));
    let [doc] = imported.documents.as_slice() else { panic!("one document") };
    assert_eq!(doc.id, "unicode-check", "the file name, which the export took from the document's id");
    // A brat export imported back was titled with the document's internal id.
    assert_eq!(doc.title, newsmark_core::article_text::title_from_text(common::TEXT));
    assert_ne!(doc.title, "unicode-check");
    assert_eq!(imported.untitled, ["unicode-check"], "the import says the title was made up");
    assert_eq!(&*doc.text, common::TEXT);
    assert_eq!(common::spans(doc), common::spans(&original));
    assert_eq!(attributions(doc), attributions(&original));
    assert_eq!(
        attributions(doc),
        [
            ("\u{201c}we found 3 leaks\u{201d}".to_owned(), "Zoe\u{308} Hart".to_owned()),
            ("إن المحادثات كانت مثمرة".to_owned(), "وزير الخارجية".to_owned())
        ]
    );
    let want: Vec<_> =
        notes(&original).into_iter().map(|(exact, note)| (exact, note.map(|n| n.replace('\n', " ")))).collect();
    assert_eq!(notes(doc), want);
    assert_eq!(
        doc.annotations.iter().find(|a| a.tag == Tag::Claim).and_then(|a| a.note.as_deref()),
        Some("Check the inspection report. Page 4."),
        "the note's line break comes back as a space"
    );
}

#[test]
fn a_bare_ann_file_takes_the_text_it_is_given() {
    let original = common::document();
    let ann = entry(&brat::export(std::slice::from_ref(&original)).unwrap().bytes, "unicode-check.ann");
    let imported = import(ann.as_bytes(), Some(common::TEXT)).unwrap();
    assert_eq!(imported.report.exact, 6);
    let doc = &imported.documents[0];
    assert_eq!(common::spans(doc), common::spans(&original));
    assert_eq!(attributions(doc), attributions(&original));

    let err = import(ann.as_bytes(), None).unwrap_err();
    assert!(err.0.contains("does not include the article text"), "{err}");
}

/// The fixture text with one span from "3 leaks”." across the paragraph break to "قال وزير".
fn across_paragraphs() -> Document {
    let mut ws = Workspace::default();
    ws.apply(Action::AddDocument(Document::new("across", "Across", common::TEXT, common::NOW)), common::NOW).unwrap();
    let cp = |s: &str| common::TEXT[..common::TEXT.find(s).unwrap()].chars().count();
    let (start, end) = (cp("3 leaks"), cp(" الخارجية"));
    ws.apply(Action::AddAnnotation { doc: "across".into(), id: "x".into(), tag: Tag::Claim, start, end }, common::NOW)
        .unwrap();
    let actor = cp("Zoe");
    let add =
        Action::AddAnnotation { doc: "across".into(), id: "z".into(), tag: Tag::Actor, start: actor, end: actor + 9 };
    ws.apply(add, common::NOW).unwrap();
    let attribute = Action::Attribute { doc: "across".into(), id: "r".into(), from: "x".into(), to: "z".into() };
    ws.apply(attribute, common::NOW).unwrap();
    (*ws.documents()[0]).clone()
}

#[test]
fn a_span_across_a_paragraph_break_is_written_as_fragments_and_reads_back() {
    let original = across_paragraphs();
    let claim = &original.annotations[1];
    assert_eq!(claim.exact, "3 leaks\u{201d}.\r\n\r\nقال وزير");
    let exported = brat::export(std::slice::from_ref(&original)).unwrap();
    let ann = entry(&exported.bytes, "across.ann");
    let (s, e) = (claim.start, claim.end);
    let line = format!("T2\tClaim {s} {};{} {e}\t3 leaks\u{201d}. قال وزير\n", s + 9, s + 13);
    assert!(ann.contains(&line), "want {line:?} in\n{ann}");
    assert!(ann.contains("R1\tAttribution Arg1:T2 Arg2:T1\n"), "{ann}");

    let imported = import(&exported.bytes, None).unwrap();
    assert_eq!(imported.report.exact, 2);
    let doc = &imported.documents[0];
    assert_eq!(common::spans(doc), common::spans(&original));
    assert_eq!(attributions(doc), attributions(&original));
}

#[test]
fn ann_and_txt_files_pair_up_in_folders_and_by_name() {
    let ann = "T1\tActor 0 9\tZoe\u{308} Hart\n";
    let files = vec![
        ("__MACOSX/project/._one.ann".to_owned(), b"\x00\x05junk".to_vec()),
        ("project/ann/one.ann".to_owned(), ann.as_bytes().to_vec()),
        ("project/txt/one.txt".to_owned(), common::TEXT.as_bytes().to_vec()),
        ("two.ann".to_owned(), ann.as_bytes().to_vec()),
        ("two.txt".to_owned(), common::TEXT.as_bytes().to_vec()),
        ("README.md".to_owned(), b"# hello".to_vec()),
    ];
    let imported = import(&zip::write(&files).unwrap(), None).unwrap();
    let titles: Vec<&str> = imported.documents.iter().map(|d| d.title.as_str()).collect();
    let first_words = newsmark_core::article_text::title_from_text(common::TEXT);
    assert_eq!(titles, [first_words.as_str(), first_words.as_str()]);
    let ids: Vec<&str> = imported.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["one", "two"]);
    assert_eq!(imported.report.exact, 2);
}

#[test]
fn an_ann_file_without_its_txt_is_refused() {
    let files = vec![("notes/article.ann".to_owned(), b"T1\tActor 0 3\tZoe\n".to_vec())];
    let err = import(&zip::write(&files).unwrap(), None).unwrap_err();
    assert_eq!(err.0, "notes/article.ann has no article.txt beside it in the .zip file");
    let files = vec![("article.txt".to_owned(), common::TEXT.as_bytes().to_vec())];
    let err = import(&zip::write(&files).unwrap(), None).unwrap_err();
    assert!(err.0.starts_with("the .zip file holds no .ann file"), "{err}");
}

#[test]
fn a_truncated_zip_is_refused() {
    let bytes = brat::export(&[common::document()]).unwrap().bytes;
    for len in [4, 100, bytes.len() / 2, bytes.len() - 1] {
        let err = import(&bytes[..len], None).unwrap_err();
        assert_eq!(err.0, "the .zip file is damaged or incomplete (no end-of-directory record)");
    }
}

#[test]
fn an_ann_file_that_refers_to_an_undefined_span_is_refused() {
    let ann = "T1\tActor 0 9\tZoe\u{308} Hart\nR1\tAttribution Arg1:T9 Arg2:T1\n";
    let err = import(ann.as_bytes(), Some(common::TEXT)).unwrap_err();
    assert_eq!(err.0, "the .ann file refers to T9, which it does not define");

    let files = vec![("a.ann".to_owned(), ann.as_bytes().to_vec()), ("a.txt".to_owned(), common::TEXT.into())];
    let err = import(&zip::write(&files).unwrap(), None).unwrap_err();
    assert_eq!(err.0, "a.ann refers to T9, which it does not define");
}

#[test]
fn unknown_labels_relations_and_bad_offsets_are_named() {
    let err = |ann: &str| import(ann.as_bytes(), Some(common::TEXT)).unwrap_err().0;
    assert_eq!(
        err("T1\tActor 0 9\tZoe\u{308} Hart\n\nT2\tPERSON 0 3\tZoe\n"),
        "line 3: unknown label \"PERSON\": Newsmark reads the labels claim, quote and actor"
    );
    assert!(err("T1\tActor 0 9\tx\nR1\tLocated_in Arg1:T1 Arg2:T1\n")
        .starts_with("line 2: unknown relation \"Located_in\""));
    assert!(err("T1\tActor zero nine\tx\n").starts_with("line 1: T1 has the offsets \"zero nine\""));
    let len = common::TEXT.chars().count();
    assert_eq!(
        err("T1\tActor 9 5\tZoe\n"),
        format!("annotation 1 (T1) has the span 9–5, which is empty or does not fit the article of {len} characters")
    );
    let files = vec![("a.ann".to_owned(), b"T1\tActor 0 3\n".to_vec()), ("a.txt".to_owned(), vec![0xff, 0xfe])];
    assert_eq!(import(&zip::write(&files).unwrap(), None).unwrap_err().0, "a.txt is not UTF-8 text");
    let files = vec![("a.ann".to_owned(), b"T1\tPerson 0 3\n".to_vec()), ("a.txt".to_owned(), b"abc".to_vec())];
    assert!(import(&zip::write(&files).unwrap(), None)
        .unwrap_err()
        .0
        .starts_with("a.ann, line 1: unknown label \"Person\""));
}

#[test]
fn a_span_beyond_the_text_with_its_quote_is_orphaned_not_misplaced() {
    let len = common::TEXT.chars().count();
    let ann = format!("T1\tActor {} {}\tnobody here\n", len + 10, len + 21);
    let imported = import(ann.as_bytes(), Some(common::TEXT)).unwrap();
    assert_eq!(imported.report.orphaned, 1);
    assert!(imported.documents[0].annotations.is_empty());
}

#[test]
fn other_brat_lines_are_passed_over_and_garbage_never_panics() {
    let ann = "T1\tActor 0 9\tZoe\u{308} Hart\nA1\tNegated T1\n#1\tAnnotatorNotes T1\tSource\n";
    let imported = import(ann.as_bytes(), Some(common::TEXT)).unwrap();
    assert_eq!(imported.documents[0].annotations[0].note.as_deref(), Some("Source"));
    for junk in [&b"PK\x03\x04"[..], b"PK\x05\x06", b"\xff\xfe", b"T", b"T1\t", b"T1\tActor 1;2\t", b"R1\tAttribution"]
    {
        let _ = import(junk, Some(common::TEXT));
    }
}

#[test]
fn exporting_more_documents_than_a_zip_holds_is_refused_rather_than_panicking() {
    // Two files a document: 32,767 documents fit a plain .zip, 32,768 do not.
    let docs: Vec<Document> = (0..32_768).map(|i| Document::new(format!("d{i}"), "t", "x", common::NOW)).collect();
    let err = formats::export(Format::Brat, &docs).unwrap_err();
    assert_eq!(
        err.0,
        "32768 documents cannot be exported as one brat .zip: a .zip holds at most 65,534 files, and this one \
         would hold 65536. Export fewer documents at a time."
    );
    let exported = formats::export(Format::Brat, &docs[1..]).unwrap();
    assert_eq!(zip::read(&exported.bytes).unwrap().len(), 65_534);
}
