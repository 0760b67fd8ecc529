#!/usr/bin/env bash
# The JVM benchmark: the generated Java adapters (asMap, legacy JSON, vendor properties)
# against protobuf-java's full runtime (getAllFields()-based maps, JsonFormat) on the example
# event, side by side in one JMH run, ending with `ratio <pair> <peer time / our time>` lines.
# protoc 36.2 (from the protoc-bin-vendored crate) writes the full Java classes (--java_out,
# not lite: the peers need descriptors) and this plugin the Java adapters (target=java) into
# <cargo target dir>/jvm-bench/gen; Maven compiles them with the JVM runtime (mobile/jvm) on
# protobuf-java in place of javalite, and JMH runs from the shaded jar (about a minute).
# Needs cargo, a JDK 11+ and Maven (which fetches from Maven Central).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

source tests/support/jvm-env.sh

gen="$target_dir/jvm-bench/gen"
rm -rf "$gen"
mkdir -p "$gen"
"$protoc" -I examples/telemetry/proto -I proto -I "$protoc_include" \
  --plugin=protoc-gen-prost-vsco="$plugin" \
  --java_out="$gen" \
  --prost-vsco_out="$gen" --prost-vsco_opt=target=java \
  examples/telemetry/proto/telemetry/v1/*.proto
# The full classes embed their descriptors, whose dependencies include the custom options'
# file: its Java (no adapters: it is not part of the benchmarked schema).
"$protoc" -I proto -I "$protoc_include" --java_out="$gen" prost_vsco/options.proto

cd bench/jvm
# Maven's output only when the build fails (its quiet mode still prints colour resets).
log="$target_dir/jvm-bench/mvn.log"
if ! mvn -B -q -Dgen.dir="$gen" package >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
java -jar target/jvm-bench.jar
