#!/usr/bin/env bash
# Configures (once) and builds everything into build/ with Ninja (and ccache when installed).
#   deploy/build.sh [extra cmake -D options]
# SECSCHED_BUILD_DIR=DIR builds into DIR instead; SECSCHED_BUILD_TARGETS="t1 t2" builds only those
# targets (deploy/demo.sh's binaries, say) instead of everything.
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
# shellcheck disable=SC2086  # the target list is meant to split into words
ninja -C "$build" -j "$(nproc)" ${SECSCHED_BUILD_TARGETS:-}
