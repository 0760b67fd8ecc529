"""A stand-in for rules_rust (not obtainable offline): rust_library and rust_binary with
rules_rust's attributes, which record what they were given in a manifest. It lets the tests
load //:BUILD.bazel and check its targets: globs that find the sources, crate roots, and deps
that are exactly the Cargo manifests' dependencies (@crates is generated from them)."""

def _manifest_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".manifest")
    lines = [
        "crate_root " + ctx.file.crate_root.short_path if ctx.file.crate_root else "crate_root -",
        "srcs %d" % len(ctx.files.srcs),
    ]
    lines += ["feature " + f for f in ctx.attr.crate_features]
    lines += sorted(["dep " + str(d.label) for d in ctx.attr.deps])
    ctx.actions.write(out, "\n".join(lines) + "\n")
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

_ATTRS = {
    "srcs": attr.label_list(allow_files = [".rs"], mandatory = True),
    "crate_root": attr.label(allow_single_file = [".rs"]),
    "crate_name": attr.string(),
    "crate_features": attr.string_list(),
    "compile_data": attr.label_list(allow_files = True),
    "edition": attr.string(values = ["2015", "2018", "2021", "2024"]),
    "deps": attr.label_list(),
}

rust_library = rule(implementation = _manifest_impl, attrs = _ATTRS)

rust_binary = rule(implementation = _manifest_impl, attrs = _ATTRS)
