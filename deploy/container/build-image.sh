#!/usr/bin/env bash
# Builds the image under a tag that names this build, and points an overlay's release at it.
#
#   deploy/container/build-image.sh [--overlay dev] [--push] [--no-build] [--print-tag]
#
# The tag is `git describe --tags --always`: `v1.2.0` on a release tag, `v1.2.0-3-g<commit>`
# after one, `git-<commit>` in a history without tags, with `-dirty-<hash of the diff>` added for
# uncommitted changes. A tag therefore names one build and is never moved, so nodes may keep
# `imagePullPolicy: IfNotPresent` and a rollout always runs what was built (a moving `:dev` tag
# would leave each node on whichever build it pulled first). deploy/k8s/check.py refuses
# mutable-looking tags (`dev`, `latest`, ...) in every overlay.
#
# Then sets `newTag` in deploy/k8s/overlays/<overlay>/release/kustomization.yaml (what
# `kustomize edit set image` does, without needing kustomize), the one place both the services
# and the migration Jobs take their image from; commit that change or keep it in CI's checkout.
#   --overlay NAME  the overlay to point at the new tag (default: dev)
#   --push          push the image after building it
#   --no-build      only set the tag (the image is built elsewhere from the same commit)
#   --print-tag     print the tag and change nothing
# CONTAINER_TOOL=docker|podman picks the tool (default: whichever is installed, docker first);
# SECSCHED_K8S_DIR=DIR works on another copy of deploy/k8s (the tests use one).
set -euo pipefail
die() { echo "build-image.sh: $*" >&2; exit 1; }
root=$(cd "$(dirname "$0")/../.." && pwd)
k8s=${SECSCHED_K8S_DIR:-$root/deploy/k8s}

overlay=dev push=0 build=1 print_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --overlay) [ $# -ge 2 ] || die "--overlay needs a name"; overlay=$2; shift ;;
    --push) push=1 ;;
    --no-build) build=0 ;;
    --print-tag) print_only=1 ;;
    *) die "unknown option $1 (see the header of $0)" ;;
  esac
  shift
done

image_tag() {
  local described
  described=$(git -C "$root" describe --tags --always --abbrev=12) || die "not a git checkout"
  # A bare commit (no tag in the history) gets a prefix, so the tag says what it is.
  [[ $described =~ ^[0-9a-f]+$ ]] && described="git-$described"
  if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
    described="$described-dirty-$(git -C "$root" diff HEAD | sha256sum | cut -c1-12)"
  fi
  echo "$described"
}

tag=$(image_tag)
if [ "$print_only" -eq 1 ]; then echo "$tag"; exit 0; fi

release=$k8s/overlays/$overlay/release/kustomization.yaml
[ -f "$release" ] || die "no $release"
name=$(awk '$1 == "newName:" {print $2; exit}' "$release")
[ -n "$name" ] || die "$release sets no newName (the registry and repository)"
image=$name:$tag

if [ "$build" -eq 1 ]; then
  tool=${CONTAINER_TOOL:-$(command -v docker || command -v podman || true)}
  [ -n "$tool" ] || die "needs docker or podman (or --no-build)"
  "$tool" build -f "$root/deploy/container/Containerfile" -t "$image" "$root"
  [ "$push" -eq 0 ] || "$tool" push "$image"
fi

# Keeps the line's indentation and trailing comment; only the value changes.
sed -i -E "s|^([[:space:]]*newTag:[[:space:]]*)[^[:space:]#]+|\1$tag|" "$release"
grep -q "newTag: $tag" "$release" || die "could not set newTag in $release"
echo "build-image.sh: overlays/$overlay now deploys $image"
