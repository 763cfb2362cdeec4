//! Timestamps: milliseconds since the Unix epoch, written in saved files as RFC 3339 UTC.
//!
//! The core never reads the clock; the shell passes the current time in.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A moment, as milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

/// 10000-01-01T00:00:00Z: the first moment that does not fit the four-digit year written.
const YEAR_10000: i64 = 253_402_300_800_000;

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z`, the form this module writes and JavaScript's
    /// `toISOString` produces.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let part = s.get(r)?;
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let rest = &s[19..];
        let millis = match rest {
            "Z" => 0,
            _ if rest.starts_with('.') && rest.ends_with('Z') && rest.len() >= 3 => {
                let frac = &rest[1..rest.len() - 1];
                if !frac.bytes().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let digits: String = frac.chars().chain("000".chars()).take(3).collect();
                digits.parse().ok()?
            }
            _ => return None,
        };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let days = days_from_civil(year, month, day);
        let ms = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis;
        // A leap second at the very end of 9999 is year 10000, which is written with five
        // digits and could not be read back.
        (ms < YEAR_10000).then_some(Timestamp(ms))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0.rem_euclid(1000);
        let secs = self.0.div_euclid(1000);
        let (days, day_secs) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let (y, m, d) = civil_from_days(days);
        write!(f, "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z", day_secs / 3600, day_secs / 60 % 60, day_secs % 60)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a time like 2026-11-25T09:30:00.000Z")))
    }
}

// Howard Hinnant's algorithms for the proleptic Gregorian calendar.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_rfc3339() {
        let t = Timestamp(1_795_622_047_123);
        assert_eq!(t.to_string(), "2026-11-25T15:54:07.123Z");
        assert_eq!(Timestamp::parse("2026-11-25T15:54:07.123Z"), Some(t));
        assert_eq!(Timestamp::parse("2026-11-25T15:54:07Z"), Some(Timestamp(1_795_622_047_000)));
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00.000Z");
        assert_eq!(Timestamp::parse("2024-02-29T00:00:00.000Z").unwrap().to_string(), "2024-02-29T00:00:00.000Z");
    }

    #[test]
    fn refuses_what_is_not_a_time() {
        for bad in ["", "yesterday", "2026-13-01T00:00:00Z", "2026-11-25 15:54:07Z", "2026-11-25T15:54:07+01:00"] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }
}
