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
    /// `toISOString` produces. A time that is written well but does not exist (31 February,
    /// 29 February of a common year, month 13, hour 24) is refused, with a message naming the
    /// part that is wrong, rather than rolled over into the next day or month.
    pub fn parse(s: &str) -> Result<Timestamp, String> {
        let not_a_time = || format!("`{s}` is not a time like 2026-11-25T09:30:00.000Z");
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return Err(not_a_time());
        }
        let num = |r: std::ops::Range<usize>| -> Result<i64, String> {
            let part = s.get(r).ok_or_else(not_a_time)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(not_a_time());
            }
            part.parse().map_err(|_| not_a_time())
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let rest = &s[19..];
        let millis: i64 = match rest {
            "Z" => 0,
            _ if rest.starts_with('.') && rest.ends_with('Z') && rest.len() >= 3 => {
                let frac = &rest[1..rest.len() - 1];
                if !frac.bytes().all(|c| c.is_ascii_digit()) {
                    return Err(not_a_time());
                }
                let digits: String = frac.chars().chain("000".chars()).take(3).collect();
                digits.parse().map_err(|_| not_a_time())?
            }
            _ => return Err(not_a_time()),
        };
        let impossible = |why: String| Err(format!("`{s}` is not a real time: {why}"));
        if !(1..=12).contains(&month) {
            return impossible(format!("there is no month {month}"));
        }
        let month_len = days_in_month(year, month);
        if day == 0 {
            return impossible("there is no day 0".into());
        }
        if day > month_len {
            let name = MONTHS[month as usize - 1];
            return impossible(format!("{name} {year} has {month_len} days, not {day}"));
        }
        if hour > 23 {
            return impossible(format!("there is no hour {hour} (hours go from 00 to 23)"));
        }
        if minute > 59 {
            return impossible(format!("there is no minute {minute} (minutes go from 00 to 59)"));
        }
        // 60 is a leap second, which RFC 3339 allows; it is read as the next second.
        if second > 60 {
            return impossible(format!("there is no second {second} (seconds go from 00 to 60)"));
        }
        let days = days_from_civil(year, month, day);
        let ms = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis;
        // A leap second at the very end of 9999 is year 10000, which is written with five
        // digits and could not be read back.
        if ms >= YEAR_10000 {
            return impossible("it falls in the year 10000, after the last year Newsmark writes".into());
        }
        Ok(Timestamp(ms))
    }
}

/// The months' names in English, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `year` of the proleptic Gregorian calendar has a 29 February.
fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// How many days month `month` (1 to 12) of `year` has.
fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
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
        Timestamp::parse(&s).map_err(serde::de::Error::custom)
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
        assert_eq!(Timestamp::parse("2026-11-25T15:54:07.123Z"), Ok(t));
        assert_eq!(Timestamp::parse("2026-11-25T15:54:07Z"), Ok(Timestamp(1_795_622_047_000)));
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00.000Z");
        assert_eq!(Timestamp::parse("2024-02-29T00:00:00.000Z").unwrap().to_string(), "2024-02-29T00:00:00.000Z");
    }

    #[test]
    fn refuses_what_is_not_a_time() {
        for bad in ["", "yesterday", "2026-11-25 15:54:07Z", "2026-11-25T15:54:07+01:00", "2026-1x-25T15:54:07Z"] {
            assert_eq!(Timestamp::parse(bad), Err(format!("`{bad}` is not a time like 2026-11-25T09:30:00.000Z")));
        }
    }

    #[test]
    fn the_31st_of_february_is_refused_rather_than_read_as_the_3rd_of_march() {
        assert_eq!(
            Timestamp::parse("2026-02-31T00:00:00Z"),
            Err("`2026-02-31T00:00:00Z` is not a real time: February 2026 has 28 days, not 31".into())
        );
    }

    #[test]
    fn each_impossible_part_of_a_time_is_named() {
        for (time, why) in [
            ("2026-13-01T00:00:00Z", "there is no month 13"),
            ("2026-00-10T00:00:00Z", "there is no month 0"),
            ("2026-04-00T00:00:00Z", "there is no day 0"),
            ("2026-04-31T00:00:00Z", "April 2026 has 30 days, not 31"),
            ("2026-01-32T00:00:00Z", "January 2026 has 31 days, not 32"),
            ("2025-02-29T12:00:00.000Z", "February 2025 has 28 days, not 29"),
            ("1900-02-29T00:00:00Z", "February 1900 has 28 days, not 29"),
            ("2026-11-25T25:00:00Z", "there is no hour 25 (hours go from 00 to 23)"),
            ("2026-11-25T24:00:00Z", "there is no hour 24 (hours go from 00 to 23)"),
            ("2026-11-25T09:60:00Z", "there is no minute 60 (minutes go from 00 to 59)"),
            ("2026-11-25T09:30:61Z", "there is no second 61 (seconds go from 00 to 60)"),
        ] {
            assert_eq!(Timestamp::parse(time), Err(format!("`{time}` is not a real time: {why}")));
        }
    }

    #[test]
    fn leap_days_and_leap_seconds_are_accepted() {
        for time in ["2024-02-29T00:00:00Z", "2000-02-29T23:59:59.999Z", "2026-12-31T23:59:59Z"] {
            assert!(Timestamp::parse(time).is_ok(), "{time}");
        }
        // A leap second is read as the first moment of the next second.
        assert_eq!(Timestamp::parse("2016-12-31T23:59:60Z"), Timestamp::parse("2017-01-01T00:00:00Z"));
    }

    #[test]
    fn every_day_from_1899_to_2100_reads_back_as_written() {
        for day in days_from_civil(1899, 1, 1)..days_from_civil(2101, 1, 1) {
            let written = Timestamp(day * 86_400_000).to_string();
            assert_eq!(Timestamp::parse(&written).map(|t| t.to_string()), Ok(written.clone()));
        }
    }
}
