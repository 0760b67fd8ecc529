#!/usr/bin/env bash
# protoc-gen-prost 0.5.0 as `cargo install` builds it from crates.io writes the same structs as
# the protoc-gen-prost this workspace builds (which tests/e2e holds byte for byte against this
# plugin's prost output), except for formatting: the installed binary's prost-build has no
# `format` feature, so its attributes read `tag="1"` and generic lists have no trailing comma.
# Compares the two on the example schema with whitespace and trailing commas ignored.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source tests/support/jvm-env.sh

installed="$target_dir/prost-installed"
if [ ! -x "$installed/bin/protoc-gen-prost" ]; then
  cargo install --locked --quiet protoc-gen-prost --version 0.5.0 --root "$installed"
fi
cargo build --locked -q -p vsco-e2e --bins

out="$target_dir/prost-installed/compare"
rm -rf "$out"
mkdir -p "$out/installed" "$out/workspace"
for which in installed workspace; do
  bin="$installed/bin/protoc-gen-prost"
  [ "$which" = workspace ] && bin="$target_dir/debug/vsco-e2e-prost"
  "$protoc" -I examples/telemetry/proto -I proto -I "$protoc_include" \
    --plugin=protoc-gen-prost="$bin" --prost_out="$out/$which" \
    examples/telemetry/proto/telemetry/v1/*.proto
done
python3 - "$out" <<'PY'
import pathlib, re, sys
out = pathlib.Path(sys.argv[1])
def norm(text):
    text = re.sub(r"\s+", "", text)
    return re.sub(r",([>)\]}])", r"\1", text)
files = sorted(p.relative_to(out / "installed") for p in (out / "installed").rglob("*.rs"))
assert files, "protoc-gen-prost wrote nothing"
for f in files:
    a = (out / "installed" / f).read_text()
    b = (out / "workspace" / f).read_text()
    if norm(a) != norm(b):
        sys.exit(f"{f}: the installed protoc-gen-prost writes other code than the workspace's")
    if a == b:
        sys.exit(f"{f}: identical bytes: the installed binary formats now; update the README")
print(f"protoc-gen-prost 0.5.0 from crates.io: {len(files)} file(s) equal the workspace build's "
      "but for formatting")
PY
