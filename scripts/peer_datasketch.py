#!/usr/bin/env python3
"""The peer side of scripts/compare-dedup.sh: datasketch's MinHash LSH on the pairs that
`storyline eval dedup --pairs-out` writes.

  peer_datasketch.py predict PAIRS OUT [--threshold T]   one verdict per pair, JSON Lines
  peer_datasketch.py bench PAIRS [--threshold T]         time one index over every text

The recipe is datasketch's documented one: word 4-gram shingles of the lowercased text
(`\\w+` tokens; Han and kana characters one token each, as storyline does), a `MinHash` of
128 permutations, and `MinHashLSH(threshold=T, num_perm=128)`, which picks its own bands
and rows for T. A pair is found when querying the second text's MinHash returns the first.
The similarity reported is the MinHash Jaccard estimate (for information; the LSH decides).

Scoring is not done here: `storyline eval dedup --predictions OUT` scores the verdicts with
the same code as storyline's own.
"""

import argparse
import json
import re
import resource
import sys
import time

from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 4
NO_SPACE_SCRIPTS = re.compile("([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
WORD = re.compile(r"\w+")


def shingles(text):
    words = WORD.findall(NO_SPACE_SCRIPTS.sub(r" \1 ", text.lower()))
    if not words:
        return set()
    k = min(SHINGLE, len(words))
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def minhash(text):
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m


def read_pairs(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def predict(args):
    pairs = read_pairs(args.pairs)
    with open(args.out, "w", encoding="utf-8") as out:
        for p in pairs:
            lsh = MinHashLSH(threshold=args.threshold, num_perm=NUM_PERM)
            first, second = minhash(p["first"]), minhash(p["second"])
            lsh.insert("first", first)
            found = "first" in lsh.query(second)
            out.write(json.dumps({"id": p["id"], "found": found, "similarity": first.jaccard(second)}) + "\n")
    print(f"wrote {len(pairs)} verdicts to {args.out}", file=sys.stderr)


def bench(args):
    pairs = read_pairs(args.pairs)
    texts = [t for p in pairs for t in (p["first"], p["second"])]
    lsh = MinHashLSH(threshold=args.threshold, num_perm=NUM_PERM)
    start_cpu, start = time.process_time(), time.perf_counter()
    found = 0
    for i, text in enumerate(texts):
        m = minhash(text)
        found += bool(lsh.query(m))
        lsh.insert(i, m)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "tool": "datasketch", "texts": len(texts), "found": found,
        "seconds": wall, "cpu_seconds": cpu,
        "articles_per_s": len(texts) / wall, "articles_per_cpu_s": len(texts) / cpu,
        "peak_rss_mb": peak_kb * 1024 / 1e6,
    }, indent=2))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("predict")
    p.add_argument("pairs")
    p.add_argument("out")
    p.add_argument("--threshold", type=float, default=0.5)
    b = sub.add_parser("bench")
    b.add_argument("pairs")
    b.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    {"predict": predict, "bench": bench}[args.command](args)


if __name__ == "__main__":
    main()
