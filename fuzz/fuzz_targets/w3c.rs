//! The w3c importer: `formats::import(Format::W3c, …)` on arbitrary bytes, with and
//! without an article supplied by the caller. Input framing: see `newsmark_fuzz::unframe`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark_core::formats::Format;

fuzz_target!(|data: &[u8]| {
    let input = newsmark_fuzz::unframe(data);
    let _ = newsmark_fuzz::check_import(Format::W3c, input.file, input.text.as_deref());
});
