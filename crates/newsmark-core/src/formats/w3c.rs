//! W3C Web Annotation (JSON-LD), as written by Newsmark and read from Newsmark, other
//! W3C tools and Hypothesis.
//!
//! # What Newsmark writes
//!
//! One `AnnotationCollection` per document; several documents give a JSON array of
//! collections. Offsets count Unicode code points, as the W3C model says.
//!
//! ```json
//! {
//!   "@context": "http://www.w3.org/ns/anno.jsonld",
//!   "id": "urn:newsmark:document:DOC",
//!   "type": "AnnotationCollection",
//!   "label": "The article's title",
//!   "total": 2,
//!   "newsmark:document": { "id": "DOC", "title": "…", "text": "…", "source_url": "…", "byline": "…",
//!                          "published": "…", "site_name": "…", "captured": "2026-11-25T09:00:00.000Z" },
//!   "first": {
//!     "type": "AnnotationPage",
//!     "items": [
//!       {
//!         "id": "urn:newsmark:annotation:a1",
//!         "type": "Annotation",
//!         "motivation": "tagging",
//!         "created": "2026-11-25T09:30:00.000Z",
//!         "modified": "2026-11-25T09:30:00.000Z",
//!         "body": [
//!           { "type": "TextualBody", "purpose": "tagging", "value": "quote" },
//!           { "type": "TextualBody", "purpose": "commenting", "value": "the note", "format": "text/plain" }
//!         ],
//!         "target": {
//!           "source": "https://news.example/article",
//!           "state": { "type": "TimeState", "sourceDate": "2026-11-25T09:00:00.000Z" },
//!           "selector": [
//!             { "type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…" },
//!             { "type": "TextPositionSelector", "start": 10, "end": 24 }
//!           ]
//!         }
//!       },
//!       {
//!         "id": "urn:newsmark:relation:r1",
//!         "type": "Annotation",
//!         "motivation": "linking",
//!         "created": "2026-11-25T09:30:00.000Z",
//!         "body": "urn:newsmark:annotation:ACTOR",
//!         "target": "urn:newsmark:annotation:QUOTE_OR_CLAIM"
//!       }
//!     ]
//!   }
//! }
//! ```
//!
//! - Each span is an annotation whose tagging body names its tag (`claim`, `quote` or
//!   `actor`); a note is a second, commenting body. The target's source is the article's
//!   URL, or `urn:newsmark:document:DOC` when it has none. For a page captured from the
//!   web, the target's `TimeState` says when: the annotation is about the page as it was
//!   then (`sourceDate`), which is how the W3C model says a page that changes was read.
//! - Each attribution is a `linking` annotation whose target is the quote or claim and
//!   whose body is the actor.
//! - `total` counts the items: spans and attributions.
//! - The article itself travels in `newsmark:document`, a property outside the W3C
//!   vocabulary that other tools ignore, so that the file stands on its own.
//! - Orphaned annotations (not placed in the text) are not written, nor are their attributions.
//!
//! # What Newsmark reads
//!
//! A collection (items under `first.items`, following embedded `next` pages, or under
//! `items`), an `AnnotationPage`, a single annotation, a Hypothesis search result
//! (`{"total": …, "rows": [...]}`), the file the Hypothesis client exports
//! (`{"export_date", "export_userid", "client_version", "annotations": [...]}`), or a
//! JSON array of annotations or collections. Loose annotations in one file make one
//! document.
//!
//! - The labels are the tagging bodies' values (`purpose` "tagging", or no purpose in an
//!   annotation whose `motivation` is "tagging"), then the Hypothesis `tags`. The tag is
//!   the first label that the [`TagMapping`] reads: claim, quote or actor in any case, or
//!   a label the person mapped onto one. An annotation with no label at all takes the
//!   mapping's tag for untagged annotations, if it has one.
//! - The note is the commenting bodies' text, or Hypothesis `text`.
//! - The position comes from a `TextPositionSelector`, the quote and its context from a
//!   `TextQuoteSelector`. `body`, `target` and `selector` may each be one value or a list;
//!   a body may be a bare string.
//! - What cannot be a span is left out and counted in the draft's [`LeftOut`], never a
//!   reason to refuse the file: annotations without a tag that is read (Hypothesis
//!   highlights, rows tagged only `follow-up`), page notes (a target without selectors),
//!   annotations whose selectors Newsmark does not read, and Hypothesis replies
//!   (annotations with `references`).
//! - What Newsmark wrote comes back as it was: the document's id (`newsmark:document`.id)
//!   and each annotation's `created` and `modified` times.
//! - Files with `newsmark:document` count code points; for any other file the unit is
//!   whichever of code points and UTF-16 units (Hypothesis) makes the quotes match.

use super::orphans_left_out;
use super::{refuse, Draft, DraftAnnotation, Exported, ImportError, LeftOut, TagMapping, Unit};
use crate::limits::{too_many, MAX_ANNOTATIONS};
use crate::model::{is_web_address, Annotation, Document, Relation};
use crate::time::Timestamp;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashSet;

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
const DOCUMENT_URN: &str = "urn:newsmark:document:";
const ANNOTATION_URN: &str = "urn:newsmark:annotation:";
const RELATION_URN: &str = "urn:newsmark:relation:";
const EMBEDDED: &str = "newsmark:document";

// ---------------------------------------------------------------------------------------
// Export

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    total: usize,
    #[serde(rename = "newsmark:document")]
    document: Article<'a>,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Article<'a> {
    id: &'a str,
    title: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    captured: Option<Timestamp>,
}

#[derive(Serialize)]
struct Page<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Span(SpanAnnotation<'a>),
    Link(LinkAnnotation),
}

#[derive(Serialize)]
struct SpanAnnotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: Timestamp,
    modified: Timestamp,
    body: Vec<TextualBody<'a>>,
    target: SpanTarget<'a>,
}

#[derive(Serialize)]
struct TextualBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
}

#[derive(Serialize)]
struct SpanTarget<'a> {
    source: String,
    /// When the page was captured, for a page captured from the web.
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<TimeState>,
    selector: [Selector<'a>; 2],
}

#[derive(Serialize)]
struct TimeState {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "sourceDate")]
    source_date: Timestamp,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector { exact: &'a str, prefix: &'a str, suffix: &'a str },
    TextPositionSelector { start: usize, end: usize },
}

#[derive(Serialize)]
struct LinkAnnotation {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: Timestamp,
    body: String,
    target: String,
}

/// Writes one `AnnotationCollection` per document: an object for one document, a JSON
/// array of them otherwise.
pub fn export(docs: &[Document]) -> Exported {
    let collections: Vec<Collection> = docs.iter().map(collection).collect();
    let json = match collections.as_slice() {
        [one] => serde_json::to_string_pretty(one),
        all => serde_json::to_string_pretty(all),
    }
    .expect("plain data always serialises");
    let mut left_out = Vec::new();
    left_out.extend(orphans_left_out(docs));
    Exported { bytes: json.into_bytes(), left_out }
}

fn collection(doc: &Document) -> Collection<'_> {
    let document_urn = format!("{DOCUMENT_URN}{}", doc.id);
    let source = doc.source_url.as_deref().unwrap_or(&document_urn);
    let captured = doc.captured.filter(|_| doc.source_url.as_deref().is_some_and(is_web_address));
    let mut items: Vec<Item> = doc.annotations.iter().map(|a| Item::Span(span(a, source, captured))).collect();
    // An orphan is not written, so neither is an attribution to or from one: the file
    // would name an annotation it does not hold, and be refused on import.
    let written: HashSet<&str> = doc.annotations.iter().map(|a| a.id.as_str()).collect();
    items.extend(
        doc.relations
            .iter()
            .filter(|r| written.contains(r.from.as_str()) && written.contains(r.to.as_str()))
            .map(|r| Item::Link(link(r))),
    );
    Collection {
        context: CONTEXT,
        id: format!("{DOCUMENT_URN}{}", doc.id),
        kind: "AnnotationCollection",
        label: &doc.title,
        total: items.len(),
        document: Article {
            id: &doc.id,
            title: &doc.title,
            text: &doc.text,
            source_url: doc.source_url.as_deref(),
            byline: doc.byline.as_deref(),
            published: doc.published.as_deref(),
            site_name: doc.site_name.as_deref(),
            captured: doc.captured,
        },
        first: Page { kind: "AnnotationPage", items },
    }
}

fn span<'a>(a: &'a Annotation, source: &str, captured: Option<Timestamp>) -> SpanAnnotation<'a> {
    let mut body = vec![TextualBody { kind: "TextualBody", purpose: "tagging", value: a.tag.as_str(), format: None }];
    if let Some(note) = &a.note {
        body.push(TextualBody { kind: "TextualBody", purpose: "commenting", value: note, format: Some("text/plain") });
    }
    SpanAnnotation {
        id: format!("{ANNOTATION_URN}{}", a.id),
        kind: "Annotation",
        motivation: "tagging",
        created: a.created,
        modified: a.updated,
        body,
        target: SpanTarget {
            source: source.to_owned(),
            state: captured.map(|source_date| TimeState { kind: "TimeState", source_date }),
            selector: [
                Selector::TextQuoteSelector { exact: &a.exact, prefix: &a.prefix, suffix: &a.suffix },
                Selector::TextPositionSelector { start: a.start, end: a.end },
            ],
        },
    }
}

fn link(r: &Relation) -> LinkAnnotation {
    LinkAnnotation {
        id: format!("{RELATION_URN}{}", r.id),
        kind: "Annotation",
        motivation: "linking",
        created: r.created,
        body: format!("{ANNOTATION_URN}{}", r.to),
        target: format!("{ANNOTATION_URN}{}", r.from),
    }
}

// ---------------------------------------------------------------------------------------
// Import

/// Reads W3C Web Annotation or Hypothesis JSON: one draft per collection or page, and one
/// for all loose annotations. Labels other than claim, quote and actor are read as `tags`
/// says.
pub fn read(text: &str, tags: &TagMapping) -> Result<Vec<Draft>, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError(format!("the file is not JSON ({e})")))?;
    match &value {
        Value::Array(list) => {
            let mut drafts = Vec::new();
            let mut loose = Vec::new();
            for (i, item) in list.iter().enumerate() {
                match shape(item) {
                    Shape::Collection => drafts.push(read_collection(item, tags)?),
                    Shape::Page => drafts.push(read_page(item, tags)?),
                    Shape::Annotation => loose.push(item),
                    Shape::Other => {
                        return refuse(format!(
                            "item {} of the list is {}, not a W3C annotation or annotation collection",
                            i + 1,
                            describe(item)
                        ))
                    }
                }
            }
            if !loose.is_empty() {
                drafts.push(read_items(&loose, Draft::new(Unit::Either), tags)?);
            }
            Ok(drafts)
        }
        Value::Object(_) => match shape(&value) {
            Shape::Collection => Ok(vec![read_collection(&value, tags)?]),
            Shape::Page => Ok(vec![read_page(&value, tags)?]),
            Shape::Annotation => Ok(vec![read_items(&[&value], Draft::new(Unit::Either), tags)?]),
            Shape::Other => refuse(
                "the file is a JSON object but not a W3C annotation, page or collection \
                 (it has no \"type\", \"target\" or \"items\")",
            ),
        },
        other => refuse(format!(
            "the file holds {}, not W3C annotations: expected an annotation, a collection, or a list of them",
            describe(other)
        )),
    }
}

enum Shape {
    Collection,
    Page,
    Annotation,
    Other,
}

fn shape(v: &Value) -> Shape {
    if !v.is_object() {
        Shape::Other
    } else if has_type(v, "AnnotationCollection") {
        Shape::Collection
    } else if has_type(v, "AnnotationPage") {
        Shape::Page
    } else if has_type(v, "Annotation") || v.get("target").is_some() {
        Shape::Annotation
    } else if v.get("first").is_some() || v.get(EMBEDDED).is_some() {
        Shape::Collection
    } else if v.get("items").is_some() || v.get("rows").is_some() || v.get("annotations").is_some_and(Value::is_array) {
        // A page, a Hypothesis search result, or the Hypothesis client's export.
        Shape::Page
    } else {
        Shape::Other
    }
}

fn read_collection(v: &Value, tags: &TagMapping) -> Result<Draft, ImportError> {
    let draft = match v.get(EMBEDDED) {
        None | Some(Value::Null) => {
            let mut draft = Draft::new(Unit::Either);
            draft.title = v.get("label").and_then(Value::as_str).map(str::to_owned);
            draft
        }
        Some(Value::Object(article)) => embedded(article)?,
        Some(other) => return refuse(format!("\"{EMBEDDED}\" is {}, not an object", describe(other))),
    };
    let mut items: Vec<&Value> = Vec::new();
    match v.get("first") {
        None | Some(Value::Null) => items.extend(item_list(v, "the collection")?),
        Some(Value::String(link)) => {
            return refuse(format!(
                "the collection's annotations are not in the file: its first page is a link ({link})"
            ))
        }
        Some(first @ Value::Object(_)) => {
            let mut page = first;
            loop {
                items.extend(item_list(page, "a page of the collection")?);
                match page.get("next") {
                    None | Some(Value::Null) => break,
                    Some(next @ Value::Object(_)) => page = next,
                    Some(Value::String(link)) => {
                        return refuse(format!(
                            "the collection continues on a page that is not in the file ({link}): \
                             save all of its pages in one file"
                        ))
                    }
                    Some(other) => return refuse(format!("a page's \"next\" is {}, not a page", describe(other))),
                }
            }
        }
        Some(other) => return refuse(format!("the collection's \"first\" is {}, not a page", describe(other))),
    }
    read_items(&items, draft, tags)
}

fn read_page(v: &Value, tags: &TagMapping) -> Result<Draft, ImportError> {
    let items = item_list(v, "the annotation page")?;
    read_items(&items, Draft::new(Unit::Either), tags)
}

/// The annotations of a page: its `items` (W3C), `rows` (a Hypothesis search result) or
/// `annotations` (the Hypothesis client's export).
fn item_list<'a>(page: &'a Value, what: &str) -> Result<Vec<&'a Value>, ImportError> {
    match page.get("items").or_else(|| page.get("rows")).or_else(|| page.get("annotations")) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items.iter().collect()),
        Some(other) => refuse(format!("the \"items\" of {what} are {}, not a list", describe(other))),
    }
}

/// The article that Newsmark writes into its collections.
fn embedded(article: &Map<String, Value>) -> Result<Draft, ImportError> {
    let field = |name: &str| -> Result<Option<String>, ImportError> {
        match article.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => refuse(format!("\"{EMBEDDED}\".{name} is {}, not text", describe(other))),
        }
    };
    let mut draft = Draft::new(Unit::CodePoints);
    draft.id = field("id")?;
    draft.title = field("title")?;
    draft.text = field("text")?;
    draft.source_url = field("source_url")?;
    draft.byline = field("byline")?;
    draft.published = field("published")?;
    draft.site_name = field("site_name")?;
    draft.captured = match field("captured")? {
        Some(at) => Some(Timestamp::parse(&at).or_else(|why| refuse(format!("\"{EMBEDDED}\".captured: {why}")))?),
        None => None,
    };
    Ok(draft)
}

/// What one item of a page turned out to be.
enum Read {
    Span(DraftAnnotation),
    /// An attribution: (quote or claim, actor).
    Link(String, String),
    /// Not a span, for the reason given.
    LeftOut(Why),
}

/// Why an annotation was left out.
enum Why {
    /// A Hypothesis reply: part of a conversation, not a span of the text.
    Reply,
    /// About the whole page: no selector at all.
    PageNote,
    /// Selectors, but none that Newsmark reads.
    Unplaced,
    /// No label at all, and no tag chosen for such annotations.
    Untagged,
    /// Labels, none of which is read as a tag.
    Unmapped(Vec<String>),
}

fn read_items(items: &[&Value], mut draft: Draft, tags: &TagMapping) -> Result<Draft, ImportError> {
    for (i, item) in items.iter().enumerate() {
        match read_annotation(item, i + 1, tags)? {
            Read::Span(_) if draft.annotations.len() == MAX_ANNOTATIONS => return refuse(too_many("annotations")),
            Read::Span(a) => draft.annotations.push(a),
            Read::Link(..) if draft.relations.len() == MAX_ANNOTATIONS => return refuse(too_many("attributions")),
            Read::Link(from, to) => draft.relations.push((from, to)),
            Read::LeftOut(why) => count(&mut draft.left_out, why),
        }
        if draft.unit == Unit::Either {
            // A file made elsewhere: the article's address and title, if the annotations say.
            if draft.source_url.is_none() {
                draft.source_url = web_source(item);
            }
            if draft.title.is_none() {
                draft.title = hypothesis_title(item);
            }
        }
    }
    Ok(draft)
}

fn count(left_out: &mut LeftOut, why: Why) {
    match why {
        Why::Reply => left_out.replies += 1,
        Why::PageNote => left_out.page_notes += 1,
        Why::Unplaced => left_out.unplaced += 1,
        Why::Untagged => left_out.untagged += 1,
        Why::Unmapped(labels) => {
            left_out.unmapped += 1;
            for label in labels {
                *left_out.labels.entry(label).or_default() += 1;
            }
        }
    }
}

fn read_annotation(v: &Value, n: usize, tags: &TagMapping) -> Result<Read, ImportError> {
    let Value::Object(obj) = v else {
        return refuse(format!("annotation {n} is {}, not an object", describe(v)));
    };
    let raw_id = id_of(v);
    let name = match raw_id {
        Some(id) => format!("annotation {n} (\"{id}\")"),
        None => format!("annotation {n}"),
    };
    if matches!(obj.get("references"), Some(Value::Array(r)) if !r.is_empty()) {
        return Ok(Read::LeftOut(Why::Reply));
    }
    let motivations = words(obj.get("motivation"));
    if motivations.iter().any(|m| m == "linking") {
        let (Some(target), Some(body)) = (link_end(obj.get("target")), link_end(obj.get("body"))) else {
            return refuse(format!(
                "{name} is a link (motivation \"linking\") but does not name both the annotation it links \
                 from (its target) and the one it links to (its body)"
            ));
        };
        return Ok(Read::Link(strip(target).to_owned(), strip(body).to_owned()));
    }

    // Bodies: a tag and perhaps a note. A body without a purpose has the annotation's motivation.
    let mut labels: Vec<&str> = Vec::new();
    let mut notes: Vec<&str> = Vec::new();
    for body in as_list(obj.get("body")) {
        let (value, purposes) = match body {
            Value::String(s) => (s.as_str(), motivations.clone()),
            Value::Object(_) => {
                let Some(value) = body.get("value").and_then(Value::as_str) else { continue };
                let own = words(body.get("purpose"));
                (value, if own.is_empty() { motivations.clone() } else { own })
            }
            _ => continue,
        };
        if purposes.iter().any(|p| p == "tagging") {
            labels.push(value);
        } else if purposes.iter().any(|p| p == "commenting") {
            notes.push(value);
        }
    }
    // Hypothesis.
    if let Some(Value::Array(tags)) = obj.get("tags") {
        labels.extend(tags.iter().filter_map(Value::as_str));
    }
    if let Some(Value::String(text)) = obj.get("text") {
        notes.push(text);
    }
    let labels: Vec<&str> = labels.into_iter().map(str::trim).filter(|l| !l.is_empty()).collect();
    let tag = match labels.as_slice() {
        [] => tags.untagged,
        some => some.iter().find_map(|l| tags.tag(l)),
    };
    let notes: Vec<&str> = notes.into_iter().map(str::trim).filter(|t| !t.is_empty()).collect();
    // The times Newsmark writes; a time it cannot read leaves the time of the import.
    let time = |key: &str| obj.get(key).and_then(Value::as_str).and_then(|t| Timestamp::parse(t).ok());
    let mut draft = DraftAnnotation {
        id: raw_id.map(strip).unwrap_or_default().to_owned(),
        tag,
        note: (!notes.is_empty()).then(|| notes.join("\n\n")),
        created: time("created"),
        updated: time("modified"),
        ..DraftAnnotation::default()
    };

    // Where it is: the first target with a position or a quote.
    let mut found = false;
    for target in as_list(obj.get("target")) {
        let mut position = None;
        let mut quote = None;
        for selector in as_list(target.get("selector")) {
            if position.is_none() && has_type(selector, "TextPositionSelector") {
                match (whole(selector.get("start")), whole(selector.get("end"))) {
                    (Some(start), Some(end)) => position = Some((start, end)),
                    _ => {
                        return refuse(format!(
                            "{name}: its TextPositionSelector needs a start and an end that are whole numbers"
                        ))
                    }
                }
            } else if quote.is_none() && has_type(selector, "TextQuoteSelector") {
                let Some(exact) = selector.get("exact").and_then(Value::as_str) else {
                    return refuse(format!("{name}: its TextQuoteSelector has no \"exact\" text"));
                };
                let context = |key: &str| selector.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
                quote = Some((exact.to_owned(), context("prefix"), context("suffix")));
            }
        }
        if position.is_some() || quote.is_some() {
            if let Some((start, end)) = position {
                draft.start = Some(start);
                draft.end = Some(end);
            }
            if let Some((exact, prefix, suffix)) = quote {
                draft.exact = Some(exact);
                draft.prefix = prefix;
                draft.suffix = suffix;
            }
            found = true;
            break;
        }
    }
    if !found {
        let has_selectors = as_list(obj.get("target")).into_iter().any(|t| !as_list(t.get("selector")).is_empty());
        return Ok(Read::LeftOut(if has_selectors { Why::Unplaced } else { Why::PageNote }));
    }
    if draft.tag.is_none() {
        return Ok(Read::LeftOut(if labels.is_empty() {
            Why::Untagged
        } else {
            Why::Unmapped(labels.iter().map(|l| (*l).to_owned()).collect())
        }));
    }
    Ok(Read::Span(draft))
}

/// The annotation a link names: a bare id, or an object with an `id` (or `source`).
fn link_end(v: Option<&Value>) -> Option<&str> {
    as_list(v).into_iter().find_map(|end| match end {
        Value::String(s) => Some(s.as_str()),
        Value::Object(_) => id_of(end).or_else(|| end.get("source").and_then(Value::as_str)),
        _ => None,
    })
}

/// The address of the article a foreign annotation is about, if it is a web address.
fn web_source(v: &Value) -> Option<String> {
    let from_target = as_list(v.get("target")).into_iter().find_map(|t| match t {
        Value::String(s) => Some(s.as_str()),
        _ => t.get("source").and_then(Value::as_str),
    });
    from_target
        .or_else(|| v.get("uri").and_then(Value::as_str))
        .filter(|s| crate::model::is_web_address(s))
        .map(str::to_owned)
}

/// Hypothesis records the page title as `document.title`, a list.
fn hypothesis_title(v: &Value) -> Option<String> {
    let title = v.get("document")?.get("title")?;
    as_list(Some(title)).into_iter().find_map(Value::as_str).map(str::to_owned)
}

fn id_of(v: &Value) -> Option<&str> {
    v.get("id").or_else(|| v.get("@id")).and_then(Value::as_str)
}

/// An id without Newsmark's URN prefix.
fn strip(id: &str) -> &str {
    id.strip_prefix(ANNOTATION_URN).unwrap_or(id)
}

fn whole(v: Option<&Value>) -> Option<usize> {
    v?.as_u64().and_then(|n| usize::try_from(n).ok())
}

/// One value or a list of them, as a list.
fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one) => vec![one],
    }
}

/// Names such as motivations and purposes, lowercased and without an `oa:` prefix.
fn words(v: Option<&Value>) -> Vec<String> {
    as_list(v)
        .into_iter()
        .filter_map(Value::as_str)
        .map(|w| {
            let w = w.trim();
            w.strip_prefix("oa:").unwrap_or(w).to_ascii_lowercase()
        })
        .collect()
}

fn has_type(v: &Value, name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    words(v.get("type")).into_iter().chain(words(v.get("@type"))).any(|t| t == lower)
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
