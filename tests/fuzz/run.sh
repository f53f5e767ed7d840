#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for <seconds>, starting from the
# seed corpus in tests/fuzz/corpus/<target>/ (read only: new inputs go to a scratch directory).
# Prints, per target, the executions and whether it crashed; exits 1 when any target crashed,
# leaving the crashing input in the scratch directory it names.
#
#   tests/fuzz/run.sh 60                     # one minute per target
#   SECSCHED_FUZZ_BUILD=/tmp/fuzz-build tests/fuzz/run.sh 300
#   SECSCHED_FUZZ_TARGETS="fuzz_csv" tests/fuzz/run.sh 30
set -euo pipefail

seconds=${1:?usage: tests/fuzz/run.sh <seconds per target>}
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build=${SECSCHED_FUZZ_BUILD:-$source_dir/build-fuzz}
targets=${SECSCHED_FUZZ_TARGETS:-fuzz_csv fuzz_resource_name fuzz_page_token fuzz_jwt fuzz_school_json}
jobs=${SECSCHED_FUZZ_BUILD_JOBS:-2}

cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DSECSCHED_FUZZ=ON -DSECSCHED_BENCHMARKS=OFF >/dev/null
# shellcheck disable=SC2086
ninja -C "$build" -j "$jobs" $targets

scratch=$(mktemp -d /tmp/secsched-fuzz.XXXXXX)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=0
printf '%-20s %14s %8s  %s\n' target executions crashed "log"
for target in $targets; do
  corpus="$scratch/$target"
  mkdir -p "$corpus"
  log="$scratch/$target.log"
  status=0
  (cd "$scratch" && "$build/tests/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 \
     -artifact_prefix="$scratch/$target-" "$corpus" "$here/corpus/$target") >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  crashed=no
  if [ "$status" -ne 0 ]; then crashed=yes; failed=1; fi
  printf '%-20s %14s %8s  %s\n' "$target" "${runs:-?}" "$crashed" "$log"
done
exit "$failed"
