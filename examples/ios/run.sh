#!/usr/bin/env bash
# Runs the iOS example in the Swift chroot of tests/support/swift-env.sh: protoc-gen-swift and
# this plugin (target=swift) write Sources/Telemetry, `swift run` builds and runs the program.
# Run as root.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

source tests/support/jvm-env.sh
source tests/support/swift-env.sh

repo="$swift_chroot/repo"
mkdir -p "$repo/mobile" "$repo/examples/telemetry" "$repo/bin" "$repo/protoc"
rsync -a --delete --exclude .build mobile/prost-vsco-swift/ "$repo/mobile/prost-vsco-swift/"
rsync -a --delete --exclude .build --exclude Sources/Telemetry examples/ios/ "$repo/examples/ios/"
rsync -a --delete examples/telemetry/proto/ "$repo/examples/telemetry/proto/"
rsync -a --delete proto/ "$repo/proto/"
cp "$plugin" "$repo/bin/protoc-gen-prost-vsco"
cp "$protoc" "$repo/protoc/protoc"
rsync -a --delete "$protoc_include/" "$repo/protoc/include/"

in_chroot "
cd /repo
gen=examples/ios/Sources/Telemetry
rm -rf \$gen && mkdir -p \$gen
protoc/protoc -I examples/telemetry/proto -I proto -I protoc/include \
  --plugin=protoc-gen-swift=$swift_protobuf/.build/release/protoc-gen-swift \
  --plugin=protoc-gen-prost-vsco=/repo/bin/protoc-gen-prost-vsco \
  --swift_out=\$gen --swift_opt=Visibility=Public \
  --prost-vsco_out=\$gen --prost-vsco_opt=target=swift,Visibility=Public \
  examples/telemetry/proto/telemetry/v1/*.proto
cd examples/ios
SWIFT_PROTOBUF_PATH=$swift_protobuf swift build --disable-automatic-resolution 2>&1 | { grep -v '^\\[' || true; }
.build/debug/TelemetryExample
"
