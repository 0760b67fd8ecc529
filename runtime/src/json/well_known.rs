//! The well-known types with a JSON form of their own, by full name: what the encoder and
//! both decoders ask before treating a message as a plain object.

use crate::meta::Kind;

/// The well-known types with a JSON form of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wkt {
    Timestamp,
    Duration,
    FieldMask,
    Struct,
    Value,
    ListValue,
    Any,
    /// A wrapper (`google.protobuf.Int32Value`, ...), with the kind of its `value`.
    Wrapper(Kind),
}

/// The special JSON form of a message type, by full name.
#[inline]
pub(crate) fn wkt(full_name: &str) -> Option<Wkt> {
    let name = full_name.strip_prefix("google.protobuf.")?;
    Some(match name {
        "Timestamp" => Wkt::Timestamp,
        "Duration" => Wkt::Duration,
        "FieldMask" => Wkt::FieldMask,
        "Struct" => Wkt::Struct,
        "Value" => Wkt::Value,
        "ListValue" => Wkt::ListValue,
        "Any" => Wkt::Any,
        "DoubleValue" => Wkt::Wrapper(Kind::Double),
        "FloatValue" => Wkt::Wrapper(Kind::Float),
        "Int64Value" => Wkt::Wrapper(Kind::Int64),
        "UInt64Value" => Wkt::Wrapper(Kind::Uint64),
        "Int32Value" => Wkt::Wrapper(Kind::Int32),
        "UInt32Value" => Wkt::Wrapper(Kind::Uint32),
        "BoolValue" => Wkt::Wrapper(Kind::Bool),
        "StringValue" => Wkt::Wrapper(Kind::String),
        "BytesValue" => Wkt::Wrapper(Kind::Bytes),
        _ => return None,
    })
}

/// True for the enum `google.protobuf.NullValue`, whose only JSON form is `null`.
#[inline]
pub(crate) fn is_null_value(kind: Kind) -> bool {
    matches!(kind, Kind::Enum(info) if info.full_name == "google.protobuf.NullValue")
}
