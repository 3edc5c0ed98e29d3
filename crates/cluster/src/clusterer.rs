//! The online clusterer: each article joins the most similar active story or opens one.

mod split;

use crate::features::{Features, features};
use crate::keys::{EntityKeys, FoldedNameWords};
use crate::vector::{self, Sparse};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use storyline_codec::IdBuild;
use storyline_doc::Article;

/// A story's number: 1, 2, ... in the order stories are opened, so the same articles in the
/// same order give the same numbers.
pub type StoryId = u64;

/// The clusterer's parameters. The defaults and how they were chosen are in BENCHMARKS.md
/// ("Story clustering").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// An article joins its best story when their similarity reaches this; otherwise it opens
    /// a new story.
    pub threshold: f32,
    /// Weight of the anchor channel (entities, numbers) against the content channel: the
    /// similarity is `max(content, anchor_weight × anchors)`, so an article in another
    /// language can join on anchors alone.
    pub anchor_weight: f32,
    /// Weight of the interlingual channel (places by gazetteer id, dates, amounts: see
    /// [`crate::interlingual`]), a third term of the `max` counted only across languages:
    /// when the story has no article in the article's language (or, in the merge pass, two
    /// stories share no language). Within one language, content terms say more, and these
    /// few common keys (the country, the year) would join unrelated stories.
    pub interlingual_weight: f32,
    /// Weight of the glossed channel (Chinese text as the English words a dictionary gives for
    /// it: see [`crate::glossary`]), compared with English content, across languages only
    /// like the interlingual channel. It is high because word-by-word translation is noisy:
    /// each Chinese word brings up to six English words and names have no entry, so a
    /// translation's glossed cosine with its original is a third to a half of what two
    /// English reports of one event reach on content (BENCHMARKS.md, "Glossed channel").
    pub glossed_weight: f32,
    /// Time decay (days): the similarity is multiplied by `exp(-Δ/time_scale_days)`, Δ the
    /// days between the article and the story's latest article, when both are dated.
    pub time_scale_days: f32,
    /// A story with no article for this many days (of the stream's clock: the latest date
    /// seen) goes dormant and leaves the candidate set for good.
    pub dormant_days: f32,
    /// At most this many active stories: beyond, the least recently updated go dormant,
    /// whatever the dates (an undated stream has no other bound).
    pub max_active: usize,
    /// Terms kept in each channel of a story's centroid.
    pub centroid_terms: usize,
    /// An article's heaviest terms looked up in the inverted index.
    pub query_terms: usize,
    /// Stories kept per posting list of the index (the most recently updated).
    pub posting_cap: usize,
    /// Stories scored exactly per article, out of those the index proposes.
    pub max_candidates: usize,
    /// Every this many articles, stories updated since the last pass are compared with their
    /// candidates and merged when their centroids' similarity reaches `merge_threshold`.
    /// It is below `threshold` on purpose: an article joins greedily, on the document
    /// frequencies seen so far, so joins are kept strict; the pass decides later, between
    /// whole stories, what the join hesitated on.
    /// The split pass (see [`Clusterer::split_pass`]) runs just before each merge pass.
    pub merge_every: u64,
    pub merge_threshold: f32,
    /// A story is split in two when 2-means over its latest members finds two halves whose
    /// similarity (the join's, without time decay) is below this; 0 turns the split pass off.
    /// It is kept well below `merge_threshold`, so that the merge pass does not join again
    /// at once what the split pass cut: between the two lies a band where stories are left
    /// as they are.
    pub split_threshold: f32,
    /// Latest members of each story kept for the split pass (their weighted vectors, cut to
    /// their heaviest terms). A test costs a few vector operations per member and a full
    /// window is tested again every `split_window` joins, so the cost per article stays
    /// constant; memory is at most this many articles' vectors per active story. 32 covers
    /// the latest stage of a story on a busy stream, a test stays cheap, and two halves of
    /// 16 are enough to tell apart: a drift older than the window stays where it is.
    pub split_window: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.4,
            anchor_weight: 0.8,
            interlingual_weight: 0.8,
            glossed_weight: 3.0,
            time_scale_days: 7.0,
            dormant_days: 14.0,
            max_active: 20_000,
            centroid_terms: 256,
            query_terms: 24,
            posting_cap: 64,
            max_candidates: 16,
            merge_every: 64,
            merge_threshold: 0.25,
            split_threshold: 0.1,
            split_window: 32,
        }
    }
}

/// Where an article went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// The article's number: 1, 2, ... in the order articles are added; [`Clusterer::story_of`]
    /// reads where it is now.
    pub article: u64,
    /// The story it joined or opened (it may later be merged away or split).
    pub story: StoryId,
    /// Similarity to the story it joined (0 for a new story).
    pub score: f32,
    pub opened: bool,
}

/// Two stories found to be one by the merge pass: `from` is absorbed into `into`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Merge {
    pub from: StoryId,
    pub into: StoryId,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Story {
    content: Sparse,
    anchors: Sparse,
    interlingual: Sparse,
    glossed: Sparse,
    content_norm: f32,
    anchors_norm: f32,
    interlingual_norm: f32,
    glossed_norm: f32,
    size: u32,
    /// Day of the latest dated article, if any.
    last_day: Option<f64>,
    /// The languages of its articles.
    languages: Vec<String>,
    /// Position in the recency order (see [`Clusterer::recency`]).
    touched: u64,
    /// Its latest articles, for the split pass.
    members: split::Members,
    /// Its size when the merge pass last compared it with other stories.
    merge_tested_at: u32,
}

impl Story {
    fn absorb(&mut self, v: &Channels, keep: usize) {
        self.content = vector::add(&self.content, &v.content);
        vector::keep_heaviest(&mut self.content, keep);
        self.anchors = vector::add(&self.anchors, &v.anchors);
        vector::keep_heaviest(&mut self.anchors, keep / 2);
        self.interlingual = vector::add(&self.interlingual, &v.interlingual);
        vector::keep_heaviest(&mut self.interlingual, keep / 2);
        if !v.glossed.is_empty() {
            self.glossed = vector::add(&self.glossed, &v.glossed);
            vector::keep_heaviest(&mut self.glossed, keep);
            self.glossed_norm = vector::norm(&self.glossed);
        }
        self.content_norm = vector::norm(&self.content);
        self.anchors_norm = vector::norm(&self.anchors);
        self.interlingual_norm = vector::norm(&self.interlingual);
    }

    /// Counts one more article, of this day and language (its vectors go through `absorb`).
    fn count(&mut self, day: Option<f64>, language: Option<&str>) {
        self.size += 1;
        if let Some(l) = language
            && !self.languages.iter().any(|x| x == l)
        {
            self.languages.push(l.to_string());
        }
        if let Some(d) = day {
            self.last_day = Some(self.last_day.map_or(d, |l| l.max(d)));
        }
    }

    /// The centroid's channels at unit length.
    fn unit(&self) -> Channels {
        Channels {
            content: unit(&self.content, self.content_norm),
            anchors: unit(&self.anchors, self.anchors_norm),
            interlingual: unit(&self.interlingual, self.interlingual_norm),
            glossed: unit(&self.glossed, self.glossed_norm),
        }
    }
}

/// An article's (or a centroid's) weighted vectors, one per channel.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Channels {
    content: Sparse,
    anchors: Sparse,
    interlingual: Sparse,
    glossed: Sparse,
}

impl Channels {
    fn each(&self) -> [&Sparse; 4] {
        [&self.content, &self.anchors, &self.interlingual, &self.glossed]
    }

    fn each_mut(&mut self) -> [&mut Sparse; 4] {
        [&mut self.content, &mut self.anchors, &mut self.interlingual, &mut self.glossed]
    }
}

/// Online story clustering over analysed articles.
///
/// It serializes (serde) with everything but its entity keys: a clusterer read back knows
/// entities by their folded names ([`FoldedNameWords`], those of [`Clusterer::new`]) and goes
/// on exactly as the one written would have, so a pass can stop and resume on a stream.
#[derive(Serialize, Deserialize)]
pub struct Clusterer {
    config: Config,
    #[serde(skip, default = "folded_name_words")]
    keys: Box<dyn EntityKeys + Send + Sync>,
    /// Document frequency of each key (both channels), and the number of documents.
    df: HashMap<u64, u32, IdBuild>,
    documents: u64,
    /// Active stories only; dormant ones are dropped.
    stories: HashMap<StoryId, Story, IdBuild>,
    /// Active stories by last update: `(touched, id)`, oldest first.
    recency: BTreeSet<(u64, StoryId)>,
    /// Key → active (or recently dormant) stories with it among their heaviest terms,
    /// most recent last.
    postings: HashMap<u64, Vec<StoryId>, IdBuild>,
    /// The latest day seen in the stream.
    clock: Option<f64>,
    next_story: StoryId,
    tick: u64,
    /// Stories changed since the last merge pass.
    dirty: BTreeSet<StoryId>,
    /// Absorbed story → the story it went into.
    merged_into: BTreeMap<StoryId, StoryId>,
    /// The split pass's state: stories due for a test, articles moved.
    splits: split::Ledger,
}

fn folded_name_words() -> Box<dyn EntityKeys + Send + Sync> {
    Box::new(FoldedNameWords)
}

impl std::fmt::Debug for Clusterer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clusterer")
            .field("documents", &self.documents)
            .field("active", &self.stories.len())
            .field("opened", &(self.next_story - 1))
            .finish()
    }
}

impl Clusterer {
    /// A clusterer that knows entities by their folded names.
    pub fn new(config: Config) -> Clusterer {
        Clusterer::with_keys(config, Box::new(FoldedNameWords))
    }

    pub fn with_keys(config: Config, keys: Box<dyn EntityKeys + Send + Sync>) -> Clusterer {
        Clusterer {
            config,
            keys,
            df: HashMap::default(),
            documents: 0,
            stories: HashMap::default(),
            recency: BTreeSet::new(),
            postings: HashMap::default(),
            clock: None,
            next_story: 1,
            tick: 0,
            dirty: BTreeSet::new(),
            merged_into: BTreeMap::new(),
            splits: split::Ledger::default(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Stories active now (candidates for the next article).
    pub fn active_stories(&self) -> usize {
        self.stories.len()
    }

    /// Stories opened so far, merged and dormant ones included.
    pub fn stories_opened(&self) -> u64 {
        self.next_story - 1
    }

    /// Adds an analysed article: the story it joined or opened. Every `merge_every` articles
    /// the split and merge passes run too; [`Clusterer::story_of`] follows what they did.
    pub fn add(&mut self, article: &Article) -> Assignment {
        let f = features(article, self.keys.as_ref());
        self.add_features(&f)
    }

    /// Adds an article to a story known beforehand (a copy of an article of that story, as
    /// the dedup stage finds): it joins that story, whose profile it reinforces, as long as the
    /// story is still active; else it is clustered as any article.
    pub fn add_to(&mut self, article: &Article, story: StoryId) -> Assignment {
        let f = features(article, self.keys.as_ref());
        self.add_features_to(&f, Some(story))
    }

    /// An article's features as this clusterer reads them (with its entity keys), for
    /// [`Clusterer::add_features_to`].
    pub fn features_of(&self, article: &Article) -> Features {
        features(article, self.keys.as_ref())
    }

    /// [`Clusterer::add`] for features already read.
    pub fn add_features(&mut self, f: &Features) -> Assignment {
        self.add_features_to(f, None)
    }

    /// [`Clusterer::add_to`] for features already read (a pipeline can read features on
    /// another thread: it is most of an article's cost).
    pub fn add_features_to(&mut self, f: &Features, known: Option<StoryId>) -> Assignment {
        self.documents += 1;
        for &(k, _) in f.content.iter().chain(&f.anchors).chain(&f.interlingual).chain(&f.glossed) {
            *self.df.entry(k).or_insert(0) += 1;
        }
        if let Some(day) = f.day {
            self.clock = Some(self.clock.map_or(day, |c| c.max(day)));
        }
        self.expire();
        let v = Channels {
            content: self.weigh(&f.content),
            anchors: self.weigh(&f.anchors),
            interlingual: self.weigh(&f.interlingual),
            glossed: self.weigh(&f.glossed),
        };
        // The heaviest terms, once: they find the candidates and are posted for the story.
        let heavy = self.heaviest_terms(&v);
        let known = known.map(|id| self.resolve(id)).filter(|id| self.stories.contains_key(id));
        let languages: Vec<String> = f.language.iter().cloned().collect();
        let best = if let Some(id) = known {
            Some((id, 1.0))
        } else {
            self.candidates(&heavy)
                .into_iter()
                .map(|id| (id, self.similarity(&v, f.day, &languages, &self.stories[&id])))
                .fold(None, |best: Option<(StoryId, f32)>, (id, s)| match best {
                    Some((_, b)) if b >= s => best,
                    _ => Some((id, s)),
                })
        };
        let assignment = match best {
            Some((story, score)) if score >= self.config.threshold => {
                Assignment { article: self.documents, story, score, opened: false }
            }
            _ => {
                let story = self.next_story;
                self.next_story += 1;
                // Its article was just compared with every candidate: when none came near the
                // merge threshold, the merge pass need not compare it again until it grows.
                // A candidate that changes since is itself due for the pass, and meets it there.
                let compared = best.is_some_and(|(_, s)| s < self.config.merge_threshold);
                let merge_tested_at = u32::from(compared);
                self.stories.insert(story, Story { merge_tested_at, ..Story::default() });
                Assignment { article: self.documents, story, score: 0.0, opened: true }
            }
        };
        self.join(assignment.article, assignment.story, v, &heavy, f.day, f.language.as_deref());
        if self.config.merge_every > 0 && self.documents % self.config.merge_every == 0 {
            self.split_pass();
            self.merge_pass();
        }
        assignment
    }

    /// The story `id` is now part of (itself unless merged away). An article's story is
    /// [`Clusterer::story_of`]: a split may have moved it out of the story it joined.
    pub fn resolve(&self, mut id: StoryId) -> StoryId {
        while let Some(&into) = self.merged_into.get(&id) {
            id = into;
        }
        id
    }

    /// Every merge so far, in the order they happened.
    pub fn merges(&self) -> impl Iterator<Item = Merge> + '_ {
        self.merged_into.iter().map(|(&from, &into)| Merge { from, into })
    }

    /// TF-IDF weights (log-scaled counts × smoothed IDF), unit length.
    fn weigh(&self, counts: &[(u64, f32)]) -> Sparse {
        let n = self.documents as f32;
        let mut v: Sparse = counts
            .iter()
            .map(|&(k, tf)| {
                let df = self.df.get(&k).copied().unwrap_or(1) as f32;
                (k, (1.0 + tf.ln()) * (1.0 + n / df).ln())
            })
            .collect();
        vector::normalise(&mut v);
        v
    }

    fn similarity(&self, v: &Channels, day: Option<f64>, languages: &[String], s: &Story) -> f32 {
        let cos = |a: &[(u64, f32)], b: &[(u64, f32)], norm: f32| {
            if norm > 0.0 { vector::dot(a, b) / norm } else { 0.0 }
        };
        let c = cos(&v.content, &s.content, s.content_norm);
        let a = cos(&v.anchors, &s.anchors, s.anchors_norm);
        let across = !languages.is_empty() && !languages.iter().any(|l| s.languages.contains(l));
        let score = c.max(self.config.anchor_weight * a);
        let score = if across {
            let i = cos(&v.interlingual, &s.interlingual, s.interlingual_norm);
            // Glossed Chinese against English content, either way round.
            let g =
                cos(&v.glossed, &s.content, s.content_norm).max(cos(&v.content, &s.glossed, s.glossed_norm));
            score.max(self.config.interlingual_weight * i).max(self.config.glossed_weight * g)
        } else {
            score
        };
        score * self.decay(day, s.last_day)
    }

    fn decay(&self, a: Option<f64>, b: Option<f64>) -> f32 {
        match (a, b) {
            (Some(a), Some(b)) => (-((a - b).abs() as f32) / self.config.time_scale_days).exp(),
            _ => 1.0,
        }
    }

    /// The `query_terms` heaviest terms of each channel, with their weights.
    fn heaviest_terms(&self, v: &Channels) -> Vec<(u64, f32)> {
        let q = self.config.query_terms;
        v.each().into_iter().flat_map(|c| vector::heaviest(c, q)).collect()
    }

    /// Active stories sharing heavy terms (from [`Clusterer::heaviest_terms`]) with the
    /// article, best-first by the weight they share, at most `max_candidates`; ties to the
    /// older story.
    fn candidates(&self, heavy: &[(u64, f32)]) -> Vec<StoryId> {
        let mut shared: HashMap<StoryId, f32, IdBuild> = HashMap::default();
        for &(key, weight) in heavy {
            for &id in self.postings.get(&key).into_iter().flatten() {
                *shared.entry(id).or_insert(0.0) += weight;
            }
        }
        // Posting lists may still name dormant stories (they are pruned when next touched):
        // they are dropped here, once per story rather than once per posting.
        let mut ranked: Vec<(StoryId, f32)> =
            shared.into_iter().filter(|(id, _)| self.stories.contains_key(id)).collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.max_candidates);
        ranked.into_iter().map(|(id, _)| id).collect()
    }

    fn join(
        &mut self,
        article: u64,
        id: StoryId,
        v: Channels,
        heavy: &[(u64, f32)],
        day: Option<f64>,
        language: Option<&str>,
    ) {
        self.tick += 1;
        let keep = self.config.centroid_terms;
        let story = self.stories.get_mut(&id).expect("joining an active story");
        story.absorb(&v, keep);
        story.count(day, language);
        self.recency.remove(&(story.touched, id));
        story.touched = self.tick;
        self.recency.insert((self.tick, id));
        let keys: Vec<u64> = heavy.iter().map(|&(k, _)| k).collect();
        self.post(id, &keys);
        self.dirty.insert(id);
        self.remember(id, article, v, day, language);
    }

    /// Puts `id` at the recent end of each key's posting list, dropping the oldest beyond
    /// the cap.
    fn post(&mut self, id: StoryId, keys: &[u64]) {
        let cap = self.config.posting_cap;
        for &key in keys {
            let list = self.postings.entry(key).or_default();
            if list.last() == Some(&id) {
                continue;
            }
            if let Some(at) = list.iter().position(|&s| s == id) {
                list.remove(at);
            }
            list.push(id);
            // Dormant stories are pruned only when the list is full: until then they cost a
            // little room and nothing else (candidates are checked against the active set).
            if list.len() > cap {
                list.retain(|s| self.stories.contains_key(s));
                if list.len() > cap {
                    list.remove(0);
                }
            }
        }
    }

    /// Sends stories dormant: not updated for `dormant_days` of the stream's clock, or the
    /// least recent beyond `max_active`.
    fn expire(&mut self) {
        while let Some(&(touched, id)) = self.recency.first() {
            let story = &self.stories[&id];
            let too_old = match (self.clock, story.last_day) {
                (Some(now), Some(last)) => now - last > f64::from(self.config.dormant_days),
                _ => false,
            };
            // Strictly below: room is kept for the story the next article may open.
            if !too_old && self.stories.len() < self.config.max_active {
                break;
            }
            self.recency.remove(&(touched, id));
            self.stories.remove(&id);
            self.dirty.remove(&id);
            self.splits.forget(id);
        }
    }

    /// Merges stories updated since the last pass into an older similar one. Runs every
    /// `merge_every` articles, after the split pass; call both at the end of a stream to
    /// settle the last stories.
    pub fn merge_pass(&mut self) {
        let dirty: Vec<StoryId> = std::mem::take(&mut self.dirty).into_iter().collect();
        for id in dirty {
            let Some(story) = self.stories.get_mut(&id) else { continue };
            // A story a quarter bigger than when it was last compared has moved; one that
            // took one article more out of a hundred has not, and comparing it again would
            // cost as much as clustering the article did.
            if story.size * 4 < story.merge_tested_at * 5 {
                continue;
            }
            story.merge_tested_at = story.size;
            let (v, day, languages) = (story.unit(), story.last_day, story.languages.clone());
            let best = self
                .candidates(&self.heaviest_terms(&v))
                .into_iter()
                .filter(|&other| other != id)
                .map(|other| (other, self.similarity(&v, day, &languages, &self.stories[&other])))
                .filter(|&(_, s)| s >= self.config.merge_threshold)
                .fold(None, |best: Option<(StoryId, f32)>, (other, s)| match best {
                    Some((_, b)) if b >= s => best,
                    _ => Some((other, s)),
                });
            if let Some((other, _)) = best {
                let (into, from) = (id.min(other), id.max(other));
                self.absorb_story(from, into);
            }
        }
    }

    fn absorb_story(&mut self, from: StoryId, into: StoryId) {
        let Some(gone) = self.stories.remove(&from) else { return };
        self.recency.remove(&(gone.touched, from));
        self.dirty.remove(&from);
        self.merged_into.insert(from, into);
        self.absorb_members(from, gone.members, into);
        let keep = self.config.centroid_terms;
        let target = self.stories.get_mut(&into).expect("merging into an active story");
        let gone_channels = Channels {
            content: gone.content,
            anchors: gone.anchors,
            interlingual: gone.interlingual,
            glossed: gone.glossed,
        };
        target.absorb(&gone_channels, keep);
        target.size += gone.size;
        for l in gone.languages {
            if !target.languages.contains(&l) {
                target.languages.push(l);
            }
        }
        target.last_day = match (target.last_day, gone.last_day) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let q = self.config.query_terms;
        let keys: Vec<u64> =
            gone_channels.each().into_iter().flat_map(|c| vector::heaviest_keys(c, q)).collect();
        self.post(into, &keys);
    }
}

fn unit(v: &[(u64, f32)], norm: f32) -> Sparse {
    if norm > 0.0 { v.iter().map(|&(k, w)| (k, w / norm)).collect() } else { v.to_vec() }
}
