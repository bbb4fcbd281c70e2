#!/usr/bin/env python3
"""Entity-level precision, recall and F1 of a CoNLL prediction, as conlleval computes them.

Usage: bench/ner_eval.py GOLD PRED [--errors N]

GOLD and PRED are CoNLL files with one token per line and the tag in the LAST
TAB-separated column (`token<TAB>tag`; GOLD may have more columns), a blank line
between sentences, and the same lines in the same order (`talash ner --conll GOLD`
writes such a PRED). Tags are O or B-/I-<TYPE>; any type name is accepted.

A mention is a maximal run that starts with B-X, or with I-X where the previous
tag is not B-X or I-X (conlleval's reading of I- without B-), and continues over
the I-X after it. A predicted mention is correct when a gold mention has the same
first token, last token and type. Prints P/R/F1 per type and overall (micro),
in percent. --errors N also lists up to N missed and N spurious mentions.
Exit status 2 when the files do not line up.
"""
import argparse
import sys


def read_tags(path):
    """The tag column of every line; None for blank lines."""
    tags, tokens = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                tags.append(None)
                tokens.append(None)
                continue
            cols = line.split("\t")
            tags.append(cols[-1].strip() if len(cols) > 1 else "O")
            tokens.append(cols[0])
    return tags, tokens


def chunks(tags):
    """(type, first, last) of every mention, conlleval style; indexes are line numbers - 1.

    A blank line (None) ends a mention like O does. A tag without a B-/I- prefix
    is read as B-<tag>."""
    out = []
    cur = None  # [type, first, last]
    for i, tag in enumerate(tags + [None]):
        tag = tag or "O"
        if tag == "O":
            kind, typ = "O", None
        elif tag[1:2] == "-":
            kind, typ = ("I" if tag[0] == "I" else "B"), tag[2:]
        else:
            kind, typ = "B", tag
        if cur is not None and (kind != "I" or typ != cur[0]):
            out.append(tuple(cur))
            cur = None
        if kind == "I" and cur is not None:
            cur[2] = i
        elif kind != "O":
            cur = [typ, i, i]
    return out


def prf(correct, predicted, gold):
    p = 100.0 * correct / predicted if predicted else 0.0
    r = 100.0 * correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--errors", type=int, default=0, help="list up to N missed and N spurious mentions")
    a = ap.parse_args()
    gold, tokens = read_tags(a.gold)
    pred, pred_tokens = read_tags(a.pred)
    if len(gold) != len(pred):
        sys.exit(f"ner_eval: {a.gold} has {len(gold)} lines, {a.pred} has {len(pred)}")
    for i, (g, p) in enumerate(zip(tokens, pred_tokens)):
        if (g is None) != (p is None):
            print(f"ner_eval: line {i + 1}: blank in one file only", file=sys.stderr)
            sys.exit(2)
        if g is not None and g != p:
            print(f"ner_eval: line {i + 1}: token {g!r} vs {p!r}", file=sys.stderr)
            sys.exit(2)
    g_chunks, p_chunks = chunks(gold), chunks(pred)
    g_set = set(g_chunks)
    types = sorted({c[0] for c in g_chunks} | {c[0] for c in p_chunks})
    print(f"{'type':<6}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}{'correct':>9}")
    total = [0, 0, 0]
    for t in types:
        gc = sum(1 for c in g_chunks if c[0] == t)
        pc = sum(1 for c in p_chunks if c[0] == t)
        cc = sum(1 for c in p_chunks if c[0] == t and c in g_set)
        total = [total[0] + cc, total[1] + pc, total[2] + gc]
        p, r, f = prf(cc, pc, gc)
        print(f"{t:<6}{p:8.2f}{r:8.2f}{f:8.2f}{gc:7d}{pc:7d}{cc:9d}")
    p, r, f = prf(*total)
    print(f"{'all':<6}{p:8.2f}{r:8.2f}{f:8.2f}{total[2]:7d}{total[1]:7d}{total[0]:9d}")
    if a.errors:
        p_set = set(p_chunks)

        def text(c):
            return " ".join(tokens[c[1]:c[2] + 1])

        def context(c):
            lo = c[1]
            while lo > 0 and tokens[lo - 1] is not None and c[1] - lo < 4:
                lo -= 1
            hi = c[2]
            while hi + 1 < len(tokens) and tokens[hi + 1] is not None and hi - c[2] < 4:
                hi += 1
            return " ".join(tokens[lo:c[1]]) + " [" + text(c) + "] " + " ".join(tokens[c[2] + 1:hi + 1])

        missed = [c for c in g_chunks if c not in p_set]
        spurious = [c for c in p_chunks if c not in g_set]
        print(f"\nmissed ({len(missed)}):")
        for c in missed[:a.errors]:
            print(f"  {c[0]}\t{context(c)}")
        print(f"\nspurious ({len(spurious)}):")
        for c in spurious[:a.errors]:
            print(f"  {c[0]}\t{context(c)}")


if __name__ == "__main__":
    main()
