//! The rules over one text: quotations, speech verbs, adjuncts, sources and relays, hedges.
//! See the module's documentation for what they find.

use super::lexicon::{ADVERBS, BUTS, COORDINATORS, Lexicon, MODALS, VerbClass, VerbForm};
use super::quotes::{Quote, quotations};
use super::{Attribution, Kind, Source};
use crate::sentences::Sentence;
use crate::tokenize::{Token, TokenKind};
use storyline_doc::{Annotation, Span};

/// A hedge cue found in the text.
pub(super) struct Hedge {
    pub span: Span,
    pub conditional: bool,
}

/// The text with its tokens in folded form, ready for the rules.
pub(super) struct Doc<'a> {
    text: &'a str,
    lex: &'static Lexicon,
    toks: &'a [Token],
    /// Each token lowercased and folded.
    words: Vec<String>,
    quotes: Vec<Quote>,
    /// For each token, the quotation it opens or closes (an index into `quotes`).
    quote_of: Vec<Option<usize>>,
    /// For each token, the speech verb it is a form of, with a subject pronoun glued to it.
    /// Mid-sentence speech verbs are lowercase: a capitalised form is a noun ("the United
    /// States").
    verb_forms: Vec<Option<(VerbForm, Option<Span>)>>,
    entities: &'a [Annotation],
}

/// A speech verb at a token: its group (auxiliary to verb) and a subject pronoun glued to it.
struct VerbGroup {
    start: usize,
    end: usize,
    class: VerbClass,
    bare: bool,
    pronoun: Option<Span>,
}

impl<'a> Doc<'a> {
    pub(super) fn new(
        text: &'a str,
        lex: &'static Lexicon,
        toks: &'a [Token],
        entities: &'a [Annotation],
    ) -> Self {
        let words = toks
            .iter()
            .map(|t| t.text(text).chars().flat_map(char::to_lowercase).map(crate::time::fold).collect())
            .collect();
        let quotes = quotations(text, toks);
        let mut quote_of = vec![None; toks.len()];
        for (n, q) in quotes.iter().enumerate() {
            quote_of[q.open] = Some(n);
            quote_of[q.close] = Some(n);
        }
        let mut doc = Doc { text, lex, toks, words, quotes, quote_of, verb_forms: Vec::new(), entities };
        doc.verb_forms = (0..toks.len())
            .map(|i| {
                if toks[i].kind != TokenKind::Word || doc.is_capitalised(i) {
                    return None;
                }
                let (word, raw, pronoun) = doc.split_pronoun(i);
                Some((lex.speech_verb(word, raw, pronoun.is_some())?, pronoun))
            })
            .collect();
        doc
    }

    fn raw(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    fn is_punct(&self, i: usize) -> bool {
        matches!(self.toks[i].kind, TokenKind::Punct | TokenKind::Symbol)
    }

    fn is_capitalised(&self, i: usize) -> bool {
        self.toks[i].kind == TokenKind::Word && self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn span(&self, from: usize, to: usize) -> Span {
        Span::new(self.toks[from].start, self.toks[to - 1].end)
    }

    /// The length of the first of `seqs` that the words at `at` (before `end`) spell.
    fn matches(&self, at: usize, end: usize, seqs: &[&[&str]]) -> Option<usize> {
        let first = self.words.get(at)?.as_bytes().first()?;
        seqs.iter()
            .filter(|seq| seq[0].as_bytes()[0] == *first)
            .filter(|seq| at + seq.len() <= end && seq.iter().zip(&self.words[at..]).all(|(a, b)| a == b))
            .map(|seq| seq.len())
            .max()
    }

    fn is_word_in(&self, i: usize, list: &[&str]) -> bool {
        list.contains(&self.words[i].as_str())
    }

    /// The span of tokens `from..to` without punctuation at their edges (quote marks kept
    /// when their quotation is inside); `None` when nothing is left.
    pub(super) fn trimmed(&self, range: std::ops::Range<usize>) -> Option<Span> {
        let (mut from, mut to) = (range.start, range.end);
        let edge = |i: usize| self.is_punct(i) && self.quote_of[i].is_none();
        while from < to && edge(from) {
            from += 1;
        }
        while to > from && (edge(to - 1) || self.unpaired_quote(to - 1, from)) {
            to -= 1;
        }
        (from < to).then(|| self.span(from, to))
    }

    /// A quote mark at `i` whose quotation starts before `from`.
    fn unpaired_quote(&self, i: usize, from: usize) -> bool {
        self.quote_of[i].is_some_and(|n| self.quotes[n].close == i && self.quotes[n].open < from)
    }

    /// The inner span of the quotation opened or closed at token `i`.
    fn quote_at(&self, i: usize, closing: bool) -> Option<Span> {
        let q = self.quotes[self.quote_of[i]?];
        if (if closing { q.close } else { q.open }) != i {
            return None;
        }
        (q.close > q.open + 1).then(|| self.span(q.open + 1, q.close))
    }

    /// Whether the content span starts right after a complementizer ("que", "that").
    pub(super) fn after_complementizer(&self, content: Span) -> bool {
        let first = self.toks.partition_point(|t| t.start < content.start);
        first > 0 && first < self.toks.len() && self.is_word_in(first - 1, self.lex.complementizers)
    }

    /// The hedge cues of each sentence. A conditional hedges only when nothing makes it a
    /// plain one ("aurait pu", "si ... serait"); "may have" only before a participle ("may
    /// have fled", not "could have access").
    pub(super) fn hedges(&self, sentences: &[Sentence]) -> Vec<Hedge> {
        let mut out = Vec::new();
        for s in sentences {
            let hypothesis = s.tokens.clone().any(|k| self.is_word_in(k, self.lex.hypothesis));
            let mut i = s.tokens.start;
            while i < s.tokens.end {
                let Some(n) = self.matches(i, s.tokens.end, self.lex.hedges) else {
                    i += 1;
                    continue;
                };
                let next = (i + n < s.tokens.end).then(|| self.words[i + n].as_str());
                let conditional = n == 1 && self.is_word_in(i, self.lex.conditionals);
                let plain = conditional
                    && (hypothesis || next.is_some_and(|w| self.lex.modal_participles.contains(&w)));
                let before_object = n > 1
                    && self.is_word_in(i + n - 1, self.lex.auxiliaries)
                    && !next.is_some_and(looks_like_participle);
                if !plain && !before_object {
                    out.push(Hedge { span: self.span(i, i + n), conditional });
                }
                i += n;
            }
        }
        out
    }

    /// Finds the attributions of the sentence made of tokens `a..b`.
    pub(super) fn sentence(&self, range: std::ops::Range<usize>, out: &mut Vec<Attribution>) {
        let (a, b) = (range.start, range.end);
        // Tokens already used as a cue, a source or a relay.
        let mut used = a;
        let mut i = a;
        while i < b {
            if i < used {
                i += 1;
                continue;
            }
            if self.matches(i, b, self.lex.hedges).is_none()
                && !(i > a && self.is_word_in(i - 1, self.lex.adjunct_blockers))
                && let Some(n) = self.matches(i, b, self.lex.adjuncts)
                && let Some((found, end)) = self.adjunct(a, b, i, n)
            {
                out.push(found);
                used = end;
            } else if let Some(group) = self.verb_group(a, i)
                && let Some((found, end)) = self.speech(a, b, group)
            {
                out.push(found);
                used = end;
            }
            i += 1;
        }
    }

    /// "Selon X, ..." at token `i`, the cue `n` tokens long. Returns the attribution and the
    /// end of the tokens it used.
    fn adjunct(&self, a: usize, b: usize, i: usize, n: usize) -> Option<(Attribution, usize)> {
        let at_head =
            (a..i).all(|k| self.is_punct(k) || self.is_word_in(k, COORDINATORS) || self.is_word_in(k, BUTS));
        // "Según informó X": the source is the subject of a verb after the cue.
        let np_from = if i + n < b { self.verb_group(a, i + n).map_or(i + n, |g| g.end) } else { i + n };
        let (np_start, mut np_end) = self.np_after(np_from, b, 12)?;
        if at_head && self.trimmed(np_end..b).is_none() {
            // No comma after the source ("Laut der Polizei wurden ..."): a capitalised noun
            // or name ends it.
            let first_capital = (np_start..np_end).find(|&t| self.is_capitalised(t))?;
            np_end = (first_capital..np_end).find(|&t| !self.is_capitalised(t)).unwrap_or(np_end);
        }
        let (via, used) = self.relays(np_end, b);
        // The adjunct closes the sentence when no other comma-separated part follows it.
        let at_tail = (used..b).all(|k| self.raw(k) != "," && !self.is_word_in(k, self.lex.clause_words));
        let content = if at_head {
            self.trimmed(used..b)
        } else if at_tail {
            self.content_before(a, i).map(|(s, _)| s).or_else(|| self.trimmed(a..i))
        } else {
            self.trimmed(a..b)
        }?;
        let source = self.source(np_start, np_end);
        let cue = self.span(i, i + n);
        Some((
            Attribution {
                kind: Kind::AccordingTo,
                content,
                source: Some(source),
                cue: Some(cue),
                via,
                hedges: vec![],
            },
            used,
        ))
    }

    fn source(&self, from: usize, to: usize) -> Source {
        let pronoun = to == from + 1 && self.is_word_in(from, self.lex.pronouns);
        let first_person = to == from + 1 && self.is_word_in(from, self.lex.first_person);
        Source { span: self.span(from, to), resolved: None, pronoun, first_person }
    }

    /// The speech verb whose lexical verb is token `i`, with its auxiliary and any subject
    /// pronoun glued to either ("a-t-il ajouté", "ajoute-t-il").
    fn verb_group(&self, a: usize, i: usize) -> Option<VerbGroup> {
        let (form, pronoun) = self.verb_forms[i]?;
        let mut start = i;
        let mut pronoun = pronoun;
        // The auxiliary, maybe a couple of adverbs before the verb ("a également déclaré").
        let aux = (i.saturating_sub(3).max(a)..i).rev().find(|&k| {
            let (w, _, _) = self.split_pronoun(k);
            self.lex.auxiliaries.contains(&w)
                && (k + 1..i)
                    .all(|m| self.toks[m].kind == TokenKind::Word && !self.is_word_in(m, self.lex.passive))
        });
        match aux {
            Some(aux) => {
                start = aux;
                pronoun = pronoun.or(self.split_pronoun(aux).2);
            }
            None if form.participle => return None,
            None => {}
        }
        if start > a {
            let before = start - 1;
            if self.is_word_in(before, self.lex.determiners)
                || self.is_word_in(before, self.lex.passive)
                || self.is_word_in(before, self.lex.verb_blockers)
            {
                return None;
            }
        }
        Some(VerbGroup { start, end: i + 1, class: form.class, bare: form.bare, pronoun })
    }

    /// A token as a verb (folded, raw lowercase) and the subject pronoun glued after it with
    /// hyphens ("dit-il", "a-t-elle"), as a span.
    /// The raw word is only compared with lowercase endings, and a capitalised word is no
    /// speech verb, so it is not lowercased.
    fn split_pronoun(&self, i: usize) -> (&str, &'a str, Option<Span>) {
        let word = self.words[i].as_str();
        let raw = self.raw(i);
        if let Some(cut) = word.find('-') {
            let tail = &word[cut + 1..];
            let pronoun = tail.strip_prefix("t-").unwrap_or(tail);
            if self.lex.pronouns.contains(&pronoun) || pronoun == "on" {
                let start = self.toks[i].end - pronoun.len();
                let raw_cut = raw.find('-').unwrap_or(raw.len());
                return (&word[..cut], &raw[..raw_cut], Some(Span::new(start, self.toks[i].end)));
            }
        }
        (word, raw, None)
    }

    /// The attribution of a speech verb group in the sentence `a..b`.
    fn speech(&self, a: usize, b: usize, g: VerbGroup) -> Option<(Attribution, usize)> {
        let cue = self.span(g.start, g.end);
        let mut via = Vec::new();
        let mut after = g.end;
        if let Some((obj_end, medium)) = self.listener(after, b, g.class == VerbClass::Tell) {
            via.extend(medium);
            after = obj_end;
        }
        let attribution = |kind, content, source: Source, via: Vec<Span>| Attribution {
            kind,
            content,
            source: Some(source),
            cue: Some(cue),
            via,
            hedges: vec![],
        };
        if let Some(pronoun) = g.pronoun {
            let (more, used) = self.relays(after, b);
            via.extend(more);
            let (content, quoted) = self.content_before(a, g.start)?;
            let source = Source { span: pronoun, resolved: None, pronoun: true, first_person: false };
            return Some((attribution(kind_of(quoted), content, source, via), used));
        }
        match self.np_before(a, g.start) {
            Some((np_start, np_end)) => {
                let source = self.source(np_start, np_end);
                let forward = self.content_after(after, b, g.bare);
                let inverted =
                    self.modifier_only(after, b).then(|| self.content_before(a, np_start)).flatten();
                let (content, quoted, used) = match (inverted, forward) {
                    (Some((c, q)), _) => {
                        let (more, used) = self.relays(after, b);
                        via.extend(more);
                        (c, q, used)
                    }
                    (None, Some((c, q))) => (c, q, g.end),
                    (None, None) => return None,
                };
                Some((attribution(kind_of(quoted), content, source, via), used))
            }
            None if g.start > a && self.is_word_in(g.start - 1, COORDINATORS) => {
                // "X a refusé et a déclaré que ...": the subject of the first verb.
                let first_aux = (a..g.start - 1).find(|&t| self.is_word_in(t, self.lex.auxiliaries))?;
                let (np_start, np_end) = self.np_before(a, first_aux)?;
                let (content, quoted) = self.content_after(after, b, g.bare)?;
                Some((attribution(kind_of(quoted), content, self.source(np_start, np_end), via), g.end))
            }
            None => {
                // "..., a déclaré X": the subject follows the verb, and nothing but adverbials
                // follows the subject.
                let (content, quoted) = self.content_before(a, g.start)?;
                let (np_start, np_end) = self.np_after(after, b, 12)?;
                let mut end = np_end;
                if let Some((obj_end, medium)) = self.listener(end, b, false) {
                    via.extend(medium);
                    end = obj_end;
                }
                let (more, used) = self.relays(end, b);
                via.extend(more);
                if self.modifier_only(used, b) {
                    return Some((
                        attribution(kind_of(quoted), content, self.source(np_start, np_end), via),
                        used,
                    ));
                }
                // "The mayor, Jo Vale, says he ...": what precedes the comma is the subject.
                let words = (a..g.start).filter(|&t| !self.is_punct(t)).count();
                if quoted || words > 10 {
                    return None;
                }
                let source = self.trimmed(a..g.start)?;
                let (content, quoted) = self.content_after(g.end, b, g.bare)?;
                let source = Source { span: source, resolved: None, pronoun: false, first_person: false };
                Some((attribution(kind_of(quoted), content, source, Vec::new()), g.end))
            }
        }
    }

    /// What a statement before token `k` says: the quotation closed just before (with a
    /// comma or a dash between), or the clause from the sentence start `a` to that comma.
    /// The flag says it is a quotation.
    fn content_before(&self, a: usize, k: usize) -> Option<(Span, bool)> {
        if k <= a {
            return None;
        }
        let mut j = k - 1;
        let comma = matches!(self.raw(j), "," | "—" | "–");
        if comma {
            j = j.checked_sub(1)?;
        }
        if let Some(q) = self.quote_at(j, true) {
            return Some((q, true));
        }
        if comma && j >= a {
            return self.trimmed(a..j + 1).map(|s| (s, false));
        }
        None
    }

    /// What follows a speech verb from token `k`: the quotation, or the clause after the
    /// complementizer or colon, within a few words; a bare clause only for verbs that allow it.
    fn content_after(&self, k: usize, b: usize, bare: bool) -> Option<(Span, bool)> {
        for j in k..b.min(k + 8) {
            // A quotation opening further on is a phrase of the clause, not the statement.
            let opens_statement = j == k || matches!(self.raw(j - 1), "," | ":");
            if let Some(q) = self.quote_at(j, false).filter(|_| opens_statement) {
                return Some((q, true));
            }
            if self.is_word_in(j, self.lex.complementizers) || self.raw(j) == ":" {
                if let Some(q) = (j + 1 < b).then(|| self.quote_at(j + 1, false)).flatten() {
                    return Some((q, true));
                }
                return self.trimmed(j + 1..b).map(|s| (s, false));
            }
            if self.is_punct(j) && self.raw(j) != "," {
                break;
            }
        }
        if bare && k < b && !self.is_punct(k) && !self.is_word_in(k, self.lex.adverbial_words) {
            return self.trimmed(k..b).map(|s| (s, false));
        }
        None
    }

    /// Whether what follows a verb up to the next comma or the end is only adverbials ("on
    /// Monday", "dans un communiqué"), so that the statement must be before the verb.
    fn modifier_only(&self, k: usize, b: usize) -> bool {
        let end = (k..b).find(|&j| self.raw(j) == ",").unwrap_or(b);
        let words: Vec<usize> = (k..end).filter(|&j| !self.is_punct(j)).collect();
        let opens_quote = (k..end).any(|j| self.quote_at(j, false).is_some());
        let clause = (k..end).any(|j| self.is_word_in(j, self.lex.complementizers) || self.raw(j) == ":");
        !opens_quote && !clause && (words.is_empty() || self.is_word_in(words[0], self.lex.adverbial_words))
    }

    /// The subject noun phrase before token `k` (adverbs between them left out): back to
    /// punctuation, a conjunction or the sentence start `a`; `None` when empty or too long to
    /// be a subject.
    fn np_before(&self, a: usize, k: usize) -> Option<(usize, usize)> {
        let mut k = k;
        while k > a && self.is_adverb(k - 1) {
            k -= 1;
        }
        let mut j = k;
        let ends_subject = |t: usize| {
            self.is_punct(t)
                || self.verb_forms[t].is_some()
                || self.is_word_in(t, self.lex.clause_words)
                || self.is_word_in(t, self.lex.auxiliaries)
                || self.is_word_in(t, self.lex.passive)
                || self.is_word_in(t, MODALS)
        };
        while j > a && !ends_subject(j - 1) {
            j -= 1;
            if k - j > 10 {
                return None;
            }
        }
        if j == k {
            return None;
        }
        // A name cut by the scan is taken whole.
        let start = self.toks[j].start;
        let whole = self
            .entities
            .iter()
            .filter(|e| e.span.start < start && start < e.span.end)
            .map(|e| e.span.start)
            .min()
            .and_then(|s| (a..j).find(|&t| self.toks[t].start == s));
        Some((whole.unwrap_or(j), k))
    }

    /// The source noun phrase starting at token `k`: up to punctuation, a clause word, an
    /// adverbial or another cue, at most `max` tokens, never cutting an entity.
    fn np_after(&self, k: usize, b: usize, max: usize) -> Option<(usize, usize)> {
        let mut j = k;
        while j < b && j - k < max {
            let stop = self.is_punct(j)
                || self.is_word_in(j, self.lex.clause_words)
                || self.is_word_in(j, self.lex.auxiliaries)
                || self.is_word_in(j, self.lex.passive)
                || self.is_word_in(j, MODALS)
                || (j > k && self.is_word_in(j, self.lex.adverbial_words))
                || self.matches(j, b, self.lex.relays).is_some()
                || self.verb_group(k, j).is_some();
            if stop && !self.inside_entity(j) {
                break;
            }
            j += 1;
        }
        (j > k && !self.is_word_in(k, self.lex.adverbial_words)).then_some((k, j))
    }

    /// An adverb between a subject and its verb ("the minister also said").
    fn is_adverb(&self, i: usize) -> bool {
        let w = self.words[i].as_str();
        self.toks[i].kind == TokenKind::Word
            && !self.is_capitalised(i)
            && ((w.len() > 4 && w.ends_with("ly"))
                || (w.len() > 6 && w.ends_with("ment"))
                || ADVERBS.contains(&w))
    }

    fn inside_entity(&self, j: usize) -> bool {
        let t = self.toks[j];
        self.entities.iter().any(|e| e.span.start < t.start && t.end <= e.span.end)
    }

    /// The listener after a speech verb at token `k` ("told reporters", "told the X news
    /// agency", "a déclaré à l'agence X"): the end of its tokens, and its span when it names a
    /// news medium (a relay). `direct`: the verb takes its listener without a preposition.
    fn listener(&self, k: usize, b: usize, direct: bool) -> Option<(usize, Option<Span>)> {
        let mut j = k;
        if !direct {
            if j >= b || !self.is_word_in(j, self.lex.listener_prepositions) {
                return None;
            }
            j += 1;
        }
        let start = j;
        while j < b && self.is_word_in(j, self.lex.determiners) {
            j += 1;
        }
        if j >= b || self.toks[j].kind != TokenKind::Word || self.is_word_in(j, self.lex.complementizers) {
            return None;
        }
        let named = self.is_capitalised(j);
        if named {
            while j < b && self.is_capitalised(j) {
                j += 1;
            }
        } else if !self.is_word_in(j, self.lex.media) {
            j += 1;
        }
        let mut medium = named;
        while j < b && self.is_word_in(j, self.lex.media) {
            medium = true;
            j += 1;
        }
        // "l'agence X": a medium noun, then its name.
        if medium && j < b && self.is_capitalised(j) && !named {
            while j < b && self.is_capitalised(j) {
                j += 1;
            }
        }
        Some((j, medium.then(|| self.span(start, j))))
    }

    /// Relays after a source ending at token `k`: ", cité par A, B et C", ", quoted by X".
    /// Returns one span per relaying name and the end of the tokens used.
    fn relays(&self, k: usize, b: usize) -> (Vec<Span>, usize) {
        let mut via = Vec::new();
        let mut end = k;
        loop {
            let mut j = end;
            if j < b && self.raw(j) == "," {
                j += 1;
            }
            let Some(n) = self.matches(j, b, self.lex.relays) else { break };
            let items = self.name_list(j + n, b);
            let Some(&(_, last)) = items.last() else { break };
            via.extend(items.iter().map(|&(s, e)| self.span(s, e)));
            end = last;
        }
        (via, end)
    }

    /// A list of names from token `k`: "les agences A, B et C" gives A, B and C; a single
    /// noun phrase gives itself.
    fn name_list(&self, k: usize, b: usize) -> Vec<(usize, usize)> {
        let mut items = Vec::new();
        let mut j = k;
        while let Some((s, e)) = self.np_after(j, b, 10) {
            items.push((s, e));
            let joined = e + 1 < b
                && (self.raw(e) == "," || self.is_word_in(e, &["et", "and", "y", "und"]))
                && self.is_capitalised(e + 1);
            if !joined {
                break;
            }
            j = e + 1;
        }
        if items.len() > 1 {
            // The words common to the list ("les agences") are not part of its first name.
            let (s, e) = items[0];
            if let Some(first_name) = (s..e).find(|&t| self.is_capitalised(t)) {
                items[0] = (first_name, e);
            }
        }
        items
    }
}

/// An English past participle, by its usual endings ("fled", "been", "gone", "shown").
fn looks_like_participle(w: &str) -> bool {
    [
        "ed", "en", "ne", "wn", "ht", "ft", "lt", "pt", "ung", "ade", "id", "ld", "ot", "ew", "ck", "un",
        "st", "nt", "it",
    ]
    .iter()
    .any(|e| w.ends_with(e))
}

fn kind_of(quoted: bool) -> Kind {
    if quoted { Kind::Quote } else { Kind::Reported }
}
