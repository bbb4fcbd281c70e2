#!/usr/bin/env python3
"""Validate a Talash JSONL corpus and print counts per category, source and year.

Usage:
    python3 corpus/check_corpus.py                      # checks corpus/articles.jsonl (sample rules on)
    python3 corpus/check_corpus.py path/to/other.jsonl  # generic checks only
    python3 corpus/check_corpus.py --sample FILE        # force the sample-corpus rules

Generic checks (errors, exit status 1):
  * every non-blank line parses as a JSON object
  * `id` present, a non-empty string or an integer, unique across the file
  * `body` or `text` present and non-empty (string)
  * `title`, `source`, `url`, `category`, when present, are strings
  * `date`, when present, parses as ISO 8601 (YYYY-MM-DD or date-time)
Sample-corpus rules (errors) for corpus/articles.jsonl:
  * all seven fields present; category in the fixed set; url ends with the id
  * body 80-250 words and 4-10 sentences (danda, or '.' in danda-free bodies)
"""
import collections
import datetime
import json
import os
import re
import sys

CATEGORIES = {"politics", "world", "sport", "science", "business",
              "weather", "states", "health", "technology"}
FIELDS = ("id", "title", "body", "date", "source", "url", "category")
DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "articles.jsonl")


def parse_date(s):
    """ISO 8601 date or date-time; returns a date or raises ValueError."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return datetime.date.fromisoformat(s)
    t = s[:-1] + "+00:00" if s.endswith("Z") else s
    return datetime.datetime.fromisoformat(t).date()


def sentences(body):
    # Bodies that use the danda are split on ।?! only, so initials such as
    # "एस. जयशंकर" are not sentence ends; bodies without any danda (the '.'
    # style) are split on '.' that is not inside a number (6.5, 88.17).
    if "।" in body:
        parts = re.split(r"[।?!]", body)
    else:
        parts = re.split(r"[?!]|(?<!\d)\.|\.(?!\d)", body)
    return [p for p in parts if p.strip() and not p.strip().startswith("यह भी पढ")]


def check(path, sample):
    errors, warnings = [], []
    ids = {}
    cats, srcs, years = collections.Counter(), collections.Counter(), collections.Counter()
    n = 0
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = "%s:%d" % (path, lineno)
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append("%s: invalid JSON (%s)" % (where, e))
                continue
            if not isinstance(rec, dict):
                errors.append("%s: not a JSON object" % where)
                continue
            n += 1
            rid = rec.get("id")
            if isinstance(rid, bool) or not isinstance(rid, (str, int)) or rid == "":
                errors.append("%s: missing or invalid id %r" % (where, rid))
            else:
                key = str(rid)
                if key in ids:
                    errors.append("%s: duplicate id %r (first on line %d)" % (where, rid, ids[key]))
                ids[key] = lineno
            body = rec.get("body", rec.get("text"))
            if not isinstance(body, str) or not body.strip():
                errors.append("%s: empty or missing body/text" % where)
                body = ""
            for k in ("title", "source", "url", "category", "date"):
                if k in rec and rec[k] is not None and not isinstance(rec[k], str):
                    errors.append("%s: field %s is not a string" % (where, k))
            d = rec.get("date")
            if isinstance(d, str) and d:
                try:
                    years[parse_date(d).year] += 1
                except ValueError:
                    errors.append("%s: unparseable date %r" % (where, d))
            cats[rec.get("category") or "(none)"] += 1
            srcs[rec.get("source") or "(none)"] += 1
            if sample:
                for k in FIELDS:
                    if not rec.get(k):
                        errors.append("%s: missing field %s" % (where, k))
                if rec.get("category") and rec["category"] not in CATEGORIES:
                    errors.append("%s: unknown category %r" % (where, rec["category"]))
                if rec.get("url") and not str(rec["url"]).endswith("/" + str(rid)):
                    errors.append("%s: url does not end with the id" % where)
                words = len(body.split())
                sents = len(sentences(body))
                if not 80 <= words <= 250:
                    errors.append("%s: body has %d words (want 80-250)" % (where, words))
                if not 4 <= sents <= 10:
                    errors.append("%s: body has %d sentences (want 4-10)" % (where, sents))
                if "\ufffd" in line:
                    errors.append("%s: replacement character in text" % where)

    print("%s: %d records, %d unique ids" % (path, n, len(ids)))
    for title, counter in (("category", cats), ("source", srcs), ("year", years)):
        print("\nper %s:" % title)
        for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            print("  %-16s %4d" % (k, v))
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print("\n%s" % ("OK" if not errors else "%d error(s)" % len(errors)))
    return 1 if errors else 0


def main(argv):
    sample = "--sample" in argv
    paths = [a for a in argv if a != "--sample"] or [DEFAULT]
    rc = 0
    for p in paths:
        is_default = os.path.abspath(p) == DEFAULT
        rc |= check(p, sample or is_default)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
