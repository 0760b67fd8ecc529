//! This project's custom options (`proto/prost_vsco/options.proto`).
//!
//! prost-types drops unknown extensions when it decodes descriptors, so the options are read
//! from the raw request bytes through a shadow of the descriptor messages that keeps only the
//! paths to field and message options. Repeated fields keep their order, so the shadow lines
//! up index for index with the decoded `FileDescriptorProto`s.

/// Extension number of `(prost_vsco.field)` on `google.protobuf.FieldOptions`.
pub const FIELD_EXTENSION: u32 = 57201;
/// Extension number of `(prost_vsco.message)` on `google.protobuf.MessageOptions`.
pub const MESSAGE_EXTENSION: u32 = 57202;

/// `prost_vsco.FieldOptions`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct FieldOptions {
    #[prost(string, tag = "1")]
    pub legacy_key: String,
    #[prost(string, repeated, tag = "2")]
    pub aliases: Vec<String>,
    #[prost(string, tag = "3")]
    pub vendor_key: String,
    #[prost(bool, tag = "4")]
    pub pii: bool,
    #[prost(bool, tag = "5")]
    pub omit_from_map: bool,
}

/// `prost_vsco.MessageOptions`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct MessageOptions {
    #[prost(bool, tag = "1")]
    pub event: bool,
    #[prost(string, tag = "2")]
    pub event_name: String,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct RawRequest {
    #[prost(message, repeated, tag = "15")]
    pub proto_file: Vec<RawFile>,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct RawFile {
    #[prost(message, repeated, tag = "4")]
    pub message_type: Vec<RawMessage>,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct RawMessage {
    #[prost(message, repeated, tag = "2")]
    pub field: Vec<RawField>,
    #[prost(message, repeated, tag = "3")]
    pub nested_type: Vec<RawMessage>,
    #[prost(message, optional, tag = "7")]
    pub options: Option<RawMessageOptions>,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct RawField {
    #[prost(message, optional, tag = "8")]
    pub options: Option<RawFieldOptions>,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct RawFieldOptions {
    #[prost(message, optional, tag = "57201")]
    pub vsco: Option<FieldOptions>,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct RawMessageOptions {
    #[prost(message, optional, tag = "57202")]
    pub vsco: Option<MessageOptions>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_numbers_match_the_proto_file() {
        let proto = include_str!("../../proto/prost_vsco/options.proto");
        assert!(proto.contains(&format!("FieldOptions field = {FIELD_EXTENSION};")));
        assert!(proto.contains(&format!("MessageOptions message = {MESSAGE_EXTENSION};")));
    }
}
