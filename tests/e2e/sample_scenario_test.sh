#!/usr/bin/env bash
# The main job's scenario (deploy/sample/scenario.sh, what README command 1 runs) on a throwaway
# local stack of the built binaries: four services, two workers, their own PostgreSQL and Redis.
# It fails when any step of the season fails — among them the check that what the jobs read
# through the services is the sample file's school in every part — and when the summary lacks
# what the season must reach.
#   usage: sample_scenario_test.sh BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
state=$(mktemp -d "${TMPDIR:-/tmp}/secsched-scenario.XXXXXX")
chmod 755 "$state"
export SECSCHED_BUILD_DIR=$build SECSCHED_STACK_DIR=$state
# A shorter search than the demo's 20 s: the test checks the path, not the schedule's quality.
export SECSCHED_ENGINE_TIME_LIMIT=${SECSCHED_ENGINE_TIME_LIMIT:-4s}
stop() { bash "$root/deploy/local/stack.sh" stop >/dev/null 2>&1 || true; rm -rf "$state"; }
trap stop EXIT

bash "$root/deploy/local/stack.sh" start >/dev/null
# shellcheck disable=SC1090
. "$(bash "$root/deploy/local/stack.sh" env-file)"
log=$state/scenario.log
if ! bash "$root/deploy/sample/scenario.sh" "$build" >"$log" 2>&1; then
  cat "$log"
  echo "FAIL: the sample scenario stopped" >&2
  for f in "$state"/logs/*.log; do echo "== $f"; tail -n 20 "$f"; done >&2
  exit 1
fi
sed -n '/^== Summary/,$p' "$log"

failed=0
expect() {  # PATTERN WHAT
  if ! grep -Eq -- "$1" "$log"; then
    echo "FAIL: $2 (no line matching /$1/)" >&2
    failed=1
  fi
}
expect 'engine input: what the jobs read through the services equals east-high.school.json in all 7 parts' \
  "the services feed the engine the sample's school"
for job in build-sections build-master load-students bound reload explain; do
  expect "^ +$job +SUCCEEDED" "the $job job succeeded"
done
expect 'build-master +SUCCEEDED sections [0-9]+; unplaced 0; unstaffed 0' \
  "every section placed and staffed"
expect '^hard violations 0$' "the engine CLI on the file breaks no hard rule"
expect 'load: +primary requests met [0-9]+ of 3001' "3,001 primary requests loaded"
expect 'wrote .*oneroster.zip' "the OneRoster export was written"
expect 'wrote .*board.html \(1[0-9][0-9] sections, 400 students\)' "the board was written"
exit $failed
