//! Typing a sentence or snippet: cues found, weighed, combined into sub-type scores.
//!
//! Each cue of the language's lexicon is looked for in the text; a cue counts once, at its
//! strongest occurrence, less in later sentences (a news lead states its event first) and not
//! at all right after a negation ("no one was killed"). Cues of one key add up with
//! diminishing returns. Sub-types score their own cues, plus combinations that follow
//! ACLED's definitions: a protest met with lethal force is excessive force against
//! protesters, one met with dispersal or arrests a protest with intervention, one whose
//! participants riot a violent demonstration; an attack on forces is an armed clash, one on
//! civilians an attack; a place taken is a government's regained territory or a non-state
//! actor's conquest depending on who took it; weapons seized are disrupted weapons use.

use crate::Lang;
use crate::lexicon::{Concept, Lexicon};
use crate::taxonomy::SubType;
use crate::words::{Word, words};
use std::collections::HashMap;

/// Weight of a cue outside the first sentence.
const LATER_SENTENCE: f32 = 0.6;
/// Share of each further cue of a key, after its strongest.
const FURTHER_CUE: f32 = 0.3;
/// How many words before a cue a negation reaches.
const NEGATION_REACH: usize = 3;
/// The least score that makes an event.
pub const MIN_SCORE: f32 = 1.0;

/// One cue found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub concept: Concept,
    /// The cue's weight after position.
    pub weight: f32,
    /// Words `start..end` of the text.
    pub start: usize,
    pub end: usize,
    pub negated: bool,
    /// The pattern as written in the lexicon.
    pub cue: &'static str,
}

/// A sub-type's score and the cue that weighs most in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub sub_type: SubType,
    pub score: f32,
    /// Index into [`Typing::hits`].
    pub trigger: usize,
}

/// Everything the classifier saw in a text.
#[derive(Debug, Clone)]
pub struct Typing {
    pub words: Vec<Word>,
    pub hits: Vec<Hit>,
    /// Every sub-type with a positive score, best first.
    pub ranked: Vec<Scored>,
}

impl Typing {
    /// The best sub-type when its score reaches [`MIN_SCORE`].
    pub fn best(&self) -> Option<&Scored> {
        self.ranked.first().filter(|s| s.score >= MIN_SCORE)
    }

    /// Whether a (not negated) cue of `concept` was found.
    pub fn has(&self, concept: Concept) -> bool {
        self.hits.iter().any(|h| h.concept == concept && !h.negated)
    }
}

/// The sub-type of the event `text` reports, with its score, or `None` when no cue is strong
/// enough. Scores are sums of cue weights (3 for a cue that names the sub-type alone).
pub fn classify(text: &str, lang: Lang) -> Option<(SubType, f32)> {
    type_text(text, lang).best().map(|s| (s.sub_type, s.score))
}

/// Every sub-type with a positive score for `text`, best first.
pub fn ranked(text: &str, lang: Lang) -> Vec<(SubType, f32)> {
    type_text(text, lang).ranked.into_iter().map(|s| (s.sub_type, s.score)).collect()
}

/// The full analysis of `text`: its words, the cues found and the ranked sub-types.
pub fn type_text(text: &str, lang: Lang) -> Typing {
    let (words, _) = words(text);
    let hits = find_cues(&words, Lexicon::shipped(lang));
    let ranked = score(&hits);
    Typing { words, hits, ranked }
}

fn find_cues(words: &[Word], lexicon: &'static Lexicon) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    for cue in &lexicon.cues {
        let mut best: Option<Hit> = None;
        for start in 0..words.len() {
            let Some(end) = cue.pattern.match_at(words, start) else { continue };
            let position = if words[start].sentence == 0 { 1.0 } else { LATER_SENTENCE };
            let hit = Hit {
                concept: cue.concept,
                weight: cue.weight * position,
                start,
                end,
                negated: false,
                cue: &cue.source,
            };
            if best.as_ref().is_none_or(|b| hit.weight > b.weight) {
                best = Some(hit);
            }
        }
        hits.extend(best);
    }
    let negations: Vec<(usize, usize)> =
        hits.iter().filter(|h| h.concept == Concept::Negation).map(|h| (h.start, h.end)).collect();
    for hit in hits.iter_mut().filter(|h| !matches!(h.concept, Concept::Negation | Concept::Hedge)) {
        hit.negated = negations.iter().any(|&(start, end)| {
            start < hit.start
                && end <= hit.start
                && hit.start - end < NEGATION_REACH
                && words[start].sentence == words[hit.start].sentence
        });
    }
    hits.sort_by_key(|h| (h.start, h.end));
    hits
}

/// A key's score: its strongest cue, plus a share of the others; and that strongest cue.
#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    score: f32,
    best: Option<usize>,
}

fn evidence(hits: &[Hit]) -> HashMap<Concept, Evidence> {
    let mut by_concept: HashMap<Concept, Vec<usize>> = HashMap::new();
    for (i, h) in hits.iter().enumerate() {
        if !h.negated && h.weight > 0.0 {
            by_concept.entry(h.concept).or_default().push(i);
        }
    }
    by_concept
        .into_iter()
        .map(|(concept, mut idx)| {
            idx.sort_by(|&a, &b| hits[b].weight.total_cmp(&hits[a].weight).then(a.cmp(&b)));
            let score = hits[idx[0]].weight + FURTHER_CUE * idx[1..].iter().map(|&i| hits[i].weight).sum::<f32>();
            (concept, Evidence { score, best: Some(idx[0]) })
        })
        .collect()
}

fn score(hits: &[Hit]) -> Vec<Scored> {
    let ev = evidence(hits);
    let get = |c: Concept| ev.get(&c).copied().unwrap_or_default();
    let mut scores: HashMap<SubType, (f32, usize)> = HashMap::new();
    let mut add = |s: SubType, score: f32, trigger: Option<usize>| {
        let Some(trigger) = trigger else { return };
        if score <= 0.0 {
            return;
        }
        let entry = scores.entry(s).or_insert((0.0, trigger));
        entry.0 += score;
    };
    for &s in SubType::ALL {
        let e = get(Concept::SubType(s));
        add(s, e.score, e.best);
    }

    // Protests, by how they were met (ACLED's protest and riot sub-types).
    let protest = get(Concept::Protest);
    if protest.score > 0.0 {
        add(SubType::PeacefulProtest, protest.score, protest.best);
        for (modifier, sub_type) in [
            (Concept::LethalForce, SubType::ExcessiveForceAgainstProtesters),
            (Concept::Intervention, SubType::ProtestWithIntervention),
            (Concept::ProtesterViolence, SubType::ViolentDemonstration),
        ] {
            let m = get(modifier);
            if m.score > 0.0 {
                add(sub_type, protest.score + m.score, protest.best);
            }
        }
    }

    // Attacks, by their target.
    let attack = get(Concept::AttackVerb);
    if attack.score > 0.0 {
        let forces = get(Concept::MilitaryTarget).score;
        let civilians = get(Concept::Civilians).score;
        let both_sides = get(Concept::StateForces).score.min(get(Concept::ArmedGroup).score);
        add(SubType::ArmedClash, attack.score * 0.5 + forces.max(both_sides) * 0.75, attack.best);
        add(SubType::Attack, attack.score * 0.5 + civilians * 0.75, attack.best);
    }

    // Places changing hands, by who takes them.
    let territory = get(Concept::Territory);
    if territory.score > 0.0 {
        let regain = get(Concept::Regain);
        add(SubType::GovernmentRegainsTerritory, regain.score + territory.score * 0.5, regain.best);
        let take = get(Concept::TakeControl);
        if let Some(at) = take.best {
            let gain = take.score + territory.score * 0.5;
            match taker(hits, hits[at].start) {
                Some(Concept::StateForces) => add(SubType::GovernmentRegainsTerritory, gain, take.best),
                Some(_) => add(SubType::NonStateActorOvertakesTerritory, gain, take.best),
                None => add(SubType::NonStateActorOvertakesTerritory, gain * 0.75, take.best),
            }
        }
    }

    let weapons = get(Concept::Weapons);
    let seizure = get(Concept::Seizure);
    if weapons.score > 0.0 && seizure.score > 0.0 {
        add(SubType::DisruptedWeaponsUse, (weapons.score + seizure.score) * 0.75, seizure.best);
    }

    let mut ranked: Vec<Scored> =
        scores.into_iter().map(|(sub_type, (score, trigger))| Scored { sub_type, score, trigger }).collect();
    // Ties go to the earlier sub-type of the taxonomy, so that the order never depends on hashing.
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.sub_type.cmp(&b.sub_type)));
    ranked
}

/// Who takes a place: the actor named last before the taking, else the first one after it.
fn taker(hits: &[Hit], at: usize) -> Option<Concept> {
    let actors = || hits.iter().filter(|h| matches!(h.concept, Concept::StateForces | Concept::ArmedGroup));
    actors().filter(|h| h.start < at).last().or_else(|| actors().find(|h| h.start > at)).map(|h| h.concept)
}
