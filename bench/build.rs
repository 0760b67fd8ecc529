//! Generates the telemetry example schema for the `compare` benchmark, and writes its
//! descriptor set for prost-reflect's pool.

use prost::Message;

fn main() {
    let proto = "../examples/telemetry/proto";
    println!("cargo:rerun-if-changed={proto}");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let generator = protoc_gen_prost_vsco::Generator::new()
        .include(proto)
        .file(format!("{proto}/telemetry/v1/event.proto"))
        .parameter("include_file=_include.rs");
    if let Err(e) = generator.write_to(&out) {
        panic!("generating the telemetry schema failed: {e}");
    }
    let request = match generator.request() {
        Ok(r) => r,
        Err(e) => panic!("compiling the telemetry schema failed: {e}"),
    };
    let set = prost_types::FileDescriptorSet {
        file: request.decoded().proto_file.clone(),
    };
    if let Err(e) = std::fs::write(format!("{out}/telemetry.bin"), set.encode_to_vec()) {
        panic!("writing the descriptor set failed: {e}");
    }
}
