"""Reads `cargo metadata` on stdin; writes a stand-in @crates repository (one filegroup per
crate the plugin and the runtime depend on) and expected/<package>.deps for each, so the tests
can check that //:BUILD.bazel's targets depend on exactly the Cargo manifests' crates (and,
as `local NAME` lines, on the repository's own targets for path dependencies)."""

import json
import os
import sys

ws = sys.argv[1]
crates = set()
for package in json.load(sys.stdin)["packages"]:
    name = package["name"]
    if name not in ("prost-vsco", "protoc-gen-prost-vsco"):
        continue
    normal = [d for d in package["dependencies"] if d["kind"] is None]
    # Path dependencies (the runtime, for the plugin) are this repository's own targets.
    deps = sorted(d["name"] for d in normal if not d.get("path"))
    local = sorted(d["name"].replace("-", "_") for d in normal if d.get("path"))
    crates.update(deps)
    with open(os.path.join(ws, "expected", name + ".deps"), "w") as f:
        f.write("".join(d + "\n" for d in deps))
        f.write("".join("local " + d + "\n" for d in local))
repo = os.path.join(ws, "third_party", "crates")
os.makedirs(repo, exist_ok=True)
with open(os.path.join(repo, "WORKSPACE"), "w") as f:
    f.write('workspace(name = "crates")\n')
with open(os.path.join(repo, "BUILD.bazel"), "w") as f:
    f.write('package(default_visibility = ["//visibility:public"])\n\n')
    f.write("".join('filegroup(name = "%s")\n' % c for c in sorted(crates)))
