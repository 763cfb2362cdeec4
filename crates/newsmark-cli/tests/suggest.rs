//! `newsmark suggest` as a teacher uses it: on an article file of any kind, a Newsmark
//! file of suggestions that `newsmark compare` scores against an answer key.

mod common;
use common::{newsmark, scratch, stderr, stdout, write};

use newsmark_core::{schema, Speech, Tag};

const ARTICLE: &str = "Talks collapse in Veldora\n\n\
“We came to build a government,” said Helena Markovic, “not to sign a blank cheque.”\n\n\
Prime Minister Piet Dorn said that he was disappointed. Turnout fell by 12 per cent.";

#[test]
fn a_text_article_gives_quotes_with_their_speakers_as_a_newsmark_document() {
    let article = write("talks.txt", ARTICLE);
    let output = scratch("talks.suggestions.newsmark.json");
    let out = newsmark(&["suggest", &article, "-o", output.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.starts_with("Talks collapse in Veldora: 3 quotes (2 direct, 1 indirect), 2 actors, 1 claim cue in "),
        "{said}"
    );
    let doc = schema::load_document(&std::fs::read_to_string(&output).unwrap()).expect("the suggestions load");
    assert_eq!(doc.title, "Suggestions: Talks collapse in Veldora");
    let quotes: Vec<_> = doc.annotations.iter().filter(|a| a.tag == Tag::Quote).collect();
    assert_eq!(quotes[0].exact, "“We came to build a government,”");
    assert_eq!(quotes[1].exact, "“not to sign a blank cheque.”");
    assert_eq!(quotes[2].exact, "he was disappointed");
    assert_eq!(quotes[2].details.speech, Some(Speech::Indirect));
    let speaker = |id: &str| doc.attributed_actor(id).map(|a| a.exact.as_str());
    assert_eq!(speaker(&quotes[0].id), Some("Helena Markovic"));
    assert_eq!(speaker(&quotes[1].id), Some("Helena Markovic"), "both parts of the split quote");
    assert_eq!(speaker(&quotes[2].id), Some("Piet Dorn"));
}

#[test]
fn compare_scores_the_suggestions_against_a_key_of_the_same_article() {
    let key =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../newsmark-core/tests/suggest_gold/06-fishing-quotas.newsmark.json");
    let suggested = newsmark(&["suggest", key]);
    assert!(suggested.status.success(), "{}", stderr(&suggested));
    let path = write("suggestions.newsmark.json", &stdout(&suggested));
    let compared = newsmark(&["compare", "--json", key, &path]);
    assert!(compared.status.success(), "{}", stderr(&compared));
    let figures: serde_json::Value = serde_json::from_str(&stdout(&compared)).unwrap();
    let quote = &figures["students"][0]["per_tag"]["quote"];
    assert_eq!((&quote["fp"], &quote["fn"]), (&serde_json::json!(0), &serde_json::json!(0)), "{figures}");
    assert_eq!(figures["students"][0]["attribution"]["correct"], figures["students"][0]["attribution"]["total"]);
}

#[test]
fn html_and_exercise_files_are_read_for_their_article() {
    let html = write(
        "page.html",
        "<html><head><title>Bridge</title><script>var q = \"“x,” said Y\";</script></head><body>\
         <nav><p>Menu</p></nav><p>&ldquo;It must close,&rdquo; said Priya Shah.</p></body></html>",
    );
    let out = newsmark(&["suggest", &html]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = schema::load_document(&stdout(&out)).unwrap();
    assert_eq!(&*doc.text, "“It must close,” said Priya Shah.");
    assert_eq!(doc.counts(), [0, 1, 1]);

    let exercise =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../newsmark-core/samples/northgate-library.newsmark-exercise.json");
    let out = newsmark(&["suggest", exercise]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = schema::load_document(&stdout(&out)).unwrap();
    assert!(doc.text.starts_with("Brackenford Town Council plans"));
    assert!(doc.annotations.iter().any(|a| a.exact.starts_with("“Nobody counted the children")));
}

#[test]
fn help_missing_and_unreadable_files_are_answered_in_words() {
    let help = newsmark(&["suggest", "--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).starts_with("usage: newsmark suggest ARTICLE [-o OUTPUT]"), "{}", stdout(&help));
    assert!(stdout(&newsmark(&["--help"])).contains("newsmark suggest ARTICLE [-o OUTPUT]"));

    let none = newsmark(&["suggest"]);
    assert_eq!(stderr(&none), "newsmark: suggest needs an ARTICLE file (see newsmark suggest --help)\n");
    let empty = write("empty.txt", " \n\n ");
    assert_eq!(stderr(&newsmark(&["suggest", &empty])), "newsmark: empty.txt holds no readable text\n");
    let broken = write("broken.newsmark.json", "{\"schema_version\": 3");
    let out = newsmark(&["suggest", &broken]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("broken.newsmark.json is refused"), "{}", stderr(&out));
    let out = newsmark(&["suggest", "nowhere.txt"]);
    assert!(stderr(&out).starts_with("newsmark: nowhere.txt: cannot read it"), "{}", stderr(&out));
}
