#!/usr/bin/env bash
# The iOS adapters' suite: in a Debian trixie chroot with Swift 6.0.3 and SwiftProtobuf 1.37.0
# (tests/support/swift-env.sh makes it once), protoc 36.2 (the vendored one) runs
# protoc-gen-swift and this plugin (target=swift) in one run over the telemetry schema and
# every golden case with schemas of its own; `swift test` compiles them all with the runtime
# package (mobile/prost-vsco-swift) and runs the XCTest suite (the shared vectors among it). Run as root.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

source tests/support/jvm-env.sh
source tests/support/swift-env.sh

swift_sync tests/ios tests/vectors tests/golden
in_chroot "/repo/tests/ios/in-chroot.sh $swift_protobuf"
