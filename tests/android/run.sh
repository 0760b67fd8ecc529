#!/usr/bin/env bash
# The Android adapters' suite: protoc 36.2 (from the protoc-bin-vendored crate) writes the
# javalite classes (--java_out=lite:) and this plugin the Java and Kotlin adapters in the same
# run, into <cargo target dir>/android/gen; Maven compiles them with the JVM runtime
# (mobile/jvm), protobuf-javalite 4.36.2 and Kotlin 2.4, and runs the JUnit tests (the shared
# vectors among them). Needs cargo, a JDK 11+ and Maven (which fetches from Maven Central).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

source tests/support/jvm-env.sh

gen="$target_dir/android/gen"
rm -rf "$gen"
mkdir -p "$gen"
"$protoc" -I examples/telemetry/proto -I proto -I "$protoc_include" \
  --plugin=protoc-gen-prost-vsco="$plugin" \
  --java_out=lite:"$gen" \
  --prost-vsco_out="$gen" --prost-vsco_opt=target=kotlin,java_insert \
  examples/telemetry/proto/telemetry/v1/*.proto
# The hostile names of the java_names golden case, for the behaviour tests.
(cd tests/golden/java_names/input && "$protoc" -I . -I "$protoc_include" \
  --plugin=protoc-gen-prost-vsco="$plugin" \
  --java_out=lite:"$gen" \
  --prost-vsco_out="$gen" --prost-vsco_opt=target=kotlin \
  hostile/v1/*.proto)
# The per-field JSON forms schema of the shared vectors (tests/vectors/json_formats.json),
# with the case's own parameters (json_format=...).
(cd tests/golden/json_formats/input && "$protoc" -I . -I "$root/proto" -I "$protoc_include" \
  --plugin=protoc-gen-prost-vsco="$plugin" \
  --java_out=lite:"$gen" \
  --prost-vsco_out="$gen" --prost-vsco_opt="target=kotlin,$(cat ../params.txt)" \
  traces.proto)

# Every golden case with .proto files of its own: protoc's Java and ours must compile
# together (the telemetry schema of example, vectors and java_insert is the suite's own).
# Cases whose .proto files protoc's own Java cannot express, checked to stay so:
#   include_file, include_inline: root.proto has no package, and Java cannot refer to a class
#   in the unnamed package from a named one (a/c's C.java fails on RootOuterClass);
#   keywords: enum values named like Java keywords (`super`), which protoc writes unchanged.
protoc_java_broken=" include_file include_inline keywords "
cases="$gen/../cases"
rm -rf "$cases"
compiled=0
for case_dir in tests/golden/*/; do
  case_name="$(basename "$case_dir")"
  [ -d "$case_dir/input" ] || continue
  out="$cases/$case_name"
  mkdir -p "$out"
  mapfile -t files < <(cd "$case_dir/input" && find . -name '*.proto' | sed 's|^\./||' | sort)
  # A case whose schema breaks a vendor rule on purpose says vendor_check=warn; keep it.
  opt=target=kotlin,java_insert
  if grep -q "vendor_check=warn" "$case_dir/params.txt"; then
    opt="$opt,vendor_check=warn"
  fi
  (cd "$case_dir/input" && "$protoc" -I . -I "$root/proto" -I "$protoc_include" \
    --plugin=protoc-gen-prost-vsco="$plugin" \
    --java_out=lite:"$out" \
    --prost-vsco_out="$out" --prost-vsco_opt="$opt" \
    "${files[@]}")
  build="$cases/$case_name-build"
  if [[ "$protoc_java_broken" == *" $case_name "* ]]; then
    find "$out" -name '*Vsco.*' -delete
    if (cd tests/android && mvn -B -q -Dgen.dir="$out" -Dbuild.dir="$build" compile \
      >"$cases/$case_name.log" 2>&1); then
      echo "protoc's own Java for golden case $case_name compiles now: drop it from protoc_java_broken" >&2
      exit 1
    fi
    # It must fail for the reason above, not for want of a dependency.
    if ! grep -q "COMPILATION ERROR" "$cases/$case_name.log"; then
      cat "$cases/$case_name.log" >&2
      exit 1
    fi
    echo "golden case $case_name: protoc's own Java does not compile, as expected"
    continue
  fi
  (cd tests/android && mvn -B -q -Dgen.dir="$out" -Dbuild.dir="$build" compile)
  compiled=$((compiled + 1))
done
echo "golden cases compiled with javac and kotlinc: $compiled"

cd tests/android
mvn -B -q -Dgen.dir="$gen" test
for report in target/surefire-reports/*.txt; do
  grep -h "Tests run" "$report"
done
