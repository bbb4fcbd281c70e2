# shellcheck shell=bash disable=SC2034  # sets variables for the scripts that source it
# Sourced by bench/index_scale and bench/search_classes (not run on its own): builds, the
# synthetic corpus and its TSV for the peers, all under build/bench/scale/.
#
# Environment:
#   TALASH_BIN        use this talash binary, build nothing for Talash
#   TALASH_BUILD_DIR  the CMake build folder to build talash in (default build, as scripts/build)
#   BENCH_PEERS_DIR   the CMake build folder of bench/ (plain_xapian; default $TALASH_BUILD_DIR/bench-peers)
#   TALASH_SHARED     the shared data folder (default ../shared)

scale_out=build/bench/scale
scale_logs=$scale_out/logs
mkdir -p "$scale_out" "$scale_logs"
shared=${TALASH_SHARED:-../shared}
build_dir=${TALASH_BUILD_DIR:-build}

step() { echo "$(basename "$0"): $*" >&2; }
die() { echo "$(basename "$0"): $*" >&2; exit 1; }
kv() { tr ' ' '\n' <<< "$1" | sed -n "s/^$2=//p" | head -n 1; }
summary() { grep -E "^$2" "$1" | tail -n 1; }

# 161000 -> 161k, 1000000 -> 1M, 2500 -> 2500
scale_label() {
  local n=$1
  if [ "$n" -ge 1000000 ] && [ $((n % 1000000)) -eq 0 ]; then echo "$((n / 1000000))M"
  elif [ "$n" -ge 1000 ] && [ $((n % 1000)) -eq 0 ]; then echo "$((n / 1000))k"
  else echo "$n"; fi
}

# Sets $talash (the binary). Builds it unless TALASH_BIN is given.
build_talash() {
  if [ -n "${TALASH_BIN:-}" ]; then
    talash=$TALASH_BIN
  else
    step "building talash in $build_dir"
    { cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release &&
      nice -n 5 cmake --build "$build_dir" -j"$(nproc 2>/dev/null || echo 2)" --target talash; } \
      > "$scale_logs/build-talash.log" 2>&1 || { tail -n 40 "$scale_logs/build-talash.log" >&2; exit 1; }
    talash=$build_dir/talash
  fi
  [ -x "$talash" ] || die "no talash binary at $talash"
}

# Sets $plain_xapian and the lucene function (needs liblucene8-java and a JDK:
# scripts/install-deps bench).
build_peers() {
  local peers=${BENCH_PEERS_DIR:-$build_dir/bench-peers}
  step "building the peers ($peers, javac)"
  { cmake -S bench -B "$peers" -DCMAKE_BUILD_TYPE=Release -DTALASH_BUILD_DIR="$PWD/$build_dir" &&
    nice -n 5 cmake --build "$peers" --target plain_xapian; } > "$scale_logs/build-peers.log" 2>&1 ||
    { tail -n 40 "$scale_logs/build-peers.log" >&2; exit 1; }
  plain_xapian=$peers/plain_xapian
  command -v javac >/dev/null || die "javac missing (scripts/install-deps bench)"
  lucene_jars=$(dpkg -L liblucene8-java 2>/dev/null |
    grep -E '^/usr/share/java/lucene-(core|analyzers-common|queryparser)-[0-9.]+\.jar$' | sort | tr '\n' ':')
  [ -n "$lucene_jars" ] || die "liblucene8-java jars not found (scripts/install-deps bench)"
  lucene_classes=$scale_out/classes
  java_stamp=$(cat bench/peers/LuceneBench.java <(echo "$lucene_jars") | sha256sum | cut -c1-16)
  if [ "$(cat "$lucene_classes/.stamp" 2>/dev/null)" != "$java_stamp" ]; then
    rm -rf "$lucene_classes" && mkdir -p "$lucene_classes"
    javac -encoding UTF-8 -d "$lucene_classes" -cp "$lucene_jars" bench/peers/LuceneBench.java
    echo "$java_stamp" > "$lucene_classes/.stamp"
  fi
  xapian_stamp="$(sha256sum bench/peers/plain_xapian.cpp | cut -c1-16) $(pkg-config --modversion xapian-core)"
}
# lucene ARGS... runs the Lucene peer (a command, so that bench/measure.py can run it too)
lucene() { java -cp "$lucene_jars$lucene_classes" LuceneBench "$@"; }

# ensure_corpus DOCS SEED: sets $label, $corpus, $corpus_stamp, $corpus_bytes; generates the
# corpus with corpus/make_corpus.py unless the one on disk was made by the same generator,
# source, size and seed.
ensure_corpus() {
  local docs=$1 seed=$2 source="$shared/data/corpus/hindi_mixed.jsonl"
  [ -f "$source" ] || die "$source not found (set TALASH_SHARED)"
  label=$(scale_label "$docs")
  [ "$seed" = 1 ] || label="$label-s$seed"
  corpus=$scale_out/corpus-$label.jsonl
  corpus_stamp="$docs $seed $(sha256sum corpus/make_corpus.py | cut -c1-16) $(stat -c '%s %Y' "$source")"
  if [ ! -f "$corpus" ] || [ "$(cat "$corpus.stamp" 2>/dev/null)" != "$corpus_stamp" ]; then
    step "generating $corpus (corpus/make_corpus.py --docs $docs --seed $seed)"
    rm -f "$corpus.stamp"
    python3 corpus/make_corpus.py --docs "$docs" --seed "$seed" --source "$source" --out "$corpus" \
      2> "$scale_logs/make_corpus-$label.log" || { cat "$scale_logs/make_corpus-$label.log" >&2; exit 1; }
    echo "$corpus_stamp" > "$corpus.stamp"
  fi
  corpus_bytes=$(stat -c %s "$corpus")
}

# ensure_tsv: sets $tsv (id<TAB>title<TAB>body for the peers; not part of their timed work).
ensure_tsv() {
  tsv=$scale_out/corpus-$label.tsv
  local stamp
  stamp="$corpus_stamp $(sha256sum bench/jsonl_to_tsv.py | cut -c1-16)"
  if [ ! -f "$tsv" ] || [ "$(cat "$tsv.stamp" 2>/dev/null)" != "$stamp" ]; then
    step "converting the corpus to TSV for the peers"
    python3 bench/jsonl_to_tsv.py "$corpus" "$tsv" 2> "$scale_logs/jsonl_to_tsv-$label.log"
    echo "$stamp" > "$tsv.stamp"
  fi
  tsv_stamp=$(cat "$tsv.stamp")
}
