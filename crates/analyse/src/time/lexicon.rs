//! Words of the temporal rules, French and English, in folded form (lowercase, no accents).

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
}

pub fn month_number(w: &str, lang: Lang) -> Option<u8> {
    const FR: [&str; 12] = [
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
    ];
    const EN: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const EN_ABBR: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec"];
    let pos = match lang {
        Lang::Fr => FR.iter().position(|m| *m == w),
        Lang::En => EN
            .iter()
            .position(|m| *m == w)
            .or_else(|| EN_ABBR.iter().position(|m| *m == w))
            .or_else(|| (w == "sep").then_some(8)),
    };
    pos.map(|p| p as u8 + 1)
}

/// ISO weekday, Monday = 1.
pub fn weekday_number(w: &str, lang: Lang) -> Option<u8> {
    const FR: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
    const EN: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let list = if lang == Lang::Fr { &FR } else { &EN };
    list.iter().position(|d| *d == w).map(|p| p as u8 + 1)
}

pub fn unit_of(w: &str, lang: Lang) -> Option<Unit> {
    Some(match (lang, w) {
        (Lang::Fr, "minute" | "minutes") => Unit::Minute,
        (Lang::Fr, "heure" | "heures") => Unit::Hour,
        (Lang::Fr, "jour" | "jours" | "journee" | "journees") => Unit::Day,
        (Lang::Fr, "semaine" | "semaines") => Unit::Week,
        (Lang::Fr, "mois") => Unit::Month,
        (Lang::Fr, "trimestre" | "trimestres") => Unit::Quarter,
        (Lang::Fr, "an" | "ans" | "annee" | "annees") => Unit::Year,
        (Lang::Fr, "decennie" | "decennies") => Unit::Decade,
        (Lang::En, "minute" | "minutes") => Unit::Minute,
        (Lang::En, "hour" | "hours") => Unit::Hour,
        (Lang::En, "day" | "days") => Unit::Day,
        (Lang::En, "week" | "weeks") => Unit::Week,
        (Lang::En, "month" | "months") => Unit::Month,
        (Lang::En, "quarter" | "quarters") => Unit::Quarter,
        (Lang::En, "year" | "years") => Unit::Year,
        (Lang::En, "decade" | "decades") => Unit::Decade,
        _ => return None,
    })
}

pub fn number_word(w: &str, lang: Lang) -> Option<u32> {
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    let n = match lang {
        Lang::Fr => match w {
            "un" | "une" => 1,
            "deux" => 2,
            "trois" => 3,
            "quatre" => 4,
            "cinq" => 5,
            "six" => 6,
            "sept" => 7,
            "huit" => 8,
            "neuf" => 9,
            "dix" => 10,
            "onze" => 11,
            "douze" => 12,
            "treize" => 13,
            "quatorze" => 14,
            "quinze" => 15,
            "seize" => 16,
            "dix-sept" => 17,
            "dix-huit" => 18,
            "dix-neuf" => 19,
            "vingt" => 20,
            "trente" => 30,
            "quarante" => 40,
            "cinquante" => 50,
            "soixante" => 60,
            "cent" => 100,
            _ => return None,
        },
        Lang::En => match w {
            "a" | "an" | "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            "hundred" => 100,
            _ => {
                // "twenty-four"
                let (a, b) = w.split_once('-')?;
                let (a, b) = (number_word(a, lang)?, number_word(b, lang)?);
                if a >= 20 && b < 10 {
                    a + b
                } else {
                    return None;
                }
            }
        },
    };
    Some(n)
}

pub fn season_code(w: &str, lang: Lang) -> Option<&'static str> {
    Some(match (lang, w) {
        (Lang::Fr, "printemps") | (Lang::En, "spring") => "SP",
        (Lang::Fr, "ete") | (Lang::En, "summer") => "SU",
        (Lang::Fr, "automne") | (Lang::En, "fall" | "autumn") => "FA",
        (Lang::Fr, "hiver") | (Lang::En, "winter") => "WI",
        _ => return None,
    })
}

/// Words that mark a French sentence as about the future.
pub const FR_FUTURE_WORDS: &[&str] = &["prochain", "prochaine", "demain", "sera", "seront", "aura", "auront"];
/// Words ending like a future verb that are not.
pub const FR_NOT_FUTURE: &[&str] =
    &["encadra", "contra", "entra", "extra", "opera", "tiara", "camera", "sierra"];
/// Words that mark a French sentence as about the past.
pub const FR_PAST_WORDS: &[&str] = &[
    "a", "ont", "avait", "avaient", "etait", "etaient", "fut", "furent", "hier", "dernier", "derniere", "est",
];

/// Words that mark an English sentence as about the future, including verbs that are past in
/// form but plan ahead ("planned a rally on Saturday", "is expected in April").
pub const EN_FUTURE_WORDS: &[&str] = &[
    "will",
    "ll",
    "next",
    "shall",
    "tomorrow",
    "upcoming",
    "scheduled",
    "planned",
    "plans",
    "plan",
    "expected",
    "expects",
    "expect",
    "would",
    "due",
    "soon",
    "intends",
    "intend",
    "planning",
];
/// Words that mark an English sentence as about the past: auxiliaries, time words and common
/// irregular past forms (regular ones end in "-ed").
pub const EN_PAST_WORDS: &[&str] = &[
    "was",
    "were",
    "had",
    "said",
    "did",
    "last",
    "yesterday",
    "ago",
    "told",
    "since",
    "began",
    "became",
    "came",
    "went",
    "took",
    "made",
    "gave",
    "got",
    "left",
    "found",
    "met",
    "held",
    "won",
    "lost",
    "rose",
    "fell",
    "sold",
    "bought",
    "paid",
    "brought",
    "saw",
    "ran",
    "led",
    "spent",
    "sent",
    "struck",
    "shot",
    "wrote",
    "spoke",
    "broke",
    "chose",
    "drove",
    "flew",
    "grew",
    "knew",
    "threw",
    "stood",
    "thought",
    "felt",
    "kept",
    "meant",
    "heard",
    "built",
    "caught",
    "taught",
    "fought",
    "earlier",
];

/// Words written with a period that does not end the sentence (folded, without the period).
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "inc", "corp",
    "co", "ltd", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "av", "bd", "mme", "mlle",
];
