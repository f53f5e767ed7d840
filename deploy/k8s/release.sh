#!/usr/bin/env bash
# Releases secsched with plain kubectl, in the order that keeps a release safe:
#   1. migrations: delete the previous release's migration Jobs (Jobs are immutable), apply this
#      release's, and wait until every one has completed; stop here if one failed, so the
#      running version keeps serving untouched.
#   2. the services and the worker: apply, then wait for each rollout.
# The image tag and namespace come from overlays/<overlay>/release and the overlay itself, the
# same for both steps. Uses kubectl's current context (KUBECTL=... to override the command).
#
#   deploy/k8s/release.sh dev|production [--migrations-only | --skip-migrations]
set -euo pipefail
say() { echo "release.sh: $*"; }
die() { echo "release.sh: $*" >&2; exit 1; }

overlay=${1:-}
mode=${2:-all}
[ -n "$overlay" ] || die "usage: $0 dev|production [--migrations-only | --skip-migrations]"
dir="$(cd "$(dirname "$0")" && pwd)/overlays/$overlay"
if [ ! -f "$dir/kustomization.yaml" ] || [ ! -f "$dir/migrations/kustomization.yaml" ]; then
  die "no overlay $dir (with a migrations/ folder)"
fi
read -r -a kubectl <<<"${KUBECTL:-kubectl}"
migration_timeout=${SECSCHED_MIGRATION_TIMEOUT_SECONDS:-1800}
rollout_timeout=${SECSCHED_ROLLOUT_TIMEOUT:-30m}

ns=$("${kubectl[@]}" kustomize "$dir" | awk '$1 == "namespace:" {print $2; exit}')
[ -n "$ns" ] || die "overlay $overlay sets no namespace"

migrate() {
  say "step 1: migrations in namespace $ns"
  "${kubectl[@]}" delete -k "$dir/migrations" --ignore-not-found --wait=true
  "${kubectl[@]}" apply -k "$dir/migrations"
  local jobs deadline=$((SECONDS + migration_timeout)) job state pending
  jobs=$("${kubectl[@]}" kustomize "$dir/migrations" \
    | awk '/^kind: Job/ {job=1} job && $1 == "name:" {print $2; job=0}')
  while :; do
    pending=0
    for job in $jobs; do
      state=$("${kubectl[@]}" -n "$ns" get job "$job" \
        -o jsonpath='{.status.conditions[?(@.status=="True")].type}')
      case " $state " in
        *" Complete "*) ;;
        *" Failed "*)
          "${kubectl[@]}" -n "$ns" logs "job/$job" --tail=50 || true
          die "migration Job $job failed (logs above); nothing was rolled out" ;;
        *) pending=$((pending + 1)) ;;
      esac
    done
    [ "$pending" -gt 0 ] || break
    [ "$SECONDS" -lt "$deadline" ] || die "migrations not done after ${migration_timeout}s"
    sleep 5
  done
  say "migrations complete"
}

rollout() {
  say "step 2: services and workers in namespace $ns"
  "${kubectl[@]}" apply -k "$dir"
  local deployment
  for deployment in $("${kubectl[@]}" -n "$ns" get deployments \
      -l app.kubernetes.io/part-of=secsched -o name); do
    "${kubectl[@]}" -n "$ns" rollout status "$deployment" --timeout="$rollout_timeout"
  done
  say "released $overlay"
}

case "$mode" in
  all) migrate; rollout ;;
  --migrations-only) migrate ;;
  --skip-migrations) rollout ;;
  *) die "unknown option $mode" ;;
esac
