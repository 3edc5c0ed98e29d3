//! The cue lexicons: one text file per language (`lexicon/<lang>.txt`), read once.
//!
//! A line is `key weight pattern | pattern | ...`. The key names a sub-type (its cues score
//! for it directly) or one of the [`Concept`]s the classifier combines; see the files' own
//! header for the pattern syntax.

use crate::Lang;
use crate::taxonomy::SubType;
use crate::words::Pattern;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a cue says: a sub-type outright, or a piece of context the classifier combines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Concept {
    SubType(SubType),
    /// A demonstration of any kind.
    Protest,
    /// Violence by demonstrators: stones, fires, clashes, storming.
    ProtesterViolence,
    /// Force that kills or maims: live fire, deaths.
    LethalForce,
    /// Force that disperses or stops without serious harm: tear gas, arrests, batons.
    Intervention,
    /// The verb of an armed attack (attacked, stormed, ambushed).
    AttackVerb,
    /// What armed forces are: positions, bases, troops.
    MilitaryTarget,
    /// Who and what is not: civilians, villagers, a market, a school.
    Civilians,
    /// The state's forces (army, police) as actors.
    StateForces,
    /// Non-state armed groups as actors.
    ArmedGroup,
    /// Taking control of a place.
    TakeControl,
    /// Taking a place back.
    Regain,
    /// A place that can change hands.
    Territory,
    Weapons,
    /// Seizing, finding or defusing.
    Seizure,
    /// Dead and wounded.
    Casualties,
    /// Negation: a cue right after one does not count.
    Negation,
    /// Hedging: the event is reported, alleged or possible.
    Hedge,
    /// A demand, threat or plan: a cue right after one is not reported as done.
    Irrealis,
}

impl Concept {
    /// Negation, hedging and irrealis mark other cues; they say nothing of the event.
    pub fn is_flag(self) -> bool {
        matches!(self, Concept::Negation | Concept::Hedge | Concept::Irrealis)
    }

    fn from_key(key: &str) -> Option<Concept> {
        Some(match key {
            "protest" => Concept::Protest,
            "protester_violence" => Concept::ProtesterViolence,
            "lethal_force" => Concept::LethalForce,
            "intervention" => Concept::Intervention,
            "attack_verb" => Concept::AttackVerb,
            "military_target" => Concept::MilitaryTarget,
            "civilians" => Concept::Civilians,
            "state_forces" => Concept::StateForces,
            "armed_group" => Concept::ArmedGroup,
            "take_control" => Concept::TakeControl,
            "regain" => Concept::Regain,
            "territory" => Concept::Territory,
            "weapons" => Concept::Weapons,
            "seizure" => Concept::Seizure,
            "casualties" => Concept::Casualties,
            "negation" => Concept::Negation,
            "hedge" => Concept::Hedge,
            "irrealis" => Concept::Irrealis,
            _ => return SubType::from_name(key).map(Concept::SubType),
        })
    }
}

/// One cue: a pattern, what it says and how strongly.
#[derive(Debug, Clone)]
pub struct Cue {
    pub concept: Concept,
    pub weight: f32,
    pub pattern: Pattern,
    /// The pattern as written, to show why a sentence was typed so.
    pub source: String,
}

/// The cues of one language.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub cues: Vec<Cue>,
    /// Indices of the cues by the first character of their first word: a text's word is
    /// tried only against the cues that can start with it.
    by_initial: HashMap<char, Vec<usize>>,
}

/// A line of a lexicon file that does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub line: usize,
    pub message: String,
}

impl Lexicon {
    pub fn parse(source: &str) -> Result<Lexicon, LexiconError> {
        let mut cues = Vec::new();
        for (n, line) in source.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |message: String| LexiconError { line: n + 1, message };
            let mut fields = line.splitn(3, char::is_whitespace);
            let (Some(key), Some(weight), Some(patterns)) = (fields.next(), fields.next(), fields.next())
            else {
                return Err(error("expected: key weight patterns".into()));
            };
            let concept = Concept::from_key(key).ok_or_else(|| error(format!("unknown key {key:?}")))?;
            let weight: f32 = weight.parse().map_err(|_| error(format!("bad weight {weight:?}")))?;
            for source in patterns.split('|').map(str::trim) {
                let pattern =
                    Pattern::parse(source).ok_or_else(|| error(format!("bad pattern {source:?}")))?;
                cues.push(Cue { concept, weight, pattern, source: source.to_string() });
            }
        }
        let mut by_initial: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, cue) in cues.iter().enumerate() {
            by_initial.entry(cue.pattern.initial()).or_default().push(i);
        }
        Ok(Lexicon { cues, by_initial })
    }

    /// The cues whose first word may be `word`.
    pub fn starting_with(&self, word: &str) -> &[usize] {
        word.chars().next().and_then(|c| self.by_initial.get(&c)).map_or(&[], Vec::as_slice)
    }

    /// The shipped lexicon of a language.
    pub fn shipped(lang: Lang) -> &'static Lexicon {
        static EN: OnceLock<Lexicon> = OnceLock::new();
        static FR: OnceLock<Lexicon> = OnceLock::new();
        let (cell, source) = match lang {
            Lang::En => (&EN, include_str!("lexicon/en.txt")),
            Lang::Fr => (&FR, include_str!("lexicon/fr.txt")),
        };
        // The files are part of the source: a bad line is a bug that the tests catch.
        cell.get_or_init(|| Lexicon::parse(source).unwrap_or_else(|e| panic!("lexicon {lang:?}: {e:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicons_read() {
        for lang in [Lang::En, Lang::Fr] {
            let lexicon = Lexicon::shipped(lang);
            assert!(lexicon.cues.len() > 100, "{lang:?}");
            // Every sub-type has a cue of its own in each language, but the residual one and
            // the protests, which the classifier types from a protest and how it was met.
            let derived = [
                SubType::OtherStrategic,
                SubType::PeacefulProtest,
                SubType::ProtestWithIntervention,
                SubType::ExcessiveForceAgainstProtesters,
            ];
            for &s in SubType::ALL {
                let has = lexicon.cues.iter().any(|c| c.concept == Concept::SubType(s));
                assert!(has || derived.contains(&s), "{lang:?} has no cue for {}", s.name());
            }
        }
    }

    #[test]
    fn bad_lines_name_their_number() {
        let err = Lexicon::parse("# header\nprotest 2 rally\nriot 2 riots\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(Lexicon::parse("protest x rally").is_err());
        assert!(Lexicon::parse("protest 2 ... rally").is_err());
        assert_eq!(Lexicon::parse("protest 2 rally | march*").unwrap().cues.len(), 2);
    }
}
