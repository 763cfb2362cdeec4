//! Sealing an answer key with a passphrase, so that a graded exercise can travel to
//! students without a key they could read.
//!
//! The key's saved JSON is encrypted with AES-256-GCM (the `aes-gcm` crate) under a key
//! derived from the passphrase with PBKDF2-HMAC-SHA256 (`pbkdf2` with `sha2`). GCM is
//! authenticated: a wrong passphrase and a changed byte both make opening fail, and
//! nothing is decrypted. The salt and nonce are the caller's, fresh for every sealing:
//! the core takes no randomness of its own (the app draws them from
//! `crypto.getRandomValues`). What this does and does not protect is in SECURITY.md.

use crate::model::SealedKey;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use std::fmt;
use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};

/// PBKDF2-HMAC-SHA256 rounds for a new seal: OWASP's Password Storage Cheat Sheet
/// recommends 600,000 for this function.
pub const ITERATIONS: u32 = 600_000;
/// The most rounds a file may ask for, so that a crafted file cannot keep a tab busy for
/// minutes when a student tries a passphrase.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Bytes of salt for the key derivation.
pub const SALT_LEN: usize = 16;
/// Bytes of the AES-GCM nonce.
pub const NONCE_LEN: usize = 12;
/// The shortest passphrase a teacher may seal with, in characters.
pub const MIN_PASSPHRASE: usize = 8;

/// Bound to every sealed key as associated data, so that a ciphertext made by something
/// else for another purpose does not open as an answer key.
const CONTEXT: &[u8] = b"newsmark answer key";

/// Why a sealed key did not open. Nothing was decrypted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// The passphrase is not the one the key was sealed with, or the sealed bytes were
    /// changed: authenticated encryption cannot tell the two apart.
    WrongPassphrase,
    /// The sealed key is not of a shape this build opens (salt, nonce or rounds).
    Unreadable(String),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::WrongPassphrase => f.write_str(
                "that passphrase does not open this key. Check it with your teacher: capitals, spaces between words and punctuation count",
            ),
            OpenError::Unreadable(why) => write!(f, "the sealed key cannot be opened: {why}"),
        }
    }
}

impl std::error::Error for OpenError {}

/// The passphrase as it is used, prepared as RFC 8265 prepares passwords (its
/// OpaqueString profile):
/// - every other kind of space (a no-break space, an ideographic space) made an ASCII
///   space, since messages and word processors swap them;
/// - Unicode's composed form (NFC), so that "é" typed as one character and "e" followed
///   by a combining accent (as some keyboards type it, among them Windows's Vietnamese
///   one for tone marks) are the same passphrase;
/// - without spaces before or after, which are easy to add when copying it.
fn prepared(passphrase: &str) -> String {
    let spaced: String = passphrase.chars().map(|c| if is_space(c) { ' ' } else { c }).collect();
    composed(spaced.trim())
}

/// `text` in Unicode's composed form (NFC, UAX #15), built from `unicode-normalization`'s
/// canonical primitives. Its own `nfc()` also links the compatibility tables, which would
/// add 32 KB gzip more to the whole app for this alone; the tests check that both agree.
fn composed(text: &str) -> String {
    // Canonical decomposition…
    let mut chars = Vec::with_capacity(text.len());
    for c in text.chars() {
        decompose_canonical(c, |d| chars.push(d));
    }
    // …canonical ordering: each run of combining marks sorted (stably) by class…
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && canonical_combining_class(chars[i]) != 0 {
            i += 1;
        }
        chars[start..i].sort_by_key(|&c| canonical_combining_class(c));
        i += 1;
    }
    // …and canonical composition: each character joins the last starter unless blocked,
    // that is, unless a character between them has a class of 0 or one at least its own
    // (after the ordering, the last one has the highest).
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut starter: Option<usize> = None;
    let mut last_class: Option<u8> = None;
    for c in chars {
        let class = canonical_combining_class(c);
        if let Some(at) = starter {
            if last_class.is_none_or(|last| last != 0 && last < class) {
                if let Some(joined) = compose(out[at], c) {
                    out[at] = joined;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
            last_class = None;
        } else {
            last_class = Some(class);
        }
        out.push(c);
    }
    out.into_iter().collect()
}

/// Unicode's space separators (general category Zs) other than the ASCII space.
fn is_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// Whether a teacher may seal with `passphrase`; the sentence says why not.
pub fn check_passphrase(passphrase: &str) -> Result<(), String> {
    let length = prepared(passphrase).chars().count();
    if length < MIN_PASSPHRASE {
        return Err(format!(
            "a passphrase needs at least {MIN_PASSPHRASE} characters (this one has {length}); a few unrelated words are easy to say and hard to guess"
        ));
    }
    Ok(())
}

/// The cipher for a passphrase as it is used (see [`prepared`]).
fn cipher(used: &str, salt: &[u8], iterations: u32) -> Aes256Gcm {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(used.as_bytes(), salt, iterations, &mut key);
    Aes256Gcm::new(&key.into())
}

/// `plain` sealed with `passphrase`, with the caller's fresh `salt` and `nonce`, through
/// `iterations` rounds of PBKDF2 ([`ITERATIONS`] for a teacher's exercise).
pub fn seal(
    plain: &[u8],
    passphrase: &str,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    iterations: u32,
) -> SealedKey {
    let ciphertext = cipher(&prepared(passphrase), &salt, iterations)
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: plain, aad: CONTEXT })
        .expect("AES-GCM encrypts any message shorter than 64 GiB");
    SealedKey { iterations, salt: salt.to_vec(), nonce: nonce.to_vec(), ciphertext }
}

/// What `sealed` holds, if `passphrase` is the one it was sealed with and no byte of it
/// has changed.
///
/// Keys sealed before passphrases were prepared (Newsmark then only trimmed them) still
/// open with the passphrase typed as it was then: when the prepared form fails and the
/// merely trimmed one differs from it, that one is tried too.
pub fn open(sealed: &SealedKey, passphrase: &str) -> Result<Vec<u8>, OpenError> {
    check_shape(sealed).map_err(OpenError::Unreadable)?;
    let decrypt = |used: &str| {
        cipher(used, &sealed.salt, sealed.iterations)
            .decrypt(Nonce::from_slice(&sealed.nonce), Payload { msg: &sealed.ciphertext, aad: CONTEXT })
            .map_err(|_| OpenError::WrongPassphrase)
    };
    let used = prepared(passphrase);
    match decrypt(&used) {
        Err(OpenError::WrongPassphrase) if passphrase.trim() != used => decrypt(passphrase.trim()),
        opened => opened,
    }
}

/// Whether a sealed key read from a file is one this build can try to open: the sizes
/// it seals with and a bounded number of rounds. Loading a file checks this.
pub fn check_shape(sealed: &SealedKey) -> Result<(), String> {
    if sealed.nonce.len() != NONCE_LEN {
        return Err(format!("its nonce has {} bytes instead of {NONCE_LEN}", sealed.nonce.len()));
    }
    if sealed.salt.len() < SALT_LEN {
        return Err(format!("its salt has {} bytes, fewer than {SALT_LEN}", sealed.salt.len()));
    }
    if !(1..=MAX_ITERATIONS).contains(&sealed.iterations) {
        return Err(format!("it asks for {} rounds of PBKDF2; Newsmark does 1 to {MAX_ITERATIONS}", sealed.iterations));
    }
    // The 16-byte tag follows the message.
    if sealed.ciphertext.len() < 16 {
        return Err("it is too short to hold anything".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    const SALT: [u8; SALT_LEN] = [7; SALT_LEN];
    const NONCE: [u8; NONCE_LEN] = [9; NONCE_LEN];
    /// Few rounds, so that the tests of the rules run fast; the exercise tests use [`ITERATIONS`].
    const ROUNDS: u32 = 1_000;

    #[test]
    fn a_sealed_key_opens_with_its_passphrase_and_hides_its_text() {
        let plain = "“Nobody counted the children doing their homework here”".as_bytes();
        let sealed = seal(plain, "orange ferry lantern", SALT, NONCE, ROUNDS);
        assert!(!sealed.ciphertext.windows(7).any(|w| w == b"counted"), "the text is not in the sealed bytes");
        assert_eq!(open(&sealed, "orange ferry lantern").unwrap(), plain);
        // Spaces around a pasted passphrase do not matter.
        assert_eq!(open(&sealed, "  orange ferry lantern\n").unwrap(), plain);
    }

    #[test]
    fn a_wrong_passphrase_opens_nothing() {
        let sealed = seal(b"the key", "orange ferry lantern", SALT, NONCE, ROUNDS);
        assert_eq!(open(&sealed, "Orange ferry lantern"), Err(OpenError::WrongPassphrase));
        assert_eq!(open(&sealed, ""), Err(OpenError::WrongPassphrase));
    }

    #[test]
    fn a_changed_byte_anywhere_is_detected() {
        let sealed = seal(b"the key", "orange ferry lantern", SALT, NONCE, ROUNDS);
        for at in 0..sealed.ciphertext.len() {
            let mut tampered = sealed.clone();
            tampered.ciphertext[at] ^= 1;
            assert_eq!(open(&tampered, "orange ferry lantern"), Err(OpenError::WrongPassphrase), "byte {at}");
        }
        let other_salt = SealedKey { salt: vec![8; SALT_LEN], ..sealed.clone() };
        assert_eq!(open(&other_salt, "orange ferry lantern"), Err(OpenError::WrongPassphrase));
        let fewer_rounds = SealedKey { iterations: ROUNDS - 1, ..sealed };
        assert_eq!(open(&fewer_rounds, "orange ferry lantern"), Err(OpenError::WrongPassphrase));
    }

    #[test]
    fn a_sealed_key_of_a_strange_shape_is_not_tried() {
        let sealed = seal(b"the key", "orange ferry lantern", SALT, NONCE, ROUNDS);
        let endless = SealedKey { iterations: u32::MAX, ..sealed.clone() };
        assert_eq!(
            open(&endless, "orange ferry lantern").unwrap_err().to_string(),
            "the sealed key cannot be opened: it asks for 4294967295 rounds of PBKDF2; Newsmark does 1 to 10000000"
        );
        let short_nonce = SealedKey { nonce: vec![1; 8], ..sealed };
        assert!(matches!(open(&short_nonce, "orange ferry lantern"), Err(OpenError::Unreadable(_))));
    }

    #[test]
    fn a_passphrase_opens_however_its_accents_and_spaces_were_typed() {
        // Vietnamese, with the tone marks as one character each (as a phone types them)…
        let composed = "mưa rơi trên phố cổ";
        // …and as a base letter followed by combining marks (as Windows's Vietnamese keyboard does).
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        let plain = "the key".as_bytes();
        let sealed = seal(plain, &decomposed, SALT, NONCE, ROUNDS);
        assert_eq!(open(&sealed, composed).unwrap(), plain);
        assert_eq!(open(&sealed, &decomposed).unwrap(), plain);
        let sealed = seal(plain, composed, SALT, NONCE, ROUNDS);
        assert_eq!(open(&sealed, &decomposed).unwrap(), plain);
        // A no-break space from a message, an ideographic space from a Chinese keyboard.
        let sealed = seal(plain, "orange ferry lantern", SALT, NONCE, ROUNDS);
        assert_eq!(open(&sealed, "orange\u{a0}ferry\u{3000}lantern").unwrap(), plain);
        // Other differences still count: capitals, accents left out, spaces left out.
        assert_eq!(open(&sealed, "orange ferrylantern"), Err(OpenError::WrongPassphrase));
        let sealed = seal(plain, composed, SALT, NONCE, ROUNDS);
        assert_eq!(open(&sealed, "mua roi tren pho co"), Err(OpenError::WrongPassphrase));
    }

    #[test]
    fn the_composed_form_is_unicodes() {
        for text in [
            "mưa rơi trên phố cổ",
            "café crème brûlée",
            "e\u{301}\u{323}", // acute (230) before dot below (220): out of canonical order
            "e\u{323}\u{301}",
            "\u{1100}\u{1161}\u{11a8}", // Hangul jamo: 각
            "a\u{30a}\u{301}\u{300}",   // a ring, then two marks of the same class
            "\u{301}leading mark",
            "\u{212b} \u{c5} \u{2126} \u{3a9}", // singletons: the ångström and ohm signs become Å and Ω
            "ﬁ ① ｐａｓｓ",                     // compatibility characters stay as they are in NFC
            "😀👍🏽 نص عربي 中文",
        ] {
            let nfd: String = text.nfd().collect();
            assert_eq!(composed(text), text.nfc().collect::<String>(), "{text:?}");
            assert_eq!(composed(&nfd), text.nfc().collect::<String>(), "{text:?} decomposed");
        }
    }

    proptest! {
        #[test]
        fn the_composed_form_agrees_with_unicode_normalization(text in "\\PC{0,24}") {
            prop_assert_eq!(composed(&text), text.nfc().collect::<String>());
            let nfd: String = text.nfd().collect();
            prop_assert_eq!(composed(&nfd), text.nfc().collect::<String>());
        }

        #[test]
        fn the_composed_form_agrees_on_letters_and_marks(text in "[a-zA-Z\\u{1100}-\\u{1112}\\u{1161}-\\u{1175}\\u{11a8}-\\u{11c2}\\u{ac00}-\\u{d7a3}\\u{300}-\\u{36f}\\u{591}-\\u{5c7}\\u{1dc0}-\\u{1dff}\\u{20d0}-\\u{20f0}]{0,16}") {
            prop_assert_eq!(composed(&text), text.nfc().collect::<String>());
        }
    }

    #[test]
    fn a_key_sealed_before_passphrases_were_prepared_still_opens() {
        // Before, the passphrase was only trimmed: a decomposed one was derived as typed.
        let decomposed: String = "café crème brûlée".nfd().collect();
        let plain = "the key".as_bytes();
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(decomposed.as_bytes(), &SALT, ROUNDS, &mut key);
        let ciphertext = Aes256Gcm::new(&key.into())
            .encrypt(Nonce::from_slice(&NONCE), Payload { msg: plain, aad: CONTEXT })
            .unwrap();
        let old = SealedKey { iterations: ROUNDS, salt: SALT.to_vec(), nonce: NONCE.to_vec(), ciphertext };
        assert_eq!(open(&old, &format!(" {decomposed} ")).unwrap(), plain);
    }

    #[test]
    fn a_short_passphrase_is_refused_for_sealing() {
        assert_eq!(
            check_passphrase("  ferry  "),
            Err("a passphrase needs at least 8 characters (this one has 5); a few unrelated words are easy to say and hard to guess".into())
        );
        assert_eq!(check_passphrase("orange ferry"), Ok(()));
        // Characters are counted as they are used: a letter with a combining accent is one.
        let decomposed: String = "école".nfd().collect();
        assert_eq!(
            check_passphrase(&decomposed),
            Err("a passphrase needs at least 8 characters (this one has 5); a few unrelated words are easy to say and hard to guess".into())
        );
    }
}
