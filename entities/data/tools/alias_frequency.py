#!/usr/bin/env python3
"""Lists gazetteer aliases by how often they occur in a reference corpus.

A review aid, not a test: an alias that is also an everyday word (गया, संगम,
कल्याण, Maine = "maine") shows up near the top with a count far above what
the entity itself could explain. Read the list, then fix the source lists.

    python3 entities/data/tools/alias_frequency.py CORPUS.jsonl [--top 300]
        [--single] [--type person|place|org]

CORPUS is JSON Lines with title/body/text fields (e.g. the shared
../shared/data/corpus/hindi_mixed.jsonl); it is only read. Matching is on
words folded the way the loader folds them, approximately (nukta,
chandrabindu, candra vowels, case), so counts are close, not exact.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GAZ = ROOT / "entities" / "data" / "gazetteer.tsv"
WORD = re.compile(r"[\w\u0900-\u097f]+")


def fold(text: str) -> str:
    s = unicodedata.normalize("NFD", text)
    s = s.replace("\u093c", "").replace("\u200d", "").replace("\u200c", "")
    s = unicodedata.normalize("NFC", s).replace("\u0901", "\u0902")
    s = s.replace("\u0949", "\u093e").replace("\u0911", "\u0906")
    s = s.replace("\u0945", "\u0947").replace("\u090d", "\u090f")
    return s.casefold()


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--top", type=int, default=300)
    ap.add_argument("--single", action="store_true", help="one-word aliases only")
    ap.add_argument("--type", choices=["person", "place", "org"])
    args = ap.parse_args()

    aliases: dict[tuple[str, ...], list[str]] = collections.defaultdict(list)
    for line in GAZ.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != 5 or (args.type and f[1] != args.type):
            continue
        for a in [f[2], f[3]] + [x for x in f[4].split("|") if x]:
            key = tuple(words(a))
            if key and (not args.single or len(key) == 1):
                if f[0] not in aliases[key]:
                    aliases[key].append(f[0])
    first = collections.defaultdict(list)
    for key in aliases:
        first[key[0]].append(key)

    counts: collections.Counter = collections.Counter()
    with open(args.corpus, encoding="utf-8") as fh:
        for line in fh:
            try:
                d = json.loads(line)
            except json.JSONDecodeError:
                continue
            toks = words(" ".join(str(d.get(k) or "") for k in ("title", "body", "text")))
            for i, t in enumerate(toks):
                for key in first.get(t, ()):
                    if tuple(toks[i:i + len(key)]) == key:
                        counts[key] += 1

    for key, n in counts.most_common(args.top):
        print(f"{n}\t{' '.join(key)}\t{','.join(aliases[key])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
