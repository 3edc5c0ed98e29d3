//! Language identification: what the text says, weighed against what the container declared.

use storyline_doc::{Language, MetaSource};

/// Below this, whatlang's guess is not trusted over a declared language.
const RELIABLE: f64 = 0.5;
/// Texts shorter than this (in chars) are too short to contradict a declaration.
const MIN_CHARS_TO_OVERRIDE: usize = 200;
/// How much text the detector looks at: language does not change halfway through an article,
/// and trigram scoring cost grows with length.
const SAMPLE_CHARS: usize = 4000;

/// Identifies the language of `text`; `declared` is a code from the page or the container
/// (`fr`, `fr-FR`, `fra`), trusted unless the text clearly says otherwise.
pub fn identify(text: &str, declared: Option<&str>) -> Option<Language> {
    let sample = sample(text);
    let detected = whatlang::detect(sample).map(|info| Language {
        code: iso639_1(info.lang().code()).to_string(),
        confidence: info.confidence() as f32,
        source: MetaSource::Model,
    });
    let declared = declared.and_then(normalise_code).map(|code| Language {
        code,
        confidence: 1.0,
        source: MetaSource::Container,
    });
    match (declared, detected) {
        (Some(mut d), Some(m)) => {
            if d.code == m.code {
                Some(d)
            } else if f64::from(m.confidence) >= RELIABLE && sample.chars().count() >= MIN_CHARS_TO_OVERRIDE {
                Some(m)
            } else {
                // The text does not settle it; keep the declaration but say it is contested.
                d.confidence = 1.0 - m.confidence;
                Some(d)
            }
        }
        (Some(d), None) => Some(d),
        (None, m) => m,
    }
}

/// The part of `text` the detector looks at.
pub fn sample(text: &str) -> &str {
    match text.char_indices().nth(SAMPLE_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}

/// `fr`, `FR`, `fr-FR`, `fr_FR`, `fra`, `fre` → `fr`; anything else that looks like a
/// language code is kept lower-cased; junk gives `None`.
pub fn normalise_code(code: &str) -> Option<String> {
    let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let bibliographic = match primary.as_str() {
        "fre" => "fra",
        "ger" => "deu",
        "dut" => "nld",
        "cze" => "ces",
        "gre" => "ell",
        "chi" => "cmn",
        "per" => "pes",
        "rum" => "ron",
        "slo" => "slk",
        "arm" => "hye",
        "geo" => "kat",
        "mac" => "mkd",
        "wel" => "cym",
        "zho" => "cmn",
        "fas" => "pes",
        other => other,
    };
    Some(iso639_1(bibliographic).to_string())
}

/// ISO 639-3 (as whatlang names languages) to ISO 639-1 where a two-letter code exists.
fn iso639_1(code3: &str) -> &str {
    match code3 {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "cym" => "cy",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FR: &str = "Les manifestations se poursuivent dans la principale ville du pays, où l'armée est \
        déployée. Selon des journalistes, des coups de feu ont été entendus pendant la nuit et le \
        gouvernement a annoncé sa démission après plusieurs jours de troubles.";
    const EN: &str = "The government resigned on Wednesday after days of protests over fuel prices, and \
        the president declared a state of emergency in the largest city, where gunfire was heard \
        overnight according to witnesses quoted by news agencies.";

    #[test]
    fn detects_from_text_with_confidence() {
        let fr = identify(FR, None).unwrap();
        assert_eq!((fr.code.as_str(), fr.source), ("fr", MetaSource::Model));
        assert!(fr.confidence > 0.5);
        assert_eq!(identify(EN, None).unwrap().code, "en");
    }

    #[test]
    fn declaration_holds_unless_the_text_clearly_contradicts_it() {
        let agreed = identify(FR, Some("fr-FR")).unwrap();
        assert_eq!(
            (agreed.code.as_str(), agreed.confidence, agreed.source),
            ("fr", 1.0, MetaSource::Container)
        );
        let wrong = identify(EN, Some("de")).unwrap();
        assert_eq!((wrong.code.as_str(), wrong.source), ("en", MetaSource::Model));
        let short = identify("Bonjour", Some("fr")).unwrap();
        assert_eq!(short.code, "fr");
    }

    #[test]
    fn codes_are_normalised() {
        assert_eq!(normalise_code("FR_fr").as_deref(), Some("fr"));
        assert_eq!(normalise_code("fre").as_deref(), Some("fr"));
        assert_eq!(normalise_code("deu").as_deref(), Some("de"));
        assert_eq!(normalise_code("x"), None);
        assert_eq!(normalise_code("12"), None);
    }
}
