//! Generates the conformance protocol and the test message types with this project's plugin.

fn main() {
    println!("cargo:rerun-if-changed=proto");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let generator = protoc_gen_prost_vsco::Generator::new()
        .include("proto")
        .file("proto/conformance/conformance.proto")
        .file("proto/google/protobuf/test_messages_proto3.proto")
        .file("proto/google/protobuf/test_messages_proto2.proto")
        .parameter("include_file=_include.rs");
    if let Err(e) = generator.write_to(&out) {
        panic!("generating the conformance schemas failed: {e}");
    }
}
