#!/usr/bin/env bash
# The Android adapters' suite: protoc 36.2 (from the protoc-bin-vendored crate) writes the
# javalite classes (--java_out=lite:) and this plugin the Java and Kotlin adapters in the same
# run, into <cargo target dir>/android/gen; Maven compiles them with the JVM runtime
# (mobile/jvm), protobuf-javalite 4.36.2 and Kotlin 2.4, and runs the JUnit tests (the shared
# vectors among them). Needs cargo, a JDK 11+ and Maven (which fetches from Maven Central).
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
if [ -z "$protoc_crate" ]; then
  echo "protoc-bin-vendored-linux-x86_64 is not in the dependency graph" >&2
  exit 1
fi
# Cargo unpacks a crate's sources when it builds it.
cargo build --locked -q -p protoc-gen-prost-vsco -p vsco-e2e --tests
protoc="$protoc_crate/bin/protoc"
plugin="$target_dir/debug/protoc-gen-prost-vsco"

gen="$target_dir/android/gen"
rm -rf "$gen"
mkdir -p "$gen"
"$protoc" -I examples/telemetry/proto -I proto -I "$protoc_crate/include" \
  --plugin=protoc-gen-prost-vsco="$plugin" \
  --java_out=lite:"$gen" \
  --prost-vsco_out="$gen" --prost-vsco_opt=target=kotlin \
  examples/telemetry/proto/telemetry/v1/*.proto

cd tests/android
mvn -B -q -Dgen.dir="$gen" test
for report in target/surefire-reports/*.txt; do
  grep -h "Tests run" "$report"
done
