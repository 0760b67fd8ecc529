"""`prost_vsco_rust_library` with rules_rust's `rust_library` filled in.

Load this file only in workspaces that have rules_rust (`@rules_rust`); `//bazel:defs.bzl`
itself never loads it.
"""

load("@rules_rust//rust:defs.bzl", "rust_library")
load("//bazel:defs.bzl", _prost_vsco_rust_library = "prost_vsco_rust_library")

def prost_vsco_rust_library(name, deps, prost, prost_vsco, **kwargs):
    """See `//bazel:defs.bzl`; `rust_library` is rules_rust's."""
    _prost_vsco_rust_library(
        name = name,
        deps = deps,
        rust_library = rust_library,
        prost = prost,
        prost_vsco = prost_vsco,
        **kwargs
    )
