#!/usr/bin/env bash
# The README's buf configurations, as written there, with buf from npm (@bufbuild/buf, pinned)
# on tests/buf/proto: two packages in two directories, both using prost_vsco's options, with
# the options file in a second module. Checks that every package reaches the output (and
# mod.rs) and that nothing is generated for the options file. Needs cargo, npm and python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source tests/support/target-dir.sh

buf_version=1.75.0
tools="$target_dir/buf-tools"
buf="$tools/node_modules/.bin/buf"
if [ ! -x "$buf" ] || [ "$("$buf" --version)" != "$buf_version" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund "@bufbuild/buf@$buf_version" >/dev/null)
fi

# The plugin, and protoc-gen-prost as the e2e crate builds it, on PATH under their own names.
cargo build --locked -q -p protoc-gen-prost-vsco -p vsco-e2e --bins
bin="$target_dir/buf-test/bin"
mkdir -p "$bin"
cp "$target_dir/debug/protoc-gen-prost-vsco" "$bin/protoc-gen-prost-vsco"
cp "$target_dir/debug/vsco-e2e-prost" "$bin/protoc-gen-prost"

# The README's YAML blocks of "Use with buf", in order: buf.yaml, companion, standalone.
blocks="$target_dir/buf-test/blocks"
rm -rf "$blocks"
mkdir -p "$blocks"
python3 - "$blocks" <<'PY'
import re, sys
text = open("README.md", encoding="utf-8").read()
section = text.split("## Use with buf\n", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
assert len(blocks) == 3, f"expected 3 yaml blocks in 'Use with buf', found {len(blocks)}"
for name, block in zip(["buf.yaml", "companion.yaml", "standalone.yaml"], blocks):
    open(f"{sys.argv[1]}/{name}", "w", encoding="utf-8").write(block)
PY

run() { # run CONFIG: a fresh workspace, buf generate, the list of written files
  local ws="$target_dir/buf-test/ws-$1"
  rm -rf "$ws"
  mkdir -p "$ws/third_party/prost_vsco"
  cp -r tests/buf/proto "$ws/proto"
  cp proto/prost_vsco/options.proto "$ws/third_party/prost_vsco/"
  cp "$blocks/buf.yaml" "$ws/buf.yaml"
  cp "$blocks/$1.yaml" "$ws/buf.gen.yaml"
  local log="$ws/buf.log"
  (cd "$ws" && PATH="$bin:$PATH" "$buf" generate >"$log" 2>&1) || { cat "$log"; exit 1; }
  if [ -s "$log" ]; then
    echo "buf generate ($1) printed:" >&2
    cat "$log" >&2
    exit 1
  fi
  (cd "$ws/src/gen" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
}

expect() { # expect WHAT ACTUAL EXPECTED
  if [ "$2" != "$3" ]; then
    printf '%s:\n--- expected\n%s\n--- actual\n%s\n' "$1" "$3" "$2" >&2
    exit 1
  fi
}

expect "companion mode files" "$(run companion)" "shop/catalog/v1/shop.catalog.v1.rs
shop/catalog/v1/shop.catalog.v1.vsco.rs
shop/orders/v1/shop.orders.v1.rs
shop/orders/v1/shop.orders.v1.vsco.rs"
standalone="$(run standalone)"
expect "standalone mode files" "$standalone" "mod.rs
shop/catalog/v1/shop.catalog.v1.rs
shop/orders/v1/shop.orders.v1.rs"
mod="$target_dir/buf-test/ws-standalone/src/gen/mod.rs"
for package in catalog orders; do
  grep -q "pub mod $package" "$mod" || { echo "mod.rs lacks $package" >&2; exit 1; }
done
grep -q "order_placed" "$target_dir/buf-test/ws-standalone/src/gen/shop/orders/v1/shop.orders.v1.rs" \
  || { echo "the event option did not reach the output" >&2; exit 1; }
echo "buf $buf_version: the README's buf.yaml and both buf.gen.yaml configurations write every package of a schema in two directories"
