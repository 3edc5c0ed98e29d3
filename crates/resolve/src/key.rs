//! Name keys that survive spelling and transliteration variants.
//!
//! Two spellings of one name usually differ in ways a reader ignores: diacritics (`Tokaïev`),
//! the letters a transliteration scheme picks for one sound (`y`/`i`, `kh`/`h`, `zh`/`j`,
//! `w`/`v`, `ou`/`u`), doubled letters (`Kassym`/`Kasym`), and the script itself (`Путин`).
//! [`name_key`] maps all of these to one key per word; what is left (a dropped or added letter,
//! `Saltanat`/`Saltanant`) is for [`within_one_edit`] and the context.

/// The key of one word of a name: folded (case, diacritics), Cyrillic and Greek
/// transliterated, transliteration digraphs merged, doubled letters collapsed.
pub fn name_key(word: &str) -> String {
    let folded = storyline_geo::fold(word);
    let mut latin = String::with_capacity(folded.len());
    for c in folded.chars() {
        match transliterate(c) {
            Some(s) => latin.push_str(s),
            None if c.is_ascii_alphanumeric() => latin.push(c),
            None if c.is_alphanumeric() => latin.push(c),
            None => {}
        }
    }
    let merged = merge_digraphs(&latin);
    let mut out = String::with_capacity(merged.len());
    for c in merged.chars() {
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Letter groups that different transliteration schemes (English, French, German, scholarly)
/// write for one sound, each mapped to one spelling. Longest first.
const DIGRAPHS: &[(&str, &str)] = &[
    ("tsch", "ch"),
    ("dzh", "j"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("kh", "h"),
    ("zh", "j"),
    ("dj", "j"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
    ("x", "ks"),
];

fn merge_digraphs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    'outer: while let Some(c) = rest.chars().next() {
        for (from, to) in DIGRAPHS {
            if rest.starts_with(from) {
                out.push_str(to);
                rest = &rest[from.len()..];
                continue 'outer;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Cyrillic and Greek letters in a plain Latin transliteration (the key's, not a standard's:
/// it only has to land where the Latin spellings of the same name land).
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' => "i",
        'й' | 'ы' => "y",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        'є' => "ye",
        'ғ' => "g",
        'ә' => "a",
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' | 'η' => "e",
        'ζ' => "z",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ω' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        _ => return None,
    })
}

/// Whether two keys are at most one edit apart (insertion, deletion, substitution or
/// transposition of neighbours).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    if prefix == short.len() {
        return true;
    }
    if short.len() == long.len() {
        let same_after = |from: usize| short[from..] == long[from..];
        // Substitution, or two neighbours swapped.
        same_after(prefix + 1)
            || (prefix + 1 < short.len()
                && short[prefix] == long[prefix + 1]
                && short[prefix + 1] == long[prefix]
                && same_after(prefix + 2))
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// The keys one deletion away from `key` (and `key` itself): two keys within one edit share
/// at least one of these, so they index candidates for [`within_one_edit`].
pub fn deletion_keys(key: &str) -> Vec<String> {
    let mut out = vec![key.to_owned()];
    for (i, c) in key.char_indices() {
        let mut k = String::with_capacity(key.len());
        k.push_str(&key[..i]);
        k.push_str(&key[i + c.len_utf8()..]);
        out.push(k);
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_variants_share_a_key() {
        assert_eq!(name_key("Tchaïkovski"), name_key("Tschaikowsky"));
        assert_eq!(name_key("Tchekhov"), name_key("Chekhov"));
        assert_eq!(name_key("Mikhaïl"), name_key("Mikhail"));
        assert_eq!(name_key("Goussev"), name_key("Gusev"));
        assert_eq!(name_key("Гусев"), name_key("Gusev"));
        assert_eq!(name_key("Zelensky"), name_key("Zelenski"));
        assert_ne!(name_key("Paris"), name_key("Parma"));
    }

    #[test]
    fn one_edit_apart() {
        assert!(within_one_edit("abcd", "abcd"));
        assert!(within_one_edit("abcd", "abxd"));
        assert!(within_one_edit("abcd", "abd"));
        assert!(within_one_edit("abcd", "abcde"));
        assert!(within_one_edit("abcd", "bacd"));
        assert!(!within_one_edit("abcd", "badc"));
        assert!(!within_one_edit("abcd", "ab"));
        assert!(!within_one_edit("abcd", "wxyz"));
    }

    #[test]
    fn keys_one_edit_apart_share_a_deletion_key() {
        for (a, b) in [("marino", "marina"), ("selena", "selina"), ("oksana", "oksanna"), ("dora", "odra")] {
            let (da, db) = (deletion_keys(a), deletion_keys(b));
            assert!(da.iter().any(|k| db.contains(k)), "{a} {b}");
        }
    }
}
