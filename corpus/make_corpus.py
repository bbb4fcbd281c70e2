#!/usr/bin/env python3
"""Writes N synthetic Hindi news articles (JSONL) made of real sentences from a source corpus.

Usage:
  corpus/make_corpus.py --docs 161000 [--seed 1] [--source FILE] [--out FILE] > corpus.jsonl

Every body sentence is a real sentence of the source corpus (default
../shared/data/corpus/hindi_mixed.jsonl, or $TALASH_SHARED/data/corpus/hindi_mixed.jsonl). The
source bodies are split into sentences at । ॥ ? ! and line breaks (and at '.' right after a
Devanagari letter, as some sources write the danda as a full stop); pieces shorter than three
words or with fewer than 60% Devanagari letters (Latin tweets, tables) are dropped.

Each article:
  * picks a *story* (one source document) with Zipf-Mandelbrot popularity 1/(rank+q)^s over a
    seeded random order (--story-zipf S,Q): a few stories are covered by hundreds of articles,
    most by a handful, like a news archive where big stories run for days;
  * has a body length in sentences drawn from the source documents' own distribution
    (capped at --max-sentences, default 18, which brings the mean to ~1.3 KB per JSONL line:
    161k documents make 212 MB, like the issue's 161k-document, 213 MB corpus);
  * takes each sentence from the story (in order, from its lead or from a random point) with
    probability --story-share, otherwise from the whole sentence pool with a Zipf-Mandelbrot
    popularity (--sentence-zipf S,Q): stock phrases and wire copy recur, most sentences are rare;
  * gets a headline (the first 6-14 words of a story sentence), a date spread over
    --from..--to (more articles in later years; half of them with a time of day, +05:30), in date
    order, a source out of 24 fictional publishers with Zipf popularity, a category (the story's
    own, else one derived from the story) and a URL on example.org.

The output depends only on the source file, the options and --seed (Python's random.Random
is stable across 3.x versions), so `--docs 161000 --seed 1` is the same corpus on every machine.
A summary (documents, bytes, mean bytes per document, seconds) goes to stderr.
"""
import argparse
import bisect
import datetime as dt
import itertools
import json
import os
import random
import re
import sys
import time

# (name, URL slug): fictional publishers, most popular first.
SOURCES = [
    ("दैनिक प्रभात", "dainik-prabhat"), ("भारत वार्ता", "bharat-varta"), ("जन संवाद", "jan-samvad"),
    ("राष्ट्रीय दर्पण", "rashtriya-darpan"), ("नवभारत समय", "navbharat-samay"), ("तलाश समाचार", "talash-samachar"),
    ("दिल्ली दर्पण", "dilli-darpan"), ("हिंद केसरी", "hind-kesari"), ("प्रदेश टाइम्स", "pradesh-times"),
    ("लोक मंच", "lok-manch"), ("विश्व संवाद", "vishva-samvad"), ("खेल जगत", "khel-jagat"),
    ("अर्थ जगत", "arth-jagat"), ("विज्ञान दर्शन", "vigyan-darshan"), ("गंगा टाइम्स", "ganga-times"),
    ("मरुधर समाचार", "marudhar-samachar"), ("पूर्वांचल प्रहरी", "purvanchal-prahari"), ("मालवा मेल", "malwa-mail"),
    ("हिमालय दूत", "himalaya-doot"), ("सुबह सवेरे", "subah-savere"), ("नगर ज्योति", "nagar-jyoti"),
    ("आज की आवाज़", "aaj-ki-awaaz"), ("सत्य पथ", "satya-path"), ("ग्राम भारती", "gram-bharati"),
]
CATEGORIES = ["politics", "states", "world", "business", "sport", "entertainment", "science", "health",
              "technology", "education", "weather", "crime"]

# Sentence ends: danda / double danda / ? / ! (kept with the sentence), line breaks, and a full
# stop right after a Devanagari letter or sign when text or a space follows (BBC-style text).
_SPLIT = re.compile(r"(?<=[।॥?!])|[\r\n\u2028\u2029]+|(?<=[\u0900-\u0963\u0966-\u097f]\.)(?=[\s\u0900-\u097f])")
_TERMINAL = "।॥?!.\"'”’)"
_TRAILING_PUNCT = " ।॥?!.,:;-–—\"'“”‘’"


def devanagari_share(s):
    letters = deva = 0
    for c in s:
        if c.isalpha() or "\u0900" <= c <= "\u097f":
            letters += 1
            if "\u0900" <= c <= "\u097f":
                deva += 1
    return deva / letters if letters else 0.0


def load_source(path, min_words, min_devanagari, max_sentence_bytes):
    """Returns (sentences, stories, counts, categories): the distinct sentences, each source
    document as a list of sentence indexes, the per-document sentence counts, and each story's
    category (or None)."""
    index = {}
    sentences, stories, categories = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if not isinstance(rec, dict):
                continue
            body = rec.get("body") or rec.get("text") or ""
            if not isinstance(body, str):
                continue
            story = []
            for piece in _SPLIT.split(body):
                s = " ".join(piece.split())
                if len(s.split()) < min_words or len(s.encode()) > max_sentence_bytes:
                    continue
                if devanagari_share(s) < min_devanagari:
                    continue
                if s[-1] not in _TERMINAL:
                    s += "।"
                i = index.get(s)
                if i is None:
                    i = index[s] = len(sentences)
                    sentences.append(s)
                story.append(i)
            if story:
                stories.append(story)
                cat = rec.get("category")
                categories.append(cat if isinstance(cat, str) and cat and cat != "social" else None)
    return sentences, stories, [len(s) for s in stories], categories


def zipf_cum_weights(n, s, q):
    """Cumulative Zipf-Mandelbrot weights 1/(rank+q)^s for ranks 1..n."""
    return list(itertools.accumulate(1.0 / (r + q) ** s for r in range(1, n + 1)))


def parse_pair(text, name):
    try:
        s, q = (float(x) for x in text.split(","))
    except ValueError:
        raise SystemExit(f"make_corpus: --{name} wants S,Q (e.g. 1.0,20), got {text!r}")
    return s, q


def headline(sentence, rng):
    words = sentence.split()
    title = " ".join(words[: rng.randint(6, 14)]).rstrip(_TRAILING_PUNCT)
    return title or sentence


def main():
    shared = os.environ.get("TALASH_SHARED") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, required=True, help="number of articles to write")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--source", default=os.path.join(shared, "data", "corpus", "hindi_mixed.jsonl"),
                    help="source JSONL corpus (default: ../shared/data/corpus/hindi_mixed.jsonl)")
    ap.add_argument("--out", default="-", help="output file (default: stdout)")
    ap.add_argument("--id-prefix", default="syn-", help="id prefix (default syn-)")
    ap.add_argument("--from", dest="date_from", default="2016-01-01", help="first date (default 2016-01-01)")
    ap.add_argument("--to", dest="date_to", default="2025-12-31", help="last date (default 2025-12-31)")
    ap.add_argument("--max-sentences", type=int, default=18, help="cap on body sentences (default 18)")
    ap.add_argument("--story-share", type=float, default=0.7,
                    help="probability that a sentence comes from the article's story (default 0.7)")
    ap.add_argument("--story-zipf", default="1.0,20", help="story popularity S,Q: 1/(rank+Q)^S (default 1.0,20)")
    ap.add_argument("--sentence-zipf", default="1.0,100",
                    help="sentence popularity S,Q for the other sentences (default 1.0,100)")
    args = ap.parse_args()
    if args.docs < 0 or args.max_sentences < 1 or not 0 <= args.story_share <= 1:
        ap.error("--docs >= 0, --max-sentences >= 1 and 0 <= --story-share <= 1")
    story_s, story_q = parse_pair(args.story_zipf, "story-zipf")
    sent_s, sent_q = parse_pair(args.sentence_zipf, "sentence-zipf")
    try:
        d0 = dt.date.fromisoformat(args.date_from)
        d1 = dt.date.fromisoformat(args.date_to)
    except ValueError as e:
        ap.error(f"bad date: {e}")
    if d1 < d0:
        ap.error("--to is before --from")

    t0 = time.monotonic()
    if not os.path.isfile(args.source):
        raise SystemExit(f"make_corpus: source corpus {args.source} not found (set --source or TALASH_SHARED)")
    sentences, stories, counts, story_cats = load_source(args.source, 3, 0.6, 2000)
    if not stories:
        raise SystemExit(f"make_corpus: no usable Hindi sentences in {args.source}")
    rng = random.Random(args.seed)

    # Popularity order: a seeded shuffle, so that popularity is unrelated to file order.
    story_rank = list(range(len(stories)))
    rng.shuffle(story_rank)
    sentence_rank = list(range(len(sentences)))
    rng.shuffle(sentence_rank)
    story_cw = zipf_cum_weights(len(stories), story_s, story_q)
    sentence_cw = zipf_cum_weights(len(sentences), sent_s, sent_q)
    source_cw = zipf_cum_weights(len(SOURCES), 1.0, 1.0)
    lengths = [min(c, args.max_sentences) for c in counts]

    # Dates: half uniform, half with a density growing linearly towards --to (archives grow:
    # the last year has about three times as many articles as the first), sorted so that ids
    # follow time.
    span = (d1 - d0).days + 1
    day_offsets = sorted(min(span - 1, int(span * (rng.random() if rng.random() < 0.5 else rng.random() ** 0.5)))
                         for _ in range(args.docs))

    out = sys.stdout if args.out == "-" else open(args.out + ".part", "w", encoding="utf-8")
    total_bytes = 0
    width = max(7, len(str(args.docs)))
    rand = rng.random
    for n, day in enumerate(day_offsets, 1):
        sidx = story_rank[bisect.bisect(story_cw, rand() * story_cw[-1])]
        story = stories[sidx]
        length = lengths[int(rand() * len(lengths))]
        pos = 0 if rand() < 0.7 else int(rand() * len(story))
        picked = []
        for _ in range(length):
            if pos < len(story) and rand() < args.story_share:
                picked.append(story[pos])
                pos += 1
            else:
                picked.append(sentence_rank[bisect.bisect(sentence_cw, rand() * sentence_cw[-1])])
        # paragraphs of 1-4 sentences
        paras, i = [], 0
        while i < len(picked):
            k = 1 + int(rand() * 4)
            paras.append(" ".join(sentences[j] for j in picked[i:i + k]))
            i += k
        title_sentence = sentences[story[0] if rand() < 0.6 else story[int(rand() * len(story))]]
        date = d0 + dt.timedelta(days=day)
        if rand() < 0.5:
            minute = int(rand() * 1440)
            date_text = f"{date.isoformat()}T{minute // 60:02d}:{minute % 60:02d}:00+05:30"
        else:
            date_text = date.isoformat()
        name, slug = SOURCES[bisect.bisect(source_cw, rand() * source_cw[-1])]
        doc_id = f"{args.id_prefix}{n:0{width}d}"
        rec = {
            "id": doc_id,
            "title": headline(title_sentence, rng),
            "body": "\n".join(paras),
            "date": date_text,
            "source": name,
            "category": story_cats[sidx] or CATEGORIES[sidx * 2654435761 % len(CATEGORIES)],
            "url": f"https://example.org/{slug}/{doc_id}",
        }
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        total_bytes += len(line.encode())
        out.write(line)
    if out is not sys.stdout:
        out.close()
        os.replace(args.out + ".part", args.out)
    seconds = time.monotonic() - t0
    print(f"make_corpus: documents={args.docs} bytes={total_bytes} "
          f"mean_bytes={total_bytes / max(1, args.docs):.0f} source_sentences={len(sentences)} "
          f"source_stories={len(stories)} seed={args.seed} seconds={seconds:.1f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
