#!/bin/bash
# compare_test.sh GENERATED EXPECTED: the two files are byte for byte the same.
set -euo pipefail
if cmp "$1" "$2"; then
  echo "ok: $1 equals $2"
else
  diff -u "$2" "$1" | head -60
  exit 1
fi
