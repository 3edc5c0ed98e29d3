//! The articles the index still holds, oldest first, and the stream's clock that ages them.
//!
//! Each insert leaves one [`Arrival`]: what it added to the index (its group, the exact key
//! it used, the signature it kept). Arrivals leave in the order they came, when there are
//! more than the cap or when the stream's clock has moved too far past them, so forgetting
//! costs O(1) per insert, amortised.

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use storyline_doc::PartialDateTime;
use storyline_doc::date::days_from_civil;

/// What one insert added to the index.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Arrival {
    pub group: u32,
    /// The exact key the article was found under or added (none for an empty text).
    pub exact: Option<u64>,
    /// The member slot of its signature, if the index kept it.
    pub member: Option<u32>,
    /// The stream's clock when it came; `None` before the stream gave any date.
    day: Option<i64>,
}

impl Arrival {
    pub fn new(group: u32, exact: Option<u64>, member: Option<u32>) -> Self {
        Arrival { group, exact, member, day: None }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Recent {
    arrivals: VecDeque<Arrival>,
    /// The sequence number (0 for the stream's first insert) of the oldest arrival held.
    oldest: u64,
    /// The latest publication day seen, as a day count.
    clock: Option<i64>,
    /// The clock's first value: arrivals from before it count as of that day.
    started: Option<i64>,
}

impl Recent {
    /// Arrivals held.
    pub fn len(&self) -> usize {
        self.arrivals.len()
    }

    /// The sequence number the next arrival will get.
    pub fn next_seq(&self) -> u64 {
        self.oldest + self.arrivals.len() as u64
    }

    /// Moves the clock to an article's publication day if it is later: an article dated in
    /// the past (an archive, a late copy) does not turn the clock back.
    pub fn tick(&mut self, published: Option<&PartialDateTime>) {
        let Some(d) = published else { return };
        let day = days_from_civil(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1));
        self.clock = Some(self.clock.map_or(day, |c| c.max(day)));
        self.started.get_or_insert(day);
    }

    pub fn push(&mut self, arrival: Arrival) {
        self.arrivals.push_back(Arrival { day: self.clock, ..arrival });
    }

    /// The oldest arrival with its sequence number, taken out if it must go before one more
    /// comes: when `max_days` of the clock have passed since it came, or when `max_articles`
    /// are held already.
    pub fn pop_expired(
        &mut self,
        max_days: Option<u32>,
        max_articles: Option<usize>,
    ) -> Option<(u64, Arrival)> {
        let oldest = self.arrivals.front()?;
        let full = max_articles.is_some_and(|max| self.arrivals.len() >= max.max(1));
        let aged = match (max_days, self.clock, oldest.day.or(self.started)) {
            (Some(max), Some(now), Some(then)) => now - then > i64::from(max),
            _ => false,
        };
        if !(full || aged) {
            return None;
        }
        let arrival = self.arrivals.pop_front()?;
        self.oldest += 1;
        Some((self.oldest - 1, arrival))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(iso: &str) -> PartialDateTime {
        PartialDateTime::parse_iso(iso).unwrap()
    }

    fn drain(recent: &mut Recent, days: Option<u32>, articles: Option<usize>) -> Vec<u64> {
        std::iter::from_fn(|| recent.pop_expired(days, articles)).map(|(seq, _)| seq).collect()
    }

    #[test]
    fn arrivals_leave_oldest_first_beyond_the_cap() {
        let mut recent = Recent::default();
        for g in 0..5 {
            recent.push(Arrival::new(g, None, None));
        }
        // Room for one more under a cap of 3: the two oldest go.
        assert_eq!(drain(&mut recent, None, Some(3)), [0, 1, 2]);
        assert_eq!((recent.len(), recent.next_seq()), (2, 5));
    }

    #[test]
    fn arrivals_leave_once_the_clock_has_moved_past_them() {
        let mut recent = Recent::default();
        recent.push(Arrival::new(0, None, None));
        recent.tick(Some(&date("2024-03-01")));
        recent.push(Arrival::new(1, None, None));
        // An older date does not move the clock back.
        recent.tick(Some(&date("2024-02-01")));
        recent.push(Arrival::new(2, None, None));
        recent.tick(Some(&date("2024-03-08")));
        assert!(drain(&mut recent, Some(7), None).is_empty());
        recent.tick(Some(&date("2024-03-09")));
        // The undated first arrival counts as of the clock's first day.
        assert_eq!(drain(&mut recent, Some(7), None), [0, 1, 2]);
    }
}
