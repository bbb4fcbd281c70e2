#!/usr/bin/env python3
"""Query sets per class for bench/search_classes, drawn from a corpus (deterministic with --seed).

Usage: make_queries.py CORPUS.jsonl --out DIR [--per-class 200] [--seed 1] [--gazetteer FILE]

Writes DIR/<class>.tsv, one 'qid<TAB>query' per line:
  short    1-2 consecutive words of a random document (Devanagari, not among the 150 most
           frequent words of the sample, so not stopwords), like a search-box query
  names    person and place names of the gazetteer (label_hi and Devanagari aliases) that occur
           in the sampled documents, picked uniformly among those found
  phrases  a quoted span of 2-4 consecutive words of a random sentence ("..."), at least one of
           them not among the frequent words
  nl       the first 10-14 words of a random sentence of 10+ words: a headline-like question
Words are the document's whitespace tokens with leading and trailing punctuation removed;
tokens with other symbols inside (URLs, @handles, a:b) and the words AND/OR/NOT are never used,
so that no query language character reaches the engines except the phrase quotes.
The documents are a reservoir sample of 20,000 lines of the corpus.
"""
import argparse
import collections
import json
import os
import random
import re
import sys
import unicodedata

SAMPLE = 20000
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_SENTENCE = re.compile(r"(?<=[।॥?!])|\n")


def clean(token):
    """The token without leading/trailing punctuation or symbols, or None when what is left has
    anything but letters, marks, digits and inner hyphens."""
    i, j = 0, len(token)
    while i < j and unicodedata.category(token[i])[0] in "PSZ":
        i += 1
    while j > i and unicodedata.category(token[j - 1])[0] in "PSZ":
        j -= 1
    w = token[i:j]
    if not w or w in ("AND", "OR", "NOT"):
        return None
    for c in w:
        if c != "-" and unicodedata.category(c)[0] not in "LMN":
            return None
    if w.startswith("-") or w.endswith("-"):
        return None
    return w


def words_of(sentence):
    """List of (clean word or None, token had trailing punctuation)."""
    out = []
    for tok in sentence.split():
        w = clean(tok)
        out.append((w, w is not None and not tok.endswith(w)))
    return out


def sample_docs(path, rng):
    reservoir = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n < SAMPLE:
                reservoir.append(line)
            else:
                k = rng.randrange(n + 1)
                if k < SAMPLE:
                    reservoir[k] = line
    docs = []
    for line in reservoir:
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if isinstance(rec, dict):
            text = f"{rec.get('title') or ''}\n{rec.get('body') or rec.get('text') or ''}"
            docs.append([s.strip() for s in _SENTENCE.split(text) if s.strip()])
    return docs


def gazetteer_names(path):
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3 or cols[1] not in ("person", "place"):
                continue
            forms = [cols[2]] + (cols[4].split("|") if len(cols) > 4 and cols[4] else [])
            for form in forms:
                if _DEVANAGARI.search(form):
                    ws = tuple(w for w in (clean(t) for t in form.split()) if w)
                    if ws and len(ws) == len(form.split()):
                        names.append(ws)
    return sorted(set(names))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-class", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gazetteer", default=os.path.join(here, "..", "entities", "data", "gazetteer.tsv"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = sample_docs(args.corpus, rng)
    if not docs:
        raise SystemExit(f"make_queries: no documents in {args.corpus}")
    freq = collections.Counter(w for d in docs for s in d for w, _ in words_of(s) if w)
    frequent = {w for w, _ in freq.most_common(150)}
    n = args.per_class
    sets = {}

    def draw(make, limit=200):
        seen, out = set(), []
        tries = 0
        while len(out) < n and tries < n * limit:
            tries += 1
            q = make()
            if q and q not in seen:
                seen.add(q)
                out.append(q)
        return out

    def random_sentence():
        d = docs[rng.randrange(len(docs))]
        return d[rng.randrange(len(d))] if d else ""

    def short():
        ws = words_of(random_sentence())
        if not ws:
            return None
        k = 1 if rng.random() < 0.5 else 2
        i = rng.randrange(len(ws))
        span = ws[i:i + k]
        if len(span) < k or any(w is None for w, _ in span) or (k == 2 and span[0][1]):
            return None
        if any(w in frequent or not _DEVANAGARI.search(w) or len(w) < 2 for w, _ in span):
            return None
        return " ".join(w for w, _ in span)

    def phrase():
        ws = words_of(random_sentence())
        k = rng.randint(2, 4)
        if len(ws) < k:
            return None
        i = rng.randrange(len(ws) - k + 1)
        span = ws[i:i + k]
        if any(w is None for w, _ in span) or any(p for _, p in span[:-1]):
            return None
        if all(w in frequent for w, _ in span):
            return None
        return '"' + " ".join(w for w, _ in span) + '"'

    def natural():
        ws = words_of(random_sentence())
        clean_ws = [w for w, _ in ws if w]
        if len(ws) < 10 or len(clean_ws) < 10:
            return None
        return " ".join(clean_ws[: rng.randint(10, 14)])

    sets["short"] = draw(short)
    grams = set()
    for d in docs:
        for s in d:
            ws = [w for w, _ in words_of(s) if w]
            for k in (1, 2, 3, 4):
                for i in range(len(ws) - k + 1):
                    grams.add(tuple(ws[i:i + k]))
    found = [" ".join(g) for g in gazetteer_names(args.gazetteer) if g in grams]
    rng.shuffle(found)
    sets["names"] = found[:n]
    sets["phrases"] = draw(phrase)
    sets["nl"] = draw(natural)
    os.makedirs(args.out, exist_ok=True)
    for name, queries in sets.items():
        with open(os.path.join(args.out, f"{name}.tsv"), "w", encoding="utf-8") as f:
            for i, q in enumerate(queries, 1):
                f.write(f"{name}-{i:03d}\t{q}\n")
    print("make_queries: " + " ".join(f"{k}={len(v)}" for k, v in sets.items())
          + f" sampled_docs={len(docs)} names_found={len(found)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
