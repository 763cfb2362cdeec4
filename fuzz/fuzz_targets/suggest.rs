//! The suggester (`suggest::suggest`) on arbitrary text (invalid UTF-8 is replaced). It
//! must not panic; every suggestion lies inside the text on character boundaries (code
//! points, `start < end <= length`); every attribution points to a suggested actor, every
//! split quote's first part is a quote, every actor names a suggested actor; and the
//! suggestions as a document keep every document invariant and save and load back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark_core::suggest::suggest;
use newsmark_core::{offsets, Tag};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let found = suggest(&text);
    let len = offsets::cp_len(&text);
    for s in &found.items {
        assert!(s.start < s.end && s.end <= len, "{s:?} in a text of {len} code points");
        assert!(offsets::slice(&text, s.start, s.end).is_some(), "{s:?} is not on character boundaries");
        assert!((0.0..=1.0).contains(&s.confidence), "{s:?}");
        if let Some(speaker) = s.speaker {
            assert_eq!(s.tag, Tag::Quote, "{s:?}");
            assert_eq!(found.items[speaker].tag, Tag::Actor, "{s:?} is attributed to {:?}", found.items[speaker]);
        }
        if let Some(first) = s.continues {
            assert_eq!(found.items[first].tag, Tag::Quote, "{s:?}");
        }
        if let Some(actor) = s.actor {
            assert!(actor < found.actors.len(), "{s:?}");
        }
    }
    let doc = found.document("suggestions", "Suggestions", &text, newsmark_fuzz::NOW);
    assert_eq!(doc.annotations.len(), found.items.len());
    newsmark_fuzz::check_document(&doc);
    newsmark_fuzz::check_saved_round_trip(std::slice::from_ref(&doc));
});
