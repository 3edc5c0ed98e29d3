"""spaCy's NER on a CoNLL file, pre-tokenized: a helper of scripts/compare-ner.sh.

Builds each Doc from the gold tokens (so both systems see the same tokenization), runs the
pipeline with only the components the entity recogniser needs (the French pipelines' `ner`
has its own embedding layer), and writes `token<TAB>gold<TAB>predicted` lines, a blank line
between sentences, for `storyline eval ner --predictions`. Speed: one warm-up pass, then
timed passes over the same Docs, on one thread; peak RSS from getrusage.

Usage: peer_spacy_ner.py MODEL CONLL_FILE OUT_TSV [REPEAT]
Prints one JSON line: {"model", "tokens", "seconds", "tokens_per_second", "peak_rss_kb"}.
"""

import gzip
import json
import os
import resource
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402


def read_conll(path):
    opener = gzip.open if path.endswith(".gz") else open
    sentences, tokens, tags = [], [], []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    sentences.append((tokens, tags))
                tokens, tags = [], []
                continue
            cols = line.split("\t") if "\t" in line else line.split(" ")
            indexed = len(cols) >= 3 and cols[0].isdigit() and int(cols[0]) in (len(tokens), len(tokens) + 1)
            tok = cols[1] if indexed else cols[0]
            if tok == "-DOCSTART-":
                continue
            tokens.append(tok)
            tags.append(cols[-1])
    if tokens:
        sentences.append((tokens, tags))
    return sentences


LABELS = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "MISC": "MISC"}


def main():
    name, conll, out = sys.argv[1], sys.argv[2], sys.argv[3]
    repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    nlp = spacy.load(name)
    keep = {"ner"} | {n for n, p in nlp.pipeline if n == "tok2vec" and "ner" in getattr(p, "listening_components", [])}
    nlp = spacy.load(name, exclude=[n for n in nlp.pipe_names if n not in keep])
    sentences = read_conll(conll)
    docs = lambda: (Doc(nlp.vocab, words=toks) for toks, _ in sentences)  # noqa: E731
    predicted = list(nlp.pipe(docs(), batch_size=256))
    n_tokens = sum(len(t) for t, _ in sentences)
    start = time.perf_counter()
    for _ in range(repeat):
        for _doc in nlp.pipe(docs(), batch_size=256):
            pass
    seconds = (time.perf_counter() - start) / repeat
    with open(out, "w", encoding="utf-8") as f:
        for (toks, gold), doc in zip(sentences, predicted):
            for tok, g, t in zip(toks, gold, doc):
                label = LABELS.get(t.ent_type_)
                tag = "O" if t.ent_iob_ in ("", "O") or label is None else f"{t.ent_iob_}-{label}"
                f.write(f"{tok}\t{g}\t{tag}\n")
            f.write("\n")
    print(json.dumps({
        "model": f"{name} {spacy.util.get_package_version(name)} (spaCy {spacy.__version__}; components: {', '.join(nlp.pipe_names)})",
        "tokens": n_tokens,
        "seconds": round(seconds, 3),
        "tokens_per_second": round(n_tokens / seconds),
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


if __name__ == "__main__":
    main()
