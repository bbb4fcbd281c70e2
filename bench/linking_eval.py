#!/usr/bin/env python3
"""NER and entity-linking scores of a prediction against corpus/ner_eval/ner_eval.tsv.

Usage:
  bench/linking_eval.py GOLD PRED [--gazetteer TSV] [--errors N] [--json]

GOLD and PRED have one token per line, `token<TAB>tag<TAB>id`, a blank line
between sentences and optional `# ...` comment lines (the `# doc=... sent=...`
headers), which are skipped. After skipping comments the token lines must line
up one to one (same token text); otherwise the exit status is 2. The tag is O
or B-/I-<TYPE>; the id is a gazetteer id, `new:<slug>` (gold: an entity that is
not in the gazetteer), `_` for none, or in PRED any other string a linker uses
for an unlisted entity (e.g. `unlisted:42`). A PRED with only two columns is
read with id `_` everywhere (NER only).

Reported:
 (a) entity-level precision / recall / F1 on spans and types, overall and per
     type (conlleval rules: a mention starts at B-X, or at I-X after a tag that
     is not B-X/I-X, and runs over the following I-X; a predicted mention is
     correct when a gold mention has the same first token, last token and type);
 (b) linking accuracy over the correctly found mentions: the share whose
     predicted id is right. For a gold gazetteer id, right means the same id.
     For a gold `new:<slug>`, right means the predicted id is not a gazetteer
     id AND the mentions of that slug agree: with one found mention any
     non-gazetteer id (also `_`) is right; with several, a mention is right
     when its id is the one most of them share, and that id is not `_`
     (unlinked mentions are not clustered). Shown also separately for
     gazetteer-id and new: gold mentions;
 (c) wrong merges: among the correctly found mentions with a predicted id
     (not `_`), pairs of mentions whose gold ids differ but whose predicted id
     is the same; also the number of distinct gold-entity pairs so merged, and
     (for information) splits: gold entities whose found mentions got more
     than one predicted id.
--errors N lists up to N examples of each kind of error. --json prints the
numbers as JSON instead. Python 3 standard library only.
"""
from __future__ import annotations

import argparse
import collections
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GAZ = ROOT / "entities" / "data" / "gazetteer.tsv"


class Mismatch(Exception):
    pass


def read(path: str) -> tuple[list, list[str]]:
    """Rows (token, tag, id) with None for sentence breaks, and the doc/sent
    header in force for each row (for error messages)."""
    rows, where, header = [], [], ""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if line.startswith("# ") or line == "#":
                header = line[2:].strip()
                continue
            if not line.strip():
                if rows and rows[-1] is not None:
                    rows.append(None)
                    where.append(header)
                continue
            cols = line.split("\t")
            tok = cols[0]
            tag = cols[1].strip() if len(cols) > 1 else "O"
            eid = cols[2].strip() if len(cols) > 2 and cols[2].strip() else "_"
            if tag != "O" and not (tag[:2] in ("B-", "I-") and len(tag) > 2):
                raise Mismatch(f"{path}:{n}: bad tag '{tag}'")
            rows.append((tok, tag, eid))
            where.append(header)
    if rows and rows[-1] is None:
        rows.pop()
        where.pop()
    return rows, where


def mentions(rows) -> list[tuple[int, int, str, str]]:
    """(first, last, type, id) of every mention; the id is the first token's."""
    out, cur = [], None
    for i, row in enumerate(rows + [None]):
        tag = row[1] if row else "O"
        kind, typ = (tag[0], tag[2:]) if tag != "O" else ("O", "")
        continues = cur is not None and kind == "I" and typ == cur[2]
        if cur is not None and not continues:
            out.append(tuple(cur))
            cur = None
        if kind in ("B", "I") and not continues:
            cur = [i, i, typ, row[2]]
        elif continues:
            cur[1] = i
    return out


def gazetteer_ids(path: Path) -> set[str]:
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ids.add(line.split("\t")[0].strip())
    return ids


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": 100 * p, "recall": 100 * r, "f1": 100 * f,
            "found": n_pred, "gold": n_gold, "correct": tp}


def evaluate(gold_path: str, pred_path: str, gaz: set[str], n_errors: int) -> dict:
    gold, where = read(gold_path)
    pred, _ = read(pred_path)
    if len(gold) != len(pred):
        raise Mismatch(f"{gold_path} has {len(gold)} token/break lines, {pred_path} has "
                       f"{len(pred)}: the files do not line up")
    for i, (g, p) in enumerate(zip(gold, pred)):
        if (g is None) != (p is None) or (g and g[0] != p[0]):
            raise Mismatch(f"line {i + 1} (non-comment) differs: gold {g!r}, pred {p!r} "
                           f"[{where[i]}]")

    def text(m):
        return " ".join(gold[k][0] for k in range(m[0], m[1] + 1))

    gm, pm = mentions(gold), mentions(pred)
    gold_by_span = {(m[0], m[1], m[2]): m for m in gm}
    matched = [(gold_by_span[(m[0], m[1], m[2])], m) for m in pm if (m[0], m[1], m[2]) in gold_by_span]
    types = sorted({m[2] for m in gm} | {m[2] for m in pm})
    ner = {"overall": prf(len(matched), len(pm), len(gm))}
    for t in types:
        ner[t] = prf(sum(1 for g, _ in matched if g[2] == t),
                     sum(1 for m in pm if m[2] == t), sum(1 for m in gm if m[2] == t))

    # (b) linking accuracy over the matched mentions.
    by_slug = collections.defaultdict(list)
    for g, p in matched:
        if g[3].startswith("new:"):
            by_slug[g[3]].append(p[3])
    slug_id = {}
    for slug, ids in by_slug.items():
        usable = [i for i in ids if i != "_" and i not in gaz]
        slug_id[slug] = collections.Counter(usable).most_common(1)[0][0] if usable else None
    right = {"gazetteer": [0, 0], "new": [0, 0]}
    link_errors = []
    for g, p in matched:
        if g[3].startswith("new:"):
            kind = "new"
            if len(by_slug[g[3]]) == 1:
                ok = p[3] not in gaz
            else:
                ok = p[3] == slug_id[g[3]] and p[3] is not None
        else:
            kind = "gazetteer"
            ok = p[3] == g[3]
        right[kind][1] += 1
        right[kind][0] += ok
        if not ok:
            link_errors.append(f"{where[g[0]]}: '{text(g)}' gold {g[3]} predicted {p[3]}")
    total_ok = right["gazetteer"][0] + right["new"][0]
    total = right["gazetteer"][1] + right["new"][1]
    linking = {
        "accuracy": 100 * total_ok / total if total else 0.0, "correct": total_ok, "mentions": total,
        "gazetteer_ids": {"accuracy": 100 * right["gazetteer"][0] / right["gazetteer"][1]
                          if right["gazetteer"][1] else 0.0,
                          "correct": right["gazetteer"][0], "mentions": right["gazetteer"][1]},
        "new_ids": {"accuracy": 100 * right["new"][0] / right["new"][1] if right["new"][1] else 0.0,
                    "correct": right["new"][0], "mentions": right["new"][1]},
    }

    # (c) wrong merges and splits among matched mentions with a predicted id.
    linked = [(g, p) for g, p in matched if p[3] != "_"]
    merge_pairs = sum(1 for (g1, p1), (g2, p2) in itertools.combinations(linked, 2)
                      if p1[3] == p2[3] and g1[3] != g2[3])
    gold_of_pred = collections.defaultdict(set)
    pred_of_gold = collections.defaultdict(set)
    for g, p in linked:
        gold_of_pred[p[3]].add(g[3])
        pred_of_gold[g[3]].add(p[3])
    merged_entities = sum(len(s) * (len(s) - 1) // 2 for s in gold_of_pred.values())
    merge_examples = [f"predicted {pid} <- gold {', '.join(sorted(s))}"
                      for pid, s in sorted(gold_of_pred.items()) if len(s) > 1]
    split_examples = [f"gold {gid} -> predicted {', '.join(sorted(s))}"
                      for gid, s in sorted(pred_of_gold.items()) if len(s) > 1]
    merges = {"mention_pairs": merge_pairs, "entity_pairs": merged_entities,
              "split_entities": len(split_examples)}

    missed = [f"{where[m[0]]}: {m[2]} '{text(m)}' ({m[3]})" for m in gm
              if (m[0], m[1], m[2]) not in {(x[0], x[1], x[2]) for x in pm}]
    spurious = [f"{where[m[0]]}: {m[2]} '{text(m)}' ({m[3]})" for m in pm
                if (m[0], m[1], m[2]) not in gold_by_span]
    result = {"ner": ner, "linking": linking, "merges": merges}
    if n_errors:
        result["errors"] = {"missed": missed[:n_errors], "spurious": spurious[:n_errors],
                            "linking": link_errors[:n_errors], "merges": merge_examples[:n_errors],
                            "splits": split_examples[:n_errors]}
    return result


def report(r: dict) -> str:
    out = ["(a) NER, entity level (span + type)",
           f"{'':10}{'P':>8}{'R':>8}{'F1':>8}{'found':>8}{'gold':>8}{'correct':>9}"]
    for k, v in r["ner"].items():
        out.append(f"{k:10}{v['precision']:8.2f}{v['recall']:8.2f}{v['f1']:8.2f}"
                   f"{v['found']:8d}{v['gold']:8d}{v['correct']:9d}")
    L = r["linking"]
    out += ["", "(b) linking accuracy over correctly found mentions",
            f"  all       {L['accuracy']:6.2f}%  ({L['correct']}/{L['mentions']})",
            f"  gazetteer {L['gazetteer_ids']['accuracy']:6.2f}%  "
            f"({L['gazetteer_ids']['correct']}/{L['gazetteer_ids']['mentions']})",
            f"  new:      {L['new_ids']['accuracy']:6.2f}%  "
            f"({L['new_ids']['correct']}/{L['new_ids']['mentions']})",
            "", "(c) wrong merges (same predicted id, different gold ids)",
            f"  mention pairs {r['merges']['mention_pairs']}, entity pairs "
            f"{r['merges']['entity_pairs']}; split gold entities {r['merges']['split_entities']}"]
    for kind, items in r.get("errors", {}).items():
        if items:
            out += ["", f"{kind}:"] + [f"  {x}" for x in items]
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--gazetteer", default=str(DEFAULT_GAZ),
                    help="gazetteer TSV whose ids count as gazetteer ids (default: the shipped one)")
    ap.add_argument("--errors", type=int, default=0, metavar="N")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    try:
        r = evaluate(args.gold, args.pred, gazetteer_ids(Path(args.gazetteer)), args.errors)
    except Mismatch as e:
        print(f"linking_eval: {e}", file=sys.stderr)
        return 2
    print(json.dumps(r, ensure_ascii=False, indent=1) if args.json else report(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
