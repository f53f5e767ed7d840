#!/usr/bin/env bash
# Configures (once) and builds everything into build/ with Ninja (and ccache when installed).
#   deploy/build.sh [extra cmake -D options]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SECSCHED_BUILD_DIR:-$root/build}
# ccache: paths under the checkout are hashed relative to it, so a clone in another folder (CI's
# fresh clone) reuses the objects compiled here.
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
if [ ! -f "$build/build.ninja" ] || [ $# -gt 0 ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
fi
# Two cores: two compile jobs; linking gRPC binaries is memory-hungry but 24 GiB is plenty.
ninja -C "$build" -j "$(nproc)"
