#!/usr/bin/env python3
"""Scores a `talash search --batch` run against known-item qrels.

Usage: eval_run.py QRELS RUN [--k 10]
RUN lines: qid<TAB>rank<TAB>doc id<TAB>score; QRELS lines: qid<TAB>doc id<TAB>relevance.
Prints MRR@k, nDCG@k and Recall@k over every query in QRELS (a query with no
hits counts as 0), as one line of key=value pairs.
"""
import argparse
import math
import sys
from collections import defaultdict


def load_qrels(path):
    rel = defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            if int(parts[2]) > 0:
                rel[parts[0]][parts[1]] = int(parts[2])
    return rel


def load_run(path, k):
    run = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            qid, rank, doc = parts[0], int(parts[1]), parts[2]
            run[qid].append((rank, doc))
    return {q: [d for _, d in sorted(v)[:k]] for q, v in run.items()}


def score(qrels, run, k):
    mrr = ndcg = recall = 0.0
    for qid, rels in qrels.items():
        docs = run.get(qid, [])
        rr = 0.0
        dcg = 0.0
        for i, d in enumerate(docs):
            if d in rels:
                if rr == 0.0:
                    rr = 1.0 / (i + 1)
                dcg += (2 ** rels[d] - 1) / math.log2(i + 2)
        ideal = sorted(rels.values(), reverse=True)[:k]
        idcg = sum((2 ** r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
        mrr += rr
        ndcg += dcg / idcg if idcg else 0.0
        recall += len([d for d in docs if d in rels]) / len(rels)
    n = len(qrels) or 1
    return mrr / n, ndcg / n, recall / n, len(qrels)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("qrels")
    ap.add_argument("run")
    ap.add_argument("--k", type=int, default=10)
    a = ap.parse_args()
    mrr, ndcg, recall, n = score(load_qrels(a.qrels), load_run(a.run, a.k), a.k)
    print(f"queries={n} mrr@{a.k}={mrr:.4f} ndcg@{a.k}={ndcg:.4f} recall@{a.k}={recall:.4f}")


if __name__ == "__main__":
    sys.exit(main())
