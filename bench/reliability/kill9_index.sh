#!/usr/bin/env bash
# kill -9 during indexing. A first run indexes the input completely (it gives the run time T
# and the exact document count); then, N times: index from an empty index, SIGKILL the job at
# a random moment in 0.5..T seconds, check that `xapian-check` passes and that the index holds
# at least as many documents as the last "committed=" progress line of the killed run said
# (every committed batch is there), re-run the same command to completion (it resumes:
# committed records are skipped as unchanged) and check the exact document count: the number
# of valid records (distinct ids with some text; also = records - the rejections the job
# reports). Prints a table, one row per run.
#   bench/reliability/kill9_index.sh [--input FILE] [--kills N] [--commit-every N] [--seed N]
#                                    [--chain] [--max-seconds S] [--work DIR]
#   --input FILE      JSONL to index (default ../shared/data/corpus/hindi_mixed.jsonl, 32k records)
#   --kills N         runs killed with SIGKILL (default 10)
#   --commit-every N  documents per commit (default 1000)
#   --chain           instead: no calibration run; each killed run resumes what the previous
#                     killed run left (kill after 0.5..S s, --max-seconds, default 15), and
#                     one run completes at the end
# TALASH_BIN=path uses that binary (default: scripts/build, then build/talash).
# Exit status 0 when every check passed.
set -uo pipefail
cd "$(dirname "$0")/../.."
input=${TALASH_SHARED:-../shared}/data/corpus/hindi_mixed.jsonl
kills=10 commit_every=1000 max_seconds=15 seed=$RANDOM work=build/reliability/kill9 chain=0
while [ $# -gt 0 ]; do
  case "$1" in
    --input) input=$2; shift 2 ;;
    --kills) kills=$2; shift 2 ;;
    --commit-every) commit_every=$2; shift 2 ;;
    --max-seconds) max_seconds=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --chain) chain=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "kill9_index: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -f "$input" ] || { echo "kill9_index: no input at $input" >&2; exit 1; }
command -v xapian-check >/dev/null || { echo "kill9_index: xapian-check missing (xapian-tools)" >&2; exit 1; }
if [ -n "${TALASH_BIN:-}" ]; then
  talash=$TALASH_BIN
else
  scripts/build --target talash >/dev/null || exit 1
  talash=build/talash
fi
RANDOM=$seed
db=$work/db
mkdir -p "$work"
rm -rf "$db"

doc_count() { xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'; }

# Distinct ids among the records that parse as JSON objects with an id and some text: the
# final count must equal both this and (records - the rejections the final run reports).
read -r lines distinct_ids <<<"$(python3 - "$input" <<'PY'
import json, sys
lines, ids = 0, set()
for raw in open(sys.argv[1], encoding="utf-8", errors="surrogateescape"):
    if not raw.strip():
        continue
    lines += 1
    try:
        rec = json.loads(raw)
    except ValueError:
        continue
    if not isinstance(rec, dict) or not isinstance(rec.get("id"), (str, int)) or not str(rec["id"]).strip():
        continue
    text = lambda k: rec.get(k) if isinstance(rec.get(k), str) else ""
    if (text("title") + (text("body") or text("text"))).strip():  # "empty text" is a rejection
        ids.add(str(rec["id"]).strip())
print(lines, len(ids))
PY
)"
echo "kill9_index: $input: $lines records, $distinct_ids distinct ids; seed $seed; commit every $commit_every" >&2

failed=0
printf '%-4s %-9s %7s %10s %10s %10s %-12s %s\n' run killed_at exit committed docs_after docs_before xapian_check result
before=0
run=0
complete_run() {  # runs to completion; checks the exact count
  local log=$work/run$run.log
  local t0; t0=$(date +%s%N)
  "$talash" index --db "$db" --commit-every "$commit_every" "$input" 2> "$log"
  local rc=$?
  last_seconds=$(( ($(date +%s%N) - t0) / 100000000 ))  # tenths
  local docs; docs=$(doc_count "$db")
  local rejected; rejected=$(sed -n 's/.*rejected=\([0-9]*\) documents=.*/\1/p' "$log" | tail -1)
  local expected=$((lines - ${rejected:-0}))
  local check=ok
  xapian-check "$db" > "$work/check$run.txt" 2>&1 || check=FAILED
  local result="ok (expected $expected = $lines - $rejected rejected)"
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then result="FAILED: exit $rc"; failed=1
  elif [ "$check" != ok ]; then result="FAILED: xapian-check"; failed=1
  elif [ "${docs:-0}" -ne "$expected" ]; then result="FAILED: $docs documents, expected $expected"; failed=1
  elif [ "$expected" -ne "$distinct_ids" ]; then result="FAILED: $expected valid records but $distinct_ids distinct ids"; failed=1
  fi
  printf '%-4s %-9s %7s %10s %10s %10s %-12s %s\n' "$run" "$(printf 'done %d.%ds' $((last_seconds / 10)) $((last_seconds % 10)))" "$rc" \
    "$(sed -n 's/^committed=\([0-9]*\).*/\1/p' "$log" | tail -1)" "$docs" "$before" "$check" "$result"
  before=${docs:-0}
}

full_tenths=$((max_seconds * 10))
if [ "$chain" -eq 0 ]; then  # calibration: a complete run gives T
  complete_run
  full_tenths=$last_seconds
  rm -rf "$db"
  before=0
fi
for ((k = 1; k <= kills; k++)); do
  run=$((run + 1))
  if [ "$chain" -eq 0 ]; then rm -rf "$db"; before=0; fi
  log=$work/run$run.log
  # 0.5 s .. T (the calibration run's time; --chain: max_seconds), in tenths
  span=$((full_tenths - 4))
  delay_tenths=$((5 + (RANDOM * 32768 + RANDOM) % (span > 1 ? span : 1)))
  delay=$(printf '%d.%d' $((delay_tenths / 10)) $((delay_tenths % 10)))
  "$talash" index --db "$db" --commit-every "$commit_every" "$input" 2> "$log" &
  pid=$!
  sleep "$delay"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
    wait "$pid" 2>/dev/null
    rc=$?
    killed=${delay}s
  else
    wait "$pid"
    rc=$?
    killed="done"
  fi
  committed=$(sed -n 's/^committed=\([0-9]*\).*/\1/p' "$log" | tail -1)
  committed=${committed:-0}
  check=ok
  if [ -e "$db" ]; then
    xapian-check "$db" > "$work/check$run.txt" 2>&1 || check=FAILED
    docs=$(doc_count "$db")
  else
    docs=0  # killed before the index was created
  fi
  docs=${docs:-0}
  result=ok
  if [ "$check" != ok ]; then result="FAILED: xapian-check ($work/check$run.txt)"; failed=1
  elif [ "$docs" -lt "$committed" ]; then result="FAILED: $docs documents < $committed committed"; failed=1
  elif [ "$docs" -lt "$before" ]; then result="FAILED: documents went down from $before"; failed=1
  fi
  printf '%-4s %-9s %7s %10s %10s %10s %-12s %s\n' "$run" "$killed" "$rc" "$committed" "$docs" "$before" "$check" "$result"
  before=$docs
  if [ "$chain" -eq 0 ]; then
    run=$((run + 1))
    complete_run
  fi
done
if [ "$chain" -eq 1 ]; then
  run=$((run + 1))
  complete_run
fi
[ "$failed" -eq 0 ] && echo PASS || echo FAIL
exit "$failed"
