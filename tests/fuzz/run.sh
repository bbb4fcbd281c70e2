#!/usr/bin/env bash
# Runs every fuzz target (or those named in TARGETS) one after another and prints a
# table: executions, seconds, the live corpus libFuzzer ends with (inputs/bytes), the
# files and KB in the corpus folder (everything kept since the first run), coverage
# (edges), result.
#   tests/fuzz/run.sh BUILD_DIR [libFuzzer flags...]
#   tests/fuzz/run.sh build-fuzz -runs=1000000           # the long run
#   tests/fuzz/run.sh build-fuzz -max_total_time=20      # the CI smoke run
# Each target fuzzes BUILD_DIR/fuzz/corpus/<target> (kept between runs, grows) and
# reads BUILD_DIR/fuzz/seeds/<target> (tests/fuzz/make_seeds.py writes it when
# missing). Crashes go to BUILD_DIR/fuzz/crashes/<target>/, logs to
# BUILD_DIR/fuzz/logs/. Exit status 1 when any target failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: run.sh BUILD_DIR [libFuzzer flags...]}"
shift
work="$build/fuzz"
targets=${TARGETS:-"normalize_fuzz split_words_fuzz phonetic_key_fuzz query_parser_fuzz record_parser_fuzz snippet_fuzz"}
[ -d "$work/seeds" ] || python3 "$here/make_seeds.py" "$work/seeds" >/dev/null
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

failed=0
printf '%-20s %10s %8s %12s %9s %10s %8s  %s\n' target execs seconds live_corpus dir_files dir_kb cov result
for t in $targets; do
  bin="$build/tests/fuzz/$t"
  if [ ! -x "$bin" ]; then
    printf '%-20s %s\n' "$t" "missing: build it with --target fuzzers"
    failed=1
    continue
  fi
  flags=()
  case "$t" in
    query_parser_fuzz | snippet_fuzz) flags+=(-dict="$here/query.dict") ;;
    record_parser_fuzz) flags+=(-dict="$here/json.dict" -max_len=16384) ;;
  esac
  mkdir -p "$work/corpus/$t" "$work/crashes/$t" "$work/logs"
  log="$work/logs/$t.log"
  start=$SECONDS
  "$bin" "${flags[@]}" -artifact_prefix="$work/crashes/$t/" -print_final_stats=1 "$@" \
    "$work/corpus/$t" "$work/seeds/$t" >"$log" 2>&1
  rc=$?
  secs=$((SECONDS - start))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  corp=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.*corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p')
  entries=$(find "$work/corpus/$t" -type f | wc -l)
  kb=$(du -sk "$work/corpus/$t" | cut -f1)
  if [ $rc -eq 0 ]; then result=ok; else result="FAILED (rc $rc, $log)"; failed=1; fi
  printf '%-20s %10s %8s %12s %9s %10s %8s  %s\n' "$t" "${execs:-?}" "$secs" "${corp:-?}" "$entries" "$kb" "${cov:-?}" "$result"
  [ $rc -eq 0 ] || grep -m3 -E 'FUZZ_CHECK|ERROR: |runtime error' "$log" | sed 's/^/    /'
done
exit $failed
