#!/usr/bin/env bash
# The iOS adapters' timing harness, in the Swift chroot of tests/support/swift-env.sh:
# generates the telemetry schema's Swift, builds bench/swift in release mode and runs it
# (ROUNDS=30 by default). Prints ns/op per operation and the ratios. Run as root.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

source tests/support/jvm-env.sh
source tests/support/swift-env.sh

swift_sync bench/swift
swift_generate_telemetry bench/swift/Sources/Telemetry
in_chroot "
cd /repo/bench/swift
SWIFT_PROTOBUF_PATH=$swift_protobuf swift build -c release --disable-automatic-resolution 2>&1 \
  | { grep -v '^\\[' || true; }
ROUNDS=${ROUNDS:-30} .build/release/VscoBench
"
