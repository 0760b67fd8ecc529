#!/bin/bash
# rust_targets_test.sh (MANIFEST EXPECTED_DEPS CRATE_ROOT)...: each target of //:BUILD.bazel
# (built with the rules_rust stand-in) has its crate root, sources, and exactly the crates its
# Cargo manifest depends on.
set -euo pipefail
status=0
while [ $# -ge 3 ]; do
  manifest=$1 expected=$2 root=$3
  shift 3
  if ! grep -qx "crate_root $root" "$manifest"; then
    echo "FAIL: $manifest: crate root is not $root" >&2; status=1
  fi
  if grep -qx "srcs 0" "$manifest"; then
    echo "FAIL: $manifest: the srcs glob found nothing" >&2; status=1
  fi
  if ! diff <(grep '^dep @crates//:' "$manifest" | sed 's/^dep @crates\/\/://') <(grep -v '^local ' "$expected"); then
    echo "FAIL: $manifest: deps differ from the Cargo manifest's (< BUILD.bazel, > Cargo.toml)" >&2
    status=1
  fi
  for local in $(sed -n 's/^local //p' "$expected"); do
    if ! grep -q "^dep .*:$local\$" "$manifest"; then
      echo "FAIL: $manifest: no dependency on the local target :$local" >&2; status=1
    fi
  done
  [ $status = 0 ] && echo "ok: $root $(grep -c '^dep' "$manifest") deps"
done
exit $status
