//! Light, language-aware normalisation of content words: stopwords out, common inflectional
//! suffixes (and Malay/Indonesian affixes) off.
//!
//! Deliberately light: clustering needs "arrested" and "arrests" to meet, not a linguist's
//! stem, and over-stemming merges unrelated words. Languages without rules keep their words
//! whole. Only lowercase words are stemmed: capitalised words are mostly names, and names must
//! stay comparable across languages, whose stemmers would cut them differently.

/// A folded (lowercase, no diacritics) content word's stem, or `None` for a stopword.
pub fn stem(word: &str, lang: Lang) -> Option<&str> {
    if is_stopword(word, lang) {
        return None;
    }
    Some(match lang {
        Lang::En => strip_first(word, &["ations", "ation", "ings", "ing", "ies", "ed", "es", "ly", "s"], 4),
        Lang::Fr => {
            strip_first(word, &["ements", "ement", "ations", "ation", "ees", "es", "ee", "s", "e"], 4)
        }
        Lang::De => strip_first(word, &["ungen", "ung", "en", "er", "es", "e", "n", "s"], 4),
        Lang::Es => strip_first(word, &["aciones", "acion", "mente", "es", "os", "as", "s", "o", "a"], 4),
        Lang::Ms => malay(word),
        Lang::Other => word,
    })
}

/// The languages with rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    De,
    Es,
    /// Malay and Indonesian, which share their affixes.
    Ms,
    Other,
}

impl Lang {
    pub fn from_code(code: &str) -> Lang {
        match code {
            "en" => Lang::En,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            "es" => Lang::Es,
            "ms" | "id" | "zsm" | "ind" => Lang::Ms,
            _ => Lang::Other,
        }
    }
}

/// `word` without the first of `suffixes` it ends with, if at least `keep` bytes remain.
fn strip_first<'a>(word: &'a str, suffixes: &[&str], keep: usize) -> &'a str {
    for s in suffixes {
        if let Some(stem) = word.strip_suffix(s)
            && stem.len() >= keep
        {
            return stem;
        }
    }
    word
}

/// Malay/Indonesian: the commonest derivational prefixes and suffixes (`di-tangkap`,
/// `pen-angkap-an`, `rumah-nya`) off, leaving at least four bytes.
fn malay(word: &str) -> &str {
    let word = strip_first(word, &["nya", "kan", "lah", "an", "i"], 4);
    for p in ["mem", "men", "meng", "me", "ber", "di", "ter", "pem", "pen", "peng", "pe", "ke", "se"] {
        if let Some(rest) = word.strip_prefix(p)
            && rest.len() >= 4
        {
            return rest;
        }
    }
    word
}

/// Each list is sorted (a test checks), for a binary search: this runs on every word.
fn is_stopword(word: &str, lang: Lang) -> bool {
    let list: &[&str] = match lang {
        Lang::En => EN,
        Lang::Fr => FR,
        Lang::De => DE,
        Lang::Es => ES,
        Lang::Ms => MS,
        Lang::Other => &[],
    };
    list.binary_search(&word).is_ok()
}

const EN: &[&str] = &[
    "a", "about", "after", "again", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "during",
    "each", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
    "his", "how", "if", "in", "into", "is", "it", "its", "just", "last", "more", "most", "mr", "mrs", "ms",
    "new", "no", "not", "now", "of", "on", "one", "only", "or", "other", "our", "out", "over", "said", "say",
    "says", "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "two", "under", "until", "up", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "year",
    "years", "you", "your",
];

const FR: &[&str] = &[
    "a", "apres", "au", "aussi", "aux", "avant", "avec", "ce", "ces", "cette", "comme", "d", "dans", "de",
    "des", "dont", "du", "elle", "en", "entre", "est", "et", "etait", "ete", "il", "ils", "l", "la", "le",
    "les", "leur", "lui", "mais", "ne", "ni", "nous", "on", "ou", "par", "pas", "plus", "pour", "qu", "que",
    "qui", "s", "sa", "se", "selon", "ses", "son", "sont", "sur", "un", "une", "y",
];

const DE: &[&str] = &[
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der", "des", "die",
    "ein", "eine", "einem", "einen", "einer", "es", "fur", "hat", "ich", "im", "in", "ist", "mit", "nach",
    "nicht", "noch", "sich", "sie", "sind", "uber", "um", "und", "von", "vor", "war", "werden", "wie",
    "wird", "wurde", "zu", "zum", "zur",
];

const ES: &[&str] = &[
    "a", "al", "como", "con", "de", "del", "el", "en", "es", "esta", "este", "fue", "ha", "la", "las", "lo",
    "los", "mas", "para", "pero", "por", "que", "se", "sin", "sobre", "su", "sus", "un", "una", "y",
];

const MS: &[&str] = &[
    "ada", "adalah", "akan", "antara", "atau", "bagi", "bahawa", "bahwa", "beliau", "boleh", "dalam", "dan",
    "dapat", "dari", "dengan", "di", "hanya", "ia", "ialah", "ini", "itu", "juga", "karena", "kata", "ke",
    "kepada", "kerana", "lagi", "lebih", "masih", "mereka", "oleh", "pada", "para", "sebagai", "selepas",
    "sudah", "telah", "tersebut", "tidak", "turut", "untuk", "yang",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopword_lists_are_sorted_for_binary_search() {
        for list in [EN, FR, DE, ES, MS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn inflections_meet() {
        assert_eq!(stem("arrested", Lang::En), stem("arrests", Lang::En));
        assert_eq!(stem("ditangkap", Lang::Ms), Some("tangkap"));
        assert_eq!(stem("tangkapan", Lang::Ms), Some("tangkap"));
        assert_eq!(stem("the", Lang::En), None);
        assert_eq!(stem("bus", Lang::En), Some("bus"), "too short to strip");
        assert_eq!(stem("maisons", Lang::Other), Some("maisons"));
    }
}
