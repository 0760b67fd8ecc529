//! Feeds arbitrary bytes to the JSON decoder for the conformance suite's TestAllTypesProto3
//! (every field kind and well-known type). It must return a message or an error, never panic;
//! whatever decodes must encode, and decode again to the same message.
//! Run with `cargo +nightly fuzz run json_decode`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prost_vsco::json::{self, JsonOptions};
use prost_vsco_conformance::generated::protobuf_test_messages::proto3::TestAllTypesProto3;

fuzz_target!(|data: &[u8]| {
    let options = JsonOptions::default();
    if let Ok(msg) = json::from_slice::<TestAllTypesProto3>(data, &options) {
        if let Ok(text) = json::to_string(&msg, &options) {
            let again: TestAllTypesProto3 = match json::from_str(&text, &options) {
                Ok(m) => m,
                Err(e) => panic!("our own output does not decode: {e}\n{text}"),
            };
            assert_eq!(json::to_string(&again, &options).ok().as_deref(), Some(text.as_str()));
        }
    }
});
