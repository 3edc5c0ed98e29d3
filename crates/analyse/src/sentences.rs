//! Sentence boundaries over tokens.
//!
//! A sentence ends at a terminal mark (`.`, `!`, `?`, `…`, `。`, `؟`, `।`), together with the
//! closing quotes and brackets glued after it, when what follows can start a sentence: a
//! capital, a digit, an opening quote or dash, or a letter of a script without case. Blank
//! lines always end a sentence; a single line break ends one when the next line can start a
//! sentence, because extracted news keeps headlines, captions and list items on lines of
//! their own without final punctuation. Abbreviations, initials and decimals never end one:
//! the tokenizer already keeps their period inside the token.

use crate::tokenize::{Token, TokenKind, is_word_char};
use std::ops::Range;

/// One sentence: its byte span and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

/// Abbreviations that, unlike titles, often end a sentence (`... et les autres, etc. Puis`).
const FINAL_ABBREVIATIONS: &[&str] = &["etc.", "usw.", "itd.", "itp."];

/// Splits tokenized `text` into sentences covering every token, in order.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let mut end = i + 1;
        let tok = tokens[i].text(text);
        let terminal = is_terminal(tok) || FINAL_ABBREVIATIONS.iter().any(|a| tok.eq_ignore_ascii_case(a));
        if terminal {
            // Closing quotes and brackets belong to the sentence they close.
            while end < tokens.len()
                && is_closing(tokens[end].text(text), &text[tokens[end - 1].end..tokens[end].start])
            {
                end += 1;
            }
        }
        let boundary = match tokens.get(end) {
            None => true,
            Some(next) => {
                let gap = &text[tokens[end - 1].end..next.start];
                let newlines = gap.matches('\n').count();
                let starts = can_start(next.text(text), next.kind);
                newlines >= 2
                    || (newlines == 1 && starts)
                    || (terminal && starts && !gap.is_empty())
                    || (terminal && is_no_case_terminal(tok))
            }
        };
        if boundary {
            out.push(Sentence { start: tokens[first].start, end: tokens[end - 1].end, tokens: first..end });
            first = end;
        }
        i = end;
    }
    out
}

fn is_terminal(tok: &str) -> bool {
    matches!(tok, "." | "!" | "?" | "…" | "。" | "！" | "？" | "؟" | "।" | "॥")
        || (tok.len() > 1 && tok.chars().all(|c| matches!(c, '.' | '!' | '?' | '…')))
}

/// Terminal marks of scripts without case, after which no capital can confirm the break.
fn is_no_case_terminal(tok: &str) -> bool {
    matches!(tok, "。" | "！" | "？" | "؟" | "।" | "॥")
}

/// A closing quote or bracket after a terminal mark, given the space between them: French
/// sets `»` apart with a space, while a straight quote may as well open the next sentence.
fn is_closing(tok: &str, gap: &str) -> bool {
    match tok {
        "»" | "›" | "”" | ")" | "]" | "}" => !gap.contains('\n'),
        "\"" | "'" | "’" => gap.is_empty(),
        _ => false,
    }
}

/// Whether a token can open a sentence.
fn can_start(tok: &str, kind: TokenKind) -> bool {
    let Some(c) = tok.chars().next() else { return false };
    match kind {
        TokenKind::Number => true,
        TokenKind::Punct => {
            matches!(c, '«' | '“' | '"' | '‘' | '\'' | '(' | '[' | '—' | '–' | '-' | '¿' | '¡' | '„' | '‹')
        }
        TokenKind::Url | TokenKind::Symbol => false,
        TokenKind::Word => c.is_uppercase() || (is_word_char(c) && !c.is_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn split(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        let sents = sentences(text, &tokens);
        // Every token belongs to exactly one sentence, in order.
        let mut next = 0;
        for s in &sents {
            assert_eq!(s.tokens.start, next);
            assert!(s.tokens.end > s.tokens.start);
            next = s.tokens.end;
        }
        assert_eq!(next, tokens.len());
        sents.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn simple_sentences() {
        assert_eq!(split("Il pleut. Il vente! Vraiment ?"), ["Il pleut.", "Il vente!", "Vraiment ?"]);
    }

    #[test]
    fn titles_initials_and_decimals_do_not_end_a_sentence() {
        assert_eq!(
            split("M. Tokayev a parlé. J. K. Rowling aussi."),
            ["M. Tokayev a parlé.", "J. K. Rowling aussi."]
        );
        assert_eq!(
            split("Le prix a augmenté de 3.5 % hier. Puis"),
            ["Le prix a augmenté de 3.5 % hier.", "Puis"]
        );
        assert_eq!(split("The U.S. Army said so."), ["The U.S. Army said so."]);
    }

    #[test]
    fn lowercase_after_period_is_not_a_boundary() {
        assert_eq!(split("Voir p. ex. le texte."), ["Voir p. ex. le texte."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("« Des dizaines ont été éliminés. » Selon la police. \"Fin.\" Ensuite"),
            ["« Des dizaines ont été éliminés. »", "Selon la police.", "\"Fin.\"", "Ensuite"]
        );
        assert_eq!(split("Il a dit (c'est vrai.) Puis"), ["Il a dit (c'est vrai.)", "Puis"]);
    }

    #[test]
    fn opening_quote_or_digit_can_start_a_sentence() {
        assert_eq!(split("Fin. « Début » ici. 2022 fut"), ["Fin.", "« Début » ici.", "2022 fut"]);
    }

    #[test]
    fn etc_may_end_a_sentence() {
        assert_eq!(
            split("Pommes, poires, etc. Ensuite il part."),
            ["Pommes, poires, etc.", "Ensuite il part."]
        );
    }

    #[test]
    fn line_breaks() {
        assert_eq!(split("Titre sans point\n\nle texte suit."), ["Titre sans point", "le texte suit."]);
        assert_eq!(split("Publicité Lire la suite\nLa pression"), ["Publicité Lire la suite", "La pression"]);
        assert_eq!(split("une phrase coupée\nen deux lignes."), ["une phrase coupée\nen deux lignes."]);
    }

    #[test]
    fn scripts_without_case() {
        assert_eq!(split("哈萨克斯坦。抗议"), ["哈萨克斯坦。", "抗议"]);
        assert_eq!(
            split("Протесты продолжаются. Токаев заявил"),
            ["Протесты продолжаются.", "Токаев заявил"]
        );
    }

    #[test]
    fn ellipsis_and_repeated_marks() {
        assert_eq!(split("Quoi ?! Non... Si"), ["Quoi ?!", "Non...", "Si"]);
    }

    #[test]
    fn no_text() {
        assert!(split("").is_empty());
    }
}
