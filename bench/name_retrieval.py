#!/usr/bin/env python3
"""Latin -> Devanagari name retrieval (issue: "Find Hindi news in any script and any spelling").

One short Hindi sentence per name of ../shared/data/translit/cricket_players_dev.tsv and
indian_first_names.tsv (the Devanagari name in the sentence) is mixed into a corpus (the 32k
documents by default); each Latin name is then searched, with and without --exact. Reports, per
name set: the share of names whose sentence is in the top 10, and the mean number of extra hits
per query that variant matching adds (total matches with variants minus total exact).

  bench/name_retrieval.py [--talash build/talash] [--corpus FILE] [--out DIR] [--every N]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

TEMPLATES = {
    "cricket": [
        "क्रिकेटर {} ने कल के मैच में शानदार प्रदर्शन किया।",
        "चयनकर्ताओं ने {} को टीम में जगह दी है।",
        "मैच के बाद {} ने पत्रकारों से बात की।",
    ],
    "first_names": [
        "{} ने कल बाजार में खरीदारी की।",
        "गांव के लोगों ने {} का स्वागत किया।",
        "पुलिस ने बताया कि {} सुरक्षित घर लौट आए।",
    ],
}


def read_pairs(path):
    with open(path, encoding="utf-8") as f:
        next(f)  # header
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 2 and cols[0].strip() and cols[1].strip():
                yield cols[0].strip(), cols[1].strip()


def run_batch(talash, db, topics, run, totals, exact):
    cmd = [talash, "search", "--db", db, "--batch", topics, "--limit", "10", "--totals", totals]
    if exact:
        cmd.append("--exact")
    with open(run, "w") as out:
        res = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True)
    if res.returncode != 0:
        sys.exit(f"name_retrieval: {' '.join(cmd)} failed:\n{res.stderr}")
    return res.stderr.strip().splitlines()[-1]


def read_run(path):
    top = {}
    with open(path) as f:
        for line in f:
            qid, _, doc, _ = line.rstrip("\n").split("\t")
            top.setdefault(qid, []).append(doc)
    return top


def read_totals(path):
    with open(path) as f:
        return {q: int(n) for q, n in (line.rstrip("\n").split("\t") for line in f)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--talash", default="build/talash")
    shared = os.environ.get("TALASH_SHARED", "../shared")
    ap.add_argument("--shared", default=shared)
    ap.add_argument("--corpus", default=os.path.join(shared, "data/corpus/hindi_mixed.jsonl"))
    ap.add_argument("--out", default="build/bench/names")
    ap.add_argument("--every", type=int, default=1, help="use every Nth Indian first name (8.5k in all)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    sets = {
        "cricket": list(read_pairs(os.path.join(args.shared, "data/translit/cricket_players_dev.tsv"))),
        "first_names": list(read_pairs(os.path.join(args.shared, "data/translit/indian_first_names.tsv")))[:: args.every],
    }
    names_jsonl = os.path.join(args.out, "names.jsonl")
    topics = {}
    with open(names_jsonl, "w", encoding="utf-8") as f:
        for set_name, pairs in sets.items():
            for i, (latin, deva) in enumerate(pairs):
                doc_id = f"name-{set_name}-{i}"
                body = TEMPLATES[set_name][i % len(TEMPLATES[set_name])].format(deva)
                f.write(json.dumps({"id": doc_id, "title": "समाचार", "body": body}, ensure_ascii=False) + "\n")
                topics.setdefault(set_name, []).append((doc_id, latin))

    db = os.path.join(args.out, "db")
    subprocess.run(["rm", "-rf", db], check=True)
    res = subprocess.run([args.talash, "index", "--db", db, args.corpus, names_jsonl], stderr=subprocess.PIPE, text=True)
    if res.returncode not in (0, 3):
        sys.exit(f"name_retrieval: indexing failed:\n{res.stderr}")
    print("index:", res.stderr.strip().splitlines()[-1])

    for set_name, rows in topics.items():
        topics_file = os.path.join(args.out, f"{set_name}.topics.tsv")
        with open(topics_file, "w", encoding="utf-8") as f:
            for doc_id, latin in rows:
                f.write(f"{doc_id}\t{latin}\n")
        found, totals = {}, {}
        for mode in ("variants", "exact"):
            run = os.path.join(args.out, f"{set_name}.{mode}.run")
            tot = os.path.join(args.out, f"{set_name}.{mode}.totals")
            speed = run_batch(args.talash, db, topics_file, run, tot, mode == "exact")
            top = read_run(run)
            found[mode] = sum(1 for doc_id, _ in rows if doc_id in top.get(doc_id, []))
            totals[mode] = read_totals(tot)
            print(f"{set_name} {mode}: {speed}")
        n = len(rows)
        extra = [totals["variants"][q] - totals["exact"][q] for q, _ in rows]
        print(f"{set_name}: names={n} top10 with variants {found['variants'] / n:.1%} ({found['variants']}), "
              f"exact {found['exact'] / n:.1%}; extra hits per query mean {statistics.mean(extra):.1f} "
              f"median {statistics.median(extra):.0f} max {max(extra)}")
        misses = [(q, latin) for q, latin in rows if q not in read_run(os.path.join(args.out, f"{set_name}.variants.run")).get(q, [])]
        with open(os.path.join(args.out, f"{set_name}.misses.tsv"), "w", encoding="utf-8") as f:
            for q, latin in misses:
                f.write(f"{q}\t{latin}\n")


if __name__ == "__main__":
    main()
