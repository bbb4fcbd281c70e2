#!/usr/bin/env python3
"""Hostile HTTP against `talash serve`: N requests (default 10,000) that a careless or
malicious client could send, over raw sockets (python3 standard library only).

  bench/reliability/hostile_http.py --db DIR [--bin build/talash]   # starts the server
  bench/reliability/hostile_http.py --url http://127.0.0.1:8080     # a running server

Categories: random bytes, invalid UTF-8 in the path and the query, huge queries (100 KB),
deeply nested parentheses, 10,000-term ORs, wildcard explosions, path traversal (plain and
encoded), oversized bodies, slow clients (slowloris: headers trickled, more of them than the
server has threads, while ordinary requests must still be answered), bad methods, bad
percent-encoding, huge headers, bad parameters, and ordinary searches as a control.

Pass: no 5xx; every request answered within the time bound with a 4xx or a 200 whose body
is bounded (and, for a request that was never complete, such as random bytes or a stalled
slow client, the server may instead close the connection); no file outside web/ is served;
the server is alive and answers /healthz afterwards. Prints a table per category: count,
answers by status class, closed without answer, failures, max latency. Exit 1 on failure.
"""
import argparse
import collections
import concurrent.futures
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

HINDI_WORDS = ['रूस', 'चीन', 'भारत', 'कोरिया', 'किम', 'जोंग', 'उन', 'मोदी', 'चुनाव', 'सरकार', 'कोरोना',
               'मौसम', 'चक्रवात', 'ओडिशा', 'दिल्ली', 'पुतिन', 'सेना', 'बाजार', 'क्रिकेट', 'संसद']
LATIN_WORDS = ['kim', 'jong', 'un', 'modi', 'russia', 'china', 'isro', 'covid', 'cricket', 'delhi']
MAX_OK_BODY = 2 << 20  # a 200 larger than this is not "bounded"


class Outcome:
    __slots__ = ('status', 'latency', 'closed', 'error', 'body')

    def __init__(self, status=None, latency=0.0, closed=False, error=None, body=b''):
        self.status, self.latency, self.closed, self.error, self.body = status, latency, closed, error, body


def q(s):
    return urllib.parse.quote(s, safe='')


def request_bytes(method, target, headers=None, body=b'', version='HTTP/1.1', host='127.0.0.1'):
    if isinstance(target, str):
        target = target.encode('utf-8', 'surrogateescape')
    lines = [method.encode('latin-1', 'replace') + b' ' + target + b' ' + version.encode()]
    hdrs = {'Host': host, 'Connection': 'close'}
    if body:
        hdrs['Content-Length'] = str(len(body))
    hdrs.update(headers or {})
    for k, v in hdrs.items():
        if v is None:
            continue
        k = k if isinstance(k, bytes) else k.encode('latin-1')
        v = v if isinstance(v, bytes) else v.encode('latin-1')
        lines.append(k + b': ' + v)
    return b'\r\n'.join(lines) + b'\r\n\r\n' + body


def exchange(addr, payload, timeout, shutdown_write=False, chunks=None, chunk_delay=0.0):
    """Sends payload (or chunks with a delay between them), reads until the server closes
    or a full response (by Content-Length) arrived. Returns an Outcome."""
    start = time.monotonic()
    try:
        s = socket.create_connection(addr, timeout=timeout)
    except OSError as e:
        return Outcome(error='connect: %s' % e, latency=time.monotonic() - start)
    s.settimeout(timeout)
    data = b''
    try:
        try:
            if chunks is not None:
                for c in chunks:
                    s.sendall(c)
                    time.sleep(chunk_delay)
            else:
                s.sendall(payload)
            if shutdown_write:
                s.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError, OSError) as e:
            if isinstance(e, socket.timeout):
                return Outcome(error='send timed out', latency=time.monotonic() - start)
            pass  # the server stopped reading: it may still have answered
        while True:
            try:
                part = s.recv(65536)
            except socket.timeout:
                return Outcome(error='no answer within %.0f s' % timeout, latency=time.monotonic() - start, body=data)
            except ConnectionResetError:
                break
            if not part:
                break
            data += part
            if len(data) > 64 << 20:
                break
            head, sep, rest = data.partition(b'\r\n\r\n')
            if sep:
                m = re.search(rb'\r\ncontent-length:\s*(\d+)', head, re.I)
                if m and len(rest) >= int(m.group(1)):
                    break
    finally:
        s.close()
    latency = time.monotonic() - start
    m = re.match(rb'HTTP/1\.[01] (\d{3})', data)
    if not m:
        return Outcome(closed=True, latency=latency, body=data)
    return Outcome(status=int(m.group(1)), latency=latency, body=data.partition(b'\r\n\r\n')[2])


# ---------------------------------------------------------------- the requests
# Each generator returns (payload, options); options may say that a close without an
# answer is fine (the request was never complete) or that it is a slow client.

def g_random_bytes(rng):
    n = rng.choice([1, 16, 200, 4096, 70000])
    data = bytes(rng.randrange(256) for _ in range(min(n, 4096)))
    if n > 4096:
        data = data * (n // 4096)
    if rng.random() < 0.5:
        data += b'\r\n\r\n'
    return data, {'may_close': True, 'shutdown_write': True}


def bad_utf8(rng):
    return rng.choice([b'\xff', b'\xc0\xaf', b'\xed\xa0\x80', b'\xe0\xa4', b'\xf4\x90\x80\x80', b'\x80',
                       b'\xe0\xa4\x95\xff', b'\xfe\xfe', 'रूस'.encode()[:4]])


def g_invalid_utf8_path(rng):
    raw = bad_utf8(rng)
    enc = ''.join('%%%02X' % b for b in raw)
    target = rng.choice([b'/api/doc/' + raw, b'/' + raw, b'/api/search' + raw, ('/api/doc/' + enc).encode(),
                         ('/' + enc + '.html').encode(), ('/api/similar/' + enc).encode(), ('/api/entity/' + enc).encode()])
    return request_bytes('GET', target), {}


def g_invalid_utf8_query(rng):
    raw = bad_utf8(rng)
    enc = ''.join('%%%02X' % b for b in raw)
    name = rng.choice(['q', 'q', 'source', 'person', 'from', 'sort', enc])
    target = rng.choice(['/api/search?%s=%s' % (name, enc), '/api/suggest?q=%s' % enc,
                         '/api/search?q=' + q('रूस') + enc + q(' चीन')])
    if rng.random() < 0.3:  # raw bytes, not percent-encoded
        return request_bytes('GET', b'/api/search?q=' + raw), {}
    return request_bytes('GET', target), {}


def hindi_text(rng, nbytes):
    words, size = [], 0
    while size < nbytes:
        w = rng.choice(HINDI_WORDS + LATIN_WORDS)
        words.append(w)
        size += len(w.encode()) + 1
    return ' '.join(words)


def g_huge_query(rng):
    text = hindi_text(rng, rng.choice([2001, 10000, 100 * 1024]))
    ep = rng.choice(['/api/search?q=', '/api/suggest?q=', '/api/search?per_page=10&q='])
    return request_bytes('GET', ep + q(text)), {}


def g_deep_nesting(rng):
    n = rng.choice([5, 31, 32, 33, 100, 999, 5000, 50000])
    inner = rng.choice(['रूस', 'a', 'रूस OR चीन', 'NOT x', '"किम जोंग"', ''])
    text = '(' * n + inner + ')' * rng.choice([n, 0, n // 2])
    if rng.random() < 0.3:
        text = 'SENT(' * n + inner
    return request_bytes('GET', '/api/search?q=' + q(text)), {}


def g_many_or(rng):
    n = rng.choice([10000, 10000, 250, 400])
    words = [rng.choice(HINDI_WORDS + LATIN_WORDS) + (str(i) if rng.random() < 0.5 else '') for i in range(n)]
    op = rng.choice([' OR ', ' ', ' AND ', ' या ', ' NEAR/3 '])
    return request_bytes('GET', '/api/search?q=' + q(op.join(words))), {}


def g_wildcard(rng):
    stems = ['a', 'b', 'k', 's', 'क', 'स', 'म', 'ज', '1', 'x', 'titl']
    n = rng.choice([1, 1, 5, 20, 100])
    text = ' '.join(rng.choice(['', 'title:']) + rng.choice(stems) + '*' for _ in range(n))
    if rng.random() < 0.3:
        text = ' OR '.join(rng.choice(stems) + '*' for _ in range(n)) + ' -' + rng.choice(stems) + '*'
    params = '&per_page=' + rng.choice(['10', '50', '100']) if rng.random() < 0.5 else ''
    return request_bytes('GET', '/api/search?q=' + q(text) + params), {}


def g_path_traversal(rng):
    target = rng.choice([
        '/../../etc/passwd', '/../../../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd',
        '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/%252e%252e/%252e%252e/etc/passwd', '/..\\..\\etc\\passwd',
        '/..%5c..%5cetc%5cpasswd', '//etc/passwd', '/./././../etc/passwd', '/index.html/../../etc/passwd',
        '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', '/static/../../../etc/passwd', '/api/doc/../../etc/passwd',
        '/api/doc/..%2F..%2Fetc%2Fpasswd', '/web/../CMakeLists.txt', '/../CMakeLists.txt', '/%2e%2e/README.md',
        '/index.html%00.txt', '/etc/passwd%00', '/....//....//etc/passwd', '/%2e/%2e%2e/%2e%2e/etc/shadow',
        '/../../proc/self/environ', '/.git/config', '/../.git/HEAD', '/api/../../etc/passwd',
        'http://127.0.0.1/../../etc/passwd', '*', '../etc/passwd', 'etc/passwd'])
    return request_bytes('GET', target), {'no_leak': True}


def g_oversized_body(rng):
    kind = rng.choice(['big', 'big', 'claimed', 'chunked', 'write'])
    if kind == 'big':
        body = b'x' * rng.choice([(1 << 20) + 1, 4 << 20])
        return request_bytes(rng.choice(['POST', 'PUT', 'GET']), '/api/search?q=x', body=body), {}
    if kind == 'claimed':  # says 10 GB, sends a little, closes its side
        return request_bytes('POST', '/api/search', headers={'Content-Length': '10000000000'}) + b'abc', \
            {'may_close': True, 'shutdown_write': True}
    if kind == 'chunked':
        chunk = b'1000\r\n' + b'y' * 0x1000 + b'\r\n'
        return request_bytes('POST', '/api/documents', headers={'Transfer-Encoding': 'chunked'}) + chunk * 600 + \
            b'0\r\n\r\n', {}
    body = ('{"id":"x","title":"%s"}\n' % ('क' * 1000)).encode() * 3000
    return request_bytes('POST', '/api/documents', headers={'Authorization': 'Bearer wrong-token-0123456789'},
                         body=body), {}


def g_bad_method(rng):
    method = rng.choice(['FOO', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'CONNECT', 'OPTIONS', 'get', 'G\x00T', 'PROPFIND',
                         'GET GET', 'X' * 5000, '', 'POST', 'DELETE'])
    target = rng.choice(['/api/search?q=x', '/', '/healthz', '/api/documents/x', '/api/doc/x', '/index.html'])
    return request_bytes(method, target), {'may_close': method in ('', 'GET GET')}


def g_bad_percent(rng):
    bad = rng.choice(['%', '%G1', '%zz', '%%', '%4', 'x%', '%u0915', '%0', '%%%', '%-1', '%+1', '%2', '%e0%a4%'])
    target = rng.choice(['/api/search?q=' + bad, '/api/search?' + bad + '=x', '/' + bad, '/api/doc/' + bad,
                         '/api/suggest?q=' + bad + 'x&' + bad])
    return request_bytes('GET', target), {}


def g_huge_headers(rng):
    kind = rng.choice(['one_big', 'many', 'long_line', 'no_colon', 'bad_bytes', 'no_host', 'http09', 'http2',
                       'fold', 'bad_version', 'huge_cl'])
    if kind == 'one_big':
        return request_bytes('GET', '/healthz', headers={'X-Big': 'a' * rng.choice([9000, 100000])}), {}
    if kind == 'many':
        h = {'X-H%d' % i: 'v' for i in range(rng.choice([200, 2000]))}
        return request_bytes('GET', '/healthz', headers=h), {}
    if kind == 'long_line':
        return request_bytes('GET', '/api/search?q=' + 'a' * rng.choice([9000, 100000])), {}
    if kind == 'no_colon':
        return b'GET /healthz HTTP/1.1\r\nHost: x\r\nthis line has no colon\r\nConnection: close\r\n\r\n', {}
    if kind == 'bad_bytes':
        return b'GET /healthz HTTP/1.1\r\nHost: \xff\xfe\x00\x01\r\nX: \x7f\x80\r\nConnection: close\r\n\r\n', {}
    if kind == 'no_host':
        return b'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n', {}
    if kind == 'http09':
        return b'GET /healthz\r\n\r\n', {'may_close': True, 'shutdown_write': True}
    if kind == 'http2':
        return b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', {'may_close': True, 'shutdown_write': True}
    if kind == 'fold':
        return b'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  folded\r\nConnection: close\r\n\r\n', {}
    if kind == 'bad_version':
        return request_bytes('GET', '/healthz', version=rng.choice(['HTTP/9.9', 'HTTP/1', 'FOO/1.1', 'HTTP/1.1 x'])), \
            {'may_close': True}
    return request_bytes('GET', '/healthz', headers={'Content-Length': rng.choice(['-1', 'abc', '1e9', '99999999999999999999999'])}), \
        {'may_close': True, 'shutdown_write': True}


def g_bad_params(rng):
    p = rng.choice(['page=99999999999999999999', 'page=-1', 'page=1000000', 'per_page=100000', 'per_page=0',
                    'sort=sideways', 'from=2024-13-45', 'to=yesterday', 'story=zz', 'exact=maybe', 'boost=up',
                    'person=' + q('कोई नहीं'), 'place=' + 'x' * 3000, 'collapse=2', 'q=' + q('date:2024-02-30'),
                    'q=' + q('foo:bar'), 'q=' + q('NEAR/999'), 'q=&q=&q=', 'limit=0', 'limit=100000'])
    ep = rng.choice(['/api/search?', '/api/suggest?q=x&', '/api/similar/talash-0001?', '/api/search?q=x&'])
    return request_bytes('GET', ep + p), {}


def g_normal(rng):
    words = ' '.join(rng.choice(HINDI_WORDS + LATIN_WORDS) for _ in range(rng.randint(1, 4)))
    target = rng.choice(['/api/search?q=' + q(words), '/api/suggest?q=' + q(words[:3]), '/healthz', '/api/stats',
                         '/api/search?q=' + q('"' + words + '"') + '&sort=newest', '/'])
    return request_bytes('GET', target), {}


CATEGORIES = [  # name, generator, share of the requests
    ('random_bytes', g_random_bytes, 10), ('invalid_utf8_path', g_invalid_utf8_path, 8),
    ('invalid_utf8_query', g_invalid_utf8_query, 8), ('huge_query', g_huge_query, 6),
    ('deep_nesting', g_deep_nesting, 8), ('many_or', g_many_or, 6), ('wildcard', g_wildcard, 8),
    ('path_traversal', g_path_traversal, 8), ('oversized_body', g_oversized_body, 4),
    ('bad_method', g_bad_method, 8), ('bad_percent', g_bad_percent, 8), ('huge_headers', g_huge_headers, 6),
    ('bad_params', g_bad_params, 6), ('normal', g_normal, 6),
]


def judge(out, opts, bound):
    """None when the outcome passes, else the reason."""
    if out.error:
        return out.error
    if out.latency > bound:
        return 'took %.1f s (bound %.0f s)' % (out.latency, bound)
    if out.closed:
        return None if opts.get('may_close') else 'closed without an answer'
    if out.status >= 500:
        return 'status %d' % out.status
    if opts.get('no_leak') and (b'root:' in out.body or b'[core]' in out.body or b'cmake_minimum_required' in out.body
                                or b'ref: refs/' in out.body):
        return 'served a file outside web/'
    if 200 <= out.status < 300 and len(out.body) > MAX_OK_BODY:
        return '200 with %d bytes' % len(out.body)
    if 300 <= out.status < 400 or out.status < 200:
        return 'status %d' % out.status
    return None


def slowloris(addr, clients, trickle_s, bound, healthz_checks):
    """`clients` slow clients trickle header bytes; meanwhile ordinary /healthz requests must
    still be answered within the bound. Returns (slow outcomes, healthz outcomes)."""
    payload = request_bytes('GET', '/api/search?q=' + q('रूस'), headers={'X-Slow': 'a' * 40})
    results, lock = [], threading.Lock()

    def slow():
        start = time.monotonic()
        s = socket.create_connection(addr, timeout=bound)
        s.settimeout(1)
        status, closed = None, False
        try:
            for i in range(len(payload)):
                if time.monotonic() - start > trickle_s:
                    break
                try:
                    s.sendall(payload[i:i + 1])
                except OSError:
                    closed = True
                    break
                try:
                    part = s.recv(4096)
                    if not part:
                        closed = True
                        break
                    m = re.match(rb'HTTP/1\.[01] (\d{3})', part)
                    status = int(m.group(1)) if m else None
                    break
                except socket.timeout:
                    pass  # nothing yet: keep trickling
                except OSError:
                    closed = True
                    break
        finally:
            s.close()
        o = Outcome(status=status, closed=status is None, latency=time.monotonic() - start)
        with lock:
            results.append(o)

    threads = [threading.Thread(target=slow) for _ in range(clients)]
    for t in threads:
        t.start()
    time.sleep(2)  # let them occupy the server
    checks = []
    for _ in range(healthz_checks):
        checks.append(exchange(addr, request_bytes('GET', '/healthz'), bound))
        time.sleep(trickle_s / max(healthz_checks, 1))
    for t in threads:
        t.join()
    return results, checks


def start_server(args):
    log = open(args.server_log, 'w')
    cmd = [args.bin, 'serve', '--db', args.db, '--port', '0', '--threads', str(args.threads)]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(600):
        time.sleep(0.1)
        if proc.poll() is not None:
            sys.exit('hostile_http: the server exited at start (%s)' % args.server_log)
        m = re.search(r'http://127\.0\.0\.1:(\d+)/', open(args.server_log).read())
        if m:
            return proc, ('127.0.0.1', int(m.group(1)))
    proc.kill()
    sys.exit('hostile_http: the server did not start (%s)' % args.server_log)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument('--url', help='a running server, e.g. http://127.0.0.1:8080')
    ap.add_argument('--db', help='start `talash serve --db DB` on a free port')
    ap.add_argument('--bin', default='build/talash')
    ap.add_argument('--threads', type=int, default=64, help='server connection threads (with --db; 64 as talash serve)')
    ap.add_argument('--requests', type=int, default=10000)
    ap.add_argument('--concurrency', type=int, default=8)
    ap.add_argument('--bound', type=float, default=15.0, help='seconds within which every answer must come')
    ap.add_argument('--slow-clients', type=int, default=0, help='slowloris clients (default: 2 x server threads)')
    ap.add_argument('--trickle', type=float, default=20.0, help='seconds each slow client trickles')
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--server-log', default='/tmp/talash_hostile_serve.log')
    args = ap.parse_args()
    if not args.url and not args.db:
        ap.error('give --url or --db')

    proc = None
    if args.db:
        proc, addr = start_server(args)
    else:
        u = urllib.parse.urlparse(args.url)
        addr = (u.hostname, u.port or 80)
    rng = random.Random(args.seed)
    stats = collections.defaultdict(lambda: collections.Counter())
    max_latency = collections.defaultdict(float)
    failures = collections.defaultdict(list)

    def record(cat, out, why):
        st = stats[cat]
        st['count'] += 1
        if out.status:
            st['%dxx' % (out.status // 100)] += 1
        elif out.closed:
            st['closed'] += 1
        if why:
            st['fail'] += 1
            failures[cat].append(why)
        max_latency[cat] = max(max_latency[cat], out.latency)

    # The slow clients first, with ordinary requests checked meanwhile.
    slow_n = args.slow_clients or 2 * args.threads
    slow, checks = slowloris(addr, slow_n, args.trickle, args.bound + args.trickle, 5)
    for o in slow:  # a slow client is answered (408/400) or closed: both are fine
        record('slowloris', o, None if (o.closed or (o.status and o.status < 500)) else 'status %s' % o.status)
    for o in checks:
        record('slowloris_bystander', o, judge(o, {}, args.bound))

    # The rest, shuffled across categories, a few connections at a time.
    total_share = sum(c[2] for c in CATEGORIES)
    jobs = []
    for name, gen, share in CATEGORIES:
        jobs += [(name, gen)] * max(1, round((args.requests - slow_n - len(checks)) * share / total_share))
    rng.shuffle(jobs)
    work = []
    for name, gen in jobs:
        payload, opts = gen(rng)
        work.append((name, payload, opts))

    def run(item):
        name, payload, opts = item
        out = exchange(addr, payload, args.bound, shutdown_write=opts.get('shutdown_write', False))
        return name, out, judge(out, opts, args.bound)

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(args.concurrency) as ex:
        for name, out, why in ex.map(run, work):
            record(name, out, why)
    elapsed = time.monotonic() - start

    alive = proc is None or proc.poll() is None
    health = exchange(addr, request_bytes('GET', '/healthz'), args.bound)
    healthy = health.status == 200
    total = sum(st['count'] for st in stats.values())

    cols = ['count', '2xx', '4xx', '5xx', 'closed', 'fail']
    print('%-20s %6s %6s %6s %6s %6s %6s %9s' % ('category', *cols, 'max_ms'))
    for cat in list(dict.fromkeys(['slowloris', 'slowloris_bystander'] + [c[0] for c in CATEGORIES])):
        st = stats[cat]
        print('%-20s %6d %6d %6d %6d %6d %6d %9.0f' % (cat, *(st[c] for c in cols), max_latency[cat] * 1000))
    all_fail = sum(st['fail'] for st in stats.values())
    print('%-20s %6d %6d %6d %6d %6d %6d %9.0f' % ('total', total, *(sum(st[c] for st in stats.values()) for c in cols[1:]),
                                                   max(max_latency.values()) * 1000))
    print('requests=%d seconds=%.1f server_alive=%s healthz_after=%s' % (total, elapsed, alive, health.status))
    for cat, whys in failures.items():
        for why, n in collections.Counter(whys).most_common(5):
            print('  FAIL %s: %s (x%d)' % (cat, why, n))
    if proc:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    ok = all_fail == 0 and alive and healthy
    print('PASS' if ok else 'FAIL')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
