//! Exchange formats: exporting documents for other tools and importing what they write.
//!
//! Each format lives in its own module and does two things:
//!
//! - `export(docs) -> Exported`: the bytes of a file, and a list of what the format could
//!   not hold (so the person is told, never left to find out). The same documents always
//!   give the same bytes.
//! - `read(bytes) -> Vec<Draft>` (importable formats only): what the file says, before it
//!   is checked against any article text. W3C (and Hypothesis) files are read with a
//!   [`TagMapping`], the person's choice of tags for labels other than claim, quote and
//!   actor; what cannot be a span is counted in the draft's [`LeftOut`] instead of
//!   refusing the file.
//!
//! [`import`] then turns drafts into documents with [`assemble`], which is the one place
//! that decides where each span lands: at the position the file gave if its text and
//! context are there, re-anchored by its quote and context if not (every such quote looked
//! for in one pass over the text, [`anchor::reanchor_all`]), or orphaned; and widened to
//! whole characters if it cuts one.
//!
//! Offsets: the Newsmark model counts code points. W3C, brat, doccano and spaCy do too.
//! Label Studio's frontend counts UTF-16 units; Hypothesis does as well. Drafts say which
//! [`Unit`] their offsets are in, and `assemble` converts. A file that does not say is read
//! annotation by annotation, never by a guess for the whole file: a position counts as
//! exact only in a unit where the quote and its context agree with the article.

pub mod brat;
pub mod csv;
pub mod doccano;
pub mod label_studio;
pub mod spacy;
pub mod w3c;
pub mod zip;

use crate::anchor::{self, Placement, Quote};
use crate::model::{Annotation, Document, Relation, RelationKind, Tag};
use crate::offsets::OffsetIndex;
use crate::schema;
use crate::snap;
use crate::time::Timestamp;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// The largest file Newsmark imports (kept in [`crate::limits`] with the others).
pub use crate::limits::MAX_IMPORT_BYTES;

/// The formats Newsmark reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Newsmark,
    W3c,
    Brat,
    Doccano,
    LabelStudio,
    Spacy,
    Csv,
}

impl Format {
    pub const ALL: [Format; 7] =
        [Format::Newsmark, Format::W3c, Format::Brat, Format::Doccano, Format::LabelStudio, Format::Spacy, Format::Csv];

    /// The name used on the command line (`--to w3c`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Newsmark => "newsmark",
            Format::W3c => "w3c",
            Format::Brat => "brat",
            Format::Doccano => "doccano",
            Format::LabelStudio => "label-studio",
            Format::Spacy => "spacy",
            Format::Csv => "csv",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Format::Newsmark => "Newsmark JSON",
            Format::W3c => "W3C Web Annotation (JSON-LD)",
            Format::Brat => "brat standoff (.zip of .txt and .ann)",
            Format::Doccano => "doccano JSONL",
            Format::LabelStudio => "Label Studio JSON",
            Format::Spacy => "spaCy JSONL",
            Format::Csv => "CSV spreadsheet",
        }
    }

    /// What exported file names end with, after the article's name.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Newsmark => "newsmark.json",
            Format::W3c => "w3c.jsonld",
            Format::Brat => "brat.zip",
            Format::Doccano => "doccano.jsonl",
            Format::LabelStudio => "label-studio.json",
            Format::Spacy => "spacy.jsonl",
            Format::Csv => "csv",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Newsmark | Format::LabelStudio => "application/json",
            Format::W3c => "application/ld+json",
            Format::Brat => "application/zip",
            Format::Doccano | Format::Spacy => "application/jsonl",
            Format::Csv => "text/csv",
        }
    }

    pub fn importable(self) -> bool {
        match self {
            Format::Newsmark | Format::W3c | Format::Brat | Format::Doccano | Format::LabelStudio => true,
            Format::Spacy | Format::Csv => false,
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        let name = name.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.name() == name).or(match name.as_str() {
            "json" => Some(Format::Newsmark),
            "labelstudio" | "label_studio" | "ls" => Some(Format::LabelStudio),
            "webannotation" | "web-annotation" | "jsonld" => Some(Format::W3c),
            _ => None,
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A file to hand to the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    pub bytes: Vec<u8>,
    /// What the format could not hold, in sentences such as "Notes (3) are not included:
    /// spaCy JSONL has no place for them."
    pub left_out: Vec<String>,
}

/// Exports `docs` in `format`, or says why the format cannot hold them: a brat .zip holds
/// at most 32,767 documents and 4 GiB, and a file of a format Newsmark imports is not
/// written larger than Newsmark reads ([`MAX_IMPORT_BYTES`]), so that it can be read back.
pub fn export(format: Format, docs: &[Document]) -> Result<Exported, ExportError> {
    let exported = export_unchecked(format, docs)?;
    let (size, limit) = (exported.bytes.len() as u64, MAX_IMPORT_BYTES as u64);
    if format.importable() && size > limit {
        return Err(ExportError(format!(
            "as {format} this would be a file of {}, and Newsmark reads files of up to {}, so it could not be read back. \
             Export fewer documents at a time, or to doccano JSONL, which keeps only where each span is",
            crate::limits::size(size, limit),
            crate::limits::size(limit, size)
        )));
    }
    Ok(exported)
}

fn export_unchecked(format: Format, docs: &[Document]) -> Result<Exported, ExportError> {
    let mut exported = match format {
        Format::Newsmark => {
            let json = match docs {
                [doc] => schema::document_to_json(doc),
                _ => schema::set_to_json(docs),
            };
            return Ok(Exported { bytes: json.into_bytes(), left_out: Vec::new() });
        }
        Format::W3c => w3c::export(docs),
        Format::Brat => brat::export(docs)?,
        Format::Doccano => doccano::export(docs),
        Format::LabelStudio => label_studio::export(docs),
        Format::Spacy => spacy::export(docs),
        Format::Csv => csv::export(docs),
    };
    exported.left_out.extend(analysis_left_out(docs));
    Ok(exported)
}

/// What only Newsmark JSON holds: the analysis of spans, actor groupings and exercises.
fn analysis_left_out(docs: &[Document]) -> Vec<String> {
    let mut out = Vec::new();
    let analysed = docs.iter().flat_map(|d| &d.annotations).filter(|a| !a.details.is_empty()).count();
    if analysed > 0 {
        out.push(format!(
            "The analysis of {} (kind of quote, claim type and check, evidence link, which actor a mention names) is kept only in Newsmark JSON.",
            plural(analysed, "annotation", "annotations")
        ));
    }
    if docs.iter().any(|d| d.assignment.is_some()) {
        out.push("The exercise (instructions, codebook and answer key) is kept only in Newsmark JSON.".into());
    }
    out
}

/// Why documents could not be exported in a format. Nothing was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportError(pub String);

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// Why a file could not be imported. Nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError(pub String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

/// Shorthand for importers: an `Err(ImportError)` from a message.
pub fn refuse<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError(message.into()))
}

/// How a draft's offsets count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    CodePoints,
    Utf16,
    /// Not known (a file made elsewhere): each annotation is read in the unit in which its
    /// quote and context agree with the article, if exactly one does (see [`assemble`]).
    Either,
}

/// One annotation as a file describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftAnnotation {
    /// The id in the file (used to resolve relations); kept if it is usable.
    pub id: String,
    pub tag: Option<Tag>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// The text of the span, if the file records it.
    pub exact: Option<String>,
    pub prefix: String,
    pub suffix: String,
    pub note: Option<String>,
    /// When it was made and last changed, if the file says (Newsmark's exports do).
    pub created: Option<Timestamp>,
    pub updated: Option<Timestamp>,
}

/// A document as a file describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The document's id, if the file carries the one Newsmark gave it.
    pub id: Option<String>,
    pub title: Option<String>,
    pub text: Option<String>,
    pub source_url: Option<String>,
    pub byline: Option<String>,
    /// Where and when a captured page came from, if the file says (see [`Document`]).
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub captured: Option<Timestamp>,
    pub unit: Unit,
    pub annotations: Vec<DraftAnnotation>,
    /// Attributions, by the file's annotation ids: (quote or claim, actor).
    pub relations: Vec<(String, String)>,
    /// The file's annotations that were not read as spans, by reason.
    pub left_out: LeftOut,
}

impl Draft {
    pub fn new(unit: Unit) -> Draft {
        Draft {
            id: None,
            title: None,
            text: None,
            source_url: None,
            byline: None,
            published: None,
            site_name: None,
            captured: None,
            unit,
            annotations: Vec::new(),
            relations: Vec::new(),
            left_out: LeftOut::default(),
        }
    }
}

/// How the tags of a file made elsewhere become Newsmark's tags, as the person chose.
///
/// A label claim, quote or actor, in any case, is that tag unless the person mapped it
/// elsewhere; any other label is read only if the person mapped it (`follow-up` → claim).
/// Labels are matched as the file spells them, without surrounding spaces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TagMapping {
    /// Other labels, as the file spells them, and the tag each is read as.
    pub map: BTreeMap<String, Tag>,
    /// The tag for annotations with no label at all (Hypothesis highlights, say); with
    /// `None` they are left out.
    pub untagged: Option<Tag>,
}

impl TagMapping {
    /// The tag a label is read as, if any.
    pub fn tag(&self, label: &str) -> Option<Tag> {
        let label = label.trim();
        self.map.get(label).copied().or_else(|| label_to_tag(label).ok())
    }
}

/// The annotations of a file that were not imported as spans, counted by reason, so the
/// person hears what was left out and can choose tags for what they want.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Annotations with no label at all (Hypothesis highlights and untagged notes).
    pub untagged: usize,
    /// Annotations whose labels are none of claim, quote and actor, nor mapped onto one.
    pub unmapped: usize,
    /// Annotations of the whole page rather than a passage (Hypothesis page notes).
    pub page_notes: usize,
    /// Annotations whose selectors are none that Newsmark reads (a bare RangeSelector).
    pub unplaced: usize,
    /// Replies to other annotations (Hypothesis), which are conversation, not spans.
    pub replies: usize,
    /// The labels of the annotations left out for want of a tag, with how many carry each.
    pub labels: BTreeMap<String, usize>,
}

impl LeftOut {
    pub fn is_empty(&self) -> bool {
        self.untagged + self.unmapped + self.page_notes + self.unplaced + self.replies == 0
    }

    /// How many annotations were left out for want of a tag, which choosing tags can bring in.
    pub fn for_want_of_a_tag(&self) -> usize {
        self.untagged + self.unmapped
    }

    fn add(&mut self, other: &LeftOut) {
        self.untagged += other.untagged;
        self.unmapped += other.unmapped;
        self.page_notes += other.page_notes;
        self.unplaced += other.unplaced;
        self.replies += other.replies;
        for (label, n) in &other.labels {
            *self.labels.entry(label.clone()).or_default() += n;
        }
    }

    /// One sentence per reason, such as "12 highlights and other annotations without a tag
    /// were left out."
    pub fn sentences(&self) -> Vec<String> {
        let were = |n: usize| if n == 1 { "was" } else { "were" };
        let mut out = Vec::new();
        if self.untagged > 0 {
            out.push(format!(
                "{} without any tag {} left out.",
                plural(self.untagged, "highlight or annotation", "highlights and annotations"),
                were(self.untagged)
            ));
        }
        if self.unmapped > 0 {
            let labels: Vec<String> = self.labels.iter().map(|(label, n)| format!("\"{label}\" ({n})")).collect();
            out.push(format!(
                "{} without a claim, quote or actor tag {} left out; {} tags: {}.",
                plural(self.unmapped, "annotation", "annotations"),
                were(self.unmapped),
                if self.unmapped == 1 { "its" } else { "their" },
                labels.join(", ")
            ));
        }
        if self.page_notes > 0 {
            out.push(format!(
                "{} {} left out: {} about the whole page, not a passage.",
                plural(self.page_notes, "page note", "page notes"),
                were(self.page_notes),
                if self.page_notes == 1 { "it is" } else { "they are" }
            ));
        }
        if self.unplaced > 0 {
            out.push(format!(
                "{} {} left out: {} not say where {} in the text (no TextQuoteSelector or TextPositionSelector).",
                plural(self.unplaced, "annotation", "annotations"),
                were(self.unplaced),
                if self.unplaced == 1 { "it does" } else { "they do" },
                if self.unplaced == 1 { "it is" } else { "they are" }
            ));
        }
        if self.replies > 0 {
            out.push(format!(
                "{} {} skipped: replies are conversation, not passages of the text.",
                plural(self.replies, "reply", "replies"),
                were(self.replies)
            ));
        }
        out
    }
}

/// How the annotations of an import were placed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// At the position the file gave.
    pub exact: usize,
    /// Found again by their text and context.
    pub reanchored: usize,
    /// Not found: kept aside for the person to place or drop.
    pub orphaned: usize,
    /// Placed, but widened so as not to cut through a character (an emoji sequence, a
    /// letter and its combining marks), which the app never does.
    pub widened: usize,
    /// Anything else worth saying, such as which offset unit a file turned out to use.
    pub remarks: Vec<String>,
    /// The file's annotations that were not imported, by reason.
    pub left_out: LeftOut,
}

impl ImportReport {
    fn add(&mut self, other: ImportReport) {
        self.exact += other.exact;
        self.reanchored += other.reanchored;
        self.orphaned += other.orphaned;
        self.widened += other.widened;
        self.left_out.add(&other.left_out);
        for r in other.remarks {
            if !self.remarks.contains(&r) {
                self.remarks.push(r);
            }
        }
    }

    /// One sentence: "12 annotations: 9 placed exactly, 2 re-anchored, 1 orphaned.", and
    /// "…, 1 orphaned; 1 widened to whole characters." when a span had to be widened.
    pub fn summary(&self) -> String {
        let total = self.exact + self.reanchored + self.orphaned;
        let noun = if total == 1 { "annotation" } else { "annotations" };
        let widened = match self.widened {
            0 => String::new(),
            n => format!("; {n} widened to whole characters"),
        };
        format!(
            "{total} {noun}: {} placed exactly, {} re-anchored, {} orphaned{widened}.",
            self.exact, self.reanchored, self.orphaned
        )
    }
}

/// What an import produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub format: Format,
    pub documents: Vec<Document>,
    pub report: ImportReport,
    /// The ids of the documents whose file named no title: Newsmark made theirs up from
    /// the first line of the text, and the shell may name them better.
    pub untitled: Vec<String>,
}

/// The label a tag has in exported files of other tools: `Claim`, `Quote`, `Actor`.
pub fn tag_label(tag: Tag) -> &'static str {
    tag.label()
}

/// Reads a label from another tool's file: claim, quote or actor, in any case.
pub fn label_to_tag(label: &str) -> Result<Tag, ImportError> {
    Tag::parse(&label.trim().to_ascii_lowercase()).ok_or_else(|| {
        ImportError(format!("unknown label \"{label}\": Newsmark reads the labels claim, quote and actor"))
    })
}

/// Tells the format of a file from its structure: its contents are parsed once and their
/// shape decides, never a word found somewhere in them (a Hypothesis annotation tagged
/// "data" is still W3C).
///
/// - brat: a .zip, or an `.ann` file (by its name, or lines such as `T1⇥Actor 0 9⇥…`);
/// - CSV: Newsmark's header row (export only, so its import is refused by name);
/// - one JSON value: Newsmark JSON has `schema_version`; W3C has `@context`, a `type` of
///   `Annotation`, `AnnotationPage` or `AnnotationCollection`, a `target`, Hypothesis'
///   `rows`, or the Hypothesis client's export (`annotations` beside `export_date`,
///   `export_userid` or `client_version`); a Label Studio task has a `data` object
///   (doccano's older lines have `data` too, but as a string); a doccano line has
///   `entities` or a `label` list; a spaCy line has `spans`. A list is W3C or Label Studio by the shape of its items;
/// - JSON lines: doccano or spaCy by the shape of the first line.
///
/// A file that looks like JSON but does not parse is given to the reader its name or its
/// `schema_version` points to, so the person hears where it is damaged.
pub fn detect(name: &str, bytes: &[u8]) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") || lower.ends_with(".ann") {
        return Some(Format::Brat);
    }
    // Told by its shape even if a byte is not UTF-8, so that its reader can say which one.
    let lossy = String::from_utf8_lossy(bytes);
    let text = lossy.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with("document,title,annotation,tag,start,end,") {
        return Some(Format::Csv);
    }
    if text.lines().next().is_some_and(is_brat_line) {
        return Some(Format::Brat);
    }
    if !text.starts_with(['{', '[']) {
        return None;
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        return json_format(&value);
    }
    // Not one JSON value: JSON lines, told by the first line's shape.
    if let Ok(first) = serde_json::from_str::<serde_json::Value>(text.lines().next().unwrap_or_default()) {
        return match json_format(&first) {
            Some(Format::Spacy) => Some(Format::Spacy),
            Some(Format::Doccano) => Some(Format::Doccano),
            _ => None,
        };
    }
    damaged_json_format(&lower, text)
}

/// The format of one parsed JSON value, by its shape.
fn json_format(value: &serde_json::Value) -> Option<Format> {
    use serde_json::Value;
    match value {
        Value::Object(o) => {
            let is_list = |key: &str| o.get(key).is_some_and(Value::is_array);
            if o.contains_key("schema_version") {
                Some(Format::Newsmark)
            } else if is_w3c(value) || is_list("rows") || is_hypothesis_export(o) {
                Some(Format::W3c)
            } else if o.get("data").is_some_and(Value::is_object) {
                Some(Format::LabelStudio)
            } else if is_list("spans") {
                Some(Format::Spacy)
            } else if is_list("entities") || is_list("label") {
                Some(Format::Doccano)
            } else {
                None
            }
        }
        Value::Array(items) => {
            let objects = || items.iter().filter(|item| item.is_object());
            if items.is_empty() {
                // Nothing to tell by; the W3C reader says the file holds no annotations.
                Some(Format::W3c)
            } else if objects().count() < items.len() {
                None
            } else if objects().all(is_w3c) {
                Some(Format::W3c)
            } else if objects().all(|task| task.get("data").is_some_and(Value::is_object) && !is_w3c(task)) {
                Some(Format::LabelStudio)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Whether a JSON object is the file the Hypothesis client exports: its `annotations`
/// with the export's date, user or client version (a Label Studio task has `annotations`
/// too, but none of those).
fn is_hypothesis_export(o: &serde_json::Map<String, serde_json::Value>) -> bool {
    o.get("annotations").is_some_and(serde_json::Value::is_array)
        && ["export_date", "export_userid", "client_version"].iter().any(|key| o.contains_key(*key))
}

/// Whether a JSON object is a W3C annotation, page or collection (or Hypothesis' form of one).
fn is_w3c(value: &serde_json::Value) -> bool {
    const TYPES: [&str; 3] = ["Annotation", "AnnotationPage", "AnnotationCollection"];
    let typed = match value.get("type") {
        Some(serde_json::Value::String(t)) => TYPES.contains(&t.as_str()),
        Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(|t| TYPES.contains(&t))),
        _ => false,
    };
    value.is_object() && (typed || value.get("@context").is_some() || value.get("target").is_some())
}

/// Whether a line is a brat annotation line: an id such as `T1`, `R2`, `#3` or `A4`, a tab,
/// and more.
fn is_brat_line(line: &str) -> bool {
    let Some((id, rest)) = line.split_once('\t') else { return false };
    let mut chars = id.chars();
    matches!(chars.next(), Some('T' | 'R' | 'E' | 'A' | 'M' | 'N' | '#'))
        && !chars.as_str().is_empty()
        && chars.all(|c| c.is_ascii_digit())
        && !rest.is_empty()
}

/// The reader for a file that looks like JSON but does not parse: the one its name says
/// (`.newsmark.json`, `.w3c.jsonld`, …), or Newsmark's when it has a `schema_version`.
fn damaged_json_format(lower_name: &str, text: &str) -> Option<Format> {
    let by_name = Format::ALL.into_iter().find(|f| f.importable() && lower_name.ends_with(f.extension()));
    let by_extension = || match lower_name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("jsonld") => Some(Format::W3c),
        Some("jsonl") => Some(Format::Doccano),
        _ => None,
    };
    let head: String = text.chars().take(4000).collect();
    by_name.or_else(by_extension).or_else(|| head.contains("\"schema_version\"").then_some(Format::Newsmark))
}

/// Imports a file. `text` supplies the article for files that do not carry it (a brat
/// `.ann`, W3C annotations made elsewhere); a file's own text always wins. `new_id`
/// gives fresh document ids.
pub fn import(
    format: Format,
    bytes: &[u8],
    text: Option<&str>,
    new_id: &mut dyn FnMut() -> String,
    now: Timestamp,
) -> Result<Imported, ImportError> {
    import_mapped(format, bytes, text, &TagMapping::default(), new_id, now)
}

/// Imports a file as [`import`] does, reading other labels of W3C and Hypothesis files
/// as `tags` says. Annotations that cannot be read as spans (no usable tag, a page note,
/// a reply) are left out and counted in the report's `left_out`; a document whose
/// annotations were all left out, and which has no article text of its own, is not made.
pub fn import_mapped(
    format: Format,
    bytes: &[u8],
    text: Option<&str>,
    tags: &TagMapping,
    new_id: &mut dyn FnMut() -> String,
    now: Timestamp,
) -> Result<Imported, ImportError> {
    let imported = read_documents(format, bytes, text, tags, new_id, now)?;
    for doc in &imported.documents {
        if let Err(why) = crate::limits::check_document(doc) {
            return refuse(format!("\"{}\" is too large: {why}", doc.title));
        }
    }
    Ok(imported)
}

fn read_documents(
    format: Format,
    bytes: &[u8],
    text: Option<&str>,
    tags: &TagMapping,
    new_id: &mut dyn FnMut() -> String,
    now: Timestamp,
) -> Result<Imported, ImportError> {
    crate::limits::check_file_size(bytes.len() as u64).map_err(ImportError)?;
    let as_text = || {
        std::str::from_utf8(bytes)
            .map(|s| s.trim_start_matches('\u{feff}'))
            .map_err(|e| ImportError(format!("the file is not UTF-8 text (bad byte at offset {})", e.valid_up_to())))
    };
    let drafts = match format {
        Format::Newsmark => {
            // Every problem on its own line; a one-line caller joins them.
            let mut documents = schema::load(as_text()?).map_err(|e| ImportError(e.to_string()))?;
            let exact = documents.iter().map(|d| d.annotations.len()).sum();
            let orphaned = documents.iter().map(|d| d.orphans.len()).sum();
            let widened = documents.iter_mut().map(widen_to_whole_characters).sum();
            let mut report = ImportReport { exact, orphaned, widened, ..ImportReport::default() };
            if widened > 0 {
                report.remarks.push(WIDENED.into());
            }
            return Ok(Imported { format, documents, report, untitled: Vec::new() });
        }
        Format::W3c => w3c::read(as_text()?, tags)?,
        Format::Brat => brat::read(bytes)?,
        Format::Doccano => doccano::read(as_text()?)?,
        Format::LabelStudio => label_studio::read(as_text()?)?,
        Format::Spacy | Format::Csv => return refuse(format!("Newsmark exports {format} but does not import it")),
    };
    if drafts.is_empty() {
        return refuse("the file holds no documents");
    }
    let mut documents = Vec::new();
    let mut report = ImportReport::default();
    let mut untitled = Vec::new();
    let mut ids = HashSet::new();
    for mut draft in drafts {
        let left_out = std::mem::take(&mut draft.left_out);
        report.left_out.add(&left_out);
        if draft.annotations.is_empty() && draft.relations.is_empty() && draft.text.is_none() && !left_out.is_empty() {
            // Nothing to place and no article: the report says what was left out.
            continue;
        }
        let titled = draft.title.as_deref().is_some_and(|t| !t.trim().is_empty());
        // The id the file gives (one Newsmark wrote), unless it is blank or already used.
        let id = draft.id.take().filter(|id| !id.trim().is_empty() && !ids.contains(id)).unwrap_or_else(&mut *new_id);
        ids.insert(id.clone());
        let (doc, r) = assemble(draft, text, &id, now)?;
        if !titled {
            untitled.push(doc.id.clone());
        }
        documents.push(doc);
        report.add(r);
    }
    Ok(Imported { format, documents, report, untitled })
}

/// Builds a document from a draft: checks every annotation, converts offsets to code
/// points, and places each span exactly, re-anchored, or as an orphan.
///
/// A span is placed exactly where the file's offsets, read in the draft's unit, hold its
/// quote and no character of its recorded context differs from the article's. When the
/// unit is [`Unit::Either`], both readings are tried for each annotation on its own: the
/// one that is confirmed wins; if both are (at different places) or neither is, the quote
/// and context decide as for any moved span ([`anchor::reanchor_all`], one pass over the
/// text for all of them), and if they cannot, the annotation is orphaned. A placed span that
/// cuts through a character is widened to whole characters and counted in the report.
pub fn assemble(
    draft: Draft,
    text: Option<&str>,
    id: &str,
    now: Timestamp,
) -> Result<(Document, ImportReport), ImportError> {
    let text: String = match (draft.text, text) {
        (Some(own), _) => own,
        (None, Some(given)) => given.to_owned(),
        (None, None) => {
            return refuse("the file does not include the article text: open the article first, or give it with --text")
        }
    };
    crate::limits::check_annotations(draft.annotations.len(), "annotations").map_err(ImportError)?;
    crate::limits::check_annotations(draft.relations.len(), "attributions").map_err(ImportError)?;
    let index = OffsetIndex::new(&text);
    let len = index.cp_len();
    let mut report = ImportReport::default();
    let units: &[Unit] = match draft.unit {
        Unit::Either => &[Unit::CodePoints, Unit::Utf16],
        Unit::CodePoints => &[Unit::CodePoints],
        Unit::Utf16 => &[Unit::Utf16],
    };

    // First where the file's own positions can be trusted, annotation by annotation; then
    // every other quote is looked for in one pass over the text.
    let mut placed: Vec<Placed> = Vec::with_capacity(draft.annotations.len());
    let mut searched: Vec<usize> = Vec::new();
    // Annotations that give a position but no quote, where the units disagree.
    let mut positional: Vec<(usize, Vec<Reading>)> = Vec::new();
    // How many annotations were placed exactly by reading their offsets in each unit, where
    // the two units would put them in different places.
    let (mut by_code_points, mut by_utf16) = (0, 0);
    for (i, a) in draft.annotations.iter().enumerate() {
        let Some(tag) = a.tag else {
            return refuse(format!(
                "annotation {} has no tag: Newsmark reads the labels claim, quote and actor",
                i + 1
            ));
        };
        // Where the file's offsets put the span, in each unit it may count in.
        let mut positions: Vec<Reading> = Vec::new();
        if let (Some(s), Some(e)) = (a.start, a.end) {
            for &unit in units {
                if let Some(span) = to_cp(&index, s, e, unit).filter(|(s, e)| s < e) {
                    positions.push((unit, span));
                }
            }
            if s >= e || positions.is_empty() && a.exact.is_none() {
                return refuse(format!(
                    "annotation {} ({}) has the span {s}–{e}, which is empty or does not fit the article of {len} characters",
                    i + 1,
                    a.id
                ));
            }
        }
        // Whether the units disagree about where the span is (only after a character that
        // is two UTF-16 units, such as most emoji).
        let units_differ = units.len() == 2 && !(positions.len() == 2 && positions[0].1 == positions[1].1);
        positions.dedup_by_key(|(_, span)| *span);
        let exact = match (&a.exact, positions.first()) {
            (Some(x), _) => x.clone(),
            (None, Some(&(_, (s, e)))) => text_of(&text, &index, s, e),
            (None, None) => {
                return refuse(format!("annotation {} ({}) has neither a position nor a quote", i + 1, a.id))
            }
        };
        let quote = Quote { exact, prefix: a.prefix.clone(), suffix: a.suffix.clone() };
        // Without a quote of its own, an annotation whose units disagree has nothing to
        // tell which reading is right.
        let undecidable = a.exact.is_none() && positions.len() > 1;
        let confirmed: Vec<Reading> = positions
            .iter()
            .copied()
            .filter(|&(_, (s, e))| !undecidable && confirms(&text, &index, &quote, s, e))
            .collect();
        let placement = match confirmed.as_slice() {
            [(unit, (s, e))] => {
                if units_differ {
                    match unit {
                        Unit::Utf16 => by_utf16 += 1,
                        _ => by_code_points += 1,
                    }
                }
                Placement::Exact(*s, *e)
            }
            _ if undecidable => {
                positional.push((i, positions.clone()));
                Placement::Orphaned
            }
            _ if quote.exact.is_empty() => Placement::Orphaned,
            // Not confirmed where the file says, or confirmed in both units at different
            // places: the text and context decide, with the others, below.
            _ => {
                searched.push(i);
                Placement::Orphaned
            }
        };
        let hint = positions.first().map(|&(_, span)| span);
        placed.push(Placed { tag, quote, hint, placement });
    }
    // A position without a quote, in a file that does not say its unit, is read in the unit
    // the file's quoted annotations were found to count in, or in code points (as the W3C
    // standard has it) if none were; if they count both ways, nothing tells, and it is
    // orphaned.
    let assumed = match (by_code_points, by_utf16) {
        (_, 0) => Some(Unit::CodePoints),
        (0, _) => Some(Unit::Utf16),
        _ => None,
    };
    for (i, positions) in &positional {
        let Some(&(_, (s, e))) = positions.iter().find(|(unit, _)| Some(*unit) == assumed) else { continue };
        placed[*i].quote.exact = text_of(&text, &index, s, e);
        placed[*i].placement = Placement::Exact(s, e);
    }
    if !positional.is_empty() && assumed == Some(Unit::CodePoints) && by_code_points == 0 {
        report.remarks.push(format!(
            "{} only a position, no text to check it by; their offsets were read as Unicode code points.",
            plural(positional.len(), "annotation gives", "annotations give")
        ));
    }
    let quotes: Vec<&Quote> = searched.iter().map(|&i| &placed[i].quote).collect();
    for (i, placement) in searched.iter().zip(anchor::reanchor_all(&text, &index, &quotes)) {
        placed[*i].placement = placement;
    }
    match draft.unit {
        Unit::Either => report.remarks.extend(units_remark(by_code_points, by_utf16)),
        Unit::Utf16 if index.utf16_len() != len && draft.annotations.iter().any(|a| a.start.is_some()) => {
            report.remarks.push(CONVERTED.into());
        }
        _ => {}
    }

    let mut annotations: Vec<Annotation> = Vec::new();
    let mut orphans: Vec<Annotation> = Vec::new();
    let mut ids: HashMap<String, String> = HashMap::new();
    // The ids given so far. Not `ids`' values: a file id used twice replaces its entry there.
    let mut used: HashSet<String> = HashSet::new();
    for (i, (a, p)) in draft.annotations.iter().zip(placed).enumerate() {
        let id = unique_id(&a.id, i, &used);
        used.insert(id.clone());
        ids.insert(a.id.clone(), id.clone());
        let span = match p.placement {
            Placement::Exact(s, e) => {
                report.exact += 1;
                Some((s, e))
            }
            Placement::Reanchored(s, e) => {
                report.reanchored += 1;
                Some((s, e))
            }
            Placement::Orphaned => {
                report.orphaned += 1;
                None
            }
        };
        let mut annotation = Annotation {
            id,
            tag: p.tag,
            start: 0,
            end: 0,
            exact: p.quote.exact,
            prefix: p.quote.prefix,
            suffix: p.quote.suffix,
            note: a.note.clone().filter(|n| !n.trim().is_empty()),
            details: Default::default(),
            created: a.created.unwrap_or(now),
            updated: a.updated.or(a.created).unwrap_or(now),
        };
        match span {
            Some((start, end)) => {
                let from = index.cp_to_byte(start).expect("placements lie inside the text");
                let to = index.cp_to_byte(end).expect("placements lie inside the text");
                // The app never makes a span that cuts a character in two; neither does an import.
                let (from, to) = snap::whole_characters(&text, from, to);
                let q = anchor::quote_bytes(&text, from, to);
                if q.exact != annotation.exact {
                    report.widened += 1;
                    if !report.remarks.iter().any(|r| r == WIDENED) {
                        report.remarks.push(WIDENED.into());
                    }
                }
                annotation.start = index.byte_to_cp(from).expect("a character boundary");
                annotation.end = index.byte_to_cp(to).expect("a character boundary");
                (annotation.exact, annotation.prefix, annotation.suffix) = (q.exact, q.prefix, q.suffix);
                annotations.push(annotation);
            }
            None => {
                (annotation.start, annotation.end) = p.hint.unwrap_or((0, 0));
                orphans.push(annotation);
            }
        }
    }

    // Looked up, not searched for: a long article has thousands of spans and attributions.
    let tags: HashMap<&str, Tag> = annotations.iter().chain(&orphans).map(|a| (a.id.as_str(), a.tag)).collect();
    let tag_of = |id: &str| tags.get(id).copied();
    let mut linked: HashSet<(&str, &str)> = HashSet::new();
    let mut relations = Vec::new();
    for (n, (from, to)) in draft.relations.iter().enumerate() {
        let (Some(from), Some(to)) = (ids.get(from), ids.get(to)) else {
            return refuse(format!(
                "relation {} links \"{from}\" to \"{to}\", which are not both annotations in the file",
                n + 1
            ));
        };
        match (tag_of(from), tag_of(to)) {
            (Some(Tag::Quote | Tag::Claim), Some(Tag::Actor)) => {}
            _ => return refuse(format!("relation {} must link a quote or a claim to an actor", n + 1)),
        }
        if linked.insert((from.as_str(), to.as_str())) {
            relations.push(Relation {
                id: format!("r{}", relations.len() + 1),
                kind: RelationKind::Attribution,
                from: from.clone(),
                to: to.clone(),
                created: now,
            });
        }
    }

    let title =
        draft.title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| crate::article_text::title_from_text(&text));
    let mut doc = Document::new(id, title, text, now);
    doc.source_url = draft.source_url.filter(|s| !s.is_empty());
    doc.byline = draft.byline.filter(|s| !s.is_empty());
    doc.published = draft.published.filter(|s| !s.is_empty());
    doc.site_name = draft.site_name.filter(|s| !s.is_empty());
    doc.captured = draft.captured;
    doc.annotations = annotations;
    doc.annotations.sort_by(Annotation::text_order);
    doc.relations = relations;
    doc.orphans = orphans;
    Ok((doc, report))
}

/// Widens every span of `doc` that cuts through a character (made by hand, or by another
/// program: the app never makes one) to whole characters, and says how many it widened.
fn widen_to_whole_characters(doc: &mut Document) -> usize {
    let index = OffsetIndex::new(&doc.text);
    let mut widened = 0;
    for a in &mut doc.annotations {
        let from = index.cp_to_byte(a.start).expect("a loaded span lies inside its text");
        let to = index.cp_to_byte(a.end).expect("a loaded span lies inside its text");
        let (wide_from, wide_to) = snap::whole_characters(&doc.text, from, to);
        if (wide_from, wide_to) != (from, to) {
            let q = anchor::quote_bytes(&doc.text, wide_from, wide_to);
            a.start = index.byte_to_cp(wide_from).expect("a character boundary");
            a.end = index.byte_to_cp(wide_to).expect("a character boundary");
            (a.exact, a.prefix, a.suffix) = (q.exact, q.prefix, q.suffix);
            widened += 1;
        }
    }
    if widened > 0 {
        doc.annotations.sort_by(Annotation::text_order);
    }
    widened
}

/// Where a file's offsets put a span (code points), read in one unit.
type Reading = (Unit, (usize, usize));

/// One annotation of a draft on its way into a document.
struct Placed {
    tag: Tag,
    quote: Quote,
    /// Where the file's offsets put it, if they fit the article (kept for an orphan).
    hint: Option<(usize, usize)>,
    placement: Placement,
}

const WIDENED: &str = "A span that cut through a character (an emoji sequence, or a letter and its accent) was widened to take in the whole character, as the app does when you select text.";

const CONVERTED: &str = "The offsets in this file count UTF-16 code units; they were converted.";

/// What to say about the unit of a file that does not name one, from how many annotations
/// were placed exactly by reading their offsets as code points and as UTF-16 units (where
/// the two differ).
fn units_remark(by_code_points: usize, by_utf16: usize) -> Option<String> {
    match (by_code_points, by_utf16) {
        (0, 0) => None,
        (_, 0) => Some("The offsets in this file count Unicode code points.".into()),
        (0, _) => Some(CONVERTED.into()),
        (cp, u16) => Some(format!(
            "The offsets in this file do not all count the same way: {} only when read as Unicode code points, {} only when read as UTF-16 code units. Each was placed where its text and context agree with the article; check them.",
            plural(cp, "annotation fits", "annotations fit"),
            plural(u16, "annotation fits", "annotations fit"),
        )),
    }
}

/// The span `start..end` (code points) of `text` in the unit the file counts in, or `None`
/// if it does not fit the article or a UTF-16 offset falls inside a character.
fn to_cp(index: &OffsetIndex, start: usize, end: usize, unit: Unit) -> Option<(usize, usize)> {
    match unit {
        Unit::Utf16 => {
            let cp = |u: usize| index.utf16_to_cp(u).filter(|&cp| index.cp_to_utf16(cp) == Some(u));
            Some((cp(start)?, cp(end)?))
        }
        _ => (start <= end && end <= index.cp_len()).then_some((start, end)),
    }
}

fn text_of(text: &str, index: &OffsetIndex, start: usize, end: usize) -> String {
    let from = index.cp_to_byte(start).expect("checked");
    let to = index.cp_to_byte(end).expect("checked");
    text[from..to].to_owned()
}

/// Whether the quote is at `start..end` (code points) of `text` with its context
/// ([`anchor::is_at`]).
fn confirms(text: &str, index: &OffsetIndex, quote: &Quote, start: usize, end: usize) -> bool {
    match (index.cp_to_byte(start), index.cp_to_byte(end)) {
        (Some(from), Some(to)) => anchor::is_at(text, quote, from, to),
        _ => false,
    }
}

/// The file's id for annotation `i` if it is usable and free, otherwise a made-up one
/// (`a{i+1}`, or the next free `aN`: the file may use such ids itself).
fn unique_id(wanted: &str, i: usize, taken: &HashSet<String>) -> String {
    let clean = wanted.trim();
    if !clean.is_empty() && clean.len() <= 200 && !taken.contains(clean) {
        return clean.to_owned();
    }
    (i + 1..)
        .map(|n| format!("a{n}"))
        .find(|id| !taken.contains(id))
        .expect("fewer ids are taken than there are numbers")
}

/// Counts what an export leaves out, for the messages in [`Exported::left_out`].
pub fn count_notes(docs: &[Document]) -> usize {
    docs.iter().flat_map(|d| &d.annotations).filter(|a| a.note.is_some()).count()
}

pub fn count_relations(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.relations.len()).sum()
}

pub fn count_orphans(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.orphans.len()).sum()
}

/// The sentence every export adds when orphaned annotations are left out.
pub fn orphans_left_out(docs: &[Document]) -> Option<String> {
    let n = count_orphans(docs);
    (n > 0).then(|| {
        format!(
            "{} (not placed in the text) {} not included.",
            plural(n, "orphaned annotation", "orphaned annotations"),
            if n == 1 { "is" } else { "are" }
        )
    })
}

/// "1 note" / "3 notes".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
