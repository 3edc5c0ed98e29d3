//! Calendar dates that may be only partly known.
//!
//! News often gives less than a full timestamp: a page header says `2022-01`, a feed says a
//! day without a time. A [`PartialDateTime`] keeps exactly what is known, and its
//! [`Precision`] says how much that is, so that later stages (time normalisation, timelines)
//! never invent a day or an hour that the source did not give.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How much of a date is known, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
}

/// A date, possibly with a time of day and a UTC offset, known down to [`Precision`].
///
/// Serialised as the ISO 8601 prefix that holds what is known: `2022`, `2022-01`,
/// `2022-01-06`, `2022-01-06T14:30` or `2022-01-06T14:30+06:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDateTime {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// Hour and minute, known together.
    pub time: Option<(u8, u8)>,
    /// Offset from UTC in minutes, when the source gave one.
    pub offset_minutes: Option<i16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError(pub String);

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a date: {:?}", self.0)
    }
}

impl std::error::Error for DateParseError {}

impl PartialDateTime {
    pub fn year(year: i32) -> Self {
        PartialDateTime { year, month: None, day: None, time: None, offset_minutes: None }
    }

    pub fn month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDateTime { month: Some(month), ..Self::year(year) })
    }

    pub fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        (1..=days_in_month(year, month))
            .contains(&day)
            .then_some(PartialDateTime { day: Some(day), ..Self::month(year, month)? })
    }

    /// The same date with a time of day; `None` when the time is out of range or the day unknown.
    pub fn with_time(self, hour: u8, minute: u8, offset_minutes: Option<i16>) -> Option<Self> {
        (self.day.is_some() && hour < 24 && minute < 60 && offset_minutes.is_none_or(|o| o.abs() <= 18 * 60))
            .then_some(PartialDateTime { time: Some((hour, minute)), offset_minutes, ..self })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day, self.time) {
            (None, _, _) => Precision::Year,
            (Some(_), None, _) => Precision::Month,
            (Some(_), Some(_), None) => Precision::Day,
            (Some(_), Some(_), Some(_)) => Precision::Minute,
        }
    }

    /// Minutes since 1970-01-01T00:00Z at which the known period starts: `2022-01` is the
    /// first minute of January 2022. A time without an offset is read as UTC. This is the
    /// order of instants, which the ISO strings do not give once offsets differ
    /// (`T06:56-05:00` is after `T10:48Z`).
    pub fn utc_minutes(&self) -> i64 {
        let days = days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        let (hour, minute) = self.time.unwrap_or((0, 0));
        days * 1440 + i64::from(hour) * 60 + i64::from(minute) - i64::from(self.offset_minutes.unwrap_or(0))
    }

    /// The date cut down to a coarser precision (never made finer).
    pub fn truncate(self, to: Precision) -> Self {
        let mut d = self;
        if to < Precision::Minute {
            d.time = None;
            d.offset_minutes = None;
        }
        if to < Precision::Day {
            d.day = None;
        }
        if to < Precision::Month {
            d.month = None;
        }
        d
    }

    /// Parses an ISO 8601 date or date-time, complete or truncated: `2022`, `2022-01`,
    /// `2022-01-06`, `20220106`, `2022-01-06T14:30:05.123Z`, `2022-01-06 14:30+06:00`.
    /// Seconds and fractions are accepted and dropped (precision stops at the minute).
    pub fn parse_iso(input: &str) -> Result<Self, DateParseError> {
        let err = || DateParseError(input.to_string());
        let s = input.trim();
        let b = s.as_bytes();
        let digits = |from: usize, n: usize| -> Option<u32> {
            let part = b.get(from..from + n)?;
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
        };
        let year = digits(0, 4).ok_or_else(err)? as i32;
        // Compact form: YYYYMMDD.
        if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
            let (m, d) = (digits(4, 2).ok_or_else(err)? as u8, digits(6, 2).ok_or_else(err)? as u8);
            return Self::day(year, m, d).ok_or_else(err);
        }
        if b.len() == 4 {
            return Ok(Self::year(year));
        }
        if b.get(4) != Some(&b'-') {
            return Err(err());
        }
        let month = digits(5, 2).ok_or_else(err)? as u8;
        if b.len() == 7 {
            return Self::month(year, month).ok_or_else(err);
        }
        if b.get(7) != Some(&b'-') {
            return Err(err());
        }
        let day = digits(8, 2).ok_or_else(err)? as u8;
        let date = Self::day(year, month, day).ok_or_else(err)?;
        if b.len() == 10 {
            return Ok(date);
        }
        if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
            return Err(err());
        }
        let hour = digits(11, 2).ok_or_else(err)? as u8;
        if b.get(13) != Some(&b':') {
            return Err(err());
        }
        let minute = digits(14, 2).ok_or_else(err)? as u8;
        let mut rest = &s[16..];
        // Seconds and fraction.
        if let Some(r) = rest.strip_prefix(':') {
            let end = r.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(r.len());
            rest = &r[end..];
        }
        let offset = parse_offset(rest.trim()).ok_or_else(err)?;
        date.with_time(hour, minute, offset).ok_or_else(err)
    }

    /// Parses an RFC 2822 date as RSS feeds and mail headers write it:
    /// `Thu, 06 Jan 2022 14:30:00 +0600`, `6 Jan 2022 14:30 GMT`, weekday optional.
    pub fn parse_rfc2822(input: &str) -> Result<Self, DateParseError> {
        let err = || DateParseError(input.to_string());
        let s = input.trim();
        let s = match s.find(',') {
            Some(i) if i <= 10 => &s[i + 1..],
            _ => s,
        };
        let mut parts = s.split_whitespace();
        let day: u8 = parts.next().and_then(|d| d.parse().ok()).ok_or_else(err)?;
        let month = parts.next().and_then(month_from_english_abbrev).ok_or_else(err)?;
        let year: i32 = parts.next().and_then(|y| y.parse().ok()).ok_or_else(err)?;
        let year = match year {
            0..=49 => 2000 + year,
            50..=999 => 1900 + year,
            y => y,
        };
        let date = Self::day(year, month, day).ok_or_else(err)?;
        let Some(time) = parts.next() else { return Ok(date) };
        let mut hm = time.split(':');
        let hour: u8 = hm.next().and_then(|h| h.parse().ok()).ok_or_else(err)?;
        let minute: u8 = hm.next().and_then(|m| m.parse().ok()).ok_or_else(err)?;
        let offset = match parts.next() {
            None => None,
            Some(zone) => parse_offset(zone).or_else(|| Some(named_zone_offset(zone))).ok_or_else(err)?,
        };
        date.with_time(hour, minute, offset).ok_or_else(err)
    }

    /// Parses whichever of the machine formats (ISO 8601, RFC 2822) the input is in.
    pub fn parse_machine(input: &str) -> Result<Self, DateParseError> {
        Self::parse_iso(input).or_else(|_| Self::parse_rfc2822(input))
    }
}

/// `Z`, `+06:00`, `+0600`, `-05` or nothing. The outer `None` means "not an offset".
fn parse_offset(s: &str) -> Option<Option<i16>> {
    if s.is_empty() {
        return Some(None);
    }
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") || s.eq_ignore_ascii_case("gmt") {
        return Some(Some(0));
    }
    let sign: i16 = match s.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i16>().ok()?, 0),
        4 => (digits[..2].parse::<i16>().ok()?, digits[2..].parse::<i16>().ok()?),
        _ => return None,
    };
    Some(Some(sign * (h * 60 + m)))
}

/// RFC 822's North American zone names; anything else is read as UTC, as RFC 2822 advises.
fn named_zone_offset(zone: &str) -> Option<i16> {
    let hours = match zone.to_ascii_uppercase().as_str() {
        "EST" => -5,
        "EDT" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        _ => 0,
    };
    Some(hours * 60)
}

fn month_from_english_abbrev(s: &str) -> Option<u8> {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = s.to_ascii_lowercase();
    MONTHS.iter().position(|m| lower.starts_with(m)).map(|i| i as u8 + 1)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`):
/// the one day count the stages that compare dates share.
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for PartialDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        let Some(month) = self.month else { return Ok(()) };
        write!(f, "-{month:02}")?;
        let Some(day) = self.day else { return Ok(()) };
        write!(f, "-{day:02}")?;
        let Some((h, m)) = self.time else { return Ok(()) };
        write!(f, "T{h:02}:{m:02}")?;
        match self.offset_minutes {
            None => Ok(()),
            Some(0) => write!(f, "Z"),
            Some(o) => write!(f, "{}{:02}:{:02}", if o < 0 { '-' } else { '+' }, o.abs() / 60, o.abs() % 60),
        }
    }
}

impl FromStr for PartialDateTime {
    type Err = DateParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_iso(s)
    }
}

impl Serialize for PartialDateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDateTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse_iso(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_minutes_order_instants_across_offsets() {
        let at = |s: &str| PartialDateTime::parse_iso(s).unwrap().utc_minutes();
        assert_eq!(at("1970-01-01T00:00Z"), 0);
        assert_eq!(at("1970-01-02"), 1440);
        assert_eq!(at("1969-12-31T23:59Z"), -1);
        // 06:56 at UTC−5 is 11:56Z: later than 10:48Z, though its string sorts first.
        assert!(at("2019-11-19T06:56-05:00") > at("2019-11-19T10:48Z"));
        assert_eq!(at("2019-11-19T06:56-05:00"), at("2019-11-19T11:56Z"));
        assert_eq!(at("2022-01-06T14:30+06:00"), at("2022-01-06T08:30"));
        // A partial date is the start of its period.
        assert_eq!(at("2022"), at("2022-01-01T00:00Z"));
        assert_eq!(at("2022-03"), at("2022-03-01"));
        assert_eq!(at("2024-03-01") - at("2024-02"), 29 * 1440);
    }

    #[test]
    fn iso_prefixes_keep_their_precision() {
        for (input, precision, shown) in [
            ("2022", Precision::Year, "2022"),
            ("2022-01", Precision::Month, "2022-01"),
            ("2022-01-06", Precision::Day, "2022-01-06"),
            ("20220106", Precision::Day, "2022-01-06"),
            ("2022-01-06T14:30:05.123Z", Precision::Minute, "2022-01-06T14:30Z"),
            ("2022-01-06 14:30+06:00", Precision::Minute, "2022-01-06T14:30+06:00"),
            ("2022-01-06T14:30:00-0500", Precision::Minute, "2022-01-06T14:30-05:00"),
        ] {
            let d = PartialDateTime::parse_iso(input).unwrap();
            assert_eq!(d.precision(), precision, "{input}");
            assert_eq!(d.to_string(), shown, "{input}");
        }
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for bad in ["2022-13", "2021-02-29", "2022-01-32", "2022-01-06T25:00", "22-01-06", "2022/01/06", ""] {
            assert!(PartialDateTime::parse_iso(bad).is_err(), "{bad}");
        }
        assert!(PartialDateTime::parse_iso("2024-02-29").is_ok());
    }

    #[test]
    fn rfc2822_as_feeds_write_it() {
        let d = PartialDateTime::parse_rfc2822("Thu, 06 Jan 2022 14:30:00 +0600").unwrap();
        assert_eq!(d.to_string(), "2022-01-06T14:30+06:00");
        let d = PartialDateTime::parse_rfc2822("6 Jan 22 09:05 EST").unwrap();
        assert_eq!(d.to_string(), "2022-01-06T09:05-05:00");
        assert!(PartialDateTime::parse_rfc2822("Thu, 32 Jan 2022").is_err());
    }

    #[test]
    fn serde_round_trip_and_truncation() {
        let d = PartialDateTime::parse_iso("2022-01-06T14:30+06:00").unwrap();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, "\"2022-01-06T14:30+06:00\"");
        assert_eq!(serde_json::from_str::<PartialDateTime>(&json).unwrap(), d);
        assert_eq!(d.truncate(Precision::Month).to_string(), "2022-01");
        assert_eq!(d.truncate(Precision::Month).truncate(Precision::Minute).precision(), Precision::Month);
    }
}
