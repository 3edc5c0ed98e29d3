//! CoNLL-style files: one token a line, a blank line between sentences.
//!
//! Accepted layouts, decided line by line: `idx<TAB>token<TAB>tag` (WikiNEuRal, WikiANN and
//! the CoNLL mirrors: the first column is taken as an index only when it counts the
//! sentence's tokens from 0 or 1), `token<TAB>...<TAB>tag` and `token tag` (the tag is the
//! last column), and a bare `token` (no tag). `-DOCSTART-` lines and `#` comment lines are
//! skipped. Tags are normalised to IOB2 with upper-case types (`I-PER` opening an entity
//! becomes `B-PER`, `PERS` becomes `PER`), as the models and the scorer expect.

use std::io::{self, BufRead, Read};
use std::path::Path;

/// One sentence: its tokens, and its tags when the file has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    /// Empty when the input had no tag column.
    pub tags: Vec<String>,
}

/// Reads a CoNLL file, gzip-compressed when its name ends in `.gz`.
pub fn read_path(path: &Path) -> io::Result<Vec<Sentence>> {
    let file = std::fs::File::open(path).map_err(|e| with_path(path, e))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|x| x == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    read(io::BufReader::new(reader), true).map_err(|e| with_path(path, e))
}

fn with_path(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Reads sentences from `input`. With `tagged`, the last column of a line of two or more
/// columns is the tag; without, only the token is kept (`storyline ner` input).
pub fn read(input: impl BufRead, tagged: bool) -> io::Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| io::Error::new(e.kind(), format!("line {}: {e}", n + 1)))?;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        if line.starts_with("# ") || line == "#" {
            continue;
        }
        let cols: Vec<&str> =
            if line.contains('\t') { line.split('\t').collect() } else { line.split(' ').collect() };
        let pos = cur.tokens.len();
        let indexed = cols.len() >= 3 && cols[0].parse::<usize>().is_ok_and(|i| i == pos || i == pos + 1);
        let token = if indexed { cols[1] } else { cols[0] };
        if token == "-DOCSTART-" {
            continue;
        }
        if token.is_empty() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, format!("line {}: empty token", n + 1)));
        }
        cur.tokens.push(token.to_owned());
        if tagged {
            let tag = if cols.len() >= 2 { cols[cols.len() - 1] } else { "O" };
            cur.tags.push(tag.trim().to_owned());
        }
    }
    flush(&mut cur, &mut out);
    Ok(out)
}

fn flush(cur: &mut Sentence, out: &mut Vec<Sentence>) {
    if !cur.tokens.is_empty() {
        let mut s = std::mem::take(cur);
        if !s.tags.is_empty() {
            s.tags = normalise_tags(&s.tags);
        }
        out.push(s);
    }
}

/// IOB2 with upper-case, conventional type names.
pub fn normalise_tags<S: AsRef<str>>(tags: &[S]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    let mut prev_type: Option<String> = None;
    for tag in tags {
        let tag = tag.as_ref();
        let (prefix, ty) = match tag.split_once('-') {
            Some((p, t)) if p.len() == 1 => (p.to_ascii_uppercase(), t),
            _ => ("O".to_owned(), ""),
        };
        if prefix == "O" || ty.is_empty() {
            out.push("O".into());
            prev_type = None;
            continue;
        }
        let ty = match ty.to_ascii_uppercase().as_str() {
            "PERS" | "PERSON" => "PER".to_owned(),
            "LOCATION" | "GPE" => "LOC".to_owned(),
            "ORGANIZATION" | "ORGANISATION" => "ORG".to_owned(),
            "MISCELLANEOUS" => "MISC".to_owned(),
            t => t.to_owned(),
        };
        let begins = match prefix.as_str() {
            "B" | "S" => true,
            _ => prev_type.as_deref() != Some(&ty),
        };
        out.push(format!("{}-{ty}", if begins { "B" } else { "I" }));
        prev_type = if prefix == "E" || prefix == "S" { None } else { Some(ty) };
    }
    out
}

/// Writes `token<TAB>gold<TAB>predicted` lines (or `token<TAB>predicted` without gold),
/// a blank line after each sentence.
pub fn write_tagged(
    out: &mut impl io::Write,
    tokens: &[String],
    gold: Option<&[String]>,
    predicted: &[&str],
) -> io::Result<()> {
    for (i, (tok, p)) in tokens.iter().zip(predicted).enumerate() {
        match gold {
            Some(g) => writeln!(out, "{tok}\t{}\t{p}", g[i])?,
            None => writeln!(out, "{tok}\t{p}")?,
        }
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Vec<Sentence> {
        read(s.as_bytes(), true).unwrap()
    }

    #[test]
    fn indexed_tab_files() {
        let s = parse(
            "0\t-DOCSTART-\tO\n\n0\tEU\tB-ORG\n1\trejects\tO\n\n0\tPeter\tB-PER\n1\tBlackburn\tI-PER\n",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, ["EU", "rejects"]);
        assert_eq!(s[1].tags, ["B-PER", "I-PER"]);
    }

    #[test]
    fn space_separated_iob1_and_lowercase_types() {
        let s = parse("Emmanuel I-PER\nDESOLES I-PER\nde O\nParis I-LOC\n");
        assert_eq!(s[0].tags, ["B-PER", "I-PER", "O", "B-LOC"]);
        let s = parse("Munich\tB-loc\nla\tI-loc\nx\tB-pers\n");
        assert_eq!(s[0].tags, ["B-LOC", "I-LOC", "B-PER"]);
    }

    #[test]
    fn a_number_token_is_not_taken_for_an_index() {
        // "2022" is the token: it does not count the sentence's tokens.
        let s = parse("Le\tx\tO\n2022\tNUM\tO\n");
        assert_eq!(s[0].tokens, ["Le", "2022"]);
        let s = parse("0\t2022\tO\n1\t5\tO\n");
        assert_eq!(s[0].tokens, ["2022", "5"]);
    }

    #[test]
    fn untagged_input_keeps_the_first_column() {
        let s = read("Almaty\tfoo\tbar\nest\n\n\nici\n".as_bytes(), false).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, ["Almaty", "est"]);
        assert!(s[0].tags.is_empty());
    }

    #[test]
    fn comments_and_crlf() {
        let s = parse("# document\r\nA\tB-ORG\r\n\r\n");
        assert_eq!(s, [Sentence { tokens: vec!["A".into()], tags: vec!["B-ORG".into()] }]);
    }

    #[test]
    fn writes_one_token_a_line() {
        let mut out = Vec::new();
        write_tagged(
            &mut out,
            &["A".into(), "b".into()],
            Some(&["B-ORG".into(), "O".into()]),
            &["B-ORG", "O"],
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "A\tB-ORG\tB-ORG\nb\tO\tO\n\n");
    }
}
