//! Any bytes as a CodeGeneratorRequest: `run` must answer (files or an error), never panic,
//! and never report an internal error. Run with `cargo +nightly fuzz run run_request`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use protoc_gen_prost_vsco::{Request, run};

fuzz_target!(|data: &[u8]| {
    if let Ok(request) = Request::decode(data) {
        let response = run(&request);
        if let Some(error) = &response.error {
            assert!(!error.contains("internal error"), "{error}");
            assert!(response.file.is_empty());
        }
    }
});
