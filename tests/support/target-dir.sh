# Sourced by the scripts from the repository root: sets `target_dir` to cargo's target
# directory, which CARGO_TARGET_DIR (or a config's build.target-dir) may move away from
# ./target; cargo metadata knows where it is.
target_dir="$(cargo metadata --format-version 1 --no-deps --locked \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
