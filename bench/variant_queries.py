#!/usr/bin/env python3
"""Writes spelling-variant copies of topic files, the way people actually type Hindi.

Usage: variant_queries.py [--out DIR] [--kinds K1,K2] TOPICS.tsv...

For every kind below and every TOPICS file NAME.topics.tsv it writes, into DIR
(default build/bench/variants):
  KIND.NAME.topics.tsv       the queries this kind changes, rewritten
  KIND.NAME.orig.topics.tsv  the same queries unchanged (the baseline to compare with)
  KIND.NAME.qrels            NAME.qrels (next to TOPICS) restricted to those queries
Only queries the rewrite actually changes are written. It prints, per kind and
file, how many queries changed, as `KIND NAME changed=N of M`.

Kinds (all deterministic):
  nukta_dropped             remove nukta U+093C; क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ (U+0958-095F) -> base letter
  nukta_added               add a nukta after every ज and फ (ज -> ज़, फ -> फ़) that has none
  chandrabindu_to_anusvara  ँ -> ं
  anusvara_to_chandrabindu  ं -> ँ where nothing sits above the headline: after a bare
                            consonant, after ा ु ू ृ, or after the vowels अ आ उ ऊ
  anusvara_to_nasal         ं before a stop -> its class nasal + virama (हिंदी -> हिन्दी):
                            क-घ ङ्, च-झ ञ्, ट-ढ ण्, त-ध न्, प-भ म्; otherwise unchanged
  nasal_to_anusvara         the reverse: class nasal + virama before a stop of its class -> ं
  zwj_zwnj_inserted         ZWJ U+200D after every virama, and ZWNJ U+200C at the end of
                            every third Devanagari word (the 2nd, 5th, 8th...)
  decomposed_nukta          the precomposed letters U+0958-095F -> base + U+093C (as NFD/NFC)
  precomposed_nukta         base + U+093C -> the precomposed letter U+0958-095F
  devanagari_digits         ASCII digits -> ०-९
  ascii_digits              ०-९ -> ASCII digits
"""
import argparse
import os
import re
import sys

NUKTA = "\u093C"
VIRAMA = "\u094D"
ANUSVARA = "\u0902"
CHANDRABINDU = "\u0901"
ZWJ, ZWNJ = "\u200D", "\u200C"

# U+0958..U+095F: क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़
PRECOMPOSED = {chr(0x0958 + i): base for i, base in enumerate("कखगजडढफय")}
TO_PRECOMPOSED = {base + NUKTA: pre for pre, base in PRECOMPOSED.items()}

CONSONANT = "[\u0915-\u0939\u0958-\u095F]"
# nasal of each stop class
CLASSES = [("कखगघ", "ङ"), ("चछजझ", "ञ"), ("टठडढ", "ण"), ("तथदध", "न"), ("पफबभ", "म")]
NASAL_OF = {c: nasal for stops, nasal in CLASSES for c in stops}


def nukta_dropped(q):
    q = "".join(PRECOMPOSED.get(c, c) for c in q)
    return q.replace(NUKTA, "")


def nukta_added(q):
    return re.sub("([जफ])(?!" + NUKTA + ")", "\\1" + NUKTA, q)


def chandrabindu_to_anusvara(q):
    return q.replace(CHANDRABINDU, ANUSVARA)


def anusvara_to_chandrabindu(q):
    # preceded by: a consonant (optionally with nukta) with no vowel sign, one of ा ु ू ृ
    # (which follow a consonant), or an independent अ आ उ ऊ
    return re.sub("(?<=[\u0915-\u0939\u0958-\u095F\u093C\u093E\u0941\u0942\u0943\u0905\u0906\u0909\u090A])"
                  + ANUSVARA, CHANDRABINDU, q)


def anusvara_to_nasal(q):
    # the next letter must be a plain stop (not followed by a nukta: ड़ ढ़ are flaps)
    def sub(m):
        return NASAL_OF[m.group(1)] + VIRAMA + m.group(1)
    return re.sub(ANUSVARA + "([" + "".join(NASAL_OF) + "])(?!" + NUKTA + ")", sub, q)


def nasal_to_anusvara(q):
    def sub(m):
        nasal, stop = m.group(1), m.group(2)
        return ANUSVARA + stop if NASAL_OF[stop] == nasal else m.group(0)
    return re.sub("([ङञणनम])" + VIRAMA + "([" + "".join(NASAL_OF) + "])(?!" + NUKTA + ")", sub, q)


_DEV_WORD = re.compile("[\u0900-\u097F\u200C\u200D]+")


def zwj_zwnj_inserted(q):
    q = q.replace(VIRAMA, VIRAMA + ZWJ)
    out, last, n = [], 0, 0
    for m in _DEV_WORD.finditer(q):
        out.append(q[last:m.end()])
        if n % 3 == 1:
            out.append(ZWNJ)
        last = m.end()
        n += 1
    out.append(q[last:])
    return "".join(out)


def decomposed_nukta(q):
    return "".join(PRECOMPOSED[c] + NUKTA if c in PRECOMPOSED else c for c in q)


def precomposed_nukta(q):
    return re.sub("[कखगजडढफय]" + NUKTA, lambda m: TO_PRECOMPOSED[m.group(0)], q)


def devanagari_digits(q):
    return q.translate({ord("0") + i: 0x0966 + i for i in range(10)})


def ascii_digits(q):
    return q.translate({0x0966 + i: ord("0") + i for i in range(10)})


KINDS = {f.__name__: f for f in [
    nukta_dropped, nukta_added, chandrabindu_to_anusvara, anusvara_to_chandrabindu, anusvara_to_nasal,
    nasal_to_anusvara, zwj_zwnj_inserted, decomposed_nukta, precomposed_nukta, devanagari_digits, ascii_digits]}


def read_topics(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                continue
            qid, _, text = line.partition("\t") if "\t" in line else (str(n), "", line)
            rows.append((qid, text))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("topics", nargs="+")
    ap.add_argument("--out", default="build/bench/variants")
    ap.add_argument("--kinds", default=",".join(KINDS))
    a = ap.parse_args()
    kinds = a.kinds.split(",")
    for k in kinds:
        if k not in KINDS:
            ap.error(f"unknown kind {k!r} (known: {', '.join(KINDS)})")
    os.makedirs(a.out, exist_ok=True)
    for path in a.topics:
        name = os.path.basename(path)
        name = name[: -len(".topics.tsv")] if name.endswith(".topics.tsv") else os.path.splitext(name)[0]
        topics = read_topics(path)
        qrels_path = os.path.join(os.path.dirname(path), name + ".qrels")
        qrels = []
        if os.path.exists(qrels_path):
            with open(qrels_path, encoding="utf-8") as f:
                qrels = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        for kind in kinds:
            rewrite = KINDS[kind]
            changed = [(qid, text, rewrite(text)) for qid, text in topics if rewrite(text) != text]
            ids = {qid for qid, _, _ in changed}
            base = os.path.join(a.out, f"{kind}.{name}")
            with open(base + ".topics.tsv", "w", encoding="utf-8") as f:
                f.writelines(f"{qid}\t{new}\n" for qid, _, new in changed)
            with open(base + ".orig.topics.tsv", "w", encoding="utf-8") as f:
                f.writelines(f"{qid}\t{old}\n" for qid, old, _ in changed)
            with open(base + ".qrels", "w", encoding="utf-8") as f:
                f.writelines("\t".join(r) + "\n" for r in qrels if r[0] in ids)
            print(f"{kind} {name} changed={len(changed)} of {len(topics)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
