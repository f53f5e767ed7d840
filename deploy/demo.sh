#!/usr/bin/env bash
# The main job, end to end on the bundled sample data: install dependencies, build, start the
# local stack (PostgreSQL, Redis, four services, two workers), run the sample scenario through
# schedctl, print a summary, stop the stack. SECSCHED_KEEP_STACK=1 leaves the stack running.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SECSCHED_BUILD_DIR:-$root/build}
started=$SECONDS

bash "$root/deploy/install-deps.sh"
bash "$root/deploy/build.sh"

stack="$root/deploy/local/stack.sh"
bash "$stack" stop >/dev/null 2>&1 || true  # a stack left over from an earlier run
bash "$stack" start
[ "${SECSCHED_KEEP_STACK:-0}" = 1 ] || trap 'bash "$stack" stop' EXIT
# shellcheck disable=SC1090
. "$(bash "$stack" env-file)"

bash "$root/deploy/sample/scenario.sh" "$build" "$started"
