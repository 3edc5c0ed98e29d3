//! Quotations: pairs of quote marks over the tokens, across sentences and paragraphs.
//!
//! Marks pair by family (`«»`, `“”`, `„“`, `‹›`, straight `"` which toggles) on a stack, so a
//! quotation may hold another. A quotation left open at the end of a paragraph goes on when
//! the next paragraph opens with a quote mark, as news writes a quotation of several
//! paragraphs (an opening mark on each, a closing one on the last only); otherwise it is
//! dropped, since an unpaired straight quote says nothing reliable about where a quotation is.

use crate::tokenize::Token;

/// One quotation: token indices of its opening and closing marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Quote {
    pub open: usize,
    pub close: usize,
}

/// The closing mark a token opens a quotation for, if it opens one.
fn closer_of(mark: &str) -> Option<&'static [&'static str]> {
    match mark {
        "«" => Some(&["»"]),
        "“" => Some(&["”"]),
        "„" => Some(&["“", "”"]),
        "‹" => Some(&["›"]),
        _ => None,
    }
}

fn is_quote_mark(mark: &str) -> bool {
    matches!(mark, "«" | "»" | "“" | "”" | "„" | "‹" | "›" | "\"")
}

/// The quotations of a text, ordered by their closing mark.
pub(super) fn quotations(text: &str, tokens: &[Token]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Vec<(usize, &'static [&'static str])> = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        let mark = tok.text(text);
        let new_paragraph = i > 0 && text[tokens[i - 1].end..tok.start].contains("\n\n");
        if new_paragraph && !open.is_empty() {
            if is_quote_mark(mark) && !matches!(mark, "»" | "”" | "›") {
                // The quotation goes on in this paragraph: its opening mark is a repeat.
                continue;
            }
            open.clear();
        }
        if mark == "\"" {
            match open.last() {
                Some(&(start, closers)) if closers == STRAIGHT => {
                    open.pop();
                    out.push(Quote { open: start, close: i });
                }
                _ => open.push((i, STRAIGHT)),
            }
            continue;
        }
        if let Some(&(start, closers)) = open.last()
            && closers.contains(&mark)
        {
            open.pop();
            out.push(Quote { open: start, close: i });
            continue;
        }
        if let Some(closers) = closer_of(mark) {
            open.push((i, closers));
        }
    }
    out
}

const STRAIGHT: &[&str] = &["\""];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn quoted(text: &str) -> Vec<&str> {
        let toks = tokenize(text);
        quotations(text, &toks).iter().map(|q| &text[toks[q.open].end..toks[q.close].start]).collect()
    }

    #[test]
    fn marks_pair_by_family_and_nest() {
        assert_eq!(quoted("« Il a dit “non” hier », puis \"oui\"."), ["non", " Il a dit “non” hier ", "oui"]);
        assert_eq!(quoted("Er sagte: „Wir bleiben.“ Dann"), ["Wir bleiben."]);
    }

    #[test]
    fn a_quotation_goes_on_over_paragraphs_that_reopen_it() {
        assert_eq!(quoted("“First part.\n\n“Second part,” he said."), ["First part.\n\n“Second part,"]);
        assert_eq!(quoted("An odd \" mark.\n\nThen \"a quote\"."), ["a quote"]);
    }
}
