//! A sample exercise for a media literacy lesson, written by the Newsmark team.
//!
//! The article is an invented local news story (a town plans to close a library branch)
//! with named, role-only and anonymous actors, direct and reported quotes, checkable
//! facts, statistics, a prediction and an opinion nobody in the story owns. The answer
//! key tags it the way a teacher would, with a one-sentence explanation on every span.
//! Three students' attempts show typical mistakes, for demonstrating how checking works.

use crate::exercise::{default_codebook, Exercise};
use crate::model::{ActorKind, CheckStatus, ClaimType, Details, Document, Entity, Speech, Tag};
use crate::offsets;
use crate::time::Timestamp;
use crate::workspace::{Action, Workspace};

pub const EXERCISE_ID: &str = "sample-exercise-northgate-library";
pub const EXERCISE_TITLE: &str = "Northgate library to close as council and campaigners argue over visitor numbers";
pub const EXERCISE_BYLINE: &str =
    "By Ines Calloway, town desk (an invented article written for Newsmark as a sample exercise)";

pub const EXERCISE_TEXT: &str = "\
Brackenford Town Council plans to close the Northgate branch library at the end of September, Mayor Odile Farrant announced on Monday. The branch, which opened in 1974, is one of three public libraries in the town.

The closure would save about £180,000 a year, she said. “We have to choose between a building that few people visit and services that thousands of families rely on,” the mayor told a packed meeting at the town hall. According to council figures, visits to Northgate fell by 40 per cent between 2019 and 2024.

Amara Quist, a retired teacher who chairs the Friends of Northgate Library, disputes those figures. She said the council had counted only people who borrowed books, not the pupils who use the computers and study tables after school. “Nobody counted the children doing their homework here every evening,” Quist added.

Lena Moss, 16, studies at the branch four evenings a week with two friends from her class. “My flat is too small and too loud to work in. If Northgate closes, I honestly don’t know where I’ll go,” Moss said.

Critics say the plan is unfair to families in Eastfield, the town’s poorest neighbourhood, where many homes have no computer or quiet room for homework.

A council employee who asked not to be named said the building needed a new roof costing more than £400,000, a repair that had been put off for years. It was not clear whether the roof was the main reason for the decision.

Farrant predicted that most Northgate users would switch to the central library on Market Street, a 20-minute bus ride away. “Within a year, people will wonder what all the fuss was about,” she said.

Councillors will vote on the plan on 8 July. The meeting starts at 7 p.m. and is open to the public.";

pub const EXERCISE_INSTRUCTIONS: &str = "\
Read the article, then tag every claim, quote and actor you find. \
Tag each mention of an actor, including roles such as “the mayor” and sources who are not named. \
Link every quote, and every claim whose source is named, to the actor who said or made it. \
Look out for claims that nobody in the article takes responsibility for. \
When you check your work, you will see the teacher’s answer key and why each span matters.";

/// What a span is and what a reader worked out about it. Students leave parts out (`None`).
enum Mark {
    /// An actor mention, and the id of the entity it names.
    Actor(Option<&'static str>),
    /// A quote, whether it is direct or reported, and the annotation id of its speaker.
    Quote(Option<Speech>, Option<&'static str>),
    /// A claim, its type and check, and the annotation id of the actor who makes it.
    Claim(Option<ClaimType>, Option<CheckStatus>, Option<&'static str>),
}

/// One annotation to make: its id, where it is (see [`span`]), what it is, and a note.
type Spec = (&'static str, &'static str, Mark, Option<&'static str>);

/// The span of [`EXERCISE_TEXT`] that `pattern` marks: `pattern` is a piece of the article,
/// found exactly once, with the span in square brackets, as in `"[Quist] added"`.
fn span(pattern: &str) -> (usize, usize) {
    let (before, rest) = pattern.split_once('[').expect("a pattern marks its span with [");
    let (inner, after) = rest.split_once(']').expect("a pattern marks its span with ]");
    let plain = format!("{before}{inner}{after}");
    let mut found = EXERCISE_TEXT.match_indices(plain.as_str()).map(|(byte, _)| byte);
    let byte = found.next().unwrap_or_else(|| panic!("{pattern:?} is not in the article"));
    assert!(found.next().is_none(), "{pattern:?} is in the article more than once");
    let start = offsets::cp_len(&EXERCISE_TEXT[..byte]) + offsets::cp_len(before);
    (start, start + offsets::cp_len(inner))
}

/// Makes the annotations of `specs` on `doc` through workspace actions at `now`, links
/// each quote and claim to its actor, and then sets the details and `entities`, which
/// have no actions yet.
fn annotate(doc: Document, specs: &[Spec], entities: &[(&str, &str, ActorKind)], now: Timestamp) -> Document {
    let id = doc.id.clone();
    let mut ws = Workspace::default();
    ws.apply(Action::AddDocument(doc), now).expect("a fresh workspace takes any document");
    for (annotation, pattern, mark, note) in specs {
        let tag = match mark {
            Mark::Actor(_) => Tag::Actor,
            Mark::Quote(..) => Tag::Quote,
            Mark::Claim(..) => Tag::Claim,
        };
        let (start, end) = span(pattern);
        ws.apply(Action::AddAnnotation { doc: id.clone(), id: (*annotation).into(), tag, start, end }, now)
            .expect("every span fits the article");
        if let Some(note) = note {
            ws.apply(Action::EditNote { doc: id.clone(), annotation: (*annotation).into(), note: (*note).into() }, now)
                .expect("the annotation was just made");
        }
    }
    let links = specs.iter().filter_map(|(from, _, mark, _)| match mark {
        Mark::Quote(_, Some(to)) | Mark::Claim(_, _, Some(to)) => Some((from, to)),
        _ => None,
    });
    for (n, (from, to)) in links.enumerate() {
        let relation = format!("r{}", n + 1);
        ws.apply(Action::Attribute { doc: id.clone(), id: relation, from: (*from).into(), to: (*to).into() }, now)
            .expect("each link goes from a quote or claim to an actor");
    }
    let mut doc = (*ws.documents()[0]).clone();
    for (annotation, _, mark, _) in specs {
        let details = match *mark {
            Mark::Actor(entity) => Details { entity: entity.map(str::to_owned), ..Details::default() },
            Mark::Quote(speech, _) => Details { speech, ..Details::default() },
            Mark::Claim(claim_type, check, _) => Details { claim_type, check, ..Details::default() },
        };
        let a = doc.annotations.iter_mut().find(|a| a.id == *annotation).expect("the annotation was made");
        a.details = details;
    }
    doc.entities = entities.iter().map(|&(id, name, kind)| Entity { id: id.into(), name: name.into(), kind }).collect();
    doc
}

const FARRANT: &str = "farrant";
const QUIST: &str = "quist";
const MOSS: &str = "moss";
const FRIENDS: &str = "friends-of-northgate";
const COUNCIL: &str = "brackenford-council";
const EMPLOYEE: &str = "council-employee";

/// The actors of the answer key.
const KEY_ENTITIES: [(&str, &str, ActorKind); 6] = [
    (COUNCIL, "Brackenford Town Council", ActorKind::Government),
    (FARRANT, "Odile Farrant, mayor", ActorKind::Person),
    (QUIST, "Amara Quist, Friends of Northgate Library", ActorKind::Person),
    (FRIENDS, "Friends of Northgate Library", ActorKind::Organisation),
    (MOSS, "Lena Moss, student", ActorKind::Person),
    (EMPLOYEE, "Council employee (not named)", ActorKind::Anonymous),
];

/// The teacher's answer key: every span, with its explanation.
fn key_specs() -> Vec<Spec> {
    use ClaimType::*;
    use Speech::*;
    let checkable = Some(CheckStatus::NotChecked);
    vec![
        (
            "council",
            "[Brackenford Town Council] plans",
            Mark::Actor(Some(COUNCIL)),
            Some("The council makes the decision, so it is an actor even though it is not a person."),
        ),
        (
            "mayor-full",
            "[Mayor Odile Farrant] announced",
            Mark::Actor(Some(FARRANT)),
            Some("The first mention gives her full name and job, which tells you why her words carry weight in this story."),
        ),
        (
            "branch-fact",
            "[The branch, which opened in 1974, is one of three public libraries in the town]",
            Mark::Claim(Some(Fact), checkable, None),
            Some("A checkable fact: the library service’s website or old newspapers could confirm the year and the number of branches."),
        ),
        (
            "saving",
            "[The closure would save about £180,000 a year], she said",
            Mark::Claim(Some(Statistic), checkable, Some("mayor-full")),
            Some("“She” is the mayor, who wants the closure, so ask how this saving was worked out before you trust it."),
        ),
        (
            "mayor-quote",
            "[“We have to choose between a building that few people visit and services that thousands of families rely on,”]",
            Mark::Quote(Some(Direct), Some("mayor-role")),
            Some("Her exact words set up the decision as a fair choice, which is a persuasive way of defending her own plan."),
        ),
        (
            "mayor-role",
            "[the mayor] told",
            Mark::Actor(Some(FARRANT)),
            Some("“The mayor” is Odile Farrant again, so it belongs to the same actor even though her name is not used."),
        ),
        (
            "visits",
            "According to council figures, [visits to Northgate fell by 40 per cent between 2019 and 2024]",
            Mark::Claim(Some(Statistic), checkable, Some("council")),
            Some("A percentage sounds exact, but the next paragraph questions what was counted, so always ask how a number was measured."),
        ),
        (
            "quist-full",
            "[Amara Quist], a retired",
            Mark::Actor(Some(QUIST)),
            Some("Quist leads the campaign to keep the library open, so she is the main voice on the other side of the story."),
        ),
        (
            "friends",
            "chairs the [Friends of Northgate Library]",
            Mark::Actor(Some(FRIENDS)),
            Some("A group can be an actor too, and this one exists to protect the library, so it clearly takes a side."),
        ),
        (
            "quist-reported",
            "She said [the council had counted only people who borrowed books, not the pupils who use the computers and study tables after school]",
            Mark::Quote(Some(Indirect), Some("quist-full")),
            Some("This is reported speech: without quotation marks, these are the reporter’s words summing up what Quist said."),
        ),
        (
            "quist-quote",
            "[“Nobody counted the children doing their homework here every evening,”]",
            Mark::Quote(Some(Direct), Some("quist-surname")),
            Some("Quist’s own words back up her reported claim with a picture that is easy to remember but hard to measure."),
        ),
        (
            "quist-surname",
            "[Quist] added",
            Mark::Actor(Some(QUIST)),
            Some("After the first mention, reporters often use only the surname, and it is still the same actor."),
        ),
        (
            "moss-full",
            "[Lena Moss], 16",
            Mark::Actor(Some(MOSS)),
            Some("Lena is a library user rather than an official, so she shows what the decision means for one person."),
        ),
        (
            "moss-quote",
            "[“My flat is too small and too loud to work in. If Northgate closes, I honestly don’t know where I’ll go,”]",
            Mark::Quote(Some(Direct), Some("moss-surname")),
            Some("One student’s story is powerful, but it is an example, not proof of how many people use the branch."),
        ),
        (
            "moss-surname",
            "[Moss] said",
            Mark::Actor(Some(MOSS)),
            Some("The surname points back to Lena Moss, which tells you whose words the quote just before it are."),
        ),
        (
            "critics",
            "Critics say [the plan is unfair to families in Eastfield, the town’s poorest neighbourhood, where many homes have no computer or quiet room for homework]",
            Mark::Claim(Some(Opinion), Some(CheckStatus::Uncheckable), None),
            Some("The article never says who the critics are or how many there are, so this opinion has no source you could question."),
        ),
        (
            "employee",
            "[A council employee who asked not to be named]",
            Mark::Actor(Some(EMPLOYEE)),
            Some("Readers cannot check an unnamed source, so ask why they stayed anonymous and whether anyone else confirms what they say."),
        ),
        (
            "roof",
            "said [the building needed a new roof costing more than £400,000, a repair that had been put off for years]",
            Mark::Quote(Some(Indirect), Some("employee")),
            Some("This reported claim comes from someone you cannot identify, though the £400,000 could be checked in the council’s budget papers."),
        ),
        (
            "mayor-surname",
            "[Farrant] predicted",
            Mark::Actor(Some(FARRANT)),
            Some("This is the mayor’s third mention, and linking them all shows how much of the story comes from her."),
        ),
        (
            "switch",
            "[most Northgate users would switch to the central library on Market Street]",
            Mark::Claim(Some(Prediction), checkable, Some("mayor-surname")),
            Some("A prediction cannot be checked yet, and the 20-minute bus ride in the same sentence is a reason it might not come true."),
        ),
        (
            "fuss",
            "[“Within a year, people will wonder what all the fuss was about,”]",
            Mark::Quote(Some(Direct), Some("mayor-surname")),
            Some("“She” is still the mayor, and her quote is a guess about the future that also brushes aside people’s worries."),
        ),
    ]
}

/// The exercise: the article, instructions, the default codebook, and the teacher's
/// annotations of the article as the key.
pub fn sample_exercise(now: Timestamp) -> Exercise {
    let article = Document {
        byline: Some(EXERCISE_BYLINE.to_owned()),
        ..Document::new(EXERCISE_ID, EXERCISE_TITLE, EXERCISE_TEXT, now)
    };
    let annotated = annotate(article, &key_specs(), &KEY_ENTITIES, now);
    Exercise::from_document(&annotated, EXERCISE_INSTRUCTIONS.to_owned(), default_codebook())
}

/// Student A is careful: close to the key, with a few spans a little longer than the
/// key's, the organisation missed and one extra claim.
fn student_a() -> (Vec<Spec>, Vec<(&'static str, &'static str, ActorKind)>) {
    use ClaimType::*;
    use Speech::*;
    let specs = vec![
        ("a1", "[Brackenford Town Council] plans", Mark::Actor(Some("e1")), None),
        ("a2", "[Mayor Odile Farrant] announced", Mark::Actor(Some("e2")), None),
        (
            "a3",
            "[The branch, which opened in 1974, is one of three public libraries in the town]",
            Mark::Claim(Some(Fact), None, None),
            None,
        ),
        ("a4", "[The closure would save about £180,000 a year], she said", Mark::Claim(Some(Statistic), None, Some("a2")), None),
        (
            "a5",
            "[“We have to choose between a building that few people visit and services that thousands of families rely on,”]",
            Mark::Quote(Some(Direct), Some("a6")),
            None,
        ),
        ("a6", "[the mayor] told", Mark::Actor(Some("e2")), None),
        (
            "a7",
            "[According to council figures, visits to Northgate fell by 40 per cent between 2019 and 2024]",
            Mark::Claim(Some(Statistic), None, Some("a1")),
            Some("Quist says these figures only count borrowers."),
        ),
        ("a8", "[Amara Quist], a retired", Mark::Actor(Some("e3")), None),
        (
            "a9",
            "She [said the council had counted only people who borrowed books, not the pupils who use the computers and study tables after school]",
            Mark::Quote(Some(Indirect), Some("a8")),
            None,
        ),
        (
            "a10",
            "[“Nobody counted the children doing their homework here every evening,”]",
            Mark::Quote(Some(Direct), Some("a11")),
            None,
        ),
        ("a11", "[Quist] added", Mark::Actor(Some("e3")), None),
        ("a12", "[Lena Moss], 16", Mark::Actor(Some("e4")), None),
        (
            "a13",
            "[“My flat is too small and too loud to work in. If Northgate closes, I honestly don’t know where I’ll go,”]",
            Mark::Quote(Some(Direct), Some("a14")),
            None,
        ),
        ("a14", "[Moss] said", Mark::Actor(Some("e4")), None),
        (
            "a15",
            "[Critics say the plan is unfair to families in Eastfield, the town’s poorest neighbourhood, where many homes have no computer or quiet room for homework]",
            Mark::Claim(Some(Opinion), None, None),
            Some("Who are the critics? The article does not say."),
        ),
        ("a16", "[A council employee who asked not to be named]", Mark::Actor(Some("e5")), None),
        (
            "a17",
            "said [the building needed a new roof costing more than £400,000, a repair that had been put off for years]",
            Mark::Quote(Some(Indirect), Some("a16")),
            None,
        ),
        ("a18", "[Farrant] predicted", Mark::Actor(Some("e2")), None),
        (
            "a19",
            "[most Northgate users would switch to the central library on Market Street]",
            Mark::Claim(Some(Prediction), None, Some("a18")),
            None,
        ),
        ("a20", "[a 20-minute bus ride away]", Mark::Claim(Some(Fact), None, None), None),
        (
            "a21",
            "[“Within a year, people will wonder what all the fuss was about,”]",
            Mark::Quote(Some(Direct), Some("a18")),
            None,
        ),
    ];
    let entities = vec![
        ("e1", "Town council", ActorKind::Government),
        ("e2", "Mayor Farrant", ActorKind::Person),
        ("e3", "Amara Quist", ActorKind::Person),
        ("e4", "Lena Moss", ActorKind::Person),
        ("e5", "Council employee", ActorKind::Anonymous),
    ];
    (specs, entities)
}

/// Student B misses attribution: only full names are tagged as actors; the anonymous
/// source, both reported quotes, the prediction and the unattributed claims are missed;
/// two quotes are tagged without their quotation marks; two quotes are left unlinked,
/// and the mayor's “Within a year” is linked to Quist.
fn student_b() -> Vec<Spec> {
    vec![
        ("a1", "[Brackenford Town Council] plans", Mark::Actor(None), None),
        ("a2", "[Mayor Odile Farrant] announced", Mark::Actor(None), None),
        ("a3", "[The closure would save about £180,000 a year]", Mark::Claim(None, None, None), None),
        (
            "a4",
            "“[We have to choose between a building that few people visit and services that thousands of families rely on],”",
            Mark::Quote(None, Some("a2")),
            None,
        ),
        ("a5", "[visits to Northgate fell by 40 per cent between 2019 and 2024]", Mark::Claim(None, None, None), None),
        ("a6", "[Amara Quist], a retired", Mark::Actor(None), None),
        ("a7", "chairs the [Friends of Northgate Library]", Mark::Actor(None), None),
        (
            "a8",
            "[“Nobody counted the children doing their homework here every evening,”]",
            Mark::Quote(None, None),
            None,
        ),
        ("a9", "[Lena Moss], 16", Mark::Actor(None), None),
        (
            "a10",
            "“[My flat is too small and too loud to work in. If Northgate closes, I honestly don’t know where I’ll go],”",
            Mark::Quote(None, None),
            None,
        ),
        (
            "a11",
            "[“Within a year, people will wonder what all the fuss was about,”]",
            Mark::Quote(None, Some("a6")),
            None,
        ),
    ]
}

/// Student C tags opinions as facts: the mayor's quote is tagged as a claim, the critics'
/// opinion and the mayor's prediction are marked as facts, one reported quote and three
/// actor mentions are missed, some spans are longer or shorter than the key's, and a
/// scheduling detail is tagged as an extra claim.
fn student_c() -> Vec<Spec> {
    use ClaimType::*;
    vec![
        ("a1", "[Mayor Odile Farrant] announced", Mark::Actor(None), None),
        (
            "a2",
            "[The branch, which opened in 1974, is one of three public libraries in the town]",
            Mark::Claim(Some(Fact), None, None),
            None,
        ),
        (
            "a3",
            "[The closure would save about £180,000 a year, she said]",
            Mark::Claim(Some(Statistic), None, Some("a1")),
            None,
        ),
        (
            "a4",
            "[“We have to choose between a building that few people visit and services that thousands of families rely on,”]",
            Mark::Claim(Some(Fact), None, Some("a5")),
            None,
        ),
        ("a5", "[the mayor] told", Mark::Actor(None), None),
        ("a6", "visits to Northgate [fell by 40 per cent between 2019 and 2024]", Mark::Claim(Some(Statistic), None, None), None),
        ("a7", "[Amara Quist], a retired", Mark::Actor(None), None),
        (
            "a8",
            "[“Nobody counted the children doing their homework here every evening,”]",
            Mark::Quote(None, Some("a9")),
            None,
        ),
        ("a9", "[Quist] added", Mark::Actor(None), None),
        ("a10", "[Lena Moss], 16", Mark::Actor(None), None),
        (
            "a11",
            "[“My flat is too small and too loud to work in. If Northgate closes, I honestly don’t know where I’ll go,” Moss said]",
            Mark::Quote(None, Some("a10")),
            None,
        ),
        (
            "a12",
            "[Critics say the plan is unfair to families in Eastfield, the town’s poorest neighbourhood, where many homes have no computer or quiet room for homework]",
            Mark::Claim(Some(Fact), None, None),
            None,
        ),
        ("a13", "A [council employee who asked not to be named]", Mark::Actor(None), None),
        (
            "a14",
            "said [the building needed a new roof costing more than £400,000, a repair that had been put off for years]",
            Mark::Quote(None, Some("a13")),
            None,
        ),
        ("a15", "[Farrant] predicted", Mark::Actor(None), None),
        (
            "a16",
            "Farrant predicted that [most Northgate users would switch to the central library on Market Street, a 20-minute bus ride away]",
            Mark::Claim(Some(Fact), None, Some("a15")),
            None,
        ),
        (
            "a17",
            "[“Within a year, people will wonder what all the fuss was about,”]",
            Mark::Quote(None, Some("a15")),
            None,
        ),
        ("a18", "[Councillors will vote on the plan on 8 July]", Mark::Claim(Some(Fact), None, None), None),
    ]
}

/// Three students' work on [`sample_exercise`], each a student copy of it with their
/// annotations, with the student's name the kind of work it shows.
pub fn sample_student_sets(now: Timestamp) -> Vec<(String, Document)> {
    let exercise = sample_exercise(now);
    let minutes = |m: i64| Timestamp(now.0 + m * 60_000);
    let (a_specs, a_entities) = student_a();
    let sets = [
        ("Student A (careful)", "northgate-student-a", a_specs, a_entities, minutes(34)),
        ("Student B (misses attribution)", "northgate-student-b", student_b(), Vec::new(), minutes(17)),
        ("Student C (tags opinions as facts)", "northgate-student-c", student_c(), Vec::new(), minutes(26)),
    ];
    sets.into_iter()
        .map(|(name, id, specs, entities, done)| {
            let mut copy = exercise.start(id, now);
            copy.assignment.as_deref_mut().expect("a student's copy").student = Some(name.to_owned());
            (name.to_owned(), annotate(copy, &specs, &entities, done))
        })
        .collect()
}
