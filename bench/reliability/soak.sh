#!/usr/bin/env bash
# Soak: 64 connections for 60 s of mixed searches with wrk against `talash serve` on the
# 32k corpus. Passes when wrk saw no non-2xx answer and no socket error other than
# connections the server rotated, the server is alive and answers /healthz afterwards,
# and its RSS, sampled every second from /proc, is stable: the last sample is within
# 25% (or 64 MB) of the sample after the first 10 s of load.
#   bench/reliability/soak.sh [--db DIR] [--connections N] [--seconds N] [--threads N]
#   --db DIR         the index (default build/bench/hindi_mixed.db when bench/dev_eval made it,
#                    else build/reliability/soak.db, indexed here from the 32k corpus)
#   --connections N  wrk connections (default 64)
#   --seconds N      (default 60)
#   --threads N      server connection threads (default 64, as talash serve)
# The mix: dev headline topics (long natural queries), 1-2 word queries, names in both
# scripts, phrases, boolean and NEAR queries, filters, wildcards, page 2, newest first, and
# /api/suggest prefixes. TALASH_BIN=path uses that binary (default: scripts/build).
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${TALASH_SHARED:-../shared}
db="" conns=64 seconds=60 threads=64
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --connections) conns=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "soak: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "soak: wrk missing (scripts/install-deps bench)" >&2; exit 1; }
if [ -n "${TALASH_BIN:-}" ]; then
  talash=$TALASH_BIN
else
  scripts/build --target talash >/dev/null
  talash=build/talash
fi
out=build/reliability/soak
mkdir -p "$out"
if [ -z "$db" ]; then
  db=build/bench/hindi_mixed.db
  if [ ! -d "$db" ]; then
    db=build/reliability/soak.db
    if [ ! -d "$db" ]; then
      echo "soak: indexing $shared/data/corpus/hindi_mixed.jsonl into $db" >&2
      "$talash" index --db "$db" "$shared/data/corpus/hindi_mixed.jsonl" 2> "$out/index.log" || [ $? -eq 3 ]
    fi
  fi
fi

python3 - "$shared" "$out/paths" <<'PY'
import os, random, sys, urllib.parse
shared, out = sys.argv[1], sys.argv[2]
rng = random.Random(11)
topics = []
path = os.path.join(shared, "data/eval/dev/headline.topics.tsv")
if os.path.exists(path):
    topics = [l.rstrip("\n").split("\t", 1)[-1] for l in open(path, encoding="utf-8") if l.strip()]
words = ["रूस", "चीन", "भारत", "कोरोना", "चुनाव", "सरकार", "मौसम", "दिल्ली", "क्रिकेट", "बाजार", "पुलिस", "संसद"]
names = ["Kim Jong Un", "किम जोंग उन", "Modi", "मोदी", "Putin", "पुतिन", "Kejriwal", "केजरीवाल", "KCNA", "इसरो"]
queries = list(topics)
queries += [rng.choice(words) for _ in range(200)]
queries += [rng.choice(words) + " " + rng.choice(words) for _ in range(200)]
queries += names * 10
queries += ['"उत्तर कोरिया"', '"प्रधानमंत्री मोदी"', "रूस OR चीन", "भारत -पाकिस्तान", "(रूस OR चीन) AND कोरिया",
            "पुतिन NEAR/5 किम", "SENT(कोरोना वैक्सीन)", "title:चुनाव", "date:2020", "कोरोना date:2020-04",
            "चक्रवात*", "source:" + "अमर", "person:kim-jong-un", "place:दिल्ली"] * 10
paths = []
for qtext in queries:
    q = urllib.parse.quote(qtext)
    r = rng.random()
    if r < 0.1:
        paths.append("/api/search?q=%s&page=2" % q)
    elif r < 0.15:
        paths.append("/api/search?q=%s&sort=newest" % q)
    elif r < 0.25:
        paths.append("/api/suggest?q=%s" % urllib.parse.quote(qtext[:rng.randint(1, 6)]))
    else:
        paths.append("/api/search?q=%s" % q)
rng.shuffle(paths)
open(out, "w").write("\n".join(paths) + "\n")
print("soak: %d request paths" % len(paths), file=sys.stderr)
PY
cat > "$out/paths.lua" <<'LUA'
local paths, i = {}, 0
for line in io.lines(os.getenv("TALASH_PATHS")) do paths[#paths + 1] = line end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

"$talash" serve --db "$db" --port 0 --threads "$threads" > "$out/serve.log" 2>&1 &
server=$!
sampler=""
trap 'kill $server $sampler 2>/dev/null; wait $server 2>/dev/null || true' EXIT
port=""
for _ in $(seq 300); do
  port=$(sed -n 's#.*http://127.0.0.1:\([0-9]*\)/.*#\1#p' "$out/serve.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$out/serve.log"; exit 1; }
curl -sf "http://127.0.0.1:$port/api/search?q=warm" >/dev/null
curl -sf "http://127.0.0.1:$port/api/suggest?q=w" >/dev/null

( while kill -0 "$server" 2>/dev/null; do
    awk '/^VmRSS:/ { print $2 }' "/proc/$server/status" 2>/dev/null
    sleep 1
  done ) > "$out/rss_kb.txt" &
sampler=$!
TALASH_PATHS="$out/paths" wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s --latency -s "$out/paths.lua" \
  "http://127.0.0.1:$port" > "$out/wrk.txt" 2>&1 || true
sleep 1
alive=yes
kill -0 "$server" 2>/dev/null || alive=no
health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)
kill "$sampler" 2>/dev/null || true

python3 - "$out/wrk.txt" "$out/rss_kb.txt" "$alive" "$health" "$conns" "$seconds" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rss = [int(x) for x in open(sys.argv[2]).read().split() if x.isdigit()]
alive, health, conns, seconds = sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)", text, re.M)
    if not m: return float("nan")
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
reqs = re.search(r"(\d+) requests in", text)
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errs = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
non2xx = int(bad.group(1)) if bad else 0
connect, read, write, timeout = map(int, errs.groups()) if errs else (0, 0, 0, 0)
mb = lambda kb: kb / 1024
first = rss[0] if rss else 0
base = rss[min(10, len(rss) - 1)] if rss else 0
last = rss[-1] if rss else 0
peak = max(rss) if rss else 0
stable = bool(rss) and last <= max(base * 1.25, base + 64 * 1024)
print(f"connections={conns} seconds={seconds} requests={reqs.group(1) if reqs else '?'} "
      f"req_per_s={float(rps.group(1)) if rps else 0:.0f} p50_ms={ms('50'):.1f} p99_ms={ms('99'):.1f}")
print(f"non_2xx={non2xx} socket_errors: connect={connect} read={read} write={write} timeout={timeout}")
print(f"rss_mb: first={mb(first):.0f} at_10s={mb(base):.0f} max={mb(peak):.0f} last={mb(last):.0f} samples={len(rss)}")
print(f"server_alive={alive} healthz_after={health}")
ok = non2xx == 0 and connect == 0 and timeout == 0 and write == 0 and read == 0 and alive == "yes" and health == "200" and stable
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
