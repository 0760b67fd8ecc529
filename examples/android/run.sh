#!/usr/bin/env bash
# Generates the telemetry schema's javalite classes and Kotlin adapters in one protoc run
# (protoc 36.2 from the protoc-bin-vendored crate; --java_out=lite: and this plugin with
# target=kotlin,java_insert into the same directory, so the insertions land), then builds and
# runs the example with Maven. Needs cargo, a JDK 11+ and Maven.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

metadata="$(cargo metadata --format-version 1 --locked)"
target_dir="$(printf '%s' "$metadata" | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
protoc_crate="$(printf '%s' "$metadata" | python3 -c '
import json, os, sys
for p in json.load(sys.stdin)["packages"]:
    if p["name"] == "protoc-bin-vendored-linux-x86_64":
        print(os.path.dirname(p["manifest_path"]))
')"
cargo build --locked -q -p protoc-gen-prost-vsco -p vsco-e2e --tests

gen="$target_dir/android-example/gen"
rm -rf "$gen"
mkdir -p "$gen"
"$protoc_crate/bin/protoc" -I examples/telemetry/proto -I proto -I "$protoc_crate/include" \
  --plugin=protoc-gen-prost-vsco="$target_dir/debug/protoc-gen-prost-vsco" \
  --java_out=lite:"$gen" \
  --prost-vsco_out="$gen" --prost-vsco_opt=target=kotlin,java_insert \
  examples/telemetry/proto/telemetry/v1/*.proto

cd examples/android
mvn -B -q -Dgen.dir="$gen" compile exec:java
