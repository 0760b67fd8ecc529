//! Compiles the telemetry schema with the embedded protobuf compiler (no protoc needed).

fn main() {
    println!("cargo:rerun-if-changed=proto");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let written = protoc_gen_prost_vsco::Generator::new()
        .include("proto")
        .file("proto/telemetry/v1/event.proto")
        .parameter("include_file=_include.rs,vendors=all,vendor_check=warn")
        .write_to(&out);
    if let Err(e) = written {
        panic!("generating the telemetry schema failed: {e}");
    }
}
