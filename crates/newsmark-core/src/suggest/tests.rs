//! The suggester on short texts that read like the situations it meets in news.

use super::{suggest, Suggestions};
use crate::model::{Speech, Tag};

/// What a person would read off the suggestions: each quote's words with its speaker's,
/// as "“…” ← Lavrov" (direct) or "~ … ← Lavrov" (indirect).
fn quotes(text: &str) -> Vec<String> {
    let found = suggest(text);
    check_spans(text, &found);
    let words = |s: &super::Suggestion| -> String { text.chars().skip(s.start).take(s.end - s.start).collect() };
    found
        .of(Tag::Quote)
        .map(|(_, q)| {
            let said = q.speaker.map_or("?".to_owned(), |a| words(&found.items[a]));
            match q.speech {
                Some(Speech::Indirect) => format!("~ {} ← {said}", words(q)),
                _ => format!("{} ← {said}", words(q)),
            }
        })
        .collect()
}

/// Every span lies inside the text, and every attribution points to a suggested actor.
fn check_spans(text: &str, found: &Suggestions) {
    let len = text.chars().count();
    for s in &found.items {
        assert!(s.start < s.end && s.end <= len, "{s:?} in a text of {len}");
        if let Some(a) = s.speaker {
            assert_eq!(found.items[a].tag, Tag::Actor, "{s:?}");
        }
        assert!((0.0..=1.0).contains(&s.confidence));
        assert!(!s.reason.is_empty());
    }
}

#[test]
fn a_quote_followed_by_said_and_a_name_is_attributed_to_that_name() {
    assert_eq!(
        quotes("“We will not accept this,” said Sergey Lavrov. He left."),
        ["“We will not accept this,” ← Sergey Lavrov"]
    );
    assert_eq!(quotes("\"It is over,\" Ana Ruiz told reporters."), ["\"It is over,\" ← Ana Ruiz"]);
}

#[test]
fn a_quote_split_around_its_speech_verb_is_two_spans_with_one_speaker() {
    let text = "“Dear colleagues,” said Lavrov, “if you have questions, ask them.”";
    assert_eq!(quotes(text), ["“Dear colleagues,” ← Lavrov", "“if you have questions, ask them.” ← Lavrov"]);
    let found = suggest(text);
    let parts: Vec<_> = found.of(Tag::Quote).collect();
    assert_eq!(parts[1].1.continues, Some(parts[0].0));
    assert!(parts[1].1.reason.contains("split around ‘said Lavrov’"), "{}", parts[1].1.reason);
}

#[test]
fn a_pronoun_speaker_is_the_nearest_person_named_before_it() {
    let text = "Health Minister Maria Costa visited the ward. Mr Jonas Berg, the director, met her.\n\n“We need more nurses,” she said. “We are short,” he added.";
    assert_eq!(quotes(text), ["“We need more nurses,” ← Maria Costa", "“We are short,” ← Mr Jonas Berg"]);
}

#[test]
fn a_role_is_linked_to_the_person_the_article_gave_it_to() {
    let text =
        "Russia's Foreign Minister Sergey Lavrov arrived on Monday.\n\n“Talks are over,” the foreign minister said.";
    let found = suggest(text);
    assert_eq!(quotes(text), ["“Talks are over,” ← the foreign minister"]);
    let (_, actor) = found.of(Tag::Actor).next().unwrap();
    assert_eq!(found.actors[actor.actor.unwrap()].name, "Sergey Lavrov");
}

#[test]
fn every_style_of_quotation_mark_gives_a_quote() {
    for (open, close) in [("\"", "\""), ("“", "”"), ("«", "»"), ("„", "“"), ("「", "」"), ("‘", "’"), ("»", "«")]
    {
        let text = format!("{open}The vote was fair and open,{close} said Ana Ruiz.");
        assert_eq!(quotes(&text), [format!("{open}The vote was fair and open,{close} ← Ana Ruiz")], "{open}{close}");
    }
}

#[test]
fn a_quote_after_a_colon_is_said_by_the_subject_before_it() {
    assert_eq!(
        quotes("The mayor told the council on Monday: “The budget is balanced.”"),
        ["“The budget is balanced.” ← The mayor"]
    );
}

#[test]
fn indirect_speech_with_that_is_a_quote_to_the_end_of_the_sentence() {
    assert_eq!(
        quotes("Netanyahu assured Israel that the hostages would come home. Then he left."),
        ["~ the hostages would come home ← Netanyahu"]
    );
    assert_eq!(quotes("The minister insists that the figures are wrong."), ["~ the figures are wrong ← The minister"]);
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    assert!(quotes("The so-called “experts” met. She reviewed “Dune” for the paper.").is_empty());
}

#[test]
fn quotes_among_emoji_cjk_and_arabic_keep_their_code_points() {
    let text = "🇺🇦👩🏽‍🔬 قال الوزير 外交部. “Peace needs patience, and patience needs time,” said Ana Ruiz. 😀";
    assert_eq!(quotes(text), ["“Peace needs patience, and patience needs time,” ← Ana Ruiz"]);
    assert_eq!(quotes("外交部发言人说：「我们反对这种做法，这是错误的。」"), Vec::<String>::new());
}

#[test]
fn claim_cues_name_their_cue() {
    let found = suggest("Visits fell by 40 per cent between 2019 and 2024. The library will close next year.");
    let claims: Vec<_> = found.of(Tag::Claim).map(|(_, c)| (c.claim_type.unwrap(), c.reason.clone())).collect();
    assert_eq!(claims.len(), 2, "{claims:?}");
    assert!(claims[0].1.contains("40 per cent"), "{claims:?}");
    assert!(claims[1].1.contains("will"), "{claims:?}");
}

#[test]
fn empty_text_and_marks_only_give_nothing_and_do_not_panic() {
    for text in ["", " ", "\n\n", "\"", "“”", "\"\"\"\"\"\"", "«»«»««»»", "„“„“‘’’’", "”“", "'''", "「」」「"]
    {
        let found = suggest(text);
        check_spans(text, &found);
        assert!(found.of(Tag::Quote).next().is_none(), "{text:?}");
    }
}

#[test]
fn unbalanced_marks_do_not_swallow_the_rest_of_the_article() {
    let text = "He said “this never closes.\n\n“But this one does,” said Ana Ruiz.";
    assert_eq!(quotes(text), ["“But this one does,” ← Ana Ruiz"]);
}

#[test]
fn a_million_character_article_is_read_without_a_hang() {
    let paragraph = "“Prices rose by 4 per cent,” said Ana Ruiz, the economist. She added that wages will fall. ";
    let text: String = paragraph.repeat(1_000_000 / paragraph.chars().count() + 1).chars().take(1_000_000).collect();
    let found = suggest(&text);
    check_spans(&text, &found);
    assert!(found.of(Tag::Quote).count() > 10_000);
    let marks_only = "“".repeat(500_000) + &"”".repeat(500_000);
    check_spans(&marks_only, &suggest(&marks_only));
}

#[test]
fn the_suggestions_make_a_document_that_saves_and_scores() {
    let text = "“We will win,” said Ana Ruiz. Ruiz said that the team had trained for 300 days.";
    let doc = suggest(text).document("s", "Suggestions", text, crate::Timestamp(0));
    assert_eq!(doc.counts(), [1, 2, 2]);
    // "Ana Ruiz" and "Ruiz" are two mentions of one actor.
    assert_eq!(doc.entities.len(), 1);
    assert_eq!(doc.annotations[0].details.entity, doc.annotations[3].details.entity);
    assert_eq!(doc.relations.len(), 2);
    let saved = crate::schema::document_to_json(&doc);
    assert_eq!(crate::schema::load_document(&saved).unwrap(), doc);
    let check = crate::agreement::check(&doc, &doc);
    assert_eq!((check.overall.fp, check.overall.fn_, check.attribution_correct), (0, 0, 2));
}

/// A workspace holding one document of `text`, with id "d".
fn workspace(text: &str) -> crate::Workspace {
    crate::Workspace::with_documents(vec![crate::Document::new("d", "Talks", text, crate::Timestamp(0))])
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("n{n}")
    }
}

#[test]
fn accepting_a_quote_adds_it_with_its_speaker_in_one_undoable_step() {
    let text = "“We came to build,” said Helena Markovic. Markovic said that the talks were over.";
    let mut ws = workspace(text);
    let found = suggest(text);
    let doc = ws.document("d").unwrap().clone();
    let (first, _) = found.of(Tag::Quote).next().unwrap();
    let action = found.acceptance(&doc, &[first], &mut ids()).unwrap();
    ws.apply(action, crate::Timestamp(5)).unwrap();
    let doc = ws.document("d").unwrap().clone();
    assert_eq!(doc.counts(), [0, 1, 1]);
    let quote = doc.annotations.iter().find(|a| a.tag == Tag::Quote).unwrap();
    assert_eq!(quote.exact, "“We came to build,”");
    assert_eq!(quote.details.speech, Some(Speech::Direct));
    let speaker = doc.attributed_actor(&quote.id).unwrap();
    assert_eq!(speaker.exact, "Helena Markovic");
    assert_eq!(doc.actor_name(speaker), "Helena Markovic");
    // What was accepted is no longer pending; the rest still is.
    let pending = found.pending(&doc, &Default::default());
    assert!(pending.iter().all(|&k| found.items[k].exact_in(text) != "“We came to build,”"));
    assert!(!pending.is_empty());

    ws.apply(crate::Action::Undo, crate::Timestamp(6)).unwrap();
    let doc = ws.document("d").unwrap();
    assert!(doc.annotations.is_empty() && doc.relations.is_empty() && doc.entities.is_empty());
}

#[test]
fn accepting_every_quote_links_mentions_of_one_person_to_one_actor() {
    let text = "“We came to build,” said Helena Markovic. Markovic said that the talks were over.";
    let mut ws = workspace(text);
    let found = suggest(text);
    let quotes: Vec<usize> = found.of(Tag::Quote).map(|(k, _)| k).collect();
    let doc = ws.document("d").unwrap().clone();
    ws.apply(found.acceptance(&doc, &quotes, &mut ids()).unwrap(), crate::Timestamp(5)).unwrap();
    let doc = ws.document("d").unwrap();
    assert_eq!(doc.counts(), [0, 2, 2]);
    assert_eq!(doc.entities.len(), 1, "{:?}", doc.entities);
    assert_eq!(doc.entities[0].name, "Helena Markovic");
    assert_eq!(doc.relations.len(), 2);
    // Accepting them again adds nothing.
    assert!(found.acceptance(doc, &quotes, &mut ids()).is_none());
}

#[test]
fn a_students_copy_offers_suggestions_only_where_the_exercise_allows_them() {
    let doc = crate::Document::new("d", "Talks", "“We came,” said Ana Ruiz.", crate::Timestamp(0));
    assert!(super::allowed(&doc), "a document of one's own always may");
    let mut exercise = crate::exercise::Exercise::from_document(&doc, String::new(), Vec::new());
    assert!(!exercise.allow_suggestions, "off unless the teacher allows them");
    assert!(!super::allowed(&exercise.start("s", crate::Timestamp(1))));
    exercise.allow_suggestions = true;
    let copy = exercise.start("s", crate::Timestamp(1));
    assert!(super::allowed(&copy));
    // The choice survives saving, and files that do not mention it load as not allowed.
    let saved = crate::schema::exercise_to_json(&exercise);
    assert!(saved.contains("\"allow_suggestions\": true"));
    assert!(crate::schema::load_exercise(&saved).unwrap().allow_suggestions);
    let copy_saved = crate::schema::document_to_json(&copy);
    assert!(super::allowed(&crate::schema::load_document(&copy_saved).unwrap()));
    let without = saved.replace("\"allow_suggestions\": true,", "");
    assert!(!crate::schema::load_exercise(&without).unwrap().allow_suggestions);
}

#[test]
fn a_long_text_suggested_part_by_part_finds_the_same_quotes() {
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/suggest_gold/06-fishing-quotas.newsmark.json"
    ))
    .unwrap();
    let text = crate::schema::load_document(&json).unwrap().text.to_string();
    let whole = suggest(&text);
    let ranges = super::parts(&text, 100);
    assert!(ranges.len() > 3, "{ranges:?}");
    assert_eq!(ranges.first().unwrap().start, 0);
    assert_eq!(ranges.last().unwrap().end, text.len());
    assert!(ranges.windows(2).all(|w| w[0].end == w[1].start && text[..w[1].start].ends_with("\n\n")));
    let joined = Suggestions::joined(
        ranges.iter().map(|r| (crate::offsets::cp_len(&text[..r.start]), suggest(&text[r.clone()]))).collect(),
    );
    check_spans(&text, &joined);
    let spans = |s: &Suggestions| -> Vec<(usize, usize)> { s.of(Tag::Quote).map(|(_, q)| (q.start, q.end)).collect() };
    assert_eq!(spans(&joined), spans(&whole));
    // One actor for Elspeth Moray, though she is named in several parts.
    assert_eq!(joined.actors.iter().filter(|a| a.name == "Elspeth Moray").count(), 1);
    assert_eq!(super::parts("short", 300), vec![0..5]);
}

#[test]
fn an_accepted_suggestion_that_does_not_fit_is_refused_whole() {
    let text = "“We came to build,” said Helena Markovic.";
    let mut ws = workspace(text);
    let found = suggest(text);
    let doc = ws.document("d").unwrap().clone();
    let all: Vec<usize> = (0..found.items.len()).collect();
    let crate::Action::AddSuggested { annotations, relations, entities, .. } =
        found.acceptance(&doc, &all, &mut ids()).unwrap()
    else {
        panic!("accepting adds suggestions");
    };
    let add = |annotations: Vec<crate::Annotation>, relations: Vec<crate::Relation>| crate::Action::AddSuggested {
        doc: "d".into(),
        annotations,
        relations,
        entities: entities.clone(),
    };
    let mut outside = annotations.clone();
    outside[0].end = 1_000;
    assert!(matches!(
        ws.apply(add(outside, relations.clone()), crate::Timestamp(1)),
        Err(crate::EditError::BadSpan { .. })
    ));
    let mut twice = annotations.clone();
    twice[1].id = twice[0].id.clone();
    assert!(matches!(
        ws.apply(add(twice, relations.clone()), crate::Timestamp(1)),
        Err(crate::EditError::DuplicateId(_))
    ));
    let mut backwards = relations.clone();
    let r = &mut backwards[0];
    std::mem::swap(&mut r.from, &mut r.to);
    assert_eq!(
        ws.apply(add(annotations.clone(), backwards), crate::Timestamp(1)),
        Err(crate::EditError::NotAnAttribution)
    );
    assert!(ws.document("d").unwrap().annotations.is_empty(), "nothing was added");
    assert!(ws.apply(add(annotations, relations), crate::Timestamp(1)).is_ok());
}
