#!/usr/bin/env python3
"""Converts Talash JSONL input to the TSV the bench peers read.

Usage: jsonl_to_tsv.py INPUT.jsonl OUTPUT.tsv
Output lines: id<TAB>title<TAB>body, with tabs and line breaks in the fields
replaced by spaces. As in `talash index`: the id is a string or an integer,
`text` is used when `body` is missing or empty, and records that are not JSON
objects, have no id, or have neither title nor body are skipped (counted on
stderr). The text is passed through unchanged otherwise (no normalization).
"""
import json
import re
import sys

_SPACE = re.compile(r"[\t\r\n\u2028\u2029\x85]")


def clean(s):
    return _SPACE.sub(" ", s)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    kept = skipped = 0
    with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2] + ".part", "w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                skipped += 1
                continue
            if not isinstance(rec, dict):
                skipped += 1
                continue
            rid = rec.get("id")
            if isinstance(rid, bool) or not isinstance(rid, (str, int)) or str(rid) == "":
                skipped += 1
                continue
            title = rec.get("title") or ""
            body = rec.get("body") or rec.get("text") or ""
            if not isinstance(title, str) or not isinstance(body, str) or not (title.strip() or body.strip()):
                skipped += 1
                continue
            out.write(f"{clean(str(rid))}\t{clean(title)}\t{clean(body)}\n")
            kept += 1
    import os
    os.replace(sys.argv[2] + ".part", sys.argv[2])
    print(f"jsonl_to_tsv: records={kept} skipped={skipped}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
