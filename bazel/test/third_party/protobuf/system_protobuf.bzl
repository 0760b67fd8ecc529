"""@com_google_protobuf made of the system's protoc and well-known type protos."""

# Well-known types: name -> the other WKTs it imports.
_WKT = {
    "any": [],
    "api": ["source_context", "type"],
    "descriptor": [],
    "duration": [],
    "empty": [],
    "field_mask": [],
    "source_context": [],
    "struct": [],
    "timestamp": [],
    "type": ["any", "source_context"],
    "wrappers": [],
}

def _system_protobuf_impl(rctx):
    protoc = rctx.path(rctx.attr.protoc)
    if not protoc.exists:
        fail("protoc not found at %s (apt-get install protobuf-compiler)" % protoc)
    rctx.symlink(protoc, "protoc")
    build = [
        'package(default_visibility = ["//visibility:public"])',
        "",
        'exports_files(["protoc"])',
        "",
    ]
    for name, deps in sorted(_WKT.items()):
        src = "%s/google/protobuf/%s.proto" % (rctx.attr.include_dir, name)
        if not rctx.path(src).exists:
            fail("%s not found (apt-get install libprotobuf-dev)" % src)
        rctx.symlink(src, "google/protobuf/%s.proto" % name)
        build.append("proto_library(")
        build.append('    name = "%s_proto",' % name)
        build.append('    srcs = ["google/protobuf/%s.proto"],' % name)
        build.append("    deps = [%s]," % ", ".join(['":%s_proto"' % d for d in deps]))
        build.append(")")
        build.append("")
    build.append("proto_library(")
    build.append('    name = "well_known_type_protos",')
    build.append("    deps = [%s]," % ", ".join(['":%s_proto"' % n for n in sorted(_WKT)]))
    build.append(")")
    rctx.file("WORKSPACE", 'workspace(name = "%s")\n' % rctx.name)
    rctx.file("BUILD", "\n".join(build) + "\n")

system_protobuf = repository_rule(
    implementation = _system_protobuf_impl,
    attrs = {
        "protoc": attr.string(default = "/usr/bin/protoc"),
        "include_dir": attr.string(default = "/usr/include"),
    },
    local = True,
)
