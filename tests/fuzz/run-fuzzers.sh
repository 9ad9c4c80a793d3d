#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz in build-fuzz/ (clang, ASan, UBSan; incremental)
# and runs each for SECONDS (default 20) on a fresh copy of its seed corpus.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS] [TARGET...]
#
# Exit status: 0 no finding; 1 a fuzzer found a crash, leak, timeout, out-of-memory or a
# broken invariant (the inputs are kept under build-fuzz/findings/<target>/, the logs in
# build-fuzz/findings/<target>.log); 77 clang or libFuzzer is not installed (ctest: skipped).
# Environment: ZWGK_FUZZ_BUILD (default build-fuzz in the source tree), ZWGK_FUZZ_JOBS (build
# jobs, default nproc).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD="${ZWGK_FUZZ_BUILD:-$ROOT/build-fuzz}"
SECONDS_PER_TARGET="${1:-20}"
shift || true
TARGETS=("$@")
((${#TARGETS[@]})) || TARGETS=(fuzz_manifest fuzz_root fuzz_content_file fuzz_decode)
[[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2; }

# Inputs longer than any real file of the kind only slow the search down.
declare -A MAX_LEN=([fuzz_manifest]=8192 [fuzz_root]=4096 [fuzz_content_file]=65536 [fuzz_decode]=16384)

if ! command -v clang++ >/dev/null || ! command -v clang >/dev/null; then
  echo "run-fuzzers: clang is not installed (apt-get install clang libclang-rt-14-dev): skipped" >&2
  exit 77
fi
if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' |
     clang++ -x c++ -fsanitize=fuzzer,address,undefined -o /dev/null - 2>/dev/null; then
  echo "run-fuzzers: clang cannot link -fsanitize=fuzzer (apt-get install libclang-rt-14-dev): skipped" >&2
  exit 77
fi

mkdir -p "$BUILD"
exec 9>"$BUILD/.run-fuzzers.lock"
flock 9  # one run at a time per build folder (ctest and a developer's campaign)

start=$(date +%s)
echo "==> building the fuzz targets in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
  -DZWGK_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$BUILD/configure.log" 2>&1 ||
  { cat "$BUILD/configure.log" >&2; exit 1; }
cmake --build "$BUILD" -j"${ZWGK_FUZZ_JOBS:-$(nproc)}" --target "${TARGETS[@]}" >"$BUILD/build.log" 2>&1 ||
  { tail -50 "$BUILD/build.log" >&2; exit 1; }
echo "    built in $(($(date +%s) - start)) s"

symbolizer="$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)"
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
for target in "${TARGETS[@]}"; do
  corpus="$BUILD/corpus/$target"
  findings="$BUILD/findings/$target"
  rm -rf "$corpus"
  mkdir -p "$corpus" "$findings"
  cp "$HERE/corpus/$target"/* "$corpus/"
  log="$BUILD/findings/$target.log"
  touch "$BUILD/findings/.$target.start"  # findings of earlier runs stay, but are not reported
  echo "==> $target: ${SECONDS_PER_TARGET} s"
  set +e
  (cd "$BUILD" && TMPDIR="$BUILD" "$BUILD/bin/$target" "$corpus" \
    -max_total_time="$SECONDS_PER_TARGET" -max_len="${MAX_LEN[$target]:-16384}" -rss_limit_mb=512 \
    -timeout=10 -dict="$HERE/zwgk.dict" -artifact_prefix="$findings/" -print_final_stats=1 \
    >"$log" 2>&1)
  rc=$?
  set -e
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  rss="$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)"
  cov="$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)"
  echo "    ${runs:-?} runs, ${speed:-?} exec/s, ${cov:-no coverage line}, peak ${rss:-?} MB, corpus $(ls "$corpus" | wc -l) inputs"
  if [ "$rc" -ne 0 ]; then
    failed+=("$target")
    echo "    FINDING (exit $rc): $(find "$findings" -type f -newer "$BUILD/findings/.$target.start" | tr '\n' ' ')" >&2
    grep -E 'ERROR:|SUMMARY:|invariant violated|runtime error|uncaught exception|terminate called' "$log" | head -20 >&2
    echo "    log: $log" >&2
  fi
done

echo "==> done in $(($(date +%s) - start)) s"
if ((${#failed[@]})); then
  echo "run-fuzzers: findings in ${failed[*]} (inputs under $BUILD/findings/)" >&2
  exit 1
fi
