#!/usr/bin/env bash
# The Bazel rules' tests: installs Debian's Bazel 4.2.3 and protoc if missing, builds the plugin
# with cargo, writes the expected outputs with the plugin's `generate` command (no Bazel), then
# runs `bazel test //...` in bazel/test (byte-for-byte comparisons and the macro's wiring) and
# checks that a .proto syntax error and a plugin error fail the build with their message shown.
# Offline apart from apt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
ws=$root/bazel/test

if ! command -v bazel >/dev/null 2>&1 || ! command -v protoc >/dev/null 2>&1 \
  || [ ! -d /usr/share/bazel/rules/java ] || [ ! -f /usr/include/google/protobuf/timestamp.proto ]; then
  echo "== installing Bazel 4.2.3 and protoc from Debian"
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd=sudo; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq \
    bazel-bootstrap bazel-rules-java protobuf-compiler libprotobuf-dev >/dev/null
fi

echo "== WORKSPACE and MODULE.bazel declare the same dependencies"
same() { # same WHAT WORKSPACE_VALUE MODULE_VALUE
  if [ -z "$2" ] || [ "$2" != "$3" ]; then
    echo "FAIL: $1 differs: WORKSPACE has '$2', MODULE.bazel has '$3'" >&2
    exit 1
  fi
  echo "ok: $1 $2"
}
same rules_rust "$(grep -o 'rules_rust/releases/download/[0-9.]*' WORKSPACE | head -1 | sed 's|.*/||')" \
  "$(grep -o 'name = "rules_rust", version = "[0-9.]*"' MODULE.bazel | sed 's/.*"\([0-9.]*\)"$/\1/')"
same protobuf "$(grep -o 'protobuf-[0-9.]*[0-9]' WORKSPACE | head -1 | sed 's/protobuf-//')" \
  "$(grep -o 'name = "protobuf", version = "[0-9.]*"' MODULE.bazel | sed 's/.*"\([0-9.]*\)"$/\1/')"
same "crate manifests" "$(grep -o '"//:[a-z0-9/_]*Cargo.toml"' WORKSPACE | tr '\n' ' ')" \
  "$(grep -o '"//:[a-z0-9/_]*Cargo.toml"' MODULE.bazel | tr '\n' ' ')"

# crate_universe needs every member of the Cargo workspace among its manifests.
members=$(cargo metadata --locked --format-version 1 --no-deps | python3 -c '
import json, os, sys
m = json.load(sys.stdin)
root = m["workspace_root"]
paths = {p["id"]: p["manifest_path"] for p in m["packages"]}
print(" ".join(sorted("\"//:" + os.path.relpath(paths[i], root) + "\"" for i in m["workspace_members"])))')
same "crate manifests of the Cargo workspace" "$(grep -o '"//:[a-z0-9/_]*Cargo.toml"' WORKSPACE | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')" \
  "$members"

echo "== building the plugin with cargo"
cargo build --locked -q --bin protoc-gen-prost-vsco
source tests/support/target-dir.sh
plugin=$target_dir/debug/protoc-gen-prost-vsco
install -m 755 "$plugin" "$ws/tools/protoc-gen-prost-vsco"

echo "== expected outputs, without Bazel (protoc-gen-prost-vsco generate)"
mkdir -p "$ws/expected"
expect() { # expect OUT PARAMETERS
  local tmp
  tmp=$(mktemp -d)
  "$plugin" generate -I examples/telemetry/proto -I proto \
    examples/telemetry/proto/telemetry/v1/*.proto --out "$tmp" --opt "$2"
  cp "$tmp/$1" "$ws/expected/$1"
  rm -rf "$tmp"
}
expect telemetry.rs "include_file=telemetry.rs,include_inline"
expect btree.rs "btree_map=.,no_oneof_impls,elide_version,include_file=btree.rs,include_inline"

echo "== @crates and expected deps from cargo metadata (for //:BUILD.bazel's targets)"
cargo metadata --locked --format-version 1 --no-deps | python3 "$ws/crates_from_cargo.py" "$ws"

bazel_root=$target_dir/bazel-root
cd "$ws"
b() { bazel --output_user_root="$bazel_root" "$@"; }
trap 'b shutdown >/dev/null 2>&1 || true' EXIT

echo "== bazel test //... ($(b --version 2>/dev/null | head -1 || true), Debian bazel-bootstrap)"
b test //... --test_output=errors

# must_fail TARGET MESSAGE: building TARGET fails and its output shows MESSAGE.
must_fail() {
  local log
  log=$(mktemp)
  if b build "$1" >"$log" 2>&1; then
    echo "FAIL: $1 built, expected an error" >&2
    exit 1
  fi
  if ! grep -qF -- "$2" "$log"; then
    echo "FAIL: $1 failed without showing \`$2\`:" >&2
    cat "$log" >&2
    exit 1
  fi
  echo "ok: $1 fails and shows: $(grep -F -- "$2" "$log" | head -1)"
  rm -f "$log"
}
echo "== errors reach the user"
must_fail //failcases:syntax_error 'broken.proto:9:3: Expected ";".'
must_fail //failcases:bad_option 'invalid parameter: unknown parameter `bogus`'
echo "bazel tests passed"
