#!/bin/bash
# macro_test.sh MANIFEST: prost_vsco_rust_library gave rust_library the generated file as
# crate root and the crates as deps.
set -euo pipefail
expected='crate_root telemetry_rs.rs
src telemetry_rs.rs
dep //crates:prost
dep //crates:prost_vsco
dep //crates:prost_types'
if [ "$(cat "$1")" != "$expected" ]; then
  echo "unexpected rust_library arguments:" >&2
  cat "$1" >&2
  exit 1
fi
echo "ok: $(tr '\n' ';' < "$1")"
