# Sourced by the JVM scripts (tests/android/run.sh, examples/android/run.sh, bench/jvm/run.sh)
# from the repository root. Sets:
#   target_dir      cargo's target directory (cargo metadata honours CARGO_TARGET_DIR)
#   protoc          protoc 36.2 from the protoc-bin-vendored crate
#   protoc_include  its well-known types
#   plugin          this plugin's binary, built (debug)
source tests/support/target-dir.sh
metadata="$(cargo metadata --format-version 1 --locked)"
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
# Cargo unpacks a crate's sources (protoc among them) when it builds it: the end-to-end tests
# depend on protoc-bin-vendored.
cargo build --locked -q -p protoc-gen-prost-vsco -p vsco-e2e --tests
protoc="$protoc_crate/bin/protoc"
protoc_include="$protoc_crate/include"
plugin="$target_dir/debug/protoc-gen-prost-vsco"
