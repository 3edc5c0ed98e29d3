//! Geocoding: which place a name means, among the gazetteer's candidates.
//!
//! A name alone is often ambiguous ("London" is in England and in Ontario; "Santiago" is in
//! Chile, Spain and the Dominican Republic). News resolves it the way a reader does: the
//! biggest place of that name, unless the other places of the text point elsewhere. So the
//! names of one article (or one story) are geocoded together:
//!
//! 1. each name's candidates give *evidence* for their countries: a country name gives its
//!    country weight 1; a city name spreads weight 1 over its candidates' countries in
//!    proportion to their population (an unambiguous city gives its country all of it);
//! 2. each candidate is scored by its size (`ln` of its population) plus the *focus* on its
//!    country, the average evidence the *other* names give that country, times
//!    [`Geocoder::context_weight`]: with the default, a country that every other name points
//!    to outweighs a population ratio of about e^8 ≈ 3,000;
//! 3. the best candidate wins; its `confidence` is its share of the candidates' softmax
//!    scores, and its `fit` says how well it agrees with the text's country focus. A stray
//!    name that fits nothing else in the text (a mistranslated place, say) keeps its most
//!    likely reading but with a low fit, so later stages can decline to map an event there.
//!
//! The gazetteer holds cities of 15,000 people or more and countries: a smaller town or a
//! region (a province, a state) is not found and stays unresolved rather than guessed.

use crate::{Gazetteer, Kind, Place};
use std::collections::HashMap;

/// How precise a resolved place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GeoPrecision {
    City,
    Country,
}

impl GeoPrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            GeoPrecision::City => "city",
            GeoPrecision::Country => "country",
        }
    }
}

/// A name resolved to a place.
#[derive(Debug, Clone, PartialEq)]
pub struct Geocoded<'g> {
    pub place: &'g Place,
    pub precision: GeoPrecision,
    /// Degrees. A country has no point in the gazetteer; it is shown at its most populous city.
    pub lat: f64,
    pub lon: f64,
    /// 0..=1: how sure the choice is among the name's candidates, given the other names.
    pub confidence: f64,
    /// 0..=1: how well the place fits the rest of the text: low when the other names point
    /// to another country and not to this one. A place can be surely identified and still
    /// not fit (a mistranslated name, a passing comparison).
    pub fit: f64,
    /// How many places the name could have meant.
    pub candidates: usize,
}

/// Resolves place names against a [`Gazetteer`].
#[derive(Debug)]
pub struct Geocoder<'g> {
    gazetteer: &'g Gazetteer,
    /// Country code → (lat, lon) of its most populous city.
    country_points: HashMap<&'g str, (f64, f64)>,
    /// How much the other names' country focus counts against population (see the module docs).
    pub context_weight: f64,
}

impl<'g> Geocoder<'g> {
    pub fn new(gazetteer: &'g Gazetteer) -> Self {
        let mut biggest: HashMap<&str, &Place> = HashMap::new();
        for p in gazetteer.places().iter().filter(|p| p.kind == Kind::City && p.lat.is_some()) {
            let e = biggest.entry(p.country.as_str()).or_insert(p);
            if p.population > e.population {
                *e = p;
            }
        }
        let country_points = biggest.into_iter().filter_map(|(c, p)| Some((c, (p.lat?, p.lon?)))).collect();
        Geocoder { gazetteer, country_points, context_weight: 8.0 }
    }

    /// Resolves each name of one text (or story) using the others as context; `None` for a
    /// name the gazetteer does not know. Names may repeat: each occurrence adds evidence.
    pub fn resolve_all<S: AsRef<str>>(&self, names: &[S]) -> Vec<Option<Geocoded<'g>>> {
        let candidates: Vec<Vec<&'g Place>> =
            names.iter().map(|n| self.gazetteer.lookup(n.as_ref())).collect();
        let evidence: Vec<HashMap<&str, f64>> = candidates.iter().map(|c| country_evidence(c)).collect();
        let mut total: HashMap<&str, f64> = HashMap::new();
        for e in &evidence {
            for (&c, &w) in e {
                *total.entry(c).or_default() += w;
            }
        }
        let others = names.len().saturating_sub(1).max(1) as f64;
        candidates
            .iter()
            .zip(&evidence)
            .map(|(cands, own)| {
                // The focus on each country, leaving out this name's own evidence.
                let focus: HashMap<&str, f64> = total
                    .iter()
                    .map(|(&c, &t)| (c, ((t - own.get(c).copied().unwrap_or(0.0)) / others).clamp(0.0, 1.0)))
                    .collect();
                self.choose(cands, &focus)
            })
            .collect()
    }

    /// Resolves one name with no context: the most important place of that name.
    pub fn resolve(&self, name: &str) -> Option<Geocoded<'g>> {
        self.resolve_all(&[name]).pop().flatten()
    }

    fn choose(&self, cands: &[&'g Place], focus: &HashMap<&str, f64>) -> Option<Geocoded<'g>> {
        let focus_on = |country: &str| focus.get(country).copied().unwrap_or(0.0);
        let scores: Vec<f64> = cands
            .iter()
            .map(|p| {
                // A country named outright is what the name means, whatever the cities called alike.
                let kind_bonus = if p.kind == Kind::Country { 20.0 } else { 0.0 };
                (p.population as f64 + 1.0).ln() + kind_bonus + self.context_weight * focus_on(&p.country)
            })
            .collect();
        let (best, &top) = scores.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
        let share = 1.0 / scores.iter().map(|s| (s - top).exp()).sum::<f64>();
        let place = cands[best];
        // Doubt grows with how strongly the text points to another country and how little to this one.
        let elsewhere =
            focus.iter().filter(|(c, _)| **c != place.country).map(|(_, &f)| f).fold(0.0, f64::max);
        let fit = (1.0 - elsewhere * (1.0 - focus_on(&place.country))).clamp(0.0, 1.0);
        let (precision, (lat, lon)) = match place.kind {
            Kind::City => (GeoPrecision::City, (place.lat?, place.lon?)),
            Kind::Country => (GeoPrecision::Country, *self.country_points.get(place.country.as_str())?),
        };
        Some(Geocoded { place, precision, lat, lon, confidence: share, fit, candidates: cands.len() })
    }
}

/// Weight 1 spread over the countries a name's candidates lie in: all of it to a country the
/// name names outright, else in proportion to the candidates' populations.
fn country_evidence<'p>(cands: &[&'p Place]) -> HashMap<&'p str, f64> {
    let mut out = HashMap::new();
    if let Some(country) = cands.iter().find(|p| p.kind == Kind::Country) {
        out.insert(country.country.as_str(), 1.0);
        return out;
    }
    let total: f64 = cands.iter().map(|p| p.population as f64 + 1.0).sum();
    for p in cands {
        *out.entry(p.country.as_str()).or_default() += (p.population as f64 + 1.0) / total;
    }
    out
}
