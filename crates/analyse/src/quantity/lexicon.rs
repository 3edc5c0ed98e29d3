//! The words of the quantity rules, per language, in folded form (lowercase, no accents, `’`
//! as `'`; elided words are their own token: `l'`, `d'`).
//!
//! Ranges of vague words (conservative point = the range's minimum; see the module docs):
//!
//! | words | range |
//! | --- | --- |
//! | des dizaines, dozens, tens, scores, Dutzende, decenas, docenas | 20–99 |
//! | des centaines, hundreds, Hunderte, centenares, cientos | 200–999 |
//! | des milliers, thousands, Tausende, miles | 2,000–9,999 |
//! | des millions, millions, millones | 2,000,000–9,999,999 |
//! | plusieurs, quelques, a few, einige, algunos | 2–9 |
//! | several, mehrere, varios | 3–9 |
//! | a handful, une poignée | 2–5 |
//! | de nombreux, many, numerous, viele, zahlreiche, muchos, numerosos | 10 or more |
//! | une dizaine, une centaine, a dozen, una decena, ein Dutzend ... (about n) | 0.8 n – 1.2 n |
//!
//! A plural unit before "de milliers" / "of thousands" multiplies: "des dizaines de milliers"
//! is 20,000–99,999.

use super::{Event, Group, Kind, Lang, Modifier};

/// A plural unit noun ("dizaines", "hundreds"): the unit it counts in.
pub fn plural_unit(w: &str, lang: Lang) -> Option<u64> {
    Some(match (lang, w) {
        (Lang::Fr, "dizaines" | "douzaines" | "vingtaines")
        | (Lang::En, "tens" | "dozens" | "scores")
        | (Lang::De, "dutzende" | "dutzenden")
        | (Lang::Es, "decenas" | "docenas") => 10,
        (Lang::Fr, "centaines") | (Lang::En, "hundreds") | (Lang::De, "hunderte" | "hunderten") => 100,
        (Lang::Es, "centenares" | "cientos") => 100,
        (Lang::Fr, "milliers") | (Lang::En, "thousands") | (Lang::De, "tausende" | "tausenden") => 1_000,
        (Lang::Es, "miles" | "millares") => 1_000,
        (Lang::De, "zehntausende" | "zehntausenden") => 10_000,
        (Lang::De, "hunderttausende" | "hunderttausenden") => 100_000,
        (Lang::Fr, "millions")
        | (Lang::En, "millions")
        | (Lang::De, "millionen")
        | (Lang::Es, "millones") => 1_000_000,
        (Lang::Fr, "milliards") | (Lang::En, "billions") | (Lang::De, "milliarden") => 1_000_000_000,
        _ => return None,
    })
}

/// A scale in the singular after a vague determiner: "several hundred", "a few thousand".
pub fn singular_unit(w: &str, lang: Lang) -> Option<u64> {
    Some(match (lang, w) {
        (Lang::En, "dozen") => 10,
        (Lang::En, "hundred") | (Lang::De, "hundert") => 100,
        (Lang::En, "thousand") | (Lang::De, "tausend") | (Lang::Es, "mil") => 1_000,
        (Lang::En, "million") => 1_000_000,
        _ => return None,
    })
}

/// Determiners that make a unit noun vague and belong to its extent: "des dizaines",
/// "plusieurs centaines", "several hundred", "unas decenas". Returns how many tokens the
/// determiner takes when it ends at `words[end - 1]`.
pub fn vague_determiner(words: &[&str], end: usize, lang: Lang) -> usize {
    let w = |back: usize| if end >= back { words[end - back] } else { "" };
    match lang {
        Lang::Fr => match (w(2), w(1)) {
            ("de", "nombreuses" | "nombreux") => 2,
            (_, "des" | "plusieurs" | "quelques" | "les" | "par") => 1,
            _ => 0,
        },
        Lang::En => match (w(2), w(1)) {
            ("a", "few") => 2,
            (_, "several" | "many" | "some" | "few") => 1,
            _ => 0,
        },
        Lang::De => match w(1) {
            "mehrere" | "einige" | "viele" | "etliche" | "zahlreiche" => 1,
            _ => 0,
        },
        Lang::Es => match w(1) {
            "varias" | "varios" | "unas" | "unos" | "algunas" | "algunos" | "las" | "los" | "miles" => 1,
            _ => 0,
        },
    }
}

/// A singular approximate unit ("une dizaine de", "a dozen", "un centenar de"): about n.
/// French "-aine" words count only before "de" ("une quarantaine de personnes", not the
/// sanitary "quarantaine").
pub fn approximate_unit(w: &str, lang: Lang) -> Option<u64> {
    Some(match (lang, w) {
        (Lang::Fr, "dizaine") => 10,
        (Lang::Fr, "douzaine") => 12,
        (Lang::Fr, "quinzaine") => 15,
        (Lang::Fr, "vingtaine") => 20,
        (Lang::Fr, "trentaine") => 30,
        (Lang::Fr, "quarantaine") => 40,
        (Lang::Fr, "cinquantaine") => 50,
        (Lang::Fr, "soixantaine") => 60,
        (Lang::Fr, "centaine") => 100,
        (Lang::Fr, "millier") => 1_000,
        (Lang::En, "dozen") => 12,
        (Lang::De, "dutzend") => 12,
        (Lang::Es, "decena") => 10,
        (Lang::Es, "docena") => 12,
        (Lang::Es, "veintena") => 20,
        (Lang::Es, "centenar") => 100,
        (Lang::Es, "millar") => 1_000,
        _ => return None,
    })
}

/// Vague quantifiers standing alone: `(min, max, tokens)` when `words` starts with one.
pub fn vague_quantifier(words: &[&str], lang: Lang) -> Option<(u64, Option<u64>, usize)> {
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let found = match lang {
        Lang::Fr => match (w(0), w(1)) {
            ("de", "nombreux" | "nombreuses") => (10, None, 2),
            ("beaucoup", "de" | "d'") => (10, None, 1),
            ("une", "poignee") => (2, Some(5), 2),
            ("plusieurs", _) | ("quelques", _) => (2, Some(9), 1),
            ("nombreux" | "nombreuses", "de" | "d'" | "autres") => (10, None, 1),
            _ => return None,
        },
        Lang::En => match (w(0), w(1)) {
            ("a", "few") => (2, Some(9), 2),
            ("a", "handful") => (2, Some(5), 2),
            ("several", _) => (3, Some(9), 1),
            ("many" | "numerous", _) => (10, None, 1),
            _ => return None,
        },
        Lang::De => match w(0) {
            "mehrere" => (3, Some(9), 1),
            "einige" | "ein paar" => (2, Some(9), 1),
            "viele" | "zahlreiche" | "etliche" => (10, None, 1),
            _ => return None,
        },
        Lang::Es => match (w(0), w(1)) {
            ("unos" | "unas", "cuantos" | "cuantas") => (2, Some(9), 2),
            ("varios" | "varias", _) => (3, Some(9), 1),
            ("algunos" | "algunas", _) => (2, Some(9), 1),
            ("muchos" | "muchas" | "numerosos" | "numerosas", _) => (10, None, 1),
            _ => return None,
        },
    };
    Some(found)
}

/// Modifiers before a number, longest first: "au moins", "more than", "bis zu", "cerca de".
const FR_MODIFIERS: &[(&[&str], Modifier)] = &[
    (&["pas", "moins", "de"], Modifier::AtLeast),
    (&["pas", "moins", "d'"], Modifier::AtLeast),
    (&["pas", "plus", "de"], Modifier::AtMost),
    (&["pas", "plus", "d'"], Modifier::AtMost),
    (&["aux", "alentours", "de"], Modifier::About),
    (&["aux", "alentours", "d'"], Modifier::About),
    (&["au", "moins"], Modifier::AtLeast),
    (&["au", "minimum"], Modifier::AtLeast),
    (&["au", "plus"], Modifier::AtMost),
    (&["au", "maximum"], Modifier::AtMost),
    (&["plus", "de"], Modifier::MoreThan),
    (&["plus", "d'"], Modifier::MoreThan),
    (&["au-delà", "de"], Modifier::MoreThan),
    (&["moins", "de"], Modifier::FewerThan),
    (&["moins", "d'"], Modifier::FewerThan),
    (&["jusqu'", "à"], Modifier::AtMost),
    (&["pres", "de"], Modifier::Nearly),
    (&["pres", "d'"], Modifier::Nearly),
    (&["autour", "de"], Modifier::About),
    (&["autour", "d'"], Modifier::About),
    (&["environ"], Modifier::About),
    (&["quelque"], Modifier::About),
    (&["approximativement"], Modifier::About),
    (&["presque"], Modifier::Nearly),
    (&["quasiment"], Modifier::Nearly),
    (&["pratiquement"], Modifier::Nearly),
];

const EN_MODIFIERS: &[(&[&str], Modifier)] = &[
    (&["no", "fewer", "than"], Modifier::AtLeast),
    (&["no", "less", "than"], Modifier::AtLeast),
    (&["not", "less", "than"], Modifier::AtLeast),
    (&["no", "more", "than"], Modifier::AtMost),
    (&["as", "many", "as"], Modifier::AtMost),
    (&["more", "than"], Modifier::MoreThan),
    (&["greater", "than"], Modifier::MoreThan),
    (&["upwards", "of"], Modifier::MoreThan),
    (&["fewer", "than"], Modifier::FewerThan),
    (&["less", "than"], Modifier::FewerThan),
    (&["at", "least"], Modifier::AtLeast),
    (&["at", "most"], Modifier::AtMost),
    (&["up", "to"], Modifier::AtMost),
    (&["an", "estimated"], Modifier::About),
    (&["close", "to"], Modifier::Nearly),
    (&["over"], Modifier::MoreThan),
    (&["above"], Modifier::MoreThan),
    (&["under"], Modifier::FewerThan),
    (&["nearly"], Modifier::Nearly),
    (&["almost"], Modifier::Nearly),
    (&["about"], Modifier::About),
    (&["around"], Modifier::About),
    (&["roughly"], Modifier::About),
    (&["approximately"], Modifier::About),
    (&["some"], Modifier::About),
    (&["estimated"], Modifier::About),
];

const DE_MODIFIERS: &[(&[&str], Modifier)] = &[
    (&["mehr", "als"], Modifier::MoreThan),
    (&["weniger", "als"], Modifier::FewerThan),
    (&["bis", "zu"], Modifier::AtMost),
    (&["mindestens"], Modifier::AtLeast),
    (&["wenigstens"], Modifier::AtLeast),
    (&["hochstens"], Modifier::AtMost),
    (&["uber"], Modifier::MoreThan),
    (&["fast"], Modifier::Nearly),
    (&["beinahe"], Modifier::Nearly),
    (&["knapp"], Modifier::Nearly),
    (&["etwa"], Modifier::About),
    (&["rund"], Modifier::About),
    (&["ungefahr"], Modifier::About),
    (&["circa"], Modifier::About),
    (&["ca."], Modifier::About),
];

const ES_MODIFIERS: &[(&[&str], Modifier)] = &[
    (&["por", "lo", "menos"], Modifier::AtLeast),
    (&["al", "menos"], Modifier::AtLeast),
    (&["como", "minimo"], Modifier::AtLeast),
    (&["mas", "de"], Modifier::MoreThan),
    (&["menos", "de"], Modifier::FewerThan),
    (&["alrededor", "de"], Modifier::About),
    (&["cerca", "de"], Modifier::Nearly),
    (&["hasta"], Modifier::AtMost),
    (&["casi"], Modifier::Nearly),
    (&["aproximadamente"], Modifier::About),
    (&["unos"], Modifier::About),
    (&["unas"], Modifier::About),
];

/// The modifier ending right before `words[end]`, and how many tokens it takes.
pub fn modifier_before(words: &[&str], end: usize, lang: Lang) -> Option<(Modifier, usize)> {
    let table = match lang {
        Lang::Fr => FR_MODIFIERS,
        Lang::En => EN_MODIFIERS,
        Lang::De => DE_MODIFIERS,
        Lang::Es => ES_MODIFIERS,
    };
    table.iter().find_map(|&(seq, m)| {
        (end >= seq.len() && words[end - seq.len()..end] == *seq).then_some((m, seq.len()))
    })
}

/// Modifiers written after the number: "15 au moins", "15 or more", "15 environ".
pub fn modifier_after(words: &[&str], start: usize, lang: Lang) -> Option<(Modifier, usize)> {
    let w = |k: usize| words.get(start + k).copied().unwrap_or("");
    match (lang, w(0), w(1)) {
        (Lang::Fr, "au", "moins" | "minimum") => Some((Modifier::AtLeast, 2)),
        (Lang::Fr, "environ", _) => Some((Modifier::About, 1)),
        (Lang::En, "or", "more") => Some((Modifier::AtLeast, 2)),
        (Lang::En, "or", "so") => Some((Modifier::About, 2)),
        (Lang::Es, "o", "mas") => Some((Modifier::AtLeast, 2)),
        _ => None,
    }
}

/// Words that open the second bound of a range: "entre 10 et 20", "between 10 and 20".
pub fn range_opener(w: &str, lang: Lang) -> bool {
    matches!(
        (lang, w),
        (Lang::Fr, "entre") | (Lang::En, "between") | (Lang::De, "zwischen") | (Lang::Es, "entre")
    )
}

/// Words between the bounds of a range: "10 à 20", "10 to 20", "10 et 20" after "entre".
pub fn range_joiner(w: &str, lang: Lang, after_opener: bool) -> bool {
    match lang {
        Lang::Fr => w == "à" || (after_opener && w == "et"),
        Lang::En => w == "to" || (after_opener && w == "and"),
        Lang::De => w == "bis" || (after_opener && w == "und"),
        Lang::Es => w == "a" || (after_opener && w == "y"),
    }
}

/// What a quantity measures when a unit follows it ("15 %", "15 pour cent", "3 euros",
/// "25 ans"), and the tokens the unit takes; a currency sign before the number is
/// [`currency_sign`]'s.
pub fn unit_after(words: &[&str], lang: Lang) -> Option<(Kind, usize)> {
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let percent = match lang {
        Lang::Fr => w(0) == "pour" && matches!(w(1), "cent" | "cents"),
        Lang::En => w(0) == "per" && w(1) == "cent",
        Lang::Es => w(0) == "por" && w(1) == "ciento",
        Lang::De => false,
    };
    if percent {
        return Some((Kind::Percent, 2));
    }
    let w0 = w(0);
    if matches!(w0, "%" | "‰" | "pct" | "percent" | "pourcent" | "prozent") {
        return Some((Kind::Percent, 1));
    }
    if currency_sign(w0) {
        return Some((Kind::Money, 1));
    }
    let money = match lang {
        Lang::Fr => matches!(
            w0,
            "euros"
                | "euro"
                | "dollars"
                | "dollar"
                | "livres"
                | "francs"
                | "roubles"
                | "yuans"
                | "yens"
                | "tenge"
                | "tenges"
                | "dinars"
                | "dirhams"
                | "centimes"
        ),
        Lang::En => matches!(
            w0,
            "euros"
                | "euro"
                | "dollars"
                | "dollar"
                | "pounds"
                | "francs"
                | "roubles"
                | "rubles"
                | "yuan"
                | "yen"
                | "tenge"
                | "dinars"
                | "cents"
                | "pence"
        ),
        Lang::De => matches!(w0, "euro" | "dollar" | "franken" | "rubel" | "pfund" | "cent"),
        Lang::Es => matches!(w0, "euros" | "euro" | "dolares" | "dolar" | "pesos" | "libras" | "rublos"),
    };
    if money {
        return Some((Kind::Money, 1));
    }
    measure(w0, lang).map(|k| (k, 1))
}

/// Currency signs and codes, written before or after the amount.
pub fn currency_sign(w: &str) -> bool {
    matches!(w, "€" | "$" | "£" | "¥" | "₽" | "₸" | "₹" | "chf" | "usd" | "eur" | "gbp" | "us$")
}

/// Units of time, length, weight and the like: what they count is not people.
fn measure(w: &str, lang: Lang) -> Option<Kind> {
    let common = matches!(
        w,
        "km" | "m"
            | "cm"
            | "mm"
            | "kg"
            | "g"
            | "t"
            | "l"
            | "ha"
            | "h"
            | "min"
            | "mn"
            | "s"
            | "°"
            | "°c"
            | "mw"
            | "gw"
            | "kw"
            | "km²"
            | "m²"
            | "km/h"
            | "mph"
            | "ft"
            | "mi"
    );
    let word = match lang {
        Lang::Fr => matches!(
            w,
            "ans"
                | "an"
                | "annees"
                | "annee"
                | "mois"
                | "semaines"
                | "semaine"
                | "jours"
                | "jour"
                | "heures"
                | "heure"
                | "minutes"
                | "minute"
                | "secondes"
                | "siecles"
                | "kilometres"
                | "kilometre"
                | "metres"
                | "metre"
                | "kilos"
                | "kilogrammes"
                | "grammes"
                | "tonnes"
                | "litres"
                | "barils"
                | "hectares"
                | "degres"
                | "fois"
                | "points"
                | "voix"
                | "sieges"
                | "km2"
        ),
        Lang::En => matches!(
            w,
            "years"
                | "year"
                | "months"
                | "month"
                | "weeks"
                | "week"
                | "days"
                | "day"
                | "hours"
                | "hour"
                | "minutes"
                | "minute"
                | "seconds"
                | "centuries"
                | "kilometres"
                | "kilometers"
                | "miles"
                | "metres"
                | "meters"
                | "feet"
                | "kilos"
                | "kilograms"
                | "pounds"
                | "tonnes"
                | "tons"
                | "litres"
                | "liters"
                | "gallons"
                | "barrels"
                | "hectares"
                | "acres"
                | "degrees"
                | "times"
                | "points"
                | "votes"
                | "seats"
                | "year-old"
                | "years-old"
        ),
        Lang::De => matches!(
            w,
            "jahre"
                | "jahren"
                | "jahr"
                | "monate"
                | "monaten"
                | "wochen"
                | "tage"
                | "tagen"
                | "stunden"
                | "minuten"
                | "sekunden"
                | "kilometer"
                | "meter"
                | "kilo"
                | "kilogramm"
                | "tonnen"
                | "liter"
                | "barrel"
                | "hektar"
                | "grad"
                | "mal"
                | "prozentpunkte"
                | "stimmen"
                | "sitze"
        ),
        Lang::Es => matches!(
            w,
            "anos"
                | "ano"
                | "meses"
                | "mes"
                | "semanas"
                | "dias"
                | "dia"
                | "horas"
                | "hora"
                | "minutos"
                | "segundos"
                | "kilometros"
                | "metros"
                | "kilos"
                | "kilogramos"
                | "toneladas"
                | "litros"
                | "barriles"
                | "hectareas"
                | "grados"
                | "veces"
                | "puntos"
                | "votos"
                | "escanos"
        ),
    };
    (common || word).then_some(Kind::Measure)
}

/// How an event word relates to the number it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A noun or adjective that is itself what is counted: "sept morts", "15 dead", "Tote".
    Noun,
    /// A transitive verb form: passive after a "be" auxiliary or right after the noun
    /// ("trois soldats tués", "were killed"); active after "have" or before an object
    /// ("ont tué trois soldats", "killed three soldiers").
    Transitive,
    /// A verb whose subject is what is counted: "sont morts", "died", "starben".
    Intransitive,
}

/// The event a word names, and its form.
pub fn event_word(w: &str, lang: Lang) -> Option<(Event, Form)> {
    use Event::*;
    use Form::*;
    let found = match lang {
        Lang::Fr => {
            // Participles and nouns agree in gender and number: "tué", "tuées", "morte".
            let lemma = ["es", "s", "e", ""]
                .iter()
                .filter_map(|suffix| w.strip_suffix(suffix))
                .find_map(|stem| FR_EVENTS.iter().find(|(lemma, ..)| *lemma == stem))?;
            (lemma.1, lemma.2)
        }
        Lang::En => match w {
            "dead" | "deaths" | "fatalities" | "lives" | "bodies" | "death" | "murder" | "murders"
            | "massacre" => (Killed, Noun),
            "casualty" => (Casualties, Noun),
            "killed" | "killing" | "slain" | "kills" | "kill" | "executed" | "massacred" => {
                (Killed, Transitive)
            }
            "died" | "perished" | "die" => (Killed, Intransitive),
            "injured" | "wounded" | "hurt" | "injuring" | "wounding" => (Injured, Transitive),
            "injuries" => (Injured, Noun),
            "casualties" | "victims" => (Casualties, Noun),
            "arrested" | "detained" | "apprehended" | "jailed" | "arresting" | "detaining" => {
                (Arrested, Transitive)
            }
            "arrests" | "detainees" | "prisoners" | "detentions" => (Arrested, Noun),
            "missing" | "unaccounted" => (Missing, Intransitive),
            "displaced" | "evacuated" | "uprooted" => (Displaced, Transitive),
            "refugees" | "evacuees" => (Displaced, Noun),
            "kidnapped" | "abducted" | "kidnapping" | "abducting" => (Kidnapped, Transitive),
            "hostages" => (Kidnapped, Noun),
            _ => return None,
        },
        Lang::De => match w {
            "tote" | "toten" | "todesopfer" | "tot" => (Killed, Noun),
            "getotet" | "totete" | "toteten" | "erschossen" | "umgebracht" => (Killed, Transitive),
            "starben" | "gestorben" | "starb" | "ums" => (Killed, Intransitive),
            "verletzt" | "verwundet" | "verletzte" | "verletzten" | "verwundete" | "verwundeten" => {
                (Injured, Transitive)
            }
            "opfer" => (Casualties, Noun),
            "festgenommen" | "verhaftet" | "inhaftiert" | "festnahmen" => (Arrested, Transitive),
            "vermisst" | "vermisste" | "vermissten" => (Missing, Intransitive),
            "vertrieben" | "evakuiert" | "fluchtlinge" => (Displaced, Transitive),
            "entfuhrt" | "verschleppt" | "geiseln" => (Kidnapped, Transitive),
            _ => return None,
        },
        Lang::Es => match w {
            "muertos" | "muertas" | "muerto" | "muerta" | "fallecidos" | "fallecidas" | "muertes" => {
                (Killed, Noun)
            }
            "asesinados" | "asesinadas" | "asesinado" | "mataron" | "matando" | "abatidos" | "ejecutados" => {
                (Killed, Transitive)
            }
            "murieron" | "fallecieron" | "perecieron" | "murio" | "fallecio" => (Killed, Intransitive),
            "heridos" | "heridas" | "herido" | "herida" | "lesionados" | "hirieron" | "hiriendo" => {
                (Injured, Transitive)
            }
            "victimas" => (Casualties, Noun),
            "detenidos" | "detenidas" | "arrestados" | "arrestadas" | "detuvieron" | "capturados" => {
                (Arrested, Transitive)
            }
            "desaparecidos" | "desaparecidas" => (Missing, Intransitive),
            "desplazados" | "desplazadas" | "evacuados" | "refugiados" => (Displaced, Transitive),
            "secuestrados" | "secuestradas" | "secuestraron" | "rehenes" => (Kidnapped, Transitive),
            _ => return None,
        },
    };
    Some(found)
}

/// French event lemmas (folded, masculine singular).
const FR_EVENTS: &[(&str, Event, Form)] = &[
    ("mort", Event::Killed, Form::Noun),
    ("deces", Event::Killed, Form::Noun),
    ("tue", Event::Killed, Form::Transitive),
    ("tuant", Event::Killed, Form::Transitive),
    ("abattu", Event::Killed, Form::Transitive),
    ("elimine", Event::Killed, Form::Transitive),
    ("execute", Event::Killed, Form::Transitive),
    ("assassine", Event::Killed, Form::Transitive),
    ("massacre", Event::Killed, Form::Transitive),
    ("meurtre", Event::Killed, Form::Noun),
    ("assassinat", Event::Killed, Form::Noun),
    ("decede", Event::Killed, Form::Intransitive),
    ("peri", Event::Killed, Form::Intransitive),
    ("blesse", Event::Injured, Form::Transitive),
    ("blessant", Event::Injured, Form::Transitive),
    ("victime", Event::Casualties, Form::Noun),
    ("perte", Event::Casualties, Form::Noun),
    ("arrete", Event::Arrested, Form::Transitive),
    ("interpelle", Event::Arrested, Form::Transitive),
    ("apprehende", Event::Arrested, Form::Transitive),
    ("incarcere", Event::Arrested, Form::Transitive),
    ("arrestation", Event::Arrested, Form::Noun),
    ("interpellation", Event::Arrested, Form::Noun),
    ("detenu", Event::Arrested, Form::Noun),
    ("disparu", Event::Missing, Form::Intransitive),
    ("deplace", Event::Displaced, Form::Transitive),
    ("evacue", Event::Displaced, Form::Transitive),
    ("enleve", Event::Kidnapped, Form::Transitive),
    ("kidnappe", Event::Kidnapped, Form::Transitive),
    ("otage", Event::Kidnapped, Form::Noun),
];

/// Verbs whose subject is a crowd of protesters: "ont manifesté", "marched".
pub fn protest_verb(w: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => {
            ["manifest", "defil", "protest"].iter().any(|stem| w.starts_with(stem))
                && !w.starts_with("manifestation")
        }
        Lang::En => {
            matches!(w, "protested" | "demonstrated" | "marched" | "rallied" | "protesting" | "marching")
        }
        Lang::De => matches!(w, "demonstrierten" | "protestierten" | "marschierten"),
        Lang::Es => matches!(w, "protestaron" | "marcharon" | "manifestaron"),
    }
}

/// Auxiliaries: `Some(true)` for "be" (passive: "ont été tués", "were killed"), `Some(false)`
/// for "have" (active: "ont tué"), `None` for other words.
pub fn auxiliary(w: &str, lang: Lang) -> Option<bool> {
    let be = match lang {
        Lang::Fr => {
            matches!(w, "ete" | "sont" | "est" | "etaient" | "etait" | "furent" | "fut" | "seront" | "sera")
        }
        Lang::En => matches!(w, "been" | "were" | "was" | "are" | "is" | "be" | "being" | "got"),
        Lang::De => {
            matches!(w, "wurden" | "wurde" | "worden" | "sind" | "waren" | "ist" | "war" | "kamen" | "kam")
        }
        Lang::Es => matches!(w, "sido" | "fueron" | "fue" | "resultaron" | "resulto" | "quedaron" | "estan"),
    };
    if be {
        return Some(true);
    }
    let have = match lang {
        Lang::Fr => matches!(w, "ont" | "a" | "avait" | "avaient" | "auraient" | "aurait"),
        Lang::En => matches!(w, "have" | "has" | "had"),
        Lang::De => matches!(w, "haben" | "hat" | "hatten" | "hatte"),
        Lang::Es => matches!(w, "han" | "ha" | "habian" | "habia"),
    };
    have.then_some(false)
}

/// Words that may stand between a counted noun and its event without changing what is
/// counted: adverbs, negation-free particles, reflexives.
pub fn event_filler(w: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => matches!(
            w,
            "egalement"
                | "aussi"
                | "deja"
                | "encore"
                | "ainsi"
                | "respectivement"
                | "mortellement"
                | "grievement"
                | "gravement"
                | "legerement"
                | "se"
                | "s'"
                | "y"
                | "en"
                | "au"
                | "total"
                | "tous"
                | "toutes"
                | "alors"
                | "finalement"
                | "officiellement"
        ),
        Lang::En => matches!(
            w,
            "also"
                | "reportedly"
                | "allegedly"
                | "reported"
                | "believed"
                | "said"
                | "to"
                | "have"
                | "all"
                | "seriously"
                | "critically"
                | "badly"
                | "fatally"
                | "slightly"
                | "later"
                | "subsequently"
                | "since"
                | "now"
                | "confirmed"
                | "feared"
        ),
        Lang::De => matches!(
            w,
            "auch" | "bereits" | "schwer" | "leicht" | "todlich" | "dabei" | "insgesamt" | "ebenfalls"
        ),
        Lang::Es => {
            matches!(w, "tambien" | "ya" | "gravemente" | "levemente" | "mortalmente" | "se" | "en" | "total")
        }
    }
}

/// Toll words: a count after "le bilan s'élève à", "the death toll rose to" is a casualty figure.
pub fn toll_word(w: &str, lang: Lang) -> Option<Event> {
    match (lang, w) {
        (Lang::Fr, "bilan") | (Lang::Es, "balance" | "cifra") => Some(Event::Casualties),
        (Lang::En, "toll") => Some(Event::Killed),
        (Lang::De, "todeszahl" | "opferzahl") => Some(Event::Killed),
        _ => None,
    }
}

/// Words a counted group is named with, longest first (multiword entries are token
/// sequences). `Group::People` for people of no stated side.
const FR_GROUPS: &[(&[&str], Group)] = &[
    (&["forces", "de", "securite"], Group::SecurityForces),
    (&["forces", "de", "l'", "ordre"], Group::SecurityForces),
    (&["forces", "de", "police"], Group::SecurityForces),
    (&["forces", "armees"], Group::SecurityForces),
    (&["membres", "des", "forces", "de", "securite"], Group::SecurityForces),
];
const EN_GROUPS: &[(&[&str], Group)] = &[
    (&["security", "forces"], Group::SecurityForces),
    (&["security", "personnel"], Group::SecurityForces),
    (&["police", "officers"], Group::SecurityForces),
    (&["law", "enforcement", "officers"], Group::SecurityForces),
    (&["armed", "forces"], Group::SecurityForces),
];
const DE_GROUPS: &[(&[&str], Group)] = &[];
const ES_GROUPS: &[(&[&str], Group)] = &[
    (&["fuerzas", "de", "seguridad"], Group::SecurityForces),
    (&["fuerzas", "del", "orden"], Group::SecurityForces),
];

/// The group a counted noun phrase names, and how many tokens it takes.
pub fn group_at(words: &[&str], lang: Lang) -> Option<(Group, usize)> {
    let multi = match lang {
        Lang::Fr => FR_GROUPS,
        Lang::En => EN_GROUPS,
        Lang::De => DE_GROUPS,
        Lang::Es => ES_GROUPS,
    };
    if let Some(&(seq, g)) = multi.iter().find(|(seq, _)| words.starts_with(seq)) {
        return Some((g, seq.len()));
    }
    group_word(words.first()?, lang).map(|g| (g, 1))
}

fn group_word(w: &str, lang: Lang) -> Option<Group> {
    use Group::*;
    let g = match lang {
        Lang::Fr => match w.trim_end_matches(['s', 'x']) {
            "civil" | "habitant" | "villageoi" | "passant" | "enfant" | "femme" | "eleve" | "etudiant"
            | "journaliste" | "fidele" | "patient" | "refugie" | "migrant" => Civilians,
            "manifestant" | "manifestante" | "protestataire" | "contestataire" | "greviste" => Protesters,
            "emeutier" | "pilleur" | "casseur" => Rioters,
            "policier" | "gendarme" | "soldat" | "militaire" | "agent" | "garde" | "officier"
            | "douanier" | "troupe" | "commando" | "parachutiste" | "policiere" => SecurityForces,
            "assaillant" | "insurge" | "rebelle" | "djihadiste" | "jihadiste" | "terroriste"
            | "extremiste" | "combattant" | "islamiste" | "milicien" | "separatiste" | "assaillante"
            | "kamikaze" => Militants,
            "personne" | "individu" | "homme" | "gen" | "adulte" | "membre" | "citoyen" | "occupant"
            | "passager" | "ressortissant" | "salarie" | "travailleur" | "ouvrier" | "mineur" => People,
            _ => return None,
        },
        Lang::En => match w.trim_end_matches('s') {
            "civilian" | "resident" | "villager" | "bystander" | "child" | "children" | "women" | "woman"
            | "student" | "pupil" | "journalist" | "worshipper" | "patient" | "refugee" | "migrant" => {
                Civilians
            }
            "protester" | "protestor" | "demonstrator" | "marcher" | "striker" | "activist" => Protesters,
            "rioter" | "looter" => Rioters,
            "policemen" | "policeman" | "police" | "officer" | "soldier" | "troop" | "guard"
            | "serviceman" | "servicemen" | "trooper" | "gendarme" | "marine" | "personnel"
            | "policewomen" => SecurityForces,
            "militant" | "attacker" | "gunmen" | "gunman" | "insurgent" | "rebel" | "jihadist"
            | "terrorist" | "extremist" | "fighter" | "assailant" | "militiamen" | "separatist"
            | "bomber" => Militants,
            "people" | "person" | "individual" | "men" | "man" | "adult" | "member" | "citizen"
            | "passenger" | "worker" | "miner" | "occupant" => People,
            _ => return None,
        },
        Lang::De => match w {
            "zivilisten" | "anwohner" | "bewohner" | "kinder" | "frauen" | "studenten" | "journalisten"
            | "fluchtlinge" | "migranten" | "passanten" => Civilians,
            "demonstranten" | "protestierende" | "protestierenden" | "aktivisten" => Protesters,
            "randalierer" | "plunderer" => Rioters,
            "polizisten" | "soldaten" | "sicherheitskrafte" | "beamte" | "beamten" | "polizeibeamte"
            | "truppen" | "militars" => SecurityForces,
            "angreifer" | "rebellen" | "kampfer" | "terroristen" | "extremisten" | "dschihadisten"
            | "islamisten" | "aufstandische" | "milizionare" | "separatisten" => Militants,
            "menschen" | "personen" | "leute" | "manner" | "mitglieder" | "burger" | "insassen"
            | "arbeiter" => People,
            _ => return None,
        },
        Lang::Es => match w.trim_end_matches('s') {
            "civile" | "civil" | "habitante" | "vecino" | "nino" | "mujere" | "estudiante" | "periodista"
            | "refugiado" | "migrante" => Civilians,
            "manifestante" | "protestante" | "activista" => Protesters,
            "alborotadore" | "saqueadore" => Rioters,
            "policia" | "soldado" | "militare" | "agente" | "guardia" | "efectivo" | "uniformado"
            | "tropa" => SecurityForces,
            "atacante" | "rebelde" | "insurgente" | "yihadista" | "terrorista" | "extremista"
            | "combatiente" | "guerrillero" | "miliciano" | "paramilitare" => Militants,
            "persona" | "individuo" | "hombre" | "miembro" | "ciudadano" | "pasajero" | "trabajadore" => {
                People
            }
            _ => return None,
        },
    };
    Some(g)
}

/// Phrases that name whose ranks a count is in: "dans les rangs des", "parmi les", "among
/// the", "unter den", "entre los". Returns the tokens they take at the start of `words`.
pub fn group_intro(words: &[&str], lang: Lang) -> usize {
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    match lang {
        Lang::Fr => match (w(0), w(1), w(2), w(3)) {
            ("dans", "les" | "leurs" | "nos", "rangs", "des" | "du" | "de") => 4,
            ("du", "cote", "des" | "du" | "de", _) => 3,
            ("parmi", "les" | "des" | "leurs", _, _) => 2,
            ("chez", "les", _, _) => 2,
            ("parmi" | "chez", _, _, _) => 1,
            _ => 0,
        },
        Lang::En => match (w(0), w(1), w(2), w(3)) {
            ("in", "the", "ranks", "of") => 4,
            ("on", "the", "side", "of") => 4,
            ("among", "the" | "them", _, _) => 2,
            ("among", _, _, _) => 1,
            _ => 0,
        },
        Lang::De => match (w(0), w(1)) {
            ("unter", "den") => 2,
            ("auf", "seiten") => 2,
            _ => 0,
        },
        Lang::Es => match (w(0), w(1), w(2)) {
            ("entre", "los" | "las", _) => 2,
            ("en", "las", "filas") => 3,
            _ => 0,
        },
    }
}

/// Words after which a count is a part of the one before it: "15 morts, dont 3 policiers".
pub fn part_of_previous(w: &str, lang: Lang) -> bool {
    matches!(
        (lang, w),
        (Lang::Fr, "dont")
            | (Lang::En, "including")
            | (Lang::De, "darunter")
            | (Lang::Es, "incluidos" | "incluidas")
    )
}

/// Prepositions of place before a count of places: "in 21 cities", "dans 3 villes".
pub fn place_preposition(w: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => matches!(w, "dans" | "sur"),
        Lang::En => matches!(w, "in" | "across"),
        Lang::De => matches!(w, "in" | "an"),
        Lang::Es => matches!(w, "en"),
    }
}

/// Pronouns, never a counted noun ("many of whom"), and the "one" of "no one".
pub fn pronoun(w: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => matches!(w, "eux" | "elles" | "lesquels" | "lesquelles" | "personne" | "ceux" | "celles"),
        Lang::En => matches!(w, "whom" | "them" | "which" | "those" | "one" | "these" | "us" | "you"),
        Lang::De => matches!(w, "ihnen" | "denen" | "welche" | "niemand"),
        Lang::Es => matches!(w, "ellos" | "ellas" | "los" | "las" | "cuales" | "nadie"),
    }
}

/// Words that introduce the counted noun: "de", "of", "von".
pub fn of_word(w: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => matches!(w, "de" | "d'" | "des"),
        Lang::En => w == "of",
        Lang::De => w == "von",
        Lang::Es => matches!(w, "de" | "del"),
    }
}

/// Adjectives between a number and its noun that do not change what is counted.
pub fn noun_adjective(w: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => matches!(w, "autres" | "nouveaux" | "nouvelles" | "jeunes" | "simples"),
        Lang::En => {
            matches!(w, "other" | "more" | "additional" | "further" | "young" | "unarmed" | "innocent")
        }
        Lang::De => matches!(w, "weitere" | "weiteren" | "andere" | "junge" | "unbewaffnete"),
        Lang::Es => matches!(w, "otros" | "otras" | "mas" | "jovenes"),
    }
}

/// Determiners before a noun after "of"/"de": "of the", "de la", "des".
pub fn article(w: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => matches!(w, "la" | "le" | "les" | "l'" | "ces" | "leurs"),
        Lang::En => matches!(w, "the" | "these" | "those" | "their"),
        Lang::De => matches!(w, "der" | "den" | "die" | "des"),
        Lang::Es => matches!(w, "la" | "las" | "los" | "el"),
    }
}

/// Negations that deny a figure or a casualty: "aucun", "pas de", "no", "keine", "ningún".
/// Returns the tokens they take at the start of `words`.
pub fn negation(words: &[&str], lang: Lang) -> usize {
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    match lang {
        Lang::Fr => match (w(0), w(1)) {
            ("pas", "de" | "d'") => 2,
            ("aucun" | "aucune" | "sans", _) => 1,
            _ => 0,
        },
        Lang::En => match (w(0), w(1)) {
            ("not", "any") => 2,
            ("no" | "without", _) => 1,
            _ => 0,
        },
        Lang::De => usize::from(matches!(w(0), "keine" | "kein" | "keinen" | "ohne")),
        Lang::Es => match (w(0), w(1)) {
            ("no", "hubo" | "hay" | "hubieron") => 2,
            ("ningun" | "ninguna" | "sin", _) => 1,
            _ => 0,
        },
    }
}

/// Words that say a figure (not the casualties themselves) is missing: "aucun chiffre",
/// "no casualty figures", "keine Angaben".
pub fn figure_word(w: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => matches!(w, "chiffre" | "chiffres" | "bilan" | "bilans" | "decompte" | "estimation"),
        Lang::En => matches!(
            w,
            "figure" | "figures" | "toll" | "count" | "tally" | "estimate" | "reports" | "word" | "number"
        ),
        Lang::De => matches!(w, "angaben" | "zahlen" | "informationen" | "opferzahlen"),
        Lang::Es => matches!(w, "cifra" | "cifras" | "balance" | "datos"),
    }
}

/// Month names of the languages the time tagger has none for (dates are not counts).
pub fn month_name(w: &str, lang: Lang) -> bool {
    match lang {
        Lang::De => matches!(
            w,
            "januar"
                | "jänner"
                | "janner"
                | "februar"
                | "marz"
                | "april"
                | "mai"
                | "juni"
                | "juli"
                | "august"
                | "september"
                | "oktober"
                | "november"
                | "dezember"
        ),
        Lang::Es => matches!(
            w,
            "enero"
                | "febrero"
                | "marzo"
                | "abril"
                | "mayo"
                | "junio"
                | "julio"
                | "agosto"
                | "septiembre"
                | "setiembre"
                | "octubre"
                | "noviembre"
                | "diciembre"
        ),
        Lang::Fr | Lang::En => {
            let time_lang = if lang == Lang::Fr { crate::time::Lang::Fr } else { crate::time::Lang::En };
            crate::time::month_number(w, time_lang).is_some()
        }
    }
}
