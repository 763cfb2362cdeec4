//! The link the browser extension opens Newsmark with: a captured page (its HTML, address,
//! title and capture time) carried in the address's fragment, `#capture=…`.
//!
//! The fragment is the page as JSON (`{"v":1,"url":…,"title":…,"captured":…,"html":…}`),
//! gzip-compressed and written in base64url without padding. A fragment never leaves the
//! browser: it is not sent to the server Newsmark is served from. Anything could open such
//! a link (another page, a pasted address), so reading it only decodes: the app asks the
//! person before adding what it holds, and the HTML is only ever parsed, never run.
//!
//! Reading refuses, with a sentence, a fragment longer than [`MAX_FRAGMENT`], one that does
//! not decode, a compressed stream that would grow past [`limits::MAX_ARTICLE_FILE_BYTES`]
//! (so a small link cannot fill the tab's memory), a damaged stream (its CRC-32 and length
//! are checked) and JSON without the fields.

use crate::formats::zip::crc32;
use crate::limits;
use crate::time::Timestamp;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// What starts the fragment of a capture link (after `#`).
pub const PREFIX: &str = "capture=";

/// The longest fragment read, in bytes: a little under the 2 MB Chromium allows in an
/// address. The extension refuses to open a longer one and says so.
pub const MAX_FRAGMENT: usize = 2_000_000;

/// A page as the extension captured it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapturedPage {
    /// The address of the page in the tab.
    pub url: String,
    /// The tab's title.
    pub title: String,
    /// When it was captured.
    pub captured: Timestamp,
    /// The rendered page as HTML, without its scripts, styles and frames.
    pub html: String,
}

#[derive(Serialize, Deserialize)]
struct Payload {
    v: u64,
    #[serde(flatten)]
    page: CapturedPage,
}

/// Whether the address fragment `fragment` (with or without its `#`) is a capture link.
pub fn is_capture(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with(PREFIX)
}

/// The page a capture link's fragment carries (with or without the `#`), or why it cannot
/// be read, as a sentence.
pub fn read(fragment: &str) -> Result<CapturedPage, String> {
    let Some(encoded) = fragment.trim_start_matches('#').strip_prefix(PREFIX) else {
        return Err("this is not a capture link".into());
    };
    if encoded.len() > MAX_FRAGMENT {
        return Err(format!(
            "the capture link is {} bytes long; Newsmark reads links of up to {MAX_FRAGMENT}",
            encoded.len()
        ));
    }
    let damaged = |why: &str| format!("the capture link is damaged ({why}); capture the page again");
    let gzip = URL_SAFE_NO_PAD.decode(encoded.trim_end_matches('=')).map_err(|_| damaged("it is not base64url"))?;
    let json = gunzip(&gzip).map_err(|why| damaged(&why))?;
    let payload: Payload = serde_json::from_slice(&json).map_err(|e| damaged(&format!("its contents: {e}")))?;
    if payload.v != 1 {
        return Err(format!("the capture link was made by a newer extension (version {}); update Newsmark", payload.v));
    }
    Ok(payload.page)
}

/// The fragment for `page` (without the `#`): what the extension writes, for tests and tools.
pub fn write(page: &CapturedPage) -> String {
    let json = serde_json::to_vec(&Payload { v: 1, page: page.clone() }).expect("a page always serialises");
    let mut gzip = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    gzip.extend(miniz_oxide::deflate::compress_to_vec(&json, 6));
    gzip.extend(crc32(&json).to_le_bytes());
    gzip.extend((json.len() as u32).to_le_bytes());
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(gzip))
}

/// The contents of a gzip stream (RFC 1952, one member), refused past the largest article
/// file, or with a wrong checksum or length.
fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    const FHCRC: u8 = 2;
    const FEXTRA: u8 = 4;
    const FNAME: u8 = 8;
    const FCOMMENT: u8 = 16;
    let not_gzip = || "it is not gzip".to_owned();
    if bytes.len() < 18 || bytes[..3] != [0x1f, 0x8b, 8] {
        return Err(not_gzip());
    }
    let flags = bytes[3];
    let mut at = 10;
    if flags & FEXTRA != 0 {
        let len = usize::from(u16::from_le_bytes([
            *bytes.get(at).ok_or_else(not_gzip)?,
            *bytes.get(at + 1).ok_or_else(not_gzip)?,
        ]));
        at += 2 + len;
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            at += bytes.get(at..).ok_or_else(not_gzip)?.iter().position(|&b| b == 0).ok_or_else(not_gzip)? + 1;
        }
    }
    if flags & FHCRC != 0 {
        at += 2;
    }
    let body = bytes.get(at..bytes.len() - 8).ok_or_else(not_gzip)?;
    let limit = limits::MAX_ARTICLE_FILE_BYTES;
    let out = miniz_oxide::inflate::decompress_to_vec_with_limit(body, limit).map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
            format!("it holds more than the {} MB Newsmark reads of a page", limit / 1_048_576)
        }
        _ => "its compressed stream is broken".to_owned(),
    })?;
    let tail = &bytes[bytes.len() - 8..];
    let crc = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
    let size = u32::from_le_bytes([tail[4], tail[5], tail[6], tail[7]]);
    if crc32(&out) != crc || out.len() as u32 != size {
        return Err("its checksum does not match".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gzip header flag of a stream that records a file name.
    const FNAME_FLAG: u8 = 8;

    fn page() -> CapturedPage {
        CapturedPage {
            url: "https://news.example/2026/11/ferry?ref=home".into(),
            title: "Council votes to stop the night ferry – The Eastquay Courier".into(),
            captured: Timestamp::parse("2026-11-29T17:55:04.120Z").unwrap(),
            html: "<html><body><h1>Council votes</h1><p>Zoe\u{308} said “شكرا 外交部长” 👋🏽.</p></body></html>".into(),
        }
    }

    #[test]
    fn a_capture_link_carries_the_page_its_address_title_and_time() {
        let fragment = write(&page());
        assert!(fragment.starts_with("capture=") && is_capture(&fragment) && is_capture(&format!("#{fragment}")));
        assert!(
            fragment[PREFIX.len()..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "only characters an address keeps as they are"
        );
        assert_eq!(read(&fragment), Ok(page()));
        assert_eq!(read(&format!("#{fragment}")), Ok(page()));
    }

    #[test]
    fn the_extensions_own_gzip_with_a_file_name_reads_too() {
        // What a gzip writer that records a file name writes (FNAME set), as some do.
        let json = br#"{"v":1,"url":"https://news.example/a","title":"A","captured":"2026-11-29T17:55:04.120Z","html":"<p>Hi</p>"}"#;
        let mut gzip = vec![0x1f, 0x8b, 8, FNAME_FLAG, 0, 0, 0, 0, 0, 3];
        gzip.extend(b"page.json\0");
        gzip.extend(miniz_oxide::deflate::compress_to_vec(json, 9));
        gzip.extend(crc32(json).to_le_bytes());
        gzip.extend((json.len() as u32).to_le_bytes());
        let page = read(&format!("capture={}", URL_SAFE_NO_PAD.encode(gzip))).unwrap();
        assert_eq!((page.url.as_str(), page.html.as_str()), ("https://news.example/a", "<p>Hi</p>"));
    }
    #[test]
    fn a_damaged_or_foreign_link_is_refused_with_a_sentence() {
        let good = write(&page());
        assert_eq!(read("#class?server=x"), Err("this is not a capture link".into()));
        assert!(read("capture=%%%").unwrap_err().contains("not base64url"));
        assert!(read(&format!("capture={}", URL_SAFE_NO_PAD.encode(b"plain words, not gzip")))
            .unwrap_err()
            .contains("not gzip"));
        // One character changed in the compressed middle: the stream or its checksum fails.
        let mut bytes = URL_SAFE_NO_PAD.decode(&good[PREFIX.len()..]).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        let why = read(&format!("capture={}", URL_SAFE_NO_PAD.encode(&bytes))).unwrap_err();
        assert!(why.starts_with("the capture link is damaged") && why.ends_with("capture the page again"), "{why}");
        // Cut short.
        assert!(read(&good[..good.len() / 2]).is_err());
    }

    #[test]
    fn a_small_link_that_would_unpack_past_the_largest_page_is_refused_before_filling_memory() {
        let huge = CapturedPage { html: " ".repeat(limits::MAX_ARTICLE_FILE_BYTES + 1), ..page() };
        let fragment = write(&huge);
        assert!(fragment.len() < 100_000, "spaces compress well: {} bytes", fragment.len());
        let why = read(&fragment).unwrap_err();
        assert!(why.contains("more than the 20 MB"), "{why}");
    }

    #[test]
    fn a_link_longer_than_an_address_may_be_is_refused_unread() {
        let why = read(&format!("capture={}", "A".repeat(MAX_FRAGMENT + 1))).unwrap_err();
        assert!(why.contains("Newsmark reads links of up to 2000000"), "{why}");
    }

    #[test]
    fn a_link_from_a_newer_extension_says_so() {
        let json = br#"{"v":2,"url":"u","title":"t","captured":"2026-11-29T17:55:04.120Z","html":""}"#;
        let mut gzip = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
        gzip.extend(miniz_oxide::deflate::compress_to_vec(json, 6));
        gzip.extend(crc32(json).to_le_bytes());
        gzip.extend((json.len() as u32).to_le_bytes());
        let why = read(&format!("capture={}", URL_SAFE_NO_PAD.encode(gzip))).unwrap_err();
        assert!(why.contains("newer extension (version 2)"), "{why}");
    }
}
