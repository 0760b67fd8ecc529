//! This project's custom options (`proto/prost_vsco/options.proto`).
//!
//! prost-types drops unknown extensions when it decodes descriptors, so the options are read
//! from the raw request bytes through a shadow of the descriptor messages that keeps only the
//! paths to field and message options. Repeated fields keep their order, so the shadow lines
//! up index for index with the decoded `FileDescriptorProto`s.

use prost_vsco::json::FieldFormat;

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
    /// `prost_vsco.JsonBytes`: 0 unset, 1 base64, 2 hex.
    #[prost(int32, tag = "6")]
    pub json_bytes: i32,
    /// `prost_vsco.JsonEnum`: 0 unset, 1 names, 2 numbers.
    #[prost(int32, tag = "7")]
    pub json_enum: i32,
    /// `prost_vsco.JsonInt64`: 0 unset, 1 strings, 2 numbers.
    #[prost(int32, tag = "8")]
    pub json_int64: i32,
    /// `prost_vsco.JsonTimestamp`: 0 unset, 1 RFC 3339, 2 epoch millis, 3 epoch seconds.
    #[prost(int32, tag = "9")]
    pub json_timestamp: i32,
}

impl FieldOptions {
    /// The `json_*` options as a runtime [`FieldFormat`]; an error names an enum number this
    /// plugin does not know (a newer `options.proto`).
    pub fn json_format(&self) -> Result<FieldFormat, String> {
        use prost_vsco::json::{BytesFormat, EnumFormat, Int64Format, TimestampFormat};
        let unknown = |option: &str, n: i32| Err(format!("unknown value {n} of `{option}`"));
        let mut f = FieldFormat::NONE;
        f.bytes = match self.json_bytes {
            0 => None,
            1 => Some(BytesFormat::Base64),
            2 => Some(BytesFormat::Hex),
            n => return unknown("json_bytes", n),
        };
        f.enums = match self.json_enum {
            0 => None,
            1 => Some(EnumFormat::Names),
            2 => Some(EnumFormat::Numbers),
            n => return unknown("json_enum", n),
        };
        f.int64 = match self.json_int64 {
            0 => None,
            1 => Some(Int64Format::Strings),
            2 => Some(Int64Format::Numbers),
            n => return unknown("json_int64", n),
        };
        f.timestamps = match self.json_timestamp {
            0 => None,
            1 => Some(TimestampFormat::Rfc3339),
            2 => Some(TimestampFormat::EpochMillis),
            3 => Some(TimestampFormat::EpochSeconds),
            n => return unknown("json_timestamp", n),
        };
        Ok(f)
    }
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
