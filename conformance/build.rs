//! Generates the conformance protocol, the test message types and the telemetry example with
//! this project's plugin, and writes their descriptor set for the Python oracle.

use prost::Message;

fn main() {
    println!("cargo:rerun-if-changed=proto");
    println!("cargo:rerun-if-changed=../examples/telemetry/proto");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let generator = protoc_gen_prost_vsco::Generator::new()
        .include("proto")
        .include("../examples/telemetry/proto")
        .file("proto/conformance/conformance.proto")
        .file("proto/google/protobuf/test_messages_proto3.proto")
        .file("proto/google/protobuf/test_messages_proto2.proto")
        .file("../examples/telemetry/proto/telemetry/v1/event.proto")
        .parameter("include_file=_include.rs");
    if let Err(e) = generator.write_to(&out) {
        panic!("generating the conformance schemas failed: {e}");
    }
    let request = match generator.request() {
        Ok(r) => r,
        Err(e) => panic!("compiling the conformance schemas failed: {e}"),
    };
    let set = prost_types::FileDescriptorSet {
        file: request.decoded().proto_file.clone(),
    };
    if let Err(e) = std::fs::write(format!("{out}/descriptors.bin"), set.encode_to_vec()) {
        panic!("writing the descriptor set failed: {e}");
    }
}
