#!/usr/bin/env bash
# The main job, end to end on the bundled sample data: install dependencies, build, start the
# local stack (PostgreSQL, Redis, four services, two workers), run the sample scenario through
# schedctl, print a summary, stop the stack. SECSCHED_KEEP_STACK=1 leaves the stack running.
# SECSCHED_BUILD_DIR (default build/) and SECSCHED_STACK_DIR (default .local/) choose where it
# builds and where the stack keeps its state; SECSCHED_DEMO_BUILD_ALL=0 builds only the binaries
# the demo runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SECSCHED_BUILD_DIR:-$root/build}
started=$SECONDS

bash "$root/deploy/install-deps.sh"
if [ "${SECSCHED_DEMO_BUILD_ALL:-1}" = 0 ]; then
  SECSCHED_BUILD_TARGETS="secsched-access secsched-catalog secsched-requests secsched-sectioning
    secsched-sectioning-worker secsched-token secsched-engine schedctl" bash "$root/deploy/build.sh"
else
  bash "$root/deploy/build.sh"
fi

stack="$root/deploy/local/stack.sh"
bash "$stack" stop >/dev/null 2>&1 || true  # a stack left over from an earlier run
bash "$stack" start
[ "${SECSCHED_KEEP_STACK:-0}" = 1 ] || trap 'bash "$stack" stop' EXIT
# shellcheck disable=SC1090
. "$(bash "$stack" env-file)"

bash "$root/deploy/sample/scenario.sh" "$build" "$started"
