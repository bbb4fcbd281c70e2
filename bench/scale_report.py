#!/usr/bin/env python3
"""Markdown tables for bench/index_scale and bench/search_classes.

Usage:
  scale_report.py index RESULTS.tsv --label L --docs N --corpus-bytes B [--cores C] [--load TEXT]
                  [--xapian-version V]
      RESULTS.tsv: system<TAB>key<TAB>value (keys: wall_s cpu_s peak_rss_mb docs size_kb cached
      compact_kb compact_s version args)
  scale_report.py search RESULTS.tsv --label L [--classes "a b c"] [--timing-runs N] [--warmup N]
                  [--load TEXT]
      RESULTS.tsv: system<TAB>class<TAB>key<TAB>value (keys: queries p50_ms p99_ms failed)
"""
import argparse
import collections
import sys

SYSTEMS = {"talash": "Talash", "talash-compact": "Talash, compacted", "lucene": "Lucene {version} HindiAnalyzer",
           "plain-xapian": "plain Xapian {xversion}"}


def system_name(key, **kw):
    if key.startswith("talash-shards"):
        return f"Talash --shards {key[len('talash-shards'):]}"
    return SYSTEMS.get(key, key).format(**kw)


def system_order(keys):
    talash = sorted((k for k in keys if k.startswith("talash")), key=lambda k: (k != "talash", k))
    return talash + [k for k in ("lucene", "plain-xapian") if k in keys]
CLASS_NAMES = {"short": "1-2 words", "names": "names", "phrases": "\"phrases\"", "nl": "10+ words (headline-like)"}


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def fmt(v, digits=1, thousands=False):
    if v is None:
        return "—"
    if thousands:
        return f"{v:,.0f}"
    return f"{v:.{digits}f}"


def ratio(a, b, digits=2):
    a, b = num(a), num(b)
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.{digits}f}×"


def index_report(args):
    r = collections.defaultdict(dict)
    for line in open(args.results, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 3:
            r[parts[0]][parts[1]] = parts[2]
    mb = args.corpus_bytes / 1e6
    print(f"### Indexing {args.label}: {args.docs:,} synthetic documents, {mb:.0f} MB of JSONL "
          f"({args.corpus_bytes / max(1, args.docs):.0f} bytes per document)\n")
    head = ["system", "documents", "wall s", "docs/s", "MB/s", "index MiB", "compacted MiB",
            "index / corpus", "compacted / corpus", "peak RSS MiB", "CPU s"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    derived = {}
    for key in system_order(r.keys()):
        v = r[key]
        wall = num(v.get("wall_s"))
        docs = num(v.get("docs"))
        size = num(v.get("size_kb"))
        comp = num(v.get("compact_kb"))
        if comp is None and key.startswith("talash-shards"):
            comp = size  # the shards are merged with the compactor: built compact
        d = {
            "docs_per_s": docs / wall if docs and wall else None,
            "mb_per_s": mb / wall if wall else None,
            "size_mib": size / 1024 if size is not None else None,
            "compact_mib": comp / 1024 if comp is not None else None,
            "rss": num(v.get("peak_rss_mb")),
            "wall": wall,
            "cpu": num(v.get("cpu_s")),
        }
        derived[key] = d
        name = system_name(key, version=v.get("version") or "8.8", xversion=args.xapian_version)
        extra = " ".join(a for a in (v.get("args") or "").split() if not (key.startswith("talash-shards") and a in ("--shards", key[13:])))
        if extra:
            name += f" (`{extra}`)"
        if v.get("cached") == "1":
            name += " *"
        corpus_mib = args.corpus_bytes / 1048576
        cells = [name, fmt(docs, thousands=True), fmt(wall), fmt(d["docs_per_s"], thousands=True),
                 fmt(d["mb_per_s"], 2), fmt(d["size_mib"], 0), fmt(d["compact_mib"], 0),
                 ratio(d["size_mib"], corpus_mib), ratio(d["compact_mib"], corpus_mib),
                 fmt(d["rss"], 0, thousands=True), fmt(num(v.get("cpu_s")))]
        print("| " + " | ".join(cells) + " |")
    for tkey in [k for k in derived if k.startswith("talash")]:
      t = derived[tkey]
      for peer, label in (("lucene", "Lucene"), ("plain-xapian", "plain Xapian")):
        p = derived.get(peer)
        if not p:
            continue
        tname = "Talash" if tkey == "talash" else system_name(tkey)
        cells = [f"**{tname} / {label}**", "", ratio(t["wall"], p["wall"]), ratio(t["docs_per_s"], p["docs_per_s"]),
                 ratio(t["mb_per_s"], p["mb_per_s"]), ratio(t["size_mib"], p["size_mib"]),
                 ratio(t["compact_mib"], p["compact_mib"] if p["compact_mib"] is not None else p["size_mib"]),
                 "", "", ratio(t["rss"], p["rss"]), ratio(t["cpu"], p["cpu"])]
        print("| " + " | ".join(cells) + " |")
    print()
    notes = [f"{args.cores} cores" if args.cores else "", f"1-minute load average before / after: {args.load}" if args.load else ""]
    notes = [n for n in notes if n]
    print("Wall time is process start to exit (JVM start, reading, analysis, commit). "
          "MB/s = corpus JSONL MB / wall s for every system. Sizes: `du` of the index folder; "
          "compacted = after `talash compact` (Talash; `--shards` builds are merged compact) or "
          "`xapian-compact` (plain Xapian); Lucene: as left by IndexWriter, no forceMerge. "
          "Talash stores every article for snippets; the peers store only the id. "
          "Peak RSS: getrusage of the child (JVM default heap). CPU s = user + system time of the "
          "process: on a shared machine the fairer comparison of the work done."
          + (" " + "; ".join(notes) + "." if notes else "")
          + (" * = index reused from an earlier run (same corpus and program)." if any(
              v.get("cached") == "1" for v in r.values()) else ""))
    return 0


def search_report(args):
    r = collections.defaultdict(dict)
    for line in open(args.results, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 4:
            r[(parts[0], parts[1])][parts[2]] = parts[3]
    classes = args.classes.split() if args.classes else sorted({c for _, c in r})
    systems = [s for s in ("talash", "talash-compact", "lucene", "plain-xapian") if any((s, c) in r for c in classes)]
    talash_systems = [s for s in systems if s.startswith("talash")]
    print(f"### In-process search {args.label}: p50 / p99 ms per query, top 10, ids only\n")
    head = ["class", "queries"]
    names = {"talash": "Talash", "talash-compact": "Talash compacted", "lucene": "Lucene", "plain-xapian": "plain Xapian"}
    for s in systems:
        head += [f"{names[s]} p50", f"{names[s]} p99"]
    if "lucene" in systems:
        for s in talash_systems:
            head += [f"p50 {names[s]} / Lucene", f"p99 {names[s]} / Lucene"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for c in classes:
        any_row = next((r[(s, c)] for s in systems if (s, c) in r), {})
        cells = [CLASS_NAMES.get(c, c), any_row.get("queries", "—")]
        for s in systems:
            v = r.get((s, c), {})
            failed = v.get("failed", "0")
            mark = f" ({failed} failed)" if failed not in ("", "0") else ""
            cells += [fmt(num(v.get("p50_ms")), 2) + mark, fmt(num(v.get("p99_ms")), 2)]
        if "lucene" in systems:
            lu = r.get(("lucene", c), {})
            for s in talash_systems:
                t = r.get((s, c), {})
                cells += [ratio(t.get("p50_ms"), lu.get("p50_ms")), ratio(t.get("p99_ms"), lu.get("p99_ms"))]
        print("| " + " | ".join(cells) + " |")
    print()
    print(f"Each batch timed {args.timing_runs} times, lowest p50 and lowest p99 kept; Lucene gets "
          f"{args.warmup} untimed passes over each query file first (JIT). Talash: `talash search --batch "
          "--limit 10` (its query language: words OR, \"phrases\"); Lucene: classic QueryParser, OR, "
          "HindiAnalyzer, quoted spans as PhraseQuery (`--phrases`); plain Xapian: QueryParser defaults, OR."
          + (f" 1-minute load average before / after: {args.load}." if args.load else ""))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["index", "search"])
    ap.add_argument("results")
    ap.add_argument("--label", default="")
    ap.add_argument("--docs", type=int, default=0)
    ap.add_argument("--corpus-bytes", type=int, default=0)
    ap.add_argument("--cores", default="")
    ap.add_argument("--load", default="")
    ap.add_argument("--xapian-version", default="1.4")
    ap.add_argument("--classes", default="")
    ap.add_argument("--timing-runs", default="3")
    ap.add_argument("--warmup", default="3")
    args = ap.parse_args()
    return index_report(args) if args.mode == "index" else search_report(args)


if __name__ == "__main__":
    sys.exit(main())
