//! The conformance and JSON differential harnesses: the test schemas generated with this
//! project's plugin, and a random message filler.

/// `conformance.proto`, `test_messages_proto{2,3}.proto` and the telemetry example schema.
#[allow(dead_code, clippy::all, clippy::pedantic)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/_include.rs"));
}
pub mod random;

use prost_vsco::json::TypeRegistry;

/// Every message type of the schemas, plus the well-known types.
pub fn registry() -> TypeRegistry {
    TypeRegistry::new()
        .with(generated::protobuf_test_messages::proto3::MESSAGE_TYPES)
        .with(generated::protobuf_test_messages::proto2::MESSAGE_TYPES)
        .with(generated::telemetry::v1::MESSAGE_TYPES)
}

/// The descriptor set of the schemas (with imports), for oracles that need descriptors.
pub const DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/descriptors.bin"));
