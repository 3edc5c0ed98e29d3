//! The words of attribution, per language, in folded form (lowercase, accents removed, `’` as
//! `'`; see `time::fold`). Multi-word cues are token sequences as `crate::tokenize` cuts them
//! (`d'après` is `d'` `apres`).
//!
//! Speech verbs are listed once, by lemma, and their conjugated forms are recognised by suffix
//! rules ([`Lexicon::speech_verb`]): French first-group verbs by their stem plus the endings
//! of the present, imperfect, simple past, future and participle; English verbs by the regular
//! `-s`/`-ed` rules (with `-ies`/`-ied` and doubled final consonants); irregular forms are
//! listed as they are written. A participle (`déclaré`, `dicho`) only counts after an
//! auxiliary (`a déclaré`), since alone it is usually an adjective (`les chiffres annoncés`).

/// Whether a speech verb may take a listener as its object (`told reporters`, `told the
/// agency`), which is then skipped and, when it is a news medium, kept as a relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VerbClass {
    Say,
    Tell,
}

/// A recognised speech verb form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct VerbForm {
    pub class: VerbClass,
    /// Needs an auxiliary before it (a past participle).
    pub participle: bool,
    /// May take its clause without a complementizer.
    pub bare: bool,
}

pub(super) struct Lexicon {
    /// "According to X": the source follows the cue.
    pub adjuncts: &'static [&'static [&'static str]],
    /// Words before an adjunct that make it mean "depending on" ("varie selon l'âge").
    pub adjunct_blockers: &'static [&'static str],
    /// Words before a speech verb that deny or suspend it ("ne dit pas", "did not say",
    /// "will tell", "to confirm"): no statement is attributed.
    pub verb_blockers: &'static [&'static str],
    /// "X, quoted by Y": what follows relays the source before it.
    pub relays: &'static [&'static [&'static str]],
    /// Hedges: the claim is not vouched for. `conditionals` are the ones that are also the
    /// future-in-the-past of reported speech ("il a dit qu'il serait là"), which hedge only
    /// outside a "que" clause.
    pub hedges: &'static [&'static [&'static str]],
    pub conditionals: &'static [&'static str],
    /// Words that make a conditional a plain one: a modal participle after it ("aurait pu"),
    /// a hypothesis in its sentence ("si").
    pub modal_participles: &'static [&'static str],
    pub hypothesis: &'static [&'static str],
    /// Auxiliaries of the perfect, before a participle ("a déclaré", "has said").
    pub auxiliaries: &'static [&'static str],
    /// Forms of "to be" that make a following participle passive ("was reported").
    pub passive: &'static [&'static str],
    pub complementizers: &'static [&'static str],
    /// Personal pronouns that may stand for a source, resolved to an earlier named source.
    pub pronouns: &'static [&'static str],
    /// First-person pronouns: a source ("I said") that no earlier source names.
    pub first_person: &'static [&'static str],
    /// Words a noun phrase source never runs across: conjunctions, relatives.
    pub clause_words: &'static [&'static str],
    /// Prepositions and time words that start an adverbial ("on Monday", "lors de"): they end
    /// a source that follows its verb ("said the minister on Monday").
    pub adverbial_words: &'static [&'static str],
    pub determiners: &'static [&'static str],
    /// Prepositions introducing the listener of a speech verb ("a déclaré à la presse").
    pub listener_prepositions: &'static [&'static str],
    /// Nouns naming a news medium, whose presence makes a listener a relay.
    pub media: &'static [&'static str],
    /// Speech verbs of the first conjugation, by stem (French `-er`, Spanish `-ar`).
    regular_stems: &'static [&'static str],
    regular_finite_endings: &'static [&'static str],
    regular_participle_endings: &'static [&'static str],
    /// English regular lemmas, conjugated by [`english_form`].
    english_lemmas: &'static [&'static str],
    /// Stems and lemmas also common as nouns or adjectives ("une définition précise", "the
    /// report", "a state"): only their participle or past counts, or (French) a form with the
    /// subject pronoun after it.
    ambiguous: &'static [&'static str],
    /// Irregular forms, finite and participles.
    finite_forms: &'static [&'static str],
    /// Forms that are speech verbs only with the subject pronoun after them (`poursuit-il`):
    /// alone they are too often something else (`l'armée poursuit son offensive`).
    inverted_forms: &'static [&'static str],
    /// Forms whose reported clause may follow with no complementizer ("he said the bridge
    /// fell"); any other verb needs "que"/"that", a colon or a quotation after it, so that
    /// "declared a state of emergency" is not a statement.
    bare_forms: &'static [&'static str],
    participle_forms: &'static [&'static str],
    tell_forms: &'static [&'static str],
}

impl Lexicon {
    pub fn for_language(code: &str) -> Option<&'static Lexicon> {
        match code {
            "fr" | "fra" => Some(&FR),
            "en" | "eng" => Some(&EN),
            "de" | "deu" => Some(&DE),
            "es" | "spa" => Some(&ES),
            _ => None,
        }
    }

    /// The speech verb `word` (folded) is a form of, if any. `raw` is the word as written,
    /// which tells a French participle (`déclaré`) from a present (`déclare`).
    /// `inverted`: the word carried a subject pronoun (`ajoute-t-il`).
    pub fn speech_verb(&self, word: &str, raw: &str, inverted: bool) -> Option<VerbForm> {
        let class = if self.tell_forms.contains(&word) { VerbClass::Tell } else { VerbClass::Say };
        let bare = self.bare_forms.contains(&word);
        let form = |participle| Some(VerbForm { class, participle, bare });
        if self.participle_forms.contains(&word) {
            return form(true);
        }
        if self.finite_forms.contains(&word)
            || self.tell_forms.contains(&word)
            || (inverted && self.inverted_forms.contains(&word))
        {
            return form(false);
        }
        let first = word.as_bytes().first()?;
        for stem in self.regular_stems.iter().filter(|s| s.as_bytes()[0] == *first) {
            let Some(ending) = word.strip_prefix(stem) else { continue };
            if self.regular_participle_endings.iter().any(|e| raw.ends_with(e) && fold_eq(e, ending)) {
                return form(true);
            }
            if self.regular_finite_endings.contains(&ending) && (inverted || !self.ambiguous.contains(stem)) {
                return form(false);
            }
        }
        let mut lemmas = self.english_lemmas.iter().filter(|l| l.as_bytes()[0] == *first);
        if lemmas.any(|l| english_form(word, l, self.ambiguous.contains(l))) {
            return form(false);
        }
        None
    }
}

/// Whether an unfolded ending (`ée`) folds to `folded` (`ee`).
fn fold_eq(unfolded: &str, folded: &str) -> bool {
    unfolded.chars().map(crate::time::fold).eq(folded.chars())
}

/// Whether `w` is `lemma` or its `-s`, `-ed` form (`denies`, `denied`, `admitted`); only the
/// `-ed` form when `past_only`. The `-ing` form is left out: "saying" opens a participial
/// clause with no subject of its own.
fn english_form(w: &str, lemma: &str, past_only: bool) -> bool {
    if w == lemma {
        return !past_only;
    }
    let Some(rest) = w.strip_prefix(lemma.trim_end_matches(['e', 'y'])) else { return false };
    let last = lemma.chars().last().unwrap_or(' ');
    let past = match last {
        'e' => rest == "ed",
        'y' => rest == "ied",
        _ => rest == "ed" || rest.strip_prefix(last).is_some_and(|r| r == "ed"),
    };
    let third_person = match last {
        'e' => rest == "es",
        'y' => matches!(rest, "ies" | "ys"),
        _ => matches!(rest, "s" | "es"),
    };
    past || (third_person && !past_only)
}

/// Modal verbs, which no subject noun phrase holds ("X would leverage ...").
pub(super) const MODALS: &[&str] = &[
    "will", "would", "can", "could", "should", "might", "may", "must", "shall", "peut", "pourrait", "doit",
    "devrait", "wird", "kann", "muss", "puede", "podria", "debe",
];

/// Coordinating conjunctions: "et", "and", "y", "und".
pub(super) const COORDINATORS: &[&str] = &["et", "and", "y", "und"];
pub(super) const BUTS: &[&str] = &["mais", "but", "pero", "aber"];

/// Short adverbs that may stand between a subject and its verb.
pub(super) const ADVERBS: &[&str] = &[
    "also",
    "later",
    "again",
    "then",
    "further",
    "just",
    "now",
    "still",
    "previously",
    "aussi",
    "encore",
    "ensuite",
    "enfin",
    "pourtant",
    "auch",
    "noch",
    "tambien",
    "ademas",
];

const FR: Lexicon = Lexicon {
    adjuncts: &[
        &["selon"],
        &["d'", "apres"],
        &["de", "source"],
        &["aux", "dires", "de"],
        &["aux", "dires", "du"],
    ],
    adjunct_blockers: &[
        "varie",
        "varient",
        "variait",
        "variaient",
        "variant",
        "variable",
        "variables",
        "different",
        "differente",
        "differents",
        "differentes",
        "differe",
        "depend",
        "dependent",
        "module",
        "modulee",
        "classes",
    ],
    verb_blockers: &["ne", "n'", "pour", "de", "d'"],
    relays: &[
        &["cite", "par"],
        &["citee", "par"],
        &["cites", "par"],
        &["citees", "par"],
        &["relaye", "par"],
        &["relayee", "par"],
        &["relayes", "par"],
        &["rapporte", "par"],
        &["rapportes", "par"],
        &["repris", "par"],
        &["reprise", "par"],
        &["interroge", "par"],
        &["interrogee", "par"],
        &["selon"],
        &["d'", "apres"],
    ],
    hedges: &[
        &["aurait"],
        &["auraient"],
        &["serait"],
        &["seraient"],
        &["semble"],
        &["semblent"],
        &["semblait"],
        &["semblaient"],
        &["semblerait"],
        &["sembleraient"],
        &["parait"],
        &["paraissait"],
        &["apparemment"],
        &["presume"],
        &["presumee"],
        &["presumes"],
        &["presumees"],
        &["presumement"],
        &["pretendu"],
        &["pretendue"],
        &["pretendus"],
        &["pretendues"],
        &["pretendument"],
        &["vraisemblablement"],
        &["selon", "toute", "vraisemblance"],
        &["probablement"],
        &["peut-etre"],
        &["non", "confirme"],
        &["non", "confirmee"],
        &["non", "confirmes"],
        &["non", "confirmees"],
        &["sans", "confirmation"],
        &["il", "est", "possible", "que"],
        &["il", "se", "pourrait", "que"],
    ],
    conditionals: &["aurait", "auraient", "serait", "seraient"],
    modal_participles: &["pu", "du", "fallu", "voulu"],
    hypothesis: &["si"],
    auxiliaries: &["a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", "eut", "eurent"],
    passive: &["est", "sont", "etait", "etaient", "ete", "fut", "furent"],
    complementizers: &["que", "qu'"],
    first_person: &["je", "j'", "nous"],
    pronouns: &["il", "elle", "ils", "elles", "lui", "eux"],
    clause_words: &[
        "que", "qu'", "qui", "dont", "et", "mais", "ou", "car", "donc", "puis", "alors", "lorsque",
        "lorsqu'", "quand", "si", "comme", "pourquoi", "comment",
    ],
    adverbial_words: &[
        "lors",
        "dans",
        "pendant",
        "apres",
        "avant",
        "devant",
        "sur",
        "hier",
        "aujourd'hui",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "au",
        "aux",
        "à",
        "depuis",
        "par",
        "vers",
        "ce",
        "cette",
    ],
    determiners: &[
        "le", "la", "les", "l'", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "son", "sa", "ses",
        "leur", "leurs", "notre", "votre",
    ],
    listener_prepositions: &["à", "au", "aux"],
    media: &[
        "agence",
        "agences",
        "journal",
        "journaux",
        "quotidien",
        "hebdomadaire",
        "chaine",
        "television",
        "radio",
        "site",
        "magazine",
    ],
    regular_stems: &[
        "declar", "affirm", "annonc", "indiqu", "precis", "ajout", "expliqu", "assur", "estim", "rapport",
        "confirm", "soulign", "signal", "racont", "confi", "not", "insist", "denonc", "temoign", "martel",
        "deplor", "revel", "repliqu", "proclam", "tweet", "detaill", "certifi", "prevoi",
    ],
    regular_finite_endings: &["e", "es", "ent", "ait", "aient", "a", "erent", "era", "eront", "ons"],
    regular_participle_endings: &["é", "ée", "és", "ées"],
    english_lemmas: &[],
    ambiguous: &["precis", "not", "confi", "signal", "temoign"],
    finite_forms: &[
        "dit",
        "disent",
        "disait",
        "disaient",
        "dira",
        "diront",
        "dement",
        "dementent",
        "dementait",
        "reconnait",
        "reconnaissent",
        "reconnaissait",
        "admet",
        "admettent",
        "admettait",
        "ecrit",
        "ecrivent",
        "ecrivait",
        "soutient",
        "soutiennent",
        "soutenait",
        "avertit",
        "avertissent",
        "avertissait",
        "repond",
        "repondent",
        "repondait",
        "previent",
        "previennent",
    ],
    inverted_forms: &[
        "poursuit",
        "conclut",
        "lance",
        "insiste",
        "ironise",
        "tranche",
        "resume",
        "glisse",
        "souffle",
        "lache",
        "rappelle",
        "reconnait",
        "commente",
        "observe",
        "constate",
        "juge",
        "avoue",
        "admet",
        "nuance",
    ],
    bare_forms: &[],
    participle_forms: &[
        "dementi", "reconnu", "reconnue", "admis", "soutenu", "averti", "repondu", "conclu", "promis",
        "prevenu", "ecrit",
    ],
    tell_forms: &[],
};

const EN: Lexicon = Lexicon {
    adjuncts: &[&["according", "to"], &["as", "reported", "by"], &["in", "the", "words", "of"]],
    adjunct_blockers: &[
        "vary", "varies", "varied", "varying", "differ", "differs", "adjusted", "ranked", "sorted",
    ],
    verb_blockers: &[
        "to", "not", "n't", "never", "will", "would", "can", "could", "should", "might", "may", "must",
        "did", "do", "does", "'ll", "'d",
    ],
    relays: &[
        &["quoted", "by"],
        &["cited", "by"],
        &["as", "quoted", "by"],
        &["as", "cited", "by"],
        &["reported", "by"],
        &["according", "to"],
        &["citing"],
    ],
    hedges: &[
        &["reportedly"],
        &["allegedly"],
        &["purportedly"],
        &["supposedly"],
        &["apparently"],
        &["presumably"],
        &["possibly"],
        &["probably"],
        &["alleged"],
        &["unconfirmed"],
        &["unverified"],
        &["appeared", "to"],
        &["appears", "to"],
        &["appear", "to"],
        &["seemed", "to"],
        &["seems", "to"],
        &["seem", "to"],
        &["may", "have"],
        &["might", "have"],
        &["could", "have"],
        &["is", "believed", "to"],
        &["are", "believed", "to"],
        &["was", "believed", "to"],
        &["were", "believed", "to"],
        &["is", "thought", "to"],
        &["are", "thought", "to"],
        &["was", "thought", "to"],
        &["were", "thought", "to"],
        &["is", "said", "to"],
        &["are", "said", "to"],
        &["was", "said", "to"],
        &["were", "said", "to"],
        &["is", "reported", "to"],
        &["are", "reported", "to"],
        &["was", "reported", "to"],
        &["were", "reported", "to"],
        &["it", "is", "not", "clear"],
        &["could", "not", "be", "independently", "verified"],
        &["could", "not", "independently", "verify"],
    ],
    conditionals: &[],
    modal_participles: &[],
    hypothesis: &["if"],
    auxiliaries: &["has", "have", "had"],
    passive: &["is", "are", "was", "were", "be", "been", "being"],
    complementizers: &["that"],
    first_person: &["i", "we"],
    pronouns: &["he", "she", "they"],
    clause_words: &[
        "that", "who", "which", "whose", "and", "but", "or", "because", "when", "while", "if", "as", "than",
        "where", "why", "how", "what", "whether", "although", "though", "yet", "so", "since", "unless",
    ],
    adverbial_words: &[
        "on",
        "in",
        "at",
        "during",
        "after",
        "before",
        "late",
        "earlier",
        "yesterday",
        "today",
        "tonight",
        "last",
        "this",
        "to",
        "via",
        "with",
        "from",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "early",
        "later",
    ],
    determiners: &[
        "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "your",
        "my", "'s",
    ],
    listener_prepositions: &["to"],
    media: &[
        "agency",
        "agencies",
        "newspaper",
        "paper",
        "daily",
        "broadcaster",
        "television",
        "tv",
        "radio",
        "channel",
        "outlet",
        "magazine",
        "website",
        "network",
        "wire",
    ],
    regular_stems: &[],
    regular_finite_endings: &[],
    regular_participle_endings: &[],
    english_lemmas: &[
        "say",
        "state",
        "claim",
        "report",
        "confirm",
        "deny",
        "add",
        "warn",
        "announce",
        "explain",
        "insist",
        "acknowledge",
        "admit",
        "allege",
        "argue",
        "assert",
        "declare",
        "testify",
        "tweet",
        "stress",
        "caution",
        "concede",
        "reveal",
        "note",
        "contend",
        "maintain",
        "reiterate",
        "remark",
        "recount",
        "observe",
        "respond",
        "reply",
        "estimate",
        "predict",
        "suggest",
    ],
    ambiguous: &[
        "state", "claim", "report", "note", "tweet", "estimate", "reply", "remark", "maintain", "observe",
    ],
    finite_forms: &["says", "said", "wrote", "writes"],
    inverted_forms: &[],
    bare_forms: &["say", "says", "said", "tell", "tells", "told"],
    participle_forms: &[],
    tell_forms: &["tell", "tells", "told"],
};

const DE: Lexicon = Lexicon {
    adjuncts: &[
        &["laut"],
        &["nach", "angaben", "von"],
        &["nach", "angaben", "der"],
        &["nach", "angaben", "des"],
    ],
    adjunct_blockers: &[],
    verb_blockers: &["zu", "nicht"],
    relays: &[&["zitiert", "von"], &["laut"], &["berichtete"], &["berichtet"]],
    hedges: &[
        &["angeblich"],
        &["mutmaßlich"],
        &["mutmasslich"],
        &["offenbar"],
        &["vermutlich"],
        &["wahrscheinlich"],
        &["scheint"],
        &["schien"],
        &["unbestatigt"],
        &["unbestatigten"],
        &["unbestatigte"],
    ],
    conditionals: &[],
    modal_participles: &[],
    hypothesis: &["wenn", "falls"],
    auxiliaries: &["hat", "haben", "hatte", "hatten"],
    passive: &["wurde", "wurden", "ist", "sind"],
    complementizers: &["dass"],
    first_person: &["ich", "wir"],
    pronouns: &["er", "sie"],
    clause_words: &["dass", "und", "aber", "oder", "weil", "wenn", "als", "ob", "wie"],
    adverbial_words: &[
        "am",
        "im",
        "in",
        "auf",
        "bei",
        "gegenuber",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "gestern",
        "heute",
        "nach",
        "vor",
        "wahrend",
    ],
    determiners: &[
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einem", "einen", "einer", "eines",
    ],
    listener_prepositions: &["gegenuber"],
    media: &[
        "agentur",
        "nachrichtenagentur",
        "zeitung",
        "sender",
        "fernsehen",
        "rundfunk",
        "radio",
        "magazin",
    ],
    regular_stems: &[
        "sag",
        "erklar",
        "beton",
        "bericht",
        "bestatig",
        "warn",
        "mein",
        "versicher",
        "erganz",
        "behaupt",
        "verkund",
        "kritisier",
    ],
    regular_finite_endings: &["t", "te", "ten", "et", "ete", "eten"],
    regular_participle_endings: &[],
    english_lemmas: &[],
    ambiguous: &[],
    finite_forms: &[],
    inverted_forms: &[],
    bare_forms: &["sagte", "sagten", "sagt", "erklarte", "erklarten", "erklart", "betonte", "betont"],
    participle_forms: &["gesagt", "erklart", "betont", "berichtet", "bestatigt", "gewarnt", "versichert"],
    tell_forms: &[],
};

const ES: Lexicon = Lexicon {
    adjuncts: &[&["segun"], &["de", "acuerdo", "con"], &["citando", "a"]],
    adjunct_blockers: &[
        "varia",
        "varian",
        "variar",
        "dependiendo",
        "depende",
        "dependen",
        "distinto",
        "distintos",
    ],
    verb_blockers: &["no", "se", "para", "de", "al"],
    relays: &[&["citado", "por"], &["citada", "por"], &["citados", "por"], &["recogido", "por"], &["segun"]],
    hedges: &[
        &["presuntamente"],
        &["supuestamente"],
        &["presunto"],
        &["presunta"],
        &["presuntos"],
        &["presuntas"],
        &["supuesto"],
        &["supuesta"],
        &["al", "parecer"],
        &["aparentemente"],
        &["probablemente"],
        &["parece"],
        &["parecia"],
        &["habria"],
        &["habrian"],
        &["seria"],
        &["serian"],
        &["sin", "confirmar"],
        &["no", "confirmado"],
        &["no", "confirmada"],
    ],
    conditionals: &["habria", "habrian", "seria", "serian"],
    modal_participles: &["podido", "debido", "querido"],
    hypothesis: &["si"],
    auxiliaries: &["ha", "han", "habia", "habian", "habria", "habrian"],
    passive: &["fue", "fueron", "es", "son", "sido"],
    complementizers: &["que"],
    first_person: &["yo", "nosotros"],
    pronouns: &["el", "ella", "ellos", "ellas"],
    clause_words: &["que", "quien", "y", "pero", "o", "porque", "cuando", "si", "como"],
    adverbial_words: &[
        "tras",
        "durante",
        "en",
        "ayer",
        "hoy",
        "lunes",
        "martes",
        "miercoles",
        "jueves",
        "viernes",
        "sabado",
        "domingo",
        "a",
        "al",
        "desde",
        "este",
        "esta",
    ],
    determiners: &["el", "la", "los", "las", "un", "una", "unos", "unas", "este", "esta", "su", "sus"],
    listener_prepositions: &["a", "al"],
    media: &[
        "agencia",
        "agencias",
        "diario",
        "periodico",
        "cadena",
        "television",
        "radio",
        "emisora",
        "medio",
    ],
    regular_stems: &[
        "declar", "afirm", "asegur", "explic", "señal", "indic", "agreg", "inform", "confirm", "precis",
        "manifest", "denunci", "reconoc", "destac", "subray", "insist", "reiter", "admit", "neg", "añad",
        "advirt", "sostuv", "cont", "adelant", "confi",
    ],
    regular_finite_endings: &["o", "aron", "a", "an", "aba", "aban", "io", "ieron", "e", "en"],
    regular_participle_endings: &["ado", "ido"],
    english_lemmas: &[],
    ambiguous: &["inform", "cont"],
    finite_forms: &["dijo", "dijeron", "dice", "dicen", "decia", "decian", "sostuvo"],
    inverted_forms: &[],
    bare_forms: &[],
    participle_forms: &["dicho"],
    tell_forms: &[],
};
