//! Compiles the telemetry example's schema with vendor key tables for every built-in profile.
//! The schema breaks some vendor rules on purpose (Firebase reserves `app_background`, and
//! the envelope has more fields than Firebase's 25 parameters): `vendor_check=warn` keeps
//! them warnings, and the service reports what each vendor would lose.

fn main() {
    let proto = "../telemetry/proto";
    println!("cargo:rerun-if-changed={proto}");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let written = protoc_gen_prost_vsco::Generator::new()
        .include(proto)
        .file(format!("{proto}/telemetry/v1/event.proto"))
        .parameter("include_file=_include.rs,vendors=all,vendor_check=warn")
        .write_to(&out);
    if let Err(e) = written {
        panic!("generating the telemetry schema failed: {e}");
    }
}
