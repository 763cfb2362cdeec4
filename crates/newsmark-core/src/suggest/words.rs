//! The English word lists the suggester reads a text by: speech verbs, roles, honorifics.
//!
//! Every list was written here for Newsmark, from how news reports attribute what people
//! say; none comes from a package's data. Words are compared in lower case.

use std::collections::HashSet;

/// Verbs that introduce what someone said, in their base form, with the past tense where
/// it is not made by adding "-ed" (or "-d").
const SPEECH_VERBS: &[(&str, Option<&str>)] = &[
    ("say", Some("said")),
    ("tell", Some("told")),
    ("write", Some("wrote")),
    ("speak", Some("spoke")),
    ("add", None),
    ("explain", None),
    ("insist", None),
    ("argue", None),
    ("claim", None),
    ("state", None),
    ("note", None),
    ("warn", None),
    ("ask", None),
    ("reply", Some("replied")),
    ("answer", None),
    ("announce", None),
    ("declare", None),
    ("admit", Some("admitted")),
    ("acknowledge", None),
    ("concede", None),
    ("confirm", None),
    ("deny", Some("denied")),
    ("suggest", None),
    ("stress", None),
    ("emphasise", None),
    ("emphasize", None),
    ("assure", None),
    ("promise", None),
    ("recall", None),
    ("continue", None),
    ("conclude", None),
    ("observe", None),
    ("remark", None),
    ("comment", None),
    ("complain", None),
    ("joke", None),
    ("shout", None),
    ("whisper", None),
    ("counter", None),
    ("respond", None),
    ("urge", None),
    ("predict", None),
    ("estimate", None),
    ("testify", Some("testified")),
    ("allege", None),
    ("contend", None),
    ("maintain", None),
    ("report", None),
    ("mention", None),
    ("reveal", None),
    ("boast", None),
    ("caution", None),
    ("reiterate", None),
    ("repeat", None),
    ("retort", None),
    ("recount", None),
    ("agree", None),
    ("object", None),
    ("protest", None),
    ("tweet", None),
    ("post", None),
    ("plead", Some("pleaded")),
    ("concur", Some("concurred")),
    ("sigh", None),
];

/// Speech verbs that may report a clause without "that" ("she said the plan would fail").
const REPORTING_WITHOUT_THAT: &[&str] = &[
    "say", "said", "says", "add", "added", "adds", "warn", "warned", "warns", "argue", "argued", "argues", "claim",
    "claimed", "claims", "insist", "insisted", "insists", "predict", "predicted", "predicts", "estimate",
    "estimated", "estimates",
];

/// Words that stand for a person or body by what they are or do: "the minister", "a
/// spokeswoman for the club". Plurals are listed where a group speaks ("officials said").
const ROLES: &[&str] = &[
    "minister", "president", "secretary", "spokesman", "spokeswoman", "spokesperson", "chancellor", "governor",
    "mayor", "senator", "judge", "prosecutor", "prosecutors", "lawyer", "lawyers", "attorney", "barrister",
    "solicitor", "defendant", "witness", "coach", "manager", "captain", "striker", "player", "goalkeeper",
    "midfielder", "defender", "professor", "researcher", "researchers", "scientist", "scientists", "author",
    "authors", "director", "chief", "executive", "chairman", "chairwoman", "chair", "head", "leader", "official",
    "officials", "officer", "officers", "commissioner", "ambassador", "diplomat", "economist", "economists",
    "analyst", "analysts", "expert", "experts", "doctor", "doctors", "nurse", "teacher", "teachers", "student",
    "students", "resident", "residents", "councillor", "mp", "deputy", "founder", "editor", "reporter",
    "inspector", "detective", "sheriff", "general", "commander", "superintendent", "headteacher", "principal",
    "dean", "lecturer", "epidemiologist", "virologist", "physicist", "biologist", "chemist", "engineer",
    "farmer", "owner", "worker", "workers", "victim", "activist", "activists", "campaigner", "campaigners",
    "organiser", "candidate", "critic", "critics", "source", "sources", "police", "ministry", "government",
    "department", "agency", "company", "council", "court", "union", "party", "committee", "office",
    "commission", "club", "team", "university", "hospital", "board", "authorities", "spokespeople", "referee",
    "fan", "fans", "parent", "parents", "mother", "father", "son", "daughter", "neighbour", "neighbor", "juror",
    "jury", "magistrate", "clerk", "landlord", "tenant", "pilot", "officer", "paramedic", "firefighter",
    "historian", "ecologist", "geologist", "astronomer", "climatologist", "statistician", "surgeon",
    "psychologist", "investigator", "investigators", "regulator", "watchdog", "ceo", "founder", "host",
    "winner", "champion", "athlete", "runner", "swimmer", "cyclist", "opponent", "rival", "colleague",
    "colleagues", "friend", "aide", "adviser", "advisor", "envoy", "negotiator", "representative",
];

/// Words that name a body rather than a person, for the kind of actor suggested.
pub const BODIES: &[&str] = &[
    "police", "ministry", "government", "department", "agency", "company", "council", "court", "union", "party",
    "committee", "office", "commission", "club", "team", "university", "hospital", "board", "authorities",
    "regulator", "watchdog", "jury", "kremlin", "parliament", "congress", "senate", "institute", "foundation",
    "association", "federation", "bank", "group", "service", "nhs", "fbi", "un", "who", "eu", "nasa",
];

/// Words that make a run of capitalised words a place, event or body rather than a person.
pub const NOT_PEOPLE: &[&str] = &[
    "new", "york", "city", "street", "road", "avenue", "united", "states", "kingdom", "nations", "north", "south",
    "east", "west", "republic", "park", "stadium", "arena", "league", "cup", "championship", "county", "river",
    "lake", "mount", "island", "islands", "airport", "station", "hall", "centre", "center", "school", "college",
    "museum", "library", "market", "square", "bridge", "valley", "coast", "sea", "ocean", "games", "olympics",
    "act", "bill", "treaty", "report", "journal", "times", "post", "news", "daily", "review", "prize", "award",
];

/// Titles written before a name: "Dr Ana Ruiz", "Foreign Minister Sergey Lavrov".
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "judge", "justice",
    "president", "senator", "sen", "rep", "gov", "governor", "minister", "coach", "captain", "chancellor",
    "mayor", "detective", "inspector", "general", "gen", "col", "lt", "sgt", "rev", "imam", "rabbi", "father",
    "sister", "king", "queen", "prince", "princess", "secretary", "chief", "commissioner", "ambassador",
];

/// Honorifics that tell a man from a woman, for choosing whom "he" or "she" refers to.
pub const MASCULINE_TITLES: &[&str] = &["mr", "sir", "lord", "king", "prince", "father"];
pub const FEMININE_TITLES: &[&str] = &["mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sister"];

/// Words written with a capital that do not start a name: sentence openers, days, months.
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "in", "on", "at", "by", "for", "from", "to",
    "of", "with", "but", "and", "or", "so", "yet", "if", "when", "while", "after", "before", "as", "since",
    "speaking", "asked", "yesterday", "today", "tonight", "tomorrow", "earlier", "later", "meanwhile",
    "however", "still", "then", "now", "also", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "last", "next", "there", "here", "we", "i", "he", "she",
    "they", "you", "our", "their", "his", "her", "my", "your", "what", "why", "how", "who", "where", "not",
    "no", "yes", "both", "all", "some", "many", "most", "one", "two", "three", "according", "despite",
    "although", "though", "because", "instead", "writing", "interviewed", "ahead", "during", "until",
    "once", "just", "even", "only", "already", "again", "q", "a:",
];

/// Words that open a noun phrase describing someone: "the minister", "a spokeswoman".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "one", "another", "two", "three",
    "several", "some", "many", "most", "other", "this", "that",
];

/// Words that may stand between a subject and its verb: "Lavrov also said", "she has said".
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "also", "later", "then", "previously", "once", "repeatedly", "has", "had", "have", "was", "is", "were",
    "would", "will", "had", "again", "further", "simply", "quietly", "bluntly", "firmly", "recently",
    "reportedly", "publicly", "privately", "often", "has", "never", "always", "even", "had", "once", "just",
];

/// Words that end a speaker named after the verb: "said Lavrov in Geneva", "said the coach after the match".
const AFTER_SPEAKER: &[&str] = &[
    "who", "whom", "whose", "which", "that", "when", "while", "after", "before", "during", "as", "adding",
    "because", "since", "although", "though", "if", "in", "on", "to", "with", "yesterday", "today", "tonight",
    "last", "this", "earlier", "later", "also", "then", "and", "but", "told", "on", "speaking", "outside",
    "inside", "by", "from", "into", "over", "under",
];

pub const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we"];

/// Cue words of claims, by the kind of claim they suggest.
pub const COMPARISONS: &[&str] = &[
    "more", "less", "fewer", "higher", "lower", "larger", "smaller", "bigger", "faster", "slower", "cheaper",
    "better", "worse", "most", "least", "highest", "lowest", "largest", "smallest", "biggest", "fastest",
    "record", "doubled", "tripled", "halved", "rose", "fell", "increased", "decreased", "dropped", "grew",
    "declined", "average", "majority", "minority", "compared", "than",
];
pub const CAUSES: &[&str] = &[
    "because", "caused", "causes", "cause", "causing", "due", "led", "leads", "result", "resulted", "results",
    "therefore", "thanks", "blamed", "linked", "responsible",
];
pub const PREDICTIONS: &[&str] = &[
    "will", "won't", "would", "expected", "expects", "expect", "forecast", "forecasts", "predicted",
    "predicts", "likely", "unlikely", "could", "may", "might", "projected", "set", "going", "plans",
    "planned", "future", "by 2030",
];
pub const NUMBER_WORDS: &[&str] = &[
    "percent", "per", "cent", "million", "millions", "billion", "billions", "thousand", "thousands",
    "hundred", "hundreds", "half", "third", "quarter", "twice", "dozen", "dozens", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "twenty", "thirty", "forty", "fifty", "hundred",
];

/// Every form of every speech verb, in lower case.
pub(crate) struct Lexicon {
    speech: HashSet<String>,
}

impl Lexicon {
    pub fn new() -> Lexicon {
        let mut speech = HashSet::new();
        for &(base, past) in SPEECH_VERBS {
            speech.insert(base.to_owned());
            speech.insert(third_person(base));
            speech.insert(past.map_or_else(|| past_tense(base), str::to_owned));
            speech.insert(gerund(base));
        }
        speech.insert("says".into());
        Lexicon { speech }
    }

    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.speech.contains(word)
    }
}

fn third_person(base: &str) -> String {
    if base.ends_with('y') && !base.ends_with("ay") {
        format!("{}ies", &base[..base.len() - 1])
    } else if base.ends_with("ss") || base.ends_with("sh") || base.ends_with("ch") {
        format!("{base}es")
    } else {
        format!("{base}s")
    }
}

fn past_tense(base: &str) -> String {
    if base.ends_with('e') {
        format!("{base}d")
    } else if base.ends_with('y') && !base.ends_with("ay") {
        format!("{}ied", &base[..base.len() - 1])
    } else {
        format!("{base}ed")
    }
}

fn gerund(base: &str) -> String {
    match base.strip_suffix('e') {
        Some(stem) if !base.ends_with("ee") => format!("{stem}ing"),
        _ => format!("{base}ing"),
    }
}

pub fn is_role(word: &str) -> bool {
    ROLES.contains(&word)
}

pub fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(&word.trim_end_matches('.'))
}

pub fn is_not_name(word: &str) -> bool {
    NOT_NAMES.contains(&word)
}

pub fn is_determiner(word: &str) -> bool {
    DETERMINERS.contains(&word)
}

pub fn between_subject_and_verb(word: &str) -> bool {
    BETWEEN_SUBJECT_AND_VERB.contains(&word)
}

pub fn ends_speaker(word: &str) -> bool {
    AFTER_SPEAKER.contains(&word)
}

pub fn reports_without_that(word: &str) -> bool {
    REPORTING_WITHOUT_THAT.contains(&word)
}

/// Names joined by these lower-case words stay one name: "Ursula von der Leyen".
pub fn is_name_particle(word: &str) -> bool {
    ["de", "da", "van", "von", "der", "den", "al", "bin", "le", "la", "del", "di", "du", "dos", "ibn"].contains(&word)
}

#[cfg(test)]
mod tests {
    use super::Lexicon;

    #[test]
    fn speech_verbs_are_known_in_every_tense() {
        let lexicon = Lexicon::new();
        for word in ["said", "says", "saying", "told", "added", "insists", "replied", "denies", "argued", "noting"] {
            assert!(lexicon.is_speech_verb(word), "{word}");
        }
        for word in ["walked", "minister", "the", ""] {
            assert!(!lexicon.is_speech_verb(word), "{word}");
        }
    }
}
