#!/usr/bin/env python3
"""The peer side of scripts/compare-extraction.sh: trafilatura on the same pages as storyline.

  peer_trafilatura.py predict DATA OUTDIR        write OUTDIR/<set>.json predictions per set
  peer_trafilatura.py bench DATA [--repeat N]    time extract() on one thread, JSON on stdout
  peer_trafilatura.py table WORKDIR              side-by-side markdown table (stdlib only)

Scoring is not done here: `storyline eval extract --predictions` scores these files, so both
tools' numbers come from one scorer.

The sets are found as storyline finds them (a folder with ground-truth.json or evaldata.json
and html/, or folders below DATA holding such folders), pages sorted by id, so both sides
see the same pages in the same order.

How trafilatura is called follows the upstream benchmarks:
  * ScrapingHub layout: `extract(html_str, include_comments=False)` on the page decoded as
    UTF-8 (scrapinghub/article-extraction-benchmark, extractors/run_trafilatura.py);
  * trafilatura layout: `extract(html_bytes, include_comments=False, include_tables=True,
    include_formatting=False)` on the raw bytes, trafilatura doing its own decoding
    (adbar/trafilatura tests/evaluate.py with eval_common.EXTRACT_OPTS; the last two are
    the defaults anyway);
  * speed: `extract(html_str, include_comments=False)` on every page of every set, decoded
    beforehand (BOM, else UTF-8, else the declared charset, as storyline's eval loader does),
    so neither side times decoding.
"""

import argparse
import codecs
import gc
import gzip
import json
import math
import os
import re
import resource
import statistics
import sys
import time

TRUTH_FILES = (("scrapinghub", "ground-truth.json"), ("trafilatura", "evaldata.json"))


# ---------------------------------------------------------------- sets and pages


def discover(root):
    """[(name, dir, layout)] like storyline's dataset::discover."""
    found = []

    def walk(d, depth):
        here = False
        for layout, truth in TRUTH_FILES:
            if os.path.isfile(os.path.join(d, truth)):
                found.append([os.path.basename(os.path.realpath(d)), d, layout])
                here = True
        if here or depth >= 3:
            return
        for sub in sorted(os.listdir(d)):
            p = os.path.join(d, sub)
            if os.path.isdir(p) and sub != "html":
                walk(p, depth + 1)

    walk(root, 0)
    if not found:
        sys.exit(f"{root}: no benchmark found (ground-truth.json or evaldata.json, and html/)")
    for entry in found:
        if sum(1 for o in found if o[1] == entry[1]) > 1:
            entry[0] = f"{entry[0]}-{entry[2]}"
    return [tuple(e) for e in found]


def first_file(d, candidates):
    for c in candidates:
        p = os.path.join(d, c)
        if os.path.isfile(p):
            return p
    sys.exit(f"{d}: no HTML file for {candidates[0]}")


def pages(d, layout):
    """[(id, url, html_path)] sorted by id (code point order = storyline's byte order)."""
    truth = json.load(open(os.path.join(d, dict(TRUTH_FILES)[layout]), encoding="utf-8"))
    out = []
    for key in sorted(truth):
        entry = truth[key]
        if layout == "scrapinghub":
            path = first_file(d, [f"html/{key}.html.gz", f"html/{key}.html"])
            out.append((key, entry.get("url") or None, path))
        else:
            f = entry["file"]
            path = first_file(d, [f"html/{f}.gz", f"html/{f}", f"cache/{f}", f"eval/{f}"])
            out.append((key, key, path))
    return out


def read_bytes(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


# WHATWG maps these labels to windows-1252; Python's codecs would take them literally.
WHATWG_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                  "ascii": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252", "l1": "cp1252"}
CHARSET_RE = re.compile(rb"charset[ \t\r\n]*=[ \t\"']*([a-z0-9_:.\-]+)")


def decode_like_storyline(raw):
    """BOM, else valid UTF-8, else the charset declared in the first 1024 bytes, else lossy UTF-8."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = CHARSET_RE.search(raw[:1024].lower())
    if m:
        label = m.group(1).decode("ascii")
        label = WHATWG_ALIASES.get(label, label)
        try:
            if codecs.lookup(label).name not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
                return raw.decode(label, errors="replace")
        except LookupError:
            pass
    return raw.decode("utf-8", errors="replace")


# ---------------------------------------------------------------- trafilatura calls


def extract_fn():
    import trafilatura

    def run(html):
        return trafilatura.extract(html, include_comments=False)

    return run, trafilatura.__version__


def cmd_predict(args):
    run, _ = extract_fn()
    os.makedirs(args.outdir, exist_ok=True)
    for name, d, layout in discover(args.data):
        preds = {}
        for key, _url, path in pages(d, layout):
            raw = read_bytes(path)
            html = raw.decode("utf-8", errors="replace") if layout == "scrapinghub" else raw
            try:
                result = run(html)
            except Exception as exc:  # a crash is a miss, as upstream counts it
                print(f"warning: trafilatura failed on {path}: {exc!r}", file=sys.stderr)
                result = None
            preds[key] = {"articleBody": result}
        out = os.path.join(args.outdir, f"{name}.json")
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(preds, fh, ensure_ascii=False, indent=1, sort_keys=True)
        print(f"wrote {len(preds)} trafilatura predictions of {name} to {out}", file=sys.stderr)


def proc_status(field):
    """A memory field of /proc/self/status in bytes (Linux), else None."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def maxrss():
    """Peak resident set in bytes from getrusage (KiB on Linux, bytes on macOS)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)


def reset_peak():
    """Reset VmHWM (Linux 4.0+) so the next reading is the peak from now on, as storyline does."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def nearest_rank(sorted_values, q):
    if not sorted_values:
        return 0.0
    rank = min(max(1, math.ceil(q * len(sorted_values))), len(sorted_values))
    return sorted_values[rank - 1]


def lxml_version():
    try:
        import lxml

        return lxml.__version__
    except ImportError:
        return None


def cmd_bench(args):
    run, version = extract_fn()
    docs = []
    for _name, d, layout in discover(args.data):
        for _key, _url, path in pages(d, layout):
            docs.append(decode_like_storyline(read_bytes(path)))
    total_bytes = sum(len(h.encode("utf-8")) for h in docs)
    rss_loaded = proc_status("VmRSS")
    peak_load = maxrss()
    reset = reset_peak()
    failed = 0
    for h in docs:  # warm-up: imports, lazy tables, caches
        try:
            run(h)
        except Exception:
            failed += 1
    samples, passes = [], []
    for _ in range(args.repeat):
        pass_time = 0.0
        for h in docs:
            t = time.perf_counter()
            try:
                run(h)
            except Exception:
                pass
            dt = time.perf_counter() - t
            pass_time += dt
            samples.append(dt * 1e3)
        passes.append(pass_time)
    # The reset lowers ru_maxrss too (both read the same high-water mark), hence the max.
    peak_since = maxrss()
    peak = max(peak_load, peak_since)
    total = sum(passes)
    samples.sort()
    report = {
        "tool": "trafilatura",
        "version": version,
        "python": sys.version.split()[0],
        "lxml": lxml_version(),
        "dir": args.data,
        "pages": len(docs),
        "html_mb": total_bytes / 1e6,
        "warmup_passes": 1,
        "repeat": args.repeat,
        "seconds": total,
        "pages_per_s": len(docs) * args.repeat / total if total else 0.0,
        "mb_per_s": total_bytes * args.repeat / total / 1e6 if total else 0.0,
        "ms_per_page": {"p50": nearest_rank(samples, 0.5), "p95": nearest_rank(samples, 0.95),
                        "mean": statistics.fmean(samples) if samples else 0.0},
        "pages_per_s_by_pass": [len(docs) / p for p in passes],
        "peak_rss_mb": peak / 1e6,
        "peak_rss_extract_mb": peak_since / 1e6 if reset else None,
        "rss_after_load_mb": rss_loaded / 1e6 if rss_loaded else None,
        "failed": failed,
        "gc_enabled": gc.isenabled(),
    }
    json.dump(report, sys.stdout, indent=2)
    print()


# ---------------------------------------------------------------- side-by-side table


def _shingle_f1(pages):
    """F1 of the mean per-page P and R (storyline's scorer wrote those per page)."""
    ps = [p["precision"] for p in pages if p["tp"] + p["fp"] > 0]
    rs = [p["recall"] for p in pages if p["tp"] + p["fn"] > 0]
    if not ps or not rs:
        return 0.0
    pm, rm = sum(ps) / len(ps), sum(rs) / len(rs)
    return 2 * pm * rm / (pm + rm) if pm + rm else 0.0


def _snippet_f1(pages):
    tp = sum(p["tp"] for p in pages)
    den = 2 * tp + sum(p["fp"] + p["fn"] for p in pages)
    return 2 * tp / den if den else 0.0


def paired_difference(ours, peer, f1, resamples=1000, seed=2019):
    """Mean and 1.96 × sd of F1(ours) − F1(peer) over paired bootstrap resamples of pages
    (the same draw for both, as upstream's --bootstrap-differences): a difference whose
    interval holds 0 is not one the set can tell."""
    import random

    by_id = {p["id"]: p for p in peer}
    pairs = [(p, by_id[p["id"]]) for p in ours if p["id"] in by_id]
    rng = random.Random(seed)
    n = len(pairs)
    diffs = []
    for _ in range(resamples):
        draw = [pairs[rng.randrange(n)] for _ in range(n)]
        diffs.append(f1([a for a, _ in draw]) - f1([b for _, b in draw]))
    return statistics.fmean(diffs), 1.96 * statistics.stdev(diffs)


def cmd_table(args):
    w = args.workdir
    load = lambda name: json.load(open(os.path.join(w, name), encoding="utf-8"))  # noqa: E731
    ours_q, peer_q = load("ours-eval.json"), load("peer-eval.json")
    ours_b, peer_b = load("ours-bench.json"), load("peer-bench.json")
    peer_name = f"trafilatura {peer_b.get('version', '')}".strip()
    rows = []
    peer_sets = {s["name"]: s for s in peer_q["sets"]}
    for s in ours_q["sets"]:
        p = peer_sets.get(s["name"])
        if p is None:
            continue
        label = f"{s['name']} ({s['pages']} pages)"
        if s["layout"] == "scrapinghub":
            pm = lambda x, k: f"{x[k]:.3f} ± {x['ci95'][k]:.3f}"  # noqa: E731
            rows.append((f"{label}: F1", pm(s, "f1"), pm(p, "f1")))
            rows.append((f"{label}: precision / recall", f"{s['precision']:.3f} / {s['recall']:.3f}",
                         f"{p['precision']:.3f} / {p['recall']:.3f}"))
            rows.append((f"{label}: accuracy (exact tokens)", f"{s['accuracy']:.3f}", f"{p['accuracy']:.3f}"))
            d, ci = paired_difference(s["per_page"], p["per_page"], _shingle_f1)
            rows.append((f"{label}: F1 storyline − trafilatura, paired bootstrap 95 %", f"{d:+.3f} ± {ci:.3f}", ""))
        else:
            fmt = lambda x: f"{x['precision']:.3f} / {x['recall']:.3f} / {x['f1']:.3f}"  # noqa: E731
            rows.append((f"{label}: P / R / F1", fmt(s), fmt(p)))
            t, u = s["totals"], p["totals"]
            rows.append((f"{label}: with found, without kept",
                         f"{t['tp']}/{t['tp'] + t['fn']}, {t['fp']}/{t['fp'] + t['tn']}",
                         f"{u['tp']}/{u['tp'] + u['fn']}, {u['fp']}/{u['fp'] + u['tn']}"))
            d, ci = paired_difference(s["per_page"], p["per_page"], _snippet_f1)
            rows.append((f"{label}: F1 storyline − trafilatura, paired bootstrap 95 %", f"{d:+.3f} ± {ci:.3f}", ""))
    n = ours_b["pages"]
    same = n == peer_b["pages"] and abs(ours_b["html_mb"] - peer_b["html_mb"]) < 1e-6
    pages_note = f"same {n} pages" if same else f"NOT the same pages: {n} vs {peer_b['pages']}"
    rows.append((f"speed, pages/s (1 thread, {pages_note})",
                 f"{ours_b['pages_per_s']:.1f}", f"{peer_b['pages_per_s']:.1f}"))
    ratio = ours_b["pages_per_s"] / peer_b["pages_per_s"] if peer_b["pages_per_s"] else float("nan")
    rows.append(("speed ratio", f"{ratio:.1f}×", "1×"))
    rows.append(("MB/s of HTML", f"{ours_b['mb_per_s']:.2f}", f"{peer_b['mb_per_s']:.2f}"))
    rows.append(("ms/page p50 / p95", f"{ours_b['ms_per_page']['p50']:.2f} / {ours_b['ms_per_page']['p95']:.2f}",
                 f"{peer_b['ms_per_page']['p50']:.2f} / {peer_b['ms_per_page']['p95']:.2f}"))

    def mem(b, key):
        v = b.get(key)
        return "n/a" if v is None else f"{v:.0f} MB"

    rows.append(("RSS after loading the pages", mem(ours_b, "rss_after_load_mb"), mem(peer_b, "rss_after_load_mb")))
    rows.append(("peak RSS while extracting", mem(ours_b, "peak_rss_extract_mb"), mem(peer_b, "peak_rss_extract_mb")))
    rows.append(("peak RSS, whole process", mem(ours_b, "peak_rss_mb"), mem(peer_b, "peak_rss_mb")))
    width = [max(len(r[i]) for r in rows + [("", "storyline", peer_name)]) for i in range(3)]
    lines = [f"| {'':<{width[0]}} | {'storyline':<{width[1]}} | {peer_name:<{width[2]}} |",
             f"|{'-' * (width[0] + 2)}|{'-' * (width[1] + 2)}|{'-' * (width[2] + 2)}|"]
    for a, b, c in rows:
        lines.append(f"| {a:<{width[0]}} | {b:<{width[1]}} | {c:<{width[2]}} |")
    m = ours_b.get("machine", {})
    lines.append("")
    lines.append(f"Machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, "
                 f"{m.get('memory_gb', 0):.0f} GiB; load average {m.get('load_average_start', '?')} "
                 f"at the start of storyline's timing. Timed passes after one warm-up: storyline "
                 f"{ours_b['repeat']}, trafilatura {peer_b['repeat']}; Python {peer_b.get('python', '?')}, "
                 f"lxml {peer_b.get('lxml', '?')}.")
    print("\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("predict")
    p.add_argument("data")
    p.add_argument("outdir")
    b = sub.add_parser("bench")
    b.add_argument("data")
    b.add_argument("--repeat", type=int, default=5)
    t = sub.add_parser("table")
    t.add_argument("workdir")
    args = ap.parse_args()
    {"predict": cmd_predict, "bench": cmd_bench, "table": cmd_table}[args.cmd](args)


if __name__ == "__main__":
    main()
