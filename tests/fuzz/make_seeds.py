#!/usr/bin/env python3
"""Writes seed corpora for the fuzz targets: OUT/<target>/seed-NNNN.

Seeds come from corpus/articles.jsonl (in the repo, always there) and, when
../shared is present, from the 32k-article corpus, the dev-set queries, the
transliteration name lists and the Lucene Hindi test cases. Sampling is seeded,
so the same data gives the same seeds.

usage: make_seeds.py OUT [--shared DIR] [--per-source N]
"""
import argparse
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Queries in every syntax the README and web/help.html document, plus broken ones.
QUERIES = [
    'रूस कोरिया', '"किम जोंग उन"', '“उत्तर कोरिया”', '+रूस -चीन', 'रूस AND चीन', 'रूस OR चीन', 'रूस NOT चीन',
    '(रूस OR चीन) AND कोरिया', 'title:रूस', 'title:"उत्तर कोरिया"', 'exact:Belousov', 'रूस और चीन', 'रूस या चीन',
    'रेपो नहीं कोरोना', 'भारत और पाकिस्तान के बीच', 'पुतिन NEAR/3 किम', '"उत्तर कोरिया" NEAR रूस',
    'SENT(चंद्रयान लैंडर)', 'source:"भारत वार्ता"', 'person:"Kim Jong Un"', 'place:केरल', 'org:इसरो',
    'person:kim-jong-un', 'person:x-per-abc', 'date:2024', 'date:2024-06-15', 'date:2024-06..2024-12', 'date:2024..',
    'date:..2023-12', 'date:जून-2024', 'date:15-जून-2024', 'date:२०२४', 'चक्रवात*', 'title:चंद्रयान*',
    'रूस-यूक्रेन', 'Kim Jong Un', 'KCNA', 'केसीएनए', 'U.S. election', 'बी.जे.पी', '१०,००० सैनिक', '3.5%',
    '(रूस', 'रूस AND', 'रूस NEAR/abc चीन', 'date:2024-13', 'foo:x', ')', 'NOT', 'OR रूस', '-रूस', '""', '*',
    'title:exact:रूस', 'exact:title:रूस', 'SENT(a)', 'SENT(', 'NEAR/50 x', 'a NEAR/51 b', 'date:2024-02-30',
    'पढ़ें जाँच डॉक्टर', 'क़ ख़ ग़', 'Zelensky ज़ेलेंस्की', 'a\u200db', 'x\u00adyz',
]


def clip(text, limit):
    """At most `limit` bytes of UTF-8, cut at a character boundary."""
    data = text.encode('utf-8')
    if len(data) <= limit:
        return data
    cut = data[:limit]
    while cut and (cut[-1] & 0xC0) == 0x80:
        cut = cut[:-1]
    return cut[:-1] if cut and cut[-1] >= 0xC0 else cut


def read_lines(path):
    try:
        with open(path, encoding='utf-8') as f:
            return [line.rstrip('\n') for line in f]
    except OSError:
        return []


def sample(rng, items, n):
    items = list(items)
    return items if len(items) <= n else rng.sample(items, n)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('out')
    ap.add_argument('--shared', default=os.path.join(ROOT, '..', 'shared'))
    ap.add_argument('--per-source', type=int, default=200, help='seeds taken from each data source')
    args = ap.parse_args()
    rng = random.Random(7)
    n = args.per_source

    repo_lines = read_lines(os.path.join(ROOT, 'corpus', 'articles.jsonl'))
    shared_lines = read_lines(os.path.join(args.shared, 'data', 'corpus', 'hindi_mixed.jsonl'))
    records = [json.loads(l) for l in repo_lines if l.strip()]
    records += [json.loads(l) for l in sample(rng, [l for l in shared_lines if l.strip()], n)]
    texts = []
    for r in records:
        texts.append(r.get('title') or '')
        body = r.get('body') or r.get('text') or ''
        texts.append(body[:300])
        texts.append(body[:1500])
    texts = [t for t in texts if t]

    names, cases, topics = [], [], []
    translit = os.path.join(args.shared, 'data', 'translit')
    for f in ('indian_first_names.tsv', 'cricket_players_dev.tsv', 'dakshina_hi_lexicon_train.tsv'):
        rows = [l.split('\t') for l in read_lines(os.path.join(translit, f))[1:]]
        names += [c for row in sample(rng, rows, n // 2) for c in row[:2] if c]
    for row in read_lines(os.path.join(args.shared, 'data', 'analysis', 'lucene_hindi_cases.tsv'))[1:]:
        cases += row.split('\t')[1:3]
    for f in ('headline.topics.tsv', 'xquad.topics.tsv'):
        rows = [l.split('\t', 1) for l in read_lines(os.path.join(args.shared, 'data', 'eval', 'dev', f))]
        topics += [r[1] for r in sample(rng, rows, n // 2) if len(r) == 2]
    queries = QUERIES + topics + sample(rng, names, n // 2) + [t for t in texts if len(t) < 200][: n // 2]

    words = names + sample(rng, cases, n)
    seeds = {
        'normalize_fuzz': [clip(t, 2000) for t in texts] + [w.encode() for w in words],
        'split_words_fuzz': [clip(t, 2000) for t in texts] + [w.encode() for w in sample(rng, words, n // 2)],
        'phonetic_key_fuzz': [w.encode() for w in words] + [clip(t, 300) for t in texts[::3]],
        'query_parser_fuzz': [clip(q, 2000) for q in queries],
        'record_parser_fuzz': [l.encode() for l in repo_lines] + [l.encode() for l in sample(rng, shared_lines, n // 2)]
        + [json.dumps(r, ensure_ascii=False).encode() for r in [
            {'id': 7, 'title': 'x'}, {'id': ' a ', 'text': 'y', 'date': '2024-06-15T10:30:00+05:30'},
            {'id': 'a', 'body': 'b', 'date': '2024-13-01'}, {'id': None}, {'id': 1.5}, [], {'id': 'a\u0001'},
            {'id': 'x', 'title': 'title', 'source': ' s ', 'url': 'http://x', 'category': 'c', 'extra': [1, {}]}]],
        'snippet_fuzz': [bytes([rng.randrange(256)]) + clip(q, 200) + b'\n' + clip(t, 2000)
                         for q, t in zip(sample(rng, queries, n) * 3, texts)],
    }
    for target, items in seeds.items():
        d = os.path.join(args.out, target)
        os.makedirs(d, exist_ok=True)
        for i, data in enumerate(dict.fromkeys(items)):  # dedupe, keep order
            with open(os.path.join(d, 'seed-%04d' % i), 'wb') as f:
                f.write(data)
        print('%s: %d seeds' % (target, len(dict.fromkeys(items))))
    return 0


if __name__ == '__main__':
    sys.exit(main())
