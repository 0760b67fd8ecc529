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

# The repository parts the chroot needs, copied (never bind-mounted: a bind mount under
# target/ would let `cargo clean` reach the sources).
repo="$swift_chroot/repo"
mkdir -p "$repo/mobile" "$repo/tests" "$repo/bin" "$repo/protoc" "$repo/examples/telemetry"
rsync -a --delete --exclude .build mobile/prost-vsco-swift/ "$repo/mobile/prost-vsco-swift/"
rsync -a --delete --exclude .build --exclude Generated tests/ios/ "$repo/tests/ios/"
rsync -a --delete tests/vectors/ "$repo/tests/vectors/"
rsync -a --delete tests/golden/ "$repo/tests/golden/"
rsync -a --delete examples/telemetry/proto/ "$repo/examples/telemetry/proto/"
rsync -a --delete proto/ "$repo/proto/"
cp "$plugin" "$repo/bin/protoc-gen-prost-vsco"
cp "$protoc" "$repo/protoc/protoc"
rsync -a --delete "$protoc_include/" "$repo/protoc/include/"

in_chroot "/repo/tests/ios/in-chroot.sh $swift_protobuf"
