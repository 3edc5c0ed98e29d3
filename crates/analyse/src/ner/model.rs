//! A trained model: labels, lexicon, and quantised weights in an open-addressing table.
//!
//! File format (all inside one gzip stream):
//! ```text
//! "SLNER1" features_version lang labels lexicon clusters memory scale n_features
//!          { key delta } { weight × n_labels }
//! ```
//! Integers are varints, weights zigzag varints of `round(w × scale)` in `i16`; keys sorted
//! and delta-coded. `clusters` is a count, then `word code` pairs sorted by word; `memory`
//! the entity types, a count, then `string occurrences count_per_type…` sorted by string
//! (both since features version 3). Quantising loses nothing measurable (the dev F1 printed by training is
//! measured on the quantised model) and makes the file and the memory 2× smaller than `f32`.

use super::clusters::Clusters;
use super::decode::{Precomputed, Scorer, decode_table};
use super::features::{FEATURES_VERSION, TokenInfo, set_memory, token_infos};
use super::lexicon::Lexicon;
use super::memory::EntityMemory;
use flate2::read::GzDecoder;
use flate2::{Compression, GzBuilder};
use std::io::{self, Read, Write};
use std::path::Path;
use storyline_codec::{Reader, invalid, put, put_str};
use storyline_geo::Gazetteer;

const MAGIC: &[u8] = b"SLNER1";

/// Weights by feature key, `n_labels` per key, in an open-addressing table. Probing reads
/// only `keys` (4 bytes a slot, so the probed part of the table stays in cache); a hit then
/// reads the slot's row of weights, contiguous in `weights`.
#[derive(Debug, Clone)]
pub struct FeatureTable {
    /// `keys[h & mask]`; 0 is empty.
    keys: Vec<u32>,
    /// The row of each slot's weights.
    rows: Vec<u32>,
    mask: usize,
    weights: Vec<i16>,
    n_labels: usize,
}

impl FeatureTable {
    pub fn new(mut entries: Vec<(u32, Vec<i16>)>, n_labels: usize) -> Self {
        entries.sort_unstable_by_key(|e| e.0);
        // Load factor 1/3 to 2/3: a smaller table stays in cache better than probes are short.
        let cap = (entries.len() * 3 / 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let (mut keys, mut rows) = (vec![0u32; cap], vec![0u32; cap]);
        let mut weights = Vec::with_capacity(entries.len() * n_labels);
        for (row, (k, w)) in entries.into_iter().enumerate() {
            debug_assert_eq!(w.len(), n_labels);
            let mut at = slot_of(k, mask);
            while keys[at] != 0 {
                at = (at + 1) & mask;
            }
            keys[at] = k;
            rows[at] = row as u32;
            weights.extend_from_slice(&w);
        }
        FeatureTable { keys, rows, mask, weights, n_labels }
    }

    #[inline]
    fn row(&self, k: u32) -> Option<&[i16]> {
        let mut at = slot_of(k, self.mask);
        loop {
            let sk = self.keys[at];
            if sk == k {
                let r = self.rows[at] as usize * self.n_labels;
                return Some(&self.weights[r..r + self.n_labels]);
            }
            if sk == 0 {
                return None;
            }
            at = (at + 1) & self.mask;
        }
    }

    pub fn len(&self) -> usize {
        self.weights.len() / self.n_labels.max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Entries sorted by key.
    fn entries(&self) -> Vec<(u32, &[i16])> {
        let mut v: Vec<(u32, &[i16])> = (0..self.keys.len())
            .filter(|&at| self.keys[at] != 0)
            .map(|at| {
                let r = self.rows[at] as usize * self.n_labels;
                (self.keys[at], &self.weights[r..r + self.n_labels])
            })
            .collect();
        v.sort_unstable_by_key(|e| e.0);
        v
    }
}

#[inline]
fn slot_of(k: u32, mask: usize) -> usize {
    (k.wrapping_mul(0x9e37_79b1) >> 7) as usize & mask
}

impl FeatureTable {
    /// Adds the weights of `features` to `acc`, one per label.
    #[inline]
    pub fn accumulate(&self, features: &[u32], acc: &mut [i32]) {
        for &f in features {
            if let Some(w) = self.row(f) {
                for (a, &x) in acc.iter_mut().zip(w) {
                    *a += i32::from(x);
                }
            }
        }
    }
}

impl Scorer for FeatureTable {
    fn score(&self, features: &[u32], scores: &mut [f32]) {
        let mut acc = [0i32; 32];
        let acc = &mut acc[..self.n_labels];
        self.accumulate(features, acc);
        for (s, a) in scores.iter_mut().zip(acc.iter()) {
            *s = *a as f32;
        }
    }
}

/// A named-entity model for one language.
#[derive(Debug, Clone)]
pub struct Model {
    pub lang: String,
    pub labels: Vec<String>,
    pub lexicon: Lexicon,
    /// Word clusters learnt from unlabeled text (empty: no cluster features fire).
    pub clusters: Clusters,
    /// Names of the training data (empty: no memory features fire).
    pub memory: EntityMemory,
    pub table: FeatureTable,
    /// Weights were multiplied by this before rounding.
    pub scale: f32,
    /// What decoding precomputes (allowed transitions, history weights), on first use.
    pub(crate) precomputed: std::sync::OnceLock<Precomputed>,
}

impl Model {
    pub fn new(lang: String, labels: Vec<String>, lexicon: Lexicon, table: FeatureTable, scale: f32) -> Self {
        Model {
            lang,
            labels,
            lexicon,
            clusters: Clusters::default(),
            memory: EntityMemory::default(),
            table,
            scale,
            precomputed: std::sync::OnceLock::new(),
        }
    }

    /// The same model with an entity memory.
    pub fn with_memory(mut self, memory: EntityMemory) -> Self {
        self.memory = memory;
        self
    }

    /// The same model with word clusters.
    pub fn with_clusters(mut self, clusters: Clusters) -> Self {
        self.clusters = clusters;
        self
    }
}

impl Model {
    /// Tags a tokenized sentence, one IOB2 tag per token.
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<&str> {
        let infos = self.infos(tokens);
        self.tag_infos(&infos).into_iter().map(|l| self.labels[l as usize].as_str()).collect()
    }

    pub(crate) fn infos<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<TokenInfo> {
        let mut infos = token_infos(tokens, &self.lexicon, &self.clusters, Some(Gazetteer::embedded()));
        set_memory(&mut infos, &self.memory.codes(tokens));
        infos
    }

    pub(crate) fn tag_infos(&self, infos: &[TokenInfo]) -> Vec<u8> {
        let pre = self
            .precomputed
            .get_or_init(|| Precomputed::new(&self.table, &self.labels, &self.lexicon, &self.clusters));
        decode_table(&self.table, pre, infos)
    }

    /// Loads what tagging needs besides the model (the embedded gazetteer), so that the
    /// first sentence is not slower than the others.
    pub fn warm_up(&self) {
        let _ = self.tag(&["Paris"]);
    }

    pub fn load(path: &Path) -> io::Result<Self> {
        let bytes =
            std::fs::read(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        Self::from_gz(&bytes).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }

    pub fn save(&self, path: &Path) -> io::Result<()> {
        std::fs::write(path, self.to_gz())
    }

    pub fn to_gz(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        put(&mut b, u64::from(FEATURES_VERSION));
        put_str(&mut b, &self.lang);
        put(&mut b, self.labels.len() as u64);
        for l in &self.labels {
            put_str(&mut b, l);
        }
        let lex = self.lexicon.sorted();
        put(&mut b, lex.len() as u64);
        for (w, bucket) in lex {
            put_str(&mut b, w);
            b.push(bucket);
        }
        let clusters = self.clusters.sorted();
        put(&mut b, clusters.len() as u64);
        for (w, code) in clusters {
            put_str(&mut b, w);
            put(&mut b, u64::from(code));
        }
        put(&mut b, self.memory.types.len() as u64);
        for t in &self.memory.types {
            put_str(&mut b, t);
        }
        let memory = self.memory.sorted();
        put(&mut b, memory.len() as u64);
        for (s, counts) in memory {
            put_str(&mut b, s);
            for &c in counts {
                put(&mut b, u64::from(c));
            }
        }
        b.extend_from_slice(&self.scale.to_le_bytes());
        let entries = self.table.entries();
        put(&mut b, entries.len() as u64);
        let mut prev = 0u32;
        for (k, _) in &entries {
            put(&mut b, u64::from(k - prev));
            prev = *k;
        }
        for (_, w) in &entries {
            for &x in *w {
                put(&mut b, ((i64::from(x) << 1) ^ (i64::from(x) >> 63)) as u64);
            }
        }
        let mut gz = GzBuilder::new().mtime(0).write(Vec::new(), Compression::best());
        gz.write_all(&b).expect("writing to memory");
        gz.finish().expect("writing to memory")
    }

    pub fn from_gz(gz: &[u8]) -> io::Result<Self> {
        let mut raw = Vec::new();
        GzDecoder::new(gz).read_to_end(&mut raw)?;
        let mut r = Reader::new(&raw, "NER model");
        if r.take(MAGIC.len())? != MAGIC {
            return Err(invalid("not a storyline NER model"));
        }
        let version = r.get()?;
        if version != u64::from(FEATURES_VERSION) {
            return Err(invalid(format!(
                "model built for features version {version}, this build has {FEATURES_VERSION}: retrain it"
            )));
        }
        let lang = r.get_str()?.to_owned();
        let n = r.get()? as usize;
        if n == 0 || n > 32 {
            return Err(invalid("bad label count"));
        }
        let labels = (0..n).map(|_| r.get_str().map(str::to_owned)).collect::<io::Result<Vec<_>>>()?;
        let n_lex = r.get()? as usize;
        let mut lex = Vec::with_capacity(n_lex);
        for _ in 0..n_lex {
            let w = r.get_str()?.to_owned();
            lex.push((w, r.take(1)?[0]));
        }
        let n_clusters = r.get()? as usize;
        let mut clusters = Vec::with_capacity(n_clusters.min(1 << 20));
        for _ in 0..n_clusters {
            let w = r.get_str()?.to_owned();
            let code = u32::try_from(r.get()?).map_err(|_| invalid("cluster code out of range"))?;
            clusters.push((w, code));
        }
        let n_types = r.get()? as usize;
        if n_types > 32 {
            return Err(invalid("bad entity type count"));
        }
        let types = (0..n_types).map(|_| r.get_str().map(str::to_owned)).collect::<io::Result<Vec<_>>>()?;
        let n_memory = r.get()? as usize;
        let mut memory = Vec::with_capacity(n_memory.min(1 << 20));
        for _ in 0..n_memory {
            let s = r.get_str()?.to_owned();
            let counts = (0..=n_types)
                .map(|_| r.get().and_then(|c| u32::try_from(c).map_err(|_| invalid("count out of range"))))
                .collect::<io::Result<Vec<u32>>>()?;
            memory.push((s, counts));
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
        let n_feat = r.get()? as usize;
        let mut keys = Vec::with_capacity(n_feat);
        let mut k = 0u64;
        for _ in 0..n_feat {
            k += r.get()?;
            keys.push(u32::try_from(k).map_err(|_| invalid("feature key out of range"))?);
        }
        let mut entries = Vec::with_capacity(n_feat);
        for key in keys {
            let mut w = Vec::with_capacity(n);
            for _ in 0..n {
                let v = r.get()?;
                let x = (v >> 1) as i64 ^ -((v & 1) as i64);
                w.push(i16::try_from(x).map_err(|_| invalid("weight out of range"))?);
            }
            entries.push((key, w));
        }
        let table = FeatureTable::new(entries, labels.len());
        Ok(Model::new(lang, labels, Lexicon::from_entries(lex), table, scale)
            .with_clusters(Clusters::from_entries(clusters))
            .with_memory(EntityMemory::from_entries(types, memory)))
    }
}
