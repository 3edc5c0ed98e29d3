//! Proleptic Gregorian day arithmetic for normalisation: day numbers, weekdays, ISO weeks.

use storyline_doc::date::days_in_month;

/// A full calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Day {
            year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn number(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_number(z: i64) -> Day {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Day {
        Day::from_number(self.number() + n)
    }

    /// ISO weekday, Monday = 1 … Sunday = 7.
    pub fn weekday(self) -> u8 {
        ((self.number() + 3).rem_euclid(7) + 1) as u8
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(self) -> (i32, u8) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = Day { year: thursday.year, month: 1, day: 1 };
        let week = (thursday.number() - jan1.number()) / 7 + 1;
        (thursday.year, week as u8)
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `YYYY-Www` of this day's ISO week.
    pub fn week_value(self) -> String {
        let (y, w) = self.iso_week();
        format!("{y:04}-W{w:02}")
    }

    /// The same day `n` months later (clamped to the month's last day).
    pub fn add_months(self, n: i32) -> Day {
        let total = self.year * 12 + i32::from(self.month) - 1 + n;
        let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
        Day { year, month, day: self.day.min(days_in_month(year, month)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_weekdays_and_weeks() {
        let d = Day::new(2022, 1, 6).unwrap();
        assert_eq!(d.weekday(), 4); // a Thursday
        assert_eq!(Day::from_number(d.number()), d);
        assert_eq!(Day::new(1970, 1, 1).unwrap().number(), 0);
        assert_eq!(d.add_days(-6).iso(), "2021-12-31");
        assert_eq!(Day::new(2021, 1, 3).unwrap().week_value(), "2020-W53");
        assert_eq!(d.week_value(), "2022-W01");
        assert_eq!(Day::new(2022, 3, 31).unwrap().add_months(-1).iso(), "2022-02-28");
        assert!(Day::new(2021, 2, 29).is_none());
    }
}
