//! Documents, annotations and tags: the data a person creates in Newsmark.

use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

pub mod assignment;

pub use assignment::{AnswerKey, Assignment, Checked, CodebookEntry, Key, Prf, Scores, SealedKey, Snapshot};

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
    /// What a reader has worked out about the span (kind of quote, claim type and check, actor).
    #[serde(flatten)]
    pub details: Details,
    pub created: Timestamp,
    pub updated: Timestamp,
}

/// Whether a quote gives the speaker's words or reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speech {
    /// The speaker's own words, in quotation marks.
    Direct,
    /// Reported speech: "she said the plan would fail".
    Indirect,
}

/// What kind of statement a claim is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimType {
    /// A statement of fact that can be checked.
    Fact,
    /// A number, rate or comparison.
    Statistic,
    /// A statement about the future.
    Prediction,
    /// An opinion or value judgement.
    Opinion,
}

impl ClaimType {
    pub const ALL: [ClaimType; 4] = [ClaimType::Fact, ClaimType::Statistic, ClaimType::Prediction, ClaimType::Opinion];

    pub fn label(self) -> &'static str {
        match self {
            ClaimType::Fact => "Checkable fact",
            ClaimType::Statistic => "Statistic",
            ClaimType::Prediction => "Prediction",
            ClaimType::Opinion => "Opinion or value judgement",
        }
    }
}

/// Where checking a claim has got to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    NotChecked,
    Supported,
    Disputed,
    False,
    /// It cannot be checked (an opinion, or no evidence exists).
    Uncheckable,
}

impl CheckStatus {
    pub const ALL: [CheckStatus; 5] = [
        CheckStatus::NotChecked,
        CheckStatus::Supported,
        CheckStatus::Disputed,
        CheckStatus::False,
        CheckStatus::Uncheckable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CheckStatus::NotChecked => "Not checked",
            CheckStatus::Supported => "Supported",
            CheckStatus::Disputed => "Disputed",
            CheckStatus::False => "False",
            CheckStatus::Uncheckable => "Cannot be checked",
        }
    }
}

/// What kind of actor an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Person,
    Organisation,
    /// A state, government or official body.
    Government,
    /// An anonymous or unnamed source ("an official who asked not to be named").
    Anonymous,
}

impl ActorKind {
    pub const ALL: [ActorKind; 4] =
        [ActorKind::Person, ActorKind::Organisation, ActorKind::Government, ActorKind::Anonymous];

    pub fn label(self) -> &'static str {
        match self {
            ActorKind::Person => "Person",
            ActorKind::Organisation => "Organisation",
            ActorKind::Government => "State or government",
            ActorKind::Anonymous => "Anonymous or unnamed source",
        }
    }
}

/// The optional analysis of an annotation. Each field applies to one tag: `speech` to
/// quotes, `claim_type`, `check` and `evidence_url` to claims, `entity` to actors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech: Option<Speech>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_type: Option<ClaimType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckStatus>,
    /// A link to the evidence for a claim's check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_url: Option<String>,
    /// For an actor mention: the [`Entity`] it names, so that "Sergey Lavrov", "the
    /// foreign minister" and "Lavrov" can be one actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

impl Details {
    pub fn is_empty(&self) -> bool {
        *self == Details::default()
    }
}

/// An actor as a whole: a person, organisation, government or anonymous source,
/// mentioned by one or more actor annotations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
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
    /// When the article was published, as its page gave it (ISO 8601 where it could be read).
    pub published: Option<String>,
    /// The name of the site it was published on, as its page gave it.
    pub site_name: Option<String>,
    /// When the page was captured from the web (the article as it was then).
    pub captured: Option<Timestamp>,
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
    /// The actors that actor annotations name (see [`Details::entity`]).
    pub entities: Vec<Entity>,
    /// Set when this document is a student's copy of an exercise. The answer key it holds
    /// is anchored to this document's text, and has no assignment of its own. Boxed, so
    /// that the many documents without one stay small.
    pub assignment: Option<Box<Assignment>>,
}

impl Document {
    /// A document with no annotations yet.
    pub fn new(id: impl Into<String>, title: impl Into<String>, text: impl Into<Arc<str>>, now: Timestamp) -> Document {
        Document {
            id: id.into(),
            title: title.into(),
            source_url: None,
            byline: None,
            published: None,
            site_name: None,
            captured: None,
            text: text.into(),
            created: now,
            updated: now,
            annotations: Vec::new(),
            relations: Vec::new(),
            orphans: Vec::new(),
            entities: Vec::new(),
            assignment: None,
        }
    }

    /// The document's own annotations, attributions and actors (not its answer key's).
    pub fn reading(&self) -> Reading<'_> {
        Reading { annotations: &self.annotations, relations: &self.relations, entities: &self.entities }
    }

    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.reading().annotation(id)
    }

    /// The annotations that cover code point `cp`, outermost first.
    pub fn annotations_at(&self, cp: usize) -> impl Iterator<Item = &Annotation> {
        self.annotations.iter().take_while(move |a| a.start <= cp).filter(move |a| a.covers(cp))
    }

    /// The actor that annotation `id` is attributed to, if any.
    pub fn attributed_actor(&self, id: &str) -> Option<&Annotation> {
        self.reading().attributed_actor(id)
    }

    /// The actor each annotation is attributed to, in the order of `annotations`: what
    /// [`Document::attributed_actor`] answers for each, in one pass over the relations
    /// instead of a search per annotation (a long article has thousands of each).
    pub fn attributed_actors(&self) -> Vec<Option<&Annotation>> {
        self.reading().attributed_actors()
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.reading().entity(id)
    }

    /// The name of the actor a mention stands for: its entity's name, or its own text.
    pub fn actor_name<'a>(&'a self, mention: &'a Annotation) -> &'a str {
        self.reading().actor_name(mention)
    }

    /// How many annotations carry each tag, in [`Tag::ALL`] order.
    pub fn counts(&self) -> [usize; 3] {
        self.reading().counts()
    }

    /// What deleting annotation `id` does to the quotes and claims attributed to it (see
    /// [`Reattribution`]). Nothing moves or is lost when `id` is no actor mention.
    pub fn reattribution(&self, id: &str) -> Reattribution {
        let mut out = Reattribution::default();
        let reading = self.reading();
        let Some(deleted) = self.annotation(id).filter(|a| a.tag == Tag::Actor) else { return out };
        let actor = reading.actor_key(deleted);
        let others: Vec<&Annotation> = self
            .annotations
            .iter()
            .filter(|m| m.tag == Tag::Actor && m.id != id && reading.actor_key(m) == actor)
            .collect();
        let mut lost: Vec<&Annotation> = Vec::new();
        for r in self.relations.iter().filter(|r| r.kind == RelationKind::Attribution && r.to == id) {
            let Some(said) = self.annotation(&r.from) else { continue };
            match others.iter().min_by_key(|m| (m.start.abs_diff(said.start), m.start)) {
                Some(nearest) => out.moved.push((r.id.clone(), nearest.id.clone())),
                None => lost.push(said),
            }
        }
        lost.sort_by(|a, b| a.text_order(b));
        lost.dedup_by(|a, b| a.id == b.id);
        out.lost = lost.into_iter().map(|a| a.id.clone()).collect();
        out
    }

    /// Puts the annotations back in text order after a change.
    pub(crate) fn sort_annotations(&mut self) {
        self.annotations.sort_by(Annotation::text_order);
    }
}

/// What deleting an actor mention does to the quotes and claims attributed to it. Where
/// the same actor (see [`Reading::actor_key`]) has other mentions, each attribution moves
/// to the one nearest the quote or claim, so nothing loses its speaker; otherwise the
/// quote or claim is left without one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reattribution {
    /// Each attribution that moves (its relation id) and the mention it then points to.
    pub moved: Vec<(String, String)>,
    /// The quotes and claims left without a speaker, in text order.
    pub lost: Vec<String>,
}

/// Which actor a mention stands for: the entity it is linked to, or, for a mention linked
/// to none, its words in lower case (so two unlinked mentions "Lavrov" are one actor).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKey<'a> {
    Entity(&'a str),
    Words(String),
}

/// One reading of an article: placed annotations with the attributions and actors they
/// refer to, borrowed from a document or from an answer key. Checking work against a key,
/// comparing annotators and showing feedback read both through it.
#[derive(Clone, Copy, Debug)]
pub struct Reading<'a> {
    /// In [`Annotation::text_order`].
    pub annotations: &'a [Annotation],
    pub relations: &'a [Relation],
    pub entities: &'a [Entity],
}

impl<'a> From<&'a Document> for Reading<'a> {
    fn from(doc: &'a Document) -> Reading<'a> {
        doc.reading()
    }
}

impl<'a> From<&'a AnswerKey> for Reading<'a> {
    fn from(key: &'a AnswerKey) -> Reading<'a> {
        key.reading()
    }
}

impl<'a> From<&'a Snapshot> for Reading<'a> {
    fn from(work: &'a Snapshot) -> Reading<'a> {
        work.reading()
    }
}

impl<'a> Reading<'a> {
    pub fn annotation(self, id: &str) -> Option<&'a Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    pub fn entity(self, id: &str) -> Option<&'a Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The actor that annotation `id` is attributed to, if any.
    pub fn attributed_actor(self, id: &str) -> Option<&'a Annotation> {
        self.relations
            .iter()
            .find(|r| r.kind == RelationKind::Attribution && r.from == id)
            .and_then(|r| self.annotation(&r.to))
    }

    /// The actor each annotation is attributed to, in the order of `annotations`, in one
    /// pass over the relations.
    pub fn attributed_actors(self) -> Vec<Option<&'a Annotation>> {
        let by_id: HashMap<&str, &Annotation> = self.annotations.iter().rev().map(|a| (a.id.as_str(), a)).collect();
        let mut actor_of: HashMap<&str, Option<&Annotation>> = HashMap::new();
        for r in self.relations.iter().filter(|r| r.kind == RelationKind::Attribution) {
            // The first attribution of a span is the one that counts.
            actor_of.entry(r.from.as_str()).or_insert_with(|| by_id.get(r.to.as_str()).copied());
        }
        self.annotations.iter().map(|a| actor_of.get(a.id.as_str()).copied().flatten()).collect()
    }

    /// The name of the actor a mention stands for: its entity's name, or its own text.
    pub fn actor_name(self, mention: &'a Annotation) -> &'a str {
        mention
            .details
            .entity
            .as_deref()
            .and_then(|e| self.entity(e))
            .map_or(mention.exact.as_str(), |e| e.name.as_str())
    }

    /// Which actor `mention` stands for (see [`ActorKey`]).
    pub fn actor_key(self, mention: &'a Annotation) -> ActorKey<'a> {
        match mention.details.entity.as_deref() {
            Some(entity) => ActorKey::Entity(entity),
            None => ActorKey::Words(mention.exact.trim().to_lowercase()),
        }
    }

    /// The actor named `name`, compared without case and surrounding spaces: one name, one
    /// actor, so linking a mention to "a new actor" of a name already taken joins that one.
    pub fn entity_named(self, name: &str) -> Option<&'a Entity> {
        let name = name.trim().to_lowercase();
        self.entities.iter().find(|e| e.name.trim().to_lowercase() == name)
    }

    /// How many mentions are linked to each entity, by entity id.
    pub fn mentions_per_entity(self) -> HashMap<&'a str, usize> {
        let mut counts = HashMap::new();
        for entity in
            self.annotations.iter().filter(|a| a.tag == Tag::Actor).filter_map(|a| a.details.entity.as_deref())
        {
            *counts.entry(entity).or_insert(0) += 1;
        }
        counts
    }

    /// How many annotations carry each tag, in [`Tag::ALL`] order.
    pub fn counts(self) -> [usize; 3] {
        let mut counts = [0; 3];
        for a in self.annotations {
            counts[a.tag as usize] += 1;
        }
        counts
    }
}

/// Whether `address` is a web address, one that may become a link or name a page a
/// file's annotations are about: it starts with `http://` or `https://`, in any case
/// (a scheme is case-insensitive). Anything else (`javascript:`, `file:`, a bare name)
/// is shown as plain text.
pub fn is_web_address(address: &str) -> bool {
    ["http://", "https://"]
        .iter()
        .any(|scheme| address.get(..scheme.len()).is_some_and(|s| s.eq_ignore_ascii_case(scheme)))
}

#[cfg(test)]
mod tests {
    use crate::time::Timestamp;

    #[test]
    fn web_addresses_are_http_or_https_in_any_case_and_nothing_else() {
        for address in ["https://news.example/a", "http://news.example", "HTTPS://News.Example/A", "Http://x"] {
            assert!(super::is_web_address(address), "{address}");
        }
        for address in ["javascript:alert(1)", "file:///etc/passwd", "news.example", "ftp://x", "https:/x", "", "é"] {
            assert!(!super::is_web_address(address), "{address}");
        }
    }

    #[test]
    fn attributed_actors_in_one_pass_agree_with_asking_one_at_a_time() {
        let docs = [
            crate::synthetic::document(5_000, 800, 7),
            crate::sample_exercise::sample_exercise(Timestamp(0)).key_document().unwrap(),
            crate::sample::sample_document(Timestamp(0)),
        ];
        assert!(docs[..2].iter().all(|d| !d.relations.is_empty()));
        for doc in &docs {
            let all = doc.attributed_actors();
            assert_eq!(all.len(), doc.annotations.len());
            for (a, actor) in doc.annotations.iter().zip(all) {
                assert_eq!(actor.map(|x| &x.id), doc.attributed_actor(&a.id).map(|x| &x.id), "{}", a.id);
            }
        }
    }
}
