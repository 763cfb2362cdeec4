//! Documents, annotations and tags: the data a person creates in Newsmark.

use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// What a span of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    /// A statement presented as true, which a reader could check or dispute.
    Claim,
    /// Words attributed to someone, directly or in reported speech.
    Quote,
    /// A person, organisation or source who speaks or acts in the story.
    Actor,
}

impl Tag {
    pub const ALL: [Tag; 3] = [Tag::Claim, Tag::Quote, Tag::Actor];

    /// The name used in saved files: `claim`, `quote`, `actor`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Claim => "claim",
            Tag::Quote => "quote",
            Tag::Actor => "actor",
        }
    }

    /// The name shown to people: `Claim`, `Quote`, `Actor`.
    pub fn label(self) -> &'static str {
        match self {
            Tag::Claim => "Claim",
            Tag::Quote => "Quote",
            Tag::Actor => "Actor",
        }
    }

    pub fn parse(name: &str) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The tag a key stands for: C/Q/A or 1/2/3, case-insensitive.
    pub fn from_key(key: &str) -> Option<Tag> {
        match key {
            "c" | "C" | "1" => Some(Tag::Claim),
            "q" | "Q" | "2" => Some(Tag::Quote),
            "a" | "A" | "3" => Some(Tag::Actor),
            _ => None,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tagged span of a document's text.
///
/// `start` and `end` count Unicode code points; `exact` is the text between them, and
/// `prefix` and `suffix` are up to [`crate::anchor::CONTEXT`] code points on either side,
/// so that the span can be found again if the text shifts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: String,
    pub tag: Tag,
    pub start: usize,
    pub end: usize,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub created: Timestamp,
    pub updated: Timestamp,
}

impl Annotation {
    /// Whether code point `cp` lies inside the span.
    pub fn covers(&self, cp: usize) -> bool {
        self.start <= cp && cp < self.end
    }

    /// The order annotations are listed in: by start, longer spans first, then by id.
    pub fn text_order(&self, other: &Annotation) -> std::cmp::Ordering {
        (self.start, std::cmp::Reverse(self.end), &self.id).cmp(&(other.start, std::cmp::Reverse(other.end), &other.id))
    }
}

/// What a relation between two annotations means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// A quote (`from`) was said by, or a claim (`from`) is made by, an actor (`to`).
    Attribution,
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Attribution => "attribution",
        }
    }

    pub fn parse(name: &str) -> Option<RelationKind> {
        match name.to_ascii_lowercase().as_str() {
            "attribution" | "said_by" | "saidby" | "attributed_to" | "speaker" => Some(RelationKind::Attribution),
            _ => None,
        }
    }
}

/// A directed link between two annotations of the same document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub id: String,
    pub kind: RelationKind,
    /// The annotation the relation starts from (a quote or claim).
    pub from: String,
    /// The annotation it points to (an actor).
    pub to: String,
    pub created: Timestamp,
}

/// An article and its annotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub source_url: Option<String>,
    pub byline: Option<String>,
    /// The article text. Paragraphs are separated by blank lines. Shared, because it is
    /// large and never changes once the document exists.
    pub text: Arc<str>,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// Always kept in [`Annotation::text_order`].
    pub annotations: Vec<Annotation>,
    /// Links between annotations, in the order they were made.
    pub relations: Vec<Relation>,
    /// Imported annotations whose text could not be found in this article. Their
    /// `start` and `end` are where they claimed to be; the person places or drops them.
    pub orphans: Vec<Annotation>,
}

impl Document {
    /// A document with no annotations yet.
    pub fn new(id: impl Into<String>, title: impl Into<String>, text: impl Into<Arc<str>>, now: Timestamp) -> Document {
        Document {
            id: id.into(),
            title: title.into(),
            source_url: None,
            byline: None,
            text: text.into(),
            created: now,
            updated: now,
            annotations: Vec::new(),
            relations: Vec::new(),
            orphans: Vec::new(),
        }
    }

    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// The annotations that cover code point `cp`, outermost first.
    pub fn annotations_at(&self, cp: usize) -> impl Iterator<Item = &Annotation> {
        self.annotations.iter().take_while(move |a| a.start <= cp).filter(move |a| a.covers(cp))
    }

    /// The actor that annotation `id` is attributed to, if any.
    pub fn attributed_actor(&self, id: &str) -> Option<&Annotation> {
        self.relations
            .iter()
            .find(|r| r.kind == RelationKind::Attribution && r.from == id)
            .and_then(|r| self.annotation(&r.to))
    }

    /// How many annotations carry each tag, in [`Tag::ALL`] order.
    pub fn counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for a in &self.annotations {
            counts[a.tag as usize] += 1;
        }
        counts
    }

    /// Puts the annotations back in text order after a change.
    pub(crate) fn sort_annotations(&mut self) {
        self.annotations.sort_by(Annotation::text_order);
    }
}
