#!/usr/bin/env bash
# The JSON differential test against Google's Python json_format (see
# conformance/src/bin/json_differential.rs). Installs protobuf from PyPI into a private venv.
# Arguments (optional): cases per schema (default 300), seed (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source tests/support/target-dir.sh
CACHE=${CONFORMANCE_CACHE:-$target_dir/conformance-tools}
VENV=$CACHE/venv
PROTOBUF=7.36.2
mkdir -p "$CACHE"
if ! "$VENV/bin/python" -c "import google.protobuf" >/dev/null 2>&1; then
  echo "== installing protobuf==$PROTOBUF (Python) into $VENV"
  if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
    apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install -q "protobuf==$PROTOBUF"
fi
cargo build --release --locked -p prost-vsco-conformance --bin json-differential
"$target_dir/release/json-differential" "$VENV/bin/python" "$ROOT/conformance/differential.py" \
  "$CACHE/differential" "${1:-300}" "${2:-1}"
