"""Bazel rules for protoc-gen-prost-vsco.

`prost_vsco_library` runs protoc with this plugin over `proto_library` targets and declares one
Rust file: every package's code, nested as `pub mod`s (the plugin's `include_file` plus
`include_inline` parameters), ready to be a crate root.

`prost_vsco_rust_library` also makes a `rust_library` of that file. It takes the
`rust_library` rule as an argument, so this file never loads rules_rust and stays loadable in
workspaces without it; `//bazel:rust.bzl` passes rules_rust's rule for you.

The plugin binary comes from the `plugin` attribute, by default the label flag
`@prost_vsco//bazel:plugin`, which points at the plugin built from source by rules_rust
(`@prost_vsco//:protoc-gen-prost-vsco`). To use a prebuilt binary instead, pass
`plugin = "//tools:protoc-gen-prost-vsco"` or set
`--@prost_vsco//bazel:plugin=//tools:protoc-gen-prost-vsco` in `.bazelrc`.
"""

def _import_path(f, proto_source_root):
    """The path protoc knows `f` by: its path below the first matching root, trying the
    proto source root (as is, then under the output root for generated files), the output
    root, and the owning repository's root (external repositories, sibling layout)."""
    candidates = []
    if proto_source_root not in ("", "."):
        candidates.append(proto_source_root)
        if f.root.path:
            candidates.append(f.root.path + "/" + proto_source_root)
    if f.root.path:
        candidates.append(f.root.path)
    workspace_root = f.owner.workspace_root
    if workspace_root:
        if f.root.path:
            candidates.append(f.root.path + "/" + workspace_root)
        candidates.append(workspace_root)
    for prefix in candidates:
        if f.path.startswith(prefix + "/"):
            return f.path[len(prefix) + 1:]
    return f.path

def _prost_vsco_library_impl(ctx):
    out = ctx.actions.declare_file(ctx.attr.out or ctx.label.name + ".rs")
    options = list(ctx.attr.options) + [
        "include_file=" + out.basename,
        "include_inline",
    ]

    # The direct sources are parsed from source (`-I` their roots) so that their comments
    # reach the plugin (Bazel's descriptor sets carry no source info); imports come from the
    # transitive descriptor sets.
    files_to_generate = []
    roots = {}
    direct_sources = []
    descriptor_sets = []
    for dep in ctx.attr.deps:
        info = dep[ProtoInfo]
        for f in info.direct_sources:
            path = _import_path(f, info.proto_source_root)
            files_to_generate.append(path)
            roots[f.path[:-len(path)].rstrip("/") or "."] = True
            direct_sources.append(f)
        descriptor_sets.append(info.transitive_descriptor_sets)
    descriptor_sets = depset(transitive = descriptor_sets)
    if not files_to_generate:
        fail("deps of %s have no .proto sources" % ctx.label)

    args = ctx.actions.args()
    args.add(ctx.executable.plugin.path, format = "--plugin=protoc-gen-prost-vsco=%s")
    args.add_all(roots.keys(), format_each = "-I%s")
    args.add_joined(descriptor_sets, join_with = ":", format_joined = "--descriptor_set_in=%s")
    args.add(out.dirname, format = "--prost-vsco_out=%s")
    args.add(",".join(options), format = "--prost-vsco_opt=%s")
    args.add_all(files_to_generate)
    ctx.actions.run(
        executable = ctx.executable._protoc,
        arguments = [args],
        inputs = depset(direct_sources, transitive = [descriptor_sets]),
        tools = [ctx.executable.plugin],
        outputs = [out],
        mnemonic = "ProstVsco",
        progress_message = "Generating Rust code with protoc-gen-prost-vsco for %s" % ctx.label,
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

prost_vsco_library = rule(
    implementation = _prost_vsco_library_impl,
    doc = "Generates one Rust file (prost structs, reflection, JSON support) from proto_library deps.",
    attrs = {
        "deps": attr.label_list(
            providers = [ProtoInfo],
            mandatory = True,
            doc = "proto_library targets whose own .proto files are generated.",
        ),
        "options": attr.string_list(
            doc = "Plugin parameters (`btree_map=.`, `serde`, `extern_path=...`); " +
                  "`include_file` and `include_inline` are set by the rule.",
        ),
        "out": attr.string(doc = "Name of the output file; default `<name>.rs`."),
        "plugin": attr.label(
            default = Label("//bazel:plugin"),
            executable = True,
            cfg = "exec",
            allow_files = True,
            doc = "The protoc-gen-prost-vsco binary.",
        ),
        "_protoc": attr.label(
            default = Label("@com_google_protobuf//:protoc"),
            executable = True,
            cfg = "exec",
            allow_single_file = True,
        ),
    },
)

def prost_vsco_rust_library(
        name,
        deps,
        rust_library,
        prost,
        prost_vsco,
        prost_types = None,
        options = [],
        plugin = None,
        crate_deps = [],
        **kwargs):
    """`prost_vsco_library` plus a `rust_library` with the generated file as crate root.

    Args:
      name: the rust_library's name; the generated file is `<name>_gen`.
      deps: proto_library targets.
      rust_library: the rule to call (rules_rust's `rust_library`).
      prost: label of the prost crate.
      prost_vsco: label of the prost-vsco runtime crate.
      prost_types: label of the prost-types crate, when the protos use well-known types.
      options: plugin parameters.
      plugin: the plugin binary (default: the `//bazel:plugin` label flag).
      crate_deps: further crates the generated code needs (serde's dependents, extern types).
      **kwargs: passed to rust_library (visibility, edition, ...).
    """
    gen_kwargs = {}
    if plugin:
        gen_kwargs["plugin"] = plugin
    prost_vsco_library(
        name = name + "_gen",
        deps = deps,
        options = options,
        out = name + ".rs",
        visibility = ["//visibility:private"],
        **gen_kwargs
    )
    crates = [prost, prost_vsco] + ([prost_types] if prost_types else []) + crate_deps
    rust_library(
        name = name,
        srcs = [":" + name + "_gen"],
        crate_root = ":" + name + "_gen",
        deps = crates,
        **kwargs
    )
