#!/usr/bin/env python3
"""Builds the in-domain NER + linking evaluation set from its hand annotation.

    python3 corpus/ner_eval/build_eval.py build    # annotations.txt -> ner_eval.tsv
    python3 corpus/ner_eval/build_eval.py draft DOC_ID...   # print a draft (see below)
    python3 corpus/ner_eval/build_eval.py baseline > pred.tsv   # gazetteer-only predictor

annotations.txt (the source of truth, written and reviewed by hand) holds one
block per sentence:

    # doc=talash-0070 sent=3
    [व्लादिमीर पुतिन](PER vladimir-putin) ने [प्योंगयांग](LOC pyongyang) में ...

The sentence text is exactly the corpus sentence with every entity mention
wrapped as [surface](TYPE id); TYPE is PER, LOC or ORG, id is a gazetteer id
or new:<slug>. `build` checks that the text without the brackets is the
corpus sentence `sent` of document `doc`, tokenizes it with `talash analyze`
(the tokens Talash indexes) and writes ner_eval.tsv:

    # doc=talash-0070 sent=3
    व्लादिमीर<TAB>B-PER<TAB>vladimir-putin
    पुतिन<TAB>I-PER<TAB>vladimir-putin
    ने<TAB>O<TAB>_
    (blank line)

Sentences: the text is "title\\nbody"; a sentence ends at । ? ! or a line
break, or at ". " unless the word before the dot is a one-syllable Devanagari
initial (एस. जयशंकर, एम. के. स्टालिन, डी. वाई. चंद्रचूड़). sent=0 is the
title.

`draft` prints the sentences of the given documents with the mentions the
built-in gazetteer finds (leftmost-longest match on the tokens' normalized
forms, like entities/entity_tagger.h) as a starting point for annotation; the
draft is then corrected by hand (see README.md, "How the set was made").
Needs build-gaz/talash or build/talash (or --talash). Python 3, no network.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT / "corpus" / "articles.jsonl"
ANNOTATIONS = HERE / "annotations.txt"
OUT = HERE / "ner_eval.tsv"
GAZ = ROOT / "entities" / "data" / "gazetteer.tsv"

# One-syllable Devanagari initials that are followed by '.' in names.
INITIALS = {"ए", "बी", "सी", "डी", "ई", "एफ", "जी", "एच", "आई", "जे", "के", "एल", "एम",
            "एन", "ओ", "पी", "आर", "एस", "टी", "यू", "वी", "डब्ल्यू", "वाई", "जेड"}
MENTION = re.compile(r"\[([^\[\]]+)\]\((PER|LOC|ORG) ([^()\s]+)\)")
TYPE_OF = {"person": "PER", "place": "LOC", "org": "ORG"}
SEP = "qqzzsepqq"


def find_talash(explicit: str | None) -> str:
    for cand in ([explicit] if explicit else []) + [str(ROOT / "build-gaz" / "talash"),
                                                     str(ROOT / "build" / "talash")]:
        if cand and os.access(cand, os.X_OK):
            return cand
    sys.exit("no talash binary: build the talash target or pass --talash")


def split_sentences(text: str) -> list[str]:
    out, start, i = [], 0, 0
    while i < len(text):
        c = text[i]
        end = None
        if c in "।?!\n":
            end = i + 1
        elif c == "." and (i + 1 == len(text) or text[i + 1] in " \n"):
            m = re.search(r"(\S+)$", text[start:i])
            word = m.group(1) if m else ""
            if word not in INITIALS:
                end = i + 1
        if end is not None:
            s = text[start:end].strip()
            if s and s not in "।?!.":
                out.append(s)
            start = end
        i += 1
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def corpus_sentences() -> dict[str, list[str]]:
    docs = {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs[d["id"]] = split_sentences(d["title"] + "\n" + d["body"])
    return docs


def analyze(texts: list[str], talash: str) -> list[list[tuple[str, str]]]:
    """(original, normalized) tokens of every text, from one `talash analyze` run."""
    joined = "".join(f"{t}\n{SEP}\n" for t in texts)
    out = subprocess.run([talash, "analyze"], input=joined.encode("utf-8"),
                         capture_output=True, check=True).stdout.decode("utf-8")
    result, cur = [], []
    for line in out.splitlines():
        cols = line.split("\t")
        if len(cols) < 5:
            continue
        if cols[4] == SEP:
            result.append(cur)
            cur = []
        else:
            cur.append((cols[3], cols[4]))
    if len(result) != len(texts):
        sys.exit("talash analyze: token stream does not line up")
    return result


def parse_annotations(path: Path) -> list[tuple[str, int, str, list[tuple[int, int, str, str]]]]:
    """(doc, sent, plain text, [(char start, char end, TYPE, id)]) per block."""
    blocks = []
    header = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        m = re.match(r"^# doc=(\S+) sent=(\d+)\s*$", line)
        if m:
            header = (m.group(1), int(m.group(2)), n)
            continue
        if line.startswith("#"):
            continue
        if header is None:
            sys.exit(f"{path.name}:{n}: sentence without a '# doc=... sent=...' line")
        plain, spans, pos = [], [], 0
        for mm in MENTION.finditer(line):
            plain.append(line[pos:mm.start()])
            start = sum(len(p) for p in plain)
            plain.append(mm.group(1))
            spans.append((start, start + len(mm.group(1)), mm.group(2), mm.group(3)))
            pos = mm.end()
        plain.append(line[pos:])
        text = "".join(plain)
        if "[" in text or "](" in text:
            sys.exit(f"{path.name}:{n}: malformed mention (expected [text](TYPE id))")
        blocks.append((header[0], header[1], text, spans))
        header = None
    return blocks


def gazetteer_ids() -> set[str]:
    ids = set()
    for line in GAZ.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ids.add(line.split("\t")[0])
    return ids


def build(talash: str) -> int:
    docs = corpus_sentences()
    blocks = parse_annotations(ANNOTATIONS)
    known = gazetteer_ids()
    errors, seen = [], set()
    for doc, sent, text, spans in blocks:
        where = f"doc={doc} sent={sent}"
        if (doc, sent) in seen:
            errors.append(f"{where}: annotated twice")
        seen.add((doc, sent))
        if doc not in docs or sent >= len(docs[doc]):
            errors.append(f"{where}: no such sentence in corpus/articles.jsonl")
        elif docs[doc][sent] != text:
            errors.append(f"{where}: text differs from the corpus sentence:\n  corpus: "
                          f"{docs[doc][sent]}\n  here:   {text}")
        for _, _, _, eid in spans:
            if not eid.startswith("new:") and eid not in known:
                errors.append(f"{where}: '{eid}' is not a gazetteer id (use new:<slug>)")
            if eid.startswith("new:") and not re.match(r"^new:[a-z0-9]+(-[a-z0-9]+)*$", eid):
                errors.append(f"{where}: bad slug '{eid}'")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1

    # Tokenize each sentence and, to find token offsets, each prefix up to a
    # span boundary: a token belongs to a span when its text lies inside it.
    token_lists = analyze([t for _, _, t, _ in blocks], talash)
    lines, n_ent, problems = [], 0, []
    for (doc, sent, text, spans), tokens in zip(blocks, token_lists):
        # Locate tokens in the text in order (tokens are slices of the text).
        offsets, pos = [], 0
        for orig, _ in tokens:
            at = text.find(orig, pos)
            if at < 0:
                problems.append(f"doc={doc} sent={sent}: token '{orig}' not found")
                break
            offsets.append((at, at + len(orig)))
            pos = at + len(orig)
        tags = ["O"] * len(tokens)
        ids = ["_"] * len(tokens)
        for s, e, typ, eid in spans:
            inside = [k for k, (a, b) in enumerate(offsets) if a >= s and b <= e]
            cut = [k for k, (a, b) in enumerate(offsets) if a < e and b > s and not (a >= s and b <= e)]
            if not inside or cut:
                problems.append(f"doc={doc} sent={sent}: span '{text[s:e]}' does not "
                                f"cover whole tokens")
                continue
            n_ent += 1
            for j, k in enumerate(inside):
                tags[k] = ("B-" if j == 0 else "I-") + typ
                ids[k] = eid
        lines.append(f"# doc={doc} sent={sent}")
        lines += [f"{orig}\t{tag}\t{eid}" for (orig, _), tag, eid in zip(tokens, tags, ids)]
        lines.append("")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(blocks)} sentences, "
          f"{sum(len(t) for t in token_lists)} tokens, {n_ent} entity mentions")
    return 0


def gazetteer_matcher(talash: str):
    """A function from normalized tokens to [(first, last, TYPE, id)]: the
    leftmost-longest gazetteer match, as entities/entity_tagger.h does."""
    sys.path.insert(0, str(ROOT / "entities" / "data" / "tools"))
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    import build_gazetteer as bg  # noqa: E402  (same repository, stdlib only)
    rows = []
    for line in GAZ.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        for a in [f[2], f[3]] + [x for x in f[4].split("|") if x]:
            rows.append((a, f[0], TYPE_OF[f[1]]))
    keys = bg.alias_keys([a for a, _, _ in rows], talash)
    index = {}
    for (a, eid, typ), k in zip(rows, keys):
        index.setdefault(tuple(k.split(" ")), (eid, typ))
    longest = max(len(k) for k in index)

    def match(norms: list[str]) -> list[tuple[int, int, str, str]]:
        out, i = [], 0
        while i < len(norms):
            for L in range(min(longest, len(norms) - i), 0, -1):
                hit = index.get(tuple(norms[i:i + L]))
                if hit:
                    out.append((i, i + L - 1, hit[1], hit[0]))
                    i += L
                    break
            else:
                i += 1
        return out
    return match


def draft(doc_ids: list[str], talash: str) -> int:
    match = gazetteer_matcher(talash)
    docs = corpus_sentences()
    for doc in doc_ids:
        sents = docs[doc]
        for n, (text, tokens) in enumerate(zip(sents, analyze(sents, talash))):
            offsets, pos = [], 0
            for orig, _ in tokens:
                at = text.find(orig, pos)
                offsets.append((at, at + len(orig)))
                pos = at + len(orig)
            out, cursor = [], 0
            for first, last, typ, eid in match([nm for _, nm in tokens]):
                s, e = offsets[first][0], offsets[last][1]
                out.append(text[cursor:s] + f"[{text[s:e]}]({typ} {eid})")
                cursor = e
            out.append(text[cursor:])
            print(f"# doc={doc} sent={n}\n{''.join(out)}\n")
    return 0


def baseline(talash: str) -> int:
    """ner_eval.tsv re-tagged by the gazetteer alone (a trivial predictor for
    bench/linking_eval.py), on stdout."""
    match = gazetteer_matcher(talash)
    sents, cur, headers = [], [], []
    for line in OUT.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# "):
            headers.append(line)
        elif line.strip():
            cur.append(line.split("\t")[0])
        elif cur:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    # Tokens are re-normalized through talash so keys match the loader's.
    norms = analyze([" ".join(s) for s in sents], talash)
    lines = []
    for header, toks, an in zip(headers, sents, norms):
        if [o for o, _ in an] != toks:
            sys.exit(f"{header}: tokens do not re-tokenize identically")
        tags, ids = ["O"] * len(toks), ["_"] * len(toks)
        for first, last, typ, eid in match([nm for _, nm in an]):
            for k in range(first, last + 1):
                tags[k] = ("B-" if k == first else "I-") + typ
                ids[k] = eid
        lines.append(header)
        lines += [f"{t}\t{g}\t{i}" for t, g, i in zip(toks, tags, ids)]
        lines.append("")
    sys.stdout.write("\n".join(lines))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["build", "draft", "baseline"])
    ap.add_argument("docs", nargs="*")
    ap.add_argument("--talash")
    args = ap.parse_args()
    talash = find_talash(args.talash)
    if args.mode == "build":
        return build(talash)
    if args.mode == "baseline":
        return baseline(talash)
    return draft(args.docs, talash)


if __name__ == "__main__":
    sys.exit(main())
