//! When an event mention happened, and whether two such dates can be the same happening.

use serde::Serialize;
use storyline_cluster::features::day_number;
use storyline_doc::date::days_in_month;
use storyline_doc::{Annotation, Article, PartialDateTime, Span};

/// Where a mention's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A time expression of the mention's own sentence.
    Text,
    /// The article's publication date (stated, or inferred from its story: see
    /// `meta.published.source`): the event happened then or shortly before.
    Article,
}

/// A mention's date with its origin; the precision is the date's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dated {
    pub date: PartialDateTime,
    pub source: DateSource,
}

/// How many days before its publication an article's undated report may have happened.
const REPORTING_LAG_DAYS: f64 = 7.0;

/// Two text dates known to the day are one happening only when they share a day: news that
/// dates events to the day dates different events (protests on Tuesday, an airport stormed on
/// Wednesday, troops deployed on Thursday) to different days, and a timeline must keep them
/// apart. A night across two dates is dated by its first (TIMEX3 `TNI`), so "the night of
/// Wednesday to Thursday" and "Thursday" may open two happenings; both stay on the timeline.
const SAME_DAY_SLACK: f64 = 0.0;

/// The date of the sentence over `sentence`: its first DATE or TIME expression that names
/// a calendar date, else the article's publication date.
///
/// Read from the current `timex` layer rather than from the `events` layer's copy, which was
/// taken at ingest: an article dated later from its story gets its time expressions
/// resolved again, and its events must follow.
pub fn mention_date(article: &Article, sentence: Span) -> Option<Dated> {
    let timex = article.layers.get("timex").map(Vec::as_slice).unwrap_or_default();
    let in_sentence = |t: &&Annotation| t.span.start >= sentence.start && t.span.end <= sentence.end;
    let from_text = timex
        .iter()
        .filter(in_sentence)
        .filter(|t| matches!(t.label.as_str(), "DATE" | "TIME"))
        .find_map(|t| t.value.get("value").and_then(|v| v.as_str()).and_then(calendar_date));
    match from_text {
        Some(date) => Some(Dated { date, source: DateSource::Text }),
        None => article.meta.published.as_ref().map(|p| Dated { date: p.date, source: DateSource::Article }),
    }
}

/// The calendar date a TIMEX3 value names, at the precision it gives: `2022-01-05TNI` is
/// the 5th, `2022-W01` only the year; durations and `PRESENT_REF` name none.
pub fn calendar_date(value: &str) -> Option<PartialDateTime> {
    [10, 7, 4]
        .into_iter()
        .filter_map(|n| value.get(..n))
        .find_map(|prefix| PartialDateTime::parse_iso(prefix).ok())
}

/// The days (since 1970-01-01) a date covers, first and last; `None` before the calendar
/// the day numbers know.
pub fn day_range(d: &PartialDateTime) -> Option<(f64, f64)> {
    let first = PartialDateTime::day(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))?;
    let last_month = d.month.unwrap_or(12);
    let last =
        PartialDateTime::day(d.year, last_month, d.day.unwrap_or_else(|| days_in_month(d.year, last_month)))?;
    Some((day_number(&first)?.floor(), day_number(&last)?.floor()))
}

/// The window a dated mention may have happened in: its own days, widened by the slack for
/// a text date and back by the reporting lag for a publication date.
fn window(d: &Dated) -> Option<(f64, f64)> {
    let (first, last) = day_range(&d.date)?;
    Some(match d.source {
        DateSource::Text => (first - SAME_DAY_SLACK, last + SAME_DAY_SLACK),
        DateSource::Article => (first - REPORTING_LAG_DAYS, last),
    })
}

/// Days between two dates' own days (0 when they overlap); `None` when either is unknown.
pub fn gap_days(a: Option<&Dated>, b: Option<&Dated>) -> Option<f64> {
    let (a0, a1) = day_range(&a?.date)?;
    let (b0, b1) = day_range(&b?.date)?;
    Some((b0 - a1).max(a0 - b1).max(0.0))
}

/// Whether two mentions' dates allow one happening: an unknown date allows anything; known
/// dates must have overlapping windows.
pub fn compatible(a: Option<&Dated>, b: Option<&Dated>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return true };
    match (window(a), window(b)) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Dated {
        Dated { date: s.parse().unwrap(), source: DateSource::Text }
    }

    fn published(s: &str) -> Dated {
        Dated { date: s.parse().unwrap(), source: DateSource::Article }
    }

    #[test]
    fn timex_values_become_calendar_dates_at_their_precision() {
        assert_eq!(calendar_date("2019-03-05TNI").unwrap().to_string(), "2019-03-05");
        assert_eq!(calendar_date("2019-03").unwrap().to_string(), "2019-03");
        assert_eq!(calendar_date("2019-W10").unwrap().to_string(), "2019");
        assert_eq!(calendar_date("P2W"), None);
        assert_eq!(calendar_date("PRESENT_REF"), None);
    }

    #[test]
    fn day_precise_text_dates_must_share_the_day() {
        assert!(compatible(Some(&text("2019-03-05")), Some(&text("2019-03-05"))));
        assert!(!compatible(Some(&text("2019-03-05")), Some(&text("2019-03-06"))));
        assert!(!compatible(Some(&text("2019-03-05")), Some(&text("2019-03-08"))));
        assert!(compatible(Some(&text("2019-03")), Some(&text("2019-03-20"))));
        assert!(!compatible(Some(&text("2019-04")), Some(&text("2019-03-20"))));
    }

    #[test]
    fn a_publication_date_covers_the_week_before_it() {
        assert!(compatible(Some(&published("2019-03-10")), Some(&text("2019-03-04"))));
        assert!(!compatible(Some(&published("2019-03-10")), Some(&text("2019-03-12"))));
        assert!(compatible(None, Some(&text("2019-03-12"))));
    }
}
