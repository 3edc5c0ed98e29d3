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
/// How many words before a cue a negation reaches ("no one was killed").
const NEGATION_REACH: usize = 3;
/// How many words before a cue a demand or threat reaches ("demanded that the president resign").
const IRREALIS_REACH: usize = 5;
/// Auxiliaries of the passive voice, English and French.
const PASSIVE: &[&str] = &["was", "were", "been", "being", "is", "are", "ete"];
/// The least score that makes an event.
pub const MIN_SCORE: f32 = 1.0;

/// One cue found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub concept: Concept,
    /// The cue's weight after position.
    pub weight: f32,
    /// The cue's weight in the lexicon.
    pub strength: f32,
    /// Words `start..end` of the text.
    pub start: usize,
    pub end: usize,
    /// Right after a negation ("no one was killed").
    pub negated: bool,
    /// Right after a demand, threat or plan ("demanding that he resign").
    pub irrealis: bool,
    /// Right after a passive auxiliary ("were pushed back"): the subject is the patient.
    pub passive: bool,
    /// The pattern as written in the lexicon.
    pub cue: &'static str,
}

impl Hit {
    /// Whether the cue says something happened: not negated, not only demanded or planned.
    pub fn counts(&self) -> bool {
        !self.negated && !self.irrealis
    }
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
        self.hits.iter().any(|h| h.concept == concept && h.counts())
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
    // The strongest occurrence of each cue, by cue index.
    let mut best: HashMap<usize, Hit> = HashMap::new();
    for (start, word) in words.iter().enumerate() {
        for &c in lexicon.starting_with(&word.folded) {
            let cue = &lexicon.cues[c];
            let Some(end) = cue.pattern.match_at(words, start) else { continue };
            let position = if word.sentence == 0 { 1.0 } else { LATER_SENTENCE };
            let hit = Hit {
                concept: cue.concept,
                weight: cue.weight * position,
                strength: cue.weight,
                start,
                end,
                negated: false,
                irrealis: false,
                passive: start > 0 && PASSIVE.contains(&words[start - 1].folded.as_str()),
                cue: &cue.source,
            };
            if best.get(&c).is_none_or(|b| hit.weight > b.weight) {
                best.insert(c, hit);
            }
        }
    }
    let mut hits: Vec<Hit> = best.into_values().collect();
    let spans = |concept: Concept| -> Vec<(usize, usize)> {
        hits.iter().filter(|h| h.concept == concept).map(|h| (h.start, h.end)).collect()
    };
    let (negations, irrealis) = (spans(Concept::Negation), spans(Concept::Irrealis));
    let reaches = |spans: &[(usize, usize)], at: usize, reach: usize| {
        spans
            .iter()
            .any(|&(start, end)| end <= at && at - end < reach && words[start].sentence == words[at].sentence)
    };
    for hit in hits.iter_mut().filter(|h| !h.concept.is_flag()) {
        hit.negated = reaches(&negations, hit.start, NEGATION_REACH);
        hit.irrealis = reaches(&irrealis, hit.start, IRREALIS_REACH);
    }
    // Text order, then a fixed order of cues over the same words, so that runs are reproducible.
    hits.sort_by(|a, b| (a.start, a.end, a.concept, a.cue).cmp(&(b.start, b.end, b.concept, b.cue)));
    hits
}

/// A key's score: its strongest cue, plus a share of the others; and that strongest cue.
#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    score: f32,
    best: Option<usize>,
    /// The greatest lexicon weight among its cues.
    strength: f32,
}

fn evidence(hits: &[Hit]) -> HashMap<Concept, Evidence> {
    let mut by_concept: HashMap<Concept, Vec<usize>> = HashMap::new();
    for (i, h) in hits.iter().enumerate() {
        if h.counts() && h.weight > 0.0 {
            by_concept.entry(h.concept).or_default().push(i);
        }
    }
    by_concept
        .into_iter()
        .map(|(concept, mut idx)| {
            idx.sort_by(|&a, &b| hits[b].weight.total_cmp(&hits[a].weight).then(a.cmp(&b)));
            let score =
                hits[idx[0]].weight + FURTHER_CUE * idx[1..].iter().map(|&i| hits[i].weight).sum::<f32>();
            let strength = idx.iter().map(|&i| hits[i].strength).fold(0.0, f32::max);
            (concept, Evidence { score, best: Some(idx[0]), strength })
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

    // Protests, by how they went. ACLED: demonstrators who use violence make a riot whatever
    // the police did; otherwise lethal or maiming force makes excessive force, dispersal or
    // arrests an intervention.
    let protest = get(Concept::Protest);
    if protest.score > 0.0 {
        let violence = get(Concept::ProtesterViolence).score;
        let lethal = get(Concept::LethalForce).score;
        let intervention = get(Concept::Intervention).score;
        let (sub_type, modifier) = if violence >= STRONG {
            (SubType::ViolentDemonstration, violence + intervention.max(lethal) * FURTHER_CUE)
        } else if lethal >= STRONG {
            (SubType::ExcessiveForceAgainstProtesters, lethal + intervention * FURTHER_CUE)
        } else if intervention > 0.0 {
            (SubType::ProtestWithIntervention, intervention + violence * FURTHER_CUE)
        } else if violence > 0.0 {
            (SubType::ViolentDemonstration, violence)
        } else {
            (SubType::PeacefulProtest, 0.0)
        };
        add(sub_type, protest.score + modifier, protest.best);
    }

    // Attacks, by their target; forces of both sides with casualties are a battle.
    let attack = get(Concept::AttackVerb);
    let forces = get(Concept::MilitaryTarget).score;
    let both_sides = get(Concept::StateForces).score.min(get(Concept::ArmedGroup).score);
    if attack.score > 0.0 {
        let civilians = get(Concept::Civilians).score;
        add(SubType::ArmedClash, attack.score * 0.5 + forces.max(both_sides) * 0.75, attack.best);
        add(SubType::Attack, attack.score * 0.5 + civilians * 0.75, attack.best);
    }
    let casualties = get(Concept::Casualties);
    if both_sides > 0.0 && casualties.score > 0.0 {
        add(SubType::ArmedClash, both_sides * 0.5 + casualties.score * 0.5, casualties.best);
    }

    // Places changing hands, by who takes them. Taking needs a place named after the verb
    // ("captured the town", not "captured a soldier"); taking back does not.
    let territory = get(Concept::Territory).score;
    for concept in [Concept::Regain, Concept::TakeControl] {
        let Some((at, e)) = place_taken(hits, concept) else { continue };
        let gain = e + territory * 0.5;
        match (taker(hits, at), concept) {
            (Some(Concept::StateForces), _) | (None, Concept::Regain) => {
                add(SubType::GovernmentRegainsTerritory, gain, Some(at))
            }
            (Some(_), _) => add(SubType::NonStateActorOvertakesTerritory, gain, Some(at)),
            (None, _) => add(SubType::NonStateActorOvertakesTerritory, gain * 0.75, Some(at)),
        }
    }

    // Weapons seized, found or defused, with nobody hurt: the weapons named are what was
    // disrupted, not what was used.
    let weapons = get(Concept::Weapons);
    let seizure = get(Concept::Seizure);
    let disrupted = weapons.score > 0.0 && seizure.score > 0.0 && get(Concept::Casualties).score == 0.0;
    if weapons.score > 0.0 && seizure.score > 0.0 {
        add(SubType::DisruptedWeaponsUse, (weapons.score + seizure.score) * 0.75, seizure.best);
    }

    // The means decides: ACLED types a violent event by its weapon when one is named (a
    // grenade thrown in a clash is a grenade attack), and the more specific weapon wins (a
    // suicide bomber's device is a suicide bomb, missiles fired by jets an air strike).
    let named: Vec<(SubType, f32)> =
        MEANS.iter().copied().filter(|&(s, _)| get(Concept::SubType(s)).strength >= 3.0).collect();
    for (s, rank) in named {
        let to = if disrupted && s != SubType::SexualViolence && s != SubType::Abduction {
            SubType::DisruptedWeaponsUse
        } else {
            s
        };
        if let Some(entry) = scores.get_mut(&to) {
            entry.0 += MEANS_BONUS + rank;
        }
    }

    let mut ranked: Vec<Scored> =
        scores.into_iter().map(|(sub_type, (score, trigger))| Scored { sub_type, score, trigger }).collect();
    // A tie goes to the event told first (the main clause of a lead comes before its
    // circumstances), then to the earlier sub-type, so that the order never depends on hashing.
    ranked.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then(a.trigger.cmp(&b.trigger)).then(a.sub_type.cmp(&b.sub_type))
    });
    ranked
}

/// A cue weight that names a sub-type alone (3) at a later sentence's discount.
const STRONG: f32 = 3.0 * LATER_SENTENCE;

/// Sub-types named by the means of violence, with how specific each means is: a suicide
/// bomb or a chemical shell is also a bomb or a shell; an air strike may fire missiles.
const MEANS: &[(SubType, f32)] = &[
    (SubType::SuicideBomb, 1.5),
    (SubType::ChemicalWeapon, 1.5),
    (SubType::AirOrDroneStrike, 1.0),
    (SubType::Grenade, 1.0),
    (SubType::SexualViolence, 1.0),
    (SubType::Abduction, 0.5),
    (SubType::ShellingArtilleryMissile, 0.5),
    (SubType::RemoteExplosive, 0.0),
];

/// What naming a means adds over generic violence (an attack, a clash, casualties).
const MEANS_BONUS: f32 = 1.5;

/// The strongest cue of `concept` (taking or taking back) that a place follows, when it
/// is a take; its word and weight.
fn place_taken(hits: &[Hit], concept: Concept) -> Option<(usize, f32)> {
    hits.iter()
        .enumerate()
        .filter(|(_, h)| h.concept == concept && h.counts())
        .filter(|(_, h)| {
            concept == Concept::Regain
                || hits.iter().any(|t| {
                    t.concept == Concept::Territory && t.start >= h.end && t.start - h.end <= PLACE_REACH
                })
        })
        .max_by(|a, b| a.1.weight.total_cmp(&b.1.weight))
        .map(|(i, h)| (i, h.weight))
}

/// How many words after a taking verb the place may come ("seized the strategic hilltop
/// town of").
const PLACE_REACH: usize = 6;

/// Who takes a place: the first actor of the sentence before the verb (a news sentence
/// names its subject first), else the first after it; the other side when the verb is
/// passive ("the militants were pushed back").
fn taker(hits: &[Hit], at: usize) -> Option<Concept> {
    let verb = &hits[at];
    let actors = || hits.iter().filter(|h| matches!(h.concept, Concept::StateForces | Concept::ArmedGroup));
    let before = actors().find(|h| h.end <= verb.start && verb.start - h.end <= SUBJECT_REACH);
    match before {
        Some(subject) if verb.passive => Some(other_side(subject.concept)),
        Some(subject) => Some(subject.concept),
        None => actors().find(|h| h.start >= verb.end).map(|h| h.concept),
    }
}

/// How far before its verb a subject may be (a lead's subject with its apposition).
const SUBJECT_REACH: usize = 12;

fn other_side(actor: Concept) -> Concept {
    if actor == Concept::StateForces { Concept::ArmedGroup } else { Concept::StateForces }
}
