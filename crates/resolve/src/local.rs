//! Grouping the mentions of one article before they meet the other articles' entities.
//!
//! Inside one article a writer means one person by "Ana María Oliveira" and, three
//! paragraphs on, "Oliveira"; one body by its name and its acronym; one city by two of its
//! names. These joins are safe within the article and unsafe across articles, so they are
//! made here, on the article alone.

use crate::PlaceRef;
use crate::key::{name_key, within_one_edit};
use crate::kind_class;
use crate::titles;
use std::collections::HashMap;
use storyline_geo::Geocoder;

/// The mentions of one article that name one thing.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub kind: String,
    /// Indices into the article's mentions.
    pub members: Vec<usize>,
    /// Each distinct text as written, with the keys of its words.
    pub variants: Vec<(String, Vec<String>)>,
    pub counts: HashMap<String, u32>,
    pub place: Option<PlaceRef>,
    /// Titles given before its names and titles alone standing for it, with counts.
    pub titles: HashMap<String, u32>,
}

impl Group {
    /// The full keys of the variants.
    pub fn full_keys(&self) -> impl Iterator<Item = String> + '_ {
        self.variants.iter().map(|(_, w)| w.join(" "))
    }

    /// The word keys of the fullest variant (most words, then most frequent).
    pub fn longest_words(&self) -> Vec<String> {
        self.variants
            .iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(self.counts[&a.0].cmp(&self.counts[&b.0])))
            .map(|(_, w)| w.clone())
            .unwrap_or_default()
    }
}

/// The keys of a name's words.
pub(crate) fn words_of(text: &str) -> Vec<String> {
    storyline_geo::fold(text).split(' ').map(name_key).filter(|k| !k.is_empty()).collect()
}

/// Small words that do not count in an acronym's letters ("Organisation *of* the ...").
const ACRONYM_SKIPS: &[&str] = &[
    "of", "the", "and", "for", "de", "du", "des", "la", "le", "les", "et", "pour", "en", "d", "l", "der",
    "die", "das", "und", "für", "von", "del", "y", "los", "las", "el", "van", "het", "voor",
];

/// Groups an article's mentions; every mention is in exactly one group.
pub(crate) fn group(mentions: &[crate::Mention], geocoder: &Geocoder) -> Vec<Group> {
    let n = mentions.len();
    let words: Vec<Vec<String>> = mentions.iter().map(|m| words_of(m.text)).collect();
    let mut sets = UnionFind::new(n);

    // Places: names that geocode to one place, read together.
    let places: Vec<usize> = (0..n).filter(|&i| mentions[i].label == "LOC" && !words[i].is_empty()).collect();
    let texts: Vec<&str> = places.iter().map(|&i| mentions[i].text).collect();
    let mut place_of: Vec<Option<PlaceRef>> = vec![None; n];
    for (&i, g) in places.iter().zip(geocoder.resolve_all(&texts)) {
        place_of[i] = g.map(|g| PlaceRef {
            geonameid: g.place.geonameid,
            name: g.place.name.clone(),
            country: g.place.country.clone(),
            lat: g.lat,
            lon: g.lon,
            precision: g.precision.as_str(),
            confidence: g.confidence,
        });
    }
    let mut by_place: HashMap<u32, usize> = HashMap::new();
    for (i, place) in place_of.iter().enumerate() {
        if let Some(p) = place {
            let first = *by_place.entry(p.geonameid).or_insert(i);
            sets.union(first, i);
        }
    }

    // The same name written the same way (up to the key), and near spellings of a name of
    // several words.
    let mut first_of_key: HashMap<(String, String), usize> = HashMap::new();
    for i in (0..n).filter(|&i| !words[i].is_empty() && place_of[i].is_none()) {
        let first = *first_of_key.entry((kind_class(mentions[i].label), words[i].join(" "))).or_insert(i);
        sets.union(first, i);
    }
    let distinct: Vec<usize> = first_of_key.values().copied().collect();
    for (a, &i) in distinct.iter().enumerate() {
        for &j in &distinct[a + 1..] {
            if mentions[i].label == mentions[j].label && words[i].len() >= 2 && near(&words[i], &words[j]) {
                sets.union(i, j);
            }
        }
    }

    // A lone word that is the first or last word of exactly one fuller name of its kind.
    for &i in distinct.iter().filter(|&&i| words[i].len() == 1) {
        let w = &words[i][0];
        let fuller: Vec<usize> = distinct
            .iter()
            .copied()
            .filter(|&j| {
                mentions[j].label == mentions[i].label
                    && words[j].len() >= 2
                    && (words[j].first() == Some(w) || words[j].last() == Some(w))
            })
            .map(|j| sets.find(j))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if let [j] = fuller[..] {
            sets.union(i, j);
        }
    }

    // An acronym beside the name it abbreviates.
    for &i in &distinct {
        let Some(acronym) = as_acronym(mentions[i].text) else { continue };
        let expansions: Vec<usize> = distinct
            .iter()
            .copied()
            .filter(|&j| matches!(mentions[j].label, "ORG" | "MISC") && initials(mentions[j].text) == acronym)
            .map(|j| sets.find(j))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if let [j] = expansions[..] {
            sets.union(i, j);
        }
    }

    let mut groups: Vec<Group> = Vec::new();
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    for i in (0..n).filter(|&i| !words[i].is_empty()) {
        let root = sets.find(i);
        let g = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Group {
                kind: String::new(),
                members: Vec::new(),
                variants: Vec::new(),
                counts: HashMap::new(),
                place: None,
                titles: HashMap::new(),
            });
            groups.len() - 1
        });
        let group = &mut groups[g];
        group.members.push(i);
        let text = mentions[i].text.trim().to_owned();
        if !group.counts.contains_key(&text) {
            group.variants.push((text.clone(), words[i].clone()));
        }
        *group.counts.entry(text).or_default() += 1;
        if group.place.is_none() {
            group.place = place_of[i].clone();
        }
    }
    for g in &mut groups {
        g.kind = majority_label(g.members.iter().map(|&i| mentions[i].label));
    }
    groups
}

/// Two names of as many words, each within one edit (short words exactly), one the same.
fn near(a: &[String], b: &[String]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).any(|(x, y)| x == y)
        && a.iter().zip(b).all(|(x, y)| {
            x == y || (x.chars().count() >= 4 && y.chars().count() >= 4 && within_one_edit(x, y))
        })
}

/// The letters of a mention written as an acronym: one word of 2 to 6 capitals.
fn as_acronym(text: &str) -> Option<String> {
    let t = text.trim();
    let n = t.chars().count();
    ((2..=6).contains(&n) && t.chars().all(char::is_uppercase)).then(|| storyline_geo::fold(t))
}

/// The initials of a name's words, small function words left out.
fn initials(text: &str) -> String {
    storyline_geo::fold(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !ACRONYM_SKIPS.contains(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn majority_label<'a>(labels: impl Iterator<Item = &'a str>) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for l in labels {
        match counts.iter_mut().find(|(x, _)| *x == l) {
            Some((_, c)) => *c += 1,
            None => counts.push((l, 1)),
        }
    }
    // The first label wins a tie: `max_by_key` keeps the last maximum, so search reversed.
    counts.iter().rev().max_by_key(|(_, c)| *c).map(|(l, _)| l.to_string()).unwrap_or_default()
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    /// Joins two sets; the smaller index stays the root, so results do not depend on order.
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            self.0[hi] = lo;
        }
    }
}

/// Adds to the people's groups the titles written before their names, then counts each role
/// noun used alone ("le président a dit") for the one person the article gave that role, if
/// only one.
pub(crate) fn find_titles(groups: &mut [Group], text: &str, mentions: &[crate::Mention]) {
    let mut roles: HashMap<String, Vec<usize>> = HashMap::new();
    let mut titled = Vec::new();
    for (g, group) in groups.iter_mut().enumerate().filter(|(_, g)| g.kind == "PER") {
        for &m in &group.members {
            let Some((start, _)) = mentions[m].span.filter(|&(s, e)| s <= e && e <= text.len()) else {
                continue;
            };
            if let Some(title) = titles::title_before_in(text, start) {
                titled.push(title.start);
                *group.titles.entry(title.phrase).or_default() += 1;
                let holders = roles.entry(title.role).or_default();
                if !holders.contains(&g) {
                    holders.push(g);
                }
            }
        }
    }
    // A title alone can only stand for someone the article gave that title.
    if roles.is_empty() {
        return;
    }
    let tokens = titles::tokens(text);
    for (_, role) in titles::bare_titles(text, &tokens, &titled) {
        if let Some([g]) = roles.get(&role).map(Vec::as_slice) {
            *groups[*g].titles.entry(role).or_default() += 1;
        }
    }
}
