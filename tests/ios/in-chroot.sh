#!/usr/bin/env bash
# Runs inside the Swift chroot from tests/ios/run.sh, with the repository parts at /repo:
# generates the Swift of the telemetry schema and of every golden case with schemas of its
# own, builds them all with the runtime and runs the XCTest suite.
#   in-chroot.sh SWIFT_PROTOBUF_DIR
set -euo pipefail
swift_protobuf="$1"
cd /repo
gen=tests/ios/Generated
rm -rf "$gen"
mkdir -p "$gen/telemetry" "$gen/cases"
plugins=(--plugin=protoc-gen-swift="$swift_protobuf/.build/release/protoc-gen-swift"
  --plugin=protoc-gen-prost-vsco=/repo/bin/protoc-gen-prost-vsco)
protoc/protoc -I examples/telemetry/proto -I proto -I protoc/include "${plugins[@]}" \
  --swift_out="$gen/telemetry" --swift_opt=Visibility=Public \
  --prost-vsco_out="$gen/telemetry" --prost-vsco_opt=target=swift,Visibility=Public \
  examples/telemetry/proto/telemetry/v1/*.proto
# The telemetry schema again under the other two visibilities of protoc-gen-swift (Internal,
# the default, and Package), each in a module of its own that must compile: the module above
# and the golden cases are public so that the tests can reach them.
for visibility in Internal Package; do
  out="$gen/cases/Telemetry$visibility"
  mkdir -p "$out"
  swift_opt=() vsco_opt=target=swift
  if [ "$visibility" != Internal ]; then
    swift_opt=(--swift_opt="Visibility=$visibility")
    vsco_opt="$vsco_opt,Visibility=$visibility"
  fi
  protoc/protoc -I examples/telemetry/proto -I proto -I protoc/include "${plugins[@]}" \
    --swift_out="$out" "${swift_opt[@]}" --prost-vsco_out="$out" --prost-vsco_opt="$vsco_opt" \
    examples/telemetry/proto/telemetry/v1/*.proto
done
generated=0
for case_dir in tests/golden/*/; do
  name="$(basename "$case_dir")"
  [ -d "$case_dir/input" ] || continue
  # snake_case to a module name: swift_names -> SwiftNames.
  module="$(echo "$name" | sed -E 's/(^|_)([a-z])/\U\2/g')"
  out="/repo/$gen/cases/$module"
  mkdir -p "$out"
  # Generated code in a module of its own needs public declarations; the swift_* cases say
  # so themselves.
  opt=target=swift,Visibility=Public
  case "$name" in swift_*) opt="$(cat "$case_dir/params.txt")" ;; esac
  # The per-field JSON forms vectors need that case's json_format parameters.
  if [ "$name" = json_formats ]; then
    opt="$opt,$(cat "$case_dir/params.txt")"
  fi
  # A case whose schema breaks a vendor rule on purpose says vendor_check=warn; keep it.
  if grep -q "vendor_check=warn" "$case_dir/params.txt"; then
    opt="$opt,vendor_check=warn"
  fi
  (
    cd "$case_dir/input"
    mapfile -t protos < <(find . -name '*.proto' | sed 's|^\./||' | sort)
    /repo/protoc/protoc -I . -I /repo/proto -I /repo/protoc/include "${plugins[@]}" \
      --swift_out="$out" --swift_opt=Visibility=Public \
      --prost-vsco_out="$out" --prost-vsco_opt="$opt" "${protos[@]}"
  )
  generated=$((generated + 1))
done
cd tests/ios
export SWIFT_PROTOBUF_PATH="$swift_protobuf" VSCO_VECTORS=/repo/tests/vectors/telemetry.json \
  VSCO_FORM_VECTORS=/repo/tests/vectors/json_formats.json \
  VSCO_WRITER_VECTORS=/repo/tests/vectors/json_writer.json
# Every target: the telemetry module, one per golden case, the tests.
swift build --build-tests --disable-automatic-resolution 2>&1 | { grep -v '^\[' || true; }
echo "golden cases compiled with swiftc: $generated"
swift test --skip-build --disable-automatic-resolution 2>&1 | { grep -v '^\[' || true; }
