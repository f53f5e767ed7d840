#!/usr/bin/env bash
# The one test command (README, .ci/run): install dependencies, build, start a throwaway
# PostgreSQL and Redis on loopback, run every CTest label, stop them. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
started=$SECONDS

bash "$root/deploy/install-deps.sh"
bash "$root/deploy/build.sh"
echo "run-all: build finished after $((SECONDS - started)) s"

servers=$(mktemp -d /tmp/secsched-test.XXXXXX)
chmod 755 "$servers"
cleanup() { bash "$root/deploy/local/test-servers.sh" stop "$servers" >/dev/null 2>&1 || true; rm -rf "$servers"; }
trap cleanup EXIT
bash "$root/deploy/local/test-servers.sh" start "$servers" >/dev/null
# shellcheck disable=SC1091
. "$servers/env"

cd "${SECSCHED_BUILD_DIR:-$root/build}"
status=0
ctest --output-on-failure --no-tests=error -j "$(nproc)" || status=$?
echo "run-all: finished after $((SECONDS - started)) s (exit $status)"
exit $status
