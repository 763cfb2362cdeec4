//! A page captured again: finding the earlier capture of the same address, and carrying
//! its annotations over onto the new version of the text.
//!
//! Each annotation is found again by its quote and context (the rules of
//! [`crate::anchor::place`]): kept exactly where the text around it has not changed,
//! moved where the same words with enough of the same context are elsewhere, and
//! orphaned otherwise, into the new document's orphan list, where the person places or
//! drops it. A span is never moved onto look-alike text, so a changed article is a visible
//! event rather than a silent loss.

use crate::anchor::{self, Placement, Quote};
use crate::model::{Annotation, Document};
use crate::offsets::OffsetIndex;
use serde::{Deserialize, Serialize};

/// What happened to the annotations of the earlier version.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedOver {
    /// Found where they were, with the same words around them.
    pub exact: usize,
    /// Found elsewhere in the new text, by their words and context.
    pub moved: usize,
    /// Not found in the new text: in the new document's orphan list.
    pub orphaned: usize,
}

impl CarriedOver {
    /// One sentence for the person: "5 annotations carried over: 3 kept exactly, 1 moved, 1 orphaned."
    pub fn summary(&self) -> String {
        let total = self.exact + self.moved + self.orphaned;
        let noun = if total == 1 { "annotation" } else { "annotations" };
        format!(
            "{total} {noun} carried over: {} kept exactly, {} moved, {} orphaned.",
            self.exact, self.moved, self.orphaned
        )
    }
}

/// Whether two addresses name the same page: the same but for a `#fragment`, a trailing
/// `/`, and the case of the scheme and host.
pub fn same_page(a: &str, b: &str) -> bool {
    fn key(url: &str) -> String {
        let url = url.trim();
        let url = url.split_once('#').map_or(url, |(page, _)| page);
        let url = url.strip_suffix('/').unwrap_or(url);
        // The scheme and host are case-insensitive; the path is not.
        match url.find("://") {
            Some(scheme_end) => {
                let host_end = url[scheme_end + 3..].find('/').map_or(url.len(), |i| scheme_end + 3 + i);
                format!("{}{}", url[..host_end].to_ascii_lowercase(), &url[host_end..])
            }
            None => url.to_owned(),
        }
    }
    key(a) == key(b)
}

/// The library's latest capture of the page at `url`, if it holds one: the document with
/// that source address captured (or, for one not captured, added) last. Students' copies of
/// exercises are not captures and are passed over.
pub fn earlier_capture<'a>(docs: impl IntoIterator<Item = &'a Document>, url: &str) -> Option<&'a Document> {
    docs.into_iter()
        .filter(|d| d.assignment.is_none())
        .filter(|d| d.source_url.as_deref().is_some_and(|u| same_page(u, url)))
        .max_by_key(|d| (d.captured.unwrap_or(d.created), d.created))
}

/// `new`, a document made from the page captured again, with the annotations, attributions,
/// actors and orphans of `old`, the earlier capture, carried over onto its text (see the
/// module's comment), and how many were kept exactly, moved and orphaned. Ids, tags, notes
/// and times stay as they were; `old`'s own orphans stay orphans and are not counted.
pub fn carry_over(old: &Document, mut new: Document) -> (Document, CarriedOver) {
    let text = new.text.clone();
    let index = OffsetIndex::new(&text);
    let quotes: Vec<Quote> = old
        .annotations
        .iter()
        .map(|a| Quote { exact: a.exact.clone(), prefix: a.prefix.clone(), suffix: a.suffix.clone() })
        .collect();
    // Where the text is unchanged around a span, it stays where it was; the rest are
    // looked for together in one pass over the new text.
    let at_hint: Vec<bool> = old
        .annotations
        .iter()
        .zip(&quotes)
        .map(|(a, quote)| match (index.cp_to_byte(a.start), index.cp_to_byte(a.end)) {
            (Some(from), Some(to)) if a.start < a.end => anchor::is_at(&text, quote, from, to),
            _ => false,
        })
        .collect();
    let elsewhere: Vec<&Quote> = quotes.iter().zip(&at_hint).filter(|(_, at)| !**at).map(|(q, _)| q).collect();
    let mut found = anchor::reanchor_all(&text, &index, &elsewhere).into_iter();

    let mut counts = CarriedOver::default();
    let mut annotations = Vec::with_capacity(old.annotations.len());
    let mut orphans: Vec<Annotation> = Vec::new();
    for (a, at) in old.annotations.iter().zip(at_hint) {
        let placement = if at { Placement::Exact(a.start, a.end) } else { found.next().unwrap_or(Placement::Orphaned) };
        let span = match placement {
            Placement::Exact(start, end) => {
                counts.exact += 1;
                Some((start, end))
            }
            Placement::Reanchored(start, end) => {
                counts.moved += 1;
                Some((start, end))
            }
            Placement::Orphaned => {
                counts.orphaned += 1;
                None
            }
        };
        match span.and_then(|(start, end)| Some((start, end, anchor::quote(&text, start, end)?))) {
            Some((start, end, quote)) => annotations.push(Annotation {
                start,
                end,
                exact: quote.exact,
                prefix: quote.prefix,
                suffix: quote.suffix,
                ..a.clone()
            }),
            // Where it was in the earlier version, as an orphan records where it claimed to be.
            None => orphans.push(a.clone()),
        }
    }
    annotations.sort_by(Annotation::text_order);
    orphans.extend(old.orphans.iter().cloned());
    new.annotations = annotations;
    new.orphans = orphans;
    new.relations = old.relations.clone();
    new.entities = old.entities.clone();
    (new, counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup;
    use crate::model::{Relation, RelationKind, Tag};
    use crate::time::Timestamp;

    const T0: Timestamp = Timestamp(1_795_622_047_000);
    const T1: Timestamp = Timestamp(1_795_708_447_000);

    /// A captured document with the spans of `marked` as annotations `a0`, `a1`, ….
    fn captured(marked: &str) -> Document {
        let (text, spans) = markup::parse(marked);
        let mut doc = Document {
            source_url: Some("https://news.example/ferry".into()),
            captured: Some(T0),
            ..Document::new("d-old", "Ferry", text.as_str(), T0)
        };
        for (i, (tag, start, end)) in spans.into_iter().enumerate() {
            let quote = anchor::quote(&text, start, end).unwrap();
            doc.annotations.push(Annotation {
                id: format!("a{i}"),
                tag,
                start,
                end,
                exact: quote.exact,
                prefix: quote.prefix,
                suffix: quote.suffix,
                note: Some(format!("note {i}")),
                details: Default::default(),
                created: T0,
                updated: T0,
            });
        }
        doc.sort_annotations();
        doc
    }

    fn again(text: &str) -> Document {
        Document { captured: Some(T1), ..Document::new("d-new", "Ferry", text, T1) }
    }

    fn placed(doc: &Document) -> Vec<(&str, Tag, &str)> {
        doc.annotations.iter().map(|a| (a.id.as_str(), a.tag, a.exact.as_str())).collect()
    }

    const FIRST: &str = "[actor:The council] voted on Tuesday to stop the night ferry.\n\n\
        “[quote:We cannot keep spending money on empty boats],” [actor:Lindqvist] said.\n\n\
        [claim:The ferry carried 40 passengers a night last winter], down from 300 in 2019, the harbour office says.";

    #[test]
    fn nothing_changed_keeps_every_annotation_exactly_with_its_note() {
        let old = captured(FIRST);
        let (new, counts) = carry_over(&old, again(&old.text));
        assert_eq!(counts, CarriedOver { exact: 4, moved: 0, orphaned: 0 });
        assert_eq!(new.annotations, old.annotations, "same spans, context, notes and times");
        assert!(new.orphans.is_empty());
        assert_eq!(new.id, "d-new");
        assert_eq!(counts.summary(), "4 annotations carried over: 4 kept exactly, 0 moved, 0 orphaned.");
    }

    #[test]
    fn text_changed_in_the_middle_moves_what_follows_and_keeps_what_comes_before() {
        let old = captured(FIRST);
        let changed = old.text.replace(
            "stop the night ferry.",
            "stop the night ferry from March, after a debate of four hours.\n\nUpdate: the mayor will appeal.",
        );
        let (new, counts) = carry_over(&old, again(&changed));
        assert_eq!(counts, CarriedOver { exact: 1, moved: 3, orphaned: 0 });
        assert_eq!(
            placed(&new),
            [
                ("a0", Tag::Actor, "The council"),
                ("a1", Tag::Quote, "We cannot keep spending money on empty boats"),
                ("a2", Tag::Actor, "Lindqvist"),
                ("a3", Tag::Claim, "The ferry carried 40 passengers a night last winter"),
            ]
        );
        // Each span points at its words in the new text, with the new text's context.
        for a in &new.annotations {
            assert_eq!(crate::offsets::slice(&new.text, a.start, a.end), Some(a.exact.as_str()));
            assert_eq!(anchor::quote(&new.text, a.start, a.end).unwrap().prefix, a.prefix);
        }
        assert_eq!(new.annotations[1].note.as_deref(), Some("note 1"));
    }

    #[test]
    fn a_quoted_sentence_removed_is_orphaned_with_its_attribution_kept() {
        let mut old = captured(FIRST);
        old.relations.push(Relation {
            id: "r1".into(),
            kind: RelationKind::Attribution,
            from: "a1".into(),
            to: "a2".into(),
            created: T0,
        });
        let changed = old.text.replace("“We cannot keep spending money on empty boats,” Lindqvist said.\n\n", "");
        let (new, counts) = carry_over(&old, again(&changed));
        assert_eq!(counts, CarriedOver { exact: 1, moved: 1, orphaned: 2 });
        assert_eq!(
            placed(&new),
            [
                ("a0", Tag::Actor, "The council"),
                ("a3", Tag::Claim, "The ferry carried 40 passengers a night last winter")
            ]
        );
        let orphans: Vec<(&str, &str)> = new.orphans.iter().map(|a| (a.id.as_str(), a.exact.as_str())).collect();
        assert_eq!(orphans, [("a1", "We cannot keep spending money on empty boats"), ("a2", "Lindqvist")]);
        assert_eq!(new.orphans[0].note.as_deref(), Some("note 1"));
        assert_eq!(new.relations, old.relations, "the speaker is still known when the quote is placed again");
        // The new version is a valid document: it saves and loads back the same.
        let back = crate::schema::load_document(&crate::schema::document_to_json(&new)).unwrap();
        assert_eq!(back, new);
    }

    #[test]
    fn a_span_whose_words_now_appear_twice_without_its_context_is_orphaned_not_guessed() {
        let old = captured("The [actor:minister] resigned on Friday.");
        let (new, counts) = carry_over(&old, again("A minister spoke. Another minister left."));
        assert_eq!(counts, CarriedOver { exact: 0, moved: 0, orphaned: 1 });
        assert!(new.annotations.is_empty());
    }

    #[test]
    fn the_earlier_capture_is_found_by_its_address_but_not_in_a_students_copy() {
        let mut older = captured(FIRST);
        older.source_url = Some("HTTPS://News.Example/ferry/#comments".into());
        let mut newer = captured(FIRST);
        newer.id = "d-newer".into();
        newer.captured = Some(T1);
        let mut other = captured(FIRST);
        other.id = "d-other".into();
        other.source_url = Some("https://news.example/Ferry".into());
        let docs = [older.clone(), newer.clone(), other];
        assert_eq!(earlier_capture(&docs, "https://news.example/ferry").map(|d| d.id.as_str()), Some("d-newer"));
        assert_eq!(earlier_capture(&docs[..1], "https://news.example/ferry").map(|d| d.id.as_str()), Some("d-old"));
        assert!(earlier_capture(&docs, "https://news.example/bridge").is_none());
        assert!(!same_page("https://news.example/ferry", "https://news.example/Ferry"), "paths keep their case");

        let mut copy = crate::sample_exercise::sample_exercise(T0).start("copy", T0);
        copy.source_url = Some("https://news.example/ferry".into());
        assert!(earlier_capture([&copy], "https://news.example/ferry").is_none());
    }
}
