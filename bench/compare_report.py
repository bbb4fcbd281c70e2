#!/usr/bin/env python3
"""Prints bench/compare_relevance's markdown tables from its results file.

Usage: compare_report.py RESULTS.tsv --sets "headline xquad" [--relevance] [--variants]
                         [--lucene-version V] [--xapian-version V]
RESULTS lines: system<TAB>set<TAB>key<TAB>value (set "index" for indexing, "analysis"
for the analysis throughput, KIND.orig / KIND.variant for the variant runs and
"variants" for the number of changed queries of KIND).
"""
import argparse
import sys
from collections import defaultdict

PEERS = ["lucene-hindi", "lucene-standard", "plain-xapian"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--sets", required=True)
    ap.add_argument("--relevance", action="store_true")
    ap.add_argument("--variants", action="store_true")
    ap.add_argument("--lucene-version", default="8.8")
    ap.add_argument("--xapian-version", default="1.4")
    ap.add_argument("--timing-runs", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=1)
    a = ap.parse_args()
    r = defaultdict(dict)  # (system, set) -> {key: value}
    kinds = []
    with open(a.results, encoding="utf-8") as f:
        for line in f:
            system, set_, key, value = line.rstrip("\n").split("\t")
            r[(system, set_)][key] = value
            if set_ == "variants" and system not in kinds:
                kinds.append(system)
    sets = a.sets.split()
    names = {
        "talash": "Talash",
        "lucene-hindi": f"Lucene {a.lucene_version} HindiAnalyzer",
        "lucene-standard": f"Lucene {a.lucene_version} StandardAnalyzer",
        "plain-xapian": f"plain Xapian {a.xapian_version}",
    }

    def num(system, set_, key):
        v = r.get((system, set_), {}).get(key)
        try:
            return float(v)
        except (TypeError, ValueError):
            return None

    def fmt(v, digits=3):
        return "–" if v is None else f"{v:.{digits}f}"

    def ratio(x, y):
        return None if x is None or not y else x / y

    if a.relevance:
        metrics = [("mrr", "MRR@10"), ("ndcg", "nDCG@10"), ("recall", "R@10")]
        print("### Relevance (dev sets, top 10, OR queries)\n")
        cols = [f"{s} {label}" for s in sets for _, label in metrics]
        print("| system | " + " | ".join(cols) + " |")
        print("|---|" + "---:|" * len(cols))
        for system in ["talash"] + PEERS:
            cells = [fmt(num(system, s, m)) for s in sets for m, _ in metrics]
            print(f"| {names[system]} | " + " | ".join(cells) + " |")
        cells = []
        for s in sets:
            for m, _ in metrics:
                t = num("talash", s, m)
                peers = [v for v in (num(p, s, m) for p in PEERS) if v is not None]
                best = max(peers) if peers else None
                c = fmt(ratio(t, best))
                if m == "mrr" and t is not None and best is not None:
                    c += f" ({t - best:+.3f})"
                cells.append(c)
        print("| **Talash / best peer** | " + " | ".join(cells) + " |")
        failed = [f"{names[p]} {s}: {int(num(p, s, 'failed'))}" for p in ["talash"] + PEERS for s in sets
                  if (num(p, s, "failed") or 0) > 0]
        print("\nRatio: Talash divided by the best peer in that column; in brackets, Talash's MRR minus the best peer's."
              + (" Queries that failed to parse (scored 0): " + ", ".join(failed) + "." if failed else ""))

        print("\n### Speed (indexing the corpus; search in-process per query)\n")
        cols = ["index s", "docs/s", "MB/s", "index MB"] + [f"{s} p50 / p99 ms" for s in sets]
        print("| system | " + " | ".join(cols) + " |")
        print("|---|" + "---:|" * len(cols))
        cached_any = False
        for system in ["talash"] + PEERS:
            cached = num(system, "index", "cached") == 1 and system != "talash"
            kept = num(system, "index", "cached") == 1 and system == "talash"
            cached_any |= cached or kept
            mark = "*" if cached or kept else ""
            cells = [fmt(num(system, "index", "wall_s"), 2) + mark, fmt(num(system, "index", "docs_per_s"), 0),
                     fmt(num(system, "index", "mb_per_s"), 2), fmt(num(system, "index", "size_mb"), 1)]
            cells += [f"{fmt(num(system, s, 'p50_ms'), 2)} / {fmt(num(system, s, 'p99_ms'), 2)}" for s in sets]
            print(f"| {names[system]} | " + " | ".join(cells) + " |")
        cells = [fmt(ratio(num("talash", "index", k), num("lucene-hindi", "index", k)), 2)
                 for k in ["wall_s", "docs_per_s", "mb_per_s", "size_mb"]]
        cells += [f"{fmt(ratio(num('talash', s, 'p50_ms'), num('lucene-hindi', s, 'p50_ms')), 2)} / "
                  f"{fmt(ratio(num('talash', s, 'p99_ms'), num('lucene-hindi', s, 'p99_ms')), 2)}" for s in sets]
        print("| **Talash / Lucene HindiAnalyzer** | " + " | ".join(cells) + " |")
        docs = num("talash", "index", "docs")
        print(f"\nIndexing: wall seconds for {fmt(docs, 0)} documents including process start; MB/s = corpus JSONL "
              "bytes (1e6) / wall s; index MB = du (MiB). Talash and Lucene index on one thread per core, plain "
              "Xapian on one. Talash stores whole articles (snippets, /api/doc), the peers only ids. Search: "
              f"in-process time per query (parse, match, read the top 10 ids), lowest p50 and p99 of {a.timing_runs} "
              f"run(s) of each batch; Lucene after {a.warmup} untimed warm-up pass(es) per run."
              + (" * index reused from an earlier run, time from that run." if cached_any else ""))
        mbs, toks = num("talash", "analysis", "mb_per_s"), num("talash", "analysis", "tokens_per_s")
        if mbs is not None:
            print(f"\nTalash analysis throughput (split_words with normalize_hindi + stem_hindi, 1 thread, in memory, "
                  f"bodies): **{mbs:.1f} MB/s, {toks / 1e6:.2f} M tokens/s**.")

    if a.variants:
        print("\n### Robustness to spelling variants (MRR@10 on the changed queries, all dev sets)\n")
        print("| kind | queries changed | Talash original | Talash variant | Talash Δ "
              "| Lucene original | Lucene variant | Lucene Δ |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for kind in kinds:
            n = int(num(kind, "variants", "changed") or 0)
            row = [kind, str(n)]
            for system in ["talash", "lucene-hindi"]:
                o, v = num(system, f"{kind}.orig", "mrr"), num(system, f"{kind}.variant", "mrr")
                row += [fmt(o), fmt(v), "–" if o is None or v is None else f"{v - o:+.3f}"]
            print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
