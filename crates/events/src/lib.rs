//! Event mentions: sentences that report something happening, typed with an ACLED-compatible
//! taxonomy ([`taxonomy`]; the table is in the crate README), with their trigger, actors,
//! place, time and negation and hedging flags.
//!
//! The classifier ([`classify`]) is rules: cue lexicons per language (`src/lexicon/*.txt`)
//! written from ACLED's sub-type definitions and general news wording, combined by context
//! (who did what to whom). There is no training data we may ship for this task, and rules
//! keep every decision explainable ([`classify::Typing::hits`]).

pub mod classify;
pub mod layer;
pub mod lexicon;
pub mod taxonomy;
pub mod words;

#[cfg(test)]
mod tests;

pub use classify::{classify, ranked, type_text};
pub use layer::events;
pub use taxonomy::{EventType, NO_EVENT_CASE_LABEL, SubType};

/// The languages with a lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// `en` or `fr` (ISO 639-1 or 639-3); other languages have no lexicon.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" | "eng" => Some(Lang::En),
            "fr" | "fra" | "fre" => Some(Lang::Fr),
            _ => None,
        }
    }
}
