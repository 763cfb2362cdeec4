//! A small .zip writer and reader, enough for brat exports and imports.
//!
//! [`write`] stores its entries uncompressed, with UTF-8 names and a fixed timestamp
//! (1980-01-01 00:00, the earliest a .zip can say), so the same files always give the
//! same bytes. It writes plain .zip files only, and refuses what does not fit one (more
//! than 65,534 files, 4 GiB, or a name over 65,535 bytes) rather than write a damaged one.
//! [`read`] takes the archives people make with other tools: it follows the central
//! directory, inflates deflated entries (with `miniz_oxide`), checks every CRC-32, and
//! says plainly what it cannot read (zip64, encrypted entries, other compression methods).
//!
//! Written here rather than taken from the `zip` crate: brat needs two stored files out
//! and ordinary archives in, and the crate's default features bring several compression
//! back-ends, time handling and encryption, all of which would land in the browser's
//! download for this one format.

use super::{refuse, ImportError, MAX_IMPORT_BYTES};

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_DIRECTORY: u32 = 0x0605_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;

/// The size of the end-of-central-directory record without its comment.
const END_LEN: usize = 22;
const LOCAL_LEN: usize = 30;
const CENTRAL_LEN: usize = 46;

/// Version 2.0: what is needed for stored and deflated entries.
const VERSION: u16 = 20;
/// General purpose flag bit 11: the name is UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
/// General purpose flag bit 0: the entry is encrypted.
const ENCRYPTED: u16 = 1;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// MS-DOS date of 1980-01-01: (year - 1980) << 9 | month << 5 | day. The time is 00:00:00.
const DOS_DATE: u16 = 1 << 5 | 1;
const DOS_TIME: u16 = 0;

/// The CRC-32 (ISO-HDLC, as .zip uses) lookup table, computed at compile time.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The CRC-32 of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, &b| CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

/// The most entries a plain .zip holds: its counts are 16-bit, and 0xFFFF says "see the
/// zip64 record", which Newsmark does not write.
pub const MAX_ENTRIES: usize = 0xFFFE;
/// The largest plain .zip: its sizes and offsets are 32-bit, and 0xFFFF_FFFF says "see the
/// zip64 record".
pub const MAX_BYTES: u64 = 0xFFFF_FFFE;

/// A .zip holding `files` (name, contents) in the order given, uncompressed, or why a plain
/// .zip cannot hold them (more than [`MAX_ENTRIES`] files, more than [`MAX_BYTES`] in all,
/// or a name longer than 65,535 bytes). Nothing is written past a limit, so there is never
/// a half-written or wrapped-around archive.
pub fn write(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    fits(files.iter().map(|(name, data)| (name.as_str(), data.len())))?;
    // Every number below fits its field: `fits` has checked the whole archive.
    let long = |n: usize| u32::try_from(n).expect("checked by fits");
    let short = |n: usize| u16::try_from(n).expect("checked by fits");
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = long(out.len());
        let crc = crc32(data);
        let size = long(data.len());
        let name_len = short(name.len());
        put32(&mut out, LOCAL_HEADER);
        put16(&mut out, VERSION);
        put16(&mut out, UTF8_NAMES);
        put16(&mut out, STORED);
        put16(&mut out, DOS_TIME);
        put16(&mut out, DOS_DATE);
        put32(&mut out, crc);
        put32(&mut out, size);
        put32(&mut out, size);
        put16(&mut out, name_len);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        put32(&mut central, CENTRAL_HEADER);
        put16(&mut central, VERSION); // made by: MS-DOS, version 2.0
        put16(&mut central, VERSION);
        put16(&mut central, UTF8_NAMES);
        put16(&mut central, STORED);
        put16(&mut central, DOS_TIME);
        put16(&mut central, DOS_DATE);
        put32(&mut central, crc);
        put32(&mut central, size);
        put32(&mut central, size);
        put16(&mut central, name_len);
        put16(&mut central, 0); // extra field length
        put16(&mut central, 0); // comment length
        put16(&mut central, 0); // disk number
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let directory_offset = long(out.len());
    let directory_size = long(central.len());
    out.extend_from_slice(&central);
    let count = short(files.len());
    put32(&mut out, END_OF_DIRECTORY);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // disk where the directory starts
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, directory_size);
    put32(&mut out, directory_offset);
    put16(&mut out, 0); // comment length
    Ok(out)
}

/// Whether a plain .zip can hold entries of these (name, size): the count, every name's
/// length, and the whole archive's size (every offset and size in it is smaller).
fn fits<'a>(entries: impl ExactSizeIterator<Item = (&'a str, usize)>) -> Result<(), String> {
    let count = entries.len();
    if count > MAX_ENTRIES {
        return Err(format!("a .zip holds at most 65,534 files, and this one would hold {count}"));
    }
    let mut total = END_LEN as u64;
    for (name, size) in entries {
        if name.len() > usize::from(u16::MAX) {
            let start: String = name.chars().take(40).collect();
            return Err(format!(
                "the file name \"{start}…\" is {} bytes long; a .zip holds names of up to 65,535 bytes",
                name.len()
            ));
        }
        let entry = (LOCAL_LEN + CENTRAL_LEN + 2 * name.len()) as u64;
        total = total.saturating_add(entry).saturating_add(size as u64);
    }
    if total > MAX_BYTES {
        return Err(format!(
            "the .zip would be {:.1} GiB; a .zip without zip64 holds up to 4 GiB",
            total as f64 / f64::from(1u32 << 30)
        ));
    }
    Ok(())
}

fn put16(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

/// Little-endian fields of a byte slice, read without ever panicking.
struct Fields<'a>(&'a [u8]);

impl Fields<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let b = self.0.get(at..at.checked_add(2)?)?;
        Some(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&self, at: usize) -> Option<u32> {
        let b = self.0.get(at..at.checked_add(4)?)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn bytes(&self, at: usize, len: usize) -> Option<&[u8]> {
        self.0.get(at..at.checked_add(len)?)
    }
}

/// The files in a .zip (name, contents), in the order of its central directory.
/// Folders are skipped. The contents together may not exceed [`MAX_IMPORT_BYTES`].
pub fn read(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ImportError> {
    let zip = Fields(bytes);
    let corrupt = |what: &str| ImportError(format!("the .zip file is damaged or incomplete ({what})"));
    let end = find_end(bytes).ok_or_else(|| corrupt("no end-of-directory record"))?;

    let field16 = |at: usize| zip.u16(end + at).ok_or_else(|| corrupt("short end-of-directory record"));
    let field32 = |at: usize| zip.u32(end + at).ok_or_else(|| corrupt("short end-of-directory record"));
    let (this_disk, directory_disk) = (field16(4)?, field16(6)?);
    let (count, total) = (field16(8)?, field16(10)?);
    let (directory_size, directory_offset) = (field32(12)?, field32(16)?);
    let zip64_locator = end.checked_sub(20).and_then(|at| zip.u32(at)) == Some(ZIP64_LOCATOR);
    if zip64_locator || total == u16::MAX || directory_size == u32::MAX || directory_offset == u32::MAX {
        return refuse("the .zip file is a zip64 archive, which Newsmark does not read: make a plain .zip instead");
    }
    if this_disk != 0 || directory_disk != 0 || count != total {
        return refuse("the .zip file is split across several disks, which Newsmark does not read");
    }

    let mut at = directory_offset as usize;
    let directory_end = at.checked_add(directory_size as usize).filter(|&e| e <= end);
    if directory_end.is_none() {
        return Err(corrupt("the central directory lies outside the file"));
    }
    let mut files = Vec::new();
    let mut budget = MAX_IMPORT_BYTES;
    for _ in 0..total {
        let base = at;
        let entry = |off: usize| base.checked_add(off).ok_or_else(|| corrupt("an entry lies outside the file"));
        let get16 = |off: usize| zip.u16(entry(off)?).ok_or_else(|| corrupt("a directory entry is cut short"));
        let get32 = |off: usize| zip.u32(entry(off)?).ok_or_else(|| corrupt("a directory entry is cut short"));
        if get32(0)? != CENTRAL_HEADER {
            return Err(corrupt("a directory entry has the wrong signature"));
        }
        let flags = get16(8)?;
        let method = get16(10)?;
        let crc = get32(16)?;
        let (packed, size) = (get32(20)?, get32(24)?);
        let (name_len, extra_len, comment_len) = (get16(28)? as usize, get16(30)? as usize, get16(32)? as usize);
        let local = get32(42)?;
        let raw_name = zip.bytes(entry(CENTRAL_LEN)?, name_len).ok_or_else(|| corrupt("a file name is cut short"))?;
        let name = decode_name(raw_name, flags);
        at = entry(CENTRAL_LEN + name_len + extra_len + comment_len)?;

        if packed == u32::MAX || size == u32::MAX || local == u32::MAX {
            return refuse(format!("\"{name}\" in the .zip file is stored as zip64, which Newsmark does not read"));
        }
        if name.ends_with('/') || name.ends_with('\\') {
            continue;
        }
        if flags & ENCRYPTED != 0 {
            return refuse(format!("\"{name}\" in the .zip file is encrypted: make the .zip without a password"));
        }
        if method != STORED && method != DEFLATED {
            return refuse(format!(
                "\"{name}\" in the .zip file is compressed with method {method}, which Newsmark does not read \
                 (it reads stored and deflated entries)"
            ));
        }
        let size = size as usize;
        if size > budget {
            return refuse(format!(
                "the files in the .zip are larger than {} MB together, which Newsmark does not import",
                MAX_IMPORT_BYTES / 1_048_576
            ));
        }

        // The local header repeats the name and may have its own extra field.
        let local = local as usize;
        if zip.u32(local) != Some(LOCAL_HEADER) {
            return Err(corrupt(&format!("\"{name}\" is not where the directory says")));
        }
        let lengths =
            local.checked_add(26).and_then(|at| zip.u16(at)).zip(local.checked_add(28).and_then(|at| zip.u16(at)));
        let Some((local_name, local_extra)) = lengths else {
            return Err(corrupt(&format!("the header of \"{name}\" is cut short")));
        };
        let data = local
            .checked_add(LOCAL_LEN + usize::from(local_name) + usize::from(local_extra))
            .and_then(|start| zip.bytes(start, packed as usize))
            .ok_or_else(|| corrupt(&format!("\"{name}\" is cut short")))?;

        let contents = if method == STORED {
            data.to_vec()
        } else {
            miniz_oxide::inflate::decompress_to_vec_with_limit(data, budget).map_err(|e| {
                if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                    ImportError(format!(
                        "the files in the .zip are larger than {} MB together, which Newsmark does not import",
                        MAX_IMPORT_BYTES / 1_048_576
                    ))
                } else {
                    corrupt(&format!("\"{name}\" does not inflate: {e}"))
                }
            })?
        };
        if contents.len() != size {
            return Err(corrupt(&format!("\"{name}\" has {} bytes, not the {size} its header says", contents.len())));
        }
        if crc32(&contents) != crc {
            return Err(corrupt(&format!("the checksum of \"{name}\" does not match")));
        }
        budget -= size;
        files.push((name, contents));
    }
    Ok(files)
}

/// Where the end-of-central-directory record starts: searched from the end, since a
/// comment of up to 65,535 bytes may follow it.
fn find_end(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(END_LEN)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    let zip = Fields(bytes);
    (first..=last).rev().find(|&at| {
        zip.u32(at) == Some(END_OF_DIRECTORY)
            && zip.u16(at + 20).is_some_and(|comment| at + END_LEN + usize::from(comment) <= bytes.len())
    })
}

/// A file name: UTF-8 when flagged so (or when it happens to be valid UTF-8), otherwise
/// the old DOS code page 437, of which only ASCII is kept as is.
fn decode_name(raw: &[u8], flags: u16) -> String {
    match std::str::from_utf8(raw) {
        Ok(name) => name.to_owned(),
        Err(_) if flags & UTF8_NAMES != 0 => String::from_utf8_lossy(raw).into_owned(),
        Err(_) => raw.iter().map(|&b| if b.is_ascii() { char::from(b) } else { '_' }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Made once with Python's `zipfile`: "docs/café.txt" deflated, a "docs/" folder,
    /// and "docs/a.ann" stored.
    const PYTHON_ZIP: &[u8] =
        b"PK\x03\x04\x14\x00\x00\x08\x08\x00\x059\xa6X\xbf\xb0\xa8\x81\x1d\x00\x00\x004\x00\x00\x00\
        \x0e\x00\x00\x00docs/caf\xc3\xa9.txt\x8b\xcaO=\xd3\xa1\xe0\x91XT\xa2P\x9c\x98\x99\xa2\x90\x91\x9a\x93\x93\xaf\
        \x83\x87\xd2\xe3\xe5\x02\x00PK\x03\x04\x14\x00\x00\x00\x00\x00\x059\xa6X\x00\x00\x00\x00\x00\x00\x00\x00\x00\
        \x00\x00\x00\x05\x00\x00\x00docs/PK\x03\x04\x14\x00\x00\x00\x00\x00\x059\xa6X!?c\x82\x18\x00\x00\x00\x18\x00\
        \x00\x00\x0a\x00\x00\x00docs/a.annT1\x09Actor\x200\x208\x09Zoe\xcc\x88\x20Hart\x0aPK\x01\x02\x14\x03\x14\x00\
        \x00\x08\x08\x00\x059\xa6X\xbf\xb0\xa8\x81\x1d\x00\x00\x004\x00\x00\x00\x0e\x00\x00\x00\x00\x00\x00\x00\x00\
        \x00\x00\x00\x80\x01\x00\x00\x00\x00docs/caf\xc3\xa9.txtPK\x01\x02\x14\x03\x14\x00\x00\x00\x00\x00\x059\xa6X\
        \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x05\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x01I\x00\
        \x00\x00docs/PK\x01\x02\x14\x03\x14\x00\x00\x00\x00\x00\x059\xa6X!?c\x82\x18\x00\x00\x00\x18\x00\x00\x00\x0a\
        \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x01l\x00\x00\x00docs/a.annPK\x05\x06\x00\x00\x00\x00\x03\x00\
        \x03\x00\xa7\x00\x00\x00\xac\x00\x00\x00\x00\x00";

    fn sample() -> Vec<(String, Vec<u8>)> {
        vec![
            ("article.txt".to_owned(), "Zoe\u{308} Hart said hello.\r\n\r\n外交部".as_bytes().to_vec()),
            ("folder/notes é.ann".to_owned(), b"T1\tActor 0 9\tZoe\xcc\x88 Hart\n".to_vec()),
            ("empty.txt".to_owned(), Vec::new()),
        ]
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn written_files_read_back_the_same() {
        let files = sample();
        let bytes = write(&files).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
        assert_eq!(read(&bytes).unwrap(), files);
        assert_eq!(write(&files).unwrap(), bytes, "the same files give the same bytes");
        assert_eq!(read(&write(&[]).unwrap()).unwrap(), []);
    }

    #[test]
    fn a_deflated_zip_made_by_python_reads() {
        let files = read(PYTHON_ZIP).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["docs/café.txt", "docs/a.ann"]);
        assert_eq!(files[0].1, "Zoe\u{308} Hart said hello, hello, hello, hello, hello.\r\n".as_bytes());
        assert_eq!(files[1].1, "T1\tActor 0 8\tZoe\u{308} Hart\n".as_bytes());
    }

    #[test]
    fn a_comment_after_the_directory_is_allowed() {
        let mut bytes = write(&sample()).unwrap();
        let len = bytes.len();
        bytes[len - 2..].copy_from_slice(&5u16.to_le_bytes());
        bytes.extend_from_slice(b"hello");
        assert_eq!(read(&bytes).unwrap(), sample());
    }

    #[test]
    fn truncated_input_is_refused_at_every_length() {
        for bytes in [write(&sample()).unwrap(), PYTHON_ZIP.to_vec()] {
            for len in 0..bytes.len() {
                let err = read(&bytes[..len]).unwrap_err();
                assert!(err.0.contains(".zip"), "{len}: {err}");
            }
        }
    }

    #[test]
    fn a_damaged_entry_fails_its_checksum() {
        let mut bytes = write(&sample()).unwrap();
        let at = bytes.windows(4).position(|w| w == b"said").unwrap();
        bytes[at] = b'X';
        let err = read(&bytes).unwrap_err();
        assert_eq!(err.0, "the .zip file is damaged or incomplete (the checksum of \"article.txt\" does not match)");
    }

    #[test]
    fn damage_anywhere_never_panics() {
        let original = PYTHON_ZIP.to_vec();
        for at in 0..original.len() {
            for value in [0x00, 0xFF, 0x7F] {
                let mut bytes = original.clone();
                bytes[at] = value;
                let _ = read(&bytes);
            }
        }
    }

    #[test]
    fn encryption_other_methods_and_zip64_are_named() {
        let files = vec![("a.txt".to_owned(), b"abc".to_vec())];
        let bytes = write(&files).unwrap();
        let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        let end = bytes.windows(4).position(|w| w == b"PK\x05\x06").unwrap();

        let mut encrypted = bytes.clone();
        encrypted[central + 8] |= 1;
        assert!(read(&encrypted).unwrap_err().0.contains("\"a.txt\" in the .zip file is encrypted"));

        let mut bzip2 = bytes.clone();
        bzip2[central + 10] = 12;
        assert!(read(&bzip2).unwrap_err().0.contains("compressed with method 12"));

        let mut zip64 = bytes.clone();
        zip64[end + 16..end + 20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read(&zip64).unwrap_err().0.contains("zip64"));
    }

    #[test]
    fn a_zip_of_65535_or_more_files_is_refused_rather_than_panicking() {
        let files: Vec<(String, Vec<u8>)> = (0..=MAX_ENTRIES).map(|i| (format!("{i}.ann"), Vec::new())).collect();
        assert_eq!(files.len(), 65_535);
        assert_eq!(write(&files), Err("a .zip holds at most 65,534 files, and this one would hold 65535".into()));
        // One fewer is a plain .zip that reads back.
        let bytes = write(&files[1..]).unwrap();
        let back = read(&bytes).unwrap();
        assert_eq!((back.len(), back[0].0.as_str(), back[65_533].0.as_str()), (65_534, "1.ann", "65534.ann"));
    }

    #[test]
    fn a_zip_over_4_gib_is_refused_before_anything_is_written() {
        // Sizes only: no test can hold 4 GiB.
        let gib = 1usize << 30;
        let err = fits([("a.txt", 2 * gib), ("b.txt", 2 * gib)].into_iter()).unwrap_err();
        assert_eq!(err, "the .zip would be 4.0 GiB; a .zip without zip64 holds up to 4 GiB");
        assert!(fits([("a.txt", 2 * gib), ("b.txt", 2 * gib - 200)].into_iter()).is_ok());
        assert!(fits([("a.txt", usize::MAX)].into_iter()).is_err(), "no overflow on the way");
    }

    #[test]
    fn a_name_longer_than_a_zip_can_hold_is_refused() {
        let name = "n".repeat(65_536);
        let err = write(&[(name, Vec::new())]).unwrap_err();
        assert!(err.ends_with("is 65536 bytes long; a .zip holds names of up to 65,535 bytes"), "{err}");
        let longest = "n".repeat(65_535);
        let bytes = write(&[(longest.clone(), b"x".to_vec())]).unwrap();
        assert_eq!(read(&bytes).unwrap(), [(longest, b"x".to_vec())]);
    }
}
