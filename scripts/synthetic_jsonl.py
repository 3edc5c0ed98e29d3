#!/usr/bin/env python3
"""Writes a JSON Lines stream of synthetic articles built from the real texts of a file in the
MMDS2025 layout, for timing ingest on a growing store (BENCHMARKS.md, "Passes over a growing
store").

Article n takes the first two thirds of the sentences of one base article and the first third
of another's, both drawn by a seeded generator, is dated 500 articles a day from 2022-09-01 and
ends with its own number, so every line is a distinct document. The same arguments give the
same bytes.

    scripts/synthetic_jsonl.py ../shared/data/clustering/mmds2025/dev.json --first 0 --count 10000 > a.jsonl
"""
import argparse
import datetime
import json
import random
import sys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="a file in the MMDS2025 layout")
    parser.add_argument("--first", type=int, default=0, help="number of the first article")
    parser.add_argument("--count", type=int, default=10000, help="how many articles")
    args = parser.parse_args()
    with open(args.source, encoding="utf-8") as f:
        bases = json.load(f)["articles"]
    for n in range(args.first, args.first + args.count):
        draw = random.Random(n)
        base, other = draw.choice(bases), draw.choice(bases)
        own = [s["content"] for s in base["sentences"]]
        borrowed = [s["content"] for s in other["sentences"]]
        sentences = own[: max(1, len(own) * 2 // 3)] + borrowed[: len(borrowed) // 3]
        day = datetime.date(2022, 9, 1) + datetime.timedelta(days=n // 500)
        record = {
            "id": f"syn{n}",
            "title": f"{base['title']} ({n % 97})",
            "text": "\n\n".join(sentences) + f"\n\nRef {n}.",
            "published": day.isoformat(),
            "url": f"https://example.org/{n}",
        }
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
