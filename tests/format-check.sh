#!/usr/bin/env bash
# Every C++ file of the tree is clang-format clean (.clang-format at the top): prints the files
# and lines that are not and fails. Fix with: clang-format -i <file>.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cc' '*.h')
else
  mapfile -t files < <(find common services tools tests -name '*.cc' -o -name '*.h')
fi
out=$(printf '%s\0' "${files[@]}" | xargs -0 -n 50 clang-format --dry-run 2>&1 || true)
if [ -n "$out" ]; then
  printf '%s\n' "$out" | grep 'warning:' | sed 's/:[0-9]*:[0-9]*: warning:.*//' | sort -u | head -50
  echo "format-check: the files above are not clang-format clean (clang-format -i FILE)" >&2
  exit 1
fi
echo "format-check: ${#files[@]} files clean"
