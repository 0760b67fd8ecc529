"""A stand-in for rules_rust's rust_library that records what it was given, so the
prost_vsco_rust_library macro's wiring can be tested where rules_rust is not available."""

def _fake_rust_library_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".manifest")
    lines = ["crate_root " + ctx.file.crate_root.short_path]
    lines += ["src " + f.short_path for f in ctx.files.srcs]
    lines += ["dep " + str(d.label) for d in ctx.attr.deps]
    ctx.actions.write(out, "\n".join(lines) + "\n")
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

fake_rust_library = rule(
    implementation = _fake_rust_library_impl,
    attrs = {
        "srcs": attr.label_list(allow_files = True),
        "crate_root": attr.label(allow_single_file = True, mandatory = True),
        "deps": attr.label_list(),
    },
)
