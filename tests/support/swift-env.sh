# Sourced by the Swift scripts (tests/ios/run.sh, examples/ios/run.sh, bench/swift/run.sh) from
# the repository root, as root. Debian bookworm has no Swift: this makes (once, then reuses) a
# Debian trixie chroot with trixie's `swiftlang` 6.0.3 and SwiftProtobuf 1.37.0 built from
# source in it, with its protoc-gen-swift. Sets:
#   swift_chroot   the chroot (default <cargo target dir>/swift-chroot, or $VSCO_SWIFT_CHROOT)
#   swift_protobuf SwiftProtobuf's sources inside the chroot (/src/swift-protobuf, a link to
#                  /src/swift-protobuf-1.37.0: SwiftPM names a path dependency by its last component)
#   in_chroot      a function running a bash command inside the chroot (no network)
#
# SwiftProtobuf comes from a source tarball, $SWIFT_PROTOBUF_TARBALL. Its default is
# ../shared/third_party/swift-protobuf-1.37.0.tar.gz beside this repository; elsewhere, download
# https://github.com/apple/swift-protobuf/archive/refs/tags/1.37.0.tar.gz and point the variable
# at it. Needs debootstrap and rsync (installed from apt when missing), mount and unshare,
# about 3 GB and 3 minutes the first time.
: "${target_dir:?source tests/support/jvm-env.sh or set target_dir first}"
swift_chroot="${VSCO_SWIFT_CHROOT:-$target_dir/swift-chroot}"
swift_protobuf=/src/swift-protobuf
swift_tarball="${SWIFT_PROTOBUF_TARBALL:-$(pwd)/../shared/third_party/swift-protobuf-1.37.0.tar.gz}"

swift_env=(env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)

in_chroot() {
  unshare -n chroot "$swift_chroot" "${swift_env[@]}" bash -ec "$1"
}

swift_mounts() {
  # Swift's binaries find their libraries through /proc/self/exe: /proc is required. It is
  # unmounted when the sourcing script ends, so that nothing under target/ stays mounted.
  mountpoint -q "$swift_chroot/proc" || mount -t proc proc "$swift_chroot/proc"
  trap 'umount "$swift_chroot/proc" 2>/dev/null || true' EXIT
}

# rsync copies the sources into the chroot (swift_sync); a fresh machine may lack it.
if ! command -v rsync >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq rsync >/dev/null
fi

if [ ! -f "$swift_chroot/.toolchain-ready" ]; then
  if ! command -v debootstrap >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null
  fi
  mirror="$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  if mountpoint -q "$swift_chroot/proc"; then umount "$swift_chroot/proc"; fi
  rm -rf "$swift_chroot"
  mkdir -p "$swift_chroot"
  echo "swift-env: debootstrap trixie into $swift_chroot" >&2
  debootstrap --variant=minbase trixie "$swift_chroot" "$mirror" >/dev/null
  swift_mounts
  chroot "$swift_chroot" "${swift_env[@]}" bash -ec '
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends swiftlang protobuf-compiler libc6-dev >/dev/null
    apt-get clean'
  touch "$swift_chroot/.toolchain-ready"
fi
swift_mounts

if [ ! -x "$swift_chroot$swift_protobuf/.build/release/protoc-gen-swift" ]; then
  if [ ! -f "$swift_tarball" ]; then
    echo "swift-env: SwiftProtobuf 1.37.0 sources not found at $swift_tarball;" \
      "set SWIFT_PROTOBUF_TARBALL to a copy of" \
      "https://github.com/apple/swift-protobuf/archive/refs/tags/1.37.0.tar.gz" >&2
    exit 1
  fi
  rm -rf "$swift_chroot$swift_protobuf" "$swift_chroot$swift_protobuf-1.37.0"
  mkdir -p "$swift_chroot/src"
  tar -xzf "$swift_tarball" -C "$swift_chroot/src"
  ln -s swift-protobuf-1.37.0 "$swift_chroot$swift_protobuf"
  # The upstream manifest for Swift 6 also declares the bundled C++ protoc, whose sources the
  # release tarball does not hold: build the three Swift products with a manifest of their own.
  mv "$swift_chroot$swift_protobuf/Package@swift-6.0.swift" \
    "$swift_chroot$swift_protobuf/Package@swift-6.0.swift.upstream"
  cp tests/ios/SwiftProtobuf.Package.swift "$swift_chroot$swift_protobuf/Package.swift"
  echo "swift-env: building SwiftProtobuf 1.37.0 and protoc-gen-swift" >&2
  in_chroot "cd $swift_protobuf && swift build -c release --disable-automatic-resolution \
    --product protoc-gen-swift >/dev/null"
fi

# Copies into the chroot's /repo what the Swift packages build from: the runtime, the schemas,
# this plugin, protoc 36.2 and its includes, and the repository directories given (without
# their SwiftPM build directories). Copies, never bind mounts: a bind mount under target/ would
# let `cargo clean` reach the sources.
swift_sync() {
  local repo="$swift_chroot/repo" dir
  mkdir -p "$repo/mobile" "$repo/examples/telemetry" "$repo/bin" "$repo/protoc"
  rsync -a --delete --exclude .build mobile/prost-vsco-swift/ "$repo/mobile/prost-vsco-swift/"
  rsync -a --delete examples/telemetry/proto/ "$repo/examples/telemetry/proto/"
  rsync -a --delete proto/ "$repo/proto/"
  cp "$plugin" "$repo/bin/protoc-gen-prost-vsco"
  cp "$protoc" "$repo/protoc/protoc"
  rsync -a --delete "$protoc_include/" "$repo/protoc/include/"
  for dir in "$@"; do
    mkdir -p "$repo/$dir"
    rsync -a --delete --exclude .build --exclude Generated --exclude Sources/Telemetry \
      "$dir/" "$repo/$dir/"
  done
}

# Writes the telemetry schema's Swift (protoc-gen-swift's structs and this plugin's
# extensions, public) into /repo/DIR inside the chroot.
swift_generate_telemetry() {
  in_chroot "
    cd /repo
    rm -rf $1 && mkdir -p $1
    protoc/protoc -I examples/telemetry/proto -I proto -I protoc/include \
      --plugin=protoc-gen-swift=$swift_protobuf/.build/release/protoc-gen-swift \
      --plugin=protoc-gen-prost-vsco=/repo/bin/protoc-gen-prost-vsco \
      --swift_out=$1 --swift_opt=Visibility=Public \
      --prost-vsco_out=$1 --prost-vsco_opt=target=swift,Visibility=Public \
      examples/telemetry/proto/telemetry/v1/*.proto"
}
