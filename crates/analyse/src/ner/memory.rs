//! Entity memory: the names the training data tags, with how often each string was tagged as
//! each type and how often it occurs at all. A token inside a remembered string gets a code
//! (dominant type, first or later token, how reliably the string is an entity), which the
//! `memory` features use.
//!
//! Learnt, not written: it is the training data's own annotations. Trained naively, the model
//! would see every training name in the memory and trust it blindly; so training uses a
//! jackknife (as in Ratinov & Roth 2009's "gazetteers from training data", after Florian et
//! al. 2003): the sentences of fold k see the memory built from the other folds only, so the
//! feature is exactly as reliable in training as it is on unseen text.

use std::collections::HashMap;
pub use storyline_codec::FastMap;

/// Longest remembered string, in tokens.
pub const MAX_TOKENS: usize = 6;

/// Number of jackknife folds used in training.
pub const FOLDS: usize = 10;

/// For each remembered string: occurrences in the text, then counts per entity type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityMemory {
    /// Entity types, in the order of the counts.
    pub types: Vec<String>,
    map: FastMap<String, Vec<u32>>,
    /// For each first space-separated piece of a remembered string, the most pieces such a
    /// string has: a token whose first piece is not here starts no remembered string, and a
    /// string cannot span more tokens than it has pieces.
    firsts: FastMap<String, u8>,
}

fn key_of<S: AsRef<str>>(tokens: &[S]) -> String {
    let mut k = String::new();
    push_key(&mut k, tokens);
    k
}

fn push_key<S: AsRef<str>>(k: &mut String, tokens: &[S]) {
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            k.push(' ');
        }
        k.push_str(&super::features::normalise(t.as_ref()));
    }
}

fn firsts_of(map: &FastMap<String, Vec<u32>>) -> FastMap<String, u8> {
    let mut firsts: FastMap<String, u8> = FastMap::default();
    for k in map.keys() {
        let first = k.split(' ').next().unwrap_or("");
        let pieces = k.split(' ').count().min(255) as u8;
        let m = firsts.entry(first.to_owned()).or_insert(0);
        *m = (*m).max(pieces);
    }
    firsts
}

impl EntityMemory {
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Builds the memory of tagged sentences, one per fold when `folds` > 1 (sentence `i`
    /// goes to fold `i % folds`): `[full, without fold 0, without fold 1, ...]`. The `extra`
    /// sentences (other tagged data, not trained on) count in every memory.
    pub fn build_folds<S: AsRef<str>>(
        sentences: &[(&[S], &[S])],
        extra: &[(&[S], &[S])],
        types: &[String],
        folds: usize,
    ) -> Vec<Self> {
        let n_types = types.len();
        let folds = folds.max(1);
        // One map per fold, and a last one for the extra sentences.
        let mut per_fold: Vec<HashMap<String, Vec<u32>>> = vec![HashMap::new(); folds + 1];
        let all = || {
            sentences.iter().enumerate().map(|(i, s)| (i % folds, s)).chain(extra.iter().map(|s| (folds, s)))
        };
        // Entity strings and their types.
        for (fold, (tokens, tags)) in all() {
            for e in super::entities(tags) {
                if e.end - e.start > MAX_TOKENS {
                    continue;
                }
                let Some(t) = types.iter().position(|t| *t == e.label) else { continue };
                let c = per_fold[fold]
                    .entry(key_of(&tokens[e.start..e.end]))
                    .or_insert_with(|| vec![0; n_types + 1]);
                c[1 + t] += 1;
            }
        }
        let mut full: FastMap<String, Vec<u32>> = FastMap::default();
        for m in &per_fold {
            for (k, c) in m {
                let f = full.entry(k.clone()).or_insert_with(|| vec![0; n_types + 1]);
                f.iter_mut().zip(c).for_each(|(a, b)| *a += b);
            }
        }
        // Occurrences of those strings anywhere (tagged or not), per fold.
        for (fold, (tokens, _)) in all() {
            for start in 0..tokens.len() {
                for end in start + 1..=(start + MAX_TOKENS).min(tokens.len()) {
                    let k = key_of(&tokens[start..end]);
                    if let Some(c) = full.get_mut(&k) {
                        c[0] += 1;
                        per_fold[fold].entry(k).or_insert_with(|| vec![0; n_types + 1])[0] += 1;
                    }
                }
            }
        }
        let mut out = vec![EntityMemory::new(types.to_vec(), full.clone())];
        if folds > 1 {
            for m in per_fold.into_iter().take(folds) {
                // The memory without this fold: full minus the fold's counts.
                let mut rest = full.clone();
                for (k, c) in m {
                    let r = rest.get_mut(&k).expect("fold keys are in the full memory");
                    r.iter_mut().zip(&c).for_each(|(a, b)| *a -= b);
                }
                rest.retain(|_, c| c[1..].iter().any(|&x| x > 0));
                out.push(EntityMemory::new(types.to_vec(), rest));
            }
        }
        out
    }

    /// One code per token: 0 outside remembered strings, else
    /// `1 + type × 8 + later_token × 4 + reliability` (reliability 0..=3: the share of the
    /// string's occurrences that were tagged, < 0.3, < 0.6, < 0.9, ≥ 0.9). Longest match first.
    ///
    /// In a sentence written in capitals (a headline), tokens are looked up title-cased
    /// (`JAPAN` as `Japan`), since the memory keeps names as usually written. Elsewhere a
    /// word in capitals that is not remembered as written is looked up title-cased too: one
    /// source writes an agency or a party `Xinhua`, another `XINHUA`.
    pub fn codes<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<u8> {
        let out = vec![0u8; tokens.len()];
        if self.map.is_empty() {
            return out;
        }
        if super::features::upper_case_sentence(tokens) {
            let titled: Vec<String> = tokens.iter().map(|t| title_case(t.as_ref())).collect();
            return self.codes_of(&titled, out);
        }
        let mut codes = self.codes_of(tokens, out);
        if tokens.iter().any(|t| is_capitals(t.as_ref())) {
            let titled: Vec<String> = tokens
                .iter()
                .map(|t| if is_capitals(t.as_ref()) { title_case(t.as_ref()) } else { t.as_ref().to_owned() })
                .collect();
            let folded = self.codes_of(&titled, vec![0u8; tokens.len()]);
            for (c, f) in codes.iter_mut().zip(folded) {
                if *c == 0 {
                    *c = f;
                }
            }
        }
        codes
    }

    fn codes_of<S: AsRef<str>>(&self, tokens: &[S], mut out: Vec<u8>) -> Vec<u8> {
        let mut i = 0;
        let mut key = String::new();
        while i < tokens.len() {
            let first = super::features::normalise(tokens[i].as_ref());
            let Some(&pieces) = self.firsts.get(first.split(' ').next().unwrap_or("")) else {
                i += 1;
                continue;
            };
            let mut found = None;
            for end in (i + 1..=(i + MAX_TOKENS.min(usize::from(pieces))).min(tokens.len())).rev() {
                key.clear();
                push_key(&mut key, &tokens[i..end]);
                if let Some(c) = self.map.get(&key) {
                    found = Some((end, c));
                    break;
                }
            }
            match found {
                Some((end, c)) => {
                    let (t, _) =
                        c[1..].iter().enumerate().max_by_key(|&(t, &n)| (n, usize::MAX - t)).expect("types");
                    let tagged: u32 = c[1..].iter().sum();
                    let share = f64::from(tagged) / f64::from(c[0].max(tagged).max(1));
                    let rel = match share {
                        s if s < 0.3 => 0,
                        s if s < 0.6 => 1,
                        s if s < 0.9 => 2,
                        _ => 3,
                    };
                    for (k, o) in out[i..end].iter_mut().enumerate() {
                        *o = (1 + t * 8 + usize::from(k > 0) * 4 + rel).min(255) as u8;
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Entries sorted by string, for a deterministic file.
    pub fn sorted(&self) -> Vec<(&str, &[u32])> {
        let mut v: Vec<(&str, &[u32])> = self.map.iter().map(|(k, c)| (k.as_str(), c.as_slice())).collect();
        v.sort_unstable();
        v
    }

    pub fn from_entries(types: Vec<String>, entries: impl IntoIterator<Item = (String, Vec<u32>)>) -> Self {
        EntityMemory::new(types, entries.into_iter().collect())
    }

    fn new(types: Vec<String>, map: FastMap<String, Vec<u32>>) -> Self {
        let firsts = firsts_of(&map);
        EntityMemory { types, map, firsts }
    }
}

/// A word of at least two letters, all capitals.
fn is_capitals(t: &str) -> bool {
    t.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !t.chars().any(char::is_lowercase)
}

/// `JAPAN` → `Japan`, `NEW-YORK` → `New-York`.
fn title_case(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut start = true;
    for c in t.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Vec<String> {
        x.split(' ').map(String::from).collect()
    }

    #[test]
    fn folds_do_not_see_their_own_names() {
        let data = [
            (s("Orvan Keldar came"), s("B-PER I-PER O")),
            (s("to Brovany today"), s("O B-LOC O")),
            (s("Orvan Keldar left"), s("B-PER I-PER O")),
            (s("Brovany is far"), s("O O O")),
        ];
        let pairs: Vec<(&[String], &[String])> =
            data.iter().map(|(a, b)| (a.as_slice(), b.as_slice())).collect();
        let types = vec!["LOC".to_string(), "PER".to_string()];
        let m = EntityMemory::build_folds(&pairs, &[], &types, 2);
        assert_eq!(m.len(), 3);
        // Full memory: Orvan Keldar is PER (type 1), reliably; Brovany is LOC half the time.
        assert_eq!(m[0].codes(&s("see Orvan Keldar now")), [0, 1 + 8 + 3, 1 + 8 + 4 + 3, 0]);
        assert_eq!(m[0].codes(&s("Brovany")), [1 + 1]);
        assert_eq!(m[0].codes(&s("SEE ORVAN KELDAR NOW")), [0, 1 + 8 + 3, 1 + 8 + 4 + 3, 0], "headline");
        assert_eq!(m[0].codes(&s("see ORVAN KELDAR now")), [0, 1 + 8 + 3, 1 + 8 + 4 + 3, 0], "capitals");
        assert_eq!(m[0].codes(&s("see ORVAN Keldar now")), [0, 1 + 8 + 3, 1 + 8 + 4 + 3, 0], "mixed");
        assert_eq!(m[0].codes(&s("see orvan keldar now")), [0, 0, 0, 0], "lower case is not a name");
        assert_eq!(m[0].codes(&s("see BROVANY")), [0, 1 + 1], "one word in capitals");
        // Fold 1 (sentences 1 and 3) is scored with the memory of fold 0: no Brovany tag there.
        assert_eq!(m[2].codes(&s("Brovany")), [0]);
        assert_eq!(m[2].codes(&s("Orvan Keldar")), [1 + 8 + 3, 1 + 8 + 4 + 3]);
        // Fold 0 (sentences 0 and 2) keeps Brovany from sentence 1, but Orvan Keldar only
        // occurs in fold 0 itself.
        assert_eq!(m[1].codes(&s("Orvan Keldar")), [0, 0]);
        assert_eq!(m[1].codes(&s("Brovany")), [1 + 1], "tagged once in two occurrences");
        // Extra data counts everywhere, in every fold.
        let extra = [(s("Orvan Keldar spoke"), s("B-ORG I-ORG O"))];
        let extra: Vec<(&[String], &[String])> =
            extra.iter().map(|(a, b)| (a.as_slice(), b.as_slice())).collect();
        let m = EntityMemory::build_folds(&pairs, &extra, &types, 2);
        assert_eq!(m[1].codes(&s("Orvan Keldar")), [0, 0], "ORG is not a type of this memory");
        let types3 = vec!["LOC".to_string(), "ORG".to_string(), "PER".to_string()];
        let m = EntityMemory::build_folds(&pairs, &extra, &types3, 2);
        assert_eq!(m[1].codes(&s("Orvan Keldar")), [1 + 8 + 3, 1 + 8 + 4 + 3], "ORG from the extra data");
        assert_eq!(m[0].codes(&s("Orvan Keldar")), [1 + 16 + 3, 1 + 16 + 4 + 3], "PER twice, ORG once");
    }
}
