#!/usr/bin/env bash
# Near-duplicate detection, storyline vs datasketch's MinHash LSH, side by side: the same
# labelled pairs (built by `storyline eval dedup` from ../shared/data), each verdict file scored
# by storyline's scorer, then single-core speed and peak memory of one index over every text
# of those pairs, run back to back.
#
# Usage: scripts/compare-dedup.sh [DATA]
#   DATA   default ../shared/data
# Environment:
#   PEER_VENV=DIR   the datasketch venv; default $CARGO_TARGET_DIR (or target/)/peer-venv-datasketch-VERSION,
#                   created with python3 -m venv when missing
#   KEEP=DIR        keep the pairs and verdict files in DIR
#
# Needs python3 with venv and pip (PyPI: datasketch), and cargo.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-../shared/data}"
case "$DATA" in /*) ;; *) [ $# -ge 1 ] && DATA="$PWD/$DATA" ;; esac
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && KEEP="$(cd "$KEEP" && pwd)"; fi
cd "$ROOT"
PEER_VERSION="2.0.0"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${PEER_VENV:-$TARGET/peer-venv-datasketch-$PEER_VERSION}"
if [ -n "${KEEP:-}" ]; then WORK="$KEEP"; else WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT; fi
say() { printf '\n== %s\n' "$*" >&2; }

say "building storyline (release)"
cargo build --release --quiet -p storyline-cli
BIN="$TARGET/release/storyline"

say "datasketch $PEER_VERSION environment: $VENV"
if ! "$VENV/bin/python" -c "import datasketch, sys; sys.exit(datasketch.__version__ != '$PEER_VERSION')" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "datasketch==$PEER_VERSION"
fi

PIN=()
command -v taskset >/dev/null && PIN=(taskset -c 0)
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

say "storyline: quality (and the pairs file)"
"$BIN" eval dedup "$DATA" --pairs-out "$WORK/pairs.jsonl" | tee "$WORK/storyline.txt"
say "datasketch: quality"
"${PIN[@]}" "$VENV/bin/python" scripts/peer_datasketch.py predict "$WORK/pairs.jsonl" "$WORK/datasketch.jsonl"
"$BIN" eval dedup "$DATA" --predictions "$WORK/datasketch.jsonl" | tee "$WORK/datasketch.txt"

say "speed: one index over the $(( $(wc -l <"$WORK/pairs.jsonl") * 2 )) texts of the pairs"
"${PIN[@]}" "$BIN" -q bench dedup "$DATA" --texts "$WORK/pairs.jsonl" --json >"$WORK/storyline-bench.json"
"${PIN[@]}" "$VENV/bin/python" scripts/peer_datasketch.py bench "$WORK/pairs.jsonl" >"$WORK/datasketch-bench.json"
python3 - "$WORK/storyline-bench.json" "$WORK/datasketch-bench.json" <<'PY'
import json, sys
ours, peer = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
last = ours["checkpoints"][-1]
rows = [("storyline", last["articles_per_s"], last["articles_per_cpu_s"], last["peak_rss_mb"]),
        ("datasketch", peer["articles_per_s"], peer["articles_per_cpu_s"], peer["peak_rss_mb"])]
print("| system | texts/s (wall) | texts/s (CPU) | peak RSS MB |")
print("| --- | ---: | ---: | ---: |")
for name, wall, cpu, rss in rows:
    print(f"| {name} | {wall:,.0f} | {cpu:,.0f} | {rss:.0f} |")
print(f"ratio (CPU): {rows[0][2] / rows[1][2]:.1f}x")
PY
