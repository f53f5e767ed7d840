#!/usr/bin/env bash
# Single-RPC load against the real binaries: starts a local stack (four services, no workers'
# jobs running during the load), runs the sample scenario to load East High (400 students, an
# active trial), then `secsched-load` for each workload with N calls in flight, and prints one
# line each: RPC/s, p50/p99/p999 latency, errors, and the CPU milliseconds per call spent by
# PostgreSQL, the services, Redis and the generator (all on this machine's cores). Asserts
# nothing.
#
#   tests/bench/load.sh [--concurrency 64] [--seconds 10] [--rpcs "check-access get-course ..."]
#
# Needs a build (deploy/build.sh). Uses SECSCHED_STACK_DIR (default /tmp/secsched-load) and
# leaves the numbers in $state/load.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${SECSCHED_BUILD_DIR:-$root/build}
concurrency=64 seconds=10 rpcs="check-access get-course get-student-schedule walk-in"
while [ $# -gt 0 ]; do
  case $1 in
    --concurrency) concurrency=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rpcs) rpcs=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
export SECSCHED_BUILD_DIR=$build SECSCHED_STACK_DIR=${SECSCHED_STACK_DIR:-/tmp/secsched-load}
export SECSCHED_ENGINE_TIME_LIMIT=${SECSCHED_ENGINE_TIME_LIMIT:-5s}
state=$SECSCHED_STACK_DIR
stack="$root/deploy/local/stack.sh"
bash "$stack" stop >/dev/null 2>&1 || true
mkdir -p "$state" && chmod 755 "$state"
trap 'bash "$stack" stop >/dev/null 2>&1 || true' EXIT
bash "$stack" start >/dev/null
# shellcheck disable=SC1090
. "$(bash "$stack" env-file)"
echo "loading the sample school (deploy/sample/scenario.sh) ..."
bash "$root/deploy/sample/scenario.sh" "$build" >"$state/scenario.log" 2>&1 ||
  { tail -n 30 "$state/scenario.log"; exit 1; }
{
  echo "secsched-load, $(nproc) cores, $concurrency calls in flight, ${seconds}s per RPC after 2s" \
       "of warm-up; $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
  for rpc in $rpcs; do
    "$build/tests/bench/secsched-load" --rpc "$rpc" --calendar east-high-2026 --trial trial-1 \
      --concurrency "$concurrency" --seconds "$seconds"
  done
} | tee "$state/load.txt"
