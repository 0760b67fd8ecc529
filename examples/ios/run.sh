#!/usr/bin/env bash
# Runs the iOS example in the Swift chroot of tests/support/swift-env.sh: protoc-gen-swift and
# this plugin (target=swift) write Sources/Telemetry, SwiftPM builds the program, which runs.
# Run as root.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

source tests/support/jvm-env.sh
source tests/support/swift-env.sh

swift_sync examples/ios
swift_generate_telemetry examples/ios/Sources/Telemetry
in_chroot "
cd /repo/examples/ios
SWIFT_PROTOBUF_PATH=$swift_protobuf swift build --disable-automatic-resolution 2>&1 \
  | { grep -v '^\\[' || true; }
.build/debug/TelemetryExample
"
