//! The dedup stage: finds exact and near copies of articles already seen, online.
//!
//! Every article goes through [`DedupIndex::insert`] once, in arrival order, and gets a
//! [`Verdict`]: the duplicate group it joins, that group's canonical copy, and how it
//! matched.
//!
//! - **Exact**: the same words after folding case, diacritics, punctuation and spacing
//!   ([`words`]): a 64-bit hash of the folded word sequence.
//! - **Near**: MinHash signatures over shingles of consecutive words, LSH banding for
//!   candidates, then a check of each candidate against [`Config::threshold`]. The similarity
//!   checked is the containment of the smaller text in the larger, |A∩B| / min(|A|,|B|),
//!   estimated from the signatures, so a copy with an extra paragraph or a cut ending still
//!   matches; for texts too short to trust containment, or of very different lengths, Jaccard.
//!   A newcomer must also pass against the group's founder (its first article with a kept
//!   signature), so that a copy mixing two articles does not chain their groups together.
//! - **New**: no match; the article starts a group of its own.
//!
//! **Groups and canonical copies.** A group is named by the id of its first article and
//! keeps that name. Its canonical copy is the first one seen, unless a later copy was
//! *certainly* published earlier (its date's whole window, at its precision, lies before
//! the canonical's): then that copy becomes canonical and the verdict names the one it
//! replaced, so a store can update the group. Copies without a date never take over and an
//! undated canonical is never replaced. Ingesting an archive out of order thus still makes
//! the original (typically the wire story) canonical, and the choice changes only towards
//! earlier copies.
//!
//! **Cost.** The index keeps no text: for an article that adds something to the LSH
//! buckets, its signature (the low 16 bits of each hash) and shingle count; exact and near copies whose
//! bucket entries are already held by their group add only an exact-key entry. Each bucket
//! lists at most [`Config::bucket_groups`] groups, and a group once, so an insert checks at
//! most `bands × bucket_groups` candidates whatever the size of the index.
//!
//! **Forgetting.** The index holds the articles of a window ([`Config::keep_days`] of the
//! stream's clock, [`Config::keep_articles`] at most) and forgets the oldest first: their
//! exact keys, the signatures they kept and their bucket entries. A group is forgotten with
//! its last article, so it lives as long as copies keep coming; until then its name,
//! canonical copy, size and founder stay as they were, whichever of its articles have gone.
//! A copy of an article already forgotten matches nothing and starts a group of its own
//! (only copies within the window are found). Memory is bounded by the cap, and an insert
//! forgets at most as many articles as it adds, amortised.
//!
//! The index is `Send` and serialisable (serde); it can also be rebuilt by inserting the
//! stored articles again in their ingest order, which gives the same groups.

mod buckets;
mod minhash;
mod published;
mod recent;
mod slots;
pub mod words;

#[cfg(test)]
mod tests;

use buckets::Buckets;
use minhash::MinHasher;
use published::Window;
use recent::{Arrival, Recent};
use serde::{Deserialize, Serialize};
use slots::Slots;
use std::collections::HashMap;
use storyline_codec::IdBuild;
use storyline_doc::{Article, PartialDateTime};

/// An article's text as the dedup stage compares it: its title, then its paragraphs (a copy
/// with another headline still shares most shingles; one with the same headline, more).
pub fn article_text(article: &Article) -> String {
    match &article.meta.title {
        Some(title) => format!("{title}\n\n{}", article.text),
        None => article.text.clone(),
    }
}

/// How copies are found. The defaults are chosen from `storyline eval dedup` (see
/// BENCHMARKS.md, "Near-duplicates").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Words per shingle.
    pub shingle_words: usize,
    /// LSH bands; the signature has `bands × rows` hashes.
    pub bands: usize,
    /// Signature positions per band: two texts become candidates when all the rows of one
    /// band agree, with probability 1 − (1 − J^rows)^bands for Jaccard similarity J.
    pub rows: usize,
    /// The least similarity (containment, or Jaccard for short texts) of a near copy.
    pub threshold: f64,
    /// Containment is used only when the smaller text has at least this many shingles: a
    /// ten-word text found inside a long article is not a copy of it.
    pub min_containment_shingles: usize,
    /// Containment is used only when the smaller text has at least this share of the
    /// larger one's shingles: an article quoted whole inside one three times its length is
    /// not a copy of it.
    pub min_size_ratio: f64,
    /// Groups one LSH bucket lists at most; bounds the candidates of an insert.
    pub bucket_groups: usize,
    /// An article is forgotten once the stream's clock (the latest publication day seen) is
    /// more than this many days past its arrival. 14 by default, the clusterer's dormancy:
    /// a copy that comes later would mostly find its original's story dormant and be
    /// clustered as any article anyway, while wire copies come within hours or days.
    pub keep_days: Option<u32>,
    /// At most this many articles are held, the oldest forgotten first; the bound of an
    /// undated stream, and of a dated one whatever its volume. 250,000 by default: 14 days
    /// of a feed of nearly 18,000 articles a day, in about 340 MB resident (390 MB at the
    /// peak) on `storyline bench dedup`'s stream, where two articles in three start a group
    /// (1.3 KB each: signature, band keys, bucket, exact-key and group entries).
    pub keep_articles: Option<usize>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            shingle_words: 4,
            bands: 42,
            rows: 3,
            threshold: 0.5,
            min_containment_shingles: 30,
            min_size_ratio: 1.0 / 3.0,
            bucket_groups: 8,
            keep_days: Some(14),
            keep_articles: Some(250_000),
        }
    }
}

impl Config {
    pub fn hashes(&self) -> usize {
        self.bands * self.rows
    }

    /// The same settings with another threshold.
    pub fn with_threshold(self, threshold: f64) -> Self {
        Config { threshold, ..self }
    }
}

/// How an article matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The same folded text as an article already seen.
    Exact,
    /// Similar enough to one already seen.
    Near,
    /// Nothing like it yet: the first of its group.
    New,
}

/// What [`DedupIndex::insert`] decided for one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict<I> {
    /// The group's name: the id of its first article.
    pub group: I,
    /// The group's canonical copy after this insert.
    pub canonical: I,
    /// 1 for an exact copy; for a near copy, the similarity to its closest candidate; for a
    /// new article, the best similarity found below the threshold (0 without candidates).
    pub similarity: f64,
    pub kind: Kind,
    /// The previous canonical copy, when this article replaced it.
    pub replaced: Option<I>,
    /// The groups this insert forgot (their last article left the window): no later verdict
    /// names them, so what a caller keeps per group can go.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forgotten: Vec<I>,
}

/// Sizes of the index, for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Articles inserted since the start.
    pub articles: u64,
    /// Articles held: inserted and not forgotten yet.
    pub held: usize,
    /// Groups with an article held.
    pub groups: usize,
    /// Articles whose signature is kept (they hold at least one bucket entry).
    pub signatures: usize,
    pub buckets: usize,
    pub exact_keys: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Group<I> {
    name: I,
    canonical: I,
    canonical_window: Option<Window>,
    size: u32,
    /// The member slot of the group's first article whose signature is kept: a newcomer must
    /// be close to it too, so that a copy mixing two articles does not chain their groups.
    /// Kept as long as the group.
    founder: Option<u32>,
    /// Sequence numbers (0 for the stream's first insert) of its first and last articles:
    /// the older group wins ties, and the group is forgotten with its last article.
    first: u64,
    last: u64,
}

/// The group an exact key leads to, and the last article found under it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct ExactEntry {
    group: u32,
    last: u64,
}

/// An article whose signature is kept.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Member {
    group: u32,
    shingles: u32,
}

/// The online duplicate index. `I` is the article id (the store's 16-hex-digit id, or any
/// other cheap-to-clone key).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DedupIndex<I> {
    config: Config,
    groups: Slots<Group<I>>,
    exact: HashMap<u64, ExactEntry, IdBuild>,
    members: Slots<Member>,
    /// `hashes` values per member slot, each the low 16 bits of a MinHash value
    /// ([`minhash::stored`]).
    signatures: Vec<u16>,
    /// `bands` keys per member slot: the buckets to take it out of when it is forgotten.
    band_keys: Vec<u32>,
    buckets: Buckets,
    recent: Recent,
    #[serde(skip)]
    scratch: Scratch,
}

/// Buffers reused from one insert to the next.
#[derive(Debug, Clone, Default)]
struct Scratch {
    hasher: Option<MinHasher>,
    signature: Vec<u32>,
    band_keys: Vec<u32>,
    candidates: Vec<u32>,
}

impl<I: Clone> DedupIndex<I> {
    pub fn new(config: Config) -> Self {
        DedupIndex {
            config,
            groups: Slots::default(),
            exact: HashMap::default(),
            members: Slots::default(),
            signatures: Vec::new(),
            band_keys: Vec::new(),
            buckets: Buckets::default(),
            recent: Recent::default(),
            scratch: Scratch::default(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Changes the threshold of later inserts (earlier verdicts stand).
    pub fn set_threshold(&mut self, threshold: f64) {
        self.config.threshold = threshold;
    }

    pub fn stats(&self) -> Stats {
        Stats {
            articles: self.recent.next_seq(),
            held: self.recent.len(),
            groups: self.groups.len(),
            signatures: self.members.len(),
            buckets: self.buckets.len(),
            exact_keys: self.exact.len(),
        }
    }

    /// Finds the group of article `id` with text `text` (title and body, as the caller
    /// joins them) and records it. `published` decides which copy is canonical, and moves
    /// the stream's clock that ages the articles held.
    pub fn insert(&mut self, id: I, text: &str, published: Option<&PartialDateTime>) -> Verdict<I> {
        self.recent.tick(published);
        let forgotten = self.forget_expired();
        let seq = self.recent.next_seq();
        let window = published.map(Window::of);
        let words = words::word_hashes(text);
        if words.is_empty() {
            // Nothing to compare: a group of its own, kept out of the index.
            let group = self.new_group(id, window, seq);
            self.recent.push(Arrival::new(group, None, None));
            return self.verdict(group, 0.0, Kind::New, None, forgotten);
        }
        let exact_key = words::exact_key(&words);
        if let Some(entry) = self.exact.get_mut(&exact_key) {
            entry.last = seq;
            let group = entry.group;
            let replaced = self.join(group, id, window, seq);
            self.recent.push(Arrival::new(group, Some(exact_key), None));
            return self.verdict(group, 1.0, Kind::Exact, replaced, forgotten);
        }

        let shingles = words::shingles(&words, self.config.shingle_words);
        let mut scratch = std::mem::take(&mut self.scratch);
        let hashes = self.config.hashes();
        let hasher = scratch.hasher.get_or_insert_with(|| MinHasher::new(hashes));
        if hasher.len() != hashes {
            *hasher = MinHasher::new(hashes);
        }
        hasher.signature_into(&shingles, &mut scratch.signature);
        self.band_keys(&scratch.signature, &mut scratch.band_keys);

        let best = self.best_candidate(&mut scratch, shingles.len());
        let (group, similarity, kind, replaced) = match best {
            Some((group, similarity)) if similarity >= self.config.threshold => {
                let replaced = self.join(group, id, window, seq);
                (group, similarity, Kind::Near, replaced)
            }
            best => (self.new_group(id, window, seq), best.map_or(0.0, |(_, s)| s), Kind::New, None),
        };
        self.exact.insert(exact_key, ExactEntry { group, last: seq });
        let member = self.add_to_buckets(group, shingles.len(), &scratch);
        self.recent.push(Arrival::new(group, Some(exact_key), member));
        self.scratch = scratch;
        self.verdict(group, similarity, kind, replaced, forgotten)
    }

    /// Forgets the articles that fell out of the window, and one more if the index is full,
    /// to make room for the article coming; returns the names of the groups forgotten.
    fn forget_expired(&mut self) -> Vec<I> {
        let (days, articles) = (self.config.keep_days, self.config.keep_articles);
        let mut forgotten = Vec::new();
        while let Some((seq, arrival)) = self.recent.pop_expired(days, articles) {
            forgotten.extend(self.forget(seq, arrival));
        }
        forgotten
    }

    /// Takes out what article `seq` added, except what later articles still use: an exact
    /// key found again, the group's founder (which goes with the group). Returns the group's
    /// name if it was its last article.
    fn forget(&mut self, seq: u64, arrival: Arrival) -> Option<I> {
        if let Some(key) = arrival.exact
            && self.exact.get(&key).is_some_and(|e| e.last == seq)
        {
            self.exact.remove(&key);
        }
        let (founder, last) = (self.groups[arrival.group].founder, self.groups[arrival.group].last);
        if let Some(member) = arrival.member.filter(|&m| Some(m) != founder) {
            self.forget_member(member);
        }
        if last != seq {
            return None;
        }
        if let Some(founder) = founder {
            self.forget_member(founder);
        }
        Some(self.groups.remove(arrival.group).name)
    }

    fn forget_member(&mut self, member: u32) {
        self.members.remove(member);
        let bands = self.config.bands;
        let start = member as usize * bands;
        for &key in &self.band_keys[start..start + bands] {
            self.buckets.unlist(key, member);
        }
    }

    /// One key per band: the band's index and its rows, hashed together. 32 bits are
    /// enough: two different bands share a key with probability 2^-32, and a false candidate
    /// only costs a signature comparison.
    fn band_keys(&self, signature: &[u32], out: &mut Vec<u32>) {
        out.clear();
        for (band, rows) in signature.chunks_exact(self.config.rows.max(1)).enumerate() {
            let key = rows.iter().fold(band as u64, |h, &v| words::mix(h.rotate_left(29) ^ u64::from(v)));
            out.push((key >> 32) as u32);
        }
    }

    /// The group the article joins among its LSH candidates' groups, with the similarity
    /// that decided; ties go to the older group.
    fn best_candidate(&self, scratch: &mut Scratch, shingles: usize) -> Option<(u32, f64)> {
        let candidates = &mut scratch.candidates;
        candidates.clear();
        candidates.extend(scratch.band_keys.iter().flat_map(|&k| self.buckets.members(k)));
        candidates.sort_unstable();
        candidates.dedup();
        let hashes = self.config.hashes();
        // Among the candidates that pass, the closest by Jaccard: a copy with a paragraph of
        // another article contains that one's paragraph too, but overlaps its own original more.
        let mut best: Option<(bool, f64, f64, u64, u32)> = None;
        let compare = |m: u32| {
            let start = m as usize * hashes;
            let j = minhash::jaccard(&scratch.signature, &self.signatures[start..start + hashes]);
            (j, self.similarity(j, shingles, self.members[m].shingles as usize))
        };
        for &m in candidates.iter() {
            let member = self.members[m];
            let group = &self.groups[member.group];
            let (j, mut similarity) = compare(m);
            if let Some(founder) = group.founder.filter(|&f| f != m) {
                similarity = similarity.min(compare(founder).1);
            }
            let this = (similarity >= self.config.threshold, j, similarity, group.first, member.group);
            let better = best.is_none_or(|b| {
                (this.0, this.1, this.2) > (b.0, b.1, b.2)
                    || ((this.0, this.1, this.2) == (b.0, b.1, b.2) && this.3 < b.3)
            });
            if better {
                best = Some(this);
            }
        }
        best.map(|(_, _, similarity, _, group)| (group, similarity))
    }

    /// Containment when both texts are long enough and of comparable length, else Jaccard.
    fn similarity(&self, jaccard: f64, size_a: usize, size_b: usize) -> f64 {
        let (smaller, larger) = (size_a.min(size_b), size_a.max(size_b));
        let comparable = smaller as f64 >= self.config.min_size_ratio * larger as f64;
        if smaller >= self.config.min_containment_shingles && comparable {
            minhash::containment(jaccard, size_a, size_b)
        } else {
            jaccard
        }
    }

    /// Lists the article in every bucket that does not list its group yet and has room;
    /// its signature is kept, and its member slot returned, only if some bucket took it.
    fn add_to_buckets(&mut self, group: u32, shingles: usize, scratch: &Scratch) -> Option<u32> {
        let member = Member { group, shingles: shingles.min(u32::MAX as usize) as u32 };
        let slot = self.members.insert(member);
        let mut listed = false;
        for &key in &scratch.band_keys {
            let members = &self.members;
            let group_of = |m: u32| members[m].group;
            listed |= self.buckets.list(key, slot, group, self.config.bucket_groups, group_of);
        }
        if !listed {
            self.members.remove(slot);
            return None;
        }
        self.groups[group].founder.get_or_insert(slot);
        let (hashes, bands) = (self.config.hashes(), self.config.bands);
        let capacity = self.members.capacity();
        self.signatures.resize(capacity * hashes, 0);
        self.band_keys.resize(capacity * bands, 0);
        let at = slot as usize;
        let kept = scratch.signature.iter().map(|&v| minhash::stored(v));
        for (to, from) in self.signatures[at * hashes..(at + 1) * hashes].iter_mut().zip(kept) {
            *to = from;
        }
        self.band_keys[at * bands..(at + 1) * bands].copy_from_slice(&scratch.band_keys);
        Some(slot)
    }

    fn new_group(&mut self, id: I, window: Option<Window>, seq: u64) -> u32 {
        self.groups.insert(Group {
            name: id.clone(),
            canonical: id,
            canonical_window: window,
            size: 1,
            founder: None,
            first: seq,
            last: seq,
        })
    }

    /// Adds an article to a group; returns the canonical copy it replaced, if it did.
    fn join(&mut self, group: u32, id: I, window: Option<Window>, seq: u64) -> Option<I> {
        let g = &mut self.groups[group];
        g.size += 1;
        g.last = seq;
        match (window, g.canonical_window) {
            (Some(w), Some(c)) if w.certainly_before(&c) => {
                g.canonical_window = Some(w);
                Some(std::mem::replace(&mut g.canonical, id))
            }
            _ => None,
        }
    }

    fn verdict(
        &self,
        group: u32,
        similarity: f64,
        kind: Kind,
        replaced: Option<I>,
        forgotten: Vec<I>,
    ) -> Verdict<I> {
        let g = &self.groups[group];
        Verdict {
            group: g.name.clone(),
            canonical: g.canonical.clone(),
            similarity,
            kind,
            replaced,
            forgotten,
        }
    }

    /// The number of articles in the group named `name`, forgotten ones included (0 if there
    /// is no such group held). Linear in the number of groups: for tests and reports.
    pub fn group_size(&self, name: &I) -> u32
    where
        I: PartialEq,
    {
        self.groups.iter().find(|g| &g.name == name).map_or(0, |g| g.size)
    }
}

impl<I: Clone> Default for DedupIndex<I> {
    fn default() -> Self {
        Self::new(Config::default())
    }
}
