//! Who speaks in an article: each actor with its mentions, the quotes attributed to it
//! and the claims it makes, with its share of voice; and what nobody is said to have said.

use crate::model::{ActorKind, Document, Tag};
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
        let mention = doc.annotation(id)?;
        Some(match &mention.details.entity {
            Some(e) => e.clone(),
            None => mention.exact.trim().to_lowercase(),
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
        match doc.attributed_actor(&a.id) {
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
    out.actors.sort_by(|a, b| {
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
