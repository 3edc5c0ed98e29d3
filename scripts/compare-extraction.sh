#!/usr/bin/env bash
# Article extraction, storyline vs trafilatura, side by side: quality on both benchmark
# layouts (scored by one scorer, `storyline eval extract`) and single-thread speed and peak
# memory on the same pages, run back to back.
#
# Usage: scripts/compare-extraction.sh [DATA_DIR]
#   DATA_DIR    benchmark folder(s); default ../shared/data/extraction beside the repo
# Environment:
#   REPEAT=3         timed passes of trafilatura (after one warm-up pass)
#   OURS_REPEAT=10   timed passes of storyline: each takes under a second, so more of them
#                    steady the number; throughput is per call either way
#   PEER_VENV=DIR    the trafilatura venv; default $CARGO_TARGET_DIR (or target/)/peer-venv-trafilatura-VERSION,
#                    created (python3 -m venv, else pip --target) when missing or of another version
#   KEEP=DIR         keep the intermediate JSON files (predictions, scores, timings) in DIR
#   OUT_MD=FILE      also write the table to FILE
#
# Needs python3 with pip, and cargo. storyline is built in release.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -ge 1 ]; then
  DATA="$(cd "$1" && pwd)"
else
  DATA="../shared/data/extraction"
fi
# KEEP and OUT_MD are the caller's paths, so pin them before moving.
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && KEEP="$(cd "$KEEP" && pwd)"; fi
case "${OUT_MD:-}" in "" | /*) ;; *) OUT_MD="$PWD/$OUT_MD" ;; esac
# Relative paths from here on are the repo root's: the default data path then reads as the
# project writes it.
cd "$ROOT"
REPEAT="${REPEAT:-3}"
OURS_REPEAT="${OURS_REPEAT:-10}"
TRAF_VERSION="2.3.1"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${PEER_VENV:-$TARGET/peer-venv-trafilatura-$TRAF_VERSION}"

[ -d "$DATA" ] || { echo "no data folder: $DATA" >&2; exit 2; }
if [ -n "${KEEP:-}" ]; then
  WORK="$KEEP"
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
fi
say() { printf '\n== %s\n' "$*" >&2; }

say "building storyline (release)"
cargo build --release --quiet -p storyline-cli
BIN="$TARGET/release/storyline"

say "trafilatura $TRAF_VERSION environment: $VENV"
peer_ok() {
  "$PEER_PY" -c "import sys, trafilatura; sys.exit(trafilatura.__version__ != '$TRAF_VERSION')" 2>/dev/null
}
PEER_PY="$VENV/bin/python"
export PYTHONPATH_PEER=""
if [ -x "$VENV/bin/python" ] && peer_ok; then
  :
elif [ -f "$VENV/.pip-target" ] && PYTHONPATH="$VENV/lib" PEER_PY=python3 peer_ok; then
  PEER_PY=python3
  export PYTHONPATH_PEER="$VENV/lib"
else
  rm -rf "$VENV"
  if python3 -m venv "$VENV" >/dev/null 2>&1 && [ -x "$VENV/bin/pip" ]; then
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "trafilatura==$TRAF_VERSION" lxml_html_clean
  else
    # No venv module (Debian without python3-venv): a private --target folder does as well.
    rm -rf "$VENV"
    mkdir -p "$VENV"
    python3 -m pip install --quiet --disable-pip-version-check --target "$VENV/lib" \
      "trafilatura==$TRAF_VERSION" lxml_html_clean
    touch "$VENV/.pip-target"
    PEER_PY=python3
    export PYTHONPATH_PEER="$VENV/lib"
  fi
fi
peer() { PYTHONPATH="$PYTHONPATH_PEER" "$PEER_PY" "$ROOT/scripts/peer_trafilatura.py" "$@"; }

say "quality: trafilatura predictions"
peer predict "$DATA" "$WORK/peer"
say "quality: scoring trafilatura and storyline with storyline's scorer"
"$BIN" --quiet eval extract "$DATA" --predictions "$WORK/peer" --json > "$WORK/peer-eval.json"
"$BIN" --quiet eval extract "$DATA" --out "$WORK/ours" --json > "$WORK/ours-eval.json"

say "speed: $OURS_REPEAT (storyline) and $REPEAT (trafilatura) timed passes, back to back (load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
"$BIN" --quiet bench extract "$DATA" --repeat "$OURS_REPEAT" --json > "$WORK/ours-bench.json"
peer bench "$DATA" --repeat "$REPEAT" > "$WORK/peer-bench.json"

say "result ($(date -u +%Y-%m-%d), data: $DATA)"
python3 "$ROOT/scripts/peer_trafilatura.py" table "$WORK" | tee "${OUT_MD:-/dev/null}"
