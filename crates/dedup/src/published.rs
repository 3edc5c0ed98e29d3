//! When a copy was certainly published before another, given dates of any precision.
//!
//! A date known to the month stands for a whole month, and a time without a UTC offset for
//! any instant within the world's offsets (−12 h to +14 h). One copy precedes another only
//! when the latest instant its date allows is before the earliest the other's allows, so a
//! coarse date never takes over from a precise one by accident.

use serde::{Deserialize, Serialize};
use storyline_doc::PartialDateTime;
use storyline_doc::date::{days_from_civil, days_in_month};

/// The instants a date may denote, in minutes since 1970-01-01T00:00Z, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub earliest: i64,
    pub latest: i64,
}

impl Window {
    pub fn of(date: &PartialDateTime) -> Self {
        let y = date.year;
        let (first_month, last_month) = date.month.map_or((1, 12), |m| (m, m));
        let first_day = date.day.unwrap_or(1);
        let last_day = date.day.unwrap_or_else(|| days_in_month(y, last_month));
        let (first_minute, last_minute) = date.time.map_or((0, 24 * 60 - 1), |(h, m)| {
            let at = i64::from(h) * 60 + i64::from(m);
            (at, at)
        });
        // UTC = local time − offset; an unknown offset may be anything from −12 h to +14 h.
        let (early_shift, late_shift) =
            date.offset_minutes.map_or((14 * 60, -12 * 60), |o| (i64::from(o), i64::from(o)));
        Window {
            earliest: days_from_civil(y, first_month, first_day) * 1440 + first_minute - early_shift,
            latest: days_from_civil(y, last_month, last_day) * 1440 + last_minute - late_shift,
        }
    }

    /// Whether every instant of `self` comes before every instant of `other`.
    pub fn certainly_before(&self, other: &Window) -> bool {
        self.latest < other.earliest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(iso: &str) -> Window {
        Window::of(&PartialDateTime::parse_iso(iso).unwrap())
    }

    #[test]
    fn days_count_from_the_epoch() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }

    #[test]
    fn only_a_certain_precedence_counts() {
        assert!(window("2021-12-30").certainly_before(&window("2022-01-02")));
        // Same day, times without offsets: within the span of the world's offsets.
        assert!(!window("2021-03-04T08:00").certainly_before(&window("2021-03-04T09:00")));
        assert!(window("2021-03-04T08:00Z").certainly_before(&window("2021-03-04T09:00Z")));
        assert!(window("2021-03-04T08:00+02:00").certainly_before(&window("2021-03-04T07:00Z")));
        // A month does not precede a day inside it, nor the other way round.
        assert!(!window("2021-03").certainly_before(&window("2021-03-20")));
        assert!(!window("2021-03-01").certainly_before(&window("2021-03")));
        assert!(window("2021-02").certainly_before(&window("2021-03-20")));
    }
}
