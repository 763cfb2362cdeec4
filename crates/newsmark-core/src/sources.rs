//! Who speaks in an article: each actor with its mentions, the quotes attributed to it
//! and the claims it makes, with its share of voice; and what nobody is said to have said.

use crate::model::{ActorKey, ActorKind, Annotation, Document, Tag};
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// One actor of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorSummary {
    /// The entity id, or for a mention without one, its text in lower case.
    pub key: String,
    pub name: String,
    /// `None` when the mentions are not linked to an entity with a kind.
    pub kind: Option<ActorKind>,
    /// Ids of the actor annotations that mention it, in text order.
    pub mentions: Vec<String>,
    /// Ids of the quotes attributed to it, in text order.
    pub quotes: Vec<String>,
    /// Ids of the claims attributed to it, in text order.
    pub claims: Vec<String>,
    /// Words in the quotes attributed to it.
    pub quoted_words: usize,
}

impl ActorSummary {
    pub fn is_anonymous(&self) -> bool {
        self.kind == Some(ActorKind::Anonymous)
    }
}

/// The sources of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    /// Most quoted first (by quotes, then quoted words, then name).
    pub actors: Vec<ActorSummary>,
    pub unattributed_quotes: Vec<String>,
    pub unattributed_claims: Vec<String>,
    /// Every quote and claim in text order (as a reader meets them, not grouped by who
    /// said them), with the name of the actor it is attributed to.
    pub statements: Vec<(String, Option<String>)>,
    pub total_quotes: usize,
    pub total_quoted_words: usize,
}

/// Words as a reader counts them: the words of Unicode's word boundaries (UAX #29), so a
/// quote in a language written without spaces is not one long word. Each Chinese
/// character counts as a word (as word processors count Chinese), Arabic and Latin words
/// are split at spaces and punctuation, and emoji and punctuation alone are no words.
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

pub fn sources(doc: &Document) -> Sources {
    let mut out = Sources::default();
    let key_of = |id: &str| -> Option<String> {
        Some(match doc.reading().actor_key(doc.annotation(id)?) {
            ActorKey::Entity(e) => e.to_owned(),
            ActorKey::Words(words) => words,
        })
    };
    let index_of = |key: String, out: &mut Sources, mention: &crate::model::Annotation| -> usize {
        if let Some(i) = out.actors.iter().position(|a| a.key == key) {
            return i;
        }
        let entity = mention.details.entity.as_deref().and_then(|e| doc.entity(e));
        out.actors.push(ActorSummary {
            key,
            name: doc.actor_name(mention).to_owned(),
            kind: entity.map(|e| e.kind),
            mentions: Vec::new(),
            quotes: Vec::new(),
            claims: Vec::new(),
            quoted_words: 0,
        });
        out.actors.len() - 1
    };
    for a in doc.annotations.iter().filter(|a| a.tag == Tag::Actor) {
        let key = key_of(&a.id).expect("the annotation exists");
        let i = index_of(key, &mut out, a);
        out.actors[i].mentions.push(a.id.clone());
    }
    for a in doc.annotations.iter().filter(|a| a.tag != Tag::Actor) {
        if a.tag == Tag::Quote {
            out.total_quotes += 1;
            out.total_quoted_words += word_count(&a.exact);
        }
        let speaker = doc.attributed_actor(&a.id);
        out.statements.push((a.id.clone(), speaker.map(|m| doc.actor_name(m).to_owned())));
        match speaker {
            Some(actor) => {
                let key = key_of(&actor.id).expect("the actor exists");
                let i = index_of(key, &mut out, actor);
                if a.tag == Tag::Quote {
                    out.actors[i].quotes.push(a.id.clone());
                    out.actors[i].quoted_words += word_count(&a.exact);
                } else {
                    out.actors[i].claims.push(a.id.clone());
                }
            }
            None if a.tag == Tag::Quote => out.unattributed_quotes.push(a.id.clone()),
            None => out.unattributed_claims.push(a.id.clone()),
        }
    }
    crate::order::sort_by(&mut out.actors, |a, b| {
        (b.quotes.len(), b.quoted_words, b.claims.len())
            .cmp(&(a.quotes.len(), a.quoted_words, a.claims.len()))
            .then(a.name.cmp(&b.name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup;
    use crate::model::{Details, Entity};
    use crate::workspace::{Action, Workspace};
    use crate::Timestamp;

    #[test]
    fn groups_mentions_by_actor_and_counts_share_of_voice() {
        let (text, spans) = markup::parse(
            "[actor:Lavrov] said [quote:“talks went well”]. [actor:The minister] added [quote:that more would follow]. \
             [claim:Prices rose]. [quote:“No,”] said [actor:an official].",
        );
        let now = Timestamp(0);
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(Document::new("d", "t", text, now)), now).unwrap();
        for (i, (tag, start, end)) in spans.into_iter().enumerate() {
            ws.apply(Action::AddAnnotation { doc: "d".into(), id: format!("a{i}"), tag, start, end }, now).unwrap();
        }
        let entity = |id: &str, name: &str, kind| Action::PutEntity {
            doc: "d".into(),
            entity: Entity { id: id.into(), name: name.into(), kind },
        };
        ws.apply(entity("lavrov", "Sergey Lavrov", ActorKind::Government), now).unwrap();
        ws.apply(entity("anon", "Unnamed official", ActorKind::Anonymous), now).unwrap();
        for (a, e) in [("a0", "lavrov"), ("a2", "lavrov"), ("a6", "anon")] {
            let details = Details { entity: Some(e.into()), ..Details::default() };
            ws.apply(Action::SetDetails { doc: "d".into(), annotation: a.into(), details }, now).unwrap();
        }
        for (id, from, to) in [("r1", "a1", "a0"), ("r2", "a3", "a2")] {
            ws.apply(Action::Attribute { doc: "d".into(), id: id.into(), from: from.into(), to: to.into() }, now)
                .unwrap();
        }
        let s = sources(ws.document("d").unwrap());
        assert_eq!(s.actors.len(), 2);
        let lavrov = &s.actors[0];
        assert_eq!((lavrov.name.as_str(), lavrov.mentions.len(), lavrov.quotes.len()), ("Sergey Lavrov", 2, 2));
        assert_eq!(lavrov.quoted_words, 3 + 4);
        assert!(s.actors[1].is_anonymous());
        assert_eq!(s.unattributed_quotes, ["a5"]);
        assert_eq!(s.unattributed_claims, ["a4"]);
        assert_eq!((s.total_quotes, s.total_quoted_words), (3, 8));
    }

    /// A workspace with one document "d" holding the text of `markup`, its spans as "a0", "a1", …
    fn workspace(markup: &str) -> Workspace {
        let (text, spans) = markup::parse(markup);
        let now = Timestamp(0);
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(Document::new("d", "t", text, now)), now).unwrap();
        for (i, (tag, start, end)) in spans.into_iter().enumerate() {
            ws.apply(Action::AddAnnotation { doc: "d".into(), id: format!("a{i}"), tag, start, end }, now).unwrap();
        }
        ws
    }

    #[test]
    fn said_by_lists_each_actor_once_with_its_mentions_counted_not_each_mention() {
        let now = Timestamp(0);
        let mut ws = workspace(
            "[actor:Amara Quist] said [quote:“Go”]. [actor:Quist] nodded; [actor:Ben] and [actor:ben ] left, \
             then [actor:Amara Quist] spoke again.",
        );
        ws.apply(Action::NameActor { doc: "d".into(), mention: "a0".into(), entity: "e1".into() }, now).unwrap();
        let details = Details { entity: Some("e1".into()), ..Details::default() };
        ws.apply(Action::SetDetails { doc: "d".into(), annotation: "a2".into(), details }, now).unwrap();
        ws.apply(Action::NameActor { doc: "d".into(), mention: "a5".into(), entity: "e2".into() }, now).unwrap();
        let d = ws.document("d").unwrap();
        let offered = |d: &Document| {
            speakers(d, d.annotation("a1").unwrap())
                .into_iter()
                .map(|s| (s.name, s.mentions, s.mention))
                .collect::<Vec<_>>()
        };
        // "Quist" is the mention of Amara Quist nearest the quote.
        assert_eq!(offered(d), [("Amara Quist".into(), 3, "a2".into()), ("Ben".into(), 2, "a3".into())]);

        // The current speaker's own mention stays the one offered for its actor.
        ws.apply(Action::Attribute { doc: "d".into(), id: "r".into(), from: "a1".into(), to: "a5".into() }, now)
            .unwrap();
        assert_eq!(offered(ws.document("d").unwrap())[0], ("Amara Quist".into(), 3, "a5".into()));
    }

    #[test]
    fn quotes_and_claims_are_listed_in_text_order_not_grouped_by_speaker() {
        let now = Timestamp(0);
        let mut ws = workspace(
            "[actor:Ana] said [quote:“Go”]. [actor:Ben] said [quote:“Stop”]. [claim:It rained]. Ana: [quote:“Again”].",
        );
        for (id, from, to) in [("r1", "a1", "a0"), ("r2", "a3", "a2"), ("r3", "a5", "a0")] {
            ws.apply(Action::Attribute { doc: "d".into(), id: id.into(), from: from.into(), to: to.into() }, now)
                .unwrap();
        }
        let s = sources(ws.document("d").unwrap());
        let named = |name: &str| Some(name.to_owned());
        assert_eq!(
            s.statements,
            [
                ("a1".into(), named("Ana")),
                ("a3".into(), named("Ben")),
                ("a4".into(), None),
                ("a5".into(), named("Ana"))
            ]
        );
    }

    #[test]
    fn a_chinese_quote_counts_its_words_not_one_run_between_spaces() {
        // "The foreign ministry said the talks were very successful."
        assert_eq!(word_count("“外交部表示会谈非常成功。”"), 11);
        assert_eq!(word_count("外交部 said “会谈成功”"), 3 + 1 + 4);
    }

    #[test]
    fn arabic_latin_and_emoji_quotes_count_the_words_a_reader_sees() {
        // "The talks were fruitful."
        assert_eq!(word_count("«كانت المحادثات مثمرة.»"), 3);
        assert_eq!(word_count("قال وزير الخارجية إن المحادثات كانت مثمرة"), 7);
        assert_eq!(word_count("Zoe\u{308} Hart said: “we found 3 leaks” \u{1F469}\u{1F3FD}\u{200D}\u{1F52C}"), 7);
        assert_eq!(word_count("\u{1F44B}\u{1F3FF} \u{1F389}\u{1F389} — !"), 0);
        assert_eq!(word_count("Great news\u{1F389}\u{1F389}"), 2);
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn share_of_voice_counts_a_chinese_quote_by_its_words() {
        let (text, spans) = markup::parse(
            "[actor:外交部发言人]说：“[quote:会谈非常成功]”。[actor:Lavrov] said [quote:talks went well].",
        );
        let now = Timestamp(0);
        let mut ws = Workspace::default();
        ws.apply(Action::AddDocument(Document::new("d", "t", text, now)), now).unwrap();
        for (i, (tag, start, end)) in spans.into_iter().enumerate() {
            ws.apply(Action::AddAnnotation { doc: "d".into(), id: format!("a{i}"), tag, start, end }, now).unwrap();
        }
        for (id, from, to) in [("r1", "a1", "a0"), ("r2", "a3", "a2")] {
            ws.apply(Action::Attribute { doc: "d".into(), id: id.into(), from: from.into(), to: to.into() }, now)
                .unwrap();
        }
        let s = sources(ws.document("d").unwrap());
        let voice: Vec<(&str, usize)> = s.actors.iter().map(|a| (a.name.as_str(), a.quoted_words)).collect();
        // The spokesman's six characters outweigh Lavrov's three words.
        assert_eq!(voice, [("外交部发言人", 6), ("Lavrov", 3)]);
        assert_eq!(s.total_quoted_words, 9);
    }
}

/// How many actors the speaker list offers: a long report has thousands, and the speaker
/// is almost always named near the words.
pub const SPEAKER_CHOICES: usize = 40;

/// One actor offered as the speaker of a quote or claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    /// The mention an attribution to this actor points to: the current speaker's own
    /// mention, or else the actor's mention nearest the quote or claim.
    pub mention: String,
    /// How many mentions the actor has.
    pub mentions: usize,
}

/// The actors that may have said `said` (a quote or claim): each actor once, however
/// many mentions it has (mentions of one actor are those with the same
/// [`crate::Reading::actor_key`]), by name. Only the [`SPEAKER_CHOICES`] actors named
/// nearest to it are offered, and always its current speaker.
pub fn speakers(doc: &Document, said: &Annotation) -> Vec<Speaker> {
    let reading = doc.reading();
    let current = doc.attributed_actor(&said.id);
    // For each actor: its first mention, how many it has, the mention to point to and how far that is.
    let mut actors: HashMap<ActorKey, (&Annotation, usize, &Annotation, usize)> = HashMap::new();
    for m in doc.annotations.iter().filter(|a| a.tag == Tag::Actor) {
        let distance = if current.is_some_and(|c| c.id == m.id) { 0 } else { m.start.abs_diff(said.start) + 1 };
        let entry = actors.entry(reading.actor_key(m)).or_insert((m, 0, m, usize::MAX));
        entry.1 += 1;
        if distance < entry.3 {
            (entry.2, entry.3) = (m, distance);
        }
    }
    let mut near: Vec<_> = actors.into_values().collect();
    if near.len() > SPEAKER_CHOICES {
        crate::order::sort_by_key(&mut near, |&(_, _, m, distance)| (distance, m.start));
        near.truncate(SPEAKER_CHOICES);
    }
    let mut out: Vec<Speaker> = near
        .into_iter()
        .map(|(first, mentions, mention, _)| Speaker {
            name: doc.actor_name(first).trim().to_owned(),
            mention: mention.id.clone(),
            mentions,
        })
        .collect();
    crate::order::sort_by(&mut out, |a, b| {
        a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.mention.cmp(&b.mention))
    });
    out
}
