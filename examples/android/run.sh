#!/usr/bin/env bash
# Generates the telemetry schema's javalite classes and Kotlin adapters in one protoc run
# (protoc 36.2 from the protoc-bin-vendored crate; --java_out=lite: and this plugin with
# target=kotlin,java_insert into the same directory, so the insertions land), then builds and
# runs the example with Maven. Needs cargo, a JDK 11+ and Maven.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

source tests/support/jvm-env.sh

gen="$target_dir/android-example/gen"
rm -rf "$gen"
mkdir -p "$gen"
"$protoc" -I examples/telemetry/proto -I proto -I "$protoc_include" \
  --plugin=protoc-gen-prost-vsco="$plugin" \
  --java_out=lite:"$gen" \
  --prost-vsco_out="$gen" --prost-vsco_opt=target=kotlin,java_insert \
  examples/telemetry/proto/telemetry/v1/*.proto

cd examples/android
mvn -B -q -Dgen.dir="$gen" compile exec:java
