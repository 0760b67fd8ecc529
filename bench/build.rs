//! Generates the benchmark schemas (the telemetry example and `bench.v1.Heavy`) twice:
//!
//! - with this project's plugin, for the `compare` and `json` benchmarks;
//! - with prost-build plus pbjson-build, the JSON peer of the `json` benchmark (its
//!   well-known types from pbjson-types);
//!
//! and writes the descriptor set for prost-reflect's pool.

use prost::Message;

const TELEMETRY: &str = "../examples/telemetry/proto";
const BENCH: &str = "proto";

fn main() {
    println!("cargo:rerun-if-changed={TELEMETRY}");
    println!("cargo:rerun-if-changed={BENCH}");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let generator = protoc_gen_prost_vsco::Generator::new()
        .include(TELEMETRY)
        .include(BENCH)
        .file(format!("{TELEMETRY}/telemetry/v1/event.proto"))
        .file(format!("{BENCH}/bench/v1/heavy.proto"))
        .parameter("include_file=_include.rs,vendors=all,vendor_check=warn");
    if let Err(e) = generator.write_to(&out) {
        panic!("generating the benchmark schemas failed: {e}");
    }
    let request = match generator.request() {
        Ok(r) => r,
        Err(e) => panic!("compiling the benchmark schemas failed: {e}"),
    };
    let set = prost_types::FileDescriptorSet {
        file: request.decoded().proto_file.clone(),
    };
    let bytes = set.encode_to_vec();
    if let Err(e) = std::fs::write(format!("{out}/descriptors.bin"), &bytes) {
        panic!("writing the descriptor set failed: {e}");
    }
    pbjson(&out, set, &bytes);
}

/// prost's structs and pbjson's serde impls for the same schemas, in `OUT_DIR/pbjson`.
fn pbjson(out: &str, set: prost_types::FileDescriptorSet, bytes: &[u8]) {
    let dir = format!("{out}/pbjson");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("{dir}: {e}");
    }
    let mut config = prost_build::Config::new();
    config
        .out_dir(&dir)
        .compile_well_known_types()
        .extern_path(".google.protobuf", "::pbjson_types");
    if let Err(e) = config.compile_fds(set) {
        panic!("prost-build for pbjson failed: {e}");
    }
    let built = pbjson_build::Builder::new()
        .register_descriptors(bytes)
        .and_then(|b| b.out_dir(&dir).build(&[".telemetry", ".bench"]));
    if let Err(e) = built {
        panic!("pbjson-build failed: {e}");
    }
}
